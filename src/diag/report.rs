//! Printing diagnostics with codespan-reporting: location, key, source line and caret.
//!
//! Printing stays in proportion to what is shown, whatever the files hold: each diagnostic
//! shows only its own line, cut to [`LINE_SHOWN`] characters around the column (a 7 MB
//! one-line file is not printed again for each error), messages are cut to
//! [`MESSAGE_SHOWN`] characters, and at most [`PER_FILE`] diagnostics a file and [`TOTAL`]
//! in all are printed, followed by how many more there are (all are still counted;
//! [`show_all`] lifts the caps, for `--all`). Callers pass a buffered stream.

use super::{Diagnostic, Severity};
use crate::tr;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::WriteColor};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

/// Most diagnostics printed for one file (unless [`show_all`]).
pub const PER_FILE: usize = 10;
/// Most diagnostics printed by one call of [`render`] (unless [`show_all`]).
pub const TOTAL: usize = 100;
/// Most characters of a source line printed; the rest is cut around the column.
pub const LINE_SHOWN: usize = 120;
/// Most characters of a message or help printed.
pub const MESSAGE_SHOWN: usize = 400;

static SHOW_ALL: AtomicBool = AtomicBool::new(false);

/// Prints every diagnostic from now on, lifting [`PER_FILE`] and [`TOTAL`] (`--all`).
pub fn show_all(yes: bool) {
    SHOW_ALL.store(yes, Ordering::Relaxed);
}

/// The files whose lines [`render`] would print for `diags` (within [`PER_FILE`] and
/// [`TOTAL`] unless [`show_all`]): only their texts need to be at hand.
pub fn shown_files<'a>(
    diags: impl IntoIterator<Item = &'a Diagnostic>,
) -> std::collections::BTreeSet<&'a str> {
    let all = SHOW_ALL.load(Ordering::Relaxed);
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    let mut shown = 0;
    let mut files = std::collections::BTreeSet::new();
    for d in diags {
        let n = per_file.entry(d.file.as_str()).or_default();
        *n += 1;
        if !all && (*n > PER_FILE || shown >= TOTAL) {
            continue;
        }
        shown += 1;
        if d.pos.is_some() {
            files.insert(d.file.as_str());
        }
    }
    files
}

/// Writes `diags` to `out`, each with the offending line of its file from `sources`
/// (file path → text as read), then flushes `out`. Colour follows `out`. Beyond
/// [`PER_FILE`] a file and [`TOTAL`] in all, diagnostics are counted, not printed.
pub fn render(
    out: &mut dyn WriteColor,
    diags: &[Diagnostic],
    sources: &HashMap<String, String>,
) -> std::io::Result<()> {
    let diags: Vec<&Diagnostic> = diags.iter().collect();
    render_with(out, &diags, sources, SHOW_ALL.load(Ordering::Relaxed))
}

/// [`render`] for diagnostics picked out of a larger list (e.g. the errors alone).
pub fn render_refs(
    out: &mut dyn WriteColor,
    diags: &[&Diagnostic],
    sources: &HashMap<String, String>,
) -> std::io::Result<()> {
    render_with(out, diags, sources, SHOW_ALL.load(Ordering::Relaxed))
}

/// [`render`], printing every diagnostic when `all`.
fn render_with(
    out: &mut dyn WriteColor,
    diags: &[&Diagnostic],
    sources: &HashMap<String, String>,
    all: bool,
) -> std::io::Result<()> {
    let config = term::Config::default();
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    let mut shown = 0;
    let mut left_out = 0;
    for d in diags {
        let n = per_file.entry(d.file.as_str()).or_default();
        *n += 1;
        if !all && (*n > PER_FILE || shown >= TOTAL) {
            left_out += 1;
            continue;
        }
        shown += 1;
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let head = match &d.key {
            Some(k) => format!("{}: {}", k, d.message),
            None => d.message.clone(),
        };
        cs = cs.with_message(cut(&head, MESSAGE_SHOWN));
        let mut notes = Vec::new();
        let mut excerpt = None;
        match (d.pos, sources.get(&d.file)) {
            (Some(pos), Some(text)) => {
                let starts = lines
                    .entry(d.file.as_str())
                    .or_insert_with(|| line_starts(text));
                let e = Excerpt::new(&d.file, text, starts, pos.line, pos.column);
                cs = cs.with_labels(vec![Label::primary((), e.label.clone())]);
                excerpt = Some(e);
            }
            _ => notes.push(format!("{}{}", super::tr("位置：", "in "), d.location())),
        }
        if let Some(h) = &d.help {
            notes.push(format!(
                "{}{}",
                super::tr("提示：", "help: "),
                cut(h, MESSAGE_SHOWN)
            ));
        }
        cs = cs.with_notes(notes);
        let mut named = SeverityInChinese {
            inner: &mut *out,
            on: !super::lang::is_en(),
        };
        let emitted = match &excerpt {
            Some(e) => term::emit_to_write_style(&mut named, &config, e, &cs),
            None => term::emit_to_write_style(&mut named, &config, &NoFile, &cs),
        };
        if emitted.is_err() {
            // Fall back to one plain line rather than losing the message.
            writeln!(out, "{}", cut(&d.to_string(), MESSAGE_SHOWN))?;
        }
    }
    if left_out > 0 {
        writeln!(
            out,
            "{}",
            tr!(
                "……还有 {left_out} 条未列出（共 {} 条）；加 --all 列出全部",
                "… and {left_out} more not listed ({} in all); add --all to list them all",
                diags.len()
            )
        )?;
    }
    out.flush()
}

