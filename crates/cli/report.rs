//! `safe-assess report`: an assessment as PDF, HTML, CSV, XLSX or JSON (crate safe-report).

use std::path::{Path, PathBuf};

use clap::Args;
use safe_core::Error;
use safe_core::store::Store;

use crate::error::Result;
use safe_report::{Format, Lang, Paper};

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Assessment id (or a unique prefix of at least 4 characters).
    pub id: String,
    /// pdf, html, csv, xlsx or json.
    #[arg(long)]
    pub format: String,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Language of the report: en or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Paper size of the PDF and of the HTML when printed: a4 or letter.
    #[arg(long, default_value = "a4")]
    pub paper: String,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Add a "Progress since the previous assessment" section comparing with this earlier
    /// assessment of the same organisation and catalogue (id or unique prefix).
    #[arg(long, value_name = "OTHER_ID")]
    pub compare_with: Option<String>,
}

/// Checks the options, renders the report and writes it (through a temporary file).
pub fn run(db: &Path, a: ReportArgs) -> Result<()> {
    // Every word and the output path are checked before anything is read or rendered.
    let format = Format::parse(&a.format)?;
    let lang = Lang::parse(&a.lang)
        .ok_or_else(|| Error::invalid(format!("unknown language '{}': use en or fr", a.lang)))?;
    let paper = Paper::parse(&a.paper)?;
    safe_app::report::check_output(&a.out, a.force)?;
    let store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let previous = a
        .compare_with
        .as_deref()
        .map(|other| store.resolve(other))
        .transpose()?;
    let opts = safe_app::report::options(lang, paper, chrono::Utc::now());
    let size = safe_app::report::report(
        &store,
        &id,
        previous.as_deref(),
        format,
        &opts,
        &a.out,
        a.force,
    )?;
    outln!(
        "wrote {} ({} report, {} KB)",
        a.out.display(),
        format.slug(),
        size.div_ceil(1024)
    );
    Ok(())
}
