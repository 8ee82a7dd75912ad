//! Exporting a report: ask where, render with `safe-report`, write, and open it on request.

use std::path::PathBuf;

use chrono::Utc;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::dialogs;
use safe_report::{Format, Lang};

use crate::dto::{ExportRequest, ExportStep, Exported};
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::{AppState, blocking};

/// Asks where to save, renders the report and writes it, sending each step to `on_step`.
/// `None` when the user closed the save dialog.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
    on_step: Channel<ExportStep>,
) -> CmdResult<Option<Exported>> {
    let id = request.assessment_id.clone();
    let title = state.run(move |s, _| Ok(s.assessment(&id)?.title)).await?;
    let name = file_name(&title, request.format);
    let (dialog_title, filter) = (
        dialog_title(request.language),
        (request.format.slug().to_uppercase(), request.format.slug()),
    );
    let Some(path) =
        blocking(move || dialogs::save_file(&app, dialog_title, &name, (&filter.0, filter.1)))
            .await?
    else {
        return Ok(None);
    };

    let send = |step| {
        // The UI may have gone away (window closed); the export still completes.
        let _ = on_step.send(step);
    };
    send(ExportStep::Loading);
    let opts = options(&request);
    let data = {
        let opts = opts.clone();
        state
            .run(move |s, _| {
                let previous = request.compare_with.as_deref();
                Ok(safe_app::report::build(
                    s,
                    &request.assessment_id,
                    previous,
                    &opts,
                )?)
            })
            .await?
    };
    send(ExportStep::Rendering);
    let format = request.format;
    let bytes = blocking(move || Ok(safe_app::report::render(&data, format, &opts)?)).await?;
    send(ExportStep::Writing);
    let size = bytes.len() as u64;
    let target = path.clone();
    // The native dialog has already asked before replacing an existing file.
    blocking(move || Ok(safe_app::report::write(&target, &bytes, true)?)).await?;
    state.add_written(path.clone())?;
    send(ExportStep::Done);
    Ok(Some(Exported {
        path: path.display().to_string(),
        size,
    }))
}

/// Opens a report this app wrote, in the desktop's default program for it.
#[tauri::command]
pub async fn open_exported(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<()> {
    let path = PathBuf::from(path);
    if !state.was_written(&path)? {
        return Err(CommandError::new(
            ErrorCode::NotAllowed,
            "only a report exported in this session can be opened from here",
        ));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            CommandError::new(
                ErrorCode::Io,
                format!("could not open {}: {e}", path.display()),
            )
        })
}

/// The report options of a request, generated now and judged against the user's date.
pub(crate) fn options(request: &ExportRequest) -> safe_report::Options {
    safe_app::report::options(request.language, request.paper, Utc::now())
}

fn dialog_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Save the report",
        Lang::Fr => "Enregistrer le rapport",
    }
}

/// A file name for the report from the assessment's title.
fn file_name(title: &str, format: Format) -> String {
    format!("{}-report.{}", file_stem(title), format.slug())
}

/// A file name stem from an assessment's title: letters, digits and dashes only.
pub(crate) fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(80).collect();
    if stem.is_empty() {
        "assessment".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_file_names_are_safe_and_readable() {
        assert_eq!(
            file_name("AEO readiness 2026", Format::Pdf),
            "AEO-readiness-2026-report.pdf"
        );
        assert_eq!(
            file_name("../../etc/passwd", Format::Json),
            "etc-passwd-report.json"
        );
        assert_eq!(
            file_name("Évaluation — Douane (KE)", Format::Xlsx),
            "Évaluation-Douane-KE-report.xlsx"
        );
        assert_eq!(file_name("///", Format::Csv), "assessment-report.csv");
    }
}
