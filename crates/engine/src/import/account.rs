//! What an import gives back: the orders, and an account of every file and row. A row that
//! cannot be used is a [`SkippedRow`] with its line and reason, and one used with something to
//! say of it (another row of its order disagrees, a cell could not be read) a [`RowNote`], so
//! that a seller can find each in the file.

use std::borrow::Cow;

use serde::Serialize;

use super::{Column, Remark, RowProblem};
use crate::order::Order;
use crate::timestamp::DateOrder;

/// What an import produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// In the order their first row appeared.
    pub orders: Vec<Order>,
    /// Data rows read, header excluded.
    pub rows: u64,
    /// Rows that became part of an order.
    pub rows_used: u64,
    /// Includes the Seller Center description rows (also counted in `description_rows`).
    pub skipped: Vec<SkippedRow>,
    /// Optional columns no file had; the seller is told what that means.
    pub missing_columns: Vec<Column>,
    /// How each file was read.
    pub files: Vec<FileSummary>,
    /// Order IDs that appeared in more than one file (merged into one order).
    pub orders_in_several_files: Vec<String>,
    /// Orders an earlier file had that a later one told again, when later files win
    /// ([`ImportOptions::later_files_win`]): the later file's rows stand, the earlier ones'
    /// were used and then replaced.
    pub orders_updated: u64,
    /// Rows used, with something said of them, in file and line order.
    pub notes: Vec<RowNote>,
}

/// How one file was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FileSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// `csv` (comma, semicolon or tab separated), `xlsx` or `json`.
    pub format: Cow<'static, str>,
    /// For XLSX: the sheet read, and every sheet the workbook has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<String>,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`, `GB18030`, or `not UTF-8 (undecoded)`.
    pub encoding: Cow<'static, str>,
    /// For CSV: the separator found in the header.
    pub delimiter: Option<char>,
    pub rows: u64,
    /// Seller Center's row of column descriptions under the header, skipped.
    pub description_rows: u64,
    /// For each time column with slashed dates, the order they were read in and why.
    pub date_orders: Vec<DateOrderChoice>,
    /// Whether its times are written year first without a zone, as Chinese exports write them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_first_times: bool,
    /// Headers ShipCheck does not know, as the file writes them: neither read nor a known
    /// Seller Center column it leaves aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unrecognised_columns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DateOrderChoice {
    pub column: Column,
    pub order: DateOrder,
    pub decided_by: DecidedBy,
    /// When no value decided: the column's first cells that read either way, with both dates,
    /// so the seller sees what the other reading would give.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<AmbiguousDate>,
}

/// A cell both date orders read, and the dates they read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AmbiguousDate {
    pub text: String,
    /// 1-based line of the file it is on.
    pub line: u64,
    pub month_first: chrono::NaiveDate,
    pub day_first: chrono::NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// A value in the column had a day above 12 in one position.
    Values,
    /// No value decided; the profile's market default was used.
    Default,
    /// Values pointed both ways; the default was used and the other rows reported.
    Conflict,
    /// The seller chose.
    Override,
}

/// A row that did not become part of an order, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SkippedRow {
    /// The file the row came from, when several were read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line number in the file (a quoted cell with line breaks spans several lines;
    /// this is the first).
    pub line: u64,
    pub reason: String,
    /// The reason in Chinese, for the page in Chinese.
    pub reason_zh: String,
    /// Seller Center's row of column descriptions: expected, recognised, not a problem.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub description: bool,
}

impl SkippedRow {
    pub fn new(file: Option<String>, line: u64, problem: &RowProblem) -> SkippedRow {
        let description = *problem == RowProblem::DescriptionRow;
        SkippedRow { file, line, reason: problem.english(), reason_zh: problem.chinese(), description }
    }
}

/// A row that became part of an order, with something the seller should know: another row of
/// the order says otherwise, or a cell of it could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RowNote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub line: u64,
    pub order_id: String,
    pub note: String,
    pub note_zh: String,
    /// Whether it says another row of the order said otherwise.
    #[serde(skip)]
    pub contradiction: bool,
}

impl RowNote {
    pub fn new(file: Option<String>, line: u64, order_id: &str, remark: &Remark) -> RowNote {
        let contradiction = matches!(remark, Remark::Contradicts { .. });
        let (note, note_zh) = (remark.english(), remark.chinese());
        RowNote { file, line, order_id: order_id.to_owned(), note, note_zh, contradiction }
    }
}
