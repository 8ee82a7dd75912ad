//! Validation by customs: the offline loop between a trader and a customs validator.
//!
//! The trader **submits** a complete assessment (a signed file with a submission number); the
//! validator **opens** it as an *application* (one per lineage of the trader's assessment),
//! **reviews** it item by item (accepted, or a remark of a [`RemarkKind`]; findings of an on-site
//! visit), **decides** ([`Decision`]: return to the trader, grant, grant with conditions, refuse)
//! and exports a signed **review** ([`ReviewDoc`]). The trader imports the review: remarks appear
//! on their items, accepted answers are locked until reopened, remarks are answered
//! ([`Response`]) and the next submission carries the answers. Opening submission n+1 shows what
//! changed since n ([`diff`]).
//!
//! This module holds the rules and the documents exchanged, with no I/O; the store keeps them in
//! `store/review.rs`, the signed files are written and read by `safe-share`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue::Pack;
use crate::model::{Assessment, Status};
use crate::store::AssessmentBundle;
use crate::{Error, Opened, Result};

pub mod plan;
#[cfg(test)]
mod tests;

pub use plan::{PlanInput, PlanItem, PlanReason, PlanSection, plan};

/// Days customs has to accept an application after receiving it (as in the EU: 30).
pub const DEFAULT_ACCEPT_DAYS: u32 = 30;
/// Days customs has to decide after accepting an application (as in the EU: 120).
pub const DEFAULT_DECIDE_DAYS: u32 = 120;
/// Days the trader has to answer a remark after it is raised, unless the validator gives a date.
pub const DEFAULT_REMARK_DAYS: u32 = 30;

macro_rules! slugged {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? } $what:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The stable slug.
            pub fn slug(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }

            /// Parses a slug, naming the accepted words when it is not one.
            pub fn parse(s: &str) -> Result<Self> {
                Self::ALL.iter().copied().find(|v| v.slug() == s).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.slug()).collect();
                    Error::invalid(format!("unknown {} '{s}': use {}", $what, words.join(", ")))
                })
            }
        }
    };
}

slugged! {
    /// What a remark on an item asks for.
    RemarkKind {
        /// A question about the answer.
        Query = "query",
        /// The evidence for the answer is missing or not enough.
        EvidenceMissing = "evidence-missing",
        /// The requirement is not met as answered.
        NonConformity = "non-conformity",
    } "remark kind"
}

slugged! {
    /// Where a remark stands.
    RemarkState {
        /// Raised, not answered yet.
        Open = "open",
        /// The trader answered it; the validator has not closed it.
        Answered = "answered",
        /// Closed by the validator.
        Closed = "closed",
    } "remark state"
}

slugged! {
    /// Where an application stands in the queue.
    AppState {
        /// Opened, nothing recorded yet.
        Received = "received",
        /// The validator has started recording marks or remarks.
        UnderReview = "under-review",
        /// Returned to the trader for answers.
        Returned = "returned",
        /// Granted, granted with conditions, or refused.
        Decided = "decided",
    } "application state"
}

slugged! {
    /// What the validator decides.
    Decision {
        /// Back to the trader, for answers to the remarks.
        Return = "return",
        /// The status is granted.
        Grant = "grant",
        /// The status is granted with conditions or recommendations.
        GrantWithConditions = "grant-with-conditions",
        /// The status is refused (with reasons per failed item).
        Refuse = "refuse",
    } "decision"
}

impl Decision {
    /// The state an application is in after this decision.
    pub fn state(self) -> AppState {
        match self {
            Decision::Return => AppState::Returned,
            _ => AppState::Decided,
        }
    }
}

/// The applicable items of an opened assessment that have no answer, in pack order: a submission
/// needs none.
pub fn missing_answers(o: &Opened) -> Vec<String> {
    let answered: BTreeSet<&str> = o.answers.iter().map(|a| a.item_id.as_str()).collect();
    o.pack
        .items()
        .into_iter()
        .filter(|i| o.assessment.asks(i) && !answered.contains(i.id.as_str()))
        .map(|i| i.id.clone())
        .collect()
}

