//! Page layout per GB/T 9704-2012, computed from the site's [`DocxLayout`].
//!
//! Everything here is in Word units: twips (1/20 pt) for lengths, half-points for font
//! sizes. Site overrides that are out of any sensible range are clamped, never refused:
//! a document is always produced.

use super::elements;
pub use super::elements::Face;
use crate::model::DocxLayout;
use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};

/// A4 width in twips.
pub const PAGE_WIDTH: u32 = 11906;
/// A4 height in twips.
pub const PAGE_HEIGHT: u32 = 16838;

/// Twips in one millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// What the font table says of a face, so that Word and WPS substitute it the same way
/// on every machine: the name of the face to use when it is missing (`w:altName`, the
/// stock Windows face of the same design), its PANOSE classification (which Word
/// matches when the alternative is missing too) and its character set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontInfo {
    /// The face to use when this one is not installed.
    pub alternative: Option<&'static str>,
    /// PANOSE-1 classification, 10 bytes as 20 hex digits.
    pub panose: &'static str,
    /// Character set: `86` GB2312, `00` ANSI.
    pub charset: &'static str,
    /// Font family: `modern` (fixed-pitch CJK), `roman`, `swiss`.
    pub family: &'static str,
    /// `fixed` or `variable`.
    pub pitch: &'static str,
}

/// The official faces of GB/T 9704 and the stock Windows faces they fall back to. The
/// last resort for 小标宋 is 宋体 (bold, by the 宋体 entry of this table); for the
/// others the same design in its Windows name.
const FONTS: &[(&str, FontInfo)] = &[
    ("仿宋_GB2312", cjk(Some("仿宋"), "02010609030101010101")),
    ("仿宋", cjk(Some("FangSong"), "02010609060101010101")),
    ("方正小标宋简体", cjk(Some("宋体"), "02000000000000000000")),
    ("方正小标宋_GBK", cjk(Some("宋体"), "02000000000000000000")),
    ("小标宋", cjk(Some("宋体"), "02000000000000000000")),
    ("楷体_GB2312", cjk(Some("楷体"), "02010609030101010101")),
    ("楷体", cjk(Some("KaiTi"), "02010609060101010101")),
    ("黑体", cjk(Some("SimHei"), "02010609060101010101")),
    ("宋体", cjk(Some("SimSun"), "02010600030101010101")),
    (
        "Times New Roman",
        FontInfo {
            alternative: None,
            panose: "02020603050405020304",
            charset: "00",
            family: "roman",
            pitch: "variable",
        },
    ),
];

const fn cjk(alternative: Option<&'static str>, panose: &'static str) -> FontInfo {
    FontInfo {
        alternative,
        panose,
        charset: "86",
        family: "modern",
        pitch: "fixed",
    }
}

/// The font-table entry of `face`: from [`FONTS`] when it is a face of the standard;
/// otherwise no alternative, no PANOSE, and GB2312 unless it is the Latin face.
pub fn font_info(face: &str, latin: bool) -> FontInfo {
    if let Some((_, info)) = FONTS.iter().find(|(name, _)| *name == face) {
        return *info;
    }
    FontInfo {
        alternative: None,
        panose: "",
        charset: if latin { "00" } else { "86" },
        family: if latin { "roman" } else { "modern" },
        pitch: if latin { "variable" } else { "fixed" },
    }
}

/// The layout of one document, in Word units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Fonts by role (East Asian faces) and the Latin face.
    pub body_font: String,
    /// 小标宋
    pub title_font: String,
    /// 黑体
    pub hei_font: String,
    /// 楷体
    pub kai_font: String,
    /// 宋体 for page numbers.
    pub song_font: String,
    /// Face for Latin letters and digits.
    pub latin_font: String,
    /// Margins in twips: top, bottom, left, right.
    pub margin_top: i32,
    /// Bottom margin.
    pub margin_bottom: i32,
    /// Left margin.
    pub margin_left: i32,
    /// Right margin.
    pub margin_right: i32,
    /// Body size in half-points.
    pub body_size: usize,
    /// Title size in half-points.
    pub title_size: usize,
    /// Table text size in half-points.
    pub table_size: usize,
    /// Page-number size in half-points (4号).
    pub page_number_size: usize,
    /// Line pitch of the document grid, in twips (exact line spacing of body text).
    pub line_pitch: u32,
    /// Character spacing adjustment so that `chars_per_line` characters fill a line.
    pub char_spacing: i32,
}

fn mm(v: f64, lo: f64, hi: f64) -> i32 {
    let v = if v.is_finite() { v.clamp(lo, hi) } else { lo };
    (v * TWIPS_PER_MM).round() as i32
}

