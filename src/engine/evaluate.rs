//! Evaluation: orders against a rule profile.
//!
//! [`Rules`] is a profile made ready for arithmetic (its calendars resolved). [`Rules::check`]
//! does, once per import, everything that does not depend on the time of day: every deadline and
//! where it came from, and the findings that are settled facts (shipped late, delivered late,
//! tracking missing, bad timestamps). What does depend on it (due, due soon, overdue, slow in
//! transit) is [`DispatchClock::state_at`] and [`OrderCheck::findings_at`]: cheap questions asked
//! with an explicit `now`, so a countdown is `deadline - now` and a tick never re-evaluates the
//! order list.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::calendar::{country_code, Calendar, CalendarError};
use super::names::same_name;
use super::order::{CancelledBy, Order, OrderStatus, Text};
use super::profile::{ClockStart, DeliveryFrom, DispatchEvent, RuleProfile, Window};
use super::span;
use super::tracking::carriers::{carrier_info, CarrierInfo};
use super::tracking::{check_tracking, normalize as normalize_tracking, verdict, Validity};

/// A rule profile with its calendars resolved.
#[derive(Clone, Debug)]
pub struct Rules {
    pub profile: RuleProfile,
    seller: Calendar,
    /// Calendars of destination countries, for transit windows.
    destinations: Vec<(&'static str, Calendar)>,
    weekdays: Calendar,
}

impl Rules {
    /// The position in `approved_carriers` of the carrier an export's provider name means,
    /// through its aliases.
    pub fn approved_carrier(&self, provider: &str) -> Option<usize> {
        self.profile.approved_carriers.iter().position(|carrier| {
            std::iter::once(&carrier.name).chain(&carrier.aliases).any(|name| same_name(name, provider))
        })
    }

    /// Whether `provider` may carry this market's parcels: an empty list allows any.
    pub fn carrier_approved(&self, provider: &str) -> bool {
        self.profile.approved_carriers.is_empty() || self.approved_carrier(provider).is_some()
    }

    /// The name an order's carrier is reported under: an approved carrier's own name for any of
    /// its aliases, else the name as written.
    pub fn carrier_name<'a>(&'a self, check: &'a OrderCheck) -> Option<&'a str> {
        match check.approved_carrier {
            Some(i) => Some(self.profile.approved_carriers[usize::from(i)].name.as_str()),
            None => check.carrier.as_deref(),
        }
    }
}

impl Rules {
    pub fn new(profile: RuleProfile) -> Result<Rules, CalendarError> {
        let seller = profile.seller_calendar()?;
        let destinations = Calendar::countries()
            .map(|(code, _)| Calendar::country(code).map(|calendar| (code, calendar)))
            .collect::<Result<_, _>>()?;
        Ok(Rules { profile, seller, destinations, weekdays: Calendar::weekdays() })
    }

    /// The calendar transit days are counted in for a parcel to `country`.
    pub fn transit_calendar(&self, country: Option<&str>) -> &Calendar {
        if !self.profile.windows.transit_in_destination_calendar {
            return &self.seller;
        }
        country
            .and_then(country_code)
            .and_then(|code| self.destinations.iter().find(|(c, _)| *c == code))
            .map_or(&self.weekdays, |(_, calendar)| calendar)
    }

    pub fn seller_calendar(&self) -> &Calendar {
        &self.seller
    }

    fn deadline(&self, window: &Window, start: DateTime<Utc>, calendar: &Calendar, extra_days: u32) -> Deadline {
        Deadline {
            at: window.deadline_after(start, &self.profile.time_zone, calendar, extra_days),
            source: DeadlineSource::Profile,
        }
    }

    /// Checks every order; `OrderCheck::order_index` points back into `orders`.
    pub fn check_all(&self, orders: &[Order]) -> Vec<OrderCheck> {
        let mut checks = self.check_range(orders, 0..orders.len());
        self.finish_checks(orders, &mut checks);
        checks
    }

