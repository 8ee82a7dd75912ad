//! Re-assessment: the assessments an assessment compares with, the comparison of two, and the
//! trend of an organisation's assessments.

use safe_core::store::{self, Store};
use tauri::State;

use crate::dto::{ComparePeers, Comparison, Trend};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// The fewest assessments a trend is shown for.
pub const TREND_MIN: usize = 3;

fn share_error(e: safe_share::Error) -> CommandError {
    CommandError::new(e.code(), e.to_string())
}

fn organisation_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The assessments (not in the bin) of the same organisation on the same catalogue as `id`,
/// `id` included, oldest first.
fn family(s: &Store, id: &str) -> CmdResult<Vec<store::AssessmentSummary>> {
    let me = s.assessment(id)?;
    let org = organisation_key(&me.organisation);
    let mut out: Vec<_> = s
        .list_assessments()?
        .into_iter()
        .filter(|x| {
            x.assessment.pack_id == me.pack_id
                && organisation_key(&x.assessment.organisation) == org
        })
        .collect();
    out.sort_by_key(|x| x.assessment.created_at);
    Ok(out)
}

/// Assessment `id` and the others it compares with: same organisation, same catalogue; newest
/// first.
#[tauri::command]
pub async fn comparable(state: State<'_, AppState>, id: String) -> CmdResult<ComparePeers> {
    state.run(move |s, _| peers(s, &id)).await
}

pub(crate) fn peers(s: &mut Store, id: &str) -> CmdResult<ComparePeers> {
    Ok(ComparePeers {
        assessment: s.assessment(id)?.into(),
        peers: family(s, id)?
            .into_iter()
            .rev()
            .filter(|x| x.assessment.id != id)
            .map(Into::into)
            .collect(),
    })
}

/// Compares two assessments, the earlier one (by creation) first whatever the order given.
#[tauri::command]
pub async fn compare_assessments(
    state: State<'_, AppState>,
    a: String,
    b: String,
) -> CmdResult<Comparison> {
    state.run(move |s, _| compare(s, &a, &b)).await
}

pub(crate) fn compare(s: &mut Store, a: &str, b: &str) -> CmdResult<Comparison> {
    let mut x = safe_core::open_assessment(s, a)?;
    let mut y = safe_core::open_assessment(s, b)?;
    if y.assessment.created_at < x.assessment.created_at {
        std::mem::swap(&mut x, &mut y);
    }
    Ok(safe_share::compare(&x, &y).map_err(share_error)?.into())
}

/// The scores per section over time of every assessment of `id`'s organisation (same
/// catalogue); `None` when it has fewer than [`TREND_MIN`].
#[tauri::command]
pub async fn organisation_trend(
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Option<Trend>> {
    state.run(move |s, _| trend(s, &id)).await
}

pub(crate) fn trend(s: &mut Store, id: &str) -> CmdResult<Option<Trend>> {
    let all = family(s, id)?;
    if all.len() < TREND_MIN {
        return Ok(None);
    }
    let opened = all
        .iter()
        .map(|x| safe_core::open_assessment(s, &x.assessment.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(
        safe_share::trend(&opened).map_err(share_error)?.into(),
    ))
}
