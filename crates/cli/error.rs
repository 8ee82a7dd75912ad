//! The command line's error: any crate's error with its own [`ErrorCode`] kept, so the command
//! line reports the same code as the desktop app for the same failure.

use safe_core::ErrorCode;

/// A failed command: its code, whether it is the user's input (exit code 2) and its message.
#[derive(Debug)]
pub struct Failure {
    /// The stable code, printed on the `code:` line.
    pub code: ErrorCode,
    /// True for the user's input (exit code 2), false for the environment (exit code 1).
    pub user_error: bool,
    /// The message, printed on the `error:` line.
    pub message: String,
}

/// Result alias of the commands.
pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    /// A failure the command line finds itself, on the side its code says.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure {
            code,
            user_error: code.is_user_error(),
            message: message.into(),
        }
    }
}

impl From<safe_core::Error> for Failure {
    fn from(e: safe_core::Error) -> Failure {
        Failure {
            code: e.code(),
            user_error: e.is_user_error(),
            message: e.to_string(),
        }
    }
}

impl From<safe_share::Error> for Failure {
    fn from(e: safe_share::Error) -> Failure {
        Failure {
            code: e.code(),
            user_error: e.is_user_error(),
            message: e.to_string(),
        }
    }
}

impl From<safe_report::ReportError> for Failure {
    fn from(e: safe_report::ReportError) -> Failure {
        Failure {
            code: e.code(),
            user_error: e.is_user_error(),
            message: e.to_string(),
        }
    }
}

impl From<safe_app::Error> for Failure {
    fn from(e: safe_app::Error) -> Failure {
        Failure {
            code: e.code(),
            user_error: e.is_user_error(),
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_crates_error_keeps_its_code_and_side() {
        let share: Failure = safe_share::Error::Tampered {
            path: "a.safeassess".into(),
            reason: "answers.json".into(),
        }
        .into();
        assert_eq!(
            (share.code, share.user_error),
            (ErrorCode::ShareTampered, true)
        );
        let report: Failure = safe_report::ReportError::Exists("r.pdf".into()).into();
        assert_eq!(report.code, ErrorCode::FileExists);
        let missing: Failure =
            safe_core::Error::io("x.pdf", std::io::ErrorKind::NotFound.into()).into();
        assert_eq!((missing.code, missing.user_error), (ErrorCode::Io, true));
        let denied: Failure =
            safe_core::Error::io("x.pdf", std::io::ErrorKind::PermissionDenied.into()).into();
        assert_eq!((denied.code, denied.user_error), (ErrorCode::Io, false));
    }
}
