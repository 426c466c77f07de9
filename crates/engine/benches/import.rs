//! Benchmark: the whole pipeline over Seller Center exports of 10k, 100k and 1M rows natively
//! (import; check; then shared tracking numbers, metrics, weeks, charts, urgency order and due
//! index), beside the floor of any import: the csv crate splitting the same bytes into records.
//! `cargo bench -p shipcheck-engine --bench import` prints the figures; nothing is asserted. Memory is counted by a wrapper around the system allocator:
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
    let start = Instant::now();
    let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
    pipeline.read(Some("export.xlsx"), &bytes).unwrap();
    let checking = pipeline.checking();
    let imported = start.elapsed().as_secs_f64();
    let orders = checking.finish_on(now, 1).checks.len();
    let total = start.elapsed().as_secs_f64();
    println!(
        "{:>9} as XLSX of {}, {:5.1} MB: pipeline {:6.0} ms ({:5.1} MB/s of workbook) = import {:5.0} + the rest \
         {:5.0}; {:4.1}× the same rows as CSV; {orders} orders",
        "",
        texts.describe().0,
        megabytes(bytes.len()),
        total * 1e3,
        megabytes(bytes.len()) / total,
        imported * 1e3,
        (total - imported) * 1e3,
        total / csv_seconds,
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
        let start = Instant::now();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.as_slice());
        let mut record = csv::ByteRecord::new();
        let mut records = 0;
        while reader.read_byte_record(&mut record).unwrap() {
            records += 1;
        }
        let floor = start.elapsed().as_secs_f64();

        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let one_thread = run(&profile, &bytes, 1, floor, records);
        if threads > 1 {
            run(&profile, &bytes, threads, floor, records);
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
/// seconds.
fn run(profile: &RuleProfile, bytes: &[u8], threads: usize, floor: f64, records: usize) -> f64 {
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    let file_megabytes = megabytes(bytes.len());
    // Counted beside the file, which the benchmark holds whole (a browser reads it from disk).
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
    pipeline.read_split(Some("export.csv"), bytes, threads).unwrap();
    let checking = pipeline.checking();
    let imported = start.elapsed().as_secs_f64();
    let imported_live = LIVE.load(Ordering::Relaxed) - before;
    let result = checking.finish_on(now, threads);
    let total = start.elapsed().as_secs_f64();
    let checked_live = LIVE.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let orders = result.checks.len();
    println!(
        "{:>9} {threads} thread{}: pipeline {:6.0} ms ({:4.0} MB/s) = import {:5.0} + check and the rest {:5.0}; \
         csv crate alone {:5.0} ms ({:4.0} MB/s): the pipeline runs at {:4.1} % of it",
        "",
        if threads == 1 { " " } else { "s" },
        total * 1e3,
        file_megabytes / total,
        imported * 1e3,
        (total - imported) * 1e3,
        floor * 1e3,
        file_megabytes / floor,
        floor / total * 100.0
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
    drop(result);
    total
}
