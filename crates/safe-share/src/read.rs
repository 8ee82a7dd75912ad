//! Opening a `.safeassess` file: every check happens here, before anything is written anywhere.
//!
//! In order: the file is a zip; member count, names, kinds and declared sizes are acceptable
//! (zip-bomb guard: per-member limits, a total limit and a compression-ratio limit, checked from
//! the central directory before anything is unpacked, and again while unpacking); the format
//! version is known; the signature over `checksums.json` is valid; every member matches its
//! checksum and the checksums list exactly the members present; the JSON parses; the manifest,
//! assessment, pack and evidence agree; every item id belongs to the carried pack.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use safe_core::catalogue::{Pack, builtin_roles};
use safe_core::store::{AssessmentBundle, MAX_EVIDENCE_BYTES};
use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipArchive};

use crate::checks::{check_consistency, check_signature};
use crate::error::{Error, QUOTE_MAX, Result, json_problem, shown, tame};
use crate::format::{
    APP_VERSION, ASSESSMENT, CHECKSUMS, Checksums, EVIDENCE_DIR, FORMAT_VERSION, MANIFEST,
    Manifest, ManifestHead, Member, PACK, PLAIN_FORMAT, REPORT_PDF, SIGNATURE, SUBMISSION,
    SignatureDoc, classify,
};
use crate::keys::hex;
use safe_core::review::SubmissionDoc;

const MB: u64 = 1024 * 1024;

/// Size limits applied when reading a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest evidence file (default 50 MB, as for attaching evidence).
    pub max_evidence_bytes: u64,
    /// Largest JSON member.
    pub max_json_bytes: u64,
    /// Largest total unpacked size.
    pub max_total_bytes: u64,
    /// Largest unpacked/packed ratio for members over 1 MB.
    pub max_ratio: u64,
    /// Most members.
    pub max_members: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_evidence_bytes: MAX_EVIDENCE_BYTES,
            max_json_bytes: 64 * MB,
            max_total_bytes: 2048 * MB,
            max_ratio: 200,
            max_members: 20_000,
        }
    }
}

/// The members of an opened file, for reading evidence content on demand.
pub struct Members {
    path: PathBuf,
    archive: ZipArchive<File>,
    limits: Limits,
    evidence: BTreeSet<String>,
}

impl std::fmt::Debug for Members {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Members")
            .field("path", &self.path)
            .field("evidence", &self.evidence.len())
            .finish_non_exhaustive()
    }
}

impl Members {
    /// The content of evidence `sha256`, or `None` when the file does not carry it (redacted).
    /// Checked against its hash again, in case the file changed since it was opened.
    pub fn evidence(&mut self, sha256: &str) -> Result<Option<Vec<u8>>> {
        if !self.evidence.contains(sha256) {
            return Ok(None);
        }
        let name = format!("{EVIDENCE_DIR}{sha256}");
        let m = read_member(
            &mut self.archive,
            &self.path,
            &name,
            self.limits.max_evidence_bytes,
            true,
        )?;
        if m.sha256 != sha256 {
            return Err(Error::Tampered {
                path: self.path.clone(),
                reason: format!("member {name} changed while it was being read"),
            });
        }
        Ok(Some(m.bytes))
    }
}

/// A checked, opened `.safeassess` file.
#[derive(Debug)]
pub struct ShareFile {
    /// The manifest.
    pub manifest: Manifest,
    /// The assessment, answers, history and evidence metadata.
    pub bundle: AssessmentBundle,
    /// The carried pack.
    pub pack: Pack,
    /// The signature, `None` for an unsigned file.
    pub signature: Option<SignatureDoc>,
    /// The submission section (format 2, a submission to customs).
    pub submission: Option<SubmissionDoc>,
    /// The report a submission carries, as PDF.
    pub report_pdf: Option<Vec<u8>>,
    /// The evidence content.
    pub members: Members,
}

