//! Tiers of an assessment: chosen at creation, checked against the pack, stored, carried by a
//! re-assessment and an import, and the one filter of progress, answers and scores. Fixture:
//! `crates/safe-core/tests/fixtures/tiered-trader.json`, loaded as a user pack.

use chrono::{TimeZone, Utc};

use super::*;
use crate::history::tests::from_file;
use crate::model::{AnswerInput, Status};
use crate::scoring;

const TIERED: &str = include_str!("../../tests/fixtures/tiered-trader.json");

fn stamp() -> Stamp {
    Stamp {
        at: Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("valid time"),
        by: "Ana".into(),
    }
}

/// The built-in packs plus the tiered test pack (the temp dir must outlive the library's use).
fn lib() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("tiered.json"), TIERED).expect("write pack");
    let lib = Library::load(dir.path()).expect("library");
    assert!(lib.problems().is_empty(), "{:?}", lib.problems());
    (dir, lib)
}

fn new(pack: &str, tiers: &[&str]) -> NewAssessment {
    NewAssessment {
        title: "Tiered".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        pack_id: Some(pack.into()),
        tiers: tiers.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

fn applicable(s: &Store) -> Vec<(String, usize, usize)> {
    s.list_assessments()
        .expect("list")
        .into_iter()
        .map(|x| (x.assessment.id, x.applicable, x.answered))
        .collect()
}

#[test]
fn the_chosen_tiers_are_stored_and_only_their_items_are_counted_answered_and_scored() {
    let (_dir, lib) = lib();
    let mut s = Store::open_in_memory().expect("open");
    let a = s
        .create_assessment(&lib, &new("test-tiered", &["simp"]), "a1", &stamp())
        .expect("create");
    assert_eq!(a.tiers, ["simp"]);
    assert_eq!(s.assessment("a1").expect("read").tiers, ["simp"]);
    // simp: X.1.01 (every tier) and X.2.01 (section 2); not X.1.02 nor section 3.
    assert_eq!(applicable(&s), [("a1".to_string(), 2, 0)]);
    s.save_answer("a1", "X.2.01", &AnswerInput::status(Status::Met), &stamp())
        .expect("a simplifications item is answered");
    let err = s
        .save_answer("a1", "X.1.02", &AnswerInput::status(Status::Met), &stamp())
        .expect_err("a security item is not asked")
        .to_string();
    assert!(
        err.contains("X.1.02") && err.contains("tiers") && err.contains("sec"),
        "{err}"
    );
    assert_eq!(applicable(&s), [("a1".to_string(), 2, 1)]);
    let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
    let card = scoring::score(
        &pack,
        &s.assessment("a1").expect("a"),
        &s.answers("a1").expect("answers"),
    );
    assert_eq!(card.overall.applicable, 2);
    assert_eq!(card.overall.answered, 1);
    assert!(
        card.groups
            .iter()
            .any(|g| g.id == "X.3" && g.score.applicable == 0)
    );

    let both = s
        .create_assessment(
            &lib,
            &new("test-tiered", &["sec", "simp", "sec"]),
            "a2",
            &stamp(),
        )
        .expect("both tiers");
    assert_eq!(both.tiers, ["sec", "simp"], "sorted, once each");
    assert!(applicable(&s).contains(&("a2".to_string(), 4, 0)));
}

#[test]
fn a_missing_wrong_or_needless_tier_is_refused_and_nothing_is_written() {
    let (_dir, lib) = lib();
    let mut s = Store::open_in_memory().expect("open");
    let cases = [
        (new("test-tiered", &[]), vec!["has tiers", "simp", "sec"]),
        (
            new("test-tiered", &["gold"]),
            vec!["unknown tier 'gold'", "simp, sec"],
        ),
        (new("safe2025-aeo", &["simp"]), vec!["has no tiers", "simp"]),
    ];
    for (n, parts) in cases {
        let err = s
            .create_assessment(&lib, &n, "x1", &stamp())
            .expect_err("refused");
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        let msg = err.to_string();
        for p in parts {
            assert!(msg.contains(p), "'{msg}' should name '{p}'");
        }
    }
    assert!(s.list_assessments().expect("list").is_empty());
}

#[test]
fn a_reassessment_and_an_import_keep_the_tiers() {
    let (_dir, lib) = lib();
    let mut s = Store::open_in_memory().expect("open");
    s.create_assessment(&lib, &new("test-tiered", &["sec"]), "a1", &stamp())
        .expect("create");
    let d = s
        .duplicate_assessment("a1", "a2", "Again", &stamp())
        .expect("duplicate");
    assert_eq!(d.tiers, ["sec"]);
    let bundle = s.export_bundle("a1").expect("bundle");
    let pack = s.pack("test-tiered", "1.0.0").expect("pack");
    let mut other = Store::open_in_memory().expect("open");
    let got = other
        .import_assessment(
            &pack,
            &bundle,
            "b1",
            &from_file("a1", &[]),
            &stamp(),
            &mut |_| Ok(None),
        )
        .expect("import");
    assert_eq!(got.tiers, ["sec"]);
    assert!(applicable(&other).contains(&("b1".to_string(), 3, 0)));
    let mut bad = bundle.clone();
    bad.assessment.tiers = vec!["gold".into()];
    let err = other
        .import_assessment(
            &pack,
            &bad,
            "b2",
            &from_file("a1", &[]),
            &stamp(),
            &mut |_| Ok(None),
        )
        .expect_err("unknown tier in the file")
        .to_string();
    assert!(err.contains("gold"), "{err}");
}

#[test]
fn an_assessment_without_tiers_writes_none_in_its_json() {
    let (_dir, lib) = lib();
    let mut s = Store::open_in_memory().expect("open");
    let a = s
        .create_assessment(&lib, &new("safe2025-aeo", &[]), "a1", &stamp())
        .expect("create");
    assert!(a.tiers.is_empty());
    let json = serde_json::to_string(&a).expect("json");
    assert!(!json.contains("tiers"), "{json}");
    let old: crate::model::Assessment = serde_json::from_str(&json).expect("reads back");
    assert_eq!(old, a);
}

#[test]
fn a_submission_asks_only_for_the_items_of_the_chosen_tiers() {
    let (_dir, lib) = lib();
    let mut s = Store::open_in_memory().expect("open");
    s.create_assessment(&lib, &new("test-tiered", &["simp"]), "a1", &stamp())
        .expect("create");
    let o = crate::open_assessment(&s, "a1").expect("open");
    // simp asks X.1.01 and X.2.01 only; the security items are not missing.
    assert_eq!(crate::review::missing_answers(&o), ["X.1.01", "X.2.01"]);
    for item in ["X.1.01", "X.2.01"] {
        s.save_answer("a1", item, &AnswerInput::status(Status::Met), &stamp())
            .expect("answer");
    }
    let o = crate::open_assessment(&s, "a1").expect("open");
    assert!(crate::review::missing_answers(&o).is_empty());
}
