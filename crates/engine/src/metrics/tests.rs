use super::*;
use crate::board::DueIndex;
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
            // The window's own rates name the orders behind them, whatever the window.
            let (metrics, _) = together;
            let rates = [metrics.late_dispatch_rate, metrics.valid_tracking_rate, metrics.on_time_delivery_rate];
            assert!(rates.iter().all(|rate| rate.orders.len() as u64 == rate.numerator), "{window:?}");
            assert!(rates.iter().any(|rate| rate.numerator > 0), "{window:?}");
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
        compute(&[old.clone(), order("new", Some(5))], now, MetricWindow::LastDays(7)).late_dispatch_rate.denominator,
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