    /// Checks `orders[range]` on their own; a page checks a large import a range at a time,
    /// then calls [`Rules::finish_checks`] on all of them.
    pub fn check_range(&self, orders: &[Order], range: std::ops::Range<usize>) -> Vec<OrderCheck> {
        // Exports name a handful of countries and carriers a million times; each is looked up once.
        let mut calendars: FxHashMap<Option<&str>, &Calendar> = FxHashMap::default();
        let mut carriers: FxHashMap<&str, (Option<usize>, Option<&'static CarrierInfo>)> = FxHashMap::default();
        let start = range.start;
        orders[range]
            .iter()
            .enumerate()
            .map(|(offset, order)| {
                let i = start + offset;
                let country = order.country.as_deref();
                let calendar = *calendars.entry(country).or_insert_with(|| self.transit_calendar(country));
                let (approved, info) = order.carrier.as_deref().map_or((None, None), |c| {
                    *carriers.entry(c).or_insert_with(|| (self.approved_carrier(c), carrier_info(c)))
                });
                self.check_with(
                    i,
                    order,
                    Resolved { transit_calendar: calendar, approved_carrier: approved, carrier_info: info },
                )
            })
            .collect()
    }

    /// What only all the checks together show: tracking numbers used on several orders.
    /// `checks` are those of every order, in order.
    pub fn finish_checks(&self, orders: &[Order], checks: &mut [OrderCheck]) {
        let mut shared = SharedTracking::new(orders.len());
        shared.add(orders, 0..orders.len());
        while shared.mark(self, orders, checks, usize::MAX) {}
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
        let profile = &self.profile;
        let windows = &profile.windows;
        let platform = order.platform.as_deref().copied().unwrap_or_default();
        let start = match profile.clock_start {
            ClockStart::PaidElseCreated => order.paid.or(order.created),
            ClockStart::Created => order.created.or(order.paid),
        };
        let (dispatched, dispatched_from) = dispatch_time(order, profile.dispatch_event);
        let collected = order.collected.or(order.shipped);
        let peak_extra = dispatched
            .and_then(|at| profile.peak_season(profile.time_zone.local(at).date_naive()))
            .map_or(0, |season| season.extra_business_days);
        let platform_deadline =
            |at: Option<DateTime<Utc>>| at.map(|at| Deadline { at, source: DeadlineSource::Platform });
        let from_start = |window: &Option<Window>| {
            start.zip(window.as_ref()).map(|(start, window)| self.deadline(window, start, &self.seller, 0))
        };
        let from_dispatch = |window: &Option<Window>| {
            dispatched.zip(window.as_ref()).map(|(at, window)| self.deadline(window, at, transit_calendar, peak_extra))
        };

        let platform_dispatch = match profile.dispatch_event {
            DispatchEvent::ReadyToShip => platform.rts_sla,
            DispatchEvent::Shipped | DispatchEvent::Collected => platform.tts_sla,
        };
        let deadlines = Deadlines::from(EachDeadline {
            dispatch: platform_deadline(platform_dispatch).or_else(|| from_start(&Some(windows.dispatch))),
            collection: match profile.dispatch_event {
                DispatchEvent::ReadyToShip => platform_deadline(platform.tts_sla),
                _ => None,
            }
            .or_else(|| from_start(&windows.collection)),
            auto_cancel: platform_deadline(platform.shipping_due.or(platform.collection_due))
                .or_else(|| from_start(&windows.auto_cancel)),
            delivery: platform_deadline(platform.delivery_sla.or(platform.delivery_due)).or_else(|| {
                let delivery = windows.delivery?;
                match delivery.from {
                    DeliveryFrom::Order => from_start(&Some(delivery.window)),
                    DeliveryFrom::Dispatch => from_dispatch(&Some(delivery.window)),
                }
            }),
            transit_warning: from_dispatch(&windows.transit_warning),
            transit_limit: from_dispatch(&windows.transit_limit),
            likely_lost: from_dispatch(&windows.likely_lost),
            tracking_upload: order
                .shipped
                .zip(windows.tracking_upload.as_ref())
                .map(|(at, window)| self.deadline(window, at, &self.seller, 0)),
        });
        let transit_business_days = dispatched.zip(order.delivered).map(|(from, to)| {
            let zone = &profile.time_zone;
            let days =
                transit_calendar.business_days_between(zone.local(from).date_naive(), zone.local(to).date_naive());
            // Held in 16 bits: nothing is in transit for 180 years, whatever a file says.
            u16::try_from(days).unwrap_or(u16::MAX)
        });

        let mut check = OrderCheck {
            order_index,
            order_id: order.id.clone(),
            line: order.line,
            tracking_id: order.tracking_id.clone(),
            carrier: order.carrier.clone(),
            approved_carrier: approved_carrier.and_then(|i| u16::try_from(i).ok()),
            country: order.country.clone(),
            stage: Stage::of(order, dispatched),
            clock: DispatchClock { start, deadline: deadlines.dispatch().map(|d| d.at), dispatched },
            dispatched_from,
            progressed: order.rts.or(order.shipped).or(order.collected).or(order.delivered).is_some(),
            collected,
            delivered: order.delivered,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

fn tracking_status(order: &Order, carrier_info: Option<&'static CarrierInfo>) -> TrackingStatus {
    let Some(number) = order.tracking_id.as_deref() else { return TrackingStatus::Missing };
    let result = verdict(number, carrier_info);
    match (result.validity, result.fits_carrier) {
        (Validity::Invalid, _) => TrackingStatus::Invalid,
        (Validity::Valid, Some(false)) => TrackingStatus::OtherCarrier,
        (Validity::Valid, _) => TrackingStatus::Valid,
        (Validity::Unknown, _) => TrackingStatus::Unknown,
    }
}

/// When the profile's dispatch event happened, and which column said so. A later event stands
/// in for an earlier one the export lacks: a parcel in transit was ready to ship by then.
fn dispatch_time(order: &Order, event: DispatchEvent) -> (Option<DateTime<Utc>>, Option<&'static str>) {
    let candidates: [(Option<DateTime<Utc>>, &'static str); 3] = match event {
        DispatchEvent::ReadyToShip => {
            [(order.rts, "RTS Time"), (order.shipped, "Shipped Time"), (order.collected, "Collection Time")]
        }
        DispatchEvent::Shipped => [(order.shipped, "Shipped Time"), (order.collected, "Collection Time"), (None, "")],
        DispatchEvent::Collected => [(order.collected, "Collection Time"), (order.shipped, "Shipped Time"), (None, "")],
    };
    candidates.into_iter().find_map(|(at, column)| at.map(|at| (Some(at), Some(column)))).unwrap_or((None, None))
}

/// A deadline and who set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub at: DateTime<Utc>,
    pub source: DeadlineSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineSource {
    /// The order carried it (Open API fields): the platform's own deadline wins.
    Platform,
    /// Derived from the rule profile.
    Profile,
}

/// Which of an order's deadlines a seller is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineKind {
    Dispatch,
    /// Ready to ship by then, or the platform cancels the order.
    AutoCancel,
    Collection,
    Delivery,
}

/// Every deadline of one order, as worked out; kept as [`Deadlines`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EachDeadline {
    pub dispatch: Option<Deadline>,
    pub collection: Option<Deadline>,
    pub auto_cancel: Option<Deadline>,
    pub delivery: Option<Deadline>,
    pub transit_warning: Option<Deadline>,
    pub transit_limit: Option<Deadline>,
    pub likely_lost: Option<Deadline>,
    pub tracking_upload: Option<Deadline>,
}

/// Every deadline of one order. `None`: the profile sets none, or its start has not happened.
/// Kept compactly, to the millisecond, and read through a method each: a million checks hold
/// eight deadlines apiece, and as `Option<Deadline>`s they were twice the size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    /// Milliseconds since the Unix epoch, in the order of [`EachDeadline`]'s fields; `NONE` for none.
    at: [i64; 8],
    /// One bit per deadline, set when the platform set it.
    from_platform: u8,
}

impl From<EachDeadline> for Deadlines {
    fn from(each: EachDeadline) -> Deadlines {
        let EachDeadline {
            dispatch,
            collection,
            auto_cancel,
            delivery,
            transit_warning,
            transit_limit,
            likely_lost,
            tracking_upload,
        } = each;
        let each =
            [dispatch, collection, auto_cancel, delivery, transit_warning, transit_limit, likely_lost, tracking_upload];
        Deadlines {
            at: each.map(|d| d.map_or(Deadlines::NONE, |d| d.at.timestamp_millis())),
            from_platform: each
                .iter()
                .enumerate()
                .filter(|(_, d)| d.is_some_and(|d| d.source == DeadlineSource::Platform))
                .fold(0, |bits, (i, _)| bits | 1 << i),
        }
    }
}

impl Deadlines {
    const NONE: i64 = i64::MIN;

    fn get(&self, i: usize) -> Option<Deadline> {
        let at = DateTime::from_timestamp_millis(Some(self.at[i]).filter(|&at| at != Deadlines::NONE)?)?;
        let source = if self.from_platform & 1 << i != 0 { DeadlineSource::Platform } else { DeadlineSource::Profile };
        Some(Deadline { at, source })
    }

    pub fn dispatch(&self) -> Option<Deadline> {
        self.get(0)
    }

    pub fn collection(&self) -> Option<Deadline> {
        self.get(1)
    }

    pub fn auto_cancel(&self) -> Option<Deadline> {
        self.get(2)
    }

    pub fn delivery(&self) -> Option<Deadline> {
        self.get(3)
    }

    pub fn transit_warning(&self) -> Option<Deadline> {
        self.get(4)
    }

    pub fn transit_limit(&self) -> Option<Deadline> {
        self.get(5)
    }

    pub fn likely_lost(&self) -> Option<Deadline> {
        self.get(6)
    }

    pub fn tracking_upload(&self) -> Option<Deadline> {
        self.get(7)
    }
}

impl Default for Deadlines {
    fn default() -> Deadlines {
        Deadlines { at: [Deadlines::NONE; 8], from_platform: 0 }
    }
}

/// Where an order is in its life, apart from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
}

impl OrderState {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Violation,
}

/// Stable identifiers: the CLI, exports and filters key on these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    LateDispatch,
    DispatchOverdue,
    DispatchDueSoon,
    AutoCancelRisk,
    CollectionOverdue,
    MissingTracking,
    InvalidTracking,
    TrackingCarrierMismatch,
    DuplicateTracking,
    TrackingUploadedLate,
    UnapprovedCarrier,
    TransitWarning,
    TransitExceeded,
    LikelyLost,
    DeliveredLate,
    TimestampOrderInvalid,
    MissingTimestamp,
    DelayNoticeRecommended,
    SellerFaultCancellation,
}

impl FindingCode {
    pub const ALL: [FindingCode; 19] = [
        FindingCode::LateDispatch,
        FindingCode::DispatchOverdue,
        FindingCode::DispatchDueSoon,
        FindingCode::AutoCancelRisk,
        FindingCode::CollectionOverdue,
        FindingCode::MissingTracking,
        FindingCode::InvalidTracking,
        FindingCode::TrackingCarrierMismatch,
        FindingCode::DuplicateTracking,
        FindingCode::TrackingUploadedLate,
        FindingCode::UnapprovedCarrier,
        FindingCode::TransitWarning,
        FindingCode::TransitExceeded,
        FindingCode::LikelyLost,
        FindingCode::DeliveredLate,
        FindingCode::TimestampOrderInvalid,
        FindingCode::MissingTimestamp,
        FindingCode::DelayNoticeRecommended,
        FindingCode::SellerFaultCancellation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FindingCode::LateDispatch => "late_dispatch",
            FindingCode::DispatchOverdue => "dispatch_overdue",
            FindingCode::DispatchDueSoon => "dispatch_due_soon",
            FindingCode::AutoCancelRisk => "auto_cancel_risk",
            FindingCode::CollectionOverdue => "collection_overdue",
            FindingCode::MissingTracking => "missing_tracking",
            FindingCode::InvalidTracking => "invalid_tracking",
            FindingCode::TrackingCarrierMismatch => "tracking_carrier_mismatch",
            FindingCode::DuplicateTracking => "duplicate_tracking",
            FindingCode::TrackingUploadedLate => "tracking_uploaded_late",
            FindingCode::UnapprovedCarrier => "unapproved_carrier",
            FindingCode::TransitWarning => "transit_warning",
            FindingCode::TransitExceeded => "transit_exceeded",
            FindingCode::LikelyLost => "likely_lost",
            FindingCode::DeliveredLate => "delivered_late",
            FindingCode::TimestampOrderInvalid => "timestamp_order_invalid",
            FindingCode::MissingTimestamp => "missing_timestamp",
            FindingCode::DelayNoticeRecommended => "delay_notice_recommended",
            FindingCode::SellerFaultCancellation => "seller_fault_cancellation",
        }
    }

