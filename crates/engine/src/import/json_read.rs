//! JSON files read into orders: as they arrive when their text is UTF-8 ([`JsonStream`]), else
//! gathered and decoded first; each element of the orders array an order of its own.

use super::json::{self, JsonPass, JsonStream};
use super::*;

impl Importer {
    /// Reads up to `max_rows` more of a JSON file's orders, each an element of its array.
    pub(super) fn read_json_orders(
        &mut self,
        summary: &mut FileSummary,
        bytes: &[u8],
        elements: &mut json::OrderElements,
        keys: &mut json::KeyColumns,
        max_rows: usize,
    ) -> Result<Step, ImportError> {
        let file = summary.file.clone();
        let malformed = |message| ImportError::Malformed { file: file.clone(), message };
        for _ in 0..max_rows {
            let Some((line, range)) = elements.next(bytes, true).map_err(|unfound| malformed(unfound.message()))?
            else {
                return Ok(Step::Done);
            };
            self.read_json_element(summary, line, &bytes[range], keys);
        }
        Ok(Step::Next(0))
    }

    /// Reads on in a JSON file read as it arrives: the orders among the bytes come so far, then
    /// the piece, or once the file has ended, what its passes come to.
    pub(super) fn read_json_stream(
        &mut self,
        summary: &mut FileSummary,
        json: &mut JsonRead,
        piece: &[u8],
        max_rows: usize,
    ) -> Result<JsonStep, ImportError> {
        let ended = piece.is_empty();
        if json.stream.pass() != JsonPass::Checking && json.failed.is_none() {
            if let Some(step) = self.read_streamed_orders(summary, json, ended, max_rows)? {
                return Ok(JsonStep::Step(step));
            }
        }
        if !ended {
            return Ok(match json.stream.take(piece) {
                true => JsonStep::Step(Step::Next(piece.len())),
                false => JsonStep::NotUtf8,
            });
        }
        if !json.stream.is_utf8() {
            return Ok(JsonStep::NotUtf8);
        }
        if let Some(message) = json.failed.take() {
            return Err(ImportError::Malformed { file: summary.file.clone(), message });
        }
        Ok(match json.stream.pass() {
            JsonPass::Checking => JsonStep::Checked,
            JsonPass::Reading | JsonPass::ReadingChecked => JsonStep::Step(Step::Done),
        })
    }

    /// Reads the orders among the bytes come so far; `Some` once `max_rows` are read. A file
    /// found malformed while its text is not yet known to be UTF-8 is said to be only once it
    /// is: read in another encoding, it may not be.
    pub(super) fn read_streamed_orders(
        &mut self,
        summary: &mut FileSummary,
        json: &mut JsonRead,
        ended: bool,
        max_rows: usize,
    ) -> Result<Option<Step>, ImportError> {
        let unchecked = json.stream.pass() == JsonPass::Reading;
        for _ in 0..max_rows {
            let (line, element) = match json.stream.next(ended) {
                Ok(Some(found)) => found,
                Ok(None) | Err(json::Unfound::Short) => return Ok(None),
                Err(json::Unfound::Malformed(message)) if unchecked => {
                    json.failed = Some(message);
                    return Ok(None);
                }
                Err(json::Unfound::Malformed(message)) => {
                    return Err(ImportError::Malformed { file: summary.file.clone(), message })
                }
            };
            self.read_json_element(summary, line, element, &mut json.keys);
        }
        Ok(Some(Step::Next(0)))
    }

    /// One element of a JSON file's orders array, starting on `line`: its orders, or why it
    /// gives none.
    pub(super) fn read_json_element(
        &mut self,
        summary: &mut FileSummary,
        line: u64,
        element: &[u8],
        keys: &mut json::KeyColumns,
    ) {
        let file = &summary.file;
        self.import.rows += 1;
        summary.rows += 1;
        match self.read_json_order(element, keys) {
            Ok(rows) => {
                self.import.rows_used += 1;
                for (row, remark) in rows {
                    if let Some(remark) = remark {
                        self.import.notes.push(RowNote::new(file.clone(), line, &row.id, &remark));
                    }
                    self.add(row, line, file);
                }
            }
            Err(problem) => self.import.skipped.push(SkippedRow::new(file.clone(), line, &problem)),
        }
    }

    /// A JSON file read as it arrives found not to be UTF-8: what was read of it is forgotten,
    /// and it is gathered whole, to be decoded as GB18030 as a gathered file would be.
    pub(super) fn json_not_utf8(
        &mut self,
        summary: &mut FileSummary,
        start: Option<FileStart>,
        columns_seen: usize,
        total_bytes: u64,
    ) -> Result<Body, ImportError> {
        if let Some(start) = start {
            self.forget_rows(summary, start);
            self.columns_seen.truncate(columns_seen);
        }
        Ok(Body::Gathering { bytes: room_for(summary, total_bytes)?, encoding: None, utf8: None })
    }

    /// JSON that looks like UTF-8, read as it arrives: its orders at once when no earlier file
    /// gave any, else after a first pass has found its text to be UTF-8.
    pub(super) fn json_stream(&self, summary: &mut FileSummary, start: &[u8]) -> Body {
        summary.format = "json".into();
        let marked = start.starts_with(&[0xEF, 0xBB, 0xBF]);
        if marked {
            summary.encoding = "UTF-8 with BOM".into();
        }
        let file_start = self.file_start();
        let pass = if file_start.is_some() { JsonPass::Reading } else { JsonPass::Checking };
        Body::JsonStream(Box::new(JsonRead {
            stream: JsonStream::new(marked, pass),
            keys: json::KeyColumns::default(),
            start: file_start,
            columns_seen: self.columns_seen.len(),
            failed: None,
        }))
    }

    /// One JSON order object, as the orders of its line items.
    pub(super) fn read_json_order(
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
}

/// A JSON file being read as it arrives.
pub(super) struct JsonRead {
    pub(super) stream: JsonStream,
    pub(super) keys: json::KeyColumns,
    /// Where the import stood as the file began, in the pass that reads its orders before its
    /// text is known to be UTF-8.
    pub(super) start: Option<FileStart>,
    /// How many columns were seen before the file, likewise.
    pub(super) columns_seen: usize,
    /// Why the file is malformed, found while its text is not yet known to be UTF-8.
    pub(super) failed: Option<String>,
}

/// What reading on in a JSON file read as it arrives comes to.
pub(super) enum JsonStep {
    Step(Step),
    /// The first pass found the text UTF-8: its orders are read from the start.
    Checked,
    /// The text is not UTF-8.
    NotUtf8,
}
