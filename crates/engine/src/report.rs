//! The report: an import and its checks, frozen at one `now`, in the shape the CLI prints and a
//! host page receives. Field names here are a contract (see README, "Command-line tool"):
//! add to them, never rename. Each order's part is made as it is written, not held: a million
//! orders' deadlines and findings in words took 6.6 GB at once.

use std::collections::BTreeMap;
use std::io;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::evaluate::{Deadline, DeadlineSource, Finding, FindingCode, OrderCheck, OrderState, Rules};
use super::import::{Column, FileSummary, Import, RowNote, SkippedRow};
use super::metrics::{what_if, MetricWindow, ShopMetrics, WeeklyMetrics, WhatIf};
use super::order::{Order, Text};
use super::pipeline::Checked;
use super::profile::{ClockStart, DispatchEvent};

#[derive(Clone, Serialize)]
pub struct Report<'a> {
    pub import: ImportSummary,
    pub profile: ProfileSummary,
    pub now: String,
    pub orders: OrderReports<'a>,
    pub metrics: ShopMetrics,
    /// The four rates this week and the four weeks before it, as Seller Center shows them.
    pub weekly: WeeklyMetrics,
    pub what_if: WhatIf,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportSummary {
    pub rows: u64,
    pub rows_used: u64,
    pub orders: usize,
    pub skipped: Vec<SkippedRow>,
    pub missing_columns: Vec<Column>,
    /// The zone naive timestamps were read in: an assumption the seller must be able to see.
    pub time_zone: String,
    /// How each file was read: encoding, delimiter, description rows, date orders.
    pub files: Vec<FileSummary>,
    /// Order IDs found in more than one file, merged into one order.
    pub orders_in_several_files: Vec<String>,
    /// Rows used with something said of them: another row of the order says otherwise, or a
    /// Quantity could not be read.
    #[serde(default)]
    pub notes: Vec<RowNote>,
}

/// The rules the report was made with, and the assumptions they carry. `source`, `as_of`,
/// `dispatch_event` and `clock_start` are the newest version's; `versions` lists each version
/// that judged an order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub source: String,
    pub as_of: String,
    pub notes: Vec<String>,
    /// The recorded event counted as dispatch.
    pub dispatch_event: DispatchEvent,
    /// Where the handling clock starts.
    pub clock_start: ClockStart,
    /// The seller's business-day calendar.
    pub calendar: String,
    /// The versions that judged these orders, oldest first, with how many each judged.
    pub versions: Vec<VersionSummary>,
}

/// One rule version and the orders it judged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub effective_from: NaiveDate,
    pub source: String,
    /// The source in Chinese, where the version has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_zh: Option<String>,
    pub as_of: NaiveDate,
    pub dispatch_event: DispatchEvent,
    pub clock_start: ClockStart,
    pub notes: Vec<String>,
    pub orders: usize,
}

/// The version that judged one order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleVersionRef {
    /// The profile's ID.
    pub preset: String,
    pub effective_from: NaiveDate,
    pub source: String,
}

