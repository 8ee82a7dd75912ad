//! The report's data, built once from an opened assessment and fed to every format.
//!
//! [`ReportData`] is also the JSON format: its serialisation is the stable schema documented in
//! `crates/safe-report/REPORT_SCHEMA.md` (`"schema": "safe-assess.report/1"`). Add fields only;
//! never rename or remove one without changing the schema id.

use chrono::{DateTime, NaiveDate, Utc};
use safe_core::catalogue::{Aim, Basis, Criticality, GroupKind, Profile, Provenance};
use safe_core::model::{Priority, Status};
use safe_core::scoring::{Readiness, Score};
use serde::Serialize;

use crate::i18n::{Lang, T};
use crate::progress_since::Comparison;

/// The schema id written in every JSON report.
pub const SCHEMA: &str = "safe-assess.report/1";
/// A standard (customs) scoring below this is weak and gets a capacity-building entry.
pub const WEAK_BELOW: f64 = 70.0;
/// How many gaps the executive summary lists.
pub const TOP_GAPS: usize = 10;

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportData {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// `en` or `fr`: the language of the generated texts (paragraph, verdict explanation).
    pub lang: &'static str,
    /// When the report was generated (UTC).
    pub generated_at: DateTime<Utc>,
    /// The date overdue actions and expired evidence are judged against.
    pub as_of: NaiveDate,
    /// The version of safe-assess that generated it.
    pub generator: String,
    /// The assessment's details.
    pub assessment: AssessmentInfo,
    /// The catalogue pack it was answered against.
    pub catalogue: CatalogueInfo,
    /// Headline figures, the verdict and the generated paragraph.
    pub summary: Summary,
    /// Every group of the pack's tree, parents first.
    pub groups: Vec<GroupRow>,
    /// Ids of the groups charted as bars (sections, or standards and parts), leaving out groups
    /// with no applicable item.
    pub bar_groups: Vec<String>,
    /// Ids of the groups charted on the radar (top-level groups with an applicable item).
    pub radar_groups: Vec<String>,
    /// The three strategic aims.
    pub aims: Vec<AimRow>,
    /// The gap register, most important first.
    pub gaps: Vec<GapRow>,
    /// Item ids of the gaps shown in the executive summary.
    pub top_gaps: Vec<String>,
    /// The action plan: gaps grouped by owner (unassigned last), by target date within an owner.
    pub action_plan: Vec<OwnerPlan>,
    /// Items answered not applicable.
    pub not_applicable: Vec<NotApplicableRow>,
    /// Items flagged for review.
    pub flagged: Vec<FlaggedRow>,
    /// Evidence files.
    pub evidence: Vec<EvidenceRow>,
    /// Customs assessments: weak standards and the instruments that address them. Empty for traders.
    pub capacity_building: Vec<CapacityRow>,
    /// Every applicable item with its answer, by group in catalogue order.
    pub answers: Vec<AnswerGroup>,
    /// The applicable items counted by basis and confidence of their provenance (empty when the
    /// pack records none: format 1).
    pub provenance: Vec<ProvenanceRow>,
    /// Progress since an earlier assessment of the same organisation, when one was chosen
    /// (`null` otherwise). [`ReportData::build`] leaves it empty; see [`crate::comparison`].
    pub comparison: Option<Comparison>,
    /// The assessment this one was started from and, per item, the answers that came from it
    /// and whether they were confirmed (`null` when it is not linked). [`ReportData::build`]
    /// leaves it empty; see [`crate::link_section`].
    pub link: Option<LinkSection>,
}

/// The assessment a linked assessment was started from, and what came from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkSection {
    /// The source assessment's id.
    pub source_id: String,
    /// Its title.
    pub source_title: String,
    /// Its pack.
    pub source_pack: String,
    /// The crosswalk mapping.
    pub mapping: String,
    /// Per item that came from it, in item order.
    pub items: Vec<LinkRow>,
}

/// One item whose answer came from the source assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkRow {
    /// The item.
    pub item_id: String,
    /// The source item.
    pub source_item: String,
    /// The source item's relationship to this one.
    pub relationship: safe_core::crosswalk::Relationship,
    /// `carried`, `suggested`, `confirmed`, `changed` or `diverged`.
    pub state: safe_core::store::DerivedState,
    /// True when the user confirmed or changed it since (and the source has not moved).
    pub confirmed: bool,
}

