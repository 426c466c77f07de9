//! Import: export bytes in, orders out, with an account of every row.
//!
//! Seller Center exports one row per SKU line, so rows are grouped into orders by Order ID. Its
//! headers are English whatever the seller's language, with a row of column descriptions under
//! them (as the WorldFirst guide on amz123.com, "如何下载TikTok US Shop的交易记录", shows). A row
//! that cannot be used is never dropped quietly: it is kept as a [`SkippedRow`] with its 1-based
//! line number and the reason, so `rows == rows_used + skipped.len()` always holds and a seller
//! can find the line in the file. Only a file that cannot be read as an order table at all (no
//! header, no Order ID column) is an [`ImportError`].
//!
//! Input is bytes, not a string: the browser hands files over as bytes, and cells are decoded one
//! at a time so that one bad cell costs one row, not the file. The bytes come a piece at a time
//! ([`Importer::read_piece`]): an export of a million rows is a third of a gigabyte, and the
//! importer keeps none of it, only the orders. Delimited text is read as it comes, its first
//! rows and then all of them (the first look tells how the dates are written): UTF-8 as it is;
//! UTF-16 (Excel's "Unicode text", recognised by its byte-order mark) and GB18030 (a Chinese
//! Excel's CSV) through a streaming decoder. A workbook's ZIP file and JSON are gathered, then
//! read a slice of the sheet, or a batch of orders, at a time.
//!
//! What the file cannot say comes from [`ImportOptions`] (the zone of naive times, the date
//! order of a column of ambiguous `11/12/2024` dates), and every such choice is reported in the
//! [`FileSummary`], so the seller can see and override it.

mod column;
mod date_order;
mod encoding;
#[cfg(all(test, feature = "legacy"))]
mod hostile;
mod json;
#[cfg(feature = "legacy")]
pub mod legacy;
mod orders;
#[cfg(all(test, feature = "legacy"))]
mod pieced;
mod problem;
mod rows;
mod split;
mod utf16;
mod xlsx;

pub use column::Column;
use column::ColumnMap;
use encoding::{utf16_decoder, utf16_without_mark, utf8_so_far, GB18030, UTF_16BE, UTF_16LE};
pub use encoding::{Encoding, LegacyDecoder, TextDecode};
use orders::{OrderIndex, PreviousRow};
pub use problem::{ImportError, JsonScalar, Remark, RowProblem};

use std::borrow::Cow;

use serde::Serialize;

use super::order::{Order, Text, TextPool};
use super::timestamp::DateOrder;
use super::zone::Zone;
use date_order::DateOrderTally;
use rows::{Read, Row, RowBatch, RowReader};
pub use split::SPLIT_BYTES;

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
    fn shop_of(&self, file: &Option<String>) -> Option<Text> {
        let file = file.as_deref()?;
        self.file_shops.iter().find(|(name, _)| name == file).map(|(_, shop)| Text::from(shop.as_str()))
    }
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

/// The most text one cell may hold; a row with a longer one is reported, not read.
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// The most text a header row may hold: a thousand columns of long names fit many times.
pub const MAX_HEADER_BYTES: usize = 1 << 20;

/// Reads one or more exports into one set of orders. Rows of the same Order ID are merged
/// across files, as they are within one file.
pub struct Importer {
    options: ImportOptions,
    import: Import,
    index: OrderIndex,
    /// For each order, the number of the file its first row came from, or [`IN_SEVERAL_FILES`]
    /// once it is listed in `orders_in_several_files`.
    order_files: Vec<usize>,
    columns_seen: Vec<Column>,
    texts: TextPool,
}

/// In `Importer::order_files`: already reported as in several files.
const IN_SEVERAL_FILES: usize = usize::MAX;

impl Importer {
    pub fn new(options: ImportOptions) -> Importer {
        Importer {
            options,
            import: Import::default(),
            index: OrderIndex::default(),
            order_files: Vec::new(),
            columns_seen: Vec::new(),
            texts: TextPool::default(),
        }
    }

    /// Reads one file whole. `file` names it in skipped rows and errors; `None` for pasted text.
    pub fn read(&mut self, file: Option<&str>, bytes: &[u8]) -> Result<(), ImportError> {
        let mut reading = self.open(file, bytes.len() as u64);
        let mut at = 0;
        loop {
            match self.read_piece(&mut reading, &bytes[at..], usize::MAX)? {
                Step::Next(used) => at += used,
                Step::FromStart => at = 0,
                Step::Done => return Ok(()),
            }
        }
    }

    /// Starts reading a file of `total_bytes`, which is then handed over a piece at a time
    /// ([`Importer::read_piece`]), so that a page need not hold a large file whole, and can show
    /// progress and stay responsive between pieces.
    pub fn open(&mut self, file: Option<&str>, total_bytes: u64) -> FileRead {
        let summary = FileSummary {
            file: file.map(str::to_owned),
            format: "csv".into(),
            sheet: None,
            sheets: Vec::new(),
            encoding: "UTF-8".into(),
            delimiter: None,
            rows: 0,
            description_rows: 0,
            date_orders: Vec::new(),
            year_first_times: false,
            unrecognised_columns: Vec::new(),
        };
        FileRead { summary, total_bytes, body: Body::Start(Vec::new()) }
    }

    /// Reads on from `piece`, the file's bytes after those used so far (an empty piece: the file
    /// has ended), importing at most `max_rows` rows. The answer says what to hand over next.
    ///
    /// Delimited UTF-8 text, what exports are, is read as it comes: a first pass reads the
    /// header and looks at the first rows (is the text really UTF-8? how are the dates
    /// written?), then the file is asked for again from its start and the rows are imported
    /// while the rest of it is looked at the same way (every row counts: a file may show its
    /// day-first dates only at the end); if the rest says otherwise than the first rows did, the
    /// file is asked for from its start once more and read as it says. Text found not to be
    /// UTF-8 is read the same way as GB18030, decoded a slice at a time, and so is UTF-16.
    /// Other files are gathered: a workbook or JSON, then read from memory, the caller handing
    /// over empty pieces until the answer is [`Step::Done`]. Pieces may be of any size, but the
    /// first should hold the header line (a few KiB do): it tells the delimiter.
    pub fn read_piece(&mut self, reading: &mut FileRead, piece: &[u8], max_rows: usize) -> Result<Step, ImportError> {
        let FileRead { summary, total_bytes, body } = reading;
        let step = match body {
            // However the file is cut into pieces, what it is is decided on the same bytes.
            Body::Start(seen) if !piece.is_empty() && seen.len() < SNIFF => {
                let take = piece.len().min(SNIFF - seen.len());
                seen.extend_from_slice(&piece[..take]);
                Step::Next(take)
            }
            Body::Start(seen) => {
                let seen = std::mem::take(seen);
                *body = self.first_piece(summary, &seen, *total_bytes)?;
                Step::FromStart
            }
            Body::Gathering { bytes, utf8, .. } if !piece.is_empty() => {
                // More than the file was said to hold: room for it is asked for, not assumed.
                bytes.try_reserve(piece.len()).map_err(|_| too_large(summary, *total_bytes))?;
                bytes.extend_from_slice(piece);
                *utf8 = utf8_so_far(bytes, *utf8);
                Step::Next(piece.len())
            }
            Body::Gathering { bytes, encoding, utf8 } => {
                let is_utf8 = *utf8 == Some(bytes.len());
                let (bytes, encoding) = (std::mem::take(bytes), *encoding);
                *body = self.gathered(summary, bytes, encoding, is_utf8)?;
                if let Body::Held { text, .. } | Body::Json { bytes: text, .. } = body {
                    // Progress counts the decoded text, which is what is read now.
                    *total_bytes = text.len() as u64;
                }
                Step::Next(0)
            }
            Body::Streamed(delimited) => {
                match self.read_delimited(summary, delimited, piece, piece.is_empty(), max_rows)? {
                    Delimit::Used(used) => Step::Next(used),
                    Delimit::PassDone => Step::FromStart,
                    Delimit::NotUtf8 => {
                        // Read again as what a Chinese Excel saves CSV in: GB18030 (GBK).
                        *body = self.decoding(summary, Encoding::Gb18030, delimited.delimiter, *total_bytes);
                        Step::FromStart
                    }
                    Delimit::Done => Step::Done,
                }
            }
            Body::Decoding(decoding) => {
                let mut used = 0;
                if decoding.at == decoding.text.len() && !decoding.flushed {
                    // A slice at a time: the decoder is the browser's, and a large piece would be
                    // one long task. The slices are the same however the file comes in pieces,
                    // so whether the text decodes is found at the same row.
                    used = piece.len().min(DECODE_SLICE - decoding.pending.len());
                    decoding.pending.extend_from_slice(&piece[..used]);
                    decoding.decoded += used as u64;
                    if !piece.is_empty() && decoding.pending.len() < DECODE_SLICE {
                        return Ok(Step::Next(used));
                    }
                    decoding.text.clear();
                    decoding.at = 0;
                    decoding.flushed = piece.is_empty();
                    let decoded = decoding.decoder.decode(&decoding.pending, decoding.flushed, &mut decoding.text);
                    decoding.pending.clear();
                    if !decoded {
                        // Not text in that encoding either: read as it is, the cells that are not
                        // UTF-8 costing their rows, from the start, the rows read so far
                        // forgotten (only a file whose rows are read before all of it was seen
                        // can have any: the first).
                        if let Pass::Rows { confirming: Some(confirming), .. } = &decoding.delimited.pass {
                            let start = confirming.start;
                            self.forget_rows(summary, start);
                        }
                        summary.encoding = "not UTF-8 (undecoded)".into();
                        let delimiter = decoding.delimited.delimiter;
                        let mark_bytes = decoding.mark_bytes;
                        let undecoded = Delimited { mark_bytes, ..Delimited::new(delimiter, false, *total_bytes) };
                        *body = Body::Streamed(Box::new(undecoded));
                        return Ok(Step::FromStart);
                    }
                }
                let Decoding { delimited, text, at, flushed, .. } = &mut **decoding;
                match self.read_delimited(summary, delimited, &text[*at..], *flushed, max_rows)? {
                    Delimit::Used(read) => {
                        *at += read;
                        Step::Next(used)
                    }
                    Delimit::PassDone => {
                        decoding.restart();
                        Step::FromStart
                    }
                    // Decoded text is UTF-8.
                    Delimit::NotUtf8 => unreachable!("decoded text is not checked for UTF-8"),
                    Delimit::Done => Step::Done,
                }
            }
            Body::Sheet(sheet) => {
                let SheetRead { rows, batch, ended, delimited } = &mut **sheet;
                if batch.used_up() && !*ended {
                    batch.clear();
                    *ended = !rows.read(SHEET_SLICE, batch).map_err(|e| ImportError::Malformed {
                        file: summary.file.clone(),
                        message: format!(
                            "sheet {:?} cannot be read: {e}",
                            summary.sheet.as_deref().unwrap_or_default()
                        ),
                    })?;
                    // The rows' text to come, as much as the share of the sheet read so far
                    // suggests: the orders' room is reckoned from it.
                    let made = delimited.at + batch.text_bytes();
                    delimited.total_bytes = match *ended {
                        true => made,
                        false => (made as f64 / rows.share_read().max(1e-9)) as u64,
                    };
                }
                match self.read_sheet(summary, sheet, max_rows)? {
                    Delimit::Used(_) => Step::Next(0),
                    Delimit::PassDone => {
                        sheet.rows.restart();
                        sheet.batch.clear();
                        sheet.ended = false;
                        Step::Next(0)
                    }
                    // A sheet is written as UTF-8.
                    Delimit::NotUtf8 => unreachable!("a sheet's text is not checked for UTF-8"),
                    Delimit::Done => Step::Done,
                }
            }
            Body::Held { delimited, text, at } => {
                match self.read_delimited(summary, delimited, &text[*at..], true, max_rows)? {
                    Delimit::Used(used) => {
                        *at += used;
                        Step::Next(0)
                    }
                    Delimit::PassDone => {
                        *at = 0;
                        Step::Next(0)
                    }
                    // The text is decoded: it is UTF-8.
                    Delimit::NotUtf8 => unreachable!("held text is not checked for UTF-8"),
                    Delimit::Done => Step::Done,
                }
            }
            Body::Json { bytes, elements, keys } => {
                let file = summary.file.clone();
                let mut done = 0;
                let malformed = |message| ImportError::Malformed { file: file.clone(), message };
                let mut ended = false;
                while done < max_rows {
                    let Some((line, range)) = elements.next(bytes).map_err(malformed)? else {
                        ended = true;
                        break;
                    };
                    done += 1;
                    self.import.rows += 1;
                    summary.rows += 1;
                    match self.read_json_order(&bytes[range], keys) {
                        Ok(rows) => {
                            self.import.rows_used += 1;
                            for (row, remark) in rows {
                                if let Some(remark) = remark {
                                    self.import.notes.push(RowNote::new(file.clone(), line, &row.id, &remark));
                                }
                                self.add(row, line, &file);
                            }
                        }
                        Err(problem) => self.import.skipped.push(SkippedRow::new(file.clone(), line, &problem)),
                    }
                }
                if ended {
                    Step::Done
                } else {
                    Step::Next(0)
                }
            }
            Body::Finished => return Ok(Step::Done),
        };
        if step == Step::Done {
            *body = Body::Finished;
            self.import.files.push(summary.clone());
        }
        Ok(step)
    }