    /// The severity a finding of this code has, unless the evaluation says otherwise (an
    /// auto-cancel risk becomes a violation once the deadline has passed).
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::LateDispatch
            | FindingCode::DispatchOverdue
            | FindingCode::CollectionOverdue
            | FindingCode::MissingTracking
            | FindingCode::InvalidTracking
            | FindingCode::TrackingCarrierMismatch
            | FindingCode::DuplicateTracking
            | FindingCode::UnapprovedCarrier
            | FindingCode::TransitExceeded
            | FindingCode::LikelyLost
            | FindingCode::DeliveredLate
            | FindingCode::SellerFaultCancellation => Severity::Violation,
            FindingCode::DispatchDueSoon
            | FindingCode::AutoCancelRisk
            | FindingCode::TrackingUploadedLate
            | FindingCode::TransitWarning
            | FindingCode::TimestampOrderInvalid
            | FindingCode::MissingTimestamp => Severity::Warning,
            FindingCode::DelayNoticeRecommended => Severity::Info,
        }
    }
}

/// What the seed article advises doing about a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ShipNow,
    NotifyBuyer,
    ContactCarrier,
    ReplaceCarrier,
    UploadTracking,
    FixData,
    ReviewProcess,
}

impl Action {
    pub fn text(self) -> &'static str {
        match self {
            Action::ShipNow => "Ship it now.",
            Action::NotifyBuyer => "Tell the buyer about the delay, with an estimated arrival date.",
            Action::ContactCarrier => "Contact the carrier, and open a logistics dispute if the parcel is lost.",
            Action::ReplaceCarrier => {
                "Use an approved carrier for this destination; replace carriers that keep performing badly."
            }
            Action::UploadTracking => "Upload a valid tracking number as soon as the parcel ships.",
            Action::FixData => "Check the order's data in Seller Center and correct the export.",
            Action::ReviewProcess => "Review the packing and shipping steps that let this happen.",
        }
    }

    pub fn text_zh(self) -> &'static str {
        match self {
            Action::ShipNow => "立即发货。",
            Action::NotifyBuyer => "告知买家延误情况，并给出预计到达日期。",
            Action::ContactCarrier => "联系物流商；如包裹丢失，发起物流纠纷。",
            Action::ReplaceCarrier => "为该目的地使用平台认可的物流商；更换表现持续不佳的物流商。",
            Action::UploadTracking => "包裹发出后立即上传有效的物流单号。",
            Action::FixData => "在卖家中心核对该订单数据并更正导出文件。",
            Action::ReviewProcess => "复查导致此问题的打包和发货环节。",
        }
    }
}

