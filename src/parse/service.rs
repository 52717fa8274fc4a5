//! Service items: `content/services/*.md|*.yaml`.

use super::values::{DateForm, duration};
use super::yaml::{Cx, Fields, Key, index, key, list, mapping, one_of, scalar, text};
use super::{Env, body_or_none, draft};
use crate::diag::lang::tr;
use crate::model::{
    Adjustment, Audience, CaseType, Channel, Date, DayUnit, Faq, Fee, Location, Material,
    MaterialForm, MaterialSource, MaterialType, PowerSource, ProcedureKind, Requirement,
    ResultKind, Service, ServiceResult, ServiceStatus, ServiceType, SpecialProcedure, Step,
    TimeLimit,
};
use crate::tr;
use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;

const CODE: Key = key("code", "事项编码");
const NAME: Key = key("name", "事项名称");
const TYPE: Key = key("type", "事项类型");
const DEPARTMENT: Key = key("department", "实施主体");
const LEVELS: Key = key("levels", "办理层级");
const LEGAL_BASIS: Key = key("legal_basis", "设定依据");
const CONDITIONS: Key = key("conditions", "受理条件");
const MATERIALS: Key = key("materials", "申报材料");
const PROCESS: Key = key("process", "办事流程");
const TIME_LIMIT: Key = key("time_limit", "办理时限");
const FEES: Key = key("fees", "收费");
const ATTRIBUTES: Key = key("attributes", "办事属性");
const VISITS: Key = key("visits", "到现场次数");
const ONLINE_URL: Key = key("online_url", "网上办理地址");
const LOCATIONS: Key = key("locations", "办理地点");
const CONSULT_PHONE: Key = key("consult_phone", "咨询电话");
const COMPLAINT_PHONE: Key = key("complaint_phone", "监督投诉电话");
const RESULT: Key = key("result", "办理结果");
const DELIVERY: Key = key("delivery", "物流快递");
const APPOINTMENT: Key = key("appointment", "预约办理");
const FAQ: Key = key("faq", "常见问题");
const UPDATED: Key = key("updated", "更新日期");
const DRAFT: Key = key("draft", "草稿");
const BASIC_CODE: Key = key("basic_code", "基本编码");
const DEPARTMENT_CODE: Key = key("department_code", "实施主体编码");
const ALIASES: Key = key("aliases", "俗称");
const TOPICS: Key = key("topics", "主题分类");
const AUDIENCE: Key = key("audience", "服务对象");
const CASE_TYPE: Key = key("case_type", "办件类型");
const STATUS: Key = key("status", "事项状态");
const EFFECTIVE: Key = key("effective", "生效日期");
const CANCELLED: Key = key("cancelled", "取消日期");
const POWER_SOURCE: Key = key("power_source", "权力来源");
const DELEGATED_BY: Key = key("delegated_by", "下放委托部门");
const SCOPE: Key = key("scope", "通办范围");
const CHANNELS: Key = key("channels", "办理形式");
const ONLINE_PAYMENT: Key = key("online_payment", "网上支付");
const VISIT_REASON: Key = key("visit_reason", "到现场原因");
const INTERMEDIARY: Key = key("intermediary", "中介服务");
const QUANTITY_LIMIT: Key = key("quantity_limit", "数量限制");
const REFUSAL: Key = key("refusal", "不予受理情形");
const SPECIAL_PROCEDURES: Key = key("special_procedures", "特别程序");
const PENALTY: Key = key("penalty", "处罚种类和幅度");
const TARGET: Key = key("target", "实施对象");
const REMEDY: Key = key("remedy", "救济途径");
const ADJUSTMENTS: Key = key("adjustments", "调整记录");

/// Keys of a service item.
pub const KEYS: &[Key] = &[
    CODE,
    NAME,
    TYPE,
    DEPARTMENT,
    LEVELS,
    LEGAL_BASIS,
    CONDITIONS,
    MATERIALS,
    PROCESS,
    TIME_LIMIT,
    FEES,
    ATTRIBUTES,
    VISITS,
    ONLINE_URL,
    LOCATIONS,
    CONSULT_PHONE,
    COMPLAINT_PHONE,
    RESULT,
    DELIVERY,
    APPOINTMENT,
    FAQ,
    UPDATED,
    DRAFT,
    BASIC_CODE,
    DEPARTMENT_CODE,
    ALIASES,
    TOPICS,
    AUDIENCE,
    CASE_TYPE,
    STATUS,
    EFFECTIVE,
    CANCELLED,
    POWER_SOURCE,
    DELEGATED_BY,
    SCOPE,
    CHANNELS,
    ONLINE_PAYMENT,
    VISIT_REASON,
    INTERMEDIARY,
    QUANTITY_LIMIT,
    REFUSAL,
    SPECIAL_PROCEDURES,
    PENALTY,
    TARGET,
    REMEDY,
    ADJUSTMENTS,
];

const MATERIAL_NAME: Key = key("name", "材料名称");
const MATERIAL_FORM: Key = key("form", "材料形式");
const MATERIAL_COPIES: Key = key("copies", "份数");
const MATERIAL_REQUIRED: Key = key("required", "是否必需");
const MATERIAL_SOURCE: Key = key("source", "来源");
const MATERIAL_SHARED: Key = key("shared", "免提交");
const MATERIAL_TEMPLATE: Key = key("template", "空白表格");
const MATERIAL_SAMPLE: Key = key("sample", "示例样表");
const MATERIAL_NOTE: Key = key("note", "备注");
const MATERIAL_TYPE: Key = key("type", "材料类型");
const MATERIAL_ACCEPTANCE: Key = key("acceptance", "受理标准");
const MATERIAL_BASIS: Key = key("basis", "材料依据");
const MATERIAL_INSTRUCTIONS: Key = key("instructions", "填报须知");

/// Keys of a material.
pub const MATERIAL_KEYS: &[Key] = &[
    MATERIAL_NAME,
    MATERIAL_FORM,
    MATERIAL_COPIES,
    MATERIAL_REQUIRED,
    MATERIAL_SOURCE,
    MATERIAL_SHARED,
    MATERIAL_TEMPLATE,
    MATERIAL_SAMPLE,
    MATERIAL_NOTE,
    MATERIAL_TYPE,
    MATERIAL_ACCEPTANCE,
    MATERIAL_BASIS,
    MATERIAL_INSTRUCTIONS,
];

const PROCEDURE_KIND: Key = key("kind", "种类");
const PROCEDURE_TIME_LIMIT: Key = key("time_limit", "时限");
const PROCEDURE_NOTE: Key = key("note", "说明");

/// Keys of a special procedure (特别程序).
pub const PROCEDURE_KEYS: &[Key] = &[PROCEDURE_KIND, PROCEDURE_TIME_LIMIT, PROCEDURE_NOTE];

const ADJUSTMENT_DATE: Key = key("date", "日期");
const ADJUSTMENT_DOC_NUMBER: Key = key("doc_number", "文号");
const ADJUSTMENT_TEXT: Key = key("text", "内容");

