//! An appeal pack: the evidence a seller sends when they dispute a late-dispatch or
//! cancellation penalty, for one order or the orders shown.
//!
//! The platform's appeal asks for the order IDs with the times that prove the hand-over, in the
//! manner of a dispatch manifest (PRODUCT.md, "What sellers ask for"). So each line is one
//! order: when it was paid, when it began awaiting shipment, its dispatch deadline, when it was
//! shipped, when the carrier first scanned it and when it was delivered, every time written with
//! its offset and the zone named beside it, so nobody reading the pack has to guess the clock;
//! then the carrier and number, the rule version that judged it, what ShipCheck found and the
//! seller's own note. The printable page and the CSV are made from the same lines.

use std::io;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::evaluate::{OrderCheck, Rules};
use super::marks::Marks;
use super::order::Order;
use super::report::{spreadsheet_safe, RuleVersionRef};

/// One order in an appeal pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealLine {
    pub order_id: String,
    /// The profile, the date its version took effect and its source: "us-2026 from 2026-09-01 (…)".
    pub rule_version: String,
    /// The zone every time of the line is written in.
    pub zone: String,
    pub paid: Option<String>,
    pub awaiting_shipment: Option<String>,
    pub dispatch_deadline: Option<String>,
    pub shipped: Option<String>,
    pub first_scan: Option<String>,
    pub delivered: Option<String>,
    pub carrier: Option<String>,
    pub tracking_id: Option<String>,
    /// Each finding's message, in the language asked for, one per line.
    pub findings: Vec<String>,
    pub note: String,
}

impl AppealLine {
    pub fn new(
        check: &OrderCheck,
        order: &Order,
        rules: &Rules,
        marks: &Marks,
        now: DateTime<Utc>,
        chinese: bool,
    ) -> AppealLine {
        let zone = rules.profile.time_zone;
        let time = |at: Option<DateTime<Utc>>| at.map(|at| zone.rfc3339(at));
        let version = RuleVersionRef::of(check, rules);
        let findings = check.findings_at(order, now, rules).into_iter();
        AppealLine {
            order_id: order.id.to_string(),
            rule_version: format!("{} from {} ({})", version.preset, version.effective_from, version.source),
            zone: zone.name().to_owned(),
            paid: time(order.paid),
            awaiting_shipment: time(check.clock.start),
            dispatch_deadline: time(check.clock.deadline),
            shipped: time(check.clock.dispatched),
            // The carrier's own collection scan only: a shipped time standing in for it would be
            // no evidence of a hand-over.
            first_scan: time(order.collected),
            delivered: time(order.delivered),
            carrier: rules.carrier_name(check, order).map(str::to_owned),
            tracking_id: order.tracking_id.as_deref().map(str::to_owned),
            findings: findings.map(|f| if chinese { f.message_zh } else { f.message }).collect(),
            note: marks.get(&order.id).map(|mark| mark.note.clone()).unwrap_or_default(),
        }
    }
}

/// The columns of the pack's CSV, in order.
pub const APPEAL_COLUMNS: [&str; 13] = [
    "Order ID",
    "Rule version",
    "Time zone",
    "Paid",
    "Awaiting shipment since",
    "Dispatch deadline",
    "Shipped (handed over)",
    "First carrier scan",
    "Delivered",
    "Carrier",
    "Tracking ID",
    "Finding",
    "Seller's note",
];

/// The pack as CSV, one row per order, with formulas neutralised so it opens safely in a
/// spreadsheet. Each line is written as it comes: a million orders' lines are never held.
pub fn write_appeal_csv<W: io::Write>(lines: impl IntoIterator<Item = AppealLine>, out: W) -> csv::Result<()> {
    write_appeal_csv_part(lines, true, out)
}

