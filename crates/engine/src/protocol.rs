//! The messages between the page and the engine's worker, as JSON.
//!
//! The page holds only what is on screen; everything else it asks the worker for. A request
//! carries the moment it is asked about (`now`), so the worker, like the engine, never reads a
//! clock. Files are not in these messages: the worker is handed the browser's `File` objects
//! beside a [`Request::CheckFiles`] and reads them itself, a slice at a time, telling the page
//! how far it has come with [`Progress`] messages.

use serde::{Deserialize, Serialize};

use super::appeal::AppealLine;
use super::board::{BoardQuery, Facets};
use super::import::{Column, ColumnMapping, Encoding, ImportError, SkippedRow};
use super::marks::Mark;
use super::metrics::WhatIf;
use super::profile::RuleProfile;
use super::timestamp::DateOrder;
use super::tracking::TrackingCheck;
use super::upload_check::UploadView;
use super::view::{BoardLine, DetailView, DueCounts, Millis, RowView, ShopView, Summary};
use super::zone::Zone;

/// What the seller set about reading text and files, over what the profile implies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reading {
    /// The encoding, when detection cannot tell.
    pub encoding: Option<Encoding>,
    /// The order of slashed dates, when the values do not decide it.
    pub date_order: Option<DateOrder>,
    /// The sheet of a workbook, when the orders are not on its first.
    pub sheet: Option<String>,
    /// The zone times without an offset are read in, when the profile's is not the export's.
    pub time_zone: Option<Zone>,
    /// The shop each file is of, by file name, for files without a shop column.
    pub file_shops: Vec<(String, String)>,
    /// The files are successive exports, oldest first (a local history): an order is as the
    /// newest says.
    pub later_files_win: bool,
}

/// What the page asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// The rules, the reading options, the seller's column mappings for the next check, and
    /// the marks the seller made on orders (by order ID).
    Configure {
        profile: Box<RuleProfile>,
        reading: Reading,
        mappings: Vec<ColumnMapping>,
        #[serde(default)]
        marks: Vec<(String, Mark)>,
    },
    /// Marks the seller made or changed, by order ID (an empty mark removes one).
    SetMarks {
        marks: Vec<(String, Mark)>,
    },
    CheckText {
        text: String,
        now: Millis,
    },
    CheckSample {
        now: Millis,
    },
    /// The files handed over beside it.
    CheckFiles {
        now: Millis,
    },
    /// The open dispatch deadlines within `hours`, with their order counts: what reminders are
    /// about.
    Upcoming {
        now: Millis,
        hours: u32,
    },
    /// The bulk tracking upload handed over beside it, checked against the orders.
    UploadCheck {
        now: Millis,
    },
    /// What was checked last, again (after the rules or the reading options changed).
    CheckAgain {
        now: Millis,
    },
    /// Stops the check under way; the orders checked before it stay.
    Cancel,
    /// The board's lines for a query: [`Response::Selected`], with its lines `start..end`, those
    /// the page shows first (none when `start == end`), so it need not ask for them after.
    Select {
        query: BoardQuery,
        now: Millis,
        #[serde(default)]
        start: u32,
        #[serde(default)]
        end: u32,
    },
    /// Lines `start..end` of the selection `generation`.
    Lines {
        generation: u32,
        start: u32,
        end: u32,
        now: Millis,
    },
    Counts {
        now: Millis,
    },
    Facets {
        now: Millis,
    },
    /// One shop's metrics, weeks and charts, or (`None`) every order's: [`Response::Shop`].
    Shop {
        shop: Option<String>,
    },
    Detail {
        index: u32,
        now: Millis,
    },
    WhatIf {
        hours: u32,
        now: Millis,
    },
    /// A file to save, answered through [`crate::service::Service::begin_file`] and
    /// `write_file_part`: written a piece at a time beside a [`Response::Written`], never as one
    /// text.
    File(FileRequest),
    /// The selection's first `most` orders, to print.
    Print {
        now: Millis,
        most: u32,
    },
    /// The appeal pack of one order (its position in the checks) or of the selection: its
    /// first `most` lines, to print.
    Appeal {
        order: Option<u32>,
        most: u32,
        now: Millis,
        chinese: bool,
    },
    /// Rows not used `start..end`.
    Skipped {
        start: u32,
        end: u32,
    },
    Tracking {
        number: String,
        carrier: Option<String>,
    },
}

/// A file the seller saves, written by the engine. At a million orders one is hundreds of
/// megabytes: made as one text it would grow the worker's memory by its size, and the page's
/// by twice that as it read the answer, and both keep what they grow to. So the engine writes
/// it to whatever the worker hands over, and the worker passes it on a piece at a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "file", rename_all = "snake_case")]
pub enum FileRequest {
    /// The report the command-line tool prints, as JSON.
    Report { now: Millis },
    /// The selection's orders as CSV.
    OrdersCsv { now: Millis },
    /// The selection's open dispatch deadlines as an iCalendar file, with alarms `leads_hours`
    /// before each.
    Calendar { now: Millis, leads_hours: Vec<u32>, chinese: bool },
    /// The appeal pack of one order (its position in the checks) or of the selection, every
    /// line, as CSV.
    AppealCsv { order: Option<u32>, now: Millis, chinese: bool },
    /// The rows not used, as CSV.
    SkippedCsv,
    /// The buyer notices of the selection's orders that need one now, a blank line apart: for
    /// the clipboard. Answered with [`Response::Notices`], which counts them.
    Notices { now: Millis, chinese: bool },
}

