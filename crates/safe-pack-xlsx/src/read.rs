//! Reading a workbook into a pack. What is checked here is only what the spreadsheet's shape
//! needs (sheets, headers, merged cells, formulas, values of a list, the tree's parent links);
//! every rule of a pack is the core's (`Library::check_json`), whose messages `locate` turns
//! into the sheet, row and column.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use safe_core::catalogue::{Change, Group, Item, Pack, Profile, Provenance, Supersedes, Tier};

use crate::layout::*;
use crate::sheet::{Fail, Sheet, parse_value, split_lines, split_words};

mod translations;
use translations::{attach_tier_texts, read_translations};

/// Where each thing read sits in the workbook, for naming the cell of a core message.
#[derive(Debug, Default)]
pub struct Index {
    /// Pack sheet: row (1-based) of each field.
    pub pack_rows: HashMap<String, u32>,
    /// Groups sheet: rows of each group id.
    pub group_rows: HashMap<String, Vec<u32>>,
    /// Items sheet: rows of each item id.
    pub item_rows: HashMap<String, Vec<u32>>,
    /// Tiers sheet: rows of each tier id.
    pub tier_rows: HashMap<String, Vec<u32>>,
    /// Translations sheet: row of (language, target, id, field).
    pub translation_rows: Vec<(String, String, String, String, u32)>,
    /// Changes sheet: row of each change, in order.
    pub change_rows: Vec<u32>,
    /// Column (0-based) of each header, by sheet.
    pub columns: HashMap<(String, String), u32>,
}

impl Index {
    /// The cell of `header` on `row` (1-based) of `sheet`.
    pub fn at(&self, sheet: &str, row: u32, header: &str) -> At {
        At {
            sheet: sheet.to_string(),
            row: Some(row),
            col: self
                .columns
                .get(&(sheet.to_string(), header.to_string()))
                .map(|c| (*c, header.to_string())),
        }
    }
}

/// Reads the workbook `bytes` into a pack (not yet validated) and where each part sits.
pub fn read(bytes: &[u8]) -> Result<(Pack, Index), Fail> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        (
            At::sheet(PACK),
            format!("the file is not a readable XLSX workbook ({e})"),
        )
    })?;
    let names = wb.sheet_names();
    for s in REQUIRED.iter().chain([CHANGES].iter()) {
        if !names.iter().any(|n| n == s) && *s != CHANGES {
            return Err((
                At::sheet(s),
                format!(
                    "is missing: the workbook needs the sheets {} (and {CHANGES} for a pack that supersedes another); start from 'safe-assess catalogue template'",
                    REQUIRED.join(", ")
                ),
            ));
        }
    }
    wb.load_merged_regions()
        .map_err(|e| (At::sheet(PACK), format!("cannot be read: {e}")))?;
    let ours: Vec<&str> = REQUIRED.iter().copied().chain([TIERS, CHANGES]).collect();
    for (sheet, _, dim) in wb.merged_regions() {
        if let Some(s) = ours.iter().find(|s| *s == sheet) {
            let (r, c) = dim.start;
            let (r2, c2) = dim.end;
            return Err((
                At::cell(
                    s,
                    r,
                    c,
                    &format!("{}{}:{}{}", letters(c), r + 1, letters(c2), r2 + 1),
                ),
                "is part of merged cells; unmerge them and give each row its own value".into(),
            ));
        }
    }

    let mut ix = Index::default();
    let pack_sheet = Sheet::read(&mut wb, PACK, &PACK_COLUMNS, &["field", "value"])?;
    let groups_sheet = Sheet::read(&mut wb, GROUPS, &GROUP_COLUMNS, &["id", "parent", "kind"])?;
    let items_sheet = Sheet::read(&mut wb, ITEMS, &ITEM_COLUMNS, &["id", "group"])?;
    let tr_sheet = Sheet::read(
        &mut wb,
        TRANSLATIONS,
        &TRANSLATION_COLUMNS,
        &["language", "target", "id", "field", "text"],
    )?;
    // A workbook of the earlier template has no Tiers sheet: a pack without tiers.
    let tiers_sheet = if names.iter().any(|n| n == TIERS) {
        Some(Sheet::read(&mut wb, TIERS, &TIER_COLUMNS, &TIER_COLUMNS)?)
    } else {
        None
    };
    let changes_sheet = if names.iter().any(|n| n == CHANGES) {
        Some(Sheet::read(
            &mut wb,
            CHANGES,
            &CHANGE_COLUMNS,
            &["kind", "from", "to", "note"],
        )?)
    } else {
        None
    };
    for s in [&pack_sheet, &groups_sheet, &items_sheet, &tr_sheet]
        .into_iter()
        .chain(tiers_sheet.as_ref())
        .chain(changes_sheet.as_ref())
    {
        for (h, c) in &s.columns {
            ix.columns.insert((s.name.to_string(), h.clone()), *c);
        }
    }

    let fields = read_pack_fields(&pack_sheet, &mut ix)?;
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    let frow = |name: &str| ix.pack_rows.get(name).copied().unwrap_or(1) - 1;
    let format_text = field("format");
    let format: u32 = format_text.trim().parse().map_err(|_| {
        (
            pack_sheet.at(frow("format"), "value"),
            format!("format '{format_text}' is not a number: use 2 (or 1)"),
        )
    })?;
    let profile: Profile = parse_value(&field("profile")).ok_or_else(|| {
        (
            pack_sheet.at(frow("profile"), "value"),
            format!(
                "profile '{}' is not one of customs, trader",
                field("profile")
            ),
        )
    })?;
    let opt = |name: &str| Some(field(name)).filter(|s| !s.is_empty());
    let supersedes = match (opt("supersedes.pack"), opt("supersedes.version")) {
        (None, None) => None,
        (p, v) => Some(Supersedes {
            pack: p.unwrap_or_default(),
            version: v.unwrap_or_default(),
            changes: Vec::new(),
        }),
    };

    let mut groups = read_groups(&groups_sheet, &mut ix)?;
    read_items(&items_sheet, &mut groups, &mut ix)?;
    let tree = build_tree(groups);
    let mut tiers = match &tiers_sheet {
        Some(ts) => read_tiers(ts, &mut ix)?,
        None => Vec::new(),
    };
    let (translations, tier_texts) = read_translations(&tr_sheet, &mut ix)?;
    attach_tier_texts(&mut tiers, tier_texts, &ix)?;
    let mut supersedes = supersedes;
    if let Some(cs) = &changes_sheet {
        let changes = read_changes(cs, &mut ix)?;
        match (&mut supersedes, changes.first()) {
            (Some(s), _) => s.changes = changes,
            (None, Some(_)) => {
                let row = ix.change_rows.first().copied().unwrap_or(2);
                return Err((
                    ix.at(CHANGES, row, "kind"),
                    "lists a change but the Pack sheet names no supersedes.pack".into(),
                ));
            }
            (None, None) => {}
        }
    }
    let pack = Pack {
        format,
        id: field("id"),
        title: field("title"),
        edition: field("edition"),
        date: field("date"),
        version: field("version"),
        profile,
        source: field("source"),
        language: opt("language"),
        supersedes,
        groups: tree,
        translations,
        tiers,
    };
    Ok((pack, ix))
}

