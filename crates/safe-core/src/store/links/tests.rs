#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::Store;
use crate::catalogue::Library;
use crate::catalogue::Profile;
use crate::crosswalk::tests::{library_with, mapping_json};
use crate::history::Change;
use crate::model::NewAssessment;
use crate::model::Status;
use crate::store::{EvidenceFile, Validity};

fn stamp() -> Stamp {
    Stamp::now("Ana")
}

fn new_on(pack: &str, profile: Profile) -> NewAssessment {
    NewAssessment {
        title: "Linked".into(),
        profile: Some(profile),
        roles: if profile == Profile::Trader {
            vec!["importer".into()]
        } else {
            vec![]
        },
        pack_id: Some(pack.into()),
        ..NewAssessment::default()
    }
}

fn mapping() -> String {
    mapping_json(
        "pa",
        "pb",
        &[
            ("A.01", "X.01", "equal"),
            ("A.02", "X.02", "subset"),
            ("A.03", "X.02", "equal"),
            ("B.01", "Y.01", "superset"),
        ],
    )
}

fn rows(s: &Store) -> i64 {
    s.conn
        .query_row(
            "SELECT (SELECT count(*) FROM assessments) + (SELECT count(*) FROM answers)
             + (SELECT count(*) FROM history) + (SELECT count(*) FROM links)
             + (SELECT count(*) FROM derived_answers)",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// A source on `pa` answered A.01 met (with evidence), A.02 not-met, B.01 partially-met.
fn source(s: &mut Store, lib: &Library) -> String {
    s.create_assessment(lib, &new_on("pa", Profile::Trader), "src", &stamp())
        .unwrap();
    for (item, st) in [
        ("A.01", Status::Met),
        ("A.02", Status::NotMet),
        ("B.01", Status::PartiallyMet),
    ] {
        s.save_answer("src", item, &AnswerInput::status(st), &stamp())
            .unwrap();
    }
    let file = EvidenceFile {
        file_name: "policy.pdf".into(),
        bytes: b"policy".to_vec(),
    };
    s.add_evidence("src", "A.01", &file, Validity::default(), &stamp())
        .unwrap();
    "src".into()
}

#[test]
fn start_from_carries_equal_links_suggests_the_others_and_links_evidence() {
    let (_d, lib) = library_with(&mapping());
    let mut s = Store::open_in_memory().unwrap();
    let src = source(&mut s, &lib);
    let started = s
        .start_from(&lib, &new_on("pb", Profile::Trader), &src, "der", &stamp())
        .unwrap();
    assert_eq!(started.carried, ["X.01"]);
    assert_eq!(started.suggested, ["X.02", "Y.01"]);
    let answers = s.answers("der").unwrap();
    assert_eq!(answers.len(), 1, "a suggestion is not an answer");
    assert!(answers[0].carried_over, "carried, to confirm");
    let src_ev = s.evidence("src").unwrap();
    assert_eq!(
        answers[0].evidence,
        [src_ev[0].sha256.clone()],
        "same content"
    );
    let summary = s.list_assessments().unwrap();
    let der = summary.iter().find(|x| x.assessment.id == "der").unwrap();
    assert_eq!(der.answered, 1);
    let linked = s.linked("der").unwrap().expect("linked");
    assert_eq!(linked.link.source_id, "src");
    let x02 = linked.item("X.02").unwrap();
    assert_eq!(
        (x02.state, x02.relationship, x02.basis.status),
        (
            DerivedState::Suggested,
            Relationship::Subset,
            Status::NotMet
        )
    );
    let h = s.history("der", Some("X.01")).unwrap();
    assert!(
        matches!(&h[0].change, Change::Carry { from, suggested: false, .. } if from.item_id == "A.01"),
        "{h:?}"
    );
    assert_eq!(s.linked_from("src").unwrap(), ["der"]);
}

#[test]
fn a_changed_source_answer_marks_the_derived_one_diverged_until_confirmed() {
    let (_d, lib) = library_with(&mapping());
    let mut s = Store::open_in_memory().unwrap();
    let src = source(&mut s, &lib);
    s.start_from(&lib, &new_on("pb", Profile::Trader), &src, "der", &stamp())
        .unwrap();
    s.save_answer(
        "src",
        "A.01",
        &AnswerInput::status(Status::NotMet),
        &stamp(),
    )
    .unwrap();
    let d = s.linked("der").unwrap().unwrap();
    let x01 = d.item("X.01").unwrap();
    assert_eq!(x01.state, DerivedState::Diverged);
    assert_eq!(x01.answer.as_ref().map(|a| a.status), Some(Status::Met));
    assert_eq!(
        x01.source_now.as_ref().map(|a| a.status),
        Some(Status::NotMet)
    );
    let h = s.history("der", Some("X.01")).unwrap();
    assert!(matches!(
        h.last().map(|e| &e.change),
        Some(Change::Diverge { .. })
    ));

    s.confirm("der", "X.01", &stamp()).unwrap();
    let x01 = s
        .linked("der")
        .unwrap()
        .unwrap()
        .item("X.01")
        .cloned()
        .unwrap();
    assert_eq!(x01.state, DerivedState::Confirmed);
    assert_eq!(
        x01.basis.status,
        Status::NotMet,
        "rests on the source answer now"
    );
    assert_eq!(
        x01.answer.map(|a| a.status),
        Some(Status::Met),
        "kept as confirmed"
    );
    let err = s
        .confirm("der", "X.01", &stamp())
        .expect_err("nothing left");
    assert!(err.to_string().contains("already confirmed"), "{err}");

    // Confirming a suggestion makes it an answer.
    s.confirm("der", "X.02", &stamp()).unwrap();
    assert_eq!(
        s.answer("der", "X.02").unwrap().map(|a| a.input.status),
        Some(Status::NotMet)
    );
    // Changing a suggested item settles it as changed; clearing the source diverges it again.
    s.save_answer("der", "Y.01", &AnswerInput::status(Status::Met), &stamp())
        .unwrap();
    assert_eq!(
        s.linked("der")
            .unwrap()
            .unwrap()
            .item("Y.01")
            .unwrap()
            .state,
        DerivedState::Changed
    );
    s.clear_answer("src", "B.01", &stamp()).unwrap();
    let y01 = s
        .linked("der")
        .unwrap()
        .unwrap()
        .item("Y.01")
        .cloned()
        .unwrap();
    assert_eq!((y01.state, y01.source_now), (DerivedState::Diverged, None));
    let summary = s.list_assessments().unwrap();
    assert_eq!(
        summary
            .iter()
            .find(|x| x.assessment.id == "der")
            .unwrap()
            .answered,
        3
    );
}

#[test]
fn bad_starts_are_refused_with_nothing_written() {
    let (_d, lib) = library_with(&mapping());
    let mut s = Store::open_in_memory().unwrap();
    let src = source(&mut s, &lib);
    s.create_assessment(
        &lib,
        &new_on("safe2025-customs", Profile::Customs),
        "cus",
        &stamp(),
    )
    .unwrap();
    s.start_from(&lib, &new_on("pb", Profile::Trader), &src, "der", &stamp())
        .unwrap();
    let before = rows(&s);
    let cases: [(NewAssessment, &str, &str); 5] = [
        (
            new_on("nowhere", Profile::Trader),
            "src",
            "unknown pack 'nowhere'",
        ),
        (
            new_on("pb", Profile::Trader),
            "cus",
            "is a customs assessment",
        ),
        (new_on("pa", Profile::Trader), "src", "already on pack 'pa'"),
        (new_on("pa", Profile::Trader), "der", "a loop of links"),
        (
            new_on("safe2025-aeo", Profile::Trader),
            "src",
            "no crosswalk mapping",
        ),
    ];
    for (new, from, expected) in cases {
        let err = s
            .start_from(&lib, &new, from, "x", &stamp())
            .expect_err(expected);
        assert!(
            err.to_string().contains(expected),
            "'{err}' should say '{expected}'"
        );
        assert!(err.is_user_error());
        assert_eq!(rows(&s), before, "nothing written for {expected}");
    }
}

#[test]
fn unlink_keeps_the_answers_drops_the_suggestions_and_stops_divergence() {
    let (_d, lib) = library_with(&mapping());
    let mut s = Store::open_in_memory().unwrap();
    let src = source(&mut s, &lib);
    s.start_from(&lib, &new_on("pb", Profile::Trader), &src, "der", &stamp())
        .unwrap();
    s.unlink("der", &stamp()).unwrap();
    assert!(s.linked("der").unwrap().is_none());
    assert_eq!(s.answers("der").unwrap().len(), 1);
    let h = s.history("der", Some("")).unwrap();
    match &h.last().unwrap().change {
        Change::Unlink { source, dropped } => {
            assert_eq!(source.assessment_id, "src");
            assert_eq!(dropped, &["X.02", "Y.01"]);
        }
        other => panic!("{other:?}"),
    }
    s.save_answer(
        "src",
        "A.01",
        &AnswerInput::status(Status::NotMet),
        &stamp(),
    )
    .unwrap();
    assert!(
        s.history("der", Some("X.01"))
            .unwrap()
            .iter()
            .all(|e| !matches!(e.change, Change::Diverge { .. }))
    );
    let err = s.unlink("der", &stamp()).expect_err("not linked any more");
    assert!(err.to_string().contains("not linked"), "{err}");
}
