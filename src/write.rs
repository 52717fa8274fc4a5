//! Stage 4: write the rendered files atomically.
//!
//! Files go into a fresh folder beside the output (`.output.new-PID`); only when every
//! file is written does the output change. A failure leaves the previous output as it was.
//!
//! A file whose bytes equal those of the same file in the previous output (by the
//! manifest's hash when the previous build's manifest is trusted, else by reading it) is
//! not written at all. At the commit:
//! - with no previous output, the staging folder is renamed to it;
//! - over a previous output where at most half of the files changed, the output is
//!   *patched*: a journal of the changes is written into the staging folder, the
//!   previous files that are replaced or removed are put aside in `.output.backup-PID`
//!   (hard links), the changed files are renamed into place, the removed ones go with the
//!   folders they leave empty, and the journal is removed. Unchanged files are never
//!   touched (same inode and date), so a rebuild after a small edit creates a few files;
//! - otherwise the staging folder gets hard links to the unchanged files and is swapped
//!   in for the output with two renames.
//!
//! A build interrupted mid-way (killed, power cut) leaves its staging folder and perhaps,
//! between the two renames of the swap, the previous output as `.output.old-PID` with no
//! `output/`, or a patch half done with its journal. The next build first puts such a
//! previous output back, undoes a half-done patch (new files removed, the previous ones
//! renamed back from the backup), and removes the staging and backup folders of builds
//! that are no longer running: only those holding the marker file [`MARKER`] with their
//! PID, so that nothing else is touched.

use crate::manifest::{self, Manifest, Output};
use crate::render::{OutputFile, Sink};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why `out` must not be the output folder of the site in `root`, if it must not.
///
/// Each build replaces the output folder whole, so it must not hold the site or be
/// inside a folder the build reads, and an existing folder must be empty or made by an
/// earlier build: a mistyped `--output` (the desktop, a documents folder) must never be
/// deleted.
pub fn output_problem(root: &Path, out: &Path) -> Option<String> {
    let absolute = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (root_abs, out_abs) = (absolute(root), absolute(out));
    if root_abs.starts_with(&out_abs) {
        let (o, r) = (out.display(), root.join("output"));
        let r = r.display();
        return Some(crate::tr!(
            "输出文件夹 {o} 包含了网站本身；请另给一个文件夹，如 {r}",
            "the output folder {o} holds the site itself; give a folder of its own, such as {r}"
        ));
    }
    for read in ["content", "templates", "static", "themes"] {
        if out_abs.starts_with(root_abs.join(read)) {
            let (o, r) = (out.display(), root.join("output"));
            let r = r.display();
            return Some(crate::tr!(
                "输出文件夹 {o} 在网站的 {read} 文件夹里，而生成时要读取这个文件夹；请给一个在它外面的文件夹，如 {r}",
                "the output folder {o} is inside the site's {read}/ folder, which the build reads; give a folder outside it, such as {r}"
            ));
        }
    }
    existing_folder_problem(out)
}

/// Why the existing `out` must not be replaced by a build: it is a file, or a folder
/// holding files that no build made. A folder an earlier build made always holds
/// `index.html` and `data/services.json`.
fn existing_folder_problem(out: &Path) -> Option<String> {
    let meta = std::fs::metadata(out).ok()?;
    if !meta.is_dir() {
        let o = out.display();
        return Some(crate::tr!(
            "输出位置 {o} 是一个文件，不是文件夹；请给一个新的或空的文件夹",
            "the output {o} is a file, not a folder; give a new or empty folder"
        ));
    }
    let empty = std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_none());
    let built = out.join("index.html").is_file() && out.join("data/services.json").is_file();
    (!empty && !built).then(|| {
        let o = out.display();
        crate::tr!(
            "输出文件夹 {o} 里有不是 gongkai 生成的文件；每次生成都会整个替换输出文件夹，所以请给一个新的或空的文件夹（或自己先删掉这个文件夹）",
            "the output folder {o} holds files that were not made by gongkai; each build replaces the output folder whole, so give a new or empty folder (or delete this one yourself)"
        )
    })
}

/// Writes `files` so that `out` holds exactly them, replacing its previous contents at once.
pub fn write_output(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::new(out)?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit().map(|_| ())
}

/// The previous output as a build finds it.
#[derive(Debug, Default)]
struct OldOutput {
    /// Its files (relative, `/`-separated) with size and modification time.
    files: HashMap<String, (u64, std::time::SystemTime)>,
    /// Its folders (relative, `/`-separated), the output itself left out.
    dirs: HashSet<String>,
    /// No links or special files anywhere in it: files may be kept in place or linked.
    plain: bool,
}

