//! The one path every command's output takes to stdout.
//!
//! `println!` panics when stdout is gone (`safe-assess list --json | head -1` closes the pipe
//! early). [`outln!`] writes to the locked stdout instead and ends the process itself when the
//! write fails: quietly with exit code 0 when the reader closed the pipe (it had what it wanted),
//! with exit code 1 and one line on stderr for any other failure (disk full, ...).

use std::fmt;
use std::io::{self, Write};

/// Writes one line to stdout, like `println!`, through [`line`].
macro_rules! outln {
    () => {
        $crate::out::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::out::line(format_args!($($arg)*))
    };
}

/// Writes `args` and a newline to stdout; see the module documentation for what a failure does.
pub fn line(args: fmt::Arguments<'_>) {
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout
        .write_fmt(args)
        .and_then(|()| stdout.write_all(b"\n"))
    {
        fail(&e);
    }
}

/// Flushes stdout before the process ends, so a failure of the last write is reported too.
pub fn flush() {
    if let Err(e) = io::stdout().lock().flush() {
        fail(&e);
    }
}

/// Ends the process after a failed write to stdout.
fn fail(e: &io::Error) -> ! {
    std::process::exit(exit_code(e, &mut io::stderr()))
}

/// The exit code for a failed write to stdout, after saying why on `stderr` unless the reader
/// closed the pipe.
fn exit_code(e: &io::Error, stderr: &mut impl Write) -> i32 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return 0;
    }
    // Nothing more can be done if stderr is gone as well.
    let _ = writeln!(stderr, "error: cannot write the output: {e}");
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_ends_quietly_and_other_failures_say_why() {
        let mut stderr = Vec::new();
        let closed = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(exit_code(&closed, &mut stderr), 0);
        assert!(stderr.is_empty(), "nothing said for a closed pipe");

        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert_eq!(exit_code(&full, &mut stderr), 1);
        let said = String::from_utf8(stderr).unwrap_or_default();
        assert!(
            said.starts_with("error: cannot write the output: "),
            "{said}"
        );
        assert_eq!(said.lines().count(), 1, "{said}");
    }
}
