//! The validation report: what customs made of an application, as PDF or HTML, in English or
//! French.
//!
//! It summarises one review: the applicant, programme (pack), roles and tiers, the submission,
//! the dates and deadlines, per top-level section of the pack the items accepted, the remarks not
//! closed and the non-conformities among them, the on-site findings, and the decision with its
//! note (and, on a refusal, the reasons per failed item). Customs builds it for an application;
//! the trader for the review attached to an assessment ([`Side`]). [`ValidationData::build`] is
//! pure; [`render`] lays it out. Every fixed string is in [`i18n`] (its own table, the report's
//! `table!`); sentences that do not depend on the format are in [`texts`].

mod html;
pub mod i18n;
pub mod texts;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use safe_core::catalogue::Pack;
use safe_core::model::{Answer, Assessment};
use safe_core::review::{
    AppState, Deadlines, Decision, DecisionRecord, Finding, Remark, RemarkKind, RemarkState,
    days_left,
};
use safe_core::scoring::Readiness;
use serde::Serialize;

use crate::model::RoleInfo;
use crate::{Format, Options, ReportError};

/// Who the report is for, which decides what it can say (customs knows its deadlines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The customs validator, for an application in its queue.
    Customs,
    /// The trader, for the review attached to its assessment.
    Trader,
}

/// What a validation report is built from: one application as customs holds it, or the review a
/// trader received with the assessment it is about.
#[derive(Debug, Clone)]
pub struct ValidationInput<'a> {
    /// Customs or trader.
    pub side: Side,
    /// The pack the assessment is on.
    pub pack: &'a Pack,
    /// The assessment as submitted (customs) or as it is (trader).
    pub assessment: &'a Assessment,
    /// Its answers.
    pub answers: &'a [Answer],
    /// The customs application.
    pub application_id: &'a str,
    /// Its state.
    pub state: AppState,
    /// The submission reviewed.
    pub submission: u32,
    /// Every submission known, with its date (received by customs, or submitted by the trader).
    pub submissions: Vec<(u32, NaiveDate)>,
    /// The day customs received the first submission (customs side).
    pub received_on: Option<NaiveDate>,
    /// The day customs accepted the application (customs side).
    pub accepted_on: Option<NaiveDate>,
    /// The deadlines (customs side).
    pub deadlines: Option<Deadlines>,
    /// Items accepted.
    pub accepted: &'a [String],
    /// Every remark.
    pub remarks: &'a [Remark],
    /// On-site findings.
    pub findings: &'a [Finding],
    /// Every decision, oldest first.
    pub decisions: &'a [DecisionRecord],
    /// The key of the other side: the trader's (customs side) or the customs key trusted
    /// (trader side).
    pub fingerprint: &'a str,
    /// When the review was written (trader side: the review file's date).
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// One top-level section of the pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionRow {
    /// Its code (`A`, `6.1`) or id.
    pub code: String,
    /// Its title in the report's language.
    pub title: String,
    /// Items that apply to the applicant.
    pub applicable: usize,
    /// Accepted by customs.
    pub accepted: usize,
    /// Remarks not closed.
    pub open_remarks: usize,
    /// Non-conformities not closed.
    pub non_conformities: usize,
    /// On-site findings.
    pub findings: usize,
    /// Items neither accepted nor under an open remark.
    pub to_review: usize,
}

/// A remark with its item's title.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemarkRow {
    /// `R1`.
    pub number: u32,
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub item_title: String,
    /// Its kind.
    pub kind: RemarkKind,
    /// Its state.
    pub state: RemarkState,
    /// The submission it was raised on.
    pub raised_in: u32,
    /// The validator's text.
    pub text: String,
    /// The trader's answer (may be empty).
    pub response: String,
    /// The last day to answer it (none in a review file of version 1).
    pub due: Option<NaiveDate>,
    /// Days left to `due` on the report's day, while the remark is not closed.
    pub due_days_left: Option<i64>,
}

/// An on-site finding with its item's title.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingRow {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub item_title: String,
    /// What was found.
    pub text: String,
    /// The day.
    pub on: NaiveDate,
    /// By whom.
    pub by: String,
}

/// Why an item fails, in the report's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonRow {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub item_title: String,
    /// Why.
    pub reason: String,
}

