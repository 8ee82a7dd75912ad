//! Keys: this installation's own signing key and the customs keys it trusts (pinned on first
//! use by a review, or named with `key trust`).

use std::path::{Path, PathBuf};

use safe_core::model::Stamp;
use safe_core::store::{KeyUse, Store, TrustedKey};
use serde::Serialize;

use crate::Result;

/// This installation's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnKey {
    /// Its fingerprint.
    pub fingerprint: String,
    /// The public key, hex.
    pub public_key: String,
    /// Where the private key is kept.
    pub key_file: PathBuf,
}

/// Every key this installation knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyList {
    /// Its own (created on first use).
    pub own: OwnKey,
    /// The customs keys it trusts.
    pub trusted: Vec<TrustedKey>,
}

/// The own key and every trusted customs key with its name, first use and applications.
pub fn list(store: &Store, db: &Path) -> Result<KeyList> {
    let k = crate::share::own_key(db)?;
    Ok(KeyList {
        own: OwnKey {
            fingerprint: k.fingerprint(),
            public_key: k.public_hex(),
            key_file: k.path().to_path_buf(),
        },
        trusted: store.trusted_keys()?,
    })
}

/// Trusts customs key `fingerprint` under `name` (16 hex digits; naming it again renames it).
pub fn trust(
    store: &mut Store,
    fingerprint: &str,
    name: &str,
    stamp: &Stamp,
) -> Result<TrustedKey> {
    Ok(store.trust_key(fingerprint, name, stamp)?)
}

/// Withdraws the trust in `fingerprint` (reviews signed by it are refused from now on); returns
/// the applications it was pinned for.
pub fn untrust(store: &mut Store, fingerprint: &str, stamp: &Stamp) -> Result<Vec<KeyUse>> {
    Ok(store.untrust_key(fingerprint, stamp)?)
}
