//! Nothing is published that nobody wrote (content format v2 §1): a site whose items state
//! only what is required, and nothing optional, shows none of the v1 defaults anywhere.

use crate::common::{BARE_SERVICE as BARE, TempSite};
use gongkai::build::{build, check};
use std::io::Read;
use std::path::{Path, PathBuf};

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

/// The site checked (no error allowed) and built into its `output/`.
fn built(site: &TempSite) -> PathBuf {
    site.built()
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
fn an_unstated_status_is_not_printed_on_the_page() {
    let site = TempSite::new(&[("content/services/T-0001.md", BARE)]);
    let out = built(&site);
    let page = std::fs::read_to_string(out.join("services/T-0001/index.html")).unwrap();
    assert!(
        !page.contains("事项状态"),
        "the page states 在用 nobody wrote"
    );
    assert!(
        !page.contains(">基本信息</h3>"),
        "an empty 基本信息 heading"
    );
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

const SITE_INCOMPLETE: &str = "网站名称: 测试站\n主办单位: 测试单位\n网站地址: https://t.example.gov.cn/\n统计日期: 2026-09-30\n发布未完善事项: true\n";

#[test]
fn incomplete_items_are_published_honestly_with_the_setting() {
    let site = TempSite::new(&[
        (
            "content/services/T-0002.md",
            "---\n事项编码: T-0002\n事项名称: 未完善事项\n事项类型: 行政确认\n实施主体: 乙局\n办理层级: [区级]\n咨询电话: 0570-7654321\n网上办理地址: https://zwfw.example.gov.cn/T-0002\n---\n",
        ),
        ("content/services/T-0001.md", BARE),
    ]);
    site.write("site.yaml", SITE_INCOMPLETE.as_bytes());
    let out = built(&site);
    let page = std::fs::read_to_string(out.join("services/T-0002/index.html")).unwrap();
    assert!(page.contains("未公开"));
    assert!(page.contains("href=\"tel:05707654321\">0570-7654321</a>"));
    assert!(page.contains("https://zwfw.example.gov.cn/T-0002"));
    assert!(
        !page.contains(".docx"),
        "an incomplete item gets no 一次性告知单"
    );
    assert!(!out.join("services/T-0002/T-0002.docx").exists());
    assert!(!page.contains("print/"), "nor its printable page");
    assert!(!out.join("services/T-0002/print/index.html").exists());
    assert!(out.join("services/T-0001/T-0001.docx").exists());
    let catalogue = std::fs::read_to_string(out.join("services/index.html")).unwrap();
    assert!(catalogue.contains("指南待完善"));
    let completeness =
        std::fs::read_to_string(out.join("services/completeness/index.html")).unwrap();
    assert!(completeness.contains("乙局") && completeness.contains("0/1"));
    let data = std::fs::read_to_string(out.join("data/services.json")).unwrap();
    assert!(data.contains("\"missing\":[\"legal_basis\""), "{data}");
}

#[test]
fn without_the_setting_missing_elements_are_errors_that_name_it() {
    let site = TempSite::new(&[(
        "content/services/T-0002.md",
        "---\n事项编码: T-0002\n事项名称: 未完善事项\n事项类型: 行政确认\n实施主体: 乙局\n办理层级: [区级]\n---\n",
    )]);
    let (ok, text) = site.check();
    assert!(!ok);
    assert!(text.contains("发布未完善事项: true"), "{text}");
}

#[test]
fn enforcement_items_have_their_own_page_and_no_form() {
    let site = TempSite::new(&[(
        "content/services/CF-0001.md",
        "---\n事项编码: CF-0001\n事项名称: 对未按规定公示信息的行政处罚\n事项类型: 行政处罚\n实施主体: 甲局\n办理层级: [区级]\n设定依据: [《企业信息公示暂行条例》第十八条]\n办事流程:\n  - 环节: 立案\n  - 环节: 调查取证\n  - 环节: 决定\n实施对象: 未按规定公示信息的企业\n处罚种类和幅度: 警告；情节严重的，处一万元以下罚款\n救济途径: 自收到处罚决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼\n---\n",
    )]);
    let out = built(&site);
    let page = std::fs::read_to_string(out.join("services/CF-0001/index.html")).unwrap();
    for part in [
        "设定依据",
        "实施主体",
        "实施对象",
        "处罚种类和幅度",
        "办理流程",
        "救济途径",
    ] {
        assert!(page.contains(part), "lacks {part}");
    }
    for applicant in ["申报材料", "一次性告知单", "未公开", "收费标准"] {
        assert!(!page.contains(applicant), "shows {applicant}");
    }
    assert!(!out.join("services/CF-0001/CF-0001.docx").exists());
}

#[test]
fn cancelled_items_keep_their_page_and_leave_the_counts() {
    let cancelled = BARE
        .replace("T-0001", "T-0009")
        .replace("测试事项", "已取消事项")
        .replace(
            "---\n事项编码",
            "---\n事项状态: 取消\n取消日期: 2026-06-30\n事项编码",
        );
    let site = TempSite::new(&[
        ("content/services/T-0001.md", BARE),
        ("content/services/T-0009.md", &cancelled),
        (
            "content/centers/zhongxin.md",
            "---\n名称: 测试中心\n层级: 区级\n地址: 测试路1号\n办公时间: 周一至周五\n事项: [T-0001, T-0009]\n---\n",
        ),
    ]);
    let out = built(&site);
    let centre = std::fs::read_to_string(out.join("centers/zhongxin/index.html")).unwrap();
    assert!(centre.contains("测试事项") && !centre.contains("已取消事项"));
    let page = std::fs::read_to_string(out.join("services/T-0009/index.html")).unwrap();
    assert!(page.contains("本事项已取消") && page.contains("2026年6月30日"));
    assert!(!out.join("services/T-0009/T-0009.docx").exists());
    let catalogue = std::fs::read_to_string(out.join("services/index.html")).unwrap();
    assert!(catalogue.contains("共公开 1 个服务事项"));
    assert!(catalogue.contains("已暂停或取消的事项"));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("浏览全部 1 个服务事项"));
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/services.json")).unwrap())
            .unwrap();
    assert_eq!(data["count"], 2);
    assert_eq!(data["services"][1]["status"], "取消");
    assert_eq!(data["services"][1]["cancelled"], "2026-06-30");
    assert!(data["services"][1]["docx_url"].is_null());
}

/// The v2 fixture: every national element on some item, a 下放 item run by a township, an
/// enforcement item, a cancelled item and an incomplete one.
#[test]
fn the_v2_fixture_shows_each_national_element_on_page_json_ld_and_data() {
    let site = crate::common::copy_fixture("site-v2");
    let parsed = check(site.path());
    assert!(parsed.site.is_some(), "{:?}", parsed.diags);
    let out = site.path().join("output");
    build(&parsed, &out, false).unwrap();
    let page = |code: &str| {
        std::fs::read_to_string(out.join(format!("services/{code}/index.html"))).unwrap()
    };
    let xk = page("330199-XK-0001");
    for (label, value) in [
        ("基本编码", "000112001000"),
        ("实施主体编码", "11330199MB1A23456P"),
        ("俗称", "开店执照"),
        ("服务对象", "自然人"),
        ("办件类型", "即办件"),
        ("通办范围", "全省"),
        ("权力来源", "法定本级行使"),
        ("办理形式", "窗口办理、网上办理、掌上办理"),
        ("网上支付", "不支持"),
        ("主题分类", "开办企业"),
        ("不予受理情形", "禁止经营"),
        ("救济途径", "行政复议"),
        ("办理结果", "证照"),
    ] {
        assert!(xk.contains(label) && xk.contains(value), "{label}: {value}");
    }
    assert!(xk.contains("/static/samples/yingye-zhizhao-yangben.pdf"));
    let township = page("330199-XK-0013");
    for text in [
        "上级下放",
        "下放委托部门",
        "清河区自然资源和规划局",
        "到现场原因",
        "受理标准",
        "特别程序",
        "公示（时限：5个自然日）",
    ] {
        assert!(township.contains(text), "{text}");
    }
    let jsonld = xk
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(jsonld).unwrap();
    assert_eq!(v["alternateName"][0], "开店执照");
    assert_eq!(v["audience"][0]["audienceType"], "自然人");
    assert_eq!(v["category"][0], "开办企业");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/services.json")).unwrap())
            .unwrap();
    let item = |code: &str| {
        data["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["code"] == code)
            .unwrap()
            .clone()
    };
    let x = item("330199-XK-0001");
    assert_eq!(x["case_type"], "即办件");
    assert_eq!(x["scope"], "全省");
    assert_eq!(x["result_type"], "证照");
    assert_eq!(item("330199-XK-0013")["power_source"], "上级下放");
    assert_eq!(item("330199-QR-0006")["status"], "取消");
    assert_eq!(
        item("330199-QR-0009")["missing"].as_array().unwrap().len(),
        5
    );
    let csv = std::fs::read_to_string(out.join("data/services.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    for column in [
        "status",
        "department_code",
        "topics",
        "scope",
        "channels",
        "missing",
    ] {
        assert!(header.contains(column), "{column}");
    }
    assert!(csv.contains("上级下放") && csv.contains("清河区自然资源和规划局"));
    // The enforcement item has no form; the incomplete one neither; the others do.
    assert!(
        !out.join("services/330199-CF-0001/330199-CF-0001.docx")
            .exists()
    );
    assert!(
        !out.join("services/330199-QR-0009/330199-QR-0009.docx")
            .exists()
    );
    let docx = std::fs::read(out.join("services/330199-XK-0013/330199-XK-0013.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut doc = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    for text in [
        "下放委托部门",
        "承诺件",
        "特别程序：公示",
        "现场踏勘时须本人在场",
    ] {
        assert!(doc.contains(text), "the form lacks {text}");
    }
}
