#![allow(clippy::expect_used, clippy::unwrap_used)]

use rusqlite::Connection;

use crate::store::Store;

/// An application as schema 7 left it (no tiers column) with one submission whose assessment
/// chose `tiers` (the JSON of `assessment.tiers`, or nothing).
fn schema_7_application(c: &Connection, id: &str, tiers: Option<&str>) {
    let assessment = match tiers {
        Some(t) => format!(r#"{{"id":"o-{id}","tiers":{t}}}"#),
        None => format!(r#"{{"id":"o-{id}"}}"#),
    };
    c.execute(
        "INSERT INTO applications (id, origin_id, applicant, country, roles, pack_id, pack_version, state,
           submission, fingerprint, public_key, received_on, accept_days, decide_days, updated_at)
         VALUES (?1, 'o', 'Acme', 'FR', '[\"importer\"]', 'p', '1', 'received', 1, 'f', 'k', '2026-01-01',
           30, 120, '2026-01-01T00:00:00.000000Z')",
        [id],
    )
    .unwrap();
    c.execute(
        "INSERT INTO application_submissions (application_id, number, received_at, file_name, fingerprint,
           bundle, submission) VALUES (?1, 1, '2026-01-01T00:00:00.000000Z', 'f', 'f', ?2, '{}')",
        rusqlite::params![id, format!(r#"{{"assessment":{assessment}}}"#)],
    )
    .unwrap();
}

#[test]
fn schema_8_gives_each_application_the_tiers_of_its_last_submission() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "ALTER TABLE trusted_keys DROP COLUMN untrusted_at;
             ALTER TABLE applications DROP COLUMN tiers; PRAGMA user_version = 7;
             INSERT INTO packs (id, version, json, sha256, added_at) VALUES ('p', '1', '{}', '', '');",
        )
        .unwrap();
        schema_7_application(&c, "a1", Some(r#"["aeoc"]"#));
        schema_7_application(&c, "a2", None);
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.application("a1").unwrap().tiers, ["aeoc"]);
    assert!(s.application("a2").unwrap().tiers.is_empty());
}
