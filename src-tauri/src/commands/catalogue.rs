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
    let Some(path) =
        blocking(move || dialogs::pick_file_of(&app, &title, "Catalogue pack", &["json", "xlsx"]))
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

#[cfg(test)]
mod tests {
    use crate::dto::PackChoice;
    use crate::state::{AppState, Paths};

    #[test]
    fn an_added_pack_is_seen_by_the_next_action_after_the_reload() {
        let dir = tempfile::tempdir().expect("temp dir");
        let st = AppState::open(Paths {
            database: dir.path().join("assessments.sqlite"),
            settings: dir.path().join("settings.json"),
        });
        let own = include_str!("../../../assets/catalogue/safe2025-aeo.json")
            .replace("\"id\": \"safe2025-aeo\"", "\"id\": \"national-aeo\"");
        assert!(own.contains("national-aeo"), "the fixture renamed the pack");
        let file = dir.path().join("national.json");
        std::fs::write(&file, own).expect("write");
        let listed = |st: &AppState| {
            st.run_now(|_, ctx| Ok(PackChoice::all(ctx.library()?, "en")))
                .expect("packs")
                .iter()
                .any(|p| p.id == "national-aeo" && p.origin != "builtin")
        };
        let added = st
            .run_now(|_, ctx| Ok(safe_app::catalogue::add(ctx.library()?, &file, false)?))
            .expect("added");
        assert_eq!(added.pack.id, "national-aeo");
        assert!(!listed(&st), "not before the library is read again");
        st.reload_library().expect("reload");
        assert!(listed(&st), "listed after the reload");
    }
}
