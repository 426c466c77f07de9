//! `shipcheck check`: order exports read, checked and reported, as the page does.

use std::io::Write;

use shipcheck_engine::profile::MAX_WINDOW_HOURS;
use shipcheck_engine::report::{write_orders_csv, OrderReports};
use shipcheck_engine::{MetricWindow, ReportOptions};

use super::orders::{Format, Orders};
use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Export files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    #[command(flatten)]
    orders: Orders,
    /// The shop metrics over all orders, the last N days (7d), this week (week) or N weeks ago
    /// (week-1 … week-52), Monday to Sunday in the profile's zone.
    #[arg(long, value_name = "all|Nd|week|week-N", default_value = "all")]
    window: String,
    /// The late dispatch rate if every order due within HOURS ships now.
    #[arg(long, value_name = "HOURS", default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_WINDOW_HOURS)))]
    what_if: u32,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
}

pub fn run(args: Args, out: &mut impl Write) -> Result<(), Failure> {
    let profile = args.orders.profile()?;
    let now = args.orders.now();
    let window = MetricWindow::parse(&args.window, now, &profile.time_zone).ok_or_else(|| {
        Failure(format!(
            "--window {:?}: use all, a number of days from 1 to 366 (7d), week, or week-1 to week-52",
            args.window
        ))
    })?;
    let options = ReportOptions { window, what_if_hours: args.what_if };
    // A report over every order shows the figures of a check at its own moment.
    let checked = if window == MetricWindow::All {
        args.orders.check_with_figures(&args.files, profile, now)?
    } else {
        args.orders.check(&args.files, profile)?
    };
    // Written as it is made, each order's part in turn, never held whole.
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &checked.report(now, options))?;
            writeln!(out)?;
        }
        Format::Csv => write_orders_csv(OrderReports::most_urgent_first(&checked, now).lines(), out)?,
    }
    Ok(())
}
