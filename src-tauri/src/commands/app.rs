//! The installation: facts for the UI, settings, backups.

use chrono::Utc;
use safe_core::store;
use tauri::State;

use crate::dto::{AppInfo, Settings};
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::{AppState, blocking};

/// The UI has drawn its first screen: the deferred full check of the database may start.
#[tauri::command]
pub fn first_screen_drawn(state: State<'_, AppState>) {
    state.first_screen_drawn();
}

/// Version, paths, settings, and whether the database opened.
#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    info(&state)
}

pub(crate) fn info(state: &AppState) -> CmdResult<AppInfo> {
    let db = &state.paths().database;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: db.display().to_string(),
        backups: store::backup_dir(db).display().to_string(),
        catalogue_folder: store::user_catalogue_dir(db).display().to_string(),
        user_name: state.user_name()?,
        settings: state.settings()?,
        database_error: state.database_error()?,
        catalogue_problems: state.problems(),
    })
}

/// Saves the settings and returns the updated facts.
#[tauri::command]
pub async fn set_settings(state: State<'_, AppState>, settings: Settings) -> CmdResult<AppInfo> {
    let st = state.inner().clone();
    blocking(move || {
        st.set_settings(settings)?;
        info(&st)
    })
    .await
}

/// Takes a backup of the database now.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> CmdResult<store::BackupInfo> {
    state.run(|s, _| Ok(s.backup("manual", Utc::now())?)).await
}

/// The backups, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<store::BackupInfo>> {
    let db = state.paths().database.clone();
    blocking(move || Ok(store::list_backups(&db)?)).await
}

/// Replaces the database with a backup, chosen by its label; the current file is kept aside.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, label: String) -> CmdResult<AppInfo> {
    let st = state.inner().clone();
    blocking(move || {
        let db = st.paths().database.clone();
        let backup = store::list_backups(&db)?
            .into_iter()
            .find(|b| b.label == label)
            .ok_or_else(|| {
                CommandError::new(ErrorCode::NotFound, format!("backup '{label}' not found"))
            })?;
        st.reopen_after(|path| {
            store::restore(path, &backup.path, Utc::now())?;
            Ok(())
        })?;
        info(&st)
    })
    .await
}

/// Closes the window once the UI has saved what was pending (see the `closing` event).
#[tauri::command]
pub async fn close_window(window: tauri::Window) -> CmdResult<()> {
    window
        .close()
        .map_err(|e| CommandError::new(ErrorCode::Internal, e.to_string()))
}
