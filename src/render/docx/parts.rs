//! The parts every document of a layout shares, taken from docx-rs's output and patched
//! where docx-rs cannot express what the documents need:
//!
//! - `w14:paraId` renumbered from 1 in the headers and footers (docx-rs draws them from a
//!   per-thread counter, which would make bytes depend on scheduling);
//! - `w:lang` (zh-CN for East Asian text) in the document defaults;
//! - the font table with fallback names (`w:altName`), PANOSE and the GB2312 charset;
//! - a theme naming the layout's fonts; unused parts docx-rs writes left out.
//!
//! It also holds the part names and the ZIP date that the prototype and the package
//! share. It depends on no other part of the package layer: the flow runs
//! elements ← layout ← parts ← prototype ← package.

use super::layout::{Layout, font_info};
use super::schema::reorder;
use crate::model::Date;
use chrono::Datelike;
use docx_rs::XMLDocx;

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

/// Replaces every `w14:paraId="…"` value with a sequential 8-digit hex number.
pub(super) fn renumber_para_ids(part: &[u8]) -> Vec<u8> {
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
pub(super) const UNUSED_PARTS: [&str; 5] = [
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
pub fn insert_before_last(part: &[u8], end: &[u8], insert: &[u8]) -> Vec<u8> {
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
