//! Each preset's versions on a worked example from its source: which version judges an order,
//! when its clock starts, and every deadline that follows.

use chrono::NaiveDate;

use super::*;
use crate::order::{Fulfillment, OrderKind, OrderTerms, PlatformDeadlines};
use crate::profile::DispatchEvent;
use crate::report::RuleVersionRef;
use crate::zone::Zone;

fn rules(profile: RuleProfile) -> Rules {
    Rules::new(profile).unwrap()
}

fn local(zone: Zone, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    zone.to_utc(NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_hms_opt(h, mi, 0).unwrap()).unwrap()
}

fn paid(at: DateTime<Utc>) -> Order {
    Order { id: "V1".into(), paid: Some(at), ..Order::default() }
}

/// A deadline as RFC 3339 in the profile's zone.
fn show(rules: &Rules, deadline: Option<Deadline>) -> String {
    rules.profile.time_zone.rfc3339(deadline.expect("a deadline").at)
}

fn pacific(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(Zone::LOS_ANGELES, y, mo, d, h, mi)
}

#[test]
fn us_2026_rule_counts_two_business_days_from_awaiting_shipment_an_hour_after_payment() {
    let rules = rules(RuleProfile::us_local());
    // Paid Thursday 3 December 2026 at 23:30 Pacific: Awaiting Shipment begins at 00:30 on
    // Friday, day 0; the 2nd business day after it is Tuesday 8 December.
    let late_thursday = rules.check(0, &paid(pacific(2026, 12, 3, 23, 30)));
    assert_eq!(late_thursday.clock.start, Some(pacific(2026, 12, 4, 0, 30)));
    assert_eq!(show(&rules, late_thursday.deadlines.dispatch()), "2026-12-08T23:59:59-08:00");
    // Paid the same Thursday at 10:00: day 0 is Thursday, due Monday.
    let morning = rules.check(0, &paid(pacific(2026, 12, 3, 10, 0)));
    assert_eq!(show(&rules, morning.deadlines.dispatch()), "2026-12-07T23:59:59-08:00");
    // Deliver-by: 6 business days from Awaiting Shipment; auto-cancel after 7.
    assert_eq!(show(&rules, morning.deadlines.delivery()), "2026-12-11T23:59:59-08:00");
    assert_eq!(show(&rules, morning.deadlines.auto_cancel()), "2026-12-14T23:59:59-08:00");
    // Dispatch is the carrier's first scan: In Transit (Shipped Time), not ready to ship.
    assert_eq!(rules.version(&morning).dispatch_event, DispatchEvent::Shipped);
    let with_awaiting_shipment = Order {
        terms: Some(Box::new(OrderTerms {
            awaiting_shipment: Some(pacific(2026, 12, 3, 12, 0)),
            ..OrderTerms::default()
        })),
        ..paid(pacific(2026, 12, 3, 10, 0))
    };
    let recorded = rules.check(0, &with_awaiting_shipment);
    assert_eq!(recorded.clock.start, Some(pacific(2026, 12, 3, 12, 0)), "the status time, when the data has it");
}

#[test]
fn an_export_spanning_26_january_2026_is_judged_on_each_side_by_the_rule_of_its_day() {
    let rules = rules(RuleProfile::us_local());
    let orders = [
        // 2025-10-23 rule: awaiting collection (RTS) within 2 business days of payment.
        paid(pacific(2025, 11, 3, 9, 0)),
        // The transition: in transit within 4 working days of payment.
        paid(pacific(2026, 1, 20, 9, 0)),
        // Paid on Sunday 25 January at 23:30: Awaiting Shipment starts on the 26th, new rule.
        paid(pacific(2026, 1, 25, 23, 30)),
        // The 2026 rule: in transit within 2 business days of Awaiting Shipment.
        paid(pacific(2026, 1, 27, 9, 0)),
    ];
    let checks = rules.check_all(&orders);
    let versions: Vec<u8> = checks.iter().map(|c| c.version).collect();
    assert_eq!(versions, [0, 1, 2, 2]);
    let due: Vec<String> = checks.iter().map(|c| show(&rules, c.deadlines.dispatch())).collect();
    assert_eq!(
        due,
        [
            "2025-11-05T23:59:59-08:00",
            // 21, 22, 23 and 26 January.
            "2026-01-26T23:59:59-08:00",
            // Day 0 is Monday the 26th.
            "2026-01-28T23:59:59-08:00",
            "2026-01-29T23:59:59-08:00",
        ]
    );
    assert_eq!(rules.version(&checks[0]).dispatch_event, DispatchEvent::ReadyToShip);
    assert_eq!(
        RuleVersionRef::of(&checks[1], &rules),
        RuleVersionRef {
            preset: "us-local".into(),
            effective_from: NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(),
            source: "english.ebrun.com/20260113/636326.shtml; chwang.com/news/200950795657 (secondary)".into(),
        }
    );
    // Under the 2025 rule ready to ship counts: labelled Wednesday, scanned Friday, on time.
    let labelled = Order {
        rts: Some(pacific(2025, 11, 5, 16, 0)),
        shipped: Some(pacific(2025, 11, 7, 16, 0)),
        ..paid(pacific(2025, 11, 3, 9, 0))
    };
    assert_eq!(rules.check(0, &labelled).state_at(pacific(2025, 11, 10, 0, 0)), OrderState::ShippedOnTime);
}

