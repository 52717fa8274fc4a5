//! Notices (公示公告).

use super::Date;
use super::service::labelled_enum;
use serde::Serialize;

labelled_enum!(
    /// 类别 of a notice.
    NoticeKind {
        /// 公告
        Announcement = "公告",
        /// 公示: open for objections during a period.
        Publicity = "公示",
        /// 通知
        Circular = "通知",
        /// 通报
        Bulletin = "通报",
    }
);

/// 公示期.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// 开始
    pub from: Date,
    /// 结束
    pub to: Date,
}

impl Period {
    /// 公示中 while `as_of` is within the period (inclusive).
    pub fn is_open(&self, as_of: Date) -> bool {
        self.from <= as_of && as_of <= self.to
    }
}

/// A notice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// Source file, relative to the site root.
    pub source: String,
    /// URL slug.
    pub slug: String,
    /// 标题
    pub title: String,
    /// 类别
    pub kind: NoticeKind,
    /// 发文机关
    pub issuer: String,
    /// 文号
    pub doc_number: Option<String>,
    /// 成文日期
    pub date: Date,
    /// 主送机关
    pub recipients: Option<String>,
    /// 公示期 (required for 公示)
    pub period: Option<Period>,
    /// 附件: paths under content/static.
    pub attachments: Vec<String>,
    /// 打印: also produce the bulletin-board DOCX.
    pub print: bool,
    /// 草稿
    pub draft: bool,
    /// Markdown body.
    pub body: String,
}
