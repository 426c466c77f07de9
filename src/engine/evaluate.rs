//! Evaluation: one order against one rule profile.
//!
//! Evaluation is split in two so that a live view can stay cheap. [`OrderCheck::new`] does the
//! work that does not depend on the time of day (deadlines, whether a shipment was late) once per
//! import. What does depend on it (due or overdue, due soon) is [`DispatchClock::state_at`] and
//! [`OrderCheck::findings_at`]: constant-time questions asked with an explicit `now`, so a
//! countdown is `deadline - now` and never a re-evaluation of the order list.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::order::Order;
use super::profile::RuleProfile;
use super::span;
use super::zone::Zone;

/// The time facts of one order's dispatch, all that its live state needs. `Copy`, so a view can
/// hold one per row without sharing the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DispatchClock {
    /// When the handling clock started; `None` when the order has neither paid nor created time.
    pub start: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    pub shipped: Option<DateTime<Utc>>,
    /// How close a deadline must be for an unshipped order to be due soon.
    pub due_soon: TimeDelta,
}

/// Where an order stands on dispatch at a given moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    ShippedOnTime,
    ShippedLate,
    /// Shipped, but the deadline is unknown (no paid or created time).
    Shipped,
    /// Not shipped; the deadline is ahead.
    AwaitingDispatch,
    /// Not shipped; the deadline has passed.
    DispatchOverdue,
    /// Not shipped, and the deadline is unknown.
    NoDeadline,
}

impl OrderState {
    pub fn code(self) -> &'static str {
        match self {
            OrderState::ShippedOnTime => "shipped_on_time",
            OrderState::ShippedLate => "shipped_late",
            OrderState::Shipped => "shipped",
            OrderState::AwaitingDispatch => "awaiting_dispatch",
            OrderState::DispatchOverdue => "dispatch_overdue",
            OrderState::NoDeadline => "no_deadline",
        }
    }
}

impl DispatchClock {
    pub fn state_at(&self, now: DateTime<Utc>) -> OrderState {
        match (self.shipped, self.deadline) {
            (Some(shipped), Some(deadline)) if shipped > deadline => OrderState::ShippedLate,
            (Some(_), Some(_)) => OrderState::ShippedOnTime,
            (Some(_), None) => OrderState::Shipped,
            (None, Some(deadline)) if now > deadline => OrderState::DispatchOverdue,
            (None, Some(_)) => OrderState::AwaitingDispatch,
            (None, None) => OrderState::NoDeadline,
        }
    }

    /// Time left to the dispatch deadline (negative once overdue), while the order is unshipped.
    pub fn remaining_at(&self, now: DateTime<Utc>) -> Option<TimeDelta> {
        match (self.shipped, self.deadline) {
            (None, Some(deadline)) => Some(deadline - now),
            _ => None,
        }
    }

    /// Whether the shipment missed its deadline; `None` until shipped, or when the deadline is
    /// unknown.
    pub fn shipped_late(&self) -> Option<bool> {
        Some(self.shipped? > self.deadline?)
    }

    /// Sort key, most urgent first: unshipped orders by deadline (so overdue ones lead), then
    /// unshipped ones without a deadline, then late shipments, then shipments on time.
    pub fn urgency(&self) -> (u8, Option<DateTime<Utc>>) {
        let rank = match (self.shipped, self.deadline, self.shipped_late()) {
            (None, Some(_), _) => 0,
            (None, None, _) => 1,
            (Some(_), _, Some(true)) => 2,
            (Some(_), _, _) => 3,
        };
        (rank, self.deadline)
    }

    /// How late the shipment was, if it was.
    pub fn shipped_late_by(&self) -> Option<TimeDelta> {
        let late = self.shipped? - self.deadline?;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// Shipped after the dispatch deadline.
    LateDispatch,
    /// Not shipped, and the dispatch deadline has passed.
    DispatchOverdue,
    /// Not shipped, and the dispatch deadline is within the profile's due-soon lead time.
    DispatchDueSoon,
    /// Neither paid nor created time: no deadline can be computed.
    MissingTimestamp,
}

impl FindingCode {
    pub fn code(self) -> &'static str {
        match self {
            FindingCode::LateDispatch => "late_dispatch",
            FindingCode::DispatchOverdue => "dispatch_overdue",
            FindingCode::DispatchDueSoon => "dispatch_due_soon",
            FindingCode::MissingTimestamp => "missing_timestamp",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            FindingCode::LateDispatch | FindingCode::DispatchOverdue => Severity::Violation,
            FindingCode::DispatchDueSoon | FindingCode::MissingTimestamp => Severity::Warning,
        }
    }
}

