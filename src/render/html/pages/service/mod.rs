//! Item pages (`/services/<code>/`) and their printable 一次性告知单 (`/services/<code>/print/`).

mod summary;
mod view;

use super::*;
use view::ServiceView;

/// The centres that list each item, by its code.
pub(super) fn centres_by_service<'a>(
    site: &'a Site,
    links: &Links,
) -> BTreeMap<&'a str, Vec<Link<'a>>> {
    let mut m: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    for c in &site.centres {
        for code in &c.services {
            m.entry(code.as_str())
                .or_default()
                .push(Link::new(&c.name, links.centre(&c.slug)));
        }
    }
    m
}

/// Item pages are the bulk of a site: each goes to the sink as soon as it is rendered.
pub(super) fn services(cx: &Cx) -> Rendered {
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
                    .get(s.code.as_str())
                    .filter(|_| s.in_use())
                    .map_or(&[], Vec::as_slice),
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
pub(super) fn print_page(
    cx: &Cx,
    s: &Service,
    mut view: ServiceView,
) -> Result<OutputFile, Diagnostic> {
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
