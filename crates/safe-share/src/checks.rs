//! Checks of an opened file that need no zip access: the signature over the checksums, and the
//! agreement of manifest, assessment, carried pack and evidence.

use std::collections::BTreeSet;
use std::path::Path;

use safe_core::catalogue::Pack;
use safe_core::store::AssessmentBundle;

use crate::error::{Error, QUOTE_MAX, Result, shown};
use crate::format::{Manifest, SIGNING_CONTEXT, SignatureDoc};
use crate::keys::{fingerprint, unhex, verify};
use crate::read::{Limits, human};

/// A detached ed25519 signature as the files carry it (hex text).
pub(crate) struct Detached<'a> {
    /// Must be `ed25519`.
    pub algorithm: &'a str,
    /// The signer's public key.
    pub public_key: &'a str,
    /// The signature.
    pub signature: &'a str,
    /// The fingerprint the file claims for the key.
    pub fingerprint: &'a str,
}

/// Checks `sig` over `context` followed by `payload`; says what is wrong otherwise. The one
/// signature check of every signed file (portable files and review files).
pub(crate) fn check_detached(
    sig: &Detached<'_>,
    context: &[u8],
    payload: &[u8],
) -> std::result::Result<(), String> {
    if sig.algorithm != "ed25519" {
        return Err(format!(
            "unknown signature algorithm '{}'",
            shown(sig.algorithm, QUOTE_MAX)
        ));
    }
    let key = unhex::<32>(sig.public_key).ok_or("the public key is not readable")?;
    let bytes = unhex::<64>(sig.signature).ok_or("the signature is not readable")?;
    if fingerprint(&key) != sig.fingerprint {
        return Err("the fingerprint does not belong to the public key".into());
    }
    let mut message = context.to_vec();
    message.extend_from_slice(payload);
    if !verify(&key, &message, &bytes) {
        return Err("the signature does not match the content".into());
    }
    Ok(())
}

pub(crate) fn check_signature(
    sig: &SignatureDoc,
    checksums: &[u8],
) -> std::result::Result<(), String> {
    check_detached(
        &Detached {
            algorithm: &sig.algorithm,
            public_key: &sig.public_key,
            signature: &sig.signature,
            fingerprint: &sig.fingerprint,
        },
        SIGNING_CONTEXT,
        checksums,
    )?;
    if sig.signer.fingerprint != sig.fingerprint {
        return Err("the fingerprint does not belong to the public key".into());
    }
    Ok(())
}

pub(crate) fn check_consistency(
    path: &Path,
    limits: &Limits,
    m: &Manifest,
    b: &AssessmentBundle,
    pack: &Pack,
    evidence: &BTreeSet<String>,
) -> Result<()> {
    let a = &b.assessment;
    let invalid = |s: String| Error::Invalid(format!("{}: {s}", path.display()));
    let q = |s: &str| shown(s, QUOTE_MAX);
    if (m.pack.id.as_str(), m.pack.version.as_str()) != (pack.id.as_str(), pack.version.as_str())
        || (a.pack_id.as_str(), a.pack_version.as_str())
            != (pack.id.as_str(), pack.version.as_str())
    {
        return Err(invalid(format!(
            "the manifest, assessment and carried pack disagree on the pack ({} {}, {} {}, {} {})",
            q(&m.pack.id),
            q(&m.pack.version),
            q(&a.pack_id),
            q(&a.pack_version),
            q(&pack.id),
            q(&pack.version)
        )));
    }
    if m.assessment_id != a.id {
        return Err(invalid("the manifest names another assessment".into()));
    }
    let listed: BTreeSet<String> = b
        .evidence
        .iter()
        .map(|e| e.evidence.sha256.clone())
        .collect();
    if m.redacted && !evidence.is_empty() {
        return Err(invalid(
            "it is marked redacted but carries evidence content".into(),
        ));
    }
    if !m.redacted && listed != *evidence {
        return Err(invalid(
            "the evidence files carried differ from the evidence listed".into(),
        ));
    }
    if let Some(e) = b
        .evidence
        .iter()
        .find(|e| e.evidence.size > limits.max_evidence_bytes)
    {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            reason: format!(
                "evidence {} is {}, over the limit of {}",
                q(&e.evidence.file_name),
                human(e.evidence.size),
                human(limits.max_evidence_bytes)
            ),
        });
    }
    let unknown = |id: &str| {
        invalid(format!(
            "item '{}' is not an item of pack {} {}",
            q(id),
            q(&pack.id),
            q(&pack.version)
        ))
    };
    for ans in &b.answers {
        pack.item(&ans.item_id)
            .ok_or_else(|| unknown(&ans.item_id))?;
    }
    for e in &b.evidence {
        if let Some(i) = e.evidence.items.iter().find(|i| pack.item(i).is_none()) {
            return Err(unknown(i));
        }
    }
    // Entries written before the assessment moved to this pack (a `rebase` entry) may name
    // items of the earlier pack, as may the carries of that move.
    let rebased_at = b
        .history
        .iter()
        .filter(|h| matches!(h.change, safe_core::history::Change::Rebased { .. }))
        .map(|h| h.seq)
        .max();
    if let Some(h) = b.history.iter().find(|h| {
        !h.item_id.is_empty()
            && pack.item(&h.item_id).is_none()
            && rebased_at.is_none_or(|at| h.seq > at)
    }) {
        return Err(unknown(&h.item_id));
    }
    Ok(())
}
