//! Notices: the list and each notice.

use super::*;
use crate::model::{Date, Notice, NoticeKind, SiteConfig, chinese_date};
use crate::render::markdown::to_html;

pub(super) fn notices(cx: &Cx) -> Rendered {
    let c = &cx.site.config;
    let list: Vec<NoticeSummary> = cx
        .site
        .notices
        .iter()
        .map(|n| NoticeSummary::new(n, c.as_of, cx.links))
        .collect();
    let meta = cx.meta("公示公告", "notices", "公示公告", Route::Notices);
    let mut ctx = context(&meta);
    ctx.insert("notices", &list);
    ctx.insert("feed_url", &cx.links.route(Route::NoticesFeed));
    let mut out = vec![cx.page("notices.html", Route::Notices, &ctx)?];
    let pages: Vec<Result<OutputFile, Diagnostic>> = cx
        .site
        .notices
        .par_iter()
        .map(|n| {
            let route = Route::Notice(&n.slug);
            let mut meta = cx.meta("公示公告", "notices", &n.title, route);
            meta.article = cx.article(&n.title, Some(n.date), &n.issuer);
            let mut ctx = context(&meta);
            ctx.insert("notice", &NoticeView::new(n, c, cx.links));
            cx.page("notice.html", route, &ctx)
        })
        .collect();
    out.extend(collect(pages)?);
    Ok(out)
}

/// A notice summary (lists, home page, feed).
#[derive(Debug, Serialize)]
pub struct NoticeSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub kind: &'static str,
    pub issuer: &'a str,
    pub doc_number: Option<&'a str>,
    pub date: String,
    pub date_iso: String,
    /// 公示中, 已结束 or 未开始 for 公示.
    pub status: Option<&'static str>,
    pub open: bool,
}

impl<'a> NoticeSummary<'a> {
    /// The summary of `n`.
    pub fn new(n: &'a Notice, as_of: Date, links: &Links) -> Self {
        let (status, open) = publicity_status(n, as_of);
        NoticeSummary {
            title: &n.title,
            url: links.notice(&n.slug),
            kind: n.kind.label(),
            issuer: &n.issuer,
            doc_number: n.doc_number.as_deref(),
            date: chinese_date(n.date),
            date_iso: n.date.to_string(),
            status,
            open,
        }
    }
}

/// 公示中, 未开始 or 已结束 for a 公示 with its period, and whether it is open at `as_of`.
fn publicity_status(n: &Notice, as_of: Date) -> (Option<&'static str>, bool) {
    match (n.kind, n.period) {
        (NoticeKind::Publicity, Some(p)) => {
            let s = if p.is_open(as_of) {
                "公示中"
            } else if as_of < p.from {
                "未开始"
            } else {
                "已结束"
            };
            (Some(s), p.is_open(as_of))
        }
        _ => (None, false),
    }
}

/// A notice page (`notice`).
#[derive(Debug, Serialize)]
pub struct NoticeView<'a> {
    #[serde(flatten)]
    pub summary: NoticeSummary<'a>,
    pub recipients: Option<&'a str>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub attachments: Vec<Link<'a>>,
    pub body_html: String,
    pub docx_url: Option<String>,
    pub draft: bool,
}

impl<'a> NoticeView<'a> {
    /// The view of `n`.
    pub fn new(n: &'a Notice, config: &SiteConfig, links: &Links) -> Self {
        NoticeView {
            summary: NoticeSummary::new(n, config.as_of, links),
            recipients: n.recipients.as_deref(),
            period_from: n.period.map(|p| chinese_date(p.from)),
            period_to: n.period.map(|p| chinese_date(p.to)),
            attachments: n
                .attachments
                .iter()
                .map(|a| Link::new(a.display_title(), links.attachment(&a.path)))
                .collect(),
            body_html: to_html(&n.body, config.unsafe_html),
            docx_url: n.print.then(|| links.route(Route::NoticeDocx(&n.slug))),
            draft: n.draft,
        }
    }
}