/// Something wrong, or about to be, with one order: what, how bad, and in words with the
/// evidence and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    fn new(code: FindingCode, message: String) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            message,
        }
    }
}

/// One order checked against a profile, with what does not depend on `now` worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderCheck {
    pub order_id: String,
    pub line: u64,
    pub tracking_id: Option<String>,
    pub carrier: Option<String>,
    pub clock: DispatchClock,
}

impl OrderCheck {
    pub fn new(order: &Order, profile: &RuleProfile) -> OrderCheck {
        let start = order.clock_start();
        OrderCheck {
            order_id: order.id.clone(),
            line: order.line,
            tracking_id: order.tracking_id.clone(),
            carrier: order.carrier.clone(),
            clock: DispatchClock {
                start,
                deadline: start.map(|s| profile.dispatch_window.deadline_after(s)),
                shipped: order.shipped,
                due_soon: TimeDelta::hours(i64::from(profile.due_soon_hours)),
            },
        }
    }

    /// The findings at `now`; `zone` is the one deadlines are written in.
    pub fn findings_at(&self, now: DateTime<Utc>, zone: &Zone) -> Vec<Finding> {
        let clock = &self.clock;
        let Some(deadline) = clock.deadline else {
            return vec![Finding::new(
                FindingCode::MissingTimestamp,
                "The order has neither a Paid Time nor a Created Time, so its dispatch deadline \
                 cannot be computed. Check the export includes those columns."
                    .into(),
            )];
        };
        let due = zone.display(deadline);
        let finding = match (clock.state_at(now), clock.shipped) {
            (OrderState::ShippedLate, Some(shipped)) => Finding::new(
                FindingCode::LateDispatch,
                format!(
                    "Shipped {} after the dispatch deadline ({due}); shipped {}. This counts \
                     against the late dispatch rate.",
                    span::phrase(shipped - deadline),
                    zone.display(shipped),
                ),
            ),
            (OrderState::DispatchOverdue, _) => Finding::new(
                FindingCode::DispatchOverdue,
                format!(
                    "Not shipped, {} past the dispatch deadline ({due}). Ship it now and tell \
                     the buyer when to expect it.",
                    span::phrase(now - deadline)
                ),
            ),
            (OrderState::AwaitingDispatch, _) if deadline - now <= clock.due_soon => Finding::new(
                FindingCode::DispatchDueSoon,
                format!(
                    "Not shipped; {} left before the dispatch deadline ({due}). Ship it first.",
                    span::phrase(deadline - now)
                ),
            ),
            _ => return Vec::new(),
        };
        vec![finding]
    }
}

