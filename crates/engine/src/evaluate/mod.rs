//! Evaluation: orders against a rule profile.
//!
//! [`Rules`] is a profile made ready for arithmetic (its calendars resolved). [`Rules::check`]
//! does, once per import, everything that does not depend on the time of day: which rule
//! version judges the order, every deadline and where it came from ([`deadlines`]), and the
//! findings that are settled facts (shipped late, delivered late, tracking missing, bad
//! timestamps). What does depend on it (due, due soon, overdue, slow in transit) is
//! [`DispatchClock::state_at`] and [`OrderCheck::findings_at`]: cheap questions asked with an
//! explicit `now`, so a countdown is `deadline - now` and a tick never re-evaluates the order
//! list. The conditions of every finding are in [`findings`], their words in [`wording`].

mod deadlines;
mod findings;
mod shared;
mod urgency;
mod wording;

pub use deadlines::{Deadline, DeadlineKind, DeadlineSource, Deadlines, Due, EachDeadline};
pub use findings::{Action, Finding, FindingCode, FindingSet, Severity};
pub use shared::SharedNumber;
pub use urgency::urgency_order;

use chrono::{DateTime, TimeDelta, Utc};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use super::calendar::{country_code, Calendar};
use super::names::{name_key, with_key};
use super::order::{Fulfillment, Order, OrderStatus, Shipping};
use super::profile::{OrderGroup, ProfileError, RuleProfile, RuleVersion, WindowStart};
use super::tracking::carriers::{carrier_info, CarrierInfo};
use super::tracking::{verdict, Validity};
use findings::Sink;

/// A rule profile with its calendars resolved.
#[derive(Clone, Debug)]
pub struct Rules {
    pub profile: RuleProfile,
    seller: Calendar,
    /// Calendars of destination countries, for transit windows: each built the first time an
    /// order is bound for its country (most exports ship to one or two, and building all of
    /// them was most of what a small file's check cost).
    destinations: Vec<(&'static str, OnceLock<Calendar>)>,
    weekdays: Calendar,
    /// Every approved carrier's name and alias by its key, to the carrier's position.
    carrier_keys: FxHashMap<String, usize>,
}

impl Rules {
    /// The rules of `profile`, once it is known to be one the engine can count with.
    pub fn new(profile: RuleProfile) -> Result<Rules, ProfileError> {
        profile.validate()?;
        let seller = profile.seller_calendar()?;
        let destinations = Calendar::countries().map(|(code, _)| (code, OnceLock::new())).collect();
        // The first carrier naming a key has it, as a scan of the list in order would find.
        let mut carrier_keys = FxHashMap::default();
        for (i, carrier) in profile.approved_carriers.iter().enumerate() {
            for name in std::iter::once(&carrier.name).chain(&carrier.aliases) {
                carrier_keys.entry(name_key(name).collect::<String>()).or_insert(i);
            }
        }
        Ok(Rules { profile, seller, destinations, weekdays: Calendar::weekdays(), carrier_keys })
    }

    /// The version that judged a check.
    pub fn version(&self, check: &OrderCheck) -> &RuleVersion {
        &self.profile.versions[usize::from(check.version)]
    }

    /// The position in `approved_carriers` of the carrier an export's provider name means,
    /// through its aliases: one lookup by the name's key, however long the list.
    pub fn approved_carrier(&self, provider: &str) -> Option<usize> {
        with_key(provider, |key| self.carrier_keys.get(key).copied())
    }

    /// Whether `provider` may carry this market's parcels: an empty list allows any.
    pub fn carrier_approved(&self, provider: &str) -> bool {
        self.profile.approved_carriers.is_empty() || self.approved_carrier(provider).is_some()
    }

    /// The name an order's carrier is reported under: an approved carrier's own name for any of
    /// its aliases, else the name as written.
    pub fn carrier_name<'a>(&'a self, check: &OrderCheck, order: &'a Order) -> Option<&'a str> {
        match check.approved_carrier {
            Some(i) => Some(self.profile.approved_carriers[usize::from(i)].name.as_str()),
            None => order.carrier.as_deref(),
        }
    }

