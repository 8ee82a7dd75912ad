//! Comparing two assessments of one organisation, and the trend over several: pure analytics
//! beside [`crate::scoring`], no I/O.
//!
//! Functions over [`crate::Opened`] (already scored with [`crate::scoring::score`]). Items and
//! groups are matched by id, so assessments on different versions of the same pack compare too;
//! the pack id must be the same.
//!
//! **The assessment family** ([`same_family`]): the assessments that compare with each other and
//! make a trend are those of the same organisation ([`organisation_key`]: the name trimmed and
//! compared ignoring case; accents count) on the same catalogue pack id (any version). The shells
//! list them with `safe_app::family`, which also leaves out the bin and orders them oldest first.
//! A trend needs at least [`TREND_MIN`] assessments.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::catalogue::Criticality;
use crate::model::{Assessment, Status};
use crate::scoring::{Gap, Score};
use crate::{Error, Opened, Result};

/// The fewest assessments a trend is drawn for, in the app and on the command line.
pub const TREND_MIN: usize = 3;

/// The key organisations are matched by: the name trimmed and lower-cased (accents are kept, so
/// `Société` and `Societe` are two organisations).
pub fn organisation_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// True when `a` and `b` belong to one family: the same organisation ([`organisation_key`]) on
/// the same catalogue pack id (any version).
pub fn same_family(a: &Assessment, b: &Assessment) -> bool {
    a.pack_id == b.pack_id && organisation_key(&a.organisation) == organisation_key(&b.organisation)
}

/// One assessment in a comparison or trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Point {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Organisation.
    pub organisation: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Overall score.
    pub score: Option<f64>,
    /// Completion (percent).
    pub completion: f64,
}

fn point(o: &Opened) -> Point {
    let a = &o.assessment;
    Point {
        id: a.id.clone(),
        title: a.title.clone(),
        organisation: a.organisation.clone(),
        created_at: a.created_at,
        score: o.scorecard.overall.score,
        completion: o.scorecard.overall.completion,
    }
}

/// How an item's answer moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Movement {
    /// A better status.
    Improved,
    /// A worse status.
    Worsened,
    /// Answered now, unanswered before.
    Answered,
    /// Unanswered now, answered before.
    Unanswered,
    /// To or from not-applicable.
    Changed,
}

/// One item whose status differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemChange {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status in the first assessment.
    pub before: Option<Status>,
    /// Status in the second.
    pub after: Option<Status>,
    /// How it moved.
    pub movement: Movement,
}

/// A group's score in both assessments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupDelta {
    /// Group id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Title.
    pub title: String,
    /// 0 for top-level groups.
    pub depth: usize,
    /// Score before.
    pub before: Option<f64>,
    /// Score after.
    pub after: Option<f64>,
    /// After minus before, when both exist.
    pub delta: Option<f64>,
}

/// A gap that closed or opened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GapChange {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status before.
    pub before: Option<Status>,
    /// Status after.
    pub after: Option<Status>,
}

/// What changed from one assessment to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    /// The earlier assessment (as given first).
    pub before: Point,
    /// The later one.
    pub after: Point,
    /// False when the organisations' names differ (compared anyway).
    pub same_organisation: bool,
    /// Overall score delta.
    pub delta: Option<f64>,
    /// Every group, in the second assessment's tree order.
    pub groups: Vec<GroupDelta>,
    /// Items whose status differs, in catalogue order.
    pub changes: Vec<ItemChange>,
    /// Gaps of the first assessment that are no longer gaps.
    pub gaps_closed: Vec<GapChange>,
    /// Gaps of the second assessment that were not gaps before.
    pub gaps_opened: Vec<GapChange>,
}

fn same_pack(list: &[&Opened]) -> Result<()> {
    if let Some(first) = list.first()
        && let Some(o) = list
            .iter()
            .find(|o| o.assessment.pack_id != first.assessment.pack_id)
    {
        return Err(Error::invalid(format!(
            "assessments {} ({}) and {} ({}) use different catalogues; only assessments on the same catalogue compare",
            first.assessment.id, first.assessment.pack_id, o.assessment.id, o.assessment.pack_id
        )));
    }
    Ok(())
}

fn delta(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(b? - a?)
}

fn movement(before: Option<Status>, after: Option<Status>) -> Movement {
    match (before, after) {
        (None, _) => Movement::Answered,
        (_, None) => Movement::Unanswered,
        (Some(b), Some(a)) => match (b.value(), a.value()) {
            (Some(x), Some(y)) if y > x => Movement::Improved,
            (Some(x), Some(y)) if y < x => Movement::Worsened,
            _ => Movement::Changed,
        },
    }
}

