//! Shop metrics: the rates the platform judges a shop by, computed from checked orders, with
//! the breakdowns that show which carriers, destinations and SKUs cause them.
//!
//! Each rate keeps its numerator and denominator, not only the value, because a seller with
//! three shipped orders and one late one needs to see "1 of 3", and because an empty
//! denominator means "no data", never 0 %. The orders behind each numerator are listed, so a
//! view can show them.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::board::DueIndex;
use super::evaluate::{FindingCode, OrderCheck, Rules, Stage, TrackingStatus};
use super::order::{Order, Text};
use super::profile::{Counted, MetricRule, MetricRules, MAX_WINDOW_DAYS};
use super::tracking::carriers::{carrier_info, CarrierInfo};
use super::zone::Zone;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// `numerator / denominator`; `None` when the denominator is zero.
    pub value: Option<f64>,
    pub numerator: u64,
    pub denominator: u64,
    /// The level the platform recommends.
    pub threshold: f64,
    /// The level past which the platform acts, if it names one.
    pub enforced_at: Option<f64>,
    /// Whether the threshold is a ceiling (`at_most`) or a floor (`at_least`).
    pub bound: Bound,
    pub status: MetricStatus,
    /// IDs of the orders counted in the numerator.
    pub orders: Vec<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtMost,
    AtLeast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricStatus {
    Ok,
    /// On the wrong side of the recommended level.
    Breach,
    /// Past the level at which the platform acts (see the profile's `metrics.*.enforced`).
    Enforced,
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

    /// Counts an order; its ID is looked up only when it is in the numerator.
    fn count(&mut self, in_numerator: bool, order_id: impl FnOnce() -> Text) {
        self.denominator += 1;
        if in_numerator {
            self.numerator += 1;
            self.orders.push(order_id());
        }
    }

    fn metric(self, rule: &MetricRule, bound: Bound) -> Metric {
        let value = (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64);
        let past = |level: f64, inclusive: bool| {
            value.is_some_and(|v| match (bound, inclusive) {
                (Bound::AtMost, false) => v > level,
                (Bound::AtMost, true) => v >= level,
                (Bound::AtLeast, false) => v < level,
                (Bound::AtLeast, true) => v <= level,
            })
        };
        let status = match value {
            None => MetricStatus::NoData,
            Some(_) if rule.enforced.as_ref().is_some_and(|e| past(e.at, e.inclusive)) => MetricStatus::Enforced,
            Some(_) if past(rule.target, false) => MetricStatus::Breach,
            Some(_) => MetricStatus::Ok,
        };
        Metric {
            value,
            numerator: self.numerator,
            denominator: self.denominator,
            threshold: rule.target,
            enforced_at: rule.enforced.as_ref().map(|e| e.at),
            bound,
            status,
            orders: self.orders,
        }
    }
}

/// Which orders the metrics cover: all, the last N days, or one Monday-to-Sunday week (in the
/// profile's zone). Each rate places an order by its own event (see [`MetricKind::dated_at`]);
/// breakdowns place it by its clock start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricWindow {
    All,
    LastDays(u32),
    /// The week starting on this Monday.
    Week(NaiveDate),
}

impl MetricWindow {
    /// `all`, `7d`, `30d`, …, `week` (this week), `week-1` (last week), … `week-52`.
    pub fn parse(text: &str, now: DateTime<Utc>, zone: &Zone) -> Option<MetricWindow> {
        if text == "all" {
            return Some(MetricWindow::All);
        }
        if let Some(back) = text.strip_prefix("week") {
            let back: u32 = if back.is_empty() { 0 } else { back.strip_prefix('-')?.parse().ok()? };
            return (back <= 52).then(|| MetricWindow::week_of(now, zone, back));
        }
        let days: u32 = text.strip_suffix('d')?.parse().ok()?;
        (1..=MAX_WINDOW_DAYS).contains(&days).then_some(MetricWindow::LastDays(days))
    }

    /// The week `back` weeks before the one `now` falls in.
    pub fn week_of(now: DateTime<Utc>, zone: &Zone, back: u32) -> MetricWindow {
        let monday = monday_of(zone.local(now).date_naive());
        MetricWindow::Week(monday - TimeDelta::weeks(i64::from(back)))
    }

    /// Whether `at` falls in the window.
    fn covers(self, at: DateTime<Utc>, now: DateTime<Utc>, zone: &Zone) -> bool {
        match self {
            MetricWindow::All => true,
            MetricWindow::LastDays(days) => at > now - TimeDelta::days(i64::from(days)) && at <= now,
            MetricWindow::Week(monday) => monday_of(zone.local(at).date_naive()) == monday,
        }
    }

