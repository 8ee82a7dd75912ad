//! Turns a message of the core's pack validation (which names the group or item id, the
//! language or the change, and the field) into the workbook cell it is about.

use crate::layout::*;
use crate::read::Index;

/// The text between the quotes following `prefix` in `msg`.
fn quoted<'a>(msg: &'a str, prefix: &str) -> Option<&'a str> {
    let start = msg.find(prefix)? + prefix.len();
    let rest = &msg[start..];
    let end = rest.find('\'')?;
    Some(&rest[..end])
}

/// The workbook column a core field name is written in.
fn column(field: &str) -> &str {
    match field {
        "provenance" | "provenance.basis" => "basis",
        "provenance.programme" => "programme",
        "provenance.confidence" => "confidence",
        "provenance.note" => "note",
        other => other,
    }
}

/// The place of the core's `message` in the workbook indexed by `ix`.
pub fn locate(message: &str, ix: &Index) -> At {
    let field = quoted(message, "field '").map(column);
    // A tier's own message starts with it: "tier 'aeoc': ...".
    let tier = message
        .strip_prefix("tier '")
        .and_then(|m| m.split('\'').next());
    // Translations.
    if let Some(lang) = quoted(message, "translations '") {
        let (target, id) = if let Some(id) = tier {
            ("tier", Some(id))
        } else if let Some(id) = quoted(message, "unknown group id '") {
            ("group", Some(id))
        } else if let Some(id) = quoted(message, "unknown item id '") {
            ("item", Some(id))
        } else if let Some(id) = quoted(message, ", group '") {
            ("group", Some(id))
        } else if let Some(id) = quoted(message, ", item '") {
            ("item", Some(id))
        } else {
            ("pack", None)
        };
        let unknown = message.contains("names unknown");
        let rows = || {
            ix.translation_rows
                .iter()
                .filter(|(l, t, i, _, _)| l == lang && *t == target && id.is_none_or(|id| i == id))
        };
        // A tier's missing text has no row: name the language's other text of that tier.
        let row = rows()
            .find(|(_, _, _, f, _)| unknown || field.is_none_or(|fl| f == fl))
            .or_else(|| rows().find(|_| target == "tier"));
        return match row {
            Some(r) => ix.at(TRANSLATIONS, r.4, if unknown { "id" } else { "text" }),
            None => At::sheet(TRANSLATIONS),
        };
    }
    if let Some(lang) = quoted(message, "field 'translations': '") {
        let row = ix
            .translation_rows
            .iter()
            .find(|r| r.0 == lang && tier.is_none_or(|t| r.1 == "tier" && r.2 == t));
        return match row {
            Some(r) => ix.at(TRANSLATIONS, r.4, "language"),
            None => At::sheet(TRANSLATIONS),
        };
    }
    // Changes.
    if let Some(rest) = message.strip_prefix("supersedes change ") {
        let n: usize = rest
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        let col = if message.contains("fields 'from'/'to'") {
            "from"
        } else {
            field.unwrap_or("kind")
        };
        return match ix.change_rows.get(n.saturating_sub(1)) {
            Some(r) => ix.at(CHANGES, *r, col),
            None => At::sheet(CHANGES),
        };
    }
    // Tiers: "tier 'x': field 'name' ...", "field 'tiers': tier id 'x' ...".
    if let Some(id) = tier.or_else(|| {
        message
            .starts_with("field 'tiers'")
            .then(|| quoted(message, "tier id '"))
            .flatten()
    }) {
        let rows = ix.tier_rows.get(id);
        let row = if message.contains("used twice") {
            rows.and_then(|r| r.last())
        } else {
            rows.and_then(|r| r.first())
        };
        let col = match field {
            Some(f @ ("name" | "description")) if tier.is_some() => f,
            _ => "id",
        };
        return match row {
            Some(r) => ix.at(TIERS, *r, col),
            None => At::sheet(TIERS),
        };
    }
    // Groups and items.
    for (kind, sheet, rows) in [
        ("group", GROUPS, &ix.group_rows),
        ("item", ITEMS, &ix.item_rows),
    ] {
        let id = quoted(message, &format!("{kind} id '")).or_else(|| {
            message
                .strip_prefix(&format!("{kind} '"))
                .and_then(|m| m.split('\'').next())
        });
        if let Some(id) = id {
            let rows = rows.get(id);
            let row = if message.contains("used twice") {
                rows.and_then(|r| r.last())
            } else {
                rows.and_then(|r| r.first())
            };
            let col = if message.contains("neither 'groups' nor 'items'") {
                "id"
            } else {
                field.unwrap_or("id")
            };
            return match row {
                Some(r) => ix.at(sheet, *r, col),
                None => At::sheet(sheet),
            };
        }
    }
    // The pack's own fields.
    match field {
        Some("groups") => At::sheet(GROUPS),
        Some("tiers") => match ix.tier_rows.values().flatten().min() {
            Some(r) => ix.at(TIERS, *r, "id"),
            None => At::sheet(TIERS),
        },
        Some(f) => match ix.pack_rows.get(f) {
            Some(r) => ix.at(PACK, *r, "value"),
            None => At::sheet(PACK),
        },
        None => At::sheet(PACK),
    }
}
