//! Shop metrics: the rates the platform judges a shop by, computed from checked orders, with
//! the breakdowns that show which carriers, destinations and SKUs cause them.
//!
//! Each rate keeps its numerator and denominator, not only the value, because a seller with
//! three shipped orders and one late one needs to see "1 of 3", and because an empty
//! denominator means "no data", never 0 %. The orders behind each numerator are listed, so a
//! view can show them.

use chrono::{DateTime, TimeDelta, Utc};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::board::DueIndex;
use super::evaluate::{OrderCheck, Rules, Stage};
use super::order::{Order, Text};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metric {
    /// `numerator / denominator`; `None` when the denominator is zero.
    pub value: Option<f64>,
    pub numerator: u64,
    pub denominator: u64,
    /// The platform's limit this metric is compared against.
    pub threshold: f64,
    /// Whether the threshold is a ceiling (`at_most`) or a floor (`at_least`).
    pub bound: Bound,
    pub status: MetricStatus,
    /// IDs of the orders counted in the numerator.
    pub orders: Vec<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtMost,
    AtLeast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricStatus {
    Ok,
    /// On the wrong side of the threshold.
    Breach,
    NoData,
}

/// Counts one rate: the denominator's orders, and which of them are in the numerator.
struct Tally {
    numerator: u64,
    denominator: u64,
    orders: Vec<Text>,
}

impl Tally {
    fn new() -> Tally {
        Tally { numerator: 0, denominator: 0, orders: Vec::new() }
    }

    fn count(&mut self, check: &OrderCheck, in_numerator: bool) {
        self.denominator += 1;
        if in_numerator {
            self.numerator += 1;
            self.orders.push(check.order_id.clone());
        }
    }

    fn metric(self, threshold: f64, bound: Bound) -> Metric {
        let value = (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64);
        let status = match (value, bound) {
            (None, _) => MetricStatus::NoData,
            (Some(v), Bound::AtMost) if v > threshold => MetricStatus::Breach,
            (Some(v), Bound::AtLeast) if v < threshold => MetricStatus::Breach,
            _ => MetricStatus::Ok,
        };
        Metric {
            value,
            numerator: self.numerator,
            denominator: self.denominator,
            threshold,
            bound,
            status,
            orders: self.orders,
        }
    }
}

/// Which orders the metrics cover: all, or those whose clock started in the last N days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricWindow {
    All,
    LastDays(u32),
}

impl MetricWindow {
    /// `all`, `7d`, `30d`, …
    pub fn parse(text: &str) -> Option<MetricWindow> {
        if text == "all" {
            return Some(MetricWindow::All);
        }
        let days: u32 = text.strip_suffix('d')?.parse().ok()?;
        (days > 0).then_some(MetricWindow::LastDays(days))
    }

    fn includes(self, check: &OrderCheck, now: DateTime<Utc>) -> bool {
        match self {
            MetricWindow::All => true,
            MetricWindow::LastDays(days) => {
                check.clock.start.is_some_and(|start| start > now - TimeDelta::days(i64::from(days)) && start <= now)
            }
        }
    }
}

/// Median and 90th percentile (nearest rank) of a sample.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Spread {
    pub count: usize,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

impl Spread {
    fn of(mut values: Vec<f64>) -> Spread {
        // Selected, not sorted: linear in the sample, which holds every dispatched order.
        let mut rank = |p: f64| {
            let index = ((p * values.len() as f64).ceil() as usize).clamp(1, values.len().max(1)) - 1;
            (index < values.len()).then(|| *values.select_nth_unstable_by(index, f64::total_cmp).1)
        };
        let (median, p90) = (rank(0.5), rank(0.9));
        Spread { count: values.len(), median, p90 }
    }
}

/// One row of a breakdown: how one carrier, destination, SKU or warehouse performs.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
struct GroupTally {
    orders: u64,
    dispatched: u64,
    dispatched_late: u64,
    delivered: u64,
    delivered_on_time: u64,
    stalled: u64,
    transit_days: Vec<f64>,
}