/// Keys of an adjustment (调整记录).
pub const ADJUSTMENT_KEYS: &[Key] = &[ADJUSTMENT_DATE, ADJUSTMENT_DOC_NUMBER, ADJUSTMENT_TEXT];

const RESULT_NAME: Key = key("name", "名称");
const RESULT_KIND: Key = key("kind", "类型");
const RESULT_SAMPLE: Key = key("sample", "样本");

/// Keys of 办理结果 written as a map.
pub const RESULT_KEYS: &[Key] = &[RESULT_NAME, RESULT_KIND, RESULT_SAMPLE];

const STEP_NAME: Key = key("step", "环节");
const STEP_ACTOR: Key = key("actor", "办理人员");
const STEP_TIME_LIMIT: Key = key("time_limit", "环节时限");
const STEP_DESCRIPTION: Key = key("description", "说明");

/// Keys of a process step.
pub const STEP_KEYS: &[Key] = &[STEP_NAME, STEP_ACTOR, STEP_TIME_LIMIT, STEP_DESCRIPTION];

const LIMIT_STATUTORY: Key = key("statutory", "法定时限");
const LIMIT_PROMISED: Key = key("promised", "承诺时限");

/// Keys of 办理时限.
pub const TIME_LIMIT_KEYS: &[Key] = &[LIMIT_STATUTORY, LIMIT_PROMISED];

const FEE_ITEM: Key = key("item", "收费项目");
const FEE_STANDARD: Key = key("standard", "收费标准");
const FEE_BASIS: Key = key("basis", "收费依据");
const FEE_REDUCTION: Key = key("reduction", "减免说明");

/// Keys of a fee.
pub const FEE_KEYS: &[Key] = &[FEE_ITEM, FEE_STANDARD, FEE_BASIS, FEE_REDUCTION];

const LOCATION_PLACE: Key = key("place", "地点");
const LOCATION_ADDRESS: Key = key("address", "地址");
const LOCATION_HOURS: Key = key("hours", "办理时间");
const LOCATION_PHONE: Key = key("phone", "电话");

/// Keys of a location.
pub const LOCATION_KEYS: &[Key] = &[
    LOCATION_PLACE,
    LOCATION_ADDRESS,
    LOCATION_HOURS,
    LOCATION_PHONE,
];

const FAQ_QUESTION: Key = key("question", "问题");
const FAQ_ANSWER: Key = key("answer", "答案");

/// Keys of a FAQ entry.
pub const FAQ_KEYS: &[Key] = &[FAQ_QUESTION, FAQ_ANSWER];

/// Text added to the help of a missing required element when site.yaml does not set
/// `publish_incomplete`: the setting exists. Both languages name the key `发布未完善事项`.
pub fn publish_incomplete_hint() -> &'static str {
    tr(
        "如需先发布未完善的事项，可在 site.yaml 中写 发布未完善事项: true",
        "to publish items before their guide is complete, write 发布未完善事项: true (publish_incomplete) in site.yaml",
    )
}

