//! The CTPAT Minimum Security Criteria pack (`ctpat-msc`), read as plain JSON so that each
//! format 2 field is checked here: three focus areas, twelve categories in CBP's order, criterion
//! numbers in ids and references, Must criteria mandatory, every CTPAT sector's role served,
//! provenance on every node and every text in French.

use std::collections::{BTreeMap, HashSet};

use safe_core::catalogue::Profile;
use serde_json::Value;

use safe_test_support::pack_json::{arr, read, text};

use super::{lib, pack};

/// (category group, item) pairs in document order.
fn items(p: &Value) -> Vec<(&Value, &Value)> {
    let mut out = Vec::new();
    for area in arr(p, "groups") {
        for cat in arr(area, "groups") {
            for i in arr(cat, "items") {
                out.push((cat, i));
            }
        }
    }
    out
}

fn all_groups(p: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for area in arr(p, "groups") {
        out.push(area);
        out.extend(arr(area, "groups"));
    }
    out
}

/// The CTPAT enrolment sectors, as the app's roles (see the pack's `source`).
const SECTOR_ROLES: [&str; 12] = [
    "importer",
    "exporter",
    "manufacturer",
    "carrier-road",
    "carrier-rail",
    "carrier-sea",
    "carrier-air",
    "freight-forwarder",
    "customs-broker",
    "logistics-provider",
    "warehouse-keeper",
    "terminal-operator",
];

/// Items whose id kept the number of version 1.0.0 while their reference was corrected in 1.0.1
/// (ids are stored with users' answers): (item id, the criterion its reference names).
const RENUMBERED: [(&str, &str); 2] = [("CTPAT.6.5", "6.1"), ("CTPAT.8.2", "8.1")];

#[test]
fn three_focus_areas_and_twelve_categories_in_cbp_order() {
    let p = read("ctpat-msc.json");
    assert_eq!(p["format"], 2);
    assert_eq!(p["id"], "ctpat-msc");
    assert_eq!(p["version"], "1.0.1");
    assert_eq!(p["profile"], "trader");
    assert_eq!(p["language"], "en");
    assert!(p.get("supersedes").is_none(), "CTPAT replaces no pack");
    let areas = arr(&p, "groups");
    let titles: Vec<&str> = areas.iter().map(|g| text(g, "title")).collect();
    assert_eq!(
        titles,
        [
            "Corporate Security",
            "Transportation Security",
            "People and Physical Security"
        ]
    );
    let mut cats = Vec::new();
    for a in areas {
        assert_eq!(text(a, "kind"), "part", "{}", text(a, "id"));
        assert!(
            arr(a, "items").is_empty(),
            "focus areas hold categories only"
        );
        let sub = arr(a, "groups");
        assert_eq!(sub.len(), 4, "{}: four categories", text(a, "id"));
        cats.extend(sub);
    }
    let codes: Vec<&str> = cats.iter().map(|c| text(c, "code")).collect();
    assert_eq!(
        codes,
        [
            "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"
        ]
    );
    let names: Vec<&str> = cats.iter().map(|c| text(c, "title")).collect();
    assert_eq!(
        names,
        [
            "Security Vision and Responsibility",
            "Risk Assessment",
            "Business Partners",
            "Cybersecurity",
            "Conveyance and Instruments of International Traffic Security",
            "Seal Security",
            "Procedural Security",
            "Agricultural Security",
            "Physical Security",
            "Physical Access Controls",
            "Personnel Security",
            "Education, Training and Awareness",
        ]
    );
    for c in &cats {
        assert_eq!(text(c, "kind"), "section", "{}", text(c, "id"));
        let n = arr(c, "items").len();
        assert!(
            (2..=10).contains(&n),
            "{}: {n} items, 2 to 10 expected",
            text(c, "id")
        );
    }
    assert!(
        items(&p).len() >= 50,
        "a faithful selection: 50 items or more"
    );
}

