//! Validation by customs, the validator's side: applications, their submissions, marks,
//! remarks, on-site findings and decisions (rules in [`crate::review`]). The trader's side is in
//! `received.rs`.
//!
//! `open.rs` opens a submission, `read.rs` reads the queue and an application, `record.rs`
//! records the validator's marks, remarks, findings and decisions.

mod open;
mod read;
mod record;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::parse_ts;
use crate::catalogue::Pack;
use crate::review::{
    AppState, Deadlines, Decision, DecisionRecord, Finding, ItemDiff, Remark, SubmissionDoc,
};
use crate::store::AssessmentBundle;
use crate::{Error, Result};

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
    /// Days the trader has to answer a remark, for a new application.
    pub remark_days: u32,
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
    /// The programme tiers applied for (ids of the pack's tiers; empty for a pack without tiers).
    pub tiers: Vec<String>,
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
    /// Days the trader has to answer a remark (unless the validator gives a date).
    pub remark_days: u32,
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

pub(super) const APP_COLUMNS: &str = "id, origin_id, applicant, country, roles, pack_id, pack_version, state, \
    submission, fingerprint, received_on, accepted_on, accept_days, decide_days, score, verdict, \
    decision, updated_at, tiers, remark_days";

pub(super) fn conversion(i: usize, e: Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

pub(super) fn day(i: usize, s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn app_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
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
        tiers: serde_json::from_str(&r.get::<_, String>(18)?).unwrap_or_default(),
        remark_days: r.get(19)?,
    })
}

pub(super) fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::invalid(format!("could not encode JSON: {e}")))
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn application_in(conn: &rusqlite::Connection, id: &str) -> Result<Application> {
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

pub(super) fn bundle_of(
    conn: &rusqlite::Connection,
    id: &str,
    number: u32,
) -> Result<AssessmentBundle> {
    let text: String = conn.query_row(
        "SELECT bundle FROM application_submissions WHERE application_id = ?1 AND number = ?2",
        params![id, number],
        |r| r.get(0),
    )?;
    Ok(from_json(&text)?)
}
