use chrono::{Duration, TimeZone};

use super::*;
use crate::catalogue::{Library, Profile};
use crate::model::{AnswerInput, NewAssessment, Stamp, Status};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid time")
}

fn stamp(minutes: i64) -> Stamp {
    Stamp {
        at: t0() + Duration::minutes(minutes),
        by: "Ana".into(),
    }
}

fn lib() -> Library {
    Library::builtin().expect("built-in packs load")
}

fn trader(store: &mut Store, id: &str) -> crate::model::Assessment {
    let new = NewAssessment {
        title: " Forwarder 2026 ".into(),
        profile: Some(Profile::Trader),
        roles: vec!["freight-forwarder".into()],
        organisation: "Acme Logistics".into(),
        country: "ke".into(),
        ..Default::default()
    };
    store
        .create_assessment(&lib(), &new, id, &stamp(0))
        .expect("create trader assessment")
}

/// An item of the trader pack that applies to freight forwarders and is (not) mandatory.
fn item(store: &Store, a: &crate::model::Assessment, mandatory: bool) -> String {
    let pack = store
        .pack(&a.pack_id, &a.pack_version)
        .expect("pinned pack");
    pack.items()
        .into_iter()
        .find(|i| i.mandatory == mandatory && i.applies_to(&a.roles))
        .map(|i| i.id.clone())
        .expect("the trader pack has such an item")
}

#[test]
fn create_cleans_input_and_pins_the_pack() {
    let mut s = Store::open_in_memory().expect("open");
    let a = trader(&mut s, "0a1b2c3d-0000-4000-8000-000000000001");
    assert_eq!(a.title, "Forwarder 2026");
    assert_eq!(a.country, "KE");
    assert_eq!(
        a.pack_id, "safe2025-aeo",
        "new assessments start on the current edition"
    );
    assert_eq!(s.resolve("0a1b2c").expect("prefix resolves"), a.id);
    assert!(
        matches!(s.resolve("0a1"), Err(Error::NotFound { .. })),
        "too short a prefix"
    );
    let listed = s.list_assessments().expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].answered, 0);
    assert!(listed[0].applicable > 0);
}

#[test]
fn create_refuses_bad_details() {
    let mut s = Store::open_in_memory().expect("open");
    let base = NewAssessment {
        title: "T".into(),
        profile: Some(Profile::Trader),
        roles: vec!["importer".into()],
        ..Default::default()
    };
    let cases = [
        (
            NewAssessment {
                roles: vec![],
                ..base.clone()
            },
            "at least one role",
        ),
        (
            NewAssessment {
                roles: vec!["pirate".into()],
                ..base.clone()
            },
            "unknown role 'pirate'",
        ),
        (
            NewAssessment {
                title: "  ".into(),
                ..base.clone()
            },
            "title is empty",
        ),
        (
            NewAssessment {
                country: "Kenya".into(),
                ..base.clone()
            },
            "'Kenya'",
        ),
        (
            NewAssessment {
                profile: Some(Profile::Customs),
                ..base.clone()
            },
            "roles apply to trader",
        ),
        (
            NewAssessment {
                profile: None,
                ..base.clone()
            },
            "choose a profile",
        ),
    ];
    for (new, expected) in cases {
        let err = s
            .create_assessment(&lib(), &new, "id-1", &stamp(0))
            .expect_err(expected);
        assert!(
            err.to_string().contains(expected),
            "'{err}' should contain '{expected}'"
        );
        assert!(err.is_user_error());
    }
    assert!(
        s.list_assessments().expect("list").is_empty(),
        "nothing was written"
    );
}

