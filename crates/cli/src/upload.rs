//! `shipcheck upload-check`: the bulk tracking upload checked against the orders before it is
//! sent, as the page's upload check does.

use std::io::Write;

use shipcheck_engine::upload_check::check_upload;

use super::input::read_input;
use super::orders::{Format, Orders};
use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// The file about to be uploaded to Seller Center (CSV, TSV or XLSX): Order ID, Tracking ID,
    /// Shipping Provider.
    #[arg(value_name = "UPLOAD")]
    upload: String,
    /// The order exports to check it against; `-` reads standard input.
    #[arg(long = "orders", required = true, num_args = 1.., value_name = "EXPORT")]
    exports: Vec<String>,
    #[command(flatten)]
    orders: Orders,
    /// `json`: one object per row; `csv`: the rows ready to upload in the template, then the rows
    /// to fix.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
}

pub fn run(args: Args, out: &mut impl Write) -> Result<(), Failure> {
    let profile = args.orders.profile()?;
    let now = args.orders.now();
    let checked = args.orders.check(&args.exports, profile)?;
    let upload = read_input(&args.upload)?;
    let result = check_upload(&upload, &checked, now).map_err(|e| Failure(format!("{}: {e}", args.upload)))?;
    match args.format {
        Format::Json => {
            for row in &result.rows {
                writeln!(out, "{}", serde_json::to_string(row)?)?;
            }
        }
        Format::Csv => out.write_all(result.corrected_csv().as_bytes())?,
    }
    Ok(())
}