/// Reads one service item. Problems go to `cx`; the item is returned as far as it could be read.
pub fn parse(cx: &mut Cx, env: &Env, map: &MarkedMappingNode, body: &str) -> Service {
    let f = Fields::new(cx, map, "", KEYS);

    let code = f
        .required_text(
            cx,
            CODE,
            tr(
                "事项编码，如 330199-XK-0001",
                "the item code, e.g. 330199-XK-0001",
            ),
        )
        .and_then(|c| {
            let c = super::yaml::half_width(&c);
            let (n, p) = f.get(CODE)?;
            check_code(cx, n, &p, &c).then_some(c)
        });
    let name = f.required_text(
        cx,
        NAME,
        tr(
            "事项名称，如 个体工商户设立登记",
            "the item's name, e.g. 个体工商户设立登记",
        ),
    );
    let kind = f.required(
        cx,
        TYPE,
        &tr!(
            "可选：{}",
            "allowed: {}",
            ServiceType::labels().join(tr("、", " "))
        ),
        |cx, n, p| one_of(cx, n, p, ServiceType::from_label, &ServiceType::labels()),
    );
    let enforcement = kind.is_some_and(ServiceType::is_enforcement);
    let department = f.required_text(
        cx,
        DEPARTMENT,
        tr(
            "实施主体，如 清河区市场监督管理局",
            "the implementing body, e.g. 清河区市场监督管理局",
        ),
    );
    let mut unpublished: Vec<&'static str> = Vec::new();
    let levels = match f.get(LEVELS) {
        Some((n, p)) => allowed_list(
            cx,
            n,
            &p,
            &env.config.levels,
            tr("site.yaml 的 办理层级", "办理层级 in site.yaml"),
        ),
        // Only code, name, type and department stay required for an incomplete item.
        None if env.config.publish_incomplete => {
            unpublished.push(LEVELS.zh);
            Vec::new()
        }
        None => {
            f.missing(
                cx,
                LEVELS,
                &tr!(
                    "可选（见 site.yaml 的 办理层级）：{}",
                    "allowed: {}",
                    env.config.levels.join(tr("、", " "))
                ),
            );
            Vec::new()
        }
    };
    let legal_basis = f.text_list(cx, LEGAL_BASIS);
    if legal_basis.is_empty()
        && kind.is_some_and(ServiceType::needs_legal_basis)
        && f.get(LEGAL_BASIS).is_none()
    {
        missing_element(
            cx,
            env,
            &f,
            &mut unpublished,
            LEGAL_BASIS,
            tr(
                "除公共服务外，都要写明法律法规和条款，如 《中华人民共和国行政许可法》第十二条",
                "every type but 公共服务 names its laws and articles, e.g. 《中华人民共和国行政许可法》第十二条",
            ),
        );
    }
    let conditions = f.text(cx, CONDITIONS);
    let materials = match f.get(MATERIALS) {
        Some((n, _)) if is_word(n, &["无"]) => Some(Vec::new()),
        Some((n, p)) => Some(parse_list(cx, n, &p, |cx, m, p| material(cx, env, m, p))),
        None if enforcement => None,
        None => {
            missing_element(
                cx,
                env,
                &f,
                &mut unpublished,
                MATERIALS,
                tr(
                    "材料清单，每项写 材料名称；不需要材料时写 申报材料: 无",
                    "a list of materials, or 无 when none are needed",
                ),
            );
            None
        }
    };
    let process = match f.get(PROCESS) {
        Some((n, p)) => {
            let steps = parse_list(cx, n, &p, step);
            if steps.is_empty() && matches!(n, Node::Sequence(s) if s.is_empty()) {
                cx.error(
                    n.span(),
                    &p,
                    tr("办事流程 是空的", "办事流程 is empty"),
                    Some(tr("至少列出一个环节", "list at least one step").into()),
                );
            }
            steps
        }
        None => {
            missing_element(
                cx,
                env,
                &f,
                &mut unpublished,
                PROCESS,
                tr(
                    "办理的各个环节，每项写 环节，如 - 环节: 受理",
                    "a list of steps, each with 环节 (step)",
                ),
            );
            Vec::new()
        }
    };
    let time_limit = match f.get(TIME_LIMIT) {
        Some((n, p)) => time_limit(cx, n, &p),
        None if enforcement => None,
        None => {
            missing_element(
                cx,
                env,
                &f,
                &mut unpublished,
                TIME_LIMIT,
                tr(
                    "写明 承诺时限，可再写 法定时限",
                    "承诺时限 (promised) and optionally 法定时限 (statutory)",
                ),
            );
            None
        }
    };
    let fees = match f.get(FEES) {
        Some((n, _)) if is_word(n, FREE_WORDS) => Some(Vec::new()),
        Some((n, p)) => Some(parse_list(cx, n, &p, fee)),
        None if enforcement => None,
        None => {
            missing_element(
                cx,
                env,
                &f,
                &mut unpublished,
                FEES,
                tr(
                    "收费清单，每项写 收费标准 和 收费依据；不收费时写 收费: 不收费",
                    "a list of fees with 收费依据 and 收费标准, or 不收费",
                ),
            );
            None
        }
    };
    let attributes = f.many(cx, ATTRIBUTES, |cx, n, p| {
        allowed_list(
            cx,
            n,
            p,
            &env.config.attributes,
            tr("site.yaml 的 办事属性", "办事属性 in site.yaml"),
        )
    });
    let visits = f.integer(cx, VISITS, 0, 9).map(|v| v as u8);
    let online_url = f.url(cx, ONLINE_URL);
    let locations = f.list_of(cx, LOCATIONS, location);
    if locations.is_empty()
        && f.get(ONLINE_URL).is_none()
        && f.get(LOCATIONS).is_none()
        && !enforcement
    {
        missing_element(
            cx,
            env,
            &f,
            &mut unpublished,
            LOCATIONS,
            tr(
                "办理地点清单，每项写 地点；只能网上办理时改写 网上办理地址",
                "where to apply (办理地点, each with 地点), unless 网上办理地址 is given",
            ),
        );
    }
    let faq = f.list_of(cx, FAQ, faq);
    let updated = f.date(cx, UPDATED, DateForm::Day);
    warn_unpublished(cx, &f, &unpublished);
    let national = national(cx, env, &f);
    if !enforcement && kind.is_some() {
        for k in [PENALTY, TARGET] {
            if let Some((n, p)) = f.get(k) {
                cx.warn(
                    n.span(),
                    &p,
                    tr!(
                        "{} 只用于行政处罚、行政强制、行政检查事项，本事项的页面不显示它",
                        "{} is for 行政处罚, 行政强制 and 行政检查 items; this item's page does not show it",
                        k.zh
                    ),
                    None,
                );
            }
        }
    }
    let delivery = f.boolean(cx, DELIVERY);
    let appointment = f.boolean(cx, APPOINTMENT);
    let result = f.value(cx, RESULT, |cx, n, p| result(cx, env, n, p));
    let as_of = env.config.as_of;
    let adjustments = f.list_of(cx, ADJUSTMENTS, |cx, m, p| adjustment(cx, m, p, as_of));
    let mut service = Service {
        source: cx.file.to_string(),
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
        kind: kind.unwrap_or(ServiceType::PublicService),
        department: department.unwrap_or_default(),
        levels,
        legal_basis,
        conditions,
        materials,
        process,
        time_limit,
        fees,
        attributes,
        visits,
        online_url,
        locations,
        consult_phone: f.text(cx, CONSULT_PHONE),
        complaint_phone: f
            .text(cx, COMPLAINT_PHONE)
            .unwrap_or_else(|| env.config.complaint_phone.clone()),
        result,
        delivery,
        appointment,
        faq,
        updated,
        draft: draft(cx, &f, DRAFT),
        basic_code: national.basic_code,
        department_code: national.department_code,
        aliases: national.aliases,
        topics: national.topics,
        audience: national.audience,
        case_type: national.case_type,
        status: national.status,
        effective: national.effective,
        cancelled: national.cancelled,
        power_source: national.power_source,
        delegated_by: national.delegated_by,
        scope: national.scope,
        channels: national.channels,
        online_payment: national.online_payment,
        visit_reason: national.visit_reason,
        intermediary: national.intermediary,
        quantity_limit: national.quantity_limit,
        refusal: national.refusal,
        special_procedures: national.special_procedures,
        penalty: national.penalty,
        target: national.target,
        remedy: national.remedy,
        adjustments,
        body: body_or_none(body),
    };
    compact(&mut service);
    service
}

/// Gives back what the lists of `s` hold beyond their items: they grow while they are
/// read, and a site keeps 100,000 items in memory.
fn compact(s: &mut Service) {
    fn texts(v: &mut Vec<String>) {
        v.shrink_to_fit();
    }
    texts(&mut s.levels);
    texts(&mut s.legal_basis);
    texts(&mut s.attributes);
    texts(&mut s.aliases);
    texts(&mut s.topics);
    if let Some(m) = &mut s.materials {
        m.shrink_to_fit();
    }
    if let Some(f) = &mut s.fees {
        f.shrink_to_fit();
    }
    s.process.shrink_to_fit();
    s.locations.shrink_to_fit();
    s.faq.shrink_to_fit();
    s.audience.shrink_to_fit();
    s.channels.shrink_to_fit();
    s.special_procedures.shrink_to_fit();
    s.adjustments.shrink_to_fit();
}

/// A required element of the six disclosures is missing: an error, or with site.yaml
/// `publish_incomplete` a warning (the item is published with the element as 未公开).
/// With `publish_incomplete` the element is only noted in `unpublished`: the item gets one
/// warning naming all of them ([`warn_unpublished`]), not one a key.
fn missing_element(
    cx: &mut Cx,
    env: &Env,
    f: &Fields,
    unpublished: &mut Vec<&'static str>,
    key: Key,
    what: &str,
) {
    if env.config.publish_incomplete {
        unpublished.push(key.zh);
        return;
    }
    let before = cx.diags.len();
    f.missing(cx, key, what);
    for d in &mut cx.diags[before..] {
        d.help = Some(format!("{what}；{}", publish_incomplete_hint()));
    }
}

/// One warning for an item published before its guide is complete, naming what it lacks.
fn warn_unpublished(cx: &mut Cx, f: &Fields, unpublished: &[&str]) {
    if unpublished.is_empty() {
        return;
    }
    let list = unpublished.join("、");
    cx.warn(
        f.span(),
        "",
        tr!(
            "指南待完善：未写 {list}",
            "guide incomplete: no {list}"
        ),
        Some(tr(
            "已设置 发布未完善事项：本事项照常发布，缺少的内容显示为“未公开”并提示咨询电话，不生成一次性告知单",
            "发布未完善事项 is set: the item is published with the missing elements shown as 未公开 with the phone to ask, and no 一次性告知单",
        ).into()),
    );
}

