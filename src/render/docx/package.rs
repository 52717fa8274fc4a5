//! The package layer: what docx-rs cannot express, patched into the built XML parts,
//! then the parts zipped deterministically.
//!
//! - `docProps/core.xml`: title, subject, author and fixed dates (docx-rs has no setters);
//! - `w:tblHeader` on the first row of every table (every table here has a header row);
//! - `w14:paraId` renumbered from 1 in each part (docx-rs draws them from a per-thread
//!   counter, which would make bytes depend on scheduling);
//! - `w:lang` (zh-CN for East Asian text) in the document defaults;
//! - the font table with fallback names (`w:altName`) and the GB2312 charset;
//! - the ZIP written with every entry dated `as_of`; parts over 1 KB deflated.

use super::layout::{Layout, fallback_face};
use crate::model::Date;
use chrono::Datelike;
use docx_rs::{Docx, XMLDocx};
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

/// Builds `docx`, patches its parts and returns the DOCX bytes.
pub fn finish(docx: Docx, layout: &Layout, meta: &Meta<'_>) -> Vec<u8> {
    let mut xml = docx.build();
    xml.doc_props.core = core_xml(meta).into_bytes();
    xml.document = mark_header_rows(&renumber_para_ids(&xml.document));
    for f in &mut xml.footers {
        *f = renumber_para_ids(f);
    }
    for h in &mut xml.headers {
        *h = renumber_para_ids(h);
    }
    xml.styles = add_language(&xml.styles);
    xml.font_table = font_table(layout).into_bytes();
    pack(xml, meta.date)
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in super::text::clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
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
    const KEY: &[u8] = b"w14:paraId=\"";
    let mut out = Vec::with_capacity(part.len());
    let mut rest = part;
    let mut n: u32 = 0;
    while let Some(i) = find(rest, KEY) {
        let value_start = i + KEY.len();
        let Some(len) = rest[value_start..].iter().position(|&b| b == b'"') else {
            break;
        };
        n += 1;
        out.extend_from_slice(&rest[..value_start]);
        out.extend_from_slice(format!("{n:08X}").as_bytes());
        rest = &rest[value_start + len..];
    }
    out.extend_from_slice(rest);
    out
}

/// Marks the first row of every table as a header row repeated on each page.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    const TABLE: &[u8] = b"<w:tbl>";
    // Schema order puts tblHeader after cantSplit and trHeight: insert it last.
    const ROW_PROPS_END: &[u8] = b"</w:trPr>";
    let mut out = Vec::with_capacity(document.len() + 64);
    let mut rest = document;
    while let Some(t) = find(rest, TABLE) {
        let after_table = t + TABLE.len();
        out.extend_from_slice(&rest[..after_table]);
        rest = &rest[after_table..];
        // The first row's properties; rows built here always have some (cantSplit).
        let Some(tr) = find(rest, b"<w:tr>").or_else(|| find(rest, b"<w:tr ")) else {
            continue;
        };
        let Some(p) = find(&rest[tr..], ROW_PROPS_END) else {
            continue;
        };
        let at = tr + p;
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(b"<w:tblHeader />");
        rest = &rest[at..];
    }
    out.extend_from_slice(rest);
    out
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
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Zips the parts in a fixed order, every entry dated `date` at midnight.
fn pack(xml: XMLDocx, date: Date) -> Vec<u8> {
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(date.year().clamp(1980, 2107)).unwrap_or(1980),
        date.month() as u8,
        date.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .unix_permissions(0o644);
    // Small parts are stored: a deflate stream costs more to set up than it saves.
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (i, h) in xml.headers.into_iter().enumerate() {
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
        parts.push((format!("word/header{}.xml", i + 1), h));
    }
    for (i, f) in xml.footers.into_iter().enumerate() {
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
        parts.push((format!("word/footer{}.xml", i + 1), f));
    }
    for (id, bytes) in xml.media {
        parts.push((format!("word/media/{id}.png"), bytes));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // Writing to memory cannot fail short of allocation failure.
        let options = if bytes.len() > 1024 && !name.ends_with(".png") {
            deflated
        } else {
            stored
        };
        if zip.start_file(name, options).is_ok() {
            let _ = zip.write_all(&bytes);
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbers_paragraph_ids_in_order() {
        let got = renumber_para_ids(br#"<w:p w14:paraId="0000abcd"><w:p w14:paraId="x">"#);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            r#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#
        );
    }

    #[test]
    fn marks_only_the_first_row_of_each_table() {
        let doc = b"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl><w:tbl><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
        let got = String::from_utf8(mark_header_rows(doc)).unwrap();
        assert_eq!(got.matches("<w:tblHeader />").count(), 2);
        assert!(got.starts_with("<w:tbl><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"));
    }

    #[test]
    fn escapes_metadata() {
        assert_eq!(escape("a<&>\"'\u{1}b"), "a&lt;&amp;&gt;&quot;&apos;b");
    }
}
