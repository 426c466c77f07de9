//! Sample orders for "Try sample orders": a small Seller Center–style export whose times are set
//! relative to `now`, so every state a seller meets (on time, late, due soon, overdue, slow in
//! transit, delivered late, cancelled, a row that cannot be used) is live the moment it loads.

use std::fmt::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::zone::Zone;

const HEADER: &str = "Order ID,Order Status,Seller SKU,Product Name,Quantity,Created Time,Paid Time,\
                      Shipped Time,Delivered Time,Cancel By,Tracking ID,Shipping Provider Name,Country\n";

/// One sample row. Times are hours before `now`; `None`: not yet.
struct SampleRow {
    id: &'static str,
    status: &'static str,
    sku: &'static str,
    product: &'static str,
    quantity: u32,
    paid: Option<f64>,
    shipped: Option<f64>,
    delivered: Option<f64>,
    cancel_by: &'static str,
    tracking: &'static str,
    carrier: &'static str,
    country: &'static str,
}

const DAY: f64 = 24.0;

#[rustfmt::skip]
const ROWS: &[SampleRow] = &[
    SampleRow { id: "576461413038785001", status: "In transit", sku: "LAMP-WHT", product: "Desk lamp, white", quantity: 1, paid: Some(60.0), shipped: Some(30.0), delivered: None, cancel_by: "", tracking: "YT2432100012345678", carrier: "YunExpress", country: "United States" },
    SampleRow { id: "576461413038785002", status: "In transit", sku: "MUG-350", product: "Ceramic mug 350 ml", quantity: 2, paid: Some(80.0), shipped: Some(20.0), delivered: None, cancel_by: "", tracking: "LX123456785CN", carrier: "China Post", country: "United Kingdom" },
    SampleRow { id: "576461413038785003", status: "Awaiting shipment", sku: "CASE-IP15", product: "Phone case \"Matte\", black", quantity: 1, paid: Some(40.0), shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "United States" },
    SampleRow { id: "576461413038785003", status: "Awaiting shipment", sku: "CABLE-C1M", product: "USB-C cable, 1 m", quantity: 3, paid: Some(40.0), shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "United States" },
    SampleRow { id: "576461413038785004", status: "Awaiting shipment", sku: "SOCK-3P", product: "Wool socks, 3 pairs", quantity: 1, paid: Some(5.0), shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "Spain" },
    SampleRow { id: "576461413038785005", status: "Awaiting shipment", sku: "BAG-TOTE", product: "Canvas tote bag", quantity: 1, paid: Some(53.0), shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "United States" },
    SampleRow { id: "576461413038785006", status: "Awaiting shipment", sku: "RING-S7", product: "Silver ring, size 7", quantity: 1, paid: Some(46.5), shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "Malaysia" },
    SampleRow { id: "576461413038785007", status: "In transit", sku: "TEE-M-BLK", product: "T-shirt, M, black", quantity: 2, paid: Some(70.0), shipped: Some(50.0), delivered: None, cancel_by: "", tracking: "4PX3000123456789CN", carrier: "4PX", country: "Germany" },
    SampleRow { id: "576461413038785007", status: "In transit", sku: "TEE-L-BLK", product: "T-shirt, L, black", quantity: 1, paid: Some(70.0), shipped: Some(50.0), delivered: None, cancel_by: "", tracking: "4PX3000123456789CN", carrier: "4PX", country: "Germany" },
    SampleRow { id: "576461413038785008", status: "Unpaid", sku: "HAT-BEIGE", product: "Bucket hat, beige", quantity: 1, paid: None, shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "Philippines" },
    SampleRow { id: "576461413038785010", status: "In transit", sku: "LAMP-WHT", product: "Desk lamp, white", quantity: 1, paid: Some(20.0 * DAY), shipped: Some(19.0 * DAY), delivered: None, cancel_by: "", tracking: "YT2432100019876543", carrier: "YunExpress", country: "United States" },
    SampleRow { id: "576461413038785011", status: "Delivered", sku: "MUG-350", product: "Ceramic mug 350 ml", quantity: 1, paid: Some(12.0 * DAY), shipped: Some(11.0 * DAY), delivered: Some(3.0 * DAY), cancel_by: "", tracking: "YT2432100011112222", carrier: "Yun Express", country: "United States" },
    SampleRow { id: "576461413038785012", status: "Delivered", sku: "CASE-IP15", product: "Phone case \"Matte\", black", quantity: 1, paid: Some(32.0 * DAY), shipped: Some(31.0 * DAY), delivered: Some(2.0 * DAY), cancel_by: "", tracking: "LX987654321CN", carrier: "Speedy Post", country: "United Kingdom" },
    SampleRow { id: "576461413038785013", status: "Cancelled", sku: "SOCK-3P", product: "Wool socks, 3 pairs", quantity: 2, paid: Some(6.0 * DAY), shipped: None, delivered: None, cancel_by: "System", tracking: "", carrier: "", country: "Spain" },
    SampleRow { id: "", status: "Awaiting shipment", sku: "GIFT-WRAP", product: "Gift wrap", quantity: 1, paid: Some(3.0), shipped: None, delivered: None, cancel_by: "", tracking: "", carrier: "", country: "United States" },
];

