//! The SQLite store: the only module that touches the database.
//!
//! One file holds everything (assessments, answers, evidence content, history). It is opened in
//! WAL mode with foreign keys on, `synchronous=FULL` (a saved answer survives a power cut) and a
//! busy timeout, so the desktop app and the command line can write at the same time. Every user
//! action is one `IMMEDIATE` transaction. The schema changes only through the append-only
//! migrations in `crates/safe-core/migrations/`, tracked by `PRAGMA user_version`.

mod answers;
mod assessments;
mod evidence;
mod history;
mod import;
mod integrity;
mod keys;
mod links;
mod maintenance;
mod merge;
mod progress;
mod rebase;
mod received;
mod review;

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

pub use assessments::{AssessmentSummary, DeletedAssessment};
pub use evidence::{EvidenceFile, MAX_EVIDENCE_BYTES, Validity, media_type, read_evidence_file};
pub use import::{AssessmentBundle, BundleEvidence, is_sha256_hex};
pub use integrity::{CHECKED_AT_OPEN, FullCheck, check_file};
pub use keys::{KeyUse, TrustedKey, is_fingerprint};
pub use links::{Derived, DerivedState, LinkInfo, Linked, Started};
pub use maintenance::{BackupInfo, KEEP_BACKUPS, backup_dir, list_backups, restore, set_aside};
pub use merge::{Conflict, MergePlan, MergeReport, Side};
pub use received::{ReceivedRemark, ReceivedReview};
pub use review::{Application, ApplicationView, Opening, QueueRow, Received, SubmissionInfo};

use crate::catalogue::{Pack, builtin_roles};
use crate::{Error, Result};

/// The migrations, oldest first. Append only: never edit or reorder a released one.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/001_initial.sql")),
    M::up(include_str!("../../migrations/002_reassessment.sql")),
    M::up(include_str!("../../migrations/003_progress.sql")),
    M::up(include_str!("../../migrations/004_tiers.sql")),
    M::up(include_str!("../../migrations/005_links.sql")),
    M::up(include_str!("../../migrations/006_review.sql")),
    M::up(include_str!("../../migrations/007_trusted_keys.sql")),
    M::up(include_str!("../../migrations/008_application_tiers.sql")),
    M::up(include_str!("../../migrations/009_untrusted_keys.sql")),
    M::up(include_str!("../../migrations/010_remark_deadlines.sql")),
    M::up(include_str!("../../migrations/011_application_history.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another writer before giving up.
const BUSY_TIMEOUT_MS: u64 = 10_000;

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    packs: RefCell<HashMap<(String, String), Arc<Pack>>>,
    gate: integrity::Gate,
}

impl Drop for Store {
    fn drop(&mut self) {
        self.before_close();
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The default database path: `<data dir>/safe-assess/assessments.sqlite` (on Linux
/// `$XDG_DATA_HOME`, usually `~/.local/share`). The desktop app and the command line share it.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("safe-assess")
        .join("assessments.sqlite")
}

/// The folder where users put their own catalogue packs: `catalogue/` beside the database.
pub fn user_catalogue_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("catalogue")
}

impl Store {
    /// Opens (creating if needed) the database at `path`, checks it and brings its schema up to
    /// date. A file that is not a SQLite database, a damaged one, or one from a newer version is
    /// refused without being changed.
    ///
    /// The check reads the header, the schema and the tables the home list reads, not the whole
    /// file (see [`Store::check_integrity`] and [`Store::defer_full_check`]); when opening would
    /// write to the file (a schema upgrade, a switch to WAL), the whole file is checked first.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let existed = check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            packs: RefCell::new(HashMap::new()),
            gate: integrity::Gate::new(),
        };
        store
            .conn
            .busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        if existed {
            store.check_at_open()?;
            if store.open_would_write()? {
                store.check_integrity()?;
            }
        }
        store.configure()?;
        store.migrate(existed)?;
        Ok(store)
    }

    /// A private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            packs: RefCell::new(HashMap::new()),
            gate: integrity::Gate::new(),
        };
        store.configure()?;
        store.migrate(false)?;
        Ok(store)
    }

    /// Turns per-commit syncing off (`false`) or back on (`true`, the default). Only for loading
    /// generated data in bulk (the scale benchmark); user actions always run durable.
    pub fn set_durable(&self, durable: bool) -> Result<()> {
        let mode = if durable { "FULL" } else { "OFF" };
        self.conn.pragma_update(None, "synchronous", mode)?;
        Ok(())
    }

    /// The database path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if mode != "wal" && self.path != Path::new(":memory:") {
            return Err(Error::Damaged {
                path: self.path.clone(),
                reason: format!("cannot switch to WAL journal (got '{mode}')"),
            });
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Whether opening changes the file: a journal mode other than WAL, or an older schema.
    fn open_would_write(&self) -> Result<bool> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(!mode.eq_ignore_ascii_case("wal") || version < SCHEMA_VERSION)
    }

    fn migrate(&mut self, existed: bool) -> Result<()> {
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerDatabase {
                path: self.path.clone(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if existed && found > 0 && found < SCHEMA_VERSION {
            self.backup_before_migration(found)?;
        }
        if existed && found == 0 && self.has_foreign_tables()? {
            return Err(Error::Damaged {
                path: self.path.clone(),
                reason: "it is a SQLite database of another program".into(),
            });
        }
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut self.conn)
            .map_err(|e| Error::Migration(e.to_string()))
    }

    fn has_foreign_tables(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Runs `f` in one `IMMEDIATE` transaction: committed when it returns `Ok`, rolled back
    /// otherwise. Every user action goes through here. Waits for a deferred full check and is
    /// refused when the file was found damaged.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// The pinned pack of an assessment, parsed once and cached.
    pub fn pack(&self, id: &str, version: &str) -> Result<Arc<Pack>> {
        let key = (id.to_string(), version.to_string());
        if let Some(p) = self.packs.borrow().get(&key) {
            return Ok(p.clone());
        }
        let json: String = self
            .conn
            .query_row(
                "SELECT json FROM packs WHERE id = ?1 AND version = ?2",
                [id, version],
                |r| r.get(0),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound {
                    what: "catalogue pack",
                    id: format!("{id} {version}"),
                },
                other => other.into(),
            })?;
        let pack = Arc::new(Pack::parse(
            &format!("{id} {version} (stored)"),
            &json,
            &builtin_roles(),
        )?);
        self.packs.borrow_mut().insert(key, pack.clone());
        Ok(pack)
    }
}

/// Returns whether a non-empty file exists at `path`, refusing one that is not SQLite.
fn check_header(path: &Path) -> Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    if read == 0 {
        return Ok(false);
    }
    if read < 16 || &header != b"SQLite format 3\0" {
        return Err(Error::Damaged {
            path: path.to_path_buf(),
            reason: "it is not a SQLite database".into(),
        });
    }
    Ok(true)
}

/// Formats a timestamp for storage: RFC 3339 in UTC with microseconds, so text order is time order.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Parses a stored timestamp.
pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// Parses a stored date.
pub(crate) fn parse_day(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

#[cfg(test)]
mod tests;
