//! The summary at the top of an item page and its 基本信息 block: only what the content states.

use crate::model::Service;
use serde::Serialize;
use std::borrow::Cow;

/// One line of the 基本信息 block: a label and its value, only for what the content states.
#[derive(Debug, Serialize)]
pub struct Fact<'a> {
    pub label: &'static str,
    /// The model's text, or the labels of a list joined with `、`.
    pub value: Cow<'a, str>,
}

/// One line of the summary at the top of an item page: a question an applicant asks
/// (谁能办, 带几样材料, ...) and the answer the content gives, with where to read more.
#[derive(Debug, Serialize)]
pub struct SummaryLine {
    pub label: &'static str,
    pub value: String,
    /// Anchor of the section that says more (`#sbcl`), when there is one.
    pub more: Option<&'static str>,
}

/// The summary of an applied-for item: only the lines its content can back, in the
/// order an applicant asks them. Enforcement items, and items not in use, get none.
pub fn service_summary(s: &Service) -> Vec<SummaryLine> {
    let mut lines = Vec::new();
    if s.kind.is_enforcement() || !s.in_use() {
        return lines;
    }
    let mut push = |label, value, more| lines.push(SummaryLine { label, value, more });
    let has_conditions = s
        .conditions
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    let audience: Vec<&str> = s.audience.iter().map(|a| a.label()).collect();
    if !audience.is_empty() {
        let more = has_conditions.then_some("#slt");
        push("谁能办", audience.join("、"), more);
    } else if has_conditions {
        push("谁能办", "见受理条件".to_string(), Some("#slt"));
    }
    if let Some(materials) = &s.materials {
        let shared = materials.iter().filter(|m| m.shared).count();
        let value = match (materials.len(), shared) {
            (0, _) => "无需提交材料".to_string(),
            (n, 0) => format!("{n} 样"),
            (n, k) if k == n => format!("{n} 样，均免提交"),
            (n, k) => format!("{n} 样，其中 {k} 样免提交（需带 {} 样）", n - k),
        };
        push(
            "带几样材料",
            value,
            (!materials.is_empty()).then_some("#sbcl"),
        );
    }
    if let Some(first) = s.locations.first() {
        let mut value = first.place.trim().to_string();
        if let Some(h) = first.hours.as_deref().filter(|h| !h.trim().is_empty()) {
            value.push_str(&format!("（{}）", h.trim()));
        }
        if s.locations.len() > 1 {
            value.push_str(&format!("等 {} 处", s.locations.len()));
        }
        push("去哪办", value, Some("#bldd"));
    }
    if let Some(l) = &s.time_limit {
        push("多久办好", l.promised.to_string(), Some("#cnsx"));
    }
    if let Some(fees) = &s.fees {
        let value = match fees.as_slice() {
            [] => "不收费".to_string(),
            [f] => format!("{}：{}", f.item.trim(), f.standard.trim()),
            more => format!("{} 项收费", more.len()),
        };
        push("收费", value, (!fees.is_empty()).then_some("#sfbz"));
    }
    if let Some(v) = s.visits {
        let value = if v == 0 {
            "0 次（零跑腿）".to_string()
        } else {
            format!("{v} 次")
        };
        push("跑几次", value, None);
    }
    lines
}

/// The 基本信息 facts of `s`: only what the content states.
pub fn service_facts<'a>(s: &'a Service) -> Vec<Fact<'a>> {
    let mut facts = Vec::new();
    let mut push = |label, value: Option<Cow<'a, str>>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push(Fact { label, value });
        }
    };
    fn text(t: &Option<String>) -> Option<Cow<'_, str>> {
        t.as_deref().map(Cow::Borrowed)
    }
    let label = |l: &'static str| Cow::Borrowed(l);
    let join = |v: Vec<&str>| (!v.is_empty()).then(|| Cow::Owned(v.join("、")));
    push("基本编码", text(&s.basic_code));
    push("实施主体编码", text(&s.department_code));
    push(
        "服务对象",
        join(s.audience.iter().map(|a| a.label()).collect()),
    );
    push("办件类型", s.case_type.map(|c| label(c.label())));
    push("通办范围", text(&s.scope));
    push("权力来源", s.power_source.map(|p| label(p.label())));
    push("下放委托部门", text(&s.delegated_by));
    push(
        "办理形式",
        join(s.channels.iter().map(|c| c.label()).collect()),
    );
    push(
        "网上支付",
        s.online_payment
            .map(|b| label(if b { "支持" } else { "不支持" })),
    );
    push("数量限制", text(&s.quantity_limit));
    facts
}
