//! The package layer: one document's own parts (`word/document.xml`, its relationships
//! with its images, `docProps/core.xml` with title, subject, author and fixed dates, which
//! docx-rs has no setters for) on the shared parts of a [`Prototype`], zipped
//! deterministically: the prototype's parts copied as they are, `word/document.xml`
//! deflated, the rest stored, every entry dated `as_of`.

use super::elements::Block;
use super::parts::{DOCUMENT_RELS, escape, insert_before_last, zip_time};
use super::prototype::Prototype;
use super::xml::IMAGE_ID_PREFIX;
use crate::model::{Date, SiteConfig};
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
    use crate::render::docx::layout::Layout;
    use crate::render::docx::parts::{THEME, UNUSED_PARTS, renumber_para_ids};
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
