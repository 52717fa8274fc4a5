//! The weekly progress bulletins of the example site agree with its plan pages.

use gongkai::build::{build, check};
use std::path::Path;

/// `(label, figure)` pairs of a plan page's 推进情况 list.
fn plan_figures(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in html.split("<span class=\"figure\">").skip(1) {
        let (figure, rest) = part.split_once("</span>").unwrap();
        let label = rest
            .split_once("<span class=\"figure-label\">")
            .and_then(|(_, l)| l.split_once("</span>"))
            .map(|(l, _)| l)
            .unwrap_or_default();
        out.push((label.to_string(), figure.to_string()));
    }
    out
}

#[test]
fn the_current_weeks_bulletin_has_the_plan_pages_figures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let parsed = check(root);
    assert!(!parsed.diags.iter().any(|d| d.is_error()));
    build(&parsed, tmp.path(), false).expect("build");
    let plan = "plans/bianmin-zhongxin-biaozhunhua/";
    let page = std::fs::read_to_string(tmp.path().join(plan).join("index.html")).unwrap();
    // as_of 2026-09-30 is in W40; A3 … deadlines bring that week in, judged at as_of.
    let latest = format!("{plan}reports/2026-W40/");
    assert!(
        page.contains(&format!("href=\"/{latest}\">最新进度通报")),
        "the plan page links the latest bulletin"
    );
    let bulletin = std::fs::read_to_string(tmp.path().join(&latest).join("index.html")).unwrap();
    let f: std::collections::BTreeMap<String, String> = plan_figures(&page).into_iter().collect();
    let sentence = format!(
        "方案共 {} 项任务：已完成 {} 项，推进中 {} 项，未开始 {} 项；逾期 {} 项；平均进度 {}；列入督办 1 项，超过督办限期 1 项。",
        f["任务总数"], f["已完成"], f["推进中"], f["未开始"], f["逾期"], f["平均进度"]
    );
    assert!(bulletin.contains(&sentence), "{sentence}\n{bulletin}");
    assert_eq!(f["督办（超限期 1）"], "1");
    // Exact figures of the example at as_of 2026-09-30.
    assert!(
        sentence
            .contains("7 项任务：已完成 2 项，推进中 4 项，未开始 1 项；逾期 1 项；平均进度 59.3%")
    );
    assert!(
        bulletin.contains("关于清河区基层便民服务中心标准化建设实施方案推进情况的通报（第7期）")
    );
    assert!(bulletin.contains("<td data-label=\"逾期天数\">30 天</td>"));
    assert!(bulletin.contains("已超过督办限期 5 天"));
    // The unit page links the unit's row of the latest bulletin.
    assert!(bulletin.contains("<tr id=\"unit-quminzhengju\" class=\"is-overdue\">"));
    let unit = std::fs::read_to_string(tmp.path().join("units/quminzhengju/index.html")).unwrap();
    assert!(unit.contains(&format!("href=\"/{latest}#unit-quminzhengju\"")));
    // The bulletin's DOCX sits beside its page, and the live preview renders it alone.
    let docx = "plans/bianmin-zhongxin-biaozhunhua/reports/2026-W40/bianmin-zhongxin-biaozhunhua-2026-W40.docx";
    let built = std::fs::read(tmp.path().join(docx)).unwrap();
    let site = parsed.site.as_ref().unwrap();
    assert_eq!(gongkai::render::docx::render_one(site, docx), Some(built));
    assert_eq!(
        gongkai::render::docx::render_one(
            site,
            "plans/bianmin-zhongxin-biaozhunhua/reports/2026-W37/bianmin-zhongxin-biaozhunhua-2026-W37.docx"
        ),
        None,
        "W37 has no bulletin"
    );
    assert!(
        bulletin.contains("/plans/bianmin-zhongxin-biaozhunhua/reports/2026-W40/bianmin-zhongxin-biaozhunhua-2026-W40.docx")
    );
}

#[test]
fn site_yaml_sets_the_bulletin_title_and_a_wrong_pattern_is_named() {
    let plan = crate::common::PLAN.replace(
        "    进度: 40\n",
        "    进度: 40\n    进展:\n      - 日期: 2026-09-29\n        内容: 完成选址\n",
    );
    let site = crate::common::TempSite::new(&[("content/plans/p.md", &plan)]);
    let yaml = format!(
        "{}通报标题: \"{{方案}}第{{期数}}期进展情况\"\n",
        crate::common::SITE_YAML
    );
    site.write("site.yaml", yaml.as_bytes());
    let out = site.built();
    let page = std::fs::read_to_string(out.join("plans/p/reports/2026-W40/index.html")).unwrap();
    assert!(
        page.contains("<title>方案第2期进展情况 - 测试站</title>"),
        "{page}"
    );

    for (pattern, message) in [
        (
            "关于{方案}的通报",
            "通报标题要含 {期数}，否则每期通报的标题都一样",
        ),
        (
            "{方案}{期号}",
            "通报标题里的“{期号}”不能用：只能写 {方案} 和 {期数}（半角花括号）",
        ),
    ] {
        let yaml = format!("{}通报标题: \"{pattern}\"\n", crate::common::SITE_YAML);
        site.write("site.yaml", yaml.as_bytes());
        let diags = site.diags_in(gongkai::diag::Lang::Zh);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{diags:#?}");
        assert_eq!(errors[0].message, message);
        assert_eq!(errors[0].file, "site.yaml");
        assert_eq!(errors[0].pos.unwrap().line, 5);
    }
}
