//! Validation by customs. The validator's side: the application queue, open a submission (a new
//! key only once confirmed), one application, accept, remark, close a remark, an on-site
//! finding, decide, export the review. The trader's side: what a submission still misses,
//! submit, attach a review file, answer a remark, reopen an accepted answer.
//!
//! Each command makes one `safe_app::review` or `safe_app::review_view` call. Files are chosen
//! in native dialogs opened here; a path coming back from the webview is accepted only when the
//! user picked it during this run ([`AppState::picked`]).

use chrono::NaiveDate;
use safe_app::review::OpenOptions;
use safe_app::review_view::{
    self, ApplicationScreen, OpenResult, QueueEntry, ReviewAttached, TraderReview,
};
use safe_core::review::{Decision, DecisionRecord, RemarkKind};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::dto::ApplicationEvent;
use crate::error::CmdResult;
use crate::state::{AppState, blocking};

/// The file types offered in the dialogs.
const SUBMISSION: (&str, &str) = ("SAFE Assess", "safeassess");
const REVIEW: (&str, &str) = ("SAFE Assess review", "safereview");

/// Customs: every application with its deadlines and the days left to them.
#[tauri::command]
pub async fn review_queue(state: State<'_, AppState>) -> CmdResult<Vec<QueueEntry>> {
    state.run(|s, _| Ok(review_view::queue(s)?)).await
}

/// Asks for a `.safeassess` submission file (customs) or a `.safereview` review file (trader);
/// the path may then be opened. `None` when the user closed the dialog.
#[tauri::command]
pub async fn pick_review_file(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
    review: bool,
) -> CmdResult<Option<String>> {
    let filter = if review { REVIEW } else { SUBMISSION };
    let Some(path) = blocking(move || dialogs::pick_file(&app, &title, filter)).await? else {
        return Ok(None);
    };
    state.add_picked(path.clone())?;
    Ok(Some(path.display().to_string()))
}

/// Customs: opens a picked submission file as an application, or as the next submission of its
/// application; a later submission signed by another key stops for a confirmation unless
/// `accept_new_key`.
#[tauri::command]
pub async fn open_submission(
    state: State<'_, AppState>,
    path: String,
    accept_new_key: bool,
) -> CmdResult<OpenResult> {
    let path = state.picked(&path)?;
    state
        .run(move |s, ctx| {
            let opts = OpenOptions {
                accept_new_key,
                ..OpenOptions::default()
            };
            let new_id = uuid::Uuid::new_v4().to_string();
            Ok(review_view::open_submission(
                s, &path, &opts, &new_id, &ctx.stamp,
            )?)
        })
        .await
}

/// Customs: one application, the pack's texts in `lang` where the pack has them.
#[tauri::command]
pub async fn application_screen(
    state: State<'_, AppState>,
    app: String,
    lang: Option<String>,
) -> CmdResult<ApplicationScreen> {
    state
        .run(move |s, _| Ok(review_view::application(s, &app, lang.as_deref())?))
        .await
}

/// Customs: the history of one application, oldest first.
#[tauri::command]
pub async fn review_history(
    state: State<'_, AppState>,
    app: String,
) -> CmdResult<Vec<ApplicationEvent>> {
    state
        .run(move |s, _| {
            Ok(safe_app::review::history(s, &app)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
}

/// Customs: accepts an item's answer as submitted.
#[tauri::command]
pub async fn review_accept(state: State<'_, AppState>, app: String, item: String) -> CmdResult<()> {
    state
        .run(move |s, ctx| Ok(safe_app::review::accept(s, &app, &item, &ctx.stamp)?))
        .await
}

/// Customs: raises a remark on an item, due on `due` (refused before today) or, without one,
/// the application's days to answer from today; returns its number and due date.
#[tauri::command]
pub async fn review_remark(
    state: State<'_, AppState>,
    app: String,
    item: String,
    kind: RemarkKind,
    text: String,
    due: Option<NaiveDate>,
) -> CmdResult<(u32, NaiveDate)> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::review::remark_due(
                s, &app, &item, kind, &text, due, &ctx.stamp,
            )?)
        })
        .await
}

/// Customs: closes a remark.
#[tauri::command]
pub async fn review_close_remark(
    state: State<'_, AppState>,
    app: String,
    number: u32,
) -> CmdResult<()> {
    state
        .run(move |s, ctx| Ok(safe_app::review::close_remark(s, &app, number, &ctx.stamp)?))
        .await
}