    /// Whether an event at `at`, in the week starting on local day `week` (worked out by the
    /// caller, once for every week window), falls in the window; the whole of it counts
    /// everything, dated or not.
    fn covers_event(self, at: Option<DateTime<Utc>>, week: Option<NaiveDate>, now: DateTime<Utc>) -> bool {
        match (self, at) {
            (MetricWindow::All, _) => true,
            (MetricWindow::LastDays(days), Some(at)) => at > now - TimeDelta::days(i64::from(days)) && at <= now,
            (MetricWindow::Week(monday), Some(_)) => week == Some(monday),
            (_, None) => false,
        }
    }

    fn includes(self, check: &OrderCheck, now: DateTime<Utc>, zone: &Zone) -> bool {
        self == MetricWindow::All || check.clock.start.is_some_and(|start| self.covers(start, now, zone))
    }
}

/// The Monday of `day`'s week.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Median and 90th percentile (nearest rank) of a sample.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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
struct GroupTally {
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
struct GroupEntry {
    shipped_late: Option<bool>,
    delivered_on_time: Option<bool>,
    /// Undelivered past its transit limit.
    stalled: bool,
    transit_days: Option<f64>,
}

impl GroupEntry {
    fn of(check: &OrderCheck, now: DateTime<Utc>) -> GroupEntry {
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
fn groups(tallies: Groups) -> Vec<Group> {
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopMetrics {
    pub window: MetricWindow,
    /// Seller-fulfilled orders dispatched after their deadline ÷ orders dispatched (FBT ones
    /// counted as on time).
    pub late_dispatch_rate: Metric,
    /// Packages shipped with a valid tracking number of their carrier, not reused ÷ packages
    /// shipped (FBT and platform-shipped ones left out).
    pub valid_tracking_rate: Metric,
    /// Delivered by the deliver-by date ÷ orders whose deliver-by date has come (an undelivered
    /// one past it is late; FBT and express ones left out).
    pub on_time_delivery_rate: Metric,
    /// Seller and automatic cancellations ÷ paid orders (creator samples left out).
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
        let bare = |metric: &Metric| metric.clone().without_orders();
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

/// The four rates the platform judges a shop by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

    /// Its name in links and exports.
    pub fn code(self) -> &'static str {
        match self {
            MetricKind::LateDispatch => "late_dispatch",
            MetricKind::ValidTracking => "valid_tracking",
            MetricKind::OnTimeDelivery => "on_time_delivery",
            MetricKind::SellerFaultCancellation => "seller_fault_cancellation",
        }
    }

    pub fn parse(code: &str) -> Option<MetricKind> {
        MetricKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The profile's definition of this metric.
    pub fn rule(self, rules: &MetricRules) -> &MetricRule {
        match self {
            MetricKind::LateDispatch => &rules.late_dispatch,
            MetricKind::ValidTracking => &rules.valid_tracking,
            MetricKind::OnTimeDelivery => &rules.on_time_delivery,
            MetricKind::SellerFaultCancellation => &rules.seller_fault_cancellation,
        }
    }

    /// Whether the rate counts the order at `now`, and if it does, whether in its numerator:
    /// the platform's definitions, with the profile's exemptions.
    /// - late dispatch: dispatched orders, late ones in the numerator;
    /// - valid tracking: shipped orders (per package, see [`Rates`]), validly tracked ones in it;
    /// - on-time delivery: orders whose deliver-by date has come, delivered by then in it (one
    ///   past it and not delivered is late);
    /// - seller-fault cancellation: confirmed (paid) orders, those cancelled by the seller or
    ///   automatically in it.
    pub fn count(self, check: &OrderCheck, rule: &MetricRule, now: DateTime<Utc>) -> Option<bool> {
        let in_numerator = match self {
            MetricKind::LateDispatch => check.clock.dispatched.map(|_| check.clock.shipped_late() == Some(true)),
            MetricKind::ValidTracking => {
                matches!(check.stage, Stage::Dispatched | Stage::Delivered).then(|| check.validly_tracked())
            }
            MetricKind::OnTimeDelivery => on_time(check, now),
            MetricKind::SellerFaultCancellation => {
                (check.stage != Stage::Unpaid).then(|| check.settled.contains(FindingCode::SellerFaultCancellation))
            }
        };
        // The late dispatch rate counts only dispatches with a known deadline, and FBT ones.
        let counted = match self {
            MetricKind::LateDispatch => {
                in_numerator.filter(|_| check.clock.deadline.is_some() || check.fulfilled_by_tiktok())
            }
            _ => in_numerator,
        }?;
        match check.groups.iter().find_map(|group| rule.exemption(group)) {
            Some(Counted::NotCounted) => None,
            Some(Counted::AsMet) => Some(self.bound() == Bound::AtLeast),
            None => Some(counted),
        }
    }

    /// The event that places an order in a period: its dispatch for the late dispatch and
    /// valid tracking rates, its deliver-by date for on-time delivery, its clock start (paid)
    /// for cancellations.
    pub fn dated_at(self, check: &OrderCheck) -> Option<DateTime<Utc>> {
        match self {
            MetricKind::LateDispatch | MetricKind::ValidTracking => check.clock.dispatched,
            MetricKind::OnTimeDelivery => check.deadlines.delivery().map(|d| d.at),
            MetricKind::SellerFaultCancellation => check.clock.start,
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
    pub fn counts_against(self, check: &OrderCheck, rules: &Rules, now: DateTime<Utc>) -> bool {
        match (self.count(check, self.rule(&rules.profile.metrics), now), self.bound()) {
            (Some(in_numerator), Bound::AtMost) => in_numerator,
            (Some(in_numerator), Bound::AtLeast) => !in_numerator,
            (None, _) => false,
        }
    }
}

/// Whether an order met its deliver-by date, once that date has come: delivered by then, or
/// not (delivered later, or not yet delivered past it). Cancelled orders are not expected.
fn on_time(check: &OrderCheck, now: DateTime<Utc>) -> Option<bool> {
    let due = check.deadlines.delivery()?.at;
    match (check.stage, check.delivered_on_time) {
        (Stage::Cancelled | Stage::Unpaid, _) => None,
        (_, Some(on_time)) => Some(on_time),
        (_, None) => (now > due).then_some(false),
    }
}

/// The four rates over one window or several, counted a slice of checks at a time: each
/// order's counting is worked out once and added to every window its event falls in (a week by
/// week table is one pass, not one per week). The valid tracking rate counts packages: an
/// order's first package and each other package of a split order, a package shared by combined
/// orders once.
pub struct Rates {
    now: DateTime<Utc>,
    windows: Vec<MetricWindow>,
    /// Per window, in `MetricKind::ALL` order.
    tallies: Vec<[Tally; 4]>,
    /// Per window, the packages counted (the orders' own texts, shared, not copied).
    packages: Vec<FxHashSet<Text>>,
    /// Whether each other package of a split order has a valid number, and the order's
    /// position: worked out once for an order, however many windows count it.
    other_packages: (Option<usize>, Vec<bool>),
    /// What ShipCheck knows of each carrier those orders name: a handful of names, looked up
    /// once each rather than once an order.
    carriers: FxHashMap<Text, Option<&'static CarrierInfo>>,
}

impl Rates {
    pub fn over(now: DateTime<Utc>, windows: Vec<MetricWindow>) -> Rates {
        let tallies = windows.iter().map(|_| [Tally::new(), Tally::new(), Tally::new(), Tally::new()]).collect();
        let packages = windows.iter().map(|_| FxHashSet::default()).collect();
        let other_packages = (None, Vec::new());
        Rates { now, windows, tallies, packages, other_packages, carriers: FxHashMap::default() }
    }

    /// Counts `checks`, each of an order of `orders`, under `rules`.
    pub fn add<'c>(&mut self, orders: &[Order], rules: &Rules, checks: impl IntoIterator<Item = &'c OrderCheck>) {
        let (metrics, zone) = (&rules.profile.metrics, &rules.profile.time_zone);
        let weeks = self.windows.iter().any(|w| matches!(w, MetricWindow::Week(_)));
        for check in checks {
            // The week (its local Monday) of the moment a rate dates an order by: worked out once
            // for every week window, and once for the two rates dated at the dispatch.
            let mut dated: Option<(Option<DateTime<Utc>>, Option<NaiveDate>)> = None;
            for (kind, i) in MetricKind::ALL.into_iter().zip(0..) {
                let Some(in_numerator) = kind.count(check, kind.rule(metrics), self.now) else { continue };
                let at = kind.dated_at(check);
                let week = match dated {
                    Some((seen, week)) if seen == at => week,
                    _ => dated.insert((at, at.filter(|_| weeks).map(|at| monday_of(zone.local(at).date_naive())))).1,
                };
                for w in 0..self.windows.len() {
                    if !self.windows[w].covers_event(at, week, self.now) {
                        continue;
                    }
                    if kind == MetricKind::ValidTracking {
                        self.count_packages(w, &orders[check.order_index], check, in_numerator);
                    } else {
                        self.tallies[w][i].count(in_numerator, || orders[check.order_index].id.clone());
                    }
                }
            }
        }
    }

    /// Counts a shipped order's packages for window `w`'s valid tracking rate.
    fn count_packages(&mut self, w: usize, order: &Order, check: &OrderCheck, first_valid: bool) {
        let (tally, packages) = (&mut self.tallies[w][1], &mut self.packages[w]);
        if order.package_id.as_ref().is_none_or(|package| packages.insert(package.clone())) {
            tally.count(first_valid, || order.id.clone());
        }
        let Some(terms) = order.terms.as_deref() else { return };
        let (judged, valid) = &mut self.other_packages;
        if *judged != Some(check.order_index) {
            let carrier = order.carrier.as_ref().and_then(|name| match self.carriers.get(&**name) {
                Some(&info) => info,
                None => *self.carriers.entry(name.clone()).or_insert(carrier_info(name)),
            });
            valid.clear();
            valid.extend(
                terms
                    .more_packages
                    .iter()
                    .map(|(_, number)| TrackingStatus::of(number.as_deref(), carrier).counts_as_valid()),
            );
            *judged = Some(check.order_index);
        }
        for ((package, _), &valid) in terms.more_packages.iter().zip(valid.iter()) {
            if package.as_ref().is_none_or(|package| packages.insert(package.clone())) {
                tally.count(valid, || order.id.clone());
            }
        }
    }

    /// Each window's rates, in `MetricKind::ALL` order.
    pub fn finish(self, rules: &Rules) -> Vec<[Metric; 4]> {
        let metrics = &rules.profile.metrics;
        self.tallies
            .into_iter()
            .map(|tallies| {
                let mut kinds = MetricKind::ALL.into_iter();
                tallies.map(|tally| {
                    let kind = kinds.next().expect("four kinds");
                    tally.metric(kind.rule(metrics), kind.bound())
                })
            })
            .collect()
    }
}

/// The four rates week by week, as Seller Center's Fulfillment Performance page shows them:
/// this week and the ones before it, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeeklyMetrics {
    pub weeks: Vec<WeekMetrics>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekMetrics {
    /// The Monday the week starts on, in the profile's zone.
    pub monday: NaiveDate,
    pub late_dispatch_rate: Metric,
    pub valid_tracking_rate: Metric,
    pub on_time_delivery_rate: Metric,
    pub seller_fault_cancellation_rate: Metric,
}

impl WeeklyMetrics {
    /// The same rates without the IDs behind them, for a page to show.
    pub fn without_orders(&self) -> WeeklyMetrics {
        let bare = |metric: &Metric| metric.clone().without_orders();
        let week = |w: &WeekMetrics| WeekMetrics {
            monday: w.monday,
            late_dispatch_rate: bare(&w.late_dispatch_rate),
            valid_tracking_rate: bare(&w.valid_tracking_rate),
            on_time_delivery_rate: bare(&w.on_time_delivery_rate),
            seller_fault_cancellation_rate: bare(&w.seller_fault_cancellation_rate),
        };
        WeeklyMetrics { weeks: self.weeks.iter().map(week).collect() }
    }

    /// This week and the `earlier` weeks before it.
    pub fn compute<'c>(
        orders: &[Order],
        checks: impl IntoIterator<Item = &'c OrderCheck>,
        rules: &Rules,
        now: DateTime<Utc>,
        earlier: u32,
    ) -> WeeklyMetrics {
        let zone = &rules.profile.time_zone;
        let windows: Vec<MetricWindow> = (0..=earlier).map(|back| MetricWindow::week_of(now, zone, back)).collect();
        let mut rates = Rates::over(now, windows.clone());
        rates.add(orders, rules, checks);
        WeeklyMetrics::of(windows.into_iter().zip(rates.finish(rules)))
    }

    /// The weeks' rates, by their windows.
    fn of(weeks: impl Iterator<Item = (MetricWindow, [Metric; 4])>) -> WeeklyMetrics {
        let weeks = weeks
            .filter_map(|(window, rates)| {
                let MetricWindow::Week(monday) = window else { return None };
                let [late, tracked, on_time, cancelled] = rates.map(Metric::without_orders);
                Some(WeekMetrics {
                    monday,
                    late_dispatch_rate: late,
                    valid_tracking_rate: tracked,
                    on_time_delivery_rate: on_time,
                    seller_fault_cancellation_rate: cancelled,
                })
            })
            .collect();
        WeeklyMetrics { weeks }
    }
}

impl Metric {
    /// The same figures without the orders behind them.
    pub fn without_orders(self) -> Metric {
        Metric { orders: Vec::new(), ..self }
    }
}

impl ShopMetrics {
    /// Metrics over `checks` (from `rules.check_all(orders)`, all or some) at `now`.
    pub fn compute<'a>(
        orders: &'a [Order],
        checks: impl IntoIterator<Item = &'a OrderCheck> + Clone,
        rules: &'a Rules,
        now: DateTime<Utc>,
        window: MetricWindow,
    ) -> ShopMetrics {
        let mut tally = MetricsTally::new(rules, now, window);
        tally.add(orders, rules, checks);
        tally.finish(rules)
    }

    /// [`ShopMetrics::compute`] and, in the same pass, [`WeeklyMetrics::compute`] for this week
    /// and the `earlier` ones: what one thread counts for a check's summary.
    pub fn with_weeks<'a>(
        orders: &'a [Order],
        checks: impl IntoIterator<Item = &'a OrderCheck> + Clone,
        rules: &'a Rules,
        now: DateTime<Utc>,
        window: MetricWindow,
        earlier: u32,
    ) -> (ShopMetrics, WeeklyMetrics) {
        let mut tally = MetricsTally::with_weeks(rules, now, window, earlier);
        tally.add(orders, rules, checks);
        tally.finish_with_weeks(rules)
    }
}

/// Shop metrics counted a slice of checks at a time, so that a worker can answer other questions
/// between slices of a million orders; [`ShopMetrics::compute`] is the same count in one go. It
/// holds nothing of the orders but shared texts, so it can be kept beside them between slices:
/// each slice is given the orders and the rules.
pub struct MetricsTally {
    now: DateTime<Utc>,
    window: MetricWindow,
    rates: Rates,
    handling: Vec<f64>,
    transit: Vec<f64>,
    by_carrier: Groups,
    by_destination: Groups,
    by_sku: Groups,
    by_warehouse: Groups,
}

/// A breakdown's tallies by key: a key is copied the first time it is met, so a million orders
/// cost an allocation per carrier, destination, SKU or warehouse, not per order.
type Groups = FxHashMap<Box<str>, GroupTally>;

/// Counts an order in `key`'s group.
fn count_in(groups: &mut Groups, key: &str, entry: GroupEntry) {
    match groups.get_mut(key) {
        Some(group) => group.add(entry),
        None => groups.entry(key.into()).or_default().add(entry),
    }
}

impl MetricsTally {
    pub fn new(rules: &Rules, now: DateTime<Utc>, window: MetricWindow) -> MetricsTally {
        MetricsTally::counting_weeks(rules, now, window, None)
    }

