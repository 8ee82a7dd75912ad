//! Printing of the `review` subcommands.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use safe_app::review::Attached;
use safe_app::review_view::{self, Label, Labels, QueueEntry};
use safe_core::catalogue::Pack;
use safe_core::review::{AppState, Deadlines};
use safe_core::store::{Application, ApplicationView, Opening};

fn print_json(v: &serde_json::Value) {
    outln!(
        "{}",
        serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into())
    );
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// Days left to a deadline, as text: `12 days left`, `due today`, `OVERDUE by 3 days`.
fn left(n: i64) -> String {
    match n {
        0 => "due today".into(),
        n if n > 0 => format!("{n} days left"),
        n => format!("OVERDUE by {} days", -n),
    }
}

/// The two deadlines' state in words (which one runs is `safe_app::review_view::clocks`'s rule).
fn clocks(a: &Application, d: &Deadlines, today: NaiveDate) -> (String, String) {
    let c = review_view::clocks(a, d, today);
    let accept = c.accept_days_left.map_or_else(|| "accepted".into(), left);
    let decide = match (c.decide_days_left, a.state) {
        (Some(n), _) => left(n),
        (None, AppState::Decided) => "decided".into(),
        (None, _) => "-".into(),
    };
    (accept, decide)
}

/// A remark's deadline in words: `due 2026-04-30, 12 days left`, `OVERDUE by 3 days` (open or
/// answered remarks only), `no deadline`.
pub(crate) fn due_text(
    due: Option<NaiveDate>,
    state: safe_core::review::RemarkState,
    today: NaiveDate,
) -> String {
    match due {
        None => "no deadline".into(),
        Some(d) if state == safe_core::review::RemarkState::Closed => format!("due {d}"),
        Some(d) => format!("due {d}, {}", left(safe_core::review::days_left(d, today))),
    }
}

fn deadlines_json(a: &Application, d: &Deadlines, today: NaiveDate) -> serde_json::Value {
    let c = review_view::clocks(a, d, today);
    serde_json::json!({
        "acceptBy": d.accept_by,
        "acceptDaysLeft": c.accept_days_left,
        "acceptOverdue": c.accept_days_left.is_some_and(|n| n < 0),
        "decideBy": d.decide_by,
        "decideDaysLeft": c.decide_days_left,
        "decideOverdue": c.decide_days_left.is_some_and(|n| n < 0),
    })
}

pub fn opening(o: &Opening) {
    let a = &o.application;
    if let Some(old) = &o.previous_key {
        eprintln!(
            "warning: submission {} is signed by key {}, not by key {old} of the earlier submissions (accepted with --accept-new-key)",
            a.submission, a.fingerprint
        );
    }
    outln!(
        "{} application {} for {}: submission {}, signed by key {}, accept by {}",
        if o.created { "new" } else { "updated" },
        a.id,
        a.applicant,
        a.submission,
        a.fingerprint,
        a.deadlines().accept_by
    );
    if !o.created {
        outln!(
            "{} items changed since the previous submission",
            o.changes.len()
        );
        for c in &o.changes {
            outln!("  {}", change_line(c));
        }
        if !o.answered.is_empty() {
            let r: Vec<String> = o.answered.iter().map(|n| format!("R{n}")).collect();
            outln!("remarks answered: {}", r.join(", "));
        }
        if !o.unaccepted.is_empty() {
            outln!("no longer accepted (changed): {}", o.unaccepted.join(", "));
        }
    }
}

fn change_line(c: &safe_core::review::ItemDiff) -> String {
    let st = |s: Option<safe_core::model::Status>| s.map(|s| s.slug()).unwrap_or("unanswered");
    let mut parts = Vec::new();
    if c.old_status != c.new_status {
        parts.push(format!(
            "status {} -> {}",
            st(c.old_status),
            st(c.new_status)
        ));
    }
    if c.comment_changed {
        parts.push("comment changed".into());
    }
    if c.justification_changed {
        parts.push("justification changed".into());
    }
    for e in &c.evidence_added {
        parts.push(format!("evidence added {}", short(e)));
    }
    for e in &c.evidence_removed {
        parts.push(format!("evidence removed {}", short(e)));
    }
    format!("{}: {}", c.item_id, parts.join("; "))
}

