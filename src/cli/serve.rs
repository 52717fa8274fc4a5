//! `gongkai serve`.

use super::{EXIT_OK, EXIT_USAGE, require_site};
use crate::diag::tr;

/// Runs the live preview until it is stopped; returns the exit status.
pub(super) fn run(opts: crate::serve::ServeOptions) -> i32 {
    if let Err(code) = require_site(&opts.root) {
        return code;
    }
    match crate::serve::serve(&opts) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("{}{e}", tr("错误：", "error: "));
            EXIT_USAGE
        }
    }
}
