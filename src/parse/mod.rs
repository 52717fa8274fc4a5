//! Stage 2: parse the loaded files into typed models and validate them.
//!
//! Each file is read on its own (in parallel) against site.yaml; then the cross-file rules
//! run (unique codes and slugs, centre references). Every problem of every file is
//! collected; the site is returned only when there is no error.

mod centre;
mod notice;
mod page;
mod plan;
mod service;
mod site_config;
mod values;
pub mod yaml;

pub use service::KEYS as SERVICE_KEYS;
pub use values::{DateForm, parse_date, parse_duration};

use crate::diag::{self, Diagnostic, Pos};
use crate::load::{LoadedFiles, Section, SourceFile, split_front_matter};
use crate::model::{Centre, Notice, Page, Plan, Service, Site, SiteConfig, StaticFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use yaml::{Cx, Fields, Key, boolean};

/// What the per-file parsers need to know about the whole site.
pub struct Env {
    /// site.yaml (defaults when it has errors, so content is still checked).
    pub config: SiteConfig,
    /// Paths under content/static.
    pub static_paths: HashSet<String>,
    /// Codes of all service items (for centre references).
    pub codes: HashSet<String>,
}

impl Env {
    /// Whether content/static holds `path`.
    pub fn static_exists(&self, path: &str) -> bool {
        self.static_paths.contains(path)
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

#[derive(Clone)]
enum Item {
    Service(Box<Service>, Option<Pos>),
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
pub fn parse_site(files: LoadedFiles) -> Parsed {
    parse_site_cached(files, &mut ParseCache::new())
}

/// Like [`parse_site`], reusing the results in `cache` for files that are unchanged and
/// updating it. The result is the same as without a cache.
pub fn parse_site_cached(files: LoadedFiles, cache: &mut ParseCache) -> Parsed {
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
    let mut env = Env {
        config: config.unwrap_or_else(site_config::fallback),
        static_paths: static_files.iter().map(|f| f.path.clone()).collect(),
        codes: HashSet::new(),
    };

    // Services first: centres refer to their codes.
    let (services_src, others): (Vec<&SourceFile>, Vec<&SourceFile>) =
        files.iter().partition(|f| f.section == Section::Services);
    let mut env_key = hash_of(&(site_yaml.as_deref(), env.config.as_of, {
        let mut p: Vec<&String> = env.static_paths.iter().collect();
        p.sort();
        p
    }));
    let parsed = parse_all(&services_src, &env, env_key, cache);
    let mut items = Vec::new();
    for (item, d) in parsed {
        diags.extend(d);
        items.extend(item);
    }
    env.codes = items
        .iter()
        .filter_map(|i| match i {
            Item::Service(s, _) => Some(s.code.clone()),
            _ => None,
        })
        .collect();
    env_key = hash_of(&(env_key, {
        let mut c: Vec<&String> = env.codes.iter().collect();
        c.sort();
        c
    }));
    let parsed = parse_all(&others, &env, env_key, cache);
    let present: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    cache.entries.retain(|k, _| present.contains(k.as_str()));
    for (item, d) in parsed {
        diags.extend(d);
        items.extend(item);
    }

    let mut services = Vec::new();
    let mut plans = Vec::new();
    let mut notices = Vec::new();
    let mut centres = Vec::new();
    let mut pages = Vec::new();
    let mut code_pos = HashMap::new();
    for item in items {
        match item {
            Item::Service(s, pos) => {
                code_pos.insert(s.source.clone(), pos);
                services.push(*s);
            }
            Item::Plan(p) => plans.push(p),
            Item::Notice(n) => notices.push(n),
            Item::Centre(c) => centres.push(c),
            Item::Page(p) => pages.push(p),
        }
    }
    check_unique_codes(&services, &code_pos, &mut diags);
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
    let mut sources: HashMap<String, String> = files
        .into_iter()
        .filter(|f| named.contains(f.path.as_str()))
        .map(|f| (f.path, f.text))
        .collect();
    if let Some(text) = site_yaml.filter(|_| named.contains(crate::load::SITE_YAML)) {
        sources.insert(crate::load::SITE_YAML.to_string(), text);
    }
    if !config_ok || diag::error_count(&diags) > 0 {
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
            config: env.config,
            services,
            plans,
            notices,
            centres,
            pages,
            static_files,
        }),
        diags,
        sources,
        theme: Default::default(),
    }
}

/// Parses `files`, taking unchanged ones from `cache` and storing the others in it.
fn parse_all(
    files: &[&SourceFile],
    env: &Env,
    env_key: u64,
    cache: &mut ParseCache,
) -> Vec<(Option<Item>, Vec<Diagnostic>)> {
    let entries = &cache.entries;
    let results: Vec<(u64, bool, Option<Item>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|f| {
            let text = hash_of(&f.text);
            match entries.get(&f.path) {
                Some(e) if e.text == text && e.env == env_key => {
                    (text, false, e.item.clone(), e.diags.clone())
                }
                _ => {
                    let (item, diags) = parse_file(f, env);
                    (text, true, item, diags)
                }
            }
        })
        .collect();
    files
        .iter()
        .zip(results)
        .map(|(f, (text, fresh, item, diags))| {
            if fresh {
                cache.entries.insert(
                    f.path.clone(),
                    CacheEntry {
                        text,
                        env: env_key,
                        item: item.clone(),
                        diags: diags.clone(),
                    },
                );
            }
            (item, diags)
        })
        .collect()
}

fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn parse_file(file: &SourceFile, env: &Env) -> (Option<Item>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let fm = match split_front_matter(&file.text, file.is_yaml) {
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
    let item = match file.section {
        Section::Services => {
            let pos = map
                .iter()
                .find(|(k, _)| k.as_str() == "code" || k.as_str() == "事项编码")
                .and_then(|(_, v)| cx.pos(v.span()));
            Item::Service(Box::new(service::parse(&mut cx, env, &map, fm.body)), pos)
        }
        Section::Plans => Item::Plan(plan::parse(&mut cx, env, &map, fm.body, &file.stem)),
        Section::Notices => Item::Notice(notice::parse(&mut cx, env, &map, fm.body, &file.stem)),
        Section::Centres => Item::Centre(centre::parse(&mut cx, env, &map, fm.body, &file.stem)),
        Section::Pages => Item::Page(page::parse(&mut cx, &map, fm.body, &file.stem)),
    };
    (Some(item), diags)
}

fn check_unique_codes(
    services: &[Service],
    code_pos: &HashMap<String, Option<Pos>>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut sorted: Vec<&Service> = services.iter().filter(|s| !s.code.is_empty()).collect();
    sorted.sort_by(|a, b| (&a.code, &a.source).cmp(&(&b.code, &b.source)));
    for pair in sorted.windows(2) {
        if pair[0].code == pair[1].code {
            diags.push(
                Diagnostic::error(
                    &pair[1].source,
                    format!(
                        "事项编码 {} is already used by {}",
                        pair[1].code, pair[0].source
                    ),
                )
                .at(code_pos.get(&pair[1].source).copied().flatten())
                .key("事项编码")
                .help("every item has its own code; one item is offered in many places by listing its code in each centre"),
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
                    format!("address /{section}/{slug}/ is already used by {first}"),
                )
                .help("set a different `slug:` in one of them"),
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
    f.get(k)
        .and_then(|(n, p)| boolean(cx, n, &p))
        .unwrap_or(false)
}

/// Key for an explicit slug.
const SLUG: Key = yaml::key("slug", "网址名");

/// The slug: `slug:` when given, else the file stem; must be `[a-z0-9-]+`.
fn slug(cx: &mut Cx, f: &Fields, stem: &str) -> String {
    let help = "a slug is lowercase ASCII letters, digits and -, e.g. daiban-gongshi; it becomes the page's permanent address";
    match f.get(SLUG) {
        Some((n, p)) => {
            let s = yaml::text(cx, n, &p).unwrap_or_default();
            if !is_slug(&s) {
                cx.error(
                    n.span(),
                    &p,
                    format!("`{s}` cannot be a slug"),
                    Some(help.into()),
                );
            }
            s
        }
        None => {
            if !is_slug(stem) {
                cx.error(
                    f.span(),
                    "slug",
                    format!("the file name `{stem}` cannot be a web address"),
                    Some(format!(
                        "rename the file, or add a line such as `slug: notice-1`; {help}"
                    )),
                );
            }
            stem.to_string()
        }
    }
}

/// `[a-z0-9-]+`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
