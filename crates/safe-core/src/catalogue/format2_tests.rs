//! Format 2: provenance, supersedes and translations at load, supersession in the library, and
//! localisation. Fixtures: `crates/safe-core/tests/fixtures/{old,new}-trader.json`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

use super::*;

const OLD: &str = include_str!("../../tests/fixtures/old-trader.json");
const NEW: &str = include_str!("../../tests/fixtures/new-trader.json");

fn parse(json: &str) -> crate::Result<Pack> {
    Pack::parse("p.json", json, &builtin_roles())
}

fn refused(json: &str) -> String {
    match parse(json) {
        Ok(_) => panic!("the pack should be refused"),
        Err(e) => e.to_string(),
    }
}

fn assert_names(msg: &str, parts: &[&str]) {
    for p in parts.iter().chain(&["p.json"]) {
        assert!(msg.contains(p), "message '{msg}' should name '{p}'");
    }
}

#[test]
fn both_formats_load_and_format_1_gets_warnings_only() {
    let old = parse(OLD).expect("format 1 loads");
    assert_eq!(old.language(), "en");
    let w = old.warnings();
    assert!(
        w.iter().any(|w| w.contains("provenance")) && w.iter().any(|w| w.contains("translations")),
        "{w:?}"
    );
    let new = parse(NEW).expect("format 2 loads");
    assert!(new.warnings().is_empty(), "{:?}", new.warnings());
    let p = new
        .item("T.A.03")
        .and_then(|i| i.provenance.clone())
        .expect("provenance");
    assert_eq!(p.basis, Basis::NationalPractice);
    assert_eq!(p.programme.as_deref(), Some("EU AEO Guidelines"));
    assert_eq!(p.confidence, Confidence::Unverified);
}

#[test]
fn format_1_serialises_as_before() {
    let old = parse(OLD).expect("format 1 loads");
    let json = serde_json::to_value(&old).expect("json");
    for field in ["language", "supersedes", "translations"] {
        assert!(
            json.get(field).is_none(),
            "no '{field}' written for format 1"
        );
    }
    assert!(
        !serde_json::to_string(&old)
            .expect("json")
            .contains("provenance")
    );
}

#[test]
fn format_2_fields_in_a_format_1_pack_are_refused() {
    let with_prov = OLD.replace(
        "\"aim\": \"prevent-exploitation\" },",
        "\"aim\": \"prevent-exploitation\", \"provenance\": {\"basis\":\"safe\",\"confidence\":\"verified\"} },",
    );
    assert_names(&refused(&with_prov), &["T.A.01", "provenance", "format"]);
    let with_lang = OLD.replace("\"format\": 1,", "\"format\": 1, \"language\": \"en\",");
    assert_names(&refused(&with_lang), &["language", "format"]);
}

#[test]
fn bad_provenance_is_refused_naming_the_id_and_field() {
    let cases: [(String, &[&str]); 5] = [
        (
            NEW.replace(
                "\"aim\": \"protect-critical-nodes\",\n          \"provenance\": { \"basis\": \"best-practice\", \"confidence\": \"unverified\" }",
                "\"aim\": \"protect-critical-nodes\"",
            ),
            &["T.A.04", "provenance", "missing"],
        ),
        (
            NEW.replace("\"basis\": \"best-practice\"", "\"basis\": \"folklore\""),
            &["folklore"],
        ),
        (
            NEW.replace("\"confidence\": \"verified\"", "\"confidence\": \"certain\""),
            &["certain"],
        ),
        (
            NEW.replace("\"programme\": \"EU AEO Guidelines\", ", ""),
            &["T.A.03", "provenance.programme", "national-practice"],
        ),
        (
            NEW.replace(
                "\"note\": \"Section title seen in a reproduction.\"",
                "\"note\": \" \"",
            ),
            &["T.A", "provenance.note", "empty"],
        ),
    ];
    for (json, parts) in cases {
        assert_names(&refused(&json), parts);
    }
    let no_lang = NEW.replace("\"language\": \"en\",", "");
    assert_names(&refused(&no_lang), &["language", "missing"]);
}

#[test]
fn bad_supersedes_is_refused() {
    let cases: [(String, &[&str]); 4] = [
        (
            NEW.replace("\"to\": [\"T.A.04\"]", "\"to\": [\"T.A.99\"]"),
            &["supersedes", "'to'", "T.A.99"],
        ),
        (
            NEW.replace(
                "\"from\": [\"T.A.02\"], \"to\": []",
                "\"from\": [\"T.A.01\"], \"to\": []",
            ),
            &["supersedes", "T.A.01", "earlier change"],
        ),
        (
            NEW.replace("\"note\": \"smart security devices\"", "\"note\": \"\""),
            &["supersedes change 3", "note", "empty"],
        ),
        (
            NEW.replace(
                "\"kind\": \"withdrawn\", \"from\": [\"T.A.02\"], \"to\": []",
                "\"kind\": \"split\", \"from\": [\"T.A.02\"], \"to\": [\"T.A.03\"]",
            ),
            &["supersedes change 2", "split"],
        ),
    ];
    for (json, parts) in cases {
        assert_names(&refused(&json), parts);
    }
}

