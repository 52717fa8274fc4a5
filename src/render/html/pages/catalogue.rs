//! The catalogue in pages of [`PAGE_SIZE`], its facet listings, and the completeness page.

use super::*;

/// Items on one page of the catalogue or of a facet listing.
pub const PAGE_SIZE: usize = 50;

pub(super) fn row(s: &Service, links: &Links) -> ServiceRow {
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
pub(super) fn pager<'a>(
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
pub(super) struct RetiredView {
    link: Link,
    code: String,
    status: String,
    date: Option<String>,
}

/// The catalogue and one listing per facet value (the filters without JavaScript), each in
/// pages of [`PAGE_SIZE`] items. Items citizens apply for come first, enforcement items
/// (处罚, 强制, 检查) last, each group in the site's order.
pub(super) fn catalogue(cx: &Cx) -> Rendered {
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

/// One row of the completeness page: a department and, per element, `stated / required`.
#[derive(Serialize)]
pub(super) struct CompletenessRow {
    department: String,
    items: usize,
    incomplete: usize,
    cells: Vec<String>,
    total: bool,
}

/// `/services/completeness/`: 公开完整度 per department.
pub(super) fn completeness_page(cx: &Cx) -> Rendered {
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
