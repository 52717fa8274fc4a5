//! The site as a whole: configuration, content and attachments.

use super::{Centre, Date, Notice, Page, Plan, Service};
use serde::Serialize;

/// DOCX layout, GB/T 9704-2012 unless site.yaml `docx` overrides it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocxLayout {
    /// Body font (East Asian), 仿宋.
    pub body_font: String,
    /// Title font, 小标宋.
    pub title_font: String,
    /// First-level heading font (一、), 黑体.
    pub heading1_font: String,
    /// Second-level heading font (（一）), 楷体.
    pub heading2_font: String,
    /// Font for Latin letters and digits.
    pub latin_font: String,
    /// Page-number font, 宋体.
    pub page_number_font: String,
    /// Margins in millimetres.
    pub margin_top_mm: f64,
    /// Bottom margin in millimetres.
    pub margin_bottom_mm: f64,
    /// Left margin in millimetres.
    pub margin_left_mm: f64,
    /// Right margin in millimetres.
    pub margin_right_mm: f64,
    /// Body size in points (3号 = 16).
    pub body_size_pt: f64,
    /// Title size in points (2号 = 22).
    pub title_size_pt: f64,
    /// Lines per page (22).
    pub lines_per_page: u32,
    /// Characters per line (28).
    pub chars_per_line: u32,
}

impl Default for DocxLayout {
    fn default() -> Self {
        DocxLayout {
            body_font: "仿宋_GB2312".into(),
            title_font: "方正小标宋简体".into(),
            heading1_font: "黑体".into(),
            heading2_font: "楷体_GB2312".into(),
            latin_font: "Times New Roman".into(),
            page_number_font: "宋体".into(),
            margin_top_mm: 37.0,
            margin_bottom_mm: 35.0,
            margin_left_mm: 28.0,
            margin_right_mm: 26.0,
            body_size_pt: 16.0,
            title_size_pt: 22.0,
            lines_per_page: 22,
            chars_per_line: 28,
        }
    }
}

/// site.yaml, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteConfig {
    /// 网站名称
    pub title: String,
    /// 主办单位
    pub organization: String,
    /// 网站地址, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, e.g. `/` or `/gk/`; every internal link starts with it.
    pub base_path: String,
    /// 语言
    pub language: String,
    /// 办理层级 allowed on items and centres.
    pub levels: Vec<String>,
    /// 办事属性 allowed on items.
    pub attributes: Vec<String>,
    /// 监督投诉电话 default.
    pub complaint_phone: String,
    /// 网站标识码
    pub site_code: Option<String>,
    /// 备案号 (ICP)
    pub icp: Option<String>,
    /// 公安备案号
    pub police_record: Option<String>,
    /// 联系方式
    pub contact: Option<String>,
    /// 统计日期: judges overdue tasks and open notice periods.
    pub as_of: Date,
    /// 主题
    pub theme: String,
    /// 公文格式
    pub docx: DocxLayout,
    /// Raw HTML in Markdown passes unsanitized (only when explicitly set).
    pub unsafe_html: bool,
    /// 主题分类 allowed on items (life events and business topics).
    pub topics: Vec<String>,
    /// 同义词: everyday word → formal words, added to the built-in list of search.
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// 通办范围 allowed on items.
    pub scopes: Vec<String>,
    /// 发布未完善事项: items missing a required element are built, the element shown as 未公开.
    pub publish_incomplete: bool,
    /// 通报标题: the weekly bulletins' title, `{方案}` and `{期数}` filled in.
    pub bulletin_title: String,
}

impl SiteConfig {
    /// A configuration with the three required keys, the statistics date and every other
    /// key at the content format's default. `base_url` must be absolute and end in `/`.
    pub fn with_defaults(title: &str, organization: &str, base_url: &str, as_of: Date) -> Self {
        SiteConfig {
            title: title.to_string(),
            organization: organization.to_string(),
            base_url: base_url.to_string(),
            base_path: SiteConfig::base_path_of(base_url),
            language: "zh-CN".into(),
            levels: SiteConfig::default_levels(),
            attributes: SiteConfig::default_attributes(),
            complaint_phone: "12345".into(),
            site_code: None,
            icp: None,
            police_record: None,
            contact: None,
            as_of,
            theme: "default".into(),
            docx: DocxLayout::default(),
            unsafe_html: false,
            topics: SiteConfig::default_topics(),
            synonyms: Default::default(),
            scopes: SiteConfig::default_scopes(),
            publish_incomplete: false,
            bulletin_title: crate::figures::DEFAULT_BULLETIN_TITLE.to_string(),
        }
    }

