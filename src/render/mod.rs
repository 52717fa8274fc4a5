//! Stage 3: render the validated site into output files (HTML, DOCX, data), in memory.
//!
//! Renderers are pure: they take models and return bytes; they never read files.

pub mod charts;
pub mod docx;
pub mod jsonld;
pub mod search;

use crate::diag::Diagnostic;
use crate::model::Site;
use rayon::prelude::*;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated (e.g. `services/X/index.html`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file at `path` holding `bytes`.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Renders every output file of `site`, sorted by path.
pub fn render_site(site: &Site) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: Vec<OutputFile> = site
        .static_files
        .par_iter()
        .map(|f| OutputFile::new(format!("static/{}", f.path), f.bytes.clone()))
        .collect();
    files.extend(docx::render_all(site));
    files.par_sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