    /// The metrics over `window` and the rates week by week, this week and the `earlier` ones,
    /// counted in the same pass over the checks.
    pub fn with_weeks(rules: &Rules, now: DateTime<Utc>, window: MetricWindow, earlier: u32) -> MetricsTally {
        MetricsTally::counting_weeks(rules, now, window, Some(earlier))
    }

    fn counting_weeks(rules: &Rules, now: DateTime<Utc>, window: MetricWindow, weeks: Option<u32>) -> MetricsTally {
        let zone = &rules.profile.time_zone;
        let weeks =
            weeks.into_iter().flat_map(|earlier| 0..=earlier).map(|back| MetricWindow::week_of(now, zone, back));
        MetricsTally {
            now,
            window,
            rates: Rates::over(now, std::iter::once(window).chain(weeks).collect()),
            handling: Vec::new(),
            transit: Vec::new(),
            by_carrier: Groups::default(),
            by_destination: Groups::default(),
            by_sku: Groups::default(),
            by_warehouse: Groups::default(),
        }
    }

    /// Counts `checks` (each of an order of `orders`), the next of the slices the checks are
    /// counted in.
    pub fn add<'c>(
        &mut self,
        orders: &[Order],
        rules: &Rules,
        checks: impl IntoIterator<Item = &'c OrderCheck> + Clone,
    ) {
        let (now, zone) = (self.now, &rules.profile.time_zone);
        self.rates.add(orders, rules, checks.clone());
        let mut skus: Vec<&str> = Vec::new();
        for check in checks.into_iter().filter(|c| self.window.includes(c, now, zone)) {
            self.handling.extend(check.handling_hours());
            self.transit.extend(check.transit_business_days.map(f64::from));

            // Aliases of one approved carrier are one row.
            let order = &orders[check.order_index];
            let carrier = rules.carrier_name(check, order).unwrap_or(UNKNOWN);
            let entry = GroupEntry::of(check, now);
            count_in(&mut self.by_carrier, carrier, entry);
            count_in(&mut self.by_destination, order.country.as_deref().unwrap_or(UNKNOWN), entry);
            count_in(&mut self.by_warehouse, order.warehouse.as_deref().unwrap_or(UNKNOWN), entry);
            // An order counts once for each SKU it holds.
            skus.clear();
            skus.extend(order.lines.iter().map(|l| &*l.sku).filter(|s| !s.is_empty()));
            skus.sort_unstable();
            skus.dedup();
            if skus.is_empty() {
                skus.push(UNKNOWN);
            }
            for sku in &skus {
                count_in(&mut self.by_sku, sku, entry);
            }
        }
    }