fn half_points(pt: f64, lo: f64, hi: f64) -> usize {
    let pt = if pt.is_finite() { pt.clamp(lo, hi) } else { lo };
    (pt * 2.0).round() as usize
}

fn face(name: &str, default: &str) -> String {
    let cleaned = super::text::clean(name.trim());
    if cleaned.is_empty() {
        default.to_string()
    } else {
        cleaned
    }
}

impl Layout {
    /// The layout for a site's `docx` settings.
    pub fn new(d: &DocxLayout) -> Layout {
        let margin_top = mm(d.margin_top_mm, 5.0, 80.0);
        let margin_bottom = mm(d.margin_bottom_mm, 5.0, 80.0);
        let margin_left = mm(d.margin_left_mm, 5.0, 60.0);
        let margin_right = mm(d.margin_right_mm, 5.0, 60.0);
        let body_size = half_points(d.body_size_pt, 8.0, 36.0);
        let title_size = half_points(d.title_size_pt, 8.0, 48.0);
        let lines = d.lines_per_page.clamp(5, 60) as i32;
        let chars = d.chars_per_line.clamp(5, 60) as i32;
        let type_height = PAGE_HEIGHT as i32 - margin_top - margin_bottom;
        let type_width = PAGE_WIDTH as i32 - margin_left - margin_right;
        // The line must hold the body size; otherwise fewer lines fit than asked.
        let line_pitch = (type_height / lines).max(body_size as i32 * 10 + 40) as u32;
        let char_width = body_size as i32 * 10;
        let char_spacing = (type_width / chars - char_width).clamp(-char_width / 4, 400);
        // Tables: three quarters of the body size, at least 小五 (9 pt).
        let table_size = (body_size * 3 / 4).max(18);
        Layout {
            body_font: face(&d.body_font, "仿宋_GB2312"),
            title_font: face(&d.title_font, "方正小标宋简体"),
            hei_font: face(&d.heading1_font, "黑体"),
            kai_font: face(&d.heading2_font, "楷体_GB2312"),
            song_font: face(&d.page_number_font, "宋体"),
            latin_font: face(&d.latin_font, "Times New Roman"),
            margin_top,
            margin_bottom,
            margin_left,
            margin_right,
            body_size,
            title_size,
            table_size,
            page_number_size: 28,
            line_pitch,
            char_spacing,
        }
    }

    /// Width of the type area in twips.
    pub fn text_width(&self) -> u32 {
        (PAGE_WIDTH as i32 - self.margin_left - self.margin_right).max(1000) as u32
    }

    /// The East Asian face for `face`.
    pub fn east_asian(&self, face: Face) -> &str {
        match face {
            Face::Body => &self.body_font,
            Face::Title => &self.title_font,
            Face::Hei => &self.hei_font,
            Face::Kai => &self.kai_font,
            Face::Song => &self.song_font,
        }
    }

    /// Run fonts: the East Asian face for Chinese text, the Latin face for the rest.
    pub fn fonts(&self, face: Face) -> RunFonts {
        RunFonts::new()
            .ascii(&self.latin_font)
            .hi_ansi(&self.latin_font)
            .cs(&self.latin_font)
            .east_asia(self.east_asian(face))
    }

