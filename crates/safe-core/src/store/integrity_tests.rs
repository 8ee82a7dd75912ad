//! Tests of the two checks: damage on a page the check at open does not read is found by the full
//! check, and after that (or while a deferred check is pending) nothing is written to the file.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::Connection;

use crate::catalogue::{Library, Profile};
use crate::model::{AnswerInput, Assessment, NewAssessment, Stamp, Status};
use crate::store::{Store, list_backups};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid time")
}

fn stamp(minutes: i64) -> Stamp {
    Stamp {
        at: t0() + Duration::minutes(minutes),
        by: "Ana".into(),
    }
}

/// A database with one trader assessment whose every item is answered with a long comment, so
/// that the answers fill many pages; the log is checkpointed into the file.
fn answered_db(dir: &Path) -> (PathBuf, Assessment, Vec<String>) {
    let path = dir.join("db.sqlite");
    let lib = Library::builtin().expect("built-in packs");
    let mut s = Store::open(&path).expect("create");
    let roles = lib.roles().iter().map(|r| r.id.clone()).collect();
    let new = NewAssessment {
        title: "Trader".into(),
        profile: Some(Profile::Trader),
        roles,
        ..Default::default()
    };
    let a = s
        .create_assessment(&lib, &new, "a1", &stamp(0))
        .expect("create");
    let items: Vec<String> = s
        .pack(&a.pack_id, &a.pack_version)
        .expect("pack")
        .items()
        .iter()
        .map(|i| i.id.clone())
        .collect();
    for (n, item) in items.iter().enumerate() {
        let input = AnswerInput {
            comment: format!("comment {n} {}", "x".repeat(2000)),
            ..AnswerInput::status(Status::Met)
        };
        s.save_answer(&a.id, item, &input, &stamp(1)).expect("save");
    }
    s.conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    (path, a, items)
}

/// Overwrites the root page of the `answers` table, which the check at open does not read.
fn damage_answers(path: &Path) {
    let (root, page_size): (i64, i64) = {
        let c = Connection::open(path).expect("open");
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'answers'",
                [],
                |r| r.get(0),
            )
            .expect("root page");
        let size = c
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size");
        (root, size)
    };
    let mut bytes = std::fs::read(path).expect("read");
    let start = ((root - 1) * page_size) as usize;
    for b in &mut bytes[start..start + page_size as usize] {
        *b = 0xAB;
    }
    std::fs::write(path, &bytes).expect("damage");
}

/// The file and its log, to compare before and after.
fn contents(path: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    (
        std::fs::read(path).expect("read"),
        std::fs::read(wal).ok().filter(|w| !w.is_empty()),
    )
}

#[test]
fn damage_the_open_check_does_not_read_is_found_by_the_full_check_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, a, items) = answered_db(dir.path());
    damage_answers(&path);
    let before = contents(&path);

    let mut s = Store::open(&path).expect("the check at open reads only the first screen's pages");
    assert_eq!(s.list_assessments().expect("home list").len(), 1);
    let err = s
        .check_integrity()
        .expect_err("the full check reads every page");
    assert_eq!(err.code(), "database_damaged", "{err}");
    assert!(err.to_string().contains("integrity check failed"), "{err}");

    let input = AnswerInput::status(Status::NotMet);
    let err = s
        .save_answer(&a.id, &items[0], &input, &stamp(5))
        .expect_err("no write after the check failed");
    assert_eq!(err.code(), "database_damaged");
    let err = s
        .delete_assessment(&a.id, &stamp(6))
        .expect_err("no write of an undamaged table either");
    assert_eq!(err.code(), "database_damaged");
    let err = s
        .backup("manual", t0())
        .expect_err("no backup of a damaged file");
    assert_eq!(err.code(), "database_damaged");
    assert!(list_backups(&path).expect("backups").is_empty());
    drop(s);
    assert_eq!(
        contents(&path),
        before,
        "the damaged file is left as it was"
    );
}

