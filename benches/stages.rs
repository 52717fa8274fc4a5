//! How long each stage takes on a site, median of several runs:
//! `cargo bench --bench stages -- DIR [RUNS]` (DIR from ../shared/tools/gen-corpus.py).

use std::time::Instant;

/// The same allocator as the binary, so the times match a real build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let root = args.first().cloned().unwrap_or_else(|| ".".into());
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let root = std::path::Path::new(&root);
    if !root.join("site.yaml").is_file() {
        eprintln!("usage: cargo bench --bench stages -- SITE_DIR [RUNS]");
        return;
    }
    for _ in 0..runs {
        once(root);
    }
}

fn once(root: &std::path::Path) {
    let t = Instant::now();
    let files = gongkai::load::load_files(root);
    let load = t.elapsed();
    let n = files.files.len();
    let t = Instant::now();
    let parsed = gongkai::parse::parse_site(files);
    let parse = t.elapsed();
    let site = parsed.site.map(|s| s.without_drafts());
    let t = Instant::now();
    let rendered = site.as_ref().map(|s| {
        let (theme, _) = gongkai::load::load_theme(root, &s.config.theme);
        gongkai::render::render_site(s, &theme)
    });
    let render = t.elapsed();
    // The search index alone (part of render, which builds it beside the pages).
    let t = Instant::now();
    let index = site.as_ref().map(gongkai::render::search::search_files);
    let search = t.elapsed();
    // The web pages and data without the DOCX documents (the HTML part of a build).
    let t = Instant::now();
    let html_only = site.as_ref().map(|s| {
        let (theme, _) = gongkai::load::load_theme(root, &s.config.theme);
        let options = gongkai::render::RenderOptions {
            documents: false,
            ..Default::default()
        };
        gongkai::render::render_site_with(s, &theme, options).map_or(0, |f| f.len())
    });
    println!(
        "render without DOCX: {:.0} ms ({} files)",
        t.elapsed().as_secs_f64() * 1e3,
        html_only.unwrap_or(0)
    );
    // What the live preview renders after saving one item: its page and every summary page.
    let t = Instant::now();
    let one: std::collections::HashSet<String> = site
        .iter()
        .flat_map(|s| s.services.first())
        .map(|s| s.code.clone())
        .collect();
    let partial = site.as_ref().map(|s| {
        let (theme, _) = gongkai::load::load_theme(root, &s.config.theme);
        let options = gongkai::render::RenderOptions {
            documents: false,
            only_services: Some(&one),
            summaries: false,
            ..Default::default()
        };
        gongkai::render::render_site_with(s, &theme, options)
    });
    let partial_time = t.elapsed();
    let partial_files = partial.and_then(|r| r.ok()).unwrap_or_default();
    let mut sizes: Vec<(usize, &str)> = partial_files
        .iter()
        .map(|f| (f.bytes.len(), f.path.as_str()))
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "after saving one item: render {:.0} ms, {} files, {:.1} MB; largest: {}",
        partial_time.as_secs_f64() * 1e3,
        partial_files.len(),
        partial_files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1e6,
        sizes
            .iter()
            .take(3)
            .map(|(n, p)| format!("{p} {:.1} MB", *n as f64 / 1e6))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "{n} files: load {:.0} ms, parse {:.0} ms, render {:.0} ms ({} files), of which search index alone {:.0} ms ({} files)",
        load.as_secs_f64() * 1e3,
        parse.as_secs_f64() * 1e3,
        render.as_secs_f64() * 1e3,
        rendered.and_then(|r| r.ok()).map_or(0, |f| f.len()),
        search.as_secs_f64() * 1e3,
        index.map_or(0, |f| f.len()),
    );
}
