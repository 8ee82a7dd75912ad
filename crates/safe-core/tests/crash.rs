//! Crash and concurrency safety, with real processes.
//!
//! The test binary runs itself as a child (`SAFE_CHILD=...`) that saves answers in a loop and prints
//! a line after each save returns. The parent kills it with SIGKILL at random moments, hundreds of
//! times, and after each kill checks that the database passes `PRAGMA integrity_check` and that every
//! answer the child reported saved is there. A second test runs two writers at once and checks that
//! neither sees "database is locked" and no update is lost.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::Store;

const ASSESSMENT: &str = "00000000-0000-4000-8000-0000000c0a5e";

/// Child mode: when `SAFE_CHILD` is set, this "test" is the writer process.
#[test]
fn child_writer() {
    let Ok(mode) = std::env::var("SAFE_CHILD") else {
        return; // Not a child: nothing to do in the normal test run.
    };
    let db = std::env::var("SAFE_DB").expect("SAFE_DB");
    let start: usize = std::env::var("SAFE_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let count: usize = std::env::var("SAFE_COUNT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let mut store = Store::open(std::path::Path::new(&db)).expect("child opens the database");
    let items = items(&store);
    let stride: usize = if mode == "odd" { 2 } else { 1 };
    let offset: usize = if mode == "odd" { 1 } else { 0 };
    for n in start..start.saturating_add(count) {
        let item = &items[(offset + n * stride) % items.len()];
        // Crash mode writes bare numbers (checked by the parent); writers differ by prefix so two
        // writers never save an identical answer (which would be a no-op).
        let comment = if mode == "crash" {
            format!("{n}")
        } else {
            format!("{mode} {n}")
        };
        let input = AnswerInput {
            comment,
            ..AnswerInput::status(Status::Met)
        };
        match store.save_answer(ASSESSMENT, item, &input, &Stamp::now(mode.clone())) {
            Ok(_) => println!("SAVED {item} {n}"),
            Err(e) => {
                println!("ERROR {} {e}", e.code());
                std::process::exit(3);
            }
        }
    }
}

fn items(store: &Store) -> Vec<String> {
    let a = store.assessment(ASSESSMENT).expect("assessment");
    let pack = store.pack(&a.pack_id, &a.pack_version).expect("pack");
    pack.items()
        .iter()
        .filter(|i| i.applies_to(&a.roles))
        .map(|i| i.id.clone())
        .collect()
}

fn setup(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("crash.sqlite");
    let mut store = Store::open(&db).expect("open");
    let new = NewAssessment {
        title: "Crash test".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        ..Default::default()
    };
    store
        .create_assessment(
            &Library::builtin().expect("packs"),
            &new,
            ASSESSMENT,
            &Stamp::now("setup"),
        )
        .expect("create");
    db
}

fn child(
    db: &std::path::Path,
    mode: &str,
    start: usize,
    count: Option<usize>,
) -> std::process::Child {
    let mut c = Command::new(std::env::current_exe().expect("test binary"));
    c.args([
        // The test is `crash::child_writer` in the crate's one integration binary (tests/it.rs).
        "crash::child_writer",
        "--exact",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ])
    .env("SAFE_CHILD", mode)
    .env("SAFE_DB", db)
    .env("SAFE_START", start.to_string())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if let Some(n) = count {
        c.env("SAFE_COUNT", n.to_string());
    }
    c.spawn().expect("spawn child")
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

#[test]
fn sigkill_at_random_moments_never_loses_a_saved_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = setup(dir.path());
    let mut rng = Lcg(0x5afe);
    let mut reported: std::collections::HashMap<String, usize> = Default::default();
    let mut next = 0usize;
    let rounds = 200;
    for round in 0..rounds {
        let mut c = child(&db, "crash", next, None);
        let stdout = c.stdout.take().expect("stdout");
        // Read the child's reports on a thread; kill after a random number of saves plus a random
        // delay, so the kill lands at any point of a save (mid-transaction included).
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        std::thread::sleep(Duration::from_micros(2_000 + rng.next(40_000)));
        c.kill().expect("SIGKILL");
        c.wait().expect("reap");
        let lines = reader.join().expect("reader");
        for l in &lines {
            assert!(!l.starts_with("ERROR"), "round {round}: child failed: {l}");
            let Some(l) = l.strip_prefix("SAVED ") else {
                continue;
            };
            let (item, n) = l.split_once(' ').expect("item n");
            let n: usize = n.parse().expect("n");
            reported.insert(item.to_string(), n);
            next = next.max(n + 1);
        }
        next += 1; // the save in flight, if any, may or may not have landed

        let store =
            Store::open(&db).unwrap_or_else(|e| panic!("round {round}: reopen failed: {e}"));
        drop(store);
        let conn = rusqlite::Connection::open(&db).expect("open raw");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(check, "ok", "round {round}: integrity");
        for (item, n) in &reported {
            let comment: String = conn
                .query_row(
                    "SELECT comment FROM answers WHERE assessment_id = ?1 AND item_id = ?2",
                    [ASSESSMENT, item],
                    |r| r.get(0),
                )
                .unwrap_or_else(|e| {
                    panic!("round {round}: answer {item} (saved as {n}) is missing: {e}")
                });
            let stored: usize = comment.parse().expect("numeric comment");
            assert!(
                stored >= *n,
                "round {round}: {item} reported saved as {n}, found {stored}"
            );
        }
    }
    assert!(
        reported.len() > 10,
        "the children saved across many items: {}",
        reported.len()
    );
}

#[test]
fn two_writers_at_once_lose_nothing_and_never_see_locked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = setup(dir.path());
    let per_writer = 150;
    let writers = [
        child(&db, "even", 0, Some(per_writer)),
        child(&db, "odd", 0, Some(per_writer)),
    ];
    let mut saved = Vec::new();
    for mut w in writers {
        let out = std::io::read_to_string(w.stdout.take().expect("stdout")).expect("read");
        let status = w.wait().expect("wait");
        assert!(status.success(), "a writer failed: {out}");
        assert!(!out.contains("ERROR"), "{out}");
        saved.extend(
            out.lines()
                .filter(|l| l.starts_with("SAVED "))
                .map(str::to_string),
        );
    }
    assert_eq!(saved.len(), 2 * per_writer, "every save reported");
    let store = Store::open(&db).expect("open");
    let history = store.history(ASSESSMENT, None).expect("history");
    let answer_changes = history.iter().filter(|h| h.action() == "answer").count();
    assert_eq!(
        answer_changes,
        2 * per_writer,
        "every save of both writers is in the history"
    );
    let by: std::collections::HashSet<&str> = history.iter().map(|h| h.by.as_str()).collect();
    assert!(by.contains("even") && by.contains("odd"));
}
