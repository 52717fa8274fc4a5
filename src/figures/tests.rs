use super::*;
use crate::model::{DayUnit, Duration, ServiceType, TimeLimit};

fn svc(dept: &str, statutory: Option<Duration>, promised: Duration) -> Service {
    let mut s = Service::new("", "", ServiceType::Licence, dept);
    s.levels = vec!["区级".into()];
    s.time_limit = Some(TimeLimit {
        statutory,
        no_statutory_limit: false,
        promised,
    });
    s.fees = Some(vec![]);
    s
}

fn w(n: u32) -> Duration {
    Duration::new(n, DayUnit::Working)
}

fn nat(n: u32) -> Duration {
    Duration::new(n, DayUnit::Natural)
}

#[test]
fn speedup_same_unit() {
    assert_eq!(speedup(&svc("a", Some(w(20)), w(5))), Some(0.75));
    assert_eq!(
        speedup(&svc("a", Some(w(15)), Duration::immediate())),
        Some(1.0)
    );
    assert_eq!(speedup(&svc("a", None, w(5))), None);
    assert_eq!(speedup(&svc("a", Some(w(0)), Duration::immediate())), None);
}

#[test]
fn speedup_converts_natural_days_in_the_promised_unit() {
    // 60 natural days = 60 × 5/7 working days; promised 15 working days.
    let s = speedup(&svc("a", Some(nat(60)), w(15))).unwrap();
    assert!((s - (1.0 - 15.0 / (60.0 * 5.0 / 7.0))).abs() < 1e-12);
    assert_eq!(percent(s), "65.0%");
}

#[test]
fn site_figures_count_and_average() {
    let mut a = svc("甲局", Some(w(20)), w(5)); // 0.75
    a.visits = Some(0);
    a.attributes = vec!["一次办".into()];
    let mut b = svc("乙局", Some(w(10)), w(5)); // 0.5
    b.online_url = Some("https://x".into());
    b.fees = Some(vec![crate::model::Fee {
        item: "工本费".into(),
        standard: "10元".into(),
        basis: "文件".into(),
        reduction: None,
    }]);
    let c = svc("甲局", None, w(3));
    let f = service_figures(
        &[a, b, c],
        &["区级".into(), "村(社区)级".into()],
        &["马上办".into(), "一次办".into()],
    );
    assert_eq!(f.items, 3);
    assert_eq!(
        f.by_department[0],
        Count {
            label: "甲局".into(),
            count: 2
        }
    );
    assert_eq!(f.by_level[1].count, 0);
    assert_eq!(f.attribute("一次办"), 1);
    assert_eq!(
        (f.free.count, f.zero_visits.count, f.online.count),
        (2, 1, 1)
    );
    assert_eq!(f.with_speedup, 2);
    assert_eq!(percent(f.mean_speedup.unwrap()), "62.5%");
    assert_eq!(f.free.percent(), "66.7%");
    // Only one item states 到现场次数; only b states how it is handled online.
    assert_eq!(f.zero_visits.over, 1);
    assert_eq!(
        f.zero_visits.sentence(),
        "零跑腿 1 项（已填报到现场次数的 1 项中 100.0%）"
    );
    assert_eq!(f.online.over, 1);
    assert_eq!(f.one_visit.over, 1);
}

#[test]
fn a_share_over_no_item_is_not_reported() {
    let mut a = svc("甲局", None, w(3));
    a.fees = None;
    let f = service_figures(&[a], &[], &["一次办".into()]);
    for share in [&f.free, &f.zero_visits, &f.one_visit, &f.online] {
        assert_eq!(share.over, 0);
        assert_eq!(share.percent(), NOT_REPORTED);
        assert!(!share.sentence().contains("0.0%"), "{}", share.sentence());
    }
    assert_eq!(f.zero_visits.sentence(), "零跑腿 未填报");
    // 一次办 is not among the site's attributes: nobody can state it.
    let mut b = svc("甲局", None, w(3));
    b.attributes = vec!["马上办".into()];
    let f = service_figures(&[b], &[], &["马上办".into()]);
    assert_eq!(f.one_visit.percent(), NOT_REPORTED);
}

#[test]
fn suspended_and_cancelled_items_leave_the_counts() {
    let a = svc("甲局", None, w(3));
    let mut b = svc("甲局", None, w(3));
    b.status = crate::model::ServiceStatus::Suspended;
    let mut c = svc("乙局", None, w(3));
    c.status = crate::model::ServiceStatus::Cancelled;
    let f = service_figures(&[a, b, c], &[], &[]);
    assert_eq!(f.items, 1);
    assert_eq!(f.by_department.len(), 1);
}

