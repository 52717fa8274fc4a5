//! The messages a clerk reads, in Chinese (the default) and in English: each common mistake
//! is named at its own line and column, and only the cause is reported.

use crate::common::{SERVICE, TempSite};
use gongkai::diag::{Diagnostic, Lang};

fn svc(replace: &[(&str, &str)]) -> String {
    let mut s = SERVICE.to_string();
    for (a, b) in replace {
        assert!(s.contains(a), "fixture lacks {a}");
        s = s.replacen(a, b, 1);
    }
    s
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.is_error()).collect()
}

/// A centre listing the service T-0001.
const CENTRE: &str = "名称: 中心\n层级: 区级\n地址: 路1号\n办公时间: 周一至周五\n事项: [T-0001]\n";

#[test]
fn a_site_yaml_typo_on_a_large_site_gives_only_its_own_errors() {
    let mut files: Vec<(String, String)> = (1..=120)
        .map(|i| {
            (
                format!("content/services/s{i}.md"),
                svc(&[
                    ("T-0001", &format!("T-{i:04}")),
                    ("办理层级: [区级]", "办理层级: [县级]"),
                ]),
            )
        })
        .collect();
    files.push((
        "content/centers/c.yaml".into(),
        CENTRE.replace("区级", "县级"),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let site = TempSite::new(&refs);
    let good = "网站名称: 测试站\n主办单位: 测试单位\n网站地址: https://t.example.gov.cn/\n统计日期: 2026-09-30\n办理层级: [县级, 乡镇级]\n";
    site.write("site.yaml", good.as_bytes());
    let (ok, out) = site.check_zh();
    assert!(ok, "{out}");
    // a typo in 网站地址: one error, the cause, and nothing about the 120 items
    site.write("site.yaml", good.replace("网站地址", "网站地扯").as_bytes());
    let diags = site.diags_in(Lang::Zh);
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1, "{diags:#?}");
    assert_eq!(errs[0].file, "site.yaml");
    assert_eq!(errs[0].message, "没有“网站地扯”这个键名");
    assert!(
        errs[0]
            .help
            .as_deref()
            .unwrap()
            .contains("是不是想写“网站地址”"),
        "{:?}",
        errs[0].help
    );
    assert_eq!(errs[0].pos.unwrap().line, 3);
    // a full-width colon in site.yaml: named at its line, again alone
    site.write(
        "site.yaml",
        good.replace("主办单位: ", "主办单位：").as_bytes(),
    );
    let diags = site.diags_in(Lang::Zh);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].message, "第2行：冒号是中文全角“：”，请改为半角“:”");
}

#[test]
fn full_width_colon_is_named_at_its_line_and_the_centre_stays_quiet() {
    let text = svc(&[("事项类型: 行政许可", "事项类型：行政许可")]);
    let site = TempSite::new(&[
        ("content/services/a.md", text.as_str()),
        ("content/centers/c.yaml", CENTRE),
    ]);
    let diags = site.diags_in(Lang::Zh);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d.file, "content/services/a.md");
    assert_eq!(d.message, "第4行：冒号是中文全角“：”，请改为半角“:”");
    assert_eq!((d.pos.unwrap().line, d.pos.unwrap().column), (4, 5));
    let en = site.diags_in(Lang::En);
    assert_eq!(en.len(), 1, "{en:#?}");
    assert!(
        en[0]
            .message
            .contains("line 4: the colon after `事项类型` is a full-width “：”"),
        "{en:#?}"
    );
}

#[test]
fn tab_indentation_is_named_at_its_line() {
    let text = svc(&[("    份数: 1", "\t份数: 1")]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    assert_eq!(errors(&diags).len(), 1, "{diags:#?}");
    assert_eq!(diags[0].message, "第10行：缩进用了 Tab 键");
    assert_eq!(diags[0].pos.unwrap().line, 10);
}

#[test]
fn full_width_indentation_is_named_at_its_line() {
    let text = svc(&[("    份数: 1", "　　份数: 1")]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    assert_eq!(errors(&diags).len(), 1, "{diags:#?}");
    assert_eq!(diags[0].message, "第10行：缩进用了全角空格“　”");
    assert_eq!(
        (diags[0].pos.unwrap().line, diags[0].pos.unwrap().column),
        (10, 1)
    );
}

#[test]
fn a_value_run_onto_the_next_line_is_blamed_on_that_line() {
    let text = svc(&[("实施主体: 测试局", "实施主体: 测试\n局")]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].pos.unwrap().line, 6);
    assert!(
        diags[0]
            .message
            .starts_with("第6行：这一行不是“键名: 值”，像是上一项“实施主体”的值写到了下一行"),
        "{diags:#?}"
    );
    assert!(diags[0].help.as_deref().unwrap().contains("“|”"));
    // on the last key, not the closing ---
    let text = svc(&[("  - 地点: 行政服务中心\n", "  - 地点: 行政服务\n中心\n")]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].pos.unwrap().line, 19, "{diags:#?}");
    assert!(
        diags[0].message.contains("“地点”的值写到了下一行"),
        "{diags:#?}"
    );
}

