//! Table-driven checks of every rule and preset, on the edge cases the quality bar names.

use chrono::{Datelike, NaiveDate, TimeZone};

use super::urgency::urgency_key;
use super::*;
use crate::order::{CancelledBy, PlatformDeadlines};
use crate::zone::Zone;

fn rules(profile: RuleProfile) -> Rules {
    Rules::new(profile).unwrap()
}

/// Wall-clock time in `zone`, as an export writes it.
fn local(zone: Zone, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    zone.to_utc(NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_hms_opt(h, mi, 0).unwrap()).unwrap()
}

fn paid_at(paid: DateTime<Utc>) -> Order {
    Order {
        id: "A1".into(),
        line: 2,
        created: Some(paid - TimeDelta::minutes(5)),
        paid: Some(paid),
        ..Order::default()
    }
}

/// A check with the order it was made from, as a page keeps them: the findings' texts are
/// read from both.
struct Checked {
    order: Order,
    check: OrderCheck,
}

impl std::ops::Deref for Checked {
    type Target = OrderCheck;

    fn deref(&self) -> &OrderCheck {
        &self.check
    }
}

impl Checked {
    fn findings_at(&self, now: DateTime<Utc>, rules: &Rules) -> Vec<Finding> {
        self.check.findings_at(&self.order, now, rules)
    }

    fn settled_findings_text(&self, rules: &Rules) -> Vec<Finding> {
        self.check.settled_findings_text(&self.order, rules)
    }
}

fn checked(rules: &Rules, order: Order) -> Checked {
    Checked { check: rules.check(0, &order), order }
}

/// The codes of the findings at `now`; every test through here also holds the text-free
/// `finding_codes_at` to the same codes, and `finding_messages_at` to the same codes and English
/// messages in the same order.
fn codes(check: &Checked, now: DateTime<Utc>, rules: &Rules) -> Vec<&'static str> {
    let findings = check.findings_at(now, rules);
    let messages: Vec<(FindingCode, String)> = findings.iter().map(|f| (f.code, f.message.clone())).collect();
    assert_eq!(check.check.finding_messages_at(&check.order, now, rules), messages);
    let codes: Vec<FindingCode> = findings.iter().map(|f| f.code).collect();
    let bare: Vec<FindingCode> = check.check.finding_codes_at(&check.order, now, rules).iter().collect();
    let mut texts = codes.clone();
    texts.sort_unstable();
    assert_eq!(bare, texts, "each code once, in the order of FindingCode::ALL");
    codes.into_iter().map(FindingCode::code).collect()
}

fn show(rules: &Rules, at: Option<Deadline>) -> String {
    rules.profile.time_zone.rfc3339(at.expect("a deadline").at)
}

#[test]
fn article_dispatch_is_due_48_hours_after_payment_to_the_second() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2024, 11, 12, 9, 0);
    let deadline = paid + TimeDelta::hours(48);
    let check = |shipped: Option<DateTime<Utc>>| {
        checked(&rules, Order { shipped, tracking_id: Some("YT2432100012345678".into()), ..paid_at(paid) })
    };

    let open = check(None);
    assert_eq!(open.clock.deadline, Some(deadline));
    assert_eq!(open.deadlines.dispatch().unwrap().source, DeadlineSource::Profile);
    assert!(codes(&open, deadline - TimeDelta::hours(24) - TimeDelta::seconds(1), &rules).is_empty());
    assert_eq!(codes(&open, deadline - TimeDelta::hours(24), &rules), vec!["dispatch_due_soon"]);
    assert_eq!(open.state_at(deadline), OrderState::AwaitingDispatch);
    let after = deadline + TimeDelta::seconds(1);
    assert_eq!(open.state_at(after), OrderState::DispatchOverdue);
    assert_eq!(codes(&open, after, &rules), vec!["dispatch_overdue", "delay_notice_recommended"]);
    assert_eq!(open.clock.remaining_at(after), Some(TimeDelta::seconds(-1)));

    let on_time = check(Some(deadline));
    assert_eq!(on_time.state_at(after), OrderState::ShippedOnTime);
    assert!(codes(&on_time, after, &rules).is_empty());

    let late = check(Some(after));
    assert_eq!(late.state_at(after), OrderState::ShippedLate);
    let findings = late.findings_at(after, &rules);
    assert_eq!(findings[0].code, FindingCode::LateDispatch);
    assert!(findings[0].message.contains("Dispatched 1s after"), "{}", findings[0].message);
    assert!(findings[0].message.contains("2024-11-14 09:00:00 UTC+08:00"), "{}", findings[0].message);
    assert!(findings[0].message_zh.contains("1秒"), "{}", findings[0].message_zh);
    assert_eq!(findings[0].evidence["dispatched_from"], "Shipped Time");
}

