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
            // A SAFE pack cites the Framework; another programme's pack cites its own text (its
            // content tests check it).
            assert!(
                !p.id.starts_with("safe") || i.reference.contains("SAFE"),
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

/// The SAFE 2025 customs pack (format 2), read as plain JSON so that this test does not depend on
/// the format 2 loader: the tree, provenance on every node, the supersedes mapping and French.
mod safe2025_customs {
    use safe_test_support::pack_json::{arr, check_french, read, text};
    use serde_json::Value;

    /// Every group and item of a tree, in document order.
    fn walk<'a>(groups: &'a [Value], out_g: &mut Vec<&'a Value>, out_i: &mut Vec<&'a Value>) {
        for g in groups {
            out_g.push(g);
            out_i.extend(arr(g, "items"));
            walk(arr(g, "groups"), out_g, out_i);
        }
    }

    fn tree(p: &Value) -> (Vec<&Value>, Vec<&Value>) {
        let (mut g, mut i) = (Vec::new(), Vec::new());
        walk(arr(p, "groups"), &mut g, &mut i);
        (g, i)
    }

    fn check_provenance(id: &str, v: &Value) {
        let p = v
            .get("provenance")
            .unwrap_or_else(|| panic!("{id}: provenance"));
        let basis = text(p, "basis");
        assert!(
            ["safe", "wco-guidance", "national-practice", "best-practice"].contains(&basis),
            "{id}: basis {basis:?}"
        );
        let confidence = text(p, "confidence");
        assert!(
            ["verified", "partial", "unverified"].contains(&confidence),
            "{id}: confidence {confidence:?}"
        );
        if basis == "national-practice" {
            assert!(!text(p, "programme").is_empty(), "{id}: programme named");
        }
        if confidence == "verified" {
            assert!(
                !text(p, "note").is_empty(),
                "{id}: a verified reference says which source"
            );
        }
    }

    #[test]
    fn tree_has_eleven_and_six_standards_and_three_levels() {
        let p = read("safe2025-customs.json");
        assert_eq!(p["format"], 2);
        assert_eq!(p["id"], "safe2025-customs");
        assert_eq!(p["version"], "1.0.0");
        assert_eq!(p["profile"], "customs");
        assert_eq!(p["language"], "en");
        assert!(text(&p, "edition").contains("2025"));
        let top: Vec<&str> = arr(&p, "groups").iter().map(|g| text(g, "id")).collect();
        assert_eq!(top, ["CE", "P1", "P2", "P3", "CBM", "TCR"]);
        let top = arr(&p, "groups");
        assert_eq!(arr(&top[0], "items").len(), 5, "five core elements");
        for (g, n, kind) in [
            (&top[1], 11, "standard"),
            (&top[2], 6, "standard"),
            (&top[3], 3, "level"),
        ] {
            let subs = arr(g, "groups");
            assert_eq!(subs.len(), n, "{}: {n} standards or levels", text(g, "id"));
            for s in subs {
                assert_eq!(text(s, "kind"), kind, "{}", text(s, "id"));
                let k = arr(s, "items").len();
                assert!(
                    (3..=8).contains(&k),
                    "{}: {k} items, 3 to 8 expected",
                    text(s, "id")
                );
            }
        }
    }

    #[test]
    fn every_item_is_complete_with_provenance_and_names_the_2025_edition() {
        let p = read("safe2025-customs.json");
        let (groups, items) = tree(&p);
        let mut ids = std::collections::HashSet::new();
        for g in &groups {
            let id = text(g, "id");
            assert!(ids.insert(id), "{id}: duplicate id");
            check_provenance(id, g);
        }
        for i in &items {
            let id = text(i, "id");
            assert!(ids.insert(id), "{id}: duplicate id");
            for f in [
                "title",
                "requirement",
                "guidance",
                "shortfall",
                "reference",
                "criticality",
                "aim",
            ] {
                assert!(!text(i, f).trim().is_empty(), "{id}: {f}");
            }
            assert!(i["mandatory"].is_boolean(), "{id}: mandatory");
            assert!(
                i.get("roles").is_none(),
                "{id}: customs items carry no roles"
            );
            let n = arr(i, "evidence").len();
            assert!((2..=5).contains(&n), "{id}: {n} evidence examples");
            assert!(
                text(i, "reference").contains("SAFE 2025"),
                "{id}: reference names SAFE 2025"
            );
            check_provenance(id, i);
        }
    }

    #[test]
    fn every_group_and_item_is_complete_in_french() {
        let p = read("safe2025-customs.json");
        let fr = &p["translations"]["fr"];
        for f in ["title", "edition", "source"] {
            assert!(
                !text(fr, f).is_empty() && text(fr, f) != text(&p, f),
                "pack {f} in French"
            );
        }
        let (groups, items) = tree(&p);
        for g in &groups {
            let id = text(g, "id");
            let t = fr["groups"]
                .get(id)
                .unwrap_or_else(|| panic!("{id}: French entry"));
            check_french(g, t, &["title", "summary", "reference"], "instruments");
        }
        for i in &items {
            let id = text(i, "id");
            let t = fr["items"]
                .get(id)
                .unwrap_or_else(|| panic!("{id}: French entry"));
            check_french(
                i,
                t,
                &["title", "requirement", "guidance", "shortfall", "reference"],
                "evidence",
            );
        }
        let known: std::collections::HashSet<&str> =
            groups.iter().chain(&items).map(|v| text(v, "id")).collect();
        for key in ["groups", "items"] {
            for id in fr[key].as_object().map(|m| m.keys()).into_iter().flatten() {
                assert!(
                    known.contains(id.as_str()),
                    "French entry for unknown id {id}"
                );
            }
        }
    }

    #[test]
    fn supersedes_maps_every_2021_item() {
        let p = read("safe2025-customs.json");
        let old = read("safe2021-customs.json");
        let sup = &p["supersedes"];
        assert_eq!(sup["pack"], "safe2021-customs");
        assert_eq!(sup["version"], "1.0.0");
        let (_, new_items) = tree(&p);
        let (_, old_items) = tree(&old);
        let new_ids: std::collections::HashSet<&str> =
            new_items.iter().map(|i| text(i, "id")).collect();
        let old_ids: std::collections::HashSet<&str> =
            old_items.iter().map(|i| text(i, "id")).collect();
        let mut named_from = std::collections::HashSet::new();
        let mut named_to = std::collections::HashSet::new();
        for c in arr(sup, "changes") {
            assert!(!text(c, "note").is_empty(), "every change has a note");
            for f in arr(c, "from") {
                let f = f.as_str().unwrap_or("");
                assert!(old_ids.contains(f), "from {f} is a 2021 item");
                assert!(named_from.insert(f), "{f} in one change only");
            }
            for t in arr(c, "to") {
                let t = t.as_str().unwrap_or("");
                assert!(new_ids.contains(t), "to {t} is a 2025 item");
                named_to.insert(t);
            }
        }
        for o in &old_ids {
            assert!(
                new_ids.contains(o) || named_from.contains(o),
                "2021 item {o} kept or mapped"
            );
        }
        for n in &new_ids {
            assert!(
                old_ids.contains(n) || named_to.contains(n),
                "2025 item {n} is kept or listed"
            );
        }
    }
}