#[test]
fn missing_space_after_colon_and_chinese_quotes() {
    let text = svc(&[("实施主体: 测试局", "实施主体:测试局")]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].message, "第5行：“实施主体:”后面少了一个空格");
    assert_eq!(diags[0].pos.unwrap().column, 6);
    let text = svc(&[("实施主体: 测试局", "实施主体: “测试局: 窗口”")]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].message.contains("中文引号"), "{diags:#?}");
    assert!(diags[0].help.as_deref().unwrap().contains("英文引号"));
}

#[test]
fn tabs_in_values_are_warnings() {
    let text = svc(&[("实施主体: 测试局", "实施主体: 测试\t局")]);
    let site = TempSite::new(&[("content/services/a.md", text.as_str())]);
    let (ok, out) = site.check_zh();
    assert!(ok, "{out}");
    assert!(
        out.contains("content/services/a.md:5:") && out.contains("提醒") && out.contains("Tab"),
        "{out}"
    );
}

#[test]
fn plain_chinese_words_in_common_messages() {
    let cases = [
        svc(&[("事项类型: 行政许可", "事项类型: 行政审批")]),
        svc(&[("份数: 1", "份数: 0")]),
        svc(&[(
            "申报材料:\n  - 材料名称: 申请书\n    份数: 1\n",
            "申报材料: 身份证\n",
        )]),
        svc(&[("事项名称: 测试事项", "事项名陈: 测试事项")]),
    ];
    for text in cases {
        let (ok, out) = TempSite::new(&[("content/services/a.md", text.as_str())]).check_zh();
        assert!(!ok);
        for word in [
            "ASCII", "slug", "scalar", "mapping", "expected", "allowed", "error:",
        ] {
            assert!(!out.contains(word), "{word} in {out}");
        }
        assert!(out.contains("错误"), "{out}");
    }
}

#[test]
fn full_width_digits_are_accepted_in_numbers_and_time_limits() {
    let text = svc(&[
        ("份数: 1", "份数: ２"),
        ("承诺时限: 5个工作日", "承诺时限: ５个工作日"),
    ]);
    let (ok, out) = TempSite::new(&[("content/services/a.md", text.as_str())]).check_zh();
    assert!(ok, "{out}");
    assert_eq!(out, "");
}

#[test]
fn lists_written_with_the_chinese_comma_are_read_with_a_warning() {
    let centre = CENTRE.to_string() + "服务方式: 窗口办理、网上办理\n";
    let site = TempSite::new(&[
        ("content/services/a.md", SERVICE),
        ("content/centers/c.yaml", centre.as_str()),
    ]);
    let (ok, out) = site.check_zh();
    assert!(ok, "{out}");
    assert!(
        out.contains("content/centers/c.yaml:6:")
            && out.contains("“窗口办理、网上办理”按清单读作 [窗口办理, 网上办理]"),
        "{out}"
    );
    let parsed = gongkai::build::check(site.root());
    assert_eq!(
        parsed.site.unwrap().centres[0].modes,
        ["窗口办理", "网上办理"]
    );
}

#[test]
fn a_refused_value_shows_the_nearest_accepted_spelling() {
    let text = svc(&[("事项类型: 行政许可", "事项类型: 行政审批")]);
    let (_, out) = TempSite::new(&[("content/services/a.md", text.as_str())]).check_zh();
    assert!(
        out.contains("“行政审批”不是可选的值，是不是“行政许可”？"),
        "{out}"
    );
    let centre = CENTRE.replace("层级: 区级", "层级: 县级");
    let (_, out) = TempSite::new(&[
        ("content/services/a.md", SERVICE),
        ("content/centers/c.yaml", centre.as_str()),
    ])
    .check_zh();
    assert!(out.contains("是不是“区级”？"), "{out}");
}

#[test]
fn what_the_sanitiser_removes_is_a_warning_with_file_and_line() {
    let page = "---\n标题: 指南\n---\n正文\n\n<script>alert(1)</script>\n";
    let site = TempSite::new(&[("content/pages/guide.md", page)]);
    let (ok, out) = site.check_zh();
    assert!(ok, "{out}");
    assert!(
        out.contains(
            "content/pages/guide.md:6:1: 提醒: 第6行：正文里的 <script> 脚本 不会出现在网页上"
        ),
        "{out}"
    );
    let (_, out) = site.check();
    assert!(
        out.contains("line 6: a <script> in the text is removed"),
        "{out}"
    );
}

