//! Reading YAML with positions: a thin layer over marked-yaml that resolves English and
//! Chinese key spellings, reports unknown keys with "did you mean", and converts scalars
//! while collecting every problem instead of stopping at the first.

use super::values::{self, DateForm};
use crate::diag::{Diagnostic, Pos, tr};
use crate::model::{Date, Duration};
use crate::tr;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, MarkedSequenceNode};
use marked_yaml::{LoaderOptions, Node, Span};

/// One key of the content format: English canonical name and Chinese alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// English spelling.
    pub en: &'static str,
    /// Chinese spelling.
    pub zh: &'static str,
}

/// Shorthand for a key table entry.
pub const fn key(en: &'static str, zh: &'static str) -> Key {
    Key { en, zh }
}

/// Deepest nesting accepted; content needs 4.
const MAX_DEPTH: usize = 32;

/// Where diagnostics of one file go, and how YAML lines map to file lines.
pub struct Cx<'d> {
    /// File relative to the site root.
    pub file: &'d str,
    /// Lines before the YAML in the file.
    pub line_offset: usize,
    /// Collected problems.
    pub diags: &'d mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// File position of a span's start.
    pub fn pos(&self, span: &Span) -> Option<Pos> {
        span.start().map(|m| Pos {
            line: m.line() + self.line_offset,
            column: m.column(),
        })
    }

    /// Records an error at `span` for key path `path`.
    pub fn error(&mut self, span: &Span, path: &str, msg: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::error(self.file, msg)
            .at(self.pos(span))
            .key(path);
        d.help = help;
        self.diags.push(d);
    }

    /// Records a warning at `span` for key path `path`.
    pub fn warn(&mut self, span: &Span, path: &str, msg: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::warning(self.file, msg)
            .at(self.pos(span))
            .key(path);
        d.help = help;
        self.diags.push(d);
    }
}

/// Parses `yaml` into a mapping, or records why it cannot be read.
pub fn parse_mapping(cx: &mut Cx, yaml: &str) -> Option<MarkedMappingNode> {
    let (mended, findings) = super::lint::lint(yaml, cx.line_offset + 1);
    let mistakes = findings.iter().any(|f| f.error);
    for f in findings {
        let mut d = if f.error {
            Diagnostic::error(cx.file, f.message)
        } else {
            Diagnostic::warning(cx.file, f.message)
        };
        d = d
            .at(Some(Pos {
                line: f.line + cx.line_offset,
                column: f.column,
            }))
            .help(f.help);
        cx.diags.push(d);
    }
    if mistakes {
        // The file is not read any further: a guess at what was meant would only give
        // false errors. The clerk fixes these lines and the rest is checked then.
        return None;
    }
    let yaml = mended.as_str();
    if let Some((line, depth)) = too_deep(yaml) {
        cx.diags.push(
            Diagnostic::error(
                cx.file,
                tr!(
                    "缩进或括号嵌套了 {depth} 层，内容最多只需要 {MAX_DEPTH} 层",
                    "YAML nested {depth} levels deep; content never needs more than {MAX_DEPTH}"
                ),
            )
            .at(Some(Pos {
                line: line + cx.line_offset,
                column: 1,
            })),
        );
        return None;
    }
    if yaml.trim().is_empty() {
        return Some(MarkedMappingNode::new_empty(Span::new_blank()));
    }
    let opts = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .toplevel_mapping();
    match marked_yaml::parse_yaml_with_options(0, yaml, opts) {
        Ok(Node::Mapping(m)) => Some(m),
        Ok(other) => {
            cx.error(other.span(), "", expected_keys(), None);
            None
        }
        Err(e) => {
            report_load_error(cx, e);
            None
        }
    }
}

