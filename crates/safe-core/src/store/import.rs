//! Whole assessments in and out of the store, for portable files (`safe-share`).
//!
//! [`Store::export_bundle`] collects an assessment with its answers, history and evidence
//! metadata; [`Store::import_assessment`] writes such a bundle back as a new assessment (new id,
//! never over a local one) in one transaction, after checking it against the carried pack. The
//! evidence content is fetched one file at a time through a callback, so a large file never needs
//! all its evidence in memory at once.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::answers::{AnswerRow, OnConflict, put_row, validate};
use super::assessments::{hex, insert, pin_pack};
use super::evidence::{MAX_EVIDENCE_BYTES, media_type};
use super::history::record;
use super::{Store, progress, ts};
use crate::catalogue::{Pack, builtin_roles};
use crate::history::{Change, HistoryEntry, Source, WithheldEvidence};
use crate::model::{Answer, Assessment, Evidence, Stamp};
use crate::{Error, Result};

/// One evidence file of a bundle: its metadata and who attached it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEvidence {
    /// The metadata (hash, name, dates, linked items).
    #[serde(flatten)]
    pub evidence: Evidence,
    /// Who attached it.
    #[serde(default)]
    pub added_by: String,
}

/// An assessment with everything a portable file carries besides the pack and evidence content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentBundle {
    /// The assessment's details.
    pub assessment: Assessment,
    /// Its answers (with the evidence hashes linked to each).
    pub answers: Vec<Answer>,
    /// Its history, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Its evidence files' metadata.
    pub evidence: Vec<BundleEvidence>,
}

impl Store {
    /// Collects an assessment for export: details, answers, history and evidence metadata. The
    /// content of each evidence file comes from [`Store::evidence_content`].
    pub fn export_bundle(&self, id: &str) -> Result<AssessmentBundle> {
        let assessment = self.assessment(id)?;
        let answers = self.answers(id)?;
        let history = self.history(id, None)?;
        let mut evidence = Vec::new();
        for e in self.evidence(id)? {
            let added_by: String = self
                .conn
                .query_row(
                    "SELECT added_by FROM evidence WHERE assessment_id = ?1 AND sha256 = ?2",
                    params![id, e.sha256],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_default();
            evidence.push(BundleEvidence {
                evidence: e,
                added_by,
            });
        }
        Ok(AssessmentBundle {
            assessment,
            answers,
            history,
            evidence,
        })
    }

    /// The pinned pack's JSON exactly as stored.
    pub fn pinned_pack_json(&self, pack_id: &str, version: &str) -> Result<String> {
        self.conn
            .query_row(
                "SELECT json FROM packs WHERE id = ?1 AND version = ?2",
                [pack_id, version],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "catalogue pack",
                id: format!("{pack_id} {version}"),
            })
    }

