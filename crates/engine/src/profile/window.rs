//! Deadline windows: how long a rule gives, and how that time is counted.
//!
//! Platforms word their deadlines three ways, and each is a variant here rather than one
//! approximated by another: elapsed hours ("within 48 hours of the order"), business days
//! ("within 2 business days of the order date, cut-off 11:59 PM": the day of the event is day
//! 0, the deadline falls at the cut-off time of the Nth business day after it), and calendar
//! days ("by 23:59:59 of the 3rd calendar day"). Vietnam's hand-over rule adds an order cut-off
//! to business days: an order that comes before 14:00 on a working day counts that day,
//! one that comes later, or on a day off, counts from the next working day.

use chrono::{DateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::day::{Day, SECONDS_A_DAY};
use crate::zone::Zone;

/// A deadline window measured from a start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Elapsed hours, weekends and holidays included.
    CalendarHours(u32),
    /// The cut-off time on the Nth business day after the start date (the start date itself
    /// is day 0).
    BusinessDays {
        days: u32,
        #[serde(default = "end_of_day")]
        cutoff: NaiveTime,
        /// Orders at or after this time of day, or on a day that is not a business day, count
        /// from the next business day (Vietnam: 14:00).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        order_cutoff: Option<NaiveTime>,
    },
    /// The cut-off time on the Nth calendar day after the start date.
    CalendarDays {
        days: u32,
        #[serde(default = "end_of_day")]
        cutoff: NaiveTime,
    },
}

/// The moment a window starts, with its wall-clock time in the zone deadlines are counted in.
/// An order's windows mostly start at one of two moments (its clock start, its dispatch), so
/// the zone is asked once for each rather than once for each window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowStart {
    pub at: DateTime<Utc>,
    /// Its wall-clock time, in seconds since 1970-01-01 00:00 of that clock.
    wall: i64,
}

impl WindowStart {
    pub fn new(at: DateTime<Utc>, zone: &Zone) -> WindowStart {
        WindowStart { at, wall: zone.wall_seconds(at) }
    }

    /// The day it falls on by the zone's clock.
    pub fn day(&self) -> Option<Day> {
        Day::containing(self.wall)
    }

    /// Whether its wall-clock time of day is `time` or later.
    fn is_at_or_after(&self, time: NaiveTime) -> bool {
        let of_day = self.wall.rem_euclid(SECONDS_A_DAY) as u32;
        (of_day, self.at.timestamp_subsec_nanos()) >= (time.num_seconds_from_midnight(), time.nanosecond())
    }
}

const MILLIS_AN_HOUR: i64 = 3_600_000;

/// `millis`, when chrono can write it down as a time.
fn representable(millis: i64) -> Option<i64> {
    const FIRST: i64 = DateTime::<Utc>::MIN_UTC.timestamp_millis();
    const LAST: i64 = DateTime::<Utc>::MAX_UTC.timestamp_millis();
    (FIRST..=LAST).contains(&millis).then_some(millis)
}

pub(super) fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).expect("valid time")
}

impl Window {
    pub fn business_days(days: u32) -> Window {
        Window::BusinessDays { days, cutoff: end_of_day(), order_cutoff: None }
    }

    /// N business days, counted from the next business day for orders from `order_cutoff` on.
    pub fn business_days_with_order_cutoff(days: u32, order_cutoff: NaiveTime) -> Window {
        Window::BusinessDays { days, cutoff: end_of_day(), order_cutoff: Some(order_cutoff) }
    }

    pub fn calendar_days(days: u32) -> Window {
        Window::CalendarDays { days, cutoff: end_of_day() }
    }

    /// The same kind of window, `more` days or hours longer: a made-to-order listing's handling
    /// time on top of the rule's own days.
    pub fn longer_by(self, more: u32) -> Window {
        match self {
            Window::CalendarHours(hours) => Window::CalendarHours(hours.saturating_add(more.saturating_mul(24))),
            Window::BusinessDays { days, cutoff, order_cutoff } => {
                Window::BusinessDays { days: days.saturating_add(more), cutoff, order_cutoff }
            }
            Window::CalendarDays { days, cutoff } => Window::CalendarDays { days: days.saturating_add(more), cutoff },
        }
    }

    /// The length in its own unit: hours or days.
    pub fn length(self) -> u32 {
        match self {
            Window::CalendarHours(n) | Window::BusinessDays { days: n, .. } | Window::CalendarDays { days: n, .. } => n,
        }
    }