/// What the worker answers, one per request. Tagged the default way (`{"checked": {…}}`): an
/// adjacently tagged enum is read through a buffer, which would put a second copy of the
/// reading of every type in the page's bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Done,
    Checked(Box<Summary>),
    Failed(Failure),
    Cancelled,
    /// The board's new selection: its lines, where its headings are among them, its orders, and
    /// the lines asked for with it, from `start`.
    Selected {
        generation: u32,
        lines: u32,
        headings: Vec<u32>,
        orders: u32,
        start: u32,
        shown: Vec<BoardLine>,
    },
    Lines {
        generation: u32,
        start: u32,
        lines: Vec<BoardLine>,
    },
    Counts(DueCounts),
    Facets(Facets),
    Shop(Box<ShopView>),
    Detail(Box<DetailView>),
    WhatIf(WhatIf),
    /// The file asked for, written out whole.
    Written,
    /// The buyer notices asked for, written out whole: how many.
    Notices {
        count: u32,
    },
    Print {
        total: u32,
        rows: Vec<RowView>,
    },
    Skipped {
        total: u32,
        rows: Vec<SkippedRow>,
    },
    Appeal {
        total: u32,
        lines: Vec<AppealLine>,
    },
    Tracking(TrackingCheck),
    Upload(Box<UploadView>),
    /// Deadlines and how many orders each has, soonest first.
    Upcoming(Vec<Upcoming>),
    /// Asked of orders that are not there (none checked, or a selection replaced since).
    Stale,
}

impl Response {
    /// Whether a file asked for came with this answer: one written out whole.
    pub fn carries_file(&self) -> bool {
        matches!(self, Response::Written | Response::Notices { .. })
    }
}

/// A dispatch deadline ahead and the orders due at it: what a reminder is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upcoming {
    pub at: Millis,
    pub orders: u32,
    /// How many of them each shop has, by name, when several shops are loaded.
    pub shops: Vec<(String, u32)>,
}

/// Why a check failed, in both languages; when it was unrecognised headers, what to ask the
/// seller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub message: String,
    pub message_zh: String,
    pub mapping: Option<MappingRequest>,
}

/// A file whose needed columns were not found: its header row and what is missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingRequest {
    pub header: Vec<String>,
    pub missing: Vec<Column>,
}

impl From<ImportError> for Failure {
    fn from(error: ImportError) -> Failure {
        let mapping = match &error {
            ImportError::MissingColumns { found, missing, .. } => {
                Some(MappingRequest { header: found.clone(), missing: missing.clone() })
            }
            _ => None,
        };
        Failure { message: error.to_string(), message_zh: error.chinese(), mapping }
    }
}

/// The most bytes of files one check in the browser reads. A page's WebAssembly memory stops at
/// 4 GiB, and the orders of an export take about 1.8 times its size there (a 217 MB export of a
/// million rows took 395 MB): beyond 2 GiB a check could run out of memory partway and leave the
/// page broken, so it is refused before it starts, and the command-line tool, which has no
/// such limit, suggested.
pub const MAX_PAGE_BYTES: u64 = 2 << 30;

impl Failure {
    /// The failure for files of `total` bytes, if they are too many for the page.
    pub fn too_large_for_page(total: u64) -> Option<Failure> {
        let (size, limit) = (total as f64 / 1e9, MAX_PAGE_BYTES as f64 / 1e9);
        (total > MAX_PAGE_BYTES).then(|| Failure {
            message: format!(
                "These files are {size:.2} GB, more than the {limit:.2} GB a browser page can check (its \
                 memory stops at 4 GiB). Check them with the command-line tool, which has no such limit: \
                 shipcheck check FILE…"
            ),
            message_zh: format!(
                "这些文件共 {size:.2} GB，超过了浏览器页面能检查的 {limit:.2} GB（页面内存上限为 4 GiB）。\
                 请用命令行工具检查，它没有这个限制：shipcheck check 文件…"
            ),
            mapping: None,
        })
    }

    /// A failure the worker or the browser reported in one language only.
    pub fn plain(message: String) -> Failure {
        Failure { message_zh: message.clone(), message, mapping: None }
    }
}

/// What the worker says unasked: how far a check has come.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub file: String,
    /// 1-based position of the file among those given, and how many there are.
    pub number: u32,
    pub files: u32,
    pub bytes_read: u64,
    pub total_bytes: u64,
    /// Once every file is read: orders checked so far, of how many.
    pub checked: Option<(u32, u32)>,
}

impl Progress {
    /// Units done for a progress bar: bytes while reading, orders while checking.
    pub fn done(&self) -> u64 {
        self.checked.map_or(self.bytes_read, |(done, _)| u64::from(done))
    }

    /// Units in all, matching [`Progress::done`].
    pub fn total(&self) -> u64 {
        self.checked.map_or(self.total_bytes, |(_, total)| u64::from(total)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_up_to_the_page_limit_are_read_and_a_byte_more_refused_naming_the_limit_and_the_cli() {
        assert_eq!(Failure::too_large_for_page(MAX_PAGE_BYTES), None);
        let refused = Failure::too_large_for_page(MAX_PAGE_BYTES + 1).unwrap();
        assert!(refused.message.starts_with("These files are 2.15 GB, more than the 2.15 GB a browser page can check"));
        assert!(refused.message.ends_with("shipcheck check FILE…"));
        assert!(refused.message_zh.contains("命令行工具"));
    }
}