#[test]
fn bad_translations_are_refused() {
    let cases: [(String, &[&str]); 5] = [
        (
            NEW.replace("\"T.A.03\": { \"title\"", "\"T.Z.03\": { \"title\""),
            &["translations 'fr'", "T.Z.03", "unknown item"],
        ),
        (
            NEW.replace(
                "\"T.A\": { \"title\": \"Conformité\"",
                "\"T.Q\": { \"title\": \"Conformité\"",
            ),
            &["translations 'fr'", "T.Q", "unknown group"],
        ),
        (
            NEW.replace("[\"Registre\", \"Attestation\"]", "[\"Registre\"]"),
            &["T.A.01", "evidence", "1 entries", "has 2"],
        ),
        (
            NEW.replace("\"title\": \"Scellés\"", "\"title\": \"\""),
            &["translations 'fr'", "T.A.03", "title", "empty"],
        ),
        (
            NEW.replace("\"fr\": {\n      \"title\"", "\"EN\": {\n      \"title\""),
            &["translations", "EN"],
        ),
    ];
    for (json, parts) in cases {
        assert_names(&refused(&json), parts);
    }
}

#[test]
fn localized_uses_the_translation_and_lists_what_fell_back() {
    let pack = parse(NEW).expect("loads");
    let fr = pack.localized("fr");
    assert_eq!(fr.pack.title, "Pack OEA d'essai, 2025");
    assert_eq!(fr.pack.groups[0].title, "Conformité");
    assert_eq!(fr.pack.groups[0].instruments[0], "Guide du validateur");
    let i = fr.pack.item("T.A.01").expect("item");
    assert_eq!(i.evidence, ["Registre", "Attestation"]);
    assert_eq!(
        i.provenance.as_ref().and_then(|p| p.note.as_deref()),
        Some("Vérifié sur le texte officiel.")
    );
    let seals = fr.pack.item("T.A.03").expect("item");
    assert_eq!(seals.title, "Scellés");
    assert_eq!(seals.requirement, "Seals are checked.", "falls back");
    assert!(fr.fell_back());
    assert_eq!(fr.original, "en");
    for m in [
        "pack edition",
        "item T.A.03 requirement",
        "item T.A.04 title",
    ] {
        assert!(fr.missing.iter().any(|x| x == m), "{m} in {:?}", fr.missing);
    }
    assert!(!fr.missing.iter().any(|x| x.starts_with("item T.A.01")));
    assert!(fr.pack.translations.is_empty());
    // Scores, ids and criticality are untouched.
    assert_eq!(fr.pack.items().len(), pack.items().len());

    let en = pack.localized("en");
    assert!(!en.fell_back());
    assert_eq!(en.pack.title, pack.title);

    let old = parse(OLD).expect("loads").localized("fr");
    assert!(old.fell_back(), "a format 1 pack has no French");
    assert_eq!(old.pack.groups[0].title, "Compliance");
}

#[test]
fn roles_are_complete_in_french() {
    let roles = builtin_roles();
    assert_eq!(roles.len(), 14);
    for r in &roles {
        let fr = r
            .translations
            .get("fr")
            .unwrap_or_else(|| panic!("{} has French", r.id));
        assert!(
            !fr.name.trim().is_empty() && !fr.description.trim().is_empty(),
            "{}",
            r.id
        );
        assert_ne!(fr.name, r.name, "{} name is translated", r.id);
        assert_ne!(
            fr.description, r.description,
            "{} description is translated",
            r.id
        );
    }
    let fr = localized_roles(&roles, "fr");
    let wk = fr
        .iter()
        .find(|r| r.id == "warehouse-keeper")
        .expect("role");
    assert_eq!(wk.name, "Entrepositaire");
    assert_eq!(localized_roles(&roles, "en")[0].name, roles[0].name);
}

#[test]
fn a_superseded_pack_is_labelled_and_not_the_default() {
    let lib = Library::with_builtin(&[("old.json", OLD), ("new.json", NEW)]).expect("loads");
    assert_eq!(
        lib.superseded_by("test-aeo-2021").map(|p| p.id.as_str()),
        Some("test-aeo-2025")
    );
    assert!(lib.superseded_by("test-aeo-2025").is_none());
    assert_eq!(
        lib.default_for(Profile::Trader).map(|p| p.id.as_str()),
        Some("test-aeo-2025")
    );
    let s = lib.summaries();
    let old = s.iter().find(|p| p.id == "test-aeo-2021").expect("listed");
    assert_eq!(old.superseded_by.as_deref(), Some("test-aeo-2025"));
    let new = s.iter().find(|p| p.id == "test-aeo-2025").expect("listed");
    assert_eq!(new.superseded_by, None);
    assert_eq!(new.languages, ["en", "fr"]);
    let json = serde_json::to_value(old).expect("json");
    assert_eq!(json["supersededBy"], "test-aeo-2025");

    // Without the newer pack the older one is the default again.
    let alone = Library::with_builtin(&[("old.json", OLD)]).expect("loads");
    assert_eq!(
        alone.default_for(Profile::Trader).map(|p| p.id.as_str()),
        Some("test-aeo-2021")
    );
}

