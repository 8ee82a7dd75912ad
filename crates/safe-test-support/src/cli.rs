//! The real `safe-assess` binary run against a private temporary data folder.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A temporary folder with its own database (and signing key beside it); every command runs
/// against it, as `user`, with no export folder set.
pub struct Cli {
    bin: PathBuf,
    user: String,
    /// The folder; dropped (deleted) with the value.
    pub dir: tempfile::TempDir,
    /// The database the commands use.
    pub db: PathBuf,
}

impl Cli {
    /// The binary `bin` (pass `env!("CARGO_BIN_EXE_safe-assess")`), user `Test User`, the
    /// database `assessments.sqlite` at the top of the folder.
    pub fn new(bin: &str) -> Cli {
        Cli::at(bin, "Test User", "assessments.sqlite")
    }

    /// The binary `bin` run as `user`, the database at `db` inside the folder (a relative path).
    pub fn at(bin: &str, user: &str, db: &str) -> Cli {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join(db);
        Cli {
            bin: bin.into(),
            user: user.into(),
            dir,
            db,
        }
    }

    /// A path inside the folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command, ready for its arguments.
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.bin);
        c.env("SAFE_ASSESS_DB", &self.db)
            .env("SAFE_ASSESS_USER", &self.user)
            .env_remove("SAFE_ASSESS_EXPORT_DIR");
        c
    }

    /// Runs and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        output(&self.command().args(args).output().expect("run safe-assess"))
    }

    /// Runs, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "safe-assess {args:?} failed: {err}{out}");
        out
    }

    /// Runs a command that must be refused with exit code 2; returns stdout + stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(
            code, 2,
            "safe-assess {args:?} should be refused: {out}{err}"
        );
        format!("{out}{err}")
    }

    /// Runs, asserts success, parses stdout as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }

    /// Creates an assessment (`new` followed by `args`) and returns its id.
    pub fn new_assessment(&self, args: &[&str]) -> String {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }

    /// Creates a trader assessment titled `title` for the single role `role` on the default pack
    /// and returns its id.
    pub fn trader(&self, title: &str, role: &str) -> String {
        self.new_assessment(&["--title", title, "--profile", "trader", "--role", role])
    }
}

/// (exit code, stdout, stderr) of a finished command; -1 when a signal ended it.
pub fn output(out: &Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
