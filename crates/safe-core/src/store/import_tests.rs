//! Tests of import, export and merge at the store level.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::catalogue::{Library, Profile};
use crate::history::tests::from_file;
use crate::model::{AnswerInput, NewAssessment, Stamp, Status};
use crate::store::{EvidenceFile, Side, Validity};

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

const ID: &str = "0a1b2c3d-0000-4000-8000-000000000001";
const NEW_ID: &str = "0a1b2c3d-0000-4000-8000-0000000000ff";

/// A trader assessment with two answers (one with evidence) and the ids of three applicable items.
fn source() -> (Store, Vec<String>) {
    let mut s = Store::open_in_memory().expect("open");
    let new = NewAssessment {
        title: "Forwarder 2026".into(),
        profile: Some(Profile::Trader),
        roles: vec!["freight-forwarder".into()],
        organisation: "Acme Logistics".into(),
        ..Default::default()
    };
    let lib = Library::builtin().expect("built-in packs");
    let a = s
        .create_assessment(&lib, &new, ID, &stamp(0))
        .expect("create");
    let pack = s.pack(&a.pack_id, &a.pack_version).expect("pack");
    let items: Vec<String> = pack
        .items()
        .into_iter()
        .filter(|i| i.applies_to(&a.roles))
        .take(3)
        .map(|i| i.id.clone())
        .collect();
    let mut met = AnswerInput::status(Status::Met);
    met.comment = "policy signed".into();
    met.owner = "Bo".into();
    s.save_answer(ID, &items[0], &met, &stamp(1))
        .expect("answer 0");
    s.save_answer(
        ID,
        &items[1],
        &AnswerInput::status(Status::NotMet),
        &stamp(2),
    )
    .expect("answer 1");
    let file = EvidenceFile {
        file_name: "policy.txt".into(),
        bytes: b"security policy v3".to_vec(),
    };
    s.add_evidence(ID, &items[0], &file, Validity::default(), &stamp(3))
        .expect("evidence");
    (s, items)
}

fn content_of<'a>(src: &'a Store) -> impl FnMut(&BundleEvidence) -> Result<Option<Vec<u8>>> + 'a {
    move |e| src.evidence_content(ID, &e.evidence.sha256).map(Some)
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

#[test]
fn an_exported_bundle_imports_as_a_new_assessment_with_everything() {
    let (src, items) = source();
    let bundle = src.export_bundle(ID).expect("export");
    assert_eq!(bundle.answers.len(), 2);
    assert_eq!(bundle.evidence.len(), 1);
    assert_eq!(bundle.evidence[0].added_by, "Ana");
    let pack = src
        .pack("safe2025-aeo", &bundle.assessment.pack_version)
        .expect("pack");

    let mut dst = Store::open_in_memory().expect("open");
    let note = from_file(ID, &["older-id"]);
    let a = dst
        .import_assessment(
            &pack,
            &bundle,
            NEW_ID,
            &note,
            &stamp(10),
            &mut content_of(&src),
        )
        .expect("import");
    assert_eq!(a.id, NEW_ID);
    assert_eq!(a.title, "Forwarder 2026");
    assert_eq!(a.created_at, bundle.assessment.created_at);
    let answers = dst.answers(NEW_ID).expect("answers");
    assert_eq!(answers.len(), 2);
    let first = answers
        .iter()
        .find(|x| x.item_id == items[0])
        .expect("item 0");
    assert_eq!(first.input.comment, "policy signed");
    assert_eq!(first.evidence.len(), 1);
    assert_eq!(
        dst.evidence_content(NEW_ID, &first.evidence[0])
            .expect("content"),
        b"security policy v3"
    );
    let history = dst.history(NEW_ID, None).expect("history");
    assert_eq!(history.len(), bundle.history.len() + 1);
    assert_eq!(history.last().map(|h| h.action()), Some("import"));
    assert_eq!(dst.lineage(NEW_ID).expect("lineage"), vec![ID, "older-id"]);

    // The same bundle again is another new assessment, never an overwrite.
    let again = dst.import_assessment(
        &pack,
        &bundle,
        NEW_ID,
        &note,
        &stamp(11),
        &mut content_of(&src),
    );
    assert!(again.is_err(), "an existing id is refused");
    assert_eq!(count(&dst, "assessments"), 1);
}

