//! Building blocks of the documents: runs, paragraphs of each kind, and tables, as
//! [`elements`](super::elements) in the layout's units.
//!
//! Every table built here starts with a header row, which is repeated on every page
//! (see [`Table`]).

use super::elements::{Align, Block, Cell, FirstLine, LineSpacing, Paragraph, Run, Table};
use super::layout::{Face, Layout};
pub use super::text::text_chars;
use super::text::{clean, clean_multiline};

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Face (East Asian font role).
    pub face: Face,
    /// Bold.
    pub bold: bool,
    /// Size in half-points; `None` is the body size.
    pub size: Option<usize>,
}

impl Look {
    /// Body text.
    pub const BODY: Look = Look {
        face: Face::Body,
        bold: false,
        size: None,
    };

    /// This look in bold.
    pub fn bold(self) -> Look {
        Look { bold: true, ..self }
    }

    /// This look in another face.
    pub fn face(self, face: Face) -> Look {
        Look { face, ..self }
    }

    /// This look at another size.
    pub fn sized(self, size: usize) -> Look {
        Look {
            size: Some(size),
            ..self
        }
    }
}

/// `mm` millimetres in twips.
fn mm_twips(mm: f64) -> u32 {
    (mm * 1440.0 / 25.4).round() as u32
}

/// Width of a run's text in characters, as [`text_chars`] counts them.
fn run_chars(r: &Run) -> f64 {
    r.texts().map(text_chars).sum()
}

/// Width of the longest run of ASCII letters, digits and punctuation in a run's text.
fn run_longest_word(r: &Run) -> f64 {
    r.texts()
        .filter_map(|t| {
            t.split(|c: char| !c.is_ascii_graphic())
                .map(|w| w.len() as f64 * 0.5)
                .reduce(f64::max)
        })
        .fold(0.0, f64::max)
}

