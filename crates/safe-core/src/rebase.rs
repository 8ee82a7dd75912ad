//! Moving an assessment to a newer pack (a newer edition of its checklist): the plan, pure.
//!
//! A newer pack says how the items of the pack it replaces map to its own in `supersedes`
//! (`assets/catalogue/README.md`): an old item named in no change is kept under its id; the
//! changes rename, change, split, merge, add and withdraw items. [`chain`] finds the packs from
//! the assessment's pinned pack to the target, following `supersedes` (directly or through a
//! chain) or, for a newer version of the same pack id, its item ids. [`plan`] composes the
//! mappings of the chain and says, for the assessment's answers and evidence links, what moves
//! where; `Store::apply_rebase` applies it in one transaction.
//!
//! Rules of the plan:
//! - kept and renamed items carry their answer as it is (a carried-over answer stays one);
//! - changed, split and merged items carry it marked carried over, to be confirmed (the mark
//!   `duplicate` uses); a split item carries its answer and evidence to every new item;
//! - a new item that receives answers from several old items (merged) takes the least favourable
//!   status (not met, then partially met, then met, then not applicable; the first in the old
//!   pack's order on a tie); the other answers are left behind, listed, with the item they went to;
//! - answers on withdrawn items (and on old items the new pack neither keeps nor maps) are left
//!   behind: listed in the plan and written to the history, never dropped silently.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::catalogue::{ChangeKind, Pack};
use crate::model::{Answer, AnswerInput, Assessment, Status};
use crate::{Error, Result};

/// A pack by id and version.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "EditionRef"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
}

impl PackRef {
    /// The reference of `pack`.
    pub fn of(pack: &Pack) -> PackRef {
        PackRef {
            id: pack.id.clone(),
            version: pack.version.clone(),
        }
    }
}

impl std::fmt::Display for PackRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.id, self.version)
    }
}

/// What happens to an old item (or which items are new) when moving to the newer pack.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MoveKind {
    /// Same id, same meaning.
    Kept,
    /// A new id, same meaning.
    Renamed,
    /// The meaning changed: a carried answer must be confirmed.
    Changed,
    /// One old item became several.
    Split,
    /// Several old items became one.
    Merged,
    /// An item with no old counterpart.
    New,
    /// An old item with no counterpart.
    Withdrawn,
}

impl MoveKind {
    /// All kinds in display order.
    pub const ALL: [MoveKind; 7] = [
        MoveKind::Kept,
        MoveKind::Renamed,
        MoveKind::Changed,
        MoveKind::Split,
        MoveKind::Merged,
        MoveKind::New,
        MoveKind::Withdrawn,
    ];

    /// The stable slug.
    pub fn slug(self) -> &'static str {
        match self {
            MoveKind::Kept => "kept",
            MoveKind::Renamed => "renamed",
            MoveKind::Changed => "changed",
            MoveKind::Split => "split",
            MoveKind::Merged => "merged",
            MoveKind::New => "new",
            MoveKind::Withdrawn => "withdrawn",
        }
    }
}

/// One line of the preview: old items and the new items they become.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Move {
    /// What happens.
    pub kind: MoveKind,
    /// Old item ids (none for a new item).
    pub from: Vec<String>,
    /// New item ids (none for a withdrawn item).
    pub to: Vec<String>,
    /// The notes of the mapping, one per pack of the chain that changed the items.
    pub notes: Vec<String>,
    /// The old items of `from` that have an answer.
    pub answered: Vec<String>,
}

/// One answer moved to a new item.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Carried {
    /// The old item.
    pub from: String,
    /// The new item.
    pub to: String,
    /// True when the answer is marked carried over, to be confirmed (changed, split, merged).
    pub confirm: bool,
}

/// An answer that no new item takes: kept in the history, listed in the preview.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeftBehind {
    /// The old item.
    pub item_id: String,
    /// Its answer.
    pub answer: AnswerInput,
    /// The evidence linked to the old item (SHA-256), unlinked by the move (the files stay in
    /// the assessment's list).
    pub evidence: Vec<String>,
    /// For merged items: the new item that took another old item's answer instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