fn report_load_error(cx: &mut Cx, e: marked_yaml::LoadError) {
    use marked_yaml::LoadError::*;
    let (marker, msg, help): (Option<marked_yaml::Marker>, String, Option<&str>) = match e {
        TopLevelMustBeMapping(m) | TopLevelMustBeSequence(m) => {
            (Some(m), expected_keys().to_string(), None)
        }
        UnexpectedAnchor(m) => (
            Some(m),
            tr(
                "不能用“&名字”“*名字”引用别处的内容",
                "YAML anchors and aliases (`&name`, `*name`) are not accepted",
            )
            .into(),
            Some(tr(
                "在用到的地方把内容完整写出来",
                "write the value out in full where it is needed",
            )),
        ),
        MappingKeyMustBeScalar(m) => (
            Some(m),
            tr("键名只能是普通文字", "a key must be a plain word").into(),
            None,
        ),
        UnexpectedTag(m) => (
            Some(m),
            tr(
                "不能用“!!str”“!名字”这样的标记",
                "YAML tags (`!!str`, `!name`) are not accepted",
            )
            .into(),
            Some(tr(
                "去掉标记；要保持为文字，可以给值加上英文引号",
                "write the value without the tag; quote it to keep it as text",
            )),
        ),
        ScanError(m, se) => (
            Some(m),
            tr!(
                "格式有误，无法读取：{}",
                "YAML syntax error: {}",
                scan_message(&se.to_string())
            ),
            Some(tr(
                "请检查：缩进用半角空格（不用 Tab 或全角空格），每个键名后是半角冒号加空格“: ”，含有“: ”或以特殊符号开头的值用英文引号括起来",
                "check the indentation (spaces, not tabs), the colon after each key, and quotes around values that contain `: ` or start with a special character",
            )),
        ),
        DuplicateKey(inner) => {
            let first = inner
                .prev_key
                .span()
                .start()
                .map(|m| (m.line() + cx.line_offset).to_string())
                .unwrap_or_default();
            (
                inner.key.span().start().copied(),
                tr!(
                    "“{}”写了两次（第一次在第 {first} 行）",
                    "key `{}` is written twice (first on line {first})",
                    inner.key.as_str()
                ),
                Some(tr("只保留一个", "keep one of them")),
            )
        }
    };
    let pos = marker.map(|m| Pos {
        line: m.line() + cx.line_offset,
        column: m.column(),
    });
    let mut d = Diagnostic::error(cx.file, msg).at(pos);
    d.help = help.map(String::from);
    cx.diags.push(d);
}

/// "expected keys", in the language in force.
fn expected_keys() -> &'static str {
    tr(
        "这里应是一行一个“键名: 值”，如“标题: 关于……的通知”",
        "expected keys such as `title: ...`, one per line",
    )
}

/// yaml-rust's messages end with " at byte N line L column C"; positions are shown apart.
/// In Chinese, the usual ones are said in plain words with their likely cause.
fn scan_message(s: &str) -> String {
    let s = match s.find(" at byte ").or_else(|| s.find(" at line ")) {
        Some(i) => &s[..i],
        None => s,
    };
    if crate::diag::lang::is_en() {
        return s.to_string();
    }
    let plain = [
        (
            "mapping values are not allowed",
            "这里不能再写“键名: 值”：可能是缩进不对，或值里有“: ”却没有用英文引号括起来",
        ),
        (
            "could not find expected ':'",
            "少了冒号“:”：可能是上一项的值写到了这一行，或键名后的冒号是全角的",
        ),
        (
            "did not find expected key",
            "这里应是键名：可能是缩进没有对齐，或引号没有配对",
        ),
        (
            "did not find expected '-' indicator",
            "清单没有对齐：同一清单的各行“- ”要左边对齐",
        ),
        (
            "cannot start any token",
            "这一行有个字符不能放在开头：可能是 Tab 键，或以 @、` 等符号开头的值没有用英文引号括起来",
        ),
        (
            "quoted scalar",
            "引号没有配对：值的开头和结尾各要一个英文引号",
        ),
        (
            "did not find expected node content",
            "这里缺了值：可能是“- ”或“:”后面什么都没写，或括号没有配对",
        ),
        (
            "did not find expected ',' or ']'",
            "方括号 [ ] 里的清单没有写完：用半角逗号分隔，并以 ] 结束",
        ),
        (
            "did not find expected ',' or '}'",
            "花括号 { } 没有写完：用半角逗号分隔，并以 } 结束",
        ),
    ];
    plain
        .iter()
        .find(|(en, _)| s.contains(en))
        .map_or_else(|| format!("YAML：{s}"), |(_, zh)| zh.to_string())
}

