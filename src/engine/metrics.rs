//! Shop metrics: the rates the platform judges a shop by, computed from checked orders.
//!
//! Each metric keeps its numerator and denominator, not only the rate, because a seller with
//! three shipped orders and one late one needs to see "1 of 3", and because an empty
//! denominator means "no data", never 0 %.

use serde::Serialize;

use super::evaluate::OrderCheck;
use super::profile::RuleProfile;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Metric {
    /// `numerator / denominator`; `None` when the denominator is zero.
    pub value: Option<f64>,
    pub numerator: u64,
    pub denominator: u64,
    /// The platform's limit this metric is compared against.
    pub threshold: f64,
    pub status: MetricStatus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricStatus {
    Ok,
    /// On the wrong side of the threshold.
    Breach,
    NoData,
}

impl Metric {
    /// A rate that must stay at or below `max`.
    fn at_most(numerator: u64, denominator: u64, max: f64) -> Metric {
        let value = (denominator > 0).then(|| numerator as f64 / denominator as f64);
        let status = match value {
            None => MetricStatus::NoData,
            Some(v) if v > max => MetricStatus::Breach,
            Some(_) => MetricStatus::Ok,
        };
        Metric {
            value,
            numerator,
            denominator,
            threshold: max,
            status,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ShopMetrics {
    /// Orders dispatched after their deadline ÷ orders dispatched with a known deadline.
    pub late_dispatch_rate: Metric,
}

impl ShopMetrics {
    /// Metrics over every checked order. Dispatch already happened or not, so no `now` is needed.
    pub fn compute(checks: &[OrderCheck], profile: &RuleProfile) -> ShopMetrics {
        let (mut late, mut dispatched) = (0, 0);
        for check in checks {
            if let Some(was_late) = check.clock.shipped_late() {
                dispatched += 1;
                late += u64::from(was_late);
            }
        }
        ShopMetrics {
            late_dispatch_rate: Metric::at_most(
                late,
                dispatched,
                profile.thresholds.late_dispatch_rate_max,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::order::Order;
    use chrono::{TimeDelta, TimeZone, Utc};

    fn checks(shipped_after_hours: &[Option<i64>]) -> Vec<OrderCheck> {
        let paid = Utc.with_ymd_and_hms(2024, 11, 12, 9, 0, 0).unwrap();
        shipped_after_hours
            .iter()
            .enumerate()
            .map(|(i, hours)| {
                let order = Order {
                    id: i.to_string(),
                    line: i as u64 + 2,
                    created: None,
                    paid: Some(paid),
                    shipped: hours.map(|h| paid + TimeDelta::hours(h)),
                    tracking_id: None,
                    carrier: None,
                };
                OrderCheck::new(&order, &RuleProfile::default())
            })
            .collect()
    }

    #[test]
    fn late_dispatch_rate_counts_only_dispatched_orders() {
        let metrics = ShopMetrics::compute(
            &checks(&[Some(10), Some(49), Some(48), None]),
            &RuleProfile::default(),
        );
        let ldr = metrics.late_dispatch_rate;
        assert_eq!((ldr.numerator, ldr.denominator), (1, 3));
        assert_eq!(ldr.value, Some(1.0 / 3.0));
        assert_eq!(ldr.status, MetricStatus::Breach);
    }

    #[test]
    fn no_dispatched_orders_is_no_data_not_zero() {
        let ldr = ShopMetrics::compute(&checks(&[None, None]), &RuleProfile::default())
            .late_dispatch_rate;
        assert_eq!((ldr.value, ldr.status), (None, MetricStatus::NoData));
    }

    #[test]
    fn a_rate_exactly_at_the_threshold_is_ok() {
        let mut hours = vec![Some(1); 24];
        hours.push(Some(50));
        let ldr = ShopMetrics::compute(&checks(&hours), &RuleProfile::default()).late_dispatch_rate;
        assert_eq!(ldr.value, Some(0.04));
        assert_eq!(ldr.status, MetricStatus::Ok);
    }
}
