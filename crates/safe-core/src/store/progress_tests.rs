//! Tests of the progress summary: after every kind of change it equals a count made from the
//! answers themselves, and the schema 3 backfill of an old database gives the same numbers.

use chrono::{DateTime, Duration, TimeZone, Utc};

use rusqlite::Connection;

use crate::catalogue::{Library, Profile};
use crate::model::{Answer, AnswerInput, Assessment, NewAssessment, Stamp, Status};
use crate::store::{Side, Store};

fn stamp(minutes: i64) -> Stamp {
    let t0: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid time");
    Stamp {
        at: t0 + Duration::minutes(minutes),
        by: "Ana".into(),
    }
}

fn lib() -> Library {
    Library::builtin().expect("built-in packs")
}

fn new_trader(roles: &[&str]) -> NewAssessment {
    NewAssessment {
        title: "Trader".into(),
        profile: Some(Profile::Trader),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    }
}

fn create(s: &mut Store, id: &str, roles: &[&str]) -> Assessment {
    s.create_assessment(&lib(), &new_trader(roles), id, &stamp(0))
        .expect("create")
}

/// (applicable, answered) counted from the pack and the stored answers, as the list did before
/// the summary existed.
fn counted(s: &Store, id: &str) -> (usize, usize) {
    let a = s.assessment(id).expect("assessment");
    let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
    let applicable: Vec<&str> = pack
        .items()
        .into_iter()
        .filter(|i| i.applies_to(&a.roles))
        .map(|i| i.id.as_str())
        .collect();
    let answered = s
        .answers(id)
        .expect("answers")
        .iter()
        .filter(|x| applicable.contains(&x.item_id.as_str()))
        .count();
    (applicable.len(), answered)
}

/// The summary row as stored (also for deleted assessments).
fn stored(s: &Store, id: &str) -> (usize, usize) {
    s.conn
        .query_row(
            "SELECT applicable, answered FROM progress WHERE assessment_id = ?1",
            [id],
            |r| Ok((r.get::<_, u32>(0)? as usize, r.get::<_, u32>(1)? as usize)),
        )
        .expect("a progress row")
}

/// Every listed assessment's progress equals a fresh count, and every assessment has a row.
fn check(s: &Store) {
    for line in s.list_assessments().expect("list") {
        let id = &line.assessment.id;
        let (applicable, answered) = counted(s, id);
        assert_eq!(
            (line.applicable, line.answered),
            (applicable, answered),
            "{id}"
        );
        let completion = if applicable == 0 {
            100.0
        } else {
            100.0 * answered as f64 / applicable as f64
        };
        assert!((line.completion - completion).abs() < 1e-9, "{id}");
    }
    let missing: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM assessments WHERE id NOT IN (SELECT assessment_id FROM progress)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(missing, 0, "every assessment has a progress row");
}

/// The applicable item ids of an assessment, catalogue order.
fn applicable(s: &Store, a: &Assessment) -> Vec<String> {
    let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
    pack.items()
        .into_iter()
        .filter(|i| i.applies_to(&a.roles))
        .map(|i| i.id.clone())
        .collect()
}

fn met(comment: &str) -> AnswerInput {
    AnswerInput {
        comment: comment.into(),
        ..AnswerInput::status(Status::Met)
    }
}

#[test]
fn save_and_clear_move_the_answered_count_by_one() {
    let mut s = Store::open_in_memory().expect("open");
    let a = create(&mut s, "a1", &["freight-forwarder"]);
    let items = applicable(&s, &a);
    let total = items.len();
    assert_eq!(stored(&s, "a1"), (total, 0));
    s.save_answer("a1", &items[0], &met("one"), &stamp(1))
        .expect("save");
    assert_eq!(stored(&s, "a1"), (total, 1));
    s.save_answer("a1", &items[0], &met("changed"), &stamp(2))
        .expect("change");
    s.save_answer("a1", &items[0], &met("changed"), &stamp(3))
        .expect("same again");
    assert_eq!(
        stored(&s, "a1"),
        (total, 1),
        "changing an answer is not a new one"
    );
    s.save_answer("a1", &items[1], &met("two"), &stamp(4))
        .expect("save");
    assert_eq!(stored(&s, "a1"), (total, 2));
    s.clear_answer("a1", &items[0], &stamp(5)).expect("clear");
    s.clear_answer("a1", &items[0], &stamp(6))
        .expect("clear again");
    assert_eq!(stored(&s, "a1"), (total, 1), "clearing twice counts once");
    let refused = AnswerInput::status(Status::NotApplicable); // no justification
    assert!(s.save_answer("a1", &items[2], &refused, &stamp(7)).is_err());
    assert_eq!(
        stored(&s, "a1"),
        (total, 1),
        "a refused save changes nothing"
    );
    check(&s);
}

