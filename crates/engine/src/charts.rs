//! The series the dashboard draws: the late-dispatch rate day by day, and how handling and
//! transit times spread. Counted here, over every order, so the charts and their text tables
//! show the same numbers and the view only draws.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::evaluate::OrderCheck;
use super::zone::Zone;

/// Dispatches on one local day: how many, and how many missed their deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Every chart of the dashboard.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Charts {
    /// The `days` local days up to and including that of the moment counted at, oldest first,
    /// each with the orders dispatched that day (with a known deadline) and how many of them
    /// late. Days without a dispatch are in the list, so gaps show.
    pub daily: Vec<DailyDispatch>,
    /// Hours each dispatched order took to dispatch.
    pub handling_hours: Vec<Bucket>,
    /// Business days each delivered order spent in transit.
    pub transit_days: Vec<Bucket>,
}

impl Charts {
    /// The charts of `checks` at `now`, in one go.
    pub fn count<'c>(
        checks: impl IntoIterator<Item = &'c OrderCheck>,
        zone: Zone,
        now: DateTime<Utc>,
        days: u32,
    ) -> Charts {
        let mut tally = ChartTally::new(zone, now, days);
        tally.add(checks);
        tally.finish()
    }
}

/// The charts counted a slice of checks at a time, so a page can count a million orders without
/// blocking.
pub struct ChartTally {
    zone: Zone,
    first: NaiveDate,
    /// No dispatch before this can fall on a charted day: the local day is worked out (which is
    /// the costly part) only for those after it.
    since: DateTime<Utc>,
    charts: Charts,
}

impl ChartTally {
    pub fn new(zone: Zone, now: DateTime<Utc>, days: u32) -> ChartTally {
        let days = i64::from(days.max(1));
        let last = zone.local(now).date_naive();
        let first = last - TimeDelta::days(days - 1);
        let daily = first
            .iter_days()
            .take_while(|day| *day <= last)
            .map(|day| DailyDispatch { day, dispatched: 0, late: 0 })
            .collect();
        ChartTally {
            zone,
            first,
            // A zone is less than a day from UTC.
            since: now - TimeDelta::days(days + 1),
            charts: Charts {
                daily,
                handling_hours: buckets(&HANDLING_HOURS_EDGES),
                transit_days: buckets(&TRANSIT_DAYS_EDGES),
            },
        }
    }

    pub fn add<'c>(&mut self, checks: impl IntoIterator<Item = &'c OrderCheck>) {
        let charts = &mut self.charts;
        for check in checks {
            count(&mut charts.handling_hours, check.handling_hours());
            count(&mut charts.transit_days, check.transit_business_days.map(f64::from));
            let (Some(dispatched), Some(late)) = (check.clock.dispatched, check.clock.shipped_late()) else { continue };
            if dispatched < self.since {
                continue;
            }
            let day = self.zone.local(dispatched).date_naive();
            let slot = usize::try_from((day - self.first).num_days()).ok().and_then(|i| charts.daily.get_mut(i));
            if let Some(slot) = slot {
                slot.dispatched += 1;
                slot.late += u64::from(late);
            }
        }
    }

    pub fn finish(self) -> Charts {
        self.charts
    }
}

/// One bar of a histogram: values from `lower` up to, not including, `upper` (`None`: no end).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bucket {
    pub lower: f64,
    pub upper: Option<f64>,
    pub count: u64,
}

/// Empty buckets starting at each of `edges` (ascending), the last without an end.
fn buckets(edges: &[f64]) -> Vec<Bucket> {
    let upper = |i: usize| edges.get(i + 1).copied();
    edges.iter().enumerate().map(|(i, &lower)| Bucket { lower, upper: upper(i), count: 0 }).collect()
}

/// Counts `value` in its bucket; a value below the first edge is not counted.
fn count(buckets: &mut [Bucket], value: Option<f64>) {
    let Some(value) = value else { return };
    if let Some(bucket) = buckets.iter_mut().rev().find(|bucket| value >= bucket.lower) {
        bucket.count += 1;
    }
}

/// Hours from the clock start to dispatch, in bands around the usual 48-hour limit.
const HANDLING_HOURS_EDGES: [f64; 8] = [0.0, 6.0, 12.0, 24.0, 36.0, 48.0, 72.0, 96.0];

/// Business days in transit, in bands around the usual 6- to 15-day limits.
const TRANSIT_DAYS_EDGES: [f64; 8] = [0.0, 3.0, 6.0, 9.0, 12.0, 15.0, 20.0, 30.0];

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::order::Order;
    use crate::{RuleProfile, Rules};

    #[test]
    fn histogram_buckets_include_their_lower_edge_and_the_last_has_no_end() {
        let mut buckets = buckets(&[0.0, 6.0, 48.0]);
        for value in [0.0, 5.9, 6.0, 47.0, 48.0, 500.0, -1.0] {
            count(&mut buckets, Some(value));
        }
        count(&mut buckets, None);
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
            // 9 Nov 17:00 UTC is 10 Nov 01:00 in China: the first day charted.
            order("D", utc(9, 10), utc(9, 17)),
            // 9 Nov in China: before the first day.
            order("E", utc(9, 0), utc(9, 15)),
        ];
        let checks = rules.check_all(&orders);
        let charts = Charts::count(&checks, zone, utc(13, 0), 4);
        let series = &charts.daily;
        let days: Vec<String> = series.iter().map(|d| d.day.to_string()).collect();
        assert_eq!(days, ["2024-11-10", "2024-11-11", "2024-11-12", "2024-11-13"]);
        assert_eq!((series[1].dispatched, series[1].late), (2, 1));
        assert_eq!(series[1].rate(), Some(0.5));
        assert_eq!((series[0].dispatched, series[0].late), (1, 0));
        assert_eq!(series[2].rate(), None);
        // 17, 72, 7 and 15 hours to dispatch.
        let hours: Vec<u64> = charts.handling_hours.iter().map(|b| b.count).collect();
        assert_eq!(hours, [0, 1, 2, 0, 0, 0, 1, 0]);
        // Counted an order at a time, the same charts.
        let mut tally = ChartTally::new(zone, utc(13, 0), 4);
        checks.chunks(1).for_each(|check| tally.add(check));
        assert_eq!(tally.finish(), charts);
    }
}
