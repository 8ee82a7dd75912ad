//! Errors of the sharing crate, with stable codes of the one [`ErrorCode`] space.

use std::path::PathBuf;

use safe_core::ErrorCode;

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while writing, reading, importing or merging a portable file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An error of the core (database, unknown id, bad answer, ...).
    #[error(transparent)]
    Core(#[from] safe_core::Error),

    /// Not a portable assessment file: not a zip, truncated, or a member is missing or unreadable.
    #[error("{path} is not a usable .safeassess file: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// A member whose name or kind is not allowed (a path escaping the file, a folder, a link,
    /// encryption, anything outside the expected layout).
    #[error("{path} is refused: member '{member}' {reason}")]
    UnsafeMember {
        /// The file.
        path: PathBuf,
        /// The member's name as stored.
        member: String,
        /// Why it is refused.
        reason: String,
    },

    /// Over a size limit (a zip bomb, an evidence file over the limit, too many members).
    #[error("{path} is refused: {reason}")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Which limit, with the figures.
        reason: String,
    },

    /// Written by a newer version of safe-assess.
    #[error(
        "{path} is a .safeassess file of format version {found}, written by safe-assess {written_by}; \
         this safe-assess {this} reads format versions up to {known}: install safe-assess {written_by} or newer"
    )]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u32,
        /// The newest version this build reads.
        known: u32,
        /// The app version that wrote it.
        written_by: String,
        /// This app's version.
        this: String,
    },

    /// The content does not match its checksums or signature: changed after it was signed.
    #[error("{path} was changed after it was signed (tampered): {reason}")]
    Tampered {
        /// The file.
        path: PathBuf,
        /// What does not match.
        reason: String,
    },

    /// The file carries no signature (refused unless the caller allows unsigned files).
    #[error(
        "{path} is not signed; import it only if you trust where it came from (--allow-unsigned)"
    )]
    Unsigned {
        /// The file.
        path: PathBuf,
    },

    /// The content is well-formed but not acceptable (items not in the pack, a merge of
    /// unrelated assessments, ...).
    #[error("{0}")]
    Invalid(String),

    /// A `.safereview` file that cannot be used (unreadable, too large, newer, unsigned); the
    /// code says which.
    #[error("{path} is not a usable .safereview file: {reason}")]
    Review {
        /// The file.
        path: PathBuf,
        /// The code (`share_unreadable`, `share_too_large`, `share_format_too_new`, `share_unsigned`).
        code: ErrorCode,
        /// What is wrong.
        reason: String,
    },

    /// This installation's signing key cannot be used.
    #[error("signing key {path}: {reason}")]
    Key {
        /// The key file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The stable, machine-readable code; a core error keeps its own.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Core(e) => e.code(),
            Error::Unreadable { .. } => ErrorCode::ShareUnreadable,
            Error::UnsafeMember { .. } => ErrorCode::ShareUnsafeMember,
            Error::TooLarge { .. } => ErrorCode::ShareTooLarge,
            Error::NewerFormat { .. } => ErrorCode::ShareFormatTooNew,
            Error::Tampered { .. } => ErrorCode::ShareTampered,
            Error::Unsigned { .. } => ErrorCode::ShareUnsigned,
            Error::Invalid(_) => ErrorCode::ShareInvalid,
            Error::Review { code, .. } => *code,
            Error::Key { .. } => ErrorCode::Key,
            Error::Io { .. } => ErrorCode::Io,
        }
    }

    /// True when the error is about the user's input (the file, an id), false for faults of the
    /// environment (disk, permissions, database, key): [`ErrorCode::is_user_error`].
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Core(e) => e.is_user_error(),
            Error::Io { source, .. } => ErrorCode::io_is_user_error(source),
            other => other.code().is_user_error(),
        }
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The most characters of text from a file that a message quotes.
pub(crate) const QUOTE_MAX: usize = 120;

/// Text taken from a file, made fit to quote in a message: control characters and bidirectional
/// overrides (which could rewrite a terminal or reorder what is shown) become `\u{..}` escapes,
/// and anything past `max` characters is cut with an ellipsis.
pub(crate) fn shown(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
        {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A parser's complaint about a file's JSON (which may quote the file), fit for a message.
pub(crate) fn json_problem(e: &serde_json::Error) -> String {
    shown(&e.to_string(), 2 * QUOTE_MAX)
}

/// A core error caused by a file's content, with its message made fit to show (see [`shown`]);
/// its code is kept.
pub(crate) fn tame(e: safe_core::Error) -> Error {
    Error::Core(match e {
        safe_core::Error::Invalid(m) => safe_core::Error::Invalid(shown(&m, 4 * QUOTE_MAX)),
        safe_core::Error::Catalogue { file, message } => safe_core::Error::Catalogue {
            file,
            message: shown(&message, 4 * QUOTE_MAX),
        },
        other => other,
    })
}

/// For a reader called back by the core, which must fail with a core error: keeps the sharing
/// error in `slot` (the caller returns it, with its own code, once the core call has rolled back)
/// and gives the core an error that carries its message.
pub(crate) fn kept(err: Error, slot: &mut Option<Error>) -> safe_core::Error {
    match err {
        Error::Core(c) => c,
        other => {
            let core = safe_core::Error::invalid(other.to_string());
            *slot = Some(other);
            core
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_is_escaped_and_clipped() {
        assert_eq!(shown("plain ok", 20), "plain ok");
        assert_eq!(shown("\u{1b}[2Jx\u{202e}", 20), "\\u{1b}[2Jx\\u{202e}");
        assert_eq!(shown(&"é".repeat(500), 3), "ééé…");
        let e = tame(safe_core::Error::invalid(format!(
            "item '{}\n' bad",
            "x".repeat(9000)
        )));
        assert_eq!(e.code(), "invalid_input");
        let msg = e.to_string();
        assert!(msg.len() < 600 && !msg.contains('\n'), "{msg}");
    }
}