impl Layout {
    /// A run of `text` (cleaned; line breaks become breaks) in `look`.
    pub fn run(&self, text: &str, look: Look) -> Run {
        let mut run = Run::new().fonts(look.face);
        if let Some(size) = look.size {
            run = run.size(size);
        }
        if look.bold {
            run = run.bold();
        }
        let text = clean_multiline(text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break();
            }
            if !line.is_empty() {
                run = run.add_text(line);
            }
        }
        run
    }

    /// A body paragraph: justified, first line indented two characters.
    pub fn body(&self, runs: Vec<Run>) -> Paragraph {
        let mut p = Paragraph::new().align(Align::Both).indent(
            0,
            FirstLine::Indented(2 * self.char_twips()),
            0,
        );
        for r in runs {
            p = p.add_run(r);
        }
        p
    }

    /// A body paragraph of plain text.
    pub fn body_text(&self, text: &str) -> Paragraph {
        self.body(vec![self.run(text, Look::BODY)])
    }

    /// A paragraph without indent, left-aligned.
    pub fn flush(&self, runs: Vec<Run>) -> Paragraph {
        let mut p = Paragraph::new().align(Align::Both);
        for r in runs {
            p = p.add_run(r);
        }
        p
    }

    /// A paragraph indented `chars` characters on the left, with a hanging first line
    /// (for list items, attachments).
    pub fn hanging(&self, runs: Vec<Run>, left_chars: i32, hang_chars: i32) -> Paragraph {
        let c = self.char_twips();
        let mut p = Paragraph::new().align(Align::Both).indent(
            left_chars * c,
            FirstLine::Hanging(hang_chars * c),
            0,
        );
        for r in runs {
            p = p.add_run(r);
        }
        p
    }

    /// A blank body line.
    pub fn blank(&self) -> Paragraph {
        Paragraph::new()
    }

    /// The title: 小标宋 at the title size, centred.
    pub fn title(&self, text: &str) -> Paragraph {
        let look = Look {
            face: Face::Title,
            bold: false,
            size: Some(self.title_size),
        };
        // Its own exact pitch, off the grid: snapped to the grid, a 2号 line is taller
        // than one grid line and takes two.
        let line = (self.title_size as u32 * 10 * 13 / 10).max(self.line_pitch);
        Paragraph::new()
            .align(Align::Center)
            .outline_lvl(0)
            .snap_to_grid(false)
            .line_spacing(LineSpacing::Exact(line as i32))
            .add_run(
                self.run(&self.title_lines(text).join("\n"), look)
                    .character_spacing(0),
            )
    }

    /// The lines of a title, broken between words to fit the type area at the title
    /// size (see [`super::title`]).
    pub fn title_lines(&self, text: &str) -> Vec<String> {
        let per_line = (self.text_width() / (self.title_size as u32 * 10)) as f64;
        super::title::lines(&clean_multiline(text), per_line)
    }

    /// The GB/T 9704 版头 (7.2): the 发文机关标志 `mark` in red 小标宋, centred, its top
    /// 35 mm below the top of the type area and no wider than it; two lines below, the
    /// 文号; 4 mm under that, a red line as wide as the type area; then two blank lines
    /// before the title.
    pub fn letterhead(&self, mark: &str, number: Option<&str>) -> Vec<Paragraph> {
        const RED: &str = "FF0000";
        let chars = text_chars(&clean(mark)).max(1.0);
        // As large as fits the type area with a little room, at most 初号 (42 pt).
        let fit = (f64::from(self.text_width()) * 0.92 / chars / 10.0) as usize;
        let size = fit.clamp(24, 84);
        let line = (size * 12) as i32;
        let mark_run = self
            .run(mark, Look::BODY.face(Face::Title).sized(size))
            .character_spacing(0);
        let mark = Paragraph::new()
            .align(Align::Center)
            .snap_to_grid(false)
            .line_spacing(LineSpacing::Exact(line))
            .add_run(Run {
                color: Some(RED),
                ..mark_run
            });
        let mark = Paragraph {
            space_before: Some(mm_twips(35.0)),
            ..mark
        };
        let mut number_line = self.centered(number.unwrap_or(""));
        number_line.rule_below = Some(super::elements::Rule {
            color: RED,
            size: 12,
            space: 11,
        });
        vec![
            mark,
            self.blank(),
            self.blank(),
            number_line,
            self.blank(),
            self.blank(),
        ]
    }

    /// A centred body-size line (文号, captions).
    pub fn centered(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .align(Align::Center)
            .add_run(self.run(text, Look::BODY))
    }

    /// A heading at official `level` (1 一、 黑体; 2 （一） 楷体; 3 1. 仿宋 bold;
    /// 4 （1） 仿宋), indented two characters like body text.
    pub fn heading(&self, level: u8, text: &str) -> Paragraph {
        let look = match level {
            1 => Look::BODY.face(Face::Hei),
            2 => Look::BODY.face(Face::Kai),
            3 => Look::BODY.bold(),
            _ => Look::BODY,
        };
        self.body(vec![self.run(text, look)])
            .align(Align::Left)
            .keep_next(true)
            .outline_lvl(level.clamp(1, 4))
    }

    /// The signature block: issuer centred over the date, the date four characters in
    /// from the right margin (GB/T 9704 7.3.5.1).
    pub fn signature(&self, issuer: &str, date: &str) -> Vec<Paragraph> {
        let c = self.char_twips() as f64;
        let date_w = text_chars(date);
        let issuer_w = text_chars(&clean(issuer));
        let date_end = 4.0;
        let issuer_end = (date_end + (date_w - issuer_w) / 2.0).max(0.0);
        let line = |text: &str, end: f64| {
            Paragraph::new()
                .align(Align::Right)
                .indent(0, FirstLine::Flush, (end * c).round() as i32)
                .add_run(self.run(text, Look::BODY))
        };
        vec![line(issuer, issuer_end), line(date, date_end)]
    }

    /// A bordered table filling the type area: `columns` give header text, relative
    /// width and alignment; each row holds one list of runs per column. Rows never split
    /// across pages; the header row repeats.
    pub fn table(&self, columns: &[Column], rows: Vec<Vec<Vec<Run>>>) -> Table {
        let total: u32 = columns.iter().map(|c| c.weight.max(1)).sum::<u32>().max(1);
        let width = self.text_width() as usize;
        let widths: Vec<usize> = columns
            .iter()
            .map(|c| width * c.weight.max(1) as usize / total as usize)
            .collect();
        let header_look = Look::BODY.face(Face::Hei).sized(self.table_size);
        let header: Vec<Cell> = columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| self.cell(vec![self.run(&c.title, header_look)], w, Align::Center))
            .collect();
        let mut table_rows = vec![header];
        for row in rows {
            let mut cells: Vec<Cell> = Vec::with_capacity(columns.len());
            let mut row = row.into_iter();
            for (c, &w) in columns.iter().zip(&widths) {
                let runs = row.next().unwrap_or_default();
                let align = if c.center { Align::Center } else { Align::Left };
                cells.push(self.cell(runs, w, align));
            }
            table_rows.push(cells);
        }
        self.bordered(width, widths, table_rows)
    }

    /// Like [`Layout::table`], with the columns sized by their content (cell margins
    /// counted): each column gets at least its header's width (and its longest number or
    /// address, up to twelve characters), then the rest of the type area goes, a character at a time, to the
    /// column where it saves the most lines in the whole table (a short cell broken counting
    /// as several lines). The columns' weights are
    /// used when the headers alone do not fit.
    pub fn fitted_table(&self, columns: &[Column], rows: Vec<Vec<Vec<Run>>>) -> Table {
        let char_w = (self.table_size * 10) as f64;
        let margins = 160.0;
        let width = self.text_width() as f64;
        // A little slack, so that a header exactly as wide as its cell still fits.
        let mut min: Vec<f64> = columns
            .iter()
            .map(|c| text_chars(&c.title).max(1.0) * char_w + margins + 40.0)
            .collect();
        // Each cell's text width in twips.
        let cells: Vec<Vec<f64>> = rows
            .iter()
            .map(|row| {
                (0..columns.len())
                    .map(|i| {
                        row.get(i)
                            .map_or(0.0, |c| c.iter().map(run_chars).sum::<f64>() * char_w)
                    })
                    .collect()
            })
            .collect();
        for row in &rows {
            for (i, cell) in row.iter().enumerate().take(columns.len()) {
                let word = cell.iter().map(run_longest_word).fold(0.0, f64::max);
                min[i] = min[i].max(word.min(12.0) * char_w + margins);
            }
        }
        if min.iter().sum::<f64>() > width {
            return self.table(columns, rows);
        }
        // A column of short cells only (dates, 是否必需, 自查自纠) is kept on one line when
        // that leaves the other columns a fifth of the width: greedy widening below would
        // give all the room to the long columns first.
        let mut with_short = min.clone();
        for (i, w) in with_short.iter_mut().enumerate() {
            let longest = cells.iter().map(|r| r[i]).fold(0.0, f64::max);
            if longest <= SHORT_CELL * char_w {
                *w = w.max(longest + margins + 40.0);
            }
        }
        if with_short.iter().sum::<f64>() <= width * 0.8 {
            min = with_short;
        }
        let mut widths = min;
        // The table's height in lines; then, to break ties, the lines of all cells.
        let lines = |widths: &[f64]| -> f64 {
            cells
                .iter()
                .map(|row| {
                    let cell_lines = row
                        .iter()
                        .zip(widths)
                        // Whole characters to a line: CJK text breaks between them.
                        .map(|(t, w)| {
                            let per_line = ((w - margins) / char_w).floor().max(1.0) * char_w;
                            let lines = (t / per_line).ceil().max(1.0);
                            // A short cell (自查自纠, 15个自然日, a date) broken reads as
                            // two words: it costs as much as a line of the table.
                            let broken_short = lines > 1.0 && *t <= SHORT_CELL * char_w;
                            (lines, if broken_short { 1000.0 } else { 0.0 })
                        });
                    let (max, sum) = cell_lines.fold((1.0, 0.0), |(m, s), (l, penalty)| {
                        (f64::max(m, l), s + l + penalty)
                    });
                    max * 1000.0 + sum
                })
                .sum()
        };
        let wish = |i: usize, w: f64| cells.iter().map(|r| r[i] + margins).fold(0.0, f64::max) - w;
        loop {
            let spare = width - widths.iter().sum::<f64>();
            if spare < char_w {
                break;
            }
            let now = lines(&widths);
            // (lines saved per character, wish, column, characters): looking up to four
            // characters ahead, since a column may need several to lose a line.
            let mut best: Option<(f64, f64, usize, f64)> = None;
            for i in 0..widths.len() {
                let w = wish(i, widths[i]);
                if w <= 0.0 {
                    continue;
                }
                // Also the step that puts the column's short cells on one line.
                let short = cells
                    .iter()
                    .map(|r| r[i])
                    .filter(|&t| t <= SHORT_CELL * char_w)
                    .fold(0.0, f64::max);
                let to_short = ((short - (widths[i] - margins)) / char_w).ceil();
                let steps = (1..=4)
                    .map(f64::from)
                    .chain((to_short > 4.0).then_some(to_short));
                for k in steps {
                    let step = k * char_w;
                    if step > spare {
                        break;
                    }
                    widths[i] += step;
                    let saved = (now - lines(&widths)) / k;
                    widths[i] -= step;
                    if best.is_none_or(|(s, bw, _, _)| saved > s || (saved == s && w > bw)) {
                        best = Some((saved, w, i, step));
                    }
                }
            }
            match best {
                Some((_, _, i, step)) => widths[i] += step,
                None => break,
            }
        }
        // What is left over goes to the columns in proportion to their width.
        let total: f64 = widths.iter().sum();
        let columns: Vec<Column> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| Column {
                weight: ((w * width / total).floor() as u32).max(1),
                ..c.clone()
            })
            .collect();
        self.table(&columns, rows)
    }

    /// A bordered two-column form of labelled values at table size (事项编码, 实施主体…):
    /// the first row holds two pairs side by side, every further row one label and its
    /// value across the rest of the width. Rows never split across pages.
    pub fn info_table(&self, first: [(&str, &str); 2], rows: &[(&str, &str)]) -> Table {
        let width = self.text_width() as usize;
        // A label column holds four characters at table size, plus the cell margins.
        let label_w = (self.table_size * 10 * 4 + 200).min(width / 4);
        let value_w = (width - 2 * label_w) / 2;
        let widths = vec![label_w, value_w, label_w, width - 2 * label_w - value_w];
        let label_look = Look::BODY.face(Face::Hei).sized(self.table_size);
        let label =
            |text: &str, w: usize| self.cell(vec![self.run(text, label_look)], w, Align::Center);
        let value =
            |text: &str, w: usize| self.cell(vec![self.run(text, Look::BODY)], w, Align::Left);
        let mut table_rows = vec![vec![
            label(first[0].0, widths[0]),
            value(first[0].1, widths[1]),
            label(first[1].0, widths[2]),
            value(first[1].1, widths[3]),
        ]];
        for (l, v) in rows {
            table_rows.push(vec![
                label(l, widths[0]),
                value(v, width - label_w).grid_span(3),
            ]);
        }
        self.bordered(width, widths, table_rows)
    }

    /// A bordered table `width` twips wide with columns `grid` wide and a small
    /// margin left and right in each cell.
    fn bordered(&self, width: usize, grid: Vec<usize>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            width,
            grid,
            borders: true,
            cell_margin: Some(80),
            rows,
        }
    }

    fn cell(&self, runs: Vec<Run>, width: usize, align: Align) -> Cell {
        let mut p = Paragraph::new()
            .align(align)
            .snap_to_grid(false)
            .line_spacing(self.table_spacing());
        for r in runs {
            p = p.add_run(r.size(self.table_size).character_spacing(0));
        }
        Cell::new(width).add_paragraph(p)
    }

    /// A cell's content: plain text at table size.
    pub fn cell_text(&self, text: &str) -> Vec<Run> {
        vec![self.run(text, Look::BODY)]
    }
}

