//! Tests of the rebase plan: every kind of change, answers left behind, splits, merges, chains
//! and refusals. Packs are built in memory (the plan needs no validation).

use chrono::{TimeZone, Utc};

use super::*;
use crate::catalogue::{Aim, Change, Criticality, Group, GroupKind, Item, Profile, Supersedes};
use crate::model::AnswerInput;

fn item(id: &str) -> Item {
    Item {
        id: id.into(),
        title: format!("title {id}"),
        requirement: "r".into(),
        guidance: "g".into(),
        shortfall: "s".into(),
        evidence: vec!["e".into()],
        reference: "ref".into(),
        roles: vec!["all".into()],
        criticality: Criticality::Major,
        mandatory: false,
        aim: Aim::PreventExploitation,
        provenance: None,
        tiers: Vec::new(),
    }
}

fn pack(id: &str, version: &str, items: &[&str], supersedes: Option<Supersedes>) -> Pack {
    Pack {
        format: 2,
        id: id.into(),
        title: id.into(),
        edition: "e".into(),
        date: "2025-01-01".into(),
        version: version.into(),
        profile: Profile::Trader,
        source: "s".into(),
        language: Some("en".into()),
        supersedes,
        groups: vec![Group {
            id: format!("{id}.G"),
            kind: GroupKind::Section,
            code: None,
            title: "g".into(),
            summary: "s".into(),
            reference: "r".into(),
            instruments: Vec::new(),
            provenance: None,
            groups: Vec::new(),
            items: items.iter().map(|i| item(i)).collect(),
            tiers: Vec::new(),
        }],
        translations: Default::default(),
        tiers: Vec::new(),
    }
}

fn change(kind: ChangeKind, from: &[&str], to: &[&str]) -> Change {
    Change {
        kind,
        from: from.iter().map(|s| s.to_string()).collect(),
        to: to.iter().map(|s| s.to_string()).collect(),
        note: format!("{} note", kind.slug()),
    }
}

fn sup(pack: &str, version: &str, changes: Vec<Change>) -> Option<Supersedes> {
    Some(Supersedes {
        pack: pack.into(),
        version: version.into(),
        changes,
    })
}

fn assessment(p: &Pack) -> Assessment {
    let t = Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid time");
    Assessment {
        id: "a1".into(),
        title: "t".into(),
        profile: p.profile,
        roles: vec!["importer".into()],
        organisation: "Acme".into(),
        country: String::new(),
        identifiers: String::new(),
        assessors: String::new(),
        scope: String::new(),
        pack_id: p.id.clone(),
        pack_version: p.version.clone(),
        created_at: t,
        updated_at: t,
        based_on: None,
        tiers: Vec::new(),
    }
}

fn answer(item: &str, status: Status, comment: &str) -> Answer {
    Answer {
        item_id: item.into(),
        input: AnswerInput {
            comment: comment.into(),
            ..AnswerInput::status(status)
        },
        carried_over: false,
        updated_at: Utc
            .with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
            .single()
            .expect("valid time"),
        updated_by: "Ana".into(),
        evidence: Vec::new(),
    }
}

/// The old pack A..G and a new pack that keeps A, renames B, changes C, splits D, merges E and
/// F, withdraws G and adds N.
fn old_and_new() -> (Pack, Pack) {
    let old = pack("old", "1.0.0", &["A", "B", "C", "D", "E", "F", "G"], None);
    let new = pack(
        "new",
        "1.0.0",
        &["A", "B2", "C", "D1", "D2", "EF", "N"],
        sup(
            "old",
            "1.0.0",
            vec![
                change(ChangeKind::Renamed, &["B"], &["B2"]),
                change(ChangeKind::Changed, &["C"], &["C"]),
                change(ChangeKind::Split, &["D"], &["D1", "D2"]),
                change(ChangeKind::Merged, &["E", "F"], &["EF"]),
                change(ChangeKind::Withdrawn, &["G"], &[]),
                change(ChangeKind::New, &[], &["N"]),
            ],
        ),
    );
    (old, new)
}

fn all_answered() -> Vec<Answer> {
    vec![
        answer("A", Status::Met, "a"),
        answer("B", Status::Met, "b"),
        answer("C", Status::PartiallyMet, "c"),
        answer("D", Status::NotMet, "d"),
        answer("E", Status::Met, "e"),
        answer("F", Status::PartiallyMet, "f"),
        answer("G", Status::Met, "g typed by the user"),
    ]
}

