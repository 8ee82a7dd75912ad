//! The `safe-assess` command line's one integration-test binary (one link step instead of one per
//! file): each file of `tests/` is a module here and `support` is what they share. None needs a
//! process of its own: every test runs the real binary as a child with its own temporary data
//! folder, and none changes this process's environment or other global state.

mod cli;
mod leaks;
mod parity;
mod report;
mod share;
mod support;

#[test]
fn every_test_file_is_compiled() {
    safe_test_support::check_every_test_file_is_a_module(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests")),
        "it.rs",
    );
}
