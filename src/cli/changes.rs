//! `gongkai changes --from OLD [--notice]`: compares the site's catalogue with an earlier
//! one (another site folder, a built site's folder or its `data/services.json`), prints
//! the comparison ([`crate::diff`]) and, with `--notice`, writes the draft 公示 into
//! content/notices.

use super::{EXIT_CONTENT, EXIT_IO, EXIT_OK, EXIT_USAGE};
use crate::diag::tr;
use crate::model::Service;
use crate::tr;
use std::path::{Path, PathBuf};

/// Options of `gongkai changes`.
pub struct Options {
    /// The earlier catalogue.
    pub from: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// Write the draft notice.
    pub notice: bool,
}

/// Why the earlier catalogue could not be read.
enum OldError {
    /// Not found or not a catalogue (exit 2), said in the user's language.
    Usage(String),
    /// A site folder with content errors (reported already; exit 1).
    Content,
}

/// The items of the site at `root` when it is valid (drafts left out); its diagnostics are
/// printed either way.
fn site_services(root: &Path) -> Option<(Vec<Service>, crate::model::SiteConfig)> {
    let parsed = crate::build::check(root);
    let errors: Vec<_> = parsed
        .diags
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        let _ = crate::diag::render(&mut super::report::stderr(), &errors, &parsed.sources);
        let (e, d) = (errors.len(), root.display());
        eprintln!(
            "{}",
            tr!(
                "{d} 有 {e} 个错误，无法比较；请先运行 gongkai check {d} 改好。",
                "{d} has {e} error(s) and cannot be compared; run gongkai check {d} and fix them first."
            )
        );
        return None;
    }
    let site = parsed.site?.without_drafts();
    Some((site.services, site.config))
}

/// The earlier catalogue at `from`: a site folder (with site.yaml), a built site's folder
/// (with data/services.json) or a services.json file.
fn old_services(from: &Path) -> Result<Vec<Service>, OldError> {
    let f = from.display();
    let json = if from.is_dir() {
        if from.join(crate::load::SITE_YAML).is_file() {
            return site_services(from).map(|(s, _)| s).ok_or(OldError::Content);
        }
        let json = from.join("data").join("services.json");
        if !json.is_file() {
            return Err(OldError::Usage(tr!(
                "{f} 既不是网站文件夹（没有 site.yaml），也不是生成的网站（没有 data/services.json）",
                "{f} is neither a site folder (no site.yaml) nor a built site (no data/services.json)"
            )));
        }
        json
    } else if from.is_file() {
        from.to_path_buf()
    } else {
        return Err(OldError::Usage(tr!(
            "找不到 {f}；--from 写原来的网站文件夹，或生成的网站里的 data/services.json",
            "{f} does not exist; --from names the earlier site folder or a built site's data/services.json"
        )));
    };
    let name = json.display().to_string();
    let bytes = std::fs::read(&json)
        .map_err(|e| OldError::Usage(tr!("无法读取 {name}：{e}", "cannot read {name}: {e}")))?;
    let text = crate::load::decode(&name, &bytes).map_err(OldError::Usage)?;
    crate::parse::open_data::services_json(&name, &text).map_err(OldError::Usage)
}

/// Runs `gongkai changes`; returns the exit status (0 compared, 1 content errors, 2 usage,
/// 3 the notice could not be written).
pub fn run(opts: &Options) -> i32 {
    let old = match old_services(&opts.from) {
        Ok(s) => s,
        Err(OldError::Usage(why)) => {
            eprintln!("{}{why}", tr("错误：", "error: "));
            return EXIT_USAGE;
        }
        Err(OldError::Content) => return EXIT_CONTENT,
    };
    let Some((new, config)) = site_services(&opts.root) else {
        return EXIT_CONTENT;
    };
    let diff = crate::diff::catalogue(&old, &new);
    print!("{}", crate::diff::text::report(&diff));
    if !opts.notice {
        return EXIT_OK;
    }
    if diff.is_empty() {
        eprintln!(
            "{}",
            tr(
                "没有调整，不需要公示；没有写入文件。",
                "nothing changed, so there is nothing to publish; no file written."
            )
        );
        return EXIT_OK;
    }
    let dir = opts.root.join("content").join("notices");
    let path = dir.join(crate::diff::notice::file_name(config.as_of));
    let text = crate::diff::notice::draft(&diff, &config);
    let p = path.display();
    match write_new(&dir, &path, &text) {
        Ok(()) => {
            eprintln!(
                "{}",
                tr!(
                    "已写入公示草稿 {p}（草稿: true，不会发布）。请核对内容、补充调整依据和文号，用 gongkai serve 预览；审核无误后删除“草稿: true”一行再生成网站。",
                    "wrote the draft notice {p} (草稿: true, not published). Check it, add the basis and 文号, preview it with gongkai serve; then delete the line 草稿: true and build."
                )
            );
            EXIT_OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "{}",
                tr!(
                    "错误：{p} 已经存在，没有覆盖。要重新生成，请先删除或改名这个文件。",
                    "error: {p} exists already and was not overwritten; delete or rename it to write it again."
                )
            );
            EXIT_USAGE
        }
        Err(e) => {
            eprintln!(
                "{}",
                tr!("错误：无法写入 {p}：{e}", "error: cannot write {p}: {e}")
            );
            EXIT_IO
        }
    }
}

/// Writes `text` to `path` whole or not at all, never replacing a file that exists
/// (`AlreadyExists`): a temporary file in `dir`, then linked to its name.
fn write_new(dir: &Path, path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if path.exists() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.gongkai-changes"));
    std::fs::write(&tmp, text)?;
    let linked = std::fs::hard_link(&tmp, path).or_else(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists || path.exists() {
            Err(std::io::ErrorKind::AlreadyExists.into())
        } else {
            // A file system without hard links: rename (the check above saw no file).
            std::fs::rename(&tmp, path)
        }
    });
    let _ = std::fs::remove_file(&tmp);
    linked
}
