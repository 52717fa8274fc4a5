//! The site's addresses: every page and document the build writes has a [`Route`], and
//! its path in the output folder and its web address come from here alone (v1 and v2 URL
//! tables of the content format). Renderers, the sitemap, the drafts filter, the live
//! preview and the build manifest all name outputs through it.

use std::fmt::Write as _;

/// One output of the build, by kind and the slug or code that tells it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route<'a> {
    /// `/`, the home page.
    Home,
    /// `/services/page/<n>/`: page `n` (from 1) of the catalogue; page 1 is `/services/`.
    Catalogue(usize),
    /// `/services/<facet>/<value>/page/<n>/`: page `n` of a facet value's listing.
    Facet {
        /// The facet's key in the address (`department`, `topic`, …).
        facet: &'a str,
        /// The value's slug.
        value: &'a str,
        /// The page, from 1.
        page: usize,
    },
    /// `/services/completeness/`, 公开完整度 per department.
    Completeness,
    /// `/services/<code>/`, an item's page.
    Service(&'a str),
    /// `/services/<code>/print/`, the printable 一次性告知单 page.
    ServicePrint(&'a str),
    /// `/services/<code>/<code>.docx`, the 一次性告知单.
    ServiceDocx(&'a str),
    /// `/plans/`.
    Plans,
    /// `/plans/<slug>/`.
    Plan(&'a str),
    /// `/plans/<slug>/overdue/`, only the plan's overdue tasks.
    PlanOverdue(&'a str),
    /// `/plans/<slug>/<slug>.docx`, the plan as issued.
    PlanDocx(&'a str),
    /// `/plans/<slug>/reports/<YYYY-Www>/`, a weekly bulletin.
    Bulletin {
        /// The plan's slug.
        plan: &'a str,
        /// The ISO week, `2026-W39`.
        week: &'a str,
    },
    /// `/plans/<slug>/reports/<YYYY-Www>/<slug>-<YYYY-Www>.docx`.
    BulletinDocx {
        /// The plan's slug.
        plan: &'a str,
        /// The ISO week, `2026-W39`.
        week: &'a str,
    },
    /// `/units/`, the 责任清单 of every unit.
    Units,
    /// `/units/<slug>/`.
    Unit(&'a str),
    /// `/notices/`.
    Notices,
    /// `/notices/<slug>/`.
    Notice(&'a str),
    /// `/notices/<slug>/<slug>.docx`.
    NoticeDocx(&'a str),
    /// `/notices/atom.xml`, the notices' Atom feed.
    NoticesFeed,
    /// `/changes/`, the catalogue adjustments the items' records state, by day.
    Changes,
    /// `/changes/<YYYY-MM-DD>/`, one day's adjustments.
    ChangesDay(crate::model::Date),
    /// `/changes/feed.xml`, the adjustments' Atom feed.
    ChangesFeed,
    /// `/centers/`.
    Centres,
    /// `/centers/<slug>/`.
    Centre(&'a str),
    /// `/centers/<slug>/<slug>-forms.docx`, every 一次性告知单 of the centre's items.
    CentreBinder(&'a str),
    /// `/pages/<slug>/`, a free page.
    Page(&'a str),
    /// `/figures/`.
    Figures,
    /// `/search/`.
    Search,
    /// `/404.html`.
    NotFound,
    /// `/sitemap.xml`.
    Sitemap,
    /// `/search/index.json`, the search index's manifest.
    SearchManifest,
    /// `/search/p/<k>.json`, shard `k` of the search postings.
    SearchPostings(u64),
    /// `/search/r/<k>.json`, shard `k` of the search records.
    SearchRecords(u64),
    /// `/search/o/<k>.json`, the documents of department `k`.
    SearchDepartment(u64),
    /// `/search/pinyin.json`, the toneless pinyin of common characters.
    SearchPinyin,
    /// `/search/s/<k>.json`, shard `k` of the sounds of indexed names.
    SearchSounds(u64),
    /// `/data/<file>` (services.json, services.csv, services.xlsx, …).
    Data(&'a str),
    /// `/assets/<path>`, a theme asset.
    Asset(&'a str),
    /// `/static/<path>`, an attachment from content/static (the path as written; the
    /// address is percent-encoded).
    Static(&'a str),
}

impl<'a> Route<'a> {
    /// The page of a content entry: an item's, a plan's, a notice's, a centre's, a free
    /// page's.
    pub fn of(entry: crate::model::Entry<'a>) -> Route<'a> {
        use crate::model::Kind;
        match entry.kind {
            Kind::Service => Route::Service(entry.id),
            Kind::Plan => Route::Plan(entry.id),
            Kind::Notice => Route::Notice(entry.id),
            Kind::Centre => Route::Centre(entry.id),
            Kind::Page => Route::Page(entry.id),
        }
    }

    /// The address below the site root, without the base path: `services/A-1/`,
    /// `services/A-1/A-1.docx`, `` (the home page). Percent-encoded where a name needs it.
    pub fn url_path(&self) -> String {
        let mut s = String::new();
        match *self {
            Route::Home => {}
            Route::Catalogue(n) => listing(&mut s, "services/", n),
            Route::Facet { facet, value, page } => {
                listing(&mut s, &format!("services/{facet}/{value}/"), page)
            }
            Route::Completeness => s.push_str("services/completeness/"),
            Route::Service(code) => {
                let _ = write!(s, "services/{code}/");
            }
            Route::ServicePrint(code) => {
                let _ = write!(s, "services/{code}/print/");
            }
            Route::ServiceDocx(code) => {
                let _ = write!(s, "services/{code}/{code}.docx");
            }
            Route::Plans => s.push_str("plans/"),
            Route::Plan(slug) => {
                let _ = write!(s, "plans/{slug}/");
            }
            Route::PlanOverdue(slug) => {
                let _ = write!(s, "plans/{slug}/overdue/");
            }
            Route::PlanDocx(slug) => {
                let _ = write!(s, "plans/{slug}/{slug}.docx");
            }
            Route::Bulletin { plan, week } => {
                let _ = write!(s, "plans/{plan}/reports/{week}/");
            }
            Route::BulletinDocx { plan, week } => {
                let _ = write!(s, "plans/{plan}/reports/{week}/{plan}-{week}.docx");
            }
            Route::Units => s.push_str("units/"),
            Route::Unit(slug) => {
                let _ = write!(s, "units/{slug}/");
            }
            Route::Notices => s.push_str("notices/"),
            Route::Notice(slug) => {
                let _ = write!(s, "notices/{slug}/");
            }
            Route::NoticeDocx(slug) => {
                let _ = write!(s, "notices/{slug}/{slug}.docx");
            }
            Route::NoticesFeed => s.push_str("notices/atom.xml"),
            Route::Changes => s.push_str("changes/"),
            Route::ChangesDay(d) => {
                let _ = write!(s, "changes/{d}/");
            }
            Route::ChangesFeed => s.push_str("changes/feed.xml"),
            Route::Centres => s.push_str("centers/"),
            Route::Centre(slug) => {
                let _ = write!(s, "centers/{slug}/");
            }
            Route::CentreBinder(slug) => {
                let _ = write!(s, "centers/{slug}/{slug}-forms.docx");
            }
            Route::Page(slug) => {
                let _ = write!(s, "pages/{slug}/");
            }
            Route::Figures => s.push_str("figures/"),
            Route::Search => s.push_str("search/"),
            Route::NotFound => s.push_str("404.html"),
            Route::Sitemap => s.push_str("sitemap.xml"),
            Route::SearchManifest => s.push_str("search/index.json"),
            Route::SearchPostings(k) => {
                let _ = write!(s, "search/p/{k}.json");
            }
            Route::SearchRecords(k) => {
                let _ = write!(s, "search/r/{k}.json");
            }
            Route::SearchDepartment(k) => {
                let _ = write!(s, "search/o/{k}.json");
            }
            Route::SearchPinyin => s.push_str("search/pinyin.json"),
            Route::SearchSounds(k) => {
                let _ = write!(s, "search/s/{k}.json");
            }
            Route::Data(file) => {
                let _ = write!(s, "data/{file}");
            }
            Route::Asset(path) => {
                let _ = write!(s, "assets/{path}");
            }
            Route::Static(path) => {
                s.push_str("static/");
                s.push_str(&crate::render::urls::encode_path(path));
            }
        }
        s
    }

    /// The file's path in the output folder, `/`-separated: a page's address with
    /// `index.html` added (`services/A-1/index.html`), a document's address as it is.
    pub fn rel_path(&self) -> String {
        match *self {
            // Attachments keep their names as written, not percent-encoded.
            Route::Static(path) => format!("static/{path}"),
            _ => {
                let mut s = self.url_path();
                if s.is_empty() || s.ends_with('/') {
                    s.push_str("index.html");
                }
                s
            }
        }
    }

    /// The route of a DOCX file at `path` (as [`Route::rel_path`] writes it; a leading `/`
    /// is ignored), or `None` when the path is no document's.
    pub fn parse_docx(path: &str) -> Option<Route<'_>> {
        let path = path.trim_start_matches('/');
        let segments: Vec<&str> = path.split('/').collect();
        let route = match segments.as_slice() {
            ["services", code, _] => Route::ServiceDocx(code),
            ["notices", slug, _] => Route::NoticeDocx(slug),
            ["plans", slug, _] => Route::PlanDocx(slug),
            ["plans", plan, "reports", week, _] => Route::BulletinDocx { plan, week },
            ["centers", slug, _] => Route::CentreBinder(slug),
            _ => return None,
        };
        (route.rel_path() == path).then_some(route)
    }

    /// The code of the item whose page or print page is at `path`
    /// (`services/<code>/index.html`, `services/<code>/print/index.html`), if it is one.
    pub fn item_page_code(path: &str) -> Option<&str> {
        let rest = path.trim_start_matches('/').strip_prefix("services/")?;
        let code = rest.strip_suffix("/index.html")?;
        let code = code.strip_suffix("/print").unwrap_or(code);
        (!code.contains('/') && code != "completeness" && code != "page").then_some(code)
    }
}

/// Page `n` of the listing whose first page is at `base`.
fn listing(s: &mut String, base: &str, n: usize) {
    s.push_str(base);
    if n > 1 {
        let _ = write!(s, "page/{n}/");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_end_in_index_html_and_documents_keep_their_names() {
        assert_eq!(Route::Home.rel_path(), "index.html");
        assert_eq!(Route::Home.url_path(), "");
        assert_eq!(Route::Service("A-1").rel_path(), "services/A-1/index.html");
        assert_eq!(Route::ServicePrint("A-1").url_path(), "services/A-1/print/");
        assert_eq!(
            Route::ServiceDocx("A-1").rel_path(),
            "services/A-1/A-1.docx"
        );
        assert_eq!(Route::Catalogue(1).url_path(), "services/");
        assert_eq!(Route::Catalogue(3).url_path(), "services/page/3/");
        let facet = Route::Facet {
            facet: "topic",
            value: "zhufang",
            page: 7,
        };
        assert_eq!(facet.url_path(), "services/topic/zhufang/page/7/");
        let b = Route::BulletinDocx {
            plan: "p",
            week: "2026-W39",
        };
        assert_eq!(b.rel_path(), "plans/p/reports/2026-W39/p-2026-W39.docx");
        assert_eq!(
            Route::CentreBinder("c").rel_path(),
            "centers/c/c-forms.docx"
        );
        assert_eq!(
            Route::PlanOverdue("p").rel_path(),
            "plans/p/overdue/index.html"
        );
        assert_eq!(Route::NotFound.rel_path(), "404.html");
        let day = crate::model::Date::from_ymd_opt(2026, 3, 31).unwrap();
        assert_eq!(
            Route::ChangesDay(day).rel_path(),
            "changes/2026-03-31/index.html"
        );
        assert_eq!(Route::ChangesFeed.url_path(), "changes/feed.xml");
        assert_eq!(
            Route::Static("forms/a b.docx").url_path(),
            "static/forms/a%20b.docx"
        );
        assert_eq!(
            Route::Static("forms/a b.docx").rel_path(),
            "static/forms/a b.docx"
        );
    }

    #[test]
    fn document_paths_parse_back_to_their_routes() {
        for r in [
            Route::ServiceDocx("A-1"),
            Route::NoticeDocx("n"),
            Route::PlanDocx("p"),
            Route::BulletinDocx {
                plan: "p",
                week: "2026-W01",
            },
            Route::CentreBinder("c"),
        ] {
            let path = r.rel_path();
            assert_eq!(Route::parse_docx(&path), Some(r));
            assert_eq!(Route::parse_docx(&format!("/{path}")), Some(r));
        }
        assert_eq!(Route::parse_docx("services/A-1/B-2.docx"), None);
        assert_eq!(Route::parse_docx("centers/c/c.docx"), None);
        assert_eq!(Route::parse_docx("plans/p/reports/2026-W01/x.docx"), None);
        assert_eq!(Route::parse_docx("static/a.docx"), None);
        assert_eq!(
            Route::item_page_code("services/A-1/index.html"),
            Some("A-1")
        );
        assert_eq!(
            Route::item_page_code("services/A-1/print/index.html"),
            Some("A-1")
        );
        assert_eq!(Route::item_page_code("services/index.html"), None);
        assert_eq!(Route::item_page_code("services/topic/x/index.html"), None);
        assert_eq!(
            Route::item_page_code("services/completeness/index.html"),
            None
        );
    }
}
