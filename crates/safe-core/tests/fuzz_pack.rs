//! Fuzzing the catalogue pack parser with a fixed budget, as an ordinary test: mutated, truncated
//! and spliced pack files must be refused with an error (or accepted when still valid), never panic.
//! A case that once failed would be added to `regressions` below.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the report

use proptest::prelude::*;
use safe_core::catalogue::{Pack, builtin_roles};

const SMALL: &str = r#"{"format":1,"id":"n","title":"N","edition":"E","date":"2024-01-01","version":"1.0.0",
"profile":"trader","source":"S","groups":[{"id":"G","kind":"section","code":"A","title":"G","summary":"s",
"reference":"r","groups":[{"id":"G.S","kind":"standard","title":"t","summary":"s","reference":"r",
"items":[{"id":"G.1","title":"t","requirement":"q","guidance":"g","shortfall":"f","evidence":["e","f"],
"reference":"r","roles":["importer"],"criticality":"major","mandatory":true,"aim":"prevent-exploitation"}]}]}]}"#;

const AEO: &str = include_str!("../../../assets/catalogue/safe2021-aeo.json");

fn parse(bytes: &[u8]) {
    // Packs are read as UTF-8 text; invalid UTF-8 is refused before parsing.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = Pack::parse("fuzz.json", text, &builtin_roles());
    }
}

fn mutate(base: &str, edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut b = base.as_bytes().to_vec();
    for (pos, byte) in edits {
        let p = pos % b.len();
        b[p] = *byte;
    }
    if let Some(c) = cut {
        b.truncate(c % (b.len() + 1));
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn small_pack_mutations_never_panic(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..8), cut in prop::option::of(any::<usize>())) {
        parse(&mutate(SMALL, &edits, cut));
    }

    #[test]
    fn printable_mutations_keep_json_shape_and_never_panic(edits in prop::collection::vec((any::<usize>(), 0x20u8..0x7f), 1..4)) {
        parse(&mutate(SMALL, &edits, None));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn real_pack_mutations_never_panic(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..4), cut in prop::option::of(any::<usize>())) {
        parse(&mutate(AEO, &edits, cut));
    }
}

#[test]
fn regressions() {
    let roles = builtin_roles();
    for bad in [
        "",
        "{",
        "[]",
        "null",
        r#"{"format":1}"#,
        r#"{"format":99999999999999999999}"#,
        "\u{feff}{}",
    ] {
        assert!(
            Pack::parse("r.json", bad, &roles).is_err(),
            "{bad:?} is refused"
        );
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(
        Pack::parse("deep.json", &deep, &roles).is_err(),
        "deep nesting is refused, not a stack overflow"
    );
    assert!(
        Pack::parse("ok.json", SMALL, &roles).is_ok(),
        "the seed is valid"
    );
}
