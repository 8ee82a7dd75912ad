//! The `.safereview` file: a customs review of an application, signed by the customs
//! installation's key, for the trader to attach to their assessment.
//!
//! One JSON document (UTF-8, at most [`MAX_REVIEW_BYTES`]):
//!
//! | field | content |
//! |---|---|
//! | `format` | always `safe-assess.review` |
//! | `version` | 2 (remarks carry their due date); 1 is still read (its remarks have none); a reader refuses a newer version |
//! | `appVersion` | the safe-assess version that wrote it |
//! | `review` | the review as JSON text ([`safe_core::review::ReviewDoc`]), kept as text so the signature covers its exact bytes |
//! | `signature` | [`ReviewSignature`]: Ed25519 over the version's context ([`REVIEW_CONTEXT`] for version 2, [`REVIEW_CONTEXT_V1`] for 1) followed by the bytes of `review` |
//!
//! Reading checks, in order: size, JSON, format and version, signature, then the review's JSON.
//! Nothing is written anywhere by reading.

use std::io::Read;
use std::path::Path;

use safe_core::ErrorCode;
use safe_core::review::ReviewDoc;
use serde::{Deserialize, Serialize};

use crate::checks::{Detached, check_detached};
use crate::error::{Error, QUOTE_MAX, Result, json_problem, shown};
use crate::format::APP_VERSION;
use crate::keys::{Keys, hex};

/// The `format` field.
pub const REVIEW_FORMAT: &str = "safe-assess.review";
/// The version this build writes and the newest it reads (2: remarks carry their due date).
pub const REVIEW_VERSION: u32 = 2;
/// Prepended to the review's bytes before signing (version 2).
pub const REVIEW_CONTEXT: &[u8] = b"safe-assess .safereview v2\n";
/// The context of version 1, still read.
pub const REVIEW_CONTEXT_V1: &[u8] = b"safe-assess .safereview v1\n";

/// The signing context of a version this build reads.
fn context(version: u32) -> &'static [u8] {
    if version == 1 {
        REVIEW_CONTEXT_V1
    } else {
        REVIEW_CONTEXT
    }
}
/// The largest review file read.
pub const MAX_REVIEW_BYTES: u64 = 16 * 1024 * 1024;

/// The signature of a review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSignature {
    /// Always `ed25519`.
    pub algorithm: String,
    /// The public key, hex.
    pub public_key: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The signature, hex.
    pub signature: String,
    /// Who wrote the review file.
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    format: String,
    version: u32,
    #[serde(default)]
    app_version: String,
    review: String,
    signature: Option<ReviewSignature>,
}

/// A checked review file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFile {
    /// The review.
    pub doc: ReviewDoc,
    /// Its signature (verified).
    pub signature: ReviewSignature,
}

fn refused(path: &Path, code: ErrorCode, reason: impl Into<String>) -> Error {
    Error::Review {
        path: path.to_path_buf(),
        code,
        reason: reason.into(),
    }
}

/// Writes `doc` signed with `keys` (under the name `name`) to `out`, through a temporary file
/// beside it; an existing file is replaced only with `overwrite`.
pub fn write(doc: &ReviewDoc, keys: &Keys, name: &str, out: &Path, overwrite: bool) -> Result<()> {
    if out.is_dir() {
        return Err(Error::Invalid(format!(
            "{} is a folder: give a file name, e.g. review.safereview",
            out.display()
        )));
    }
    if out.exists() && !overwrite {
        return Err(Error::Invalid(format!(
            "{} already exists: choose another name or replace it with --force",
            out.display()
        )));
    }
    let bytes = to_bytes(doc, keys, name)?;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".safereview-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    std::io::Write::write_all(tmp.as_file_mut(), &bytes).map_err(|e| Error::io(out, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(out, e))?;
    let persisted = if overwrite {
        tmp.persist(out)
    } else {
        tmp.persist_noclobber(out)
    };
    persisted.map_err(|e| Error::io(out, e.error))?;
    Ok(())
}

