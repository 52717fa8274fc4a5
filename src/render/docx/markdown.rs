//! Markdown (CommonMark + GFM tables) to document blocks.
//!
//! - Paragraphs: body text, first line indented two characters.
//! - Headings: the official levels 一、 / （一） / 1. / （1） in 黑体 / 楷体 / 仿宋 bold /
//!   仿宋. The shallowest Markdown heading level in the text is level 一、, the next
//!   （一）, and so on. A heading whose text already starts with such a number keeps it
//!   and takes the level its number names; others are numbered automatically.
//! - **Bold** is bold; *emphasis* is 楷体 (Chinese faces have no italics).
//! - Lists: body paragraphs starting with `1.` or `•`; nested lists are indented.
//! - Block quotes: 楷体, indented two characters.
//! - Tables: bordered, with a header row repeated on every page.
//! - Links keep their text and add the address in brackets.
//! - Raw HTML keeps its words: a block becomes paragraphs of its text ([`super::html`]),
//!   `<br>` a line break; other tags, scripts and styles are dropped.

use super::blocks::{Column, Look, text_chars};
use super::elements::{Block, FirstLine, Run, Table};
use super::layout::{Face, Layout};
use super::text::{existing_number_level, heading_number};
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Converts a Markdown body into blocks.
pub fn to_blocks(layout: &Layout, markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let min_level = Parser::new_ext(markdown, options)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level_number(level)),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut c = Converter {
        layout,
        min_level,
        blocks: Vec::new(),
        inline: Vec::new(),
        bold: 0,
        emphasis: 0,
        quote: 0,
        lists: Vec::new(),
        item_prefix: None,
        heading: None,
        counters: [0; 4],
        links: Vec::new(),
        table: None,
        last_char: None,
        hidden: false,
        html: None,
    };
    for event in Parser::new_ext(markdown, options) {
        c.event(event);
    }
    c.flush_paragraph();
    c.blocks
}

/// Nesting levels of lists and quotes that are indented further; deeper ones are not.
const MAX_INDENT_LEVELS: i32 = 4;

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

struct TableState {
    align: Vec<Alignment>,
    head: Vec<String>,
    rows: Vec<Vec<Vec<Run>>>,
    row: Vec<Vec<Run>>,
    in_head: bool,
    widths: Vec<f64>,
}

struct Converter<'a> {
    layout: &'a Layout,
    min_level: u8,
    blocks: Vec<Block>,
    inline: Vec<Run>,
    bold: u32,
    emphasis: u32,
    quote: u32,
    /// Open lists: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    item_prefix: Option<String>,
    heading: Option<(u8, String)>,
    counters: [u32; 4],
    links: Vec<(String, String)>,
    table: Option<TableState>,
    last_char: Option<char>,
    /// Inside an inline `<script>` or `<style>`: text is dropped.
    hidden: bool,
    /// The raw HTML block being read, if any.
    html: Option<String>,
}

