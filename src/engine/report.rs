//! The report: an import and its checks, frozen at one `now`, in the shape the CLI prints and a
//! host page receives. Field names here are a contract (see README, "Command-line tool"):
//! add to them, never rename.

use std::io;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::evaluate::{check_orders, Finding, OrderCheck, OrderState};
use super::import::{Column, Import, SkippedRow};
use super::metrics::ShopMetrics;
use super::profile::{DispatchEvent, RuleProfile};

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub import: ImportSummary,
    pub profile: ProfileSummary,
    pub now: String,
    pub orders: Vec<OrderReport>,
    pub metrics: ShopMetrics,
}

#[derive(Clone, Debug, Serialize)]
pub struct ImportSummary {
    pub rows: u64,
    pub rows_used: u64,
    pub orders: usize,
    pub skipped: Vec<SkippedRow>,
    pub missing_columns: Vec<Column>,
    /// The zone naive timestamps were read in: an assumption the seller must be able to see.
    pub time_zone: String,
}

/// The rules the report was made with, and the assumptions they carry.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub source: String,
    pub as_of: String,
    /// The recorded event counted as dispatch.
    pub dispatch_event: DispatchEvent,
    /// Where the handling clock starts.
    pub clock_start: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrderReport {
    pub order_id: String,
    pub line: u64,
    pub state: OrderState,
    pub deadlines: Deadlines,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Deadlines {
    /// RFC 3339 in the profile's zone.
    pub dispatch: Option<String>,
}

impl Report {
    pub fn new(import: &Import, profile: &RuleProfile, now: DateTime<Utc>) -> Report {
        let checks = check_orders(&import.orders, profile);
        let zone = profile.time_zone;
        Report {
            import: ImportSummary {
                rows: import.rows,
                rows_used: import.rows_used,
                orders: import.orders.len(),
                skipped: import.skipped.clone(),
                missing_columns: import.missing_columns.clone(),
                time_zone: zone.name().to_owned(),
            },
            profile: ProfileSummary {
                id: profile.id.clone(),
                name: profile.name.clone(),
                source: profile.source.clone(),
                as_of: profile.as_of.to_string(),
                dispatch_event: profile.dispatch_event,
                clock_start: "paid_time_else_created_time",
            },
            now: zone.rfc3339(now),
            metrics: ShopMetrics::compute(&checks, profile),
            orders: checks
                .iter()
                .map(|check| OrderReport::new(check, profile, now))
                .collect(),
        }
    }

    /// One row per order: its state, deadline and findings, ready for a spreadsheet.
    pub fn write_csv<W: io::Write>(&self, out: W) -> csv::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record([
            "order_id",
            "line",
            "state",
            "dispatch_deadline",
            "findings",
            "messages",
        ])?;
        for order in &self.orders {
            let codes: Vec<&str> = order.findings.iter().map(|f| f.code.code()).collect();
            let messages: Vec<&str> = order.findings.iter().map(|f| f.message.as_str()).collect();
            writer.write_record([
                spreadsheet_safe(&order.order_id).as_ref(),
                &order.line.to_string(),
                order.state.code(),
                order.deadlines.dispatch.as_deref().unwrap_or(""),
                &codes.join(";"),
                &spreadsheet_safe(&messages.join(" | ")),
            ])?;
        }
        writer.flush()?;
        Ok(())
    }
}

impl OrderReport {
    fn new(check: &OrderCheck, profile: &RuleProfile, now: DateTime<Utc>) -> OrderReport {
        OrderReport {
            order_id: check.order_id.clone(),
            line: check.line,
            state: check.clock.state_at(now),
            deadlines: Deadlines {
                dispatch: check.clock.deadline.map(|d| profile.time_zone.rfc3339(d)),
            },
            findings: check.findings_at(now, &profile.time_zone),
        }
    }
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula; order
/// data comes from buyers and marketplaces, so such a cell is prefixed with `'` to stay text.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::import::import_orders;
    use chrono::TimeZone;

    #[test]
    fn formula_cells_are_neutralised_and_plain_cells_untouched() {
        for cell in ["=1+1", "+86 123", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(cell), format!("'{cell}"));
        }
        assert_eq!(spreadsheet_safe("576461413"), "576461413");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn csv_output_has_one_row_per_order() {
        let input = "Order ID,Paid Time,Shipped Time\n=HYPERLINK(1),2024-11-12 09:00:00,\n";
        let import = import_orders(input.as_bytes(), RuleProfile::default().time_zone).unwrap();
        let now = Utc.with_ymd_and_hms(2024, 11, 20, 0, 0, 0).unwrap();
        let mut out = Vec::new();
        Report::new(&import, &RuleProfile::default(), now)
            .write_csv(&mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].starts_with(
                "'=HYPERLINK(1),2,dispatch_overdue,2024-11-14T09:00:00+08:00,dispatch_overdue,"
            ),
            "{text}"
        );
    }
}
