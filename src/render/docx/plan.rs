//! Reform plans (改革实施方案) with their task table (任务清单).

use super::blocks::{Column, Look, keep_closing_with_text};
use super::elements::Block;
use super::layout::Layout;
use super::markdown;
use super::package::Document;
use super::prototype::Prototype;
use crate::model::{Plan, SiteConfig, chinese_date};

/// The printable DOCX of `p` as issued: its text, phases and task table (tasks, units,
/// deadlines), without the status that changes after issue.
pub fn plan_document(config: &SiteConfig, p: &Plan) -> Vec<u8> {
    let proto = Prototype::shared(Layout::new(&config.docx), config.as_of);
    document(&proto.layout, p).package(&proto, config)
}

/// The plan `p` with its task table, before packaging.
pub(super) fn document(layout: &Layout, p: &Plan) -> Document {
    Document {
        blocks: body(layout, p),
        images: Vec::new(),
        title: p.title.clone(),
        subject: "改革实施方案".to_string(),
    }
}

fn body(layout: &Layout, p: &Plan) -> Vec<Block> {
    let mut b: Vec<Block> = Vec::new();
    if let Some(num) = p.doc_number.as_deref().filter(|x| !x.trim().is_empty()) {
        b.push(layout.centered(num.trim()).into());
        b.push(layout.blank().into());
    }
    b.push(layout.title(p.title.trim()).into());
    b.push(layout.blank().into());
    b.extend(markdown::to_blocks(layout, &p.body));

    if !p.phases.is_empty() {
        b.push(layout.heading(1, "实施步骤").into());
        for (i, ph) in p.phases.iter().enumerate() {
            let mut text = format!("{}.{}", i + 1, ph.name.trim());
            match (ph.from, ph.to) {
                (Some(f), Some(t)) => {
                    text.push_str(&format!("（{}至{}）", chinese_date(f), chinese_date(t)))
                }
                (Some(f), None) => text.push_str(&format!("（{}起）", chinese_date(f))),
                (None, Some(t)) => text.push_str(&format!("（{}前）", chinese_date(t))),
                (None, None) => {}
            }
            let mut runs = vec![layout.run(&text, Look::BODY.bold())];
            if let Some(d) = ph.description.as_deref().filter(|d| !d.trim().is_empty()) {
                runs.push(layout.run(&format!("：{}", d.trim()), Look::BODY));
            }
            b.push(layout.body(runs).into());
        }
    }

    // The plan as issued (v2 §7): tasks, units and deadlines; status and progress
    // change after issue and go to the progress bulletins.
    b.push(layout.heading(1, "任务清单").into());
    let columns = [
        Column::center("编号", 4),
        Column::left("任务", 14),
        Column::left("牵头单位", 6),
        Column::left("配合单位", 6),
        Column::center("完成时限", 6),
    ];
    let rows = p
        .tasks
        .iter()
        .map(|t| {
            let deadline = t.deadline.map(chinese_date).unwrap_or_else(|| "—".into());
            let partners = if t.partners.is_empty() {
                "—".to_string()
            } else {
                t.partners.join("、")
            };
            vec![
                layout.cell_text(&t.id),
                layout.cell_text(&t.title),
                layout.cell_text(&t.lead),
                layout.cell_text(&partners),
                layout.cell_text(&deadline),
            ]
        })
        .collect();
    b.push(layout.fitted_table(&columns, rows).into());
    let closing = b.len();
    b.push(layout.blank().into());
    b.push(layout.blank().into());
    b.extend(
        layout
            .signature(p.issuer.trim(), &chinese_date(p.date))
            .into_iter()
            .map(Block::from),
    );
    keep_closing_with_text(&mut b, closing);
    b
}
