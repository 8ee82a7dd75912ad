//! A history row: a change with its sequence number, item, time and author, and its
//! serialised form (the stored columns).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Change;

/// One row of the history: a change to an assessment or one of its items, when and by whom.
///
/// Serialised (in `history --json` and in portable files) with the stored columns: `seq`,
/// `itemId`, `action`, `old`, `new`, `at`, `by`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "Row")]
pub struct HistoryEntry {
    /// Sequence number (increasing).
    pub seq: i64,
    /// Item id (`""` for the assessment itself).
    pub item_id: String,
    /// What changed.
    pub change: Change,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
}

impl HistoryEntry {
    /// The action word (`answer`, `clear`, `merge`, …).
    pub fn action(&self) -> &str {
        self.change.action()
    }
}

/// A history entry as stored and exchanged.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    seq: i64,
    item_id: String,
    action: String,
    old: Option<Value>,
    new: Option<Value>,
    at: DateTime<Utc>,
    by: String,
}

impl From<Row> for HistoryEntry {
    fn from(r: Row) -> Self {
        HistoryEntry {
            seq: r.seq,
            item_id: r.item_id,
            change: Change::decode(&r.action, r.old, r.new),
            at: r.at,
            by: r.by,
        }
    }
}

impl Serialize for HistoryEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.change.encode().map_err(serde::ser::Error::custom)?;
        Row {
            seq: self.seq,
            item_id: self.item_id.clone(),
            action: e.action,
            old: e.old,
            new: e.new,
            at: self.at,
            by: self.by.clone(),
        }
        .serialize(s)
    }
}
