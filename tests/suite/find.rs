//! Builds tests/fixtures/site-basic and checks what makes the site findable and countable:
//! the search index and its forms, the figures page, and the JSON-LD of item pages.

use gongkai::build::{build, check};
use gongkai::render::OutputFile;
use gongkai::render::search::query;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic")
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let parsed = check(&fixture());
    assert!(!parsed.diags.iter().any(|d| d.is_error()));
    build(&parsed, &out, false).expect("build");
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn html_pages(out: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy();
            (rel.into_owned(), std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_published_index_finds_items_by_name_and_pinyin() {
    let (_tmp, out) = built();
    assert!(out.join("search/index.json").is_file());
    assert!(out.join("search/p/0.json").is_file());
    assert!(out.join("search/r/0.json").is_file());
    assert!(out.join("assets/search.js").is_file());
    let files: Vec<OutputFile> = walkdir::WalkDir::new(out.join("search"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap().to_string_lossy();
            OutputFile::new(rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        })
        .collect();
    for q in ["工商", "gtgsh"] {
        let r = query(files.as_slice(), q, 20);
        assert_eq!(r.hits[0].title, "个体工商户设立登记", "{q}");
        assert_eq!(r.hits[0].url, "services/330199-XK-0001/", "{q}");
    }
}

#[test]
fn every_page_has_the_search_form_and_the_search_page_has_results() {
    let (_tmp, out) = built();
    let pages = html_pages(&out);
    assert!(pages.len() > 30);
    for (path, html) in &pages {
        assert!(
            html.contains("<html lang=\"zh-CN\" data-base=\"/\">"),
            "{path}"
        );
        assert!(
            html.contains("role=\"search\" aria-label=\"站内搜索\" data-search"),
            "{path}: no search form"
        );
        // Without JavaScript the header search goes to the search page, which says what
        // it does, not to the catalogue (which would silently list every item).
        assert!(html.contains("action=\"/search/\""), "{path}");
        assert!(html.contains("<label for=\"site-q\">"), "{path}");
        assert!(html.contains("src=\"/assets/search.js\""), "{path}");
    }
    let search = read(&out, "search/index.html");
    assert!(search.contains("<meta name=\"ColumnName\" content=\"站内搜索\">"));
    assert!(search.contains("data-search action=\"/search/\" method=\"get\""));
    assert!(search.contains("<label for=\"q\">"));
    assert!(search.contains("<input id=\"q\" name=\"q\" type=\"search\""));
    assert!(search.contains("<p data-search-status></p>"));
    assert!(search.contains("<div data-search-results></div>"));
    let home = read(&out, "index.html");
    assert!(home.contains("aria-label=\"查找办事事项\" data-search"));
    assert!(home.contains("href=\"/figures/\""));
    let sitemap = read(&out, "sitemap.xml");
    for loc in ["search/", "figures/"] {
        assert!(sitemap.contains(&format!(
            "<loc>https://gk.qinghe.example.gov.cn/{loc}</loc>"
        )));
    }
}

/// The section of the figures page with id `id`.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<section class=\"chart-block\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = page[start..].find("</section>").unwrap() + start;
    &page[start..end]
}

fn rows(html: &str) -> Vec<String> {
    html.split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|r| {
            r.split("</tr>")
                .next()
                .unwrap()
                .replace("</th><td>", " ")
                .replace("</td><td>", " ")
                .replace("</td>", "")
        })
        .collect()
}

#[test]
fn figures_page_has_a_chart_and_a_table_per_figure() {
    let (_tmp, out) = built();
    let page = read(&out, "figures/index.html");
    assert!(page.contains("<meta name=\"ColumnName\" content=\"数据统计\">"));
    let expected: [(&str, &[&str]); 7] = [
        (
            "department",
            &[
                "清河区人力资源和社会保障局 1",
                "清河区公安分局 1",
                "清河区市场监督管理局 1",
                "清河区民政局 1",
                "清河区自然资源和规划局 1",
            ],
        ),
        (
            "type",
            &["行政许可 2", "行政给付 1", "行政确认 1", "公共服务 1"],
        ),
        ("level", &["区级 5", "乡镇(街道)级 4", "村(社区)级 2"]),
        (
            "attributes",
            &[
                "马上办 2 已填报办事属性的 5 项 40.0%",
                "网上办 3 已填报办事属性的 5 项 60.0%",
                "就近办 4 已填报办事属性的 5 项 80.0%",
                "一次办 5 已填报办事属性的 5 项 100.0%",
                "掌上办 1 已填报办事属性的 5 项 20.0%",
                "零跑腿 2 已填报到现场次数的 5 项 40.0%",
                "不收费 3 已填报收费的 5 项 60.0%",
            ],
        ),
        (
            "speedup",
            &["0–20% 0", "20–40% 1", "40–60% 1", "60–80% 1", "80–100% 1"],
        ),
        ("status", &["未开始 1", "推进中 4", "已完成 2", "已暂停 0"]),
        ("overdue", &["区司法局 1", "区民政局 1"]),
    ];
    for (id, want) in expected {
        let s = section(&page, id);
        assert!(s.contains("<svg"), "{id}");
        assert!(s.contains("role=\"img\""), "{id}");
        assert!(
            s.contains(&format!("<title id=\"chart-{id}-title\">")),
            "{id}"
        );
        assert!(
            s.contains(&format!("<desc id=\"chart-{id}-desc\">")),
            "{id}"
        );
        assert_eq!(s.matches("<table").count(), 1, "{id}");
        assert!(s.contains("<caption>"), "{id}");
        assert_eq!(rows(s), want, "{id}");
    }
    assert!(section(&page, "speedup").contains("平均提速 59.6%"));
    assert!(section(&page, "status").contains("逾期 2 项"));
}

/// Every key and `@type` in `v`, recursively.
fn terms(v: &Value, keys: &mut BTreeSet<String>, types: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                keys.insert(k.clone());
                if k == "@type" {
                    types.insert(x.as_str().unwrap_or_default().to_string());
                }
                terms(x, keys, types);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| terms(x, keys, types)),
        _ => {}
    }
}

