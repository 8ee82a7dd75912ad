//! Catalogue packs: the checklists assessments are answered against.
//!
//! A pack is a JSON file (format in `assets/catalogue/README.md`) parsed into [`Pack`] and checked by
//! [`Pack::parse`]. [`Library`] holds the built-in packs and those a user adds to a folder.

mod format2;
#[cfg(test)]
mod format2_tests;
mod library;
mod localize;
mod validate;
mod validate2;

pub use format2::{
    Basis, Change, ChangeKind, Confidence, GroupText, ItemText, Provenance, RoleText, Supersedes,
    Tier, Translation,
};
pub use library::{Library, LoadProblem, builtin_roles};
pub use localize::{Localized, localized_roles};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The three strategic aims of the SAFE Framework an item can serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Aim {
    /// Prevent exploitation of the supply chain (smuggling, terrorism, contraband).
    PreventExploitation,
    /// Protect critical infrastructure and nodes of the supply chain.
    ProtectCriticalNodes,
    /// Resilience of the supply chain and recovery after a disruption.
    ResilienceRecovery,
}

impl Aim {
    /// All aims in display order.
    pub const ALL: [Aim; 3] = [
        Aim::PreventExploitation,
        Aim::ProtectCriticalNodes,
        Aim::ResilienceRecovery,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Aim::PreventExploitation => "prevent-exploitation",
            Aim::ProtectCriticalNodes => "protect-critical-nodes",
            Aim::ResilienceRecovery => "resilience-recovery",
        }
    }

    /// An English label.
    pub fn label(self) -> &'static str {
        match self {
            Aim::PreventExploitation => "Prevent exploitation of the supply chain",
            Aim::ProtectCriticalNodes => "Protect critical infrastructure and nodes",
            Aim::ResilienceRecovery => "Resilience and recovery",
        }
    }
}

/// How much an item matters; also its weight in scores (3, 2, 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Criticality {
    /// Without it, AEO status or SAFE implementation is out of reach.
    Critical,
    /// An important requirement.
    Major,
    /// Supporting good practice.
    Minor,
}

impl Criticality {
    /// The weight of an item of this criticality in scores.
    pub fn weight(self) -> f64 {
        match self {
            Criticality::Critical => 3.0,
            Criticality::Major => 2.0,
            Criticality::Minor => 1.0,
        }
    }

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Criticality::Critical => "critical",
            Criticality::Major => "major",
            Criticality::Minor => "minor",
        }
    }
}

/// Who answers a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Profile {
    /// A customs administration.
    Customs,
    /// A trader (AEO applicant).
    Trader,
}

impl Profile {
    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Profile::Customs => "customs",
            Profile::Trader => "trader",
        }
    }

    /// Parses a slug.
    pub fn parse(s: &str) -> crate::Result<Self> {
        match s {
            "customs" => Ok(Profile::Customs),
            "trader" => Ok(Profile::Trader),
            other => Err(crate::Error::invalid(format!(
                "unknown profile '{other}': use customs or trader"
            ))),
        }
    }
}

/// The kind of a group in a pack's tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum GroupKind {
    /// A part of the Framework outside the pillars (core elements, CBM, trade continuity).
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

/// A supply-chain role a trader can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Role {
    /// Stable slug, e.g. `freight-forwarder`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// The name and description in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, RoleText>,
}

/// One requirement of a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Item {
    /// Stable id, unique in the pack.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What must be in place.
    pub requirement: String,
    /// What good implementation looks like; the recommended action for a gap.
    pub guidance: String,
    /// The most common shortfall.
    pub shortfall: String,
    /// Evidence a validator would ask for.
    pub evidence: Vec<String>,
    /// The SAFE Framework reference.
    pub reference: String,
    /// Trader packs: role ids, or `["all"]`. Empty for customs packs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// How much it matters.
    pub criticality: Criticality,
    /// A mandatory item cannot be answered not-applicable.
    pub mandatory: bool,
    /// The strategic aim it serves.
    pub aim: Aim,
    /// Where the requirement comes from and how sure its reference is (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The pack's tiers this item applies to (format 2); empty: every tier. After
    /// [`Pack::parse`] an item without its own list carries its nearest group's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
}

