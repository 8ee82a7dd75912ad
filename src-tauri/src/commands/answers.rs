//! Answers: save, clear, and an item's history.

use safe_core::store::Store;
use tauri::State;

use safe_core::model::AnswerInput;

use crate::dto::{HistoryEntry, Saved};
use crate::error::CmdResult;
use crate::state::{AppState, Ctx};

/// Saves an item's answer (replacing it) and returns it with the new badges.
#[tauri::command]
pub async fn save_answer(
    state: State<'_, AppState>,
    id: String,
    item_id: String,
    input: AnswerInput,
) -> CmdResult<Saved> {
    state
        .run(move |s, ctx| save(s, ctx, &id, &item_id, input))
        .await
}

pub(crate) fn save(
    s: &mut Store,
    ctx: &Ctx<'_>,
    id: &str,
    item_id: &str,
    input: AnswerInput,
) -> CmdResult<Saved> {
    let saved = safe_app::assess::save_answer(s, id, item_id, &input, &ctx.stamp)?;
    Ok(Saved {
        answer: Some(saved.answer),
        progress: (&saved.scorecard).into(),
    })
}

/// Makes an item unanswered again; the old answer stays in the history.
#[tauri::command]
pub async fn clear_answer(
    state: State<'_, AppState>,
    id: String,
    item_id: String,
) -> CmdResult<Saved> {
    state
        .run(move |s, ctx| {
            let scorecard = safe_app::assess::clear_answer(s, &id, &item_id, &ctx.stamp)?;
            Ok(Saved {
                answer: None,
                progress: (&scorecard).into(),
            })
        })
        .await
}

/// The changes to one item, newest first.
#[tauri::command]
pub async fn item_history(
    state: State<'_, AppState>,
    id: String,
    item_id: String,
) -> CmdResult<Vec<HistoryEntry>> {
    state
        .run(move |s, _| {
            let mut h: Vec<HistoryEntry> = s
                .history(&id, Some(&item_id))?
                .into_iter()
                .map(Into::into)
                .collect();
            h.reverse();
            Ok(h)
        })
        .await
}