#[test]
fn item_pages_carry_schema_org_json_ld() {
    let (_tmp, out) = built();
    // Properties and types of schema.org (https://schema.org/GovernmentService and the
    // types it links to).
    let known_keys: BTreeSet<&str> = [
        "@context",
        "@type",
        "name",
        "identifier",
        "url",
        "serviceType",
        "provider",
        "areaServed",
        "description",
        "termsOfService",
        "availableChannel",
        "serviceUrl",
        "servicePhone",
        "serviceLocation",
        "processingTime",
        "address",
        "openingHours",
        "telephone",
        "contactType",
        "offers",
        "price",
        "priceCurrency",
        "priceSpecification",
        "additionalProperty",
        "propertyID",
        "value",
        "serviceOutput",
    ]
    .into();
    let known_types: BTreeSet<&str> = [
        "GovernmentService",
        "GovernmentOrganization",
        "AdministrativeArea",
        "Place",
        "ServiceChannel",
        "CivicStructure",
        "ContactPoint",
        "Offer",
        "UnitPriceSpecification",
        "PropertyValue",
        "Thing",
    ]
    .into();
    let codes = [
        "330199-GF-0003",
        "330199-GG-0004",
        "330199-QR-0002",
        "330199-XK-0001",
        "330199-XK-0005",
    ];
    for code in codes {
        let page = read(&out, &format!("services/{code}/index.html"));
        let open = "<script type=\"application/ld+json\">";
        let start = page
            .find(open)
            .unwrap_or_else(|| panic!("{code}: no JSON-LD"))
            + open.len();
        assert!(start < page.find("</head>").unwrap(), "{code}: not in head");
        let end = page[start..].find("</script>").unwrap() + start;
        let v: Value = serde_json::from_str(&page[start..end]).expect("valid JSON");
        assert_eq!(v["@context"], "https://schema.org");
        assert_eq!(v["@type"], "GovernmentService");
        assert_eq!(v["identifier"], code);
        assert_eq!(
            v["url"],
            format!("https://gk.qinghe.example.gov.cn/services/{code}/")
        );
        let (mut keys, mut types) = (BTreeSet::new(), BTreeSet::new());
        terms(&v, &mut keys, &mut types);
        for k in &keys {
            assert!(known_keys.contains(k.as_str()), "{code}: {k}");
        }
        for t in &types {
            assert!(known_types.contains(t.as_str()), "{code}: {t}");
        }
    }
}
