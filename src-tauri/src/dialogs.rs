//! Native file dialogs, opened from Rust so that the webview never hands the app a path.
//!
//! For the end-to-end tests, which cannot drive a native dialog through WebDriver, two
//! environment variables stand in for the user's choice: `SAFE_ASSESS_TEST_PICK` (the file the
//! open dialog returns) and `SAFE_ASSESS_TEST_SAVE_DIR` (the folder the save dialog returns the
//! suggested name in). They are read from the app's own environment, which only the person or
//! program starting the app controls.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CmdResult, CommandError, ErrorCode};

/// Asks the user for files to attach. `None` when the dialog was closed.
pub fn pick_files<R: Runtime>(app: &AppHandle<R>, title: &str) -> CmdResult<Option<Vec<PathBuf>>> {
    if let Some(p) = std::env::var_os("SAFE_ASSESS_TEST_PICK") {
        return Ok(Some(vec![PathBuf::from(p)]));
    }
    let mut dialog = app.dialog().file().set_title(title);
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    dialog
        .blocking_pick_files()
        .map(|files| {
            files
                .into_iter()
                .map(|f| f.into_path().map_err(not_a_file))
                .collect()
        })
        .transpose()
}

/// Asks the user for one file of the kind `filter` (name, extension). `None` when the dialog was
/// closed.
pub fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filter: (&str, &str),
) -> CmdResult<Option<PathBuf>> {
    if let Some(p) = std::env::var_os("SAFE_ASSESS_TEST_PICK") {
        return Ok(Some(PathBuf::from(p)));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, &[filter.1]);
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    dialog
        .blocking_pick_file()
        .map(|f| f.into_path().map_err(not_a_file))
        .transpose()
}

/// Asks the user where to save a file, suggesting `name`. `None` when the dialog was closed.
pub fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    name: &str,
    filter: (&str, &str),
) -> CmdResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("SAFE_ASSESS_TEST_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(filter.0, &[filter.1]);
    if let Some(dir) = dirs_documents() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    dialog
        .blocking_save_file()
        .map(|f| f.into_path().map_err(not_a_file))
        .transpose()
}

fn dirs_documents() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join("Documents"))
        .filter(|d| d.is_dir())
}

fn not_a_file(e: impl std::fmt::Display) -> CommandError {
    CommandError::new(ErrorCode::NotAllowed, format!("not a local file: {e}"))
}

/// Asks the user for one file of any of the extensions `exts` (one filter named `name`). `None`
/// when the dialog was closed.
pub fn pick_file_of<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    name: &str,
    exts: &[&str],
) -> CmdResult<Option<PathBuf>> {
    if let Some(p) = std::env::var_os("SAFE_ASSESS_TEST_PICK") {
        return Ok(Some(PathBuf::from(p)));
    }
    let mut dialog = app.dialog().file().set_title(title).add_filter(name, exts);
    if let Some(w) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&w);
    }
    dialog
        .blocking_pick_file()
        .map(|f| f.into_path().map_err(not_a_file))
        .transpose()
}
