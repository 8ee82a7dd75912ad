use chrono::{Duration, TimeZone};

use super::*;
use crate::catalogue::{Library, Profile};
use crate::model::{AnswerInput, NewAssessment, Stamp};
use crate::store::Store;

const ID: &str = "5eed0000-0000-4000-8000-000000000001";

fn stamp(min: i64) -> Stamp {
    Stamp {
        at: Utc
            .with_ymd_and_hms(2026, 5, 1, 8, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(min),
        by: "Ana".into(),
    }
}

fn store() -> (tempfile::TempDir, Store, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("db.sqlite")).expect("store");
    let lib = Library::builtin().expect("built-in packs");
    let new = NewAssessment {
        title: "Forwarder 2026".into(),
        profile: Some(Profile::Trader),
        roles: vec!["freight-forwarder".into()],
        organisation: "Acme Logistics".into(),
        country: "KE".into(),
        ..Default::default()
    };
    let a = store
        .create_assessment(&lib, &new, ID, &stamp(0))
        .expect("create");
    let pack = store.pack(&a.pack_id, &a.pack_version).expect("pack");
    let items: Vec<String> = pack
        .items()
        .into_iter()
        .filter(|i| i.applies_to(&a.roles))
        .take(2)
        .map(|i| i.id.clone())
        .collect();
    let met = AnswerInput::status(Status::Met);
    let not_met = AnswerInput::status(Status::NotMet);
    store
        .save_answer(ID, &items[0], &met, &stamp(1))
        .expect("answer");
    store
        .save_answer(ID, &items[1], &not_met, &stamp(2))
        .expect("answer");
    (dir, store, items)
}

#[test]
fn compare_and_trend_report_changes_gaps_and_scores() {
    let (_dir, mut store, items) = store();
    let first = crate::open_assessment(&store, ID).expect("open");
    let second_id = "5eed0000-0000-4000-8000-000000000002";
    store
        .duplicate_assessment(ID, second_id, "Forwarder 2027", &stamp(60))
        .expect("duplicate");
    let met = AnswerInput::status(Status::Met);
    store
        .save_answer(second_id, &items[1], &met, &stamp(61))
        .expect("close gap");
    let partial = AnswerInput::status(Status::PartiallyMet);
    store
        .save_answer(second_id, &items[0], &partial, &stamp(62))
        .expect("open gap");
    let second = crate::open_assessment(&store, second_id).expect("open");

    let c = compare(&first, &second).expect("compare");
    assert!(c.same_organisation);
    let closed: Vec<&str> = c.gaps_closed.iter().map(|g| g.item_id.as_str()).collect();
    let opened: Vec<&str> = c.gaps_opened.iter().map(|g| g.item_id.as_str()).collect();
    assert_eq!(closed, vec![items[1].as_str()]);
    assert_eq!(opened, vec![items[0].as_str()]);
    assert_eq!(c.changes.len(), 2);
    let overall_before = first.scorecard.overall.score.expect("scored");
    let overall_after = second.scorecard.overall.score.expect("scored");
    assert_eq!(c.delta, Some(overall_after - overall_before));
    assert!(c.groups.iter().any(|g| g.delta.is_some_and(|d| d != 0.0)));

    let e = trend(&[first.clone(), second.clone()]).expect_err("two make no trend");
    assert_eq!(e.code(), "invalid_input");
    let third_id = "5eed0000-0000-4000-8000-000000000003";
    store
        .duplicate_assessment(second_id, third_id, "Forwarder 2028", &stamp(120))
        .expect("duplicate");
    store
        .save_answer(third_id, &items[0], &met, &stamp(121))
        .expect("fix");
    let third = crate::open_assessment(&store, third_id).expect("open");
    let t = trend(&[third.clone(), first.clone(), second.clone()]).expect("trend");
    let titles: Vec<&str> = t.assessments.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Forwarder 2026", "Forwarder 2027", "Forwarder 2028"]
    );
    assert_eq!(t.overall[2], third.scorecard.overall.score);
    assert!(!t.groups.is_empty() && t.groups.iter().all(|g| g.scores.len() == TREND_MIN));
}

#[test]
fn a_family_is_one_organisation_on_one_catalogue() {
    let (_dir, store, _) = store();
    let a = store.assessment(ID).expect("assessment");
    let mut b = a.clone();
    b.organisation = "  ACME logistics ".into();
    assert!(
        same_family(&a, &b),
        "case and surrounding spaces do not count"
    );
    b.organisation = "Acme Logistiçs".into();
    assert!(!same_family(&a, &b), "accents count");
    let mut c = a.clone();
    c.pack_id = "customs-other".into();
    assert!(!same_family(&a, &c), "another catalogue is another family");
    let mut d = a.clone();
    d.pack_version = "9.9.9".into();
    assert!(same_family(&a, &d), "any version of the same catalogue");
}