impl GroupTally {
    fn add(&mut self, check: &OrderCheck, now: DateTime<Utc>) {
        self.orders += 1;
        if let Some(late) = check.clock.shipped_late() {
            self.dispatched += 1;
            self.dispatched_late += u64::from(late);
        }
        if let Some(on_time) = delivered_on_time(check) {
            self.delivered += 1;
            self.delivered_on_time += u64::from(on_time);
        }
        if check.stage == Stage::Dispatched && check.deadlines.transit_limit().is_some_and(|d| now > d.at) {
            self.stalled += 1;
        }
        self.transit_days.extend(check.transit_business_days.map(f64::from));
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

/// A breakdown's rows, largest first. Keys are borrowed while counting, so a million orders
/// cost no allocation per order.
fn groups(tallies: Groups<'_>) -> Vec<Group> {
    let mut groups: Vec<Group> = tallies.into_iter().map(|(key, tally)| tally.group(key.to_owned())).collect();
    groups.sort_by(|a, b| b.orders.cmp(&a.orders).then_with(|| a.key.cmp(&b.key)));
    groups
}

const UNKNOWN: &str = "(unknown)";

/// A carrier the article would replace, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CarrierFlag {
    pub carrier: String,
    pub reasons: Vec<String>,
}

/// A carrier needs this many delivered (or stalled) parcels before it is judged.
const SCORECARD_MIN_PARCELS: u64 = 5;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShopMetrics {
    pub window: MetricWindow,
    /// Orders dispatched after their deadline ÷ orders dispatched with a known deadline.
    pub late_dispatch_rate: Metric,
    /// Parcels shipped with a valid tracking number of their carrier, not reused ÷ parcels shipped.
    pub valid_tracking_rate: Metric,
    /// Delivered by the delivery deadline ÷ delivered with a known deadline.
    pub on_time_delivery_rate: Metric,
    /// Seller and automatic cancellations ÷ paid orders.
    pub seller_fault_cancellation_rate: Metric,
    /// Hours from the clock start to dispatch.
    pub handling_hours: Spread,
    /// Business days from dispatch to delivery.
    pub transit_business_days: Spread,
    pub by_carrier: Vec<Group>,
    pub by_destination: Vec<Group>,
    pub by_sku: Vec<Group>,
    pub by_warehouse: Vec<Group>,
    /// Carriers below target: the article advises replacing carriers that keep performing badly.
    pub carrier_flags: Vec<CarrierFlag>,
}

impl ShopMetrics {
    /// The same metrics without the orders behind each rate: the valid-tracking rate alone names
    /// most orders of an import, hundreds of thousands in a large one. What a page announces to
    /// its host; the orders come with the full results.
    pub fn without_orders(&self) -> ShopMetrics {
        let bare = |metric: &Metric| Metric {
            value: metric.value,
            numerator: metric.numerator,
            denominator: metric.denominator,
            threshold: metric.threshold,
            bound: metric.bound,
            status: metric.status,
            orders: Vec::new(),
        };
        ShopMetrics {
            window: self.window,
            late_dispatch_rate: bare(&self.late_dispatch_rate),
            valid_tracking_rate: bare(&self.valid_tracking_rate),
            on_time_delivery_rate: bare(&self.on_time_delivery_rate),
            seller_fault_cancellation_rate: bare(&self.seller_fault_cancellation_rate),
            handling_hours: self.handling_hours,
            transit_business_days: self.transit_business_days,
            by_carrier: self.by_carrier.clone(),
            by_destination: self.by_destination.clone(),
            by_sku: self.by_sku.clone(),
            by_warehouse: self.by_warehouse.clone(),
            carrier_flags: self.carrier_flags.clone(),
        }
    }
}

fn delivered_on_time(check: &OrderCheck) -> Option<bool> {
    Some(check.delivered? <= check.deadlines.delivery()?.at)
}

/// The four rates the platform judges a shop by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricKind {
    LateDispatch,
    ValidTracking,
    OnTimeDelivery,
    SellerFaultCancellation,
}

impl MetricKind {
    pub const ALL: [MetricKind; 4] = [
        MetricKind::LateDispatch,
        MetricKind::ValidTracking,
        MetricKind::OnTimeDelivery,
        MetricKind::SellerFaultCancellation,
    ];

    /// Whether the rate counts the order, and if it does, whether in its numerator.
    pub fn count(self, check: &OrderCheck) -> Option<bool> {
        match self {
            MetricKind::LateDispatch => check.clock.shipped_late(),
            MetricKind::ValidTracking => {
                matches!(check.stage, Stage::Dispatched | Stage::Delivered).then(|| check.validly_tracked())
            }
            MetricKind::OnTimeDelivery => delivered_on_time(check),
            MetricKind::SellerFaultCancellation => (check.stage != Stage::Unpaid)
                .then(|| check.settled.contains(super::evaluate::FindingCode::SellerFaultCancellation)),
        }
    }