    /// The calendar transit days are counted in for a parcel to `country`, under the newest
    /// version's choice.
    pub fn transit_calendar(&self, country: Option<&str>) -> &Calendar {
        if !self.profile.latest().windows.transit_in_destination_calendar {
            return &self.seller;
        }
        country.and_then(country_code).and_then(|code| self.destinations.iter().find(|(c, _)| *c == code)).map_or(
            &self.weekdays,
            |(code, calendar)| {
                // Every code in the list has its calendar.
                calendar.get_or_init(|| Calendar::country(code).unwrap_or_else(|_| Calendar::weekdays()))
            },
        )
    }

    pub fn seller_calendar(&self) -> &Calendar {
        &self.seller
    }

    /// Checks every order; `OrderCheck::order_index` points back into `orders`.
    pub fn check_all(&self, orders: &[Order]) -> Vec<OrderCheck> {
        let mut checks: Vec<OrderCheck> = self.check_range(orders, 0..orders.len()).collect();
        self.finish_checks(orders, &mut checks);
        checks
    }

    /// Checks `orders[range]` on their own, one at a time as they are taken (so a million checks
    /// go straight where they are kept, with no second copy on the way); a large import is
    /// checked a range at a time (see [`crate::pipeline::Checking`]), then
    /// [`Rules::finish_checks`] looks at all of them.
    pub fn check_range<'a>(
        &'a self,
        orders: &'a [Order],
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = OrderCheck> + 'a {
        // Exports name a handful of countries and carriers a million times; each is looked up once.
        let mut calendars: FxHashMap<Option<&str>, &Calendar> = FxHashMap::default();
        let mut carriers: FxHashMap<&str, (Option<usize>, Option<&'static CarrierInfo>)> = FxHashMap::default();
        let start = range.start;
        orders[range].iter().enumerate().map(move |(offset, order)| {
            let country = order.country.as_deref();
            let calendar = *calendars.entry(country).or_insert_with(|| self.transit_calendar(country));
            let (approved, info) = order.carrier.as_deref().map_or((None, None), |c| {
                *carriers.entry(c).or_insert_with(|| (self.approved_carrier(c), carrier_info(c)))
            });
            self.check_with(
                start + offset,
                order,
                Resolved { transit_calendar: calendar, approved_carrier: approved, carrier_info: info },
            )
        })
    }

    /// What only all the checks together show: tracking numbers used on several orders.
    /// `checks` are those of every order, in order.
    pub fn finish_checks(&self, orders: &[Order], checks: &mut [OrderCheck]) {
        shared::mark_shared(self, orders, checks);
    }

    /// One order on its own. A duplicate tracking number shows only when orders are checked
    /// together ([`Rules::check_all`]).
    pub fn check(&self, order_index: usize, order: &Order) -> OrderCheck {
        let carrier = order.carrier.as_deref();
        self.check_with(
            order_index,
            order,
            Resolved {
                transit_calendar: self.transit_calendar(order.country.as_deref()),
                approved_carrier: carrier.and_then(|c| self.approved_carrier(c)),
                carrier_info: carrier.and_then(carrier_info),
            },
        )
    }

