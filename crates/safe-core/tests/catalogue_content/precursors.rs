//! The customs pack on precursor chemicals and strategic goods (WCO Programme Global Shield,
//! STCE), read as plain JSON: its sections in order, every item complete, provenance that says
//! which WCO text an item rests on, every text in French with the WCO French terms.

use safe_test_support::pack_json::{
    all_texts, arr, check_all_french, check_crosswalk, check_item_complete, check_provenance, read,
    sections, text,
};

const FILE: &str = "wco-precursors.json";
const PGS: &str = "WCO Programme Global Shield";
const STCE: &str = "WCO Strategic Trade Control Enforcement Implementation Guide (2023)";

#[test]
fn sections_a_to_h_in_order_with_pinned_item_counts() {
    let p = read(FILE);
    assert_eq!(p["format"], 2);
    assert_eq!(p["id"], "wco-precursors");
    assert_eq!(p["version"], "1.0.0");
    assert_eq!(p["profile"], "customs");
    assert_eq!(p["language"], "en");
    let got: Vec<(&str, &str, usize)> = sections(&p)
        .iter()
        .map(|(g, items)| (text(g, "code"), text(g, "title"), items.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("A", "Legal powers and national framework", 4),
            ("B", "Risk assessment, profiling and targeting", 5),
            ("C", "Information sharing with partner administrations", 3),
            ("D", "Inter-agency cooperation", 3),
            ("E", "Detection equipment and safe handling", 4),
            ("F", "Training and awareness", 3),
            ("G", "Cooperation with industry", 3),
            ("H", "Operations, capacity and performance", 3),
        ]
    );
    for (g, items) in sections(&p) {
        let code = text(g, "code");
        assert_eq!(text(g, "id"), format!("PGS.{code}"));
        assert_eq!(text(g, "kind"), "section");
        for (n, i) in items.iter().enumerate() {
            assert_eq!(text(i, "id"), format!("PGS.{code}.{:02}", n + 1));
        }
    }
}

#[test]
fn every_item_is_complete_without_roles() {
    let p = read(FILE);
    let mut aims = std::collections::HashSet::new();
    for (g, items) in sections(&p) {
        assert!(
            !arr(g, "instruments").is_empty(),
            "{}: instruments",
            text(g, "id")
        );
        for i in items {
            check_item_complete(i);
            assert!(
                i.get("roles").is_none(),
                "{}: customs items carry no roles",
                text(i, "id")
            );
            aims.insert(text(i, "aim"));
        }
    }
    assert_eq!(aims.len(), 3, "every aim is served");
}

#[test]
fn provenance_names_the_wco_text_or_says_good_practice() {
    let p = read(FILE);
    let mut counts = std::collections::BTreeMap::new();
    for (g, items) in sections(&p) {
        for v in std::iter::once(g).chain(items.iter()) {
            let id = text(v, "id");
            let pr = check_provenance(v, &["wco-guidance", "best-practice"]);
            let reference = text(v, "reference");
            assert!(
                reference.contains("WCO"),
                "{id}: reference names WCO: {reference}"
            );
            match text(pr, "basis") {
                "wco-guidance" => assert!(
                    [PGS, STCE].contains(&text(pr, "programme")),
                    "{id}: names Programme Global Shield or the STCE guide"
                ),
                _ => {
                    assert_eq!(
                        text(pr, "confidence"),
                        "unverified",
                        "{id}: good practice found in no WCO text"
                    );
                    assert!(
                        reference.contains("good practice"),
                        "{id}: the reference says it is good practice"
                    );
                }
            }
            if !arr(v, "evidence").is_empty() {
                *counts.entry(text(pr, "basis")).or_insert(0) += 1;
            }
        }
    }
    assert!(
        counts.get("wco-guidance").copied().unwrap_or(0) > 20,
        "most items rest on WCO texts: {counts:?}"
    );
}

#[test]
fn every_text_is_in_french_with_the_wco_terms() {
    let p = read(FILE);
    check_all_french(&p);
    let mut fr = Vec::new();
    all_texts(&p["translations"]["fr"], &mut fr);
    let fr = fr.join("\n");
    for term in [
        "Programme Global Shield",
        "précurseurs d'explosifs",
        "contrôle du commerce stratégique",
        "ciblage",
        "évaluation des risques",
        "engins explosifs improvisés",
        "biens à double usage",
    ] {
        assert!(fr.contains(term), "French uses the WCO term '{term}'");
    }
    assert!(
        !fr.contains("Bouclier"),
        "the programme keeps its name in French"
    );
}

#[test]
fn the_pack_loads_and_safe_2025_stays_the_default_for_customs() {
    let lib = safe_core::catalogue::Library::builtin().expect("built-in packs load");
    let pack = lib.get("wco-precursors").expect("built in");
    assert_eq!(pack.items().len(), 28);
    let default = lib
        .default_for(safe_core::catalogue::Profile::Customs)
        .expect("a default customs pack");
    assert_eq!(default.id, "safe2025-customs");
}

#[test]
fn crosswalk_from_safe_2025_customs_joins_existing_items() {
    let links = check_crosswalk(
        "safe2025-customs--wco-precursors.json",
        &read("safe2025-customs.json"),
        &read(FILE),
    );
    assert!(links.len() >= 15, "{} links", links.len());
    for l in &links {
        // SAFE asks for general security controls, the pack for precursor-specific ones.
        assert_ne!(l["relationship"], "equal", "{l}");
    }
    let to: std::collections::HashSet<&str> = links.iter().map(|l| text(l, "to")).collect();
    for item in ["PGS.A.01", "PGS.B.01", "PGS.C.02", "PGS.D.01", "PGS.E.01"] {
        assert!(
            to.contains(item),
            "legal powers, profiles, exchange, cooperation and detection are linked: {item}"
        );
    }
}
