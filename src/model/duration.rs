//! Time limits (办理时限): `即办`, `N个工作日`, `N个自然日`, `N日`, `N小时`, half days
//! (`0.5个工作日`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a limit counts: working days (工作日), natural days (自然日) or hours (小时).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayUnit {
    /// 工作日
    #[serde(rename = "工作日")]
    Working,
    /// 自然日
    #[serde(rename = "自然日")]
    Natural,
    /// 小时 (working hours, eight to a working day)
    #[serde(rename = "小时")]
    Hour,
}

/// Working hours in a working day, to compare limits in hours with limits in days.
pub const HOURS_PER_WORKING_DAY: f64 = 8.0;

impl DayUnit {
    /// The unit as written in content: 工作日, 自然日 or 小时.
    pub fn label(self) -> &'static str {
        match self {
            DayUnit::Working => "工作日",
            DayUnit::Natural => "自然日",
            DayUnit::Hour => "小时",
        }
    }
}

/// A time limit. `即办` is zero working days, flagged as immediate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    /// Number of days (or hours when `unit` is [`DayUnit::Hour`]); a multiple of 0.5.
    pub days: f64,
    /// Unit of `days`.
    pub unit: DayUnit,
    /// Written as 即办 (handled on the spot).
    pub immediate: bool,
    /// What the limit excludes, e.g. 公示、检测时间不计入.
    pub note: Option<String>,
}

impl Duration {
    /// A limit of `days` in `unit`.
    pub fn new(days: u32, unit: DayUnit) -> Self {
        Duration::of(f64::from(days), unit)
    }

    /// A limit of `amount` (which may be a half) in `unit`.
    pub fn of(amount: f64, unit: DayUnit) -> Self {
        Duration {
            days: amount,
            unit,
            immediate: false,
            note: None,
        }
    }

    /// 即办.
    pub fn immediate() -> Self {
        Duration {
            days: 0.0,
            unit: DayUnit::Working,
            immediate: true,
            note: None,
        }
    }

    /// The limit expressed in `unit`: 5 working days are 7 natural days, a working day
    /// has 8 hours.
    pub fn days_in(&self, unit: DayUnit) -> f64 {
        let working = match self.unit {
            DayUnit::Working => self.days,
            DayUnit::Natural => self.days * 5.0 / 7.0,
            DayUnit::Hour => self.days / HOURS_PER_WORKING_DAY,
        };
        match unit {
            DayUnit::Working => working,
            DayUnit::Natural => working * 7.0 / 5.0,
            DayUnit::Hour => working * HOURS_PER_WORKING_DAY,
        }
    }

    /// The amount as written: `15`, `0.5`.
    pub fn amount_text(&self) -> String {
        if self.days.fract() == 0.0 {
            format!("{}", self.days as u64)
        } else {
            format!("{}", self.days)
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.immediate {
            f.write_str("即办")
        } else if self.unit == DayUnit::Hour {
            write!(f, "{}小时", self.amount_text())
        } else {
            write!(f, "{}个{}", self.amount_text(), self.unit.label())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_written() {
        assert_eq!(Duration::immediate().to_string(), "即办");
        assert_eq!(
            Duration::new(15, DayUnit::Working).to_string(),
            "15个工作日"
        );
        assert_eq!(
            Duration::new(60, DayUnit::Natural).to_string(),
            "60个自然日"
        );
        assert_eq!(Duration::new(4, DayUnit::Hour).to_string(), "4小时");
        assert_eq!(
            Duration::of(0.5, DayUnit::Working).to_string(),
            "0.5个工作日"
        );
    }

    #[test]
    fn converts_seven_natural_to_five_working() {
        assert_eq!(
            Duration::new(14, DayUnit::Natural).days_in(DayUnit::Working),
            10.0
        );
        assert_eq!(
            Duration::new(10, DayUnit::Working).days_in(DayUnit::Natural),
            14.0
        );
    }

    #[test]
    fn eight_hours_are_a_working_day() {
        assert_eq!(
            Duration::new(4, DayUnit::Hour).days_in(DayUnit::Working),
            0.5
        );
        assert_eq!(
            Duration::of(0.5, DayUnit::Working).days_in(DayUnit::Hour),
            4.0
        );
    }
}