#[test]
fn free_of_charge_in_the_usual_words() {
    for words in ["不收取费用", "免费", "0元", "０元", "不收费"] {
        let text = svc(&[("收费: 不收费", &format!("收费: {words}"))]);
        let (ok, out) = TempSite::new(&[("content/services/a.md", text.as_str())]).check_zh();
        assert!(ok, "{words}: {out}");
    }
}

#[test]
fn full_width_code_and_chinese_comma_levels_are_accepted() {
    let text = svc(&[
        ("事项编码: T-0001", "事项编码: Ｔ－０００１"),
        ("办理层级: [区级]", "办理层级: 区级、乡镇(街道)级"),
    ]);
    let site = TempSite::new(&[("content/services/a.md", text.as_str())]);
    let (ok, out) = site.check_zh();
    assert!(ok, "{out}");
    assert!(
        out.contains("“区级、乡镇(街道)级”按清单读作 [区级, 乡镇(街道)级]"),
        "{out}"
    );
    let parsed = gongkai::build::check(site.root());
    let s = &parsed.site.unwrap().services[0];
    assert_eq!(s.code, "T-0001");
    assert_eq!(s.levels, ["区级", "乡镇(街道)级"]);
}

#[test]
fn materials_written_as_words_get_the_list_form() {
    let text = svc(&[(
        "申报材料:\n  - 材料名称: 申请书\n    份数: 1\n",
        "申报材料: 身份证、户口簿\n",
    )]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1, "{diags:#?}");
    assert_eq!(
        errs[0].message,
        "这里每一项要写成“材料名称: ……”，却只写了“身份证、户口簿”"
    );
    assert!(
        errs[0]
            .help
            .as_deref()
            .unwrap()
            .contains("“- 材料名称: 身份证”、“- 材料名称: 户口簿”"),
        "{:?}",
        errs[0].help
    );
}

#[test]
fn an_item_code_in_chinese_is_refused_without_programmer_words() {
    let text = svc(&[("事项编码: T-0001", "事项编码: 测试-0001")]);
    let (ok, out) = TempSite::new(&[("content/services/a.md", text.as_str())]).check_zh();
    assert!(!ok);
    assert!(out.contains("不能用作事项编码"), "{out}");
    assert!(
        out.contains("可以写成 0001") && out.contains("英文字母"),
        "{out}"
    );
    assert!(!out.contains("ASCII"), "{out}");
}

#[test]
fn a_time_limit_written_alone_shows_the_form() {
    let text = svc(&[(
        "办理时限:\n  法定时限: 20个工作日\n  承诺时限: 5个工作日\n",
        "办理时限: 5个工作日\n",
    )]);
    let diags = TempSite::new(&[("content/services/a.md", text.as_str())]).diags_in(Lang::Zh);
    let errs = errors(&diags);
    assert_eq!(errs.len(), 1, "{diags:#?}");
    assert!(errs[0].message.contains("不能只写“5个工作日”"), "{errs:#?}");
    assert!(
        errs[0]
            .help
            .as_deref()
            .unwrap()
            .contains("办理时限: {承诺时限: 5个工作日, 法定时限: 20个工作日}"),
        "{errs:#?}"
    );
}

#[test]
fn adjustment_records_are_checked_with_file_line_and_key() {
    let text = SERVICE.replace(
        "收费: 不收费\n",
        "收费: 不收费\n调整记录:\n  - 日期: 2026-06-31\n    内容: 取消户口簿\n  - 日期: 2026-10-08\n    文号: 清政办[2026]3号\n    内容: 承诺时限压缩为3个工作日\n  - 日期: 2026-05-01\n  - 日期: 2026-04-01\n    内容: 取消“身份证复印件”\n",
    );
    let site = TempSite::new(&[("content/services/t.md", &text)]);
    let diags = site.diags_in(Lang::Zh);
    let errs = errors(&diags);
    let got: Vec<(usize, &str, &str)> = errs
        .iter()
        .map(|d| {
            (
                d.pos.unwrap().line,
                d.key.as_deref().unwrap_or(""),
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                18,
                "调整记录[1].日期",
                "“2026-06-31”不是日期：2026年6月只有 30 天"
            ),
            (
                20,
                "调整记录[2].日期",
                "调整记录的日期 2026-10-08 晚于 统计日期 2026-09-30"
            ),
            (23, "调整记录[3].内容", "缺少必填的“内容”"),
        ],
        "{diags:#?}"
    );
    assert!(errs.iter().all(|d| d.file == "content/services/t.md"));
    // The 文号 written with [ ] is read with 〔〕 and a warning, as for notices.
    assert!(
        diags
            .iter()
            .any(|d| !d.is_error() && d.key.as_deref() == Some("调整记录[2].文号")),
        "{diags:#?}"
    );
}
