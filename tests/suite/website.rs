//! Builds the fixture site under tests/fixtures and checks the published website.

use gongkai::build::{build, check};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic")
}

/// Copies the fixture into a temporary folder so a test may change it.
fn copy_site(tmp: &Path) -> PathBuf {
    let dst = tmp.join("site");
    for entry in walkdir::WalkDir::new(fixture()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(fixture()).unwrap();
        let to = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dst
}

fn build_site(root: &Path, out: &Path, drafts: bool) {
    let parsed = check(root);
    let errors: Vec<String> = parsed
        .diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    build(&parsed, out, drafts).expect("build");
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn tree(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn service_page_shows_the_six_disclosures_first_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_site(&fixture(), &out, false);
    let page = read(&out, "services/330199-XK-0001/index.html");
    let headings = [
        "服务事项</h2>",
        "办事流程</h2>",
        "申报材料</h2>",
        "承诺时限</h2>",
        "收费依据</h2>",
        "收费标准</h2>",
        "办理信息</h2>",
        "常见问题</h2>",
    ];
    let positions: Vec<usize> = headings
        .iter()
        .map(|h| page.find(h).unwrap_or_else(|| panic!("no {h}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    for text in [
        "容缺",
        "免提交",
        "15个工作日",
        "即办",
        "营业执照",
        "不收费",
        "空白表格",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
    assert!(page.contains("services/330199-XK-0001/330199-XK-0001.docx"));
    for meta in [
        "SiteName",
        "SiteDomain",
        "SiteIDCode",
        "ColumnName",
        "ArticleTitle",
        "PubDate",
        "ContentSource",
    ] {
        assert!(page.contains(&format!("name=\"{meta}\"")), "no {meta}");
    }
}

#[test]
fn raw_html_is_sanitized_and_text_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_site(tmp.path());
    let svc = site.join("content/services/330199-XK-0005.md");
    let text = std::fs::read_to_string(&svc).unwrap();
    let name_line = text
        .lines()
        .find(|l| l.starts_with("name:"))
        .unwrap()
        .to_string();
    std::fs::write(
        &svc,
        text.replace(&name_line, "name: \"许可<b>证</b> & \\\"核发\\\"\""),
    )
    .unwrap();
    let out = tmp.path().join("out");
    build_site(&site, &out, false);
    let guide = read(&out, "pages/guide/index.html");
    assert!(guide.contains("<strong>一次告知</strong>"));
    for bad in ["<script>alert", "onerror", "javascript:alert"] {
        assert!(!guide.contains(bad), "{bad} in guide");
    }
    let page = read(&out, "services/330199-XK-0005/index.html");
    assert!(page.contains("许可&lt;b&gt;证&lt;/b&gt; &amp; &quot;核发&quot;"));
    assert!(!page.contains("许可<b>"));
    let catalogue = read(&out, "services/index.html");
    assert!(!catalogue.contains("许可<b>"));
}

#[test]
fn links_honour_the_base_url_path() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_site(tmp.path());
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    std::fs::write(
        site.join("site.yaml"),
        yaml.replace(
            "https://gk.qinghe.example.gov.cn/",
            "https://www.qinghe.example.gov.cn/gk/",
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    build_site(&site, &out, false);
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/", "action=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                assert!(
                    rest.starts_with("gk/"),
                    "{path}: {}",
                    &html[i..i + 40.min(html.len() - i)]
                );
            }
        }
    }
    let home = read(&out, "index.html");
    assert!(home.contains("href=\"/gk/assets/gongkai.css\""));
    // search.js fetches BASE + search/...: the base path is on <html> and in a meta tag.
    assert!(home.contains("data-base=\"/gk/\""));
    assert!(home.contains("<meta name=\"gongkai-base\" content=\"/gk/\">"));
    assert!(home.contains("src=\"/gk/assets/search.js\""));
    assert!(out.join("search/index.json").is_file());
    let sitemap = read(&out, "sitemap.xml");
    assert!(
        sitemap
            .contains("<loc>https://www.qinghe.example.gov.cn/gk/services/330199-XK-0001/</loc>")
    );
}

#[test]
fn builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_site(&fixture(), &a, false);
    build_site(&fixture(), &b, false);
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 40);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb[k] == *v, "{k} differs");
    }
}

#[test]
fn drafts_are_hidden_unless_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_site(&fixture(), &out, false);
    assert!(!out.join("services/330199-QT-0006").exists());
    for rel in [
        "services/index.html",
        "data/services.json",
        "data/services.csv",
        "sitemap.xml",
        "index.html",
    ] {
        assert!(
            !read(&out, rel).contains("330199-QT-0006"),
            "draft in {rel}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/services.json")).unwrap();
    assert_eq!(json["services"].as_array().unwrap().len(), 5);
    let with = tmp.path().join("with");
    build_site(&fixture(), &with, true);
    assert!(read(&with, "services/330199-QT-0006/index.html").contains("草稿"));
}

