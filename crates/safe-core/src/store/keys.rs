//! Customs keys the trader's installation trusts: pinned by the first review of an application
//! signed with them (trust on first use, in `received.rs`), and named explicitly
//! (`safe-assess key trust`). A later review of an application signed by another key than the
//! pinned one is accepted only when that key was trusted by name; a key untrusted with
//! `safe-assess key untrust` signs no review accepted here until trusted again ([`judge`]).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Store, parse_ts, ts};
use crate::model::Stamp;
use crate::{Error, Result};

/// Where a trusted key was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyUse {
    /// The customs application.
    pub application_id: String,
    /// The trader's assessment the review is attached to.
    pub assessment_id: String,
}

/// A customs key this installation trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrustedKey {
    /// The fingerprint (16 hex digits).
    pub fingerprint: String,
    /// The name given with `key trust` (empty when only pinned on first use).
    pub name: String,
    /// The public key, hex, once a review signed with it was attached.
    pub public_key: Option<String>,
    /// When a review signed with it was first attached.
    pub first_used: Option<DateTime<Utc>>,
    /// When it was named explicitly.
    pub trusted_at: Option<DateTime<Utc>>,
    /// When trust in it was withdrawn (`key untrust`): reviews signed by it are refused.
    pub untrusted_at: Option<DateTime<Utc>>,
    /// The applications whose reviews it signed (pinned for them).
    pub used_for: Vec<KeyUse>,
}

