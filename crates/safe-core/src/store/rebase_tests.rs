//! Moving a stored assessment to a newer pack: the built-in SAFE 2021 to 2025 trader packs, and
//! a user's pack in a newer version that drops an item.

use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::catalogue::Profile;
use crate::model::{AnswerInput, Assessment, NewAssessment, Status};
use crate::store::{EvidenceFile, Validity};

fn stamp(minutes: i64) -> Stamp {
    Stamp {
        at: Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("valid time")
            + Duration::minutes(minutes),
        by: "Ana".into(),
    }
}

fn trader_on(store: &mut Store, lib: &Library, pack: &str) -> Assessment {
    let new = NewAssessment {
        title: "Forwarder 2024".into(),
        profile: Some(Profile::Trader),
        roles: vec!["freight-forwarder".into(), "carrier-road".into()],
        organisation: "Acme".into(),
        pack_id: Some(pack.into()),
        ..Default::default()
    };
    store
        .create_assessment(lib, &new, "0a1b2c3d-0000-4000-8000-0000000000aa", &stamp(0))
        .expect("create")
}

fn answer(store: &mut Store, a: &Assessment, item: &str, status: Status, minutes: i64) {
    let input = AnswerInput {
        comment: format!("about {item}"),
        ..AnswerInput::status(status)
    };
    store
        .save_answer(&a.id, item, &input, &stamp(minutes))
        .expect("answer");
}

#[test]
fn a_2021_trader_assessment_moves_to_2025_without_losing_an_answer() {
    let lib = Library::builtin().expect("built-in packs");
    let mut s = Store::open_in_memory().expect("open");
    let a = trader_on(&mut s, &lib, "safe2021-aeo");
    answer(&mut s, &a, "AEO.A.01", Status::Met, 1);
    answer(&mut s, &a, "AEO.G.05", Status::PartiallyMet, 2);
    answer(&mut s, &a, "AEO.H.02", Status::Met, 3);
    let file = EvidenceFile {
        file_name: "seal-log.pdf".into(),
        bytes: b"seal log".to_vec(),
    };
    s.add_evidence(&a.id, "AEO.G.05", &file, Validity::default(), &stamp(4))
        .expect("evidence");
    let target = s
        .find_pack(&lib, "safe2025-aeo", None)
        .expect("the 2025 pack");
    let before = s.history(&a.id, None).expect("history").len();

    let preview = s.rebase_plan(&lib, &a.id, &target).expect("preview");
    assert_eq!(
        s.history(&a.id, None).expect("history").len(),
        before,
        "a preview writes nothing"
    );
    assert_eq!(s.assessment(&a.id).expect("a").pack_id, "safe2021-aeo");

    let plan = s
        .apply_rebase(&lib, &a.id, &target, &stamp(10))
        .expect("rebase");
    assert_eq!(plan, preview, "the move does what the preview said");
    let moved = s.assessment(&a.id).expect("assessment");
    assert_eq!(
        (moved.pack_id.as_str(), moved.pack_version.as_str()),
        ("safe2025-aeo", "1.0.0")
    );
    let answers = s.answers(&a.id).expect("answers");
    let get = |id: &str| {
        answers
            .iter()
            .find(|x| x.item_id == id)
            .unwrap_or_else(|| panic!("{id} is answered after the move"))
    };
    assert!(
        !get("AEO.A.01").carried_over,
        "a kept item keeps its answer as it is"
    );
    for id in ["AEO.G.05", "AEO.G.14", "AEO.H.02"] {
        assert!(get(id).carried_over, "{id} must be confirmed");
        assert_eq!(
            get(id).input.comment,
            format!("about {}", if id == "AEO.H.02" { id } else { "AEO.G.05" })
        );
    }
    assert_eq!(get("AEO.G.14").input.status, Status::PartiallyMet);
    assert_eq!(answers.len(), 4);
    let sha = &get("AEO.G.05").evidence;
    assert_eq!(sha.len(), 1, "evidence still linked to G.05");
    assert_eq!(&get("AEO.G.14").evidence, sha, "and to G.14, the split");

    // History: one rebase entry, a carry on each item that took an answer to confirm, and the
    // earlier history of G.05 seen from G.14.
    let h = s.history(&a.id, Some("")).expect("history");
    let Some(Change::Rebased {
        from_pack,
        to_pack,
        kept,
        carried,
        withdrawn,
        ..
    }) = h.last().map(|e| &e.change)
    else {
        panic!("a rebase entry: {:?}", h.last());
    };
    assert_eq!(
        (from_pack.as_str(), to_pack.as_str()),
        ("safe2021-aeo", "safe2025-aeo")
    );
    assert_eq!(*kept, 1);
    assert_eq!(carried.len(), 3);
    assert!(withdrawn.is_empty());
    let g14 = s.history(&a.id, Some("AEO.G.14")).expect("history of G.14");
    let actions: Vec<(&str, &str)> = g14
        .iter()
        .map(|e| (e.item_id.as_str(), e.action()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("AEO.G.05", "answer"),
            ("AEO.G.05", "evidence-add"),
            ("AEO.G.14", "rebase-carry")
        ]
    );

    // Confirming works as after a duplicate.
    let same = get("AEO.H.02").input.clone();
    let saved = s
        .save_answer(&a.id, "AEO.H.02", &same, &stamp(20))
        .expect("confirm");
    assert!(!saved.carried_over);

    // The old pinned pack stays readable.
    assert!(
        s.pack("safe2021-aeo", "1.0.0")
            .expect("old pack")
            .item("AEO.G.05")
            .is_some()
    );
    let listed = s.list_assessments().expect("list");
    assert_eq!(listed[0].answered, 4, "progress counted on the new pack");

    // And moving again is refused: it is already there.
    let err = s
        .apply_rebase(&lib, &a.id, &target, &stamp(30))
        .expect_err("same version");
    assert!(err.to_string().contains("already on"), "{err}");
}