    pub fn bound(self) -> Bound {
        match self {
            MetricKind::LateDispatch | MetricKind::SellerFaultCancellation => Bound::AtMost,
            MetricKind::ValidTracking | MetricKind::OnTimeDelivery => Bound::AtLeast,
        }
    }

    /// Whether the order pulls the rate towards its limit: in the numerator of a ceiling
    /// (shipped late), outside the numerator of a floor (shipped without valid tracking).
    pub fn counts_against(self, check: &OrderCheck) -> bool {
        match (self.count(check), self.bound()) {
            (Some(in_numerator), Bound::AtMost) => in_numerator,
            (Some(in_numerator), Bound::AtLeast) => !in_numerator,
            (None, _) => false,
        }
    }
}

impl ShopMetrics {
    /// Metrics over `checks` (from `rules.check_all(orders)`) at `now`.
    pub fn compute(
        orders: &[Order],
        checks: &[OrderCheck],
        rules: &Rules,
        now: DateTime<Utc>,
        window: MetricWindow,
    ) -> ShopMetrics {
        let mut tally = MetricsTally::new(orders, rules, now, window);
        tally.add(checks);
        tally.finish()
    }
}

/// Shop metrics counted a slice of checks at a time, so a page can count a million orders
/// without blocking; [`ShopMetrics::compute`] is the same count in one go.
pub struct MetricsTally<'a> {
    orders: &'a [Order],
    rules: &'a Rules,
    now: DateTime<Utc>,
    window: MetricWindow,
    /// In `MetricKind::ALL` order.
    rates: [Tally; 4],
    handling: Vec<f64>,
    transit: Vec<f64>,
    by_carrier: Groups<'a>,
    by_destination: Groups<'a>,
    by_sku: Groups<'a>,
    by_warehouse: Groups<'a>,
}

type Groups<'a> = FxHashMap<&'a str, GroupTally>;

impl<'a> MetricsTally<'a> {
    pub fn new(orders: &'a [Order], rules: &'a Rules, now: DateTime<Utc>, window: MetricWindow) -> MetricsTally<'a> {
        MetricsTally {
            orders,
            rules,
            now,
            window,
            rates: [Tally::new(), Tally::new(), Tally::new(), Tally::new()],
            handling: Vec::new(),
            transit: Vec::new(),
            by_carrier: Groups::default(),
            by_destination: Groups::default(),
            by_sku: Groups::default(),
            by_warehouse: Groups::default(),
        }
    }

    /// Counts `checks`, the next of the slices the checks are counted in.
    pub fn add(&mut self, checks: &'a [OrderCheck]) {
        let (now, orders) = (self.now, self.orders);
        let mut skus: Vec<&str> = Vec::new();
        for check in checks.iter().filter(|c| self.window.includes(c, now)) {
            for (kind, tally) in MetricKind::ALL.into_iter().zip(&mut self.rates) {
                if let Some(in_numerator) = kind.count(check) {
                    tally.count(check, in_numerator);
                }
            }
            self.handling.extend(check.handling_hours());
            self.transit.extend(check.transit_business_days.map(f64::from));

            // Aliases of one approved carrier are one row.
            let carrier = self.rules.carrier_name(check).unwrap_or(UNKNOWN);
            self.by_carrier.entry(carrier).or_default().add(check, now);
            let destination = check.country.as_deref().unwrap_or(UNKNOWN);
            self.by_destination.entry(destination).or_default().add(check, now);
            let order = &orders[check.order_index];
            let warehouse = order.warehouse.as_deref().unwrap_or(UNKNOWN);
            self.by_warehouse.entry(warehouse).or_default().add(check, now);
            // An order counts once for each SKU it holds.
            skus.clear();
            skus.extend(order.lines.iter().map(|l| &*l.sku).filter(|s| !s.is_empty()));
            skus.sort_unstable();
            skus.dedup();
            if skus.is_empty() {
                skus.push(UNKNOWN);
            }
            for sku in &skus {
                self.by_sku.entry(sku).or_default().add(check, now);
            }
        }
    }

    pub fn finish(self) -> ShopMetrics {
        let thresholds = self.rules.profile.thresholds;
        let by_carrier = groups(self.by_carrier);
        let carrier_flags = by_carrier
            .iter()
            .filter(|group| group.key != UNKNOWN)
            .filter_map(|group| {
                let mut reasons = Vec::new();
                if let (true, Some(rate)) = (group.delivered >= SCORECARD_MIN_PARCELS, group.on_time_delivery_rate) {
                    if rate < thresholds.on_time_delivery_rate_min {
                        reasons.push(format!(
                            "on-time delivery {:.0} % ({} of {}), below the {:.0} % target",
                            rate * 100.0,
                            group.delivered_on_time,
                            group.delivered,
                            thresholds.on_time_delivery_rate_min * 100.0
                        ));
                    }
                }
                let in_flight = group.dispatched.saturating_sub(group.delivered);
                if in_flight >= SCORECARD_MIN_PARCELS && group.stalled * 10 > in_flight {
                    reasons.push(format!(
                        "{} of {in_flight} parcels in transit are past the transit limit",
                        group.stalled
                    ));
                }
                (!reasons.is_empty()).then(|| CarrierFlag { carrier: group.key.clone(), reasons })
            })
            .collect();

        let [late, tracked, on_time, cancelled] = self.rates;
        let metric = |tally: Tally, kind: MetricKind, threshold: f64| tally.metric(threshold, kind.bound());
        ShopMetrics {
            window: self.window,
            late_dispatch_rate: metric(late, MetricKind::LateDispatch, thresholds.late_dispatch_rate_max),
            valid_tracking_rate: metric(tracked, MetricKind::ValidTracking, thresholds.valid_tracking_rate_min),
            on_time_delivery_rate: metric(on_time, MetricKind::OnTimeDelivery, thresholds.on_time_delivery_rate_min),
            seller_fault_cancellation_rate: metric(
                cancelled,
                MetricKind::SellerFaultCancellation,
                thresholds.seller_fault_cancellation_rate_max,
            ),
            handling_hours: Spread::of(self.handling),
            transit_business_days: Spread::of(self.transit),
            by_carrier,
            by_destination: groups(self.by_destination),
            by_sku: groups(self.by_sku),
            by_warehouse: groups(self.by_warehouse),
            carrier_flags,
        }
    }
}

