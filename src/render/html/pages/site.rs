//! Pages of the site itself: free pages (`/pages/<slug>/`), the search page and the
//! not-found page.

use super::*;

pub(super) fn free_pages(cx: &Cx) -> Rendered {
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

pub(super) fn not_found(cx: &Cx) -> Rendered {
    let mut meta = cx.meta("页面未找到", "", "页面未找到", Route::NotFound);
    meta.crumbs.clear();
    let mut ctx = context(&meta);
    ctx.insert("search_url", &cx.links.route(Route::Catalogue(1)));
    Ok(vec![cx.page("404.html", Route::NotFound, &ctx)?])
}

pub(super) fn search_page(cx: &Cx) -> Rendered {
    let meta = cx.meta("站内搜索", "search", "站内搜索", Route::Search);
    let mut ctx = context(&meta);
    ctx.insert("catalogue_url", &cx.links.route(Route::Catalogue(1)));
    // The topics to browse instead, where items state them (also when nothing is found).
    let items: Vec<&Service> = cx.site.services.iter().filter(|s| s.in_use()).collect();
    let topics = facets(cx.site, &items, cx.links, &[FacetKind::Topic])
        .into_iter()
        .next()
        .map(|f| f.facet);
    ctx.insert("topics", &topics);
    Ok(vec![cx.page("search.html", Route::Search, &ctx)?])
}