/// Compares assessment `a` (before) with `b` (after).
pub fn compare(a: &Opened, b: &Opened) -> Result<Comparison> {
    same_pack(&[a, b])?;
    let status = |o: &Opened| -> HashMap<String, Status> {
        o.answers
            .iter()
            .map(|x| (x.item_id.clone(), x.input.status))
            .collect()
    };
    let (sa, sb) = (status(a), status(b));
    let applies = |o: &Opened, id: &str| {
        o.pack
            .item(id)
            .is_some_and(|i| i.applies_to(&o.assessment.roles))
    };
    let mut changes = Vec::new();
    let mut seen = HashSet::new();
    for item in b.pack.items().into_iter().chain(a.pack.items()) {
        if !seen.insert(item.id.clone()) {
            continue;
        }
        if !applies(a, &item.id) && !applies(b, &item.id) {
            continue;
        }
        let (before, after) = (sa.get(&item.id).copied(), sb.get(&item.id).copied());
        if before != after {
            changes.push(ItemChange {
                item_id: item.id.clone(),
                title: item.title.clone(),
                criticality: item.criticality,
                before,
                after,
                movement: movement(before, after),
            });
        }
    }

    let gap_ids = |o: &Opened| -> BTreeSet<String> {
        o.scorecard.gaps.iter().map(|g| g.item_id.clone()).collect()
    };
    let (ga, gb) = (gap_ids(a), gap_ids(b));
    let gap_change = |g: &Gap| GapChange {
        item_id: g.item_id.clone(),
        title: g.title.clone(),
        criticality: g.criticality,
        before: sa.get(&g.item_id).copied(),
        after: sb.get(&g.item_id).copied(),
    };
    let gaps_closed = a
        .scorecard
        .gaps
        .iter()
        .filter(|g| !gb.contains(&g.item_id) && applies(b, &g.item_id))
        .map(gap_change)
        .collect();
    let gaps_opened = b
        .scorecard
        .gaps
        .iter()
        .filter(|g| !ga.contains(&g.item_id))
        .map(gap_change)
        .collect();

    let before_groups: HashMap<&str, &Score> = a
        .scorecard
        .groups
        .iter()
        .map(|g| (g.id.as_str(), &g.score))
        .collect();
    let groups = b
        .scorecard
        .groups
        .iter()
        .map(|g| {
            let before = before_groups.get(g.id.as_str()).and_then(|s| s.score);
            GroupDelta {
                id: g.id.clone(),
                label: g.label.clone(),
                title: g.title.clone(),
                depth: g.depth,
                before,
                after: g.score.score,
                delta: delta(before, g.score.score),
            }
        })
        .collect();

    Ok(Comparison {
        before: point(a),
        after: point(b),
        same_organisation: organisation_key(&a.assessment.organisation)
            == organisation_key(&b.assessment.organisation),
        delta: delta(a.scorecard.overall.score, b.scorecard.overall.score),
        groups,
        changes,
        gaps_closed,
        gaps_opened,
    })
}

/// One top-level group's score across the assessments of a trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrendRow {
    /// Group id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Title.
    pub title: String,
    /// Score in each assessment, in [`Trend::assessments`] order (`None`: nothing scorable).
    pub scores: Vec<Option<f64>>,
}

/// Scores per top-level group over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Trend {
    /// The assessments, oldest first.
    pub assessments: Vec<Point>,
    /// One row per top-level group of the newest assessment's pack.
    pub groups: Vec<TrendRow>,
    /// The overall score of each assessment.
    pub overall: Vec<Option<f64>>,
}

/// The trend over [`TREND_MIN`] or more assessments, ordered by creation time.
pub fn trend(list: &[Opened]) -> Result<Trend> {
    if list.len() < TREND_MIN {
        return Err(Error::invalid(format!(
            "a trend needs at least {TREND_MIN} assessments ({} given)",
            list.len()
        )));
    }
    let mut sorted: Vec<&Opened> = list.iter().collect();
    same_pack(&sorted)?;
    sorted.sort_by_key(|o| o.assessment.created_at);
    let scores: Vec<HashMap<&str, Option<f64>>> = sorted
        .iter()
        .map(|o| {
            o.scorecard
                .groups
                .iter()
                .filter(|g| g.depth == 0)
                .map(|g| (g.id.as_str(), g.score.score))
                .collect()
        })
        .collect();
    let newest = sorted.last().map(|o| &o.scorecard.groups);
    let groups = newest
        .into_iter()
        .flatten()
        .filter(|g| g.depth == 0)
        .map(|g| TrendRow {
            id: g.id.clone(),
            label: g.label.clone(),
            title: g.title.clone(),
            scores: scores
                .iter()
                .map(|s| s.get(g.id.as_str()).copied().flatten())
                .collect(),
        })
        .collect();
    Ok(Trend {
        assessments: sorted.iter().map(|o| point(o)).collect(),
        overall: sorted.iter().map(|o| o.scorecard.overall.score).collect(),
        groups,
    })
}

#[cfg(test)]
mod tests;
