//! Charts as inline SVG, drawn at build time (no chart script), each with the same numbers as
//! an accessible HTML table.
//!
//! The SVG carries `role="img"`, a `<title>` and a `<desc>` (a text summary) referenced by
//! `aria-labelledby`; every bar is labelled with its number, so nothing depends on colour, and
//! it prints in black and dark blue on white. Widths are computed from character counts
//! (CJK characters one em, others about half), so Chinese labels fit.

use crate::figures::{Count, NOT_REPORTED, Share, speedup};
use crate::model::Service;
use crate::render::escape::html as escape;
use std::fmt::Write;

/// Bar fill: dark blue, 10:1 against white.
const FILL: &str = "#1f4e79";
/// Font list: system CJK fonts, no web fonts.
const FONT_FAMILY: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";

/// Approximate rendered width of `s` in ems: wide (CJK, full-width) characters count 1,
/// others 0.6.
pub fn text_em(s: &str) -> f64 {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u);
            if wide { 1.0 } else { 0.6 }
        })
        .sum()
}

/// A text summary of `counts`: `label：N项；…`, with the total.
fn summary(counts: &[Count], unit: &str) -> String {
    if counts.is_empty() {
        return "暂无数据".to_string();
    }
    let total: usize = counts.iter().map(|c| c.count).sum();
    let parts: Vec<String> = counts
        .iter()
        .map(|c| format!("{}：{}{}", c.label, c.count, unit))
        .collect();
    format!("合计{}{}。{}。", total, unit, parts.join("；"))
}

/// A horizontal bar chart of `counts` (e.g. items per department), as an inline `<svg>`.
/// `id` must be unique on the page: the title and description get `id-title` and `id-desc`.
pub fn bar_chart(id: &str, title: &str, counts: &[Count]) -> String {
    bar_chart_with_unit(id, title, counts, "项")
}

/// [`bar_chart`] with the unit shown after each number (项, 个, 件 ...).
pub fn bar_chart_with_unit(id: &str, title: &str, counts: &[Count], unit: &str) -> String {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = counts
        .iter()
        .map(|c| Bar {
            label: &c.label,
            fraction: c.count as f64 / max as f64,
            value: format!("{}{}", c.count, unit),
        })
        .collect();
    bars_svg(id, title, &summary(counts, unit), &bars)
}

/// Shares as horizontal bars, each scaled to the items it is taken over (a full bar is
/// 100%): e.g. the 马上办 items among the items that state 办事属性. Each bar is labelled
/// `N项（40.0%）`, or `未填报` when no item states the element; the summary names each base.
pub fn share_chart(id: &str, title: &str, shares: &[Share]) -> String {
    let bars: Vec<Bar> = shares
        .iter()
        .map(|c| Bar {
            label: &c.label,
            fraction: c.ratio().unwrap_or(0.0),
            value: if c.over == 0 {
                NOT_REPORTED.to_string()
            } else {
                format!("{}项（{}）", c.count, c.percent())
            },
        })
        .collect();
    let desc = if shares.is_empty() {
        "暂无数据".to_string()
    } else {
        let parts: Vec<String> = shares.iter().map(Share::sentence).collect();
        format!("{}。", parts.join("；"))
    };
    bars_svg(id, title, &desc, &bars)
}

/// One bar: its label, its length (0..=1 of the longest possible) and the text after it.
struct Bar<'a> {
    label: &'a str,
    fraction: f64,
    value: String,
}

/// Widest line of a chart label, in ems: 12em fit 320 CSS px with 大字 (22 px type).
const LINE_EM: f64 = 12.0;
/// Height of one line of chart text, in ems.
const LINE: f64 = 1.4;
/// Height of a bar, in ems.
const BAR: f64 = 0.9;

/// `text` broken into lines of at most [`LINE_EM`] ems (between any two characters: CJK
/// text has no spaces to break at).
fn chart_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in text.chars() {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && text_em(line) + text_em(&c.to_string()) > LINE_EM {
            lines.push(c.to_string());
        } else {
            line.push(c);
        }
    }
    lines
}

/// The lines of a bar's text: its label broken as needed, then its number, which is never
/// broken (on the label's last line when it fits there).
fn label_lines(b: &Bar) -> Vec<String> {
    let mut lines = chart_lines(&format!("{}：", b.label));
    let last = lines.last_mut().expect("one line");
    if text_em(last) + text_em(&b.value) <= LINE_EM {
        last.push_str(&b.value);
    } else {
        lines.push(b.value.clone());
    }
    lines
}

