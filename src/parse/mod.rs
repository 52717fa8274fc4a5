//! Stage 2: parse the loaded files into typed models and validate them.
//!
//! Each file is read on its own (in parallel) against site.yaml; then the cross-file rules
//! run (unique codes and slugs, centre references). Every problem of every file is
//! collected; the site is returned only when there is no error.

mod centre;
mod lint;
mod live;
mod notice;
pub mod open_data;
mod page;
mod plan;
mod removed_html;
mod service;
mod site_config;
mod text_limits;
mod values;
pub mod yaml;

pub use live::{LiveParsed, LiveSite};
pub use service::KEYS as SERVICE_KEYS;
pub use service::publish_incomplete_hint;
pub use values::{DateForm, parse_date, parse_duration};

use crate::diag::{self, Diagnostic, Pos, tr};
use crate::load::{LoadedFiles, LoadedSite, Section, SourceFile, Unread, split_front_matter};
use crate::model::{Centre, Notice, Page, Plan, Service, Site, SiteConfig, StaticFile};
use crate::tr;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use yaml::{Cx, Fields, Key};

/// What the per-file parsers need to know about the whole site.
pub struct Env {
    /// site.yaml (defaults when it has errors, so content is still checked).
    pub config: SiteConfig,
    /// Paths under content/static.
    pub static_paths: HashSet<String>,
    /// Codes of all service items (for centre references).
    pub codes: HashSet<String>,
    /// Codes written in service files that could not be read (syntax errors): references
    /// to them are not reported as missing, the file's own error is the cause.
    pub unreadable_codes: HashSet<String>,
    /// Whether a service file could not be read and no code could be found in it: then no
    /// reference is reported as missing, since it may be to that file.
    pub unreadable_without_code: bool,
}

impl Env {
    /// Whether content/static holds `path`.
    pub fn static_exists(&self, path: &str) -> bool {
        self.static_paths.contains(path)
    }

    /// Whether a reference to the service `code` may be to a file that could not be read.
    pub fn maybe_unreadable(&self, code: &str) -> bool {
        self.unreadable_without_code || self.unreadable_codes.contains(code)
    }
}

/// The result of parsing a site: the site when valid, and every diagnostic.
pub struct Parsed {
    /// The validated site with drafts, or None when there are errors.
    pub site: Option<Site>,
    /// Errors and warnings, sorted by file and line.
    pub diags: Vec<Diagnostic>,
    /// Text of each file a diagnostic names (path → text), to show the offending line.
    pub sources: HashMap<String, String>,
    /// The theme the site is rendered with (filled in by the load stage after parsing).
    pub theme: crate::load::Theme,
}

/// What one content file holds. A service item is kept in place, not boxed: the results
/// of the parsing threads become the site's vector of items without a copy (see
/// `parse_site_with`).
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
enum Item {
    Service(Service, Option<Pos>),
    Plan(Plan),
    Notice(Notice),
    Centre(Centre),
    Page(Page),
}

/// Per-file parse results kept between runs, so that a live preview re-parses only the
/// files whose text (or whose context: site.yaml, attachments, service codes) changed.
#[derive(Default)]
pub struct ParseCache {
    entries: HashMap<String, CacheEntry>,
}

struct CacheEntry {
    text: u64,
    env: u64,
    item: Option<Item>,
    diags: Vec<Diagnostic>,
}

impl ParseCache {
    /// An empty cache.
    pub fn new() -> Self {
        ParseCache::default()
    }

