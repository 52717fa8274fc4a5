//! Reform plans (改革实施方案) with their task table (任务清单).

use super::blocks::{Column, Look, keep_closing_with_text};
use super::elements::Block;
use super::layout::{Face, Layout};
use super::markdown;
use super::package::Document;
use super::prototype::Prototype;
use crate::model::{Plan, SiteConfig, chinese_date};

/// The printable DOCX of `p`: its text, phases and task table, overdue tasks marked.
pub fn plan_document(config: &SiteConfig, p: &Plan) -> Vec<u8> {
    let proto = Prototype::shared(Layout::new(&config.docx), config.as_of);
    document(config, &proto.layout, p).package(&proto, config)
}

/// The plan `p` with its task table, before packaging.
pub(super) fn document(config: &SiteConfig, layout: &Layout, p: &Plan) -> Document {
    Document {
        blocks: body(config, layout, p),
        image: None,
        title: p.title.clone(),
        subject: "改革实施方案".to_string(),
    }
}

fn body(config: &SiteConfig, layout: &Layout, p: &Plan) -> Vec<Block> {
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

    b.push(layout.heading(1, "任务清单").into());
    let overdue = p
        .tasks
        .iter()
        .filter(|t| t.is_overdue(config.as_of))
        .count();
    b.push(
        layout
            .body_text(&format!(
                "共{}项任务，截至{}已完成{}项，逾期{}项。",
                p.tasks.len(),
                chinese_date(config.as_of),
                p.tasks
                    .iter()
                    .filter(|t| t.status == crate::model::TaskStatus::Done)
                    .count(),
                overdue
            ))
            .into(),
    );
    let columns = [
        Column::center("编号", 4),
        Column::left("任务", 11),
        Column::left("牵头单位", 6),
        Column::left("配合单位", 6),
        Column::center("完成时限", 7),
        Column::center("状态", 6),
        Column::center("进度", 4),
    ];
    let rows = p
        .tasks
        .iter()
        .map(|t| {
            let status = if t.is_overdue(config.as_of) {
                vec![
                    layout.run(t.status.label(), Look::BODY),
                    layout.run("（逾期）", Look::BODY.bold().face(Face::Hei)),
                ]
            } else {
                layout.cell_text(t.status.label())
            };
            let deadline = t
                .deadline
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "—".into());
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
                status,
                layout.cell_text(&format!("{}%", t.progress)),
            ]
        })
        .collect();
    b.push(layout.table(&columns, rows).into());
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
