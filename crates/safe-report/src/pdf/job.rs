//! One PDF to lay out, as plain data, so that a program can have it laid out in a worker process.
//!
//! Laying out a report allocates tens of megabytes, and a long-running program keeps much of it
//! after the report is done (see BENCHMARKS.md, "A working day"). Such a program hands every PDF
//! to a worker of its own with [`lay_out_with`]: the desktop app starts itself again, writes the
//! [`Job`] on the worker's standard input ([`Job::write`]) and reads the PDF back from what
//! [`serve`] writes. Without a worker every PDF is laid out in the calling process ([`Job::lay_out`]),
//! as the command line does.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{TEMPLATE, VALIDATION_TEMPLATE, compile_here, render_error};
use crate::ReportError;

/// The templates compiled into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// The assessment report (`report.typ`).
    Report,
    /// The validation report (`validation.typ`).
    Validation,
}

impl Template {
    /// The template's path in typst's file system, and its text.
    pub(super) fn source(self) -> (&'static str, &'static str) {
        match self {
            Template::Report => ("/report.typ", TEMPLATE),
            Template::Validation => ("/validation.typ", VALIDATION_TEMPLATE),
        }
    }
}

/// Everything typst needs for one PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Which template lays it out.
    pub template: Template,
    /// The report's data as the template reads it (`/view.json`).
    pub view: Vec<u8>,
    /// The PDF's identifier.
    pub ident: String,
    /// The PDF's creator.
    pub creator: String,
    /// The template's "today".
    pub today: NaiveDate,
    /// The PDF's timestamp.
    pub generated_at: DateTime<Utc>,
}

/// The version of the framing [`Job::write`] writes; [`Job::read`] refuses any other.
const VERSION: u32 = 1;

/// The first line of a written job: everything but the view, and the view's length.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    version: u32,
    template: Template,
    ident: String,
    creator: String,
    today: NaiveDate,
    generated_at: DateTime<Utc>,
    view_bytes: usize,
}

fn framing(message: impl std::fmt::Display) -> ReportError {
    render_error(format!("the layout worker's input: {message}"))
}

impl Job {
    /// Writes the job: one line of JSON, then the view's bytes.
    pub fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let header = Header {
            version: VERSION,
            template: self.template,
            ident: self.ident.clone(),
            creator: self.creator.clone(),
            today: self.today,
            generated_at: self.generated_at,
            view_bytes: self.view.len(),
        };
        serde_json::to_writer(&mut *out, &header)?;
        out.write_all(b"\n")?;
        out.write_all(&self.view)?;
        out.flush()
    }

    /// Reads a job that [`Job::write`] wrote.
    pub fn read(input: &mut impl Read) -> Result<Job, ReportError> {
        let mut input = BufReader::new(input);
        let mut line = Vec::new();
        input.read_until(b'\n', &mut line).map_err(framing)?;
        let header: Header = serde_json::from_slice(&line).map_err(framing)?;
        if header.version != VERSION {
            return Err(framing(format_args!(
                "version {} (this program reads version {VERSION})",
                header.version
            )));
        }
        let mut view = vec![0; header.view_bytes];
        input.read_exact(&mut view).map_err(framing)?;
        Ok(Job {
            template: header.template,
            view,
            ident: header.ident,
            creator: header.creator,
            today: header.today,
            generated_at: header.generated_at,
        })
    }

    /// Lays the job out in this process.
    pub fn lay_out(&self) -> Result<Vec<u8>, ReportError> {
        compile_here(self)
    }
}

/// A way to lay a job out somewhere else than in the calling thread.
pub type Layout = fn(&Job) -> Result<Vec<u8>, ReportError>;

static LAYOUT: OnceLock<Layout> = OnceLock::new();

/// Sends every PDF this process renders from now on to `layout`. Once per process: a second call
/// changes nothing and returns `false`.
pub fn lay_out_with(layout: Layout) -> bool {
    LAYOUT.set(layout).is_ok()
}

/// Lays `job` out where this process was told to ([`lay_out_with`]), or here.
pub(super) fn run(job: &Job) -> Result<Vec<u8>, ReportError> {
    match LAYOUT.get() {
        Some(layout) => layout(job),
        None => job.lay_out(),
    }
}

/// The worker's side: reads one job from `input`, lays it out and writes the PDF to `output`.
pub fn serve(input: &mut impl Read, output: &mut impl Write) -> Result<(), ReportError> {
    let job = Job::read(input)?;
    let pdf = job.lay_out()?;
    output
        .write_all(&pdf)
        .and_then(|()| output.flush())
        .map_err(|e| render_error(format!("the layout worker could not answer: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn job() -> Job {
        Job {
            template: Template::Validation,
            view: br#"{"a": "\u00e9\n"}"#.to_vec(),
            ident: "app-1-2".into(),
            creator: "safe-assess test".into(),
            today: NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
            generated_at: Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_written_job_reads_back_the_same() {
        let mut bytes = Vec::new();
        job().write(&mut bytes).expect("write");
        assert_eq!(Job::read(&mut bytes.as_slice()).expect("read"), job());
    }

    #[test]
    fn a_short_or_foreign_job_is_refused_with_a_reason() {
        let mut bytes = Vec::new();
        job().write(&mut bytes).expect("write");
        let short = &bytes[..bytes.len() - 1];
        let e = Job::read(&mut &short[..]).expect_err("one byte missing");
        assert!(e.to_string().contains("layout worker's input"), "{e}");
        let text = String::from_utf8(bytes).expect("utf-8");
        let other = text.replacen("\"version\":1", "\"version\":9", 1);
        let e = Job::read(&mut other.as_bytes()).expect_err("another version");
        assert!(e.to_string().contains("version 9"), "{e}");
    }

    #[test]
    fn the_worker_answers_a_job_with_a_pdf_or_a_reason() {
        // Data the template cannot read: the worker says why instead of a PDF.
        let mut input = Vec::new();
        Job {
            view: b"{}".to_vec(),
            ..job()
        }
        .write(&mut input)
        .expect("job");
        let mut output = Vec::new();
        let e = serve(&mut input.as_slice(), &mut output).expect_err("not a validation view");
        assert!(output.is_empty(), "nothing written on failure");
        assert!(
            e.to_string().contains("could not produce the pdf report"),
            "{e}"
        );
        // Input that is not a job at all.
        let e = serve(&mut &b"hello"[..], &mut output).expect_err("not a job");
        assert!(e.to_string().contains("layout worker's input"), "{e}");
    }
}
