//! The ISO 28000:2022 trader pack, read as plain JSON: clauses 4 to 10 in order, every item
//! complete, provenance labelled good practice with the standard named, every text in French.

use serde_json::Value;

use safe_test_support::pack_json::{
    self as json, arr, check_all_french, check_item_complete, check_provenance, read, sections,
    text,
};

const FILE: &str = "iso28000-2022.json";

#[test]
fn clauses_4_to_10_in_order_with_pinned_item_counts() {
    let p = read(FILE);
    assert_eq!(p["format"], 2);
    assert_eq!(p["id"], "iso28000-2022");
    assert_eq!(p["version"], "1.0.1");
    assert_eq!(p["profile"], "trader");
    assert_eq!(p["language"], "en");
    assert!(
        p.get("supersedes").is_none(),
        "the first ISO pack replaces none"
    );
    let got: Vec<(&str, &str, usize)> = sections(&p)
        .iter()
        .map(|(g, items)| (text(g, "code"), text(g, "title"), items.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("4", "Context of the organization", 5),
            ("5", "Leadership", 4),
            ("6", "Planning", 4),
            ("7", "Support", 5),
            ("8", "Operation", 7),
            ("9", "Performance evaluation", 3),
            ("10", "Improvement", 2),
        ]
    );
    for (g, items) in sections(&p) {
        let code = text(g, "code");
        assert_eq!(text(g, "id"), format!("ISO.{code}"));
        assert_eq!(text(g, "kind"), "section");
        assert!(
            text(g, "reference").starts_with(&format!("ISO 28000:2022, clause {code} (")),
            "{}: reference names the clause",
            text(g, "id")
        );
        // Items follow the subclause order of their clause: 4.1, 4.2.1, 4.2.2, ...
        let mut last: Vec<u32> = Vec::new();
        for (n, i) in items.iter().enumerate() {
            let id = text(i, "id");
            assert_eq!(
                id,
                format!("ISO.{code}.{:02}", n + 1),
                "ids numbered in order"
            );
            let reference = text(i, "reference");
            let clause = reference
                .strip_prefix("ISO 28000:2022, clause ")
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or_else(|| panic!("{id}: reference names a clause: {reference}"));
            let parts: Vec<u32> = clause
                .split('.')
                .map(|x| {
                    x.parse()
                        .unwrap_or_else(|_| panic!("{id}: clause {clause}"))
                })
                .collect();
            assert_eq!(
                parts[0].to_string(),
                code,
                "{id}: subclause {clause} of clause {code}"
            );
            assert!(parts >= last, "{id}: subclause {clause} out of order");
            last = parts;
        }
    }
}

#[test]
fn every_item_is_complete_for_all_roles_and_mandatory() {
    let p = read(FILE);
    let mut ids = std::collections::HashSet::new();
    let mut aims = std::collections::HashSet::new();
    for (g, items) in sections(&p) {
        assert!(ids.insert(text(g, "id")));
        assert!(
            !arr(g, "instruments").is_empty(),
            "{}: instruments",
            text(g, "id")
        );
        for i in items {
            let id = text(i, "id");
            assert!(ids.insert(id), "{id}: duplicate id");
            check_item_complete(i);
            let roles: Vec<&str> = arr(i, "roles").iter().filter_map(Value::as_str).collect();
            assert_eq!(
                roles,
                ["all"],
                "{id}: a management system applies to every role"
            );
            assert_eq!(
                i["mandatory"], true,
                "{id}: certification needs every requirement of clauses 4 to 10"
            );
            aims.insert(text(i, "aim"));
        }
    }
    assert_eq!(aims.len(), 3, "every aim is served");
}

#[test]
fn provenance_is_good_practice_naming_the_standard_and_clause_8_is_not_verified() {
    let p = read(FILE);
    for (g, items) in sections(&p) {
        for v in std::iter::once(g).chain(items.iter()) {
            let pr = check_provenance(v, &["best-practice"]);
            assert_eq!(
                text(pr, "programme"),
                "ISO 28000:2022",
                "{}: the standard is named",
                text(v, "id")
            );
            if text(g, "code") == "8" {
                assert_ne!(
                    text(pr, "confidence"),
                    "verified",
                    "{}: clause 8 subclause titles were not seen in the standard",
                    text(v, "id")
                );
            }
        }
    }
}

#[test]
fn texts_paraphrase_the_standard_and_are_complete_in_french() {
    let p = read(FILE);
    check_all_french(&p);
    let mut texts = Vec::new();
    json::all_texts(&p["groups"], &mut texts);
    for t in &texts {
        // The standard states its requirements with "shall"; the pack says them in its own words.
        assert!(
            !t.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("shall")),
            "normative wording copied from the standard? {t}"
        );
    }
    let fr = &p["translations"]["fr"];
    assert!(text(fr, "title").contains("management de la sécurité"));
}

#[test]
fn the_pack_loads_and_safe_2025_stays_the_default_for_traders() {
    let lib = safe_core::catalogue::Library::builtin().expect("built-in packs load");
    let pack = lib.get("iso28000-2022").expect("built in");
    assert_eq!(pack.items().len(), 30);
    let default = lib
        .default_for(safe_core::catalogue::Profile::Trader)
        .expect("a default trader pack");
    assert_eq!(default.id, "safe2025-aeo");
}

#[test]
fn crosswalk_from_safe_2025_aeo_joins_existing_items() {
    let links = json::check_crosswalk(
        "safe2025-aeo--iso28000-2022.json",
        &read("safe2025-aeo.json"),
        &read(FILE),
    );
    assert!(links.len() >= 20, "{} links", links.len());
    // No published item-level comparison exists: every link is the project's own analysis, and
    // none claims that answering a SAFE item answers an ISO clause outright.
    for l in &links {
        assert_ne!(l["relationship"], "equal", "{l}");
        assert!(
            l.get("basis").is_none(),
            "{l}: no published comparison to cite"
        );
    }
    let to: std::collections::HashSet<&str> = links.iter().map(|l| text(l, "to")).collect();
    for clause in ["ISO.6.02", "ISO.8.06", "ISO.9.02", "ISO.9.03"] {
        assert!(
            to.contains(clause),
            "risk, plans, audit and review are linked: {clause}"
        );
    }
}