/// Whether `s` is a key fingerprint: 16 lowercase hex digits.
pub fn is_fingerprint(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn fingerprint(s: &str) -> Result<String> {
    let f = s.trim().to_ascii_lowercase();
    if is_fingerprint(&f) {
        Ok(f)
    } else {
        Err(Error::invalid(format!(
            "'{}' is not a key fingerprint: 16 hex digits, as 'safe-assess verify' or the review import prints it",
            s.chars().take(40).collect::<String>()
        )))
    }
}

/// Whether a review of application `app` signed by `fingerprint` may be attached, the key
/// `pinned` for that application (by its earlier review) being given: a key untrusted is
/// refused; the pinned key, or any key for a first review, is accepted (trust on first use); another
/// key only when it was trusted by name. One line naming the keys and what to do otherwise.
pub(crate) fn judge(
    conn: &rusqlite::Connection,
    app: &str,
    fingerprint: &str,
    pinned: Option<&str>,
) -> Result<()> {
    let row: Option<(String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT name, trusted_at, untrusted_at FROM trusted_keys WHERE fingerprint = ?1",
            [fingerprint],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((_, _, Some(at))) = &row {
        return Err(Error::Mismatch(format!(
            "the review is signed by key {fingerprint}, which you untrusted on {}: if customs confirms the key, trust it again with 'safe-assess key trust {fingerprint} --name NAME'",
            at.get(..10).unwrap_or(at)
        )));
    }
    match pinned {
        Some(key) if key != fingerprint => {
            let named = matches!(&row, Some((name, Some(_), None)) if !name.is_empty());
            if named {
                Ok(())
            } else {
                Err(Error::Mismatch(format!(
                    "the review is signed by key {fingerprint}, not by key {key} trusted for application {app}: if customs changed its key, check the new fingerprint with them and trust it with 'safe-assess key trust {fingerprint} --name NAME', then import again"
                )))
            }
        }
        _ => Ok(()),
    }
}

/// Records that a review signed by `fingerprint` was attached (the first use stays).
pub(crate) fn used(
    tx: &Transaction<'_>,
    fingerprint: &str,
    public_key: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO trusted_keys (fingerprint, public_key, first_used) VALUES (?1, ?2, ?3)
         ON CONFLICT (fingerprint) DO UPDATE SET public_key = coalesce(public_key, excluded.public_key),
           first_used = coalesce(first_used, excluded.first_used)",
        params![fingerprint, public_key, ts(at)],
    )?;
    Ok(())
}

impl Store {
    /// Every trusted customs key, named ones first (by name), then by first use.
    pub fn trusted_keys(&self) -> Result<Vec<TrustedKey>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fingerprint, name, public_key, first_used, trusted_at, untrusted_at FROM trusted_keys
             ORDER BY untrusted_at IS NOT NULL, name = '', lower(name), first_used, fingerprint",
        )?;
        let mut keys: Vec<TrustedKey> = stmt
            .query_map([], |r| {
                Ok(TrustedKey {
                    fingerprint: r.get(0)?,
                    name: r.get(1)?,
                    public_key: r.get(2)?,
                    first_used: r
                        .get::<_, Option<String>>(3)?
                        .map(|s| parse_ts(&s))
                        .transpose()?,
                    trusted_at: r
                        .get::<_, Option<String>>(4)?
                        .map(|s| parse_ts(&s))
                        .transpose()?,
                    untrusted_at: r
                        .get::<_, Option<String>>(5)?
                        .map(|s| parse_ts(&s))
                        .transpose()?,
                    used_for: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut uses = self.conn.prepare_cached(
            "SELECT application_id, assessment_id FROM received_reviews WHERE fingerprint = ?1
             ORDER BY application_id, assessment_id",
        )?;
        for k in &mut keys {
            k.used_for = uses
                .query_map([&k.fingerprint], |r| {
                    Ok(KeyUse {
                        application_id: r.get(0)?,
                        assessment_id: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(keys)
    }

    /// Trusts the customs key `fingerprint` under `name` (naming it again renames it; an
    /// untrusted key is trusted again).
    pub fn trust_key(
        &mut self,
        fingerprint_: &str,
        name: &str,
        stamp: &Stamp,
    ) -> Result<TrustedKey> {
        let f = fingerprint(fingerprint_)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid(
                "a trusted key needs a name (--name NAME), e.g. the customs office that uses it",
            ));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO trusted_keys (fingerprint, name, trusted_at, trusted_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, trusted_at = excluded.trusted_at,
                   trusted_by = excluded.trusted_by, untrusted_at = NULL",
                params![f, name, ts(stamp.at), stamp.by],
            )?;
            Ok(())
        })?;
        self.trusted_keys()?
            .into_iter()
            .find(|k| k.fingerprint == f)
            .ok_or_else(|| Error::NotFound {
                what: "trusted key",
                id: f,
            })
    }

    /// Withdraws the trust in `fingerprint`, named or only pinned: from now on a review signed
    /// by it is refused, also for the applications it was pinned for (returned), until it is
    /// trusted again with [`Store::trust_key`]. `not_found` for a key not known here,
    /// `invalid_input` for one already untrusted.
    pub fn untrust_key(&mut self, fingerprint_: &str, stamp: &Stamp) -> Result<Vec<KeyUse>> {
        let f = fingerprint(fingerprint_)?;
        let key = self
            .trusted_keys()?
            .into_iter()
            .find(|k| k.fingerprint == f)
            .ok_or_else(|| Error::NotFound {
                what: "trusted key",
                id: f.clone(),
            })?;
        if let Some(at) = key.untrusted_at {
            return Err(Error::invalid(format!(
                "key {f} is already untrusted (since {})",
                at.format("%Y-%m-%d")
            )));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE trusted_keys SET name = '', trusted_at = NULL, trusted_by = NULL, untrusted_at = ?2
                 WHERE fingerprint = ?1",
                params![f, ts(stamp.at)],
            )?;
            Ok(())
        })?;
        Ok(key.used_for)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn fingerprints_are_sixteen_lowercase_hex_digits() {
        assert!(is_fingerprint("0123456789abcdef"));
        assert!(!is_fingerprint("0123456789ABCDEF"));
        assert!(!is_fingerprint("0123456789abcde"));
        assert_eq!(
            fingerprint(" 0123456789ABCDEF ").unwrap(),
            "0123456789abcdef"
        );
        assert!(fingerprint("zz").is_err());
    }

    #[test]
    fn trust_rename_list_and_untrust() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("db.sqlite")).unwrap();
        let stamp = Stamp::now("tester");
        assert!(s.trusted_keys().unwrap().is_empty());
        let k = s
            .trust_key("00112233445566aa", "Customs, Mombasa", &stamp)
            .unwrap();
        assert_eq!(k.name, "Customs, Mombasa");
        assert!(k.first_used.is_none() && k.used_for.is_empty());
        s.trust_key("00112233445566AA", "Customs, Nairobi", &stamp)
            .unwrap();
        let all = s.trusted_keys().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "Customs, Nairobi");
        assert_eq!(
            s.trust_key("00112233445566aa", "  ", &stamp)
                .unwrap_err()
                .code(),
            crate::ErrorCode::InvalidInput
        );
        assert!(
            s.untrust_key("00112233445566aa", &stamp)
                .unwrap()
                .is_empty()
        );
        let all = s.trusted_keys().unwrap();
        assert!(all[0].untrusted_at.is_some() && all[0].name.is_empty());
        assert_eq!(
            s.untrust_key("00112233445566aa", &stamp)
                .unwrap_err()
                .code(),
            crate::ErrorCode::InvalidInput
        );
        assert_eq!(
            s.untrust_key("00112233445566bb", &stamp)
                .unwrap_err()
                .code(),
            crate::ErrorCode::NotFound
        );
        s.trust_key("00112233445566aa", "Customs, Nairobi", &stamp)
            .unwrap();
        assert!(s.trusted_keys().unwrap()[0].untrusted_at.is_none());
    }
}
