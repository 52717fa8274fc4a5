//! The view of an item page (`service`), also shown by its printable 一次性告知单.

use super::summary::{Fact, SummaryLine, service_facts, service_summary};
use crate::figures;
use crate::model::{
    Adjustment, Duration, Requirement, Service, ServiceStatus, SiteConfig, chinese_date,
};
use crate::render::html::Links;
use crate::render::html::views::Link;
use crate::render::jsonld;
use crate::render::markdown::to_html;
use crate::route::Route;
use serde::Serialize;

/// A time limit, written out.
#[derive(Debug, Serialize)]
pub struct LimitView<'a> {
    pub text: String,
    pub note: Option<&'a str>,
    pub immediate: bool,
}

impl<'a> LimitView<'a> {
    fn new(d: &'a Duration) -> LimitView<'a> {
        LimitView {
            text: d.to_string(),
            note: d.note.as_deref(),
            immediate: d.immediate,
        }
    }
}

/// One 办事流程 step.
#[derive(Debug, Serialize)]
pub struct StepView<'a> {
    pub step: &'a str,
    pub actor: Option<&'a str>,
    pub time_limit: Option<LimitView<'a>>,
    pub description: Option<&'a str>,
}

/// One 申报材料 row. Elements the content does not state are `None` and not shown.
#[derive(Debug, Serialize)]
pub struct MaterialView<'a> {
    pub name: &'a str,
    /// 材料类型: 原件 / 复印件 / 原件和复印件.
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    /// 材料形式: 纸质 / 电子 / 纸质和电子.
    pub form: Option<&'static str>,
    pub copies: Option<u32>,
    /// 必需 / 非必需 / 容缺 / the condition.
    pub requirement: Option<&'a str>,
    /// required, optional, deferrable or conditional.
    pub requirement_kind: Option<&'static str>,
    pub source: Option<&'static str>,
    pub shared: bool,
    pub template: Option<Link<'static>>,
    pub sample: Option<Link<'static>>,
    pub note: Option<&'a str>,
    pub acceptance: Option<&'a str>,
    pub basis: Option<&'a str>,
    pub instructions: Option<&'a str>,
}

/// One fee.
#[derive(Debug, Serialize)]
pub struct FeeView<'a> {
    pub item: &'a str,
    pub standard: &'a str,
    pub basis: &'a str,
    pub reduction: Option<&'a str>,
}

/// A location where the item is handled.
#[derive(Debug, Serialize)]
pub struct LocationView<'a> {
    pub place: &'a str,
    pub address: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// A question and its answer (HTML).
#[derive(Debug, Serialize)]
pub struct FaqView<'a> {
    pub question: &'a str,
    pub answer_html: String,
}

/// 办理结果.
#[derive(Debug, Serialize)]
pub struct ResultView<'a> {
    pub name: &'a str,
    /// 证照, 批文 or 其他.
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    /// The sample (样本) to download.
    pub sample: Option<Link<'static>>,
}

/// One 调整记录 entry on the item page, linking the day's page of `/changes/`.
#[derive(Debug, Serialize)]
pub struct AdjustmentView<'a> {
    /// `2026年6月30日`
    pub date: String,
    /// `2026-06-30`
    pub date_iso: String,
    /// The day's page under `/changes/`.
    pub url: String,
    pub doc_number: Option<&'a str>,
    pub text: &'a str,
}

impl<'a> AdjustmentView<'a> {
    /// The view of `a`.
    pub fn new(a: &'a Adjustment, links: &Links) -> AdjustmentView<'a> {
        AdjustmentView {
            date: chinese_date(a.date),
            date_iso: a.date.to_string(),
            url: links.route(Route::ChangesDay(a.date)),
            doc_number: a.doc_number.as_deref(),
            text: &a.text,
        }
    }
}

/// One 特别程序.
#[derive(Debug, Serialize)]
pub struct ProcedureView<'a> {
    pub kind: &'static str,
    pub time_limit: Option<String>,
    pub note: Option<&'a str>,
}

