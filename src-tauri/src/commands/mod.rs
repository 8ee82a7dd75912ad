//! The Tauri commands: each unpacks its arguments, makes the `safe_app` (or core) call of one
//! user action, and returns its result: the core's, sharing, report or app crate's own type, or
//! a screen shape of `crate::dto` built from them. No SQL and no business rules live here.

pub mod answers;
pub mod app;
pub mod assessments;
pub mod compare;
pub mod evidence;
pub mod export;
pub mod rebase;
pub mod review;
pub mod review_files;
pub mod share;
// Catalogues and the crosswalk (desk-packs).
pub mod catalogue;
pub mod crosswalk;

use crate::error::CommandError;

/// A user action's error keeps its stable code (`share_tampered`, `not_comparable`, ...).
impl From<safe_app::Error> for CommandError {
    fn from(e: safe_app::Error) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

#[cfg(test)]
mod tests;
