//! `shipcheck`: the engine on the command line, for scripts, CI jobs and sellers who live in a
//! terminal. It reads the same exports and prints the same report as the browser app.
//!
//! Exit status: 0 when the check ran, whatever it found; 2 when the arguments or the input make a
//! check impossible, with the reason on stderr.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use shipcheck_engine::import::Encoding;
use shipcheck_engine::import::TextDecode;
use shipcheck_engine::pipeline::Pipeline;
use shipcheck_engine::timestamp::DateOrder;
use shipcheck_engine::tracking::{check_tracking, FormatMatch, Validity};
use shipcheck_engine::{MetricWindow, ReportOptions, RuleProfile, Zone};

const USAGE: &str = "\
usage:
  shipcheck check FILE... [--profile ID|PATH] [--now RFC3339] [--window all|Nd|week|week-N]
                         [--what-if HOURS] [--time-zone ZONE] [--date-order mdy|dmy]
                         [--sheet NAME] [--encoding utf-8|utf-16le|utf-16be|gb18030]
                         [--format json|csv]
      Check order exports (CSV/TSV, XLSX, JSON with Seller Center headers or Open API fields;
      `-` reads stdin). --sheet picks an XLSX workbook's sheet (default: the first).
      --window limits the shop metrics to the last N days, this week or N weeks ago
      (Monday to Sunday in the profile's zone);
      --what-if HOURS (default 24) projects the late dispatch rate if every order due
      within HOURS ships now; --time-zone and --date-order override how the export's
      times are read (the profile's zone; slashed dates decided per column).
  shipcheck tracking NUMBER... [--carrier NAME]
      Check tracking numbers (format, check digit, carrier); one JSON object per line.
  shipcheck profiles
      List the built-in rule profiles and their dated versions.
  shipcheck profile ID [--as-of YYYY-MM-DD]
      Print one built-in profile as JSON, every version, or with --as-of only the version in
      effect on that day (edit it and pass the file to --profile: it then judges every order).";

/// Why the command could not run; printed on stderr with exit status 2.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    match run(&args, &mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("shipcheck: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String], out: &mut impl Write) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..], out),
        Some("tracking") => tracking(&args[1..], out),
        Some("profiles") => {
            for profile in RuleProfile::presets() {
                writeln!(out, "{}\t{}", profile.id, profile.name)?;
                for version in &profile.versions {
                    writeln!(out, "\tfrom {}\t{}", version.effective_from, version.source)?;
                }
            }
            Ok(())
        }
        Some("profile") => profile(&args[1..], out),
        Some("help" | "--help" | "-h") => {
            writeln!(out, "{USAGE}")?;
            Ok(())
        }
        _ => Err(Failure(USAGE.to_owned())),
    }
}

/// `profile ID [--as-of DATE]`: a preset whole, or the version in effect on a day.
fn profile(args: &[String], out: &mut impl Write) -> Result<(), Failure> {
    let (id, as_of) = match args {
        [id] => (id, None),
        [id, flag, date] if flag == "--as-of" => {
            let date = date
                .parse::<NaiveDate>()
                .map_err(|_| Failure(format!("--as-of {date:?}: give a date as YYYY-MM-DD")))?;
            (id, Some(date))
        }
        _ => return Err(Failure(format!("profile takes one ID, and optionally --as-of DATE\n{USAGE}"))),
    };
    let mut profile = RuleProfile::preset(id).ok_or_else(|| unknown_profile(id))?;
    if let Some(date) = as_of {
        profile = profile.pinned_on(date);
    }
    writeln!(out, "{}", serde_json::to_string_pretty(&profile)?)?;
    Ok(())
}

#[derive(Clone, Copy)]
enum Format {
    Json,
    Csv,
}