#[test]
fn a_bad_bundle_changes_nothing() {
    let (src, _) = source();
    let good = src.export_bundle(ID).expect("export");
    let pack = src
        .pack("safe2025-aeo", &good.assessment.pack_version)
        .expect("pack");
    let note = from_file(ID, &[]);

    let mut unknown = good.clone();
    unknown.answers[0].item_id = "AEO.NOPE.99".into();
    let mut twice = good.clone();
    twice.answers.push(good.answers[0].clone());
    let mut bad_hash = good.clone();
    bad_hash.evidence[0].evidence.sha256 = "AB".repeat(32);
    for (what, b) in [
        ("unknown item", unknown),
        ("answered twice", twice),
        ("bad hash", bad_hash),
    ] {
        let mut dst = Store::open_in_memory().expect("open");
        let r = dst.import_assessment(&pack, &b, NEW_ID, &note, &stamp(10), &mut content_of(&src));
        assert!(r.is_err(), "{what} is refused");
        assert_eq!(
            count(&dst, "assessments") + count(&dst, "packs"),
            0,
            "{what}: nothing written"
        );
    }

    // Content that does not match its hash fails inside the transaction, which rolls back.
    let mut dst = Store::open_in_memory().expect("open");
    let r = dst.import_assessment(&pack, &good, NEW_ID, &note, &stamp(10), &mut |_| {
        Ok(Some(b"something else".to_vec()))
    });
    let err = r.expect_err("content mismatch is refused");
    assert!(
        err.to_string().contains("does not match its SHA-256"),
        "{err}"
    );
    assert_eq!(
        count(&dst, "assessments") + count(&dst, "blobs") + count(&dst, "history"),
        0
    );

    // A different pack under the same id and version is refused.
    let mut other = (*pack).clone();
    other.title = "Changed".into();
    let mut dst = Store::open_in_memory().expect("open");
    dst.import_assessment(
        &pack,
        &good,
        NEW_ID,
        &note,
        &stamp(10),
        &mut content_of(&src),
    )
    .expect("first import pins the pack");
    let mut changed = good.clone();
    changed.assessment.title = "Again".into();
    let err = dst
        .import_assessment(
            &other,
            &changed,
            ID,
            &note,
            &stamp(11),
            &mut content_of(&src),
        )
        .expect_err("a different pack of the same version is refused");
    assert!(err.to_string().contains("different"), "{err}");
}

#[test]
fn withheld_evidence_is_named_in_the_import_entry() {
    let (src, _) = source();
    let bundle = src.export_bundle(ID).expect("export");
    let pack = src
        .pack("safe2025-aeo", &bundle.assessment.pack_version)
        .expect("pack");
    let mut dst = Store::open_in_memory().expect("open");
    dst.import_assessment(
        &pack,
        &bundle,
        NEW_ID,
        &from_file(ID, &[]),
        &stamp(10),
        &mut |_| Ok(None),
    )
    .expect("import without content");
    assert!(dst.evidence(NEW_ID).expect("evidence").is_empty());
    let last = dst
        .history(NEW_ID, Some(""))
        .expect("history")
        .pop()
        .expect("import entry");
    let Change::Import { withheld, .. } = last.change else {
        panic!("an import entry: {last:?}");
    };
    assert_eq!(withheld[0].file_name, "policy.txt");
}

