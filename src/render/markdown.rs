//! Markdown (CommonMark with tables and strikethrough) to HTML, sanitized.

use pulldown_cmark::{Options, Parser, html};
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
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(src, options));
    if unsafe_html {
        out
    } else {
        sanitizer().clean(&out).to_string()
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
    fn unsafe_html_keeps_raw_html() {
        assert!(to_html("<script>x()</script>", true).contains("<script>"));
    }
}
