//! Starting an assessment from another on a different pack, through a crosswalk.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::super::answers::validate;
use super::super::assessments::{insert_new, prepare};
use super::super::history::record;
use super::super::{Store, progress, ts};
use super::{Started, insert_answer, json, link_evidence};
use crate::catalogue::Library;
use crate::crosswalk::{Crosswalk, Relationship};
use crate::history::{Change, ItemSource, LinkSource};
use crate::model::{AnswerInput, Assessment, NewAssessment, Stamp};
use crate::{Error, Result};

/// How deep a chain of links may be followed when looking for a loop.
const MAX_CHAIN: usize = 64;

impl Store {
    /// The assessment `id` was started from, when it is linked.
    fn link_source(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT source_id FROM links WHERE assessment_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Starts assessment `new_id` on pack `new.pack_id` from assessment `from_id` on another
    /// pack of the same profile: its answers are carried through the crosswalk between the two
    /// packs (along `equal` links as answers, carried over; along other links as suggestions),
    /// the evidence of carried answers is linked (same content), and the two stay linked. One
    /// transaction; refused, with nothing written, for an unknown pack, another profile, no
    /// mapping (or a refused one) or a loop of links.
    pub fn start_from(
        &mut self,
        lib: &Library,
        new: &NewAssessment,
        from_id: &str,
        new_id: &str,
        stamp: &Stamp,
    ) -> Result<Started> {
        let source = self.assessment(from_id)?;
        let Some(target) = new.pack_id.as_deref() else {
            return Err(Error::invalid(
                "--from needs --pack: the pack of the new assessment",
            ));
        };
        if lib.get(target).is_none() {
            let known: Vec<&str> = lib.packs().map(|p| p.id.as_str()).collect();
            return Err(Error::invalid(format!(
                "unknown pack '{target}': use one of {}",
                known.join(", ")
            )));
        }
        if let Some(p) = new.profile
            && p != source.profile
        {
            return Err(Error::invalid(format!(
                "assessment {} is a {} assessment: a {} assessment cannot start from it",
                source.id,
                source.profile.slug(),
                p.slug()
            )));
        }
        self.refuse_loop(&source, target)?;
        let walk = lib.crosswalk_or_refuse(&source.pack_id, target)?;
        let (a, pack) = prepare(lib, new, new_id, stamp)?;
        let source_pack = self.pack(&source.pack_id, &source.pack_version)?;
        let answers: HashMap<String, AnswerInput> = self
            .answers(&source.id)?
            .into_iter()
            .filter(|x| source_pack.item(&x.item_id).is_some())
            .map(|x| (x.item_id, x.input))
            .collect();
        let plan = plan(&walk, &answers);
        let link = LinkSource {
            assessment_id: source.id.clone(),
            title: source.title.clone(),
            pack: source.pack_id.clone(),
            mapping: walk.mapping.clone(),
        };
        let mut started = Started {
            assessment: a.clone(),
            carried: Vec::new(),
            suggested: Vec::new(),
        };
        self.write(|tx| {
            insert_new(tx, pack, &a, stamp)?;
            tx.execute(
                "INSERT INTO links (assessment_id, source_id, mapping, linked_at, linked_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![a.id, source.id, walk.mapping, ts(stamp.at), stamp.by],
            )?;
            record(tx, &a.id, "", &Change::Link { source: link.clone() }, stamp)?;
            for item in pack.items().into_iter().filter(|i| i.applies_to(&a.roles)) {
                let Some((source_item, relationship, basis)) = plan.get(item.id.as_str()) else {
                    continue;
                };
                let carried = match validate(item, basis) {
                    Ok(valid) if *relationship == Relationship::Equal => Some(valid),
                    _ => None,
                };
                let mut evidence = Vec::new();
                if let Some(input) = &carried {
                    insert_answer(tx, &a.id, &item.id, input, true, stamp)?;
                    evidence = link_evidence(tx, &source.id, source_item, &a.id, &item.id)?;
                    started.carried.push(item.id.clone());
                } else {
                    started.suggested.push(item.id.clone());
                }
                tx.execute(
                    "INSERT INTO derived_answers (assessment_id, item_id, source_item, relationship, state, basis)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        a.id,
                        item.id,
                        source_item,
                        relationship.slug(),
                        if carried.is_some() { "carried" } else { "suggested" },
                        json(basis)?
                    ],
                )?;
                let carry = Change::Carry {
                    from: ItemSource {
                        assessment_id: source.id.clone(),
                        item_id: source_item.to_string(),
                        relationship: *relationship,
                    },
                    answer: (*basis).clone(),
                    suggested: carried.is_none(),
                    evidence,
                };
                record(tx, &a.id, &item.id, &carry, stamp)?;
            }
            progress::recount(tx, pack, &a)?;
            Ok(())
        })?;
        Ok(started)
    }

    /// Refuses a loop: starting on `target` from an assessment that is on `target` or was
    /// itself (through its chain of links) started from one on `target`.
    fn refuse_loop(&self, source: &Assessment, target: &str) -> Result<()> {
        if source.pack_id == target {
            return Err(Error::invalid(format!(
                "assessment {} is already on pack '{target}': use 'duplicate' to start a re-assessment",
                source.id
            )));
        }
        let mut cur = source.id.clone();
        for _ in 0..MAX_CHAIN {
            let Some(up) = self.link_source(&cur)? else {
                return Ok(());
            };
            let pack: String = self.conn.query_row(
                "SELECT pack_id FROM assessments WHERE id = ?1",
                [&up],
                |r| r.get(0),
            )?;
            if pack == target || up == source.id {
                return Err(Error::invalid(format!(
                    "a loop of links: assessment {} was started from assessment {up} on pack \
                     '{pack}'; start from that one instead",
                    source.id
                )));
            }
            cur = up;
        }
        Err(Error::invalid(format!(
            "a loop of links: assessment {} is more than {MAX_CHAIN} links from its first source",
            source.id
        )))
    }
}

/// For each item of the target pack, the source item its answer comes from, the relationship
/// and the source answer: the first `equal` link from an answered item, else the first other.
fn plan<'a>(
    walk: &'a Crosswalk,
    answers: &'a HashMap<String, AnswerInput>,
) -> HashMap<&'a str, (&'a str, Relationship, &'a AnswerInput)> {
    let mut out: HashMap<&str, (&str, Relationship, &AnswerInput)> = HashMap::new();
    for l in &walk.links {
        let Some(ans) = answers.get(&l.from) else {
            continue;
        };
        match out.get(l.to.as_str()) {
            Some((_, r, _))
                if *r == Relationship::Equal || l.relationship != Relationship::Equal => {}
            _ => {
                out.insert(l.to.as_str(), (l.from.as_str(), l.relationship, ans));
            }
        }
    }
    out
}