impl OldOutput {
    /// Lists the output `out`, folders in parallel.
    fn read(out: &Path) -> OldOutput {
        let mut old = OldOutput {
            plain: true,
            ..OldOutput::default()
        };
        let entries = Mutex::new(Vec::new());
        list_dir(out, "", &entries);
        for entry in entries.into_inner().unwrap_or_default() {
            match entry {
                Entry::Dir(rel) => {
                    old.dirs.insert(rel);
                }
                Entry::File(rel, stat) => {
                    old.files.insert(rel, stat);
                }
                Entry::Other(rel) => {
                    old.plain = false;
                    if let Some(rel) = rel {
                        old.files.insert(rel, (u64::MAX, std::time::UNIX_EPOCH));
                    }
                }
            }
        }
        old
    }
}

/// One thing found in the previous output.
enum Entry {
    Dir(String),
    File(String, (u64, std::time::SystemTime)),
    /// A link, a special file, or something that could not be read.
    Other(Option<String>),
}

/// Adds what the folder `dir` (`rel` in the output) holds to `found`, its subfolders
/// listed in parallel.
fn list_dir(dir: &Path, rel: &str, found: &Mutex<Vec<Entry>>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        if let Ok(mut f) = found.lock() {
            f.push(Entry::Other(None));
        }
        return;
    };
    let mut here = Vec::new();
    let mut subdirs = Vec::new();
    for entry in read {
        let Ok(entry) = entry else {
            here.push(Entry::Other(None));
            continue;
        };
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            here.push(Entry::Other(None));
            continue;
        };
        let path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        match entry.file_type() {
            Ok(t) if t.is_dir() => {
                here.push(Entry::Dir(path.clone()));
                subdirs.push((entry.path(), path));
            }
            Ok(t) if t.is_file() => {
                let stat = entry
                    .metadata()
                    .ok()
                    .and_then(|m| Some((m.len(), m.modified().ok()?)));
                here.push(match stat {
                    Some(stat) => Entry::File(path, stat),
                    None => Entry::Other(Some(path)),
                });
            }
            _ => here.push(Entry::Other(Some(path))),
        }
    }
    if let Ok(mut f) = found.lock() {
        f.extend(here);
    }
    subdirs.par_iter().for_each(|(d, r)| list_dir(d, r, found));
}

/// What became of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Written into the staging folder.
    Written,
    /// The previous output's file, unchanged.
    Kept,
}