/// Something wrong, or about to be, with one order: what, how bad, why (in English and
/// Chinese, with the evidence), and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub message: String,
    pub message_zh: String,
    /// The values and deadline the finding rests on, by name.
    pub evidence: BTreeMap<&'static str, String>,
    pub action: Action,
}

/// Builds a finding; `evidence` pairs are (name, value).
fn finding(
    code: FindingCode,
    message: String,
    message_zh: String,
    action: Action,
    evidence: impl IntoIterator<Item = (&'static str, String)>,
) -> Finding {
    Finding { code, severity: code.severity(), message, message_zh, evidence: evidence.into_iter().collect(), action }
}

/// Other orders with an order's tracking number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedNumber {
    /// The first five.
    pub with: Vec<Text>,
    /// How many there are.
    pub count: usize,
}

/// A set of finding codes, one bit each: every check holds its settled findings, and a list of
/// them would cost a million checks an allocation each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindingSet(u32);

impl FindingSet {
    pub fn contains(self, code: FindingCode) -> bool {
        self.0 & (1 << code as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The codes in the order of [`FindingCode::ALL`].
    pub fn iter(self) -> impl Iterator<Item = FindingCode> {
        FindingCode::ALL.into_iter().filter(move |code| self.contains(*code))
    }
}

impl FromIterator<FindingCode> for FindingSet {
    fn from_iter<I: IntoIterator<Item = FindingCode>>(codes: I) -> FindingSet {
        FindingSet(codes.into_iter().fold(0, |bits, code| bits | 1 << code as u32))
    }
}

/// One order checked against a profile, with what does not depend on `now` worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderCheck {
    /// Position of the order in the import.
    pub order_index: usize,
    pub order_id: Text,
    pub line: u64,
    pub tracking_id: Option<Text>,
    pub carrier: Option<Text>,
    /// Position of the carrier in the profile's approved list, when it is on it.
    pub approved_carrier: Option<u16>,
    pub country: Option<Text>,
    pub stage: Stage,
    pub clock: DispatchClock,
    /// The export column the dispatch time came from.
    pub dispatched_from: Option<&'static str>,
    /// Whether anything happened after payment (ready to ship, shipped, collected, delivered).
    pub progressed: bool,
    /// When the carrier had the parcel (collection, else shipment).
    pub collected: Option<DateTime<Utc>>,
    pub delivered: Option<DateTime<Utc>>,
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
        match self.stage {
            Stage::Unpaid => OrderState::Unpaid,
            Stage::Cancelled => OrderState::Cancelled,
            Stage::Delivered => OrderState::Delivered,
            // The status says it left, but no time says when: shipped, with nothing to count down.
            Stage::Dispatched if self.clock.dispatched.is_none() => OrderState::Shipped,
            Stage::Open | Stage::Dispatched => self.clock.state_at(now),
        }
    }

