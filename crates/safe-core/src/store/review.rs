//! Validation by customs, the validator's side: applications, their submissions, marks,
//! remarks, on-site findings and decisions (rules in [`crate::review`]). The trader's side is in
//! `received.rs`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::assessments::pin_pack;
use super::{Store, parse_ts, ts};
use crate::catalogue::Pack;
use crate::review::{
    AppState, Deadlines, Decision, DecisionRecord, Finding, ItemDiff, Reason, Remark, RemarkKind,
    RemarkState, ReviewDoc, SubmissionDoc, diff,
};
use crate::store::AssessmentBundle;
use crate::{Error, Result, scoring};

/// A submission file, checked, to open as (part of) an application.
pub struct Received<'a> {
    /// The carried pack.
    pub pack: &'a Pack,
    /// The assessment as submitted.
    pub bundle: &'a AssessmentBundle,
    /// The ids its assessment was imported from, nearest first.
    pub lineage: &'a [String],
    /// The submission section.
    pub submission: &'a SubmissionDoc,
    /// The file's name.
    pub file_name: String,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// The signing key, hex.
    pub public_key: String,
    /// The report carried, as PDF.
    pub report_pdf: Option<Vec<u8>>,
    /// Accept a key other than the one of the earlier submissions.
    pub accept_new_key: bool,
    /// The id of the application, if a new one is created.
    pub new_id: String,
    /// Days to accept and to decide, for a new application.
    pub accept_days: u32,
    /// See `accept_days`.
    pub decide_days: u32,
    /// The validator's date (deadlines count from it).
    pub today: NaiveDate,
}

/// One application.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Application {
    /// Its id.
    pub id: String,
    /// The trader's assessment id.
    pub origin_id: String,
    /// The organisation.
    pub applicant: String,
    /// Its country.
    pub country: String,
    /// The trader's roles.
    pub roles: Vec<String>,
    /// Pack id.
    pub pack_id: String,
    /// Pack version.
    pub pack_version: String,
    /// State.
    pub state: AppState,
    /// The last submission opened.
    pub submission: u32,
    /// Its key's fingerprint.
    pub fingerprint: String,
    /// The day the first submission was opened.
    pub received_on: NaiveDate,
    /// The day the validator accepted it (first mark or remark).
    pub accepted_on: Option<NaiveDate>,
    /// Days to accept.
    pub accept_days: u32,
    /// Days to decide after acceptance.
    pub decide_days: u32,
    /// Score at the last submission.
    pub score: Option<f64>,
    /// Verdict at the last submission.
    pub verdict: Option<String>,
    /// The last decision.
    pub decision: Option<Decision>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl Application {
    /// Its deadlines.
    pub fn deadlines(&self) -> Deadlines {
        Deadlines::new(
            self.received_on,
            self.accepted_on,
            self.accept_days,
            self.decide_days,
        )
    }
}

/// What opening a submission did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Opening {
    /// The application, as it is now.
    pub application: Application,
    /// True when the application was created by this submission.
    pub created: bool,
    /// The fingerprint of the earlier submissions' key, when this one is signed by another.
    pub previous_key: Option<String>,
    /// What changed since the previous submission.
    pub changes: Vec<ItemDiff>,
    /// Remarks the trader answered in this submission.
    pub answered: Vec<u32>,
    /// Items accepted earlier that changed, so are no longer accepted.
    pub unaccepted: Vec<String>,
}

/// One submission of an application.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubmissionInfo {
    /// Its number.
    pub number: u32,
    /// When customs opened it.
    pub received_at: DateTime<Utc>,
    /// The file's name.
    pub file_name: String,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// What changed since the previous submission.
    pub changes: Vec<ItemDiff>,
    /// Whether it carried a report.
    pub has_report: bool,
}

/// An application with everything the validator records.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationView {
    /// The application.
    pub application: Application,
    /// Its deadlines.
    pub deadlines: Deadlines,
    /// The assessment as last submitted.
    pub bundle: AssessmentBundle,
    /// Items accepted.
    pub accepted: Vec<String>,
    /// Remarks.
    pub remarks: Vec<Remark>,
    /// On-site findings.
    pub findings: Vec<Finding>,
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionRecord>,
    /// Submissions, oldest first.
    pub submissions: Vec<SubmissionInfo>,
}