/// A fresh folder beside the output that changed files are written into as they are
/// rendered; [`Staging::commit`] puts them into the output. Dropped without a commit, it
/// is removed and the output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    backup: PathBuf,
    made_dirs: Mutex<HashSet<PathBuf>>,
    /// The previous output, when there is one.
    old: Option<OldOutput>,
    /// Files of the previous output known (from its manifest) to hold these bytes.
    trusted: HashMap<String, Output>,
    /// Every file of the new output.
    records: Mutex<Vec<(String, Output, Fate)>>,
    files: AtomicU64,
    reused: AtomicU64,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder for `out`. Refuses an `out` that exists and was not
    /// made by a build (see [`output_problem`]).
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        if parent.is_dir() {
            recover(out, &parent, &name)?;
        }
        if let Some(why) = existing_folder_problem(out) {
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, why));
        }
        std::fs::create_dir_all(&parent)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.new-{pid}"));
        let retired = parent.join(format!(".{name}.old-{pid}"));
        let backup = parent.join(format!(".{name}.backup-{pid}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(MARKER), pid.to_string())?;
        let old_output = std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir());
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            retired,
            backup,
            made_dirs: Mutex::new(HashSet::new()),
            old: old_output.then(|| OldOutput::read(out)),
            trusted: HashMap::new(),
            records: Mutex::new(Vec::new()),
            files: AtomicU64::new(0),
            reused: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// The previous output's manifest, when the output holds one this program wrote
    /// and nothing in the output is a link; with the time it was written.
    pub fn previous_manifest(&self) -> Option<(Manifest, std::time::SystemTime)> {
        let old = self.old.as_ref().filter(|o| o.plain)?;
        let &(_, written) = old.files.get(manifest::FILE)?;
        let bytes = std::fs::read(self.out.join(manifest::FILE)).ok()?;
        Some((Manifest::parse(&bytes)?, written))
    }

    /// The files of `previous` (whose manifest was written at `written`) that are still
    /// in the output as that build left them: the same size, not modified since.
    pub fn verified(
        &self,
        previous: &Manifest,
        written: std::time::SystemTime,
    ) -> HashMap<String, Output> {
        let Some(old) = self.old.as_ref().filter(|o| o.plain) else {
            return HashMap::new();
        };
        previous
            .outputs
            .iter()
            .filter(|(path, o)| {
                old.files
                    .get(path.as_str())
                    .is_some_and(|&(size, modified)| size == o.size && modified <= written)
            })
            .map(|(p, o)| (p.clone(), o.clone()))
            .collect()
    }

    /// Trusts `files` (from [`Staging::verified`]) to hold the bytes their hash says: a
    /// new file with the same hash is kept without reading the old one.
    pub fn trust(&mut self, files: HashMap<String, Output>) {
        self.trusted = files;
    }

    /// Keeps the previous output's file at `path` (one [`Staging::verified`] returned)
    /// as a file of the new output, without rendering it again.
    pub fn keep(&self, path: &str, output: Output) {
        self.count(output.size, true);
        if let Ok(mut r) = self.records.lock() {
            r.push((path.to_string(), output, Fate::Kept));
        }
    }

    /// Keeps those of `files` (from [`Staging::verified`]) that this build has not
    /// written itself, as [`Staging::keep`] does. Call it after rendering.
    pub fn keep_unwritten(&self, files: Vec<(String, Output)>) {
        let written: std::collections::HashSet<String> = match self.records.lock() {
            Ok(r) => r.iter().map(|(p, _, _)| p.clone()).collect(),
            Err(_) => return,
        };
        for (path, output) in files {
            if !written.contains(&path) {
                self.keep(&path, output);
            }
        }
    }

    fn count(&self, size: u64, reused: bool) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(size, Ordering::Relaxed);
        if reused {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Writes one file into the staging folder (callable from many threads), unless the
    /// previous output holds the same bytes at the same place.
    pub fn write(&self, f: &OutputFile) -> io::Result<()> {
        inside_output(&f.path)?;
        let output = Output {
            hash: manifest::hash(&f.bytes),
            size: f.bytes.len() as u64,
        };
        let fate = if self.unchanged(&f.path, &f.bytes, &output) {
            Fate::Kept
        } else {
            self.put(&f.path, &f.bytes)?;
            Fate::Written
        };
        self.count(output.size, fate == Fate::Kept);
        if let Ok(mut r) = self.records.lock() {
            r.push((f.path.clone(), output, fate));
        }
        Ok(())
    }

    /// Writes the file at `rel` whose bytes `contents` writes into the staging folder as
    /// they come, hashing them on the way; then, like [`Staging::write`], keeps the
    /// previous output's file instead when it holds the same bytes.
    pub fn write_streamed(
        &self,
        rel: &str,
        contents: crate::render::Contents<'_>,
    ) -> io::Result<()> {
        inside_output(rel)?;
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            self.make_dir(parent)?;
        }
        let mut file = Hashing::new(io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(&path)?,
        ));
        contents(&mut file)?;
        let output = file.finish()?;
        let same = match self.trusted.get(rel) {
            Some(t) => *t == output,
            None => self.old.as_ref().filter(|o| o.plain).is_some_and(|old| {
                old.files
                    .get(rel)
                    .is_some_and(|&(size, _)| size == output.size)
                    && hash_file(&self.out.join(rel)).is_ok_and(|h| h == output.hash)
            }),
        };
        let fate = if same {
            std::fs::remove_file(&path)?;
            Fate::Kept
        } else {
            Fate::Written
        };
        self.count(output.size, fate == Fate::Kept);
        if let Ok(mut r) = self.records.lock() {
            r.push((rel.to_string(), output, fate));
        }
        Ok(())
    }

    /// Writes `bytes` at `rel` in the staging folder.
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            self.make_dir(parent)?;
        }
        std::fs::write(&path, bytes)
    }

    fn make_dir(&self, dir: &Path) -> io::Result<()> {
        let known = self
            .made_dirs
            .lock()
            .map(|d| d.contains(dir))
            .unwrap_or(false);
        if !known {
            std::fs::create_dir_all(dir)?;
            if let Ok(mut d) = self.made_dirs.lock() {
                d.insert(dir.to_path_buf());
            }
        }
        Ok(())
    }

    /// Whether the previous output's file at `rel` holds exactly `bytes`: by its
    /// manifest's hash when trusted, else by reading it.
    fn unchanged(&self, rel: &str, bytes: &[u8], output: &Output) -> bool {
        if let Some(t) = self.trusted.get(rel) {
            return t == output;
        }
        let Some(old) = self.old.as_ref().filter(|o| o.plain) else {
            return false;
        };
        match old.files.get(rel) {
            Some(&(size, _)) if size == output.size => {
                std::fs::read(self.out.join(rel)).is_ok_and(|b| b == bytes)
            }
            _ => false,
        }
    }

    /// Files of the new output that were the previous output's, unchanged.
    pub fn reused(&self) -> u64 {
        self.reused.load(Ordering::Relaxed)
    }

    /// Files and bytes of the new output so far.
    pub fn written(&self) -> (u64, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// Every file of the new output so far, with its hash and size.
    pub fn outputs(&self) -> std::collections::BTreeMap<String, Output> {
        self.records
            .lock()
            .map(|r| r.iter().map(|(p, o, _)| (p.clone(), o.clone())).collect())
            .unwrap_or_default()
    }

    /// Writes the manifest, last (its time tells which files were changed after it).
    pub fn write_manifest(&self, manifest: &Manifest) -> io::Result<()> {
        let mut file = io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(self.dir.join(manifest::FILE))?,
        );
        manifest.write_to(&mut file)?;
        io::Write::flush(&mut file)
    }

    /// Makes the output hold exactly the new files, at once: the previous output's files
    /// that this build did not make (returned, relative) are gone.
    ///
    /// Into a new output, the staging folder is renamed. Over a previous output, when at
    /// most half of the files changed, only the changed files are moved in, after a
    /// journal of what is replaced and the previous files are put aside (see
    /// [`recover`], which puts them back when the build was killed). Otherwise the
    /// staging folder gets links to the unchanged files and is swapped in whole.
    pub fn commit(mut self) -> io::Result<Vec<String>> {
        let records = std::mem::take(&mut *self.records.lock().map_err(|_| poisoned())?);
        let manifest_written = self.dir.join(manifest::FILE).is_file();
        let Some(old) = self.old.take() else {
            std::fs::remove_file(self.dir.join(MARKER))?;
            swap(&self.out, &self.dir, &self.retired)?;
            self.committed = true;
            return Ok(Vec::new());
        };
        let mut new: HashSet<&str> = records.iter().map(|(p, _, _)| p.as_str()).collect();
        if manifest_written {
            new.insert(manifest::FILE);
        }
        let mut removed: Vec<String> = old
            .files
            .keys()
            .filter(|p| !new.contains(p.as_str()))
            .cloned()
            .collect();
        removed.sort();
        let mut puts: Vec<String> = records
            .iter()
            .filter(|(_, _, f)| *f == Fate::Written)
            .map(|(p, _, _)| p.clone())
            .collect();
        if manifest_written {
            puts.push(manifest::FILE.to_string());
        }
        let conflict = puts
            .iter()
            .any(|p| old.dirs.contains(p) || ancestors(p).any(|a| old.files.contains_key(a)));
        if old.plain && !conflict && puts.len() * 2 <= new.len().max(1) {
            self.patch(&old, &puts, &removed)?;
        } else {
            // Kept files are linked into the staging folder, which replaces the output.
            records
                .par_iter()
                .filter(|(_, _, f)| *f == Fate::Kept)
                .try_for_each(|(p, _, _)| {
                    let to = self.dir.join(p);
                    if let Some(parent) = to.parent() {
                        self.make_dir(parent)?;
                    }
                    std::fs::hard_link(self.out.join(p), &to)
                        .or_else(|_| std::fs::copy(self.out.join(p), &to).map(|_| ()))
                })?;
            // The marker is not published; a staging folder killed during the swap is
            // recognised by its name and contents instead (see [`recover`]).
            std::fs::remove_file(self.dir.join(MARKER))?;
            swap(&self.out, &self.dir, &self.retired)?;
        }
        self.committed = true;
        Ok(removed)
    }

    /// Moves the changed files `puts` into the output and removes `removed`, keeping
    /// the previous files aside until the end, with a journal in the staging folder.
    fn patch(&self, old: &OldOutput, puts: &[String], removed: &[String]) -> io::Result<()> {
        let mut dirs: Vec<String> = puts
            .iter()
            .flat_map(|p| ancestors(p))
            .filter(|d| !old.dirs.contains(*d))
            .map(str::to_string)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        dirs.sort_by_key(|d| (d.matches('/').count(), d.clone()));
        let journal = Journal {
            puts: puts.to_vec(),
            removed: removed.to_vec(),
            dirs,
        };
        let tmp = self.dir.join(format!("{JOURNAL}.tmp"));
        std::fs::write(
            &tmp,
            serde_json::to_vec(&journal).map_err(io::Error::other)?,
        )?;
        std::fs::create_dir_all(&self.backup)?;
        std::fs::write(self.backup.join(MARKER), std::process::id().to_string())?;
        std::fs::rename(&tmp, self.dir.join(JOURNAL))?;
        // From here on, a killed build is undone by the next one.
        let backup_dirs: Mutex<HashSet<PathBuf>> = Mutex::new(HashSet::new());
        let aside = |rel: &str| -> io::Result<PathBuf> {
            let to = self.backup.join(rel);
            if let Some(parent) = to.parent() {
                let known = backup_dirs.lock().is_ok_and(|d| d.contains(parent));
                if !known {
                    std::fs::create_dir_all(parent)?;
                    if let Ok(mut d) = backup_dirs.lock() {
                        d.insert(parent.to_path_buf());
                    }
                }
            }
            Ok(to)
        };
        puts.par_iter()
            .filter(|p| old.files.contains_key(p.as_str()))
            .try_for_each(|p| std::fs::hard_link(self.out.join(p), aside(p)?))?;
        removed
            .par_iter()
            .try_for_each(|p| std::fs::rename(self.out.join(p), aside(p)?))?;
        for d in &journal.dirs {
            match std::fs::create_dir(self.out.join(d)) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
        puts.par_iter()
            .try_for_each(|p| std::fs::rename(self.dir.join(p), self.out.join(p)))?;
        // Folders left empty by removed files go too, as a full build would not make them.
        let mut emptied: Vec<&str> = removed.iter().flat_map(|p| ancestors(p)).collect();
        emptied.sort_by_key(|d| std::cmp::Reverse((d.matches('/').count(), *d)));
        emptied.dedup();
        for d in emptied {
            let _ = std::fs::remove_dir(self.out.join(d));
        }
        std::fs::remove_file(self.dir.join(JOURNAL))?;
        // Done: the rest is tidying up.
        let _ = std::fs::remove_dir_all(&self.backup);
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

fn poisoned() -> io::Error {
    io::Error::other("a writing thread failed")
}

/// The folders above `rel` (`a/b/c.html` → `a/b`, `a`).
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    let mut rest = rel;
    std::iter::from_fn(move || {
        let i = rest.rfind('/')?;
        rest = &rest[..i];
        Some(rest)
    })
}

/// What a patch of the output changes, written before it starts.
#[derive(serde::Serialize, serde::Deserialize)]
struct Journal {
    /// Files moved from the staging folder into the output.
    puts: Vec<String>,
    /// Files removed from the output.
    removed: Vec<String>,
    /// Folders made in the output, shallowest first.
    dirs: Vec<String>,
}

/// The journal of a patch in progress, in the staging folder.
const JOURNAL: &str = ".gongkai-journal";

/// Undoes a patch of `out` that was killed: the new files go, the previous ones come
/// back from `backup`.
fn roll_back(out: &Path, staging: &Path, backup: &Path) -> io::Result<()> {
    let Ok(bytes) = std::fs::read(staging.join(JOURNAL)) else {
        return Ok(());
    };
    let journal: Journal = serde_json::from_slice(&bytes).map_err(io::Error::other)?;
    for p in &journal.puts {
        if !staging.join(p).exists() {
            match std::fs::remove_file(out.join(p)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    for p in journal.puts.iter().chain(&journal.removed) {
        let from = backup.join(p);
        if std::fs::symlink_metadata(&from).is_ok() {
            let to = out.join(p);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&from, &to)?;
        }
    }
    for d in journal.dirs.iter().rev() {
        let _ = std::fs::remove_dir(out.join(d));
    }
    std::fs::remove_file(staging.join(JOURNAL))
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> io::Result<()> {
        self.write(&file)
    }

    fn put_streamed(&self, path: String, contents: crate::render::Contents<'_>) -> io::Result<()> {
        self.write_streamed(&path, contents)
    }
}

/// Refuses a relative output path that would leave the output folder or overwrite the
/// build's own bookkeeping.
fn inside_output(rel: &str) -> io::Result<()> {
    if rel.split('/').any(|seg| seg == ".." || seg.is_empty())
        || rel.contains('\\')
        || rel == MARKER
        || rel == JOURNAL
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {rel}"),
        ));
    }
    Ok(())
}

