//! Everyday words for service items (低保 → 最低生活保障): a query for one also finds the
//! formal words used in item names. The list is `data/everyday-words.txt`; each formal word
//! is checked against the item names in `data/national-items.txt`.

/// The built-in list, one `日常说法 正式说法|正式说法` a line.
const WORDS: &str = include_str!("data/everyday-words.txt");

/// The built-in everyday words, each with the formal words it stands for, in file order.
pub fn everyday_words() -> Vec<(String, Vec<String>)> {
    WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (word, formal) = l.split_once(' ')?;
            let formal: Vec<String> = formal
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect();
            Some((word.trim().to_string(), formal))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NATIONAL: &str = include_str!("data/national-items.txt");

    #[test]
    fn the_list_has_a_few_hundred_words_each_once() {
        let words = everyday_words();
        assert!(words.len() >= 300, "{}", words.len());
        let mut seen = std::collections::HashSet::new();
        for (w, formal) in &words {
            assert!(seen.insert(w.clone()), "{w} twice");
            assert!(w.chars().count() >= 2, "{w}");
            assert!(!formal.is_empty(), "{w}");
            // A word standing only for itself would find nothing more than without the list.
            assert!(formal.iter().any(|f| f != w), "{w} stands only for itself");
        }
        for w in [
            "低保",
            "医保",
            "社保",
            "准生证",
            "出生证",
            "结婚证",
            "残疾证",
            "营业执照",
            "公积金",
            "退休",
            "新生儿",
        ] {
            assert!(seen.contains(w), "{w} missing");
        }
    }

    #[test]
    fn every_formal_word_is_in_an_item_name() {
        let names: Vec<&str> = NATIONAL
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        assert!(names.len() >= 150);
        for (w, formal) in everyday_words() {
            for f in formal {
                assert!(
                    names.iter().any(|n| n.contains(&f)),
                    "{w} → {f}: no item name holds it"
                );
            }
        }
    }

    #[test]
    fn common_words_map_to_their_formal_terms() {
        let words = everyday_words();
        let of = |w: &str| {
            words
                .iter()
                .find(|(x, _)| x == w)
                .map(|(_, f)| f.clone())
                .unwrap()
        };
        assert!(of("低保").contains(&"最低生活保障".to_string()));
        assert!(of("医保").contains(&"医疗保险".to_string()));
        assert!(of("出生证").contains(&"出生医学证明".to_string()));
    }
}
