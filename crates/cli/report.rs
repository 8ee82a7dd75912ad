//! `safe-assess report`: an assessment as PDF, HTML, CSV, XLSX or JSON (crate safe-report).

use std::path::{Path, PathBuf};

use clap::Args;
use safe_core::store::Store;
use safe_core::{Error, Result};
use safe_report::{Format, Lang, Options, Paper, ReportData, ReportError};

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
    if !a.force && a.out.exists() {
        return Err(ReportError::Exists(a.out.clone()).into());
    }
    let store = Store::open(db)?;
    let id = store.resolve(&a.id)?;
    let opened = safe_core::open_assessment(&store, &id)?;
    // The earlier assessment is found and checked before anything is rendered.
    let comparison = match &a.compare_with {
        Some(other) => {
            let previous = safe_core::open_assessment(&store, &store.resolve(other)?)?;
            Some(safe_report::comparison(&previous, &opened)?)
        }
        None => None,
    };
    let now = chrono::Utc::now();
    let opts = Options {
        lang,
        paper,
        today: chrono::Local::now().date_naive(),
        generated_at: now,
    };
    let mut data = ReportData::build(&opened, &opts);
    data.comparison = comparison;
    let bytes =
        safe_report::render_data(&data, format, &opts).map_err(|e| render_fault(e, &a.out))?;
    safe_report::write_report(&a.out, &bytes, a.force)?;
    outln!(
        "wrote {} ({} report, {} KB)",
        a.out.display(),
        format.slug(),
        bytes.len().div_ceil(1024)
    );
    Ok(())
}

/// A rendering failure is a fault of the program, reported against the output file.
fn render_fault(e: ReportError, out: &Path) -> Error {
    match e {
        ReportError::Render { .. } => Error::io(out, std::io::Error::other(e.to_string())),
        other => other.into(),
    }
}