#[test]
fn created_time_starts_the_clock_when_there_is_no_paid_time() {
    let rules = rules(RuleProfile::default());
    let created = local(Zone::SHANGHAI, 2024, 11, 12, 7, 0);
    let check = checked(&rules, Order { created: Some(created), ..Order::default() });
    assert_eq!(check.clock.deadline, Some(created + TimeDelta::hours(48)));
}

#[test]
fn us_local_business_day_deadlines_across_weekends_holidays_dst_and_leap_day() {
    let rules = rules(RuleProfile::us_local());
    let la = Zone::LOS_ANGELES;
    // From 2026-01-26 the clock starts at Awaiting Shipment, an hour after payment.
    let cases = [
        // (paid, local)                         dispatch deadline (Pacific)
        (local(la, 2026, 11, 20, 15, 0), "2026-11-24T23:59:59-08:00"), // Friday → Tuesday
        (local(la, 2026, 11, 25, 9, 0), "2026-11-30T23:59:59-08:00"),  // before Thanksgiving → Monday
        (local(la, 2026, 12, 1, 22, 59), "2026-12-03T23:59:59-08:00"), // Awaiting Shipment at the cut-off minute
        (local(la, 2026, 12, 1, 23, 0), "2026-12-04T23:59:59-08:00"),  // an hour's hold later: the next day
        (local(la, 2026, 3, 6, 10, 0), "2026-03-10T23:59:59-07:00"),   // across spring forward
        (local(la, 2026, 10, 30, 10, 0), "2026-11-03T23:59:59-08:00"), // across fall back
        (local(la, 2026, 12, 31, 10, 0), "2027-01-05T23:59:59-08:00"), // New Year's Day off
        // Before the first version took effect, the first judges: 2 business days from payment.
        (local(la, 2024, 2, 28, 10, 0), "2024-03-01T23:59:59-08:00"), // through 29 February
    ];
    for (paid, expected) in cases {
        let check = checked(&rules, paid_at(paid));
        assert_eq!(show(&rules, check.deadlines.dispatch()), expected, "paid {}", la.rfc3339(paid));
    }
}

#[test]
fn us_local_auto_cancel_and_on_time_delivery() {
    let rules = rules(RuleProfile::us_local());
    let la = Zone::LOS_ANGELES;
    let paid = local(la, 2026, 11, 2, 10, 0); // Monday
    let open = checked(&rules, paid_at(paid));
    let cancel = open.deadlines.auto_cancel().unwrap().at;
    assert_eq!(la.rfc3339(cancel), "2026-11-12T23:59:59-08:00"); // 7 business days, Veterans Day skipped
    assert!(!codes(&open, cancel - TimeDelta::hours(25), &rules).contains(&"auto_cancel_risk"));
    let warning = open.findings_at(cancel - TimeDelta::hours(1), &rules);
    let risk = warning.iter().find(|f| f.code == FindingCode::AutoCancelRisk).unwrap();
    assert_eq!(risk.severity, Severity::Warning);
    let passed = open.findings_at(cancel + TimeDelta::seconds(1), &rules);
    assert_eq!(passed.iter().find(|f| f.code == FindingCode::AutoCancelRisk).unwrap().severity, Severity::Violation);

    let delivered = |at| Order {
        shipped: Some(paid + TimeDelta::hours(20)),
        delivered: Some(at),
        tracking_id: Some("1Z999AA10123456784".into()),
        ..paid_at(paid)
    };
    let due = la.rfc3339(checked(&rules, delivered(paid)).deadlines.delivery().unwrap().at);
    assert_eq!(due, "2026-11-10T23:59:59-08:00"); // 6 business days from the order date
    let on_time = checked(&rules, delivered(local(la, 2026, 11, 10, 23, 59)));
    assert_eq!(on_time.state_at(paid), OrderState::Delivered);
    assert!(on_time.settled.is_empty());
    let late = checked(&rules, delivered(local(la, 2026, 11, 11, 8, 0)));
    assert_eq!(late.settled.iter().collect::<Vec<_>>(), vec![FindingCode::DeliveredLate]);
}