    /// What a file is, from its first bytes: delimited text is read as it comes (UTF-8 as it is;
    /// UTF-16 by its byte-order mark, or GB18030 or UTF-16 when the seller says so, decoded a
    /// slice at a time); a workbook and JSON are gathered whole.
    fn first_piece(&mut self, summary: &mut FileSummary, piece: &[u8], total_bytes: u64) -> Result<Body, ImportError> {
        let forced = self.options.encoding.filter(|e| *e != Encoding::Utf8);
        if is_xlsx(piece) {
            return Ok(Body::Gathering { bytes: room_for(summary, total_bytes)?, encoding: forced, utf8: Some(0) });
        }
        let decoded = match (forced, piece) {
            (Some(encoding), _) => Some(encoding),
            (None, [0xFF, 0xFE, ..]) => Some(Encoding::Utf16Le),
            (None, [0xFE, 0xFF, ..]) => Some(Encoding::Utf16Be),
            (None, _) => None,
        };
        if let Some(encoding) = decoded {
            // How the text starts, decoded: JSON is gathered, delimited text read as it comes.
            let start = &piece[..piece.len().min(SNIFF)];
            let mut sample = Vec::new();
            if !self.new_decoder(encoding).is_some_and(|mut decoder| decoder.decode(start, false, &mut sample)) {
                sample = start.to_vec();
            }
            if is_json(&sample) {
                return Ok(Body::Gathering {
                    bytes: room_for(summary, total_bytes)?,
                    encoding: Some(encoding),
                    utf8: Some(0),
                });
            }
            return Ok(self.decoding(summary, encoding, detect_delimiter(&sample), total_bytes));
        }
        let text = piece.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(piece);
        // A file of one JSON value is all there, in its first piece: a number or a string would
        // otherwise read as a table's header.
        if piece.len() as u64 == total_bytes {
            if let Some(kind) = json_scalar(text) {
                return Err(ImportError::JsonWithoutOrders { file: summary.file.clone(), kind });
            }
        }
        if is_json(text) {
            return Ok(Body::Gathering { bytes: room_for(summary, total_bytes)?, encoding: None, utf8: Some(0) });
        }
        let delimiter = detect_delimiter(piece);
        summary.delimiter = Some(char::from(delimiter));
        // A seller who insists on UTF-8 has the cells that are not cost their rows.
        let check_utf8 = self.options.encoding.is_none();
        let mut delimited = Delimited::new(delimiter, check_utf8, total_bytes);
        if piece.starts_with(&[0xEF, 0xBB, 0xBF]) {
            summary.encoding = "UTF-8 with BOM".into();
            // Passed over here, not by the CSV reader, which sees it only in a first piece of
            // three bytes or more.
            delimited.mark_bytes = 3;
        }
        Ok(Body::Streamed(Box::new(delimited)))
    }

    /// What decodes `encoding`, and its label: the engine's own for UTF-16, the legacy decoder
    /// lent by the browser or the CLI for GB18030.
    fn decoder(&self, encoding: Encoding) -> Option<(LegacyDecoder, &'static str)> {
        match encoding {
            Encoding::Utf8 => None,
            Encoding::Utf16Le => Some((utf16_decoder, UTF_16LE)),
            Encoding::Utf16Be => Some((utf16_decoder, UTF_16BE)),
            Encoding::Gb18030 => self.options.legacy_decoder.map(|make| (make, GB18030)),
        }
    }

    fn new_decoder(&self, encoding: Encoding) -> Option<Box<dyn TextDecode>> {
        self.decoder(encoding).and_then(|(make, label)| make(label))
    }

    /// Delimited text in `encoding`, decoded as it arrives; without a decoder for it, read as it
    /// is, the cells that are not UTF-8 costing their rows.
    fn decoding(&self, summary: &mut FileSummary, encoding: Encoding, delimiter: u8, total_bytes: u64) -> Body {
        summary.delimiter = Some(char::from(delimiter));
        let delimited = Delimited::new(delimiter, false, total_bytes);
        // A UTF-8 mark is the decoder's to pass over, or the undecoded text's if it fails.
        let mark_bytes = if summary.encoding == "UTF-8 with BOM" { 3 } else { 0 };
        match self.decoder(encoding).and_then(|(make, label)| Some((make, label, make(label)?))) {
            Some((make, label, decoder)) => {
                summary.encoding = encoding.name().into();
                // Its text is looked at as text that may not be UTF-8 is, though the decoder
                // writes UTF-8: so the first pass does not settle before every byte is known to
                // decode, and rows read before then can be forgotten if one does not.
                let delimited = Delimited { check_utf8: true, ..delimited };
                let (text, at, flushed, decoded) = (Vec::new(), 0, false, 0);
                let pending = Vec::new();
                Body::Decoding(Box::new(Decoding {
                    make,
                    label,
                    decoder,
                    mark_bytes,
                    pending,
                    text,
                    at,
                    flushed,
                    decoded,
                    delimited,
                }))
            }
            None => {
                summary.encoding = "not UTF-8 (undecoded)".into();
                Body::Streamed(Box::new(Delimited { mark_bytes, ..delimited }))
            }
        }
    }

