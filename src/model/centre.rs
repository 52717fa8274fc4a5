//! Service centres (便民服务中心 / 服务站点).

use serde::Serialize;

/// A service centre and the items it handles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Centre {
    /// Source file, relative to the site root.
    pub source: String,
    /// URL slug.
    pub slug: String,
    /// 名称
    pub name: String,
    /// 层级, from the site's levels.
    pub level: String,
    /// 地址
    pub address: String,
    /// 办公时间
    pub hours: String,
    /// 电话
    pub phone: Option<String>,
    /// 事项: codes of services handled here.
    pub services: Vec<String>,
    /// 服务方式, e.g. 延时服务.
    pub modes: Vec<String>,
    /// 草稿
    pub draft: bool,
    /// Markdown body.
    pub body: String,
}
