//! Looking for what clerks get wrong before the YAML is parsed, so that the mistake is named
//! at its own line and column (a YAML parser notices most of them a line later, in its own
//! words): a full-width colon after a key, full-width spaces or tabs as indentation, a value
//! running onto the next line without `|`, no space after `:`, Chinese quotes around a value
//! that needs quoting, tabs in values.
//!
//! [`lint`] also returns the text with those mistakes mended (same lines), so that parsing
//! goes on and the rest of the file is checked in the same run.

use crate::diag::tr;
use crate::tr;

/// One mistake found: 1-based line and column (characters) within the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, starting with "第N行：" (the line in the file).
    pub message: String,
    /// How to write it.
    pub help: String,
    /// Reported as an error (else a warning).
    pub error: bool,
}

/// A full-width colon after key `k` at `line`/`column`; `prefix` is what the line starts
/// with before the key (`- ` in a list).
fn fullwidth_colon(line: usize, column: usize, file_line: usize, k: &str, prefix: &str) -> Finding {
    Finding {
        line,
        column,
        message: tr!(
            "第{file_line}行：冒号是中文全角“：”，请改为半角“:”",
            "line {file_line}: the colon after `{k}` is a full-width “：”; write `:`"
        ),
        help: tr!(
            "写成“{prefix}{k}: ……”：英文输入法下的冒号，后面加一个空格",
            "write `{prefix}{k}: …`: an ordinary colon followed by a space"
        ),
        error: true,
    }
}