/// What moving an assessment to a newer pack does.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RebasePlan {
    /// The assessment.
    pub assessment_id: String,
    /// The pack it is on.
    pub from: PackRef,
    /// The pack it moves to.
    pub to: PackRef,
    /// The packs in between, when the target supersedes the pack through a chain (oldest first).
    pub via: Vec<PackRef>,
    /// Every old item and every new item, once each: old items in the old pack's order, then
    /// the new items.
    pub moves: Vec<Move>,
    /// Every answer moved, in the old pack's order.
    pub carried: Vec<Carried>,
    /// Every answer no new item takes.
    pub left_behind: Vec<LeftBehind>,
    /// Where each old item's evidence links go (old item id to new item ids; none: unlinked).
    pub links: BTreeMap<String, Vec<String>>,
    /// How many items have each kind, every kind in [`MoveKind::ALL`] order.
    pub counts: Vec<KindCount>,
}

/// How many items have one kind: old items, and for `new` new items.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    /// The kind.
    pub kind: MoveKind,
    /// How many items.
    pub items: usize,
}

fn count(moves: &[Move]) -> Vec<KindCount> {
    MoveKind::ALL
        .iter()
        .map(|k| KindCount {
            kind: *k,
            items: moves
                .iter()
                .filter(|m| m.kind == *k)
                .map(|m| {
                    if *k == MoveKind::New {
                        m.to.len()
                    } else {
                        m.from.len()
                    }
                })
                .sum(),
        })
        .collect()
}

impl RebasePlan {
    /// How many items have each kind, in [`MoveKind::ALL`] order.
    pub fn counts(&self) -> Vec<(MoveKind, usize)> {
        self.counts.iter().map(|c| (c.kind, c.items)).collect()
    }

    /// The answers carried and marked to be confirmed.
    pub fn to_confirm(&self) -> usize {
        self.carried.iter().filter(|c| c.confirm).count()
    }
}

/// A version's numbers, for ordering.
fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|n| n.parse().unwrap_or(0)).collect()
}

/// True when version `a` is newer than `b` (MAJOR.MINOR.PATCH, compared as numbers).
pub fn version_newer(a: &str, b: &str) -> bool {
    version_key(a) > version_key(b)
}

/// The packs from `from` (the assessment's pinned pack) to `target`, both included, oldest first.
/// Each pack supersedes the one before it, or is a newer version of the same pack id.
/// `lookup` finds a pack by id and version (the library, then the packs stored in the database).
/// Refused (`invalid_input`, naming the packs) when `target` is `from` or an older version of
/// it, has another profile, or does not supersede it directly or through a chain.
pub fn chain(
    from: &Pack,
    target: &Pack,
    lookup: &dyn Fn(&str, &str) -> Option<Pack>,
) -> Result<Vec<Pack>> {
    if target.profile != from.profile {
        return Err(Error::invalid(format!(
            "pack {} is for the {} profile; this assessment is a {} assessment on {}",
            target.id,
            target.profile.slug(),
            from.profile.slug(),
            from.id
        )));
    }
    let name = |p: &Pack| format!("{} {}", p.id, p.version);
    if from
        .supersedes
        .as_ref()
        .is_some_and(|s| s.pack == target.id)
    {
        return Err(Error::invalid(format!(
            "{} is older than {}, which supersedes it: an assessment only moves to a newer pack",
            name(target),
            name(from)
        )));
    }
    let mut path = vec![target.clone()];
    let mut seen = HashSet::new();
    loop {
        let Some(cur) = path.last() else {
            return Err(Error::invalid("no pack to move to"));
        };
        if !seen.insert((cur.id.clone(), cur.version.clone())) || path.len() > 32 {
            return Err(Error::invalid(format!(
                "the supersedes chain of {} loops; it cannot be followed",
                name(target)
            )));
        }
        if cur.id == from.id {
            let (have, want) = (version_key(&from.version), version_key(&cur.version));
            if want == have && path.len() == 1 {
                return Err(Error::invalid(format!(
                    "the assessment is already on {}",
                    name(from)
                )));
            }
            if want < have {
                return Err(Error::invalid(format!(
                    "{} is older than {}, the version the assessment is on: an assessment only moves to a newer pack",
                    name(cur),
                    name(from)
                )));
            }
            if want > have {
                path.push(from.clone());
            } else if let Some(last) = path.last_mut() {
                *last = from.clone();
            }
            break;
        }
        let Some(s) = &cur.supersedes else {
            return Err(Error::invalid(format!(
                "{} does not supersede {} (directly or through a chain): the assessment cannot move to it",
                name(target),
                name(from)
            )));
        };
        if s.pack == from.id && version_key(&s.version) <= version_key(&from.version) {
            // The mapping was written for this version of the pack, or an older one: it applies
            // to the pinned pack (an item the mapping does not know is kept or left behind).
            path.push(from.clone());
            break;
        }
        let Some(next) = lookup(&s.pack, &s.version) else {
            return Err(Error::invalid(format!(
                "{} supersedes {} {}, which is not available here: the chain to {} cannot be followed",
                name(cur),
                s.pack,
                s.version,
                name(from)
            )));
        };
        if next.profile != from.profile {
            return Err(Error::invalid(format!(
                "{} is for the {} profile, not {}",
                name(&next),
                next.profile.slug(),
                from.profile.slug()
            )));
        }
        path.push(next);
    }
    path.reverse();
    Ok(path)
}

