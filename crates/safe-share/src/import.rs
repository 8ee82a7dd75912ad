//! Importing and verifying files.

use std::path::Path;

use safe_core::history::{Source, SourceSigner};
use safe_core::model::{Assessment, Stamp};
use safe_core::store::Store;
use serde::Serialize;

use crate::error::{Error, Result, kept, tame};
use crate::format::{Manifest, SIGNATURE, SignatureDoc, Signer};
use crate::read::{Limits, ShareFile};

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Size limits.
    pub limits: Limits,
    /// Accept a file without a signature (a signed file that does not verify is always refused).
    pub allow_unsigned: bool,
}

/// Opens a file for import or merge: every check of [`ShareFile::open`], and unsigned files are
/// refused unless allowed.
pub fn open_checked(path: &Path, opts: &ImportOptions) -> Result<ShareFile> {
    let file = ShareFile::open(path, opts.limits)?;
    if file.signature.is_none() && !opts.allow_unsigned {
        return Err(Error::Unsigned {
            path: path.to_path_buf(),
        });
    }
    Ok(file)
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOutcome {
    /// The new assessment.
    pub assessment: Assessment,
    /// Answers imported.
    pub answers: usize,
    /// Evidence files imported with their content.
    pub evidence_files: usize,
    /// Evidence files named in the file without content (redacted).
    pub evidence_withheld: usize,
    /// Who signed the file (`None` when unsigned).
    pub signer: Option<Signer>,
    /// Whether the file was redacted.
    pub redacted: bool,
}

/// The file as recorded in the history of an imported or merged assessment.
pub(crate) fn source_note(path: &Path, file: &ShareFile) -> Source {
    let m = &file.manifest;
    Source {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        original_id: m.assessment_id.clone(),
        lineage: m.lineage.clone(),
        organisation: m.organisation.clone(),
        created_at: m.created_at,
        app_version: m.app_version.clone(),
        format: m.format,
        redacted: m.redacted,
        signer: file.signature.as_ref().map(|s| SourceSigner {
            organisation: s.signer.organisation.clone(),
            name: s.signer.name.clone(),
            fingerprint: s.signer.fingerprint.clone(),
        }),
        other: serde_json::Map::new(),
    }
}

/// Imports a file as a new assessment `new_id`. Everything is checked before anything is
/// written; then one transaction writes the assessment, answers, history (plus an `import`
/// entry) and evidence.
pub fn import(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
    new_id: &str,
    stamp: &Stamp,
) -> Result<ImportOutcome> {
    let mut file = open_checked(path, opts)?;
    let note = source_note(path, &file);
    let members = &mut file.members;
    let mut failed = None;
    let imported =
        store.import_assessment(&file.pack, &file.bundle, new_id, &note, stamp, &mut |e| {
            members
                .evidence(&e.evidence.sha256)
                .map_err(|err| kept(err, &mut failed))
        });
    if let Some(err) = failed {
        return Err(err);
    }
    let assessment = imported.map_err(tame)?;
    // A file that is not redacted carries every listed evidence file (checked when opened).
    let carried = if file.manifest.redacted {
        0
    } else {
        file.bundle.evidence.len()
    };
    Ok(ImportOutcome {
        assessment,
        answers: file.bundle.answers.len(),
        evidence_files: carried,
        evidence_withheld: file.bundle.evidence.len() - carried,
        signer: file.signature.map(|s| s.signer),
        redacted: file.manifest.redacted,
    })
}

/// Whether a file's content is what was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Integrity {
    /// Signed, and every member matches.
    Intact,
    /// Every member matches its checksum, but nothing vouches for the checksums.
    Unsigned,
    /// Changed after signing.
    Tampered,
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verification {
    /// Intact, unsigned or tampered.
    pub integrity: Integrity,
    /// What does not match, when tampered.
    pub reason: Option<String>,
    /// Who signed it, as the file says (for a tampered file, not to be trusted).
    pub signer: Option<Signer>,
    /// The manifest, when the file is intact or unsigned.
    pub manifest: Option<Manifest>,
}

/// Checks a file without importing it. A tampered file is a result, not an error; a file that
/// is not a `.safeassess` file at all, has unsafe members or is of a newer format is an error.
pub fn verify(path: &Path, limits: Limits) -> Result<Verification> {
    match ShareFile::open(path, limits) {
        Ok(f) => Ok(Verification {
            integrity: if f.signature.is_some() {
                Integrity::Intact
            } else {
                Integrity::Unsigned
            },
            reason: None,
            signer: f.signature.map(|s| s.signer),
            manifest: Some(f.manifest),
        }),
        Err(Error::Tampered { reason, .. }) => Ok(Verification {
            integrity: Integrity::Tampered,
            reason: Some(reason),
            signer: claimed_signer(path),
            manifest: None,
        }),
        Err(e) => Err(e),
    }
}

/// The signer a file claims, read without any check (for reporting a tampered file).
fn claimed_signer(path: &Path) -> Option<Signer> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let mut text = Vec::new();
    archive
        .by_name(SIGNATURE)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut text)
        .ok()?;
    serde_json::from_slice::<SignatureDoc>(&text)
        .ok()
        .map(|s| s.signer)
}
