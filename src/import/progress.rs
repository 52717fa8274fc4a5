//! Progress of a large import on standard error: a bar on a terminal, a plain line every
//! tenth otherwise (a log file or a pipe), nothing for small imports.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Fewer steps than this show no progress.
pub const LARGE: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Off,
    Bar,
    Lines,
}

/// Reports how far a phase of the import is.
pub struct Progress {
    mode: Mode,
    bar: Option<ProgressBar>,
    what: String,
    total: usize,
    done: usize,
    next_line: usize,
}

impl Progress {
    /// Reports nothing (the library default, tests).
    pub fn off() -> Self {
        Progress {
            mode: Mode::Off,
            bar: None,
            what: String::new(),
            total: 0,
            done: 0,
            next_line: 0,
        }
    }

    /// A bar when standard error is a terminal, plain lines otherwise.
    pub fn stderr() -> Self {
        Progress {
            mode: if std::io::stderr().is_terminal() {
                Mode::Bar
            } else {
                Mode::Lines
            },
            ..Progress::off()
        }
    }

    /// Says what is being done when the step is long (a large file).
    pub fn note(&self, msg: &str) {
        if self.mode != Mode::Off {
            eprintln!("{msg}");
        }
    }

    /// Starts a phase of `total` steps, e.g. 写入事项文件; small phases show nothing.
    pub fn start(&mut self, total: usize, what: &str) {
        self.finish();
        self.total = total;
        self.done = 0;
        self.next_line = total / 10;
        self.what = what.to_string();
        if total < LARGE {
            return;
        }
        match self.mode {
            Mode::Bar => {
                let style = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}（{eta}）")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
                let bar = ProgressBar::new(total as u64)
                    .with_style(style)
                    .with_message(what.to_string());
                self.bar = Some(bar);
            }
            Mode::Lines => eprintln!(
                "{}",
                crate::tr!("{what}：共 {total} 个", "{what}: {total} in all")
            ),
            Mode::Off => {}
        }
    }

    /// One step done.
    pub fn inc(&mut self) {
        self.done += 1;
        if self.total < LARGE {
            return;
        }
        match self.mode {
            Mode::Bar => {
                if let Some(b) = &self.bar {
                    b.inc(1);
                }
            }
            Mode::Lines if self.done >= self.next_line && self.done < self.total => {
                eprintln!("{}：{}/{}", self.what, self.done, self.total);
                self.next_line += (self.total / 10).max(1);
            }
            _ => {}
        }
    }

    /// Ends the phase (clears the bar).
    pub fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        } else if self.mode == Mode::Lines && self.total >= LARGE && self.done > 0 {
            let (what, done, total) = (&self.what, self.done, self.total);
            eprintln!(
                "{}",
                crate::tr!("{what}：完成 {done}/{total}", "{what}: done {done}/{total}")
            );
        }
        self.total = 0;
    }
}
