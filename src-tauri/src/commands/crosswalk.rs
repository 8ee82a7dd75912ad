//! The crosswalk in the workspace: the packs an assessment can be measured against, its coverage
//! of one of them, starting an assessment on another pack from it, confirming an answer that came
//! through the link, unlinking. Returns the core's own types; the rules are
//! `safe_app::crosswalk`'s.

use safe_core::catalogue::PackSummary;
use safe_core::crosswalk::Coverage;
use safe_core::model::NewAssessment;
use safe_core::scoring::Scorecard;
use safe_core::store::{LinkInfo, Linked, Started, Store};
use tauri::State;

use crate::error::CmdResult;
use crate::state::{AppState, Ctx};

/// The packs with a crosswalk mapping to the pack of assessment `id`, titles in `lang`.
#[tauri::command]
pub async fn crosswalk_targets(
    state: State<'_, AppState>,
    id: String,
    lang: String,
) -> CmdResult<Vec<PackSummary>> {
    state.run(move |s, ctx| targets(s, ctx, &id, &lang)).await
}

pub(crate) fn targets(
    s: &mut Store,
    ctx: &Ctx<'_>,
    id: &str,
    lang: &str,
) -> CmdResult<Vec<PackSummary>> {
    let a = s.assessment(id)?;
    Ok(safe_app::crosswalk::targets(ctx.library()?, &a.pack_id, lang))
}

/// How much of pack `other` assessment `id` already answers, titles in `lang`.
#[tauri::command]
pub async fn coverage(
    state: State<'_, AppState>,
    id: String,
    other: String,
    lang: String,
) -> CmdResult<Coverage> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::crosswalk::coverage_in(
                s,
                ctx.library()?,
                &id,
                &other,
                &lang,
            )?)
        })
        .await
}

/// Starts a new assessment (details and pack in `details`) from assessment `from`: answers
/// carried through the crosswalk, the two kept linked.
#[tauri::command]
pub async fn start_from(
    state: State<'_, AppState>,
    details: NewAssessment,
    from: String,
) -> CmdResult<Started> {
    state
        .run(move |s, ctx| start(s, ctx, &details, &from))
        .await
}

pub(crate) fn start(
    s: &mut Store,
    ctx: &Ctx<'_>,
    details: &NewAssessment,
    from: &str,
) -> CmdResult<Started> {
    let id = uuid::Uuid::new_v4().to_string();
    Ok(safe_app::crosswalk::start_from(
        s,
        ctx.library()?,
        details,
        from,
        &id,
        &ctx.stamp,
    )?)
}

/// The link of assessment `id` and the answers that came through it (none when not linked).
#[tauri::command]
pub async fn linked(state: State<'_, AppState>, id: String) -> CmdResult<Option<Linked>> {
    state.run(move |s, _| Ok(s.linked(&id)?)).await
}

/// Confirms the answer of `item_id` that came through the link; returns the new scorecard.
#[tauri::command]
pub async fn confirm_derived(
    state: State<'_, AppState>,
    id: String,
    item_id: String,
) -> CmdResult<Scorecard> {
    state
        .run(move |s, ctx| Ok(safe_app::crosswalk::confirm(s, &id, &item_id, &ctx.stamp)?))
        .await
}

/// Removes the link of assessment `id` to the one it was started from (recorded).
#[tauri::command]
pub async fn unlink(state: State<'_, AppState>, id: String) -> CmdResult<LinkInfo> {
    state
        .run(move |s, ctx| Ok(safe_app::crosswalk::unlink(s, &id, &ctx.stamp)?))
        .await
}
