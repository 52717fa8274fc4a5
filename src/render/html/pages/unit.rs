//! Responsible units (责任清单): each unit's tasks across plans, and the list of units.

use super::plan::{TaskView, bulletin_anchor};
use super::*;

/// A unit's tasks in one plan.
#[derive(Serialize)]
pub(super) struct UnitPlan<'a> {
    plan: Link<'a>,
    tasks: Vec<TaskView<'a>>,
    /// The unit's row in the plan's latest bulletin, when it leads a task of the plan.
    bulletin: Option<Link<'a>>,
}

#[derive(Serialize)]
pub(super) struct UnitSummary<'a> {
    name: &'a str,
    url: String,
    lead: usize,
    partner: usize,
    overdue: usize,
}

pub(super) fn units(cx: &Cx) -> Rendered {
    let as_of = cx.site.config.as_of;
    let units: Vec<(&String, &String)> = cx.links.units().iter().collect();
    let pages: Vec<(UnitSummary, Result<OutputFile, Diagnostic>)> = units
        .par_iter()
        .map(|(name, slug)| {
            let name = name.as_str();
            let mut groups = Vec::new();
            let mut all = Vec::new();
            let (mut lead, mut partner) = (0, 0);
            for p in &cx.site.plans {
                let mut tasks = Vec::new();
                for t in &p.tasks {
                    let role = if t.lead == name {
                        lead += 1;
                        "牵头"
                    } else if t.partners.iter().any(|x| x == name) {
                        partner += 1;
                        "配合"
                    } else {
                        continue;
                    };
                    let mut v = TaskView::new(t, as_of, cx.links);
                    v.role = Some(role);
                    tasks.push(v);
                    all.push(t);
                }
                if !tasks.is_empty() {
                    let leads = p.tasks.iter().any(|t| t.lead == name);
                    let weeks = figures::bulletin_weeks(p, as_of);
                    let bulletin = weeks.last().filter(|_| leads).map(|w| {
                        Link::new(
                            figures::bulletin_title(
                                &cx.site.config.bulletin_title,
                                &p.title,
                                weeks.len(),
                            ),
                            format!(
                                "{}#{}",
                                cx.links.bulletin(&p.slug, &w.to_string()),
                                bulletin_anchor(cx.links, name)
                            ),
                        )
                    });
                    groups.push(UnitPlan {
                        plan: Link::new(&p.title, cx.links.plan(&p.slug)),
                        tasks,
                        bulletin,
                    });
                }
            }
            let figures = TaskFiguresView::new(all.iter().copied(), as_of);
            let route = Route::Unit(slug);
            let mut meta = cx.meta("责任清单", "units", format!("{name}责任清单"), route);
            meta.crumbs
                .insert(1, Link::new("改革方案", cx.links.route(Route::Plans)));
            let mut ctx = context(&meta);
            ctx.insert("unit", &Link::new(name, cx.links.unit(name)));
            ctx.insert("plans", &groups);
            ctx.insert("figures", &figures);
            let summary = UnitSummary {
                name,
                url: cx.links.unit(name),
                lead,
                partner,
                overdue: figures.overdue,
            };
            (summary, cx.page("unit.html", route, &ctx))
        })
        .collect();
    let mut out = Vec::new();
    let mut summaries = Vec::new();
    for (s, page) in pages {
        summaries.push(s);
        out.push(page?);
    }
    let mut meta = cx.meta("责任清单", "units", "责任单位清单", Route::Units);
    meta.crumbs
        .insert(1, Link::new("改革方案", cx.links.route(Route::Plans)));
    let mut ctx = context(&meta);
    ctx.insert("units", &summaries);
    out.push(cx.page("units.html", Route::Units, &ctx)?);
    Ok(out)
}
