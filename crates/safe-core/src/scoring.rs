//! Scores, completion, the trader readiness verdict and the gap list.
//!
//! # Rules
//! - An item counts only when it applies to the assessment (customs packs: every item; trader
//!   packs: items whose roles include one of the assessment's roles, or `all`).
//! - Answer values: met = 1, partially-met = 0.5, not-met = 0. Not-applicable items are left out of
//!   the score; unanswered items are left out of the score and reported as incomplete.
//! - Each item is weighted by criticality: critical 3, major 2, minor 1.
//! - A score is `100 × Σ(weight × value) / Σ(weight)` over the answered, applicable, not
//!   not-applicable items of a group (a standard, section, pillar, strategic aim, or the whole
//!   assessment); it is `None` when no such item exists.
//! - Completion is `100 × answered / applicable`, where not-applicable answers count as answered.
//! - Readiness (trader assessments), the first rule that matches:
//!   1. **not ready** when any critical item is not met, or the overall score is below 60;
//!   2. **incomplete** when any applicable item is unanswered;
//!   3. **ready with actions** when any critical item is only partially met, any major item is not
//!      met, or the overall score is below 85;
//!   4. **ready** otherwise.
//! - Gaps: every applicable item that is not met, partially met or unanswered, ordered by
//!   criticality (critical first), then by value (not met, unanswered, partially met), then
//!   catalogue order. The item's guidance is the recommended action.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::{Aim, Criticality, Group, GroupKind, Item, Pack, Profile};
use crate::model::{Answer, Assessment, Priority, Status};

/// Overall score below which a trader is not ready.
pub const NOT_READY_BELOW: f64 = 60.0;
/// Overall score below which a trader is ready only with actions.
pub const READY_FROM: f64 = 85.0;

/// Score and completion of a set of items.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Score {
    /// 0 to 100, or `None` when nothing scorable is answered.
    pub score: Option<f64>,
    /// 0 to 100 (100 when nothing applies).
    pub completion: f64,
    /// Applicable items.
    pub applicable: usize,
    /// Answered items (including not-applicable).
    pub answered: usize,
    /// Items met.
    pub met: usize,
    /// Items partially met.
    pub partially_met: usize,
    /// Items not met.
    pub not_met: usize,
    /// Items answered not-applicable.
    pub not_applicable: usize,
    /// Items unanswered.
    pub unanswered: usize,
    #[serde(skip)]
    weighted: f64,
    #[serde(skip)]
    weight: f64,
}

impl Score {
    fn add(&mut self, item: &Item, status: Option<Status>) {
        self.applicable += 1;
        match status {
            None => self.unanswered += 1,
            Some(s) => {
                self.answered += 1;
                match s {
                    Status::Met => self.met += 1,
                    Status::PartiallyMet => self.partially_met += 1,
                    Status::NotMet => self.not_met += 1,
                    Status::NotApplicable => self.not_applicable += 1,
                }
                if let Some(v) = s.value() {
                    let w = item.criticality.weight();
                    self.weighted += w * v;
                    self.weight += w;
                }
            }
        }
    }

    fn finish(mut self) -> Self {
        self.score = (self.weight > 0.0).then(|| 100.0 * self.weighted / self.weight);
        self.completion = if self.applicable == 0 {
            100.0
        } else {
            100.0 * self.answered as f64 / self.applicable as f64
        };
        self
    }
}

/// The score of one group of the pack's tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupScore {
    /// Group id.
    pub id: String,
    /// Short label (code).
    pub label: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: GroupKind,
    /// 0 for top-level groups.
    pub depth: usize,
    /// The parent group's id.
    pub parent: Option<String>,
    /// Score and completion.
    #[serde(flatten)]
    pub score: Score,
}

/// The score of one strategic aim.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AimScore {
    /// The aim.
    pub aim: Aim,
    /// English label.
    pub label: String,
    /// Score and completion.
    #[serde(flatten)]
    pub score: Score,
}

/// The readiness of a trader for AEO status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Readiness {
    /// Rule 1 matched.
    NotReady,
    /// Rule 2 matched.
    Incomplete,
    /// Rule 3 matched.
    ReadyWithActions,
    /// Rule 4.
    Ready,
}

impl Readiness {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Readiness::NotReady => "not-ready",
            Readiness::Incomplete => "incomplete",
            Readiness::ReadyWithActions => "ready-with-actions",
            Readiness::Ready => "ready",
        }
    }
}

/// The verdict and the rule that produced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    /// The readiness.
    pub readiness: Readiness,
    /// The rule number (1 to 4) that matched.
    pub rule: u8,
    /// The rule in words, with the figures that triggered it.
    pub explanation: String,
}

/// One gap: an applicable item not (fully) met or not answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gap {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// The id of the group directly holding the item.
    pub group_id: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status; `None` when unanswered.
    pub status: Option<Status>,
    /// The recommended action (the item's guidance).
    pub recommended_action: String,
    /// Comment.
    pub comment: String,
    /// Owner.
    pub owner: String,
    /// Target date.
    pub target_date: Option<NaiveDate>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Flagged for review.
    pub flagged: bool,
}

/// Everything computed from an assessment's answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scorecard {
    /// The whole assessment.
    pub overall: Score,
    /// Every group, in tree order (parents before children).
    pub groups: Vec<GroupScore>,
    /// The three strategic aims.
    pub aims: Vec<AimScore>,
    /// Trader assessments only.
    pub verdict: Option<Verdict>,
    /// Gaps, most important first.
    pub gaps: Vec<Gap>,
}

