//! What the engine's worker does with each request: the checked orders it holds, the current
//! selection of the board, and every answer the page asks for (see [`crate::protocol`]).
//!
//! Plain Rust, like the rest of the engine, so every answer the page gets is tested natively;
//! the worker itself only carries messages and reads files a slice at a time, driving a
//! [`Pipeline`] that [`Service::pipeline`] sets up and [`Service::accept`] takes back.

use std::io;

use chrono::{DateTime, Utc};

use super::board::SortKey;
use super::import::{ColumnMapping, ImportError, ImportOptions, LegacyDecoder, SkippedRow};
use super::marks::Marks;
use super::metrics::what_if;
use super::pipeline::{count_shops, Checked, Pipeline};
use super::profile::{RuleProfile, MAX_WINDOW_HOURS};
use super::protocol::{Failure, FileRequest, Reading, Request, Response, Upcoming};
use super::sample::sample_orders_csv;
use super::tracking::check_tracking;
use super::upload_check::{check_upload, UploadView};
use super::view::{DetailView, DueCounts, Lines, Millis, RowView, ShopView, Summary};
use super::writing::{appeal_line, FileWriting};

/// The worker's state.
pub struct Service {
    profile: RuleProfile,
    reading: Reading,
    mappings: Vec<ColumnMapping>,
    /// How this side of the browser decodes GB18030 and other legacy encodings.
    legacy_decoder: Option<LegacyDecoder>,
    /// What was checked last, if it was text: checked again when the rules change.
    last_text: Option<String>,
    checked: Option<Checked>,
    /// How many checks have been kept: tells a count of figures begun on one from the next.
    checks_kept: u32,
    selection: Selection,
    marks: Marks,
}

#[derive(Default)]
struct Selection {
    generation: u32,
    lines: Lines,
}

/// Orders checked per batch by [`Service::check`]'s caller: about 20 ms of work in a release build.
pub const CHECK_BATCH: usize = 20_000;

