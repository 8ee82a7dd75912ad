//! The ISO 28000:2022 trader pack, read as plain JSON: clauses 4 to 10 in order, every item
//! complete, provenance labelled good practice with the standard named, every text in French.
//! The JSON helpers in [`json`] are shared with `precursors.rs`.

use serde_json::Value;

/// Reading a format 2 pack as plain JSON, so these tests do not depend on the loader.
pub(crate) mod json {
    use serde_json::Value;

    pub(crate) fn read(name: &str) -> Value {
        let path = format!(
            "{}/../../assets/catalogue/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub(crate) fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
        v.get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub(crate) fn text<'a>(v: &'a Value, key: &str) -> &'a str {
        v.get(key).and_then(Value::as_str).unwrap_or("")
    }

    /// The top-level groups and, per group, its items (these packs are one level deep).
    pub(crate) fn sections(p: &Value) -> Vec<(&Value, &[Value])> {
        arr(p, "groups")
            .iter()
            .map(|g| {
                assert!(
                    arr(g, "groups").is_empty(),
                    "{}: one level of groups",
                    text(g, "id")
                );
                (g, arr(g, "items"))
            })
            .collect()
    }

    /// A text that may stay the same in French: codes such as "A" or "10".
    fn is_code(s: &str) -> bool {
        s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " .-".contains(c))
    }

    /// Every item field is there and thick enough to answer; evidence has 2 to 5 entries.
    pub(crate) fn check_item_complete(i: &Value) {
        let id = text(i, "id");
        for (f, words) in [
            ("title", 2),
            ("requirement", 8),
            ("guidance", 15),
            ("shortfall", 5),
            ("reference", 3),
        ] {
            let n = text(i, f).split_whitespace().count();
            assert!(
                n >= words,
                "{id}: {f} has {n} words, {words} or more expected"
            );
        }
        for (f, allowed) in [
            ("criticality", &["critical", "major", "minor"][..]),
            (
                "aim",
                &[
                    "prevent-exploitation",
                    "protect-critical-nodes",
                    "resilience-recovery",
                ][..],
            ),
        ] {
            assert!(allowed.contains(&text(i, f)), "{id}: {f} {:?}", i.get(f));
        }
        assert!(i["mandatory"].is_boolean(), "{id}: mandatory");
        let n = arr(i, "evidence").len();
        assert!((2..=5).contains(&n), "{id}: {n} evidence examples");
        for e in arr(i, "evidence") {
            assert!(
                e.as_str().is_some_and(|s| !s.trim().is_empty()),
                "{id}: evidence entry"
            );
        }
    }

    /// The basis is one of `bases`, the confidence is known, and a note says how it was checked.
    pub(crate) fn check_provenance<'a>(v: &'a Value, bases: &[&str]) -> &'a Value {
        let id = text(v, "id");
        let p = v
            .get("provenance")
            .unwrap_or_else(|| panic!("{id}: provenance"));
        assert!(
            bases.contains(&text(p, "basis")),
            "{id}: basis {:?}, expected one of {bases:?}",
            p.get("basis")
        );
        assert!(
            ["verified", "partial", "unverified"].contains(&text(p, "confidence")),
            "{id}: confidence {:?}",
            p.get("confidence")
        );
        assert!(
            !text(p, "note").trim().is_empty(),
            "{id}: the note says how the reference was checked"
        );
        p
    }

    /// Every listed text of `en` has a French twin in `fr` that is not the English (codes
    /// aside); `array` keeps its length; the provenance note is translated.
    pub(crate) fn check_french(en: &Value, fr: &Value, fields: &[&str], array: &str) {
        let id = text(en, "id");
        assert!(fr.is_object(), "{id}: French entry");
        for f in fields {
            let (e, t) = (text(en, f), text(fr, f));
            assert!(!t.trim().is_empty(), "{id}: French {f} missing");
            assert!(
                t != e || is_code(e),
                "{id}: French {f} equals the English: {t}"
            );
        }
        let (e, t) = (arr(en, array), arr(fr, array));
        assert_eq!(
            t.len(),
            e.len(),
            "{id}: French {array} has the English length"
        );
        for (x, y) in t.iter().zip(e) {
            let x = x.as_str().unwrap_or("");
            assert!(!x.trim().is_empty(), "{id}: French {array} entry empty");
            assert!(
                Some(x) != y.as_str(),
                "{id}: French {array} entry equals the English: {x}"
            );
        }
        let note = en.get("provenance").map_or("", |p| text(p, "note"));
        if !note.is_empty() {
            let t = text(fr, "note");
            assert!(!t.is_empty() && t != note, "{id}: French provenance note");
        }
    }

    /// The pack's own texts and every group and item are in French, and French entries name
    /// only ids of the pack.
    pub(crate) fn check_all_french(p: &Value) {
        let fr = &p["translations"]["fr"];
        for f in ["title", "edition", "source"] {
            assert!(
                !text(fr, f).is_empty() && text(fr, f) != text(p, f),
                "pack {f} in French"
            );
        }
        let mut ids = std::collections::HashSet::new();
        for (g, items) in sections(p) {
            let gid = text(g, "id");
            ids.insert(gid);
            check_french(
                g,
                &fr["groups"][gid],
                &["title", "summary", "reference"],
                "instruments",
            );
            for i in items {
                let iid = text(i, "id");
                ids.insert(iid);
                check_french(
                    i,
                    &fr["items"][iid],
                    &["title", "requirement", "guidance", "shortfall", "reference"],
                    "evidence",
                );
            }
        }
        for key in ["groups", "items"] {
            for id in fr[key].as_object().map(|m| m.keys()).into_iter().flatten() {
                assert!(
                    ids.contains(id.as_str()),
                    "French entry for unknown id {id}"
                );
            }
        }
    }

    /// The item ids of a pack file, at any depth of its tree.
    pub(crate) fn item_ids(p: &Value) -> std::collections::HashSet<String> {
        fn walk(groups: &[Value], out: &mut std::collections::HashSet<String>) {
            for g in groups {
                out.extend(arr(g, "items").iter().map(|i| text(i, "id").to_string()));
                walk(arr(g, "groups"), out);
            }
        }
        let mut out = std::collections::HashSet::new();
        walk(arr(p, "groups"), &mut out);
        out
    }

    /// A crosswalk file (`assets/crosswalk/`, format 1) read as plain JSON: its id names the two
    /// packs, every link joins existing items with a known relationship and a one-line rationale,
    /// no pair twice. Returns the links.
    pub(crate) fn check_crosswalk(name: &str, from: &Value, to: &Value) -> Vec<Value> {
        let path = format!(
            "{}/../../assets/crosswalk/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let x: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(x["format"], 1, "{name}: format");
        let (f, t) = (text(from, "id"), text(to, "id"));
        assert_eq!((text(&x, "from"), text(&x, "to")), (f, t), "{name}: packs");
        assert_eq!(text(&x, "id"), format!("{f}--{t}"), "{name}: id");
        assert_eq!(name, format!("{f}--{t}.json"), "{name}: file name");
        assert!(!text(&x, "title").is_empty(), "{name}: title");
        assert!(
            !text(&x["translations"]["fr"], "title").is_empty(),
            "{name}: French title"
        );
        let basis = ["published-comparison", "project-analysis"];
        assert!(
            basis.contains(&text(&x["provenance"], "basis")),
            "{name}: basis"
        );
        assert!(
            !text(&x["provenance"], "source").is_empty(),
            "{name}: source"
        );
        let (from_ids, to_ids) = (item_ids(from), item_ids(to));
        let mut pairs = std::collections::HashSet::new();
        for l in arr(&x, "links") {
            let (a, b) = (text(l, "from"), text(l, "to"));
            assert!(from_ids.contains(a), "{name}: from {a} is an item of {f}");
            assert!(to_ids.contains(b), "{name}: to {b} is an item of {t}");
            assert!(
                ["equal", "subset", "superset", "intersects"].contains(&text(l, "relationship")),
                "{name}: {a} -> {b} relationship"
            );
            let why = text(l, "rationale");
            assert!(
                !why.trim().is_empty() && !why.contains('\n'),
                "{name}: {a} -> {b} has a one-line rationale"
            );
            if let Some(b) = l.get("basis") {
                assert!(
                    basis.contains(&b.as_str().unwrap_or("")),
                    "{name}: link basis"
                );
            }
            assert!(pairs.insert((a, b)), "{name}: {a} -> {b} twice");
        }
        arr(&x, "links").to_vec()
    }

    /// Every English and French text of the pack, for word checks.
    pub(crate) fn all_texts(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| all_texts(x, out)),
            Value::Object(m) => m.values().for_each(|x| all_texts(x, out)),
            _ => {}
        }
    }
}

