//! A mutation fuzzer on stable Rust: `make fuzz MINUTES=N` (or `cargo run -p shipcheck-engine
//! --example fuzz --profile fuzz -- MINUTES`).
//!
//! It takes the test fixtures and the hostile corpus (a workbook among them stored, not
//! deflated, so that changed bytes reach its XML), changes them at random (bytes flipped,
//! inserted, removed, repeated, spliced from another file, the file cut short), and reads each
//! variant whole and in pieces of random sizes. A variant fails when a read panics, takes more
//! than 5 s, gives a different result in pieces than whole, or loses a row. Each distinct failure
//! is printed and saved to `tests/hostile/found/`, which the engine's tests read as regression
//! inputs. At the end it prints the executions and the distinct failures.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shipcheck_engine::import::legacy::decode_legacy;
use shipcheck_engine::import::{Import, ImportOptions, Importer, Step};
use shipcheck_engine::Zone;

/// A read slower than this is a failure: the bound every input must meet.
const SLOW: Duration = Duration::from_secs(5);
/// Variants grow no larger than this: hostile sizes are the corpus's job, not the fuzzer's.
const MOST_BYTES: usize = 1 << 20;

fn options() -> ImportOptions {
    ImportOptions { legacy_decoder: Some(decode_legacy), ..ImportOptions::in_zone(Zone::SHANGHAI) }
}

fn whole(bytes: &[u8]) -> Result<Import, String> {
    let mut importer = Importer::new(options());
    importer.read(Some("file"), bytes).map_err(|e| e.to_string())?;
    Ok(importer.finish())
}

fn pieced(bytes: &[u8], random: &mut Random) -> Result<Import, String> {
    let most = if random.below(4) == 0 { 4_096 } else { 64 };
    let mut importer = Importer::new(options());
    let mut reading = importer.open(Some("file"), bytes.len() as u64);
    let mut at = 0;
    loop {
        let end = (at + 1 + random.below(most)).min(bytes.len());
        match importer.read_piece(&mut reading, &bytes[at..end], usize::MAX).map_err(|e| e.to_string())? {
            Step::Next(used) => at += used,
            Step::FromStart => at = 0,
            Step::Done => return Ok(importer.finish()),
        }
    }
}

/// xorshift64*: seeded from the clock, printed, so a run can be repeated.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes the formats give meaning to: mutations favour them.
const TELLING: &[u8] = b"\",;\t\r\n\0<>/=&#PK\x03\x04\xEF\xBB\xBF\xFF\xFE09-:. {}[]e";

fn mutate(seeds: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
    let mut bytes = seeds[random.below(seeds.len())].clone();
    for _ in 0..1 + random.below(8) {
        let len = bytes.len();
        let at = random.below(len + 1);
        match random.below(7) {
            0 if len > 0 => bytes[at.min(len - 1)] ^= 1 << random.below(8),
            1 => bytes.insert(at, TELLING[random.below(TELLING.len())]),
            2 => {
                let end = (at + 1 + random.below(64)).min(len);
                bytes.drain(at.min(end)..end);
            }
            3 if len > 0 => {
                let start = random.below(len);
                let end = (start + 1 + random.below(256)).min(len);
                let copy = bytes[start..end].to_vec();
                for _ in 0..1 + random.below(16) {
                    bytes.splice(at..at, copy.iter().copied());
                }
            }
            4 => {
                let other = &seeds[random.below(seeds.len())];
                let start = random.below(other.len() + 1);
                let end = (start + random.below(512)).min(other.len());
                bytes.splice(at..at, other[start..end].iter().copied());
            }
            5 => bytes.truncate(at),
            _ if len > 0 => bytes[at.min(len - 1)] = TELLING[random.below(TELLING.len())],
            _ => {}
        }
        bytes.truncate(MOST_BYTES);
    }
    bytes
}

/// What is wrong with reading `bytes`, if anything: a short kind, for telling failures apart.
fn failure(bytes: &[u8], random: &mut Random) -> Option<String> {
    let started = Instant::now();
    let expected = match catch_unwind(AssertUnwindSafe(|| whole(bytes))) {
        Ok(result) => result,
        Err(panic) => return Some(format!("panic whole: {}", panic_text(&panic))),
    };
    if started.elapsed() > SLOW {
        return Some("slower than 5 s whole".to_owned());
    }
    if let Ok(import) = &expected {
        if import.rows != import.rows_used + import.skipped.len() as u64 {
            return Some("a row not accounted for".to_owned());
        }
    }
    match catch_unwind(AssertUnwindSafe(|| pieced(bytes, random))) {
        Err(panic) => Some(format!("panic in pieces: {}", panic_text(&panic))),
        Ok(got) if got != expected => Some(first_difference(&got, &expected)),
        Ok(_) => None,
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
    text.unwrap_or_default().chars().take(120).collect()
}

fn first_difference(got: &Result<Import, String>, expected: &Result<Import, String>) -> String {
    let what = match (got, expected) {
        (Ok(got), Ok(expected)) if got.rows != expected.rows => "rows",
        (Ok(got), Ok(expected)) if got.orders != expected.orders => "orders",
        (Ok(got), Ok(expected)) if got.skipped != expected.skipped => "rows not used",
        (Ok(got), Ok(expected)) if got.files != expected.files => "file summaries",
        (Ok(_), Ok(_)) => "notes or columns",
        (Err(_), Err(_)) => "error",
        _ => "a result against an error",
    };
    format!("pieced differs from whole: {what}")
}

fn seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for dir in ["tests/fixtures", "tests/hostile/corpus", "tests/hostile/found"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        paths.sort();
        seeds.extend(paths.iter().map(|p| std::fs::read(p).unwrap()).filter(|b| b.len() <= MOST_BYTES / 4));
    }
    seeds
}

fn main() {
    let minutes: f64 = std::env::args().nth(1).and_then(|m| m.parse().ok()).unwrap_or(1.0);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = seeds(&root);
    let seed = std::env::var("SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    println!("fuzzing {} seed files for {minutes} min (SEED={seed})", seeds.len());
    // Panics are counted, not printed: the hook would print each one.
    std::panic::set_hook(Box::new(|_| {}));
    let mut random = Random(seed);
    let found_dir = root.join("tests/hostile/found");
    let mut failures: BTreeMap<String, usize> = BTreeMap::new();
    let (started, end) = (Instant::now(), Duration::from_secs_f64(minutes * 60.0));
    let mut executions = 0u64;
    while started.elapsed() < end {
        let bytes = mutate(&seeds, &mut random);
        executions += 1;
        if let Some(kind) = failure(&bytes, &mut random) {
            let seen = failures.entry(kind.clone()).or_insert(0);
            *seen += 1;
            if *seen == 1 {
                std::fs::create_dir_all(&found_dir).unwrap();
                let name = format!("{:016x}.bin", random.next());
                std::fs::write(found_dir.join(&name), &bytes).unwrap();
                println!("new failure: {kind} (tests/hostile/found/{name})");
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{executions} executions in {seconds:.0} s ({:.0}/s), {} distinct failures",
        executions as f64 / seconds,
        failures.len()
    );
    for (kind, count) in &failures {
        println!("  {count:>6} × {kind}");
    }
}
