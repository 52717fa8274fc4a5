//! Service items (政务服务事项) and their parts: materials, steps, fees, locations.

use super::{Date, Duration};
use serde::{Deserialize, Serialize};

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant),+
        }

        impl $name {
            /// Every value, in the order the content format lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in content (Chinese).
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the Chinese label.
            pub fn from_label(s: &str) -> Option<Self> {
                match s { $($label => Some($name::$variant),)+ _ => None }
            }

            /// All labels, for "allowed values" in diagnostics.
            pub fn labels() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.label()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use labelled_enum;

labelled_enum!(
    /// 事项类型.
    ServiceType {
        /// 行政许可
        Licence = "行政许可",
        /// 行政处罚
        Penalty = "行政处罚",
        /// 行政强制
        Enforcement = "行政强制",
        /// 行政征收
        Levy = "行政征收",
        /// 行政给付
        Benefit = "行政给付",
        /// 行政检查
        Inspection = "行政检查",
        /// 行政确认
        Confirmation = "行政确认",
        /// 行政奖励
        Reward = "行政奖励",
        /// 行政裁决
        Adjudication = "行政裁决",
        /// 其他行政权力
        OtherPower = "其他行政权力",
        /// 公共服务
        PublicService = "公共服务",
    }
);

labelled_enum!(
    /// 材料类型: whether the original or a copy is brought.
    MaterialType {
        /// 原件
        Original = "原件",
        /// 复印件
        Copy = "复印件",
        /// 原件和复印件
        OriginalAndCopy = "原件和复印件",
    }
);

labelled_enum!(
    /// 材料形式: on paper, electronic, or both.
    MaterialForm {
        /// 纸质
        Paper = "纸质",
        /// 电子
        Electronic = "电子",
        /// 纸质和电子
        PaperAndElectronic = "纸质和电子",
    }
);

labelled_enum!(
    /// 来源.
    MaterialSource {
        /// 申请人自备
        Applicant = "申请人自备",
        /// 政府部门核发
        Government = "政府部门核发",
        /// 中介机构出具
        Intermediary = "中介机构出具",
        /// 其他
        Other = "其他",
    }
);

/// 是否必需: required, optional, 容缺 (may be brought later), or needed only under a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "condition", rename_all = "snake_case")]
pub enum Requirement {
    /// 必需
    Required,
    /// 非必需
    Optional,
    /// 容缺: accepted now, to be supplied later.
    Deferrable,
    /// Needed only in a case, e.g. 委托办理时提供.
    Conditional(String),
}

impl Requirement {
    /// Short Chinese label: 必需 / 非必需 / 容缺 / the condition.
    pub fn label(&self) -> &str {
        match self {
            Requirement::Required => "必需",
            Requirement::Optional => "非必需",
            Requirement::Deferrable => "容缺",
            Requirement::Conditional(c) => c,
        }
    }
}

/// 申报材料: one document the applicant brings. Every element but the name is optional
/// and `None` when the content does not state it: nothing is shown for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Material {
    /// 材料名称
    pub name: String,
    /// 材料类型: 原件, 复印件 or 原件和复印件.
    #[serde(rename = "type")]
    pub kind: Option<MaterialType>,
    /// 材料形式: 纸质, 电子 or 纸质和电子.
    pub form: Option<MaterialForm>,
    /// 份数
    pub copies: Option<u32>,
    /// 是否必需
    pub required: Option<Requirement>,
    /// 来源
    pub source: Option<MaterialSource>,
    /// 免提交: obtained by data sharing.
    pub shared: bool,
    /// 空白表格: path under content/static.
    pub template: Option<String>,
    /// 示例样表: path under content/static.
    pub sample: Option<String>,
    /// 备注
    pub note: Option<String>,
    /// 受理标准
    pub acceptance: Option<String>,
    /// 材料依据
    pub basis: Option<String>,
    /// 填报须知
    pub instructions: Option<String>,
}

impl Material {
    /// 份数 for totals: 1 when the content does not say.
    pub fn copies_counted(&self) -> u32 {
        self.copies.unwrap_or(1)
    }

    /// Whether the material must be brought: required unless the content says otherwise.
    pub fn counts_as_required(&self) -> bool {
        matches!(self.required, None | Some(Requirement::Required))
    }

    /// What the content states about the material besides its name, in the order a
    /// 办事指南 lists it: `原件，纸质，2份，必需`. Empty when nothing is stated.
    pub fn stated_particulars(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(k) = self.kind {
            out.push(k.label().to_string());
        }
        if let Some(f) = self.form {
            out.push(f.label().to_string());
        }
        if let Some(c) = self.copies {
            out.push(format!("{c}份"));
        }
        if let Some(r) = &self.required {
            out.push(r.label().to_string());
        }
        out
    }
}

