//! Printable DOCX documents, laid out per GB/T 9704-2012 (see `docs/docx.md`):
//!
//! - [`service_form`]: an item's 一次性告知单, `/services/<code>/<code>.docx`;
//! - [`notice_document`]: a notice for the bulletin board, `/notices/<slug>/<slug>.docx`
//!   (only notices with `print`);
//! - [`plan_document`]: a plan with its task table, `/plans/<slug>/<slug>.docx`.
//!
//! Built with docx-rs; [`package`] patches what docx-rs cannot express and zips the
//! parts deterministically, so the same site and `as_of` give the same bytes. The parts
//! that depend only on the layout are built once and shared ([`prototype`]), so one
//! document rendered on its own ([`render_one`], for the live preview) costs no more
//! than one document of a full build.

mod blocks;
mod layout;
mod markdown;
mod notice;
mod package;
mod plan;
mod prototype;
mod qr;
mod service;
mod text;

pub use notice::notice_document;
pub use plan::plan_document;
pub use service::service_form;

use super::OutputFile;
use crate::model::Site;
use rayon::prelude::*;

/// Every DOCX file of `site`, rendered in parallel.
pub fn render_all(site: &Site) -> Vec<OutputFile> {
    let config = &site.config;
    let services = site.services.par_iter().map(|s| {
        OutputFile::new(
            format!("services/{0}/{0}.docx", s.code),
            service_form(config, s),
        )
    });
    let notices = site.notices.par_iter().filter(|n| n.print).map(|n| {
        OutputFile::new(
            format!("notices/{0}/{0}.docx", n.slug),
            notice_document(config, n),
        )
    });
    let plans = site.plans.par_iter().map(|p| {
        OutputFile::new(
            format!("plans/{0}/{0}.docx", p.slug),
            plan_document(config, p),
        )
    });
    services.chain(notices).chain(plans).collect()
}

/// The DOCX file at `path` (as [`render_all`] names it, e.g.
/// `services/<code>/<code>.docx`; a leading `/` is ignored), rendered on its own, or
/// `None` when the site has no such document. Only that document is built.
pub fn render_one(site: &Site, path: &str) -> Option<Vec<u8>> {
    let mut segments = path.trim_start_matches('/').split('/');
    let (kind, slug, file) = (segments.next()?, segments.next()?, segments.next()?);
    if segments.next().is_some() || file.strip_suffix(".docx") != Some(slug) {
        return None;
    }
    let config = &site.config;
    match kind {
        "services" => site
            .services
            .iter()
            .find(|s| s.code == slug)
            .map(|s| service_form(config, s)),
        "notices" => site
            .notices
            .iter()
            .find(|n| n.print && n.slug == slug)
            .map(|n| notice_document(config, n)),
        "plans" => site
            .plans
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| plan_document(config, p)),
        _ => None,
    }
}
