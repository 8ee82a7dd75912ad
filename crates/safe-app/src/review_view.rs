//! What the desktop's review screens show, built from the same store reads as the command
//! line's `review list` and `review show`, and the checks a screen makes before an action of
//! [`crate::review`]: the queue with the days left to each deadline, one application with its
//! pack's texts, the key check before opening a submission, and the trader's side (the review
//! attached, the submissions made, what is missing before a submission).

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use std::collections::HashMap;
use std::sync::Arc;

use safe_core::catalogue::{Pack, Role, builtin_roles};
use safe_core::model::{Answer, Assessment, Evidence, Stamp};
use safe_core::review::{self, AppState, Deadlines, DecisionRecord, Finding, Remark, days_left};
use safe_core::store::{Application, Opening, QueueRow, ReceivedReview, Store, SubmissionInfo};
use safe_share::ImportOptions;

use crate::Result;
use crate::review::OpenOptions;

/// Days left to an application's two deadlines (negative: overdue by that many days): the one
/// to accept until it is accepted, the one to decide once accepted and until decided; `None`
/// when the deadline no longer runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Clocks {
    /// Days left to accept the application.
    pub accept_days_left: Option<i64>,
    /// Days left to decide.
    pub decide_days_left: Option<i64>,
}

/// The clocks of application `a` with deadlines `d` on `today`.
pub fn clocks(a: &Application, d: &Deadlines, today: NaiveDate) -> Clocks {
    Clocks {
        accept_days_left: a
            .accepted_on
            .is_none()
            .then(|| days_left(d.accept_by, today)),
        decide_days_left: d
            .decide_by
            .filter(|_| a.state != AppState::Decided)
            .map(|by| days_left(by, today)),
    }
}

/// A role or a tier: its id and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Label {
    /// The id (`freight-forwarder`, `aeoc`).
    pub id: String,
    /// Its name (the id itself when neither the role list nor the pack knows it).
    pub name: String,
}

/// An application's roles and tiers by name, in the order of its ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Labels {
    /// The trader's roles (from the role list).
    pub roles: Vec<Label>,
    /// The programme tiers applied for (from the pack).
    pub tiers: Vec<Label>,
}

/// The names of roles `roles` (from `known`) and tiers `tiers` (from `pack`, if it was found).
pub fn labels(known: &[Role], pack: Option<&Pack>, roles: &[String], tiers: &[String]) -> Labels {
    let role = |id: &String| Label {
        id: id.clone(),
        name: known
            .iter()
            .find(|r| &r.id == id)
            .map_or_else(|| id.clone(), |r| r.name.clone()),
    };
    let tier = |id: &String| Label {
        id: id.clone(),
        name: pack
            .and_then(|p| p.tiers.iter().find(|t| &t.id == id))
            .map_or_else(|| id.clone(), |t| t.name.clone()),
    };
    Labels {
        roles: roles.iter().map(role).collect(),
        tiers: tiers.iter().map(tier).collect(),
    }
}

/// The names of an application's roles and tiers, its pack read from the store.
pub fn application_labels(store: &Store, a: &Application) -> Result<Labels> {
    let pack = store.pack(&a.pack_id, &a.pack_version).ok();
    Ok(labels(
        &builtin_roles(),
        pack.as_deref(),
        &a.roles,
        &a.tiers,
    ))
}

/// One row of the customs queue: the store's row and its clocks on the user's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct QueueEntry {
    /// The application, its deadlines and open remarks.
    pub row: QueueRow,
    /// Days left to each deadline.
    pub clocks: Clocks,
    /// Its roles and tiers by name.
    pub labels: Labels,
}

/// Every application, the most recently changed first, with the days left to its deadlines and
/// its roles and tiers by name (each pack version read once).
pub fn queue(store: &Store) -> Result<Vec<QueueEntry>> {
    let today = crate::today();
    let known = builtin_roles();
    let mut packs: HashMap<(String, String), Option<Arc<Pack>>> = HashMap::new();
    let rows = store.applications()?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let a = &row.application;
        let pack = packs
            .entry((a.pack_id.clone(), a.pack_version.clone()))
            .or_insert_with(|| store.pack(&a.pack_id, &a.pack_version).ok());
        out.push(QueueEntry {
            clocks: clocks(a, &row.deadlines, today),
            labels: labels(&known, pack.as_deref(), &a.roles, &a.tiers),
            row,
        });
    }
    Ok(out)
}

