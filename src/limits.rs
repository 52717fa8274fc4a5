//! Limits on content, shared by the checks (which report them) and the renderers (which
//! rely on them).
//!
//! A title is repeated on every page that lists it (a 7 MB title was copied into 112
//! files, 770 MB), so titles are limited to [`MAX_TITLE_CHARS`] and any other value of the
//! front matter to [`MAX_FIELD_CHARS`].
//!
//! The HTML parser behind the sanitiser (html5ever) looks through the elements still open
//! at each tag, so HTML nested thousands deep costs time in the square of its size (a page
//! of 100,000 nested `<div>` took over two minutes). [`limit_html_depth`] keeps at most
//! [`MAX_HTML_DEPTH`] elements open: deeper tags are left out, their text is kept. It reads
//! the HTML once, with a simple model of the parser's open elements that never counts
//! fewer than the parser keeps, apart from the table sections the parser adds itself.

use std::borrow::Cow;
use std::collections::HashMap;

/// How deep HTML elements may be nested; deeper tags are left out (their text is kept).
pub const MAX_HTML_DEPTH: usize = 100;

/// Most characters in a title (标题, 事项名称, 名称): it is repeated on many pages.
pub const MAX_TITLE_CHARS: usize = 200;

/// Most characters in any one value of the front matter (a long text goes in the body).
pub const MAX_FIELD_CHARS: usize = 20_000;

/// How deep an HTML fragment nests, as measured by [`html_nesting`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Nesting {
    /// The most elements open at once (at most [`MAX_HTML_DEPTH`]).
    pub deepest: usize,
    /// Byte offset of the first tag left out for being too deep.
    pub first_too_deep: Option<usize>,
    /// How many start tags are left out.
    pub left_out: usize,
}

/// Measures `html` against [`MAX_HTML_DEPTH`] without changing it.
pub fn html_nesting(html: &str) -> Nesting {
    walk(html, MAX_HTML_DEPTH, None)
}

/// `html` with the tags nested deeper than [`MAX_HTML_DEPTH`] left out (borrowed when
/// nothing is left out). Linear in the length of `html`.
pub fn limit_html_depth(html: &str) -> Cow<'_, str> {
    let measured = walk(html, MAX_HTML_DEPTH, None);
    if measured.left_out == 0 {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    walk(html, MAX_HTML_DEPTH, Some(&mut out));
    Cow::Owned(out)
}

const VOID: [&str; 16] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source",
];
const VOID_MORE: [&str; 3] = ["track", "wbr", "image"];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
];

/// Foreign (SVG, MathML) elements whose children are HTML again.
const INTEGRATION: [&str; 8] = [
    "foreignobject",
    "desc",
    "title",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
];

const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements that close an open `<p>` when they start.
const CLOSES_P: [&str; 38] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "table",
    "li",
    "dd",
    "dt",
];

/// Elements that bound where an end tag looks for its element.
const SCOPE: [&str; 12] = [
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg",
    "math", "button",
];

/// Elements an end tag of another name does not reach past.
const SPECIAL: [&str; 50] = [
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "ul",
];

/// Elements that start a new list of active formatting elements.
const MARKERS: [&str; 7] = [
    "applet", "caption", "marquee", "object", "template", "td", "th",
];

