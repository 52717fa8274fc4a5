//! Stage 4: write the rendered files atomically.
//!
//! Files go into a fresh folder beside the output; only when every file is written is the
//! old output swapped out for it. A failure leaves the previous output as it was.

use crate::render::{OutputFile, Sink};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

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
    files: AtomicU64,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder for `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            retired,
            made_dirs: Mutex::new(HashSet::new()),
            files: AtomicU64::new(0),
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
        std::fs::write(&path, &f.bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
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

    #[test]
    fn replaces_previous_output_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_output(
            &out,
            &[
                OutputFile::new("a/b.html", "1"),
                OutputFile::new("c.txt", "2"),
            ],
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b.html")).unwrap(), "1");
        write_output(&out, &[OutputFile::new("d.txt", "3")]).unwrap();
        assert!(!out.join("c.txt").exists());
        assert_eq!(std::fs::read_to_string(out.join("d.txt")).unwrap(), "3");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_output(&out, &[OutputFile::new("keep.txt", "old")]).unwrap();
        let err = write_output(&out, &[OutputFile::new("../evil", "x")]);
        assert!(err.is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("keep.txt")).unwrap(),
            "old"
        );
        assert!(!tmp.path().join("evil").exists());
    }
}
