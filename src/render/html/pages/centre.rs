//! Service centres: the list and each centre.

use super::*;

pub(super) fn centres(cx: &Cx) -> Rendered {
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