    /// Sort key, most urgent first: open orders by dispatch deadline (so overdue ones lead), open
    /// ones without a deadline, late dispatches, other dispatches, deliveries, then unpaid and
    /// cancelled orders, which need nothing from the seller.
    pub fn urgency(&self) -> (u8, Option<DateTime<Utc>>) {
        let rank = match (self.stage, self.clock.deadline, self.clock.shipped_late()) {
            (Stage::Open, Some(_), _) => 0,
            (Stage::Open, None, _) => 1,
            (Stage::Dispatched, _, Some(true)) => 2,
            (Stage::Dispatched, ..) => 3,
            (Stage::Delivered, ..) => 4,
            (Stage::Unpaid, ..) => 5,
            (Stage::Cancelled, ..) => 6,
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
            Stage::Dispatched if self.collected.is_none() => self
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
        self.timed_findings(now, rules, &mut Sink::Findings(&mut findings));
        findings
    }

    /// The codes of [`OrderCheck::findings_at`], without formatting any text: what a filter over
    /// a million orders asks.
    pub fn finding_codes_at(&self, now: DateTime<Utc>, rules: &Rules) -> Vec<FindingCode> {
        let mut codes: Vec<FindingCode> = self.settled.iter().collect();
        self.timed_findings(now, rules, &mut Sink::Codes(&mut codes));
        codes
    }

    /// Findings that depend on `now`.
    fn timed_findings(&self, now: DateTime<Utc>, rules: &Rules, sink: &mut Sink) {
        if matches!(self.stage, Stage::Unpaid | Stage::Cancelled | Stage::Delivered) {
            return;
        }
        let zone = &rules.profile.time_zone;
        let show = |at: DateTime<Utc>| zone.display(at);
        let show_zh = |at: DateTime<Utc>| zone.display_zh(at);
        let due_soon = TimeDelta::hours(i64::from(rules.profile.due_soon_hours));

        if self.stage == Stage::Open {
            if let Some(deadline) = self.deadlines.dispatch() {
                let source = source_text(deadline.source);
                let evidence = || [("dispatch_deadline", show(deadline.at)), ("deadline_source", source.to_owned())];
                if now > deadline.at {
                    let late = now - deadline.at;
                    sink.emit(FindingCode::DispatchOverdue, || {
                        let (due, due_zh) = (show(deadline.at), show_zh(deadline.at));
                        finding(
                            FindingCode::DispatchOverdue,
                            format!("Not dispatched, {} past the dispatch deadline ({due}).", span::phrase(late)),
                            format!("尚未发货，已超过发货截止时间（{due_zh}）{}。", span::phrase_zh(late)),
                            Action::ShipNow,
                            evidence(),
                        )
                    });
                } else if deadline.at - now <= due_soon {
                    let left = deadline.at - now;
                    sink.emit(FindingCode::DispatchDueSoon, || {
                        let (due, due_zh) = (show(deadline.at), show_zh(deadline.at));
                        finding(
                            FindingCode::DispatchDueSoon,
                            format!(
                                "Not dispatched; {} left before the dispatch deadline ({due}). Ship it first.",
                                span::phrase(left)
                            ),
                            format!("尚未发货；距发货截止时间（{due_zh}）还剩{}，请优先发货。", span::phrase_zh(left)),
                            Action::ShipNow,
                            evidence(),
                        )
                    });
                }
            }
        }

        if let Some(deadline) = self.deadlines.auto_cancel().filter(|_| !self.progressed) {
            let evidence = || {
                [
                    ("auto_cancel_deadline", show(deadline.at)),
                    ("deadline_source", source_text(deadline.source).to_owned()),
                ]
            };
            if now > deadline.at {
                sink.emit(FindingCode::AutoCancelRisk, || {
                    let (due, due_zh) = (show(deadline.at), show_zh(deadline.at));
                    let mut found = finding(
                        FindingCode::AutoCancelRisk,
                        format!("No progress since the auto-cancel deadline ({due}): the platform may cancel it, counting against the shop."),
                        format!("已过自动取消截止时间（{due_zh}）仍无进展：平台可能取消该订单，并计入店铺指标。"),
                        Action::ShipNow,
                        evidence(),
                    );
                    found.severity = Severity::Violation;
                    found
                });
            } else if deadline.at - now <= due_soon {
                sink.emit(FindingCode::AutoCancelRisk, || {
                    let (due, due_zh) = (show(deadline.at), show_zh(deadline.at));
                    finding(
                        FindingCode::AutoCancelRisk,
                        format!("The platform cancels it automatically unless it is ready to ship by {due}."),
                        format!("如在 {due_zh} 前未完成备货（待揽收），平台将自动取消该订单。"),
                        Action::ShipNow,
                        evidence(),
                    )
                });
            }
        }

        if let Some(deadline) = self.deadlines.collection() {
            if self.collected.is_none() && now > deadline.at {
                sink.emit(FindingCode::CollectionOverdue, || {
                    let (due, due_zh) = (show(deadline.at), show_zh(deadline.at));
                    finding(
                        FindingCode::CollectionOverdue,
                        format!("The carrier has not collected it, and the collection deadline ({due}) has passed."),
                        format!("物流商尚未揽收，已超过揽收截止时间（{due_zh}）。"),
                        Action::ContactCarrier,
                        [("collection_deadline", due), ("deadline_source", source_text(deadline.source).to_owned())],
                    )
                });
            }
        }

        // The furthest transit point passed, if any: likely lost, over the limit, or slow.
        let points = [
            (self.deadlines.likely_lost(), FindingCode::LikelyLost, Action::ContactCarrier, "likely_lost_after"),
            (self.deadlines.transit_limit(), FindingCode::TransitExceeded, Action::ContactCarrier, "transit_limit"),
            (
                self.deadlines.transit_warning(),
                FindingCode::TransitWarning,
                Action::NotifyBuyer,
                "transit_warning_after",
            ),
        ];
        let transit = points
            .into_iter()
            .find_map(|(deadline, code, action, key)| deadline.filter(|d| now > d.at).map(|d| (d, code, action, key)))
            .filter(|_| self.in_transit());
        let slow = transit.is_some();
        if let Some((deadline, code, action, key)) = transit {
            sink.emit(code, || {
                let (dispatched, limit) = (self.clock.dispatched.map(show).unwrap_or_default(), show(deadline.at));
                let (dispatched_zh, limit_zh) =
                    (self.clock.dispatched.map(show_zh).unwrap_or_default(), show_zh(deadline.at));
                let (message, message_zh) = match code {
                    FindingCode::LikelyLost => (
                        format!(
                            "Dispatched {dispatched} and still not delivered after the likely-lost limit ({limit})."
                        ),
                        format!("已于 {dispatched_zh} 发出，超过疑似丢失期限（{limit_zh}）仍未妥投。"),
                    ),
                    FindingCode::TransitExceeded => (
                        format!("Dispatched {dispatched}; the transit limit ({limit}) has passed without delivery."),
                        format!("已于 {dispatched_zh} 发出，超过运输时限（{limit_zh}）仍未妥投。"),
                    ),
                    _ => (
                        format!("Dispatched {dispatched} and still in transit after the warning point ({limit})."),
                        format!("已于 {dispatched_zh} 发出，超过预警时间（{limit_zh}）仍在运输中。"),
                    ),
                };
                finding(code, message, message_zh, action, [("dispatched", dispatched), (key, limit)])
            });
        }

        let overdue = self.stage == Stage::Open && self.clock.state_at(now) == OrderState::DispatchOverdue;
        let peak = rules.profile.peak_season(zone.local(now).date_naive());
        if overdue || slow || peak.is_some() {
            sink.emit(FindingCode::DelayNoticeRecommended, || {
                self.delay_notice(now, rules, peak.map(|p| p.name.as_str()), overdue)
            });
        }
    }

    /// The buyer notice: why, and when the parcel can be expected.
    fn delay_notice(&self, now: DateTime<Utc>, rules: &Rules, peak: Option<&str>, overdue: bool) -> Finding {
        let zone = &rules.profile.time_zone;
        // Shipped: the transit limit; not yet: the transit limit from today, or from the
        // deadline if that is still ahead.
        let eta = match (self.clock.dispatched, self.deadlines.transit_limit()) {
            (Some(_), Some(limit)) if limit.at > now => Some(limit.at),
            (Some(_), _) => None,
            (None, _) => rules.profile.windows.transit_limit.map(|window| {
                let from = self.clock.deadline.map_or(now, |deadline| deadline.max(now));
                window.deadline_after(from, zone, rules.transit_calendar(self.country.as_deref()), 0)
            }),
        };
        let eta_date = eta.map(|at| {
            let day = zone.local(at);
            (day.format("%Y-%m-%d").to_string(), day.format("%Y年%-m月%-d日").to_string())
        });
        let why = match (overdue, peak) {
            (true, _) => ("the order ships late", "订单延迟发货"),
            (false, Some(_)) => ("of peak-season volumes", "正值购物旺季"),
            (false, None) => ("the parcel is slower than usual in transit", "包裹运输时间长于正常"),
        };
        let (message, message_zh) = match &eta_date {
            Some((date, date_zh)) => (
                format!("Warn the buyer that delivery may be delayed because {}; estimated arrival by {date}.", why.0),
                format!("请提前告知买家：因{}，送达可能延迟；预计 {date_zh}前送达。", why.1),
            ),
            None => (
                format!(
                    "Warn the buyer that delivery is delayed because {}; ask the carrier for a new estimate.",
                    why.0
                ),
                format!("请告知买家：因{}，送达已延迟；请向物流商确认新的预计送达时间。", why.1),
            ),
        };
        let mut evidence = vec![("reason", why.0.to_owned())];
        evidence.extend(eta_date.map(|(date, _)| ("estimated_arrival", date)));
        evidence.extend(peak.map(|name| ("peak_season", name.to_owned())));
        finding(FindingCode::DelayNoticeRecommended, message, message_zh, Action::NotifyBuyer, evidence)
    }

    /// The estimated arrival date a buyer notice gives, if one can be given.
    pub fn estimated_arrival(&self, now: DateTime<Utc>, rules: &Rules) -> Option<chrono::NaiveDate> {
        let notice = self.delay_notice(now, rules, None, false);
        notice.evidence.get("estimated_arrival").and_then(|date| date.parse().ok())
    }

    /// Findings that are facts about the past and never change with `now`. The conditions are
    /// decided here once; a finding's text is only built when `sink` wants findings, so a check
    /// of a million orders keeps codes and formats nothing.
    fn settled_findings(&self, order: &Order, rules: &Rules, sink: &mut Sink) {
        let zone = &rules.profile.time_zone;
        let show = |at: DateTime<Utc>| zone.display(at);
        let show_zh = |at: DateTime<Utc>| zone.display_zh(at);

        if let (Stage::Cancelled, Some(by)) = (self.stage, order.cancelled_by) {
            if by.is_seller_fault() {
                sink.emit(FindingCode::SellerFaultCancellation, || {
                    let who = if by == CancelledBy::System {
                        ("automatically", "系统自动")
                    } else {
                        ("by the seller", "卖家")
                    };
                    finding(
                        FindingCode::SellerFaultCancellation,
                        format!("Cancelled {}: this counts against the seller-fault cancellation rate.", who.0),
                        format!("订单被{}取消，计入卖家责任取消率。", who.1),
                        Action::ReviewProcess,
                        [("cancelled_by", who.0.to_owned())],
                    )
                });
            }
        }

        let dispatch_name = self.dispatched_from.unwrap_or("dispatch");
        let pairs = [
            (order.paid, "Paid Time", order.created, "Created Time"),
            (self.clock.dispatched, dispatch_name, self.clock.start, "the order"),
            (self.delivered, "Delivered Time", self.clock.dispatched, dispatch_name),
        ];
        let backwards = |&(later, _, earlier, _): &(Option<DateTime<Utc>>, &str, Option<DateTime<Utc>>, &str)| {
            later.zip(earlier).is_some_and(|(later, earlier)| later < earlier)
        };
        if pairs.iter().any(backwards) {
            sink.emit(FindingCode::TimestampOrderInvalid, || {
                let (en, zh): (Vec<String>, Vec<String>) = pairs
                    .iter()
                    .filter(|pair| backwards(pair))
                    .map(|&(later, later_name, earlier, earlier_name)| {
                        let (later, earlier) = (later.unwrap_or_default(), earlier.unwrap_or_default());
                        (
                            format!("{later_name} ({}) is before {earlier_name} ({})", show(later), show(earlier)),
                            format!("{later_name}（{}）早于 {earlier_name}（{}）", show_zh(later), show_zh(earlier)),
                        )
                    })
                    .unzip();
                finding(
                    FindingCode::TimestampOrderInvalid,
                    format!("The timestamps contradict each other: {}.", en.join("; ")),
                    format!("时间顺序有误：{}。", zh.join("；")),
                    Action::FixData,
                    [("problems", en.join("; "))],
                )
            });
        }

        let missing = [
            (
                self.clock.start.is_none() && !matches!(self.stage, Stage::Unpaid | Stage::Cancelled),
                ("Paid Time or Created Time", "付款时间或创建时间", "no deadline can be computed"),
            ),
            (
                self.clock.dispatched.is_none() && order.status.is_some_and(OrderStatus::has_shipped),
                ("Shipped Time", "发货时间", "the status says it shipped"),
            ),
            (
                self.delivered.is_none() && order.status == Some(OrderStatus::Delivered),
                ("Delivered Time", "妥投时间", "the status says it was delivered"),
            ),
        ];
        if missing.iter().any(|(absent, _)| *absent) {
            sink.emit(FindingCode::MissingTimestamp, || {
                let absent = missing.iter().filter(|(absent, _)| *absent).map(|(_, names)| names);
                let en: Vec<String> = absent.clone().map(|(column, _, why)| format!("no {column} ({why})")).collect();
                let zh: Vec<&str> = absent.map(|(_, column, _)| *column).collect();
                finding(
                    FindingCode::MissingTimestamp,
                    format!("Missing timestamps: {}.", en.join("; ")),
                    format!("缺少时间：{}。", zh.join("、")),
                    Action::FixData,
                    [("missing", en.join("; "))],
                )
            });
        }

        if self.stage == Stage::Cancelled || self.stage == Stage::Unpaid {
            return;
        }

        if let (Some(late), Some(deadline), Some(dispatched)) =
            (self.clock.shipped_late_by(), self.deadlines.dispatch(), self.clock.dispatched)
        {
            sink.emit(FindingCode::LateDispatch, || {
                let (due, at) = (show(deadline.at), show(dispatched));
                let (due_zh, at_zh) = (show_zh(deadline.at), show_zh(dispatched));
                finding(
                    FindingCode::LateDispatch,
                    format!(
                        "Dispatched {} after the dispatch deadline ({due}); dispatched {at}. This counts against the \
                         late dispatch rate.",
                        span::phrase(late)
                    ),
                    format!("发货晚于截止时间（{due_zh}）{}；实际发货 {at_zh}。计入迟发率。", span::phrase_zh(late)),
                    Action::ReviewProcess,
                    [
                        ("dispatch_deadline", due),
                        ("dispatched", at),
                        ("dispatched_from", dispatch_name.to_owned()),
                        ("deadline_source", source_text(deadline.source).to_owned()),
                    ],
                )
            });
        }

        let shipped = self.clock.dispatched.is_some() || matches!(self.stage, Stage::Dispatched | Stage::Delivered);
        if shipped && self.tracking_id.is_none() {
            sink.emit(FindingCode::MissingTracking, || {
                finding(
                    FindingCode::MissingTracking,
                    "Shipped without a tracking number: it does not count as validly tracked.".into(),
                    "已发货但没有物流单号，不计入有效追踪。".into(),
                    Action::UploadTracking,
                    [("tracking_id", String::new())],
                )
            });
        }

        if let (Some(number), TrackingStatus::Invalid | TrackingStatus::OtherCarrier) =
            (self.tracking_id.as_deref(), self.tracking)
        {
            let code = if self.tracking == TrackingStatus::Invalid {
                FindingCode::InvalidTracking
            } else {
                FindingCode::TrackingCarrierMismatch
            };
            sink.emit(code, || {
                let result = check_tracking(number, self.carrier.as_deref());
                let (reason, reason_zh) = (result.reason.unwrap_or_default(), result.reason_zh.unwrap_or_default());
                let carrier = self.carrier.as_deref().unwrap_or("the carrier");
                let (message, message_zh) = match code {
                    FindingCode::InvalidTracking => (
                        format!("Tracking number {number} will be rejected: {reason}."),
                        format!("物流单号 {number} 无效，平台将拒收：{reason_zh}。"),
                    ),
                    _ => (
                        format!("Tracking number {number} does not belong to {carrier}: {reason}."),
                        format!("物流单号 {number} 与所选物流商 {carrier} 不符：{reason_zh}。"),
                    ),
                };
                finding(
                    code,
                    message,
                    message_zh,
                    Action::UploadTracking,
                    [("tracking_id", number.to_owned()), ("carrier", carrier.to_owned()), ("reason", reason)],
                )
            });
        }

        if let (Some(shared), Some(number)) = (&self.tracking_shared, self.tracking_id.as_deref()) {
            sink.emit(FindingCode::DuplicateTracking, || {
                let others = shared.with.join(", ");
                let more = shared.count - shared.with.len();
                let others = if more > 0 { format!("{others} and {more} more") } else { others };
                finding(
                    FindingCode::DuplicateTracking,
                    format!("Tracking number {number} is also on order {others}; the platform accepts a number once."),
                    format!("物流单号 {number} 同时用于订单 {others}；同一单号平台只接受一次。"),
                    Action::UploadTracking,
                    [("tracking_id", number.to_owned()), ("other_orders", others)],
                )
            });
        }

        if let (Some(deadline), Some(uploaded)) = (self.deadlines.tracking_upload(), order.rts) {
            if uploaded > deadline.at {
                sink.emit(FindingCode::TrackingUploadedLate, || {
                    let (added, due) = (show(uploaded), show(deadline.at));
                    let (added_zh, due_zh) = (show_zh(uploaded), show_zh(deadline.at));
                    finding(
                        FindingCode::TrackingUploadedLate,
                        format!("The tracking number was added {added} (RTS Time), after the upload deadline ({due})."),
                        format!("物流单号于 {added_zh}（RTS 时间）添加，晚于上传截止时间（{due_zh}）。"),
                        Action::UploadTracking,
                        [("tracking_added", added), ("upload_deadline", due)],
                    )
                });
            }
        }

        let unapproved = self.approved_carrier.is_none() && !rules.profile.approved_carriers.is_empty();
        if let Some(carrier) = self.carrier.as_deref().filter(|_| unapproved) {
            sink.emit(FindingCode::UnapprovedCarrier, || {
                let approved: Vec<&str> = rules.profile.approved_carriers.iter().map(|c| c.name.as_str()).collect();
                finding(
                    FindingCode::UnapprovedCarrier,
                    format!(
                        "{carrier} is not an approved carrier in this profile (approved: {}).",
                        approved.join(", ")
                    ),
                    format!("{carrier} 不在本规则的认可物流商名单中（认可：{}）。", approved.join("、")),
                    Action::ReplaceCarrier,
                    [("carrier", carrier.to_owned()), ("approved", approved.join(", "))],
                )
            });
        }

        if let (Some(delivered), Some(deadline)) = (self.delivered, self.deadlines.delivery()) {
            if delivered > deadline.at {
                sink.emit(FindingCode::DeliveredLate, || {
                    let (late, due) = (delivered - deadline.at, show(deadline.at));
                    finding(
                        FindingCode::DeliveredLate,
                        format!("Delivered {} after the delivery deadline ({due}): not on time.", span::phrase(late)),
                        format!(
                            "妥投晚于送达截止时间（{}）{}，不计为准时送达。",
                            show_zh(deadline.at),
                            span::phrase_zh(late)
                        ),
                        Action::ReplaceCarrier,
                        [
                            ("delivered", show(delivered)),
                            ("delivery_deadline", due),
                            ("deadline_source", source_text(deadline.source).to_owned()),
                        ],
                    )
                });
            }
        }
    }

    /// Works out the settled findings' codes.
    fn settle(&mut self, order: &Order, rules: &Rules) {
        let mut settled = Vec::new();
        self.settled_findings(order, rules, &mut Sink::Codes(&mut settled));
        self.settled = settled.into_iter().collect();
    }

    /// Whether the order counts as validly tracked: a number that is not wrong, of the order's
    /// carrier, and not one an earlier order already used.
    pub fn validly_tracked(&self) -> bool {
        matches!(self.tracking, TrackingStatus::Valid | TrackingStatus::Unknown) && self.first_with_tracking
    }

    /// The settled findings with their text.
    pub fn settled_findings_text(&self, order: &Order, rules: &Rules) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.settled_findings(order, rules, &mut Sink::Findings(&mut findings));
        findings
    }
}