    fn check_with(&self, order_index: usize, order: &Order, resolved: Resolved) -> OrderCheck {
        let Resolved { transit_calendar, approved_carrier, carrier_info } = resolved;
        let timing = self.timing(order, transit_calendar);
        let deadlines = Deadlines::from(timing.deadlines);
        let (dispatched, zone) = (timing.dispatched, &self.profile.time_zone);
        let transit_business_days = dispatched.zip(order.delivered).map(|(from, to)| {
            let days =
                transit_calendar.business_days_between(zone.local(from).date_naive(), zone.local(to).date_naive());
            // Held in 16 bits: nothing is in transit for 180 years, whatever a file says.
            u16::try_from(days).unwrap_or(u16::MAX)
        });
        let mut check = OrderCheck {
            order_index,
            approved_carrier: approved_carrier.and_then(|i| u16::try_from(i).ok()),
            version: u8::try_from(timing.version).unwrap_or(u8::MAX),
            groups: OrderGroups::of(order),
            stage: Stage::of(order, dispatched),
            clock: DispatchClock { start: timing.start, deadline: deadlines.dispatch().map(|d| d.at), dispatched },
            dispatched_from: timing.dispatched_from,
            progressed: order.rts.or(order.shipped).or(order.collected).or(order.delivered).is_some(),
            with_carrier: order.collected.or(order.shipped).is_some(),
            delivered_on_time: order.delivered.zip(deadlines.delivery()).map(|(at, due)| at <= due.at),
            deadlines,
            transit_business_days,
            tracking: tracking_status(order, carrier_info),
            tracking_shared: None,
            first_with_tracking: true,
            settled: FindingSet::default(),
        };
        check.settle(order, self);
        check
    }
}

/// What an order's names resolve to, looked up by the caller (once per distinct name).
struct Resolved<'r> {
    transit_calendar: &'r Calendar,
    approved_carrier: Option<usize>,
    carrier_info: Option<&'static CarrierInfo>,
}

/// What the order's tracking number is worth to the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackingStatus {
    Missing,
    Valid,
    /// No known format describes it; counted as valid, since nothing says it is wrong.
    Unknown,
    Invalid,
    /// A real number, of a different carrier than the order names.
    OtherCarrier,
}

impl TrackingStatus {
    /// The status of a number shipped with `carrier`.
    pub fn of(number: Option<&str>, carrier: Option<&'static CarrierInfo>) -> TrackingStatus {
        let Some(number) = number else { return TrackingStatus::Missing };
        let result = verdict(number, carrier);
        match (result.validity, result.fits_carrier) {
            (Validity::Invalid, _) => TrackingStatus::Invalid,
            (Validity::Valid, Some(false)) => TrackingStatus::OtherCarrier,
            (Validity::Valid, _) => TrackingStatus::Valid,
            (Validity::Unknown, _) => TrackingStatus::Unknown,
        }
    }

    /// Whether the platform counts it as valid tracking: a number not known to be wrong.
    pub fn counts_as_valid(self) -> bool {
        matches!(self, TrackingStatus::Valid | TrackingStatus::Unknown)
    }
}

fn tracking_status(order: &Order, carrier_info: Option<&'static CarrierInfo>) -> TrackingStatus {
    TrackingStatus::of(order.tracking_id.as_deref(), carrier_info)
}

/// The groups a metric may count apart (FBT, platform shipping, express, samples), one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OrderGroups(u8);

impl OrderGroups {
    const ALL: [OrderGroup; 4] =
        [OrderGroup::FulfilledByTiktok, OrderGroup::PlatformShipping, OrderGroup::Express, OrderGroup::Sample];

    fn of(order: &Order) -> OrderGroups {
        let member = [
            order.fulfillment == Fulfillment::ByTiktok,
            order.shipping == Shipping::Platform,
            order.express,
            order.sample,
        ];
        OrderGroups(member.iter().enumerate().filter(|(_, m)| **m).fold(0, |bits, (i, _)| bits | 1 << i))
    }

    pub fn contains(self, group: OrderGroup) -> bool {
        OrderGroups::ALL.iter().position(|g| *g == group).is_some_and(|i| self.0 & 1 << i != 0)
    }

    /// The groups, in a fixed order.
    pub fn iter(self) -> impl Iterator<Item = OrderGroup> {
        OrderGroups::ALL.into_iter().filter(move |group| self.contains(*group))
    }
}

/// Where an order is in its life, apart from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Unpaid,
    Cancelled,
    /// Paid, not yet dispatched.
    Open,
    Dispatched,
    Delivered,
}

