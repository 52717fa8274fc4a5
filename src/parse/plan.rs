//! Reform plans: `content/plans/*.md`.

use super::service::parse_list;
use super::values::{DateForm, date, day_not_after};
use super::yaml::{Cx, Fields, Key, index, key};
use super::{Env, SLUG, body_or_none, draft, slug};
use crate::diag::tr;
use crate::model::{Phase, Plan, Supervision, Task, TaskStatus, TaskUpdate};
use crate::tr;
use marked_yaml::types::MarkedMappingNode;
use std::collections::HashMap;

const TITLE: Key = key("title", "标题");
const DOC_NUMBER: Key = key("doc_number", "文号");
const ISSUER: Key = key("issuer", "发文机关");
const DATE: Key = key("date", "成文日期");
const PHASES: Key = key("phases", "实施步骤");
const TASKS: Key = key("tasks", "任务");
const DRAFT: Key = key("draft", "草稿");

/// Keys of a plan.
pub const KEYS: &[Key] = &[TITLE, DOC_NUMBER, ISSUER, DATE, PHASES, TASKS, SLUG, DRAFT];

const PHASE_NAME: Key = key("name", "名称");
const PHASE_FROM: Key = key("from", "开始");
const PHASE_TO: Key = key("to", "结束");
const PHASE_DESCRIPTION: Key = key("description", "说明");

/// Keys of a phase.
pub const PHASE_KEYS: &[Key] = &[PHASE_NAME, PHASE_FROM, PHASE_TO, PHASE_DESCRIPTION];

const TASK_ID: Key = key("id", "编号");
const TASK_TITLE: Key = key("title", "任务");
const TASK_LEAD: Key = key("lead", "牵头单位");
const TASK_PARTNERS: Key = key("partners", "配合单位");
const TASK_DEADLINE: Key = key("deadline", "完成时限");
const TASK_STATUS: Key = key("status", "状态");
const TASK_PROGRESS: Key = key("progress", "进度");
const TASK_UPDATES: Key = key("updates", "进展");
const TASK_SUPERVISION: Key = key("supervision", "督办");

/// Keys of a task.
pub const TASK_KEYS: &[Key] = &[
    TASK_ID,
    TASK_TITLE,
    TASK_LEAD,
    TASK_PARTNERS,
    TASK_DEADLINE,
    TASK_STATUS,
    TASK_PROGRESS,
    TASK_UPDATES,
    TASK_SUPERVISION,
];

const SUPERVISION_BY: Key = key("by", "督办单位");
const SUPERVISION_DATE: Key = key("date", "日期");
const SUPERVISION_DUE: Key = key("due", "限期");
const SUPERVISION_NOTE: Key = key("note", "说明");

/// Keys of a task's 督办.
pub const SUPERVISION_KEYS: &[Key] = &[
    SUPERVISION_BY,
    SUPERVISION_DATE,
    SUPERVISION_DUE,
    SUPERVISION_NOTE,
];

const UPDATE_DATE: Key = key("date", "日期");
const UPDATE_TEXT: Key = key("text", "内容");

/// Keys of a progress update.
pub const UPDATE_KEYS: &[Key] = &[UPDATE_DATE, UPDATE_TEXT];

/// Reads one plan.
pub fn parse(cx: &mut Cx, env: &Env, map: &MarkedMappingNode, body: &str, stem: &str) -> Plan {
    let f = Fields::new(cx, map, "", KEYS);
    let title = f.required_text(cx, TITLE, tr("方案的标题", "the plan's title"));
    let doc_number = f.doc_number(cx, DOC_NUMBER);
    let issuer = f.required_text(cx, ISSUER, tr("发文单位", "the issuing body"));
    let date_v = f.required(
        cx,
        DATE,
        tr(
            "成文的日期，如 2026-03-28",
            "the date it was written, e.g. 2026-03-28",
        ),
        |cx, n, p| date(cx, n, p, DateForm::Day),
    );
    let phases = f.list_of(cx, PHASES, phase);
    let as_of = env.config.as_of;
    let tasks = match f.get(TASKS) {
        Some((n, p)) => {
            let tasks = parse_list(cx, n, &p, |cx, m, p| task(cx, m, p, as_of));
            if tasks.is_empty() && matches!(n, marked_yaml::Node::Sequence(s) if s.is_empty()) {
                cx.error(
                    n.span(),
                    &p,
                    tr("任务 是空的", "任务 is empty"),
                    Some(tr("至少列出一项任务", "list at least one task").into()),
                );
            }
            check_task_ids(cx, n, &p, &tasks);
            tasks
        }
        None => {
            f.missing(
                cx,
                TASKS,
                tr(
                    "任务清单，每项写 编号、任务 和 牵头单位",
                    "a list of tasks, each with 编号, 任务 and 牵头单位",
                ),
            );
            Vec::new()
        }
    };
    Plan {
        source: cx.file.to_string(),
        slug: slug(cx, &f, stem),
        title: title.unwrap_or_default(),
        doc_number,
        issuer: issuer.unwrap_or_default(),
        date: date_v.unwrap_or_default(),
        phases,
        tasks,
        draft: draft(cx, &f, DRAFT),
        body: body_or_none(body),
    }
}

