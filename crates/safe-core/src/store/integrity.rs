//! Checking the database file: a cheap check at every open, the full check separately.
//!
//! SQLite's `PRAGMA quick_check` reads every page of the file (0.8 s for 322 MB), which is too
//! slow to run before the first screen. So [`Store::open`] checks only the header, the schema and
//! the b-trees the home list reads ([`CHECKED_AT_OPEN`]); the whole file is checked by
//! [`Store::check_integrity`] (the command line's `check`, and before every backup) or, in the
//! desktop app, by a [`FullCheck`] that runs on its own connection after the window opened. While
//! such a check is pending, every write waits for it; when it fails, the write is refused with
//! [`Error::Damaged`] and nothing is written to the file, not even a WAL checkpoint at close.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::Store;
use crate::{Error, Result};

/// The b-trees checked at every open: the schema (with the list of free pages), the tables the
/// home list reads and the catalogue packs that opening an assessment reads. They grow with the
/// number of assessments, not with answers, history or evidence (under 1 MB of the 322 MB test
/// database of 1,000 assessments; see BENCHMARKS.md).
pub const CHECKED_AT_OPEN: &[&str] = &["sqlite_schema", "assessments", "progress", "packs"];

/// How many of SQLite's findings a damaged-file message quotes.
const QUOTED_FINDINGS: usize = 3;

/// Where the full check of a store stands.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Not run; writes go ahead after the check at open (the command line).
    NotRun,
    /// Deferred and not finished: writes wait (the desktop app just after start).
    Pending,
    /// The whole file was read and is intact.
    Passed,
    /// The file is damaged: the reason. Writes are refused.
    Failed(String),
}

/// The full check's state, shared by a store and its deferred [`FullCheck`].
#[derive(Debug, Clone)]
pub(super) struct Gate(Arc<(Mutex<State>, Condvar)>);

