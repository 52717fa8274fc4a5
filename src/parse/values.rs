//! Typed values of the content format: dates, durations, paths and URLs.

use super::yaml::{Cx, Fields, Key, integer, key, scalar, text};
use crate::diag::tr;
use crate::model::{Date, DayUnit, Duration};
use crate::tr;
use chrono::Datelike;
use marked_yaml::Node;

/// How a date may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// A full date only.
    Day,
    /// A full date, or a month meaning its last day (deadlines, ends of phases).
    DayOrMonth,
    /// A full date, or a month meaning its first day (starts of phases).
    DayOrMonthStart,
}

/// Parses a date: `2026-09-30`, `2026-9-30`, `2026/9/30`, `2026年9月30日`; with
/// [`DateForm::DayOrMonth`] also `2026-09` / `2026年9月` (the last day of that month).
pub fn parse_date(s: &str, form: DateForm) -> Result<Date, String> {
    let t = s.trim();
    let cleaned: String = super::yaml::half_width(t)
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches('日')
        .trim_end_matches('-')
        .to_string();
    let parts: Vec<&str> = cleaned.split('-').collect();
    let nums: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            if !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        })
        .collect();
    let allowed = match form {
        DateForm::Day => tr(
            "日期写成 年-月-日，如 2026-09-30",
            "write a date as YYYY-MM-DD, e.g. 2026-09-30",
        ),
        DateForm::DayOrMonth => tr(
            "日期写成 年-月-日（如 2026-09-30），或只写 年-月 表示当月最后一天",
            "write a date as YYYY-MM-DD (e.g. 2026-09-30), or YYYY-MM for the end of that month",
        ),
        DateForm::DayOrMonthStart => tr(
            "日期写成 年-月-日（如 2026-09-30），或只写 年-月 表示当月第一天",
            "write a date as YYYY-MM-DD (e.g. 2026-09-30), or YYYY-MM for the start of that month",
        ),
    };
    if let Some(y) = nums
        .as_ref()
        .and_then(|n| n.first())
        .filter(|y| !(1900..=2999).contains(*y))
    {
        return Err(tr!(
            "“{t}”不是可用的日期：年份 {y} 不在 1900 到 2999 之间；{allowed}",
            "`{t}` is not a usable date: the year {y} is not between 1900 and 2999; {allowed}"
        ));
    }
    let Some(nums) = nums.filter(|n| n.first().is_some_and(|y| (1900..=2999).contains(y))) else {
        return Err(tr!(
            "“{t}”不是日期；{allowed}",
            "`{t}` is not a date; {allowed}"
        ));
    };
    let (y, m) = match nums.as_slice() {
        [y, m, ..] => (*y as i32, *m),
        _ => {
            return Err(tr!(
                "“{t}”不是日期；{allowed}",
                "`{t}` is not a date; {allowed}"
            ));
        }
    };
    if !(1..=12).contains(&m) {
        return Err(tr!(
            "“{t}”不是日期：没有 {m} 月；{allowed}",
            "`{t}` is not a date: there is no month {m}; {allowed}"
        ));
    }
    match (nums.len(), form) {
        (3, _) => {
            let d = nums[2];
            Date::from_ymd_opt(y, m, d).ok_or_else(|| {
                tr!(
                    "“{t}”不是日期：{y}年{m}月只有 {} 天",
                    "`{t}` is not a date: {y}年{m}月 has {} days",
                    days_in_month(y, m)
                )
            })
        }
        (2, DateForm::DayOrMonth) => {
            Ok(Date::from_ymd_opt(y, m, days_in_month(y, m)).expect("last day of a month"))
        }
        (2, DateForm::DayOrMonthStart) => {
            Ok(Date::from_ymd_opt(y, m, 1).expect("first day of a month"))
        }
        _ => Err(tr!(
            "“{t}”不是日期；{allowed}",
            "`{t}` is not a date; {allowed}"
        )),
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let first_next = Date::from_ymd_opt(ny, nm, 1).expect("valid month");
    first_next.pred_opt().expect("has a previous day").day()
}

