//! Catalogue packs: the packs this installation knows, a pack written as a spreadsheet (template,
//! export, import) and a pack file (JSON or XLSX) validated and installed into the user's pack
//! folder. The spreadsheet format is `safe_pack_xlsx`'s; every pack is validated by the core.

use std::path::{Path, PathBuf};

use safe_core::Error;
use safe_core::catalogue::{Library, LoadProblem, Pack, PackSummary};
use serde::Serialize;

use crate::Result;

/// The packs of an installation as Settings -> Catalogues lists them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Catalogues {
    /// Every pack that loaded, built-in first (`origin`, `supersededBy` say which is which).
    pub packs: Vec<PackSummary>,
    /// The files in the user's pack folder that were refused, with the reason.
    pub problems: Vec<LoadProblem>,
    /// The user's pack folder.
    pub folder: Option<String>,
}

/// The packs and the refused files of `lib`.
pub fn list(lib: &Library) -> Catalogues {
    Catalogues {
        packs: lib.summaries(),
        problems: lib.problems().to_vec(),
        folder: lib.user_dir().map(|d| d.display().to_string()),
    }
}

/// [`list`] with each pack's title, edition and tiers in `lang` where the pack has them (the
/// app's Settings -> Catalogues).
pub fn list_in(lib: &Library, lang: &str) -> Catalogues {
    Catalogues {
        packs: summaries_in(lib, lang),
        ..list(lib)
    }
}

/// Every pack's listing facts, title, edition and tiers in `lang` where the pack has them.
pub fn summaries_in(lib: &Library, lang: &str) -> Vec<PackSummary> {
    lib.summaries()
        .into_iter()
        .map(|mut s| {
            if let Some(p) = lib.get(&s.id) {
                let local = p.localized(lang).pack;
                s.title = local.title;
                s.edition = local.edition;
                s.tiers = local.tiers;
            }
            s
        })
        .collect()
}

/// A pack by id, or a refusal naming the known ids.
pub fn get<'a>(lib: &'a Library, id: &str) -> Result<&'a Pack> {
    lib.get(id).ok_or_else(|| {
        let known: Vec<&str> = lib.packs().map(|p| p.id.as_str()).collect();
        Error::invalid(format!(
            "unknown catalogue pack '{id}'; known packs: {}",
            known.join(", ")
        ))
        .into()
    })
}

/// Writes the XLSX template (headers, drop-down lists, one example row) to `out`.
pub fn template(lib: &Library, out: &Path, overwrite: bool) -> Result<()> {
    let bytes = safe_pack_xlsx::template(lib)?;
    crate::report::write(out, &bytes, overwrite)
}

/// Writes pack `id` (built-in or own) as a workbook to `out`.
pub fn export<'a>(lib: &'a Library, id: &str, out: &Path, overwrite: bool) -> Result<&'a Pack> {
    let pack = get(lib, id)?;
    let bytes = safe_pack_xlsx::export(pack, lib)?;
    crate::report::write(out, &bytes, overwrite)?;
    Ok(pack)
}

/// Whether a file is read as a workbook (by its extension).
fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
}

/// Reads and validates a pack file: a workbook (`.xlsx`) or a JSON pack (any other name).
/// Nothing is written.
pub fn check(lib: &Library, file: &Path) -> Result<Pack> {
    if is_xlsx(file) {
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        Ok(safe_pack_xlsx::import(
            &file.display().to_string(),
            &bytes,
            lib,
        )?)
    } else {
        Ok(lib.check_file(file)?)
    }
}

/// The JSON text of a pack file.
fn pack_json(pack: &Pack) -> Result<String> {
    serde_json::to_string_pretty(pack)
        .map(|s| s + "\n")
        .map_err(|e| Error::invalid(format!("the pack could not be written as JSON: {e}")).into())
}

/// Reads workbook `xlsx`, validates it and writes the pack's JSON to `out`; nothing is written
/// when it is refused.
pub fn import(lib: &Library, xlsx: &Path, out: &Path, overwrite: bool) -> Result<Pack> {
    crate::report::check_output(out, overwrite)?;
    let bytes = std::fs::read(xlsx).map_err(|e| Error::io(xlsx, e))?;
    let pack = safe_pack_xlsx::import(&xlsx.display().to_string(), &bytes, lib)?;
    crate::report::write(out, pack_json(&pack)?.as_bytes(), overwrite)?;
    Ok(pack)
}

/// A pack installed into the user's pack folder.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
pub struct Added {
    /// The pack as it now lists.
    pub pack: PackSummary,
    /// The file it was written to.
    pub file: String,
    /// Whether it replaced an own pack of the same id.
    pub replaced: bool,
}

/// Validates pack file `file` (JSON or XLSX) and installs it into the user's pack folder as
/// `<id>.json`. Refused, nothing written: an invalid pack (the message names the field, or the
/// sheet, row and column), the id of a built-in pack, or the id of an own pack unless `replace`
/// (which then rewrites that pack's file).
pub fn add(lib: &Library, file: &Path, replace: bool) -> Result<Added> {
    let dir = lib
        .user_dir()
        .ok_or_else(|| Error::invalid("this installation has no folder for its own packs"))?;
    let pack = check(lib, file)?;
    let refuse = |message: String| -> crate::Error {
        Error::Catalogue {
            file: file.display().to_string(),
            message,
        }
        .into()
    };
    let (target, replaced) = match lib.origin(&pack.id) {
        Some("builtin") => {
            return Err(refuse(format!(
                "field 'id': '{}' is a built-in pack; give your pack an id of its own",
                pack.id
            )));
        }
        Some(existing) if !replace => {
            return Err(refuse(format!(
                "field 'id': a pack '{}' is already installed ({existing}); replace it explicitly or give your pack another id",
                pack.id
            )));
        }
        Some(existing) => (PathBuf::from(existing), true),
        None => (dir.join(format!("{}.json", pack.id)), false),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    crate::report::write(&target, pack_json(&pack)?.as_bytes(), replace)?;
    let reloaded = Library::load(dir)?;
    let summary = reloaded
        .summaries()
        .into_iter()
        .find(|s| s.id == pack.id)
        .ok_or_else(|| refuse(format!("pack '{}' was written but does not load", pack.id)))?;
    Ok(Added {
        pack: summary,
        file: target.display().to_string(),
        replaced,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;

    #[test]
    fn the_list_in_french_keeps_ids_and_translates_titles() {
        let lib = Library::builtin().expect("built-in packs");
        let en = list(&lib);
        let fr = list_in(&lib, "fr");
        assert_eq!(en.packs.len(), fr.packs.len());
        for (e, f) in en.packs.iter().zip(&fr.packs) {
            assert_eq!((&e.id, &e.version, e.items), (&f.id, &f.version, f.items));
        }
        let title = |c: &Catalogues, id: &str| {
            c.packs
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.title.clone())
                .expect("listed")
        };
        assert_ne!(title(&en, "eu-aeo-ucc"), title(&fr, "eu-aeo-ucc"));
        assert!(title(&fr, "safe2025-aeo").contains("OEA"));
    }
}