impl Gate {
    pub(super) fn new() -> Gate {
        Gate(Arc::new((Mutex::new(State::NotRun), Condvar::new())))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is a plain value: a panic elsewhere cannot leave it half written.
        self.0.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set(&self, state: State) {
        *self.lock() = state;
        self.0.1.notify_all();
    }

    /// The state once no check is pending (waits for a pending one).
    fn settled(&self) -> State {
        let mut s = self.lock();
        while *s == State::Pending {
            s = self.0.1.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        s.clone()
    }

    fn is_pending(&self) -> bool {
        *self.lock() == State::Pending
    }

    fn is_clean(&self) -> bool {
        matches!(*self.lock(), State::NotRun | State::Passed)
    }
}

/// A full check deferred by [`Store::defer_full_check`]: run it (on any thread) with
/// [`FullCheck::run`]. Dropped without running, it counts as failed, so held writes never go
/// ahead unchecked.
#[derive(Debug)]
pub struct FullCheck {
    path: PathBuf,
    gate: Gate,
}

impl FullCheck {
    /// Reads the whole file on a read-only connection of its own (the store stays usable for
    /// reading meanwhile), then lets the held writes go ahead, or refuses them when the file is
    /// damaged.
    pub fn run(self) -> Result<()> {
        let outcome = check_file(&self.path);
        self.gate.set(match &outcome {
            Ok(()) => State::Passed,
            Err(e) => State::Failed(reason_of(e)),
        });
        outcome
    }
}

impl Drop for FullCheck {
    fn drop(&mut self) {
        if self.gate.is_pending() {
            self.gate
                .set(State::Failed("the integrity check did not run".into()));
        }
    }
}

impl Store {
    /// The check at every open: the schema and the b-trees of [`CHECKED_AT_OPEN`], with SQLite's
    /// `quick_check` limited to each. A damaged page elsewhere is found by the full check.
    /// Tables that do not exist yet (an older schema) are skipped.
    pub(super) fn check_at_open(&self) -> Result<()> {
        let outcome = self.existing(CHECKED_AT_OPEN).and_then(|tables| {
            tables
                .iter()
                .try_for_each(|t| quick_check(&self.conn, &self.path, Some(t)))
        });
        if let Err(e) = &outcome {
            self.gate.set(State::Failed(reason_of(e)));
        }
        outcome
    }

    /// Which of `tables` exist (reading the schema, which also checks that it parses).
    fn existing(&self, tables: &[&'static str]) -> Result<Vec<&'static str>> {
        let names = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .map_err(|e| self.damaged(e.to_string()))?;
        Ok(tables
            .iter()
            .copied()
            .filter(|t| *t == "sqlite_schema" || names.iter().any(|n| n == t))
            .collect())
    }

    /// Reads the whole file and checks every page (SQLite's `quick_check`): `Ok` when intact,
    /// [`Error::Damaged`] quoting what SQLite found otherwise. After a failure the store refuses
    /// every write.
    pub fn check_integrity(&self) -> Result<()> {
        let outcome = quick_check(&self.conn, &self.path, None);
        self.gate.set(match &outcome {
            Ok(()) => State::Passed,
            Err(e) => State::Failed(reason_of(e)),
        });
        outcome
    }

    /// Holds every write of this store until the returned check has run and passed; the store
    /// can be read meanwhile. The desktop app opens the database this way and runs the check
    /// once the first screen is shown.
    pub fn defer_full_check(&self) -> FullCheck {
        self.gate.set(State::Pending);
        FullCheck {
            path: self.path.clone(),
            gate: self.gate.clone(),
        }
    }

    /// Whether a full check found this store's file damaged (every write is then refused).
    pub fn is_damaged(&self) -> bool {
        matches!(*self.gate.lock(), State::Failed(_))
    }

    /// Waits for a pending full check, then says whether the store may be written to.
    pub(super) fn writable(&self) -> Result<()> {
        match self.gate.settled() {
            State::Failed(reason) => Err(self.damaged(reason)),
            _ => Ok(()),
        }
    }

    /// Makes sure the whole file was checked (runs the check when it has not been), for what
    /// must not copy a damaged file: a backup.
    pub(super) fn fully_checked(&self) -> Result<()> {
        match self.gate.settled() {
            State::Passed => Ok(()),
            State::Failed(reason) => Err(self.damaged(reason)),
            // `settled` never returns `Pending`.
            State::NotRun | State::Pending => self.check_integrity(),
        }
    }

    /// Called when the store closes: a file that is damaged, or not checked yet where a check
    /// was asked for, gets no WAL checkpoint (SQLite's last connection writes the log's pages
    /// into the file when it closes).
    pub(super) fn before_close(&self) {
        if !self.gate.is_clean() {
            let _ = self
                .conn
                .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        }
    }

    fn damaged(&self, reason: String) -> Error {
        Error::Damaged {
            path: self.path.clone(),
            reason,
        }
    }
}

/// Checks a whole database file on a read-only connection of its own (a backup before it is
/// restored; the desktop app's deferred check).
pub fn check_file(path: &Path) -> Result<()> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| {
            Error::Damaged {
                path: path.to_path_buf(),
                reason: "it cannot be opened".into(),
            }
        })?;
    quick_check(&conn, path, None)
}

/// SQLite's `quick_check`, of one b-tree or of the whole file.
fn quick_check(conn: &Connection, path: &Path, table: Option<&str>) -> Result<()> {
    let damaged = |reason: String| Error::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let sql = match table {
        Some(t) => format!("PRAGMA quick_check(\"{t}\")"),
        None => "PRAGMA quick_check".to_string(),
    };
    let findings = conn
        .prepare(&sql)
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(|e| damaged(format!("integrity check failed ({e})")))?;
    if findings.len() == 1 && findings[0] == "ok" {
        return Ok(());
    }
    let mut quoted = findings
        .iter()
        .take(QUOTED_FINDINGS)
        .map(|f| f.trim())
        .collect::<Vec<_>>()
        .join("; ");
    if findings.len() > QUOTED_FINDINGS {
        quoted.push_str(&format!("; {} findings in all", findings.len()));
    }
    Err(damaged(format!("integrity check failed ({quoted})")))
}

/// The reason of a damaged-file error (the whole message for any other error).
fn reason_of(e: &Error) -> String {
    match e {
        Error::Damaged { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
#[path = "integrity_tests.rs"]
mod tests;
