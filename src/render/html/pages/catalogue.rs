//! The catalogue in pages of [`PAGE_SIZE`], its facet listings, and the completeness page.

use super::*;

/// Items on one page of the catalogue or of a facet listing.
pub const PAGE_SIZE: usize = 50;

/// A catalogue row (`services[i]` on the catalogue pages).
#[derive(Debug, Serialize)]
pub struct ServiceRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub department: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// 承诺时限, when stated.
    pub promised: Option<String>,
    /// 指南待完善.
    pub incomplete: bool,
    pub attributes: &'a [String],
}

/// The numbered pager of a catalogue listing (`pager` on the catalogue pages).
#[derive(Debug, Serialize)]
pub struct PagerView {
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages the listing has.
    pub pages: usize,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// The numbered links, with gaps (`number` none) where pages are skipped.
    pub items: Vec<PagerItem>,
}

/// One entry of a [`PagerView`]: a page link or a gap.
#[derive(Debug, Serialize)]
pub struct PagerItem {
    /// The page number; none for a gap (…).
    pub number: Option<usize>,
    /// The page's address (empty for a gap).
    pub url: String,
    /// Whether this is the page shown.
    pub current: bool,
}

pub(super) fn row<'a>(s: &'a Service, links: &Links) -> ServiceRow<'a> {
    ServiceRow {
        code: &s.code,
        name: &s.name,
        url: links.service(&s.code),
        department: &s.department,
        kind: s.kind.label(),
        promised: s.time_limit.as_ref().map(|l| l.promised.to_string()),
        incomplete: s.is_incomplete(),
        attributes: &s.attributes,
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
pub(super) struct RetiredView<'a> {
    link: Link<'a>,
    code: &'a str,
    status: &'static str,
    date: Option<String>,
}

/// What the catalogue and facet listing pages show besides the rows of their items: the
/// facets and their values (from every item's values, status and kind), the order of the
/// items, and the suspended and cancelled items listed on the first page. When it is the
/// same for two versions of a site, a listing page differs only if an item on it did
/// ([`crate::render::RenderOptions::listing_items`]).
pub fn listing_key(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    let c = &site.config;
    (&c.topics, &c.levels, &c.attributes, &c.base_path).hash(&mut h);
    for s in &site.services {
        (&s.code, s.in_use(), s.kind.is_enforcement()).hash(&mut h);
        for kind in FacetKind::ALL {
            kind.of(s).hash(&mut h);
        }
        if !s.in_use() {
            (&s.name, s.status.label(), s.cancelled, s.effective).hash(&mut h);
        }
    }
    h.finish()
}

/// Whether the output file at `path` is a page of the catalogue or of a facet listing
/// (`services/index.html`, `services/page/2/index.html`,
/// `services/department/<value>/page/2/index.html`, …).
pub fn is_listing_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let is_facet = |k: &str| FacetKind::ALL.iter().any(|f| f.key() == k);
    let is_number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    match segments.as_slice() {
        ["services", "index.html"] => true,
        ["services", "page", n, "index.html"] => is_number(n),
        ["services", facet, _, "index.html"] => is_facet(facet),
        ["services", facet, _, "page", n, "index.html"] => is_facet(facet) && is_number(n),
        _ => false,
    }
}

/// The catalogue and one listing per facet value (the filters without JavaScript), each in
/// pages of [`PAGE_SIZE`] items. Items citizens apply for come first, enforcement items
/// (处罚, 强制, 检查) last, each group in the site's order.
pub(super) fn catalogue(cx: &Cx) -> Rendered {
    let mut items: Vec<&Service> = cx.site.services.iter().filter(|s| s.in_use()).collect();
    items.sort_by_key(|s| s.kind.is_enforcement());
    let fx = facets(cx.site, &items, cx.links, &FacetKind::ALL);
    let facet_views: Vec<&Facet> = fx.iter().map(|f| &f.facet).collect();
    let total = items.len();
    // The pages asked for: with `listing_items`, those listing one of them.
    let listed: Vec<bool> = match cx.listing_items {
        Some(only) => items.iter().map(|s| only.contains(&s.code)).collect(),
        None => vec![true; total],
    };
    let wanted_page = |members: &[usize], n: usize| {
        members
            .iter()
            .skip((n - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .any(|&i| listed[i])
            || (cx.listing_items.is_none() && members.is_empty())
    };
    let all: Vec<usize> = (0..total).collect();
    let mut needed = vec![cx.listing_items.is_none(); total];
    if cx.listing_items.is_some() {
        let lists = std::iter::once(&all).chain(fx.iter().flat_map(|f| &f.members));
        for members in lists {
            for page in members.chunks(PAGE_SIZE) {
                if page.iter().any(|&i| listed[i]) {
                    page.iter().for_each(|&i| needed[i] = true);
                }
            }
        }
    }
    // Each item's row is rendered once and reused on the catalogue and every listing it
    // appears on. Suspended and cancelled items are listed apart, on the first page.
    let html: Vec<String> = items
        .par_iter()
        .zip(&needed)
        .map(|(s, &needed)| {
            if !needed {
                return Ok(String::new());
            }
            let mut ctx = Context::new();
            ctx.insert("s", &row(s, cx.links));
            cx.engine
                .render("partials/catalogue-row.html", &ctx)
                .map(|h| h.trim().to_string())
        })
        .collect::<Result<_, _>>()?;
    let retired: Vec<RetiredView> = cx
        .site
        .services
        .iter()
        .filter(|s| !s.in_use())
        .map(|s| RetiredView {
            link: Link::new(&s.name, cx.links.service(&s.code)),
            code: &s.code,
            status: s.status.label(),
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
    // (listing, page number)
    let jobs: Vec<(&Listing, usize)> = listings
        .iter()
        .flat_map(|l| {
            let members: &[usize] = match l.1 {
                None => &all,
                Some((fi, vi)) => &fx[fi].members[vi],
            };
            let pages = members.len().div_ceil(PAGE_SIZE).max(1);
            (1..=pages)
                .filter(move |&n| wanted_page(members, n))
                .map(move |n| (l, n))
        })
        .collect();
    // The pages left as they are still belong to the site (the sitemap lists them).
    if cx.listing_items.is_some() {
        for l in &listings {
            let members: &[usize] = match l.1 {
                None => &all,
                Some((fi, vi)) => &fx[fi].members[vi],
            };
            let pages = members.len().div_ceil(PAGE_SIZE).max(1);
            for n in (1..=pages).filter(|&n| !wanted_page(members, n)) {
                cx.unchanged(route(l.1, n).rel_path());
            }
        }
    }
    // Each page goes to the sink as soon as it is made (15,000 pages at 100,000 items).
    jobs.par_iter().try_for_each(|((title, which), n)| {
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
        cx.emit(cx.page("services.html", route(*which, n), &ctx)?);
        Ok(())
    })?;
    Ok(Vec::new())
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
