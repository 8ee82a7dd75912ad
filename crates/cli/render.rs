//! Printing: plain text for people, `--json` for scripts (schemas documented in README.md).

use safe_core::Opened;
use safe_core::catalogue::Library;
use safe_core::history::Change;
use safe_core::model::{AnswerInput, Evidence, HistoryEntry};
use safe_core::store::ReceivedReview;
use safe_core::store::{AssessmentSummary, DeletedAssessment};
use serde::Serialize;

fn print_json<T: Serialize + ?Sized>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => outln!("{s}"),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.0}%")).unwrap_or_else(|| "–".into())
}

/// Text cut to `n` characters on one line.
fn cut(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        format!("{}…", one.chars().take(n - 1).collect::<String>())
    }
}

pub fn catalogue(lib: &Library, json: bool) {
    if json {
        print_json(&serde_json::json!({
            "schema": "safe-assess.catalogue/1",
            "packs": lib.summaries(),
            "roles": lib.roles(),
            "userFolder": lib.user_dir(),
            "problems": lib.problems(),
        }));
        return;
    }
    outln!("Packs:");
    for p in lib.summaries() {
        let superseded = p
            .superseded_by
            .map(|by| format!("  (superseded by {by})"))
            .unwrap_or_default();
        outln!(
            "  {:<20} {:<8} {:<7} {:>4} items  {}{superseded}",
            p.id,
            p.version,
            p.profile.slug(),
            p.items,
            p.title
        );
        if !p.tiers.is_empty() {
            let tiers: Vec<String> = p
                .tiers
                .iter()
                .map(|t| format!("{} ({})", t.id, t.name))
                .collect();
            outln!("  {:<20} tiers (for --tier): {}", "", tiers.join(", "));
        }
    }
    outln!("Roles (for --role):");
    for r in lib.roles() {
        outln!("  {:<20} {}", r.id, r.description);
    }
    if let Some(dir) = lib.user_dir() {
        outln!("Your own packs go in: {}", dir.display());
    }
    for p in lib.problems() {
        outln!("Not loaded: {}: {}", p.file, p.message);
    }
}

pub fn list(
    list: &[AssessmentSummary],
    submitted: &std::collections::HashMap<String, u32>,
    json: bool,
) {
    if json {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|s| {
                let mut v = serde_json::to_value(s).unwrap_or_default();
                if let Some(n) = submitted.get(&s.assessment.id) {
                    v["submitted"] = (*n).into();
                }
                v
            })
            .collect();
        print_json(&serde_json::json!({ "schema": "safe-assess.list/1", "assessments": rows }));
        return;
    }
    if list.is_empty() {
        outln!(
            "No assessments yet. Create one with: safe-assess new --title T --profile trader --role importer"
        );
        return;
    }
    outln!(
        "{:<36}  {:<7}  {:>5}  {:<16}  TITLE (ORGANISATION)",
        "ID",
        "PROFILE",
        "DONE",
        "UPDATED"
    );
    for s in list {
        let a = &s.assessment;
        outln!(
            "{:<36}  {:<7}  {:>4.0}%  {:<16}  {}{}{}",
            a.id,
            a.profile.slug(),
            s.completion,
            a.updated_at.format("%Y-%m-%d %H:%M"),
            a.title,
            if a.organisation.is_empty() {
                String::new()
            } else {
                format!(" ({})", a.organisation)
            },
            submitted
                .get(&a.id)
                .map(|n| format!("  Submitted ({n})"))
                .unwrap_or_default()
        );
    }
}

