//! Reform plans (改革实施方案) with phases and tasks.

use super::Date;
use super::service::labelled_enum;
use serde::Serialize;

labelled_enum!(
    /// 状态 of a task.
    TaskStatus {
        /// 未开始
        NotStarted = "未开始",
        /// 推进中
        InProgress = "推进中",
        /// 已完成
        Done = "已完成",
        /// 已暂停
        Paused = "已暂停",
    }
);

/// 实施步骤: one phase of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// 名称
    pub name: String,
    /// 开始
    pub from: Option<Date>,
    /// 结束
    pub to: Option<Date>,
    /// 说明
    pub description: Option<String>,
}

/// 进展: a dated progress note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskUpdate {
    /// 日期
    pub date: Date,
    /// 内容
    pub text: String,
}

/// 督办: a task put under supervision (限时督办).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Supervision {
    /// 督办单位
    pub by: String,
    /// 日期: the day supervision began (not after as_of).
    pub date: Date,
    /// 限期: the day the task must be done by (after `date`).
    pub due: Option<Date>,
    /// 说明
    pub note: Option<String>,
}

/// 任务: one task of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// 编号, unique within the plan.
    pub id: String,
    /// 任务
    pub title: String,
    /// 牵头单位
    pub lead: String,
    /// 配合单位
    pub partners: Vec<String>,
    /// 完成时限 (`YYYY-MM` is the last day of that month).
    pub deadline: Option<Date>,
    /// 状态
    pub status: TaskStatus,
    /// 进度, 0..=100.
    pub progress: u8,
    /// 进展
    pub updates: Vec<TaskUpdate>,
    /// 督办, when the task is supervised.
    pub supervision: Option<Supervision>,
}

impl Task {
    /// 逾期: the deadline is before `as_of` and the task is not done.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.status != TaskStatus::Done && self.deadline.is_some_and(|d| d < as_of)
    }

    /// 督办逾期: the task is supervised with a 限期 before `as_of` and is not done.
    pub fn is_past_supervision_due(&self, as_of: Date) -> bool {
        self.status != TaskStatus::Done
            && self
                .supervision
                .as_ref()
                .and_then(|s| s.due)
                .is_some_and(|d| d < as_of)
    }

    /// Days overdue at `as_of` (0 when not overdue).
    pub fn days_overdue(&self, as_of: Date) -> i64 {
        match self.deadline {
            Some(d) if self.is_overdue(as_of) => (as_of - d).num_days(),
            _ => 0,
        }
    }
}

/// A reform plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Source file, relative to the site root.
    pub source: String,
    /// URL slug.
    pub slug: String,
    /// 标题
    pub title: String,
    /// 文号
    pub doc_number: Option<String>,
    /// 发文机关
    pub issuer: String,
    /// 成文日期
    pub date: Date,
    /// 实施步骤
    pub phases: Vec<Phase>,
    /// 任务
    pub tasks: Vec<Task>,
    /// 草稿
    pub draft: bool,
    /// Markdown body.
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(status: TaskStatus, deadline: &str) -> Task {
        Task {
            id: "T1".into(),
            title: "t".into(),
            lead: "l".into(),
            partners: vec![],
            deadline: Some(deadline.parse().unwrap()),
            status,
            progress: 0,
            updates: vec![],
            supervision: None,
        }
    }

    #[test]
    fn overdue_only_when_past_deadline_and_not_done() {
        let as_of: Date = "2026-09-30".parse().unwrap();
        assert!(task(TaskStatus::InProgress, "2026-09-29").is_overdue(as_of));
        assert!(!task(TaskStatus::InProgress, "2026-09-30").is_overdue(as_of));
        assert!(!task(TaskStatus::Done, "2026-01-01").is_overdue(as_of));
        assert!(task(TaskStatus::Paused, "2026-01-01").is_overdue(as_of));
        assert_eq!(
            task(TaskStatus::Paused, "2026-09-20").days_overdue(as_of),
            10
        );
        assert_eq!(task(TaskStatus::Done, "2026-09-20").days_overdue(as_of), 0);
    }

    #[test]
    fn past_supervision_due_only_when_not_done() {
        let as_of: Date = "2026-09-30".parse().unwrap();
        let mut t = task(TaskStatus::InProgress, "2026-12-31");
        assert!(!t.is_past_supervision_due(as_of));
        t.supervision = Some(Supervision {
            by: "区政府督查室".into(),
            date: "2026-09-01".parse().unwrap(),
            due: Some("2026-09-29".parse().unwrap()),
            note: None,
        });
        assert!(t.is_past_supervision_due(as_of));
        assert!(!t.is_overdue(as_of));
        t.status = TaskStatus::Done;
        assert!(!t.is_past_supervision_due(as_of));
    }
}