#[test]
fn uk_eu_dispatch_is_ready_to_ship_and_collection_follows() {
    let rules = rules(RuleProfile::uk_eu());
    let london = Zone::LONDON;
    let paid = local(london, 2026, 12, 23, 12, 0); // Wednesday before Christmas
    let open = checked(&rules, paid_at(paid));
    assert_eq!(show(&rules, open.deadlines.dispatch()), "2026-12-29T23:59:59+00:00");
    assert_eq!(show(&rules, open.deadlines.collection()), "2026-12-30T23:59:59+00:00");

    let ready =
        Order { rts: Some(paid + TimeDelta::hours(30)), tracking_id: Some("JD0012345678".into()), ..paid_at(paid) };
    let check = checked(&rules, ready);
    assert_eq!(check.dispatched_from, Some("RTS Time"));
    assert_eq!(check.state_at(paid), OrderState::ShippedOnTime);
    let after_collection = local(london, 2026, 12, 31, 9, 0);
    assert!(codes(&check, after_collection, &rules).contains(&"collection_overdue"));

    // Without an RTS time, the shipped time stands in: the parcel was ready by then at the latest.
    let shipped_only = checked(&rules, Order { shipped: Some(paid + TimeDelta::hours(30)), ..paid_at(paid) });
    assert_eq!(shipped_only.dispatched_from, Some("Shipped Time"));
    assert!(!codes(&shipped_only, after_collection, &rules).contains(&"collection_overdue"));
}

#[test]
fn sea_local_counts_thai_working_days() {
    let rules = rules(RuleProfile::sea_local());
    let bangkok = Zone::from_name("Asia/Bangkok").unwrap();
    // Friday 2026-12-04; Saturday 5 December (King Bhumibol's birthday) observed Monday 7th.
    let check = checked(&rules, paid_at(local(bangkok, 2026, 12, 4, 10, 0)));
    assert_eq!(show(&rules, check.deadlines.dispatch()), "2026-12-09T23:59:59+07:00");
    assert_eq!(show(&rules, check.deadlines.auto_cancel()), "2026-12-11T23:59:59+07:00");
}

#[test]
fn cross_border_pickup_is_ready_in_48_hours_and_handed_over_in_120() {
    let rules = rules(RuleProfile::cross_border_pickup());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let check = checked(&rules, paid_at(paid));
    assert_eq!(check.clock.deadline, Some(paid + TimeDelta::hours(48)));
    assert_eq!(check.deadlines.collection().unwrap().at, paid + TimeDelta::hours(120));
}

#[test]
fn the_platforms_own_deadlines_win_and_say_so() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let tts = paid + TimeDelta::hours(72);
    let order = Order {
        platform: Some(Box::new(PlatformDeadlines {
            tts_sla: Some(tts),
            delivery_sla: Some(tts + TimeDelta::days(12)),
            ..Default::default()
        })),
        ..paid_at(paid)
    };
    let check = checked(&rules, order);
    assert_eq!(check.deadlines.dispatch(), Some(Deadline { at: tts, source: DeadlineSource::Platform }));
    assert_eq!(check.deadlines.delivery().unwrap().source, DeadlineSource::Platform);
    let overdue = check.findings_at(tts + TimeDelta::seconds(1), &rules);
    assert_eq!(overdue[0].evidence["deadline_source"], "platform");

    let uk = self::rules(RuleProfile::uk_eu());
    let rts_sla = paid + TimeDelta::hours(30);
    let check = uk.check(
        0,
        &Order {
            platform: Some(Box::new(PlatformDeadlines { rts_sla: Some(rts_sla), ..Default::default() })),
            ..paid_at(paid)
        },
    );
    assert_eq!(check.clock.deadline, Some(rts_sla));
}