impl Item {
    /// Whether the item applies to an assessment with these roles (customs packs: always).
    pub fn applies_to(&self, roles: &[String]) -> bool {
        self.roles.is_empty()
            || self.roles.iter().any(|r| r == "all")
            || self.roles.iter().any(|r| roles.contains(r))
    }

    /// Whether the item applies to an assessment that chose these tiers: an item naming no tier
    /// applies to every tier, and an assessment with no tier (a pack without tiers) sees all.
    pub fn applies_to_tiers(&self, tiers: &[String]) -> bool {
        self.tiers.is_empty() || tiers.is_empty() || self.tiers.iter().any(|t| tiers.contains(t))
    }

    /// Whether the item is asked of an assessment with these roles and tiers: the one filter the
    /// checklist, the scores, the progress summary and the reports apply.
    pub fn applies(&self, roles: &[String], tiers: &[String]) -> bool {
        self.applies_to(roles) && self.applies_to_tiers(tiers)
    }
}

/// A node of a pack's tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// What kind of group.
    pub kind: GroupKind,
    /// Short label for charts.
    #[serde(default)]
    pub code: Option<String>,
    /// Title.
    pub title: String,
    /// What the group is about.
    pub summary: String,
    /// SAFE reference.
    pub reference: String,
    /// WCO instruments that help close gaps here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<String>,
    /// Where the group comes from and how sure its reference is (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The pack's tiers this group's items apply to (format 2); empty: every tier (or the
    /// enclosing group's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    /// Child groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Items directly in this group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

impl Group {
    /// The short label: `code` or else the id.
    pub fn label(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.id)
    }

    /// All items of this group and its descendants, in catalogue order.
    pub fn all_items(&self) -> Vec<&Item> {
        let mut out = Vec::new();
        self.collect_items(&mut out);
        out
    }

    fn collect_items<'a>(&'a self, out: &mut Vec<&'a Item>) {
        out.extend(self.items.iter());
        for g in &self.groups {
            g.collect_items(out);
        }
    }
}

/// A parsed and validated catalogue pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pack {
    /// File format version (1 or 2).
    pub format: u32,
    /// Stable pack id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source edition.
    pub edition: String,
    /// Date of the source edition (YYYY-MM-DD).
    pub date: String,
    /// Pack version (MAJOR.MINOR.PATCH).
    pub version: String,
    /// Who answers it.
    pub profile: Profile,
    /// Where the content comes from.
    pub source: String,
    /// The language of the texts in the tree (format 2; format 1 packs are English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The older pack this one replaces and how its items map (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    /// The tiers of the programme an assessment picks from (format 2); none: no tier to choose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// The tree.
    pub groups: Vec<Group>,
    /// The texts in other languages, by language code (format 2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
}

impl Pack {
    /// Parses and validates a pack. `file` names the pack in error messages.
    pub fn parse(file: &str, json: &str, roles: &[Role]) -> crate::Result<Pack> {
        let mut pack: Pack = serde_json::from_str(json).map_err(|e| crate::Error::Catalogue {
            file: file.to_string(),
            message: format!("not a valid pack: {e}"),
        })?;
        validate::check(&pack, roles).map_err(|message| crate::Error::Catalogue {
            file: file.to_string(),
            message,
        })?;
        pack.inherit_tiers();
        Ok(pack)
    }

    /// Gives every item without its own `tiers` those of its nearest group that has some, so
    /// [`Item::applies_to_tiers`] needs only the item.
    fn inherit_tiers(&mut self) {
        fn walk(g: &mut Group, outer: &[String]) {
            let here = if g.tiers.is_empty() {
                outer.to_vec()
            } else {
                g.tiers.clone()
            };
            for i in &mut g.items {
                if i.tiers.is_empty() {
                    i.tiers.clone_from(&here);
                }
            }
            for c in &mut g.groups {
                walk(c, &here);
            }
        }
        for g in &mut self.groups {
            walk(g, &[]);
        }
    }

    /// The tier ids of the pack, in pack order.
    pub fn tier_ids(&self) -> Vec<&str> {
        self.tiers.iter().map(|t| t.id.as_str()).collect()
    }

