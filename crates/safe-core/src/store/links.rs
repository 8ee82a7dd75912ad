//! Live links between assessments on different packs (schema 5, `links` and `derived_answers`):
//! start an assessment from another through a crosswalk, mark derived answers diverged when a
//! source answer changes, confirm them, unlink. The states are described in
//! `migrations/005_links.sql`.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::answers::{read as read_answer, touch, validate};
use super::assessments::{insert, pin_pack, prepare};
use super::history::record;
use super::{Store, parse_ts, progress, ts};
use crate::catalogue::Library;
use crate::crosswalk::{Crosswalk, Relationship};
use crate::history::{Change, ItemSource, LinkSource};
use crate::model::{AnswerInput, Assessment, NewAssessment, Stamp};
use crate::{Error, Result};

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

/// How deep a chain of links may be followed when looking for a loop.
const MAX_CHAIN: usize = 64;

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::invalid(e.to_string()))
}

fn from_json(s: &str) -> rusqlite::Result<AnswerInput> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

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
            pin_pack(tx, pack, stamp)?;
            insert(tx, &a)?;
            record(
                tx,
                &a.id,
                "",
                &Change::Create {
                    assessment: a.clone(),
                },
                stamp,
            )?;
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

    /// The link of assessment `id` and every answer that came through it, with the source's
    /// current answers; `None` when it is not linked.
    pub fn linked(&self, id: &str) -> Result<Option<Linked>> {
        let link = self
            .conn
            .query_row(
                "SELECT l.source_id, s.title, s.pack_id, l.mapping, l.linked_at, l.linked_by
                 FROM links l JOIN assessments s ON s.id = l.source_id WHERE l.assessment_id = ?1",
                [id],
                |r| {
                    Ok(LinkInfo {
                        source_id: r.get(0)?,
                        source_title: r.get(1)?,
                        source_pack: r.get(2)?,
                        mapping: r.get(3)?,
                        linked_at: parse_ts(&r.get::<_, String>(4)?)?,
                        linked_by: r.get(5)?,
                    })
                },
            )
            .optional()?;
        let Some(link) = link else { return Ok(None) };
        let mine: HashMap<String, AnswerInput> = self
            .answers(id)?
            .into_iter()
            .map(|x| (x.item_id, x.input))
            .collect();
        let theirs: HashMap<String, AnswerInput> = self
            .answers(&link.source_id)?
            .into_iter()
            .map(|x| (x.item_id, x.input))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, source_item, relationship, state, basis FROM derived_answers
             WHERE assessment_id = ?1 ORDER BY item_id",
        )?;
        let items = stmt
            .query_map([id], |r| {
                let item_id: String = r.get(0)?;
                let source_item: String = r.get(1)?;
                let rel: String = r.get(2)?;
                Ok(Derived {
                    answer: mine.get(&item_id).cloned(),
                    source_now: theirs.get(&source_item).cloned(),
                    item_id,
                    source_item,
                    relationship: Relationship::parse(&rel).unwrap_or(Relationship::Intersects),
                    state: DerivedState::parse(&r.get::<_, String>(3)?),
                    basis: from_json(&r.get::<_, String>(4)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Linked { link, items }))
    }

    /// The assessments started from assessment `id` and still linked to it (ids).
    pub fn linked_from(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.assessment_id FROM links l JOIN assessments a ON a.id = l.assessment_id
             WHERE l.source_id = ?1 AND a.deleted_at IS NULL ORDER BY l.linked_at",
        )?;
        let v = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

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

fn insert_answer(
    tx: &Transaction<'_>,
    id: &str,
    item_id: &str,
    input: &AnswerInput,
    carried_over: bool,
    stamp: &Stamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO answers (assessment_id, item_id, status, justification, comment, owner,
           target_date, priority, flagged, updated_at, updated_by, carried_over)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            id,
            item_id,
            input.status.slug(),
            input.justification,
            input.comment,
            input.owner,
            input.target_date.map(|d| d.format("%Y-%m-%d").to_string()),
            input.priority.map(|p| p.slug()),
            input.flagged,
            ts(stamp.at),
            stamp.by,
            carried_over
        ],
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

/// After item `item_id` of assessment `id` was saved (`now`) or cleared (`None`): every answer
/// derived from it in a linked assessment whose basis differs is marked diverged (recorded in
/// that assessment's history); and when `id` is itself linked and the item came through its
/// link, the user has settled it (confirmed when equal to the source answer, else changed).
pub(super) fn after_change(
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

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
