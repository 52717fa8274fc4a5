//! Escaping text and writing numbers for HTML, SVG and XML written by hand (templates
//! escape on their own).

/// Escapes text for HTML or SVG element content and attribute values.
pub fn html(s: &str) -> String {
    escape(s, "&#39;", false)
}

/// Escapes text for XML content and attributes; control characters XML 1.0 cannot carry
/// are dropped.
pub fn xml(s: &str) -> String {
    escape(s, "&apos;", true)
}

fn escape(s: &str, apostrophe: &str, drop_controls: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c if drop_controls && (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `n` in decimal.
pub fn push_int(out: &mut Vec<u8>, n: i64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_integers() {
        for n in [0i64, 7, -5, 10, 11906, -2147483648, i64::MAX] {
            let mut v = Vec::new();
            push_int(&mut v, n);
            assert_eq!(String::from_utf8(v).unwrap(), n.to_string());
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(xml("a'\u{1}b\n"), "a&apos;b\n");
    }
}
