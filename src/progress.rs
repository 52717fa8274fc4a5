//! Progress of `check` and `build` on standard error: on a terminal a bar a stage (how
//! many files of how many), otherwise one plain line when a stage ends (a log file or a
//! pipe). Standard output is never written.
//!
//! The stages only count ([`Stage::tick`]); what is shown is decided here.

use crate::diag::tr;
use crate::tr;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The stages of a run that report progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the site's files.
    Load,
    /// Reading and checking their contents.
    Parse,
    /// Rendering pages, documents and data (written as they are made).
    Render,
    /// Putting the new output in place of the old one.
    Write,
}

impl Step {
    /// The stage's name, in the language in force.
    pub fn name(self) -> &'static str {
        match self {
            Step::Load => tr("读取文件", "load files"),
            Step::Parse => tr("检查内容", "parse"),
            Step::Render => tr("生成页面", "render"),
            Step::Write => tr("写入输出", "write"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Off,
    Bar,
    Lines,
}

/// Where progress goes: nowhere (the library default), a bar, or plain lines.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    mode: Mode,
}

impl Progress {
    /// Reports nothing.
    pub fn off() -> Self {
        Progress { mode: Mode::Off }
    }

    /// A bar when standard error is a terminal, one line a stage otherwise.
    pub fn stderr() -> Self {
        Progress {
            mode: if std::io::stderr().is_terminal() {
                Mode::Bar
            } else {
                Mode::Lines
            },
        }
    }

    /// One plain line a stage, whatever standard error is (tests).
    pub fn lines() -> Self {
        Progress { mode: Mode::Lines }
    }

    /// Starts `step`, of `total` files when known.
    pub fn start(&self, step: Step, total: Option<u64>) -> Stage {
        let bar = (self.mode == Mode::Bar).then(|| {
            let bar = match total {
                Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
                            .unwrap_or_else(|_| ProgressStyle::default_bar())
                            .progress_chars("=> "),
                    ),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template("{spinner} {msg} {pos}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    ),
            };
            bar.set_message(step.name());
            bar
        });
        Stage {
            step,
            mode: self.mode,
            bar,
            count: AtomicU64::new(0),
            started: Instant::now(),
        }
    }
}

/// One stage under way; ends with [`Stage::finish`].
pub struct Stage {
    step: Step,
    mode: Mode,
    bar: Option<ProgressBar>,
    count: AtomicU64,
    started: Instant,
}

impl Stage {
    /// Counts `n` more files done (from any thread).
    pub fn tick(&self, n: u64) {
        self.count.fetch_add(n, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// Ends the stage: the bar is cleared; without a terminal one line says what was
    /// done and how long it took, e.g. `读取文件：10270 个文件，0.12 秒`.
    pub fn finish(self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.mode == Mode::Lines {
            eprintln!("{}", self.line());
        }
    }

    fn line(&self) -> String {
        let (name, n, secs) = (
            self.step.name(),
            self.count.load(Ordering::Relaxed),
            self.started.elapsed().as_secs_f64(),
        );
        if self.step == Step::Write {
            tr!("{name}：用时 {secs:.2} 秒", "{name}: {secs:.2} s")
        } else {
            tr!(
                "{name}：{n} 个文件，用时 {secs:.2} 秒",
                "{name}: {n} files, {secs:.2} s"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_counts_and_says_so_in_both_languages() {
        use crate::diag::lang::{Lang, with};
        let s = Progress::off().start(Step::Load, Some(3));
        s.tick(2);
        s.tick(1);
        let zh = with(Lang::Zh, || s.line());
        assert!(zh.starts_with("读取文件：3 个文件，用时 "), "{zh}");
        let en = with(Lang::En, || s.line());
        assert!(en.starts_with("load files: 3 files, "), "{en}");
        s.finish();
    }
}
