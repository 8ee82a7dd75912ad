//! The Translations sheet read back: the pack's, groups' and items' texts by language, and the
//! tiers' names and descriptions, which the pack keeps on each tier.

use std::collections::BTreeMap;

use safe_core::catalogue::{GroupText, ItemText, RoleText, Tier, Translation};

use super::Index;
use crate::layout::*;
use crate::sheet::{Fail, Sheet, split_lines};

/// A tier's name and description in one language, and the Translations row of each.
type TierTexts = BTreeMap<(String, String), [Option<(String, u32)>; 2]>;

/// Gives each tier its translated texts; a row naming a tier the Tiers sheet lacks is refused
/// at its id, a language with only one of the two texts is left to the core (an empty text).
pub(super) fn attach_tier_texts(
    tiers: &mut [Tier],
    texts: TierTexts,
    ix: &Index,
) -> Result<(), Fail> {
    for ((id, lang), [name, description]) in texts {
        let Some(t) = tiers.iter_mut().find(|t| t.id == id) else {
            let row = name
                .as_ref()
                .or(description.as_ref())
                .map_or(2, |(_, r)| *r);
            return Err((
                ix.at(TRANSLATIONS, row, "id"),
                format!("'{id}' is not a tier of the {TIERS} sheet"),
            ));
        };
        t.translations.insert(
            lang,
            RoleText {
                name: name.map(|n| n.0).unwrap_or_default(),
                description: description.map(|d| d.0).unwrap_or_default(),
            },
        );
    }
    Ok(())
}

pub(super) fn read_translations(
    s: &Sheet,
    ix: &mut Index,
) -> Result<(BTreeMap<String, Translation>, TierTexts), Fail> {
    let mut out: BTreeMap<String, Translation> = BTreeMap::new();
    let mut tiers = TierTexts::new();
    for r in s.rows() {
        let lang = s.text(r, "language")?.trim().to_string();
        let target = s.text(r, "target")?.trim().to_string();
        let id = s.text(r, "id")?.trim().to_string();
        let field = s.text(r, "field")?.trim().to_string();
        let Some(text) = s.opt(r, "text")? else {
            continue; // not translated yet
        };
        if lang.is_empty() {
            return Err((
                s.at(r, "language"),
                "is empty: give a language code such as fr".into(),
            ));
        }
        let allowed: &[&str] = match target.as_str() {
            "pack" => &PACK_TEXTS,
            "group" => &GROUP_TEXTS,
            "item" => &ITEM_TEXTS,
            "tier" => &TIER_TEXTS,
            other => {
                return Err((
                    s.at(r, "target"),
                    format!("'{other}' is not one of pack, group, item, tier"),
                ));
            }
        };
        if !allowed.contains(&field.as_str()) {
            return Err((
                s.at(r, "field"),
                format!(
                    "'{field}' is not a text of a {target}: use {}",
                    allowed.join(", ")
                ),
            ));
        }
        if target != "pack" && id.is_empty() {
            return Err((s.at(r, "id"), format!("is empty: name the {target}'s id")));
        }
        if let Some(first) = ix.translation_rows.iter().find(|(l, t, i, f, _)| {
            *l == lang && *t == target && (target == "pack" || *i == id) && *f == field
        }) {
            return Err((
                s.at(r, "text"),
                format!("translates the same text as row {}", first.4),
            ));
        }
        ix.translation_rows.push((
            lang.clone(),
            target.clone(),
            id.clone(),
            field.clone(),
            r + 1,
        ));
        if target == "tier" {
            let slot = tiers.entry((id, lang)).or_default();
            slot[usize::from(field == "description")] = Some((text, r + 1));
            continue;
        }
        let t = out.entry(lang).or_default();
        match target.as_str() {
            "pack" => {
                let slot = match field.as_str() {
                    "title" => &mut t.title,
                    "edition" => &mut t.edition,
                    _ => &mut t.source,
                };
                *slot = Some(text);
            }
            "group" => {
                let g: &mut GroupText = t.groups.entry(id).or_default();
                match field.as_str() {
                    "title" => g.title = Some(text),
                    "summary" => g.summary = Some(text),
                    "reference" => g.reference = Some(text),
                    "instruments" => g.instruments = Some(split_lines(&text)),
                    _ => g.note = Some(text),
                }
            }
            _ => {
                let i: &mut ItemText = t.items.entry(id).or_default();
                match field.as_str() {
                    "title" => i.title = Some(text),
                    "requirement" => i.requirement = Some(text),
                    "guidance" => i.guidance = Some(text),
                    "shortfall" => i.shortfall = Some(text),
                    "evidence" => i.evidence = Some(split_lines(&text)),
                    "reference" => i.reference = Some(text),
                    _ => i.note = Some(text),
                }
            }
        }
    }
    Ok((out, tiers))
}