use json::{arr, check_all_french, check_item_complete, check_provenance, read, sections, text};

const FILE: &str = "iso28000-2022.json";

#[test]
fn clauses_4_to_10_in_order_with_pinned_item_counts() {
    let p = read(FILE);
    assert_eq!(p["format"], 2);
    assert_eq!(p["id"], "iso28000-2022");
    assert_eq!(p["version"], "1.0.0");
    assert_eq!(p["profile"], "trader");
    assert_eq!(p["language"], "en");
    assert!(
        p.get("supersedes").is_none(),
        "the first ISO pack replaces none"
    );
    let got: Vec<(&str, &str, usize)> = sections(&p)
        .iter()
        .map(|(g, items)| (text(g, "code"), text(g, "title"), items.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("4", "Context of the organization", 5),
            ("5", "Leadership", 4),
            ("6", "Planning", 4),
            ("7", "Support", 5),
            ("8", "Operation", 7),
            ("9", "Performance evaluation", 3),
            ("10", "Improvement", 2),
        ]
    );
    for (g, items) in sections(&p) {
        let code = text(g, "code");
        assert_eq!(text(g, "id"), format!("ISO.{code}"));
        assert_eq!(text(g, "kind"), "section");
        assert!(
            text(g, "reference").starts_with(&format!("ISO 28000:2022, clause {code} (")),
            "{}: reference names the clause",
            text(g, "id")
        );
        // Items follow the subclause order of their clause: 4.1, 4.2.1, 4.2.2, ...
        let mut last: Vec<u32> = Vec::new();
        for (n, i) in items.iter().enumerate() {
            let id = text(i, "id");
            assert_eq!(
                id,
                format!("ISO.{code}.{:02}", n + 1),
                "ids numbered in order"
            );
            let reference = text(i, "reference");
            let clause = reference
                .strip_prefix("ISO 28000:2022, clause ")
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or_else(|| panic!("{id}: reference names a clause: {reference}"));
            let parts: Vec<u32> = clause
                .split('.')
                .map(|x| {
                    x.parse()
                        .unwrap_or_else(|_| panic!("{id}: clause {clause}"))
                })
                .collect();
            assert_eq!(
                parts[0].to_string(),
                code,
                "{id}: subclause {clause} of clause {code}"
            );
            assert!(parts >= last, "{id}: subclause {clause} out of order");
            last = parts;
        }
    }
}

