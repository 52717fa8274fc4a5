//! Figures (spec "Figures"): speed-ups, counts and shares, plan progress.
//!
//! Pure functions of the models; drafts must be removed by the caller.

use crate::model::{Channel, Date, Element, Service, Task, TaskStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// An item's speed-up (提速比例): `1 − promised / statutory`, both in the promised limit's
/// unit (7 natural days = 5 working days). None without a statutory limit (or one of 0 days).
pub fn speedup(s: &Service) -> Option<f64> {
    let limit = s.time_limit.as_ref()?;
    let st = limit.statutory.as_ref()?;
    let promised = &limit.promised;
    let unit = if promised.immediate {
        st.unit
    } else {
        promised.unit
    };
    let statutory = st.days_in(unit);
    if statutory <= 0.0 {
        return None;
    }
    Some(1.0 - promised.days_in(unit) / statutory)
}

/// A share as a percentage with one decimal, e.g. `46.3%`.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A count with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted (a department, a type, ...).
    pub label: String,
    /// How many.
    pub count: usize,
}

/// A share taken over the items that state an element: `count` of `over`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    /// What is counted (零跑腿, 一次办, ...).
    pub label: String,
    /// Items that have it.
    pub count: usize,
    /// Items that state the element the share is taken over.
    pub over: usize,
    /// What those items state, e.g. `到现场次数`.
    pub element: String,
}

/// Written for a share over no item: nobody has stated the element.
pub const NOT_REPORTED: &str = "未填报";

impl Share {
    /// `count / over`; None when no item states the element.
    pub fn ratio(&self) -> Option<f64> {
        (self.over > 0).then(|| self.count as f64 / self.over as f64)
    }

    /// The percentage (`60.0%`), or `未填报` over no item.
    pub fn percent(&self) -> String {
        self.ratio()
            .map(percent)
            .unwrap_or_else(|| NOT_REPORTED.to_string())
    }

    /// What the share is taken over: `已填报到现场次数的 20 项`, or `未填报`.
    pub fn basis(&self) -> String {
        if self.over == 0 {
            NOT_REPORTED.to_string()
        } else {
            format!("已填报{}的 {} 项", self.element, self.over)
        }
    }

    /// The whole figure: `零跑腿 12 项（已填报到现场次数的 20 项中 60.0%）`, or
    /// `零跑腿 未填报` when no item states the element.
    pub fn sentence(&self) -> String {
        if self.over == 0 {
            format!("{} {NOT_REPORTED}", self.label)
        } else {
            format!(
                "{} {} 项（{}中 {}）",
                self.label,
                self.count,
                self.basis(),
                self.percent()
            )
        }
    }
}

/// Headline figures of the service catalogue: items in use (事项状态 在用) only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceFigures {
    /// Number of items in use.
    pub items: usize,
    /// Items per 事项类型, in the order of the content format; zero counts left out.
    pub by_type: Vec<Count>,
    /// Items per department, most first, then by name.
    pub by_department: Vec<Count>,
    /// Items per level, in site.yaml order.
    pub by_level: Vec<Count>,
    /// Items per attribute, in site.yaml order.
    pub by_attribute: Vec<Count>,
    /// Items that state 办事属性 (the base of the attribute shares).
    pub with_attributes: usize,
    /// Items with no fee, over the items that state 收费.
    pub free: Share,
    /// Items with 0 visits (零跑腿), over the items that state 到现场次数.
    pub zero_visits: Share,
    /// 一次办 items, over the items that state 办事属性.
    pub one_visit: Share,
    /// Items that can be handled online, over the items that state 办理形式 or 网上办理地址.
    pub online: Share,
    /// Items that have a speed-up (a statutory limit).
    pub with_speedup: usize,
    /// Mean speed-up over those items.
    pub mean_speedup: Option<f64>,
}

impl ServiceFigures {
    /// Count of items with `attribute`.
    pub fn attribute(&self, attribute: &str) -> usize {
        self.by_attribute
            .iter()
            .find(|c| c.label == attribute)
            .map_or(0, |c| c.count)
    }

    /// The share of items with `attribute` among the items that state 办事属性.
    pub fn attribute_share(&self, attribute: &str) -> Share {
        Share {
            label: attribute.to_string(),
            count: self.attribute(attribute),
            over: self.with_attributes,
            element: "办事属性".into(),
        }
    }
}

