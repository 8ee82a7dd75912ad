//! Settings -> Catalogues: the packs this installation knows and adding a pack file (JSON or
//! XLSX) to the user's pack folder. The rules are `safe_app::catalogue`'s.

use tauri::{AppHandle, State};

use safe_app::catalogue::{Added, Catalogues};

use crate::dialogs;
use crate::error::CmdResult;
use crate::state::{AppState, blocking};

/// Every pack (built-in and the user's own) and the files that were refused, titles in `lang`.
#[tauri::command]
pub async fn catalogues(state: State<'_, AppState>, lang: String) -> CmdResult<Catalogues> {
    state
        .run(move |_, ctx| Ok(safe_app::catalogue::list_in(ctx.library()?, &lang)))
        .await
}

/// Asks for a pack file (`.json` or `.xlsx`), validates it and installs it into the user's pack
/// folder; the library is read again so every screen sees it. `None` when the dialog was closed.
/// A refusal keeps its code and message (the field, or the sheet, row and column).
#[tauri::command]
pub async fn add_pack(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> CmdResult<Option<Added>> {
    let Some(path) = blocking(move || {
        dialogs::pick_file_of(&app, &title, "Catalogue pack", &["json", "xlsx"])
    })
    .await?
    else {
        return Ok(None);
    };
    let added = state
        .run(move |_, ctx| Ok(safe_app::catalogue::add(ctx.library()?, &path, false)?))
        .await?;
    state.reload_library()?;
    Ok(Some(added))
}
