//! Reports of a linked assessment (started from another through a crosswalk): per item, the PDF
//! (read back with pdftotext) and the CSV and XLSX gap register say which answers came from the
//! other assessment and whether they were confirmed, in English and French.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::formats::{read_csv, zip_entry};
use crate::pdf::{flat, tool};
use safe_core::store::DerivedState;
use safe_report::{Format, Lang, Options, ReportData, link_section, render_data};

fn data(opts: &Options) -> (ReportData, safe_core::store::Linked, String, String) {
    let (opened, linked, confirmed, diverged) = common::linked_trader();
    let mut data = ReportData::build(&opened, opts);
    data.link = Some(link_section(&linked));
    (data, linked, confirmed, diverged)
}

fn fr() -> Options {
    Options {
        lang: Lang::Fr,
        ..common::options()
    }
}

fn state_of(linked: &safe_core::store::Linked, item: &str) -> DerivedState {
    linked.item(item).unwrap().state
}

#[test]
fn the_pdf_names_the_source_item_and_the_state_under_each_linked_item_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            common::options(),
            "From {src} in “AEO readiness 2026”",
            "— confirmed",
            "— the source answer changed since: to confirm",
            "in “AEO readiness 2026” (",
        ),
        (
            fr(),
            "Issue de {src} dans « AEO readiness 2026 »",
            "— confirmée",
            "— la réponse source a changé depuis : à confirmer",
            "dans « AEO readiness 2026 » (",
        ),
    ];
    for (opts, from, confirmed_words, diverged_words, each_line) in &cases {
        let (data, linked, confirmed, diverged) = data(opts);
        assert_eq!(state_of(&linked, &confirmed), DerivedState::Confirmed);
        assert_eq!(state_of(&linked, &diverged), DerivedState::Diverged);
        let bytes = render_data(&data, Format::Pdf, opts).unwrap();
        let pdf = dir.path().join(format!("{}.pdf", opts.lang.code()));
        std::fs::write(&pdf, &bytes).unwrap();
        if let Ok(keep) = std::env::var("SAFE_REPORT_KEEP_PDF") {
            std::fs::copy(&pdf, format!("{keep}-{}.pdf", opts.lang.code())).unwrap();
        }
        let text = flat(&tool("pdftotext", &[], &pdf));
        for (item, words) in [(&confirmed, confirmed_words), (&diverged, diverged_words)] {
            let src = &linked.item(item).unwrap().source_item;
            let line = format!("{} ", from.replace("{src}", src));
            let at = text.find(&line).unwrap_or_else(|| {
                panic!(
                    "{}: no line for {item} ({line}) in {text}",
                    opts.lang.code()
                )
            });
            let after = &text[at..(at + 400).min(text.len())];
            assert!(
                after.contains(words),
                "{}: {item} says {words}: {after}",
                opts.lang.code()
            );
        }
        let n = linked.items.len().to_string();
        let intro = match opts.lang {
            Lang::En => format!("{n} answer(s) came from it, 1 confirmed or changed here since"),
            Lang::Fr => {
                format!("{n} réponse(s) en proviennent, dont 1 confirmée(s) ou modifiée(s)")
            }
        };
        assert!(text.contains(&intro), "{intro}");
        // Items that did not come from the source carry no line: one line per linked item in
        // the answers appendix, one more per linked gap in the gap register.
        let lines = text.matches(each_line).count();
        let gaps = data
            .gaps
            .iter()
            .filter(|g| linked.item(&g.item_id).is_some())
            .count();
        assert_eq!(lines, linked.items.len() + gaps, "{}", opts.lang.code());
    }
}

#[test]
fn the_csv_and_xlsx_registers_end_with_where_each_answer_came_from_and_its_state() {
    let opts = common::options();
    let (data, linked, confirmed, diverged) = data(&opts);
    let csv = String::from_utf8(render_data(&data, Format::Csv, &opts).unwrap()).unwrap();
    let rows = read_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][16..], ["Carried from", "Link state"]);
    assert_eq!(rows[0][..2], ["Item", "Title"], "existing columns stay put");
    assert!(rows.iter().all(|r| r.len() == 18));
    let row = |item: &str| rows.iter().find(|r| r[0] == item).unwrap().clone();
    let c = row(&confirmed);
    let src = &linked.item(&confirmed).unwrap().source_item;
    assert!(
        c[16].starts_with(&format!("{src} — AEO readiness 2026 (")),
        "{c:?}"
    );
    assert_eq!(c[17], "confirmed");
    assert_eq!(
        row(&diverged)[17],
        "the source answer changed since: to confirm"
    );
    for r in &rows[1..] {
        match linked.item(&r[0]) {
            Some(d) => assert!(r[16].starts_with(&d.source_item), "{r:?}"),
            None => assert!(r[16].is_empty() && r[17].is_empty(), "{r:?}"),
        }
    }
    assert!(
        rows[1..].iter().any(|r| r[16].is_empty()),
        "some gaps did not come from the source"
    );

    let fr = fr();
    let (data_fr, ..) = self::data(&fr);
    let csv = String::from_utf8(render_data(&data_fr, Format::Csv, &fr).unwrap()).unwrap();
    let rows = read_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows[0][16..], ["Reprise de", "État du lien"]);
    assert_eq!(
        rows.iter().find(|r| r[0] == confirmed).unwrap()[17],
        "confirmée"
    );

    let xlsx = render_data(&data, Format::Xlsx, &opts).unwrap();
    let strings = zip_entry(&xlsx, "xl/sharedStrings.xml");
    for s in ["Carried from", "Link state", "confirmed"] {
        assert!(strings.contains(&format!(">{s}<")), "{s}");
    }
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(&format!("<autoFilter ref=\"A1:R{}\"", data.gaps.len() + 1)),
        "the filter covers the two new columns"
    );
}

#[test]
fn the_html_says_each_linked_answer_s_source_and_relationship_in_words_in_both_languages() {
    let cases = [
        (
            common::options(),
            "From {src} in “AEO readiness 2026” (",
            "same requirement",
        ),
        (
            fr(),
            "Issue de {src} dans « AEO readiness 2026 » (",
            "même exigence",
        ),
    ];
    for (opts, from, equal_words) in &cases {
        let (data, linked, _, _) = data(opts);
        let html = String::from_utf8(render_data(&data, Format::Html, opts).unwrap()).unwrap();
        assert!(!linked.items.is_empty());
        for r in &linked.items {
            let line = from.replace("{src}", &r.source_item);
            assert!(html.contains(&line), "{}: no line {line}", opts.lang.code());
        }
        assert!(html.contains(equal_words), "{}", opts.lang.code());
        // The relationship reads as words, never as the mapping file's slug.
        for slug in ["(equal)", "(subset)", "(superset)", "(intersects)"] {
            assert!(
                !html.contains(slug),
                "{}: {slug} in the HTML",
                opts.lang.code()
            );
        }
    }
}