/// The findings in `yaml` (whose first line is line `first_line` of the file) and the text
/// with them mended.
pub fn lint(yaml: &str, first_line: usize) -> (String, Vec<Finding>) {
    let mut out = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    // Indentation of the key whose `|` block is being read, while inside one.
    let mut block: Option<usize> = None;
    // Indentation of the last key line and whether its value was left empty (`key:`).
    let mut last_key: Option<(usize, bool, String)> = None;
    let mut flow_depth: usize = 0;
    for (i, raw) in yaml.split('\n').enumerate() {
        let n = i + 1;
        let file_line = n + first_line - 1;
        let mut line = raw.to_string();
        let indent_len = line
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
            .count();
        // The indentation's characters (spaces, tabs, full-width spaces) and the rest.
        let indent_bytes = char_to_byte(&line, indent_len);
        let trimmed: String = line[indent_bytes..].to_string();
        if let Some(key_indent) = block {
            let plain_indent = line.chars().take_while(|c| *c == ' ').count();
            if trimmed.is_empty() || plain_indent > key_indent {
                lines.push(line);
                continue;
            }
            block = None;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.trim_end() == "---" {
            lines.push(line);
            continue;
        }
        // Indentation: full-width spaces and tabs.
        let indent: String = line[..indent_bytes].to_string();
        if let Some(col) = indent.chars().position(|c| c == '\u{3000}') {
            out.push(Finding {
                line: n,
                column: col + 1,
                message: tr!(
                    "第{file_line}行：缩进用了全角空格“　”",
                    "line {file_line}: indented with full-width spaces (“　”)"
                ),
                help: tr(
                    "缩进请用半角空格（英文输入法下的空格键），每层两个",
                    "indent with ordinary spaces, two a level",
                )
                .into(),
                error: true,
            });
        } else if let Some(col) = indent.chars().position(|c| c == '\t') {
            out.push(Finding {
                line: n,
                column: col + 1,
                message: tr!(
                    "第{file_line}行：缩进用了 Tab 键",
                    "line {file_line}: indented with a tab"
                ),
                help: tr(
                    "缩进请用半角空格，每层两个，不要用 Tab 键",
                    "indent with spaces, two a level, not tabs",
                )
                .into(),
                error: true,
            });
        }
        if indent.contains(['\t', '\u{3000}']) {
            let mended: String = indent
                .chars()
                .map(|c| if c == ' ' { " " } else { "  " })
                .collect();
            line = format!("{mended}{trimmed}");
        }
        let indent_width = line.chars().take_while(|c| *c == ' ').count();
        let was_in_flow = flow_depth > 0;
        flow_depth = flow_after(&trimmed, flow_depth);
        if was_in_flow {
            lines.push(line);
            continue;
        }
        // "-身份证": a list item without its space.
        let mut trimmed = trimmed;
        if let Some(rest) = trimmed.strip_prefix('-')
            && let Some(c) = rest.chars().next()
            && !c.is_whitespace()
            && !c.is_ascii_digit()
            && !matches!(c, '-' | '.')
        {
            out.push(Finding {
                line: n,
                column: indent_width + 1,
                message: tr!(
                    "第{file_line}行：清单的“-”后面少了一个空格",
                    "line {file_line}: no space after the list item's `-`"
                ),
                help: tr(
                    "清单每项写成“- 内容”：减号后面加一个半角空格",
                    "a list item is written `- item`: a space after the dash",
                )
                .into(),
                error: true,
            });
            trimmed = format!("- {rest}");
            line = format!("{}{trimmed}", " ".repeat(indent_width));
        }
        // The item of a list: "- key: value" or "- value".
        let (dash, body) = match trimmed.strip_prefix("- ") {
            Some(rest) => (2, rest.to_string()),
            None if trimmed == "-" => (1, String::new()),
            None => (0, trimmed.clone()),
        };
        let body_col = indent_width + dash + 1;
        let mut body = body;
        let mut key = key_of(&body);
        let continuation = dash == 0
            && key.is_none()
            && last_key
                .as_ref()
                .is_some_and(|(ki, empty, _)| !*empty && indent_width > *ki);
        if continuation {
            // The next line of a value (indented under its key): text, not keys.
            lines.push(line);
            continue;
        }
        if dash == 0
            && let (Some((k, _)), Some((ki, false, prev))) = (&key, &last_key)
            && indent_width > *ki
        {
            out.push(Finding {
                line: n,
                column: 1,
                message: tr!(
                    "第{file_line}行：“{k}”比上一项“{prev}”多缩进了",
                    "line {file_line}: `{k}` is indented more than `{prev}` above it"
                ),
                help: tr(
                    "同一层的键名要左边对齐；只有写在“键名:”（后面不写值）下面的内容才缩进",
                    "keys of one level start in the same column; only what belongs under a `key:` with no value is indented",
                )
                .into(),
                error: true,
            });
            let pad = " ".repeat(*ki);
            lines.push(format!("{pad}{}", body.trim_start()));
            last_key = Some((*ki, body.trim_end().ends_with(':'), k.clone()));
            continue;
        }
        if key.is_none() && dash == 0 {
            // Full-width colon after a key: 事项类型：行政许可.
            if let Some((k, col)) = fullwidth_colon_key(&body) {
                out.push(fullwidth_colon(n, body_col + col, file_line, &k, ""));
                body = mend_colon(&body, col);
                key = key_of(&body);
            } else if let Some((k, col)) = colon_without_space(&body) {
                out.push(Finding {
                    line: n,
                    column: body_col + col,
                    message: tr!(
                        "第{file_line}行：“{k}:”后面少了一个空格",
                        "line {file_line}: no space after `{k}:`"
                    ),
                    help: tr!(
                        "冒号后面要有一个半角空格：“{k}: ……”",
                        "a key's colon is followed by a space: `{k}: …`"
                    ),
                    error: true,
                });
                let byte = char_to_byte(&body, col);
                body.insert(byte, ' ');
                key = key_of(&body);
            }
        } else if key.is_none()
            && dash == 2
            && let Some((k, col)) = fullwidth_colon_key(&body)
        {
            out.push(fullwidth_colon(n, body_col + col, file_line, &k, "- "));
            body = mend_colon(&body, col);
            key = key_of(&body);
        }
        match &key {
            Some((k, value_start)) => {
                let value: String = body[char_to_byte(&body, *value_start)..].to_string();
                let value_trim = value.trim();
                // `key:   # comment` has no value
                let value_trim = if value_trim.starts_with('#') {
                    ""
                } else {
                    value_trim
                };
                let value_col = body_col + value_start + (value.len() - value.trim_start().len());
                // Chinese quotes around a value that needs quoting.
                if let Some(fixed) = chinese_quoted(value_trim) {
                    out.push(Finding {
                        line: n,
                        column: value_col,
                        message: tr!(
                            "第{file_line}行：“{k}”的值用了中文引号“”括起来",
                            "line {file_line}: the value of `{k}` is put in Chinese quotes “”"
                        ),
                        help: tr(
                            "值里有“: ”或“ #”时，要用英文引号括起来：\"……\"；中文引号会被当作文字的一部分",
                            "a value holding `: ` or ` #` is quoted with ordinary quotes: \"…\"; Chinese quotes are part of the text",
                        )
                        .into(),
                        error: true,
                    });
                    let prefix: String = body.chars().take(*value_start).collect();
                    body = format!("{prefix} {fixed}");
                }
                // An ordinary colon inside an unquoted value: `说明: 注意: 带原件`.
                let uncommented = value_trim.split(" #").next().unwrap_or("").trim_end();
                if !uncommented.is_empty()
                    && !uncommented
                        .starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '“', '‘', '#'])
                    && let Some(c) = uncommented
                        .find(": ")
                        .or_else(|| uncommented.ends_with(':').then(|| uncommented.len() - 1))
                {
                    let col = value_col + uncommented[..c].chars().count();
                    out.push(Finding {
                        line: n,
                        column: col,
                        message: tr!(
                            "第{file_line}行：“{k}”的值里有冒号“:”，这样读不出来",
                            "line {file_line}: the value of `{k}` holds a colon `:` and cannot be read"
                        ),
                        help: tr!(
                            "把整个值用英文引号括起来：{k}: '{uncommented}'；或把值里的冒号改为中文“：”",
                            "put the whole value in quotes: {k}: '{uncommented}'; or write the colon as “：”"
                        ),
                        error: true,
                    });
                }
                // Tabs inside the value.
                if let Some(c) = value.chars().position(|c| c == '\t') {
                    out.push(Finding {
                        line: n,
                        column: body_col + value_start + c,
                        message: tr!(
                            "第{file_line}行：“{k}”的值里有 Tab 键（制表符）",
                            "line {file_line}: the value of `{k}` holds a tab"
                        ),
                        help: tr(
                            "Tab 在网页上显示为空白，也可能让文件读不出来；请改为空格",
                            "a tab shows as blank space and can make the file unreadable; use spaces",
                        )
                        .into(),
                        error: false,
                    });
                    body = body.replace('\t', " ");
                }
                let starts_block = is_block_indicator(value_trim);
                if starts_block {
                    block = Some(indent_width + dash);
                }
                last_key = Some((
                    indent_width + dash,
                    value_trim.is_empty() || starts_block,
                    k.clone(),
                ));
            }
            None if dash > 0 => {}
            None => {
                // A line that is no key and no list item: a value run onto the next line.
                if let Some((key_indent, empty, k)) = &last_key
                    && !*empty
                    && indent_width <= *key_indent
                {
                    out.push(Finding {
                        line: n,
                        column: indent_width + 1,
                        message: tr!(
                            "第{file_line}行：这一行不是“键名: 值”，像是上一项“{k}”的值写到了下一行",
                            "line {file_line}: this line is not `key: value`; it looks like the value of `{k}` running onto the next line"
                        ),
                        help: tr!(
                            "值要分几行写时，在“{k}:”后面写“|”，下面各行比“{k}”多缩进两个空格；或者写在同一行",
                            "for a value of several lines write `{k}: |` and indent the lines below two spaces more than `{k}`; or keep it on one line"
                        ),
                        error: true,
                    });
                    let pad = " ".repeat(key_indent + 2);
                    line = format!("{pad}{}", body.trim_start());
                    lines.push(line);
                    continue;
                }
            }
        }
        let prefix = &line[..char_to_byte(&line, indent_width + dash)];
        let mut mended = String::with_capacity(prefix.len() + body.len());
        mended.push_str(prefix);
        mended.push_str(&body);
        lines.push(mended);
    }
    (lines.join("\n"), out)
}

