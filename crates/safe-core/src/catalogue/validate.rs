//! The checks every pack passes before it is used. Each failure names the id and the field.

use std::collections::HashSet;

use super::{Group, Item, Pack, Profile, Role};

/// Checks a parsed pack; the error is a message naming the group or item id and the field.
pub(super) fn check(pack: &Pack, roles: &[Role]) -> Result<(), String> {
    if pack.format != 1 && pack.format != 2 {
        return Err(format!(
            "field 'format' is {}, this version reads formats 1 and 2",
            pack.format
        ));
    }
    let slug_ok = !pack.id.is_empty()
        && pack
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        return Err(format!(
            "field 'id' is '{}': use lower-case letters, digits and '-'",
            pack.id
        ));
    }
    for (field, value) in [
        ("title", &pack.title),
        ("edition", &pack.edition),
        ("source", &pack.source),
    ] {
        text(field, value).map_err(|m| format!("pack {m}"))?;
    }
    if chrono::NaiveDate::parse_from_str(&pack.date, "%Y-%m-%d").is_err() {
        return Err(format!(
            "field 'date' is '{}', not a YYYY-MM-DD date",
            pack.date
        ));
    }
    if !super::validate2::is_version(&pack.version) {
        return Err(format!(
            "field 'version' is '{}', not MAJOR.MINOR.PATCH",
            pack.version
        ));
    }
    if pack.groups.is_empty() {
        return Err("field 'groups' is empty".into());
    }
    let known: HashSet<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    let mut seen = HashSet::new();
    for g in &pack.groups {
        check_group(g, pack.profile, &known, &mut seen)?;
    }
    super::validate2::check(pack)
}

pub(super) fn text(field: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("field '{field}' is empty"))
    } else {
        Ok(())
    }
}

fn check_id<'a>(kind: &str, id: &'a str, seen: &mut HashSet<&'a str>) -> Result<(), String> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !ok {
        return Err(format!(
            "{kind} id '{id}': field 'id' may hold only letters, digits, '.' and '-'"
        ));
    }
    if !seen.insert(id) {
        return Err(format!("{kind} id '{id}': field 'id' is used twice"));
    }
    Ok(())
}

fn check_group<'a>(
    g: &'a Group,
    profile: Profile,
    known: &HashSet<&str>,
    seen: &mut HashSet<&'a str>,
) -> Result<(), String> {
    check_id("group", &g.id, seen)?;
    for (field, value) in [
        ("title", &g.title),
        ("summary", &g.summary),
        ("reference", &g.reference),
    ] {
        text(field, value).map_err(|m| format!("group '{}': {m}", g.id))?;
    }
    if let Some(code) = &g.code {
        text("code", code).map_err(|m| format!("group '{}': {m}", g.id))?;
    }
    for s in &g.instruments {
        text("instruments", s).map_err(|m| format!("group '{}': {m}", g.id))?;
    }
    if g.groups.is_empty() && g.items.is_empty() {
        return Err(format!(
            "group '{}': has neither 'groups' nor 'items'",
            g.id
        ));
    }
    for item in &g.items {
        check_item(item, profile, known, seen)?;
    }
    for child in &g.groups {
        check_group(child, profile, known, seen)?;
    }
    Ok(())
}

fn check_item<'a>(
    i: &'a Item,
    profile: Profile,
    known: &HashSet<&str>,
    seen: &mut HashSet<&'a str>,
) -> Result<(), String> {
    check_id("item", &i.id, seen)?;
    let at = |m: String| format!("item '{}': {m}", i.id);
    for (field, value) in [
        ("title", &i.title),
        ("requirement", &i.requirement),
        ("guidance", &i.guidance),
        ("shortfall", &i.shortfall),
        ("reference", &i.reference),
    ] {
        text(field, value).map_err(at)?;
    }
    if i.evidence.is_empty() {
        return Err(at(
            "field 'evidence' is empty: give at least one example".into()
        ));
    }
    for e in &i.evidence {
        text("evidence", e).map_err(at)?;
    }
    match profile {
        Profile::Customs if !i.roles.is_empty() => {
            return Err(at("field 'roles' is not allowed in a customs pack".into()));
        }
        Profile::Trader if i.roles.is_empty() => {
            return Err(at(
                "field 'roles' is missing: a trader item needs at least one role".into(),
            ));
        }
        _ => {}
    }
    for r in &i.roles {
        if r != "all" && !known.contains(r.as_str()) {
            return Err(at(format!("field 'roles' names unknown role '{r}'")));
        }
    }
    if i.roles.len() > 1 && i.roles.iter().any(|r| r == "all") {
        return Err(at("field 'roles': 'all' must stand alone".into()));
    }
    Ok(())
}
