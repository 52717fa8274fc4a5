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
use super::layout::{Layout, fallback_face};
use super::prototype::{IMAGE_ID, Prototype};
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
    /// The PNG that a picture in the body shows, if any.
    pub image: Option<Vec<u8>>,
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
        finish(proto, &self.blocks, self.image.as_deref(), &meta)
    }
}

/// Builds the document from `blocks` on the shared parts of `proto` and returns the
/// DOCX bytes. `image` is the PNG that a picture in the blocks shows, if any.
fn finish(proto: &Prototype, blocks: &[Block], image: Option<&[u8]>, meta: &Meta<'_>) -> Vec<u8> {
    let mut document = Vec::with_capacity(64 * 1024);
    document.extend_from_slice(&proto.document_head);
    super::xml::write_body(&mut document, blocks, &proto.fonts);
    document.extend_from_slice(&proto.document_tail);
    let rels = if image.is_some() {
        &proto.rels_with_image
    } else {
        &proto.rels
    };
    pack(proto, core_xml(meta).as_bytes(), rels, &document, image)
}

/// The parts of a built [`docx_rs::Docx`] that do not depend on the document's content, by
/// name, patched: the font table with fallbacks, the language in the styles, the
/// footers' paragraph ids. Includes the empty document's relationships under
/// [`DOCUMENT_RELS`].
pub fn shared_parts(xml: XMLDocx, layout: &Layout) -> Vec<(String, Vec<u8>)> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        (DOCUMENT_RELS.into(), xml.document_rels),
        ("word/styles.xml".into(), add_language(&xml.styles)),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), font_table(layout).into_bytes()),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, h) in xml.headers.into_iter().enumerate() {
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
        parts.push((format!("word/header{}.xml", i + 1), renumber_para_ids(&h)));
    }
    for (i, f) in xml.footers.into_iter().enumerate() {
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
        parts.push((format!("word/footer{}.xml", i + 1), renumber_para_ids(&f)));
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
        let latin = face == layout.latin_font;
        s.push_str(&format!(r#"<w:font w:name="{}">"#, escape(face)));
        if let Some(alt) = fallback_face(face) {
            s.push_str(&format!(r#"<w:altName w:val="{}" />"#, escape(alt)));
        }
        s.push_str(if latin {
            r#"<w:charset w:val="00" /><w:family w:val="roman" /><w:pitch w:val="variable" />"#
        } else {
            r#"<w:charset w:val="86" /><w:family w:val="modern" /><w:pitch w:val="fixed" />"#
        });
        s.push_str("</w:font>");
    }
    s.push_str("</w:fonts>");
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
    image: Option<&[u8]>,
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
    let capacity = proto.archive_len + document.len() / 8 + core.len() + rels.len() + 4096;
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
    if let Some(png) = image {
        add(&format!("word/media/{IMAGE_ID}.png"), png, stored);
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
    use crate::render::docx::oracle;
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

    /// The prototype's parts plus the body give the same parts as building the whole
    /// document with docx-rs and patching it.
    #[test]
    fn matches_a_document_built_whole_by_docx_rs() {
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
            Some(&[1, 2, 3]),
            &meta,
        ));

        let mut docx = layout.new_docx();
        for child in oracle::to_docx_rs(&layout, &sample_blocks(&layout)) {
            docx = match child {
                docx_rs::DocumentChild::Paragraph(p) => docx.add_paragraph(*p),
                docx_rs::DocumentChild::Table(t) => docx.add_table(*t),
                _ => unreachable!(),
            };
        }
        let mut xml = docx.build();
        let document =
            oracle::mark_header_rows(&renumber_para_ids(&std::mem::take(&mut xml.document)));
        let mut want: BTreeMap<String, Vec<u8>> = shared_parts(xml, &layout).into_iter().collect();
        want.insert("word/document.xml".into(), document);
        want.insert("docProps/core.xml".into(), core_xml(&meta).into_bytes());
        want.insert("word/media/rIdImage1.png".into(), vec![1, 2, 3]);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &want {
            assert_eq!(
                String::from_utf8_lossy(&got[name]),
                String::from_utf8_lossy(bytes),
                "{name}"
            );
        }
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
