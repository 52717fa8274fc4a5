//! Notices: the list and each notice.

use super::*;

pub(super) fn notices(cx: &Cx) -> Rendered {
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