/// One application as the validator's screen shows it: the last submission's answers and
/// evidence (read-only), the pack cut to the applicant's roles and tiers in the screen's
/// language, the review so far and every submission with what changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct ApplicationScreen {
    /// The application.
    pub application: Application,
    /// Its deadlines.
    pub deadlines: Deadlines,
    /// Days left to them.
    pub clocks: Clocks,
    /// Its roles and tiers by name.
    pub labels: Labels,
    /// The assessment as last submitted.
    pub assessment: Assessment,
    /// Its answers.
    pub answers: Vec<Answer>,
    /// Its evidence files' metadata.
    pub evidence: Vec<Evidence>,
    /// The pack, cut to the applicant's roles and tiers.
    pub pack: Pack,
    /// Items accepted.
    pub accepted: Vec<String>,
    /// Every remark.
    pub remarks: Vec<Remark>,
    /// On-site findings.
    pub findings: Vec<Finding>,
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionRecord>,
    /// Submissions, oldest first, each with what changed since the one before.
    pub submissions: Vec<SubmissionInfo>,
}

/// Application `id` for the validator's screen, the pack's texts in `lang` where it has them.
pub fn application(store: &Store, id: &str, lang: Option<&str>) -> Result<ApplicationScreen> {
    let v = store.application_view(id)?;
    let pack = store.pack(&v.application.pack_id, &v.application.pack_version)?;
    let pack = pack.localized(lang.unwrap_or_else(|| pack.language())).pack;
    let a = v.bundle.assessment;
    Ok(ApplicationScreen {
        clocks: clocks(&v.application, &v.deadlines, crate::today()),
        labels: labels(
            &safe_core::catalogue::localized_roles(&builtin_roles(), pack.language()),
            Some(&pack),
            &a.roles,
            &a.tiers,
        ),
        pack: crate::assess::visible_pack(&pack, &a.roles, &a.tiers),
        application: v.application,
        deadlines: v.deadlines,
        assessment: a,
        answers: v.bundle.answers,
        evidence: v.bundle.evidence.into_iter().map(|e| e.evidence).collect(),
        accepted: v.accepted,
        remarks: v.remarks,
        findings: v.findings,
        decisions: v.decisions,
        submissions: v.submissions,
    })
}

/// A later submission signed by another key than the earlier ones of its application: opened
/// only once the validator confirms (the command line's `--accept-new-key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct KeyChange {
    /// The application.
    pub application_id: String,
    /// Its applicant.
    pub applicant: String,
    /// The submission's number.
    pub submission: u32,
    /// The key of the earlier submissions.
    pub previous: String,
    /// The key this one is signed by.
    pub offered: String,
}

/// What opening a submission did: opened it, or stopped to ask about a new key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct OpenResult {
    /// The application opened or updated.
    pub opening: Option<Opening>,
    /// The key change to confirm; nothing was written.
    pub new_key: Option<KeyChange>,
}

/// Opens a submission as [`crate::review::open`] does, but first, unless `opts.accept_new_key`,
/// stops (writing nothing) when it is a new submission of a known application signed by another
/// key, so the screen can ask for the confirmation. Every other refusal is the open's own.
pub fn open_submission(
    store: &mut Store,
    file: &Path,
    opts: &OpenOptions,
    new_id: &str,
    stamp: &Stamp,
) -> Result<OpenResult> {
    if !opts.accept_new_key
        && let Some(change) = key_change(store, file, opts)?
    {
        return Ok(OpenResult {
            opening: None,
            new_key: Some(change),
        });
    }
    let opening = crate::review::open(store, file, opts, new_id, stamp)?;
    Ok(OpenResult {
        opening: Some(opening),
        new_key: None,
    })
}

/// The key change a submission file would bring to the application it belongs to (found as the
/// store finds it: the application it names, else the trader's assessment or its lineage).
fn key_change(store: &Store, file: &Path, opts: &OpenOptions) -> Result<Option<KeyChange>> {
    let import = ImportOptions {
        limits: opts.limits,
        allow_unsigned: false,
    };
    let share = safe_share::import::open_checked(file, &import)?;
    let (Some(submission), Some(sig)) = (&share.submission, &share.signature) else {
        // Not a signed submission: the open refuses it with its own message.
        return Ok(None);
    };
    let rows = store.applications()?;
    let named = submission
        .application_id
        .as_ref()
        .and_then(|id| rows.iter().find(|r| &r.application.id == id));
    let mut ids = vec![share.bundle.assessment.id.clone()];
    ids.extend(share.manifest.lineage.iter().cloned());
    let found = named.or_else(|| {
        ids.iter()
            .find_map(|id| rows.iter().find(|r| &r.application.origin_id == id))
    });
    Ok(found
        .map(|r| &r.application)
        .filter(|a| {
            submission.number > a.submission
                && a.pack_id == share.pack.id
                && a.fingerprint != sig.fingerprint
        })
        .map(|a| KeyChange {
            application_id: a.id.clone(),
            applicant: a.applicant.clone(),
            submission: submission.number,
            previous: a.fingerprint.clone(),
            offered: sig.fingerprint.clone(),
        }))
}

