//! Writing an item as YAML with Chinese keys in a fixed order, keeping hand-written keys.

use super::Outcome;
use super::headings::Target;
use super::items::Item;
use super::materials;

const HEADER: &str = "# 由 gongkai import 从事项表格导入。重新导入时，下面由表格提供的键会被替换；\n# 表格里没有的键（例如手写的常见问题）会原样保留。\n";

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A list cell split into entries: on line breaks and `；`, and on `、` too except for
/// 设定依据, whose entries name several articles with it (`第四十条、第四十三条`).
fn list(key: &str, s: &str) -> Vec<String> {
    let seps: &[char] = if key == "设定依据" {
        &['\n', '；', ';']
    } else {
        &['\n', '；', ';', '、']
    };
    s.split(seps)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// How a top-level key is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// One quoted string.
    Text,
    /// A block list, one entry a line.
    Block,
    /// A flow list `[a, b]`.
    Flow,
    /// 是 / 否.
    Flag,
    /// A whole number.
    Number,
    /// Built from several cells and part sheets (materials, fees, ...).
    Built,
}

/// Every key the import writes, in the order of the file.
const ORDER: &[(&str, Form)] = &[
    ("事项编码", Form::Built),
    ("事项名称", Form::Text),
    ("基本编码", Form::Text),
    ("事项类型", Form::Text),
    ("实施主体", Form::Text),
    ("实施主体编码", Form::Text),
    ("办理层级", Form::Block),
    ("事项状态", Form::Text),
    ("生效日期", Form::Text),
    ("取消日期", Form::Text),
    ("俗称", Form::Flow),
    ("主题分类", Form::Flow),
    ("服务对象", Form::Flow),
    ("办件类型", Form::Text),
    ("权力来源", Form::Text),
    ("下放委托部门", Form::Text),
    ("通办范围", Form::Text),
    ("办理形式", Form::Flow),
    ("设定依据", Form::Block),
    ("受理条件", Form::Text),
    ("不予受理情形", Form::Text),
    ("申报材料", Form::Built),
    ("办事流程", Form::Built),
    ("办理时限", Form::Built),
    ("收费", Form::Built),
    ("特别程序", Form::Built),
    ("到现场次数", Form::Number),
    ("到现场原因", Form::Text),
    ("网上办理地址", Form::Text),
    ("网上支付", Form::Flag),
    ("办理地点", Form::Built),
    ("咨询电话", Form::Text),
    ("监督投诉电话", Form::Text),
    ("办理结果", Form::Built),
    ("中介服务", Form::Text),
    ("数量限制", Form::Text),
    ("处罚种类和幅度", Form::Text),
    ("实施对象", Form::Text),
    ("救济途径", Form::Text),
    ("办事属性", Form::Flow),
    ("物流快递", Form::Flag),
    ("预约办理", Form::Flag),
    ("更新日期", Form::Text),
];

/// The keys the import writes (Chinese), in file order.
pub fn keys() -> impl Iterator<Item = &'static str> {
    ORDER.iter().map(|(k, _)| *k)
}

/// 是 / 否 from the usual ways a table says yes or no; anything else as written.
fn flag(v: &str) -> String {
    q(match v {
        "是" | "支持" | "有" | "√" | "true" | "TRUE" => "是",
        "否" | "不支持" | "无" | "×" | "false" | "FALSE" => "否",
        other => other,
    })
}

/// The value of a cell for a simple key.
fn cell<'a>(
    c: &'a std::collections::BTreeMap<Target, String>,
    k: &'static str,
) -> Option<&'a String> {
    c.get(&Target::Text(k))
        .or_else(|| c.get(&Target::List(k)))
        .or_else(|| c.get(&Target::Number(k)))
}

/// The imported keys as (key, YAML block) in the fixed order.
fn blocks(item: &Item) -> Vec<(String, String)> {
    let c = &item.cells;
    let built = built_blocks(item);
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, form) in ORDER {
        let block = match form {
            Form::Built => built.iter().find(|(bk, _)| bk == k).map(|(_, b)| b.clone()),
            Form::Text => cell(c, k).map(|v| format!("{k}: {}\n", q(v))),
            Form::Flag => cell(c, k).map(|v| format!("{k}: {}\n", flag(v))),
            Form::Number => cell(c, k).map(|v| format!("{k}: {v}\n")),
            Form::Block => cell(c, k).map(|v| {
                let mut b = format!("{k}:\n");
                for x in list(k, v) {
                    b.push_str(&format!("  - {}\n", q(&x)));
                }
                b
            }),
            Form::Flow => cell(c, k).map(|v| {
                let items: Vec<String> = list(k, v).iter().map(|x| q(x)).collect();
                format!("{k}: [{}]\n", items.join(", "))
            }),
        };
        if let Some(b) = block {
            out.push((k.to_string(), b));
        }
    }
    out
}

