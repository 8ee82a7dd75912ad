//! Moving an assessment to a newer pack: the plan from the stored answers and links
//! ([`Store::rebase_plan`], pure logic in [`crate::rebase`]) and its application in one
//! transaction ([`Store::apply_rebase`]).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::params;

use super::answers::{AnswerRow, OnConflict, put_row};
use super::assessments::pin_pack;
use super::history::record;
use super::{Store, progress, ts};
use crate::catalogue::{Library, Pack};
use crate::history::Change;
use crate::model::{Answer, Stamp};
use crate::rebase::{self, RebasePlan};
use crate::{Error, Result};

impl Store {
    /// A pack by id and, when given, version: the library's, else one stored in this database.
    /// Unknown: `not_found`.
    pub fn find_pack(&self, lib: &Library, id: &str, version: Option<&str>) -> Result<Pack> {
        let not_found = || Error::NotFound {
            what: "catalogue pack",
            id: match version {
                Some(v) => format!("{id}@{v}"),
                None => id.to_string(),
            },
        };
        if let Some(p) = lib
            .get(id)
            .filter(|p| version.is_none_or(|v| v == p.version))
        {
            return Ok(p.clone());
        }
        let Some(v) = version else {
            return Err(not_found());
        };
        match self.pack(id, v) {
            Ok(p) => Ok((*p).clone()),
            Err(Error::NotFound { .. }) => Err(not_found()),
            Err(e) => Err(e),
        }
    }

    /// What moving assessment `id` to `target` would do. Refused (nothing written) when the
    /// target is the pinned pack or older, has another profile or does not supersede it.
    pub fn rebase_plan(&self, lib: &Library, id: &str, target: &Pack) -> Result<RebasePlan> {
        let a = match self.assessment(id) {
            Err(Error::NotFound { .. })
                if self
                    .deleted_assessments()?
                    .iter()
                    .any(|d| d.assessment.id == id) =>
            {
                return Err(Error::invalid(format!(
                    "assessment {id} is in the bin: restore it first (undelete), then move it"
                )));
            }
            other => other?,
        };
        let pinned = self.pack(&a.pack_id, &a.pack_version)?;
        let lookup = |pid: &str, version: &str| self.find_pack(lib, pid, Some(version)).ok();
        let chain = rebase::chain(&pinned, target, &lookup)?;
        let answers = self.answers(id)?;
        let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in self.evidence(id)? {
            for item in &e.items {
                links
                    .entry(item.clone())
                    .or_default()
                    .push(e.sha256.clone());
            }
        }
        rebase::plan(&a, &chain, &answers, &links)
    }

    /// Moves assessment `id` to `target` in one transaction: answers (marked carried over where
    /// the plan says so), evidence links, the pinned pack, the progress summary and the history
    /// (a `rebase` entry with every answer left behind, a `rebase-carry` entry on each item that
    /// took an answer from another item or must confirm it). The old pinned pack stays stored.
    pub fn apply_rebase(
        &mut self,
        lib: &Library,
        id: &str,
        target: &Pack,
        stamp: &Stamp,
    ) -> Result<RebasePlan> {
        let plan = self.rebase_plan(lib, id, target)?;
        let a = self.assessment(id)?;
        let answers: BTreeMap<String, Answer> = self
            .answers(id)?
            .into_iter()
            .map(|x| (x.item_id.clone(), x))
            .collect();
        let evidence = self.evidence(id)?;
        self.write(|tx| {
            pin_pack(tx, target, stamp)?;
            tx.execute("DELETE FROM answers WHERE assessment_id = ?1", [id])?;
            for c in &plan.carried {
                let Some(old) = answers.get(&c.from) else {
                    continue;
                };
                put_row(
                    tx,
                    &AnswerRow {
                        id,
                        item_id: &c.to,
                        input: &old.input,
                        at: old.updated_at,
                        by: &old.updated_by,
                        carried_over: c.confirm || old.carried_over,
                    },
                    OnConflict::Refuse,
                )?;
            }
            for e in &evidence {
                let new_items: BTreeSet<&str> = e
                    .items
                    .iter()
                    .flat_map(|item| plan.links.get(item).into_iter().flatten())
                    .map(String::as_str)
                    .collect();
                let eid: i64 = tx.query_row(
                    "SELECT id FROM evidence WHERE assessment_id = ?1 AND sha256 = ?2",
                    params![id, e.sha256],
                    |r| r.get(0),
                )?;
                tx.execute("DELETE FROM evidence_links WHERE evidence_id = ?1", [eid])?;
                for item in new_items {
                    tx.execute(
                        "INSERT INTO evidence_links (evidence_id, item_id) VALUES (?1, ?2)",
                        params![eid, item],
                    )?;
                }
            }
            tx.execute(
                "UPDATE assessments SET pack_id = ?2, pack_version = ?3,
                   updated_at = max(updated_at, ?4) WHERE id = ?1",
                params![id, target.id, target.version, ts(stamp.at)],
            )?;
            progress::recount(tx, target, &a)?;
            let moved: Vec<_> = plan
                .carried
                .iter()
                .filter(|c| c.from != c.to || c.confirm)
                .cloned()
                .collect();
            let entry = Change::Rebased {
                from_pack: plan.from.id.clone(),
                from_version: plan.from.version.clone(),
                to_pack: plan.to.id.clone(),
                to_version: plan.to.version.clone(),
                kept: plan.carried.len() - moved.len(),
                carried: moved.clone(),
                withdrawn: plan.left_behind.clone(),
            };
            record(tx, id, "", &entry, stamp)?;
            for c in &moved {
                let Some(old) = answers.get(&c.from) else {
                    continue;
                };
                let carry = Change::RebaseCarry {
                    from_item: c.from.clone(),
                    from_pack: plan.from.id.clone(),
                    from_version: plan.from.version.clone(),
                    answer: old.input.clone(),
                    confirm: c.confirm,
                };
                record(tx, id, &c.to, &carry, stamp)?;
            }
            Ok(())
        })?;
        Ok(plan)
    }
}

#[cfg(test)]
#[path = "rebase_tests.rs"]
mod tests;
