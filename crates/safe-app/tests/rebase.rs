//! Moving an assessment to a newer edition through the user actions both shells call.
#![allow(clippy::expect_used)]

use safe_app::{family, rebase};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Status};
use safe_core::rebase::{MoveKind, PackRef};
use safe_core::store::Store;

use crate::stamp;

fn customs_2021(store: &mut Store, lib: &Library, id: &str) {
    let new = NewAssessment {
        title: "Customs 2024".into(),
        profile: Some(Profile::Customs),
        organisation: "Revenue Authority".into(),
        pack_id: Some("safe2021-customs".into()),
        ..Default::default()
    };
    store
        .create_assessment(lib, &new, id, &stamp(0))
        .expect("create");
}

#[test]
fn preview_then_move_a_2021_customs_assessment_to_2025() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    let lib = Library::builtin().expect("packs");
    let id = "5eed0000-0000-4000-8000-000000000001";
    customs_2021(&mut store, &lib, id);
    for (item, status) in [("P1.S06.03", Status::Met), ("P1.S01.01", Status::NotMet)] {
        store
            .save_answer(id, item, &AnswerInput::status(status), &stamp(1))
            .expect("answer");
    }
    let old = PackRef {
        id: "safe2021-customs".into(),
        version: "1.0.0".into(),
    };
    let newer = rebase::newer_edition(&lib, &old).expect("a newer edition is offered");
    assert_eq!(newer.id, "safe2025-customs");
    let to = format!("{}@{}", newer.id, newer.version);

    let preview = rebase::rebase_preview(&store, &lib, "5eed0000", &to).expect("preview");
    let count = |k: MoveKind| {
        preview
            .counts()
            .into_iter()
            .find(|(kind, _)| *kind == k)
            .map(|(_, n)| n)
            .unwrap_or(0)
    };
    assert_eq!(count(MoveKind::Changed), 4, "{:?}", preview.counts());
    assert_eq!(count(MoveKind::New), 3);
    assert_eq!(count(MoveKind::Withdrawn), 0);
    assert_eq!(
        preview.to_confirm(),
        1,
        "only P1.S06.03 is answered among the changed"
    );

    let done = rebase::rebase_apply(&mut store, &lib, id, &to, &stamp(5)).expect("move");
    assert_eq!(done.plan, preview);
    assert_eq!(done.scorecard.overall.answered, 2);
    let moved = store.assessment(id).expect("assessment");
    assert_eq!(moved.pack_id, "safe2025-customs");
    assert_eq!(
        rebase::newer_edition(
            &lib,
            &PackRef {
                id: moved.pack_id.clone(),
                version: moved.pack_version.clone()
            }
        ),
        None,
        "nothing newer once moved"
    );

    // The family follows the pack id: a 2021 assessment of the same organisation is not in
    // the moved one's family (ARCHITECTURE.md, rule 11).
    customs_2021(&mut store, &lib, "5eed0000-0000-4000-8000-000000000002");
    let fam = family::family(&store, id).expect("family");
    assert_eq!(fam.len(), 1);

    // Refusals.
    for (to, want) in [
        ("safe2021-customs", "only moves to a newer pack"),
        ("safe2025-aeo", "profile"),
        ("nope", "nope"),
        ("safe2025-customs@", "PACK@VERSION"),
    ] {
        let err = rebase::rebase_preview(&store, &lib, id, to).expect_err("refused");
        assert!(err.is_user_error(), "{err}");
        assert!(err.to_string().contains(want), "{to}: {err}");
    }
    store.delete_assessment(id, &stamp(9)).expect("bin");
    let err = rebase::rebase_preview(
        &store,
        &lib,
        "5eed0000-0000-4000-8000-000000000001",
        "safe2025-customs",
    )
    .expect_err("in the bin");
    assert!(err.to_string().contains("in the bin"), "{err}");
}
