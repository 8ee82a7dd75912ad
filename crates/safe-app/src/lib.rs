//! The application layer of safe-assess: the operations the desktop app (`src-tauri`) and the
//! command line (`safe-assess`) both perform, each one user action.
//!
//! Every function takes explicit inputs (an open [`Store`](safe_core::store::Store) or the
//! database path, a [`Stamp`](safe_core::model::Stamp) for who and when, ids) and returns the
//! core's own types; the shells parse their input, make one call here and format the result.
//! Nothing here reads the clock except [`today`], the one rule for the user's date, and nothing
//! prints, opens dialogs or makes ids.
//!
//! | module | user actions |
//! |---|---|
//! | [`bin`] | the assessments in the bin (when deleted), restore one |
//! | [`assess`] | create, save or clear an answer (with the new scorecard), attach evidence, the pack cut to a set of roles, the scorecard without evidence |
//! | [`crosswalk`] | coverage of another pack, start from another assessment through the crosswalk, confirm a carried answer, unlink |
//! | [`catalogue`] | the packs and refused files, a pack as a spreadsheet (template, export, import), a pack file validated and installed |
//! | [`family`] | the assessment family, compare, trend |
//! | [`rebase`] | moving an assessment to a newer edition of its pack: preview and move |
//! | [`report`] | report options with the user's date, the report data with the optional comparison, rendering and writing |
//! | [`review`] | validation by customs: submit, open a submission, accept, remark, visit, decide, export and attach a review, respond, reopen |
//! | [`review_evidence`] | customs: a copy of an evidence file of a submission, its SHA-256 checked |
//! | [`review_view`] | the desktop's review screens: the queue with days left, one application, the key check before opening a submission, the trader's review and what a submission still misses |
//! | [`share`] | export, verify (with this installation's own key), import, merge preview and merge |

pub mod assess;
pub mod bin;
#[cfg(test)]
mod bindings;
pub mod catalogue;
pub mod crosswalk;
mod error;
pub mod family;
pub mod keys;
pub mod rebase;
pub mod report;
pub mod review;
pub mod review_evidence;
pub mod review_plan;
pub mod review_report;
pub mod review_view;
pub mod share;

pub use error::{Error, Result};

/// The user's date: the local calendar date of this computer. Overdue actions and expired
/// evidence are judged against it, in the app and on the command line alike.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
