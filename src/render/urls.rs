//! Site paths, URL encoding and readable ASCII slugs.

use pinyin::ToPinyin;
use std::collections::{BTreeMap, BTreeSet};

/// Percent-encodes a path (keeps `/` and unreserved ASCII), for attachments whose names
/// hold spaces or Chinese characters.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A readable ASCII form of `name`: Chinese characters become pinyin without tones,
/// ASCII letters and digits stay, anything else separates words. `unit` when nothing is left.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut sep = false;
    for c in name.chars() {
        let word: Option<String> = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().to_string())
        } else {
            c.to_pinyin().map(|p| p.plain().to_string())
        };
        match word {
            Some(w) => {
                if sep && !out.is_empty() {
                    out.push('-');
                }
                sep = false;
                out.push_str(&w);
            }
            None => sep = true,
        }
    }
    if out.is_empty() {
        "unit".to_string()
    } else {
        out
    }
}

/// Unique slugs for `names`: sorted by name, a repeated slug gets `-2`, `-3`, ... in that
/// order, so the same names always give the same slugs.
pub fn unique_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let names: BTreeSet<&str> = names.into_iter().collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for name in names {
        let base = slugify(name);
        let mut slug = base.clone();
        let mut n = 2;
        while used.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        used.insert(slug.clone());
        out.insert(name.to_string(), slug);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_pinyin() {
        assert_eq!(slugify("区委改革办"), "quweigaigeban");
        assert_eq!(slugify("各乡镇（街道）"), "gexiangzhen-jiedao");
        assert_eq!(slugify("乡镇(街道)级"), "xiangzhen-jiedao-ji");
        assert_eq!(slugify("ABC 局"), "abc-ju");
        assert_eq!(slugify("（）"), "unit");
    }

    #[test]
    fn colliding_slugs_get_numbers_in_name_order() {
        let m = unique_slugs(["B局", "b局", "B局"]);
        assert_eq!(m.len(), 2);
        assert_eq!(m["B局"], "bju");
        assert_eq!(m["b局"], "bju-2");
    }

    #[test]
    fn encodes_spaces_and_chinese() {
        assert_eq!(encode_path("forms/a b.docx"), "forms/a%20b.docx");
        assert_eq!(encode_path("表.pdf"), "%E8%A1%A8.pdf");
    }
}
