//! The search index of a small site, queried with the Rust mirror of `search.js`, and (when
//! `node` is installed) with `search.js` itself, which must give the same results.

use gongkai::render::OutputFile;
use gongkai::render::search::{MatchField, Results, query, search_files, sound_suggestions};
use std::path::Path;
use std::process::Command;

fn index() -> Vec<OutputFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
    let parsed = gongkai::build::check(&root);
    let site = parsed.site.expect("fixture is valid").without_drafts();
    search_files(&site)
}

fn urls(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.url.as_str()).collect()
}

#[test]
fn inner_run_of_a_name() {
    let files = index();
    let r = query(files.as_slice(), "工商", 20);
    assert_eq!(urls(&r)[0], "services/330199-XK-0001/");
    let h = &r.hits[0];
    assert_eq!(h.title, "个体工商户设立登记");
    assert_eq!((h.field, h.start, h.len), (MatchField::Title, 2, 2));
    assert_eq!(h.kind, "行政许可");
    assert_eq!(h.department.as_deref(), Some("清河区市场监督管理局"));
}

#[test]
fn code_exact_prefix_and_substring() {
    let files = index();
    let r = query(files.as_slice(), "330199-xk-0001", 20);
    assert_eq!(urls(&r), ["services/330199-XK-0001/"]);
    assert_eq!(r.hits[0].field, MatchField::CodePrefix);
    let r = query(files.as_slice(), "XK-000", 20);
    assert_eq!(
        urls(&r),
        ["services/330199-XK-0001/", "services/330199-XK-0005/"]
    );
    assert_eq!(r.hits[0].field, MatchField::Code);
    let r = query(files.as_slice(), "330199", 20);
    assert_eq!(r.total, 5, "the draft item is left out");
    assert!(r.hits.iter().all(|h| h.field == MatchField::CodePrefix));
}

#[test]
fn department_material_and_pinyin() {
    let files = index();
    let r = query(files.as_slice(), "民政局", 20);
    let h = r
        .hits
        .iter()
        .find(|h| h.url == "services/330199-GF-0003/")
        .unwrap();
    assert_eq!(h.field, MatchField::Department);
    assert_eq!(h.matched, "清河区民政局");
    assert_eq!(
        &h.matched
            .chars()
            .skip(h.start)
            .take(h.len)
            .collect::<String>(),
        "民政局"
    );
    // Plans list the bureau as a lead unit.
    assert!(urls(&r).iter().any(|u| u.starts_with("plans/")));

    let r = query(files.as_slice(), "户口簿", 20);
    assert!(urls(&r).contains(&"services/330199-GF-0003/"), "{r:?}");
    assert!(r.hits.iter().all(|h| h.field == MatchField::Other));
    assert_eq!(r.hits[0].matched, "申报材料");

    let r = query(files.as_slice(), "gtgsh", 20);
    assert_eq!(urls(&r), ["services/330199-XK-0001/"]);
    assert_eq!(
        (r.hits[0].field, r.hits[0].start, r.hits[0].len),
        (MatchField::Pinyin, 0, 5)
    );
}

#[test]
fn notices_plans_and_centres_are_found() {
    let files = index();
    let r = query(files.as_slice(), "便民", 20);
    for u in [
        "centers/taohua-cun/",
        "plans/bianmin-zhongxin/",
        "notices/zhoubao-39/",
    ] {
        assert!(urls(&r).contains(&u), "{u} in {r:?}");
    }
    let r = query(files.as_slice(), "公示", 20);
    assert_eq!(urls(&r)[0], "notices/daiban-gongshi/");
    assert_eq!(r.hits[0].kind, "公示");
    // A centre by its name first, another by its address (其他 text: 地址).
    let r = query(files.as_slice(), "街道", 20);
    assert_eq!(urls(&r)[0], "centers/dongcheng-jiedao/");
    let addr = r
        .hits
        .iter()
        .find(|h| h.url == "centers/taohua-cun/")
        .unwrap();
    assert_eq!(
        (addr.field, addr.matched.as_str()),
        (MatchField::Other, "地址")
    );
}

#[test]
fn everyday_words_result_and_faq() {
    let files = index();
    // 营业执照 is what 个体工商户设立登记 gives (办理结果); the everyday word also stands
    // for 设立登记, which is in its name.
    let r = query(files.as_slice(), "营业执照", 20);
    assert_eq!(urls(&r)[0], "services/330199-XK-0001/", "{r:?}");
    assert_eq!(r.hits[0].field, MatchField::Title);
    assert_eq!(r.hits[0].term, "设立登记");
    // An everyday word finds the formal word in the name.
    let r = query(files.as_slice(), "办执照", 20);
    assert_eq!(urls(&r)[0], "services/330199-XK-0001/", "{r:?}");
    // A FAQ question ranks as a result; its answer low.
    let r = query(files.as_slice(), "不起字号", 20);
    let h = r.hits.iter().find(|h| h.url == "services/330199-XK-0001/");
    assert_eq!(h.map(|h| h.field), Some(MatchField::Result), "{r:?}");
    let r = query(files.as_slice(), "留空", 20);
    assert_eq!(urls(&r), ["services/330199-XK-0001/"]);
    assert_eq!(r.hits[0].field, MatchField::Low);
    assert_eq!(r.hits[0].matched, "办事指南");
}

