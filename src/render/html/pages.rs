//! One function a kind of page: each builds its context and renders its template.

use super::facets::{FacetKind, facets};
use super::views::*;
use super::{Engine, Links};
use crate::diag::Diagnostic;
use crate::figures;
use crate::model::{Date, Service, Site};
use crate::render::charts;
use crate::render::{OutputFile, RenderError, Sink};
use crate::route::Route;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

type Rendered = Result<Vec<OutputFile>, Diagnostic>;

/// Everything a page function needs.
struct Cx<'a> {
    site: &'a Site,
    engine: &'a Engine,
    links: &'a Links,
    /// Where finished pages go.
    sink: &'a dyn Sink,
    /// Paths of the pages handed to the sink, for the sitemap.
    written: std::sync::Mutex<Vec<String>>,
    /// The first error the sink reported.
    sink_error: std::sync::Mutex<Option<std::io::Error>>,
    /// Render only these items' pages (all when None).
    only_services: Option<&'a std::collections::HashSet<String>>,
}

impl Cx<'_> {
    /// Hands a finished page to the sink and records its path.
    fn emit(&self, file: OutputFile) {
        let path = file.path.clone();
        match self.sink.put(file) {
            Ok(()) => {
                if let Ok(mut w) = self.written.lock() {
                    w.push(path);
                }
            }
            Err(e) => {
                if let Ok(mut slot) = self.sink_error.lock() {
                    slot.get_or_insert(e);
                }
            }
        }
    }

    fn meta(&self, column: &str, section: &str, title: &str, route: Route) -> Meta {
        let path = route.url_path();
        let path = path.as_str();
        let mut crumbs = vec![Link::new("首页", self.links.path(""))];
        if !section.is_empty() && section != "home" {
            let section_path = format!("{section}/");
            if path != section_path {
                crumbs.push(Link::new(column, self.links.path(&section_path)));
            }
        }
        Meta {
            column: column.to_string(),
            section: section.to_string(),
            title: title.to_string(),
            canonical: self.site.config.absolute_url(path),
            article: None,
            crumbs,
            description: None,
        }
    }

    fn article(&self, title: &str, date: Option<Date>, source: &str) -> Option<Article> {
        Some(Article {
            title: title.to_string(),
            pub_date: date.unwrap_or(self.site.config.as_of).to_string(),
            source: source.to_string(),
        })
    }

    /// Renders `template` to the file of `route`.
    fn page(&self, template: &str, route: Route, ctx: &Context) -> Result<OutputFile, Diagnostic> {
        let mut html = self.engine.render(template, ctx)?;
        // Tera grows its output buffer by doubling; thousands of pages are held until they
        // are written, so give back the unused part (a third of the memory otherwise).
        html.shrink_to_fit();
        Ok(OutputFile::new(route.rel_path(), html))
    }
}

fn context(meta: &Meta) -> Context {
    let mut ctx = Context::new();
    ctx.insert("meta", meta);
    ctx
}

/// Renders every HTML page of `site` (of the items, only those in `only_services` when
/// given), handing each to `sink` as soon as it is made; returns the paths of the pages
/// rendered, sorted.
pub fn render_pages(
    site: &Site,
    engine: &Engine,
    links: &Links,
    only_services: Option<&std::collections::HashSet<String>>,
    sink: &dyn Sink,
) -> Result<Vec<String>, RenderError> {
    let cx = Cx {
        site,
        engine,
        links,
        only_services,
        sink,
        written: std::sync::Mutex::new(Vec::new()),
        sink_error: std::sync::Mutex::new(None),
    };
    let jobs: Vec<&(dyn Fn(&Cx) -> Rendered + Sync)> = vec![
        &home,
        &services,
        &catalogue,
        &plans,
        &units,
        &notices,
        &centres,
        &free_pages,
        &figures_page,
        &completeness_page,
        &changes_pages,
        &search_page,
        &not_found,
    ];
    let diags: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(|job| match job(&cx) {
            Ok(files) => {
                files.into_iter().for_each(|f| cx.emit(f));
                None
            }
            Err(d) => Some(d),
        })
        .collect();
    if !diags.is_empty() {
        return Err(RenderError::Template(diags));
    }
    if let Some(e) = cx.sink_error.into_inner().ok().flatten() {
        return Err(RenderError::Sink(e));
    }
    let mut paths = cx.written.into_inner().unwrap_or_default();
    paths.sort();
    Ok(paths)
}

