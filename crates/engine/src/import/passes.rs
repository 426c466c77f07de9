//! The passes over a file's rows: the header looked for past blank rows; a first pass that
//! tallies how the dates are written (and whether the text is UTF-8); then the rows made part of
//! orders, with what the first pass could not see looked at along the way, and the rows read
//! again if it decides otherwise. Delimited text and a workbook's sheet go through the same
//! passes; only how their rows are made differs.

use super::*;

impl Importer {
    /// Where the import stands as a file begins, when no earlier file gave orders: a file whose
    /// rows are read before all of it is seen can then be forgotten and read again.
    pub(super) fn file_start(&self) -> Option<FileStart> {
        self.import.orders.is_empty().then_some(FileStart {
            skipped: self.import.skipped.len(),
            notes: self.import.notes.len(),
            rows: self.import.rows,
            rows_used: self.import.rows_used,
        })
    }

    /// Reads rows of `delimited` from `input` until it is used up or `max_rows` rows were read;
    /// `ended`: no text follows `input`.
    pub(super) fn read_delimited(
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
    pub(super) fn read_sheet(
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
        let start = self.file_start();
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
        self.index.reserve(estimate);
        delimited.read_rows(orders, header_rows, confirming);
        Ok(Delimit::PassDone)
    }

    /// Undoes the rows read of the file being read, to read them again. Only a file read before
    /// any gave orders is read with its dates' orders not yet settled, so every order there is
    /// is from its rows.
    pub(super) fn forget_rows(&mut self, summary: &mut FileSummary, start: FileStart) {
        self.import.orders.clear();
        self.index.clear();
        self.order_files.clear();
        self.import.skipped.truncate(start.skipped);
        self.import.notes.truncate(start.notes);
        (self.import.rows, self.import.rows_used) = (start.rows, start.rows_used);
        (summary.rows, summary.description_rows) = (0, 0);
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
pub(super) struct DateOrders([DateOrder; Column::ALL.len()]);

impl DateOrders {
    pub(super) fn from_choices(choices: &[DateOrderChoice], default: DateOrder) -> DateOrders {
        let mut orders = [default; Column::ALL.len()];
        for choice in choices {
            orders[choice.column as usize] = choice.order;
        }
        DateOrders(orders)
    }

    pub(super) fn get(&self, column: Column) -> DateOrder {
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

/// Delimited text being read, in one of its passes.
pub(super) struct Delimited {
    pub(super) reader: RowReader,
    pub(super) delimiter: u8,
    /// Bytes of the text used in this pass, of `total_bytes`.
    pub(super) at: u64,
    pub(super) total_bytes: u64,
    /// Whether the first pass is to find out if the text is UTF-8 (text as a file has it);
    /// decoded text is.
    pub(super) check_utf8: bool,
    /// The bytes of a byte-order mark the text starts with, passed over on each pass.
    pub(super) mark_bytes: u8,
    /// Where the columns are, once the header is read.
    pub(super) columns: ColumnMap,
    pub(super) pass: Pass,
}

impl Delimited {
    pub(super) fn new(delimiter: u8, check_utf8: bool, total_bytes: u64) -> Delimited {
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

pub(super) enum Pass {
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
pub(super) const PREVIEW_ROWS: u64 = 1_000;

pub(super) struct DatesPass {
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
pub(super) struct Confirming {
    /// Carried on from the first pass.
    tally: DateOrderTally,
    pub(super) start: FileStart,
}

/// Where the import stood as a file began: what reading the file again goes back to.
#[derive(Clone, Copy)]
pub(super) struct FileStart {
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
pub(super) enum Delimit {
    /// Bytes of the input used; it is used up, or enough rows were read.
    Used(usize),
    /// The first pass is done: read the text again from its start.
    PassDone,
    /// The text is not UTF-8.
    NotUtf8,
    Done,
}