/// Finds absurd nesting cheaply before parsing: flow brackets and block indentation.
fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut flow: usize = 0;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent / 2 > MAX_DEPTH * 2 {
            return Some((i + 1, indent / 2));
        }
        let mut in_quote: Option<char> = None;
        for c in line.chars() {
            match (in_quote, c) {
                (None, '"' | '\'') => in_quote = Some(c),
                (Some(q), c) if c == q => in_quote = None,
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow += 1;
                    if flow > MAX_DEPTH {
                        return Some((i + 1, flow));
                    }
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// A mapping being read: each known key is looked up once in either spelling.
pub struct Fields<'n> {
    /// The mapping.
    pub map: &'n MarkedMappingNode,
    /// Key path of the mapping itself (`materials[2]`), empty at the top.
    pub path: String,
    /// Keys an unknown key was probably meant to be (no "missing" error for those).
    suggested: Vec<Key>,
}

impl<'n> Fields<'n> {
    /// Checks every key of `map` against `known` (unknown keys, both spellings) and returns
    /// the reader.
    pub fn new(cx: &mut Cx, map: &'n MarkedMappingNode, path: &str, known: &[Key]) -> Self {
        let mut suggested = Vec::new();
        for (k, _) in map.iter() {
            let name = k.as_str();
            match known.iter().find(|key| key.en == name || key.zh == name) {
                None => {
                    let (help, guess) = did_you_mean(name, known);
                    suggested.extend(guess);
                    cx.error(
                        k.span(),
                        &join(path, name),
                        tr!("没有“{name}”这个键名", "unknown key `{name}`"),
                        Some(help),
                    );
                }
                Some(key) => {
                    let other = if key.en == name { key.zh } else { key.en };
                    if name == key.zh && map.get_node(other).is_some() {
                        cx.error(
                            k.span(),
                            &join(path, name),
                            tr!(
                                "“{}”和“{}”是同一个键名的中英文写法，写了两次",
                                "`{}` and `{}` are the same key, written twice in both spellings",
                                key.en,
                                key.zh
                            ),
                            Some(tr!(
                                "只保留“{}”或“{}”中的一个",
                                "keep either `{}` or `{}`, not both",
                                key.en,
                                key.zh
                            )),
                        );
                    }
                }
            }
        }
        Fields {
            map,
            path: path.to_string(),
            suggested,
        }
    }

    /// The value of `key` in whichever spelling was used, with the key path as written.
    /// Empty values (`key:` or `key: ~`) count as absent.
    pub fn get(&self, key: Key) -> Option<(&'n Node, String)> {
        for name in [key.en, key.zh] {
            if let Some((k, v)) = self.map.iter().find(|(k, _)| k.as_str() == name) {
                if is_null(v) {
                    return None;
                }
                return Some((v, join(&self.path, k.as_str())));
            }
        }
        None
    }

    /// The text of a required key; when it is missing, an error with `what` as help.
    pub fn required_text(&self, cx: &mut Cx, key: Key, what: &str) -> Option<String> {
        self.required(cx, key, what, text)
    }

    /// The text of an optional key.
    pub fn text(&self, cx: &mut Cx, key: Key) -> Option<String> {
        self.value(cx, key, text)
    }

    /// An optional key read by `read` (given the node and its key path).
    pub fn value<T>(
        &self,
        cx: &mut Cx,
        key: Key,
        read: impl FnOnce(&mut Cx, &'n Node, &str) -> Option<T>,
    ) -> Option<T> {
        let (n, p) = self.get(key)?;
        read(cx, n, &p)
    }

    /// A required key read by `read`; when it is missing, an error with `what` as help.
    pub fn required<T>(
        &self,
        cx: &mut Cx,
        key: Key,
        what: &str,
        read: impl FnOnce(&mut Cx, &'n Node, &str) -> Option<T>,
    ) -> Option<T> {
        match self.get(key) {
            Some((n, p)) => read(cx, n, &p),
            None => {
                self.missing(cx, key, what);
                None
            }
        }
    }

    /// An optional key whose value is a list, read by `read`; empty when absent.
    pub fn many<T>(
        &self,
        cx: &mut Cx,
        key: Key,
        read: impl FnOnce(&mut Cx, &'n Node, &str) -> Vec<T>,
    ) -> Vec<T> {
        match self.get(key) {
            Some((n, p)) => read(cx, n, &p),
            None => Vec::new(),
        }
    }

    /// An optional list of mappings, each read by `item` (see
    /// [`parse_list`](super::service::parse_list)); empty when absent.
    pub fn list_of<T>(
        &self,
        cx: &mut Cx,
        key: Key,
        item: impl Fn(&mut Cx, &MarkedMappingNode, &str) -> Option<T>,
    ) -> Vec<T> {
        self.many(cx, key, |cx, n, p| {
            super::service::parse_list(cx, n, p, item)
        })
    }

    /// An optional list of texts.
    pub fn text_list(&self, cx: &mut Cx, key: Key) -> Vec<String> {
        self.many(cx, key, text_list)
    }

    /// An optional list of texts, where one value written with `、` between items is read
    /// as that list (see [`text_list_items`]).
    pub fn split_list(&self, cx: &mut Cx, key: Key) -> Vec<String> {
        self.many(cx, key, |cx, n, p| {
            text_list_items(cx, n, p, true)
                .into_iter()
                .map(|(t, _)| t)
                .collect()
        })
    }

    /// An optional true/false.
    pub fn boolean(&self, cx: &mut Cx, key: Key) -> Option<bool> {
        self.value(cx, key, boolean)
    }

    /// An optional whole number within `min..=max`.
    pub fn integer(&self, cx: &mut Cx, key: Key, min: i64, max: i64) -> Option<i64> {
        self.value(cx, key, |cx, n, p| integer(cx, n, p, min, max))
    }

    /// An optional label among `allowed`, read by `parse`.
    pub fn one_of<T: Copy>(
        &self,
        cx: &mut Cx,
        key: Key,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        self.value(cx, key, |cx, n, p| one_of(cx, n, p, parse, allowed))
    }

    /// An optional date in `form`.
    pub fn date(&self, cx: &mut Cx, key: Key, form: DateForm) -> Option<Date> {
        self.value(cx, key, |cx, n, p| values::date(cx, n, p, form))
    }

    /// An optional time limit.
    pub fn duration(&self, cx: &mut Cx, key: Key) -> Option<Duration> {
        self.value(cx, key, values::duration)
    }

    /// An optional http(s) address.
    pub fn url(&self, cx: &mut Cx, key: Key) -> Option<String> {
        self.value(cx, key, values::url)
    }

    /// An optional 文号.
    pub fn doc_number(&self, cx: &mut Cx, key: Key) -> Option<String> {
        self.value(cx, key, values::doc_number)
    }

    /// An optional path of a file under content/static that `exists`.
    pub fn static_path(
        &self,
        cx: &mut Cx,
        key: Key,
        exists: &dyn Fn(&str) -> bool,
    ) -> Option<String> {
        self.value(cx, key, |cx, n, p| values::static_path(cx, n, p, exists))
    }

    /// Where the mapping starts: its first key (for "missing key" errors).
    pub fn span(&self) -> &Span {
        self.map
            .keys()
            .next()
            .map(|k| k.span())
            .unwrap_or(self.map.span())
    }

    /// Records that a required key is missing, unless a misspelt key was reported for it.
    pub fn missing(&self, cx: &mut Cx, key: Key, what: &str) {
        if self.suggested.contains(&key) {
            return;
        }
        cx.error(
            self.span(),
            &join(&self.path, key.zh),
            {
                let (zh, en) = (key.zh, key.en);
                tr!(
                    "缺少必填的“{zh}”",
                    "required key `{zh}` (`{en}`) is missing"
                )
            },
            Some(what.to_string()),
        );
    }
}

fn is_null(n: &Node) -> bool {
    n.as_scalar().is_some_and(|s| {
        s.may_coerce() && matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL")
    })
}

/// `parent.child`, or `child` at the top.
pub fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// `path[i]` with a 1-based index, as a person counts.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{}]", i + 1)
}

/// "did you mean" over both spellings of every known key: the help text, and the key meant.
pub fn did_you_mean(name: &str, known: &[Key]) -> (String, Option<Key>) {
    let mut best: Option<(f64, Key, &str)> = None;
    for k in known {
        for cand in [k.en, k.zh] {
            let score = strsim::normalized_levenshtein(&name.to_lowercase(), cand);
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, *k, cand));
            }
        }
    }
    let list = if crate::diag::lang::is_en() {
        known
            .iter()
            .map(|k| format!("{} ({})", k.zh, k.en))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        known.iter().map(|k| k.zh).collect::<Vec<_>>().join("、")
    };
    match best {
        Some((score, k, cand)) if score >= 0.34 => {
            let other = if cand == k.en { k.zh } else { k.en };
            (
                tr!(
                    "是不是想写“{cand}”？这里可用的键名：{list}",
                    "did you mean `{cand}` (`{other}`)? Allowed keys here: {list}"
                ),
                Some(k),
            )
        }
        _ => (
            tr!("这里可用的键名：{list}", "allowed keys here: {list}"),
            None,
        ),
    }
}