fn collect(results: Vec<Result<OutputFile, Diagnostic>>) -> Rendered {
    results.into_iter().collect()
}

fn home(cx: &Cx) -> Rendered {
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

fn centres_by_service(site: &Site, links: &Links) -> BTreeMap<String, Vec<Link>> {
    let mut m: BTreeMap<String, Vec<Link>> = BTreeMap::new();
    for c in &site.centres {
        for code in &c.services {
            m.entry(code.clone())
                .or_default()
                .push(Link::new(&c.name, links.centre(&c.slug)));
        }
    }
    m
}

/// Item pages are the bulk of a site: each goes to the sink as soon as it is rendered.
fn services(cx: &Cx) -> Rendered {
    let by_service = centres_by_service(cx.site, cx.links);
    let wanted = |s: &&Service| cx.only_services.is_none_or(|only| only.contains(&s.code));
    cx.site
        .services
        .par_iter()
        .filter(wanted)
        .try_for_each(|s| {
            let route = Route::Service(&s.code);
            let view = ServiceView::new(
                s,
                &cx.site.config,
                cx.links,
                // A suspended or cancelled item is handled nowhere.
                by_service
                    .get(&s.code)
                    .filter(|_| s.in_use())
                    .cloned()
                    .unwrap_or_default(),
            );
            let mut meta = cx.meta("服务事项", "services", &s.name, route);
            meta.article = cx.article(&s.name, s.updated, &s.department);
            meta.description = Some(format!(
                "{}（{}）办事指南：{}",
                s.name, s.code, s.department
            ));
            let mut ctx = context(&meta);
            ctx.insert("service", &view);
            cx.emit(cx.page("service.html", route, &ctx)?);
            if view.print_url.is_some() {
                cx.emit(print_page(cx, s, view)?);
            }
            Ok(())
        })?;
    Ok(Vec::new())
}

/// `/services/<code>/print/`: the item's 一次性告知单 as a printable page, with the QR code
/// to the item's page.
fn print_page(cx: &Cx, s: &Service, mut view: ServiceView) -> Result<OutputFile, Diagnostic> {
    let route = Route::ServicePrint(&s.code);
    let address = cx
        .site
        .config
        .absolute_url(&Route::Service(&s.code).url_path());
    let title = format!("{}一次性告知单", s.name);
    view.qr_svg = crate::render::qr::svg(&address, &format!("二维码：{address}"));
    let mut meta = cx.meta("服务事项", "services", &title, route);
    meta.crumbs
        .push(Link::new(&s.name, cx.links.service(&s.code)));
    meta.description = Some(format!("{}（{}）一次性告知单，可打印", s.name, s.code));
    let mut ctx = context(&meta);
    ctx.insert("service", &view);
    ctx.insert("item_address", &address);
    cx.page("service-print.html", route, &ctx)
}

/// Items on one page of the catalogue or of a facet listing.
pub const PAGE_SIZE: usize = 50;

fn row(s: &Service, links: &Links) -> ServiceRow {
    ServiceRow {
        code: s.code.clone(),
        name: s.name.clone(),
        url: links.service(&s.code),
        department: s.department.clone(),
        kind: s.kind.label().to_string(),
        promised: s.time_limit.as_ref().map(|l| l.promised.to_string()),
        incomplete: s.is_incomplete(),
        attributes: s.attributes.clone(),
    }
}

/// The numbered pager of page `n` of `pages` of a listing whose page `k` is at
/// `route(k)`: the first and last pages, two either side of the current one, and gaps
/// between.
fn pager<'a>(
    links: &Links,
    route: impl Fn(usize) -> Route<'a>,
    n: usize,
    pages: usize,
) -> PagerView {
    let url = |k: usize| links.route(route(k));
    let mut items = Vec::new();
    let mut last = 0;
    for k in 1..=pages {
        if k == 1 || k == pages || k.abs_diff(n) <= 2 {
            if last != 0 && k > last + 1 {
                items.push(PagerItem {
                    number: None,
                    url: String::new(),
                    current: false,
                });
            }
            items.push(PagerItem {
                number: Some(k),
                url: url(k),
                current: k == n,
            });
            last = k;
        }
    }
    PagerView {
        page: n,
        pages,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < pages).then(|| url(n + 1)),
        items,
    }
}

