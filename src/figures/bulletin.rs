//! Weekly progress bulletins (进度通报, v2 §7), computed only from the plan.
//!
//! A bulletin is judged at its date: the week's last working day (Friday), or `as_of` when
//! that comes first. Its counts come from [`task_figures`], the function of the plan page
//! and `/figures/`, so the latest bulletin's numbers are the plan page's.

use super::{TaskFigures, overdue_tasks, task_figures};
use crate::model::{Date, Plan, Task, TaskStatus, TaskUpdate};
use chrono::{Datelike, Days, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;

/// An ISO week, e.g. `2026-W39`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Week {
    /// ISO week-numbering year.
    pub year: i32,
    /// ISO week, 1..=53.
    pub week: u32,
}

impl Week {
    /// The week that contains `d`.
    pub fn of(d: Date) -> Week {
        let w = d.iso_week();
        Week {
            year: w.year(),
            week: w.week(),
        }
    }

    /// Its Monday.
    pub fn monday(self) -> Date {
        Date::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or_default()
    }

    /// Its Sunday.
    pub fn sunday(self) -> Date {
        self.monday() + Days::new(6)
    }

    /// Its last working day (Friday; the site knows no holidays).
    pub fn friday(self) -> Date {
        self.monday() + Days::new(4)
    }

    /// Whether `d` falls in this week.
    pub fn contains(self, d: Date) -> bool {
        Week::of(d) == self
    }

    /// The next week.
    pub fn next(self) -> Week {
        Week::of(self.monday() + Days::new(7))
    }
}

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// The weeks that get a bulletin: from the week of the plan's date to the week of `as_of`,
/// those in which a task has an update or a deadline.
pub fn bulletin_weeks(plan: &Plan, as_of: Date) -> Vec<Week> {
    if plan.date > as_of {
        return Vec::new();
    }
    let last = Week::of(as_of);
    let mut weeks = Vec::new();
    let mut w = Week::of(plan.date);
    while w <= last {
        let active = plan.tasks.iter().any(|t| {
            t.deadline.is_some_and(|d| w.contains(d))
                || t.updates
                    .iter()
                    .any(|u| w.contains(u.date) && u.date <= as_of)
        });
        if active {
            weeks.push(w);
        }
        w = w.next();
    }
    weeks
}

/// A task with its updates of the week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekUpdates<'a> {
    /// The task.
    pub task: &'a Task,
    /// Its updates dated in the week (up to the bulletin's date), oldest first.
    pub updates: Vec<&'a TaskUpdate>,
}

/// An overdue task with its days overdue at the bulletin's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueTask<'a> {
    /// The task.
    pub task: &'a Task,
    /// Days from its deadline to the bulletin's date.
    pub days: i64,
}

/// One lead unit's row of the bulletin's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadRow {
    /// 牵头单位
    pub lead: String,
    /// Its figures at the bulletin's date.
    pub figures: TaskFigures,
}

/// A supervised task in the bulletin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupervisedTask<'a> {
    /// The task.
    pub task: &'a Task,
    /// Not done past its 限期 at the bulletin's date.
    pub past_due: bool,
    /// Days past 限期 (0 when not past).
    pub days_past_due: i64,
}

/// One week's bulletin of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bulletin<'a> {
    /// The week.
    pub week: Week,
    /// 期数: its place among the plan's bulletins, from 1.
    pub number: usize,
    /// Its date: the week's Friday, or `as_of` when earlier. Everything is judged at it.
    pub date: Date,
    /// Figures of all the plan's tasks at `date` (the plan page's function).
    pub figures: TaskFigures,
    /// Tasks with updates in the week, in plan order.
    pub updates: Vec<WeekUpdates<'a>>,
    /// 已完成 tasks with an update in the week (the week they were reported done).
    pub completed: Vec<&'a Task>,
    /// Overdue tasks at `date`, most days first, then in plan order.
    pub overdue: Vec<OverdueTask<'a>>,
    /// Per lead unit, ranked: mean progress (highest first), then fewer overdue, then name.
    pub by_lead: Vec<LeadRow>,
    /// Tasks under supervision at `date`, in plan order.
    pub supervised: Vec<SupervisedTask<'a>>,
}

