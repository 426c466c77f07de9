//! One order's life as a seller reads it in the detail view: each step (paid, ready to ship,
//! shipped, collected, delivered) with when it happened and the deadlines it had to meet, and
//! the delay notice a buyer can be sent.
//!
//! The deadlines are the check's own; this module only says which step each belongs to and
//! whether it was met, so the detail view and the board can never disagree.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::evaluate::{Deadline, DeadlineKind, OrderCheck, Rules, Stage};
use super::order::Order;
use super::profile::DispatchEvent;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Paid,
    ReadyToShip,
    Shipped,
    Collected,
    Delivered,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Paid, Step::ReadyToShip, Step::Shipped, Step::Collected, Step::Delivered];
}

/// Where a deadline stands (spans in whole seconds when serialised).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The step happened in time, this much before the deadline.
    Met(#[serde(with = "seconds")] TimeDelta),
    /// The step happened this much after the deadline.
    Missed(#[serde(with = "seconds")] TimeDelta),
    /// Not happened yet; this much time is left.
    Pending(#[serde(with = "seconds")] TimeDelta),
    /// Not happened, and the deadline passed this long ago.
    Overdue(#[serde(with = "seconds")] TimeDelta),
}

/// A span as whole seconds.
mod seconds {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(span: &TimeDelta, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(span.num_seconds())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<TimeDelta, D::Error> {
        let seconds = i64::deserialize(deserializer)?;
        TimeDelta::try_seconds(seconds).ok_or_else(|| serde::de::Error::custom("a span out of range"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDeadline {
    pub kind: DeadlineKind,
    pub deadline: Deadline,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineStep {
    pub step: Step,
    /// When the export says it happened.
    pub at: Option<DateTime<Utc>>,
    pub deadlines: Vec<StepDeadline>,
}

/// The order's steps at `now`. The dispatch deadline sits on the step the dispatch time came
/// from: a parcel in transit without a ready-to-ship time was dispatched when it shipped.
pub fn timeline(order: &Order, check: &OrderCheck, rules: &Rules, now: DateTime<Utc>) -> Vec<TimelineStep> {
    let dispatch_step = match check.dispatched_from {
        Some("RTS Time") => Step::ReadyToShip,
        Some("Shipped Time") => Step::Shipped,
        Some("Collection Time") => Step::Collected,
        _ => match rules.version(check).dispatch_event {
            DispatchEvent::ReadyToShip => Step::ReadyToShip,
            DispatchEvent::Shipped => Step::Shipped,
            DispatchEvent::Collected => Step::Collected,
        },
    };
    let d = &check.deadlines;
    // An order that made no progress before being cancelled no longer owes any step.
    let owes = !matches!(check.stage, Stage::Cancelled | Stage::Unpaid);
    Step::ALL
        .into_iter()
        .map(|step| {
            let at = match step {
                Step::Paid => order.paid.or(order.created),
                Step::ReadyToShip => order.rts,
                Step::Shipped => order.shipped,
                Step::Collected => order.collected,
                Step::Delivered => order.delivered,
            };
            let mut owed: Vec<(DeadlineKind, Option<Deadline>)> = Vec::new();
            if step == dispatch_step {
                owed.push((DeadlineKind::Dispatch, d.dispatch()));
            }
            match step {
                Step::ReadyToShip if !check.progressed || order.rts.is_some() => {
                    owed.push((DeadlineKind::AutoCancel, d.auto_cancel()))
                }
                Step::Collected => owed.push((DeadlineKind::Collection, d.collection())),
                Step::Delivered => owed.push((DeadlineKind::Delivery, d.delivery())),
                _ => {}
            }
            // The dispatch step's time is the check's, which may stand in for a missing column.
            let done = if step == dispatch_step { check.clock.dispatched.or(at) } else { at };
            let deadlines = owed
                .into_iter()
                .filter_map(|(kind, deadline)| {
                    let deadline = deadline?;
                    let verdict = match done {
                        Some(done) if done <= deadline.at => Verdict::Met(deadline.at - done),
                        Some(done) => Verdict::Missed(done - deadline.at),
                        None if !owes => return None,
                        None if now > deadline.at => Verdict::Overdue(now - deadline.at),
                        None => Verdict::Pending(deadline.at - now),
                    };
                    Some(StepDeadline { kind, deadline, verdict })
                })
                .collect();
            TimelineStep { step, at, deadlines }
        })
        .collect()
}

/// A message the seller can send the buyer about a delay, in English and Chinese, with the
/// estimated arrival date when one can be given.
pub fn buyer_notice(check: &OrderCheck, order: &Order, rules: &Rules, now: DateTime<Utc>) -> (String, String) {
    let id = &order.id;
    match check.estimated_arrival(order, now, rules) {
        Some(date) => (
            format!(
                "Hello, and thank you for your order {id}. We are sorry that it is taking longer than usual: \
                 we now expect it to arrive by {date}. We will keep an eye on it until it reaches you. \
                 Thank you for your patience."
            ),
            format!(
                "您好，感谢您的订单 {id}。很抱歉，本次配送比平时慢，预计将于 {}前送达。我们会持续跟进，直到您收到包裹。感谢您的耐心等待。",
                date.format("%Y年%-m月%-d日")
            ),
        ),
        None => (
            format!(
                "Hello, and thank you for your order {id}. We are sorry that it is taking longer than usual. \
                 We are checking with the carrier and will tell you the new delivery date as soon as we have it. \
                 Thank you for your patience."
            ),
            format!("您好，感谢您的订单 {id}。很抱歉，本次配送比平时慢。我们正在与物流商确认，一有新的送达日期会立即告知您。感谢您的耐心等待。"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::evaluate::DeadlineSource;
    use crate::RuleProfile;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 11, day, hour, 0, 0).unwrap()
    }

    fn verdicts(steps: &[TimelineStep], step: Step) -> Vec<(DeadlineKind, Verdict)> {
        let step = steps.iter().find(|s| s.step == step).unwrap();
        step.deadlines.iter().map(|d| (d.kind, d.verdict)).collect()
    }

    #[test]
    fn each_deadline_sits_on_its_step_and_says_whether_it_was_met() {
        let rules = Rules::new(RuleProfile::cross_border_article()).unwrap();
        let order = Order {
            id: "T1".into(),
            paid: Some(at(1, 0)),
            shipped: Some(at(3, 6)),
            tracking_id: Some("YT2432100012345678".into()),
            ..Order::default()
        };
        let check = rules.check(0, &order);
        let steps = timeline(&order, &check, &rules, at(4, 0));
        assert_eq!(steps.iter().map(|s| s.step).collect::<Vec<_>>(), Step::ALL);
        assert_eq!(steps[0].at, Some(at(1, 0)));
        // 48 hours from payment; shipped six hours after.
        assert_eq!(verdicts(&steps, Step::Shipped), [(DeadlineKind::Dispatch, Verdict::Missed(TimeDelta::hours(6)))]);
        assert_eq!(steps[2].deadlines[0].deadline.source, DeadlineSource::Profile);
        assert!(verdicts(&steps, Step::ReadyToShip).is_empty(), "no auto-cancel once the order progressed");

        let order = Order { shipped: None, ..order };
        let open = rules.check(0, &order);
        let steps = timeline(&order, &open, &rules, at(2, 0));
        let pending = verdicts(&steps, Step::Shipped);
        assert_eq!(pending, [(DeadlineKind::Dispatch, Verdict::Pending(TimeDelta::hours(24)))]);
        let steps = timeline(&order, &open, &rules, at(3, 1));
        assert_eq!(verdicts(&steps, Step::Shipped), [(DeadlineKind::Dispatch, Verdict::Overdue(TimeDelta::hours(1)))]);
    }

    #[test]
    fn a_buyer_notice_gives_the_estimated_arrival_when_there_is_one() {
        // The article's profile: 15 business days of transit from the dispatch deadline.
        let mut rules = Rules::new(RuleProfile::cross_border_article()).unwrap();
        let order = Order { id: "N1".into(), paid: Some(at(1, 0)), ..Order::default() };
        let check = rules.check(0, &order);
        let date = check.estimated_arrival(&order, at(5, 0), &rules).expect("an estimate");
        let (english, chinese) = buyer_notice(&check, &order, &rules, at(5, 0));
        assert!(english.contains("order N1. We are sorry") && english.contains(&format!("arrive by {date}.")));
        let date_zh = date.format("%Y年%-m月%-d日");
        assert!(chinese.contains("订单 N1") && chinese.contains(&format!("预计将于 {date_zh}前送达")), "{chinese}");

        rules.profile.latest_mut().windows.transit_limit = None;
        let (english, chinese) = buyer_notice(&check, &order, &rules, at(5, 0));
        assert!(english.contains("tell you the new delivery date") && !english.contains("arrive by"), "{english}");
        assert!(chinese.contains("一有新的送达日期会立即告知您"), "{chinese}");
    }
}
