//! Notices: `content/notices/*.md`.

use super::values::{DateForm, date, static_path};
use super::yaml::{Cx, Fields, Key, boolean, index, key, list, mapping, one_of, text};
use super::{Env, SLUG, body_or_none, draft, slug};
use crate::diag::tr;
use crate::model::{Notice, NoticeKind, Period};
use crate::tr;
use marked_yaml::types::MarkedMappingNode;

const TITLE: Key = key("title", "标题");
const KIND: Key = key("kind", "类别");
const ISSUER: Key = key("issuer", "发文机关");
const DOC_NUMBER: Key = key("doc_number", "文号");
const DATE: Key = key("date", "成文日期");
const RECIPIENTS: Key = key("recipients", "主送机关");
const PERIOD: Key = key("period", "公示期");
const ATTACHMENTS: Key = key("attachments", "附件");
const PRINT: Key = key("print", "打印");
const DRAFT: Key = key("draft", "草稿");

/// Keys of a notice.
pub const KEYS: &[Key] = &[
    TITLE,
    KIND,
    ISSUER,
    DOC_NUMBER,
    DATE,
    RECIPIENTS,
    PERIOD,
    ATTACHMENTS,
    PRINT,
    SLUG,
    DRAFT,
];

/// Keys of 公示期.
pub const PERIOD_KEYS: &[Key] = &[key("from", "开始"), key("to", "结束")];

/// Reads one notice.
pub fn parse(cx: &mut Cx, env: &Env, map: &MarkedMappingNode, body: &str, stem: &str) -> Notice {
    let f = Fields::new(cx, map, "", KEYS);
    let title = f.required_text(cx, TITLE, tr("公告的标题", "the notice's title"));
    let kind = f
        .get(KIND)
        .and_then(|(n, p)| one_of(cx, n, &p, NoticeKind::from_label, &NoticeKind::labels()))
        .unwrap_or(NoticeKind::Announcement);
    let issuer = f.required_text(
        cx,
        ISSUER,
        tr(
            "发文单位，如 清河区行政服务中心",
            "the issuing body, e.g. 清河区行政服务中心",
        ),
    );
    let doc_number = f.get(DOC_NUMBER).and_then(|(n, p)| text(cx, n, &p));
    let date_v = match f.get(DATE) {
        Some((n, p)) => date(cx, n, &p, DateForm::Day),
        None => {
            f.missing(
                cx,
                DATE,
                tr(
                    "成文的日期，如 2026-09-20",
                    "the date it was written, e.g. 2026-09-20",
                ),
            );
            None
        }
    };
    let recipients = f.get(RECIPIENTS).and_then(|(n, p)| text(cx, n, &p));
    let period = match f.get(PERIOD) {
        Some((n, p)) => mapping(cx, n, &p).and_then(|m| period(cx, m, &p)),
        None => {
            if kind == NoticeKind::Publicity && f.get(KIND).is_some() {
                f.missing(
                    cx,
                    PERIOD,
                    tr(
                        "公示要写明公示期：公示期: {开始: 2026-09-20, 结束: 2026-09-30}",
                        "a 公示 states its period: 公示期: {开始: 2026-09-20, 结束: 2026-09-30}",
                    ),
                );
            }
            None
        }
    };
    let mut attachments = Vec::new();
    if let Some((n, p)) = f.get(ATTACHMENTS) {
        let exists = |s: &str| env.static_exists(s);
        for (i, item) in list(cx, n, &p).unwrap_or_default().into_iter().enumerate() {
            if let Some(a) = static_path(cx, item, &index(&p, i), &exists) {
                attachments.push(a);
            }
        }
    }
    let print = f
        .get(PRINT)
        .and_then(|(n, p)| boolean(cx, n, &p))
        .unwrap_or(true);
    Notice {
        source: cx.file.to_string(),
        slug: slug(cx, &f, stem),
        title: title.unwrap_or_default(),
        kind,
        issuer: issuer.unwrap_or_default(),
        doc_number,
        date: date_v.unwrap_or_default(),
        recipients,
        period,
        attachments,
        print,
        draft: draft(cx, &f, DRAFT),
        body: body_or_none(body),
    }
}

fn period(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Period> {
    let k = PERIOD_KEYS;
    let f = Fields::new(cx, m, path, k);
    let get = |cx: &mut Cx, key: Key, what: &str| match f.get(key) {
        Some((n, p)) => date(cx, n, &p, DateForm::Day),
        None => {
            f.missing(cx, key, what);
            None
        }
    };
    let from = get(
        cx,
        k[0],
        tr("第一天，如 2026-09-20", "the first day, e.g. 2026-09-20"),
    );
    let to = get(
        cx,
        k[1],
        tr("最后一天，如 2026-09-30", "the last day, e.g. 2026-09-30"),
    );
    let (from, to) = (from?, to?);
    if from > to {
        let (n, p) = f.get(k[1])?;
        cx.error(
            n.span(),
            &p,
            tr!(
                "公示期的结束（{to}）早于开始（{from}）",
                "公示期 ends ({to}) before it starts ({from})"
            ),
            Some(tr("结束 不能早于 开始", "结束 is on or after 开始").into()),
        );
        return None;
    }
    Some(Period { from, to })
}
