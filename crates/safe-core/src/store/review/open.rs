//! Opening a submission as (part of) an application.

use rusqlite::{OptionalExtension, params};

use super::{APP_COLUMNS, Opening, Received, bundle_of, json};
use crate::history::{Change, OpenNote};
use crate::review::diff;
use crate::store::Store;
use crate::store::assessments::pin_pack;
use crate::store::history::record_customs;
use crate::store::ts;
use crate::{Error, Result, scoring};

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
                      (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'received', ?8, ?9, ?10, NULL, ?11, ?12, ?13, ?14, NULL, ?15, ?17, ?18, ?16)"),
                    params![
                        app_id, origin, a.organisation, a.country, json(&a.roles)?, r.pack.id,
                        r.pack.version, number, r.fingerprint,
                        r.today.format("%Y-%m-%d").to_string(),
                        r.accept_days, r.decide_days, score.overall.score, verdict, ts(stamp.at),
                        r.public_key, json(&a.tiers)?, r.remark_days
                    ],
                )?;
            } else {
                tx.execute(
                    "UPDATE applications SET applicant = ?2, country = ?3, roles = ?4, pack_version = ?5,
                       state = CASE WHEN state = 'received' THEN 'received' ELSE 'under-review' END,
                       submission = ?6, fingerprint = ?7, public_key = ?8, score = ?9, verdict = ?10,
                       updated_at = ?11, tiers = ?12 WHERE id = ?1",
                    params![
                        app_id, a.organisation, a.country, json(&a.roles)?, r.pack.version, number,
                        r.fingerprint, r.public_key, score.overall.score, verdict, ts(stamp.at),
                        json(&a.tiers)?
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
            let note = OpenNote {
                submission: number,
                file: r.file_name.clone(),
                fingerprint: r.fingerprint.clone(),
                created: existing.is_none(),
            };
            record_customs(tx, &app_id, "", &Change::ReviewOpen(note), stamp)?;
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
}
