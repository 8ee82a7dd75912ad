//! The PDF report, laid out by typst used as a library.
//!
//! The template (`report.typ`) is compiled into the binary; the report data goes to it as a JSON
//! file of a small in-memory file system (`/view.json`), read with typst's `json()`. User text is
//! therefore only ever a typst *string*, displayed as plain text: markup characters in a comment
//! (`*`, `#`, `<`, `$`, ...) show as themselves. The fonts are typst-assets' embedded fonts
//! (Libertinus Serif, DejaVu Sans Mono), so no system font is needed and every font is embedded in
//! the PDF.

pub mod job;
mod validation;
mod view;

use std::sync::LazyLock;

use chrono::{Datelike, Timelike};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::model::ReportData;
use crate::{Options, ReportError};

const TEMPLATE: &str = include_str!("report.typ");
const VALIDATION_TEMPLATE: &str = include_str!("validation.typ");

/// The fonts, parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> Result<FileId, ReportError> {
    let vpath = VirtualPath::new(path).map_err(|e| render_error(format!("{e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

fn render_error(message: String) -> ReportError {
    ReportError::Render {
        format: "pdf",
        message,
    }
}

/// A world of two files: the template and the data.
struct ReportWorld {
    main: Source,
    view_id: FileId,
    view: Bytes,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.view_id {
            Ok(self.view.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn diagnostics(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Renders the PDF.
pub fn render(d: &ReportData, opts: &Options) -> Result<Vec<u8>, ReportError> {
    let view = view::View::build(d, opts);
    let json = serde_json::to_vec(&view).map_err(|e| render_error(e.to_string()))?;
    job::run(&job::Job {
        template: job::Template::Report,
        view: json,
        ident: d.assessment.id.clone(),
        creator: d.generator.clone(),
        today: opts.today,
        generated_at: opts.generated_at,
    })
}

/// Renders the validation report's PDF.
pub fn render_validation(
    d: &crate::validation::ValidationData,
    opts: &Options,
) -> Result<Vec<u8>, ReportError> {
    let view = validation::View::build(d, opts);
    let json = serde_json::to_vec(&view).map_err(|e| render_error(e.to_string()))?;
    job::run(&job::Job {
        template: job::Template::Validation,
        view: json,
        ident: format!("{}-{}", d.application_id, d.submission),
        creator: format!("safe-assess {}", env!("CARGO_PKG_VERSION")),
        today: opts.today,
        generated_at: opts.generated_at,
    })
}

/// Lays out a job's template over its data (read by the template as `/view.json`), in this
/// process.
fn compile_here(job: &job::Job) -> Result<Vec<u8>, ReportError> {
    let (path, template) = job.template.source();
    let world = ReportWorld {
        main: Source::new(file_id(path)?, template.to_string()),
        view_id: file_id("/view.json")?,
        view: Bytes::new(job.view.clone()),
        today: Datetime::from_ymd(
            job.today.year(),
            job.today.month() as u8,
            job.today.day() as u8,
        ),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let doc = compiled.output.map_err(|e| render_error(diagnostics(&e)))?;
    let g = job.generated_at;
    let timestamp = Datetime::from_ymd_hms(
        g.year(),
        g.month() as u8,
        g.day() as u8,
        g.hour() as u8,
        g.minute() as u8,
        g.second() as u8,
    )
    .map(typst_pdf::Timestamp::new_utc);
    let pdf_opts = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(job.ident.clone()),
        creator: typst::foundations::Smart::Custom(Some(job.creator.clone())),
        timestamp,
        ..typst_pdf::PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&doc, &pdf_opts).map_err(|e| render_error(diagnostics(&e)))?;
    // Drop typst's memoised layout results: a report is a one-off action, so a long-running app
    // keeps no memory for it, and every report (and the benchmark) is laid out from scratch.
    typst::comemo::evict(0);
    Ok(bytes)
}
