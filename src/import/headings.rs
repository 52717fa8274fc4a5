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
    (&["基本编码", "事项基本编码"], Target::Text("基本编码")),
    (&["事项类型", "类型"], Target::Text("事项类型")),
    (
        &["实施主体", "实施机关", "实施部门"],
        Target::Text("实施主体"),
    ),
    (
        &[
            "实施主体编码",
            "实施主体统一社会信用代码",
            "实施机关统一社会信用代码",
            "统一社会信用代码",
        ],
        Target::Text("实施主体编码"),
    ),
    (&["行使层级", "办理层级"], Target::List("办理层级")),
    (&["事项状态", "状态"], Target::Text("事项状态")),
    (&["生效日期"], Target::Text("生效日期")),
    (&["取消日期"], Target::Text("取消日期")),
    (&["俗称", "事项俗称", "别名"], Target::List("俗称")),
    (&["主题分类"], Target::List("主题分类")),
    (&["服务对象", "面向对象"], Target::List("服务对象")),
    (&["办件类型"], Target::Text("办件类型")),
    (&["权力来源"], Target::Text("权力来源")),
    (
        &["下放委托部门", "委托部门", "下放部门"],
        Target::Text("下放委托部门"),
    ),
    (&["通办范围"], Target::Text("通办范围")),
    (&["办理形式"], Target::List("办理形式")),
    (&["设定依据"], Target::List("设定依据")),
    (&["受理条件"], Target::Text("受理条件")),
    (
        &["不予受理情形", "不予受理的情形"],
        Target::Text("不予受理情形"),
    ),
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
        &["到现场原因", "到办事现场原因", "必须现场办理原因说明"],
        Target::Text("到现场原因"),
    ),
    (
        &["网上办理地址", "在线办理地址"],
        Target::Text("网上办理地址"),
    ),
    (
        &["网上支付", "是否网上支付", "是否支持网上支付"],
        Target::Text("网上支付"),
    ),
    (&["办理地点"], Target::Location("地点")),
    (&["办理时间"], Target::Location("办理时间")),
    (&["咨询电话", "咨询方式"], Target::Text("咨询电话")),
    (
        &["监督投诉电话", "投诉电话", "监督投诉方式"],
        Target::Text("监督投诉电话"),
    ),
    (
        &["办理结果", "结果名称", "审批结果名称", "办理结果名称"],
        Target::Text("办理结果"),
    ),
    (
        &["结果类型", "办理结果类型", "审批结果类型"],
        Target::Text("结果类型"),
    ),
    (
        &["结果样本", "办理结果样本", "审批结果样本"],
        Target::Text("结果样本"),
    ),
    (&["中介服务"], Target::Text("中介服务")),
    (&["数量限制"], Target::Text("数量限制")),
    (&["处罚种类和幅度"], Target::Text("处罚种类和幅度")),
    (&["实施对象"], Target::Text("实施对象")),
    (&["救济途径"], Target::Text("救济途径")),
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
    Section {
        key: "特别程序",
        name_key: "种类",
    },
];

/// Headings of a materials, steps, fees or locations sheet (besides the code column):
/// (headings, section key, row key).
pub const PART_HEADINGS: &[(&[&str], &str, &str)] = &[
    (&["材料名称"], "申报材料", "材料名称"),
    (&["材料类型"], "申报材料", "材料类型"),
    (&["材料形式"], "申报材料", "材料形式"),
    (&["份数", "纸质材料份数", "材料份数"], "申报材料", "份数"),
    (&["是否必需", "是否必要", "必要性"], "申报材料", "是否必需"),
    (&["来源", "来源渠道"], "申报材料", "来源"),
    (&["免提交", "是否免提交"], "申报材料", "免提交"),
    (&["空白表格"], "申报材料", "空白表格"),
    (&["示例样表"], "申报材料", "示例样表"),
    (&["受理标准", "材料受理标准"], "申报材料", "受理标准"),
    (&["填报须知"], "申报材料", "填报须知"),
    (&["材料依据", "设定依据"], "申报材料", "材料依据"),
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
    (&["特别程序种类", "特别程序", "种类"], "特别程序", "种类"),
    (&["特别程序时限", "时限"], "特别程序", "时限"),
    (&["特别程序说明", "说明"], "特别程序", "说明"),
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
