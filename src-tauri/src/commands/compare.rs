//! Re-assessment: the assessments an assessment compares with, the comparison of two, and the
//! trend of an organisation's assessments. The family rule is `safe_app::family`'s.

use safe_core::store::Store;
use tauri::State;

use safe_app::family::Peers;
use safe_core::compare::{Comparison, Trend};

use crate::error::CmdResult;
use crate::state::AppState;

/// Assessment `id` and the others of its family (same organisation, same catalogue); newest
/// first.
#[tauri::command]
pub async fn comparable(state: State<'_, AppState>, id: String) -> CmdResult<Peers> {
    state.run(move |s, _| peers(s, &id)).await
}

pub(crate) fn peers(s: &mut Store, id: &str) -> CmdResult<Peers> {
    Ok(safe_app::family::peers(s, id)?)
}

/// Compares two assessments, the earlier one (by creation) first whatever the order given.
#[tauri::command]
pub async fn compare_assessments(
    state: State<'_, AppState>,
    a: String,
    b: String,
    lang: Option<String>,
) -> CmdResult<Comparison> {
    state
        .run(move |s, _| compare(s, &a, &b, lang.as_deref()))
        .await
}

pub(crate) fn compare(
    s: &mut Store,
    a: &str,
    b: &str,
    lang: Option<&str>,
) -> CmdResult<Comparison> {
    Ok(safe_app::family::compare(s, a, b, lang)?)
}

/// The scores per section over time of `id`'s family; `None` while it has fewer than
/// `safe_core::compare::TREND_MIN` assessments.
#[tauri::command]
pub async fn organisation_trend(
    state: State<'_, AppState>,
    id: String,
    lang: Option<String>,
) -> CmdResult<Option<Trend>> {
    state.run(move |s, _| trend(s, &id, lang.as_deref())).await
}

pub(crate) fn trend(s: &mut Store, id: &str, lang: Option<&str>) -> CmdResult<Option<Trend>> {
    Ok(safe_app::family::family_trend(s, id, lang)?)
}
