//! Text and JSON printing for the sharing subcommands.

use safe_core::compare::{Comparison, Point, Trend};
use safe_core::model::Answer;
use serde::Serialize;

pub(super) fn print_json<T: Serialize>(v: &T) {
    match serde_json::to_string_pretty(v) {
        Ok(s) => outln!("{s}"),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into())
}

fn signed(v: Option<f64>) -> String {
    v.map(|v| format!("{v:+.1}")).unwrap_or_else(|| "–".into())
}

fn slug<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "unanswered".into())
}

pub(super) fn answer_lines(a: &Answer) -> Vec<String> {
    let i = &a.input;
    let mut v = vec![i.status.slug().to_string()];
    let mut add = |k: &str, s: String| {
        if !s.is_empty() {
            v.push(format!("{k}: {s}"));
        }
    };
    add("justification", i.justification.clone());
    add("comment", i.comment.clone());
    add("owner", i.owner.clone());
    add(
        "due",
        i.target_date.map(|d| d.to_string()).unwrap_or_default(),
    );
    add(
        "priority",
        i.priority.map(|p| p.slug().to_string()).unwrap_or_default(),
    );
    add(
        "flagged",
        if i.flagged {
            "yes".into()
        } else {
            String::new()
        },
    );
    v.push(format!(
        "({}, {})",
        a.updated_by,
        a.updated_at.format("%Y-%m-%d")
    ));
    v
}

pub(super) fn print_comparison(c: &Comparison) {
    let name = |p: &Point| {
        format!(
            "'{}' ({}, {})",
            p.title,
            p.organisation,
            p.created_at.format("%Y-%m-%d")
        )
    };
    outln!("before: {}\nafter:  {}", name(&c.before), name(&c.after));
    if !c.same_organisation {
        outln!("note: the organisations' names differ");
    }
    outln!(
        "overall score: {} -> {} ({})",
        pct(c.before.score),
        pct(c.after.score),
        signed(c.delta)
    );
    outln!(
        "\n{:<44} {:>7} {:>7} {:>7}",
        "GROUP",
        "BEFORE",
        "AFTER",
        "DELTA"
    );
    for g in c.groups.iter().filter(|g| g.depth <= 1) {
        let label = format!("{}{} {}", "  ".repeat(g.depth), g.label, g.title);
        let label: String = label.chars().take(44).collect();
        outln!(
            "{label:<44} {:>7} {:>7} {:>7}",
            pct(g.before),
            pct(g.after),
            signed(g.delta)
        );
    }
    outln!("\nchanged items ({}):", c.changes.len());
    for ch in &c.changes {
        outln!(
            "  {:<12} {} -> {} ({})  {}",
            ch.item_id,
            slug(&ch.before),
            slug(&ch.after),
            slug(&ch.movement),
            ch.title
        );
    }
    for (what, list) in [
        ("gaps closed", &c.gaps_closed),
        ("gaps opened", &c.gaps_opened),
    ] {
        outln!("\n{what} ({}):", list.len());
        for g in list {
            outln!(
                "  {:<12} [{}] {} -> {}  {}",
                g.item_id,
                g.criticality.slug(),
                slug(&g.before),
                slug(&g.after),
                g.title
            );
        }
    }
}

pub(super) fn print_trend(t: &Trend) {
    let mut head = format!("{:<40}", "GROUP");
    for p in &t.assessments {
        head.push_str(&format!(" {:>10}", p.created_at.format("%Y-%m-%d")));
    }
    outln!("{head}");
    for (i, p) in t.assessments.iter().enumerate() {
        outln!("  [{}] {} '{}'", i + 1, p.id, p.title);
    }
    let row = |label: &str, scores: &[Option<f64>]| {
        let label: String = label.chars().take(40).collect();
        let mut line = format!("{label:<40}");
        for s in scores {
            line.push_str(&format!(" {:>10}", pct(*s)));
        }
        outln!("{line}");
    };
    for g in &t.groups {
        row(&format!("{} {}", g.label, g.title), &g.scores);
    }
    row("overall", &t.overall);
}