fn kinds(p: &RebasePlan) -> Vec<(MoveKind, Vec<String>, Vec<String>)> {
    p.moves
        .iter()
        .map(|m| (m.kind, m.from.clone(), m.to.clone()))
        .collect()
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn carried(p: &RebasePlan) -> Vec<(&str, &str, bool)> {
    p.carried
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str(), c.confirm))
        .collect()
}

#[test]
fn every_kind_of_change_is_planned() {
    let (old, new) = old_and_new();
    let plan = plan(
        &assessment(&old),
        &[old.clone(), new],
        &all_answered(),
        &BTreeMap::new(),
    )
    .expect("plan");
    assert_eq!(
        kinds(&plan),
        vec![
            (MoveKind::Kept, ids(&["A"]), ids(&["A"])),
            (MoveKind::Renamed, ids(&["B"]), ids(&["B2"])),
            (MoveKind::Changed, ids(&["C"]), ids(&["C"])),
            (MoveKind::Split, ids(&["D"]), ids(&["D1", "D2"])),
            (MoveKind::Merged, ids(&["E", "F"]), ids(&["EF"])),
            (MoveKind::Withdrawn, ids(&["G"]), vec![]),
            (MoveKind::New, vec![], ids(&["N"])),
        ]
    );
    let counts: Vec<usize> = plan.counts().into_iter().map(|(_, n)| n).collect();
    assert_eq!(counts, vec![1, 1, 1, 1, 2, 1, 1], "{:?}", plan.counts());
    assert_eq!(
        carried(&plan),
        vec![
            ("A", "A", false),
            ("B", "B2", false),
            ("C", "C", true),
            ("D", "D1", true),
            ("D", "D2", true),
            ("F", "EF", true),
        ],
        "kept and renamed carry as they are; changed, split and merged must be confirmed; \
         the merged item takes the least favourable answer"
    );
    assert_eq!(plan.to_confirm(), 4);
    assert_eq!(plan.moves[4].notes, vec!["merged note".to_string()]);
    assert_eq!(plan.from.to_string(), "old 1.0.0");
    assert_eq!(plan.to.to_string(), "new 1.0.0");
    assert!(plan.via.is_empty());
}

#[test]
fn no_answer_is_dropped_without_being_listed() {
    let (old, new) = old_and_new();
    let answers = all_answered();
    let plan = plan(
        &assessment(&old),
        &[old.clone(), new],
        &answers,
        &BTreeMap::new(),
    )
    .expect("plan");
    let left: Vec<(&str, Option<&str>)> = plan
        .left_behind
        .iter()
        .map(|l| (l.item_id.as_str(), l.merged_into.as_deref()))
        .collect();
    assert_eq!(left, vec![("E", Some("EF")), ("G", None)]);
    assert_eq!(plan.left_behind[1].answer.comment, "g typed by the user");
    // Every answer is either carried or left behind.
    for a in &answers {
        let carried = plan.carried.iter().any(|c| c.from == a.item_id);
        let left = plan.left_behind.iter().any(|l| l.item_id == a.item_id);
        assert!(
            carried || left,
            "answer of {} is neither carried nor listed",
            a.item_id
        );
    }
}

#[test]
fn a_split_item_carries_its_answer_and_evidence_to_every_new_item() {
    let (old, new) = old_and_new();
    let links = BTreeMap::from([
        ("D".to_string(), ids(&["sha-d"])),
        ("G".to_string(), ids(&["sha-g"])),
        ("B".to_string(), ids(&["sha-b"])),
    ]);
    let plan = plan(
        &assessment(&old),
        &[old.clone(), new],
        &[answer("D", Status::NotMet, "")],
        &links,
    )
    .expect("plan");
    assert_eq!(carried(&plan), vec![("D", "D1", true), ("D", "D2", true)]);
    assert_eq!(plan.links.get("D"), Some(&ids(&["D1", "D2"])));
    assert_eq!(
        plan.links.get("B"),
        Some(&ids(&["B2"])),
        "links follow a rename"
    );
    assert_eq!(
        plan.links.get("G"),
        Some(&Vec::new()),
        "a withdrawn item is unlinked"
    );
}

#[test]
fn a_withdrawn_answer_is_listed_with_its_evidence() {
    let (old, new) = old_and_new();
    let links = BTreeMap::from([("G".to_string(), ids(&["sha-g"]))]);
    let plan = plan(
        &assessment(&old),
        &[old.clone(), new],
        &[answer("G", Status::NotMet, "why")],
        &links,
    )
    .expect("plan");
    assert!(plan.carried.is_empty());
    assert_eq!(plan.left_behind.len(), 1);
    assert_eq!(plan.left_behind[0].item_id, "G");
    assert_eq!(plan.left_behind[0].evidence, ids(&["sha-g"]));
    let w = plan.moves.iter().find(|m| m.kind == MoveKind::Withdrawn);
    assert_eq!(w.map(|m| m.answered.clone()), Some(ids(&["G"])));
}