/// The sample export as CSV text, its times written in `zone` like a Seller Center export.
pub fn sample_orders_csv(now: DateTime<Utc>, zone: &Zone) -> String {
    let local = |hours_ago: f64| {
        let at = now - TimeDelta::seconds((hours_ago * 3600.0) as i64);
        zone.local(at).format("%Y-%m-%d %H:%M:%S").to_string()
    };
    let cell = |hours_ago: Option<f64>| hours_ago.map(local).unwrap_or_default();
    let mut csv = String::from(HEADER);
    for row in ROWS {
        // An unpaid order was created two hours ago; a paid one five minutes before payment.
        let created = local(row.paid.map_or(2.0, |hours| hours + 5.0 / 60.0));
        let _ = writeln!(
            csv,
            "{},{},{},\"{}\",{},{created},{},{},{},{},{},{},{}",
            row.id,
            row.status,
            row.sku,
            row.product.replace('"', "\"\""),
            row.quantity,
            cell(row.paid),
            cell(row.shipped),
            cell(row.delivered),
            row.cancel_by,
            row.tracking,
            row.carrier,
            row.country
        );
    }
    // A paid time typed by hand is not a timestamp: the row is reported, not guessed at.
    let _ = writeln!(
        csv,
        "576461413038785009,Awaiting shipment,PEN-BLUE,Gel pen,5,{},yesterday,,,,,,United States",
        local(10.0)
    );
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{OrderState, Rules};
    use crate::import::{import_orders, ImportOptions};
    use chrono::TimeZone;

    #[test]
    fn the_sample_shows_every_state_and_accounts_for_every_row() {
        let now = Utc.with_ymd_and_hms(2026, 10, 14, 9, 30, 0).unwrap();
        let import =
            import_orders(sample_orders_csv(now, &Zone::SHANGHAI).as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI))
                .unwrap();
        assert_eq!(import.rows, 16);
        assert_eq!(import.rows, import.rows_used + import.skipped.len() as u64);
        assert_eq!(import.skipped.len(), 2);
        let rules = Rules::new(Default::default()).unwrap();
        let checks = rules.check_all(&import.orders);
        let states: Vec<OrderState> = checks.iter().map(|c| c.state_at(now)).collect();
        for state in [
            OrderState::ShippedOnTime,
            OrderState::ShippedLate,
            OrderState::AwaitingDispatch,
            OrderState::DispatchOverdue,
            OrderState::Unpaid,
            OrderState::Delivered,
            OrderState::Cancelled,
        ] {
            assert!(states.contains(&state), "{state:?} missing from {states:?}");
        }
        let codes: Vec<&str> = checks
            .iter()
            .flat_map(|c| c.findings_at(&import.orders[c.order_index], now, &rules))
            .map(|f| f.code.code())
            .collect();
        for code in [
            "late_dispatch",
            "dispatch_overdue",
            "dispatch_due_soon",
            "transit_warning",
            "delivered_late",
            "unapproved_carrier",
            "seller_fault_cancellation",
            "delay_notice_recommended",
        ] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
    }
}