    /// Number of files whose results are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Parses and validates everything `load_files` read.
///
/// The text of each service file is dropped once the file is parsed: on a large site the
/// texts are the larger part of the memory, and diagnostics print the lines of a few
/// files only. [`Parsed::sources`] holds the texts of the other files that diagnostics
/// name; [`Parsed::unsourced`] says which files to read again to print the diagnostics.
pub fn parse_site(files: LoadedFiles) -> Parsed {
    parse_site_with(files, Unread::default(), None, &|_| {})
}

/// [`parse_site`], calling `parsed` with the number of files parsed each time some are
/// (from the parsing threads), to show progress.
pub fn parse_site_counted(files: LoadedFiles, parsed: &(dyn Fn(u64) + Sync)) -> Parsed {
    parse_site_with(files, Unread::default(), None, parsed)
}

/// [`parse_site_counted`] for a site whose service files the load stage left unread
/// ([`crate::load::load_site`]): each worker takes one from the load stage's reader,
/// parses it and drops its text before it takes the next, so that the texts are never
/// all held at once. The result is what [`parse_site`] gives for the same files.
pub fn parse_site_streamed(site: LoadedSite, parsed: &(dyn Fn(u64) + Sync)) -> Parsed {
    parse_site_with(site.files, site.services, None, parsed)
}

/// Like [`parse_site`], reusing the results in `cache` for files that are unchanged and
/// updating it. The result is the same as without a cache.
pub fn parse_site_cached(files: LoadedFiles, cache: &mut ParseCache) -> Parsed {
    parse_site_with(files, Unread::default(), Some(cache), &|_| {})
}

impl Parsed {
    /// The files whose lines the diagnostics would print (errors, warnings, or both
    /// together, within the caps of [`diag::render`]) and whose text is not in
    /// [`Parsed::sources`], sorted: the caller reads them again to show the lines.
    pub fn unsourced(&self) -> Vec<String> {
        let mut v: Vec<String> = [
            diag::shown_files(self.diags.iter().filter(|d| d.is_error())),
            diag::shown_files(self.diags.iter().filter(|d| !d.is_error())),
            diag::shown_files(&self.diags),
        ]
        .into_iter()
        .flatten()
        .filter(|f| !self.sources.contains_key(*f))
        .map(str::to_string)
        .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Parses `files` and the service files of `unread` (read as they are parsed).
fn parse_site_with(
    files: LoadedFiles,
    unread: Unread,
    mut cache: Option<&mut ParseCache>,
    tick: &(dyn Fn(u64) + Sync),
) -> Parsed {
    let LoadedFiles {
        site_yaml,
        files,
        static_files,
        mut diags,
    } = files;
    let config = site_yaml
        .as_deref()
        .and_then(|text| site_config::parse(text, &mut diags));
    let config_ok = config.is_some();
    if !config_ok {
        // Items are judged against site.yaml (levels, attributes, 统计日期): against a
        // configuration that could not be read they would only get false errors.
        if let Some(cache) = cache {
            cache.entries.clear();
        }
        // The service files are not judged, but what keeps them from being read is said,
        // as when every file is read first.
        let unreadable: Vec<Diagnostic> =
            unread.read().filter_map(Result::err).map(|d| *d).collect();
        diags.extend(unreadable);
        diag::sort(&mut diags);
        diags.dedup();
        let mut sources = HashMap::new();
        if let Some(text) = site_yaml {
            sources.insert(crate::load::SITE_YAML.to_string(), text);
        }
        return Parsed {
            site: None,
            diags,
            sources,
            theme: Default::default(),
        };
    }
    let mut env = Env {
        config: config.unwrap_or_else(site_config::fallback),
        static_paths: static_files.iter().map(|f| f.path.clone()).collect(),
        codes: HashSet::new(),
        unreadable_codes: HashSet::new(),
        unreadable_without_code: false,
    };
    if let Some(cache) = cache.as_deref_mut() {
        let present: HashSet<&str> = files
            .iter()
            .map(|f| f.path.as_str())
            .chain(unread.paths())
            .collect();
        cache.entries.retain(|k, _| present.contains(k.as_str()));
    }

    // Services first: centres refer to their codes.
    let (services_src, others): (Vec<SourceFile>, Vec<SourceFile>) = files
        .into_iter()
        .partition(|f| f.section == Section::Services);
    let mut env_key = hash_of(&(
        site_yaml.as_deref(),
        env.config.as_of,
        diag::lang::current(),
        {
            let mut p: Vec<&String> = env.static_paths.iter().collect();
            p.sort();
            p
        },
    ));
    let services_src = services_src.into_par_iter().map(Ok).chain(unread.read());
    let mut done = parse_all(services_src, &env, env_key, cache.as_deref_mut(), tick);
    // The problems of a large site in one allocation (growing the vector would hold the
    // old and the new buffer at once).
    diags.reserve(done.iter().flatten().map(|d| d.diags.len()).sum());
    for done in &mut done {
        let done = match done {
            Ok(done) => done,
            Err(d) => {
                diags.push((**d).clone());
                continue;
            }
        };
        diags.append(&mut done.diags);
        match (&done.item, done.unreadable_code.take()) {
            (Some(Item::Service(s, _)), _) => {
                env.codes.insert(s.code.clone());
            }
            (Some(_), _) => {}
            (None, Some(code)) => {
                env.unreadable_codes.insert(code);
            }
            (None, None) => env.unreadable_without_code = true,
        }
    }
    // The items are taken out where the parsing threads put them: the vector of results
    // becomes the vector of items (collected in place), with no second copy of 100,000
    // items beside the first.
    let mut source_hashes = std::collections::BTreeMap::new();
    let services: Vec<(Service, Option<Pos>)> = done
        .into_iter()
        .filter_map(|done| {
            let done = done.ok()?;
            match done.item? {
                Item::Service(s, pos) => {
                    if let Some(h) = done.content_hash {
                        source_hashes.insert(s.source.clone(), h);
                    }
                    Some((s, pos))
                }
                _ => None,
            }
        })
        .collect();
    let mut items = Vec::with_capacity(others.len());
    env_key = hash_of(&(env_key, env.unreadable_without_code, {
        let mut c: Vec<&String> = env.codes.iter().chain(&env.unreadable_codes).collect();
        c.sort();
        c
    }));
    // The other sections are few files: their texts are kept for the cross-file rules
    // (an address used twice).
    let mut other_texts: HashMap<String, String> = HashMap::new();
    for done in parse_all(others.into_par_iter().map(Ok), &env, env_key, cache, tick) {
        let done = match done {
            Ok(done) => done,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        diags.extend(done.diags);
        if let Some(t) = done.text {
            other_texts.insert(done.path, t);
        }
        items.extend(done.item);
    }

    assemble(
        services,
        items,
        diags,
        Assembled {
            config: env.config,
            static_files,
            source_hashes,
        },
        &|path| other_texts.get(path).cloned(),
        site_yaml.as_deref(),
    )
}

/// What a site is made of besides its items: site.yaml, the attachments and the content
/// hashes of the service files (empty where they were not taken).
struct Assembled {
    config: SiteConfig,
    static_files: Vec<StaticFile>,
    source_hashes: std::collections::BTreeMap<String, String>,
}

/// The site from the parsed `items` of every file, after the cross-file rules (unique
/// codes and addresses); `diags` are the problems found so far, `other_texts` the texts
/// of the files other than services by path (for the lines diagnostics show).
fn assemble(
    services: Vec<(Service, Option<Pos>)>,
    items: Vec<Item>,
    mut diags: Vec<Diagnostic>,
    rest: Assembled,
    other_text: &dyn Fn(&str) -> Option<String>,
    site_yaml: Option<&str>,
) -> Parsed {
    let Assembled {
        config,
        static_files,
        source_hashes,
    } = rest;
    let mut plans = Vec::new();
    let mut notices = Vec::new();
    let mut centres = Vec::new();
    let mut pages = Vec::new();
    let mut services = services;
    for item in items {
        match item {
            Item::Service(s, pos) => services.push((s, pos)),
            Item::Plan(p) => plans.push(p),
            Item::Notice(n) => notices.push(n),
            Item::Centre(c) => centres.push(c),
            Item::Page(p) => pages.push(p),
        }
    }
    unique_auto_slugs(plans.iter_mut().map(|p| (&mut p.slug, &p.source)));
    unique_auto_slugs(notices.iter_mut().map(|p| (&mut p.slug, &p.source)));
    unique_auto_slugs(centres.iter_mut().map(|p| (&mut p.slug, &p.source)));
    unique_auto_slugs(pages.iter_mut().map(|p| (&mut p.slug, &p.source)));
    check_unique_codes(&services, &mut diags);
    // In place, as above.
    let mut services: Vec<Service> = services.into_iter().map(|(s, _)| s).collect();
    check_unique_slugs(
        "plans",
        plans.iter().map(|p| (&p.slug, &p.source)),
        &mut diags,
    );
    check_unique_slugs(
        "notices",
        notices.iter().map(|p| (&p.slug, &p.source)),
        &mut diags,
    );
    check_unique_slugs(
        "centers",
        centres.iter().map(|p| (&p.slug, &p.source)),
        &mut diags,
    );
    check_unique_slugs(
        "pages",
        pages.iter().map(|p| (&p.slug, &p.source)),
        &mut diags,
    );

    diag::sort(&mut diags);
    diags.dedup();
    let named: HashSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
    let mut sources: HashMap<String, String> = named
        .iter()
        .filter_map(|path| Some((path.to_string(), other_text(path)?)))
        .collect();
    if let Some(text) = site_yaml.filter(|_| named.contains(crate::load::SITE_YAML)) {
        sources.insert(crate::load::SITE_YAML.to_string(), text.to_string());
    }
    if diag::error_count(&diags) > 0 {
        return Parsed {
            site: None,
            diags,
            sources,
            theme: Default::default(),
        };
    }
    services.sort_by(|a, b| a.code.cmp(&b.code));
    plans.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    notices.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    centres.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut static_files: Vec<StaticFile> = static_files;
    static_files.sort_by(|a, b| a.path.cmp(&b.path));
    Parsed {
        site: Some(Site {
            config,
            services,
            plans,
            notices,
            centres,
            pages,
            static_files,
            source_hashes,
        }),
        diags,
        sources,
        theme: Default::default(),
    }
}

/// The service items of `files`, each as far as it could be read, whatever errors the
/// site has (site.yaml's defaults when it has errors): what the import compares an item's
/// two versions with. Items in path order.
pub fn services_as_read(files: &LoadedFiles) -> Vec<crate::model::Service> {
    let mut diags = Vec::new();
    let config = files
        .site_yaml
        .as_deref()
        .and_then(|text| site_config::parse(text, &mut diags))
        .unwrap_or_else(site_config::fallback);
    let env = Env {
        config,
        static_paths: files.static_files.iter().map(|f| f.path.clone()).collect(),
        codes: HashSet::new(),
        unreadable_codes: HashSet::new(),
        unreadable_without_code: false,
    };
    let services: Vec<SourceFile> = files
        .files
        .iter()
        .filter(|f| f.section == Section::Services)
        .cloned()
        .collect();
    parse_all(services.into_par_iter().map(Ok), &env, 0, None, &|_| {})
        .into_iter()
        .filter_map(|done| match done.ok()?.item {
            Some(Item::Service(s, _)) => Some(s),
            _ => None,
        })
        .collect()
}

/// One file parsed.
struct Done {
    path: String,
    item: Option<Item>,
    diags: Vec<Diagnostic>,
    /// The file's text, kept for the sections other than services (few files, and the
    /// cross-file rules name them).
    text: Option<String>,
    /// The code found line by line in a service file that could not be read.
    unreadable_code: Option<String>,
    /// The hash of the file's text, when it was parsed afresh and goes into the cache.
    fresh: Option<u64>,
    /// The content hash of a service file's text (see [`Site::source_hashes`]).
    content_hash: Option<String>,
}

/// A content file as the load stage gives it: read and decoded, or why it could not be.
type Read = Result<SourceFile, Box<Diagnostic>>;

/// Parses `files` (taken in order, in parallel: each is read by the load stage as it is
/// taken), taking unchanged ones from `cache` and storing the others in it. Each file's
/// text is dropped as soon as it is parsed unless [`Done::text`] says otherwise; a file
/// that could not be read is the load stage's problem, passed on.
fn parse_all(
    files: impl IndexedParallelIterator<Item = Read>,
    env: &Env,
    env_key: u64,
    cache: Option<&mut ParseCache>,
    tick: &(dyn Fn(u64) + Sync),
) -> Vec<Result<Done, Box<Diagnostic>>> {
    let entries = cache.as_ref().map(|c| &c.entries);
    let lang = crate::diag::lang::current();
    let results: Vec<Result<Done, Box<Diagnostic>>> = files
        .map(|f| {
            let f = f?;
            crate::diag::lang::with(lang, || {
                let hash = entries.map(|_| hash_of(&f.text));
                let hit = entries
                    .and_then(|e| e.get(&f.path))
                    .filter(|e| Some(e.text) == hash && e.env == env_key);
                let (item, diags, fresh) = match hit {
                    Some(e) => (e.item.clone(), e.diags.clone(), false),
                    None => {
                        let (item, diags) = parse_file(&f, env);
                        (item, diags, true)
                    }
                };
                let unreadable_code = match (&item, f.section) {
                    (None, Section::Services) => code_in_unreadable(&f.text),
                    _ => None,
                };
                let keep = f.section != Section::Services;
                let done = Done {
                    content_hash: content_hash(&f),
                    text: keep.then_some(f.text),
                    path: f.path,
                    item,
                    diags,
                    unreadable_code,
                    fresh: hash.filter(|_| fresh),
                };
                tick(1);
                Ok(done)
            })
        })
        .collect();
    if let Some(cache) = cache {
        for done in results.iter().flatten() {
            if let Some(text) = &done.fresh {
                cache.entries.insert(
                    done.path.clone(),
                    CacheEntry {
                        text: *text,
                        env: env_key,
                        item: done.item.clone(),
                        diags: done.diags.clone(),
                    },
                );
            }
        }
    }
    results
}

/// The 事项编码 of a service file that could not be read as YAML, found line by line.
fn code_in_unreadable(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim_start_matches('\u{feff}');
        let rest = ["事项编码", "code"]
            .iter()
            .find_map(|k| line.strip_prefix(k))?;
        let rest = rest.trim_start().strip_prefix([':', '：'])?;
        let code = rest
            .split(" #")
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'', '“', '”'])
            .trim();
        (!code.is_empty()).then(|| code.to_string())
    })
}

