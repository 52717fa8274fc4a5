//! Diagnostics: what is wrong, where, and what is allowed.
//!
//! Every stage reports problems as [`Diagnostic`]s and carries on, so one run shows them all.
//! [`render`] prints them with the offending source line and a caret.

pub mod lang;
pub mod report;

pub use lang::{Lang, tr};
pub use report::{cut, line_excerpt, render, render_plain, render_refs, show_all, shown_files};

use std::fmt;

/// Error or warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on.
    Warning,
}

/// A position in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line, counted in the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File relative to the site root, `/`-separated (empty when about no file).
    pub file: String,
    /// Where in the file, when known.
    pub pos: Option<Pos>,
    /// Key path such as `materials[2].copies`.
    pub key: Option<String>,
    /// What was found and what is wrong.
    pub message: String,
    /// What is allowed, or how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about `file`.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos: None,
            key: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning about `file`.
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Sets the position.
    pub fn at(mut self, pos: Option<Pos>) -> Self {
        self.pos = pos;
        self
    }

    /// Sets the key path.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        let key = key.into();
        self.key = (!key.is_empty()).then_some(key);
        self
    }

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` (or less, as known).
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => tr("错误", "error"),
            Severity::Warning => tr("提醒", "warning"),
        };
        write!(f, "{}: {}: ", self.location(), level)?;
        if let Some(k) = &self.key {
            write!(f, "{k}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            match lang::current() {
                Lang::Zh => write!(f, "（{h}）")?,
                Lang::En => write!(f, " ({h})")?,
            }
        }
        Ok(())
    }
}

/// Sorts diagnostics so that causes come first: site.yaml (everything is read against it),
/// then by file and line, errors before warnings at the same place.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let rank = |d: &Diagnostic| d.file != crate::load::SITE_YAML;
        (rank(a), &a.file, a.pos, a.severity, &a.key, &a.message).cmp(&(
            rank(b),
            &b.file,
            b.pos,
            b.severity,
            &b.key,
            &b.message,
        ))
    });
}

/// Number of errors among `diags`.
pub fn error_count(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_key_and_help() {
        lang::with(Lang::En, display_in_english);
        let d = Diagnostic::error("content/services/a.md", "份数 至少为 1，现在是 0")
            .at(Some(Pos {
                line: 12,
                column: 9,
            }))
            .key("申报材料[2].份数")
            .help("请写整数");
        assert_eq!(
            lang::with(Lang::Zh, || d.to_string()),
            "content/services/a.md:12:9: 错误: 申报材料[2].份数: 份数 至少为 1，现在是 0（请写整数）"
        );
    }

    fn display_in_english() {
        let d = Diagnostic::error("content/services/a.md", "份数 must be at least 1, found 0")
            .at(Some(Pos {
                line: 12,
                column: 9,
            }))
            .key("materials[2].copies")
            .help("write a whole number such as 1 or 2");
        assert_eq!(
            d.to_string(),
            "content/services/a.md:12:9: error: materials[2].copies: 份数 must be at least 1, found 0 (write a whole number such as 1 or 2)"
        );
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut v = vec![
            Diagnostic::error("b", "x").at(Some(Pos { line: 1, column: 1 })),
            Diagnostic::error("a", "y").at(Some(Pos { line: 9, column: 1 })),
            Diagnostic::error("a", "z").at(Some(Pos { line: 2, column: 1 })),
        ];
        sort(&mut v);
        let order: Vec<_> = v.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