#[test]
fn delete_and_restore_keep_the_summary() {
    let mut s = Store::open_in_memory().expect("open");
    let a = create(&mut s, "a1", &["importer"]);
    let items = applicable(&s, &a);
    for (n, i) in items.iter().take(5).enumerate() {
        s.save_answer("a1", i, &met("x"), &stamp(n as i64))
            .expect("save");
    }
    let before = stored(&s, "a1");
    s.delete_assessment("a1", &stamp(10)).expect("delete");
    assert!(s.list_assessments().expect("list").is_empty());
    s.restore_assessment("a1", &stamp(11)).expect("restore");
    let line = &s.list_assessments().expect("list")[0];
    assert_eq!((line.applicable, line.answered), before);
    assert_eq!(before.1, 5);
    check(&s);
}

#[test]
fn duplicate_carries_the_counts_and_then_goes_its_own_way() {
    let mut s = Store::open_in_memory().expect("open");
    let a = create(&mut s, "a1", &["exporter", "carrier-sea"]);
    let items = applicable(&s, &a);
    for (n, i) in items.iter().take(7).enumerate() {
        s.save_answer("a1", i, &met("x"), &stamp(n as i64))
            .expect("save");
    }
    s.duplicate_assessment("a1", "b1", "Next year", &stamp(20))
        .expect("duplicate");
    assert_eq!(stored(&s, "b1"), stored(&s, "a1"));
    s.clear_answer("b1", &items[0], &stamp(21)).expect("clear");
    s.save_answer("b1", &items[1], &met("x"), &stamp(22))
        .expect("confirm a carried-over answer");
    assert_eq!(stored(&s, "b1").1, 6);
    assert_eq!(stored(&s, "a1").1, 7, "the original is untouched");
    check(&s);
}

#[test]
fn changing_roles_recounts_and_keeps_answers_of_items_that_no_longer_apply() {
    let mut s = Store::open_in_memory().expect("open");
    let both = create(&mut s, "a1", &["importer", "warehouse-keeper"]);
    let only_importer = Assessment {
        roles: vec!["importer".into()],
        ..both.clone()
    };
    let kept = applicable(&s, &only_importer);
    let dropped: Vec<String> = applicable(&s, &both)
        .into_iter()
        .filter(|i| !kept.contains(i))
        .collect();
    assert!(
        !dropped.is_empty(),
        "warehouse keepers have items of their own"
    );
    s.save_answer("a1", &kept[0], &met("x"), &stamp(1))
        .expect("save");
    s.save_answer("a1", &dropped[0], &met("x"), &stamp(2))
        .expect("save");
    assert_eq!(stored(&s, "a1").1, 2);
    let details = |roles: &[&str]| NewAssessment {
        title: "Trader".into(),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        ..Default::default()
    };
    s.update_assessment(&lib(), "a1", &details(&["importer"]), &stamp(3))
        .expect("drop a role");
    assert_eq!(stored(&s, "a1"), (kept.len(), 1));
    check(&s);
    s.update_assessment(
        &lib(),
        "a1",
        &details(&["importer", "warehouse-keeper"]),
        &stamp(4),
    )
    .expect("role back");
    assert_eq!(stored(&s, "a1").1, 2, "the kept answer counts again");
    check(&s);
}

