//! Fuzzing portable-file reading with a fixed budget, as an ordinary test. Real files made by
//! `safe_share::export` (a trader assessment with answers, history and two evidence files; and
//! its redacted export) are mutated: bytes flipped, cut and inserted anywhere; zips rebuilt with
//! changed JSON fields, dropped, duplicated, renamed and added members (`..`, absolute, backslash,
//! NUL, very long and non-UTF-8 names), lying sizes, CRCs, flags and modes, deep or huge JSON,
//! and signatures kept, redone, made by another key, removed or swapped. `verify`, `import`,
//! `merge::open_for_merge`, `merge::plan` and `merge::apply` must never panic, must refuse with a
//! typed error that has a message and leaves the database exactly as it was, and may accept only
//! a file that verifies, holds the seed's content unless someone with a key signed the change,
//! and gives an assessment that opens and exports again (see `support::Lab::check`).
//!
//! The default budget keeps this under a minute in a debug build. A longer session:
//! `PROPTEST_CASES=5000 cargo test --release -p safe-share --test it fuzz_import`
//! A case that once failed is kept in `regressions` below.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

use std::cell::RefCell;

use crate::support::mutate::{
    Junk, MemberEdit, Name, apply_bytes, byte_edit, interesting, pointers, seed,
};
use crate::support::rebuild::{Rebuild, Sign, build, forgery, rebuild_strategy};
use crate::support::{self, Forgery, Lab, config, seeds};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The targets.

#[test]
fn whole_file_byte_mutations_are_refused_or_harmless() {
    let lab = RefCell::new(Lab::new());
    let strategy = (any::<bool>(), prop::collection::vec(byte_edit(), 1..6));
    TestRunner::new(config(150))
        .run(&strategy, |(redacted, edits)| {
            let s = seed(redacted);
            let bytes = apply_bytes(s.bytes.clone(), &edits);
            lab.borrow_mut().check(&bytes, Forgery::Impossible, s);
            Ok(())
        })
        .unwrap();
    eprintln!("{:?}", lab.borrow().seen);
}

#[test]
fn rebuilt_archives_are_refused_or_hold_together() {
    let lab = RefCell::new(Lab::new());
    TestRunner::new(config(250))
        .run(&rebuild_strategy(), |r| {
            let bytes = build(&r);
            lab.borrow_mut()
                .check(&bytes, forgery(r.sign), seed(r.redacted));
            Ok(())
        })
        .unwrap();
    eprintln!("{:?}", lab.borrow().seen);
}

#[test]
fn the_seeds_import_and_merge_and_the_raw_writer_round_trips() {
    let mut lab = Lab::new();
    for redacted in [false, true] {
        let s = seed(redacted);
        let out = lab.check(&s.bytes, Forgery::Impossible, s);
        assert!(out.imported, "the seed imports");
        assert_eq!(out.merged, !redacted, "only the full seed merges");
        let r = Rebuild {
            redacted,
            edits: vec![],
            sign: Sign::Keep,
            raw: vec![],
            bytes: vec![],
        };
        let out = lab.check(&build(&r), Forgery::Impossible, s);
        assert!(out.imported, "the seed rewritten by the raw writer imports");
    }
}

// ---------------------------------------------------------------------------------------------
// Cases found by fuzzing, kept.

/// Refuses the rebuilt file with `code`, and the message passes `support::check_error`.
fn refused(r: &Rebuild, code: &str) -> String {
    let lab = Lab::new();
    let path = lab.dir.path().join("r.safeassess");
    std::fs::write(&path, build(r)).unwrap();
    let mut store = safe_core::store::Store::open_in_memory().unwrap();
    let opts = safe_share::ImportOptions::default();
    let err = safe_share::import(&mut store, &path, &opts, "x", &support::stamp(1)).unwrap_err();
    support::check_error("regression", &err);
    assert_eq!(err.code(), code, "{err}");
    err.to_string()
}

fn rebuild(edits: Vec<MemberEdit>, sign: Sign) -> Rebuild {
    Rebuild {
        redacted: false,
        edits,
        sign,
        raw: vec![],
        bytes: vec![],
    }
}

/// The index of a member of the full seed.
fn member(name: &str) -> usize {
    seeds()
        .full
        .members
        .iter()
        .position(|m| m.0 == name)
        .unwrap()
}

/// The index of JSON pointer `p` in member `name` of the full seed, as `MemberEdit::Set` counts.
fn pointer(name: &str, p: &str) -> usize {
    let v: Value = serde_json::from_slice(&seeds().full.members[member(name)].1).unwrap();
    let mut ps = Vec::new();
    pointers(&v, String::new(), &mut ps);
    ps.iter().position(|(q, _)| q == p).unwrap()
}

#[test]
fn regressions() {
    // A member name of 60,000 characters with terminal escapes was quoted whole in the message.
    let mut name = b"\x1b]0;owned\x07\x1b[2J".to_vec();
    name.resize(60_000, b'a');
    let msg = refused(
        &rebuild(
            vec![MemberEdit::Add(Name::Random(name), Junk::Empty)],
            Sign::Keep,
        ),
        "share_unsafe_member",
    );
    assert!(
        msg.contains("\\u{1b}]0;owned\\u{7}"),
        "escaped, not dropped: {msg}"
    );

    // A 100,000-character string where the manifest has its format version was echoed by the
    // JSON parser's message.
    let value = (0..200).find(|k| interesting(*k).as_str().is_some_and(|s| s.len() > 50_000));
    let set = MemberEdit::Set {
        member: member("manifest.json"),
        at: pointer("manifest.json", "/format"),
        value: value.unwrap(),
    };
    refused(&rebuild(vec![set], Sign::Keep), "share_unreadable");

    // An answered item id with terminal escapes, signed by its maker, was quoted raw.
    let escapes = (0..200)
        .find(|k| {
            interesting(*k)
                .as_str()
                .is_some_and(|s| s.starts_with('\u{1b}'))
        })
        .unwrap();
    let set = MemberEdit::Set {
        member: member("assessment.json"),
        at: pointer("assessment.json", "/answers/0/itemId"),
        value: escapes,
    };
    let msg = refused(&rebuild(vec![set], Sign::Real), "share_invalid");
    assert!(msg.contains("\\u{1b}[2J"), "{msg}");
}
