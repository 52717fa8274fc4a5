//! Splitting a Markdown file into YAML front matter and body.
use crate::diag::tr;

/// Front matter and body of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML text.
    pub yaml: &'a str,
    /// Lines before the YAML (the opening `---`), to add to YAML line numbers.
    pub line_offset: usize,
    /// Markdown after the closing `---`.
    pub body: &'a str,
}

/// Splits `text` (already decoded, `\n` line ends). `.yaml` files are front matter alone.
///
/// Errors carry the message and the 1-based line it is about.
pub fn split_front_matter(text: &str, is_yaml: bool) -> Result<FrontMatter<'_>, (String, usize)> {
    if text.trim().is_empty() {
        return Err((
            tr(
                "文件是空的：开头要有两行 --- ，中间写各项内容（键名: 值）",
                "file is empty: it needs its keys (front matter) between two lines `---`",
            )
            .into(),
            1,
        ));
    }
    if is_yaml {
        return Ok(FrontMatter {
            yaml: text,
            line_offset: 0,
            body: "",
        });
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err((
            tr(
                "文件开头缺少 --- ：.md 文件第一行是 ---，接着写各项内容（键名: 值），再一行 ---，之后才是正文",
                "front matter missing: a .md file starts with a line `---`, then its keys, then another line `---`, then the text",
            )
            .into(),
            1,
        ));
    }
    let rest_start = (first_end + 1).min(text.len());
    let mut offset = rest_start;
    for line in text[rest_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body = &text[offset + line.len()..];
            return Ok(FrontMatter {
                yaml: &text[rest_start..offset],
                line_offset: 1,
                body: body.strip_prefix('\n').unwrap_or(body),
            });
        }
        offset += line.len();
    }
    Err((
        tr(
            "第 1 行的 --- 没有配对的结束行：在最后一项内容之后加一行 ---",
            "front matter opened with `---` on line 1 is never closed: add a line `---` after the last key",
        )
        .into(),
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let fm = split_front_matter("---\na: 1\n---\n\nbody\n", false).unwrap();
        assert_eq!(fm.yaml, "a: 1\n");
        assert_eq!(fm.line_offset, 1);
        assert_eq!(fm.body, "body\n");
    }

    #[test]
    fn closing_line_may_end_the_file() {
        let fm = split_front_matter("---\na: 1\n---", false).unwrap();
        assert_eq!(fm.yaml, "a: 1\n");
        assert_eq!(fm.body, "");
    }

    #[test]
    fn unclosed_is_an_error() {
        let (msg, line) = crate::diag::lang::with(crate::diag::Lang::En, || {
            split_front_matter("---\na: 1\nbody\n", false)
        })
        .unwrap_err();
        assert!(msg.contains("never closed"));
        assert_eq!(line, 1);
    }

    #[test]
    fn missing_opening_and_empty() {
        let split = |t: &'static str| {
            crate::diag::lang::with(crate::diag::Lang::En, || split_front_matter(t, false))
        };
        assert!(split("a: 1\n").unwrap_err().0.contains("starts with"));
        assert!(split(" \n").unwrap_err().0.contains("empty"));
        assert!(split_front_matter("", true).is_err());
    }

    #[test]
    fn yaml_files_are_all_front_matter() {
        let fm = split_front_matter("name: x\n", true).unwrap();
        assert_eq!((fm.yaml, fm.line_offset, fm.body), ("name: x\n", 0, ""));
    }
}
