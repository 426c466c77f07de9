//! `shipcheck calendar`: the open dispatch deadlines as an iCalendar file, with alarms, as the
//! page's Calendar button makes it.

use std::io::Write;

use shipcheck_engine::reminders::{dispatch_calendar, parse_leads};

use super::orders::Orders;
use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Export files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    #[command(flatten)]
    orders: Orders,
    /// When to be reminded before each deadline, in hours: at most 8, each up to 168.
    #[arg(long, value_name = "24h,12h,4h", default_value = "24h,12h,4h", value_parser = leads)]
    lead: Leads,
}

/// Lead times in hours, largest first.
#[derive(Clone)]
struct Leads(Vec<u32>);

fn leads(text: &str) -> Result<Leads, String> {
    parse_leads(text).map(Leads)
}

pub fn run(args: Args, out: &mut impl Write) -> Result<(), Failure> {
    let profile = args.orders.profile()?;
    let now = args.orders.now();
    let checked = args.orders.check(&args.files, profile)?;
    let zone = &checked.rules.profile.time_zone;
    let checks = checked.most_urgent_first().map(|check| (check, checked.order_of(check)));
    out.write_all(dispatch_calendar(checks, now, zone, &args.lead.0, false).as_bytes())?;
    Ok(())
}