    pub fn finish(self, rules: &Rules) -> ShopMetrics {
        self.finish_with_weeks(rules).0
    }

    /// The metrics over the window, and the weeks' rates if they were counted.
    pub fn finish_with_weeks(self, rules: &Rules) -> (ShopMetrics, WeeklyMetrics) {
        let on_time_target = rules.profile.metrics.on_time_delivery.target;
        let by_carrier = groups(self.by_carrier);
        let carrier_flags = by_carrier
            .iter()
            .filter(|group| group.key != UNKNOWN)
            .filter_map(|group| {
                let (mut reasons, mut reasons_zh) = (Vec::new(), Vec::new());
                if let (true, Some(rate)) = (group.delivered >= SCORECARD_MIN_PARCELS, group.on_time_delivery_rate) {
                    if rate < on_time_target {
                        let (rate, target) = (rate * 100.0, on_time_target * 100.0);
                        let (on_time, delivered) = (group.delivered_on_time, group.delivered);
                        reasons.push(format!(
                            "on-time delivery {rate:.0} % ({on_time} of {delivered}), below the {target:.0} % target"
                        ));
                        reasons_zh.push(format!(
                            "准时送达率 {rate:.0}%（{delivered} 个中 {on_time} 个），低于 {target:.0}% 的目标"
                        ));
                    }
                }
                let in_flight = group.dispatched.saturating_sub(group.delivered);
                if in_flight >= SCORECARD_MIN_PARCELS && group.stalled * 10 > in_flight {
                    let stalled = group.stalled;
                    reasons.push(format!("{stalled} of {in_flight} parcels in transit are past the transit limit"));
                    reasons_zh.push(format!("运输中的 {in_flight} 个包裹有 {stalled} 个已超过运输时限"));
                }
                (!reasons.is_empty()).then(|| CarrierFlag { carrier: group.key.clone(), reasons, reasons_zh })
            })
            .collect();

        let windows = self.rates.windows.clone();
        let mut rates = windows.into_iter().zip(self.rates.finish(rules));
        let (_, [late, tracked, on_time, cancelled]) = rates.next().expect("the window");
        let weekly = WeeklyMetrics::of(rates);
        let metrics = ShopMetrics {
            window: self.window,
            late_dispatch_rate: late,
            valid_tracking_rate: tracked,
            on_time_delivery_rate: on_time,
            seller_fault_cancellation_rate: cancelled,
            handling_hours: Spread::of(self.handling),
            transit_business_days: Spread::of(self.transit),
            by_carrier,
            by_destination: groups(self.by_destination),
            by_sku: groups(self.by_sku),
            by_warehouse: groups(self.by_warehouse),
            carrier_flags,
        };
        (metrics, weekly)
    }
}

/// "If every order due in the next `hours` ships now, the late dispatch rate becomes X."
/// Orders already overdue ship late whatever happens, so they join numerator and denominator;
/// orders due within the horizon join the denominator as on time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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
    pub fn count(checks: &[OrderCheck], rules: &Rules) -> Dispatched {
        let mut dispatched = Dispatched::default();
        dispatched.add(checks, rules);
        dispatched
    }

