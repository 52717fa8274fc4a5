//! Rebuilding the preview after a change.
//!
//! A [`Rebuilder`] keeps every file it has read, with a hash of its bytes. On each rebuild it
//! lists the site again, re-reads only the files it was told changed (or all of them after a
//! rescan), decodes only those whose bytes differ, re-parses only the files whose text or
//! context changed (see [`ParseCache`]) and renders the site with its drafts. [`Change`] tells which source files changed, so a later renderer can redo only the
//! pages that depend on them; for now the whole site is rendered.

use crate::diag::{self, Diagnostic};
use crate::load::{Loaded, LoadedFiles, Named, SITE_YAML, load_files, read_site_yaml};
use crate::load::{Section, Theme, load_theme};
use crate::model::Site;
use crate::parse::{LiveParsed, LiveSite, Parsed};
use crate::render::{RenderOptions, render_site_with};
use axum::body::Bytes;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the watcher saw change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    /// Paths relative to the site root, `/`-separated.
    pub paths: BTreeSet<String>,
    /// The watcher lost track (e.g. an event queue overflowed): re-read everything.
    pub rescan: bool,
}

impl Changed {
    /// Adds what `other` saw.
    pub fn merge(&mut self, other: Changed) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }

    /// Whether anything outside `content/` and site.yaml changed (templates, theme):
    /// those are not read here, so they always call for a new render.
    fn touches_templates(&self) -> bool {
        self.paths
            .iter()
            .any(|p| ChangeKind::of(p) == ChangeKind::Theme)
    }
}

/// What a changed path (site-relative, `/`-separated) is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// site.yaml.
    SiteConfig,
    /// A file of a content section (`content/services/…`, …).
    Content(Section),
    /// An attachment under `content/static/`.
    Static,
    /// Anything else under `content/` (not published; the listing reports it).
    OtherContent,
    /// A template, theme or asset file (outside `content/`).
    Theme,
}

impl ChangeKind {
    /// The kind of the file at `path`.
    pub fn of(path: &str) -> ChangeKind {
        if path == SITE_YAML {
            return ChangeKind::SiteConfig;
        }
        let Some(rest) = path.strip_prefix("content/") else {
            return ChangeKind::Theme;
        };
        match rest.split_once('/') {
            Some(("static", _)) => ChangeKind::Static,
            Some((folder, _)) => Section::from_folder(folder)
                .map(ChangeKind::Content)
                .unwrap_or(ChangeKind::OtherContent),
            None => ChangeKind::OtherContent,
        }
    }
}

/// The site as rendered for the preview.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Output path (e.g. `services/X/index.html`) → contents.
    pub files: HashMap<String, Bytes>,
    /// Output folders of draft items (e.g. `services/X/`), to mark their pages.
    pub draft_dirs: HashSet<String>,
    /// The path the site is published under (`/` or e.g. `/gk/`).
    pub base_path: String,
    /// [`crate::render::html::listing_key`] of the site.
    pub listing_key: u64,
    /// The site the output was rendered from, to render DOCX documents when asked for.
    pub site: Option<Arc<Site>>,
    /// The search index, open data, feed and sitemap, rendered when first asked for.
    pub summaries: std::sync::OnceLock<HashMap<String, Bytes>>,
}

impl Output {
    /// The printable document at output path `path`, rendered now (they are not rendered
    /// ahead in the preview: a save would otherwise wait for thousands of them).
    pub fn summary(&self, path: &str) -> Option<Bytes> {
        let is_summary = path.starts_with("search/")
            || path.starts_with("data/")
            || path == "notices/atom.xml"
            || path == "changes/feed.xml"
            || path == "sitemap.xml";
        if !is_summary {
            return None;
        }
        let site = self.site.as_deref()?;
        let files = self.summaries.get_or_init(|| {
            let mut pages: Vec<String> = self.files.keys().cloned().collect();
            pages.sort();
            crate::render::summary_files(site, &pages)
                .into_iter()
                .map(|f| (f.path, Bytes::from(f.bytes)))
                .collect()
        });
        files.get(path).cloned()
    }

    /// The printable document at output path `path`, rendered now.
    pub fn document(&self, path: &str) -> Option<Vec<u8>> {
        crate::render::docx::render_one(self.site.as_deref()?, path)
    }

