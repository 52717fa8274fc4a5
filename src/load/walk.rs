//! Walking the site folder and reading every file it holds.

use super::{Section, SourceFile, decode};
use crate::diag::{Diagnostic, Pos};
use crate::model::StaticFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Largest text file accepted (content files are a few KB; this refuses accidents).
const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Everything read from a site folder.
#[derive(Debug, Default)]
pub struct LoadedFiles {
    /// site.yaml, decoded (None when it could not be read).
    pub site_yaml: Option<String>,
    /// Content files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Attachments under content/static, sorted by path.
    pub static_files: Vec<StaticFile>,
    /// Problems met while reading.
    pub diags: Vec<Diagnostic>,
}

/// Name of the configuration file at the site root.
pub const SITE_YAML: &str = "site.yaml";

/// Reads site.yaml, every content file and every attachment of the site at `root`.
pub fn load_files(root: &Path) -> LoadedFiles {
    let mut out = LoadedFiles::default();
    match std::fs::read(root.join(SITE_YAML)) {
        Ok(bytes) => match decode(SITE_YAML, &bytes) {
            Ok(text) => out.site_yaml = Some(text),
            Err(msg) => out.diags.push(Diagnostic::error(SITE_YAML, msg)),
        },
        Err(e) => out.diags.push(
            Diagnostic::error(SITE_YAML, format!("cannot read site.yaml: {e}"))
                .help("every site has a site.yaml with at least 网站名称, 主办单位 and 网站地址"),
        ),
    }
    let content = root.join("content");
    if !content.is_dir() {
        out.diags.push(
            Diagnostic::error("content", "there is no content/ folder")
                .help("put services, plans, notices, centers and pages under content/"),
        );
        return out;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut text_paths: Vec<(String, PathBuf, Section, bool)> = Vec::new();
    let mut static_paths: Vec<(String, PathBuf)> = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel(root, p)).unwrap_or_default();
                out.diags
                    .push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let rel_path = rel(root, path);
        let mut ft = entry.file_type();
        if ft.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    ft = match std::fs::metadata(path) {
                        Ok(m) => m.file_type(),
                        Err(_) => continue,
                    };
                    if ft.is_dir() {
                        out.diags.push(Diagnostic::warning(
                            rel_path,
                            "linked folder ignored: copy the files into the site instead",
                        ));
                        continue;
                    }
                }
                _ => {
                    out.diags.push(
                        Diagnostic::error(
                            rel_path,
                            "link points outside the site folder (or nowhere)",
                        )
                        .help("copy the file into the site instead of linking to it"),
                    );
                    continue;
                }
            }
        }
        if !ft.is_file() {
            continue;
        }
        let parts: Vec<&str> = rel_path.split('/').collect();
        // parts[0] == "content"
        if parts.len() >= 3 && parts[1] == "static" {
            static_paths.push((parts[2..].join("/"), path.to_path_buf()));
            continue;
        }
        let section = parts.get(1).and_then(|s| Section::from_folder(s));
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match section {
            Some(section) if parts.len() >= 3 => {
                let is_yaml = ext == "yaml" || ext == "yml";
                if ext == "md" || (is_yaml && section.accepts_yaml()) {
                    text_paths.push((rel_path, path.to_path_buf(), section, is_yaml));
                } else {
                    let allowed = if section.accepts_yaml() {
                        ".md, .yaml or .yml"
                    } else {
                        ".md"
                    };
                    out.diags.push(
                        Diagnostic::warning(rel_path, "file ignored: not a content file")
                            .help(format!("files in this folder end in {allowed}; attachments go under content/static")),
                    );
                }
            }
            _ => out.diags.push(
                Diagnostic::warning(rel_path, "file ignored: it is not in a content folder")
                    .help("content/ holds the folders services, plans, notices, centers, pages and static"),
            ),
        }
    }

    let read: Vec<Result<SourceFile, Box<Diagnostic>>> = text_paths
        .into_par_iter()
        .map(|(rel_path, path, section, is_yaml)| read_text(rel_path, &path, section, is_yaml))
        .collect();
    for r in read {
        match r {
            Ok(f) => out.files.push(f),
            Err(d) => out.diags.push(*d),
        }
    }
    let statics: Vec<Result<StaticFile, Box<Diagnostic>>> = static_paths
        .into_par_iter()
        .map(|(p, path)| {
            std::fs::read(&path)
                .map(|bytes| StaticFile {
                    path: p.clone(),
                    bytes,
                })
                .map_err(|e| {
                    Box::new(Diagnostic::error(
                        format!("content/static/{p}"),
                        format!("cannot read: {e}"),
                    ))
                })
        })
        .collect();
    for r in statics {
        match r {
            Ok(f) => out.static_files.push(f),
            Err(d) => out.diags.push(*d),
        }
    }
    out
}

fn read_text(
    rel_path: String,
    path: &Path,
    section: Section,
    is_yaml: bool,
) -> Result<SourceFile, Box<Diagnostic>> {
    let cannot_read =
        |e: std::io::Error| Box::new(Diagnostic::error(&rel_path, format!("cannot read: {e}")));
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Box::new(Diagnostic::error(
            &rel_path,
            format!(
                "file is {} MB; content files are limited to {} MB",
                meta.len() / 1_048_576,
                MAX_TEXT_BYTES / 1_048_576
            ),
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&rel_path, format!("cannot read: {e}")))?;
    let text = decode(&rel_path, &bytes).map_err(|msg| {
        let line = std::str::from_utf8(&bytes).map(|_| 1).unwrap_or_else(|e| {
            bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        Box::new(Diagnostic::error(&rel_path, msg).at(Some(Pos { line, column: 1 })))
    })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(SourceFile {
        path: rel_path,
        section,
        stem,
        text,
        is_yaml,
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.') || n.starts_with('_')
}

fn rel(root: &Path, path: &Path) -> String {
    let r = path.strip_prefix(root).unwrap_or(path);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
