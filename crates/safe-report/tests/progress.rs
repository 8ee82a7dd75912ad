//! The optional "Progress since the previous assessment" section: snapshots of its HTML and JSON
//! for a fixed pair of assessments, the XLSX sheet, French texts, the refusals, and that a report
//! without a comparison has no such section.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;

use safe_report::{Format, Lang, Options, ReportData, ReportError, comparison, render_data};

use crate::common;

fn with_progress(opts: &Options) -> ReportData {
    let (previous, current) = common::trader_with_previous();
    let mut data = ReportData::build(&current, opts);
    data.comparison = Some(comparison(&previous, &current).unwrap());
    data
}

fn text(data: &ReportData, f: Format, opts: &Options) -> String {
    String::from_utf8(render_data(data, f, opts).unwrap()).unwrap()
}

/// The HTML of one section, from its opening tag to its closing tag.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let len = html[start..].find("</section>").unwrap() + "</section>".len();
    &html[start..start + len]
}

#[test]
fn html_section_snapshot() {
    let opts = common::options();
    let data = with_progress(&opts);
    let html = text(&data, Format::Html, &opts);
    let progress = section(&html, "progress");
    insta::assert_snapshot!("trader_progress_html", progress);
    // In the contents, after the scores and before the gap register, numbered 3.
    assert!(
        html.contains("<li><a href=\"#progress\">Progress since the previous assessment</a></li>")
    );
    assert!(progress.contains("<h2>3 Progress since the previous assessment</h2>"));
    assert!(html.contains("<h2>4 Gap register</h2>"));
    // The previous title is user text: escaped.
    assert!(progress.contains("“AEO readiness 2025 &lt;first&gt;” of 4 March 2025"));
    let c = data.comparison.as_ref().unwrap();
    assert!(!c.gaps_closed.is_empty() && !c.gaps_opened.is_empty() && !c.changes.is_empty());
    for g in &c.gaps_closed {
        assert!(progress.contains(&g.item_id), "closed gap {}", g.item_id);
    }
    assert!(
        progress.contains("class=\"move worsened\"")
            && progress.contains("class=\"move improved\"")
    );
}

#[test]
fn json_comparison_snapshot_and_fields() {
    let opts = common::options();
    let data = with_progress(&opts);
    let v: serde_json::Value = serde_json::from_str(&text(&data, Format::Json, &opts)).unwrap();
    assert_eq!(v["schema"], "safe-assess.report/1");
    let c = &v["comparison"];
    insta::assert_snapshot!(
        "trader_progress_json",
        serde_json::to_string_pretty(c).unwrap()
    );
    assert_eq!(c["previous"]["id"], common::PREVIOUS_ID);
    assert_eq!(c["previous"]["updatedAt"], "2025-03-04T09:00:00Z");
    let (before, after) = (
        c["overall"]["before"].as_f64().unwrap(),
        c["overall"]["after"].as_f64().unwrap(),
    );
    assert!((c["overall"]["delta"].as_f64().unwrap() - (after - before)).abs() < 1e-9);
    // Every group of the tree, with the report's unique labels.
    assert_eq!(
        c["groups"].as_array().unwrap().len(),
        v["groups"].as_array().unwrap().len()
    );
    assert!(
        c["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["movement"].is_string())
    );
    // Without a comparison the field is null and there is no section.
    let (_, current) = common::trader_with_previous();
    let plain = ReportData::build(&current, &opts);
    let v: serde_json::Value = serde_json::from_str(&text(&plain, Format::Json, &opts)).unwrap();
    assert!(v["comparison"].is_null());
    assert!(!text(&plain, Format::Html, &opts).contains("id=\"progress\""));
}

#[test]
fn french_texts() {
    let opts = Options {
        lang: Lang::Fr,
        ..common::options()
    };
    let data = with_progress(&opts);
    let html = text(&data, Format::Html, &opts);
    let progress = section(&html, "progress");
    for s in [
        "Progrès depuis l&#39;évaluation précédente",
        "Comparaison avec l&#39;évaluation précédente « AEO readiness 2025 &lt;first&gt; » du 4 mars 2025",
        "Écarts comblés",
        "Nouveaux écarts",
        "Exigences dont le statut a changé",
        "Le score global est passé de",
    ] {
        assert!(progress.contains(s), "{s}");
    }
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_has_a_progress_sheet_and_csv_stays_a_gap_register() {
    let opts = common::options();
    let data = with_progress(&opts);
    let c = data.comparison.as_ref().unwrap();
    let bytes = render_data(&data, Format::Xlsx, &opts).unwrap();
    let workbook = zip_entry(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Progress\""), "{workbook}");
    let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
    for s in [
        "Gap closed",
        "Gap opened",
        "Status changed",
        "Previous assessment",
    ] {
        assert!(strings.contains(s), "{s}");
    }
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet4.xml");
    assert!(!sheet.contains("<f>"), "no formulas");
    // Header, overall score, the bar groups, then one row per gap closed, gap opened and change.
    assert_eq!(
        sheet.matches("<row ").count(),
        2 + data.bar_groups.len() + c.gaps_closed.len() + c.gaps_opened.len() + c.changes.len()
    );
    // Without a comparison: the three usual sheets only.
    let (_, current) = common::trader_with_previous();
    let plain = safe_report::render(&current, Format::Xlsx, &opts).unwrap();
    assert!(!zip_entry(&plain, "xl/workbook.xml").contains("Progress"));
    // The CSV is the gap register either way.
    let csv = text(&data, Format::Csv, &opts);
    let plain_csv = String::from_utf8(safe_report::render(&current, Format::Csv, &opts).unwrap());
    assert_eq!(csv, plain_csv.unwrap());
}

#[test]
fn refused_pairs_say_why() {
    let (previous, current) = common::trader_with_previous();
    let code = |e: ReportError| (e.code().as_str(), e.is_user_error(), e.to_string());

    let (c, user, msg) = code(comparison(&current, &current).unwrap_err());
    assert_eq!((c, user), ("not_comparable", true));
    assert!(msg.contains("cannot be compared with itself"), "{msg}");

    let other_org = common::trader_uniform(None);
    let (c, _, msg) = code(comparison(&other_org, &current).unwrap_err());
    assert_eq!(c, "not_comparable");
    assert!(
        msg.contains("'Uniform Exports SA'") && msg.contains("same organisation"),
        "{msg}"
    );

    let customs = common::customs();
    let (c, _, msg) = code(comparison(&customs, &current).unwrap_err());
    assert_eq!(c, "not_comparable");
    assert!(msg.contains("different catalogues"), "{msg}");

    assert!(comparison(&previous, &current).is_ok());
}