impl ShareFile {
    /// Opens and checks a file (see the module documentation). Unsigned files open; callers
    /// decide whether to accept them ([`ShareFile::signature`] is `None`).
    pub fn open(path: &Path, limits: Limits) -> Result<ShareFile> {
        let unreadable = |reason: String| Error::Unreadable {
            path: path.to_path_buf(),
            reason,
        };
        let tampered = |reason: String| Error::Tampered {
            path: path.to_path_buf(),
            reason,
        };
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            return Err(unreadable("it is not a file".into()));
        }
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let mut archive = ZipArchive::new(file).map_err(|e| {
            unreadable(format!(
                "it is not a zip archive, or it is truncated or damaged ({e})"
            ))
        })?;
        if archive.len() > limits.max_members {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                reason: format!(
                    "it has {} members; at most {} are allowed",
                    archive.len(),
                    limits.max_members
                ),
            });
        }
        // The format version first, so a newer file says which version it needs rather than
        // failing on a layout this version does not know.
        if archive.index_for_name(MANIFEST).is_none() {
            return Err(unreadable(format!("it has no {MANIFEST}")));
        }
        let head = read_member(&mut archive, path, MANIFEST, limits.max_json_bytes, true)?;
        let head: ManifestHead = serde_json::from_slice(&head.bytes).map_err(|e| {
            unreadable(format!(
                "manifest.json is not a manifest ({})",
                json_problem(&e)
            ))
        })?;
        if head.format > FORMAT_VERSION {
            return Err(Error::NewerFormat {
                path: path.to_path_buf(),
                found: head.format,
                known: FORMAT_VERSION,
                written_by: if head.app_version.is_empty() {
                    "(unknown)".into()
                } else {
                    shown(&head.app_version, 40)
                },
                this: APP_VERSION.into(),
            });
        }
        if head.format == 0 {
            return Err(unreadable("manifest.json has format version 0".into()));
        }
        let layout = scan(&mut archive, path, &limits)?;
        if head.format == PLAIN_FORMAT
            && let Some(name) = [SUBMISSION, REPORT_PDF]
                .into_iter()
                .find(|n| layout.contains_key(*n))
        {
            return Err(Error::UnsafeMember {
                path: path.to_path_buf(),
                member: name.to_string(),
                reason: "is not part of a format 1 file".into(),
            });
        }
        if head.format > PLAIN_FORMAT && !layout.contains_key(SUBMISSION) {
            return Err(unreadable(format!(
                "it is a format {} file without {SUBMISSION}",
                head.format
            )));
        }

        let sums_bytes = need(
            &mut archive,
            path,
            &layout,
            CHECKSUMS,
            limits.max_json_bytes,
        )?
        .bytes;
        let signature = if layout.contains_key(SIGNATURE) {
            let sig_bytes = read_member(&mut archive, path, SIGNATURE, 64 * 1024, true)?.bytes;
            let sig: SignatureDoc = serde_json::from_slice(&sig_bytes).map_err(|e| {
                tampered(format!(
                    "signature.json is not readable ({})",
                    json_problem(&e)
                ))
            })?;
            check_signature(&sig, &sums_bytes).map_err(tampered)?;
            Some(sig)
        } else {
            None
        };
        let sums: Checksums = serde_json::from_slice(&sums_bytes).map_err(|e| {
            tampered(format!(
                "checksums.json is not readable ({})",
                json_problem(&e)
            ))
        })?;
        if sums.algorithm != "sha256" {
            return Err(tampered(format!(
                "checksums.json uses '{}', not sha256",
                shown(&sums.algorithm, QUOTE_MAX)
            )));
        }
        let mut json: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
        let mut report_pdf = None;
        let mut total: u64 = 0;
        for (name, kind) in &layout {
            if matches!(kind, Member::Checksums | Member::Signature) {
                continue;
            }
            let Some(expected) = sums.files.get(name) else {
                return Err(tampered(format!("member {name} is not in checksums.json")));
            };
            let is_json = !matches!(kind, Member::Evidence(_) | Member::ReportPdf);
            let limit = if is_json {
                limits.max_json_bytes
            } else {
                limits.max_evidence_bytes
            };
            let is_pdf = matches!(kind, Member::ReportPdf);
            let m = read_member(&mut archive, path, name, limit, is_json || is_pdf)?;
            total += m.size;
            if total > limits.max_total_bytes {
                return Err(Error::TooLarge {
                    path: path.to_path_buf(),
                    reason: format!("it unpacks to more than {}", human(limits.max_total_bytes)),
                });
            }
            if &m.sha256 != expected {
                return Err(tampered(format!(
                    "member {name} does not match its checksum"
                )));
            }
            if let Member::Evidence(sha) = kind
                && m.sha256 != *sha
            {
                return Err(tampered(format!("member {name} does not match its name")));
            }
            if is_json {
                json.insert(name.as_str(), m.bytes);
            } else if is_pdf {
                report_pdf = Some(m.bytes);
            }
        }
        if let Some(missing) = sums.files.keys().find(|n| !layout.contains_key(*n)) {
            return Err(tampered(format!(
                "member {missing} is listed in checksums.json but missing"
            )));
        }

        let mut take = |name: &str| {
            json.remove(name)
                .ok_or_else(|| unreadable(format!("it has no {name}")))
        };
        let manifest: Manifest = serde_json::from_slice(&take(MANIFEST)?).map_err(|e| {
            unreadable(format!(
                "manifest.json is not readable ({})",
                json_problem(&e)
            ))
        })?;
        let bundle: AssessmentBundle = serde_json::from_slice(&take(ASSESSMENT)?).map_err(|e| {
            unreadable(format!(
                "assessment.json is not readable ({})",
                json_problem(&e)
            ))
        })?;
        let submission: Option<SubmissionDoc> = match json.remove(SUBMISSION) {
            None => None,
            Some(bytes) => Some(serde_json::from_slice(&bytes).map_err(|e| {
                unreadable(format!(
                    "submission.json is not readable ({})",
                    json_problem(&e)
                ))
            })?),
        };
        let mut take = |name: &str| {
            json.remove(name)
                .ok_or_else(|| unreadable(format!("it has no {name}")))
        };
        let pack_text = String::from_utf8(take(PACK)?)
            .map_err(|_| unreadable("pack.json is not UTF-8 text".into()))?;
        let pack = Pack::parse(
            &format!("pack.json in {}", path.display()),
            &pack_text,
            &builtin_roles(),
        )
        .map_err(tame)?;
        if let Some(sig) = &signature
            && sig.signer != manifest.signer
        {
            return Err(tampered(
                "the signer in signature.json differs from the manifest's".into(),
            ));
        }
        let evidence: BTreeSet<String> = layout
            .values()
            .filter_map(|k| match k {
                Member::Evidence(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        check_consistency(path, &limits, &manifest, &bundle, &pack, &evidence)?;
        Ok(ShareFile {
            manifest,
            bundle,
            pack,
            signature,
            submission,
            report_pdf,
            members: Members {
                path: path.to_path_buf(),
                archive,
                limits,
                evidence,
            },
        })
    }
}

/// Checks the central directory: count, names, kinds and declared sizes. Nothing is unpacked.
fn scan(
    archive: &mut ZipArchive<File>,
    path: &Path,
    limits: &Limits,
) -> Result<BTreeMap<String, Member>> {
    let too_large = |reason: String| Error::TooLarge {
        path: path.to_path_buf(),
        reason,
    };
    let unsafe_member = |member: &str, reason: &str| Error::UnsafeMember {
        path: path.to_path_buf(),
        member: shown(member, QUOTE_MAX),
        reason: reason.to_string(),
    };
    if archive.has_duplicate_names() {
        return Err(unsafe_member("(several)", "appears more than once"));
    }
    let mut layout = BTreeMap::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|e| Error::Unreadable {
            path: path.to_path_buf(),
            reason: format!("member {i} is unreadable ({e})"),
        })?;
        let name = f
            .name()
            .map(|n| n.into_owned())
            .map_err(|_| unsafe_member("(not UTF-8)", "has a name that is not UTF-8"))?;
        let kind = classify(&name).map_err(|r| unsafe_member(&name, r))?;
        if f.is_dir() || f.is_symlink() {
            return Err(unsafe_member(&name, "is a folder or a link"));
        }
        if f.encrypted() {
            return Err(unsafe_member(&name, "is encrypted"));
        }
        if !matches!(
            f.compression(),
            CompressionMethod::Stored | CompressionMethod::Deflated
        ) {
            return Err(unsafe_member(
                &name,
                "uses a compression method other than deflate",
            ));
        }
        let (size, packed) = (f.size(), f.compressed_size());
        let limit = match kind {
            Member::Evidence(_) | Member::ReportPdf => limits.max_evidence_bytes,
            _ => limits.max_json_bytes,
        };
        if size > limit {
            return Err(too_large(format!(
                "member {name} unpacks to {}, over the limit of {}",
                human(size),
                human(limit)
            )));
        }
        if size > MB && size / packed.max(1) > limits.max_ratio {
            return Err(too_large(format!(
                "member {name} unpacks to {} from {} (more than {}:1), which looks like a zip bomb",
                human(size),
                human(packed),
                limits.max_ratio
            )));
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(too_large(format!(
                "it unpacks to more than {}",
                human(limits.max_total_bytes)
            )));
        }
        layout.insert(name, kind);
    }
    Ok(layout)
}