#[test]
fn transit_is_counted_in_the_destination_calendar() {
    let rules = rules(RuleProfile::cross_border_article());
    let shanghai = Zone::SHANGHAI;
    let paid = local(shanghai, 2026, 11, 19, 9, 0);
    let shipped = local(shanghai, 2026, 11, 20, 9, 0); // Friday
    let order = |country: &str| Order {
        shipped: Some(shipped),
        tracking_id: Some("YT2432100012345678".into()),
        carrier: Some("YunExpress".into()),
        country: Some(country.into()),
        ..paid_at(paid)
    };
    // US: Thanksgiving (26 Nov) does not count; the 10th business day is Monday 7 December.
    let us = checked(&rules, order("United States"));
    assert_eq!(show(&rules, us.deadlines.transit_warning()), "2026-12-07T23:59:59+08:00");
    // A country without a calendar counts Monday to Friday: Friday 4 December.
    let other = checked(&rules, order("Atlantis"));
    assert_eq!(show(&rules, other.deadlines.transit_warning()), "2026-12-04T23:59:59+08:00");

    // Slow, but the transit limit is still the deliver-by date: no buyer needs warning yet.
    let warn = us.deadlines.transit_warning().unwrap().at + TimeDelta::seconds(1);
    assert_eq!(codes(&us, warn, &rules), vec!["transit_warning"]);
    let exceeded = us.deadlines.transit_limit().unwrap().at + TimeDelta::seconds(1);
    assert_eq!(codes(&us, exceeded, &rules)[0], "transit_exceeded");
    let lost = us.deadlines.likely_lost().unwrap().at + TimeDelta::seconds(1);
    let findings = us.findings_at(lost, &rules);
    assert_eq!(findings[0].code, FindingCode::LikelyLost);
    assert_eq!(findings[0].action, Action::ContactCarrier);

    let delivered = checked(&rules, Order { delivered: Some(exceeded), ..order("United States") });
    assert_eq!(delivered.settled.iter().collect::<Vec<_>>(), vec![FindingCode::DeliveredLate]);
    assert_eq!(delivered.transit_business_days, Some(16));
}

#[test]
fn tracking_and_carrier_findings() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let shipped = paid + TimeDelta::hours(10);
    let base = Order { shipped: Some(shipped), ..paid_at(paid) };

    let untracked = checked(&rules, base.clone());
    assert_eq!(untracked.settled.iter().collect::<Vec<_>>(), vec![FindingCode::MissingTracking]);

    let odd_carrier = checked(
        &rules,
        Order { tracking_id: Some("X98765432".into()), carrier: Some("Bob's Couriers".into()), ..base.clone() },
    );
    assert_eq!(odd_carrier.settled.iter().collect::<Vec<_>>(), vec![FindingCode::UnapprovedCarrier]);
    assert!(odd_carrier.settled_findings_text(&rules)[0].message.contains("YunExpress"));

    let late_upload = checked(
        &rules,
        Order {
            tracking_id: Some("YT2432100012345678".into()),
            rts: Some(shipped + TimeDelta::hours(30)),
            ..base.clone()
        },
    );
    assert!(codes(&late_upload, shipped + TimeDelta::days(2), &rules).contains(&"tracking_uploaded_late"));
    let words = late_upload.settled_findings_text(&rules);
    let late = words.iter().find(|f| f.code == FindingCode::TrackingUploadedLate).expect("the late upload in words");
    let added = rules.profile.time_zone.display(shipped + TimeDelta::hours(30));
    assert!(late.message.starts_with(&format!("The tracking number was added {added} (RTS Time)")), "{}", late.message);
    assert!(late.message_zh.contains("（RTS 时间）添加"), "{}", late.message_zh);
    assert_eq!(late.evidence.keys().collect::<Vec<_>>(), ["tracking_added", "upload_deadline"]);
    assert_eq!(late.evidence["tracking_added"], added);
}

