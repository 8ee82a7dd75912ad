//! Reports: the options with the user's date, the report data with the optional progress since
//! an earlier assessment, rendering and writing.

use std::path::Path;

use chrono::{DateTime, Utc};
use safe_core::store::Store;
use safe_report::{Format, Lang, Options, Paper, ReportData, ReportError};

use crate::Result;

/// The options of a report generated at `generated_at`, judged against [`crate::today`] (the
/// user's local date), in the app and on the command line alike.
pub fn options(lang: Lang, paper: Paper, generated_at: DateTime<Utc>) -> Options {
    Options {
        lang,
        paper,
        today: crate::today(),
        generated_at,
    }
}

/// The report data of assessment `id`, with the progress section since `compare_with` when one
/// is given (refused, `not_comparable`, unless it is another assessment of the same family).
/// Everything is read and checked before anything is rendered.
pub fn build(
    store: &Store,
    id: &str,
    compare_with: Option<&str>,
    opts: &Options,
) -> Result<ReportData> {
    let opened = safe_core::open_assessment(store, id)?;
    let comparison = match compare_with {
        Some(other) => {
            let previous = safe_core::open_assessment(store, other)?;
            Some(safe_report::comparison(&previous, &opened)?)
        }
        None => None,
    };
    let mut data = ReportData::build(&opened, opts);
    data.comparison = comparison;
    data.link = store.linked(id)?.as_ref().map(safe_report::link_section);
    Ok(data)
}

/// Renders report data in `format`.
pub fn render(data: &ReportData, format: Format, opts: &Options) -> Result<Vec<u8>> {
    Ok(safe_report::render_data(data, format, opts)?)
}

/// Writes a rendered report to `out` through a temporary file beside it; an existing file is
/// replaced only with `overwrite`.
pub fn write(out: &Path, bytes: &[u8], overwrite: bool) -> Result<()> {
    Ok(safe_report::write_report(out, bytes, overwrite)?)
}

/// Refuses an output file that exists unless `overwrite` is given.
pub fn check_output(out: &Path, overwrite: bool) -> Result<()> {
    if !overwrite && out.exists() {
        return Err(ReportError::Exists(out.to_path_buf()).into());
    }
    Ok(())
}

/// Builds, renders and writes the report of `id` to `out` in one call; the output path is checked
/// first, so an existing file (without `overwrite`) refuses before anything is read. Returns the
/// size written, in bytes.
#[allow(clippy::too_many_arguments)]
pub fn report(
    store: &Store,
    id: &str,
    compare_with: Option<&str>,
    format: Format,
    opts: &Options,
    out: &Path,
    overwrite: bool,
) -> Result<usize> {
    check_output(out, overwrite)?;
    let data = build(store, id, compare_with, opts)?;
    let bytes = render(&data, format, opts)?;
    write(out, &bytes, overwrite)?;
    Ok(bytes.len())
}
