//! The language of messages: Chinese by default, English on request.
//!
//! Every message a user reads (diagnostics, hints, summaries, `--help`, the preview panel)
//! is written in both languages at the place it is made:
//!
//! ```
//! use gongkai::diag::lang::{self, Lang, tr};
//! use gongkai::tr;
//!
//! let key = "份数";
//! // a fixed text
//! let help = tr("请写整数，如 1 或 2", "write a whole number such as 1 or 2");
//! // a formatted text: both format strings take the same arguments (by name or position)
//! let msg = tr!("{key} 至少为 1，现在是 {}", "{key} must be at least 1, found {}", 0);
//! assert_eq!(msg, "份数 至少为 1，现在是 0");
//! lang::with(Lang::En, || {
//!     assert_eq!(tr("是", "yes"), "yes");
//! });
//! # let _ = help;
//! ```
//!
//! The language is chosen once, by the command line ([`set`], from `--lang zh|en` or the
//! environment, see [`from_env`]); Chinese when nothing says otherwise. [`with`] overrides
//! it for the current thread only (tests, or a worker thread that must follow its caller:
//! pass [`current`] along and wrap the work in [`with`]).

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language messages can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` / `en` (and `zh-CN`, `en_US.UTF-8`, `chinese`, `english`…), or None.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s.starts_with("chinese") || s == "中文" {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// The process-wide language: 0 Chinese, 1 English.
static GLOBAL: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the language of the whole process (done once by the command line).
pub fn set(lang: Lang) {
    GLOBAL.store(lang as u8, Ordering::Relaxed);
}

/// The language in force on this thread.
pub fn current() -> Lang {
    OVERRIDE.with(Cell::get).unwrap_or_else(|| {
        if GLOBAL.load(Ordering::Relaxed) == Lang::En as u8 {
            Lang::En
        } else {
            Lang::Zh
        }
    })
}

/// Runs `f` with `lang` in force on this thread only, then restores the previous setting.
pub fn with<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(OVERRIDE.with(|o| o.replace(Some(lang))));
    f()
}

/// True when English is in force.
pub fn is_en() -> bool {
    current() == Lang::En
}

/// The language the environment asks for: the first set of `LC_ALL`, `LC_MESSAGES`,
/// `LANG`; English only when it starts with `en`, Chinese otherwise (also for `C`/`POSIX`).
pub fn from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_ascii_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Zh
            };
        }
    }
    Lang::Zh
}

/// The language asked for by a command line: `--lang X` or `--lang=X` among `args` wins,
/// then the environment ([`from_env`]).
pub fn from_args<S: AsRef<str>>(args: &[S]) -> Lang {
    let mut it = args.iter().map(AsRef::as_ref);
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next()
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(l) = value.and_then(Lang::parse) {
            return l;
        }
    }
    from_env()
}

/// `zh` or `en`, whichever language is in force.
pub fn tr<'a>(zh: &'a str, en: &'a str) -> &'a str {
    match current() {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// `format!` in the language in force: `tr!("第{}行", "line {}", n)`. Both format strings
/// must use every argument given after them; names captured from the scope (`"{key}"`)
/// work in both and need not appear in both.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(,)?) => {
        match $crate::diag::lang::current() {
            $crate::diag::lang::Lang::Zh => format!($zh),
            $crate::diag::lang::Lang::En => format!($en),
        }
    };
    ($zh:literal, $en:literal, $($arg:tt)+) => {
        match $crate::diag::lang::current() {
            $crate::diag::lang::Lang::Zh => format!($zh, $($arg)+),
            $crate::diag::lang::Lang::En => format!($en, $($arg)+),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_by_default_english_on_request() {
        assert_eq!(with(Lang::Zh, || tr("是", "yes")), "是");
        assert_eq!(with(Lang::En, || tr("是", "yes")), "yes");
        let n = 3;
        assert_eq!(with(Lang::Zh, || tr!("第{n}行", "line {n}")), "第3行");
        assert_eq!(with(Lang::En, || tr!("{}：{}", "{}: {}", "a", n)), "a: 3");
    }

    #[test]
    fn with_restores_the_previous_language() {
        with(Lang::En, || {
            with(Lang::Zh, || assert_eq!(current(), Lang::Zh));
            assert_eq!(current(), Lang::En);
        });
    }

    #[test]
    fn command_line_wins_over_environment() {
        assert_eq!(from_args(&["check", "--lang", "en"]), Lang::En);
        assert_eq!(from_args(&["--lang=zh", "check"]), Lang::Zh);
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("zh_CN.GBK"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }
}
