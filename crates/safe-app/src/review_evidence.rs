//! Customs: a copy of an evidence file of a submission. The content a submission carried is
//! stored by SHA-256 on the customs side; a copy is written only when the stored content still
//! has that SHA-256, and the file written is read back and checked against it too.

use std::path::Path;

use safe_core::model::Evidence;
use safe_core::store::Store;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Result;

/// A copy written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct SavedEvidence {
    /// The file name the trader gave it.
    pub file_name: String,
    /// The SHA-256 of the content, checked in the database and in the file written.
    pub sha256: String,
    /// Its size, in bytes.
    #[cfg_attr(any(test, feature = "ts"), ts(type = "number"))]
    pub size: u64,
    /// The submission (of the application) it was carried by, the last one.
    pub submission: u32,
}

/// The evidence files of the last submission of application `app`, in the order it carries
/// them.
pub fn list(store: &Store, app: &str) -> Result<Vec<Evidence>> {
    let v = store.application_view(app)?;
    Ok(v.bundle.evidence.into_iter().map(|e| e.evidence).collect())
}

/// The evidence file of the last submission of application `app` whose SHA-256 is `sha256` or
/// starts with it (at least 8 hex digits): `not_found` when that submission carries no such
/// file, `invalid_input` for a shorter or ambiguous prefix.
pub fn evidence_of(store: &Store, app: &str, sha256: &str) -> Result<Evidence> {
    let wanted = sha256.trim().to_ascii_lowercase();
    if wanted.len() < 8 {
        return Err(safe_core::Error::invalid(format!(
            "'{sha256}': give the evidence file's SHA-256, or at least its first 8 hex digits"
        ))
        .into());
    }
    let mut found: Vec<Evidence> = list(store, app)?
        .into_iter()
        .filter(|e| e.sha256.starts_with(&wanted))
        .collect();
    match found.len() {
        0 => Err(safe_core::Error::NotFound {
            what: "evidence of the submission",
            id: sha256.to_string(),
        }
        .into()),
        1 => Ok(found.remove(0)),
        n => Err(safe_core::Error::invalid(format!(
            "'{sha256}' starts the SHA-256 of {n} evidence files of the submission; give more digits"
        ))
        .into()),
    }
}

/// A file name to offer in a save dialog for `e`: its last path part, without characters a
/// file system refuses; "evidence" when nothing is left.
pub fn suggested_name(e: &Evidence) -> String {
    let last = e
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect::<String>();
    let last = last.trim().trim_start_matches('.').trim();
    if last.is_empty() {
        "evidence".to_string()
    } else {
        last.to_string()
    }
}

fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes a copy of evidence file `sha256` of the last submission of application `app` to
/// `out` (through a temporary file; an existing file is replaced only with `overwrite`). Refused
/// before anything is written when the submission has no such file (`not_found`), when its
/// content is not stored (`not_found`) or when the stored content does not have that SHA-256
/// (a damaged database). The file written is read back: when it does not have that SHA-256
/// either, it is removed and the copy refused.
pub fn save_copy(
    store: &Store,
    app: &str,
    sha256: &str,
    out: &Path,
    overwrite: bool,
) -> Result<SavedEvidence> {
    crate::report::check_output(out, overwrite)?;
    let e = evidence_of(store, app, sha256)?;
    let submission = store.application(app)?.submission;
    let bytes = store
        .blob(&e.sha256)?
        .ok_or_else(|| safe_core::Error::NotFound {
            what: "content of evidence",
            id: format!("{} ({})", e.file_name, e.sha256),
        })?;
    if digest(&bytes) != e.sha256 {
        return Err(safe_core::Error::Damaged {
            path: store.path().to_path_buf(),
            reason: format!(
                "the content stored for evidence {} does not have its SHA-256 {}",
                e.file_name, e.sha256
            ),
        }
        .into());
    }
    crate::report::write(out, &bytes, overwrite)?;
    let written = std::fs::read(out).map_err(|source| safe_core::Error::Io {
        path: out.to_path_buf(),
        source,
    })?;
    if digest(&written) != e.sha256 {
        let _ = std::fs::remove_file(out);
        return Err(safe_core::Error::Io {
            path: out.to_path_buf(),
            source: std::io::Error::other(format!(
                "the copy written does not have the SHA-256 {} of evidence {}; it was removed",
                e.sha256, e.file_name
            )),
        }
        .into());
    }
    Ok(SavedEvidence {
        file_name: e.file_name,
        sha256: e.sha256,
        size: written.len() as u64,
        submission,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn ev(name: &str) -> Evidence {
        Evidence {
            sha256: "00".into(),
            file_name: name.into(),
            media_type: "application/pdf".into(),
            size: 1,
            added_at: chrono::Utc::now(),
            effective: None,
            expires: None,
            items: Vec::new(),
        }
    }

    #[test]
    fn the_name_offered_keeps_only_the_file_name() {
        assert_eq!(suggested_name(&ev("policy v3.pdf")), "policy v3.pdf");
        assert_eq!(suggested_name(&ev("../../etc/passwd")), "passwd");
        assert_eq!(suggested_name(&ev("C:\\docs\\a:b?.pdf")), "ab.pdf");
        assert_eq!(suggested_name(&ev(".hidden")), "hidden");
        assert_eq!(suggested_name(&ev("dir/")), "evidence");
        assert_eq!(suggested_name(&ev("")), "evidence");
    }

    #[test]
    fn the_digest_is_lower_hex() {
        assert_eq!(
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
