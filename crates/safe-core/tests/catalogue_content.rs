//! Pins the structure of the built-in SAFE 2021 packs, so an edit that drops a standard, a
//! section or an item's guidance fails here.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

use safe_core::catalogue::{Group, GroupKind, Library, Pack, Profile};

fn lib() -> Library {
    Library::builtin().expect("built-in packs load")
}

fn pack(lib: &Library, id: &str) -> Pack {
    lib.get(id)
        .cloned()
        .unwrap_or_else(|| panic!("pack {id} is built in"))
}

fn group<'a>(p: &'a Pack, id: &str) -> &'a Group {
    p.groups
        .iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("group {id} in {}", p.id))
}

#[test]
fn customs_pack_has_core_elements_three_pillars_cbm_and_trade_continuity() {
    let lib = lib();
    let p = pack(&lib, "safe2021-customs");
    assert_eq!(p.profile, Profile::Customs);
    let top: Vec<&str> = p.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(top, ["CE", "P1", "P2", "P3", "CBM", "TCR"]);
    assert_eq!(group(&p, "CE").items.len(), 5, "five core elements");
    for (pillar, standards, kind) in [
        ("P1", 11, GroupKind::Standard),
        ("P2", 6, GroupKind::Standard),
        ("P3", 3, GroupKind::Level),
    ] {
        let g = group(&p, pillar);
        assert_eq!(g.kind, GroupKind::Pillar);
        assert_eq!(
            g.groups.len(),
            standards,
            "{pillar} has {standards} standards or levels"
        );
        for s in &g.groups {
            assert_eq!(s.kind, kind, "{}", s.id);
            let n = s.items.len();
            assert!(
                (3..=8).contains(&n),
                "{} has {n} items; 3 to 8 expected",
                s.id
            );
            assert!(
                !s.instruments.is_empty(),
                "{} names the WCO instruments that help",
                s.id
            );
        }
    }
    let p1_titles: Vec<&str> = group(&p, "P1")
        .groups
        .iter()
        .map(|g| g.title.as_str())
        .collect();
    assert_eq!(
        p1_titles.first(),
        Some(&"Integrated Supply Chain Management")
    );
    assert_eq!(p1_titles.last(), Some(&"Outbound Security Inspections"));
    assert!(
        p.source.contains("Pillar 3"),
        "the source note says Pillar 3 numbering is not confirmed"
    );
}

#[test]
fn aeo_pack_has_sections_a_to_m_in_order() {
    let lib = lib();
    let p = pack(&lib, "safe2021-aeo");
    assert_eq!(p.profile, Profile::Trader);
    let codes: Vec<&str> = p.groups.iter().map(|g| g.label()).collect();
    assert_eq!(
        codes,
        [
            "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"
        ]
    );
    assert!(p.groups.iter().all(|g| g.kind == GroupKind::Section));
    assert_eq!(
        p.groups[0].title,
        "Demonstrated Compliance with Customs Requirements"
    );
    assert_eq!(p.groups[12].title, "Measurement, Analyses and Improvement");
    assert!(
        p.items().len() >= 70,
        "about 70 requirements or more, found {}",
        p.items().len()
    );
    let conveyance = group(&p, "AEO.H");
    for i in &conveyance.items {
        assert!(
            i.roles.iter().all(|r| r != "all" && r != "importer"),
            "conveyance security {} is for those who move goods, not importers",
            i.id
        );
    }
}

#[test]
fn every_item_is_explained_well_enough_to_answer() {
    let lib = lib();
    for p in lib.packs() {
        for i in p.items() {
            assert!(
                i.evidence.len() >= 2,
                "{} {}: two or more evidence examples",
                p.id,
                i.id
            );
            for (field, text, words) in [
                ("requirement", &i.requirement, 8),
                ("guidance", &i.guidance, 15),
                ("shortfall", &i.shortfall, 5),
            ] {
                let n = text.split_whitespace().count();
                assert!(
                    n >= words,
                    "{} {}: {field} has {n} words, too thin: '{text}'",
                    p.id,
                    i.id
                );
            }
            assert!(
                i.reference.contains("SAFE"),
                "{} {}: reference names SAFE: {}",
                p.id,
                i.id,
                i.reference
            );
            if p.profile == Profile::Trader {
                assert!(
                    !i.roles.is_empty(),
                    "{} {}: trader items name roles",
                    p.id,
                    i.id
                );
            }
        }
    }
}

#[test]
fn every_role_has_items_and_every_aim_is_served() {
    let lib = lib();
    let p = pack(&lib, "safe2021-aeo");
    for role in lib.roles() {
        let n = p
            .items()
            .iter()
            .filter(|i| i.applies_to(std::slice::from_ref(&role.id)))
            .count();
        assert!(n >= 40, "role {} gets {n} items", role.id);
    }
    for pack in lib.packs() {
        for aim in safe_core::catalogue::Aim::ALL {
            assert!(
                pack.items().iter().any(|i| i.aim == aim),
                "{} serves {aim:?}",
                pack.id
            );
        }
    }
}
