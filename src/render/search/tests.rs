use super::*;

fn doc(kind: usize, title: &str, code: &str, org: &str, other: &[&str]) -> Doc {
    Doc {
        kind,
        title: title.into(),
        slug: code.into(),
        code: Some(code.into()),
        orgs: vec![org.into()],
        aliases: Vec::new(),
        other: other.iter().map(|s| s.to_string()).collect(),
        result: Vec::new(),
        low: Vec::new(),
    }
}

fn corpus() -> Vec<Doc> {
    vec![
        doc(
            0,
            "个体工商户设立登记",
            "330199-XK-0001",
            "清河区市场监督管理局",
            &["经营者身份证明"],
        ),
        doc(
            6,
            "居民身份证换领",
            "330199-QR-0002",
            "清河区公安分局",
            &["居民户口簿"],
        ),
        doc(
            0,
            "工商登记信息查询",
            "330199-XK-00010",
            "清河区市场监督管理局",
            &[],
        ),
        doc(
            10,
            "工伤认定",
            "A-1",
            "清河区人力资源和社会保障局",
            &["商务合同"],
        ),
    ]
}

fn titles(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.title.as_str()).collect()
}

#[test]
fn finds_inner_runs_title_prefix_first() {
    let files = index_files(&corpus());
    let r = query(files.as_slice(), "工商", 10);
    assert_eq!(r.total, 2);
    assert_eq!(titles(&r), ["工商登记信息查询", "个体工商户设立登记"]);
    assert_eq!(r.hits[1].start, 2);
    assert_eq!(r.hits[1].len, 2);
    assert_eq!(r.hits[1].url, "services/330199-XK-0001/");
    assert_eq!(r.hits[1].kind, "行政许可");
}

#[test]
fn substring_must_be_contiguous() {
    // 工 商 occur in 工伤认定 / 商务合同 separately: not a match for 工商.
    let files = index_files(&corpus());
    assert!(
        titles(&query(files.as_slice(), "工商", 10))
            .iter()
            .all(|t| *t != "工伤认定")
    );
    assert_eq!(query(files.as_slice(), "体工商户设", 10).total, 1);
    assert_eq!(query(files.as_slice(), "体工户", 10).total, 0);
}

#[test]
fn exact_code_first_then_prefixes_case_insensitive() {
    let files = index_files(&corpus());
    let r = query(files.as_slice(), "330199-xk-0001", 10);
    assert_eq!(titles(&r), ["个体工商户设立登记", "工商登记信息查询"]);
    assert_eq!(r.hits[0].field, MatchField::CodePrefix);
    let r = query(files.as_slice(), "ＸＫ-0001", 10);
    assert_eq!(r.total, 2);
    assert_eq!(r.hits[0].field, MatchField::Code);
    assert_eq!(r.hits[0].matched, "330199-XK-0001");
    assert_eq!(r.hits[0].start, 7);
}

#[test]
fn department_pinyin_and_materials() {
    let files = index_files(&corpus());
    let r = query(files.as_slice(), "市场监督", 10);
    assert_eq!(r.total, 2);
    assert_eq!(r.hits[0].field, MatchField::Department);
    assert_eq!(
        r.hits[0].department.as_deref(),
        Some("清河区市场监督管理局")
    );
    let r = query(files.as_slice(), "gtgsh", 10);
    assert_eq!(titles(&r), ["个体工商户设立登记"]);
    assert_eq!(
        (r.hits[0].field, r.hits[0].start, r.hits[0].len),
        (MatchField::Pinyin, 0, 5)
    );
    let r = query(files.as_slice(), "户口簿", 10);
    assert_eq!(titles(&r), ["居民身份证换领"]);
    assert_eq!(r.hits[0].matched, "申报材料");
    // 身份证 is in a title (rank 1) and in a material (rank 5).
    let r = query(files.as_slice(), "身份证", 10);
    assert_eq!(titles(&r), ["居民身份证换领", "个体工商户设立登记"]);
}