/// A line of the queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueRow {
    /// The application.
    #[serde(flatten)]
    pub application: Application,
    /// Its deadlines.
    pub deadlines: Deadlines,
    /// Remarks not closed.
    pub open_remarks: u32,
}

const APP_COLUMNS: &str = "id, origin_id, applicant, country, roles, pack_id, pack_version, state, \
    submission, fingerprint, received_on, accepted_on, accept_days, decide_days, score, verdict, \
    decision, updated_at";

fn conversion(i: usize, e: Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn day(i: usize, s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn app_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    let roles: String = r.get(4)?;
    let state: String = r.get(7)?;
    let decision: Option<String> = r.get(16)?;
    Ok(Application {
        id: r.get(0)?,
        origin_id: r.get(1)?,
        applicant: r.get(2)?,
        country: r.get(3)?,
        roles: serde_json::from_str(&roles).unwrap_or_default(),
        pack_id: r.get(5)?,
        pack_version: r.get(6)?,
        state: AppState::parse(&state).map_err(|e| conversion(7, e))?,
        submission: r.get(8)?,
        fingerprint: r.get(9)?,
        received_on: day(10, &r.get::<_, String>(10)?)?,
        accepted_on: r
            .get::<_, Option<String>>(11)?
            .map(|s| day(11, &s))
            .transpose()?,
        accept_days: r.get(12)?,
        decide_days: r.get(13)?,
        score: r.get(14)?,
        verdict: r.get(15)?,
        decision: decision
            .map(|d| Decision::parse(&d).map_err(|e| conversion(16, e)))
            .transpose()?,
        updated_at: parse_ts(&r.get::<_, String>(17)?)?,
    })
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::invalid(format!("could not encode JSON: {e}")))
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn application_in(conn: &rusqlite::Connection, id: &str) -> Result<Application> {
    conn.query_row(
        &format!("SELECT {APP_COLUMNS} FROM applications WHERE id = ?1"),
        [id],
        app_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "application",
        id: id.to_string(),
    })
}

fn bundle_of(conn: &rusqlite::Connection, id: &str, number: u32) -> Result<AssessmentBundle> {
    let text: String = conn.query_row(
        "SELECT bundle FROM application_submissions WHERE application_id = ?1 AND number = ?2",
        params![id, number],
        |r| r.get(0),
    )?;
    Ok(from_json(&text)?)
}

/// Moves a received application under review (accepted on `at`'s day).
fn start_review(tx: &Transaction<'_>, app: &Application, at: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE applications SET state = CASE WHEN state = 'received' THEN 'under-review' ELSE state END,
           accepted_on = coalesce(accepted_on, ?2), updated_at = ?3 WHERE id = ?1",
        params![app.id, at.date_naive().format("%Y-%m-%d").to_string(), ts(at)],
    )?;
    Ok(())
}

