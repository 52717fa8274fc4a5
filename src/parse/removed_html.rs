//! What the sanitiser will take out of a Markdown body, found at check time so that the
//! clerk is told (file, line, what) instead of content vanishing silently from the page.
//!
//! The published page keeps only safe HTML (see `render::markdown`): scripts, styles,
//! frames, forms, event handlers (`onclick=`), `style=` attributes and `javascript:` links
//! are removed. This looks for those in the text as written.

use crate::diag::{Diagnostic, Pos, tr};
use crate::tr;

/// Tags removed whole or unwrapped, and how to name them.
const TAGS: &[(&str, &str, &str)] = &[
    ("<script", "<script> 脚本", "a <script>"),
    ("<style", "<style> 样式", "a <style> block"),
    ("<iframe", "<iframe> 嵌入页面", "an <iframe>"),
    ("<object", "<object> 嵌入对象", "an <object>"),
    ("<embed", "<embed> 嵌入对象", "an <embed>"),
    ("<form", "<form> 表单", "a <form>"),
    ("<input", "<input> 输入框", "an <input>"),
    ("<button", "<button> 按钮", "a <button>"),
    ("<link", "<link> 外部样式", "a <link>"),
    ("<meta", "<meta> 标记", "a <meta>"),
];

/// Warnings for `body` of `file`, whose first line is line `first_line` of the file.
pub fn check(file: &str, body: &str, first_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (i, line) in body.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || line.starts_with("    ") || line.starts_with('\t') {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let mut found: Vec<(usize, String)> = Vec::new();
        for (tag, zh, en) in TAGS {
            if let Some(b) = find_tag(&lower, tag) {
                found.push((b, tr(zh, en).to_string()));
            }
        }
        if let Some(b) = lower.find("javascript:") {
            found.push((b, tr("javascript: 链接", "a javascript: link").into()));
        }
        for (b, attr) in attributes_in_tags(&lower) {
            let what = if attr == "style" {
                tr("style= 样式属性", "a style= attribute").to_string()
            } else {
                tr!("{attr}= 事件属性", "an {attr}= event handler")
            };
            found.push((b, what));
        }
        found.sort();
        found.dedup_by(|a, b| a.1 == b.1);
        for (b, what) in found {
            let line_no = first_line + i;
            let column = line[..b.min(line.len())].chars().count() + 1;
            out.push(
                Diagnostic::warning(
                    file,
                    tr!(
                        "第{line_no}行：正文里的 {what} 不会出现在网页上，发布时会被去掉",
                        "line {line_no}: {what} in the text is removed when the page is published"
                    ),
                )
                .at(Some(Pos {
                    line: line_no,
                    column,
                }))
                .help(tr(
                    "网页只保留安全的内容：脚本、样式、表单和事件属性都会去掉；请改用普通的 Markdown 文字、表格和链接",
                    "pages keep safe content only: scripts, styles, forms and event handlers are removed; write plain Markdown text, tables and links",
                )),
            );
        }
    }
    out
}

/// Byte offset of `tag` as a tag start (`<script` followed by `>`, a space or `/`).
fn find_tag(lower: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = lower[from..].find(tag) {
        let at = from + i;
        let next = lower[at + tag.len()..].chars().next();
        if next.is_none_or(|c| c == '>' || c == '/' || c.is_whitespace()) {
            return Some(at);
        }
        from = at + tag.len();
    }
    None
}

/// `style` and `on…` attributes inside tags on the line: (byte offset, attribute name).
fn attributes_in_tags(lower: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_tag = false;
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => in_tag = true,
            b'>' => in_tag = false,
            b' ' | b'\t' if in_tag => {
                let rest = &lower[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                let after = rest[name.len()..].trim_start();
                if after.starts_with('=')
                    && (name == "style" || (name.len() > 2 && name.starts_with("on")))
                {
                    out.push((i + 1, name));
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::lang::{Lang, with};

    #[test]
    fn names_what_is_removed_and_where() {
        let body = "正文\n\n<script>alert(1)</script>\n<p style=\"color:red\" onclick=\"x()\">红</p>\n[点我](javascript:alert(1))\n\n```\n<script>代码示例</script>\n```\n";
        let d = with(Lang::Zh, || check("content/pages/a.md", body, 4));
        let msgs: Vec<(usize, &str)> = d
            .iter()
            .map(|d| (d.pos.unwrap().line, d.message.as_str()))
            .collect();
        assert_eq!(
            msgs,
            [
                (
                    6,
                    "第6行：正文里的 <script> 脚本 不会出现在网页上，发布时会被去掉"
                ),
                (
                    7,
                    "第7行：正文里的 style= 样式属性 不会出现在网页上，发布时会被去掉"
                ),
                (
                    7,
                    "第7行：正文里的 onclick= 事件属性 不会出现在网页上，发布时会被去掉"
                ),
                (
                    8,
                    "第8行：正文里的 javascript: 链接 不会出现在网页上，发布时会被去掉"
                ),
            ]
        );
        assert!(d.iter().all(|d| !d.is_error()));
        assert_eq!(d[1].pos.unwrap().column, 4);
    }

    #[test]
    fn ordinary_text_and_safe_html_are_quiet() {
        let body = "<table><tr><td align=\"center\">甲</td></tr></table>\n描述 onion=1 与 style 一词\n<scripture>\n";
        assert!(check("a.md", body, 1).is_empty());
    }
}