#[test]
fn a_backup_checks_the_whole_file_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _, _) = answered_db(dir.path());
    damage_answers(&path);
    let s = Store::open(&path).expect("open");
    let err = s.backup("manual", t0()).expect_err("damaged");
    assert_eq!(err.code(), "database_damaged");
    assert!(list_backups(&path).expect("backups").is_empty());
}

#[test]
fn a_deferred_check_that_fails_refuses_the_held_writes_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, a, items) = answered_db(dir.path());
    damage_answers(&path);
    let before = contents(&path);

    let mut s = Store::open(&path).expect("open");
    let check = s.defer_full_check();
    assert_eq!(s.list_assessments().expect("reads go ahead").len(), 1);
    let (tx, rx) = mpsc::channel();
    let item = items[0].clone();
    let writer = std::thread::spawn(move || {
        let input = AnswerInput::status(Status::NotMet);
        tx.send(s.save_answer(&a.id, &item, &input, &stamp(5)).map(|_| ()))
            .expect("send");
        s
    });
    let err = check.run().expect_err("damaged");
    assert_eq!(err.code(), "database_damaged");
    let held = rx.recv().expect("the held write ends");
    assert_eq!(
        held.expect_err("refused").code(),
        "database_damaged",
        "the held write is refused"
    );
    drop(writer.join().expect("writer"));
    assert_eq!(
        contents(&path),
        before,
        "the damaged file is left as it was"
    );
}

#[test]
fn writes_wait_for_a_deferred_check_and_go_ahead_when_it_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, a, items) = answered_db(dir.path());
    let mut s = Store::open(&path).expect("open");
    let check = s.defer_full_check();
    let (tx, rx) = mpsc::channel();
    let item = items[0].clone();
    let id = a.id.clone();
    let writer = std::thread::spawn(move || {
        let input = AnswerInput::status(Status::NotMet);
        tx.send(s.save_answer(&id, &item, &input, &stamp(5)).map(|_| ()))
            .expect("send");
        s
    });
    // Until the check has run, the write has not reached the file (another connection sees the
    // old status); whether the writer is already waiting or not started yet, it cannot be done.
    assert!(rx.try_recv().is_err(), "the write waits for the check");
    let status: String = Connection::open(&path)
        .expect("reader")
        .query_row(
            "SELECT status FROM answers WHERE assessment_id = ?1 AND item_id = ?2",
            [&a.id, &items[0]],
            |r| r.get(0),
        )
        .expect("answer");
    assert_eq!(status, "met");
    check.run().expect("intact");
    rx.recv().expect("the held write ends").expect("saved");
    let s = writer.join().expect("writer");
    assert_eq!(
        s.answer(&a.id, &items[0])
            .expect("read")
            .expect("answered")
            .input
            .status,
        Status::NotMet
    );
}

#[test]
fn a_deferred_check_never_run_refuses_the_held_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, a, items) = answered_db(dir.path());
    let mut s = Store::open(&path).expect("open");
    drop(s.defer_full_check());
    let input = AnswerInput::status(Status::NotMet);
    let err = s
        .save_answer(&a.id, &items[0], &input, &stamp(5))
        .expect_err("refused");
    assert_eq!(err.code(), "database_damaged");
}

#[test]
fn an_intact_file_passes_both_checks_and_the_open_check_skips_tables_not_created_yet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _, _) = answered_db(dir.path());
    let s = Store::open(&path).expect("open");
    s.check_integrity().expect("intact");
    super::check_file(&path).expect("intact on its own connection");
    let old = dir.path().join("old.sqlite");
    Connection::open(&old)
        .and_then(|c| c.execute_batch("CREATE TABLE packs (id TEXT);"))
        .expect("a schema without the other tables");
    let c = Store {
        conn: Connection::open(&old).expect("open"),
        path: old.clone(),
        packs: Default::default(),
        gate: super::Gate::new(),
    };
    c.check_at_open()
        .expect("tables that do not exist yet are skipped");
}
