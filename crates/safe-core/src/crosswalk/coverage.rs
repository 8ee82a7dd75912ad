//! Coverage: how much of another pack an assessment already answers through a crosswalk.
//!
//! An item of the other pack (one that applies to the assessment's roles) is *covered* when an
//! `equal` link comes from an item the assessment answered, *partly covered* when any other link
//! does, and *not covered* otherwise. Percentages are per top-level group of the other pack and
//! overall; the items still to answer are those not covered (partly covered ones included: a
//! suggestion must be confirmed). Pure: no store, no clock.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Crosswalk, Relationship};
use crate::catalogue::Pack;
use crate::model::{Answer, Assessment, Status};

/// Whether an item of the other pack is answered through the links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CoverState {
    /// An `equal` link from an answered item.
    Covered,
    /// Another link from an answered item.
    Partly,
    /// No link from an answered item.
    NotCovered,
}

impl CoverState {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            CoverState::Covered => "covered",
            CoverState::Partly => "partly",
            CoverState::NotCovered => "not-covered",
        }
    }
}

/// A link that reaches an item of the other pack from an answered item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageLink {
    /// The answered item of the assessment's pack.
    pub item_id: String,
    /// Its relationship to the other pack's item.
    pub relationship: Relationship,
    /// Its answer.
    pub status: Status,
}

/// One item of the other pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageItem {
    /// Item id (of the other pack).
    pub item_id: String,
    /// Title.
    pub title: String,
    /// The top-level group it is in.
    pub section: String,
    /// Covered, partly or not.
    pub state: CoverState,
    /// The links from answered items, `equal` first.
    pub by: Vec<CoverageLink>,
}

/// The coverage of one top-level group of the other pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionCoverage {
    /// Group id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Items that apply.
    pub items: usize,
    /// Covered items.
    pub covered: usize,
    /// Partly covered items.
    pub partly: usize,
    /// Covered items as a share of `items`, 0 to 100 (100 for a section with no item).
    pub percent: f64,
}

/// How much of another pack an assessment answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Coverage {
    /// The assessment.
    pub assessment_id: String,
    /// Its pack.
    pub from_pack: String,
    /// The other pack.
    pub to_pack: String,
    /// The other pack's version.
    pub to_version: String,
    /// The mapping used.
    pub mapping: String,
    /// Every item of the other pack that applies to the assessment's roles, in catalogue order.
    pub items: Vec<CoverageItem>,
    /// Per top-level group, in catalogue order (groups with no item that applies left out).
    pub sections: Vec<SectionCoverage>,
    /// Items that apply.
    pub total: usize,
    /// Covered items.
    pub covered: usize,
    /// Partly covered items.
    pub partly: usize,
    /// Covered items as a share of `total`, 0 to 100.
    pub percent: f64,
    /// The items still to answer (partly or not covered), in catalogue order.
    pub to_answer: Vec<String>,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The coverage of pack `other` by assessment `a` (on `pack`, with `answers`) through `links`
/// (read from the assessment's pack to `other`).
pub fn coverage(
    a: &Assessment,
    pack: &Pack,
    answers: &[Answer],
    other: &Pack,
    links: &Crosswalk,
) -> Coverage {
    let in_pack: HashSet<&str> = pack.items().into_iter().map(|i| i.id.as_str()).collect();
    let answered: HashMap<&str, Status> = answers
        .iter()
        .filter(|x| in_pack.contains(x.item_id.as_str()))
        .map(|x| (x.item_id.as_str(), x.input.status))
        .collect();
    let mut by_target: HashMap<&str, Vec<CoverageLink>> = HashMap::new();
    for l in &links.links {
        if let Some(status) = answered.get(l.from.as_str()) {
            by_target
                .entry(l.to.as_str())
                .or_default()
                .push(CoverageLink {
                    item_id: l.from.clone(),
                    relationship: l.relationship,
                    status: *status,
                });
        }
    }
    let mut items = Vec::new();
    let mut sections = Vec::new();
    for top in &other.groups {
        let mut s = SectionCoverage {
            id: top.id.clone(),
            title: top.title.clone(),
            items: 0,
            covered: 0,
            partly: 0,
            percent: 0.0,
        };
        for item in top
            .all_items()
            .into_iter()
            .filter(|i| i.applies_to(&a.roles))
        {
            let mut by = by_target.remove(item.id.as_str()).unwrap_or_default();
            by.sort_by_key(|l| l.relationship != Relationship::Equal);
            let state = match by.first() {
                Some(l) if l.relationship == Relationship::Equal => CoverState::Covered,
                Some(_) => CoverState::Partly,
                None => CoverState::NotCovered,
            };
            s.items += 1;
            match state {
                CoverState::Covered => s.covered += 1,
                CoverState::Partly => s.partly += 1,
                CoverState::NotCovered => {}
            }
            items.push(CoverageItem {
                item_id: item.id.clone(),
                title: item.title.clone(),
                section: top.id.clone(),
                state,
                by,
            });
        }
        if s.items > 0 {
            s.percent = percent(s.covered, s.items);
            sections.push(s);
        }
    }
    let total = items.len();
    let covered = items
        .iter()
        .filter(|i| i.state == CoverState::Covered)
        .count();
    let partly = items
        .iter()
        .filter(|i| i.state == CoverState::Partly)
        .count();
    Coverage {
        assessment_id: a.id.clone(),
        from_pack: pack.id.clone(),
        to_pack: other.id.clone(),
        to_version: other.version.clone(),
        mapping: links.mapping.clone(),
        to_answer: items
            .iter()
            .filter(|i| i.state != CoverState::Covered)
            .map(|i| i.item_id.clone())
            .collect(),
        items,
        sections,
        total,
        covered,
        partly,
        percent: percent(covered, total),
    }
}
