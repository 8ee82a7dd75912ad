//! What the PDF template reads: the report data plus every string already translated and every
//! date already written out, so the template only lays out.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use safe_core::catalogue::{Criticality, Profile};
use safe_core::model::{Priority, Status};
use safe_core::scoring::Readiness;
use serde::Serialize;

use crate::i18n::{self, Lang, T, fill, long_date, percent, short_date};
use crate::link_texts;
use crate::model::{ReportData, WEAK_BELOW, aim_short};
use crate::progress_since::{Comparison, GroupChange, chart_groups, table_groups};
use crate::texts::{
    cover_facts, generated, intro, movement, paragraph, points, sections, signed, then_now,
    threshold, truncate,
};
use crate::{Options, Paper};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View<'a> {
    data: &'a ReportData,
    lang: &'static str,
    paper: &'static str,
    /// Every fixed string by key name.
    t: BTreeMap<&'static str, &'static str>,
    status: BTreeMap<&'static str, &'static str>,
    criticality: BTreeMap<&'static str, &'static str>,
    priority: BTreeMap<&'static str, &'static str>,
    readiness: BTreeMap<&'static str, &'static str>,
    /// ISO date → short date in words, for every date in the data.
    dates: BTreeMap<String, String>,
    cover: Vec<(&'static str, String)>,
    subtitle: &'static str,
    generated: String,
    sections: Vec<(&'static str, &'static str)>,
    threshold: f64,
    percent_suffix: &'static str,
    answered_note: String,
    top_gaps_note: String,
    chart_note: String,
    plan_intro: String,
    evidence_intro: String,
    capacity_intro: String,
    no_weak: String,
    rule: String,
    bar_title: &'static str,
    radar_title: &'static str,
    aims_short: Vec<&'static str>,
    /// Per capacity-building row: why the standard is weak.
    capacity_why: Vec<String>,
    /// Per evidence row: its size in words.
    sizes: Vec<String>,
    /// Per owner plan: "3 action(s), 1 overdue".
    plan_counts: Vec<String>,
    overall: String,
    completion: String,
    /// Per bar group: "code title", shortened to fit the chart.
    bar_labels: Vec<String>,
    /// The progress section's texts, when the report has a comparison.
    progress: Option<ProgressSinceView>,
    /// A linked assessment: the answers appendix's opening sentence (`null` otherwise).
    link_intro: Option<String>,
    /// A linked assessment: per item whose answer came from the source, the line under its title.
    links: BTreeMap<String, LinkNote>,
}

/// The line under an item whose answer came from the source assessment.
#[derive(Serialize)]
struct LinkNote {
    text: String,
    /// Diverged: the source answer changed since (shown in the warning colour).
    diverged: bool,
}

/// The progress section's texts and figures, already written out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProgressSinceView {
    intro: String,
    paragraph: String,
    overall: String,
    overall_change: String,
    completion: String,
    completion_change: String,
    /// The chart: top-level groups.
    chart: Vec<ProgressRow>,
    /// The table: the overall score, then the bar groups.
    table: Vec<ProgressRow>,
    /// Per status change: its movement in words.
    movements: Vec<&'static str>,
}

#[derive(Serialize)]
struct ProgressRow {
    label: String,
    title: String,
    before: Option<f64>,
    after: Option<f64>,
    change: String,
}

impl ProgressSinceView {
    fn build(d: &ReportData, c: &Comparison, lang: Lang) -> ProgressSinceView {
        let row = |g: &GroupChange, label: &str, title: String| ProgressRow {
            label: label.to_string(),
            title,
            before: g.score.before,
            after: g.score.after,
            change: signed(lang, &g.score),
        };
        let mut table = vec![ProgressRow {
            label: String::new(),
            title: T::OverallScore.get(lang).to_string(),
            before: c.overall.before,
            after: c.overall.after,
            change: signed(lang, &c.overall),
        }];
        table.extend(
            table_groups(d, c)
                .into_iter()
                .map(|g| row(g, &g.path_label, g.title.clone())),
        );
        ProgressSinceView {
            intro: intro(lang, c),
            paragraph: paragraph(lang, c),
            overall: then_now(lang, &c.overall),
            overall_change: points(lang, &c.overall),
            completion: then_now(lang, &c.completion),
            completion_change: points(lang, &c.completion),
            chart: chart_groups(d, c)
                .into_iter()
                .map(|g| row(g, &g.label, truncate(&g.title, 50)))
                .collect(),
            table,
            movements: c
                .changes
                .iter()
                .map(|x| movement(lang, x.movement))
                .collect(),
        }
    }
}

