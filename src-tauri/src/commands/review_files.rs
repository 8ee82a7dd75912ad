//! Validation by customs, what the review writes or ranks besides the review file: the
//! validation report (customs: of an application; trader: of the review attached to an
//! assessment), the validation plan of an application, and a copy of a submission's evidence
//! file (customs).
//!
//! Each command asks where to save in a native dialog opened here, then makes one
//! `safe_app::review_report`, `review_plan` or `review_evidence` call.

use chrono::Utc;
use safe_app::review_evidence::{self, SavedEvidence};
use safe_app::review_plan::{self, ValidationPlan};
use safe_report::{Format, Lang, Paper};
use tauri::{AppHandle, State};

use crate::dialogs;
use crate::dto::Exported;
use crate::error::{CmdResult, CommandError, ErrorCode};
use crate::state::{AppState, blocking};

/// Customs (`customs` true: `id` is an application) or trader (`id` is an assessment with a
/// review attached): asks where to save, then writes the validation report as PDF or HTML in
/// `language`. `None` when the user closed the dialog. The file may then be opened
/// (`open_exported`).
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn validation_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    customs: bool,
    format: Format,
    language: Lang,
    paper: Paper,
    title: String,
) -> CmdResult<Option<Exported>> {
    if !matches!(format, Format::Pdf | Format::Html) {
        return Err(CommandError::new(
            ErrorCode::InvalidInput,
            format!(
                "a validation report is written as pdf or html, not {}",
                format.slug()
            ),
        ));
    }
    let sid = id.clone();
    let who = state
        .run(move |s, _| {
            Ok(if customs {
                s.application(&sid)?.applicant
            } else {
                s.assessment(&sid)?.title
            })
        })
        .await?;
    let name = file_name(&who, format);
    let filter = (format.slug().to_uppercase(), format.slug());
    let Some(path) =
        blocking(move || dialogs::save_file(&app, &title, &name, (&filter.0, filter.1))).await?
    else {
        return Ok(None);
    };
    let opts = safe_app::report::options(language, paper, Utc::now());
    let target = path.clone();
    let size = state
        .run(move |s, _| {
            // The native dialog has already asked before replacing an existing file.
            Ok(if customs {
                safe_app::review_report::application_report(s, &id, format, &opts, &target, true)?
            } else {
                safe_app::review_report::received_report(s, &id, format, &opts, &target, true)?
            })
        })
        .await?;
    state.add_written(path.clone())?;
    Ok(Some(Exported {
        path: path.display().to_string(),
        size: size as u64,
    }))
}

/// Customs: the sections of application `app` ranked for the on-site visit, judged against the
/// user's date.
#[tauri::command]
pub async fn validation_plan(state: State<'_, AppState>, app: String) -> CmdResult<ValidationPlan> {
    state
        .run(move |s, _| Ok(review_plan::validation_plan(s, &app, safe_app::today())?))
        .await
}

/// Customs: asks where to save a copy of evidence file `sha256` of the last submission of
/// application `app`, then writes it, its SHA-256 checked before and after. `None` when the user
/// closed the dialog.
#[tauri::command]
pub async fn save_submission_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    application: String,
    sha256: String,
    title: String,
) -> CmdResult<Option<(String, SavedEvidence)>> {
    let (a, sha) = (application.clone(), sha256.clone());
    let e = state
        .run(move |s, _| Ok(review_evidence::evidence_of(s, &a, &sha)?))
        .await?;
    let name = review_evidence::suggested_name(&e);
    let ext = name
        .rsplit_once('.')
        .map(|(_, x)| x.to_string())
        .filter(|x| !x.is_empty() && x.len() <= 10)
        .unwrap_or_else(|| "*".to_string());
    let label = e.media_type.clone();
    let Some(path) =
        blocking(move || dialogs::save_file(&app, &title, &name, (&label, &ext))).await?
    else {
        return Ok(None);
    };
    let target = path.clone();
    let saved = state
        .run(move |s, _| {
            // The native dialog has already asked before replacing an existing file.
            Ok(review_evidence::save_copy(
                s,
                &application,
                &sha256,
                &target,
                true,
            )?)
        })
        .await?;
    Ok(Some((path.display().to_string(), saved)))
}

/// A file name for the validation report from the applicant or the assessment's title.
fn file_name(who: &str, format: Format) -> String {
    format!(
        "{}-validation-report.{}",
        super::export::file_stem(who),
        format.slug()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_report_file_names_are_safe() {
        assert_eq!(
            file_name("Acme Trading Ltd", Format::Pdf),
            "Acme-Trading-Ltd-validation-report.pdf"
        );
        assert_eq!(file_name("../x", Format::Html), "x-validation-report.html");
    }
}