/// Some lines of [`write_appeal_csv`], after its header row when `first`: the pack written a
/// part at a time.
pub fn write_appeal_csv_part<W: io::Write>(
    lines: impl IntoIterator<Item = AppealLine>,
    first: bool,
    out: W,
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    if first {
        writer.write_record(APPEAL_COLUMNS)?;
    }
    for line in lines {
        let time = |at: &Option<String>| at.clone().unwrap_or_default();
        let findings = line.findings.join("\n");
        let cells = [
            line.order_id.as_str(),
            &line.rule_version,
            &line.zone,
            &time(&line.paid),
            &time(&line.awaiting_shipment),
            &time(&line.dispatch_deadline),
            &time(&line.shipped),
            &time(&line.first_scan),
            &time(&line.delivered),
            line.carrier.as_deref().unwrap_or_default(),
            line.tracking_id.as_deref().unwrap_or_default(),
            &findings,
            &line.note,
        ];
        writer.write_record(cells.iter().map(|cell| spreadsheet_safe(cell).into_owned()))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::import::{import_orders, ImportOptions};
    use crate::marks::Mark;
    use crate::zone::Zone;
    use crate::RuleProfile;

    /// Two orders of a hand-written export, read and judged in Shanghai time by the seed
    /// article's rule (ship within 48 hours of payment), on 3 December 2026 at 08:00 there.
    fn pack(marks: &Marks, chinese: bool) -> String {
        let export = "Order ID,Order Status,Seller SKU,Quantity,Created Time,Paid Time,Shipped Time,Delivered Time,\
                      Tracking ID,Shipping Provider Name,Country\n\
                      576400000000000001,Delivered,MUG,1,2026-11-02 09:55:00,2026-11-02 10:00:00,2026-11-03 09:30:00,\
                      2026-11-12 15:00:00,LX123456785CN,China Post,United States\n\
                      576400000000000002,Awaiting shipment,LAMP,2,2026-11-30 19:58:00,2026-11-30 20:00:00,,,,,Germany\n";
        let import = import_orders(export.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        let rules = Rules::new(RuleProfile::cross_border_article()).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap();
        let checks = rules.check_all(&import.orders);
        let lines = checks
            .iter()
            .map(|check| AppealLine::new(check, &import.orders[check.order_index], &rules, marks, now, chinese));
        let mut out = Vec::new();
        write_appeal_csv(lines, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const VERSION: &str =
        "cross-border-article from 2024-11-12 (\"\"TikTok Shop cross-border shipping rules: what every \
                           order handler must know\"\" (Chinese article, 2024-11-12))";

    #[test]
    fn each_order_is_one_row_of_times_with_their_zone_the_rule_version_the_finding_and_the_note() {
        let mut marks = Marks::default();
        let note =
            Mark { note: "Handed to China Post at the Shenzhen depot; receipt photo kept".into(), ..Mark::default() };
        marks.set("576400000000000001", note);
        let expected = format!(
            "Order ID,Rule version,Time zone,Paid,Awaiting shipment since,Dispatch deadline,Shipped (handed over),\
             First carrier scan,Delivered,Carrier,Tracking ID,Finding,Seller's note\n\
             576400000000000001,\"{VERSION}\",Asia/Shanghai,2026-11-02T10:00:00+08:00,2026-11-02T10:00:00+08:00,\
             2026-11-04T10:00:00+08:00,2026-11-03T09:30:00+08:00,,2026-11-12T15:00:00+08:00,China Post,LX123456785CN,,\
             Handed to China Post at the Shenzhen depot; receipt photo kept\n\
             576400000000000002,\"{VERSION}\",Asia/Shanghai,2026-11-30T20:00:00+08:00,2026-11-30T20:00:00+08:00,\
             2026-12-02T20:00:00+08:00,,,,,,\"Not dispatched, 12h 0m past the dispatch deadline (2026-12-02 20:00:00 \
             UTC+08:00).\nWarn the buyer that delivery may be delayed because the order ships late; estimated arrival \
             by 2026-12-24.\",\n"
        );
        assert_eq!(pack(&marks, false), expected);
        let chinese = pack(&marks, true);
        assert!(chinese.contains("Handed to China Post") && !chinese.contains("Not dispatched"), "{chinese}");
    }
}
