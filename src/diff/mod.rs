//! Catalogue adjustments (清单化动态管理, v2 §6): what changed between two versions of a
//! catalogue, element by element. A pure stage over `model::Service`s: `gongkai changes`
//! and the import's report both print it ([`text`]), `gongkai changes --notice` writes it
//! as the draft 公示 ([`notice`]).

mod elements;
pub mod log;
pub mod notice;
pub mod text;

use crate::model::{Date, Service, ServiceStatus};
use std::collections::BTreeMap;

/// The difference between two catalogues, items in code order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueDiff {
    /// Items in the new catalogue only (and not cancelled there).
    pub added: Vec<ItemRef>,
    /// Items gone from the new catalogue, or 事项状态 取消 there and not in the old one.
    pub cancelled: Vec<Cancelled>,
    /// Items in both whose elements differ.
    pub changed: Vec<ItemChange>,
}

impl CatalogueDiff {
    /// Whether the two catalogues hold the same items with the same elements.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.cancelled.is_empty() && self.changed.is_empty()
    }
}

/// An item named by its code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    /// 事项编码
    pub code: String,
    /// 事项名称
    pub name: String,
}

/// A cancelled item and how: gone from the catalogue, or marked 取消 (with its 取消日期).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancelled {
    /// 事项编码
    pub code: String,
    /// 事项名称 (the last one known)
    pub name: String,
    /// `None`: the item is gone; `Some(date)`: 事项状态 取消 since `date` (when stated).
    pub marked: Option<Option<Date>>,
}

/// One item's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// 事项编码
    pub code: String,
    /// 事项名称 in the new catalogue.
    pub name: String,
    /// The changes, in the order of the item's keys.
    pub changes: Vec<FieldChange>,
}

/// One element that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Where, spelt as the diagnostics spell keys: `申报材料[2].份数` (counted from 1, in
    /// the new list, or in the old one for what was dropped).
    pub key_path: String,
    /// What the list entry is, for entries of a list: the material's or fee's name.
    pub about: Option<String>,
    /// The old value as a clerk reads it; `None` when it was not stated.
    pub old: Option<String>,
    /// The new value; `None` when it is no longer stated.
    pub new: Option<String>,
    /// What kind of change it is.
    pub kind: ChangeKind,
}

/// What kind of change an element underwent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Stated now, not before (a material, a fee, an element).
    Added,
    /// Stated before, no longer (a material dropped, a fee abolished).
    Removed,
    /// A different value.
    Changed,
    /// A time limit made shorter.
    Shortened,
    /// A time limit made longer.
    Lengthened,
    /// A number made smaller (到现场次数, 份数).
    Decreased,
    /// A number made larger.
    Increased,
}

impl ChangeKind {
    /// The word a clerk reads: 新增, 删除, 变更, 缩短, 延长, 减少, 增加.
    pub fn label(self) -> &'static str {
        use crate::diag::tr;
        match self {
            ChangeKind::Added => tr("新增", "added"),
            ChangeKind::Removed => tr("删除", "removed"),
            ChangeKind::Changed => tr("变更", "changed"),
            ChangeKind::Shortened => tr("缩短", "shortened"),
            ChangeKind::Lengthened => tr("延长", "lengthened"),
            ChangeKind::Decreased => tr("减少", "decreased"),
            ChangeKind::Increased => tr("增加", "increased"),
        }
    }
}

/// Compares the catalogue `old` with `new` (drafts should be left out of both), item by
/// item by 事项编码, element by element.
pub fn catalogue(old: &[Service], new: &[Service]) -> CatalogueDiff {
    let old: BTreeMap<&str, &Service> = old.iter().map(|s| (s.code.as_str(), s)).collect();
    let new: BTreeMap<&str, &Service> = new.iter().map(|s| (s.code.as_str(), s)).collect();
    let mut diff = CatalogueDiff::default();
    let cancelled = |s: &Service| s.status == ServiceStatus::Cancelled;
    let mut codes: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        match (old.get(code), new.get(code)) {
            (None, Some(n)) if cancelled(n) => diff.cancelled.push(Cancelled {
                code: code.to_string(),
                name: n.name.clone(),
                marked: Some(n.cancelled),
            }),
            (None, Some(n)) => diff.added.push(ItemRef {
                code: code.to_string(),
                name: n.name.clone(),
            }),
            (Some(o), None) => {
                if !cancelled(o) {
                    diff.cancelled.push(Cancelled {
                        code: code.to_string(),
                        name: o.name.clone(),
                        marked: None,
                    });
                }
            }
            (Some(o), Some(n)) if cancelled(n) && !cancelled(o) => diff.cancelled.push(Cancelled {
                code: code.to_string(),
                name: n.name.clone(),
                marked: Some(n.cancelled),
            }),
            (Some(o), Some(n)) => {
                let changes = item(o, n);
                if !changes.is_empty() {
                    diff.changed.push(ItemChange {
                        code: code.to_string(),
                        name: n.name.clone(),
                        changes,
                    });
                }
            }
            (None, None) => {}
        }
    }
    diff
}

/// The changes of one item, in the order of its keys.
pub fn item(old: &Service, new: &Service) -> Vec<FieldChange> {
    elements::compare(old, new)
}