    /// A file gathered whole, made ready to read: a workbook's sheet or decoded text.
    fn gathered(
        &mut self,
        summary: &mut FileSummary,
        bytes: Vec<u8>,
        encoding: Option<Encoding>,
        is_utf8: bool,
    ) -> Result<Body, ImportError> {
        if is_xlsx(&bytes) {
            let sheet = xlsx::sheet(bytes, self.options.sheet.as_deref())
                .map_err(|message| ImportError::Malformed { file: summary.file.clone(), message })?;
            summary.format = "xlsx".into();
            summary.sheet = Some(sheet.name);
            summary.sheets = sheet.names;
            // A sheet's rows go through the passes delimited text does, its cells made already.
            let delimited = Delimited::new(b',', false, 0);
            let (rows, batch) = (sheet.rows, RowBatch::default());
            return Ok(Body::Sheet(Box::new(SheetRead { rows, batch, ended: false, delimited })));
        }
        // UTF-16 was told by its byte-order mark when the file began; JSON that is not UTF-8 is,
        // like delimited text, GB18030.
        let encoding = encoding.or_else(|| (!is_utf8).then_some(Encoding::Gb18030));
        let (name, text) = match encoding {
            None | Some(Encoding::Utf8) if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) => {
                let mut text = bytes;
                text.drain(..3);
                ("UTF-8 with BOM", text)
            }
            None | Some(Encoding::Utf8) => ("UTF-8", bytes),
            Some(encoding) => {
                let mut text = Vec::new();
                let decoder = self.new_decoder(encoding);
                if decoder.is_some_and(|mut decoder| decoder.decode(&bytes, true, &mut text)) {
                    (encoding.name(), text)
                } else {
                    ("not UTF-8 (undecoded)", bytes)
                }
            }
        };
        summary.encoding = name.into();
        if is_json(&text) {
            summary.format = "json".into();
            let elements = json::OrderElements::new(&text)
                .map_err(|message| ImportError::Malformed { file: summary.file.clone(), message })?;
            return Ok(Body::Json { bytes: text, elements, keys: json::KeyColumns::default() });
        }
        let delimiter = detect_delimiter(&text);
        summary.delimiter = Some(char::from(delimiter));
        let delimited = Delimited::new(delimiter, false, text.len() as u64);
        Ok(Body::Held { delimited: Box::new(delimited), text, at: 0 })
    }

    /// Reads rows of `delimited` from `input` until it is used up or `max_rows` rows were read;
    /// `ended`: no text follows `input`.
    fn read_delimited(
        &mut self,
        summary: &mut FileSummary,
        delimited: &mut Delimited,
        input: &[u8],
        ended: bool,
        max_rows: usize,
    ) -> Result<Delimit, ImportError> {
        let Delimited { reader, at, check_utf8, columns, pass, mark_bytes, .. } = delimited;
        let mut used = (*mark_bytes as u64).saturating_sub(*at).min(input.len() as u64) as usize;
        *at += used as u64;
        let mut done = 0;
        while done < max_rows {
            let (read, outcome) = reader.read(&input[used..], ended);
            used += read;
            *at += read as u64;
            match outcome {
                Read::NeedMore => break,
                Read::Row => {}
                Read::End => return self.end_of_pass(summary, delimited, true),
            }
            let row = reader.row();
            // Text as a file has it is checked by the first pass, and along with the import
            // where the first pass looked at the first rows only.
            let checking = *check_utf8 && !matches!(pass, Pass::Rows { confirming: None, .. });
            let text = match checking.then(|| std::str::from_utf8(row.text())) {
                Some(Err(_)) => {
                    if let Pass::Rows { confirming: Some(confirming), .. } = pass {
                        let start = confirming.start;
                        self.forget_rows(summary, start);
                    }
                    return Ok(Delimit::NotUtf8);
                }
                checked => checked.and_then(Result::ok),
            };
            match self.take_row(summary, columns, pass, *check_utf8, (row, text))? {
                Took::Passed => {}
                // The rows after the header are not bound as the header is.
                Took::Header => reader.refuse_past = None,
                Took::Counted => done += 1,
                Took::PassEnded { settled } => return self.end_of_pass(summary, delimited, settled),
            }
        }
        Ok(Delimit::Used(used))
    }

    /// Reads the rows of a workbook's sheet made so far until they are used up or `max_rows`
    /// rows were read.
    fn read_sheet(
        &mut self,
        summary: &mut FileSummary,
        sheet: &mut SheetRead,
        max_rows: usize,
    ) -> Result<Delimit, ImportError> {
        let SheetRead { batch, ended, delimited, .. } = sheet;
        let mut done = 0;
        while done < max_rows {
            let Some(row) = batch.take() else {
                return match *ended {
                    true => self.end_of_pass(summary, delimited, true),
                    false => Ok(Delimit::Used(0)),
                };
            };
            delimited.at += row.text().len() as u64;
            match self.take_row(summary, &mut delimited.columns, &mut delimited.pass, false, (row, None))? {
                Took::Passed | Took::Header => {}
                Took::Counted => done += 1,
                Took::PassEnded { settled } => return self.end_of_pass(summary, delimited, settled),
            }
        }
        Ok(Delimit::Used(0))
    }

    /// Takes one row in the pass over a file it was read in: the header is looked for, the
    /// dates tallied, or the row made part of an order (or reported). `check_utf8`: whether the
    /// first pass is to find out if the text is UTF-8. The row comes with its text where that
    /// was found to be UTF-8 already.
    fn take_row(
        &mut self,
        summary: &mut FileSummary,
        columns: &mut ColumnMap,
        pass: &mut Pass,
        check_utf8: bool,
        (row, text): (&Row, Option<&str>),
    ) -> Result<Took, ImportError> {
        match pass {
            Pass::Header { blank_rows } => {
                if is_blank(row) && !row.oversized && !row.unclosed_quote {
                    *blank_rows += 1;
                    return Ok(Took::Passed);
                }
                *pass = self.read_header(summary, columns, *blank_rows, row)?;
                Ok(Took::Header)
            }
            // Blank rows are passed over as blank lines are: they hold nothing to account for.
            Pass::Dates(_) | Pass::Rows { .. } if is_blank(row) && !row.oversized => Ok(Took::Passed),
            Pass::Dates(dates) => {
                dates.tally.add(row);
                // SKU lines of one order come together: counting changes of ID counts orders.
                if let Some(id) = columns.get(Column::OrderId).and_then(|i| row.get(i)) {
                    if id != dates.last_id {
                        dates.orders += 1;
                        dates.last_id.clear();
                        dates.last_id.extend_from_slice(id);
                    }
                }
                // Text known to be UTF-8 needs no more looking at once the dates are decided.
                let settled = dates.tally.settled() && !check_utf8;
                if settled || dates.start.is_some() && dates.tally.rows() >= PREVIEW_ROWS {
                    return Ok(Took::PassEnded { settled });
                }
                Ok(Took::Counted)
            }
            Pass::Rows { orders, header_rows, confirming, previous } => {
                if row.number < *header_rows {
                    return Ok(Took::Passed);
                }
                self.import_row(summary, columns, orders, confirming, previous, (row, text));
                Ok(Took::Counted)
            }
        }
    }

    /// Reads the header row after `blank_rows` blank ones: where each column is, or the error
    /// that says which are missing. The first pass, over the dates, comes next.
    fn read_header(
        &mut self,
        summary: &mut FileSummary,
        columns: &mut ColumnMap,
        blank_rows: u64,
        row: &Row,
    ) -> Result<Pass, ImportError> {
        let file = &summary.file;
        header_fits(row, file)?;
        let header: Vec<String> = row.iter().map(|c| String::from_utf8_lossy(c).trim().to_owned()).collect();
        *columns = ColumnMap::from_header(&header, &self.options.column_mappings);
        let mut missing = Vec::new();
        if columns.get(Column::OrderId).is_none() {
            missing.push(Column::OrderId);
        }
        if columns.get(Column::CreatedTime).is_none() && columns.get(Column::PaidTime).is_none() {
            missing.extend([Column::CreatedTime, Column::PaidTime]);
        }
        if !missing.is_empty() {
            let file = file.clone();
            if let Some(big_endian) = utf16_without_mark(row.text()) {
                return Err(ImportError::Utf16WithoutMark { file, big_endian });
            }
            return Err(ImportError::MissingColumns { file, missing, found: header });
        }
        self.columns_seen.extend(Column::ALL.into_iter().filter(|c| columns.get(*c).is_some()));
        summary.unrecognised_columns = header.iter().filter(|h| !h.is_empty() && !Column::known(h)).cloned().collect();
        // Orders of an earlier file could be changed by this one's rows: those rows wait until
        // every date is seen, as there would be no going back.
        let start = self.import.orders.is_empty().then_some(FileStart {
            skipped: self.import.skipped.len(),
            notes: self.import.notes.len(),
            rows: self.import.rows,
            rows_used: self.import.rows_used,
        });
        Ok(Pass::Dates(DatesPass {
            tally: DateOrderTally::new(columns),
            header_rows: blank_rows + 1,
            orders: 0,
            last_id: Vec::new(),
            start,
        }))
    }

    /// Makes a row after the header part of an order, or reports why it cannot be.
    fn import_row(
        &mut self,
        summary: &mut FileSummary,
        columns: &ColumnMap,
        orders: &DateOrders,
        confirming: &mut Option<Confirming>,
        previous: &mut PreviousRow,
        (row, text): (&Row, Option<&str>),
    ) {
        // Rows the first pass tallied are not tallied again.
        if let Some(confirming) = confirming.as_mut().filter(|c| summary.rows >= c.tally.rows()) {
            confirming.tally.add(row);
        }
        let (file, line) = (&summary.file, row.line);
        self.import.rows += 1;
        summary.rows += 1;
        if summary.rows == 1 && is_description_row(columns, row) {
            summary.description_rows += 1;
            self.import.skipped.push(SkippedRow::new(file.clone(), line, &RowProblem::DescriptionRow));
            return;
        }
        let read = match unreadable(row) {
            Some(problem) => Err(problem),
            None => Importer::read_row(&self.options, &mut self.texts, previous, columns, orders, (row, text)),
        };
        match read {
            Ok((order, remark)) => {
                self.import.rows_used += 1;
                if let Some(remark) = remark {
                    self.import.notes.push(RowNote::new(file.clone(), line, &order.id, &remark));
                }
                self.add(order, line, file);
            }
            Err(problem) => self.import.skipped.push(SkippedRow::new(file.clone(), line, &problem)),
        }
    }

    /// The end of a pass over delimited text. After the first, the text is to be read again from
    /// its start for its rows, with the dates' orders the first pass found (`settled`: it saw all
    /// there was to see; if not, the rest is looked at along with the import). After the rows,
    /// the file is done, unless the rest of the file decided a date order other than the one
    /// the rows were read with: then they are read again, with that one.
    fn end_of_pass(
        &mut self,
        summary: &mut FileSummary,
        delimited: &mut Delimited,
        settled: bool,
    ) -> Result<Delimit, ImportError> {
        let dates = match std::mem::replace(&mut delimited.pass, Pass::Header { blank_rows: 0 }) {
            Pass::Header { .. } => return Err(ImportError::Empty { file: summary.file.clone() }),
            Pass::Rows { confirming: None, .. } => return Ok(Delimit::Done),
            Pass::Rows { orders: used, header_rows, confirming: Some(confirming), .. } => {
                summary.date_orders = confirming.tally.choices(&self.options);
                summary.year_first_times = confirming.tally.year_first();
                if summary.date_orders.iter().all(|choice| used.get(choice.column) == choice.order) {
                    return Ok(Delimit::Done);
                }
                self.forget_rows(summary, confirming.start);
                let orders = DateOrders::from_choices(&summary.date_orders, self.options.ambiguous_date_order);
                delimited.read_rows(orders, header_rows, None);
                return Ok(Delimit::PassDone);
            }
            Pass::Dates(dates) => dates,
        };
        let DatesPass { tally, header_rows, orders: counted, start, .. } = dates;
        let (orders, confirming) = match start {
            Some(start) if !settled => (tally.orders_so_far(&self.options), Some(Confirming { tally, start })),
            _ => {
                summary.date_orders = tally.choices(&self.options);
                summary.year_first_times = tally.year_first();
                (DateOrders::from_choices(&summary.date_orders, self.options.ambiguous_date_order), None)
            }
        };
        // Room for the orders the first pass counted, or if it saw only the first rows, for as
        // many as they suggest and an eighth more (a million-row export's first thousand rows
        // have come within 3% of its count): a million orders would otherwise be copied each
        // time their list outgrew its room, each copy a long pause, and the last one leaving up
        // to half the room unused.
        let (seen, total) = (delimited.at, delimited.total_bytes);
        let estimate = if seen < total { counted * total / seen.max(1) * 9 / 8 } else { counted } as usize;
        self.import.orders.reserve(estimate);
        self.order_files.reserve(estimate);
        self.index.0.reserve(estimate);
        delimited.read_rows(orders, header_rows, confirming);
        Ok(Delimit::PassDone)
    }

    /// Undoes the rows read of the file being read, to read them again. Only a file read before
    /// any gave orders is read with its dates' orders not yet settled, so every order there is
    /// is from its rows.
    fn forget_rows(&mut self, summary: &mut FileSummary, start: FileStart) {
        self.import.orders.clear();
        self.index.0.clear();
        self.order_files.clear();
        self.import.skipped.truncate(start.skipped);
        self.import.notes.truncate(start.notes);
        (self.import.rows, self.import.rows_used) = (start.rows, start.rows_used);
        (summary.rows, summary.description_rows) = (0, 0);
    }

    /// One JSON order object, as the orders of its line items.
    fn read_json_order(
        &mut self,
        element: &[u8],
        keys: &mut json::KeyColumns,
    ) -> Result<Vec<(Order, Option<Remark>)>, RowProblem> {
        let rows = match serde_json::from_slice::<serde_json::Value>(element) {
            Ok(serde_json::Value::Object(order)) => json::order_rows(&order, keys),
            Ok(_) => return Err(RowProblem::NotAnOrderObject),
            Err(e) => return Err(RowProblem::NotJson(e.to_string())),
        };
        for (column, _) in rows.iter().flatten() {
            if !self.columns_seen.contains(column) {
                self.columns_seen.push(*column);
            }
        }
        // Every column in a fixed place, so each line item can go through the row reader.
        let columns = ColumnMap(Column::ALL.map(|c| Some(c as usize)));
        let orders =
            DateOrders::from_choices(&[], self.options.date_order.unwrap_or(self.options.ambiguous_date_order));
        let mut previous = PreviousRow::default();
        rows.iter()
            .map(|cells| {
                let row =
                    Row::of(Column::ALL.map(|column| {
                        cells.iter().find(|(c, _)| *c == column).map_or(&b""[..], |(_, t)| t.as_bytes())
                    }));
                Importer::read_row(&self.options, &mut self.texts, &mut previous, &columns, &orders, (&row, None))
            })
            .collect()
    }

    pub fn finish(mut self) -> Import {
        self.import.missing_columns =
            Column::REPORTED_WHEN_MISSING.into_iter().filter(|c| !self.columns_seen.contains(c)).collect();
        // The room reserved from a first look at a file is a little more than it needed; what
        // is left over goes back, for the checks that come next.
        self.import.orders.shrink_to_fit();
        self.import
    }
}