#[test]
fn a_pinned_profile_judges_every_order_by_its_one_version() {
    let pinned = rules(RuleProfile::us_local().pinned_on(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()));
    let old = pinned.check(0, &paid(pacific(2025, 11, 3, 9, 0)));
    assert_eq!(old.version, 0);
    assert_eq!(old.clock.start, Some(pacific(2025, 11, 3, 10, 0)), "the 2026 hold applies to it too");
}

#[test]
fn made_to_order_and_back_order_listings_add_their_handling_time() {
    let rules = rules(RuleProfile::us_local());
    for kind in [OrderKind::MadeToOrder, OrderKind::BackOrder] {
        let order = Order {
            kind,
            terms: Some(Box::new(OrderTerms { handling_days: Some(3), ..OrderTerms::default() })),
            ..paid(pacific(2026, 12, 7, 9, 0))
        };
        let check = rules.check(0, &order);
        // Monday 7 December: handling 3 + 1 business days → Friday 11th; delivery 3 + 5 → the 17th.
        assert_eq!(show(&rules, check.deadlines.dispatch()), "2026-12-11T23:59:59-08:00", "{kind:?}");
        assert_eq!(show(&rules, check.deadlines.delivery()), "2026-12-17T23:59:59-08:00", "{kind:?}");
    }
    // Without the listing's handling time, the ordinary window.
    let unknown = Order { kind: OrderKind::MadeToOrder, ..paid(pacific(2026, 12, 7, 9, 0)) };
    assert_eq!(show(&rules, rules.check(0, &unknown).deadlines.dispatch()), "2026-12-09T23:59:59-08:00");
}

#[test]
fn a_pre_order_is_due_two_business_days_after_the_pre_order_closes() {
    let rules = rules(RuleProfile::us_local());
    let order = Order {
        kind: OrderKind::PreOrder,
        terms: Some(Box::new(OrderTerms {
            release: Some(pacific(2026, 12, 10, 9, 0)), // Thursday
            ..OrderTerms::default()
        })),
        ..paid(pacific(2026, 11, 2, 9, 0))
    };
    let check = rules.check(0, &order);
    assert_eq!(show(&rules, check.deadlines.dispatch()), "2026-12-14T23:59:59-08:00");
    // Delivery counts from the release too: 6 business days from Thursday 10 December.
    assert_eq!(show(&rules, check.deadlines.delivery()), "2026-12-18T23:59:59-08:00");
}

#[test]
fn us_cross_border_orders_are_in_transit_within_two_working_days_in_china() {
    let rules = rules(RuleProfile::us_cross_border());
    let shanghai = Zone::SHANGHAI;
    // Paid Friday 2 October 2026, 10:00 in Shanghai, in the National Day holiday (1 to 7
    // October): the 1st working day after it is Thursday 8th, the 2nd Friday 9th.
    let check = rules.check(0, &paid(local(shanghai, 2026, 10, 2, 10, 0)));
    assert_eq!(show(&rules, check.deadlines.dispatch()), "2026-10-09T23:59:59+08:00");
    assert!(check.deadlines.delivery().is_none(), "platform logistics: on-time delivery is not the seller's");
}

fn vietnam(day: u32, month: u32, h: u32, mi: u32) -> DateTime<Utc> {
    local(Zone::from_name("Asia/Ho_Chi_Minh").unwrap(), 2026, month, day, h, mi)
}