/// A date value.
pub fn date(cx: &mut Cx, node: &Node, path: &str, form: DateForm) -> Option<Date> {
    let s = scalar(cx, node, path)?;
    match parse_date(s.as_str(), form) {
        Ok(d) => Some(d),
        Err(msg) => {
            cx.error(s.span(), path, msg, None);
            None
        }
    }
}

/// The required day under `key`, which may not be after `as_of` (an error `too_late` with
/// `help` when it is); `missing` says what the key holds when it is absent.
pub(crate) fn day_not_after(
    cx: &mut Cx,
    f: &Fields,
    key: Key,
    as_of: Date,
    too_late: impl Fn(Date) -> String,
    help: &str,
    missing: &str,
) -> Option<Date> {
    let Some((n, p)) = f.get(key) else {
        f.missing(cx, key, missing);
        return None;
    };
    let d = date(cx, n, &p, DateForm::Day);
    if let Some(d) = d.filter(|d| *d > as_of) {
        cx.error(n.span(), &p, too_late(d), Some(help.into()));
    }
    d
}

/// The text with full-width digits (`０`–`９`) and the full-width point (`．`) made ASCII:
/// they count as digits everywhere.
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| ('０'..='９').contains(&c) || c == '．') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                c => c,
            })
            .collect(),
    )
}

/// Parses a duration written as text: 即办, N个工作日, N个自然日, N日, N天, N小时, and
/// half days (0.5个工作日); full-width digits count.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t: String = super::yaml::half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t == "即办" || t == "当场办结" || t == "即时办结" {
        return Ok(Duration::immediate());
    }
    let number: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let rest = t[number.len()..].trim_start_matches('个');
    let unit = match rest {
        "工作日" => Some(DayUnit::Working),
        "自然日" | "日" | "天" => Some(DayUnit::Natural),
        "小时" | "工作小时" => Some(DayUnit::Hour),
        _ => None,
    };
    let amount = if number.is_empty()
        || number.starts_with('.')
        || number.ends_with('.')
        || number.matches('.').count() > 1
    {
        None
    } else {
        number.parse::<f64>().ok()
    };
    let max = match unit {
        Some(DayUnit::Hour) => 3650.0 * 8.0,
        _ => 3650.0,
    };
    match (amount, unit) {
        (Some(n), Some(_)) if (n * 2.0).fract() != 0.0 => Err(tr!(
            "“{}”不是时限的写法：天数只能是整数或半天（如 0.5个工作日）",
            "`{}` is not a time limit: days are whole or half days (e.g. 0.5个工作日)",
            s.trim()
        )),
        (Some(n), Some(u)) if n <= max => Ok(Duration::of(n, u)),
        (Some(n), Some(_)) => Err(tr!("{n} 天超过了十年", "{n} days is more than ten years")),
        _ => Err(tr!(
            "“{}”不是时限的写法",
            "`{}` is not a time limit",
            s.trim()
        )),
    }
}

fn duration_help() -> &'static str {
    tr(
        "可以写：即办、15个工作日、30个自然日、60日、4小时、0.5个工作日；或分行写 天数: 15、单位: 工作日（或 自然日、小时）、说明: ……",
        "allowed: 即办, N个工作日, N个自然日, N日, N小时, 0.5个工作日, or {days: N, unit: 工作日|自然日|小时, note: 说明}",
    )
}

const DURATION_DAYS: Key = key("days", "天数");
const DURATION_UNIT: Key = key("unit", "单位");
const DURATION_NOTE: Key = key("note", "说明");
const DURATION_KEYS: &[Key] = &[DURATION_DAYS, DURATION_UNIT, DURATION_NOTE];

/// A Duration value, as text or as a map.
pub fn duration(cx: &mut Cx, node: &Node, path: &str) -> Option<Duration> {
    match node {
        Node::Mapping(m) => {
            let f = Fields::new(cx, m, path, DURATION_KEYS);
            let days = f
                .required(
                    cx,
                    DURATION_DAYS,
                    tr("天数，如 天数: 15", "the number of days, e.g. days: 15"),
                    |cx, n, p| integer(cx, n, p, 0, 3650),
                )
                .map(|d| d as u32);
            let unit = match f.get(DURATION_UNIT) {
                Some(_) => f.one_of(
                    cx,
                    DURATION_UNIT,
                    |s| match s {
                        "工作日" => Some(DayUnit::Working),
                        "自然日" => Some(DayUnit::Natural),
                        "小时" => Some(DayUnit::Hour),
                        _ => None,
                    },
                    &["工作日", "自然日", "小时"],
                ),
                None => Some(DayUnit::Working),
            };
            let note = f.text(cx, DURATION_NOTE);
            let mut d = Duration::new(days?, unit?);
            d.note = note;
            Some(d)
        }
        _ => {
            let s = scalar(cx, node, path)?;
            match parse_duration(s.as_str()) {
                Ok(d) => Some(d),
                Err(msg) => {
                    cx.error(s.span(), path, msg, Some(duration_help().into()));
                    None
                }
            }
        }
    }
}