#[test]
fn answers_keep_history_and_refuse_bad_not_applicable() {
    let mut s = Store::open_in_memory().expect("open");
    let a = trader(&mut s, "a1");
    let optional = item(&s, &a, false);
    let mandatory = item(&s, &a, true);

    let err = s
        .save_answer(
            &a.id,
            &mandatory,
            &AnswerInput {
                justification: "n/a".into(),
                ..AnswerInput::status(Status::NotApplicable)
            },
            &stamp(1),
        )
        .expect_err("mandatory item cannot be N/A");
    assert!(err.to_string().contains("mandatory"));
    let err = s
        .save_answer(
            &a.id,
            &optional,
            &AnswerInput::status(Status::NotApplicable),
            &stamp(1),
        )
        .expect_err("N/A needs a justification");
    assert!(err.to_string().contains("justification"));
    assert!(
        s.answers(&a.id).expect("answers").is_empty(),
        "refused answers leave nothing"
    );

    s.save_answer(
        &a.id,
        &optional,
        &AnswerInput::status(Status::NotMet),
        &stamp(2),
    )
    .expect("save");
    let second = AnswerInput {
        comment: "<script>alert(1)</script>".into(),
        owner: " Bo ".into(),
        ..AnswerInput::status(Status::Met)
    };
    let saved = s
        .save_answer(&a.id, &optional, &second, &stamp(3))
        .expect("save again");
    assert_eq!(saved.input.owner, "Bo", "owner trimmed");
    assert_eq!(
        saved.input.comment, "<script>alert(1)</script>",
        "text stored unchanged"
    );
    // Saving the same again records nothing new.
    s.save_answer(&a.id, &optional, &saved.input, &stamp(4))
        .expect("same again");
    s.clear_answer(&a.id, &optional, &stamp(5)).expect("clear");

    let h = s.history(&a.id, Some(&optional)).expect("history");
    let actions: Vec<&str> = h.iter().map(|e| e.action()).collect();
    assert_eq!(actions, ["answer", "answer", "clear"]);
    let before =
        |e: &crate::history::HistoryEntry| e.change.answers().and_then(|(old, _)| old.cloned());
    assert_eq!(before(&h[1]).map(|o| o.status), Some(Status::NotMet));
    assert_eq!(
        before(&h[2]).map(|o| o.comment).as_deref(),
        Some("<script>alert(1)</script>"),
        "cleared text kept in history"
    );
    assert_eq!(h[1].by, "Ana");
    assert_eq!(s.assessment(&a.id).expect("a").updated_at, stamp(5).at);
}

#[test]
fn unknown_and_inapplicable_items_are_refused() {
    let mut s = Store::open_in_memory().expect("open");
    let a = trader(&mut s, "a1");
    let err = s
        .save_answer(
            &a.id,
            "AEO.Z.99",
            &AnswerInput::status(Status::Met),
            &stamp(1),
        )
        .expect_err("unknown");
    assert_eq!(err.code(), "not_found");
    let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
    if let Some(other) = pack.items().into_iter().find(|i| !i.applies_to(&a.roles)) {
        let err = s
            .save_answer(
                &a.id,
                &other.id,
                &AnswerInput::status(Status::Met),
                &stamp(1),
            )
            .expect_err("not for forwarders");
        assert!(err.to_string().contains("does not apply"), "{err}");
    }
    let err = s
        .save_answer(
            "nope",
            "AEO.A.01",
            &AnswerInput::status(Status::Met),
            &stamp(1),
        )
        .expect_err("no assessment");
    assert_eq!(err.to_string(), "assessment 'nope' not found");
}

#[test]
fn evidence_is_stored_once_and_linked_to_items() {
    let mut s = Store::open_in_memory().expect("open");
    let a = trader(&mut s, "a1");
    let i1 = item(&s, &a, true);
    let i2 = item(&s, &a, false);
    let file = EvidenceFile {
        file_name: "policy.pdf".into(),
        bytes: b"%PDF-1.7 policy".to_vec(),
    };
    let err = s
        .add_evidence(&a.id, &i1, &file, Validity::default(), &stamp(1))
        .expect_err("unanswered");
    assert!(err.to_string().contains("not answered yet"));
    for i in [&i1, &i2] {
        s.save_answer(&a.id, i, &AnswerInput::status(Status::Met), &stamp(1))
            .expect("answer");
    }
    let bad = Validity {
        effective: NaiveDate::from_ymd_opt(2026, 5, 1),
        expires: NaiveDate::from_ymd_opt(2026, 1, 1),
    };
    assert!(
        s.add_evidence(&a.id, &i1, &file, bad, &stamp(2)).is_err(),
        "expiry before effective"
    );
    let valid = Validity {
        effective: None,
        expires: NaiveDate::from_ymd_opt(2027, 1, 1),
    };
    s.add_evidence(&a.id, &i1, &file, valid, &stamp(2))
        .expect("attach");
    let e = s
        .add_evidence(&a.id, &i2, &file, Validity::default(), &stamp(3))
        .expect("attach again");
    assert_eq!(e.items.len(), 2, "one file, two items");
    assert_eq!(
        e.expires,
        NaiveDate::from_ymd_opt(2027, 1, 1),
        "earlier dates kept"
    );
    assert_eq!(e.media_type, "application/pdf");
    assert_eq!(e.size, 15);
    assert_eq!(s.evidence(&a.id).expect("list").len(), 1);
    assert_eq!(
        s.evidence_content(&a.id, &e.sha256).expect("content"),
        file.bytes
    );
    assert_eq!(
        s.answer(&a.id, &i1)
            .expect("read")
            .expect("answered")
            .evidence,
        vec![e.sha256.clone()]
    );
    s.remove_evidence(&a.id, &i1, &e.sha256, &stamp(4))
        .expect("detach");
    assert_eq!(s.evidence(&a.id).expect("list")[0].items, vec![i2.clone()]);
}

