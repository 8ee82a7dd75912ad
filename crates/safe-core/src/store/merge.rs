//! Merging the answers of another copy of the same assessment (another assessor's sections).
//!
//! Items answered only in the incoming copy are taken; items answered the same on both sides are
//! left alone; items answered differently on both sides are conflicts that need a choice per item
//! ([`Side`]). [`Store::merge_plan`] lists what would happen; [`Store::apply_merge`] applies it in
//! one transaction and refuses (changing nothing) while any conflict has no choice. The history
//! keeps both sides: an adopted answer is a `merge` entry (old = mine, new = theirs), a declined
//! one a `merge-declined` entry with the same shape.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::Store;
use super::answers::{Via, touch, validate, write_answer};
use super::history::record;
use super::import::{BundleEvidence, insert_evidence};
use crate::history::{Change, EvidenceRef, Source};
use crate::model::{Answer, AnswerInput, Stamp};
use crate::{Error, Result};

/// Which side wins a conflicting item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Side {
    /// Keep the answer in this database.
    Mine,
    /// Take the answer from the incoming copy.
    Theirs,
}

impl Side {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Side::Mine => "mine",
            Side::Theirs => "theirs",
        }
    }

    /// Parses a slug.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "mine" => Ok(Side::Mine),
            "theirs" => Ok(Side::Theirs),
            other => Err(Error::invalid(format!(
                "unknown side '{other}': use mine or theirs"
            ))),
        }
    }
}

/// An item answered differently on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    /// Item id.
    pub item_id: String,
    /// The answer in this database.
    pub mine: Answer,
    /// The incoming answer.
    pub theirs: Answer,
}

/// What a merge would do, item by item (catalogue order).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergePlan {
    /// Items answered only in the incoming copy: taken as they are.
    pub take: Vec<String>,
    /// Items answered the same on both sides: nothing to do.
    pub same: Vec<String>,
    /// Items answered only here: kept.
    pub only_mine: Vec<String>,
    /// Items answered differently on both sides: each needs a [`Side`].
    pub conflicts: Vec<Conflict>,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeReport {
    /// Items taken because only the incoming copy answered them.
    pub taken: Vec<String>,
    /// Items that were already the same.
    pub same: usize,
    /// Items kept as they are here.
    pub only_mine: usize,
    /// Conflicts resolved for the incoming answer.
    pub chose_theirs: Vec<String>,
    /// Conflicts resolved for the local answer.
    pub chose_mine: Vec<String>,
    /// Evidence links added with adopted answers.
    pub evidence_links_added: usize,
}

impl Store {
    /// Compares incoming answers with this assessment's. Every incoming item must be an
    /// applicable item of the assessment's pack, with a valid answer, at most once.
    pub fn merge_plan(&self, id: &str, incoming: &[Answer]) -> Result<MergePlan> {
        let a = self.assessment(id)?;
        let mut theirs: HashMap<&str, &Answer> = HashMap::new();
        for t in incoming {
            let item = self.applicable_item(&a, &t.item_id)?;
            validate(&item, &t.input)?;
            if theirs.insert(t.item_id.as_str(), t).is_some() {
                return Err(Error::invalid(format!(
                    "item {} is answered twice in the incoming copy",
                    t.item_id
                )));
            }
        }
        let mine: HashMap<String, Answer> = self
            .answers(id)?
            .into_iter()
            .map(|m| (m.item_id.clone(), m))
            .collect();
        let pack = self.pack(&a.pack_id, &a.pack_version)?;
        let mut plan = MergePlan::default();
        for item in pack.items() {
            let key = item.id.as_str();
            match (mine.get(key), theirs.get(key)) {
                (None, Some(_)) => plan.take.push(key.to_string()),
                (Some(_), None) => plan.only_mine.push(key.to_string()),
                (Some(m), Some(t)) if m.input == t.input => plan.same.push(key.to_string()),
                (Some(m), Some(t)) => plan.conflicts.push(Conflict {
                    item_id: key.to_string(),
                    mine: m.clone(),
                    theirs: (*t).clone(),
                }),
                (None, None) => {}
            }
        }
        Ok(plan)
    }

