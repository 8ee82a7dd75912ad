//! The crate's one integration-test binary (one link step instead of one per file): each file of
//! `tests/` is a module here, `support` holds what the fuzz targets share.

mod fuzz_import;
mod fuzz_review;
mod support;

#[test]
fn every_test_file_is_compiled() {
    safe_test_support::check_every_test_file_is_a_module(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests")),
        "it.rs",
    );
}
