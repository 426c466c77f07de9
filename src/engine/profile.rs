//! Rule profiles: the shipping rules of one market, as data.
//!
//! Rules differ by market and change over time, so nothing about them is hard-coded in the
//! evaluator: a profile names its windows and thresholds, the zone its timestamps are read in,
//! and the public source it was written from with the date that source describes. Profiles are
//! serde types so a seller can export one as JSON, edit it and load it back.

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::zone::Zone;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleProfile {
    /// Stable identifier, used by `--profile` and in stored settings.
    pub id: String,
    pub name: String,
    /// Where the rules come from: a title or URL a seller can check.
    pub source: String,
    /// The date the source describes; rules change, so every profile is dated.
    pub as_of: NaiveDate,
    /// Zone in which timestamps without an offset are read, and deadlines shown.
    pub time_zone: Zone,
    /// Which recorded event counts as dispatch.
    pub dispatch_event: DispatchEvent,
    /// How long after the clock start (paid time, else created time) dispatch is due.
    pub dispatch_window: Window,
    /// An unshipped order whose deadline is this close is flagged as due soon.
    pub due_soon_hours: u32,
    pub thresholds: Thresholds,
}

/// The event a profile treats as "dispatched". Markets differ (ready-to-ship, first carrier
/// scan, collection); the exports read so far record the shipped time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchEvent {
    /// The export's `Shipped Time`.
    Shipped,
}

/// A deadline window measured from a start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Elapsed hours, weekends and holidays included.
    CalendarHours(u32),
}

impl Window {
    pub fn deadline_after(
        &self,
        start: chrono::DateTime<chrono::Utc>,
    ) -> chrono::DateTime<chrono::Utc> {
        match *self {
            Window::CalendarHours(hours) => start + TimeDelta::hours(i64::from(hours)),
        }
    }
}

/// Limits the platform judges a shop by, as fractions (0.04 = 4 %).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Highest acceptable late dispatch rate.
    pub late_dispatch_rate_max: f64,
}

impl RuleProfile {
    /// The seed article's cross-border rule: ship within 48 hours of the order. Timestamps are
    /// read as China time, where most cross-border sellers run their operations.
    pub fn cross_border_article() -> RuleProfile {
        RuleProfile {
            id: "cross-border-article".into(),
            name: "Cross-border: ship within 48 hours".into(),
            source: "\"TikTok Shop cross-border shipping rules: what every order handler must \
                     know\" (Chinese article, 2024-11-12); late dispatch rate limit of 4 % from \
                     Seller University US \"Guide to Late Dispatch Rate\""
                .into(),
            as_of: NaiveDate::from_ymd_opt(2024, 11, 12).expect("valid date"),
            time_zone: Zone::SHANGHAI,
            dispatch_event: DispatchEvent::Shipped,
            dispatch_window: Window::CalendarHours(48),
            due_soon_hours: 24,
            thresholds: Thresholds {
                late_dispatch_rate_max: 0.04,
            },
        }
    }

    /// Every built-in profile, the default first.
    pub fn presets() -> Vec<RuleProfile> {
        vec![RuleProfile::cross_border_article()]
    }

    pub fn preset(id: &str) -> Option<RuleProfile> {
        RuleProfile::presets().into_iter().find(|p| p.id == id)
    }
}

impl Default for RuleProfile {
    fn default() -> Self {
        RuleProfile::cross_border_article()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_round_trip_through_json() {
        for preset in RuleProfile::presets() {
            let json = serde_json::to_string_pretty(&preset).unwrap();
            let back: RuleProfile = serde_json::from_str(&json).unwrap();
            assert_eq!(back, preset);
        }
    }

    #[test]
    fn the_default_profile_is_the_articles_48_hours() {
        let json = serde_json::to_value(RuleProfile::default()).unwrap();
        assert_eq!(json["id"], "cross-border-article");
        assert_eq!(json["dispatch_window"]["calendar_hours"], 48);
        assert_eq!(json["time_zone"], "Asia/Shanghai");
    }

    #[test]
    fn a_misspelt_field_is_rejected_rather_than_ignored() {
        let mut json = serde_json::to_value(RuleProfile::default()).unwrap();
        json["due_son_hours"] = 12.into();
        assert!(serde_json::from_value::<RuleProfile>(json).is_err());
    }
}