fn check_task_ids(cx: &mut Cx, node: &marked_yaml::Node, path: &str, tasks: &[Task]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let nodes: Vec<&marked_yaml::Node> = match node {
        marked_yaml::Node::Sequence(s) => s.iter().collect(),
        _ => Vec::new(),
    };
    for (i, t) in tasks.iter().enumerate() {
        if let Some(first) = seen.insert(&t.id, i) {
            let span = nodes.get(i).map(|n| *n.span()).unwrap_or(*node.span());
            cx.error(
                &span,
                &index(path, i),
                tr!(
                    "任务编号 {} 已被本方案第 {} 项任务使用",
                    "task 编号 {} is already used by task {} of this plan",
                    t.id,
                    first + 1
                ),
                Some(
                    tr(
                        "同一方案的每项任务编号各不相同",
                        "every task of a plan has its own 编号",
                    )
                    .into(),
                ),
            );
        }
    }
}

fn phase(cx: &mut Cx, m: &MarkedMappingNode, path: &str) -> Option<Phase> {
    let f = Fields::new(cx, m, path, PHASE_KEYS);
    let name = f.required_text(
        cx,
        PHASE_NAME,
        tr("步骤的名称，如 动员部署", "the phase's name, e.g. 动员部署"),
    );
    let from = f.date(cx, PHASE_FROM, DateForm::DayOrMonthStart);
    let to = f.date(cx, PHASE_TO, DateForm::DayOrMonth);
    if let (Some(a), Some(b), Some((n, p))) = (from, to, f.get(PHASE_TO))
        && a > b
    {
        cx.error(
            n.span(),
            &p,
            tr!(
                "这一步骤的结束（{b}）早于开始（{a}）",
                "phase ends ({b}) before it starts ({a})"
            ),
            Some(tr("结束 不能早于 开始", "结束 is on or after 开始").into()),
        );
    }
    let description = f.text(cx, PHASE_DESCRIPTION);
    Some(Phase {
        name: name?,
        from,
        to,
        description,
    })
}

