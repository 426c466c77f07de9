//! `shipcheck tracking`: numbers checked as the page's tracking tool checks them.

use std::io::Write;

use shipcheck_engine::tracking::{check_tracking, FormatMatch, Validity};

use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true, value_name = "NUMBER")]
    numbers: Vec<String>,
    /// The carrier the numbers are said to be of, as an export names it.
    #[arg(long, value_name = "NAME")]
    carrier: Option<String>,
}

/// One line of output; field names are a contract (README).
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

pub fn run(args: Args, out: &mut impl Write) -> Result<(), Failure> {
    for number in &args.numbers {
        let result = check_tracking(number, args.carrier.as_deref());
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
