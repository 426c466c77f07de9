//! The files a seller saves from the board, written a slice of their orders at a time.
//!
//! At a million orders the orders CSV takes seconds to write. Written in one go, the worker
//! answered nothing else meanwhile, and the board waited that long for the rows it scrolled to.
//! A [`FileWriting`] takes the orders it covers when it begins (a new selection meanwhile
//! changes nothing) and writes them in parts, so the worker answers the board between parts.
//! The report's orders are written in parts too, between its JSON before and after them. The
//! calendar and the rows not used are written whole in the first part: the calendar groups
//! every order by its deadline first, and the rows not used are few beside the orders.

use std::io;

use chrono::{DateTime, Utc};

use super::appeal::{write_appeal_csv_part, AppealLine};
use super::evaluate::FindingCode;
use super::marks::Marks;
use super::pipeline::Checked;
use super::protocol::{FileRequest, Response};
use super::reminders::dispatch_calendar;
use super::report::{
    write_orders_csv_part, write_skipped_rows_csv, MadeOfOrder, OrderLine, OrderReport, ReportOptions,
};
use super::service::at;
use super::timeline::buyer_notice;

/// A file being written (see the module's doc).
pub struct FileWriting {
    file: FileRequest,
    /// The check it was begun on: another check's orders are not these.
    pub(crate) check: u32,
    /// Positions in the checks of the orders it covers, in the order written.
    orders: Vec<u32>,
    /// How many of them are written.
    written: usize,
    /// How many buyer notices are written.
    notices: u32,
}

impl FileWriting {
    pub(crate) fn new(file: FileRequest, check: u32, orders: Vec<u32>) -> FileWriting {
        FileWriting { file, check, orders, written: 0, notices: 0 }
    }

    /// Writes up to `most` more orders (a file written whole, all of it): whether it is done.
    pub(crate) fn part(
        &mut self,
        checked: &Checked,
        marks: &Marks,
        out: &mut dyn io::Write,
        most: usize,
    ) -> io::Result<bool> {
        let listed = listed(&self.file, &self.orders, checked);
        let end = self.written.saturating_add(most).min(listed.len());
        let part = Part { orders: &listed[self.written..end], first: self.written == 0, last: end == listed.len() };
        match self.file {
            FileRequest::OrdersCsv { now } => {
                let line = |&i: &u32| made_of(checked, i, at(now), OrderLine::new);
                write_orders_csv_part(part.orders.iter().map(line), part.first, out)?;
            }
            FileRequest::AppealCsv { now, chinese, .. } => {
                let line = |&i: &u32| appeal_line(checked, marks, i, at(now), chinese);
                write_appeal_csv_part(part.orders.iter().map(line), part.first, out)?;
            }
            FileRequest::Notices { now, chinese } => {
                self.notices = notices_part(checked, &part, at(now), chinese, self.notices, out)?;
            }
            FileRequest::Report { now } => report_part(checked, &part, at(now), out)?,
            FileRequest::Calendar { now, ref leads_hours, chinese } => {
                let shown = self.orders.iter().map(|&i| &checked.checks[i as usize]).map(|c| (c, checked.order_of(c)));
                let zone = &checked.rules.profile.time_zone;
                out.write_all(dispatch_calendar(shown, at(now), zone, leads_hours, chinese).as_bytes())?;
            }
            FileRequest::SkippedCsv => write_skipped_rows_csv(&checked.import.skipped, out)?,
        }
        self.written = match self.file {
            FileRequest::Calendar { .. } | FileRequest::SkippedCsv => listed.len(),
            _ => end,
        };
        Ok(self.written == listed.len())
    }

    /// The answer once it is all written.
    pub(crate) fn answer(&self) -> Response {
        match self.file {
            FileRequest::Notices { .. } => Response::Notices { count: self.notices },
            _ => Response::Written,
        }
    }
}

/// The orders a file covers: the report's are every order, most urgent first, as the check
/// keeps them (not copied); the others', those taken when it began.
fn listed<'c>(file: &FileRequest, orders: &'c [u32], checked: &'c Checked) -> &'c [u32] {
    match file {
        FileRequest::Report { .. } => checked.by_urgency(),
        _ => orders,
    }
}

/// The orders one part of a file covers, and where they fall in it.
struct Part<'o> {
    orders: &'o [u32],
    /// The file's first part: a CSV's header, the report's JSON before its orders.
    first: bool,
    /// The file's last part: the report's JSON after its orders.
    last: bool,
}

/// A part of the JSON report: its orders, after the JSON before them in the first part and with
/// the JSON after them in the last. The report is made again for the end, not kept: its metrics
/// name orders by the thousand.
fn report_part(checked: &Checked, part: &Part, now: DateTime<Utc>, out: &mut dyn io::Write) -> io::Result<()> {
    let report = || checked.report(now, ReportOptions::default());
    if part.first {
        report().write_json_before_orders(out)?;
    }
    for (n, &i) in part.orders.iter().enumerate() {
        if !(part.first && n == 0) {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &made_of(checked, i, now, OrderReport::new))?;
    }
    if part.last {
        report().write_json_after_orders(out)?;
    }
    Ok(())
}

/// A part of the buyer notices: those of its orders that need one, a blank line between two,
/// after the `written` ones of the parts before; how many are written now.
fn notices_part(
    checked: &Checked,
    part: &Part,
    now: DateTime<Utc>,
    chinese: bool,
    mut written: u32,
    out: &mut dyn io::Write,
) -> io::Result<u32> {
    for notice in notices(checked, part.orders, now, chinese) {
        if written > 0 {
            out.write_all(b"\n\n")?;
        }
        out.write_all(notice.as_bytes())?;
        written += 1;
    }
    Ok(written)
}

/// What `make` makes of the order at `index` in the checks.
fn made_of<T>(checked: &Checked, index: u32, now: DateTime<Utc>, make: MadeOfOrder<T>) -> T {
    let check = &checked.checks[index as usize];
    make(check, checked.order_of(check), &checked.rules, now)
}

pub(crate) fn appeal_line(
    checked: &Checked,
    marks: &Marks,
    index: u32,
    now: DateTime<Utc>,
    chinese: bool,
) -> AppealLine {
    let check = &checked.checks[index as usize];
    AppealLine::new(check, &checked.import.orders[check.order_index], &checked.rules, marks, now, chinese)
}

/// A buyer notice for each of `orders` that needs one now.
fn notices<'a>(
    checked: &'a Checked,
    orders: &'a [u32],
    now: DateTime<Utc>,
    chinese: bool,
) -> impl Iterator<Item = String> + 'a {
    orders
        .iter()
        .map(move |&i| &checked.checks[i as usize])
        .map(move |check| (check, checked.order_of(check)))
        .filter(move |(check, order)| {
            check.finding_codes_at(order, now, &checked.rules).contains(FindingCode::DelayNoticeRecommended)
        })
        .map(move |(check, order)| {
            let (english, chinese_text) = buyer_notice(check, order, &checked.rules, now);
            if chinese {
                chinese_text
            } else {
                english
            }
        })
}
