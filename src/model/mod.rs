//! Typed models of a site: what the parse stage produces and every renderer consumes.
//!
//! Nothing in here reads files or formats output; the types only hold validated content.

mod centre;
mod duration;
mod notice;
mod page;
mod plan;
mod service;
mod site;

pub use centre::Centre;
pub use duration::{DayUnit, Duration};
pub use notice::{Attachment, Notice, NoticeKind, Period};
pub use page::Page;
pub use plan::{Phase, Plan, Supervision, Task, TaskStatus, TaskUpdate};
pub use service::{
    Adjustment, Audience, CaseType, Channel, Element, Faq, Fee, Location, Material, MaterialForm,
    MaterialSource, MaterialType, PowerSource, ProcedureKind, Requirement, ResultKind, Service,
    ServiceResult, ServiceStatus, ServiceType, SpecialProcedure, Step, TimeLimit,
};
pub use site::{DocxLayout, Entry, Kind, Site, SiteConfig, StaticFile};

/// A calendar date (no time of day, no zone).
pub type Date = chrono::NaiveDate;

/// Formats a date the way official Chinese documents write it: `2026年9月20日`.
pub fn chinese_date(d: Date) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_date_has_no_leading_zeros() {
        let d = Date::from_ymd_opt(2026, 9, 5).unwrap();
        assert_eq!(chinese_date(d), "2026年9月5日");
    }
}
