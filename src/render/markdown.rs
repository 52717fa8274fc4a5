//! Markdown (CommonMark with tables and strikethrough) to HTML, sanitized.

use pulldown_cmark::{Event, Options, Parser, Tag, html};
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
    let events: Vec<Event> = Parser::new_ext(src, options).collect();
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
    fn unsafe_html_keeps_raw_html() {
        assert!(to_html("<script>x()</script>", true).contains("<script>"));
    }
}
