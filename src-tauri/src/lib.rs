//! The safe-assess desktop app: a thin Tauri 2 shell over `safe-core`.
//!
//! - [`commands`]: one async command per user action, run off the main thread;
//! - [`dto`]: the only types that cross into the webview (TypeScript generated from them);
//! - [`error`]: `{code, message}` with stable codes;
//! - [`state`]: the open database, library, settings, and the files the user handed over;
//! - [`dialogs`]: native file dialogs, opened from Rust;
//! - [`pdf_worker`]: every PDF laid out in a worker process.
//!
//! The webview gets no file system, shell or SQL access: it can call the commands listed in
//! [`run`] and listen to the app's events, nothing else (see `capabilities/main.json`).

pub mod commands;
mod dialogs;
pub mod dto;
pub mod error;
pub mod pdf_worker;
mod settings;
pub mod state;
pub mod webview;

use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, DragDropEvent, Emitter, Manager, WindowEvent};

use state::{AppState, Paths};

/// Event sent to the UI while files are dragged over the window (`true`) or leave it (`false`).
pub const EVENT_DRAG_HOVER: &str = "drag-hover";
/// Event sent to the UI when files were dropped; the payload is their file names.
pub const EVENT_DROPPED: &str = "files-dropped";
/// Event sent to the UI when the window is asked to close: the UI saves what is pending, then
/// calls `close_window`.
pub const EVENT_CLOSING: &str = "closing";
/// Event sent to the UI when the integrity check that runs after start found the database
/// damaged: the UI asks `app_info` again, which now reports it (and offers a restore).
pub const EVENT_DATABASE_PROBLEM: &str = "database-problem";
/// How long the full check waits for the UI's first screen before it starts anyway.
const FIRST_SCREEN_GRACE: std::time::Duration = std::time::Duration::from_secs(2);
/// How long the window waits for the UI to save before it closes anyway.
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Runs the deferred full check of the database on a worker thread once the UI has drawn its
/// first screen (at most [`FIRST_SCREEN_GRACE`] after the page loaded), then the daily backup; a
/// damaged file is reported to the UI ([`EVENT_DATABASE_PROBLEM`]).
fn check_in_background(handle: AppHandle) {
    tauri::async_runtime::spawn_blocking(move || {
        let st = handle.state::<AppState>();
        st.wait_first_screen(FIRST_SCREEN_GRACE);
        if st.run_full_check().is_err() {
            let _ = handle.emit(EVENT_DATABASE_PROBLEM, ());
            return;
        }
        let _ = st.run_now(|s, ctx| Ok(s.backup_if_due(ctx.stamp.at)?));
    });
}

/// Builds and runs the app until its window closes.
pub fn run() {
    safe_report::worker::lay_out_with(pdf_worker::lay_out);
    let result = tauri::Builder::default()
        // First, so that a second launch hands over to the running app and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let state = AppState::open(Paths::resolve(&config_dir));
            app.manage(state);
            if let Some(w) = app.get_webview_window("main") {
                webview::tune(&w);
            }
            Ok(())
        })
        // The whole file's integrity check, then the daily backup, once the page has loaded and
        // drawn its first screen: reading a big file beside WebKit's own start and the first
        // screen would delay it. Writes wait for the check; it runs once (a reload finds it
        // taken).
        .on_page_load(|webview, payload| {
            if payload.event() == PageLoadEvent::Finished {
                check_in_background(webview.app_handle().clone());
            }
        })
        .on_window_event(|window, event| match event {
            // The first close request waits for the UI to save what the user typed in the
            // last half second (`start_closing` is true only that once).
            WindowEvent::CloseRequested { api, .. }
                if window.state::<AppState>().start_closing() =>
            {
                api.prevent_close();
                let _ = window.emit(EVENT_CLOSING, ());
                let w = window.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(CLOSE_GRACE);
                    let _ = w.close();
                });
            }
            WindowEvent::DragDrop(drop) => on_drop(window, drop),
            _ => {}
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::set_settings,
            commands::app::backup_now,
            commands::app::list_backups,
            commands::app::restore_backup,
            commands::app::close_window,
            commands::app::first_screen_drawn,
            commands::assessments::roles,
            commands::assessments::catalogue_packs,
            commands::assessments::list_assessments,
            commands::assessments::create_assessment,
            commands::assessments::update_assessment,
            commands::assessments::duplicate_assessment,
            commands::assessments::delete_assessment,
            commands::assessments::restore_assessment,
            commands::assessments::list_deleted_assessments,
            commands::assessments::open_assessment,
            commands::assessments::dashboard,
            commands::answers::save_answer,
            commands::answers::clear_answer,
            commands::answers::item_history,
            commands::evidence::attach_evidence,
            commands::evidence::attach_dropped,
            commands::evidence::remove_evidence,
            commands::export::export_report,
            commands::export::open_exported,
            commands::share::export_share,
            commands::share::pick_share_file,
            commands::share::import_share,
            commands::share::merge_preview,
            commands::share::apply_merge,
            commands::compare::comparable,
            commands::compare::compare_assessments,
            commands::compare::organisation_trend,
            commands::rebase::rebase_offer,
            commands::rebase::rebase_preview,
            commands::rebase::rebase_apply,
            // Catalogues and the crosswalk (desk-packs).
            commands::catalogue::catalogues,
            commands::catalogue::add_pack,
            commands::crosswalk::crosswalk_targets,
            commands::crosswalk::coverage,
            commands::crosswalk::start_from,
            commands::crosswalk::linked,
            commands::crosswalk::confirm_derived,
            commands::crosswalk::unlink,
            // Validation by customs (commands/review.rs).
            commands::review::review_queue,
            commands::review::pick_review_file,
            commands::review::open_submission,
            commands::review::application_screen,
            commands::review::review_history,
            commands::review::review_accept,
            commands::review::review_remark,
            commands::review::review_close_remark,
            commands::review::review_visit,
            commands::review::review_decide,
            commands::review::review_export,
            commands::review::trader_review,
            commands::review::submit_missing,
            commands::review::submit_assessment,
            commands::review::import_review,
            commands::review::respond_remark,
            commands::review::reopen_answer,
            commands::review_files::validation_report,
            commands::review_files::validation_plan,
            commands::review_files::save_submission_evidence,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("safe-assess-desktop could not start: {e}");
        std::process::exit(1);
    }
}

/// Files dragged over the window: tell the UI (for its drop hint); on drop, remember the paths so
/// that `attach_dropped` may read exactly these files.
fn on_drop(window: &tauri::Window, drop: &DragDropEvent) {
    let state = window.state::<AppState>();
    match drop {
        DragDropEvent::Enter { .. } | DragDropEvent::Over { .. } => {
            let _ = window.emit(EVENT_DRAG_HOVER, true);
        }
        DragDropEvent::Leave => {
            let _ = window.emit(EVENT_DRAG_HOVER, false);
        }
        DragDropEvent::Drop { paths, .. } => {
            let names: Vec<String> = paths
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            if state.set_dropped(paths.clone()).is_ok() {
                let _ = window.emit(EVENT_DRAG_HOVER, false);
                let _ = window.emit(EVENT_DROPPED, names);
            }
        }
        _ => {}
    }
}