/// A suspended or cancelled item, listed below the catalogue.
#[derive(Serialize)]
struct RetiredView {
    link: Link,
    code: String,
    status: String,
    date: Option<String>,
}

/// The catalogue and one listing per facet value (the filters without JavaScript), each in
/// pages of [`PAGE_SIZE`] items. Items citizens apply for come first, enforcement items
/// (处罚, 强制, 检查) last, each group in the site's order.
fn catalogue(cx: &Cx) -> Rendered {
    let mut items: Vec<&Service> = cx.site.services.iter().filter(|s| s.in_use()).collect();
    items.sort_by_key(|s| s.kind.is_enforcement());
    let fx = facets(cx.site, &items, cx.links, &FacetKind::ALL);
    let facet_views: Vec<&Facet> = fx.iter().map(|f| &f.facet).collect();
    // Each item's row is rendered once and reused on the catalogue and every listing it
    // appears on. Suspended and cancelled items are listed apart, on the first page.
    let html: Vec<String> = items
        .par_iter()
        .map(|s| {
            let mut ctx = Context::new();
            ctx.insert("s", &row(s, cx.links));
            cx.engine
                .render("partials/catalogue-row.html", &ctx)
                .map(|h| h.trim().to_string())
        })
        .collect::<Result<_, _>>()?;
    let total = items.len();
    let retired: Vec<RetiredView> = cx
        .site
        .services
        .iter()
        .filter(|s| !s.in_use())
        .map(|s| RetiredView {
            link: Link::new(&s.name, cx.links.service(&s.code)),
            code: s.code.clone(),
            status: s.status.label().to_string(),
            date: s.cancelled.or(s.effective).map(crate::model::chinese_date),
        })
        .collect();
    #[derive(Serialize)]
    struct Current<'a> {
        facet: &'a str,
        label: &'a str,
        url: &'a str,
    }
    // (title, (facet, value) or None for the whole catalogue)
    type Listing = (String, Option<(usize, usize)>);
    let mut listings: Vec<Listing> = vec![("服务事项目录".into(), None)];
    for (fi, f) in fx.iter().enumerate() {
        for (vi, v) in f.facet.values.iter().enumerate() {
            listings.push((format!("{}：{}", f.facet.label, v.label), Some((fi, vi))));
        }
    }
    // Page `n` of a listing.
    let route = |which: Option<(usize, usize)>, n: usize| match which {
        None => Route::Catalogue(n),
        Some((fi, vi)) => Route::Facet {
            facet: &fx[fi].facet.key,
            value: &fx[fi].facet.values[vi].slug,
            page: n,
        },
    };
    let all: Vec<usize> = (0..total).collect();
    // (listing, page number)
    let jobs: Vec<(&Listing, usize)> = listings
        .iter()
        .flat_map(|l| {
            let count = match l.1 {
                None => total,
                Some((fi, vi)) => fx[fi].members[vi].len(),
            };
            let pages = count.div_ceil(PAGE_SIZE).max(1);
            (1..=pages).map(move |n| (l, n))
        })
        .collect();
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .par_iter()
        .map(|((title, which), n)| {
            let n = *n;
            let members: &[usize] = match which {
                None => &all,
                Some((fi, vi)) => &fx[*fi].members[*vi],
            };
            let pages = members.len().div_ceil(PAGE_SIZE).max(1);
            let rows: Vec<&String> = members
                .iter()
                .skip((n - 1) * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|&i| &html[i])
                .collect();
            let page_title = if n > 1 {
                format!("{title}（第 {n} 页）")
            } else {
                title.clone()
            };
            let base_url = cx.links.route(route(*which, 1));
            let current = which.map(|(fi, vi)| Current {
                facet: &fx[fi].facet.label,
                label: &fx[fi].facet.values[vi].label,
                url: &base_url,
            });
            let mut meta = cx.meta("服务事项", "services", &page_title, route(*which, n));
            if current.is_some() {
                meta.crumbs
                    .push(Link::new("服务事项", cx.links.route(Route::Catalogue(1))));
            }
            let mut ctx = context(&meta);
            ctx.insert("facets", &facet_views);
            ctx.insert("services", &rows);
            ctx.insert("count", &members.len());
            ctx.insert("first", &((n - 1) * PAGE_SIZE + 1));
            ctx.insert("last", &((n - 1) * PAGE_SIZE + rows.len()));
            ctx.insert("pager", &pager(cx.links, |k| route(*which, k), n, pages));
            ctx.insert("total", &total);
            ctx.insert("current", &current);
            ctx.insert(
                "retired",
                if which.is_none() && n == 1 {
                    &retired[..]
                } else {
                    &[]
                },
            );
            ctx.insert("completeness_url", &cx.links.route(Route::Completeness));
            cx.page("services.html", route(*which, n), &ctx)
        })
        .collect();
    collect(results)
}

