//! `shipcheck appeal`: the appeal pack as CSV, for the orders named or for every order, as the
//! page's "Appeal pack (CSV)" writes it. The seller's notes live in their browser; here a note is
//! given on the command line, per order.

use std::io::Write;

use shipcheck_engine::appeal::{write_appeal_csv, AppealLine};
use shipcheck_engine::marks::{Mark, Marks};
use shipcheck_engine::OrderCheck;

use super::orders::Orders;
use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Export files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    #[command(flatten)]
    orders: Orders,
    /// An order to put in the pack (default: every order, most urgent first); once per order.
    #[arg(long = "order", value_name = "ORDER_ID")]
    order_ids: Vec<String>,
    /// The seller's note on an order, written beside it; once per order.
    #[arg(long, value_name = "ORDER_ID=TEXT", value_parser = note)]
    note: Vec<(String, String)>,
    /// Findings in Chinese.
    #[arg(long)]
    chinese: bool,
}

fn note(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((id, note)) if !id.trim().is_empty() => Ok((id.trim().to_owned(), note.to_owned())),
        _ => Err("write ORDER_ID=TEXT".to_owned()),
    }
}

pub fn run(args: Args, out: &mut impl Write) -> Result<(), Failure> {
    let profile = args.orders.profile()?;
    let now = args.orders.now();
    let checked = args.orders.check(&args.files, profile)?;
    let marks = Marks::new(args.note.into_iter().map(|(id, note)| (id, Mark { note, ..Mark::default() })).collect());
    let line =
        |check: &OrderCheck| AppealLine::new(check, checked.order_of(check), &checked.rules, &marks, now, args.chinese);
    if args.order_ids.is_empty() {
        // Every order's line written as it is made, never held all at once.
        write_appeal_csv(checked.most_urgent_first().map(line), out)?;
        return Ok(());
    }
    let mut lines = Vec::new();
    for id in &args.order_ids {
        let check = checked.checks.iter().find(|check| *checked.order_of(check).id == **id);
        lines.push(line(check.ok_or_else(|| Failure::from(format!("no order {id} in the files")))?));
    }
    write_appeal_csv(lines, out)?;
    Ok(())
}
