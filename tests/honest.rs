//! Nothing is published that nobody wrote (content format v2 §1): a site whose items state
//! only what is required, and nothing optional, shows none of the v1 defaults anywhere.

mod common;

use common::TempSite;
use gongkai::build::{build, check};
use std::io::Read;
use std::path::Path;

/// An item with the required elements only: its materials are names, nothing more.
const BARE: &str = "---
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

/// What v1 printed for elements nobody wrote.
const V1_DEFAULTS: &[&str] = &[
    "原件",
    "1份",
    "必需",
    "不需要预约",
    "不支持",
    "法律法规未规定",
    "0次",
    "无特别条件",
];

/// Whether `text` shows a share of 0.0% (not the end of 100.0%).
fn shows_zero_share(text: &str) -> bool {
    text.match_indices("0.0%")
        .any(|(i, _)| !text[..i].ends_with(|c: char| c.is_ascii_digit()))
}

fn built(site: &TempSite) -> std::path::PathBuf {
    let parsed = check(site.root());
    let errors: Vec<String> = parsed
        .diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let out = site.root().join("output");
    build(&parsed, &out, false).expect("build");
    out
}

/// Every file of the output as text: HTML and data as they are, DOCX as the text of its
/// document part.
fn texts(out: &Path) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for e in walkdir::WalkDir::new(out) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(e.path()).unwrap();
        let text = if rel.ends_with(".docx") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut doc = String::new();
            zip.by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut doc)
                .unwrap();
            doc
        } else if rel.ends_with(".html") || rel.ends_with(".json") || rel.ends_with(".csv") {
            String::from_utf8(bytes).unwrap()
        } else {
            continue;
        };
        all.push((rel, text));
    }
    all
}

#[test]
fn no_v1_default_appears_in_html_docx_or_data() {
    let site = TempSite::new(&[("content/services/T-0001.md", BARE)]);
    let out = built(&site);
    let files = texts(&out);
    assert!(
        files
            .iter()
            .any(|(p, _)| p == "services/T-0001/T-0001.docx")
    );
    for (path, text) in &files {
        // Column headings name what a cell would hold.
        let text = text.replace("是否必需", "");
        for word in V1_DEFAULTS {
            assert!(!text.contains(word), "{path} shows `{word}`");
        }
        assert!(!shows_zero_share(&text), "{path} shows 0.0%");
    }
}

#[test]
fn open_data_writes_null_for_what_is_not_stated() {
    let site = TempSite::new(&[("content/services/T-0001.md", BARE)]);
    let out = built(&site);
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/services.json")).unwrap())
            .unwrap();
    let s = &data["services"][0];
    for key in [
        "delivery",
        "appointment",
        "visits",
        "result",
        "case_type",
        "scope",
    ] {
        assert!(s[key].is_null(), "{key}: {}", s[key]);
    }
    assert!(s["time_limit"]["statutory"].is_null());
    assert_eq!(s["time_limit"]["no_statutory_limit"], false);
    assert_eq!(s["free"], true);
    let m = &s["materials"][0];
    for key in ["type", "form", "copies", "required", "source"] {
        assert!(m[key].is_null(), "materials[0].{key}: {}", m[key]);
    }
    assert_eq!(s["status"], "在用");
}

#[test]
fn what_the_file_states_is_shown() {
    let stated = BARE
        .replace(
            "  - 材料名称: 申请书\n",
            "  - 材料名称: 申请书\n    材料类型: 原件\n    材料形式: 纸质\n    份数: 1\n    是否必需: true\n",
        )
        .replace(
            "  承诺时限: 5个工作日\n",
            "  法定时限: 无\n  承诺时限: 5个工作日\n",
        )
        .replace(
            "办理地点:",
            "到现场次数: 0\n物流快递: false\n预约办理: false\n办理地点:",
        );
    let site = TempSite::new(&[("content/services/T-0001.md", &stated)]);
    let out = built(&site);
    let page = std::fs::read_to_string(out.join("services/T-0001/index.html")).unwrap();
    for word in [
        "原件",
        "纸质",
        "必需",
        "法律法规未规定",
        "不需要预约",
        "不支持",
        "0次",
    ] {
        assert!(page.contains(word), "page lacks `{word}`");
    }
}

#[test]
fn figures_over_no_stated_item_say_not_reported() {
    let site = TempSite::new(&[("content/services/T-0001.md", BARE)]);
    let out = built(&site);
    for page in ["index.html", "figures/index.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(html.contains("未填报"), "{page}");
        assert!(!shows_zero_share(&html), "{page}");
    }
}