#[test]
fn completeness_counts_stated_elements_per_department() {
    let a = svc("甲局", None, w(3));
    let mut b = Service::new("B", "b", ServiceType::Penalty, "甲局");
    b.legal_basis = vec!["《法》".into()];
    let rows = completeness(&[a, b]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].department, "甲局");
    assert_eq!(rows[0].items, 2);
    // a states no legal basis, materials, process or locations; b lacks only its process.
    assert_eq!(rows[0].incomplete, 2);
    let materials = rows[0]
        .elements
        .iter()
        .find(|e| e.0 == Element::Materials)
        .unwrap();
    assert_eq!((materials.1, materials.2), (0, 1));
    assert_eq!(rows[1].department, "合计");
}

#[test]
fn task_figures_count_overdue_and_progress() {
    let as_of: Date = "2026-09-30".parse().unwrap();
    let t = |status, deadline: &str, progress| Task {
        id: "x".into(),
        title: "t".into(),
        lead: "l".into(),
        partners: vec![],
        deadline: Some(deadline.parse().unwrap()),
        status,
        progress,
        updates: vec![],
        supervision: None,
    };
    let tasks = [
        t(TaskStatus::Done, "2026-04-30", 100),
        t(TaskStatus::InProgress, "2026-06-30", 80),
        t(TaskStatus::InProgress, "2026-10-25", 40),
        t(TaskStatus::NotStarted, "2026-12-31", 0),
    ];
    let f = task_figures(&tasks, as_of);
    assert_eq!(f.tasks, 4);
    assert_eq!(f.overdue, 1);
    assert_eq!(f.status(TaskStatus::InProgress), 2);
    assert_eq!(f.mean_progress, 55.0);
}

