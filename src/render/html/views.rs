//! The views several kinds of page show: the site (`site`), links, page metadata (`meta`),
//! catalogue facets, task figures and the headline figures of the home and figures pages.
//!
//! The views of one kind of page sit beside it under `pages/` (`pages/service/view.rs`,
//! `pages/plan/view.rs`, …). Views are built from borrowed models; Markdown is turned into
//! sanitized HTML there, dates are written the Chinese way, URLs carry the site's base path.

use super::Links;
use crate::figures::{self, TaskFigures};
use crate::model::{Date, Page, SiteConfig, Task, TaskStatus, chinese_date};
use serde::Serialize;
use std::borrow::Cow;

/// The site, as every template sees it (`site`).
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub organization: &'a str,
    pub base_url: &'a str,
    /// Path every internal link starts with, e.g. `/` or `/gk/`.
    pub base: &'a str,
    pub language: &'a str,
    pub domain: &'a str,
    pub site_code: Option<&'a str>,
    pub icp: Option<&'a str>,
    pub police_record: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub complaint_phone: &'a str,
    pub as_of: String,
    pub as_of_iso: String,
    pub css: String,
    pub js: String,
    /// URL of the search script (`assets/search.js`).
    pub search_js: String,
    /// Where search forms submit without JavaScript: the catalogue (`services/`).
    pub search_action: String,
    /// The search page (`search/`).
    pub search_url: String,
    /// The figures page (`figures/`).
    pub figures_url: String,
    pub nav: Vec<Link<'a>>,
    pub pages: Vec<Link<'a>>,
}

impl<'a> SiteView<'a> {
    /// The site view of `config`; `pages` are the free pages linked from the footer.
    pub fn new(config: &'a SiteConfig, pages: &'a [Page], links: &Links) -> SiteView<'a> {
        let nav = [
            ("首页", "", "home"),
            ("服务事项", "services/", "services"),
            ("改革方案", "plans/", "plans"),
            ("公示公告", "notices/", "notices"),
            ("服务中心", "centers/", "centers"),
            ("数据统计", "figures/", "figures"),
        ]
        .iter()
        .map(|&(title, path, key)| Link {
            title: title.into(),
            url: links.path(path),
            key,
        })
        .collect();
        SiteView {
            title: &config.title,
            organization: &config.organization,
            base_url: &config.base_url,
            base: &config.base_path,
            language: &config.language,
            domain: config.domain(),
            site_code: config.site_code.as_deref(),
            icp: config.icp.as_deref(),
            police_record: config.police_record.as_deref(),
            contact: config.contact.as_deref(),
            complaint_phone: &config.complaint_phone,
            as_of: chinese_date(config.as_of),
            as_of_iso: config.as_of.to_string(),
            css: links.path("assets/gongkai.css"),
            js: links.path("assets/gongkai.js"),
            search_js: links.path("assets/search.js"),
            search_action: links.path("search/"),
            search_url: links.path("search/"),
            figures_url: links.path("figures/"),
            nav,
            pages: pages
                .iter()
                .map(|p| Link::new(&p.title, links.page(&p.slug)))
                .collect(),
        }
    }
}

/// A titled link. The title is borrowed from the model it names, or made for the link
/// (`第3期 · …`).
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub title: Cow<'a, str>,
    pub url: String,
    /// Short key (navigation section), may be empty.
    pub key: &'static str,
}

impl<'a> Link<'a> {
    /// A link without key.
    pub fn new(title: impl Into<Cow<'a, str>>, url: impl Into<String>) -> Link<'a> {
        Link {
            title: title.into(),
            url: url.into(),
            key: "",
        }
    }
}

/// Page metadata (`meta`): the section, the title and the article tags of gov sites.
#[derive(Debug, Serialize)]
pub struct Meta<'a> {
    /// ColumnName: 服务事项, 改革方案, 公示公告, ...
    pub column: &'a str,
    /// Navigation key of the section.
    pub section: &'a str,
    /// Page title (without the site title).
    pub title: Cow<'a, str>,
    /// Absolute URL of the page.
    pub canonical: String,
    /// ArticleTitle, PubDate and ContentSource on item, plan and notice pages.
    pub article: Option<Article<'a>>,
    /// Breadcrumbs, home first.
    pub crumbs: Vec<Link<'a>>,
    pub description: Option<String>,
}