/// The link section of a report from an assessment's link.
pub fn link_section(l: &safe_core::store::Linked) -> LinkSection {
    LinkSection {
        source_id: l.link.source_id.clone(),
        source_title: l.link.source_title.clone(),
        source_pack: l.link.source_pack.clone(),
        mapping: l.link.mapping.clone(),
        items: l
            .items
            .iter()
            .map(|d| LinkRow {
                item_id: d.item_id.clone(),
                source_item: d.source_item.clone(),
                relationship: d.relationship,
                state: d.state,
                confirmed: d.state.settled(),
            })
            .collect(),
    }
}

/// The assessment's details.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentInfo {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Organisation.
    pub organisation: String,
    /// `customs` or `trader`.
    pub profile: Profile,
    /// Trader roles.
    pub roles: Vec<RoleInfo>,
    /// The pack's tiers chosen for this assessment (names in the report's language); absent for
    /// a pack without tiers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<RoleInfo>,
    /// Country code.
    pub country: String,
    /// Identifiers.
    pub identifiers: String,
    /// Assessors.
    pub assessors: String,
    /// Scope.
    pub scope: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change: the assessment date.
    pub updated_at: DateTime<Utc>,
    /// The assessment it was duplicated from.
    pub based_on: Option<String>,
}

/// A trader role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleInfo {
    /// Role id.
    pub id: String,
    /// Display name in the report's language (English when the role has no translation; the id
    /// when unknown).
    pub name: String,
}

/// The pinned catalogue pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueInfo {
    /// Pack id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source edition.
    pub edition: String,
    /// Edition date.
    pub date: String,
    /// Pack version.
    pub version: String,
    /// Source note.
    pub source: String,
    /// Pack file format (1 or 2).
    pub format: u32,
    /// The language of the catalogue texts in this report where the pack has them (the report's
    /// language), see `fallback` for those it has not.
    pub language: String,
    /// Catalogue texts with no translation into the report's language, shown in the pack's own
    /// language; `null` when every text is translated (or the report is in the pack's language).
    pub fallback: Option<LanguageFallback>,
}

/// Catalogue texts shown in the pack's own language because it has no translation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageFallback {
    /// The language they are shown in (the pack's `language`).
    pub language: String,
    /// How many texts.
    pub texts: usize,
    /// The sentence saying so, in the report's language.
    pub note: String,
}

/// The applicable items resting on one basis, by confidence of their reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvenanceRow {
    /// The basis; `null` for items without provenance.
    pub basis: Option<Basis>,
    /// Its label in the report's language.
    pub label: String,
    /// Items whose reference is verified.
    pub verified: usize,
    /// Partly verified.
    pub partial: usize,
    /// Not yet verified.
    pub unverified: usize,
    /// All of them.
    pub total: usize,
}

/// Headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Overall score and counts.
    #[serde(flatten)]
    pub score: Score,
    /// Number of gaps.
    pub gaps: usize,
    /// Gaps on critical items.
    pub critical_gaps: usize,
    /// Gaps whose target date is before `asOf`.
    pub overdue: usize,
    /// Gaps without an owner.
    pub unowned: usize,
    /// Evidence files expired before `asOf`.
    pub expired_evidence: usize,
    /// Trader assessments: the readiness verdict.
    pub verdict: Option<VerdictInfo>,
    /// A paragraph generated from the figures, in the report's language.
    pub paragraph: String,
}

/// The readiness verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictInfo {
    /// `not-ready`, `incomplete`, `ready-with-actions` or `ready`.
    pub readiness: Readiness,
    /// The rule (1 to 4) that matched.
    pub rule: u8,
    /// The rule in words with its figures, in the report's language.
    pub explanation: String,
}

/// One group's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRow {
    /// Group id.
    pub id: String,
    /// Short label (code).
    pub label: String,
    /// A label unique in the pack: parent codes joined, e.g. `P1 S04`.
    pub path_label: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: GroupKind,
    /// Depth (0 = top).
    pub depth: usize,
    /// Parent id.
    pub parent: Option<String>,
    /// Score and counts.
    #[serde(flatten)]
    pub score: Score,
    /// Gaps on critical items in this group and below.
    pub critical_gaps: usize,
}

/// One strategic aim's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AimRow {
    /// The aim.
    pub aim: Aim,
    /// Label in the report's language.
    pub label: String,
    /// Score and counts.
    #[serde(flatten)]
    pub score: Score,
}