/// The elements of the national 实施清单 (content format v2 §3), all optional.
struct National {
    basic_code: Option<String>,
    department_code: Option<String>,
    aliases: Vec<String>,
    topics: Vec<String>,
    audience: Vec<Audience>,
    case_type: Option<CaseType>,
    status: ServiceStatus,
    effective: Option<Date>,
    cancelled: Option<Date>,
    power_source: Option<PowerSource>,
    delegated_by: Option<String>,
    scope: Option<String>,
    channels: Vec<Channel>,
    online_payment: Option<bool>,
    visit_reason: Option<String>,
    intermediary: Option<String>,
    quantity_limit: Option<String>,
    refusal: Option<String>,
    special_procedures: Vec<SpecialProcedure>,
    penalty: Option<String>,
    target: Option<String>,
    remedy: Option<String>,
}

fn national(cx: &mut Cx, env: &Env, f: &Fields) -> National {
    let department_code = f.value(cx, DEPARTMENT_CODE, |cx, n, p| {
        let code = text(cx, n, p)?;
        match check_credit_code(&code) {
            Ok(()) => Some(code),
            Err(why) => {
                cx.error(
                    n.span(),
                    p,
                    tr!(
                        "`{code}` 不是统一社会信用代码：{why}",
                        "`{code}` is not a 统一社会信用代码 (unified social credit code): {why}"
                    ),
                    Some(
                        tr(
                            "统一社会信用代码是 18 位，由数字和大写字母组成（不用 I O Z S V），例如 113301000024935417",
                            "18 characters of digits and capital letters (no I O Z S V), e.g. 113301000024935417",
                        )
                        .into(),
                    ),
                );
                None
            }
        }
    });
    let topics = f.many(cx, TOPICS, |cx, n, p| {
        chosen_list(cx, n, p, &env.config.topics, "site.yaml 的 主题分类")
    });
    let audience = enum_list(cx, f, AUDIENCE, Audience::from_label, &Audience::labels());
    let channels = enum_list(cx, f, CHANNELS, Channel::from_label, &Channel::labels());
    let case_type = f.one_of(cx, CASE_TYPE, CaseType::from_label, &CaseType::labels());
    let status = f
        .one_of(
            cx,
            STATUS,
            ServiceStatus::from_label,
            &ServiceStatus::labels(),
        )
        .unwrap_or(ServiceStatus::InUse);
    let effective = f.date(cx, EFFECTIVE, DateForm::Day);
    let cancelled = f.date(cx, CANCELLED, DateForm::Day);
    if status == ServiceStatus::Cancelled && f.get(CANCELLED).is_none() {
        let (span, path) = match f.get(STATUS) {
            Some((n, p)) => (*n.span(), p),
            None => (*f.span(), STATUS.zh.to_string()),
        };
        cx.error(
            &span,
            &path,
            tr(
                "事项状态为 取消 的事项须写明 取消日期",
                "a cancelled item (事项状态: 取消) gives its 取消日期 (cancelled)",
            ),
            Some(tr("例如 取消日期: 2026-06-30", "e.g. 取消日期: 2026-06-30").into()),
        );
    }
    if let (Some(e), Some(c), Some((n, p))) = (effective, cancelled, f.get(CANCELLED))
        && c < e
    {
        cx.error(
            n.span(),
            &p,
            tr!(
                "取消日期 {c} 早于生效日期 {e}",
                "取消日期 {c} is before 生效日期 {e}"
            ),
            Some(tr("检查两个日期", "check both dates").into()),
        );
    }
    let power_source = f.one_of(
        cx,
        POWER_SOURCE,
        PowerSource::from_label,
        &PowerSource::labels(),
    );
    let delegated_by = f.text(cx, DELEGATED_BY);
    if let Some(ps) = power_source
        && ps.needs_delegating_department()
        && delegated_by.is_none()
        && f.get(DELEGATED_BY).is_none()
        && let Some((n, p)) = f.get(POWER_SOURCE)
    {
        cx.error(
            n.span(),
            &p,
            tr!(
                "权力来源为 {ps} 的事项须写明 下放委托部门",
                "an item whose 权力来源 is {ps} names the 下放委托部门 (delegated_by)"
            ),
            Some(
                tr(
                    "写明下放或委托该权力的部门，例如 下放委托部门: 清河区市场监督管理局",
                    "the department that delegated or entrusted the power, e.g. 下放委托部门: 清河区市场监督管理局",
                )
                .into(),
            ),
        );
    }
    let scope = f.value(cx, SCOPE, |cx, n, p| {
        chosen(cx, n, p, &env.config.scopes, "site.yaml 的 通办范围")
    });
    let special_procedures = f.list_of(cx, SPECIAL_PROCEDURES, procedure);
    National {
        basic_code: f.text(cx, BASIC_CODE),
        department_code,
        aliases: f.text_list(cx, ALIASES),
        topics,
        audience,
        case_type,
        status,
        effective,
        cancelled,
        power_source,
        delegated_by,
        scope,
        channels,
        online_payment: f.boolean(cx, ONLINE_PAYMENT),
        visit_reason: f.text(cx, VISIT_REASON),
        intermediary: f.text(cx, INTERMEDIARY),
        quantity_limit: f.text(cx, QUANTITY_LIMIT),
        refusal: f.text(cx, REFUSAL),
        special_procedures,
        penalty: f.text(cx, PENALTY),
        target: f.text(cx, TARGET),
        remedy: f.text(cx, REMEDY),
    }
}

/// Checks a 统一社会信用代码 (GB 32100-2015): 18 characters of `0-9 A-H J-N P-R T-U W-Y`,
/// the last one a check character.
pub fn check_credit_code(code: &str) -> Result<(), String> {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(tr!(
            "应为 18 位，实际 {} 位",
            "it has {} characters instead of 18",
            chars.len()
        ));
    }
    let mut values = Vec::with_capacity(18);
    for (i, c) in chars.iter().enumerate() {
        match ALPHABET.find(*c) {
            Some(v) => values.push(v as u32),
            None => {
                return Err(tr!(
                    "第 {} 位 `{c}` 不是允许的字符（数字和大写字母，不用 I O Z S V）",
                    "character {} `{c}` is not allowed (digits and capital letters but I O Z S V)",
                    i + 1
                ));
            }
        }
    }
    let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] != check {
        let expected = ALPHABET.chars().nth(check as usize).unwrap_or('?');
        return Err(tr!(
            "校验位应为 `{expected}`，实际为 `{}`",
            "the check character should be `{expected}`, not `{}`",
            chars[17]
        ));
    }
    Ok(())
}

/// A list of labels of an enum, each one allowed.
fn enum_list<T: Copy + PartialEq>(
    cx: &mut Cx,
    f: &Fields,
    k: Key,
    parse: impl Fn(&str) -> Option<T> + Copy,
    allowed: &[&str],
) -> Vec<T> {
    let Some((n, p)) = f.get(k) else {
        return Vec::new();
    };
    let Some(items) = list(cx, n, &p) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if let Some(v) = one_of(cx, item, &index(&p, i), parse, allowed)
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    out
}

