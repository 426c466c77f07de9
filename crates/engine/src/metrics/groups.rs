//! The breakdowns: how each carrier, destination, SKU and warehouse performs, one row each,
//! counted in the same pass as the rates; and the carriers the seed article would replace.

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Spread;
use crate::evaluate::{OrderCheck, Stage};

/// One row of a breakdown: how one carrier, destination, SKU or warehouse performs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: String,
    pub orders: u64,
    pub dispatched: u64,
    pub dispatched_late: u64,
    pub delivered: u64,
    pub delivered_on_time: u64,
    /// Undelivered parcels past the transit limit at `now`.
    pub stalled: u64,
    pub late_dispatch_rate: Option<f64>,
    pub on_time_delivery_rate: Option<f64>,
    pub transit_days_median: Option<f64>,
}

#[derive(Default)]
pub(super) struct GroupTally {
    orders: u64,
    dispatched: u64,
    dispatched_late: u64,
    delivered: u64,
    delivered_on_time: u64,
    stalled: u64,
    transit_days: Vec<f64>,
}

/// What one order adds to a group, worked out once: an order is counted in a group of each
/// breakdown (its carrier, destination, warehouse and each of its SKUs).
#[derive(Clone, Copy)]
pub(super) struct GroupEntry {
    shipped_late: Option<bool>,
    delivered_on_time: Option<bool>,
    /// Undelivered past its transit limit.
    stalled: bool,
    transit_days: Option<f64>,
}

impl GroupEntry {
    pub(super) fn of(check: &OrderCheck, now: DateTime<Utc>) -> GroupEntry {
        GroupEntry {
            shipped_late: check.clock.shipped_late(),
            delivered_on_time: check.delivered_on_time,
            stalled: check.stage == Stage::Dispatched && check.deadlines.transit_limit().is_some_and(|d| now > d.at),
            transit_days: check.transit_business_days.map(f64::from),
        }
    }
}

impl GroupTally {
    fn add(&mut self, entry: GroupEntry) {
        self.orders += 1;
        if let Some(late) = entry.shipped_late {
            self.dispatched += 1;
            self.dispatched_late += u64::from(late);
        }
        if let Some(on_time) = entry.delivered_on_time {
            self.delivered += 1;
            self.delivered_on_time += u64::from(on_time);
        }
        self.stalled += u64::from(entry.stalled);
        self.transit_days.extend(entry.transit_days);
    }

    fn group(self, key: String) -> Group {
        let rate = |n: u64, d: u64| (d > 0).then(|| n as f64 / d as f64);
        Group {
            key,
            orders: self.orders,
            dispatched: self.dispatched,
            dispatched_late: self.dispatched_late,
            delivered: self.delivered,
            delivered_on_time: self.delivered_on_time,
            stalled: self.stalled,
            late_dispatch_rate: rate(self.dispatched_late, self.dispatched),
            on_time_delivery_rate: rate(self.delivered_on_time, self.delivered),
            transit_days_median: Spread::of(self.transit_days).median,
        }
    }
}

/// A breakdown's rows, largest first.
pub(super) fn groups(tallies: Groups) -> Vec<Group> {
    let mut groups: Vec<Group> = tallies.into_iter().map(|(key, tally)| tally.group(key.into())).collect();
    groups.sort_by(|a, b| b.orders.cmp(&a.orders).then_with(|| a.key.cmp(&b.key)));
    groups
}

/// The breakdowns' key for orders without a carrier, destination, SKU or warehouse.
pub const UNKNOWN: &str = "(unknown)";

/// A carrier the article would replace, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CarrierFlag {
    pub carrier: String,
    pub reasons: Vec<String>,
    pub reasons_zh: Vec<String>,
}

/// A carrier needs this many delivered (or stalled) parcels before it is judged.
const SCORECARD_MIN_PARCELS: u64 = 5;

pub(super) type Groups = FxHashMap<Box<str>, GroupTally>;

/// Counts an order in `key`'s group.
pub(super) fn count_in(groups: &mut Groups, key: &str, entry: GroupEntry) {
    match groups.get_mut(key) {
        Some(group) => group.add(entry),
        None => groups.entry(key.into()).or_default().add(entry),
    }
}

/// The carriers the article would replace, and why: on-time delivery below `on_time_target`, or
/// too many parcels in transit past the transit limit, once enough parcels say so.
pub(super) fn carrier_flags(by_carrier: &[Group], on_time_target: f64) -> Vec<CarrierFlag> {
    by_carrier
        .iter()
        .filter(|group| group.key != UNKNOWN)
        .filter_map(|group| carrier_flag(group, on_time_target))
        .collect()
}

fn carrier_flag(group: &Group, on_time_target: f64) -> Option<CarrierFlag> {
    let (mut reasons, mut reasons_zh) = (Vec::new(), Vec::new());
    if let (true, Some(rate)) = (group.delivered >= SCORECARD_MIN_PARCELS, group.on_time_delivery_rate) {
        if rate < on_time_target {
            let (rate, target) = (rate * 100.0, on_time_target * 100.0);
            let (on_time, delivered) = (group.delivered_on_time, group.delivered);
            reasons.push(format!(
                "on-time delivery {rate:.0} % ({on_time} of {delivered}), below the {target:.0} % target"
            ));
            reasons_zh
                .push(format!("准时送达率 {rate:.0}%（{delivered} 个中 {on_time} 个），低于 {target:.0}% 的目标"));
        }
    }
    let in_flight = group.dispatched.saturating_sub(group.delivered);
    if in_flight >= SCORECARD_MIN_PARCELS && group.stalled * 10 > in_flight {
        let stalled = group.stalled;
        reasons.push(format!("{stalled} of {in_flight} parcels in transit are past the transit limit"));
        reasons_zh.push(format!("运输中的 {in_flight} 个包裹有 {stalled} 个已超过运输时限"));
    }
    (!reasons.is_empty()).then(|| CarrierFlag { carrier: group.key.clone(), reasons, reasons_zh })
}