/// Refuses a submission of an incomplete assessment, listing what is missing.
pub fn check_complete(o: &Opened) -> Result<()> {
    let missing = missing_answers(o);
    if missing.is_empty() {
        return Ok(());
    }
    const SHOWN: usize = 20;
    let mut list = missing
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if missing.len() > SHOWN {
        list.push_str(&format!(" and {} more", missing.len() - SHOWN));
    }
    Err(Error::Incomplete(format!(
        "assessment {} cannot be submitted: {} applicable item{} not answered: {list}",
        o.assessment.id,
        missing.len(),
        if missing.len() == 1 { " is" } else { "s are" }
    )))
}

/// The trader's answer to a remark, carried by the next submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The remark's number in the application.
    pub remark: u32,
    /// Its item.
    pub item_id: String,
    /// The answer.
    pub text: String,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub by: String,
}

/// `submission.json` of a submission file: what a plain export does not carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionDoc {
    /// 1 for the first submission of this assessment, then 2, 3, …
    pub number: u32,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// Who submitted it.
    pub by: String,
    /// The application this answers, once customs has sent a review.
    #[serde(default)]
    pub application_id: Option<String>,
    /// Answers to the remarks of the last review.
    #[serde(default)]
    pub responses: Vec<Response>,
    /// Items reopened after customs accepted them.
    #[serde(default)]
    pub reopened: Vec<String>,
}

/// A remark as exchanged in a review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Remark {
    /// Its number in the application (1, 2, …).
    pub number: u32,
    /// The item.
    pub item_id: String,
    /// Its kind.
    pub kind: RemarkKind,
    /// The validator's text.
    pub text: String,
    /// Open, answered or closed.
    pub state: RemarkState,
    /// The submission it was raised on.
    pub raised_in: u32,
    /// The trader's last answer.
    #[serde(default)]
    pub response: String,
    /// The last day to answer it (none in a review file of version 1).
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// The due date of a remark raised on `raised` in an application that gives `remark_days` to
/// answer, or the date `given` by the validator: refused when that is before `raised`.
pub fn remark_due(
    raised: NaiveDate,
    remark_days: u32,
    given: Option<NaiveDate>,
) -> Result<NaiveDate> {
    match given {
        Some(d) if d < raised => Err(Error::invalid(format!(
            "the due date {d} is before today ({raised}): give today or a later day"
        ))),
        Some(d) => Ok(d),
        None => Ok(raised + chrono::Days::new(remark_days.into())),
    }
}

/// The order remarks are worked in: those not closed first, the nearest due date first (none
/// last), then by number. Sort with `sort_by_key(|r| deadline_order(r.state, r.due, r.number))`.
pub fn deadline_order(
    state: RemarkState,
    due: Option<NaiveDate>,
    number: u32,
) -> (bool, bool, Option<NaiveDate>, u32) {
    (state == RemarkState::Closed, due.is_none(), due, number)
}

/// An on-site finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// The item.
    pub item_id: String,
    /// What was found.
    pub text: String,
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: String,
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionRecord {
    /// What was decided.
    pub decision: Decision,
    /// The validator's note.
    pub note: String,
    /// For a refusal: per failed item, why.
    #[serde(default)]
    pub reasons: Vec<Reason>,
    /// The submission decided on.
    pub submission: u32,
    /// When.
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: String,
}

/// Why an item fails, for a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reason {
    /// The item.
    pub item_id: String,
    /// Why it fails.
    pub reason: String,
}

/// `review.json` of a `.safereview` file: the whole state of an application as customs sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDoc {
    /// The application (customs' id).
    pub application_id: String,
    /// The trader's assessment the submissions came from.
    pub assessment_id: String,
    /// The organisation.
    pub applicant: String,
    /// The submission this review is of.
    pub submission: u32,
    /// When the review file was written.
    pub exported_at: DateTime<Utc>,
    /// The application's state.
    pub state: AppState,
    /// Items accepted.
    pub accepted: Vec<String>,
    /// Every remark.
    pub remarks: Vec<Remark>,
    /// On-site findings.
    pub findings: Vec<Finding>,
    /// Every decision, oldest first.
    pub decisions: Vec<DecisionRecord>,
}

