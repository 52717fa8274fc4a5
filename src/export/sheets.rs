//! The catalogue as sheets of cells under the national 实施清单 headings.
//!
//! One sheet of items (事项) and one sheet per part (申请材料, 办理流程, 收费, 办理地点,
//! 特别程序), each
//! part row keyed by the item's 实施编码. Every heading is one that `gongkai import` reads
//! (see [`crate::import::headings`]), so an export imports back into the same items.

use crate::model::{Duration, Service, ServiceStatus};
use std::borrow::Cow;

/// One cell: text (never turned into a number by Excel), a whole number, or nothing.
/// Text is borrowed from the items where it is theirs as written, so that the sheets of a
/// large catalogue do not hold a second copy of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Nothing written: the content does not state this element.
    Empty,
    /// Text, written as a text cell.
    Text(Cow<'a, str>),
    /// A count (份数, 到办事现场次数), written as a number.
    Number(u32),
}

impl<'a> Cell<'a> {
    fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn opt(s: Option<&'a str>) -> Cell<'a> {
        s.map(Cell::text).unwrap_or(Cell::Empty)
    }

    /// An owned text, e.g. one made from several values.
    fn owned(s: Option<String>) -> Cell<'a> {
        s.map(Cell::text).unwrap_or(Cell::Empty)
    }

    fn yes_no(b: bool) -> Cell<'a> {
        Cell::text(if b { "是" } else { "否" })
    }

    fn yes_if(b: bool) -> Cell<'a> {
        if b { Cell::text("是") } else { Cell::Empty }
    }
}

/// One sheet: its name, headings and rows, each row made as it is taken (a large
/// catalogue's cells are never all held at once).
pub struct Sheet<'a> {
    /// Sheet name (事项, 申请材料, ...).
    pub name: &'static str,
    /// The header row.
    pub headings: Vec<&'static str>,
    /// Data rows, one cell per heading.
    pub rows: Box<dyn Iterator<Item = Vec<Cell<'a>>> + Send + 'a>,
}

/// The heading of the item code in every sheet.
pub const CODE_HEADING: &str = "实施编码";

type Column<T> = (&'static str, for<'a> fn(&'a T) -> Cell<'a>);

/// A time limit as the import reads it back: `15个工作日`, `即办`, with what it excludes
/// in brackets: `90个自然日（听证时间不计入）`.
pub fn duration_text(d: &Duration) -> String {
    match &d.note {
        Some(n) => format!("{d}（{n}）"),
        None => d.to_string(),
    }
}

fn labels<T: Copy>(list: &[T], label: fn(T) -> &'static str) -> Cell<'static> {
    Cell::text(
        list.iter()
            .map(|v| label(*v))
            .collect::<Vec<_>>()
            .join("、"),
    )
}

fn date(d: Option<crate::model::Date>) -> Cell<'static> {
    Cell::owned(d.map(|d| d.to_string()))
}

fn flag(b: Option<bool>) -> Cell<'static> {
    b.map_or(Cell::Empty, Cell::yes_no)
}