#[test]
fn contradictory_and_missing_timestamps_are_data_problems() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let backwards = checked(
        &rules,
        Order { shipped: Some(paid - TimeDelta::hours(1)), tracking_id: Some("T98765432".into()), ..paid_at(paid) },
    );
    let text = backwards.settled_findings_text(&rules);
    let finding = text.iter().find(|f| f.code == FindingCode::TimestampOrderInvalid).unwrap();
    assert!(finding.message.contains("Shipped Time"), "{}", finding.message);
    assert_eq!(finding.action, Action::FixData);

    let no_ship_time = checked(
        &rules,
        Order { status: Some(OrderStatus::InTransit), tracking_id: Some("T98765432".into()), ..paid_at(paid) },
    );
    assert_eq!(no_ship_time.stage, Stage::Dispatched);
    assert!(no_ship_time
        .settled_findings_text(&rules)
        .iter()
        .any(|f| f.code == FindingCode::MissingTimestamp && f.message.contains("Shipped Time")));

    let nothing = checked(&rules, Order { id: "B".into(), ..Order::default() });
    assert_eq!(nothing.state_at(paid), OrderState::NoDeadline);
    assert_eq!(nothing.settled.iter().collect::<Vec<_>>(), vec![FindingCode::MissingTimestamp]);
}

#[test]
fn cancellations_count_against_the_seller_only_when_the_seller_or_system_cancelled() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let cancelled =
        |by| checked(&rules, Order { status: Some(OrderStatus::Cancelled), cancelled_by: Some(by), ..paid_at(paid) });
    let by_system = cancelled(CancelledBy::System);
    assert_eq!(by_system.state_at(paid), OrderState::Cancelled);
    assert_eq!(codes(&by_system, paid + TimeDelta::days(9), &rules), vec!["seller_fault_cancellation"]);
    assert!(codes(&cancelled(CancelledBy::Buyer), paid + TimeDelta::days(9), &rules).is_empty());

    let unpaid = checked(&rules, Order { status: Some(OrderStatus::Unpaid), created: Some(paid), ..Order::default() });
    assert_eq!(unpaid.state_at(paid + TimeDelta::days(9)), OrderState::Unpaid);
    assert!(codes(&unpaid, paid + TimeDelta::days(9), &rules).is_empty());
}

#[test]
fn a_buyer_is_warned_only_when_the_parcel_will_miss_the_date_they_were_promised() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 25, 9, 0);
    let open = checked(&rules, Order { country: Some("US".into()), ..paid_at(paid) });
    // 25 November is in the Black Friday season, but an order on time needs no notice.
    let notice = |check: &Checked, now| {
        check.findings_at(now, &rules).into_iter().find(|f| f.code == FindingCode::DelayNoticeRecommended)
    };
    assert_eq!(notice(&open, paid + TimeDelta::hours(1)), None);
    // Past its dispatch deadline (Fri 27 Nov 09:00) it ships late: 15 US business days from
    // today (Saturday 28 November), Monday 30 November being the first, is 18 December.
    let now = local(Zone::SHANGHAI, 2026, 11, 28, 10, 0);
    let late = notice(&open, now).expect("a notice for an order that ships late");
    assert_eq!(late.severity, Severity::Info);
    assert_eq!(late.evidence["reason"], "the order ships late");
    assert_eq!(late.evidence["estimated_arrival"], "2026-12-18");
    assert!(late.message_zh.contains("预计 2026年12月18日前送达"), "{}", late.message_zh);

    // A parcel in transit past its deliver-by date: the buyer hears, with no date to promise.
    let shipped = checked(
        &rules,
        Order { country: Some("US".into()), shipped: Some(paid + TimeDelta::hours(20)), ..paid_at(paid) },
    );
    let due = shipped.deadlines.delivery().unwrap().at;
    assert_eq!(notice(&shipped, due - TimeDelta::seconds(1)), None);
    let overdue = notice(&shipped, due + TimeDelta::seconds(1)).expect("a notice past the deliver-by date");
    assert_eq!(overdue.evidence["reason"], "the parcel is slower than usual in transit");
    assert!(!overdue.evidence.contains_key("estimated_arrival"));
}