/// Where [`OrderCheck::settled_findings`] puts what it finds: only the codes, or whole findings.
enum Sink<'s> {
    Codes(&'s mut Vec<FindingCode>),
    Findings(&'s mut Vec<Finding>),
}

impl Sink<'_> {
    fn emit(&mut self, code: FindingCode, make: impl FnOnce() -> Finding) {
        match self {
            Sink::Codes(codes) => codes.push(code),
            Sink::Findings(findings) => findings.push(make()),
        }
    }
}

fn source_text(source: DeadlineSource) -> &'static str {
    match source {
        DeadlineSource::Platform => "platform",
        DeadlineSource::Profile => "profile",
    }
}

/// Orders sharing one tracking number (the platform accepts a number once), found as the orders
/// are checked: fed a range of orders at a time, so a page checking a large import a range per
/// task finds them along the way, then [`SharedTracking::mark`] marks every check involved.
pub struct SharedTracking<'a> {
    /// Keyed by the number as written when it is already in normal form (the usual case), so a
    /// million distinct numbers cost no allocation each.
    first_with: FxHashMap<Cow<'a, str>, usize>,
    /// The orders of each shared number, keyed by the first of them.
    groups: FxHashMap<usize, Vec<usize>>,
    /// Groups whose checks are still to be marked.
    unmarked: Vec<Vec<usize>>,
}

