//! Measures what the offline search downloads: the index's size and, for a few queries, the
//! files and bytes a browser fetches (each file once, as it caches them).
//!
//!     python3 ../shared/tools/gen-corpus.py /tmp/c --services 10000
//!     cargo bench --bench search_bytes -- /tmp/c [QUERY ...]
//!
//! Prints a Markdown table; it asserts nothing and times only the index build.

use gongkai::render::search::{Counting, query, search_files};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

const DEFAULT_QUERIES: &[&str] = &[
    "工商",
    "个体工商户登记",
    "330199-000123",
    "330199",
    "000123",
    "市场监督管理局",
    "身份证明",
    "gtgsh",
    "yljg",
    "便民服务中心",
    "工商 注销",
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench search_bytes -- SITE_DIR [QUERY ...]");
        eprintln!(
            "(make SITE_DIR with: python3 ../shared/tools/gen-corpus.py SITE_DIR --services 10000)"
        );
        return;
    };
    let parsed = gongkai::build::check(&root);
    let Some(site) = parsed.site else {
        eprintln!("{} has content errors; run gongkai check", root.display());
        std::process::exit(1);
    };
    let site = site.without_drafts();
    let t = Instant::now();
    let files = search_files(&site);
    let build = t.elapsed();
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let count = |p: &str| files.iter().filter(|f| f.path.starts_with(p)).count();
    println!(
        "{} services, {} documents in all: index of {} files, {} KB, built in {:.0} ms",
        site.services.len(),
        site.services.len() + site.notices.len() + site.plans.len() + site.centres.len(),
        files.len(),
        total / 1024,
        build.as_secs_f64() * 1000.0
    );
    println!(
        "posting shards {}, record shards {}, organisation lists {}, manifest {} bytes\n",
        count("search/p/"),
        count("search/r/"),
        count("search/o/"),
        files
            .iter()
            .find(|f| f.path == "search/index.json")
            .map_or(0, |f| f.bytes.len())
    );
    let map: HashMap<String, Vec<u8>> = files.into_iter().map(|f| (f.path, f.bytes)).collect();
    let queries: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        DEFAULT_QUERIES.to_vec()
    };
    println!("| query | results | files fetched | KB fetched | largest file KB | first result |");
    println!("|---|---:|---:|---:|---:|---|");
    for q in queries {
        let src = Counting::new(&map);
        let r = query(&src, q, 20);
        let fetched = src.fetched();
        let largest = fetched.values().max().copied().unwrap_or(0);
        println!(
            "| {q} | {} | {} | {:.1} | {:.1} | {} |",
            r.total,
            fetched.len(),
            src.bytes() as f64 / 1024.0,
            largest as f64 / 1024.0,
            r.hits.first().map_or("", |h| h.title.as_str())
        );
    }
}