/// One value from a site list (主题分类, 通办范围); an unknown one is an error with
/// "did you mean".
fn chosen(cx: &mut Cx, node: &Node, path: &str, allowed: &[String], from: &str) -> Option<String> {
    let v = text(cx, node, path)?;
    if allowed.contains(&v) {
        return Some(v);
    }
    let guess = allowed
        .iter()
        .map(|a| (strsim::normalized_levenshtein(&v, a), a))
        .filter(|(s, _)| *s >= 0.3)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a);
    let list = allowed.join(" ");
    cx.error(
        node.span(),
        path,
        tr!("`{v}` 不在 {from} 中", "`{v}` is not in {from}"),
        Some(match guess {
            Some(g) => tr!(
                "是不是 `{g}`？可用的值（{from}）：{list}",
                "did you mean `{g}`? Allowed ({from}): {list}"
            ),
            None => tr!(
                "可用的值（{from}）：{list}；也可以在 site.yaml 中增加",
                "allowed ({from}): {list}; or add it in site.yaml"
            ),
        }),
    );
    None
}

/// A list of values from a site list.
fn chosen_list(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    allowed: &[String],
    from: &str,
) -> Vec<String> {
    let Some(items) = list(cx, node, path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, n) in items.into_iter().enumerate() {
        if let Some(v) = chosen(cx, n, &index(path, i), allowed, from)
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    out
}

fn procedure(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<SpecialProcedure> {
    let f = Fields::new(cx, m, path, PROCEDURE_KEYS);
    let kind = f.required(
        cx,
        PROCEDURE_KIND,
        &tr!(
            "特别程序的种类：{}",
            "the kind of procedure: {}",
            ProcedureKind::labels().join(" ")
        ),
        |cx, n, p| {
            one_of(
                cx,
                n,
                p,
                ProcedureKind::from_label,
                &ProcedureKind::labels(),
            )
        },
    );
    let time_limit = f.duration(cx, PROCEDURE_TIME_LIMIT);
    let note = f.text(cx, PROCEDURE_NOTE);
    Some(SpecialProcedure {
        kind: kind?,
        time_limit,
        note,
    })
}

/// 办理结果: a name, or `{名称, 类型, 样本}`.
fn result(cx: &mut Cx, env: &Env, node: &Node, path: &str) -> Option<ServiceResult> {
    let Node::Mapping(m) = node else {
        return text(cx, node, path).map(|name| ServiceResult {
            name,
            kind: None,
            sample: None,
        });
    };
    let f = Fields::new(cx, m, path, RESULT_KEYS);
    let name = f.required_text(
        cx,
        RESULT_NAME,
        tr(
            "办理结果的名称，例如 营业执照",
            "what the applicant receives, e.g. 营业执照",
        ),
    );
    let kind = f.one_of(
        cx,
        RESULT_KIND,
        ResultKind::from_label,
        &ResultKind::labels(),
    );
    let exists = |p: &str| env.static_exists(p);
    let sample = f.static_path(cx, RESULT_SAMPLE, &exists);
    Some(ServiceResult {
        name: name?,
        kind,
        sample,
    })
}

fn check_code(cx: &mut Cx, node: &Node, path: &str, code: &str) -> bool {
    let ok = code.len() <= 64
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        cx.error(
            node.span(),
            path,
            tr!(
                "“{code}”不能用作事项编码：编码会成为网址和文件名",
                "`{code}` cannot be an item code: it becomes a web address and a file name"
            ),
            Some({
                let near: String = code
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .collect();
                let near: String = near
                    .trim_start_matches(['-', '_', '.'])
                    .chars()
                    .take(64)
                    .collect();
                let base = tr(
                    "编码只用英文字母、数字和 - _ .，以字母或数字开头，最多 64 个字符，如 330199-XK-0001",
                    "use ASCII letters, digits, -, _ and ., starting with a letter or digit (at most 64), e.g. 330199-XK-0001",
                );
                if near.is_empty() || near == code {
                    base.to_string()
                } else {
                    tr!("{base}；可以写成 {near}", "{base}; for example {near}")
                }
            }),
        );
    }
    ok
}

/// The ways of writing 收费: 不收费.
const FREE_WORDS: &[&str] = &[
    "不收费",
    "免费",
    "无",
    "不收取费用",
    "不收取任何费用",
    "免收",
    "0元",
    "0",
    "零元",
    "0.00元",
];

/// True when the node is one of the given words (e.g. 无, 不收费); full-width digits count.
fn is_word(node: &Node, words: &[&str]) -> bool {
    node.as_scalar().is_some_and(|s| {
        let t = super::yaml::half_width(s.as_str());
        words.contains(&t.trim())
    })
}

/// A list of texts each of which must be in `allowed`.
fn allowed_list(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    allowed: &[String],
    from: &str,
) -> Vec<String> {
    let values = super::yaml::text_list_items(cx, node, path, true);
    let mut out = Vec::new();
    for (i, (v, span)) in values.into_iter().enumerate() {
        if allowed.contains(&v) {
            if !out.contains(&v) {
                out.push(v);
            }
        } else {
            let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
            cx.error(
                &span,
                &index(path, i),
                super::yaml::not_allowed(&v, &names),
                Some(tr!(
                    "可选（{from}）：{}",
                    "allowed ({from}): {}",
                    allowed.join(tr("、", " "))
                )),
            );
        }
    }
    out
}

/// Reads a list of maps with `item`.
pub(crate) fn parse_list<T>(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    item: impl Fn(&mut Cx, &MarkedMappingNode, &str) -> Option<T>,
) -> Vec<T> {
    let Some(items) = list(cx, node, path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, n) in items.into_iter().enumerate() {
        let p = index(path, i);
        if let (Node::Scalar(s), Some(first)) = (n, first_key_of(path)) {
            // 申报材料: 身份证、户口簿 — each item is keys, not a word.
            let words: Vec<&str> = s
                .as_str()
                .split('、')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect();
            let form: String = words
                .iter()
                .map(|w| format!("“- {first}: {w}”"))
                .collect::<Vec<_>>()
                .join(tr("、", ", "));
            cx.error(
                s.span(),
                &p,
                tr!(
                    "这里每一项要写成“{first}: ……”，却只写了“{}”",
                    "each item here is written `{first}: …`, found only `{}`",
                    s.as_str().trim()
                ),
                Some(tr!(
                    "在下面各写一行（前面空两格）：{form}",
                    "write one line each below it, indented two spaces: {form}"
                )),
            );
            continue;
        }
        if let Some(m) = mapping(cx, n, &p)
            && let Some(v) = item(cx, m, &p)
        {
            out.push(v);
        }
    }
    out
}

/// The key each item of the list at `path` starts with, for the list's own keys.
fn first_key_of(path: &str) -> Option<&'static str> {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    [
        (MATERIALS, MATERIAL_NAME),
        (PROCESS, STEP_NAME),
        (LOCATIONS, LOCATION_PLACE),
        (FEES, FEE_ITEM),
        (FAQ, FAQ_QUESTION),
    ]
    .iter()
    .find(|(list, _)| list.zh == last || list.en == last)
    .map(|(list, first)| if list.en == last { first.en } else { first.zh })
}

