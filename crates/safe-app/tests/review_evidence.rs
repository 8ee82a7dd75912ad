//! Customs saves a copy of a submission's evidence file: the bytes the trader attached, checked
//! by SHA-256; a file the submission does not carry, or an existing file without overwrite, is
//! refused with nothing written.

use safe_app::review::OpenOptions;
use safe_app::review_evidence;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{Store, Validity};

const ID: &str = "5eed0000-0000-4000-8000-0000000000e1";
const CONTENT: &[u8] = b"%PDF-1.4 the signed security policy, v3\n";

fn stamp() -> Stamp {
    Stamp::now("Ana")
}

/// A customs database with one application whose submission carries one evidence file; returns
/// the customs store, the application id and the evidence's SHA-256.
fn customs_with_evidence(dir: &tempfile::TempDir) -> (Store, String, String) {
    let tdb = dir.path().join("trader.sqlite");
    let mut store = Store::open(&tdb).expect("store");
    let lib = Library::builtin().expect("built-in packs");
    let new = NewAssessment {
        title: "AEO 2026".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        organisation: "Acme".into(),
        country: "KE".into(),
        ..Default::default()
    };
    safe_app::assess::create(&mut store, &lib, &new, ID, &stamp()).expect("created");
    let o = safe_core::open_assessment(&store, ID).expect("opens");
    let items: Vec<String> = o
        .pack
        .items()
        .into_iter()
        .filter(|i| o.assessment.asks(i))
        .map(|i| i.id.clone())
        .collect();
    for item in &items {
        let input = AnswerInput {
            status: Status::Met,
            justification: String::new(),
            comment: String::new(),
            owner: String::new(),
            target_date: None,
            priority: None,
            flagged: false,
        };
        safe_app::assess::save_answer(&mut store, ID, item, &input, &stamp()).expect("answer");
    }
    let file = dir.path().join("policy v3.pdf");
    std::fs::write(&file, CONTENT).expect("evidence file");
    let attached = safe_app::assess::attach_evidence(
        &mut store,
        ID,
        &items[0],
        &[file],
        Validity {
            effective: None,
            expires: None,
        },
        &stamp(),
    )
    .expect("attached");
    let sha = attached.added[0].sha256.clone();
    let sub = dir.path().join("s1.safeassess");
    safe_app::review::submit(&mut store, &tdb, ID, &sub, false, &stamp()).expect("submitted");
    drop(store);

    let mut customs = Store::open(&dir.path().join("customs.sqlite")).expect("customs");
    let opened = safe_app::review_view::open_submission(
        &mut customs,
        &sub,
        &OpenOptions::default(),
        "app-1",
        &stamp(),
    )
    .expect("opened");
    let app = opened.opening.expect("opened").application.id;
    (customs, app, sha)
}

#[test]
fn a_copy_of_a_submissions_evidence_has_the_bytes_the_trader_attached() {
    let dir = tempfile::tempdir().expect("dir");
    let (customs, app, sha) = customs_with_evidence(&dir);
    let e = review_evidence::evidence_of(&customs, &app, &sha).expect("listed");
    assert_eq!(e.file_name, "policy v3.pdf");
    assert_eq!(review_evidence::suggested_name(&e), "policy v3.pdf");

    let out = dir.path().join("copy.pdf");
    let saved = review_evidence::save_copy(&customs, &app, &sha, &out, false).expect("saved");
    assert_eq!(std::fs::read(&out).expect("read"), CONTENT);
    assert_eq!(saved.sha256, sha);
    assert_eq!(saved.size, CONTENT.len() as u64);
    assert_eq!(saved.submission, 1);
    assert_eq!(saved.file_name, "policy v3.pdf");

    // An existing file is kept unless overwrite is asked for.
    std::fs::write(&out, b"mine").expect("write");
    let err = review_evidence::save_copy(&customs, &app, &sha, &out, false).expect_err("exists");
    assert!(err.is_user_error(), "{err}");
    assert_eq!(std::fs::read(&out).expect("read"), b"mine");
    review_evidence::save_copy(&customs, &app, &sha, &out, true).expect("replaced");
    assert_eq!(std::fs::read(&out).expect("read"), CONTENT);
}

#[test]
fn evidence_the_submission_does_not_carry_is_refused_and_nothing_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (customs, app, _) = customs_with_evidence(&dir);
    let out = dir.path().join("other.pdf");
    let other = "0".repeat(64);
    let err = review_evidence::save_copy(&customs, &app, &other, &out, false).expect_err("refused");
    assert_eq!(err.code(), safe_core::ErrorCode::NotFound, "{err}");
    assert!(err.to_string().contains(&other), "{err}");
    assert!(!out.exists());
    let err = review_evidence::save_copy(&customs, "no-such-app", &other, &out, false)
        .expect_err("refused");
    assert_eq!(err.code(), safe_core::ErrorCode::NotFound, "{err}");
    assert!(!out.exists());
}
