//! Service centres: the list and each centre.

use super::*;
use crate::model::{Centre, SiteConfig};
use crate::render::markdown::to_html;

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

/// A centre page (`centre`).
#[derive(Debug, Serialize)]
pub struct CentreView<'a> {
    pub name: &'a str,
    pub url: String,
    pub level: &'a str,
    pub address: &'a str,
    pub hours: &'a str,
    pub phone: Option<&'a str>,
    pub modes: &'a [String],
    pub body_html: String,
    pub services: Vec<Link<'a>>,
    /// `/centers/<slug>/<slug>-forms.docx`, when any of its items has a 一次性告知单.
    pub forms_docx_url: Option<String>,
}

impl<'a> CentreView<'a> {
    /// The view of `c` with the items it handles (those published).
    pub fn new(c: &'a Centre, services: Vec<Link<'a>>, config: &SiteConfig, links: &Links) -> Self {
        CentreView {
            name: &c.name,
            url: links.centre(&c.slug),
            level: &c.level,
            address: &c.address,
            hours: &c.hours,
            phone: c.phone.as_deref(),
            modes: &c.modes,
            body_html: to_html(&c.body, config.unsafe_html),
            services,
            forms_docx_url: None,
        }
    }
}
