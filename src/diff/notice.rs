//! The draft 公示 of a catalogue adjustment (`gongkai changes --notice`): a notice file
//! (类别 公示, 公示期 of [`PERIOD_DAYS`] days from 统计日期) listing the comparison as
//! Markdown tables, written as a 草稿 for the office to review.

use super::{CatalogueDiff, ChangeKind, FieldChange};
use crate::model::{Date, SiteConfig, chinese_date};

/// Days of the 公示期, counting its first and last day.
pub const PERIOD_DAYS: u64 = 10;

/// The file name of the draft notice for `as_of`, under content/notices.
pub fn file_name(as_of: Date) -> String {
    format!("shixiang-qingdan-tiaozheng-{as_of}.md")
}

/// The last day of a 公示期 of [`PERIOD_DAYS`] days starting on `from`.
pub fn period_end(from: Date) -> Date {
    from.checked_add_days(chrono::Days::new(PERIOD_DAYS - 1))
        .unwrap_or(from)
}

/// A YAML double-quoted scalar (JSON's string syntax is YAML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A Markdown table cell: one line, `|` escaped.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The element a change is about, for citizens: `申报材料（户口簿复印件）·份数`.
pub fn element(c: &FieldChange) -> String {
    let mut out = String::new();
    for (i, part) in c.key_path.split('.').enumerate() {
        if i > 0 {
            out.push('·');
        }
        match part.split_once('[') {
            Some((key, _)) => {
                out.push_str(key);
                if let Some(a) = &c.about {
                    out.push_str(&format!("（{a}）"));
                }
            }
            None => out.push_str(part),
        }
    }
    out
}

/// The notice file (front matter and Markdown body) for `diff` on `config`'s site.
pub fn draft(diff: &CatalogueDiff, config: &SiteConfig) -> String {
    let from = config.as_of;
    let to = period_end(from);
    let mut t = String::from("---\n");
    t.push_str("# 由 gongkai changes --notice 生成的公示草稿：请核对内容、补充调整依据和文号，\n");
    t.push_str("# 审核无误后删除“草稿: true”一行再发布。\n");
    t.push_str("标题: 关于政务服务事项清单调整情况的公示\n");
    t.push_str("类别: 公示\n");
    t.push_str(&format!("发文机关: {}\n", quoted(&config.organization)));
    t.push_str(&format!("成文日期: {from}\n"));
    t.push_str(&format!("公示期:\n  开始: {from}\n  结束: {to}\n"));
    t.push_str("草稿: true\n---\n");
    t.push_str(&format!(
        "现将政务服务事项清单调整情况予以公示，公示期为{}至{}（共{PERIOD_DAYS}天）。\n",
        chinese_date(from),
        chinese_date(to)
    ));
    let mut n = 0;
    let mut heading = |t: &mut String, title: &str| {
        n += 1;
        let num = ["一", "二", "三", "四"][n - 1];
        t.push_str(&format!("\n## {num}、{title}\n\n"));
    };
    if !diff.added.is_empty() {
        heading(&mut t, "新增事项");
        t.push_str("| 序号 | 事项编码 | 事项名称 |\n|---|---|---|\n");
        for (i, item) in diff.added.iter().enumerate() {
            t.push_str(&format!(
                "| {} | {} | {} |\n",
                i + 1,
                cell(&item.code),
                cell(&item.name)
            ));
        }
    }
    if !diff.cancelled.is_empty() {
        heading(&mut t, "取消事项");
        t.push_str("| 序号 | 事项编码 | 事项名称 | 说明 |\n|---|---|---|---|\n");
        for (i, item) in diff.cancelled.iter().enumerate() {
            let how = crate::diag::lang::with(crate::diag::Lang::Zh, || {
                super::text::cancelled_how(item.marked)
            });
            t.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                i + 1,
                cell(&item.code),
                cell(&item.name),
                cell(&how)
            ));
        }
    }
    if !diff.changed.is_empty() {
        heading(&mut t, "调整事项");
        t.push_str(
            "| 序号 | 事项编码 | 事项名称 | 调整要素 | 调整 | 调整前 | 调整后 |\n|---|---|---|---|---|---|---|\n",
        );
        let mut row = 0;
        for item in &diff.changed {
            for c in &item.changes {
                row += 1;
                let kind = crate::diag::lang::with(crate::diag::Lang::Zh, || c.kind.label());
                let show = |v: &Option<String>, absent: &str| {
                    v.as_deref().map(cell).unwrap_or_else(|| absent.to_string())
                };
                let (old, new) = match c.kind {
                    ChangeKind::Added => ("—".to_string(), show(&c.new, "—")),
                    ChangeKind::Removed => (show(&c.old, "—"), "—".to_string()),
                    _ => (show(&c.old, "未写"), show(&c.new, "未写")),
                };
                t.push_str(&format!(
                    "| {row} | {} | {} | {} | {kind} | {old} | {new} |\n",
                    cell(&item.code),
                    cell(&item.name),
                    cell(&element(c)),
                ));
            }
        }
    }
    t.push_str("\n公示期内，任何单位和个人如有异议，请以书面形式实名反映");
    if config.complaint_phone.trim().is_empty() {
        t.push_str("。\n");
    } else {
        t.push_str(&format!(
            "，或拨打监督投诉电话 {}。\n",
            config.complaint_phone.trim()
        ));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_days_count_the_first_and_the_last() {
        let d = Date::from_ymd_opt(2026, 9, 30).unwrap();
        assert_eq!(period_end(d).to_string(), "2026-10-09");
    }

    #[test]
    fn an_entry_of_a_list_is_named_by_what_it_is() {
        let c = FieldChange {
            key_path: "申报材料[2].份数".into(),
            about: Some("户口簿".into()),
            old: Some("2份".into()),
            new: Some("1份".into()),
            kind: ChangeKind::Decreased,
        };
        assert_eq!(element(&c), "申报材料（户口簿）·份数");
    }
}
