//! Site paths, URL encoding and readable ASCII slugs.

use pinyin::ToPinyin;
use std::collections::{BTreeMap, BTreeSet};

/// The `tel:` link of a phone number as written (`0571-8888 8888`, `（0571）88888888转123`,
/// `12345、0571-1234567`): the first number's digits (a leading `+` kept), an extension
/// after 转 as a pause (`,123`). Text without digits gives a bare `tel:`.
pub fn tel_href(phone: &str) -> String {
    let mut out = String::from("tel:");
    let mut digits = 0;
    for c in phone.trim().chars() {
        let d = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        match (d, c) {
            (Some(d), _) => {
                out.push(d);
                digits += 1;
            }
            (None, '+' | '＋') if digits == 0 && !out.ends_with('+') => out.push('+'),
            // Separators inside one number.
            (None, ' ' | '-' | '－' | '—' | '(' | ')' | '（' | '）' | '　') => {}
            (None, '转') if digits > 0 => out.push(','),
            // Anything else ends the first number (、，; or words).
            _ if digits > 0 => break,
            _ => {}
        }
    }
    if out.ends_with(',') {
        out.pop();
    }
    out
}

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

/// Longest slug made from a name, in bytes: a file name may have 255, and the unit's long
/// name (a long 牵头单位) must never make one the file system refuses.
pub const MAX_SLUG: usize = 80;

/// A readable ASCII form of `name`: Chinese characters become pinyin without tones,
/// ASCII letters and digits stay, anything else separates words. `unit` when nothing is left.
/// Longer than [`MAX_SLUG`], it is cut and ends with a hash of the whole name, so that it
/// stays the same from build to build and differs from that of a name starting alike.
pub fn slugify(name: &str) -> String {
    let full = slugify_full(name);
    if full.len() <= MAX_SLUG {
        return full;
    }
    let hash = format!("{:08x}", fnv1a(name.as_bytes()) as u32);
    let keep = full[..MAX_SLUG - hash.len() - 1].trim_end_matches('-');
    format!("{keep}-{hash}")
}

/// 32-bit FNV-1a: small and the same on every platform and version.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    u64::from(h)
}

fn slugify_full(name: &str) -> String {
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
    fn tel_links_dial_the_first_number() {
        for (phone, want) in [
            ("0571-88888888", "tel:057188888888"),
            ("0571 8888 8888", "tel:057188888888"),
            ("（0571）88888888", "tel:057188888888"),
            ("12345", "tel:12345"),
            ("+86 571 8888 8888", "tel:+8657188888888"),
            ("0571-88888888转123", "tel:057188888888,123"),
            ("12345、0571-1234567", "tel:12345"),
            ("0571-1234567（工作日）", "tel:05711234567"),
            ("０５７１－１２３４５６７", "tel:05711234567"),
            ("电话：12345", "tel:12345"),
        ] {
            assert_eq!(tel_href(phone), want, "{phone}");
        }
    }

    #[test]
    fn slugs_are_pinyin() {
        assert_eq!(slugify("区委改革办"), "quweigaigeban");
        assert_eq!(slugify("各乡镇（街道）"), "gexiangzhen-jiedao");
        assert_eq!(slugify("乡镇(街道)级"), "xiangzhen-jiedao-ji");
        assert_eq!(slugify("ABC 局"), "abc-ju");
        assert_eq!(slugify("（）"), "unit");
    }

    #[test]
    fn long_names_make_short_stable_slugs() {
        // A long 牵头单位 made a file name the system refused (os error 36).
        let long = "区".repeat(5_000);
        let a = slugify(&long);
        assert!(a.len() <= MAX_SLUG, "{}", a.len());
        assert_eq!(a, slugify(&long), "the same from build to build");
        assert!(a.starts_with("ququ"), "{a}");
        let b = slugify(&format!("{long}甲"));
        assert_ne!(a, b, "names starting alike differ");
        assert!(b.len() <= MAX_SLUG);
        assert_eq!(
            slugify("区委改革办"),
            "quweigaigeban",
            "short ones unchanged"
        );
        let m = unique_slugs([long.as_str(), "区"]);
        assert!(m.values().all(|s| s.len() <= MAX_SLUG + 4));
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
