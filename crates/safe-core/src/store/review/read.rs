//! Reading the queue, an application and what a review file carries.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{
    APP_COLUMNS, Application, ApplicationView, QueueRow, SubmissionInfo, app_row, application_in,
    bundle_of, conversion, from_json,
};
use crate::review::{
    Decision, DecisionRecord, Finding, Remark, RemarkKind, RemarkState, ReviewDoc,
};
use crate::store::{Store, parse_ts};
use crate::{Error, Result};

impl Store {
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
                    open_remarks: r.get(20)?,
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
                "SELECT number, item_id, kind, text, state, raised_in, response, due_on FROM review_remarks
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
                    due: r
                        .get::<_, Option<String>>(7)?
                        .map(|s| super::day(7, &s))
                        .transpose()?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
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