fn plans(cx: &Cx) -> Rendered {
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
            let mut meta = cx.meta(
                "改革方案",
                "plans",
                &format!("{}：逾期任务", p.title),
                route,
            );
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
    let reports: Vec<Result<OutputFile, Diagnostic>> = cx
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
    out.extend(collect(reports)?);
    Ok(out)
}

/// A unit's tasks in one plan.
#[derive(Serialize)]
struct UnitPlan {
    plan: Link,
    tasks: Vec<TaskView>,
    /// The unit's row in the plan's latest bulletin, when it leads a task of the plan.
    bulletin: Option<Link>,
}

#[derive(Serialize)]
struct UnitSummary {
    name: String,
    url: String,
    lead: usize,
    partner: usize,
    overdue: usize,
}

fn units(cx: &Cx) -> Rendered {
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
                    v.role = Some(role.to_string());
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
            let mut meta = cx.meta("责任清单", "units", &format!("{name}责任清单"), route);
            meta.crumbs
                .insert(1, Link::new("改革方案", cx.links.route(Route::Plans)));
            let mut ctx = context(&meta);
            ctx.insert("unit", &Link::new(name, cx.links.unit(name)));
            ctx.insert("plans", &groups);
            ctx.insert("figures", &figures);
            let summary = UnitSummary {
                name: name.to_string(),
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

fn notices(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let list: Vec<NoticeSummary> = cx
        .site
        .notices
        .iter()
        .map(|n| NoticeSummary::new(n, c.as_of, cx.links))
        .collect();
    let meta = cx.meta("公示公告", "notices", "公示公告", Route::Notices);
    let mut ctx = context(&meta);
    ctx.insert("notices", &list);
    ctx.insert("feed_url", &cx.links.route(Route::NoticesFeed));
    let mut out = vec![cx.page("notices.html", Route::Notices, &ctx)?];
    let pages: Vec<Result<OutputFile, Diagnostic>> = cx
        .site
        .notices
        .par_iter()
        .map(|n| {
            let route = Route::Notice(&n.slug);
            let mut meta = cx.meta("公示公告", "notices", &n.title, route);
            meta.article = cx.article(&n.title, Some(n.date), &n.issuer);
            let mut ctx = context(&meta);
            ctx.insert("notice", &NoticeView::new(n, c, cx.links));
            cx.page("notice.html", route, &ctx)
        })
        .collect();
    out.extend(collect(pages)?);
    Ok(out)
}

fn centres(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let views: Vec<CentreView> = cx
        .site
        .centres
        .iter()
        .map(|centre| {
            let services = centre
                .services
                .iter()
                .filter_map(|code| cx.site.service(code))
                .filter(|s| s.in_use())
                .map(|s| Link::new(&s.name, cx.links.service(&s.code)))
                .collect();
            let mut view = CentreView::new(centre, services, c, cx.links);
            // The window's binder of 一次性告知单 (v2 §4), when any item has a form.
            let has_forms = centre
                .services
                .iter()
                .filter_map(|code| cx.site.service(code))
                .any(|s| s.has_form());
            view.forms_docx_url =
                has_forms.then(|| cx.links.route(Route::CentreBinder(&centre.slug)));
            view
        })
        .collect();
    let meta = cx.meta("服务中心", "centers", "便民服务中心", Route::Centres);
    let mut ctx = context(&meta);
    ctx.insert("centres", &views);
    let mut out = vec![cx.page("centers.html", Route::Centres, &ctx)?];
    for (centre, view) in cx.site.centres.iter().zip(&views) {
        let route = Route::Centre(&centre.slug);
        let meta = cx.meta("服务中心", "centers", &centre.name, route);
        let mut ctx = context(&meta);
        ctx.insert("centre", view);
        out.push(cx.page("center.html", route, &ctx)?);
    }
    Ok(out)
}

fn free_pages(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let mut out = Vec::new();
    for p in &cx.site.pages {
        let route = Route::Page(&p.slug);
        let meta = cx.meta("网站信息", "pages", &p.title, route);
        let mut ctx = context(&meta);
        #[derive(Serialize)]
        struct PageView<'a> {
            title: &'a str,
            body_html: String,
            draft: bool,
        }
        ctx.insert(
            "page",
            &PageView {
                title: &p.title,
                body_html: crate::render::markdown::to_html(&p.body, c.unsafe_html),
                draft: p.draft,
            },
        );
        out.push(cx.page("page.html", route, &ctx)?);
    }
    Ok(out)
}

fn not_found(cx: &Cx) -> Rendered {
    let mut meta = cx.meta("页面未找到", "", "页面未找到", Route::NotFound);
    meta.crumbs.clear();
    let mut ctx = context(&meta);
    ctx.insert("search_url", &cx.links.route(Route::Catalogue(1)));
    Ok(vec![cx.page("404.html", Route::NotFound, &ctx)?])
}

fn search_page(cx: &Cx) -> Rendered {
    let meta = cx.meta("站内搜索", "search", "站内搜索", Route::Search);
    let mut ctx = context(&meta);
    ctx.insert("catalogue_url", &cx.links.route(Route::Catalogue(1)));
    Ok(vec![cx.page("search.html", Route::Search, &ctx)?])
}

fn chart(id: &str, title: &str, note: &str, svg_html: String, table_html: String) -> ChartView {
    ChartView {
        id: id.to_string(),
        title: title.to_string(),
        note: note.to_string(),
        svg_html,
        table_html,
    }
}

/// Counts as bars with a two-column table beside them.
fn count_chart(
    id: &str,
    title: &str,
    note: &str,
    header: &str,
    counts: &[figures::Count],
) -> ChartView {
    chart(
        id,
        title,
        note,
        charts::bar_chart(&format!("chart-{id}"), title, counts),
        charts::chart_table(title, header, "数量（项）", counts),
    )
}

fn figures_page(cx: &Cx) -> Rendered {
    let site = cx.site;
    let c = &site.config;
    let f = figures::service_figures(&site.services, &c.levels, &c.attributes);
    let tasks = || site.plans.iter().flat_map(|p| &p.tasks);
    let t = figures::task_figures(tasks(), c.as_of);
    let overdue = figures::overdue_by_lead(tasks(), c.as_of);
    let mut shares: Vec<figures::Share> =
        c.attributes.iter().map(|a| f.attribute_share(a)).collect();
    shares.push(f.zero_visits.clone());
    shares.push(f.free.clone());
    let speedups: Vec<f64> = site.services.iter().filter_map(figures::speedup).collect();
    let shares_title = "办事属性、零跑腿和不收费事项占比";
    let speed_title = "承诺时限提速比例分布";
    let charts = vec![
        count_chart(
            "department",
            "各实施主体事项数",
            "按实施主体统计公开的服务事项。",
            "实施主体",
            &f.by_department,
        ),
        count_chart(
            "type",
            "各类型事项数",
            "按事项类型统计。",
            "事项类型",
            &f.by_type,
        ),
        count_chart(
            "level",
            "各办理层级事项数",
            "一个事项可在多个层级办理，各层级分别计数。",
            "办理层级",
            &f.by_level,
        ),
        chart(
            "attributes",
            shares_title,
            "每个比例只按填报了该项内容的事项计算（办事属性、到现场次数、收费），没有事项填报时写“未填报”；一个事项可有多个属性。零跑腿指到现场次数为0。暂停、取消的事项不计入。",
            charts::share_chart("chart-attributes", shares_title, &shares),
            charts::share_table(shares_title, "类别", &shares),
        ),
        chart(
            "speedup",
            speed_title,
            &format!(
                "提速比例＝1－承诺时限÷法定时限。有法定时限的事项 {} 项，平均提速 {}。",
                f.with_speedup,
                f.mean_speedup
                    .map(figures::percent)
                    .unwrap_or_else(|| "—".into())
            ),
            charts::speedup_histogram("chart-speedup", speed_title, &site.services),
            charts::chart_table(
                speed_title,
                "提速比例",
                "数量（项）",
                &charts::speedup_buckets(&speedups),
            ),
        ),
        count_chart(
            "status",
            "改革任务完成情况",
            &format!(
                "全部改革方案共 {} 项任务，逾期 {} 项，平均进度 {}。{}",
                t.tasks,
                t.overdue,
                if t.tasks == 0 {
                    figures::NOT_REPORTED.to_string()
                } else {
                    format!("{:.1}%", t.mean_progress)
                },
                if t.supervised == 0 {
                    String::new()
                } else {
                    format!(
                        "列入督办 {} 项，其中超过督办限期未完成 {} 项。",
                        t.supervised, t.supervised_overdue
                    )
                }
            ),
            "状态",
            &t.by_status,
        ),
        count_chart(
            "overdue",
            "各牵头单位逾期任务数",
            "完成时限早于统计日期且未完成的任务，按牵头单位统计；没有逾期任务的单位不列出。",
            "牵头单位",
            &overdue,
        ),
    ];
    let headline = HeadlineView::new(&f);
    let meta = cx.meta("数据统计", "figures", "数据统计", Route::Figures);
    let mut ctx = context(&meta);
    ctx.insert("figures", &headline);
    ctx.insert("charts", &charts);
    Ok(vec![cx.page("figures.html", Route::Figures, &ctx)?])
}

/// One row of the completeness page: a department and, per element, `stated / required`.
#[derive(Serialize)]
struct CompletenessRow {
    department: String,
    items: usize,
    incomplete: usize,
    cells: Vec<String>,
    total: bool,
}

/// `/services/completeness/`: 公开完整度 per department.
fn completeness_page(cx: &Cx) -> Rendered {
    let rows: Vec<CompletenessRow> = figures::completeness(&cx.site.services)
        .into_iter()
        .map(|r| CompletenessRow {
            total: r.department == "合计",
            department: r.department,
            items: r.items,
            incomplete: r.incomplete,
            cells: r
                .elements
                .iter()
                .map(|(_, stated, required)| {
                    if *required == 0 {
                        "—".to_string()
                    } else {
                        format!("{stated}/{required}")
                    }
                })
                .collect(),
        })
        .collect();
    let elements: Vec<&str> = crate::model::Element::ALL
        .iter()
        .map(|e| e.label())
        .collect();
    let incomplete: Vec<Link> = cx
        .site
        .services
        .iter()
        .filter(|s| s.in_use() && s.is_incomplete())
        .map(|s| Link::new(&s.name, cx.links.service(&s.code)))
        .collect();
    let mut meta = cx.meta("服务事项", "services", "公开完整度", Route::Completeness);
    meta.crumbs
        .push(Link::new("服务事项", cx.links.route(Route::Catalogue(1))));
    let mut ctx = context(&meta);
    ctx.insert("rows", &rows);
    ctx.insert("elements", &elements);
    ctx.insert("incomplete", &incomplete);
    Ok(vec![cx.page(
        "completeness.html",
        Route::Completeness,
        &ctx,
    )?])
}

/// An item on a page of `/changes/`: its link and, for an adjustment, the record.
#[derive(Serialize)]
struct ChangeItem {
    name: String,
    code: String,
    url: String,
    /// 生效, 暂停, 取消 or 调整.
    kind: &'static str,
    doc_number: Option<String>,
    text: Option<String>,
}

/// One day of `/changes/`.
#[derive(Serialize)]
struct ChangeDay {
    date: String,
    date_iso: String,
    url: String,
    /// `生效 1 项、调整 2 项`: the groups that hold items.
    summary: String,
    effective: Vec<ChangeItem>,
    suspended: Vec<ChangeItem>,
    cancelled: Vec<ChangeItem>,
    adjusted: Vec<ChangeItem>,
    /// Every entry of the day, in the order of the groups.
    all: Vec<ChangeItem>,
}

impl ChangeDay {
    fn new(d: &crate::diff::log::Day, links: &Links) -> ChangeDay {
        let item =
            |s: &Service, kind: &'static str, a: Option<&crate::model::Adjustment>| ChangeItem {
                name: s.name.clone(),
                code: s.code.clone(),
                url: links.service(&s.code),
                kind,
                doc_number: a.and_then(|a| a.doc_number.clone()),
                text: a.map(|a| a.text.clone()),
            };
        let plain = |list: &[&Service], kind: &'static str| -> Vec<ChangeItem> {
            list.iter().map(|s| item(s, kind, None)).collect()
        };
        let adjusted = || -> Vec<ChangeItem> {
            d.adjusted
                .iter()
                .map(|(s, a)| item(s, "调整", Some(a)))
                .collect()
        };
        let summary: Vec<String> = [
            ("生效", d.effective.len()),
            ("暂停", d.suspended.len()),
            ("取消", d.cancelled.len()),
            ("调整", d.adjusted.len()),
        ]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{k} {n} 项"))
        .collect();
        let mut all = plain(&d.effective, "生效");
        all.extend(plain(&d.suspended, "暂停"));
        all.extend(plain(&d.cancelled, "取消"));
        all.extend(adjusted());
        ChangeDay {
            date: crate::model::chinese_date(d.date),
            date_iso: d.date.to_string(),
            url: links.route(Route::ChangesDay(d.date)),
            summary: summary.join("、"),
            effective: plain(&d.effective, "生效"),
            suspended: plain(&d.suspended, "暂停"),
            cancelled: plain(&d.cancelled, "取消"),
            adjusted: adjusted(),
            all,
        }
    }
}

