//! Printable DOCX documents, laid out per GB/T 9704-2012 (see `docs/docx.md`):
//!
//! - [`service_form`]: an item's 一次性告知单, `/services/<code>/<code>.docx`;
//! - [`notice_document`]: a notice for the bulletin board, `/notices/<slug>/<slug>.docx`
//!   (only notices with `print`);
//! - [`bulletin_document`]: a plan's weekly progress bulletin,
//!   `/plans/<slug>/reports/<YYYY-Www>/<slug>-<YYYY-Www>.docx`;
//! - [`plan_document`]: a plan with its task table, `/plans/<slug>/<slug>.docx`;
//! - [`centre_forms`]: every 一次性告知单 of a centre's items, for the window's binder,
//!   `/centers/<slug>/<slug>-forms.docx`.
//!
//! Each document's body is made of plain [`elements`] (paragraphs, runs, tables), which
//! [`xml`] writes as WordprocessingML in schema order. The parts that
//! depend only on the layout (styles, settings, footers, font table…) are built once
//! with docx-rs, put in schema order ([`schema`]) and shared ([`prototype`]), so one document rendered on its own
//! ([`render_one`], for the live preview) costs no more than one of a full build;
//! [`package`] patches what docx-rs cannot express and zips the parts
//! deterministically, so the same site and `as_of` give the same bytes.

mod binder;
mod blocks;
mod bulletin;
mod elements;
mod html;
mod layout;
mod markdown;
mod notice;
mod package;
mod parts;
mod plan;
mod prototype;
mod schema;
mod service;
mod text;
mod title;
mod xml;

pub use binder::centre_forms;
pub use bulletin::bulletin_document;
pub use notice::notice_document;
pub use plan::plan_document;
pub use service::service_form;

use super::{OutputFile, Sink};
use crate::model::Site;
use crate::route::Route;
use rayon::prelude::*;

/// Every DOCX file of `site`, rendered in parallel.
pub fn render_all(site: &Site) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    let _ = render_into(site, &files);
    files.into_inner().unwrap_or_default()
}

/// Renders every DOCX file of `site` in parallel, handing each to `sink` as soon as it is
/// made (so thousands of documents are never all in memory at once).
pub fn render_into(site: &Site, sink: &dyn Sink) -> std::io::Result<()> {
    render_into_with(site, sink, None, None)
}

/// Like [`render_into`], but of the items only those in `only_services` (all when None),
/// and no binder of the centres in `skip_binders`.
pub fn render_into_with(
    site: &Site,
    sink: &dyn Sink,
    only_services: Option<&std::collections::HashSet<String>>,
    skip_binders: Option<&std::collections::HashSet<String>>,
) -> std::io::Result<()> {
    let config = &site.config;
    let wanted = |s: &&crate::model::Service| {
        s.has_form() && only_services.is_none_or(|only| only.contains(&s.code))
    };
    let services = site.services.par_iter().filter(wanted).map(|s| {
        OutputFile::new(
            Route::ServiceDocx(&s.code).rel_path(),
            service_form(config, s),
        )
    });
    let notices = site.notices.par_iter().filter(|n| n.print).map(|n| {
        OutputFile::new(
            Route::NoticeDocx(&n.slug).rel_path(),
            notice_document(config, n),
        )
    });
    let plans = site.plans.par_iter().map(|p| {
        OutputFile::new(
            Route::PlanDocx(&p.slug).rel_path(),
            plan_document(config, p),
        )
    });
    let bulletins = site.plans.par_iter().flat_map_iter(|p| {
        crate::figures::bulletins(p, config.as_of)
            .into_iter()
            .map(move |b| {
                OutputFile::new(
                    Route::BulletinDocx {
                        plan: &p.slug,
                        week: &b.week.to_string(),
                    }
                    .rel_path(),
                    bulletin_document(config, p, &b),
                )
            })
            .collect::<Vec<_>>()
    });
    let binders = site.centres.par_iter().filter_map(|c| {
        if skip_binders.is_some_and(|skip| skip.contains(&c.slug)) {
            return None;
        }
        centre_forms(config, c, &site.services)
            .map(|bytes| OutputFile::new(Route::CentreBinder(&c.slug).rel_path(), bytes))
    });
    services
        .chain(notices)
        .chain(plans)
        .chain(bulletins)
        .chain(binders)
        .try_for_each(|f| sink.put(f))
}

