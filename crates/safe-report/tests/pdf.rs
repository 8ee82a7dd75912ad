//! Reads the PDF reports back with poppler-utils (pdftotext, pdfinfo, pdffonts; installed by
//! .ci/setup): the text is selectable and complete, fonts are embedded, paper sizes and page
//! counts are right, and hostile user text shows literally. Two renders only: PDFs are slow in
//! debug builds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use crate::common::{self, SCRIPT, TYPST};
use safe_report::{Format, Lang, Paper, ReportData, render};

pub(crate) fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} (poppler-utils, installed by .ci/setup) is needed: {e}")
        });
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pages(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

/// Text with line breaks and hyphenation joints removed, to find phrases split across lines.
pub(crate) fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn trader_pdf_reads_back_with_every_gap_the_verdict_and_embedded_fonts() {
    let opened = common::trader(20);
    let opts = common::options();
    let data = ReportData::build(&opened, &opts);
    let bytes = render(&opened, Format::Pdf, &opts).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, &bytes).unwrap();

    let info = tool("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(pages(&info) > 10, "a full report: {info}");
    assert!(
        info.contains("Title:           AEO readiness 2026"),
        "{info}"
    );

    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... emb sub uni object ID: emb is the fifth field from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }

    let text = tool("pdftotext", &[], &pdf);
    let flat_text = flat(&text);
    assert!(
        text.contains("Acme & Sons <Export> Ltd"),
        "organisation name"
    );
    for g in &data.gaps {
        assert!(text.contains(&g.item_id), "gap {} missing", g.item_id);
    }
    let verdict = data.summary.verdict.as_ref().unwrap();
    assert!(text.contains("Not ready"), "verdict label");
    assert!(
        flat_text.contains(&flat(&verdict.explanation)),
        "verdict rule: {}",
        verdict.explanation
    );
    // Headers, page numbers, contents.
    let n = pages(&info);
    assert!(text.contains(&format!("Page 3 of {n}")), "page numbers");
    for section in [
        "Contents",
        "Executive summary",
        "Gap register",
        "Action plan",
        "Evidence index",
        "Appendix A: full answers",
    ] {
        assert!(text.contains(section), "{section}");
    }
    assert!(text.contains("OVERDUE") && text.contains("EXPIRED"));
    // Escaping: markup in user text shows literally.
    assert!(text.contains(SCRIPT));
    assert!(
        flat_text.contains("#set text(red) *bold* _em_ $x^2$ @ref <lbl> `raw`"),
        "{TYPST}"
    );
    assert!(text.contains("<b>scan</b> & \"signed\" #copy.pdf"));
    // Bookmarks (the outline) are written.
    assert!(bytes.windows(9).any(|w| w == b"/Outlines"), "PDF outline");
}

