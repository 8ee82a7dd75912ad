//! One sheet of the workbook: its cells, the column of each header, and a cell read as text or
//! as one of a list's values, every refusal naming the cell.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use serde::de::DeserializeOwned;

use crate::layout::*;

pub(crate) type Fail = (At, String);

/// One sheet's cells with the column of each header.
pub(crate) struct Sheet {
    pub(crate) name: &'static str,
    cells: Range<Data>,
    pub(crate) columns: HashMap<String, u32>,
}

impl Sheet {
    pub(crate) fn read(
        wb: &mut Xlsx<Cursor<&[u8]>>,
        name: &'static str,
        want: &[&str],
        required: &[&str],
    ) -> Result<Sheet, Fail> {
        let cells = wb
            .worksheet_range(name)
            .map_err(|e| (At::sheet(name), format!("cannot be read: {e}")))?;
        let formulas = wb
            .worksheet_formula(name)
            .map_err(|e| (At::sheet(name), format!("cannot be read: {e}")))?;
        if let Some(cell) = formulas.used_cells().find(|(_, _, f)| !f.trim().is_empty()) {
            let (r, c) = abs(&formulas, cell.0, cell.1);
            return Err((
                At::cell(name, r, c, &header_at(&cells, c)),
                format!(
                    "holds a formula (={}); type the value itself",
                    cell.2.trim_start_matches('=')
                ),
            ));
        }
        let mut columns = HashMap::new();
        if let Some((r0, c0)) = cells.start()
            && r0 == 0
        {
            let width = cells.width() as u32;
            for c in c0..c0 + width {
                if let Some(h) = cells.get_value((0, c)).and_then(cell_text) {
                    let h = h.trim().to_string();
                    if want.contains(&h.as_str()) && columns.insert(h.clone(), c).is_some() {
                        return Err((
                            At::cell(name, 0, c, &h),
                            format!("the header '{h}' appears twice"),
                        ));
                    }
                }
            }
        }
        for h in required {
            if !columns.contains_key(*h) {
                return Err((
                    At {
                        sheet: name.to_string(),
                        row: Some(1),
                        col: None,
                    },
                    format!(
                        "the header '{h}' is missing; row 1 names the columns: {}",
                        required.join(", ")
                    ),
                ));
            }
        }
        Ok(Sheet {
            name,
            cells,
            columns,
        })
    }

    /// The 0-based rows after the header that hold something in a known column.
    pub(crate) fn rows(&self) -> Vec<u32> {
        let Some((last, _)) = self.cells.end() else {
            return Vec::new();
        };
        (1..=last)
            .filter(|r| {
                self.columns.values().any(|c| {
                    self.cells
                        .get_value((*r, *c))
                        .is_some_and(|d| d != &Data::Empty)
                })
            })
            .collect()
    }

    pub(crate) fn at(&self, row: u32, header: &str) -> At {
        match self.columns.get(header) {
            Some(c) => At::cell(self.name, row, *c, header),
            None => At {
                sheet: self.name.to_string(),
                row: Some(row + 1),
                col: None,
            },
        }
    }

    /// The text of a cell; empty or a missing column is `None`.
    pub(crate) fn opt(&self, row: u32, header: &str) -> Result<Option<String>, Fail> {
        let Some(c) = self.columns.get(header) else {
            return Ok(None);
        };
        match self.cells.get_value((row, *c)) {
            None | Some(Data::Empty) => Ok(None),
            Some(Data::Error(e)) => Err((self.at(row, header), format!("holds an error ({e})"))),
            Some(d) => Ok(cell_text(d).filter(|s| !s.is_empty())),
        }
    }

    /// The text of a cell, empty when it is empty (the core says whether that is allowed).
    pub(crate) fn text(&self, row: u32, header: &str) -> Result<String, Fail> {
        Ok(self.opt(row, header)?.unwrap_or_default())
    }

    /// A cell that must hold one of an enum's values.
    pub(crate) fn value<T: DeserializeOwned>(
        &self,
        row: u32,
        header: &str,
        allowed: &[&str],
    ) -> Result<T, Fail> {
        let v = self.text(row, header)?;
        parse_value(&v).ok_or_else(|| {
            (
                self.at(row, header),
                if v.is_empty() {
                    format!("is empty: use one of {}", allowed.join(", "))
                } else {
                    format!("'{v}' is not one of {}", allowed.join(", "))
                },
            )
        })
    }
}

pub(crate) fn parse_value<T: DeserializeOwned>(v: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(v.trim().to_string())).ok()
}

/// Absolute position of a cell of `range` given relative to its start.
fn abs<T: calamine::CellType>(range: &Range<T>, r: usize, c: usize) -> (u32, u32) {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    (r0 + r as u32, c0 + c as u32)
}

fn header_at(cells: &Range<Data>, col: u32) -> String {
    cells
        .get_value((0, col))
        .and_then(cell_text)
        .unwrap_or_default()
}

/// A cell as text: numbers without a needless `.0`, dates as YYYY-MM-DD.
pub(crate) fn cell_text(d: &Data) -> Option<String> {
    match d {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
        Data::Float(f) => Some(f.to_string()),
        Data::Bool(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        Data::DateTime(dt) => dt.as_datetime().map(|d| {
            if d.time() == chrono::NaiveTime::MIN {
                d.date().format("%Y-%m-%d").to_string()
            } else {
                d.to_string()
            }
        }),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(e.to_string()),
    }
}

pub(crate) fn split_lines(s: &str) -> Vec<String> {
    s.split('\n')
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

pub(crate) fn split_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}