    /// Whether the page at output path `path` belongs to a draft item.
    pub fn is_draft(&self, path: &str) -> bool {
        match path.rfind('/') {
            Some(i) => self.draft_dirs.contains(&path[..=i]),
            None => false,
        }
    }
}

/// Errors that stop the site from being rendered, with the text of the files they name.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// Errors and warnings, sorted.
    pub diags: Vec<Diagnostic>,
    /// File path → text, to show the offending line.
    pub sources: HashMap<String, String>,
}

/// How a rebuild ended.
#[derive(Debug)]
pub enum Outcome {
    /// The site is valid: here is its new output.
    Built(Arc<Output>),
    /// The site has errors; the previous output should stay served.
    Failed(Problems),
    /// No file's content changed: nothing to do.
    Unchanged,
}

/// Time spent in each stage of a rebuild.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Listing and reading files.
    pub load: Duration,
    /// Parsing and validating.
    pub parse: Duration,
    /// Rendering.
    pub render: Duration,
}

/// One rebuild: how it ended, which source files changed and how long it took.
#[derive(Debug)]
pub struct Rebuilt {
    /// How it ended.
    pub outcome: Outcome,
    /// Source files whose content changed, appeared or disappeared (site-relative).
    pub changed: Vec<String>,
    /// Number of warnings (the site builds despite them).
    pub warnings: usize,
    /// Time per stage.
    pub timings: Timings,
}

/// What a rebuild hands to the parse stage.
enum Step {
    /// Everything, read afresh by the load stage.
    Full(LoadedFiles),
    /// The files that changed (read again) and those that went.
    Update {
        changed: Vec<Loaded>,
        removed: Vec<String>,
    },
}

/// Rebuilds the site at a root, re-reading and re-parsing only what changed.
pub struct Rebuilder {
    root: PathBuf,
    /// Hash of site.yaml's text (or of why it cannot be read) as last read.
    site_yaml: Option<u64>,
    /// Hash of each file the load stage read (content files and attachments), by
    /// site-relative path: a save that leaves the bytes as they were changes nothing.
    files: HashMap<String, u64>,
    /// The load stage's problems (files it cannot read or ignores), by the path they name.
    load_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// The parsed site, kept up to date file by file (None until site.yaml can be read).
    live: Option<LiveSite>,
    /// The theme, with the name it was loaded for; reloaded when templates change.
    theme: Option<(String, Theme)>,
    /// The last good output, to re-render only what a save affects.
    previous: Option<Arc<Output>>,
    built_once: bool,
}

impl Rebuilder {
    /// A rebuilder for the site at `root`; nothing is read until [`Rebuilder::rebuild`].
    pub fn new(root: &Path) -> Self {
        Rebuilder {
            root: root.to_path_buf(),
            site_yaml: None,
            files: HashMap::new(),
            load_diags: BTreeMap::new(),
            live: None,
            theme: None,
            previous: None,
            built_once: false,
        }
    }

