//! Benchmark: checking a million orders and computing the shop metrics, natively.
//! `cargo bench --bench evaluate` prints the figures; nothing here asserts a speed.

use std::hint::black_box;
use std::time::Instant;

use chrono::{TimeDelta, TimeZone, Utc};
use shipcheck_engine::order::{Order, SkuLine};
use shipcheck_engine::{MetricWindow, RuleProfile, Rules, ShopMetrics};

const ORDERS: usize = 1_000_000;
const COUNTRIES: [&str; 5] = ["United States", "United Kingdom", "Spain", "Malaysia", "Germany"];
const CARRIERS: [&str; 4] = ["YunExpress", "4PX", "China Post", "Yanwen"];

/// A spread of realistic orders over eight weeks: most shipped, some late, some delivered,
/// some still open. A small linear congruential generator keeps it deterministic.
fn orders(count: usize) -> Vec<Order> {
    let first = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    (0..count)
        .map(|i| {
            let paid = first + TimeDelta::minutes(next(60 * 24 * 56) as i64);
            let shipped = (next(10) < 8).then(|| paid + TimeDelta::minutes(next(60 * 60) as i64));
            let delivered = shipped.filter(|_| next(2) == 0).map(|s| s + TimeDelta::hours(next(24 * 25) as i64));
            Order {
                id: format!("5764614130{i:08}").into(),
                line: i as u64 + 2,
                created: Some(paid - TimeDelta::minutes(3)),
                paid: Some(paid),
                shipped,
                delivered,
                tracking_id: shipped.map(|_| format!("YT{i:016}").into()),
                carrier: Some(CARRIERS[next(4) as usize].into()),
                country: Some(COUNTRIES[next(5) as usize].into()),
                lines: vec![SkuLine { sku: format!("SKU-{}", next(500)).into(), quantity: 1, ..SkuLine::default() }],
                ..Order::default()
            }
        })
        .collect()
}

fn main() {
    let orders = orders(ORDERS);
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    for profile in [RuleProfile::cross_border_article(), RuleProfile::us_local()] {
        let rules = Rules::new(profile).unwrap();
        let start = Instant::now();
        let checks = black_box(rules.check_all(&orders));
        let checked = start.elapsed();
        let start = Instant::now();
        let metrics = black_box(ShopMetrics::compute(&orders, &checks, &rules, now, MetricWindow::All));
        let measured = start.elapsed();
        let start = Instant::now();
        let findings: usize = checks.iter().map(|c| c.findings_at(&orders[c.order_index], now, &rules).len()).sum();
        let found = start.elapsed();
        println!(
            "{:<22} {ORDERS} orders: check {:>6.0} ms ({:.2} M orders/s), metrics {:>5.0} ms, \
             findings at now {:>5.0} ms ({findings} findings; late dispatch rate {:.3})",
            rules.profile.id,
            checked.as_secs_f64() * 1e3,
            ORDERS as f64 / checked.as_secs_f64() / 1e6,
            measured.as_secs_f64() * 1e3,
            found.as_secs_f64() * 1e3,
            metrics.late_dispatch_rate.value.unwrap_or_default(),
        );
    }
}