/// 办事流程: one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// 环节
    pub step: String,
    /// 办理人员
    pub actor: Option<String>,
    /// 环节时限
    pub time_limit: Option<Duration>,
    /// 说明
    pub description: Option<String>,
}

/// 办理时限.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeLimit {
    /// 法定时限; `None` when not stated or written `无`.
    pub statutory: Option<Duration>,
    /// `法定时限: 无`: the content states that no law sets a limit.
    pub no_statutory_limit: bool,
    /// 承诺时限
    pub promised: Duration,
}

/// 收费: one fee with its basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    /// 收费项目
    pub item: String,
    /// 收费标准
    pub standard: String,
    /// 收费依据
    pub basis: String,
    /// 减免说明
    pub reduction: Option<String>,
}

/// 办理地点.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// 地点
    pub place: String,
    /// 地址
    pub address: Option<String>,
    /// 办理时间
    pub hours: Option<String>,
    /// 电话
    pub phone: Option<String>,
}

/// 常见问题.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Faq {
    /// 问题
    pub question: String,
    /// 答案 (Markdown)
    pub answer: String,
}

labelled_enum!(
    /// 服务对象.
    Audience {
        /// 自然人
        Person = "自然人",
        /// 法人
        LegalPerson = "法人",
        /// 其他组织
        OtherOrganisation = "其他组织",
    }
);

labelled_enum!(
    /// 办件类型.
    CaseType {
        /// 即办件
        Immediate = "即办件",
        /// 承诺件
        Promised = "承诺件",
        /// 其他
        Other = "其他",
    }
);

labelled_enum!(
    /// 事项状态.
    ServiceStatus {
        /// 在用
        InUse = "在用",
        /// 暂停
        Suspended = "暂停",
        /// 取消
        Cancelled = "取消",
    }
);

labelled_enum!(
    /// 权力来源.
    PowerSource {
        /// 法定本级行使
        Statutory = "法定本级行使",
        /// 上级下放
        DelegatedDown = "上级下放",
        /// 上级委托
        EntrustedByHigher = "上级委托",
        /// 同级委托
        EntrustedBySame = "同级委托",
        /// 其他
        Other = "其他",
    }
);

impl PowerSource {
    /// Whether the power comes from another department, which must then be named
    /// (下放委托部门).
    pub fn needs_delegating_department(self) -> bool {
        matches!(
            self,
            PowerSource::DelegatedDown
                | PowerSource::EntrustedByHigher
                | PowerSource::EntrustedBySame
        )
    }
}

labelled_enum!(
    /// 办理形式.
    Channel {
        /// 窗口办理
        Window = "窗口办理",
        /// 网上办理
        Online = "网上办理",
        /// 掌上办理
        Mobile = "掌上办理",
        /// 快递申请
        Post = "快递申请",
        /// 自助终端
        Kiosk = "自助终端",
    }
);

labelled_enum!(
    /// 特别程序的种类.
    ProcedureKind {
        /// 听证
        Hearing = "听证",
        /// 招标
        Tender = "招标",
        /// 拍卖
        Auction = "拍卖",
        /// 检验
        Inspection = "检验",
        /// 检测
        Testing = "检测",
        /// 检疫
        Quarantine = "检疫",
        /// 鉴定
        Appraisal = "鉴定",
        /// 专家评审
        ExpertReview = "专家评审",
        /// 公示
        Publicity = "公示",
        /// 其他
        Other = "其他",
    }
);

labelled_enum!(
    /// 办理结果的类型.
    ResultKind {
        /// 证照
        Licence = "证照",
        /// 批文
        Approval = "批文",
        /// 其他
        Other = "其他",
    }
);

/// 特别程序: a step outside the time limit (听证, 检测, 公示 ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecialProcedure {
    /// 种类
    pub kind: ProcedureKind,
    /// 时限
    pub time_limit: Option<Duration>,
    /// 说明
    pub note: Option<String>,
}

/// 调整记录: one dated adjustment of an item (a material cut, a time limit shortened …),
/// as the office recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    /// 日期: the day the adjustment took effect.
    pub date: Date,
    /// 文号 of the document that decided it.
    pub doc_number: Option<String>,
    /// 内容: what changed, in the office's words.
    pub text: String,
}

/// 办理结果: what the applicant receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceResult {
    /// 名称, e.g. 营业执照.
    pub name: String,
    /// 类型: 证照, 批文 or 其他.
    #[serde(rename = "type")]
    pub kind: Option<ResultKind>,
    /// 样本: path under content/static.
    pub sample: Option<String>,
}

