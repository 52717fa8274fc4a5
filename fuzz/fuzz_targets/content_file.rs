//! One content file, any bytes: decoded, split into front matter and body, its YAML read
//! and checked against a fixed site.yaml, its Markdown rendered and sanitised, for the web
//! and for print. Nothing may panic, and no input may take long (libFuzzer reports slow
//! inputs with -timeout).
#![no_main]

use gongkai::load::{LoadedFiles, Section, SourceFile, decode};
use libfuzzer_sys::fuzz_target;

const SITE_YAML: &str = "网站名称: 测试站\n主办单位: 测试单位\n网站地址: https://t.example.gov.cn/\n统计日期: 2026-09-30\n";

const SECTIONS: [(Section, &str); 5] = [
    (Section::Services, "services"),
    (Section::Plans, "plans"),
    (Section::Notices, "notices"),
    (Section::Centres, "centers"),
    (Section::Pages, "pages"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let (section, folder) = SECTIONS[usize::from(first & 0x7f) % SECTIONS.len()];
    let is_yaml = first & 0x80 != 0 && section.accepts_yaml();
    let Ok(text) = decode("content/x.md", bytes) else {
        return;
    };
    let file = SourceFile {
        path: format!("content/{folder}/x.md"),
        section,
        stem: "x".into(),
        text: text.clone(),
        is_yaml,
    };
    let parsed = gongkai::parse::parse_site(LoadedFiles {
        site_yaml: Some(SITE_YAML.into()),
        files: vec![file],
        ..LoadedFiles::default()
    });
    let mut out = Vec::new();
    let _ = gongkai::diag::render(
        &mut codespan_reporting::term::termcolor::NoColor::new(&mut out),
        &parsed.diags,
        &parsed.sources,
    );
    if let Some(site) = &parsed.site {
        for s in &site.services {
            let _ =
                gongkai::render::docx::render_one(site, &format!("services/{0}/{0}.docx", s.code));
        }
    }
    let _ = gongkai::render::markdown::to_html(&text, false);
    let _ = gongkai::limits::limit_html_depth(&text);
});
