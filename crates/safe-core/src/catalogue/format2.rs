//! The parts of a pack that format 2 adds: provenance, `supersedes` and translations
//! (`assets/catalogue/README.md`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What kind of text a requirement rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Basis {
    /// The SAFE Framework text itself.
    Safe,
    /// A WCO instrument that is not the Framework (Validator Guide, AEO Template, ...).
    WcoGuidance,
    /// A national or regional programme's rule; `programme` names it.
    NationalPractice,
    /// The project's own view of good practice.
    BestPractice,
}

impl Basis {
    /// All bases in display order.
    pub const ALL: [Basis; 4] = [
        Basis::Safe,
        Basis::WcoGuidance,
        Basis::NationalPractice,
        Basis::BestPractice,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Basis::Safe => "safe",
            Basis::WcoGuidance => "wco-guidance",
            Basis::NationalPractice => "national-practice",
            Basis::BestPractice => "best-practice",
        }
    }
}

/// How sure the `reference` of a group or item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Confidence {
    /// Checked against the official text or a faithful reproduction of it.
    Verified,
    /// Partly confirmed (the standard exists, the exact wording or number not seen).
    Partial,
    /// Not checked.
    Unverified,
}

impl Confidence {
    /// All levels in display order.
    pub const ALL: [Confidence; 3] = [
        Confidence::Verified,
        Confidence::Partial,
        Confidence::Unverified,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Confidence::Verified => "verified",
            Confidence::Partial => "partial",
            Confidence::Unverified => "unverified",
        }
    }
}

/// Where a group or item comes from and how sure its reference is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Provenance {
    /// The kind of text it rests on.
    pub basis: Basis,
    /// The programme or text (required for national practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// How sure the reference is.
    pub confidence: Confidence,
    /// How the reference was checked, or why it could not be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How items of an older pack map to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ChangeKind {
    /// Same id (or 1 -> 1), meaning changed enough that a carried answer must be confirmed.
    Changed,
    /// 1 old id -> 1 new id, same meaning.
    Renamed,
    /// 1 -> n.
    Split,
    /// n -> 1.
    Merged,
    /// [] -> new ids.
    New,
    /// Old ids -> [].
    Withdrawn,
}

impl ChangeKind {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            ChangeKind::Changed => "changed",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
            ChangeKind::New => "new",
            ChangeKind::Withdrawn => "withdrawn",
        }
    }
}

/// One entry of the mapping from an older pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PackChange"))]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// Item ids of the older pack.
    pub from: Vec<String>,
    /// Item ids of this pack.
    pub to: Vec<String>,
    /// One line saying why.
    pub note: String,
}

/// The older pack a pack replaces. An old item named in no change is kept under the same id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Supersedes {
    /// The older pack's id.
    pub pack: String,
    /// The older pack's version.
    pub version: String,
    /// How its items map.
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// The texts of a group in another language; a missing field falls back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupText {
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Instruments, exactly as many as the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruments: Option<Vec<String>>,
    /// The provenance note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The texts of an item in another language; a missing field falls back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemText {
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    /// Guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Shortfall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall: Option<String>,
    /// Evidence examples, exactly as many as the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<String>>,
    /// Reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The provenance note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A pack's texts in one other language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Translation {
    /// Pack title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Source paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Group texts by group id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, GroupText>,
    /// Item texts by item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, ItemText>,
}

/// A role's name and description in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoleText {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// A tier of a programme a trader applies for (EU AEOC / AEOS, India T1 to T3, ...). Items name
/// the tiers they apply to; an assessment picks one or more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Stable slug, unique in the pack (`aeoc`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// The name and description in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, RoleText>,
}
