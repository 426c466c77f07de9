//! Benchmark: importing Seller Center exports of 10k, 100k and 1M rows natively, and the full
//! pipeline (import, check, metrics). `cargo bench --no-default-features --bench import` prints
//! the figures; nothing is asserted.
//!
//! The exports come from the project's one generator, `tests/e2e/generate-export.mjs` (run with
//! Node.js, which `scripts/setup.sh` requires), cached in `target/bench-data/`.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use shipcheck::engine::import::Importer;
use shipcheck::engine::{MetricWindow, RuleProfile, Rules, ShopMetrics};

fn export(rows: usize) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
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
        let bytes = export(rows);
        let megabytes = bytes.len() as f64 / 1e6;
        let start = Instant::now();
        let mut importer = Importer::new(profile.import_options());
        let mut reading = importer.open(Some("export.csv"), bytes).unwrap();
        while importer.read_batch(&mut reading, usize::MAX).unwrap() {}
        let import = importer.finish();
        let imported = start.elapsed().as_secs_f64();
        let checks = rules.check_all(&import.orders);
        let metrics = ShopMetrics::compute(&import.orders, &checks, &rules, now, MetricWindow::All);
        let total = start.elapsed().as_secs_f64();
        println!(
            "{rows:>9} rows, {megabytes:6.1} MB: import {:6.0} ms ({:5.0} MB/s), import + check + metrics {:6.0} ms \
             ({:5.0} MB/s); {} orders, late dispatch rate {:.3}",
            imported * 1e3,
            megabytes / imported,
            total * 1e3,
            megabytes / total,
            import.orders.len(),
            metrics.late_dispatch_rate.value.unwrap_or_default()
        );
    }
}
