//! The elements of a document body as plain data: paragraphs of runs, and tables of
//! cells holding paragraphs. Only what the documents use is here; [`super::xml`]
//! writes them as WordprocessingML.
//!
//! The builder methods are named after docx-rs's, which builds the parts every document
//! shares (see [`super::prototype`]).

/// Which face a run uses; each maps to an East Asian font from the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// 仿宋: body text.
    Body,
    /// 小标宋: the title.
    Title,
    /// 黑体: first-level headings, table headers.
    Hei,
    /// 楷体: second-level headings, quotations.
    Kai,
    /// 宋体: page numbers.
    Song,
}

/// A top-level piece of a document body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

impl From<Paragraph> for Block {
    fn from(p: Paragraph) -> Self {
        Block::Paragraph(p)
    }
}

impl From<Table> for Block {
    fn from(t: Table) -> Self {
        Block::Table(t)
    }
}

/// Paragraph alignment (`w:jc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
    /// Justified.
    Both,
}

/// The first line's indent relative to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstLine {
    /// As the other lines.
    Flush,
    /// Further in by this many twips.
    Indented(i32),
    /// Further out by this many twips.
    Hanging(i32),
}

/// Paragraph indents in twips (`w:ind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indent {
    /// From the left margin.
    pub left: i32,
    /// From the right margin.
    pub right: i32,
    /// The first line.
    pub first_line: FirstLine,
}

/// Line spacing (`w:spacing`): an exact height in twips, or `auto` in 240ths of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSpacing {
    /// Exactly this many twips.
    Exact(i32),
    /// Proportional: 240 is single spacing.
    Auto(i32),
}

/// A line under a paragraph (`w:pBdr/w:bottom`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Colour, RGB hex.
    pub color: &'static str,
    /// Thickness in eighths of a point.
    pub size: u32,
    /// Distance from the text in points.
    pub space: u32,
}

/// A paragraph: its properties and runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Alignment.
    pub align: Option<Align>,
    /// Indents.
    pub indent: Option<Indent>,
    /// Line spacing.
    pub line_spacing: Option<LineSpacing>,
    /// Outline level (0 title, 1–4 headings), for the navigation pane.
    pub outline_level: Option<u8>,
    /// Whether lines snap to the document grid (`None`: the default, yes).
    pub snap_to_grid: Option<bool>,
    /// Kept on the same page as the next paragraph.
    pub keep_next: bool,
    /// Its lines kept on one page.
    pub keep_lines: bool,
    /// Starts a new page.
    pub page_break_before: bool,
    /// Space above the paragraph in twips.
    pub space_before: Option<u32>,
    /// A rule under the paragraph: its colour (RGB hex), thickness in eighths of a point
    /// and distance from the text in points (the letterhead's red line).
    pub rule_below: Option<Rule>,
    /// The runs.
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// An empty paragraph with default properties.
    pub fn new() -> Paragraph {
        Paragraph::default()
    }

    /// Sets the alignment.
    pub fn align(mut self, a: Align) -> Paragraph {
        self.align = Some(a);
        self
    }

    /// Sets the indents.
    pub fn indent(mut self, left: i32, first_line: FirstLine, right: i32) -> Paragraph {
        self.indent = Some(Indent {
            left,
            right,
            first_line,
        });
        self
    }

    /// Sets the line spacing.
    pub fn line_spacing(mut self, s: LineSpacing) -> Paragraph {
        self.line_spacing = Some(s);
        self
    }

    /// Sets the outline level.
    pub fn outline_lvl(mut self, level: u8) -> Paragraph {
        self.outline_level = Some(level);
        self
    }

    /// Sets whether lines snap to the document grid.
    pub fn snap_to_grid(mut self, snap: bool) -> Paragraph {
        self.snap_to_grid = Some(snap);
        self
    }

    /// Keeps the paragraph on the page of the next one.
    pub fn keep_next(mut self, keep: bool) -> Paragraph {
        self.keep_next = keep;
        self
    }

    /// Appends a run.
    pub fn add_run(mut self, r: Run) -> Paragraph {
        self.runs.push(r);
        self
    }
}

/// What a run holds, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text (already cleaned of characters XML cannot carry).
    Text(String),
    /// A line break within the paragraph.
    Break,
    /// A picture: the document's `id`th image (from 1), this many EMU square.
    Image {
        /// Side in EMU.
        emu: u32,
        /// Which of the document's images, from 1.
        id: u32,
    },
}

/// A run: text sharing one look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// Font role; `None` inherits the document defaults.
    pub face: Option<Face>,
    /// Size in half-points; `None` inherits.
    pub size: Option<usize>,
    /// Bold.
    pub bold: bool,
    /// Character spacing adjustment in twips; `None` inherits.
    pub spacing: Option<i32>,
    /// Colour, RGB hex; `None` inherits (black).
    pub color: Option<&'static str>,
    /// Text, breaks and pictures.
    pub content: Vec<Inline>,
}

impl Run {
    /// An empty run with inherited properties.
    pub fn new() -> Run {
        Run::default()
    }

    /// Sets the font role.
    pub fn fonts(mut self, face: Face) -> Run {
        self.face = Some(face);
        self
    }

    /// Sets the size in half-points.
    pub fn size(mut self, half_points: usize) -> Run {
        self.size = Some(half_points);
        self
    }

    /// Makes the run bold.
    pub fn bold(mut self) -> Run {
        self.bold = true;
        self
    }

    /// Sets the character spacing adjustment.
    pub fn character_spacing(mut self, twips: i32) -> Run {
        self.spacing = Some(twips);
        self
    }

    /// Appends text.
    pub fn add_text(mut self, text: impl Into<String>) -> Run {
        self.content.push(Inline::Text(text.into()));
        self
    }

    /// Appends a line break.
    pub fn add_break(mut self) -> Run {
        self.content.push(Inline::Break);
        self
    }

    /// Appends the document's first image, `emu` square.
    pub fn add_image(mut self, emu: u32) -> Run {
        self.content.push(Inline::Image { emu, id: 1 });
        self
    }

    /// The run's text, without breaks and pictures.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.content.iter().filter_map(|c| match c {
            Inline::Text(t) => Some(t.as_str()),
            _ => None,
        })
    }
}

/// A table cell: its width in twips, the grid columns it spans, its paragraphs.
/// Content is centred vertically.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Width in twips.
    pub width: usize,
    /// Grid columns spanned, when more than one.
    pub span: Option<usize>,
    /// The paragraphs (at least one).
    pub paragraphs: Vec<Paragraph>,
}

impl Cell {
    /// An empty cell `width` twips wide.
    pub fn new(width: usize) -> Cell {
        Cell {
            width,
            span: None,
            paragraphs: Vec::new(),
        }
    }

    /// Spans `n` grid columns.
    pub fn grid_span(mut self, n: usize) -> Cell {
        self.span = Some(n);
        self
    }

    /// Appends a paragraph.
    pub fn add_paragraph(mut self, p: Paragraph) -> Cell {
        self.paragraphs.push(p);
        self
    }
}

/// A table with a fixed layout: its rows never split across pages, and its first row
/// is a header row repeated on every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Total width in twips.
    pub width: usize,
    /// Column widths in twips.
    pub grid: Vec<usize>,
    /// Thin black borders around and between cells; none when `false`.
    pub borders: bool,
    /// Left and right cell margins in twips (top and bottom are 0); `None` inherits.
    pub cell_margin: Option<usize>,
    /// Rows of cells; the first is the header.
    pub rows: Vec<Vec<Cell>>,
}