/// Where one old item goes in one step: its new ids, whether a carried answer must be
/// confirmed, and the note.
struct Hop {
    to: Vec<String>,
    confirm: bool,
    note: Option<String>,
}

/// The mapping of one step from `old` to `new`.
fn step(old: &Pack, new: &Pack) -> BTreeMap<String, Hop> {
    let new_ids: HashSet<&str> = new.items().iter().map(|i| i.id.as_str()).collect();
    let changes = new
        .supersedes
        .as_ref()
        .filter(|s| s.pack == old.id)
        .map(|s| s.changes.as_slice())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    for item in old.items() {
        let hop = match changes.iter().find(|c| c.from.contains(&item.id)) {
            Some(c) => Hop {
                to: c.to.clone(),
                confirm: matches!(
                    c.kind,
                    ChangeKind::Changed | ChangeKind::Split | ChangeKind::Merged
                ),
                note: Some(c.note.clone()),
            },
            None if new_ids.contains(item.id.as_str()) => Hop {
                to: vec![item.id.clone()],
                confirm: false,
                note: None,
            },
            None => Hop {
                to: Vec::new(),
                confirm: false,
                note: Some(format!(
                    "not in {} {} and not named in its mapping",
                    new.id, new.version
                )),
            },
        };
        out.insert(item.id.clone(), hop);
    }
    out
}

/// The answer of several that a merged item takes: the least favourable status, the first on a tie.
fn rank(s: Status) -> u8 {
    match s {
        Status::NotMet => 0,
        Status::PartiallyMet => 1,
        Status::Met => 2,
        Status::NotApplicable => 3,
    }
}

