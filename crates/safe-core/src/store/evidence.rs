//! Evidence files: content stored once by SHA-256 inside the database, linked to answers.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::answers::touch;
use super::assessments::hex;
use super::history::record;
use super::{Store, parse_day, parse_ts, ts};
use crate::history::{Change, EvidenceRef};
use crate::model::{Evidence, Stamp};
use crate::{Error, Result};

/// The largest evidence file accepted (50 MB).
pub const MAX_EVIDENCE_BYTES: u64 = 50 * 1024 * 1024;

/// A file read from disk, ready to attach.
#[derive(Debug, Clone)]
pub struct EvidenceFile {
    /// The file's name (no folder).
    pub file_name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// Reads a file to attach as evidence, refusing folders, missing files and files over the limit.
pub fn read_evidence_file(path: &Path) -> Result<EvidenceFile> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::invalid(format!("{} is not a file", path.display())));
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(Error::invalid(format!(
            "{} is {} MB; evidence files may be at most {} MB",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_EVIDENCE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::invalid(format!("{} has no file name", path.display())))?;
    Ok(EvidenceFile { file_name, bytes })
}

/// The media type for a file name, from its extension.
pub fn media_type(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "md" => "text/markdown",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "xml" => "application/xml",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Dates that go with an evidence file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Validity {
    /// Effective from.
    pub effective: Option<NaiveDate>,
    /// Expires on.
    pub expires: Option<NaiveDate>,
}

impl Store {
    /// Attaches a file to an item's answer. The item must be answered first. The same content
    /// attached twice to one assessment is stored once and linked to both items; new dates
    /// replace the old ones.
    pub fn add_evidence(
        &mut self,
        id: &str,
        item_id: &str,
        file: &EvidenceFile,
        validity: Validity,
        stamp: &Stamp,
    ) -> Result<Evidence> {
        let a = self.assessment(id)?;
        self.applicable_item(&a, item_id)?;
        if let (Some(from), Some(to)) = (validity.effective, validity.expires)
            && to < from
        {
            return Err(Error::invalid(format!(
                "the expiry date {to} is before the effective date {from}"
            )));
        }
        if file.bytes.len() as u64 > MAX_EVIDENCE_BYTES {
            return Err(Error::invalid(format!(
                "{} is larger than {} MB",
                file.file_name,
                MAX_EVIDENCE_BYTES / (1024 * 1024)
            )));
        }
        let name = file.file_name.trim();
        if name.is_empty() {
            return Err(Error::invalid("the evidence file has no name"));
        }
        let sha = hex(&Sha256::digest(&file.bytes));
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        self.write(|tx| {
            super::received::check_unlocked(tx, id, item_id)?;
            if answer_exists(tx, id, item_id)? {
                tx.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?1, ?2, ?3)",
                    params![sha, file.bytes.len() as i64, file.bytes],
                )?;
                tx.execute(
                    "INSERT INTO evidence (assessment_id, sha256, file_name, media_type, added_at, added_by, effective, expires)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (assessment_id, sha256) DO UPDATE SET
                       effective = coalesce(excluded.effective, effective),
                       expires = coalesce(excluded.expires, expires)",
                    params![id, sha, name, media_type(name), ts(stamp.at), stamp.by, day(validity.effective), day(validity.expires)],
                )?;
                let eid: i64 = tx.query_row(
                    "SELECT id FROM evidence WHERE assessment_id = ?1 AND sha256 = ?2",
                    params![id, sha],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO evidence_links (evidence_id, item_id) VALUES (?1, ?2)",
                    params![eid, item_id],
                )?;
                let link = Change::EvidenceLink {
                    evidence: EvidenceRef {
                        sha256: sha.clone(),
                        file_name: name.to_string(),
                    },
                };
                record(tx, id, item_id, &link, stamp)?;
                touch(tx, id, stamp)?;
                Ok(())
            } else {
                Err(Error::invalid(format!(
                    "item {item_id} is not answered yet: answer it before attaching evidence"
                )))
            }
        })?;
        self.evidence_item(id, &sha)
    }

    /// Detaches an evidence file from an item. The file stays in the assessment's evidence list
    /// (and in the history) even when no item uses it any more.
    pub fn remove_evidence(
        &mut self,
        id: &str,
        item_id: &str,
        sha256: &str,
        stamp: &Stamp,
    ) -> Result<()> {
        self.assessment(id)?;
        let n = self.write(|tx| {
            super::received::check_unlocked(tx, id, item_id)?;
            let n = tx.execute(
                "DELETE FROM evidence_links WHERE item_id = ?2 AND evidence_id =
                   (SELECT id FROM evidence WHERE assessment_id = ?1 AND sha256 = ?3)",
                params![id, item_id, sha256],
            )?;
            if n > 0 {
                let unlink = Change::EvidenceUnlink {
                    sha256: sha256.to_string(),
                };
                record(tx, id, item_id, &unlink, stamp)?;
                touch(tx, id, stamp)?;
            }
            Ok(n)
        })?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "evidence link",
                id: format!("{item_id} {sha256}"),
            });
        }
        Ok(())
    }

    /// All evidence of an assessment, by file name.
    pub fn evidence(&self, id: &str) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.sha256, e.file_name, e.media_type, b.size, e.added_at, e.effective, e.expires,
                    (SELECT group_concat(item_id, char(31)) FROM
                       (SELECT item_id FROM evidence_links WHERE evidence_id = e.id ORDER BY item_id))
             FROM evidence e JOIN blobs b ON b.sha256 = e.sha256
             WHERE e.assessment_id = ?1 ORDER BY e.file_name, e.sha256",
        )?;
        let v = stmt
            .query_map([id], |r| {
                let items: Option<String> = r.get(7)?;
                Ok(Evidence {
                    sha256: r.get(0)?,
                    file_name: r.get(1)?,
                    media_type: r.get(2)?,
                    size: r.get::<_, i64>(3)? as u64,
                    added_at: parse_ts(&r.get::<_, String>(4)?)?,
                    effective: parse_day(r.get(5)?)?,
                    expires: parse_day(r.get(6)?)?,
                    items: items
                        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    fn evidence_item(&self, id: &str, sha256: &str) -> Result<Evidence> {
        self.evidence(id)?
            .into_iter()
            .find(|e| e.sha256 == sha256)
            .ok_or_else(|| Error::NotFound {
                what: "evidence",
                id: sha256.to_string(),
            })
    }

    /// The content of an evidence file of an assessment.
    pub fn evidence_content(&self, id: &str, sha256: &str) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT b.content FROM blobs b JOIN evidence e ON e.sha256 = b.sha256
                 WHERE e.assessment_id = ?1 AND b.sha256 = ?2",
                params![id, sha256],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "evidence",
                id: sha256.to_string(),
            })
    }

    /// The content stored under `sha256`, whichever assessment or customs submission brought
    /// it; `None` when nothing is stored under it. The content is not re-hashed here.
    pub fn blob(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT content FROM blobs WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }
}

fn answer_exists(tx: &rusqlite::Transaction<'_>, id: &str, item_id: &str) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM answers WHERE assessment_id = ?1 AND item_id = ?2",
            params![id, item_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