/// "If every order due in the next `hours` ships now, the late dispatch rate becomes X."
/// Orders already overdue ship late whatever happens, so they join numerator and denominator;
/// orders due within the horizon join the denominator as on time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WhatIf {
    pub hours: u32,
    pub due_within: u64,
    pub already_overdue: u64,
    pub late_dispatch_rate: Option<f64>,
}

///
/// The part that time does not change is counted once ([`Dispatched`]); the open orders come from
/// the [`DueIndex`], so asking again as time passes, or for another horizon, walks no orders.
pub fn what_if(dispatched: Dispatched, due: &DueIndex, now: DateTime<Utc>, hours: u32) -> WhatIf {
    let (overdue, due_within) = (due.overdue(now) as u64, due.due_within(now, hours) as u64);
    let denominator = dispatched.all + overdue + due_within;
    WhatIf {
        hours,
        due_within,
        already_overdue: overdue,
        late_dispatch_rate: (denominator > 0).then(|| (dispatched.late + overdue) as f64 / denominator as f64),
    }
}

/// Orders already dispatched, and how many of them late: the what-if's fixed part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dispatched {
    pub all: u64,
    pub late: u64,
}

impl Dispatched {
    pub fn count(checks: &[OrderCheck]) -> Dispatched {
        let mut dispatched = Dispatched::default();
        dispatched.add(checks);
        dispatched
    }

    /// Counts `checks` too, the next slice of the checks a page counts a slice per task.
    pub fn add(&mut self, checks: &[OrderCheck]) {
        for was_late in checks.iter().filter_map(|check| check.clock.shipped_late()) {
            self.all += 1;
            self.late += u64::from(was_late);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::order::{CancelledBy, OrderStatus, SkuLine};
    use crate::engine::profile::RuleProfile;
    use chrono::TimeZone;

    fn paid() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 1, 0, 0).unwrap()
    }

    /// An order shipped `hours` after payment (None: not shipped).
    fn order(id: &str, hours: Option<i64>) -> Order {
        Order {
            id: id.into(),
            paid: Some(paid()),
            shipped: hours.map(|h| paid() + TimeDelta::hours(h)),
            // A distinct, well-formed YunExpress number per order.
            tracking_id: Some(
                format!("YT{:016}", id.bytes().fold(0u64, |h, b| h * 131 + u64::from(b)) % 10u64.pow(16)).into(),
            ),
            carrier: Some("YunExpress".into()),
            country: Some("US".into()),
            lines: vec![SkuLine { sku: "MUG".into(), quantity: 1, ..SkuLine::default() }],
            ..Order::default()
        }
    }

