//! Stage 1: find and read the site's files.
//!
//! Walks `content/`, decodes text (UTF-8 with or without BOM, CRLF or LF), splits Markdown
//! front matter from the body and reads attachments under `content/static`. Nothing here
//! interprets YAML or formats output.

mod decode;
mod front_matter;
mod theme;
mod walk;

pub use decode::decode;
pub use front_matter::{FrontMatter, split_front_matter};
pub use theme::{BUILTIN_ORIGIN, TemplateSource, Theme, example_files, load_theme};
pub use walk::{
    FoundFile, FoundKind, Listing, LoadResult, Loaded, LoadedFiles, LoadedSite, Named, SITE_YAML,
    Unread, decode_found, find_file, is_ignored_name, list_files, load_files, load_files_with,
    load_found, load_named, load_site, load_site_with, read_found, read_site_yaml, read_text,
    site_yaml_not_a_file,
};

/// The content sections of a site, one folder each under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// content/services
    Services,
    /// content/plans
    Plans,
    /// content/notices
    Notices,
    /// content/centers
    Centres,
    /// content/pages
    Pages,
}

impl Section {
    /// The section whose folder is `name`.
    pub fn from_folder(name: &str) -> Option<Section> {
        Some(match name {
            "services" => Section::Services,
            "plans" => Section::Plans,
            "notices" => Section::Notices,
            "centers" | "centres" => Section::Centres,
            "pages" => Section::Pages,
            _ => return None,
        })
    }

    /// Whether `.yaml`/`.yml` files (front matter alone) are accepted here.
    pub fn accepts_yaml(self) -> bool {
        matches!(self, Section::Services | Section::Centres)
    }
}

/// One content file, decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Section folder it is in.
    pub section: Section,
    /// File name without extension.
    pub stem: String,
    /// Decoded text: BOM removed, line ends normalized to `\n`.
    pub text: String,
    /// True for `.yaml`/`.yml` (no Markdown body).
    pub is_yaml: bool,
}
