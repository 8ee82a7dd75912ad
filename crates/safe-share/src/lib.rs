//! Sharing and re-assessment for safe-assess: portable `.safeassess` files, Ed25519 signing,
//! checked import and merging another assessor's answers. (Comparing assessments over time is pure
//! analytics and lives in `safe_core::compare`.)
//!
//! Only `safe_core::store` touches the database: this crate reads through
//! [`safe_core::store::Store::export_bundle`] and writes through
//! [`safe_core::store::Store::import_assessment`] and [`safe_core::store::Store::apply_merge`].
//! The file format is documented in [`format`]. Time and ids come from the caller.

mod checks;
mod error;
pub mod export;
pub mod format;
pub mod import;
pub mod keys;
pub mod merge;
pub mod read;
pub mod review_file;

pub use error::{Error, Result};
pub use export::{ExportOptions, ExportSummary, export};
pub use import::{ImportOptions, ImportOutcome, Integrity, Verification, import, verify};
pub use keys::{Keys, key_dir};
pub use read::{Limits, ShareFile};

#[cfg(test)]
mod tests;
