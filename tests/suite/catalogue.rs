//! The catalogue of a generated site: pages of at most 50 items, a numbered pager, facet
//! listings with counts, empty facets left out, items citizens apply for first.

use crate::common::{SERVICE, TempSite};
use std::path::Path;

/// 120 items in use (every tenth a 行政处罚, 40 for 自然人, 30 on 住房, none with 办事属性)
/// and one suspended item.
fn site() -> TempSite {
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 1..=121 {
        let mut text = SERVICE
            .replace("T-0001", &format!("T-{i:04}"))
            .replace("测试事项", &format!("测试事项{i:03}"));
        if i % 10 == 0 {
            text = text.replace("事项类型: 行政许可", "事项类型: 行政处罚");
        }
        text = text.replace("实施主体: 测试局", &format!("实施主体: 测试{}局", i % 3));
        let mut extra = String::new();
        if i <= 40 {
            extra.push_str("服务对象: [自然人]\n");
        }
        if i > 90 && i <= 120 {
            extra.push_str("主题分类: [住房]\n");
        }
        if i == 121 {
            extra.push_str("事项状态: 暂停\n");
        }
        text = text.replacen("事项编码", &format!("{extra}事项编码"), 1);
        files.push((format!("content/services/T-{i:04}.md"), text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    TempSite::new(&refs)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The item links of the catalogue list on a page.
fn rows(html: &str) -> Vec<String> {
    let list = html
        .split("<ol class=\"catalogue\"")
        .nth(1)
        .and_then(|s| s.split("</ol>").next())
        .expect("a catalogue list");
    list.split("<li><a href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn catalogue_is_paginated_with_a_pager_and_facets() {
    let site = site();
    let out = site.built();

    // 120 items in use: pages of 50, 50 and 20; no page 4.
    let p1 = read(&out, "services/index.html");
    let p2 = read(&out, "services/page/2/index.html");
    let p3 = read(&out, "services/page/3/index.html");
    assert!(!out.join("services/page/4").exists());
    assert!(
        !out.join("services/page/1").exists(),
        "page 1 is /services/"
    );
    assert_eq!(rows(&p1).len(), 50);
    assert_eq!(rows(&p2).len(), 50);
    assert_eq!(rows(&p3).len(), 20);
    assert!(
        p1.contains("共公开 120 个服务事项"),
        "the suspended item is not counted"
    );
    assert!(
        !rows(&p1).contains(&"/services/T-0121/".to_string()),
        "the suspended item is not in the list"
    );
    assert!(p1.contains("已暂停或取消的事项"));
    assert!(
        !p2.contains("已暂停或取消的事项"),
        "retired items on the first page only"
    );

    // Items citizens apply for first: the 12 行政处罚 fill the end of the last page.
    let all: Vec<String> = [&p1, &p2, &p3].iter().flat_map(|p| rows(p)).collect();
    assert_eq!(all.len(), 120);
    let penalties: Vec<usize> = (1..=120).filter(|i| i % 10 == 0).collect();
    for (k, i) in penalties.iter().enumerate() {
        assert_eq!(all[108 + k], format!("/services/T-{i:04}/"));
    }
    assert_eq!(all[0], "/services/T-0001/");

    // The pager: a labelled nav, rel prev/next, the current page marked.
    assert!(p2.contains("<nav class=\"pager\" aria-label=\"服务事项目录分页\">"));
    assert!(p2.contains("<a href=\"/services/\" rel=\"prev\">上一页</a>"));
    assert!(p2.contains("<a href=\"/services/page/3/\" rel=\"next\">下一页</a>"));
    assert!(p2.contains("<a href=\"/services/page/2/\" aria-current=\"page\">"));
    assert!(!p1.contains("rel=\"prev\""));
    assert!(!p3.contains("rel=\"next\""));
    assert!(p2.contains("<ol class=\"catalogue\" id=\"catalogue\" start=\"51\">"));
    assert!(p2.contains("第 2 页，共 3 页"));
    assert!(
        p2.contains("<title>服务事项目录（第 2 页）"),
        "pages have their own titles"
    );

    // Facet listings with counts, paginated the same way.
    assert!(p1.contains("<h2 class=\"facet-title\">服务对象</h2>"));
    assert!(p1.contains(
        "<a href=\"/services/audience/ziranren/\">自然人</a> <span class=\"count\">40</span>"
    ));
    assert!(
        p1.contains(
            "<a href=\"/services/topic/zhufang/\">住房</a> <span class=\"count\">30</span>"
        )
    );
    assert!(p1.contains(
        "<a href=\"/services/type/xingzhengchufa/\">行政处罚</a> <span class=\"count\">12</span>"
    ));
    let person = read(&out, "services/audience/ziranren/index.html");
    assert!(person.contains("本类共 40 个事项（全部 120 个）"));
    assert_eq!(rows(&person).len(), 40, "one page of 40");
    assert!(!out.join("services/audience/ziranren/page/2").exists());
    let dept = read(&out, "services/department/ceshi0ju/index.html");
    assert_eq!(rows(&dept).len(), 40);
    let licence1 = read(&out, "services/type/xingzhengxuke/index.html");
    let licence2 = read(&out, "services/type/xingzhengxuke/page/2/index.html");
    let licence3 = read(&out, "services/type/xingzhengxuke/page/3/index.html");
    assert_eq!(rows(&licence1).len() + rows(&licence2).len(), 100);
    assert_eq!(rows(&licence3).len(), 8, "108 licences in three pages");
    assert!(licence2.contains("<a href=\"/services/type/xingzhengxuke/\" rel=\"prev\">"));

    // Empty facets and values are not shown: nobody states 办事属性, 法人 or 区级 only.
    assert!(!p1.contains("办事属性"), "an empty facet heading is shown");
    assert!(!p1.contains(">法人</a>"));
    assert!(!out.join("services/attribute").exists());
    assert!(!out.join("services/audience/faren").exists());

    // Every page is in the sitemap.
    let sitemap = read(&out, "sitemap.xml");
    for path in [
        "services/page/2/",
        "services/page/3/",
        "services/type/xingzhengxuke/page/2/",
        "services/audience/ziranren/",
    ] {
        assert!(
            sitemap.contains(&format!("/{path}</loc>")),
            "{path} not in the sitemap"
        );
    }
}

#[test]
fn a_catalogue_page_stays_small() {
    // 50 rows and the facet lists: far below the 150 KB a page may weigh at 10,000 items.
    let site = site();
    let out = site.built();
    for rel in ["services/index.html", "services/page/2/index.html"] {
        let len = std::fs::metadata(out.join(rel)).unwrap().len();
        assert!(len < 150_000, "{rel}: {len} bytes");
    }
}

#[test]
fn the_home_page_links_the_audience_and_topic_listings() {
    let site = site();
    let out = site.built();
    let home = read(&out, "index.html");
    assert!(home.contains("按对象和主题找事项"));
    assert!(home.contains(
        "<a href=\"/services/audience/ziranren/\">自然人</a> <span class=\"count\">40</span>"
    ));
    // The search page offers the topics too, for when nothing is found or without script.
    let search = read(&out, "search/index.html");
    assert!(search.contains("按主题查找"), "{search}");
    assert!(search.contains("<li><a href=\"/services/topic/zhufang/\">住房</a>（30 项）</li>"));
    assert!(
        home.contains(
            "<a href=\"/services/topic/zhufang/\">住房</a> <span class=\"count\">30</span>"
        )
    );

    // A site whose items state neither shows no such section.
    let plain = TempSite::new(&[("content/services/T-0001.md", SERVICE)]);
    let out = plain.built();
    assert!(!read(&out, "index.html").contains("按对象和主题找事项"));
    assert!(!read(&out, "search/index.html").contains("按主题查找"));
}

/// Every catalogue page of a site of 10,000 items (the catalogue's pages, and each facet's
/// listing pages) weighs at most 150 KB: 60 departments, all 25 default 主题分类, both
/// 服务对象, four 事项类型.
#[test]
fn every_catalogue_page_of_10000_items_stays_under_150_kb() {
    let topics = gongkai::model::SiteConfig::default_topics();
    const TYPES: [&str; 4] = ["行政许可", "行政给付", "公共服务", "行政确认"];
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 1..=10_000 {
        let extra = format!(
            "服务对象: [{}]\n主题分类: [{}, {}]\n",
            if i % 2 == 0 { "自然人" } else { "法人" },
            topics[i % 25],
            topics[(i / 25) % 25]
        );
        let text = SERVICE
            .replace("T-0001", &format!("T-{i:05}"))
            .replace(
                "测试事项",
                &format!("城乡居民测试服务事项第{i:05}号申请办理"),
            )
            .replace("事项类型: 行政许可", &format!("事项类型: {}", TYPES[i % 4]))
            .replace(
                "实施主体: 测试局",
                &format!("实施主体: 清河区第{}测试管理局", i % 60),
            )
            .replacen("事项编码", &format!("{extra}事项编码"), 1);
        files.push((format!("content/services/T-{i:05}.md"), text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = TempSite::new(&refs);
    let out = site.built();
    let mut pages = 0;
    let mut largest = (0, String::new());
    for entry in walkdir::WalkDir::new(out.join("services")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .to_string();
        // Item pages are services/<code>/index.html (and print/); the rest are listings.
        let parts: Vec<&str> = rel.split('/').collect();
        let listing = entry.file_name() == "index.html"
            && (parts.len() == 2
                || [
                    "page",
                    "department",
                    "type",
                    "level",
                    "attribute",
                    "audience",
                    "topic",
                ]
                .contains(&parts[1]));
        if !listing {
            continue;
        }
        pages += 1;
        let len = entry.metadata().unwrap().len();
        if len > largest.0 {
            largest = (len, rel.clone());
        }
        assert!(len <= 150 * 1024, "{rel}: {len} bytes");
    }
    assert!(pages > 200, "{pages} catalogue pages");
    println!(
        "{pages} catalogue pages, largest {} ({} bytes)",
        largest.1, largest.0
    );
}
