#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use super::*;
use crate::catalogue::Library;
use crate::model::{Answer, AnswerInput, Assessment, Status};

/// A trader pack `id` with one section per entry of `sections` (its id prefix and item roles).
pub(crate) fn pack_json(id: &str, sections: &[(&str, &[&str])]) -> String {
    let groups: Vec<String> = sections
        .iter()
        .map(|(g, roles)| {
            let items: Vec<String> = roles
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    format!(
                        r#"{{"id":"{g}.{:02}","title":"t","requirement":"q","guidance":"g",
                        "shortfall":"f","evidence":["e1","e2"],"reference":"r","roles":["{r}"],
                        "criticality":"major","mandatory":false,"aim":"prevent-exploitation"}}"#,
                        n + 1
                    )
                })
                .collect();
            format!(
                r#"{{"id":"{g}","kind":"section","title":"Section {g}","summary":"s","reference":"r","items":[{}]}}"#,
                items.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"format":1,"id":"{id}","title":"Pack {id}","edition":"2024","date":"2024-01-01",
        "version":"1.0.0","profile":"trader","source":"Test","groups":[{}]}}"#,
        groups.join(",")
    )
}

pub(crate) fn mapping_json(from: &str, to: &str, links: &[(&str, &str, &str)]) -> String {
    let links: Vec<String> = links
        .iter()
        .map(|(f, t, r)| {
            format!(r#"{{"from":"{f}","to":"{t}","relationship":"{r}","rationale":"They meet."}}"#)
        })
        .collect();
    format!(
        r#"{{"format":1,"id":"{from}--{to}","from":"{from}","to":"{to}","title":"A to B",
        "provenance":{{"basis":"project-analysis","source":"Project's own analysis of the two texts"}},
        "links":[{}]}}"#,
        links.join(",")
    )
}

/// A folder with packs `pa` (A.01..A.03 all, B.01 importer) and `pb` (X.01, X.02 all, Y.01
/// importer, Y.02 exporter) and `mapping` between them.
pub(crate) fn library_with(mapping: &str) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pa.json",
        &pack_json("pa", &[("A", &["all", "all", "all"]), ("B", &["importer"])]),
    );
    write(
        dir.path(),
        "pb.json",
        &pack_json(
            "pb",
            &[("X", &["all", "all"]), ("Y", &["importer", "exporter"])],
        ),
    );
    std::fs::create_dir(dir.path().join("crosswalk")).unwrap();
    write(&dir.path().join("crosswalk"), "pa--pb.json", mapping);
    let lib = Library::load(dir.path()).unwrap();
    (dir, lib)
}

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap();
}

fn good() -> String {
    mapping_json(
        "pa",
        "pb",
        &[
            ("A.01", "X.01", "equal"),
            ("A.02", "X.02", "subset"),
            ("A.03", "X.02", "equal"),
            ("B.01", "Y.01", "superset"),
            ("A.01", "Y.02", "intersects"),
        ],
    )
}

#[test]
fn a_mapping_loads_and_reads_both_ways_with_subset_and_superset_swapped() {
    let (_d, lib) = library_with(&good());
    assert!(lib.problems().is_empty(), "{:?}", lib.problems());
    let fwd = lib.crosswalk("pa", "pb").expect("forwards");
    assert!(!fwd.reversed);
    assert_eq!(fwd.links[1].relationship, Relationship::Subset);
    let back = lib.crosswalk("pb", "pa").expect("backwards");
    assert!(back.reversed);
    assert_eq!((back.from.as_str(), back.to.as_str()), ("pb", "pa"));
    assert_eq!(
        (back.links[1].from.as_str(), back.links[1].to.as_str()),
        ("X.02", "A.02")
    );
    assert_eq!(back.links[1].relationship, Relationship::Superset);
    assert_eq!(back.links[3].relationship, Relationship::Subset);
    assert_eq!(back.links[0].relationship, Relationship::Equal);
    assert_eq!(back.links[0].basis, LinkBasis::ProjectAnalysis);
    assert!(lib.crosswalk("pa", "safe2025-aeo").is_none());
}

#[test]
fn a_broken_mapping_is_a_load_problem_naming_file_and_link_and_the_packs_still_load() {
    let cases = [
        (good().replace("\"format\":1", "\"format\":9"), "format 9"),
        (
            good().replace("\"to\":\"pb\"", "\"to\":\"nowhere\""),
            "pack 'nowhere'",
        ),
        (
            good().replace("\"to\":\"Y.01\"", "\"to\":\"Y.09\""),
            "link 4 (B.01 -> Y.09)",
        ),
        (good().replace("\"superset\"", "\"bigger\""), "bigger"),
        (
            {
                let g = good();
                let (head, tail) = g.split_at(g.find("They meet.").unwrap() + 1);
                format!("{head}{}", tail.replacen("They meet.", "  ", 1))
            },
            "link 2 (A.02 -> X.02): field 'rationale' is empty",
        ),
        (
            mapping_json(
                "pa",
                "pb",
                &[("A.01", "X.01", "equal"), ("A.01", "X.01", "subset")],
            ),
            "link 2 (A.01 -> X.01): the pair is linked twice",
        ),
        (
            mapping_json("pa", "pa", &[("A.01", "A.02", "equal")]),
            "to itself",
        ),
        (
            good().replace("\"links\"", "\"extra\":1,\"links\""),
            "extra",
        ),
    ];
    for (json, expected) in cases {
        let (_d, lib) = library_with(&json);
        assert!(
            lib.get("pa").is_some() && lib.get("pb").is_some(),
            "packs load"
        );
        assert!(lib.crosswalk("pa", "pb").is_none(), "refused: {expected}");
        let p = lib
            .problems()
            .first()
            .unwrap_or_else(|| panic!("a problem for {expected}"));
        assert!(p.file.ends_with("pa--pb.json"), "names the file: {p:?}");
        assert!(
            p.message.contains(expected),
            "'{}' should say '{expected}'",
            p.message
        );
        if !expected.contains("itself") && !expected.contains("nowhere") {
            let err = lib.crosswalk_or_refuse("pa", "pb").expect_err("refused");
            assert!(err.to_string().contains(expected), "{err}");
            assert!(err.is_user_error());
        }
    }
}