/// Checks every order, in import order.
pub fn check_orders(orders: &[Order], profile: &RuleProfile) -> Vec<OrderCheck> {
    orders
        .iter()
        .map(|order| OrderCheck::new(order, profile))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 11, 12, h, m, 0).unwrap()
    }

    fn order(paid: Option<DateTime<Utc>>, shipped: Option<DateTime<Utc>>) -> Order {
        Order {
            id: "A1".into(),
            line: 2,
            created: paid.map(|p| p - TimeDelta::minutes(5)),
            paid,
            shipped,
            tracking_id: None,
            carrier: None,
        }
    }

    fn codes(check: &OrderCheck, now: DateTime<Utc>) -> Vec<&'static str> {
        check
            .findings_at(now, &Zone::UTC)
            .iter()
            .map(|f| f.code.code())
            .collect()
    }

    #[test]
    fn the_deadline_is_48_hours_after_payment() {
        let check = OrderCheck::new(&order(Some(at(9, 0)), None), &RuleProfile::default());
        assert_eq!(check.clock.deadline, Some(at(9, 0) + TimeDelta::hours(48)));
    }

    #[test]
    fn created_time_starts_the_clock_when_there_is_no_paid_time() {
        let mut unpaid = order(None, None);
        unpaid.created = Some(at(7, 0));
        let check = OrderCheck::new(&unpaid, &RuleProfile::default());
        assert_eq!(check.clock.deadline, Some(at(7, 0) + TimeDelta::hours(48)));
    }

    #[test]
    fn shipping_at_the_deadline_second_is_on_time_and_one_second_later_is_late() {
        let deadline = at(9, 0) + TimeDelta::hours(48);
        let on_time = OrderCheck::new(
            &order(Some(at(9, 0)), Some(deadline)),
            &RuleProfile::default(),
        );
        assert_eq!(on_time.clock.state_at(at(0, 0)), OrderState::ShippedOnTime);
        assert!(codes(&on_time, deadline).is_empty());

        let late = OrderCheck::new(
            &order(Some(at(9, 0)), Some(deadline + TimeDelta::seconds(1))),
            &RuleProfile::default(),
        );
        assert_eq!(late.clock.state_at(at(0, 0)), OrderState::ShippedLate);
        assert_eq!(late.clock.shipped_late_by(), Some(TimeDelta::seconds(1)));
        let findings = late.findings_at(deadline, &Zone::SHANGHAI);
        assert_eq!(findings[0].code, FindingCode::LateDispatch);
        assert_eq!(findings[0].severity, Severity::Violation);
        assert!(
            findings[0].message.contains("Shipped 1s after"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0]
                .message
                .contains("2024-11-14 17:00:00 UTC+08:00"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn an_unshipped_order_moves_from_due_to_due_soon_to_overdue() {
        let check = OrderCheck::new(&order(Some(at(9, 0)), None), &RuleProfile::default());
        let deadline = check.clock.deadline.unwrap();
        let day = TimeDelta::hours(24);

        assert_eq!(
            check.clock.state_at(deadline - day - TimeDelta::seconds(1)),
            OrderState::AwaitingDispatch
        );
        assert!(codes(&check, deadline - day - TimeDelta::seconds(1)).is_empty());
        assert_eq!(codes(&check, deadline - day), vec!["dispatch_due_soon"]);
        assert_eq!(check.clock.state_at(deadline), OrderState::AwaitingDispatch);
        assert_eq!(codes(&check, deadline), vec!["dispatch_due_soon"]);
        let later = deadline + TimeDelta::seconds(1);
        assert_eq!(check.clock.state_at(later), OrderState::DispatchOverdue);
        assert_eq!(codes(&check, later), vec!["dispatch_overdue"]);
        assert_eq!(
            check.clock.remaining_at(later),
            Some(TimeDelta::seconds(-1))
        );
    }

    #[test]
    fn urgency_puts_overdue_first_and_on_time_shipments_last() {
        let profile = RuleProfile::default();
        let overdue = OrderCheck::new(&order(Some(at(1, 0)), None), &profile).clock;
        let due_later = OrderCheck::new(&order(Some(at(5, 0)), None), &profile).clock;
        let no_deadline = OrderCheck::new(&order(None, None), &profile).clock;
        let late = OrderCheck::new(
            &order(Some(at(1, 0)), Some(at(1, 0) + TimeDelta::hours(50))),
            &profile,
        )
        .clock;
        let on_time = OrderCheck::new(&order(Some(at(1, 0)), Some(at(2, 0))), &profile).clock;
        let mut clocks = vec![on_time, late, no_deadline, due_later, overdue];
        clocks.sort_by_key(DispatchClock::urgency);
        assert_eq!(clocks, vec![overdue, due_later, no_deadline, late, on_time]);
    }

    #[test]
    fn an_order_without_any_start_time_is_flagged_not_guessed() {
        let unshipped = OrderCheck::new(&order(None, None), &RuleProfile::default());
        assert_eq!(unshipped.clock.state_at(at(9, 0)), OrderState::NoDeadline);
        assert_eq!(codes(&unshipped, at(9, 0)), vec!["missing_timestamp"]);

        let shipped = OrderCheck::new(&order(None, Some(at(9, 0))), &RuleProfile::default());
        assert_eq!(shipped.clock.state_at(at(9, 0)), OrderState::Shipped);
        assert_eq!(codes(&shipped, at(9, 0)), vec!["missing_timestamp"]);
    }
}
