//! The item page for the applicant first (content format v2 §4): the summary says only
//! what the item states, one primary action, the printable 一次性告知单, tappable phones,
//! bold next to Chinese punctuation.

use crate::common::{BARE_SERVICE as BARE, TempSite};
use std::path::PathBuf;

/// Everything the summary can use.
const FULL: &str = "---
事项编码: T-0002
事项名称: 全面事项
事项类型: 行政确认
实施主体: 测试局
办理层级: [区级]
设定依据: [《测试条例》第二条]
服务对象: [自然人, 法人]
受理条件: 契税由**登记权利人（买方）**缴纳。
申报材料:
  - 材料名称: 申请书
  - 材料名称: 身份证
    免提交: true
  - 材料名称: 户口簿
办事流程:
  - 环节: 受理
办理时限:
  承诺时限: 即办
收费:
  - 收费项目: 工本费
    收费标准: 每本10元
    收费依据: 《测试收费办法》
到现场次数: 0
网上办理地址: https://zwfw.example.gov.cn/T-0002
咨询电话: 0570-1234567转8
办理地点:
  - 地点: 东城街道便民服务中心
    办理时间: 工作日 9:00-17:00
    电话: （0570）7654321
  - 地点: 区行政服务中心
---
";

/// An enforcement item: carried out on people, nothing to apply for.
const PENALTY: &str = "---
事项编码: CF-0001
事项名称: 对未按规定公示信息的行政处罚
事项类型: 行政处罚
实施主体: 测试局
办理层级: [区级]
设定依据: [《企业信息公示暂行条例》第十八条]
办事流程:
  - 环节: 立案
办理地点:
  - 地点: 测试局执法大队
---
";

/// The site checked (no error allowed) and built into its `output/`.
fn built(site: &TempSite) -> PathBuf {
    site.built()
}

