//! Validation by customs, the trader's side: submissions made, the customs review attached,
//! answers to remarks, and the lock on answers customs accepted (rules in [`crate::review`]).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::history::record;
use super::{Store, parse_ts, ts};
use crate::history::{Change, ReviewNote, SubmitNote};
use crate::model::Stamp;
use crate::review::{RemarkKind, RemarkState, Response, ReviewDoc, SubmissionDoc};
use crate::{Error, Result};

/// A remark of the review attached to an assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceivedRemark {
    /// Its number.
    pub number: u32,
    /// The item.
    pub item_id: String,
    /// Its kind.
    pub kind: RemarkKind,
    /// The validator's text.
    pub text: String,
    /// Its state in the review.
    pub state: RemarkState,
    /// The trader's answer.
    pub response: String,
    /// When the answer was written.
    pub responded_at: Option<DateTime<Utc>>,
    /// The last day to answer it (none when the review file, of version 1, gave none).
    pub due: Option<NaiveDate>,
}

/// The customs review attached to an assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceivedReview {
    /// The customs application.
    pub application_id: String,
    /// The customs key trusted for it.
    pub fingerprint: String,
    /// The submission reviewed.
    pub submission: u32,
    /// The review as received.
    pub doc: ReviewDoc,
    /// The remarks with the trader's answers, in the order they are worked in
    /// ([`crate::review::deadline_order`]: not closed first, the nearest due date first).
    pub remarks: Vec<ReceivedRemark>,
    /// Items accepted (locked), with whether each was reopened.
    pub locked: Vec<(String, bool)>,
}

/// Refuses a change to an answer customs accepted and the trader has not reopened.
pub(crate) fn check_unlocked(tx: &Transaction<'_>, id: &str, item_id: &str) -> Result<()> {
    let accepted_in: Option<u32> = tx
        .query_row(
            "SELECT accepted_in FROM answer_locks WHERE assessment_id = ?1 AND item_id = ?2 AND reopened_at IS NULL",
            params![id, item_id],
            |r| r.get(0),
        )
        .optional()?;
    match accepted_in {
        Some(n) => Err(Error::Locked(format!(
            "item {item_id} was accepted by customs in submission {n}: reopen it first with 'safe-assess reopen {id} {item_id}'"
        ))),
        None => Ok(()),
    }
}

/// Which of `items` are locked (accepted by customs, not reopened), in the order given.
pub(crate) fn locked_among(
    conn: &rusqlite::Connection,
    id: &str,
    items: &[&str],
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM answer_locks WHERE assessment_id = ?1 AND item_id = ?2 AND reopened_at IS NULL",
    )?;
    let mut locked = Vec::new();
    for item in items {
        if stmt.exists(params![id, item])? {
            locked.push((*item).to_string());
        }
    }
    Ok(locked)
}

