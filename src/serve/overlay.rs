//! The error overlay: the diagnostics of a failed rebuild as an HTML panel over the page.

use super::rebuild::Problems;
use crate::diag::report::MESSAGE_SHOWN;
use crate::diag::{Diagnostic, cut, line_excerpt, tr};
pub use crate::render::escape::html as esc;
use crate::tr;

/// Most diagnostics listed; the rest are counted.
const MAX_SHOWN: usize = 50;

/// The overlay for `problems`: each error's file:line, key, message, help and source line.
/// Warnings are left out (they do not stop the site from being built). Empty when there
/// are no errors.
pub fn overlay_html(problems: &Problems) -> String {
    let errors: Vec<&Diagnostic> = problems.diags.iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        return String::new();
    }
    let files: std::collections::BTreeSet<&str> = errors.iter().map(|d| d.file.as_str()).collect();
    let mut h = String::new();
    h.push_str(
        "<section role=\"alert\" aria-labelledby=\"gongkai-overlay-title\" style=\"position:fixed;inset:auto 0 0 0;\
max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.2em;background:#fff;color:#1a1a1a;\
border-top:6px solid #b00020;box-shadow:0 -4px 16px rgba(0,0,0,.3);font:16px/1.6 sans-serif;text-align:left\">",
    );
    let (n, f) = (errors.len(), files.len());
    h.push_str(&format!(
        "<h2 id=\"gongkai-overlay-title\" style=\"margin:0 0 .5em;font-size:1.25rem;color:#b00020\">{}</h2>\
<p style=\"margin:0 0 .8em\">{}</p>",
        tr!(
            "内容有 {n} 处错误（{f} 个文件），网站没有更新",
            "{n} error(s) in {f} file(s); the site was not updated"
        ),
        tr(
            "下面是上次成功生成的页面。改正文件并保存后，此提示自动消失。",
            "Below are the pages of the last good build. Fix the files and save: this panel goes away by itself.",
        )
    ));
    if files.contains(crate::load::SITE_YAML) {
        h.push_str(&format!(
            "<p style=\"margin:0 0 .8em;font-weight:bold\">{}</p>",
            tr(
                "site.yaml 有错误：其他文件要按它来检查，请先改好 site.yaml。",
                "site.yaml has errors: the other files are checked against it, so fix it first.",
            )
        ));
    }
    h.push_str("<ol style=\"margin:0;padding-left:1.5em\">");
    for d in errors.iter().take(MAX_SHOWN) {
        h.push_str("<li style=\"margin:0 0 1em\">");
        h.push_str(&format!(
            "<code style=\"font-weight:bold;color:#1a1a1a\">{}</code>",
            esc(&d.location())
        ));
        if let Some(k) = &d.key {
            h.push_str(&format!(" <code style=\"color:#5a2d82\">{}</code>", esc(k)));
        }
        h.push_str(&format!(
            "<div>{}</div>",
            esc(&cut(&d.message, MESSAGE_SHOWN))
        ));
        if let Some((n, line)) = d.pos.and_then(|p| {
            let line = source_line(problems.sources.get(&d.file)?, p.line)?;
            Some((p.line, line_excerpt(line, p.column).0))
        }) {
            h.push_str(&format!(
                "<pre style=\"margin:.3em 0;padding:.4em .6em;background:#f4f4f4;color:#1a1a1a;white-space:pre-wrap;font:15px/1.5 monospace\">{:>4} | {}</pre>",
                n,
                esc(&line)
            ));
        }
        if let Some(help) = &d.help {
            h.push_str(&format!(
                "<div style=\"color:#0b5394\">{}{}</div>",
                tr("提示：", "Hint: "),
                esc(&cut(help, MESSAGE_SHOWN))
            ));
        }
        h.push_str("</li>");
    }
    h.push_str("</ol>");
    if errors.len() > MAX_SHOWN {
        let more = errors.len() - MAX_SHOWN;
        h.push_str(&format!(
            "<p>{}</p>",
            tr!(
                "还有 {more} 处错误，运行 <code>gongkai check</code> 查看全部。",
                "{more} more error(s): run <code>gongkai check</code> to see them all."
            )
        ));
    }
    h.push_str("</section>");
    h
}

fn source_line(text: &str, line: usize) -> Option<&str> {
    text.split('\n').nth(line.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use std::collections::HashMap;

    #[test]
    fn shows_location_key_message_help_and_line_escaped() {
        let p = Problems {
            diags: vec![
                Diagnostic::error("content/services/a.md", "unknown key <颜色>")
                    .at(Some(Pos { line: 3, column: 1 }))
                    .key("颜色")
                    .help("did you mean 名称?"),
                Diagnostic::warning("content/services/b.md", "just a warning"),
            ],
            sources: HashMap::from([(
                "content/services/a.md".to_string(),
                "---\n事项编码: A\n颜色: <红>\n---\n".to_string(),
            )]),
        };
        let h = crate::diag::lang::with(crate::diag::Lang::Zh, || overlay_html(&p));
        assert!(h.contains("content/services/a.md:3:1"), "{h}");
        assert!(h.contains("unknown key &lt;颜色&gt;"), "{h}");
        assert!(h.contains("   3 | 颜色: &lt;红&gt;"), "{h}");
        assert!(h.contains("did you mean 名称?"), "{h}");
        assert!(h.contains("1 处错误"), "{h}");
        assert!(!h.contains("just a warning"), "{h}");
    }

    #[test]
    fn english_panel_and_site_yaml_first() {
        let p = Problems {
            diags: vec![Diagnostic::error("site.yaml", "bad")],
            sources: HashMap::new(),
        };
        let h = crate::diag::lang::with(crate::diag::Lang::En, || overlay_html(&p));
        assert!(h.contains("1 error(s) in 1 file(s)"), "{h}");
        assert!(h.contains("site.yaml has errors"), "{h}");
        let h = crate::diag::lang::with(crate::diag::Lang::Zh, || overlay_html(&p));
        assert!(h.contains("请先改好 site.yaml"), "{h}");
    }

    #[test]
    fn the_overlay_stays_small_whatever_the_files_hold() {
        // A 7 MB one-line file made a 7 MB event for every open page.
        let line = "键: ".to_string() + &"很长的值".repeat(500_000);
        let p = Problems {
            diags: (0..1_000)
                .map(|i| {
                    Diagnostic::error("content/services/a.md", "x".repeat(100_000))
                        .at(Some(Pos {
                            line: 2,
                            column: 1 + i * 1000,
                        }))
                        .help("y".repeat(100_000))
                })
                .collect(),
            sources: HashMap::from([(
                "content/services/a.md".to_string(),
                format!("---\n{line}\n---\n"),
            )]),
        };
        let h = overlay_html(&p);
        assert!(h.len() < 100 * 1024, "{} bytes", h.len());
        assert!(h.contains("还有 950 处错误"), "the rest is counted");
    }

    #[test]
    fn no_errors_no_overlay() {
        let p = Problems {
            diags: vec![Diagnostic::warning("a", "w")],
            sources: HashMap::new(),
        };
        assert_eq!(overlay_html(&p), "");
    }
}
