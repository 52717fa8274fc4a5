//! The package layer: what docx-rs cannot express, patched into the built XML parts,
//! then the parts zipped deterministically.
//!
//! - `docProps/core.xml`: title, subject, author and fixed dates (docx-rs has no setters);
//! - `w14:paraId` renumbered from 1 in the footers (docx-rs draws them from a
//!   per-thread counter, which would make bytes depend on scheduling);
//! - `w:lang` (zh-CN for East Asian text) in the document defaults;
//! - the font table with fallback names (`w:altName`) and the GB2312 charset;
//! - the ZIP written with every entry dated `as_of`: the prototype's parts copied as
//!   they are (see [`super::prototype`]), `word/document.xml` deflated, the rest stored.

use super::elements::Block;
use super::layout::{Layout, font_info};
use super::prototype::{IMAGE_ID_PREFIX, Prototype};
use super::schema::reorder;
use crate::model::{Date, SiteConfig};
use chrono::Datelike;
use docx_rs::XMLDocx;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// Document metadata for `docProps/core.xml`.
#[derive(Debug, Clone)]
pub struct Meta<'a> {
    /// dc:title
    pub title: &'a str,
    /// dc:subject
    pub subject: &'a str,
    /// dc:creator and cp:lastModifiedBy
    pub author: &'a str,
    /// dcterms:created and dcterms:modified (midnight UTC), and the ZIP entry dates.
    pub date: Date,
}

/// One document before packaging: its body and what its core properties say.
#[derive(Debug)]
pub struct Document {
    /// The body.
    pub blocks: Vec<Block>,
    /// The PNGs that the pictures in the body show, by their id (from 1).
    pub images: Vec<Vec<u8>>,
    /// dc:title
    pub title: String,
    /// dc:subject
    pub subject: String,
}

impl Document {
    /// The DOCX bytes of this document, on the shared parts of `proto`, by the site's
    /// organisation.
    pub fn package(&self, proto: &Prototype, config: &SiteConfig) -> Vec<u8> {
        let meta = Meta {
            title: &self.title,
            subject: &self.subject,
            author: &config.organization,
            date: config.as_of,
        };
        finish(proto, &self.blocks, &self.images, &meta)
    }
}

/// Builds the document from `blocks` on the shared parts of `proto` and returns the
/// DOCX bytes. `images` are the PNGs that the pictures in the blocks show, by id.
fn finish(proto: &Prototype, blocks: &[Block], images: &[Vec<u8>], meta: &Meta<'_>) -> Vec<u8> {
    let mut document = Vec::with_capacity(64 * 1024);
    document.extend_from_slice(&proto.document_head);
    super::xml::write_body(&mut document, blocks, &proto.fonts);
    document.extend_from_slice(&proto.document_tail);
    let rels = image_relationships(&proto.rels, images.len());
    pack(proto, core_xml(meta).as_bytes(), &rels, &document, images)
}

/// The document's relationships with those of `count` images.
fn image_relationships(rels: &[u8], count: usize) -> Vec<u8> {
    let mut images = String::new();
    for n in 1..=count {
        images.push_str(&format!(
            r#"<Relationship Id="{IMAGE_ID_PREFIX}{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{IMAGE_ID_PREFIX}{n}.png" />"#
        ));
    }
    insert_before_last(rels, b"</Relationships>", images.as_bytes())
}

