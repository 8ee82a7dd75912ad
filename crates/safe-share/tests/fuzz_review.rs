//! Fuzzing the `.safereview` reader with a fixed budget, as an ordinary test: a real review file
//! (signed by a fresh key) has bytes flipped, cut and inserted anywhere, and its review text
//! edited with the signature kept. `review_file::from_bytes` must never panic, must refuse with
//! a typed error that has a message, and may accept only a file whose review is exactly the one
//! signed. `PROPTEST_CASES=5000 cargo test --release -p safe-share --test it fuzz_review` runs longer.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

use std::path::Path;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use safe_core::review::{
    AppState, Decision, DecisionRecord, Finding, Remark, RemarkKind, RemarkState, ReviewDoc,
};
use safe_share::Keys;
use safe_share::review_file::{from_bytes, to_bytes};

use crate::support::config;

fn doc() -> ReviewDoc {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    ReviewDoc {
        application_id: "app-1".into(),
        assessment_id: "assessment-1".into(),
        applicant: "Acme Logistics".into(),
        submission: 1,
        exported_at: at,
        state: AppState::Returned,
        accepted: vec!["A.01".into(), "A.02".into()],
        remarks: vec![Remark {
            number: 1,
            item_id: "A.03".into(),
            kind: RemarkKind::Query,
            text: "Who signed the policy? \u{202e}".into(),
            state: RemarkState::Open,
            raised_in: 1,
            response: String::new(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 4, 1),
        }],
        findings: vec![Finding {
            item_id: "A.03".into(),
            text: "Gate log on paper".into(),
            at,
            by: "Validator".into(),
        }],
        decisions: vec![DecisionRecord {
            decision: Decision::Return,
            note: "Answer R1".into(),
            reasons: vec![],
            submission: 1,
            at,
            by: "Validator".into(),
        }],
    }
}

fn seed() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let keys = Keys::load_or_create(dir.path()).unwrap();
    to_bytes(&doc(), &keys, "Validator").unwrap()
}

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, b)| Edit::Flip(i, b)),
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Edit::Insert(i, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match e {
            Edit::Flip(i, b) => {
                if let Some(x) = bytes.get_mut(i % n) {
                    *x ^= b;
                }
            }
            Edit::Cut(i) => bytes.truncate(i % n),
            Edit::Insert(i, b) => {
                let at = (i % n).min(bytes.len());
                bytes.splice(at..at, b.iter().copied());
            }
        }
    }
    bytes
}

fn check(bytes: &[u8]) {
    match from_bytes(Path::new("fuzz.safereview"), bytes) {
        Ok(f) => assert_eq!(f.doc, doc(), "accepted a review that is not the one signed"),
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
            assert!(e.is_user_error(), "{:?} {msg}", e.code());
        }
    }
}

#[test]
fn the_seed_reads_back() {
    let f = from_bytes(Path::new("seed.safereview"), &seed()).unwrap();
    assert_eq!(f.doc, doc());
}

#[test]
fn byte_mutations_are_refused_or_harmless() {
    let s = seed();
    TestRunner::new(config(400))
        .run(&prop::collection::vec(edit(), 1..5), |edits| {
            check(&apply(s.clone(), &edits));
            Ok(())
        })
        .unwrap();
}

#[test]
fn review_text_edits_with_the_signature_kept_are_tampered() {
    let s = seed();
    let env: serde_json::Value = serde_json::from_slice(&s).unwrap();
    let review = env["review"].as_str().unwrap().to_string();
    TestRunner::new(config(200))
        .run(&(any::<usize>(), "[ -~]{1,6}"), |(i, text)| {
            let mut r = review.clone();
            let mut at = i % r.len();
            while !r.is_char_boundary(at) {
                at -= 1;
            }
            r.insert_str(at, &text);
            let mut e = env.clone();
            e["review"] = r.into();
            let bytes = serde_json::to_vec(&e).unwrap();
            let err = from_bytes(Path::new("t.safereview"), &bytes).unwrap_err();
            assert_eq!(err.code(), "share_tampered", "{err}");
            Ok(())
        })
        .unwrap();
}
