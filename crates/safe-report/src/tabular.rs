//! The spreadsheet formats: CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads the
//! accents) of the gap register with its action-plan and provenance columns, and an XLSX workbook with a gap
//! register sheet, an action plan sheet grouped by owner, a summary sheet and, when the report has
//! a comparison, a progress sheet.

use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook, Worksheet, XlsxError};

use crate::ReportError;
use crate::i18n::{self, Lang, T, percent};
use safe_core::catalogue::Confidence;

use crate::model::{AnswerRow, GapRow, ReportData};
use crate::progress_since::{Change, Comparison, table_groups};
use crate::provenance::basis_label;
use crate::{link_texts, texts};

/// The columns of the gap register, in order.
fn register_header(lang: Lang) -> Vec<&'static str> {
    [
        T::Item,
        T::Title,
        T::Group,
        T::Criticality,
        T::Status,
        T::Priority,
        T::Owner,
        T::TargetDate,
        T::OverdueCol,
        T::Flagged,
        T::Comment,
        T::RecommendedAction,
        T::Reference,
        T::Basis,
        T::Programme,
        T::Confidence,
        T::CarriedFrom,
        T::LinkState,
    ]
    .iter()
    .map(|k| k.get(lang))
    .collect()
}

fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b { T::Yes.get(lang) } else { T::No.get(lang) }
}

/// The answer row of a gap's item: its reference and provenance.
fn answer<'a>(d: &'a ReportData, item_id: &str) -> Option<&'a AnswerRow> {
    d.answers
        .iter()
        .flat_map(|g| &g.items)
        .find(|a| a.item_id == item_id)
}

fn confidence_label(lang: Lang, c: Confidence) -> &'static str {
    match c {
        Confidence::Verified => T::Verified.get(lang),
        Confidence::Partial => T::Partial.get(lang),
        Confidence::Unverified => T::Unverified.get(lang),
    }
}

fn register_row(lang: Lang, d: &ReportData, g: &GapRow) -> Vec<String> {
    let a = answer(d, &g.item_id);
    let p = a.and_then(|a| a.provenance.as_ref());
    let link = link_texts::row(d, &g.item_id);
    vec![
        g.item_id.clone(),
        g.title.clone(),
        g.group_label.clone(),
        i18n::criticality(lang, g.criticality).to_string(),
        i18n::status(lang, g.status).to_string(),
        i18n::priority(lang, g.priority).to_string(),
        g.owner.clone(),
        i18n::iso(g.target_date),
        yes_no(lang, g.overdue).to_string(),
        yes_no(lang, g.flagged).to_string(),
        g.comment.clone(),
        g.recommended_action.clone(),
        a.map(|a| a.reference.clone()).unwrap_or_default(),
        p.map(|p| basis_label(lang, p.basis).to_string())
            .unwrap_or_default(),
        p.and_then(|p| p.programme.clone()).unwrap_or_default(),
        p.map(|p| confidence_label(lang, p.confidence).to_string())
            .unwrap_or_default(),
        link.map(|(l, r)| link_texts::carried_from(lang, l, r))
            .unwrap_or_default(),
        link.map(|(_, r)| link_texts::state(lang, r.state).to_string())
            .unwrap_or_default(),
    ]
}

/// A CSV field: formula-like text is prefixed with `'` (so a spreadsheet never runs it), and the
/// field is quoted when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The gap register as CSV, in register order, with the owner and target date columns of the
/// action plan.
pub fn csv(d: &ReportData, lang: Lang) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| {
        let mut l = cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",");
        l.push_str("\r\n");
        l
    };
    out.push_str(&line(
        register_header(lang)
            .into_iter()
            .map(str::to_string)
            .collect(),
    ));
    for g in &d.gaps {
        out.push_str(&line(register_row(lang, d, g)));
    }
    out.into_bytes()
}

struct Styles {
    header: XFormat,
    wrap: XFormat,
    date: XFormat,
    overdue: XFormat,
    bold: XFormat,
}

fn styles() -> Styles {
    Styles {
        header: XFormat::new()
            .set_bold()
            .set_font_color(0xFFFFFF)
            .set_background_color(0x1D3557)
            .set_text_wrap(),
        wrap: XFormat::new().set_text_wrap(),
        date: XFormat::new().set_num_format("yyyy-mm-dd"),
        overdue: XFormat::new()
            .set_num_format("yyyy-mm-dd")
            .set_bold()
            .set_font_color(0x8A1C1C),
        bold: XFormat::new().set_bold(),
    }
}