/// One gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GapRow {
    /// Item id.
    pub item_id: String,
    /// Item title.
    pub title: String,
    /// The group holding it.
    pub group_id: String,
    /// That group's unique label.
    pub group_label: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Status; `null` when unanswered.
    pub status: Option<Status>,
    /// Comment.
    pub comment: String,
    /// Owner.
    pub owner: String,
    /// Target date.
    pub target_date: Option<NaiveDate>,
    /// True when the target date is before `asOf`.
    pub overdue: bool,
    /// Priority.
    pub priority: Option<Priority>,
    /// Flagged for review.
    pub flagged: bool,
    /// The item's guidance.
    pub recommended_action: String,
}

/// One owner's actions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerPlan {
    /// The owner; empty for unassigned gaps.
    pub owner: String,
    /// Item ids, by target date (none last), then register order.
    pub items: Vec<String>,
    /// How many of them are overdue.
    pub overdue: usize,
}

/// An item answered not applicable.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotApplicableRow {
    /// Item id.
    pub item_id: String,
    /// Title.
    pub title: String,
    /// Why it does not apply.
    pub justification: String,
}

/// An item flagged for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlaggedRow {
    /// Item id.
    pub item_id: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: Option<Status>,
    /// Comment.
    pub comment: String,
    /// Owner.
    pub owner: String,
}

/// An evidence file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRow {
    /// File name.
    pub file_name: String,
    /// SHA-256 (hex).
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type.
    pub media_type: String,
    /// When attached.
    pub added_at: DateTime<Utc>,
    /// Effective from.
    pub effective: Option<NaiveDate>,
    /// Expires on.
    pub expires: Option<NaiveDate>,
    /// True when `expires` is before `asOf`.
    pub expired: bool,
    /// Item ids it supports.
    pub items: Vec<String>,
}

/// A weak standard and what helps.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityRow {
    /// Group id.
    pub group_id: String,
    /// Unique label.
    pub group_label: String,
    /// Title.
    pub title: String,
    /// Score.
    pub score: Option<f64>,
    /// Gaps on critical items.
    pub critical_gaps: usize,
    /// Item ids of its gaps.
    pub gaps: Vec<String>,
    /// WCO instruments and training (the group's, else its parent's).
    pub instruments: Vec<String>,
}

/// The answers of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerGroup {
    /// Group id.
    pub group_id: String,
    /// Unique label.
    pub group_label: String,
    /// Titles from the top group down.
    pub path: Vec<String>,
    /// Applicable items in catalogue order.
    pub items: Vec<AnswerRow>,
}

/// One item and its answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerRow {
    /// Item id.
    pub item_id: String,
    /// Title.
    pub title: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Mandatory.
    pub mandatory: bool,
    /// Status; `null` when unanswered.
    pub status: Option<Status>,
    /// Justification (not applicable).
    pub justification: String,
    /// Comment.
    pub comment: String,
    /// Owner.
    pub owner: String,
    /// Target date.
    pub target_date: Option<NaiveDate>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Flagged.
    pub flagged: bool,
    /// Carried over from an earlier assessment and not confirmed.
    pub carried_over: bool,
    /// Evidence file names.
    pub evidence: Vec<String>,
    /// When last changed.
    pub updated_at: Option<DateTime<Utc>>,
    /// By whom.
    pub updated_by: String,
    /// The item's reference in the source.
    pub reference: String,
    /// Where it comes from and how sure the reference is (format 2 packs; `null` otherwise).
    pub provenance: Option<Provenance>,
    /// The provenance in words, in the report's language, e.g. "National practice (EU AEO
    /// Guidelines) · reference not yet verified"; empty without provenance.
    pub provenance_label: String,
}

/// The label of an aim in `lang`.
pub fn aim_label(lang: Lang, aim: Aim) -> &'static str {
    match aim {
        Aim::PreventExploitation => T::AimPrevent.get(lang),
        Aim::ProtectCriticalNodes => T::AimProtect.get(lang),
        Aim::ResilienceRecovery => T::AimResilience.get(lang),
    }
}

/// The short label of an aim in `lang` (charts).
pub fn aim_short(lang: Lang, aim: Aim) -> &'static str {
    match aim {
        Aim::PreventExploitation => T::AimPreventShort.get(lang),
        Aim::ProtectCriticalNodes => T::AimProtectShort.get(lang),
        Aim::ResilienceRecovery => T::AimResilienceShort.get(lang),
    }
}