/// A service item page (`service`).
#[derive(Debug, Serialize)]
pub struct ServiceView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub department: &'a str,
    pub levels: &'a [String],
    pub legal_basis: &'a [String],
    pub conditions_html: Option<String>,
    pub process: Vec<StepView<'a>>,
    /// Whether the content states 申报材料 (an empty list then means 无).
    pub materials_stated: bool,
    pub materials: Vec<MaterialView<'a>>,
    /// Whether the content states 办理时限.
    pub time_limit_stated: bool,
    pub promised: Option<LimitView<'a>>,
    pub statutory: Option<LimitView<'a>>,
    /// `法定时限: 无`: shown as 法律法规未规定.
    pub no_statutory_limit: bool,
    /// 提速比例, e.g. `100.0%`.
    pub speedup: Option<String>,
    /// Whether the content states 收费.
    pub fees_stated: bool,
    pub free: bool,
    pub fees: Vec<FeeView<'a>>,
    pub attributes: &'a [String],
    pub visits: Option<u8>,
    pub online_url: Option<&'a str>,
    pub locations: Vec<LocationView<'a>>,
    pub consult_phone: Option<&'a str>,
    pub complaint_phone: &'a str,
    pub result: Option<ResultView<'a>>,
    /// 物流快递, when stated.
    pub delivery: Option<bool>,
    /// 预约办理, when stated.
    pub appointment: Option<bool>,
    pub faq: Vec<FaqView<'a>>,
    pub updated: Option<String>,
    pub body_html: String,
    pub url: String,
    /// 一次性告知单 (DOCX); none for enforcement, incomplete, suspended and cancelled items.
    pub docx_url: Option<String>,
    /// The same 一次性告知单 as a printable page (`/services/<code>/print/`), when there is one.
    pub print_url: Option<String>,
    /// The summary at the top of the page (谁能办, 带几样材料, ...): only what is stated.
    pub summary: Vec<SummaryLine>,
    /// The QR code to the item's page, inline SVG (print page only).
    pub qr_svg: Option<String>,
    /// Centres that handle the item.
    pub centres: &'a [Link<'a>],
    pub draft: bool,
    /// schema.org JSON-LD (`GovernmentService`), already safe inside
    /// `<script type="application/ld+json">`.
    pub jsonld: String,
    /// 行政处罚, 行政强制 or 行政检查: the enforcement layout.
    pub enforcement: bool,
    /// Keys (legal_basis, materials, ...) of the required elements not stated yet.
    pub missing: Vec<&'static str>,
    /// 指南待完善: some required element is not stated.
    pub incomplete: bool,
    /// How to ask about an element that is not published (咨询电话, else 监督投诉电话).
    pub ask_phone: &'a str,
    /// 事项状态: 在用, 暂停 or 取消.
    pub status: &'static str,
    /// in-use, suspended or cancelled.
    pub status_class: &'static str,
    pub effective: Option<String>,
    pub cancelled: Option<String>,
    /// Whether 事项状态 is shown: when it is not 在用 (the value assumed when a file does
    /// not say) or a 生效日期 is given; an unstated 在用 is not printed as a fact.
    pub show_status: bool,
    /// 基本信息: the national elements the content states, in the order of a 办事指南.
    pub facts: Vec<Fact<'a>>,
    pub aliases: &'a [String],
    pub topics: &'a [String],
    pub intermediary_html: Option<String>,
    pub refusal_html: Option<String>,
    pub special_procedures: Vec<ProcedureView<'a>>,
    pub penalty_html: Option<String>,
    pub target: Option<&'a str>,
    pub remedy_html: Option<String>,
    pub visit_reason: Option<&'a str>,
    /// 调整记录, newest first; empty when none is written.
    pub adjustments: Vec<AdjustmentView<'a>>,
}

