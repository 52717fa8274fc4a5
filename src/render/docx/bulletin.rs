//! Weekly progress bulletins (进度通报, v2 §7): a 通报 in GB/T 9704 layout, from the
//! same figures as the bulletin page.

use super::blocks::{Column, Look, keep_closing_with_text};
use super::elements::Block;
use super::layout::Layout;
use super::package::Document;
use super::prototype::Prototype;
use crate::figures::{self, Bulletin};
use crate::model::{Plan, SiteConfig, TaskStatus, chinese_date};

/// The printable DOCX of bulletin `b` of plan `p`.
pub fn bulletin_document(config: &SiteConfig, p: &Plan, b: &Bulletin) -> Vec<u8> {
    let proto = Prototype::shared(Layout::new(&config.docx), config.as_of);
    document(&proto.layout, config, p, b).package(&proto, config)
}

/// The bulletin, before packaging.
pub(super) fn document(layout: &Layout, config: &SiteConfig, p: &Plan, b: &Bulletin) -> Document {
    let title = figures::bulletin_title(&config.bulletin_title, &p.title, b.number);
    Document {
        blocks: body(layout, &title, p, b),
        images: Vec::new(),
        title,
        subject: "通报".to_string(),
    }
}

fn mean(f: &figures::TaskFigures) -> String {
    if f.tasks == 0 {
        figures::NOT_REPORTED.to_string()
    } else {
        format!("{:.1}%", f.mean_progress)
    }
}

fn body(layout: &Layout, title: &str, p: &Plan, b: &Bulletin) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    out.push(layout.title(title).into());
    out.push(layout.blank().into());
    let f = &b.figures;
    let mut total = format!(
        "{}，{}共 {} 项任务，截至{}：已完成 {} 项，推进中 {} 项，未开始 {} 项",
        figures::week_label(b.week),
        p.title.trim(),
        f.tasks,
        chinese_date(b.date),
        f.status(TaskStatus::Done),
        f.status(TaskStatus::InProgress),
        f.status(TaskStatus::NotStarted),
    );
    if f.status(TaskStatus::Paused) > 0 {
        total.push_str(&format!("，已暂停 {} 项", f.status(TaskStatus::Paused)));
    }
    total.push_str(&format!("；逾期 {} 项；平均进度 {}", f.overdue, mean(f)));
    if f.supervised > 0 {
        total.push_str(&format!(
            "；列入督办 {} 项，超过督办限期 {} 项",
            f.supervised, f.supervised_overdue
        ));
    }
    total.push_str("。现将有关情况通报如下。");
    out.push(layout.body_text(&total).into());

    out.push(layout.heading(1, "一、本周进展").into());
    if b.updates.is_empty() {
        out.push(layout.body_text("本周没有报送进展。").into());
    }
    for w in &b.updates {
        let t = w.task;
        let mut runs = vec![layout.run(
            &format!("{} {}（{}）：", t.id.trim(), t.title.trim(), t.lead.trim()),
            Look::BODY.bold(),
        )];
        let texts: Vec<String> = w
            .updates
            .iter()
            .map(|u| format!("{}，{}", chinese_date(u.date), u.text.trim()))
            .collect();
        runs.push(layout.run(&texts.join("；"), Look::BODY));
        out.push(layout.body(runs).into());
    }

    out.push(layout.heading(1, "二、本周完成的任务").into());
    if b.completed.is_empty() {
        out.push(layout.body_text("本周没有报送完成的任务。").into());
    }
    for t in &b.completed {
        out.push(
            layout
                .body_text(&format!(
                    "{} {}（{}）。",
                    t.id.trim(),
                    t.title.trim(),
                    t.lead.trim()
                ))
                .into(),
        );
    }

    out.push(layout.heading(1, "三、逾期任务").into());
    if b.overdue.is_empty() {
        out.push(layout.body_text("没有逾期任务。").into());
    } else {
        let columns = [
            Column::center("编号", 4),
            Column::left("任务", 14),
            Column::left("牵头单位", 6),
            Column::center("完成时限", 6),
            Column::center("逾期天数", 4),
        ];
        let rows = b
            .overdue
            .iter()
            .map(|o| {
                vec![
                    layout.cell_text(&o.task.id),
                    layout.cell_text(&o.task.title),
                    layout.cell_text(&o.task.lead),
                    layout.cell_text(&o.task.deadline.map(chinese_date).unwrap_or_default()),
                    layout.cell_text(&format!("{}天", o.days)),
                ]
            })
            .collect();
        out.push(layout.fitted_table(&columns, rows).into());
    }

    out.push(layout.heading(1, "四、各牵头单位推进情况").into());
    let columns = [
        Column::center("排名", 3),
        Column::left("牵头单位", 10),
        Column::center("任务", 3),
        Column::center("已完成", 4),
        Column::center("逾期", 3),
        Column::center("平均进度", 5),
    ];
    let rows = b
        .by_lead
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                layout.cell_text(&(i + 1).to_string()),
                layout.cell_text(&r.lead),
                layout.cell_text(&r.figures.tasks.to_string()),
                layout.cell_text(&r.figures.status(TaskStatus::Done).to_string()),
                layout.cell_text(&r.figures.overdue.to_string()),
                layout.cell_text(&mean(&r.figures)),
            ]
        })
        .collect();
    out.push(layout.fitted_table(&columns, rows).into());

    if !b.supervised.is_empty() {
        out.push(layout.heading(1, "五、督办事项").into());
        for s in &b.supervised {
            let Some(sv) = s.task.supervision.as_ref() else {
                continue;
            };
            let mut text = format!(
                "{} {}（{}）：{}{}起督办",
                s.task.id.trim(),
                s.task.title.trim(),
                s.task.lead.trim(),
                sv.by.trim(),
                chinese_date(sv.date)
            );
            if let Some(due) = sv.due {
                text.push_str(&format!("，限期{}", chinese_date(due)));
            }
            if s.past_due {
                text.push_str(&format!("，已超过督办限期{}天", s.days_past_due));
            }
            text.push('。');
            if let Some(n) = sv.note.as_deref().filter(|n| !n.trim().is_empty()) {
                text.push_str(n.trim());
            }
            out.push(layout.body_text(&text).into());
        }
    }

    // The closing formula of a 通报: the text the signature is kept with, also when the
    // body ends with the unit table (a table's last row does not hold the next paragraph
    // on its page in every reader).
    out.push(layout.body_text("特此通报。").into());
    let closing = out.len();
    // Two lines above the signature as space before it, not as empty paragraphs:
    // LibreOffice does not carry a keep-with-next chain through empty paragraphs, and
    // would leave the signature and date alone on a last page.
    let mut signature = layout.signature(p.issuer.trim(), &chinese_date(b.date));
    if let Some(first) = signature.first_mut() {
        first.space_before = Some(2 * layout.line_pitch);
    }
    out.extend(signature.into_iter().map(Block::from));
    keep_closing_with_text(&mut out, closing);
    out
}