    /// The deadline for a window starting at `start`, counted in `zone` and `calendar`, with
    /// `extra_days` more business days (peak-season extensions; ignored for hour and calendar
    /// day windows), in milliseconds since the Unix epoch, as [`crate::evaluate::Deadlines`]
    /// keeps it. `None` when the deadline falls outside the times the engine can represent.
    pub fn deadline_after(&self, start: WindowStart, zone: &Zone, calendar: &Calendar, extra_days: u32) -> Option<i64> {
        let (due, cutoff) = match *self {
            Window::CalendarHours(hours) => {
                return representable(start.at.timestamp_millis() + i64::from(hours) * MILLIS_AN_HOUR);
            }
            Window::BusinessDays { days, cutoff, order_cutoff } => {
                let day = start.day()?;
                let late = order_cutoff.is_some_and(|at| start.is_at_or_after(at) || !calendar.is_business(day));
                let days = days.checked_add(extra_days)?.checked_add(u32::from(late))?;
                (calendar.business_day_after(day, days)?, cutoff)
            }
            Window::CalendarDays { days, cutoff } => (start.day()?.later_by(days)?, cutoff),
        };
        let seconds = zone.utc_seconds(due.at(cutoff))?;
        representable(seconds * 1_000 + i64::from(cutoff.nanosecond() / 1_000_000))
    }

    /// In words, for evidence: "48 hours", "2 business days (cut-off 23:59:59)".
    pub fn describe(&self) -> String {
        match *self {
            Window::CalendarHours(hours) => format!("{hours} hours"),
            Window::BusinessDays { days, cutoff, order_cutoff: None } => {
                format!("{days} business days (cut-off {cutoff})")
            }
            Window::BusinessDays { days, cutoff, order_cutoff: Some(at) } => format!(
                "{days} business days from the order's business day, orders from {at} or on a day off counting \
                 from the next (cut-off {cutoff})"
            ),
            Window::CalendarDays { days, cutoff } => format!("{days} calendar days (cut-off {cutoff})"),
        }
    }