fn header(ws: &mut Worksheet, st: &Styles, cols: &[(&str, f64)]) -> Result<(), XlsxError> {
    for (c, (name, width)) in cols.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *name, &st.header)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    Ok(())
}

fn date_cell(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    col: u16,
    g: &GapRow,
) -> Result<(), XlsxError> {
    use chrono::Datelike;
    if let Some(d) = g.target_date {
        let when = ExcelDateTime::from_ymd(
            u16::try_from(d.year()).unwrap_or(1900),
            d.month() as u8,
            d.day() as u8,
        )?;
        let f = if g.overdue { &st.overdue } else { &st.date };
        ws.write_date_with_format(row, col, &when, f)?;
    }
    Ok(())
}

/// The workbook: gap register, action plan, summary. Text is written as text cells, never as
/// formulas.
pub fn xlsx(d: &ReportData, lang: Lang) -> Result<Vec<u8>, ReportError> {
    build_xlsx(d, lang).map_err(|e| ReportError::Render {
        format: "xlsx",
        message: e.to_string(),
    })
}

fn build_xlsx(d: &ReportData, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();

    // Gap register.
    let ws = wb.add_worksheet();
    ws.set_name(T::SheetGaps.get(lang))?;
    let widths = [
        12.0, 36.0, 9.0, 11.0, 15.0, 10.0, 20.0, 12.0, 10.0, 10.0, 40.0, 60.0, 30.0, 18.0, 24.0,
        18.0, 36.0, 24.0,
    ];
    let names = register_header(lang);
    let cols: Vec<(&str, f64)> = names.iter().copied().zip(widths).collect();
    header(ws, &st, &cols)?;
    for (i, g) in d.gaps.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in register_row(lang, d, g).iter().enumerate() {
            let c = c as u16;
            if c == 7 {
                date_cell(ws, &st, row, c, g)?;
            } else if (10..=12).contains(&c) || c == 1 || c == 14 || c >= 16 {
                ws.write_string_with_format(row, c, v, &st.wrap)?;
            } else {
                ws.write_string(row, c, v)?;
            }
        }
    }
    ws.autofilter(0, 0, d.gaps.len() as u32, 17)?;

    // Action plan.
    let ws = wb.add_worksheet();
    ws.set_name(T::SheetPlan.get(lang))?;
    let cols = [
        (T::Owner.get(lang), 22.0),
        (T::TargetDate.get(lang), 12.0),
        (T::OverdueCol.get(lang), 10.0),
        (T::Item.get(lang), 12.0),
        (T::Title.get(lang), 40.0),
        (T::Criticality.get(lang), 11.0),
        (T::Status.get(lang), 15.0),
        (T::Priority.get(lang), 10.0),
        (T::Comment.get(lang), 45.0),
    ];
    header(ws, &st, &cols)?;
    let mut row = 1u32;
    for plan in &d.action_plan {
        let owner = if plan.owner.is_empty() {
            T::Unassigned.get(lang)
        } else {
            &plan.owner
        };
        for g in plan.items.iter().filter_map(|id| d.gap(id)) {
            ws.write_string_with_format(row, 0, owner, &st.bold)?;
            date_cell(ws, &st, row, 1, g)?;
            ws.write_string(row, 2, yes_no(lang, g.overdue))?;
            ws.write_string(row, 3, &g.item_id)?;
            ws.write_string_with_format(row, 4, &g.title, &st.wrap)?;
            ws.write_string(row, 5, i18n::criticality(lang, g.criticality))?;
            ws.write_string(row, 6, i18n::status(lang, g.status))?;
            ws.write_string(row, 7, i18n::priority(lang, g.priority))?;
            ws.write_string_with_format(row, 8, &g.comment, &st.wrap)?;
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 8)?;

    // Summary.
    let ws = wb.add_worksheet();
    ws.set_name(T::SheetSummary.get(lang))?;
    ws.set_column_width(0, 28.0)?;
    ws.set_column_width(1, 70.0)?;
    let s = &d.summary;
    let mut rows: Vec<(&str, String)> = vec![
        (T::Organisation.get(lang), d.assessment.organisation.clone()),
        (T::AssessmentTitle.get(lang), d.assessment.title.clone()),
        (
            T::Catalogue.get(lang),
            format!("{} {}", d.catalogue.id, d.catalogue.version),
        ),
        (
            T::ReportDate.get(lang),
            d.as_of.format("%Y-%m-%d").to_string(),
        ),
        (T::OverallScore.get(lang), percent(lang, s.score.score)),
        (
            T::Completion.get(lang),
            percent(lang, Some(s.score.completion)),
        ),
        (T::OpenGaps.get(lang), s.gaps.to_string()),
        (T::CriticalGaps.get(lang), s.critical_gaps.to_string()),
        (T::OverdueActions.get(lang), s.overdue.to_string()),
    ];
    if let Some(v) = &s.verdict {
        rows.push((
            T::ReadinessVerdict.get(lang),
            format!("{}: {}", i18n::readiness(lang, v.readiness), v.explanation),
        ));
    }
    if let Some(c) = &d.comparison {
        rows.push((T::PreviousAssessment.get(lang), texts::intro(lang, c)));
        rows.push((
            T::ProgressSection.get(lang),
            format!(
                "{} {} ({})",
                T::OverallScore.get(lang),
                texts::then_now(lang, &c.overall),
                texts::points(lang, &c.overall)
            ),
        ));
    }
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, *k, &st.bold)?;
        ws.write_string_with_format(i as u32, 1, v, &st.wrap)?;
    }
    if let Some(c) = &d.comparison {
        progress_since_sheet(wb.add_worksheet(), &st, d, c, lang)?;
    }
    wb.save_to_buffer()
}