    /// The ids of the assessments this one was imported from, nearest first, read from its
    /// `import` history entries (`originalId` and the file's own `lineage`).
    pub fn lineage(&self, id: &str) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for h in self.history(id, Some(""))? {
            let Change::Import { source, .. } = h.change else {
                continue;
            };
            for i in std::iter::once(source.original_id).chain(source.lineage) {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        Ok(out)
    }

    /// Writes a bundle as a new assessment `new_id` in one transaction: the carried pack is pinned
    /// (refused when a different pack of the same id and version is already pinned), then the
    /// details, answers, history and evidence, plus an `import` history entry naming `source`.
    /// `content` returns an evidence file's bytes, or `None` when the file left them out
    /// (redacted); such files are named in the `import` entry (`withheldEvidence`) instead.
    /// Nothing is written unless everything checks out.
    pub fn import_assessment(
        &mut self,
        pack: &Pack,
        bundle: &AssessmentBundle,
        new_id: &str,
        source: &Source,
        stamp: &Stamp,
        content: &mut dyn FnMut(&BundleEvidence) -> Result<Option<Vec<u8>>>,
    ) -> Result<Assessment> {
        check_bundle(pack, bundle)?;
        match self.pack(&pack.id, &pack.version) {
            Ok(local) if *local != *pack => {
                return Err(Error::invalid(format!(
                    "the file carries catalogue pack {} {} with content different from the pack of \
                     the same version in this database; refusing to mix them",
                    pack.id, pack.version
                )));
            }
            Ok(_) | Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
        let a = Assessment {
            id: new_id.to_string(),
            based_on: None,
            updated_at: stamp.at.max(bundle.assessment.updated_at),
            ..bundle.assessment.clone()
        };
        self.write(|tx| {
            pin_pack(tx, pack, stamp)?;
            insert(tx, &a)?;
            for ans in &bundle.answers {
                insert_answer(tx, new_id, ans)?;
            }
            progress::recount(tx, pack, &a)?;
            for h in &bundle.history {
                copy_history(tx, new_id, h)?;
            }
            let mut withheld = Vec::new();
            for e in &bundle.evidence {
                match content(e)? {
                    Some(bytes) => {
                        insert_evidence(tx, new_id, e, &bytes, &e.evidence.items)?;
                    }
                    None => withheld.push(WithheldEvidence {
                        sha256: e.evidence.sha256.clone(),
                        file_name: e.evidence.file_name.clone(),
                        items: e.evidence.items.clone(),
                    }),
                }
            }
            let imported = Change::Import {
                source: source.clone(),
                withheld,
            };
            record(tx, new_id, "", &imported, stamp)
        })?;
        self.assessment(new_id)
    }
}

/// Checks a bundle against its pack before anything is written.
fn check_bundle(pack: &Pack, b: &AssessmentBundle) -> Result<()> {
    let a = &b.assessment;
    if a.pack_id != pack.id || a.pack_version != pack.version {
        return Err(Error::invalid(format!(
            "the assessment is on pack {} {} but the file carries pack {} {}",
            a.pack_id, a.pack_version, pack.id, pack.version
        )));
    }
    if a.profile != pack.profile {
        return Err(Error::invalid(format!(
            "the assessment's profile {} does not match its pack's ({})",
            a.profile.slug(),
            pack.profile.slug()
        )));
    }
    if a.title.trim().is_empty() {
        return Err(Error::invalid("the assessment in the file has no title"));
    }
    let roles = builtin_roles();
    if let Some(r) = a.roles.iter().find(|r| !roles.iter().any(|k| &k.id == *r)) {
        return Err(Error::invalid(format!(
            "the file names an unknown role '{r}'"
        )));
    }
    if !a.tiers.is_empty() {
        pack.choose_tiers(&a.tiers).map_err(|e| {
            Error::invalid(format!(
                "the assessment in the file names tiers its pack does not: {e}"
            ))
        })?;
    }
    let unknown = |what: &str, id: &str| {
        Error::invalid(format!(
            "{what} '{id}' is not an item of pack {} {}",
            pack.id, pack.version
        ))
    };
    let mut seen = HashSet::new();
    for ans in &b.answers {
        let item = pack
            .item(&ans.item_id)
            .ok_or_else(|| unknown("answered item", &ans.item_id))?;
        if !seen.insert(ans.item_id.as_str()) {
            return Err(Error::invalid(format!(
                "item {} is answered twice in the file",
                ans.item_id
            )));
        }
        validate(item, &ans.input)?;
    }
    for h in &b.history {
        if !h.item_id.is_empty() && pack.item(&h.item_id).is_none() {
            return Err(unknown("history item", &h.item_id));
        }
    }
    let mut hashes = HashSet::new();
    for e in &b.evidence {
        let ev = &e.evidence;
        if !is_sha256_hex(&ev.sha256) {
            return Err(Error::invalid(format!(
                "evidence hash '{}' is not a SHA-256 in lower-case hex",
                ev.sha256
            )));
        }
        if !hashes.insert(ev.sha256.as_str()) {
            return Err(Error::invalid(format!(
                "evidence {} is listed twice in the file",
                ev.sha256
            )));
        }
        if ev.file_name.trim().is_empty() {
            return Err(Error::invalid(format!(
                "evidence {} has no file name",
                ev.sha256
            )));
        }
        if let Some(i) = ev.items.iter().find(|i| pack.item(i).is_none()) {
            return Err(unknown("evidence item", i));
        }
    }
    Ok(())
}

/// True for 64 lower-case hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

fn insert_answer(tx: &Transaction<'_>, id: &str, a: &Answer) -> Result<()> {
    put_row(
        tx,
        &AnswerRow {
            id,
            item_id: &a.item_id,
            input: &a.input,
            at: a.updated_at,
            by: &a.updated_by,
            carried_over: a.carried_over,
        },
        OnConflict::Refuse,
    )
}

/// Copies one history entry of a bundle as it was recorded (its own time and author).
fn copy_history(tx: &Transaction<'_>, id: &str, h: &HistoryEntry) -> Result<()> {
    let stamp = Stamp {
        at: h.at,
        by: h.by.clone(),
    };
    record(tx, id, &h.item_id, &h.change, &stamp)
}

/// Stores one evidence file of an import or merge, checking the content against its hash, and
/// links it to `items`; returns the items newly linked.
pub(super) fn insert_evidence(
    tx: &Transaction<'_>,
    id: &str,
    e: &BundleEvidence,
    bytes: &[u8],
    items: &[String],
) -> Result<Vec<String>> {
    let ev = &e.evidence;
    if bytes.len() as u64 > MAX_EVIDENCE_BYTES {
        return Err(Error::invalid(format!(
            "evidence {} is larger than {} MB",
            ev.file_name,
            MAX_EVIDENCE_BYTES / (1024 * 1024)
        )));
    }
    if hex(&Sha256::digest(bytes)) != ev.sha256 {
        return Err(Error::invalid(format!(
            "evidence {} does not match its SHA-256",
            ev.file_name
        )));
    }
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    tx.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?1, ?2, ?3)",
        params![ev.sha256, bytes.len() as i64, bytes],
    )?;
    let name = ev.file_name.trim();
    tx.execute(
        "INSERT INTO evidence (assessment_id, sha256, file_name, media_type, added_at, added_by, effective, expires)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (assessment_id, sha256) DO NOTHING",
        params![
            id,
            ev.sha256,
            name,
            media_type(name),
            ts(ev.added_at),
            e.added_by,
            day(ev.effective),
            day(ev.expires)
        ],
    )?;
    let eid: i64 = tx.query_row(
        "SELECT id FROM evidence WHERE assessment_id = ?1 AND sha256 = ?2",
        params![id, ev.sha256],
        |r| r.get(0),
    )?;
    let mut linked = Vec::new();
    for item in items {
        let n = tx.execute(
            "INSERT OR IGNORE INTO evidence_links (evidence_id, item_id) VALUES (?1, ?2)",
            params![eid, item],
        )?;
        if n > 0 {
            linked.push(item.clone());
        }
    }
    Ok(linked)
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