/// The content hash of a service file's text, which stands for its item in an
/// incremental build (see [`Site::source_hashes`]); other files get none.
fn content_hash(f: &SourceFile) -> Option<String> {
    (f.section == Section::Services).then(|| crate::manifest::hash(f.text.as_bytes()))
}

fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn parse_file(file: &SourceFile, env: &Env) -> (Option<Item>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    text_limits::check(file, &mut diags);
    // Control characters are reported above; blanked, they hide no key from the checks.
    let text = text_limits::blank_controls(&file.text);
    let fm = match split_front_matter(&text, file.is_yaml) {
        Ok(fm) => fm,
        Err((msg, line)) => {
            diags.push(Diagnostic::error(&file.path, msg).at(Some(Pos { line, column: 1 })));
            return (None, diags);
        }
    };
    let mut cx = Cx {
        file: &file.path,
        line_offset: fm.line_offset,
        diags: &mut diags,
    };
    let Some(map) = yaml::parse_mapping(&mut cx, fm.yaml) else {
        return (None, diags);
    };
    text_limits::check_lengths(&mut cx, &map);
    if !env.config.unsafe_html && !fm.body.trim().is_empty() {
        let body_at = file.text.len() - fm.body.len();
        let first_line = file.text[..body_at].matches('\n').count() + 1;
        cx.diags
            .extend(removed_html::check(&file.path, fm.body, first_line));
    }
    let item = match file.section {
        Section::Services => {
            let pos = map
                .iter()
                .find(|(k, _)| k.as_str() == "code" || k.as_str() == "事项编码")
                .and_then(|(_, v)| cx.pos(v.span()));
            Item::Service(service::parse(&mut cx, env, &map, fm.body), pos)
        }
        Section::Plans => Item::Plan(plan::parse(&mut cx, env, &map, fm.body, &file.stem)),
        Section::Notices => Item::Notice(notice::parse(&mut cx, env, &map, fm.body, &file.stem)),
        Section::Centres => Item::Centre(centre::parse(&mut cx, env, &map, fm.body, &file.stem)),
        Section::Pages => Item::Page(page::parse(&mut cx, &map, fm.body, &file.stem)),
    };
    (Some(item), diags)
}

