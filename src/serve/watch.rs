//! Watching the site folder for saves.
//!
//! notify-debouncer-full turns an editor's save (written in place, written to a temporary
//! file then renamed, or deleted then created) into one settled batch of events; the batches
//! go, as [`Changed`] sets of site-relative paths, to the rebuild loop, which merges bursts.
//! Only site.yaml and the folders content/, templates/, static/ and themes/ count; the
//! output folder, hidden files and editors' temporary files are ignored.
//!
//! A watched folder that is moved away, deleted or replaced (`mv content c; mv c content`,
//! `rm -rf content; cp -r backup content`) loses its system watch; [`SiteWatcher::rearm`]
//! watches it again before each rebuild, and the rebuild then re-reads everything.
//!
//! With `--poll` no system notifications are used: a thread lists the watched folders
//! twice a second and compares each file's size, modification time (to the nanosecond),
//! change time and inode with the previous listing, so edits in place, appends and
//! rewrites are seen as well as new and deleted files.

use super::rebuild::Changed;
use crate::load::SITE_YAML;
use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

/// Folders under the site root whose changes call for a rebuild.
pub const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// How long a file must be quiet before its events are passed on (editors write a save
/// within a few milliseconds: in place, or a temporary file renamed).
const DEBOUNCE: Duration = Duration::from_millis(25);

/// How often a polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What identifies a folder on disk: replaced by another folder of the same name, it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId {
    dev: u64,
    ino: u64,
    created: Option<SystemTime>,
}

fn folder_id(path: &Path) -> Option<FolderId> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Some(FolderId {
        dev,
        ino,
        created: meta.created().ok(),
    })
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Kept only to be dropped with the watcher, which stops its thread.
    Poll {
        _thread: Poller,
    },
}

/// A running watcher; dropping it stops watching.
pub struct SiteWatcher {
    inner: Inner,
    root: PathBuf,
    /// The watched folders, with the folder each watch was set on.
    watched: HashMap<&'static str, FolderId>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (an absolute path); each settled batch of relevant
    /// changes is sent to `tx`. `poll` lists the files twice a second instead of using the
    /// system's notifications (network drives, WSL).
    pub fn start(root: &Path, poll: bool, tx: Sender<Changed>) -> notify::Result<SiteWatcher> {
        if poll {
            return Ok(SiteWatcher {
                inner: Inner::Poll {
                    _thread: Poller::start(root, tx).map_err(notify::Error::io)?,
                },
                root: root.to_path_buf(),
                watched: HashMap::new(),
            });
        }
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
        let debouncer = new_debouncer_opt(
            DEBOUNCE,
            None,
            handler,
            RecommendedCache::new(),
            notify::Config::default(),
        )?;
        let mut w = SiteWatcher {
            inner: Inner::Native(debouncer),
            root: root.to_path_buf(),
            watched: HashMap::new(),
        };
        if let Inner::Native(d) = &mut w.inner {
            d.watch(root, RecursiveMode::NonRecursive)?;
        }
        w.rearm(&Changed::default());
        Ok(w)
    }

    /// Watches again the watched folders that appeared, went or were replaced: those named
    /// in `changed` (an event on the folder itself), and those whose identity on disk is not
    /// the one watched. Returns whether any folder's watch was set again, in which case the
    /// files under it may have changed unseen and everything should be re-read.
    pub fn rearm(&mut self, changed: &Changed) -> bool {
        let Inner::Native(debouncer) = &mut self.inner else {
            // The poller lists the folders afresh each time.
            return false;
        };
        let mut rearmed = false;
        for name in WATCHED_FOLDERS {
            let dir = self.root.join(name);
            let now = folder_id(&dir);
            let was = self.watched.get(name).copied();
            let touched = changed.rescan || changed.paths.contains(name);
            if was.is_some() && (touched || now != was) {
                // The system may already have dropped the watch with the folder.
                let _ = debouncer.unwatch(&dir);
                self.watched.remove(name);
                rearmed = true;
            }
            if let Some(id) = now
                && !self.watched.contains_key(name)
            {
                match debouncer.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(name, id);
                        rearmed = true;
                    }
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
                }
            }
        }
        rearmed
    }
}

