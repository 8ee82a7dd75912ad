//! Export and import timings for a fully answered trader assessment (every role, every item
//! answered with a comment and owner; each answer's history; 10 evidence files of 200 KB).
//! Figures are recorded in BENCHMARKS.md. Run: `cargo bench -p safe-share`.
#![allow(clippy::expect_used)] // test code: a failed expectation is a test failure

use std::hint::black_box;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use safe_core::catalogue::{Library, Profile};
use safe_core::model::{AnswerInput, NewAssessment, Stamp, Status};
use safe_core::store::{EvidenceFile, Store, Validity};
use safe_share::{ExportOptions, ImportOptions, Keys, ShareFile};

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

fn fully_answered(store: &mut Store, id: &str) {
    let lib = Library::builtin().expect("packs");
    let new = NewAssessment {
        title: "Bench".into(),
        profile: Some(Profile::Trader),
        roles: lib.roles().iter().map(|r| r.id.clone()).collect(),
        organisation: "Bench Ltd".into(),
        ..Default::default()
    };
    let a = store
        .create_assessment(&lib, &new, id, &stamp(0))
        .expect("create");
    let pack = store.pack(&a.pack_id, &a.pack_version).expect("pack");
    let statuses = [Status::Met, Status::PartiallyMet, Status::NotMet];
    let items = pack.items();
    for (n, item) in items.iter().enumerate() {
        let input = AnswerInput {
            comment: format!(
                "Comment on {}: what is in place and what is missing.",
                item.id
            ),
            owner: "Owner".into(),
            ..AnswerInput::status(statuses[n % 3])
        };
        store
            .save_answer(id, &item.id, &input, &stamp(n as i64))
            .expect("answer");
    }
    for k in 0..10u32 {
        // Incompressible, like real scans and PDFs (xorshift).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(k + 1);
        let bytes: Vec<u8> = (0..200 * 1024)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        let file = EvidenceFile {
            file_name: format!("evidence-{k}.pdf"),
            bytes,
        };
        store
            .add_evidence(
                id,
                &items[k as usize].id,
                &file,
                Validity::default(),
                &stamp(1000),
            )
            .expect("evidence");
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("bench.sqlite")).expect("open");
    fully_answered(&mut store, "bench-a");
    let keys = Keys::load_or_create(&dir.path().join("keys")).expect("keys");
    let file = dir.path().join("bench.safeassess");
    let opts = ExportOptions {
        redact: false,
        signer_name: "bench".into(),
        overwrite: true,
    };
    let summary =
        safe_share::export(&store, "bench-a", &keys, &opts, &file, Utc::now()).expect("export");
    eprintln!(
        "file: {} bytes, {} answers, {} evidence files",
        summary.bytes, summary.answers, summary.evidence_files
    );

    let mut g = c.benchmark_group("share");
    g.sample_size(20);
    g.bench_function("export_fully_answered_trader", |b| {
        b.iter(|| {
            black_box(
                safe_share::export(&store, "bench-a", &keys, &opts, &file, Utc::now())
                    .expect("export"),
            )
        })
    });
    g.bench_function("verify_fully_answered_trader", |b| {
        b.iter(|| black_box(ShareFile::open(&file, Default::default()).expect("open")))
    });
    // Into a real database file (WAL, synchronous=FULL), as the app and command line do.
    let mut target = Store::open(&dir.path().join("target.sqlite")).expect("target");
    let mut n = 0u64;
    g.bench_function("import_fully_answered_trader", |b| {
        b.iter(|| {
            n += 1;
            black_box(
                safe_share::import(
                    &mut target,
                    &file,
                    &ImportOptions::default(),
                    &format!("imported-{n}"),
                    &stamp(5000),
                )
                .expect("import"),
            )
        })
    });
    g.finish();
}

criterion_group!(share, benches);
criterion_main!(share);
