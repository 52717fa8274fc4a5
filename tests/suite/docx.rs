//! Builds the printable DOCX files for the fixture site and for odd content, reads every
//! file back and checks the layout GB/T 9704-2012 asks for.

use gongkai::model::{
    Attachment, Notice, NoticeKind, Period, Plan, Service, Site, Task, TaskStatus,
};
use gongkai::render::docx::{
    centre_forms, notice_document, plan_document, render_all, render_one, service_form,
};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The built-in theme, for whole-site renders.
fn theme() -> gongkai::load::Theme {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx-site");
    gongkai::build::check(&root).theme
}

fn site() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx-site");
    let parsed = gongkai::build::check(&root);
    parsed
        .site
        .expect("the fixture site is valid")
        .without_drafts()
}

/// Every part of a DOCX, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        out.insert(f.name().to_string(), buf);
    }
    out
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .clone(),
    )
    .expect("UTF-8 XML")
}

/// Parses every XML part completely: it must be well-formed.
fn assert_well_formed(parts: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
            buf.clear();
        }
    }
}

/// The visible text of document.xml: every `<w:t>` joined, non-breaking hyphens as `-`.
fn visible_text(document: &str) -> String {
    let mut out = String::new();
    let document = document.replace("</w:t><w:noBreakHyphen /><w:t xml:space=\"preserve\">", "-");
    let mut rest = document.as_str();
    while let Some(i) = rest.find("<w:t ").or_else(|| rest.find("<w:t>")) {
        rest = &rest[i..];
        let start = rest.find('>').unwrap() + 1;
        let end = rest.find("</w:t>").unwrap();
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The properties of the run whose text is exactly `text`.
fn run_props<'a>(doc: &'a str, text: &str) -> &'a str {
    let at = doc
        .find(&format!(">{text}</w:t>"))
        .unwrap_or_else(|| panic!("no run {text}"));
    let start = doc[..at].rfind("<w:r>").unwrap();
    &doc[start..at]
}