fn task(cx: &mut Cx, m: &MarkedMappingNode, path: &str, as_of: crate::model::Date) -> Option<Task> {
    let f = Fields::new(cx, m, path, TASK_KEYS);
    let id = f.required_text(
        cx,
        TASK_ID,
        tr(
            "任务在本方案中的编号，如 T1",
            "the task's number within the plan, e.g. T1",
        ),
    );
    let title = f.required_text(cx, TASK_TITLE, tr("要做的事", "what is to be done"));
    let lead = f.required_text(
        cx,
        TASK_LEAD,
        tr("牵头单位，如 区司法局", "the lead unit, e.g. 区司法局"),
    );
    let partners = f.split_list(cx, TASK_PARTNERS);
    let deadline = f.date(cx, TASK_DEADLINE, DateForm::DayOrMonth);
    let status = f
        .one_of(
            cx,
            TASK_STATUS,
            TaskStatus::from_label,
            &TaskStatus::labels(),
        )
        .unwrap_or(TaskStatus::NotStarted);
    let progress_node = f.get(TASK_PROGRESS);
    let progress = f.integer(cx, TASK_PROGRESS, 0, 100).map(|v| v as u8);
    let progress = match (status, progress, &progress_node) {
        (TaskStatus::Done, None, _) => 100,
        (TaskStatus::Done, Some(100), _) => 100,
        (TaskStatus::Done, Some(v), Some((n, p))) => {
            cx.error(
                n.span(),
                p,
                tr!(
                    "进度 是 {v}，但 状态 是 已完成",
                    "进度 is {v} but 状态 is 已完成"
                ),
                Some(
                    tr(
                        "已完成的任务进度是 100；改为 进度: 100，或修改 状态",
                        "a finished task is at 100; set 进度: 100 or change 状态",
                    )
                    .into(),
                ),
            );
            v
        }
        (s, Some(100), Some((n, p))) => {
            cx.error(
                n.span(),
                p,
                tr!("进度 是 100，但 状态 是 {s}", "进度 is 100 but 状态 is {s}"),
                Some(
                    tr(
                        "进度 100 的任务是 已完成；改为 状态: 已完成，或调低 进度",
                        "a task at 100 is 已完成; set 状态: 已完成 or lower 进度",
                    )
                    .into(),
                ),
            );
            100
        }
        (_, Some(v), _) => v,
        (_, None, _) => 0,
    };
    let updates = f.list_of(cx, TASK_UPDATES, |cx, m, p| update(cx, m, p, as_of));
    let supervision = f.value(cx, TASK_SUPERVISION, |cx, n, p| match n {
        marked_yaml::Node::Mapping(m) => supervision(cx, m, p, as_of),
        _ => {
            cx.error(
                n.span(),
                p,
                tr("督办 应是一组键值", "督办 must be a mapping"),
                Some(
                    tr(
                        "写 督办单位、日期，可加 限期 和 说明",
                        "write 督办单位 and 日期, optionally 限期 and 说明",
                    )
                    .into(),
                ),
            );
            None
        }
    });
    Some(Task {
        id: id?,
        title: title?,
        lead: lead?,
        partners,
        deadline,
        status,
        progress,
        updates,
        supervision,
    })
}

fn supervision(
    cx: &mut Cx,
    m: &MarkedMappingNode,
    path: &str,
    as_of: crate::model::Date,
) -> Option<Supervision> {
    let f = Fields::new(cx, m, path, SUPERVISION_KEYS);
    let by = f.required_text(
        cx,
        SUPERVISION_BY,
        tr(
            "督办单位，如 区政府督查室",
            "the supervising body, e.g. 区政府督查室",
        ),
    );
    let d = day_not_after(
        cx,
        &f,
        SUPERVISION_DATE,
        as_of,
        |d| {
            tr!(
                "督办的日期 {d} 晚于 统计日期 {as_of}",
                "督办 dated {d} is after 统计日期 {as_of}"
            )
        },
        tr(
            "督办日期是开始督办的那一天，不能晚于统计日期；请检查日期，或 site.yaml 中的 统计日期",
            "the 督办 date is the day supervision began and cannot be after 统计日期; check the date or 统计日期 in site.yaml",
        ),
        tr("开始督办的日期", "the day supervision began"),
    );
    let due = f.value(cx, SUPERVISION_DUE, |cx, n, p| {
        let due = date(cx, n, p, DateForm::DayOrMonth)?;
        if let Some(start) = d.filter(|s| due <= *s) {
            cx.error(
                n.span(),
                p,
                tr!(
                    "督办的限期 {due} 不晚于督办日期 {start}",
                    "督办 限期 {due} is not after its 日期 {start}"
                ),
                Some(tr("限期 应晚于 日期", "限期 is after 日期").into()),
            );
        }
        Some(due)
    });
    let note = f.text(cx, SUPERVISION_NOTE);
    Some(Supervision {
        by: by?,
        date: d?,
        due,
        note,
    })
}

fn update(
    cx: &mut Cx,
    m: &MarkedMappingNode,
    path: &str,
    as_of: crate::model::Date,
) -> Option<TaskUpdate> {
    let f = Fields::new(cx, m, path, UPDATE_KEYS);
    let d = day_not_after(
        cx,
        &f,
        UPDATE_DATE,
        as_of,
        |d| {
            tr!(
                "进展的日期 {d} 晚于 统计日期 {as_of}",
                "进展 dated {d} is after 统计日期 {as_of}"
            )
        },
        tr(
            "还没到的日子不能报告进展；请检查日期，或 site.yaml 中的 统计日期",
            "progress cannot be reported for a day that has not come; check the date or 统计日期 in site.yaml",
        ),
        tr("进展的日期", "the date of the update"),
    );
    let t = f.required_text(cx, UPDATE_TEXT, tr("做了什么", "what was done"));
    Some(TaskUpdate { date: d?, text: t? })
}
