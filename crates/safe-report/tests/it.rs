//! The crate's one integration-test binary (one link step instead of one per file): each file of
//! `tests/` is a module here; `common` holds the fixtures (the benchmarks read it too).

mod common;
mod formats;
mod links;
mod pack_format2;
mod pdf;
mod progress;
mod samples;

#[test]
fn every_test_file_is_compiled() {
    safe_test_support::check_every_test_file_is_a_module(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests")),
        "it.rs",
    );
}
