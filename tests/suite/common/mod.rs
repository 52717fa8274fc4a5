//! Helpers shared by the integration tests: temporary sites built from strings.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// site.yaml used by the rule tests.
pub const SITE_YAML: &str = "网站名称: 测试站\n主办单位: 测试单位\n网站地址: https://t.example.gov.cn/\n统计日期: 2026-09-30\n";

/// A service item with the required elements only, and materials that are names only: no
/// 服务对象, 受理条件, 到现场次数, 网上办理地址, 法定时限, 份数 or 材料类型.
pub const BARE_SERVICE: &str = "---
事项编码: T-0001
事项名称: 测试事项
事项类型: 行政许可
实施主体: 测试局
办理层级: [区级]
设定依据: [《测试条例》第一条]
申报材料:
  - 材料名称: 申请书
  - 材料名称: 身份证明
办事流程:
  - 环节: 受理
办理时限:
  承诺时限: 5个工作日
收费: 不收费
办理地点:
  - 地点: 行政服务中心
---
";

/// A valid service item; tests replace lines to break one rule at a time.
pub const SERVICE: &str = "---
事项编码: T-0001
事项名称: 测试事项
事项类型: 行政许可
实施主体: 测试局
办理层级: [区级]
设定依据: [《测试条例》第一条]
申报材料:
  - 材料名称: 申请书
    份数: 1
办事流程:
  - 环节: 受理
办理时限:
  法定时限: 20个工作日
  承诺时限: 5个工作日
收费: 不收费
办理地点:
  - 地点: 行政服务中心
---
";

/// A valid plan.
pub const PLAN: &str = "---
标题: 方案
发文机关: 测试局
成文日期: 2026-03-01
任务:
  - 编号: T1
    任务: 第一项
    牵头单位: 区甲局
    完成时限: 2026-08
    状态: 推进中
    进度: 40
---
";

/// A temporary site folder.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    /// Checks the site, requiring no error, and builds it into `output/` under its root;
    /// returns that folder.
    pub fn built(&self) -> PathBuf {
        let parsed = gongkai::build::check(self.root());
        let errors: Vec<String> = parsed
            .diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let out = self.root().join("output");
        gongkai::build::build(&parsed, &out, false).expect("build");
        out
    }

    /// A site with `SITE_YAML` and the given files (path relative to the root, text).
    pub fn new(files: &[(&str, &str)]) -> TempSite {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), SITE_YAML).unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let site = TempSite { dir };
        for (p, t) in files {
            site.write(p, t.as_bytes());
        }
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Runs the library check with English messages; returns (ok, one line a diagnostic).
    pub fn check(&self) -> (bool, String) {
        self.check_in(gongkai::diag::Lang::En)
    }

    /// Runs the library check with Chinese messages (the default language).
    pub fn check_zh(&self) -> (bool, String) {
        self.check_in(gongkai::diag::Lang::Zh)
    }

    /// Runs the library check in `lang`; returns (ok, one line a diagnostic).
    pub fn check_in(&self, lang: gongkai::diag::Lang) -> (bool, String) {
        gongkai::diag::lang::with(lang, || {
            let parsed = gongkai::build::check(self.root());
            (
                parsed.site.is_some(),
                gongkai::diag::render_plain(&parsed.diags),
            )
        })
    }

    /// The diagnostics of the library check in `lang`.
    pub fn diags_in(&self, lang: gongkai::diag::Lang) -> Vec<gongkai::diag::Diagnostic> {
        gongkai::diag::lang::with(lang, || gongkai::build::check(self.root()).diags)
    }
}

/// Copies a fixture folder under tests/fixtures into a temporary folder.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dst = tempfile::tempdir().unwrap();
    copy_dir(&src, dst.path());
    dst
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The path of a fixture folder under tests/fixtures (to read, not to change).
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
