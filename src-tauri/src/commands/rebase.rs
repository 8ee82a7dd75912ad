//! Moving an assessment to a newer edition of its checklist: whether one is offered, the
//! preview and the move. Returns the core's own types (`safe_core::rebase`); the rules are
//! `safe_app::rebase`'s.

use safe_core::rebase::{PackRef, RebasePlan};
use safe_core::store::Store;
use tauri::State;

use crate::error::CmdResult;
use crate::state::{AppState, Ctx};

/// The newest pack assessment `id` could move to; `None` when it is on the current edition.
#[tauri::command]
pub async fn rebase_offer(state: State<'_, AppState>, id: String) -> CmdResult<Option<PackRef>> {
    state.run(move |s, ctx| offer(s, ctx, &id)).await
}

pub(crate) fn offer(s: &mut Store, ctx: &Ctx<'_>, id: &str) -> CmdResult<Option<PackRef>> {
    let a = s.assessment(id)?;
    let pinned = PackRef {
        id: a.pack_id,
        version: a.pack_version,
    };
    Ok(safe_app::rebase::newer_edition(ctx.library()?, &pinned))
}

/// What moving assessment `id` to pack `to` (`PACK` or `PACK@VERSION`) would do; writes nothing.
#[tauri::command]
pub async fn rebase_preview(
    state: State<'_, AppState>,
    id: String,
    to: String,
) -> CmdResult<RebasePlan> {
    state
        .run(move |s, ctx| Ok(safe_app::rebase::rebase_preview(s, ctx.library()?, &id, &to)?))
        .await
}

/// Moves assessment `id` to pack `to` in one transaction and returns what it did.
#[tauri::command]
pub async fn rebase_apply(
    state: State<'_, AppState>,
    id: String,
    to: String,
) -> CmdResult<RebasePlan> {
    state
        .run(move |s, ctx| {
            Ok(safe_app::rebase::rebase_apply(s, ctx.library()?, &id, &to, &ctx.stamp)?.plan)
        })
        .await
}