#[test]
fn merge_takes_new_items_and_needs_a_choice_for_conflicts() {
    let (mut mine, items) = source();
    let bundle = mine.export_bundle(ID).expect("export");
    let mut theirs = bundle.answers.clone();
    // Item 1 answered differently, item 2 answered only in the other copy.
    for t in &mut theirs {
        if t.item_id == items[1] {
            t.input.status = Status::PartiallyMet;
        }
    }
    let mut only_theirs = theirs[0].clone();
    only_theirs.item_id = items[2].clone();
    only_theirs.input = AnswerInput::status(Status::Met);
    theirs.push(only_theirs);

    let plan = mine.merge_plan(ID, &theirs).expect("plan");
    assert_eq!(plan.take, vec![items[2].clone()]);
    assert_eq!(plan.same, vec![items[0].clone()]);
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].mine.input.status, Status::NotMet);
    assert_eq!(plan.conflicts[0].theirs.input.status, Status::PartiallyMet);

    let before = mine.history(ID, None).expect("history").len();
    let note = from_file(ID, &[]);
    let mut no_content = |_: &BundleEvidence| Ok(None);
    let err = mine
        .apply_merge(
            ID,
            &theirs,
            &[],
            &|_| None,
            &note,
            &stamp(20),
            &mut no_content,
        )
        .expect_err("an unresolved conflict refuses the merge");
    assert!(err.to_string().contains(&items[1]), "{err}");
    assert_eq!(
        mine.history(ID, None).expect("history").len(),
        before,
        "nothing changed"
    );
    assert!(mine.answer(ID, &items[2]).expect("read").is_none());

    let report = mine
        .apply_merge(
            ID,
            &theirs,
            &[],
            &|_| Some(Side::Mine),
            &note,
            &stamp(21),
            &mut no_content,
        )
        .expect("merge keeping mine");
    assert_eq!(report.taken, vec![items[2].clone()]);
    assert_eq!(report.chose_mine, vec![items[1].clone()]);
    let kept = mine.answer(ID, &items[1]).expect("read").expect("answered");
    assert_eq!(kept.input.status, Status::NotMet);
    let h = mine.history(ID, Some(&items[1])).expect("history");
    let declined = h.last().expect("entry");
    let Change::MergeDeclined {
        mine: kept,
        theirs: other,
    } = &declined.change
    else {
        panic!("a merge-declined entry: {declined:?}");
    };
    assert_eq!(
        (kept.status, other.status),
        (Status::NotMet, Status::PartiallyMet)
    );

    let report = mine
        .apply_merge(
            ID,
            &theirs,
            &[],
            &|_| Some(Side::Theirs),
            &note,
            &stamp(22),
            &mut no_content,
        )
        .expect("merge taking theirs");
    assert_eq!(report.chose_theirs, vec![items[1].clone()]);
    let took = mine.answer(ID, &items[1]).expect("read").expect("answered");
    assert_eq!(took.input.status, Status::PartiallyMet);
    let h = mine.history(ID, Some(&items[1])).expect("history");
    let merged = h.last().expect("entry");
    assert_eq!((merged.action(), merged.by.as_str()), ("merge", "Ana"));
    let Change::MergeAnswer {
        old: Some(old),
        new,
    } = &merged.change
    else {
        panic!("a merge entry with the answer before: {merged:?}");
    };
    assert_eq!(
        (old.status, new.status),
        (Status::NotMet, Status::PartiallyMet)
    );
    // Everything agrees now: a third merge has no conflicts and changes no answer.
    let plan = mine.merge_plan(ID, &theirs).expect("plan");
    assert!(plan.conflicts.is_empty() && plan.take.is_empty());
}

#[test]
fn merge_refuses_items_that_do_not_apply() {
    let (mine, items) = source();
    let mut t = mine.answers(ID).expect("answers")[0].clone();
    t.item_id = "AEO.NOPE.99".into();
    assert!(mine.merge_plan(ID, &[t.clone()]).is_err());
    t.item_id = items[0].clone();
    t.input = AnswerInput::status(Status::NotApplicable);
    let err = mine
        .merge_plan(ID, &[t])
        .expect_err("not-applicable without justification");
    assert!(err.to_string().contains("justification") || err.to_string().contains("mandatory"));
}