    /// Counts `checks` too, the next slice of the checks a page counts a slice per task, as
    /// the late dispatch rate counts them (the time does not change that count).
    pub fn add(&mut self, checks: &[OrderCheck], rules: &Rules) {
        let rule = &rules.profile.metrics.late_dispatch;
        let far_future = DateTime::<Utc>::MAX_UTC;
        for was_late in checks.iter().filter_map(|check| MetricKind::LateDispatch.count(check, rule, far_future)) {
            self.all += 1;
            self.late += u64::from(was_late);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{CancelledBy, OrderStatus, OrderTerms, SkuLine};
    use crate::profile::RuleProfile;
    use chrono::TimeZone;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

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
        // Three shipped orders are past their deliver-by date: one delivered late, two not yet.
        let otdr = &metrics.on_time_delivery_rate;
        assert_eq!((otdr.numerator, otdr.denominator, otdr.status), (0, 3, MetricStatus::Breach));
        let sfcr = &metrics.seller_fault_cancellation_rate;
        assert_eq!((sfcr.numerator, sfcr.denominator), (1, 4));
        assert_eq!(sfcr.orders, vec!["c".into()]);
    }

    /// A US shop's week, computed by hand the platform's way (PRODUCT.md, "Metrics as the
    /// platform computes them"). Every order is paid on Monday 2 November 2026 at 10:00
    /// Pacific, so Awaiting Shipment begins at 11:00, dispatch is due by Wednesday 4 November
    /// and delivery by Tuesday 10 November, 23:59:59 Pacific, unless said otherwise.
    mod platform_definitions {
        use super::*;
        use crate::order::Fulfillment;
        use crate::zone::Zone;

        const VALID: [&str; 3] = ["9497971147104974650754", "9391703423667127684262", "9465632122330792440266"];
        const WRONG: &str = "9497971147104974650757";

        fn pacific(day: u32, hour: u32) -> DateTime<Utc> {
            Zone::LOS_ANGELES.to_utc(date(2026, 11, day).and_hms_opt(hour, 0, 0).unwrap()).unwrap()
        }

        fn us_order(id: &str, shipped: Option<u32>, delivered: Option<(u32, u32)>) -> Order {
            Order {
                id: id.into(),
                paid: Some(pacific(2, 10)),
                shipped: shipped.map(|day| pacific(day, 12)),
                delivered: delivered.map(|(day, hour)| pacific(day, hour)),
                carrier: Some("USPS".into()),
                tracking_id: shipped.map(|_| VALID[0].into()),
                ..Order::default()
            }
        }

        fn tracked(mut order: Order, number: &str, package: &str) -> Order {
            order.tracking_id = Some(number.into());
            order.package_id = Some(package.into());
            order
        }

        /// A on time; B delivered late; C never delivered, split in two packages, one with a
        /// wrong number; D fulfilled by TikTok, shipped late; E express, not delivered; F paid
        /// a week later; G cancelled by the seller; H shipped late, combined with A in one
        /// package; S a creator sample the seller cancelled.
        fn week() -> Vec<Order> {
            let a = tracked(us_order("A", Some(3), Some((9, 12))), VALID[0], "P1");
            let b = tracked(us_order("B", Some(3), Some((12, 8))), WRONG, "P2");
            let mut c = tracked(us_order("C", Some(3), None), VALID[1], "P3");
            c.terms = Some(Box::new(OrderTerms {
                more_packages: vec![(Some("P4".into()), Some(WRONG.into()))],
                ..OrderTerms::default()
            }));
            let mut d = us_order("D", Some(6), Some((12, 8)));
            d.fulfillment = Fulfillment::ByTiktok;
            let mut e = tracked(us_order("E", Some(3), None), VALID[2], "P5");
            e.express = true;
            let mut f = us_order("F", None, None);
            f.paid = Some(pacific(9, 10));
            let mut g = us_order("G", None, None);
            (g.status, g.cancelled_by) = (Some(OrderStatus::Cancelled), Some(CancelledBy::Seller));
            let h = tracked(us_order("H", Some(5), None), VALID[0], "P1");
            let mut sample = g.clone();
            (sample.id, sample.sample) = ("S".into(), true);
            vec![a, b, c, d, e, f, g, h, sample]
        }

        fn us_metrics(window: MetricWindow) -> ShopMetrics {
            let rules = Rules::new(RuleProfile::us_local()).unwrap();
            let orders = week();
            let checks = rules.check_all(&orders);
            ShopMetrics::compute(&orders, &checks, &rules, pacific(12, 12), window)
        }

        fn figures(metric: &Metric) -> (u64, u64, MetricStatus) {
            (metric.numerator, metric.denominator, metric.status)
        }

        #[test]
        fn late_dispatch_counts_fbt_orders_as_dispatched_on_time_and_is_enforced_above_ten_percent() {
            // Dispatched: A B C E H and D (FBT, in the denominator only); late: H.
            let ldr = us_metrics(MetricWindow::All).late_dispatch_rate;
            assert_eq!(figures(&ldr), (1, 6, MetricStatus::Enforced));
            assert_eq!(ldr.orders, vec![Text::from("H")]);
            assert_eq!((ldr.threshold, ldr.enforced_at), (0.04, Some(0.10)));
        }

        #[test]
        fn on_time_delivery_divides_by_the_orders_due_and_counts_an_undelivered_one_late() {
            // Due by 10 November: A (on time), B (late), C and H (not delivered: late); D is
            // FBT and E express, both exempt; F is not due until 18 November; G was cancelled.
            let otdr = us_metrics(MetricWindow::All).on_time_delivery_rate;
            assert_eq!(figures(&otdr), (1, 4, MetricStatus::Breach));
        }

        #[test]
        fn valid_tracking_counts_packages_once_each_and_leaves_out_fbt() {
            // P1 (A, and H combined with it, once), P2 wrong, P3, P4 wrong, P5: 3 of 5.
            let vtr = us_metrics(MetricWindow::All).valid_tracking_rate;
            assert_eq!(figures(&vtr), (3, 5, MetricStatus::Breach));
        }

        #[test]
        fn seller_fault_cancellation_leaves_out_creator_samples() {
            // Nine paid orders less the sample; G cancelled by the seller.
            let sfcr = us_metrics(MetricWindow::All).seller_fault_cancellation_rate;
            assert_eq!(figures(&sfcr), (1, 8, MetricStatus::Breach));
        }

        #[test]
        fn weekly_windows_place_each_order_by_its_own_event() {
            // Dispatches were all in the week of 2 November; deliver-by dates in that of the 9th.
            let last_week = us_metrics(MetricWindow::Week(date(2026, 11, 2)));
            assert_eq!(figures(&last_week.late_dispatch_rate), (1, 6, MetricStatus::Enforced));
            assert_eq!(last_week.on_time_delivery_rate.status, MetricStatus::NoData);
            let this_week = us_metrics(MetricWindow::Week(date(2026, 11, 9)));
            assert_eq!(this_week.late_dispatch_rate.status, MetricStatus::NoData);
            assert_eq!(figures(&this_week.on_time_delivery_rate), (1, 4, MetricStatus::Breach));
            let rules = Rules::new(RuleProfile::us_local()).unwrap();
            let orders = week();
            let checks = rules.check_all(&orders);
            let weekly = WeeklyMetrics::compute(&orders, &checks, &rules, pacific(12, 12), 4);
            let mondays: Vec<NaiveDate> = weekly.weeks.iter().map(|w| w.monday).collect();
            assert_eq!(mondays[..2], [date(2026, 11, 9), date(2026, 11, 2)]);
            assert_eq!(mondays.len(), 5);
            assert_eq!(weekly.weeks[1].late_dispatch_rate.numerator, 1);
            assert!(weekly.weeks[1].late_dispatch_rate.orders.is_empty(), "weekly figures carry no IDs");
        }

        #[test]
        fn the_whole_and_the_weeks_counted_in_one_pass_are_what_they_are_counted_apart() {
            let rules = Rules::new(RuleProfile::us_local()).unwrap();
            let orders = week();
            let checks = rules.check_all(&orders);
            let now = pacific(12, 12);
            for window in [MetricWindow::All, MetricWindow::Week(date(2026, 11, 2)), MetricWindow::LastDays(3)] {
                let together = ShopMetrics::with_weeks(&orders, &checks, &rules, now, window, 4);
                let apart = (
                    ShopMetrics::compute(&orders, &checks, &rules, now, window),
                    WeeklyMetrics::compute(&orders, &checks, &rules, now, 4),
                );
                assert_eq!(together, apart, "{window:?}");
            }
            // The split order's second package is judged once, and counted in each window.
            let (all, weekly) = ShopMetrics::with_weeks(&orders, &checks, &rules, now, MetricWindow::All, 4);
            assert_eq!(figures(&all.valid_tracking_rate), (3, 5, MetricStatus::Breach));
            let last_week = &weekly.weeks[1].valid_tracking_rate;
            assert_eq!((last_week.numerator, last_week.denominator), (3, 5));
        }
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
        let zone = Zone::SHANGHAI;
        assert_eq!(MetricWindow::parse("30d", now, &zone), Some(MetricWindow::LastDays(30)));
        assert_eq!(MetricWindow::parse("0d", now, &zone), None);
        assert_eq!(MetricWindow::parse("367d", now, &zone), None);
        assert_eq!(MetricWindow::parse("4294967295d", now, &zone), None);
        assert_eq!(MetricWindow::parse("fortnight", now, &zone), None);
        // 3 November 2026, 09:00 in Shanghai, is a Tuesday: its week starts on Monday the 2nd.
        assert_eq!(MetricWindow::parse("week", now, &zone), Some(MetricWindow::Week(date(2026, 11, 2))));
        assert_eq!(MetricWindow::parse("week-1", now, &zone), Some(MetricWindow::Week(date(2026, 10, 26))));
        assert_eq!(MetricWindow::parse("week-53", now, &zone), None);
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
                let mut tally = MetricsTally::new(&rules, now, window);
                checks.chunks(slice).for_each(|checks| tally.add(&orders, &rules, checks));
                assert_eq!(tally.finish(&rules), whole, "slices of {slice}");
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
        let result = what_if(Dispatched::count(&checks, &rules), &DueIndex::new(&checks), now, 24);
        assert_eq!((result.due_within, result.already_overdue), (1, 1));
        assert_eq!(result.late_dispatch_rate, Some(1.0 / 3.0));
    }
}
