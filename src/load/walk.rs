//! Walking the site folder and reading every file it holds.

use super::{Section, SourceFile, decode};
use crate::diag::tr;
use crate::diag::{Diagnostic, Pos};
use crate::model::StaticFile;
use crate::tr;
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
    load_files_with(root, &|_| {}, &|| {})
}

/// [`load_files`], telling `listed` how many files were found and `read` each time one
/// has been read (from the reading threads), to show progress.
pub fn load_files_with(
    root: &Path,
    listed: &dyn Fn(usize),
    read: &(dyn Fn() + Sync),
) -> LoadedFiles {
    let (mut out, listing) = start_loading(root);
    listed(listing.len());
    read_into(&mut out, listing, read);
    out
}

/// A site as `check` and `build` read it: everything but the service files read, the
/// service files found and read one by one as they are taken ([`Unread::read`]).
#[derive(Debug, Default)]
pub struct LoadedSite {
    /// site.yaml, the attachments and the content files of the other sections (few
    /// files, which the cross-file rules look at together), and every problem met
    /// finding the files and reading these.
    pub files: LoadedFiles,
    /// The service files (content/services), not read yet.
    pub services: Unread,
}

/// Service files found and not read yet. [`Unread::read`] reads and decodes each one
/// when it is taken, so that a caller that is done with each text before the next one
/// never holds them all (a site of 100,000 items has 400 MB of them).
#[derive(Debug, Default)]
pub struct Unread {
    files: Vec<UnreadFile>,
}

/// A service file found: its path from the site root, its path on disk, and whether it
/// is `.yaml`/`.yml`.
#[derive(Debug)]
struct UnreadFile {
    rel_path: String,
    path: PathBuf,
    is_yaml: bool,
}

impl Unread {
    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Their paths relative to the site root, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.rel_path.as_str())
    }

    /// Reads and decodes the files, in parallel and in path order, each one as the
    /// iterator takes it, as [`load_files`] reads each (problems are said in the
    /// caller's language).
    pub fn read(self) -> impl IndexedParallelIterator<Item = Result<SourceFile, Box<Diagnostic>>> {
        let lang = crate::diag::lang::current();
        self.files.into_par_iter().map(move |f| {
            crate::diag::lang::with(lang, || {
                let bytes = read_bytes(&f.rel_path, &f.path, true)?;
                decode_text(&f.rel_path, &f.path, Section::Services, f.is_yaml, &bytes)
            })
        })
    }
}

/// Reads site.yaml, the attachments and the content files other than service items of
/// the site at `root`, and finds the service files without reading them (see
/// [`LoadedSite`]).
pub fn load_site(root: &Path) -> LoadedSite {
    load_site_with(root, &|_| {}, &|| {})
}

/// [`load_site`], telling `listed` how many files it reads and `read` each time one has
/// been read (from the reading threads), to show progress.
pub fn load_site_with(root: &Path, listed: &dyn Fn(usize), read: &(dyn Fn() + Sync)) -> LoadedSite {
    let (mut out, listing) = start_loading(root);
    let mut services = Vec::new();
    let mut now = Vec::new();
    for f in listing {
        match f.kind {
            FoundKind::Text {
                section: Section::Services,
                is_yaml,
            } => services.push(UnreadFile {
                rel_path: f.rel_path,
                path: f.path,
                is_yaml,
            }),
            _ => now.push(f),
        }
    }
    listed(now.len());
    read_into(&mut out, now, read);
    LoadedSite {
        files: out,
        services: Unread { files: services },
    }
}

/// site.yaml read, and the files under content/ found (with the problems met finding
/// them).
fn start_loading(root: &Path) -> (LoadedFiles, Vec<FoundFile>) {
    let mut out = LoadedFiles::default();
    match read_site_yaml(root) {
        Ok(text) => out.site_yaml = Some(text),
        Err(d) => out.diags.push(*d),
    }
    let listing = list_files(root);
    out.diags.extend(listing.diags);
    (out, listing.files)
}