    /// Brings the site up to date with the files on disk; `changed` says which files may
    /// have changed since the previous call (the first call, and one naming no file, reads
    /// everything).
    pub fn rebuild(&mut self, changed: &Changed) -> Rebuilt {
        let started = Instant::now();
        let (step, mut changed_sources) = self.load(changed);
        let mut timings = Timings {
            load: started.elapsed(),
            ..Timings::default()
        };
        if self.built_once && changed_sources.is_empty() && !changed.touches_templates() {
            return Rebuilt {
                outcome: Outcome::Unchanged,
                changed: changed_sources,
                warnings: 0,
                timings,
            };
        }
        self.built_once = true;
        let t = Instant::now();
        let mut fresh_files = None;
        let live = match step {
            Some(Step::Full(files)) => {
                fresh_files = Some(files);
                None
            }
            other => {
                let (changed, removed) = match other {
                    Some(Step::Update { changed, removed }) => (changed, removed),
                    _ => (Vec::new(), Vec::new()),
                };
                let load_diags = self.load_diags.values().flatten().cloned().collect();
                self.live
                    .as_mut()
                    .and_then(|live| live.update(changed, &removed, load_diags))
            }
        };
        let (mut reload, mut reloaded) = (Duration::ZERO, false);
        let LiveParsed { parsed, warnings } = match live {
            Some(p) => p,
            None => {
                // Everything read afresh, or a change the parse stage cannot take file by
                // file (an attachment added or removed): start afresh.
                let files = fresh_files.unwrap_or_else(|| {
                    let t = Instant::now();
                    let files = self.load_all();
                    reload = t.elapsed();
                    reloaded = true;
                    files
                });
                if reloaded {
                    changed_sources = self.changed_in_full(&files, changed_sources);
                }
                let (parsed, live) = LiveSite::start(files);
                self.live = live;
                parsed
            }
        };
        timings.load += reload;
        timings.parse = t.elapsed().saturating_sub(reload);
        let Parsed {
            site,
            diags,
            mut sources,
            ..
        } = parsed;
        let Some(site) = site else {
            // The texts of service files are not kept: read again those whose lines the
            // errors show.
            let shown = Parsed {
                site: None,
                diags,
                sources: std::mem::take(&mut sources),
                theme: Default::default(),
            };
            for path in shown.unsourced() {
                if let Some(text) = crate::load::read_text(&self.root, &path) {
                    sources.insert(path, text);
                }
            }
            sources.extend(shown.sources);
            return Rebuilt {
                outcome: Outcome::Failed(Problems {
                    diags: shown.diags,
                    sources,
                }),
                changed: changed_sources,
                warnings,
                timings,
            };
        };
        let theme_name = site.config.theme.clone();
        let stale = changed.touches_templates()
            || self
                .theme
                .as_ref()
                .is_none_or(|(name, _)| *name != theme_name);
        if stale {
            let (theme, theme_diags) = load_theme(&self.root, &theme_name);
            if diag::error_count(&theme_diags) > 0 {
                self.theme = None;
                return Rebuilt {
                    outcome: Outcome::Failed(Problems {
                        diags: theme_diags,
                        sources: HashMap::new(),
                    }),
                    changed: changed_sources,
                    warnings,
                    timings,
                };
            }
            self.theme = Some((theme_name, theme));
        }
        let Some((_, theme)) = &self.theme else {
            unreachable!("the theme was loaded above");
        };
        // After a save that changed only service items, their pages are rendered again and
        // every other item page is kept; of the catalogue and its listings, when what they
        // show besides the items' rows is as before, only the pages listing a changed
        // item. The other pages summarizing items are rendered again.
        let previous = self
            .previous
            .as_ref()
            .filter(|_| !stale && !changed.rescan && only_items_changed(&changed_sources));
        let changed_codes: HashSet<String> = site
            .services
            .iter()
            .filter(|s| changed_sources.contains(&s.source))
            .map(|s| s.code.clone())
            .collect();
        let listing_key = crate::render::html::listing_key(&site);
        let same_listings = previous.is_some_and(|p| p.listing_key == listing_key);
        let t = Instant::now();
        let options = RenderOptions {
            documents: false,
            only_services: previous.map(|_| &changed_codes),
            summaries: false,
            listing_items: same_listings.then_some(&changed_codes),
            ..RenderOptions::default()
        };
        let rendered = render_site_with(&site, theme, options);
        timings.render = t.elapsed();
        let outcome = match rendered {
            Ok(files) => {
                let mut all: HashMap<String, Bytes> = match previous {
                    Some(prev) => {
                        let codes: HashSet<&str> =
                            site.services.iter().map(|s| s.code.as_str()).collect();
                        prev.files
                            .iter()
                            .filter(|(path, _)| {
                                // The changed items' pages are all rendered again (a
                                // print page may have gone).
                                let item =
                                    crate::route::Route::item_page_code(path).is_some_and(|c| {
                                        codes.contains(c) && !changed_codes.contains(c)
                                    });
                                item || (same_listings
                                    && crate::render::html::is_listing_page(path))
                            })
                            .map(|(p, b)| (p.clone(), b.clone()))
                            .collect()
                    }
                    None => HashMap::new(),
                };
                all.extend(files.into_iter().map(|f| (f.path, Bytes::from(f.bytes))));
                let output = Arc::new(Output {
                    files: all,
                    draft_dirs: draft_dirs(&site),
                    base_path: site.config.base_path.clone(),
                    listing_key,
                    site: Some(Arc::new(site)),
                    summaries: Default::default(),
                });
                self.previous = Some(output.clone());
                Outcome::Built(output)
            }
            Err(diags) => Outcome::Failed(Problems {
                diags,
                sources: HashMap::new(),
            }),
        };
        Rebuilt {
            outcome,
            changed: changed_sources,
            warnings,
            timings,
        }
    }