#[test]
fn every_term_must_match() {
    let files = index_files(&corpus());
    assert_eq!(
        titles(&query(files.as_slice(), "工商 查询", 10)),
        ["工商登记信息查询"]
    );
    assert_eq!(query(files.as_slice(), "工商 换领", 10).total, 0);
    assert_eq!(query(files.as_slice(), "工", 10).total, 0);
}

#[test]
fn limit_bounds_hits_not_total() {
    let files = index_files(&corpus());
    let r = query(files.as_slice(), "清河", 1);
    assert_eq!(r.total, 4);
    assert_eq!(r.hits.len(), 1);
}

#[test]
fn deterministic_and_sharded() {
    let docs: Vec<Doc> = (0..3000)
        .map(|i| {
            doc(
                i % 11,
                &format!("事项{i}号审批登记"),
                &format!("C-{i:05}"),
                "某局",
                &["申请书"],
            )
        })
        .collect();
    let a = index_files(&docs);
    assert_eq!(a, index_files(&docs));
    assert!(a.iter().filter(|f| f.path.starts_with("search/p/")).count() > 1);
    let r = query(a.as_slice(), "c-01234", 5);
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].title, "事项1234号审批登记");
}

#[test]
fn empty_site_and_broken_files_do_not_panic() {
    let files = index_files(&[]);
    assert_eq!(query(files.as_slice(), "工商", 10).total, 0);
    let broken = vec![crate::render::OutputFile::new("search/index.json", "{oops")];
    assert_eq!(query(broken.as_slice(), "工商", 10).total, 0);
}

#[test]
fn site_synonyms_are_added_to_the_built_in_words() {
    let mut words = std::collections::BTreeMap::new();
    words.insert("开铺子".to_string(), vec!["个体工商户设立登记".to_string()]);
    let without = query(index_files(&corpus()).as_slice(), "开铺子", 10);
    assert_eq!(without.total, 0);
    let files = index_files_with(&corpus(), &words);
    let r = query(files.as_slice(), "开铺子", 10);
    assert_eq!(titles(&r), ["个体工商户设立登记"]);
}

#[test]
fn an_alias_ranks_with_the_name_before_materials_and_topics_are_searched() {
    let mut named = doc(0, "出生医学证明办理", "A-2", "清河区卫生健康局", &[]);
    named.aliases = vec!["宝宝卡".into()];
    let mut material = doc(
        0,
        "新生儿入户登记",
        "A-3",
        "清河区公安分局",
        &["宝宝卡复印件"],
    );
    material.result = vec!["户籍".into()];
    let files = index_files(&[material, named]);
    let r = query(files.as_slice(), "宝宝卡", 10);
    assert_eq!(titles(&r), ["出生医学证明办理", "新生儿入户登记"]);
    assert_eq!(r.hits[0].field, MatchField::Alias);
    assert_eq!(r.hits[0].matched, "俗称");
    assert_eq!(r.hits[1].field, MatchField::Other);
    let r = query(files.as_slice(), "户籍", 10);
    assert_eq!(titles(&r), ["新生儿入户登记"]);
    assert_eq!(r.hits[0].field, MatchField::Result);
}

/// Items whose names, 俗称 and everyday words readers mistype with a same-sound character.
fn sound_corpus() -> Vec<Doc> {
    let mut dibao = doc(
        3,
        "最低生活保障对象认定",
        "330199-GF-0001",
        "清河区民政局",
        &[],
    );
    dibao.aliases = vec!["低保".into()];
    vec![
        dibao,
        doc(6, "居民身份证换领", "330199-QR-0002", "清河区公安分局", &[]),
        doc(6, "内地居民结婚登记", "330199-QR-0003", "清河区民政局", &[]),
        doc(
            0,
            "个体工商户设立登记",
            "330199-XK-0001",
            "清河区市场监督管理局",
            &[],
        ),
        doc(
            3,
            "住房公积金提取",
            "330199-GF-0009",
            "清河区住房公积金管理中心",
            &[],
        ),
    ]
}