/// Nothing in any cell: a row left empty, or a sheet's row with no text.
fn is_blank(row: &Row) -> bool {
    row.iter().all(|cell| cell.trim_ascii().is_empty())
}

/// Why a row cannot be read at all, before its cells are looked at.
fn unreadable(row: &Row) -> Option<RowProblem> {
    if row.unclosed_quote {
        return Some(RowProblem::UnclosedQuote {
            last_line: row.line + row.text().iter().filter(|&&b| b == b'\n').count() as u64,
        });
    }
    if row.oversized {
        return Some(RowProblem::Oversized);
    }
    // No cell is longer than its row's text: nearly every row's cells need no look.
    let too_long = row.text().len() > MAX_CELL_BYTES && row.iter().any(|cell| cell.len() > MAX_CELL_BYTES);
    too_long.then_some(RowProblem::CellTooLong)
}

/// A header row is short, whole and closed, or the file is no order table.
fn header_fits(row: &Row, file: &Option<String>) -> Result<(), ImportError> {
    let refused = |message: String| Err(ImportError::Malformed { file: file.clone(), message });
    if row.unclosed_quote {
        return refused(format!("a quote opened on line {} is never closed: the whole file is one row", row.line));
    }
    if row.oversized || row.text().len() > MAX_HEADER_BYTES {
        return refused(format!(
            "the first row is longer than {} MiB or wider than {} cells: it is no header, and the file no \
             order export",
            MAX_HEADER_BYTES >> 20,
            rows::MAX_ROW_CELLS
        ));
    }
    Ok(())
}

/// The date order of each time column of one file.
struct DateOrders([DateOrder; Column::ALL.len()]);

impl DateOrders {
    fn from_choices(choices: &[DateOrderChoice], default: DateOrder) -> DateOrders {
        let mut orders = [default; Column::ALL.len()];
        for choice in choices {
            orders[choice.column as usize] = choice.order;
        }
        DateOrders(orders)
    }

    fn get(&self, column: Column) -> DateOrder {
        self.0[column as usize]
    }
}

/// Seller Center puts a row of column descriptions under the header ("Platform unique order
/// ID.", "Order created time.", …): prose where the Order ID belongs.
fn is_description_row(columns: &ColumnMap, record: &Row) -> bool {
    let Some(id) = columns.get(Column::OrderId).and_then(|i| record.get(i)) else { return false };
    let id = id.trim_ascii();
    id.contains(&b' ') && id.ends_with(b".")
}

/// Room for a file that is read whole, or the error that says it is too large: memory that
/// cannot be had must not end the page.
fn room_for(summary: &FileSummary, total_bytes: u64) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    let room = usize::try_from(total_bytes).map_err(|_| too_large(summary, total_bytes))?;
    bytes.try_reserve_exact(room).map_err(|_| too_large(summary, total_bytes))?;
    Ok(bytes)
}

fn too_large(summary: &FileSummary, total_bytes: u64) -> ImportError {
    ImportError::TooLarge { file: summary.file.clone(), bytes: total_bytes }
}

/// A workbook's first sheet as CSV text, for files other than exports (the bulk upload
/// template); refused past `most` bytes.
pub(crate) fn sheet_as_csv(workbook: Vec<u8>, most: usize) -> Result<Vec<u8>, String> {
    let mut rows = xlsx::sheet(workbook, None)?.rows;
    let (mut csv, mut sheet_csv) = (Vec::new(), xlsx::SheetCsv::default());
    while sheet_csv.read(&mut rows, SHEET_SLICE, &mut csv)? {
        if csv.len() > most {
            return Err(format!("the sheet is more than {} MB as text", most >> 20));
        }
    }
    Ok(csv)
}

/// What a text of one JSON value other than an array or object holds.
fn json_scalar(text: &[u8]) -> Option<JsonScalar> {
    match serde_json::from_slice::<serde_json::Value>(text).ok()? {
        serde_json::Value::Number(_) => Some(JsonScalar::Number),
        serde_json::Value::String(_) => Some(JsonScalar::Text),
        serde_json::Value::Bool(_) => Some(JsonScalar::Boolean),
        serde_json::Value::Null => Some(JsonScalar::Null),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => None,
    }
}

/// Whether `bytes` are a ZIP container, as every XLSX file is.
fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether text is JSON rather than a table: an array or an object.
fn is_json(text: &[u8]) -> bool {
    matches!(text.trim_ascii_start().first(), Some(b'[' | b'{'))
}

/// A workbook's sheet being read.
struct SheetRead {
    rows: xlsx::SheetRows,
    /// The rows of the last slice of the sheet; `ended`: the sheet has no more.
    batch: RowBatch,
    ended: bool,
    /// The passes over the rows (its reader of delimited text is not used).
    delimited: Delimited,
}

/// Bytes of a file's start looked at to see what it is: a workbook, UTF-16, JSON, and what
/// separates its cells.
const SNIFF: usize = 64 << 10;

/// Bytes of a legacy encoding decoded per step: a few milliseconds' worth.
const DECODE_SLICE: usize = 1 << 20;

/// Bytes of a sheet's XML read per step: turning them into rows takes longer, under
/// 10 ms for these in a release build in Chromium once the browser has optimised the code, a
/// few times that before.
const SHEET_SLICE: usize = 128 << 10;

/// A file being read a piece at a time ([`Importer::open`], [`Importer::read_piece`]).
pub struct FileRead {
    summary: FileSummary,
    total_bytes: u64,
    body: Body,
}

/// What to hand [`Importer::read_piece`] next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// `n` bytes of the piece were used: go on with the bytes after them (an empty piece once
    /// the file has ended).
    Next(usize),
    /// Go on with the file's first bytes again: a pass over it is done, the next begins.
    FromStart,
    /// The file is read.
    Done,
}

enum Body {
    /// The file's first bytes, gathered until they tell what it is (the first [`SNIFF`] of
    /// them, or all of a smaller file): then the file is read from its start.
    Start(Vec<u8>),
    /// A file needed whole, as it arrives; `encoding`: the one to decode it in. `utf8`: how far
    /// the bytes are known to be UTF-8 (looked at as they arrive, rather than all at once at the
    /// end), `None` once they are known not to be.
    Gathering {
        bytes: Vec<u8>,
        encoding: Option<Encoding>,
        utf8: Option<usize>,
    },
    /// Delimited text read as it arrives (boxed, like `Held`: one per file, and large).
    Streamed(Box<Delimited>),
    /// Delimited text in a legacy encoding, decoded as it arrives.
    Decoding(Box<Decoding>),
    /// A workbook's sheet, its rows made a slice at a time.
    Sheet(Box<SheetRead>),
    /// Delimited text gathered as if JSON and found not to be, decoded, read from `text[at..]`.
    Held {
        delimited: Box<Delimited>,
        text: Vec<u8>,
        at: usize,
    },
    Json {
        bytes: Vec<u8>,
        elements: json::OrderElements,
        keys: json::KeyColumns,
    },
    Finished,
}

/// Delimited text being read, in one of its passes.
struct Delimited {
    reader: RowReader,
    delimiter: u8,
    /// Bytes of the text used in this pass, of `total_bytes`.
    at: u64,
    total_bytes: u64,
    /// Whether the first pass is to find out if the text is UTF-8 (text as a file has it);
    /// decoded text is.
    check_utf8: bool,
    /// The bytes of a byte-order mark the text starts with, passed over on each pass.
    mark_bytes: u8,
    /// Where the columns are, once the header is read.
    columns: ColumnMap,
    pass: Pass,
}

impl Delimited {
    fn new(delimiter: u8, check_utf8: bool, total_bytes: u64) -> Delimited {
        // The first rows are the header's to be, refused past its bound.
        let mut reader = RowReader::new(delimiter);
        reader.refuse_past = Some(MAX_HEADER_BYTES);
        Delimited {
            reader,
            delimiter,
            at: 0,
            total_bytes,
            check_utf8,
            mark_bytes: 0,
            columns: ColumnMap([None; Column::ALL.len()]),
            pass: Pass::Header { blank_rows: 0 },
        }
    }

    /// Ready to read the rows from the text's start, their dates in `orders`.
    fn read_rows(&mut self, orders: DateOrders, header_rows: u64, confirming: Option<Confirming>) {
        self.reader = RowReader::new(self.delimiter);
        self.at = 0;
        self.pass = Pass::Rows { orders, header_rows, confirming, previous: Box::default() };
    }
}

/// Delimited text being decoded a slice at a time.
struct Decoding {
    /// Makes a new decoder for each pass, for the encoding `label` names.
    make: LegacyDecoder,
    label: &'static str,
    decoder: Box<dyn TextDecode>,
    /// The bytes of a UTF-8 byte-order mark the file starts with.
    mark_bytes: u8,
    /// Bytes gathered for the next slice to decode.
    pending: Vec<u8>,
    /// Decoded text, read up to `at`.
    text: Vec<u8>,
    at: usize,
    /// Whether the decoder has been told the file ended.
    flushed: bool,
    /// Bytes of the file decoded in this pass.
    decoded: u64,
    delimited: Delimited,
}

impl Decoding {
    /// Ready for the text again from its start, for the next pass.
    fn restart(&mut self) {
        if let Some(decoder) = (self.make)(self.label) {
            self.decoder = decoder;
        }
        (self.at, self.flushed, self.decoded) = (0, false, 0);
        self.text.clear();
        self.pending.clear();
    }
}

enum Pass {
    /// Looking for the header row past blank ones.
    Header { blank_rows: u64 },
    /// The first pass, after the header: the whole text, or for a file that can be read again,
    /// its first rows ([`PREVIEW_ROWS`]).
    Dates(DatesPass),
    /// The last pass: rows become orders, their dates read in `orders`. `header_rows`: rows up
    /// to the header, skipped. `confirming`: what is left to look at, if the first pass stopped
    /// at the first rows.
    Rows { orders: DateOrders, header_rows: u64, confirming: Option<Confirming>, previous: Box<PreviousRow> },
}

/// Rows the first pass looks at, in a file that can be read again, before the import starts:
/// enough for the dates of most exports to show their order (a day above 12), few enough not to
/// cost a second pass over a large file.
const PREVIEW_ROWS: u64 = 1_000;

struct DatesPass {
    tally: DateOrderTally,
    header_rows: u64,
    /// Orders seen so far, counted as changes of Order ID from one row to the next.
    orders: u64,
    last_id: Vec<u8>,
    /// Where the import stood as the file began, if the file can be read again from there.
    start: Option<FileStart>,
}

/// The looking at a file's text and dates that goes on along with the import of its rows, when
/// the first pass saw only the first rows (the text is checked for UTF-8 as the first pass
/// checked it, by `Delimited::check_utf8`).
struct Confirming {
    /// Carried on from the first pass.
    tally: DateOrderTally,
    start: FileStart,
}

/// Where the import stood as a file began: what reading the file again goes back to.
#[derive(Clone, Copy)]
struct FileStart {
    skipped: usize,
    notes: usize,
    rows: u64,
    rows_used: u64,
}

