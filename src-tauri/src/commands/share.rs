//! Sharing: export a signed `.safeassess` file, check a file the user picked, import it as a new
//! assessment, or merge it into the local copy of the same assessment.
//!
//! Files are chosen in native dialogs opened here; a path coming back from the webview is
//! accepted only when the user picked it during this run ([`AppState::picked`]).

use std::path::{Path, PathBuf};

use safe_core::store::{MergeReport, Store};
use safe_share::{ExportSummary, ImportOptions, ImportOutcome, Limits};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::dto::{MergeChoice, MergeConflict, MergePreview, MergeTaken, ShareCheck};
use crate::error::CmdResult;
use crate::state::{AppState, Ctx, blocking};

/// The file type offered in the dialogs.
const FILTER: (&str, &str) = ("SAFE Assess", "safeassess");

fn options(allow_unsigned: bool) -> ImportOptions {
    safe_app::share::import_options(None, allow_unsigned)
}

/// Asks where to save, then writes assessment `id` as a signed file (`redact`: without comments,
/// owners and evidence content). `None` when the user closed the dialog.
#[tauri::command]
pub async fn export_share(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    redact: bool,
    title: String,
) -> CmdResult<Option<ExportSummary>> {
    let aid = id.clone();
    let name = state.run(move |s, _| Ok(s.assessment(&aid)?.title)).await?;
    let name = file_name(&name, redact);
    let Some(path) = blocking(move || dialogs::save_file(&app, &title, &name, FILTER)).await?
    else {
        return Ok(None);
    };
    let db = state.paths().database.clone();
    state
        .run(move |s, ctx| export_to(s, ctx, &db, &id, redact, &path))
        .await
        .map(Some)
}

pub(crate) fn export_to(
    s: &mut Store,
    ctx: &Ctx<'_>,
    db: &Path,
    id: &str,
    redact: bool,
    path: &Path,
) -> CmdResult<ExportSummary> {
    // The native dialog has already asked before replacing an existing file.
    Ok(safe_app::share::export(
        s, db, id, redact, true, path, &ctx.stamp,
    )?)
}

fn file_name(title: &str, redact: bool) -> String {
    let stem = super::export::file_stem(title);
    if redact {
        format!("{stem}-redacted.safeassess")
    } else {
        format!("{stem}.safeassess")
    }
}

/// Asks for a `.safeassess` file and checks it without writing anything: who signed it, whether
/// it is intact, and which local assessments it is a copy of. A file that is not a usable
/// `.safeassess` file at all is an error with its code. `None` when the user closed the dialog.
#[tauri::command]
pub async fn pick_share_file(
    app: AppHandle,
    state: State<'_, AppState>,
    title: String,
) -> CmdResult<Option<ShareCheck>> {
    let Some(path) = blocking(move || dialogs::pick_file(&app, &title, FILTER)).await? else {
        return Ok(None);
    };
    state.add_picked(path.clone())?;
    let db = state.paths().database.clone();
    // The file is read outside the database lock: checking a large file takes a while.
    let verified = {
        let (path, db) = (path.clone(), db.clone());
        blocking(move || Ok(safe_app::share::verify(&db, &path, Limits::default())?)).await?
    };
    state
        .run(move |s, _| check(s, path, verified))
        .await
        .map(Some)
}

pub(crate) fn check(
    s: &mut Store,
    path: PathBuf,
    verified: safe_app::share::Verified,
) -> CmdResult<ShareCheck> {
    let merge_targets = safe_app::share::merge_targets(s, &verified.verification)?;
    Ok(ShareCheck {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.display().to_string(),
        verification: verified.verification,
        own_key: verified.own_key,
        merge_targets,
    })
}

/// Imports a picked file as a new assessment. A tampered file is always refused; an unsigned one
/// only with `allow_unsigned` (the user confirmed they trust where it came from).
#[tauri::command]
pub async fn import_share(
    state: State<'_, AppState>,
    path: String,
    allow_unsigned: bool,
) -> CmdResult<ImportOutcome> {
    let path = state.picked(&path)?;
    state
        .run(move |s, ctx| import(s, ctx, &path, allow_unsigned))
        .await
}

pub(crate) fn import(
    s: &mut Store,
    ctx: &Ctx<'_>,
    path: &Path,
    allow_unsigned: bool,
) -> CmdResult<ImportOutcome> {
    let new_id = uuid::Uuid::new_v4().to_string();
    Ok(safe_app::share::import(
        s,
        path,
        &options(allow_unsigned),
        &new_id,
        &ctx.stamp,
    )?)
}

/// What merging a picked file into assessment `id` would do: items taken, conflicts side by side.
#[tauri::command]
pub async fn merge_preview(
    state: State<'_, AppState>,
    id: String,
    path: String,
    allow_unsigned: bool,
) -> CmdResult<MergePreview> {
    let path = state.picked(&path)?;
    state
        .run(move |s, _| preview(s, &id, &path, allow_unsigned))
        .await
}

pub(crate) fn preview(
    s: &mut Store,
    id: &str,
    path: &Path,
    allow_unsigned: bool,
) -> CmdResult<MergePreview> {
    let p = safe_app::share::merge_preview(s, id, path, &options(allow_unsigned))?;
    let take = p
        .plan
        .take
        .iter()
        .filter_map(|item| {
            let theirs = p.file.bundle.answers.iter().find(|x| &x.item_id == item)?;
            Some(MergeTaken {
                item_id: item.clone(),
                title: p.title(item),
                theirs: theirs.clone(),
            })
        })
        .collect();
    let conflicts = p
        .plan
        .conflicts
        .iter()
        .map(|c| MergeConflict {
            title: p.title(&c.item_id),
            conflict: c.clone(),
        })
        .collect();
    let plan = &p.plan;
    Ok(MergePreview {
        assessment: p.assessment.clone(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        signer: p.file.signature.as_ref().map(|x| x.signer.clone()),
        take,
        conflicts,
        same: plan.same.len(),
        only_mine: plan.only_mine.len(),
    })
}

/// Merges a picked file into assessment `id` in one transaction, with one choice per
/// conflicting item; refused, changing nothing, while a conflict has no choice.
#[tauri::command]
pub async fn apply_merge(
    state: State<'_, AppState>,
    id: String,
    path: String,
    allow_unsigned: bool,
    choices: Vec<MergeChoice>,
) -> CmdResult<MergeReport> {
    let path = state.picked(&path)?;
    state
        .run(move |s, ctx| merge(s, ctx, &id, &path, allow_unsigned, &choices))
        .await
}

pub(crate) fn merge(
    s: &mut Store,
    ctx: &Ctx<'_>,
    id: &str,
    path: &Path,
    allow_unsigned: bool,
    choices: &[MergeChoice],
) -> CmdResult<MergeReport> {
    let choose = |item: &str| choices.iter().find(|c| c.item_id == item).map(|c| c.side);
    Ok(safe_app::share::merge(
        s,
        id,
        path,
        &options(allow_unsigned),
        &choose,
        &ctx.stamp,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_file_names_are_safe_and_say_when_redacted() {
        assert_eq!(
            file_name("Acme AEO 2026", false),
            "Acme-AEO-2026.safeassess"
        );
        assert_eq!(file_name("../Acme", true), "Acme-redacted.safeassess");
    }
}