/// `name (id), ...`, or `-` for none.
fn named(labels: &[Label]) -> String {
    if labels.is_empty() {
        return "-".into();
    }
    labels
        .iter()
        .map(|l| {
            if l.name == l.id {
                l.id.clone()
            } else {
                format!("{} ({})", l.name, l.id)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The roles and tiers by name, added to an application's JSON (additive fields).
fn labels_json(v: &mut serde_json::Value, l: &Labels) {
    v["roleLabels"] = serde_json::to_value(&l.roles).unwrap_or_default();
    v["tierLabels"] = serde_json::to_value(&l.tiers).unwrap_or_default();
}

pub fn application(
    v: &ApplicationView,
    pack: &Pack,
    labels: &Labels,
    today: NaiveDate,
    json: bool,
) {
    let a = &v.application;
    if json {
        let mut doc = serde_json::to_value(v).unwrap_or_default();
        doc["schema"] = "safe-assess.review-application/1".into();
        doc["deadlines"] = deadlines_json(a, &v.deadlines, today);
        labels_json(&mut doc["application"], labels);
        for (i, r) in v.remarks.iter().enumerate() {
            let n = r
                .due
                .filter(|_| r.state != safe_core::review::RemarkState::Closed)
                .map(|d| safe_core::review::days_left(d, today));
            doc["remarks"][i]["daysLeft"] = n.into();
            doc["remarks"][i]["overdue"] = n.is_some_and(|n| n < 0).into();
        }
        print_json(&doc);
        return;
    }
    let (accept, decide) = clocks(a, &v.deadlines, today);
    outln!("Application {}  [{}]", a.id, a.state.slug());
    outln!(
        "  Applicant:   {}{}",
        a.applicant,
        if a.country.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.country)
        }
    );
    outln!("  Roles:       {}", named(&labels.roles));
    outln!(
        "  Programme:   {} {}  tiers: {}",
        a.pack_id,
        a.pack_version,
        named(&labels.tiers)
    );
    outln!(
        "  Submission:  {} (key {})  score {}  verdict {}",
        a.submission,
        a.fingerprint,
        a.score
            .map(|s| format!("{s:.0}%"))
            .unwrap_or_else(|| "-".into()),
        a.verdict.as_deref().unwrap_or("-")
    );
    outln!(
        "  Deadlines:   accept by {} ({accept}); decide by {} ({decide})",
        v.deadlines.accept_by,
        v.deadlines
            .decide_by
            .map(|d| d.to_string())
            .unwrap_or_else(|| "- (from acceptance)".into())
    );
    let answers: BTreeMap<&str, &safe_core::model::Answer> = v
        .bundle
        .answers
        .iter()
        .map(|x| (x.item_id.as_str(), x))
        .collect();
    let accepted: std::collections::BTreeSet<&str> =
        v.accepted.iter().map(String::as_str).collect();
    outln!("Items:");
    for item in pack.items() {
        if !item.applies(&a.roles, &a.tiers) {
            continue;
        }
        let ans = answers.get(item.id.as_str());
        outln!(
            "  {:<14} {:<15} {:<9} {} evidence  {}",
            item.id,
            ans.map(|x| x.input.status.slug()).unwrap_or("unanswered"),
            if accepted.contains(item.id.as_str()) {
                "accepted"
            } else {
                "-"
            },
            ans.map(|x| x.evidence.len()).unwrap_or(0),
            item.title
        );
        for r in v.remarks.iter().filter(|r| r.item_id == item.id) {
            outln!(
                "      R{} [{}, {}; {}] {}{}",
                r.number,
                r.kind.slug(),
                r.state.slug(),
                due_text(r.due, r.state, today),
                r.text,
                if r.response.is_empty() {
                    String::new()
                } else {
                    format!(" | answer: {}", r.response)
                }
            );
        }
        for f in v.findings.iter().filter(|f| f.item_id == item.id) {
            outln!("      on site ({}): {}", f.at.format("%Y-%m-%d"), f.text);
        }
    }
    let mut open: Vec<&safe_core::review::Remark> = v
        .remarks
        .iter()
        .filter(|r| r.state != safe_core::review::RemarkState::Closed)
        .collect();
    open.sort_by_key(|r| safe_core::review::deadline_order(r.state, r.due, r.number));
    if !open.is_empty() {
        outln!("Open remarks, nearest deadline first:");
        for r in open {
            outln!(
                "  R{} {} [{}, {}; {}]",
                r.number,
                r.item_id,
                r.kind.slug(),
                r.state.slug(),
                due_text(r.due, r.state, today)
            );
        }
    }
    for s in v.submissions.iter().skip(1) {
        outln!(
            "Changed in submission {} (received {}): {} items",
            s.number,
            s.received_at.format("%Y-%m-%d"),
            s.changes.len()
        );
        for c in &s.changes {
            outln!("  {}", change_line(c));
        }
    }
    if !v.decisions.is_empty() {
        outln!("Decisions:");
        for d in &v.decisions {
            outln!(
                "  {} submission {}: {} by {}: {}",
                d.at.format("%Y-%m-%d"),
                d.submission,
                d.decision.slug(),
                d.by,
                d.note
            );
            for r in &d.reasons {
                outln!("    {}: {}", r.item_id, r.reason);
            }
        }
    }
}

pub fn queue(entries: &[QueueEntry], today: NaiveDate, json: bool) {
    if json {
        let list: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                let r = &e.row;
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["deadlines"] = deadlines_json(&r.application, &r.deadlines, today);
                labels_json(&mut v, &e.labels);
                v
            })
            .collect();
        print_json(
            &serde_json::json!({ "schema": "safe-assess.review-queue/1", "applications": list }),
        );
        return;
    }
    if entries.is_empty() {
        outln!(
            "No applications yet. Open a submission with: safe-assess review open FILE.safeassess"
        );
        return;
    }
    outln!(
        "{:<8}  {:<24}  {:<2}  {:<16}  {:<12}  {:<12}  {:>3}  {:>5}  {:<18}  {:>4}  {:<20}  DECIDE",
        "ID",
        "APPLICANT",
        "CC",
        "PROGRAMME",
        "TIERS",
        "STATE",
        "SUB",
        "SCORE",
        "VERDICT",
        "OPEN",
        "ACCEPT"
    );
    for e in entries {
        let r = &e.row;
        let a = &r.application;
        let (accept, decide) = clocks(a, &r.deadlines, today);
        // The tiers' short names: `AEOC – Customs simplifications` shows as `AEOC`.
        let tiers: Vec<&str> = e
            .labels
            .tiers
            .iter()
            .map(|t| t.name.split(" – ").next().unwrap_or(&t.name))
            .collect();
        outln!(
            "{:<8}  {:<24}  {:<2}  {:<16}  {:<12}  {:<12}  {:>3}  {:>5}  {:<18}  {:>4}  {:<20}  {}",
            a.id.get(..8).unwrap_or(&a.id),
            a.applicant.chars().take(24).collect::<String>(),
            a.country,
            a.pack_id,
            if tiers.is_empty() {
                "-".to_string()
            } else {
                tiers.join("+")
            },
            a.state.slug(),
            a.submission,
            a.score
                .map(|s| format!("{s:.0}%"))
                .unwrap_or_else(|| "-".into()),
            a.verdict.as_deref().unwrap_or("-"),
            r.open_remarks,
            accept,
            decide
        );
    }
}

