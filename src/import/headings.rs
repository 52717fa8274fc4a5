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
    (&["办事属性"], Target::List("办事属性")),
    (
        &["是否支持物流快递", "物流快递", "是否支持快递"],
        Target::Text("物流快递"),
    ),
    (
        &["是否支持预约办理", "预约办理", "是否预约办理"],
        Target::Text("预约办理"),
    ),
    (&["更新日期"], Target::Text("更新日期")),
];

/// A sheet of parts keyed by the item code: materials, steps, fees or locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Section {
    /// The item key the rows go under (申报材料, 办事流程, 收费, 办理地点).
    pub key: &'static str,
    /// The row key whose column marks a sheet of this section (材料名称, 环节, ...).
    pub name_key: &'static str,
}

/// The part sections, in the order their sheets are recognised.
pub const SECTIONS: &[Section] = &[
    Section {
        key: "申报材料",
        name_key: "材料名称",
    },
    Section {
        key: "办事流程",
        name_key: "环节",
    },
    Section {
        key: "收费",
        name_key: "收费项目",
    },
    Section {
        key: "办理地点",
        name_key: "地点",
    },
];

/// Headings of a materials, steps, fees or locations sheet (besides the code column):
/// (headings, section key, row key).
pub const PART_HEADINGS: &[(&[&str], &str, &str)] = &[
    (&["材料名称"], "申报材料", "材料名称"),
    (&["材料形式", "材料类型"], "申报材料", "材料形式"),
    (&["份数", "纸质材料份数", "材料份数"], "申报材料", "份数"),
    (&["是否必需", "是否必要", "必要性"], "申报材料", "是否必需"),
    (&["来源", "来源渠道"], "申报材料", "来源"),
    (&["免提交", "是否免提交"], "申报材料", "免提交"),
    (&["空白表格"], "申报材料", "空白表格"),
    (&["示例样表"], "申报材料", "示例样表"),
    (&["备注"], "申报材料", "备注"),
    (&["环节", "环节名称", "办理环节"], "办事流程", "环节"),
    (&["办理人员", "办理人", "审批人员"], "办事流程", "办理人员"),
    (&["环节时限", "办理时限"], "办事流程", "环节时限"),
    (&["说明", "审查标准"], "办事流程", "说明"),
    (&["收费项目", "收费项目名称"], "收费", "收费项目"),
    (&["收费标准"], "收费", "收费标准"),
    (&["收费依据"], "收费", "收费依据"),
    (&["减免说明", "减免政策"], "收费", "减免说明"),
    (&["办理地点", "地点"], "办理地点", "地点"),
    (&["地址", "办理地址", "详细地址"], "办理地点", "地址"),
    (&["办理时间"], "办理地点", "办理时间"),
    (&["电话", "联系电话", "咨询电话"], "办理地点", "电话"),
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

/// The part (section, key) of a heading in any part sheet: the first section that has it.
pub fn part_target(h: &str) -> Option<(&'static str, &'static str)> {
    PART_HEADINGS
        .iter()
        .find(|(names, _, _)| names.contains(&h))
        .map(|(_, s, k)| (*s, *k))
}

/// The row key of a heading in a sheet of `section`.
pub fn part_key(section: &str, h: &str) -> Option<&'static str> {
    PART_HEADINGS
        .iter()
        .find(|(names, s, _)| *s == section && names.contains(&h))
        .map(|(_, _, k)| *k)
}

/// The section of a sheet with these headings (already mapped and stripped of units):
/// the first section whose name column is there.
pub fn sheet_section<'a>(headings: impl IntoIterator<Item = &'a str> + Clone) -> Option<Section> {
    SECTIONS.iter().copied().find(|sec| {
        headings
            .clone()
            .into_iter()
            .any(|h| part_key(sec.key, h) == Some(sec.name_key))
    })
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
