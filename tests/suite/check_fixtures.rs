//! Every invalid fixture is refused with the diagnostics its EXPECT file names, through the
//! command line exactly as a clerk runs it; the valid fixture passes.

use std::path::Path;
use std::process::Command;

/// Runs gongkai with English messages (chosen by LANG, as on an English system).
fn gongkai(args: &[&str]) -> (i32, String) {
    run(args, Some("en_US.UTF-8"))
}

/// Runs gongkai as on a Chinese Windows computer: no LANG, Chinese messages.
fn gongkai_zh(args: &[&str]) -> (i32, String) {
    run(args, None)
}

fn run(args: &[&str], lang: Option<&str>) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Some(l) = lang {
        cmd.env("LANG", l);
    }
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn names_line(out: &str, file: &str, line: &str) -> bool {
    out.contains(&format!("{file}:{line}:")) || out.contains(&format!("{file}:{line}\n"))
}

#[test]
fn invalid_fixtures_are_refused_with_their_expected_diagnostics() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 18);
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let site = tempfile::tempdir().unwrap();
        crate::common::copy_dir(&case, site.path());
        let root = site.path().to_str().unwrap();
        let (code, out) = gongkai_zh(&["check", "--root", root]);
        let expect = std::fs::read_to_string(case.join("EXPECT")).unwrap();
        let files: Vec<&str> = expect
            .lines()
            .filter_map(|l| l.strip_prefix("file="))
            .collect();
        let mut problems = Vec::new();
        if code != 1 {
            problems.push(format!("check exited {code}"));
        }
        if out.contains("panicked") {
            problems.push("panic".into());
        }
        for line in expect.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (k, v) = line.split_once('=').unwrap();
            let ok = match k {
                "file" | "contains" => out.contains(v),
                "line" => names_line(&out, files[0], v),
                _ => panic!("unknown EXPECT line {line}"),
            };
            if !ok {
                problems.push(format!("missing {line}"));
            }
        }
        let (bcode, _) = gongkai(&["build", "--root", root]);
        if bcode != 1 {
            problems.push(format!("build exited {bcode}"));
        }
        if site.path().join("output").exists() {
            problems.push("build wrote output/".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{out}", problems.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The print fixture (built by tests/browser/print.test.js) stays valid, without warnings.
#[test]
fn print_fixture_checks_clean() {
    let root = crate::common::fixture_path("print-site");
    let (code, out) = gongkai_zh(&["check", root.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("没有错误：发布 5 个事项"), "{out}");
    assert!(out.contains("0 个提醒"), "{out}");
}

#[test]
fn valid_fixture_checks_clean() {
    let site = crate::common::copy_fixture("site-basic");
    let (code, out) = gongkai(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    // the draft item is not counted among what is published
    assert!(
        out.contains("5 services, 2 plans, 2 notices, 2 centres, 2 pages"),
        "{out}"
    );
    assert!(out.contains("(1 draft(s) not published)"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("error")), "{out}");
    // what the sanitiser takes out of the guide page is said, as a warning
    assert!(
        out.contains("line 8: a <script> in the text is removed when the page is published"),
        "{out}"
    );
    let dir = site.path().to_str().unwrap();
    let (code, out) = gongkai_zh(&["check", dir]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("没有错误：发布 5 个事项、2 个方案、2 个公告、2 个服务中心、2 个页面"),
        "{out}"
    );
    assert!(out.contains("另有 1 份草稿不发布"), "{out}");
}

#[test]
fn the_site_folder_may_be_given_plainly() {
    let site = crate::common::copy_fixture("site-basic");
    let dir = site.path().to_str().unwrap();
    let out_dir = site.path().join("out");
    let (code, out) = gongkai_zh(&["build", dir, "--output", out_dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("已生成") && out_dir.join("index.html").is_file(),
        "{out}"
    );
    let (code, out) = gongkai(&["check", dir, "--root", dir]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn a_build_says_when_it_replaces_files_it_did_not_make() {
    let site = crate::common::copy_fixture("site-basic");
    let dir = site.path().to_str().unwrap();
    let (code, out) = gongkai_zh(&["build", dir]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("这次没有生成"), "{out}");
    std::fs::write(site.path().join("output/手工加的.html"), "x").unwrap();
    let (code, out) = gongkai_zh(&["build", dir]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("有 1 个文件这次没有生成，已随旧的内容一起移除：手工加的.html"),
        "{out}"
    );
    assert!(!site.path().join("output/手工加的.html").exists());
    let (_, out) = gongkai_zh(&["build", dir]);
    assert!(!out.contains("这次没有生成"), "{out}");
}

#[test]
fn help_is_chinese_unless_english_is_asked_for() {
    let (code, out) = gongkai_zh(&["check", "--help"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("检查网站的每个文件") && out.contains("用法："),
        "{out}"
    );
    let (_, out) = gongkai_zh(&["--lang", "en", "check", "--help"]);
    assert!(out.contains("Check every file of the site"), "{out}");
    let (_, out) = gongkai(&["check", "--help"]);
    assert!(out.contains("Check every file of the site"), "{out}");
    let (_, out) = gongkai(&["--lang=zh", "build", "--help"]);
    assert!(out.contains("生成到哪个文件夹"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let (code, out) = gongkai(&["check", "--root", "/nonexistent/site"]);
    assert_eq!(code, 2, "{out}");
    let empty = tempfile::tempdir().unwrap();
    let (code, out) = gongkai(&["check", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("site.yaml"), "{out}");
    let (code, out) = gongkai_zh(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("里没有 site.yaml"), "{out}");
    let (code, _) = gongkai(&["frobnicate"]);
    assert_eq!(code, 2);
    let (code, out) = gongkai(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("check") && out.contains("build"), "{out}");
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = crate::common::copy_fixture("site-basic");
    let root = site.path().to_str().unwrap();
    let out_dir = site.path().join("out");
    let out = out_dir.to_str().unwrap();
    let (code, text) = gongkai(&["build", "--root", root, "--output", out]);
    assert_eq!(code, 0, "{text}");
    let before = snapshot(&out_dir);
    let svc = site.path().join("content/services/330199-XK-0005.md");
    let text = std::fs::read_to_string(&svc)
        .unwrap()
        .replace("type: 行政许可", "type: 不存在的类型");
    std::fs::write(&svc, text).unwrap();
    let (code, text) = gongkai(&["build", "--root", root, "--output", out]);
    assert_eq!(code, 1, "{text}");
    let after = snapshot(&out_dir);
    assert_eq!(before, after);
}

#[test]
fn a_rebuild_says_what_changed_and_gives_the_same_output() {
    let site = crate::common::copy_fixture("site-basic");
    let root = site.path().to_str().unwrap();
    let out_dir = site.path().join("out");
    let out = out_dir.to_str().unwrap();
    let (code, first) = gongkai(&["build", "--root", root, "--output", out]);
    assert_eq!(code, 0, "{first}");
    let files = first
        .split("built ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .to_string();
    assert!(first.contains(&format!("; {files} changed)")), "{first}");
    let before = snapshot(&out_dir);
    let (code, again) = gongkai(&["build", "--root", root, "--output", out]);
    assert_eq!(code, 0, "{again}");
    assert!(again.contains(&format!("built {files} files")), "{again}");
    assert!(again.contains("; 0 changed)"), "{again}");
    assert_eq!(snapshot(&out_dir), before);
    // One item edited: its page and the pages listing it change, not the others.
    let svc = site.path().join("content/services/330199-XK-0005.md");
    let text = std::fs::read_to_string(&svc).unwrap();
    std::fs::write(&svc, text.replacen("name:", "name: 新", 1)).unwrap();
    let (code, edited) = gongkai(&["build", "--root", root, "--output", out]);
    assert_eq!(code, 0, "{edited}");
    let changed: usize = edited
        .split(" MB; ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let total: usize = files.parse().unwrap();
    assert!(changed > 0 && changed < total / 2, "{edited}");
}

/// Every path under `dir` with the bytes of the files.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                vec![]
            };
            (e.path().to_path_buf(), bytes)
        })
        .collect()
}