/// Columns of the 事项 sheet, in order.
const ITEM_COLUMNS: &[Column<Service>] = &[
    (CODE_HEADING, |s| Cell::text(&s.code)),
    ("事项名称", |s| Cell::text(&s.name)),
    ("基本编码", |s| Cell::opt(s.basic_code.as_deref())),
    ("事项类型", |s| Cell::text(s.kind.label())),
    ("实施主体", |s| Cell::text(&s.department)),
    ("实施主体编码", |s| {
        Cell::opt(s.department_code.as_deref())
    }),
    ("行使层级", |s| Cell::text(s.levels.join("、"))),
    // 在用 is what an item that says nothing is: only the other states are written.
    ("事项状态", |s| {
        if s.status == ServiceStatus::InUse {
            Cell::Empty
        } else {
            Cell::text(s.status.label())
        }
    }),
    ("生效日期", |s| date(s.effective)),
    ("取消日期", |s| date(s.cancelled)),
    ("俗称", |s| Cell::text(s.aliases.join("、"))),
    ("主题分类", |s| Cell::text(s.topics.join("、"))),
    ("服务对象", |s| labels(&s.audience, |a| a.label())),
    ("办件类型", |s| {
        Cell::opt(s.case_type.map(|c| c.label()))
    }),
    ("权力来源", |s| {
        Cell::opt(s.power_source.map(|p| p.label()))
    }),
    ("下放委托部门", |s| {
        Cell::opt(s.delegated_by.as_deref())
    }),
    ("通办范围", |s| Cell::opt(s.scope.as_deref())),
    ("办理形式", |s| labels(&s.channels, |c| c.label())),
    ("设定依据", |s| Cell::text(s.legal_basis.join("\n"))),
    ("受理条件", |s| Cell::opt(s.conditions.as_deref())),
    ("不予受理情形", |s| Cell::opt(s.refusal.as_deref())),
    // The materials are on their own sheet; this column only says when there are none.
    ("申请材料", |s| match &s.materials {
        Some(m) if m.is_empty() => Cell::text("无"),
        _ => Cell::Empty,
    }),
    ("法定办结时限", |s| match &s.time_limit {
        Some(t) if t.no_statutory_limit => Cell::text("无"),
        Some(t) => Cell::owned(t.statutory.as_ref().map(duration_text)),
        None => Cell::Empty,
    }),
    ("承诺办结时限", |s| {
        Cell::owned(s.time_limit.as_ref().map(|t| duration_text(&t.promised)))
    }),
    ("是否收费", |s| {
        s.fees
            .as_ref()
            .map_or(Cell::Empty, |f| Cell::yes_no(!f.is_empty()))
    }),
    ("办事属性", |s| Cell::text(s.attributes.join("、"))),
    ("到办事现场次数", |s| {
        s.visits.map_or(Cell::Empty, |v| Cell::Number(v.into()))
    }),
    ("到现场原因", |s| Cell::opt(s.visit_reason.as_deref())),
    ("网上办理地址", |s| Cell::opt(s.online_url.as_deref())),
    ("网上支付", |s| flag(s.online_payment)),
    ("咨询电话", |s| Cell::opt(s.consult_phone.as_deref())),
    ("监督投诉电话", |s| Cell::text(&s.complaint_phone)),
    ("办理结果", |s| {
        Cell::opt(s.result.as_ref().map(|r| r.name.as_str()))
    }),
    ("结果类型", |s| {
        Cell::opt(s.result.as_ref().and_then(|r| r.kind).map(|k| k.label()))
    }),
    ("结果样本", |s| {
        Cell::opt(s.result.as_ref().and_then(|r| r.sample.as_deref()))
    }),
    ("中介服务", |s| Cell::opt(s.intermediary.as_deref())),
    ("数量限制", |s| Cell::opt(s.quantity_limit.as_deref())),
    ("处罚种类和幅度", |s| Cell::opt(s.penalty.as_deref())),
    ("实施对象", |s| Cell::opt(s.target.as_deref())),
    ("救济途径", |s| Cell::opt(s.remedy.as_deref())),
    ("是否支持物流快递", |s| flag(s.delivery)),
    ("是否支持预约办理", |s| flag(s.appointment)),
    ("更新日期", |s| date(s.updated)),
];

/// Columns of the 申请材料 sheet after the code.
const MATERIAL_COLUMNS: &[Column<crate::model::Material>] = &[
    ("材料名称", |m| Cell::text(&m.name)),
    ("材料类型", |m| Cell::opt(m.kind.map(|k| k.label()))),
    ("材料形式", |m| Cell::opt(m.form.map(|f| f.label()))),
    ("份数", |m| m.copies.map_or(Cell::Empty, Cell::Number)),
    ("是否必需", |m| {
        Cell::opt(m.required.as_ref().map(|r| r.label()))
    }),
    ("来源渠道", |m| Cell::opt(m.source.map(|s| s.label()))),
    ("免提交", |m| Cell::yes_if(m.shared)),
    ("空白表格", |m| Cell::opt(m.template.as_deref())),
    ("示例样表", |m| Cell::opt(m.sample.as_deref())),
    ("受理标准", |m| Cell::opt(m.acceptance.as_deref())),
    ("填报须知", |m| Cell::opt(m.instructions.as_deref())),
    ("材料依据", |m| Cell::opt(m.basis.as_deref())),
    ("备注", |m| Cell::opt(m.note.as_deref())),
];

/// Columns of the 特别程序 sheet after the code.
const PROCEDURE_COLUMNS: &[Column<crate::model::SpecialProcedure>] = &[
    ("特别程序种类", |p| Cell::text(p.kind.label())),
    ("特别程序时限", |p| {
        Cell::owned(p.time_limit.as_ref().map(duration_text))
    }),
    ("特别程序说明", |p| Cell::opt(p.note.as_deref())),
];

/// Columns of the 办理流程 sheet after the code.
const STEP_COLUMNS: &[Column<crate::model::Step>] = &[
    ("环节", |s| Cell::text(&s.step)),
    ("办理人员", |s| Cell::opt(s.actor.as_deref())),
    ("环节时限", |s| {
        Cell::owned(s.time_limit.as_ref().map(duration_text))
    }),
    ("说明", |s| Cell::opt(s.description.as_deref())),
];