/// Scalar text of a node, or an error saying a single value was expected.
pub fn scalar<'n>(cx: &mut Cx, node: &'n Node, path: &str) -> Option<&'n MarkedScalarNode> {
    match node {
        Node::Scalar(s) => Some(s),
        Node::Mapping(_) => {
            cx.error(
                node.span(),
                path,
                tr(
                    "这里应写一个值，却写成了下一层的“键名: 值”",
                    "expected a single value here, found keys",
                ),
                None,
            );
            None
        }
        Node::Sequence(_) => {
            cx.error(
                node.span(),
                path,
                tr(
                    "这里应写一个值，却写成了“- ”开头的清单",
                    "expected a single value here, found a list",
                ),
                None,
            );
            None
        }
    }
}

/// Non-empty text.
pub fn text(cx: &mut Cx, node: &Node, path: &str) -> Option<String> {
    let s = scalar(cx, node, path)?;
    let t = s.as_str().trim();
    if t.is_empty() {
        cx.error(s.span(), path, tr("值是空的", "value is empty"), None);
        return None;
    }
    Some(t.to_string())
}

/// A list of nodes; a single scalar is accepted as a list of one.
pub fn list<'n>(cx: &mut Cx, node: &'n Node, path: &str) -> Option<Vec<&'n Node>> {
    match node {
        Node::Sequence(seq) => Some(seq_nodes(seq)),
        Node::Scalar(_) => Some(vec![node]),
        Node::Mapping(_) => {
            cx.error(
                node.span(),
                path,
                tr(
                    "这里应是清单（每行以“- ”开头），却写成了“键名: 值”",
                    "expected a list (lines starting with `- `), found keys",
                ),
                None,
            );
            None
        }
    }
}

