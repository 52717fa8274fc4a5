//! Figures (spec "Figures"): speed-ups, counts and shares, plan progress.
//!
//! Pure functions of the models; drafts must be removed by the caller.

use crate::model::{Date, Service, Task, TaskStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// An item's speed-up (提速比例): `1 − promised / statutory`, both in the promised limit's
/// unit (7 natural days = 5 working days). None without a statutory limit (or one of 0 days).
pub fn speedup(s: &Service) -> Option<f64> {
    let st = s.time_limit.statutory.as_ref()?;
    let promised = &s.time_limit.promised;
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

/// Headline figures of the service catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceFigures {
    /// Number of items.
    pub items: usize,
    /// Items per 事项类型, in the order of the content format; zero counts left out.
    pub by_type: Vec<Count>,
    /// Items per department, most first, then by name.
    pub by_department: Vec<Count>,
    /// Items per level, in site.yaml order.
    pub by_level: Vec<Count>,
    /// Items per attribute, in site.yaml order.
    pub by_attribute: Vec<Count>,
    /// Items with no fee.
    pub free: usize,
    /// Items with 0 visits (零跑腿).
    pub zero_visits: usize,
    /// Items with an online address.
    pub online: usize,
    /// Items that have a speed-up (a statutory limit).
    pub with_speedup: usize,
    /// Mean speed-up over those items.
    pub mean_speedup: Option<f64>,
}

impl ServiceFigures {
    /// `part / items`, 0 for an empty catalogue.
    pub fn share(&self, part: usize) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            part as f64 / self.items as f64
        }
    }

    /// Count of items with `attribute`.
    pub fn attribute(&self, attribute: &str) -> usize {
        self.by_attribute
            .iter()
            .find(|c| c.label == attribute)
            .map_or(0, |c| c.count)
    }
}

/// Figures over `services` (drafts removed), ordered by the site's `levels` and `attributes`.
pub fn service_figures(
    services: &[Service],
    levels: &[String],
    attributes: &[String],
) -> ServiceFigures {
    let mut by_type = BTreeMap::new();
    let mut by_department: BTreeMap<&str, usize> = BTreeMap::new();
    let mut speedups = Vec::new();
    for s in services {
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
    let mean_speedup =
        (!speedups.is_empty()).then(|| speedups.iter().sum::<f64>() / speedups.len() as f64);
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
        by_attribute: ordered(attributes, &|s, n| s.attributes.iter().any(|a| a == n)),
        free: services.iter().filter(|s| s.is_free()).count(),
        zero_visits: services.iter().filter(|s| s.visits == Some(0)).count(),
        online: services.iter().filter(|s| s.online_url.is_some()).count(),
        with_speedup: speedups.len(),
        mean_speedup,
    }
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

#[cfg(test)]
mod tests;