/// Whether an event of this kind can change a file's content or existence.
fn counts(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// What a polling watcher remembers of a file or folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    is_dir: bool,
    len: u64,
    modified: Option<SystemTime>,
    /// Inode change time in nanoseconds (unix), and the inode: a file renamed over
    /// another differs even when its size and modification time do not.
    changed_ns: i128,
    ino: u64,
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let (changed_ns, ino) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (changed_ns, ino) = (0, 0);
    Stamp {
        is_dir: meta.is_dir(),
        len: if meta.is_dir() { 0 } else { meta.len() },
        modified: meta.modified().ok(),
        changed_ns,
        ino,
    }
}

/// Site-relative path → stamp of every relevant file and folder.
fn poll_listing(root: &Path) -> BTreeMap<String, Stamp> {
    let mut out = BTreeMap::new();
    if let Ok(meta) = std::fs::metadata(root.join(SITE_YAML)) {
        out.insert(SITE_YAML.to_string(), stamp(&meta));
    }
    for name in WATCHED_FOLDERS {
        let walker = walkdir::WalkDir::new(root.join(name))
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            let Some(rel) = relevant(root, entry.path()) else {
                continue;
            };
            if let Ok(meta) = entry.metadata() {
                out.insert(rel, stamp(&meta));
            }
        }
    }
    out
}

/// The paths that differ between two listings. A watched folder itself appearing, going
/// or being replaced calls for a full re-read.
fn poll_diff(before: &BTreeMap<String, Stamp>, after: &BTreeMap<String, Stamp>) -> Changed {
    let mut c = Changed::default();
    for (path, s) in after {
        if before.get(path) != Some(s) {
            c.paths.insert(path.clone());
        }
    }
    for path in before.keys() {
        if !after.contains_key(path) {
            c.paths.insert(path.clone());
        }
    }
    // A folder's own stamp changes whenever an entry is added or removed in it; that is
    // already told by the entry's path.
    let dirs: Vec<String> = c
        .paths
        .iter()
        .filter(|p| {
            let (b, a) = (before.get(*p), after.get(*p));
            b.is_some_and(|s| s.is_dir)
                && a.is_some_and(|s| s.is_dir)
                && b.map(|s| s.ino) == a.map(|s| s.ino)
        })
        .cloned()
        .collect();
    for d in dirs {
        c.paths.remove(&d);
    }
    if WATCHED_FOLDERS.iter().any(|f| c.paths.contains(*f)) {
        c.rescan = true;
    }
    c
}

/// A thread listing the site every [`POLL_INTERVAL`]; stops when dropped.
struct Poller {
    stop: Arc<AtomicBool>,
}

impl Poller {
    fn start(root: &Path, tx: Sender<Changed>) -> std::io::Result<Poller> {
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let flag = stop.clone();
        let mut before = poll_listing(&root);
        std::thread::Builder::new()
            .name("gongkai-poll".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(POLL_INTERVAL);
                    let after = poll_listing(&root);
                    let changed = poll_diff(&before, &after);
                    before = after;
                    if (changed.rescan || !changed.paths.is_empty()) && tx.send(changed).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Poller { stop })
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
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
        // Under content/ as the load stage skips them; elsewhere hidden names only.
        if p.starts_with('.') || (first == "content" && i > 0 && crate::load::is_ignored_name(p)) {
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

#[cfg(test)]
mod poll_tests {
    use super::*;

    #[test]
    fn polling_sees_an_edit_in_place_of_the_same_size() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("content/static/a.html");
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(&page, "第一版").unwrap();
        let before = poll_listing(dir.path());
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&page, "第二版").unwrap();
        let after = poll_listing(dir.path());
        let c = poll_diff(&before, &after);
        assert!(c.paths.contains("content/static/a.html"), "{c:?}");
        assert!(!c.rescan);
        assert!(!c.paths.contains("content/static"), "folders are not told");
        assert_eq!(poll_diff(&after, &after), Changed::default());
    }

    #[test]
    fn polling_rereads_everything_when_a_watched_folder_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("static")).unwrap();
        std::fs::write(content.join("static/a.html"), "一").unwrap();
        let before = poll_listing(dir.path());
        std::fs::rename(&content, dir.path().join("old")).unwrap();
        std::fs::create_dir_all(content.join("static")).unwrap();
        std::fs::write(content.join("static/a.html"), "一").unwrap();
        let c = poll_diff(&before, &poll_listing(dir.path()));
        assert!(c.rescan, "{c:?}");
    }
}