    /// [`Window::describe`] in Chinese.
    pub fn describe_zh(&self) -> String {
        match *self {
            Window::CalendarHours(hours) => format!("{hours} 小时"),
            Window::BusinessDays { days, cutoff, order_cutoff: None } => format!("{days} 个工作日（截止 {cutoff}）"),
            Window::BusinessDays { days, cutoff, order_cutoff: Some(at) } => {
                format!("{days} 个工作日，{at} 之后或非工作日的订单从下一个工作日起算（截止 {cutoff}）")
            }
            Window::CalendarDays { days, cutoff } => format!("{days} 个自然日（截止 {cutoff}）"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeDelta};

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// The deadline of `window` for an event at `h:m` local time on `day`, as RFC 3339.
    fn due(window: Window, zone: Zone, calendar: &Calendar, day: NaiveDate, h: u32, m: u32) -> String {
        let start = zone.to_utc(day.and_hms_opt(h, m, 0).unwrap()).unwrap();
        let due = window.deadline_after(WindowStart::new(start, &zone), &zone, calendar, 0).unwrap();
        zone.rfc3339(DateTime::from_timestamp_millis(due).unwrap())
    }

    #[test]
    fn a_business_day_cutoff_defaults_to_the_end_of_the_day() {
        let window: Window = serde_json::from_str(r#"{"business_days": {"days": 2}}"#).unwrap();
        assert_eq!(window, Window::business_days(2));
        assert_eq!(window.describe(), "2 business days (cut-off 23:59:59)");
        assert_eq!(window.describe_zh(), "2 个工作日（截止 23:59:59）");
    }

    #[test]
    fn a_us_friday_order_is_due_tuesday_2359_pacific_and_thanksgiving_is_skipped() {
        let (zone, us) = (Zone::LOS_ANGELES, Calendar::country("US").unwrap());
        assert_eq!(due(Window::business_days(2), zone, &us, date(2026, 11, 20), 15, 0), "2026-11-24T23:59:59-08:00");
        assert_eq!(due(Window::business_days(2), zone, &us, date(2026, 11, 25), 9, 0), "2026-11-30T23:59:59-08:00");
    }

    #[test]
    fn a_business_day_deadline_across_the_dst_change_keeps_its_wall_clock_cutoff() {
        let (zone, us) = (Zone::LOS_ANGELES, Calendar::country("US").unwrap());
        // Friday 6 March 2026, before the clocks go forward on Sunday 8 March.
        assert_eq!(due(Window::business_days(2), zone, &us, date(2026, 3, 6), 10, 0), "2026-03-10T23:59:59-07:00");
    }

    #[test]
    fn an_event_at_2359_counts_from_that_day_and_one_a_minute_later_from_the_next() {
        let (zone, us) = (Zone::LOS_ANGELES, Calendar::country("US").unwrap());
        assert_eq!(due(Window::business_days(2), zone, &us, date(2026, 12, 1), 23, 59), "2026-12-03T23:59:59-08:00");
        assert_eq!(due(Window::business_days(2), zone, &us, date(2026, 12, 2), 0, 0), "2026-12-04T23:59:59-08:00");
    }

    #[test]
    fn an_order_cutoff_moves_late_orders_and_days_off_to_the_next_business_day() {
        let zone = Zone::from_name("Asia/Ho_Chi_Minh").unwrap();
        let spec = crate::CalendarSpec { weekend: Some(vec![chrono::Weekday::Sun]), ..Default::default() };
        let monday_to_saturday = Calendar::from_spec(&spec).unwrap();
        let same_day = Window::business_days_with_order_cutoff(0, NaiveTime::from_hms_opt(14, 0, 0).unwrap());
        let due = |day, h, m| due(same_day, zone, &monday_to_saturday, day, h, m);
        // Thursday 3 December 2026: before 14:00 the same day, from 14:00 the next.
        assert_eq!(due(date(2026, 12, 3), 13, 59), "2026-12-03T23:59:59+07:00");
        assert_eq!(due(date(2026, 12, 3), 14, 0), "2026-12-04T23:59:59+07:00");
        // Saturday is a working day; after 14:00 it is due Monday, Sunday being off.
        assert_eq!(due(date(2026, 12, 5), 9, 0), "2026-12-05T23:59:59+07:00");
        assert_eq!(due(date(2026, 12, 5), 15, 0), "2026-12-07T23:59:59+07:00");
        // An order on Sunday morning counts from Monday.
        assert_eq!(due(date(2026, 12, 6), 8, 0), "2026-12-07T23:59:59+07:00");
    }

    #[test]
    fn an_order_half_a_second_before_the_order_cutoff_counts_that_day_and_a_cutoff_keeps_its_milliseconds() {
        let zone = Zone::from_name("Asia/Ho_Chi_Minh").unwrap();
        let time = |h, m, s, ms| NaiveTime::from_hms_milli_opt(h, m, s, ms).unwrap();
        let window =
            Window::BusinessDays { days: 0, cutoff: time(23, 59, 59, 999), order_cutoff: Some(time(14, 0, 0, 500)) };
        let millis = |day: NaiveDate, at: NaiveTime| zone.to_utc(day.and_time(at)).unwrap().timestamp_millis();
        let due = |ms| {
            let start = WindowStart::new(zone.to_utc(date(2026, 12, 3).and_time(time(14, 0, 0, ms))).unwrap(), &zone);
            window.deadline_after(start, &zone, &Calendar::weekdays(), 0)
        };
        assert_eq!(due(499), Some(millis(date(2026, 12, 3), time(23, 59, 59, 999))));
        assert_eq!(due(500), Some(millis(date(2026, 12, 4), time(23, 59, 59, 999))));
    }

    #[test]
    fn calendar_days_count_weekends_and_end_at_the_cutoff() {
        let zone = Zone::SHANGHAI;
        let cn = Calendar::country("CN").unwrap();
        // Friday 3 July 2026 at 22:00: the 3rd calendar day is Monday 6 July.
        assert_eq!(due(Window::calendar_days(3), zone, &cn, date(2026, 7, 3), 22, 0), "2026-07-06T23:59:59+08:00");
    }

    #[test]
    fn hours_count_every_hour_and_a_deadline_past_the_last_representable_date_is_none() {
        let zone = Zone::SHANGHAI;
        let cn = Calendar::country("CN").unwrap();
        assert_eq!(due(Window::CalendarHours(48), zone, &cn, date(2026, 7, 3), 22, 0), "2026-07-05T22:00:00+08:00");
        let last = WindowStart::new(DateTime::<Utc>::MAX_UTC - TimeDelta::hours(1), &zone);
        assert_eq!(Window::CalendarHours(48).deadline_after(last, &zone, &cn, 0), None);
        // Its local date in Shanghai is past the last one, too: no day can be counted from it.
        assert_eq!(Window::business_days(1).deadline_after(last, &zone, &cn, 0), None);
        assert_eq!(Window::calendar_days(1).deadline_after(last, &zone, &cn, 0), None);
    }

    #[test]
    fn a_window_made_longer_keeps_its_unit() {
        assert_eq!(Window::business_days(1).longer_by(3), Window::business_days(4));
        assert_eq!(Window::CalendarHours(48).longer_by(1), Window::CalendarHours(72));
        assert_eq!(Window::calendar_days(3).longer_by(2).length(), 5);
    }
}