fn read(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The summary block of an item page, or "" when there is none.
fn summary(page: &str) -> &str {
    match (
        page.find("<section class=\"summary\""),
        page.find("</section>"),
    ) {
        (Some(a), Some(_)) => {
            let b = a + page[a..].find("</section>").unwrap();
            &page[a..b]
        }
        _ => "",
    }
}

#[test]
fn the_summary_shows_only_what_the_item_states() {
    let site = TempSite::new(&[("content/services/T-0001.md", BARE)]);
    let out = built(&site);
    let page = read(&out, "services/T-0001/index.html");
    let s = summary(&page);
    for line in [
        "<dt>带几样材料</dt><dd>2 样",
        "<dt>去哪办</dt><dd>行政服务中心",
        "<dt>多久办好</dt><dd>5个工作日",
        "<dt>收费</dt><dd>不收费",
    ] {
        assert!(s.contains(line), "summary lacks `{line}`: {s}");
    }
    // Not stated, so not in the summary: no default, no guess.
    for absent in ["谁能办", "跑几次", "免提交", "（"] {
        assert!(!s.contains(absent), "summary shows `{absent}`: {s}");
    }
    // Without an online address the one primary action is the window.
    assert!(page.contains("class=\"button start\" href=\"#bldd\">到窗口办：行政服务中心"));
    assert!(!page.contains("button start\" href=\"https"));
    assert!(page.contains("id=\"bldd\""), "the action's anchor exists");
}

#[test]
fn the_summary_of_a_full_item_and_online_first() {
    let site = TempSite::new(&[("content/services/T-0002.md", FULL)]);
    let out = built(&site);
    let page = read(&out, "services/T-0002/index.html");
    let s = summary(&page);
    for line in [
        "<dt>谁能办</dt><dd>自然人、法人",
        "<dt>带几样材料</dt><dd>3 样，其中 1 样免提交（需带 2 样）",
        "<dt>去哪办</dt><dd>东城街道便民服务中心（工作日 9:00-17:00）等 2 处",
        "<dt>多久办好</dt><dd>即办",
        "<dt>收费</dt><dd>工本费：每本10元",
        "<dt>跑几次</dt><dd>0 次（零跑腿）",
    ] {
        assert!(s.contains(line), "summary lacks `{line}`: {s}");
    }
    // 网上办理 is the one primary action; the window comes after it as a link.
    let online = page
        .find("class=\"button start\" href=\"https://zwfw.example.gov.cn/T-0002\"")
        .expect("网上办理 start button");
    let window = page
        .find("<a href=\"#bldd\">到窗口办</a>")
        .expect("到窗口办");
    let print = page.find("services/T-0002/print/").expect("print link");
    let toc = page.find("class=\"toc\"").unwrap();
    assert!(online < window && window < print && print < toc);
    assert_eq!(page.matches("class=\"button start\"").count(), 1);
}

#[test]
fn nothing_to_summarize_without_stated_elements() {
    let site = TempSite::new(&[(
        "content/services/T-0003.md",
        "---\n事项编码: T-0003\n事项名称: 未完善事项\n事项类型: 行政确认\n实施主体: 乙局\n办理层级: [区级]\n---\n",
    )]);
    site.write(
        "site.yaml",
        format!("{}发布未完善事项: true\n", crate::common::SITE_YAML).as_bytes(),
    );
    let out = built(&site);
    let page = read(&out, "services/T-0003/index.html");
    assert!(!page.contains("办事摘要"), "no summary line can be backed");
    assert!(
        !page.contains("button start"),
        "no place, no online address"
    );
    assert!(!out.join("services/T-0003/print/index.html").exists());
}

#[test]
fn items_with_a_form_get_a_print_page_enforcement_items_do_not() {
    let site = TempSite::new(&[
        ("content/services/T-0002.md", FULL),
        ("content/services/CF-0001.md", PENALTY),
    ]);
    let out = built(&site);
    let print = read(&out, "services/T-0002/print/index.html");
    assert!(print.contains("<h1>全面事项一次性告知单</h1>"));
    assert!(print.contains("<svg class=\"qr\" role=\"img\""), "QR code");
    assert!(print.contains("https://t.example.gov.cn/services/T-0002/"));
    assert!(print.contains("href=\"/services/T-0002/T-0002.docx\""));
    assert!(print.contains("申请人签名"));
    for section in [
        "受理条件",
        "申报材料",
        "办理流程",
        "办理时限",
        "收费标准及依据",
        "办理地点和时间",
        "咨询和投诉",
    ] {
        assert!(print.contains(&format!("\">{section}</h2>")), "{section}");
    }
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("https://t.example.gov.cn/services/T-0002/print/"));

    let penalty = read(&out, "services/CF-0001/index.html");
    assert!(
        !penalty.contains("print/"),
        "no printable form for enforcement"
    );
    assert!(!penalty.contains("办事摘要"));
    assert!(!penalty.contains("到窗口办"));
    assert!(!out.join("services/CF-0001/print").exists());
    assert!(!sitemap.contains("CF-0001/print/"));
}

#[test]
fn phones_are_tel_links() {
    let site = TempSite::new(&[("content/services/T-0002.md", FULL)]);
    let out = built(&site);
    for rel in [
        "services/T-0002/index.html",
        "services/T-0002/print/index.html",
    ] {
        let page = read(&out, rel);
        assert!(
            page.contains("<a href=\"tel:05701234567,8\">0570-1234567转8</a>"),
            "{rel}: 咨询电话"
        );
        assert!(
            page.contains("<a href=\"tel:05707654321\">（0570）7654321</a>"),
            "{rel}: the place's phone"
        );
    }
}

#[test]
fn bold_next_to_chinese_punctuation() {
    let site = TempSite::new(&[("content/services/T-0002.md", FULL)]);
    let out = built(&site);
    for rel in [
        "services/T-0002/index.html",
        "services/T-0002/print/index.html",
    ] {
        let page = read(&out, rel);
        assert!(
            page.contains("契税由<strong>登记权利人（买方）</strong>缴纳。"),
            "{rel}"
        );
        // The JSON-LD keeps the text as written; the page shows no asterisks.
        let body = &page[page.find("<body").unwrap()..];
        assert!(!body.contains("**"), "{rel}");
    }
}