#[test]
fn import_counts_only_answers_of_applicable_items() {
    let mut src = Store::open_in_memory().expect("open");
    let a = create(&mut src, "a1", &["importer", "warehouse-keeper"]);
    for (n, i) in applicable(&src, &a).iter().enumerate() {
        src.save_answer("a1", i, &met("x"), &stamp(n as i64))
            .expect("save");
    }
    let mut bundle = src.export_bundle("a1").expect("export");
    // A file may carry answers of items outside its roles (kept after a role was dropped).
    bundle.assessment.roles = vec!["importer".into()];
    let pack = src.pack(&a.pack_id, &a.pack_version).expect("pack");
    let mut dst = Store::open_in_memory().expect("open");
    dst.import_assessment(
        &pack,
        &bundle,
        "i1",
        &crate::history::tests::from_file("x", &[]),
        &stamp(100),
        &mut |_| Ok(None),
    )
    .expect("import");
    let (applicable, answered) = counted(&dst, "i1");
    assert_eq!(answered, applicable, "every importer item was answered");
    assert!(bundle.answers.len() > answered);
    assert_eq!(stored(&dst, "i1"), (applicable, answered));
    check(&dst);
}

#[test]
fn merge_adds_the_items_it_takes() {
    let mut s = Store::open_in_memory().expect("open");
    let a = create(&mut s, "a1", &["freight-forwarder"]);
    let items = applicable(&s, &a);
    s.save_answer("a1", &items[0], &met("mine"), &stamp(1))
        .expect("save");
    s.save_answer("a1", &items[1], &met("mine"), &stamp(2))
        .expect("save");
    s.duplicate_assessment("a1", "b1", "Other assessor", &stamp(3))
        .expect("copy");
    s.save_answer("b1", &items[1], &met("theirs"), &stamp(4))
        .expect("conflict");
    s.save_answer("b1", &items[2], &met("theirs"), &stamp(5))
        .expect("new");
    s.save_answer("b1", &items[3], &met("theirs"), &stamp(6))
        .expect("new");
    let incoming: Vec<Answer> = s.answers("b1").expect("answers");
    let report = s
        .apply_merge(
            "a1",
            &incoming,
            &[],
            &|_| Some(Side::Theirs),
            &crate::history::tests::from_file("x", &[]),
            &stamp(7),
            &mut |_| Ok(None),
        )
        .expect("merge");
    assert_eq!(report.taken.len(), 2);
    assert_eq!(report.chose_theirs, vec![items[1].clone()]);
    assert_eq!(stored(&s, "a1").1, 4);
    check(&s);
}

/// A fixed pseudo-random sequence of every kind of change, checked after each step.
#[test]
fn the_summary_matches_a_fresh_count_after_any_sequence_of_changes() {
    let mut s = Store::open_in_memory().expect("open");
    let roles: Vec<String> = lib().roles().iter().map(|r| r.id.clone()).collect();
    create(&mut s, "a0", &["importer"]);
    let customs = NewAssessment {
        title: "Customs".into(),
        profile: Some(Profile::Customs),
        ..Default::default()
    };
    s.create_assessment(&lib(), &customs, "c0", &stamp(0))
        .expect("customs");
    let mut ids = vec!["a0".to_string(), "c0".to_string()];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for step in 0..400i64 {
        let id = ids[next(ids.len())].clone();
        let a = s.assessment(&id).expect("assessment");
        let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
        let all: Vec<String> = pack.items().iter().map(|i| i.id.clone()).collect();
        let item = &all[next(all.len())];
        let at = stamp(step);
        // Refused changes (items outside the roles, mandatory not-applicable) are part of the test.
        let _ = match next(12) {
            0..=5 => {
                let status = [Status::Met, Status::PartiallyMet, Status::NotMet][next(3)];
                s.save_answer(&id, item, &AnswerInput::status(status), &at)
                    .map(drop)
            }
            6 => {
                let na = AnswerInput {
                    justification: "not our business".into(),
                    ..AnswerInput::status(Status::NotApplicable)
                };
                s.save_answer(&id, item, &na, &at).map(drop)
            }
            7 | 8 => s.clear_answer(&id, item, &at),
            9 if a.profile == Profile::Trader => {
                let mut pick: Vec<String> =
                    roles.iter().filter(|_| next(2) == 0).cloned().collect();
                if pick.is_empty() {
                    pick.push(roles[next(roles.len())].clone());
                }
                let details = NewAssessment {
                    title: a.title.clone(),
                    roles: pick,
                    ..Default::default()
                };
                s.update_assessment(&lib(), &id, &details, &at).map(drop)
            }
            10 => {
                let new_id = format!("d{step}");
                let r = s.duplicate_assessment(&id, &new_id, "Copy", &at).map(drop);
                ids.push(new_id);
                r
            }
            _ => s
                .delete_assessment(&id, &at)
                .and_then(|()| s.restore_assessment(&id, &at).map(drop)),
        };
        check(&s);
    }
}

