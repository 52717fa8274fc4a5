//! Splitting a cell that lists materials into one material each.

/// One material read from a list cell; each field is what the text says unambiguously.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListedMaterial {
    /// 材料名称
    pub name: String,
    /// 份数 from `（1份）`.
    pub copies: Option<String>,
    /// 材料类型 from `复印件`, `原件`, `原件和复印件`.
    pub form: Option<&'static str>,
    /// 是否必需 as a condition from `（委托办理时提供）`.
    pub condition: Option<String>,
}

/// Splits on line breaks, `；`/`;` and numbering (`1.` `1、` `（1）` `①`).
pub fn split(cell: &str) -> Vec<ListedMaterial> {
    let mut parts = Vec::new();
    for line in cell.split(['\n', '；', ';']) {
        let mut cur = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if let Some(n) = numbering_len(&chars[i..]) {
                let prev = cur.trim().to_string();
                if !prev.is_empty() {
                    parts.push(prev);
                }
                cur.clear();
                i += n;
                continue;
            }
            cur.push(chars[i]);
            i += 1;
        }
        let rest = cur.trim().to_string();
        if !rest.is_empty() {
            parts.push(rest);
        }
    }
    parts
        .into_iter()
        .map(|p| read_one(p.trim_end_matches(['。', '，', ','])))
        .filter(|m| !m.name.is_empty())
        .collect()
}

/// Length of a numbering mark at the start of `s`, if there is one.
fn numbering_len(s: &[char]) -> Option<usize> {
    let c = *s.first()?;
    if ('①'..='⑳').contains(&c) {
        return Some(1);
    }
    if c == '（' || c == '(' {
        let d = s[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0 && matches!(s.get(1 + d), Some('）' | ')')) {
            return Some(d + 2);
        }
        return None;
    }
    let d = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 && d < 3 && matches!(s.get(d), Some('.' | '、' | '．' | ')' | '）')) {
        // “1.5米” is not numbering: a digit right after the dot.
        if s.get(d) == Some(&'.') && s.get(d + 1).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(d + 1);
    }
    None
}

fn read_one(text: &str) -> ListedMaterial {
    let mut m = ListedMaterial::default();
    let mut name = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(['（', '(']) {
        let close_at = rest[open..].find(['）', ')']).map(|c| open + c);
        let Some(close) = close_at else { break };
        let inner = &rest[open + rest[open..].chars().next().unwrap().len_utf8()..close];
        let end = close + rest[close..].chars().next().unwrap().len_utf8();
        let copies = inner
            .strip_suffix('份')
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if let Some(n) = copies {
            m.copies = Some(n.to_string());
            name.push_str(&rest[..open]);
        } else if inner.ends_with("时提供")
            || inner.ends_with("时需提供")
            || inner.starts_with("如")
        {
            m.condition = Some(inner.to_string());
            name.push_str(&rest[..open]);
        } else if let Some(f) = form_word(inner) {
            m.form = Some(f);
            name.push_str(&rest[..open]);
        } else {
            name.push_str(&rest[..end]);
        }
        rest = &rest[end..];
    }
    name.push_str(rest);
    let mut name = name.trim().to_string();
    if m.form.is_none() {
        for (suffix, f) in [
            ("原件和复印件", "原件和复印件"),
            ("原件及复印件", "原件和复印件"),
            ("复印件", "复印件"),
            ("原件", "原件"),
        ] {
            if let Some(n) = name.strip_suffix(suffix) {
                m.form = Some(f);
                name = n.trim_end_matches(['及', '和', '、']).trim().to_string();
                break;
            }
        }
    }
    m.name = name;
    m
}

fn form_word(s: &str) -> Option<&'static str> {
    match s {
        "原件和复印件" | "原件及复印件" => Some("原件和复印件"),
        "复印件" => Some("复印件"),
        "原件" => Some("原件"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_list_with_details() {
        let m = split(
            "1.居民身份证（1份）2、营业执照复印件；（3）授权委托书（委托办理时提供）\n④申请表",
        );
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["居民身份证", "营业执照", "授权委托书", "申请表"]);
        assert_eq!(m[0].copies.as_deref(), Some("1"));
        assert_eq!(m[1].form, Some("复印件"));
        assert_eq!(m[2].condition.as_deref(), Some("委托办理时提供"));
    }

    #[test]
    fn decimal_is_not_numbering() {
        assert_eq!(split("1.5寸照片")[0].name, "1.5寸照片");
    }
}