fn seq_nodes(seq: &MarkedSequenceNode) -> Vec<&Node> {
    seq.iter().collect()
}

/// A list of non-empty texts.
pub fn text_list(cx: &mut Cx, node: &Node, path: &str) -> Vec<String> {
    let Some(items) = list(cx, node, path) else {
        return Vec::new();
    };
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, n)| text(cx, n, &index(path, i)))
        .collect()
}

/// A list of non-empty texts with where each is; with `split`, a single value written with
/// `、` between items (`县级、乡镇(街道)级`) is read as that list, with a warning showing the
/// list form. For lists whose items never hold `、` themselves (levels, units, modes).
pub fn text_list_items(cx: &mut Cx, node: &Node, path: &str, split: bool) -> Vec<(String, Span)> {
    const SEPARATORS: [char; 2] = ['、', '，'];
    let Some(items) = list(cx, node, path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, n) in items.into_iter().enumerate() {
        let Some(t) = text(cx, n, &index(path, i)) else {
            continue;
        };
        if !split || !t.contains(SEPARATORS) {
            out.push((t, *n.span()));
            continue;
        }
        let parts: Vec<String> = t
            .split(SEPARATORS)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        let form = format!("[{}]", parts.join(", "));
        cx.warn(
            n.span(),
            path,
            tr!("“{t}”按清单读作 {form}", "`{t}` is read as the list {form}"),
            Some(tr!(
                "清单的标准写法：{form}（半角逗号分隔），或每项一行、以“- ”开头",
                "a list is written {form}, or one item a line starting with `- `"
            )),
        );
        out.extend(parts.into_iter().map(|v| (v, *n.span())));
    }
    out
}