pub(crate) fn at(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

impl Service {
    pub fn new(legacy_decoder: Option<LegacyDecoder>) -> Service {
        Service {
            profile: RuleProfile::default(),
            reading: Reading::default(),
            mappings: Vec::new(),
            legacy_decoder,
            last_text: None,
            checked: None,
            checks_kept: 0,
            selection: Selection::default(),
            marks: Marks::default(),
        }
    }

    /// How files are read now: the profile's options, the seller's overrides and mappings.
    pub fn import_options(&self) -> ImportOptions {
        let reading = self.reading.clone();
        let defaults = self.profile.import_options();
        ImportOptions {
            time_zone: reading.time_zone.unwrap_or(defaults.time_zone),
            legacy_decoder: self.legacy_decoder,
            column_mappings: self.mappings.clone(),
            encoding: reading.encoding,
            date_order: reading.date_order,
            sheet: reading.sheet,
            file_shops: reading.file_shops,
            later_files_win: reading.later_files_win,
            ..defaults
        }
    }

    /// A pipeline for files, with the rules and options in use.
    pub fn pipeline(&mut self) -> Result<Pipeline, Failure> {
        self.last_text = None;
        Pipeline::new(self.profile.clone(), self.import_options())
            .map_err(|e| Failure::plain(format!("the rules cannot be used: {e}")))
    }

    /// Keeps what a pipeline checked, and summarises it; or says why the files could not be read.
    pub fn accept(&mut self, result: Result<Checked, ImportError>) -> Response {
        match result {
            Ok(mut checked) => {
                checked.zone_chosen = self.reading.time_zone.is_some();
                let summary = Summary::new(&checked);
                self.checked = Some(checked);
                self.checks_kept = self.checks_kept.wrapping_add(1);
                self.selection = Selection { generation: self.selection.generation + 1, ..Selection::default() };
                Response::Checked(Box::new(summary))
            }
            Err(error) => Response::Failed(error.into()),
        }
    }

    /// Counts up to `orders` more orders' share of every order's figures (see
    /// [`Checked::count_figures`]); whether they are all counted, or there is nothing to count.
    pub fn count_figures(&self, orders: usize) -> bool {
        self.checked.as_ref().is_none_or(|checked| checked.count_figures(orders))
    }

    /// Which check is kept now: it changes with every check kept.
    pub fn check_number(&self) -> u32 {
        self.checks_kept
    }

    /// Whether the last check was of text (else of files, which the worker holds).
    pub fn last_was_text(&self) -> bool {
        self.last_text.is_some()
    }

    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Configure { profile, reading, mappings, marks } => {
                (self.profile, self.reading, self.mappings) = (*profile, reading, mappings);
                self.marks = Marks::new(marks);
                Response::Done
            }
            Request::SetMarks { marks } => {
                for (order_id, mark) in marks {
                    self.marks.set(&order_id, mark);
                }
                Response::Done
            }
            Request::CheckText { text, now } => self.check_text(text, at(now)),
            Request::CheckSample { now } => {
                let text = sample_orders_csv(at(now), &self.import_options().time_zone);
                self.check_text(text, at(now))
            }
            Request::CheckAgain { now } => match self.last_text.take() {
                Some(text) => self.check_text(text, at(now)),
                None => Response::Stale,
            },
            // Files and cancelling are the worker's own (it holds the files and the loop).
            Request::CheckFiles { .. } | Request::UploadCheck { .. } | Request::Cancel => Response::Stale,
            // A number is judged with or without orders checked.
            Request::Tracking { number, carrier } => Response::Tracking(check_tracking(&number, carrier.as_deref())),
            request => {
                let Service { checked: Some(checked), selection, marks, .. } = self else { return Response::Stale };
                answer(checked, marks, selection, request)
            }
        }
    }

    /// Begins the file asked for, of the orders on the board now (or the one order asked
    /// for); `None` before any check.
    pub fn begin_file(&self, file: FileRequest) -> Option<FileWriting> {
        let checked = self.checked.as_ref()?;
        let lines = &self.selection.lines;
        let orders = match file {
            FileRequest::AppealCsv { order, .. } => appealed(checked, lines, order).1.collect(),
            FileRequest::OrdersCsv { .. } | FileRequest::Notices { .. } | FileRequest::Calendar { .. } => {
                lines.orders().collect()
            }
            FileRequest::Report { .. } | FileRequest::SkippedCsv => Vec::new(),
        };
        Some(FileWriting::new(file, self.checks_kept, orders))
    }

    /// Writes up to `most` more of the file's orders to `out`: `None` while some are left, else
    /// the answer: [`Response::Written`] (for notices, [`Response::Notices`]), the failure, or
    /// [`Response::Cancelled`] once another check has replaced the orders.
    pub fn write_file_part(&self, writing: &mut FileWriting, out: &mut dyn io::Write, most: usize) -> Option<Response> {
        let Some(checked) = self.checked.as_ref().filter(|_| writing.check == self.checks_kept) else {
            return Some(Response::Cancelled);
        };
        match writing.part(checked, &self.marks, out, most) {
            Ok(true) => Some(writing.answer()),
            Ok(false) => None,
            Err(why) => Some(Response::Failed(Failure::plain(format!("the file could not be written: {why}")))),
        }
    }

    /// The bulk tracking upload in `bytes`, checked against the orders checked last.
    pub fn upload_check(&self, bytes: &[u8], now: Millis) -> Response {
        let Some(checked) = &self.checked else { return Response::Stale };
        match check_upload(bytes, checked, at(now)) {
            Ok(check) => Response::Upload(Box::new(UploadView::new(&check))),
            Err(refused) => {
                Response::Failed(Failure { message: refused.message, message_zh: refused.message_zh, mapping: None })
            }
        }
    }

    fn check_text(&mut self, text: String, now: DateTime<Utc>) -> Response {
        let mut pipeline = match self.pipeline() {
            Ok(pipeline) => pipeline,
            Err(failure) => return Response::Failed(failure),
        };
        let result = pipeline.read(None, text.as_bytes()).map(|()| pipeline.run(now));
        let response = self.accept(result);
        self.last_text = Some(text);
        response
    }
}