pub fn attached(a: &Attached) {
    if a.first_key {
        outln!(
            "trusting customs key {} for application {} from now on (first review); check the fingerprint with customs",
            a.fingerprint,
            a.doc.application_id
        );
    }
    let d = &a.doc;
    outln!(
        "attached the review of submission {} to {}: {}, {} accepted, {} remarks ({} open)",
        d.submission,
        a.assessment_id,
        d.state.slug(),
        d.accepted.len(),
        d.remarks.len(),
        d.remarks
            .iter()
            .filter(|r| r.state != safe_core::review::RemarkState::Closed)
            .count()
    );
    let mut remarks: Vec<&safe_core::review::Remark> = d.remarks.iter().collect();
    remarks.sort_by_key(|r| safe_core::review::deadline_order(r.state, r.due, r.number));
    let today = safe_app::today();
    for r in remarks {
        outln!(
            "  R{} {} [{}, {}; {}]: {}",
            r.number,
            r.item_id,
            r.kind.slug(),
            r.state.slug(),
            due_text(r.due, r.state, today),
            r.text
        );
    }
    if let Some(last) = d.decisions.last() {
        outln!("decision: {}: {}", last.decision.slug(), last.note);
        for r in &last.reasons {
            outln!("  {}: {}", r.item_id, r.reason);
        }
    }
}

