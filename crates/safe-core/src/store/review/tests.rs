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
fn schema_8_gives_each_application_its_tiers_and_schema_10_each_remark_a_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE application_history;
             ALTER TABLE received_remarks DROP COLUMN due_on; ALTER TABLE review_remarks DROP COLUMN due_on;
             ALTER TABLE applications DROP COLUMN remark_days;
             ALTER TABLE trusted_keys DROP COLUMN untrusted_at;
             ALTER TABLE applications DROP COLUMN tiers; PRAGMA user_version = 7;
             INSERT INTO packs (id, version, json, sha256, added_at) VALUES ('p', '1', '{}', '', '');",
        )
        .unwrap();
        schema_7_application(&c, "a1", Some(r#"["aeoc"]"#));
        schema_7_application(&c, "a2", None);
        c.execute(
            "INSERT INTO review_remarks (application_id, number, item_id, kind, text, state, raised_in, at, by)
             VALUES ('a1', 1, 'EU.5.01', 'query', 'Who signed it?', 'open', 1, '2026-01-05T10:00:00.000000Z', 'V')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let a1 = s.application("a1").unwrap();
    assert_eq!(a1.tiers, ["aeoc"]);
    assert!(s.application("a2").unwrap().tiers.is_empty());
    // Schema 10: 30 days to answer, and an existing remark due 30 days after it was raised.
    assert_eq!(a1.remark_days, 30);
    assert_eq!(
        s.remarks_by_item("a1").unwrap()["EU.5.01"][0].due,
        chrono::NaiveDate::from_ymd_opt(2026, 2, 4)
    );
}
