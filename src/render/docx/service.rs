//! 一次性告知单: everything an applicant needs to know about one service item, on one
//! or two A4 pages, with a QR code to the item's page and a line for their signature.

use super::blocks::{Column, Look};
use super::elements::{Align, Block, Cell, LineSpacing, Paragraph, Run, Table};
use super::layout::{Face, Layout};
use super::markdown;
use super::package::Document;
use super::prototype::Prototype;
use crate::model::{Duration, MaterialForm, Service, SiteConfig, chinese_date};
use crate::render::qr;
use crate::route::Route;

/// Printed size of the QR code: 20 mm, in EMU (about 0.5 mm a module for an address of
/// this length, easily read by a phone).
const QR_EMU: u32 = 720_000;

/// 四号 (14 pt) in half-points: the 告知单位 and 告知日期 beside the QR code.
const SIGN_OFF_SIZE: usize = 28;

/// The 一次性告知单 of `s` as DOCX bytes.
pub fn service_form(config: &SiteConfig, s: &Service) -> Vec<u8> {
    let proto = Prototype::shared(Layout::new(&config.docx), config.as_of);
    document(config, &proto.layout, s).package(&proto, config)
}

/// The 一次性告知单 of `s`, before packaging.
pub(super) fn document(config: &SiteConfig, layout: &Layout, s: &Service) -> Document {
    let title = format!("{}一次性告知单", s.name.trim());
    let url = config.absolute_url(&Route::Service(&s.code).url_path());
    let image = qr::png(&url).map(|(png, _)| png);
    Document {
        blocks: body(config, layout, s, &title, &url, image.is_some()),
        images: image.into_iter().collect(),
        subject: format!("{} {}", s.code, s.name),
        title,
    }
}

fn label_value(layout: &Layout, label: &str, value: &str) -> Paragraph {
    layout
        .body(vec![
            layout.run(&format!("{label}："), Look::BODY.face(Face::Hei)),
            layout.run(value, Look::BODY),
        ])
        .align(Align::Left)
}

fn duration_text(d: &Duration) -> String {
    match &d.note {
        Some(note) if !note.trim().is_empty() => format!("{d}（{}）", note.trim()),
        _ => d.to_string(),
    }
}

fn or_dash(v: Option<&str>) -> &str {
    match v.map(str::trim) {
        Some(v) if !v.is_empty() => v,
        _ => "—",
    }
}

