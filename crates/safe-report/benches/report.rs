//! Report rendering times for a fully answered trader assessment with 20 evidence files
//! (targets: HTML at most 50 ms, PDF at most 1 s). Run with `cargo bench -p safe-report`.
//!
//! Floor (issue 15): the PDF against typst laying out and writing the same number of pages of plain
//! text (same fonts, same paper, nothing else), measured in the same run, interleaved with the
//! report, and printed with the ratio.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use safe_report::{Format, render};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// How many times the PDF and its floor run, alternately.
const FLOOR_ROUNDS: usize = 10;

fn reports(c: &mut Criterion) {
    let opened = common::trader(20);
    let opts = common::options();
    pdf_floor(&opened, &opts);
    let mut g = c.benchmark_group("trader report, 20 evidence files");
    for f in [Format::Html, Format::Json, Format::Csv, Format::Xlsx] {
        g.bench_function(f.slug(), |b| {
            b.iter(|| render(black_box(&opened), f, &opts).unwrap())
        });
    }
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("pdf", |b| {
        b.iter(|| render(black_box(&opened), Format::Pdf, &opts).unwrap())
    });
    g.finish();
}

/// The fonts the report embeds (typst-assets'), parsed once, as the report does.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One source file of plain text.
struct PlainText(Source);

impl World for PlainText {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }
    fn main(&self) -> FileId {
        self.0.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.0.id() {
            Ok(self.0.clone())
        } else {
            Err(FileError::NotSource)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// `pages` A4 pages of plain text (one paragraph of made-up words each), laid out and written as a
/// PDF from scratch, as the report is. Returns the page count.
fn plain_text_pdf(pages: usize) -> usize {
    let mut text = String::from("#set page(paper: \"a4\")\n#set text(size: 10pt)\n");
    for p in 0..pages {
        if p > 0 {
            text.push_str("#pagebreak()\n");
        }
        for w in 0..450 {
            text.push_str(["safe ", "supply ", "chain ", "security ", "customs "][(p + w) % 5]);
        }
        text.push('\n');
    }
    let id = RootedPath::new(VirtualRoot::Project, VirtualPath::new("/main.typ").unwrap()).intern();
    let world = PlainText(Source::new(id, text));
    let doc = typst::compile::<PagedDocument>(&world).output.unwrap();
    black_box(typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).unwrap());
    typst::comemo::evict(0);
    doc.pages().len()
}

/// Pages of a PDF: its page objects (`/Type /Page` or `/Type/Page`, not `/Pages`).
fn page_count(pdf: &[u8]) -> usize {
    [&b"/Type /Page"[..], &b"/Type/Page"[..]]
        .iter()
        .map(|needle| {
            pdf.windows(needle.len() + 1)
                .filter(|w| &w[..needle.len()] == *needle && w[needle.len()] != b's')
                .count()
        })
        .sum()
}

fn pdf_floor(opened: &safe_core::Opened, opts: &safe_report::Options) {
    let pages = page_count(&render(opened, Format::Pdf, opts).unwrap());
    assert!(pages > 0, "no page objects found in the report PDF");
    assert_eq!(plain_text_pdf(pages), pages, "the floor has as many pages");
    let (mut report, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..FLOOR_ROUNDS {
        let t = Instant::now();
        black_box(render(opened, Format::Pdf, opts).unwrap());
        report.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        plain_text_pdf(pages);
        floor.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (r, f) = (median(report), median(floor));
    println!(
        "floor | pdf ({pages} pages): median {r:.0} ms | typst, {pages} pages of plain text: median {f:.0} ms | ratio {:.2}x",
        r / f
    );
}

criterion_group!(benches, reports);
criterion_main!(benches);