/// The key of a `key: value` line (`key:` at the end too) and where its value starts
/// (characters after the colon). Quoted keys count.
fn key_of(body: &str) -> Option<(String, usize)> {
    let first = body.chars().next()?;
    if matches!(first, '#' | '[' | '{' | '|' | '>' | '&' | '*' | '!') {
        return None;
    }
    if matches!(first, '"' | '\'') {
        // The closing quote: its index in characters and in bytes.
        let (end, (end_byte, _)) = body
            .char_indices()
            .enumerate()
            .skip(1)
            .find(|(_, (_, c))| *c == first)?;
        let mut after = body[end_byte + first.len_utf8()..].chars();
        return (after.next() == Some(':') && after.next().is_none_or(char::is_whitespace))
            .then(|| (body[first.len_utf8()..end_byte].to_string(), end + 2));
    }
    let mut chars = body.char_indices().enumerate().peekable();
    let mut after_space = false;
    while let Some((i, (byte, c))) = chars.next() {
        if c == ':'
            && chars
                .peek()
                .is_none_or(|(_, (_, next))| next.is_whitespace())
        {
            return Some((body[..byte].trim_end().to_string(), i + 1));
        }
        if c == '#' && after_space {
            return None;
        }
        after_space = c.is_whitespace();
    }
    None
}

