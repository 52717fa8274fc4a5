//! One test a rule of the content format, each on a small site made for it.

use crate::common::{PLAN, SERVICE, TempSite};

fn svc(replace: &[(&str, &str)]) -> String {
    let mut s = SERVICE.to_string();
    for (a, b) in replace {
        assert!(s.contains(a), "fixture lacks {a}");
        s = s.replacen(a, b, 1);
    }
    s
}

fn check_service(text: &str) -> (bool, String) {
    TempSite::new(&[("content/services/a.md", text)]).check()
}

#[test]
fn the_base_service_is_valid() {
    let (ok, out) = check_service(SERVICE);
    assert!(ok, "{out}");
    assert_eq!(out, "");
}

#[test]
fn copies_must_be_at_least_one_with_key_path() {
    let (ok, out) = check_service(&svc(&[("份数: 1", "份数: 0")]));
    assert!(!ok);
    assert!(
        out.contains("content/services/a.md:10:9: error: 申报材料[1].份数: 0 is out of range"),
        "{out}"
    );
    assert!(out.contains("from 1 to 999"), "{out}");
}

#[test]
fn visits_range() {
    let (ok, out) = check_service(&svc(&[("收费: 不收费", "收费: 不收费\n到现场次数: 10")]));
    assert!(!ok);
    assert!(
        out.contains("到现场次数") && out.contains("0 to 9"),
        "{out}"
    );
}

#[test]
fn legal_basis_required_except_for_public_services() {
    let no_basis = svc(&[("设定依据: [《测试条例》第一条]\n", "")]);
    let (ok, out) = check_service(&no_basis);
    assert!(!ok);
    assert!(out.contains("设定依据"), "{out}");
    let public = no_basis.replace("行政许可", "公共服务");
    let (ok, out) = check_service(&public);
    assert!(ok, "{out}");
}

#[test]
fn locations_required_unless_online() {
    let none = svc(&[("办理地点:\n  - 地点: 行政服务中心\n", "")]);
    let (ok, out) = check_service(&none);
    assert!(!ok);
    assert!(out.contains("办理地点"), "{out}");
    let online = none.replace(
        "收费: 不收费",
        "收费: 不收费\n网上办理地址: https://zwfw.example.gov.cn/x",
    );
    let (ok, out) = check_service(&online);
    assert!(ok, "{out}");
}

#[test]
fn online_url_must_be_a_web_address() {
    let (ok, out) = check_service(&svc(&[(
        "收费: 不收费",
        "收费: 不收费\n网上办理地址: javascript:alert(1)",
    )]));
    assert!(!ok);
    assert!(out.contains("is not a web address"), "{out}");
}

#[test]
fn statutory_in_another_unit_only_warns() {
    let (ok, out) = check_service(&svc(&[
        ("法定时限: 20个工作日", "法定时限: 7日"),
        ("承诺时限: 5个工作日", "承诺时限: 6个工作日"),
    ]));
    assert!(ok, "{out}");
    assert!(
        out.contains("warning")
            && out.contains("承诺时限 6个工作日 is longer than 法定时限 7个自然日"),
        "{out}"
    );
}

#[test]
fn duration_map_form_and_bad_duration() {
    let (ok, out) = check_service(&svc(&[(
        "承诺时限: 5个工作日",
        "承诺时限: {days: 5, unit: 工作日, 说明: 公示时间不计入}",
    )]));
    assert!(ok, "{out}");
    let (ok, out) = check_service(&svc(&[("承诺时限: 5个工作日", "承诺时限: 五天")]));
    assert!(!ok);
    assert!(
        out.contains("`五天` is not a time limit") && out.contains("即办"),
        "{out}"
    );
}

#[test]
fn code_must_be_url_safe() {
    let (ok, out) = check_service(&svc(&[("事项编码: T-0001", "事项编码: 测试/0001")]));
    assert!(!ok);
    assert!(out.contains("cannot be an item code"), "{out}");
}

#[test]
fn material_requirement_values() {
    let text = svc(&[(
        "    份数: 1\n",
        "    份数: 1\n    是否必需: 委托办理时提供\n    来源: 路边捡的\n",
    )]);
    let (ok, out) = check_service(&text);
    assert!(!ok);
    assert!(
        out.contains("申报材料[1].来源") && out.contains("申请人自备 政府部门核发"),
        "{out}"
    );
}

#[test]
fn unknown_nested_key_suggests_the_nearest() {
    let (ok, out) = check_service(&svc(&[("    份数: 1", "    份量: 1")]));
    assert!(!ok);
    assert!(
        out.contains("申报材料[1].份量: unknown key") && out.contains("did you mean `份数`"),
        "{out}"
    );
}

