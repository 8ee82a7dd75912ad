//! Answers: read, save (with history), clear.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::history::record;
use super::{Store, parse_day, parse_ts, progress, ts};
use crate::catalogue::Item;
use crate::history::Change;
use crate::model::{Answer, AnswerInput, Assessment, Priority, Stamp, Status};
use crate::{Error, Result};

const COLUMNS: &str = "item_id, status, justification, comment, owner, target_date, priority, \
                       flagged, updated_at, updated_by, carried_over";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Answer> {
    let status: String = r.get(1)?;
    let priority: Option<String> = r.get(6)?;
    let bad = |i: usize, s: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unexpected value '{s}'").into(),
        )
    };
    Ok(Answer {
        item_id: r.get(0)?,
        input: AnswerInput {
            status: Status::parse(&status).map_err(|_| bad(1, &status))?,
            justification: r.get(2)?,
            comment: r.get(3)?,
            owner: r.get(4)?,
            target_date: parse_day(r.get(5)?)?,
            priority: priority
                .map(|p| Priority::parse(&p).map_err(|_| bad(6, &p)))
                .transpose()?,
            flagged: r.get(7)?,
        },
        updated_at: parse_ts(&r.get::<_, String>(8)?)?,
        updated_by: r.get(9)?,
        carried_over: r.get(10)?,
        evidence: Vec::new(),
    })
}

/// Checks an answer against its item; returns it with text fields trimmed at the ends.
pub(crate) fn validate(item: &Item, input: &AnswerInput) -> Result<AnswerInput> {
    let mut a = input.clone();
    a.justification = a.justification.trim().to_string();
    a.owner = a.owner.trim().to_string();
    if a.status == Status::NotApplicable {
        if item.mandatory {
            return Err(Error::invalid(format!(
                "item {} is mandatory and cannot be answered not-applicable",
                item.id
            )));
        }
        if a.justification.is_empty() {
            return Err(Error::invalid(format!(
                "item {}: not-applicable needs a justification (--justification TEXT)",
                item.id
            )));
        }
    }
    Ok(a)
}

/// Refuses an item not asked of `whose` (an assessment, an application) with these roles and
/// tiers ([`Item::applies`]), naming what it is for: the one check of the trader's answers and
/// the validator's marks and remarks.
pub(crate) fn check_asked(
    item: &Item,
    roles: &[String],
    tiers: &[String],
    whose: &str,
) -> Result<()> {
    let item_id = &item.id;
    if !item.applies_to(roles) {
        return Err(Error::invalid(format!(
            "item {item_id} does not apply to this {whose}'s roles ({}); it is for: {}",
            roles.join(", "),
            item.roles.join(", ")
        )));
    }
    if !item.applies_to_tiers(tiers) {
        return Err(Error::invalid(format!(
            "item {item_id} does not apply to this {whose}'s tiers ({}); it is for: {}",
            tiers.join(", "),
            item.tiers.join(", ")
        )));
    }
    Ok(())
}

impl Store {
    /// The item of an assessment's pinned pack, refusing ids that are unknown or do not apply to
    /// the assessment's roles.
    pub fn applicable_item(&self, a: &Assessment, item_id: &str) -> Result<Item> {
        let pack = self.pack(&a.pack_id, &a.pack_version)?;
        let item = pack.item(item_id).ok_or_else(|| Error::NotFound {
            what: "item",
            id: item_id.to_string(),
        })?;
        check_asked(item, &a.roles, &a.tiers, "assessment")?;
        Ok(item.clone())
    }

    /// Every answer of an assessment, with the evidence attached to each.
    pub fn answers(&self, id: &str) -> Result<Vec<Answer>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM answers WHERE assessment_id = ?1"
        ))?;
        let mut answers: Vec<Answer> = stmt
            .query_map([id], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let links = self.evidence_links(id, None)?;
        for a in &mut answers {
            if let Some(l) = links.get(&a.item_id) {
                a.evidence = l.clone();
            }
        }
        Ok(answers)
    }

    /// One answer, if the item is answered.
    pub fn answer(&self, id: &str, item_id: &str) -> Result<Option<Answer>> {
        let mut a = read(&self.conn, id, item_id)?;
        if let Some(a) = &mut a {
            a.evidence = self
                .evidence_links(id, Some(item_id))?
                .remove(item_id)
                .unwrap_or_default();
        }
        Ok(a)
    }

    fn evidence_links(
        &self,
        id: &str,
        item_id: Option<&str>,
    ) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.item_id, e.sha256 FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id
             WHERE e.assessment_id = ?1 AND (?2 IS NULL OR l.item_id = ?2) ORDER BY e.file_name",
        )?;
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for row in stmt.query_map(params![id, item_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (item, sha) = row?;
            map.entry(item).or_default().push(sha);
        }
        Ok(map)
    }

    /// Saves an answer (replacing the whole answer) and records the change in the history. Saving
    /// an unchanged carried-over answer confirms it. Saving exactly what is stored changes nothing.
    pub fn save_answer(
        &mut self,
        id: &str,
        item_id: &str,
        input: &AnswerInput,
        stamp: &Stamp,
    ) -> Result<Answer> {
        let a = self.assessment(id)?;
        let item = self.applicable_item(&a, item_id)?;
        let input = validate(&item, input)?;
        self.write(|tx| {
            super::received::check_unlocked(tx, id, item_id)?;
            write_answer(tx, id, item_id, &input, Via::Save, stamp)
        })?;
        self.answer(id, item_id)?.ok_or_else(|| Error::NotFound {
            what: "answer",
            id: item_id.to_string(),
        })
    }

    /// Removes an answer (the item becomes unanswered); the old answer stays in the history.
    pub fn clear_answer(&mut self, id: &str, item_id: &str, stamp: &Stamp) -> Result<()> {
        let a = self.assessment(id)?;
        self.applicable_item(&a, item_id)?;
        self.write(|tx| {
            super::received::check_unlocked(tx, id, item_id)?;
            let Some(old) = read(tx, id, item_id)? else {
                return Ok(());
            };
            tx.execute(
                "DELETE FROM answers WHERE assessment_id = ?1 AND item_id = ?2",
                params![id, item_id],
            )?;
            record(tx, id, item_id, &Change::Clear { old: old.input }, stamp)?;
            progress::adjust(tx, id, -1)?;
            super::links::after_change(tx, id, item_id, None, stamp)?;
            touch(tx, id, stamp)
        })
    }
}