impl Stage {
    fn of(order: &Order, dispatched: Option<DateTime<Utc>>) -> Stage {
        if order.is_cancelled() {
            Stage::Cancelled
        } else if order.delivered.is_some()
            || matches!(order.status, Some(OrderStatus::Delivered | OrderStatus::Completed))
        {
            Stage::Delivered
        } else if dispatched.is_some() || order.status.is_some_and(OrderStatus::has_shipped) {
            Stage::Dispatched
        } else if order.is_unpaid() {
            Stage::Unpaid
        } else {
            Stage::Open
        }
    }
}

/// The time facts of one order's dispatch, all that its live state needs. `Copy`, so a view can
/// hold one per row without sharing the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DispatchClock {
    /// When the handling clock started; `None` when the order has neither paid nor created time.
    pub start: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    /// When the profile's dispatch event happened.
    pub dispatched: Option<DateTime<Utc>>,
}

/// Where an order stands at a given moment. The `shipped_*` states mean dispatched by the
/// profile's definition (see `profile.dispatch_event` in the report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    Unpaid,
    Cancelled,
    /// Not dispatched; the deadline is ahead.
    AwaitingDispatch,
    /// Not dispatched; the deadline has passed.
    DispatchOverdue,
    /// Not dispatched, and the deadline is unknown.
    NoDeadline,
    ShippedOnTime,
    ShippedLate,
    /// Dispatched, but the deadline is unknown (no paid or created time).
    Shipped,
    Delivered,
    /// Fulfilled by TikTok and not yet shipped: the platform's warehouse owns the deadline.
    FulfilledByTiktok,
}

impl OrderState {
    /// The state at `now` of an order at `stage` with `clock`: what a check knows, and what a
    /// page that holds only a row's stage and clock can work out again at every tick.
    pub fn of(stage: Stage, fulfilled_by_tiktok: bool, clock: &DispatchClock, now: DateTime<Utc>) -> OrderState {
        match stage {
            Stage::Unpaid => OrderState::Unpaid,
            Stage::Cancelled => OrderState::Cancelled,
            Stage::Delivered => OrderState::Delivered,
            Stage::Open if fulfilled_by_tiktok => OrderState::FulfilledByTiktok,
            // The status says it left, but no time says when: shipped, with nothing to count down.
            Stage::Dispatched if clock.dispatched.is_none() => OrderState::Shipped,
            Stage::Open | Stage::Dispatched => clock.state_at(now),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            OrderState::Unpaid => "unpaid",
            OrderState::Cancelled => "cancelled",
            OrderState::AwaitingDispatch => "awaiting_dispatch",
            OrderState::DispatchOverdue => "dispatch_overdue",
            OrderState::NoDeadline => "no_deadline",
            OrderState::ShippedOnTime => "shipped_on_time",
            OrderState::ShippedLate => "shipped_late",
            OrderState::Shipped => "shipped",
            OrderState::Delivered => "delivered",
            OrderState::FulfilledByTiktok => "fulfilled_by_tiktok",
        }
    }
}

impl DispatchClock {
    /// The dispatch part of an order's state at `now` (see [`OrderCheck::state_at`]).
    pub fn state_at(&self, now: DateTime<Utc>) -> OrderState {
        match (self.dispatched, self.deadline) {
            (Some(dispatched), Some(deadline)) if dispatched > deadline => OrderState::ShippedLate,
            (Some(_), Some(_)) => OrderState::ShippedOnTime,
            (Some(_), None) => OrderState::Shipped,
            (None, Some(deadline)) if now > deadline => OrderState::DispatchOverdue,
            (None, Some(_)) => OrderState::AwaitingDispatch,
            (None, None) => OrderState::NoDeadline,
        }
    }

    /// Time left to the dispatch deadline (negative once overdue), while undispatched.
    pub fn remaining_at(&self, now: DateTime<Utc>) -> Option<TimeDelta> {
        match (self.dispatched, self.deadline) {
            (None, Some(deadline)) => Some(deadline - now),
            _ => None,
        }
    }

