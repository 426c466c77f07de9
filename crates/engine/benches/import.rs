//! Benchmark: the whole pipeline over Seller Center exports of 10k, 100k and 1M rows natively
//! (import; check; then shared tracking numbers, metrics, weeks, charts, urgency order and due
//! index), beside the floor of any import: the csv crate splitting the same bytes into records.
//! `cargo bench -p shipcheck-engine --bench import` prints the figures; nothing is asserted.
//! Each is the median of `RUNS` runs (5 unless told), with the fastest and slowest beside it:
//! one run of the same code moved by a third from one to the next on a 2-core machine, too
//! much to compare two versions by. Memory is counted by a wrapper around the system allocator:
//! what is live once the import is done and once the orders are checked, and the most that was
//! live at once, the export's own bytes included (the browser's WASM memory never shrinks, so
//! that peak is what a page is left holding).
//!
//! The exports come from the project's one generator, `tests/e2e/generate-export.mjs` (run with
//! Node.js, which `scripts/setup.sh` requires), cached in `target/bench-data/`; the same rows as
//! XLSX workbooks from `tests/e2e/export-formats.mjs` (texts as shared strings, then inline),
//! read the same way, print what a workbook costs beside its rows as CSV (`XLSX=0` leaves them
//! out).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use shipcheck_engine::pipeline::Pipeline;
use shipcheck_engine::RuleProfile;

/// The system allocator, counting the bytes live and the most ever live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
        PEAK.fetch_max(live, Ordering::Relaxed);
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn megabytes(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// A configuration's seconds over several runs: the median run's whole time and its first
/// step (the import), and the fastest and slowest whole times.
struct Timed {
    total: f64,
    first_step: f64,
    fastest: f64,
    slowest: f64,
}

impl Timed {
    /// Runs `run` (which answers its whole and first-step seconds) `RUNS` times.
    fn runs(mut run: impl FnMut() -> (f64, f64)) -> Timed {
        let count = std::env::var("RUNS").map_or(5, |runs| runs.parse().expect("RUNS=5"));
        let mut times: Vec<(f64, f64)> = (0..count.max(1)).map(|_| run()).collect();
        times.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (total, first_step) = times[times.len() / 2];
        Timed { total, first_step, fastest: times[0].0, slowest: times[times.len() - 1].0 }
    }

    /// "263 ms [250–300]": the median, then the fastest and slowest, in milliseconds.
    fn describe(&self) -> String {
        format!("{:6.0} ms [{:.0}–{:.0}]", self.total * 1e3, self.fastest * 1e3, self.slowest * 1e3)
    }
}

fn export(rows: usize) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(format!("target/bench-data/export-{rows}.csv"));
    if !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let output = Command::new("node")
            .arg(root.join("tests/e2e/generate-export.mjs"))
            .arg(rows.to_string())
            .output()
            .expect("node runs the generator");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::write(&path, output.stdout).unwrap();
    }
    std::fs::read(path).unwrap()
}

/// How a workbook holds its texts: as shared strings (as Excel writes them) or inline in each
/// cell (as the repository's Seller Center fixture has them).
#[derive(Clone, Copy)]
enum Texts {
    Shared,
    Inline,
}

impl Texts {
    /// The words printed, the file's ending and the generator's function.
    fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Texts::Shared => ("shared strings", "xlsx", "writeXlsx"),
            Texts::Inline => ("inline strings", "inline.xlsx", "writeInlineXlsx"),
        }
    }
}