/// The parts of a built [`docx_rs::Docx`] that do not depend on the document's content, by
/// name, patched: the font table with fallbacks, the language in the styles, the
/// footers' paragraph ids. Includes the empty document's relationships under
/// [`DOCUMENT_RELS`].
pub fn shared_parts(xml: XMLDocx, layout: &Layout) -> Vec<(String, Vec<u8>)> {
    // docx-rs also writes empty comments, footnotes, numbering and custom properties,
    // which no document uses; they are left out with their types and relationships.
    let mut types = add_theme_type(&xml.content_type);
    for part in UNUSED_PARTS {
        types = remove_element(&types, format!(r#"PartName="/{part}""#).as_bytes());
    }
    let rels = remove_element(&xml.rels, br#"Target="docProps/custom.xml""#);
    let document_rels = remove_element(
        &add_theme_relationship(&xml.document_rels),
        br#"Target="commentsExtended.xml""#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        (DOCUMENT_RELS.into(), document_rels),
        (
            "word/styles.xml".into(),
            reorder(&add_language(&xml.styles)),
        ),
        ("word/settings.xml".into(), reorder(&xml.settings)),
        (THEME.into(), theme_xml(layout).into_bytes()),
        ("word/fontTable.xml".into(), font_table(layout).into_bytes()),
    ];
    for (i, h) in xml.headers.into_iter().enumerate() {
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
        parts.push((
            format!("word/header{}.xml", i + 1),
            reorder(&renumber_para_ids(&h)),
        ));
    }
    for (i, f) in xml.footers.into_iter().enumerate() {
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
        parts.push((
            format!("word/footer{}.xml", i + 1),
            reorder(&renumber_para_ids(&f)),
        ));
    }
    parts
}

/// Name of the main document's relationships part.
pub const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";

/// The ZIP date of `date` at midnight (clamped to what ZIP can hold).
pub fn zip_time(date: Date) -> zip::DateTime {
    zip::DateTime::from_date_and_time(
        u16::try_from(date.year().clamp(1980, 2107)).unwrap_or(1980),
        date.month() as u8,
        date.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default()
}

/// Escapes text for XML content and attribute values, dropping what XML cannot carry.
pub fn escape(s: &str) -> String {
    super::xml::escape(&super::text::clean(s))
}

fn core_xml(meta: &Meta<'_>) -> String {
    let when = format!("{}T00:00:00Z", meta.date.format("%Y-%m-%d"));
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(meta.title),
        subject = escape(meta.subject),
        author = escape(meta.author),
        when = when,
    )
}

/// Replaces every `w14:paraId="…"` value with a sequential 8-digit hex number.
fn renumber_para_ids(part: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len());
    copy_renumbered(&mut out, part, &mut 0);
    out
}

/// Appends `part` to `out`, replacing every `w14:paraId="…"` value with the next
/// number after `n`, as 8 hex digits.
pub fn copy_renumbered(out: &mut Vec<u8>, part: &[u8], n: &mut u32) {
    const KEY: &[u8] = b"w14:paraId=\"";
    let finder = memchr::memmem::Finder::new(KEY);
    let mut rest = part;
    while let Some(i) = finder.find(rest) {
        let value_start = i + KEY.len();
        let Some(len) = memchr::memchr(b'"', &rest[value_start..]) else {
            break;
        };
        *n += 1;
        out.extend_from_slice(&rest[..value_start]);
        super::xml::push_hex8(out, *n);
        rest = &rest[value_start + len..];
    }
    out.extend_from_slice(rest);
}

/// Adds `w:lang` (Latin en-US, East Asian zh-CN) to the default run properties.
fn add_language(styles: &[u8]) -> Vec<u8> {
    const DEFAULTS: &[u8] = b"<w:rPrDefault><w:rPr>";
    let Some(i) = find(styles, DEFAULTS) else {
        return styles.to_vec();
    };
    let at = i + DEFAULTS.len();
    let mut out = Vec::with_capacity(styles.len() + 80);
    out.extend_from_slice(&styles[..at]);
    out.extend_from_slice(br#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#);
    out.extend_from_slice(&styles[at..]);
    out
}

fn font_table(layout: &Layout) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    ));
    for face in layout.faces() {
        let info = font_info(face, face == layout.latin_font);
        s.push_str(&format!(r#"<w:font w:name="{}">"#, escape(face)));
        if let Some(alt) = info.alternative {
            s.push_str(&format!(r#"<w:altName w:val="{}" />"#, escape(alt)));
        }
        if !info.panose.is_empty() {
            s.push_str(&format!(r#"<w:panose1 w:val="{}" />"#, info.panose));
        }
        s.push_str(&format!(
            r#"<w:charset w:val="{}" /><w:family w:val="{}" /><w:pitch w:val="{}" />"#,
            info.charset, info.family, info.pitch
        ));
        s.push_str("</w:font>");
    }
    s.push_str("</w:fonts>");
    s
}

/// Parts docx-rs writes that no document uses.
const UNUSED_PARTS: [&str; 5] = [
    "docProps/custom.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "word/numbering.xml",
];

/// `xml` without the empty element (`<… />`) whose tag contains `needle`.
fn remove_element(xml: &[u8], needle: &[u8]) -> Vec<u8> {
    let Some(at) = find(xml, needle) else {
        return xml.to_vec();
    };
    let start = memchr::memrchr(b'<', &xml[..at]);
    let end = find(&xml[at..], b"/>").map(|e| at + e + 2);
    match (start, end) {
        (Some(start), Some(end)) => [&xml[..start], &xml[end..]].concat(),
        _ => xml.to_vec(),
    }
}

/// Name of the theme part, which Word requires of a main document.
pub const THEME: &str = "word/theme/theme1.xml";

/// `[Content_Types].xml` with the theme part's type.
fn add_theme_type(types: &[u8]) -> Vec<u8> {
    insert_before_last(
        types,
        b"</Types>",
        br#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />"#,
    )
}

/// The document's relationships with the theme's.
pub fn add_theme_relationship(rels: &[u8]) -> Vec<u8> {
    insert_before_last(
        rels,
        b"</Relationships>",
        br#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" />"#,
    )
}

/// `part` with `insert` before the last `end` (unchanged when there is none).
fn insert_before_last(part: &[u8], end: &[u8], insert: &[u8]) -> Vec<u8> {
    let Some(at) = memchr::memmem::rfind(part, end) else {
        return part.to_vec();
    };
    let mut out = Vec::with_capacity(part.len() + insert.len());
    out.extend_from_slice(&part[..at]);
    out.extend_from_slice(insert);
    out.extend_from_slice(&part[at..]);
    out
}

/// A plain theme: black on white, and the layout's faces as the theme fonts (headings
/// 黑体, body the body face), so that text without explicit fonts still gets them.
fn theme_xml(layout: &Layout) -> String {
    let accents = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="GB/T 9704">"#,
        r#"<a:themeElements><a:clrScheme name="GB/T 9704">"#,
        r#"<a:dk1><a:sysClr val="windowText" lastClr="000000" /></a:dk1>"#,
        r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF" /></a:lt1>"#,
        r#"<a:dk2><a:srgbClr val="44546A" /></a:dk2><a:lt2><a:srgbClr val="E7E6E6" /></a:lt2>"#,
    ));
    for (i, c) in accents.iter().enumerate() {
        s.push_str(&format!(
            r#"<a:accent{n}><a:srgbClr val="{c}" /></a:accent{n}>"#,
            n = i + 1
        ));
    }
    s.push_str(concat!(
        r#"<a:hlink><a:srgbClr val="0563C1" /></a:hlink>"#,
        r#"<a:folHlink><a:srgbClr val="954F72" /></a:folHlink></a:clrScheme>"#,
        r#"<a:fontScheme name="GB/T 9704">"#,
    ));
    let latin = escape(&layout.latin_font);
    for (tag, face) in [("major", &layout.hei_font), ("minor", &layout.body_font)] {
        s.push_str(&format!(
            r#"<a:{tag}Font><a:latin typeface="{latin}" /><a:ea typeface="" /><a:cs typeface="" /><a:font script="Hans" typeface="{}" /></a:{tag}Font>"#,
            escape(face)
        ));
    }
    let fill = r#"<a:solidFill><a:schemeClr val="phClr" /></a:solidFill>"#;
    s.push_str(r#"</a:fontScheme><a:fmtScheme name="GB/T 9704"><a:fillStyleLst>"#);
    s.push_str(&fill.repeat(3));
    s.push_str("</a:fillStyleLst><a:lnStyleLst>");
    s.push_str(&format!(r#"<a:ln w="6350">{fill}</a:ln>"#).repeat(3));
    s.push_str("</a:lnStyleLst><a:effectStyleLst>");
    s.push_str(&"<a:effectStyle><a:effectLst /></a:effectStyle>".repeat(3));
    s.push_str("</a:effectStyleLst><a:bgFillStyleLst>");
    s.push_str(&fill.repeat(3));
    s.push_str("</a:bgFillStyleLst></a:fmtScheme></a:themeElements>");
    s.push_str("<a:objectDefaults /><a:extraClrSchemeLst /></a:theme>");
    s
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Zips a document: the prototype's parts as they are, then the document's own.
/// Every entry is dated the prototype's date at midnight.
fn pack(
    proto: &Prototype,
    core: &[u8],
    rels: &[u8],
    document: &[u8],
    images: &[Vec<u8>],
) -> Vec<u8> {
    let time = zip_time(proto.date);
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(DOCUMENT_LEVEL))
        .last_modified_time(time)
        .unix_permissions(0o644);
    // Small parts and PNG images are stored: deflating them costs more than it saves.
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let capacity = proto.archive_len
        + document.len() / 8
        + core.len()
        + rels.len()
        + images.iter().map(Vec::len).sum::<usize>()
        + 4096;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(capacity)));
    // Writing to memory cannot fail short of allocation failure.
    let _ = zip.merge_archive(proto.archive.clone());
    let mut add = |name: &str, bytes: &[u8], options: SimpleFileOptions| {
        if zip.start_file(name, options).is_ok() {
            let _ = zip.write_all(bytes);
        }
    };
    add("docProps/core.xml", core, stored);
    add(DOCUMENT_RELS, rels, stored);
    add("word/document.xml", document, deflated);
    for (i, png) in images.iter().enumerate() {
        add(
            &format!("word/media/{IMAGE_ID_PREFIX}{}.png", i + 1),
            png,
            stored,
        );
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// Deflate level of `word/document.xml`: 1 is several times faster than the default 6
/// on this repetitive XML and makes files only a little larger.
const DOCUMENT_LEVEL: i64 = 1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::blocks::{Column, Look};
    use crate::render::docx::elements::{Paragraph, Run};
    use std::collections::BTreeMap;
    use std::io::Read;

    fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).unwrap();
            out.insert(f.name().to_string(), buf);
        }
        out
    }

    fn sample_blocks(layout: &Layout) -> Vec<Block> {
        let columns = [Column::center("序号", 3), Column::left("名称", 9)];
        let rows = vec![vec![
            layout.cell_text("1"),
            layout.cell_text("身份证 <原件> & 复印件"),
        ]];
        vec![
            layout.title("标题").into(),
            layout.heading(1, "一、总体要求").into(),
            layout.body_text("正文 2026 年").into(),
            layout.table(&columns, rows).into(),
            Paragraph::new()
                .add_run(Run::new().add_image(720_000))
                .into(),
            layout.flush(vec![layout.run("签字", Look::BODY)]).into(),
        ]
    }

    /// Every XML part of a packaged document is well-formed and in schema order; the
    /// theme Word requires is there, typed and related.
    #[test]
    fn every_part_is_in_schema_order() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        let layout = Layout::new(&crate::model::DocxLayout::default());
        let proto = Prototype::new(layout.clone(), date);
        let meta = Meta {
            title: "标题",
            subject: "主题",
            author: "作者",
            date,
        };
        let got = unzip(&finish(
            &proto,
            &sample_blocks(&layout),
            &[vec![1, 2, 3]],
            &meta,
        ));
        for (name, bytes) in &got {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                assert!(
                    crate::render::docx::schema::is_in_order(bytes),
                    "{name}: {}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
        assert!(got.contains_key(THEME));
        for part in UNUSED_PARTS {
            assert!(!got.contains_key(part), "{part}");
            for (name, bytes) in &got {
                let file = part.rsplit('/').next().unwrap();
                assert!(
                    !String::from_utf8_lossy(bytes).contains(file),
                    "{name} names {part}"
                );
            }
        }
        let text = |name: &str| String::from_utf8_lossy(&got[name]).into_owned();
        assert!(text("[Content_Types].xml").contains("/word/theme/theme1.xml"));
        assert!(text(DOCUMENT_RELS).contains(r#"Target="theme/theme1.xml""#));
        assert!(text(DOCUMENT_RELS).contains("media/rIdImage1.png"));
        let document = text("word/document.xml");
        let sect = &document[document.find("<w:sectPr>").unwrap()..];
        assert!(sect.starts_with("<w:sectPr><w:footerReference"), "{sect}");
        let settings = text("word/settings.xml");
        assert!(settings.find("<w:zoom").unwrap() < settings.find("<w:defaultTabStop").unwrap());
    }

    #[test]
    fn renumbers_paragraph_ids_in_order() {
        let got = renumber_para_ids(br#"<w:p w14:paraId="0000abcd"><w:p w14:paraId="x">"#);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            r#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#
        );
    }

    #[test]
    fn escapes_metadata() {
        assert_eq!(escape("a<&>\"'\u{1}b"), "a&lt;&amp;&gt;&quot;&apos;b");
    }
}