fn body(
    config: &SiteConfig,
    layout: &Layout,
    s: &Service,
    title: &str,
    url: &str,
    has_qr: bool,
) -> Vec<Block> {
    let mut b: Vec<Block> = vec![layout.title(title).into()];
    // The item's particulars in a compact form at table size.
    let mut rows: Vec<(&str, String)> = vec![("实施主体", s.department.clone())];
    if !s.legal_basis.is_empty() {
        rows.push(("设定依据", s.legal_basis.join("；")));
    }
    if let Some(r) = s.result.as_ref().filter(|r| !r.name.trim().is_empty()) {
        rows.push(("办理结果", r.name.clone()));
    }
    // The national elements an applicant needs, when stated.
    if let Some(c) = s.case_type {
        rows.push(("办件类型", c.label().to_string()));
    }
    if let Some(scope) = &s.scope {
        rows.push(("通办范围", scope.clone()));
    }
    if let Some(by) = &s.delegated_by {
        rows.push(("下放委托部门", by.clone()));
    }
    let rows: Vec<(&str, &str)> = rows.iter().map(|(l, v)| (*l, v.as_str())).collect();
    b.push(
        layout
            .info_table([("事项编码", &s.code), ("事项类型", s.kind.label())], &rows)
            .into(),
    );

    let mut n = 0;
    let mut section = |b: &mut Vec<Block>, name: &str| {
        n += 1;
        // Off the grid, 1.3 times its size: a form has many short sections.
        b.push(
            layout
                .heading(1, &format!("{}{}", super::text::heading_number(1, n), name))
                .snap_to_grid(false)
                .line_spacing(layout.exact_spacing(layout.body_size))
                .into(),
        );
    };

    // Only what the content states: no section for conditions it does not give.
    if let Some(c) = s.conditions.as_deref().filter(|c| !c.trim().is_empty()) {
        section(&mut b, "受理条件");
        b.extend(markdown::to_blocks(layout, c));
    }

    section(&mut b, "申报材料");
    let materials = s.material_list();
    if materials.is_empty() {
        b.push(layout.body_text("无需提交材料。").into());
    } else {
        let columns = [
            Column::center("序号", 3),
            Column::left("材料名称", 11),
            Column::center("材料类型", 5),
            Column::center("份数", 3),
            Column::center("是否必需", 5),
            Column::left("备注", 7),
        ];
        let rows = materials
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut note: Vec<String> = Vec::new();
                // Says itself what it means: no separate note under the table.
                if m.shared {
                    note.push("部门共享获取".into());
                }
                if let Some(form) = m.form {
                    note.push(format!("{}材料", form.label()));
                }
                if let Some(src) = m.source {
                    note.push(src.label().into());
                }
                if let Some(x) = m.note.as_deref().filter(|x| !x.trim().is_empty()) {
                    note.push(x.trim().into());
                }
                // What the content does not state stays blank.
                let copies = match (m.form, m.copies) {
                    (Some(MaterialForm::Electronic), _) | (_, None) => String::new(),
                    (_, Some(c)) => c.to_string(),
                };
                vec![
                    layout.cell_text(&(i + 1).to_string()),
                    layout.cell_text(&m.name),
                    layout.cell_text(m.kind.map_or("", |k| k.label())),
                    layout.cell_text(&copies),
                    // A material the window gets from another department is not
                    // submitted, whatever its requirement: one tag, never 必需 and
                    // 免提交 together.
                    layout.cell_text(if m.shared {
                        "免提交"
                    } else {
                        m.required.as_ref().map_or("", |r| r.label())
                    }),
                    layout.cell_text(&note.join("；")),
                ]
            })
            .collect();
        b.push(layout.fitted_table(&columns, rows).into());
    }

    section(&mut b, "办理流程");
    let columns = [
        Column::center("序号", 3),
        Column::left("环节", 8),
        Column::left("办理人员", 8),
        Column::center("时限", 5),
        Column::left("说明", 8),
    ];
    let rows = s
        .process
        .iter()
        .enumerate()
        .map(|(i, st)| {
            vec![
                layout.cell_text(&(i + 1).to_string()),
                layout.cell_text(&st.step),
                layout.cell_text(or_dash(st.actor.as_deref())),
                layout.cell_text(
                    &st.time_limit
                        .as_ref()
                        .map(duration_text)
                        .unwrap_or_else(|| "—".into()),
                ),
                layout.cell_text(or_dash(st.description.as_deref())),
            ]
        })
        .collect();
    if s.process.is_empty() {
        b.push(layout.body_text("详见办理窗口。").into());
    } else {
        b.push(layout.fitted_table(&columns, rows).into());
    }

    section(&mut b, "办理时限");
    let mut limit = String::new();
    if let Some(l) = &s.time_limit {
        limit = format!("承诺时限：{}", duration_text(&l.promised));
        if let Some(st) = &l.statutory {
            limit.push_str(&format!("；法定时限：{}", duration_text(st)));
        } else if l.no_statutory_limit {
            limit.push_str("；法定时限：法律法规未规定");
        }
    }
    if let Some(v) = s.visits {
        if !limit.is_empty() {
            limit.push('；');
        }
        limit.push_str(&format!("到现场次数：{v}次"));
        if let Some(why) = s.visit_reason.as_deref().filter(|w| !w.trim().is_empty()) {
            limit.push_str(&format!("（{}）", why.trim()));
        }
    }
    limit.push('。');
    b.push(layout.body_text(&limit).into());
    for p in &s.special_procedures {
        let mut t = format!("特别程序：{}", p.kind.label());
        if let Some(d) = &p.time_limit {
            t.push_str(&format!("，{}", duration_text(d)));
        }
        if let Some(n) = p.note.as_deref().filter(|n| !n.trim().is_empty()) {
            t.push_str(&format!("，{}", n.trim()));
        }
        t.push_str("（不计入办理时限）。");
        b.push(layout.body_text(&t).into());
    }

    section(&mut b, "收费标准及依据");
    if s.is_free() {
        b.push(layout.body_text("不收费。").into());
    } else {
        let columns = [
            Column::left("收费项目", 6),
            Column::left("收费标准", 6),
            Column::left("收费依据", 12),
            Column::left("减免说明", 6),
        ];
        let rows = s
            .fee_list()
            .iter()
            .map(|f| {
                vec![
                    layout.cell_text(&f.item),
                    layout.cell_text(&f.standard),
                    layout.cell_text(&f.basis),
                    layout.cell_text(or_dash(f.reduction.as_deref())),
                ]
            })
            .collect();
        b.push(layout.fitted_table(&columns, rows).into());
    }

    section(&mut b, "办理地点和时间");
    if !s.locations.is_empty() {
        let columns = [
            Column::left("办理地点", 10),
            Column::left("地址", 7),
            Column::left("办理时间", 8),
            Column::center("电话", 6),
        ];
        let rows = s
            .locations
            .iter()
            .map(|l| {
                vec![
                    layout.cell_text(&l.place),
                    layout.cell_text(or_dash(l.address.as_deref())),
                    layout.cell_text(or_dash(l.hours.as_deref())),
                    layout.cell_text(or_dash(l.phone.as_deref())),
                ]
            })
            .collect();
        b.push(layout.fitted_table(&columns, rows).into());
    }
    if let Some(url) = s.online_url.as_deref().filter(|u| !u.trim().is_empty()) {
        b.push(label_value(layout, "网上办理", url).into());
    }
    if s.locations.is_empty() && s.online_url.is_none() {
        b.push(layout.body_text("详见办理窗口。").into());
    }
    let mut services = Vec::new();
    match s.delivery {
        Some(true) => services.push("办理结果可邮寄送达"),
        Some(false) => services.push("办理结果不邮寄"),
        None => {}
    }
    match s.appointment {
        Some(true) => services.push("可预约办理"),
        Some(false) => services.push("无需预约"),
        None => {}
    }
    if !services.is_empty() {
        b.push(
            layout
                .body_text(&format!("{}。", services.join("，")))
                .into(),
        );
    }

    section(&mut b, "咨询和投诉");
    let mut phones = Vec::new();
    if let Some(p) = s.consult_phone.as_deref().filter(|p| !p.trim().is_empty()) {
        phones.push(layout.run("咨询电话：", Look::BODY.face(Face::Hei)));
        phones.push(layout.run(&format!("{}；", p.trim()), Look::BODY));
    }
    phones.push(layout.run("监督投诉电话：", Look::BODY.face(Face::Hei)));
    phones.push(layout.run(&s.complaint_phone, Look::BODY));
    b.push(layout.body(phones).align(Align::Left).into());

    b.push(
        sign_off(
            layout,
            url,
            has_qr,
            s.department.trim(),
            &chinese_date(config.as_of),
        )
        .into(),
    );
    b
}

