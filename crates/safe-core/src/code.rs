//! The one space of error codes of safe-assess: every crate's errors, the desktop shell's
//! `{code, message}` and the command line's `code:` line use these.
//!
//! A code's text is stable: the UI switches on it and users' scripts read it. Never rename one;
//! add a new variant instead (to [`ErrorCode::ALL`] and to the table in ARCHITECTURE.md, which a
//! test compares with this enum). Whether a code is the user's fault (exit code 2) or the
//! environment's (exit code 1) is decided here, in [`ErrorCode::is_user_error`].

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code, serialized as its snake_case text (`not_found`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorCode {
    /// A value given by the user is not acceptable (a bad word, date, option or file name).
    InvalidInput,
    /// An assessment, item, evidence or backup id (or a file named by the user) that does not exist.
    NotFound,
    /// An assessment id prefix that matches more than one assessment.
    AmbiguousId,
    /// A catalogue pack that does not pass validation.
    CatalogueInvalid,
    /// The database file is not a SQLite database, or is damaged.
    DatabaseDamaged,
    /// The database was written by a newer version of safe-assess.
    DatabaseTooNew,
    /// A file could not be read or written.
    Io,
    /// The database cannot be written: its folder or file is read-only.
    ReadOnly,
    /// The disk is full.
    DiskFull,
    /// Any other database error (locked for too long, ...).
    Database,
    /// A database upgrade failed.
    Migration,
    /// Not a usable .safeassess file (not a zip, truncated, a member missing or unreadable).
    ShareUnreadable,
    /// A .safeassess member whose name or kind is not allowed.
    ShareUnsafeMember,
    /// A .safeassess file over a size limit.
    ShareTooLarge,
    /// A .safeassess file of a newer format version.
    ShareFormatTooNew,
    /// A .safeassess file changed after it was signed.
    ShareTampered,
    /// A .safeassess file that is not signed.
    ShareUnsigned,
    /// A well-formed .safeassess file whose content is not acceptable (items not in the pack, a
    /// merge of unrelated assessments, ...).
    ShareInvalid,
    /// This installation's signing key cannot be used.
    Key,
    /// Two assessments that cannot be compared.
    NotComparable,
    /// The output file exists and replacing it was not asked for.
    FileExists,
    /// The output folder does not exist or cannot be written.
    NotWritable,
    /// A report could not be produced (a bug, not the user's input).
    Render,
    /// Desktop app: a path the user did not pick or drop, or a file the app did not write.
    NotAllowed,
    /// Desktop app: the database could not be opened at start; the message says why.
    NoDatabase,
    /// Desktop app: the settings file could not be read or written.
    Settings,
    /// Desktop app: a fault of the app itself (a worker that stopped, a poisoned lock, an answer
    /// the UI could not read).
    Internal,
    /// An assessment submitted to customs before every applicable item is answered.
    Incomplete,
    /// An answer accepted by customs changed without reopening it first.
    AnswerLocked,
    /// A submission or review file that does not belong here: another application, an older or
    /// already opened submission, or signed by a key other than the one trusted.
    ReviewMismatch,
}

impl ErrorCode {
    /// Every code, in the order of the table in ARCHITECTURE.md.
    pub const ALL: [ErrorCode; 30] = [
        ErrorCode::InvalidInput,
        ErrorCode::NotFound,
        ErrorCode::AmbiguousId,
        ErrorCode::CatalogueInvalid,
        ErrorCode::DatabaseDamaged,
        ErrorCode::DatabaseTooNew,
        ErrorCode::Io,
        ErrorCode::ReadOnly,
        ErrorCode::DiskFull,
        ErrorCode::Database,
        ErrorCode::Migration,
        ErrorCode::ShareUnreadable,
        ErrorCode::ShareUnsafeMember,
        ErrorCode::ShareTooLarge,
        ErrorCode::ShareFormatTooNew,
        ErrorCode::ShareTampered,
        ErrorCode::ShareUnsigned,
        ErrorCode::ShareInvalid,
        ErrorCode::Key,
        ErrorCode::NotComparable,
        ErrorCode::FileExists,
        ErrorCode::NotWritable,
        ErrorCode::Render,
        ErrorCode::NotAllowed,
        ErrorCode::NoDatabase,
        ErrorCode::Settings,
        ErrorCode::Internal,
        ErrorCode::Incomplete,
        ErrorCode::AnswerLocked,
        ErrorCode::ReviewMismatch,
    ];

    /// The code's stable text, as serialized (`share_tampered`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NotFound => "not_found",
            ErrorCode::AmbiguousId => "ambiguous_id",
            ErrorCode::CatalogueInvalid => "catalogue_invalid",
            ErrorCode::DatabaseDamaged => "database_damaged",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::Io => "io",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::Database => "database",
            ErrorCode::Migration => "migration",
            ErrorCode::ShareUnreadable => "share_unreadable",
            ErrorCode::ShareUnsafeMember => "share_unsafe_member",
            ErrorCode::ShareTooLarge => "share_too_large",
            ErrorCode::ShareFormatTooNew => "share_format_too_new",
            ErrorCode::ShareTampered => "share_tampered",
            ErrorCode::ShareUnsigned => "share_unsigned",
            ErrorCode::ShareInvalid => "share_invalid",
            ErrorCode::Key => "key",
            ErrorCode::NotComparable => "not_comparable",
            ErrorCode::FileExists => "file_exists",
            ErrorCode::NotWritable => "not_writable",
            ErrorCode::Render => "render",
            ErrorCode::NotAllowed => "not_allowed",
            ErrorCode::NoDatabase => "no_database",
            ErrorCode::Settings => "settings",
            ErrorCode::Internal => "internal",
            ErrorCode::Incomplete => "incomplete",
            ErrorCode::AnswerLocked => "answer_locked",
            ErrorCode::ReviewMismatch => "review_mismatch",
        }
    }

    /// True when a failure with this code is the user's input (a bad value, an unknown id, a bad
    /// or refused file: exit code 2, nothing changed), false for a fault of the environment or of
    /// the program (disk, permissions, database, key, a bug: exit code 1).
    ///
    /// `io` is the one code whose side depends on the cause: see [`ErrorCode::io_is_user_error`].
    pub const fn is_user_error(self) -> bool {
        match self {
            ErrorCode::InvalidInput
            | ErrorCode::NotFound
            | ErrorCode::AmbiguousId
            | ErrorCode::CatalogueInvalid
            | ErrorCode::DatabaseDamaged
            | ErrorCode::DatabaseTooNew
            | ErrorCode::ShareUnreadable
            | ErrorCode::ShareUnsafeMember
            | ErrorCode::ShareTooLarge
            | ErrorCode::ShareFormatTooNew
            | ErrorCode::ShareTampered
            | ErrorCode::ShareUnsigned
            | ErrorCode::ShareInvalid
            | ErrorCode::NotComparable
            | ErrorCode::FileExists
            | ErrorCode::NotWritable
            | ErrorCode::NotAllowed
            | ErrorCode::Incomplete
            | ErrorCode::AnswerLocked
            | ErrorCode::ReviewMismatch => true,
            ErrorCode::Io
            | ErrorCode::ReadOnly
            | ErrorCode::DiskFull
            | ErrorCode::Database
            | ErrorCode::Migration
            | ErrorCode::Key
            | ErrorCode::Render
            | ErrorCode::NoDatabase
            | ErrorCode::Settings
            | ErrorCode::Internal => false,
        }
    }

    /// For an `io` failure: a file that does not exist was named by the user (exit code 2); any
    /// other I/O fault (permissions, a full disk, ...) is the environment's (exit code 1).
    pub fn io_is_user_error(source: &std::io::Error) -> bool {
        source.kind() == std::io::ErrorKind::NotFound
    }

    /// The code for a text, if it is one.
    pub fn parse(text: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares with a code's text, so `e.code() == "not_found"` reads as the code users see.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, text: &&str) -> bool {
        self.as_str() == *text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_holds_every_code_once_and_serializes_as_its_text() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice in ALL");
            let json = serde_json::to_value(c).expect("a unit variant serializes");
            assert_eq!(json, serde_json::json!(c.as_str()), "{c:?}");
            let back: ErrorCode = serde_json::from_value(json).expect("and reads back");
            assert_eq!(back, c);
            assert_eq!(ErrorCode::parse(c.as_str()), Some(c));
        }
        assert_eq!(ErrorCode::parse("unsupported"), None);
    }

    #[test]
    fn the_texts_users_depend_on_are_unchanged() {
        // Written out by hand: the UI and users' scripts depend on exactly these texts.
        let texts: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            texts,
            [
                "invalid_input",
                "not_found",
                "ambiguous_id",
                "catalogue_invalid",
                "database_damaged",
                "database_too_new",
                "io",
                "read_only",
                "disk_full",
                "database",
                "migration",
                "share_unreadable",
                "share_unsafe_member",
                "share_too_large",
                "share_format_too_new",
                "share_tampered",
                "share_unsigned",
                "share_invalid",
                "key",
                "not_comparable",
                "file_exists",
                "not_writable",
                "render",
                "not_allowed",
                "no_database",
                "settings",
                "internal",
                "incomplete",
                "answer_locked",
                "review_mismatch",
            ]
        );
    }

    #[test]
    fn the_architecture_table_matches_the_enum() {
        let doc = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../ARCHITECTURE.md"
        ));
        let section = doc
            .split("\n## Error codes\n")
            .nth(1)
            .expect("ARCHITECTURE.md has an '## Error codes' section");
        let section = section.split("\n## ").next().unwrap_or(section);
        let rows: Vec<(String, String)> = section
            .lines()
            .filter_map(|l| {
                let cells: Vec<&str> = l
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect();
                let code = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
                Some((code.to_string(), cells.get(2)?.to_string()))
            })
            .collect();
        let codes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
        let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            codes, all,
            "the table's codes, in order, are ErrorCode::ALL"
        );
        for (text, exit) in &rows {
            let code = ErrorCode::parse(text).expect("checked above");
            let want = if code.is_user_error() { "2" } else { "1" };
            assert!(
                exit.starts_with(want),
                "{text}: the table says exit code '{exit}', the enum says {want}"
            );
        }
    }
}