/// Whether an item can be handled online: it gives an online address, or names 网上办理 or
/// 掌上办理 among its channels.
fn is_online(s: &Service) -> bool {
    s.online_url.is_some()
        || s.channels
            .iter()
            .any(|c| matches!(c, Channel::Online | Channel::Mobile))
}

/// Figures over the items in use among `services` (drafts removed), ordered by the site's
/// `levels` and `attributes`.
pub fn service_figures(
    services: &[Service],
    levels: &[String],
    attributes: &[String],
) -> ServiceFigures {
    let services: Vec<&Service> = services.iter().filter(|s| s.in_use()).collect();
    let mut by_type = BTreeMap::new();
    let mut by_department: BTreeMap<&str, usize> = BTreeMap::new();
    let mut speedups = Vec::new();
    for s in &services {
        *by_type.entry(s.kind).or_insert(0) += 1;
        *by_department.entry(&s.department).or_insert(0) += 1;
        speedups.extend(speedup(s));
    }
    let mut by_department: Vec<Count> = by_department
        .into_iter()
        .map(|(l, c)| Count {
            label: l.to_string(),
            count: c,
        })
        .collect();
    by_department.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    let ordered = |names: &[String], has: &dyn Fn(&Service, &str) -> bool| {
        names
            .iter()
            .map(|n| Count {
                label: n.clone(),
                count: services.iter().filter(|s| has(s, n)).count(),
            })
            .collect::<Vec<_>>()
    };
    let share = |label: &str,
                 element: &str,
                 states: &dyn Fn(&Service) -> bool,
                 has: &dyn Fn(&Service) -> bool| {
        let stating: Vec<&&Service> = services.iter().filter(|s| states(s)).collect();
        Share {
            label: label.to_string(),
            count: stating.iter().filter(|s| has(s)).count(),
            over: stating.len(),
            element: element.to_string(),
        }
    };
    let mean_speedup =
        (!speedups.is_empty()).then(|| speedups.iter().sum::<f64>() / speedups.len() as f64);
    let by_attribute = ordered(attributes, &|s, n| s.attributes.iter().any(|a| a == n));
    let with_attributes = services.iter().filter(|s| !s.attributes.is_empty()).count();
    // A site whose 办事属性 has no 一次办 cannot state it: the share is 未填报, not 0%.
    let one_visit = Share {
        label: "一次办".into(),
        count: by_attribute
            .iter()
            .find(|c| c.label == "一次办")
            .map_or(0, |c| c.count),
        over: if attributes.iter().any(|a| a == "一次办") {
            with_attributes
        } else {
            0
        },
        element: "办事属性".into(),
    };
    ServiceFigures {
        items: services.len(),
        by_type: by_type
            .into_iter()
            .map(|(t, c)| Count {
                label: t.label().to_string(),
                count: c,
            })
            .collect(),
        by_department,
        by_level: ordered(levels, &|s, n| s.levels.iter().any(|l| l == n)),
        by_attribute,
        with_attributes,
        free: share("不收费", "收费", &|s| s.fees.is_some(), &|s| {
            s.is_free()
        }),
        zero_visits: share(
            "零跑腿",
            "到现场次数",
            &|s| s.visits.is_some(),
            &|s| s.visits == Some(0),
        ),
        one_visit,
        online: share(
            "可网上办理",
            "办理形式或网上办理地址",
            &|s| s.online_url.is_some() || !s.channels.is_empty(),
            &is_online,
        ),
        with_speedup: speedups.len(),
        mean_speedup,
    }
}

/// 公开完整度 of one department: how many of its items state each of the six disclosures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    /// The department (实施主体); `合计` on the totals row.
    pub department: String,
    /// Items in use.
    pub items: usize,
    /// Items whose guide is incomplete (指南待完善).
    pub incomplete: usize,
    /// Per element of [`Element::ALL`]: items that state it, and items that must.
    pub elements: Vec<(Element, usize, usize)>,
}

/// 公开完整度 per department (by name) of the items in use, then a totals row `合计`.
pub fn completeness(services: &[Service]) -> Vec<Completeness> {
    let mut by_department: BTreeMap<&str, Vec<&Service>> = BTreeMap::new();
    for s in services.iter().filter(|s| s.in_use()) {
        by_department.entry(&s.department).or_default().push(s);
    }
    let row = |department: &str, items: &[&Service]| Completeness {
        department: department.to_string(),
        items: items.len(),
        incomplete: items.iter().filter(|s| s.is_incomplete()).count(),
        elements: Element::ALL
            .iter()
            .map(|e| {
                let required: Vec<&&Service> = items.iter().filter(|s| s.requires(*e)).collect();
                let stated = required.iter().filter(|s| s.states(*e)).count();
                (*e, stated, required.len())
            })
            .collect(),
    };
    let mut rows: Vec<Completeness> = by_department
        .iter()
        .map(|(d, items)| row(d, items))
        .collect();
    let all: Vec<&Service> = by_department.into_values().flatten().collect();
    rows.push(row("合计", &all));
    rows
}

