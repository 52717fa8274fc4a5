//! Stage 3: render the validated site into output files (HTML, DOCX, data), in memory.
//!
//! Renderers are pure: they take models (and the theme already loaded) and return bytes;
//! they never read files.

pub mod data;
pub mod escape;
pub mod feeds;
pub mod html;
pub mod markdown;
pub mod qr;
pub mod urls;

pub mod charts;
pub mod docx;
pub mod jsonld;
pub mod search;

use crate::diag::Diagnostic;
use crate::load::Theme;
use crate::model::Site;
use crate::route::Route;
use crate::timing::timed;
use rayon::prelude::*;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated (e.g. `services/X/index.html`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file at `path` holding `bytes`.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Compiles the theme's templates for `site`, with the site view as a global.
pub fn engine(site: &Site, theme: &Theme) -> Result<html::Engine, Vec<Diagnostic>> {
    let links = html::Links::new(site);
    let mut globals = tera::Context::new();
    globals.insert(
        "site",
        &html::views::SiteView::new(&site.config, &site.pages, &links),
    );
    html::Engine::new(theme, globals)
}

/// What to render besides the web pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions<'a> {
    /// The printable DOCX documents. The live preview leaves them out and renders each one
    /// when it is asked for ([`docx::render_one`]).
    pub documents: bool,
    /// Render the pages (and DOCX) of these items only (by code) — every other page is
    /// still rendered, since lists, figures and centres summarize items. The live preview uses it after a
    /// save that changed only service files; the sitemap still lists every item.
    pub only_services: Option<&'a std::collections::HashSet<String>>,
    /// The search index, open data, the feed and the sitemap ([`summary_files`]). The live
    /// preview renders them when they are first asked for after a change.
    pub summaries: bool,
    /// Leave out the DOCX binders of these centres (by slug): an incremental build keeps
    /// the previous ones.
    pub skip_binders: Option<&'a std::collections::HashSet<String>>,
    /// Of the catalogue and its facet listings, render only the pages that list one of
    /// these items (by code). The caller knows that no other listing page changed: the
    /// live preview, when [`html::listing_key`] is the same as before the save.
    pub listing_items: Option<&'a std::collections::HashSet<String>>,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        RenderOptions {
            documents: true,
            only_services: None,
            summaries: true,
            skip_binders: None,
            listing_items: None,
        }
    }
}

/// Renders every output file of `site` with `theme`, sorted by path.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_site_with(site, theme, RenderOptions::default())
}

/// Writes the bytes of one file to the writer it is given.
pub type Contents<'a> = &'a (dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Sync);

/// Receives rendered files as they are made, from many threads at once.
pub trait Sink: Sync {
    /// Takes one file; an error stops the rendering.
    fn put(&self, file: OutputFile) -> std::io::Result<()>;

    /// Takes the file at `path` whose bytes `contents` writes, for a file too large to
    /// hold (`/data/services.json`). By default they are gathered and [`Sink::put`].
    fn put_streamed(&self, path: String, contents: Contents<'_>) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        contents(&mut bytes)?;
        self.put(OutputFile { path, bytes })
    }
}

impl Sink for std::sync::Mutex<Vec<OutputFile>> {
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        self.lock()
            .map_err(|_| std::io::Error::other("a rendering thread failed"))?
            .push(file);
        Ok(())
    }
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed; the diagnostics say where.
    Template(Vec<Diagnostic>),
    /// The sink refused a file (e.g. the disk is full).
    Sink(std::io::Error),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template(d) => write!(
                f,
                "{}",
                crate::tr!("模板有 {} 个错误", "{} template error(s)", d.len())
            ),
            RenderError::Sink(e) => write!(
                f,
                "{}",
                crate::tr!("无法写入输出：{}", "cannot write the output: {}", e)
            ),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RenderError::Sink(e) => Some(e),
            RenderError::Template(_) => None,
        }
    }
}

/// Renders the output files of `site` with `theme` as `options` say, sorted by path.
pub fn render_site_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions<'_>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let sink = std::sync::Mutex::new(Vec::new());
    match render_into(site, theme, options, &sink) {
        Ok(()) => {}
        Err(RenderError::Template(d)) => return Err(d),
        Err(RenderError::Sink(e)) => {
            return Err(vec![Diagnostic::error(
                "",
                format!("rendering failed: {e}"),
            )]);
        }
    }
    let mut files = sink.into_inner().unwrap_or_default();
    files.par_sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Renders every output file of `site` with `theme` as `options` say, handing each to
/// `sink` as soon as it is made. The web pages are rendered first: a template error stops
/// everything before a single document is made.
pub fn render_into(
    site: &Site,
    theme: &Theme,
    options: RenderOptions<'_>,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    render_into_with(site, theme, options, None, sink)
}

/// The search index and the workbook of a site: of the summaries, the two that take long
/// (about a second each at 10,000 items) and depend on the site alone, so that a caller
/// can make them ahead, while it does other work ([`render_into_with`]).
#[derive(Debug, Default)]
pub struct Summaries {
    index: Vec<OutputFile>,
    /// The workbook, or why it could not be made; `None` when not made.
    xlsx: Option<Result<Vec<u8>, String>>,
}

/// Gives the [`Summaries`] made ahead (e.g. waits for the thread making them).
pub type Ahead<'a> = Box<dyn FnOnce() -> Summaries + Send + 'a>;