/// Plans moving `assessment` (with its `answers` and its evidence `links`, item id to SHA-256
/// list) along `chain` (from [`chain`]: the pinned pack first, the target last).
pub fn plan(
    assessment: &Assessment,
    chain: &[Pack],
    answers: &[Answer],
    links: &BTreeMap<String, Vec<String>>,
) -> Result<RebasePlan> {
    let (Some(first), Some(last)) = (chain.first(), chain.last()) else {
        return Err(Error::invalid("no pack to move to"));
    };
    if chain.len() < 2 {
        return Err(Error::invalid("no pack to move to"));
    }
    // Compose the steps: for every item of the pinned pack, its ids in the target pack.
    let mut map: BTreeMap<String, Hop> = first
        .items()
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                Hop {
                    to: vec![i.id.clone()],
                    confirm: false,
                    note: None,
                },
            )
        })
        .collect();
    let mut notes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in chain.windows(2) {
        let s = step(&pair[0], &pair[1]);
        for (orig, hop) in map.iter_mut() {
            let mut to = Vec::new();
            let mut confirm = hop.confirm;
            for id in &hop.to {
                if let Some(h) = s.get(id) {
                    for t in &h.to {
                        if !to.contains(t) {
                            to.push(t.clone());
                        }
                    }
                    confirm |= h.confirm;
                    if let Some(n) = &h.note {
                        let list = notes.entry(orig.clone()).or_default();
                        if !list.contains(n) {
                            list.push(n.clone());
                        }
                    }
                }
            }
            hop.to = to;
            hop.confirm = confirm;
        }
    }
    let answer_of: BTreeMap<&str, &Answer> =
        answers.iter().map(|a| (a.item_id.as_str(), a)).collect();
    let old_order: Vec<String> = first.items().iter().map(|i| i.id.clone()).collect();
    // Sources of every new item, in the old pack's order.
    let mut sources: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for orig in &old_order {
        if let Some(h) = map.get(orig) {
            for t in &h.to {
                sources.entry(t.as_str()).or_default().push(orig.as_str());
            }
        }
    }
    let mut moves = Vec::new();
    let mut merged_done: HashSet<String> = HashSet::new();
    for orig in &old_order {
        let Some(h) = map.get(orig) else { continue };
        let answered = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .filter(|i| answer_of.contains_key(i.as_str()))
                .cloned()
                .collect()
        };
        let note_of = |ids: &[String]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for i in ids {
                for n in notes.get(i).into_iter().flatten() {
                    if !out.contains(n) {
                        out.push(n.clone());
                    }
                }
            }
            out
        };
        let merged_target = match h.to.as_slice() {
            [t] if sources.get(t.as_str()).is_some_and(|s| s.len() > 1) => Some(t.clone()),
            _ => None,
        };
        if let Some(t) = merged_target {
            if merged_done.insert(t.clone()) {
                let from: Vec<String> = sources
                    .get(t.as_str())
                    .into_iter()
                    .flatten()
                    .map(|s| s.to_string())
                    .collect();
                moves.push(Move {
                    kind: MoveKind::Merged,
                    answered: answered(&from),
                    notes: note_of(&from),
                    from,
                    to: vec![t],
                });
            }
            continue;
        }
        let from = vec![orig.clone()];
        let kind = match h.to.as_slice() {
            [] => MoveKind::Withdrawn,
            [t] if t == orig && !h.confirm => MoveKind::Kept,
            [_] if h.confirm => MoveKind::Changed,
            [_] => MoveKind::Renamed,
            _ => MoveKind::Split,
        };
        moves.push(Move {
            kind,
            answered: answered(&from),
            notes: note_of(&from),
            from,
            to: h.to.clone(),
        });
    }
    let new_items: Vec<String> = last
        .items()
        .iter()
        .filter(|i| !sources.contains_key(i.id.as_str()))
        .map(|i| i.id.clone())
        .collect();
    if !new_items.is_empty() {
        let new_notes: Vec<String> = last
            .supersedes
            .iter()
            .flat_map(|s| &s.changes)
            .filter(|c| c.kind == ChangeKind::New && c.to.iter().any(|t| new_items.contains(t)))
            .map(|c| c.note.clone())
            .collect();
        moves.push(Move {
            kind: MoveKind::New,
            from: Vec::new(),
            to: new_items,
            notes: new_notes,
            answered: Vec::new(),
        });
    }
    // The answers: which old answer each new item takes.
    let mut carried = Vec::new();
    let mut left_behind = Vec::new();
    let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
    for (target, srcs) in &sources {
        let best = srcs
            .iter()
            .filter_map(|s| answer_of.get(s).map(|a| (*s, *a)))
            .min_by_key(|(_, a)| rank(a.input.status));
        if let Some((s, _)) = best {
            taken.insert(target, s);
        }
    }
    for orig in &old_order {
        let Some(answer) = answer_of.get(orig.as_str()) else {
            continue;
        };
        let Some(h) = map.get(orig) else { continue };
        let mut went = false;
        let mut lost_to = None;
        for t in &h.to {
            if taken.get(t.as_str()) == Some(&orig.as_str()) {
                went = true;
                let merged = sources.get(t.as_str()).is_some_and(|s| s.len() > 1);
                carried.push(Carried {
                    from: orig.clone(),
                    to: t.clone(),
                    confirm: h.confirm || merged,
                });
            } else {
                lost_to = Some(t.clone());
            }
        }
        if !went {
            left_behind.push(LeftBehind {
                item_id: orig.clone(),
                answer: answer.input.clone(),
                evidence: if h.to.is_empty() {
                    links.get(orig).cloned().unwrap_or_default()
                } else {
                    Vec::new()
                },
                merged_into: lost_to,
            });
        }
    }
    // An answer on an item the pinned pack does not have (it should not happen) is listed too.
    let known: HashSet<&str> = old_order.iter().map(String::as_str).collect();
    for a in answers
        .iter()
        .filter(|a| !known.contains(a.item_id.as_str()))
    {
        left_behind.push(LeftBehind {
            item_id: a.item_id.clone(),
            answer: a.input.clone(),
            evidence: links.get(&a.item_id).cloned().unwrap_or_default(),
            merged_into: None,
        });
    }
    let links = links
        .keys()
        .map(|item| {
            let to = map.get(item).map(|h| h.to.clone()).unwrap_or_default();
            (item.clone(), to)
        })
        .collect();
    let via = chain[1..chain.len() - 1].iter().map(PackRef::of).collect();
    Ok(RebasePlan {
        counts: count(&moves),
        assessment_id: assessment.id.clone(),
        from: PackRef::of(first),
        to: PackRef::of(last),
        via,
        moves,
        carried,
        left_behind,
        links,
    })
}

#[cfg(test)]
#[path = "rebase_tests.rs"]
mod tests;
