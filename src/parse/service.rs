//! Service items: `content/services/*.md|*.yaml`.

use super::values::{DateForm, date, duration, static_path, url};
use super::yaml::{
    Cx, Fields, Key, boolean, index, integer, key, list, mapping, one_of, scalar, text, text_list,
};
use super::{Env, body_or_none, draft};
use crate::model::{
    DayUnit, Faq, Fee, Location, Material, MaterialForm, MaterialSource, Requirement, Service,
    ServiceType, Step, TimeLimit,
};
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
];

/// Keys of a material.
pub const MATERIAL_KEYS: &[Key] = &[
    key("name", "材料名称"),
    key("form", "材料形式"),
    key("copies", "份数"),
    key("required", "是否必需"),
    key("source", "来源"),
    key("shared", "免提交"),
    key("template", "空白表格"),
    key("sample", "示例样表"),
    key("note", "备注"),
];

/// Keys of a process step.
pub const STEP_KEYS: &[Key] = &[
    key("step", "环节"),
    key("actor", "办理人员"),
    key("time_limit", "环节时限"),
    key("description", "说明"),
];

/// Keys of 办理时限.
pub const TIME_LIMIT_KEYS: &[Key] = &[key("statutory", "法定时限"), key("promised", "承诺时限")];

/// Keys of a fee.
pub const FEE_KEYS: &[Key] = &[
    key("item", "收费项目"),
    key("standard", "收费标准"),
    key("basis", "收费依据"),
    key("reduction", "减免说明"),
];

/// Keys of a location.
pub const LOCATION_KEYS: &[Key] = &[
    key("place", "地点"),
    key("address", "地址"),
    key("hours", "办理时间"),
    key("phone", "电话"),
];

/// Keys of a FAQ entry.
pub const FAQ_KEYS: &[Key] = &[key("question", "问题"), key("answer", "答案")];

