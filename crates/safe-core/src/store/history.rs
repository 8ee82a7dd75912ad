//! The change history of an assessment's answers and details.

use rusqlite::params;

use super::{Store, parse_ts};
use crate::Result;
use crate::model::HistoryEntry;

impl Store {
    /// The history of an assessment, oldest first; with `item_id`, of that item only (`""` for
    /// changes to the assessment's own details).
    pub fn history(&self, id: &str, item_id: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, item_id, action, old, new, at, by FROM history
             WHERE assessment_id = ?1 AND (?2 IS NULL OR item_id = ?2) ORDER BY seq",
        )?;
        let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        let v = stmt
            .query_map(params![id, item_id], |r| {
                Ok(HistoryEntry {
                    seq: r.get(0)?,
                    item_id: r.get(1)?,
                    action: r.get(2)?,
                    old: json(r.get(3)?),
                    new: json(r.get(4)?),
                    at: parse_ts(&r.get::<_, String>(5)?)?,
                    by: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}
