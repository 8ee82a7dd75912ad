//! Assessments: create, look up, list, edit, delete (to the bin) and duplicate.

use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::history::record;
use super::{Store, parse_ts, progress, ts};
use crate::catalogue::{Library, Pack, Profile};
use crate::history::Change;
use crate::model::{Assessment, NewAssessment, Stamp};
use crate::{Error, Result};

/// A line of the assessment list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssessmentSummary {
    /// The assessment.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// Applicable items.
    pub applicable: usize,
    /// Answered applicable items.
    pub answered: usize,
    /// 0 to 100.
    pub completion: f64,
}

/// An assessment in the bin (deleted, not yet gone): restored with
/// [`Store::restore_assessment`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeletedAssessment {
    /// The assessment as it was.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// When it was moved to the bin.
    pub deleted_at: chrono::DateTime<chrono::Utc>,
}

const COLUMNS: &str = "id, title, profile, roles, organisation, country, identifiers, assessors, \
                       scope, pack_id, pack_version, created_at, updated_at, based_on, tiers";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Assessment> {
    let profile: String = r.get(2)?;
    let roles: String = r.get(3)?;
    Ok(Assessment {
        id: r.get(0)?,
        title: r.get(1)?,
        profile: if profile == "customs" {
            Profile::Customs
        } else {
            Profile::Trader
        },
        roles: serde_json::from_str(&roles).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?,
        organisation: r.get(4)?,
        country: r.get(5)?,
        identifiers: r.get(6)?,
        assessors: r.get(7)?,
        scope: r.get(8)?,
        pack_id: r.get(9)?,
        pack_version: r.get(10)?,
        created_at: parse_ts(&r.get::<_, String>(11)?)?,
        updated_at: parse_ts(&r.get::<_, String>(12)?)?,
        based_on: r.get(13)?,
        tiers: serde_json::from_str(&r.get::<_, String>(14)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(14, rusqlite::types::Type::Text, Box::new(e))
        })?,
    })
}

/// Checks what a user typed for an assessment and returns it cleaned (trimmed, country upper-case).
fn validate(lib: &Library, new: &NewAssessment, profile: Profile) -> Result<NewAssessment> {
    let mut n = new.clone();
    for f in [
        &mut n.title,
        &mut n.organisation,
        &mut n.country,
        &mut n.identifiers,
        &mut n.assessors,
        &mut n.scope,
    ] {
        *f = f.trim().to_string();
    }
    if n.title.is_empty() {
        return Err(Error::invalid(
            "the title is empty: give the assessment a title",
        ));
    }
    n.country = n.country.to_ascii_uppercase();
    if !n.country.is_empty()
        && (n.country.len() != 2 || !n.country.chars().all(|c| c.is_ascii_uppercase()))
    {
        return Err(Error::invalid(format!(
            "country '{}' is not an ISO 3166-1 alpha-2 code (two letters, e.g. KE)",
            new.country.trim()
        )));
    }
    n.roles.sort();
    n.roles.dedup();
    for r in &n.roles {
        if !lib.roles().iter().any(|k| &k.id == r) {
            let known: Vec<&str> = lib.roles().iter().map(|k| k.id.as_str()).collect();
            return Err(Error::invalid(format!(
                "unknown role '{r}': use one of {}",
                known.join(", ")
            )));
        }
    }
    match profile {
        Profile::Trader if n.roles.is_empty() => Err(Error::invalid(
            "a trader assessment needs at least one role (e.g. --role importer)",
        )),
        Profile::Customs if !n.roles.is_empty() => Err(Error::invalid(
            "roles apply to trader assessments only; a customs assessment has none",
        )),
        _ => Ok(n),
    }
}

impl Store {
    /// Creates an assessment on the current version of a pack from `lib`, pinning that version.
    pub fn create_assessment(
        &mut self,
        lib: &Library,
        new: &NewAssessment,
        id: &str,
        stamp: &Stamp,
    ) -> Result<Assessment> {
        let (a, pack) = prepare(lib, new, id, stamp)?;
        self.write(|tx| {
            insert_new(tx, pack, &a, stamp)?;
            progress::recount(tx, pack, &a)
        })?;
        Ok(a)
    }

    /// Resolves a full id or a unique prefix (at least 4 characters) to an assessment id.
    pub fn resolve(&self, id_or_prefix: &str) -> Result<String> {
        let needle = id_or_prefix.trim();
        let not_found = || Error::NotFound {
            what: "assessment",
            id: needle.to_string(),
        };
        if needle.len() < 4 || !needle.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(not_found());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM assessments WHERE deleted_at IS NULL AND substr(id, 1, length(?1)) = ?1 LIMIT 2",
        )?;
        let ids: Vec<String> = stmt
            .query_map([needle.to_ascii_lowercase()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(not_found()),
            _ => Err(Error::Ambiguous(needle.to_string())),
        }
    }

