//! Writing a signed `.safeassess` file.

use std::collections::BTreeMap;
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use safe_core::store::{AssessmentBundle, Store};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::{Error, Result};
use crate::format::{
    APP_VERSION, ASSESSMENT, CHECKSUMS, Checksums, EVIDENCE_DIR, FORMAT_VERSION, MANIFEST,
    Manifest, PACK, PackRef, SIGNATURE, SIGNING_CONTEXT, SignatureDoc, Signer,
};
use crate::keys::{Keys, hex};

/// How to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Leave out comments, owners and evidence content (names and hashes stay).
    pub redact: bool,
    /// The name of the person exporting (recorded as the signer's name).
    pub signer_name: String,
    /// Replace an existing file.
    pub overwrite: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportSummary {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Answers written.
    pub answers: usize,
    /// Evidence files whose content was written.
    pub evidence_files: usize,
    /// Evidence files named without content (redacted).
    pub evidence_withheld: usize,
    /// Whether it was redacted.
    pub redacted: bool,
    /// The signing key's fingerprint.
    pub fingerprint: String,
}

/// Exports assessment `id` to `out`: written to a temporary file beside it and moved into place
/// only when complete, so a failed export never leaves half a file or replaces a good one.
pub fn export(
    store: &Store,
    id: &str,
    keys: &Keys,
    opts: &ExportOptions,
    out: &Path,
    now: DateTime<Utc>,
) -> Result<ExportSummary> {
    if out.is_dir() {
        return Err(Error::Invalid(format!(
            "{} is a folder: give a file name, e.g. assessment.safeassess",
            out.display()
        )));
    }
    if out.exists() && !opts.overwrite {
        return Err(Error::Invalid(format!(
            "{} already exists: choose another name or replace it with --force",
            out.display()
        )));
    }
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".safeassess-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let mut summary = write_to(store, id, keys, opts, tmp.as_file_mut(), now)?;
    tmp.as_file().sync_all().map_err(|e| Error::io(out, e))?;
    let persisted = if opts.overwrite {
        tmp.persist(out)
    } else {
        tmp.persist_noclobber(out)
    };
    persisted.map_err(|e| Error::io(out, e.error))?;
    summary.path = out.to_path_buf();
    summary.bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(summary)
}

/// Blanks comments and owners in answers and in the history's old and new values.
pub fn redact(bundle: &mut AssessmentBundle) {
    for a in &mut bundle.answers {
        a.input.comment.clear();
        a.input.owner.clear();
    }
    for h in &mut bundle.history {
        h.change.redact();
    }
}

/// Writes the archive to `w`.
pub fn write_to<W: Write + Seek>(
    store: &Store,
    id: &str,
    keys: &Keys,
    opts: &ExportOptions,
    w: W,
    now: DateTime<Utc>,
) -> Result<ExportSummary> {
    let mut bundle = store.export_bundle(id)?;
    if opts.redact {
        redact(&mut bundle);
    }
    let a = &bundle.assessment;
    let pack_json = store.pinned_pack_json(&a.pack_id, &a.pack_version)?;
    let signer = Signer {
        organisation: a.organisation.clone(),
        name: opts.signer_name.clone(),
        fingerprint: keys.fingerprint(),
    };
    let manifest = Manifest {
        format: FORMAT_VERSION,
        app_version: APP_VERSION.to_string(),
        pack: PackRef {
            id: a.pack_id.clone(),
            version: a.pack_version.clone(),
        },
        created_at: now,
        assessment_id: a.id.clone(),
        title: a.title.clone(),
        organisation: a.organisation.clone(),
        redacted: opts.redact,
        lineage: store.lineage(id)?,
        signer: signer.clone(),
    };
    let mut zip = Zipper {
        zip: ZipWriter::new(w),
        sums: BTreeMap::new(),
    };
    zip.add(MANIFEST, &json(&manifest)?)?;
    zip.add(ASSESSMENT, &json(&bundle)?)?;
    zip.add(PACK, pack_json.as_bytes())?;
    let mut evidence_files = 0;
    if !opts.redact {
        for e in &bundle.evidence {
            let bytes = store.evidence_content(id, &e.evidence.sha256)?;
            zip.add(&format!("{EVIDENCE_DIR}{}", e.evidence.sha256), &bytes)?;
            evidence_files += 1;
        }
    }
    let checksums = json(&Checksums {
        algorithm: "sha256".into(),
        files: std::mem::take(&mut zip.sums),
    })?;
    zip.add(CHECKSUMS, &checksums)?;
    let mut message = SIGNING_CONTEXT.to_vec();
    message.extend_from_slice(&checksums);
    let signature = SignatureDoc {
        algorithm: "ed25519".into(),
        public_key: keys.public_hex(),
        fingerprint: keys.fingerprint(),
        signature: hex(&keys.sign(&message)),
        signer,
    };
    zip.add(SIGNATURE, &json(&signature)?)?;
    let mut w = zip.zip.finish().map_err(|e| zip_error("the archive", e))?;
    w.flush().map_err(|e| Error::io("(export)", e))?;
    Ok(ExportSummary {
        path: PathBuf::new(),
        bytes: 0,
        answers: bundle.answers.len(),
        evidence_files,
        evidence_withheld: bundle.evidence.len() - evidence_files,
        redacted: opts.redact,
        fingerprint: keys.fingerprint(),
    })
}

/// A disk fault (full, read-only) stays an I/O error; anything else is a failed export.
fn zip_error(what: &str, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(io) => Error::io(what, io),
        other => Error::Invalid(format!("could not write {what}: {other}")),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(v).map_err(|e| Error::Invalid(format!("could not encode JSON: {e}")))
}

struct Zipper<W: Write + Seek> {
    zip: ZipWriter<W>,
    sums: BTreeMap<String, String>,
}

impl<W: Write + Seek> Zipper<W> {
    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(0o644);
        self.zip
            .start_file(name, opts)
            .map_err(|e| zip_error(name, e))?;
        self.zip.write_all(bytes).map_err(|e| Error::io(name, e))?;
        self.sums
            .insert(name.to_string(), hex(&Sha256::digest(bytes)));
        Ok(())
    }
}
