//! Rows → items: header detection, one item per code, 三统一 conflicts, row problems.

use super::Problem;
use super::headings::{
    SECTIONS, Section, Target, item_target, part_key, part_target, sheet_section, split_unit,
    with_unit,
};
use super::table::Sheet;
use crate::model::{Audience, CaseType, Channel, PowerSource, ResultKind, ServiceStatus};
use std::collections::BTreeMap;

/// One imported item: its cells by target (value and where it came from) and its part rows.
#[derive(Debug, Default)]
pub struct Item {
    /// 事项编码
    pub code: String,
    /// Values by target.
    pub cells: BTreeMap<Target, String>,
    /// Rows of material / step sheets: (section, [(key, value)]).
    pub parts: Vec<(&'static str, Vec<(&'static str, String)>)>,
    /// The sheet (its index) each of `parts` came from.
    pub part_sheets: Vec<usize>,
}

impl Item {
    /// 实施主体, or 未填写实施主体.
    pub fn department(&self) -> String {
        self.cells
            .get(&Target::Text("实施主体"))
            .cloned()
            .unwrap_or_else(|| "未填写实施主体".into())
    }
}

/// What the sheets held.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Items by code.
    pub items: BTreeMap<String, Item>,
    /// Data rows read.
    pub rows: usize,
    /// Headings used.
    pub used: Vec<String>,
    /// Headings ignored.
    pub ignored: Vec<String>,
    /// Conflicts and row problems.
    pub problems: Vec<Problem>,
}

/// The header row: the first of the first 30 rows with at least two known headings.
fn header_row(sheet: &Sheet, extra: &BTreeMap<String, String>) -> Option<usize> {
    sheet.rows.iter().take(30).position(|r| {
        r.iter()
            .filter(|c| {
                let h = split_unit(c).0;
                item_target(&h).is_some() || part_target(&h).is_some() || extra.contains_key(&h)
            })
            .count()
            >= 2
    })
}