    /// An assessment by exact id (not deleted).
    pub fn assessment(&self, id: &str) -> Result<Assessment> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM assessments WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "assessment",
                id: id.to_string(),
            })
    }

    /// All assessments that are not deleted, most recently changed first, with their completion
    /// (read from the progress summary kept with every change, not from the answers).
    pub fn list_assessments(&self) -> Result<Vec<AssessmentSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, p.applicable, p.answered FROM assessments
             JOIN progress p ON p.assessment_id = assessments.id
             WHERE deleted_at IS NULL ORDER BY updated_at DESC"
        ))?;
        let list = stmt
            .query_map([], |r| {
                let applicable = r.get::<_, u32>(15)? as usize;
                let answered = r.get::<_, u32>(16)? as usize;
                let completion = if applicable == 0 {
                    100.0
                } else {
                    100.0 * answered as f64 / applicable as f64
                };
                Ok(AssessmentSummary {
                    assessment: from_row(r)?,
                    applicable,
                    answered,
                    completion,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Changes an assessment's details (title, organisation, roles, ...). The profile and pinned
    /// pack do not change. Removing a role keeps the answers of items that no longer apply.
    pub fn update_assessment(
        &mut self,
        lib: &Library,
        id: &str,
        details: &NewAssessment,
        stamp: &Stamp,
    ) -> Result<Assessment> {
        let old = self.assessment(id)?;
        let n = validate(lib, details, old.profile)?;
        // A change of roles changes which items apply: the progress summary is counted again.
        let recount_on = if n.roles != old.roles {
            Some(self.pack(&old.pack_id, &old.pack_version)?)
        } else {
            None
        };
        let new = Assessment {
            title: n.title,
            roles: n.roles,
            organisation: n.organisation,
            country: n.country,
            identifiers: n.identifiers,
            assessors: n.assessors,
            scope: n.scope,
            updated_at: stamp.at,
            ..old.clone()
        };
        self.write(|tx| {
            tx.execute(
                "UPDATE assessments SET title = ?2, roles = ?3, organisation = ?4, country = ?5,
                 identifiers = ?6, assessors = ?7, scope = ?8, updated_at = ?9 WHERE id = ?1",
                params![
                    new.id,
                    new.title,
                    serde_json::to_string(&new.roles).unwrap_or_else(|_| "[]".into()),
                    new.organisation,
                    new.country,
                    new.identifiers,
                    new.assessors,
                    new.scope,
                    ts(stamp.at)
                ],
            )?;
            if let Some(pack) = &recount_on {
                progress::recount(tx, pack, &new)?;
            }
            let details = Change::Details {
                old: old.clone(),
                new: new.clone(),
            };
            record(tx, id, "", &details, stamp)
        })?;
        Ok(new)
    }

    /// Moves an assessment to the bin. Nothing is erased: [`Store::restore_assessment`] brings it back.
    pub fn delete_assessment(&mut self, id: &str, stamp: &Stamp) -> Result<()> {
        let old = self.assessment(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE assessments SET deleted_at = ?2 WHERE id = ?1",
                params![id, ts(stamp.at)],
            )?;
            record(
                tx,
                id,
                "",
                &Change::Delete {
                    assessment: old.clone(),
                },
                stamp,
            )
        })
    }

    /// Brings a deleted assessment back.
    pub fn restore_assessment(&mut self, id: &str, stamp: &Stamp) -> Result<Assessment> {
        let n = self.write(|tx| {
            let n = tx.execute(
                "UPDATE assessments SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
            )?;
            if n == 1 {
                record(tx, id, "", &Change::Restore, stamp)?;
            }
            Ok(n)
        })?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "deleted assessment",
                id: id.to_string(),
            });
        }
        self.assessment(id)
    }

    /// Deleted assessments (the bin), most recently deleted first.
    pub fn deleted_assessments(&self) -> Result<Vec<DeletedAssessment>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, deleted_at FROM assessments WHERE deleted_at IS NOT NULL
             ORDER BY deleted_at DESC"
        ))?;
        let v = stmt
            .query_map([], |r| {
                Ok(DeletedAssessment {
                    assessment: from_row(r)?,
                    deleted_at: parse_ts(&r.get::<_, String>(15)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Starts a re-assessment: a new assessment with the same details and pack, every answer and
    /// evidence link copied and marked carried over until a user confirms or changes it.
    pub fn duplicate_assessment(
        &mut self,
        id: &str,
        new_id: &str,
        title: &str,
        stamp: &Stamp,
    ) -> Result<Assessment> {
        let old = self.assessment(id)?;
        let pack = self.pack(&old.pack_id, &old.pack_version)?;
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::invalid(
                "the title is empty: give the re-assessment a title",
            ));
        }
        let a = Assessment {
            id: new_id.to_string(),
            title: title.to_string(),
            created_at: stamp.at,
            updated_at: stamp.at,
            based_on: Some(old.id.clone()),
            ..old.clone()
        };
        self.write(|tx| {
            insert(tx, &a)?;
            tx.execute(
                "INSERT INTO answers (assessment_id, item_id, status, justification, comment, owner,
                   target_date, priority, flagged, updated_at, updated_by, carried_over)
                 SELECT ?2, item_id, status, justification, comment, owner, target_date, priority,
                   flagged, updated_at, updated_by, 1 FROM answers WHERE assessment_id = ?1",
                params![old.id, a.id],
            )?;
            tx.execute(
                "INSERT INTO evidence (assessment_id, sha256, file_name, media_type, added_at, added_by, effective, expires)
                 SELECT ?2, sha256, file_name, media_type, added_at, added_by, effective, expires
                 FROM evidence WHERE assessment_id = ?1",
                params![old.id, a.id],
            )?;
            tx.execute(
                "INSERT INTO evidence_links (evidence_id, item_id)
                 SELECT n.id, l.item_id FROM evidence o
                 JOIN evidence_links l ON l.evidence_id = o.id
                 JOIN evidence n ON n.assessment_id = ?2 AND n.sha256 = o.sha256
                 WHERE o.assessment_id = ?1",
                params![old.id, a.id],
            )?;
            progress::recount(tx, &pack, &a)?;
            let copy = Change::Duplicate {
                from: old.clone(),
                to: a.clone(),
            };
            record(tx, &a.id, "", &copy, stamp)
        })?;
        Ok(a)
    }
}

/// Checks what a user filled in for a new assessment and resolves its pack (the one named, or
/// the profile's default): the assessment to insert, not yet written.
pub(super) fn prepare<'a>(
    lib: &'a Library,
    new: &NewAssessment,
    id: &str,
    stamp: &Stamp,
) -> Result<(Assessment, &'a Pack)> {
    let profile = new
        .profile
        .ok_or_else(|| Error::invalid("choose a profile: customs or trader"))?;
    let n = validate(lib, new, profile)?;
    let pack = match &n.pack_id {
        Some(pid) => lib.get(pid).ok_or_else(|| Error::NotFound {
            what: "catalogue pack",
            id: pid.clone(),
        })?,
        None => lib.default_for(profile).ok_or_else(|| {
            Error::invalid(format!(
                "no catalogue pack for the {} profile",
                profile.slug()
            ))
        })?,
    };
    if pack.profile != profile {
        return Err(Error::invalid(format!(
            "pack '{}' is for the {} profile, not {}",
            pack.id,
            pack.profile.slug(),
            profile.slug()
        )));
    }
    let tiers = pack.choose_tiers(&n.tiers)?;
    let a = Assessment {
        id: id.to_string(),
        title: n.title,
        profile,
        roles: n.roles,
        organisation: n.organisation,
        country: n.country,
        identifiers: n.identifiers,
        assessors: n.assessors,
        scope: n.scope,
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        created_at: stamp.at,
        updated_at: stamp.at,
        based_on: None,
        tiers,
    };
    Ok((a, pack))
}