    /// Default 主题分类: life events (个人) and business topics (法人) of the national
    /// 主题分类.
    pub fn default_topics() -> Vec<String> {
        [
            "生育收养",
            "户籍",
            "教育",
            "就业创业",
            "社会保险",
            "医疗卫生",
            "婚姻登记",
            "住房",
            "交通出行",
            "养老服务",
            "残疾人",
            "退休",
            "殡葬",
            "社会救助",
            "兵役",
            "开办企业",
            "经营许可",
            "工程建设",
            "纳税缴费",
            "知识产权",
            "环境保护",
            "农林牧渔",
            "安全生产",
            "企业注销",
            "其他",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Default 通办范围.
    pub fn default_scopes() -> Vec<String> {
        ["全国", "跨省", "全省", "全市", "全县", "无"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// The path of a base URL, ending in `/`: `https://a.gov.cn/gk/` → `/gk/`.
    pub fn base_path_of(base_url: &str) -> String {
        let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        match rest.find('/') {
            Some(i) if rest.ends_with('/') => rest[i..].to_string(),
            Some(i) => format!("{}/", &rest[i..]),
            None => "/".into(),
        }
    }

    /// Default 办理层级.
    pub fn default_levels() -> Vec<String> {
        ["区级", "乡镇(街道)级", "村(社区)级"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// Default 办事属性.
    pub fn default_attributes() -> Vec<String> {
        ["马上办", "网上办", "就近办", "一次办", "掌上办"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// The host part of `base_url` (for the SiteDomain meta tag).
    pub fn domain(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.base_url);
        rest.split('/').next().unwrap_or(rest)
    }

    /// An absolute URL for a site path such as `services/X/`.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

/// A file under content/static, copied as-is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path relative to content/static, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Everything a build renders: configuration and validated content, sorted.
#[derive(Debug, Clone)]
pub struct Site {
    /// site.yaml
    pub config: SiteConfig,
    /// Service items, sorted by code.
    pub services: Vec<Service>,
    /// Plans, newest first.
    pub plans: Vec<Plan>,
    /// Notices, newest first.
    pub notices: Vec<Notice>,
    /// Centres, by slug.
    pub centres: Vec<Centre>,
    /// Free pages, by slug.
    pub pages: Vec<Page>,
    /// Attachments under content/static, by path.
    pub static_files: Vec<StaticFile>,
    /// The content hash of each service file's text as read (by source path), where the
    /// parse took it: an item is a function of its text and site.yaml, so an incremental
    /// build compares these instead of hashing every item's model again.
    pub source_hashes: std::collections::BTreeMap<String, String>,
}

/// A kind of content file, each with its folder under content/ and its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `content/services/`: service items.
    Service,
    /// `content/plans/`: reform plans.
    Plan,
    /// `content/notices/`: notices.
    Notice,
    /// `content/centers/`: service centres.
    Centre,
    /// `content/pages/`: free pages.
    Page,
}

impl Kind {
    /// Every kind, in the order the site lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Service,
        Kind::Plan,
        Kind::Notice,
        Kind::Centre,
        Kind::Page,
    ];
}

/// One content entry of a site, whatever its kind: what code that loops over every kind
/// needs to know of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Its kind.
    pub kind: Kind,
    /// Its code (items) or slug (everything else): what tells it apart in its kind.
    pub id: &'a str,
    /// Whether it is a draft (草稿).
    pub draft: bool,
}

impl Site {
    /// Every content entry, kind by kind in [`Kind::ALL`] order, each kind in its own order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        fn entry(kind: Kind, id: &str, draft: bool) -> Entry<'_> {
            Entry { kind, id, draft }
        }
        let services = self
            .services
            .iter()
            .map(|x| entry(Kind::Service, &x.code, x.draft));
        let plans = self
            .plans
            .iter()
            .map(|x| entry(Kind::Plan, &x.slug, x.draft));
        let notices = self
            .notices
            .iter()
            .map(|x| entry(Kind::Notice, &x.slug, x.draft));
        let centres = self
            .centres
            .iter()
            .map(|x| entry(Kind::Centre, &x.slug, x.draft));
        let pages = self
            .pages
            .iter()
            .map(|x| entry(Kind::Page, &x.slug, x.draft));
        services
            .chain(plans)
            .chain(notices)
            .chain(centres)
            .chain(pages)
    }

    /// Whether any entry is a draft.
    pub fn has_drafts(&self) -> bool {
        self.entries().any(|e| e.draft)
    }

    /// The site as `build` publishes it: drafts removed everywhere.
    pub fn without_drafts(mut self) -> Site {
        self.services.retain(|s| !s.draft);
        self.plans.retain(|p| !p.draft);
        self.notices.retain(|n| !n.draft);
        self.centres.retain(|c| !c.draft);
        self.pages.retain(|p| !p.draft);
        let services = &self.services;
        for c in &mut self.centres {
            c.services.retain(|code| {
                services
                    .binary_search_by(|s| s.code.as_str().cmp(code))
                    .is_ok()
            });
        }
        self
    }

    /// The service with this code.
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.services
            .binary_search_by(|s| s.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.services[i])
    }
}
