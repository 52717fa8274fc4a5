//! The adjustments the site's own dated records state (v2 §6), by day: an item's 生效日期
//! (it took effect, or its suspension did), its 取消日期, and each entry of its 调整记录.
//! `/changes/`, `/changes/<date>/` and `/changes/feed.xml` are made from [`days`]; nothing
//! else is a source, so a day appears only when someone wrote it.

use crate::model::{Adjustment, Date, Service, ServiceStatus};
use std::collections::BTreeMap;

/// What the records state for one day, items in code order.
#[derive(Debug, Clone, PartialEq)]
pub struct Day<'a> {
    /// The day.
    pub date: Date,
    /// Items whose 生效日期 it is (in use or cancelled since: they took effect that day).
    pub effective: Vec<&'a Service>,
    /// Items 暂停 whose 生效日期 it is.
    pub suspended: Vec<&'a Service>,
    /// Items whose 取消日期 it is.
    pub cancelled: Vec<&'a Service>,
    /// The 调整记录 entries of that day with their items.
    pub adjusted: Vec<(&'a Service, &'a Adjustment)>,
}

impl Day<'_> {
    /// How many items the day concerns, once each.
    pub fn items(&self) -> usize {
        let mut codes: Vec<&str> = self
            .effective
            .iter()
            .chain(&self.suspended)
            .chain(&self.cancelled)
            .map(|s| s.code.as_str())
            .chain(self.adjusted.iter().map(|(s, _)| s.code.as_str()))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes.len()
    }
}

/// Every day a record names, newest first. Drafts should be left out of `services`.
pub fn days(services: &[Service]) -> Vec<Day<'_>> {
    let mut by_day: BTreeMap<Date, Day> = BTreeMap::new();
    fn day<'a, 'm>(by_day: &'m mut BTreeMap<Date, Day<'a>>, date: Date) -> &'m mut Day<'a> {
        by_day.entry(date).or_insert_with(|| Day {
            date,
            effective: Vec::new(),
            suspended: Vec::new(),
            cancelled: Vec::new(),
            adjusted: Vec::new(),
        })
    }
    let mut sorted: Vec<&Service> = services.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    for s in sorted {
        if let Some(d) = s.effective {
            if s.status == ServiceStatus::Suspended {
                day(&mut by_day, d).suspended.push(s);
            } else {
                day(&mut by_day, d).effective.push(s);
            }
        }
        if let Some(d) = s.cancelled {
            day(&mut by_day, d).cancelled.push(s);
        }
        for a in &s.adjustments {
            day(&mut by_day, a.date).adjusted.push((s, a));
        }
    }
    by_day.into_values().rev().collect()
}

/// An item's 调整记录, newest first (the order written for one day).
pub fn item_adjustments(s: &Service) -> Vec<&Adjustment> {
    let mut list: Vec<&Adjustment> = s.adjustments.iter().collect();
    list.sort_by_key(|a| std::cmp::Reverse(a.date));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServiceType;

    fn day(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_come_newest_first_with_each_record_in_its_place() {
        let mut a = Service::new("B", "乙", ServiceType::Licence, "局");
        a.effective = Some(day(2026, 1, 1));
        a.adjustments.push(Adjustment {
            date: day(2026, 6, 30),
            doc_number: None,
            text: "取消户口簿".into(),
        });
        let mut b = Service::new("A", "甲", ServiceType::Licence, "局");
        b.status = ServiceStatus::Cancelled;
        b.cancelled = Some(day(2026, 6, 30));
        let list = [a, b];
        let d = days(&list);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].date, day(2026, 6, 30));
        assert_eq!(d[0].cancelled[0].code, "A");
        assert_eq!(d[0].adjusted[0].1.text, "取消户口簿");
        assert_eq!(d[0].items(), 2);
        assert_eq!(d[1].effective[0].code, "B");
        assert!(days(&[]).is_empty());
    }
}