    fn compute(orders: &[Order], now: DateTime<Utc>, window: MetricWindow) -> ShopMetrics {
        let rules = Rules::new(RuleProfile::default()).unwrap();
        let checks = rules.check_all(orders);
        ShopMetrics::compute(orders, &checks, &rules, now, window)
    }

    #[test]
    fn late_dispatch_rate_counts_only_dispatched_orders_and_names_them() {
        let orders = [order("1", Some(10)), order("2", Some(49)), order("3", Some(48)), order("4", None)];
        let ldr = compute(&orders, paid() + TimeDelta::days(3), MetricWindow::All).late_dispatch_rate;
        assert_eq!((ldr.numerator, ldr.denominator), (1, 3));
        assert_eq!(ldr.value, Some(1.0 / 3.0));
        assert_eq!(ldr.status, MetricStatus::Breach);
        assert_eq!(ldr.orders, vec!["2".into()]);
    }

    #[test]
    fn metrics_without_orders_keep_every_figure_and_drop_only_the_names() {
        let orders = [order("1", Some(10)), order("2", Some(49)), order("3", Some(48)), order("4", None)];
        let full = compute(&orders, paid() + TimeDelta::days(3), MetricWindow::All);
        let bare = full.without_orders();
        assert!(!full.valid_tracking_rate.orders.is_empty());
        let mut named = full.clone();
        for metric in [
            &mut named.late_dispatch_rate,
            &mut named.valid_tracking_rate,
            &mut named.on_time_delivery_rate,
            &mut named.seller_fault_cancellation_rate,
        ] {
            metric.orders.clear();
        }
        assert_eq!(bare, named);
    }

    #[test]
    fn no_dispatched_orders_is_no_data_not_zero_and_the_threshold_itself_is_ok() {
        let ldr = compute(&[order("1", None)], paid(), MetricWindow::All).late_dispatch_rate;
        assert_eq!((ldr.value, ldr.status), (None, MetricStatus::NoData));
        let mut orders: Vec<Order> = (0..24).map(|i| order(&i.to_string(), Some(1))).collect();
        orders.push(order("late", Some(50)));
        let ldr = compute(&orders, paid() + TimeDelta::days(3), MetricWindow::All).late_dispatch_rate;
        assert_eq!((ldr.value, ldr.status), (Some(0.04), MetricStatus::Ok));
    }

    #[test]
    fn tracking_delivery_and_cancellation_rates() {
        let mut untracked = order("u", Some(5));
        untracked.tracking_id = None;
        let mut delivered = order("d", Some(5));
        delivered.delivered = Some(paid() + TimeDelta::days(30));
        let mut cancelled = order("c", None);
        cancelled.status = Some(OrderStatus::Cancelled);
        cancelled.cancelled_by = Some(CancelledBy::Seller);
        let metrics = compute(
            &[untracked, delivered, cancelled, order("ok", Some(5))],
            paid() + TimeDelta::days(40),
            MetricWindow::All,
        );
        let vtr = &metrics.valid_tracking_rate;
        assert_eq!((vtr.numerator, vtr.denominator, vtr.status), (2, 3, MetricStatus::Breach));
        let otdr = &metrics.on_time_delivery_rate;
        assert_eq!((otdr.numerator, otdr.denominator, otdr.status), (0, 1, MetricStatus::Breach));
        let sfcr = &metrics.seller_fault_cancellation_rate;
        assert_eq!((sfcr.numerator, sfcr.denominator), (1, 4));
        assert_eq!(sfcr.orders, vec!["c".into()]);
    }

    #[test]
    fn a_window_keeps_only_recent_orders() {
        let mut old = order("old", Some(60));
        old.paid = Some(paid() - TimeDelta::days(20));
        old.shipped = old.paid.map(|p| p + TimeDelta::hours(60));
        let now = paid() + TimeDelta::days(1);
        assert_eq!(
            compute(&[old.clone(), order("new", Some(5))], now, MetricWindow::LastDays(7))
                .late_dispatch_rate
                .denominator,
            1
        );
        assert_eq!(compute(&[old, order("new", Some(5))], now, MetricWindow::All).late_dispatch_rate.denominator, 2);
        assert_eq!(MetricWindow::parse("30d"), Some(MetricWindow::LastDays(30)));
        assert_eq!(MetricWindow::parse("0d"), None);
        assert_eq!(MetricWindow::parse("week"), None);
    }