    /// Reads what may have changed through the load stage: the files the watcher names
    /// (each looked up and read on its own, no walk of the folder), or everything after a
    /// rescan, on the first call, after site.yaml changed or when a named path is a
    /// folder. Returns what to parse (None: nothing changed) and the paths whose content
    /// changed, appeared or disappeared.
    fn load(&mut self, changed: &Changed) -> (Option<Step>, Vec<String>) {
        if changed.rescan || changed.paths.is_empty() || !self.built_once || self.live.is_none() {
            return self.full(Vec::new());
        }
        let mut changed_sources = Vec::new();
        if changed.paths.contains(SITE_YAML) && self.site_yaml != Some(site_yaml_hash(&self.root)) {
            // Every item is judged against site.yaml: a full reload.
            return self.full(vec![SITE_YAML.to_string()]);
        }
        let named: Vec<String> = changed
            .paths
            .iter()
            .filter(|p| {
                matches!(
                    ChangeKind::of(p),
                    ChangeKind::Content(_) | ChangeKind::Static | ChangeKind::OtherContent
                )
            })
            .cloned()
            .collect();
        let found = crate::load::load_named(&self.root, &named);
        let mut fresh = Vec::new();
        let mut removed = Vec::new();
        for (path, (named, loaded)) in named.iter().zip(found) {
            let diag = match (named, loaded) {
                (Named::Folder, _) => return self.full(Vec::new()),
                (Named::File(_), Some(Ok(loaded))) => {
                    let hash = loaded_hash(&loaded);
                    let had_diag = self.load_diags.remove(path).is_some();
                    if self.files.insert(path.clone(), hash) != Some(hash) || had_diag {
                        fresh.push(loaded);
                        changed_sources.push(path.clone());
                    }
                    continue;
                }
                (Named::File(_), Some(Err(d))) | (Named::Refused(d), _) => Some(*d),
                (Named::File(_), None) | (Named::Absent, _) => None,
            };
            // Gone, or not readable: the parse stage no longer has it.
            let prefix = format!("{path}/");
            if self.files.keys().any(|k| k.starts_with(&prefix)) {
                // A folder went: what was under it is found by walking.
                return self.full(Vec::new());
            }
            let was_file = self.files.remove(path).is_some();
            let old = match diag {
                Some(d) => self.load_diags.insert(path.clone(), vec![d.clone()]) != Some(vec![d]),
                None => self.load_diags.remove(path).is_some(),
            };
            if was_file {
                removed.push(path.clone());
            }
            if was_file || old {
                changed_sources.push(path.clone());
            }
        }
        changed_sources.sort();
        changed_sources.dedup();
        let step = (!changed_sources.is_empty()).then_some(Step::Update {
            changed: fresh,
            removed,
        });
        (step, changed_sources)
    }

    /// Everything read afresh, with the paths that changed since the last read
    /// (`known`: those already known to have changed).
    fn full(&mut self, known: Vec<String>) -> (Option<Step>, Vec<String>) {
        let files = self.load_all();
        let changed = self.changed_in_full(&files, known);
        (Some(Step::Full(files)), changed)
    }

    /// Everything, read by the load stage, with the hash of each file kept.
    fn load_all(&mut self) -> LoadedFiles {
        let files = load_files(&self.root);
        self.site_yaml = Some(site_yaml_hash(&self.root));
        self.load_diags.clear();
        for d in &files.diags {
            self.load_diags
                .entry(d.file.clone())
                .or_default()
                .push(d.clone());
        }
        files
    }

    /// After a full load: which files differ from what was read before (all of them
    /// the first time), added to `known` (the paths already known to have changed).
    fn changed_in_full(&mut self, files: &LoadedFiles, mut known: Vec<String>) -> Vec<String> {
        let hashes: HashMap<String, u64> = files
            .files
            .par_iter()
            .map(|f| (f.path.clone(), hash_bytes(f.text.as_bytes())))
            .chain(files.static_files.par_iter().map(|f| {
                (
                    format!("content/static/{}", f.path),
                    hash_bytes(&f.bytes) ^ 1,
                )
            }))
            .collect();
        for (path, hash) in &hashes {
            if self.files.get(path) != Some(hash) {
                known.push(path.clone());
            }
        }
        known.extend(
            self.files
                .keys()
                .filter(|p| !hashes.contains_key(*p))
                .cloned(),
        );
        self.files = hashes;
        known.sort();
        known.dedup();
        known
    }
}

