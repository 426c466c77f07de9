//! Findings: what is wrong, or about to be, with one order, decided here from its check.
//!
//! The conditions live here and only here; each says what it found as a [`Found`], a value
//! holding the facts (which deadline, when, by how much), and [`super::wording`] turns those
//! into a message in English and Chinese with its evidence and action. A check of a million
//! orders asks for codes alone, and no text is ever built for it.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::deadlines::Deadline;
use super::{OrderCheck, OrderState, Rules, SharedNumber, Stage, TrackingStatus};
use crate::order::{CancelledBy, Order, OrderStatus, Text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Violation,
}

/// Stable identifiers: the CLI, exports and filters key on these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

    /// The code [`FindingCode::code`] gives, as a code.
    pub fn parse(code: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.code() == code)
    }

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Something wrong, or about to be, with one order: what, how bad, why (in English and
/// Chinese, with the evidence), and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub message: String,
    pub message_zh: String,
    /// The values and deadline the finding rests on, by name.
    pub evidence: BTreeMap<String, String>,
    /// The same evidence, its values in Chinese (the keys are the same).
    pub evidence_zh: BTreeMap<String, String>,
    pub action: Action,
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

    pub fn insert(&mut self, code: FindingCode) {
        self.0 |= 1 << code as u32;
    }

    /// How many codes it holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
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

/// Two times in the wrong order: `later` (named) is before `earlier` (named).
pub(super) struct Backwards {
    pub later: (DateTime<Utc>, &'static str),
    pub earlier: (DateTime<Utc>, &'static str),
}

/// A time the order lacks, and why that matters.
#[derive(Clone, Copy)]
pub(super) enum Absent {
    /// No paid or created time: no deadline can be computed.
    Start,
    /// The status says it shipped, with no time.
    Shipped,
    /// The status says it was delivered, with no time.
    Delivered,
}

/// Why a buyer should hear of a delay.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum DelayWhy {
    /// The order ships late.
    ShipsLate,
    /// The parcel is slower than the deliver-by date allows.
    SlowInTransit,
}

/// What a condition found, with the facts its wording needs.
pub(super) enum Found {
    SellerFaultCancellation {
        by: CancelledBy,
        reason: Option<Text>,
    },
    TimestampOrderInvalid(Vec<Backwards>),
    MissingTimestamp(Vec<Absent>),
    LateDispatch {
        deadline: Deadline,
        dispatched: DateTime<Utc>,
        from: &'static str,
    },
    MissingTracking,
    /// `InvalidTracking` or `TrackingCarrierMismatch`.
    BadTracking {
        code: FindingCode,
        number: Text,
        carrier: Option<Text>,
    },
    DuplicateTracking {
        number: Text,
        shared: SharedNumber,
    },
    TrackingUploadedLate {
        uploaded: DateTime<Utc>,
        deadline: Deadline,
    },
    UnapprovedCarrier {
        carrier: Text,
    },
    DeliveredLate {
        delivered: DateTime<Utc>,
        deadline: Deadline,
    },
    DispatchOverdue {
        deadline: Deadline,
        late: TimeDelta,
    },
    DispatchDueSoon {
        deadline: Deadline,
        left: TimeDelta,
    },
    AutoCancelRisk {
        deadline: Deadline,
        passed: bool,
    },
    CollectionOverdue {
        deadline: Deadline,
    },
    /// `LikelyLost`, `TransitExceeded` or `TransitWarning`: the furthest point passed.
    Transit {
        code: FindingCode,
        point: Deadline,
        dispatched: Option<DateTime<Utc>>,
    },
    DelayNotice {
        why: DelayWhy,
        eta: Option<NaiveDate>,
    },
}

/// Where the conditions put what they find: only the codes, the codes with their English
/// messages, or whole findings in words.
pub(super) enum Sink<'s> {
    Codes(&'s mut FindingSet),
    Messages(&'s mut Vec<(FindingCode, String)>, &'s Rules),
    Findings(&'s mut Vec<Finding>, &'s Rules),
}

impl Sink<'_> {
    fn emit(&mut self, code: FindingCode, found: impl FnOnce() -> Found) {
        match self {
            Sink::Codes(codes) => codes.insert(code),
            Sink::Messages(messages, rules) => messages.push((code, super::wording::message(found(), rules))),
            Sink::Findings(findings, rules) => findings.push(super::wording::word(code, found(), rules)),
        }
    }
}

impl OrderCheck {
    /// Findings that are facts about the past and never change with `now`.
    pub(super) fn settled_findings(&self, order: &Order, rules: &Rules, sink: &mut Sink) {
        if let (Stage::Cancelled, Some(by)) = (self.stage, order.cancelled_by.filter(|by| by.is_seller_fault())) {
            let reason = order.terms.as_ref().and_then(|terms| terms.cancel_reason.clone());
            sink.emit(FindingCode::SellerFaultCancellation, || Found::SellerFaultCancellation { by, reason });
        }
        self.timestamp_findings(order, sink);
        if matches!(self.stage, Stage::Cancelled | Stage::Unpaid) || self.fulfilled_by_tiktok() {
            return;
        }
        if let (Some(true), Some(deadline), Some(dispatched)) =
            (self.clock.shipped_late(), self.deadlines.dispatch(), self.clock.dispatched)
        {
            let from = self.dispatched_from.unwrap_or("dispatch");
            sink.emit(FindingCode::LateDispatch, || Found::LateDispatch { deadline, dispatched, from });
        }
        self.tracking_findings(order, rules, sink);
        if let (Some(delivered), Some(deadline)) = (order.delivered, self.deadlines.delivery()) {
            if delivered > deadline.at {
                sink.emit(FindingCode::DeliveredLate, || Found::DeliveredLate { delivered, deadline });
            }
        }
    }

    /// Times that contradict each other, and times the status says exist but the data lacks.
    fn timestamp_findings(&self, order: &Order, sink: &mut Sink) {
        let dispatch_name = self.dispatched_from.unwrap_or("dispatch");
        let pairs = [
            (order.paid, "Paid Time", order.created, "Created Time"),
            (self.clock.dispatched, dispatch_name, self.clock.start, "the order"),
            (order.delivered, "Delivered Time", self.clock.dispatched, dispatch_name),
        ];
        let backwards: Vec<Backwards> = pairs
            .iter()
            .filter_map(|&(later, later_name, earlier, earlier_name)| {
                let (later, earlier) = (later?, earlier?);
                (later < earlier).then_some(Backwards { later: (later, later_name), earlier: (earlier, earlier_name) })
            })
            .collect();
        if !backwards.is_empty() {
            sink.emit(FindingCode::TimestampOrderInvalid, || Found::TimestampOrderInvalid(backwards));
        }
        let absent: Vec<Absent> = [
            (self.clock.start.is_none() && !matches!(self.stage, Stage::Unpaid | Stage::Cancelled), Absent::Start),
            (self.clock.dispatched.is_none() && order.status.is_some_and(OrderStatus::has_shipped), Absent::Shipped),
            (order.delivered.is_none() && order.status == Some(OrderStatus::Delivered), Absent::Delivered),
        ]
        .into_iter()
        .filter_map(|(missing, which)| missing.then_some(which))
        .collect();
        if !absent.is_empty() {
            sink.emit(FindingCode::MissingTimestamp, || Found::MissingTimestamp(absent));
        }
    }

    /// The tracking number: missing, wrong, of another carrier, shared, uploaded late; and the
    /// carrier: not approved.
    fn tracking_findings(&self, order: &Order, rules: &Rules, sink: &mut Sink) {
        let shipped = self.clock.dispatched.is_some() || matches!(self.stage, Stage::Dispatched | Stage::Delivered);
        if shipped && order.tracking_id.is_none() {
            sink.emit(FindingCode::MissingTracking, || Found::MissingTracking);
        }
        if let Some(number) = &order.tracking_id {
            let code = match self.tracking {
                TrackingStatus::Invalid => Some(FindingCode::InvalidTracking),
                TrackingStatus::OtherCarrier => Some(FindingCode::TrackingCarrierMismatch),
                _ => None,
            };
            if let Some(code) = code {
                let (number, carrier) = (number.clone(), order.carrier.clone());
                sink.emit(code, || Found::BadTracking { code, number, carrier });
            }
            if let Some(shared) = &self.tracking_shared {
                let number = number.clone();
                sink.emit(FindingCode::DuplicateTracking, || Found::DuplicateTracking {
                    number,
                    shared: (**shared).clone(),
                });
            }
        }
        if let (Some(deadline), Some(uploaded)) = (self.deadlines.tracking_upload(), order.rts) {
            if uploaded > deadline.at {
                sink.emit(FindingCode::TrackingUploadedLate, || Found::TrackingUploadedLate { uploaded, deadline });
            }
        }
        let unapproved = self.approved_carrier.is_none() && !rules.profile.approved_carriers.is_empty();
        if let Some(carrier) = order.carrier.clone().filter(|_| unapproved) {
            sink.emit(FindingCode::UnapprovedCarrier, || Found::UnapprovedCarrier { carrier });
        }
    }

    /// Findings that depend on `now`.
    pub(super) fn timed_findings(&self, order: &Order, now: DateTime<Utc>, rules: &Rules, sink: &mut Sink) {
        if matches!(self.stage, Stage::Unpaid | Stage::Cancelled | Stage::Delivered) || self.fulfilled_by_tiktok() {
            return;
        }
        let due_soon = TimeDelta::hours(i64::from(rules.profile.due_soon_hours));
        if let (Stage::Open, Some(deadline)) = (self.stage, self.deadlines.dispatch()) {
            if now > deadline.at {
                sink.emit(FindingCode::DispatchOverdue, || Found::DispatchOverdue {
                    deadline,
                    late: now - deadline.at,
                });
            } else if deadline.at - now <= due_soon {
                sink.emit(FindingCode::DispatchDueSoon, || Found::DispatchDueSoon {
                    deadline,
                    left: deadline.at - now,
                });
            }
        }
        if let Some(deadline) = self.deadlines.auto_cancel().filter(|_| !self.progressed) {
            let passed = now > deadline.at;
            if passed || deadline.at - now <= due_soon {
                sink.emit(FindingCode::AutoCancelRisk, || Found::AutoCancelRisk { deadline, passed });
            }
        }
        if let Some(deadline) = self.deadlines.collection().filter(|d| !self.with_carrier && now > d.at) {
            sink.emit(FindingCode::CollectionOverdue, || Found::CollectionOverdue { deadline });
        }
        if let Some((code, point)) = self.transit_point_passed(now) {
            let dispatched = self.clock.dispatched;
            sink.emit(code, || Found::Transit { code, point, dispatched });
        }
        if let Some(why) = self.delay_to_tell(now) {
            sink.emit(FindingCode::DelayNoticeRecommended, || Found::DelayNotice {
                why,
                eta: self.estimated_arrival(order, now, rules),
            });
        }
    }

    /// The furthest transit point a parcel still in transit has passed: likely lost, over the
    /// limit, or slow.
    fn transit_point_passed(&self, now: DateTime<Utc>) -> Option<(FindingCode, Deadline)> {
        if !self.in_transit() {
            return None;
        }
        [
            (self.deadlines.likely_lost(), FindingCode::LikelyLost),
            (self.deadlines.transit_limit(), FindingCode::TransitExceeded),
            (self.deadlines.transit_warning(), FindingCode::TransitWarning),
        ]
        .into_iter()
        .find_map(|(point, code)| point.filter(|p| now > p.at).map(|p| (code, p)))
    }

    /// Whether the buyer should be told of a delay: only when the parcel will miss the date
    /// the buyer was promised. An open order past its dispatch deadline ships late; a parcel in
    /// transit past its deliver-by date, or slow enough that its transit limit falls after it,
    /// arrives late (without a deliver-by date, past the slow point).
    fn delay_to_tell(&self, now: DateTime<Utc>) -> Option<DelayWhy> {
        match self.stage {
            Stage::Open => (self.clock.state_at(now) == OrderState::DispatchOverdue).then_some(DelayWhy::ShipsLate),
            Stage::Dispatched if self.in_transit() => {
                let slow = self.deadlines.transit_warning().is_some_and(|w| now > w.at);
                let late = match self.deadlines.delivery() {
                    None => slow,
                    Some(promised) => {
                        let arrival = self.deadlines.transit_limit().map_or(now, |limit| limit.at.max(now));
                        now > promised.at || slow && arrival > promised.at
                    }
                };
                late.then_some(DelayWhy::SlowInTransit)
            }
            _ => None,
        }
    }
}