/// One table: the overall score and the groups then and now, then the gaps closed, the gaps
/// opened and every status change, told apart by the first column (filterable).
fn progress_since_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    d: &ReportData,
    c: &Comparison,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.set_name(T::SheetProgress.get(lang))?;
    let cols = [
        (T::KindCol.get(lang), 16.0),
        (T::Item.get(lang), 12.0),
        (T::Title.get(lang), 50.0),
        (T::Criticality.get(lang), 11.0),
        (T::Previous.get(lang), 15.0),
        (T::Now.get(lang), 15.0),
        (T::ChangeCol.get(lang), 22.0),
    ];
    header(ws, st, &cols)?;
    let score = XFormat::new().set_num_format("0");
    let delta = XFormat::new().set_num_format("+0;-0;0");
    let mut row = 1u32;
    let mut scores = |ws: &mut Worksheet, kind: &str, id: &str, title: &str, ch: &Change| {
        ws.write_string_with_format(row, 0, kind, &st.bold)?;
        ws.write_string(row, 1, id)?;
        ws.write_string_with_format(row, 2, title, &st.wrap)?;
        for (col, v, f) in [
            (4, ch.before, &score),
            (5, ch.after, &score),
            (6, ch.delta, &delta),
        ] {
            if let Some(v) = v {
                ws.write_number_with_format(row, col, v, f)?;
            }
        }
        row += 1;
        Ok::<_, XlsxError>(())
    };
    scores(ws, T::OverallScore.get(lang), "", "", &c.overall)?;
    for g in table_groups(d, c) {
        scores(ws, T::Score.get(lang), &g.path_label, &g.title, &g.score)?;
    }
    let gaps = [
        (T::GapClosed, &c.gaps_closed),
        (T::GapOpened, &c.gaps_opened),
    ];
    let items = gaps
        .iter()
        .flat_map(|(kind, rows)| {
            rows.iter().map(move |g| {
                (
                    *kind,
                    &g.item_id,
                    &g.title,
                    g.criticality,
                    g.before,
                    g.after,
                    "",
                )
            })
        })
        .chain(c.changes.iter().map(|x| {
            (
                T::StatusChanged,
                &x.item_id,
                &x.title,
                x.criticality,
                x.before,
                x.after,
                texts::movement(lang, x.movement),
            )
        }));
    for (kind, id, title, criticality, before, after, movement) in items {
        ws.write_string_with_format(row, 0, kind.get(lang), &st.bold)?;
        ws.write_string(row, 1, id)?;
        ws.write_string_with_format(row, 2, title, &st.wrap)?;
        ws.write_string(row, 3, i18n::criticality(lang, criticality))?;
        ws.write_string(row, 4, i18n::status(lang, before))?;
        ws.write_string(row, 5, i18n::status(lang, after))?;
        ws.write_string(row, 6, movement)?;
        row += 1;
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 6)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_guarded_against_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+33 1"), "'+33 1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("2026-01-01"), "2026-01-01");
    }
}