/// The DOCX file at `path` (as [`render_all`] names it, e.g.
/// `services/<code>/<code>.docx`; a leading `/` is ignored), rendered on its own, or
/// `None` when the site has no such document. Only that document is built.
pub fn render_one(site: &Site, path: &str) -> Option<Vec<u8>> {
    let config = &site.config;
    match Route::parse_docx(path)? {
        Route::BulletinDocx { plan, week } => {
            let plan = site.plans.iter().find(|p| p.slug == plan)?;
            crate::figures::bulletins(plan, config.as_of)
                .into_iter()
                .find(|b| b.week.to_string() == week)
                .map(|b| bulletin_document(config, plan, &b))
        }
        Route::CentreBinder(slug) => {
            let centre = site.centres.iter().find(|c| c.slug == slug)?;
            centre_forms(config, centre, &site.services)
        }
        Route::ServiceDocx(code) => site
            .services
            .iter()
            .find(|s| s.code == code && s.has_form())
            .map(|s| service_form(config, s)),
        Route::NoticeDocx(slug) => site
            .notices
            .iter()
            .find(|n| n.print && n.slug == slug)
            .map(|n| notice_document(config, n)),
        Route::PlanDocx(slug) => site
            .plans
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| plan_document(config, p)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::layout::Layout;
    use super::package::Document;
    use super::{notice, plan, schema, service, xml};
    use crate::model::Site;
    use std::path::Path;

    fn site(dir: &str) -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        crate::build::check(&root)
            .site
            .unwrap_or_else(|| panic!("{dir} has errors"))
    }

    /// Every document of `site`, before packaging, by name.
    fn documents(site: &Site) -> Vec<(String, Document)> {
        let config = &site.config;
        let layout = Layout::new(&config.docx);
        let mut docs = Vec::new();
        for s in &site.services {
            docs.push((s.code.clone(), service::document(config, &layout, s)));
        }
        for n in &site.notices {
            docs.push((n.slug.clone(), notice::document(&layout, n)));
        }
        for p in &site.plans {
            docs.push((p.slug.clone(), plan::document(&layout, p)));
        }
        docs
    }

    /// `blocks` written as the body of a document, as one XML element.
    fn body_part(blocks: &[super::elements::Block], layout: &Layout) -> Vec<u8> {
        let mut out = b"<w:body>".to_vec();
        xml::write_body(&mut out, blocks, &xml::Fonts::new(layout));
        out.extend_from_slice(b"</w:body>");
        out
    }

    /// The body writer writes well-formed XML in ECMA-376 element order for every
    /// document of the project's sites: the example site, the DOCX fixtures, the
    /// conformance copy.
    #[test]
    fn every_document_body_is_in_schema_order() {
        let mut count = 0;
        for dir in [".", "tests/fixtures/docx-site", "tests/fixtures/site-basic"] {
            let site = site(dir);
            let layout = Layout::new(&site.config.docx);
            for (name, doc) in documents(&site) {
                let part = body_part(&doc.blocks, &layout);
                assert!(
                    schema::is_in_order(&part),
                    "{dir}: {name}\n{}",
                    String::from_utf8_lossy(&part)
                );
                count += 1;
            }
        }
        assert!(count > 50, "only {count} documents");
    }

    /// The same for Markdown using every construct, odd characters and unusual fonts.
    #[test]
    fn odd_markdown_and_fonts_are_written_in_schema_order() {
        let docx = crate::model::DocxLayout {
            body_font: "Fang & \"Song\" <x>".into(),
            latin_font: "Times 'New' Roman".into(),
            body_size_pt: 12.0,
            ..crate::model::DocxLayout::default()
        };
        let layout = Layout::new(&docx);
        let markdown = concat!(
            "# 总则\n\n正文 **加粗 *斜体* 文字** 与 `代码` & <b>标签</b> \"引号\" 'a'。\n",
            "第二行  \n硬换行\n\n## 二级\n\n> 引用\n> > 嵌套引用\n\n",
            "1. 甲\n2. 乙\n   - 丙\n     - 丁\n\n- [x] 完成\n- [ ] 未完成\n\n",
            "| 左 | 中 | 右 |\n|:--|:-:|--:|\n| a<b | **粗** | 1  \n|\n| 长长长长长长长长长长长长长长长长长长长长长长长长 | | x |\n\n",
            "```\ncode <x>\nline 2\n```\n\n---\n\n### 三级\n\n#### 四级\n\n##### 五级\n\n",
            "[链接](https://example.gov.cn/a?b=1&c=2) 与 <https://x.cn>\n\n",
            "<div>块 &amp; <b>HTML</b><br>第二行</div>\n"
        );
        let blocks = super::markdown::to_blocks(&layout, markdown);
        assert!(blocks.len() > 15);
        let part = body_part(&blocks, &layout);
        assert!(
            schema::is_in_order(&part),
            "{}",
            String::from_utf8_lossy(&part)
        );
    }
}