/// Reads `files` in parallel into `out`, calling `read` after each.
fn read_into(out: &mut LoadedFiles, files: Vec<FoundFile>, read: &(dyn Fn() + Sync)) {
    let lang = crate::diag::lang::current();
    let results: Vec<Result<Loaded, Box<Diagnostic>>> = files
        .into_par_iter()
        .map(|f| {
            let r = crate::diag::lang::with(lang, || load_found(&f));
            read();
            r
        })
        .collect();
    for r in results {
        match r {
            Ok(Loaded::Source(f)) => out.files.push(f),
            Ok(Loaded::Static(f)) => out.static_files.push(f),
            Err(d) => out.diags.push(*d),
        }
    }
}

/// A size in MB with one decimal, or in bytes when that would look like the limit
/// (a file over 8 MB must not read "8.0 MB; limited to 8.0 MB").
fn size_text(n: u64) -> String {
    let mb = |n: u64| format!("{:.1}", n as f64 / 1_048_576.0);
    if n != MAX_TEXT_BYTES && mb(n) == mb(MAX_TEXT_BYTES) {
        tr!("{n} 字节", "{n} bytes")
    } else if n == MAX_TEXT_BYTES {
        tr!("{} MB（{n} 字节）", "{} MB ({n} bytes)", mb(n))
    } else {
        format!("{} MB", mb(n))
    }
}

/// Why the site.yaml at `path` cannot be read as a file, when it is something else (a
/// folder, a pipe: reading a pipe would wait for ever).
pub fn site_yaml_not_a_file(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return None;
    }
    Some(if meta.is_dir() {
        tr(
            "site.yaml 是一个文件夹，不是文件；请删掉或改名这个文件夹，再写一个 site.yaml 文件",
            "site.yaml is a folder, not a file; remove or rename the folder and write a site.yaml file",
        )
        .to_string()
    } else {
        tr(
            "site.yaml 不是普通文件（是管道、设备之类）；请换成一个普通的 site.yaml 文件",
            "site.yaml is not a regular file (a pipe, a device or the like); replace it with a plain site.yaml file",
        )
        .to_string()
    })
}

/// Reads and decodes site.yaml at `root`.
pub fn read_site_yaml(root: &Path) -> Result<String, Box<Diagnostic>> {
    if let Some(why) = site_yaml_not_a_file(&root.join(SITE_YAML)) {
        return Err(Box::new(Diagnostic::error(SITE_YAML, why)));
    }
    match std::fs::read(root.join(SITE_YAML)) {
        Ok(bytes) => {
            decode(SITE_YAML, &bytes).map_err(|msg| Box::new(Diagnostic::error(SITE_YAML, msg)))
        }
        Err(e) => Err(Box::new(
            Diagnostic::error(
                SITE_YAML,
                tr!("无法读取 site.yaml：{e}", "cannot read site.yaml: {e}"),
            )
            .help(tr(
                "每个网站都有 site.yaml，至少写明 网站名称、主办单位 和 网站地址",
                "every site has a site.yaml with at least 网站名称, 主办单位 and 网站地址",
            )),
        )),
    }
}

/// The decoded text of the file at `rel` (relative to `root`, `/`-separated), or None when
/// it cannot be read as text: to show the lines of a file named by a diagnostic after its
/// text was dropped.
pub fn read_text(root: &Path, rel: &str) -> Option<String> {
    let bytes = std::fs::read(root.join(rel)).ok()?;
    decode(rel, &bytes).ok()
}

/// A file found under content/, not read yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Path relative to the site root, `/`-separated.
    pub rel_path: String,
    /// Path on disk.
    pub path: PathBuf,
    /// What the file is.
    pub kind: FoundKind,
}

/// What kind of file a [`FoundFile`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundKind {
    /// A content file of a section.
    Text {
        /// Its section.
        section: Section,
        /// `.yaml`/`.yml` (front matter alone).
        is_yaml: bool,
    },
    /// An attachment; the path is relative to content/static.
    Static(String),
}