/// An http(s) URL: the scheme in any case (written back in lower case), a host, a port
/// from 1 to 65535 when one is given, no user name, spaces or quotes.
pub fn url(cx: &mut Cx, node: &Node, path: &str) -> Option<String> {
    let s = scalar(cx, node, path)?;
    let t = s.as_str().trim();
    match check_url(t) {
        Ok(u) => Some(u),
        Err(why) => {
            cx.error(
                s.span(),
                path,
                match why {
                    Some(why) => tr!("“{t}”不是网址：{why}", "`{t}` is not a web address: {why}"),
                    None => tr!("“{t}”不是网址", "`{t}` is not a web address"),
                },
                Some(
                    tr(
                        "写完整的网址，以 https:// 或 http:// 开头，如 https://gk.qinghe.gov.cn/",
                        "write the full address starting with https:// or http://, e.g. https://gk.qinghe.gov.cn/",
                    )
                    .into(),
                ),
            );
            None
        }
    }
}

/// `t` as an http(s) URL with its scheme in lower case, or why it is not one (None: not
/// even the start of one).
pub fn check_url(t: &str) -> Result<String, Option<String>> {
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    let scheme = if lower.starts_with("https://") {
        "https://"
    } else if lower.starts_with("http://") {
        "http://"
    } else {
        return Err(None);
    };
    let rest = &t[scheme.len()..];
    if rest.contains(char::is_whitespace) || rest.contains(['<', '>', '"', '\\', '`']) {
        return Err(Some(
            tr(
                "网址里不能有空格、引号或尖括号",
                "no spaces, quotes or angle brackets",
            )
            .into(),
        ));
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.contains('@') {
        return Err(Some(
            tr("网址里不能带用户名（@）", "no user name (@) in the address").into(),
        ));
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((h, p)) => (h, p.strip_prefix(':')),
            None => return Err(Some(tr("缺少 ]", "missing ]").into())),
        },
        None => match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    if host.is_empty() || host.starts_with('.') || host.contains("..") {
        return Err(Some(
            tr("缺少网站的域名", "the host name is missing").into(),
        ));
    }
    if let Some(p) = port {
        let ok = !p.is_empty()
            && p.len() <= 5
            && p.chars().all(|c| c.is_ascii_digit())
            && (1..=65535).contains(&p.parse::<u32>().unwrap_or(0));
        if !ok {
            return Err(Some(tr!(
                "端口“{p}”不对，端口是 1 到 65535 的数",
                "port `{p}` is wrong; a port is a number from 1 to 65535"
            )));
        }
    }
    Ok(format!("{scheme}{rest}"))
}

/// A 文号 (`清行服〔2026〕12号`): text whose year, when written in `[ ]`, `［ ］`, `【】`,
/// `( )`, `（）` or `﹝﹞`, is put in the 〔〕 GB/T 9704 prescribes, with a warning.
pub fn doc_number(cx: &mut Cx, node: &Node, path: &str) -> Option<String> {
    let raw = text(cx, node, path)?;
    let fixed = normalise_doc_number(&raw);
    if fixed != raw {
        cx.warn(
            node.span(),
            path,
            tr!(
                "文号 `{raw}` 将印为 `{fixed}`：年份用六角括号〔〕",
                "文号 `{raw}` is printed as `{fixed}`: the year goes in 〔〕"
            ),
            Some(tr!(
                "写成 `{fixed}`（〔 和 〕 是 U+3014、U+3015）",
                "write `{fixed}` (〔 and 〕 are U+3014 and U+3015)"
            )),
        );
    }
    Some(fixed)
}

/// `s` with every four-digit year in other brackets put in 〔〕.
pub fn normalise_doc_number(s: &str) -> String {
    const OPEN: &[char] = &['[', '［', '【', '(', '（', '﹝', '〔'];
    const CLOSE: &[char] = &[']', '］', '】', ')', '）', '﹞', '〕'];
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let is_year = OPEN.contains(&chars[i])
            && chars.len() > i + 5
            && chars[i + 1..i + 5].iter().all(|c| c.is_ascii_digit())
            && CLOSE.contains(&chars[i + 5]);
        if is_year {
            out.push('〔');
            out.extend(&chars[i + 1..i + 5]);
            out.push('〕');
            i += 6;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Checks an attachment path: relative, inside content/static, no `..`, and present.
/// Returns the path relative to content/static.
pub fn static_path(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    exists: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let s = scalar(cx, node, path)?;
    let raw = s.as_str().trim();
    let help = tr(
        "写 content/static 下的文件路径，如 static/forms/申请表.docx",
        "write a path under content/static, e.g. static/forms/申请表.docx",
    );
    let norm = raw.replace('\\', "/");
    if norm.starts_with('/')
        || norm.contains(':')
        || norm.split('/').any(|seg| seg == ".." || seg == ".")
    {
        cx.error(
            s.span(),
            path,
            tr!(
                "“{raw}”指向了 content/static 以外：不能用绝对路径或“..”",
                "`{raw}` leaves content/static: absolute paths and `..` are not allowed"
            ),
            Some(help.into()),
        );
        return None;
    }
    let rel = norm.strip_prefix("static/").unwrap_or(&norm).to_string();
    if rel.is_empty() || rel.split('/').any(|seg| seg.is_empty()) {
        cx.error(
            s.span(),
            path,
            tr!("“{raw}”不是文件路径", "`{raw}` is not a file path"),
            Some(help.into()),
        );
        return None;
    }
    if !exists(&rel) {
        cx.error(
            s.span(),
            path,
            tr!(
                "找不到附件“{raw}”：没有 content/static/{rel} 这个文件",
                "attachment `{raw}` not found: there is no content/static/{rel}"
            ),
            Some(
                tr(
                    "检查文件名是否写对，或把文件放到那里",
                    "check the spelling, or put the file there",
                )
                .into(),
            ),
        );
        return None;
    }
    Some(rel)
}

#[cfg(test)]
mod tests {
    #[test]
    fn doc_number_years_go_in_tortoise_shell_brackets() {
        for raw in [
            "清行服[2026]12号",
            "清行服［2026］12号",
            "清行服【2026】12号",
            "清行服(2026)12号",
            "清行服（2026）12号",
            "清行服〔2026〕12号",
        ] {
            assert_eq!(normalise_doc_number(raw), "清行服〔2026〕12号", "{raw}");
        }
        assert_eq!(normalise_doc_number("（一）[12]号"), "（一）[12]号");
        assert_eq!(normalise_doc_number("[2026"), "[2026");
    }

    use super::*;

    #[test]
    fn dates_outside_the_range_say_the_range() {
        let e = crate::diag::lang::with(crate::diag::Lang::Zh, || {
            parse_date("1899-12-31", DateForm::Day).unwrap_err()
        });
        assert!(e.contains("1900") && e.contains("2999"), "{e}");
        let e = crate::diag::lang::with(crate::diag::Lang::Zh, || {
            parse_date("3000-01-01", DateForm::Day).unwrap_err()
        });
        assert!(e.contains("3000") && e.contains("2999"), "{e}");
        assert!(parse_date("2999-12-31", DateForm::Day).is_ok());
    }

    #[test]
    fn urls_need_a_host_and_a_port_in_range() {
        assert_eq!(
            check_url("HTTPS://X.EXAMPLE/").as_deref(),
            Ok("https://X.EXAMPLE/")
        );
        assert!(check_url("https://a.gov.cn:8443/gk/?q=1#x").is_ok());
        assert!(check_url("http://[::1]:8080/").is_ok());
        for bad in [
            "https:///x",
            "https://",
            "https://:80/",
            "https://a.cn:99999/",
            "https://a.cn:0/",
            "https://a.cn:/",
            "https://a.cn:8o/",
            "https://gov.cn@evil.example/",
            "https://a b.cn/",
            "ftp://a.cn/",
            "javascript:alert(1)",
        ] {
            assert!(check_url(bad).is_err(), "{bad} accepted");
        }
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_the_usual_spellings() {
        assert_eq!(parse_date("2026-09-30", DateForm::Day), Ok(d("2026-09-30")));
        assert_eq!(parse_date("2026-9-3", DateForm::Day), Ok(d("2026-09-03")));
        assert_eq!(
            parse_date("2026年9月3日", DateForm::Day),
            Ok(d("2026-09-03"))
        );
        assert_eq!(parse_date("2026/09/03", DateForm::Day), Ok(d("2026-09-03")));
    }

    #[test]
    fn month_means_its_last_day_for_deadlines() {
        assert_eq!(
            parse_date("2026-02", DateForm::DayOrMonth),
            Ok(d("2026-02-28"))
        );
        assert_eq!(
            parse_date("2028-02", DateForm::DayOrMonth),
            Ok(d("2028-02-29"))
        );
        assert_eq!(
            parse_date("2026年4月", DateForm::DayOrMonth),
            Ok(d("2026-04-30"))
        );
        assert!(parse_date("2026-04", DateForm::Day).is_err());
        assert_eq!(
            parse_date("2026-04", DateForm::DayOrMonthStart),
            Ok(d("2026-04-01"))
        );
    }

    #[test]
    fn full_width_digits_in_dates() {
        assert_eq!(
            parse_date("２０２６年９月３日", DateForm::Day),
            Ok(d("2026-09-03"))
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        use crate::diag::lang::{Lang, with};
        let e = with(Lang::En, || parse_date("2026-02-30", DateForm::Day)).unwrap_err();
        assert!(e.contains("2026-02-30") && e.contains("28 days"), "{e}");
        let e = with(Lang::Zh, || parse_date("2026-02-30", DateForm::Day)).unwrap_err();
        assert!(e.contains("2026-02-30") && e.contains("只有 28 天"), "{e}");
        let e = with(Lang::En, || parse_date("2026-13-01", DateForm::Day)).unwrap_err();
        assert!(e.contains("month 13"), "{e}");
        let e = with(Lang::Zh, || parse_date("2026-13-01", DateForm::Day)).unwrap_err();
        assert!(e.contains("没有 13 月"), "{e}");
        assert!(parse_date("tomorrow", DateForm::Day).is_err());
        assert!(parse_date("99999-01-01", DateForm::Day).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("即办"), Ok(Duration::immediate()));
        assert_eq!(
            parse_duration("15个工作日"),
            Ok(Duration::new(15, DayUnit::Working))
        );
        assert_eq!(
            parse_duration("7个自然日"),
            Ok(Duration::new(7, DayUnit::Natural))
        );
        assert_eq!(
            parse_duration("60日"),
            Ok(Duration::new(60, DayUnit::Natural))
        );
        assert_eq!(
            parse_duration(" 5 个工作日 "),
            Ok(Duration::new(5, DayUnit::Working))
        );
        assert_eq!(
            parse_duration("１５个工作日"),
            Ok(Duration::new(15, DayUnit::Working))
        );
        assert_eq!(
            parse_date("２０２６－０９－３０", DateForm::Day),
            Ok(d("2026-09-30"))
        );
        assert!(parse_duration("五个工作日").is_err());
        assert_eq!(parse_duration("4小时"), Ok(Duration::new(4, DayUnit::Hour)));
        assert_eq!(
            parse_duration("0.5个工作日"),
            Ok(Duration::of(0.5, DayUnit::Working))
        );
        assert_eq!(
            parse_duration("５个工作日"),
            Ok(Duration::new(5, DayUnit::Working))
        );
        assert_eq!(
            parse_duration("１．５个工作日"),
            Ok(Duration::of(1.5, DayUnit::Working))
        );
        assert!(parse_duration("0.3个工作日").is_err());
        assert!(parse_duration("1.个工作日").is_err());
        assert!(parse_duration("-1个工作日").is_err());
        assert!(parse_duration("99999个工作日").is_err());
    }
}
