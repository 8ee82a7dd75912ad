//! `rebase`: move an assessment to a newer edition of its pack. Parses, makes the `safe_app`
//! call (preview, or move), prints the plan.

use std::path::Path;

use clap::Args;
use safe_core::catalogue::Library;
use safe_core::model::Stamp;
use safe_core::rebase::{MoveKind, RebasePlan};
use safe_core::store::{self, Store};

use crate::error::Result;

/// `rebase` arguments.
#[derive(Debug, Args)]
pub struct RebaseArgs {
    /// Assessment id (or a unique prefix).
    pub id: String,
    /// The newer pack: PACK or PACK@VERSION, e.g. safe2025-aeo.
    #[arg(long, value_name = "PACK[@VERSION]")]
    pub to: String,
    /// Show what would move; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(db: &Path, by: &str, a: RebaseArgs) -> Result<()> {
    let lib = Library::load(&store::user_catalogue_dir(db))?;
    for p in lib.problems() {
        eprintln!("warning: {} was not loaded: {}", p.file, p.message);
    }
    let mut store = Store::open(db)?;
    let plan = if a.dry_run {
        safe_app::rebase::rebase_preview(&store, &lib, &a.id, &a.to)?
    } else {
        safe_app::rebase::rebase_apply(&mut store, &lib, &a.id, &a.to, &Stamp::now(by))?.plan
    };
    if a.json {
        let counts: serde_json::Map<String, serde_json::Value> = plan
            .counts()
            .into_iter()
            .map(|(k, n)| (k.slug().to_string(), n.into()))
            .collect();
        let v = serde_json::json!({
            "schema": "safe-assess.rebase/1",
            "dryRun": a.dry_run,
            "counts": counts,
            "plan": plan,
        });
        match serde_json::to_string_pretty(&v) {
            Ok(s) => outln!("{s}"),
            Err(e) => eprintln!("error: cannot write JSON: {e}"),
        }
        return Ok(());
    }
    print(&plan);
    if a.dry_run {
        outln!("\ndry run: nothing was written; run again without --dry-run to move it");
    } else {
        outln!(
            "\nmoved {} to {}; answers marked carried over: confirm them with 'safe-assess answer'",
            plan.assessment_id,
            plan.to
        );
    }
    Ok(())
}

fn print(plan: &RebasePlan) {
    let via = if plan.via.is_empty() {
        String::new()
    } else {
        let v: Vec<String> = plan.via.iter().map(|p| p.to_string()).collect();
        format!(" (via {})", v.join(", "))
    };
    outln!("{}: {} -> {}{via}", plan.assessment_id, plan.from, plan.to);
    for (kind, n) in plan.counts() {
        outln!("  {:<10} {n}", kind.slug());
    }
    for m in plan.moves.iter().filter(|m| m.kind != MoveKind::Kept) {
        let answered = if m.answered.is_empty() {
            String::new()
        } else {
            format!("  [answered: {}]", m.answered.join(", "))
        };
        outln!(
            "{:<10} {} -> {}{answered}",
            m.kind.slug(),
            if m.from.is_empty() {
                "–".to_string()
            } else {
                m.from.join(", ")
            },
            if m.to.is_empty() {
                "–".to_string()
            } else {
                m.to.join(", ")
            },
        );
        for n in &m.notes {
            outln!("           {n}");
        }
    }
    outln!(
        "\nanswers carried: {} ({} to confirm: \"carried over, please confirm\")",
        plan.carried.len(),
        plan.to_confirm()
    );
    if plan.left_behind.is_empty() {
        outln!("answers left behind: none");
    } else {
        outln!(
            "answers left behind ({}), kept in the history, on no item of {}:",
            plan.left_behind.len(),
            plan.to
        );
        for l in &plan.left_behind {
            let why = match &l.merged_into {
                Some(t) => format!("merged into {t}, which took another answer"),
                None => "withdrawn".to_string(),
            };
            outln!(
                "  {:<12} {:<15} {why}{}{}",
                l.item_id,
                l.answer.status.slug(),
                if l.answer.comment.is_empty() {
                    String::new()
                } else {
                    format!("  \"{}\"", l.answer.comment)
                },
                if l.evidence.is_empty() {
                    String::new()
                } else {
                    format!(
                        "  ({} evidence file(s) unlinked, kept in the list)",
                        l.evidence.len()
                    )
                }
            );
        }
    }
}