/// The hash of what the load stage makes of site.yaml (its text, or why it cannot be read).
fn site_yaml_hash(root: &Path) -> u64 {
    match read_site_yaml(root) {
        Ok(text) => hash_bytes(text.as_bytes()),
        Err(d) => hash_bytes(d.message.as_bytes()) ^ 2,
    }
}

/// The hash of a file as the load stage read it.
fn loaded_hash(loaded: &Loaded) -> u64 {
    match loaded {
        Loaded::Source(f) => hash_bytes(f.text.as_bytes()),
        Loaded::Static(f) => hash_bytes(&f.bytes) ^ 1,
    }
}

/// The output folders of the site's draft items, e.g. `services/X/`.
pub fn draft_dirs(site: &Site) -> HashSet<String> {
    site.entries()
        .filter(|e| e.draft)
        .map(|e| crate::route::Route::of(e).url_path())
        .collect()
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Whether every changed source is a service item file.
fn only_items_changed(changed: &[String]) -> bool {
    !changed.is_empty()
        && changed
            .iter()
            .all(|p| ChangeKind::of(p) == ChangeKind::Content(Section::Services))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path) {
        std::fs::create_dir_all(dir.join("content/services")).unwrap();
        std::fs::create_dir_all(dir.join("content/pages")).unwrap();
        std::fs::write(
            dir.join("site.yaml"),
            "网站名称: 测试\n主办单位: 测试办\n网站地址: https://example.org/\n统计日期: 2026-01-01\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("content/pages/about.md"),
            "---\n标题: 关于\n---\n正文\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("content/pages/draft.md"),
            "---\n标题: 草稿页\n草稿: true\n---\n正文\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.join("content/static")).unwrap();
        std::fs::write(dir.join("content/static/a.txt"), "one").unwrap();
    }

    fn built(r: &Rebuilt) -> &Output {
        match &r.outcome {
            Outcome::Built(o) => o,
            other => panic!("expected a build, got {other:?}"),
        }
    }

    #[test]
    fn change_kinds_follow_the_load_stage_sections() {
        assert_eq!(ChangeKind::of("site.yaml"), ChangeKind::SiteConfig);
        assert_eq!(
            ChangeKind::of("content/services/a.md"),
            ChangeKind::Content(Section::Services)
        );
        assert_eq!(
            ChangeKind::of("content/centres/a.yaml"),
            ChangeKind::Content(Section::Centres)
        );
        assert_eq!(ChangeKind::of("content/static/f.pdf"), ChangeKind::Static);
        assert_eq!(ChangeKind::of("content/x.md"), ChangeKind::OtherContent);
        assert_eq!(
            ChangeKind::of("content/misc/x.md"),
            ChangeKind::OtherContent
        );
        assert_eq!(ChangeKind::of("templates/page.html"), ChangeKind::Theme);
    }

    #[test]
    fn a_named_save_reuses_the_listing() {
        let tmp = tempfile::tempdir().unwrap();
        site(tmp.path());
        let mut r = Rebuilder::new(tmp.path());
        r.rebuild(&Changed::default());
        let about = tmp.path().join("content/pages/about.md");
        std::fs::write(&about, "---\n标题: 关于我们\n---\n正文\n").unwrap();
        let ch = Changed {
            paths: ["content/pages/about.md".to_string()].into(),
            rescan: false,
        };
        let out = r.rebuild(&ch);
        assert_eq!(out.changed, ["content/pages/about.md"]);
        assert!(
            String::from_utf8_lossy(&built(&out).files["pages/about/index.html"])
                .contains("关于我们")
        );
        // A file the watcher names that was not read before calls for a walk.
        std::fs::write(tmp.path().join("content/static/c.txt"), "c").unwrap();
        let ch = Changed {
            paths: ["content/static/c.txt".to_string()].into(),
            rescan: false,
        };
        let out = r.rebuild(&ch);
        assert!(built(&out).files.contains_key("static/c.txt"));
    }

    #[test]
    fn first_build_reads_everything_and_knows_drafts() {
        let tmp = tempfile::tempdir().unwrap();
        site(tmp.path());
        let mut r = Rebuilder::new(tmp.path());
        let out = r.rebuild(&Changed::default());
        let o = built(&out);
        assert_eq!(o.files["static/a.txt"].as_ref(), b"one");
        assert!(o.is_draft("pages/draft/index.html"));
        assert!(!o.is_draft("pages/about/index.html"));
        assert!(out.changed.contains(&"content/pages/about.md".to_string()));
    }

    #[test]
    fn a_saved_item_rerenders_like_a_full_build() {
        let tmp = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
        for e in walkdir::WalkDir::new(&fixture) {
            let e = e.unwrap();
            let to = tmp.path().join(e.path().strip_prefix(&fixture).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        let mut r = Rebuilder::new(tmp.path());
        r.rebuild(&Changed::default());
        let rel = "content/services/330199-XK-0001.md";
        let path = tmp.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("个体工商户设立登记", "个体工商户登记")).unwrap();
        let ch = Changed {
            paths: [rel.to_string()].into(),
            rescan: false,
        };
        let partial = r.rebuild(&ch);
        let partial = built(&partial);
        let full = Rebuilder::new(tmp.path()).rebuild(&Changed::default());
        let full = built(&full);
        let mut a: Vec<_> = partial.files.keys().collect();
        let mut b: Vec<_> = full.files.keys().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "same files");
        for (k, v) in &full.files {
            assert_eq!(&partial.files[k], v, "{k} differs from a full build");
        }
        assert!(
            String::from_utf8_lossy(&partial.files["services/index.html"])
                .contains("个体工商户登记"),
            "the catalogue shows the new name"
        );
    }

    #[test]
    fn only_changed_content_counts() {
        let tmp = tempfile::tempdir().unwrap();
        site(tmp.path());
        let mut r = Rebuilder::new(tmp.path());
        r.rebuild(&Changed::default());
        // Rewritten with the same bytes: nothing to do.
        std::fs::write(tmp.path().join("content/static/a.txt"), "one").unwrap();
        let same = Changed {
            paths: ["content/static/a.txt".to_string()].into(),
            rescan: false,
        };
        assert!(matches!(r.rebuild(&same).outcome, Outcome::Unchanged));
        std::fs::write(tmp.path().join("content/static/a.txt"), "two").unwrap();
        let out = r.rebuild(&same);
        assert_eq!(out.changed, ["content/static/a.txt"]);
        assert_eq!(built(&out).files["static/a.txt"].as_ref(), b"two");
    }

    #[test]
    fn errors_then_fix() {
        let tmp = tempfile::tempdir().unwrap();
        site(tmp.path());
        let mut r = Rebuilder::new(tmp.path());
        r.rebuild(&Changed::default());
        let about = tmp.path().join("content/pages/about.md");
        std::fs::write(&about, "---\n标题: 关于\n颜色: 红\n---\n").unwrap();
        let ch = Changed {
            paths: ["content/pages/about.md".to_string()].into(),
            rescan: false,
        };
        match r.rebuild(&ch).outcome {
            Outcome::Failed(p) => {
                assert!(p.diags.iter().any(|d| d.file == "content/pages/about.md"));
                assert!(p.sources.contains_key("content/pages/about.md"));
            }
            other => panic!("expected errors, got {other:?}"),
        }
        std::fs::write(&about, "---\n标题: 关于\n---\n").unwrap();
        built(&r.rebuild(&ch));
    }

    #[test]
    fn new_and_removed_files_are_noticed_without_events() {
        let tmp = tempfile::tempdir().unwrap();
        site(tmp.path());
        let mut r = Rebuilder::new(tmp.path());
        r.rebuild(&Changed::default());
        std::fs::remove_file(tmp.path().join("content/static/a.txt")).unwrap();
        std::fs::write(tmp.path().join("content/static/b.txt"), "b").unwrap();
        let out = r.rebuild(&Changed::default());
        assert_eq!(
            out.changed,
            ["content/static/a.txt", "content/static/b.txt"]
        );
        let o = built(&out);
        assert!(!o.files.contains_key("static/a.txt"));
        assert!(o.files.contains_key("static/b.txt"));
    }
}