/// Passes everything through to `inner`, except that, when `on`, the severity word that
/// codespan-reporting writes at the head of a diagnostic (`error`, `warning`: written on
/// their own, as one write each) comes out as 错误 / 提醒, the words the summaries use.
struct SeverityInChinese<'a> {
    inner: &'a mut dyn WriteColor,
    on: bool,
}

impl std::io::Write for SeverityInChinese<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let word: Option<&str> = match buf {
            b"error" if self.on => Some("错误"),
            b"warning" if self.on => Some("提醒"),
            _ => None,
        };
        match word {
            Some(w) => {
                self.inner.write_all(w.as_bytes())?;
                Ok(buf.len())
            }
            None => self.inner.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl WriteColor for SeverityInChinese<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(
        &mut self,
        spec: &codespan_reporting::term::termcolor::ColorSpec,
    ) -> std::io::Result<()> {
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> std::io::Result<()> {
        self.inner.reset()
    }
}

/// One line a diagnostic, for logs and the live-preview overlay.
pub fn render_plain(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| format!("{d}\n")).collect()
}

/// `s`, cut to `max` characters with `…` when longer.
pub fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The part of `line` to show around character `column` (1-based): at most
/// [`LINE_SHOWN`] characters, with `…` where it is cut. Returns the text and the byte
/// offset in it where the column is.
pub fn line_excerpt(line: &str, column: usize) -> (String, usize) {
    let col = column.saturating_sub(1);
    let chars = line.chars().count();
    if chars <= LINE_SHOWN {
        let at = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        return (line.to_string(), at);
    }
    let before = LINE_SHOWN / 3;
    let first = col
        .saturating_sub(before)
        .min(chars.saturating_sub(LINE_SHOWN));
    let byte = |c: usize| line.char_indices().nth(c).map_or(line.len(), |(b, _)| b);
    let (start, end) = (byte(first), byte(first + LINE_SHOWN));
    let mut text = String::with_capacity(end - start + 8);
    if first > 0 {
        text.push('…');
    }
    let at = text.len() + byte(col.min(chars)) - start;
    text.push_str(&line[start..end]);
    if end < line.len() {
        text.push('…');
    }
    (text, at)
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect()
}

/// One source line (cut around the column) as a file of its own, numbered as in the
/// real file, so that codespan prints only it.
struct Excerpt<'a> {
    name: &'a str,
    line: usize,
    column: usize,
    text: String,
    label: Range<usize>,
}

impl<'a> Excerpt<'a> {
    fn new(name: &'a str, text: &str, starts: &[usize], line: usize, column: usize) -> Self {
        let (line, full) = match starts.get(line.wrapping_sub(1)) {
            Some(&s) => {
                let e = memchr::memchr(b'\n', &text.as_bytes()[s..]).map_or(text.len(), |i| s + i);
                (line, text[s..e].trim_end_matches('\r'))
            }
            None => (starts.len(), ""),
        };
        let (shown, at) = line_excerpt(full, column);
        let end = token_end(&shown, at);
        Excerpt {
            name,
            line,
            column,
            text: shown,
            label: at..end,
        }
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), _: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, _: (), _: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn column_number(&'a self, _: (), _: usize, _: usize) -> Result<usize, FilesError> {
        Ok(self.column)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        if line_index == 0 {
            Ok(0..self.text.len())
        } else {
            Err(FilesError::LineTooLarge {
                given: line_index,
                max: 0,
            })
        }
    }
}

/// No file: for diagnostics without a position.
struct NoFile;

