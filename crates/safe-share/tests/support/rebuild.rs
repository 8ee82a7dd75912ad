//! Rebuilding an archive from edited members: checksums and signature redone (or not), lies in
//! the zip structure, then byte edits.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test code

use proptest::prelude::*;
use safe_share::format::{CHECKSUMS, SIGNATURE};

use super::mutate::{
    ByteEdit, MemberEdit, apply_bytes, apply_member, byte_edit, member_edit, seed,
};
use super::rawzip::{self, Entry};
use super::{Forgery, checksums, seeds, signature};

/// What happens to the checksums and signature after the members were changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// The seed's checksums and signature, as they were.
    Keep,
    /// New checksums, signed again with the seed's key.
    Real,
    /// New checksums, signed by another installation.
    Stranger,
    /// New checksums, no signature.
    Unsigned,
    /// New checksums, the seed's signature.
    StaleSignature,
    /// The other seed's checksums and signature.
    Swapped,
}

pub fn resign(members: &mut Vec<(Vec<u8>, Vec<u8>)>, sign: Sign, redacted: bool) {
    let is = |m: &(Vec<u8>, Vec<u8>), n: &str| m.0 == n.as_bytes();
    let replace = |members: &mut Vec<(Vec<u8>, Vec<u8>)>, n: &str, b: Option<Vec<u8>>| {
        let pos = members.iter().position(|m| is(m, n));
        match (pos, b) {
            (Some(p), Some(b)) => members[p].1 = b,
            (None, Some(b)) => members.push((n.as_bytes().to_vec(), b)),
            (Some(p), None) => {
                members.remove(p);
            }
            (None, None) => {}
        }
    };
    let sums = checksums(members);
    let s = seeds();
    match sign {
        Sign::Keep => {}
        Sign::Real => {
            replace(members, SIGNATURE, Some(signature(&s.key, &sums)));
            replace(members, CHECKSUMS, Some(sums));
        }
        Sign::Stranger => {
            replace(members, SIGNATURE, Some(signature(&s.stranger, &sums)));
            replace(members, CHECKSUMS, Some(sums));
        }
        Sign::Unsigned => {
            replace(members, SIGNATURE, None);
            replace(members, CHECKSUMS, Some(sums));
        }
        Sign::StaleSignature => replace(members, CHECKSUMS, Some(sums)),
        Sign::Swapped => {
            let other = seed(!redacted);
            for n in [CHECKSUMS, SIGNATURE] {
                let b = other.members.iter().find(|m| m.0 == n).map(|m| m.1.clone());
                replace(members, n, b);
            }
        }
    }
}

/// Lies told in the zip structure itself.
#[derive(Debug, Clone)]
pub enum RawEdit {
    Declared(usize, u32),
    Crc(usize, u32),
    Flags(usize, u16),
    Method(usize, u16),
    Mode(usize, u32),
}

pub fn raw_edit() -> impl Strategy<Value = RawEdit> {
    let declared = prop_oneof![
        Just(0u32),
        Just(1),
        Just(u32::MAX),
        Just(u32::MAX - 1),
        Just(60 << 20),
        any::<u32>()
    ];
    let mode = prop_oneof![
        Just(0o120777u32),
        Just(0o40755),
        Just(0o100000),
        Just(0o10644),
        any::<u16>().prop_map(u32::from)
    ];
    prop_oneof![
        (any::<usize>(), declared).prop_map(|(i, d)| RawEdit::Declared(i, d)),
        (any::<usize>(), any::<u32>()).prop_map(|(i, c)| RawEdit::Crc(i, c)),
        (
            any::<usize>(),
            prop_oneof![Just(1u16), Just(0), Just(0x41), Just(8), any::<u16>()]
        )
            .prop_map(|(i, f)| RawEdit::Flags(i, f)),
        (
            any::<usize>(),
            prop_oneof![
                Just(8u16),
                Just(12),
                Just(14),
                Just(93),
                Just(99),
                any::<u16>()
            ]
        )
            .prop_map(|(i, m)| RawEdit::Method(i, m)),
        (any::<usize>(), mode).prop_map(|(i, m)| RawEdit::Mode(i, m)),
    ]
}

pub fn apply_raw(entries: &mut [Entry], e: &RawEdit) {
    let len = entries.len().max(1);
    let Some(entry) = (match e {
        RawEdit::Declared(i, _)
        | RawEdit::Crc(i, _)
        | RawEdit::Flags(i, _)
        | RawEdit::Method(i, _)
        | RawEdit::Mode(i, _) => entries.get_mut(i % len),
    }) else {
        return;
    };
    match e {
        RawEdit::Declared(_, d) => entry.declared = Some(*d),
        RawEdit::Crc(_, c) => entry.crc = Some(*c),
        RawEdit::Flags(_, f) => entry.flags = *f,
        RawEdit::Method(_, m) => entry.method = *m,
        RawEdit::Mode(_, m) => entry.mode = *m,
    }
}

#[derive(Debug, Clone)]
pub struct Rebuild {
    pub redacted: bool,
    pub edits: Vec<MemberEdit>,
    pub sign: Sign,
    pub raw: Vec<RawEdit>,
    pub bytes: Vec<ByteEdit>,
}

pub fn rebuild_strategy() -> impl Strategy<Value = Rebuild> {
    let sign = prop_oneof![
        1 => Just(Sign::Keep),
        4 => Just(Sign::Real),
        1 => Just(Sign::Stranger),
        1 => Just(Sign::Unsigned),
        1 => Just(Sign::StaleSignature),
        1 => Just(Sign::Swapped),
    ];
    (
        any::<bool>(),
        prop::collection::vec(member_edit(), 0..4),
        sign,
        prop::collection::vec(raw_edit(), 0..2),
        prop::collection::vec(byte_edit(), 0..2),
    )
        .prop_map(|(redacted, edits, sign, raw, bytes)| Rebuild {
            redacted,
            edits,
            sign,
            raw,
            bytes,
        })
}

pub fn build(r: &Rebuild) -> Vec<u8> {
    let s = seed(r.redacted);
    let mut members: Vec<(Vec<u8>, Vec<u8>)> = s
        .members
        .iter()
        .map(|(n, b)| (n.as_bytes().to_vec(), b.clone()))
        .collect();
    for e in &r.edits {
        apply_member(&mut members, e);
    }
    resign(&mut members, r.sign, r.redacted);
    let mut entries: Vec<Entry> = members
        .iter()
        .map(|(n, b)| Entry::new(n, b.clone()))
        .collect();
    for e in &r.raw {
        apply_raw(&mut entries, e);
    }
    apply_bytes(rawzip::write(&entries), &r.bytes)
}

pub fn forgery(sign: Sign) -> Forgery {
    if sign == Sign::Real {
        Forgery::Resigned
    } else {
        Forgery::Impossible
    }
}