/// Whether a line's characters look like a key name: short, no spaces or sentence
/// punctuation, not a number or a time.
fn looks_like_key(k: &str) -> bool {
    let n = k.chars().count();
    (1..=16).contains(&n)
        && !k.contains(char::is_whitespace)
        && !k.contains([
            '，', '。', '、', '；', ',', '"', '\'', '“', '”', '(', ')', '（', '）', '/', '.', '-',
        ])
        && !k.chars().all(|c| c.is_ascii_digit())
        && !k.starts_with(['#', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`'])
}

/// `key：value` (full-width colon right after a key-like word, no ordinary colon before):
/// the key and the colon's column (0-based characters).
fn fullwidth_colon_key(body: &str) -> Option<(String, usize)> {
    let pos = body.chars().position(|c| c == '：')?;
    let k: String = body.chars().take(pos).collect();
    let k = k.trim_end();
    (looks_like_key(k) && !k.contains(':')).then(|| (k.to_string(), pos))
}

/// Replaces the full-width colon at `col` by `: `.
fn mend_colon(body: &str, col: usize) -> String {
    let before: String = body.chars().take(col).collect();
    let after: String = body.chars().skip(col + 1).collect();
    format!("{}: {}", before.trim_end(), after.trim_start())
}

/// `key:value` (no space after the colon, key-like word, not a web address or a time):
/// the key and the column (0-based characters) just after the colon.
fn colon_without_space(body: &str) -> Option<(String, usize)> {
    let pos = body.chars().position(|c| c == ':')?;
    let k: String = body.chars().take(pos).collect();
    let next = body.chars().nth(pos + 1)?;
    if next.is_whitespace() || next == '/' || next.is_ascii_digit() {
        return None;
    }
    (looks_like_key(&k) && !k.is_ascii()).then(|| (k, pos + 1))
}

/// A value wrapped in Chinese quotes that needs ordinary ones (it holds `: ` or ` #`), as
/// it is to be written: `'…'`.
fn chinese_quoted(value: &str) -> Option<String> {
    let inner = value
        .strip_prefix('“')
        .and_then(|v| v.strip_suffix('”'))
        .or_else(|| value.strip_prefix('‘').and_then(|v| v.strip_suffix('’')))?;
    (inner.contains(": ") || inner.contains(" #") || inner.ends_with(':'))
        .then(|| format!("'{}'", inner.replace('\'', "''")))
}

fn is_block_indicator(v: &str) -> bool {
    let v = v.split(" #").next().unwrap_or("").trim();
    !v.is_empty()
        && (v.starts_with('|') || v.starts_with('>'))
        && v[1..]
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// Open flow brackets after `line`, starting from `depth` (quotes and comments skipped).
fn flow_after(line: &str, mut depth: usize) -> usize {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') if depth > 0 || prev == ' ' || prev == '[' || prev == ',' => {
                quote = Some(c)
            }
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' => break,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    depth
}

fn char_to_byte(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_key_and_where_its_value_starts() {
        let k = key_of;
        assert_eq!(k("事项名称: 值"), Some(("事项名称".into(), 5)));
        assert_eq!(k("键:"), Some(("键".into(), 2)));
        assert_eq!(k("名称 : 值"), Some(("名称".into(), 4)));
        assert_eq!(k("网址: https://x/a:b"), Some(("网址".into(), 3)));
        assert_eq!(k("\"a b\": x"), Some(("a b".into(), 6)));
        assert_eq!(k("'键': x"), Some(("键".into(), 4)));
        assert_eq!(k("'键'"), None);
        assert_eq!(k("\"a\"x: y"), None);
        assert_eq!(k("值 # 注: x"), None);
        assert_eq!(k("值#注: x"), Some(("值#注".into(), 4)));
        assert_eq!(k("a:b"), None);
        assert_eq!(k("# 注: x"), None);
        assert_eq!(k(""), None);
    }
    use crate::diag::lang::{Lang, with};

    fn zh(yaml: &str) -> (String, Vec<Finding>) {
        with(Lang::Zh, || lint(yaml, 2))
    }

    #[test]
    fn clean_text_is_left_alone() {
        let yaml = "公示期:   # 注释\n  开始: 2026-09-24\n事项编码: T-1\n事项名称: 测试\n备注: 第一行\n  第二行：续写\n说明: |\n  注意：带冒号\n  第二行\n申报材料:\n  - 材料名称: 申请书\n    份数: 1\n网址: https://a.cn/\n时间: 8:30-17:00\n标题: “放管服”改革\n层级: [区级, 乡镇(街道)级]\n";
        let (fixed, f) = zh(yaml);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(fixed, yaml);
    }

    #[test]
    fn full_width_colon_is_named_at_its_line_and_column() {
        let (fixed, f) = zh("事项编码: T-1\n事项类型：行政许可\n");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].column), (2, 5));
        assert_eq!(f[0].message, "第3行：冒号是中文全角“：”，请改为半角“:”");
        assert_eq!(fixed, "事项编码: T-1\n事项类型: 行政许可\n");
    }

    #[test]
    fn full_width_and_tab_indentation() {
        let (fixed, f) = zh("申报材料:\n  - 材料名称: 申请书\n　　是否必需: 是\n\t份数: 1\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].message.starts_with("第4行：缩进用了全角空格"));
        assert!(f[1].message.starts_with("第5行：缩进用了 Tab 键"));
        assert!(fixed.contains("\n    是否必需: 是\n"), "{fixed}");
    }

    #[test]
    fn value_run_onto_the_next_line() {
        let (fixed, f) = zh("受理条件: 申请人应当\n符合以下条件\n事项类型: 行政许可\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 2);
        assert!(f[0].message.contains("“受理条件”的值写到了下一行"));
        assert!(f[0].help.contains("|"));
        assert_eq!(
            fixed,
            "受理条件: 申请人应当\n  符合以下条件\n事项类型: 行政许可\n"
        );
    }

    #[test]
    fn missing_space_after_colon() {
        let (fixed, f) = zh("事项类型:行政许可\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].column, 6);
        assert!(f[0].message.contains("后面少了一个空格"));
        assert_eq!(fixed, "事项类型: 行政许可\n");
    }

    #[test]
    fn chinese_quotes_and_tabs_in_values() {
        let (fixed, f) = zh("说明: “注意: 带原件”\n名称: 甲\t乙\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].message.contains("中文引号"));
        assert!(!f[1].error && f[1].message.contains("Tab"));
        assert_eq!(fixed, "说明: '注意: 带原件'\n名称: 甲 乙\n");
    }

    #[test]
    fn a_key_indented_under_a_value() {
        let (fixed, f) = zh("事项编码: T-1\n事项名称: 测试\n  事项类型: 行政许可\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 3);
        assert!(
            f[0].message
                .contains("“事项类型”比上一项“事项名称”多缩进了")
        );
        assert_eq!(fixed, "事项编码: T-1\n事项名称: 测试\n事项类型: 行政许可\n");
    }

    #[test]
    fn an_ordinary_colon_inside_a_value() {
        let (_, f) = zh("说明: 注意: 带原件\n网址: https://a.cn/x\n时间: 8:30-17:00 # 备注: 无\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].column), (1, 7));
        assert!(f[0].message.contains("“说明”的值里有冒号"));
        assert!(f[0].help.contains("说明: '注意: 带原件'"));
    }

    #[test]
    fn a_list_item_without_its_space() {
        let (fixed, f) = zh("设定依据:\n  -《条例》第八条\n  - 《法》第三条\n数: -1\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].line, f[0].column), (2, 3));
        assert!(f[0].message.contains("“-”后面少了一个空格"));
        assert_eq!(
            fixed,
            "设定依据:\n  - 《条例》第八条\n  - 《法》第三条\n数: -1\n"
        );
    }

    #[test]
    fn english_wording() {
        let (_, f) = with(Lang::En, || lint("事项类型：行政许可\n", 1));
        assert!(
            f[0].message
                .starts_with("line 1: the colon after `事项类型`")
        );
    }
}