pub(super) fn read(conn: &rusqlite::Connection, id: &str, item_id: &str) -> Result<Option<Answer>> {
    let a = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM answers WHERE assessment_id = ?1 AND item_id = ?2"),
            params![id, item_id],
            from_row,
        )
        .optional()?;
    Ok(a)
}

/// How an answer is being written: saved by the user or taken in a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// Saved by the user (an `answer` entry).
    Save,
    /// Taken from another copy (a `merge` entry).
    Merge,
}

/// One answer as stored: what [`put_row`] writes.
pub(crate) struct AnswerRow<'a> {
    /// The assessment.
    pub id: &'a str,
    /// The item.
    pub item_id: &'a str,
    /// The answer.
    pub input: &'a AnswerInput,
    /// When it was last changed.
    pub at: DateTime<Utc>,
    /// Who changed it.
    pub by: &'a str,
    /// Carried from elsewhere and not confirmed yet.
    pub carried_over: bool,
}

impl<'a> AnswerRow<'a> {
    /// `input` for `item_id` of assessment `id`, changed now as `stamp` says.
    pub fn stamped(
        id: &'a str,
        item_id: &'a str,
        input: &'a AnswerInput,
        stamp: &'a Stamp,
        carried_over: bool,
    ) -> AnswerRow<'a> {
        AnswerRow {
            id,
            item_id,
            input,
            at: stamp.at,
            by: &stamp.by,
            carried_over,
        }
    }
}

/// What [`put_row`] does when the item already has an answer.
pub(crate) enum OnConflict {
    /// Replace it (a save).
    Replace,
    /// Fail with the table's constraint error (a fresh assessment being filled).
    Refuse,
}

const INSERT_ROW: &str = "INSERT INTO answers (assessment_id, item_id, status, justification, \
    comment, owner, target_date, priority, flagged, updated_at, updated_by, carried_over) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

const REPLACE_ROW: &str = " ON CONFLICT (assessment_id, item_id) DO UPDATE SET \
    status = excluded.status, justification = excluded.justification, comment = excluded.comment, \
    owner = excluded.owner, target_date = excluded.target_date, priority = excluded.priority, \
    flagged = excluded.flagged, updated_at = excluded.updated_at, updated_by = excluded.updated_by, \
    carried_over = excluded.carried_over";

/// Writes one answer row: the one statement that writes the answers table (history and progress
/// are the caller's).
pub(crate) fn put_row(tx: &Transaction<'_>, row: &AnswerRow<'_>, on: OnConflict) -> Result<()> {
    let i = row.input;
    let values = params![
        row.id,
        row.item_id,
        i.status.slug(),
        i.justification,
        i.comment,
        i.owner,
        i.target_date.map(|d| d.format("%Y-%m-%d").to_string()),
        i.priority.map(|p| p.slug()),
        i.flagged,
        ts(row.at),
        row.by,
        row.carried_over
    ];
    match on {
        OnConflict::Refuse => tx.execute(INSERT_ROW, values)?,
        OnConflict::Replace => tx.execute(&format!("{INSERT_ROW}{REPLACE_ROW}"), values)?,
    };
    Ok(())
}

/// Upserts an answer inside a transaction and records it in the history (a `confirm` entry when
/// an unchanged carried-over answer is saved). Returns false when nothing changed. The caller has checked
/// that the item applies to the assessment (a first answer adds one to its progress).
pub(crate) fn write_answer(
    tx: &Transaction<'_>,
    id: &str,
    item_id: &str,
    input: &AnswerInput,
    via: Via,
    stamp: &Stamp,
) -> Result<bool> {
    let old = read(tx, id, item_id)?;
    if let Some(o) = &old
        && &o.input == input
        && !o.carried_over
    {
        return Ok(false);
    }
    put_row(
        tx,
        &AnswerRow::stamped(id, item_id, input, stamp, false),
        OnConflict::Replace,
    )?;
    let change = match (old.as_ref(), via) {
        (Some(o), _) if o.carried_over && o.input == *input => Change::Confirm {
            answer: input.clone(),
        },
        (o, Via::Save) => Change::Answer {
            old: o.map(|o| o.input.clone()),
            new: input.clone(),
        },
        (o, Via::Merge) => Change::MergeAnswer {
            old: o.map(|o| o.input.clone()),
            new: input.clone(),
        },
    };
    record(tx, id, item_id, &change, stamp)?;
    if old.is_none() {
        progress::adjust(tx, id, 1)?;
    }
    super::links::after_change(tx, id, item_id, Some(input), stamp)?;
    touch(tx, id, stamp)?;
    Ok(true)
}

pub(crate) fn touch(tx: &Transaction<'_>, id: &str, stamp: &Stamp) -> Result<()> {
    tx.execute(
        "UPDATE assessments SET updated_at = max(updated_at, ?2) WHERE id = ?1",
        params![id, ts(stamp.at)],
    )?;
    Ok(())
}
