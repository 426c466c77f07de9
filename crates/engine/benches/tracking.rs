//! Benchmark: validating a million tracking numbers, natively.
//! `cargo bench --no-default-features --bench tracking` prints the figures; nothing is asserted.

use std::hint::black_box;
use std::time::Instant;

use shipcheck_engine::tracking::carriers::carrier_info;
use shipcheck_engine::tracking::{check_tracking, verdict, Validity};

const NUMBERS: usize = 1_000_000;

/// A mix a seller's export has: UPS, USPS, S10 and YunExpress numbers, some mistyped, some of
/// no known format, with spaces and lower case here and there.
fn numbers() -> Vec<(String, &'static str)> {
    const SAMPLES: [(&str, &str); 8] = [
        ("1Z999AA10123456784", "UPS"),
        ("9400 1000 0000 0000 0000 00", "USPS"),
        ("LX123456785CN", "China Post"),
        ("lx123456780cn", "China Post"),
        ("YT2432100012345678", "YunExpress"),
        ("986578788855", "FedEx"),
        ("4PX3000123456789CN", "4PX"),
        ("ZZ-99-ABC", "Bob's Couriers"),
    ];
    (0..NUMBERS).map(|i| (SAMPLES[i % SAMPLES.len()].0.to_owned(), SAMPLES[i % SAMPLES.len()].1)).collect()
}

fn main() {
    let numbers = numbers();
    // The verdict alone, with carriers looked up once (as an order check does).
    let carriers: Vec<_> = numbers.iter().map(|(_, name)| carrier_info(name)).collect();
    let start = Instant::now();
    let valid = numbers
        .iter()
        .zip(&carriers)
        .filter(|((number, _), carrier)| black_box(verdict(number, **carrier)).validity == Validity::Valid)
        .count();
    let elapsed = start.elapsed();
    println!(
        "{NUMBERS} verdicts with their carrier: {:.0} ms ({:.2} M numbers/s), {valid} valid",
        elapsed.as_secs_f64() * 1e3,
        NUMBERS as f64 / elapsed.as_secs_f64() / 1e6
    );
    // The full report per number, as `shipcheck tracking` prints it.
    for named in [false, true] {
        let start = Instant::now();
        let mut valid = 0;
        for (number, carrier) in &numbers {
            let result = black_box(check_tracking(number, named.then_some(*carrier)));
            valid += usize::from(result.validity == Validity::Valid);
        }
        let elapsed = start.elapsed();
        println!(
            "{NUMBERS} full reports{}: {:.0} ms ({:.2} M numbers/s), {valid} valid",
            if named { " with their carrier" } else { "" },
            elapsed.as_secs_f64() * 1e3,
            NUMBERS as f64 / elapsed.as_secs_f64() / 1e6
        );
    }
}