/// The files under content/ and the problems met finding them.
#[derive(Debug, Default, Clone)]
pub struct Listing {
    /// Content files and attachments, in walk order (sorted by name).
    pub files: Vec<FoundFile>,
    /// Problems (unreadable folders, links leaving the site, ignored files).
    pub diags: Vec<Diagnostic>,
}

/// A file read and decoded.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A content file.
    Source(SourceFile),
    /// An attachment.
    Static(StaticFile),
}

/// Finds every content file and attachment under `root/content`, without reading them.
pub fn list_files(root: &Path) -> Listing {
    let mut out = Listing::default();
    let content = root.join("content");
    if !content.is_dir() {
        out.diags.push(
            Diagnostic::error(
                "content",
                tr("没有 content 文件夹", "there is no content/ folder"),
            )
            .help(tr(
                "在 content 下放 services、plans、notices、centers 和 pages 文件夹",
                "put services, plans, notices, centers and pages under content/",
            )),
        );
        return out;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canonical_content = content.canonicalize().unwrap_or_else(|_| content.clone());
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
                out.diags.push(Diagnostic::error(
                    path,
                    tr!("无法读取：{e}", "cannot read: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let rel_path = rel(root, path);
        let dirs = Dirs {
            root: &canonical_root,
            content: &canonical_content,
        };
        match classify(&dirs, rel_path, path, entry.file_type()) {
            Named::File(f) => out.files.push(f),
            Named::Refused(d) => out.diags.push(*d),
            Named::Absent | Named::Folder => {}
        }
    }

    out
}

/// The site's root and content folders, as the walk compares link targets with them.
struct Dirs<'a> {
    root: &'a Path,
    content: &'a Path,
}

/// What the load stage makes of one path under content/ (see [`find_file`]).
#[derive(Debug, Clone)]
pub enum Named {
    /// A file the walk reads.
    File(FoundFile),
    /// A file the walk reports and does not read (not a content file, a link leading
    /// outside the site or to a folder).
    Refused(Box<Diagnostic>),
    /// Nothing the walk would find: no such file, or a hidden or `_` name on the way.
    Absent,
    /// A folder (or content/ itself): what it holds is found by walking it.
    Folder,
}

/// What [`list_files`] makes of the entry at `path` (`rel_path` from the site root) whose
/// own type (not following links) is `ft`.
fn classify(dirs: &Dirs, rel_path: String, path: &Path, mut ft: std::fs::FileType) -> Named {
    if ft.is_symlink() {
        match path.canonicalize() {
            Ok(target) if target.starts_with(dirs.root) => {
                ft = match std::fs::metadata(path) {
                    Ok(m) => m.file_type(),
                    Err(_) => return Named::Absent,
                };
                if ft.is_dir() {
                    return Named::Refused(Box::new(Diagnostic::warning(
                        rel_path,
                        tr(
                            "跳过了快捷方式（链接）指向的文件夹：请把文件复制到网站文件夹里",
                            "linked folder ignored: copy the files into the site instead",
                        ),
                    )));
                }
                if !links_to_published(dirs.content, &target) {
                    return Named::Refused(Box::new(
                        Diagnostic::error(
                            rel_path,
                            tr(
                                "这个链接指向不发布的文件（content 文件夹以外、隐藏的文件，或以 _ 开头的文件夹里）",
                                "link points to a file that is not published (outside content/, hidden, or in a folder starting with _)",
                            ),
                        )
                        .help(tr(
                            "请把要发布的文件复制到 content 文件夹里，不要用链接",
                            "copy the file to publish into content/ instead of linking to it",
                        )),
                    ));
                }
            }
            _ => {
                return Named::Refused(Box::new(
                    Diagnostic::error(
                        rel_path,
                        tr(
                            "这个链接指向网站文件夹以外（或指向不存在的文件）",
                            "link points outside the site folder (or nowhere)",
                        ),
                    )
                    .help(tr(
                        "请把文件复制到网站文件夹里，不要用链接",
                        "copy the file into the site instead of linking to it",
                    )),
                ));
            }
        }
    }
    if ft.is_dir() {
        return Named::Folder;
    }
    if !ft.is_file() {
        return Named::Absent;
    }
    let parts: Vec<&str> = rel_path.split('/').collect();
    // parts[0] == "content"
    if parts.len() >= 3 && parts[1] == "static" {
        return Named::File(FoundFile {
            kind: FoundKind::Static(parts[2..].join("/")),
            rel_path,
            path: path.to_path_buf(),
        });
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
                Named::File(FoundFile {
                    rel_path,
                    path: path.to_path_buf(),
                    kind: FoundKind::Text { section, is_yaml },
                })
            } else {
                let allowed = if section.accepts_yaml() {
                    ".md, .yaml or .yml"
                } else {
                    ".md"
                };
                Named::Refused(Box::new(
                    Diagnostic::warning(
                        rel_path,
                        tr(
                            "跳过了这个文件：它不是内容文件",
                            "file ignored: not a content file",
                        ),
                    )
                    .help(tr!(
                        "这个文件夹里的文件以 {allowed} 结尾；附件请放到 content/static",
                        "files in this folder end in {allowed}; attachments go under content/static"
                    )),
                ))
            }
        }
        _ => Named::Refused(Box::new(
            Diagnostic::warning(
                rel_path,
                tr(
                    "跳过了这个文件：它不在内容文件夹里",
                    "file ignored: it is not in a content folder",
                ),
            )
            .help(tr(
                "content 下的文件夹是 services、plans、notices、centers、pages 和 static",
                "content/ holds the folders services, plans, notices, centers, pages and static",
            )),
        )),
    }
}

