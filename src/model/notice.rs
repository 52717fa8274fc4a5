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

/// A notice's attachment: a file under content/static and what the 附件说明 calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// Path relative to content/static.
    pub path: String,
    /// 标题: the attachment's name as printed; `None` when only the path is given.
    pub title: Option<String>,
}

impl Attachment {
    /// The title, else the file name without its extension (what a clerk would write).
    pub fn display_title(&self) -> &str {
        if let Some(t) = self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            return t;
        }
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => name,
        }
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
    /// 附件: files under content/static, with the titles to print.
    pub attachments: Vec<Attachment>,
    /// 版头: print the GB/T 9704 letterhead (发文机关标志, 文号, red line) on the DOCX.
    pub letterhead: bool,
    /// 发文机关标志 of the letterhead; `None` is `<issuer>文件`.
    pub mark: Option<String>,
    /// 打印: also produce the bulletin-board DOCX.
    pub print: bool,
    /// 草稿
    pub draft: bool,
    /// Markdown body.
    pub body: String,
}