#[test]
fn duplicate_carries_answers_over_until_confirmed_and_delete_is_reversible() {
    let mut s = Store::open_in_memory().expect("open");
    let a = trader(&mut s, "a1");
    let i = item(&s, &a, true);
    let ans = AnswerInput {
        comment: "done".into(),
        ..AnswerInput::status(Status::Met)
    };
    s.save_answer(&a.id, &i, &ans, &stamp(1)).expect("answer");
    s.add_evidence(
        &a.id,
        &i,
        &EvidenceFile {
            file_name: "x.txt".into(),
            bytes: b"x".to_vec(),
        },
        Validity::default(),
        &stamp(1),
    )
    .expect("evidence");
    let b = s
        .duplicate_assessment(&a.id, "b1", "Forwarder 2027", &stamp(60))
        .expect("duplicate");
    assert_eq!(b.based_on.as_deref(), Some("a1"));
    let copied = s.answer(&b.id, &i).expect("read").expect("copied");
    assert!(copied.carried_over);
    assert_eq!(copied.evidence.len(), 1, "evidence links copied");
    s.save_answer(&b.id, &i, &ans, &stamp(61)).expect("confirm");
    assert!(
        !s.answer(&b.id, &i)
            .expect("read")
            .expect("answer")
            .carried_over
    );
    assert_eq!(
        s.history(&b.id, Some(&i)).expect("h")[0].action(),
        "confirm"
    );

    s.delete_assessment(&a.id, &stamp(62)).expect("delete");
    assert_eq!(s.list_assessments().expect("list").len(), 1);
    assert!(s.assessment(&a.id).is_err());
    s.restore_assessment(&a.id, &stamp(63)).expect("restore");
    assert_eq!(
        s.answers(&a.id).expect("answers").len(),
        1,
        "answers survive the bin"
    );
}

#[test]
fn files_that_are_not_our_database_are_refused_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "hello, these are my notes").expect("write");
    let err = Store::open(&text).expect_err("text file");
    assert_eq!(err.code(), "database_damaged");
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "hello, these are my notes"
    );

    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);"))
        .expect("other db");
    let err = Store::open(&other).expect_err("another program's database");
    assert!(err.to_string().contains("another program"), "{err}");

    let newer = dir.path().join("newer.sqlite");
    Store::open(&newer).expect("create");
    Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump");
    let err = Store::open(&newer).expect_err("newer schema");
    assert_eq!(err.code(), "database_too_new");
    assert!(err.to_string().contains("schema 99"), "{err}");
}

#[test]
fn damaged_pages_are_detected_at_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite");
    {
        let mut s = Store::open(&path).expect("create");
        let a = trader(&mut s, "a1");
        let i = item(&s, &a, false);
        for n in 0..200 {
            s.save_answer(
                &a.id,
                &i,
                &AnswerInput {
                    comment: format!("comment {n} {}", "x".repeat(500)),
                    ..AnswerInput::status(Status::Met)
                },
                &stamp(n),
            )
            .expect("save");
        }
        s.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
    }
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 6)] {
        *b = 0xAB;
    }
    std::fs::write(&path, &bytes).expect("damage");
    let err = Store::open(&path).expect_err("damaged file");
    assert_eq!(err.code(), "database_damaged", "{err}");
    let aside = set_aside(&path, "damaged", t0()).expect("set aside");
    assert!(
        aside.exists() && !path.exists(),
        "the damaged file is kept aside, not deleted"
    );
}

#[test]
fn upgrading_a_schema_1_database_matches_a_fresh_one_and_backs_up_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.sqlite");
    let items = {
        let mut c = Connection::open(&old).expect("open");
        Migrations::from_slice(&MIGRATIONS[..1])
            .to_latest(&mut c)
            .expect("schema 1");
        let customs = lib().default_for(Profile::Customs).cloned().expect("pack");
        let json = serde_json::to_string(&customs).expect("json");
        c.execute(
            "INSERT INTO packs VALUES (?1, ?2, ?3, 'x', '2025-01-01T00:00:00.000000Z')",
            rusqlite::params![customs.id, customs.version, json],
        )
        .expect("pack");
        c.execute_batch(&format!(
            "INSERT INTO assessments (id, title, profile, pack_id, pack_version, created_at, updated_at)
               VALUES ('a', 'Old', 'customs', '{}', '{}', '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z');
             INSERT INTO answers (assessment_id, item_id, status, updated_at, updated_by)
               VALUES ('a', 'X.1', 'met', '2025-01-01T00:00:00.000000Z', 'me'),
                      ('a', '{}', 'met', '2025-01-01T00:00:00.000000Z', 'me');",
            customs.id,
            customs.version,
            customs.items()[0].id
        ))
        .expect("old data");
        customs.items().len()
    };
    let upgraded = Store::open(&old).expect("upgrade");
    let fresh = Store::open(&dir.path().join("fresh.sqlite")).expect("fresh");
    let schema = |s: &Store| -> Vec<String> {
        let mut st = s
            .conn
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .expect("prepare");
        st.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    };
    assert_eq!(
        schema(&upgraded),
        schema(&fresh),
        "upgraded schema equals a fresh one"
    );
    let carried: bool = upgraded
        .conn
        .query_row("SELECT carried_over FROM answers", [], |r| r.get(0))
        .expect("row");
    assert!(
        !carried,
        "old answers keep their data with the new column's default"
    );
    let line = &upgraded.list_assessments().expect("list")[0];
    assert_eq!(
        (line.applicable, line.answered),
        (items, 1),
        "the progress summary is backfilled; an answer to an unknown item does not count"
    );
    let backups = list_backups(&old).expect("backups");
    assert_eq!(backups.len(), 1, "one backup before the migration");
    assert!(backups[0].label.ends_with("before-schema-2"));
}

