//! Rows of delimited text, read as the file's bytes arrive.
//!
//! A browser reads a large export from disk a slice at a time, and holding the whole file in
//! memory would cost as much again as the orders it holds. So the file is handed over in pieces,
//! and a piece may end anywhere: inside a row, inside a quoted cell, between the two bytes of a
//! line break. `csv_core` keeps the parsing state from one piece to the next; the row being read
//! builds up here until its end is seen.

use csv_core::ReadRecordResult;

/// The most text one row may hold. A longer one (a file without line breaks, a quote that
/// swallows the file) is passed over as it is read, never held, and reported.
pub const MAX_ROW_BYTES: usize = 16 << 20;
/// The most cells one row may have: Excel's last column is the 16,384th.
pub const MAX_ROW_CELLS: usize = 16_384;

/// One row's cells: their bytes end to end, and where each ends.
#[derive(Default)]
pub(super) struct Row {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    cells: usize,
    /// The 1-based line the row starts on (a quoted cell with line breaks spans several); a
    /// workbook's row number.
    pub line: u64,
    /// How many rows came before it in the file.
    pub number: u64,
    /// Longer than [`MAX_ROW_BYTES`] or wider than [`MAX_ROW_CELLS`]: its cells were passed
    /// over, and it has none.
    pub oversized: bool,
    /// It ran to the end of the file inside a quoted cell: a quote opened on its line was never
    /// closed, and every line after was read into it.
    pub unclosed_quote: bool,
}

impl Row {
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        Some(&self.bytes[self.span(i)?])
    }

    /// Where cell `i` is in [`Row::text`].
    pub fn span(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let end = *self.ends[..self.cells].get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.cells).filter_map(|i| self.get(i))
    }

    /// The text of every cell, end to end.
    pub fn text(&self) -> &[u8] {
        &self.bytes[..self.ends[..self.cells].last().copied().unwrap_or(0)]
    }

    /// A row made of `cells`, for text that comes in cells already (a JSON order).
    pub fn of<'a>(cells: impl IntoIterator<Item = &'a [u8]>) -> Row {
        let mut row = Row::default();
        for cell in cells {
            row.bytes.extend_from_slice(cell);
            row.ends.push(row.bytes.len());
        }
        row.cells = row.ends.len();
        row
    }

    /// Makes the row `cells`, in the room it already has; one longer than [`MAX_ROW_BYTES`] or
    /// wider than [`MAX_ROW_CELLS`] is oversized, with no cells, as a delimited one is.
    pub fn fill<'a>(&mut self, cells: impl IntoIterator<Item = &'a [u8]>) {
        (self.oversized, self.unclosed_quote) = (false, false);
        self.bytes.clear();
        self.ends.clear();
        for cell in cells {
            if self.bytes.len() + cell.len() > MAX_ROW_BYTES || self.ends.len() == MAX_ROW_CELLS {
                self.oversized = true;
                break;
            }
            self.bytes.extend_from_slice(cell);
            self.ends.push(self.bytes.len());
        }
        if self.oversized {
            (self.bytes, self.ends) = (Vec::new(), Vec::new());
        }
        self.cells = self.ends.len();
    }
}

/// Rows whose cells come as text already (a workbook's), made a slice of the file at a time
/// and handed to the import one at a time. Their room is kept from one slice to the next.
#[derive(Default)]
pub(super) struct RowBatch {
    rows: Vec<Row>,
    /// Rows of this slice: `rows[..made]`; the next to hand over: `rows[taken]`.
    made: usize,
    taken: usize,
}

impl RowBatch {
    /// Starts the next slice's rows.
    pub fn clear(&mut self) {
        (self.made, self.taken) = (0, 0);
    }

    /// A row to fill, the next of the slice, numbered `number` and on `line`.
    pub fn add(&mut self, line: u64, number: u64) -> &mut Row {
        if self.made == self.rows.len() {
            self.rows.push(Row::default());
        }
        self.made += 1;
        let row = &mut self.rows[self.made - 1];
        (row.line, row.number) = (line, number);
        row
    }

    /// The next row not handed over yet.
    pub fn take(&mut self) -> Option<&Row> {
        let row = self.rows[..self.made].get(self.taken)?;
        self.taken += 1;
        Some(row)
    }

    /// The text of the rows made, in bytes.
    pub fn text_bytes(&self) -> u64 {
        self.rows[..self.made].iter().map(|row| row.text().len() as u64).sum()
    }

