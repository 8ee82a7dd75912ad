//! The types that cross the IPC boundary, and nothing else.
//!
//! The core's types are never sent to the webview directly: each has a boundary twin here,
//! camelCase, built from the core type by `From` (in `convert.rs`). The TypeScript declarations in
//! `ui/src/lib/bindings.ts` are generated from these types by ts-rs; the test in `bindings.rs`
//! fails when the committed file differs from what the types produce (run it with
//! `UPDATE_BINDINGS=1` to rewrite the file after changing a type).

#[cfg(test)]
mod bindings;
mod convert;
mod convert_share;
mod provenance;
mod share;

pub use provenance::{Basis, Confidence, PackChoice, Provenance};
pub use share::*;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Fully in place.
    Met,
    /// Partly in place.
    PartiallyMet,
    /// Not in place.
    NotMet,
    /// Does not apply (needs a justification).
    NotApplicable,
}

/// How urgent closing a gap is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// Do first.
    High,
    /// Do soon.
    Medium,
    /// When possible.
    Low,
}

/// Who answers an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// A customs administration.
    Customs,
    /// A trader (AEO applicant).
    Trader,
}

/// How much an item matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Criticality {
    /// Weight 3.
    Critical,
    /// Weight 2.
    Major,
    /// Weight 1.
    Minor,
}

/// The three strategic aims of the SAFE Framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Aim {
    /// Prevent exploitation of the supply chain.
    PreventExploitation,
    /// Protect critical infrastructure and nodes.
    ProtectCriticalNodes,
    /// Resilience and recovery.
    ResilienceRecovery,
}

/// The kind of a group of the catalogue tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum GroupKind {
    /// Core elements, CBM, trade continuity.
    Part,
    /// One of the three pillars.
    Pillar,
    /// A standard of a pillar.
    Standard,
    /// A level of Pillar 3.
    Level,
    /// An AEO section (A to M).
    Section,
}

/// A trader's readiness for AEO status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Readiness {
    /// Rule 1.
    NotReady,
    /// Rule 2.
    Incomplete,
    /// Rule 3.
    ReadyWithActions,
    /// Rule 4.
    Ready,
}

/// A supply-chain role a trader can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Role {
    /// Stable slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
}

/// What a user fills in to create an assessment, or to change its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentDetails {
    /// Title.
    pub title: String,
    /// Profile (ignored when changing details: it never changes).
    pub profile: Option<Profile>,
    /// Trader roles (role ids).
    pub roles: Vec<String>,
    /// Organisation.
    pub organisation: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Identifiers (EORI, TIN, ...).
    pub identifiers: String,
    /// Assessors' names.
    pub assessors: String,
    /// Scope note.
    pub scope: String,
}

/// An assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    /// Id (UUID).
    pub id: String,
    /// Title.
    pub title: String,
    /// Profile.
    pub profile: Profile,
    /// Trader roles.
    pub roles: Vec<String>,
    /// Organisation.
    pub organisation: String,
    /// Country code.
    pub country: String,
    /// Identifiers.
    pub identifiers: String,
    /// Assessors.
    pub assessors: String,
    /// Scope note.
    pub scope: String,
    /// Pinned catalogue pack id.
    pub pack_id: String,
    /// Pinned catalogue pack version.
    pub pack_version: String,
    /// Created (UTC, RFC 3339).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC, RFC 3339).
    pub updated_at: DateTime<Utc>,
    /// The assessment this one was duplicated from.
    pub based_on: Option<String>,
}

/// A line of the home screen's list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AssessmentSummary {
    /// The assessment.
    pub assessment: Assessment,
    /// Applicable items.
    pub applicable: u32,
    /// Answered applicable items.
    pub answered: u32,
    /// 0 to 100.
    pub completion: f64,
}

