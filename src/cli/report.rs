//! What every command prints to the clerk: diagnostics, the summary line, the
//! completeness table, files a build replaced.

use crate::diag::tr;
use crate::diag::{self, Diagnostic};
use crate::model::Kind;
use crate::parse::Parsed;
use crate::tr;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use std::io::IsTerminal;

/// Prints diagnostics to stderr, errors first then warnings, with colour only on a terminal.
pub(super) fn report(parsed: &Parsed) {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        parsed.diags.iter().partition(|d| d.is_error());
    let mut out = stderr();
    let _ = diag::render_refs(&mut out, &errors, &parsed.sources);
    let _ = diag::render_refs(&mut out, &warnings, &parsed.sources);
    if !errors.is_empty() {
        let files: std::collections::BTreeSet<&str> =
            errors.iter().map(|d| d.file.as_str()).collect();
        let (e, f, w) = (errors.len(), files.len(), warnings.len());
        if files.contains(crate::load::SITE_YAML) {
            eprintln!(
                "{}",
                tr(
                    "site.yaml 有错误：其他文件要按它来检查，请先改好 site.yaml，再运行一次。",
                    "site.yaml has errors: the other files are checked against it, so fix it first and run again."
                )
            );
        }
        eprintln!(
            "{}",
            tr!(
                "{e} 个错误（在 {f} 个文件中），{w} 个提醒；没有写入任何文件。",
                "{e} error(s) in {f} file(s), {w} warning(s); nothing was written."
            )
        );
        print_incomplete_hint(&errors);
    }
}

/// After the error summary: when some errors are required elements missing, says that
/// site.yaml `发布未完善事项` publishes such items as they are.
pub(super) fn print_incomplete_hint(errors: &[&Diagnostic]) {
    let hint = crate::parse::publish_incomplete_hint();
    let files: std::collections::BTreeSet<&str> = errors
        .iter()
        .filter(|d| d.help.as_deref().is_some_and(|h| h.contains(hint)))
        .map(|d| d.file.as_str())
        .collect();
    if !files.is_empty() {
        eprintln!(
            "{}",
            crate::tr!(
                "其中 {} 个事项缺少必填的公开要素（设定依据、申报材料、办事流程、办理时限、收费、办理地点）；{}，缺少的要素显示为“未公开”。",
                "{} item(s) lack a required element (设定依据, 申报材料, 办事流程, 办理时限, 收费, 办理地点); {}, and the missing elements are shown as 未公开.",
                files.len(),
                hint
            )
        );
    }
}

/// `check` and `import`: the 公开完整度 table per department, when any item in use is incomplete.
pub fn print_completeness(site: &crate::model::Site) {
    let incomplete = site
        .services
        .iter()
        .filter(|s| !s.draft && s.in_use() && s.is_incomplete())
        .count();
    if incomplete == 0 {
        return;
    }
    let published: Vec<crate::model::Service> =
        site.services.iter().filter(|s| !s.draft).cloned().collect();
    println!(
        "{}",
        crate::tr!(
            "{} 个事项指南待完善（已设置 发布未完善事项）。公开完整度（已公开/应公开）：",
            "{} item(s) are incomplete (发布未完善事项 is set). Completeness (stated/required):",
            incomplete
        )
    );
    print!(
        "{}",
        crate::figures::completeness_table(&crate::figures::completeness(&published))
    );
}

/// Standard error, buffered, coloured only on a terminal (and never with NO_COLOR).
pub(super) fn stderr() -> BufferedStandardStream {
    let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    BufferedStandardStream::stderr(choice)
}

/// Says which files the previous output held that this build did not make: put there by
/// hand, or pages of content since removed. They are gone with the old output.
pub(super) fn report_replaced(output: &std::path::Path, gone: &[String]) {
    if gone.is_empty() {
        return;
    }
    let n = gone.len();
    let mut list: Vec<&str> = gone.iter().take(5).map(|s| s.as_str()).collect();
    if n > 5 {
        list.push("…");
    }
    let list = list.join(tr("、", ", "));
    let out = output.display();
    eprintln!(
        "{}",
        tr!(
            "提醒：原来的 {out} 里有 {n} 个文件这次没有生成，已随旧的内容一起移除：{list}。每次生成都会整个替换 {out}；手工放进去的文件会消失，要发布的附件请放到 content/static。",
            "warning: the previous {out} held {n} file(s) this build did not make; they went with the old output: {list}. Each build replaces {out} whole: files put there by hand vanish; put attachments under content/static."
        )
    );
}

/// The summary line of a run: what is published (drafts only with `drafts`), and warnings.
pub(super) fn summary(parsed: &Parsed, drafts: bool) -> String {
    let Some(site) = &parsed.site else {
        return String::new();
    };
    // Published entries of each kind, and drafts held back.
    let mut published: std::collections::BTreeMap<Kind, usize> =
        Kind::ALL.iter().map(|&k| (k, 0)).collect();
    let mut held = 0;
    for e in site.entries() {
        if e.draft && !drafts {
            held += 1;
        } else {
            *published.entry(e.kind).or_default() += 1;
        }
    }
    let [services, plans, notices, centres, pages] = Kind::ALL.map(|k| published[&k]);
    let attachments = site.static_files.len();
    let warnings = parsed.diags.len();
    let mut line = tr!(
        "没有错误：发布 {services} 个事项、{plans} 个方案、{notices} 个公告、{centres} 个服务中心、{pages} 个页面、{attachments} 个附件；{warnings} 个提醒",
        "ok: {services} services, {plans} plans, {notices} notices, {centres} centres, {pages} pages, {attachments} attachments; {warnings} warning(s)"
    );
    if held > 0 {
        line.push_str(&tr!(
            "（另有 {held} 份草稿不发布）",
            " ({held} draft(s) not published)"
        ));
    }
    line
}