/// Article metadata of item, plan and notice pages.
#[derive(Debug, Serialize)]
pub struct Article<'a> {
    pub title: &'a str,
    /// YYYY-MM-DD
    pub pub_date: String,
    pub source: &'a str,
}

/// One value of a catalogue facet with its count and its page.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub label: String,
    pub slug: String,
    pub count: usize,
    pub url: String,
}

/// A facet: audience, topic, department, type, level or attribute.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// audience, topic, department, type, level, attribute
    pub key: String,
    /// 服务对象, 主题分类, 实施主体, 事项类型, 办理层级, 办事属性
    pub label: String,
    pub values: Vec<FacetValue>,
}

/// Task figures, written out.
#[derive(Debug, Serialize)]
pub struct TaskFiguresView {
    pub tasks: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub done: usize,
    pub paused: usize,
    pub overdue: usize,
    /// Supervised (督办) tasks.
    pub supervised: usize,
    /// Supervised tasks not done past their 限期.
    pub supervised_overdue: usize,
    /// Mean progress with one decimal and its sign, e.g. `62.5%`; `未填报` without tasks.
    pub mean_progress: String,
    /// Mean progress rounded, for bars.
    pub mean_progress_int: u32,
}

impl TaskFiguresView {
    /// Figures of `tasks` at `as_of`.
    pub fn new<'a>(tasks: impl IntoIterator<Item = &'a Task>, as_of: Date) -> Self {
        Self::of(&figures::task_figures(tasks, as_of))
    }

    /// `f`, written out.
    pub fn of(f: &TaskFigures) -> Self {
        TaskFiguresView {
            tasks: f.tasks,
            not_started: f.status(TaskStatus::NotStarted),
            in_progress: f.status(TaskStatus::InProgress),
            done: f.status(TaskStatus::Done),
            paused: f.status(TaskStatus::Paused),
            overdue: f.overdue,
            supervised: f.supervised,
            supervised_overdue: f.supervised_overdue,
            mean_progress: if f.tasks == 0 {
                figures::NOT_REPORTED.to_string()
            } else {
                format!("{:.1}%", f.mean_progress)
            },
            mean_progress_int: f.mean_progress.round().clamp(0.0, 100.0) as u32,
        }
    }
}

/// One share on the home and figures pages: the percentage and what it is taken over.
#[derive(Debug, Serialize)]
pub struct ShareView {
    /// `60.0%`, or `未填报`.
    pub percent: String,
    /// `零跑腿 12 项（已填报到现场次数的 20 项中 60.0%）`.
    pub sentence: String,
    /// `已填报到现场次数的 20 项`, or `未填报`.
    pub basis: String,
    pub count: usize,
    pub over: usize,
}

impl ShareView {
    fn new(s: &figures::Share) -> Self {
        ShareView {
            percent: s.percent(),
            sentence: s.sentence(),
            basis: s.basis(),
            count: s.count,
            over: s.over,
        }
    }
}

/// Headline figures of the home page.
#[derive(Debug, Serialize)]
pub struct HeadlineView {
    pub items: usize,
    /// Share of items that are 一次办.
    pub one_visit: ShareView,
    /// Share of items with 0 visits (零跑腿).
    pub zero_visits: ShareView,
    /// Share of items that can be handled online.
    pub online: ShareView,
    /// Share of items without fee.
    pub free: ShareView,
    /// Mean speed-up, or None without statutory limits.
    pub mean_speedup: Option<String>,
    /// Items the mean speed-up is taken over.
    pub with_speedup: usize,
}

impl HeadlineView {
    /// The headline figures of `f`.
    pub fn new(f: &figures::ServiceFigures) -> Self {
        HeadlineView {
            items: f.items,
            one_visit: ShareView::new(&f.one_visit),
            zero_visits: ShareView::new(&f.zero_visits),
            online: ShareView::new(&f.online),
            free: ShareView::new(&f.free),
            mean_speedup: f.mean_speedup.map(figures::percent),
            with_speedup: f.with_speedup,
        }
    }
}
