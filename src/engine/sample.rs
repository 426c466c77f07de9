//! Sample orders for "Try sample orders": a small Seller Center–style export whose times are set
//! relative to `now`, so every state a seller meets (on time, late, due soon, overdue, a row that
//! cannot be used) is live the moment it is loaded.

use std::fmt::Write;

use chrono::{DateTime, TimeDelta, Utc};

use super::zone::Zone;

const HEADER: &str = "Order ID,Order Status,Seller SKU,Product Name,Quantity,Created Time,\
                      Paid Time,Shipped Time,Tracking ID,Shipping Provider Name,Country\n";

/// One sample row; times are minutes before `now` (`None`: not yet).
struct SampleRow {
    id: &'static str,
    status: &'static str,
    sku: &'static str,
    product: &'static str,
    quantity: u32,
    paid_minutes_ago: Option<i64>,
    shipped_minutes_ago: Option<i64>,
    tracking: &'static str,
    carrier: &'static str,
    country: &'static str,
}

const H: i64 = 60;

#[rustfmt::skip]
const ROWS: &[SampleRow] = &[
    SampleRow { id: "576461413038785001", status: "Shipped", sku: "LAMP-WHT", product: "Desk lamp, white", quantity: 1, paid_minutes_ago: Some(60 * H), shipped_minutes_ago: Some(30 * H), tracking: "YT2432100012345678", carrier: "YunExpress", country: "United States" },
    SampleRow { id: "576461413038785002", status: "Shipped", sku: "MUG-350", product: "Ceramic mug 350 ml", quantity: 2, paid_minutes_ago: Some(80 * H), shipped_minutes_ago: Some(20 * H), tracking: "LX123456785CN", carrier: "China Post", country: "United Kingdom" },
    SampleRow { id: "576461413038785003", status: "Awaiting shipment", sku: "CASE-IP15", product: "Phone case \"Matte\", black", quantity: 1, paid_minutes_ago: Some(40 * H), shipped_minutes_ago: None, tracking: "", carrier: "", country: "United States" },
    SampleRow { id: "576461413038785003", status: "Awaiting shipment", sku: "CABLE-C1M", product: "USB-C cable, 1 m", quantity: 3, paid_minutes_ago: Some(40 * H), shipped_minutes_ago: None, tracking: "", carrier: "", country: "United States" },
    SampleRow { id: "576461413038785004", status: "Awaiting shipment", sku: "SOCK-3P", product: "Wool socks, 3 pairs", quantity: 1, paid_minutes_ago: Some(5 * H), shipped_minutes_ago: None, tracking: "", carrier: "", country: "Spain" },
    SampleRow { id: "576461413038785005", status: "Awaiting shipment", sku: "BAG-TOTE", product: "Canvas tote bag", quantity: 1, paid_minutes_ago: Some(53 * H), shipped_minutes_ago: None, tracking: "", carrier: "", country: "United States" },
    SampleRow { id: "576461413038785006", status: "Awaiting shipment", sku: "RING-S7", product: "Silver ring, size 7", quantity: 1, paid_minutes_ago: Some(46 * H + 30), shipped_minutes_ago: None, tracking: "", carrier: "", country: "Malaysia" },
    SampleRow { id: "576461413038785007", status: "Shipped", sku: "TEE-M-BLK", product: "T-shirt, M, black", quantity: 2, paid_minutes_ago: Some(70 * H), shipped_minutes_ago: Some(50 * H), tracking: "4PX3000123456789CN", carrier: "4PX", country: "Germany" },
    SampleRow { id: "576461413038785007", status: "Shipped", sku: "TEE-L-BLK", product: "T-shirt, L, black", quantity: 1, paid_minutes_ago: Some(70 * H), shipped_minutes_ago: Some(50 * H), tracking: "4PX3000123456789CN", carrier: "4PX", country: "Germany" },
    SampleRow { id: "576461413038785008", status: "Unpaid", sku: "HAT-BEIGE", product: "Bucket hat, beige", quantity: 1, paid_minutes_ago: None, shipped_minutes_ago: None, tracking: "", carrier: "", country: "Philippines" },
    SampleRow { id: "", status: "Awaiting shipment", sku: "GIFT-CARD", product: "Gift wrap", quantity: 1, paid_minutes_ago: Some(3 * H), shipped_minutes_ago: None, tracking: "", carrier: "", country: "United States" },
];

/// The sample export as CSV text, its times written in `zone` like a Seller Center export.
pub fn sample_orders_csv(now: DateTime<Utc>, zone: &Zone) -> String {
    let local = |minutes_ago: i64| {
        zone.local(now - TimeDelta::minutes(minutes_ago))
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let mut csv = String::from(HEADER);
    for row in ROWS {
        // An unpaid order was created two hours ago; a paid one five minutes before payment.
        let created = local(row.paid_minutes_ago.map_or(2 * H, |m| m + 5));
        let paid = row.paid_minutes_ago.map(local).unwrap_or_default();
        let shipped = row.shipped_minutes_ago.map(local).unwrap_or_default();
        let product = row.product.replace('"', "\"\"");
        let _ = writeln!(
            csv,
            "{},{},{},\"{product}\",{},{created},{paid},{shipped},{},{},{}",
            row.id, row.status, row.sku, row.quantity, row.tracking, row.carrier, row.country
        );
    }
    // A paid time typed by hand is not a timestamp: the row is reported, not guessed at.
    let _ = writeln!(
        csv,
        "576461413038785009,Awaiting shipment,PEN-BLUE,Gel pen,5,{},yesterday,,,,United States",
        local(10 * H)
    );
    csv
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate::{check_orders, OrderState};
    use crate::engine::import::import_orders;
    use chrono::TimeZone;

    #[test]
    fn the_sample_shows_every_state_and_accounts_for_every_row() {
        let now = Utc.with_ymd_and_hms(2024, 11, 12, 9, 30, 0).unwrap();
        let import = import_orders(
            sample_orders_csv(now, &Zone::SHANGHAI).as_bytes(),
            Zone::SHANGHAI,
        )
        .unwrap();
        assert_eq!(import.rows, 12);
        assert_eq!(import.rows, import.rows_used + import.skipped.len() as u64);
        assert_eq!(import.skipped.len(), 2);
        let states: Vec<OrderState> = check_orders(&import.orders, &Default::default())
            .iter()
            .map(|c| c.clock.state_at(now))
            .collect();
        for state in [
            OrderState::ShippedOnTime,
            OrderState::ShippedLate,
            OrderState::AwaitingDispatch,
            OrderState::DispatchOverdue,
        ] {
            assert!(states.contains(&state), "{state:?} missing from {states:?}");
        }
    }
}