fn is(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

fn is_void(name: &str) -> bool {
    is(&VOID, name) || is(&VOID_MORE, name)
}

/// An open element of the model.
struct Open {
    name: String,
    foreign: bool,
}

/// A model of the parser's open elements and active formatting elements.
#[derive(Default)]
struct Model {
    stack: Vec<Open>,
    /// Active formatting elements: `None` is a marker; `Some((name, on_stack))`.
    active: Vec<Option<(String, bool)>>,
    /// Active formatting elements no longer on the stack (the parser opens them again).
    off_stack: usize,
    /// Start tags left out, by name, so that their end tags are left out too.
    dropped: HashMap<String, usize>,
}

impl Model {
    fn depth(&self) -> usize {
        self.stack.len() + self.off_stack
    }

    /// Whether a child of the current element is foreign (SVG or MathML): there `/>`
    /// closes an element and no element holds raw text.
    fn foreign_context(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|o| o.foreign && !is(&INTEGRATION, &o.name) && o.name != "annotation-xml")
    }

    /// Pops the top element, keeping formatting elements active.
    fn pop(&mut self) {
        let Some(top) = self.stack.pop() else { return };
        if is(&FORMATTING, &top.name) {
            if let Some(Some(entry)) = self
                .active
                .iter_mut()
                .rev()
                .find(|e| matches!(e, Some((n, true)) if *n == top.name))
            {
                entry.1 = false;
                self.off_stack += 1;
            }
        } else if is(&MARKERS, &top.name) {
            while let Some(e) = self.active.pop() {
                match e {
                    None => break,
                    Some((_, false)) => self.off_stack -= 1,
                    Some((_, true)) => {}
                }
            }
        }
    }

    /// Pops through the topmost `name` when it is found before a `stop` element.
    fn close(&mut self, name: &str, stop: impl Fn(&str) -> bool) -> bool {
        let mut found = None;
        for (i, o) in self.stack.iter().enumerate().rev() {
            if o.name == name {
                found = Some(i);
                break;
            }
            if stop(&o.name) {
                break;
            }
        }
        let Some(i) = found else { return false };
        while self.stack.len() > i {
            self.pop();
        }
        true
    }

    /// Implied closes before a start tag `name`.
    fn before_start(&mut self, name: &str) {
        if is(&CLOSES_P, name) {
            self.close("p", |n| is(&SCOPE, n));
        }
        match name {
            "li" => {
                self.close("li", |n| {
                    is(&SPECIAL, n) && !matches!(n, "address" | "div" | "p")
                });
            }
            "dd" | "dt" => {
                let stop = |n: &str| is(&SPECIAL, n) && !matches!(n, "address" | "div" | "p");
                if !self.close("dd", stop) {
                    self.close("dt", stop);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.stack.last().is_some_and(|o| {
                    matches!(o.name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                }) =>
            {
                self.pop();
            }
            "td" | "th" => {
                let stop = |n: &str| {
                    matches!(
                        n,
                        "tr" | "table" | "tbody" | "thead" | "tfoot" | "html" | "template"
                    )
                };
                if !self.close("td", stop) {
                    self.close("th", stop);
                }
            }
            "tr" => {
                self.close("tr", |n| {
                    matches!(
                        n,
                        "table" | "tbody" | "thead" | "tfoot" | "html" | "template"
                    )
                });
            }
            "tbody" | "thead" | "tfoot" => {
                let stop = |n: &str| matches!(n, "table" | "html" | "template");
                for s in ["tbody", "thead", "tfoot"] {
                    if self.close(s, stop) {
                        break;
                    }
                }
            }
            "option" | "optgroup" if self.stack.last().is_some_and(|o| o.name == "option") => {
                self.pop();
            }
            "a" | "nobr" | "button" => {
                // A second one closes the first.
                self.close(name, |n| is(&SCOPE, n) && n != name);
            }
            _ => {}
        }
    }

    fn start(&mut self, name: &str, self_closing: bool) {
        let foreign = name == "svg" || name == "math" || self.foreign_context();
        self.before_start(name);
        if foreign && self_closing {
            return;
        }
        if is(&FORMATTING, name) {
            self.active.push(Some((name.to_string(), true)));
        } else if is(&MARKERS, name) {
            self.active.push(None);
        }
        self.stack.push(Open {
            name: name.to_string(),
            foreign,
        });
    }

    fn end(&mut self, name: &str) {
        if matches!(name, "body" | "html") {
            return;
        }
        let closed = if is(&SPECIAL, name) || matches!(name, "thead" | "tfoot" | "tr" | "th") {
            let table_part = matches!(
                name,
                "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption"
            );
            if table_part {
                self.close(name, |n| {
                    matches!(n, "html" | "table" | "template") && n != name
                })
            } else {
                self.close(name, |n| is(&SCOPE, n))
            }
        } else {
            self.close(name, |n| is(&SPECIAL, n))
        };
        if !closed && is(&FORMATTING, name) {
            // Active but no longer open: the parser forgets it.
            if let Some(i) = self
                .active
                .iter()
                .rposition(|e| matches!(e, Some((n, false)) if n == name))
            {
                self.active.remove(i);
                self.off_stack -= 1;
            }
        }
    }
}

/// Reads `html` once, modelling the open elements; with `out`, writes it there without
/// the tags that would open more than `max` elements.
fn walk(html: &str, max: usize, mut out: Option<&mut String>) -> Nesting {
    let bytes = html.as_bytes();
    let mut model = Model::default();
    let mut nesting = Nesting::default();
    let mut i = 0;
    let mut copied = 0;
    let mut name = String::new();
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + lt;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, at + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<![CDATA[") && model.foreign_context() {
            i = find(bytes, at + 9, b"]]>").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = at + 1 + usize::from(closing);
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        let mut j = name_at;
        name.clear();
        while j < bytes.len()
            && !matches!(
                bytes[j],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            name.push(bytes[j].to_ascii_lowercase() as char);
            j += 1;
        }
        let (end, self_closing) = tag_end(bytes, j);
        let Some(end) = end else {
            // An unfinished tag at the end: the parser drops it.
            break;
        };
        let html_context = !model.foreign_context();
        let raw = !closing && html_context && is(&RAW_TEXT, &name) && !self_closing;
        let mut keep = true;
        let mut next = end;
        if closing {
            if let Some(n) = model.dropped.get_mut(name.as_str())
                && *n > 0
            {
                *n -= 1;
                keep = false;
            } else {
                model.end(&name);
            }
        } else if matches!(name.as_str(), "html" | "head" | "body") || is_void(&name) {
            // Adds no depth.
        } else if model.depth() >= max {
            keep = false;
            nesting.left_out += 1;
            nesting.first_too_deep.get_or_insert(at);
            if raw {
                // Left out with its text and its end tag.
                next = find_end_tag(bytes, end, &name).map_or(bytes.len(), |c| {
                    memchr::memchr(b'>', &bytes[c..]).map_or(bytes.len(), |e| c + e + 1)
                });
            } else {
                *model.dropped.entry(name.clone()).or_default() += 1;
            }
        } else {
            model.start(&name, self_closing);
            nesting.deepest = nesting.deepest.max(model.depth());
            if raw {
                // Its text runs to `</name`, which closes it in the model.
                next = find_end_tag(bytes, end, &name).unwrap_or(bytes.len());
            }
        }
        if !keep && let Some(o) = out.as_deref_mut() {
            o.push_str(&html[copied..at]);
            copied = next;
        }
        i = next;
    }
    if let Some(o) = out {
        o.push_str(&html[copied..]);
    }
    nesting
}

/// Where the tag whose name ends at `j` ends (just after its `>`), and whether it ends
/// with `/>`. Quoted attribute values may hold `>`.
fn tag_end(bytes: &[u8], mut j: usize) -> (Option<usize>, bool) {
    let mut last_slash = false;
    while j < bytes.len() {
        match bytes[j] {
            b'>' => return (Some(j + 1), last_slash),
            b'=' => {
                last_slash = false;
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(j) {
                    match memchr::memchr(q, &bytes[j + 1..]) {
                        Some(e) => j += e + 2,
                        None => return (None, false),
                    }
                }
                continue;
            }
            b'/' => last_slash = true,
            _ => last_slash = false,
        }
        j += 1;
    }
    (None, false)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|e| from + e)
}

/// Offset of `</name` (any case) ending the raw text that starts at `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut k = from;
    while let Some(e) = find(bytes, k, b"</") {
        let after = e + 2;
        let candidate = bytes.get(after..after + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(after + name.len())
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
        {
            return Some(e);
        }
        k = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, n: usize) -> String {
        format!(
            "{}深{}",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        )
    }

    #[test]
    fn shallow_html_is_kept_as_it_is() {
        let h = "<div class=\"a>b\"><p>一<p>二<ul><li>三<li>四</ul></div><!-- <div> --><br/>";
        assert!(matches!(limit_html_depth(h), Cow::Borrowed(_)));
        assert_eq!(html_nesting(h).left_out, 0);
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_keeps_its_text() {
        for tag in ["div", "blockquote", "section", "ul", "span", "b", "table"] {
            let h = nested(tag, 5_000);
            let n = html_nesting(&h);
            assert_eq!(n.deepest, MAX_HTML_DEPTH, "{tag}");
            assert_eq!(n.left_out, 5_000 - MAX_HTML_DEPTH, "{tag}");
            assert_eq!(n.first_too_deep, Some((tag.len() + 2) * MAX_HTML_DEPTH));
            let cut = limit_html_depth(&h);
            assert_eq!(
                cut.matches(&format!("<{tag}>")).count(),
                MAX_HTML_DEPTH,
                "{tag}"
            );
            assert_eq!(cut.matches(&format!("</{tag}>")).count(), MAX_HTML_DEPTH);
            assert!(cut.contains('深'));
            assert_eq!(
                html_nesting(&cut).left_out,
                0,
                "{tag}: the result is within the limit"
            );
        }
    }

    #[test]
    fn unclosed_paragraphs_list_items_and_cells_do_not_add_depth() {
        let h = "<p>段".repeat(1_000)
            + "<ul>"
            + &"<li>项".repeat(1_000)
            + "</ul><table>"
            + &"<tr><td><b>格</td><td>格".repeat(1_000)
            + "</table><dl>"
            + &"<dt>词<dd>义".repeat(1_000)
            + "</dl>";
        let n = html_nesting(&h);
        assert_eq!(n.left_out, 0, "{n:?}");
        assert!(n.deepest < 10, "{n:?}");
    }

    #[test]
    fn end_tags_the_parser_ignores_do_not_hide_depth() {
        // `</div>` inside a table does not close the div: the divs pile up.
        let h = "<div><table></div></table>".repeat(1_000);
        let n = html_nesting(&h);
        assert_eq!(n.deepest, MAX_HTML_DEPTH);
        assert!(n.left_out > 0);
        // Formatting elements closed by their parent are opened again by the parser.
        let h = "<div><b><i></div>".repeat(1_000);
        assert_eq!(html_nesting(&h).deepest, MAX_HTML_DEPTH);
    }

    #[test]
    fn raw_text_is_not_read_as_tags() {
        let h = format!("<script>{}</script><p>a</p>", "<div>".repeat(1_000));
        assert_eq!(html_nesting(&h).left_out, 0);
        let h = format!("<textarea>{}</TEXTAREA >x", "<div>".repeat(1_000));
        assert_eq!(html_nesting(&h).deepest, 1);
    }

    #[test]
    fn work_is_linear() {
        // Ten times the input is about ten times the work: nothing is scanned again.
        let h = nested("div", 100_000);
        let cut = limit_html_depth(&h);
        assert!(cut.len() < 3_000, "{}", cut.len());
    }
}
