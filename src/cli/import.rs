//! `gongkai import`.

use super::require_site;
use std::path::PathBuf;

/// Imports `file` into the site at `root` (see `crate::import`); returns the exit status.
pub(super) fn run(file: PathBuf, root: PathBuf, map: Option<PathBuf>, dry_run: bool) -> i32 {
    if let Err(code) = require_site(&root) {
        return code;
    }
    let opts = crate::import::Options {
        file,
        root,
        map,
        dry_run,
    };
    crate::import::print_and_check(&opts)
}