impl<'a> Files<'a> for NoFile {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn line_index(&'a self, _: (), _: usize) -> Result<usize, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn line_range(&'a self, _: (), _: usize) -> Result<Range<usize>, FilesError> {
        Err(FilesError::FileMissing)
    }
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
    fn the_severity_word_is_chinese_unless_english_is_asked_for() {
        use crate::diag::lang::{Lang, with};
        let diags = vec![
            Diagnostic::error("site.yaml", "坏了"),
            Diagnostic::warning("site.yaml", "注意"),
        ];
        let zh = with(Lang::Zh, || printed(&diags, &HashMap::new()));
        assert!(zh.starts_with("错误: 坏了"), "{zh}");
        assert!(zh.contains("提醒: 注意"), "{zh}");
        assert!(!zh.contains("error") && !zh.contains("warning"), "{zh}");
        let en = with(Lang::En, || printed(&diags, &HashMap::new()));
        assert!(en.starts_with("error: 坏了"), "{en}");
        assert!(en.contains("warning: 注意"), "{en}");
    }

    fn printed(diags: &[Diagnostic], sources: &HashMap<String, String>) -> String {
        printed_all(diags, sources, false)
    }

    fn printed_all(diags: &[Diagnostic], sources: &HashMap<String, String>, all: bool) -> String {
        let mut out = NoColor::new(Vec::new());
        let diags: Vec<&Diagnostic> = diags.iter().collect();
        render_with(&mut out, &diags, sources, all).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn shows_source_line_with_caret() {
        let text = "---\n事项编码: T-1\n事项类型: 行政审批\n---\n".to_string();
        let sources = HashMap::from([("content/services/a.md".to_string(), text)]);
        let d = Diagnostic::error("content/services/a.md", "unknown 事项类型 行政审批")
            .at(Some(Pos { line: 3, column: 7 }))
            .key("type");
        let s = printed(&[d], &sources);
        assert!(s.contains("content/services/a.md:3:7"), "{s}");
        assert!(s.contains("事项类型: 行政审批"), "{s}");
        assert!(s.contains("^^^^"), "{s}");
        assert!(s.contains("type: unknown"), "{s}");
        assert!(!s.contains("事项编码"), "only its own line: {s}");
    }

    #[test]
    fn caret_stops_before_a_comment() {
        let text = "份数: 0  # 默认 1";
        let (shown, at) = line_excerpt(text, 5);
        assert_eq!(&shown[at..token_end(&shown, at)], "0");
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}错{}", "甲".repeat(10_000), "乙".repeat(10_000));
        let (shown, at) = line_excerpt(&line, 10_001);
        assert!(shown.chars().count() <= LINE_SHOWN + 2, "{}", shown.len());
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown[at..].starts_with('错'), "{shown}");
        let (start, at) = line_excerpt(&line, 1);
        assert_eq!(at, 0);
        assert!(!start.starts_with('…'));
    }

    #[test]
    fn many_errors_on_one_long_line_print_little() {
        // 2,000 errors on one 11 KB line printed 44 MB (the line twice for each error).
        let text = format!("---\n{}\n---\n", "键: 值, ".repeat(1_000));
        let sources = HashMap::from([("a.md".to_string(), text)]);
        let diags: Vec<Diagnostic> = (0..2_000)
            .map(|i| {
                Diagnostic::error("a.md", "坏").at(Some(Pos {
                    line: 2,
                    column: i + 1,
                }))
            })
            .collect();
        let s = printed(&diags, &sources);
        assert!(s.len() < 20 * 1024, "{} bytes", s.len());
        assert_eq!(s.matches("错误").count(), PER_FILE, "{s}");
        assert!(s.contains("1990"), "the rest is counted: {s}");
        assert!(s.contains("2000"), "{s}");
    }

    #[test]
    fn at_most_a_total_unless_all_are_asked_for() {
        let diags: Vec<Diagnostic> = (0..500)
            .map(|i| Diagnostic::error(format!("f{i}.md"), "坏"))
            .collect();
        let s = printed(&diags, &HashMap::new());
        assert_eq!(s.matches("错误").count(), TOTAL);
        assert!(s.contains("400"), "{s}");
        let s = printed_all(&diags, &HashMap::new(), true);
        assert_eq!(s.matches("错误").count(), 500);
    }

    #[test]
    fn long_messages_are_cut() {
        let d = Diagnostic::error(
            "a.md",
            format!("`{}` cannot be a slug", "x".repeat(100_000)),
        );
        let s = printed(&[d], &HashMap::new());
        assert!(s.len() < 2 * MESSAGE_SHOWN, "{}", s.len());
    }
}
