//! Checks on a content file's whole text, before its keys are read: limits the renderers
//! rely on, so that a file `check` passes never makes `build` slow or fail.

use super::yaml::Cx;
use crate::diag::{Diagnostic, Pos};
use crate::limits::{MAX_FIELD_CHARS, MAX_HTML_DEPTH, MAX_TITLE_CHARS, html_nesting};
use crate::load::SourceFile;
use crate::tr;
use marked_yaml::types::{MarkedMappingNode, Node};
use std::borrow::Cow;

/// Keys (at the top of a file) whose value is a title, shown on many pages.
const TITLE_KEYS: [&str; 6] = ["title", "标题", "name", "名称", "事项名称", "事项名"];

/// Keys whose value is a telephone number, made into a `tel:` link.
const PHONE_KEYS: [&str; 6] = [
    "phone",
    "电话",
    "consult_phone",
    "咨询电话",
    "complaint_phone",
    "监督投诉电话",
];

/// Why `s` cannot be a telephone number (it becomes a `tel:` link), if it cannot: it
/// needs digits, and no web address, letters before a colon, quotes or angle brackets.
pub fn phone_problem(s: &str) -> Option<String> {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let scheme_like = s
        .split(':')
        .next()
        .is_some_and(|head| s.contains(':') && head.chars().any(|c| c.is_ascii_alphabetic()));
    if scheme_like || s.contains(['<', '>', '"', '\'', '`', '\\', '{', '}']) {
        return Some(tr!(
            "“{s}”不是电话号码：里面有网址或符号",
            "`{s}` is not a telephone number: it holds an address or symbols"
        ));
    }
    if digits < 3 {
        return Some(tr!(
            "“{s}”不是电话号码：至少要有 3 位数字",
            "`{s}` is not a telephone number: it needs at least 3 digits"
        ));
    }
    None
}

/// The help for a wrong telephone number.
pub fn phone_help() -> String {
    tr!(
        "写电话号码，如 0570-1234500 或 12345，号码两边加引号",
        "write a number such as 0570-1234500 or 12345, in quotes"
    )
}

