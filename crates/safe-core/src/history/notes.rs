//! The JSON payloads of the history rows: the public notes a [`super::Change`] holds and the
//! private shapes its `old` and `new` columns are written in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::AnswerInput;
use crate::rebase::{Carried, LeftBehind};
use crate::store::MergeReport;

/// An evidence file named in a history entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRef {
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// File name.
    pub file_name: String,
}

/// An evidence file a redacted file named without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithheldEvidence {
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// File name.
    pub file_name: String,
    /// The items it supported.
    pub items: Vec<String>,
}

/// The assessment another was started from, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkSource {
    /// Its id.
    pub assessment_id: String,
    /// Its title.
    pub title: String,
    /// Its pack id.
    pub pack: String,
    /// The crosswalk mapping the answers came through.
    pub mapping: String,
}

/// The item of the source assessment an answer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemSource {
    /// The source assessment.
    pub assessment_id: String,
    /// Its item.
    pub item_id: String,
    /// The relationship of that item to this one.
    pub relationship: crate::crosswalk::Relationship,
}

#[derive(Serialize, Deserialize)]
pub(super) struct CarryNote {
    pub(super) from: ItemSource,
    pub(super) answer: AnswerInput,
    pub(super) suggested: bool,
    pub(super) evidence: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct FromNote<A> {
    pub(super) from: ItemSource,
    pub(super) answer: A,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Dropped {
    pub(super) dropped: Vec<String>,
}

/// The portable file an import or merge read, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The file's name (without its folder).
    pub file: String,
    /// The id of the assessment in the file.
    pub original_id: String,
    /// The ids that assessment was itself imported from, nearest first.
    pub lineage: Vec<String>,
    /// The organisation.
    pub organisation: String,
    /// When the file was written.
    pub created_at: DateTime<Utc>,
    /// The version of the app that wrote it.
    pub app_version: String,
    /// The file format version.
    pub format: u32,
    /// Whether comments, owners and evidence content were left out.
    pub redacted: bool,
    /// Who signed it (`None` when unsigned).
    pub signer: Option<SourceSigner>,
    /// Fields written by a later version, kept as they are.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Who signed a portable file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceSigner {
    /// The organisation.
    pub organisation: String,
    /// The person who exported it.
    pub name: String,
    /// The fingerprint of the signing key.
    pub fingerprint: String,
}

/// A submission to customs, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitNote {
    /// The submission number (1, 2, …).
    pub number: u32,
    /// The file written (its name, without the folder).
    pub file: String,
}

/// A customs review attached to an assessment, as recorded in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewNote {
    /// The customs application id.
    pub application_id: String,
    /// The submission reviewed.
    pub submission: u32,
    /// The application's state in the review (`returned`, `decided`, …).
    pub state: String,
    /// The customs key's fingerprint.
    pub fingerprint: String,
}

/// Customs: a submission opened for review (`review-open`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenNote {
    /// The submission number.
    pub submission: u32,
    /// The file's name.
    pub file: String,
    /// The key that signed it.
    pub fingerprint: String,
    /// True when it created the application.
    pub created: bool,
}

/// Customs: a remark raised on an item (`review-remark`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemarkNote {
    /// Its number (R1, R2, …).
    pub number: u32,
    /// Its kind (`query`, `evidence-missing`, `non-conformity`).
    pub kind: String,
    /// The validator's text.
    pub text: String,
    /// The last day to answer it.
    pub due: chrono::NaiveDate,
}

/// Customs: a decision recorded (`review-decide`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecideNote {
    /// The decision (`return`, `grant`, `grant-with-conditions`, `refuse`).
    pub decision: String,
    /// The validator's note.
    pub note: String,
    /// The submission decided on.
    pub submission: u32,
}

/// Customs: the review file written for the trader (`review-export`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportNote {
    /// The submission reviewed.
    pub submission: u32,
    /// The application's state in the file.
    pub state: String,
    /// The file's name.
    pub file: String,
    /// The key that signed it.
    pub fingerprint: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SubmissionRef {
    pub(super) submission: u32,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RemarkRef {
    pub(super) remark: u32,
}

#[derive(Serialize, Deserialize)]
pub(super) struct TextNote {
    pub(super) text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReopenNote {
    pub(super) accepted_in: u32,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RespondNote {
    pub(super) remark: u32,
    pub(super) text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ImportNote {
    #[serde(flatten)]
    pub(super) source: Source,
    pub(super) withheld_evidence: Vec<WithheldEvidence>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct MergeNote {
    #[serde(flatten)]
    pub(super) source: Source,
    pub(super) result: MergeReport,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RebaseNote {
    pub(super) from_pack: String,
    pub(super) from_version: String,
    pub(super) to_pack: String,
    pub(super) to_version: String,
    pub(super) kept: usize,
    pub(super) carried: Vec<Carried>,
    pub(super) withdrawn: Vec<LeftBehind>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RebaseCarryNote {
    pub(super) from_item: String,
    pub(super) from_pack: String,
    pub(super) from_version: String,
    pub(super) answer: AnswerInput,
    pub(super) confirm: bool,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Unlink {
    pub(super) sha256: String,
}
