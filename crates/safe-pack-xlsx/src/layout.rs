//! The workbook's layout: its sheets, their columns, and how a place in it is named in messages.

use std::fmt;

/// The pack's own fields, one per row (`field`, `value`).
pub const PACK: &str = "Pack";
/// The groups in tree order, a child naming its `parent`.
pub const GROUPS: &str = "Groups";
/// The items, each naming its `group`.
pub const ITEMS: &str = "Items";
/// The texts in other languages, one text per row.
pub const TRANSLATIONS: &str = "Translations";
/// The tiers of the programme an assessment picks from (optional sheet: none, no tiers).
pub const TIERS: &str = "Tiers";
/// The mapping from the pack this one supersedes (optional sheet).
pub const CHANGES: &str = "Changes";
/// The allowed values the drop-down lists offer (not read back).
pub const LISTS: &str = "Lists";

/// The sheets an import needs.
pub const REQUIRED: [&str; 4] = [PACK, GROUPS, ITEMS, TRANSLATIONS];

/// Columns of the Pack sheet.
pub const PACK_COLUMNS: [&str; 3] = ["field", "value", "about"];
/// The rows of the Pack sheet: field name, required, what it is.
pub const PACK_FIELDS: [(&str, bool, &str); 11] = [
    (
        "format",
        true,
        "2 (adds provenance and translations); 1 for an older pack",
    ),
    ("id", true, "stable id: lower-case letters, digits and '-'"),
    ("title", true, "the checklist's title"),
    ("edition", true, "the edition of the source text"),
    ("date", true, "date of that edition, YYYY-MM-DD"),
    ("version", true, "this pack's version, MAJOR.MINOR.PATCH"),
    ("profile", true, "customs or trader"),
    ("source", true, "where the content comes from"),
    (
        "language",
        false,
        "language of the texts (format 2), e.g. en",
    ),
    (
        "supersedes.pack",
        false,
        "id of the older pack this one replaces",
    ),
    ("supersedes.version", false, "version of that older pack"),
];

/// Columns of the Tiers sheet; their texts in other languages are rows of the Translations sheet.
pub const TIER_COLUMNS: [&str; 3] = ["id", "name", "description"];

/// Columns of the Groups sheet (`tiers` last: a workbook of the earlier template has none).
pub const GROUP_COLUMNS: [&str; 13] = [
    "id",
    "parent",
    "kind",
    "code",
    "title",
    "summary",
    "reference",
    "instruments",
    "basis",
    "programme",
    "confidence",
    "note",
    "tiers",
];

/// Columns of the Items sheet (`tiers` last, as on Groups).
pub const ITEM_COLUMNS: [&str; 17] = [
    "id",
    "group",
    "title",
    "requirement",
    "guidance",
    "shortfall",
    "evidence",
    "reference",
    "roles",
    "criticality",
    "mandatory",
    "aim",
    "basis",
    "programme",
    "confidence",
    "note",
    "tiers",
];

/// Columns of the Translations sheet; `original` is written for the translator and not read.
pub const TRANSLATION_COLUMNS: [&str; 6] =
    ["language", "target", "id", "field", "text", "original"];

/// Columns of the Changes sheet.
pub const CHANGE_COLUMNS: [&str; 4] = ["kind", "from", "to", "note"];

/// The fields a translation row may name, by target.
pub const PACK_TEXTS: [&str; 3] = ["title", "edition", "source"];
/// Group texts a translation row may name.
pub const GROUP_TEXTS: [&str; 5] = ["title", "summary", "reference", "instruments", "note"];
/// Tier texts a translation row may name (a tier's translation needs both).
pub const TIER_TEXTS: [&str; 2] = ["name", "description"];
/// Item texts a translation row may name.
pub const ITEM_TEXTS: [&str; 7] = [
    "title",
    "requirement",
    "guidance",
    "shortfall",
    "evidence",
    "reference",
    "note",
];

/// The column letters of a 0-based column index (0 -> A, 26 -> AA).
pub fn letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A place in the workbook, as messages name it: sheet, 1-based row, column letter and header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// The sheet.
    pub sheet: String,
    /// The 1-based row, when known.
    pub row: Option<u32>,
    /// The 0-based column and its header, when known.
    pub col: Option<(u32, String)>,
}

impl At {
    /// A sheet as a whole.
    pub fn sheet(sheet: &str) -> At {
        At {
            sheet: sheet.to_string(),
            row: None,
            col: None,
        }
    }

    /// A cell: 0-based row and column as calamine counts them.
    pub fn cell(sheet: &str, row: u32, col: u32, header: &str) -> At {
        At {
            sheet: sheet.to_string(),
            row: Some(row + 1),
            col: Some((col, header.to_string())),
        }
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sheet '{}'", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some((c, h)) = &self.col {
            write!(f, ", column {} ({h})", letters(*c))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(
            At::cell(ITEMS, 6, 8, "roles").to_string(),
            "sheet 'Items', row 7, column I (roles)"
        );
    }
}
