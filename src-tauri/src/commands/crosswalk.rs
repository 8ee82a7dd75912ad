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
    Ok(safe_app::crosswalk::targets(
        ctx.library()?,
        &a.pack_id,
        lang,
    ))
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

#[cfg(test)]
mod tests {
    use safe_core::catalogue::Profile;
    use safe_core::model::{AnswerInput, Status};
    use safe_core::store::DerivedState;

    use super::*;
    use crate::commands::assessments;
    use crate::state::Paths;

    #[test]
    fn an_assessment_started_from_another_opens_linked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let st = AppState::open(Paths {
            database: dir.path().join("assessments.sqlite"),
            settings: dir.path().join("settings.json"),
        });
        st.run_full_check().expect("intact");
        let safe = NewAssessment {
            title: "SAFE".into(),
            profile: Some(Profile::Trader),
            roles: vec!["importer".into()],
            ..NewAssessment::default()
        };
        let a = st
            .run_now(|s, ctx| assessments::create(s, ctx, &safe))
            .expect("created");
        assert_eq!(a.pack_id, "safe2025-aeo");
        st.run_now(|s, ctx| {
            for item in ["AEO.A.01", "AEO.B.02"] {
                s.save_answer(&a.id, item, &AnswerInput::status(Status::Met), &ctx.stamp)?;
            }
            Ok(())
        })
        .expect("answered");
        let targets = st
            .run_now(|s, ctx| targets(s, ctx, &a.id, "fr"))
            .expect("targets");
        let eu = targets
            .iter()
            .find(|p| p.id == "eu-aeo-ucc")
            .expect("the EU pack is a target");
        assert!(eu.title.contains("Opérateur"), "in French: {}", eu.title);

        let details = NewAssessment {
            title: "EU".into(),
            pack_id: Some("eu-aeo-ucc".into()),
            tiers: vec!["aeos".into()],
            ..safe.clone()
        };
        let started = st
            .run_now(|s, ctx| start(s, ctx, &details, &a.id))
            .expect("started");
        assert!(started.carried.contains(&"EU.3.1.01".to_string()));
        assert!(started.suggested.contains(&"EU.2.01".to_string()));
        let ws = st
            .run_now(|s, _| assessments::open(s, &started.assessment.id, None))
            .expect("opens");
        let linked = ws.linked.expect("the workspace says it is linked");
        assert_eq!(linked.link.source_id, a.id);
        let state = |id: &str| linked.item(id).map(|d| d.state);
        assert_eq!(state("EU.2.01"), Some(DerivedState::Suggested));
        assert_eq!(state("EU.3.1.01"), Some(DerivedState::Carried));
    }
}