/// What [`list_files`] would make of the path `rel` (from the site root, `/`-separated),
/// found without walking the folder: the live preview looks up each file its watcher
/// names. A path outside content/ or with a hidden or `_` name on the way is
/// [`Named::Absent`], as the walk never sees it; so is a path under a linked folder (the
/// walk does not follow links).
pub fn find_file(root: &Path, rel: &str) -> Named {
    let content = root.join("content");
    let Some(under) = rel.strip_prefix("content/") else {
        return if rel == "content" {
            Named::Folder
        } else {
            Named::Absent
        };
    };
    if under.is_empty() || under.split('/').any(|p| p.is_empty() || is_ignored_name(p)) {
        return Named::Absent;
    }
    if !content.is_dir() {
        return Named::Folder;
    }
    // Every folder on the way must be a real folder, as the walk meets them.
    let mut dir = content.clone();
    let parts: Vec<&str> = under.split('/').collect();
    for p in &parts[..parts.len() - 1] {
        dir.push(p);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            _ => return Named::Absent,
        }
    }
    let path = root.join(rel);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Named::Absent;
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canonical_content = content.canonicalize().unwrap_or_else(|_| content.clone());
    let dirs = Dirs {
        root: &canonical_root,
        content: &canonical_content,
    };
    classify(&dirs, rel.to_string(), &path, meta.file_type())
}

/// Loads the files at `rels` (from the site root) as [`load_files`] loads each, in
/// parallel: what [`find_file`] finds, read and decoded. The live preview re-reads
/// through it the files its watcher names.
pub fn load_named(root: &Path, rels: &[String]) -> Vec<(Named, Option<LoadResult>)> {
    let lang = crate::diag::lang::current();
    rels.par_iter()
        .map(|rel| {
            crate::diag::lang::with(lang, || {
                let named = find_file(root, rel);
                let loaded = match &named {
                    Named::File(f) => Some(load_found(f)),
                    _ => None,
                };
                (named, loaded)
            })
        })
        .collect()
}

/// A file read and decoded, or why it could not be.
pub type LoadResult = Result<Loaded, Box<Diagnostic>>;

/// Reads and decodes `found`, as [`load_files`] does each file.
pub fn load_found(found: &FoundFile) -> LoadResult {
    read_found(found).and_then(|bytes| decode_found(found, &bytes))
}

