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
