//! Reading a link back: the source, and every answer that came through it.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::super::{Store, parse_ts};
use super::{Derived, DerivedState, LinkInfo, Linked, from_json};
use crate::Result;
use crate::crosswalk::Relationship;
use crate::model::AnswerInput;

impl Store {
    /// The link of assessment `id` and every answer that came through it, with the source's
    /// current answers; `None` when it is not linked.
    pub fn linked(&self, id: &str) -> Result<Option<Linked>> {
        let link = self
            .conn
            .query_row(
                "SELECT l.source_id, s.title, s.pack_id, l.mapping, l.linked_at, l.linked_by
                 FROM links l JOIN assessments s ON s.id = l.source_id WHERE l.assessment_id = ?1",
                [id],
                |r| {
                    Ok(LinkInfo {
                        source_id: r.get(0)?,
                        source_title: r.get(1)?,
                        source_pack: r.get(2)?,
                        mapping: r.get(3)?,
                        linked_at: parse_ts(&r.get::<_, String>(4)?)?,
                        linked_by: r.get(5)?,
                    })
                },
            )
            .optional()?;
        let Some(link) = link else { return Ok(None) };
        let mine: HashMap<String, AnswerInput> = self
            .answers(id)?
            .into_iter()
            .map(|x| (x.item_id, x.input))
            .collect();
        let theirs: HashMap<String, AnswerInput> = self
            .answers(&link.source_id)?
            .into_iter()
            .map(|x| (x.item_id, x.input))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, source_item, relationship, state, basis FROM derived_answers
             WHERE assessment_id = ?1 ORDER BY item_id",
        )?;
        let items = stmt
            .query_map([id], |r| {
                let item_id: String = r.get(0)?;
                let source_item: String = r.get(1)?;
                let rel: String = r.get(2)?;
                Ok(Derived {
                    answer: mine.get(&item_id).cloned(),
                    source_now: theirs.get(&source_item).cloned(),
                    item_id,
                    source_item,
                    relationship: Relationship::parse(&rel).unwrap_or(Relationship::Intersects),
                    state: DerivedState::parse(&r.get::<_, String>(3)?),
                    basis: from_json(&r.get::<_, String>(4)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Linked { link, items }))
    }

    /// The assessments started from assessment `id` and still linked to it (ids).
    pub fn linked_from(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.assessment_id FROM links l JOIN assessments a ON a.id = l.assessment_id
             WHERE l.source_id = ?1 AND a.deleted_at IS NULL ORDER BY l.linked_at",
        )?;
        let v = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}