/// Gathers all sheets.
pub fn gather(sheets: &[Sheet], extra: &BTreeMap<String, String>) -> Gathered {
    let mut g = Gathered::default();
    let mut seen: BTreeMap<(String, Target), (String, usize, String, String)> = BTreeMap::new();
    for (sheet_no, sheet) in sheets.iter().enumerate() {
        let Some(hr) = header_row(sheet, extra) else {
            continue;
        };
        let mut cols = Vec::new();
        for (i, raw) in sheet.rows[hr].iter().enumerate() {
            if raw.is_empty() {
                continue;
            }
            let (mut h, unit) = split_unit(raw);
            if let Some(k) = extra.get(&h) {
                h = k.clone();
            }
            let t = item_target(&h);
            let p = part_target(&h);
            cols.push((i, raw.clone(), unit, t, p));
        }
        let mapped: Vec<String> = sheet.rows[hr]
            .iter()
            .map(|raw| {
                let h = split_unit(raw).0;
                extra.get(&h).cloned().unwrap_or(h)
            })
            .collect();
        let section = if cols.iter().any(|c| c.3 == Some(Target::Text("事项名称"))) {
            None
        } else {
            sheet_section(mapped.iter().map(String::as_str))
        };
        // An item sheet may also carry one material or step a row, the item's columns
        // repeated on each (a layout some systems export): those columns make parts.
        let inline: Vec<Section> = if section.is_none() {
            SECTIONS
                .iter()
                .copied()
                .filter(|sec| matches!(sec.key, "申报材料" | "办事流程" | "特别程序"))
                .filter(|sec| {
                    cols.iter().any(|c| {
                        c.3.is_none() && part_key(sec.key, &mapped[c.0]) == Some(sec.name_key)
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let inline_key = |i: usize, t: Option<Target>| {
            if t.is_some() {
                return None;
            }
            inline
                .iter()
                .find_map(|sec| part_key(sec.key, &mapped[i]).map(|k| (sec.key, k)))
        };
        for (i, raw, _, t, _) in &cols {
            let used = match section {
                Some(sec) => {
                    part_key(sec.key, &mapped[*i]).is_some() || *t == Some(Target::Text("事项编码"))
                }
                None => t.is_some() || inline_key(*i, *t).is_some(),
            };
            if used {
                g.used.push(raw.clone());
            } else {
                g.ignored.push(raw.clone());
            }
        }
        let code_col = cols
            .iter()
            .find(|c| c.3 == Some(Target::Text("事项编码")))
            .map(|c| c.0);
        let Some(code_col) = code_col else { continue };
        for (r, row) in sheet.rows.iter().enumerate().skip(hr + 1) {
            if row.iter().all(|c| c.is_empty()) {
                continue;
            }
            g.rows += 1;
            let excel_row = r + 1;
            let code = row.get(code_col).cloned().unwrap_or_default();
            if !code_ok(&code) {
                g.problems.push(Problem {
                    sheet: sheet.name.clone(),
                    row: excel_row,
                    column: sheet.rows[hr][code_col].clone(),
                    message: crate::tr!(
                        "编码“{code}”不能用作网址：只能用字母、数字和 - _ .，以字母或数字开头，最长 64 个字符",
                        "the code “{code}” cannot be a web address: use letters, digits and - _ ., starting with a letter or digit, at most 64"
                    ),
                });
                continue;
            }
            let item = g.items.entry(code.clone()).or_insert_with(|| Item {
                code: code.clone(),
                ..Item::default()
            });
            if let Some(sec) = section {
                let mut entry = Vec::new();
                for (i, raw, unit, _, _) in &cols {
                    let Some(k) = part_key(sec.key, &mapped[*i]) else {
                        continue;
                    };
                    let Some(v) = row.get(*i).filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    let v = with_unit(v, unit.as_deref());
                    if matches!(k, "环节时限" | "时限")
                        && let Some(m) = row_problem(Target::Limit(k), &v)
                    {
                        g.problems.push(Problem {
                            sheet: sheet.name.clone(),
                            row: excel_row,
                            column: raw.clone(),
                            message: m,
                        });
                        continue;
                    }
                    entry.push((k, v));
                }
                // A row repeated on another sheet (the same sheet given twice) merges; two
                // equal rows on one sheet are two parts, as the sheet says.
                let part = (sec.key, entry);
                let repeated = item
                    .parts
                    .iter()
                    .zip(&item.part_sheets)
                    .any(|(p, s)| *p == part && *s != sheet_no);
                if !part.1.is_empty() && !repeated {
                    item.parts.push(part);
                    item.part_sheets.push(sheet_no);
                }
                continue;
            }
            for sec in &inline {
                let entry: Vec<(&'static str, String)> = cols
                    .iter()
                    .filter_map(|(i, _, unit, t, _)| {
                        let (s, k) = inline_key(*i, *t)?;
                        let v = row.get(*i).filter(|v| !v.is_empty())?;
                        (s == sec.key).then(|| (k, with_unit(v, unit.as_deref())))
                    })
                    .collect();
                // The same material repeats on every row of its item's other parts: once.
                let part = (sec.key, entry);
                if part.1.iter().any(|(k, _)| *k == sec.name_key) && !item.parts.contains(&part) {
                    item.parts.push(part);
                    item.part_sheets.push(sheet_no);
                }
            }
            for (i, raw, unit, t, _) in &cols {
                let (Some(t), Some(v)) = (t, row.get(*i)) else {
                    continue;
                };
                if v.is_empty() {
                    continue;
                }
                let v = with_unit(v, unit.as_deref());
                if let Some(m) = row_problem(*t, &v) {
                    g.problems.push(Problem {
                        sheet: sheet.name.clone(),
                        row: excel_row,
                        column: raw.clone(),
                        message: m,
                    });
                    continue;
                }
                match seen.get(&(code.clone(), *t)) {
                    Some((old, orow, osheet, _)) if *old != v => g.problems.push(Problem {
                        sheet: sheet.name.clone(),
                        row: excel_row,
                        column: raw.clone(),
                        message: crate::tr!(
                            "三统一冲突：编码 {code} 在工作表“{osheet}”第 {orow} 行写的是“{old}”，这里写的是“{v}”；同一事项只能有一个值",
                            "conflict (三统一): code {code} has “{old}” on sheet “{osheet}” row {orow} and “{v}” here; one item has one value"
                        ),
                    }),
                    Some(_) => {}
                    None => {
                        seen.insert((code.clone(), *t), (v.clone(), excel_row, sheet.name.clone(), raw.clone()));
                        item.cells.insert(*t, v);
                    }
                }
            }
        }
    }
    for list in [&mut g.used, &mut g.ignored] {
        let mut seen = std::collections::BTreeSet::new();
        list.retain(|h| seen.insert(h.clone()));
    }
    g
}

/// A value that cannot be what its column says, with what is allowed.
fn row_problem(t: Target, v: &str) -> Option<String> {
    match t {
        Target::Text("事项类型") if crate::model::ServiceType::from_label(v).is_none() => {
            let list = crate::model::ServiceType::labels().join("、");
            Some(crate::tr!(
                "“{v}”不是事项类型，可写：{list}",
                "“{v}” is not an item type; allowed: {list}"
            ))
        }
        Target::Limit("法定时限") if v == "无" => None,
        Target::Limit(_) if crate::parse::parse_duration(split_note(v).0).is_err() => {
            Some(crate::tr!(
                "“{v}”不是时限，可写如“5个工作日”“30天”“即办”",
                "“{v}” is not a time limit; write e.g. 5个工作日, 30天 or 即办"
            ))
        }
        Target::Text("事项状态") => not_one_of(v, &ServiceStatus::labels()),
        Target::Text("办件类型") => not_one_of(v, &CaseType::labels()),
        Target::Text("权力来源") => not_one_of(v, &PowerSource::labels()),
        Target::Text("结果类型") => not_one_of(v, &ResultKind::labels()),
        Target::List("服务对象") => each_one_of(v, &Audience::labels()),
        Target::List("办理形式") => each_one_of(v, &Channel::labels()),
        Target::Number(_) if v.parse::<u8>().is_err() => Some(crate::tr!(
            "“{v}”不是次数，可写 0、1、2 等数字",
            "“{v}” is not a number of visits; write 0, 1, 2, …"
        )),
        _ => None,
    }
}

fn not_one_of(v: &str, allowed: &[&str]) -> Option<String> {
    let list = allowed.join("、");
    (!allowed.contains(&v)).then(|| {
        crate::tr!(
            "“{v}”不是可用的值，可写：{list}",
            "“{v}” is not an allowed value; allowed: {list}"
        )
    })
}

fn each_one_of(v: &str, allowed: &[&str]) -> Option<String> {
    v.split(['、', '；', ';', '\n', ',', '，'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .find_map(|x| not_one_of(x, allowed))
}

/// The same rule the item parser applies to 事项编码.
fn code_ok(code: &str) -> bool {
    code.len() <= 64
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A time limit with what it excludes in brackets after it, `90个自然日（听证时间不计入）`:
/// the limit and the note. Anything else is the limit alone.
pub fn split_note(v: &str) -> (&str, Option<&str>) {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(i) = v.find(open)
            && v.ends_with(close)
        {
            let head = v[..i].trim();
            if crate::parse::parse_duration(head).is_ok() {
                let note = v[i + open.len_utf8()..v.len() - close.len_utf8()].trim();
                return (head, (!note.is_empty()).then_some(note));
            }
        }
    }
    (v, None)
}