impl<'a> View<'a> {
    pub fn build(d: &'a ReportData, opts: &Options) -> View<'a> {
        let lang = opts.lang;
        let t = T::ALL.iter().map(|k| (k.name(), k.get(lang))).collect();
        let status = Status::ALL
            .iter()
            .map(|s| (s.slug(), i18n::status(lang, Some(*s))))
            .chain([("unanswered", i18n::status(lang, None))])
            .collect();
        let criticality = [
            Criticality::Critical,
            Criticality::Major,
            Criticality::Minor,
        ]
        .iter()
        .map(|c| (c.slug(), i18n::criticality(lang, *c)))
        .collect();
        let priority = [Priority::High, Priority::Medium, Priority::Low]
            .iter()
            .map(|p| (p.slug(), i18n::priority(lang, Some(*p))))
            .collect();
        let readiness = [
            Readiness::NotReady,
            Readiness::Incomplete,
            Readiness::ReadyWithActions,
            Readiness::Ready,
        ]
        .iter()
        .map(|r| (r.slug(), i18n::readiness(lang, *r)))
        .collect();

        let mut all_dates: Vec<NaiveDate> = vec![d.as_of];
        all_dates.extend(d.gaps.iter().filter_map(|g| g.target_date));
        all_dates.extend(
            d.evidence
                .iter()
                .flat_map(|e| [e.effective, e.expires])
                .flatten(),
        );
        let dates = all_dates
            .into_iter()
            .map(|x| (x.format("%Y-%m-%d").to_string(), short_date(lang, x)))
            .collect();

        let th = threshold(d);
        let weak = WEAK_BELOW.to_string();
        let as_of = long_date(lang, d.as_of);
        let s = &d.summary;
        let (bar_title, radar_title) = match d.assessment.profile {
            Profile::Trader => (T::ChartBySection, T::ChartRadar),
            Profile::Customs => (T::ChartByStandard, T::ChartRadarCustoms),
        };
        View {
            data: d,
            lang: lang.code(),
            paper: match opts.paper {
                Paper::A4 => "a4",
                Paper::Letter => "us-letter",
            },
            t,
            status,
            criticality,
            priority,
            readiness,
            dates,
            cover: cover_facts(d, lang),
            subtitle: match d.assessment.profile {
                Profile::Trader => T::SubtitleTrader.get(lang),
                Profile::Customs => T::SubtitleCustoms.get(lang),
            },
            generated: generated(d, lang),
            sections: sections(d, lang),
            threshold: th,
            percent_suffix: match lang {
                Lang::En => "%",
                Lang::Fr => "\u{a0}%",
            },
            answered_note: fill(
                lang,
                T::Answered,
                &[
                    ("answered", &s.score.answered.to_string()),
                    ("applicable", &s.score.applicable.to_string()),
                ],
            ),
            top_gaps_note: fill(
                lang,
                T::TopGapsNote,
                &[
                    ("n", &d.top_gaps.len().to_string()),
                    ("total", &d.gaps.len().to_string()),
                ],
            ),
            chart_note: fill(lang, T::ChartNote, &[("threshold", &th.to_string())]),
            plan_intro: fill(lang, T::ActionPlanIntro, &[("date", &as_of)]),
            evidence_intro: fill(lang, T::EvidenceIntro, &[("date", &as_of)]),
            capacity_intro: fill(lang, T::CapacityIntro, &[("threshold", &weak)]),
            no_weak: fill(lang, T::NoWeakStandards, &[("threshold", &weak)]),
            rule: s
                .verdict
                .as_ref()
                .map(|v| fill(lang, T::RuleOf, &[("rule", &v.rule.to_string())]))
                .unwrap_or_default(),
            bar_title: bar_title.get(lang),
            radar_title: radar_title.get(lang),
            aims_short: d.aims.iter().map(|a| aim_short(lang, a.aim)).collect(),
            capacity_why: d
                .capacity_building
                .iter()
                .map(|c| {
                    let mut why = Vec::new();
                    if c.score.is_some_and(|s| s < WEAK_BELOW) {
                        why.push(fill(
                            lang,
                            T::WeakScore,
                            &[("score", &percent(lang, c.score)), ("threshold", &weak)],
                        ));
                    }
                    if c.critical_gaps > 0 {
                        why.push(fill(
                            lang,
                            T::WeakCritical,
                            &[("n", &c.critical_gaps.to_string())],
                        ));
                    }
                    why.join("; ")
                })
                .collect(),
            sizes: d
                .evidence
                .iter()
                .map(|e| i18n::file_size(lang, e.size))
                .collect(),
            plan_counts: d
                .action_plan
                .iter()
                .map(|p| {
                    let mut c = fill(lang, T::Actions, &[("n", &p.items.len().to_string())]);
                    if p.overdue > 0 {
                        c.push_str(&format!(
                            ", {} {}",
                            p.overdue,
                            T::Overdue.get(lang).to_lowercase()
                        ));
                    }
                    c
                })
                .collect(),
            overall: percent(lang, s.score.score),
            completion: percent(lang, Some(s.score.completion)),
            bar_labels: d
                .bar_groups
                .iter()
                .filter_map(|id| d.group(id))
                .map(|g| truncate(&g.title, 52))
                .collect(),
            progress: d
                .comparison
                .as_ref()
                .map(|c| ProgressSinceView::build(d, c, lang)),
            link_intro: d.link.as_ref().map(|l| link_texts::intro(lang, l)),
            links: d
                .link
                .iter()
                .flat_map(|l| {
                    l.items.iter().map(move |r| {
                        let note = LinkNote {
                            text: link_texts::line(lang, l, r),
                            diverged: r.state == safe_core::store::DerivedState::Diverged,
                        };
                        (r.item_id.clone(), note)
                    })
                })
                .collect(),
        }
    }
}
