//! Evidence: attach files picked in a dialog or dropped on the window, detach.

use std::path::PathBuf;

use safe_app::assess::Attached;
use safe_core::store::{Store, Validity};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::{AppState, Ctx, blocking};

/// Opens the file dialog and attaches the chosen files to an item. `None` when the user closed
/// the dialog.
#[tauri::command]
pub async fn attach_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    item_id: String,
    title: String,
) -> CmdResult<Option<Attached>> {
    let Some(paths) = blocking(move || dialogs::pick_files(&app, &title)).await? else {
        return Ok(None);
    };
    state
        .run(move |s, ctx| attach(s, ctx, &id, &item_id, &paths))
        .await
        .map(Some)
}

/// Attaches the files of the last drop onto the window to an item.
#[tauri::command]
pub async fn attach_dropped(
    state: State<'_, AppState>,
    id: String,
    item_id: String,
) -> CmdResult<Attached> {
    let paths = state.take_dropped()?;
    if paths.is_empty() {
        return Err(CommandError::new(
            ErrorCode::NotAllowed,
            "no dropped files to attach: drop the files again",
        ));
    }
    state
        .run(move |s, ctx| attach(s, ctx, &id, &item_id, &paths))
        .await
}

pub(crate) fn attach(
    s: &mut Store,
    ctx: &Ctx<'_>,
    id: &str,
    item_id: &str,
    paths: &[PathBuf],
) -> CmdResult<Attached> {
    Ok(safe_app::assess::attach_evidence(
        s,
        id,
        item_id,
        paths,
        Validity::default(),
        &ctx.stamp,
    )?)
}

/// Detaches an evidence file from an item (it stays in the assessment's list and history).
#[tauri::command]
pub async fn remove_evidence(
    state: State<'_, AppState>,
    id: String,
    item_id: String,
    sha256: String,
) -> CmdResult<Attached> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::assess::remove_evidence(
                s, &id, &item_id, &sha256, &ctx.stamp,
            )?)
        })
        .await
}
