//! Helpers the integration tests of several crates share, so that no test suite carries its own
//! copy: a command line run against a private data folder ([`Cli`]), every row of a database
//! as text ([`dump`]), pack files read as plain JSON ([`pack_json`]) and the check that a
//! crate's one integration binary compiles every test file
//! ([`check_every_test_file_is_a_module`]), and a PDF's text through poppler ([`pdf_text`]).
//!
//! Test code: a failed expectation panics with the reason, which is the test's report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod cli;
mod db;
mod layout;
pub mod pack_json;
mod pdf;

pub use cli::{Cli, output};
pub use db::dump;
pub use layout::check_every_test_file_is_a_module;
pub use pdf::pdf_text;