/// What one row came to in its pass over the file.
enum Took {
    /// Passed over: a blank row, or one before the header.
    Passed,
    /// The header, found.
    Header,
    /// Tallied or imported: one of the rows a step reads.
    Counted,
    /// The pass is over (`settled`: it saw all there was to see).
    PassEnded { settled: bool },
}

/// What reading delimited text came to.
enum Delimit {
    /// Bytes of the input used; it is used up, or enough rows were read.
    Used(usize),
    /// The first pass is done: read the text again from its start.
    PassDone,
    /// The text is not UTF-8.
    NotUtf8,
    Done,
}

/// How far a file has been read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub total_bytes: u64,
    pub rows: u64,
    /// Whether this is the first pass over the file, which looks at its first rows (all of them
    /// for a file after one that gave orders) to see whether its text is UTF-8 and each time
    /// column's date order; the next imports the rows.
    pub scanning_dates: bool,
}

impl FileRead {
    pub fn progress(&self) -> Progress {
        let (bytes_read, scanning_dates) = match &self.body {
            // Looking at the file's first bytes is part of the first look at it.
            Body::Start(seen) => (seen.len() as u64, true),
            Body::Gathering { bytes, .. } => (bytes.len() as u64, false),
            Body::Sheet(sheet) => (
                (sheet.rows.progress() * self.total_bytes as f64) as u64,
                !matches!(sheet.delimited.pass, Pass::Rows { .. }),
            ),
            Body::Streamed(delimited) | Body::Held { delimited, .. } => {
                (delimited.at, !matches!(delimited.pass, Pass::Rows { .. }))
            }
            // Counted in the file's own bytes: the decoded text is longer.
            Body::Decoding(decoding) => (decoding.decoded, !matches!(decoding.delimited.pass, Pass::Rows { .. })),
            Body::Json { bytes, elements, .. } => (elements.position(bytes.len()) as u64, false),
            Body::Finished => (self.total_bytes, false),
        };
        Progress {
            bytes_read: bytes_read.min(self.total_bytes),
            total_bytes: self.total_bytes,
            rows: self.summary.rows,
            scanning_dates,
        }
    }
}

/// Reads a single export, e.g. pasted text.
pub fn import_orders(bytes: &[u8], options: ImportOptions) -> Result<Import, ImportError> {
    let mut importer = Importer::new(options);
    importer.read(None, bytes)?;
    Ok(importer.finish())
}

