//! Running the pipeline: load → parse → render → write.

use crate::diag::Diagnostic;
use crate::load::load_files;
use crate::parse::{Parsed, parse_site};
use std::path::Path;

/// Loads and validates the site at `root`: every diagnostic, and the site when it is valid.
pub fn check(root: &Path) -> Parsed {
    parse_site(load_files(root))
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
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
    let site = if drafts {
        site.clone()
    } else {
        site.clone().without_drafts()
    };
    let files = crate::render::render_site(&site).map_err(BuildError::Render)?;
    crate::write::write_output(out, &files).map_err(BuildError::Write)?;
    Ok(BuildReport {
        files: files.len(),
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
    })
}
