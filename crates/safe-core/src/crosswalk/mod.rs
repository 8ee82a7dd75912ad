//! The crosswalk: item-to-item links between two packs (`assets/crosswalk/`, format in
//! `assets/crosswalk/README.md`), what an assessment already answers of another pack
//! ([`coverage`]) and the live link between an assessment and one started from it (the store's
//! `links` module).
//!
//! A mapping file is parsed into [`Mapping`] and checked against the loaded packs by
//! [`Mapping::parse`]; [`Library`](crate::catalogue::Library) holds the mappings that pass and
//! reads each in both directions as a [`Crosswalk`] (subset and superset swapped backwards).

pub mod builtin;
mod coverage;
#[cfg(test)]
pub(crate) mod tests;

pub use coverage::{CoverState, Coverage, CoverageItem, CoverageLink, SectionCoverage, coverage};

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::catalogue::{ChangeKind, Pack};

/// How the FROM item of a link stands to the TO item (as in NIST OSCAL mappings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Relationship {
    /// The same requirement: answering one honestly answers the other.
    Equal,
    /// FROM asks for only part of TO.
    Subset,
    /// FROM asks for all of TO and more.
    Superset,
    /// They overlap.
    Intersects,
}

impl Relationship {
    /// All relationships.
    pub const ALL: [Relationship; 4] = [
        Relationship::Equal,
        Relationship::Subset,
        Relationship::Superset,
        Relationship::Intersects,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::Subset => "subset",
            Relationship::Superset => "superset",
            Relationship::Intersects => "intersects",
        }
    }

    /// Parses a slug.
    pub fn parse(s: &str) -> Option<Relationship> {
        Relationship::ALL.into_iter().find(|r| r.slug() == s)
    }

    /// The relationship read the other way round (TO relative to FROM).
    pub fn reversed(self) -> Relationship {
        match self {
            Relationship::Subset => Relationship::Superset,
            Relationship::Superset => Relationship::Subset,
            other => other,
        }
    }
}

/// Where a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkBasis {
    /// A published comparison of the two texts.
    PublishedComparison,
    /// The project's own analysis of the two texts.
    ProjectAnalysis,
}

/// The provenance of a whole mapping file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingProvenance {
    /// The basis of every link that does not say otherwise.
    pub basis: LinkBasis,
    /// The published comparison, or "Project's own analysis of the two texts".
    pub source: String,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A mapping's texts in another language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingText {
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One link as written in a mapping file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Item id of the FROM pack.
    pub from: String,
    /// Item id of the TO pack.
    pub to: String,
    /// FROM relative to TO.
    pub relationship: Relationship,
    /// Why these items meet, in one line.
    pub rationale: String,
    /// Overrides the file's basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LinkBasis>,
}

/// A mapping file (format 1): the links from the items of one pack to those of another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// File format version (1).
    pub format: u32,
    /// Stable id, `<from>--<to>`.
    pub id: String,
    /// The FROM pack id.
    pub from: String,
    /// The TO pack id.
    pub to: String,
    /// Title.
    pub title: String,
    /// Texts in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, MappingText>,
    /// Where the links come from.
    pub provenance: MappingProvenance,
    /// The links.
    pub links: Vec<Link>,
}

/// The mapping file format this version reads.
pub const FORMAT: u32 = 1;

