//! `gongkai check`.

use super::report::{print_completeness, report, summary};
use super::{EXIT_CONTENT, EXIT_OK, require_site};
use std::path::Path;

/// Checks every file of the site at `root` and prints what is wrong; writes nothing.
pub(super) fn run(root: &Path) -> i32 {
    if let Err(code) = require_site(root) {
        return code;
    }
    let parsed = crate::build::check(root);
    report(&parsed);
    if let Some(site) = &parsed.site {
        print_completeness(site);
        eprintln!("{}", summary(&parsed, false));
        EXIT_OK
    } else {
        EXIT_CONTENT
    }
}