/// Progress figures of a set of tasks (one plan, or all).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskFigures {
    /// Number of tasks.
    pub tasks: usize,
    /// Tasks per status, in the order 未开始 推进中 已完成 已暂停.
    pub by_status: Vec<Count>,
    /// Overdue (逾期) tasks.
    pub overdue: usize,
    /// Supervised (督办) tasks.
    pub supervised: usize,
    /// Supervised tasks not done past their 限期 (督办逾期), counted apart from `overdue`.
    pub supervised_overdue: usize,
    /// Mean progress in percent (0 when there are no tasks).
    pub mean_progress: f64,
}

impl TaskFigures {
    /// Tasks with `status`.
    pub fn status(&self, status: TaskStatus) -> usize {
        self.by_status
            .iter()
            .find(|c| c.label == status.label())
            .map_or(0, |c| c.count)
    }
}

/// Figures over `tasks` judged at `as_of`.
pub fn task_figures<'a>(tasks: impl IntoIterator<Item = &'a Task>, as_of: Date) -> TaskFigures {
    let tasks: Vec<&Task> = tasks.into_iter().collect();
    let by_status = TaskStatus::ALL
        .iter()
        .map(|st| Count {
            label: st.label().to_string(),
            count: tasks.iter().filter(|t| t.status == *st).count(),
        })
        .collect();
    let mean_progress = if tasks.is_empty() {
        0.0
    } else {
        tasks.iter().map(|t| f64::from(t.progress)).sum::<f64>() / tasks.len() as f64
    };
    TaskFigures {
        tasks: tasks.len(),
        by_status,
        overdue: tasks.iter().filter(|t| t.is_overdue(as_of)).count(),
        supervised: tasks.iter().filter(|t| t.supervision.is_some()).count(),
        supervised_overdue: tasks
            .iter()
            .filter(|t| t.is_past_supervision_due(as_of))
            .count(),
        mean_progress,
    }
}

/// Overdue (逾期) tasks per lead unit (牵头单位) at `as_of`: only units with at least one,
/// most first, then by name.
pub fn overdue_by_lead<'a>(tasks: impl IntoIterator<Item = &'a Task>, as_of: Date) -> Vec<Count> {
    let mut by_lead: BTreeMap<&str, usize> = BTreeMap::new();
    for t in tasks {
        if t.is_overdue(as_of) {
            *by_lead.entry(t.lead.as_str()).or_insert(0) += 1;
        }
    }
    let mut counts: Vec<Count> = by_lead
        .into_iter()
        .map(|(l, c)| Count {
            label: l.to_string(),
            count: c,
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    counts
}

/// How many days `t` is overdue (逾期) at `as_of`: None when it is not (done, no deadline,
/// or the deadline not passed), else the days from its deadline to `as_of` (1 the day after).
pub fn days_overdue(t: &Task, as_of: Date) -> Option<i64> {
    t.is_overdue(as_of).then(|| t.days_overdue(as_of))
}

/// The overdue (逾期) tasks of `tasks` at `as_of` with their days overdue, most days first,
/// then in the order given. The plan page, its overdue listing and the weekly bulletin all
/// take the days from here.
pub fn overdue_tasks<'a>(
    tasks: impl IntoIterator<Item = &'a Task>,
    as_of: Date,
) -> Vec<OverdueTask<'a>> {
    let mut overdue: Vec<OverdueTask> = tasks
        .into_iter()
        .filter_map(|t| {
            Some(OverdueTask {
                task: t,
                days: days_overdue(t, as_of)?,
            })
        })
        .collect();
    overdue.sort_by_key(|o| std::cmp::Reverse(o.days));
    overdue
}

mod bulletin;
mod table;

pub use bulletin::{
    BULLETIN_TITLE_PLACEHOLDERS, Bulletin, DEFAULT_BULLETIN_TITLE, LeadRow, OverdueTask,
    SupervisedTask, Week, WeekUpdates, bulletin, bulletin_title, bulletin_weeks, bulletins,
    week_label,
};

pub use table::completeness_table;

#[cfg(test)]
mod tests;