/// Reports each item whose code an earlier file (by path) already uses, at the code
/// (each item with where its code is written).
fn check_unique_codes(services: &[(Service, Option<Pos>)], diags: &mut Vec<Diagnostic>) {
    let mut sorted: Vec<(&Service, Option<Pos>)> = services
        .iter()
        .filter(|(s, _)| !s.code.is_empty())
        .map(|(s, pos)| (s, *pos))
        .collect();
    sorted.sort_by(|(a, _), (b, _)| (&a.code, &a.source).cmp(&(&b.code, &b.source)));
    for pair in sorted.windows(2) {
        let (pos, pair) = (pair[1].1, [pair[0].0, pair[1].0]);
        if pair[0].code == pair[1].code {
            diags.push(
                Diagnostic::error(
                    &pair[1].source,
                    tr!(
                        "事项编码 {} 已被 {} 使用",
                        "事项编码 {} is already used by {}",
                        pair[1].code,
                        pair[0].source
                    ),
                )
                .at(pos)
                .key("事项编码")
                .help(tr(
                    "每个事项有自己的编码；同一事项在多处办理，请在各服务中心的 事项 中列出它的编码",
                    "every item has its own code; one item is offered in many places by listing its code in each centre",
                )),
            );
        }
    }
}

fn check_unique_slugs<'a>(
    section: &str,
    items: impl Iterator<Item = (&'a String, &'a String)>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&String, &String> = HashMap::new();
    let mut all: Vec<(&String, &String)> = items.filter(|(s, _)| !s.is_empty()).collect();
    all.sort_by(|a, b| a.1.cmp(b.1));
    for (slug, source) in all {
        if let Some(first) = seen.get(slug) {
            diags.push(
                Diagnostic::error(
                    source.as_str(),
                    tr!(
                        "网址 /{section}/{slug}/ 已被 {first} 使用",
                        "address /{section}/{slug}/ is already used by {first}"
                    ),
                )
                .help(tr(
                    "在其中一个文件里写一个不同的 网址名:",
                    "set a different `slug:` in one of them",
                )),
            );
        } else {
            seen.insert(slug, source);
        }
    }
}

