//! A plan's weekly progress bulletins (`/plans/<slug>/bulletins/<week>/`) and their views.

use super::super::*;
use super::view::UpdateView;
use crate::model::{Plan, SiteConfig, Task, chinese_date};

/// A task as a bulletin names it.
#[derive(Debug, Serialize)]
pub struct BulletinTask<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub lead: Link<'a>,
    pub deadline: Option<String>,
}

impl<'a> BulletinTask<'a> {
    fn new(t: &'a Task, links: &Links) -> Self {
        BulletinTask {
            id: &t.id,
            title: &t.title,
            lead: Link::new(&t.lead, links.unit(&t.lead)),
            deadline: t.deadline.map(chinese_date),
        }
    }
}

/// A task's updates of the week.
#[derive(Debug, Serialize)]
pub struct BulletinUpdates<'a> {
    pub task: BulletinTask<'a>,
    pub updates: Vec<UpdateView<'a>>,
}

/// An overdue task and its days overdue.
#[derive(Debug, Serialize)]
pub struct BulletinOverdue<'a> {
    pub task: BulletinTask<'a>,
    pub days: i64,
}

/// One lead unit's row, with its rank.
#[derive(Debug, Serialize)]
pub struct BulletinLead<'a> {
    pub rank: usize,
    /// The row's id, `unit-<unit slug>`, which the unit page links to.
    pub anchor: String,
    pub lead: Link<'a>,
    pub figures: TaskFiguresView,
}

/// A supervised task in a bulletin.
#[derive(Debug, Serialize)]
pub struct BulletinSupervised<'a> {
    pub task: BulletinTask<'a>,
    pub by: &'a str,
    pub date: String,
    pub due: Option<String>,
    pub note: Option<&'a str>,
    pub past_due: bool,
    pub days_past_due: i64,
}

/// A weekly progress bulletin page (`bulletin`).
#[derive(Debug, Serialize)]
pub struct BulletinView<'a> {
    pub title: String,
    pub number: usize,
    pub week: String,
    pub week_label: String,
    pub issuer: &'a str,
    pub date: String,
    pub plan: Link<'a>,
    pub docx_url: String,
    pub figures: TaskFiguresView,
    pub updates: Vec<BulletinUpdates<'a>>,
    pub completed: Vec<BulletinTask<'a>>,
    pub overdue: Vec<BulletinOverdue<'a>>,
    pub by_lead: Vec<BulletinLead<'a>>,
    pub supervised: Vec<BulletinSupervised<'a>>,
}

impl<'a> BulletinView<'a> {
    /// The view of bulletin `b` of plan `p`.
    pub fn new(
        p: &'a Plan,
        b: &'a figures::Bulletin<'a>,
        config: &SiteConfig,
        links: &Links,
    ) -> Self {
        let week = b.week.to_string();
        BulletinView {
            title: figures::bulletin_title(&config.bulletin_title, &p.title, b.number),
            number: b.number,
            week_label: figures::week_label(b.week),
            issuer: &p.issuer,
            date: chinese_date(b.date),
            plan: Link::new(&p.title, links.plan(&p.slug)),
            docx_url: links.route(Route::BulletinDocx {
                plan: &p.slug,
                week: &week,
            }),
            week,
            figures: TaskFiguresView::of(&b.figures),
            updates: b
                .updates
                .iter()
                .map(|w| BulletinUpdates {
                    task: BulletinTask::new(w.task, links),
                    updates: w
                        .updates
                        .iter()
                        .map(|u| UpdateView {
                            date: chinese_date(u.date),
                            text: &u.text,
                        })
                        .collect(),
                })
                .collect(),
            completed: b
                .completed
                .iter()
                .map(|t| BulletinTask::new(t, links))
                .collect(),
            overdue: b
                .overdue
                .iter()
                .map(|o| BulletinOverdue {
                    task: BulletinTask::new(o.task, links),
                    days: o.days,
                })
                .collect(),
            by_lead: b
                .by_lead
                .iter()
                .enumerate()
                .map(|(i, r)| BulletinLead {
                    rank: i + 1,
                    anchor: bulletin_anchor(links, &r.lead),
                    lead: Link::new(&r.lead, links.unit(&r.lead)),
                    figures: TaskFiguresView::of(&r.figures),
                })
                .collect(),
            supervised: b
                .supervised
                .iter()
                .filter_map(|s| {
                    let sv = s.task.supervision.as_ref()?;
                    Some(BulletinSupervised {
                        task: BulletinTask::new(s.task, links),
                        by: &sv.by,
                        date: chinese_date(sv.date),
                        due: sv.due.map(chinese_date),
                        note: sv.note.as_deref(),
                        past_due: s.past_due,
                        days_past_due: s.days_past_due,
                    })
                })
                .collect(),
        }
    }
}

/// The id of a lead unit's row in a bulletin: `unit-<unit slug>`.
pub fn bulletin_anchor(links: &Links, unit: &str) -> String {
    format!("unit-{}", links.unit_slug(unit).unwrap_or_default())
}

/// Every plan's weekly bulletin pages.
pub(super) fn bulletin_pages(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let pages: Vec<Result<OutputFile, Diagnostic>> = cx
        .site
        .plans
        .par_iter()
        .flat_map_iter(|p| {
            figures::bulletins(p, c.as_of)
                .into_iter()
                .map(move |b| {
                    let view = BulletinView::new(p, &b, &cx.site.config, cx.links);
                    let week = view.week.clone();
                    let route = Route::Bulletin {
                        plan: &p.slug,
                        week: &week,
                    };
                    let mut meta = cx.meta("改革方案", "plans", &view.title, route);
                    meta.crumbs.push(view.plan.clone());
                    meta.article = cx.article(&view.title, Some(b.date), &p.issuer);
                    let mut ctx = context(&meta);
                    ctx.insert("bulletin", &view);
                    cx.page("bulletin.html", route, &ctx)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    collect(pages)
}
