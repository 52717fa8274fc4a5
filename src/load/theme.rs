//! Loading the theme: templates and assets, layered file by file.
//!
//! Three layers, the first that has a file wins: the site's own `templates/` and `static/`,
//! then `themes/<name>/` inside the site folder, then the default theme built into the
//! binary. Only files are read here; templates are compiled by the render stage.

use super::decode;
use crate::diag::Diagnostic;
use crate::diag::tr;
use crate::tr;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

/// The default theme (and the `gongkai init` example), built into the binary.
static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Name shown for files of the built-in theme in diagnostics.
pub const BUILTIN_ORIGIN: &str = "<built-in theme>";

/// One template: where it came from and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// Path for diagnostics: relative to the site root, or under `<built-in theme>/`.
    pub origin: String,
    /// Decoded text.
    pub text: String,
}

/// The theme a site is rendered with, after layering.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (path under `templates/`, e.g. `service.html`).
    pub templates: BTreeMap<String, TemplateSource>,
    /// Assets by path under `static/` (published under `/assets/`).
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Loads the theme `name` for the site at `root`, layering site, site theme folder and
/// built-in theme.
pub fn load_theme(root: &Path, name: &str) -> (Theme, Vec<Diagnostic>) {
    let mut theme = Theme::default();
    let mut diags = Vec::new();
    add_builtin(&mut theme, &mut diags);
    let theme_dir = root.join("themes").join(name);
    if theme_dir.is_dir() {
        let prefix = format!("themes/{name}");
        add_folder(&mut theme, root, &prefix, &mut diags);
    } else if name != "default" {
        diags.push(
            Diagnostic::error(
                "site.yaml",
                tr!(
                    "找不到主题“{name}”：没有 themes/{name}/ 文件夹",
                    "theme `{name}` not found: there is no folder themes/{name}/"
                ),
            )
            .key("theme")
            .help(tr(
                "不写 主题 就使用自带的默认主题",
                "leave 主题 out to use the built-in default theme",
            )),
        );
    }
    add_folder(&mut theme, root, "", &mut diags);
    (theme, diags)
}

fn add_builtin(theme: &mut Theme, diags: &mut Vec<Diagnostic>) {
    for (kind, dir) in [
        ("templates", BUILTIN.get_dir("templates")),
        ("static", BUILTIN.get_dir("static")),
    ] {
        let Some(dir) = dir else { continue };
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            stack.extend(d.dirs());
            for f in d.files() {
                let full = f.path().to_string_lossy().replace('\\', "/");
                let rel = full
                    .strip_prefix(&format!("{kind}/"))
                    .unwrap_or(&full)
                    .to_string();
                let origin = format!("{BUILTIN_ORIGIN}/{full}");
                add_file(theme, kind, rel, origin, f.contents(), diags);
            }
        }
    }
}

/// Adds `<root>/<prefix>/templates` and `<root>/<prefix>/static`, replacing same-named files.
fn add_folder(theme: &mut Theme, root: &Path, prefix: &str, diags: &mut Vec<Diagnostic>) {
    for kind in ["templates", "static"] {
        let rel_dir = if prefix.is_empty() {
            kind.to_string()
        } else {
            format!("{prefix}/{kind}")
        };
        let dir = root.join(&rel_dir);
        if !dir.is_dir() {
            continue;
        }
        let walker = WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || {
                    let n = e.file_name().to_string_lossy();
                    !n.starts_with('.') && !n.starts_with('_')
                }
            });
        for entry in walker.flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let origin = format!("{rel_dir}/{rel}");
            match std::fs::read(entry.path()) {
                Ok(bytes) => add_file(theme, kind, rel, origin, &bytes, diags),
                Err(e) => diags.push(Diagnostic::error(
                    origin,
                    tr!("无法读取：{e}", "cannot read: {e}"),
                )),
            }
        }
    }
}

fn add_file(
    theme: &mut Theme,
    kind: &str,
    rel: String,
    origin: String,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) {
    if kind == "static" {
        theme.assets.insert(rel, bytes.to_vec());
        return;
    }
    match decode(&origin, bytes) {
        Ok(text) => {
            theme.templates.insert(rel, TemplateSource { origin, text });
        }
        Err(msg) => diags.push(Diagnostic::error(origin, msg)),
    }
}

/// Files of the example site written by `gongkai init`: (relative path, contents), sorted.
pub fn example_files() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let Some(dir) = BUILTIN.get_dir("example") else {
        return out;
    };
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        stack.extend(d.dirs());
        for f in d.files() {
            let full = f.path().to_string_lossy().replace('\\', "/");
            let rel = full.strip_prefix("example/").unwrap_or(&full).to_string();
            out.push((rel, f.contents()));
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_templates_override_the_builtin_ones() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
        std::fs::write(tmp.path().join("templates/page.html"), "mine").unwrap();
        let (theme, diags) = load_theme(tmp.path(), "default");
        assert!(diags.is_empty());
        let page = &theme.templates["page.html"];
        assert_eq!(page.text, "mine");
        assert_eq!(page.origin, "templates/page.html");
        assert!(
            theme.templates["base.html"]
                .origin
                .starts_with(BUILTIN_ORIGIN)
        );
        assert!(theme.assets.contains_key("gongkai.css"));
    }

    #[test]
    fn a_missing_named_theme_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let (_, diags) = load_theme(tmp.path(), "nosuch");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("nosuch"));
    }
}
