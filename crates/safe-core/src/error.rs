//! The one error type of the core, with stable codes for the shells.
//!
//! Messages name what is wrong and never carry file contents or SQL text. Every variant maps to a
//! stable [`ErrorCode`] ([`Error::code`]) that the desktop UI switches on, and through it to
//! [`Error::is_user_error`], which the command line turns into exit code 2.

use std::path::PathBuf;

use crate::ErrorCode;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user is not acceptable (a wrong status word, a bad date, ...).
    #[error("{0}")]
    Invalid(String),

    /// An assessment, item or evidence id that does not exist.
    #[error("{what} '{id}' not found")]
    NotFound {
        /// What kind of thing was looked up ("assessment", "item", ...).
        what: &'static str,
        /// The id as given.
        id: String,
    },

    /// An assessment id prefix that matches more than one assessment.
    #[error("assessment id '{0}' is ambiguous: give more characters")]
    Ambiguous(String),

    /// A catalogue pack that does not pass validation.
    #[error("catalogue pack {file}: {message}")]
    Catalogue {
        /// The file (or built-in name) of the pack.
        file: String,
        /// What is wrong, naming the item or group id and the field.
        message: String,
    },

    /// The database file is not a SQLite database, or is damaged.
    #[error("{path} is not a usable safe-assess database: {reason}")]
    Damaged {
        /// The database path.
        path: PathBuf,
        /// What the check found.
        reason: String,
    },

    /// The database was written by a newer version of safe-assess.
    #[error(
        "{path} was written by a newer version of safe-assess (schema {found}, this version knows up to {known}); update the app"
    )]
    NewerDatabase {
        /// The database path.
        path: PathBuf,
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        known: i64,
    },

    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// SQLite reported an error (disk full, read-only, locked for too long, ...).
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    /// A migration failed.
    #[error("database upgrade failed: {0}")]
    Migration(String),

    /// An assessment submitted with applicable items unanswered (the message lists them).
    #[error("{0}")]
    Incomplete(String),

    /// An answer accepted by customs changed without reopening it.
    #[error("{0}")]
    Locked(String),

    /// A submission or review file that does not belong here (another application, an older or
    /// replayed submission, another key).
    #[error("{0}")]
    Mismatch(String),
}

impl Error {
    /// The stable, machine-readable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Ambiguous(_) => ErrorCode::AmbiguousId,
            Error::Catalogue { .. } => ErrorCode::CatalogueInvalid,
            Error::Damaged { .. } => ErrorCode::DatabaseDamaged,
            Error::NewerDatabase { .. } => ErrorCode::DatabaseTooNew,
            Error::Io { .. } => ErrorCode::Io,
            Error::Database(e) if is_read_only(e) => ErrorCode::ReadOnly,
            Error::Database(e) if is_disk_full(e) => ErrorCode::DiskFull,
            Error::Database(_) => ErrorCode::Database,
            Error::Migration(_) => ErrorCode::Migration,
            Error::Incomplete(_) => ErrorCode::Incomplete,
            Error::Locked(_) => ErrorCode::AnswerLocked,
            Error::Mismatch(_) => ErrorCode::ReviewMismatch,
        }
    }

    /// True when the error is the user's input (bad value, unknown id, bad file), false for faults
    /// of the environment ([`ErrorCode::is_user_error`]). The command line exits with 2 for the
    /// first kind and 1 for the second.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Io { source, .. } => ErrorCode::io_is_user_error(source),
            other => other.code().is_user_error(),
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn sqlite_code(e: &rusqlite::Error) -> Option<rusqlite::ErrorCode> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    }
}

fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        sqlite_code(e),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

fn is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(sqlite_code(e), Some(rusqlite::ErrorCode::DiskFull))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_user_errors_are_classified() {
        let e = Error::NotFound {
            what: "assessment",
            id: "abc".into(),
        };
        assert_eq!(e.code(), ErrorCode::NotFound);
        assert_eq!(e.code(), "not_found");
        assert!(e.is_user_error());
        assert_eq!(e.to_string(), "assessment 'abc' not found");
        let io = Error::io(
            "/x",
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied"),
        );
        assert_eq!(io.code(), ErrorCode::Io);
        assert!(
            !io.is_user_error(),
            "a permission fault is not the user's input"
        );
        let missing = Error::io("/x", std::io::ErrorKind::NotFound.into());
        assert_eq!(missing.code(), ErrorCode::Io);
        assert!(
            missing.is_user_error(),
            "a file the user named that is not there"
        );
    }
}
