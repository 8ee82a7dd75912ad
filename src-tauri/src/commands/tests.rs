//! The command bodies against a real (temporary) database, without a window.

use std::path::PathBuf;

use crate::dto::{AnswerInput, AssessmentDetails, Profile, Status};
use crate::state::{AppState, Paths};

use super::{answers, assessments, evidence};

fn state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = AppState::open(Paths {
        database: dir.path().join("assessments.sqlite"),
        settings: dir.path().join("settings.json"),
    });
    (dir, state)
}

fn trader() -> AssessmentDetails {
    AssessmentDetails {
        title: "Acme".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: "Acme Ltd".into(),
        country: "ke".into(),
        identifiers: String::new(),
        assessors: String::new(),
        scope: String::new(),
    }
}

fn input(status: Status, justification: &str) -> AnswerInput {
    AnswerInput {
        status,
        justification: justification.into(),
        comment: String::new(),
        owner: String::new(),
        target_date: None,
        priority: None,
        flagged: false,
    }
}

#[test]
fn a_user_action_goes_through_to_the_core_and_back() {
    let (dir, st) = state();
    let a = st
        .run_now(|s, ctx| assessments::create(s, ctx, &trader()))
        .expect("created");
    assert_eq!(a.country, "KE", "the core cleans what the user typed");

    let ws = st
        .run_now(|s, _| assessments::open(s, &a.id))
        .expect("opens");
    let applicable = ws.progress.overall.applicable;
    assert!(applicable > 0);
    assert_eq!(ws.progress.overall.answered, 0);

    let saved = st
        .run_now(|s, ctx| answers::save(s, ctx, &a.id, "AEO.A.01", input(Status::Met, "")))
        .expect("saved");
    assert_eq!(
        saved.progress.overall.answered, 1,
        "badges come back with the save"
    );
    let section = saved
        .progress
        .groups
        .iter()
        .find(|g| g.id == "AEO.A")
        .expect("section A");
    assert_eq!(section.answered, 1);

    let refused = st
        .run_now(|s, ctx| {
            answers::save(s, ctx, &a.id, "AEO.A.04", input(Status::NotApplicable, " "))
        })
        .expect_err("not-applicable needs a justification");
    assert_eq!(refused.code, "invalid_input");

    let file: PathBuf = dir.path().join("policy.pdf");
    std::fs::write(&file, b"%PDF-1.4 test").expect("write");
    let attached = st
        .run_now(|s, ctx| evidence::attach(s, ctx, &a.id, "AEO.A.01", &[file.clone()]))
        .expect("attached");
    assert_eq!(attached.evidence.len(), 1);
    assert_eq!(
        attached.answer.expect("answered").evidence,
        vec![attached.evidence[0].sha256.clone()]
    );

    let missing = dir.path().join("nowhere.pdf");
    let before = st
        .run_now(|s, _| Ok(s.evidence(&a.id)?.len()))
        .expect("list");
    let e = st
        .run_now(|s, ctx| evidence::attach(s, ctx, &a.id, "AEO.A.01", &[file.clone(), missing]))
        .expect_err("a missing file refuses the whole drop");
    assert_eq!(e.code, "io");
    let after = st
        .run_now(|s, _| Ok(s.evidence(&a.id)?.len()))
        .expect("list");
    assert_eq!(before, after, "nothing was attached");
}

#[test]
fn unknown_ids_come_back_as_not_found() {
    let (_dir, st) = state();
    let e = st
        .run_now(|s, _| assessments::open(s, "no-such-id"))
        .expect_err("unknown");
    assert_eq!(e.code, "not_found");
}