/// Writes a new assessment on `pack` (pinned) with its `create` history entry.
pub(super) fn insert_new(
    tx: &Transaction<'_>,
    pack: &Pack,
    a: &Assessment,
    stamp: &Stamp,
) -> Result<()> {
    pin_pack(tx, pack, stamp)?;
    insert(tx, a)?;
    record(
        tx,
        &a.id,
        "",
        &Change::Create {
            assessment: a.clone(),
        },
        stamp,
    )
}

pub(super) fn insert(tx: &Transaction<'_>, a: &Assessment) -> Result<()> {
    tx.execute(
        "INSERT INTO assessments (id, title, profile, roles, organisation, country, identifiers,
           assessors, scope, pack_id, pack_version, created_at, updated_at, based_on, tiers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            a.id,
            a.title,
            a.profile.slug(),
            serde_json::to_string(&a.roles).unwrap_or_else(|_| "[]".into()),
            a.organisation,
            a.country,
            a.identifiers,
            a.assessors,
            a.scope,
            a.pack_id,
            a.pack_version,
            ts(a.created_at),
            ts(a.updated_at),
            a.based_on,
            serde_json::to_string(&a.tiers).unwrap_or_else(|_| "[]".into())
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::invalid(format!("an assessment with id '{}' already exists", a.id))
        }
        other => other.into(),
    })?;
    Ok(())
}

/// Stores the pack's JSON so the assessment keeps its version even after the app updates.
pub(super) fn pin_pack(tx: &Transaction<'_>, pack: &Pack, stamp: &Stamp) -> Result<()> {
    let json = serde_json::to_string(pack).map_err(|e| Error::invalid(e.to_string()))?;
    let sha = hex(&Sha256::digest(json.as_bytes()));
    tx.execute(
        "INSERT OR IGNORE INTO packs (id, version, json, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![pack.id, pack.version, json, sha, ts(stamp.at)],
    )?;
    Ok(())
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[path = "tiers_tests.rs"]
mod tiers_tests;
