//! Offline search: an index of character bigrams built at build time, split into small files
//! so that a browser fetches only what a query needs (see `docs/search.md`).
//!
//! Any run of two or more characters of a title is found (a query `工商` finds
//! 个体工商户设立登记), as are codes, departments, material names, task titles, addresses and
//! the pinyin initials of titles (`gtgsh`). Postings carry field and position, so a match is
//! exact without reading the documents.

mod docs;
mod everyday;
mod index;
mod postings;
mod query;
mod sounds;
mod text;

pub use docs::{Doc, DocType, doc_types, documents, is_enforcement};
pub use everyday::everyday_words;
pub use index::{RECORDS_PER_SHARD, TARGET_SHARD_BYTES, VERSION, index_files, index_files_with};
pub use query::{
    Counting, Hit, IndexSource, MatchField, Results, SOUND_CHAINS, SOUND_SUGGESTIONS, SOUND_TRIES,
    Suggestion, query, sound_suggestions,
};
pub use sounds::{common_chars, fold, sound, toneless};
pub use text::{normalize, normalize_query, pinyin_initials};

use crate::model::Site;
use crate::render::OutputFile;

/// The search index of `site` (drafts already removed): `search/index.json` and its shards,
/// sorted by path, byte-for-byte the same for the same site.
pub fn search_files(site: &Site) -> Vec<OutputFile> {
    index_files_with(&documents(site), &site.config.synonyms)
}

#[cfg(test)]
mod tests;
