//! The change history of an assessment's answers and details, and of a customs application: the
//! one writer ([`record`], [`record_customs`], both through one insert) and the readers
//! ([`Store::history`], [`Store::application_history`]) of the `history` and
//! `application_history` tables. What each row means is in
//! [`crate::history`].

use rusqlite::{Transaction, params};
use serde_json::Value;

use super::{Store, parse_ts, ts};
use crate::Result;
use crate::history::{Change, HistoryEntry};
use crate::model::Stamp;

/// Records `change` to assessment `assessment_id` (`item_id` `""` for the assessment itself).
/// With [`record_customs`], the only statement that writes a history.
pub(crate) fn record(
    tx: &Transaction<'_>,
    assessment_id: &str,
    item_id: &str,
    change: &Change,
    stamp: &Stamp,
) -> Result<()> {
    insert(
        tx,
        History::Assessment,
        assessment_id,
        item_id,
        change,
        stamp,
    )
}

/// Records a validator's `change` to customs application `application_id` (`item_id` `""` for
/// the application itself), in `application_history`.
pub(crate) fn record_customs(
    tx: &Transaction<'_>,
    application_id: &str,
    item_id: &str,
    change: &Change,
    stamp: &Stamp,
) -> Result<()> {
    insert(
        tx,
        History::Application,
        application_id,
        item_id,
        change,
        stamp,
    )
}

/// Whose history a row is.
#[derive(Clone, Copy)]
enum History {
    Assessment,
    Application,
}

impl History {
    fn insert_sql(self) -> &'static str {
        match self {
            History::Assessment => {
                "INSERT INTO history (assessment_id, item_id, action, old, new, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            }
            History::Application => {
                "INSERT INTO application_history (application_id, item_id, action, old, new, at, by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            }
        }
    }
}

fn insert(
    tx: &Transaction<'_>,
    whose: History,
    owner: &str,
    item_id: &str,
    change: &Change,
    stamp: &Stamp,
) -> Result<()> {
    let e = change
        .encode()
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let text = |v: Option<Value>| v.map(|v| v.to_string());
    tx.execute(
        whose.insert_sql(),
        params![
            owner,
            item_id,
            e.action,
            text(e.old),
            text(e.new),
            ts(stamp.at),
            stamp.by
        ],
    )?;
    Ok(())
}

/// A stored `old` or `new` column: its JSON, or the text itself when it is not JSON (kept, not
/// dropped).
fn column(s: Option<String>) -> Option<Value> {
    s.map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)))
}

impl Store {
    /// The history of an assessment, oldest first; with `item_id`, of that item only (`""` for
    /// changes to the assessment's own details), including the history of the items of earlier
    /// packs whose answer it took in a rebase (the entries before its `rebase-carry` entry).
    pub fn history(&self, id: &str, item_id: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut out = self.history_rows(id, item_id)?;
        let Some(item) = item_id.filter(|i| !i.is_empty()) else {
            return Ok(out);
        };
        let mut todo = carries(&out);
        let mut seen = std::collections::HashSet::from([(item.to_string(), i64::MAX)]);
        while let Some((from, before, at)) = todo.pop() {
            if !seen.insert((from.clone(), before)) {
                continue;
            }
            // The old item's entries before the carry, without the carries of the same move.
            let earlier: Vec<HistoryEntry> = self
                .history_rows(id, Some(&from))?
                .into_iter()
                .filter(|e| {
                    e.seq < before
                        && !(e.at == at && matches!(e.change, Change::RebaseCarry { .. }))
                })
                .collect();
            todo.extend(carries(&earlier));
            out.extend(earlier);
        }
        out.sort_by_key(|e| e.seq);
        out.dedup_by_key(|e| e.seq);
        Ok(out)
    }

    /// The history of customs application `id`, oldest first: every action of a validator on it.
    pub fn application_history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        self.application(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, item_id, action, old, new, at, by FROM application_history
             WHERE application_id = ?1 ORDER BY seq",
        )?;
        let v = stmt
            .query_map([id], entry)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    fn history_rows(&self, id: &str, item_id: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, item_id, action, old, new, at, by FROM history
             WHERE assessment_id = ?1 AND (?2 IS NULL OR item_id = ?2) ORDER BY seq",
        )?;
        let v = stmt
            .query_map(params![id, item_id], entry)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}

/// A history row: `seq, item_id, action, old, new, at, by`.
fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let action: String = r.get(2)?;
    Ok(HistoryEntry {
        seq: r.get(0)?,
        item_id: r.get(1)?,
        change: Change::decode(&action, column(r.get(3)?), column(r.get(4)?)),
        at: parse_ts(&r.get::<_, String>(5)?)?,
        by: r.get(6)?,
    })
}

/// The items of an earlier pack whose answers these entries carried, with the entry's seq and time.
fn carries(entries: &[HistoryEntry]) -> Vec<(String, i64, chrono::DateTime<chrono::Utc>)> {
    entries
        .iter()
        .filter_map(|e| match &e.change {
            Change::RebaseCarry { from_item, .. } => Some((from_item.clone(), e.seq, e.at)),
            _ => None,
        })
        .collect()
}
