//! Benchmark: importing Seller Center exports of 10k, 100k and 1M rows natively, and the full
//! pipeline (import, check, metrics). `cargo bench --no-default-features --bench import` prints
//! the figures; nothing is asserted. Memory is counted by a wrapper around the system allocator:
//! what is live once the import is done and once the orders are checked, and the most that was
//! live at once, the export's own bytes included (the browser's WASM memory never shrinks, so
//! that peak is what a page is left holding).
//!
//! The exports come from the project's one generator, `tests/e2e/generate-export.mjs` (run with
//! Node.js, which `scripts/setup.sh` requires), cached in `target/bench-data/`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::{TimeZone, Utc};
use shipcheck_engine::import::Importer;
use shipcheck_engine::{MetricWindow, RuleProfile, Rules, ShopMetrics};

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

fn main() {
    let profile = RuleProfile::us_local();
    let rules = Rules::new(profile.clone()).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
    for rows in [10_000, 100_000, 1_000_000] {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let bytes = export(rows);
        let file_megabytes = megabytes(bytes.len());
        // A floor for any import: only splitting the rows into cells, as the csv crate does.
        let start = Instant::now();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes.as_slice());
        let mut record = csv::ByteRecord::new();
        let mut records = 0;
        while reader.read_byte_record(&mut record).unwrap() {
            records += 1;
        }
        let split = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let mut importer = Importer::new(profile.import_options());
        importer.read(Some("export.csv"), &bytes).unwrap();
        drop(bytes);
        let import = importer.finish();
        let imported = start.elapsed().as_secs_f64();
        let imported_live = LIVE.load(Ordering::Relaxed) - before;
        let checks = rules.check_all(&import.orders);
        let checked_live = LIVE.load(Ordering::Relaxed) - before;
        let metrics = ShopMetrics::compute(&import.orders, &checks, &rules, now, MetricWindow::All);
        let total = start.elapsed().as_secs_f64();
        let peak = PEAK.load(Ordering::Relaxed) - before;
        println!(
            "{rows:>9} rows, {file_megabytes:6.1} MB: import {:6.0} ms ({:5.0} MB/s), import + check + metrics {:6.0} ms \
             ({:5.0} MB/s); {} orders, late dispatch rate {:.3}",
            imported * 1e3,
            file_megabytes / imported,
            total * 1e3,
            file_megabytes / total,
            import.orders.len(),
            metrics.late_dispatch_rate.value.unwrap_or_default()
        );
        println!(
            "{:>9}  cells alone (csv crate, {records} records): {:6.0} ms ({:5.0} MB/s)",
            "",
            split * 1e3,
            file_megabytes / split
        );
        println!(
            "{:>9}  memory: {:6.0} MB live after import, {:6.0} MB after check, {:6.0} MB at most (file included)",
            "",
            megabytes(imported_live),
            megabytes(checked_live),
            megabytes(peak)
        );
        drop((import, checks, metrics));
    }
}
