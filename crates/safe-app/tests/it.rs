//! The crate's one integration-test binary (one link step instead of one per file): each file of
//! `tests/` is a module here.
#![allow(clippy::expect_used)] // test code: a failed expectation is the report

mod app;
mod crosswalk;
mod rebase;
mod review_evidence;
mod review_view;

use chrono::{Duration, TimeZone, Utc};
use safe_core::model::Stamp;

/// `min` minutes after 1 May 2026 08:00 UTC, by Ana.
fn stamp(min: i64) -> Stamp {
    Stamp {
        at: Utc
            .with_ymd_and_hms(2026, 5, 1, 8, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(min),
        by: "Ana".into(),
    }
}

#[test]
fn every_test_file_is_compiled() {
    safe_test_support::check_every_test_file_is_a_module(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests")),
        "it.rs",
    );
}