/// The same rows as an XLSX workbook, as Seller Center downloads them by default, its texts held
/// as `texts` says.
fn workbook(rows: usize, texts: Texts) -> Vec<u8> {
    let (_, ending, writer) = texts.describe();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(format!("target/bench-data/export-{rows}.{ending}"));
    if !path.exists() {
        let formats = root.join("tests/e2e/export-formats.mjs");
        let script = format!(
            "import({:?}).then((m) => m.{writer}({rows}, {:?}))",
            formats.to_string_lossy(),
            path.to_string_lossy()
        );
        let output = Command::new("node").args(["--input-type=module", "-e", &script]).output().expect("node runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    std::fs::read(path).unwrap()
}

/// The pipeline over the workbook of `rows`, on one thread, beside `csv_seconds` for its rows as CSV.
fn run_workbook(profile: &RuleProfile, rows: usize, texts: Texts, csv_seconds: f64) {
    let bytes = workbook(rows, texts);
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let mut orders = 0;
    let timed = Timed::runs(|| {
        let start = Instant::now();
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read(Some("export.xlsx"), &bytes).unwrap();
        let checking = pipeline.checking();
        let imported = start.elapsed().as_secs_f64();
        let result = checking.finish_on(now, 1);
        black_box(result.figures());
        orders = result.checks.len();
        (start.elapsed().as_secs_f64(), imported)
    });
    println!(
        "{:>9} as XLSX of {}, {:5.1} MB: pipeline {} ({:5.1} MB/s of workbook) = import {:5.0} + the rest \
         {:5.0}; {:4.1}× the same rows as CSV; {orders} orders",
        "",
        texts.describe().0,
        megabytes(bytes.len()),
        timed.describe(),
        megabytes(bytes.len()) / timed.total,
        timed.first_step * 1e3,
        (timed.total - timed.first_step) * 1e3,
        timed.total / csv_seconds,
    );
}

fn main() {
    let profile = RuleProfile::us_local();
    let sizes: Vec<usize> = match std::env::var("ROWS") {
        Ok(rows) => rows.split(',').map(|n| n.trim().parse().expect("ROWS=10000,100000")).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    };
    for rows in sizes {
        let bytes = export(rows);
        println!("{rows:>9} rows, {:6.1} MB:", megabytes(bytes.len()));
        // The floor of any import: only splitting the rows into cells, as the csv crate does.
        let mut records = 0;
        let floor = Timed::runs(|| {
            let start = Instant::now();
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.as_slice());
            let mut record = csv::ByteRecord::new();
            records = 0;
            while reader.read_byte_record(&mut record).unwrap() {
                records += 1;
            }
            let seconds = start.elapsed().as_secs_f64();
            (seconds, seconds)
        });

        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let one_thread = run(&profile, &bytes, 1, &floor, records);
        if threads > 1 {
            run(&profile, &bytes, threads, &floor, records);
        }
        drop(bytes);
        if std::env::var("XLSX").as_deref() != Ok("0") {
            for texts in [Texts::Shared, Texts::Inline] {
                run_workbook(&profile, rows, texts, one_thread);
            }
        }
    }
}

/// The pipeline over `bytes` on `threads` threads, timed step by step, beside the `floor`; its
/// median seconds.
fn run(profile: &RuleProfile, bytes: &[u8], threads: usize, floor: &Timed, records: usize) -> f64 {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let file_megabytes = megabytes(bytes.len());
    // Memory is the same run after run: the last one's is printed.
    let (mut imported_live, mut checked_live, mut peak, mut orders) = (0, 0, 0, 0);
    let timed = Timed::runs(|| {
        // Counted beside the file, which the benchmark holds whole (a browser reads it from disk).
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read_split(Some("export.csv"), bytes, threads).unwrap();
        let checking = pipeline.checking();
        let imported = start.elapsed().as_secs_f64();
        imported_live = LIVE.load(Ordering::Relaxed) - before;
        // With the figures a page or a report asks for next.
        let result = checking.finish_with_figures(now, threads);
        black_box(result.figures());
        let total = start.elapsed().as_secs_f64();
        checked_live = LIVE.load(Ordering::Relaxed) - before;
        peak = PEAK.load(Ordering::Relaxed) - before;
        orders = result.checks.len();
        (total, imported)
    });
    println!(
        "{:>9} {threads} thread{}: pipeline {} ({:4.0} MB/s) = import {:5.0} + check and the rest {:5.0}; \
         csv crate alone {} ({:4.0} MB/s): the pipeline runs at {:4.1} % of it",
        "",
        if threads == 1 { " " } else { "s" },
        timed.describe(),
        file_megabytes / timed.total,
        timed.first_step * 1e3,
        (timed.total - timed.first_step) * 1e3,
        floor.describe(),
        file_megabytes / floor.total,
        floor.total / timed.total * 100.0
    );
    println!(
        "{:>9}  memory besides the file's {file_megabytes:.0} MB: {:5.0} MB after import, {:5.0} MB after check \
         ({:4.0} bytes per order), {:5.0} MB at most; {records} records, {orders} orders",
        "",
        megabytes(imported_live),
        megabytes(checked_live),
        checked_live as f64 / orders.max(1) as f64,
        megabytes(peak)
    );
    timed.total
}
