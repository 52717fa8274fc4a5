//! The web pages, a module a kind of page: each function builds its context and renders
//! its template, with the views of that page kind beside it (a page kind with several
//! views has a folder: `service/`, `plan/`); this module holds what they share (`Cx`, and
//! through [`super::views`] the views several kinds show) and runs them all.

mod catalogue;
mod centre;
mod changes;
mod figures_page;
mod home;
mod notice;
mod plan;
mod service;
mod site;
mod unit;

use catalogue::{catalogue, completeness_page};
pub use catalogue::{is_listing_page, listing_key};
use centre::centres;
use changes::changes_pages;
use figures_page::figures_page;
use home::home;
use notice::notices;
use plan::plans;
use service::services;
use site::{free_pages, not_found, search_page};
use unit::units;

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
use std::borrow::Cow;
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
    /// Paths of the site's pages, for the sitemap: those handed to the sink and those
    /// left as they are ([`Cx::unchanged`]).
    written: std::sync::Mutex<Vec<String>>,
    /// The first error the sink reported.
    sink_error: std::sync::Mutex<Option<std::io::Error>>,
    /// Render only these items' pages (all when None).
    only_services: Option<&'a std::collections::HashSet<String>>,
    /// Render only the listing pages that list these items (all when None).
    listing_items: Option<&'a std::collections::HashSet<String>>,
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

    /// Records a page of the site that is not rendered again (unchanged since the last
    /// build, which the caller keeps).
    fn unchanged(&self, path: String) {
        if let Ok(mut w) = self.written.lock() {
            w.push(path);
        }
    }

    /// The metadata of the page at `route`, titled `title`, in the section `section`
    /// (its column `column`).
    fn meta<'m>(
        &self,
        column: &'m str,
        section: &'m str,
        title: impl Into<Cow<'m, str>>,
        route: Route,
    ) -> Meta<'m> {
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
            column,
            section,
            title: title.into(),
            canonical: self.site.config.absolute_url(path),
            article: None,
            crumbs,
            description: None,
        }
    }

    /// The article tags of a page: its title, its day (the 统计日期 when it has none) and
    /// its source.
    fn article<'m>(
        &self,
        title: &'m str,
        date: Option<Date>,
        source: &'m str,
    ) -> Option<Article<'m>> {
        Some(Article {
            title,
            pub_date: date.unwrap_or(self.site.config.as_of).to_string(),
            source,
        })
    }

    /// Renders `template` to the file of `route`.
    fn page(&self, template: &str, route: Route, ctx: &Context) -> Result<OutputFile, Diagnostic> {
        let mut html = self.engine.render_bytes(template, ctx)?;
        // The output buffer grows by doubling; thousands of pages are held until they are
        // written, so give back the unused part (a third of the memory otherwise).
        html.shrink_to_fit();
        Ok(OutputFile::new(route.rel_path(), html))
    }
}

fn context(meta: &Meta) -> Context {
    let mut ctx = Context::new();
    ctx.insert("meta", meta);
    ctx
}

/// Renders every HTML page of `site` (of the items, only those in
/// `options.only_services` when given; of the listings, only those `options.listing_items`
/// asks for), handing each to `sink` as soon as it is made; returns the paths of the pages
/// rendered, sorted.
pub fn render_pages(
    site: &Site,
    engine: &Engine,
    links: &Links,
    options: &crate::render::RenderOptions,
    sink: &dyn Sink,
) -> Result<Vec<String>, RenderError> {
    let cx = Cx {
        site,
        engine,
        links,
        only_services: options.only_services,
        listing_items: options.listing_items,
        sink,
        written: std::sync::Mutex::new(Vec::new()),
        sink_error: std::sync::Mutex::new(None),
    };
    type Job<'a> = (&'a str, &'a (dyn Fn(&Cx) -> Rendered + Sync));
    let jobs: Vec<Job> = vec![
        ("home", &home),
        ("item pages", &services),
        ("catalogue and facet listings", &catalogue),
        ("plans", &plans),
        ("units", &units),
        ("notices", &notices),
        ("centres", &centres),
        ("free pages", &free_pages),
        ("figures", &figures_page),
        ("completeness", &completeness_page),
        ("changes", &changes_pages),
        ("search page", &search_page),
        ("not found", &not_found),
    ];
    let diags: Vec<Diagnostic> = jobs
        .par_iter()
        .filter_map(
            |(what, job)| match crate::timing::timed(what, || job(&cx)) {
                Ok(files) => {
                    files.into_iter().for_each(|f| cx.emit(f));
                    None
                }
                Err(d) => Some(d),
            },
        )
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
