//! Text clean-up and Chinese numbering for DOCX output.

/// Removes characters XML 1.0 cannot carry (control characters other than tab, lone
/// surrogates cannot occur in `str`) and the noncharacters U+FFFE/U+FFFF.
///
/// Escaping of `<`, `&` and `>` is done by the XML writer; this only drops what no
/// escaping could make valid.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| match c {
            '\t' => true,
            '\n' | '\r' => false,
            c if (c as u32) < 0x20 => false,
            '\u{7f}'..='\u{9f}' => false,
            '\u{fffe}' | '\u{ffff}' => false,
            _ => true,
        })
        .collect()
}

/// Like [`clean`] but keeps line breaks as `\n`, for text split into lines later.
pub fn clean_multiline(s: &str) -> String {
    s.replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(clean)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `n` (1..) in Chinese numerals as used in headings: 一, 十, 十一, 二十三, 一百.
/// Numbers above 999 fall back to Arabic digits.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].to_string(),
        1..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n > 10 {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if !n.is_multiple_of(10) {
                DIGITS[(n % 10) as usize]
            } else {
                ""
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", DIGITS[rest as usize]),
                10..=19 => format!("一{}", chinese_number(rest)),
                _ => chinese_number(rest),
            };
            format!("{}百{}", DIGITS[(n / 100) as usize], tail)
        }
        _ => n.to_string(),
    }
}

/// The official heading level (1: 一、 2: （一） 3: 1. 4: （1）) whose number `text`
/// already starts with, if any.
pub fn existing_number_level(text: &str) -> Option<u8> {
    let t = text.trim_start();
    let is_cn = |c: char| "零一二三四五六七八九十百".contains(c);
    let mut chars = t.chars().peekable();
    let first = chars.next()?;
    if is_cn(first) {
        let rest: String = t.chars().skip_while(|&c| is_cn(c)).take(1).collect();
        return matches!(rest.as_str(), "、" | "，" | ".").then_some(1);
    }
    if first == '（' || first == '(' {
        let inner: String = t
            .chars()
            .skip(1)
            .take_while(|&c| c != '）' && c != ')')
            .collect();
        let closed = t.chars().nth(1 + inner.chars().count()).is_some();
        if !closed || inner.is_empty() {
            return None;
        }
        if inner.chars().all(is_cn) {
            return Some(2);
        }
        if inner.chars().all(|c| c.is_ascii_digit()) {
            return Some(4);
        }
        return None;
    }
    if first.is_ascii_digit() {
        let after: String = t
            .chars()
            .skip_while(|c| c.is_ascii_digit())
            .take(1)
            .collect();
        return matches!(after.as_str(), "." | "．" | "、").then_some(3);
    }
    None
}

/// The number prefix of the `n`th heading at official `level`: 一、 （一） 1. （1）.
pub fn heading_number(level: u8, n: u32) -> String {
    match level {
        1 => format!("{}、", chinese_number(n)),
        2 => format!("（{}）", chinese_number(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// Width of `s` in body characters: CJK and other wide characters count 1, ASCII ½,
/// and each change between Chinese and Latin letters or digits ¼, the space Word,
/// WPS and LibreOffice put there (`autoSpaceDE` / `autoSpaceDN`, on by default): so
/// `2026年7月31日` is 8¼ characters wide, not 6½.
pub fn text_chars(s: &str) -> f64 {
    let mut width = 0.0;
    let mut previous: Option<bool> = None;
    for c in s.chars() {
        let ascii = c.is_ascii();
        width += if ascii { 0.5 } else { 1.0 };
        let latin = c.is_ascii_alphanumeric();
        let cjk = !ascii && c.is_alphanumeric();
        if latin || cjk {
            if previous.is_some_and(|p| p != latin) {
                width += 0.25;
            }
            previous = Some(latin);
        } else {
            previous = None;
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_control_characters_but_keeps_markup_characters() {
        assert_eq!(clean("a\u{0}b\u{7}c<&>\u{1b}d\u{fffe}"), "abc<&>d");
        assert_eq!(clean_multiline("x\r\ny\u{1}\rz"), "x\ny\nz");
    }

    #[test]
    fn writes_chinese_numerals() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23, 99, 100, 101, 110, 115, 999, 1000]
            .iter()
            .map(|&n| chinese_number(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十三",
                "九十九",
                "一百",
                "一百零一",
                "一百一十",
                "一百一十五",
                "九百九十九",
                "1000"
            ]
        );
    }

    #[test]
    fn recognises_existing_heading_numbers() {
        assert_eq!(existing_number_level("一、总体要求"), Some(1));
        assert_eq!(existing_number_level("十二、其他"), Some(1));
        assert_eq!(existing_number_level("（三）工作步骤"), Some(2));
        assert_eq!(existing_number_level("(3)工作步骤"), Some(4));
        assert_eq!(existing_number_level("2. 分批推进"), Some(3));
        assert_eq!(existing_number_level("（1）细则"), Some(4));
        assert_eq!(existing_number_level("一些说明"), None);
        assert_eq!(existing_number_level("2026年计划"), None);
        assert_eq!(existing_number_level("（未完"), None);
        assert_eq!(existing_number_level(""), None);
    }

    #[test]
    fn numbers_headings_by_level() {
        assert_eq!(heading_number(1, 2), "二、");
        assert_eq!(heading_number(2, 3), "（三）");
        assert_eq!(heading_number(3, 4), "4.");
        assert_eq!(heading_number(4, 5), "（5）");
    }
}
