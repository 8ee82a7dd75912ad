//! The optional "Progress since the previous assessment" section: what changed between an earlier
//! assessment of the same organisation and the one reported on.
//!
//! [`comparison`] builds the section from two opened assessments with `safe_core::compare` (a
//! pure function: no file or database is touched) and refuses pairs that should not be compared.
//! The shell puts the result into [`ReportData::comparison`] before rendering:
//!
//! ```ignore
//! let mut data = ReportData::build(&current, &opts);
//! data.comparison = Some(safe_report::comparison(&previous, &current)?);
//! let bytes = safe_report::render_data(&data, format, &opts)?;
//! ```
//!
//! The section's types are the report's own (schema `safe-assess.report/1`, field `comparison`),
//! except the rows of `changes`, which are the core's [`ItemChange`](safe_core::compare::ItemChange)
//! (`safe-assess.compare/1` gives the same rows): both schemas only grow, so sharing one row type
//! keeps them in step instead of translating field by field.

use chrono::{DateTime, Utc};
use safe_core::Opened;
use safe_core::catalogue::Criticality;
use safe_core::model::Status;
use serde::Serialize;

use crate::ReportError;
use crate::build::path_labels;
use crate::model::ReportData;

/// What changed since an earlier assessment of the same organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The earlier assessment.
    pub previous: PreviousInfo,
    /// Overall score then and now.
    pub overall: Change,
    /// Completion then and now (percent).
    pub completion: Change,
    /// Every group of this assessment's tree, parents first, with its score then and now.
    pub groups: Vec<GroupChange>,
    /// Gaps of the previous assessment that are no longer gaps (met or not applicable now).
    pub gaps_closed: Vec<GapChange>,
    /// Gaps now that were not gaps before.
    pub gaps_opened: Vec<GapChange>,
    /// Every applicable item whose status differs, in catalogue order.
    pub changes: Vec<StatusChange>,
}

/// The earlier assessment's details.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviousInfo {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Organisation.
    pub organisation: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change: its assessment date.
    pub updated_at: DateTime<Utc>,
    /// The catalogue pack version it was answered against.
    pub catalogue_version: String,
}

/// A figure then and now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// In the previous assessment (`null`: nothing scorable).
    pub before: Option<f64>,
    /// In this assessment.
    pub after: Option<f64>,
    /// `after - before` when both exist.
    pub delta: Option<f64>,
}

impl Change {
    pub(crate) fn new(before: Option<f64>, after: Option<f64>) -> Change {
        Change {
            before,
            after,
            delta: before.zip(after).map(|(b, a)| a - b),
        }
    }
}

/// One group's score then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupChange {
    /// Group id.
    pub id: String,
    /// Short label (code).
    pub label: String,
    /// Unique label, as in `groups[].pathLabel`.
    pub path_label: String,
    /// Title.
    pub title: String,
    /// Depth (0 = top).
    pub depth: usize,
    /// Score then and now.
    #[serde(flatten)]
    pub score: Change,
}

/// A gap that closed or opened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GapChange {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status then (`null`: unanswered).
    pub before: Option<Status>,
    /// Status now.
    pub after: Option<Status>,
}

/// An item whose status differs: the core's own comparison row (same JSON shape).
pub use safe_core::compare::{ItemChange as StatusChange, Movement};

/// Builds the progress section of `current` since `previous`.
///
/// Refused ([`ReportError::NotComparable`]) when both are the same assessment, when they use
/// different catalogues (customs and trader), or when the organisations differ (names compared
/// ignoring case and surrounding spaces, as `safe-assess compare` does).
pub fn comparison(previous: &Opened, current: &Opened) -> Result<Comparison, ReportError> {
    let (p, c) = (&previous.assessment, &current.assessment);
    if p.id == c.id {
        return Err(ReportError::NotComparable(format!(
            "assessment {} cannot be compared with itself: give the id of an earlier assessment of the same organisation",
            c.id
        )));
    }
    let cmp = safe_core::compare::compare(previous, current)
        .map_err(|e| ReportError::NotComparable(e.to_string()))?;
    if !cmp.same_organisation {
        return Err(ReportError::NotComparable(format!(
            "assessment {} is of '{}' and {} of '{}': progress is shown only between assessments of the same organisation",
            p.id, p.organisation, c.id, c.organisation
        )));
    }
    let labels = path_labels(&current.pack);
    let gap = |g: safe_core::compare::GapChange| GapChange {
        item_id: g.item_id,
        title: g.title,
        criticality: g.criticality,
        before: g.before,
        after: g.after,
    };
    Ok(Comparison {
        previous: PreviousInfo {
            id: p.id.clone(),
            title: p.title.clone(),
            organisation: p.organisation.clone(),
            created_at: p.created_at,
            updated_at: p.updated_at,
            catalogue_version: p.pack_version.clone(),
        },
        overall: Change::new(cmp.before.score, cmp.after.score),
        completion: Change::new(Some(cmp.before.completion), Some(cmp.after.completion)),
        groups: cmp
            .groups
            .into_iter()
            .map(|g| GroupChange {
                path_label: labels.get(&g.id).cloned().unwrap_or_else(|| g.id.clone()),
                score: Change::new(g.before, g.after),
                id: g.id,
                label: g.label,
                title: g.title,
                depth: g.depth,
            })
            .collect(),
        gaps_closed: cmp.gaps_closed.into_iter().map(gap).collect(),
        gaps_opened: cmp.gaps_opened.into_iter().map(gap).collect(),
        changes: cmp.changes,
    })
}

/// The groups of the score table: the report's bar groups (sections, or standards and parts), in
/// that order.
pub fn table_groups<'a>(d: &'a ReportData, c: &'a Comparison) -> Vec<&'a GroupChange> {
    d.bar_groups
        .iter()
        .filter_map(|id| c.groups.iter().find(|g| &g.id == id))
        .collect()
}

/// The groups of the chart: the top-level groups of the radar.
pub fn chart_groups<'a>(d: &'a ReportData, c: &'a Comparison) -> Vec<&'a GroupChange> {
    d.radar_groups
        .iter()
        .filter_map(|id| c.groups.iter().find(|g| &g.id == id))
        .collect()
}