    #[test]
    fn handling_hours_spread_uses_nearest_rank() {
        let orders: Vec<Order> = (1..=10).map(|h| order(&h.to_string(), Some(h))).collect();
        let spread = compute(&orders, paid() + TimeDelta::days(1), MetricWindow::All).handling_hours;
        assert_eq!((spread.count, spread.median, spread.p90), (10, Some(5.0), Some(9.0)));
    }

    #[test]
    fn breakdowns_merge_carrier_aliases_and_the_scorecard_flags_slow_carriers() {
        let mut orders = Vec::new();
        for i in 0..6 {
            let mut slow = order(&format!("s{i}"), Some(5));
            slow.carrier = Some(if i % 2 == 0 { "Yun Express" } else { "云途" }.into());
            slow.delivered = Some(paid() + TimeDelta::days(40));
            orders.push(slow);
        }
        let mut other = order("o", Some(5));
        other.carrier = Some("4PX".into());
        orders.push(other);
        let metrics = compute(&orders, paid() + TimeDelta::days(41), MetricWindow::All);
        assert_eq!(metrics.by_carrier[0].key, "YunExpress");
        assert_eq!(metrics.by_carrier[0].orders, 6);
        assert_eq!(metrics.by_carrier[0].on_time_delivery_rate, Some(0.0));
        assert_eq!(metrics.carrier_flags.len(), 1);
        assert!(metrics.carrier_flags[0].reasons[0].starts_with("on-time delivery 0 %"));
        assert_eq!(metrics.by_sku[0].key, "MUG");
        assert_eq!(metrics.by_destination[0].key, "US");
    }

    #[test]
    fn counted_in_slices_the_metrics_are_those_counted_at_once() {
        let orders: Vec<Order> = (0..23)
            .map(|i| {
                let mut order = order(&format!("o{i}"), None);
                // Paid over eleven days, so a week's window holds some of them.
                let paid = paid() + TimeDelta::hours(12 * i as i64);
                order.paid = Some(paid);
                order.shipped = [Some(5), Some(60), None][i % 3].map(|h| paid + TimeDelta::hours(h));
                order.carrier = Some(["YunExpress", "4PX", "云途"][i % 3 / 2 + i % 2].into());
                order.country = (i % 4 != 0).then(|| ["US", "GB"][i % 2].into());
                order.delivered = (i % 3 == 0 && i % 2 == 0).then(|| paid + TimeDelta::days(i as i64 % 4 + 3));
                order.lines.push(SkuLine { sku: format!("S{}", i % 3).into(), quantity: 2, ..SkuLine::default() });
                order
            })
            .collect();
        let rules = Rules::new(RuleProfile::default()).unwrap();
        let checks = rules.check_all(&orders);
        let now = paid() + TimeDelta::days(12);
        for window in [MetricWindow::All, MetricWindow::LastDays(7)] {
            let whole = ShopMetrics::compute(&orders, &checks, &rules, now, window);
            for slice in [1, 4, 10] {
                let mut tally = MetricsTally::new(&orders, &rules, now, window);
                checks.chunks(slice).for_each(|checks| tally.add(checks));
                assert_eq!(tally.finish(), whole, "slices of {slice}");
            }
            assert!(whole.by_sku.len() > 1 && whole.handling_hours.count > 0 && whole.late_dispatch_rate.numerator > 0);
        }
    }

    #[test]
    fn what_if_ships_the_orders_due_soon_and_keeps_the_overdue_ones_late() {
        let now = paid() + TimeDelta::hours(50);
        let mut due_soon = order("soon", None);
        due_soon.paid = Some(now - TimeDelta::hours(40));
        let mut due_later = order("later", None);
        due_later.paid = Some(now);
        let orders = [order("ok", Some(5)), order("overdue", None), due_soon, due_later];
        let rules = Rules::new(RuleProfile::default()).unwrap();
        let checks = rules.check_all(&orders);
        let result = what_if(Dispatched::count(&checks), &DueIndex::new(&checks), now, 24);
        assert_eq!((result.due_within, result.already_overdue), (1, 1));
        assert_eq!(result.late_dispatch_rate, Some(1.0 / 3.0));
    }
}
