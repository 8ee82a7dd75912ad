//! Reports of safe-assess: an opened assessment as PDF, HTML, CSV, XLSX or JSON.
//!
//! [`render`] builds one [`ReportData`] from the assessment (scores, verdict, gap register, action
//! plan, evidence index, answers, capacity building) and turns it into the chosen format:
//! - **PDF** laid out by typst used as a library, with its fonts embedded in the binary; the data
//!   goes to the template as JSON, so nothing a user typed is ever read as markup;
//! - **HTML**, one self-contained file (inline CSS and SVG charts, no script, no external URL);
//! - **CSV** (RFC 4180, UTF-8 with BOM) and **XLSX** of the gap register and action plan;
//! - **JSON**, the report data itself (schema `safe-assess.report/1`, see `REPORT_SCHEMA.md`).
//!
//! An optional section shows the progress since an earlier assessment of the same organisation:
//! build it with [`comparison`] and put it into [`ReportData::comparison`] (see [`progress_since`]).
//!
//! Every fixed string comes from the translation table in [`i18n`] (English and French).
//! [`write_report`] writes the bytes through a temporary file in the target folder, so a failed
//! or refused write leaves nothing behind.

mod build;
pub mod i18n;
mod link_texts;
mod model;
pub mod progress_since;
mod provenance;
mod texts;
pub mod validation;

mod html;
mod pdf;
mod tabular;
mod write;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use safe_core::ErrorCode;

pub use i18n::Lang;
pub use model::link_section;
pub use model::{
    AimRow, AnswerGroup, AnswerRow, AssessmentInfo, CapacityRow, CatalogueInfo, EvidenceRow,
    FlaggedRow, GapRow, GroupRow, LanguageFallback, LinkRow, LinkSection, NotApplicableRow,
    OwnerPlan, ProvenanceRow, ReportData, RoleInfo, SCHEMA, Summary, TOP_GAPS, VerdictInfo,
    WEAK_BELOW,
};
/// PDFs laid out in a worker process, for a long-running program (see the module).
pub use pdf::job as worker;
pub use progress_since::{Comparison, comparison};
pub use write::write_report;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Format {
    /// PDF (typst).
    Pdf,
    /// Self-contained HTML.
    Html,
    /// CSV of the gap register and action plan.
    Csv,
    /// Excel workbook of the gap register and action plan.
    Xlsx,
    /// The report data as JSON.
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Pdf,
        Format::Html,
        Format::Csv,
        Format::Xlsx,
        Format::Json,
    ];

    /// The stable slug, also the usual file extension.
    pub fn slug(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    /// Parses a slug, naming the accepted words when it is not one.
    pub fn parse(s: &str) -> Result<Format, ReportError> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.slug() == lower)
            .ok_or_else(|| {
                ReportError::Invalid(format!(
                    "unknown report format '{s}': use pdf, html, csv, xlsx or json"
                ))
            })
    }
}

/// Paper size of the PDF (and of the HTML print stylesheet).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Paper {
    /// ISO A4 (default).
    #[default]
    A4,
    /// US Letter.
    Letter,
}

impl Paper {
    /// Parses `a4` or `letter`.
    pub fn parse(s: &str) -> Result<Paper, ReportError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            _ => Err(ReportError::Invalid(format!(
                "unknown paper size '{s}': use a4 or letter"
            ))),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Language of the fixed strings.
    pub lang: Lang,
    /// Paper size.
    pub paper: Paper,
    /// The date overdue actions and expired evidence are judged against.
    pub today: NaiveDate,
    /// The generation time printed in the report.
    pub generated_at: DateTime<Utc>,
}

impl Options {
    /// English, A4, with `today` taken from `generated_at`.
    pub fn new(generated_at: DateTime<Utc>) -> Options {
        Options {
            lang: Lang::En,
            paper: Paper::A4,
            today: generated_at.date_naive(),
            generated_at,
        }
    }
}

/// What can go wrong while rendering or writing a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A bad option (unknown format, paper or language).
    #[error("{0}")]
    Invalid(String),
    /// Two assessments that cannot be compared (the same one, other catalogues, other
    /// organisations).
    #[error("{0}")]
    NotComparable(String),
    /// The output file exists and overwriting was not asked for.
    #[error("{0} already exists: choose another file or use --force to replace it")]
    Exists(PathBuf),
    /// The output folder does not exist or cannot be written.
    #[error("cannot write the report into {path}: {reason}")]
    NotWritable {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Writing failed part-way (disk full, ...). Nothing was left behind.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The layout engine or a writer failed: a bug, not the user's input.
    #[error("could not produce the {format} report: {message}")]
    Render {
        /// The format.
        format: &'static str,
        /// What failed.
        message: String,
    },
}

impl ReportError {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ReportError::Invalid(_) => ErrorCode::InvalidInput,
            ReportError::NotComparable(_) => ErrorCode::NotComparable,
            ReportError::Exists(_) => ErrorCode::FileExists,
            ReportError::NotWritable { .. } => ErrorCode::NotWritable,
            ReportError::Io { .. } => ErrorCode::Io,
            ReportError::Render { .. } => ErrorCode::Render,
        }
    }

    /// True for the user's input (bad option, existing file, folder not writable):
    /// [`ErrorCode::is_user_error`].
    pub fn is_user_error(&self) -> bool {
        match self {
            ReportError::Io { source, .. } => ErrorCode::io_is_user_error(source),
            other => other.code().is_user_error(),
        }
    }
}

/// Renders an opened assessment in `format`.
pub fn render(
    opened: &safe_core::Opened,
    format: Format,
    opts: &Options,
) -> Result<Vec<u8>, ReportError> {
    let data = ReportData::build(opened, opts);
    render_data(&data, format, opts)
}

/// Renders already built report data in `format`.
pub fn render_data(
    data: &ReportData,
    format: Format,
    opts: &Options,
) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Json => json(data),
        Format::Html => Ok(html::render(data, opts).into_bytes()),
        Format::Pdf => pdf::render(data, opts),
        Format::Csv => Ok(tabular::csv(data, opts.lang)),
        Format::Xlsx => tabular::xlsx(data, opts.lang),
    }
}

fn json(data: &ReportData) -> Result<Vec<u8>, ReportError> {
    let mut out = serde_json::to_vec_pretty(data).map_err(|e| ReportError::Render {
        format: "json",
        message: e.to_string(),
    })?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_papers_parse_and_name_the_accepted_words() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.slug()).expect("own slug"), f);
        }
        assert_eq!(Format::parse("PDF").expect("case-insensitive"), Format::Pdf);
        let e = Format::parse("docx").expect_err("no docx");
        assert_eq!(
            e.to_string(),
            "unknown report format 'docx': use pdf, html, csv, xlsx or json"
        );
        assert!(e.is_user_error());
        assert_eq!(Paper::parse("Letter").expect("letter"), Paper::Letter);
        assert!(Paper::parse("a3").is_err());
    }

    #[test]
    fn codes_and_sides() {
        let e = ReportError::Exists("/tmp/x.pdf".into());
        assert_eq!(e.code(), ErrorCode::FileExists);
        assert!(e.is_user_error());
        let e = ReportError::Render {
            format: "pdf",
            message: "boom".into(),
        };
        assert_eq!(e.code(), ErrorCode::Render);
        assert!(!e.is_user_error());
    }
}
