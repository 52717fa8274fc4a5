//! How long the stages of a build take, printed to standard error when the environment
//! variable `GONGKAI_TIMINGS` is set (for measuring; see docs/performance.md). Nothing is
//! printed otherwise.

use std::time::Instant;

/// Whether `GONGKAI_TIMINGS` is set.
pub fn on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GONGKAI_TIMINGS").is_some())
}

/// Runs `f` and, when timings are on, prints how long it took as `what`. Jobs that run at
/// the same time on several threads each print their own wall time.
pub fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    if !on() {
        return f();
    }
    let start = Instant::now();
    let value = f();
    eprintln!(
        "timing:   {what}: {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    value
}

/// Successive stages: each [`Laps::lap`] prints the time since the previous one (from
/// any thread).
pub struct Laps {
    last: std::sync::Mutex<Instant>,
}

impl Laps {
    /// Starts counting now.
    pub fn new() -> Laps {
        Laps {
            last: std::sync::Mutex::new(Instant::now()),
        }
    }

    /// Prints the time since the previous lap (or the start) as `what`.
    pub fn lap(&self, what: &str) {
        if on()
            && let Ok(mut last) = self.last.lock()
        {
            let now = Instant::now();
            let ms = (now - *last).as_secs_f64() * 1e3;
            eprintln!("timing: {what}: {ms:.0} ms");
            *last = now;
        }
    }
}

impl Default for Laps {
    fn default() -> Laps {
        Laps::new()
    }
}
