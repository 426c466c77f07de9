//! How to read an export: what a file itself cannot say (the zone of its times, the order of
//! its ambiguous dates, its encoding), and what a seller chose for files like it.

use serde::Serialize;

use super::{Column, Encoding, LegacyDecoder};
use crate::order::Text;
use crate::timestamp::DateOrder;
use crate::zone::Zone;

/// How to read an export: what a file itself cannot say.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The zone of timestamps without an offset.
    pub time_zone: Zone,
    /// How to read a column whose slashed dates never decide (`11/12/2024` throughout).
    pub ambiguous_date_order: DateOrder,
    /// Read every slashed date in this order, whatever the values suggest.
    pub date_order: Option<DateOrder>,
    /// The sheet to read in XLSX workbooks; `None`: the first.
    pub sheet: Option<String>,
    /// How to decode files that are neither UTF-8 nor UTF-16; `None`: they are read as UTF-8,
    /// and the cells that are not valid UTF-8 cost their rows.
    pub legacy_decoder: Option<LegacyDecoder>,
    /// Columns the seller placed by hand, for files with a given header row.
    pub column_mappings: Vec<ColumnMapping>,
    /// Read files in this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// The shop each file is of, by file name, for rows without a shop column.
    pub file_shops: Vec<(String, String)>,
    /// Files are successive exports, oldest first: an order a later file has again is as that
    /// file says, not merged with what the earlier one said.
    pub later_files_win: bool,
}

/// "In files with this header row, this header is that column": what a seller chose when a
/// file's headers were not recognised, remembered for the next file like it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ColumnMapping {
    /// The header row, trimmed, exactly as the file has it.
    pub header: Vec<String>,
    pub columns: Vec<(Column, String)>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions::in_zone(Zone::UTC)
    }
}

impl ImportOptions {
    /// Timestamps in `zone`, ambiguous slashed dates month first (as US exports write them).
    pub fn in_zone(time_zone: Zone) -> ImportOptions {
        ImportOptions {
            time_zone,
            ambiguous_date_order: DateOrder::MonthFirst,
            date_order: None,
            sheet: None,
            legacy_decoder: None,
            column_mappings: Vec::new(),
            encoding: None,
            file_shops: Vec::new(),
            later_files_win: false,
        }
    }

    /// The shop the seller named `file` as.
    pub(super) fn shop_of(&self, file: &Option<String>) -> Option<Text> {
        let file = file.as_deref()?;
        self.file_shops.iter().find(|(name, _)| name == file).map(|(_, shop)| Text::from(shop.as_str()))
    }
}
