//! The error of a user action: the error of whichever crate failed, with its code unchanged.

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error of the core, of the sharing crate or of the report crate, kept as it is so its
/// stable code reaches the desktop UI and the command line's `code:` line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The core (database, unknown id, bad input, ...).
    #[error(transparent)]
    Core(#[from] safe_core::Error),
    /// A portable file (unreadable, tampered, unsigned, ...).
    #[error(transparent)]
    Share(#[from] safe_share::Error),
    /// A report (not comparable, file exists, rendering, ...).
    #[error(transparent)]
    Report(#[from] safe_report::ReportError),
}

impl Error {
    /// The stable code of the underlying error.
    pub fn code(&self) -> safe_core::ErrorCode {
        match self {
            Error::Core(e) => e.code(),
            Error::Share(e) => e.code(),
            Error::Report(e) => e.code(),
        }
    }

    /// True when the error is the user's input (exit code 2), false for the environment.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Core(e) => e.is_user_error(),
            Error::Share(e) => e.is_user_error(),
            Error::Report(e) => e.is_user_error(),
        }
    }
}
