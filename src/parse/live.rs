//! Parsing a site once and keeping it up to date file by file, for the live preview.
//!
//! [`LiveSite::start`] parses every file as [`super::parse_site`] does and keeps each
//! file's result; [`LiveSite::update`] is then given only the files that changed: it
//! parses those again (and, when the set of service codes changed, the few files of the
//! other sections, which refer to codes), then runs the cross-file rules over all results.
//! The texts of service files are not kept (as in a build), so a change that calls every
//! item into question (site.yaml, an attachment added or removed) is answered with `None`:
//! the caller loads and starts afresh.

use super::{
    Env, Item, Parsed, assemble, code_in_unreadable, content_hash, parse_file, site_config,
};
use crate::diag::{self, Diagnostic};
use crate::load::{Loaded, LoadedFiles, Section, SourceFile};
use crate::model::{SiteConfig, StaticFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// One content file as last parsed.
#[derive(Clone)]
struct Entry {
    item: Option<Item>,
    /// Its problems, sorted, without repeats.
    diags: Vec<Diagnostic>,
    /// The code found line by line when a service file could not be read.
    unreadable_code: Option<String>,
    /// The file itself, for the sections other than services: they are parsed again
    /// when the service codes they may refer to change.
    source: Option<SourceFile>,
    section: Section,
    /// The content hash of a service file's text (see [`crate::model::Site::source_hashes`]).
    content_hash: Option<String>,
}

/// The result of [`LiveSite::start`] or [`LiveSite::update`].
pub struct LiveParsed {
    /// The site, or None when there are errors. Its `diags` hold the errors only (every
    /// error of every file, sorted); warnings are counted in [`LiveParsed::warnings`].
    pub parsed: Parsed,
    /// Number of warnings.
    pub warnings: usize,
}

/// A parsed site kept between saves (see the module documentation).
pub struct LiveSite {
    site_yaml: String,
    /// Its problems (warnings: with an error there is no live site).
    config_diags: Vec<Diagnostic>,
    env: Env,
    entries: BTreeMap<String, Entry>,
    /// Attachments by their path under content/static.
    static_files: BTreeMap<String, StaticFile>,
    /// The problems of the load stage (files that cannot be read, ignored files).
    load_diags: Vec<Diagnostic>,
}

impl LiveSite {
    /// Parses everything `files` holds. The result is what [`super::parse_site`] gives
    /// (with warnings counted); the live site is None when site.yaml cannot be read, since
    /// no item is judged against it then.
    pub fn start(files: LoadedFiles) -> (LiveParsed, Option<LiveSite>) {
        let mut config_diags = Vec::new();
        let config = files
            .site_yaml
            .as_deref()
            .and_then(|text| site_config::parse(text, &mut config_diags));
        let (Some(config), Some(site_yaml)) = (config, files.site_yaml.clone()) else {
            let parsed = super::parse_site(files);
            let warnings = parsed.diags.len() - diag::error_count(&parsed.diags);
            let mut parsed = parsed;
            parsed.diags.retain(Diagnostic::is_error);
            return (LiveParsed { parsed, warnings }, None);
        };
        let LoadedFiles {
            files,
            static_files,
            diags: load_diags,
            ..
        } = files;
        let mut live = LiveSite {
            site_yaml,
            config_diags,
            env: env(
                config,
                static_files.iter().map(|f| f.path.clone()).collect(),
            ),
            entries: BTreeMap::new(),
            static_files: static_files
                .into_iter()
                .map(|f| (f.path.clone(), f))
                .collect(),
            load_diags,
        };
        live.parse_services(files.iter().filter(|f| f.section == Section::Services));
        live.env_codes();
        let others: Vec<SourceFile> = files
            .into_iter()
            .filter(|f| f.section != Section::Services)
            .collect();
        live.parse_others(others);
        (live.assemble(), Some(live))
    }

    /// Brings the site up to date: `changed` holds the files read again (new or changed,
    /// content files and attachments), `removed` the site-relative paths of the files
    /// gone (or no longer readable), `load_diags` every problem of the load stage now.
    /// None when the change calls for a fresh start (an attachment added or removed:
    /// items refer to attachments).
    pub fn update(
        &mut self,
        changed: Vec<Loaded>,
        removed: &[String],
        load_diags: Vec<Diagnostic>,
    ) -> Option<LiveParsed> {
        let mut sources = Vec::new();
        for loaded in changed {
            match loaded {
                Loaded::Source(f) => sources.push(f),
                Loaded::Static(f) => {
                    if !self.static_files.contains_key(&f.path) {
                        return None;
                    }
                    self.static_files.insert(f.path.clone(), f);
                }
            }
        }
        for path in removed {
            if let Some(p) = path.strip_prefix("content/static/")
                && self.static_files.contains_key(p)
            {
                return None;
            }
        }
        self.load_diags = load_diags;
        for path in removed {
            self.entries.remove(path);
        }
        let (services, others): (Vec<SourceFile>, Vec<SourceFile>) = sources
            .into_iter()
            .partition(|f| f.section == Section::Services);
        let before = (
            std::mem::take(&mut self.env.codes),
            std::mem::take(&mut self.env.unreadable_codes),
            self.env.unreadable_without_code,
        );
        crate::timing::timed("live: parse services", || {
            self.parse_services(services.iter())
        });
        crate::timing::timed("live: codes", || self.env_codes());
        let after = (
            &self.env.codes,
            &self.env.unreadable_codes,
            self.env.unreadable_without_code,
        );
        if (&before.0, &before.1, before.2) != after {
            // Centres (and any other file) may refer to a code that came or went.
            let mut all: BTreeMap<String, SourceFile> = self
                .entries
                .values()
                .filter_map(|e| e.source.clone())
                .map(|f| (f.path.clone(), f))
                .collect();
            all.extend(others.into_iter().map(|f| (f.path.clone(), f)));
            self.parse_others(all.into_values().collect());
        } else {
            self.parse_others(others);
        }
        Some(crate::timing::timed("live: assemble", || self.assemble()))
    }

    /// Parses service files against site.yaml and the attachments, dropping their texts.
    fn parse_services<'a>(&mut self, files: impl Iterator<Item = &'a SourceFile>) {
        let files: Vec<&SourceFile> = files.collect();
        let parsed = parse_each(&files, &self.env, false);
        self.entries.extend(parsed);
    }

    /// Parses files of the other sections (against the service codes), keeping them.
    fn parse_others(&mut self, files: Vec<SourceFile>) {
        let refs: Vec<&SourceFile> = files.iter().collect();
        let parsed = parse_each(&refs, &self.env, true);
        self.entries.extend(parsed);
    }

    /// The service codes (and codes of unreadable service files) the other files are
    /// judged against.
    fn env_codes(&mut self) {
        let mut codes = HashSet::new();
        let mut unreadable = HashSet::new();
        let mut without_code = false;
        for e in self.entries.values() {
            if e.section != Section::Services {
                continue;
            }
            match (&e.item, &e.unreadable_code) {
                (Some(Item::Service(s, _)), _) => {
                    codes.insert(s.code.clone());
                }
                (Some(_), _) => {}
                (None, Some(code)) => {
                    unreadable.insert(code.clone());
                }
                (None, None) => without_code = true,
            }
        }
        self.env.codes = codes;
        self.env.unreadable_codes = unreadable;
        self.env.unreadable_without_code = without_code;
    }

    /// The site from every file's result, after the cross-file rules.
    fn assemble(&self) -> LiveParsed {
        let mut warnings = 0;
        let mut errors: Vec<Diagnostic> = Vec::new();
        let all = self
            .load_diags
            .iter()
            .chain(&self.config_diags)
            .chain(self.entries.values().flat_map(|e| &e.diags));
        for d in all {
            if d.is_error() {
                errors.push(d.clone());
            } else {
                warnings += 1;
            }
        }
        // Copied on both cores: at 10,000 items the copy is most of an update.
        let items: Vec<Item> = crate::timing::timed("live: copy items", || {
            self.entries
                .par_iter()
                .filter_map(|(_, e)| e.item.clone())
                .collect()
        });
        let text_of = |path: &str| {
            self.entries
                .get(path)
                .and_then(|e| e.source.as_ref())
                .map(|f| f.text.clone())
        };
        let parsed = assemble(
            Vec::new(),
            items,
            errors,
            super::Assembled {
                config: self.env.config.clone(),
                static_files: self.static_files.values().cloned().collect(),
                source_hashes: self
                    .entries
                    .values()
                    .filter_map(|e| match (&e.item, &e.content_hash) {
                        (Some(Item::Service(s, _)), Some(h)) => Some((s.source.clone(), h.clone())),
                        _ => None,
                    })
                    .collect(),
            },
            &text_of,
            Some(&self.site_yaml),
        );
        LiveParsed { parsed, warnings }
    }
}

fn env(config: SiteConfig, static_paths: HashSet<String>) -> Env {
    Env {
        config,
        static_paths,
        codes: HashSet::new(),
        unreadable_codes: HashSet::new(),
        unreadable_without_code: false,
    }
}

/// Parses `files` in parallel; `keep` keeps each file (with its text) in its entry.
fn parse_each(files: &[&SourceFile], env: &Env, keep: bool) -> Vec<(String, Entry)> {
    let lang = diag::lang::current();
    files
        .par_iter()
        .map(|f| {
            diag::lang::with(lang, || {
                let (item, mut diags) = parse_file(f, env);
                diag::sort(&mut diags);
                diags.dedup();
                let unreadable_code = match (&item, f.section) {
                    (None, Section::Services) => code_in_unreadable(&f.text),
                    _ => None,
                };
                let entry = Entry {
                    item,
                    diags,
                    unreadable_code,
                    source: keep.then(|| (*f).clone()),
                    section: f.section,
                    content_hash: content_hash(f),
                };
                (f.path.clone(), entry)
            })
        })
        .collect()
}
