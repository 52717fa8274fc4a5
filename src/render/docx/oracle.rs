//! The reference for [`super::xml`]: the same elements built with docx-rs, whose bytes
//! the writer must reproduce. Tests only.

use super::elements::{self, Align, Block, FirstLine, Inline};
use super::layout::Layout;
use super::package::copy_renumbered;
use super::prototype::IMAGE_ID;
use docx_rs::{
    AlignmentType, BreakType, BuildXML, LineSpacingType, Pic, SpecialIndentType, TableCellMargins,
    TableLayoutType, VAlignType, WidthType,
};

/// `blocks` as docx-rs types.
pub fn to_docx_rs(layout: &Layout, blocks: &[Block]) -> Vec<docx_rs::DocumentChild> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => {
                docx_rs::DocumentChild::Paragraph(Box::new(paragraph(layout, p)))
            }
            Block::Table(t) => docx_rs::DocumentChild::Table(Box::new(table(layout, t))),
        })
        .collect()
}

/// The body XML docx-rs writes for `blocks`, with the paragraph ids numbered from 1 and
/// each table's first row marked as a header row.
pub fn body_xml(layout: &Layout, blocks: &[Block]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ids = 0;
    for child in to_docx_rs(layout, blocks) {
        let xml = match child {
            docx_rs::DocumentChild::Paragraph(p) => p.build(),
            docx_rs::DocumentChild::Table(t) => mark_header_rows(&t.build()),
            _ => unreachable!("only paragraphs and tables are converted"),
        };
        copy_renumbered(&mut out, &xml, &mut ids);
    }
    out
}

fn paragraph(layout: &Layout, p: &elements::Paragraph) -> docx_rs::Paragraph {
    let mut d = docx_rs::Paragraph::new();
    if let Some(a) = p.align {
        d = d.align(match a {
            Align::Left => AlignmentType::Left,
            Align::Center => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
            Align::Both => AlignmentType::Both,
        });
    }
    if let Some(ind) = p.indent {
        let special = match ind.first_line {
            FirstLine::Flush => None,
            FirstLine::Indented(v) => Some(SpecialIndentType::FirstLine(v)),
            FirstLine::Hanging(v) => Some(SpecialIndentType::Hanging(v)),
        };
        d = d.indent(Some(ind.left), special, Some(ind.right), None);
    }
    if let Some(s) = p.line_spacing {
        let (line, rule) = match s {
            elements::LineSpacing::Exact(v) => (v, LineSpacingType::Exact),
            elements::LineSpacing::Auto(v) => (v, LineSpacingType::Auto),
        };
        d = d.line_spacing(docx_rs::LineSpacing::new().line_rule(rule).line(line));
    }
    if let Some(level) = p.outline_level {
        d = d.outline_lvl(usize::from(level));
    }
    if let Some(snap) = p.snap_to_grid {
        d = d.snap_to_grid(snap);
    }
    if p.keep_next {
        d = d.keep_next(true);
    }
    for r in &p.runs {
        d = d.add_run(run(layout, r));
    }
    d
}

fn run(layout: &Layout, r: &elements::Run) -> docx_rs::Run {
    let mut d = docx_rs::Run::new();
    if let Some(face) = r.face {
        d = d.fonts(layout.fonts(face));
    }
    if let Some(size) = r.size {
        d = d.size(size);
    }
    if r.bold {
        d = d.bold();
    }
    if let Some(s) = r.spacing {
        d = d.character_spacing(s);
    }
    for c in &r.content {
        d = match c {
            Inline::Text(t) => d.add_text(t),
            Inline::Break => d.add_break(BreakType::TextWrapping),
            Inline::Image { emu } => d.add_image(
                Pic::new_with_dimensions(vec![0], 1, 1)
                    .size(*emu, *emu)
                    .id(IMAGE_ID),
            ),
        };
    }
    d
}

fn table(layout: &Layout, t: &elements::Table) -> docx_rs::Table {
    let rows = t
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|c| {
                    let mut cell = docx_rs::TableCell::new()
                        .width(c.width, WidthType::Dxa)
                        .vertical_align(VAlignType::Center);
                    if let Some(span) = c.span {
                        cell = cell.grid_span(span);
                    }
                    for p in &c.paragraphs {
                        cell = cell.add_paragraph(paragraph(layout, p));
                    }
                    cell
                })
                .collect();
            docx_rs::TableRow::new(cells).cant_split()
        })
        .collect();
    let mut d = if t.borders {
        docx_rs::Table::new(rows)
    } else {
        docx_rs::Table::without_borders(rows)
    };
    if let Some(m) = t.cell_margin {
        d = d.margins(TableCellMargins::new().margin(0, m, 0, m));
    }
    d.set_grid(t.grid.clone())
        .layout(TableLayoutType::Fixed)
        .width(t.width, WidthType::Dxa)
}

/// Marks the first row of every table as a header row repeated on each page.
pub fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    const TABLE: &[u8] = b"<w:tbl>";
    // Schema order puts tblHeader after cantSplit and trHeight: insert it last.
    const ROW_PROPS_END: &[u8] = b"</w:trPr>";
    let find = memchr::memmem::find;
    let mut out = Vec::with_capacity(document.len() + 64);
    let mut rest = document;
    while let Some(t) = find(rest, TABLE) {
        let after_table = t + TABLE.len();
        out.extend_from_slice(&rest[..after_table]);
        rest = &rest[after_table..];
        let Some(tr) = find(rest, b"<w:tr>") else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_the_first_row_of_each_table() {
        let doc = b"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl><w:tbl><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
        let got = String::from_utf8(mark_header_rows(doc)).unwrap();
        assert_eq!(got.matches("<w:tblHeader />").count(), 2);
        assert!(got.starts_with("<w:tbl><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"));
    }
}
