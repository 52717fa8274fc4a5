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
}