fn material(cx: &mut Cx, env: &Env, m: &MarkedMappingNode, path: &str) -> Option<Material> {
    let f = Fields::new(cx, m, path, MATERIAL_KEYS);
    let name = f.required_text(
        cx,
        MATERIAL_NAME,
        tr(
            "材料名称，如 居民身份证",
            "the material's name, e.g. 居民身份证",
        ),
    );
    let (mut kind, form) = match f.get(MATERIAL_FORM) {
        Some((n, p)) => material_form(cx, n, &p),
        None => (None, None),
    };
    if f.get(MATERIAL_TYPE).is_some() {
        kind = f.one_of(
            cx,
            MATERIAL_TYPE,
            MaterialType::from_label,
            &MaterialType::labels(),
        );
    }
    let copies = f.integer(cx, MATERIAL_COPIES, 1, 999).map(|c| c as u32);
    let required = f.value(cx, MATERIAL_REQUIRED, requirement);
    let source = f.one_of(
        cx,
        MATERIAL_SOURCE,
        MaterialSource::from_label,
        &MaterialSource::labels(),
    );
    let shared = f.boolean(cx, MATERIAL_SHARED).unwrap_or(false);
    let exists = |p: &str| env.static_exists(p);
    let template = f.static_path(cx, MATERIAL_TEMPLATE, &exists);
    let sample = f.static_path(cx, MATERIAL_SAMPLE, &exists);
    let note = f.text(cx, MATERIAL_NOTE);
    Some(Material {
        name: name?,
        kind,
        form,
        copies,
        required,
        source,
        shared,
        template,
        sample,
        note,
        acceptance: f.text(cx, MATERIAL_ACCEPTANCE),
        basis: f.text(cx, MATERIAL_BASIS),
        instructions: f.text(cx, MATERIAL_INSTRUCTIONS),
    })
}

/// 材料形式: 纸质, 电子 or 纸质和电子; v1 files wrote 原件 / 复印件 / 原件和复印件 here
/// (they mean 材料类型, with a warning) and 电子件 (材料形式: 电子).
fn material_form(
    cx: &mut Cx,
    node: &Node,
    path: &str,
) -> (Option<MaterialType>, Option<MaterialForm>) {
    let Some(s) = scalar(cx, node, path) else {
        return (None, None);
    };
    let t = s.as_str().trim();
    if let Some(form) = MaterialForm::from_label(t) {
        return (None, Some(form));
    }
    if let Some(kind) = MaterialType::from_label(t) {
        cx.warn(
            s.span(),
            path,
            tr!(
                "`{t}` 是材料类型，不是材料形式",
                "`{t}` is a 材料类型 (type), not a 材料形式 (form)"
            ),
            Some(tr!(
                "按 材料类型: {t} 理解；请写成 材料类型: {t}（材料形式 写 纸质、电子 或 纸质和电子）",
                "read as 材料类型: {t}; write 材料类型: {t} (材料形式 is 纸质, 电子 or 纸质和电子)"
            )),
        );
        return (Some(kind), None);
    }
    if t == "电子件" {
        return (None, Some(MaterialForm::Electronic));
    }
    let mut allowed = MaterialForm::labels();
    allowed.push("电子件");
    cx.error(
        s.span(),
        path,
        tr!("`{t}` 不是允许的值", "`{t}` is not an allowed value"),
        Some(tr!(
            "可用的值：{}；原件、复印件 写在 材料类型 中",
            "allowed: {}; 原件 and 复印件 go in 材料类型",
            allowed.join(" ")
        )),
    );
    (None, None)
}

fn requirement(cx: &mut Cx, node: &Node, path: &str) -> Option<Requirement> {
    let s = scalar(cx, node, path)?;
    Some(match s.as_str().trim() {
        "true" | "True" | "TRUE" | "是" | "必需" | "必须" => Requirement::Required,
        "false" | "False" | "FALSE" | "否" | "非必需" => Requirement::Optional,
        "容缺" => Requirement::Deferrable,
        "" => {
            cx.error(
                s.span(),
                path,
                tr("值是空的", "value is empty"),
                Some(
                    tr(
                        "可写 是、否、容缺，或写条件，如 委托办理时提供",
                        "allowed: true, false, 容缺, or a condition such as 委托办理时提供",
                    )
                    .into(),
                ),
            );
            return None;
        }
        cond => Requirement::Conditional(cond.to_string()),
    })
}