#[test]
fn backups_are_daily_pruned_and_restorable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite");
    let mut s = Store::open(&path).expect("open");
    trader(&mut s, "a1");
    assert!(s.backup_if_due(t0()).expect("first").is_some());
    assert!(
        s.backup_if_due(t0() + Duration::hours(2))
            .expect("same day")
            .is_none()
    );
    for d in 1..=(KEEP_BACKUPS as i64 + 3) {
        s.backup("manual", t0() + Duration::days(d))
            .expect("backup");
    }
    let list = list_backups(&path).expect("list");
    assert_eq!(list.len(), KEEP_BACKUPS);
    let newest = list[0].path.clone();
    trader(&mut s, "a2");
    drop(s);
    let aside = restore(&path, &newest, t0() + Duration::days(40))
        .expect("restore")
        .expect("old db set aside");
    assert!(aside.exists());
    let s = Store::open(&path).expect("reopen");
    assert_eq!(
        s.list_assessments().expect("list").len(),
        1,
        "state of the backup"
    );
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, "junk").expect("write");
    assert!(
        restore(&path, &junk, t0()).is_err(),
        "a broken backup is refused"
    );
    assert!(path.exists(), "and the database stays in place");
}

#[test]
fn a_full_disk_during_a_save_is_a_clear_error_and_keeps_the_earlier_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open(&dir.path().join("db.sqlite")).expect("open");
    let a = trader(&mut s, "a1");
    let i = item(&s, &a, false);
    s.save_answer(
        &a.id,
        &i,
        &AnswerInput {
            comment: "before".into(),
            ..AnswerInput::status(Status::Met)
        },
        &stamp(1),
    )
    .expect("save");
    // SQLite reports SQLITE_FULL exactly as on a full disk once the file may not grow further.
    let pages: i64 = s
        .conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    s.conn
        .pragma_update(None, "max_page_count", pages)
        .expect("cap");
    let big = AnswerInput {
        comment: "x".repeat(200_000),
        ..AnswerInput::status(Status::NotMet)
    };
    let err = s
        .save_answer(&a.id, &i, &big, &stamp(2))
        .expect_err("no room");
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(!err.is_user_error());
    let kept = s.answer(&a.id, &i).expect("read").expect("still answered");
    assert_eq!(
        (kept.input.status, kept.input.comment.as_str()),
        (Status::Met, "before")
    );
    assert_eq!(
        s.history(&a.id, Some(&i)).expect("history").len(),
        1,
        "no half-written history"
    );
}

#[test]
fn hostile_text_is_stored_exactly_as_typed() {
    let mut s = Store::open_in_memory().expect("open");
    let a = trader(&mut s, "a1");
    let i = item(&s, &a, false);
    let nasty = [
        "<script>alert(1)</script>",
        "#set text(red) *bold* $x$ \\ `raw`",
        "=cmd|' /C calc'!A0",
        "مرحبا بالعالم \u{202E}txt.exe",
        "tab\tnew\nline\r\u{0007}bell\u{0000}nul",
        &"long ".repeat(20_000),
    ];
    for (n, text) in nasty.iter().enumerate() {
        let input = AnswerInput {
            comment: text.to_string(),
            owner: text.to_string(),
            ..AnswerInput::status(Status::Met)
        };
        let saved = s
            .save_answer(&a.id, &i, &input, &stamp(n as i64))
            .expect("save");
        assert_eq!(saved.input.comment, *text, "comment {n} unchanged");
        assert_eq!(saved.input.owner, text.trim(), "owner {n} only trimmed");
    }
}
