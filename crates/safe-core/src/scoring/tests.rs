use chrono::{TimeZone, Utc};

use super::*;
use crate::catalogue::{Pack, builtin_roles};
use crate::model::AnswerInput;

/// A trader pack: section A (critical 3 + minor 1 for all), section H (major, carriers only).
fn pack() -> Pack {
    let item = |id: &str, crit: &str, roles: &str| {
        format!(
            r#"{{"id":"{id}","title":"T {id}","requirement":"r","guidance":"Do {id}","shortfall":"s",
            "evidence":["e"],"reference":"ref","roles":{roles},"criticality":"{crit}","mandatory":false,
            "aim":"prevent-exploitation"}}"#
        )
    };
    let json = format!(
        r#"{{"format":1,"id":"t","title":"T","edition":"E","date":"2021-06-01","version":"1.0.0",
        "profile":"trader","source":"S","groups":[
        {{"id":"A","kind":"section","code":"A","title":"A","summary":"s","reference":"r","items":[{},{}]}},
        {{"id":"H","kind":"section","code":"H","title":"H","summary":"s","reference":"r","items":[{}]}}]}}"#,
        item("A.1", "critical", r#"["all"]"#),
        item("A.2", "minor", r#"["all"]"#),
        item("H.1", "major", r#"["carrier-road"]"#),
    );
    Pack::parse("t.json", &json, &builtin_roles()).expect("fixture pack is valid")
}

fn assessment(roles: &[&str]) -> Assessment {
    let t = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid time");
    Assessment {
        id: "a".into(),
        title: "t".into(),
        profile: Profile::Trader,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        organisation: String::new(),
        country: String::new(),
        identifiers: String::new(),
        assessors: String::new(),
        scope: String::new(),
        pack_id: "t".into(),
        pack_version: "1.0.0".into(),
        created_at: t,
        updated_at: t,
        based_on: None,
        tiers: Vec::new(),
    }
}

fn answers(list: &[(&str, Status)]) -> Vec<Answer> {
    list.iter()
        .map(|(id, s)| Answer {
            item_id: id.to_string(),
            input: AnswerInput::status(*s),
            carried_over: false,
            updated_at: Utc::now(),
            updated_by: "x".into(),
            evidence: vec![],
        })
        .collect()
}

fn overall(card: &Scorecard) -> f64 {
    card.overall.score.expect("something is scored")
}

#[test]
fn weights_by_criticality_and_leaves_out_not_applicable() {
    let card = score(
        &pack(),
        &assessment(&["carrier-road"]),
        &answers(&[
            ("A.1", Status::Met),
            ("A.2", Status::NotMet),
            ("H.1", Status::PartiallyMet),
        ]),
    );
    // (3*1 + 1*0 + 2*0.5) / (3+1+2) = 4/6
    assert!(
        (overall(&card) - 100.0 * 4.0 / 6.0).abs() < 1e-9,
        "got {}",
        overall(&card)
    );
    assert_eq!(card.overall.completion, 100.0);

    let card = score(
        &pack(),
        &assessment(&["carrier-road"]),
        &answers(&[("A.1", Status::Met), ("A.2", Status::NotApplicable)]),
    );
    assert_eq!(overall(&card), 100.0, "N/A is left out of the score");
    assert!(
        (card.overall.completion - 200.0 / 3.0).abs() < 1e-9,
        "N/A counts as answered"
    );
    assert_eq!(card.overall.unanswered, 1);
}

#[test]
fn items_outside_the_roles_do_not_count() {
    let card = score(
        &pack(),
        &assessment(&["importer"]),
        &answers(&[("H.1", Status::NotMet)]),
    );
    assert_eq!(card.overall.applicable, 2, "H.1 is for road carriers only");
    assert_eq!(card.overall.score, None, "nothing applicable is answered");
    let h = card
        .groups
        .iter()
        .find(|g| g.id == "H")
        .expect("group H is listed");
    assert_eq!(h.score.applicable, 0);
    assert!(card.gaps.iter().all(|g| g.item_id != "H.1"));
}

#[test]
fn verdict_rules_apply_in_order() {
    let p = pack();
    let a = assessment(&["carrier-road"]);
    let v = |list: &[(&str, Status)]| {
        score(&p, &a, &answers(list))
            .verdict
            .expect("trader verdict")
    };
    assert_eq!(v(&[("A.1", Status::NotMet)]).readiness, Readiness::NotReady);
    assert_eq!(v(&[("A.1", Status::Met)]).readiness, Readiness::Incomplete);
    let r3 = v(&[
        ("A.1", Status::Met),
        ("A.2", Status::Met),
        ("H.1", Status::NotMet),
    ]);
    assert_eq!((r3.readiness, r3.rule), (Readiness::ReadyWithActions, 3));
    let r4 = v(&[
        ("A.1", Status::Met),
        ("A.2", Status::NotMet),
        ("H.1", Status::Met),
    ]);
    assert_eq!(
        r4.readiness,
        Readiness::ReadyWithActions,
        "score 5/6 = 83 is below 85"
    );
    let ready = v(&[
        ("A.1", Status::Met),
        ("A.2", Status::Met),
        ("H.1", Status::Met),
    ]);
    assert_eq!((ready.readiness, ready.rule), (Readiness::Ready, 4));
    assert!(ready.explanation.contains("100"), "{}", ready.explanation);
}

#[test]
fn gaps_are_ordered_by_criticality_then_value() {
    let card = score(
        &pack(),
        &assessment(&["carrier-road"]),
        &answers(&[("A.2", Status::NotMet), ("H.1", Status::PartiallyMet)]),
    );
    let ids: Vec<&str> = card.gaps.iter().map(|g| g.item_id.as_str()).collect();
    assert_eq!(ids, ["A.1", "H.1", "A.2"]);
    assert_eq!(card.gaps[0].status, None, "A.1 is unanswered");
    assert_eq!(card.gaps[0].recommended_action, "Do A.1");
}

#[test]
fn aims_and_groups_are_always_listed() {
    let card = score(&pack(), &assessment(&["importer"]), &[]);
    assert_eq!(card.aims.len(), 3);
    assert_eq!(card.groups.len(), 2);
    assert_eq!(card.overall.completion, 0.0);
    assert_eq!(card.overall.score, None);
}
