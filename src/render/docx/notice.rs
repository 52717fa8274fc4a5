//! Notices (公示公告) for the bulletin board.
//!
//! Order follows GB/T 9704-2012: the 版头 when asked (发文机关标志 in red, 文号, red
//! line), else the 文号, then title, 主送机关, body, 公示期, 附件 list, then the
//! issuer centred over the date, the date four characters in from the right.

use super::blocks::{Look, keep_closing_with_text};
use super::elements::Block;
use super::layout::Layout;
use super::markdown;
use super::package::Document;
use super::prototype::Prototype;
use crate::model::{Notice, NoticeKind, SiteConfig, chinese_date};

/// The printable DOCX of `n`.
pub fn notice_document(config: &SiteConfig, n: &Notice) -> Vec<u8> {
    let proto = Prototype::shared(Layout::new(&config.docx), config.as_of);
    document(&proto.layout, n).package(&proto, config)
}

/// The notice `n`, before packaging.
pub(super) fn document(layout: &Layout, n: &Notice) -> Document {
    Document {
        blocks: body(layout, n),
        images: Vec::new(),
        title: n.title.clone(),
        subject: n.kind.label().to_string(),
    }
}

fn body(layout: &Layout, n: &Notice) -> Vec<Block> {
    let mut b: Vec<Block> = Vec::new();
    let number = n
        .doc_number
        .as_deref()
        .map(str::trim)
        .filter(|x| !x.is_empty());
    if n.letterhead {
        let issuer = n.issuer.trim();
        let mark = match n.mark.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => m.to_string(),
            None => format!("{issuer}文件"),
        };
        b.extend(
            layout
                .letterhead(&mark, number)
                .into_iter()
                .map(Block::from),
        );
    } else if let Some(num) = number {
        b.push(layout.centered(num).into());
        b.push(layout.blank().into());
    }
    b.push(layout.title(n.title.trim()).into());
    b.push(layout.blank().into());
    if let Some(r) = n.recipients.as_deref().filter(|x| !x.trim().is_empty()) {
        let r = r.trim();
        let r = if r.ends_with('：') || r.ends_with(':') {
            r.to_string()
        } else {
            format!("{r}：")
        };
        b.push(layout.flush(vec![layout.run(&r, Look::BODY)]).into());
    }
    b.extend(markdown::to_blocks(layout, &n.body));
    if n.kind == NoticeKind::Publicity
        && let Some(p) = &n.period
    {
        b.push(
            layout
                .body_text(&format!(
                    "公示期：{}至{}",
                    chinese_date(p.from),
                    chinese_date(p.to)
                ))
                .into(),
        );
    }
    let closing = b.len();
    if !n.attachments.is_empty() {
        b.push(layout.blank().into());
        for (i, a) in n.attachments.iter().enumerate() {
            // By title (v2 §8), without a full stop after it (GB/T 9704 7.3.4).
            let name = a.display_title().trim_end_matches(['。', '.', '；', ';']);
            // 附件：1．name, later items aligned under the first name.
            let (lead, label) = if i == 0 {
                ("附件：", format!("{}．{name}", i + 1))
            } else {
                ("", format!("{}．{name}", i + 1))
            };
            let runs = if n.attachments.len() == 1 {
                vec![layout.run(&format!("附件：{name}"), Look::BODY)]
            } else {
                vec![layout.run(lead, Look::BODY), layout.run(&label, Look::BODY)]
            };
            let p = if i == 0 {
                layout.hanging(runs, 5, 3)
            } else {
                layout.hanging(runs, 5, 0)
            };
            b.push(p.into());
        }
    }
    b.push(layout.blank().into());
    b.push(layout.blank().into());
    b.extend(
        layout
            .signature(n.issuer.trim(), &chinese_date(n.date))
            .into_iter()
            .map(Block::from),
    );
    keep_closing_with_text(&mut b, closing);
    b
}
