//! Checks on a content file's whole text, before its keys are read: limits the renderers
//! rely on, so that a file `check` passes never makes `build` slow or fail.

use crate::diag::{Diagnostic, Pos};
use crate::limits::{MAX_HTML_DEPTH, html_nesting};
use crate::load::SourceFile;
use crate::tr;

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