#[test]
fn overdue_tasks_are_counted_per_lead_unit() {
    let as_of: Date = "2026-09-30".parse().unwrap();
    let t = |lead: &str, status, deadline: Option<&str>| Task {
        id: "x".into(),
        title: "t".into(),
        lead: lead.into(),
        partners: vec!["区丁局".into()],
        deadline: deadline.map(|d| d.parse().unwrap()),
        status,
        progress: if status == TaskStatus::Done { 100 } else { 10 },
        updates: vec![],
        supervision: None,
    };
    let tasks = [
        t("区乙局", TaskStatus::InProgress, Some("2026-06-30")),
        t("区甲局", TaskStatus::NotStarted, Some("2026-09-29")),
        t("区乙局", TaskStatus::Paused, Some("2026-01-31")),
        t("区甲局", TaskStatus::Done, Some("2026-03-31")),
        t("区丙局", TaskStatus::InProgress, Some("2026-09-30")),
        t("区丙局", TaskStatus::InProgress, None),
        t("区戊局", TaskStatus::InProgress, Some("2026-08-31")),
    ];
    let c = |label: &str, count| Count {
        label: label.into(),
        count,
    };
    assert_eq!(
        overdue_by_lead(&tasks, as_of),
        vec![c("区乙局", 2), c("区戊局", 1), c("区甲局", 1)]
    );
    assert!(overdue_by_lead(&tasks[3..6], as_of).is_empty());
    // The same tasks with their days overdue, most days first.
    let days: Vec<(&str, i64)> = overdue_tasks(&tasks, as_of)
        .iter()
        .map(|o| (o.task.lead.as_str(), o.days))
        .collect();
    assert_eq!(
        days,
        [
            ("区乙局", 242),
            ("区乙局", 92),
            ("区戊局", 30),
            ("区甲局", 1)
        ]
    );
    assert_eq!(days_overdue(&tasks[1], as_of), Some(1));
    assert_eq!(days_overdue(&tasks[3], as_of), None, "done");
    assert_eq!(days_overdue(&tasks[4], as_of), None, "due today");
    assert_eq!(days_overdue(&tasks[5], as_of), None, "no deadline");
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A plan of four tasks followed from 2026-09-01 (W36) to as_of 2026-09-30 (W40).
fn weekly_plan() -> crate::model::Plan {
    let t = |id: &str, lead: &str, deadline: &str, status, progress, updates: &[&str]| Task {
        id: id.into(),
        title: format!("任务{id}"),
        lead: lead.into(),
        partners: vec![],
        deadline: Some(d(deadline)),
        status,
        progress,
        updates: updates
            .iter()
            .map(|u| crate::model::TaskUpdate {
                date: d(u),
                text: format!("{id} {u}"),
            })
            .collect(),
        supervision: None,
    };
    let mut t2 = t(
        "T2",
        "区乙局",
        "2026-09-29",
        TaskStatus::InProgress,
        50,
        &["2026-09-16"],
    );
    t2.supervision = Some(crate::model::Supervision {
        by: "区政府督查室".into(),
        date: d("2026-09-10"),
        due: Some(d("2026-09-25")),
        note: None,
    });
    crate::model::Plan {
        source: "p.md".into(),
        slug: "p".into(),
        title: "方案".into(),
        doc_number: None,
        issuer: "区政府".into(),
        date: d("2026-09-01"),
        phases: vec![],
        tasks: vec![
            t(
                "T1",
                "区甲局",
                "2026-09-04",
                TaskStatus::Done,
                100,
                &["2026-09-03"],
            ),
            t2,
            t(
                "T3",
                "区甲局",
                "2026-09-30",
                TaskStatus::InProgress,
                20,
                &[],
            ),
            t("T4", "区丙局", "2026-09-24", TaskStatus::NotStarted, 0, &[]),
        ],
        draft: false,
        body: String::new(),
    }
}

#[test]
fn bulletins_across_weeks() {
    let plan = weekly_plan();
    let as_of = d("2026-09-30");
    let weeks: Vec<String> = bulletin_weeks(&plan, as_of)
        .iter()
        .map(|w| w.to_string())
        .collect();
    // W37 has neither an update nor a deadline: no bulletin.
    assert_eq!(weeks, ["2026-W36", "2026-W38", "2026-W39", "2026-W40"]);
    let all = bulletins(&plan, as_of);
    let ids = |ts: &[&Task]| ts.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    let leads = |b: &Bulletin| {
        b.by_lead
            .iter()
            .map(|r| {
                (
                    r.lead.clone(),
                    r.figures.tasks,
                    r.figures.status(TaskStatus::Done),
                    r.figures.overdue,
                    r.figures.mean_progress,
                )
            })
            .collect::<Vec<_>>()
    };

    let w36 = &all[0];
    assert_eq!((w36.number, w36.date), (1, d("2026-09-04")));
    assert_eq!(w36.updates.len(), 1);
    assert_eq!(w36.updates[0].task.id, "T1");
    assert_eq!(ids(&w36.completed), ["T1"]);
    assert!(w36.overdue.is_empty());
    assert!(w36.supervised.is_empty(), "supervision begins 2026-09-10");
    assert_eq!(
        leads(w36),
        [
            ("区甲局".into(), 2, 1, 0, 60.0),
            ("区乙局".into(), 1, 0, 0, 50.0),
            ("区丙局".into(), 1, 0, 0, 0.0)
        ]
    );

    let w38 = &all[1];
    assert_eq!((w38.number, w38.date), (2, d("2026-09-18")));
    assert_eq!(w38.updates[0].task.id, "T2");
    assert_eq!(w38.supervised.len(), 1);
    assert!(!w38.supervised[0].past_due);

    // A week with no update: only T4's deadline (Thursday) brings it in.
    let w39 = &all[2];
    assert_eq!((w39.number, w39.date), (3, d("2026-09-25")));
    assert!(w39.updates.is_empty() && w39.completed.is_empty());
    assert_eq!(w39.overdue.len(), 1);
    assert_eq!(
        (w39.overdue[0].task.id.as_str(), w39.overdue[0].days),
        ("T4", 1)
    );
    // 限期 2026-09-25 is the bulletin's date: not past yet.
    assert!(!w39.supervised[0].past_due);
    assert_eq!(leads(w39)[2], ("区丙局".into(), 1, 0, 1, 0.0));

    // The current week is judged at as_of (a Wednesday): T2 (deadline the day before)
    // becomes overdue on the boundary, T3 (deadline as_of itself) does not.
    let w40 = &all[3];
    assert_eq!((w40.number, w40.date), (4, as_of));
    let overdue: Vec<(&str, i64)> = w40
        .overdue
        .iter()
        .map(|o| (o.task.id.as_str(), o.days))
        .collect();
    assert_eq!(overdue, [("T4", 6), ("T2", 1)]);
    assert!(w40.supervised[0].past_due);
    assert_eq!(w40.supervised[0].days_past_due, 5);
    assert_eq!(w40.figures, task_figures(&plan.tasks, as_of));
    assert_eq!(w40.figures.overdue, 2);
    assert_eq!(w40.figures.supervised, 1);
    assert_eq!(w40.figures.supervised_overdue, 1);
    assert_eq!(w40.figures.mean_progress, 42.5);
    assert_eq!(
        leads(w40),
        [
            ("区甲局".into(), 2, 1, 0, 60.0),
            ("区乙局".into(), 1, 0, 1, 50.0),
            ("区丙局".into(), 1, 0, 1, 0.0)
        ]
    );
}

#[test]
fn no_bulletin_before_the_plan_is_written() {
    let plan = weekly_plan();
    assert!(bulletins(&plan, d("2026-08-31")).is_empty());
    assert_eq!(bulletin_weeks(&plan, d("2026-09-01")).len(), 1);
}