#[test]
fn two_files_for_the_same_pair_of_packs_keep_the_first() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pa.json", &pack_json("pa", &[("A", &["all"])]));
    write(dir.path(), "pb.json", &pack_json("pb", &[("X", &["all"])]));
    std::fs::create_dir(dir.path().join("crosswalk")).unwrap();
    let cw = dir.path().join("crosswalk");
    write(
        &cw,
        "pa--pb.json",
        &mapping_json("pa", "pb", &[("A.01", "X.01", "equal")]),
    );
    write(
        &cw,
        "pb--pa.json",
        &mapping_json("pb", "pa", &[("X.01", "A.01", "equal")]),
    );
    let lib = Library::load(dir.path()).unwrap();
    let ours = lib
        .mappings()
        .into_iter()
        .filter(|(m, _)| m.from.starts_with('p') && m.to.starts_with('p'))
        .count();
    assert_eq!(ours, 1, "one mapping between pa and pb");
    assert!(
        lib.problems()[0].message.contains("already mapped"),
        "{:?}",
        lib.problems()
    );
}

#[test]
fn a_link_to_a_withdrawn_item_is_refused_as_withdrawn() {
    let lib = Library::builtin().unwrap();
    let aeo = lib.get("safe2025-aeo").unwrap();
    let mut pack = aeo.clone();
    let first = pack.items()[0].id.clone();
    let withdrawn = crate::catalogue::Change {
        kind: crate::catalogue::ChangeKind::Withdrawn,
        from: vec!["AEO.Z.99".into()],
        to: vec![],
        note: "gone".into(),
    };
    pack.supersedes = Some(crate::catalogue::Supersedes {
        pack: "safe2021-aeo".into(),
        version: "1.0.0".into(),
        changes: vec![withdrawn],
    });
    let other = lib.get("safe2021-aeo").unwrap();
    let json = mapping_json(
        "safe2025-aeo",
        "safe2021-aeo",
        &[("AEO.Z.99", &first, "equal")],
    );
    let err = Mapping::parse(&json, |id| {
        if id == "safe2025-aeo" {
            Some(&pack)
        } else {
            Some(other)
        }
    })
    .expect_err("refused");
    assert!(
        err.contains("link 1 (AEO.Z.99 -> ") && err.contains("withdrawn"),
        "{err}"
    );
}

fn assessment(roles: &[&str]) -> Assessment {
    Assessment {
        id: "a1".into(),
        title: "t".into(),
        profile: crate::catalogue::Profile::Trader,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        organisation: String::new(),
        country: String::new(),
        identifiers: String::new(),
        assessors: String::new(),
        scope: String::new(),
        pack_id: "pa".into(),
        pack_version: "1.0.0".into(),
        created_at: chrono::Utc::now(),
        updated_at: chrono::Utc::now(),
        based_on: None,
        tiers: Vec::new(),
    }
}

pub(crate) fn answer(item: &str, status: Status) -> Answer {
    Answer {
        item_id: item.into(),
        input: AnswerInput::status(status),
        carried_over: false,
        updated_at: chrono::Utc::now(),
        updated_by: "me".into(),
        evidence: vec![],
    }
}

#[test]
fn coverage_counts_equal_links_as_covered_others_as_partly_and_respects_roles() {
    let (_d, lib) = library_with(&good());
    let (pa, pb) = (lib.get("pa").unwrap(), lib.get("pb").unwrap());
    let cw = lib.crosswalk("pa", "pb").unwrap();
    let answers = [answer("A.01", Status::Met), answer("A.02", Status::NotMet)];
    let c = coverage(&assessment(&["exporter"]), pa, &answers, pb, &cw);
    let states: Vec<(&str, CoverState)> = c
        .items
        .iter()
        .map(|i| (i.item_id.as_str(), i.state))
        .collect();
    // Y.01 is for importers only: not visible to an exporter.
    assert_eq!(
        states,
        [
            ("X.01", CoverState::Covered),
            ("X.02", CoverState::Partly),
            ("Y.02", CoverState::Partly)
        ]
    );
    assert_eq!((c.total, c.covered, c.partly), (3, 1, 2));
    assert_eq!(c.to_answer, ["X.02", "Y.02"]);
    assert_eq!(c.sections.len(), 2);
    assert_eq!(
        (c.sections[0].id.as_str(), c.sections[0].percent),
        ("X", 50.0)
    );
    assert_eq!(c.sections[1].percent, 0.0);

    // Answering A.03 (equal to X.02) covers X.02; the equal link comes first.
    let more = [
        answers[0].clone(),
        answers[1].clone(),
        answer("A.03", Status::Met),
    ];
    let c = coverage(&assessment(&["exporter"]), pa, &more, pb, &cw);
    assert_eq!(c.items[1].state, CoverState::Covered);
    assert_eq!(c.items[1].by[0].item_id, "A.03");
    assert_eq!(c.sections[0].percent, 100.0);

    // An importer sees Y.01 (superset from B.01, not answered: not covered).
    let c = coverage(&assessment(&["importer"]), pa, &more, pb, &cw);
    assert!(
        c.items
            .iter()
            .any(|i| i.item_id == "Y.01" && i.state == CoverState::NotCovered)
    );
}