    /// Whether dispatch missed its deadline; `None` until dispatched, or when the deadline is
    /// unknown.
    pub fn shipped_late(&self) -> Option<bool> {
        Some(self.dispatched? > self.deadline?)
    }

    /// How late dispatch was, if it was.
    pub fn shipped_late_by(&self) -> Option<TimeDelta> {
        let late = self.dispatched? - self.deadline?;
        (late > TimeDelta::zero()).then_some(late)
    }
}

/// One order checked against a profile, with what does not depend on `now` worked out. It
/// copies nothing of its order (ID, line, carrier, tracking number, shop…): those are read from
/// the order at `order_index`, so a million checks hold only what checking found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderCheck {
    /// Position of the order in the import.
    pub order_index: usize,
    /// Position of the carrier in the profile's approved list, when it is on it.
    pub approved_carrier: Option<u16>,
    /// Position in the profile's versions of the one that judged the order.
    pub version: u8,
    /// The groups of orders metrics count apart that the order belongs to.
    pub groups: OrderGroups,
    pub stage: Stage,
    pub clock: DispatchClock,
    /// The export column the dispatch time came from.
    pub dispatched_from: Option<&'static str>,
    /// Whether anything happened after payment (ready to ship, shipped, collected, delivered).
    pub progressed: bool,
    /// Whether the carrier has had the parcel: a collection or a shipment time is known.
    pub with_carrier: bool,
    /// Whether the parcel was delivered by its deliver-by date: `None` until it is delivered,
    /// and when there is no such date.
    pub delivered_on_time: Option<bool>,
    pub deadlines: Deadlines,
    /// Business days from dispatch to delivery in the transit calendar, once delivered.
    pub transit_business_days: Option<u16>,
    pub tracking: TrackingStatus,
    /// Other orders with the same tracking number, if any (boxed: few orders have them).
    pub tracking_shared: Option<Box<SharedNumber>>,
    /// Whether no earlier order in the import has the same tracking number.
    pub first_with_tracking: bool,
    /// Codes of the findings that no longer change with time (their text: `findings_at`).
    pub settled: FindingSet,
}

impl OrderCheck {
    /// The order's state at `now`.
    pub fn state_at(&self, now: DateTime<Utc>) -> OrderState {
        OrderState::of(self.stage, self.fulfilled_by_tiktok(), &self.clock, now)
    }

    /// Whether TikTok's warehouse fulfils it: the seller owes it nothing.
    pub fn fulfilled_by_tiktok(&self) -> bool {
        self.groups.contains(OrderGroup::FulfilledByTiktok)
    }

    /// Sort key, most urgent first: open orders by dispatch deadline (so overdue ones lead), open
    /// ones without a deadline, late dispatches, other dispatches, orders TikTok fulfils,
    /// deliveries, then unpaid and cancelled orders, which need nothing from the seller.
    pub fn urgency(&self) -> (u8, Option<DateTime<Utc>>) {
        let rank = match (self.stage, self.clock.deadline, self.clock.shipped_late()) {
            (Stage::Open, _, _) if self.fulfilled_by_tiktok() => 4,
            (Stage::Open, Some(_), _) => 0,
            (Stage::Open, None, _) => 1,
            (Stage::Dispatched, _, Some(true)) => 2,
            (Stage::Dispatched, ..) => 3,
            (Stage::Delivered, ..) => 5,
            (Stage::Unpaid, ..) => 6,
            (Stage::Cancelled, ..) => 7,
        };
        (rank, self.clock.deadline)
    }

    /// Hours from the clock start to dispatch, once dispatched.
    pub fn handling_hours(&self) -> Option<f64> {
        let (start, dispatched) = (self.clock.start?, self.clock.dispatched?);
        Some((dispatched - start).num_seconds() as f64 / 3600.0)
    }

