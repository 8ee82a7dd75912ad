//! The provenance of the requirements in words, and the appendix counting the applicable items by
//! basis and confidence; the note on catalogue texts that fell back to the pack's language.

use safe_core::catalogue::{Basis, Confidence, Item, Localized, Provenance};

use crate::i18n::{Lang, T, fill, language_name};
use crate::model::{LanguageFallback, ProvenanceRow};

/// The label of a basis in `lang`.
pub(crate) fn basis_label(lang: Lang, b: Basis) -> &'static str {
    match b {
        Basis::Safe => T::BasisSafe.get(lang),
        Basis::WcoGuidance => T::BasisWcoGuidance.get(lang),
        Basis::NationalPractice => T::BasisNationalPractice.get(lang),
        Basis::BestPractice => T::BasisBestPractice.get(lang),
    }
}

/// "National practice (EU AEO Guidelines) · reference not yet verified": the basis with its
/// programme, then the confidence when the reference is not verified. Empty without provenance.
pub(crate) fn label(lang: Lang, p: Option<&Provenance>) -> String {
    let Some(p) = p else {
        return String::new();
    };
    let mut s = basis_label(lang, p.basis).to_string();
    if let Some(programme) = &p.programme {
        s = format!("{s} ({programme})");
    }
    match p.confidence {
        Confidence::Verified => {}
        Confidence::Partial => s = format!("{s} · {}", T::RefPartial.get(lang)),
        Confidence::Unverified => s = format!("{s} · {}", T::RefUnverified.get(lang)),
    }
    s
}

/// The appendix rows: one per basis present among `items`, in display order, plus one for items
/// without provenance when some have it and some not. Empty when no item has provenance.
pub(crate) fn rows(lang: Lang, items: &[&Item]) -> Vec<ProvenanceRow> {
    if items.iter().all(|i| i.provenance.is_none()) {
        return Vec::new();
    }
    let count = |basis: Basis, c: Confidence| {
        items
            .iter()
            .filter_map(|i| i.provenance.as_ref())
            .filter(|p| p.basis == basis && p.confidence == c)
            .count()
    };
    let mut out: Vec<ProvenanceRow> = Basis::ALL
        .into_iter()
        .map(|b| {
            let (verified, partial, unverified) = (
                count(b, Confidence::Verified),
                count(b, Confidence::Partial),
                count(b, Confidence::Unverified),
            );
            ProvenanceRow {
                basis: Some(b),
                label: basis_label(lang, b).to_string(),
                verified,
                partial,
                unverified,
                total: verified + partial + unverified,
            }
        })
        .filter(|r| r.total > 0)
        .collect();
    let none = items.iter().filter(|i| i.provenance.is_none()).count();
    if none > 0 {
        out.push(ProvenanceRow {
            basis: None,
            label: T::NoProvenance.get(lang).to_string(),
            verified: 0,
            partial: 0,
            unverified: 0,
            total: none,
        });
    }
    out
}

/// The note on texts shown in the pack's language, when some had no translation.
pub(crate) fn fallback(lang: Lang, loc: &Localized) -> Option<LanguageFallback> {
    loc.fell_back().then(|| LanguageFallback {
        language: loc.original.clone(),
        texts: loc.missing.len(),
        note: fill(
            lang,
            T::LanguageFallback,
            &[
                ("n", &loc.missing.len().to_string()),
                ("lang", &language_name(lang, &loc.language)),
                ("original", &language_name(lang, &loc.original)),
            ],
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_names_the_programme_and_an_unverified_reference() {
        let p = Provenance {
            basis: Basis::NationalPractice,
            programme: Some("EU AEO Guidelines".into()),
            confidence: Confidence::Unverified,
            note: None,
        };
        assert_eq!(
            label(Lang::En, Some(&p)),
            "National practice (EU AEO Guidelines) · reference not yet verified"
        );
        assert_eq!(
            label(Lang::Fr, Some(&p)),
            "Pratique nationale (EU AEO Guidelines) · référence non encore vérifiée"
        );
        let verified = Provenance {
            basis: Basis::Safe,
            programme: None,
            confidence: Confidence::Verified,
            note: None,
        };
        assert_eq!(label(Lang::En, Some(&verified)), "SAFE Framework");
        assert_eq!(label(Lang::En, None), "");
    }
}
