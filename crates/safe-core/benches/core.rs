//! Core targets (issue 2): open a fully answered assessment and compute all its scores in at most
//! 5 ms; save one answer durably (WAL, synchronous=FULL, on a real file) in at most 1 ms (median).
//! Also: the home list with 1, 100 assessments.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark harness, like a test

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::Store;

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

    for k in 1..100 {
        fully_answered(&mut store, &lib, &format!("bench-{k}"));
    }
    c.bench_function("list_100_assessments", |b| {
        b.iter(|| black_box(store.list_assessments().expect("list")))
    });
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(core);
