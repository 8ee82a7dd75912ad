//! Writing a pack as a workbook: one row per group, item, translated text and change, with the
//! drop-down lists of allowed values.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, Formula, Workbook, Worksheet, XlsxError,
};
use safe_core::catalogue::{
    Aim, Basis, ChangeKind, Confidence, Criticality, Group, Item, Pack, Provenance, Role,
};

use crate::layout::{self, *};

mod translations;
use translations::write_translations;

/// Rows below the last one written that still offer the drop-down lists.
const SPARE_ROWS: u32 = 500;

/// A list entry holding a line break cannot be kept one per line in a cell.
pub(super) fn join_lines(what: &str, list: &[String]) -> Result<String, String> {
    if let Some(e) = list.iter().find(|e| e.contains('\n')) {
        return Err(format!(
            "{what}: the entry '{}' holds a line break; the spreadsheet keeps one entry per line",
            e.lines().next().unwrap_or_default()
        ));
    }
    Ok(list.join("\n"))
}

fn slug<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The workbook of `pack` (the roles fill the Roles list); refused, with a message, when a list
/// entry holds a line break.
pub fn workbook(pack: &Pack, roles: &[Role]) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    build(&mut wb, pack, roles)?;
    wb.save_to_buffer()
        .map_err(|e| format!("the workbook could not be written: {e}"))
}

pub(super) fn xl(e: XlsxError) -> String {
    format!("the workbook could not be written: {e}")
}

fn build(wb: &mut Workbook, pack: &Pack, roles: &[Role]) -> Result<(), String> {
    let header = Format::new().set_bold().set_background_color("#DDEBF7");
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);

    // Pack
    let ws = wb.add_worksheet().set_name(PACK).map_err(xl)?;
    headers(ws, &PACK_COLUMNS, &header)?;
    let supersedes = pack.supersedes.as_ref();
    for (n, (field, _, about)) in PACK_FIELDS.iter().enumerate() {
        let row = n as u32 + 1;
        ws.write_string(row, 0, *field).map_err(xl)?;
        ws.write_string(row, 2, *about).map_err(xl)?;
        let value = match *field {
            "format" => {
                ws.write_number(row, 1, f64::from(pack.format))
                    .map_err(xl)?;
                continue;
            }
            "id" => pack.id.clone(),
            "title" => pack.title.clone(),
            "edition" => pack.edition.clone(),
            "date" => pack.date.clone(),
            "version" => pack.version.clone(),
            "profile" => pack.profile.slug().to_string(),
            "source" => pack.source.clone(),
            "language" => pack.language.clone().unwrap_or_default(),
            "supersedes.pack" => supersedes.map(|s| s.pack.clone()).unwrap_or_default(),
            "supersedes.version" => supersedes.map(|s| s.version.clone()).unwrap_or_default(),
            _ => String::new(),
        };
        text(ws, row, 1, &value, &wrap)?;
        if *field == "profile" {
            list(ws, row, 1, row, "profile")?;
        }
    }
    ws.set_column_width(0, 20).map_err(xl)?;
    ws.set_column_width(1, 60).map_err(xl)?;
    ws.set_column_width(2, 50).map_err(xl)?;

    // Tiers
    let ws = wb.add_worksheet().set_name(TIERS).map_err(xl)?;
    headers(ws, &TIER_COLUMNS, &header)?;
    for (n, t) in pack.tiers.iter().enumerate() {
        let row = n as u32 + 1;
        text(ws, row, 0, &t.id, &wrap)?;
        text(ws, row, 1, &t.name, &wrap)?;
        text(ws, row, 2, &t.description, &wrap)?;
    }
    ws.set_column_width(0, 14).map_err(xl)?;
    ws.set_column_width(1, 30).map_err(xl)?;
    ws.set_column_width(2, 60).map_err(xl)?;

    // Groups
    let ws = wb.add_worksheet().set_name(GROUPS).map_err(xl)?;
    headers(ws, &GROUP_COLUMNS, &header)?;
    let mut row = 1;
    for g in &pack.groups {
        write_group(ws, g, None, &mut row, &wrap)?;
    }
    let last = row + SPARE_ROWS;
    list(ws, 1, col(&GROUP_COLUMNS, "kind"), last, "kind")?;
    provenance_lists(ws, &GROUP_COLUMNS, last)?;
    tiers_list(ws, col(&GROUP_COLUMNS, "tiers"), last)?;
    widths(ws, &GROUP_COLUMNS)?;

    // Items
    let ws = wb.add_worksheet().set_name(ITEMS).map_err(xl)?;
    headers(ws, &ITEM_COLUMNS, &header)?;
    let mut row = 1;
    for (path, item) in pack.items_with_path() {
        let group = path.last().map(|g| g.id.as_str()).unwrap_or_default();
        // An item's tiers equal to its nearest group's are inherited: the cell stays empty.
        let inherited = path.iter().rev().find(|g| !g.tiers.is_empty());
        let own = inherited.is_none_or(|g| g.tiers != item.tiers);
        write_item(ws, row, item, group, own, &wrap)?;
        row += 1;
    }
    let last = row + SPARE_ROWS;
    list(
        ws,
        1,
        col(&ITEM_COLUMNS, "criticality"),
        last,
        "criticality",
    )?;
    list(ws, 1, col(&ITEM_COLUMNS, "mandatory"), last, "mandatory")?;
    list(ws, 1, col(&ITEM_COLUMNS, "aim"), last, "aim")?;
    roles_list(ws, col(&ITEM_COLUMNS, "roles"), last, roles.len() + 1)?;
    provenance_lists(ws, &ITEM_COLUMNS, last)?;
    tiers_list(ws, col(&ITEM_COLUMNS, "tiers"), last)?;
    widths(ws, &ITEM_COLUMNS)?;

    // Translations
    let ws = wb.add_worksheet().set_name(TRANSLATIONS).map_err(xl)?;
    headers(ws, &TRANSLATION_COLUMNS, &header)?;
    let row = write_translations(ws, pack, &wrap)?;
    list(ws, 1, 1, row + SPARE_ROWS, "target")?;
    widths(ws, &TRANSLATION_COLUMNS)?;

    // Changes
    let ws = wb.add_worksheet().set_name(CHANGES).map_err(xl)?;
    headers(ws, &CHANGE_COLUMNS, &header)?;
    let mut row = 1;
    for c in supersedes.map(|s| s.changes.as_slice()).unwrap_or_default() {
        ws.write_string(row, 0, c.kind.slug()).map_err(xl)?;
        text(ws, row, 1, &c.from.join(" "), &wrap)?;
        text(ws, row, 2, &c.to.join(" "), &wrap)?;
        text(ws, row, 3, &c.note, &wrap)?;
        row += 1;
    }
    list(ws, 1, 0, row + SPARE_ROWS, "change")?;
    widths(ws, &CHANGE_COLUMNS)?;

    write_lists(wb, roles, &header)
}