#[test]
fn a_users_own_pack_is_not_the_default_while_a_builtin_one_is_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let own = NEW
        .replace("test-aeo-2025", "national-aeo")
        .replace("2025-09-01", "2026-01-01")
        .replace(
            "\"pack\": \"test-aeo-2021\"",
            "\"pack\": \"national-aeo-2020\"",
        );
    std::fs::write(dir.path().join("own.json"), own).expect("write");
    let lib = Library::with_builtin(&[("old.json", OLD), ("new.json", NEW)])
        .and_then(|l| l.with_user_dir(dir.path()))
        .expect("loads");
    assert!(lib.problems().is_empty(), "{:?}", lib.problems());
    assert_eq!(
        lib.default_for(Profile::Trader).map(|p| p.id.as_str()),
        Some("test-aeo-2025")
    );
}

#[test]
fn supersedes_is_checked_against_the_older_pack_when_loaded() {
    let bad_from = NEW.replace("\"from\": [\"T.A.02\"]", "\"from\": [\"T.A.77\"]");
    let err = Library::with_builtin(&[("old.json", OLD), ("new.json", &bad_from)])
        .err()
        .map(|e| e.to_string())
        .expect("refused");
    assert!(
        err.contains("T.A.77") && err.contains("from") && err.contains("test-aeo-2021"),
        "{err}"
    );

    // A user pack with the same fault is reported and skipped; the others load.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("mine.json"), &bad_from).expect("write");
    let lib = Library::with_builtin(&[("old.json", OLD)])
        .and_then(|l| l.with_user_dir(dir.path()))
        .expect("loads");
    assert!(lib.get("test-aeo-2025").is_none());
    assert!(lib.problems()[0].message.contains("T.A.77"));
    assert!(lib.superseded_by("test-aeo-2021").is_none());

    let customs = OLD
        .replace("\"trader\"", "\"customs\"")
        .replace("\"roles\": [\"all\"], ", "");
    let customs = customs.replace("\"roles\": [\"carrier-road\"], ", "");
    let err = Library::with_builtin(&[("old.json", &customs), ("new.json", NEW)])
        .err()
        .map(|e| e.to_string())
        .expect("refused");
    assert!(
        err.contains("supersedes.pack") && err.contains("customs"),
        "{err}"
    );
}

#[path = "tiers_tests.rs"]
mod tiers;

#[test]
fn the_default_is_the_safe_lineage_not_the_newest_programme_pack() {
    let safe2021 = include_str!("../../../../assets/catalogue/safe2021-aeo.json");
    let safe2025 = include_str!("../../../../assets/catalogue/safe2025-aeo.json");
    // A programme pack dated after the newest SAFE edition (CTPAT as if revised in 2030).
    let ctpat = include_str!("../../../../assets/catalogue/ctpat-msc.json").replacen(
        "\"date\": \"2020-01-01\"",
        "\"date\": \"2030-01-01\"",
        1,
    );
    assert!(ctpat.contains("2030-01-01"), "the fixture changed the date");
    let lib = Library::with_builtin(&[
        ("safe2021-aeo.json", safe2021),
        ("safe2025-aeo.json", safe2025),
        ("ctpat-msc.json", &ctpat),
    ])
    .expect("loads");
    let ids = |l: &Library| l.default_for(Profile::Trader).map(|p| p.id.clone());
    assert_eq!(ids(&lib).as_deref(), Some("safe2025-aeo"));
    let pack = |id: &str| lib.get(id).expect("loaded");
    assert!(lib.is_safe_lineage(pack("safe2021-aeo")));
    assert!(lib.is_safe_lineage(pack("safe2025-aeo")));
    assert!(!lib.is_safe_lineage(pack("ctpat-msc")));

    // Without any SAFE pack of the profile, the newest built-in pack is the default again.
    let alone = Library::with_builtin(&[("ctpat-msc.json", &ctpat)]).expect("loads");
    assert_eq!(ids(&alone).as_deref(), Some("ctpat-msc"));
    // And the whole built-in set keeps SAFE 2025 for both profiles.
    let all = Library::builtin().expect("loads");
    assert_eq!(ids(&all).as_deref(), Some("safe2025-aeo"));
    assert_eq!(
        all.default_for(Profile::Customs).map(|p| p.id.as_str()),
        Some("safe2025-customs")
    );
}