fn step(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Step> {
    let f = Fields::new(cx, m, path, STEP_KEYS);
    let name = f.required_text(
        cx,
        STEP_NAME,
        tr("环节名称，如 受理", "the step's name, e.g. 受理"),
    );
    let actor = f.text(cx, STEP_ACTOR);
    let time_limit = f.duration(cx, STEP_TIME_LIMIT);
    let description = f.text(cx, STEP_DESCRIPTION);
    Some(Step {
        step: name?,
        actor,
        time_limit,
        description,
    })
}

fn time_limit(cx: &mut Cx, node: &Node, path: &str) -> Option<TimeLimit> {
    if let Node::Scalar(s) = node {
        // 办理时限: 5个工作日 — which limit is meant must be said.
        let v = s.as_str().trim();
        cx.error(
            s.span(),
            path,
            tr!(
                "办理时限 要分别写明 承诺时限 和 法定时限，不能只写“{v}”",
                "办理时限 states 承诺时限 (and 法定时限), not just `{v}`"
            ),
            Some(tr!(
                "写成 办理时限: {{承诺时限: {v}, 法定时限: 20个工作日}}，或分两行缩进写 承诺时限: {v}",
                "write 办理时限: {{承诺时限: {v}, 法定时限: 20个工作日}}, or the two keys indented below it"
            )),
        );
        return None;
    }
    let m = mapping(cx, node, path)?;
    let f = Fields::new(cx, m, path, TIME_LIMIT_KEYS);
    let no_statutory_limit = f
        .get(LIMIT_STATUTORY)
        .is_some_and(|(n, _)| is_word(n, &["无"]));
    let statutory = if no_statutory_limit {
        None
    } else {
        f.duration(cx, LIMIT_STATUTORY)
    };
    let promised_node = f.get(LIMIT_PROMISED);
    let promised = match &promised_node {
        Some((n, p)) => duration(cx, n, p),
        None => {
            f.missing(
                cx,
                LIMIT_PROMISED,
                tr(
                    "承诺时限，如 5个工作日 或 即办",
                    "the limit the office promises (承诺时限), e.g. 5个工作日 or 即办",
                ),
            );
            None
        }
    }?;
    if let (Some(st), Some((n, p))) = (&statutory, &promised_node) {
        let over = tr!(
            "承诺时限 {promised} 比 法定时限 {st} 还长",
            "承诺时限 {promised} is longer than 法定时限 {st}"
        );
        if st.unit == promised.unit || promised.immediate || st.days == 0.0 {
            if promised.days > st.days {
                cx.error(
                    n.span(),
                    p,
                    over,
                    Some(
                        tr(
                            "承诺时限不能超过法定时限",
                            "the promised limit may not exceed the statutory limit",
                        )
                        .into(),
                    ),
                );
            }
        } else if promised.days_in(DayUnit::Natural) > st.days_in(DayUnit::Natural) {
            cx.warn(
                n.span(),
                p,
                over,
                Some(
                    tr(
                        "按 5 个工作日 = 7 个自然日 比较；请核对两个时限",
                        "compared as 5 working days = 7 natural days; check both limits",
                    )
                    .into(),
                ),
            );
        }
    }
    Some(TimeLimit {
        statutory,
        no_statutory_limit,
        promised,
    })
}

fn fee(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Fee> {
    let f = Fields::new(cx, m, path, FEE_KEYS);
    let item = f.required_text(
        cx,
        FEE_ITEM,
        tr("收费项目，如 工本费", "what is charged for, e.g. 工本费"),
    );
    let standard = f.required_text(
        cx,
        FEE_STANDARD,
        tr("收费标准，如 10元/本", "how much, e.g. 10元/本"),
    );
    let basis = f.required_text(
        cx,
        FEE_BASIS,
        tr(
            "每项收费都要写明依据的文件（收费依据），如 《关于居民身份证收费标准的通知》（发改价格〔2003〕2322号）",
            "every fee names the document that sets it (收费依据), e.g. 《关于居民身份证收费标准的通知》（发改价格〔2003〕2322号）",
        ),
    );
    let reduction = f.text(cx, FEE_REDUCTION);
    Some(Fee {
        item: item?,
        standard: standard?,
        basis: basis?,
        reduction,
    })
}

fn location(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Location> {
    let f = Fields::new(cx, m, path, LOCATION_KEYS);
    let place = f.required_text(
        cx,
        LOCATION_PLACE,
        tr(
            "办理地点，如 区行政服务中心二楼 市场监管窗口",
            "the place, e.g. 区行政服务中心二楼 市场监管窗口",
        ),
    );
    Some(Location {
        place: place?,
        address: f.text(cx, LOCATION_ADDRESS),
        hours: f.text(cx, LOCATION_HOURS),
        phone: f.text(cx, LOCATION_PHONE),
    })
}

/// One 调整记录: its day (not after 统计日期), 文号 and 内容.
fn adjustment(cx: &mut Cx, m: &MarkedMappingNode, path: &str, as_of: Date) -> Option<Adjustment> {
    let f = Fields::new(cx, m, path, ADJUSTMENT_KEYS);
    let d = super::values::day_not_after(
        cx,
        &f,
        ADJUSTMENT_DATE,
        as_of,
        |d| {
            tr!(
                "调整记录的日期 {d} 晚于 统计日期 {as_of}",
                "调整记录 dated {d} is after 统计日期 {as_of}"
            )
        },
        tr(
            "调整记录写已经生效的调整，日期不能晚于统计日期；请检查日期，或 site.yaml 中的 统计日期",
            "an adjustment is recorded once it took effect, so its date cannot be after 统计日期; check the date or 统计日期 in site.yaml",
        ),
        tr(
            "调整生效的日期，如 2026-06-30",
            "the day the adjustment took effect, e.g. 2026-06-30",
        ),
    );
    let doc_number = f.doc_number(cx, ADJUSTMENT_DOC_NUMBER);
    let text = f.required_text(
        cx,
        ADJUSTMENT_TEXT,
        tr(
            "调整了什么，如 取消“户口簿复印件”，承诺时限由5个工作日压缩为3个工作日",
            "what was adjusted, e.g. 取消“户口簿复印件”，承诺时限由5个工作日压缩为3个工作日",
        ),
    );
    Some(Adjustment {
        date: d?,
        doc_number,
        text: text?,
    })
}

fn faq(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Faq> {
    let f = Fields::new(cx, m, path, FAQ_KEYS);
    let question = f.required_text(cx, FAQ_QUESTION, tr("问题", "the question"));
    let answer = f.required_text(
        cx,
        FAQ_ANSWER,
        tr("答案（可用 Markdown）", "the answer (Markdown)"),
    );
    Some(Faq {
        question: question?,
        answer: answer?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use crate::model::{DayUnit, Duration, SiteConfig};
    use std::collections::HashSet;

    const REQUIRED: &str = "事项编码: T-1\n事项名称: 测试\n事项类型: 行政许可\n实施主体: 测试局\n办理层级: [区级]\n设定依据: [《条例》]\n申报材料: 无\n办事流程:\n  - 环节: 受理\n办理时限:\n  承诺时限: 5个工作日\n收费: 不收费\n办理地点:\n  - 地点: 中心\n";

    fn env(publish_incomplete: bool) -> Env {
        let mut config = SiteConfig::with_defaults(
            "t",
            "o",
            "https://t.example.cn/",
            "2026-09-30".parse().unwrap(),
        );
        config.publish_incomplete = publish_incomplete;
        Env {
            config,
            static_paths: ["samples/执照样本.pdf".to_string()].into_iter().collect(),
            codes: HashSet::new(),
            unreadable_codes: HashSet::new(),
            unreadable_without_code: false,
        }
    }

    fn read_with(yaml: &str, env: &Env) -> (Service, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut cx = Cx {
            file: "content/services/t.yaml",
            line_offset: 0,
            diags: &mut diags,
        };
        let map = super::super::yaml::parse_mapping(&mut cx, yaml).unwrap();
        let s = parse(&mut cx, env, &map, "");
        (s, diags)
    }

    fn read(extra: &str) -> (Service, Vec<Diagnostic>) {
        read_with(&format!("{REQUIRED}{extra}"), &env(false))
    }

    fn errors(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn unstated_elements_stay_absent() {
        let (s, d) = read("");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!((s.delivery, s.appointment), (None, None));
        let limit = s.time_limit.unwrap();
        assert_eq!(limit.statutory, None);
        assert!(!limit.no_statutory_limit);
        assert_eq!(s.materials, Some(vec![]));
        assert_eq!(s.status, ServiceStatus::InUse);
    }

    #[test]
    fn a_material_named_only_states_nothing_else() {
        let yaml = REQUIRED.replace("申报材料: 无", "申报材料:\n  - 材料名称: 申请书");
        let (s, d) = read_with(&yaml, &env(false));
        assert!(d.is_empty(), "{d:?}");
        let m = &s.materials.unwrap()[0];
        assert_eq!((m.kind, m.form, m.copies), (None, None, None));
        assert_eq!(m.required, None);
        assert_eq!(m.copies_counted(), 1);
        assert!(m.counts_as_required());
    }

    #[test]
    fn statutory_none_states_that_no_law_sets_a_limit() {
        let yaml = REQUIRED.replace("  承诺时限", "  法定时限: 无\n  承诺时限");
        let (s, d) = read_with(&yaml, &env(false));
        assert!(d.is_empty(), "{d:?}");
        let limit = s.time_limit.unwrap();
        assert!(limit.no_statutory_limit && limit.statutory.is_none());
    }

    #[test]
    fn v1_material_form_means_type_with_a_warning() {
        let yaml = REQUIRED.replace(
            "申报材料: 无",
            "申报材料:\n  - 材料名称: 申请书\n    材料形式: 复印件\n  - 材料名称: 照片\n    材料形式: 电子件\n  - 材料名称: 表\n    材料类型: 原件\n    材料形式: 纸质和电子",
        );
        let (s, d) = read_with(&yaml, &env(false));
        assert!(errors(&d).is_empty(), "{d:?}");
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().unwrap().contains("材料类型: 复印件"));
        let m = s.materials.unwrap();
        assert_eq!((m[0].kind, m[0].form), (Some(MaterialType::Copy), None));
        assert_eq!(m[1].form, Some(MaterialForm::Electronic));
        assert_eq!(
            (m[2].kind, m[2].form),
            (
                Some(MaterialType::Original),
                Some(MaterialForm::PaperAndElectronic)
            )
        );
    }

    #[test]
    fn credit_codes_have_18_characters_and_a_check_character() {
        assert!(check_credit_code("91330100MA27XL0K3Q").is_ok());
        assert!(
            check_credit_code("91330100MA27XL0K3")
                .unwrap_err()
                .contains("18")
        );
        assert!(
            check_credit_code("91330100MA27XL0KIU")
                .unwrap_err()
                .contains("`I`")
        );
        assert!(
            check_credit_code("91330100MA27XL0K3A")
                .unwrap_err()
                .contains("校验位")
        );
        let (_, d) = read("实施主体编码: 12345\n");
        assert!(errors(&d)[0].contains("统一社会信用代码"), "{d:?}");
        let (s, d) = read("实施主体编码: 91330100MA27XL0K3Q\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.department_code.as_deref(), Some("91330100MA27XL0K3Q"));
    }

    #[test]
    fn cancelled_needs_its_date() {
        let (_, d) = read("事项状态: 取消\n");
        assert!(errors(&d)[0].contains("取消日期"), "{d:?}");
        let (s, d) = read("事项状态: 取消\n取消日期: 2026-06-30\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.status, ServiceStatus::Cancelled);
        assert!(!s.has_form());
        let (s, d) = read("事项状态: 暂停\n生效日期: 2026-01-01\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(!s.in_use());
    }

    #[test]
    fn delegated_powers_name_the_department() {
        let (_, d) = read("权力来源: 上级下放\n");
        assert!(errors(&d)[0].contains("下放委托部门"), "{d:?}");
        let (s, d) = read("权力来源: 上级下放\n下放委托部门: 清河区市场监督管理局\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.power_source, Some(PowerSource::DelegatedDown));
        let (_, d) = read("权力来源: 法定本级行使\n");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn unknown_topic_suggests_the_nearest() {
        let (_, d) = read("主题分类: [开办企业, 开办企叶]\n");
        let e = errors(&d);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains("是不是 `开办企业`"), "{e:?}");
        let (s, _) = read("主题分类: [退休]\n通办范围: 全省\n");
        assert_eq!(s.topics, ["退休"]);
        assert_eq!(s.scope.as_deref(), Some("全省"));
        let (_, d) = read("通办范围: 全球\n");
        assert_eq!(errors(&d).len(), 1);
    }

    #[test]
    fn national_lists_and_enums() {
        let (s, d) = read(
            "服务对象: [自然人, 法人]\n办件类型: 承诺件\n办理形式: [窗口办理, 网上办理]\n网上支付: 是\n俗称: [开店执照]\n基本编码: 000112001000\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.audience, [Audience::Person, Audience::LegalPerson]);
        assert_eq!(s.case_type, Some(CaseType::Promised));
        assert_eq!(s.channels, [Channel::Window, Channel::Online]);
        assert_eq!(s.online_payment, Some(true));
        let (_, d) = read("服务对象: [居民]\n");
        assert_eq!(errors(&d).len(), 1);
    }

    #[test]
    fn special_procedures_and_result_map() {
        let (s, d) = read(
            "特别程序:\n  - 种类: 听证\n    时限: 20个工作日\n    说明: 依申请组织听证\n办理结果:\n  名称: 营业执照\n  类型: 证照\n  样本: static/samples/执照样本.pdf\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.special_procedures[0].kind, ProcedureKind::Hearing);
        assert_eq!(
            s.special_procedures[0].time_limit,
            Some(Duration::new(20, DayUnit::Working))
        );
        let r = s.result.unwrap();
        assert_eq!(r.kind, Some(ResultKind::Licence));
        assert_eq!(r.sample.as_deref(), Some("samples/执照样本.pdf"));
        let (_, d) = read("办理结果:\n  名称: 批复\n  样本: static/none.pdf\n");
        assert_eq!(errors(&d).len(), 1, "{d:?}");
        let (_, d) = read("特别程序:\n  - 种类: 开会\n");
        assert_eq!(errors(&d).len(), 1, "{d:?}");
    }

    #[test]
    fn hours_half_days_and_full_width_digits() {
        let yaml = REQUIRED.replace("承诺时限: 5个工作日", "承诺时限: ０.５个工作日");
        let (s, d) = read_with(&yaml, &env(false));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.time_limit.unwrap().promised.to_string(), "0.5个工作日");
        let (s, d) = read("到现场次数: ０\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.visits, Some(0));
    }

    #[test]
    fn enforcement_items_need_no_applicant_elements() {
        let yaml = "事项编码: CF-1\n事项名称: 对某行为的处罚\n事项类型: 行政处罚\n实施主体: 测试局\n办理层级: [区级]\n设定依据: [《法》第十条]\n办事流程:\n  - 环节: 立案\n实施对象: 违法行为人\n处罚种类和幅度: 警告或罚款\n救济途径: 行政复议\n";
        let (s, d) = read_with(yaml, &env(false));
        assert!(d.is_empty(), "{d:?}");
        assert!(!s.is_incomplete());
        assert!(!s.has_form());
        assert_eq!(s.target.as_deref(), Some("违法行为人"));
        let (_, d) = read("实施对象: 某人\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(!d[0].is_error());
    }

    #[test]
    fn missing_elements_are_errors_naming_the_setting_or_warnings_with_it() {
        let bare = "事项编码: T-1\n事项名称: 测试\n事项类型: 行政许可\n实施主体: 测试局\n办理层级: [区级]\n";
        let (_, d) = read_with(bare, &env(false));
        let e = errors(&d);
        assert_eq!(e.len(), 6, "{e:?}");
        assert!(e.iter().all(|e| e.contains("发布未完善事项")), "{e:?}");
        let (s, d) = read_with(bare, &env(true));
        assert!(errors(&d).is_empty(), "{d:?}");
        // One warning naming every element the item lacks.
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .contains("设定依据、申报材料、办事流程、办理时限、收费、办理地点")
        );
        let (s2, d) = read_with(
            "事项编码: T-1\n事项名称: 测试\n事项类型: 公共服务\n实施主体: 测试局\n",
            &env(true),
        );
        assert!(errors(&d).is_empty(), "{d:?}");
        assert!(d[0].message.contains("办理层级"), "{d:?}");
        assert!(s2.levels.is_empty());
        assert_eq!(s.missing_elements().len(), 6);
        assert!(!s.has_form());
        // code, name, type and department stay required.
        let (_, d) = read_with("事项名称: 测试\n", &env(true));
        assert!(errors(&d).len() >= 3, "{d:?}");
    }
}