    /// Checks the tiers an assessment of this pack chooses and returns them sorted without
    /// duplicates: a pack with tiers needs at least one of its own, a pack without takes none.
    pub fn choose_tiers(&self, chosen: &[String]) -> crate::Result<Vec<String>> {
        let known = self.tier_ids();
        let mut out: Vec<String> = chosen.iter().map(|t| t.trim().to_string()).collect();
        out.sort();
        out.dedup();
        if known.is_empty() {
            if !out.is_empty() {
                return Err(crate::Error::invalid(format!(
                    "pack '{}' has no tiers: leave out the tier ({})",
                    self.id,
                    out.join(", ")
                )));
            }
            return Ok(out);
        }
        if let Some(t) = out.iter().find(|t| !known.contains(&t.as_str())) {
            return Err(crate::Error::invalid(format!(
                "unknown tier '{t}' for pack '{}': use one or more of {}",
                self.id,
                known.join(", ")
            )));
        }
        if out.is_empty() {
            return Err(crate::Error::invalid(format!(
                "pack '{}' has tiers: choose at least one (--tier {})",
                self.id,
                known.join(", --tier ")
            )));
        }
        Ok(out)
    }

    /// The language of the texts in the tree: `language`, or English for a format 1 pack.
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or("en")
    }

    /// What a valid pack lacks that format 2 offers (no provenance, no translations): shown by
    /// `catalogue check` as warnings, never refused.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.format < 2 {
            out.push(
                "format 1: groups and items carry no provenance (basis and confidence of each \
                 reference); format 2 adds it"
                    .to_string(),
            );
        }
        if self.translations.is_empty() {
            out.push(format!(
                "no translations: the texts are shown in '{}' whatever the language chosen",
                self.language()
            ));
        }
        out
    }

    /// Every group in tree order (parents before their children).
    pub fn all_groups(&self) -> Vec<&Group> {
        fn walk<'a>(g: &'a Group, out: &mut Vec<&'a Group>) {
            out.push(g);
            g.groups.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        self.groups.iter().for_each(|g| walk(g, &mut out));
        out
    }

    /// The provenance of every item that has one (format 2), by item id.
    pub fn provenance_by_item(&self) -> BTreeMap<&str, &Provenance> {
        self.items()
            .into_iter()
            .filter_map(|i| i.provenance.as_ref().map(|p| (i.id.as_str(), p)))
            .collect()
    }

    /// Every item in catalogue order.
    pub fn items(&self) -> Vec<&Item> {
        self.groups.iter().flat_map(|g| g.all_items()).collect()
    }

    /// Looks up an item by id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().into_iter().find(|i| i.id == id)
    }

    /// The leaf-most group holding each item, as (group path from the top, item) pairs.
    pub fn items_with_path(&self) -> Vec<(Vec<&Group>, &Item)> {
        fn walk<'a>(
            g: &'a Group,
            path: &mut Vec<&'a Group>,
            out: &mut Vec<(Vec<&'a Group>, &'a Item)>,
        ) {
            path.push(g);
            for i in &g.items {
                out.push((path.clone(), i));
            }
            for c in &g.groups {
                walk(c, path, out);
            }
            path.pop();
        }
        let mut out = Vec::new();
        for g in &self.groups {
            walk(g, &mut Vec::new(), &mut out);
        }
        out
    }
}

/// Short facts about a pack for listings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackSummary {
    /// Pack id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Edition.
    pub edition: String,
    /// Pack version.
    pub version: String,
    /// Profile.
    pub profile: Profile,
    /// Number of items.
    pub items: usize,
    /// `builtin` or the file it was loaded from.
    pub origin: String,
    /// File format version.
    pub format: u32,
    /// The language of the texts, and the languages they are translated into.
    pub languages: Vec<String>,
    /// The id of the loaded pack that supersedes this one, if any.
    #[serde(rename = "supersededBy")]
    pub superseded_by: Option<String>,
    /// The tiers an assessment of this pack picks from (empty: none to choose).
    pub tiers: Vec<Tier>,
}