/// The bars as an inline SVG sized in the page's type: heights in `em`, widths in percent
/// of the column, the text in the page's font size (so it is as large as the body text on a
/// phone and grows with 大字). Each bar has its label and number above it, on as many lines
/// as they need, and a full-width bar stands for the largest possible value.
fn bars_svg(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let id = escape(id);
    let mut rows = String::new();
    let mut y = 0.2;
    if bars.is_empty() {
        let _ = write!(
            rows,
            "<text x=\"0\" y=\"{:.2}em\" fill=\"#000\">暂无数据</text>",
            y + 1.0
        );
        y += LINE;
    }
    for b in bars {
        let fraction = if b.fraction.is_finite() {
            b.fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        rows.push_str("<g>");
        for line in label_lines(b) {
            let _ = write!(
                rows,
                "<text x=\"0\" y=\"{:.2}em\" fill=\"#000\">{}</text>",
                y + 1.0,
                escape(&line)
            );
            y += LINE;
        }
        let w = fraction * 100.0;
        let _ = write!(
            rows,
            "<rect x=\"0\" y=\"{:.2}em\" width=\"{}\" height=\"{BAR}em\" fill=\"{FILL}\" stroke=\"#000\" stroke-width=\"0.5\"/>\
             <rect x=\"0\" y=\"{:.2}em\" width=\"100%\" height=\"{BAR}em\" fill=\"none\" stroke=\"#6f777b\" stroke-width=\"1\"/></g>",
            y + 0.1,
            // An empty bar is written `0`, not `0.0%`: no share is shown where none is known.
            if fraction > 0.0 {
                format!("{:.1}%", w.max(0.5))
            } else {
                "0".to_string()
            },
            y + 0.1,
        );
        y += BAR + 0.8;
    }
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bar\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" height=\"{:.2}em\" \
         font-family=\"{FONT_FAMILY}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>{rows}</svg>",
        y,
        escape(title),
        escape(desc),
    );
    s
}

