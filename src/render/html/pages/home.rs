//! The home page: headline figures, latest notices and plans, entry points by 服务对象 and 主题分类.

use super::notice::NoticeSummary;
use super::plan::PlanSummary;
use super::*;

pub(super) fn home(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let f = figures::service_figures(&cx.site.services, &c.levels, &c.attributes);
    let headline = HeadlineView::new(&f);
    let notices: Vec<NoticeSummary> = cx
        .site
        .notices
        .iter()
        .take(6)
        .map(|n| NoticeSummary::new(n, c.as_of, cx.links))
        .collect();
    let plans: Vec<PlanSummary> = cx
        .site
        .plans
        .iter()
        .map(|p| PlanSummary::new(p, c.as_of, cx.links))
        .collect();
    let overall = TaskFiguresView::new(cx.site.plans.iter().flat_map(|p| &p.tasks), c.as_of);
    let mut meta = cx.meta("首页", "home", &c.title, Route::Home);
    meta.crumbs.clear();
    let mut ctx = context(&meta);
    ctx.insert("figures", &headline);
    ctx.insert("notices", &notices);
    ctx.insert("plans", &plans);
    ctx.insert("overall", &overall);
    ctx.insert("search_url", &cx.links.route(Route::Search));
    ctx.insert("catalogue_url", &cx.links.route(Route::Catalogue(1)));
    // /changes/ from the home page once a record names a day.
    let has_changes = !crate::diff::log::days(&cx.site.services).is_empty();
    ctx.insert(
        "changes_url",
        &has_changes.then(|| cx.links.route(Route::Changes)),
    );
    // Entry points to the 服务对象 and 主题分类 listings, where items state them.
    let items: Vec<&Service> = cx.site.services.iter().filter(|s| s.in_use()).collect();
    let entry = |kind: FacetKind| {
        facets(cx.site, &items, cx.links, &[kind])
            .into_iter()
            .next()
            .map(|f| f.facet)
    };
    ctx.insert("audience", &entry(FacetKind::Audience));
    ctx.insert("topics", &entry(FacetKind::Topic));
    Ok(vec![cx.page("index.html", Route::Home, &ctx)?])
}
