//! Catalogue adjustments (v2 §6): the comparison of two catalogue versions, element by
//! element; `gongkai changes` and its draft notice.

use crate::common::{copy_fixture, fixture_path};
use std::path::Path;
use std::process::Command;

/// The comparison of tests/fixtures/changes-old with changes-new, as the command prints it.
const REPORT: &str = "新增事项 1 项，取消事项 2 项，调整事项 3 项。

新增事项（1 项）：
  A-0005 户外广告设置许可

取消事项（2 项）：
  A-0002 小作坊登记（已从清单中删除）
  A-0003 独生子女光荣证发放（事项状态 取消，取消日期 2026-09-01）

调整事项（3 项）：
  A-0001 食品经营许可（仅销售预包装食品除外）
    事项名称 变更：食品经营许可 → 食品经营许可（仅销售预包装食品除外）
    申报材料[2]（户口簿） 删除：户口簿（复印件）
    申报材料[1].材料形式（申请书） 变更：纸质 → 电子
    申报材料[1].份数（申请书） 减少：2份 → 1份
    申报材料[1].是否必需（申请书） 变更：必需 → 容缺
    申报材料[3]（营业执照） 新增：营业执照（原件）
    办理时限.法定时限 缩短：20个工作日 → 15个工作日
    办理时限.承诺时限 延长：10个工作日 → 12个工作日
    收费[1]（许可证工本费） 新增：许可证工本费：5元/本
    到现场次数 减少：2次 → 0次
    网上办理地址 新增：https://zwfw.example.gov.cn/a-0001
    办理地点[1].地址（区行政服务中心） 变更：人民路1号 → 人民路88号
  A-0004 不动产登记
    收费[2]（证书工本费） 删除：证书工本费：10元/本
    收费[1].收费标准（登记费） 变更：80元/件 → 50元/件
  A-0006 临时占道许可
    事项状态 变更：在用 → 暂停
    生效日期 新增：2026-09-15
    办理形式[2] 新增：网上办理
";