/// One of the six disclosures (六公开) a service item must state, for the completeness
/// figures and for items published before their guide is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Element {
    /// 设定依据
    LegalBasis,
    /// 申报材料
    Materials,
    /// 办事流程
    Process,
    /// 办理时限
    TimeLimit,
    /// 收费
    Fees,
    /// 办理地点
    Locations,
}

impl Element {
    /// Every element, in the order of the content format.
    pub const ALL: [Element; 6] = [
        Element::LegalBasis,
        Element::Materials,
        Element::Process,
        Element::TimeLimit,
        Element::Fees,
        Element::Locations,
    ];

    /// The Chinese name of the element, as its key is spelled.
    pub fn label(self) -> &'static str {
        match self {
            Element::LegalBasis => "设定依据",
            Element::Materials => "申报材料",
            Element::Process => "办事流程",
            Element::TimeLimit => "办理时限",
            Element::Fees => "收费",
            Element::Locations => "办理地点",
        }
    }

    /// The English key.
    pub fn key(self) -> &'static str {
        match self {
            Element::LegalBasis => "legal_basis",
            Element::Materials => "materials",
            Element::Process => "process",
            Element::TimeLimit => "time_limit",
            Element::Fees => "fees",
            Element::Locations => "locations",
        }
    }
}

impl ServiceType {
    /// 行政处罚, 行政强制 and 行政检查: carried out on people rather than applied for, so
    /// they have no applicant's materials, fees, places or time limit to state, and no
    /// 一次性告知单.
    pub fn is_enforcement(self) -> bool {
        matches!(
            self,
            ServiceType::Penalty | ServiceType::Enforcement | ServiceType::Inspection
        )
    }

    /// Whether items of this type must name their legal basis (every type but 公共服务).
    pub fn needs_legal_basis(self) -> bool {
        self != ServiceType::PublicService
    }
}

/// A service item (政务服务事项) with its six disclosures. Optional elements are `None`
/// (or empty) when the content does not state them; renderers show nothing for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// Source file, relative to the site root.
    pub source: String,
    /// 事项编码 (实施编码); also the slug.
    pub code: String,
    /// 事项名称
    pub name: String,
    /// 事项类型
    #[serde(rename = "type")]
    pub kind: ServiceType,
    /// 实施主体
    pub department: String,
    /// 办理层级
    pub levels: Vec<String>,
    /// 设定依据; empty when not stated.
    pub legal_basis: Vec<String>,
    /// 受理条件 (Markdown)
    pub conditions: Option<String>,
    /// 申报材料: `None` when not stated, empty when written `无`.
    pub materials: Option<Vec<Material>>,
    /// 办事流程; empty when not stated.
    pub process: Vec<Step>,
    /// 办理时限; `None` when not stated.
    pub time_limit: Option<TimeLimit>,
    /// 收费: `None` when not stated, empty when written `不收费`.
    pub fees: Option<Vec<Fee>>,
    /// 办事属性
    pub attributes: Vec<String>,
    /// 到现场次数
    pub visits: Option<u8>,
    /// 网上办理地址
    pub online_url: Option<String>,
    /// 办理地点
    pub locations: Vec<Location>,
    /// 咨询电话
    pub consult_phone: Option<String>,
    /// 监督投诉电话 (the site's when the item has none)
    pub complaint_phone: String,
    /// 办理结果
    pub result: Option<ServiceResult>,
    /// 物流快递: whether the result can be posted; `None` when not stated.
    pub delivery: Option<bool>,
    /// 预约办理: whether appointments are offered; `None` when not stated.
    pub appointment: Option<bool>,
    /// 常见问题
    pub faq: Vec<Faq>,
    /// 更新日期
    pub updated: Option<Date>,
    /// 草稿
    pub draft: bool,
    /// 基本编码 (national basic code).
    pub basic_code: Option<String>,
    /// 实施主体编码 (统一社会信用代码).
    pub department_code: Option<String>,
    /// 俗称: everyday names.
    pub aliases: Vec<String>,
    /// 主题分类
    pub topics: Vec<String>,
    /// 服务对象
    pub audience: Vec<Audience>,
    /// 办件类型
    pub case_type: Option<CaseType>,
    /// 事项状态
    pub status: ServiceStatus,
    /// 生效日期
    pub effective: Option<Date>,
    /// 取消日期
    pub cancelled: Option<Date>,
    /// 权力来源
    pub power_source: Option<PowerSource>,
    /// 下放委托部门
    pub delegated_by: Option<String>,
    /// 通办范围
    pub scope: Option<String>,
    /// 办理形式
    pub channels: Vec<Channel>,
    /// 网上支付
    pub online_payment: Option<bool>,
    /// 到现场原因
    pub visit_reason: Option<String>,
    /// 中介服务 (Markdown)
    pub intermediary: Option<String>,
    /// 数量限制
    pub quantity_limit: Option<String>,
    /// 不予受理情形 (Markdown)
    pub refusal: Option<String>,
    /// 特别程序
    pub special_procedures: Vec<SpecialProcedure>,
    /// 处罚种类和幅度 (Markdown), enforcement items.
    pub penalty: Option<String>,
    /// 实施对象, enforcement items.
    pub target: Option<String>,
    /// 救济途径 (Markdown)
    pub remedy: Option<String>,
    /// 调整记录: the dated adjustments of the item, as written (v2 §6).
    pub adjustments: Vec<Adjustment>,
    /// Markdown body after the front matter.
    pub body: String,
}