#[test]
fn vietnam_hands_over_the_same_working_day_before_14_00_monday_to_saturday() {
    let rules = rules(RuleProfile::vn_local());
    let due = |at| show(&rules, rules.check(0, &paid(at)).deadlines.dispatch());
    // Thursday 3 December 2026.
    assert_eq!(due(vietnam(3, 12, 13, 59)), "2026-12-03T23:59:59+07:00");
    assert_eq!(due(vietnam(3, 12, 14, 0)), "2026-12-04T23:59:59+07:00");
    // Saturday is a working day: before 14:00 the same day, after it Monday.
    assert_eq!(due(vietnam(5, 12, 10, 0)), "2026-12-05T23:59:59+07:00");
    assert_eq!(due(vietnam(5, 12, 15, 0)), "2026-12-07T23:59:59+07:00");
    // The afternoon before the 30 April and 1 May holidays: Saturday 2 May.
    assert_eq!(due(vietnam(29, 4, 15, 0)), "2026-05-02T23:59:59+07:00");
    // Auto-cancel: not ready to ship by the 2nd working day, not collected by the 3rd.
    let check = rules.check(0, &paid(vietnam(3, 12, 10, 0)));
    assert_eq!(show(&rules, check.deadlines.auto_cancel()), "2026-12-05T23:59:59+07:00");
    assert_eq!(show(&rules, check.deadlines.collection()), "2026-12-07T23:59:59+07:00");
    // The Open API's pick-up cut-off wins when the order has it.
    let cut_off = vietnam(4, 12, 11, 0);
    let api = Order {
        platform: Some(Box::new(PlatformDeadlines { pick_up_cut_off: Some(cut_off), ..Default::default() })),
        ..paid(vietnam(3, 12, 10, 0))
    };
    let check = rules.check(0, &api);
    assert_eq!(check.deadlines.dispatch(), Some(Deadline { at: cut_off, source: DeadlineSource::Platform }));
}

#[test]
fn sea_cross_border_is_ready_in_48_hours_and_collected_by_the_third_calendar_day() {
    let rules = rules(RuleProfile::sea_cross_border());
    let shanghai = Zone::SHANGHAI;
    let check = rules.check(0, &paid(local(shanghai, 2026, 7, 3, 22, 0))); // Friday
    assert_eq!(show(&rules, check.deadlines.dispatch()), "2026-07-05T22:00:00+08:00");
    assert_eq!(show(&rules, check.deadlines.collection()), "2026-07-06T23:59:59+08:00");
    assert_eq!(rules.version(&check).dispatch_event, DispatchEvent::ReadyToShip);
}

#[test]
fn uk_on_time_delivery_is_judged_only_from_25_august_2025() {
    let rules = rules(RuleProfile::uk_eu());
    let london = Zone::LONDON;
    let before = rules.check(0, &paid(local(london, 2025, 8, 20, 9, 0)));
    assert_eq!(before.deadlines.delivery(), None);
    // Monday 1 September 2025: 5 business days → Monday 8 September.
    let after = rules.check(0, &paid(local(london, 2025, 9, 1, 9, 0)));
    assert_eq!(show(&rules, after.deadlines.delivery()), "2025-09-08T23:59:59+01:00");
    assert_eq!(show(&rules, after.deadlines.dispatch()), "2025-09-03T23:59:59+01:00");
}

#[test]
fn an_order_fulfilled_by_tiktok_owes_the_seller_no_deadline_and_no_finding() {
    let rules = rules(RuleProfile::us_local());
    let order = Order { fulfillment: Fulfillment::ByTiktok, ..paid(pacific(2026, 11, 2, 9, 0)) };
    let check = rules.check(0, &order);
    let long_after = pacific(2026, 12, 1, 0, 0);
    assert_eq!(check.state_at(long_after), OrderState::FulfilledByTiktok);
    assert_eq!(check.deadlines, Deadlines::default());
    assert!(check.finding_codes_at(&order, long_after, &rules).is_empty());
    assert_eq!(check.urgency().0, 4, "after the seller's own orders, open and dispatched");
    let shipped = Order { shipped: Some(pacific(2026, 11, 20, 9, 0)), ..order };
    assert!(rules.check(0, &shipped).finding_codes_at(&shipped, long_after, &rules).is_empty());
}
