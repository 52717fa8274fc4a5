//! Same-sound near matches: a query with a wrong character that sounds like the right one
//! (低宝 for 低保, 生份证 for 身份证) is answered with "您要找的是不是：…".
//!
//! Two kinds of files, both under `search/` and both fetched only when a query finds nothing:
//! - `pinyin.json`, the toneless pinyin of the characters people type (the 6,763 characters
//!   of GB2312 levels 1 and 2), `{syllable: characters}`, the same for every site;
//! - `s/<k>.json`, the sound shards: for each pair of adjacent characters in an indexed name,
//!   俗称 or everyday word, the key `sound sound` (folded pinyin, see [`fold`]) → the pairs of
//!   characters that sound so, concatenated; a key is in shard `fnv1a(key) % sounds`.
//!
//! The browser turns the query into sounds, looks up each adjacent pair, chains the pairs
//! that share a character into words and keeps those a search finds (see `query.rs`).

use super::text::{fnv1a, normalize_char};
use crate::render::OutputFile;
use crate::route::Route;
use pinyin::ToPinyin;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// Target size of a sound shard in bytes; the shard count follows from the total.
pub const TARGET_SOUND_SHARD_BYTES: usize = 8 * 1024;

/// The characters people type: GB2312 levels 1 and 2, in GB2312 order (GBK bytes with the
/// first in 0xB0–0xF7 and the second in 0xA1–0xFE), the ideographs among them.
pub fn common_chars() -> Vec<char> {
    let mut out = Vec::with_capacity(6763);
    for hi in 0xB0u8..=0xF7 {
        for lo in 0xA1u8..=0xFE {
            let bytes = [hi, lo];
            let (s, bad) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            if bad {
                continue;
            }
            let mut cs = s.chars();
            if let (Some(c), None) = (cs.next(), cs.next())
                && ('\u{4E00}'..='\u{9FFF}').contains(&c)
                && c.to_pinyin().is_some()
            {
                out.push(c);
            }
        }
    }
    out
}

/// The common characters with their toneless pinyin (the most common reading).
fn table() -> &'static HashMap<char, &'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        common_chars()
            .into_iter()
            .filter_map(|c| Some((c, c.to_pinyin()?.plain())))
            .collect()
    })
}

/// The toneless pinyin of `c` when it is a common character (in [`common_chars`]).
pub fn toneless(c: char) -> Option<&'static str> {
    table().get(&c).copied()
}

/// Folds a toneless syllable so that sounds people confuse compare equal: zh, ch, sh as z,
/// c, s; an initial n as l; a final ng as n (生 sheng and 身 shen both `sen`). `search.js`
/// applies the same rules.
pub fn fold(syllable: &str) -> String {
    let mut s = syllable.to_string();
    for (from, to) in [("zh", "z"), ("ch", "c"), ("sh", "s")] {
        if let Some(rest) = s.strip_prefix(from) {
            s = format!("{to}{rest}");
            break;
        }
    }
    if let Some(rest) = s.strip_prefix('n')
        && !rest.is_empty()
        && rest != "g"
    {
        s = format!("l{rest}");
    }
    if s.len() > 2
        && let Some(rest) = s.strip_suffix("ng")
    {
        s = format!("{rest}n");
    }
    s
}

/// The folded sound of `c`, when it is a common character.
pub fn sound(c: char) -> Option<String> {
    toneless(c).map(fold)
}