/// Reads the bytes of `found` (content files are refused above a size limit).
pub fn read_found(found: &FoundFile) -> Result<Vec<u8>, Box<Diagnostic>> {
    let is_text = matches!(found.kind, FoundKind::Text { .. });
    read_bytes(&found.rel_path, &found.path, is_text)
}

/// Reads the bytes of the file at `path` (`rel_path` from the site root), refused above
/// a size limit when it `is_text`.
fn read_bytes(rel_path: &str, path: &Path, is_text: bool) -> Result<Vec<u8>, Box<Diagnostic>> {
    let cannot_read = |e: std::io::Error| {
        Box::new(Diagnostic::error(
            rel_path,
            tr!("无法读取：{e}", "cannot read: {e}"),
        ))
    };
    if is_text {
        let meta = std::fs::metadata(path).map_err(cannot_read)?;
        if meta.len() > MAX_TEXT_BYTES {
            let (size, max) = (size_text(meta.len()), size_text(MAX_TEXT_BYTES));
            return Err(Box::new(Diagnostic::error(
                rel_path,
                tr!(
                    "文件有 {size}；内容文件最大 {max}",
                    "file is {size}; content files are limited to {max}"
                ),
            )));
        }
    }
    std::fs::read(path).map_err(cannot_read)
}

/// Decodes the `bytes` read from `found`.
pub fn decode_found(found: &FoundFile, bytes: &[u8]) -> Result<Loaded, Box<Diagnostic>> {
    match &found.kind {
        FoundKind::Static(p) => Ok(Loaded::Static(StaticFile {
            path: p.clone(),
            bytes: bytes.to_vec(),
        })),
        FoundKind::Text { section, is_yaml } => {
            decode_text(&found.rel_path, &found.path, *section, *is_yaml, bytes).map(Loaded::Source)
        }
    }
}

fn decode_text(
    rel_path: &str,
    path: &Path,
    section: Section,
    is_yaml: bool,
    bytes: &[u8],
) -> Result<SourceFile, Box<Diagnostic>> {
    let text = decode(rel_path, bytes).map_err(|msg| {
        let line = std::str::from_utf8(bytes).map(|_| 1).unwrap_or_else(|e| {
            bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        });
        Box::new(Diagnostic::error(rel_path, msg).at(Some(Pos { line, column: 1 })))
    })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(SourceFile {
        path: rel_path.to_string(),
        section,
        stem,
        text,
        is_yaml,
    })
}

/// Whether a link's target is a file the site would publish itself: inside content/,
/// with no hidden or ignored file or folder on the way (a link must not publish `.env`
/// or what is under `_private/`).
fn links_to_published(content: &Path, target: &Path) -> bool {
    target
        .strip_prefix(content)
        .is_ok_and(|rel| rel.components().all(|c| !is_hidden(c.as_os_str())))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    is_ignored_name(&name.to_string_lossy())
}

/// Whether files and folders of this name are left out of the site (hidden names, and
/// names starting with `_`, for notes and work in progress).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_')
}

fn rel(root: &Path, path: &Path) -> String {
    let r = path.strip_prefix(root).unwrap_or(path);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_over_the_limit_never_read_as_the_limit() {
        crate::diag::lang::with(crate::diag::Lang::Zh, || {
            assert_eq!(size_text(MAX_TEXT_BYTES + 1), "8388609 字节");
            assert_eq!(size_text(20 * 1_048_576), "20.0 MB");
            assert!(size_text(MAX_TEXT_BYTES).contains("8388608"));
        });
    }

    #[test]
    fn a_site_yaml_folder_is_named_as_such() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join(SITE_YAML)).unwrap();
        let d = read_site_yaml(tmp.path()).unwrap_err();
        assert!(d.message.contains("site.yaml"), "{}", d.message);
        assert!(site_yaml_not_a_file(&tmp.path().join(SITE_YAML)).is_some());
        assert!(site_yaml_not_a_file(&tmp.path().join("none.yaml")).is_none());
    }
}