/// Reads one service item. Problems go to `cx`; the item is returned as far as it could be read.
pub fn parse(cx: &mut Cx, env: &Env, map: &MarkedMappingNode, body: &str) -> Service {
    let f = Fields::new(cx, map, "", KEYS);

    let code = f
        .required_text(cx, CODE, "the item code, e.g. 330199-XK-0001")
        .and_then(|c| {
            let (n, p) = f.get(CODE)?;
            check_code(cx, n, &p, &c).then_some(c)
        });
    let name = f.required_text(cx, NAME, "the item's name, e.g. 个体工商户设立登记");
    let kind = match f.get(TYPE) {
        Some((n, p)) => one_of(cx, n, &p, ServiceType::from_label, &ServiceType::labels()),
        None => {
            f.missing(
                cx,
                TYPE,
                &format!("allowed: {}", ServiceType::labels().join(" ")),
            );
            None
        }
    };
    let department = f.required_text(
        cx,
        DEPARTMENT,
        "the implementing body, e.g. 清河区市场监督管理局",
    );
    let levels = match f.get(LEVELS) {
        Some((n, p)) => allowed_list(cx, n, &p, &env.config.levels, "办理层级 in site.yaml"),
        None => {
            f.missing(
                cx,
                LEVELS,
                &format!("allowed: {}", env.config.levels.join(" ")),
            );
            Vec::new()
        }
    };
    let legal_basis = f
        .get(LEGAL_BASIS)
        .map(|(n, p)| text_list(cx, n, &p))
        .unwrap_or_default();
    if legal_basis.is_empty()
        && kind.is_some_and(|k| k != ServiceType::PublicService)
        && f.get(LEGAL_BASIS).is_none()
    {
        f.missing(
            cx,
            LEGAL_BASIS,
            "every type but 公共服务 names its laws and articles, e.g. 《中华人民共和国行政许可法》第十二条",
        );
    }
    let conditions = f.optional_text(cx, CONDITIONS);
    let materials = match f.get(MATERIALS) {
        Some((n, p)) if is_word(n, &["无"]) => {
            let _ = p;
            Vec::new()
        }
        Some((n, p)) => parse_list(cx, n, &p, |cx, m, p| material(cx, env, m, p)),
        None => {
            f.missing(
                cx,
                MATERIALS,
                "a list of materials, or 无 when none are needed",
            );
            Vec::new()
        }
    };
    let process = match f.get(PROCESS) {
        Some((n, p)) => {
            let steps = parse_list(cx, n, &p, step);
            if steps.is_empty() && matches!(n, Node::Sequence(s) if s.is_empty()) {
                cx.error(
                    n.span(),
                    &p,
                    "办事流程 is empty",
                    Some("list at least one step".into()),
                );
            }
            steps
        }
        None => {
            f.missing(cx, PROCESS, "a list of steps, each with 环节 (step)");
            Vec::new()
        }
    };
    let time_limit = match f.get(TIME_LIMIT) {
        Some((n, p)) => time_limit(cx, n, &p),
        None => {
            f.missing(
                cx,
                TIME_LIMIT,
                "承诺时限 (promised) and optionally 法定时限 (statutory)",
            );
            None
        }
    };
    let fees = match f.get(FEES) {
        Some((n, _)) if is_word(n, &["不收费", "免费", "无"]) => Vec::new(),
        Some((n, p)) => parse_list(cx, n, &p, fee),
        None => {
            f.missing(
                cx,
                FEES,
                "a list of fees with 收费依据 and 收费标准, or 不收费",
            );
            Vec::new()
        }
    };
    let attributes = f
        .get(ATTRIBUTES)
        .map(|(n, p)| allowed_list(cx, n, &p, &env.config.attributes, "办事属性 in site.yaml"))
        .unwrap_or_default();
    let visits = f
        .get(VISITS)
        .and_then(|(n, p)| integer(cx, n, &p, 0, 9))
        .map(|v| v as u8);
    let online_url = f.get(ONLINE_URL).and_then(|(n, p)| url(cx, n, &p));
    let locations = match f.get(LOCATIONS) {
        Some((n, p)) => parse_list(cx, n, &p, location),
        None => Vec::new(),
    };
    if locations.is_empty() && f.get(ONLINE_URL).is_none() && f.get(LOCATIONS).is_none() {
        f.missing(
            cx,
            LOCATIONS,
            "where to apply (办理地点, each with 地点), unless 网上办理地址 is given",
        );
    }
    let faq = f
        .get(FAQ)
        .map(|(n, p)| parse_list(cx, n, &p, faq))
        .unwrap_or_default();
    let updated = f
        .get(UPDATED)
        .and_then(|(n, p)| date(cx, n, &p, DateForm::Day));
    Service {
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
        time_limit: time_limit.unwrap_or(TimeLimit {
            statutory: None,
            promised: crate::model::Duration::immediate(),
        }),
        fees,
        attributes,
        visits,
        online_url,
        locations,
        consult_phone: f.optional_text(cx, CONSULT_PHONE),
        complaint_phone: f
            .optional_text(cx, COMPLAINT_PHONE)
            .unwrap_or_else(|| env.config.complaint_phone.clone()),
        result: f.optional_text(cx, RESULT),
        delivery: f
            .get(DELIVERY)
            .and_then(|(n, p)| boolean(cx, n, &p))
            .unwrap_or(false),
        appointment: f
            .get(APPOINTMENT)
            .and_then(|(n, p)| boolean(cx, n, &p))
            .unwrap_or(false),
        faq,
        updated,
        draft: draft(cx, &f, DRAFT),
        body: body_or_none(body),
    }
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
            format!("`{code}` cannot be an item code: it becomes a web address and a file name"),
            Some(
                "use ASCII letters, digits, -, _ and ., starting with a letter or digit (at most 64), e.g. 330199-XK-0001"
                    .into(),
            ),
        );
    }
    ok
}

/// True when the node is one of the given words (e.g. 无, 不收费).
fn is_word(node: &Node, words: &[&str]) -> bool {
    node.as_scalar()
        .is_some_and(|s| words.contains(&s.as_str().trim()))
}

/// A list of texts each of which must be in `allowed`.
fn allowed_list(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    allowed: &[String],
    from: &str,
) -> Vec<String> {
    let values = text_list(cx, node, path);
    let Some(items) = list(cx, node, path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, (v, n)) in values.into_iter().zip(items).enumerate() {
        if allowed.contains(&v) {
            if !out.contains(&v) {
                out.push(v);
            }
        } else {
            cx.error(
                n.span(),
                &index(path, i),
                format!("`{v}` is not an allowed value"),
                Some(format!("allowed ({from}): {}", allowed.join(" "))),
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
        if let Some(m) = mapping(cx, n, &p)
            && let Some(v) = item(cx, m, &p)
        {
            out.push(v);
        }
    }
    out
}

fn material(cx: &mut Cx, env: &Env, m: &MarkedMappingNode, path: &str) -> Option<Material> {
    let k = MATERIAL_KEYS;
    let f = Fields::new(cx, m, path, k);
    let name = match f.get(k[0]) {
        Some((n, p)) => text(cx, n, &p),
        None => {
            f.missing(cx, k[0], "the material's name, e.g. 居民身份证");
            None
        }
    };
    let form = f
        .get(k[1])
        .and_then(|(n, p)| one_of(cx, n, &p, MaterialForm::from_label, &MaterialForm::labels()))
        .unwrap_or(MaterialForm::Original);
    let copies = f
        .get(k[2])
        .and_then(|(n, p)| integer(cx, n, &p, 1, 999))
        .unwrap_or(1) as u32;
    let required = f
        .get(k[3])
        .and_then(|(n, p)| requirement(cx, n, &p))
        .unwrap_or(Requirement::Required);
    let source = f.get(k[4]).and_then(|(n, p)| {
        one_of(
            cx,
            n,
            &p,
            MaterialSource::from_label,
            &MaterialSource::labels(),
        )
    });
    let shared = f
        .get(k[5])
        .and_then(|(n, p)| boolean(cx, n, &p))
        .unwrap_or(false);
    let exists = |p: &str| env.static_exists(p);
    let template = f
        .get(k[6])
        .and_then(|(n, p)| static_path(cx, n, &p, &exists));
    let sample = f
        .get(k[7])
        .and_then(|(n, p)| static_path(cx, n, &p, &exists));
    let note = f.get(k[8]).and_then(|(n, p)| text(cx, n, &p));
    Some(Material {
        name: name?,
        form,
        copies,
        required,
        source,
        shared,
        template,
        sample,
        note,
    })
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
                "value is empty",
                Some("allowed: true, false, 容缺, or a condition such as 委托办理时提供".into()),
            );
            return None;
        }
        cond => Requirement::Conditional(cond.to_string()),
    })
}