/// The bulletin title when site.yaml does not set `通报标题`: `{方案}` is the plan's
/// title, `{期数}` the bulletin's number.
pub const DEFAULT_BULLETIN_TITLE: &str = "关于{方案}推进情况的通报（第{期数}期）";

/// The placeholders a bulletin title may hold.
pub const BULLETIN_TITLE_PLACEHOLDERS: [&str; 2] = ["{方案}", "{期数}"];

/// The bulletin's title from site.yaml's `pattern` (by default
/// `关于<plan>推进情况的通报（第N期）`).
pub fn bulletin_title(pattern: &str, plan_title: &str, number: usize) -> String {
    pattern
        .replace("{方案}", plan_title.trim())
        .replace("{期数}", &number.to_string())
}

/// The week as written in a bulletin: `2026年第39周（9月21日至9月27日）`.
pub fn week_label(week: Week) -> String {
    let (m, s) = (week.monday(), week.sunday());
    format!(
        "{}年第{}周（{}月{}日至{}月{}日）",
        week.year,
        week.week,
        m.month(),
        m.day(),
        s.month(),
        s.day()
    )
}

/// Every bulletin of `plan` up to `as_of`, oldest first.
pub fn bulletins(plan: &Plan, as_of: Date) -> Vec<Bulletin<'_>> {
    bulletin_weeks(plan, as_of)
        .into_iter()
        .enumerate()
        .map(|(i, w)| bulletin(plan, w, i + 1, as_of))
        .collect()
}

/// The bulletin of `plan` for `week`, numbered `number`.
pub fn bulletin(plan: &Plan, week: Week, number: usize, as_of: Date) -> Bulletin<'_> {
    let date = week.friday().min(as_of);
    let until = week.sunday().min(as_of);
    let in_week = |u: &&TaskUpdate| u.date >= week.monday() && u.date <= until;
    let updates: Vec<WeekUpdates> = plan
        .tasks
        .iter()
        .filter_map(|t| {
            let updates: Vec<&TaskUpdate> = t.updates.iter().filter(in_week).collect();
            (!updates.is_empty()).then_some(WeekUpdates { task: t, updates })
        })
        .collect();
    let completed = updates
        .iter()
        .filter(|w| w.task.status == TaskStatus::Done)
        .map(|w| w.task)
        .collect();
    let overdue = overdue_tasks(&plan.tasks, date);
    let mut leads: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
    for t in &plan.tasks {
        leads.entry(&t.lead).or_default().push(t);
    }
    let mut by_lead: Vec<LeadRow> = leads
        .into_iter()
        .map(|(lead, tasks)| LeadRow {
            lead: lead.to_string(),
            figures: task_figures(tasks, date),
        })
        .collect();
    by_lead.sort_by(|a, b| {
        b.figures
            .mean_progress
            .total_cmp(&a.figures.mean_progress)
            .then(a.figures.overdue.cmp(&b.figures.overdue))
            .then(a.lead.cmp(&b.lead))
    });
    let supervised = plan
        .tasks
        .iter()
        .filter_map(|t| {
            let s = t.supervision.as_ref().filter(|s| s.date <= date)?;
            let past_due = t.is_past_supervision_due(date);
            Some(SupervisedTask {
                task: t,
                past_due,
                days_past_due: match s.due {
                    Some(d) if past_due => (date - d).num_days(),
                    _ => 0,
                },
            })
        })
        .collect();
    Bulletin {
        week,
        number,
        date,
        figures: task_figures(&plan.tasks, date),
        updates,
        completed,
        overdue,
        by_lead,
        supervised,
    }
}