/// A decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRow {
    /// What was decided.
    pub decision: Decision,
    /// The validator's note.
    pub note: String,
    /// The submission decided on.
    pub submission: u32,
    /// The day.
    pub on: NaiveDate,
    /// By whom.
    pub by: String,
    /// On a refusal: per failed item, why.
    pub reasons: Vec<ReasonRow>,
}

/// The deadlines with the days left at the report's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineRow {
    /// The last day to accept.
    pub accept_by: NaiveDate,
    /// Days left to accept (negative: overdue); `None` once accepted.
    pub accept_days_left: Option<i64>,
    /// The last day to decide, once accepted.
    pub decide_by: Option<NaiveDate>,
    /// Days left to decide (negative: overdue); `None` once decided.
    pub decide_days_left: Option<i64>,
}

/// Everything a validation report shows, already in the report's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationData {
    /// Who it is for.
    pub side: Side,
    /// When it was produced.
    pub generated_at: DateTime<Utc>,
    /// The applicant.
    pub applicant: String,
    /// Its country.
    pub country: String,
    /// Its identifiers (EORI, TIN, ...).
    pub identifiers: String,
    /// The customs application.
    pub application_id: String,
    /// The trader's assessment.
    pub assessment_id: String,
    /// Pack id.
    pub pack_id: String,
    /// Pack version.
    pub pack_version: String,
    /// Pack title in the report's language.
    pub pack_title: String,
    /// Roles.
    pub roles: Vec<RoleInfo>,
    /// Tier names (empty for a pack without tiers).
    pub tiers: Vec<String>,
    /// The application's state.
    pub state: AppState,
    /// The submission reviewed.
    pub submission: u32,
    /// Every submission known with its date.
    pub submissions: Vec<(u32, NaiveDate)>,
    /// Received by customs (customs side).
    pub received_on: Option<NaiveDate>,
    /// Accepted by customs (customs side).
    pub accepted_on: Option<NaiveDate>,
    /// The deadlines (customs side).
    pub deadlines: Option<DeadlineRow>,
    /// The review file's date (trader side).
    pub reviewed_on: Option<NaiveDate>,
    /// The other side's key.
    pub fingerprint: String,
    /// The score at the submission reviewed.
    pub score: Option<f64>,
    /// The readiness verdict at the submission reviewed (traders).
    pub verdict: Option<Readiness>,
    /// Per top-level section.
    pub sections: Vec<SectionRow>,
    /// The sums over every section.
    pub totals: SectionRow,
    /// Every remark, by number.
    pub remarks: Vec<RemarkRow>,
    /// Every on-site finding.
    pub findings: Vec<FindingRow>,
    /// The last decision.
    pub decision: Option<DecisionRow>,
    /// Earlier decisions, oldest first.
    pub earlier_decisions: Vec<DecisionRow>,
}