impl Converter<'_> {
    fn look(&self) -> Look {
        let mut look = Look::BODY;
        if self.quote > 0 || self.emphasis > 0 {
            look = look.face(Face::Kai);
        }
        if self.bold > 0 {
            look = look.bold();
        }
        look
    }

    fn text(&mut self, s: &str) {
        if s.is_empty() || self.hidden {
            return;
        }
        self.last_char = s.chars().last();
        for (_, text) in self.links.iter_mut() {
            text.push_str(s);
        }
        if let Some((_, h)) = &mut self.heading {
            h.push_str(s);
            return;
        }
        if let Some(t) = &mut self.table
            && t.in_head
        {
            if let Some(last) = t.head.last_mut() {
                last.push_str(s);
            }
            return;
        }
        let run = self.layout.run(s, self.look());
        if let Some(t) = &mut self.table {
            if let Some(cell) = t.row.last_mut() {
                cell.push(run);
            }
            return;
        }
        self.inline.push(run);
    }

    fn flush_paragraph(&mut self) {
        if self.inline.is_empty() && self.item_prefix.is_none() {
            return;
        }
        let mut runs = std::mem::take(&mut self.inline);
        if let Some(prefix) = self.item_prefix.take() {
            runs.insert(0, self.layout.run(&prefix, Look::BODY));
        }
        let depth = self.lists.len() as i32;
        let p = if self.quote > 0 || depth > 1 {
            // Two characters a level, at most eight: deeper nesting would leave no room
            // for the text on the line.
            let levels = (self.quote as i32).saturating_add((depth - 1).max(0));
            let extra = 2 * levels.min(MAX_INDENT_LEVELS);
            self.layout.body(runs).indent(
                extra * self.layout.char_twips(),
                FirstLine::Indented(2 * self.layout.char_twips()),
                0,
            )
        } else {
            self.layout.body(runs)
        };
        self.blocks.push(p.into());
        self.last_char = None;
    }

    fn heading(&mut self, md_level: u8, text: &str) {
        let text = text.trim();
        let level = match existing_number_level(text) {
            Some(l) => l,
            None => (md_level.saturating_sub(self.min_level) + 1).clamp(1, 4),
        };
        let i = usize::from(level - 1);
        self.counters[i] = self.counters[i].saturating_add(1);
        for c in &mut self.counters[i + 1..] {
            *c = 0;
        }
        let full = if existing_number_level(text).is_some() {
            text.to_string()
        } else {
            format!("{}{}", heading_number(level, self.counters[i]), text)
        };
        self.blocks.push(self.layout.heading(level, &full).into());
    }

    /// A line break within the paragraph (not in headings, which are one line).
    fn line_break(&mut self) {
        if self.heading.is_some() || self.hidden {
            return;
        }
        let run = Run::new().add_break();
        match &mut self.table {
            Some(t) => {
                if let Some(cell) = t.row.last_mut() {
                    cell.push(run);
                }
            }
            None => self.inline.push(run),
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak => {
                // Chinese text joins lines directly; Latin words need a space.
                if self.last_char.is_some_and(|c| c.is_ascii_alphanumeric()) {
                    self.text(" ");
                }
            }
            Event::HardBreak => self.line_break(),
            Event::Rule => {
                self.flush_paragraph();
                self.blocks.push(self.layout.blank().into());
            }
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
            // Raw HTML never reaches a printed document; nor does script or style text.
            Event::Html(html) => {
                if let Some(block) = &mut self.html {
                    block.push_str(&html);
                }
            }
            Event::InlineHtml(tag) => {
                let tag = tag.to_ascii_lowercase();
                let name = tag
                    .trim_start_matches('<')
                    .trim_end_matches(['>', '/', ' ']);
                if name == "br" {
                    self.line_break();
                } else if tag.starts_with("<script") || tag.starts_with("<style") {
                    self.hidden = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    self.hidden = false;
                }
            }
            Event::FootnoteReference(r) => self.text(&format!("[{r}]")),
            Event::InlineMath(m) | Event::DisplayMath(m) => self.text(&m),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.heading = Some((level_number(level), String::new()));
            }
            Tag::BlockQuote(_) => {
                self.flush_paragraph();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => self.flush_paragraph(),
            Tag::HtmlBlock => {
                self.flush_paragraph();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_paragraph();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_paragraph();
                let prefix = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let p = format!("{n}.");
                        *n = n.saturating_add(1);
                        p
                    }
                    _ => "• ".to_string(),
                };
                self.item_prefix = Some(prefix);
            }
            Tag::Table(align) => {
                self.flush_paragraph();
                self.table = Some(TableState {
                    widths: vec![0.0; align.len()],
                    align,
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    if t.in_head {
                        t.head.push(String::new());
                    } else {
                        t.row.push(Vec::new());
                    }
                }
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => self.links.push((dest_url.to_string(), String::new())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.hidden = false;
                self.flush_paragraph();
            }
            TagEnd::Heading(_) => {
                if let Some((level, text)) = self.heading.take() {
                    self.heading(level, &text);
                }
            }
            TagEnd::BlockQuote(_) => {
                self.flush_paragraph();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                // Code keeps its lines: one paragraph each.
                let runs = std::mem::take(&mut self.inline);
                for r in runs {
                    self.blocks.push(self.layout.flush(vec![r]).into());
                }
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                for text in super::html::paragraphs(&html) {
                    let run = self.layout.run(&text, self.look());
                    self.inline.push(run);
                    self.flush_paragraph();
                }
            }
            TagEnd::List(_) => {
                self.flush_paragraph();
                self.lists.pop();
            }
            TagEnd::Item => self.flush_paragraph(),
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                    for (i, h) in t.head.iter().enumerate() {
                        if let Some(w) = t.widths.get_mut(i) {
                            *w = w.max(text_chars(h));
                        }
                    }
                }
            }
            TagEnd::TableCell => {}
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(self.build_table(t).into());
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => {
                if let Some((dest, text)) = self.links.pop() {
                    let shown = dest.starts_with("http://")
                        || dest.starts_with("https://")
                        || dest.starts_with("mailto:");
                    if shown && text.trim() != dest && !dest.is_empty() {
                        let dest = dest.trim_start_matches("mailto:").to_string();
                        self.text(&format!("（{dest}）"));
                    }
                }
            }
            _ => {}
        }
    }

    fn build_table(&self, mut t: TableState) -> Table {
        let n = t
            .head
            .len()
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        t.head.resize(n, String::new());
        t.widths.resize(n, 0.0);
        t.align.resize(n, Alignment::None);
        // Width by content: the longest cell text in each column, within 2..20 characters.
        for row in &t.rows {
            for (i, cell) in row.iter().enumerate() {
                let len: usize = cell.iter().map(run_text_len).sum();
                t.widths[i] = t.widths[i].max(len as f64);
            }
        }
        let columns: Vec<Column> = t
            .head
            .iter()
            .zip(&t.widths)
            .zip(&t.align)
            .map(|((h, &w), a)| {
                let weight = (w.clamp(2.0, 20.0) * 2.0) as u32;
                match a {
                    Alignment::Center | Alignment::Right => Column::center(h.clone(), weight),
                    _ => Column::left(h.clone(), weight),
                }
            })
            .collect();
        self.layout.fitted_table(&columns, t.rows)
    }
}

