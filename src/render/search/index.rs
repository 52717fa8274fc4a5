//! Builds the index files from the documents.
//!
//! Files, all under `search/`:
//! - `index.json`: the manifest (counts, shard sizes, document types, organisations);
//! - `p/<k>.json`: posting shards, `{bigram: list}`, a bigram in shard `fnv1a(bigram) % shards`;
//! - `r/<k>.json`: display records of documents `k × per … (k + 1) × per − 1`, each
//!   `[type, organisation (or −1), title, slug]` plus the 文号 when a notice or plan has one;
//! - `o/<i>.json`: the ids (delta-encoded) of the documents of organisation `i`;
//! - `pinyin.json` and `s/<k>.json`: the pinyin of common characters and the sounds of the
//!   names, 俗称 and everyday words, for same-sound near matches (see `sounds.rs`).

use super::docs::{Doc, doc_types, kind_is_enforcement};
use super::everyday::everyday_words;
use super::postings::{
    FIELD_ALIAS, FIELD_BITS, FIELD_CODE, FIELD_LOW, FIELD_OTHER, FIELD_PINYIN, FIELD_RESULT,
    FIELD_TITLE, Posting, encode, encode_ids,
};
use super::sounds::{pinyin_file, sound_files};
use super::text::{bigram, fnv1a, normalize, pinyin_initials, query_offsets};
use crate::render::OutputFile;
use crate::route::Route;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Manifest format version.
pub const VERSION: u32 = 2;
/// Documents per record shard.
pub const RECORDS_PER_SHARD: usize = 32;
/// Target size of a posting shard in bytes; the shard count follows from the corpus size.
pub const TARGET_SHARD_BYTES: usize = 16 * 1024;
/// Separator between values of one field (never part of a bigram).
const SEP: char = '\u{1F}';

/// Adds the bigrams of `text` (one field of `doc`) to `postings`.
fn add_field(postings: &mut BTreeMap<String, Vec<Posting>>, doc: u32, field: u32, text: &[char]) {
    for (pos, w) in text.windows(2).enumerate() {
        if w.contains(&SEP) || w.contains(&' ') {
            continue;
        }
        let gram: String = w.iter().collect();
        postings.entry(gram).or_default().push(Posting {
            doc,
            fp: ((pos as u32) << FIELD_BITS) + field,
        });
    }
}

/// The texts of each field of `d`, normalized; values of a field joined by [`SEP`].
fn fields(d: &Doc) -> Vec<(u32, Vec<char>)> {
    let mut out = vec![
        (FIELD_TITLE, normalize(&d.title)),
        (FIELD_PINYIN, pinyin_initials(&d.title).chars().collect()),
    ];
    if let Some(code) = &d.code {
        out.push((FIELD_CODE, normalize(code)));
    }
    if !d.aliases.is_empty() {
        out.push((FIELD_ALIAS, normalize(&d.aliases.join(&SEP.to_string()))));
    }
    if !d.other.is_empty() {
        let joined = d.other.join(&SEP.to_string());
        out.push((FIELD_OTHER, normalize(&joined)));
    }
    for (field, texts) in [(FIELD_RESULT, &d.result), (FIELD_LOW, &d.low)] {
        if !texts.is_empty() {
            out.push((field, normalize(&texts.join(&SEP.to_string()))));
        }
    }
    out
}

/// Builds every index file for `docs`.
pub fn index_files(docs: &[Doc]) -> Vec<OutputFile> {
    index_files_with(docs, &Default::default())
}

/// The built-in everyday words with the site's own (site.yaml `同义词`) added: a word in
/// both gets the formal words of both.
fn words_with(site: &BTreeMap<String, Vec<String>>) -> Vec<(String, Vec<String>)> {
    let mut words = everyday_words();
    for (word, formal) in site {
        match words.iter_mut().find(|(w, _)| w == word) {
            Some((_, f)) => {
                for x in formal {
                    if !f.contains(x) {
                        f.push(x.clone());
                    }
                }
            }
            None => words.push((word.clone(), formal.clone())),
        }
    }
    words
}

