//! The checks of what format 2 adds: `language`, provenance, `supersedes` and translations. Each
//! failure names the group or item id (or the language) and the field.

use std::collections::{HashMap, HashSet};

use super::validate::text;
use super::{Basis, ChangeKind, Group, GroupText, ItemText, Pack, Provenance, Supersedes};

/// Checks the format 2 parts of a pack whose format 1 parts are already valid.
pub(super) fn check(pack: &Pack) -> Result<(), String> {
    if pack.format < 2 {
        return format1_has_none(pack);
    }
    match &pack.language {
        None => return Err("field 'language' is missing (required in format 2)".into()),
        Some(l) if !is_language(l) => {
            return Err(format!(
                "field 'language' is '{l}': use a lower-case 2-letter code such as 'en'"
            ));
        }
        Some(_) => {}
    }
    for g in pack.all_groups() {
        provenance(&format!("group '{}'", g.id), g.provenance.as_ref())?;
    }
    for i in pack.items() {
        provenance(&format!("item '{}'", i.id), i.provenance.as_ref())?;
    }
    if let Some(s) = &pack.supersedes {
        supersedes(pack, s)?;
    }
    tiers(pack)?;
    translations(pack)
}

/// The pack's tier list (unique slugs, texts, their translations) and every group's and item's
/// `tiers`: known ids, no id twice, and an item's (or a nested group's) tiers within those of the
/// group around it.
fn tiers(pack: &Pack) -> Result<(), String> {
    let mut known = HashSet::new();
    for t in &pack.tiers {
        let slug_ok = !t.id.is_empty()
            && t.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            return Err(format!(
                "field 'tiers': tier id '{}': use lower-case letters, digits and '-'",
                t.id
            ));
        }
        if !known.insert(t.id.as_str()) {
            return Err(format!("field 'tiers': tier id '{}' is used twice", t.id));
        }
        let at = format!("tier '{}'", t.id);
        text("name", &t.name).map_err(|m| format!("{at}: {m}"))?;
        text("description", &t.description).map_err(|m| format!("{at}: {m}"))?;
        for (lang, rt) in &t.translations {
            if !is_language(lang) || Some(lang.as_str()) == pack.language.as_deref() {
                return Err(format!(
                    "{at}: field 'translations': '{lang}' is not a lower-case 2-letter language code other than the pack's language '{}'",
                    pack.language()
                ));
            }
            text("name", &rt.name).map_err(|m| format!("{at}, translations '{lang}': {m}"))?;
            text("description", &rt.description)
                .map_err(|m| format!("{at}, translations '{lang}': {m}"))?;
        }
    }
    let list = |what: &str, ids: &[String], outer: &[String]| -> Result<(), String> {
        let mut seen = HashSet::new();
        for t in ids {
            if known.is_empty() {
                return Err(format!(
                    "{what}: field 'tiers' names tier '{t}', but the pack declares no tiers"
                ));
            }
            if !known.contains(t.as_str()) {
                let mut k: Vec<&str> = pack.tiers.iter().map(|t| t.id.as_str()).collect();
                k.dedup();
                return Err(format!(
                    "{what}: field 'tiers' names unknown tier '{t}': use one of {}",
                    k.join(", ")
                ));
            }
            if !seen.insert(t.as_str()) {
                return Err(format!("{what}: field 'tiers' names tier '{t}' twice"));
            }
            if !outer.is_empty() && !outer.contains(t) {
                return Err(format!(
                    "{what}: field 'tiers' names tier '{t}', which its group ({}) does not apply to",
                    outer.join(", ")
                ));
            }
        }
        Ok(())
    };
    fn walk(g: &Group, outer: &[String], list: &TierCheck<'_>) -> Result<(), String> {
        list(&format!("group '{}'", g.id), &g.tiers, outer)?;
        let here = if g.tiers.is_empty() { outer } else { &g.tiers };
        for i in &g.items {
            list(&format!("item '{}'", i.id), &i.tiers, here)?;
        }
        for c in &g.groups {
            walk(c, here, list)?;
        }
        Ok(())
    }
    for g in &pack.groups {
        walk(g, &[], &list)?;
    }
    Ok(())
}

fn is_language(code: &str) -> bool {
    code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase())
}