    /// Every face the document may use, and the alternatives the font table names for
    /// them, for the font table.
    pub fn faces(&self) -> Vec<&str> {
        let mut v = vec![
            self.body_font.as_str(),
            &self.title_font,
            &self.hei_font,
            &self.kai_font,
            &self.song_font,
            &self.latin_font,
        ];
        let alternatives: Vec<&str> = v
            .iter()
            .filter_map(|f| font_info(f, false).alternative)
            .filter(|a| !a.is_ascii())
            .collect();
        v.extend(alternatives);
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Exact line spacing of body text (one grid line).
    fn body_spacing(&self) -> LineSpacing {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(self.line_pitch as i32)
    }

    /// Exact line spacing for table text: 1.25 times its size.
    pub fn table_spacing(&self) -> elements::LineSpacing {
        elements::LineSpacing::Exact((self.table_size * 25 / 2) as i32)
    }

    /// Exact line spacing of 1.3 times `size` (half-points), for text off the grid.
    pub fn exact_spacing(&self, size: usize) -> elements::LineSpacing {
        elements::LineSpacing::Exact((size * 13) as i32)
    }

    /// One body character's width in twips, for indents measured in characters.
    pub fn char_twips(&self) -> i32 {
        self.body_size as i32 * 10 + self.char_spacing
    }

    /// An empty A4 document with this layout: margins, grid, default fonts, footers.
    pub fn new_docx(&self) -> Docx {
        // Page number: the dashes 7 mm below the type area (GB/T 9704 7.5). The footer
        // distance is that of the line's bottom edge; the dashes of 4号 宋体 at single
        // spacing sit about 130 twips (2.3 mm) above it (measured on rendered pages).
        let footer_distance = (self.margin_bottom - mm(7.0, 0.0, 10.0) - 130).max(200);
        let mut docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(PageMargin {
                top: self.margin_top,
                left: self.margin_left,
                bottom: self.margin_bottom,
                right: self.margin_right,
                header: (self.margin_top / 2).max(200),
                footer: footer_distance,
                gutter: 0,
            })
            .default_fonts(self.fonts(Face::Body))
            .default_size(self.body_size)
            .default_spacing(self.char_spacing)
            .default_line_spacing(self.body_spacing())
            .footer(Footer::new().add_paragraph(self.page_number(true)))
            .even_footer(Footer::new().add_paragraph(self.page_number(false)));
        docx.document = docx.document.doc_grid(
            DocGrid::new()
                .grid_type(DocGridType::Lines)
                .line_pitch(self.line_pitch as usize),
        );
        docx
    }

    /// "— 1 —" in 4号 宋体: right-aligned on odd pages, left-aligned on even pages, one
    /// character in from the edge.
    fn page_number(&self, odd: bool) -> Paragraph {
        let styled = |r: Run| {
            r.fonts(self.fonts(Face::Song))
                .size(self.page_number_size)
                .character_spacing(0)
        };
        let one_char = self.page_number_size as i32 * 10;
        let p = Paragraph::new()
            .snap_to_grid(false)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            )
            .add_run(styled(Run::new().add_text("— ")))
            .add_run(styled(
                Run::new().add_field_char(FieldCharType::Begin, false),
            ))
            .add_run(styled(
                Run::new().add_instr_text(InstrText::PAGE(docx_rs::InstrPAGE::new())),
            ))
            .add_run(styled(
                Run::new().add_field_char(FieldCharType::Separate, false),
            ))
            .add_run(styled(Run::new().add_text("1")))
            .add_run(styled(Run::new().add_field_char(FieldCharType::End, false)))
            .add_run(styled(Run::new().add_text(" —")));
        if odd {
            p.align(AlignmentType::Right)
                .indent(None, None, Some(one_char), None)
        } else {
            p.align(AlignmentType::Left).indent(
                Some(one_char),
                None::<SpecialIndentType>,
                None,
                None,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb_t_9704_defaults_give_the_standard_numbers() {
        let l = Layout::new(&DocxLayout::default());
        assert_eq!(
            (l.margin_top, l.margin_bottom, l.margin_left, l.margin_right),
            (2098, 1984, 1587, 1474)
        );
        assert_eq!(l.body_size, 32);
        assert_eq!(l.title_size, 44);
        assert_eq!(l.line_pitch, 579);
        assert_eq!(l.char_spacing, -5);
        assert!(28 * l.char_twips() <= l.text_width() as i32);
    }

    #[test]
    fn official_faces_fall_back_to_stock_windows_faces() {
        let alt = |f: &str| font_info(f, false).alternative;
        assert_eq!(alt("仿宋_GB2312"), Some("仿宋"));
        assert_eq!(alt("方正小标宋简体"), Some("宋体"));
        assert_eq!(alt("楷体_GB2312"), Some("楷体"));
        assert_eq!(font_info("仿宋_GB2312", false).charset, "86");
        assert_eq!(font_info("Times New Roman", true).charset, "00");
        assert_eq!(font_info("Arial", true).panose, "");
        let l = Layout::new(&DocxLayout::default());
        let faces = l.faces();
        for f in [
            "仿宋_GB2312",
            "仿宋",
            "方正小标宋简体",
            "宋体",
            "楷体_GB2312",
            "楷体",
            "黑体",
        ] {
            assert!(faces.contains(&f), "{f} in {faces:?}");
        }
    }

    #[test]
    fn absurd_overrides_are_clamped() {
        let d = DocxLayout {
            margin_top_mm: f64::NAN,
            margin_left_mm: 1e9,
            body_size_pt: -3.0,
            lines_per_page: 0,
            chars_per_line: 10_000,
            body_font: "  ".into(),
            ..DocxLayout::default()
        };
        let l = Layout::new(&d);
        assert!(l.margin_top > 0 && l.margin_left < 4000);
        assert_eq!(l.body_font, "仿宋_GB2312");
        assert!(l.line_pitch > 0 && l.text_width() > 0);
    }
}