fn read_pack_fields(s: &Sheet, ix: &mut Index) -> Result<BTreeMap<String, String>, Fail> {
    let mut out = BTreeMap::new();
    for r in s.rows() {
        let name = s.text(r, "field")?.trim().to_string();
        if name.is_empty() {
            continue;
        }
        let Some((_, _, _)) = PACK_FIELDS.iter().find(|(f, _, _)| *f == name) else {
            let known: Vec<&str> = PACK_FIELDS.iter().map(|f| f.0).collect();
            return Err((
                s.at(r, "field"),
                format!(
                    "'{name}' is not a field of a pack: use {}",
                    known.join(", ")
                ),
            ));
        };
        if ix.pack_rows.insert(name.clone(), r + 1).is_some() {
            return Err((
                s.at(r, "field"),
                format!("the field '{name}' is given twice"),
            ));
        }
        out.insert(name, s.text(r, "value")?);
    }
    for (f, required, _) in PACK_FIELDS {
        if required && !out.contains_key(f) {
            return Err((
                At::sheet(PACK),
                format!("has no row for the field '{f}' (column A names the field, B its value)"),
            ));
        }
    }
    Ok(out)
}

fn provenance(s: &Sheet, r: u32) -> Result<Option<Provenance>, Fail> {
    let basis = s.opt(r, "basis")?;
    let confidence = s.opt(r, "confidence")?;
    let programme = s.opt(r, "programme")?;
    let note = s.opt(r, "note")?;
    if basis.is_none() && confidence.is_none() && programme.is_none() && note.is_none() {
        return Ok(None);
    }
    Ok(Some(Provenance {
        basis: s.value(
            r,
            "basis",
            &["safe", "wco-guidance", "national-practice", "best-practice"],
        )?,
        programme,
        confidence: s.value(r, "confidence", &["verified", "partial", "unverified"])?,
        note,
    }))
}

/// A group read from a row, with its parent and row.
struct Flat {
    group: Group,
    parent: Option<String>,
}