#[test]
fn customs_pdf_in_french_on_letter_paper_has_capacity_building() {
    let opened = common::customs();
    let opts = safe_report::Options {
        lang: Lang::Fr,
        paper: Paper::Letter,
        ..common::options()
    };
    let data = ReportData::build(&opened, &opts);
    let bytes = render(&opened, Format::Pdf, &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let text = tool("pdftotext", &[], &pdf);
    assert!(text.contains("Revenue Authority of Ruritania"));
    assert!(text.contains("Synthèse") && text.contains("Renforcement des capacités"));
    assert!(text.contains(&format!("Page 2 sur {}", pages(&info))));
    assert!(!data.capacity_building.is_empty());
    for c in &data.capacity_building {
        assert!(text.contains(&c.title), "weak standard {}", c.title);
        // Compared without any white space: a long name may wrap after a slash.
        let squeezed: String = text.split_whitespace().collect();
        for i in &c.instruments {
            let name: String = i.split_whitespace().collect();
            assert!(squeezed.contains(&name), "instrument {i}");
        }
    }
    for g in &data.gaps {
        assert!(text.contains(&g.item_id), "gap {} missing", g.item_id);
    }
}

#[test]
fn empty_states_render_in_every_format() {
    use safe_core::model::Status;
    // Every applicable item met: no gap, no evidence, nothing flagged or not applicable.
    let met = common::trader_uniform(Some(Status::Met));
    let opts = common::options();
    let bytes = render(&met, Format::Pdf, &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("met.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let text = flat(&tool("pdftotext", &[], &pdf));
    for empty in [
        "No gaps: every applicable requirement is met or does not apply.",
        "No item was answered not applicable.",
        "No item is flagged for review.",
        "No evidence file is attached.",
    ] {
        assert!(text.contains(empty), "{empty}");
    }
    assert!(text.contains("Ready: every critical item is met"));
    // Nothing answered: no score anywhere, verdict incomplete; every format still renders.
    let blank = common::trader_uniform(None);
    for f in Format::ALL {
        let out = render(&blank, f, &opts).unwrap();
        assert!(!out.is_empty(), "{f:?}");
    }
    let data = ReportData::build(&blank, &opts);
    assert_eq!(data.summary.score.score, None);
    assert!(
        data.summary
            .paragraph
            .contains("No scorable answer has been given yet.")
    );
    assert_eq!(
        data.summary.verdict.as_ref().map(|v| v.rule),
        Some(2),
        "incomplete"
    );
}

#[test]
fn progress_section_reads_back_with_a_closed_gap() {
    let (previous, current) = common::trader_with_previous();
    let opts = common::options();
    let mut data = ReportData::build(&current, &opts);
    let c = safe_report::comparison(&previous, &current).unwrap();
    let closed = c.gaps_closed.first().expect("a closed gap").item_id.clone();
    let opened = c
        .gaps_opened
        .first()
        .expect("an opened gap")
        .item_id
        .clone();
    data.comparison = Some(c);
    let bytes = safe_report::render_data(&data, Format::Pdf, &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("progress.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let text = tool("pdftotext", &[], &pdf);
    let flat_text = flat(&text);
    // The section, in the contents and as a numbered heading, with its parts.
    assert!(
        text.matches("Progress since the previous assessment")
            .count()
            >= 2
    );
    assert!(flat_text.contains("3 Progress since the previous assessment"));
    assert!(flat_text.contains("4 Gap register"));
    assert!(flat_text.contains(
        "Compared with the previous assessment “AEO readiness 2025 <first>” of 4 March 2025"
    ));
    for part in [
        "Gaps closed",
        "Gaps opened",
        "Requirements whose status changed",
        "Top-level scores, previous and now",
        "Previous assessment",
        "This assessment",
    ] {
        assert!(flat_text.contains(part), "{part}");
    }
    // The closed gap's id is in the section (it is no longer in the gap register).
    let section = &flat_text[flat_text.find("Gaps closed Gaps of the previous").unwrap()..];
    let section = &section[..section.find("4 Gap register").unwrap()];
    assert!(section.contains(&closed), "closed gap {closed}");
    assert!(section.contains(&opened), "opened gap {opened}");
    assert!(
        data.gap(&closed).is_none(),
        "a closed gap is not in the register"
    );
}

#[test]
fn progress_section_empty_states() {
    let (previous, current) = common::trader_with_previous();
    let opts = common::options();
    let mut data = ReportData::build(&current, &opts);
    let mut c = safe_report::comparison(&previous, &current).unwrap();
    c.gaps_closed.clear();
    c.gaps_opened.clear();
    c.changes.clear();
    data.comparison = Some(c);
    let html = String::from_utf8(safe_report::render_data(&data, Format::Html, &opts).unwrap());
    let bytes = safe_report::render_data(&data, Format::Pdf, &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("empty.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let text = flat(&tool("pdftotext", &[], &pdf));
    let html = html.unwrap();
    for empty in [
        "No gap of the previous assessment has been closed.",
        "No new gap since the previous assessment.",
        "No requirement changed status.",
    ] {
        assert!(text.contains(empty), "PDF: {empty}");
        assert!(html.contains(empty), "HTML: {empty}");
    }
}