/// Scores an assessment's answers against its pack.
pub fn score(pack: &Pack, assessment: &Assessment, answers: &[Answer]) -> Scorecard {
    let by_item: HashMap<&str, &Answer> = answers.iter().map(|a| (a.item_id.as_str(), a)).collect();
    let mut overall = Score::default();
    let mut aims: HashMap<Aim, Score> = HashMap::new();
    let mut groups = Vec::new();
    let mut gaps = Vec::new();
    let mut critical_not_met = 0;
    let mut critical_partial = 0;
    let mut major_not_met = 0;

    let mut ctx = Walk {
        by_item: &by_item,
        roles: &assessment.roles,
        groups: &mut groups,
    };
    for g in &pack.groups {
        ctx.group(g, 0, None);
    }
    for (path, item) in pack.items_with_path() {
        if !item.applies_to(&assessment.roles) {
            continue;
        }
        let answer = by_item.get(item.id.as_str()).copied();
        let status = answer.map(|a| a.input.status);
        overall.add(item, status);
        aims.entry(item.aim).or_default().add(item, status);
        match (item.criticality, status) {
            (Criticality::Critical, Some(Status::NotMet)) => critical_not_met += 1,
            (Criticality::Critical, Some(Status::PartiallyMet)) => critical_partial += 1,
            (Criticality::Major, Some(Status::NotMet)) => major_not_met += 1,
            _ => {}
        }
        if matches!(status, None | Some(Status::NotMet | Status::PartiallyMet)) {
            gaps.push(gap(
                item,
                path.last().map(|g| g.id.as_str()).unwrap_or(""),
                answer,
            ));
        }
    }
    gaps.sort_by_key(|g| (g.criticality, gap_rank(g.status)));
    let overall = overall.finish();
    let verdict = (assessment.profile == Profile::Trader)
        .then(|| verdict(&overall, critical_not_met, critical_partial, major_not_met));
    Scorecard {
        aims: Aim::ALL
            .into_iter()
            .map(|aim| AimScore {
                aim,
                label: aim.label().to_string(),
                score: aims.remove(&aim).unwrap_or_default().finish(),
            })
            .collect(),
        overall,
        groups,
        verdict,
        gaps,
    }
}

fn gap_rank(status: Option<Status>) -> u8 {
    match status {
        Some(Status::NotMet) => 0,
        None => 1,
        _ => 2,
    }
}

fn gap(item: &Item, group_id: &str, answer: Option<&Answer>) -> Gap {
    let input = answer.map(|a| &a.input);
    Gap {
        item_id: item.id.clone(),
        title: item.title.clone(),
        group_id: group_id.to_string(),
        criticality: item.criticality,
        status: input.map(|i| i.status),
        recommended_action: item.guidance.clone(),
        comment: input.map(|i| i.comment.clone()).unwrap_or_default(),
        owner: input.map(|i| i.owner.clone()).unwrap_or_default(),
        target_date: input.and_then(|i| i.target_date),
        priority: input.and_then(|i| i.priority),
        flagged: input.is_some_and(|i| i.flagged),
    }
}

fn verdict(
    overall: &Score,
    critical_not_met: usize,
    critical_partial: usize,
    major_not_met: usize,
) -> Verdict {
    let score = overall.score.unwrap_or(0.0);
    let (readiness, rule, explanation) = if critical_not_met > 0
        || (overall.score.is_some() && score < NOT_READY_BELOW)
    {
        (
            Readiness::NotReady,
            1,
            format!(
                "Not ready: {critical_not_met} critical item(s) not met and an overall score of {score:.0}; \
                 a trader is not ready while any critical item is not met or the score is below {NOT_READY_BELOW:.0}."
            ),
        )
    } else if overall.unanswered > 0 {
        (
            Readiness::Incomplete,
            2,
            format!(
                "Incomplete: {} of {} applicable items are unanswered; readiness can only be judged on a complete assessment.",
                overall.unanswered, overall.applicable
            ),
        )
    } else if critical_partial > 0 || major_not_met > 0 || score < READY_FROM {
        (
            Readiness::ReadyWithActions,
            3,
            format!(
                "Ready once actions are closed: {critical_partial} critical item(s) partially met, {major_not_met} major item(s) \
                 not met, overall score {score:.0} (ready needs every critical item met, no major item unmet and a score of {READY_FROM:.0} or more)."
            ),
        )
    } else {
        (
            Readiness::Ready,
            4,
            format!(
                "Ready: every critical item is met, no major item is unmet and the overall score is {score:.0} ({READY_FROM:.0} or more needed)."
            ),
        )
    };
    Verdict {
        readiness,
        rule,
        explanation,
    }
}

struct Walk<'a> {
    by_item: &'a HashMap<&'a str, &'a Answer>,
    roles: &'a [String],
    groups: &'a mut Vec<GroupScore>,
}

impl Walk<'_> {
    fn group(&mut self, g: &Group, depth: usize, parent: Option<&str>) {
        let mut s = Score::default();
        for item in g.all_items() {
            if item.applies_to(self.roles) {
                s.add(
                    item,
                    self.by_item.get(item.id.as_str()).map(|a| a.input.status),
                );
            }
        }
        self.groups.push(GroupScore {
            id: g.id.clone(),
            label: g.label().to_string(),
            title: g.title.clone(),
            kind: g.kind,
            depth,
            parent: parent.map(str::to_string),
            score: s.finish(),
        });
        for c in &g.groups {
            self.group(c, depth + 1, Some(&g.id));
        }
    }
}

#[cfg(test)]
mod tests;
