//! Screen shapes of sharing: the import dialog's check of a picked file and the merge screen's
//! preview. Everything else sharing sends (the export summary, the import outcome, the merge
//! report, compare, trend, peers) is the sharing, core or app crate's own type.

use safe_core::model::{Answer, Assessment};
use safe_core::store::Side;
use safe_share::format::Signer;
use serde::{Deserialize, Serialize};

/// The result of checking a file the user picked, before anything is written: the sharing
/// crate's verification (flattened: `integrity`, `reason`, `signer`, `manifest`, as in
/// `verify --json`) with what the import dialog also needs, the file picked and the local
/// assessments it can be merged into.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ShareCheck {
    /// The file (the one the user picked; pass it back to import or merge it).
    pub path: String,
    /// Its name.
    pub file_name: String,
    /// Integrity, reason, signer, manifest.
    #[serde(flatten)]
    pub verification: safe_share::Verification,
    /// Signed with this installation's own key.
    pub own_key: bool,
    /// Local assessments this file is a copy of, which it can be merged into.
    pub merge_targets: Vec<Assessment>,
}

/// An item the file answers and this assessment does not: taken as it is. The merge plan names
/// only the item; the merge screen shows its title and the file's answer.
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

/// An item answered differently here and in the file: the plan's conflict with the item's title.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeConflict {
    /// Item title.
    pub title: String,
    /// Item id, the answer here and the file's.
    #[serde(flatten)]
    pub conflict: safe_core::store::Conflict,
}

/// What merging a file would do, as the merge screen shows it: the plan with item titles and the
/// file's answers, and counts for the items that need nothing.
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
    pub same: usize,
    /// Items answered only here (kept).
    pub only_mine: usize,
}

/// The choice for one conflicting item, as the merge screen sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MergeChoice {
    /// Item id.
    pub item_id: String,
    /// Which answer wins.
    pub side: Side,
}