/// The trader's side of assessment `id`: submissions made and the customs review attached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct TraderReview {
    /// How many submissions were made (0: never submitted).
    pub submitted: u32,
    /// The last review attached, with the trader's answers and the locked items.
    pub review: Option<ReceivedReview>,
}

/// Submissions made and the review attached to assessment `id`.
pub fn trader_review(store: &Store, id: &str) -> Result<TraderReview> {
    Ok(TraderReview {
        submitted: store.next_submission(id)?.saturating_sub(1),
        review: store.received_review(id)?,
    })
}

/// The applicable items of assessment `id` still unanswered, in pack order: a submission needs
/// none.
pub fn missing(store: &Store, id: &str) -> Result<Vec<String>> {
    let opened = safe_core::open_assessment(store, id)?;
    Ok(review::missing_answers(&opened))
}

/// What attaching a review file did, for the trader's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct ReviewAttached {
    /// The assessment it was attached to.
    pub assessment_id: String,
    /// The customs application.
    pub application_id: String,
    /// The submission reviewed.
    pub submission: u32,
    /// The application's state in the review.
    pub state: AppState,
    /// Remarks not closed.
    pub open_remarks: usize,
    /// The customs key's fingerprint.
    pub fingerprint: String,
    /// True when this key is trusted for the application from now on (the first review).
    pub first_key: bool,
}

/// Attaches a review file as [`crate::review::import_review`] does.
pub fn import_review(store: &mut Store, file: &Path, stamp: &Stamp) -> Result<ReviewAttached> {
    let a = crate::review::import_review(store, file, stamp)?;
    Ok(ReviewAttached {
        open_remarks: a
            .doc
            .remarks
            .iter()
            .filter(|r| r.state != review::RemarkState::Closed)
            .count(),
        application_id: a.doc.application_id,
        submission: a.doc.submission,
        state: a.doc.state,
        assessment_id: a.assessment_id,
        fingerprint: a.fingerprint,
        first_key: a.first_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn app(state: AppState, accepted_on: Option<NaiveDate>) -> Application {
        Application {
            id: "a".into(),
            origin_id: "o".into(),
            applicant: "Acme".into(),
            country: "FR".into(),
            roles: vec![],
            tiers: vec![],
            pack_id: "p".into(),
            pack_version: "1".into(),
            state,
            submission: 1,
            fingerprint: "f".into(),
            received_on: day(1),
            accepted_on,
            accept_days: 30,
            decide_days: 120,
            remark_days: 30,
            score: None,
            verdict: None,
            decision: None,
            updated_at: Utc::now(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap_or_default()
    }

    #[test]
    fn the_accept_clock_runs_until_accepted_and_the_decide_clock_until_decided() {
        let received = app(AppState::Received, None);
        let c = clocks(&received, &received.deadlines(), day(5));
        assert_eq!(c.accept_days_left, Some(26));
        assert_eq!(c.decide_days_left, None);

        let reviewing = app(AppState::UnderReview, Some(day(3)));
        let c = clocks(&reviewing, &reviewing.deadlines(), day(5));
        assert_eq!(c.accept_days_left, None);
        assert_eq!(c.decide_days_left, Some(118));

        let decided = app(AppState::Decided, Some(day(3)));
        let c = clocks(&decided, &decided.deadlines(), day(5));
        assert_eq!(
            c,
            Clocks {
                accept_days_left: None,
                decide_days_left: None
            }
        );
    }

    #[test]
    fn an_overdue_deadline_is_negative() {
        let received = app(AppState::Received, None);
        let late = received.deadlines().accept_by + chrono::Days::new(3);
        assert_eq!(
            clocks(&received, &received.deadlines(), late).accept_days_left,
            Some(-3)
        );
    }
}