/// A writer that passes bytes on and hashes them as [`manifest::hash`] does.
struct Hashing<W: io::Write> {
    inner: W,
    hasher: blake3::Hasher,
    size: u64,
}

impl<W: io::Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: blake3::Hasher::new(),
            size: 0,
        }
    }

    /// Flushes the writer; the hash and size of what went through.
    fn finish(mut self) -> io::Result<Output> {
        self.inner.flush()?;
        Ok(Output {
            hash: manifest::hex_of(self.hasher.finalize()),
            size: self.size,
        })
    }
}

impl<W: io::Write> io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// [`manifest::hash`] of the file at `path`, read in pieces.
fn hash_file(path: &Path) -> io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    Ok(manifest::hex_of(hasher.finalize()))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The file in a staging folder that marks it as made by a build, holding the build's PID.
pub const MARKER: &str = ".gongkai-build";

/// Whether a folder holds what every build writes (see [`existing_folder_problem`]).
fn looks_built(dir: &Path) -> bool {
    dir.join("index.html").is_file() && dir.join("data/services.json").is_file()
}

/// Whether the process `pid` may still be running (true when it cannot be told).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Cleans up after builds of `out` that were interrupted: puts back a previous output
/// left as `.NAME.old-PID` when `out` is missing, and removes the `.NAME.new-PID` staging
/// folders (with their [`MARKER`]) and `.NAME.old-PID` previous outputs of builds no longer
/// running. Folders of running builds, and anything not made by a build, are left alone.
fn recover(out: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let new_prefix = format!(".{name}.new-");
    let old_prefix = format!(".{name}.old-");
    let backup_prefix = format!(".{name}.backup-");
    let mut backups: Vec<(u32, PathBuf)> = Vec::new();
    let mut retired: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(parent)?.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if let Some(pid) = file_name.strip_prefix(&new_prefix) {
            let Ok(pid) = pid.parse::<u32>() else {
                continue;
            };
            let marked = std::fs::read_to_string(path.join(MARKER))
                .is_ok_and(|m| m.trim() == pid.to_string());
            if marked && !running(pid) && path.join(JOURNAL).is_file() {
                // Killed while patching the output: the previous files go back.
                roll_back(out, &path, &parent.join(format!("{backup_prefix}{pid}")))?;
            }
            // Killed during the swap, after the marker went: a whole output.
            if (marked || looks_built(&path)) && !running(pid) {
                std::fs::remove_dir_all(&path)?;
            }
        } else if let Some(pid) = file_name.strip_prefix(&backup_prefix) {
            let Ok(pid) = pid.parse::<u32>() else {
                continue;
            };
            backups.push((pid, path));
        } else if let Some(pid) = file_name.strip_prefix(&old_prefix) {
            let Ok(pid) = pid.parse::<u32>() else {
                continue;
            };
            if looks_built(&path) && !running(pid) {
                let when = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                retired.push((when, path));
            }
        }
    }
    // Previous files put aside by a patch that finished or was rolled back above.
    for (pid, path) in backups {
        let marked =
            std::fs::read_to_string(path.join(MARKER)).is_ok_and(|m| m.trim() == pid.to_string());
        let staging = parent.join(format!("{new_prefix}{pid}"));
        if marked && !running(pid) && !staging.join(JOURNAL).exists() {
            std::fs::remove_dir_all(&path)?;
        }
    }
    // The newest previous output goes back when there is none; the others go.
    retired.sort();
    if let Some((_, newest)) = retired.last()
        && std::fs::symlink_metadata(out).is_err()
    {
        std::fs::rename(newest, out)?;
        retired.pop();
    }
    for (_, path) in retired {
        std::fs::remove_dir_all(&path)?;
    }
    Ok(())
}

