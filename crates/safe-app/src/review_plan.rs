//! The validation plan of an application: the sections to check on site first, with the reason
//! per section (rules in `safe_core::review::plan`).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use safe_core::review::{PlanInput, PlanSection, RemarkState, plan};
use safe_core::store::Store;
use serde::Serialize;

use crate::Result;

/// The plan of one application at its last submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct ValidationPlan {
    /// The application.
    pub application_id: String,
    /// The applicant.
    pub applicant: String,
    /// The submission planned for.
    pub submission: u32,
    /// The date expiry was judged against.
    pub today: NaiveDate,
    /// Every applicable section, the one to check first first.
    pub sections: Vec<PlanSection>,
}

/// The validation plan of application `app`, judged against `today`: critical items, answers not
/// or partly met, answers without evidence, expired evidence, answers changed since the previous
/// submission and open remarks, summed per section.
pub fn validation_plan(store: &Store, app: &str, today: NaiveDate) -> Result<ValidationPlan> {
    let v = store.application_view(app)?;
    let a = &v.application;
    let pack = store.pack(&a.pack_id, &a.pack_version)?;
    let changed: BTreeSet<String> = v
        .submissions
        .iter()
        .find(|s| s.number == a.submission)
        .map(|s| s.changes.iter().map(|c| c.item_id.clone()).collect())
        .unwrap_or_default();
    let open: BTreeSet<String> = v
        .remarks
        .iter()
        .filter(|r| r.state != RemarkState::Closed)
        .map(|r| r.item_id.clone())
        .collect();
    let evidence: Vec<_> = v
        .bundle
        .evidence
        .iter()
        .map(|e| e.evidence.clone())
        .collect();
    let sections = plan(&PlanInput {
        pack: &pack,
        assessment: &v.bundle.assessment,
        answers: &v.bundle.answers,
        evidence: &evidence,
        changed: &changed,
        open_remarks: &open,
        today,
    });
    Ok(ValidationPlan {
        application_id: a.id.clone(),
        applicant: a.applicant.clone(),
        submission: a.submission,
        today,
        sections,
    })
}
