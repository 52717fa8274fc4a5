//! Running the pipeline: load → parse → render → write.

use crate::diag::{self, Diagnostic};
use crate::load::{load_files, load_theme};
use crate::parse::{Parsed, parse_site};
use std::path::Path;

/// Loads and validates the site at `root` and its theme (templates are compiled to find
/// their errors): every diagnostic, and the site when it is valid.
pub fn check(root: &Path) -> Parsed {
    let mut parsed = parse_site(load_files(root));
    let Some(site) = &parsed.site else {
        return parsed;
    };
    let (theme, mut diags) = load_theme(root, &site.config.theme);
    if diags.is_empty()
        && let Err(d) = crate::render::engine(site, &theme)
    {
        diags.extend(d);
    }
    for d in &diags {
        if let Some(t) = theme.templates.values().find(|t| t.origin == d.file) {
            parsed.sources.insert(d.file.clone(), t.text.clone());
        }
    }
    let failed = diag::error_count(&diags) > 0;
    parsed.diags.extend(diags);
    diag::sort(&mut parsed.diags);
    if failed {
        parsed.site = None;
    }
    parsed.theme = theme;
    parsed
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Files that were in the previous output with the same bytes, kept as they were.
    pub unchanged: usize,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub enum BuildError {
    /// The content (or a template) has errors; see the diagnostics.
    Content,
    /// Rendering failed, e.g. a template error.
    Render(Vec<Diagnostic>),
    /// The output could not be written.
    Write(std::io::Error),
}

/// Builds the site whose parse result is `parsed` into `out`; drafts only when asked.
pub fn build(parsed: &Parsed, out: &Path, drafts: bool) -> Result<BuildReport, BuildError> {
    let Some(site) = &parsed.site else {
        return Err(BuildError::Content);
    };
    let has_drafts = site.services.iter().any(|s| s.draft)
        || site.plans.iter().any(|p| p.draft)
        || site.notices.iter().any(|n| n.draft)
        || site.centres.iter().any(|c| c.draft)
        || site.pages.iter().any(|p| p.draft);
    // Copy the site only when drafts must be taken out of it.
    let site: std::borrow::Cow<crate::model::Site> = if drafts || !has_drafts {
        std::borrow::Cow::Borrowed(site)
    } else {
        std::borrow::Cow::Owned(site.clone().without_drafts())
    };
    let staging = crate::write::Staging::new(out).map_err(BuildError::Write)?;
    let options = crate::render::RenderOptions::default();
    match crate::render::render_into(&site, &parsed.theme, options, &staging) {
        Ok(()) => {}
        Err(crate::render::RenderError::Template(d)) => return Err(BuildError::Render(d)),
        Err(crate::render::RenderError::Sink(e)) => return Err(BuildError::Write(e)),
    }
    let (files, bytes) = staging.written();
    let unchanged = staging.reused() as usize;
    staging.commit().map_err(BuildError::Write)?;
    Ok(BuildReport {
        files: files as usize,
        bytes,
        unchanged,
    })
}

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    /// The folder exists and is not empty.
    NotEmpty,
    /// The binary holds no example site.
    NoExample,
    /// Writing failed.
    Io(std::io::Error),
}

/// Writes the example site built into the binary into `dir` (created when missing; it
/// must be empty). Returns the number of files written.
pub fn init(dir: &Path) -> Result<usize, InitError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(InitError::Io)?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty);
        }
    }
    let files = crate::load::example_files();
    if files.is_empty() {
        return Err(InitError::NoExample);
    }
    for (rel, bytes) in &files {
        if rel.split('/').any(|s| s == ".." || s.is_empty()) {
            continue;
        }
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(InitError::Io)?;
        }
        std::fs::write(&path, bytes).map_err(InitError::Io)?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_refuses_a_folder_that_is_not_empty() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("keep.txt"), "x").unwrap();
        assert!(matches!(init(tmp.path()), Err(InitError::NotEmpty)));
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(),
            "x"
        );
    }
}
