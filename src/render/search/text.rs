//! Text rules shared by the index builder and the query: normalization, bigrams, pinyin
//! initials and the shard hash. `search.js` mirrors each of these exactly.

use pinyin::ToPinyin;

/// Normalizes one character for matching: ASCII and full-width letters to lowercase ASCII,
/// full-width digits and punctuation to ASCII, ideographic space and control characters to a
/// space. Every character maps to exactly one character, so positions in normalized text are
/// positions in the original.
pub fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c if c.is_control() => ' ',
        c => c,
    };
    c.to_ascii_lowercase()
}

/// The normalized characters of `s`.
pub fn normalize(s: &str) -> Vec<char> {
    s.chars().map(normalize_char).collect()
}

/// A query's characters: normalized, with leading and trailing spaces removed.
pub fn normalize_query(q: &str) -> Vec<char> {
    let chars = normalize(q);
    let start = chars.iter().position(|c| *c != ' ').unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|c| *c != ' ')
        .map_or(start, |e| e + 1);
    chars[start..end].to_vec()
}

/// Pinyin initials of `name`, one character per character of the name: the first letter of a
/// Chinese character's pinyin, any other character normalized (so `个体工商户` → `gtgsh`).
pub fn pinyin_initials(name: &str) -> String {
    name.chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next().unwrap_or(c),
            None => normalize_char(c),
        })
        .collect()
}

/// 32-bit FNV-1a of the UTF-8 bytes of `s`: which posting shard holds a bigram.
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The offsets of the bigrams a query needs: every other bigram, plus the last, so that every
/// character of the query is covered by at least one bigram (`0, 2, 4, …, len − 2`).
pub fn query_offsets(len: usize) -> Vec<usize> {
    if len < 2 {
        return Vec::new();
    }
    let mut offs: Vec<usize> = (0..len - 1).step_by(2).collect();
    if offs.last() != Some(&(len - 2)) {
        offs.push(len - 2);
    }
    offs
}

/// The bigram of `chars` starting at `i`.
pub fn bigram(chars: &[char], i: usize) -> String {
    chars[i..i + 2].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_full_width_and_case() {
        assert_eq!(
            normalize("ＸＫ-0001ab"),
            "xk-0001ab".chars().collect::<Vec<_>>()
        );
        assert_eq!(normalize_query("  工商\u{3000}"), vec!['工', '商']);
        assert_eq!(normalize_query("   "), Vec::<char>::new());
    }

    #[test]
    fn pinyin_initials_keep_one_char_per_char() {
        assert_eq!(pinyin_initials("个体工商户设立登记"), "gtgshsldj");
        assert_eq!(pinyin_initials("A级证明"), "ajzm");
        let name = "居民身份证（换领）";
        assert_eq!(pinyin_initials(name).chars().count(), name.chars().count());
    }

    #[test]
    fn offsets_cover_every_character() {
        assert_eq!(query_offsets(1), Vec::<usize>::new());
        assert_eq!(query_offsets(2), vec![0]);
        assert_eq!(query_offsets(3), vec![0, 1]);
        assert_eq!(query_offsets(4), vec![0, 2]);
        assert_eq!(query_offsets(5), vec![0, 2, 3]);
        for len in 2..20 {
            let offs = query_offsets(len);
            for c in 0..len {
                assert!(offs.iter().any(|o| *o == c || *o + 1 == c), "{len} {c}");
            }
        }
    }

    #[test]
    fn fnv_matches_reference_values() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }
}