/// The editable part of an answer; saving replaces the whole answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AnswerInput {
    /// Status.
    pub status: Status,
    /// Why the item does not apply (required for not-applicable).
    pub justification: String,
    /// Free comment.
    pub comment: String,
    /// Who owns closing the gap.
    pub owner: String,
    /// Target date (YYYY-MM-DD).
    pub target_date: Option<NaiveDate>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Flagged for review.
    pub flagged: bool,
}

/// A saved answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// Item id.
    pub item_id: String,
    /// What the user set.
    pub input: AnswerInput,
    /// Copied from an earlier assessment and not confirmed since.
    pub carried_over: bool,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
    /// Who last changed it.
    pub updated_by: String,
    /// Evidence attached (SHA-256 hex).
    pub evidence: Vec<String>,
}

/// An evidence file of an assessment (its metadata).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// File name as attached.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// When attached.
    pub added_at: DateTime<Utc>,
    /// Effective from.
    pub effective: Option<NaiveDate>,
    /// Expires on.
    pub expires: Option<NaiveDate>,
    /// Items it supports.
    pub items: Vec<String>,
}

/// One change in an item's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// Sequence number (increasing).
    pub seq: i64,
    /// `answer`, `clear`, `confirm`, `evidence-add`, `evidence-remove`, `merge`, `import`.
    pub action: String,
    /// The answer before, for answer changes.
    pub old: Option<AnswerInput>,
    /// The answer after, for answer changes.
    pub new: Option<AnswerInput>,
    /// The evidence file, for evidence changes.
    pub file_name: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
}

/// A requirement of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Stable id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What must be in place.
    pub requirement: String,
    /// What good implementation looks like.
    pub guidance: String,
    /// The most common shortfall.
    pub shortfall: String,
    /// Evidence a validator would ask for.
    pub evidence: Vec<String>,
    /// SAFE Framework reference.
    pub reference: String,
    /// How much it matters.
    pub criticality: Criticality,
    /// Cannot be answered not-applicable.
    pub mandatory: bool,
    /// The strategic aim it serves.
    pub aim: Aim,
    /// Where it comes from and how sure the reference is (pack format 2; null otherwise).
    pub provenance: Option<Provenance>,
}

/// A node of the catalogue tree, holding only what applies to the assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: GroupKind,
    /// Short label (code, or the id).
    pub label: String,
    /// Title.
    pub title: String,
    /// What the group is about.
    pub summary: String,
    /// SAFE reference.
    pub reference: String,
    /// Child groups.
    pub groups: Vec<Group>,
    /// Items directly in this group.
    pub items: Vec<Item>,
}

/// The catalogue pack an assessment is pinned to, cut to what applies to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Pack {
    /// Pack id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source edition.
    pub edition: String,
    /// Pack version.
    pub version: String,
    /// The tree.
    pub groups: Vec<Group>,
}

/// Score and completion of a set of items.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// 0 to 100, or null when nothing scorable is answered.
    pub score: Option<f64>,
    /// 0 to 100.
    pub completion: f64,
    /// Applicable items.
    pub applicable: u32,
    /// Answered (including not-applicable).
    pub answered: u32,
    /// Met.
    pub met: u32,
    /// Partially met.
    pub partially_met: u32,
    /// Not met.
    pub not_met: u32,
    /// Not applicable.
    pub not_applicable: u32,
    /// Unanswered.
    pub unanswered: u32,
}

/// The score of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GroupScore {
    /// Group id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: GroupKind,
    /// 0 for top-level groups.
    pub depth: u32,
    /// Parent group id.
    pub parent: Option<String>,
    /// Score and completion.
    pub score: Score,
}

/// The score of one strategic aim.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AimScore {
    /// The aim.
    pub aim: Aim,
    /// Score and completion.
    pub score: Score,
}

/// The readiness verdict and the rule that produced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// Readiness.
    pub readiness: Readiness,
    /// The rule (1 to 4) that matched.
    pub rule: u8,
    /// The rule in words with the figures (English, from the core).
    pub explanation: String,
}