/// The reasons of a refusal: per applicable item not met, partly met, or with an open
/// non-conformity, one line.
pub fn refusal_reasons(
    pack: &Pack,
    assessment: &Assessment,
    bundle: &AssessmentBundle,
    remarks: &[Remark],
) -> Vec<Reason> {
    let status: BTreeMap<&str, Status> = bundle
        .answers
        .iter()
        .map(|a| (a.item_id.as_str(), a.input.status))
        .collect();
    let mut out = Vec::new();
    for item in pack.items() {
        if !assessment.asks(item) {
            continue;
        }
        let mut why = Vec::new();
        match status.get(item.id.as_str()) {
            Some(Status::NotMet) => why.push("answered not met".to_string()),
            Some(Status::PartiallyMet) => why.push("answered partially met".to_string()),
            None => why.push("not answered".to_string()),
            _ => {}
        }
        for r in remarks.iter().filter(|r| {
            r.item_id == item.id
                && r.kind == RemarkKind::NonConformity
                && r.state != RemarkState::Closed
        }) {
            why.push(format!("non-conformity R{}: {}", r.number, r.text));
        }
        if !why.is_empty() {
            out.push(Reason {
                item_id: item.id.clone(),
                reason: why.join("; "),
            });
        }
    }
    out
}

/// What changed on one item between two submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemDiff {
    /// The item.
    pub item_id: String,
    /// The status before (`None`: unanswered).
    pub old_status: Option<Status>,
    /// The status after.
    pub new_status: Option<Status>,
    /// Whether the comment changed.
    pub comment_changed: bool,
    /// Whether the justification changed.
    pub justification_changed: bool,
    /// Evidence added (SHA-256).
    pub evidence_added: Vec<String>,
    /// Evidence removed (SHA-256).
    pub evidence_removed: Vec<String>,
}

/// Per item, what changed from submission `before` to `after` (items with no change left out),
/// in item id order.
pub fn diff(before: &AssessmentBundle, after: &AssessmentBundle) -> Vec<ItemDiff> {
    let index = |b: &AssessmentBundle| {
        b.answers
            .iter()
            .map(|a| (a.item_id.clone(), a.clone()))
            .collect::<BTreeMap<_, _>>()
    };
    let (old, new) = (index(before), index(after));
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let (o, n) = (old.get(id), new.get(id));
        let ev = |a: Option<&crate::model::Answer>| {
            a.map(|a| a.evidence.iter().cloned().collect::<BTreeSet<_>>())
                .unwrap_or_default()
        };
        let (oe, ne) = (ev(o), ev(n));
        let comment = |a: Option<&crate::model::Answer>| a.map(|a| a.input.comment.clone());
        let why = |a: Option<&crate::model::Answer>| a.map(|a| a.input.justification.clone());
        let d = ItemDiff {
            item_id: id.clone(),
            old_status: o.map(|a| a.input.status),
            new_status: n.map(|a| a.input.status),
            comment_changed: comment(o).unwrap_or_default() != comment(n).unwrap_or_default(),
            justification_changed: why(o).unwrap_or_default() != why(n).unwrap_or_default(),
            evidence_added: ne.difference(&oe).cloned().collect(),
            evidence_removed: oe.difference(&ne).cloned().collect(),
        };
        if d.old_status != d.new_status
            || d.comment_changed
            || d.justification_changed
            || !d.evidence_added.is_empty()
            || !d.evidence_removed.is_empty()
        {
            out.push(d);
        }
    }
    out
}

/// The deadlines of an application: accept within `accept_days` of receiving it, decide within
/// `decide_days` of accepting it (accepting is the validator's first mark or remark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadlines {
    /// The last day to accept.
    pub accept_by: NaiveDate,
    /// The last day to decide, once accepted.
    pub decide_by: Option<NaiveDate>,
}

impl Deadlines {
    /// The deadlines for an application received on `received`, accepted on `accepted`.
    pub fn new(
        received: NaiveDate,
        accepted: Option<NaiveDate>,
        accept_days: u32,
        decide_days: u32,
    ) -> Deadlines {
        Deadlines {
            accept_by: received + chrono::Days::new(accept_days.into()),
            decide_by: accepted.map(|a| a + chrono::Days::new(decide_days.into())),
        }
    }
}

/// Days from `today` to `due` (negative when overdue).
pub fn days_left(due: NaiveDate, today: NaiveDate) -> i64 {
    (due - today).num_days()
}
