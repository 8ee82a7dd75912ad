//! Keeping derived answers in step: confirm one, mark them diverged when the source answer
//! changes, remove the link.

use rusqlite::{OptionalExtension, Transaction, params};

use super::super::answers::{read as read_answer, touch, validate};
use super::super::history::record;
use super::super::{Store, progress};
use super::{DerivedState, LinkInfo, from_json, insert_answer, json, link_evidence};
use crate::crosswalk::Relationship;
use crate::history::{Change, ItemSource, LinkSource};
use crate::model::{AnswerInput, Stamp};
use crate::{Error, Result};

impl Store {
    /// Confirms item `item_id` of assessment `id`: a suggestion becomes its answer, a carried
    /// answer is confirmed, and a diverged one is confirmed as it stands (an unanswered one takes
    /// the source's answer now), resting from then on the source's current answer. An answer
    /// carried over by `duplicate` is confirmed too. Refused when there is nothing to confirm.
    pub fn confirm(&mut self, id: &str, item_id: &str, stamp: &Stamp) -> Result<()> {
        let a = self.assessment(id)?;
        let item = self.applicable_item(&a, item_id)?;
        let linked = self.linked(id)?;
        let Some(d) = linked.as_ref().and_then(|l| l.item(item_id)).cloned() else {
            return match self.answer(id, item_id)? {
                Some(ans) if ans.carried_over => {
                    self.save_answer(id, item_id, &ans.input, stamp).map(|_| ())
                }
                _ => Err(Error::invalid(format!(
                    "item {item_id} has nothing to confirm: it holds no answer carried from another assessment"
                ))),
            };
        };
        let link = linked
            .map(|l| l.link)
            .ok_or_else(|| Error::invalid("not linked"))?;
        if d.state.settled() {
            return Err(Error::invalid(format!(
                "item {item_id} is already {}: nothing to confirm",
                d.state.slug()
            )));
        }
        let answer = match (&d.answer, d.state) {
            (Some(mine), _) => mine.clone(),
            (None, DerivedState::Diverged) => d.source_now.clone().ok_or_else(|| {
                Error::invalid(format!(
                    "item {item_id}: the source answer ({} in {}) was removed; answer the item yourself",
                    d.source_item, link.source_id
                ))
            })?,
            (None, _) => d.basis.clone(),
        };
        let answer = validate(&item, &answer)?;
        let basis = d.source_now.clone().unwrap_or_else(|| d.basis.clone());
        self.write(|tx| {
            match read_answer(tx, id, item_id)? {
                Some(_) => {
                    tx.execute(
                        "UPDATE answers SET carried_over = 0 WHERE assessment_id = ?1 AND item_id = ?2",
                        params![id, item_id],
                    )?;
                }
                None => {
                    insert_answer(tx, id, item_id, &answer, false, stamp)?;
                    progress::adjust(tx, id, 1)?;
                    link_evidence(tx, &link.source_id, &d.source_item, id, item_id)?;
                }
            }
            tx.execute(
                "UPDATE derived_answers SET state = 'confirmed', basis = ?3
                 WHERE assessment_id = ?1 AND item_id = ?2",
                params![id, item_id, json(&basis)?],
            )?;
            let from = ItemSource {
                assessment_id: link.source_id.clone(),
                item_id: d.source_item.clone(),
                relationship: d.relationship,
            };
            record(tx, id, item_id, &Change::LinkConfirm { from, answer }, stamp)?;
            touch(tx, id, stamp)
        })
    }

    /// Removes the link of assessment `id` to the assessment it was started from. Its answers
    /// stay; the suggestions never taken are dropped (named in the history, like the link).
    pub fn unlink(&mut self, id: &str, stamp: &Stamp) -> Result<LinkInfo> {
        self.assessment(id)?;
        let linked = self.linked(id)?.ok_or_else(|| {
            Error::invalid(format!(
                "assessment {id} is not linked to another assessment"
            ))
        })?;
        let dropped: Vec<String> = linked
            .items
            .iter()
            .filter(|d| d.answer.is_none() && !d.state.settled())
            .map(|d| d.item_id.clone())
            .collect();
        let source = LinkSource {
            assessment_id: linked.link.source_id.clone(),
            title: linked.link.source_title.clone(),
            pack: linked.link.source_pack.clone(),
            mapping: linked.link.mapping.clone(),
        };
        self.write(|tx| {
            tx.execute("DELETE FROM derived_answers WHERE assessment_id = ?1", [id])?;
            tx.execute("DELETE FROM links WHERE assessment_id = ?1", [id])?;
            record(tx, id, "", &Change::Unlink { source, dropped }, stamp)?;
            touch(tx, id, stamp)
        })?;
        Ok(linked.link)
    }
}

/// After item `item_id` of assessment `id` was saved (`now`) or cleared (`None`): every answer
/// derived from it in a linked assessment whose basis differs is marked diverged (recorded in
/// that assessment's history); and when `id` is itself linked and the item came through its
/// link, the user has settled it (confirmed when equal to the source answer, else changed).
pub(in crate::store) fn after_change(
    tx: &Transaction<'_>,
    id: &str,
    item_id: &str,
    now: Option<&AnswerInput>,
    stamp: &Stamp,
) -> Result<()> {
    // As a source.
    let rows: Vec<(String, String, String, String, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT d.assessment_id, d.item_id, d.relationship, d.state, d.basis
             FROM links l JOIN derived_answers d ON d.assessment_id = l.assessment_id
             WHERE l.source_id = ?1 AND d.source_item = ?2",
        )?;
        stmt.query_map(params![id, item_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    for (derived, item, rel, _state, basis) in rows {
        let was = from_json(&basis)?;
        if Some(&was) == now {
            continue;
        }
        tx.execute(
            "UPDATE derived_answers SET state = 'diverged' WHERE assessment_id = ?1 AND item_id = ?2",
            params![derived, item],
        )?;
        let change = Change::Diverge {
            from: ItemSource {
                assessment_id: id.to_string(),
                item_id: item_id.to_string(),
                relationship: Relationship::parse(&rel).unwrap_or(Relationship::Intersects),
            },
            was,
            now: now.cloned(),
        };
        record(tx, &derived, &item, &change, stamp)?;
    }
    // As a derived assessment.
    let row: Option<(String, String, String, String)> = tx
        .query_row(
            "SELECT l.source_id, d.source_item, d.relationship, d.basis
             FROM derived_answers d JOIN links l ON l.assessment_id = d.assessment_id
             WHERE d.assessment_id = ?1 AND d.item_id = ?2",
            params![id, item_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if let Some((source, source_item, rel, basis)) = row {
        let basis = match read_answer(tx, &source, &source_item)? {
            Some(s) => s.input,
            None => from_json(&basis)?,
        };
        let confirmed = now == Some(&basis);
        tx.execute(
            "UPDATE derived_answers SET state = ?3, basis = ?4 WHERE assessment_id = ?1 AND item_id = ?2",
            params![
                id,
                item_id,
                if confirmed { "confirmed" } else { "changed" },
                json(&basis)?
            ],
        )?;
        if let (true, Some(answer)) = (confirmed, now) {
            let from = ItemSource {
                assessment_id: source,
                item_id: source_item,
                relationship: Relationship::parse(&rel).unwrap_or(Relationship::Intersects),
            };
            let confirm = Change::LinkConfirm {
                from,
                answer: answer.clone(),
            };
            record(tx, id, item_id, &confirm, stamp)?;
        }
    }
    Ok(())
}
