//! Core targets (issue 2): open a fully answered assessment and compute all its scores in at most
//! 5 ms; save one answer durably (WAL, synchronous=FULL, on a real file) in at most 1 ms (median).
//! Also: the home list with 1, 100 assessments; crosswalk coverage of a 300-item pack against a
//! 300-item pack (issue 13, target under 50 ms), on packs generated here; the validator's queue
//! of 1,000 applications of 100 answers and opening one (issue 14, targets 50 ms and 20 ms).
//!
//! Floors (issue 15), measured in the same run and interleaved with the action, so that a loaded
//! machine slows both alike, then printed with the ratio: a durable save against a bare one-row
//! synced commit on the same file system (its own file, WAL, `synchronous=FULL`, the store's page
//! size; target at most 1.2x), and open + score against reading the same rows without scoring.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark harness, like a test

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::Connection;
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::Store;

#[path = "support/queue.rs"]
mod queue;

fn stamp(n: i64) -> Stamp {
    let t0 = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time");
    Stamp {
        at: t0 + Duration::seconds(n),
        by: "bench".into(),
    }
}

/// Creates a trader assessment with every applicable item answered; returns (id, an item id).
fn fully_answered(store: &mut Store, lib: &Library, id: &str) -> String {
    let new = NewAssessment {
        title: "Bench".into(),
        profile: Some(Profile::Trader),
        roles: lib.roles().iter().map(|r| r.id.clone()).collect(),
        organisation: "Bench Ltd".into(),
        ..Default::default()
    };
    let a = store
        .create_assessment(lib, &new, id, &stamp(0))
        .expect("create");
    let pack = store.pack(&a.pack_id, &a.pack_version).expect("pack");
    let statuses = [Status::Met, Status::PartiallyMet, Status::NotMet];
    for (n, item) in pack.items().iter().enumerate() {
        let input = AnswerInput {
            comment: format!("Comment on {}", item.id),
            owner: "Owner".into(),
            ..AnswerInput::status(statuses[n % 3])
        };
        store
            .save_answer(id, &item.id, &input, &stamp(n as i64))
            .expect("answer");
    }
    pack.items()[0].id.clone()
}

fn benches(c: &mut Criterion) {
    let lib = Library::builtin().expect("packs");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.sqlite");
    let mut store = Store::open(&path).expect("open");
    let item = fully_answered(&mut store, &lib, "bench-a");

    c.bench_function("open_and_score_fully_answered", |b| {
        b.iter(|| black_box(safe_core::open_assessment(&store, "bench-a").expect("open")))
    });

    let mut n = 0i64;
    c.bench_function("save_answer_durable", |b| {
        b.iter(|| {
            n += 1;
            let input = AnswerInput {
                comment: format!("edit {n}"),
                ..AnswerInput::status(Status::Met)
            };
            black_box(
                store
                    .save_answer("bench-a", &item, &input, &stamp(10_000 + n))
                    .expect("save"),
            )
        })
    });

    floors(&mut store, &path, &item);

    for k in 1..100 {
        fully_answered(&mut store, &lib, &format!("bench-{k}"));
    }
    c.bench_function("list_100_assessments", |b| {
        b.iter(|| black_box(store.list_assessments().expect("list")))
    });
}

/// How many times each floor and its action run, alternately.
const FLOOR_ROUNDS: usize = 300;

/// A bare one-row synced commit on its own file beside the store: WAL, `synchronous=FULL`, the
/// store's page size, one `UPDATE` of one row per `IMMEDIATE` transaction.
struct SyncedCommit(Connection);

impl SyncedCommit {
    fn beside(store_path: &Path) -> SyncedCommit {
        let page_size: i64 = Connection::open(store_path)
            .and_then(|c| c.query_row("PRAGMA page_size", [], |r| r.get(0)))
            .expect("page size");
        let c = Connection::open(store_path.with_file_name("floor.sqlite")).expect("floor file");
        c.execute_batch(&format!(
            "PRAGMA page_size = {page_size}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
             INSERT INTO t VALUES (1, '');"
        ))
        .expect("floor table");
        SyncedCommit(c)
    }

    fn commit(&mut self, n: i64) {
        let tx = self
            .0
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .expect("begin");
        tx.execute("UPDATE t SET v = ?1 WHERE id = 1", [format!("edit {n}")])
            .expect("update");
        tx.commit().expect("commit");
    }
}