    /// Whether the parcel is with the carrier and not yet delivered.
    fn in_transit(&self) -> bool {
        self.stage == Stage::Dispatched && self.clock.dispatched.is_some()
    }

    /// The next deadline the seller has to meet, for a countdown: dispatch, then collection,
    /// then delivery.
    pub fn next_deadline(&self) -> Option<(DeadlineKind, Deadline)> {
        match self.stage {
            Stage::Open => self.deadlines.dispatch().map(|d| (DeadlineKind::Dispatch, d)),
            Stage::Dispatched if !self.with_carrier => self
                .deadlines
                .collection()
                .map(|d| (DeadlineKind::Collection, d))
                .or(self.deadlines.delivery().map(|d| (DeadlineKind::Delivery, d))),
            Stage::Dispatched => self.deadlines.delivery().map(|d| (DeadlineKind::Delivery, d)),
            _ => None,
        }
    }

    /// Every finding at `now`: the settled ones, then those that depend on the time.
    pub fn findings_at(&self, order: &Order, now: DateTime<Utc>, rules: &Rules) -> Vec<Finding> {
        let mut findings = self.settled_findings_text(order, rules);
        self.timed_findings(order, now, rules, &mut Sink::Findings(&mut findings, rules));
        findings
    }

    /// The codes of [`OrderCheck::findings_at`] with their English messages, in the same order,
    /// without the Chinese words and the evidence: what the orders CSV writes.
    pub fn finding_messages_at(&self, order: &Order, now: DateTime<Utc>, rules: &Rules) -> Vec<(FindingCode, String)> {
        let mut messages = Vec::new();
        let mut sink = Sink::Messages(&mut messages, rules);
        self.settled_findings(order, rules, &mut sink);
        self.timed_findings(order, now, rules, &mut sink);
        messages
    }

    /// The codes of [`OrderCheck::findings_at`], without formatting any text or allocating:
    /// what a filter or a count over a million orders asks.
    pub fn finding_codes_at(&self, order: &Order, now: DateTime<Utc>, rules: &Rules) -> FindingSet {
        let mut codes = self.settled;
        self.timed_findings(order, now, rules, &mut Sink::Codes(&mut codes));
        codes
    }

    /// The settled findings with their text.
    pub fn settled_findings_text(&self, order: &Order, rules: &Rules) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.settled_findings(order, rules, &mut Sink::Findings(&mut findings, rules));
        findings
    }

    /// Works out the settled findings' codes.
    fn settle(&mut self, order: &Order, rules: &Rules) {
        let mut settled = FindingSet::default();
        self.settled_findings(order, rules, &mut Sink::Codes(&mut settled));
        self.settled = settled;
    }

    /// Whether the order counts as validly tracked: a number that is not wrong, of the order's
    /// carrier, and not one an earlier order already used.
    pub fn validly_tracked(&self) -> bool {
        self.tracking.counts_as_valid() && self.first_with_tracking
    }

    /// The arrival date a buyer notice gives: a parcel in transit, by its transit limit while
    /// that is ahead; an open order, the transit limit counted from today, or from its dispatch
    /// deadline if that is still ahead.
    pub fn estimated_arrival(&self, order: &Order, now: DateTime<Utc>, rules: &Rules) -> Option<chrono::NaiveDate> {
        let zone = &rules.profile.time_zone;
        let eta = match (self.clock.dispatched, self.deadlines.transit_limit()) {
            (Some(_), Some(limit)) if limit.at > now => Some(limit.at),
            (Some(_), _) => None,
            (None, _) => rules.version(self).windows.transit_limit.and_then(|window| {
                let from = self.clock.deadline.map_or(now, |deadline| deadline.max(now));
                let from = WindowStart::new(from, zone);
                window
                    .deadline_after(from, zone, rules.transit_calendar(order.country.as_deref()), 0)
                    .and_then(DateTime::from_timestamp_millis)
            }),
        };
        eta.map(|at| zone.local(at).date_naive())
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod version_tests;
