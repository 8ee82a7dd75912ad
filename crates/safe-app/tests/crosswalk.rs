//! The crosswalk actions against a real (temporary) database, with a user pack and a user
//! mapping from `tests/fixtures/crosswalk/` (installed as a user would: in the catalogue folder).
#![allow(clippy::expect_used, clippy::unwrap_used)]

use safe_app::{assess, crosswalk};
use safe_core::catalogue::{Library, Profile};
use safe_core::crosswalk::CoverState;
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{DerivedState, Store, user_catalogue_dir};

fn setup() -> (tempfile::TempDir, Store, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db.sqlite");
    let cat = user_catalogue_dir(&db);
    std::fs::create_dir_all(cat.join("crosswalk")).unwrap();
    let fx =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/crosswalk");
    std::fs::copy(fx.join("national-aeo.json"), cat.join("national-aeo.json")).unwrap();
    std::fs::copy(
        fx.join("safe2025-aeo--national-aeo.json"),
        cat.join("crosswalk/safe2025-aeo--national-aeo.json"),
    )
    .unwrap();
    let lib = Library::load(&cat).expect("library");
    assert!(lib.problems().is_empty(), "{:?}", lib.problems());
    (dir, Store::open(&db).expect("store"), lib)
}

fn trader(pack: &str) -> NewAssessment {
    NewAssessment {
        title: format!("On {pack}"),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: "Acme".into(),
        pack_id: Some(pack.into()),
        ..NewAssessment::default()
    }
}

#[test]
fn coverage_then_start_from_then_diverge_and_confirm() {
    let (_d, mut s, lib) = setup();
    let me = Stamp::now("Ana");
    assess::create(&mut s, &lib, &trader("safe2025-aeo"), "src", &me).unwrap();
    for (item, st) in [
        ("AEO.A.01", Status::Met),
        ("AEO.A.02", Status::PartiallyMet),
    ] {
        assess::save_answer(&mut s, "src", item, &AnswerInput::status(st), &me).unwrap();
    }
    let c = crosswalk::coverage(&s, &lib, "src", "national-aeo").unwrap();
    let states: Vec<(&str, CoverState)> = c
        .items
        .iter()
        .map(|i| (i.item_id.as_str(), i.state))
        .collect();
    assert_eq!(
        states,
        [
            ("N.A.01", CoverState::Covered),
            ("N.A.02", CoverState::Partly),
            ("N.B.01", CoverState::NotCovered)
        ],
        "N.B.02 is for exporters: not shown to an importer"
    );
    assert_eq!(c.to_answer, ["N.A.02", "N.B.01"]);
    assert_eq!(c.sections[0].percent, 50.0);

    let started =
        crosswalk::start_from(&mut s, &lib, &trader("national-aeo"), "src", "der", &me).unwrap();
    assert_eq!((started.carried.len(), started.suggested.len()), (1, 1));
    let card = assess::scorecard(&s, "der").unwrap();
    assert_eq!(card.overall.answered, 1, "a suggestion does not count");

    assess::save_answer(
        &mut s,
        "src",
        "AEO.A.01",
        &AnswerInput::status(Status::NotMet),
        &me,
    )
    .unwrap();
    let linked = s.linked("der").unwrap().unwrap();
    assert_eq!(linked.item("N.A.01").unwrap().state, DerivedState::Diverged);

    let card = crosswalk::confirm(&mut s, "der", "N.A.02", &me).unwrap();
    assert_eq!(card.overall.answered, 2, "the confirmed suggestion counts");
    crosswalk::confirm(&mut s, "der", "N.A.01", &me).unwrap();
    let linked = s.linked("der").unwrap().unwrap();
    assert!(
        linked
            .items
            .iter()
            .all(|d| d.state == DerivedState::Confirmed)
    );

    let link = crosswalk::unlink(&mut s, "der", &me).unwrap();
    assert_eq!(link.source_id, "src");
    assert!(s.linked("der").unwrap().is_none());
}

#[test]
fn coverage_of_an_unknown_or_unmapped_pack_is_refused() {
    let (_d, mut s, lib) = setup();
    let me = Stamp::now("Ana");
    assess::create(&mut s, &lib, &trader("safe2025-aeo"), "src", &me).unwrap();
    for (pack, expected) in [
        ("nowhere", "unknown pack 'nowhere'"),
        ("safe2021-aeo", "no crosswalk mapping"),
        ("safe2025-aeo", "already on pack"),
    ] {
        let err = crosswalk::coverage(&s, &lib, "src", pack).expect_err(pack);
        assert!(err.to_string().contains(expected), "{err}");
        assert!(err.is_user_error());
    }
}
