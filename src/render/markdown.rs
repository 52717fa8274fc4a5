//! Markdown (CommonMark with tables and strikethrough) to HTML, sanitized.
//!
//! One departure from CommonMark: `**粗体**` next to Chinese punctuation is bold. The
//! CommonMark flanking rules leave `由**登记权利人（买方）**缴纳` as literal asterisks
//! (a `**` between a letter and punctuation cannot close); Chinese is written without
//! spaces, so such pairs are taken as strong emphasis after parsing (see [`cjk_strong`]).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::ops::Range;
use std::sync::OnceLock;

/// Renders `src` to HTML. Raw HTML is cleaned (no scripts, event handlers, `javascript:`
/// URLs, iframes, objects or styles) unless `unsafe_html` is set.
pub fn to_html(src: &str, unsafe_html: bool) -> String {
    if src.trim().is_empty() {
        return String::new();
    }
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let events = cjk_strong(
        src,
        Parser::new_ext(src, options).into_offset_iter().collect(),
    );
    // Markdown without raw HTML, links or images renders to escaped text and plain tags
    // only; it needs no cleaning (most bodies are like this, and cleaning is the slow part).
    let plain = events.iter().all(|e| {
        !matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. })
                | Event::Start(Tag::Image { .. })
        )
    });
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if unsafe_html || plain {
        out
    } else {
        // Deep nesting is cut first: the sanitiser's parser is slow on it.
        sanitizer()
            .clean(&crate::limits::limit_html_depth(&out))
            .to_string()
    }
}

/// The text of Markdown `src` without its markup, for places that take plain text
/// (JSON-LD): emphasis marks, link targets, images and raw HTML tags are dropped (a link
/// keeps its text, an image its description); paragraphs, headings, list items and table
/// rows each become a line, table cells are separated by a space. `**…**` pairs next to
/// Chinese text are taken as emphasis, as in [`to_html`].
pub fn to_plain_text(src: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let events = cjk_strong(
        src,
        Parser::new_ext(src, options).into_offset_iter().collect(),
    );
    let mut out = String::with_capacity(src.len());
    let line_break = |out: &mut String| {
        while out.ends_with([' ', '\t']) {
            out.pop();
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // Chinese lines join without a space; other words keep one.
            Event::SoftBreak if !out.chars().next_back().is_some_and(is_cjk) => out.push(' '),
            Event::HardBreak
            | Event::Rule
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => line_break(&mut out),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `c` is written without spaces around it: CJK ideographs, kana, hangul and the
/// full-width punctuation of CJK text.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF
        | 0x3200..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Turns the `**…**` pairs CommonMark left as text into strong emphasis when they touch
/// CJK text (a delimiter next to a CJK character, or CJK just inside it).
///
/// Only delimiters written as `**` in the source count (not `\*\*`, not entities); the
/// inner text must not start or end with a space (`** a **` stays literal) and the pair
/// must lie within one run of text (not across a link or code span). Everything CommonMark
/// already made emphasis is untouched.
fn cjk_strong<'a>(src: &str, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    // Consecutive text pieces, each with whether its first character is escaped in the
    // source and whether the rest is as written.
    let mut run: Vec<(CowStr<'a>, Piece)> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Text(t) => {
                let piece = Piece {
                    escaped_first: range.start > 0
                        && src.as_bytes().get(range.start - 1) == Some(&b'\\'),
                    as_written: src.get(range.clone()).is_some_and(|s| s == &*t),
                };
                run.push((t, piece));
            }
            other => {
                strong_pairs(std::mem::take(&mut run), &mut out);
                out.push(other);
            }
        }
    }
    strong_pairs(run, &mut out);
    out
}

/// How a piece of text is written in the source.
#[derive(Clone, Copy)]
struct Piece {
    /// Its first character comes after a backslash (`\*`).
    escaped_first: bool,
    /// Its text is its source as is (no entities, no escapes).
    as_written: bool,
}

