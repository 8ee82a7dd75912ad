//! The one error every command returns: `{code, message}`.
//!
//! `code` is stable and is what the UI switches on; `message` is a one-line text for people and is
//! never parsed. The core's codes ([`safe_core::Error::code`]) pass through unchanged; the shell
//! adds its own codes for what only the shell can fail at (a dialog closed, a path the user did not
//! pick, the settings file).

use serde::Serialize;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[error("{message}")]
pub struct CommandError {
    /// A stable, machine-readable code (`not_found`, `invalid_input`, `cancelled`, ...).
    pub code: String,
    /// One line for people.
    pub message: String,
}

/// Result alias of the commands.
pub type CmdResult<T> = Result<T, CommandError>;

/// The codes the shell adds to the core's.
pub mod codes {
    /// The user closed a file dialog without choosing.
    pub const CANCELLED: &str = "cancelled";
    /// A path the user did not pick or drop, or a file the app did not write.
    pub const NOT_ALLOWED: &str = "not_allowed";
    /// The database could not be opened at start; the message says why.
    pub const NO_DATABASE: &str = "no_database";
    /// The settings file could not be read or written.
    pub const SETTINGS: &str = "settings";
    /// A report format that this build cannot produce yet.
    pub const UNSUPPORTED: &str = "unsupported";
    /// A fault of the app itself (a worker thread that stopped, a poisoned lock).
    pub const INTERNAL: &str = "internal";
}

impl CommandError {
    /// An error with a code and a message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
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
        let e = CommandError::new(codes::INTERNAL, "first\nsecond\t third");
        assert_eq!(e.message, "first second third");
    }
}