#[test]
fn urgency_puts_overdue_first_and_orders_needing_nothing_last() {
    let rules = rules(RuleProfile::default());
    let at = |h| local(Zone::SHANGHAI, 2024, 11, 12, h, 0);
    let named = |id: &str, order: Order| Order { id: id.into(), ..order };
    let check_all = |orders: &[Order]| orders.iter().enumerate().map(|(i, o)| rules.check(i, o)).collect::<Vec<_>>();
    let orders = [
        named("cancelled", Order { status: Some(OrderStatus::Cancelled), ..paid_at(at(0)) }),
        named("unpaid", Order { status: Some(OrderStatus::Unpaid), created: Some(at(0)), ..Order::default() }),
        named("delivered", Order { shipped: Some(at(2)), delivered: Some(at(20)), ..paid_at(at(1)) }),
        named("on time", Order { shipped: Some(at(2)), ..paid_at(at(1)) }),
        named("late", Order { shipped: Some(at(1) + TimeDelta::hours(50)), ..paid_at(at(1)) }),
        named("no deadline", Order::default()),
        named("due later", paid_at(at(5))),
        named("overdue", paid_at(at(1))),
    ];
    let checks = check_all(&orders);
    let order: Vec<&str> = urgency_order(&checks).into_iter().map(|i| orders[i as usize].id.as_ref()).collect();
    assert_eq!(order, ["overdue", "due later", "no deadline", "late", "on time", "delivered", "unpaid", "cancelled"]);

    // Many ties, in every arrangement a rotation gives: the same as a stable sort, ties in the
    // order the checks are in.
    let many = check_all(
        &(0..40)
            .map(|i| named(&format!("o{i}"), if i % 3 == 0 { paid_at(at(i % 5)) } else { Order::default() }))
            .collect::<Vec<_>>(),
    );
    for turn in 0..many.len() {
        let mut rotated = many.clone();
        rotated.rotate_left(turn);
        let mut expected: Vec<u32> = (0..rotated.len() as u32).collect();
        expected.sort_by_key(|&i| rotated[i as usize].urgency());
        assert_eq!(urgency_order(&rotated), expected);
    }
    assert_eq!(urgency_order(&[]), Vec::<u32>::new());
}

#[test]
fn no_deadline_is_ever_before_its_start() {
    // A deterministic sweep over every preset, start times every 7 h 13 min through the
    // covered years (through DST changes, holidays and make-up days), shipped or not.
    for profile in RuleProfile::presets() {
        let rules = rules(profile);
        let mut paid = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        while paid.year() < 2028 {
            let order =
                Order { shipped: Some(paid + TimeDelta::hours(30)), country: Some("US".into()), ..paid_at(paid) };
            let d = checked(&rules, order).deadlines;
            for (name, deadline) in [
                ("dispatch", d.dispatch()),
                ("collection", d.collection()),
                ("auto_cancel", d.auto_cancel()),
                ("delivery", d.delivery()),
            ] {
                if let Some(deadline) = deadline {
                    assert!(deadline.at > paid, "{} {name} {} before {paid}", rules.profile.id, deadline.at);
                }
            }
            for (name, deadline) in
                [("warning", d.transit_warning()), ("limit", d.transit_limit()), ("lost", d.likely_lost())]
            {
                if let Some(deadline) = deadline {
                    assert!(deadline.at > paid + TimeDelta::hours(30), "{} {name}", rules.profile.id);
                }
            }
            let at = |d: Option<Deadline>| d.map(|d| d.at);
            assert!(
                at(d.transit_warning()) <= at(d.transit_limit()) && at(d.transit_limit()) <= at(d.likely_lost()),
                "{}",
                rules.profile.id
            );
            paid += TimeDelta::minutes(7 * 60 + 13);
        }
    }
}