/// The key of two adjacent sounds.
pub fn sound_key(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

/// `search/pinyin.json`: `{syllable: characters}`, syllables sorted, characters in GB2312
/// order.
pub fn pinyin_file() -> OutputFile {
    let mut by: BTreeMap<&str, String> = BTreeMap::new();
    for c in common_chars() {
        if let Some(p) = toneless(c) {
            by.entry(p).or_default().push(c);
        }
    }
    OutputFile::new(
        Route::SearchPinyin.rel_path(),
        serde_json::to_vec(&by).unwrap_or_default(),
    )
}

/// The sound shards for the names, 俗称 and everyday words in `words`, and their count (0
/// when no word has two adjacent common characters).
pub fn sound_files<'a>(words: impl IntoIterator<Item = &'a str>) -> (Vec<OutputFile>, usize) {
    let mut pairs: BTreeMap<String, BTreeSet<[char; 2]>> = BTreeMap::new();
    for w in words {
        let chars: Vec<char> = w.chars().map(normalize_char).collect();
        for p in chars.windows(2) {
            if let (Some(a), Some(b)) = (sound(p[0]), sound(p[1])) {
                pairs
                    .entry(sound_key(&a, &b))
                    .or_default()
                    .insert([p[0], p[1]]);
            }
        }
    }
    let lists: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(k, set)| (k, set.into_iter().flatten().collect()))
        .collect();
    if lists.is_empty() {
        return (Vec::new(), 0);
    }
    let total: usize = lists.iter().map(|(k, v)| k.len() + v.len() + 6).sum();
    let shards = total.div_ceil(TARGET_SOUND_SHARD_BYTES).max(1);
    let mut parts: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); shards];
    for (k, v) in lists {
        let i = fnv1a(&k) as usize % shards;
        parts[i].insert(k, v);
    }
    let files = parts
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            OutputFile::new(
                Route::SearchSounds(i as u64).rel_path(),
                serde_json::to_vec(&m).unwrap_or_default(),
            )
        })
        .collect();
    (files, shards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_gb2312_levels_one_and_two() {
        let chars = common_chars();
        assert_eq!(chars.len(), 6763);
        assert_eq!(chars[0], '啊');
        assert_eq!(chars[3754], '座', "the last of the 3,755 of level 1");
        assert_eq!(chars[3755], '亍');
        for c in [
            '低', '保', '宝', '身', '生', '份', '婚', '昏', '照', '找', '积', '基',
        ] {
            assert!(chars.contains(&c), "{c}");
        }
        assert!(toneless('𠀀').is_none());
        assert!(toneless('a').is_none());
    }

    #[test]
    fn readings_are_toneless_and_the_file_is_stable() {
        assert_eq!(toneless('保'), Some("bao"));
        assert_eq!(toneless('宝'), Some("bao"));
        let f = pinyin_file();
        assert_eq!(f.path, "search/pinyin.json");
        assert_eq!(f.bytes, pinyin_file().bytes);
        let v: BTreeMap<String, String> = serde_json::from_slice(&f.bytes).unwrap();
        assert_eq!(v.values().map(|s| s.chars().count()).sum::<usize>(), 6763);
        assert!(v["bao"].contains('保') && v["bao"].contains('宝'));
        assert!(
            v.keys()
                .all(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == 'ü'))
        );
        assert!(f.bytes.len() < 30 * 1024, "{}", f.bytes.len());
    }

    #[test]
    fn folding_merges_the_sounds_people_confuse() {
        assert_eq!(fold("sheng"), fold("shen"));
        assert_eq!(fold("zhi"), "zi");
        assert_eq!(fold("chang"), "can");
        assert_eq!(fold("nan"), fold("lan"));
        assert_eq!(fold("ng"), "ng");
        assert_eq!(fold("bao"), "bao");
        assert_ne!(fold("bao"), fold("bo"));
        for (a, b) in [
            ('宝', '保'),
            ('基', '积'),
            ('生', '身'),
            ('昏', '婚'),
            ('找', '照'),
        ] {
            assert_eq!(sound(a), sound(b), "{a} {b}");
        }
    }

    #[test]
    fn sound_shards_list_each_pair_once_under_its_key() {
        let (files, n) = sound_files(["最低生活保障", "低保", "居民身份证换领", "低保"]);
        assert_eq!(files.len(), n);
        let mut all: BTreeMap<String, String> = BTreeMap::new();
        for f in &files {
            let m: BTreeMap<String, String> = serde_json::from_slice(&f.bytes).unwrap();
            for (k, v) in m {
                assert_eq!(
                    fnv1a(&k) as usize % n,
                    f.path
                        .trim_start_matches("search/s/")
                        .trim_end_matches(".json")
                        .parse::<usize>()
                        .unwrap()
                );
                all.insert(k, v);
            }
        }
        assert_eq!(all["di bao"], "低保");
        assert_eq!(all["sen fen"], "身份");
        assert_eq!(all["fen zen"], "份证");
        assert!(sound_files(["abc", "一"]).0.is_empty());
    }
}
