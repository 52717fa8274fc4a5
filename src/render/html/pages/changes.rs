//! Catalogue adjustments: `/changes/` and `/changes/<date>/`.

use super::*;

/// An item on a page of `/changes/`: its link and, for an adjustment, the record.
#[derive(Serialize)]
pub(super) struct ChangeItem<'a> {
    name: &'a str,
    code: &'a str,
    url: String,
    /// 生效, 暂停, 取消 or 调整.
    kind: &'static str,
    doc_number: Option<&'a str>,
    text: Option<&'a str>,
}

/// One day of `/changes/`.
#[derive(Serialize)]
pub(super) struct ChangeDay<'a> {
    date: String,
    date_iso: String,
    url: String,
    /// `生效 1 项、调整 2 项`: the groups that hold items.
    summary: String,
    effective: Vec<ChangeItem<'a>>,
    suspended: Vec<ChangeItem<'a>>,
    cancelled: Vec<ChangeItem<'a>>,
    adjusted: Vec<ChangeItem<'a>>,
    /// Every entry of the day, in the order of the groups.
    all: Vec<ChangeItem<'a>>,
}

impl<'a> ChangeDay<'a> {
    fn new(d: &crate::diff::log::Day<'a>, links: &Links) -> ChangeDay<'a> {
        let item = |s: &'a Service, kind: &'static str, a: Option<&'a crate::model::Adjustment>| {
            ChangeItem {
                name: &s.name,
                code: &s.code,
                url: links.service(&s.code),
                kind,
                doc_number: a.and_then(|a| a.doc_number.as_deref()),
                text: a.map(|a| a.text.as_str()),
            }
        };
        let plain = |list: &[&'a Service], kind: &'static str| -> Vec<ChangeItem<'a>> {
            list.iter().map(|s| item(s, kind, None)).collect()
        };
        let adjusted = || -> Vec<ChangeItem<'a>> {
            d.adjusted
                .iter()
                .map(|(s, a)| item(s, "调整", Some(a)))
                .collect()
        };
        let summary: Vec<String> = [
            ("生效", d.effective.len()),
            ("暂停", d.suspended.len()),
            ("取消", d.cancelled.len()),
            ("调整", d.adjusted.len()),
        ]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{k} {n} 项"))
        .collect();
        let mut all = plain(&d.effective, "生效");
        all.extend(plain(&d.suspended, "暂停"));
        all.extend(plain(&d.cancelled, "取消"));
        all.extend(adjusted());
        ChangeDay {
            date: crate::model::chinese_date(d.date),
            date_iso: d.date.to_string(),
            url: links.route(Route::ChangesDay(d.date)),
            summary: summary.join("、"),
            effective: plain(&d.effective, "生效"),
            suspended: plain(&d.suspended, "暂停"),
            cancelled: plain(&d.cancelled, "取消"),
            adjusted: adjusted(),
            all,
        }
    }
}

/// `/changes/` (every day the records name, newest first) and `/changes/<date>/`.
pub(super) fn changes_pages(cx: &Cx) -> Rendered {
    let days: Vec<ChangeDay> = crate::diff::log::days(&cx.site.services)
        .iter()
        .map(|d| ChangeDay::new(d, cx.links))
        .collect();
    let feed_url = cx.links.route(Route::ChangesFeed);
    let mut out = Vec::new();
    for d in crate::diff::log::days(&cx.site.services).iter().zip(&days) {
        let (day, view) = d;
        let route = Route::ChangesDay(day.date);
        let title = format!("{}事项清单调整", view.date);
        let mut meta = cx.meta("事项清单调整", "changes", &title, route);
        meta.description = Some(format!("{}：{}", title, view.summary));
        let mut ctx = context(&meta);
        ctx.insert("day", view);
        ctx.insert("feed_url", &feed_url);
        out.push(cx.page("changes-day.html", route, &ctx)?);
    }
    let meta = cx.meta("事项清单调整", "changes", "事项清单调整", Route::Changes);
    let mut ctx = context(&meta);
    ctx.insert("days", &days);
    ctx.insert("feed_url", &feed_url);
    out.push(cx.page("changes.html", Route::Changes, &ctx)?);
    Ok(out)
}
