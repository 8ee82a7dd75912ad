//! The HTML report: one self-contained HTML5 file (inline CSS, inline SVG charts, no script, no
//! external URL) that reads well on screen and prints well. Every text comes through [`esc`].

use std::fmt::Write as _;

use safe_core::catalogue::{Criticality, Profile};
use safe_core::model::Status;

mod charts;
mod progress_since;
mod tables;

use crate::i18n::{self, Lang, T, fill, percent, short_date};
use crate::model::{GapRow, ReportData, aim_short};
use crate::texts::{cover_facts, generated, sections, threshold};
use crate::{Options, Paper};
use charts::Point;

pub(crate) const CSS: &str = include_str!("report.css");

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newlines are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn status_class(s: Option<Status>) -> &'static str {
    s.map(Status::slug).unwrap_or("unanswered")
}

pub(super) fn status(lang: Lang, s: Option<Status>) -> String {
    format!(
        "<span class=\"status {}\">{}</span>",
        status_class(s),
        esc(i18n::status(lang, s))
    )
}

pub(super) fn crit(lang: Lang, c: Criticality) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        c.slug(),
        esc(i18n::criticality(lang, c))
    )
}

pub(super) fn date(lang: Lang, d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| short_date(lang, d)).unwrap_or_default()
}

/// Renders the report.
pub fn render(d: &ReportData, opts: &Options) -> String {
    let lang = opts.lang;
    let mut h = String::with_capacity(256 * 1024);
    let page = match opts.paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let title = format!(
        "{} – {}",
        d.assessment.title.trim(),
        T::ReportTitle.get(lang)
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>\n{CSS}@page {{ size: {page}; margin: 16mm 15mm 18mm; }}\n</style>\n</head>\n<body>\n<div class=\"page\">\n",
        lang.code(),
        esc(&d.generator),
        esc(&title)
    );
    cover(&mut h, d, lang);
    let secs = sections(d, lang);
    h.push_str("<nav aria-label=\"contents\">\n<h2>");
    h.push_str(&esc(T::Contents.get(lang)));
    h.push_str("</h2>\n<ol>\n");
    for (id, t) in &secs {
        let _ = writeln!(h, "<li><a href=\"#{id}\">{}</a></li>", esc(t));
    }
    h.push_str("</ol>\n</nav>\n<main>\n");
    for (n, (id, t)) in secs.iter().enumerate() {
        let num = if id.starts_with("answers") || *id == "method" || *id == "provenance" {
            String::new()
        } else {
            format!("{} ", n + 1)
        };
        let _ = write!(
            h,
            "<section id=\"{id}\" class=\"major\">\n<h2>{num}{}</h2>\n",
            esc(t)
        );
        match *id {
            "summary" => summary(&mut h, d, lang),
            "scores" => scores(&mut h, d, lang),
            "progress" => progress_since::section(&mut h, d, lang),
            "gaps" => tables::gap_register(&mut h, d, lang),
            "plan" => tables::action_plan(&mut h, d, lang),
            "not-applicable" => tables::not_applicable(&mut h, d, lang),
            "flagged" => tables::flagged(&mut h, d, lang),
            "evidence" => tables::evidence(&mut h, d, lang),
            "capacity" => tables::capacity(&mut h, d, lang),
            "answers" => tables::answers(&mut h, d, lang),
            "provenance" => tables::provenance(&mut h, d, lang),
            _ => tables::method(&mut h, d, lang),
        }
        h.push_str("</section>\n");
    }
    let _ = write!(
        h,
        "</main>\n<footer class=\"doc\">{}</footer>\n</div>\n</body>\n</html>\n",
        esc(&generated(d, lang))
    );
    h
}

fn cover(h: &mut String, d: &ReportData, lang: Lang) {
    let subtitle = match d.assessment.profile {
        Profile::Trader => T::SubtitleTrader,
        Profile::Customs => T::SubtitleCustoms,
    };
    let _ = write!(
        h,
        "<header class=\"cover\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<p class=\"org\">{}</p>\n<dl class=\"facts\">\n",
        esc(T::ReportTitle.get(lang)),
        esc(&d.assessment.title),
        esc(subtitle.get(lang)),
        esc(&d.assessment.organisation)
    );
    for (k, v) in cover_facts(d, lang) {
        let class = if k == T::AssessmentId.get(lang) {
            " class=\"mono\""
        } else {
            ""
        };
        let _ = writeln!(h, "<dt>{}</dt><dd{class}>{}</dd>", esc(k), esc(&v));
    }
    let _ = write!(
        h,
        "</dl>\n<p class=\"note\">{}</p>\n</header>\n",
        esc(T::CoverNote.get(lang))
    );
}

fn kpi(h: &mut String, value: &str, label: &str, sub: &str) {
    let _ = write!(
        h,
        "<div class=\"kpi\"><div class=\"v\">{}</div><div class=\"l\">{}</div>",
        esc(value),
        esc(label)
    );
    if !sub.is_empty() {
        let _ = write!(h, "<div class=\"l\">{}</div>", esc(sub));
    }
    h.push_str("</div>\n");
}

