//! Reading export files in the browser: each file goes to the engine's importer a slice of its
//! bytes at a time, straight from disk into WASM memory (the page never holds a whole export),
//! and the page yields between batches of rows so it repaints, the progress bar moves and Cancel
//! can be pressed.

use std::sync::Arc;

use leptos::prelude::*;

use super::dashboard::DAILY_DAYS;
use super::facets::count_in_slices;
use super::mapping::{self, Failure};
use super::slices::{next_task, SLICE};
use super::{Checked, Controls, Indexed};
use crate::engine::board::DueIndex;
use crate::engine::charts::ChartTally;
use crate::engine::evaluate::{SharedTracking, UrgencyOrder};
use crate::engine::import::{Encoding, ImportOptions, Importer, Progress, Step, TextDecode};
use crate::engine::metrics::{Dispatched, MetricWindow, MetricsTally};
use crate::engine::timestamp::DateOrder;
use crate::engine::{RuleProfile, Rules};

/// What the seller set about reading files, over what the profile implies: the encoding, when
/// detection cannot tell, the order of slashed dates, when the values do not decide it, and the
/// sheet of a workbook, when the orders are not on its first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub encoding: Option<Encoding>,
    pub date_order: Option<DateOrder>,
    pub sheet: Option<String>,
}

/// How this page reads the text and files it is given: the profile's options and the seller's
/// overrides, with the browser's own `TextDecoder` for legacy encodings (GB18030 from a Chinese
/// Excel).
pub fn import_options(profile: &RuleProfile, reading: Reading) -> ImportOptions {
    ImportOptions {
        legacy_decoder: Some(decode_legacy),
        column_mappings: mapping::remembered(),
        encoding: reading.encoding,
        date_order: reading.date_order,
        sheet: reading.sheet,
        ..profile.import_options()
    }
}

fn decode_legacy(label: &str) -> Option<Box<dyn TextDecode>> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options).ok()?;
    Some(Box::new(BrowserDecoder(decoder)))
}

/// The browser's `TextDecoder`, streaming: a character cut by the end of a piece waits in it.
struct BrowserDecoder(web_sys::TextDecoder);

impl TextDecode for BrowserDecoder {
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
        let options = web_sys::TextDecodeOptions::new();
        options.set_stream(!last);
        match self.0.decode_with_u8_array_and_options(bytes, &options) {
            Ok(decoded) => {
                text.extend_from_slice(decoded.as_bytes());
                true
            }
            Err(_) => false,
        }
    }
}

/// Where a file import stands, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportProgress {
    pub file: String,
    /// 1-based position of the file among those given, and how many there are.
    pub number: usize,
    pub files: usize,
    /// `None` while the file's bytes are still being read from disk.
    pub read: Option<Progress>,
    /// Once every file is read: orders checked so far, of how many.
    pub checked: Option<(usize, usize)>,
}

impl ImportProgress {
    /// Units done for the bar: bytes while reading, orders while checking.
    pub fn done(&self) -> u64 {
        match (self.checked, self.read) {
            (Some((done, _)), _) => done as u64,
            (None, Some(read)) => read.bytes_read,
            (None, None) => 0,
        }
    }

    /// Units in all, matching [`ImportProgress::done`].
    pub fn total(&self) -> u64 {
        match (self.checked, self.read) {
            (Some((_, total)), _) => total as u64,
            (None, Some(read)) => read.total_bytes,
            (None, None) => 1,
        }
    }
}

/// Rows (or orders) per batch, sized by how long batches take: about 20 ms each on this
/// machine or a slower one, well under the 50 ms a page can block without feeling stuck, and
/// large enough that yielding costs little.
struct Pace {
    size: usize,
}

impl Pace {
    const TARGET_MS: f64 = 20.0;
    /// A JSON order takes far longer than a CSV row (each is parsed on its own).
    const SMALLEST: usize = 100;
    const LARGEST: usize = 50_000;

    fn new() -> Pace {
        // Small to begin with: the first batches run on code the browser has yet to optimise.
        Pace { size: Pace::SMALLEST }
    }