/// Columns of the 收费 sheet after the code.
const FEE_COLUMNS: &[Column<crate::model::Fee>] = &[
    ("收费项目", |f| Cell::text(&f.item)),
    ("收费标准", |f| Cell::text(&f.standard)),
    ("收费依据", |f| Cell::text(&f.basis)),
    ("减免说明", |f| Cell::opt(f.reduction.as_deref())),
];

/// Columns of the 办理地点 sheet after the code.
const LOCATION_COLUMNS: &[Column<crate::model::Location>] = &[
    ("办理地点", |l| Cell::text(&l.place)),
    ("地址", |l| Cell::opt(l.address.as_deref())),
    ("办理时间", |l| Cell::opt(l.hours.as_deref())),
    ("电话", |l| Cell::opt(l.phone.as_deref())),
];

fn part_sheet<'a, T: Sync + 'a>(
    name: &'static str,
    columns: &'static [Column<T>],
    services: &'a [Service],
    parts: fn(&Service) -> &[T],
) -> Sheet<'a> {
    let mut headings = vec![CODE_HEADING];
    headings.extend(columns.iter().map(|c| c.0));
    let rows = services.iter().flat_map(move |s| {
        parts(s).iter().map(move |p| {
            let mut row = vec![Cell::text(&s.code)];
            row.extend(columns.iter().map(|c| (c.1)(p)));
            row
        })
    });
    Sheet {
        name,
        headings,
        rows: Box::new(rows),
    }
}

/// The sheets of the catalogue `services` (in the order given). A 监督投诉电话 that is the
/// site's `site_complaint_phone` is left empty: the item did not write it, the site did.
pub fn sheets<'a>(services: &'a [Service], site_complaint_phone: &'a str) -> Vec<Sheet<'a>> {
    let complaint = ITEM_COLUMNS
        .iter()
        .position(|c| c.0 == "监督投诉电话")
        .unwrap_or(usize::MAX);
    let items = Sheet {
        name: "事项",
        headings: ITEM_COLUMNS.iter().map(|c| c.0).collect(),
        rows: Box::new(services.iter().map(move |s| {
            let mut row: Vec<Cell> = ITEM_COLUMNS.iter().map(|c| (c.1)(s)).collect();
            if s.complaint_phone == site_complaint_phone
                && let Some(c) = row.get_mut(complaint)
            {
                *c = Cell::Empty;
            }
            row
        })),
    };
    vec![
        items,
        part_sheet("申请材料", MATERIAL_COLUMNS, services, |s| {
            s.materials.as_deref().unwrap_or_default()
        }),
        part_sheet("办理流程", STEP_COLUMNS, services, |s| &s.process),
        part_sheet("收费", FEE_COLUMNS, services, |s| {
            s.fees.as_deref().unwrap_or_default()
        }),
        part_sheet("办理地点", LOCATION_COLUMNS, services, |s| &s.locations),
        part_sheet("特别程序", PROCEDURE_COLUMNS, services, |s| {
            &s.special_procedures
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::headings::{item_target, part_key, sheet_section};

    #[test]
    fn every_heading_is_one_the_import_reads() {
        for (h, _) in ITEM_COLUMNS {
            assert!(item_target(h).is_some(), "{h}");
        }
        for sheet in sheets(&[], "").into_iter().skip(1) {
            let sec = sheet_section(sheet.headings.iter().copied())
                .unwrap_or_else(|| panic!("{}", sheet.name));
            for h in sheet.headings.iter().skip(1) {
                assert!(part_key(sec.key, h).is_some(), "{} {h}", sheet.name);
            }
        }
    }

    #[test]
    fn the_docs_list_every_heading() {
        let import = include_str!("../../docs/import.md");
        let open = include_str!("../../docs/open-data.md");
        for sheet in sheets(&[], "") {
            for h in &sheet.headings {
                assert!(import.contains(h), "docs/import.md: {h}");
                assert!(open.contains(h), "docs/open-data.md: {h}");
            }
        }
    }

    #[test]
    fn a_limit_keeps_what_it_excludes() {
        let mut d = Duration::new(90, crate::model::DayUnit::Natural);
        d.note = Some("听证时间不计入".into());
        assert_eq!(duration_text(&d), "90个自然日（听证时间不计入）");
        let (head, note) = crate::import::items::split_note("90个自然日（听证时间不计入）");
        assert_eq!((head, note), ("90个自然日", Some("听证时间不计入")));
    }
}