/// The Markdown body, trimmed; empty when there is none.
fn body_or_none(body: &str) -> String {
    body.trim().to_string()
}

/// The `draft` flag.
fn draft(cx: &mut Cx, f: &Fields, k: Key) -> bool {
    f.boolean(cx, k).unwrap_or(false)
}

/// Key for an explicit slug.
const SLUG: Key = yaml::key("slug", "网址名");

/// The slug: `slug:` (`网址名:`) when given, else the file stem; a stem that cannot be a web
/// address (`改革方案`) becomes its pinyin (`gaige-fangan`), made unique across the section
/// after parsing (see [`unique_auto_slugs`]).
fn slug(cx: &mut Cx, f: &Fields, stem: &str) -> String {
    let help = tr(
        "网址名只用小写英文字母、数字和 -，如 daiban-gongshi；它是这个页面长期不变的网址",
        "a slug is lowercase ASCII letters, digits and -, e.g. daiban-gongshi; it becomes the page's permanent address",
    );
    match f.get(SLUG) {
        Some((n, p)) => {
            let s = yaml::text(cx, n, &p).unwrap_or_default();
            if !is_slug(&s) {
                let suggestion = crate::render::urls::slugify(&s);
                cx.error(
                    n.span(),
                    &p,
                    tr!("“{s}”不能用作网址名", "`{s}` cannot be a slug"),
                    Some(tr!(
                        "{help}；可以写 {suggestion}",
                        "{help}; for example {suggestion}"
                    )),
                );
            }
            s
        }
        None if is_slug(stem) => stem.to_string(),
        None => auto_slug(stem),
    }
}