/// A gap: an applicable item not met, partially met or unanswered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// The group directly holding the item.
    pub group_id: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status; null when unanswered.
    pub status: Option<Status>,
    /// Recommended action (the item's guidance).
    pub recommended_action: String,
    /// Owner.
    pub owner: String,
    /// Target date.
    pub target_date: Option<NaiveDate>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Flagged for review.
    pub flagged: bool,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Scorecard {
    /// The whole assessment.
    pub overall: Score,
    /// Every group, parents before children.
    pub groups: Vec<GroupScore>,
    /// The three strategic aims.
    pub aims: Vec<AimScore>,
    /// Trader assessments only.
    pub verdict: Option<Verdict>,
    /// Gaps, most important first.
    pub gaps: Vec<Gap>,
}

/// What the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    /// The assessment.
    pub assessment: Assessment,
    /// Its scores.
    pub scorecard: Scorecard,
}

/// Completion of the whole assessment and of each group: what the workspace's badges show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The whole assessment.
    pub overall: Score,
    /// Per group id.
    pub groups: Vec<GroupProgress>,
}

/// Completion of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GroupProgress {
    /// Group id.
    pub id: String,
    /// Applicable items.
    pub applicable: u32,
    /// Answered items.
    pub answered: u32,
}

/// An opened assessment: what the workspace needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    /// The assessment.
    pub assessment: Assessment,
    /// Its pinned pack, cut to the items that apply.
    pub pack: Pack,
    /// The answers.
    pub answers: Vec<Answer>,
    /// The evidence files.
    pub evidence: Vec<Evidence>,
    /// Badges.
    pub progress: Progress,
}

/// The result of saving or clearing an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    /// The answer as stored; null after clearing.
    pub answer: Option<Answer>,
    /// Badges after the change.
    pub progress: Progress,
}

/// The result of attaching evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Attached {
    /// The assessment's evidence files after attaching.
    pub evidence: Vec<Evidence>,
    /// The item's answer, with its evidence list.
    pub answer: Option<Answer>,
}

/// A backup file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// Full path.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Time and reason, e.g. `20261127-101500-daily`.
    pub label: String,
}

/// UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// The user's settings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// UI language.
    pub language: Language,
    /// Colour theme.
    pub theme: Theme,
    /// The name recorded in the history of every change; empty for the login name.
    pub user_name: String,
}

/// Facts about the installation, for the start of the UI and the settings screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// App version.
    pub version: String,
    /// The database file (shared with the `safe-assess` command line).
    pub database: String,
    /// The backup folder.
    pub backups: String,
    /// The folder for the user's own catalogue packs.
    pub catalogue_folder: String,
    /// The name recorded in the history (settings, or the login name).
    pub user_name: String,
    /// The settings.
    pub settings: Settings,
    /// Why the database could not be opened, when it could not.
    pub database_error: Option<crate::error::CommandError>,
    /// User catalogue packs that were refused, one line each.
    pub catalogue_problems: Vec<String>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    /// PDF document.
    Pdf,
    /// Self-contained HTML page.
    Html,
    /// Excel workbook of the gap register and action plan.
    Xlsx,
    /// CSV of the gap register.
    Csv,
    /// JSON of the whole report data.
    Json,
}

/// Paper size for PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// Assessment id.
    pub assessment_id: String,
    /// Format.
    pub format: ExportFormat,
    /// Paper size (PDF).
    pub paper: Paper,
    /// Language of the report's fixed text.
    pub language: Language,
    /// An earlier assessment of the same organisation: the report then shows the progress since
    /// it (not in CSV, which is the gap register only).
    #[serde(default)]
    pub compare_with: Option<String>,
}

/// A step of an export, sent while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportStep {
    /// Reading the assessment.
    Loading,
    /// Producing the document.
    Rendering,
    /// Writing the file.
    Writing,
    /// Finished.
    Done,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// Where the file is.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
}