#[test]
fn plans_mark_overdue_tasks_and_units_have_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_site(&fixture(), &out, false);
    let units: Vec<_> = std::fs::read_dir(out.join("units"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .collect();
    assert!(units.len() >= 6);
    let plans = ["xiangxian-yiti", "bianmin-zhongxin"]
        .map(|p| read(&out, &format!("plans/{p}/index.html")))
        .join("");
    assert!(
        plans.contains(">逾期 30 天</strong>"),
        "no overdue task marked"
    );
    assert!(plans.contains("<svg class=\"timeline\""));
    assert!(read(&out, "units/quweigaigeban/index.html").contains("区委改革办"));
    let notices = read(&out, "notices/index.html");
    assert!(notices.contains("公示中") || notices.contains("已结束"));
    let atom = read(&out, "notices/atom.xml");
    assert!(atom.starts_with("<?xml") && atom.contains("<entry>"));
    let csv = std::fs::read(out.join("data/services.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFcode,name,"));
}

#[test]
fn overdue_tasks_say_their_days_and_have_a_page_of_their_own() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_site(&fixture(), &out, false);
    // 统计日期 2026-09-30: B (2026-08-31) is 30 days overdue; A is done, C not yet due.
    let plan = read(&out, "plans/bianmin-zhongxin/index.html");
    assert!(
        plan.contains("<strong class=\"tag overdue\">逾期 30 天</strong>"),
        "{plan}"
    );
    assert!(plan.contains("href=\"/plans/bianmin-zhongxin/overdue/\">只看逾期任务（1 项）</a>"));
    let page = read(&out, "plans/bianmin-zhongxin/overdue/index.html");
    let rows: Vec<&str> = page
        .split("<td data-label=\"编号\">")
        .skip(1)
        .map(|r| &r[..r.find('<').unwrap()])
        .collect();
    assert_eq!(rows, ["B"], "only the overdue task");
    assert!(page.contains("逾期 30 天"));
    // The bulletin of 2026-W39 (dated Friday 2026-09-25) counts the days to its own date.
    let reports = std::fs::read_dir(out.join("plans/bianmin-zhongxin/reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .max()
        .unwrap();
    let latest = read(
        &out,
        &format!("plans/bianmin-zhongxin/reports/{reports}/index.html"),
    );
    assert_eq!(reports, "2026-W39");
    assert!(
        latest.contains("<td data-label=\"逾期天数\">25 天</td>"),
        "{latest}"
    );
}

#[test]
fn a_broken_site_template_is_reported_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_site(tmp.path());
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock %}\n",
    )
    .unwrap();
    let parsed = check(&site);
    assert!(parsed.site.is_none());
    let d = parsed
        .diags
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(d.file, "templates/page.html");
    assert_eq!(d.pos.map(|p| p.line), Some(3), "{d}");
}

#[test]
fn site_templates_override_the_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let site = copy_site(tmp.path());
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p>OWN {{ page.title }}</p>{% endblock %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("static/extra.css"), "p{}").unwrap();
    let out = tmp.path().join("out");
    build_site(&site, &out, false);
    assert!(read(&out, "pages/about/index.html").contains("<p>OWN 关于本站</p>"));
    assert!(out.join("assets/extra.css").is_file());
    assert!(out.join("assets/gongkai.css").is_file());
}

#[test]
fn search_without_javascript_says_what_it_does() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_site(&fixture(), &out, false);
    // The header and home search go to the search page, not to the whole catalogue.
    let home = read(&out, "index.html");
    assert!(
        !home.contains("action=\"/services/\""),
        "home search leads to the catalogue"
    );
    assert!(home.contains("action=\"/search/\""));
    let search = read(&out, "search/index.html");
    let noscript = search
        .split("<noscript>")
        .nth(1)
        .expect("noscript")
        .split("</noscript>")
        .next()
        .unwrap();
    assert!(noscript.contains("不会被查找"), "{noscript}");
    assert!(noscript.contains("href=\"/services/\""));
    assert!(noscript.contains("href=\"tel:"));
    // The footer's phone is a link a phone can call.
    assert!(
        home.contains("监督投诉电话：<a href=\"tel:"),
        "footer phone"
    );
    // The no-results advice is in the page, hidden until a search finds nothing.
    assert!(search.contains("data-search-empty hidden"));
}