/// A question about the checked orders, asked with the board's current selection.
fn answer(checked: &Checked, marks: &Marks, selection: &mut Selection, request: Request) -> Response {
    match request {
        Request::Select { query, now, start, end } => {
            let now = at(now);
            let picked = checked.select(&query, marks, now);
            let grouped = query.sort == SortKey::Urgency && !query.descending;
            let lines = Lines::new(checked, picked, grouped, now);
            let generation = selection.generation + 1;
            let (count, orders, headings) =
                (lines.lines.len() as u32, lines.order_count() as u32, lines.headings.clone());
            let shown = lines.view(checked, start as usize..end as usize, now);
            *selection = Selection { generation, lines };
            Response::Selected { generation, lines: count, headings, orders, start, shown }
        }
        Request::Lines { generation, start, end, now } if generation == selection.generation => {
            let lines = selection.lines.view(checked, start as usize..end as usize, at(now));
            Response::Lines { generation, start, lines }
        }
        Request::Counts { now } => Response::Counts(DueCounts::new(checked, at(now))),
        Request::Facets { now } => Response::Facets(checked.facets(at(now))),
        Request::Shop { shop } => Response::Shop(Box::new(ShopView::new(checked, shop.as_deref()))),
        Request::Detail { index, now } if (index as usize) < checked.checks.len() => {
            Response::Detail(Box::new(DetailView::new(checked, index, at(now))))
        }
        Request::WhatIf { hours, now } => Response::WhatIf(what_if(checked.dispatched, &checked.due, at(now), hours)),
        Request::Upcoming { now, hours } => Response::Upcoming(upcoming(checked, at(now), hours)),
        Request::Print { now, most } => {
            let rows =
                selection.lines.orders().take(most as usize).map(|i| RowView::new(checked, i, at(now))).collect();
            Response::Print { total: selection.lines.order_count() as u32, rows }
        }
        Request::Appeal { order, most, now, chinese } => {
            let (total, orders) = appealed(checked, &selection.lines, order);
            let lines = orders.take(most as usize).map(|i| appeal_line(checked, marks, i, at(now), chinese)).collect();
            Response::Appeal { total, lines }
        }
        Request::Skipped { start, end } => {
            let unused: Vec<&SkippedRow> = checked.import.skipped.iter().filter(|row| !row.description).collect();
            let range = (start as usize).min(unused.len())..(end as usize).min(unused.len());
            Response::Skipped {
                total: unused.len() as u32,
                rows: unused[range].iter().map(|&row| row.clone()).collect(),
            }
        }
        _ => Response::Stale,
    }
}

/// The most shops a reminder names, those with the most orders due.
const SHOPS_NOTIFIED: usize = 5;

/// The deadlines within `hours` of `now`, with their orders and, when several shops are loaded,
/// each shop's share. The orders with an open deadline lead the urgency order in the order of
/// the due index, so a deadline's orders are the run of positions at its place there.
fn upcoming(checked: &Checked, now: DateTime<Utc>, hours: u32) -> Vec<Upcoming> {
    let due = checked.due.upcoming(now, hours.min(MAX_WINDOW_HOURS));
    let mut next = checked.due.overdue(now);
    due.into_iter()
        .map(|(at, orders)| {
            let run = next..next + orders as usize;
            next = run.end;
            let shops = match checked.shops.len() {
                0 | 1 => Vec::new(),
                _ => {
                    let run = checked.by_urgency().get(run).unwrap_or_default();
                    let checks = run.iter().map(|&i| &checked.checks[i as usize]);
                    count_shops(checks, &checked.import.orders, SHOPS_NOTIFIED)
                }
            };
            Upcoming { at: at.timestamp_millis(), orders, shops }
        })
        .collect()
}