/// The closing block, side by side: the QR code to the item's page on the left; its
/// address, the 告知单位, the date and the applicant's acknowledgement and signature line
/// on the right, in 四号. A borderless one-row table.
fn sign_off(layout: &Layout, url: &str, has_qr: bool, department: &str, date: &str) -> Table {
    let small = |text: &str| {
        Paragraph::new()
            .align(Align::Center)
            .snap_to_grid(false)
            .line_spacing(layout.table_spacing())
            .add_run(
                layout
                    .run(text, Look::BODY.sized(layout.table_size))
                    .character_spacing(0),
            )
    };
    let width = layout.text_width() as usize;
    let left_w = width * 3 / 10;
    let mut left = Cell::new(left_w);
    if has_qr {
        // The PNG goes into the package beside the part; the picture only refers to it.
        left = left.add_paragraph(
            Paragraph::new()
                .align(Align::Center)
                .snap_to_grid(false)
                .line_spacing(LineSpacing::Auto(240))
                .add_run(Run::new().add_image(QR_EMU)),
        );
    }
    left = left.add_paragraph(small("扫码查看办事指南"));
    // 告知单位 and 告知日期 in 四号 (14 pt), off the grid, so the block is no taller
    // than the QR code.
    let line = |label: &str, value: &str| {
        Paragraph::new()
            .snap_to_grid(false)
            .line_spacing(layout.exact_spacing(SIGN_OFF_SIZE))
            .add_run(
                layout
                    .run(&format!("{label}{value}"), Look::BODY.sized(SIGN_OFF_SIZE))
                    .character_spacing(0),
            )
    };
    // The window fills in who told the applicant, where and when, by hand: the form is
    // printed ahead and handed out on another day. The date printed is the build's,
    // and says so.
    let right = Cell::new(width - left_w)
        .add_paragraph(small(&format!("网上办事指南：{url}")).align(Align::Left))
        .add_paragraph(small(&format!("本告知单按{date}公开的信息生成。")).align(Align::Left))
        .add_paragraph(line("告知单位：", department))
        .add_paragraph(line("告知人：________　窗口：________", ""))
        .add_paragraph(line("告知日期：____年__月__日", ""))
        .add_paragraph(line("本人已知悉上述告知内容。", ""))
        .add_paragraph(line("申请人签字：________　日期：____年__月__日", ""));
    Table {
        width,
        grid: vec![left_w, width - left_w],
        borders: false,
        cell_margin: None,
        rows: vec![vec![left, right]],
    }
}