/// A database with assessments of both profiles, answers of items outside the roles, a
/// duplicate and a deleted assessment.
fn varied(s: &mut Store) {
    let a = create(s, "a1", &["importer", "warehouse-keeper"]);
    for (n, i) in applicable(s, &a)
        .iter()
        .enumerate()
        .filter(|(n, _)| n % 3 != 0)
    {
        s.save_answer("a1", i, &met("x"), &stamp(n as i64))
            .expect("save");
    }
    let details = NewAssessment {
        title: "Trader".into(),
        roles: vec!["importer".into()],
        ..Default::default()
    };
    s.update_assessment(&lib(), "a1", &details, &stamp(500))
        .expect("drop a role");
    s.duplicate_assessment("a1", "b1", "Copy", &stamp(501))
        .expect("duplicate");
    let customs = NewAssessment {
        title: "Customs".into(),
        profile: Some(Profile::Customs),
        ..Default::default()
    };
    let c = s
        .create_assessment(&lib(), &customs, "c1", &stamp(0))
        .expect("customs");
    for (n, i) in applicable(s, &c).iter().take(40).enumerate() {
        s.save_answer("c1", i, &met("x"), &stamp(n as i64))
            .expect("save");
    }
    let d = create(s, "d1", &["carrier-sea"]);
    for i in applicable(s, &d).iter().take(9) {
        s.save_answer("d1", i, &met("x"), &stamp(1)).expect("save");
    }
    s.delete_assessment("d1", &stamp(600)).expect("delete");
    create(s, "e1", &["customs-broker"]);
}

fn progress_rows(s: &Store) -> Vec<(String, u32, u32)> {
    let mut st = s
        .conn
        .prepare("SELECT assessment_id, applicable, answered FROM progress ORDER BY assessment_id")
        .expect("prepare");
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

#[test]
fn the_schema_3_backfill_gives_the_counts_the_store_keeps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("db.sqlite");
    let kept = {
        let mut s = Store::open(&path).expect("create");
        varied(&mut s);
        check(&s);
        progress_rows(&s)
    };
    assert_eq!(kept.len(), 5);
    assert!(kept.iter().any(|(id, _, n)| id == "d1" && *n == 9));
    // The same data as schema 2 left it: no summary.
    Connection::open(&path)
        .and_then(|c| {
            c.execute_batch(
                "DROP TABLE application_history; DROP TABLE trusted_keys; DROP TABLE progress; DROP TABLE derived_answers; DROP TABLE links; \
                 ALTER TABLE assessments DROP COLUMN tiers; \
                 DROP TABLE review_decisions; DROP TABLE review_findings; \
                 DROP TABLE review_remarks; DROP TABLE review_marks; \
                 DROP TABLE application_submissions; DROP TABLE applications; \
                 DROP TABLE answer_locks; DROP TABLE received_remarks; \
                 DROP TABLE received_reviews; DROP TABLE submissions; \
                 PRAGMA user_version = 2;",
            )
        })
        .expect("back to schema 2");
    let mut s = Store::open(&path).expect("upgrade");
    assert_eq!(
        progress_rows(&s),
        kept,
        "the backfill equals the kept summary"
    );
    check(&s);
    s.restore_assessment("d1", &stamp(700)).expect("restore");
    check(&s);
}