/// The SAFE 2025 trader pack, read as plain JSON (format 2 is checked here field by field, so this
/// test does not depend on the loader): sections A to M in order, enough items, roles on every
/// item and enough items for every role, provenance everywhere, and every text in French.
#[test]
fn safe2025_aeo_pack_has_sections_a_to_m_roles_provenance_and_french() {
    use safe_test_support::pack_json::read;
    use serde_json::Value;
    let text = |v: &Value, key: &str| -> String {
        v[key]
            .as_str()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| panic!("{}: {key} is a non-empty text", v["id"]))
            .to_owned()
    };
    let p = read("safe2025-aeo.json");
    assert_eq!(p["format"], 2);
    assert_eq!(p["id"], "safe2025-aeo");
    assert_eq!(p["profile"], "trader");
    assert_eq!(p["language"], "en");
    assert_eq!(p["supersedes"]["pack"], "safe2021-aeo");
    let role_ids: Vec<String> = read("roles.json")["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| text(r, "id"))
        .collect();
    let groups = p["groups"].as_array().expect("groups");
    let codes: Vec<&str> = groups.iter().filter_map(|g| g["code"].as_str()).collect();
    assert_eq!(
        codes,
        [
            "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"
        ]
    );
    let fr = &p["translations"]["fr"];
    for key in ["title", "edition", "source"] {
        assert_ne!(text(fr, key), text(&p, key), "pack {key} is translated");
    }
    // Every listed text of `en` has a French twin in `tr` that is not the English; arrays keep their length.
    let french = |id: &str, en: &Value, tr: &Value, fields: &[&str], array: &str| {
        assert!(tr.is_object(), "{id} has a French entry");
        for f in fields {
            let (e, t) = (text(en, f), tr[*f].as_str().unwrap_or(""));
            assert!(!t.trim().is_empty(), "{id}: French {f} missing");
            assert_ne!(e, t, "{id}: French {f} equals the English");
        }
        let e = en[array].as_array().cloned().unwrap_or_default();
        let t = tr[array].as_array().cloned().unwrap_or_default();
        assert_eq!(
            e.len(),
            t.len(),
            "{id}: French {array} has the English length"
        );
        for (a, b) in e.iter().zip(&t) {
            assert!(
                b.as_str()
                    .is_some_and(|s| !s.trim().is_empty() && Some(s) != a.as_str()),
                "{id}: French {array} entry {b}"
            );
        }
        if let Some(note) = en["provenance"]["note"].as_str() {
            let t = tr["note"].as_str().unwrap_or("");
            assert!(!t.is_empty() && t != note, "{id}: French provenance note");
        }
    };
    let provenance = |id: &str, v: &Value| {
        let pr = &v["provenance"];
        let basis = pr["basis"].as_str().unwrap_or("");
        assert!(
            ["safe", "wco-guidance", "national-practice", "best-practice"].contains(&basis),
            "{id}: basis {basis}"
        );
        let confidence = pr["confidence"].as_str().unwrap_or("");
        assert!(
            ["verified", "partial", "unverified"].contains(&confidence),
            "{id}: confidence {confidence}"
        );
        if basis == "national-practice" {
            assert!(
                pr["programme"]
                    .as_str()
                    .is_some_and(|s| !s.trim().is_empty()),
                "{id}: programme named"
            );
        }
    };
    let mut items = Vec::new();
    for g in groups {
        let gid = text(g, "id");
        assert_eq!(g["kind"], "section", "{gid}");
        provenance(&gid, g);
        french(
            &gid,
            g,
            &fr["groups"][&gid],
            &["title", "summary", "reference"],
            "instruments",
        );
        for i in g["items"].as_array().expect("items") {
            let iid = text(i, "id");
            provenance(&iid, i);
            assert!(
                text(i, "reference").contains("SAFE 2025"),
                "{iid}: reference names SAFE 2025"
            );
            let roles: Vec<&str> = i["roles"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            assert!(!roles.is_empty(), "{iid} names roles");
            assert!(
                roles
                    .iter()
                    .all(|r| *r == "all" || role_ids.iter().any(|k| k == r)),
                "{iid}: known roles {roles:?}"
            );
            let evidence = i["evidence"].as_array().map_or(0, Vec::len);
            assert!(
                (2..=5).contains(&evidence),
                "{iid}: 2 to 5 evidence examples, {evidence}"
            );
            french(
                &iid,
                i,
                &fr["items"][&iid],
                &["title", "requirement", "guidance", "shortfall", "reference"],
                "evidence",
            );
            items.push((iid, roles));
        }
    }
    assert!(items.len() >= 70, "70 items or more, found {}", items.len());
    for role in &role_ids {
        let n = items
            .iter()
            .filter(|(_, r)| r.iter().any(|x| *x == "all" || x == role))
            .count();
        assert!(n >= 40, "role {role} gets {n} items");
    }
    let translated = fr["items"].as_object().map_or(0, |m| m.len());
    assert_eq!(
        translated,
        items.len(),
        "French entries only for items of the pack"
    );
}

mod ctpat;
mod eu_aeo;
mod iso28000;
mod precursors;
