//! Time limits (办理时限): `即办`, `N个工作日`, `N个自然日`, `N日`.

use serde::Serialize;
use std::fmt;

/// Whether a limit counts working days (工作日) or natural days (自然日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DayUnit {
    /// 工作日
    #[serde(rename = "工作日")]
    Working,
    /// 自然日
    #[serde(rename = "自然日")]
    Natural,
}

impl DayUnit {
    /// The unit as written in content: 工作日 or 自然日.
    pub fn label(self) -> &'static str {
        match self {
            DayUnit::Working => "工作日",
            DayUnit::Natural => "自然日",
        }
    }
}

/// A time limit. `即办` is zero working days, flagged as immediate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duration {
    /// Number of days.
    pub days: u32,
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
        Duration {
            days,
            unit,
            immediate: false,
            note: None,
        }
    }

    /// 即办.
    pub fn immediate() -> Self {
        Duration {
            days: 0,
            unit: DayUnit::Working,
            immediate: true,
            note: None,
        }
    }

    /// The limit expressed in `unit`, converting 5 working days to 7 natural days.
    pub fn days_in(&self, unit: DayUnit) -> f64 {
        let d = f64::from(self.days);
        match (self.unit, unit) {
            (a, b) if a == b => d,
            (DayUnit::Natural, DayUnit::Working) => d * 5.0 / 7.0,
            (DayUnit::Working, DayUnit::Natural) => d * 7.0 / 5.0,
            _ => d,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.immediate {
            f.write_str("即办")
        } else {
            write!(f, "{}个{}", self.days, self.unit.label())
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
}
