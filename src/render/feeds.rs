//! XML outputs: the Atom feeds of notices and of catalogue adjustments, and the sitemap.

use crate::model::{Site, chinese_date};
use crate::render::escape::xml as xml_escape;
use crate::render::markdown::to_html;
use crate::route::Route;

/// `/notices/atom.xml`: every notice, newest first. Times are the notices' dates at midnight
/// (China Standard Time), so the feed only changes when the content does.
pub fn atom(site: &Site) -> String {
    let c = &site.config;
    let updated = site.notices.iter().map(|n| n.date).max().unwrap_or(c.as_of);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{} · 公示公告</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}T00:00:00+08:00</updated>\n  <author><name>{}</name></author>\n",
        xml_escape(&c.language),
        xml_escape(&c.title),
        xml_escape(&c.absolute_url("notices/")),
        xml_escape(&c.absolute_url("notices/atom.xml")),
        xml_escape(&c.absolute_url("notices/")),
        updated,
        xml_escape(&c.organization),
    ));
    for n in &site.notices {
        let url = c.absolute_url(&Route::Notice(&n.slug).url_path());
        let mut summary = format!("{}（{}）", n.kind.label(), n.issuer);
        if let Some(d) = &n.doc_number {
            summary.push_str(&format!(" {d}"));
        }
        if let Some(p) = n.period {
            summary.push_str(&format!(
                " 公示期：{}至{}",
                chinese_date(p.from),
                chinese_date(p.to)
            ));
        }
        x.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00+08:00</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n    <content type=\"html\">{}</content>\n  </entry>\n",
            xml_escape(&n.title),
            xml_escape(&url),
            xml_escape(&url),
            n.date,
            xml_escape(&n.issuer),
            xml_escape(&summary),
            xml_escape(&to_html(&n.body, c.unsafe_html)),
        ));
    }
    x.push_str("</feed>\n");
    x
}

/// `/changes/feed.xml`: one entry a day of catalogue adjustments (the days the items'
/// records name, newest first). Times are those days at midnight (China Standard Time), the
/// feed's own the newest day's (统计日期 when there is none): it only changes with the content.
pub fn changes_atom(site: &Site) -> String {
    let c = &site.config;
    let days = crate::diff::log::days(&site.services);
    let updated = days.first().map(|d| d.date).unwrap_or(c.as_of);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{} · 事项清单调整</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}T00:00:00+08:00</updated>\n  <author><name>{}</name></author>\n",
        xml_escape(&c.language),
        xml_escape(&c.title),
        xml_escape(&c.absolute_url("changes/")),
        xml_escape(&c.absolute_url("changes/feed.xml")),
        xml_escape(&c.absolute_url("changes/")),
        updated,
        xml_escape(&c.organization),
    ));
    for d in &days {
        let url = c.absolute_url(&format!("changes/{}/", d.date));
        let groups = [
            ("生效", &d.effective),
            ("暂停", &d.suspended),
            ("取消", &d.cancelled),
        ];
        let mut summary = Vec::new();
        let mut html = String::from("<ul>");
        for (kind, list) in groups {
            if !list.is_empty() {
                summary.push(format!("{kind} {} 项", list.len()));
            }
            for s in list.iter() {
                html.push_str(&format!(
                    "<li>{kind}：<a href=\"{}\">{}</a>（{}）</li>",
                    crate::render::escape::html(&c.absolute_url(&format!("services/{}/", s.code))),
                    crate::render::escape::html(&s.name),
                    crate::render::escape::html(&s.code),
                ));
            }
        }
        if !d.adjusted.is_empty() {
            summary.push(format!("调整 {} 项", d.adjusted.len()));
        }
        for (s, a) in &d.adjusted {
            let doc = a
                .doc_number
                .as_deref()
                .map(|n| format!("（{}）", crate::render::escape::html(n)))
                .unwrap_or_default();
            html.push_str(&format!(
                "<li>调整：<a href=\"{}\">{}</a>（{}）：{}{doc}</li>",
                crate::render::escape::html(&c.absolute_url(&format!("services/{}/", s.code))),
                crate::render::escape::html(&s.name),
                crate::render::escape::html(&s.code),
                crate::render::escape::html(&a.text),
            ));
        }
        html.push_str("</ul>");
        x.push_str(&format!(
            "  <entry>\n    <title>{}事项清单调整</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00+08:00</updated>\n    <summary>{}</summary>\n    <content type=\"html\">{}</content>\n  </entry>\n",
            xml_escape(&chinese_date(d.date)),
            xml_escape(&url),
            xml_escape(&url),
            d.date,
            xml_escape(&summary.join("、")),
            xml_escape(&html),
        ));
    }
    x.push_str("</feed>\n");
    x
}

/// `/sitemap.xml` listing `paths` (site-relative, e.g. `services/X/`).
pub fn sitemap(site: &Site, paths: &[String]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        x.push_str("  <url><loc>");
        x.push_str(&xml_escape(&site.config.absolute_url(p)));
        x.push_str("</loc></url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }
}
