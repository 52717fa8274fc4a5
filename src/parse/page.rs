//! Free pages: `content/pages/*.md`.

use super::yaml::{Cx, Fields, Key, key};
use super::{SLUG, body_or_none, draft, slug};
use crate::diag::tr;
use crate::model::Page;
use marked_yaml::types::MarkedMappingNode;

const TITLE: Key = key("title", "标题");
const DRAFT: Key = key("draft", "草稿");

/// Keys of a page.
pub const KEYS: &[Key] = &[TITLE, SLUG, DRAFT];

/// Reads one page.
pub fn parse(cx: &mut Cx, map: &MarkedMappingNode, body: &str, stem: &str) -> Page {
    let f = Fields::new(cx, map, "", KEYS);
    let title = f.required_text(cx, TITLE, tr("页面的标题", "the page's title"));
    Page {
        source: cx.file.to_string(),
        slug: slug(cx, &f, stem),
        title: title.unwrap_or_default(),
        draft: draft(cx, &f, DRAFT),
        body: body_or_none(body),
    }
}