impl<'a> SharedTracking<'a> {
    pub fn new(orders: usize) -> SharedTracking<'a> {
        SharedTracking {
            first_with: FxHashMap::with_capacity_and_hasher(orders, Default::default()),
            groups: FxHashMap::default(),
            unmarked: Vec::new(),
        }
    }

    pub fn add(&mut self, orders: &'a [Order], range: std::ops::Range<usize>) {
        for (i, order) in range.clone().zip(&orders[range]) {
            let Some(written) = order.tracking_id.as_deref() else { continue };
            let number = if written.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
                Cow::Borrowed(written)
            } else {
                match normalize_tracking(written) {
                    Some(number) => Cow::Owned(number),
                    None => continue,
                }
            };
            match self.first_with.entry(number) {
                Entry::Vacant(entry) => {
                    entry.insert(i);
                }
                Entry::Occupied(entry) => self.groups.entry(*entry.get()).or_insert_with(|| vec![*entry.get()]).push(i),
            }
        }
    }

    /// Marks the checks of orders that share a number, about `work` orders per call so a page
    /// can mark them a slice per task; whether any are left. `checks` are those of every order,
    /// in order.
    pub fn mark(&mut self, rules: &Rules, orders: &[Order], checks: &mut [OrderCheck], work: usize) -> bool {
        if !self.groups.is_empty() {
            self.unmarked.extend(std::mem::take(&mut self.groups).into_values());
        }
        let mut marked = 0;
        while marked < work {
            let Some(indices) = self.unmarked.pop() else { return false };
            for (position, &i) in indices.iter().enumerate() {
                let check = &mut checks[i];
                let with = indices.iter().filter(|&&j| j != i).map(|&j| orders[j].id.clone()).take(5).collect();
                check.tracking_shared = Some(Box::new(SharedNumber { with, count: indices.len() - 1 }));
                check.first_with_tracking = position == 0;
                check.settle(&orders[i], rules);
            }
            marked += indices.len();
        }
        !self.unmarked.is_empty()
    }
}

