//! Running the pipeline: load → parse → (render → write).

use crate::load::load_files;
use crate::parse::{Parsed, parse_site};
use std::path::Path;

/// Loads and validates the site at `root`: every diagnostic, and the site when it is valid.
pub fn check(root: &Path) -> Parsed {
    parse_site(load_files(root))
}
