//! Pack and crosswalk files (`assets/catalogue/`, `assets/crosswalk/`) read as plain JSON, so
//! the content tests check each field as written and do not depend on the loader; and the
//! completeness checks every pack's content test applies.

use serde_json::Value;

/// The pack file `name` of `assets/catalogue/`.
pub fn read(name: &str) -> Value {
    let path = format!(
        "{}/../../assets/catalogue/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The array at `key` (empty when missing).
pub fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The text at `key` (empty when missing).
pub fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The top-level groups and, per group, its items (these packs are one level deep).
pub fn sections(p: &Value) -> Vec<(&Value, &[Value])> {
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

/// A text that may stay the same in French: codes such as "A", "10" or "P1".
pub fn is_code(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " .-".contains(c))
}

/// Every item field is there and thick enough to answer; evidence has 2 to 5 entries.
pub fn check_item_complete(i: &Value) {
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
pub fn check_provenance<'a>(v: &'a Value, bases: &[&str]) -> &'a Value {
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
pub fn check_french(en: &Value, fr: &Value, fields: &[&str], array: &str) {
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
pub fn check_all_french(p: &Value) {
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
pub fn item_ids(p: &Value) -> std::collections::HashSet<String> {
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
pub fn check_crosswalk(name: &str, from: &Value, to: &Value) -> Vec<Value> {
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
pub fn all_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| all_texts(x, out)),
        Value::Object(m) => m.values().for_each(|x| all_texts(x, out)),
        _ => {}
    }
}