/// The bin (`list --deleted`): schema `safe-assess.bin/1`, each assessment with `deletedAt`.
pub fn bin(bin: &[DeletedAssessment], json: bool) {
    if json {
        print_json(&serde_json::json!({ "schema": "safe-assess.bin/1", "assessments": bin }));
        return;
    }
    if bin.is_empty() {
        outln!("The bin is empty.");
        return;
    }
    outln!(
        "{:<36}  {:<7}  {:<16}  TITLE (ORGANISATION)",
        "ID",
        "PROFILE",
        "DELETED (UTC)"
    );
    for d in bin {
        let a = &d.assessment;
        outln!(
            "{:<36}  {:<7}  {:<16}  {}{}",
            a.id,
            a.profile.slug(),
            d.deleted_at.format("%Y-%m-%d %H:%M"),
            a.title,
            if a.organisation.is_empty() {
                String::new()
            } else {
                format!(" ({})", a.organisation)
            }
        );
    }
    outln!("Bring one back with: safe-assess undelete ID");
}

pub fn show(
    o: &Opened,
    links: &crate::crosswalk::Links,
    submitted: u32,
    review: Option<&ReceivedReview>,
    json: bool,
) {
    if json {
        print_json(&serde_json::json!({
            "submitted": submitted,
            "review": review,
            "schema": "safe-assess.show/1",
            "assessment": o.assessment,
            "pack": {
                "id": o.pack.id,
                "version": o.pack.version,
                "title": o.pack.title,
                "format": o.pack.format,
                "provenance": o.pack.provenance_by_item(),
            },
            "scorecard": o.scorecard,
            "answers": o.answers,
            "evidence": o.evidence,
            "link": links.linked,
            "linkedFrom": links.feeds,
        }));
        return;
    }
    let a = &o.assessment;
    let c = &o.scorecard;
    outln!("{}  [{}]", a.title, a.id);
    outln!(
        "  Profile:      {}{}",
        a.profile.slug(),
        if a.roles.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.roles.join(", "))
        }
    );
    if !a.organisation.is_empty() || !a.country.is_empty() {
        outln!("  Organisation: {} {}", a.organisation, a.country);
    }
    outln!("  Catalogue:    {} {}", a.pack_id, a.pack_version);
    if !a.tiers.is_empty() {
        let names: Vec<String> = a
            .tiers
            .iter()
            .map(|id| {
                o.pack
                    .tiers
                    .iter()
                    .find(|t| &t.id == id)
                    .map(|t| format!("{id} ({})", t.name))
                    .unwrap_or_else(|| id.clone())
            })
            .collect();
        outln!("  Tiers:        {}", names.join(", "));
    }
    if submitted > 0 {
        outln!("  Customs:      Submitted ({submitted})");
    }
    if let Some(r) = review {
        let open = r
            .remarks
            .iter()
            .filter(|m| m.state != safe_core::review::RemarkState::Closed)
            .count();
        outln!(
            "                review of submission {} (application {}, key {}): {}, {} accepted, {} remarks open",
            r.submission,
            r.application_id,
            r.fingerprint,
            r.doc.state.slug(),
            r.locked.iter().filter(|(_, reopened)| !reopened).count(),
            open
        );
        // In the store's order (open remarks first, the nearest deadline first); overdue against
        // the user's date.
        let today = safe_app::today();
        for m in &r.remarks {
            outln!(
                "                R{} {} [{}, {}; {}]: {}{}",
                m.number,
                m.item_id,
                m.kind.slug(),
                m.state.slug(),
                crate::review::due_text(m.due, m.state, today),
                cut(&m.text, 60),
                if m.response.is_empty() {
                    String::new()
                } else {
                    format!(" | answered: {}", cut(&m.response, 40))
                }
            );
        }
    }
    outln!(
        "  Completion:   {:.0}% ({} of {} items answered)",
        c.overall.completion,
        c.overall.answered,
        c.overall.applicable
    );
    outln!("  Score:        {}", pct(c.overall.score));
    if let Some(v) = &c.verdict {
        outln!("  Verdict:      {} (rule {})", v.readiness.slug(), v.rule);
        outln!("                {}", v.explanation);
    }
    outln!("\nScores by group:");
    for g in &c.groups {
        if g.score.applicable == 0 {
            continue;
        }
        outln!(
            "  {}{:<10} {:>5}  {:>4.0}% done  {}",
            "  ".repeat(g.depth),
            g.label,
            pct(g.score.score),
            g.score.completion,
            cut(&g.title, 60)
        );
    }
    outln!("\nStrategic aims:");
    for s in &c.aims {
        outln!(
            "  {:>5}  {:>4.0}% done  {}",
            pct(s.score.score),
            s.score.completion,
            s.label
        );
    }
    let answered: Vec<_> = o
        .answers
        .iter()
        .filter(|a| o.pack.item(&a.item_id).is_some())
        .collect();
    if !answered.is_empty() {
        outln!("\nAnswers ({}):", answered.len());
        let mut sorted = answered.clone();
        sorted.sort_by(|x, y| x.item_id.cmp(&y.item_id));
        for a in sorted {
            outln!(
                "  {:<12} {:<15}{}{}",
                a.item_id,
                a.input.status.slug(),
                if a.carried_over {
                    " (carried over)"
                } else {
                    ""
                },
                if a.input.comment.is_empty() {
                    String::new()
                } else {
                    format!("  {}", cut(&a.input.comment, 60))
                }
            );
        }
    }
    crate::crosswalk::print_links(links);
    outln!("\nGaps ({}):", c.gaps.len());
    for g in &c.gaps {
        outln!(
            "  {:<12} {:<8} {:<13} {}",
            g.item_id,
            g.criticality.slug(),
            g.status.map(|s| s.slug()).unwrap_or("unanswered"),
            cut(&g.title, 60)
        );
    }
}

