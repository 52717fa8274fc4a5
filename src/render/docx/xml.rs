//! Writes body [`elements`](super::elements) as WordprocessingML (the content of
//! `<w:body>` in `word/document.xml`).
//!
//! Elements are written in ECMA-376 schema order (see [`super::schema`], whose
//! reordering a test runs over every fixture document to check that nothing would
//! move), paragraph ids are numbered from 1 in document order and each table's first
//! row is a repeated header row (`w:tblHeader`). Writing straight into one buffer is
//! many times faster than building docx-rs's element tree and serialising it, which
//! dominated the time of a build with thousands of documents.

use super::elements::{Align, Block, Cell, FirstLine, Inline, LineSpacing, Paragraph, Run, Table};
use super::layout::{Face, Layout};
use crate::render::escape::push_int;

/// Relationship id (and media file name) of a document's images, before their number
/// (from 1): `rIdImage1`.
pub const IMAGE_ID_PREFIX: &str = "rIdImage";

/// The `w:rFonts` element of each [`Face`], prepared once per layout.
#[derive(Debug, Clone)]
pub struct Fonts([String; 5]);

impl Fonts {
    /// The run fonts of `layout`: the face's East Asian font, the Latin font for the rest.
    pub fn new(layout: &Layout) -> Fonts {
        let latin = escape(&layout.latin_font);
        let element = |face: Face| {
            format!(
                r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{}" />"#,
                escape(layout.east_asian(face))
            )
        };
        Fonts([
            element(Face::Body),
            element(Face::Title),
            element(Face::Hei),
            element(Face::Kai),
            element(Face::Song),
        ])
    }

    fn of(&self, face: Face) -> &str {
        let i = match face {
            Face::Body => 0,
            Face::Title => 1,
            Face::Hei => 2,
            Face::Kai => 3,
            Face::Song => 4,
        };
        &self.0[i]
    }
}

/// Appends the XML of `blocks` to `out`.
pub fn write_body(out: &mut Vec<u8>, blocks: &[Block], fonts: &Fonts) {
    let mut w = Writer {
        out,
        fonts,
        para_id: 0,
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) => w.paragraph(p),
            Block::Table(t) => w.table(t),
        }
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    fonts: &'a Fonts,
    para_id: u32,
}

