//! The Translations sheet: one row per translated text of the pack, its tiers, groups and items,
//! with the original beside it for the translator.

use rust_xlsxwriter::{Format, Worksheet};
use safe_core::catalogue::{Group, Item, Pack};

use super::{join_lines, text, xl};

/// One row per translated text: language, target, id, field, text, original. Returns the next row.
pub(super) fn write_translations(
    ws: &mut Worksheet,
    pack: &Pack,
    f: &Format,
) -> Result<u32, String> {
    let mut row = 1;
    let mut put = |ws: &mut Worksheet,
                   lang: &str,
                   target: &str,
                   id: &str,
                   field: &str,
                   value: String,
                   original: String|
     -> Result<(), String> {
        ws.write_string(row, 0, lang).map_err(xl)?;
        ws.write_string(row, 1, target).map_err(xl)?;
        text(ws, row, 2, id, f)?;
        ws.write_string(row, 3, field).map_err(xl)?;
        text(ws, row, 4, &value, f)?;
        text(ws, row, 5, &original, f)?;
        row += 1;
        Ok(())
    };
    for tier in &pack.tiers {
        for (lang, t) in &tier.translations {
            put(
                ws,
                lang,
                "tier",
                &tier.id,
                "name",
                t.name.clone(),
                tier.name.clone(),
            )?;
            put(
                ws,
                lang,
                "tier",
                &tier.id,
                "description",
                t.description.clone(),
                tier.description.clone(),
            )?;
        }
    }
    let groups = pack.all_groups();
    let items = pack.items();
    for (lang, t) in &pack.translations {
        for (field, value, original) in [
            ("title", &t.title, &pack.title),
            ("edition", &t.edition, &pack.edition),
            ("source", &t.source, &pack.source),
        ] {
            if let Some(v) = value {
                put(ws, lang, "pack", "", field, v.clone(), original.clone())?;
            }
        }
        for (id, gt) in &t.groups {
            let g = groups.iter().find(|g| &g.id == id);
            let orig = |f: fn(&Group) -> String| g.map(|g| f(g)).unwrap_or_default();
            let note = |g: &Group| {
                g.provenance
                    .as_ref()
                    .and_then(|p| p.note.clone())
                    .unwrap_or_default()
            };
            let fields: [(&str, Option<String>, String); 5] = [
                ("title", gt.title.clone(), orig(|g| g.title.clone())),
                ("summary", gt.summary.clone(), orig(|g| g.summary.clone())),
                (
                    "reference",
                    gt.reference.clone(),
                    orig(|g| g.reference.clone()),
                ),
                (
                    "instruments",
                    match &gt.instruments {
                        Some(l) => Some(join_lines(&format!("translation of group '{id}'"), l)?),
                        None => None,
                    },
                    orig(|g| g.instruments.join("\n")),
                ),
                ("note", gt.note.clone(), orig(note)),
            ];
            for (field, value, original) in fields {
                if let Some(v) = value {
                    put(ws, lang, "group", id, field, v, original)?;
                }
            }
        }
        for (id, it) in &t.items {
            let i = items.iter().find(|i| &i.id == id);
            let orig = |f: fn(&Item) -> String| i.map(|i| f(i)).unwrap_or_default();
            let note = |i: &Item| {
                i.provenance
                    .as_ref()
                    .and_then(|p| p.note.clone())
                    .unwrap_or_default()
            };
            let fields: [(&str, Option<String>, String); 7] = [
                ("title", it.title.clone(), orig(|i| i.title.clone())),
                (
                    "requirement",
                    it.requirement.clone(),
                    orig(|i| i.requirement.clone()),
                ),
                (
                    "guidance",
                    it.guidance.clone(),
                    orig(|i| i.guidance.clone()),
                ),
                (
                    "shortfall",
                    it.shortfall.clone(),
                    orig(|i| i.shortfall.clone()),
                ),
                (
                    "evidence",
                    match &it.evidence {
                        Some(l) => Some(join_lines(&format!("translation of item '{id}'"), l)?),
                        None => None,
                    },
                    orig(|i| i.evidence.join("\n")),
                ),
                (
                    "reference",
                    it.reference.clone(),
                    orig(|i| i.reference.clone()),
                ),
                ("note", it.note.clone(), orig(note)),
            ];
            for (field, value, original) in fields {
                if let Some(v) = value {
                    put(ws, lang, "item", id, field, v, original)?;
                }
            }
        }
    }
    Ok(row)
}