    /// Runs one batch of at most `self.size` rows and learns from how long it took; `work`
    /// says whether it used its whole size (a batch cut short by the end of a slice says little
    /// about speed, except that it was slow).
    fn batch<T>(&mut self, work: impl FnOnce(usize) -> (T, bool)) -> T {
        let start = js_sys::Date::now();
        let (done, full) = work(self.size);
        let elapsed = js_sys::Date::now() - start;
        let size = self.size as f64;
        if elapsed > Pace::TARGET_MS {
            self.size = ((size * Pace::TARGET_MS / elapsed) as usize).max(Pace::SMALLEST);
        } else if full && elapsed < Pace::TARGET_MS / 2.0 {
            self.size = ((size * 1.5) as usize).min(Pace::LARGEST);
        }
        done
    }
}

/// Bytes read from disk at a time: a sixteenth of the file, from 1 to 8 MiB, so that neither the
/// JavaScript heap nor WASM memory ever holds a whole large export (only the importer's orders
/// do), and the slice in WASM memory adds little to what a smaller file's orders take there.
const SLICE_BYTES: std::ops::RangeInclusive<f64> = (1 << 20) as f64..=(8 << 20) as f64;

/// A file's slices, read from disk with the next one already on its way while the importer
/// works on the current one.
struct Slices {
    file: web_sys::File,
    size: f64,
    /// The read of the slice that follows the last one handed out, and where it starts.
    ahead: Option<(f64, wasm_bindgen_futures::JsFuture)>,
}

impl Slices {
    fn new(file: web_sys::File) -> Slices {
        let size = (file.size() / 16.0).clamp(*SLICE_BYTES.start(), *SLICE_BYTES.end());
        Slices { file, size, ahead: None }
    }

    /// Starts reading the slice from `at`; `None` past the end.
    fn request(&self, at: f64) -> Result<Option<wasm_bindgen_futures::JsFuture>, String> {
        let end = (at + self.size).min(self.file.size());
        if at >= end {
            return Ok(None);
        }
        let slice = self.file.slice_with_f64_and_f64(at, end).map_err(describe)?;
        Ok(Some(wasm_bindgen_futures::JsFuture::from(slice.array_buffer())))
    }

    /// Puts the slice from `at` in `piece` (empty past the end), and asks for the next.
    async fn read(&mut self, at: f64, piece: &mut Vec<u8>) -> Result<(), String> {
        let reading = match self.ahead.take() {
            Some((ahead, reading)) if ahead == at => Some(reading),
            _ => self.request(at)?,
        };
        // Freed first, so the next slice takes its room instead of growing the memory by one.
        *piece = Vec::new();
        if let Some(reading) = reading {
            let buffer = reading.await.map_err(describe)?;
            // Copied, not zero-filled first and then copied over: each large file is read
            // from disk twice, and the zeros showed in a CPU profile of a million-row import.
            *piece = js_sys::Uint8Array::new(&buffer).to_vec();
        }
        let next = at + piece.len() as f64;
        self.ahead = self.request(next)?.map(|reading| (next, reading));
        Ok(())
    }
}

/// What the browser said went wrong, as text.
fn describe(error: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}

/// Reads the files into one import a batch at a time, yielding to the browser between batches
/// so the page repaints, the progress bar moves and Cancel can be pressed; then puts the result
/// (or the failure) on the page. The profile and reading options are those in use when it starts.
pub async fn import_files(controls: Controls, files: Vec<web_sys::File>) {
    match read_and_check(controls, files).await {
        Ok(Some(checked)) => controls.outcome.set(Some(Ok(Arc::new(checked)))),
        // Cancelled: the page stays as it was.
        Ok(None) => {}
        Err(failure) => controls.outcome.set(Some(Err(failure))),
    }
    controls.progress.set(None);
}