/// `/changes/` (every day the records name, newest first) and `/changes/<date>/`.
fn changes_pages(cx: &Cx) -> Rendered {
    let days: Vec<ChangeDay> = crate::diff::log::days(&cx.site.services)
        .iter()
        .map(|d| ChangeDay::new(d, cx.links))
        .collect();
    let feed_url = cx.links.route(Route::ChangesFeed);
    let mut out = Vec::new();
    for d in crate::diff::log::days(&cx.site.services).iter().zip(&days) {
        let (day, view) = d;
        let route = Route::ChangesDay(day.date);
        let title = format!("{}事项清单调整", view.date);
        let mut meta = cx.meta("事项清单调整", "changes", &title, route);
        meta.description = Some(format!("{}：{}", title, view.summary));
        let mut ctx = context(&meta);
        ctx.insert("day", view);
        ctx.insert("feed_url", &feed_url);
        out.push(cx.page("changes-day.html", route, &ctx)?);
    }
    let meta = cx.meta("事项清单调整", "changes", "事项清单调整", Route::Changes);
    let mut ctx = context(&meta);
    ctx.insert("days", &days);
    ctx.insert("feed_url", &feed_url);
    out.push(cx.page("changes.html", Route::Changes, &ctx)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links {
            base: "/".to_string(),
            units: BTreeMap::new(),
        }
    }

    #[test]
    fn the_pager_shows_ends_and_neighbours_with_gaps() {
        let p = pager(&links(), Route::Catalogue, 100, 200);
        let shown: Vec<Option<usize>> = p.items.iter().map(|i| i.number).collect();
        assert_eq!(
            shown,
            [
                Some(1),
                None,
                Some(98),
                Some(99),
                Some(100),
                Some(101),
                Some(102),
                None,
                Some(200)
            ]
        );
        assert!(p.items.iter().filter(|i| i.current).count() == 1);
        assert!(p.prev.as_deref().unwrap().ends_with("services/page/99/"));
        assert!(p.next.as_deref().unwrap().ends_with("services/page/101/"));

        let first = pager(&links(), Route::Catalogue, 1, 3);
        assert_eq!(first.prev, None);
        assert_eq!(first.items.len(), 3, "no gap between 1, 2 and 3");
        let last = pager(&links(), Route::Catalogue, 3, 3);
        assert_eq!(last.next, None);
        assert!(last.prev.as_deref().unwrap().ends_with("services/page/2/"));
        assert!(
            last.items[0].url.ends_with("services/"),
            "page 1 is the listing"
        );
    }
}