/// Picks the delimiter from the header line: pasted spreadsheet cells arrive tab-separated,
/// European CSV uses semicolons, everything else commas.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').find(|line| !line.trim_ascii().is_empty());
    let header = header.unwrap_or_default();
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b',', b'\t', b';'].into_iter().max_by_key(|&d| count(d)).filter(|&d| count(d) > 0).unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{Fulfillment, OrderKind, OrderStatus};

    const HEADER: &str = "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name\n";

    fn import(body: &str) -> Import {
        import_orders(format!("{HEADER}{body}").as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap()
    }

    #[test]
    fn sku_lines_are_grouped_into_one_order_and_each_row_counted() {
        let got = import(
            "A1,2024-11-12 09:00:00,2024-11-12 09:05:00,,,\n\
             A1,2024-11-12 09:00:00,2024-11-12 09:05:00,2024-11-13 10:00:00,YT123,YunExpress\n\
             B2,2024-11-12 10:00:00,,,,\n",
        );
        assert_eq!((got.rows, got.rows_used, got.orders.len()), (3, 3, 2));
        let a1 = &got.orders[0];
        assert_eq!((a1.id.as_ref(), a1.line), ("A1", 2));
        assert!(a1.shipped.is_some());
        assert_eq!(a1.tracking_id.as_deref(), Some("YT123"));
        assert_eq!(got.orders[1].paid, None);
        assert!(got.skipped.is_empty());
        assert_eq!(got.missing_columns, vec![Column::OrderStatus, Column::DeliveredTime]);
    }

    #[test]
    fn every_time_column_is_read_when_it_is_the_only_one_of_its_kind_in_the_file() {
        let options = || ImportOptions::in_zone(Zone::SHANGHAI);
        let without = import_orders(b"Order ID,Paid Time\nA1,2026-12-01 09:00:00\n", options()).unwrap();
        for column in Column::TIMES.into_iter().filter(|&c| c != Column::PaidTime) {
            let csv = format!("Order ID,Paid Time,{}\nA1,2026-12-01 09:00:00,2026-12-02 10:00:00\n", column.names()[0]);
            let with = import_orders(csv.as_bytes(), options()).unwrap();
            assert!(with.skipped.is_empty(), "{column:?}");
            assert_ne!(with.orders, without.orders, "{column:?} was not read");
        }
    }

    #[test]
    fn rows_of_a_file_with_crlf_line_ends_are_numbered_by_their_own_line() {
        let got = import("A1,2024-11-12 09:00:00,,,,\r\nB2,someday,,,,\r\nC3,2024-11-12 09:00:00,,,,\r\n");
        assert_eq!(got.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), [3]);
        assert_eq!(got.orders.iter().map(|o| o.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn a_file_read_whole_that_memory_cannot_hold_is_an_error_not_a_crash() {
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        let mut reading = importer.open(Some("huge.xlsx"), u64::MAX);
        let start = b"PK\x03\x04 the rest of a workbook";
        assert_eq!(importer.read_piece(&mut reading, start, usize::MAX), Ok(Step::Next(start.len())));
        let got = importer.read_piece(&mut reading, &[], usize::MAX);
        assert_eq!(got, Err(ImportError::TooLarge { file: Some("huge.xlsx".into()), bytes: u64::MAX }));
    }

    #[test]
    fn utf16_text_is_decoded_as_it_comes_and_utf16_json_whole() {
        let mut text = String::from("Order ID\tPaid Time\tProduct Name\r\n");
        text.extend((0..300).map(|i| format!("A{i}\t2024-11-12 09:00:00\t杯子 😀\r\n")));
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let whole = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(
            (&*whole.files[0].encoding, whole.files[0].delimiter, whole.orders.len()),
            ("UTF-16LE", Some('\t'), 300)
        );
        assert_eq!(&*whole.orders[299].lines[0].product, "杯子 😀");
        // Pieces of an odd size cut code units and surrogate pairs.
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        read_in_pieces(&mut importer, None, &bytes, 333, 50).unwrap();
        assert_eq!(importer.finish(), whole);

        let json = "[{\"id\": \"订单\", \"paid_time\": 1795500060}]";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(json.encode_utf16().flat_map(u16::to_be_bytes));
        let got = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!((&*got.files[0].format, &*got.files[0].encoding, &*got.orders[0].id), ("json", "UTF-16BE", "订单"));
    }

    #[test]
    fn a_carrier_named_by_many_orders_is_kept_once() {
        let got = import(
            "A1,2024-11-12 09:00:00,,,YT1,YunExpress\n\
             B2,2024-11-12 10:00:00,,,YT2,YunExpress\n\
             C3,2024-11-12 11:00:00,,,YT3,USPS\n",
        );
        let carrier = |i: usize| got.orders[i].carrier.clone().unwrap();
        assert!(Text::ptr_eq(&carrier(0), &carrier(1)));
        assert_eq!((&*carrier(1), &*carrier(2)), ("YunExpress", "USPS"));
    }

    #[test]
    fn unusable_rows_are_reported_with_their_line_and_reason() {
        let got = import(
            ",2024-11-12 09:00:00,,,,\n\
             C3,yesterday,,,,\n\
             D4,2024-11-12 09:00:00,,,,\n",
        );
        assert_eq!((got.rows, got.rows_used), (3, 1));
        assert_eq!(got.skipped[0], SkippedRow::new(None, 2, &RowProblem::NoOrderId));
        assert_eq!(got.skipped[1].line, 3);
        assert!(got.skipped[1].reason.starts_with("Created Time: \"yesterday\" is not a date"));
    }

    #[test]
    fn line_numbers_count_lines_inside_quoted_cells() {
        let got = import("E5,\"2024-11-12\n09:00:00\",,,,\nF6,bad,,,,\n");
        assert_eq!(got.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn tabs_bom_and_padding_are_tolerated() {
        let text = "\u{feff}Order ID\tCreated Time\t\n 576461413\t\t2024-11-12 09:00:00\t\t\n";
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(got.orders.len(), 1);
        assert_eq!(&*got.orders[0].id, "576461413");
        assert_eq!(got.missing_columns, Column::REPORTED_WHEN_MISSING.to_vec());
    }

    #[test]
    fn a_file_without_the_needed_columns_is_an_error_naming_them() {
        let err = import_orders(b"Order,When\n1,2\n", ImportOptions::in_zone(Zone::SHANGHAI)).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumns { .. }));
        assert!(err.to_string().contains("Order ID"), "{err}");
        assert_eq!(
            import_orders(b"\n \n", ImportOptions::in_zone(Zone::SHANGHAI)).unwrap_err(),
            ImportError::Empty { file: None }
        );
    }

    #[test]
    fn non_utf8_cells_cost_one_row() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"G7,2024-11-12 09:00:00,,,\xff\xfe,\nH8,2024-11-12 09:00:00,,,,\n");
        let got = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!((got.rows, got.rows_used), (2, 1));
        assert_eq!(got.skipped[0].reason, "Tracking ID is not UTF-8 text");
    }

    #[test]
    fn sku_lines_statuses_and_platform_deadlines_are_kept() {
        let text =
            "Order ID,Order Status,Seller SKU,Product Name,Variation,Quantity,Paid Time,Cancel By,tts_sla_time\n\
                    A1,Awaiting shipment,MUG,Mug,Blue,2,2024-11-12 09:00:00,,1731546000\n\
                    A1,Awaiting shipment,CUP,Cup,,1,2024-11-12 09:00:00,,\n\
                    B2,Cancelled,PEN,Pen,,x,2024-11-12 09:00:00,System,\n\
                    C3,Teleported,PEN,Pen,,1,2024-11-12 09:00:00,,\n";
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        let a1 = &got.orders[0];
        assert_eq!(a1.status, Some(OrderStatus::AwaitingShipment));
        assert_eq!(a1.lines.len(), 2);
        assert_eq!(
            (a1.lines[0].sku.as_ref(), a1.lines[0].variation.as_ref(), a1.lines[0].quantity),
            ("MUG", "Blue", 2)
        );
        assert_eq!(a1.platform.as_ref().and_then(|p| p.tts_sla).map(|t| t.timestamp()), Some(1_731_546_000));
        // An unreadable quantity costs its SKU line, said, not the order.
        assert_eq!(got.orders[1].id.as_ref(), "B2");
        assert!(got.orders[1].lines.is_empty());
        assert_eq!((got.notes.len(), got.notes[0].line, got.notes[0].order_id.as_str()), (1, 4, "B2"));
        assert!(got.notes[0].note.starts_with("Quantity \"x\" is not a whole number: this SKU line is left out"));
        assert_eq!(got.skipped.len(), 1);
        assert_eq!(got.skipped[0].reason, "Order Status: unknown status \"Teleported\"");
    }

    #[test]
    fn a_date_column_pointing_both_ways_is_read_by_default_and_its_odd_rows_reported() {
        let text = "Order ID,Paid Time\nA,25/11/2024 10:00\nB,11/25/2024 10:00\nC,11/12/2024 10:00\n";
        let options = ImportOptions { ambiguous_date_order: DateOrder::DayFirst, ..ImportOptions::in_zone(Zone::UTC) };
        let got = import_orders(text.as_bytes(), options).unwrap();
        let choice = &got.files[0].date_orders[0];
        assert_eq!(
            (choice.column, choice.order, choice.decided_by),
            (Column::PaidTime, DateOrder::DayFirst, DecidedBy::Conflict)
        );
        assert_eq!(got.skipped.len(), 1);
        assert_eq!(got.skipped[0].line, 3);
        assert_eq!(got.orders[1].paid.unwrap().to_rfc3339(), "2024-12-11T10:00:00+00:00");
    }

    #[test]
    fn a_date_no_order_reads_decides_nothing_and_the_others_show_both_readings() {
        // 31/02 would have made the column day-first, and 12/01 the 12th of January.
        let text =
            "Order ID,Paid Time\nA,31/02/2026 10:00\nB,12/01/2026 10:00\nC,03/04/2026 10:00\nD,05/06/2026 10:00\n";
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::UTC)).unwrap();
        let choice = &got.files[0].date_orders[0];
        assert_eq!((choice.order, choice.decided_by), (DateOrder::MonthFirst, DecidedBy::Default));
        assert_eq!((got.skipped.len(), got.skipped[0].line), (1, 2), "the impossible date is reported");
        assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2026-12-01T10:00:00+00:00");
        let examples: Vec<(&str, u64, String, String)> = choice
            .examples
            .iter()
            .map(|e| (e.text.as_str(), e.line, e.month_first.to_string(), e.day_first.to_string()))
            .collect();
        assert_eq!(
            examples,
            [
                ("12/01/2026 10:00", 3, "2026-12-01".into(), "2026-01-12".into()),
                ("03/04/2026 10:00", 4, "2026-03-04".into(), "2026-04-03".into())
            ]
        );
    }

    #[test]
    fn dotted_dates_are_read_day_first() {
        let text = "Order ID;Paid Time\nA;02.12.2026 10:00\n";
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::UTC)).unwrap();
        assert_eq!(got.files[0].date_orders[0].decided_by, DecidedBy::Values);
        assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2026-12-02T10:00:00+00:00");
    }

    #[test]
    fn an_all_ambiguous_column_follows_the_market_and_says_so() {
        let text = "Order ID,Paid Time\nA,11/12/2024 10:00\n";
        let options = ImportOptions { ambiguous_date_order: DateOrder::DayFirst, ..ImportOptions::in_zone(Zone::UTC) };
        let got = import_orders(text.as_bytes(), options.clone()).unwrap();
        assert_eq!(got.files[0].date_orders[0].decided_by, DecidedBy::Default);
        assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2024-12-11T10:00:00+00:00");
        let overridden = ImportOptions { date_order: Some(DateOrder::MonthFirst), ..options };
        let got = import_orders(text.as_bytes(), overridden).unwrap();
        assert_eq!(got.files[0].date_orders[0].decided_by, DecidedBy::Override);
        assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2024-11-12T10:00:00+00:00");
    }

    #[test]
    fn utf16_big_endian_with_bom_is_decoded() {
        let text = "Order ID\tPaid Time\n中文订单\t2024-11-12 09:00:00\n";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let got = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(&*got.files[0].encoding, "UTF-16BE");
        assert_eq!(&*got.orders[0].id, "中文订单");
    }

    #[test]
    fn text_that_is_not_utf8_goes_to_the_legacy_decoder_when_there_is_one() {
        // "订单" in GB18030.
        let bytes = b"Order ID,Paid Time\n\xb6\xa9\xb5\xa5,2024-11-12 09:00:00\n".to_vec();
        let got = import_orders(&bytes, gb18030_options()).unwrap();
        assert_eq!((&*got.files[0].encoding, got.orders[0].id.as_ref()), ("GB18030", "订单"));
        let json = b"[{\"id\": \"\xb6\xa9\xb5\xa5\", \"paid_time\": 1795500060}]";
        let got = import_orders(json, gb18030_options()).unwrap();
        assert_eq!(
            (&*got.files[0].format, &*got.files[0].encoding, got.orders[0].id.as_ref()),
            ("json", "GB18030", "订单")
        );
        let forced = ImportOptions { encoding: Some(Encoding::Gb18030), ..gb18030_options() };
        let got = import_orders(&bytes, forced).unwrap();
        assert_eq!((&*got.files[0].encoding, got.orders[0].id.as_ref()), ("GB18030", "订单"));
        let undecodable = b"Order ID,Paid Time\nA\xff\xfe,2024-11-12 09:00:00\n";
        let got = import_orders(undecodable, gb18030_options()).unwrap();
        assert_eq!((&*got.files[0].encoding, got.rows, got.skipped.len()), ("not UTF-8 (undecoded)", 1, 1));

        let without = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(without.files[0].encoding, "not UTF-8 (undecoded)");
        assert_eq!(without.skipped[0].reason, "Order ID is not UTF-8 text");
    }

    #[test]
    fn a_sellers_column_mapping_applies_to_files_with_that_header_row() {
        let text = "Bestellnummer,Bezahlt am\nA1,2024-11-12 09:00:00\n";
        let header = vec!["Bestellnummer".to_owned(), "Bezahlt am".to_owned()];
        let err = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap_err();
        assert_eq!(
            err,
            ImportError::MissingColumns {
                file: None,
                missing: vec![Column::OrderId, Column::CreatedTime, Column::PaidTime],
                found: header.clone(),
            }
        );
        let mapping = ColumnMapping {
            header: header.clone(),
            columns: vec![(Column::OrderId, "Bestellnummer".into()), (Column::PaidTime, "Bezahlt am".into())],
        };
        let options =
            ImportOptions { column_mappings: vec![mapping.clone()], ..ImportOptions::in_zone(Zone::SHANGHAI) };
        let got = import_orders(text.as_bytes(), options).unwrap();
        assert_eq!((got.orders[0].id.as_ref(), got.orders[0].paid.is_some()), ("A1", true));
        // Another header row does not take the mapping.
        let other = "Bestellnummer,Bezahlt\nA1,2024-11-12 09:00:00\n";
        let options = ImportOptions { column_mappings: vec![mapping], ..ImportOptions::in_zone(Zone::SHANGHAI) };
        assert!(import_orders(other.as_bytes(), options).is_err());
    }

    #[test]
    fn a_forced_encoding_wins_over_detection() {
        let text = "Order ID\tPaid Time\nA1\t2024-11-12 09:00:00\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect(); // no BOM
        let detected = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI));
        assert!(detected.is_err(), "without a BOM, UTF-16 is not recognised");
        let forced = ImportOptions { encoding: Encoding::parse("UTF-16LE"), ..ImportOptions::in_zone(Zone::SHANGHAI) };
        let got = import_orders(&bytes, forced).unwrap();
        assert_eq!((&*got.files[0].encoding, got.orders[0].id.as_ref()), ("UTF-16LE", "A1"));
        assert_eq!(Encoding::parse("GBK"), Some(Encoding::Gb18030));
        assert_eq!(Encoding::parse("latin-1"), None);
    }

    #[test]
    fn localised_and_generic_headers_find_their_columns() {
        let files = [
            "订单号,付款时间,物流单号,物流承运商,订单状态\nA,2024-11-12 09:00:00,YT2412345678901234,云途,已发货\n",
            "ID Pesanan,Waktu Pembayaran,Nomor Resi,Kurir,Status Pesanan\nA,2024-11-12 09:00:00,YT2412345678901234,YunExpress,Dikirim\n",
            "Mã đơn hàng,Thời gian thanh toán,Mã vận đơn,Đơn vị vận chuyển,Trạng thái đơn hàng\nA,2024-11-12 09:00:00,YT2412345678901234,YunExpress,Đang giao\n",
            "order_number,PAYMENT-TIME,Tracking No,Carrier,status\nA,2024-11-12 09:00:00,YT2412345678901234,YunExpress,shipped\n",
        ];
        for file in files {
            let got = import_orders(file.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
            let order = &got.orders[0];
            assert_eq!((got.rows_used, order.id.as_ref()), (1, "A"), "{file}");
            assert_eq!(order.tracking_id.as_deref(), Some("YT2412345678901234"), "{file}");
            assert_eq!(order.status, Some(OrderStatus::InTransit), "{file}");
            assert!(order.paid.is_some() && order.carrier.is_some(), "{file}");
        }
    }

    /// The 63 columns of a 2026 US Seller Center export, as it writes them (a leading space in
    /// ` Virtual Bundle Seller SKU` included).
    const US_2026_HEADER: [&str; 63] = [
        "Order ID",
        "Order Status",
        "Order Substatus",
        "Cancelation/Return Type",
        "Normal or Pre-order",
        "SKU ID",
        "Seller SKU",
        "Product ID",
        "Product Name",
        "Variation",
        " Virtual Bundle Seller SKU",
        "Quantity",
        "Sku Quantity of return",
        "SKU Unit Original Price",
        "SKU Subtotal Before Discount",
        "SKU Platform Discount",
        "SKU Seller Discount",
        "SKU Subtotal After Discount",
        "Shipping Fee After Discount",
        "Original Shipping Fee",
        "Shipping Fee Seller Discount",
        "Co-Funded Shipping Fee Discount",
        "Shipping Fee Platform Discount",
        "Payment platform discount",
        "Retail Delivery Fee",
        "Taxes",
        "Order Amount",
        "Order Refund Amount",
        "Created Time",
        "Paid Time",
        "RTS Time",
        "Shipped Time",
        "Delivered Time",
        "Cancelled Time",
        "Cancel By",
        "Cancel Reason",
        "Fulfillment Type",
        "Warehouse Name",
        "Tracking ID",
        "Delivery Option Type",
        "Delivery Option",
        "Shipping Provider Name",
        "Buyer Message",
        "Buyer Nickname",
        "Buyer Username",
        "Recipient",
        "Phone #",
        "Country",
        "State",
        "City",
        "Zipcode",
        "Address Line 1",
        "Address Line 2",
        "Delivery Instruction",
        "Payment Method",
        "Weight(kg)",
        "Product Category",
        "Package ID",
        "Seller Note",
        "Shipping Information",
        "Combined Listing",
        "Order Channel",
        "Creator Handle",
    ];

    /// One row of that export: `cells` by header, the rest empty.
    fn us_row(cells: &[(&str, &str)]) -> String {
        let row: Vec<String> = US_2026_HEADER
            .iter()
            .map(|header| {
                let value = cells.iter().find(|(h, _)| h == &header.trim()).map_or("", |(_, v)| v);
                format!("\"{value}\t\"")
            })
            .collect();
        row.join(",")
    }

    #[test]
    fn each_row_is_express_by_its_own_delivery_option_whatever_the_row_before_said() {
        let csv = "Order ID,Paid Time,Delivery Option,Delivery Option Type\n\
                   A,2026-03-31 10:00:00,Express shipping,\n\
                   B,2026-03-31 10:00:00,Express shipping,\n\
                   C,2026-03-31 10:00:00,Standard shipping,\n\
                   D,2026-03-31 10:00:00,Standard shipping,Express\n\
                   E,2026-03-31 10:00:00,,Express\n\
                   F,2026-03-31 10:00:00,,\n\
                   G,2026-03-31 10:00:00,Express shipping,Standard\n";
        let got = import_orders(csv.as_bytes(), ImportOptions::in_zone(Zone::LOS_ANGELES)).unwrap();
        let express: Vec<bool> = got.orders.iter().map(|order| order.express).collect();
        assert_eq!(express, [true, true, false, true, true, false, true]);
    }

    #[test]
    fn every_column_of_the_2026_us_export_is_recognised_and_the_fields_that_decide_the_rules_read() {
        let header = US_2026_HEADER.join(",");
        let base = [("Order ID", "576461413038785901"), ("Paid Time", "03/31/2026 11:52:23 PM")];
        let with = |more: &[(&'static str, &'static str)]| us_row(&[&base[..], more].concat());
        let rows = [
            with(&[
                ("Order Status", "To ship"),
                ("Order Substatus", "Awaiting collection"),
                ("Fulfillment Type", "Fulfillment by seller"),
                ("Delivery Option", "Express shipping"),
                ("Normal or Pre-order", "Pre-order"),
                ("Package ID", "1150001"),
                ("Tracking ID", "9497971147104974650754"),
                ("Seller SKU", "MUG"),
            ]),
            // The order's second SKU line ships in a package of its own.
            with(&[("Package ID", "1150002"), ("Tracking ID", "9391703423667127684262"), ("Seller SKU", "CUP")]),
            us_row(&[
                ("Order ID", "576461413038785902"),
                ("Paid Time", "03/31/2026 10:00:00 AM"),
                ("Order Status", "Cancelled"),
                ("Cancel By", "Seller"),
                ("Cancel Reason", "Out of stock"),
                ("Fulfillment Type", "Fulfillment by TikTok Shop"),
            ]),
        ];
        let file = format!("{header}\n{}\n", rows.join("\n"));
        let got = import_orders(file.as_bytes(), ImportOptions::in_zone(Zone::LOS_ANGELES)).unwrap();
        assert_eq!(got.files[0].unrecognised_columns, Vec::<String>::new());
        assert_eq!((got.rows_used, got.orders.len()), (3, 2));
        let split = &got.orders[0];
        assert_eq!(split.status, Some(OrderStatus::AwaitingCollection), "the substatus says more than the status");
        assert_eq!((split.fulfillment, split.kind, split.express), (Fulfillment::BySeller, OrderKind::PreOrder, true));
        assert_eq!(split.package_id.as_deref(), Some("1150001"));
        let more = &split.terms.as_ref().unwrap().more_packages;
        assert_eq!(more, &[(Some("1150002".into()), Some("9391703423667127684262".into()))]);
        let fbt = &got.orders[1];
        assert_eq!(fbt.fulfillment, Fulfillment::ByTiktok);
        assert_eq!(fbt.terms.as_ref().unwrap().cancel_reason.as_deref(), Some("Out of stock"));

        let odd = "Order ID,Paid Time,Gift Wrap\nA,2026-03-31 10:00:00,yes\n";
        let got = import_orders(odd.as_bytes(), ImportOptions::in_zone(Zone::LOS_ANGELES)).unwrap();
        assert_eq!(got.files[0].unrecognised_columns, ["Gift Wrap"]);
    }

    #[test]
    fn the_description_row_is_recognised_only_under_the_header() {
        let text = "Order ID,Paid Time\nPlatform unique order ID.,Order paid time.\nA,2024-11-12 09:00:00\nNot an ID.,2024-11-12 09:00:00\n";
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(got.files[0].description_rows, 1);
        assert_eq!((got.rows, got.rows_used, got.skipped.len()), (3, 2, 1));
        assert_eq!(got.skipped[0].reason, "Seller Center's row of column descriptions, not an order");
    }

    #[test]
    fn any_bytes_give_an_account_of_every_row_without_panicking() {
        // A deterministic stream of inputs: a real export with bytes overwritten, cut short and
        // spliced with separators, quotes, BOMs, invalid UTF-8 and odd dates.
        let base = format!(
            "{HEADER}576461413038785001,2024-11-12 09:00:00,2024-11-12 09:05:00,,YT2432100012345678,YunExpress\n\
             576461413038785002,11/25/2024 9:00:00 PM,\"25/11/2024 21:00\",,\"x\"\"y\",\n"
        );
        let json = r#"{"data": {"orders": [{"id": "1", "paid_time": 1795500060, "line_items": [{"seller_sku": "A"}]},
            {"id": "2", "status": "IN_TRANSIT", "paid_time": "11/12/2024 9:00 AM", "x": [1, {"y": "]"}]}]}}"#;
        let noise: &[&[u8]] = &[
            b",",
            b"\t",
            b";",
            b"\"",
            b"\n",
            b"\r\n",
            b"\xff\xfe",
            b"\xef\xbb\xbf",
            b"\xc3",
            b"/",
            b"1.2E+17",
            b"--",
            b"13/13/2024 1:00 PM",
            b"{",
            b"}",
            b"[",
            b"]",
            b"\\",
            b":",
        ];
        let mut seed: u64 = 42;
        for round in 0..10_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mut bytes = if round % 2 == 0 { base.as_bytes() } else { json.as_bytes() }.to_vec();
            for k in 0..(seed >> 60) as usize + 1 {
                let at = (seed >> (k * 7 % 40)) as usize % bytes.len();
                let insert = noise[(seed >> (k * 5 % 50)) as usize % noise.len()];
                bytes.splice(at..at, insert.iter().copied());
            }
            bytes.truncate(bytes.len() - (seed >> 56) as usize % 20);
            let whole = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI));
            if let Ok(got) = &whole {
                assert_eq!(got.rows, got.rows_used + got.skipped.len() as u64, "{:?}", String::from_utf8_lossy(&bytes));
            }
            // Handed over in pieces, a few rows per call, the same bytes give the same answer.
            let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
            let (size, rows) = (100 + (seed >> 20) as usize % 400, 1 + (seed >> 30) as usize % 3);
            let pieces = read_in_pieces(&mut importer, None, &bytes, size, rows).map(|_| importer.finish());
            assert_eq!(pieces, whole, "pieces of {size}: {:?}", String::from_utf8_lossy(&bytes));
        }
    }

    /// Reads `bytes` as a page does: handed over in pieces of `size` bytes, at most `max_rows`
    /// rows per call, going back to the start when asked. Returns the progress after each call.
    fn read_in_pieces(
        importer: &mut Importer,
        file: Option<&str>,
        bytes: &[u8],
        size: usize,
        max_rows: usize,
    ) -> Result<Vec<Progress>, ImportError> {
        let mut reading = importer.open(file, bytes.len() as u64);
        let mut seen = Vec::new();
        let (mut offset, mut used) = (0, 0);
        loop {
            let piece = &bytes[offset.min(bytes.len())..(offset + size).min(bytes.len())];
            match importer.read_piece(&mut reading, &piece[used..], max_rows)? {
                Step::Next(n) => used += n,
                Step::FromStart => (offset, used) = (0, 0),
                Step::Done => break,
            }
            if used == piece.len() && !piece.is_empty() {
                (offset, used) = (offset + size, 0);
            }
            seen.push(reading.progress());
        }
        assert_eq!(importer.read_piece(&mut reading, &[], max_rows)?, Step::Done, "a read file is done");
        Ok(seen)
    }

    /// How many times the rows of a file were begun, from the progress of reading it.
    /// What came after the look at the file's first bytes, which gathers them and then reads
    /// the file from its start.
    fn after_sniff(seen: &[Progress]) -> &[Progress] {
        &seen[seen.iter().position(|p| p.bytes_read == 0).unwrap_or(0)..]
    }

    fn row_passes(seen: &[Progress]) -> usize {
        seen.iter().filter(|p| !p.scanning_dates && p.bytes_read == 0 && p.rows == 0).count()
    }

    fn month_first_in_utc() -> ImportOptions {
        ImportOptions { ambiguous_date_order: DateOrder::MonthFirst, ..ImportOptions::in_zone(Zone::UTC) }
    }

    #[test]
    fn rows_read_before_a_later_date_decides_otherwise_are_read_again() {
        // Day-first values only after the first rows: those were read month first, as the market.
        let mut text = String::from("Order ID,Paid Time\n");
        text.extend((0..1500).map(|i| format!("A{i},11/12/2024 09:00\n")));
        text.push_str("B,25/12/2024 09:00\n");
        let mut importer = Importer::new(month_first_in_utc());
        let seen = read_in_pieces(&mut importer, Some("dates.csv"), text.as_bytes(), text.len(), 300).unwrap();
        // The first pass takes batches too, and stops at the first rows.
        let first: Vec<u64> =
            after_sniff(&seen).iter().take_while(|p| p.scanning_dates).map(|p| p.bytes_read).collect();
        assert_eq!(first.len(), 4, "the header, then 300, 600 and 900 rows of {PREVIEW_ROWS}: {first:?}");
        assert!(*first.last().unwrap() < text.len() as u64 * 3 / 4);
        assert_eq!(row_passes(&seen), 2);
        let import = importer.finish();
        let choice = &import.files[0].date_orders[0];
        assert_eq!((choice.order, choice.decided_by), (DateOrder::DayFirst, DecidedBy::Values));
        assert_eq!((import.rows, import.rows_used, import.orders.len()), (1501, 1501, 1501));
        assert_eq!(import.orders[0].paid.unwrap().to_rfc3339(), "2024-12-11T09:00:00+00:00");
    }

    #[test]
    fn a_column_empty_in_the_first_rows_goes_the_way_of_the_others_and_the_rows_are_read_once() {
        let mut text = String::from("Order ID,Paid Time,Delivered Time\n");
        text.extend((0..1200).map(|i| format!("A{i},25/11/2024 09:00,\n")));
        text.extend((1200..1500).map(|i| format!("A{i},25/11/2024 09:00,03/12/2024 10:00\n")));
        text.push_str("B,25/11/2024 09:00,28/12/2024 10:00\n");
        let mut importer = Importer::new(month_first_in_utc());
        let seen = read_in_pieces(&mut importer, None, text.as_bytes(), 4096, 300).unwrap();
        assert_eq!(row_passes(&seen), 1);
        let import = importer.finish();
        let decided: Vec<_> = import.files[0].date_orders.iter().map(|c| (c.column, c.order, c.decided_by)).collect();
        assert_eq!(
            decided,
            [
                (Column::PaidTime, DateOrder::DayFirst, DecidedBy::Values),
                (Column::DeliveredTime, DateOrder::DayFirst, DecidedBy::Values)
            ]
        );
        assert_eq!(import.orders[1300].delivered.unwrap().to_rfc3339(), "2024-12-03T10:00:00+00:00");
        assert_eq!(import.rows_used, 1501);
    }

    #[test]
    fn a_late_conflict_reads_the_rows_again_by_the_market_and_reports_each_odd_row_once() {
        let mut text = String::from("Order ID,Paid Time\n");
        text.extend((0..1500).map(|i| format!("A{i},25/11/2024 09:00\n")));
        text.push_str("B,11/25/2024 09:00\n");
        let mut importer = Importer::new(month_first_in_utc());
        let seen = read_in_pieces(&mut importer, None, text.as_bytes(), 4096, 300).unwrap();
        assert_eq!(row_passes(&seen), 2);
        let import = importer.finish();
        assert_eq!(import.files[0].date_orders[0].decided_by, DecidedBy::Conflict);
        assert_eq!((import.rows, import.rows_used, import.skipped.len()), (1501, 1, 1500));
        assert_eq!(import.files[0].rows, 1501);
    }

    #[test]
    fn successive_exports_read_oldest_first_leave_each_order_as_the_newest_says() {
        let options = ImportOptions { later_files_win: true, ..month_first_in_utc() };
        let mut importer = Importer::new(options);
        let monday = "Order ID,Order Status,Seller SKU,Paid Time,Shipped Time\n\
                      A,Awaiting shipment,MUG,11/30/2026 09:00,\n\
                      A,Awaiting shipment,LAMP,11/30/2026 09:00,\n\
                      B,Awaiting shipment,MUG,11/30/2026 10:00,\n";
        let tuesday = "Order ID,Order Status,Seller SKU,Paid Time,Shipped Time\n\
                       A,In transit,MUG,11/30/2026 09:00,12/01/2026 08:00\n\
                       C,Awaiting shipment,SOCK,12/01/2026 07:00,\n";
        importer.read(Some("monday.csv"), monday.as_bytes()).unwrap();
        importer.read(Some("tuesday.csv"), tuesday.as_bytes()).unwrap();
        let import = importer.finish();
        let ids: Vec<&str> = import.orders.iter().map(|o| o.id.as_ref()).collect();
        assert_eq!(ids, ["A", "B", "C"]);
        let a = &import.orders[0];
        assert_eq!(a.status, Some(OrderStatus::InTransit));
        assert_eq!(a.shipped.unwrap().to_rfc3339(), "2026-12-01T08:00:00+00:00");
        assert_eq!(a.lines.len(), 1, "Tuesday's rows, not Monday's added to them");
        assert_eq!((a.line, import.orders_updated), (2, 1));
        assert!(import.orders_in_several_files.is_empty());
        assert_eq!((import.rows, import.rows_used), (5, 5));
    }

    #[test]
    fn each_file_takes_the_shop_the_seller_named_it_as_and_a_shop_column_wins() {
        let file_shops = vec![("east.csv".into(), "East Shop".into()), ("west.csv".into(), "West Shop".into())];
        let mut importer = Importer::new(ImportOptions { file_shops, ..month_first_in_utc() });
        importer.read(Some("east.csv"), b"Order ID,Paid Time\nA,11/30/2026 09:00\n").unwrap();
        importer
            .read(
                Some("west.csv"),
                b"Order ID,Shop Name,Paid Time\nB,,11/30/2026 09:00\nC,North Shop,11/30/2026 09:00\n",
            )
            .unwrap();
        importer.read(Some("other.csv"), b"Order ID,Paid Time\nD,11/30/2026 09:00\n").unwrap();
        let import = importer.finish();
        let shops: Vec<Option<&str>> = import.orders.iter().map(|o| o.shop.as_deref()).collect();
        assert_eq!(shops, [Some("East Shop"), Some("West Shop"), Some("North Shop"), None]);
    }

    #[test]
    fn a_file_after_one_with_orders_is_looked_at_whole_before_its_rows_are_read() {
        // Its rows could change orders already read, so they are read once, after all its dates.
        let mut importer = Importer::new(month_first_in_utc());
        importer.read(Some("a.csv"), b"Order ID,Paid Time\nA0,11/12/2024 09:00\n").unwrap();
        let mut text = String::from("Order ID,Paid Time\n");
        text.extend((0..1500).map(|i| format!("A{i},11/12/2024 09:00\n")));
        text.push_str("B,25/12/2024 09:00\n");
        let seen = read_in_pieces(&mut importer, Some("b.csv"), text.as_bytes(), 4096, 300).unwrap();
        let first = seen.iter().take_while(|p| p.scanning_dates).count();
        assert_eq!(seen[first - 1].bytes_read, text.len() as u64);
        assert_eq!(row_passes(&seen), 1);
        let import = importer.finish();
        assert_eq!(import.files[1].date_orders[0].order, DateOrder::DayFirst);
        assert_eq!(import.orders[0].paid.unwrap().to_rfc3339(), "2024-11-12T09:00:00+00:00", "as a.csv read it");
        assert_eq!(import.orders[1].paid.unwrap().to_rfc3339(), "2024-12-11T09:00:00+00:00");
        assert_eq!(import.orders_in_several_files, ["A0"]);
    }

    #[test]
    fn a_file_read_in_pieces_gives_the_same_import_and_progress_along_the_way() {
        let body: String = (0..1000).map(|i| format!("A{i},2024-11-12 09:00:00,,,,Zoë Brontë\n")).collect();
        let text = format!("{HEADER}{body}B,yesterday,,,,\n");
        let whole = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        // Pieces of 1,000 bytes cut rows and, somewhere, the two bytes of an "ë".
        let cut = (1..text.len() / 1000).any(|k| !text.is_char_boundary(k * 1000));
        assert!(cut);
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        let seen = read_in_pieces(&mut importer, Some("big.csv"), text.as_bytes(), 1000, 300).unwrap();
        let pieces = importer.finish();
        let differ = pieces.orders.iter().zip(&whole.orders).position(|(a, b)| a != b);
        assert_eq!(differ.map(|i| (&pieces.orders[i], &whole.orders[i])), None);
        assert_eq!(pieces.orders.len(), whole.orders.len());
        assert_eq!((pieces.rows, pieces.rows_used, &*pieces.files[0].encoding), (1001, 1000, "UTF-8"));
        assert_eq!(pieces.skipped[0].file.as_deref(), Some("big.csv"));
        assert_eq!(pieces.files.len(), 1);
        // The first pass looks at the first rows (is the text UTF-8? how are its dates written?),
        // then the rows are read, once.
        let seen = after_sniff(&seen);
        let first = seen.iter().take_while(|p| p.scanning_dates).count();
        let first_pass: Vec<u64> = seen[..first].iter().map(|p| p.bytes_read).collect();
        assert!(first_pass.windows(2).all(|w| w[0] <= w[1]), "{first_pass:?}");
        assert_eq!(row_passes(seen), 1);
        let rows: Vec<u64> = seen[first..].iter().map(|p| p.rows).collect();
        // The rows are read a piece, or 300 rows, at a time.
        assert!(rows.windows(2).all(|w| w[0] <= w[1] && w[1] - w[0] <= 300), "{rows:?}");
        assert!(rows.len() > 40);
        assert_eq!(seen.last().unwrap().bytes_read, text.len() as u64);
    }

    #[test]
    fn a_file_found_not_to_be_utf8_midway_is_read_again_and_decoded_as_it_comes() {
        // Found in the first rows, and after them, once rows have become orders.
        for count in [500, 1500] {
            let mut bytes = b"Order ID,Paid Time,Product Name\n".to_vec();
            for i in 0..count {
                bytes.extend(format!("A{i},2024-11-12 09:00:00,mug\n").bytes());
            }
            // "单" in GB18030, far past the first piece, its two bytes cut by the end of a piece.
            bytes.extend(b"B,2024-11-12 09:00:00,");
            bytes.resize((bytes.len() / 4096 + 1) * 4096 - 1, b'x');
            bytes.extend(b"\xb5\xa5\n");
            let mut importer = Importer::new(gb18030_options());
            // An earlier file that gave no order: its row stays reported.
            importer.read(Some("none.csv"), b"Order ID,Paid Time\n,2024-11-12 09:00:00\n").unwrap();
            let seen = read_in_pieces(&mut importer, Some("gbk.csv"), &bytes, 4096, 100).unwrap();
            let import = importer.finish();
            assert_eq!(
                (&*import.files[1].encoding, import.orders.len(), import.rows),
                ("GB18030", count + 1, count as u64 + 2)
            );
            assert_eq!((import.files[1].rows, import.skipped.len()), (count as u64 + 1, 1));
            assert!(import.orders[count].lines[0].product.ends_with("xx单"));
            // Progress counts the file's own bytes, up to all of them.
            assert!(seen.iter().all(|p| p.bytes_read <= bytes.len() as u64));
            assert_eq!(seen.last().unwrap().bytes_read, bytes.len() as u64);
        }
    }

    #[test]
    fn json_gathered_in_pieces_is_told_utf8_or_not_across_their_edges() {
        let json = |product: &[u8]| {
            let mut bytes = br#"[{"Order ID": "A1", "Paid Time": "2024-11-12 09:00:00", "Product Name": ""#.to_vec();
            bytes.extend(product);
            bytes.extend(br#""}, {"Order ID": "A2", "Paid Time": "2024-11-12 09:00:00"}]"#);
            bytes
        };
        let utf8 = json("Zoë".as_bytes());
        // Pieces whose edge cuts the "ë" in two.
        let size = utf8.windows(2).position(|w| w == "ë".as_bytes()).unwrap() + 1;
        for (bytes, encoding, product) in [(utf8, "UTF-8", "Zoë"), (json(b"\xb5\xa5"), "GB18030", "单")] {
            let mut importer = Importer::new(gb18030_options());
            let seen = read_in_pieces(&mut importer, None, &bytes, size, 1).unwrap();
            let import = importer.finish();
            assert_eq!((&*import.files[0].encoding, &*import.orders[0].lines[0].product), (encoding, product));
            assert_eq!((import.rows, import.orders.len()), (2, 2));
            // Gathered, then read an order per call, up to the array's last `]`.
            assert_eq!(seen.last().unwrap().bytes_read, seen.last().unwrap().total_bytes - 1);
        }
    }

    /// A stand-in for the browser's GB18030 decoder that knows two characters, 订 and 单, and
    /// decodes a piece at a time: a character's first byte at the end of a piece waits.
    struct StandIn(Option<u8>);

    impl TextDecode for StandIn {
        fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
            for &byte in bytes {
                match self.0.take() {
                    None if byte < 0x80 => text.push(byte),
                    None => self.0 = Some(byte),
                    Some(lead) => match [lead, byte] {
                        [0xb6, 0xa9] => text.extend("订".as_bytes()),
                        [0xb5, 0xa5] => text.extend("单".as_bytes()),
                        _ => return false,
                    },
                }
            }
            !(last && self.0.is_some())
        }
    }

    fn gb18030_options() -> ImportOptions {
        fn stand_in(label: &str) -> Option<Box<dyn TextDecode>> {
            (label == GB18030).then(|| Box::new(StandIn(None)) as Box<dyn TextDecode>)
        }
        ImportOptions { legacy_decoder: Some(stand_in), ..ImportOptions::in_zone(Zone::SHANGHAI) }
    }

    #[test]
    fn files_are_merged_and_skipped_rows_name_their_file() {
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        importer.read(Some("a.csv"), format!("{HEADER}A1,2024-11-12 09:00:00,,,,\n").as_bytes()).unwrap();
        importer.read(Some("b.csv"), format!("{HEADER}A1,,,2024-11-13 09:00:00,,\nB2,,,,,\n").as_bytes()).unwrap();
        let got = importer.finish();
        assert_eq!(got.orders.len(), 2);
        assert!(got.orders[0].shipped.is_some());
        assert_eq!(got.skipped, vec![]);
        assert_eq!(got.rows, 3);
    }
}
