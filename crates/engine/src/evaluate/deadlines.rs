//! An order's deadlines: which rule version judges it, when its clock starts, and every
//! deadline that follows, each from the platform when the order carries it, else from the
//! version's windows.
//!
//! The version is the one in effect at the order's clock start, as that version counts the
//! clock: an order paid at 23:30 on the last day of one rule, whose Awaiting Shipment begins
//! past midnight under the next, is the next rule's. The listing's own terms come before the
//! version's plain windows: a made-to-order listing's handling time, a pre-order's release.

use chrono::{DateTime, TimeDelta, Utc};

use super::Rules;
use crate::calendar::Calendar;
use crate::order::{Fulfillment, Order, OrderKind, PlatformDeadlines};
use crate::profile::{ClockStart, DeliveryFrom, DispatchEvent, RuleVersion, Window, WindowStart};

/// A deadline and who set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deadline {
    pub at: DateTime<Utc>,
    pub source: DeadlineSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineSource {
    /// The order carried it (Open API fields): the platform's own deadline wins.
    Platform,
    /// Derived from the rule profile.
    Profile,
}

impl DeadlineSource {
    pub fn code(self) -> &'static str {
        match self {
            DeadlineSource::Platform => "platform",
            DeadlineSource::Profile => "profile",
        }
    }
}

/// Which of an order's deadlines a seller is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Dispatch,
    /// Ready to ship by then, or the platform cancels the order.
    AutoCancel,
    Collection,
    Delivery,
}

/// A deadline as worked out, before [`Deadlines`] keeps it: in milliseconds since the Unix
/// epoch, as windows count them, so that no date is made only to be taken apart again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub millis: i64,
    pub source: DeadlineSource,
}

/// Every deadline of one order, as worked out; kept as [`Deadlines`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EachDeadline {
    pub dispatch: Option<Due>,
    pub collection: Option<Due>,
    pub auto_cancel: Option<Due>,
    pub delivery: Option<Due>,
    pub transit_warning: Option<Due>,
    pub transit_limit: Option<Due>,
    pub likely_lost: Option<Due>,
    pub tracking_upload: Option<Due>,
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
            at: each.map(|d| d.map_or(Deadlines::NONE, |d| d.millis)),
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

/// What judging one order by its version gives: the version, the clock, the dispatch, and
/// every deadline.
pub(super) struct Timing {
    /// Position of the version in the profile's list.
    pub version: usize,
    pub start: Option<DateTime<Utc>>,
    pub dispatched: Option<DateTime<Utc>>,
    /// The export column the dispatch time came from.
    pub dispatched_from: Option<&'static str>,
    pub deadlines: EachDeadline,
}

/// When `clock` starts for `order`.
pub(super) fn clock_start(order: &Order, clock: ClockStart) -> Option<DateTime<Utc>> {
    match clock {
        ClockStart::PaidElseCreated => order.paid.or(order.created),
        ClockStart::Created => order.created.or(order.paid),
        ClockStart::AwaitingShipment { hold_hours } => {
            let recorded = order.terms.as_ref().and_then(|terms| terms.awaiting_shipment);
            recorded.or_else(|| order.paid.or(order.created)?.checked_add_signed(TimeDelta::hours(hold_hours.into())))
        }
    }
}