/// Makes the [`Summaries`] of `site`.
pub fn summaries(site: &Site) -> Summaries {
    let (index, xlsx) = rayon::join(
        || timed("search index", || search::search_files(site)),
        || timed("services.xlsx", || data::services_xlsx(site)),
    );
    Summaries {
        index,
        xlsx: Some(xlsx),
    }
}

/// [`render_into`], with the [`Summaries`] of `site` from `ahead` when it is given (and
/// `options.summaries` asks for them; asked for while the pages render); else they are
/// made while the pages render.
pub fn render_into_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions<'_>,
    ahead: Option<Ahead<'_>>,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let engine = timed("template engine", || engine(site, theme)).map_err(RenderError::Template)?;
    let links = timed("links", || html::Links::new(site));
    // Summaries made ahead are waited for after the pages, outside the pages' join: a
    // thread of the pool blocked on them could starve the pool they use themselves.
    let (paths, Summaries { index, xlsx }) = match ahead {
        _ if !options.summaries => (
            html::render_pages(site, &engine, &links, &options, sink),
            Summaries::default(),
        ),
        Some(made) => {
            let paths = html::render_pages(site, &engine, &links, &options, sink);
            (paths, made())
        }
        None => rayon::join(
            || html::render_pages(site, &engine, &links, &options, sink),
            || summaries(site),
        ),
    };
    let mut paths = paths?;
    if let Some(only) = options.only_services {
        paths.extend(
            site.services
                .iter()
                .filter(|s| !only.contains(&s.code))
                .flat_map(|s| {
                    let print = s
                        .has_form()
                        .then(|| Route::ServicePrint(&s.code).rel_path());
                    std::iter::once(Route::Service(&s.code).rel_path()).chain(print)
                }),
        );
        paths.sort();
    }
    // The search index goes first, so that it is not held while the data files are made.
    index
        .into_par_iter()
        .try_for_each(|f| sink.put(f))
        .map_err(RenderError::Sink)?;
    if options.summaries {
        // A workbook that cannot be made stops the build: the output would lack a file
        // it is expected to hold.
        let xlsx = match xlsx {
            Some(Ok(bytes)) => bytes,
            Some(Err(why)) => return Err(RenderError::Sink(std::io::Error::other(why))),
            None => data::services_xlsx(site)
                .map_err(|why| RenderError::Sink(std::io::Error::other(why)))?,
        };
        timed("services.json", || {
            sink.put_streamed(Route::Data("services.json").rel_path(), &|out| {
                data::write_services_json(site, out)
            })
        })
        .map_err(RenderError::Sink)?;
        timed("data files", || {
            put_data_files(site, &paths, Some(xlsx), sink)
        })
        .map_err(RenderError::Sink)?;
    }
    let put = |f: OutputFile| sink.put(f);
    theme
        .assets
        .par_iter()
        .map(|(p, b)| OutputFile::new(Route::Asset(p).rel_path(), b.clone()))
        .chain(
            site.static_files
                .par_iter()
                .map(|f| OutputFile::new(Route::Static(&f.path).rel_path(), f.bytes.clone())),
        )
        .try_for_each(put)
        .map_err(RenderError::Sink)?;
    if options.documents {
        timed("documents", || {
            docx::render_into_with(site, sink, options.only_services, options.skip_binders)
        })
        .map_err(RenderError::Sink)?;
    }
    Ok(())
}

/// The search index, open data, the Atom feed and the sitemap of `site`, whose web pages
/// are at `page_paths` (e.g. `services/X/index.html`).
pub fn summary_files(site: &Site, page_paths: &[String]) -> Vec<OutputFile> {
    let mut files = search::search_files(site);
    files.push(OutputFile::new(
        Route::Data("services.json").rel_path(),
        data::services_json(site),
    ));
    let made = std::sync::Mutex::new(files);
    // Into memory, which takes every file.
    let _ = put_data_files(site, page_paths, data::services_xlsx(site).ok(), &made);
    made.into_inner().unwrap_or_default()
}

/// Puts into `sink` the open data but `/data/services.json` (written on its own, see
/// [`data::write_services_json`]), the feeds and the sitemap; `xlsx` is
/// `/data/services.xlsx`, made beforehand.
fn put_data_files(
    site: &Site,
    page_paths: &[String],
    xlsx: Option<Vec<u8>>,
    sink: &dyn Sink,
) -> std::io::Result<()> {
    // One at a time, each handed on as soon as it is made (at 100,000 items the CSV is
    // 47 MB and the sitemap 18 MB).
    if let Some(xlsx) = xlsx {
        sink.put(OutputFile::new(
            Route::Data("services.xlsx").rel_path(),
            xlsx,
        ))?;
    }
    sink.put(OutputFile::new(
        Route::Data("services.csv").rel_path(),
        data::services_csv(site),
    ))?;
    sink.put(OutputFile::new(
        Route::NoticesFeed.rel_path(),
        feeds::atom(site),
    ))?;
    sink.put(OutputFile::new(
        Route::ChangesFeed.rel_path(),
        feeds::changes_atom(site),
    ))?;
    let mut sitemap_paths: Vec<String> = page_paths
        .iter()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    sitemap_paths.sort();
    sink.put(OutputFile::new(
        Route::Sitemap.rel_path(),
        feeds::sitemap(site, &sitemap_paths),
    ))
}
