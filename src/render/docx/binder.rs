//! A service centre's binder (v2 §4): every 一次性告知单 of the centre's items in one
//! document, `/centers/<slug>/<slug>-forms.docx`, to print the window's folder in one
//! go. Each form starts on a new page and is the same as the item's own DOCX, QR code
//! included.

use super::elements::{Block, Inline};
use super::layout::Layout;
use super::package::Document;
use super::prototype::Prototype;
use super::service;
use crate::model::{Centre, Service, SiteConfig};

/// The items of `centre` that have a 一次性告知单, in the order the centre lists them;
/// `services` sorted by code, as a site's are.
pub fn forms_of<'s>(centre: &Centre, services: &'s [Service]) -> Vec<&'s Service> {
    centre
        .services
        .iter()
        .filter_map(|code| {
            // Looked up, not searched for: a province's centres list thousands of items.
            let i = services
                .binary_search_by(|s| s.code.as_str().cmp(code))
                .ok()?;
            services.get(i)
        })
        .filter(|s| s.has_form())
        .collect()
}

/// The binder of `centre` as DOCX bytes, or `None` when none of its items has a form;
/// `services` sorted by code.
pub fn centre_forms(config: &SiteConfig, centre: &Centre, services: &[Service]) -> Option<Vec<u8>> {
    let forms = forms_of(centre, services);
    if forms.is_empty() {
        return None;
    }
    let proto = Prototype::shared(Layout::new(&config.docx), config.as_of);
    Some(document(config, &proto.layout, centre, &forms).package(&proto, config))
}

/// The binder before packaging.
pub(super) fn document(
    config: &SiteConfig,
    layout: &Layout,
    centre: &Centre,
    forms: &[&Service],
) -> Document {
    let mut blocks = Vec::new();
    let mut images = Vec::new();
    for s in forms {
        let form = service::document(config, layout, s);
        let first = blocks.len();
        let offset = images.len() as u32;
        blocks.extend(form.blocks);
        images.extend(form.images);
        if first > 0
            && let Some(Block::Paragraph(p)) = blocks.get_mut(first)
        {
            p.page_break_before = true;
        }
        if offset > 0 {
            renumber_images(&mut blocks[first..], offset);
        }
    }
    Document {
        blocks,
        images,
        title: format!("{}一次性告知单", centre.name.trim()),
        subject: format!("{}项事项的一次性告知单", forms.len()),
    }
}

/// Adds `offset` to the image id of every picture in `blocks`.
fn renumber_images(blocks: &mut [Block], offset: u32) {
    let paragraphs = blocks.iter_mut().flat_map(|b| match b {
        Block::Paragraph(p) => std::slice::from_mut(p).iter_mut().collect::<Vec<_>>(),
        Block::Table(t) => t
            .rows
            .iter_mut()
            .flatten()
            .flat_map(|c| c.paragraphs.iter_mut())
            .collect(),
    });
    for p in paragraphs {
        for r in &mut p.runs {
            for c in &mut r.content {
                if let Inline::Image { id, .. } = c {
                    *id += offset;
                }
            }
        }
    }
}