/// When the version's dispatch event happened, and which column said so. A later event stands
/// in for an earlier one the export lacks: a parcel in transit was ready to ship by then.
pub(super) fn dispatch_time(order: &Order, event: DispatchEvent) -> (Option<DateTime<Utc>>, Option<&'static str>) {
    let candidates: [(Option<DateTime<Utc>>, &'static str); 3] = match event {
        DispatchEvent::ReadyToShip => {
            [(order.rts, "RTS Time"), (order.shipped, "Shipped Time"), (order.collected, "Collection Time")]
        }
        DispatchEvent::Shipped => [(order.shipped, "Shipped Time"), (order.collected, "Collection Time"), (None, "")],
        DispatchEvent::Collected => [(order.collected, "Collection Time"), (order.shipped, "Shipped Time"), (None, "")],
    };
    candidates.into_iter().find_map(|(at, column)| at.map(|at| (Some(at), Some(column)))).unwrap_or((None, None))
}

impl Rules {
    /// The version in effect at the order's clock start, as that version counts it, and the
    /// start; an order with no time at all is the newest version's.
    pub(super) fn version_for(&self, order: &Order) -> (usize, Option<DateTime<Utc>>) {
        let versions = &self.profile.versions;
        let zone = &self.profile.time_zone;
        for (i, version) in versions.iter().enumerate().rev() {
            let start = clock_start(order, version.clock_start);
            match start {
                Some(at) if i > 0 && zone.local(at).date_naive() < version.effective_from => continue,
                _ => return (i, start),
            }
        }
        (0, clock_start(order, versions[0].clock_start))
    }

    /// Works out the order's version, clock and every deadline.
    pub(super) fn timing(&self, order: &Order, transit_calendar: &Calendar) -> Timing {
        let (index, start) = self.version_for(order);
        let version = &self.profile.versions[index];
        let (dispatched, dispatched_from) = dispatch_time(order, version.dispatch_event);
        // Fulfilled by TikTok: the platform's warehouse owns every deadline, the seller none.
        let deadlines = if order.fulfillment == Fulfillment::ByTiktok {
            EachDeadline::default()
        } else {
            Judging::new(self, version, order, (start, dispatched), transit_calendar).deadlines()
        };
        Timing { version: index, start, dispatched, dispatched_from, deadlines }
    }
}

/// One order being judged by one version.
struct Judging<'a> {
    rules: &'a Rules,
    version: &'a RuleVersion,
    order: &'a Order,
    start: Option<WindowStart>,
    dispatched: Option<WindowStart>,
    /// The peak season's extra business days for windows from the dispatch.
    peak_extra_days: u32,
    transit_calendar: &'a Calendar,
}

fn from_platform(at: Option<DateTime<Utc>>) -> Option<Due> {
    at.map(|at| Due { millis: at.timestamp_millis(), source: DeadlineSource::Platform })
}

impl<'a> Judging<'a> {
    fn new(
        rules: &'a Rules,
        version: &'a RuleVersion,
        order: &'a Order,
        (start, dispatched): (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
        transit_calendar: &'a Calendar,
    ) -> Judging<'a> {
        let profile = &rules.profile;
        let dispatched = dispatched.map(|at| WindowStart::new(at, &profile.time_zone));
        let peak_extra_days = dispatched
            .and_then(|at| profile.peak_season(at.day()?.date()?))
            .map_or(0, |season| season.extra_business_days);
        let start = start.map(|at| WindowStart::new(at, &profile.time_zone));
        Judging { rules, version, order, start, dispatched, peak_extra_days, transit_calendar }
    }

    /// `at` as a window's start.
    fn starting(&self, at: DateTime<Utc>) -> WindowStart {
        WindowStart::new(at, &self.rules.profile.time_zone)
    }

    fn deadlines(&self) -> EachDeadline {
        let windows = &self.version.windows;
        let platform = self.order.platform.as_deref().copied().unwrap_or_default();
        let from_dispatch = |window: Option<Window>| self.after_dispatch(window?);
        let calendar = self.rules.seller_calendar();
        let from_start = |window: Option<Window>| self.after(window?, self.start?, calendar);
        EachDeadline {
            dispatch: self.dispatch(&platform),
            collection: match self.version.dispatch_event {
                DispatchEvent::ReadyToShip => from_platform(platform.tts_sla),
                _ => None,
            }
            .or_else(|| from_start(windows.collection)),
            auto_cancel: from_platform(platform.shipping_due.or(platform.collection_due).or(platform.cancel_sla))
                .or_else(|| from_start(windows.auto_cancel)),
            delivery: self.delivery(&platform),
            transit_warning: from_dispatch(windows.transit_warning),
            transit_limit: from_dispatch(windows.transit_limit),
            likely_lost: from_dispatch(windows.likely_lost),
            tracking_upload: windows
                .tracking_upload
                .zip(self.order.shipped)
                .and_then(|(w, at)| self.after(w, self.starting(at), calendar)),
        }
    }

