//! Spreadsheet headings → content keys (the national 实施清单 headings and their variants).

/// Where a column's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A top-level key of the item, written as one line of text.
    Text(&'static str),
    /// A top-level key holding a list split on 、 ； and line breaks.
    List(&'static str),
    /// 到现场次数 (a number).
    Number(&'static str),
    /// A key under 办理时限 (法定时限, 承诺时限), a duration.
    Limit(&'static str),
    /// 申报材料 in one cell.
    Materials,
    /// 是否收费.
    Charged,
    /// 收费标准 / 收费依据 / 收费项目 of the item's single fee.
    Fee(&'static str),
    /// 办理地点 (地点) or a key of it (办理时间 → 办理时间).
    Location(&'static str),
    /// The code column of a materials / steps / fees sheet row.
    Code,
    /// A key of a material, step or fee row in its own sheet.
    Part(&'static str),
}

/// Item headings in the order their keys are written.
pub const ITEM_HEADINGS: &[(&[&str], Target)] = &[
    (
        &["实施编码", "事项编码", "业务办理项编码", "编码"],
        Target::Text("事项编码"),
    ),
    (&["事项名称", "名称"], Target::Text("事项名称")),
    (&["事项类型", "类型"], Target::Text("事项类型")),
    (
        &["实施主体", "实施机关", "实施部门"],
        Target::Text("实施主体"),
    ),
    (&["行使层级", "办理层级"], Target::List("办理层级")),
    (&["设定依据"], Target::List("设定依据")),
    (&["受理条件"], Target::Text("受理条件")),
    (&["申请材料", "申报材料"], Target::Materials),
    (&["法定办结时限", "法定时限"], Target::Limit("法定时限")),
    (&["承诺办结时限", "承诺时限"], Target::Limit("承诺时限")),
    (&["是否收费"], Target::Charged),
    (&["收费项目"], Target::Fee("收费项目")),
    (&["收费标准"], Target::Fee("收费标准")),
    (&["收费依据"], Target::Fee("收费依据")),
    (
        &["到办事现场次数", "到现场次数"],
        Target::Number("到现场次数"),
    ),
    (
        &["网上办理地址", "在线办理地址"],
        Target::Text("网上办理地址"),
    ),
    (&["办理地点"], Target::Location("地点")),
    (&["办理时间"], Target::Location("办理时间")),
    (&["咨询电话", "咨询方式"], Target::Text("咨询电话")),
    (
        &["监督投诉电话", "投诉电话", "监督投诉方式"],
        Target::Text("监督投诉电话"),
    ),
    (&["办理结果", "结果名称"], Target::Text("办理结果")),
];

/// Headings of a materials, steps or fees sheet (besides the code column).
pub const PART_HEADINGS: &[(&[&str], &str, &str)] = &[
    (&["材料名称"], "申报材料", "材料名称"),
    (&["材料类型"], "申报材料", "材料类型"),
    (&["材料形式"], "申报材料", "材料形式"),
    (&["份数"], "申报材料", "份数"),
    (&["是否必需", "是否必要", "必要性"], "申报材料", "是否必需"),
    (&["来源", "来源渠道"], "申报材料", "来源"),
    (&["环节", "环节名称", "办理环节"], "办事流程", "环节"),
    (&["办理人员", "办理人", "审批人员"], "办事流程", "办理人员"),
    (&["环节时限"], "办事流程", "环节时限"),
    (&["说明", "审查标准"], "办事流程", "说明"),
];

/// A heading with its spaces and any bracketed unit removed, and that unit.
pub fn split_unit(heading: &str) -> (String, Option<String>) {
    let h: String = heading
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(i) = h.find(open)
            && h.ends_with(close)
        {
            let unit = h[i + open.len_utf8()..h.len() - close.len_utf8()].to_string();
            return (h[..i].to_string(), Some(unit));
        }
    }
    (h, None)
}

/// The item target of a heading (already stripped of its unit).
pub fn item_target(h: &str) -> Option<Target> {
    ITEM_HEADINGS
        .iter()
        .find(|(names, _)| names.contains(&h))
        .map(|(_, t)| *t)
}

/// The part (section, key) of a heading in a materials / steps / fees sheet.
pub fn part_target(h: &str) -> Option<(&'static str, &'static str)> {
    PART_HEADINGS
        .iter()
        .find(|(names, _, _)| names.contains(&h))
        .map(|(_, s, k)| (*s, *k))
}

/// Applies a unit from the heading to a bare number: `5` under `（工作日）` → `5个工作日`.
pub fn with_unit(value: &str, unit: Option<&str>) -> String {
    let bare = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit() || c == '.');
    match unit {
        Some(u) if bare => {
            let u = u.trim_start_matches('个');
            format!("{value}个{u}")
                .replace("个天", "天")
                .replace("个日", "天")
        }
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_in_headings() {
        let (h, u) = split_unit("承诺办结时限（工作日）");
        assert_eq!(h, "承诺办结时限");
        assert_eq!(with_unit("5", u.as_deref()), "5个工作日");
        assert_eq!(with_unit("即办", u.as_deref()), "即办");
        assert_eq!(item_target(&h), Some(Target::Limit("承诺时限")));
    }
}
