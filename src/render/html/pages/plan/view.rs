//! The views of plan pages (`plan`), their overdue tasks and the plan summaries of lists.

use crate::figures;
use crate::model::{Date, Plan, SiteConfig, Task, TaskStatus, chinese_date};
use crate::render::html::Links;
use crate::render::html::views::{Link, TaskFiguresView};
use crate::render::markdown::to_html;
use crate::route::Route;
use serde::Serialize;

/// A task row.
#[derive(Debug, Serialize)]
pub struct TaskView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub lead: Link<'a>,
    pub partners: Vec<Link<'a>>,
    pub deadline: Option<String>,
    pub status: &'static str,
    /// not-started, in-progress, done, paused
    pub status_class: &'static str,
    pub progress: u8,
    pub overdue: bool,
    /// Days overdue at the 统计日期, when overdue.
    pub days_overdue: Option<i64>,
    pub updates: Vec<UpdateView<'a>>,
    /// On unit pages: 牵头 or 配合.
    pub role: Option<&'static str>,
    /// 督办, when supervised.
    pub supervision: Option<SupervisionView<'a>>,
}

/// A task's 督办, written out.
#[derive(Debug, Serialize)]
pub struct SupervisionView<'a> {
    pub by: &'a str,
    pub date: String,
    pub due: Option<String>,
    pub note: Option<&'a str>,
    /// Not done and past 限期 (督办逾期).
    pub past_due: bool,
}

/// A dated progress note.
#[derive(Debug, Serialize)]
pub struct UpdateView<'a> {
    pub date: String,
    pub text: &'a str,
}

impl<'a> TaskView<'a> {
    /// The view of `t` judged at `as_of`.
    pub fn new(t: &'a Task, as_of: Date, links: &Links) -> TaskView<'a> {
        TaskView {
            id: &t.id,
            title: &t.title,
            lead: Link::new(&t.lead, links.unit(&t.lead)),
            partners: t
                .partners
                .iter()
                .map(|p| Link::new(p, links.unit(p)))
                .collect(),
            deadline: t.deadline.map(chinese_date),
            status: t.status.label(),
            status_class: match t.status {
                TaskStatus::NotStarted => "not-started",
                TaskStatus::InProgress => "in-progress",
                TaskStatus::Done => "done",
                TaskStatus::Paused => "paused",
            },
            progress: t.progress,
            overdue: t.is_overdue(as_of),
            days_overdue: figures::days_overdue(t, as_of),
            updates: t
                .updates
                .iter()
                .map(|u| UpdateView {
                    date: chinese_date(u.date),
                    text: &u.text,
                })
                .collect(),
            role: None,
            supervision: t.supervision.as_ref().map(|s| SupervisionView {
                by: &s.by,
                date: chinese_date(s.date),
                due: s.due.map(chinese_date),
                note: s.note.as_deref(),
                past_due: t.is_past_supervision_due(as_of),
            }),
        }
    }
}

/// A phase on the timeline, with its geometry in the SVG (a 0..1000 wide canvas).
#[derive(Debug, Serialize)]
pub struct PhaseView<'a> {
    pub name: &'a str,
    pub from: Option<String>,
    pub to: Option<String>,
    pub description: Option<&'a str>,
    pub x: i64,
    pub width: i64,
    pub y: i64,
    /// The phase contains `as_of`.
    pub current: bool,
}

/// A plan summary (lists, home page).
#[derive(Debug, Serialize)]
pub struct PlanSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub doc_number: Option<&'a str>,
    pub issuer: &'a str,
    pub date: String,
    pub figures: TaskFiguresView,
}

impl<'a> PlanSummary<'a> {
    /// The summary of `p`.
    pub fn new(p: &'a Plan, as_of: Date, links: &Links) -> Self {
        PlanSummary {
            title: &p.title,
            url: links.plan(&p.slug),
            doc_number: p.doc_number.as_deref(),
            issuer: &p.issuer,
            date: chinese_date(p.date),
            figures: TaskFiguresView::new(&p.tasks, as_of),
        }
    }
}

/// A plan page (`plan`).
#[derive(Debug, Serialize)]
pub struct PlanView<'a> {
    pub title: &'a str,
    /// The plan page.
    pub url: String,
    /// The page listing only its overdue tasks, most days first.
    pub overdue_url: String,
    pub doc_number: Option<&'a str>,
    pub issuer: &'a str,
    pub date: String,
    pub phases: Vec<PhaseView<'a>>,
    /// Height of the timeline SVG.
    pub timeline_height: i64,
    /// x of the `as_of` marker, when within the phases.
    pub as_of_x: Option<i64>,
    pub tasks: Vec<TaskView<'a>>,
    pub figures: TaskFiguresView,
    pub body_html: String,
    pub docx_url: String,
    pub draft: bool,
    /// Its bulletins, latest first.
    pub bulletins: Vec<Link<'static>>,
}

impl<'a> PlanView<'a> {
    /// The view of `p`.
    pub fn new(p: &'a Plan, config: &SiteConfig, links: &Links) -> Self {
        let as_of = config.as_of;
        let dated: Vec<(Date, Date)> = p
            .phases
            .iter()
            .filter_map(|ph| Some((ph.from.or(ph.to)?, ph.to.or(ph.from)?)))
            .collect();
        let start = dated.iter().map(|d| d.0).min();
        let end = dated.iter().map(|d| d.1).max();
        let scale = |d: Date| -> i64 {
            match (start, end) {
                (Some(s), Some(e)) if e > s => {
                    ((d - s).num_days() * 1000 / (e - s).num_days()).clamp(0, 1000)
                }
                _ => 0,
            }
        };
        let n = p.phases.len().max(1) as i64;
        let phases = p
            .phases
            .iter()
            .enumerate()
            .map(|(i, ph)| {
                let (x, width) = match (ph.from.or(ph.to), ph.to.or(ph.from)) {
                    (Some(f), Some(t)) => {
                        let x = scale(f);
                        (x, (scale(t) - x).max(8))
                    }
                    _ => (i as i64 * 1000 / n, 1000 / n),
                };
                PhaseView {
                    name: &ph.name,
                    from: ph.from.map(chinese_date),
                    to: ph.to.map(chinese_date),
                    description: ph.description.as_deref(),
                    x,
                    width,
                    y: 8 + i as i64 * 40,
                    current: matches!((ph.from, ph.to), (Some(f), Some(t)) if f <= as_of && as_of <= t),
                }
            })
            .collect();
        let as_of_x = match (start, end) {
            (Some(s), Some(e)) if s <= as_of && as_of <= e => Some(scale(as_of)),
            _ => None,
        };
        PlanView {
            title: &p.title,
            url: links.plan(&p.slug),
            overdue_url: links.plan_overdue(&p.slug),
            doc_number: p.doc_number.as_deref(),
            issuer: &p.issuer,
            date: chinese_date(p.date),
            phases,
            timeline_height: 16 + n * 40,
            as_of_x,
            tasks: p
                .tasks
                .iter()
                .map(|t| TaskView::new(t, as_of, links))
                .collect(),
            figures: TaskFiguresView::new(&p.tasks, as_of),
            body_html: to_html(&p.body, config.unsafe_html),
            docx_url: links.route(Route::PlanDocx(&p.slug)),
            draft: p.draft,
            bulletins: figures::bulletin_weeks(p, as_of)
                .iter()
                .enumerate()
                .rev()
                .map(|(i, w)| {
                    Link::new(
                        format!("第{}期 · {}", i + 1, figures::week_label(*w)),
                        links.bulletin(&p.slug, &w.to_string()),
                    )
                })
                .collect(),
        }
    }
}