impl ValidationData {
    /// Builds the report data (pure).
    pub fn build(i: &ValidationInput<'_>, opts: &Options) -> ValidationData {
        let lang = opts.lang;
        let loc = i.pack.localized(lang.code()).pack;
        let titles: BTreeMap<&str, &str> = loc
            .items()
            .into_iter()
            .map(|it| (it.id.as_str(), it.title.as_str()))
            .collect();
        let title = |id: &str| titles.get(id).map(|t| t.to_string()).unwrap_or_default();
        let accepted: std::collections::BTreeSet<&str> =
            i.accepted.iter().map(String::as_str).collect();
        let mut sections = Vec::new();
        for g in &loc.groups {
            let items: Vec<&str> = g
                .all_items()
                .into_iter()
                .filter(|it| i.assessment.asks(it))
                .map(|it| it.id.as_str())
                .collect();
            if items.is_empty() {
                continue;
            }
            let within = |id: &str| items.contains(&id);
            let open: Vec<&Remark> = i
                .remarks
                .iter()
                .filter(|r| r.state != RemarkState::Closed && within(&r.item_id))
                .collect();
            let under_remark: std::collections::BTreeSet<&str> =
                open.iter().map(|r| r.item_id.as_str()).collect();
            let n_accepted = items.iter().filter(|id| accepted.contains(*id)).count();
            sections.push(SectionRow {
                code: g.label().to_string(),
                title: g.title.clone(),
                applicable: items.len(),
                accepted: n_accepted,
                open_remarks: open.len(),
                non_conformities: open
                    .iter()
                    .filter(|r| r.kind == RemarkKind::NonConformity)
                    .count(),
                findings: i.findings.iter().filter(|f| within(&f.item_id)).count(),
                to_review: items
                    .iter()
                    .filter(|id| !accepted.contains(*id) && !under_remark.contains(*id))
                    .count(),
            });
        }
        let totals = SectionRow {
            code: String::new(),
            title: i18n::V::Total.get(lang).to_string(),
            applicable: sections.iter().map(|s| s.applicable).sum(),
            accepted: sections.iter().map(|s| s.accepted).sum(),
            open_remarks: sections.iter().map(|s| s.open_remarks).sum(),
            non_conformities: sections.iter().map(|s| s.non_conformities).sum(),
            findings: sections.iter().map(|s| s.findings).sum(),
            to_review: sections.iter().map(|s| s.to_review).sum(),
        };
        let remarks = i
            .remarks
            .iter()
            .map(|r| RemarkRow {
                number: r.number,
                item_id: r.item_id.clone(),
                item_title: title(&r.item_id),
                kind: r.kind,
                state: r.state,
                raised_in: r.raised_in,
                text: r.text.clone(),
                response: r.response.clone(),
                due: r.due,
                due_days_left: r
                    .due
                    .filter(|_| r.state != RemarkState::Closed)
                    .map(|d| days_left(d, opts.today)),
            })
            .collect();
        let findings = i
            .findings
            .iter()
            .map(|f| FindingRow {
                item_id: f.item_id.clone(),
                item_title: title(&f.item_id),
                text: f.text.clone(),
                on: f.at.date_naive(),
                by: f.by.clone(),
            })
            .collect();
        let decision_row = |d: &DecisionRecord| DecisionRow {
            decision: d.decision,
            note: d.note.clone(),
            submission: d.submission,
            on: d.at.date_naive(),
            by: d.by.clone(),
            reasons: d
                .reasons
                .iter()
                .map(|r| ReasonRow {
                    item_id: r.item_id.clone(),
                    item_title: title(&r.item_id),
                    reason: texts::reason(lang, &r.reason),
                })
                .collect(),
        };
        let mut decisions: Vec<DecisionRow> = i.decisions.iter().map(decision_row).collect();
        let decision = decisions.pop();
        let decided = i.state == AppState::Decided;
        let deadlines = i.deadlines.map(|d| DeadlineRow {
            accept_by: d.accept_by,
            accept_days_left: i
                .accepted_on
                .is_none()
                .then(|| days_left(d.accept_by, opts.today)),
            decide_by: d.decide_by,
            decide_days_left: d
                .decide_by
                .filter(|_| !decided)
                .map(|by| days_left(by, opts.today)),
        });
        let tiers = loc
            .tiers
            .iter()
            .filter(|t| i.assessment.tiers.contains(&t.id))
            .map(|t| t.name.clone())
            .collect();
        let card = safe_core::scoring::score(i.pack, i.assessment, i.answers);
        ValidationData {
            score: card.overall.score,
            verdict: card.verdict.as_ref().map(|v| v.readiness),
            side: i.side,
            generated_at: opts.generated_at,
            applicant: i.assessment.organisation.clone(),
            country: i.assessment.country.clone(),
            identifiers: i.assessment.identifiers.clone(),
            application_id: i.application_id.to_string(),
            assessment_id: i.assessment.id.clone(),
            pack_id: i.pack.id.clone(),
            pack_version: i.pack.version.clone(),
            pack_title: loc.title.clone(),
            roles: crate::build::role_infos(&i.assessment.roles, lang),
            tiers,
            state: i.state,
            submission: i.submission,
            submissions: i.submissions.clone(),
            received_on: i.received_on,
            accepted_on: i.accepted_on,
            deadlines,
            reviewed_on: i.reviewed_at.map(|t| t.date_naive()),
            fingerprint: i.fingerprint.to_string(),
            sections,
            totals,
            remarks,
            findings,
            decision,
            earlier_decisions: decisions,
        }
    }
}

/// Renders a validation report as PDF or HTML (any other format is refused, `invalid_input`).
pub fn render(d: &ValidationData, format: Format, opts: &Options) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Pdf => crate::pdf::render_validation(d, opts),
        Format::Html => Ok(html::render(d, opts).into_bytes()),
        other => Err(ReportError::Invalid(format!(
            "a validation report is written as pdf or html, not {}",
            other.slug()
        ))),
    }
}

#[cfg(test)]
mod tests;