fn col(columns: &[&str], name: &str) -> u16 {
    columns.iter().position(|c| *c == name).unwrap_or(0) as u16
}

fn headers(ws: &mut Worksheet, columns: &[&str], f: &Format) -> Result<(), String> {
    for (n, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, n as u16, *h, f)
            .map_err(xl)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xl)?;
    Ok(())
}

fn widths(ws: &mut Worksheet, columns: &[&str]) -> Result<(), String> {
    for (n, h) in columns.iter().enumerate() {
        let w = match *h {
            "requirement" | "guidance" | "shortfall" | "summary" | "text" | "original" => 50,
            "title" | "evidence" | "instruments" | "reference" | "note" | "programme" => 30,
            _ => 14,
        };
        ws.set_column_width(n as u16, w).map_err(xl)?;
    }
    Ok(())
}

/// Writes a text cell; an empty text leaves the cell empty.
pub(super) fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
) -> Result<(), String> {
    if !s.is_empty() {
        ws.write_string_with_format(row, col, s, f).map_err(xl)?;
    }
    Ok(())
}

/// The allowed values of each list, in the Lists sheet's column order.
fn lists(roles: &[Role]) -> Vec<(&'static str, Vec<String>)> {
    vec![
        ("profile", vec!["customs".into(), "trader".into()]),
        (
            "kind",
            ["part", "pillar", "standard", "level", "section"]
                .map(String::from)
                .to_vec(),
        ),
        (
            "criticality",
            [
                Criticality::Critical,
                Criticality::Major,
                Criticality::Minor,
            ]
            .map(|c| c.slug().to_string())
            .to_vec(),
        ),
        ("mandatory", vec!["yes".into(), "no".into()]),
        ("aim", Aim::ALL.map(|a| a.slug().to_string()).to_vec()),
        (
            "roles",
            std::iter::once("all".to_string())
                .chain(roles.iter().map(|r| r.id.clone()))
                .collect(),
        ),
        ("basis", Basis::ALL.map(|b| b.slug().to_string()).to_vec()),
        (
            "confidence",
            Confidence::ALL.map(|c| c.slug().to_string()).to_vec(),
        ),
        (
            "target",
            ["pack", "group", "item", "tier"].map(String::from).to_vec(),
        ),
        (
            "change",
            [
                ChangeKind::Changed,
                ChangeKind::Renamed,
                ChangeKind::Split,
                ChangeKind::Merged,
                ChangeKind::New,
                ChangeKind::Withdrawn,
            ]
            .map(|k| k.slug().to_string())
            .to_vec(),
        ),
    ]
}