pub fn history(h: &[HistoryEntry], json: bool) {
    if json {
        print_json(&serde_json::json!({ "schema": "safe-assess.history/1", "entries": h }));
        return;
    }
    for e in h {
        let status = |a: Option<&AnswerInput>| a.map_or("–", |a| a.status.slug());
        let what = match (&e.change, e.change.answers(), e.change.evidence()) {
            (Change::MergeDeclined { .. }, _, _) => String::new(),
            (
                Change::Rebased {
                    from_pack,
                    from_version,
                    to_pack,
                    to_version,
                    withdrawn,
                    ..
                },
                _,
                _,
            ) => format!(
                "{from_pack} {from_version} -> {to_pack} {to_version}; {} answer(s) left behind",
                withdrawn.len()
            ),
            (
                Change::RebaseCarry {
                    from_item, answer, ..
                },
                _,
                _,
            ) => {
                format!("from {from_item}: {}", answer.status.slug())
            }
            (_, Some((old, new)), _) => format!("{} -> {}", status(old), status(new)),
            (Change::Merge { .. }, _, _) => "– -> –".to_string(),
            (Change::Submit(n), _, _) => format!("submission {} ({})", n.number, n.file),
            (Change::ReviewImport(n), _, _) => format!(
                "review of submission {}: {} (key {})",
                n.submission, n.state, n.fingerprint
            ),
            (Change::Reopen { accepted_in }, _, _) => {
                format!("accepted in submission {accepted_in}")
            }
            (Change::Respond { remark, text }, _, _) => format!("R{remark}: {}", cut(text, 60)),
            (_, _, Some((sha256, name))) => name.unwrap_or(sha256).to_string(),
            _ => String::new(),
        };
        outln!(
            "{}  {:<10} {:<12} {:<16} {}",
            e.at.format("%Y-%m-%d %H:%M:%S"),
            cut(&e.by, 10),
            if e.item_id.is_empty() {
                "(assessment)"
            } else {
                &e.item_id
            },
            e.action(),
            what
        );
    }
}

pub fn evidence(list: &[Evidence], json: bool) {
    if json {
        print_json(&serde_json::json!({ "schema": "safe-assess.evidence/1", "evidence": list }));
        return;
    }
    for e in list {
        outln!(
            "{}  {:<30} {:>9} bytes  expires {}  items {}",
            &e.sha256[..12],
            cut(&e.file_name, 30),
            e.size,
            e.expires
                .map(|d| d.to_string())
                .unwrap_or_else(|| "–".into()),
            e.items.join(", ")
        );
    }
}
