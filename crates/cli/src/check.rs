//! `shipcheck check`: order exports read, checked and reported, as the page does.

use std::io::Write;

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use shipcheck_engine::import::Encoding;
use shipcheck_engine::pipeline::Pipeline;
use shipcheck_engine::profile::MAX_WINDOW_HOURS;
use shipcheck_engine::timestamp::DateOrder;
use shipcheck_engine::{MetricWindow, ReportOptions, RuleProfile, Zone};

use shipcheck_engine::import::legacy::decode_legacy;

use super::input::{load_profile, moment, read_input};
use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Export files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// A preset ID (see `shipcheck profiles`) or a profile saved as JSON.
    #[arg(long, value_name = "ID|PATH")]
    profile: Option<String>,
    /// The moment to check at, RFC 3339; default: now.
    #[arg(long, value_name = "RFC3339", value_parser = moment)]
    now: Option<DateTime<Utc>>,
    /// The shop metrics over all orders, the last N days (7d), this week (week) or N weeks ago
    /// (week-1 … week-52), Monday to Sunday in the profile's zone.
    #[arg(long, value_name = "all|Nd|week|week-N", default_value = "all")]
    window: String,
    /// The late dispatch rate if every order due within HOURS ships now.
    #[arg(long, value_name = "HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_WINDOW_HOURS)))]
    what_if: u32,
    /// The zone the export's times are in, where the profile's is not (IANA name).
    #[arg(long, value_name = "ZONE", value_parser = zone)]
    time_zone: Option<Zone>,
    /// How the export writes slashed dates, where its values do not say.
    #[arg(long, value_enum)]
    date_order: Option<Order>,
    /// An XLSX workbook's sheet (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The encoding, where detection gets it wrong.
    #[arg(long, value_name = "utf-8|utf-16le|utf-16be|gb18030", value_parser = encoding)]
    encoding: Option<Encoding>,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

/// Slashed dates: month first (`mdy`) or day first (`dmy`).
#[derive(Clone, Copy, ValueEnum)]
enum Order {
    Mdy,
    Dmy,
}

fn zone(name: &str) -> Result<Zone, String> {
    Zone::from_name(name).map_err(|e| e.to_string())
}

fn encoding(label: &str) -> Result<Encoding, String> {
    Encoding::parse(label).ok_or_else(|| "use utf-8, utf-16le, utf-16be or gb18030".to_owned())
}

pub fn run(args: Args, out: &mut impl Write) -> Result<(), Failure> {
    let profile = match &args.profile {
        Some(id) => load_profile(id)?,
        None => RuleProfile::default(),
    };
    let now = args.now.unwrap_or_else(|| std::time::SystemTime::now().into());
    let window = MetricWindow::parse(&args.window, now, &profile.time_zone).ok_or_else(|| {
        Failure(format!(
            "--window {:?}: use all, a number of days from 1 to 366 (7d), week, or week-1 to week-52",
            args.window
        ))
    })?;
    let options = ReportOptions { window, what_if_hours: args.what_if };
    let mut import_options = profile.import_options();
    import_options.time_zone = args.time_zone.unwrap_or(import_options.time_zone);
    import_options.date_order = args.date_order.map(|order| match order {
        Order::Mdy => DateOrder::MonthFirst,
        Order::Dmy => DateOrder::DayFirst,
    });
    import_options.sheet = args.sheet;
    import_options.legacy_decoder = Some(decode_legacy);
    import_options.encoding = args.encoding;
    // Every core: a large file is read in ranges side by side, and the orders checked so; the
    // result is the same as on one.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut pipeline = Pipeline::new(profile, import_options)?;
    for file in &args.files {
        pipeline.read_split(Some(file), &read_input(file)?, threads)?;
    }
    let report = pipeline.run_on(now, threads).report(now, options);
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        Format::Csv => report.write_csv(out)?,
    }
    Ok(())
}