impl Mapping {
    /// Parses a mapping file and checks it against the loaded packs (`pack` looks one up by
    /// id). The message names the link (its number, from 1, and its ids) and the field.
    pub fn parse<'a>(
        json: &str,
        pack: impl Fn(&str) -> Option<&'a Pack>,
    ) -> std::result::Result<Mapping, String> {
        let m: Mapping =
            serde_json::from_str(json).map_err(|e| format!("not a valid mapping: {e}"))?;
        m.check(pack)?;
        Ok(m)
    }

    fn check<'a>(
        &self,
        pack: impl Fn(&str) -> Option<&'a Pack>,
    ) -> std::result::Result<(), String> {
        if self.format != FORMAT {
            return Err(format!(
                "field 'format': format {} is not known (this version reads format {FORMAT})",
                self.format
            ));
        }
        for (field, v) in [("id", &self.id), ("title", &self.title)] {
            if v.trim().is_empty() {
                return Err(format!("field '{field}' is empty"));
            }
        }
        if self.provenance.source.trim().is_empty() {
            return Err("field 'provenance.source' is empty".into());
        }
        if self.from == self.to {
            return Err(format!(
                "fields 'from' and 'to': the mapping links pack '{}' to itself (a loop)",
                self.from
            ));
        }
        let from = pack(&self.from)
            .ok_or_else(|| format!("field 'from': pack '{}' is not loaded", self.from))?;
        let to = pack(&self.to)
            .ok_or_else(|| format!("field 'to': pack '{}' is not loaded", self.to))?;
        let from_ids: HashSet<&str> = from.items().iter().map(|i| i.id.as_str()).collect();
        let to_ids: HashSet<&str> = to.items().iter().map(|i| i.id.as_str()).collect();
        let mut seen = HashSet::new();
        for (n, l) in self.links.iter().enumerate() {
            let name = format!("link {} ({} -> {})", n + 1, l.from, l.to);
            for (field, id, p, ids) in [
                ("from", &l.from, from, &from_ids),
                ("to", &l.to, to, &to_ids),
            ] {
                if !ids.contains(id.as_str()) {
                    return Err(format!("{name}: field '{field}': {}", missing(p, id)));
                }
            }
            if l.rationale.trim().is_empty() {
                return Err(format!("{name}: field 'rationale' is empty"));
            }
            if !seen.insert((l.from.as_str(), l.to.as_str())) {
                return Err(format!("{name}: the pair is linked twice"));
            }
        }
        Ok(())
    }

    /// The basis of a link: its own, or the file's.
    pub fn basis_of(&self, link: &Link) -> LinkBasis {
        link.basis.unwrap_or(self.provenance.basis)
    }
}

/// Why an item id is not in a pack: withdrawn by it, or unknown.
fn missing(pack: &Pack, id: &str) -> String {
    let withdrawn = pack.supersedes.as_ref().is_some_and(|s| {
        s.changes
            .iter()
            .any(|c| c.kind == ChangeKind::Withdrawn && c.from.iter().any(|f| f == id))
    });
    if withdrawn {
        format!(
            "item '{id}' was withdrawn from pack {} {}: a link cannot name it",
            pack.id, pack.version
        )
    } else {
        format!("item '{id}' is not in pack {} {}", pack.id, pack.version)
    }
}

/// A link read in one direction: from an item of [`Crosswalk::from`] to one of
/// [`Crosswalk::to`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Directed {
    /// Item of the FROM pack.
    pub from: String,
    /// Item of the TO pack.
    pub to: String,
    /// FROM relative to TO (swapped when the file is read backwards).
    pub relationship: Relationship,
    /// Why they meet.
    pub rationale: String,
    /// Where the link comes from.
    pub basis: LinkBasis,
}

/// The links between two packs, read from one to the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Crosswalk {
    /// The mapping's id.
    pub mapping: String,
    /// The mapping's title.
    pub title: String,
    /// The pack read from.
    pub from: String,
    /// The pack read to.
    pub to: String,
    /// True when the file maps `to` to `from` and is read backwards.
    pub reversed: bool,
    /// The links, in file order.
    pub links: Vec<Directed>,
}

impl Crosswalk {
    /// The mapping read from its FROM pack to its TO pack (`reversed` false) or the other way.
    pub fn of(m: &Mapping, reversed: bool) -> Crosswalk {
        let links = m
            .links
            .iter()
            .map(|l| {
                let (from, to, relationship) = if reversed {
                    (l.to.clone(), l.from.clone(), l.relationship.reversed())
                } else {
                    (l.from.clone(), l.to.clone(), l.relationship)
                };
                Directed {
                    from,
                    to,
                    relationship,
                    rationale: l.rationale.clone(),
                    basis: m.basis_of(l),
                }
            })
            .collect();
        let (from, to) = if reversed {
            (m.to.clone(), m.from.clone())
        } else {
            (m.from.clone(), m.to.clone())
        };
        Crosswalk {
            mapping: m.id.clone(),
            title: m.title.clone(),
            from,
            to,
            reversed,
            links,
        }
    }
}