#[test]
fn an_old_item_the_new_pack_neither_keeps_nor_maps_is_withdrawn_and_listed() {
    let old = pack("p", "1.0.0", &["A", "B"], None);
    let new = pack("p", "1.1.0", &["A", "C"], None);
    let lookup = |_: &str, _: &str| None;
    let chain = chain(&old, &new, &lookup).expect("a newer version of the same pack");
    let plan = plan(
        &assessment(&old),
        &chain,
        &[answer("B", Status::Met, "")],
        &BTreeMap::new(),
    )
    .expect("plan");
    assert_eq!(
        kinds(&plan),
        vec![
            (MoveKind::Kept, ids(&["A"]), ids(&["A"])),
            (MoveKind::Withdrawn, ids(&["B"]), vec![]),
            (MoveKind::New, vec![], ids(&["C"])),
        ]
    );
    assert_eq!(plan.left_behind[0].item_id, "B");
    assert!(plan.moves[1].notes[0].contains("not named in its mapping"));
}

#[test]
fn a_chain_of_packs_composes_the_mappings() {
    let p1 = pack("p2021", "1.0.0", &["A", "B"], None);
    let p2 = pack(
        "p2023",
        "1.0.0",
        &["A", "B2"],
        sup(
            "p2021",
            "1.0.0",
            vec![change(ChangeKind::Renamed, &["B"], &["B2"])],
        ),
    );
    let p3 = pack(
        "p2025",
        "2.0.0",
        &["A", "B3", "B4"],
        sup(
            "p2023",
            "1.0.0",
            vec![change(ChangeKind::Split, &["B2"], &["B3", "B4"])],
        ),
    );
    let mid = p2.clone();
    let lookup = move |id: &str, v: &str| (id == "p2023" && v == "1.0.0").then(|| mid.clone());
    let chain = chain(&p1, &p3, &lookup).expect("chain");
    assert_eq!(
        chain.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        vec!["p2021", "p2023", "p2025"]
    );
    let plan = plan(
        &assessment(&p1),
        &chain,
        &[answer("B", Status::Met, "")],
        &BTreeMap::new(),
    )
    .expect("plan");
    assert_eq!(plan.via, vec![PackRef::of(&p2)]);
    assert_eq!(carried(&plan), vec![("B", "B3", true), ("B", "B4", true)]);
    assert_eq!(
        plan.moves[1].notes,
        vec!["renamed note".to_string(), "split note".to_string()]
    );
}

#[test]
fn refusals_name_what_is_wrong() {
    let (old, new) = old_and_new();
    let none = |_: &str, _: &str| None;
    let msg = |r: Result<Vec<Pack>>| match r {
        Err(e) => {
            assert_eq!(e.code(), crate::ErrorCode::InvalidInput, "{e}");
            e.to_string()
        }
        Ok(c) => panic!("refused expected, got a chain of {}", c.len()),
    };
    assert!(msg(chain(&old, &old, &none)).contains("already on old 1.0.0"));
    let older = pack("old", "0.9.0", &["A"], None);
    assert!(msg(chain(&old, &older, &none)).contains("older"));
    // Back from the new pack to the old one.
    assert!(msg(chain(&new, &old, &none)).contains("older"));
    let mut customs = new.clone();
    customs.profile = Profile::Customs;
    assert!(msg(chain(&old, &customs, &none)).contains("profile"));
    let unrelated = pack("other", "1.0.0", &["A"], None);
    assert!(msg(chain(&old, &unrelated, &none)).contains("does not supersede"));
    let broken = pack(
        "later",
        "1.0.0",
        &["A"],
        sup("missing", "1.0.0", Vec::new()),
    );
    assert!(msg(chain(&old, &broken, &none)).contains("not available"));
}

#[test]
fn an_answer_on_an_item_the_pinned_pack_lacks_is_listed_not_dropped() {
    let (old, new) = old_and_new();
    let plan = plan(
        &assessment(&old),
        &[old.clone(), new],
        &[answer("ZZ.99", Status::Met, "stray")],
        &BTreeMap::new(),
    )
    .expect("plan");
    assert_eq!(plan.left_behind.len(), 1);
    assert_eq!(plan.left_behind[0].item_id, "ZZ.99");
}
