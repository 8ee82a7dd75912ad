//! Boundary types of sharing: `.safeassess` export, verification, import, merge, compare and
//! trend (conversions from `safe-share` in `convert_share.rs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Answer, Assessment, AssessmentSummary, Criticality, Status};

/// A `.safeassess` file written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShareExported {
    /// Where the file is.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Answers written.
    pub answers: u32,
    /// Evidence files whose content was written.
    pub evidence_files: u32,
    /// Evidence files named without content (redacted).
    pub evidence_withheld: u32,
    /// Whether comments, owners and evidence content were left out.
    pub redacted: bool,
    /// The fingerprint of the key that signed it (this installation's).
    pub fingerprint: String,
}

/// Whether a file's content is what was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Integrity {
    /// Signed, and every member matches.
    Intact,
    /// Every member matches its checksum, but nothing vouches for them.
    Unsigned,
    /// Changed after signing: never imported or merged.
    Tampered,
}

/// Who signed a file, as the file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Signer {
    /// The organisation of the exported assessment.
    pub organisation: String,
    /// The name of the person who exported it.
    pub name: String,
    /// The key's fingerprint (16 hex digits).
    pub fingerprint: String,
}

/// What a file says about itself (its manifest).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShareManifest {
    /// The assessment's id where it was exported.
    pub assessment_id: String,
    /// Title.
    pub title: String,
    /// Organisation.
    pub organisation: String,
    /// Catalogue pack id.
    pub pack_id: String,
    /// Catalogue pack version.
    pub pack_version: String,
    /// When it was exported.
    pub created_at: DateTime<Utc>,
    /// The safe-assess version that wrote it.
    pub app_version: String,
    /// Format version.
    pub format: u32,
    /// Comments, owners and evidence content left out.
    pub redacted: bool,
}

/// The result of checking a file the user picked, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShareCheck {
    /// The file (the one the user picked; pass it back to import or merge it).
    pub path: String,
    /// Its name.
    pub file_name: String,
    /// Intact, unsigned or tampered.
    pub integrity: Integrity,
    /// What does not match, when tampered (English, from the core).
    pub reason: Option<String>,
    /// Who signed it (for a tampered file: who it claims, not to be trusted).
    pub signer: Option<Signer>,
    /// Signed with this installation's own key.
    pub own_key: bool,
    /// The manifest (not for a tampered file).
    pub manifest: Option<ShareManifest>,
    /// Local assessments this file is a copy of, which it can be merged into.
    pub merge_targets: Vec<Assessment>,
}

/// An imported file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    /// The new assessment.
    pub assessment: Assessment,
    /// Answers imported.
    pub answers: u32,
    /// Evidence files imported with their content.
    pub evidence_files: u32,
    /// Evidence files named without content (redacted file).
    pub evidence_withheld: u32,
}

/// Which answer wins a conflicting item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Keep the answer here.
    Mine,
    /// Take the answer from the file.
    Theirs,
}

/// An item the file answers and this assessment does not: taken as it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeTaken {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// The file's answer.
    pub theirs: Answer,
}

/// An item answered differently here and in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeConflict {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// The answer here.
    pub mine: Answer,
    /// The file's answer.
    pub theirs: Answer,
}

/// What merging a file would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    /// The assessment merged into.
    pub assessment: Assessment,
    /// The file.
    pub file_name: String,
    /// Who signed it.
    pub signer: Option<Signer>,
    /// Items taken from the file.
    pub take: Vec<MergeTaken>,
    /// Items needing a choice.
    pub conflicts: Vec<MergeConflict>,
    /// Items already the same.
    pub same: u32,
    /// Items answered only here (kept).
    pub only_mine: u32,
}

/// The choice for one conflicting item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeChoice {
    /// Item id.
    pub item_id: String,
    /// Which answer wins.
    pub side: Side,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Merged {
    /// Items taken from the file.
    pub taken: u32,
    /// Conflicts resolved for the file's answer.
    pub chose_theirs: u32,
    /// Conflicts resolved for the answer here.
    pub chose_mine: u32,
    /// Evidence links added with adopted answers.
    pub evidence_links_added: u32,
}

/// An assessment and the others it compares with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ComparePeers {
    /// The assessment.
    pub assessment: Assessment,
    /// The other assessments of its organisation on the same catalogue, newest first.
    pub peers: Vec<AssessmentSummary>,
}

/// One assessment in a comparison or trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ComparePoint {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Organisation.
    pub organisation: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Overall score.
    pub score: Option<f64>,
    /// Completion (percent).
    pub completion: f64,
}

/// How an item's answer moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    /// A better status.
    Improved,
    /// A worse status.
    Worsened,
    /// Answered now, unanswered before.
    Answered,
    /// Unanswered now, answered before.
    Unanswered,
    /// To or from not-applicable.
    Changed,
}

/// An item whose status differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status before.
    pub before: Option<Status>,
    /// Status after.
    pub after: Option<Status>,
    /// How it moved.
    pub movement: Movement,
}

/// A group's score in both assessments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GroupDelta {
    /// Group id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Title.
    pub title: String,
    /// 0 for top-level groups.
    pub depth: u32,
    /// Score before.
    pub before: Option<f64>,
    /// Score after.
    pub after: Option<f64>,
    /// After minus before, when both exist.
    pub delta: Option<f64>,
}

/// A gap that closed or opened.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GapChange {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status before.
    pub before: Option<Status>,
    /// Status after.
    pub after: Option<Status>,
}

/// What changed from one assessment to a later one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The earlier assessment.
    pub before: ComparePoint,
    /// The later one.
    pub after: ComparePoint,
    /// False when the organisations' names differ.
    pub same_organisation: bool,
    /// Overall score delta.
    pub delta: Option<f64>,
    /// Every group, in tree order.
    pub groups: Vec<GroupDelta>,
    /// Items whose status differs, in catalogue order.
    pub changes: Vec<ItemChange>,
    /// Gaps of the earlier assessment that are no longer gaps.
    pub gaps_closed: Vec<GapChange>,
    /// Gaps of the later one that were not gaps before.
    pub gaps_opened: Vec<GapChange>,
}

/// One top-level group's score over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrendRow {
    /// Group id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Title.
    pub title: String,
    /// Score in each assessment (null: nothing scorable).
    pub scores: Vec<Option<f64>>,
}

/// Scores per top-level group across an organisation's assessments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    /// The assessments, oldest first.
    pub assessments: Vec<ComparePoint>,
    /// One row per top-level group.
    pub groups: Vec<TrendRow>,
    /// The overall score of each assessment.
    pub overall: Vec<Option<f64>>,
}