/// Whether `c` is a control character no content needs (tab and line end are fine).
fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` with every control character replaced by spaces of the same length in bytes,
/// so that the keys after one are still read and every position stays where it was
/// (a NUL cut the front matter short).
pub fn blank_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_control(c) {
                    " ".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

fn control_name(c: char) -> String {
    match c {
        '\0' => "NUL".into(),
        '\u{7f}' => "DEL".into(),
        _ => format!("U+{:04X}", c as u32),
    }
}

/// Reports the titles longer than [`MAX_TITLE_CHARS`] and the values longer than
/// [`MAX_FIELD_CHARS`] in the front matter `map`.
pub fn check_lengths(cx: &mut Cx, map: &MarkedMappingNode) {
    for (k, v) in map.iter() {
        let key = k.as_str();
        if TITLE_KEYS.contains(&key)
            && let Some(s) = v.as_scalar()
        {
            let n = s.as_str().chars().count();
            if n > MAX_TITLE_CHARS {
                cx.error(
                    v.span(),
                    key,
                    tr!(
                        "{key} 有 {n} 个字，最多 {MAX_TITLE_CHARS} 个字",
                        "{key} is {n} characters long; at most {MAX_TITLE_CHARS} are allowed"
                    ),
                    Some(tr!(
                        "标题会出现在很多页面上；请写简短的标题，详细内容写在正文里",
                        "the title appears on many pages; keep it short and put the details in the text"
                    )),
                );
                continue;
            }
        }
        check_phone(cx, key, v, key);
        long_values(cx, v, key, 0);
    }
}

fn check_phone(cx: &mut Cx, key: &str, node: &Node, path: &str) {
    if !PHONE_KEYS.contains(&key) {
        return;
    }
    if let Some(s) = node.as_scalar()
        && let Some(why) = phone_problem(s.as_str().trim())
    {
        cx.error(node.span(), path, why, Some(phone_help()));
    }
}

fn long_values(cx: &mut Cx, node: &Node, path: &str, depth: usize) {
    if depth > 64 {
        return;
    }
    match node {
        Node::Scalar(s) => {
            let n = s.as_str().chars().count();
            if n > MAX_FIELD_CHARS {
                cx.error(
                    node.span(),
                    path,
                    tr!(
                        "这个值有 {n} 个字，一个值最多 {MAX_FIELD_CHARS} 个字",
                        "this value is {n} characters long; a value may have at most {MAX_FIELD_CHARS}"
                    ),
                    Some(tr!(
                        "很长的说明请写在正文里，或分成几项",
                        "put long explanations in the text, or split them into several entries"
                    )),
                );
            }
        }
        Node::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                long_values(cx, item, &format!("{path}[{}]", i + 1), depth + 1);
            }
        }
        Node::Mapping(m) => {
            for (k, v) in m.iter() {
                let p = format!("{path}.{}", k.as_str());
                check_phone(cx, k.as_str(), v, &p);
                long_values(cx, v, &p, depth + 1);
            }
        }
    }
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn pos_of(text: &str, at: usize) -> Pos {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos { line, column }
}

/// Reports what in `file`'s text goes past a limit.
pub fn check(file: &SourceFile, diags: &mut Vec<Diagnostic>) {
    let mut controls = file.text.char_indices().filter(|(_, c)| is_control(*c));
    if let Some((at, c)) = controls.next() {
        let more = controls.count();
        let name = control_name(c);
        let message = if more == 0 {
            tr!(
                "这里有一个看不见的控制字符 {name}",
                "an invisible control character {name} is here"
            )
        } else {
            tr!(
                "这里有一个看不见的控制字符 {name}，文件里还有 {more} 个",
                "an invisible control character {name} is here, and {more} more in the file"
            )
        };
        diags.push(
            Diagnostic::error(&file.path, message)
                .at(Some(pos_of(&file.text, at)))
                .help(tr!(
                    "多半是从别的软件复制来的；删掉它（在记事本里可以把这一行重新打一遍）",
                    "it was most likely copied from another program; delete it (retype the line)"
                )),
        );
    }
    let nesting = html_nesting(&file.text);
    if let Some(at) = nesting.first_too_deep {
        diags.push(
            Diagnostic::warning(
                &file.path,
                tr!(
                    "HTML 标签嵌套超过 {MAX_HTML_DEPTH} 层：从这里起更深的 {} 个标签不显示，其中的文字照常显示",
                    "HTML is nested more than {MAX_HTML_DEPTH} deep: the {} tags deeper than that, from here on, are left out (their text is shown)",
                    nesting.left_out
                ),
            )
            .at(Some(pos_of(&file.text, at)))
            .help(tr!(
                "减少嵌套的 <div>、<blockquote>、<section>、<ul> 等标签",
                "nest fewer <div>, <blockquote>, <section>, <ul> and similar tags"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Section;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/pages/a.md".into(),
            section: Section::Pages,
            stem: "a".into(),
            text: text.into(),
            is_yaml: false,
        }
    }

    #[test]
    fn control_characters_are_errors_at_their_line_and_column() {
        let mut diags = Vec::new();
        check(
            &file("---\n标题: 关于\0本站\n网址名: x\u{1}\n---\n"),
            &mut diags,
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].is_error());
        assert_eq!(diags[0].pos, Some(Pos { line: 2, column: 7 }));
        assert!(diags[0].message.contains("NUL"), "{}", diags[0].message);
        assert!(diags[0].message.contains('1'), "{}", diags[0].message);
        let mut none = Vec::new();
        check(&file("---\n标题: 甲\t乙\n---\n正文\n"), &mut none);
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn phones_are_numbers_not_links() {
        for ok in [
            "0570-1234500",
            "12345",
            "0570-1234567 转 8001",
            "（0570）1234567、1234568",
        ] {
            assert_eq!(phone_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "tel:javascript:alert(1)",
            "https://x.cn",
            "无",
            "<b>1234</b>",
        ] {
            assert!(phone_problem(bad).is_some(), "{bad} accepted");
        }
    }

    #[test]
    fn blanking_keeps_every_position() {
        let t = "a\0b\u{85}c\u{7f}";
        let b = blank_controls(t);
        assert_eq!(b.len(), t.len());
        assert_eq!(b, "a b  c ");
        assert!(matches!(blank_controls("没有"), Cow::Borrowed(_)));
    }

    #[test]
    fn positions_count_characters() {
        let t = "甲乙\n丙<b>";
        assert_eq!(pos_of(t, t.find('<').unwrap()), Pos { line: 2, column: 2 });
        assert_eq!(pos_of(t, 0), Pos { line: 1, column: 1 });
    }

    #[test]
    fn deep_html_is_a_warning_at_the_first_tag_left_out() {
        let text = format!("---\n标题: 深\n---\n{}深\n", "<div>".repeat(100_000));
        let mut diags = Vec::new();
        check(&file(&text), &mut diags);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(!d.is_error());
        assert_eq!(
            d.pos,
            Some(Pos {
                line: 4,
                column: 5 * MAX_HTML_DEPTH + 1
            })
        );
        assert!(d.message.contains("99900"), "{}", d.message);
        let mut none = Vec::new();
        check(
            &file("---\n标题: 浅\n---\n<div><p>浅</p></div>\n"),
            &mut none,
        );
        assert!(none.is_empty());
    }
}
