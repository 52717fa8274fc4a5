//! Reading a workbook (.xlsx/.xls/.ods) or CSV file into sheets of trimmed text cells.

use calamine::{Data, Reader, open_workbook_auto};
use std::path::Path;

/// One sheet: its name and its rows of cell text (row 0 is the sheet's first row).
pub struct Sheet {
    /// Sheet name (the file name for CSV).
    pub name: String,
    /// Cells as text, already normalised.
    pub rows: Vec<Vec<String>>,
}

/// Reads every sheet of `path`; the error is a Chinese sentence.
pub fn read(path: &Path) -> Result<Vec<Sheet>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => {
            let p = path.display();
            let bytes = std::fs::read(path)
                .map_err(|e| crate::tr!("无法读取 {p}：{e}", "cannot read {p}: {e}"))?;
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("CSV")
                .to_string();
            Ok(vec![Sheet {
                name,
                rows: read_csv(&bytes)?,
            }])
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let mut wb = open_workbook_auto(path).map_err(|e| {
                let p = path.display();
                crate::tr!("无法打开表格 {p}：{e}", "cannot open the workbook {p}: {e}")
            })?;
            let mut sheets = Vec::new();
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| {
                    crate::tr!(
                        "无法读取工作表“{name}”：{e}",
                        "cannot read sheet “{name}”: {e}"
                    )
                })?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let mut rows = vec![Vec::new(); r0 as usize];
                for row in range.rows() {
                    let mut cells = vec![String::new(); c0 as usize];
                    cells.extend(row.iter().map(cell_text));
                    rows.push(cells);
                }
                sheets.push(Sheet { name, rows });
            }
            Ok(sheets)
        }
        _ => {
            let p = path.display();
            Err(crate::tr!(
                "不认识的文件类型“{p}”：可导入 .xlsx、.xls、.ods 或 .csv 文件",
                "unknown file type “{p}”: import reads .xlsx, .xls, .ods or .csv files"
            ))
        }
    }
}

/// Text of one workbook cell: integers without “.0”, date serials as dates.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => normalise(s),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => serial_date(dt.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`.
pub fn serial_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    match base.checked_add_signed(chrono::TimeDelta::days(serial.floor() as i64)) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => number_text(serial),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Trims, turns full-width digits, letters and spaces into ordinary ones, unifies line breaks.
pub fn normalise(s: &str) -> String {
    let mapped: String = s
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\u{3000}' | '\u{00a0}' => ' ',
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '－' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\r' => '\n',
            c => c,
        })
        .collect();
    // Lines are trimmed; a blank line between paragraphs stays (one), others go.
    let mut out = String::new();
    let mut blank = false;
    for line in mapped.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// Decodes CSV bytes (UTF-8, UTF-8 with BOM, or GBK/GB18030) and splits them on the
/// separator the header line uses (`,`, `;` or tab).
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let text: String = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        let (s, _, bad) = encoding_rs::GB18030.decode(bytes);
        if bad {
            return Err(crate::diag::tr(
                "CSV 文件的编码既不是 UTF-8 也不是 GBK，请在 Excel 中另存为“CSV UTF-8”",
                "the CSV file is neither UTF-8 nor GBK; save it from Excel as “CSV UTF-8”",
            )
            .into());
        }
        s.into_owned()
    };
    let sep = detect_separator(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let n = rows.len() + 1;
            crate::tr!(
                "CSV 第 {n} 行无法读取：{e}",
                "CSV line {n} cannot be read: {e}"
            )
        })?;
        rows.push(rec.iter().map(normalise).collect());
    }
    Ok(rows)
}

/// The separator used most on the first lines: `,`, `;` or tab.
fn detect_separator(text: &str) -> u8 {
    let head: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.chars().filter(|&x| x == c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_spaces() {
        assert_eq!(normalise("\u{3000}５个工作日 "), "5个工作日");
        assert_eq!(normalise("\n 甲 \r\n乙\n\n\n丙\n\n"), "甲\n乙\n\n丙");
    }

    #[test]
    fn gbk_and_semicolon_csv() {
        let (gbk, _, _) = encoding_rs::GBK.encode("事项编码;事项名称\nA-1;登记\n");
        let rows = read_csv(&gbk).unwrap();
        assert_eq!(rows[1], vec!["A-1", "登记"]);
        let rows = read_csv("\u{feff}a\tb\n1\t2\n".as_bytes()).unwrap();
        assert_eq!(rows[0], vec!["a", "b"]);
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number_text(5.0), "5");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(serial_date(46000.0), "2025-12-09");
    }
}