/// Emits one run of text pieces, with its CJK `**…**` pairs as strong emphasis.
fn strong_pairs<'a>(run: Vec<(CowStr<'a>, Piece)>, out: &mut Vec<Event<'a>>) {
    if run.len() < 4 && !run.iter().any(|(t, _)| t.contains("**")) {
        out.extend(run.into_iter().map(|(t, _)| Event::Text(t)));
        return;
    }
    let mut text = String::new();
    // Per byte of `text`: written as such in the source (a delimiter may start there).
    let mut raw: Vec<bool> = Vec::new();
    for (t, piece) in &run {
        let start = raw.len();
        raw.extend(std::iter::repeat_n(piece.as_written, t.len()));
        if piece.escaped_first && !t.is_empty() {
            raw[start] = false;
        }
        text.push_str(t);
    }
    let bytes = text.as_bytes();
    let delims: Vec<usize> = (0..bytes.len().saturating_sub(1))
        .filter(|&i| bytes[i] == b'*' && bytes[i + 1] == b'*' && raw[i] && raw[i + 1])
        .collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k + 1 < delims.len() {
        let (open, close) = (delims[k], delims[k + 1]);
        if close < open + 2 {
            // `***`: overlapping delimiters.
            k += 1;
            continue;
        }
        let inner = &text[open + 2..close];
        let before = text[..open].chars().next_back();
        let after = text[close + 2..].chars().next();
        let first = inner.chars().next();
        let last = inner.chars().next_back();
        let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let cjk = [before, after, first, last]
            .into_iter()
            .flatten()
            .any(is_cjk);
        if !inner.contains('*') && !spaced(first) && !spaced(last) && cjk {
            pairs.push((open, close));
            // The next pair starts after this one's closing delimiter.
            k += 2;
            while k < delims.len() && delims[k] < close + 2 {
                k += 1;
            }
        } else {
            k += 1;
        }
    }
    if pairs.is_empty() {
        out.extend(run.into_iter().map(|(t, _)| Event::Text(t)));
        return;
    }
    let mut at = 0;
    for (open, close) in pairs {
        if open > at {
            out.push(Event::Text(text[at..open].to_string().into()));
        }
        out.push(Event::Start(Tag::Strong));
        out.push(Event::Text(text[open + 2..close].to_string().into()));
        out.push(Event::End(TagEnd::Strong));
        at = close + 2;
    }
    if at < text.len() {
        out.push(Event::Text(text[at..].to_string().into()));
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEAN: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tag_attributes("td", ["align"])
            .add_tag_attributes("th", ["align"]);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_and_strikethrough() {
        let h = to_html("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n", false);
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("<del>2</del>"), "{h}");
    }

    #[test]
    fn removes_scripts_handlers_and_javascript_urls() {
        let h = to_html(
            "<script>alert(\"xss\")</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[x](javascript:alert(1))\n\n<iframe src=\"https://e.example\"></iframe><style>p{}</style><object></object>",
            false,
        );
        for bad in [
            "<script",
            "alert(\"xss\")",
            "onerror",
            "javascript:",
            "<iframe",
            "<style",
            "<object",
        ] {
            assert!(!h.contains(bad), "{bad} in {h}");
        }
    }

    #[test]
    fn plain_markdown_is_escaped_without_cleaning() {
        let h = to_html("a < b & **c** `<script>`", false);
        assert_eq!(
            h,
            "<p>a &lt; b &amp; <strong>c</strong> <code>&lt;script&gt;</code></p>\n"
        );
    }

    #[test]
    fn links_are_cleaned() {
        let h = to_html("[ok](https://e.example/) ![i](javascript:x)", false);
        assert!(h.contains("href=\"https://e.example/\""), "{h}");
        assert!(!h.contains("javascript"), "{h}");
    }

    #[test]
    fn deep_nesting_is_cut_before_cleaning() {
        // 100,000 nested <div> took minutes to clean; the depth is now limited first.
        let deep = format!("{}深{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let h = to_html(&deep, false);
        assert_eq!(h.matches("<div>").count(), crate::limits::MAX_HTML_DEPTH);
        assert!(h.contains('深'));
        // Markdown quotes nest as deep, and a link makes them go through the cleaner.
        let quotes = format!("{} [深](https://e.example/)\n", ">".repeat(20_000));
        let h = to_html(&quotes, false);
        assert!(
            h.matches("<blockquote>").count() <= crate::limits::MAX_HTML_DEPTH,
            "{}",
            h.len()
        );
        assert!(h.contains('深'), "the link's text is kept");
    }

    #[test]
    fn strong_next_to_chinese_punctuation_is_bold() {
        for (src, want) in [
            (
                "由**登记权利人（买方）**缴纳",
                "<p>由<strong>登记权利人（买方）</strong>缴纳</p>\n",
            ),
            ("**“身份证”**原件", "<p><strong>“身份证”</strong>原件</p>\n"),
            (
                "须携带**《营业执照》**。",
                "<p>须携带<strong>《营业执照》</strong>。</p>\n",
            ),
            (
                "请于**5个工作日（含）**内，**逾期**不予受理",
                "<p>请于<strong>5个工作日（含）</strong>内，<strong>逾期</strong>不予受理</p>\n",
            ),
        ] {
            assert_eq!(to_html(src, false), want, "{src}");
        }
    }

    #[test]
    fn commonmark_emphasis_keeps_working() {
        for (src, want) in [
            // Already emphasis under CommonMark, CJK or not.
            ("**粗体**", "<p><strong>粗体</strong></p>\n"),
            ("中文**粗体**中文", "<p>中文<strong>粗体</strong>中文</p>\n"),
            ("a **b** c", "<p>a <strong>b</strong> c</p>\n"),
            (
                "*斜体*和**粗体**",
                "<p><em>斜体</em>和<strong>粗体</strong></p>\n",
            ),
            ("***粗斜***", "<p><em><strong>粗斜</strong></em></p>\n"),
            // Not emphasis, and must stay so.
            ("\\*\\*不是粗体\\*\\*", "<p>**不是粗体**</p>\n"),
            ("** 两边有空格 **", "<p>** 两边有空格 **</p>\n"),
            ("a ** b ** c", "<p>a ** b ** c</p>\n"),
            ("2**3", "<p>2**3</p>\n"),
            ("单个**星号（括号）", "<p>单个**星号（括号）</p>\n"),
            ("`**代码（a）**`", "<p><code>**代码（a）**</code></p>\n"),
            ("5 * 3 * 2", "<p>5 * 3 * 2</p>\n"),
        ] {
            assert_eq!(to_html(src, false), want, "{src}");
        }
        // Inside lists, tables and links the fix applies to the text as well.
        let h = to_html("- 由**登记权利人（买方）**缴纳\n", false);
        assert!(
            h.contains("<li>由<strong>登记权利人（买方）</strong>缴纳</li>"),
            "{h}"
        );
        let h = to_html("| 说明 |\n|---|\n| **材料（原件）**必需 |\n", false);
        assert!(h.contains("<strong>材料（原件）</strong>必需"), "{h}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("由**登记权利人（买方）**缴纳，见[办事指南](https://a.example/x)。"),
            "由登记权利人（买方）缴纳，见办事指南。"
        );
        assert_eq!(
            to_plain_text("1. 第一条\n2. *第二*条\n\n另起一段"),
            "第一条\n第二条\n另起一段"
        );
        assert_eq!(
            to_plain_text("年满\n十八周岁 and\nolder"),
            "年满十八周岁 and older"
        );
        assert_eq!(to_plain_text("<b>粗</b> `代码` ![图](a.png)"), "粗 代码 图");
        assert_eq!(to_plain_text("|甲|乙|\n|-|-|\n|1|2|"), "甲 乙\n1 2");
        assert_eq!(to_plain_text("a \\*\\*b\\*\\*"), "a **b**");
        assert_eq!(to_plain_text(""), "");
    }

    #[test]
    fn unsafe_html_keeps_raw_html() {
        assert!(to_html("<script>x()</script>", true).contains("<script>"));
    }
}
