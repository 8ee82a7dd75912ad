//! Catalogue packs authored in a spreadsheet (`assets/catalogue/README.md`, "Write your own pack
//! in a spreadsheet"): the XLSX template, a pack written as a workbook, and a workbook read back
//! into a pack that the core validates like any pack file.
//!
//! The workbook has the sheets Pack (one field per row), Tiers (one tier per row), Groups (tree
//! order, each naming its parent), Items (each naming its group), Translations (one text per row,
//! tiers' names and descriptions included) and Changes (the mapping from a superseded pack), and a
//! Lists sheet the drop-down lists read from. Lists inside a cell: evidence examples and
//! instruments one per line, roles and change ids separated by spaces, tiers by commas.
//!
//! Tiers and Changes are optional sheets and the `tiers` columns optional columns: a workbook of
//! the earlier template, which had none, imports as a pack without tiers.
//!
//! Every refusal is a [`safe_core::Error::Catalogue`] (`catalogue_invalid`) whose message names
//! the sheet, the row, the column and what is wrong.

mod layout;
mod locate;
mod read;
mod sheet;
#[cfg(test)]
mod tests;
mod write;

pub use layout::At;

use safe_core::Error;
use safe_core::catalogue::{Library, Pack};

/// The pack the template's example rows show: a small national trader programme.
const EXAMPLE: &str = include_str!("example.json");

fn refused(file: &str, message: String) -> Error {
    Error::Catalogue {
        file: file.to_string(),
        message,
    }
}

/// The workbook of `pack`, ready to be edited and imported back (`file` names the pack in a
/// refusal). Refused only when a list entry (an evidence example, an instrument) holds a line
/// break, which a cell that keeps one entry per line cannot carry.
pub fn export(pack: &Pack, lib: &Library) -> Result<Vec<u8>, Error> {
    write::workbook(pack, lib.roles()).map_err(|m| refused(&pack.id, m))
}

/// The template: every sheet with its headers, drop-down lists and one filled example row.
pub fn template(lib: &Library) -> Result<Vec<u8>, Error> {
    let pack = lib.check_json("template example", EXAMPLE)?;
    export(&pack, lib)
}

/// Reads workbook `bytes` (`file` names it in messages) into a pack and validates it with the
/// same checks as a pack file (`Library::check_json`). A refusal names the sheet, row and column.
pub fn import(file: &str, bytes: &[u8], lib: &Library) -> Result<Pack, Error> {
    let (pack, ix) = read::read(bytes).map_err(|(at, m)| refused(file, format!("{at}: {m}")))?;
    let json = serde_json::to_string(&pack)
        .map_err(|e| refused(file, format!("the pack could not be written as JSON: {e}")))?;
    lib.check_json(file, &json).map_err(|e| match e {
        Error::Catalogue { file, message } => {
            let at = locate::locate(&message, &ix);
            Error::Catalogue {
                file,
                message: format!("{at}: {message}"),
            }
        }
        other => other,
    })
}