/// The numbers of a chart as an HTML `<table>` with a caption: one row per count, headed
/// `label_header` and `count_header`.
pub fn chart_table(
    caption: &str,
    label_header: &str,
    count_header: &str,
    counts: &[Count],
) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<table class=\"chart-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(caption),
        escape(label_header),
        escape(count_header)
    );
    for c in counts {
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(&c.label),
            c.count
        );
    }
    if counts.is_empty() {
        s.push_str("<tr><td colspan=\"2\">暂无数据</td></tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// The numbers of a [`share_chart`] as an HTML `<table>`: label, count and share of `total`.
pub fn share_table(caption: &str, label_header: &str, shares: &[Share]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<table class=\"chart-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">事项数</th><th scope=\"col\">计算范围</th><th scope=\"col\">占比</th></tr></thead><tbody>",
        escape(caption),
        escape(label_header),
    );
    for c in shares {
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&c.label),
            c.count,
            escape(&c.basis()),
            escape(&c.percent())
        );
    }
    if shares.is_empty() {
        s.push_str("<tr><td colspan=\"4\">暂无数据</td></tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// Labels of the speed-up buckets.
pub const SPEEDUP_BUCKETS: [&str; 5] = ["0–20%", "20–40%", "40–60%", "60–80%", "80–100%"];

/// Counts of speed-ups (fractions 0..=1) per 20% bucket; a bucket holds its lower bound,
/// the last also 100%. Values outside 0..=1 go to the nearest bucket.
pub fn speedup_buckets(speedups: &[f64]) -> Vec<Count> {
    let mut n = [0usize; 5];
    for &x in speedups {
        if x.is_nan() {
            continue;
        }
        // Round to 1e-9 first so that 0.6 computed as 0.59999999 lands in 60–80%.
        let b = ((x * 5.0 + 1e-9).floor().clamp(0.0, 4.0)) as usize;
        n[b] += 1;
    }
    SPEEDUP_BUCKETS
        .iter()
        .zip(n)
        .map(|(l, c)| Count {
            label: l.to_string(),
            count: c,
        })
        .collect()
}

/// The distribution of the items' speed-ups (提速比例): how many items fall in 0–20%,
/// 20–40%, … 80–100%, as bars (see [`bar_chart`]). Items without a statutory limit are left
/// out.
pub fn speedup_histogram(id: &str, title: &str, services: &[Service]) -> String {
    let values: Vec<f64> = services.iter().filter_map(speedup).collect();
    let counts = speedup_buckets(&values);
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = counts
        .iter()
        .map(|c| Bar {
            label: &c.label,
            fraction: c.count as f64 / max as f64,
            value: format!("{}项", c.count),
        })
        .collect();
    bars_svg(
        id,
        title,
        &format!("提速比例分布。{}", summary(&counts, "项")),
        &bars,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> Vec<Count> {
        vec![
            Count {
                label: "清河区市场监督管理局".into(),
                count: 12,
            },
            Count {
                label: "A<b>&\"".into(),
                count: 3,
            },
        ]
    }

    #[test]
    fn bar_chart_is_labelled_and_escaped() {
        let svg = bar_chart("dept", "按部门<统计>", &counts());
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"dept-title dept-desc\""));
        assert!(svg.contains("<title id=\"dept-title\">按部门&lt;统计&gt;</title>"));
        assert!(svg.contains("合计15项。清河区市场监督管理局：12项；A&lt;b&gt;&amp;&quot;：3项。"));
        assert!(!svg.contains("<b>"));
        assert!(
            svg.contains(
                ">清河区市场监督管理局：</text><text x=\"0\" y=\"2.60em\" fill=\"#000\">12项</text>"
            ),
            "{svg}"
        );
        // Sized in the page's type: no viewBox to shrink it, no fixed font size.
        assert!(!svg.contains("viewBox") && !svg.contains("font-size"));
        assert!(svg.contains("width=\"100%\"") && svg.contains("width=\"25.0%\""));
    }

    #[test]
    fn empty_chart_says_so() {
        let svg = bar_chart("x", "t", &[]);
        assert!(svg.contains("暂无数据"));
        assert!(chart_table("c", "部门", "事项数", &[]).contains("暂无数据"));
    }

    #[test]
    fn table_has_caption_and_headers() {
        let t = chart_table("各部门事项数", "部门", "事项数", &counts());
        assert!(t.contains("<caption>各部门事项数</caption>"));
        assert!(t.contains("<th scope=\"row\">清河区市场监督管理局</th><td>12</td>"));
        assert!(t.contains("A&lt;b&gt;&amp;&quot;"));
    }

    #[test]
    fn buckets_take_lower_bounds() {
        let b = speedup_buckets(&[0.0, 0.19, 0.2, 0.6, 1.0 - 0.4, 0.99, 1.0, -0.5, f64::NAN]);
        let n: Vec<usize> = b.iter().map(|c| c.count).collect();
        assert_eq!(n, vec![3, 1, 0, 2, 2]);
        assert_eq!(b[4].label, "80–100%");
    }

    #[test]
    fn histogram_lists_every_bucket() {
        let mut a = Service::new("a", "a", crate::model::ServiceType::Licence, "d");
        a.time_limit = Some(crate::model::TimeLimit {
            statutory: Some(crate::model::Duration::new(
                20,
                crate::model::DayUnit::Working,
            )),
            no_statutory_limit: false,
            promised: crate::model::Duration::new(10, crate::model::DayUnit::Working),
        });
        let svg = speedup_histogram("s", "提速", &[a]);
        for l in SPEEDUP_BUCKETS {
            assert!(svg.contains(&format!(">{l}：")), "{svg}");
        }
        assert!(svg.contains("提速比例分布。合计1项"));
    }

    #[test]
    fn long_labels_break_into_lines() {
        let lines = chart_lines("清河区人力资源和社会保障局：120项");
        assert!(
            lines.len() == 2 && lines.iter().all(|l| text_em(l) <= LINE_EM),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "清河区人力资源和社会保障局：120项");
    }

    #[test]
    fn share_chart_scales_to_the_items_that_state_the_element() {
        let share = |label: &str, count, over| Share {
            label: label.into(),
            count,
            over,
            element: "办事属性".into(),
        };
        let c = vec![share("马上办", 2, 5), share("一次办", 5, 5)];
        let svg = share_chart("attr", "办事属性", &c);
        assert!(
            svg.contains("马上办 2 项（已填报办事属性的 5 项中 40.0%）"),
            "{svg}"
        );
        assert!(svg.contains(">马上办：2项（40.0%）</text>"), "{svg}");
        assert!(svg.contains("width=\"100.0%\"") && svg.contains("width=\"40.0%\""));
        let t = share_table("办事属性", "属性", &c);
        assert!(t.contains(
            "<th scope=\"row\">马上办</th><td>2</td><td>已填报办事属性的 5 项</td><td>40.0%</td>"
        ));
        let none = vec![share("零跑腿", 0, 0)];
        let svg = share_chart("x", "t", &none);
        assert!(
            svg.contains(">零跑腿：未填报</text>") && !svg.contains("0.0%"),
            "{svg}"
        );
        assert!(!share_table("t", "x", &none).contains("0.0%"));
    }

    #[test]
    fn widths_count_cjk_as_one_em() {
        assert_eq!(text_em("工商"), 2.0);
        assert!((text_em("ab") - 1.2).abs() < 1e-9);
    }
}
