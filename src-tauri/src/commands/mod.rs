//! The Tauri commands: each unpacks its arguments, makes the core calls of one user action, and
//! maps the result to the boundary types. No SQL and no business rules live here.

pub mod answers;
pub mod app;
pub mod assessments;
pub mod compare;
pub mod evidence;
pub mod export;
mod progress;
pub mod share;

#[cfg(test)]
mod tests;