    /// A window from `start`, counted in `calendar`.
    fn after(&self, window: Window, start: WindowStart, calendar: &Calendar) -> Option<Due> {
        self.counted(window, start, calendar, 0)
    }

    /// A window from dispatch, in the transit calendar, longer by a peak season's extra days.
    fn after_dispatch(&self, window: Window) -> Option<Due> {
        self.counted(window, self.dispatched?, self.transit_calendar, self.peak_extra_days)
    }

    fn counted(&self, window: Window, start: WindowStart, calendar: &Calendar, extra: u32) -> Option<Due> {
        let millis = window.deadline_after(start, &self.rules.profile.time_zone, calendar, extra)?;
        Some(Due { millis, source: DeadlineSource::Profile })
    }

    /// The platform's pick-up cut-off, or its deadline for the version's dispatch event; else
    /// the listing's terms; else the version's window.
    fn dispatch(&self, platform: &PlatformDeadlines) -> Option<Due> {
        let event_sla = match self.version.dispatch_event {
            DispatchEvent::ReadyToShip => platform.rts_sla,
            DispatchEvent::Shipped | DispatchEvent::Collected => platform.tts_sla,
        };
        if let Some(deadline) = from_platform(platform.pick_up_cut_off.or(event_sla)) {
            return Some(deadline);
        }
        let calendar = self.rules.seller_calendar();
        let types = &self.version.order_types;
        let terms = self.order.terms.as_deref();
        match self.order.kind {
            OrderKind::PreOrder => {
                if let (Some(window), Some(release)) = (types.pre_order, terms.and_then(|t| t.release)) {
                    return self.after(window, self.starting(release), calendar);
                }
            }
            OrderKind::MadeToOrder | OrderKind::BackOrder => {
                if let (Some(handling), Some(days)) = (types.handling_time, self.handling_days()) {
                    let window = Window::business_days(days).longer_by(handling.dispatch_extra_days);
                    return self.after(window, self.start?, calendar);
                }
            }
            OrderKind::Normal => {}
        }
        self.after(self.version.windows.dispatch, self.start?, calendar)
    }

    /// The platform's delivery deadline; else the listing's terms; else the version's window,
    /// from the clock start (a pre-order's from its release) or from dispatch.
    fn delivery(&self, platform: &PlatformDeadlines) -> Option<Due> {
        if let Some(deadline) =
            from_platform(platform.delivery_sla.or(platform.delivery_due).or(platform.delivery_required))
        {
            return Some(deadline);
        }
        let handling = self.version.order_types.handling_time;
        if let (OrderKind::MadeToOrder | OrderKind::BackOrder, Some(handling), Some(days)) =
            (self.order.kind, handling, self.handling_days())
        {
            let window = Window::business_days(days).longer_by(handling.delivery_extra_days);
            return self.after(window, self.start?, self.rules.seller_calendar());
        }
        let delivery = self.version.windows.delivery?;
        match delivery.from {
            DeliveryFrom::Order => {
                let release = self.order.terms.as_ref().and_then(|t| t.release);
                let release = release.filter(|_| self.order.kind == OrderKind::PreOrder).map(|at| self.starting(at));
                let from = release.or(self.start);
                self.after(delivery.window, from?, self.rules.seller_calendar())
            }
            DeliveryFrom::Dispatch => self.after_dispatch(delivery.window),
        }
    }

    fn handling_days(&self) -> Option<u32> {
        self.order.terms.as_ref()?.handling_days.map(u32::from)
    }
}