/// The keys made of several cells and of part sheets.
fn built_blocks(item: &Item) -> Vec<(&'static str, String)> {
    let c = &item.cells;
    let mut out: Vec<(&'static str, String)> = Vec::new();
    out.push(("事项编码", format!("事项编码: {}\n", q(&item.code))));
    let mut mats = String::new();
    let no_materials = c.get(&Target::Materials).is_some_and(|v| v == "无");
    if let Some(cell) = c.get(&Target::Materials).filter(|_| !no_materials) {
        for m in materials::split(cell) {
            let mut entry = vec![("材料名称", m.name)];
            entry.extend(m.form.map(|f| ("材料类型", f.to_string())));
            entry.extend(m.copies.map(|n| ("份数", n)));
            entry.extend(m.condition.map(|c| ("是否必需", c)));
            push_entry(&mut mats, &entry);
        }
    }
    let mut steps = String::new();
    let mut fees = String::new();
    let mut places = String::new();
    let mut procedures = String::new();
    if let Some(p) = c.get(&Target::Location("地点")) {
        let mut entry = vec![("地点", p.clone())];
        entry.extend(
            c.get(&Target::Location("办理时间"))
                .map(|h| ("办理时间", h.clone())),
        );
        push_entry(&mut places, &entry);
    }
    if c.contains_key(&Target::Fee("收费标准")) || c.contains_key(&Target::Fee("收费依据"))
    {
        // No 收费项目 column: the key stays missing (check says so) rather than invented.
        let entry: Vec<(&'static str, String)> = ["收费项目", "收费标准", "收费依据"]
            .into_iter()
            .filter_map(|k| c.get(&Target::Fee(k)).map(|v| (k, v.clone())))
            .collect();
        push_entry(&mut fees, &entry);
    }
    for (section, entry) in &item.parts {
        let buf = match *section {
            "申报材料" => &mut mats,
            "收费" => &mut fees,
            "办理地点" => &mut places,
            "特别程序" => &mut procedures,
            _ => &mut steps,
        };
        push_entry(buf, entry);
    }
    if !mats.is_empty() {
        out.push(("申报材料", format!("申报材料:\n{mats}")));
    } else if no_materials {
        out.push(("申报材料", "申报材料: 无\n".into()));
    }
    if !steps.is_empty() {
        out.push(("办事流程", format!("办事流程:\n{steps}")));
    }
    let st = c.get(&Target::Limit("法定时限"));
    let pr = c.get(&Target::Limit("承诺时限"));
    if st.is_some() || pr.is_some() {
        let mut b = "办理时限:\n".to_string();
        if let Some(s) = st {
            b.push_str(&format!("  法定时限: {}\n", duration(s)));
        }
        if let Some(p) = pr {
            b.push_str(&format!("  承诺时限: {}\n", duration(p)));
        }
        out.push(("办理时限", b));
    }
    let charged = c.get(&Target::Charged).map(String::as_str);
    if !fees.is_empty() {
        out.push(("收费", format!("收费:\n{fees}")));
    } else if matches!(charged, Some("否" | "不收费" | "无" | "免费")) {
        out.push(("收费", "收费: 不收费\n".into()));
    }
    if !procedures.is_empty() {
        out.push(("特别程序", format!("特别程序:\n{procedures}")));
    }
    if !places.is_empty() {
        out.push(("办理地点", format!("办理地点:\n{places}")));
    }
    let result = c.get(&Target::Text("办理结果"));
    let kind = c.get(&Target::Text("结果类型"));
    let sample = c.get(&Target::Text("结果样本"));
    match (result, kind.is_some() || sample.is_some()) {
        (Some(r), false) => out.push(("办理结果", format!("办理结果: {}\n", q(r)))),
        (r, true) => {
            let mut b = "办理结果:\n".to_string();
            for (k, v) in [("名称", r), ("类型", kind), ("样本", sample)] {
                if let Some(v) = v {
                    b.push_str(&format!("  {k}: {}\n", q(v)));
                }
            }
            out.push(("办理结果", b));
        }
        (None, false) => {}
    }
    out
}

/// A time limit: as written, or as a map when it carries a note in brackets.
fn duration(v: &str) -> String {
    match super::items::split_note(v) {
        (head, Some(note)) => match crate::parse::parse_duration(head) {
            Ok(d) if !d.immediate => format!(
                "{{天数: {}, 单位: {}, 说明: {}}}",
                d.days,
                d.unit.label(),
                q(note)
            ),
            _ => q(head),
        },
        _ => q(v),
    }
}

/// Writes one material, step, fee or location as a list entry, its keys in the order of
/// the heading table whatever the order of the sheet's columns.
fn push_entry(buf: &mut String, entry: &[(&'static str, String)]) {
    let rank = |k: &str| {
        super::headings::PART_HEADINGS
            .iter()
            .position(|(_, _, key)| *key == k)
            .unwrap_or(usize::MAX)
    };
    let mut sorted: Vec<(&str, String)> = entry.iter().map(|(k, v)| material_form(k, v)).collect();
    sorted.sort_by_key(|(k, _)| rank(k));
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        let lead = if i == 0 { "  - " } else { "    " };
        buf.push_str(&format!("{lead}{k}: {}\n", part_value(k, &v)));
    }
}

/// 原件 / 复印件 written under 材料形式 (as v1 and many tables do) is the 材料类型; 电子件 and
/// 纸质件 are the 材料形式 电子 and 纸质.
fn material_form(key: &'static str, v: &str) -> (&'static str, String) {
    match (key, v) {
        ("材料形式", "原件" | "复印件" | "原件和复印件") => {
            ("材料类型", v.to_string())
        }
        ("材料类型" | "材料形式", "原件及复印件") => {
            ("材料类型", "原件和复印件".into())
        }
        ("材料形式", "电子件" | "电子版") => ("材料形式", "电子".into()),
        ("材料形式", "纸质件" | "纸质版") => ("材料形式", "纸质".into()),
        _ => (key, v.to_string()),
    }
}

/// A value of a material, step, fee or location row, in the form the parser reads.
fn part_value(key: &str, v: &str) -> String {
    match key {
        "份数" if v.parse::<u32>().is_ok() => v.to_string(),
        "环节时限" | "时限" => duration(v),
        "是否必需" => q(match v {
            "是" | "必要" | "必须" | "必需" | "必要材料" => "必需",
            "否" | "非必要" | "非必需" | "非必要材料" => "非必需",
            "容缺后补" | "容缺" | "可容缺" => "容缺",
            other => other,
        }),
        _ => q(v),
    }
}

/// Top-level blocks of an existing file: (key, text including comments above it).
fn existing_blocks(old: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pending = String::new();
    let body = old.strip_prefix(HEADER).unwrap_or(old);
    for line in body.split_inclusive('\n') {
        let top = !line.starts_with([' ', '\t', '-', '#', '\n', '\r']);
        if line.starts_with('#') || line.trim().is_empty() && out.is_empty() {
            pending.push_str(line);
        } else if top && let Some((k, _)) = line.split_once(':') {
            out.push((k.trim().to_string(), std::mem::take(&mut pending) + line));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(&pending);
            pending.clear();
            last.1.push_str(line);
        }
    }
    out
}

/// Whether an existing key `old` (English or Chinese spelling) is the key `new`.
fn same_key(old: &str, new: &str) -> bool {
    old == new
        || crate::parse::SERVICE_KEYS
            .iter()
            .any(|k| k.zh == new && k.en == old)
}

/// The new file text and what changed compared with `old`.
pub fn merge(item: &Item, old: Option<&str>) -> (String, Outcome) {
    let new = blocks(item);
    let kept: Vec<(String, String)> = old
        .map(existing_blocks)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| !new.iter().any(|(n, _)| same_key(k, n)))
        .collect();
    let mut text = HEADER.to_string();
    for (_, b) in new.iter().chain(&kept) {
        text.push_str(b);
    }
    let outcome = match old {
        None => Outcome::Created,
        Some(o) if o == text => Outcome::Unchanged,
        Some(o) => {
            let before = existing_blocks(o);
            let mut changes = Vec::new();
            for (k, b) in &new {
                let was = before
                    .iter()
                    .find(|(ok, _)| ok == k)
                    .map(|(_, b)| b.trim().to_string())
                    .unwrap_or_else(|| "（无）".into());
                if was != b.trim() {
                    changes.push((k.clone(), was, b.trim().to_string()));
                }
            }
            Outcome::Changed(changes)
        }
    };
    (text, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_written_is_one_the_parser_reads() {
        for k in keys() {
            assert!(
                crate::parse::SERVICE_KEYS.iter().any(|key| key.zh == k),
                "{k}"
            );
        }
    }

    #[test]
    fn a_limit_with_a_note_becomes_a_map() {
        assert_eq!(
            duration("90个自然日（听证时间不计入）"),
            "{天数: 90, 单位: 自然日, 说明: \"听证时间不计入\"}"
        );
        assert_eq!(duration("即办"), "\"即办\"");
        assert_eq!(part_value("是否必需", "容缺后补"), "\"容缺\"");
        assert_eq!(
            material_form("材料形式", "复印件"),
            ("材料类型", "复印件".into())
        );
    }
}
