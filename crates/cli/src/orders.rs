//! How a command reads orders: the rules that judge them, the moment, and what the files do not
//! say. `check`, `calendar` and `upload-check` take the same arguments this way; each names its
//! export files itself.

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use shipcheck_engine::import::legacy::decode_legacy;
use shipcheck_engine::import::Encoding;
use shipcheck_engine::pipeline::{Checked, Checking, Pipeline};
use shipcheck_engine::timestamp::DateOrder;
use shipcheck_engine::{RuleProfile, Zone};

use super::input::{load_profile, moment, read_input};
use super::Failure;

#[derive(clap::Args)]
pub struct Orders {
    /// A preset ID (see `shipcheck profiles`) or a profile saved as JSON.
    #[arg(long, value_name = "ID|PATH")]
    profile: Option<String>,
    /// The moment to check at, RFC 3339; default: now.
    #[arg(long, value_name = "RFC3339", value_parser = moment)]
    now: Option<DateTime<Utc>>,
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
    /// The shop a file's orders are of, when several shops' exports are checked together and a
    /// file has no shop column; once per file.
    #[arg(long, value_name = "FILE=SHOP", value_parser = file_shop)]
    shop: Vec<(String, String)>,
    /// The files are successive exports of one shop, oldest first: an order is as the newest
    /// file says, rather than merged from all.
    #[arg(long)]
    newest_wins: bool,
}

/// How a command prints its answer.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
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

fn file_shop(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((file, shop)) if !file.is_empty() && !shop.trim().is_empty() => {
            Ok((file.to_owned(), shop.trim().to_owned()))
        }
        _ => Err("write FILE=SHOP, the file as given and the shop's name".to_owned()),
    }
}

fn encoding(label: &str) -> Result<Encoding, String> {
    Encoding::parse(label).ok_or_else(|| "use utf-8, utf-16le, utf-16be or gb18030".to_owned())
}

impl Orders {
    /// The moment the orders are checked at.
    pub fn now(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(|| std::time::SystemTime::now().into())
    }

    /// The rules the orders are judged by.
    pub fn profile(&self) -> Result<RuleProfile, Failure> {
        match &self.profile {
            Some(id) => load_profile(id),
            None => Ok(RuleProfile::default()),
        }
    }

    /// `files` read and checked at [`Orders::now`] by `profile`.
    pub fn check(&self, files: &[String], profile: RuleProfile) -> Result<Checked, Failure> {
        let (checking, threads) = self.read(files, profile)?;
        Ok(checking.finish_on(self.now(), threads))
    }

    /// `files` checked at `now` (the moment of the report that shows them), every order's
    /// metrics, weeks and charts counted too: on a spare core, beside the rest of the check.
    pub fn check_with_figures(
        &self,
        files: &[String],
        profile: RuleProfile,
        now: DateTime<Utc>,
    ) -> Result<Checked, Failure> {
        let (checking, threads) = self.read(files, profile)?;
        Ok(checking.finish_with_figures(now, threads))
    }

    /// `files` read by `profile`, and the threads to check them on.
    fn read(&self, files: &[String], profile: RuleProfile) -> Result<(Checking, usize), Failure> {
        let mut options = profile.import_options();
        options.time_zone = self.time_zone.unwrap_or(options.time_zone);
        options.date_order = self.date_order.map(|order| match order {
            Order::Mdy => DateOrder::MonthFirst,
            Order::Dmy => DateOrder::DayFirst,
        });
        options.sheet = self.sheet.clone();
        options.legacy_decoder = Some(decode_legacy);
        options.encoding = self.encoding;
        options.file_shops = self.shop.clone();
        options.later_files_win = self.newest_wins;
        // Every core: a large file is read in ranges side by side, and the orders checked so; the
        // result is the same as on one.
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let mut pipeline = Pipeline::new(profile, options)?;
        for file in files {
            pipeline.read_split(Some(file), &read_input(file)?, threads)?;
        }
        Ok((pipeline.checking(), threads))
    }
}