fn step(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Step> {
    let k = STEP_KEYS;
    let f = Fields::new(cx, m, path, k);
    let name = match f.get(k[0]) {
        Some((n, p)) => text(cx, n, &p),
        None => {
            f.missing(cx, k[0], "the step's name, e.g. 受理");
            None
        }
    };
    let actor = f.get(k[1]).and_then(|(n, p)| text(cx, n, &p));
    let time_limit = f.get(k[2]).and_then(|(n, p)| duration(cx, n, &p));
    let description = f.get(k[3]).and_then(|(n, p)| text(cx, n, &p));
    Some(Step {
        step: name?,
        actor,
        time_limit,
        description,
    })
}

fn time_limit(cx: &mut Cx, node: &Node, path: &str) -> Option<TimeLimit> {
    let m = mapping(cx, node, path)?;
    let k = TIME_LIMIT_KEYS;
    let f = Fields::new(cx, m, path, k);
    let statutory = f.get(k[0]).and_then(|(n, p)| duration(cx, n, &p));
    let promised_node = f.get(k[1]);
    let promised = match &promised_node {
        Some((n, p)) => duration(cx, n, p),
        None => {
            f.missing(
                cx,
                k[1],
                "the limit the office promises (承诺时限), e.g. 5个工作日 or 即办",
            );
            None
        }
    }?;
    if let (Some(st), Some((n, p))) = (&statutory, &promised_node) {
        let over = format!("承诺时限 {promised} is longer than 法定时限 {st}");
        if st.unit == promised.unit || promised.immediate || st.days == 0 {
            if promised.days > st.days {
                cx.error(
                    n.span(),
                    p,
                    over,
                    Some("the promised limit may not exceed the statutory limit".into()),
                );
            }
        } else if promised.days_in(DayUnit::Natural) > st.days_in(DayUnit::Natural) {
            cx.warn(
                n.span(),
                p,
                over,
                Some("compared as 5 working days = 7 natural days; check both limits".into()),
            );
        }
    }
    Some(TimeLimit {
        statutory,
        promised,
    })
}

fn fee(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Fee> {
    let k = FEE_KEYS;
    let f = Fields::new(cx, m, path, k);
    let item = f.required_text(cx, k[0], "what is charged for, e.g. 工本费");
    let standard = f.required_text(cx, k[1], "how much, e.g. 10元/本");
    let basis = f.required_text(
        cx,
        k[2],
        "every fee names the document that sets it (收费依据), e.g. 《关于居民身份证收费标准的通知》（发改价格〔2003〕2322号）",
    );
    let reduction = f.get(k[3]).and_then(|(n, p)| text(cx, n, &p));
    Some(Fee {
        item: item?,
        standard: standard?,
        basis: basis?,
        reduction,
    })
}

fn location(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Location> {
    let k = LOCATION_KEYS;
    let f = Fields::new(cx, m, path, k);
    let place = match f.get(k[0]) {
        Some((n, p)) => text(cx, n, &p),
        None => {
            f.missing(cx, k[0], "the place, e.g. 区行政服务中心二楼 市场监管窗口");
            None
        }
    };
    Some(Location {
        place: place?,
        address: f.optional_text(cx, k[1]),
        hours: f.optional_text(cx, k[2]),
        phone: f.optional_text(cx, k[3]),
    })
}

fn faq(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Faq> {
    let k = FAQ_KEYS;
    let f = Fields::new(cx, m, path, k);
    let question = f.required_text(cx, k[0], "the question");
    let answer = f.required_text(cx, k[1], "the answer (Markdown)");
    Some(Faq {
        question: question?,
        answer: answer?,
    })
}
