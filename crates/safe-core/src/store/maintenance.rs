//! Backups (SQLite's online backup API), restore, and setting a damaged file aside.
//!
//! Backups live in `backups/` beside the database, named `assessments-<UTC time>-<reason>.sqlite`.
//! One is taken before every migration and, through [`Store::backup_if_due`], at the first start of
//! each day. Only the newest [`KEEP_BACKUPS`] are kept. Nothing here deletes a user's database: a
//! replaced or damaged file is renamed, never removed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::Store;
use crate::{Error, Result};

/// How many backups are kept.
pub const KEEP_BACKUPS: usize = 20;

/// A backup file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    /// Full path.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// The name's time and reason part, e.g. `20261127-101500-daily`.
    pub label: String,
}

/// The backup folder for a database path.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// The backups of a database, newest first.
pub fn list_backups(db_path: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db_path);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let label = name
                .strip_prefix("assessments-")?
                .strip_suffix(".sqlite")?
                .to_string();
            let size = e.metadata().ok()?.len();
            Some(BackupInfo {
                path: e.path(),
                size,
                label,
            })
        })
        .collect();
    out.sort_by(|a, b| b.label.cmp(&a.label));
    Ok(out)
}

impl Store {
    /// Copies the whole database into a new backup file and prunes old backups. The whole file
    /// is checked first (unless it already was), so a damaged file is never kept as a backup.
    pub fn backup(&self, reason: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.fully_checked()?;
        let dir = backup_dir(&self.path);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let label = format!("{}-{reason}", now.format("%Y%m%d-%H%M%S"));
        let dest = dir.join(format!("assessments-{label}.sqlite"));
        let tmp = dir.join(format!(".assessments-{label}.partial"));
        {
            let mut out = Connection::open(&tmp)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        prune(&self.path)?;
        let size = std::fs::metadata(&dest)
            .map_err(|e| Error::io(&dest, e))?
            .len();
        Ok(BackupInfo {
            path: dest,
            size,
            label,
        })
    }

    /// Takes the daily backup when none was taken today (UTC). Returns it when one was taken.
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let today = now.format("%Y%m%d").to_string();
        let done = list_backups(&self.path)?
            .iter()
            .any(|b| b.label.starts_with(&today));
        if done {
            return Ok(None);
        }
        self.backup("daily", now).map(Some)
    }

    pub(super) fn backup_before_migration(&self, from: i64) -> Result<()> {
        self.backup(&format!("before-schema-{}", from + 1), Utc::now())
            .map(|_| ())
    }
}

fn prune(db_path: &Path) -> Result<()> {
    for old in list_backups(db_path)?.into_iter().skip(KEEP_BACKUPS) {
        std::fs::remove_file(&old.path).map_err(|e| Error::io(&old.path, e))?;
    }
    Ok(())
}

/// Renames a database file (and its `-wal` and `-shm` companions) aside as
/// `<name>.<reason>-<time>` and returns the new path of the main file. Used for a damaged file
/// and before a restore; the user's data is never deleted.
pub fn set_aside(db_path: &Path, reason: &str, now: DateTime<Utc>) -> Result<PathBuf> {
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut main = None;
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if !from.exists() {
            continue;
        }
        let to = PathBuf::from(format!("{}{suffix}.{reason}-{stamp}", db_path.display()));
        std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        if suffix.is_empty() {
            main = Some(to);
        }
    }
    main.ok_or_else(|| Error::NotFound {
        what: "database",
        id: db_path.display().to_string(),
    })
}

/// Restores a backup over the database at `db_path`. The whole backup is checked first; the current
/// database (if any) is set aside, not deleted. No [`Store`] may be open on `db_path`.
pub fn restore(db_path: &Path, backup: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    super::check_file(backup)?;
    let aside = if db_path.exists() {
        Some(set_aside(db_path, "replaced", now)?)
    } else {
        None
    };
    let tmp = PathBuf::from(format!("{}.restoring", db_path.display()));
    std::fs::copy(backup, &tmp).map_err(|e| Error::io(backup, e))?;
    std::fs::rename(&tmp, db_path).map_err(|e| Error::io(db_path, e))?;
    Ok(aside)
}