const LIST_NAMES: [&str; 10] = [
    "profile",
    "kind",
    "criticality",
    "mandatory",
    "aim",
    "roles",
    "basis",
    "confidence",
    "target",
    "change",
];

/// The range of the Lists sheet holding list `name` (`len` values).
fn list_range(name: &str, len: usize) -> String {
    let c = layout::letters(LIST_NAMES.iter().position(|n| *n == name).unwrap_or(0) as u32);
    format!("={LISTS}!${c}$2:${c}${}", len + 1)
}

fn list_len(name: &str) -> usize {
    lists(&[])
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.len())
        .unwrap_or(1)
}

/// A drop-down list of the values of list `name` on rows `first..=last` of column `col`.
fn list(ws: &mut Worksheet, first: u32, col: u16, last: u32, name: &str) -> Result<(), String> {
    let dv = DataValidation::new()
        .allow_list_formula(Formula::new(list_range(name, list_len(name))))
        .set_error_title("Not an allowed value")
        .map_err(xl)?
        .set_error_message(format!("Choose a value from the list ({name})."))
        .map_err(xl)?;
    ws.add_data_validation(first, col, last, col, &dv)
        .map_err(xl)?;
    Ok(())
}

/// Roles: a drop-down of the role ids, which warns but allows several ids separated by spaces.
fn roles_list(ws: &mut Worksheet, col: u16, last: u32, len: usize) -> Result<(), String> {
    let dv = DataValidation::new()
        .allow_list_formula(Formula::new(list_range("roles", len)))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_input_title("Roles")
        .map_err(xl)?
        .set_input_message(
            "Trader packs: pick a role, or type several role ids separated by spaces; 'all' for every role. Customs packs: leave empty.",
        )
        .map_err(xl)?
        .set_error_message("Several roles are fine: separate their ids by spaces.")
        .map_err(xl)?;
    ws.add_data_validation(1, col, last, col, &dv).map_err(xl)?;
    Ok(())
}

/// Rows of the Tiers sheet the Tiers drop-down offers.
const TIER_ROWS: u32 = 50;

/// Tiers: a drop-down of the ids typed on the Tiers sheet, which warns but allows several ids
/// separated by commas; empty: every tier (an item: its group's tiers).
fn tiers_list(ws: &mut Worksheet, col: u16, last: u32) -> Result<(), String> {
    let dv = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "={TIERS}!$A$2:$A${}",
            TIER_ROWS + 1
        )))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_input_title("Tiers")
        .map_err(xl)?
        .set_input_message(
            "Pick a tier of the Tiers sheet, or type several tier ids separated by commas. Empty: every tier (an item: its group's tiers).",
        )
        .map_err(xl)?
        .set_error_message("Several tiers are fine: separate their ids by commas.")
        .map_err(xl)?;
    ws.add_data_validation(1, col, last, col, &dv).map_err(xl)?;
    Ok(())
}

fn provenance_lists(ws: &mut Worksheet, columns: &[&str], last: u32) -> Result<(), String> {
    list(ws, 1, col(columns, "basis"), last, "basis")?;
    list(ws, 1, col(columns, "confidence"), last, "confidence")
}

