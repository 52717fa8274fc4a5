//! An incremental build after each kind of edit makes the same bytes as a full build,
//! file for file, and leaves the files the edit does not affect as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `dir` (relative path → bytes).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            files.insert(
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    files
}

/// Every folder under `dir`, relative.
fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Runs `gongkai build` on `root` into `out` with `args`; returns what it said.
fn build(root: &Path, out: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(args)
        .env("NO_COLOR", "1")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{said}");
    said
}

/// The number of changed files a build reports (`…; N changed)`).
fn changed(said: &str) -> usize {
    let end = said.find(" changed)").unwrap_or_else(|| panic!("{said}"));
    let start = said[..end].rfind(' ').unwrap() + 1;
    said[start..end].parse().unwrap()
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).unwrap().ino()
}

struct Bench {
    site: tempfile::TempDir,
    outs: tempfile::TempDir,
}

impl Bench {
    /// A copy of the example site, built once.
    fn new() -> Bench {
        let site = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), site.path().join("site.yaml")).unwrap();
        crate::common::copy_dir(&repo.join("content"), &site.path().join("content"));
        let bench = Bench {
            site,
            outs: tempfile::tempdir().unwrap(),
        };
        build(bench.root(), &bench.incremental(), &[]);
        bench
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn incremental(&self) -> PathBuf {
        self.outs.path().join("incremental")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from}");
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    /// Builds incrementally and fully; both outputs must be the same, file for file.
    /// Returns the files the incremental build changed.
    fn same_as_full(&self, what: &str) -> usize {
        let said = build(self.root(), &self.incremental(), &[]);
        let full = self.outs.path().join("full");
        let _ = std::fs::remove_dir_all(&full);
        build(self.root(), &full, &["--full"]);
        let (a, b) = (tree(&self.incremental()), tree(&full));
        let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
        let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
        assert!(
            only_a.is_empty() && only_b.is_empty(),
            "{what}: only incremental {only_a:?}, only full {only_b:?}"
        );
        let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
        assert!(differ.is_empty(), "{what}: files differ: {differ:?}");
        let (mut fa, mut fb) = (folders(&self.incremental()), folders(&full));
        fa.sort();
        fb.sort();
        assert_eq!(fa, fb, "{what}: folders");
        let leftovers: Vec<String> = std::fs::read_dir(self.outs.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{what}: left {leftovers:?}");
        changed(&said)
    }
}

#[test]
fn an_incremental_build_equals_a_full_build_after_every_kind_of_edit() {
    let b = Bench::new();
    let out = b.incremental();
    assert!(out.join(".gongkai-manifest").is_file());
    let untouched = out.join("services/330199-JL-0001/index.html");
    #[cfg(unix)]
    let untouched_inode = inode(&untouched);

    assert_eq!(b.same_as_full("nothing changed"), 0);

    b.edit(
        "content/services/330199-XK-0001.md",
        "事项名称: ",
        "事项名称: 改名后的",
    );
    let n = b.same_as_full("item");
    assert!(n < 60, "an item edit changed {n} files");
    // A facet value of an item: which listing pages there are and what they list.
    b.edit(
        "content/services/330199-XK-0001.md",
        "主题分类: [开办企业]",
        "主题分类: [开办企业, 就业创业]",
    );
    b.same_as_full("item's topics");

    b.edit(
        "content/plans/yijianshi-yicibian.md",
        "进度: 70",
        "进度: 75",
    );
    b.same_as_full("plan");

    b.edit(
        "content/notices/guoqing-fuwu-anpai.md",
        "标题: 关于",
        "标题: 更正：关于",
    );
    b.same_as_full("notice");

    // The centre's name is on the pages of its items and on its binder.
    b.edit(
        "content/centers/dongcheng-jiedao.md",
        "名称: 东城街道",
        "名称: 东城街道（新址）",
    );
    b.same_as_full("centre");
    b.edit(
        "content/centers/dongcheng-jiedao.md",
        "事项: [330199-XK-0001, ",
        "事项: [",
    );
    b.same_as_full("centre's items");

    // Until here an item no edit touched kept its page: never written again.
    #[cfg(unix)]
    assert_eq!(inode(&untouched), untouched_inode);

    // A free page's title is in the footer of every page.
    b.edit("content/pages/about.md", "标题: ", "标题: 关于本站·");
    b.same_as_full("free page");

    let static_file = b.path("content/static/samples/yingye-zhizhao-yangben.pdf");
    let mut bytes = std::fs::read(&static_file).unwrap();
    bytes.extend_from_slice(b"\n% changed\n");
    std::fs::write(&static_file, bytes).unwrap();
    assert!(b.same_as_full("static file") < 10);
    std::fs::write(b.path("content/static/forms/new-form.pdf"), b"%PDF-1.4 new").unwrap();
    b.same_as_full("added static file");

    // An added item, and an item deleted (with its folder).
    let text = std::fs::read_to_string(b.path("content/services/330199-QT-0002.md")).unwrap();
    std::fs::write(
        b.path("content/services/330199-QT-0099.md"),
        text.replace("330199-QT-0002", "330199-QT-0099"),
    )
    .unwrap();
    b.same_as_full("added file");
    assert!(out.join("services/330199-QT-0099/index.html").is_file());
    std::fs::remove_file(b.path("content/services/330199-QT-0099.md")).unwrap();
    b.same_as_full("deleted file");
    assert!(!out.join("services/330199-QT-0099").exists());

    // A draft is not published, and leaves no trace in the manifest.
    b.edit(
        "content/services/330199-QT-0002.md",
        "事项编码: ",
        "草稿: true\n事项编码: ",
    );
    b.same_as_full("item made a draft");
    let manifest = std::fs::read_to_string(out.join(".gongkai-manifest")).unwrap();
    assert!(!manifest.contains("330199-QT-0002"));

    // A template of the site's own (overriding the theme).
    let template =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/service.html");
    let template = std::fs::read_to_string(template).unwrap();
    assert!(template.contains("打印一次性告知单"));
    std::fs::create_dir_all(b.path("templates")).unwrap();
    std::fs::write(
        b.path("templates/service.html"),
        template.replace("打印一次性告知单", "打印本事项的一次性告知单"),
    )
    .unwrap();
    b.same_as_full("template");

    b.edit("site.yaml", "网站名称: ", "网站名称: 新");
    b.same_as_full("site.yaml");

    // A file of the output changed by hand is made again; one put there by hand goes.
    std::fs::write(&untouched, "edited by hand").unwrap();
    std::fs::write(out.join("services/by-hand.txt"), "mine").unwrap();
    let said = build(b.root(), &out, &[]);
    assert!(said.contains("services/by-hand.txt"), "{said}");
    b.same_as_full("output edited by hand");
}

/// A build that fails leaves the previous output, manifest included, as it was; the next
/// build is still incremental and right.
#[test]
fn a_failed_build_leaves_the_previous_output() {
    let b = Bench::new();
    let before = tree(&b.incremental());
    b.edit(
        "content/services/330199-XK-0001.md",
        "事项名称: ",
        "事项类型: 不存在的类型\n事项名称: ",
    );
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--root"])
        .arg(b.root())
        .arg("--output")
        .arg(b.incremental())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(tree(&b.incremental()) == before);
    b.edit(
        "content/services/330199-XK-0001.md",
        "事项类型: 不存在的类型\n",
        "",
    );
    b.edit(
        "content/services/330199-XK-0001.md",
        "事项名称: ",
        "事项名称: 又一次",
    );
    b.same_as_full("after a failed build");
}