fn user_pack(version: &str, items: &[&str]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|id| {
            format!(
                r#"{{"id":"{id}","title":"t","requirement":"q","guidance":"g","shortfall":"f",
                "evidence":["e"],"reference":"r","roles":["all"],"criticality":"major",
                "mandatory":false,"aim":"prevent-exploitation"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"format":1,"id":"national-aeo","title":"National AEO","edition":"2024",
        "date":"2024-01-01","version":"{version}","profile":"trader","source":"Ours",
        "groups":[{{"id":"N.A","kind":"section","title":"A","summary":"s","reference":"r",
        "items":[{}]}}]}}"#,
        items.join(",")
    )
}

#[test]
fn a_withdrawn_answer_is_kept_in_the_history_and_refusals_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("national.json");
    std::fs::write(&file, user_pack("1.0.0", &["N.A.01", "N.A.02"])).expect("write");
    let lib = Library::load(dir.path()).expect("library");
    let mut s = Store::open_in_memory().expect("open");
    let a = trader_on(&mut s, &lib, "national-aeo");
    answer(&mut s, &a, "N.A.01", Status::Met, 1);
    answer(&mut s, &a, "N.A.02", Status::NotMet, 2);

    // Refusals: the same version, another profile, an unrelated pack, an unknown pack.
    let same = s.find_pack(&lib, "national-aeo", None).expect("pack");
    let customs = s.find_pack(&lib, "safe2025-customs", None).expect("pack");
    let unrelated = s.find_pack(&lib, "safe2025-aeo", None).expect("pack");
    for (target, want) in [
        (&same, "already on"),
        (&customs, "profile"),
        (&unrelated, "does not supersede"),
    ] {
        let err = s
            .apply_rebase(&lib, &a.id, target, &stamp(5))
            .expect_err("refused");
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        assert!(err.to_string().contains(want), "{err}");
    }
    let err = s
        .find_pack(&lib, "national-aeo", Some("9.9.9"))
        .expect_err("no such version");
    assert_eq!(err.code(), crate::ErrorCode::NotFound);
    assert_eq!(s.assessment(&a.id).expect("a").pack_version, "1.0.0");
    assert_eq!(
        s.answers(&a.id).expect("answers").len(),
        2,
        "nothing written"
    );

    // Version 1.1.0 drops N.A.02.
    std::fs::write(&file, user_pack("1.1.0", &["N.A.01", "N.A.03"])).expect("write");
    let lib = Library::load(dir.path()).expect("library");
    let target = s.find_pack(&lib, "national-aeo", None).expect("1.1.0");
    let plan = s
        .apply_rebase(&lib, &a.id, &target, &stamp(10))
        .expect("rebase");
    assert_eq!(plan.left_behind.len(), 1);
    let answers = s.answers(&a.id).expect("answers");
    assert_eq!(answers.len(), 1);
    let h = s.history(&a.id, Some("")).expect("history");
    let Some(Change::Rebased { withdrawn, .. }) = h.last().map(|e| &e.change) else {
        panic!("a rebase entry");
    };
    assert_eq!(withdrawn[0].item_id, "N.A.02");
    assert_eq!(withdrawn[0].answer.status, Status::NotMet);
    assert_eq!(withdrawn[0].answer.comment, "about N.A.02");
    // The older version is still stored and readable.
    assert!(
        s.pack("national-aeo", "1.0.0")
            .expect("old")
            .item("N.A.02")
            .is_some()
    );
    assert!(
        s.find_pack(&lib, "national-aeo", Some("1.0.0")).is_ok(),
        "a stored version is found by version"
    );

    // An assessment in the bin is refused.
    s.delete_assessment(&a.id, &stamp(20)).expect("delete");
    let err = s.rebase_plan(&lib, &a.id, &target).expect_err("in the bin");
    assert!(err.to_string().contains("in the bin"), "{err}");
}
