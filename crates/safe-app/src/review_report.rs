//! The validation report of a review, as PDF or HTML, for customs (an application in its queue)
//! and for the trader (the review attached to an assessment). Built by
//! `safe_report::validation`; each function reads everything first, then renders.

use std::path::Path;

use safe_core::review::Remark;
use safe_core::store::Store;
use safe_report::validation::{Side, ValidationData, ValidationInput, render};
use safe_report::{Format, Options};

use crate::Result;

/// Writes the validation report of customs application `app` (its last submission) to `out`
/// in `format` (pdf or html; others refused, `invalid_input`, before anything is read), through
/// a temporary file; an existing file is replaced only with `overwrite`. Returns the size
/// written, in bytes.
pub fn application_report(
    store: &Store,
    app: &str,
    format: Format,
    opts: &Options,
    out: &Path,
    overwrite: bool,
) -> Result<usize> {
    write_with(format, out, overwrite, || {
        application_bytes(store, app, format, opts)
    })
}

/// Writes the validation report of the customs review attached to the trader's assessment `id`
/// (`not_found` when none is attached) to `out`, as [`application_report`] does. The remarks
/// carry the trader's latest answers.
pub fn received_report(
    store: &Store,
    id: &str,
    format: Format,
    opts: &Options,
    out: &Path,
    overwrite: bool,
) -> Result<usize> {
    write_with(format, out, overwrite, || {
        received_bytes(store, id, format, opts)
    })
}

/// Checks the format and the output path, then renders with `bytes` and writes the result.
fn write_with(
    format: Format,
    out: &Path,
    overwrite: bool,
    bytes: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<usize> {
    check(format, out, overwrite)?;
    let bytes = bytes()?;
    crate::report::write(out, &bytes, overwrite)?;
    Ok(bytes.len())
}

fn check(format: Format, out: &Path, overwrite: bool) -> Result<()> {
    if !matches!(format, Format::Pdf | Format::Html) {
        return Err(safe_report::ReportError::Invalid(format!(
            "a validation report is written as pdf or html, not {}",
            format.slug()
        ))
        .into());
    }
    crate::report::check_output(out, overwrite)
}

/// The rendered validation report of application `app`.
pub fn application_bytes(
    store: &Store,
    app: &str,
    format: Format,
    opts: &Options,
) -> Result<Vec<u8>> {
    let v = store.application_view(app)?;
    let a = &v.application;
    let pack = store.pack(&a.pack_id, &a.pack_version)?;
    let input = ValidationInput {
        side: Side::Customs,
        pack: &pack,
        assessment: &v.bundle.assessment,
        answers: &v.bundle.answers,
        application_id: &a.id,
        state: a.state,
        submission: a.submission,
        submissions: v
            .submissions
            .iter()
            .map(|s| (s.number, s.received_at.date_naive()))
            .collect(),
        received_on: Some(a.received_on),
        accepted_on: a.accepted_on,
        deadlines: Some(v.deadlines),
        accepted: &v.accepted,
        remarks: &v.remarks,
        findings: &v.findings,
        decisions: &v.decisions,
        fingerprint: &a.fingerprint,
        reviewed_at: None,
    };
    let data = ValidationData::build(&input, opts);
    Ok(render(&data, format, opts)?)
}

/// The rendered validation report of the review attached to assessment `id`.
pub fn received_bytes(store: &Store, id: &str, format: Format, opts: &Options) -> Result<Vec<u8>> {
    let received = store
        .received_review(id)?
        .ok_or_else(|| safe_core::Error::NotFound {
            what: "customs review for assessment",
            id: id.to_string(),
        })?;
    let opened = safe_core::open_assessment(store, id)?;
    let doc = &received.doc;
    let remarks: Vec<Remark> = doc
        .remarks
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if let Some(mine) = received.remarks.iter().find(|m| m.number == r.number)
                && !mine.response.trim().is_empty()
            {
                r.response.clone_from(&mine.response);
            }
            r
        })
        .collect();
    let submissions = store
        .submissions_made(id)?
        .into_iter()
        .map(|(n, at)| (n, at.date_naive()))
        .collect();
    let input = ValidationInput {
        side: Side::Trader,
        pack: &opened.pack,
        assessment: &opened.assessment,
        answers: &opened.answers,
        application_id: &doc.application_id,
        state: doc.state,
        submission: doc.submission,
        submissions,
        received_on: None,
        accepted_on: None,
        deadlines: None,
        accepted: &doc.accepted,
        remarks: &remarks,
        findings: &doc.findings,
        decisions: &doc.decisions,
        fingerprint: &received.fingerprint,
        reviewed_at: Some(doc.exported_at),
    };
    let data = ValidationData::build(&input, opts);
    Ok(render(&data, format, opts)?)
}

/// Writes the report (PDF) the trader's submission `number` of application `app` carried (the
/// last submission when `None`) to `out`; `not_found` when that submission carried none.
/// Returns (the submission, the size written).
pub fn submission_pdf(
    store: &Store,
    app: &str,
    number: Option<u32>,
    out: &Path,
    overwrite: bool,
) -> Result<(u32, usize)> {
    crate::report::check_output(out, overwrite)?;
    let a = store.application(app)?;
    let n = number.unwrap_or(a.submission);
    let pdf = store
        .submission_report(app, n)?
        .ok_or_else(|| safe_core::Error::NotFound {
            what: "report of submission",
            id: format!("{n} of application {app}"),
        })?;
    crate::report::write(out, &pdf, overwrite)?;
    Ok((n, pdf.len()))
}