#[test]
fn every_item_is_complete_for_all_roles_and_mandatory() {
    let p = read(FILE);
    let mut ids = std::collections::HashSet::new();
    let mut aims = std::collections::HashSet::new();
    for (g, items) in sections(&p) {
        assert!(ids.insert(text(g, "id")));
        assert!(
            !arr(g, "instruments").is_empty(),
            "{}: instruments",
            text(g, "id")
        );
        for i in items {
            let id = text(i, "id");
            assert!(ids.insert(id), "{id}: duplicate id");
            check_item_complete(i);
            let roles: Vec<&str> = arr(i, "roles").iter().filter_map(Value::as_str).collect();
            assert_eq!(
                roles,
                ["all"],
                "{id}: a management system applies to every role"
            );
            assert_eq!(
                i["mandatory"], true,
                "{id}: certification needs every requirement of clauses 4 to 10"
            );
            aims.insert(text(i, "aim"));
        }
    }
    assert_eq!(aims.len(), 3, "every aim is served");
}

#[test]
fn provenance_is_good_practice_naming_the_standard_and_clause_8_is_not_verified() {
    let p = read(FILE);
    for (g, items) in sections(&p) {
        for v in std::iter::once(g).chain(items.iter()) {
            let pr = check_provenance(v, &["best-practice"]);
            assert_eq!(
                text(pr, "programme"),
                "ISO 28000:2022",
                "{}: the standard is named",
                text(v, "id")
            );
            if text(g, "code") == "8" {
                assert_ne!(
                    text(pr, "confidence"),
                    "verified",
                    "{}: clause 8 subclause titles were not seen in the standard",
                    text(v, "id")
                );
            }
        }
    }
}

#[test]
fn texts_paraphrase_the_standard_and_are_complete_in_french() {
    let p = read(FILE);
    check_all_french(&p);
    let mut texts = Vec::new();
    json::all_texts(&p["groups"], &mut texts);
    for t in &texts {
        // The standard states its requirements with "shall"; the pack says them in its own words.
        assert!(
            !t.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("shall")),
            "normative wording copied from the standard? {t}"
        );
    }
    let fr = &p["translations"]["fr"];
    assert!(text(fr, "title").contains("management de la sécurité"));
}

#[test]
fn the_pack_loads_and_safe_2025_stays_the_default_for_traders() {
    let lib = safe_core::catalogue::Library::builtin().expect("built-in packs load");
    let pack = lib.get("iso28000-2022").expect("built in");
    assert_eq!(pack.items().len(), 30);
    let default = lib
        .default_for(safe_core::catalogue::Profile::Trader)
        .expect("a default trader pack");
    assert_eq!(default.id, "safe2025-aeo");
}

#[test]
fn crosswalk_from_safe_2025_aeo_joins_existing_items() {
    let links = json::check_crosswalk(
        "safe2025-aeo--iso28000-2022.json",
        &read("safe2025-aeo.json"),
        &read(FILE),
    );
    assert!(links.len() >= 20, "{} links", links.len());
    // No published item-level comparison exists: every link is the project's own analysis, and
    // none claims that answering a SAFE item answers an ISO clause outright.
    for l in &links {
        assert_ne!(l["relationship"], "equal", "{l}");
        assert!(
            l.get("basis").is_none(),
            "{l}: no published comparison to cite"
        );
    }
    let to: std::collections::HashSet<&str> = links.iter().map(|l| text(l, "to")).collect();
    for clause in ["ISO.6.02", "ISO.8.06", "ISO.9.02", "ISO.9.03"] {
        assert!(
            to.contains(clause),
            "risk, plans, audit and review are linked: {clause}"
        );
    }
}
