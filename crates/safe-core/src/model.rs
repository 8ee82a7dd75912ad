//! The records users create: assessments, answers and evidence. Their history (what changed,
//! typed as [`crate::history::Change`]) is in [`crate::history`]; [`HistoryEntry`] is re-exported
//! here.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::catalogue::Profile;
use crate::{Error, Result};

pub use crate::history::HistoryEntry;

/// Who did something and when. Passed in by the shells so the core never reads the clock itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Who (a person's name or login).
    pub by: String,
}

impl Stamp {
    /// A stamp for now, by `by`.
    pub fn now(by: impl Into<String>) -> Self {
        Stamp {
            at: Utc::now(),
            by: by.into(),
        }
    }
}

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Status {
    /// Fully in place.
    Met,
    /// Partly in place.
    PartiallyMet,
    /// Not in place.
    NotMet,
    /// Does not apply (needs a justification; never for mandatory items).
    NotApplicable,
}

impl Status {
    /// All statuses in the order the UI shows them (keys 1 to 4).
    pub const ALL: [Status; 4] = [
        Status::Met,
        Status::PartiallyMet,
        Status::NotMet,
        Status::NotApplicable,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::PartiallyMet => "partially-met",
            Status::NotMet => "not-met",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// Parses a slug, naming the accepted words when it is not one.
    pub fn parse(s: &str) -> Result<Self> {
        Status::ALL
            .into_iter()
            .find(|st| st.slug() == s)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "unknown status '{s}': use met, partially-met, not-met or not-applicable"
                ))
            })
    }

    /// The value of the answer in scores: 1, 0.5, 0, or none for not-applicable.
    pub fn value(self) -> Option<f64> {
        match self {
            Status::Met => Some(1.0),
            Status::PartiallyMet => Some(0.5),
            Status::NotMet => Some(0.0),
            Status::NotApplicable => None,
        }
    }
}

/// How urgent closing a gap is, in the user's judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Priority {
    /// Do first.
    High,
    /// Do soon.
    Medium,
    /// When possible.
    Low,
}

impl Priority {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    /// Parses a slug.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "high" => Ok(Priority::High),
            "medium" => Ok(Priority::Medium),
            "low" => Ok(Priority::Low),
            other => Err(Error::invalid(format!(
                "unknown priority '{other}': use high, medium or low"
            ))),
        }
    }
}

/// Parses a `YYYY-MM-DD` date, naming the field when it is not one.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::invalid(format!("{field} '{s}' is not a date: use YYYY-MM-DD")))
}

/// What a user fills in to create an assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewAssessment {
    /// Title.
    pub title: String,
    /// `customs` or `trader`.
    pub profile: Option<Profile>,
    /// Trader roles (role ids).
    pub roles: Vec<String>,
    /// Organisation name.
    pub organisation: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Organisation identifiers (EORI, TIN, ...).
    pub identifiers: String,
    /// Assessors' names.
    pub assessors: String,
    /// Scope note.
    pub scope: String,
    /// The pack to use; the profile's default when empty.
    pub pack_id: Option<String>,
}

/// An assessment: one organisation's self-assessment against one pinned pack version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assessment {
    /// Id (UUID).
    pub id: String,
    /// Title.
    pub title: String,
    /// Profile.
    pub profile: Profile,
    /// Trader roles.
    pub roles: Vec<String>,
    /// Organisation name.
    pub organisation: String,
    /// Country code.
    pub country: String,
    /// Identifiers.
    pub identifiers: String,
    /// Assessors.
    pub assessors: String,
    /// Scope note.
    pub scope: String,
    /// Pinned pack id.
    pub pack_id: String,
    /// Pinned pack version.
    pub pack_version: String,
    /// Created (UTC).
    pub created_at: DateTime<Utc>,
    /// Last change to the assessment or any of its answers (UTC).
    pub updated_at: DateTime<Utc>,
    /// The assessment this one was duplicated from, if any.
    pub based_on: Option<String>,
}

/// The editable part of an answer. Saving one replaces the whole answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswerInput {
    /// Status.
    pub status: Status,
    /// Why the item does not apply (required for not-applicable).
    #[serde(default)]
    pub justification: String,
    /// Free comment.
    #[serde(default)]
    pub comment: String,
    /// Who owns closing the gap.
    #[serde(default)]
    pub owner: String,
    /// Target date.
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
    /// Priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Flagged for review.
    #[serde(default)]
    pub flagged: bool,
}

impl AnswerInput {
    /// An answer with only a status.
    pub fn status(status: Status) -> Self {
        AnswerInput {
            status,
            justification: String::new(),
            comment: String::new(),
            owner: String::new(),
            target_date: None,
            priority: None,
            flagged: false,
        }
    }
}

/// A saved answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Answer {
    /// Item id.
    pub item_id: String,
    /// The fields the user set.
    #[serde(flatten)]
    pub input: AnswerInput,
    /// True when copied from an earlier assessment and not confirmed since.
    pub carried_over: bool,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
    /// Who last changed it.
    pub updated_by: String,
    /// Evidence attached to this answer (SHA-256 hex).
    pub evidence: Vec<String>,
}

/// A stored evidence file (its metadata; the content is fetched separately).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evidence {
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// File name as attached.
    pub file_name: String,
    /// Media type guessed from the name.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// When attached.
    pub added_at: DateTime<Utc>,
    /// Effective from.
    pub effective: Option<NaiveDate>,
    /// Expires on.
    pub expires: Option<NaiveDate>,
    /// Items of this assessment it supports.
    pub items: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_and_rejects_unknown_words() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.slug()).expect("own slug parses"), s);
        }
        let err = Status::parse("done").expect_err("'done' is no status");
        assert!(err.to_string().contains("'done'") && err.to_string().contains("partially-met"));
    }

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("--due", "2026-02-28").is_ok());
        let err = parse_date("--due", "2026-02-30").expect_err("no 30 February");
        assert_eq!(
            err.to_string(),
            "--due '2026-02-30' is not a date: use YYYY-MM-DD"
        );
    }
}