/// `review plan`.
pub fn plan(p: &safe_app::review_plan::ValidationPlan, json: bool) {
    if json {
        let mut v = serde_json::to_value(p).unwrap_or_default();
        v["schema"] = "safe-assess.review-plan/1".into();
        print_json(&v);
        return;
    }
    outln!(
        "validation plan of {} ({}), submission {}: sections to check on site first",
        p.application_id,
        p.applicant,
        p.submission
    );
    for s in &p.sections {
        outln!(
            "{:>3}. {} {} (priority {}, {} items): {}",
            s.rank,
            s.code,
            s.title,
            s.priority,
            s.applicable,
            s.why
        );
        for i in s.items.iter().take(5) {
            let why: Vec<&str> = i
                .reasons
                .iter()
                .map(|r| match r {
                    safe_core::review::PlanReason::Critical => "critical",
                    safe_core::review::PlanReason::NotMet => "not met",
                    safe_core::review::PlanReason::PartiallyMet => "partially met",
                    safe_core::review::PlanReason::NoEvidence => "no evidence",
                    safe_core::review::PlanReason::EvidenceExpired => "evidence expired",
                    safe_core::review::PlanReason::Changed => "changed",
                    safe_core::review::PlanReason::OpenRemark => "open remark",
                })
                .collect();
            outln!("       {} {}: {}", i.item_id, i.title, why.join(", "));
        }
        if s.items.len() > 5 {
            outln!("       and {} more", s.items.len() - 5);
        }
    }
}

/// `review history`.
pub fn history(app: &str, entries: &[safe_core::history::HistoryEntry], json: bool) {
    use safe_core::history::Change;
    if json {
        print_json(&serde_json::json!({
            "schema": "safe-assess.review-history/1",
            "applicationId": app,
            "entries": entries,
        }));
        return;
    }
    if entries.is_empty() {
        outln!("no history yet for application {app}");
    }
    for e in entries {
        let what = match &e.change {
            Change::ReviewOpen(n) => format!(
                "submission {} opened from {} (key {}){}",
                n.submission,
                n.file,
                n.fingerprint,
                if n.created { ", new application" } else { "" }
            ),
            Change::ReviewAccept { submission } => format!("accepted in submission {submission}"),
            Change::ReviewRemark(n) => {
                format!("R{} [{}] {} (due {})", n.number, n.kind, n.text, n.due)
            }
            Change::ReviewCloseRemark { remark } => format!("R{remark} closed"),
            Change::ReviewFinding { text } => format!("on site: {text}"),
            Change::ReviewDecide(n) => {
                format!("{} on submission {}: {}", n.decision, n.submission, n.note)
            }
            Change::ReviewExport(n) => format!(
                "review of submission {} ({}) written to {}, signed by key {}",
                n.submission, n.state, n.file, n.fingerprint
            ),
            _ => String::new(),
        };
        outln!(
            "{}  {:<20}  {:<19}  {:<12}  {}",
            e.at.format("%Y-%m-%d %H:%M"),
            e.by.chars().take(20).collect::<String>(),
            e.action(),
            if e.item_id.is_empty() {
                "-"
            } else {
                &e.item_id
            },
            what
        );
    }
}

/// The evidence files of an application's last submission: short SHA-256, size, items, name.
pub fn evidence(app: &str, files: &[safe_core::model::Evidence], json: bool) {
    if json {
        print_json(&serde_json::json!({
            "schema": "safe-assess.review-evidence/1",
            "applicationId": app,
            "evidence": files,
        }));
        return;
    }
    if files.is_empty() {
        outln!("the last submission of application {app} carries no evidence file");
        return;
    }
    for e in files {
        outln!(
            "{}  {:>9} bytes  {:<20} {}",
            short(&e.sha256),
            e.size,
            e.items.join(","),
            e.file_name
        );
    }
    outln!("Save a copy with: safe-assess review evidence {app} SHA256 --out FILE");
}