#[test]
fn english_misspelling_suggests_english_key() {
    let (ok, out) = check_service(&svc(&[(
        "收费: 不收费",
        "收费: 不收费\nconsult_phnoe: 123",
    )]));
    assert!(!ok);
    assert!(
        out.contains("did you mean `consult_phone` (`咨询电话`)"),
        "{out}"
    );
}

#[test]
fn nested_both_spellings() {
    let (ok, out) = check_service(&svc(&[("    份数: 1", "    份数: 1\n    copies: 2")]));
    assert!(!ok);
    assert!(
        out.contains("`copies` and `份数` are the same key"),
        "{out}"
    );
}

#[test]
fn attachments_must_exist_inside_static() {
    let site = TempSite::new(&[(
        "content/services/a.md",
        &svc(&[(
            "    份数: 1",
            "    份数: 1\n    空白表格: static/forms/表.docx\n    示例样表: /etc/passwd",
        )]),
    )]);
    let (ok, out) = site.check();
    assert!(!ok);
    assert!(
        out.contains("attachment `static/forms/表.docx` not found"),
        "{out}"
    );
    assert!(out.contains("`/etc/passwd` leaves content/static"), "{out}");
    site.write("content/static/forms/表.docx", b"x");
    site.write("content/static/etc/passwd", b"x");
    let (ok, out) = site.check();
    assert!(
        !ok,
        "absolute paths stay refused even when the file exists: {out}"
    );
    assert!(!out.contains("not found"), "{out}");
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let site = TempSite::new(&[("content/services/a.md", SERVICE)]);
    std::fs::create_dir_all(site.root().join("content/static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("content/static/secret.txt"),
    )
    .unwrap();
    let (ok, out) = site.check();
    assert!(!ok);
    assert!(
        out.contains("content/static/secret.txt") && out.contains("outside the site"),
        "{out}"
    );
}

#[test]
fn yaml_bombs_and_deep_nesting_are_refused() {
    let bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n";
    let (ok, out) = check_service(bomb);
    assert!(!ok);
    assert!(out.contains("anchors and aliases"), "{out}");
    let deep = format!(
        "---\na: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (ok, out) = check_service(&deep);
    assert!(!ok);
    assert!(out.contains("nested"), "{out}");
}

#[test]
fn tags_are_refused() {
    let (ok, out) = check_service(&svc(&[(
        "事项名称: 测试事项",
        "事项名称: !!binary aGVsbG8=",
    )]));
    assert!(!ok);
    assert!(out.contains("tags"), "{out}");
}

#[test]
fn task_rules() {
    let plan = "---
标题: 方案
发文机关: 测试局
成文日期: 2026-03-01
任务:
  - 编号: T1
    任务: 甲
    牵头单位: 区甲局
    状态: 已完成
    进度: 50
  - 编号: T1
    任务: 乙
    牵头单位: 区乙局
    进展:
      - 日期: 2026-10-01
        内容: 未来的进展
---
";
    let site = TempSite::new(&[("content/plans/p.md", plan)]);
    let (ok, out) = site.check();
    assert!(!ok);
    assert!(out.contains("进度 is 50 but 状态 is 已完成"), "{out}");
    assert!(
        out.contains("task 编号 T1 is already used by task 1"),
        "{out}"
    );
    assert!(out.contains("after 统计日期 2026-09-30"), "{out}");
}

#[test]
fn supervision_rules() {
    let plan = "---
标题: 方案
发文机关: 测试局
成文日期: 2026-03-01
任务:
  - 编号: T1
    任务: 甲
    牵头单位: 区甲局
    督办: {督办单位: 区政府督查室, 日期: 2026-09-10, 限期: 2026-09-10}
  - 编号: T2
    任务: 乙
    牵头单位: 区乙局
    督办: {督办单位: 区政府督查室, 日期: 2026-10-01, 限期: 2026-10-31}
  - 编号: T3
    任务: 丙
    牵头单位: 区丙局
    督办: {日期: 2026-09-01, 限期: 2026-09}
  - 编号: T4
    任务: 丁
    牵头单位: 区丁局
    督办: 区政府督查室
---
";
    let (ok, out) = TempSite::new(&[("content/plans/p.md", plan)]).check();
    assert!(!ok);
    assert!(
        out.contains("督办 限期 2026-09-10 is not after its 日期 2026-09-10"),
        "{out}"
    );
    assert!(
        out.contains("督办 dated 2026-10-01 is after 统计日期 2026-09-30"),
        "{out}"
    );
    assert!(out.contains("督办单位"), "{out}");
    assert!(out.contains("督办 must be a mapping"), "{out}");

    let good = "---
标题: 方案
发文机关: 测试局
成文日期: 2026-03-01
任务:
  - 编号: T1
    任务: 甲
    牵头单位: 区甲局
    督办: {督办单位: 区政府督查室, 日期: 2026-09-10, 限期: 2026-09, 说明: 列入重点督办事项}
---
";
    let site = TempSite::new(&[("content/plans/p.md", good)]);
    let parsed = gongkai::build::check(site.root());
    let site = parsed.site.expect("valid");
    let s = site.plans[0].tasks[0].supervision.as_ref().unwrap();
    assert_eq!(s.by, "区政府督查室");
    assert_eq!(s.due.unwrap().to_string(), "2026-09-30");
    assert_eq!(s.note.as_deref(), Some("列入重点督办事项"));
}

#[test]
fn deadline_month_is_its_last_day_and_done_means_100() {
    let plan = PLAN.replace("    状态: 推进中\n    进度: 40\n", "    状态: 已完成\n");
    let site = TempSite::new(&[("content/plans/p.md", &plan)]);
    let parsed = gongkai::build::check(site.root());
    let site = parsed.site.expect("valid");
    let task = &site.plans[0].tasks[0];
    assert_eq!(task.deadline.unwrap().to_string(), "2026-08-31");
    assert_eq!(task.progress, 100);
}

#[test]
fn period_rules() {
    let notice = "---\n标题: 公示\n类别: 公示\n发文机关: 局\n成文日期: 2026-09-01\n公示期: {开始: 2026-09-10, 结束: 2026-09-01}\n---\n正文\n";
    let (ok, out) = TempSite::new(&[("content/notices/n.md", notice)]).check();
    assert!(!ok);
    assert!(
        out.contains("公示期 ends (2026-09-01) before it starts (2026-09-10)"),
        "{out}"
    );
}

#[test]
fn centre_level_must_be_a_site_level() {
    let centre = "名称: 中心\n层级: 省级\n地址: 路1号\n办公时间: 周一至周五\n";
    let (ok, out) = TempSite::new(&[("content/centers/c.yaml", centre)]).check();
    assert!(!ok);
    assert!(
        out.contains("content/centers/c.yaml:2:5: error: 层级: `省级` is not an allowed value"),
        "{out}"
    );
}

#[test]
fn slugs_come_from_file_names_or_slug_key() {
    let page = "---\n标题: 关于\n---\n正文\n";
    let site = TempSite::new(&[("content/pages/关于.md", page)]);
    let (ok, out) = site.check();
    assert!(ok, "a Chinese file name gets a pinyin address: {out}");
    let parsed = gongkai::build::check(site.root());
    assert_eq!(parsed.site.unwrap().pages[0].slug, "guanyu");
    let page = "---\n标题: 关于\nslug: about\n---\n正文\n";
    let (ok, out) = TempSite::new(&[
        ("content/pages/关于.md", page),
        ("content/pages/about.md", page),
    ])
    .check();
    assert!(!ok);
    assert!(
        out.contains("address /pages/about/ is already used"),
        "{out}"
    );
}

#[test]
fn chinese_file_names_get_stable_unique_pinyin_addresses() {
    let notice = |title: &str, extra: &str| {
        format!("---\n标题: {title}\n发文机关: 局\n成文日期: 2026-09-01\n{extra}---\n正文\n")
    };
    let a = notice("改革方案", "");
    let b = notice("改革方案二", "");
    let c = notice("写明网址", "网址名: gaige-fangan\n");
    let site = TempSite::new(&[
        ("content/notices/改革方案.md", a.as_str()),
        ("content/notices/改革-方案.md", b.as_str()),
        ("content/notices/c.md", c.as_str()),
    ]);
    let (ok, out) = site.check();
    assert!(ok, "{out}");
    let parsed = gongkai::build::check(site.root());
    let mut slugs: Vec<(String, String)> = parsed
        .site
        .unwrap()
        .notices
        .into_iter()
        .map(|n| (n.source, n.slug))
        .collect();
    slugs.sort();
    assert_eq!(
        slugs,
        [
            (
                "content/notices/c.md".to_string(),
                "gaige-fangan".to_string()
            ),
            (
                "content/notices/改革-方案.md".to_string(),
                "gaige-fangan-2".to_string()
            ),
            (
                "content/notices/改革方案.md".to_string(),
                "gaigefangan".to_string()
            ),
        ]
    );
}

#[test]
fn hidden_and_underscore_files_are_ignored() {
    let (ok, out) = TempSite::new(&[
        ("content/services/a.md", SERVICE),
        ("content/services/_draft-copy.md", "garbage: ["),
        ("content/services/.a.md.swp", "garbage"),
        ("content/_old/x.md", "garbage"),
    ])
    .check();
    assert!(ok, "{out}");
    assert_eq!(out, "");
}

#[test]
fn stray_files_are_warned_about_not_fatal() {
    let (ok, out) = TempSite::new(&[
        ("content/services/a.md", SERVICE),
        ("content/services/notes.txt", "x"),
    ])
    .check();
    assert!(ok, "{out}");
    assert!(
        out.contains("content/services/notes.txt: warning: file ignored"),
        "{out}"
    );
}

#[test]
fn bom_crlf_and_utf16() {
    let crlf = format!("\u{feff}{}", SERVICE.replace('\n', "\r\n"));
    let (ok, out) = check_service(&crlf);
    assert!(ok, "{out}");
    let site = TempSite::new(&[]);
    site.write("content/services/a.md", b"\xFF\xFE-\x00-\x00-\x00");
    let (ok, out) = site.check();
    assert!(!ok);
    assert!(out.contains("UTF-16"), "{out}");
}

#[test]
fn all_errors_of_all_files_sorted_by_file_then_line() {
    let (ok, out) = TempSite::new(&[
        (
            "content/services/b.md",
            &svc(&[
                ("份数: 1", "份数: x"),
                ("事项类型: 行政许可", "事项类型: 许可"),
            ]),
        ),
        (
            "content/services/a.md",
            &svc(&[
                ("事项编码: T-0001", "事项编码: T-0002"),
                ("法定时限: 20个工作日", "法定时限: 2个工作日"),
            ]),
        ),
    ])
    .check();
    assert!(!ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("content/services/a.md:15:"), "{out}");
    assert!(lines[1].starts_with("content/services/b.md:4:"), "{out}");
    assert!(lines[2].starts_with("content/services/b.md:10:"), "{out}");
}

#[test]
fn broken_site_yaml_is_reported_alone() {
    let site = TempSite::new(&[(
        "content/services/a.md",
        &svc(&[("事项类型: 行政许可", "事项类型: 许可")]),
    )]);
    site.write(
        "site.yaml",
        "网站名称: 站\n网站地址: not-a-url\n".as_bytes(),
    );
    let (ok, out) = site.check();
    assert!(!ok);
    assert!(
        out.contains("site.yaml") && out.contains("主办单位"),
        "{out}"
    );
    assert!(out.contains("not a web address"), "{out}");
    // the items are not judged against a configuration that could not be read
    assert!(!out.contains("content/services/a.md"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn custom_levels_and_attributes_from_site_yaml() {
    let site = TempSite::new(&[(
        "content/services/a.md",
        &svc(&[("办理层级: [区级]", "办理层级: [市级]\n办事属性: [不见面办]")]),
    )]);
    site.write(
        "site.yaml",
        format!(
            "{}办理层级: [市级, 区级]\n办事属性: [不见面办]\n",
            crate::common::SITE_YAML
        )
        .as_bytes(),
    );
    let (ok, out) = site.check();
    assert!(ok, "{out}");
}

#[test]
fn doc_number_brackets_and_attachment_titles_are_warned_about() {
    let notice = concat!(
        "---\n标题: 通知\n类别: 通知\n发文机关: 局\n文号: 清行服【2026】3号\n成文日期: 2026-09-01\n",
        "附件:\n  - static/forms/shenqingbiao.docx\n  - static/forms/申请表.docx\n",
        "  - {路径: static/forms/shenqingbiao.docx, 标题: 申请表}\n---\n正文\n"
    );
    let site = TempSite::new(&[("content/notices/n.md", notice)]);
    site.write("content/static/forms/shenqingbiao.docx", b"x");
    site.write("content/static/forms/申请表.docx", b"x");
    let (ok, out) = site.check();
    assert!(ok, "{out}");
    assert!(
        out.contains("文号 `清行服【2026】3号` is printed as `清行服〔2026〕3号`"),
        "{out}"
    );
    // Only the pinyin file name without a title is warned about.
    assert_eq!(out.matches("has no title").count(), 1, "{out}");
    assert!(
        out.contains("附件 `forms/shenqingbiao.docx` has no title"),
        "{out}"
    );
}