fn check(args: &[String], out: &mut impl Write) -> Result<(), Failure> {
    let mut files = Vec::new();
    let mut profile = RuleProfile::default();
    let mut now: DateTime<Utc> = std::time::SystemTime::now().into();
    let mut format = Format::Json;
    let mut options = ReportOptions::default();
    let mut time_zone = None;
    let mut date_order = None;
    let mut sheet = None;
    let mut encoding = None;
    let mut window = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| Failure(format!("{arg} needs a value\n{USAGE}")));
        match arg.as_str() {
            "--profile" => profile = load_profile(value()?)?,
            "--now" => {
                let text = value()?;
                now = DateTime::parse_from_rfc3339(text)
                    .map_err(|e| Failure(format!("--now {text:?} is not an RFC 3339 time: {e}")))?
                    .with_timezone(&Utc);
            }
            "--window" => window = Some(value()?.clone()),
            "--time-zone" => time_zone = Some(Zone::from_name(value()?)?),
            "--sheet" => sheet = Some(value()?.clone()),
            "--encoding" => {
                let label = value()?;
                encoding = Some(Encoding::parse(label).ok_or_else(|| {
                    Failure(format!("--encoding {label:?}: use utf-8, utf-16le, utf-16be or gb18030"))
                })?)
            }
            "--date-order" => {
                date_order = Some(match value()?.as_str() {
                    "mdy" => DateOrder::MonthFirst,
                    "dmy" => DateOrder::DayFirst,
                    other => return Err(Failure(format!("--date-order {other:?}: use mdy or dmy"))),
                })
            }
            "--what-if" => {
                let text = value()?;
                options.what_if_hours =
                    text.parse().map_err(|_| Failure(format!("--what-if {text:?}: give a whole number of hours")))?;
            }
            "--format" => {
                format = match value()?.as_str() {
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => return Err(Failure(format!("--format {other:?}: use json or csv"))),
                }
            }
            flag if flag.starts_with("--") => return Err(Failure(format!("unknown option {flag}\n{USAGE}"))),
            file => files.push(file.to_owned()),
        }
    }
    if files.is_empty() {
        return Err(Failure(format!("check needs at least one FILE (or - for stdin)\n{USAGE}")));
    }
    if let Some(text) = window {
        options.window = MetricWindow::parse(&text, now, &profile.time_zone).ok_or_else(|| {
            Failure(format!(
                "--window {text:?}: use all, a number of days from 1 to 366 (7d), week, or week-1 to week-52"
            ))
        })?;
    }

    let mut import_options = profile.import_options();
    import_options.time_zone = time_zone.unwrap_or(import_options.time_zone);
    import_options.date_order = date_order;
    import_options.sheet = sheet;
    import_options.legacy_decoder = Some(decode_legacy);
    import_options.encoding = encoding;
    // Every core: a large file is read in ranges side by side, and the orders checked so; the
    // result is the same as on one.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut pipeline = Pipeline::new(profile, import_options)?;
    for file in &files {
        pipeline.read_split(Some(file), &read_input(file)?, threads)?;
    }
    let report = pipeline.run_on(now, threads).report(now, options);
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        Format::Csv => report.write_csv(out)?,
    }
    Ok(())
}

/// One line of `shipcheck tracking` output; field names are a contract (README).
#[derive(serde::Serialize)]
struct TrackingLine<'a> {
    input: &'a str,
    /// `null` for a number no known format describes.
    valid: Option<bool>,
    carrier: Option<&'a str>,
    format: Option<&'a str>,
    reason: Option<&'a str>,
    /// `reason` in Chinese.
    reason_zh: Option<&'a str>,
    normalized: &'a str,
    /// Every carrier and format the number is valid in.
    matches: &'a [FormatMatch],
}

fn tracking(args: &[String], out: &mut impl Write) -> Result<(), Failure> {
    let mut numbers = Vec::new();
    let mut carrier = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--carrier" => {
                carrier = Some(args.next().ok_or_else(|| Failure(format!("--carrier needs a name\n{USAGE}")))?)
            }
            flag if flag.starts_with("--") => return Err(Failure(format!("unknown option {flag}\n{USAGE}"))),
            number => numbers.push(number),
        }
    }
    if numbers.is_empty() {
        return Err(Failure(format!("tracking needs at least one NUMBER\n{USAGE}")));
    }
    for number in numbers {
        let result = check_tracking(number, carrier.map(String::as_str));
        let line = TrackingLine {
            input: &result.input,
            valid: match result.validity {
                Validity::Valid => Some(result.fits_carrier != Some(false)),
                Validity::Invalid => Some(false),
                Validity::Unknown => None,
            },
            carrier: result.carrier(),
            format: result.format().map(|m| m.format.as_ref()),
            reason: result.reason.as_deref(),
            reason_zh: result.reason_zh.as_deref(),
            normalized: &result.normalized,
            matches: &result.matches,
        };
        writeln!(out, "{}", serde_json::to_string(&line)?)?;
    }
    Ok(())
}

/// GB18030 and other legacy encodings, by their WHATWG label, through encoding_rs.
fn decode_legacy(label: &str) -> Option<Box<dyn TextDecode>> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    Some(Box::new(LegacyText(encoding.new_decoder_without_bom_handling())))
}

/// encoding_rs, a piece at a time: a character cut by the end of a piece waits in the decoder.
struct LegacyText(encoding_rs::Decoder);

impl TextDecode for LegacyText {
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
        let Some(room) = self.0.max_utf8_buffer_length_without_replacement(bytes.len()) else { return false };
        let start = text.len();
        text.resize(start + room, 0);
        let (result, _, written) = self.0.decode_to_utf8_without_replacement(bytes, &mut text[start..], last);
        text.truncate(start + written);
        result == encoding_rs::DecoderResult::InputEmpty
    }
}

fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(file).map_err(|e| Failure(format!("{file}: {e}")))?;
    }
    Ok(bytes)
}

/// A preset ID, or the path of a profile saved as JSON.
fn load_profile(id_or_path: &str) -> Result<RuleProfile, Failure> {
    if let Some(preset) = RuleProfile::preset(id_or_path) {
        return Ok(preset);
    }
    let text = std::fs::read_to_string(id_or_path).map_err(|_| unknown_profile(id_or_path))?;
    shipcheck_engine::settings::parse_profile(&text)
        .map_err(|e| Failure(format!("{id_or_path}: not a rule profile ShipCheck can use: {e}")))
}

fn unknown_profile(id: &str) -> Failure {
    let ids: Vec<String> = RuleProfile::presets().into_iter().map(|p| p.id).collect();
    Failure(format!("no preset or profile file {id:?}; presets: {}", ids.join(", ")))
}
