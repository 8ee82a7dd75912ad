//! Live links between assessments on different packs (schema 5, `links` and `derived_answers`):
//! start an assessment from another through a crosswalk, mark derived answers diverged when a
//! source answer changes, confirm them, unlink. The states are described in
//! `migrations/005_links.sql`.
//!
//! `start` starts an assessment from another, `read` reads a link back, `settle` keeps derived
//! answers in step (confirm, diverge, unlink).

mod read;
mod settle;
mod start;

use rusqlite::{Transaction, params};
use serde::Serialize;

use super::answers::{AnswerRow, OnConflict, put_row};
use crate::crosswalk::Relationship;
use crate::model::{AnswerInput, Assessment, Stamp};
use crate::{Error, Result};

pub(super) use settle::after_change;

/// The state of an answer that came through a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DerivedState {
    /// Carried along an `equal` link: an answer (carried over), counted.
    Carried,
    /// Carried along another link: a suggestion, not counted until confirmed or changed.
    Suggested,
    /// Confirmed by the user.
    Confirmed,
    /// Answered differently by the user.
    Changed,
    /// The source answer changed since: to confirm or change.
    Diverged,
}

impl DerivedState {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            DerivedState::Carried => "carried",
            DerivedState::Suggested => "suggested",
            DerivedState::Confirmed => "confirmed",
            DerivedState::Changed => "changed",
            DerivedState::Diverged => "diverged",
        }
    }

    fn parse(s: &str) -> DerivedState {
        match s {
            "carried" => DerivedState::Carried,
            "suggested" => DerivedState::Suggested,
            "confirmed" => DerivedState::Confirmed,
            "changed" => DerivedState::Changed,
            _ => DerivedState::Diverged,
        }
    }

    /// True when the user has confirmed or changed it (and the source has not moved since).
    pub fn settled(self) -> bool {
        matches!(self, DerivedState::Confirmed | DerivedState::Changed)
    }
}

/// The link of an assessment to the one it was started from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LinkInfo {
    /// The source assessment.
    pub source_id: String,
    /// Its title.
    pub source_title: String,
    /// Its pack.
    pub source_pack: String,
    /// The mapping.
    pub mapping: String,
    /// When linked.
    pub linked_at: chrono::DateTime<chrono::Utc>,
    /// By whom.
    pub linked_by: String,
}

/// One item whose answer came through the link.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Derived {
    /// The item of this assessment.
    pub item_id: String,
    /// The item of the source assessment.
    pub source_item: String,
    /// The relationship of the source item to this one.
    pub relationship: Relationship,
    /// Its state.
    pub state: DerivedState,
    /// The source answer it rests on (the suggestion, for a suggested item).
    pub basis: AnswerInput,
    /// This assessment's answer (none for a suggestion).
    pub answer: Option<AnswerInput>,
    /// The source's answer now (none when cleared); differs from `basis` when diverged.
    pub source_now: Option<AnswerInput>,
}

/// An assessment's link and the answers that came through it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Linked {
    /// The link.
    pub link: LinkInfo,
    /// The items, in item id order.
    pub items: Vec<Derived>,
}

impl Linked {
    /// The derived item of `item_id`, if it came through the link.
    pub fn item(&self, item_id: &str) -> Option<&Derived> {
        self.items.iter().find(|d| d.item_id == item_id)
    }
}

/// What starting an assessment from another did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Started {
    /// The new assessment.
    pub assessment: Assessment,
    /// Items answered along `equal` links.
    pub carried: Vec<String>,
    /// Items with a suggestion to confirm.
    pub suggested: Vec<String>,
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::invalid(e.to_string()))
}

fn from_json(s: &str) -> rusqlite::Result<AnswerInput> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn insert_answer(
    tx: &Transaction<'_>,
    id: &str,
    item_id: &str,
    input: &AnswerInput,
    carried_over: bool,
    stamp: &Stamp,
) -> Result<()> {
    put_row(
        tx,
        &AnswerRow::stamped(id, item_id, input, stamp, carried_over),
        OnConflict::Refuse,
    )?;
    Ok(())
}

/// Links the evidence of `source_item` in assessment `source` to `item_id` of assessment `id`
/// (the same stored content, by SHA-256); returns the hashes.
fn link_evidence(
    tx: &Transaction<'_>,
    source: &str,
    source_item: &str,
    id: &str,
    item_id: &str,
) -> Result<Vec<String>> {
    tx.execute(
        "INSERT OR IGNORE INTO evidence (assessment_id, sha256, file_name, media_type, added_at, added_by, effective, expires)
         SELECT ?3, e.sha256, e.file_name, e.media_type, e.added_at, e.added_by, e.effective, e.expires
         FROM evidence e JOIN evidence_links l ON l.evidence_id = e.id
         WHERE e.assessment_id = ?1 AND l.item_id = ?2",
        params![source, source_item, id],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO evidence_links (evidence_id, item_id)
         SELECT n.id, ?4 FROM evidence e JOIN evidence_links l ON l.evidence_id = e.id
         JOIN evidence n ON n.assessment_id = ?3 AND n.sha256 = e.sha256
         WHERE e.assessment_id = ?1 AND l.item_id = ?2",
        params![source, source_item, id, item_id],
    )?;
    let mut stmt = tx.prepare_cached(
        "SELECT e.sha256 FROM evidence e JOIN evidence_links l ON l.evidence_id = e.id
         WHERE e.assessment_id = ?1 AND l.item_id = ?2 ORDER BY e.sha256",
    )?;
    let v = stmt
        .query_map(params![id, item_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

#[cfg(test)]
mod tests;