fn gongkai(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn services(root: &Path) -> Vec<gongkai::model::Service> {
    let parsed = gongkai::build::check(root);
    parsed.site.expect("a valid site").services
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn each_kind_of_change_between_two_versions() {
    use gongkai::diff::{ChangeKind, catalogue};
    let old = services(&fixture_path("changes-old"));
    let new = services(&fixture_path("changes-new"));
    let diff = catalogue(&old, &new);
    let codes = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        codes(diff.added.iter().map(|i| i.code.as_str()).collect()),
        "A-0005"
    );
    assert_eq!(
        codes(diff.cancelled.iter().map(|i| i.code.as_str()).collect()),
        "A-0002 A-0003"
    );
    assert_eq!(diff.cancelled[0].marked, None);
    assert_eq!(
        diff.cancelled[1].marked,
        Some(gongkai::model::Date::from_ymd_opt(2026, 9, 1))
    );
    let kinds: Vec<(&str, ChangeKind)> = diff.changed[0]
        .changes
        .iter()
        .map(|c| (c.key_path.as_str(), c.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("事项名称", ChangeKind::Changed),
            ("申报材料[2]", ChangeKind::Removed),
            ("申报材料[1].材料形式", ChangeKind::Changed),
            ("申报材料[1].份数", ChangeKind::Decreased),
            ("申报材料[1].是否必需", ChangeKind::Changed),
            ("申报材料[3]", ChangeKind::Added),
            ("办理时限.法定时限", ChangeKind::Shortened),
            ("办理时限.承诺时限", ChangeKind::Lengthened),
            ("收费[1]", ChangeKind::Added),
            ("到现场次数", ChangeKind::Decreased),
            ("网上办理地址", ChangeKind::Added),
            ("办理地点[1].地址", ChangeKind::Changed),
        ]
    );
    assert_eq!(
        gongkai::diag::lang::with(gongkai::diag::Lang::Zh, || gongkai::diff::text::report(
            &diff
        )),
        REPORT
    );
    // Nothing differs between a catalogue and itself.
    assert!(catalogue(&new, &new).is_empty());
}

#[test]
fn the_command_prints_the_comparison_from_a_folder_or_the_open_data() {
    let new = fixture_path("changes-new");
    let old = fixture_path("changes-old");
    let (code, out, _) = gongkai(&["changes", "--from", path(&old), "--root", path(&new)]);
    assert_eq!(code, 0);
    assert_eq!(out, REPORT);

    // The earlier version as published: its data/services.json, or the built folder.
    let site = crate::common::TempSite {
        dir: copy_fixture("changes-old"),
    };
    let built = site.built();
    let json = built.join("data/services.json");
    let (code, out, _) = gongkai(&["changes", "--from", path(&json), "--root", path(&new)]);
    assert_eq!((code, out.as_str()), (0, REPORT));
    let (code, out, _) = gongkai(&["changes", "--from", path(&built), "--root", path(&new)]);
    assert_eq!((code, out.as_str()), (0, REPORT));

    let (code, out, _) = gongkai(&[
        "changes",
        "--from",
        path(&old),
        "--root",
        path(&new),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("1 item(s) added, 2 cancelled, 3 changed.\n"),
        "{out}"
    );
    assert!(
        out.contains("    办理时限.承诺时限 lengthened: 10个工作日 → 12个工作日\n"),
        "{out}"
    );

    let (code, out, _) = gongkai(&["changes", "--from", path(&new), "--root", path(&new)]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "两个版本的事项清单相同：没有新增、取消或调整的事项。\n"
    );
}

#[test]
fn a_missing_or_foreign_earlier_version_is_a_usage_error() {
    let new = fixture_path("changes-new");
    let (code, _, err) = gongkai(&["changes", "--from", "/nonexistent/x", "--root", path(&new)]);
    assert_eq!(code, 2);
    assert!(err.contains("错误：找不到 /nonexistent/x"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("services.json");
    std::fs::write(&bad, "{\"x\": 1}").unwrap();
    let (code, _, err) = gongkai(&["changes", "--from", path(&bad), "--root", path(&new)]);
    assert_eq!(code, 2);
    assert!(
        err.contains("不是 gongkai 生成的 data/services.json"),
        "{err}"
    );
}

#[test]
fn the_draft_notice_builds_like_any_notice_and_is_never_overwritten() {
    let site = crate::common::TempSite {
        dir: copy_fixture("changes-new"),
    };
    let old = fixture_path("changes-old");
    let args = [
        "changes",
        "--from",
        path(&old),
        "--root",
        path(site.root()),
        "--notice",
    ];
    let (code, out, err) = gongkai(&args);
    assert_eq!((code, out.as_str()), (0, REPORT), "{err}");
    let file = site
        .root()
        .join("content/notices/shixiang-qingdan-tiaozheng-2026-09-30.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("类别: 公示\n"), "{text}");
    assert!(
        text.contains("公示期:\n  开始: 2026-09-30\n  结束: 2026-10-09\n草稿: true\n---\n"),
        "{text}"
    );
    assert!(
        text.contains("| 4 | A-0001 | 食品经营许可（仅销售预包装食品除外） | 申报材料（申请书）·份数 | 减少 | 2份 | 1份 |\n"),
        "{text}"
    );
    assert!(
        text.contains("| 2 | A-0003 | 独生子女光荣证发放 | 事项状态 取消，取消日期 2026-09-01 |\n"),
        "{text}"
    );
    // It passes check and builds (as a draft, with --drafts) like any notice.
    let (ok, diags) = site.check_zh();
    assert!(ok && diags.is_empty(), "{diags}");
    let parsed = gongkai::build::check(site.root());
    let out = site.root().join("preview");
    gongkai::build::build(&parsed, &out, true).expect("build");
    let page = std::fs::read_to_string(
        out.join("notices/shixiang-qingdan-tiaozheng-2026-09-30/index.html"),
    )
    .unwrap();
    assert!(page.contains("<table>"), "{page}");
    assert!(page.contains("许可证工本费：5元/本"), "{page}");

    // A second run says so and leaves the file as the office edited it.
    let edited = text.replace("草稿: true\n", "");
    std::fs::write(&file, &edited).unwrap();
    let (code, _, err) = gongkai(&args);
    assert_eq!(code, 2);
    assert!(err.contains("已经存在，没有覆盖"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
}

/// An item of tests/common with 调整记录 and a 取消 item beside it.
fn site_with_records() -> crate::common::TempSite {
    let adjusted = crate::common::SERVICE.replace(
        "收费: 不收费\n",
        "收费: 不收费\n调整记录:\n  - 日期: 2026-03-31\n    文号: 清审改办〔2026〕5号\n    内容: 承诺时限由7个工作日压缩为5个工作日\n  - 日期: 2026-07-01\n    内容: 取消“户口簿复印件”\n",
    );
    let cancelled = crate::common::SERVICE
        .replace("T-0001", "T-0002")
        .replace("测试事项", "旧事项")
        .replace(
            "收费: 不收费\n",
            "收费: 不收费\n事项状态: 取消\n取消日期: 2026-07-01\n",
        );
    crate::common::TempSite::new(&[
        ("content/services/t1.md", &adjusted),
        ("content/services/t2.md", &cancelled),
    ])
}

fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    &html[start..end]
}

#[test]
fn the_changes_pages_list_each_day_newest_first_with_links() {
    let site = site_with_records();
    let out = site.built();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let index = read("changes/index.html");
    let main = main_of(&index);
    let july = main.find("2026年7月1日").unwrap();
    let march = main.find("2026年3月31日").unwrap();
    assert!(july < march, "newest first\n{main}");
    assert!(
        main.contains("<p class=\"list-meta\">取消 1 项、调整 1 项</p>"),
        "{main}"
    );
    assert!(main.contains(
        "<li><span class=\"tag\">取消</span> <a href=\"/services/T-0002/\">旧事项</a> <span class=\"row-meta\">T-0002</span></li>"
    ), "{main}");
    let day = read("changes/2026-03-31/index.html");
    let main = main_of(&day);
    assert!(
        main.contains("<h2 id=\"h-4\">调整的事项（1 项）</h2>"),
        "{main}"
    );
    assert!(main.contains("<a href=\"/services/T-0001/\">测试事项</a> <span class=\"row-meta\">T-0001 · 清审改办〔2026〕5号</span><p>承诺时限由7个工作日压缩为5个工作日</p>"), "{main}");
    assert!(!main.contains("取消的事项"), "no empty group\n{main}");
    // The item page: its 调整记录, newest first, each linking its day.
    let item = read("services/T-0001/index.html");
    let section = &item[item
        .find("<section id=\"tzjl\"")
        .expect("a 调整记录 section")..];
    let first = section.find("2026-07-01").unwrap();
    let second = section.find("2026-03-31").unwrap();
    assert!(first < second);
    assert!(section.contains("<a href=\"/changes/2026-03-31/\"><time datetime=\"2026-03-31\">2026年3月31日</time></a> · 清审改办〔2026〕5号"));
    // No records: no section on the page of an item without them.
    assert!(!read("services/T-0002/index.html").contains("调整记录</h2>"));
    // The sitemap lists the pages.
    let sitemap = read("sitemap.xml");
    for p in ["changes/", "changes/2026-03-31/", "changes/2026-07-01/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://t.example.gov.cn/{p}</loc>")),
            "{p}"
        );
    }
}

#[test]
fn the_atom_feed_has_one_entry_a_day_dated_from_the_content() {
    let site = site_with_records();
    let out = site.built();
    let feed = std::fs::read_to_string(out.join("changes/feed.xml")).unwrap();
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(feed.contains("  <updated>2026-07-01T00:00:00+08:00</updated>\n  <author><name>测试单位</name></author>\n"), "{feed}");
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(feed.contains("    <title>2026年7月1日事项清单调整</title>\n    <id>https://t.example.gov.cn/changes/2026-07-01/</id>\n    <link href=\"https://t.example.gov.cn/changes/2026-07-01/\"/>\n    <updated>2026-07-01T00:00:00+08:00</updated>\n    <summary>取消 1 项、调整 1 项</summary>\n"), "{feed}");
    // Well-formed XML, the same bytes on the next build.
    let mut reader = quick_xml::Reader::from_str(&feed);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
    let again = site.built();
    assert_eq!(
        std::fs::read_to_string(again.join("changes/feed.xml")).unwrap(),
        feed
    );
}

#[test]
fn without_records_the_changes_page_says_so_and_nothing_else_is_printed() {
    let site =
        crate::common::TempSite::new(&[("content/services/t.md", crate::common::BARE_SERVICE)]);
    let out = site.built();
    let index = std::fs::read_to_string(out.join("changes/index.html")).unwrap();
    assert!(main_of(&index).contains("本站还没有事项清单调整记录"));
    assert!(!index.contains("订阅（Atom）"));
    let feed = std::fs::read_to_string(out.join("changes/feed.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 0);
    assert!(feed.contains("<updated>2026-09-30T00:00:00+08:00</updated>"));
    let item = std::fs::read_to_string(out.join("services/T-0001/index.html")).unwrap();
    assert!(!item.contains("调整记录"));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !home.contains("事项清单调整记录"),
        "no link to an empty page from home"
    );
}

#[test]
fn the_live_preview_shows_the_changes_pages_and_rebuilds_them_on_save() {
    use gongkai::serve::rebuild::{Changed, Outcome, Rebuilder};
    let site = site_with_records();
    let mut r = Rebuilder::new(site.root());
    let Outcome::Built(out) = r.rebuild(&Changed::default()).outcome else {
        panic!("the site builds");
    };
    assert!(out.files.contains_key("changes/index.html"));
    assert!(out.files.contains_key("changes/2026-07-01/index.html"));
    assert!(out.summary("changes/feed.xml").is_some());
    let path = site.root().join("content/services/t1.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("2026-07-01\n    内容: 取消", "2026-08-15\n    内容: 取消");
    std::fs::write(&path, text).unwrap();
    let changed = Changed {
        paths: ["content/services/t1.md".to_string()].into_iter().collect(),
        rescan: false,
    };
    let Outcome::Built(out) = r.rebuild(&changed).outcome else {
        panic!("the site builds after the save");
    };
    let page = String::from_utf8_lossy(&out.files["changes/2026-08-15/index.html"]).into_owned();
    assert!(page.contains("取消“户口簿复印件”"), "{page}");
    let feed = out.summary("changes/feed.xml").unwrap();
    assert!(String::from_utf8_lossy(&feed).contains("2026-08-15"));
}
