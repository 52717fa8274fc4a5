//! The comparison as a clerk reads it on the command line (Chinese, or English with
//! `--lang en`). `gongkai changes` prints [`report`]; the import prints [`change_line`]
//! for each changed item.

use super::{CatalogueDiff, ChangeKind, FieldChange};
use crate::diag::tr;
use crate::tr;

/// One change: `申报材料[2]（户口簿复印件）删除：户口簿复印件（复印件）`, `办理时限.承诺时限
/// 缩短：5个工作日 → 3个工作日`.
pub fn change_line(c: &FieldChange) -> String {
    let mut line = c.key_path.clone();
    if let Some(a) = &c.about {
        line.push_str(&tr!("（{a}）", " ({a})"));
    }
    line.push(' ');
    line.push_str(c.kind.label());
    line.push_str(tr("：", ": "));
    line.push_str(&values(c));
    line
}

/// The values of a change: the new one for an addition, the old one for a removal, both
/// otherwise (`（未写）` for one not stated).
pub fn values(c: &FieldChange) -> String {
    let unstated = || tr("（未写）", "(not stated)").to_string();
    match c.kind {
        ChangeKind::Added => c.new.clone().unwrap_or_else(unstated),
        ChangeKind::Removed => c.old.clone().unwrap_or_else(unstated),
        _ => format!(
            "{} → {}",
            c.old.clone().unwrap_or_else(unstated),
            c.new.clone().unwrap_or_else(unstated)
        ),
    }
}

/// How a cancelled item is cancelled: gone from the catalogue or marked 取消.
pub fn cancelled_how(marked: Option<Option<crate::model::Date>>) -> String {
    match marked {
        None => tr("已从清单中删除", "gone from the catalogue").to_string(),
        Some(Some(d)) => tr!(
            "事项状态 取消，取消日期 {d}",
            "事项状态 取消 (cancelled) on {d}"
        ),
        Some(None) => tr("事项状态 取消", "事项状态 取消 (cancelled)").to_string(),
    }
}

/// The whole comparison, one line an item or change, ending with a line break.
pub fn report(diff: &CatalogueDiff) -> String {
    let mut out = String::new();
    if diff.is_empty() {
        out.push_str(tr(
            "两个版本的事项清单相同：没有新增、取消或调整的事项。\n",
            "the two catalogues are the same: no item added, cancelled or changed.\n",
        ));
        return out;
    }
    let (a, c, ch) = (diff.added.len(), diff.cancelled.len(), diff.changed.len());
    out.push_str(&tr!(
        "新增事项 {a} 项，取消事项 {c} 项，调整事项 {ch} 项。\n",
        "{a} item(s) added, {c} cancelled, {ch} changed.\n"
    ));
    if !diff.added.is_empty() {
        out.push_str(&tr!("\n新增事项（{a} 项）：\n", "\nadded ({a}):\n"));
        for i in &diff.added {
            out.push_str(&format!("  {} {}\n", i.code, i.name));
        }
    }
    if !diff.cancelled.is_empty() {
        out.push_str(&tr!("\n取消事项（{c} 项）：\n", "\ncancelled ({c}):\n"));
        for i in &diff.cancelled {
            let how = cancelled_how(i.marked);
            out.push_str(&tr!(
                "  {} {}（{how}）\n",
                "  {} {} ({how})\n",
                i.code,
                i.name
            ));
        }
    }
    if !diff.changed.is_empty() {
        out.push_str(&tr!("\n调整事项（{ch} 项）：\n", "\nchanged ({ch}):\n"));
        for i in &diff.changed {
            out.push_str(&format!("  {} {}\n", i.code, i.name));
            for c in &i.changes {
                out.push_str(&format!("    {}\n", change_line(c)));
            }
        }
    }
    out
}