fn swap(out: &Path, staging: &Path, retired: &Path) -> io::Result<()> {
    if out.exists() {
        let _ = std::fs::remove_dir_all(retired);
        std::fs::rename(out, retired)?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous output back.
            let _ = std::fs::rename(retired, out);
            return Err(e);
        }
        std::fs::remove_dir_all(retired)
    } else {
        std::fs::rename(staging, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files every build writes, which mark a folder as made by one.
    fn marked(files: &[(&str, &str)]) -> Vec<OutputFile> {
        let mut v: Vec<OutputFile> = files.iter().map(|(p, b)| OutputFile::new(*p, *b)).collect();
        v.push(OutputFile::new("index.html", "home"));
        v.push(OutputFile::new("data/services.json", "[]"));
        v
    }

    #[test]
    fn replaces_previous_output_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_output(&out, &marked(&[("a/b.html", "1"), ("c.txt", "2")])).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b.html")).unwrap(), "1");
        write_output(&out, &marked(&[("d.txt", "3")])).unwrap();
        assert!(!out.join("c.txt").exists());
        assert_eq!(std::fs::read_to_string(out.join("d.txt")).unwrap(), "3");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_output(&out, &marked(&[("keep.txt", "old")])).unwrap();
        let err = write_output(&out, &[OutputFile::new("../evil", "x")]);
        assert!(err.is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("keep.txt")).unwrap(),
            "old"
        );
        assert!(!tmp.path().join("evil").exists());
    }

    /// An unchanged file is the previous output's file (same inode, same date); a
    /// changed one is written anew; the previous output is never modified.
    #[cfg(unix)]
    #[test]
    fn reuses_unchanged_files_and_writes_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let ino = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        write_output(
            &out,
            &marked(&[
                ("a/same.html", "same"),
                ("a/changed.html", "old"),
                ("top.txt", "top"),
            ]),
        )
        .unwrap();
        let (same, changed, top) = (ino("a/same.html"), ino("a/changed.html"), ino("top.txt"));
        let staging = Staging::new(&out).unwrap();
        for f in marked(&[
            ("a/same.html", "same"),
            ("a/changed.html", "new"),
            ("top.txt", "top"),
        ]) {
            staging.write(&f).unwrap();
        }
        assert_eq!(staging.reused(), 4);
        // Until the commit, the previous output is as it was.
        assert_eq!(
            std::fs::read_to_string(out.join("a/changed.html")).unwrap(),
            "old"
        );
        staging.commit().unwrap();
        assert_eq!(ino("a/same.html"), same);
        assert_eq!(ino("top.txt"), top);
        assert_ne!(ino("a/changed.html"), changed);
        assert_eq!(
            std::fs::read_to_string(out.join("a/changed.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::metadata(out.join("a/same.html")).unwrap().nlink(),
            1
        );
    }

    /// A file written as it is made is kept when the previous output holds the same
    /// bytes, replaced when not, recorded with the hash of its bytes either way, and
    /// refused outside the output.
    #[cfg(unix)]
    #[test]
    fn streamed_files_are_kept_or_replaced_like_the_others() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let ino = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        write_output(
            &out,
            &marked(&[("d/same.json", "same"), ("d/changed.json", "old")]),
        )
        .unwrap();
        let (same, changed) = (ino("d/same.json"), ino("d/changed.json"));
        let staging = Staging::new(&out).unwrap();
        for (path, text) in [("d/same.json", "same"), ("d/changed.json", "new, longer")] {
            staging
                .write_streamed(path, &|w| {
                    // In two pieces, as a serializer writes.
                    w.write_all(&text.as_bytes()[..2])?;
                    w.write_all(&text.as_bytes()[2..])
                })
                .unwrap();
        }
        assert!(staging.write_streamed("../x", &|_| Ok(())).is_err());
        assert_eq!(staging.reused(), 1);
        let outputs = staging.outputs();
        assert_eq!(outputs["d/same.json"].hash, manifest::hash(b"same"));
        assert_eq!(
            outputs["d/changed.json"].hash,
            manifest::hash(b"new, longer")
        );
        assert_eq!(outputs["d/changed.json"].size, 11);
        staging.commit().unwrap();
        assert_eq!(ino("d/same.json"), same);
        assert_ne!(ino("d/changed.json"), changed);
        assert_eq!(
            std::fs::read_to_string(out.join("d/changed.json")).unwrap(),
            "new, longer"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("d/same.json")).unwrap(),
            "same"
        );
    }

    /// A folder of the previous output that is a link (it could lead anywhere) is
    /// never looked into: its files are written, not linked.
    #[cfg(unix)]
    #[test]
    fn does_not_reuse_files_behind_a_linked_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("f.txt"), "x").unwrap();
        write_output(&out, &marked(&[])).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("a")).unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write(&OutputFile::new("a/f.txt", "x")).unwrap();
        assert_eq!(staging.reused(), 0);
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/f.txt")).unwrap(), "x");
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("f.txt")).unwrap(),
            "x"
        );
    }

    /// A build killed between the two renames of the swap left no output/, only the
    /// previous output beside it; killed builds left their staging folders. The next build
    /// puts the output back and removes those folders, and nothing else.
    #[cfg(target_os = "linux")]
    #[test]
    fn recovers_from_builds_killed_mid_way() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_output(&out, &marked(&[("keep.txt", "previous")])).unwrap();
        // PIDs above the kernel's largest are never running.
        let dead = 999_999_990u32;
        std::fs::rename(&out, tmp.path().join(format!(".output.old-{dead}"))).unwrap();
        for pid in [dead + 1, dead + 2] {
            let staging = tmp.path().join(format!(".output.new-{pid}"));
            std::fs::create_dir_all(staging.join("services")).unwrap();
            std::fs::write(staging.join(MARKER), pid.to_string()).unwrap();
            std::fs::write(staging.join("services/big.bin"), vec![0u8; 4096]).unwrap();
        }
        // Not made by a build (no marker), or of a running build: left alone.
        let foreign = tmp.path().join(format!(".output.new-{}", dead + 3));
        std::fs::create_dir_all(&foreign).unwrap();
        let running = tmp.path().join(".output.new-1");
        std::fs::create_dir_all(&running).unwrap();
        std::fs::write(running.join(MARKER), "1").unwrap();

        // A build that fails after starting still leaves the previous output in place.
        drop(Staging::new(&out).unwrap());
        assert_eq!(
            std::fs::read_to_string(out.join("keep.txt")).unwrap(),
            "previous"
        );
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".output.new-1".to_string(),
                format!(".output.new-{}", dead + 3),
                "output".into()
            ]
        );
        write_output(&out, &marked(&[("keep.txt", "next")])).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("keep.txt")).unwrap(),
            "next"
        );
        assert!(!out.join(MARKER).exists(), "the marker is not published");
    }

    /// Over a previous output, only the changed files are moved in: an unchanged file
    /// keeps its inode, a removed one goes with its folder, and nothing is left beside.
    #[cfg(unix)]
    #[test]
    fn patches_a_previous_output_in_place() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let many: Vec<(String, String)> = (0..10)
            .map(|i| (format!("s/{i}.html"), i.to_string()))
            .collect();
        let files = |extra: &[(&str, &str)]| {
            let mut v: Vec<(&str, &str)> =
                many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            v.extend_from_slice(extra);
            marked(&v)
        };
        write_output(&out, &files(&[("gone/x.txt", "x"), ("c.txt", "old")])).unwrap();
        let ino = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let (kept, root) = (ino("s/1.html"), ino("."));
        write_output(&out, &files(&[("c.txt", "new"), ("n/new.txt", "n")])).unwrap();
        assert_eq!(ino("s/1.html"), kept);
        assert_eq!(ino("."), root, "patched, not swapped");
        assert_eq!(std::fs::read_to_string(out.join("c.txt")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(out.join("n/new.txt")).unwrap(), "n");
        assert!(!out.join("gone").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    /// A build killed while patching the output is undone by the next one: replaced and
    /// removed files come back, new files and folders go.
    #[cfg(target_os = "linux")]
    #[test]
    fn rolls_back_a_patch_that_was_killed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_output(&out, &marked(&[("a.txt", "old a"), ("d/b.txt", "old b")])).unwrap();
        let dead = 999_999_980u32;
        let staging = tmp.path().join(format!(".output.new-{dead}"));
        let backup = tmp.path().join(format!(".output.backup-{dead}"));
        for d in [&staging, &backup] {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join(MARKER), dead.to_string()).unwrap();
        }
        let journal = Journal {
            puts: vec!["a.txt".into(), "n/m/new.txt".into(), "index.html".into()],
            removed: vec!["d/b.txt".into()],
            dirs: vec!["n".into(), "n/m".into()],
        };
        std::fs::write(staging.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();
        // Killed after a.txt and new.txt were moved in and d/b.txt was put aside; the
        // new index.html is still in the staging folder.
        std::fs::hard_link(out.join("a.txt"), backup.join("a.txt")).unwrap();
        std::fs::create_dir_all(backup.join("d")).unwrap();
        std::fs::rename(out.join("d/b.txt"), backup.join("d/b.txt")).unwrap();
        std::fs::remove_dir(out.join("d")).unwrap();
        std::fs::write(out.join("a.txt.tmp"), "new a").unwrap();
        std::fs::rename(out.join("a.txt.tmp"), out.join("a.txt")).unwrap();
        std::fs::create_dir_all(out.join("n/m")).unwrap();
        std::fs::write(out.join("n/m/new.txt"), "new").unwrap();
        std::fs::write(staging.join("index.html"), "new home").unwrap();

        drop(Staging::new(&out).unwrap());
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "old a");
        assert_eq!(
            std::fs::read_to_string(out.join("d/b.txt")).unwrap(),
            "old b"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
        assert!(!out.join("n").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    /// A mistyped output folder is never replaced: one holding other files, a file, the
    /// site itself or a folder the build reads.
    #[test]
    fn refuses_output_folders_a_build_must_not_replace() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let desktop = tmp.path().join("桌面");
        std::fs::create_dir_all(&desktop).unwrap();
        std::fs::write(desktop.join("工作总结.docx"), "mine").unwrap();
        let file = tmp.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();

        for (out, says) in [
            (desktop.clone(), "were not made by gongkai"),
            (file.clone(), "is a file"),
            (root.clone(), "holds the site itself"),
            (tmp.path().to_path_buf(), "holds the site itself"),
            (root.join("content/out"), "inside the site's content/"),
        ] {
            let why =
                crate::diag::lang::with(crate::diag::Lang::En, || output_problem(&root, &out))
                    .unwrap_or_else(|| panic!("{out:?} accepted"));
            assert!(why.contains(says), "{out:?}: {why}");
        }
        // Staging refuses the foreign folder as well, and leaves it as it was.
        assert!(Staging::new(&desktop).is_err());
        assert_eq!(
            std::fs::read_to_string(desktop.join("工作总结.docx")).unwrap(),
            "mine"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 3);

        // New, empty and earlier outputs are fine.
        assert_eq!(output_problem(&root, &root.join("output")), None);
        let empty = tmp.path().join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert_eq!(output_problem(&root, &empty), None);
        write_output(&root.join("output"), &marked(&[])).unwrap();
        assert_eq!(output_problem(&root, &root.join("output")), None);
        assert_eq!(output_problem(&root, Path::new("relative/new")), None);
    }
}