impl RuleVersionRef {
    pub fn of(check: &OrderCheck, rules: &Rules) -> RuleVersionRef {
        let version = rules.version(check);
        RuleVersionRef {
            preset: rules.profile.id.clone(),
            effective_from: version.effective_from,
            source: version.source.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct OrderReport {
    pub order_id: Text,
    pub line: u64,
    /// The shop, when several are checked together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop: Option<Text>,
    pub state: OrderState,
    /// The rule version that judged the order.
    pub rule_version: RuleVersionRef,
    /// RFC 3339 in the profile's zone; `null` when the profile sets no such deadline or its
    /// start has not happened.
    pub deadlines: DeadlineTimes,
    /// For each deadline present: `platform` (from the order's own fields) or `profile`.
    pub deadline_sources: BTreeMap<&'static str, DeadlineSource>,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DeadlineTimes {
    pub dispatch: Option<String>,
    pub collection: Option<String>,
    pub auto_cancel: Option<String>,
    pub delivery: Option<String>,
}

impl DeadlineTimes {
    /// `check`'s deadlines, RFC 3339 in the profile's zone.
    fn of(check: &OrderCheck, rules: &Rules) -> DeadlineTimes {
        let (d, zone) = (&check.deadlines, rules.profile.time_zone);
        let time = |deadline: Option<Deadline>| deadline.map(|d| zone.rfc3339(d.at));
        DeadlineTimes {
            dispatch: time(d.dispatch()),
            collection: time(d.collection()),
            auto_cancel: time(d.auto_cancel()),
            delivery: time(d.delivery()),
        }
    }
}

/// What the orders CSV says of one order: its report without what the CSV has no column for
/// (the rule version, who set each deadline, the Chinese words and the evidence), which took
/// about half of the time the CLI spent writing the CSV.
pub struct OrderLine {
    pub order_id: Text,
    pub line: u64,
    pub state: OrderState,
    pub deadlines: DeadlineTimes,
    /// Each finding's code and English message.
    pub findings: Vec<(FindingCode, String)>,
}

impl OrderLine {
    pub fn new(check: &OrderCheck, order: &Order, rules: &Rules, now: DateTime<Utc>) -> OrderLine {
        OrderLine {
            order_id: order.id.clone(),
            line: order.line,
            state: check.state_at(now),
            deadlines: DeadlineTimes::of(check, rules),
            findings: check.finding_messages_at(order, now, rules),
        }
    }
}

/// What is made of one checked order at a moment: its report ([`OrderReport::new`]) or its line
/// of the orders CSV ([`OrderLine::new`]).
pub(crate) type MadeOfOrder<T> = fn(&OrderCheck, &Order, &Rules, DateTime<Utc>) -> T;

/// What a report covers, beyond the orders and the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Which orders the shop metrics cover.
    pub window: MetricWindow,
    /// How far ahead the what-if looks: "if every order due in the next N hours ships now".
    pub what_if_hours: u32,
}

impl Default for ReportOptions {
    fn default() -> Self {
        // A day ahead: the platform's partner dashboard warns a day before the deadline.
        ReportOptions { window: MetricWindow::All, what_if_hours: 24 }
    }
}

/// A report's orders, each made as it is written: a million orders' reports, with their
/// deadlines and findings in words, would take gigabytes held at once.
#[derive(Clone)]
pub struct OrderReports<'a> {
    orders: &'a [Order],
    rules: &'a Rules,
    checks: &'a [OrderCheck],
    /// Positions in `checks`, in the order listed.
    listed: &'a [u32],
    now: DateTime<Utc>,
}

impl<'a> OrderReports<'a> {
    /// Every order of `checked`, most urgent first, at `now`.
    pub fn most_urgent_first(checked: &'a Checked, now: DateTime<Utc>) -> OrderReports<'a> {
        let (orders, rules, checks) = (&checked.import.orders, &checked.rules, &checked.checks);
        OrderReports { orders, rules, checks, listed: checked.by_urgency(), now }
    }

    pub fn iter(&self) -> impl Iterator<Item = OrderReport> + 'a {
        self.each(OrderReport::new)
    }

    /// The same orders as the orders CSV writes them.
    pub fn lines(&self) -> impl Iterator<Item = OrderLine> + 'a {
        self.each(OrderLine::new)
    }

    fn each<T: 'a>(&self, make: MadeOfOrder<T>) -> impl Iterator<Item = T> + 'a {
        let Self { orders, rules, checks, listed, now } = *self;
        listed.iter().map(move |&i| {
            let check = &checks[i as usize];
            make(check, &orders[check.order_index], rules, now)
        })
    }
}

