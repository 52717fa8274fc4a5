//! `gongkai export`.

use super::report::report;
use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE};
use crate::diag::tr;
use crate::tr;

/// `gongkai export`: checks the site, then writes its catalogue (drafts left out) to `out`.
pub(super) fn run(root: &std::path::Path, out: &std::path::Path) -> i32 {
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let o = out.display();
    if !is_xlsx {
        eprintln!(
            "{}",
            tr!(
                "错误：{o} 不是 .xlsx 文件；请写成例如 gongkai export 事项清单.xlsx",
                "error: {o} is not an .xlsx file; write e.g. gongkai export services.xlsx"
            )
        );
        return EXIT_USAGE;
    }
    let started = std::time::Instant::now();
    let parsed = crate::build::check(root);
    report(&parsed);
    let Some(site) = &parsed.site else {
        return EXIT_CONTENT;
    };
    // Copy the site only when drafts must be taken out of it.
    let site: std::borrow::Cow<crate::model::Site> = if site.has_drafts() {
        std::borrow::Cow::Owned(site.clone().without_drafts())
    } else {
        std::borrow::Cow::Borrowed(site)
    };
    let bytes = match crate::export::services_xlsx(&site) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}{e}", tr("错误：", "error: "));
            return EXIT_CONTENT;
        }
    };
    if let Err(e) = crate::export::write_file(out, &bytes) {
        eprintln!(
            "{}",
            tr!("错误：无法写入 {o}：{e}", "error: cannot write {o}: {e}")
        );
        return EXIT_CONTENT;
    }
    let (n, kb, secs) = (
        site.services.len(),
        bytes.len() as f64 / 1024.0,
        started.elapsed().as_secs_f64(),
    );
    eprintln!(
        "{}",
        tr!(
            "已导出 {n} 个事项到 {o}（{kb:.1} KB，{secs:.2} 秒）",
            "exported {n} items to {o} ({kb:.1} KB, {secs:.2} s)"
        )
    );
    EXIT_OK
}