#[test]
fn carriers_match_through_their_aliases() {
    let rules = rules(RuleProfile::cross_border_article());
    assert!(rules.carrier_approved("YUN EXPRESS"));
    assert!(rules.carrier_approved("云途"));
    assert_eq!(rules.approved_carrier("yun-express"), Some(0));
    let check = checked(&rules, Order { carrier: Some("云途".into()), ..Order::default() });
    assert_eq!(rules.carrier_name(&check, &check.order), Some("YunExpress"));
    assert!(!rules.carrier_approved("Bob's Couriers"));
    assert!(self::rules(RuleProfile::us_local()).carrier_approved("Bob's Couriers"));
}

#[test]
fn tracking_numbers_are_checked_against_the_orders_carrier() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let shipped = |tracking: &str, carrier: &str| Order {
        shipped: Some(paid + TimeDelta::hours(10)),
        tracking_id: Some(tracking.into()),
        carrier: Some(carrier.into()),
        ..paid_at(paid)
    };
    let good = checked(&rules, shipped("LX123456785CN", "China Post"));
    assert_eq!((good.tracking, good.settled.is_empty()), (TrackingStatus::Valid, true));

    let typo = checked(&rules, shipped("LX123456780CN", "China Post"));
    assert_eq!(typo.tracking, TrackingStatus::Invalid);
    let text = typo.settled_findings_text(&rules);
    assert_eq!(text[0].code, FindingCode::InvalidTracking);
    assert!(text[0].message.contains("check digit is 0, expected 5"), "{}", text[0].message);
    assert_eq!(text[0].evidence["tracking_id"], "LX123456780CN");

    let wrong_carrier = checked(&rules, shipped("YT2432100012345678", "China Post"));
    assert_eq!(wrong_carrier.tracking, TrackingStatus::OtherCarrier);
    let text = wrong_carrier.settled_findings_text(&rules);
    assert_eq!(text[0].code, FindingCode::TrackingCarrierMismatch);
    assert!(text[0].message.contains("a YunExpress number"), "{}", text[0].message);

    // A consolidator's number in its usual shape is valid; one in another shape is not judged.
    let consolidator = checked(&rules, shipped("4PX3000123456789CN", "4PX"));
    assert_eq!(consolidator.tracking, TrackingStatus::Valid);
    let unusual = checked(&rules, shipped("4PX-ORDER-77", "4PX"));
    assert_eq!(unusual.tracking, TrackingStatus::Unknown);
    assert!(unusual.validly_tracked() && unusual.settled.is_empty());
}

#[test]
fn a_tracking_number_on_several_orders_is_flagged_on_each_and_counts_once() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2026, 11, 2, 9, 0);
    let orders: Vec<Order> = ["A", "B", "C"]
        .iter()
        .map(|id| Order {
            id: (*id).into(),
            shipped: Some(paid + TimeDelta::hours(10)),
            tracking_id: Some(if *id == "C" { "YT2432100012345679" } else { "yt 2432 1000 1234 5678" }.into()),
            carrier: Some("YunExpress".into()),
            ..paid_at(paid)
        })
        .collect();
    let checks = rules.check_all(&orders);
    let mut in_ranges: Vec<OrderCheck> = rules.check_range(&orders, 0..2).collect();
    in_ranges.extend(rules.check_range(&orders, 2..3));
    rules.finish_checks(&orders, &mut in_ranges);
    assert_eq!(in_ranges, checks, "checking in ranges gives the same checks");
    // Combined in one package, orders share its label: no duplicate.
    let combined: Vec<Order> =
        orders[..2].iter().map(|o| Order { package_id: Some("P1".into()), ..o.clone() }).collect();
    assert!(rules.check_all(&combined).iter().all(|check| check.tracking_shared.is_none()));
    assert_eq!(checks[0].settled.iter().collect::<Vec<_>>(), vec![FindingCode::DuplicateTracking]);
    assert_eq!(checks[1].settled.iter().collect::<Vec<_>>(), vec![FindingCode::DuplicateTracking]);
    assert!(checks[2].settled.is_empty());
    assert!(checks[0].validly_tracked() && !checks[1].validly_tracked());
    let text = checks[1].settled_findings_text(&orders[1], &rules);
    assert_eq!(text[0].evidence["other_orders"], "A");
}