/// Approximate length in characters of a run's text.
fn run_text_len(r: &Run) -> usize {
    r.texts().map(|t| t.chars().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocxLayout;

    fn xml(md: &str) -> String {
        let layout = Layout::new(&DocxLayout::default());
        let mut body = Vec::new();
        let fonts = crate::render::docx::xml::Fonts::new(&layout);
        crate::render::docx::xml::write_body(&mut body, &to_blocks(&layout, md), &fonts);
        String::from_utf8(body).unwrap()
    }

    #[test]
    fn shallowest_heading_level_becomes_the_first_official_level() {
        let x = xml("## 甲\n\n### 乙\n\n#### 丙\n\n##### 丁\n\n###### 戊\n\n## 己");
        for h in ["一、甲", "（一）乙", "1.丙", "（1）丁", "（2）戊", "二、己"] {
            assert!(x.contains(&format!(">{h}<")), "{h} in {x}");
        }
    }

    #[test]
    fn existing_numbers_are_kept_and_set_the_level() {
        let x = xml("# （三）已编号\n\n# 一、总体");
        assert!(x.contains(">（三）已编号<"));
        assert!(x.contains(">一、总体<"));
        assert!(x.contains(r#"<w:outlineLvl w:val="2" />"#));
    }

    #[test]
    fn lists_quotes_and_links_become_text() {
        let x = xml("1. 甲\n2. 乙\n   - 丙\n\n> 引用\n\n[网站](https://a.example/)");
        assert!(x.contains(">1.<") && x.contains(">2.<") && x.contains(">• <"));
        assert!(x.contains("楷体_GB2312"), "quotes in 楷体");
        assert!(x.contains("（https://a.example/）"));
    }

    #[test]
    fn raw_html_keeps_its_words_but_not_scripts() {
        let x = xml(concat!(
            "前<script>alert(1)</script>后<br>下一行\n\n<iframe src=x></iframe>\n\n",
            "<div class=\"note\">\n<p>块内 <b>文字</b></p>\n<style>p{}</style>\n</div>\n\n> <p>引用里的 HTML</p>\n"
        ));
        assert!(!x.contains("script") && !x.contains("iframe") && !x.contains("alert"));
        assert!(!x.contains("p{}") && !x.contains("note"));
        assert!(x.contains(">前<") && x.contains(">后<") && x.contains(">下一行<"));
        assert!(x.contains(r#"<w:br w:type="textWrapping" />"#));
        assert!(x.contains(">块内 文字<"), "{x}");
        assert!(x.contains(">引用里的 HTML<"), "{x}");
    }

    #[test]
    fn deep_nesting_is_indented_at_most_eight_characters() {
        let layout = Layout::new(&DocxLayout::default());
        let deep = format!("{}深", "> ".repeat(200));
        let blocks = to_blocks(&layout, &deep);
        let lefts: Vec<i32> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => p.indent.map(|i| i.left),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(lefts, [8 * layout.char_twips()]);
    }
}
