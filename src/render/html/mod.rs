//! The public website: every HTML page, rendered with the theme's Tera templates.
//!
//! Pages are rendered in parallel; each gets a small context built from views of the
//! models it shows (a page kind's own views beside it under `pages/`, those several kinds
//! show in [`views`]), and the site itself (`site`) is a global of the engine.

mod engine;
mod facets;
mod pages;
pub(crate) mod views;

pub use engine::Engine;
pub use pages::{is_listing_page, listing_key, render_pages};

use crate::model::Site;
use crate::render::urls::unique_slugs;
use crate::route::Route;
use std::collections::BTreeMap;

/// Builds the site's internal URLs, all under its base path.
#[derive(Debug, Clone)]
pub struct Links {
    base: String,
    units: BTreeMap<String, String>,
}

impl Links {
    /// Links of `site`, with the slugs of every responsible unit of its plans.
    pub fn new(site: &Site) -> Links {
        let units = unique_slugs(
            site.plans
                .iter()
                .flat_map(|p| &p.tasks)
                .flat_map(|t| std::iter::once(&t.lead).chain(&t.partners))
                .map(String::as_str),
        );
        Links {
            base: site.config.base_path.clone(),
            units,
        }
    }

    /// `path` (relative to the site root) under the base path.
    pub fn path(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The address of `route`, under the base path.
    pub fn route(&self, route: Route) -> String {
        let mut s = self.base.clone();
        s.push_str(&route.url_path());
        s
    }

    /// A service item page.
    pub fn service(&self, code: &str) -> String {
        self.route(Route::Service(code))
    }

    /// A plan page.
    pub fn plan(&self, slug: &str) -> String {
        self.route(Route::Plan(slug))
    }

    /// A plan's listing of its overdue tasks.
    pub fn plan_overdue(&self, slug: &str) -> String {
        self.route(Route::PlanOverdue(slug))
    }

    /// A plan's weekly bulletin page (`week` as `2026-W39`).
    pub fn bulletin(&self, plan: &str, week: &str) -> String {
        self.route(Route::Bulletin { plan, week })
    }

    /// A notice page.
    pub fn notice(&self, slug: &str) -> String {
        self.route(Route::Notice(slug))
    }

    /// A centre page.
    pub fn centre(&self, slug: &str) -> String {
        self.route(Route::Centre(slug))
    }

    /// A free page.
    pub fn page(&self, slug: &str) -> String {
        self.route(Route::Page(slug))
    }

    /// The slug of a responsible unit.
    pub fn unit_slug(&self, name: &str) -> Option<&str> {
        self.units.get(name).map(String::as_str)
    }

    /// A unit's page (责任清单).
    pub fn unit(&self, name: &str) -> String {
        match self.unit_slug(name) {
            Some(slug) => self.route(Route::Unit(slug)),
            None => self.route(Route::Units),
        }
    }

    /// Units and their slugs, by name.
    pub fn units(&self) -> &BTreeMap<String, String> {
        &self.units
    }

    /// An attachment under content/static.
    pub fn attachment(&self, path: &str) -> String {
        self.route(Route::Static(path))
    }
}