/// Builds every index file for `docs`, with the site's synonyms (everyday word → formal
/// words) added to the built-in list.
pub fn index_files_with(
    docs: &[Doc],
    site_words: &BTreeMap<String, Vec<String>>,
) -> Vec<OutputFile> {
    let mut postings: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    let mut orgs: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        let id = id as u32;
        for (field, text) in fields(d) {
            add_field(&mut postings, id, field, &text);
        }
        for o in &d.orgs {
            orgs.entry(o.as_str()).or_default().push(id);
        }
    }
    let org_names: Vec<&str> = orgs.keys().copied().collect();

    // Everyday words whose formal words occur in the site: `"=" + word` → formal words,
    // kept in the shard of the word's first bigram, which a query for it fetches anyway.
    let mut synonyms: Vec<(String, String, String)> = Vec::new();
    let mut present_words: Vec<String> = Vec::new();
    for (word, formal) in words_with(site_words) {
        let present: Vec<String> = formal
            .into_iter()
            .filter(|f| {
                let f = normalize(f);
                f.len() >= 2
                    && query_offsets(f.len())
                        .into_iter()
                        .all(|off| postings.contains_key(&bigram(&f, off)))
            })
            .collect();
        let w = normalize(&word);
        if present.is_empty() || w.len() < 2 {
            continue;
        }
        present_words.push(w.iter().collect());
        let first = bigram(&w, 0);
        let key: String = std::iter::once('=').chain(w.iter().copied()).collect();
        synonyms.push((
            first,
            key,
            serde_json::to_string(&present).unwrap_or_default(),
        ));
    }

    // Posting lists, then shards sized from their total.
    let lists: Vec<(String, String)> = postings
        .into_iter()
        .map(|(gram, mut list)| {
            list.sort_unstable();
            list.dedup();
            let enc = serde_json::to_string(&encode(&list)).unwrap_or_default();
            (gram, enc)
        })
        .collect();
    let total: usize = lists.iter().map(|(g, l)| g.len() + l.len() + 4).sum();
    let shards = total.div_ceil(TARGET_SHARD_BYTES).max(1);
    let mut shard_text: Vec<Vec<(String, String)>> = vec![Vec::new(); shards];
    for (gram, enc) in lists {
        let k = fnv1a(&gram) as usize % shards;
        shard_text[k].push((gram, enc));
    }
    for (first, key, enc) in synonyms {
        let k = fnv1a(&first) as usize % shards;
        shard_text[k].push((key, enc));
    }
    for entries in &mut shard_text {
        entries.sort();
    }

    // Sounds of the names, 俗称 and everyday words, for same-sound near matches.
    let (sound_shards, sounds) = sound_files(
        docs.iter()
            .flat_map(|d| std::iter::once(&d.title).chain(&d.aliases))
            .map(String::as_str)
            .chain(present_words.iter().map(String::as_str)),
    );

    // Runs `[first, end)` of the ids of items carried out on people: on a tie of where the
    // match is, they come after the items people apply for.
    let mut late: Vec<[usize; 2]> = Vec::new();
    for (id, d) in docs.iter().enumerate() {
        if kind_is_enforcement(d.kind) {
            match late.last_mut() {
                Some(run) if run[1] == id => run[1] = id + 1,
                _ => late.push([id, id + 1]),
            }
        }
    }

    let mut files = sound_shards;
    files.push(pinyin_file());
    let types: Vec<Value> = doc_types()
        .iter()
        .map(|t| json!([t.label, t.section, t.other, t.result, t.low]))
        .collect();
    let manifest = json!({
        "v": VERSION,
        "docs": docs.len(),
        "shards": shards,
        "per": RECORDS_PER_SHARD,
        "types": types,
        "orgs": org_names,
        "sounds": sounds,
        "late": late,
    });
    files.push(OutputFile::new(
        Route::SearchManifest.rel_path(),
        serde_json::to_vec(&manifest).unwrap_or_default(),
    ));
    for (k, entries) in shard_text.into_iter().enumerate() {
        // Grams are already in sorted order; write the object by hand to keep lists compact.
        let mut s = String::from("{");
        for (i, (gram, enc)) in entries.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&serde_json::to_string(gram).unwrap_or_default());
            s.push(':');
            s.push_str(enc);
        }
        s.push('}');
        files.push(OutputFile::new(
            Route::SearchPostings(k as u64).rel_path(),
            s,
        ));
    }
    for (k, chunk) in docs.chunks(RECORDS_PER_SHARD).enumerate() {
        let records: Vec<Value> = chunk
            .iter()
            .map(|d| {
                let org = d
                    .orgs
                    .first()
                    .and_then(|o| org_names.binary_search(&o.as_str()).ok())
                    .map_or(-1, |i| i as i64);
                let mut r = vec![json!(d.kind), json!(org), json!(d.title), json!(d.slug)];
                if let Some(code) = d.code.as_ref().filter(|c| **c != d.slug) {
                    r.push(json!(code));
                }
                Value::Array(r)
            })
            .collect();
        files.push(OutputFile::new(
            Route::SearchRecords(k as u64).rel_path(),
            serde_json::to_vec(&records).unwrap_or_default(),
        ));
    }
    for (i, ids) in orgs.values().enumerate() {
        files.push(OutputFile::new(
            Route::SearchDepartment(i as u64).rel_path(),
            serde_json::to_vec(&encode_ids(ids)).unwrap_or_default(),
        ));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