/// A format 1 pack may not carry format 2 fields: the reader would otherwise think they count.
fn format1_has_none(pack: &Pack) -> Result<(), String> {
    let needs = |what: &str, field: &str| {
        format!("{what}field '{field}' needs \"format\": 2 (this pack says format 1)")
    };
    if pack.language.is_some() {
        return Err(needs("", "language"));
    }
    if pack.supersedes.is_some() {
        return Err(needs("", "supersedes"));
    }
    if !pack.tiers.is_empty() {
        return Err(needs("", "tiers"));
    }
    if let Some(g) = pack.all_groups().into_iter().find(|g| !g.tiers.is_empty()) {
        return Err(needs(&format!("group '{}': ", g.id), "tiers"));
    }
    if let Some(i) = pack.items().into_iter().find(|i| !i.tiers.is_empty()) {
        return Err(needs(&format!("item '{}': ", i.id), "tiers"));
    }
    if !pack.translations.is_empty() {
        return Err(needs("", "translations"));
    }
    if let Some(g) = pack
        .all_groups()
        .into_iter()
        .find(|g| g.provenance.is_some())
    {
        return Err(needs(&format!("group '{}': ", g.id), "provenance"));
    }
    if let Some(i) = pack.items().into_iter().find(|i| i.provenance.is_some()) {
        return Err(needs(&format!("item '{}': ", i.id), "provenance"));
    }
    Ok(())
}

fn provenance(at: &str, p: Option<&Provenance>) -> Result<(), String> {
    let Some(p) = p else {
        return Err(format!(
            "{at}: field 'provenance' is missing (required in format 2)"
        ));
    };
    if let Some(programme) = &p.programme {
        text("provenance.programme", programme).map_err(|m| format!("{at}: {m}"))?;
    } else if p.basis == Basis::NationalPractice {
        return Err(format!(
            "{at}: field 'provenance.programme' is missing: national-practice must name the programme"
        ));
    }
    if let Some(note) = &p.note {
        text("provenance.note", note).map_err(|m| format!("{at}: {m}"))?;
    }
    Ok(())
}

pub(super) fn is_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn supersedes(pack: &Pack, s: &Supersedes) -> Result<(), String> {
    if s.pack.trim().is_empty() || s.pack == pack.id {
        return Err(format!(
            "field 'supersedes.pack' is '{}': name the older pack's id",
            s.pack
        ));
    }
    if !is_version(&s.version) {
        return Err(format!(
            "field 'supersedes.version' is '{}', not MAJOR.MINOR.PATCH",
            s.version
        ));
    }
    let items: HashSet<&str> = pack.items().iter().map(|i| i.id.as_str()).collect();
    let mut from_seen = HashSet::new();
    for (n, c) in s.changes.iter().enumerate() {
        let at = format!("supersedes change {} ({})", n + 1, c.kind.slug());
        text("note", &c.note).map_err(|m| format!("{at}: {m}"))?;
        let (from, to) = (c.from.len(), c.to.len());
        let shape_ok = match c.kind {
            ChangeKind::Changed | ChangeKind::Renamed => from == 1 && to == 1,
            ChangeKind::Split => from == 1 && to >= 2,
            ChangeKind::Merged => from >= 2 && to == 1,
            ChangeKind::New => from == 0 && to >= 1,
            ChangeKind::Withdrawn => from >= 1 && to == 0,
        };
        if !shape_ok {
            let want = match c.kind {
                ChangeKind::Changed | ChangeKind::Renamed => "1 id in 'from' and 1 in 'to'",
                ChangeKind::Split => "1 id in 'from' and at least 2 in 'to'",
                ChangeKind::Merged => "at least 2 ids in 'from' and 1 in 'to'",
                ChangeKind::New => "no id in 'from' and at least 1 in 'to'",
                ChangeKind::Withdrawn => "at least 1 id in 'from' and none in 'to'",
            };
            return Err(format!(
                "{at}: fields 'from'/'to' have {from} and {to} ids; {} needs {want}",
                c.kind.slug()
            ));
        }
        if let Some(id) = c.to.iter().find(|id| !items.contains(id.as_str())) {
            return Err(format!(
                "{at}: field 'to' names item '{id}', which is not in this pack"
            ));
        }
        if let Some(id) = c.from.iter().find(|id| !from_seen.insert(id.as_str())) {
            return Err(format!(
                "{at}: field 'from' names item '{id}', already in the 'from' of an earlier change"
            ));
        }
    }
    Ok(())
}

