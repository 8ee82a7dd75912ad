//! The HTML section "Progress since the previous assessment" (only when the report data carries a
//! comparison).

use std::fmt::Write as _;

use super::charts::{self, Pair};
use super::{crit, esc, kpi, status};
use crate::i18n::{Lang, T};
use crate::model::ReportData;
use crate::progress_since::{Comparison, GapChange, Movement, chart_groups, table_groups};
use crate::texts::{intro, movement, paragraph, points, signed, then_now};

pub(super) fn section(h: &mut String, d: &ReportData, lang: Lang) {
    let Some(c) = &d.comparison else { return };
    let _ = writeln!(h, "<p>{}</p>", esc(&intro(lang, c)));
    h.push_str("<div class=\"kpis progress\">\n");
    kpi(
        h,
        &then_now(lang, &c.overall),
        T::OverallScore.get(lang),
        &points(lang, &c.overall),
    );
    kpi(
        h,
        &then_now(lang, &c.completion),
        T::Completion.get(lang),
        &points(lang, &c.completion),
    );
    kpi(
        h,
        &c.gaps_closed.len().to_string(),
        T::GapsClosed.get(lang),
        "",
    );
    kpi(
        h,
        &c.gaps_opened.len().to_string(),
        T::GapsOpened.get(lang),
        "",
    );
    kpi(
        h,
        &c.changes.len().to_string(),
        T::StatusChanged.get(lang),
        "",
    );
    h.push_str("</div>\n");
    let _ = writeln!(h, "<p>{}</p>", esc(&paragraph(lang, c)));

    let pairs: Vec<Pair> = chart_groups(d, c)
        .into_iter()
        .map(|g| Pair {
            label: &g.label,
            title: &g.title,
            before: g.score.before,
            after: g.score.after,
            change: signed(lang, &g.score),
        })
        .collect();
    let title = T::ChartProgress.get(lang);
    let _ = write!(
        h,
        "<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>\n",
        esc(title),
        charts::pairs(
            "progress",
            title,
            &pairs,
            [T::PreviousAssessment.get(lang), T::ThisAssessment.get(lang)],
            T::NotScored.get(lang)
        )
    );

    let _ = write!(
        h,
        "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::ScoreChanges.get(lang)),
        esc(T::Group.get(lang)),
        esc(T::Previous.get(lang)),
        esc(T::Now.get(lang)),
        esc(T::ChangeCol.get(lang))
    );
    let pct = |v| esc(&crate::i18n::percent(lang, v));
    let _ = writeln!(
        h,
        "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td><b>{}</b></td></tr>",
        esc(T::OverallScore.get(lang)),
        pct(c.overall.before),
        pct(c.overall.after),
        esc(&signed(lang, &c.overall))
    );
    for g in table_groups(d, c) {
        let _ = writeln!(
            h,
            "<tr><td><b>{}</b> {}</td><td>{}</td><td>{}</td><td><b>{}</b></td></tr>",
            esc(&g.path_label),
            esc(&g.title),
            pct(g.score.before),
            pct(g.score.after),
            esc(&signed(lang, &g.score))
        );
    }
    h.push_str("</tbody>\n</table>\n");

    gaps(
        h,
        lang,
        "gaps-closed",
        T::GapsClosed,
        T::GapsClosedIntro,
        T::NoGapsClosed,
        &c.gaps_closed,
    );
    gaps(
        h,
        lang,
        "gaps-opened",
        T::GapsOpened,
        T::GapsOpenedIntro,
        T::NoGapsOpened,
        &c.gaps_opened,
    );
    changes(h, lang, c);
}

fn gaps(h: &mut String, lang: Lang, id: &str, title: T, note: T, empty: T, rows: &[GapChange]) {
    let _ = writeln!(
        h,
        "<h3 id=\"{id}\">{}</h3>\n<p class=\"muted small\">{}</p>",
        esc(title.get(lang)),
        esc(note.get(lang))
    );
    if rows.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(empty.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Item.get(lang)),
        esc(T::Title.get(lang)),
        esc(T::Criticality.get(lang)),
        esc(T::Previous.get(lang)),
        esc(T::Now.get(lang))
    );
    for g in rows {
        let _ = writeln!(
            h,
            "<tr><td class=\"mono nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.item_id),
            esc(&g.title),
            crit(lang, g.criticality),
            status(lang, g.before),
            status(lang, g.after)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn changes(h: &mut String, lang: Lang, c: &Comparison) {
    let _ = writeln!(
        h,
        "<h3 id=\"status-changes\">{}</h3>",
        esc(T::StatusChanges.get(lang))
    );
    if c.changes.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoStatusChanges.get(lang)));
        return;
    }
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Item.get(lang)),
        esc(T::Title.get(lang)),
        esc(T::Previous.get(lang)),
        esc(T::Now.get(lang)),
        esc(T::ChangeCol.get(lang))
    );
    for x in &c.changes {
        let _ = writeln!(
            h,
            "<tr><td class=\"mono nowrap\">{}</td><td>{} {}</td><td>{}</td><td>{}</td><td class=\"move {}\">{}</td></tr>",
            esc(&x.item_id),
            esc(&x.title),
            crit(lang, x.criticality),
            status(lang, x.before),
            status(lang, x.after),
            movement_class(x.movement),
            esc(movement(lang, x.movement))
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn movement_class(m: Movement) -> &'static str {
    match m {
        Movement::Improved => "improved",
        Movement::Worsened => "worsened",
        Movement::Answered => "answered",
        Movement::Unanswered => "unanswered",
        Movement::Changed => "changed",
    }
}
