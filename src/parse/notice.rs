//! Notices: `content/notices/*.md`.

use super::values::{DateForm, date, static_path};
use super::yaml::{Cx, Fields, Key, index, key, list, mapping};
use super::{Env, SLUG, body_or_none, draft, slug};
use crate::diag::tr;
use crate::model::{Attachment, Notice, NoticeKind, Period};
use crate::tr;
use marked_yaml::Node;
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
const LETTERHEAD: Key = key("letterhead", "版头");
const MARK: Key = key("mark", "发文机关标志");
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
    LETTERHEAD,
    MARK,
    SLUG,
    DRAFT,
];

const ATTACHMENT_PATH: Key = key("path", "路径");
const ATTACHMENT_TITLE: Key = key("title", "标题");

/// Keys of an attachment written as a mapping.
pub const ATTACHMENT_KEYS: &[Key] = &[ATTACHMENT_PATH, ATTACHMENT_TITLE];

const PERIOD_FROM: Key = key("from", "开始");
const PERIOD_TO: Key = key("to", "结束");

/// Keys of 公示期.
pub const PERIOD_KEYS: &[Key] = &[PERIOD_FROM, PERIOD_TO];

/// Reads one notice.
pub fn parse(cx: &mut Cx, env: &Env, map: &MarkedMappingNode, body: &str, stem: &str) -> Notice {
    let f = Fields::new(cx, map, "", KEYS);
    let title = f.required_text(cx, TITLE, tr("公告的标题", "the notice's title"));
    let kind = f
        .one_of(cx, KIND, NoticeKind::from_label, &NoticeKind::labels())
        .unwrap_or(NoticeKind::Announcement);
    let issuer = f.required_text(
        cx,
        ISSUER,
        tr(
            "发文单位，如 清河区行政服务中心",
            "the issuing body, e.g. 清河区行政服务中心",
        ),
    );
    let doc_number = f.doc_number(cx, DOC_NUMBER);
    let date_v = f.required(
        cx,
        DATE,
        tr(
            "成文的日期，如 2026-09-20",
            "the date it was written, e.g. 2026-09-20",
        ),
        |cx, n, p| date(cx, n, p, DateForm::Day),
    );
    let recipients = f.text(cx, RECIPIENTS);
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
        for (i, item) in list(cx, n, &p).unwrap_or_default().into_iter().enumerate() {
            if let Some(a) = attachment(cx, env, item, &index(&p, i)) {
                attachments.push(a);
            }
        }
    }
    let letterhead = f.boolean(cx, LETTERHEAD).unwrap_or(false);
    let mark = f.text(cx, MARK);
    let print = f.boolean(cx, PRINT).unwrap_or(true);
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
        letterhead,
        mark,
        print,
        draft: draft(cx, &f, DRAFT),
        body: body_or_none(body),
    }
}

/// An attachment: a path, or `{路径, 标题}`. A path alone whose file name has no Chinese
/// is printed by that name in the 附件说明, so a warning asks for its title.
fn attachment(cx: &mut Cx, env: &Env, item: &Node, path: &str) -> Option<Attachment> {
    let exists = |s: &str| env.static_exists(s);
    if let Node::Mapping(m) = item {
        let f = Fields::new(cx, m, path, ATTACHMENT_KEYS);
        let title = f.text(cx, ATTACHMENT_TITLE);
        let path = f.required(
            cx,
            ATTACHMENT_PATH,
            tr(
                "content/static 下的文件，如 static/forms/申请表.docx",
                "the file under content/static, e.g. static/forms/申请表.docx",
            ),
            |cx, n, p| static_path(cx, n, p, &exists),
        )?;
        return Some(Attachment { path, title });
    }
    let file = static_path(cx, item, path, &exists)?;
    let a = Attachment {
        path: file,
        title: None,
    };
    if a.display_title().is_ascii() {
        let (file, name) = (&a.path, a.display_title());
        cx.warn(
            item.span(),
            path,
            tr!(
                "附件 `{file}` 没有标题：打印稿的附件说明会印出文件名 `{name}`",
                "附件 `{file}` has no title: the 附件说明 prints its file name `{name}`"
            ),
            Some(tr!(
                "写成 `- {{路径: static/{file}, 标题: 建设工程规划许可证申请表}}`，标题写附件的实际名称",
                "write `- {{路径: static/{file}, 标题: 建设工程规划许可证申请表}}` with the attachment's real title"
            )),
        );
    }
    Some(a)
}

fn period(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Period> {
    let f = Fields::new(cx, m, path, PERIOD_KEYS);
    let day = |cx: &mut Cx, n: &Node, p: &str| date(cx, n, p, DateForm::Day);
    let from = f.required(
        cx,
        PERIOD_FROM,
        tr("第一天，如 2026-09-20", "the first day, e.g. 2026-09-20"),
        day,
    );
    let to = f.required(
        cx,
        PERIOD_TO,
        tr("最后一天，如 2026-09-30", "the last day, e.g. 2026-09-30"),
        day,
    );
    let (from, to) = (from?, to?);
    if from > to {
        let (n, p) = f.get(PERIOD_TO)?;
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
