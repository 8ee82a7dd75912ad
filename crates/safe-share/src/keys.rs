//! This installation's Ed25519 signing key.
//!
//! Created on first use in `<database folder>/keys/`: `signing.key` (the 32-byte secret seed in
//! hex, owner-only permissions on Unix) and `signing.pub` (the public key in hex). The key is
//! never printed or logged; its [`fingerprint`] (the first 16 hex digits of the SHA-256 of the
//! public key) names it to people.

use std::io::Write;
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The key folder for a database: `keys/` beside it.
pub fn key_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("keys")
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses exactly `N` bytes of hex: hex digits only, so each value has one spelling per case
/// (`u8::from_str_radix` alone would also take a sign, as in `+f`).
pub(crate) fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.trim();
    if s.len() != 2 * N || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; N];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The fingerprint of a public key: the first 16 hex digits of its SHA-256.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    let mut h = hex(&Sha256::digest(public_key));
    h.truncate(16);
    h
}

/// This installation's key pair.
pub struct Keys {
    signing: SigningKey,
    path: PathBuf,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("path", &self.path)
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

impl Keys {
    /// Loads the key pair in `dir`, creating it (and the folder) when there is none.
    pub fn load_or_create(dir: &Path) -> Result<Keys> {
        if let Some(k) = Keys::load(dir)? {
            return Ok(k);
        }
        create_dir_private(dir)?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| Error::Key {
            path: dir.to_path_buf(),
            reason: format!("no randomness available to create a key: {e}"),
        })?;
        let signing = SigningKey::from_bytes(&seed);
        let path = dir.join("signing.key");
        // Written to a private temporary file, then linked into place, so a concurrent first use
        // never sees half a key and never replaces one that already exists.
        let tmp = dir.join(format!("signing.key.tmp-{}", std::process::id()));
        write_private(&tmp, format!("{}\n", hex(&seed)).as_bytes())?;
        let linked = std::fs::hard_link(&tmp, &path);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Keys::load(dir)?.ok_or_else(|| Error::Key {
                    path: path.clone(),
                    reason: "vanished while being created".into(),
                });
            }
            Err(e) => return Err(Error::io(&path, e)),
        }
        let keys = Keys { signing, path };
        keys.write_public(dir)?;
        Ok(keys)
    }

    /// Loads the key pair in `dir`, if there is one. A key file readable by others is refused.
    pub fn load(dir: &Path) -> Result<Option<Keys>> {
        let path = dir.join("signing.key");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        check_private(&path)?;
        let seed = unhex::<32>(&text).ok_or_else(|| Error::Key {
            path: path.clone(),
            reason: "not a signing key (expected 64 hex digits); it was left as it is".into(),
        })?;
        let keys = Keys {
            signing: SigningKey::from_bytes(&seed),
            path,
        };
        if !dir.join("signing.pub").exists() {
            keys.write_public(dir)?;
        }
        Ok(Some(keys))
    }

    fn write_public(&self, dir: &Path) -> Result<()> {
        let p = dir.join("signing.pub");
        std::fs::write(&p, format!("{}\n", self.public_hex())).map_err(|e| Error::io(&p, e))
    }

    /// The secret key file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    /// The public key in hex.
    pub fn public_hex(&self) -> String {
        hex(&self.public_key())
    }

    /// The public key's fingerprint.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public_key())
    }

    /// Signs a message.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// Checks an Ed25519 signature (strictly: no malleable signatures, no weak keys).
pub(crate) fn verify(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public_key) else {
        return false;
    };
    let sig = Signature::from_bytes(signature);
    key.verify_strict(message, &sig).is_ok() && key.verify(message, &sig).is_ok()
}

fn create_dir_private(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        match std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
        {
            Ok(()) => Ok(()),
            Err(e) => Err(Error::io(dir, e)),
        }
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

fn check_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(Error::Key {
                path: path.to_path_buf(),
                reason: format!(
                    "others may read it (mode {:o}); make it private with: chmod 600 {}",
                    mode & 0o777,
                    path.display()
                ),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_read_back_and_only_hex_digits_are_taken() {
        assert_eq!(unhex::<2>("0aFf"), Some([0x0a, 0xff]));
        assert_eq!(unhex::<2>(&hex(&[1, 254])), Some([1, 254]));
        assert_eq!(unhex::<2>("+a0f"), None, "a sign is not a digit");
        assert_eq!(unhex::<2>("0a0"), None, "odd length");
        assert_eq!(unhex::<2>("0g0f"), None);
        assert_eq!(unhex::<1>("é"), None);
    }

    #[test]
    fn a_key_is_created_once_privately_and_signs_verifiably() {
        let dir = tempfile::tempdir().expect("temp dir");
        let kdir = dir.path().join("keys");
        let k1 = Keys::load_or_create(&kdir).expect("create");
        let k2 = Keys::load_or_create(&kdir).expect("load");
        assert_eq!(k1.public_key(), k2.public_key(), "the same key is reused");
        assert_eq!(k1.fingerprint().len(), 16);
        let pubfile = std::fs::read_to_string(kdir.join("signing.pub")).expect("pub");
        assert_eq!(pubfile.trim(), k1.public_hex());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(kdir.join("signing.key"))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let sig = k1.sign(b"hello");
        assert!(verify(&k1.public_key(), b"hello", &sig));
        assert!(!verify(&k1.public_key(), b"hellO", &sig));
        let debug = format!("{k1:?}");
        let secret = std::fs::read_to_string(kdir.join("signing.key")).expect("key");
        assert!(!debug.contains(secret.trim()), "Debug never shows the key");
    }

    #[cfg(unix)]
    #[test]
    fn a_key_readable_by_others_or_garbled_is_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        Keys::load_or_create(dir.path()).expect("create");
        let key = dir.path().join("signing.key");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = Keys::load_or_create(dir.path()).expect_err("too open");
        assert!(err.to_string().contains("chmod 600"), "{err}");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        std::fs::write(&key, "not a key").expect("garble");
        let err = Keys::load_or_create(dir.path()).expect_err("garbled");
        assert!(err.to_string().contains("left as it is"), "{err}");
        assert_eq!(std::fs::read_to_string(&key).expect("read"), "not a key");
    }

    #[test]
    fn hex_round_trips_and_rejects_wrong_lengths() {
        assert_eq!(unhex::<2>("0aff"), Some([0x0a, 0xff]));
        assert_eq!(unhex::<2>("0af"), None);
        assert_eq!(unhex::<2>("zzzz"), None);
    }
}
