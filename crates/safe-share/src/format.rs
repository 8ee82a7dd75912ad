//! The `.safeassess` file format, version 1.
//!
//! A zip archive (deflate) with exactly these members:
//!
//! | member | content |
//! |---|---|
//! | `manifest.json` | [`Manifest`]: format version, app version, pack id and version, created at, assessment id, organisation, redacted flag, lineage, signer |
//! | `assessment.json` | [`safe_core::store::AssessmentBundle`]: details, answers, history, evidence metadata and item links |
//! | `pack.json` | the pinned catalogue pack, so the receiver needs no catalogue |
//! | `evidence/<sha256>` | each evidence file's content, named by its SHA-256 (none when redacted) |
//! | `checksums.json` | [`Checksums`]: the SHA-256 of every other member except `signature.json` |
//! | `signature.json` | [`SignatureDoc`]: Ed25519 signature over [`SIGNING_CONTEXT`] followed by the exact bytes of `checksums.json` |
//!
//! Nothing else is allowed: no folders, links, encryption, other names or duplicates. A reader
//! refuses a file of a newer format version, naming the version needed. Changing this layout
//! means a new format version; old versions stay readable (fixtures in `tests/fixtures/`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// This app's version, written into every manifest.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Prepended to the checksums before signing, so the signature cannot be reused elsewhere.
pub const SIGNING_CONTEXT: &[u8] = b"safe-assess .safeassess checksums v1\n";

/// `manifest.json`.
pub const MANIFEST: &str = "manifest.json";
/// `assessment.json`.
pub const ASSESSMENT: &str = "assessment.json";
/// `pack.json`.
pub const PACK: &str = "pack.json";
/// `checksums.json`.
pub const CHECKSUMS: &str = "checksums.json";
/// `signature.json`.
pub const SIGNATURE: &str = "signature.json";
/// The folder of evidence members.
pub const EVIDENCE_DIR: &str = "evidence/";

/// The pack an assessment is pinned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
}

/// Who signed a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Signer {
    /// The organisation (the assessment's).
    pub organisation: String,
    /// The person who exported it.
    pub name: String,
    /// The fingerprint of the signing key.
    pub fingerprint: String,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Manifest {
    /// Format version.
    pub format: u32,
    /// The safe-assess version that wrote it.
    pub app_version: String,
    /// The pinned pack.
    pub pack: PackRef,
    /// When the file was written (UTC).
    pub created_at: DateTime<Utc>,
    /// The assessment's id on the machine that wrote it.
    pub assessment_id: String,
    /// The assessment's title.
    pub title: String,
    /// The organisation assessed.
    pub organisation: String,
    /// True when comments, owners and evidence content were left out.
    pub redacted: bool,
    /// Ids of the copies this assessment came from by import, nearest first.
    #[serde(default)]
    pub lineage: Vec<String>,
    /// Who signed it.
    pub signer: Signer,
}

/// Just enough of a manifest to learn its format version, whatever the version.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ManifestHead {
    pub format: u32,
    #[serde(default)]
    pub app_version: String,
}

/// `checksums.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checksums {
    /// Always `sha256`.
    pub algorithm: String,
    /// Member name → lower-case hex SHA-256, in name order.
    pub files: BTreeMap<String, String>,
}

/// `signature.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureDoc {
    /// Always `ed25519`.
    pub algorithm: String,
    /// The public key, hex.
    pub public_key: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The signature, hex.
    pub signature: String,
    /// Who signed (must equal the manifest's signer).
    pub signer: Signer,
}

/// What a member name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Member {
    Manifest,
    Assessment,
    Pack,
    Checksums,
    Signature,
    Evidence(String),
}

/// Classifies a member name, or says why it is not allowed.
pub(crate) fn classify(name: &str) -> Result<Member, &'static str> {
    if name.starts_with('/') || name.starts_with('\\') || name.contains(':') {
        return Err("has an absolute path");
    }
    if name.contains('\\') || name.contains('\0') {
        return Err("has a character not allowed in member names");
    }
    if name
        .split('/')
        .any(|c| c == ".." || c == "." || c.is_empty())
    {
        return Err("has a path that could escape the file ('..', '.' or an empty part)");
    }
    Ok(match name {
        MANIFEST => Member::Manifest,
        ASSESSMENT => Member::Assessment,
        PACK => Member::Pack,
        CHECKSUMS => Member::Checksums,
        SIGNATURE => Member::Signature,
        other => match other.strip_prefix(EVIDENCE_DIR) {
            Some(sha) if safe_core::store::is_sha256_hex(sha) => Member::Evidence(sha.to_string()),
            _ => return Err("is not part of the .safeassess layout"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_layout_is_accepted() {
        assert_eq!(classify("manifest.json"), Ok(Member::Manifest));
        let sha = "a".repeat(64);
        assert_eq!(
            classify(&format!("evidence/{sha}")),
            Ok(Member::Evidence(sha.clone()))
        );
        for bad in [
            "../evil",
            "evidence/../manifest.json",
            "/etc/passwd",
            "C:/x",
            "evidence\\x",
            "./manifest.json",
            "evidence//x",
            "evidence/",
            "evidence/ABC",
            &format!("evidence/{}", "A".repeat(64)),
            "notes.txt",
            "Manifest.json",
        ] {
            assert!(classify(bad).is_err(), "{bad} must be refused");
        }
    }
}
