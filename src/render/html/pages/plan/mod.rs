//! Plans: the list, each plan and its overdue tasks; their weekly bulletins in [`bulletin`].

mod bulletin;
mod view;

use super::*;
pub(super) use bulletin::bulletin_anchor;
use bulletin::bulletin_pages;
use view::PlanView;
pub(super) use view::{PlanSummary, TaskView};

pub(super) fn plans(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let summaries: Vec<PlanSummary> = cx
        .site
        .plans
        .iter()
        .map(|p| PlanSummary::new(p, c.as_of, cx.links))
        .collect();
    let overall = TaskFiguresView::new(cx.site.plans.iter().flat_map(|p| &p.tasks), c.as_of);
    let mut out = Vec::new();
    let meta = cx.meta("改革方案", "plans", "改革实施方案", Route::Plans);
    let mut ctx = context(&meta);
    ctx.insert("plans", &summaries);
    ctx.insert("overall", &overall);
    ctx.insert("units_url", &cx.links.route(Route::Units));
    out.push(cx.page("plans.html", Route::Plans, &ctx)?);
    let pages: Vec<Result<OutputFile, Diagnostic>> = cx
        .site
        .plans
        .par_iter()
        .map(|p| {
            let route = Route::Plan(&p.slug);
            let mut meta = cx.meta("改革方案", "plans", &p.title, route);
            meta.article = cx.article(&p.title, Some(p.date), &p.issuer);
            let mut ctx = context(&meta);
            ctx.insert("plan", &PlanView::new(p, c, cx.links));
            cx.page("plan.html", route, &ctx)
        })
        .collect();
    out.extend(collect(pages)?);
    let overdue: Vec<Result<OutputFile, Diagnostic>> = cx
        .site
        .plans
        .par_iter()
        .map(|p| {
            let route = Route::PlanOverdue(&p.slug);
            let mut meta = cx.meta("改革方案", "plans", format!("{}：逾期任务", p.title), route);
            meta.crumbs
                .push(Link::new(&p.title, cx.links.plan(&p.slug)));
            let tasks: Vec<TaskView> = figures::overdue_tasks(&p.tasks, c.as_of)
                .iter()
                .map(|o| TaskView::new(o.task, c.as_of, cx.links))
                .collect();
            let mut ctx = context(&meta);
            ctx.insert("plan", &PlanView::new(p, c, cx.links));
            ctx.insert("tasks", &tasks);
            cx.page("plan-overdue.html", route, &ctx)
        })
        .collect();
    out.extend(collect(overdue)?);
    out.extend(bulletin_pages(cx)?);
    Ok(out)
}