fn write_lists(wb: &mut Workbook, roles: &[Role], header: &Format) -> Result<(), String> {
    let ws = wb.add_worksheet().set_name(LISTS).map_err(xl)?;
    for (c, (name, values)) in lists(roles).into_iter().enumerate() {
        ws.write_string_with_format(0, c as u16, name, header)
            .map_err(xl)?;
        for (r, v) in values.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).map_err(xl)?;
        }
        ws.set_column_width(c as u16, 22).map_err(xl)?;
    }
    // The roles' names beside the ids, for reading.
    let c = LIST_NAMES.len() as u16 + 1;
    ws.write_string_with_format(0, c, "role", header)
        .map_err(xl)?;
    ws.write_string_with_format(0, c + 1, "name", header)
        .map_err(xl)?;
    ws.write_string_with_format(0, c + 2, "description", header)
        .map_err(xl)?;
    for (r, role) in roles.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, c, &role.id).map_err(xl)?;
        ws.write_string(r, c + 1, &role.name).map_err(xl)?;
        ws.write_string(r, c + 2, &role.description).map_err(xl)?;
    }
    Ok(())
}

fn write_provenance(
    ws: &mut Worksheet,
    row: u32,
    columns: &[&str],
    p: Option<&Provenance>,
    f: &Format,
) -> Result<(), String> {
    let Some(p) = p else { return Ok(()) };
    text(ws, row, col(columns, "basis"), p.basis.slug(), f)?;
    text(
        ws,
        row,
        col(columns, "programme"),
        p.programme.as_deref().unwrap_or_default(),
        f,
    )?;
    text(ws, row, col(columns, "confidence"), p.confidence.slug(), f)?;
    text(
        ws,
        row,
        col(columns, "note"),
        p.note.as_deref().unwrap_or_default(),
        f,
    )
}

fn write_group(
    ws: &mut Worksheet,
    g: &Group,
    parent: Option<&str>,
    row: &mut u32,
    f: &Format,
) -> Result<(), String> {
    let c = |n| col(&GROUP_COLUMNS, n);
    let r = *row;
    text(ws, r, c("id"), &g.id, f)?;
    text(ws, r, c("parent"), parent.unwrap_or_default(), f)?;
    text(ws, r, c("kind"), &slug(&g.kind), f)?;
    text(ws, r, c("code"), g.code.as_deref().unwrap_or_default(), f)?;
    text(ws, r, c("title"), &g.title, f)?;
    text(ws, r, c("summary"), &g.summary, f)?;
    text(ws, r, c("reference"), &g.reference, f)?;
    let instruments = join_lines(&format!("group '{}', instruments", g.id), &g.instruments)?;
    text(ws, r, c("instruments"), &instruments, f)?;
    write_provenance(ws, r, &GROUP_COLUMNS, g.provenance.as_ref(), f)?;
    text(ws, r, c("tiers"), &g.tiers.join(", "), f)?;
    *row += 1;
    for child in &g.groups {
        write_group(ws, child, Some(&g.id), row, f)?;
    }
    Ok(())
}

/// One item's row; `own_tiers` false leaves the tiers cell empty (they are its group's).
fn write_item(
    ws: &mut Worksheet,
    r: u32,
    i: &Item,
    group: &str,
    own_tiers: bool,
    f: &Format,
) -> Result<(), String> {
    let c = |n| col(&ITEM_COLUMNS, n);
    if own_tiers {
        text(ws, r, c("tiers"), &i.tiers.join(", "), f)?;
    }
    text(ws, r, c("id"), &i.id, f)?;
    text(ws, r, c("group"), group, f)?;
    text(ws, r, c("title"), &i.title, f)?;
    text(ws, r, c("requirement"), &i.requirement, f)?;
    text(ws, r, c("guidance"), &i.guidance, f)?;
    text(ws, r, c("shortfall"), &i.shortfall, f)?;
    let evidence = join_lines(&format!("item '{}', evidence", i.id), &i.evidence)?;
    text(ws, r, c("evidence"), &evidence, f)?;
    text(ws, r, c("reference"), &i.reference, f)?;
    text(ws, r, c("roles"), &i.roles.join(" "), f)?;
    text(ws, r, c("criticality"), i.criticality.slug(), f)?;
    text(
        ws,
        r,
        c("mandatory"),
        if i.mandatory { "yes" } else { "no" },
        f,
    )?;
    text(ws, r, c("aim"), i.aim.slug(), f)?;
    write_provenance(ws, r, &ITEM_COLUMNS, i.provenance.as_ref(), f)
}
