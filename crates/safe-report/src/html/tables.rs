//! The table sections of the HTML report: gap register, action plan, not-applicable and flagged
//! items, evidence index, capacity building, answers and the scoring method.

use std::fmt::Write as _;

use super::{crit, date, esc, status, target};
use crate::i18n::{self, Lang, T, fill, long_date, percent};
use crate::model::{ReportData, WEAK_BELOW};

pub(super) fn gap_register(h: &mut String, d: &ReportData, lang: Lang) {
    let _ = writeln!(h, "<p>{}</p>", esc(T::GapRegisterIntro.get(lang)));
    if d.gaps.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoGaps.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<table class=\"register\">\n<thead><tr><th>{}</th><th>{} · {} · {}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Item.get(lang)),
        esc(T::Title.get(lang)),
        esc(T::Comment.get(lang)),
        esc(T::RecommendedAction.get(lang)),
        esc(T::Status.get(lang)),
        esc(T::Priority.get(lang)),
        esc(T::Owner.get(lang)),
        esc(T::TargetDate.get(lang))
    );
    for g in &d.gaps {
        let _ = write!(
            h,
            "<tr id=\"gap-{}\"><td class=\"nowrap\"><span class=\"mono\">{}</span><br>{}</td><td><div class=\"t\">{}</div>",
            esc(&g.item_id),
            esc(&g.item_id),
            crit(lang, g.criticality),
            esc(&g.title)
        );
        if !g.comment.trim().is_empty() {
            let _ = write!(h, "<div class=\"c\">{}</div>", esc(&g.comment));
        }
        let _ = writeln!(
            h,
            "<div class=\"a\"><b>{}</b> {}</div></td><td>{}</td><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td></tr>",
            esc(T::RecommendedAction.get(lang)),
            esc(&g.recommended_action),
            status(lang, g.status),
            esc(i18n::priority(lang, g.priority)),
            esc(&g.owner),
            target(lang, g)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

pub(super) fn action_plan(h: &mut String, d: &ReportData, lang: Lang) {
    let _ = writeln!(
        h,
        "<p>{}</p>",
        esc(&fill(
            lang,
            T::ActionPlanIntro,
            &[("date", &long_date(lang, d.as_of))]
        ))
    );
    if d.action_plan.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoGaps.get(lang)));
        return;
    }
    for plan in &d.action_plan {
        let owner = if plan.owner.is_empty() {
            T::Unassigned.get(lang)
        } else {
            &plan.owner
        };
        let mut count = fill(lang, T::Actions, &[("n", &plan.items.len().to_string())]);
        if plan.overdue > 0 {
            let _ = write!(
                count,
                ", {} {}",
                plan.overdue,
                T::Overdue.get(lang).to_lowercase()
            );
        }
        let _ = write!(
            h,
            "<div class=\"owner\">\n<h3><span>{}</span> <span class=\"n\">{}</span></h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            esc(owner),
            esc(&count),
            esc(T::TargetDate.get(lang)),
            esc(T::Item.get(lang)),
            esc(T::Title.get(lang)),
            esc(T::Criticality.get(lang)),
            esc(T::Status.get(lang)),
            esc(T::Priority.get(lang))
        );
        for g in plan.items.iter().filter_map(|id| d.gap(id)) {
            let when = if g.target_date.is_some() {
                target(lang, g)
            } else {
                format!(
                    "<span class=\"muted\">{}</span>",
                    esc(T::NoTargetDate.get(lang))
                )
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"nowrap\">{when}</td><td class=\"mono nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&g.item_id),
                esc(&g.title),
                crit(lang, g.criticality),
                status(lang, g.status),
                esc(i18n::priority(lang, g.priority))
            );
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
    }
}

