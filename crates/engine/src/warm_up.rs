//! A check of made-up orders the browser's worker runs once, while the seller is still picking a
//! file. A browser runs WebAssembly first from a quick compile and compiles again, for speed,
//! only the functions it has seen run often; a seller's first import paid for that at full
//! size. After this check the import's own paths (a US export's cells and times, tracking
//! numbers, deadlines, metrics) are already the fast ones: a 100k-row CSV went from file to
//! board in 573–626 ms against 645–724 ms without it (`bench-import.mjs 100000`, six
//! alternating runs).

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::pipeline::{Checked, Pipeline};
use crate::RuleProfile;

/// Rows enough for the browser to count the paths as hot, few enough to be over soon (in Node,
/// a check of 1,400 rows of the benchmarks' export took 25–43 ms, cold).
pub const ROWS: usize = 1_500;

const HEADER: &str = "Order ID,Order Status,Seller SKU,Product Name,Quantity,Created Time,Paid Time,RTS Time,\
                      Shipped Time,Delivered Time,Tracking ID,Shipping Provider Name,Country\n";

/// `rows` orders as a US Seller Center export writes them (`11/18/2026 9:08:00 AM`): two in
/// three shipped with a USPS number, the rest awaiting shipment.
pub fn export(rows: usize) -> String {
    let mut csv = String::with_capacity(HEADER.len() + rows * 160);
    csv.push_str(HEADER);
    for i in 0..rows {
        let (day, hour, minute) = (1 + i % 27, 1 + i % 12, i % 60);
        let paid = format!("11/{day}/2026 {hour}:{:02}:00 AM", (minute + 1) % 60);
        let (status, shipped, tracking) = match i % 3 {
            0 => ("Awaiting shipment", String::new(), String::new()),
            _ => ("Shipped", format!("11/{}/2026 {hour}:{minute:02}:00 PM", day + 1), format!("94000000000{i:011}")),
        };
        let _ = writeln!(
            csv,
            "57646141303{i:07},{status},SKU-{sku},Product {sku},1,11/{day}/2026 {hour}:{minute:02}:00 AM,{paid},,\
             {shipped},,{tracking},USPS,United States",
            sku = i % 40
        );
    }
    csv
}

/// Imports and checks [`export`]`(rows)` at `now`, under the US rules.
pub fn run(rows: usize, now: DateTime<Utc>) -> Option<Checked> {
    let profile = RuleProfile::us_local();
    let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).ok()?;
    pipeline.read(Some("warm-up.csv"), export(rows).as_bytes()).ok()?;
    Some(pipeline.checking().finish_on(now, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_made_up_row_is_an_order_read_with_its_us_times_and_checked() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
        let checked = run(300, now).unwrap();
        assert_eq!(checked.checks.len(), 300);
        assert_eq!(checked.import.skipped.len(), 0);
        let shipped = checked.import.orders.iter().filter(|order| order.shipped.is_some()).count();
        assert_eq!(shipped, 200);
        assert!(checked
            .import
            .orders
            .iter()
            .all(|order| order.paid.is_some() && order.tracking_id.is_some() == order.shipped.is_some()));
    }
}
