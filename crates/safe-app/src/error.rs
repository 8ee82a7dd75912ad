//! The error of a user action: the error of whichever crate failed, with its code unchanged.

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error of the core, of the sharing crate or of the report crate, kept as it is so its
/// stable code reaches the desktop UI; the command line folds it into a core error (see the
/// `From` conversions of each crate).
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
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::Share(e) => e.code(),
            Error::Report(e) => e.code(),
        }
    }
}

impl From<Error> for safe_core::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::Core(e) => e,
            Error::Share(e) => e.into(),
            Error::Report(e) => e.into(),
        }
    }
}
