//! DOCX throughput on a generated corpus: documents per second and bytes per document.
//!
//! ```sh
//! python3 gen-corpus.py /tmp/corpus --services 10000
//! cargo bench --bench docx -- /tmp/corpus
//! ```
//!
//! Renders every service item's 一次性告知单 once on one thread and once in parallel
//! (rayon, all cores), plus every plan and printable notice. Measures; asserts nothing.

use gongkai::render::docx::{notice_document, plan_document, service_form};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

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

    let t = Instant::now();
    let bytes: usize = site
        .services
        .iter()
        .map(|s| service_form(config, s).len())
        .sum();
    report("一次性告知单, 1 thread", site.services.len(), bytes, t);

    let t = Instant::now();
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

    let t = Instant::now();
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

fn report(what: &str, docs: usize, bytes: usize, t: Instant) {
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{what}: {docs} documents in {secs:.2} s = {:.0} documents/s, {:.1} KB/document",
        docs as f64 / secs.max(1e-9),
        bytes as f64 / docs.max(1) as f64 / 1024.0
    );
}