    /// Applies a merge in one transaction. `choose` gives the side for each conflicting item; when
    /// it has no answer for any of them, nothing is written and the error names them. Evidence
    /// of the incoming copy is linked to the answers adopted from it (`content` returns a file's
    /// bytes, `None` when the copy has none). `source` names the file; it goes into a `merge`
    /// history entry of the assessment with the result.
    #[allow(clippy::too_many_arguments)]
    pub fn apply_merge(
        &mut self,
        id: &str,
        incoming: &[Answer],
        evidence: &[BundleEvidence],
        choose: &dyn Fn(&str) -> Option<Side>,
        source: &Source,
        stamp: &Stamp,
        content: &mut dyn FnMut(&BundleEvidence) -> Result<Option<Vec<u8>>>,
    ) -> Result<MergeReport> {
        let plan = self.merge_plan(id, incoming)?;
        let unresolved: Vec<&str> = plan
            .conflicts
            .iter()
            .filter(|c| choose(&c.item_id).is_none())
            .map(|c| c.item_id.as_str())
            .collect();
        if !unresolved.is_empty() {
            return Err(Error::invalid(format!(
                "{} item(s) are answered differently here and in the other copy ({}): choose a side \
                 for each; nothing was changed",
                unresolved.len(),
                unresolved.join(", ")
            )));
        }
        let writes: Vec<&str> = plan
            .take
            .iter()
            .map(String::as_str)
            .chain(
                plan.conflicts
                    .iter()
                    .filter(|c| choose(&c.item_id) == Some(Side::Theirs))
                    .map(|c| c.item_id.as_str()),
            )
            .collect();
        let theirs: HashMap<&str, &AnswerInput> = incoming
            .iter()
            .map(|t| (t.item_id.as_str(), &t.input))
            .collect();
        let mut report = MergeReport {
            same: plan.same.len(),
            only_mine: plan.only_mine.len(),
            ..MergeReport::default()
        };
        self.write(|tx| {
            let locked = super::received::locked_among(tx, id, &writes)?;
            if !locked.is_empty() {
                return Err(Error::Locked(format!(
                    "{} item(s) would change but customs accepted them ({}): reopen each with \
                     'safe-assess reopen {id} ITEM' or keep your answer (--prefer mine); nothing was changed",
                    locked.len(),
                    locked.join(", ")
                )));
            }
            let mut adopted: HashSet<&str> = HashSet::new();
            for item in &plan.take {
                if let Some(input) = theirs.get(item.as_str()) {
                    write_answer(tx, id, item, input, Via::Merge, stamp)?;
                    adopted.insert(item);
                    report.taken.push(item.clone());
                }
            }
            for c in &plan.conflicts {
                match choose(&c.item_id) {
                    Some(Side::Theirs) => {
                        write_answer(tx, id, &c.item_id, &c.theirs.input, Via::Merge, stamp)?;
                        adopted.insert(&c.item_id);
                        report.chose_theirs.push(c.item_id.clone());
                    }
                    Some(Side::Mine) | None => {
                        let declined = Change::MergeDeclined {
                            mine: c.mine.input.clone(),
                            theirs: c.theirs.input.clone(),
                        };
                        record(tx, id, &c.item_id, &declined, stamp)?;
                        report.chose_mine.push(c.item_id.clone());
                    }
                }
            }
            for e in evidence {
                let items: Vec<String> = e
                    .evidence
                    .items
                    .iter()
                    .filter(|i| adopted.contains(i.as_str()))
                    .cloned()
                    .collect();
                if items.is_empty() {
                    continue;
                }
                let Some(bytes) = content(e)? else { continue };
                let linked = insert_evidence(tx, id, e, &bytes, &items)?;
                let link = Change::EvidenceLink {
                    evidence: EvidenceRef {
                        sha256: e.evidence.sha256.clone(),
                        file_name: e.evidence.file_name.clone(),
                    },
                };
                for item in &linked {
                    record(tx, id, item, &link, stamp)?;
                }
                report.evidence_links_added += linked.len();
            }
            let merged = Change::Merge {
                source: source.clone(),
                result: report.clone(),
            };
            record(tx, id, "", &merged, stamp)?;
            touch(tx, id, stamp)
        })?;
        Ok(report)
    }
}