    /// Whether every row made has been handed over.
    pub fn used_up(&self) -> bool {
        self.taken == self.made
    }
}

/// What [`RowReader::read`] came to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Read {
    /// A whole row: [`RowReader::row`].
    Row,
    /// The piece is used up inside a row or between rows; the next piece goes on from there.
    NeedMore,
    /// The file has ended and every row has been read.
    End,
}

/// The line breaks in `text`. Every row's text is scanned, and few rows have one: `memchr`
/// passes over the rest several bytes at a step.
fn line_breaks(text: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', text).count() as u64
}

/// Reads rows out of pieces of a file. Ragged rows are read as they are, not refused: a row with
/// fewer cells than the header is the import's to judge.
pub(super) struct RowReader {
    core: csv_core::Reader,
    row: Row,
    /// The row being read: bytes and cell ends so far.
    filled: usize,
    ended: usize,
    /// Whether `row` is a finished row, to be cleared before the next is read.
    finished: bool,
    rows: u64,
    /// Line breaks inside cells so far, in every finished row and the one being read.
    lines_in_cells: u64,
    /// Those in the rows before the one being read.
    lines_in_cells_before: u64,
    /// The last byte read: a file that ends inside a quoted cell does not end with its quote.
    last_byte: u8,
    /// Whether csv_core has been given any bytes yet.
    started: bool,
    /// Past this much text a row is not read on: the file is refused (a header that long is no
    /// header), so nothing after it need be.
    pub refuse_past: Option<usize>,
}

impl RowReader {
    pub fn new(delimiter: u8) -> RowReader {
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let row = Row { bytes: vec![0; 1024], ends: vec![0; 64], line: 1, ..Row::default() };
        RowReader {
            core,
            row,
            filled: 0,
            ended: 0,
            finished: false,
            rows: 0,
            lines_in_cells: 0,
            lines_in_cells_before: 0,
            last_byte: 0,
            started: false,
            refuse_past: None,
        }
    }

    /// Reads on from `input`, the bytes after those of the last call, or once `ended`, from the
    /// file's end. Returns how many bytes of `input` were used, and whether a row is done.
    pub fn read(&mut self, input: &[u8], ended: bool) -> (usize, Read) {
        // csv_core takes an empty input for the end of the file.
        if input.is_empty() && !ended {
            return (0, Read::NeedMore);
        }
        if self.finished {
            self.finished = false;
            (self.filled, self.ended) = (0, 0);
            self.row.number = self.rows;
            self.lines_in_cells_before = self.lines_in_cells;
            self.row.oversized = false;
        }
        let mut used = 0;
        loop {
            // csv_core drops a byte-order mark its first input starts with, so only when a piece
            // holds all three bytes: the importer passes over the file's own mark, and any other
            // is a cell's text, whatever the pieces. A first input of one byte never starts one.
            let rest = &input[used..];
            let first = if !self.started && rest.first() == Some(&0xEF) { &rest[..1] } else { rest };
            self.started |= !rest.is_empty();
            let (result, read, wrote, ends) =
                self.core.read_record(first, &mut self.row.bytes[self.filled..], &mut self.row.ends[self.ended..]);
            used += read;
            self.filled += wrote;
            self.ended += ends;
            if used > 0 {
                self.last_byte = input[used - 1];
            }
            match result {
                ReadRecordResult::InputEmpty => return (used, Read::NeedMore),
                ReadRecordResult::OutputFull if self.refuse_past.is_some_and(|most| self.row.bytes.len() > most) => {
                    // Refused where it stands: its cells are not the row's, and it has none.
                    (self.row.oversized, self.row.cells, self.finished) = (true, 0, true);
                    return (used, Read::Row);
                }
                ReadRecordResult::OutputFull if self.row.bytes.len() >= MAX_ROW_BYTES => self.pass_over(),
                ReadRecordResult::OutputFull => self.row.bytes.resize(self.row.bytes.len() * 2, 0),
                ReadRecordResult::OutputEndsFull if self.row.ends.len() >= MAX_ROW_CELLS => self.pass_over(),
                ReadRecordResult::OutputEndsFull => self.row.ends.resize(self.row.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    // `core.line()` counts the line breaks read so far: those of the row's cells,
                    // its own ending unless that was a CR still to be followed by its LF, and
                    // any before it. (Taking the count at the row's start, as the csv crate does,
                    // gives a row after a CRLF line the line before its own.)
                    let ended_by_lf = used > 0 && input[used - 1] == b'\n';
                    self.lines_in_cells += line_breaks(&self.row.bytes[..self.filled]);
                    let inside = self.lines_in_cells - self.lines_in_cells_before;
                    self.row.line = self.core.line() - inside - u64::from(ended_by_lf);
                    self.row.cells = if self.row.oversized { 0 } else { self.ended };
                    // Only a quoted cell holds a line break, and a closed one ends with its quote.
                    let at_end = ended && read == 0;
                    self.row.unclosed_quote = at_end && inside > 0 && self.last_byte != b'"';
                    self.finished = true;
                    self.rows += 1;
                    return (used, Read::Row);
                }
                ReadRecordResult::End => return (used, Read::End),
            }
        }
    }