/// `s` with full-width letters, digits and signs made ordinary (`２` → `2`, `－` → `-`),
/// for numbers, time limits, dates and codes, where they can mean nothing else.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            _ => c,
        })
        .collect()
}

/// The accepted spelling nearest to `value`, when one is near enough to be a likely meaning.
pub fn nearest<'a>(value: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for a in allowed {
        let same_end = !value.is_empty() && a.chars().last() == value.chars().last();
        let score = strsim::normalized_levenshtein(value, a).max(if same_end { 0.4 } else { 0.0 });
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, a));
        }
    }
    best.filter(|(s, _)| *s >= 0.34).map(|(_, a)| a)
}

/// A mapping, or an error.
pub fn mapping<'n>(cx: &mut Cx, node: &'n Node, path: &str) -> Option<&'n MarkedMappingNode> {
    match node {
        Node::Mapping(m) => Some(m),
        _ => {
            cx.error(
                node.span(),
                path,
                tr!(
                    "这里应在下面几行写缩进的“键名: 值”，却写了“{}”",
                    "expected keys here, found `{}`",
                    preview(node)
                ),
                None,
            );
            None
        }
    }
}

/// A boolean: true/false (also 是/否).
pub fn boolean(cx: &mut Cx, node: &Node, path: &str) -> Option<bool> {
    let s = scalar(cx, node, path)?;
    match s.as_str().trim() {
        "true" | "True" | "TRUE" | "是" => Some(true),
        "false" | "False" | "FALSE" | "否" => Some(false),
        other => {
            cx.error(
                s.span(),
                path,
                tr!(
                    "应写“是”或“否”，现在是“{other}”",
                    "expected true or false, found `{other}`"
                ),
                Some(
                    tr(
                        "写 是（true）或 否（false）",
                        "write true (是) or false (否)",
                    )
                    .into(),
                ),
            );
            None
        }
    }
}

/// A whole number within `min..=max`.
pub fn integer(cx: &mut Cx, node: &Node, path: &str, min: i64, max: i64) -> Option<i64> {
    let s = scalar(cx, node, path)?;
    let ascii = super::values::ascii_digits(s.as_str());
    let t = ascii.trim();
    match t.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        Ok(n) => {
            cx.error(
                s.span(),
                path,
                tr!("{n} 超出了允许的范围", "{n} is out of range"),
                Some(tr!(
                    "可以写 {min} 到 {max} 之间的整数",
                    "allowed: a whole number from {min} to {max}"
                )),
            );
            None
        }
        Err(_) => {
            cx.error(
                s.span(),
                path,
                tr!(
                    "应写整数，现在是“{t}”",
                    "expected a whole number, found `{t}`"
                ),
                Some(tr!(
                    "可以写 {min} 到 {max} 之间的整数",
                    "allowed: a whole number from {min} to {max}"
                )),
            );
            None
        }
    }
}

