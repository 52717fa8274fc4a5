//! Stage 4: write the rendered files atomically.
//!
//! Files go into a fresh folder beside the output; only when every file is written is the
//! old output swapped out for it. A failure leaves the previous output as it was.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` so that `out` holds exactly them, replacing its previous contents at once.
pub fn write_output(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = write_all(&staging, files).and_then(|()| swap(out, &staging, &retired));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| {
        if f.path.split('/').any(|seg| seg == ".." || seg.is_empty()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            ));
        }
        std::fs::write(dir.join(&f.path), &f.bytes)
    })
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
