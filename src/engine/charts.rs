//! The series the dashboard draws: the late-dispatch rate day by day, and how handling and
//! transit times spread. Counted here, over every order, so the charts and their text tables
//! show the same numbers and the view only draws.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::evaluate::OrderCheck;
use super::zone::Zone;

/// Dispatches on one local day: how many, and how many missed their deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DailyDispatch {
    pub day: NaiveDate,
    pub dispatched: u64,
    pub late: u64,
}

impl DailyDispatch {
    pub fn rate(&self) -> Option<f64> {
        (self.dispatched > 0).then(|| self.late as f64 / self.dispatched as f64)
    }
}

/// The `days` local days up to and including `now`'s, oldest first, each with the orders
/// dispatched that day (with a known deadline) and how many of them late. Days without a
/// dispatch are in the list, so gaps show.
pub fn daily_late_dispatch(checks: &[OrderCheck], zone: &Zone, now: DateTime<Utc>, days: u32) -> Vec<DailyDispatch> {
    let last = zone.local(now).date_naive();
    let first = last - TimeDelta::days(i64::from(days.max(1)) - 1);
    let mut series: Vec<DailyDispatch> = first
        .iter_days()
        .take_while(|day| *day <= last)
        .map(|day| DailyDispatch { day, dispatched: 0, late: 0 })
        .collect();
    for check in checks {
        let (Some(dispatched), Some(late)) = (check.clock.dispatched, check.clock.shipped_late()) else { continue };
        let day = zone.local(dispatched).date_naive();
        if let Some(slot) = usize::try_from((day - first).num_days()).ok().and_then(|i| series.get_mut(i)) {
            slot.dispatched += 1;
            slot.late += u64::from(late);
        }
    }
    series
}

/// One bar of a histogram: values from `lower` up to, not including, `upper` (`None`: no end).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bucket {
    pub lower: f64,
    pub upper: Option<f64>,
    pub count: u64,
}

/// Counts `values` into buckets starting at each of `edges` (ascending); values below the first
/// edge are not counted.
pub fn histogram(values: impl IntoIterator<Item = f64>, edges: &[f64]) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> = edges
        .iter()
        .enumerate()
        .map(|(i, &lower)| Bucket { lower, upper: edges.get(i + 1).copied(), count: 0 })
        .collect();
    for value in values {
        if let Some(i) = edges.iter().rposition(|&edge| value >= edge) {
            buckets[i].count += 1;
        }
    }
    buckets
}

/// Hours from the clock start to dispatch, in bands around the usual 48-hour limit.
pub const HANDLING_HOURS_EDGES: [f64; 8] = [0.0, 6.0, 12.0, 24.0, 36.0, 48.0, 72.0, 96.0];

/// Business days in transit, in bands around the usual 6- to 15-day limits.
pub const TRANSIT_DAYS_EDGES: [f64; 8] = [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 20.0, 30.0];

/// Hours each dispatched order took to dispatch.
pub fn handling_hours(checks: &[OrderCheck]) -> impl Iterator<Item = f64> + '_ {
    checks.iter().filter_map(|check| {
        let (start, dispatched) = (check.clock.start?, check.clock.dispatched?);
        Some((dispatched - start).num_seconds() as f64 / 3600.0)
    })
}

/// Business days each delivered order spent in transit.
pub fn transit_days(checks: &[OrderCheck]) -> impl Iterator<Item = f64> + '_ {
    checks.iter().filter_map(|check| check.transit_business_days.map(f64::from))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::engine::order::Order;
    use crate::engine::{RuleProfile, Rules};

    #[test]
    fn histogram_buckets_include_their_lower_edge_and_the_last_has_no_end() {
        let buckets = histogram([0.0, 5.9, 6.0, 47.0, 48.0, 500.0, -1.0], &[0.0, 6.0, 48.0]);
        let counts: Vec<u64> = buckets.iter().map(|b| b.count).collect();
        assert_eq!(counts, [2, 2, 2]);
        assert_eq!(buckets[1].upper, Some(48.0));
        assert_eq!(buckets[2].upper, None);
    }

    #[test]
    fn each_dispatch_counts_on_its_local_day_and_empty_days_stay() {
        let rules = Rules::new(RuleProfile::cross_border_article()).unwrap();
        let zone = rules.profile.time_zone;
        let utc = |d: u32, h: u32| Utc.with_ymd_and_hms(2024, 11, d, h, 0, 0).unwrap();
        let order = |id: &str, paid: DateTime<Utc>, shipped: DateTime<Utc>| Order {
            id: id.into(),
            paid: Some(paid),
            shipped: Some(shipped),
            ..Order::default()
        };
        let orders = [
            // Shipped 10 Nov 17:00 UTC: 11 Nov 01:00 in China, on time.
            order("A", utc(10, 0), utc(10, 17)),
            // 11 Nov in China too, 72 hours after payment: late.
            order("B", utc(8, 2), utc(11, 2)),
            // Not dispatched: not counted.
            Order { id: "C".into(), paid: Some(utc(11, 0)), ..Order::default() },
        ];
        let checks = rules.check_all(&orders);
        let series = daily_late_dispatch(&checks, &zone, utc(13, 0), 4);
        let days: Vec<String> = series.iter().map(|d| d.day.to_string()).collect();
        assert_eq!(days, ["2024-11-10", "2024-11-11", "2024-11-12", "2024-11-13"]);
        assert_eq!((series[1].dispatched, series[1].late), (2, 1));
        assert_eq!(series[1].rate(), Some(0.5));
        assert_eq!(series[0].rate(), None);
        let hours: Vec<f64> = handling_hours(&checks).collect();
        assert_eq!(hours, [17.0, 72.0]);
    }
}