impl Store {
    /// Opens a submission: creates its application, or adds it to the application of the same
    /// lineage. Refused (nothing written) for a submission already opened or older than the last
    /// one, another pack, or a key other than the earlier submissions' without `accept_new_key`.
    /// Items accepted earlier that changed are no longer accepted; remarks answered become
    /// `answered`. `evidence` gives the content of an evidence file by SHA-256.
    pub fn open_submission(
        &mut self,
        r: &Received<'_>,
        evidence: &mut dyn FnMut(&str) -> Result<Option<Vec<u8>>>,
        stamp: &crate::model::Stamp,
    ) -> Result<Opening> {
        let origin = r.bundle.assessment.id.clone();
        let number = r.submission.number;
        let existing: Option<String> = {
            let mut ids = vec![origin.clone()];
            ids.extend(r.lineage.iter().cloned());
            let mut found = None;
            if let Some(app) = &r.submission.application_id
                && self.application(app).is_ok()
            {
                found = Some(app.clone());
            }
            for id in &ids {
                if found.is_some() {
                    break;
                }
                found = self
                    .conn
                    .query_row(
                        "SELECT id FROM applications WHERE origin_id = ?1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?;
            }
            found
        };
        let score = scoring::score(r.pack, &r.bundle.assessment, &r.bundle.answers);
        let verdict = score
            .verdict
            .as_ref()
            .map(|v| v.readiness.slug().to_string());
        let mut previous_key = None;
        let mut previous_bundle = None;
        if let Some(id) = &existing {
            let app = self.application(id)?;
            if number <= app.submission {
                return Err(Error::Mismatch(format!(
                    "submission {number} of application {id} is a replayed or older file: submission {} was already opened",
                    app.submission
                )));
            }
            if app.pack_id != r.pack.id {
                return Err(Error::Mismatch(format!(
                    "submission {number} is on pack {}, application {id} on pack {}",
                    r.pack.id, app.pack_id
                )));
            }
            if app.fingerprint != r.fingerprint {
                if !r.accept_new_key {
                    return Err(Error::Mismatch(format!(
                        "submission {number} of application {id} is signed by key {}, not by key {} of the earlier submissions: check with the applicant that the key changed, then open it again with --accept-new-key",
                        r.fingerprint, app.fingerprint
                    )));
                }
                previous_key = Some(app.fingerprint.clone());
            }
            previous_bundle = Some(bundle_of(&self.conn, id, app.submission)?);
        }
        let changes = previous_bundle
            .as_ref()
            .map(|b| diff(b, r.bundle))
            .unwrap_or_default();
        // Content first, outside the transaction's logic but inside it.
        let mut contents = Vec::new();
        for e in &r.bundle.evidence {
            if let Some(bytes) = evidence(&e.evidence.sha256)? {
                contents.push((e.evidence.sha256.clone(), bytes));
            }
        }
        let app_id = existing.clone().unwrap_or_else(|| r.new_id.clone());
        let (answered, unaccepted) = self.write(|tx| {
            pin_pack(tx, r.pack, stamp)?;
            for (sha, bytes) in &contents {
                tx.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?1, ?2, ?3)",
                    params![sha, bytes.len() as i64, bytes],
                )?;
            }
            let a = &r.bundle.assessment;
            if existing.is_none() {
                tx.execute(
                    &format!("INSERT INTO applications ({APP_COLUMNS}, public_key) VALUES
                      (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'received', ?8, ?9, ?10, NULL, ?11, ?12, ?13, ?14, NULL, ?15, ?16)"),
                    params![
                        app_id, origin, a.organisation, a.country, json(&a.roles)?, r.pack.id,
                        r.pack.version, number, r.fingerprint,
                        r.today.format("%Y-%m-%d").to_string(),
                        r.accept_days, r.decide_days, score.overall.score, verdict, ts(stamp.at),
                        r.public_key
                    ],
                )?;
            } else {
                tx.execute(
                    "UPDATE applications SET applicant = ?2, country = ?3, roles = ?4, pack_version = ?5,
                       state = CASE WHEN state = 'received' THEN 'received' ELSE 'under-review' END,
                       submission = ?6, fingerprint = ?7, public_key = ?8, score = ?9, verdict = ?10,
                       updated_at = ?11 WHERE id = ?1",
                    params![
                        app_id, a.organisation, a.country, json(&a.roles)?, r.pack.version, number,
                        r.fingerprint, r.public_key, score.overall.score, verdict, ts(stamp.at)
                    ],
                )?;
            }
            tx.execute(
                "INSERT INTO application_submissions (application_id, number, received_at, file_name,
                   fingerprint, bundle, submission, changes, report_pdf) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    app_id, number, ts(stamp.at), r.file_name, r.fingerprint, json(r.bundle)?,
                    json(r.submission)?, json(&changes)?, r.report_pdf
                ],
            )?;
            let mut unaccepted = Vec::new();
            for c in &changes {
                if tx.execute(
                    "DELETE FROM review_marks WHERE application_id = ?1 AND item_id = ?2",
                    params![app_id, c.item_id],
                )? > 0
                {
                    unaccepted.push(c.item_id.clone());
                }
            }
            let mut answered = Vec::new();
            for resp in &r.submission.responses {
                if tx.execute(
                    "UPDATE review_remarks SET response = ?3, state = 'answered', answered_in = ?4
                     WHERE application_id = ?1 AND number = ?2 AND state != 'closed'",
                    params![app_id, resp.remark, resp.text, number],
                )? > 0
                {
                    answered.push(resp.remark);
                }
            }
            Ok((answered, unaccepted))
        })?;
        Ok(Opening {
            application: self.application(&app_id)?,
            created: existing.is_none(),
            previous_key,
            changes,
            answered,
            unaccepted,
        })
    }

    /// The full id of the application `id_or_prefix` names (a unique prefix of 4 or more).
    pub fn resolve_application(&self, id_or_prefix: &str) -> Result<String> {
        let p = id_or_prefix.trim();
        let not_found = || Error::NotFound {
            what: "application",
            id: p.to_string(),
        };
        if p.len() < 4 {
            return self.application(p).map(|a| a.id).map_err(|_| not_found());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM applications WHERE substr(id, 1, ?2) = ?1 LIMIT 2")?;
        let ids: Vec<String> = stmt
            .query_map(params![p, p.chars().count() as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(not_found()),
            _ => Err(Error::invalid(format!(
                "application id '{p}' is ambiguous: give more characters"
            ))),
        }
    }

    /// One application.
    pub fn application(&self, id: &str) -> Result<Application> {
        application_in(&self.conn, id)
    }

    /// Every application, the most recently changed first, with its deadlines and open remarks.
    pub fn applications(&self) -> Result<Vec<QueueRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {APP_COLUMNS}, (SELECT count(*) FROM review_remarks m
               WHERE m.application_id = applications.id AND m.state != 'closed')
             FROM applications ORDER BY updated_at DESC"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                let application = app_row(r)?;
                Ok(QueueRow {
                    deadlines: application.deadlines(),
                    application,
                    open_remarks: r.get(18)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// An application with its last submission, marks, remarks, findings, decisions and
    /// submissions.
    pub fn application_view(&self, id: &str) -> Result<ApplicationView> {
        let application = self.application(id)?;
        let bundle = bundle_of(&self.conn, id, application.submission)?;
        let accepted = self
            .conn
            .prepare_cached(
                "SELECT item_id FROM review_marks WHERE application_id = ?1 ORDER BY item_id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let remarks = self.remarks(id)?;
        let findings = self
            .conn
            .prepare_cached("SELECT item_id, text, at, by FROM review_findings WHERE application_id = ?1 ORDER BY seq")?
            .query_map([id], |r| {
                Ok(Finding {
                    item_id: r.get(0)?,
                    text: r.get(1)?,
                    at: parse_ts(&r.get::<_, String>(2)?)?,
                    by: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let decisions = self
            .conn
            .prepare_cached("SELECT decision, note, reasons, submission, at, by FROM review_decisions WHERE application_id = ?1 ORDER BY seq")?
            .query_map([id], |r| {
                let d: String = r.get(0)?;
                Ok(DecisionRecord {
                    decision: Decision::parse(&d).map_err(|e| conversion(0, e))?,
                    note: r.get(1)?,
                    reasons: from_json(&r.get::<_, String>(2)?)?,
                    submission: r.get(3)?,
                    at: parse_ts(&r.get::<_, String>(4)?)?,
                    by: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let submissions = self
            .conn
            .prepare_cached("SELECT number, received_at, file_name, fingerprint, changes, report_pdf IS NOT NULL
               FROM application_submissions WHERE application_id = ?1 ORDER BY number")?
            .query_map([id], |r| {
                Ok(SubmissionInfo {
                    number: r.get(0)?,
                    received_at: parse_ts(&r.get::<_, String>(1)?)?,
                    file_name: r.get(2)?,
                    fingerprint: r.get(3)?,
                    changes: from_json(&r.get::<_, String>(4)?)?,
                    has_report: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ApplicationView {
            deadlines: application.deadlines(),
            application,
            bundle,
            accepted,
            remarks,
            findings,
            decisions,
            submissions,
        })
    }

    fn remarks(&self, id: &str) -> Result<Vec<Remark>> {
        let v = self
            .conn
            .prepare_cached(
                "SELECT number, item_id, kind, text, state, raised_in, response FROM review_remarks
               WHERE application_id = ?1 ORDER BY number",
            )?
            .query_map([id], |r| {
                let kind: String = r.get(2)?;
                let state: String = r.get(4)?;
                Ok(Remark {
                    number: r.get(0)?,
                    item_id: r.get(1)?,
                    kind: RemarkKind::parse(&kind).map_err(|e| conversion(2, e))?,
                    text: r.get(3)?,
                    state: RemarkState::parse(&state).map_err(|e| conversion(4, e))?,
                    raised_in: r.get(5)?,
                    response: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The application and its item `item_id`, refused when the item is not in the pack or does
    /// not apply to the applicant's roles.
    fn review_item(&self, id: &str, item_id: &str) -> Result<Application> {
        let app = self.application(id)?;
        let pack = self.pack(&app.pack_id, &app.pack_version)?;
        let item = pack.item(item_id).ok_or_else(|| Error::NotFound {
            what: "item",
            id: item_id.to_string(),
        })?;
        if !item.applies_to(&app.roles) {
            return Err(Error::invalid(format!(
                "item {item_id} does not apply to this application's roles ({}); it is for: {}",
                app.roles.join(", "),
                item.roles.join(", ")
            )));
        }
        if app.state == AppState::Decided {
            return Err(Error::invalid(format!(
                "application {id} is decided: nothing more can be recorded until a new submission"
            )));
        }
        Ok(app)
    }

    /// Accepts an item's answer as submitted.
    pub fn accept_item(
        &mut self,
        id: &str,
        item_id: &str,
        stamp: &crate::model::Stamp,
    ) -> Result<()> {
        let app = self.review_item(id, item_id)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO review_marks (application_id, item_id, accepted_in, at, by) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (application_id, item_id) DO UPDATE SET accepted_in = excluded.accepted_in, at = excluded.at, by = excluded.by",
                params![id, item_id, app.submission, ts(stamp.at), stamp.by],
            )?;
            start_review(tx, &app, stamp.at)
        })
    }

    /// Raises a remark on an item (which is then no longer accepted); returns its number.
    pub fn add_remark(
        &mut self,
        id: &str,
        item_id: &str,
        kind: RemarkKind,
        text: &str,
        stamp: &crate::model::Stamp,
    ) -> Result<u32> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("a remark needs a text (--remark TEXT)"));
        }
        let app = self.review_item(id, item_id)?;
        self.write(|tx| {
            let n: u32 = tx.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM review_remarks WHERE application_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO review_remarks (application_id, number, item_id, kind, text, state, raised_in, at, by)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8)",
                params![id, n, item_id, kind.slug(), text, app.submission, ts(stamp.at), stamp.by],
            )?;
            tx.execute(
                "DELETE FROM review_marks WHERE application_id = ?1 AND item_id = ?2",
                params![id, item_id],
            )?;
            start_review(tx, &app, stamp.at)?;
            Ok(n)
        })
    }

    /// Closes a remark.
    pub fn close_remark(
        &mut self,
        id: &str,
        number: u32,
        stamp: &crate::model::Stamp,
    ) -> Result<()> {
        let app = self.application(id)?;
        let state: String = self
            .conn
            .query_row(
                "SELECT state FROM review_remarks WHERE application_id = ?1 AND number = ?2",
                params![id, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "remark",
                id: format!("R{number}"),
            })?;
        if state == "closed" {
            return Err(Error::invalid(format!(
                "remark R{number} is already closed"
            )));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE review_remarks SET state = 'closed', closed_at = ?3 WHERE application_id = ?1 AND number = ?2",
                params![id, number, ts(stamp.at)],
            )?;
            start_review(tx, &app, stamp.at)
        })
    }

    /// Records an on-site finding on an item.
    pub fn add_finding(
        &mut self,
        id: &str,
        item_id: &str,
        text: &str,
        stamp: &crate::model::Stamp,
    ) -> Result<()> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("a finding needs a text (--finding TEXT)"));
        }
        let app = self.review_item(id, item_id)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO review_findings (application_id, item_id, text, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, item_id, text, ts(stamp.at), stamp.by],
            )?;
            start_review(tx, &app, stamp.at)
        })
    }

    /// Records a decision with its note (required). A refusal carries the reasons per failed
    /// item; a grant needs every remark closed.
    pub fn decide(
        &mut self,
        id: &str,
        decision: Decision,
        note: &str,
        stamp: &crate::model::Stamp,
    ) -> Result<DecisionRecord> {
        let note = note.trim();
        if note.is_empty() {
            return Err(Error::invalid("a decision needs a note (--note TEXT)"));
        }
        let view = self.application_view(id)?;
        let app = &view.application;
        if app.state == AppState::Decided {
            return Err(Error::invalid(format!(
                "application {id} is already decided ({})",
                app.decision.map(Decision::slug).unwrap_or("")
            )));
        }
        let open: Vec<String> = view
            .remarks
            .iter()
            .filter(|r| r.state != RemarkState::Closed)
            .map(|r| format!("R{}", r.number))
            .collect();
        if decision == Decision::Grant && !open.is_empty() {
            return Err(Error::invalid(format!(
                "application {id} cannot be granted while remarks are not closed ({}): close them or grant with conditions",
                open.join(", ")
            )));
        }
        let reasons: Vec<Reason> = if decision == Decision::Refuse {
            let pack = self.pack(&app.pack_id, &app.pack_version)?;
            crate::review::refusal_reasons(
                &pack,
                &view.bundle.assessment,
                &view.bundle,
                &view.remarks,
            )
        } else {
            Vec::new()
        };
        let record = DecisionRecord {
            decision,
            note: note.to_string(),
            reasons,
            submission: app.submission,
            at: stamp.at,
            by: stamp.by.clone(),
        };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO review_decisions (application_id, decision, note, reasons, submission, at, by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, decision.slug(), record.note, json(&record.reasons)?, record.submission, ts(stamp.at), stamp.by],
            )?;
            tx.execute(
                "UPDATE applications SET state = ?2, decision = ?3, updated_at = ?4,
                   accepted_on = coalesce(accepted_on, ?5) WHERE id = ?1",
                params![id, decision.state().slug(), decision.slug(), ts(stamp.at),
                    stamp.at.date_naive().format("%Y-%m-%d").to_string()],
            )?;
            Ok(())
        })?;
        Ok(record)
    }

    /// The review of an application, as a review file carries it.
    pub fn review_doc(&self, id: &str, exported_at: DateTime<Utc>) -> Result<ReviewDoc> {
        let v = self.application_view(id)?;
        Ok(ReviewDoc {
            application_id: v.application.id.clone(),
            assessment_id: v.application.origin_id.clone(),
            applicant: v.application.applicant.clone(),
            submission: v.application.submission,
            exported_at,
            state: v.application.state,
            accepted: v.accepted,
            remarks: v.remarks,
            findings: v.findings,
            decisions: v.decisions,
        })
    }

    /// The report a submission carried (PDF), if any.
    pub fn submission_report(&self, id: &str, number: u32) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT report_pdf FROM application_submissions WHERE application_id = ?1 AND number = ?2",
                params![id, number],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Per item, the remarks of an application (for showing them beside the answers).
    pub fn remarks_by_item(&self, id: &str) -> Result<BTreeMap<String, Vec<Remark>>> {
        let mut m: BTreeMap<String, Vec<Remark>> = BTreeMap::new();
        for r in self.remarks(id)? {
            m.entry(r.item_id.clone()).or_default().push(r);
        }
        Ok(m)
    }
}
