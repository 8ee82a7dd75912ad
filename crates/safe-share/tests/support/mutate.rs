//! Mutations of a seed file: bytes anywhere, and edits of its members (JSON values, names,
//! content) before the archive is rebuilt.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{SeedFile, seeds};

pub fn seed(redacted: bool) -> &'static SeedFile {
    if redacted {
        &seeds().redacted
    } else {
        &seeds().full
    }
}

// ---------------------------------------------------------------------------------------------
// Whole-file byte mutations.

#[derive(Debug, Clone)]
pub enum ByteEdit {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
}

pub fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        4 => (any::<usize>(), 1..=255u8).prop_map(|(p, x)| ByteEdit::Flip(p, x)),
        1 => any::<usize>().prop_map(ByteEdit::Cut),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..64)).prop_map(|(p, b)| ByteEdit::Insert(p, b)),
        1 => (any::<usize>(), 1..512usize).prop_map(|(p, n)| ByteEdit::Remove(p, n)),
    ]
}

pub fn apply_bytes(mut b: Vec<u8>, edits: &[ByteEdit]) -> Vec<u8> {
    for e in edits {
        let len = b.len().max(1);
        match e {
            ByteEdit::Flip(p, x) => {
                if !b.is_empty() {
                    b[p % len] ^= x;
                }
            }
            ByteEdit::Cut(p) => b.truncate(p % (b.len() + 1)),
            ByteEdit::Insert(p, bytes) => {
                let at = p % (b.len() + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            ByteEdit::Remove(p, n) => {
                let at = p % (b.len() + 1);
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
        }
    }
    b
}

// ---------------------------------------------------------------------------------------------
// Rebuilt archives.

/// A member name to add or rename to.
#[derive(Debug, Clone)]
pub enum Name {
    Known(u8),
    Existing(usize),
    Long(usize),
    Random(Vec<u8>),
}

pub const ODD_NAMES: &[&[u8]] = &[
    b"../evil",
    b"evidence/../manifest.json",
    b"/etc/passwd",
    b"\\manifest.json",
    b"C:\\x",
    b"C:/x",
    b"evidence\\x",
    b"./manifest.json",
    b"manifest.json\0.txt",
    b"manifest.json/",
    b"evidence/",
    b"evidence//x",
    b"Manifest.json",
    b"manifest.json ",
    b"evidence/0000000000000000000000000000000000000000000000000000000000000000",
    b"evidence/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    b"\xff\xfe\xfdmanifest.json",
    b"manifest\xc3(.json",
    b"",
    b"notes.txt",
    b"\x1b[31mred",
];

pub fn name_bytes(n: &Name, members: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    match n {
        Name::Known(k) => ODD_NAMES[*k as usize % ODD_NAMES.len()].to_vec(),
        Name::Existing(i) => members
            .get(i % members.len().max(1))
            .map(|m| m.0.clone())
            .unwrap_or_default(),
        Name::Long(len) => {
            let mut v = b"evidence/".to_vec();
            v.resize(*len, b'a');
            v
        }
        Name::Random(b) => b.clone(),
    }
}

/// Content to put in a member.
#[derive(Debug, Clone, Copy)]
pub enum Junk {
    DeepArrays(usize),
    DeepObjects(usize),
    HugeString(usize),
    HugeArray(usize),
    NotUtf8,
    Empty,
    Bom,
    Random(u64, usize),
}

pub fn junk(j: Junk) -> Vec<u8> {
    match j {
        Junk::DeepArrays(n) => format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes(),
        Junk::DeepObjects(n) => format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n)).into_bytes(),
        Junk::HugeString(n) => format!(r#"{{"format":1,"x":"{}"}}"#, "x".repeat(n)).into_bytes(),
        Junk::HugeArray(n) => format!("[{}0]", "0,".repeat(n)).into_bytes(),
        Junk::NotUtf8 => b"{\"format\":1,\"title\":\"\xff\xfe\"}".to_vec(),
        Junk::Empty => Vec::new(),
        Junk::Bom => b"\xef\xbb\xbf{\"format\":1}".to_vec(),
        Junk::Random(seed, len) => {
            let mut x = seed | 1;
            (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect()
        }
    }
}

pub fn junk_strategy() -> impl Strategy<Value = Junk> {
    prop_oneof![
        (1..200_000usize).prop_map(Junk::DeepArrays),
        (1..50_000usize).prop_map(Junk::DeepObjects),
        (0..3_000_000usize).prop_map(Junk::HugeString),
        (0..500_000usize).prop_map(Junk::HugeArray),
        Just(Junk::NotUtf8),
        Just(Junk::Empty),
        Just(Junk::Bom),
        (any::<u64>(), 0..4096usize).prop_map(|(s, n)| Junk::Random(s, n)),
    ]
}

/// A value to put somewhere in a JSON member.
pub fn interesting(k: usize) -> Value {
    let s = seeds();
    let items = s.full.opened.pack.items();
    let other_sha = &s.full.opened.bundle.evidence[1].evidence.sha256;
    let fixed = [
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(2),
        json!(u32::MAX),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e308),
        json!(0.5),
        json!(""),
        json!(" "),
        json!("../x"),
        json!("x".repeat(100_000)),
        json!("2026-13-45"),
        json!("0000-01-01T00:00:00Z"),
        json!("9999-12-31T23:59:59Z"),
        json!("+275760-09-13T00:00:00Z"),
        json!("9999-12-31"),
        json!("-0001-01-01"),
        json!("met"),
        json!("not-applicable"),
        json!("partially-met"),
        json!("customs"),
        json!("trader"),
        json!("high"),
        json!("not-an-item"),
        json!("\u{0}"),
        json!("\u{1b}[2J\u{1b}[31m"),
        json!("é\u{202e}"),
        json!([]),
        json!({}),
        json!([1, 2]),
        json!({"a": {"b": [null]}}),
        json!(super::ID),
        json!(other_sha),
        json!(other_sha.to_uppercase()),
        json!("importer"),
    ];
    if k < fixed.len() {
        fixed[k].clone()
    } else {
        json!(items[(k - fixed.len()) % items.len()].id)
    }
}

#[derive(Debug, Clone)]
pub enum MemberEdit {
    /// Replace the `at`-th value (in document order) of member `member` with `interesting(value)`.
    Set {
        member: usize,
        at: usize,
        value: usize,
    },
    /// Remove the `at`-th object field of member `member`.
    Delete {
        member: usize,
        at: usize,
    },
    /// Append a copy of the `at`-th array element after it.
    Repeat {
        member: usize,
        at: usize,
    },
    Drop(usize),
    Duplicate(usize),
    Rename(usize, Name),
    Add(Name, Junk),
    Replace(usize, Junk),
}

pub fn name_strategy() -> impl Strategy<Value = Name> {
    prop_oneof![
        4 => any::<u8>().prop_map(Name::Known),
        2 => any::<usize>().prop_map(Name::Existing),
        1 => prop_oneof![Just(256usize), Just(4096), Just(65_535), 0..70_000usize].prop_map(Name::Long),
        1 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Name::Random),
    ]
}

pub fn member_edit() -> impl Strategy<Value = MemberEdit> {
    prop_oneof![
        8 => (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(member, at, value)| MemberEdit::Set { member, at, value: value % 200 }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(member, at)| MemberEdit::Delete { member, at }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(member, at)| MemberEdit::Repeat { member, at }),
        1 => any::<usize>().prop_map(MemberEdit::Drop),
        1 => any::<usize>().prop_map(MemberEdit::Duplicate),
        2 => (any::<usize>(), name_strategy()).prop_map(|(i, n)| MemberEdit::Rename(i, n)),
        2 => (name_strategy(), junk_strategy()).prop_map(|(n, j)| MemberEdit::Add(n, j)),
        2 => (any::<usize>(), junk_strategy()).prop_map(|(i, j)| MemberEdit::Replace(i, j)),
    ]
}

/// JSON pointers to every value (`objects`: only object fields; `arrays`: only array elements).
pub fn pointers(v: &Value, at: String, out: &mut Vec<(String, u8)>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push((p.clone(), 1));
                pointers(c, p, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push((p.clone(), 2));
                pointers(c, p, out);
            }
        }
        _ => {}
    }
}