/// Most urgent first, ties in import order.
pub fn sort_by_urgency(checks: &mut [OrderCheck]) {
    let mut order = UrgencyOrder::new(checks);
    while order.step(checks, usize::MAX) {}
}

/// Puts checks in urgency order (most urgent first, ties in import order) a step at a time, so a
/// page can order a million checks without blocking. Positions are sorted, not the checks, which
/// are large, by each check's urgency packed into a number (reading it again from the checks,
/// scattered over a hundred megabytes, took most of the time): a run of positions at a time,
/// then runs merged pairwise, a budget of positions per step; then the checks are put in place by
/// swaps, each at most once, without a second copy of them.
pub struct UrgencyOrder(Phase);

enum Phase {
    /// The urgency of the checks so far, and their positions sorted by it in runs of `run`;
    /// those of the rest are added a run per step.
    Sorting { keys: Vec<u64>, positions: Vec<u32>, run: usize },
    /// `from`, sorted in runs of `run`, being merged pairwise into `into`; `left` and `right`: the
    /// next position of each run of the pair being merged.
    Merging { keys: Vec<u64>, from: Vec<u32>, into: Vec<u32>, run: usize, left: usize, right: usize },
    /// Where each check goes, and the first position not yet known to hold its check.
    Placing { place: Vec<u32>, next: usize },
}

/// [`OrderCheck::urgency`] as one number that sorts the same way: the rank in the top four bits,
/// then no deadline before any deadline, deadlines by their millisecond (as `Deadlines` keeps them).
fn urgency_key(check: &OrderCheck) -> u64 {
    let (rank, deadline) = check.urgency();
    const OFFSET: i64 = 1 << 58;
    let at = deadline.map_or(0, |at| 1 + at.timestamp_millis().saturating_add(OFFSET).clamp(0, 2 * OFFSET) as u64);
    u64::from(rank) << 60 | at
}

impl UrgencyOrder {
    pub fn new(checks: &[OrderCheck]) -> UrgencyOrder {
        let (keys, positions) = (Vec::with_capacity(checks.len()), Vec::with_capacity(checks.len()));
        UrgencyOrder(Phase::Sorting { keys, positions, run: 0 })
    }

    /// Does about `work` checks' worth of the ordering; whether any is left.
    pub fn step(&mut self, checks: &mut [OrderCheck], work: usize) -> bool {
        let work = work.max(1);
        match &mut self.0 {
            Phase::Sorting { keys, positions, run } if positions.len() < checks.len() => {
                if *run == 0 {
                    *run = work;
                }
                let (from, to) = (positions.len(), (positions.len() + *run).min(checks.len()));
                keys.extend(checks[from..to].iter().map(urgency_key));
                positions.extend(from as u32..to as u32);
                positions[from..].sort_unstable_by_key(|&i| (keys[i as usize], i));
            }
            Phase::Sorting { keys, positions, run } => {
                let (keys, from) = (std::mem::take(keys), std::mem::take(positions));
                let into = Vec::with_capacity(from.len());
                self.0 = Phase::Merging { keys, from, into, run: *run, left: 0, right: 0 };
            }
            Phase::Merging { from, run, .. } if *run >= from.len() => {
                let mut place = vec![0; from.len()];
                for (to, at) in (0..).zip(from.iter()) {
                    place[*at as usize] = to;
                }
                self.0 = Phase::Placing { place, next: 0 };
            }
            Phase::Merging { keys, from, into, run, left, right } => {
                let key = |i: u32| (keys[i as usize], i);
                let n = from.len();
                let mut budget = work;
                while budget > 0 && into.len() < n {
                    // Each pair of runs fills its own stretch of `into`.
                    let start = into.len() / (2 * *run) * (2 * *run);
                    let (middle, end) = ((start + *run).min(n), (start + 2 * *run).min(n));
                    if into.len() == start {
                        (*left, *right) = (start, middle);
                    }
                    while budget > 0 && (*left < middle || *right < end) {
                        let from_right = *right < end && (*left == middle || key(from[*right]) < key(from[*left]));
                        let next = if from_right { &mut *right } else { &mut *left };
                        into.push(from[*next]);
                        *next += 1;
                        budget -= 1;
                    }
                }
                if into.len() == n {
                    std::mem::swap(from, into);
                    into.clear();
                    *run = run.saturating_mul(2);
                }
            }
            Phase::Placing { place, next } => {
                // A cycle of the permutation can hold half the checks, so a step may stop inside
                // one: `place` says where the check now at `next` goes, whatever was done before.
                let mut swaps = 0;
                while *next < place.len() && swaps < work {
                    let (i, to) = (*next, place[*next] as usize);
                    if to == i {
                        *next += 1;
                    } else {
                        checks.swap(i, to);
                        place.swap(i, to);
                        swaps += 1;
                    }
                }
                return *next < place.len();
            }
        }
        true
    }
}

#[cfg(test)]
mod tests;
