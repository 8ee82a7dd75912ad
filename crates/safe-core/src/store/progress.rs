//! The progress summary of each assessment (`progress` table, schema 3): how many items apply to
//! it and how many of those are answered. The home list reads it instead of every answer.
//!
//! It is written in the same transaction as each change that affects it: counted afresh when an
//! assessment is created, duplicated, imported or its roles change ([`recount`]), and moved by one
//! when an applicable item gains or loses its answer ([`adjust`]).

use std::collections::HashSet;

use rusqlite::{Transaction, params};

use crate::Result;
use crate::catalogue::Pack;
use crate::model::Assessment;

/// Counts the applicable and answered items of assessment `a` (on `pack`, with its roles and
/// tiers) from its stored answers and writes the summary.
pub(super) fn recount(tx: &Transaction<'_>, pack: &Pack, a: &Assessment) -> Result<()> {
    let id = a.id.as_str();
    let applicable: HashSet<&str> = pack
        .items()
        .into_iter()
        .filter(|i| a.asks(i))
        .map(|i| i.id.as_str())
        .collect();
    let mut stmt = tx.prepare_cached("SELECT item_id FROM answers WHERE assessment_id = ?1")?;
    let mut rows = stmt.query([id])?;
    let mut answered = 0i64;
    while let Some(r) = rows.next()? {
        let item = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if applicable.contains(item) {
            answered += 1;
        }
    }
    tx.execute(
        "INSERT INTO progress (assessment_id, applicable, answered) VALUES (?1, ?2, ?3)
         ON CONFLICT (assessment_id) DO UPDATE SET applicable = excluded.applicable,
           answered = excluded.answered",
        params![id, applicable.len() as i64, answered],
    )?;
    Ok(())
}

/// Moves the answered count of assessment `id` by `delta` (+1 when an applicable item gets its
/// first answer, -1 when its answer is cleared).
pub(super) fn adjust(tx: &Transaction<'_>, id: &str, delta: i64) -> Result<()> {
    let n = tx.execute(
        "UPDATE progress SET answered = answered + ?2 WHERE assessment_id = ?1",
        params![id, delta],
    )?;
    if n != 1 {
        return Err(rusqlite::Error::QueryReturnedNoRows.into());
    }
    Ok(())
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