impl Service {
    /// An item with its four always-required elements and nothing else stated (a test or
    /// import starting point): every optional element absent, status 在用.
    pub fn new(code: &str, name: &str, kind: ServiceType, department: &str) -> Service {
        Service {
            source: String::new(),
            code: code.to_string(),
            name: name.to_string(),
            kind,
            department: department.to_string(),
            levels: Vec::new(),
            legal_basis: Vec::new(),
            conditions: None,
            materials: None,
            process: Vec::new(),
            time_limit: None,
            fees: None,
            attributes: Vec::new(),
            visits: None,
            online_url: None,
            locations: Vec::new(),
            consult_phone: None,
            complaint_phone: String::new(),
            result: None,
            delivery: None,
            appointment: None,
            faq: Vec::new(),
            updated: None,
            draft: false,
            basic_code: None,
            department_code: None,
            aliases: Vec::new(),
            topics: Vec::new(),
            audience: Vec::new(),
            case_type: None,
            status: ServiceStatus::InUse,
            effective: None,
            cancelled: None,
            power_source: None,
            delegated_by: None,
            scope: None,
            channels: Vec::new(),
            online_payment: None,
            visit_reason: None,
            intermediary: None,
            quantity_limit: None,
            refusal: None,
            special_procedures: Vec::new(),
            penalty: None,
            target: None,
            remedy: None,
            adjustments: Vec::new(),
            body: String::new(),
        }
    }

    /// True when the item states that it charges nothing (收费: 不收费).
    pub fn is_free(&self) -> bool {
        self.fees.as_ref().is_some_and(|f| f.is_empty())
    }

    /// The fees stated (none when not stated or 不收费).
    pub fn fee_list(&self) -> &[Fee] {
        self.fees.as_deref().unwrap_or(&[])
    }

    /// The materials stated (none when not stated or 无).
    pub fn material_list(&self) -> &[Material] {
        self.materials.as_deref().unwrap_or(&[])
    }

    /// Whether the item is in use (事项状态 在用): suspended and cancelled items keep their
    /// page but leave the catalogue's counts.
    pub fn in_use(&self) -> bool {
        self.status == ServiceStatus::InUse
    }

    /// Whether the item states `element`.
    pub fn states(&self, element: Element) -> bool {
        match element {
            Element::LegalBasis => !self.legal_basis.is_empty(),
            Element::Materials => self.materials.is_some(),
            Element::Process => !self.process.is_empty(),
            Element::TimeLimit => self.time_limit.is_some(),
            Element::Fees => self.fees.is_some(),
            Element::Locations => !self.locations.is_empty() || self.online_url.is_some(),
        }
    }

    /// Whether items of this item's type must state `element`: enforcement items need no
    /// materials, fees, places or time limit, 公共服务 no legal basis.
    pub fn requires(&self, element: Element) -> bool {
        match element {
            Element::LegalBasis => self.kind.needs_legal_basis(),
            Element::Process => true,
            Element::Materials | Element::Fees | Element::Locations | Element::TimeLimit => {
                !self.kind.is_enforcement()
            }
        }
    }

    /// The required elements the item does not state (only possible with
    /// `publish_incomplete`), in the order of the content format.
    pub fn missing_elements(&self) -> Vec<Element> {
        Element::ALL
            .into_iter()
            .filter(|e| self.requires(*e) && !self.states(*e))
            .collect()
    }

    /// Whether the guide is incomplete (指南待完善).
    pub fn is_incomplete(&self) -> bool {
        !self.missing_elements().is_empty()
    }

    /// Whether the item gets a 一次性告知单: complete items in use that people apply for.
    pub fn has_form(&self) -> bool {
        !self.kind.is_enforcement() && !self.is_incomplete() && self.in_use()
    }
}
