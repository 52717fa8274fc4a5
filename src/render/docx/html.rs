//! Raw HTML in Markdown, as text for print.
//!
//! The website shows such HTML sanitized; a printed document cannot show markup, but it
//! must not lose the words. ammonia parses the HTML (html5ever) and keeps only the tags
//! that end a paragraph or a line, without attributes, and drops scripts and styles with
//! their content; the few tags left are then turned into paragraph and line breaks.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Tags whose start or end begins a new paragraph.
const BLOCK_TAGS: [&str; 24] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "ol",
    "p",
    "section",
    "table",
    "tr",
];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEAN: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let mut tags: HashSet<&str> = BLOCK_TAGS.into_iter().collect();
        tags.extend(["br", "td", "th", "ul", "pre", "hr"]);
        let mut b = ammonia::Builder::empty();
        b.tags(tags);
        b
    })
}

/// The text of an HTML fragment as paragraphs; a paragraph's line breaks are `\n`.
/// White space is collapsed as a browser would; table cells are separated by a wide
/// space.
pub fn paragraphs(html: &str) -> Vec<String> {
    let clean = cleaner()
        .clean(&crate::limits::limit_html_depth(html))
        .to_string();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = clean.as_str();
    while !rest.is_empty() {
        let (text, after) = match rest.find('<') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        push_text(&mut current, text);
        let Some(end) = after.find('>') else {
            break;
        };
        let tag = after[1..end].trim_start_matches('/').trim_end_matches('/');
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "br" => current.push('\n'),
            "td" | "th" => {
                if !current.trim().is_empty() && after.as_bytes().get(1) != Some(&b'/') {
                    current.push('　');
                }
            }
            _ => finish(&mut out, &mut current),
        }
        rest = &after[end + 1..];
    }
    finish(&mut out, &mut current);
    out
}

/// Appends text from ammonia's output: entities decoded, runs of white space as one
/// space.
fn push_text(to: &mut String, text: &str) {
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    for c in decoded.chars() {
        if c.is_ascii_whitespace() {
            if !to.is_empty() && !to.ends_with([' ', '\n', '　']) {
                to.push(' ');
            }
        } else {
            to.push(c);
        }
    }
}

fn finish(out: &mut Vec<String>, current: &mut String) {
    let p: Vec<&str> = current
        .split('\n')
        .map(|l| l.trim_matches([' ', '　']))
        .collect();
    let p = p.join("\n");
    let p = p.trim_matches('\n');
    if !p.is_empty() {
        out.push(p.to_string());
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_words_in_paragraphs() {
        assert_eq!(
            paragraphs("<div class=\"x\">重要 <b>通知</b></div>\n<p>第二段<br>第二行</p>"),
            ["重要 通知", "第二段\n第二行"]
        );
    }

    #[test]
    fn deep_nesting_keeps_its_words_quickly() {
        // 100,000 nested blocks took minutes; the depth is limited before parsing.
        let deep = format!(
            "{}深处的字{}",
            "<blockquote>".repeat(100_000),
            "</blockquote>".repeat(100_000)
        );
        assert_eq!(paragraphs(&deep), ["深处的字"]);
    }

    #[test]
    fn drops_scripts_styles_and_comments() {
        assert_eq!(
            paragraphs("<script>alert(1)</script><style>p{}</style><!-- 注释 --><p>正文</p>"),
            ["正文"]
        );
    }

    #[test]
    fn decodes_entities_and_separates_table_cells() {
        assert_eq!(
            paragraphs(
                "<table><tr><th>名称</th><th>份数</th></tr><tr><td>A &amp; B &lt;1&gt;</td><td>2</td></tr></table>"
            ),
            ["名称　份数", "A & B <1>　2"]
        );
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(paragraphs("<p>未闭合 <b>粗"), ["未闭合 粗"]);
        assert_eq!(paragraphs("a < b > c"), ["a < b > c"]);
        assert!(paragraphs("<p></p><div> </div>").is_empty());
    }
}