/// The checks every document passes.
fn assert_gb_layout(parts: &BTreeMap<String, Vec<u8>>) {
    assert_well_formed(parts);
    let doc = text(parts, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#), "A4");
    assert!(
        doc.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
        "margins 37/26/35/28 mm"
    );
    assert!(
        doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579" />"#),
        "22-line grid"
    );
    let styles = text(parts, "word/styles.xml");
    assert!(
        styles.contains(r#"w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312""#),
        "body fonts: 仿宋 for Chinese, Times New Roman for Latin"
    );
    assert!(styles.contains(r#"<w:sz w:val="32" />"#), "3号 body");
    assert!(styles.contains(r#"<w:spacing w:line="579" w:lineRule="exact" />"#));
    assert!(
        styles.contains(r#"<w:spacing w:val="-5" />"#),
        "28 characters a line"
    );
    assert!(
        styles.contains(r#"w:eastAsia="zh-CN""#),
        "Chinese language tag"
    );
    // Title in 小标宋 2号.
    assert!(doc.contains(r#"<w:sz w:val="44" />"#));
    assert!(doc.contains(r#"w:eastAsia="方正小标宋简体""#));
    // Every run that names fonts names an East Asian face.
    for rfonts in doc.split("<w:rFonts ").skip(1) {
        let tag = &rfonts[..rfonts.find("/>").unwrap()];
        assert!(
            tag.contains("w:eastAsia=\""),
            "run without eastAsia font: {tag}"
        );
    }
    // Page numbers: odd pages right, even pages left, PAGE field in 4号 宋体.
    assert!(doc.contains(r#"<w:footerReference w:type="default""#));
    assert!(doc.contains(r#"<w:footerReference w:type="even""#));
    assert!(text(parts, "word/settings.xml").contains("<w:evenAndOddHeaders />"));
    let odd = text(parts, "word/footer1.xml");
    let even = text(parts, "word/footer2.xml");
    for (footer, align) in [(&odd, "right"), (&even, "left")] {
        assert!(footer.contains(&format!(r#"<w:jc w:val="{align}" />"#)));
        assert!(footer.contains(r#"w:fldCharType="begin""#));
        assert!(footer.contains(r#"w:fldCharType="separate""#));
        assert!(footer.contains(r#"w:fldCharType="end""#));
        assert!(footer.contains("PAGE"));
        assert!(footer.contains("— "));
        assert!(footer.contains(" —"));
        assert!(footer.contains(r#"<w:sz w:val="28" />"#));
        assert!(footer.contains(r#"w:eastAsia="宋体""#));
    }
    // Every table repeats its header row.
    assert_eq!(
        doc.matches("<w:tbl>").count(),
        doc.matches("<w:tblHeader />").count()
    );
    // Fonts have fallbacks.
    let fonts = text(parts, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋" />"#));
}

#[test]
fn service_forms_have_the_six_disclosures_and_a_qr_code() {
    let site = site();
    for s in &site.services {
        let bytes = service_form(&site.config, s);
        let p = parts(&bytes);
        assert_gb_layout(&p);
        let doc = text(&p, "word/document.xml");
        let visible = visible_text(&doc);
        assert!(visible.contains(&format!("{}一次性告知单", s.name)));
        assert!(visible.contains(&s.code));
        assert!(visible.contains(&s.department));
        if s.conditions.is_some() {
            assert!(visible.contains("受理条件"), "{} lacks 受理条件", s.code);
        }
        for heading in ["申报材料", "办理流程", "办理时限", "收费标准及依据"] {
            assert!(visible.contains(heading), "{} lacks {heading}", s.code);
        }
        for m in s.material_list() {
            assert!(visible.contains(&m.name));
            if let Some(r) = &m.required {
                assert!(visible.contains(r.label()));
            }
        }
        for st in &s.process {
            assert!(visible.contains(&st.step));
        }
        if s.is_free() {
            assert!(visible.contains("不收费"));
        }
        for f in s.fee_list() {
            assert!(visible.contains(&f.basis));
        }
        let limit = s.time_limit.as_ref().unwrap();
        assert!(visible.contains(&format!("承诺时限：{}", limit.promised)));
        assert!(visible.contains("申请人签字："));
        // Filled in by hand at the window; the printed date is the build's, labelled.
        assert!(visible.contains("告知人：________　窗口：________"));
        assert!(visible.contains("告知日期：____年__月__日"));
        assert!(visible.contains("本告知单按2026年9月30日公开的信息生成。"));
        assert!(!visible.contains("告知日期：2026"));
        // A shared material is 免提交, never also 必需.
        for row in doc.split("<w:tr>").filter(|r| r.contains("免提交")) {
            assert!(!visible_text(row).contains("必需"), "{}", visible_text(row));
        }
        assert!(visible.contains(&format!("告知单位：{}", s.department)));
        // Table text: 小四 (12 pt) at an exact 15 pt, off the document grid.
        let cell = r#"<w:snapToGrid w:val="false" /><w:spacing w:line="300" w:lineRule="exact" />"#;
        assert!(doc.contains(cell), "{} table text", s.code);
        assert!(doc.contains(r#"<w:spacing w:val="0" /><w:sz w:val="24" />"#));
        // The particulars open the form as a table, not as body lines.
        let first_table = doc.find("<w:tbl>").expect("a table");
        assert!(doc[first_table..].find("事项编码") < doc[first_table..].find("</w:tbl>"));
        assert!(!visible.contains("事项编码："));
        // Compact headings: 3号 at an exact 20.8 pt, off the grid.
        assert!(doc.contains(
            r#"<w:keepNext /><w:snapToGrid w:val="false" /><w:spacing w:line="416" w:lineRule="exact" />"#
        ));
        assert!(visible.contains(&format!(
            "https://gk.qinghe.example.gov.cn/services/{}/",
            s.code
        )));
        // The QR image part, referenced from the document.
        let png = p
            .iter()
            .find(|(k, _)| k.starts_with("word/media/") && k.ends_with(".png"))
            .expect("a QR image");
        assert!(png.1.starts_with(b"\x89PNG"));
        let rels = text(&p, "word/_rels/document.xml.rels");
        let target = png.0.trim_start_matches("word/");
        assert!(rels.contains(&format!("Target=\"{target}\"")));
        assert!(doc.contains("<pic:pic") || doc.contains("<a:blip"));
        let core = text(&p, "docProps/core.xml");
        assert!(core.contains(&format!("<dc:title>{}一次性告知单</dc:title>", s.name)));
        assert!(core.contains("<dc:creator>清河区人民政府办公室</dc:creator>"));
        assert!(core.contains("2026-09-30T00:00:00Z"));
    }
    let xk = site.service("330199-XK-0001").unwrap();
    let visible = visible_text(&text(
        &parts(&service_form(&site.config, xk)),
        "word/document.xml",
    ));
    for s in [
        "容缺",
        "委托办理时提供",
        "免提交",
        "0570-1234501",
        "周一至周五",
    ] {
        assert!(visible.contains(s), "missing {s}");
    }
}

#[test]
fn notices_keep_official_order_and_numbering() {
    let site = site();
    let gs = site
        .notices
        .iter()
        .find(|n| n.slug == "daiban-gongshi")
        .unwrap();
    let p = parts(&notice_document(&site.config, gs));
    assert_gb_layout(&p);
    let doc = text(&p, "word/document.xml");
    let v = visible_text(&doc);
    assert!(v.contains("清行服〔2026〕12号"));
    assert!(v.contains("各乡镇（街道），区级有关部门："));
    assert!(v.contains("公示期：2026年9月20日至2026年9月30日"));
    assert!(v.contains("附件：建设工程规划许可证申请表"), "by title");
    assert!(!v.contains("guihua-shenqing"));
    assert!(v.contains("清河区行政服务中心2026年9月20日"));
    assert!(
        doc.contains(r#"<w:jc w:val="right" />"#),
        "signature right-aligned"
    );
    assert!(v.contains("12个工作日"), "the Markdown table");
    assert!(doc.contains("<w:b />"), "bold phone number");

    let tz = site
        .notices
        .iter()
        .find(|n| n.slug == "geshi-tongzhi")
        .unwrap();
    let p = parts(&notice_document(&site.config, tz));
    assert_gb_layout(&p);
    let doc = text(&p, "word/document.xml");
    let v = visible_text(&doc);
    for h in [
        "一、工作目标",
        "（一）公开范围",
        "（二）公开方式",
        "1.时间安排",
        "（1）9月30日前完成梳理",
        "二、工作要求",
    ] {
        assert!(v.contains(h), "heading {h}");
    }
    assert!(
        !v.contains("二、二、"),
        "an existing number is kept, not doubled"
    );
    assert!(v.contains("A<B && C>D"));
    assert!(doc.contains("B &amp;&amp; C&gt;D"), "escaped, not dropped");
    assert!(!doc.contains("<script") && !v.contains("alert(1)"));
    // A raw HTML block keeps its words, line break included; its style does not show.
    assert!(
        v.contains("联系人：王晓电话：0570-1234501"),
        "HTML block text"
    );
    assert!(!v.contains("color") && !doc.contains("contact"));
    assert!(doc.contains(
        r#"联系人：王晓</w:t><w:br w:type="textWrapping" /><w:t xml:space="preserve">电话"#
    ));
    // By title, without a full stop; the 文号 written with [2026] printed with 〔〕, in
    // the red letterhead.
    assert!(v.contains("附件：1．个体工商户登记申请书2．建设工程规划许可证申请表"));
    assert!(!v.contains("申请表。"));
    assert!(v.contains("清河区行政服务中心文件"), "发文机关标志");
    assert!(v.contains("清行服〔2026〕15号") && !v.contains("[2026]"));
    assert!(doc.contains(r#"<w:color w:val="FF0000" />"#));
    assert!(doc.contains(r#"<w:pBdr><w:bottom w:val="single""#));
    assert!(v.contains("（gk@qinghe.example.gov.cn）") || v.contains("gk@qinghe.example.gov.cn"));
    // Heading faces: 一、 黑体, （一） 楷体.
    assert!(run_props(&doc, "一、工作目标").contains(r#"w:eastAsia="黑体""#));
    assert!(run_props(&doc, "（一）公开范围").contains(r#"w:eastAsia="楷体_GB2312""#));
    assert!(run_props(&doc, "1.时间安排").contains("<w:b />"));
    assert!(run_props(&doc, "1.时间安排").contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(!run_props(&doc, "（1）9月30日前完成梳理").contains("<w:b />"));
    // Not-for-print notices get no DOCX in the build.
    let files = gongkai::render::render_site(&site, &theme()).unwrap();
    assert!(!files.iter().any(|f| f.path.ends_with("zhoubao-39.docx")));
    assert!(
        files
            .iter()
            .any(|f| f.path == "notices/daiban-gongshi/daiban-gongshi.docx")
    );
    assert!(
        files
            .iter()
            .any(|f| f.path == "services/330199-XK-0001/330199-XK-0001.docx")
    );
    assert!(
        files
            .iter()
            .any(|f| f.path == "plans/xiangxian-yiti/xiangxian-yiti.docx")
    );
}

#[test]
fn plans_print_the_plan_as_issued_in_a_repeating_table() {
    let site = site();
    for plan in &site.plans {
        let p = parts(&plan_document(&site.config, plan));
        assert_gb_layout(&p);
        let doc = text(&p, "word/document.xml");
        let v = visible_text(&doc);
        for h in ["编号", "任务", "牵头单位", "配合单位", "完成时限"] {
            assert!(v.contains(h));
        }
        for t in &plan.tasks {
            assert!(v.contains(&t.title), "task {}", t.id);
            assert!(v.contains(&t.lead));
        }
        // Status changes after issue: it is in the bulletins, not in the plan.
        for status in ["状态", "进度", "逾期", "已完成", "推进中"] {
            assert!(!v.contains(status), "{}: {status}", plan.slug);
        }
        assert!(doc.contains("<w:tblHeader />"));
    }
    let xy = site
        .plans
        .iter()
        .find(|p| p.slug == "xiangxian-yiti")
        .unwrap();
    let v = visible_text(&text(
        &parts(&plan_document(&site.config, xy)),
        "word/document.xml",
    ));
    assert!(v.contains("清区委改发〔2026〕3号"));
    assert!(v.contains("一、总体要求") && !v.contains("一、一、"));
}

#[test]
fn output_is_deterministic_across_runs_and_threads() {
    let site = site();
    let first: Vec<Vec<u8>> = site
        .services
        .iter()
        .map(|s| service_form(&site.config, s))
        .collect();
    // Rendering on other threads, interleaved, gives the same bytes.
    let again: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> = site
            .services
            .iter()
            .map(|s| scope.spawn(|| service_form(&site.config, s)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(first, again);
    let a = gongkai::render::render_site(&site, &theme()).unwrap();
    let b = gongkai::render::render_site(&site, &theme()).unwrap();
    assert_eq!(a, b);
    // Zip entries are dated as_of.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&first[0])).unwrap();
    let t = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!((t.year(), t.month(), t.day()), (2026, 9, 30));
}

fn hostile_service(base: &Service) -> Service {
    let mut s = base.clone();
    s.name = "<b>&amp;\u{0}\u{7}事项\u{1b}名称".into();
    s.department = "部门<&>".repeat(50);
    s.conditions = Some("# 标题\n\n<script>x</script>\u{0b}\n\n".repeat(30));
    s.materials = Some(Vec::new());
    s.fees = Some(Vec::new());
    s.locations.clear();
    s.legal_basis = vec!["法".repeat(5000)];
    s.consult_phone = Some("\u{fffe}\u{ffff}".into());
    s
}

#[test]
fn odd_content_never_breaks_a_document() {
    let site = site();
    let s = hostile_service(&site.services[0]);
    let p = parts(&service_form(&site.config, &s));
    assert_well_formed(&p);
    let v = visible_text(&text(&p, "word/document.xml"));
    assert!(v.contains("<b>&amp;事项名称一次性告知单"));
    assert!(v.contains("无需提交材料"));

    let mut config = site.config.clone();
    config.base_url = format!("https://{}/", "x".repeat(5000));
    let p = parts(&service_form(&config, &site.services[0]));
    assert_well_formed(&p);
    assert!(
        !p.keys().any(|k| k.starts_with("word/media/")),
        "no QR for an unencodable URL"
    );

    let notice = Notice {
        source: "n.md".into(),
        slug: "n".into(),
        title: String::new(),
        kind: NoticeKind::Publicity,
        issuer: "\u{0}".into(),
        doc_number: Some("  ".into()),
        date: site.config.as_of,
        recipients: Some("<>".into()),
        period: Some(Period {
            from: site.config.as_of,
            to: site.config.as_of,
        }),
        attachments: vec![
            Attachment {
                path: "static/a&b<c>.pdf".into(),
                title: None,
            },
            Attachment {
                path: String::new(),
                title: Some("<&>".into()),
            },
        ],
        letterhead: true,
        mark: Some("\u{1}<标志>".into()),
        print: true,
        draft: false,
        body: "|a|\n|-|\n|1|2|3|\n\n> > > deep\n\n- - - x\n\n######## h\n\n[link](javascript:alert(1))\n\n```\ncode <&>\n```\n\n| | |\n|-|-|\n"
            .repeat(20),
    };
    let p = parts(&notice_document(&site.config, &notice));
    assert_well_formed(&p);
    let empty = Notice {
        body: String::new(),
        attachments: vec![],
        recipients: None,
        period: None,
        ..notice
    };
    assert_well_formed(&parts(&notice_document(&site.config, &empty)));

    let plan = Plan {
        source: "p.md".into(),
        slug: "p".into(),
        title: "计划".repeat(100),
        doc_number: None,
        issuer: "机关".into(),
        date: site.config.as_of,
        phases: vec![],
        tasks: vec![Task {
            id: "&".into(),
            title: "\u{1}".into(),
            lead: String::new(),
            partners: vec![],
            deadline: None,
            status: TaskStatus::Paused,
            progress: 0,
            updates: vec![],
            supervision: None,
        }],
        draft: false,
        body: "# \n\n#".into(),
    };
    assert_well_formed(&parts(&plan_document(&site.config, &plan)));
    let no_tasks = Plan {
        tasks: vec![],
        ..plan
    };
    assert_well_formed(&parts(&plan_document(&site.config, &no_tasks)));
}

#[test]
fn site_overrides_change_the_layout() {
    let mut site = site();
    site.config.docx.body_font = "仿宋".into();
    site.config.docx.margin_top_mm = 30.0;
    let p = parts(&service_form(&site.config, &site.services[0]));
    assert_well_formed(&p);
    assert!(text(&p, "word/styles.xml").contains(r#"w:eastAsia="仿宋""#));
    assert!(text(&p, "word/document.xml").contains(r#"w:top="1701""#));
}

#[test]
fn one_document_renders_alone_as_in_a_full_build() {
    let site = site();
    let all = render_all(&site);
    assert!(!all.is_empty());
    for f in &all {
        assert_eq!(
            render_one(&site, &format!("/{}", f.path)).as_deref(),
            Some(f.bytes.as_slice()),
            "{}",
            f.path
        );
    }
    for missing in [
        "services/nope/nope.docx",
        "services/x/y.docx",
        "pages/a/a.docx",
        "services",
        "centers/nope/nope-forms.docx",
        "centers/x/y-forms.docx",
        "",
    ] {
        assert!(render_one(&site, missing).is_none(), "{missing}");
    }
}

#[test]
fn a_centre_binder_holds_every_form_of_its_items() {
    let site = site();
    let mut checked = 0;
    for c in &site.centres {
        let forms: Vec<&Service> = c
            .services
            .iter()
            .filter_map(|code| site.services.iter().find(|s| &s.code == code))
            .filter(|s| s.has_form())
            .collect();
        let Some(bytes) = centre_forms(&site.config, c, &site.services) else {
            assert!(forms.is_empty(), "{}", c.slug);
            continue;
        };
        let p = parts(&bytes);
        assert_gb_layout(&p);
        let doc = text(&p, "word/document.xml");
        let v = visible_text(&doc);
        for s in &forms {
            assert!(v.contains(&s.code), "{}: {}", c.slug, s.code);
        }
        // Each form after the first starts a new page; each QR code is its own image.
        assert_eq!(
            doc.matches("<w:pageBreakBefore />").count(),
            forms.len() - 1
        );
        let rels = text(&p, "word/_rels/document.xml.rels");
        let images = p.keys().filter(|k| k.starts_with("word/media/")).count();
        assert_eq!(images, forms.len(), "{}", c.slug);
        for n in 1..=images {
            assert!(rels.contains(&format!(r#"Id="rIdImage{n}""#)));
            assert!(doc.contains(&format!(r#"r:embed="rIdImage{n}""#)));
            assert!(doc.contains(&format!(r#"<wp:docPr id="{n}""#)));
        }
        assert!(
            render_all(&site)
                .iter()
                .any(|f| f.path == format!("centers/{0}/{0}-forms.docx", c.slug))
        );
        checked += 1;
    }
    assert!(checked > 0, "no centre with forms");
}
