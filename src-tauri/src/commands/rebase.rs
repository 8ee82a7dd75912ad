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
    state.run(move |s, ctx| preview(s, ctx, &id, &to)).await
}

pub(crate) fn preview(s: &mut Store, ctx: &Ctx<'_>, id: &str, to: &str) -> CmdResult<RebasePlan> {
    Ok(safe_app::rebase::rebase_preview(s, ctx.library()?, id, to)?)
}

/// Moves assessment `id` to pack `to` in one transaction and returns what it did.
#[tauri::command]
pub async fn rebase_apply(
    state: State<'_, AppState>,
    id: String,
    to: String,
) -> CmdResult<RebasePlan> {
    state.run(move |s, ctx| apply(s, ctx, &id, &to)).await
}

pub(crate) fn apply(s: &mut Store, ctx: &Ctx<'_>, id: &str, to: &str) -> CmdResult<RebasePlan> {
    Ok(safe_app::rebase::rebase_apply(s, ctx.library()?, id, to, &ctx.stamp)?.plan)
}

#[cfg(test)]
mod tests {
    use safe_core::catalogue::Profile;
    use safe_core::model::NewAssessment;

    use super::*;
    use crate::state::Paths;

    #[test]
    fn a_2021_assessment_is_offered_2025_previewed_and_moved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let st = AppState::open(Paths {
            database: dir.path().join("assessments.sqlite"),
            settings: dir.path().join("settings.json"),
        });
        st.run_full_check().expect("a new database is intact");
        let id = "5eed0000-0000-4000-8000-00000000000d";
        st.run_now(|s, ctx| {
            let new = NewAssessment {
                title: "Customs 2024".into(),
                profile: Some(Profile::Customs),
                pack_id: Some("safe2021-customs".into()),
                ..Default::default()
            };
            Ok(s.create_assessment(ctx.library()?, &new, id, &ctx.stamp)?)
        })
        .expect("created");
        let offered = st
            .run_now(|s, ctx| offer(s, ctx, id))
            .expect("offer")
            .expect("2025 is offered");
        assert_eq!(offered.id, "safe2025-customs");
        let to = format!("{}@{}", offered.id, offered.version);
        let plan = st
            .run_now(|s, ctx| preview(s, ctx, id, &to))
            .expect("preview");
        let moved = st.run_now(|s, ctx| apply(s, ctx, id, &to)).expect("moved");
        assert_eq!(moved, plan);
        assert_eq!(
            st.run_now(|s, ctx| offer(s, ctx, id)).expect("offer"),
            None,
            "nothing newer once moved"
        );
        let err = st
            .run_now(|s, ctx| apply(s, ctx, id, &to))
            .expect_err("already there");
        assert_eq!(err.code, crate::error::ErrorCode::InvalidInput);
    }
}