/// Customs: records an on-site finding on an item.
#[tauri::command]
pub async fn review_visit(
    state: State<'_, AppState>,
    app: String,
    item: String,
    finding: String,
) -> CmdResult<()> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::review::visit(
                s, &app, &item, &finding, &ctx.stamp,
            )?)
        })
        .await
}

/// Customs: returns the application to the trader or decides it (a note is required).
#[tauri::command]
pub async fn review_decide(
    state: State<'_, AppState>,
    app: String,
    decision: Decision,
    note: String,
) -> CmdResult<DecisionRecord> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::review::decide(
                s, &app, decision, &note, &ctx.stamp,
            )?)
        })
        .await
}

/// Customs: asks where to save, then writes the signed review file; returns the path written,
/// `None` when the user closed the dialog.
#[tauri::command]
pub async fn review_export(
    app: AppHandle,
    state: State<'_, AppState>,
    application: String,
    title: String,
) -> CmdResult<Option<String>> {
    let id = application.clone();
    let applicant = state
        .run(move |s, _| Ok(s.application(&id)?.applicant))
        .await?;
    let name = format!("{}-review.safereview", super::export::file_stem(&applicant));
    let Some(path) = blocking(move || dialogs::save_file(&app, &title, &name, REVIEW)).await?
    else {
        return Ok(None);
    };
    let db = state.paths().database.clone();
    state
        .run(move |s, ctx| {
            // The native dialog has already asked before replacing an existing file.
            safe_app::review::export(s, &db, &application, &path, true, &ctx.stamp)?;
            Ok(path.display().to_string())
        })
        .await
        .map(Some)
}

/// Trader: the submissions made and the customs review attached to assessment `id`.
#[tauri::command]
pub async fn trader_review(state: State<'_, AppState>, id: String) -> CmdResult<TraderReview> {
    state
        .run(move |s, _| Ok(review_view::trader_review(s, &id)?))
        .await
}

/// Trader: the applicable items still unanswered (a submission needs none).
#[tauri::command]
pub async fn submit_missing(state: State<'_, AppState>, id: String) -> CmdResult<Vec<String>> {
    state
        .run(move |s, _| Ok(review_view::missing(s, &id)?))
        .await
}

/// Trader: asks where to save, then writes the signed submission file; returns its number,
/// `None` when the user closed the dialog. An incomplete assessment is refused (`incomplete`).
#[tauri::command]
pub async fn submit_assessment(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    title: String,
) -> CmdResult<Option<u32>> {
    let aid = id.clone();
    let (name, next) = state
        .run(move |s, _| Ok((s.assessment(&aid)?.title, s.next_submission(&aid)?)))
        .await?;
    let name = format!(
        "{}-submission-{next}.safeassess",
        super::export::file_stem(&name)
    );
    let Some(path) = blocking(move || dialogs::save_file(&app, &title, &name, SUBMISSION)).await?
    else {
        return Ok(None);
    };
    let db = state.paths().database.clone();
    state
        .run(move |s, ctx| {
            // The native dialog has already asked before replacing an existing file.
            let done = safe_app::review::submit(s, &db, &id, &path, true, &ctx.stamp)?;
            Ok(done.number)
        })
        .await
        .map(Some)
}

/// Trader: attaches a picked review file to the assessment it is for.
#[tauri::command]
pub async fn import_review(state: State<'_, AppState>, path: String) -> CmdResult<ReviewAttached> {
    let path = state.picked(&path)?;
    state
        .run(move |s, ctx| Ok(review_view::import_review(s, &path, &ctx.stamp)?))
        .await
}

/// Trader: answers remark `number`; returns its item.
#[tauri::command]
pub async fn respond_remark(
    state: State<'_, AppState>,
    id: String,
    number: u32,
    text: String,
) -> CmdResult<String> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::review::respond(
                s, &id, number, &text, &ctx.stamp,
            )?)
        })
        .await
}

/// Trader: reopens an answer customs accepted; returns the submission it was accepted in.
#[tauri::command]
pub async fn reopen_answer(state: State<'_, AppState>, id: String, item: String) -> CmdResult<u32> {
    state
        .run(move |s, ctx| Ok(safe_app::review::reopen(s, &id, &item, &ctx.stamp)?))
        .await
}