/// Keeps the closing group of a document (附件说明, 署名, 成文日期 and the blank lines
/// between them: `blocks[closing..]`) on one page with the last line of the text before
/// it, so that the signature never stands alone on the last page (GB/T 9704 7.3.5).
/// When the text ends with a table, its last row is kept with the group.
pub fn keep_closing_with_text(blocks: &mut [Block], closing: usize) {
    let last = blocks.len().saturating_sub(1);
    let Some(start) = closing.checked_sub(1) else {
        return;
    };
    for (i, b) in blocks.iter_mut().enumerate().take(last).skip(start) {
        match b {
            Block::Paragraph(p) => {
                p.keep_next = true;
                // The group's own paragraphs (an attachment list may run to two lines)
                // stay whole; the text before may split, leaving its tail with them.
                p.keep_lines = i >= closing;
            }
            Block::Table(t) => {
                if let Some(row) = t.rows.last_mut() {
                    for p in row.iter_mut().flat_map(|c| c.paragraphs.iter_mut()) {
                        p.keep_next = true;
                    }
                }
            }
        }
    }
    if let Some(Block::Paragraph(p)) = blocks.get_mut(last) {
        p.keep_lines = true;
    }
}

/// Cells up to this many characters wide are kept on one line when the width allows
/// ([`Layout::fitted_table`]).
const SHORT_CELL: f64 = 9.0;

/// One column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Relative width.
    pub weight: u32,
    /// Centre the column's cells.
    pub center: bool,
}

impl Column {
    /// A left-aligned column.
    pub fn left(title: impl Into<String>, weight: u32) -> Column {
        Column {
            title: title.into(),
            weight,
            center: false,
        }
    }

    /// A centred column.
    pub fn center(title: impl Into<String>, weight: u32) -> Column {
        Column {
            title: title.into(),
            weight,
            center: true,
        }
    }
}