/// The orders an appeal pack covers, and how many: the one asked for, or the selection's.
fn appealed<'a>(checked: &Checked, lines: &'a Lines, order: Option<u32>) -> (u32, Box<dyn Iterator<Item = u32> + 'a>) {
    match order {
        Some(index) if (index as usize) < checked.checks.len() => (1, Box::new(std::iter::once(index))),
        Some(_) => (0, Box::new(std::iter::empty())),
        None => (lines.order_count() as u32, Box::new(lines.orders())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appeal::APPEAL_COLUMNS;
    use crate::board::{BoardQuery, DueFilter};
    use crate::marks::{Mark, MarkFilter};
    use crate::report::ReportOptions;
    use crate::view::{BoardLine, UrgencyGroup, WrittenLike};
    use crate::zone::Zone;
    use chrono::TimeZone;

    fn now() -> i64 {
        Utc.with_ymd_and_hms(2026, 11, 27, 4, 0, 0).unwrap().timestamp_millis()
    }

    /// A service that has checked the sample orders.
    fn checked_sample() -> Service {
        let mut service = Service::new(None);
        assert!(matches!(service.handle(Request::CheckSample { now: now() }), Response::Checked(_)));
        service
    }

    fn select(service: &mut Service, query: BoardQuery) -> (u32, u32, u32) {
        match service.handle(Request::Select { query, now: now(), start: 0, end: 0 }) {
            Response::Selected { generation, lines, orders, .. } => (generation, lines, orders),
            other => panic!("{other:?}"),
        }
    }

    /// Writes the file asked for to `out`, `most` orders at a time, as the worker does: the answer.
    fn write_file(service: &Service, file: FileRequest, out: &mut dyn io::Write, most: usize) -> Response {
        let Some(mut writing) = service.begin_file(file) else { return Response::Stale };
        loop {
            if let Some(answer) = service.write_file_part(&mut writing, out, most) {
                return answer;
            }
        }
    }

    /// The file asked for, as text.
    fn written(service: &Service, file: FileRequest) -> String {
        let mut out = Vec::new();
        assert_eq!(write_file(service, file, &mut out, usize::MAX), Response::Written);
        String::from_utf8(out).expect("text")
    }

    /// A place to save that takes `room` bytes and then refuses, as a full disk would.
    struct Full {
        room: usize,
    }

    impl io::Write for Full {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if bytes.len() > self.room {
                return Err(io::Error::other("no room left"));
            }
            self.room -= bytes.len();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn files_are_written_where_the_worker_says_and_a_refusal_is_said() {
        let service = Service::new(None);
        let nothing = write_file(&service, FileRequest::SkippedCsv, &mut Vec::new(), usize::MAX);
        assert_eq!(nothing, Response::Stale, "nothing checked");
        let service = checked_sample();
        let report: serde_json::Value =
            serde_json::from_str(&written(&service, FileRequest::Report { now: now() })).expect("the report is JSON");
        assert_eq!(report["orders"].as_array().map(Vec::len), Some(12));
        assert!(written(&service, FileRequest::SkippedCsv).starts_with("file,line,reason,reason_zh\n"));
        let Response::Failed(failure) =
            write_file(&service, FileRequest::Report { now: now() }, &mut Full { room: 100 }, usize::MAX)
        else {
            panic!("a refusal is a failure")
        };
        assert!(failure.message.contains("no room left"), "{}", failure.message);
    }

    #[test]
    fn buyer_notices_are_written_a_blank_line_apart_and_counted() {
        let mut service = checked_sample();
        let later = now() + 6 * 24 * 3_600_000;
        select(&mut service, BoardQuery::default());
        let mut out = Vec::new();
        let answer = write_file(&service, FileRequest::Notices { now: later, chinese: false }, &mut out, 1);
        let text = String::from_utf8(out).unwrap();
        let each: Vec<&str> = text.split("\n\n").collect();
        assert!(each.len() >= 2 && each.iter().all(|notice| notice.starts_with("Hello")), "{text}");
        assert_eq!(answer, Response::Notices { count: each.len() as u32 });
    }

    #[test]
    fn a_file_written_in_parts_is_the_file_written_whole_and_keeps_the_orders_it_began_with() {
        let mut service = checked_sample();
        let later = now() + 6 * 24 * 3_600_000;
        select(&mut service, BoardQuery::default());
        let files = [
            FileRequest::Report { now: later },
            FileRequest::Report { now: now() },
            FileRequest::OrdersCsv { now: later },
            FileRequest::AppealCsv { order: None, now: later, chinese: true },
            FileRequest::Notices { now: later, chinese: false },
            FileRequest::Calendar { now: later, leads_hours: vec![4], chinese: false },
        ];
        for file in files {
            let (mut whole, mut parts) = (Vec::new(), Vec::new());
            let answer = write_file(&service, file.clone(), &mut whole, usize::MAX);
            assert_eq!(write_file(&service, file.clone(), &mut parts, 2), answer, "{file:?}");
            assert_eq!(String::from_utf8(parts).unwrap(), String::from_utf8(whole).unwrap(), "{file:?}");
        }
        // The report written around its orders is the report as serde writes it whole.
        let checked = service.checked.as_ref().expect("checked");
        for moment in [now(), later] {
            let whole = serde_json::to_string(&checked.report(at(moment), ReportOptions::default())).unwrap();
            assert_eq!(written(&service, FileRequest::Report { now: moment }), whole);
        }
        // The board changes between two parts: the file is of the orders it began with.
        let mut writing = service.begin_file(FileRequest::OrdersCsv { now: later }).expect("checked");
        let mut out = Vec::new();
        assert_eq!(service.write_file_part(&mut writing, &mut out, 2), None);
        select(&mut service, BoardQuery { due: DueFilter::Overdue, ..BoardQuery::default() });
        while service.write_file_part(&mut writing, &mut out, 2).is_none() {}
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 13, "a header and the twelve orders");
        // Another check lands between two parts: the file is given up.
        select(&mut service, BoardQuery::default());
        let mut writing = service.begin_file(FileRequest::OrdersCsv { now: later }).expect("checked");
        assert_eq!(service.write_file_part(&mut writing, &mut Vec::new(), 2), None);
        service.handle(Request::CheckSample { now: now() });
        assert_eq!(service.write_file_part(&mut writing, &mut Vec::new(), 2), Some(Response::Cancelled));
    }

    #[test]
    fn nothing_is_answered_before_a_check_and_a_replaced_selection_is_stale() {
        let mut service = Service::new(None);
        assert_eq!(service.handle(Request::Counts { now: now() }), Response::Stale);
        let number = Request::Tracking { number: "LX123456785CN".into(), carrier: None };
        assert!(matches!(service.handle(number), Response::Tracking(_)), "a number needs no orders to be judged");
        let mut service = checked_sample();
        let (generation, ..) = select(&mut service, BoardQuery::default());
        select(&mut service, BoardQuery { due: DueFilter::Overdue, ..BoardQuery::default() });
        let old = Request::Lines { generation, start: 0, end: 5, now: now() };
        assert_eq!(service.handle(old), Response::Stale);
        assert_eq!(service.handle(Request::Detail { index: 99, now: now() }), Response::Stale);
    }

    #[test]
    fn the_board_sorted_by_urgency_has_a_heading_before_each_group_with_its_size() {
        let mut service = checked_sample();
        let (generation, lines, orders) = select(&mut service, BoardQuery::default());
        assert_eq!(orders, 12);
        let Response::Lines { lines: shown, .. } =
            service.handle(Request::Lines { generation, start: 0, end: lines, now: now() })
        else {
            panic!("lines")
        };
        let headings: Vec<(UrgencyGroup, u32)> = shown
            .iter()
            .filter_map(|line| match line {
                BoardLine::Group { group, orders } => Some((*group, *orders)),
                BoardLine::Order(_) => None,
            })
            .collect();
        assert_eq!(headings[0].0, UrgencyGroup::Overdue, "the most urgent group first");
        assert_eq!(headings.iter().map(|(_, n)| n).sum::<u32>(), 12);
        assert_eq!(lines as usize, 12 + headings.len());
        // Each heading counts the orders under it.
        let mut under = 0;
        for line in shown.iter().rev() {
            match line {
                BoardLine::Order(_) => under += 1,
                BoardLine::Group { orders, .. } => {
                    assert_eq!(*orders, under);
                    under = 0;
                }
            }
        }
        // A window from the middle counts its headings from the start.
        let Response::Lines { lines: tail, .. } =
            service.handle(Request::Lines { generation, start: lines - 3, end: lines, now: now() })
        else {
            panic!("lines")
        };
        assert_eq!(tail, shown[shown.len() - 3..]);
        // Sorted otherwise, no headings.
        let by_id = BoardQuery { sort: SortKey::OrderId, ..BoardQuery::default() };
        let (_, lines, orders) = select(&mut service, by_id);
        assert_eq!(lines, orders);
    }

    #[test]
    fn a_selection_brings_the_lines_asked_with_it_as_a_later_question_would() {
        let mut service = checked_sample();
        let asked = Request::Select { query: BoardQuery::default(), now: now(), start: 2, end: 9 };
        let Response::Selected { generation, lines, start, shown, .. } = service.handle(asked) else {
            panic!("a selection")
        };
        assert_eq!((start, shown.len()), (2, 7));
        let Response::Lines { lines: later, .. } =
            service.handle(Request::Lines { generation, start: 2, end: 9, now: now() })
        else {
            panic!("lines")
        };
        assert_eq!(shown, later);
        // Past the end, what there is; none asked, none brought.
        let past = Request::Select { query: BoardQuery::default(), now: now(), start: lines - 1, end: lines + 50 };
        assert!(matches!(service.handle(past), Response::Selected { shown, .. } if shown.len() == 1));
        let (_, _, orders) = select(&mut service, BoardQuery::default());
        assert_eq!(orders, 12);
        let none = Request::Select { query: BoardQuery::default(), now: now(), start: 0, end: 0 };
        assert!(matches!(service.handle(none), Response::Selected { shown, .. } if shown.is_empty()));
    }

    #[test]
    fn counts_say_when_they_next_change() {
        let service = &mut checked_sample();
        let Response::Counts(counts) = service.handle(Request::Counts { now: now() }) else { panic!("counts") };
        assert_eq!((counts.overdue, counts.all), (1, 12));
        let change = counts.next_change.expect("an order falls due");
        let Response::Counts(before) = service.handle(Request::Counts { now: change - 1 }) else { panic!() };
        let Response::Counts(after) = service.handle(Request::Counts { now: change + 1 }) else { panic!() };
        assert_eq!(before.next_change, Some(change));
        assert_ne!(
            (before.overdue, before.within_6h, before.within_24h),
            (after.overdue, after.within_6h, after.within_24h)
        );
    }

    #[test]
    fn marks_kept_across_checks_filter_the_board_and_go_into_the_appeal_pack() {
        let mut service = checked_sample();
        let noted = Mark { note: "Parcel handed over at 18:40, receipt kept".into(), ..Mark::default() };
        let kept = vec![("576461413038785006".to_owned(), noted)];
        service.handle(Request::Configure {
            profile: Box::default(),
            reading: Reading::default(),
            mappings: vec![],
            marks: kept,
        });
        service.handle(Request::CheckSample { now: now() });
        let shipped = Mark { shipped: true, ..Mark::default() };
        let mark = Request::SetMarks { marks: vec![("576461413038785003".into(), shipped)] };
        assert_eq!(service.handle(mark), Response::Done);
        let marked = |filter| BoardQuery { mark: Some(filter), ..BoardQuery::default() };
        assert_eq!(select(&mut service, marked(MarkFilter::Noted)).2, 1);
        let Response::Appeal { total, lines } =
            service.handle(Request::Appeal { order: None, most: 10, now: now(), chinese: false })
        else {
            panic!("appeal")
        };
        assert_eq!((total, lines[0].order_id.as_str()), (1, "576461413038785006"));
        assert_eq!(lines[0].note, "Parcel handed over at 18:40, receipt kept");
        assert_eq!(select(&mut service, marked(MarkFilter::Shipped)).2, 1);
        assert_eq!(select(&mut service, marked(MarkFilter::NotHandled)).2, 11);
        let csv = written(&service, FileRequest::AppealCsv { order: None, now: now(), chinese: true });
        assert_eq!(csv.lines().next(), Some(APPEAL_COLUMNS.join(",").as_str()));
        assert!(
            csv.contains("576461413038785006") && !csv.contains("576461413038785003"),
            "the shipped one is handled"
        );
    }

    #[test]
    fn two_shops_loaded_together_are_told_apart_on_the_board_in_the_metrics_and_the_calendar() {
        let mut service = Service::new(None);
        // Shanghai time, 3 December 2026 at 08:00: paid 10 and 60 hours before.
        let text = "Order ID,Shop Name,Paid Time,Shipped Time\n\
                    576400000000000011,East,2026-12-02 22:00:00,\n\
                    576400000000000012,East,2026-11-30 20:00:00,\n\
                    576400000000000013,East,2026-11-30 20:00:00,2026-12-01 08:00:00\n\
                    576400000000000021,West,2026-12-02 22:00:00,\n\
                    576400000000000022,West,2026-11-29 08:00:00,2026-12-02 08:00:00\n";
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap().timestamp_millis();
        let Response::Checked(summary) = service.handle(Request::CheckText { text: text.into(), now }) else {
            panic!("checked")
        };
        assert_eq!(summary.shops, [("East".to_owned(), 3), ("West".to_owned(), 2)]);
        let east = BoardQuery { shop: Some("East".into()), ..BoardQuery::default() };
        assert_eq!(select(&mut service, east).2, 3);
        let Response::Shop(view) = service.handle(Request::Shop { shop: Some("East".into()) }) else { panic!("shop") };
        // East shipped one order, 12 h after payment; West one, 72 h after: late.
        let late = |metric: &crate::Metric| (metric.numerator, metric.denominator);
        assert_eq!(late(&view.metrics.late_dispatch_rate), (0, 1));
        assert_eq!(late(&view.weekly.weeks[0].late_dispatch_rate), (0, 1));
        let Response::Shop(every) = service.handle(Request::Shop { shop: None }) else { panic!("every shop") };
        assert_eq!(late(&every.metrics.late_dispatch_rate), (1, 2));
        let calendar = written(&service, FileRequest::Calendar { now, leads_hours: vec![4], chinese: false });
        let calendar = calendar.replace("\r\n ", "");
        // Reminders are for every shop, each named: East's and West's orders paid at 22:00 are
        // due together two days on.
        let Response::Upcoming(due) = service.handle(Request::Upcoming { now, hours: 48 }) else { panic!("due") };
        let shops = [("East".to_owned(), 1), ("West".to_owned(), 1)];
        assert_eq!(
            due,
            [Upcoming {
                at: Utc.with_ymd_and_hms(2026, 12, 4, 14, 0, 0).unwrap().timestamp_millis(),
                orders: 2,
                shops: shops.into()
            }]
        );
        assert!(calendar.contains("576400000000000011 (East)"), "{calendar}");
        assert!(!calendar.contains("(West)"), "the board shows East's orders only");
    }

    #[test]
    fn the_selection_exports_prints_and_warns_its_buyers() {
        let mut service = checked_sample();
        select(&mut service, BoardQuery { due: DueFilter::Overdue, ..BoardQuery::default() });
        let csv = written(&service, FileRequest::OrdersCsv { now: now() });
        assert_eq!(csv.lines().count(), 2, "a header and the overdue order");
        let mut notices = Vec::new();
        let copied = write_file(&service, FileRequest::Notices { now: now(), chinese: true }, &mut notices, usize::MAX);
        assert_eq!(copied, Response::Notices { count: 1 });
        assert!(String::from_utf8(notices).unwrap().starts_with("您好"));
        let Response::Print { total, rows } = service.handle(Request::Print { now: now(), most: 10 }) else {
            panic!("print")
        };
        assert_eq!((total, rows.len()), (1, 1));
        let Response::Detail(detail) = service.handle(Request::Detail { index: rows[0].index, now: now() }) else {
            panic!("detail")
        };
        assert!(detail.notice_recommended && detail.row.order_id == rows[0].order_id);
    }

    #[test]
    fn rows_not_used_leave_out_the_description_row_and_page_through_the_rest() {
        let mut service = Service::new(None);
        let text = "Order ID,Paid Time\nPlatform unique order ID.,Order paid time.\n,2026-11-20 10:00:00\nA,nope\nB,2026-11-20 10:00:00\n";
        let Response::Checked(summary) = service.handle(Request::CheckText { text: text.into(), now: now() }) else {
            panic!("checked")
        };
        assert_eq!((summary.description_rows, summary.skipped, summary.rows_used), (1, 2, 1));
        let Response::Skipped { total, rows } = service.handle(Request::Skipped { start: 1, end: 9 }) else {
            panic!("skipped")
        };
        assert_eq!((total, rows.len(), rows[0].line), (2, 1, 4));
    }

    /// What crosses to the page is read back as it was written: the page's reading, written
    /// again, is the same JSON (numbers as JSON reads them, to the last bit either way).
    fn round_trip(response: &Response) {
        let json = serde_json::to_string(response).expect("writes");
        let read: Response = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{e}: {}", json.chars().take(300).collect::<String>()));
        let again: serde_json::Value = serde_json::to_value(&read).expect("writes");
        assert_eq!(again, serde_json::from_str::<serde_json::Value>(&json).expect("reads"));
    }

    #[test]
    fn every_answer_reaches_the_page_as_the_worker_wrote_it() {
        let mut service = Service::new(None);
        let checked = service.handle(Request::CheckSample { now: now() });
        round_trip(&checked);
        let (generation, lines, _) = select(&mut service, BoardQuery::default());
        round_trip(&service.handle(Request::Lines { generation, start: 0, end: lines, now: now() }));
        round_trip(&service.handle(Request::Select { query: BoardQuery::default(), now: now(), start: 0, end: lines }));
        round_trip(&service.handle(Request::Counts { now: now() }));
        round_trip(&service.handle(Request::Facets { now: now() }));
        round_trip(&service.handle(Request::WhatIf { hours: 24, now: now() }));
        for index in 0..12 {
            round_trip(&service.handle(Request::Detail { index, now: now() }));
        }
        round_trip(&service.handle(Request::Skipped { start: 0, end: 10 }));
        round_trip(&service.handle(Request::Print { now: now(), most: 20 }));
        round_trip(&service.handle(Request::Tracking { number: "LX123456785CN".into(), carrier: None }));
        let request = Request::Select {
            query: BoardQuery { due: DueFilter::WithinHours(6), ..BoardQuery::default() },
            now: now(),
            start: 0,
            end: 20,
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
        round_trip(&Response::Written);
        round_trip(&Response::Notices { count: 3 });
        let file = Request::File(FileRequest::AppealCsv { order: Some(3), now: now(), chinese: true });
        let json = serde_json::to_string(&file).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), file);
    }

    #[test]
    fn us_dates_read_in_china_time_are_questioned_until_the_seller_chooses_the_zone() {
        let mut service = Service::new(None);
        let text = "Order ID,Paid Time\nA,11/25/2026 9:05:00 PM\n";
        let Response::Checked(summary) = service.handle(Request::CheckText { text: text.into(), now: now() }) else {
            panic!("checked")
        };
        let warning = summary.zone_warning.expect("a US export read in Asia/Shanghai");
        assert_eq!((warning.written, warning.suggested), (WrittenLike::UnitedStates, Zone::LOS_ANGELES));
        let reading = Reading { time_zone: Some(Zone::SHANGHAI), ..Reading::default() };
        service.handle(Request::Configure { profile: Box::default(), reading, mappings: vec![], marks: vec![] });
        let Response::Checked(summary) = service.handle(Request::CheckAgain { now: now() }) else { panic!("again") };
        assert_eq!(summary.zone_warning, None, "the seller said Shanghai: no more question");
        // Year-first times read in a US zone are questioned the other way.
        let profile = Box::new(RuleProfile::us_local());
        service.handle(Request::Configure { profile, reading: Reading::default(), mappings: vec![], marks: vec![] });
        let text = "Order ID,Paid Time\nA,2026-11-25 21:05:00\n";
        let Response::Checked(summary) = service.handle(Request::CheckText { text: text.into(), now: now() }) else {
            panic!("checked")
        };
        assert_eq!(summary.zone_warning.map(|w| w.suggested), Some(Zone::SHANGHAI));
    }

    #[test]
    fn new_rules_check_the_same_text_again() {
        let mut service = checked_sample();
        let profile = Box::new(RuleProfile::us_local());
        assert_eq!(
            service.handle(Request::Configure {
                profile,
                reading: Reading::default(),
                mappings: vec![],
                marks: vec![]
            }),
            Response::Done
        );
        let Response::Checked(summary) = service.handle(Request::CheckAgain { now: now() }) else { panic!("again") };
        assert_eq!(summary.profile.id, "us-local");
        assert_eq!(summary.orders, 12);
    }

    #[test]
    fn each_check_kept_has_a_number_of_its_own_that_questions_about_it_leave_alone() {
        let mut service = checked_sample();
        let first = service.check_number();
        select(&mut service, BoardQuery::default());
        assert!(service.count_figures(5) || service.count_figures(usize::MAX));
        assert_eq!(service.check_number(), first, "questions about the check keep its number");
        let garbage = Request::CheckText { text: "\u{0}\u{0}".into(), now: now() };
        assert!(matches!(service.handle(garbage), Response::Failed(_)));
        assert_eq!(service.check_number(), first, "a check that failed leaves the last one in place");
        assert!(matches!(service.handle(Request::CheckSample { now: now() }), Response::Checked(_)));
        assert_ne!(service.check_number(), first, "a new check has a new number");
    }
}
