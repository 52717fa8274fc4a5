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

/// Font size of chart text in pixels.
const FONT: f64 = 14.0;
/// Height of one bar row.
const ROW: f64 = 28.0;
/// Width of the longest bar.
const BAR_MAX: f64 = 320.0;
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

fn bars_svg(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let id = escape(id);
    let label_w = bars.iter().map(|b| text_em(b.label)).fold(2.0, f64::max) * FONT + 8.0;
    let value_w = bars.iter().map(|b| text_em(&b.value)).fold(0.0, f64::max) * FONT + 8.0;
    let width = (label_w + BAR_MAX + value_w + 4.0).ceil();
    let height = (ROW * bars.len().max(1) as f64 + 4.0).ceil();
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bar\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" style=\"max-width:100%;height:auto\" \
         font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>",
        escape(title),
        escape(desc),
    );
    if bars.is_empty() {
        let _ = write!(
            s,
            "<text x=\"4\" y=\"{}\" fill=\"#000\">暂无数据</text>",
            ROW * 0.65
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = ROW * i as f64 + 2.0;
        let fraction = if b.fraction.is_finite() {
            b.fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let w = (fraction * BAR_MAX).max(if fraction > 0.0 { 2.0 } else { 0.0 });
        let ty = y + ROW / 2.0 + FONT * 0.35;
        let _ = write!(
            s,
            "<g><text x=\"{:.1}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#000\">{}</text>\
             <rect x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{FILL}\" stroke=\"#000\" stroke-width=\"0.5\"/>\
             <text x=\"{:.1}\" y=\"{ty:.1}\" fill=\"#000\">{}</text></g>",
            label_w - 6.0,
            escape(b.label),
            y + 4.0,
            ROW - 8.0,
            label_w + w + 4.0,
            escape(&b.value),
        );
    }
    s.push_str("</svg>");
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

/// The distribution of the items' speed-ups (提速比例) as a column chart: how many items
/// fall in 0–20%, 20–40%, … 80–100%. Items without a statutory limit are left out.
pub fn speedup_histogram(id: &str, title: &str, services: &[Service]) -> String {
    let values: Vec<f64> = services.iter().filter_map(speedup).collect();
    column_chart(id, title, &speedup_buckets(&values), "提速比例", "项")
}

/// A vertical column chart of `counts` (used for distributions), x-axis named `axis`.
pub fn column_chart(id: &str, title: &str, counts: &[Count], axis: &str, unit: &str) -> String {
    let id = escape(id);
    let col_w = counts
        .iter()
        .map(|c| text_em(&c.label).max(text_em(&format!("{}{}", c.count, unit))))
        .fold(3.0, f64::max)
        * FONT
        + 12.0;
    let plot_h = 180.0;
    let top = FONT * 1.6;
    let base = top + plot_h;
    let width = (col_w * counts.len().max(1) as f64 + 8.0).ceil();
    let height = (base + FONT * 3.4).ceil();
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-columns\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" style=\"max-width:100%;height:auto\" \
         font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>\
         <line x1=\"4\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#000\"/>",
        escape(title),
        escape(&format!("{}分布。{}", axis, summary(counts, unit))),
        width - 4.0,
    );
    for (i, c) in counts.iter().enumerate() {
        let x = 4.0 + col_w * i as f64;
        let h = c.count as f64 / max as f64 * plot_h;
        let cx = x + col_w / 2.0;
        let _ = write!(
            s,
            "<g><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{FILL}\" stroke=\"#000\" stroke-width=\"0.5\"/>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#000\">{}{}</text>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#000\">{}</text></g>",
            x + 6.0,
            base - h,
            col_w - 12.0,
            base - h - 4.0,
            c.count,
            escape(unit),
            base + FONT * 1.3,
            escape(&c.label),
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#000\">{}</text></svg>",
        width / 2.0,
        base + FONT * 2.9,
        escape(axis)
    );
    s
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
        assert!(svg.contains(">12项</text>"));
        // The label column fits ten CJK characters at 14px.
        assert!(svg.contains("x=\"142.0\""), "{svg}");
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
        let svg = column_chart(
            "s",
            "提速",
            &speedup_buckets(&[0.5, 0.75]),
            "提速比例",
            "项",
        );
        for l in SPEEDUP_BUCKETS {
            assert!(svg.contains(l));
        }
        assert!(svg.contains("提速比例分布。合计2项"));
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
        assert!(svg.contains(">2项（40.0%）</text>"));
        assert!(svg.contains(&format!("width=\"{:.1}\"", BAR_MAX)));
        assert!(svg.contains(&format!("width=\"{:.1}\"", BAR_MAX * 0.4)));
        let t = share_table("办事属性", "属性", &c);
        assert!(t.contains(
            "<th scope=\"row\">马上办</th><td>2</td><td>已填报办事属性的 5 项</td><td>40.0%</td>"
        ));
        let none = vec![share("零跑腿", 0, 0)];
        let svg = share_chart("x", "t", &none);
        assert!(
            svg.contains(">未填报</text>") && !svg.contains("0.0%"),
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
