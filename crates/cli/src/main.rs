//! `shipcheck`: the engine on the command line, for scripts, CI jobs and sellers who live in a
//! terminal. It reads the same exports and prints the same report as the browser app.
//!
//! Exit status: 0 when the command ran, whatever it found; 2 when the arguments or the input make
//! it impossible, with the reason on stderr (control characters escaped, so a hostile file name
//! or cell cannot drive the terminal).

mod appeal;
mod calendar;
mod check;
mod input;
mod orders;
mod tracking;
mod upload;

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use shipcheck_engine::RuleProfile;

/// TikTok Shop shipping checks: deadlines, tracking numbers and shop metrics from order exports.
#[derive(Parser)]
#[command(name = "shipcheck", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check order exports (CSV/TSV, XLSX, JSON with Seller Center headers or Open API fields; `-`
    /// reads stdin) and print the report.
    Check(check::Args),
    /// Write the open dispatch deadlines as an iCalendar file (.ics) on stdout: one event per
    /// deadline, with reminders before it; Google, Apple and Outlook calendars import it.
    Calendar(calendar::Args),
    /// Write the appeal pack as CSV on stdout: per order, the rule version, the paid, deadline,
    /// hand-over, first-scan and delivery times with their offset, the carrier and number, the
    /// findings and a note.
    Appeal(appeal::Args),
    /// Check a bulk tracking upload against the order exports before sending it to Seller
    /// Center: one JSON object per row, or the corrected file (--format csv).
    UploadCheck(upload::Args),
    /// Check tracking numbers (format, check digit, carrier); one JSON object per line.
    Tracking(tracking::Args),
    /// List the built-in rule profiles and their dated versions.
    Profiles,
    /// Print one built-in profile as JSON: every version, or with --as-of only the version in
    /// effect on that day (edit it and pass the file to --profile: it then judges every order).
    Profile {
        id: String,
        /// The day whose version to print, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        as_of: Option<NaiveDate>,
    },
}

/// Why a command could not run; printed on stderr with exit status 2.
pub struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Buffered: a report is millions of lines for a million orders, and standard output
    // otherwise writes each line as it ends.
    let mut out = io::BufWriter::new(io::stdout().lock());
    match run(cli.command, &mut out).and_then(|()| out.flush().map_err(Failure::from)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("shipcheck: {}", input::printable(&message));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, out: &mut impl Write) -> Result<(), Failure> {
    match command {
        Command::Check(args) => check::run(args, out),
        Command::Calendar(args) => calendar::run(args, out),
        Command::Appeal(args) => appeal::run(args, out),
        Command::UploadCheck(args) => upload::run(args, out),
        Command::Tracking(args) => tracking::run(args, out),
        Command::Profiles => {
            for profile in RuleProfile::presets() {
                writeln!(out, "{}\t{}", profile.id, profile.name)?;
                for version in &profile.versions {
                    writeln!(out, "\tfrom {}\t{}", version.effective_from, version.source)?;
                }
            }
            Ok(())
        }
        Command::Profile { id, as_of } => {
            let mut profile = RuleProfile::preset(&id).ok_or_else(|| input::unknown_profile(&id))?;
            if let Some(date) = as_of {
                profile = profile.pinned_on(date);
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&profile)?)?;
            Ok(())
        }
    }
}
