//! Sheets of cells → the bytes of an .xlsx workbook (rust_xlsxwriter).
//!
//! Deterministic: the document's dates are the site's `as_of`, the zip entries carry a
//! fixed time, so the same catalogue gives the same bytes.

use super::sheets::{Cell, Sheet};
use crate::model::Date;
use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// Widest a column gets, in Excel character units (a Chinese character counts two).
const MAX_WIDTH: f64 = 60.0;
/// Narrowest a column gets.
const MIN_WIDTH: f64 = 8.0;

/// Most characters an Excel cell holds.
const MAX_CELL_CHARS: usize = 32_767;

/// `t`, cut to what a cell holds (Excel refuses longer text).
fn fit(t: &str) -> &str {
    match t.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &t[..i],
        None => t,
    }
}

/// Display width of a cell's longest line, a Chinese character counting two.
fn width(cell: &Cell) -> f64 {
    let text = match cell {
        Cell::Empty => return 0.0,
        Cell::Text(t) => t,
        Cell::Number(n) => return n.to_string().len() as f64,
    };
    text.lines()
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum()
        })
        .fold(0.0, f64::max)
}

/// Writes `sheets` as a workbook titled `title`, dated `as_of`.
pub fn workbook(
    sheets: Vec<Sheet>,
    title: &str,
    author: &str,
    as_of: Date,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Deflate level 3, as Excel itself saves: about a third faster to write than the
    // default 6 for a file a few per cent larger (10,000 items: the workbook is made on
    // every build).
    wb.set_zip_compression_level(3);
    let date =
        ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(author)
            .set_creation_datetime(&date),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let text = Format::new()
        .set_num_format("@")
        .set_align(FormatAlign::Top);
    let wrapped = text.clone().set_text_wrap();
    for sheet in sheets {
        // Low memory: each row goes to a temporary file as soon as the next one is begun
        // (rows are written in order; only the shared strings stay in memory) instead of
        // every cell of the catalogue held until the end (2 GB at 100,000 items).
        let ws = wb.add_worksheet_with_low_memory()?;
        ws.set_name(sheet.name)?;
        let mut widths: Vec<f64> = sheet
            .headings
            .iter()
            .map(|h| width(&Cell::Text((*h).into())))
            .collect();
        for (c, h) in sheet.headings.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &header)?;
        }
        for (r, row) in sheet.rows.enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        let f = if t.contains('\n') { &wrapped } else { &text };
                        ws.write_string_with_format(r, col, fit(t), f)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, col, f64::from(*n))?;
                    }
                }
                if let Some(w) = widths.get_mut(c) {
                    *w = w.max(width(cell));
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (w + 2.0).clamp(MIN_WIDTH, MAX_WIDTH))?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}
