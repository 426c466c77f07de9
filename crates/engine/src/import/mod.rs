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

mod account;
mod column;
mod date_order;
mod decoding;
mod encoding;
#[cfg(all(test, feature = "legacy"))]
mod hostile;
mod json;
mod json_read;
#[cfg(feature = "legacy")]
pub mod legacy;
mod options;
mod order_index;
mod orders;
mod passes;
#[cfg(all(test, feature = "legacy"))]
mod pieced;
mod problem;
mod rows;
mod split;
mod utf16;
mod xlsx;

pub use account::{AmbiguousDate, DateOrderChoice, DecidedBy, FileSummary, Import, RowNote, SkippedRow};
pub use column::Column;
use column::ColumnMap;
use encoding::{utf16_decoder, utf16_without_mark, utf8_so_far, GB18030, UTF_16BE, UTF_16LE};
pub use encoding::{Encoding, LegacyDecoder, TextDecode};
pub use options::{ColumnMapping, ImportOptions};
use order_index::OrderIndex;
use orders::PreviousRow;
use passes::{DateOrders, Delimit, Delimited, FileStart, Pass};
pub use problem::{ImportError, JsonScalar, Remark, RowProblem};

use super::order::{Order, TextPool};
use super::timestamp::DateOrder;
use date_order::DateOrderTally;
use decoding::{Decoding, Slice};
use json::JsonPass;
use json_read::{JsonRead, JsonStep};
use rows::{Read, Row, RowBatch, RowReader};
pub use split::SPLIT_BYTES;

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
                let used = match decoding.take(piece) {
                    Slice::Wanted(used) => return Ok(Step::Next(used)),
                    Slice::Ready(used) => used,
                    Slice::Undecodable => {
                        *body = self.undecoded(summary, decoding, *total_bytes);
                        return Ok(Step::FromStart);
                    }
                };
                self.read_decoded(summary, decoding, used, max_rows)?
            }
            Body::Sheet(sheet) => self.read_sheet_slice(summary, sheet, max_rows)?,
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
            Body::Json { bytes, elements, keys } => self.read_json_orders(summary, bytes, elements, keys, max_rows)?,
            Body::JsonStream(json) => match self.read_json_stream(summary, json, piece, max_rows)? {
                JsonStep::Step(step) => step,
                JsonStep::Checked => {
                    json.stream = json.stream.again(JsonPass::ReadingChecked);
                    Step::FromStart
                }
                JsonStep::NotUtf8 => {
                    let (start, columns_seen) = (json.start, json.columns_seen);
                    *body = self.json_not_utf8(summary, start, columns_seen, *total_bytes)?;
                    Step::FromStart
                }
            },
            Body::Finished => return Ok(Step::Done),
        };
        if step == Step::Done {
            *body = Body::Finished;
            self.import.files.push(summary.clone());
        }
        Ok(step)
    }

    /// Reads on in a workbook's sheet, making the rows of its next slice once those of the last
    /// are used up.
    fn read_sheet_slice(
        &mut self,
        summary: &mut FileSummary,
        sheet: &mut SheetRead,
        max_rows: usize,
    ) -> Result<Step, ImportError> {
        let SheetRead { rows, batch, ended, delimited } = sheet;
        if batch.used_up() && !*ended {
            batch.clear();
            *ended = !rows.read(SHEET_SLICE, batch).map_err(|e| ImportError::Malformed {
                file: summary.file.clone(),
                message: format!("sheet {:?} cannot be read: {e}", summary.sheet.as_deref().unwrap_or_default()),
            })?;
            // The rows' text to come, as much as the share of the sheet read so far suggests:
            // the orders' room is reckoned from it.
            let made = delimited.at + batch.text_bytes();
            delimited.total_bytes = match *ended {
                true => made,
                false => (made as f64 / rows.share_read().max(1e-9)) as u64,
            };
        }
        Ok(match self.read_sheet(summary, sheet, max_rows)? {
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
        })
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
            return Ok(self.json_stream(summary, piece));
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
            let elements = json::OrderElements::new(&text, true)
                .map_err(|unfound| ImportError::Malformed { file: summary.file.clone(), message: unfound.message() })?;
            return Ok(Body::Json { bytes: text, elements, keys: json::KeyColumns::default() });
        }
        let delimiter = detect_delimiter(&text);
        summary.delimiter = Some(char::from(delimiter));
        let delimited = Delimited::new(delimiter, false, text.len() as u64);
        Ok(Body::Held { delimited: Box::new(delimited), text, at: 0 })
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
    /// JSON gathered whole and decoded (not UTF-8).
    Json {
        bytes: Vec<u8>,
        elements: json::OrderElements,
        keys: json::KeyColumns,
    },
    /// JSON read as it arrives (boxed, like `Held`).
    JsonStream(Box<JsonRead>),
    Finished,
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
            Body::JsonStream(json) => (json.stream.bytes_read(), json.stream.pass() == JsonPass::Checking),
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
mod tests;