/// The bytes of a signed review file.
pub fn to_bytes(doc: &ReviewDoc, keys: &Keys, name: &str) -> Result<Vec<u8>> {
    let review = serde_json::to_string_pretty(doc)
        .map_err(|e| Error::Invalid(format!("could not encode the review: {e}")))?;
    let mut message = REVIEW_CONTEXT.to_vec();
    message.extend_from_slice(review.as_bytes());
    let env = Envelope {
        format: REVIEW_FORMAT.into(),
        version: REVIEW_VERSION,
        app_version: APP_VERSION.into(),
        signature: Some(ReviewSignature {
            algorithm: "ed25519".into(),
            public_key: keys.public_hex(),
            fingerprint: keys.fingerprint(),
            signature: hex(&keys.sign(&message)),
            name: name.to_string(),
        }),
        review,
    };
    serde_json::to_vec_pretty(&env)
        .map_err(|e| Error::Invalid(format!("could not encode the review file: {e}")))
}

/// Opens and checks a review file (see the module documentation).
pub fn open(path: &Path) -> Result<ReviewFile> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(refused(
            path,
            ErrorCode::ShareUnreadable,
            "it is not a file",
        ));
    }
    if meta.len() > MAX_REVIEW_BYTES {
        return Err(refused(
            path,
            ErrorCode::ShareTooLarge,
            format!("it is larger than {} MB", MAX_REVIEW_BYTES / (1024 * 1024)),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_REVIEW_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    from_bytes(path, &bytes)
}

/// Checks the bytes of a review file; `path` names it in messages.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<ReviewFile> {
    if bytes.len() as u64 > MAX_REVIEW_BYTES {
        return Err(refused(path, ErrorCode::ShareTooLarge, "it is too large"));
    }
    let env: Envelope = serde_json::from_slice(bytes).map_err(|e| {
        refused(
            path,
            ErrorCode::ShareUnreadable,
            format!(
                "it is not a review file, or it is truncated ({})",
                json_problem(&e)
            ),
        )
    })?;
    if env.format != REVIEW_FORMAT {
        return Err(refused(
            path,
            ErrorCode::ShareUnreadable,
            format!(
                "its format is '{}', not {REVIEW_FORMAT}",
                shown(&env.format, QUOTE_MAX)
            ),
        ));
    }
    if env.version > REVIEW_VERSION {
        return Err(refused(
            path,
            ErrorCode::ShareFormatTooNew,
            format!(
                "it is of version {}, written by safe-assess {}; this safe-assess {APP_VERSION} reads up to version {REVIEW_VERSION}: install a newer safe-assess",
                env.version,
                shown(&env.app_version, 40)
            ),
        ));
    }
    if env.version == 0 {
        return Err(refused(
            path,
            ErrorCode::ShareUnreadable,
            "it has version 0",
        ));
    }
    let Some(sig) = env.signature else {
        return Err(refused(
            path,
            ErrorCode::ShareUnsigned,
            "it is not signed; a review is accepted only signed by customs",
        ));
    };
    check(&sig, context(env.version), env.review.as_bytes()).map_err(|reason| Error::Tampered {
        path: path.to_path_buf(),
        reason,
    })?;
    let doc: ReviewDoc = serde_json::from_str(&env.review).map_err(|e| {
        refused(
            path,
            ErrorCode::ShareUnreadable,
            format!("its review is not readable ({})", json_problem(&e)),
        )
    })?;
    Ok(ReviewFile {
        doc,
        signature: sig,
    })
}

fn check(sig: &ReviewSignature, context: &[u8], review: &[u8]) -> std::result::Result<(), String> {
    check_detached(
        &Detached {
            algorithm: &sig.algorithm,
            public_key: &sig.public_key,
            signature: &sig.signature,
            fingerprint: &sig.fingerprint,
        },
        context,
        review,
    )
}
