//! What every document of one layout shares, built once.
//!
//! Only `word/document.xml`, `docProps/core.xml`, the document's relationships and its
//! media differ from one document to the next. Everything else (styles, settings,
//! numbering, font table, footers, content types, app properties...) depends on the
//! layout and the date alone: a [`Prototype`] builds those parts once with docx-rs,
//! patches them and keeps them as a ready-made compressed ZIP archive, whose entries
//! every document copies without building or compressing them again.
//!
//! Prototypes are cached per layout and date ([`Prototype::shared`]), so rendering one
//! document on its own (live preview) costs the same as rendering it in a full build.

use super::layout::Layout;
use super::parts::{self, zip_time};
use super::xml::Fonts;
use crate::model::Date;
use docx_rs::BuildXML;
use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex, OnceLock};
use zip::ZipArchive;
use zip::write::SimpleFileOptions;

/// The shared parts of every document of one layout and date.
#[derive(Debug)]
pub struct Prototype {
    /// The layout the parts were built for.
    pub layout: Layout,
    /// The date of every ZIP entry and of the core properties.
    pub date: Date,
    /// The run fonts of each face, as the body's XML writes them.
    pub fonts: Fonts,
    /// `word/document.xml` up to and including `<w:body>`.
    pub document_head: Vec<u8>,
    /// `word/document.xml` from the section properties (`<w:sectPr>`) to the end.
    pub document_tail: Vec<u8>,
    /// `word/_rels/document.xml.rels` of a document without an image.
    pub rels: Vec<u8>,
    /// Every other part, compressed, as a ZIP archive to merge into each document.
    pub archive: ZipArchive<Cursor<Arc<[u8]>>>,
    /// Size of that archive in bytes.
    pub archive_len: usize,
}

/// Prototypes kept at once; a site has one layout, a preview server a few over time.
const CACHE_SIZE: usize = 8;

type Cache = Mutex<Vec<(Layout, Date, Arc<Prototype>)>>;

impl Prototype {
    /// The prototype for `layout` and `date`, built on first use and then shared.
    pub fn shared(layout: Layout, date: Date) -> Arc<Prototype> {
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
        let lookup = |c: &[(Layout, Date, Arc<Prototype>)]| {
            c.iter()
                .find(|(l, d, _)| *l == layout && *d == date)
                .map(|(_, _, p)| Arc::clone(p))
        };
        // A poisoned lock only means another thread panicked mid-insert; the list
        // itself is always whole.
        if let Some(p) = lookup(&cache.lock().unwrap_or_else(|e| e.into_inner())) {
            return p;
        }
        // Built outside the lock: two threads may both build it; the first kept wins.
        let built = Arc::new(Prototype::new(layout.clone(), date));
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = lookup(&c) {
            return p;
        }
        if c.len() >= CACHE_SIZE {
            c.remove(0);
        }
        c.push((layout, date, Arc::clone(&built)));
        built
    }

    /// Builds the shared parts for `layout` and `date`.
    pub fn new(layout: Layout, date: Date) -> Prototype {
        let document = super::schema::reorder(&layout.new_docx().document.build());
        let split = memchr::memmem::find(&document, b"<w:sectPr")
            .or_else(|| memchr::memmem::rfind(&document, b"</w:body>"))
            .unwrap_or(document.len());
        let (head, tail) = document.split_at(split);

        let xml = layout.new_docx().build();
        let parts = parts::shared_parts(xml, &layout);

        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .last_modified_time(zip_time(date))
            .unix_permissions(0o644);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let mut rels = Vec::new();
        for (name, bytes) in parts {
            if name == parts::DOCUMENT_RELS {
                rels = bytes;
                continue;
            }
            // Writing to memory cannot fail short of allocation failure.
            if zip.start_file(name, options).is_ok() {
                let _ = zip.write_all(&bytes);
            }
        }
        let bytes: Arc<[u8]> = zip
            .finish()
            .map(Cursor::into_inner)
            .unwrap_or_default()
            .into();
        let archive_len = bytes.len();
        let archive = ZipArchive::new(Cursor::new(bytes))
            .expect("a ZIP archive just written in memory reads back");
        Prototype {
            fonts: Fonts::new(&layout),
            document_head: head.to_vec(),
            document_tail: tail.to_vec(),
            rels,
            archive,
            archive_len,
            layout,
            date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocxLayout;

    #[test]
    fn splits_the_document_around_the_body() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        let p = Prototype::new(Layout::new(&DocxLayout::default()), d);
        assert!(p.document_head.ends_with(b"<w:body>"));
        assert!(p.document_tail.starts_with(b"<w:sectPr>"));
        assert!(p.document_tail.ends_with(b"</w:body></w:document>"));
        assert!(!String::from_utf8_lossy(&p.rels).contains("media/"));
        assert!(p.archive.len() > 10);
    }

    #[test]
    fn is_built_once_per_layout_and_date() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        let layout = Layout::new(&DocxLayout::default());
        let a = Prototype::shared(layout.clone(), d);
        let b = Prototype::shared(layout.clone(), d);
        assert!(Arc::ptr_eq(&a, &b));
        let c = Prototype::shared(layout, d.succ_opt().unwrap());
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
