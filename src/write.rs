//! Stage 4: write the rendered files atomically.
//!
//! Files go into a fresh folder beside the output; only when every file is written is the
//! old output swapped out for it. A failure leaves the previous output as it was.
//!
//! A build interrupted mid-way (killed, power cut) leaves its staging folder
//! `.output.new-PID` and perhaps, between the two renames of the swap, the previous output
//! as `.output.old-PID` with no `output/`. The next build puts such a previous output back
//! first and removes the staging folders of builds that are no longer running: only those
//! holding the marker file [`MARKER`] with their PID, so that nothing else is touched.
//!
//! A file whose bytes equal those of the same file in the previous output is not written
//! again: the new folder gets a hard link to it. Unchanged files keep their date (so
//! copying the output to a server can skip them), and a rebuild creates and deletes far
//! fewer files, which is most of its cost on some file systems.

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
    staging.commit()
}

/// A fresh folder beside the output that files are written into as they are rendered;
/// [`Staging::commit`] swaps it in for the output. Dropped without a commit, it is removed
/// and the output stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    made_dirs: Mutex<HashSet<PathBuf>>,
    /// Whether each folder of the previous output (relative path) is a real folder,
    /// not a link, so that its files may be reused; `None` when there is no output.
    old_dirs: Option<Mutex<HashMap<PathBuf, bool>>>,
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
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(MARKER), std::process::id().to_string())?;
        let old_output = std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir());
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            retired,
            made_dirs: Mutex::new(HashSet::new()),
            old_dirs: old_output.then(|| Mutex::new(HashMap::new())),
            files: AtomicU64::new(0),
            reused: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Writes one file into the staging folder (callable from many threads).
    pub fn write(&self, f: &OutputFile) -> io::Result<()> {
        if f.path.split('/').any(|seg| seg == ".." || seg.is_empty()) || f.path.contains('\\') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            ));
        }
        let path = self.dir.join(&f.path);
        if let Some(parent) = path.parent() {
            let known = self
                .made_dirs
                .lock()
                .map(|d| d.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent)?;
                if let Ok(mut d) = self.made_dirs.lock() {
                    d.insert(parent.to_path_buf());
                }
            }
        }
        if self.reuse(&f.path, &f.bytes, &path) {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            std::fs::write(&path, &f.bytes)?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Links `to` to the previous output's file at `rel` when that file holds exactly
    /// `bytes`; false when it does not (or cannot be linked), and the file must be
    /// written.
    fn reuse(&self, rel: &str, bytes: &[u8], to: &Path) -> bool {
        let Some(old_dirs) = &self.old_dirs else {
            return false;
        };
        let rel = Path::new(rel);
        if !rel
            .parent()
            .is_none_or(|d| self.old_dir_is_real(old_dirs, d))
        {
            return false;
        }
        let old = self.out.join(rel);
        let same = match std::fs::symlink_metadata(&old) {
            Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
                std::fs::read(&old).is_ok_and(|b| b == bytes)
            }
            _ => false,
        };
        same && std::fs::hard_link(&old, to).is_ok()
    }

    /// Whether `rel` and every folder above it in the previous output are real folders
    /// (a link could lead out of the output). Remembered per folder.
    fn old_dir_is_real(&self, old_dirs: &Mutex<HashMap<PathBuf, bool>>, rel: &Path) -> bool {
        if rel.as_os_str().is_empty() {
            return true;
        }
        if let Some(&known) = old_dirs.lock().ok().as_ref().and_then(|d| d.get(rel)) {
            return known;
        }
        let real = rel
            .parent()
            .is_none_or(|p| self.old_dir_is_real(old_dirs, p))
            && std::fs::symlink_metadata(self.out.join(rel)).is_ok_and(|m| m.is_dir());
        if let Ok(mut d) = old_dirs.lock() {
            d.insert(rel.to_path_buf(), real);
        }
        real
    }

    /// Files of the new output that were the previous output's, unchanged.
    pub fn reused(&self) -> u64 {
        self.reused.load(Ordering::Relaxed)
    }

    /// Files and bytes written so far.
    pub fn written(&self) -> (u64, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// Replaces the output with the staging folder.
    pub fn commit(mut self) -> io::Result<()> {
        // The marker is not published; a staging folder killed during the swap is
        // recognised by its name and contents instead (see [`recover`]).
        std::fs::remove_file(self.dir.join(MARKER))?;
        swap(&self.out, &self.dir, &self.retired)?;
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> io::Result<()> {
        self.write(&file)
    }
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
            // Killed during the swap, after the marker went: a whole output.
            if (marked || looks_built(&path)) && !running(pid) {
                std::fs::remove_dir_all(&path)?;
            }
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