/// `search.js` and the Rust mirror agree on the fixture's index.
#[test]
fn search_js_agrees_with_rust() {
    let queries = [
        "工商",
        "330199-XK-0001",
        "xk-000",
        "民政局",
        "户口簿",
        "gtgsh",
        "街道",
        "便民 中心",
        "ＧＴＧＳＨ",
        "营业执照",
        "办执照",
        "留空",
        "低保",
        "低宝",
        "生份证",
        "营业执找",
        "个体工伤户",
        "没有这种事项",
    ];
    js_agrees(&index(), &queries);
}

/// Runs `search.js` under node against `files`: its results and same-sound suggestions for
/// each query must equal Rust's. Does nothing when node is not installed.
fn js_agrees(files: &[OutputFile], queries: &[&str]) {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("node not installed: search.js not checked");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let p = dir.path().join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.bytes).unwrap();
    }
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js");
    let harness = format!(
        r#"const fs = require("fs"), path = require("path");
globalThis.window = globalThis;
globalThis.location = {{ search: "" }};
globalThis.document = {{ documentElement: {{ dataset: {{ base: "/" }} }},
  querySelector: () => null, querySelectorAll: () => [] }};
globalThis.fetch = (u) => {{ const p = path.join({dir:?}, u);
  return Promise.resolve(fs.existsSync(p) ? {{ ok: true, json: () => Promise.resolve(JSON.parse(fs.readFileSync(p, "utf8"))) }} : {{ ok: false }}); }};
require({js:?});
(async () => {{ const out = [];
  for (const q of {queries}) {{ const r = await gongkaiSearch.query(q); const h = await gongkaiSearch.hits(r, 0);
    out.push(q + " " + r.length + " " + h.map(x => x.url + "|" + x.field + "|" + (["Other", "Result", "Low"].includes(x.field) ? "0|0" : x.start + "|" + x.len)).join(" ")
      + " ~" + (await gongkaiSearch.sounds(q)).map(s => s.word + ":" + s.total).join(",")); }}
  console.log(out.join("\n")); }})();"#,
        dir = dir.path(),
        js = js,
        queries = serde_json::to_string(&queries).unwrap(),
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(harness)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_js = String::from_utf8(out.stdout).unwrap();
    let from_rust: Vec<String> = queries
        .iter()
        .map(|q| {
            let r = query(files, q, 20);
            let hits: Vec<String> = r
                .hits
                .iter()
                .map(|h| format!("{}|{:?}|{}|{}", h.url, h.field, h.start, h.len))
                .collect();
            let like: Vec<String> = sound_suggestions(files, q)
                .iter()
                .map(|s| format!("{}:{}", s.word, s.total))
                .collect();
            format!("{q} {} {} ~{}", r.total, hits.join(" "), like.join(","))
        })
        .collect();
    assert_eq!(from_js.trim_end(), from_rust.join("\n"));
}

/// search.js puts items people apply for before enforcement items on a tie, as Rust does.
#[test]
fn search_js_agrees_on_enforcement_ties() {
    use gongkai::render::search::{Doc, doc_types, index_files};
    let types = doc_types();
    let kind = |label: &str| types.iter().position(|t| t.label == label).unwrap();
    let doc = |k: &str, title: &str, code: &str| Doc {
        kind: kind(k),
        title: title.into(),
        slug: code.into(),
        code: Some(code.into()),
        orgs: vec!["清河区市场监督管理局".into()],
        aliases: Vec::new(),
        other: Vec::new(),
        result: Vec::new(),
        low: Vec::new(),
    };
    let files = index_files(&[
        doc("行政处罚", "对无照经营的行政处罚", "A-1"),
        doc("行政许可", "个体户无照经营转有照登记", "A-2"),
        doc("行政检查", "无照经营检查", "A-3"),
    ]);
    let r = query(files.as_slice(), "无照经营", 20);
    assert_eq!(
        urls(&r),
        ["services/A-2/", "services/A-3/", "services/A-1/"]
    );
    js_agrees(&files, &["无照经营", "照经", "无照 检查"]);
}

#[test]
fn same_sound_words_of_the_fixture() {
    let files = index();
    let words = |q: &str| -> Vec<String> {
        sound_suggestions(files.as_slice(), q)
            .into_iter()
            .map(|s| s.word)
            .collect()
    };
    assert_eq!(query(files.as_slice(), "个体工伤户", 20).total, 0);
    assert_eq!(words("个体工伤户"), ["个体工商户"]);
    assert!(words("没有这种事项").is_empty());
}

#[test]
fn index_is_deterministic() {
    assert_eq!(index(), index());
}

#[test]
fn suspended_and_cancelled_items_are_not_searched() {
    use gongkai::model::ServiceStatus;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-basic");
    let mut site = gongkai::build::check(&root)
        .site
        .expect("fixture is valid")
        .without_drafts();
    let code = |i: usize, site: &gongkai::model::Site| site.services[i].code.clone();
    let (suspended, cancelled, kept) = (code(0, &site), code(1, &site), code(2, &site));
    site.services[0].status = ServiceStatus::Suspended;
    site.services[1].status = ServiceStatus::Cancelled;
    let files = search_files(&site);
    let r = query(files.as_slice(), "330199", 50);
    let found = urls(&r);
    assert!(
        !found.contains(&format!("services/{suspended}/").as_str()),
        "{found:?}"
    );
    assert!(
        !found.contains(&format!("services/{cancelled}/").as_str()),
        "{found:?}"
    );
    assert!(
        found.contains(&format!("services/{kept}/").as_str()),
        "{found:?}"
    );
}