impl Store {
    /// The number the next submission of assessment `id` gets (1 for the first).
    pub fn next_submission(&self, id: &str) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM submissions WHERE assessment_id = ?1",
            [id],
            |r| r.get(0),
        )?)
    }

    /// For every assessment submitted, the number of its last submission.
    pub fn submission_counts(&self) -> Result<HashMap<String, u32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT assessment_id, max(number) FROM submissions GROUP BY assessment_id",
        )?;
        let m = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(m)
    }

    /// What the next submission carries besides the assessment: the application it answers,
    /// the answers to remarks not closed, and the items reopened.
    pub fn submission_extras(
        &self,
        id: &str,
    ) -> Result<(Option<String>, Vec<Response>, Vec<String>)> {
        let app: Option<String> = self
            .conn
            .query_row(
                "SELECT application_id FROM received_reviews WHERE assessment_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let responses = self
            .conn
            .prepare_cached(
                "SELECT number, item_id, response, responded_at FROM received_remarks
                 WHERE assessment_id = ?1 AND state != 'closed' AND response != '' AND responded_at IS NOT NULL ORDER BY number",
            )?
            .query_map([id], |r| {
                Ok(Response {
                    remark: r.get(0)?,
                    item_id: r.get(1)?,
                    text: r.get(2)?,
                    at: parse_ts(&r.get::<_, Option<String>>(3)?.unwrap_or_default())?,
                    by: String::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let reopened = self
            .conn
            .prepare_cached(
                "SELECT item_id FROM answer_locks WHERE assessment_id = ?1 AND reopened_at IS NOT NULL ORDER BY item_id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((app, responses, reopened))
    }

    /// Records submission `doc` of assessment `id` (file `file_name`) with a `submit` history
    /// entry; `persist` puts the file in place inside the transaction, so a file that could not
    /// be written records nothing.
    pub fn record_submission(
        &mut self,
        id: &str,
        doc: &SubmissionDoc,
        file_name: &str,
        stamp: &Stamp,
        persist: impl FnOnce() -> Result<()>,
    ) -> Result<()> {
        self.assessment(id)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO submissions (assessment_id, number, submitted_at, submitted_by, file_name) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, doc.number, ts(doc.submitted_at), doc.by, file_name],
            )?;
            let note = SubmitNote {
                number: doc.number,
                file: file_name.to_string(),
            };
            record(tx, id, "", &Change::Submit(note), stamp)?;
            persist()
        })
    }

    /// The submissions made of assessment `id`: number and when, oldest first.
    pub fn submissions_made(&self, id: &str) -> Result<Vec<(u32, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT number, submitted_at FROM submissions WHERE assessment_id = ?1 ORDER BY number",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((r.get(0)?, parse_ts(&r.get::<_, String>(1)?)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The customs review attached to assessment `id`, if any.
    pub fn received_review(&self, id: &str) -> Result<Option<ReceivedReview>> {
        let row: Option<(String, String, u32, String)> = self
            .conn
            .query_row(
                "SELECT application_id, fingerprint, submission, doc FROM received_reviews WHERE assessment_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((application_id, fingerprint, submission, doc)) = row else {
            return Ok(None);
        };
        let doc: ReviewDoc = serde_json::from_str(&doc)
            .map_err(|e| Error::invalid(format!("the stored review is not readable: {e}")))?;
        let mut remarks: Vec<ReceivedRemark> = self
            .conn
            .prepare_cached(
                "SELECT number, item_id, kind, text, state, response, responded_at, due_on FROM received_remarks
                 WHERE assessment_id = ?1 ORDER BY number",
            )?
            .query_map([id], |r| {
                let kind: String = r.get(2)?;
                let state: String = r.get(4)?;
                let bad = |i, e: Error| {
                    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
                };
                Ok(ReceivedRemark {
                    number: r.get(0)?,
                    item_id: r.get(1)?,
                    kind: RemarkKind::parse(&kind).map_err(|e| bad(2, e))?,
                    text: r.get(3)?,
                    state: RemarkState::parse(&state).map_err(|e| bad(4, e))?,
                    response: r.get(5)?,
                    responded_at: r
                        .get::<_, Option<String>>(6)?
                        .map(|s| parse_ts(&s))
                        .transpose()?,
                    due: super::parse_day(r.get(7)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        remarks.sort_by_key(|r| crate::review::deadline_order(r.state, r.due, r.number));
        let locked = self
            .conn
            .prepare_cached(
                "SELECT item_id, reopened_at IS NOT NULL FROM answer_locks WHERE assessment_id = ?1 ORDER BY item_id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(ReceivedReview {
            application_id,
            fingerprint,
            submission,
            doc,
            remarks,
            locked,
        }))
    }

    /// Attaches a customs review to assessment `id`, signed by key `fingerprint` (`public_key`
    /// hex). The first review pins the key for the application (trust on first use); a later
    /// one signed by another key is accepted only when that key was trusted by name (it is then
    /// pinned instead), one signed by an untrusted key never ([`super::keys::judge`]); a review
    /// for another application, of an older submission, not newer than the one attached, or of a
    /// submission not made is refused too, and nothing changes. Returns true when the key was
    /// trusted now, for the first time.
    pub fn attach_review(
        &mut self,
        id: &str,
        doc: &ReviewDoc,
        fingerprint: &str,
        public_key: &str,
        stamp: &Stamp,
    ) -> Result<bool> {
        let made = self.next_submission(id)? - 1;
        if doc.submission == 0 || doc.submission > made {
            return Err(Error::Mismatch(format!(
                "the review is of submission {} of assessment {id}, which has {made} submission{}",
                doc.submission,
                if made == 1 { "" } else { "s" }
            )));
        }
        let before: Option<(String, String, u32, String)> = self
            .conn
            .query_row(
                "SELECT application_id, fingerprint, submission, exported_at FROM received_reviews WHERE assessment_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        if let Some((app, _, sub, at)) = &before {
            if *app != doc.application_id {
                return Err(Error::Mismatch(format!(
                    "the review is for customs application {}, but assessment {id} is application {app}",
                    doc.application_id
                )));
            }
            if doc.submission < *sub {
                return Err(Error::Mismatch(format!(
                    "the review is of submission {}, older than the review of submission {sub} already attached",
                    doc.submission
                )));
            }
            if ts(doc.exported_at) <= *at {
                return Err(Error::Mismatch(format!(
                    "this review (written {}) was already attached, or is older than the one attached",
                    doc.exported_at.format("%Y-%m-%d %H:%M:%S")
                )));
            }
        }
        super::keys::judge(
            &self.conn,
            &doc.application_id,
            fingerprint,
            before.as_ref().map(|b| b.1.as_str()),
        )?;
        let doc_json = serde_json::to_string(doc)
            .map_err(|e| Error::invalid(format!("could not encode the review: {e}")))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO received_reviews (assessment_id, application_id, fingerprint, public_key, submission, exported_at, state, doc, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (assessment_id) DO UPDATE SET submission = excluded.submission, exported_at = excluded.exported_at,
                   state = excluded.state, doc = excluded.doc, imported_at = excluded.imported_at,
                   fingerprint = excluded.fingerprint, public_key = excluded.public_key",
                params![id, doc.application_id, fingerprint, public_key, doc.submission, ts(doc.exported_at),
                    doc.state.slug(), doc_json, ts(stamp.at)],
            )?;
            super::keys::used(tx, fingerprint, public_key, stamp.at)?;
            for r in &doc.remarks {
                tx.execute(
                    "INSERT INTO received_remarks (assessment_id, number, item_id, kind, text, state, response, due_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (assessment_id, number) DO UPDATE SET item_id = excluded.item_id, kind = excluded.kind,
                       text = excluded.text, state = excluded.state, due_on = excluded.due_on,
                       response = CASE WHEN response = '' THEN excluded.response ELSE response END",
                    params![id, r.number, r.item_id, r.kind.slug(), r.text, r.state.slug(), r.response,
                        r.due.map(|d| d.format("%Y-%m-%d").to_string())],
                )?;
            }
            tx.execute("DELETE FROM answer_locks WHERE assessment_id = ?1", [id])?;
            for item in &doc.accepted {
                tx.execute(
                    "INSERT OR IGNORE INTO answer_locks (assessment_id, item_id, accepted_in) VALUES (?1, ?2, ?3)",
                    params![id, item, doc.submission],
                )?;
            }
            let note = ReviewNote {
                application_id: doc.application_id.clone(),
                submission: doc.submission,
                state: doc.state.slug().to_string(),
                fingerprint: fingerprint.to_string(),
            };
            record(tx, id, "", &Change::ReviewImport(note), stamp)?;
            Ok(())
        })?;
        Ok(before.is_none())
    }

    /// Answers remark `number` of the review attached to assessment `id` (refused for a closed
    /// remark); recorded in the history of the remark's item.
    pub fn respond(&mut self, id: &str, number: u32, text: &str, stamp: &Stamp) -> Result<String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("an answer needs a text (--text TEXT)"));
        }
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT item_id, state FROM received_remarks WHERE assessment_id = ?1 AND number = ?2",
                params![id, number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((item, state)) = row else {
            return Err(Error::NotFound {
                what: "remark",
                id: format!("R{number}"),
            });
        };
        if state == RemarkState::Closed.slug() {
            return Err(Error::invalid(format!(
                "remark R{number} is closed: it needs no answer"
            )));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE received_remarks SET response = ?3, responded_at = ?4 WHERE assessment_id = ?1 AND number = ?2",
                params![id, number, text, ts(stamp.at)],
            )?;
            let change = Change::Respond {
                remark: number,
                text: text.to_string(),
            };
            record(tx, id, &item, &change, stamp)?;
            Ok(())
        })?;
        Ok(item)
    }

    /// Reopens an answer customs accepted so it can be changed; recorded in its history.
    pub fn reopen(&mut self, id: &str, item_id: &str, stamp: &Stamp) -> Result<u32> {
        let accepted_in: Option<u32> = self
            .conn
            .query_row(
                "SELECT accepted_in FROM answer_locks WHERE assessment_id = ?1 AND item_id = ?2 AND reopened_at IS NULL",
                params![id, item_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(n) = accepted_in else {
            return Err(Error::invalid(format!(
                "item {item_id} is not locked: customs has not accepted it, or it is already reopened"
            )));
        };
        self.write(|tx| {
            tx.execute(
                "UPDATE answer_locks SET reopened_at = ?3 WHERE assessment_id = ?1 AND item_id = ?2",
                params![id, item_id, ts(stamp.at)],
            )?;
            record(tx, id, item_id, &Change::Reopen { accepted_in: n }, stamp)?;
            Ok(())
        })?;
        Ok(n)
    }
}