/// Reads a member that must be present.
fn need(
    archive: &mut ZipArchive<File>,
    path: &Path,
    layout: &BTreeMap<String, Member>,
    name: &str,
    limit: u64,
) -> Result<Unpacked> {
    if !layout.contains_key(name) {
        return Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: format!("it has no {name}"),
        });
    }
    read_member(archive, path, name, limit, true)
}

/// An unpacked member.
struct Unpacked {
    bytes: Vec<u8>,
    sha256: String,
    size: u64,
}

/// Unpacks a member, never more than `limit` bytes, returning its bytes (when `keep`), size and
/// SHA-256. A member that fails to unpack, fails its CRC or unpacks to more than its header says
/// is reported as tampered.
fn read_member(
    archive: &mut ZipArchive<File>,
    path: &Path,
    name: &str,
    limit: u64,
    keep: bool,
) -> Result<Unpacked> {
    let tampered = |reason: String| Error::Tampered {
        path: path.to_path_buf(),
        reason,
    };
    let f = archive
        .by_name(name)
        .map_err(|e| tampered(format!("member {name} is unreadable ({e})")))?;
    let declared = f.size();
    let mut reader = f.take(limit.saturating_add(1));
    let mut hasher = Sha256::new();
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size: u64 = 0;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| tampered(format!("member {name} is damaged ({e})")))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > limit {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                reason: format!("member {name} unpacks to more than {}", human(limit)),
            });
        }
        if size > declared {
            return Err(tampered(format!(
                "member {name} unpacks to more than its header says"
            )));
        }
        let chunk = buf.get(..n).unwrap_or_default();
        hasher.update(chunk);
        if keep {
            bytes.extend_from_slice(chunk);
        }
    }
    Ok(Unpacked {
        bytes,
        sha256: hex(&hasher.finalize()),
        size,
    })
}

/// A size in MB (or KB, bytes) for messages.
pub(crate) fn human(n: u64) -> String {
    if n >= MB {
        format!("{:.1} MB", n as f64 / MB as f64)
    } else if n >= 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}
