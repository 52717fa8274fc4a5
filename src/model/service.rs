//! Service items (政务服务事项) and their parts: materials, steps, fees, locations.

use super::{Date, Duration};
use serde::Serialize;

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
    /// 材料形式.
    MaterialForm {
        /// 原件
        Original = "原件",
        /// 复印件
        Copy = "复印件",
        /// 原件和复印件
        OriginalAndCopy = "原件和复印件",
        /// 电子件
        Electronic = "电子件",
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// 申报材料: one document the applicant brings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Material {
    /// 材料名称
    pub name: String,
    /// 材料形式
    pub form: MaterialForm,
    /// 份数
    pub copies: u32,
    /// 是否必需
    pub required: Requirement,
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
}

/// 办事流程: one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeLimit {
    /// 法定时限
    pub statutory: Option<Duration>,
    /// 承诺时限
    pub promised: Duration,
}

/// 收费: one fee with its basis.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Faq {
    /// 问题
    pub question: String,
    /// 答案 (Markdown)
    pub answer: String,
}

/// A service item (政务服务事项) with its six disclosures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// Source file, relative to the site root.
    pub source: String,
    /// 事项编码; also the slug.
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
    /// 设定依据
    pub legal_basis: Vec<String>,
    /// 受理条件 (Markdown)
    pub conditions: Option<String>,
    /// 申报材料; empty when written `无`.
    pub materials: Vec<Material>,
    /// 办事流程
    pub process: Vec<Step>,
    /// 办理时限
    pub time_limit: TimeLimit,
    /// 收费; empty when written `不收费`.
    pub fees: Vec<Fee>,
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
    /// 监督投诉电话 (the site default when the item has none)
    pub complaint_phone: String,
    /// 办理结果
    pub result: Option<String>,
    /// 物流快递
    pub delivery: bool,
    /// 预约办理
    pub appointment: bool,
    /// 常见问题
    pub faq: Vec<Faq>,
    /// 更新日期
    pub updated: Option<Date>,
    /// 草稿
    pub draft: bool,
    /// Markdown body after the front matter.
    pub body: String,
}

impl Service {
    /// True when the item charges nothing (收费: 不收费).
    pub fn is_free(&self) -> bool {
        self.fees.is_empty()
    }
}
