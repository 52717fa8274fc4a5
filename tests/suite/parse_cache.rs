//! Parsing with a [`ParseCache`] gives exactly what parsing afresh gives, on every fixture
//! and after edits that change a file or its context; so does parsing with the service
//! files read as they are parsed (`check` and `build`).

use gongkai::load::{load_files, load_site};
use gongkai::parse::{ParseCache, Parsed, parse_site, parse_site_cached, parse_site_streamed};
use std::path::Path;

fn summary(p: &Parsed) -> String {
    format!("{:?}\n{:?}", p.site, p.diags)
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut v = vec![dir.join("site-basic")];
    for e in std::fs::read_dir(dir.join("invalid")).unwrap() {
        v.push(e.unwrap().path());
    }
    v.sort();
    v
}

#[test]
fn cached_parse_matches_fresh_parse_on_every_fixture() {
    for f in fixtures() {
        let fresh = parse_site(load_files(&f));
        let mut cache = ParseCache::new();
        let first = parse_site_cached(load_files(&f), &mut cache);
        let second = parse_site_cached(load_files(&f), &mut cache);
        assert_eq!(summary(&fresh), summary(&first), "{}", f.display());
        assert_eq!(summary(&fresh), summary(&second), "{}", f.display());
    }
}

#[test]
fn streamed_parse_matches_parse_after_reading_everything() {
    for f in fixtures() {
        let read_first = parse_site(load_files(&f));
        let streamed = parse_site_streamed(load_site(&f), &|_| {});
        assert_eq!(summary(&read_first), summary(&streamed), "{}", f.display());
        assert_eq!(read_first.sources, streamed.sources, "{}", f.display());
    }
}

#[test]
fn streamed_parse_reports_unreadable_service_files_when_site_yaml_has_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic"),
        site,
    );
    std::fs::write(site.join("site.yaml"), "网站名称: [\n").unwrap();
    // 事项名称 in GBK: the file cannot be decoded.
    std::fs::write(
        site.join("content/services/gbk.md"),
        b"---\n\xca\xc2\xcf\xee: x\n---\n",
    )
    .unwrap();
    let read_first = parse_site(load_files(site));
    let streamed = parse_site_streamed(load_site(site), &|_| {});
    assert!(
        streamed
            .diags
            .iter()
            .any(|d| d.file == "content/services/gbk.md"),
        "{:?}",
        streamed.diags
    );
    assert!(streamed.diags.iter().any(|d| d.file == "site.yaml"));
    assert_eq!(summary(&read_first), summary(&streamed));
}

#[test]
fn edits_and_context_changes_are_reparsed() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
    copy(&src, site);
    let mut cache = ParseCache::new();
    parse_site_cached(load_files(site), &mut cache);

    // A centre names a service that goes away: the centre (unchanged) must now fail.
    let services = site.join("content/services");
    let gone = std::fs::read_dir(&services)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let code = p.file_stem().unwrap().to_string_lossy().into_owned();
            std::fs::read_dir(site.join("content/centers"))
                .unwrap()
                .any(|c| {
                    std::fs::read_to_string(c.unwrap().path())
                        .unwrap()
                        .contains(&code)
                })
        })
        .expect("a service listed by a centre");
    std::fs::remove_file(&gone).unwrap();
    let cached = parse_site_cached(load_files(site), &mut cache);
    let fresh = parse_site(load_files(site));
    assert!(cached.site.is_none());
    assert_eq!(summary(&fresh), summary(&cached));

    // site.yaml changes: every file is judged against the new one.
    let yaml = site.join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "办理层级: [区级, 乡镇(街道)级, 村(社区)级]",
            "办理层级: [区级]",
        ),
    )
    .unwrap();
    let cached = parse_site_cached(load_files(site), &mut cache);
    let fresh = parse_site(load_files(site));
    assert!(cached.diags.iter().any(|d| d.message.contains("乡镇")));
    assert_eq!(summary(&fresh), summary(&cached));
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
