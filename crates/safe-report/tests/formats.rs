//! Snapshots of the HTML and JSON reports of a fixed, fully answered fixture with a fixed clock,
//! and escaping of hostile user text in HTML, JSON, CSV and XLSX.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;

use crate::common::{self, FORMULA, QUOTED, SCRIPT, TYPST};
use safe_report::{Format, Lang, ReportData, render};

fn text(f: Format, opened: &safe_core::Opened) -> String {
    String::from_utf8(render(opened, f, &common::options()).unwrap()).unwrap()
}

#[test]
fn json_report_snapshot_and_schema() {
    let opened = common::trader(3);
    let json = text(Format::Json, &opened);
    insta::assert_snapshot!("trader_json", json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "safe-assess.report/1");
    assert_eq!(v["asOf"], "2026-03-15");
    // User text survives exactly.
    let comments: Vec<&str> = v["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["comment"].as_str())
        .collect();
    for hostile in [SCRIPT, TYPST, FORMULA, QUOTED] {
        assert!(comments.contains(&hostile), "{hostile} kept as typed");
    }
    // The top gaps are the first ten of the register.
    let gaps: Vec<&str> = v["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["itemId"].as_str().unwrap())
        .collect();
    let top: Vec<&str> = v["topGaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(top, gaps[..10]);
    // Every gap is in exactly one owner's plan.
    let mut planned: Vec<&str> = v["actionPlan"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_str().unwrap())
        })
        .collect();
    planned.sort_unstable();
    let mut all = gaps.clone();
    all.sort_unstable();
    assert_eq!(planned, all);
}

#[test]
fn html_report_snapshot_for_a_trader_and_a_customs_administration() {
    let trader = text(Format::Html, &common::trader(3));
    insta::assert_snapshot!("trader_html", trader);
    let customs = text(Format::Html, &common::customs());
    insta::assert_snapshot!("customs_html", customs);
    assert!(customs.contains("id=\"capacity\""));
    assert!(customs.contains("WCO Risk Management Compendium"));
    assert!(
        !trader.contains("id=\"capacity\""),
        "capacity building is for customs"
    );
}

#[test]
fn html_escapes_user_text_and_is_self_contained() {
    let html = text(Format::Html, &common::trader(3));
    assert!(!html.contains(SCRIPT), "raw script tag must not appear");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Acme &amp; Sons &lt;Export&gt; Ltd"));
    assert!(html.contains("&lt;b&gt;scan&lt;/b&gt; &amp; &quot;signed&quot; #copy.pdf"));
    assert!(html.contains("#set text(red) *bold* _em_"));
    let lower = html.to_lowercase();
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "url(http", "@import",
    ] {
        assert!(!lower.contains(banned), "self-contained: found {banned}");
    }
    assert_eq!(
        lower.matches("http://").count(),
        lower.matches("http://www.w3.org/2000/svg").count()
            + lower.matches("http://evil.example").count()
    );
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
}

/// A minimal RFC 4180 reader, to check the CSV reads back to the same cells.
pub(crate) fn read_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn csv_is_rfc4180_with_bom_and_guards_formulas() {
    let opened = common::trader(3);
    let data = ReportData::build(&opened, &common::options());
    let csv = text(Format::Csv, &opened);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert!(csv.contains("\r\n"));
    let rows = read_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][0], "Item");
    assert_eq!(rows.len(), data.gaps.len() + 1);
    assert!(rows.iter().all(|r| r.len() == 18), "every row has 18 cells");
    assert_eq!(
        rows[0][12..],
        [
            "Reference",
            "Basis",
            "Programme",
            "Reference checked",
            "Carried from",
            "Link state"
        ]
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[16].is_empty() && r[17].is_empty()),
        "not linked: the link columns stay empty"
    );
    for (row, gap) in rows[1..].iter().zip(&data.gaps) {
        let item = opened.pack.item(&gap.item_id).unwrap();
        assert_eq!(row[12], item.reference, "{}", gap.item_id);
        match &item.provenance {
            Some(p) => {
                assert!(!row[13].is_empty(), "{}: basis", gap.item_id);
                assert_eq!(row[14], p.programme.clone().unwrap_or_default());
                assert!(!row[15].is_empty(), "{}: confidence", gap.item_id);
            }
            None => assert!(row[13].is_empty() && row[15].is_empty()),
        }
    }
    assert!(
        rows[1..].iter().any(|r| !r[13].is_empty()),
        "a format 2 pack fills the provenance columns"
    );
    let comments: Vec<&str> = rows[1..].iter().map(|r| r[10].as_str()).collect();
    assert!(comments.contains(&SCRIPT));
    assert!(
        comments.contains(&QUOTED),
        "quotes, commas and line breaks survive"
    );
    assert!(
        comments.contains(&format!("'{FORMULA}").as_str()),
        "formula neutralised"
    );
    assert!(!comments.contains(&FORMULA));
    for (row, gap) in rows[1..].iter().zip(&data.gaps) {
        assert_eq!(row[0], gap.item_id);
        assert_eq!(row[6], gap.owner);
    }
    let fr = render(&opened, Format::Csv, &{
        let mut o = common::options();
        o.lang = Lang::Fr;
        o
    })
    .unwrap();
    assert!(String::from_utf8(fr).unwrap().contains("Exigence,Intitulé"));
}

pub(crate) fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_holds_register_plan_and_summary_as_text_cells() {
    let opened = common::trader(3);
    let bytes = render(&opened, Format::Xlsx, &common::options()).unwrap();
    let workbook = zip_entry(&bytes, "xl/workbook.xml");
    for sheet in ["Gap register", "Action plan", "Summary"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}");
    }
    let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(strings.contains("=HYPERLINK("), "kept as a text cell");
    for sheet in ["sheet1", "sheet2", "sheet3"] {
        let xml = zip_entry(&bytes, &format!("xl/worksheets/{sheet}.xml"));
        assert!(!xml.contains("<f>"), "no formulas in {sheet}");
    }
    let data = ReportData::build(&opened, &common::options());
    let register = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(register.matches("<row ").count(), data.gaps.len() + 1);
}