impl Writer<'_> {
    fn push(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn int(&mut self, n: i64) {
        push_int(self.out, n);
    }

    /// `<name w:val="n" />`
    fn val(&mut self, name: &str, n: i64) {
        self.push("<");
        self.push(name);
        self.push(r#" w:val=""#);
        self.int(n);
        self.push(r#"" />"#);
    }

    /// A paragraph, its properties in schema order (`keepNext`, `keepLines`,
    /// `snapToGrid`, `spacing`, `ind`, `jc`, `outlineLvl`).
    fn paragraph(&mut self, p: &Paragraph) {
        self.para_id += 1;
        self.push(r#"<w:p w14:paraId=""#);
        push_hex8(self.out, self.para_id);
        self.push(r#""><w:pPr>"#);
        if p.keep_next {
            self.push("<w:keepNext />");
        }
        if p.keep_lines {
            self.push("<w:keepLines />");
        }
        if p.page_break_before {
            self.push("<w:pageBreakBefore />");
        }
        if let Some(r) = p.rule_below {
            self.push(r#"<w:pBdr><w:bottom w:val="single" w:sz=""#);
            self.int(r.size.into());
            self.push(r#"" w:space=""#);
            self.int(r.space.into());
            self.push(r#"" w:color=""#);
            self.push(r.color);
            self.push(r#"" /></w:pBdr>"#);
        }
        if let Some(snap) = p.snap_to_grid {
            self.push(if snap {
                r#"<w:snapToGrid w:val="true" />"#
            } else {
                r#"<w:snapToGrid w:val="false" />"#
            });
        }
        if p.line_spacing.is_some() || p.space_before.is_some() {
            self.push("<w:spacing");
            if let Some(before) = p.space_before {
                self.push(r#" w:before=""#);
                self.int(before.into());
                self.push(r#"""#);
            }
            if let Some(s) = p.line_spacing {
                let (line, rule) = match s {
                    LineSpacing::Exact(v) => (v, "exact"),
                    LineSpacing::Auto(v) => (v, "auto"),
                };
                self.push(r#" w:line=""#);
                self.int(line.into());
                self.push(r#"" w:lineRule=""#);
                self.push(rule);
                self.push(r#"""#);
            }
            self.push(" />");
        }
        if let Some(ind) = p.indent {
            self.push(r#"<w:ind w:left=""#);
            self.int(ind.left.into());
            self.push(r#"" w:right=""#);
            self.int(ind.right.into());
            match ind.first_line {
                FirstLine::Flush => {}
                FirstLine::Indented(v) => {
                    self.push(r#"" w:firstLine=""#);
                    self.int(v.into());
                }
                FirstLine::Hanging(v) => {
                    self.push(r#"" w:hanging=""#);
                    self.int(v.into());
                }
            }
            self.push(r#"" />"#);
        }
        if let Some(a) = p.align {
            self.push(match a {
                Align::Left => r#"<w:jc w:val="left" />"#,
                Align::Center => r#"<w:jc w:val="center" />"#,
                Align::Right => r#"<w:jc w:val="right" />"#,
                Align::Both => r#"<w:jc w:val="both" />"#,
            });
        }
        if let Some(level) = p.outline_level {
            self.val("w:outlineLvl", level.into());
        }
        self.push("</w:pPr>");
        for r in &p.runs {
            self.run(r);
        }
        self.push("</w:p>");
    }

    /// A run, its properties in schema order (`rFonts`, `b`, `bCs`, `spacing`, `sz`,
    /// `szCs`).
    fn run(&mut self, r: &Run) {
        self.push("<w:r>");
        if r.size.is_some()
            || r.bold
            || r.face.is_some()
            || r.spacing.is_some()
            || r.color.is_some()
        {
            self.push("<w:rPr>");
            if let Some(face) = r.face {
                let fonts = self.fonts;
                self.push(fonts.of(face));
            }
            if r.bold {
                self.push("<w:b /><w:bCs />");
            }
            if let Some(color) = r.color {
                self.push(r#"<w:color w:val=""#);
                self.push(color);
                self.push(r#"" />"#);
            }
            if let Some(spacing) = r.spacing {
                self.val("w:spacing", spacing.into());
            }
            if let Some(size) = r.size {
                self.val("w:sz", size as i64);
                self.val("w:szCs", size as i64);
            }
            self.push("</w:rPr>");
        }
        for c in &r.content {
            match c {
                Inline::Text(t) => self.text(t),
                Inline::Break => self.push(r#"<w:br w:type="textWrapping" />"#),
                Inline::Image { emu, id } => self.image(*emu, *id),
            }
        }
        self.push("</w:r>");
    }

    /// Text, with every hyphen inside a number, time, code or address (a `-` between
    /// two ASCII letters or digits: `0570-12345`, `8:30-12:00`, `330199-XK-0001`) as a
    /// non-breaking hyphen (`w:noBreakHyphen`), so that no line ends at it.
    fn text(&mut self, t: &str) {
        let bytes = t.as_bytes();
        let mut start = 0;
        for i in memchr::memchr_iter(b'-', bytes) {
            let joins = i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if joins {
                self.text_element(&t[start..i]);
                self.push("<w:noBreakHyphen />");
                start = i + 1;
            }
        }
        self.text_element(&t[start..]);
    }

    fn text_element(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        self.push(r#"<w:t xml:space="preserve">"#);
        escape_into(self.out, t);
        self.push("</w:t>");
    }

    fn image(&mut self, emu: u32, id: u32) {
        let emu = i64::from(emu);
        self.push(
            r#"<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx=""#,
        );
        self.int(emu);
        self.push(r#"" cy=""#);
        self.int(emu);
        self.push(r#"" /><wp:effectExtent b="0" l="0" r="0" t="0" /><wp:docPr id=""#);
        self.int(id.into());
        self.push(concat!(
            r#"" name="Figure" />"#,
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1" /></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="" />"#,
            r#"<pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1" /></pic:cNvPicPr></pic:nvPicPr>"#,
            r#"<pic:blipFill><a:blip r:embed=""#,
        ));
        self.push(IMAGE_ID_PREFIX);
        self.int(id.into());
        self.push(concat!(
            r#"" /><a:srcRect /><a:stretch><a:fillRect /></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr bwMode="auto"><a:xfrm rot="0"><a:off x="0" y="0" /><a:ext cx=""#,
        ));
        self.int(emu);
        self.push(r#"" cy=""#);
        self.int(emu);
        self.push(concat!(
            r#"" /></a:xfrm><a:prstGeom prst="rect"><a:avLst /></a:prstGeom></pic:spPr>"#,
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>",
        ));
    }

    fn table(&mut self, t: &Table) {
        self.push(r#"<w:tbl><w:tblPr><w:tblW w:w=""#);
        self.int(t.width as i64);
        self.push(r#"" w:type="dxa" /><w:jc w:val="left" />"#);
        // tblBorders, tblLayout, tblCellMar: schema order.
        if t.borders {
            self.push("<w:tblBorders>");
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                self.push("<w:");
                self.push(side);
                self.push(r#" w:val="single" w:sz="2" w:space="0" w:color="000000" />"#);
            }
            self.push("</w:tblBorders>");
        } else {
            self.push("<w:tblBorders />");
        }
        self.push(r#"<w:tblLayout w:type="fixed" />"#);
        if let Some(m) = t.cell_margin {
            self.push(r#"<w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w=""#);
            self.int(m as i64);
            self.push(r#"" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w=""#);
            self.int(m as i64);
            self.push(r#"" w:type="dxa" /></w:tblCellMar>"#);
        }
        self.push("</w:tblPr><w:tblGrid>");
        for &w in &t.grid {
            self.push(r#"<w:gridCol w:w=""#);
            self.int(w as i64);
            self.push(r#"" />"#);
        }
        self.push("</w:tblGrid>");
        for (i, row) in t.rows.iter().enumerate() {
            self.push(if i == 0 {
                "<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"
            } else {
                "<w:tr><w:trPr><w:cantSplit /></w:trPr>"
            });
            for cell in row {
                self.cell(cell);
            }
            self.push("</w:tr>");
        }
        self.push("</w:tbl>");
    }

    fn cell(&mut self, c: &Cell) {
        self.push(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
        self.int(c.width as i64);
        self.push(r#"" w:type="dxa" />"#);
        if let Some(span) = c.span {
            self.val("w:gridSpan", span as i64);
        }
        self.push(r#"<w:vAlign w:val="center" /></w:tcPr>"#);
        for p in &c.paragraphs {
            self.paragraph(p);
        }
        self.push("</w:tc>");
    }
}

/// Escapes `s` for XML text and attribute values the way docx-rs does: the five
/// markup characters as entities, a line feed as `&#xA;`, carriage returns dropped.
pub fn escape(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    escape_into(&mut out, s);
    String::from_utf8(out).unwrap_or_default()
}

fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&apos;",
            b'\n' => b"&#xA;",
            b'\r' => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(entity);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Appends `n` as 8 upper-case hex digits (a paragraph id).
pub fn push_hex8(out: &mut Vec<u8>, n: u32) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in (0..8).rev() {
        out.push(HEX[((n >> (shift * 4)) & 0xF) as usize]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> String {
        let layout = Layout::new(&crate::model::DocxLayout::default());
        let mut out = Vec::new();
        let p = Paragraph::new().add_run(Run::new().add_text(text));
        write_body(&mut out, &[Block::Paragraph(p)], &Fonts::new(&layout));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hyphens_in_numbers_codes_and_times_do_not_break() {
        let got = body("电话0570-12345，8:30-12:00，330199-XK-0001，a - b，-1");
        let hyphen = r#"</w:t><w:noBreakHyphen /><w:t xml:space="preserve">"#;
        for joined in ["0570{h}12345", "8:30{h}12:00", "330199{h}XK{h}0001"] {
            assert!(got.contains(&joined.replace("{h}", hyphen)), "{got}");
        }
        assert_eq!(got.matches("noBreakHyphen").count(), 4);
        assert!(got.contains("a - b，-1</w:t>"), "{got}");
        assert!(!body("无连字符").contains("noBreakHyphen"));
    }

    #[test]
    fn escapes_like_docx_rs() {
        assert_eq!(
            escape("a<&>\"'b\nc\rd 中"),
            "a&lt;&amp;&gt;&quot;&apos;b&#xA;cd 中"
        );
    }
}
