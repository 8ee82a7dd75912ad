//! What the validator records: marks, remarks, on-site findings and decisions.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Application, json};
use crate::history::{Change, DecideNote, ExportNote, RemarkNote};
use crate::review::{AppState, Decision, DecisionRecord, Reason, RemarkKind, RemarkState};
use crate::store::history::record_customs;
use crate::store::{Store, ts};
use crate::{Error, Result};

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
    /// The application and its item `item_id`, refused when the item is not in the pack or is
    /// not asked of the applicant's roles and tiers (the trader side's rule).
    fn review_item(&self, id: &str, item_id: &str) -> Result<Application> {
        let app = self.application(id)?;
        let pack = self.pack(&app.pack_id, &app.pack_version)?;
        let item = pack.item(item_id).ok_or_else(|| Error::NotFound {
            what: "item",
            id: item_id.to_string(),
        })?;
        crate::store::answers::check_asked(item, &app.roles, &app.tiers, "application")?;
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
            let change = Change::ReviewAccept {
                submission: app.submission,
            };
            record_customs(tx, id, item_id, &change, stamp)?;
            start_review(tx, &app, stamp.at)
        })
    }

    /// Raises a remark on an item (which is then no longer accepted), raised on the validator's
    /// date `today` and due on `due`, or the application's days to answer after `today`; a due
    /// date before `today` is refused. Returns its number and due date.
    #[allow(clippy::too_many_arguments)]
    pub fn add_remark(
        &mut self,
        id: &str,
        item_id: &str,
        kind: RemarkKind,
        text: &str,
        due: Option<NaiveDate>,
        today: NaiveDate,
        stamp: &crate::model::Stamp,
    ) -> Result<(u32, NaiveDate)> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid("a remark needs a text (--remark TEXT)"));
        }
        let app = self.review_item(id, item_id)?;
        let due = crate::review::remark_due(today, app.remark_days, due)?;
        self.write(|tx| {
            let n: u32 = tx.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM review_remarks WHERE application_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO review_remarks (application_id, number, item_id, kind, text, state, raised_in, at, by, due_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9)",
                params![id, n, item_id, kind.slug(), text, app.submission, ts(stamp.at), stamp.by,
                    due.format("%Y-%m-%d").to_string()],
            )?;
            tx.execute(
                "DELETE FROM review_marks WHERE application_id = ?1 AND item_id = ?2",
                params![id, item_id],
            )?;
            let note = RemarkNote {
                number: n,
                kind: kind.slug().to_string(),
                text: text.to_string(),
                due,
            };
            record_customs(tx, id, item_id, &Change::ReviewRemark(note), stamp)?;
            start_review(tx, &app, stamp.at)?;
            Ok((n, due))
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
        let (state, item_id): (String, String) = self
            .conn
            .query_row(
                "SELECT state, item_id FROM review_remarks WHERE application_id = ?1 AND number = ?2",
                params![id, number],
                |r| Ok((r.get(0)?, r.get(1)?)),
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
            let change = Change::ReviewCloseRemark { remark: number };
            record_customs(tx, id, &item_id, &change, stamp)?;
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
            let change = Change::ReviewFinding {
                text: text.to_string(),
            };
            record_customs(tx, id, item_id, &change, stamp)?;
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
            let note = DecideNote {
                decision: decision.slug().to_string(),
                note: record.note.clone(),
                submission: record.submission,
            };
            record_customs(tx, id, "", &Change::ReviewDecide(note), stamp)?;
            Ok(())
        })?;
        Ok(record)
    }

    /// Records that the review file of application `id` was written (`note`); `persist` writes
    /// the file inside the transaction, so a file that could not be written records nothing.
    pub fn record_export(
        &mut self,
        id: &str,
        note: &ExportNote,
        stamp: &crate::model::Stamp,
        persist: impl FnOnce() -> Result<()>,
    ) -> Result<()> {
        self.application(id)?;
        self.write(|tx| {
            record_customs(tx, id, "", &Change::ReviewExport(note.clone()), stamp)?;
            persist()
        })
    }
}
