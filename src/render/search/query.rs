//! The query algorithm over the index files, as `search.js` runs it in the browser.
//!
//! It lives here too so that tests and benchmarks can check what a query finds and measure
//! which files (and how many bytes) it fetches.

use super::postings::{
    FIELD_ALIAS, FIELD_CODE, FIELD_LOW, FIELD_OTHER, FIELD_PINYIN, FIELD_RESULT, FIELD_TITLE,
    decode, decode_ids,
};
use super::text::{bigram, fnv1a, normalize, normalize_query, query_offsets};
use crate::render::OutputFile;
use crate::route::Route;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where the index files come from: the built output, a map, or (in the browser) the server.
pub trait IndexSource {
    /// The bytes of the file at `path` (relative to the output root, e.g. `search/index.json`).
    fn fetch(&self, path: &str) -> Option<&[u8]>;
}

impl IndexSource for [OutputFile] {
    fn fetch(&self, path: &str) -> Option<&[u8]> {
        self.iter()
            .find(|f| f.path == path)
            .map(|f| f.bytes.as_slice())
    }
}

impl IndexSource for HashMap<String, Vec<u8>> {
    fn fetch(&self, path: &str) -> Option<&[u8]> {
        self.get(path).map(Vec::as_slice)
    }
}

/// Wraps a source and records each distinct file fetched with its size, as a browser that
/// caches files would download them.
pub struct Counting<'a, S: ?Sized> {
    inner: &'a S,
    fetched: RefCell<BTreeMap<String, usize>>,
}

impl<'a, S: IndexSource + ?Sized> Counting<'a, S> {
    /// Counts fetches from `inner`.
    pub fn new(inner: &'a S) -> Self {
        Counting {
            inner,
            fetched: RefCell::new(BTreeMap::new()),
        }
    }

    /// Files fetched so far, with their sizes.
    pub fn fetched(&self) -> BTreeMap<String, usize> {
        self.fetched.borrow().clone()
    }

    /// Total bytes fetched so far.
    pub fn bytes(&self) -> usize {
        self.fetched.borrow().values().sum()
    }
}

impl<S: IndexSource + ?Sized> IndexSource for Counting<'_, S> {
    fn fetch(&self, path: &str) -> Option<&[u8]> {
        let bytes = self.inner.fetch(path)?;
        self.fetched
            .borrow_mut()
            .insert(path.to_string(), bytes.len());
        Some(bytes)
    }
}

/// Where a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchField {
    /// The code (or 文号), from its first character.
    CodePrefix,
    /// The title.
    Title,
    /// A 俗称 of the item.
    Alias,
    /// Pinyin initials of the title (the match is highlighted in the title).
    Pinyin,
    /// Inside the code (or 文号).
    Code,
    /// What a person gets or asks: 办理结果, FAQ questions.
    Result,
    /// The department, issuer or a lead unit.
    Department,
    /// Other text: materials, tasks, address.
    Other,
    /// Long text weighted low: FAQ answers, steps of the process.
    Low,
}

impl MatchField {
    fn of(field: u32, start: usize) -> MatchField {
        match field {
            FIELD_TITLE => MatchField::Title,
            FIELD_ALIAS => MatchField::Alias,
            FIELD_PINYIN => MatchField::Pinyin,
            FIELD_CODE if start == 0 => MatchField::CodePrefix,
            FIELD_CODE => MatchField::Code,
            FIELD_RESULT => MatchField::Result,
            FIELD_OTHER => MatchField::Other,
            FIELD_LOW => MatchField::Low,
            _ => MatchField::Low,
        }
    }
}

/// One result, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Document id.
    pub doc: u32,
    /// 事项类型, the notice's 类别, 方案 or 中心.
    pub kind: String,
    /// Department or issuer.
    pub department: Option<String>,
    /// Title.
    pub title: String,
    /// Service code or 文号.
    pub code: Option<String>,
    /// URL relative to the site root, e.g. `services/330199-XK-0001/`.
    pub url: String,
    /// Where the query matched.
    pub field: MatchField,
    /// The text the match is in: the title, the code, the organisation's name; for
    /// [`MatchField::Other`], [`MatchField::Result`] and [`MatchField::Low`] the label of
    /// that text (e.g. 申报材料).
    pub matched: String,
    /// The word that matched (the formal word when an everyday word was typed).
    pub term: String,
    /// First matched character (in chars) in `matched`; for `Other`, 0.
    pub start: usize,
    /// Number of matched characters; for `Other`, 0.
    pub len: usize,
}

