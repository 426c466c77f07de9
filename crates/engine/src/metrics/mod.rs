//! Shop metrics: the rates the platform judges a shop by, computed from checked orders, with
//! the breakdowns that show which carriers, destinations and SKUs cause them.
//!
//! Each rate keeps its numerator and denominator, not only the value, because a seller with
//! three shipped orders and one late one needs to see "1 of 3", and because an empty
//! denominator means "no data", never 0 %. The orders behind each numerator are listed, so a
//! view can show them.

mod groups;
mod what_if;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::evaluate::{FindingCode, OrderCheck, Rules, Stage, TrackingStatus};
use super::order::{Order, Text};
use super::profile::{Counted, MetricRule, MetricRules, MAX_WINDOW_DAYS};
use super::tracking::carriers::{carrier_info, CarrierInfo};
use super::zone::Zone;
use groups::{carrier_flags, count_in, groups, GroupEntry, Groups};
pub use groups::{CarrierFlag, Group, UNKNOWN};
pub use what_if::{what_if, Dispatched, WhatIf};

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

impl Metric {
    /// The same figures without the orders behind them.
    pub fn without_orders(&self) -> Metric {
        let Metric { value, numerator, denominator, threshold, enforced_at, bound, status, orders: _ } = *self;
        Metric { value, numerator, denominator, threshold, enforced_at, bound, status, orders: Vec::new() }
    }
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
    /// The IDs of the numerator's orders; `None` where no one asks for them: a week of the
    /// weeks' table shows its rates alone.
    orders: Option<Vec<Text>>,
}

impl Tally {
    /// A tally that names the orders in its numerator, or only counts them.
    fn new(naming: bool) -> Tally {
        Tally { numerator: 0, denominator: 0, orders: naming.then(Vec::new) }
    }

    /// Counts an order; its ID is looked up only when it is in the numerator and named.
    fn count(&mut self, in_numerator: bool, order_id: impl FnOnce() -> Text) {
        self.denominator += 1;
        if in_numerator {
            self.numerator += 1;
            if let Some(orders) = &mut self.orders {
                orders.push(order_id());
            }
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
            orders: self.orders.unwrap_or_default(),
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
        ShopMetrics {
            window: self.window,
            late_dispatch_rate: self.late_dispatch_rate.without_orders(),
            valid_tracking_rate: self.valid_tracking_rate.without_orders(),
            on_time_delivery_rate: self.on_time_delivery_rate.without_orders(),
            seller_fault_cancellation_rate: self.seller_fault_cancellation_rate.without_orders(),
            handling_hours: self.handling_hours,
            transit_business_days: self.transit_business_days,
            by_carrier: self.by_carrier.clone(),
            by_destination: self.by_destination.clone(),
            by_sku: self.by_sku.clone(),
            by_warehouse: self.by_warehouse.clone(),
            carrier_flags: self.carrier_flags.clone(),
        }
    }

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
    /// Rates over `named` (the orders behind each numerator listed) and over each of `weeks`
    /// (counted only), in that order.
    pub fn over(now: DateTime<Utc>, named: Option<MetricWindow>, weeks: Vec<MetricWindow>) -> Rates {
        let windows: Vec<MetricWindow> = named.into_iter().chain(weeks).collect();
        let tallies =
            (0..windows.len()).map(|w| std::array::from_fn(|_| Tally::new(w == 0 && named.is_some()))).collect();
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
/// this week and the ones before it, newest first. A week's rates are counted without the orders
/// behind them (a table of weeks shows figures; the window's own rates list the orders).
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
        let mut rates = Rates::over(now, None, windows.clone());
        rates.add(orders, rules, checks);
        WeeklyMetrics::of(windows.into_iter().zip(rates.finish(rules)))
    }

    /// The weeks' rates, by their windows.
    fn of(weeks: impl Iterator<Item = (MetricWindow, [Metric; 4])>) -> WeeklyMetrics {
        let weeks = weeks
            .filter_map(|(window, rates)| {
                let MetricWindow::Week(monday) = window else { return None };
                let [late, tracked, on_time, cancelled] = rates;
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

/// Shop metrics counted a slice of checks at a time, so that a worker can answer other questions
/// between slices of a million orders; [`ShopMetrics::compute`] is the same count in one go. It
/// holds nothing of the orders but shared texts, so it can be kept beside them between slices:
/// each slice is given the orders and the rules.
pub struct MetricsTally {
    rates: Rates,
    breakdowns: Breakdowns,
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
            rates: Rates::over(now, Some(window), weeks.collect()),
            breakdowns: Breakdowns::new(now, window),
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
        self.rates.add(orders, rules, checks.clone());
        self.breakdowns.add(orders, rules, checks);
    }

    /// The tally's two counts, which know nothing of each other: given the same checks, one
    /// thread can count the rates while another counts the rest.
    pub fn parts(&mut self) -> (&mut Rates, &mut Breakdowns) {
        (&mut self.rates, &mut self.breakdowns)
    }

    pub fn finish(self, rules: &Rules) -> ShopMetrics {
        self.finish_with_weeks(rules).0
    }

    /// The metrics over the window, and the weeks' rates if they were counted.
    pub fn finish_with_weeks(self, rules: &Rules) -> (ShopMetrics, WeeklyMetrics) {
        let on_time_target = rules.profile.metrics.on_time_delivery.target;
        let Breakdowns { window, handling, transit, by_carrier, by_destination, by_sku, by_warehouse, .. } =
            self.breakdowns;
        let by_carrier = groups(by_carrier);
        let carrier_flags = carrier_flags(&by_carrier, on_time_target);
        let windows = self.rates.windows.clone();
        let mut rates = windows.into_iter().zip(self.rates.finish(rules));
        let (_, [late, tracked, on_time, cancelled]) = rates.next().expect("the window");
        let weekly = WeeklyMetrics::of(rates);
        let metrics = ShopMetrics {
            window,
            late_dispatch_rate: late,
            valid_tracking_rate: tracked,
            on_time_delivery_rate: on_time,
            seller_fault_cancellation_rate: cancelled,
            handling_hours: Spread::of(handling),
            transit_business_days: Spread::of(transit),
            by_carrier,
            by_destination: groups(by_destination),
            by_sku: groups(by_sku),
            by_warehouse: groups(by_warehouse),
            carrier_flags,
        };
        (metrics, weekly)
    }
}

/// The shop metrics but the rates, over the metrics' window: the handling and transit times,
/// and how each carrier, destination, SKU and warehouse performs. A breakdown's tallies are by
/// key: a key is copied the first time it is met, so a million orders cost an allocation per
/// carrier, destination, SKU or warehouse, not per order.
pub struct Breakdowns {
    now: DateTime<Utc>,
    window: MetricWindow,
    handling: Vec<f64>,
    transit: Vec<f64>,
    by_carrier: Groups,
    by_destination: Groups,
    by_sku: Groups,
    by_warehouse: Groups,
}

impl Breakdowns {
    fn new(now: DateTime<Utc>, window: MetricWindow) -> Breakdowns {
        Breakdowns {
            now,
            window,
            handling: Vec::new(),
            transit: Vec::new(),
            by_carrier: Groups::default(),
            by_destination: Groups::default(),
            by_sku: Groups::default(),
            by_warehouse: Groups::default(),
        }
    }

    /// Counts the checks of `checks` in the window (each of an order of `orders`).
    pub fn add<'c>(&mut self, orders: &[Order], rules: &Rules, checks: impl IntoIterator<Item = &'c OrderCheck>) {
        let (now, zone) = (self.now, &rules.profile.time_zone);
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
}

#[cfg(test)]
mod tests;
