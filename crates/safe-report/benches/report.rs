//! Report rendering times for a fully answered trader assessment with 20 evidence files
//! (targets: HTML at most 50 ms, PDF at most 1 s). Run with `cargo bench -p safe-report`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use safe_report::{Format, render};

fn reports(c: &mut Criterion) {
    let opened = common::trader(20);
    let opts = common::options();
    let mut g = c.benchmark_group("trader report, 20 evidence files");
    for f in [Format::Html, Format::Json, Format::Csv, Format::Xlsx] {
        g.bench_function(f.slug(), |b| {
            b.iter(|| render(black_box(&opened), f, &opts).unwrap())
        });
    }
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("pdf", |b| {
        b.iter(|| render(black_box(&opened), Format::Pdf, &opts).unwrap())
    });
    g.finish();
}

criterion_group!(benches, reports);
criterion_main!(benches);
