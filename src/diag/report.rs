//! Printing diagnostics with codespan-reporting: location, key, source line and caret.

use super::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::collections::HashMap;

/// Writes `diags` to `out`, each with the offending line of its file from `sources`
/// (file path → text as read). Colour follows `out`.
pub fn render(
    out: &mut dyn WriteColor,
    diags: &[Diagnostic],
    sources: &HashMap<String, String>,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids = HashMap::new();
    let config = term::Config::default();
    for d in diags {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let head = match &d.key {
            Some(k) => format!("{}: {}", k, d.message),
            None => d.message.clone(),
        };
        cs = cs.with_message(head);
        let mut notes = Vec::new();
        match (d.pos, sources.get(&d.file)) {
            (Some(pos), Some(text)) => {
                let id = *ids
                    .entry(d.file.clone())
                    .or_insert_with(|| files.add(d.file.clone(), text.clone()));
                let start = byte_offset(text, pos.line, pos.column);
                let end = token_end(text, start);
                cs = cs.with_labels(vec![Label::primary(id, start..end)]);
            }
            _ => notes.push(format!("{}{}", super::tr("位置：", "in "), d.location())),
        }
        if let Some(h) = &d.help {
            notes.push(format!("{}{h}", super::tr("提示：", "help: ")));
        }
        cs = cs.with_notes(notes);
        if let Err(e) = term::emit_to_write_style(out, &config, &files, &cs) {
            // Fall back to one plain line rather than losing the message.
            writeln!(out, "{d}")?;
            let _ = e;
        }
    }
    Ok(())
}

/// One line a diagnostic, for logs and the live-preview overlay.
pub fn render_plain(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| format!("{d}\n")).collect()
}

/// Byte offset of 1-based `line`, `column` (characters) in `text`, clamped to the text.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = column.saturating_sub(1);
            let within = l
                .char_indices()
                .nth(col)
                .map(|(b, _)| b)
                .unwrap_or_else(|| l.trim_end_matches(['\n', '\r']).len());
            return offset + within;
        }
        offset += l.len();
    }
    text.len()
}

/// End of the token starting at `start`: up to the end of the line, without a trailing
/// `# comment` or spaces.
fn token_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let mut line_len = rest.find(['\n', '\r']).unwrap_or(rest.len());
    if let Some(c) = rest[..line_len].find(" #") {
        line_len = c;
    }
    let trimmed = rest[..line_len].trim_end().len();
    start + trimmed.max(rest[..line_len].chars().next().map_or(0, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use codespan_reporting::term::termcolor::NoColor;

    #[test]
    fn shows_source_line_with_caret() {
        let text = "---\n事项编码: T-1\n事项类型: 行政审批\n---\n".to_string();
        let sources = HashMap::from([("content/services/a.md".to_string(), text)]);
        let d = Diagnostic::error("content/services/a.md", "unknown 事项类型 行政审批")
            .at(Some(Pos { line: 3, column: 7 }))
            .key("type");
        let mut out = NoColor::new(Vec::new());
        render(&mut out, &[d], &sources).unwrap();
        let s = String::from_utf8(out.into_inner()).unwrap();
        assert!(s.contains("content/services/a.md:3:7"), "{s}");
        assert!(s.contains("事项类型: 行政审批"), "{s}");
        assert!(s.contains("^^^^"), "{s}");
        assert!(s.contains("type: unknown"), "{s}");
    }

    #[test]
    fn caret_stops_before_a_comment() {
        let text = "份数: 0  # 默认 1\n";
        let start = byte_offset(text, 1, 5);
        assert_eq!(&text[start..token_end(text, start)], "0");
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "甲乙: x\n";
        assert_eq!(byte_offset(text, 1, 5), "甲乙: ".len());
        assert_eq!(byte_offset(text, 9, 1), text.len());
    }
}
