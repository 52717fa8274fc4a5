//! Free pages (about, guides).

use serde::Serialize;

/// A free page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// Source file, relative to the site root.
    pub source: String,
    /// URL slug.
    pub slug: String,
    /// 标题
    pub title: String,
    /// 草稿
    pub draft: bool,
    /// Markdown body.
    pub body: String,
}