    /// Drops what is read of a row too long or too wide to hold, counting its line breaks, and
    /// reads on to its end.
    fn pass_over(&mut self) {
        self.lines_in_cells += line_breaks(&self.row.bytes[..self.filled]);
        (self.filled, self.ended) = (0, 0);
        self.row.oversized = true;
    }

    /// The row the last [`RowReader::read`] finished.
    pub fn row(&self) -> &Row {
        &self.row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of `text` fed in pieces of `size` bytes: (line, cells).
    fn rows_in_pieces(text: &[u8], size: usize) -> Vec<(u64, Vec<String>)> {
        let mut reader = RowReader::new(b',');
        let mut rows = Vec::new();
        let mut pieces = text.chunks(size);
        let mut piece = pieces.next().unwrap();
        let mut ended = false;
        loop {
            let (used, read) = reader.read(piece, ended);
            piece = &piece[used..];
            match read {
                Read::Row => {
                    let row = reader.row();
                    rows.push((row.line, row.iter().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect()));
                }
                Read::NeedMore => match pieces.next() {
                    Some(next) => piece = next,
                    None => ended = true,
                },
                Read::End => return rows,
            }
        }
    }

    #[test]
    fn rows_cut_anywhere_by_the_pieces_read_the_same() {
        let text = "Order ID,Product Name\r\nA1,\"Mug, blue\"\r\nA2,\"Two\nlines, \"\"quoted\"\"\"\nA3,Zoë\nA4,last"
            .as_bytes();
        let whole = rows_in_pieces(text, text.len());
        assert_eq!(whole.len(), 5);
        assert_eq!(whole[2], (3, vec!["A2".into(), "Two\nlines, \"quoted\"".into()]));
        assert_eq!(whole[3].0, 5, "the row after a cell with a line break starts a line later");
        assert_eq!(whole[4], (6, vec!["A4".into(), "last".into()]));
        for size in 1..text.len() {
            assert_eq!(rows_in_pieces(text, size), whole, "pieces of {size} bytes");
        }
    }

    #[test]
    fn a_row_longer_than_the_room_kept_for_it_is_read_whole() {
        let long = "x".repeat(5000);
        let cells = vec!["a"; 100].join(",");
        let text = format!("{long},{cells}\nshort\n");
        let rows = rows_in_pieces(text.as_bytes(), 777);
        assert_eq!((rows[0].1.len(), rows[0].1[0].len(), &rows[1].1[0][..]), (101, 5000, "short"));
    }

    #[test]
    fn rows_are_numbered_and_their_text_is_their_cells() {
        let input = b"a;b\nc;d\n";
        let mut reader = RowReader::new(b';');
        assert_eq!(reader.read(input, false), (4, Read::Row));
        assert_eq!((reader.row().number, reader.row().text()), (0, &b"ab"[..]));
        assert_eq!(reader.read(&input[4..], false), (4, Read::Row));
        assert_eq!((reader.row().number, reader.row().text()), (1, &b"cd"[..]));
        assert_eq!(reader.read(&input[8..], false), (0, Read::NeedMore));
        assert_eq!(reader.read(&input[8..], true), (0, Read::End));
        let row = Row::of([&b"x"[..], b"", b"yz"]);
        assert_eq!(
            (row.get(0), row.get(1), row.get(2), row.get(3)),
            (Some(&b"x"[..]), Some(&b""[..]), Some(&b"yz"[..]), None)
        );
    }
}