/// The address made for a file whose name cannot be one: pinyin of its name.
fn auto_slug(stem: &str) -> String {
    let s = crate::render::urls::slugify(stem);
    let s: String = s.chars().take(80).collect();
    s.trim_end_matches('-').to_string()
}

/// Makes the addresses made from file names unique within a section: a file whose made
/// address is already taken (by a written `网址名` or an earlier file, in path order) gets
/// `-2`, `-3`, … . Written addresses are left as they are (a clash between two of them
/// is an error, reported by [`check_unique_slugs`]).
fn unique_auto_slugs<'a>(items: impl Iterator<Item = (&'a mut String, &'a String)>) {
    let mut items: Vec<(&mut String, &String)> = items.collect();
    items.sort_by(|a, b| a.1.cmp(b.1));
    let is_auto = |slug: &str, source: &str| {
        let stem = std::path::Path::new(source)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        !is_slug(stem) && slug == auto_slug(stem)
    };
    let mut used: HashSet<String> = items
        .iter()
        .filter(|(slug, source)| !is_auto(slug, source))
        .map(|(slug, _)| slug.to_string())
        .collect();
    for (slug, source) in items {
        if !is_auto(slug, source) {
            continue;
        }
        let base = slug.clone();
        let mut n = 2;
        while used.contains(slug.as_str()) {
            *slug = format!("{base}-{n}");
            n += 1;
        }
        used.insert(slug.clone());
    }
}

/// `[a-z0-9-]+`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