/// Checks `supersedes.changes` against the older pack once both are loaded: the same profile, and
/// every `from` id is an item of it.
pub(super) fn check_against(new: &Pack, old: &Pack) -> Result<(), String> {
    if new.profile != old.profile {
        return Err(format!(
            "field 'supersedes.pack': '{}' is a {} pack, this one is {}",
            old.id,
            old.profile.slug(),
            new.profile.slug()
        ));
    }
    let Some(s) = &new.supersedes else {
        return Ok(());
    };
    let old_items: HashSet<&str> = old.items().iter().map(|i| i.id.as_str()).collect();
    for (n, c) in s.changes.iter().enumerate() {
        if let Some(id) = c.from.iter().find(|id| !old_items.contains(id.as_str())) {
            return Err(format!(
                "supersedes change {} ({}): field 'from' names item '{id}', which is not in {} {}",
                n + 1,
                c.kind.slug(),
                old.id,
                old.version
            ));
        }
    }
    Ok(())
}

fn translations(pack: &Pack) -> Result<(), String> {
    let groups: HashMap<&str, &Group> = pack
        .all_groups()
        .into_iter()
        .map(|g| (g.id.as_str(), g))
        .collect();
    let items: HashMap<&str, _> = pack
        .items()
        .into_iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    for (lang, t) in &pack.translations {
        if !is_language(lang) || Some(lang.as_str()) == pack.language.as_deref() {
            return Err(format!(
                "field 'translations': '{lang}' is not a lower-case 2-letter language code other than the pack's language '{}'",
                pack.language()
            ));
        }
        let at = format!("translations '{lang}'");
        for (field, value) in [
            ("title", &t.title),
            ("edition", &t.edition),
            ("source", &t.source),
        ] {
            if let Some(v) = value {
                text(field, v).map_err(|m| format!("{at}: {m}"))?;
            }
        }
        for (id, gt) in &t.groups {
            let Some(g) = groups.get(id.as_str()) else {
                return Err(format!(
                    "{at}: field 'groups' names unknown group id '{id}'"
                ));
            };
            group_text(&format!("{at}, group '{id}'"), g, gt)?;
        }
        for (id, it) in &t.items {
            let Some(i) = items.get(id.as_str()) else {
                return Err(format!("{at}: field 'items' names unknown item id '{id}'"));
            };
            let at = format!("{at}, item '{id}'");
            item_text(&at, i, it)?;
        }
    }
    Ok(())
}

fn opt_texts(at: &str, fields: &[(&str, &Option<String>)]) -> Result<(), String> {
    for (field, value) in fields {
        if let Some(v) = value {
            text(field, v).map_err(|m| format!("{at}: {m}"))?;
        }
    }
    Ok(())
}

fn same_length(at: &str, field: &str, t: &Option<Vec<String>>, n: usize) -> Result<(), String> {
    let Some(t) = t else { return Ok(()) };
    if t.len() != n {
        return Err(format!(
            "{at}: field '{field}' has {} entries, the original has {n}",
            t.len()
        ));
    }
    for s in t {
        text(field, s).map_err(|m| format!("{at}: {m}"))?;
    }
    Ok(())
}

fn note_has_original(
    at: &str,
    note: &Option<String>,
    p: Option<&Provenance>,
) -> Result<(), String> {
    if note.is_some() && p.and_then(|p| p.note.as_ref()).is_none() {
        return Err(format!(
            "{at}: field 'note' translates a provenance note the original does not have"
        ));
    }
    Ok(())
}

fn group_text(at: &str, g: &Group, t: &GroupText) -> Result<(), String> {
    opt_texts(
        at,
        &[
            ("title", &t.title),
            ("summary", &t.summary),
            ("reference", &t.reference),
            ("note", &t.note),
        ],
    )?;
    same_length(at, "instruments", &t.instruments, g.instruments.len())?;
    note_has_original(at, &t.note, g.provenance.as_ref())
}

fn item_text(at: &str, i: &super::Item, t: &ItemText) -> Result<(), String> {
    opt_texts(
        at,
        &[
            ("title", &t.title),
            ("requirement", &t.requirement),
            ("guidance", &t.guidance),
            ("shortfall", &t.shortfall),
            ("reference", &t.reference),
            ("note", &t.note),
        ],
    )?;
    same_length(at, "evidence", &t.evidence, i.evidence.len())?;
    note_has_original(at, &t.note, i.provenance.as_ref())
}

/// Checks the tiers one group or item names (`what`, its tiers, its group's tiers).
type TierCheck<'a> = dyn Fn(&str, &[String], &[String]) -> Result<(), String> + 'a;
