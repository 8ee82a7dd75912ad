//! Working on one assessment: create it, answer its items, attach evidence, and what the
//! checklist shows (the pack cut to the assessment's roles, the scorecard).

use std::path::PathBuf;

use chrono::NaiveDate;
use safe_core::catalogue::{Group, Library, Pack};
use safe_core::model::{
    Answer, AnswerInput, Assessment, Evidence, NewAssessment, Priority, Stamp, Status,
};
use safe_core::scoring::{self, Scorecard};
use safe_core::store::{Store, Validity, read_evidence_file};

use crate::Result;

/// Creates an assessment with id `id` on the current pack of its profile in `lib`.
pub fn create(
    store: &mut Store,
    lib: &Library,
    new: &NewAssessment,
    id: &str,
    stamp: &Stamp,
) -> Result<Assessment> {
    Ok(store.create_assessment(lib, new, id, stamp)?)
}

/// An item's answer after a save, with the assessment's new scorecard (completion badges,
/// scores), so a shell shows both from one call.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The saved answer.
    pub answer: Answer,
    /// The assessment's scorecard after the change.
    pub scorecard: Scorecard,
}

/// Saves an item's answer, replacing the one there was (the old one stays in the history).
pub fn save_answer(
    store: &mut Store,
    id: &str,
    item_id: &str,
    input: &AnswerInput,
    stamp: &Stamp,
) -> Result<Saved> {
    let answer = store.save_answer(id, item_id, input, stamp)?;
    Ok(Saved {
        answer,
        scorecard: scorecard(store, id)?,
    })
}

/// Makes an item unanswered again (the old answer stays in the history) and returns the
/// assessment's new scorecard.
pub fn clear_answer(
    store: &mut Store,
    id: &str,
    item_id: &str,
    stamp: &Stamp,
) -> Result<Scorecard> {
    store.clear_answer(id, item_id, stamp)?;
    scorecard(store, id)
}

/// A change to some fields of an item's answer. Fields left `None` keep the current answer's
/// value (the empty value for an item not answered yet).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerChange {
    /// The new status (always given).
    pub status: Status,
    /// New justification.
    pub justification: Option<String>,
    /// New comment.
    pub comment: Option<String>,
    /// New action owner.
    pub owner: Option<String>,
    /// New target date.
    pub target_date: Option<NaiveDate>,
    /// New priority.
    pub priority: Option<Priority>,
    /// Flag (`Some(true)`) or unflag (`Some(false)`) for review.
    pub flagged: Option<bool>,
}

impl AnswerChange {
    /// The answer once this change is made to `old`.
    pub fn apply(&self, old: Option<AnswerInput>) -> AnswerInput {
        let base = old.unwrap_or_else(|| AnswerInput::status(self.status));
        AnswerInput {
            status: self.status,
            justification: self.justification.clone().unwrap_or(base.justification),
            comment: self.comment.clone().unwrap_or(base.comment),
            owner: self.owner.clone().unwrap_or(base.owner),
            target_date: self.target_date.or(base.target_date),
            priority: self.priority.or(base.priority),
            flagged: self.flagged.unwrap_or(base.flagged),
        }
    }
}

/// Changes some fields of an item's answer (see [`AnswerChange`]) and saves it.
pub fn change_answer(
    store: &mut Store,
    id: &str,
    item_id: &str,
    change: &AnswerChange,
    stamp: &Stamp,
) -> Result<Saved> {
    let old = store.answer(id, item_id)?.map(|o| o.input);
    save_answer(store, id, item_id, &change.apply(old), stamp)
}

/// An item's evidence after an attach or a detach.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Attached {
    /// The files this action attached, in the order given (none for a detach).
    pub added: Vec<Evidence>,
    /// Every evidence file of the assessment.
    pub evidence: Vec<Evidence>,
    /// The item's answer, if it has one (its evidence links changed).
    pub answer: Option<Answer>,
}

/// Attaches files to an item. Every file is read first, so one that cannot be read refuses them
/// all before anything is stored.
pub fn attach_evidence(
    store: &mut Store,
    id: &str,
    item_id: &str,
    paths: &[PathBuf],
    validity: Validity,
    stamp: &Stamp,
) -> Result<Attached> {
    let files = paths
        .iter()
        .map(|p| read_evidence_file(p))
        .collect::<safe_core::Result<Vec<_>>>()?;
    let mut added = Vec::with_capacity(files.len());
    for f in &files {
        added.push(store.add_evidence(id, item_id, f, validity, stamp)?);
    }
    attached(store, id, item_id, added)
}

/// Detaches an evidence file from an item (it stays in the assessment's list and history).
pub fn remove_evidence(
    store: &mut Store,
    id: &str,
    item_id: &str,
    sha256: &str,
    stamp: &Stamp,
) -> Result<Attached> {
    store.remove_evidence(id, item_id, sha256, stamp)?;
    attached(store, id, item_id, Vec::new())
}

fn attached(store: &Store, id: &str, item_id: &str, added: Vec<Evidence>) -> Result<Attached> {
    Ok(Attached {
        added,
        evidence: store.evidence(id)?,
        answer: store.answer(id, item_id)?,
    })
}

/// The scorecard of an assessment, loaded without its evidence: what the completion badges and
/// the dashboard need.
pub fn scorecard(store: &Store, id: &str) -> Result<Scorecard> {
    scorecard_in(store, id, None)
}

/// [`scorecard`] with the group and item titles in `lang` where the pack has them (the pack's
/// own language otherwise, and for `None`): what the dashboard shows in the UI's language.
pub fn scorecard_in(store: &Store, id: &str, lang: Option<&str>) -> Result<Scorecard> {
    let a = store.assessment(id)?;
    let mut pack = store.pack(&a.pack_id, &a.pack_version)?;
    if let Some(lang) = lang {
        pack = pack.localized(lang).pack.into();
    }
    let answers = store.answers(id)?;
    Ok(scoring::score(&pack, &a, &answers))
}

/// The pack as an assessment with these roles and tiers sees it: only the items that apply to
/// one of the roles and one of the tiers (`Item::applies`), and only the groups that keep an
/// item, in catalogue order. Empty `tiers`: a pack without tiers, every item.
pub fn visible_pack(pack: &Pack, roles: &[String], tiers: &[String]) -> Pack {
    let mut out = pack.clone();
    out.groups = visible_groups(std::mem::take(&mut out.groups), roles, tiers);
    out
}

fn visible_groups(groups: Vec<Group>, roles: &[String], tiers: &[String]) -> Vec<Group> {
    groups
        .into_iter()
        .filter_map(|mut g| {
            g.items.retain(|i| i.applies(roles, tiers));
            g.groups = visible_groups(std::mem::take(&mut g.groups), roles, tiers);
            (!g.items.is_empty() || !g.groups.is_empty()).then_some(g)
        })
        .collect()
}