fn summary(h: &mut String, d: &ReportData, lang: Lang) {
    let s = &d.summary;
    h.push_str("<div class=\"kpis\">\n");
    kpi(
        h,
        &percent(lang, s.score.score),
        T::OverallScore.get(lang),
        "",
    );
    kpi(
        h,
        &percent(lang, Some(s.score.completion)),
        T::Completion.get(lang),
        &fill(
            lang,
            T::Answered,
            &[
                ("answered", &s.score.answered.to_string()),
                ("applicable", &s.score.applicable.to_string()),
            ],
        ),
    );
    kpi(h, &s.gaps.to_string(), T::OpenGaps.get(lang), "");
    kpi(
        h,
        &s.critical_gaps.to_string(),
        T::CriticalGaps.get(lang),
        "",
    );
    kpi(h, &s.overdue.to_string(), T::OverdueActions.get(lang), "");
    h.push_str("</div>\n");
    if let Some(v) = &s.verdict {
        let _ = writeln!(
            h,
            "<div class=\"verdict {}\"><div class=\"label\">{} · {}</div><div class=\"value\">{}</div><p>{}</p></div>",
            v.readiness.slug(),
            esc(T::ReadinessVerdict.get(lang)),
            esc(&fill(lang, T::RuleOf, &[("rule", &v.rule.to_string())])),
            esc(i18n::readiness(lang, v.readiness)),
            esc(&v.explanation)
        );
    }
    let _ = write!(
        h,
        "<h3>{}</h3>\n<p>{}</p>\n<h3>{}</h3>\n",
        esc(T::InBrief.get(lang)),
        esc(&s.paragraph),
        esc(T::TopGaps.get(lang))
    );
    if d.gaps.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(T::NoGaps.get(lang)));
        return;
    }
    let _ = writeln!(
        h,
        "<p class=\"muted small\">{}</p>",
        esc(&fill(
            lang,
            T::TopGapsNote,
            &[
                ("n", &d.top_gaps.len().to_string()),
                ("total", &d.gaps.len().to_string())
            ]
        ))
    );
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Item.get(lang)),
        esc(T::Title.get(lang)),
        esc(T::Criticality.get(lang)),
        esc(T::Status.get(lang)),
        esc(T::Owner.get(lang)),
        esc(T::TargetDate.get(lang))
    );
    for (i, id) in d.top_gaps.iter().enumerate() {
        if let Some(g) = d.gap(id) {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"mono nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td></tr>",
                i + 1,
                esc(&g.item_id),
                esc(&g.title),
                crit(lang, g.criticality),
                status(lang, g.status),
                esc(&g.owner),
                target(lang, g)
            );
        }
    }
    h.push_str("</tbody>\n</table>\n");
}

pub(super) fn target(lang: Lang, g: &GapRow) -> String {
    let mut s = esc(&date(lang, g.target_date));
    if g.overdue {
        let _ = write!(
            s,
            " <span class=\"badge overdue\">{}</span>",
            esc(T::Overdue.get(lang))
        );
    }
    s
}

/// The bar chart points and title of a report.
pub fn bar_points(d: &ReportData) -> Vec<Point<'_>> {
    d.bar_groups
        .iter()
        .filter_map(|id| d.group(id))
        .map(|g| Point {
            label: &g.path_label,
            title: &g.title,
            score: g.score.score,
        })
        .collect()
}

/// The radar points of a report.
pub fn radar_points(d: &ReportData) -> Vec<Point<'_>> {
    d.radar_groups
        .iter()
        .filter_map(|id| d.group(id))
        .map(|g| Point {
            label: &g.label,
            title: &g.title,
            score: g.score.score,
        })
        .collect()
}

fn scores(h: &mut String, d: &ReportData, lang: Lang) {
    let na = T::NotScored.get(lang);
    let th = threshold(d);
    let (bar_title, radar_title) = match d.assessment.profile {
        Profile::Trader => (T::ChartBySection, T::ChartRadar),
        Profile::Customs => (T::ChartByStandard, T::ChartRadarCustoms),
    };
    let _ = write!(
        h,
        "<figure>\n<figcaption>{}</figcaption>\n{}\n<p class=\"muted small\">{}</p>\n</figure>\n",
        esc(bar_title.get(lang)),
        charts::bars("bars", bar_title.get(lang), &bar_points(d), th, na),
        esc(&fill(lang, T::ChartNote, &[("threshold", &th.to_string())]))
    );
    let aims: Vec<Point> = d
        .aims
        .iter()
        .map(|a| Point {
            label: "",
            title: aim_short(lang, a.aim),
            score: a.score.score,
        })
        .collect();
    let _ = write!(
        h,
        "<div class=\"charts-row\">\n<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>\n<figure>\n<figcaption>{}</figcaption>\n{}\n</figure>\n</div>\n",
        esc(radar_title.get(lang)),
        charts::radar("radar", radar_title.get(lang), &radar_points(d), na),
        esc(T::ChartAims.get(lang)),
        charts::aims("aims", T::ChartAims.get(lang), &aims, na)
    );
    // The same figures as a table, for screen readers and exact values.
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(T::Group.get(lang)),
        esc(T::Score.get(lang)),
        esc(T::Completion.get(lang)),
        esc(T::OpenGaps.get(lang)),
        esc(T::CriticalGaps.get(lang))
    );
    for g in d.bar_groups.iter().filter_map(|id| d.group(id)) {
        let open = g.score.not_met + g.score.partially_met + g.score.unanswered;
        let _ = writeln!(
            h,
            "<tr><td><b>{}</b> {}</td><td>{}</td><td>{}</td><td>{open}</td><td>{}</td></tr>",
            esc(&g.path_label),
            esc(&g.title),
            esc(&percent(lang, g.score.score)),
            esc(&percent(lang, Some(g.score.completion))),
            g.critical_gaps
        );
    }
    h.push_str("</tbody>\n</table>\n");
}