#[test]
fn ids_and_references_keep_the_criterion_number_and_must_is_mandatory() {
    let p = read("ctpat-msc.json");
    let mut numbers = Vec::new();
    let (mut must, mut should) = (0, 0);
    for (cat, i) in items(&p) {
        let id = text(i, "id");
        let number = id
            .strip_prefix("CTPAT.")
            .unwrap_or_else(|| panic!("{id}: id is CTPAT.<criterion>"));
        let (c, seq) = number
            .split_once('.')
            .unwrap_or_else(|| panic!("{id}: criterion is category.sequence"));
        assert_eq!(c, text(cat, "code"), "{id} sits in its category");
        assert!(seq.parse::<u32>().is_ok(), "{id}: numeric sequence");
        let reference = text(i, "reference");
        let criterion = RENUMBERED
            .iter()
            .find(|(i, _)| *i == id)
            .map_or(number, |(_, c)| *c);
        assert!(
            reference.contains(&format!("criterion {criterion} ")),
            "{id}: reference names criterion {criterion}: {reference}"
        );
        let mandatory = i["mandatory"]
            .as_bool()
            .unwrap_or_else(|| panic!("{id}: mandatory"));
        let label = if mandatory { "Must" } else { "Should" };
        assert!(
            reference.ends_with(&format!(", {label}")),
            "{id}: a {label} criterion (mandatory {mandatory}): {reference}"
        );
        if mandatory {
            must += 1;
        } else {
            should += 1;
            assert_ne!(
                text(i, "criticality"),
                "critical",
                "{id}: a Should criterion is not critical"
            );
        }
        numbers.push(number);
    }
    assert!(
        must > 0 && should > 0,
        "both Must ({must}) and Should ({should})"
    );
    for n in ["3.5", "7.37", "11.5"] {
        assert!(numbers.contains(&n), "criterion {n} is covered");
    }
    for n in ["7.37", "11.5"] {
        assert!(
            text(&p, "source").contains(n),
            "the source says {n} was added in 2019"
        );
    }
    for (id, c) in RENUMBERED {
        assert!(
            text(&p, "source").contains(&format!("{id} ")) && text(&p, "source").contains(c),
            "the source says why {id} cites criterion {c}"
        );
    }
    // Items follow CBP's numbering inside each category.
    let key = |n: &str| -> (u32, u32) {
        let (a, b) = n.split_once('.').unwrap_or(("0", "0"));
        (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
    };
    let mut sorted = numbers.clone();
    sorted.sort_by_key(|n| key(n));
    assert_eq!(numbers, sorted, "items in criterion order");
}

#[test]
fn every_item_is_complete_and_every_sector_role_is_served() {
    let p = read("ctpat-msc.json");
    let roles = read("roles.json");
    let known: HashSet<&str> = arr(&roles, "roles").iter().map(|r| text(r, "id")).collect();
    let mut per_role: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ids = HashSet::new();
    for g in all_groups(&p) {
        assert!(ids.insert(text(g, "id")), "{}: duplicate id", text(g, "id"));
    }
    for (cat, i) in items(&p) {
        let id = text(i, "id");
        assert!(ids.insert(id), "{id}: duplicate id");
        for (f, words) in [
            ("title", 1),
            ("requirement", 8),
            ("guidance", 15),
            ("shortfall", 5),
            ("reference", 3),
        ] {
            let n = text(i, f).split_whitespace().count();
            assert!(n >= words, "{id}: {f} has {n} words");
        }
        let ev = arr(i, "evidence");
        assert!(
            (2..=5).contains(&ev.len()),
            "{id}: 2 to 5 evidence examples"
        );
        assert!(
            ["critical", "major", "minor"].contains(&text(i, "criticality")),
            "{id}: criticality"
        );
        assert!(
            [
                "prevent-exploitation",
                "protect-critical-nodes",
                "resilience-recovery"
            ]
            .contains(&text(i, "aim")),
            "{id}: aim"
        );
        let item_roles: Vec<&str> = arr(i, "roles").iter().filter_map(Value::as_str).collect();
        assert!(!item_roles.is_empty(), "{id}: roles");
        for r in &item_roles {
            assert!(known.contains(r), "{id}: role {r} is in roles.json");
            assert!(
                SECTOR_ROLES.contains(r),
                "{id}: role {r} is one of the CTPAT sectors' roles"
            );
            *per_role.entry(r).or_default() += 1;
        }
        // Brokers handle no cargo, seals or conveyances.
        if ["5", "6", "8"].contains(&text(cat, "code")) {
            assert!(
                !item_roles.contains(&"customs-broker"),
                "{id}: not for customs brokers"
            );
        }
    }
    for r in SECTOR_ROLES {
        let n = per_role.get(r).copied().unwrap_or(0);
        assert!(n >= 30, "role {r} gets {n} items");
    }
}

#[test]
fn provenance_is_ctpat_national_practice_with_honest_confidence() {
    let p = read("ctpat-msc.json");
    let check = |id: &str, v: &Value| -> String {
        let pr = &v["provenance"];
        assert_eq!(
            text(pr, "basis"),
            "national-practice",
            "{id}: CTPAT is a national programme"
        );
        assert_eq!(text(pr, "programme"), "CTPAT (US CBP)", "{id}: programme");
        let c = text(pr, "confidence");
        assert!(
            ["verified", "partial", "unverified"].contains(&c),
            "{id}: confidence {c}"
        );
        assert!(
            !text(pr, "note").is_empty(),
            "{id}: a note says how it was checked"
        );
        c.to_string()
    };
    for g in all_groups(&p) {
        assert_eq!(
            check(text(g, "id"), g),
            "verified",
            "{}: focus areas and categories are confirmed",
            text(g, "id")
        );
    }
    let mut verified = Vec::new();
    for (_, i) in items(&p) {
        let id = text(i, "id");
        if check(id, i) == "verified" {
            verified.push(id);
        }
    }
    assert_eq!(
        verified,
        [
            "CTPAT.1.1",
            "CTPAT.1.2",
            "CTPAT.3.1",
            "CTPAT.3.4",
            "CTPAT.4.1",
            "CTPAT.4.2",
            "CTPAT.6.1",
            "CTPAT.6.2",
            "CTPAT.7.37",
            "CTPAT.8.1",
            "CTPAT.8.2",
            "CTPAT.11.5",
        ],
        "only the items checked against a named source (1.0.1) are verified"
    );
    for (_, i) in items(&p) {
        let pr = &i["provenance"];
        if text(pr, "confidence") == "verified" {
            let note = text(pr, "note");
            assert!(
                [".org", ".com", ".net", "scribd", "CBP"]
                    .iter()
                    .any(|s| note.contains(s)),
                "{}: a verified reference names its source: {note}",
                text(i, "id")
            );
        }
    }
}

#[test]
fn every_text_is_in_french_and_not_the_english() {
    let p = read("ctpat-msc.json");
    let fr = &p["translations"]["fr"];
    for f in ["title", "edition", "source"] {
        assert!(
            !text(fr, f).is_empty() && text(fr, f) != text(&p, f),
            "pack {f} in French"
        );
    }
    let french = |id: &str, en: &Value, tr: &Value, fields: &[&str], list: &str| {
        assert!(tr.is_object(), "{id}: French entry");
        for f in fields {
            let (e, t) = (text(en, f), text(tr, f));
            assert!(!t.trim().is_empty(), "{id}: French {f} missing");
            assert_ne!(e, t, "{id}: French {f} equals the English");
        }
        let (e, t) = (arr(en, list), arr(tr, list));
        assert_eq!(
            e.len(),
            t.len(),
            "{id}: French {list} has the English length"
        );
        for (a, b) in e.iter().zip(t) {
            let b = b.as_str().unwrap_or("");
            assert!(
                !b.trim().is_empty() && Some(b) != a.as_str(),
                "{id}: French {list} entry {b:?}"
            );
        }
        let note = text(&en["provenance"], "note");
        let t = text(tr, "note");
        assert!(!t.is_empty() && t != note, "{id}: French provenance note");
    };
    let groups = all_groups(&p);
    for g in &groups {
        let id = text(g, "id");
        french(
            id,
            g,
            &fr["groups"][id],
            &["title", "summary", "reference"],
            "instruments",
        );
    }
    let items = items(&p);
    for (_, i) in &items {
        let id = text(i, "id");
        french(
            id,
            i,
            &fr["items"][id],
            &["title", "requirement", "guidance", "shortfall", "reference"],
            "evidence",
        );
    }
    let count = |k: &str| fr[k].as_object().map_or(0, |m| m.len());
    assert_eq!(
        count("groups"),
        groups.len(),
        "French only for this pack's groups"
    );
    assert_eq!(
        count("items"),
        items.len(),
        "French only for this pack's items"
    );
}

#[test]
fn library_loads_the_pack_and_keeps_safe2025_as_the_trader_default() {
    let lib = lib();
    let p = pack(&lib, "ctpat-msc");
    assert_eq!(p.profile, Profile::Trader);
    assert_eq!(p.items().len(), items(&read("ctpat-msc.json")).len());
    let default = lib.default_for(Profile::Trader).map(|p| p.id.as_str());
    assert_eq!(
        default,
        Some("safe2025-aeo"),
        "a new trader assessment still starts on SAFE 2025 unless CTPAT is named"
    );
    for role in SECTOR_ROLES {
        let n = p
            .items()
            .iter()
            .filter(|i| i.applies_to(&[role.to_string()]))
            .count();
        assert!(n > 0, "{role} gets items through the loader");
    }
}