fn time_ms(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn print_floor(what: &str, action: Vec<f64>, floor_name: &str, floor: Vec<f64>) {
    let (a, f) = (median(action), median(floor));
    println!(
        "floor | {what}: median {a:.3} ms | {floor_name}: median {f:.3} ms | ratio {:.2}x",
        a / f
    );
}

/// The floors, each interleaved with its action.
fn floors(store: &mut Store, path: &Path, item: &str) {
    let mut floor = SyncedCommit::beside(path);
    let (mut saves, mut commits) = (Vec::new(), Vec::new());
    for n in 0..FLOOR_ROUNDS as i64 {
        let input = AnswerInput {
            comment: format!("floor edit {n}"),
            ..AnswerInput::status(Status::Met)
        };
        saves.push(time_ms(|| {
            black_box(
                store
                    .save_answer("bench-a", item, &input, &stamp(50_000 + n))
                    .expect("save"),
            );
        }));
        commits.push(time_ms(|| floor.commit(n)));
    }
    print_floor(
        "save_answer_durable",
        saves,
        "one-row synced commit (WAL, FULL, same page size)",
        commits,
    );

    let (mut opens, mut reads) = (Vec::new(), Vec::new());
    for _ in 0..FLOOR_ROUNDS {
        opens.push(time_ms(|| {
            black_box(safe_core::open_assessment(store, "bench-a").expect("open"));
        }));
        // The same reads as `open_assessment`, without the scoring.
        reads.push(time_ms(|| {
            let a = store.assessment("bench-a").expect("assessment");
            black_box(store.pack(&a.pack_id, &a.pack_version).expect("pack"));
            black_box(store.answers("bench-a").expect("answers"));
            black_box(store.evidence("bench-a").expect("evidence"));
            black_box(a);
        }));
    }
    print_floor(
        "open_and_score_fully_answered",
        opens,
        "the same rows read, not scored",
        reads,
    );
}

/// A trader pack `id` of 300 items (`P.SS.III`) in 10 sections of 30.
fn pack_300(id: &str, prefix: &str) -> safe_core::catalogue::Pack {
    let groups: Vec<String> = (0..10)
        .map(|g| {
            let items: Vec<String> = (0..30)
                .map(|i| {
                    format!(
                        r#"{{"id":"{prefix}.{g:02}.{i:03}","title":"Item {i}","requirement":"q","guidance":"g",
                        "shortfall":"f","evidence":["e1","e2"],"reference":"r","roles":["all"],
                        "criticality":"major","mandatory":false,"aim":"prevent-exploitation"}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"id":"{prefix}.{g:02}","kind":"section","title":"Section {g}","summary":"s","reference":"r","items":[{}]}}"#,
                items.join(",")
            )
        })
        .collect();
    let json = format!(
        r#"{{"format":1,"id":"{id}","title":"{id}","edition":"2026","date":"2026-01-01",
        "version":"1.0.0","profile":"trader","source":"bench","groups":[{}]}}"#,
        groups.join(",")
    );
    safe_core::catalogue::Pack::parse(id, &json, &safe_core::catalogue::builtin_roles())
        .expect("bench pack")
}

fn crosswalk_coverage(c: &mut Criterion) {
    use safe_core::crosswalk::{Crosswalk, Mapping};
    let (from, to) = (pack_300("bench-from", "F"), pack_300("bench-to", "T"));
    let ids = |p: &safe_core::catalogue::Pack| -> Vec<String> {
        p.items().iter().map(|i| i.id.clone()).collect()
    };
    let (fi, ti) = (ids(&from), ids(&to));
    let rels = ["equal", "subset", "superset", "intersects"];
    // One link per item, plus 150 more to other items: 450 links.
    let links: Vec<String> = (0..300)
        .map(|n| (n, n, rels[n % 4]))
        .chain((0..150).map(|n| (n * 2, (n * 2 + 7) % 300, "intersects")))
        .map(|(f, t, r)| {
            format!(
                r#"{{"from":"{}","to":"{}","relationship":"{r}","rationale":"bench"}}"#,
                fi[f], ti[t]
            )
        })
        .collect();
    let json = format!(
        r#"{{"format":1,"id":"bench-from--bench-to","from":"bench-from","to":"bench-to","title":"bench",
        "provenance":{{"basis":"project-analysis","source":"bench"}},"links":[{}]}}"#,
        links.join(",")
    );
    let mapping = Mapping::parse(&json, |id| match id {
        "bench-from" => Some(&from),
        "bench-to" => Some(&to),
        _ => None,
    })
    .expect("bench mapping");
    let walk = Crosswalk::of(&mapping, false);
    let lib = Library::builtin().expect("packs");
    let mut store = Store::open_in_memory().expect("store");
    let new = NewAssessment {
        title: "Bench".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        ..Default::default()
    };
    let a = store
        .create_assessment(&lib, &new, "bench-cw", &stamp(0))
        .expect("create");
    // Two answered items in three.
    let answers: Vec<safe_core::model::Answer> = fi
        .iter()
        .enumerate()
        .filter(|(n, _)| n % 3 != 2)
        .map(|(_, id)| safe_core::model::Answer {
            item_id: id.clone(),
            input: AnswerInput::status(Status::Met),
            carried_over: false,
            updated_at: stamp(1).at,
            updated_by: "bench".into(),
            evidence: vec![],
        })
        .collect();
    c.bench_function("crosswalk_coverage_300_by_300", |b| {
        b.iter(|| {
            black_box(safe_core::crosswalk::coverage(
                &a, &from, &answers, &to, &walk,
            ))
        })
    });
}

/// The validator's queue (issue 14): 1,000 applications of 100 answers; the queue (`review
/// list`, target under 50 ms) and opening one application (`review show`: the application with
/// its last submission, marks, remarks, findings, decisions and its pack; target under 20 ms).
fn validator_queue(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("customs.sqlite")).expect("open");
    let pack = queue::pack("bench-queue", "Q", 100).expect("pack");
    let ids = queue::fill(&mut store, &pack, 1000).expect("fill");
    let one = &ids[ids.len() / 2];
    c.bench_function("review_list_1000_applications", |b| {
        b.iter(|| black_box(store.applications().expect("queue")))
    });
    c.bench_function("review_open_one_of_1000_applications_100_answers", |b| {
        b.iter(|| {
            let v = store.application_view(one).expect("view");
            let p = store
                .pack(&v.application.pack_id, &v.application.pack_version)
                .expect("pack");
            black_box((v, p))
        })
    });
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = benches, crosswalk_coverage, validator_queue
}
criterion_main!(core);
