//! Watching the site folder for saves.
//!
//! notify-debouncer-full turns an editor's save (written in place, written to a temporary
//! file then renamed, or deleted then created) into one settled batch of events; the batches
//! go, as [`Changed`] sets of site-relative paths, to the rebuild loop, which merges bursts.
//! Only site.yaml and the folders content/, templates/, static/ and themes/ count; the
//! output folder, hidden files and editors' temporary files are ignored.

use super::rebuild::Changed;
use crate::load::SITE_YAML;
use notify::event::{EventKind, ModifyKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Folders under the site root whose changes call for a rebuild.
pub const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// How long a file must be quiet before its events are passed on.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// How often a polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// A running watcher; dropping it stops watching.
pub struct SiteWatcher {
    inner: Inner,
    root: PathBuf,
    watched: HashSet<&'static str>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (an absolute path); each settled batch of relevant
    /// changes is sent to `tx`. `poll` uses a polling watcher (network drives, WSL).
    pub fn start(root: &Path, poll: bool, tx: Sender<Changed>) -> notify::Result<SiteWatcher> {
        let handler_root = root.to_path_buf();
        let handler = move |res: DebounceEventResult| {
            let changed = match res {
                Ok(events) => {
                    let mut c = Changed::default();
                    for e in events {
                        if e.need_rescan() {
                            c.rescan = true;
                        }
                        if !counts(&e.kind) {
                            continue;
                        }
                        for p in &e.paths {
                            if let Some(rel) = relevant(&handler_root, p) {
                                c.paths.insert(rel);
                            }
                        }
                    }
                    c
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching files: {e}");
                    }
                    Changed {
                        rescan: true,
                        ..Changed::default()
                    }
                }
            };
            if changed.rescan || !changed.paths.is_empty() {
                let _ = tx.send(changed);
            }
        };
        let inner = if poll {
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(false);
            Inner::Poll(new_debouncer_opt(
                DEBOUNCE,
                None,
                handler,
                NoCache::new(),
                config,
            )?)
        } else {
            Inner::Native(new_debouncer_opt(
                DEBOUNCE,
                None,
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )?)
        };
        let mut w = SiteWatcher {
            inner,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        w.watch(root, RecursiveMode::NonRecursive)?;
        w.watch_new_folders();
        Ok(w)
    }

    /// Starts watching those of the watched folders that exist now but did not before
    /// (e.g. a templates/ folder created while serving).
    pub fn watch_new_folders(&mut self) {
        for name in WATCHED_FOLDERS {
            if self.watched.contains(name) {
                continue;
            }
            let dir = self.root.join(name);
            if dir.is_dir() {
                match self.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(name);
                    }
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
                }
            }
        }
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(d) => d.watch(path, mode),
        }
    }
}

/// Whether an event of this kind can change a file's content or existence.
fn counts(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// The site-relative path of `path` when a change to it matters, else None.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    if parts.len() == 1 {
        // At the root: site.yaml, or a watched folder appearing or going.
        if first != SITE_YAML && !WATCHED_FOLDERS.contains(&first.as_str()) {
            return None;
        }
    } else if !WATCHED_FOLDERS.contains(&first.as_str()) {
        return None;
    }
    for (i, p) in parts.iter().enumerate() {
        if p.starts_with('.') || (first == "content" && i > 0 && p.starts_with('_')) {
            return None;
        }
    }
    if is_editor_temp(parts.last()?) {
        return None;
    }
    Some(parts.join("/"))
}

/// Files editors write beside the one being saved: vim's swap files and its `4913` probe,
/// backups ending in `~`, Emacs lock and autosave files, JetBrains' safe-write files.
pub fn is_editor_temp(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_count() {
        let root = Path::new("/site");
        let r = |p: &str| relevant(root, &root.join(p));
        assert_eq!(r("site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(
            r("content/services/a.md").as_deref(),
            Some("content/services/a.md")
        );
        assert_eq!(
            r("templates/base.html").as_deref(),
            Some("templates/base.html")
        );
        assert_eq!(
            r("themes/default/static/x.css").as_deref(),
            Some("themes/default/static/x.css")
        );
        assert_eq!(r("content").as_deref(), Some("content"));
        assert_eq!(r("output/index.html"), None);
        assert_eq!(r("output"), None);
        assert_eq!(r("notes.txt"), None);
        assert_eq!(r(".git/index"), None);
        assert_eq!(r("content/services/.a.md.swp"), None);
        assert_eq!(r("content/services/a.md~"), None);
        assert_eq!(r("content/services/4913"), None);
        assert_eq!(r("content/services/.#a.md"), None);
        assert_eq!(r("content/services/#a.md#"), None);
        assert_eq!(r("content/services/_wip.md"), None);
        assert_eq!(r("content/services/a.md.swx"), None);
        assert_eq!(relevant(root, Path::new("/elsewhere/a.md")), None);
    }
}
