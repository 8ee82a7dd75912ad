//! Assessments: list, create, change details, duplicate, delete, the bin and restore, open, score.

use safe_core::store::Store;
use tauri::State;

use safe_core::catalogue::Role;
use safe_core::model::{Assessment, NewAssessment};
use safe_core::store::{AssessmentSummary, DeletedAssessment};

use crate::dto::{Dashboard, PackChoice, Workspace};
use crate::error::CmdResult;
use crate::state::{AppState, Ctx};

/// The supply-chain roles a trader assessment may name, in `lang` where they have it.
#[tauri::command]
pub async fn roles(state: State<'_, AppState>, lang: Option<String>) -> CmdResult<Vec<Role>> {
    state
        .run(move |_, ctx| {
            let lang = lang.as_deref().unwrap_or("en");
            Ok(safe_core::catalogue::localized_roles(
                ctx.library()?.roles(),
                lang,
            ))
        })
        .await
}

/// The catalogue packs, which one a new assessment of each profile starts on and which are
/// superseded, titles in `lang` where the pack has them.
#[tauri::command]
pub async fn catalogue_packs(
    state: State<'_, AppState>,
    lang: Option<String>,
) -> CmdResult<Vec<PackChoice>> {
    state
        .run(move |_, ctx| {
            Ok(PackChoice::all(
                ctx.library()?,
                lang.as_deref().unwrap_or("en"),
            ))
        })
        .await
}

/// Every assessment not in the bin, most recently changed first.
#[tauri::command]
pub async fn list_assessments(state: State<'_, AppState>) -> CmdResult<Vec<AssessmentSummary>> {
    state.run(|s, _| list(s)).await
}

pub(crate) fn list(s: &mut Store) -> CmdResult<Vec<AssessmentSummary>> {
    Ok(s.list_assessments()?)
}

/// Creates an assessment on the current catalogue pack of its profile.
#[tauri::command]
pub async fn create_assessment(
    state: State<'_, AppState>,
    details: NewAssessment,
) -> CmdResult<Assessment> {
    state.run(move |s, ctx| create(s, ctx, &details)).await
}

pub(crate) fn create(
    s: &mut Store,
    ctx: &Ctx<'_>,
    details: &NewAssessment,
) -> CmdResult<Assessment> {
    let id = uuid::Uuid::new_v4().to_string();
    Ok(safe_app::assess::create(
        s,
        ctx.library()?,
        details,
        &id,
        &ctx.stamp,
    )?)
}

/// Changes an assessment's details (title, organisation, roles, ...).
#[tauri::command]
pub async fn update_assessment(
    state: State<'_, AppState>,
    id: String,
    details: NewAssessment,
) -> CmdResult<Assessment> {
    state
        .run(move |s, ctx| Ok(s.update_assessment(ctx.library()?, &id, &details, &ctx.stamp)?))
        .await
}

/// Starts a re-assessment from a copy of an assessment.
#[tauri::command]
pub async fn duplicate_assessment(
    state: State<'_, AppState>,
    id: String,
    title: String,
) -> CmdResult<Assessment> {
    state
        .run(move |s, ctx| {
            let new_id = uuid::Uuid::new_v4().to_string();
            Ok(s.duplicate_assessment(&id, &new_id, &title, &ctx.stamp)?)
        })
        .await
}

/// Moves an assessment to the bin.
#[tauri::command]
pub async fn delete_assessment(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    state
        .run(move |s, ctx| Ok(s.delete_assessment(&id, &ctx.stamp)?))
        .await
}

/// Brings an assessment back from the bin (undo of a delete, or Restore in the bin).
#[tauri::command]
pub async fn restore_assessment(state: State<'_, AppState>, id: String) -> CmdResult<Assessment> {
    state
        .run(move |s, ctx| Ok(safe_app::bin::restore(s, &id, &ctx.stamp)?))
        .await
}

/// The assessments in the bin, most recently deleted first, with when each was deleted.
#[tauri::command]
pub async fn list_deleted_assessments(
    state: State<'_, AppState>,
) -> CmdResult<Vec<DeletedAssessment>> {
    state.run(|s, _| Ok(safe_app::bin::list(s)?)).await
}

/// Everything the workspace needs to show an assessment, the pack's texts in `lang` where the
/// pack has them.
#[tauri::command]
pub async fn open_assessment(
    state: State<'_, AppState>,
    id: String,
    lang: Option<String>,
) -> CmdResult<Workspace> {
    state.run(move |s, _| open(s, &id, lang.as_deref())).await
}

pub(crate) fn open(s: &mut Store, id: &str, lang: Option<&str>) -> CmdResult<Workspace> {
    let o = safe_core::open_assessment(s, id)?;
    let pack = o
        .pack
        .localized(lang.unwrap_or_else(|| o.pack.language()))
        .pack;
    Ok(Workspace {
        pack: safe_app::assess::visible_pack(&pack, &o.assessment.roles, &o.assessment.tiers),
        progress: (&o.scorecard).into(),
        assessment: o.assessment,
        answers: o.answers,
        evidence: o.evidence,
        linked: s.linked(id)?,
    })
}

/// The assessment with its scores, verdict and gaps, for the dashboard.
#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    id: String,
    lang: Option<String>,
) -> CmdResult<Dashboard> {
    state
        .run(move |s, _| {
            Ok(Dashboard {
                scorecard: safe_app::assess::scorecard_in(s, &id, lang.as_deref())?,
                assessment: s.assessment(&id)?,
            })
        })
        .await
}
