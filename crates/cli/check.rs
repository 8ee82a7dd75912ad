//! `safe-assess check`: reads the whole database file and says whether it is intact.
//!
//! Every other command checks only the pages its first screen reads (see
//! `safe_core::store::CHECKED_AT_OPEN`); this one reads every page, as `backup` does before it
//! copies the file. A damaged file is reported with the hint about backups (exit 2) and left as
//! it is.

use std::path::Path;

use safe_core::Error;
use safe_core::store::Store;

use crate::error::Result;

/// Checks the database at `db`, which must exist (nothing is created).
pub fn run(db: &Path) -> Result<()> {
    let size = match std::fs::metadata(db) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound {
                what: "database",
                id: db.display().to_string(),
            }
            .into());
        }
        Err(e) => return Err(Error::io(db, e).into()),
    };
    let store = Store::open(db)?;
    store.check_integrity()?;
    let assessments = store.list_assessments()?.len();
    outln!(
        "{}: intact ({assessments} assessments; every page of {:.1} MB read and checked)",
        db.display(),
        size as f64 / 1e6
    );
    Ok(())
}