impl<'a> ServiceView<'a> {
    /// The view of `s`; `centres` are the centres listing it.
    pub fn new(
        s: &'a Service,
        config: &SiteConfig,
        links: &Links,
        centres: &'a [Link<'a>],
    ) -> Self {
        let md = |t: &str| to_html(t, config.unsafe_html);
        let attachment = |label: &'static str, p: &Option<String>| {
            p.as_ref().map(|p| Link::new(label, links.attachment(p)))
        };
        let limit = s.time_limit.as_ref();
        ServiceView {
            code: &s.code,
            name: &s.name,
            kind: s.kind.label(),
            department: &s.department,
            levels: &s.levels,
            legal_basis: &s.legal_basis,
            conditions_html: s.conditions.as_deref().map(md),
            process: s
                .process
                .iter()
                .map(|st| StepView {
                    step: &st.step,
                    actor: st.actor.as_deref(),
                    time_limit: st.time_limit.as_ref().map(LimitView::new),
                    description: st.description.as_deref(),
                })
                .collect(),
            materials_stated: s.materials.is_some(),
            materials: s
                .material_list()
                .iter()
                .map(|m| MaterialView {
                    name: &m.name,
                    kind: m.kind.map(|k| k.label()),
                    form: m.form.map(|f| f.label()),
                    copies: m.copies,
                    requirement: m.required.as_ref().map(|r| r.label()),
                    requirement_kind: m.required.as_ref().map(|r| match r {
                        Requirement::Required => "required",
                        Requirement::Optional => "optional",
                        Requirement::Deferrable => "deferrable",
                        Requirement::Conditional(_) => "conditional",
                    }),
                    source: m.source.map(|s| s.label()),
                    shared: m.shared,
                    template: attachment("空白表格", &m.template),
                    sample: attachment("示例样表", &m.sample),
                    note: m.note.as_deref(),
                    acceptance: m.acceptance.as_deref(),
                    basis: m.basis.as_deref(),
                    instructions: m.instructions.as_deref(),
                })
                .collect(),
            time_limit_stated: limit.is_some(),
            promised: limit.map(|l| LimitView::new(&l.promised)),
            statutory: limit.and_then(|l| l.statutory.as_ref()).map(LimitView::new),
            no_statutory_limit: limit.is_some_and(|l| l.no_statutory_limit),
            speedup: figures::speedup(s).map(figures::percent),
            fees_stated: s.fees.is_some(),
            free: s.is_free(),
            fees: s
                .fee_list()
                .iter()
                .map(|f| FeeView {
                    item: &f.item,
                    standard: &f.standard,
                    basis: &f.basis,
                    reduction: f.reduction.as_deref(),
                })
                .collect(),
            attributes: &s.attributes,
            visits: s.visits,
            online_url: s.online_url.as_deref(),
            locations: s
                .locations
                .iter()
                .map(|l| LocationView {
                    place: &l.place,
                    address: l.address.as_deref(),
                    hours: l.hours.as_deref(),
                    phone: l.phone.as_deref(),
                })
                .collect(),
            consult_phone: s.consult_phone.as_deref(),
            complaint_phone: &s.complaint_phone,
            result: s.result.as_ref().map(|r| ResultView {
                name: &r.name,
                kind: r.kind.map(|k| k.label()),
                sample: attachment("样本", &r.sample),
            }),
            delivery: s.delivery,
            appointment: s.appointment,
            faq: s
                .faq
                .iter()
                .map(|f| FaqView {
                    question: &f.question,
                    answer_html: md(&f.answer),
                })
                .collect(),
            updated: s.updated.map(chinese_date),
            body_html: md(&s.body),
            url: links.service(&s.code),
            docx_url: s
                .has_form()
                .then(|| links.route(Route::ServiceDocx(&s.code))),
            print_url: s
                .has_form()
                .then(|| links.route(Route::ServicePrint(&s.code))),
            summary: service_summary(s),
            qr_svg: None,
            centres,
            draft: s.draft,
            jsonld: jsonld::service_jsonld(config, s),
            enforcement: s.kind.is_enforcement(),
            missing: s.missing_elements().iter().map(|e| e.key()).collect(),
            incomplete: s.is_incomplete(),
            ask_phone: s.consult_phone.as_deref().unwrap_or(&s.complaint_phone),
            status: s.status.label(),
            status_class: match s.status {
                ServiceStatus::InUse => "in-use",
                ServiceStatus::Suspended => "suspended",
                ServiceStatus::Cancelled => "cancelled",
            },
            effective: s.effective.map(chinese_date),
            cancelled: s.cancelled.map(chinese_date),
            show_status: s.status != ServiceStatus::InUse || s.effective.is_some(),
            facts: service_facts(s),
            aliases: &s.aliases,
            topics: &s.topics,
            intermediary_html: s.intermediary.as_deref().map(md),
            refusal_html: s.refusal.as_deref().map(md),
            special_procedures: s
                .special_procedures
                .iter()
                .map(|p| ProcedureView {
                    kind: p.kind.label(),
                    time_limit: p.time_limit.as_ref().map(|d| d.to_string()),
                    note: p.note.as_deref(),
                })
                .collect(),
            penalty_html: s.penalty.as_deref().map(md),
            target: s.target.as_deref(),
            remedy_html: s.remedy.as_deref().map(md),
            visit_reason: s.visit_reason.as_deref(),
            adjustments: crate::diff::log::item_adjustments(s)
                .into_iter()
                .map(|a| AdjustmentView::new(a, links))
                .collect(),
        }
    }
}