impl Serialize for OrderReports<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'a> Report<'a> {
    /// The report of `checked` at `now`, its orders most urgent first. It is the pipeline's
    /// own: its what-if is counted from the pipeline's due index, and its shop metrics over
    /// every order at the check's moment are the pipeline's figures, as the page's dashboard
    /// shows them; only another window or another moment is counted for the report, in the
    /// same order (the orders').
    pub fn of(checked: &'a Checked, now: DateTime<Utc>, options: ReportOptions) -> Report<'a> {
        let (import, rules, checks) = (&checked.import, &checked.rules, &checked.checks);
        let (metrics, weekly) = match options.window {
            MetricWindow::All if now == checked.checked_at => {
                let figures = checked.figures();
                (figures.metrics.clone(), figures.weekly.clone())
            }
            window => {
                ShopMetrics::with_weeks(&import.orders, checks, rules, now, window, crate::pipeline::EARLIER_WEEKS)
            }
        };
        Report {
            import: ImportSummary::new(import, rules),
            profile: ProfileSummary::new(rules, checks),
            now: rules.profile.time_zone.rfc3339(now),
            metrics,
            weekly,
            what_if: what_if(checked.dispatched, &checked.due, now, options.what_if_hours),
            orders: OrderReports::most_urgent_first(checked, now),
        }
    }

    /// The report's JSON before its orders, through the list's `[`; [`Report::write_json_after_orders`]
    /// writes the rest, from its `]`: the orders are written between, a part at a time
    /// ([`crate::writing`]). The fields are the struct's, in its order: together they are the
    /// report's JSON byte for byte.
    pub fn write_json_before_orders(&self, out: &mut dyn io::Write) -> serde_json::Result<()> {
        field(out, "{\"import\":", &self.import)?;
        field(out, ",\"profile\":", &self.profile)?;
        field(out, ",\"now\":", &self.now)?;
        out.write_all(b",\"orders\":[").map_err(serde_json::Error::io)
    }

    pub fn write_json_after_orders(&self, out: &mut dyn io::Write) -> serde_json::Result<()> {
        field(out, "],\"metrics\":", &self.metrics)?;
        field(out, ",\"weekly\":", &self.weekly)?;
        field(out, ",\"what_if\":", &self.what_if)?;
        out.write_all(b"}").map_err(serde_json::Error::io)
    }
}

/// Writes `name` (with what comes before it) and `value` as JSON.
fn field(out: &mut dyn io::Write, name: &str, value: &impl Serialize) -> serde_json::Result<()> {
    out.write_all(name.as_bytes()).map_err(serde_json::Error::io)?;
    serde_json::to_writer(out, value)
}

/// Orders as CSV, one row each, with every cell a spreadsheet could take for a formula
/// neutralised (see [`spreadsheet_safe`]).
pub fn write_orders_csv<W: io::Write>(orders: impl IntoIterator<Item = OrderLine>, out: W) -> csv::Result<()> {
    write_orders_csv_part(orders, true, out)
}

/// Some orders' rows of [`write_orders_csv`], after its header row when `first`: the file
/// written a part at a time.
pub fn write_orders_csv_part<W: io::Write>(
    orders: impl IntoIterator<Item = OrderLine>,
    first: bool,
    out: W,
) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    if first {
        writer.write_record([
            "order_id",
            "line",
            "state",
            "dispatch_deadline",
            "collection_deadline",
            "auto_cancel_deadline",
            "delivery_deadline",
            "findings",
            "messages",
        ])?;
    }
    for order in orders {
        let codes: Vec<&str> = order.findings.iter().map(|(code, _)| code.code()).collect();
        let messages: Vec<&str> = order.findings.iter().map(|(_, message)| message.as_str()).collect();
        let d = &order.deadlines;
        writer.write_record([
            spreadsheet_safe(&order.order_id).as_ref(),
            &order.line.to_string(),
            order.state.code(),
            d.dispatch.as_deref().unwrap_or(""),
            d.collection.as_deref().unwrap_or(""),
            d.auto_cancel.as_deref().unwrap_or(""),
            d.delivery.as_deref().unwrap_or(""),
            &codes.join(";"),
            &spreadsheet_safe(&messages.join(" | ")),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

impl ImportSummary {
    pub fn new(import: &Import, rules: &Rules) -> ImportSummary {
        ImportSummary {
            rows: import.rows,
            rows_used: import.rows_used,
            orders: import.orders.len(),
            skipped: import.skipped.clone(),
            missing_columns: import.missing_columns.clone(),
            time_zone: rules.profile.time_zone.name().to_owned(),
            files: import.files.clone(),
            orders_in_several_files: import.orders_in_several_files.clone(),
            notes: import.notes.clone(),
        }
    }
}

impl ProfileSummary {
    pub fn new(rules: &Rules, checks: &[OrderCheck]) -> ProfileSummary {
        let profile = &rules.profile;
        let latest = profile.latest();
        let mut judged = vec![0; profile.versions.len()];
        for check in checks {
            judged[usize::from(check.version)] += 1;
        }
        ProfileSummary {
            id: profile.id.clone(),
            name: profile.name.clone(),
            source: latest.source.clone(),
            as_of: latest.as_of.to_string(),
            notes: profile.notes.iter().chain(&latest.notes).cloned().collect(),
            dispatch_event: latest.dispatch_event,
            clock_start: latest.clock_start,
            calendar: rules.seller_calendar().name().to_owned(),
            versions: profile
                .versions
                .iter()
                .zip(judged)
                .filter(|(_, orders)| *orders > 0)
                .map(|(version, orders)| VersionSummary {
                    effective_from: version.effective_from,
                    source: version.source.clone(),
                    source_zh: version.source_zh.clone(),
                    as_of: version.as_of,
                    dispatch_event: version.dispatch_event,
                    clock_start: version.clock_start,
                    notes: version.notes.clone(),
                    orders,
                })
                .collect(),
        }
    }
}

impl OrderReport {
    pub fn new(check: &OrderCheck, order: &Order, rules: &Rules, now: DateTime<Utc>) -> OrderReport {
        let d = &check.deadlines;
        let named = [
            ("dispatch", d.dispatch()),
            ("collection", d.collection()),
            ("auto_cancel", d.auto_cancel()),
            ("delivery", d.delivery()),
        ];
        OrderReport {
            order_id: order.id.clone(),
            line: order.line,
            shop: order.shop.clone(),
            state: check.state_at(now),
            rule_version: RuleVersionRef::of(check, rules),
            deadlines: DeadlineTimes::of(check, rules),
            deadline_sources: named.into_iter().filter_map(|(name, d)| d.map(|d| (name, d.source))).collect(),
            findings: check.findings_at(order, now, rules),
        }
    }
}

/// The rows an import could not use, as CSV a seller can open next to the file.
pub fn write_skipped_rows_csv<W: io::Write>(rows: &[SkippedRow], out: W) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["file", "line", "reason", "reason_zh"])?;
    for row in rows {
        writer.write_record([
            spreadsheet_safe(row.file.as_deref().unwrap_or("")).as_ref(),
            &row.line.to_string(),
            &spreadsheet_safe(&row.reason),
            &spreadsheet_safe(&row.reason_zh),
        ])?;
    }
    writer.flush()?;
    Ok(())
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
    use crate::import::RowProblem;
    use crate::pipeline::{Pipeline, EARLIER_WEEKS};
    use crate::profile::RuleProfile;
    use crate::sample::sample_orders_csv;
    use chrono::{TimeDelta, TimeZone};

    fn checked(export: &str, now: DateTime<Utc>) -> Checked {
        let profile = RuleProfile::default();
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read(None, export.as_bytes()).unwrap();
        pipeline.run(now)
    }

    #[test]
    fn a_report_at_the_checks_moment_has_the_pipelines_metrics_and_at_another_counts_its_own() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let checked = checked(&sample_orders_csv(now, &RuleProfile::default().time_zone), now);
        let (orders, rules) = (&checked.import.orders, &checked.rules);
        let counted =
            |at| ShopMetrics::with_weeks(orders, &checked.checks, rules, at, MetricWindow::All, EARLIER_WEEKS);
        let report = checked.report(now, ReportOptions::default());
        let figures = checked.figures();
        assert_eq!((&report.metrics, &report.weekly), (&figures.metrics, &figures.weekly));
        assert_eq!((report.metrics, report.weekly), counted(now));
        let later = now + TimeDelta::days(9);
        let report = checked.report(later, ReportOptions::default());
        assert_ne!(report.weekly, checked.figures().weekly, "nine days on, the weeks are others");
        assert_eq!((report.metrics, report.weekly), counted(later));
    }

    #[test]
    fn formula_cells_are_neutralised_and_plain_cells_untouched() {
        for cell in ["=1+1", "+86 123", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(cell), format!("'{cell}"));
        }
        assert_eq!(spreadsheet_safe("576461413"), "576461413");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn skipped_rows_export_as_csv_with_formulas_neutralised() {
        let rows = [
            SkippedRow::new(Some("a.csv".into()), 3, &RowProblem::NoOrderId),
            SkippedRow {
                file: None,
                line: 7,
                reason: "=cmd, quoted".into(),
                reason_zh: "+命令".into(),
                description: false,
            },
        ];
        let mut out = Vec::new();
        write_skipped_rows_csv(&rows, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "file,line,reason,reason_zh\na.csv,3,no Order ID,没有订单ID\n,7,\"'=cmd, quoted\",'+命令\n"
        );
    }

    #[test]
    fn the_orders_csv_has_each_findings_english_message_as_the_report_words_it() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let checked = checked(&sample_orders_csv(start, &RuleProfile::default().time_zone), start);
        let mut codes = std::collections::BTreeSet::new();
        for now in [start, start + TimeDelta::hours(30), start + TimeDelta::days(9)] {
            let orders = OrderReports::most_urgent_first(&checked, now);
            for (report, line) in orders.iter().zip(orders.lines()) {
                let worded: Vec<_> = report.findings.iter().map(|f| (f.code, f.message.clone())).collect();
                assert_eq!((&line.order_id, line.findings.clone()), (&report.order_id, worded));
                codes.extend(line.findings.iter().map(|(code, _)| *code));
            }
        }
        assert!(codes.len() >= 10, "the sample shows ten kinds of finding: {codes:?}");
    }

    #[test]
    fn csv_output_has_one_row_per_order() {
        let input = "Order ID,Paid Time,Shipped Time\n=HYPERLINK(1),2024-11-12 09:00:00,\n";
        let now = Utc.with_ymd_and_hms(2024, 11, 20, 0, 0, 0).unwrap();
        let mut out = Vec::new();
        write_orders_csv(OrderReports::most_urgent_first(&checked(input, now), now).lines(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].starts_with(
                "'=HYPERLINK(1),2,dispatch_overdue,2024-11-14T09:00:00+08:00,,,,dispatch_overdue;delay_notice_recommended,"
            ),
            "{text}"
        );
    }
}
