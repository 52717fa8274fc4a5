//! Builds that fail for reasons other than the content, and content at the limits: the
//! command line as a clerk runs it.

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
    let site = crate::common::copy_fixture("site-basic");
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

fn site_with(files: &[(&str, String)]) -> crate::common::TempSite {
    let site = crate::common::TempSite::new(&[]);
    for (p, t) in files {
        site.write(p, t.as_bytes());
    }
    site
}

#[test]
fn long_unit_names_build_with_short_addresses() {
    // Before: check passed and build failed with "File name too long (os error 36)".
    let long = "区".repeat(300) + "局";
    let site = site_with(&[
        (
            "content/plans/fangan.md",
            crate::common::PLAN.replace("牵头单位: 区甲局", &format!("牵头单位: {long}")),
        ),
        (
            "content/services/T-0001.md",
            crate::common::SERVICE.replace("实施主体: 测试局", &format!("实施主体: {long}")),
        ),
    ]);
    let (code, out) = gongkai(&["build"], site.root());
    assert_eq!(code, 0, "{out}");
    let units: Vec<String> = std::fs::read_dir(site.root().join("output/units"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        units.iter().any(|u| u.starts_with("ququ") && u.len() <= 80),
        "{units:?}"
    );
}

#[test]
fn a_nul_is_an_error_and_hides_no_key() {
    // Before: `标题: 关于\0本站` published 关于, and the keys after it were never checked.
    let site = site_with(&[(
        "content/pages/about.md",
        "---\n标题: 关于\0本站\n颜色: 红\n---\n正文\n".to_string(),
    )]);
    let (code, out) = gongkai(&["check"], site.root());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("content/pages/about.md:2:7"), "{out}");
    assert!(out.contains("NUL"), "{out}");
    assert!(
        out.contains("颜色"),
        "the key after the NUL is checked: {out}"
    );
}

#[test]
fn a_huge_title_is_refused_by_check() {
    // Before: a 7 MB title was copied into 112 files (770 MB).
    let site = site_with(&[(
        "content/pages/about.md",
        format!("---\n标题: {}\n---\n正文\n", "长".repeat(300)),
    )]);
    let (code, out) = gongkai(&["check"], site.root());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("content/pages/about.md:2:5"), "{out}");
    assert!(out.contains("200"), "{out}");
}

#[cfg(unix)]
#[test]
fn links_do_not_publish_ignored_files() {
    // Before: static/env.txt → ../../.env and a link into _private/ were published.
    let site = crate::common::TempSite::new(&[]);
    site.write(".env", b"PASSWORD=secret");
    site.write("content/_private/notes.txt", b"internal");
    site.write("content/static/ok.txt", b"public");
    let st = site.root().join("content/static");
    std::os::unix::fs::symlink("../../.env", st.join("env.txt")).unwrap();
    std::os::unix::fs::symlink("../_private/notes.txt", st.join("notes.txt")).unwrap();
    std::os::unix::fs::symlink("ok.txt", st.join("also-ok.txt")).unwrap();
    let (code, out) = gongkai(&["build"], site.root());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("content/static/env.txt"), "{out}");
    assert!(out.contains("content/static/notes.txt"), "{out}");
    assert!(
        !out.contains("content/static/also-ok.txt"),
        "a link inside content/ is fine: {out}"
    );
    assert!(!site.root().join("output").exists());
}

#[cfg(unix)]
#[test]
fn a_site_yaml_that_is_a_folder_or_a_pipe_is_named_as_such() {
    // Before: "has no site.yaml" for a folder; a pipe made the command wait for ever.
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(folder.path().join("site.yaml")).unwrap();
    std::fs::create_dir_all(folder.path().join("content")).unwrap();
    let (code, out) = gongkai(&["check"], folder.path());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("文件夹"), "{out}");
    assert!(!out.contains("没有 site.yaml"), "{out}");

    let pipe = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(pipe.path().join("content")).unwrap();
    let made = Command::new("mkfifo")
        .arg(pipe.path().join("site.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "--root"])
        .arg(pipe.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("check waited on the pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(2));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("不是普通文件"), "{err}");
}

fn service_with(line: &str) -> crate::common::TempSite {
    site_with(&[(
        "content/services/T-0001.md",
        crate::common::SERVICE.replace("收费: 不收费\n", &format!("收费: 不收费\n{line}\n")),
    )])
}

#[test]
fn web_addresses_need_a_host_and_a_port_in_range_in_any_case() {
    // Before: https:///x and port 99999 passed, HTTPS://X.EXAMPLE/ was refused.
    for bad in ["https:///x", "https://a.example:99999/"] {
        let site = service_with(&format!("网上办理地址: {bad}"));
        let (code, out) = gongkai(&["check"], site.root());
        assert_eq!(code, 1, "{bad}: {out}");
        assert!(out.contains("网上办理地址"), "{out}");
    }
    let site = service_with("网上办理地址: HTTPS://X.EXAMPLE/");
    let (code, out) = gongkai(&["build"], site.root());
    assert_eq!(code, 0, "{out}");
}

#[test]
fn phone_numbers_are_numbers_not_links() {
    let site = service_with("咨询电话: \"tel:javascript:alert(1)\"");
    let (code, out) = gongkai(&["check"], site.root());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("咨询电话"), "{out}");
    let site = service_with("咨询电话: \"0570-1234500\"");
    let (code, out) = gongkai(&["check"], site.root());
    assert_eq!(code, 0, "{out}");
}
