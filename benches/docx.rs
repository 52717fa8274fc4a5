//! DOCX throughput on a generated corpus: documents per second and bytes per document.
//!
//! ```sh
//! python3 gen-corpus.py /tmp/corpus --services 10000
//! cargo bench --bench docx -- /tmp/corpus
//! ```
//!
//! Renders every service item's 一次性告知单 once on one thread and once in parallel
//! (rayon, all cores), plus every plan and printable notice. Measures; asserts nothing.
//! Besides wall-clock rates it prints documents per CPU second (from /proc), which
//! stays meaningful when other work shares the machine. Uses the same allocator as
//! the `gongkai` binary.

use gongkai::render::docx::{notice_document, plan_document, service_form};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root: PathBuf = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/corpus".into())
        .into();
    let started = Instant::now();
    let parsed = gongkai::build::check(&root);
    let Some(site) = parsed.site else {
        eprintln!(
            "{}: the site has errors; nothing to measure",
            root.display()
        );
        std::process::exit(1);
    };
    let site = site.without_drafts();
    println!(
        "loaded {} services, {} plans, {} notices in {:.2} s",
        site.services.len(),
        site.plans.len(),
        site.notices.len(),
        started.elapsed().as_secs_f64()
    );
    let config = &site.config;

    // Warm-up: the shared parts of the layout are built once, on first use.
    if let Some(s) = site.services.first() {
        service_form(config, s);
    }

    let t = Clock::start();
    let bytes: usize = site
        .services
        .iter()
        .map(|s| service_form(config, s).len())
        .sum();
    report("一次性告知单, 1 thread", site.services.len(), bytes, t);

    let t = Clock::start();
    let bytes: usize = site
        .services
        .par_iter()
        .map(|s| service_form(config, s).len())
        .sum();
    report(
        &format!("一次性告知单, {} threads", rayon::current_num_threads()),
        site.services.len(),
        bytes,
        t,
    );

    let t = Clock::start();
    let printed: Vec<_> = site.notices.iter().filter(|n| n.print).collect();
    let bytes: usize = printed
        .par_iter()
        .map(|n| notice_document(config, n).len())
        .sum::<usize>()
        + site
            .plans
            .par_iter()
            .map(|p| plan_document(config, p).len())
            .sum::<usize>();
    report(
        "notices and plans, all threads",
        printed.len() + site.plans.len(),
        bytes,
        t,
    );
}

/// Wall-clock and process CPU time since the start.
struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: cpu_seconds(),
        }
    }
}

/// User plus system CPU time of this process, from /proc/self/stat (0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which ends with ')'): utime is the 12th, stime the 13th.
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Clock ticks are 1/100 s on Linux.
    (ticks(11) + ticks(12)) / 100.0
}

fn report(what: &str, docs: usize, bytes: usize, t: Clock) {
    let secs = t.wall.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - t.cpu;
    println!(
        "{what}: {docs} documents in {secs:.2} s = {:.0} documents/s ({:.0} per CPU second), {:.1} KB/document",
        docs as f64 / secs.max(1e-9),
        docs as f64 / cpu.max(1e-9),
        bytes as f64 / docs.max(1) as f64 / 1024.0
    );
}
