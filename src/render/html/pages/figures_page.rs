//! The figures page (`/figures/`): charts with their tables.

use super::*;

pub(super) fn chart(
    id: &str,
    title: &str,
    note: &str,
    svg_html: String,
    table_html: String,
) -> ChartView {
    ChartView {
        id: id.to_string(),
        title: title.to_string(),
        note: note.to_string(),
        svg_html,
        table_html,
    }
}

/// Counts as bars with a two-column table beside them.
pub(super) fn count_chart(
    id: &str,
    title: &str,
    note: &str,
    header: &str,
    counts: &[figures::Count],
) -> ChartView {
    chart(
        id,
        title,
        note,
        charts::bar_chart(&format!("chart-{id}"), title, counts),
        charts::chart_table(title, header, "数量（项）", counts),
    )
}

pub(super) fn figures_page(cx: &Cx) -> Rendered {
    let site = cx.site;
    let c = &site.config;
    let f = figures::service_figures(&site.services, &c.levels, &c.attributes);
    let tasks = || site.plans.iter().flat_map(|p| &p.tasks);
    let t = figures::task_figures(tasks(), c.as_of);
    let overdue = figures::overdue_by_lead(tasks(), c.as_of);
    let mut shares: Vec<figures::Share> =
        c.attributes.iter().map(|a| f.attribute_share(a)).collect();
    shares.push(f.zero_visits.clone());
    shares.push(f.free.clone());
    let speedups: Vec<f64> = site.services.iter().filter_map(figures::speedup).collect();
    let shares_title = "办事属性、零跑腿和不收费事项占比";
    let speed_title = "承诺时限提速比例分布";
    let charts = vec![
        count_chart(
            "department",
            "各实施主体事项数",
            "按实施主体统计公开的服务事项。",
            "实施主体",
            &f.by_department,
        ),
        count_chart(
            "type",
            "各类型事项数",
            "按事项类型统计。",
            "事项类型",
            &f.by_type,
        ),
        count_chart(
            "level",
            "各办理层级事项数",
            "一个事项可在多个层级办理，各层级分别计数。",
            "办理层级",
            &f.by_level,
        ),
        chart(
            "attributes",
            shares_title,
            "每个比例只按填报了该项内容的事项计算（办事属性、到现场次数、收费），没有事项填报时写“未填报”；一个事项可有多个属性。零跑腿指到现场次数为0。暂停、取消的事项不计入。",
            charts::share_chart("chart-attributes", shares_title, &shares),
            charts::share_table(shares_title, "类别", &shares),
        ),
        chart(
            "speedup",
            speed_title,
            &format!(
                "提速比例＝1－承诺时限÷法定时限。有法定时限的事项 {} 项，平均提速 {}。",
                f.with_speedup,
                f.mean_speedup
                    .map(figures::percent)
                    .unwrap_or_else(|| "—".into())
            ),
            charts::speedup_histogram("chart-speedup", speed_title, &site.services),
            charts::chart_table(
                speed_title,
                "提速比例",
                "数量（项）",
                &charts::speedup_buckets(&speedups),
            ),
        ),
        count_chart(
            "status",
            "改革任务完成情况",
            &format!(
                "全部改革方案共 {} 项任务，逾期 {} 项，平均进度 {}。{}",
                t.tasks,
                t.overdue,
                if t.tasks == 0 {
                    figures::NOT_REPORTED.to_string()
                } else {
                    format!("{:.1}%", t.mean_progress)
                },
                if t.supervised == 0 {
                    String::new()
                } else {
                    format!(
                        "列入督办 {} 项，其中超过督办限期未完成 {} 项。",
                        t.supervised, t.supervised_overdue
                    )
                }
            ),
            "状态",
            &t.by_status,
        ),
        count_chart(
            "overdue",
            "各牵头单位逾期任务数",
            "完成时限早于统计日期且未完成的任务，按牵头单位统计；没有逾期任务的单位不列出。",
            "牵头单位",
            &overdue,
        ),
    ];
    let headline = HeadlineView::new(&f);
    let meta = cx.meta("数据统计", "figures", "数据统计", Route::Figures);
    let mut ctx = context(&meta);
    ctx.insert("figures", &headline);
    ctx.insert("charts", &charts);
    Ok(vec![cx.page("figures.html", Route::Figures, &ctx)?])
}

/// One chart of the figures page: the SVG, and the same numbers as a table.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// Anchor of the chart's section (`department`, `type`, ...).
    pub id: String,
    /// Heading.
    pub title: String,
    /// A sentence on what is counted.
    pub note: String,
    /// Inline `<svg role="img">` with `<title>` and `<desc>`.
    pub svg_html: String,
    /// `<table>` with a caption.
    pub table_html: String,
}
