//! What the reports of a linked assessment say about each answer that came from the assessment it
//! was started from: the source item and assessment, the relationship in words and the state
//! (carried, suggestion, confirmed, changed here, diverged). HTML, PDF and the spreadsheets read
//! them here, so the formats say the same thing.

use safe_core::crosswalk::Relationship;
use safe_core::store::DerivedState;

use crate::i18n::{Lang, T, fill};
use crate::model::{LinkRow, LinkSection, ReportData};

/// The state of an answer that came through the link, in words.
pub fn state(lang: Lang, s: DerivedState) -> &'static str {
    match s {
        DerivedState::Carried => T::LinkCarried,
        DerivedState::Suggested => T::LinkSuggested,
        DerivedState::Confirmed => T::LinkConfirmed,
        DerivedState::Changed => T::LinkChanged,
        DerivedState::Diverged => T::LinkDiverged,
    }
    .get(lang)
}

/// The relationship of the source item to this one, in words.
pub fn relationship(lang: Lang, r: Relationship) -> &'static str {
    match r {
        Relationship::Equal => T::RelEqual,
        Relationship::Subset => T::RelSubset,
        Relationship::Superset => T::RelSuperset,
        Relationship::Intersects => T::RelIntersects,
    }
    .get(lang)
}

/// The link and the link row of `item_id`, when its answer came from another assessment.
pub fn row<'a>(d: &'a ReportData, item_id: &str) -> Option<(&'a LinkSection, &'a LinkRow)> {
    let l = d.link.as_ref()?;
    l.items
        .iter()
        .find(|r| r.item_id == item_id)
        .map(|r| (l, r))
}

/// "From AEO.A.01 in “Title” (same requirement) — confirmed".
pub fn line(lang: Lang, l: &LinkSection, r: &LinkRow) -> String {
    fill(
        lang,
        T::LinkLine,
        &[
            ("item", &r.source_item),
            ("title", &l.source_title),
            ("relationship", relationship(lang, r.relationship)),
            ("state", state(lang, r.state)),
        ],
    )
}

/// The register's "Carried from" cell: "AEO.A.01 — Title (same requirement)".
pub fn carried_from(lang: Lang, l: &LinkSection, r: &LinkRow) -> String {
    format!(
        "{} — {} ({})",
        r.source_item,
        l.source_title,
        relationship(lang, r.relationship)
    )
}

/// The sentence opening the answers appendix of a linked assessment.
pub fn intro(lang: Lang, l: &LinkSection) -> String {
    let settled = l.items.iter().filter(|r| r.confirmed).count();
    fill(
        lang,
        T::LinkIntro,
        &[
            ("title", &l.source_title),
            ("pack", &l.source_pack),
            ("n", &l.items.len().to_string()),
            ("settled", &settled.to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> LinkSection {
        LinkSection {
            source_id: "src".into(),
            source_title: "SAFE 2026".into(),
            source_pack: "safe2025-aeo".into(),
            mapping: "safe2025-aeo--eu-aeo-ucc".into(),
            items: vec![
                LinkRow {
                    item_id: "EU.2.01".into(),
                    source_item: "AEO.A.01".into(),
                    relationship: Relationship::Equal,
                    state: DerivedState::Confirmed,
                    confirmed: true,
                },
                LinkRow {
                    item_id: "EU.2.02".into(),
                    source_item: "AEO.A.02".into(),
                    relationship: Relationship::Intersects,
                    state: DerivedState::Diverged,
                    confirmed: false,
                },
            ],
        }
    }

    #[test]
    fn the_line_names_item_assessment_relationship_and_state_in_both_languages() {
        let l = section();
        assert_eq!(
            line(Lang::En, &l, &l.items[0]),
            "From AEO.A.01 in “SAFE 2026” (same requirement) — confirmed"
        );
        assert_eq!(
            line(Lang::Fr, &l, &l.items[1]),
            "Issue de AEO.A.02 dans « SAFE 2026 » (exigence qui recoupe celle-ci) — \
             la réponse source a changé depuis : à confirmer"
        );
        assert_eq!(
            carried_from(Lang::En, &l, &l.items[1]),
            "AEO.A.02 — SAFE 2026 (overlapping requirement)"
        );
        assert!(intro(Lang::En, &l).contains("2 answer(s) came from it, 1 confirmed"));
    }

    #[test]
    fn every_state_and_relationship_has_its_own_words() {
        use std::collections::BTreeSet;
        for lang in [Lang::En, Lang::Fr] {
            let states: BTreeSet<_> = [
                DerivedState::Carried,
                DerivedState::Suggested,
                DerivedState::Confirmed,
                DerivedState::Changed,
                DerivedState::Diverged,
            ]
            .into_iter()
            .map(|s| state(lang, s))
            .collect();
            assert_eq!(states.len(), 5);
            let rels: BTreeSet<_> = Relationship::ALL
                .into_iter()
                .map(|r| relationship(lang, r))
                .collect();
            assert_eq!(rels.len(), 4);
        }
    }
}
