//! The crate's one integration-test binary (one link step instead of one per file): each file of
//! `tests/` is a module here. `crash` re-runs this binary as its child writer, selecting
//! `crash::child_writer` by exact name; it shares no process-global state with the others (the
//! child's settings go through the child's environment only), so it lives here too.

mod catalogue_content;
mod crash;
mod fuzz_pack;

#[test]
fn every_test_file_is_compiled() {
    safe_test_support::check_every_test_file_is_a_module(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests")),
        "it.rs",
    );
}