fn suggested(files: &[crate::render::OutputFile], q: &str) -> Vec<String> {
    sound_suggestions(files, q)
        .into_iter()
        .map(|s| s.word)
        .collect()
}

#[test]
fn same_sound_words_are_suggested_when_they_are_found() {
    let files = index_files(&sound_corpus());
    for (typed, meant) in [
        ("低宝", "低保"),
        ("公基金", "公积金"),
        ("生份证", "身份证"),
        ("结昏证", "结婚证"),
        ("营业执找", "营业执照"),
        ("个体工伤户", "个体工商户"),
    ] {
        assert_eq!(query(files.as_slice(), typed, 10).total, 0, "{typed}");
        assert_eq!(suggested(&files, typed), [meant], "{typed}");
        let s = &sound_suggestions(files.as_slice(), typed)[0];
        assert_eq!(s.total, query(files.as_slice(), meant, 10).total, "{typed}");
        assert!(s.total > 0);
    }
    // 营业执照 is an everyday word for 设立登记: found although no name holds it.
    assert_eq!(
        titles(&query(files.as_slice(), "营业执照", 10)),
        ["个体工商户设立登记"]
    );
}

#[test]
fn no_suggestion_without_a_same_sound_word_that_is_found() {
    let files = index_files(&sound_corpus());
    for q in ["没有这种事项", "低", "低宝 登记", "abc", "低宝𠀀", "保低"] {
        assert!(suggested(&files, q).is_empty(), "{q}");
    }
    // The right word itself is not suggested, and nothing for an empty or broken index.
    assert!(suggested(&files, "低保").is_empty());
    assert!(suggested(&index_files(&[]), "低宝").is_empty());
    let broken = vec![crate::render::OutputFile::new("search/index.json", "{oops")];
    assert!(suggested(&broken, "低宝").is_empty());
}

#[test]
fn sound_files_are_written_once_and_deterministically() {
    let a = index_files(&sound_corpus());
    assert_eq!(a, index_files(&sound_corpus()));
    let table: Vec<_> = a
        .iter()
        .filter(|f| f.path == "search/pinyin.json")
        .collect();
    assert_eq!(table.len(), 1);
    let m: serde_json::Value = serde_json::from_slice(
        &a.iter()
            .find(|f| f.path == "search/index.json")
            .unwrap()
            .bytes,
    )
    .unwrap();
    let n = m["sounds"].as_u64().unwrap() as usize;
    assert!(n >= 1);
    assert_eq!(
        a.iter().filter(|f| f.path.starts_with("search/s/")).count(),
        n
    );
}

#[test]
fn on_a_tie_of_where_items_people_apply_for_come_before_enforcement() {
    let types = crate::render::search::doc_types();
    let kind = |label: &str| types.iter().position(|t| t.label == label).unwrap();
    // Ids in document order: the penalty first, so only the rule puts it after.
    let docs = vec![
        doc(
            kind("行政处罚"),
            "对无照经营的行政处罚",
            "A-1",
            "清河区市场监督管理局",
            &[],
        ),
        doc(
            kind("行政许可"),
            "个体户无照经营转有照登记",
            "A-2",
            "清河区市场监督管理局",
            &[],
        ),
        doc(
            kind("行政许可"),
            "开业登记",
            "A-3",
            "某局",
            &["无照经营情况说明"],
        ),
    ];
    let files = index_files(&docs);
    let r = query(files.as_slice(), "无照经营", 10);
    assert_eq!(
        titles(&r),
        [
            "个体户无照经营转有照登记",
            "对无照经营的行政处罚",
            "开业登记"
        ],
        "title matches first; among them the item applied for, although its match is later"
    );
}