/// The results of a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// Number of matching documents.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<Hit>,
}

/// Best match of a term in one document: (rank, start, org index or none, term length, the
/// word matched).
type Best = (MatchField, usize, Option<usize>, usize, u16);

struct Reader<'a, S: ?Sized> {
    src: &'a S,
    cache: HashMap<String, Value>,
}

impl<S: IndexSource + ?Sized> Reader<'_, S> {
    fn json(&mut self, path: &str) -> &Value {
        if !self.cache.contains_key(path) {
            let v = self
                .src
                .fetch(path)
                .and_then(|b| serde_json::from_slice(b).ok())
                .unwrap_or(Value::Null);
            self.cache.insert(path.to_string(), v);
        }
        &self.cache[path]
    }
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

fn str_at(v: &Value, i: usize) -> Option<String> {
    v.get(i).and_then(Value::as_str).map(str::to_string)
}

/// Index of `needle` in `hay` (both normalized chars), in chars.
fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The formal words an everyday word stands for (kept under `"=" + word` in the shard of
/// its first bigram), or none.
fn synonyms_of<S: IndexSource + ?Sized>(
    r: &mut Reader<'_, S>,
    shards: u64,
    term: &[char],
) -> Vec<Vec<char>> {
    let first = bigram(term, 0);
    let key: String = std::iter::once('=').chain(term.iter().copied()).collect();
    let path = Route::SearchPostings(u64::from(fnv1a(&first)) % shards).rel_path();
    r.json(&path)[key.as_str()]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(normalize).collect())
        .unwrap_or_default()
}

/// The best match of one term (≥ 2 characters), or of a formal word it stands for, in every
/// document it occurs in. `words` collects the words matched; a [`Best`] names one by index.
fn term_matches<S: IndexSource + ?Sized>(
    r: &mut Reader<'_, S>,
    shards: u64,
    orgs: &[String],
    term: &[char],
    words: &mut Vec<Vec<char>>,
) -> HashMap<u32, Best> {
    let mut best: HashMap<u32, Best> = HashMap::new();
    let mut offer = |doc: u32, b: Best| {
        let e = best.entry(doc).or_insert(b);
        if (b.0, b.1) < (e.0, e.1) {
            *e = b;
        }
    };
    let mut all = vec![term.to_vec()];
    for w in synonyms_of(r, shards, term) {
        if w.len() >= 2 && !all.contains(&w) {
            all.push(w);
        }
    }
    for word in all {
        let wi = words.len() as u16;
        words.push(word.clone());
        let word = word.as_slice();
        let mut found: Option<HashSet<(u32, u32, u32)>> = None;
        for off in query_offsets(word.len()) {
            let gram = bigram(word, off);
            let path = Route::SearchPostings(u64::from(fnv1a(&gram)) % shards).rel_path();
            let list = decode(&ints(&r.json(&path)[gram.as_str()]));
            let here: HashSet<(u32, u32, u32)> = list
                .into_iter()
                .filter(|p| p.pos() as usize >= off)
                .map(|p| (p.doc, p.field(), p.pos() - off as u32))
                .collect();
            found = Some(match found {
                None => here,
                Some(prev) => prev.intersection(&here).copied().collect(),
            });
        }
        for (doc, field, start) in found.unwrap_or_default() {
            let start = start as usize;
            offer(
                doc,
                (MatchField::of(field, start), start, None, word.len(), wi),
            );
        }
        for (i, org) in orgs.iter().enumerate() {
            if let Some(start) = find(&normalize(org), word) {
                let ids = ints(r.json(&Route::SearchDepartment(i as u64).rel_path()));
                let ids: Vec<u32> = ids.iter().filter_map(|d| u32::try_from(*d).ok()).collect();
                for doc in decode_ids(&ids) {
                    offer(
                        doc,
                        (MatchField::Department, start, Some(i), word.len(), wi),
                    );
                }
            }
        }
    }
    best
}

