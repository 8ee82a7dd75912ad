//! The provenance of a catalogue item as the UI sees it (pack format 2).

use safe_core::catalogue as cat;
use serde::Serialize;

/// The kind of text a requirement rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The SAFE Framework text.
    Safe,
    /// A WCO instrument that is not the Framework.
    WcoGuidance,
    /// A national or regional programme's rule.
    NationalPractice,
    /// The project's own view of good practice.
    BestPractice,
}

/// How sure the item's reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Checked against the official text.
    Verified,
    /// Partly confirmed.
    Partial,
    /// Not checked.
    Unverified,
}

/// Where a requirement comes from and how sure its reference is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// The kind of text.
    pub basis: Basis,
    /// The programme or text, when named.
    pub programme: Option<String>,
    /// How sure the reference is.
    pub confidence: Confidence,
    /// How the reference was checked.
    pub note: Option<String>,
}

impl From<&cat::Provenance> for Provenance {
    fn from(p: &cat::Provenance) -> Self {
        Provenance {
            basis: match p.basis {
                cat::Basis::Safe => Basis::Safe,
                cat::Basis::WcoGuidance => Basis::WcoGuidance,
                cat::Basis::NationalPractice => Basis::NationalPractice,
                cat::Basis::BestPractice => Basis::BestPractice,
            },
            programme: p.programme.clone(),
            confidence: match p.confidence {
                cat::Confidence::Verified => Confidence::Verified,
                cat::Confidence::Partial => Confidence::Partial,
                cat::Confidence::Unverified => Confidence::Unverified,
            },
            note: p.note.clone(),
        }
    }
}

/// A catalogue pack a new assessment could start on, for the New assessment screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PackChoice {
    /// Pack id.
    pub id: String,
    /// Title, in the UI language where the pack has it.
    pub title: String,
    /// Pack version.
    pub version: String,
    /// Who answers it.
    pub profile: super::Profile,
    /// The id of the loaded pack that supersedes it, if any.
    pub superseded_by: Option<String>,
    /// Whether a new assessment of its profile starts on it.
    pub is_default: bool,
}

impl PackChoice {
    /// Every pack of `lib`, its title in `lang`.
    pub fn all(lib: &cat::Library, lang: &str) -> Vec<PackChoice> {
        lib.packs()
            .map(|p| PackChoice {
                id: p.id.clone(),
                title: p.localized(lang).pack.title,
                version: p.version.clone(),
                profile: p.profile.into(),
                superseded_by: lib.superseded_by(&p.id).map(|s| s.id.clone()),
                is_default: lib.default_for(p.profile).is_some_and(|d| d.id == p.id),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_profile_has_exactly_one_default_pack() {
        let lib = cat::Library::builtin().expect("built-in packs load");
        let packs = PackChoice::all(&lib, "fr");
        for profile in [
            super::super::Profile::Customs,
            super::super::Profile::Trader,
        ] {
            let defaults = packs
                .iter()
                .filter(|p| p.profile == profile && p.is_default)
                .count();
            assert_eq!(defaults, 1, "{profile:?}");
        }
    }
}
