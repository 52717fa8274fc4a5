//! Without a terminal, `check` and `build` say each stage in one plain line on standard
//! error (Chinese by default, English with --lang en) and nothing on standard output.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn site() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/site-basic")
        .to_string_lossy()
        .into_owned()
}

// site-basic: 16 files under content/, 6 of them service items. The load stage reads the
// other 10 (attachments, plans, notices, centres, pages); the service files are read as
// they are parsed, in the parse stage, which counts the 14 content files.

fn starts_once(text: &str, prefix: &str) -> bool {
    text.lines().filter(|l| l.starts_with(prefix)).count() == 1
}

#[test]
fn check_says_each_stage_in_one_line_in_chinese() {
    let (stdout, stderr) = run(&["check", &site()]);
    assert!(
        starts_once(&stderr, "读取文件：10 个文件，用时 "),
        "{stderr}"
    );
    assert!(
        starts_once(&stderr, "检查内容：14 个文件，用时 "),
        "{stderr}"
    );
    assert!(
        !stdout.contains("读取文件") && !stdout.contains("检查内容"),
        "{stdout}"
    );
}

#[test]
fn build_says_each_stage_in_english_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (stdout, stderr) = run(&[
        "--lang",
        "en",
        "build",
        &site(),
        "--output",
        &out.to_string_lossy(),
    ]);
    for prefix in [
        "load files: 10 files, ",
        "parse: 14 files, ",
        "render: ",
        "write: ",
    ] {
        assert!(starts_once(&stderr, prefix), "{prefix} in {stderr}");
    }
    let built = stderr.lines().position(|l| l.starts_with("built "));
    let write = stderr.lines().position(|l| l.starts_with("write: "));
    assert!(write < built, "stages come before the summary: {stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}
