//! `gongkai build`.

use super::report::{report, report_replaced, stderr, summary};
use super::{EXIT_CONTENT, EXIT_IO, EXIT_OK, EXIT_USAGE, require_site};
use crate::diag::{self, tr};
use crate::tr;
use std::path::{Path, PathBuf};

/// Checks the site at `root`, then builds it into `output` (default `root/output`):
/// incrementally unless `full`.
pub(super) fn run(root: &Path, output: Option<PathBuf>, drafts: bool, full: bool) -> i32 {
    if let Err(code) = require_site(root) {
        return code;
    }
    let output = output.unwrap_or_else(|| root.join("output"));
    if let Some(why) = crate::write::output_problem(root, &output) {
        eprintln!("{}{why}", tr("错误：", "error: "));
        return EXIT_USAGE;
    }
    let started = std::time::Instant::now();
    // The previous output is looked at (interrupted builds put right, its files listed)
    // while the content is checked: the listing alone takes about a third of a second at
    // 10,000 items.
    let (parsed, staging) = std::thread::scope(|scope| {
        let staging = scope.spawn(|| {
            crate::timing::timed("staging and the previous output", || {
                crate::write::Staging::new(&output)
            })
        });
        let parsed = crate::build::check_with(root, &crate::progress::Progress::stderr());
        let staging = staging
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (parsed, staging)
    });
    report(&parsed);
    let options = crate::build::BuildOptions { drafts, full };
    match crate::build::build_into(
        &parsed,
        staging,
        options,
        &crate::progress::Progress::stderr(),
    ) {
        Ok(r) => {
            report_replaced(&output, &r.removed);
            let (files, mb, changed, out, secs) = (
                r.files,
                r.bytes as f64 / 1_048_576.0,
                r.files - r.unchanged,
                output.display(),
                started.elapsed().as_secs_f64(),
            );
            eprintln!(
                "{}\n{}",
                summary(&parsed, drafts),
                tr!(
                    "已生成 {files} 个文件（{mb:.1} MB，其中 {changed} 个有变化），写入 {out}，用时 {secs:.2} 秒",
                    "built {files} files ({mb:.1} MB; {changed} changed) into {out} in {secs:.2} s"
                )
            );
            EXIT_OK
        }
        Err(crate::build::BuildError::Content) => EXIT_CONTENT,
        Err(crate::build::BuildError::Render(diags)) => {
            let mut out = stderr();
            let _ = diag::render(&mut out, &diags, &parsed.sources);
            eprintln!(
                "{}",
                tr(
                    "网站无法生成；没有写入任何文件。",
                    "the site could not be rendered; nothing was written."
                )
            );
            EXIT_CONTENT
        }
        Err(crate::build::BuildError::Write(e)) => {
            let out = output.display();
            eprintln!(
                "{}",
                tr!(
                    "错误：无法写入 {out}：{e}；上一次生成的内容没有变。",
                    "error: cannot write {out}: {e}; the previous output is unchanged."
                )
            );
            EXIT_IO
        }
    }
}
