//! The crosswalk actions: how much of another pack an assessment already answers, start an
//! assessment on another pack from it, confirm an answer that came through the link, unlink.

use safe_core::catalogue::{Library, PackSummary};
use safe_core::crosswalk::{self, Coverage};
use safe_core::model::{NewAssessment, Stamp};
use safe_core::scoring::Scorecard;
use safe_core::store::{LinkInfo, Started, Store};

use crate::Result;

/// The coverage of pack `other` by assessment `id`: per item of `other` that applies to the
/// assessment's roles, covered (an `equal` link from an answered item), partly covered or not;
/// per section; the items still to answer. Refused (invalid input) for an unknown pack, the
/// assessment's own pack, or packs without a mapping (naming a mapping file that was refused).
pub fn coverage(store: &Store, lib: &Library, id: &str, other: &str) -> Result<Coverage> {
    coverage_with(store, lib, id, other, None)
}

/// [`coverage`] with the other pack's item and section titles in `lang` where it has them (the
/// app's view).
pub fn coverage_in(
    store: &Store,
    lib: &Library,
    id: &str,
    other: &str,
    lang: &str,
) -> Result<Coverage> {
    coverage_with(store, lib, id, other, Some(lang))
}

fn coverage_with(
    store: &Store,
    lib: &Library,
    id: &str,
    other: &str,
    lang: Option<&str>,
) -> Result<Coverage> {
    let a = store.assessment(id)?;
    let links = lib.crosswalk_or_refuse(&a.pack_id, other)?;
    let pack = store.pack(&a.pack_id, &a.pack_version)?;
    let answers = store.answers(id)?;
    let other = lib
        .get(other)
        .ok_or_else(|| safe_core::Error::invalid(format!("unknown pack '{other}'")))?;
    let other = match lang {
        Some(lang) => other.localized(lang).pack,
        None => other.clone(),
    };
    Ok(crosswalk::coverage(&a, &pack, &answers, &other, &links))
}

/// The packs an assessment on pack `pack_id` can be measured against or start another
/// assessment on: every other loaded pack with a crosswalk mapping to or from it, in listing
/// order, titles and tiers in `lang` where the pack has them.
pub fn targets(lib: &Library, pack_id: &str, lang: &str) -> Vec<PackSummary> {
    crate::catalogue::summaries_in(lib, lang)
        .into_iter()
        .filter(|s| s.id != pack_id && lib.crosswalk(pack_id, &s.id).is_some())
        .collect()
}

/// Starts assessment `id` (details in `new`, its pack in `new.pack_id`) from assessment `from`
/// on another pack: answers carried through the crosswalk, the two kept linked.
pub fn start_from(
    store: &mut Store,
    lib: &Library,
    new: &NewAssessment,
    from: &str,
    id: &str,
    stamp: &Stamp,
) -> Result<Started> {
    Ok(store.start_from(lib, new, from, id, stamp)?)
}

/// Confirms the answer of `item_id` that came through the link (a suggestion becomes the
/// answer; a carried or diverged answer is confirmed as it stands) and returns the new scorecard.
pub fn confirm(store: &mut Store, id: &str, item_id: &str, stamp: &Stamp) -> Result<Scorecard> {
    store.confirm(id, item_id, stamp)?;
    crate::assess::scorecard(store, id)
}

/// Removes the link of assessment `id` to the one it was started from (recorded); returns it.
pub fn unlink(store: &mut Store, id: &str, stamp: &Stamp) -> Result<LinkInfo> {
    Ok(store.unlink(id, stamp)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;

    #[test]
    fn the_targets_of_a_pack_are_the_linked_packs_in_the_language_asked() {
        let lib = Library::builtin().expect("built-in packs");
        let ids = |lang| -> Vec<String> {
            targets(&lib, "safe2025-aeo", lang)
                .into_iter()
                .map(|p| p.id)
                .collect()
        };
        let en = ids("en");
        assert!(en.contains(&"eu-aeo-ucc".to_string()), "{en:?}");
        assert!(en.contains(&"ctpat-msc".to_string()), "{en:?}");
        assert!(!en.contains(&"safe2025-aeo".to_string()), "not itself");
        assert!(
            !en.contains(&"safe2021-aeo".to_string()),
            "no mapping: {en:?}"
        );
        // Both ways: the EU pack is linked back to SAFE.
        let back: Vec<String> = targets(&lib, "eu-aeo-ucc", "en")
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert!(back.contains(&"safe2025-aeo".to_string()), "{back:?}");
        let fr = targets(&lib, "safe2025-aeo", "fr");
        let eu = fr.iter().find(|p| p.id == "eu-aeo-ucc").expect("listed");
        assert!(
            eu.title.starts_with("Opérateur économique agréé"),
            "{}",
            eu.title
        );
        assert_eq!(eu.tiers.len(), 2);
        assert!(eu.tiers[0].name.starts_with("OEAC"), "{}", eu.tiers[0].name);
    }
}