/// One of `allowed`, by label.
pub fn one_of<T: Copy>(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Option<T> {
    let s = scalar(cx, node, path)?;
    let t = s.as_str().trim();
    match parse(t).or_else(|| parse(half_width(t).trim())) {
        Some(v) => Some(v),
        None => {
            cx.error(
                s.span(),
                path,
                not_allowed(t, allowed),
                Some(tr!("可选：{}", "allowed: {}", allowed.join(tr("、", " ")))),
            );
            None
        }
    }
}

/// "`value` is not an allowed value", with the nearest accepted spelling when there is one.
pub fn not_allowed(value: &str, allowed: &[&str]) -> String {
    match nearest(value, allowed) {
        Some(near) => tr!(
            "“{value}”不是可选的值，是不是“{near}”？",
            "`{value}` is not an allowed value; did you mean `{near}`?"
        ),
        None => tr!("“{value}”不是可选的值", "`{value}` is not an allowed value"),
    }
}

/// Short text of a node for messages.
pub fn preview(node: &Node) -> String {
    match node {
        Node::Scalar(s) => s.as_str().chars().take(40).collect(),
        Node::Mapping(_) => "{…}".into(),
        Node::Sequence(_) => "[…]".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[Key] = &[key("name", "事项名称"), key("code", "事项编码")];

    fn read(yaml: &str) -> (Option<MarkedMappingNode>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut cx = Cx {
            file: "f.md",
            line_offset: 1,
            diags: &mut diags,
        };
        let m = parse_mapping(&mut cx, yaml);
        (m, diags)
    }

    #[test]
    fn unknown_key_suggests_nearest_spelling() {
        crate::diag::lang::with(crate::diag::Lang::En, || {
            let (m, mut diags) = read("事项名陈: x\n");
            let m = m.unwrap();
            let mut cx = Cx {
                file: "f.md",
                line_offset: 1,
                diags: &mut diags,
            };
            Fields::new(&mut cx, &m, "", KEYS);
            assert_eq!(diags.len(), 1);
            assert_eq!(diags[0].pos, Some(Pos { line: 2, column: 1 }));
            assert!(
                diags[0]
                    .help
                    .as_ref()
                    .unwrap()
                    .contains("did you mean `事项名称`")
            );
        })
    }

    #[test]
    fn both_spellings_is_an_error_naming_both() {
        crate::diag::lang::with(crate::diag::Lang::En, || {
            let (m, mut diags) = read("name: a\n事项名称: b\n");
            let m = m.unwrap();
            let mut cx = Cx {
                file: "f.md",
                line_offset: 0,
                diags: &mut diags,
            };
            let f = Fields::new(&mut cx, &m, "", KEYS);
            assert_eq!(diags.len(), 1);
            assert!(diags[0].message.contains("`name` and `事项名称`"));
            assert!(f.get(KEYS[0]).is_some());
        })
    }

    #[test]
    fn anchors_are_refused() {
        crate::diag::lang::with(crate::diag::Lang::En, || {
            let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
            let (m, diags) = read(bomb);
            assert!(m.is_none());
            assert!(diags[0].message.contains("anchors"));
        })
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        crate::diag::lang::with(crate::diag::Lang::En, || {
            let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
            let (m, diags) = read(&deep);
            assert!(m.is_none());
            assert!(diags[0].message.contains("nested"));
            let block: String = (0..200)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i * 2)))
                .collect();
            let (m, _) = read(&block);
            assert!(m.is_none());
        })
    }

    #[test]
    fn syntax_error_has_file_line() {
        crate::diag::lang::with(crate::diag::Lang::En, || {
            let (m, diags) = read("a: b\nc: [x, y\nd: e\n");
            assert!(m.is_none());
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert!(diags[0].message.starts_with("YAML syntax error"));
            let (_, zh) =
                crate::diag::lang::with(crate::diag::Lang::Zh, || read("a: b\nc: [x, y\nd: e\n"));
            assert_eq!(zh[0].pos, diags[0].pos);
            assert!(zh[0].message.starts_with("格式有误，无法读取："), "{zh:?}");
            assert!(!zh[0].message.contains("expected"), "{zh:?}");
        })
    }

    #[test]
    fn duplicate_key_names_both_lines() {
        crate::diag::lang::with(crate::diag::Lang::En, || {
            let (_, diags) = read("a: 1\na: 2\n");
            assert!(diags[0].message.contains("first on line 2"), "{:?}", diags);
            assert_eq!(diags[0].pos.unwrap().line, 3);
        })
    }
}