#[test]
fn an_order_whose_status_says_shipped_without_a_time_is_shipped_not_overdue() {
    let rules = rules(RuleProfile::cross_border_article());
    let paid = local(Zone::SHANGHAI, 2024, 11, 12, 9, 0);
    let check = checked(&rules, Order { status: Some(OrderStatus::InTransit), ..paid_at(paid) });
    assert_eq!(check.stage, Stage::Dispatched);
    assert_eq!(check.state_at(paid + TimeDelta::days(5)), OrderState::Shipped);
    assert!(!codes(&check, paid + TimeDelta::days(5), &rules).contains(&"dispatch_overdue"));
}

#[test]
fn a_finding_set_holds_each_code_once_in_the_order_of_all_codes() {
    let set: FindingSet = [FindingCode::SellerFaultCancellation, FindingCode::LateDispatch, FindingCode::LateDispatch]
        .into_iter()
        .collect();
    assert_eq!(set.iter().collect::<Vec<_>>(), [FindingCode::LateDispatch, FindingCode::SellerFaultCancellation]);
    assert!(set.contains(FindingCode::SellerFaultCancellation) && !set.contains(FindingCode::LikelyLost));
    assert!(FindingSet::default().is_empty() && !set.is_empty());
}

#[test]
fn deadlines_keep_each_time_to_the_millisecond_and_who_set_it() {
    let at = Utc.timestamp_millis_opt(1_795_500_060_123).unwrap();
    let later = at + TimeDelta::days(2);
    let due = |at: DateTime<Utc>, source| Some(Due { millis: at.timestamp_millis(), source });
    let (platform, profile) = (due(at, DeadlineSource::Platform), due(later, DeadlineSource::Profile));
    let d = Deadlines::from(EachDeadline {
        dispatch: platform,
        auto_cancel: profile,
        tracking_upload: platform,
        ..EachDeadline::default()
    });
    let platform = Some(Deadline { at, source: DeadlineSource::Platform });
    let profile = Some(Deadline { at: later, source: DeadlineSource::Profile });
    assert_eq!(
        (d.dispatch(), d.collection(), d.auto_cancel(), d.tracking_upload()),
        (platform, None, profile, platform)
    );
    assert_eq!([d.delivery(), d.transit_warning(), d.transit_limit(), d.likely_lost()], [None; 4]);
    assert_eq!(Deadlines::default().dispatch(), None);
}

#[test]
fn urgency_keys_sort_as_urgency_does_far_from_today() {
    let rules = rules(RuleProfile::cross_border_article());
    let open = |year| rules.check(0, &paid_at(local(Zone::SHANGHAI, year, 1, 1, 9, 0)));
    let checks = [open(1901), open(2026), open(2999), rules.check(0, &Order::default())];
    let keys = checks.each_ref().map(urgency_key);
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    let urgencies = checks.each_ref().map(OrderCheck::urgency);
    assert!(urgencies.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn every_piece_of_evidence_is_given_in_chinese_under_the_same_name() {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 4, 0, 0).unwrap();
    let profile = RuleProfile::default();
    let csv = crate::sample::sample_orders_csv(now, &profile.time_zone);
    let import = crate::import::import_orders(csv.as_bytes(), profile.import_options()).unwrap();
    let rules = rules(profile);
    let mut seen = 0;
    for (order, check) in import.orders.iter().zip(rules.check_all(&import.orders)) {
        for finding in check.findings_at(order, now, &rules) {
            assert_eq!(finding.evidence.keys().collect::<Vec<_>>(), finding.evidence_zh.keys().collect::<Vec<_>>());
            for (name, value) in &finding.evidence_zh {
                if name.ends_with("deadline") || name == "dispatched" || name == "delivered" {
                    assert!(value.contains('年'), "{name}: {value}");
                }
            }
            seen += finding.evidence.len();
        }
    }
    assert!(seen > 10, "the sample's findings carry evidence");
}
