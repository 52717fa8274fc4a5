//! Builds that fail for reasons other than the content, and content at the limits: the
//! command line as a clerk runs it.

mod common;

use std::path::Path;
use std::process::Command;

fn gongkai(args: &[&str], root: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn output_that_cannot_be_written_exits_3_not_1() {
    let site = common::copy_fixture("site-basic");
    let (code, out) = gongkai(&["check"], site.path());
    assert_eq!(code, 0, "{out}");
    // The output's parent is a file: nothing can be created there (as on a full disk).
    let blocker = site.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let output = blocker.join("output");
    let (code, out) = gongkai(
        &["build", "--output", output.to_str().unwrap()],
        site.path(),
    );
    assert_eq!(code, 3, "an I/O failure, not a content error: {out}");
}