/// Edits the JSON of a member; `kind` 0 any value, 1 object fields, 2 array elements.
pub fn edit_json(bytes: &mut Vec<u8>, at: usize, kind: u8, f: impl FnOnce(&mut Value, &str)) {
    let Ok(mut v) = serde_json::from_slice::<Value>(bytes) else {
        return;
    };
    let mut ps = Vec::new();
    pointers(&v, String::new(), &mut ps);
    ps.retain(|(_, k)| kind == 0 || *k == kind);
    if let Some((p, _)) = ps.get(at % ps.len().max(1)) {
        f(&mut v, p);
        *bytes = serde_json::to_vec_pretty(&v).unwrap();
    }
}

pub fn split(p: &str) -> (&str, String) {
    let (parent, last) = p.rsplit_once('/').unwrap_or(("", p));
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

pub fn apply_member(members: &mut Vec<(Vec<u8>, Vec<u8>)>, e: &MemberEdit) {
    let len = members.len().max(1);
    match e {
        MemberEdit::Set { member, at, value } => {
            if let Some(m) = members.get_mut(member % len) {
                edit_json(&mut m.1, *at, 0, |v, p| {
                    if let Some(t) = v.pointer_mut(p) {
                        *t = interesting(*value);
                    }
                });
            }
        }
        MemberEdit::Delete { member, at } => {
            if let Some(m) = members.get_mut(member % len) {
                edit_json(&mut m.1, *at, 1, |v, p| {
                    let (parent, key) = split(p);
                    if let Some(Value::Object(o)) = v.pointer_mut(parent) {
                        o.remove(&key);
                    }
                });
            }
        }
        MemberEdit::Repeat { member, at } => {
            if let Some(m) = members.get_mut(member % len) {
                edit_json(&mut m.1, *at, 2, |v, p| {
                    let (parent, idx) = split(p);
                    let i: usize = idx.parse().unwrap_or(0);
                    if let Some(Value::Array(a)) = v.pointer_mut(parent)
                        && let Some(c) = a.get(i).cloned()
                    {
                        a.insert(i + 1, c);
                    }
                });
            }
        }
        MemberEdit::Drop(i) => {
            if !members.is_empty() {
                members.remove(i % len);
            }
        }
        MemberEdit::Duplicate(i) => {
            if let Some(m) = members.get(i % len).cloned() {
                members.push(m);
            }
        }
        MemberEdit::Rename(i, n) => {
            let name = name_bytes(n, members);
            if let Some(m) = members.get_mut(i % len) {
                m.0 = name;
            }
        }
        MemberEdit::Add(n, j) => {
            let name = name_bytes(n, members);
            members.push((name, junk(*j)));
        }
        MemberEdit::Replace(i, j) => {
            if let Some(m) = members.get_mut(i % len) {
                m.1 = junk(*j);
            }
        }
    }
}
