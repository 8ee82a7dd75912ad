//! The desktop's review screens against real databases: the new-key check before opening a
//! submission, the queue's clocks, the application screen, the trader's side.

use std::path::{Path, PathBuf};

use safe_app::review::OpenOptions;
use safe_app::review_view;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::review::AppState;
use safe_core::store::Store;

const ID: &str = "5eed0000-0000-4000-8000-000000000001";

fn stamp() -> Stamp {
    Stamp::now("Ana")
}

/// A trader's database at `db` with one assessment, every applicable item answered but the
/// last `leave_out`.
fn trader(db: &Path, leave_out: usize) -> Store {
    let mut store = Store::open(db).expect("store");
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
    let keep = items.len() - leave_out;
    for item in &items[..keep] {
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
    store
}

fn file(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn what_a_submission_misses_is_listed_in_pack_order() {
    let dir = tempfile::tempdir().expect("dir");
    let store = trader(&file(&dir, "t.sqlite"), 2);
    let missing = review_view::missing(&store, ID).expect("missing");
    assert_eq!(missing.len(), 2);
    let t = review_view::trader_review(&store, ID).expect("trader");
    assert_eq!(t.submitted, 0);
    assert!(t.review.is_none());
}

#[test]
fn a_later_submission_signed_by_another_key_stops_for_a_confirmation() {
    let dir = tempfile::tempdir().expect("dir");
    let t1 = file(&dir, "t1.sqlite");
    let mut store = trader(&t1, 0);
    assert!(
        review_view::missing(&store, ID)
            .expect("missing")
            .is_empty()
    );
    let s1 = file(&dir, "s1.safeassess");
    safe_app::review::submit(&mut store, &t1, ID, &s1, false, &stamp()).expect("submit 1");
    assert_eq!(
        review_view::trader_review(&store, ID)
            .expect("trader")
            .submitted,
        1
    );
    drop(store);

    let cdb = file(&dir, "customs.sqlite");
    let mut customs = Store::open(&cdb).expect("customs");
    let opts = OpenOptions::default();
    let first =
        review_view::open_submission(&mut customs, &s1, &opts, "app-1", &stamp()).expect("opened");
    assert!(first.new_key.is_none());
    let opening = first.opening.expect("an opening");
    assert!(opening.created);

    // The same trader's database in another installation: another signing key.
    let other = tempfile::tempdir().expect("dir");
    let t2 = other.path().join("t2.sqlite");
    std::fs::copy(&t1, &t2).expect("copy the database");
    let mut moved = Store::open(&t2).expect("moved");
    let s2 = file(&dir, "s2.safeassess");
    safe_app::review::submit(&mut moved, &t2, ID, &s2, false, &stamp()).expect("submit 2");

    let asked =
        review_view::open_submission(&mut customs, &s2, &opts, "app-2", &stamp()).expect("checked");
    let change = asked.new_key.expect("the key change is asked about");
    assert!(asked.opening.is_none());
    assert_eq!(change.application_id, "app-1");
    assert_eq!(change.submission, 2);
    assert_ne!(change.previous, change.offered);
    assert_eq!(
        customs.application("app-1").expect("app").submission,
        1,
        "nothing was written"
    );

    let accept = OpenOptions {
        accept_new_key: true,
        ..OpenOptions::default()
    };
    let opened = review_view::open_submission(&mut customs, &s2, &accept, "app-2", &stamp())
        .expect("opened");
    let opening = opened.opening.expect("opened once confirmed");
    assert_eq!(
        opening.previous_key.as_deref(),
        Some(change.previous.as_str())
    );
    assert_eq!(opening.application.submission, 2);

    // The queue and the screen.
    let q = review_view::queue(&customs).expect("queue");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].row.application.state, AppState::Received);
    assert_eq!(
        q[0].clocks.accept_days_left,
        Some(i64::from(safe_core::review::DEFAULT_ACCEPT_DAYS))
    );
    let screen = review_view::application(&customs, "app-1", Some("fr")).expect("screen");
    assert_eq!(screen.submissions.len(), 2);
    assert!(!screen.answers.is_empty());
    assert_eq!(screen.assessment.organisation, "Acme");
}