/// The work of [`import_files`]; `Ok(None)` when the seller cancelled.
async fn read_and_check(controls: Controls, files: Vec<web_sys::File>) -> Result<Option<Checked>, Failure> {
    let Controls { now, progress, cancelled, .. } = controls;
    let (profile, reading) = (controls.profile.get_untracked(), controls.reading.get_untracked());
    // Lets the browser paint and take input; says whether Cancel was pressed meanwhile.
    let yield_to_page = || async {
        next_task().await;
        cancelled.get_untracked()
    };
    let count = files.len();
    let mut importer = Importer::new(import_options(&profile, reading));
    // One pace for every file: the machine is the same.
    let mut pace = Pace::new();
    for (i, file) in files.into_iter().enumerate() {
        let name = file.name();
        let report = |read, checked| ImportProgress { file: name.clone(), number: i + 1, files: count, read, checked };
        progress.set(Some(report(None, None)));
        let unreadable = |e: String| Failure {
            message: format!("{name} could not be read: {e}"),
            message_zh: format!("{name} 无法读取：{e}"),
            mapping: None,
        };
        // The importer says which bytes it wants next: those after the ones it used, or the
        // file's start again for its next pass.
        let mut reading = importer.open(Some(&name), file.size() as u64);
        let mut slices = Slices::new(file);
        let (mut piece, mut at, mut used) = (Vec::new(), 0.0, 0);
        slices.read(at, &mut piece).await.map_err(unreadable)?;
        loop {
            let step = pace.batch(|rows| {
                let before = reading.progress().rows;
                let step = importer.read_piece(&mut reading, &piece[used..], rows);
                // All the rows it could: the batch ran out of rows, not of bytes (or of a
                // sheet's slice), so its time tells how fast rows go.
                let full = reading.progress().rows - before == rows as u64;
                (step, full)
            })?;
            let next_slice = match step {
                Step::Next(n) => {
                    used += n;
                    (used == piece.len() && !piece.is_empty()).then_some(at + piece.len() as f64)
                }
                Step::FromStart => Some(0.0),
                Step::Done => break,
            };
            if let Some(next) = next_slice {
                (at, used) = (next, 0);
                slices.read(at, &mut piece).await.map_err(unreadable)?;
            }
            progress.set(Some(report(Some(reading.progress()), None)));
            if yield_to_page().await {
                return Ok(None);
            }
        }
    }
    let import = importer.finish();
    let rules = Rules::new(profile).map_err(|e| Failure::from(e.to_string()))?;
    // Checked a batch at a time too, for the same reason, and so are the tracking numbers several
    // orders share, the board's filter counts, the shop metrics, the charts and the urgency order.
    let total = import.orders.len();
    let mut checks = Vec::with_capacity(total);
    let mut shared = SharedTracking::new(total);
    // Checking an order takes another time than reading a row.
    let mut check_pace = Pace::new();
    while checks.len() < total {
        let range = check_pace.batch(|orders| {
            let range = checks.len()..(checks.len() + orders).min(total);
            checks.extend(rules.check_range(&import.orders, range.clone()));
            let full = range.len() == orders;
            (range, full)
        });
        shared.add(&import.orders, range);
        let checked = Some((checks.len(), total));
        progress.set(Some(ImportProgress { file: "orders".into(), number: 1, files: 1, read: None, checked }));
        if yield_to_page().await {
            return Ok(None);
        }
    }
    while shared.mark(&rules, &import.orders, &mut checks, SLICE) {
        if yield_to_page().await {
            return Ok(None);
        }
    }
    // Its maps are as large as the orders are many: their room is for the steps that follow.
    drop(shared);
    let now = now.get_untracked();
    let facets = count_in_slices(&checks, &rules, now, || async { !yield_to_page().await }).await;
    let Some(facets) = facets else { return Ok(None) };
    let mut metrics = MetricsTally::new(&import.orders, &rules, now, MetricWindow::All);
    let mut charts = ChartTally::new(rules.profile.time_zone, now, DAILY_DAYS);
    for slice in checks.chunks(SLICE) {
        metrics.add(slice);
        charts.add(slice);
        if yield_to_page().await {
            return Ok(None);
        }
    }
    let (metrics, charts) = (metrics.finish(), charts.finish());
    let mut urgency = UrgencyOrder::new(&checks);
    while urgency.step(&mut checks, SLICE) {
        if yield_to_page().await {
            return Ok(None);
        }
    }
    let (mut due, mut dispatched) = (DueIndex::default(), Dispatched::default());
    for slice in checks.chunks(SLICE) {
        due.add(slice);
        dispatched.add(slice, &rules);
        if yield_to_page().await {
            return Ok(None);
        }
    }
    let indexed = Indexed { facets, metrics, charts, due: due.finish(), dispatched };
    Ok(Some(Checked::ordered(import, rules, checks, indexed)))
}