/// Runs query `q` against the index in `src`: every term (words separated by spaces, each of
/// at least two characters) must match, itself or a formal word it stands for (see
/// [`super::everyday_words`]); results are ordered by where the best match is (code prefix,
/// title, pinyin initials, code, result or FAQ question, department, other text, low text),
/// then items people apply for before items carried out on them (行政处罚, 行政强制, 行政检查,
/// 行政征收; the manifest's `late` runs of ids), then by the match's position, then by
/// document order. Records are fetched for the first `limit` results only.
pub fn query<S: IndexSource + ?Sized>(src: &S, q: &str, limit: usize) -> Results {
    let chars = normalize_query(q);
    let terms: Vec<&[char]> = chars
        .split(|c| *c == ' ')
        .filter(|t| t.len() >= 2)
        .collect();
    if terms.is_empty() {
        return Results::default();
    }
    let mut r = Reader {
        src,
        cache: HashMap::new(),
    };
    let manifest = r.json(&Route::SearchManifest.rel_path()).clone();
    let shards = manifest["shards"].as_u64().unwrap_or(1).max(1);
    let per = manifest["per"].as_u64().unwrap_or(1).max(1);
    let orgs: Vec<String> = manifest["orgs"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    let types = manifest["types"].clone();

    let mut best: Option<HashMap<u32, Best>> = None;
    let mut words: Vec<Vec<char>> = Vec::new();
    for term in terms {
        let m = term_matches(&mut r, shards, &orgs, term, &mut words);
        best = Some(match best {
            None => m,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(doc, b)| {
                    let o = m.get(&doc)?;
                    Some((doc, if (o.0, o.1) < (b.0, b.1) { *o } else { b }))
                })
                .collect(),
        });
    }
    // Items carried out on people (runs of ids in `late`) after the others with the same
    // kind of match.
    let late: Vec<(u64, u64)> = manifest["late"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| Some((r.get(0)?.as_u64()?, r.get(1)?.as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    let is_late = |doc: u32| late.iter().any(|&(a, b)| (a..b).contains(&u64::from(doc)));
    let mut ranked: Vec<(u32, Best)> = best.unwrap_or_default().into_iter().collect();
    ranked.sort_by_key(|(doc, b)| (b.0, is_late(*doc), b.1, *doc));

    let mut hits = Vec::new();
    for (doc, (field, start, org, len, wi)) in ranked.iter().take(limit).copied() {
        let shard = u64::from(doc) / per;
        let rec = r.json(&Route::SearchRecords(shard).rel_path())[(u64::from(doc) % per) as usize]
            .clone();
        let kind_idx = rec[0].as_u64().unwrap_or(0) as usize;
        let ty = &types[kind_idx];
        let department = rec[1]
            .as_i64()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| orgs.get(i).cloned());
        let title = str_at(&rec, 2).unwrap_or_default();
        let slug = str_at(&rec, 3).unwrap_or_default();
        let section = str_at(ty, 1).unwrap_or_default();
        let code = str_at(&rec, 4).or_else(|| (section == "services").then(|| slug.clone()));
        let (matched, start, len) = match field {
            MatchField::Title | MatchField::Pinyin => (title.clone(), start, len),
            MatchField::CodePrefix | MatchField::Code => {
                (code.clone().unwrap_or_default(), start, len)
            }
            MatchField::Department => (
                org.and_then(|i| orgs.get(i).cloned()).unwrap_or_default(),
                start,
                len,
            ),
            MatchField::Alias => ("俗称".to_string(), 0, 0),
            MatchField::Other => (str_at(ty, 2).unwrap_or_default(), 0, 0),
            MatchField::Result => (str_at(ty, 3).unwrap_or_default(), 0, 0),
            MatchField::Low => (str_at(ty, 4).unwrap_or_default(), 0, 0),
        };
        hits.push(Hit {
            doc,
            kind: str_at(ty, 0).unwrap_or_default(),
            department,
            title,
            code,
            url: format!("{section}/{slug}/"),
            field,
            matched,
            term: words
                .get(usize::from(wi))
                .map(|w| w.iter().collect())
                .unwrap_or_default(),
            start,
            len,
        });
    }
    Results {
        total: ranked.len(),
        hits,
    }
}

/// A word that sounds like the query and that the search finds: "您要找的是不是：word".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The word to search for instead.
    pub word: String,
    /// How many documents a search for it finds.
    pub total: usize,
}

/// Most chained words tried when looking for same-sound near matches.
pub const SOUND_CHAINS: usize = 50;
/// Most chained words searched for (in order) to find those the index holds.
pub const SOUND_TRIES: usize = 8;
/// Most same-sound suggestions offered.
pub const SOUND_SUGGESTIONS: usize = 3;

/// Words that sound like `q` (one word, 2–12 common characters, see
/// [`super::common_chars`]) and that a search finds, at most [`SOUND_SUGGESTIONS`], fewest
/// changed characters first. Each adjacent pair of the query's characters is turned into its
/// folded pinyin and looked up in the sound shards; pairs that share a character are chained
/// into words; the first [`SOUND_TRIES`] of them (fewest changes, then in chaining order)
/// are searched for. `search.js` does the same when a query finds nothing.
pub fn sound_suggestions<S: IndexSource + ?Sized>(src: &S, q: &str) -> Vec<Suggestion> {
    let chars = normalize_query(q);
    if chars.len() < 2 || chars.len() > 12 || chars.contains(&' ') {
        return Vec::new();
    }
    let mut r = Reader {
        src,
        cache: HashMap::new(),
    };
    let shards = r.json(&Route::SearchManifest.rel_path())["sounds"]
        .as_u64()
        .unwrap_or(0);
    if shards == 0 {
        return Vec::new();
    }
    // The query's sounds, from the table the browser fetches.
    let table = r.json(&Route::SearchPinyin.rel_path()).clone();
    let mut of: HashMap<char, String> = HashMap::new();
    if let Some(t) = table.as_object() {
        for (syl, cs) in t {
            for c in cs.as_str().unwrap_or("").chars() {
                of.insert(c, super::sounds::fold(syl));
            }
        }
    }
    let Some(sounds) = chars
        .iter()
        .map(|c| of.get(c).cloned())
        .collect::<Option<Vec<String>>>()
    else {
        return Vec::new();
    };
    // The pairs that sound like each adjacent pair of the query, fewest changes first.
    let mut cands: Vec<Vec<[char; 2]>> = Vec::new();
    for i in 0..chars.len() - 1 {
        let key = super::sounds::sound_key(&sounds[i], &sounds[i + 1]);
        let path = Route::SearchSounds(u64::from(fnv1a(&key)) % shards).rel_path();
        let s: Vec<char> = r.json(&path)[key.as_str()]
            .as_str()
            .unwrap_or("")
            .chars()
            .collect();
        let mut pairs: Vec<[char; 2]> = s.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        let diff =
            |p: &[char; 2]| usize::from(p[0] != chars[i]) + usize::from(p[1] != chars[i + 1]);
        pairs.sort_by_key(|p| (diff(p), *p));
        if pairs.is_empty() {
            return Vec::new();
        }
        cands.push(pairs);
    }
    // Chain them: depth first, each pair starting with the character the word ends with.
    let mut chains: Vec<Vec<char>> = Vec::new();
    let mut stack: Vec<(usize, Vec<char>)> =
        cands[0].iter().rev().map(|p| (1, p.to_vec())).collect();
    let mut steps = 0;
    while let Some((i, word)) = stack.pop() {
        steps += 1;
        if chains.len() >= SOUND_CHAINS || steps > 20 * SOUND_CHAINS {
            break;
        }
        if i == cands.len() {
            if word != chars {
                chains.push(word);
            }
            continue;
        }
        let last = word[word.len() - 1];
        for p in cands[i].iter().rev().filter(|p| p[0] == last) {
            let mut w = word.clone();
            w.push(p[1]);
            stack.push((i + 1, w));
        }
    }
    let changed = |w: &[char]| w.iter().zip(&chars).filter(|(a, b)| a != b).count();
    chains.sort_by_key(|w| changed(w));
    let mut out = Vec::new();
    for w in chains.into_iter().take(SOUND_TRIES) {
        let word: String = w.iter().collect();
        let total = query(src, &word, 0).total;
        if total > 0 {
            out.push(Suggestion { word, total });
            if out.len() >= SOUND_SUGGESTIONS {
                break;
            }
        }
    }
    out
}