pub(super) fn not_applicable(h: &mut String, d: &ReportData, lang: Lang) {
    if d.not_applicable.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoNotApplicable.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Item.get(lang)),
        esc(T::Title.get(lang)),
        esc(T::Justification.get(lang))
    );
    for r in &d.not_applicable {
        let _ = writeln!(
            h,
            "<tr><td class=\"mono nowrap\">{}</td><td>{}</td><td class=\"pre\">{}</td></tr>",
            esc(&r.item_id),
            esc(&r.title),
            esc(&r.justification)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

pub(super) fn flagged(h: &mut String, d: &ReportData, lang: Lang) {
    if d.flagged.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoFlagged.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Item.get(lang)),
        esc(T::Title.get(lang)),
        esc(T::Status.get(lang)),
        esc(T::Owner.get(lang)),
        esc(T::Comment.get(lang))
    );
    for r in &d.flagged {
        let _ = writeln!(
            h,
            "<tr><td class=\"mono nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"pre\">{}</td></tr>",
            esc(&r.item_id),
            esc(&r.title),
            status(lang, r.status),
            esc(&r.owner),
            esc(&r.comment)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

pub(super) fn evidence(h: &mut String, d: &ReportData, lang: Lang) {
    let _ = writeln!(
        h,
        "<p>{}</p>",
        esc(&fill(
            lang,
            T::EvidenceIntro,
            &[("date", &long_date(lang, d.as_of))]
        ))
    );
    if d.evidence.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoEvidence.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::FileName.get(lang)),
        esc(T::Sha256.get(lang)),
        esc(T::Size.get(lang)),
        esc(T::Effective.get(lang)),
        esc(T::Expires.get(lang)),
        esc(T::Supports.get(lang))
    );
    for e in &d.evidence {
        let mut expires = esc(&date(lang, e.expires));
        if e.expired {
            let _ = write!(
                expires,
                " <span class=\"badge expired\">{}</span>",
                esc(T::Expired.get(lang))
            );
        }
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"mono\">{}<br>{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{expires}</td><td class=\"mono\">{}</td></tr>",
            esc(&e.file_name),
            esc(e.sha256.get(..32).unwrap_or(&e.sha256)),
            esc(e.sha256.get(32..).unwrap_or("")),
            esc(&i18n::file_size(lang, e.size)),
            esc(&date(lang, e.effective)),
            esc(&e.items.join(", "))
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

pub(super) fn capacity(h: &mut String, d: &ReportData, lang: Lang) {
    let th = WEAK_BELOW.to_string();
    let _ = writeln!(
        h,
        "<p>{}</p>",
        esc(&fill(lang, T::CapacityIntro, &[("threshold", &th)]))
    );
    if d.capacity_building.is_empty() {
        let _ = writeln!(
            h,
            "<p>{}</p>",
            esc(&fill(lang, T::NoWeakStandards, &[("threshold", &th)]))
        );
        return;
    }
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Group.get(lang)),
        esc(T::WhyWeak.get(lang)),
        esc(T::GapsInGroup.get(lang)),
        esc(T::Instruments.get(lang))
    );
    for c in &d.capacity_building {
        let mut why = Vec::new();
        if c.score.is_some_and(|s| s < WEAK_BELOW) {
            why.push(fill(
                lang,
                T::WeakScore,
                &[("score", &percent(lang, c.score)), ("threshold", &th)],
            ));
        }
        if c.critical_gaps > 0 {
            why.push(fill(
                lang,
                T::WeakCritical,
                &[("n", &c.critical_gaps.to_string())],
            ));
        }
        let _ = write!(
            h,
            "<tr><td><b>{}</b> {}</td><td>{}</td><td class=\"mono\">{}</td><td><ul class=\"instruments\">",
            esc(&c.group_label),
            esc(&c.title),
            esc(&why.join("; ")),
            esc(&c.gaps.join(", "))
        );
        for i in &c.instruments {
            let _ = write!(h, "<li>{}</li>", esc(i));
        }
        h.push_str("</ul></td></tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

pub(super) fn answers(h: &mut String, d: &ReportData, lang: Lang) {
    let _ = writeln!(h, "<p>{}</p>", esc(T::AnswersIntro.get(lang)));
    if let Some(f) = &d.catalogue.fallback {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(&f.note));
    }
    for g in &d.answers {
        let _ = write!(
            h,
            "<p class=\"group-path\">{}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            esc(&group_heading(&g.path, &g.group_label)),
            esc(T::Item.get(lang)),
            esc(T::Title.get(lang)),
            esc(T::Status.get(lang)),
            esc(T::Comment.get(lang))
        );
        for r in &g.items {
            let mut notes = Vec::new();
            if !r.justification.trim().is_empty() {
                notes.push(format!(
                    "<b>{}:</b> {}",
                    esc(T::Justification.get(lang)),
                    esc(&r.justification)
                ));
            }
            if !r.comment.trim().is_empty() {
                notes.push(esc(&r.comment));
            }
            if !r.evidence.is_empty() {
                notes.push(format!(
                    "<b>{}:</b> {}",
                    esc(T::Evidence.get(lang)),
                    esc(&r.evidence.join(", "))
                ));
            }
            if r.flagged {
                notes.push(format!("<b>{}</b>", esc(T::Flagged.get(lang))));
            }
            if r.carried_over {
                notes.push(format!("<i>{}</i>", esc(T::CarriedOver.get(lang))));
            }
            if let Some((l, row)) = crate::link_texts::row(d, &r.item_id) {
                let line = crate::link_texts::line(lang, l, row);
                notes.push(format!("<i>{}</i>", esc(&line)));
            }
            let reference = if r.provenance_label.is_empty() {
                esc(&r.reference)
            } else {
                format!("{} — {}", esc(&r.reference), esc(&r.provenance_label))
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"mono nowrap\">{}</td><td>{} {}<br><span class=\"ref\">{}</span></td><td>{}</td><td class=\"pre\">{}</td></tr>",
                esc(&r.item_id),
                esc(&r.title),
                crit(lang, r.criticality),
                reference,
                status(lang, r.status),
                notes.join("<br>")
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
}

/// "Pillar 1 › P1 S04 Risk management": the parents' titles, then the group's label and title.
fn group_heading(path: &[String], label: &str) -> String {
    let mut parts: Vec<String> = path
        .iter()
        .take(path.len().saturating_sub(1))
        .cloned()
        .collect();
    parts.push(format!(
        "{label} {}",
        path.last().map(String::as_str).unwrap_or("")
    ));
    parts.join(" › ")
}

pub(super) fn method(h: &mut String, d: &ReportData, lang: Lang) {
    h.push_str("<ol class=\"method\">\n");
    for k in [T::Method1, T::Method2, T::Method3, T::Method4, T::Method5] {
        let _ = writeln!(h, "<li>{}</li>", esc(k.get(lang)));
    }
    let _ = write!(
        h,
        "</ol>\n<h3>{}</h3>\n<p><b>{}</b>, {} {}. {}</p>\n",
        esc(T::CatalogueSource.get(lang)),
        esc(&d.catalogue.title),
        esc(T::Version.get(lang)),
        esc(&d.catalogue.version),
        esc(&d.catalogue.source)
    );
    if let Some(f) = &d.catalogue.fallback {
        let _ = writeln!(h, "<p>{}</p>", esc(&f.note));
    }
}

/// Appendix C: the applicable items by basis and confidence of their reference.
pub(super) fn provenance(h: &mut String, d: &ReportData, lang: Lang) {
    if d.provenance.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::ProvenanceNone.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<p>{}</p>\n<table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        esc(T::ProvenanceIntro.get(lang)),
        esc(T::Basis.get(lang)),
        esc(T::Verified.get(lang)),
        esc(T::Partial.get(lang)),
        esc(T::Unverified.get(lang)),
        esc(T::TotalCol.get(lang))
    );
    let n = |r: &crate::model::ProvenanceRow, x: usize| {
        if r.basis.is_some() {
            x.to_string()
        } else {
            "–".to_string()
        }
    };
    for r in &d.provenance {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&r.label),
            n(r, r.verified),
            n(r, r.partial),
            n(r, r.unverified),
            r.total
        );
    }
    let sum =
        |f: fn(&crate::model::ProvenanceRow) -> usize| d.provenance.iter().map(f).sum::<usize>();
    let _ = writeln!(
        h,
        "<tr><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><b>{}</b></td></tr>\n</tbody>\n</table>",
        esc(T::TotalCol.get(lang)),
        sum(|r| r.verified),
        sum(|r| r.partial),
        sum(|r| r.unverified),
        sum(|r| r.total)
    );
}
