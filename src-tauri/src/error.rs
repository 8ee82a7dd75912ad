//! The one error every command returns: `{code, message}`.
//!
//! `code` is one of the [`ErrorCode`]s of safe-core (the same code the command line prints for the
//! same failure) and is what the UI switches on; `message` is a one-line text for people and is
//! never parsed. The core's, sharing and report codes pass through unchanged; the shell adds its
//! own codes (`not_allowed`, `no_database`, `settings`, `internal`) for what only the shell can
//! fail at.

use serde::Serialize;

pub use safe_core::ErrorCode;

/// An error as the UI receives it: `{"code": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[error("{message}")]
pub struct CommandError {
    /// A stable, machine-readable code (`not_found`, `invalid_input`, `share_tampered`, ...).
    pub code: ErrorCode,
    /// One line for people.
    pub message: String,
}

/// Result alias of the commands.
pub type CmdResult<T> = Result<T, CommandError>;

impl CommandError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: one_line(&message.into()),
        }
    }
}

impl From<safe_core::Error> for CommandError {
    fn from(e: safe_core::Error) -> Self {
        CommandError::new(e.code(), e.to_string())
    }
}

/// Messages are shown on one line whatever they contain.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_code_and_serialize_as_code_and_message() {
        let e: CommandError = safe_core::Error::NotFound {
            what: "assessment",
            id: "abc".into(),
        }
        .into();
        let json = serde_json::to_value(&e).expect("plain struct serializes");
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "assessment 'abc' not found"}),
            "the UI relies on exactly these two fields"
        );
    }

    #[test]
    fn messages_are_one_line() {
        let e = CommandError::new(ErrorCode::Internal, "first\nsecond\t third");
        assert_eq!(e.message, "first second third");
    }
}