fn read_groups(s: &Sheet, ix: &mut Index) -> Result<Vec<Flat>, Fail> {
    let mut out: Vec<Flat> = Vec::new();
    for r in s.rows() {
        let id = s.text(r, "id")?.trim().to_string();
        if id.is_empty() {
            return Err((s.at(r, "id"), "is empty: every group needs an id".into()));
        }
        if let Some(first) = ix.group_rows.get(&id).and_then(|v| v.first()) {
            return Err((
                s.at(r, "id"),
                format!("group id '{id}' is used twice (also on row {first})"),
            ));
        }
        let parent = s.opt(r, "parent")?.map(|p| p.trim().to_string());
        if let Some(p) = &parent
            && !out.iter().any(|f| &f.group.id == p)
        {
            return Err((
                s.at(r, "parent"),
                format!("'{p}' is not a group on an earlier row of the Groups sheet"),
            ));
        }
        ix.group_rows.entry(id.clone()).or_default().push(r + 1);
        let group = Group {
            id,
            kind: s.value(
                r,
                "kind",
                &["part", "pillar", "standard", "level", "section"],
            )?,
            code: s.opt(r, "code")?,
            title: s.text(r, "title")?,
            summary: s.text(r, "summary")?,
            reference: s.text(r, "reference")?,
            instruments: s
                .opt(r, "instruments")?
                .map(|t| split_lines(&t))
                .unwrap_or_default(),
            provenance: provenance(s, r)?,
            groups: Vec::new(),
            items: Vec::new(),
            tiers: split_words(&s.text(r, "tiers")?),
        };
        out.push(Flat { group, parent });
    }
    Ok(out)
}

fn read_items(s: &Sheet, groups: &mut [Flat], ix: &mut Index) -> Result<(), Fail> {
    for r in s.rows() {
        let id = s.text(r, "id")?.trim().to_string();
        let group = s.text(r, "group")?.trim().to_string();
        let Some(g) = groups.iter_mut().find(|f| f.group.id == group) else {
            return Err((
                s.at(r, "group"),
                if group.is_empty() {
                    "is empty: name the group (an id of the Groups sheet) the item belongs to"
                        .into()
                } else {
                    format!("'{group}' is not a group of the Groups sheet")
                },
            ));
        };
        ix.item_rows.entry(id.clone()).or_default().push(r + 1);
        let mandatory = s.text(r, "mandatory")?;
        let mandatory = match mandatory.trim().to_lowercase().as_str() {
            "yes" | "true" => true,
            "no" | "false" => false,
            other => {
                return Err((s.at(r, "mandatory"), format!("'{other}' is not yes or no")));
            }
        };
        g.group.items.push(Item {
            id,
            title: s.text(r, "title")?,
            requirement: s.text(r, "requirement")?,
            guidance: s.text(r, "guidance")?,
            shortfall: s.text(r, "shortfall")?,
            evidence: s
                .opt(r, "evidence")?
                .map(|t| split_lines(&t))
                .unwrap_or_default(),
            reference: s.text(r, "reference")?,
            roles: split_words(&s.text(r, "roles")?),
            criticality: s.value(r, "criticality", &["critical", "major", "minor"])?,
            mandatory,
            aim: s.value(
                r,
                "aim",
                &[
                    "prevent-exploitation",
                    "protect-critical-nodes",
                    "resilience-recovery",
                ],
            )?,
            provenance: provenance(s, r)?,
            tiers: split_words(&s.text(r, "tiers")?),
        });
    }
    Ok(())
}

/// Nests each group under its parent (parents come first), keeping row order.
fn build_tree(flat: Vec<Flat>) -> Vec<Group> {
    fn take(parent: Option<&str>, rest: &mut Vec<Flat>) -> Vec<Group> {
        let mut mine = Vec::new();
        let mut i = 0;
        while i < rest.len() {
            if rest[i].parent.as_deref() == parent {
                mine.push(rest.remove(i).group);
            } else {
                i += 1;
            }
        }
        for g in &mut mine {
            g.groups = take(Some(&g.id.clone()), rest);
        }
        mine
    }
    let mut rest = flat;
    take(None, &mut rest)
}

/// The tiers, one per row; the core checks their ids and texts.
fn read_tiers(s: &Sheet, ix: &mut Index) -> Result<Vec<Tier>, Fail> {
    let mut out = Vec::new();
    for r in s.rows() {
        let id = s.text(r, "id")?.trim().to_string();
        ix.tier_rows.entry(id.clone()).or_default().push(r + 1);
        out.push(Tier {
            id,
            name: s.text(r, "name")?,
            description: s.text(r, "description")?,
            translations: BTreeMap::new(),
        });
    }
    Ok(out)
}

fn read_changes(s: &Sheet, ix: &mut Index) -> Result<Vec<Change>, Fail> {
    let mut out = Vec::new();
    for r in s.rows() {
        ix.change_rows.push(r + 1);
        out.push(Change {
            kind: s.value(
                r,
                "kind",
                &["changed", "renamed", "split", "merged", "new", "withdrawn"],
            )?,
            from: split_words(&s.text(r, "from")?),
            to: split_words(&s.text(r, "to")?),
            note: s.text(r, "note")?,
        });
    }
    Ok(out)
}
