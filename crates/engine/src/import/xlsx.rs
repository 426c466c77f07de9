//! XLSX workbooks (Seller Center's default export), turned into rows of text cells, the rows a
//! delimited file's reader makes, so that one import serves every format: a slice of the sheet
//! at a time, so that a large sheet's XML and its rows are never held whole, only the (much
//! smaller) workbook file. The rows go to the import as they are, not written out as CSV to be
//! parsed again (that round trip was 1.58 G of a 100k-row workbook's 6.71 G instructions,
//! counted by Valgrind). The seller picks the sheet; the first is the default. Cells become the
//! text Excel would show for them, with one exception made on purpose: a number too long for
//! Excel to keep exactly (an 18-digit order ID stored as a number) is written in scientific
//! notation, so the importer reports it as the loss it is instead of a wrong order ID.
//!
//! The reader is the project's own (a ZIP directory and a tag scanner; zlib-rs inflates) rather
//! than a spreadsheet library: the browser bundle needs it too, and a full library with its
//! encodings weighed about 290 KB gzipped there. It reads what order exports hold — shared and
//! inline strings, numbers, booleans, dates by their number format — following ECMA-376 Part 1
//! (SpreadsheetML, sections 18.3 sheets, 18.4 shared strings, 18.8 styles).

mod xml;
mod zip;

use std::borrow::Cow;

use crate::cursor::Cursor;

use super::rows::{RowBatch, MAX_ROW_BYTES};

/// Excel's own limits (Excel specifications and limits): a cell reference beyond them is damage.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: usize = 16_384;
/// The most XML one row or one shared string may take: a row of 16,384 long cells fits many
/// times over; beyond it the element is damage, and is refused instead of held.
pub const MAX_ELEMENT_BYTES: usize = 64 << 20;

/// A workbook's sheet, with every sheet's name so the seller can choose another.
pub struct Sheet {
    pub rows: SheetRows,
    pub name: String,
    pub names: Vec<String>,
}

/// Opens the sheet called `wanted` (or the first) of the workbook in `bytes`, to be read as CSV
/// a slice at a time.
pub fn sheet(bytes: Vec<u8>, wanted: Option<&str>) -> Result<Sheet, String> {
    let archive = zip::Archive::new(&bytes).map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    let workbook_path = relationships(&archive, "_rels/.rels")?
        .into_iter()
        .find(|r| r.kind == "officeDocument")
        .map_or_else(|| "xl/workbook.xml".to_owned(), |r| resolve("", &r.target));
    let workbook =
        Workbook::read(&part(&archive, &workbook_path)?.ok_or("not an XLSX workbook: it has no workbook part")?);
    let folder = workbook_path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let rels_path = format!("{folder}/_rels/{}.rels", workbook_path.rsplit('/').next().unwrap_or_default());
    let links = relationships(&archive, &rels_path)?;
    let linked = |kind: &str| links.iter().find(|r| r.kind == kind).map(|r| resolve(folder, &r.target));

    let names: Vec<String> = workbook.sheets.iter().map(|(name, _)| name.clone()).collect();
    let (name, id) = match wanted {
        Some(wanted) => workbook
            .sheets
            .iter()
            .find(|(name, _)| name == wanted)
            .ok_or_else(|| format!("no sheet {wanted:?}; the workbook has {}", names.join(", ")))?,
        None => workbook.sheets.first().ok_or("the workbook has no sheets")?,
    };
    let sheet_path = links
        .iter()
        .find(|r| &r.id == id)
        .map(|r| resolve(folder, &r.target))
        .ok_or_else(|| format!("sheet {name:?} cannot be read: the workbook does not say where it is"))?;
    let locate = |path: &str, kept: bool| match archive.locate(path, kept) {
        None => Ok(None),
        Some(packed) => packed.map(Some).map_err(|e| format!("not a readable XLSX workbook: {e}")),
    };
    let strings = match linked("sharedStrings") {
        // The strings are kept: rows refer to them.
        Some(path) => locate(&path, true)?.map(Part::new),
        None => None,
    };
    let book = Book {
        shared: SharedStrings::default(),
        dates: match linked("styles") {
            Some(path) => part(&archive, &path)?.as_deref().map(date_styles).unwrap_or_default(),
            None => Vec::new(),
        },
        epoch: if workbook.date1904 { Epoch::Y1904 } else { Epoch::Y1900 },
    };
    let sheet =
        locate(&sheet_path, false)?.ok_or_else(|| format!("sheet {name:?} cannot be read: its part is missing"))?;
    let strings_size = strings.as_ref().map_or(0, |part| part.packed.packed_size());
    let rows =
        SheetRows { workbook: bytes, strings, strings_size, sheet: Part::new(sheet), book, made: RowsMade::default() };
    Ok(Sheet { rows, name: name.clone(), names })
}

/// A sheet's rows, each on its row number's line, read a slice of XML at a time from the
/// workbook it holds: first its shared strings (a large sheet has hundreds of thousands), which
/// the rows refer to, then its rows.
pub struct SheetRows {
    workbook: Vec<u8>,
    /// The shared strings' part, until it is read, and its packed size.
    strings: Option<Part>,
    strings_size: usize,
    sheet: Part,
    book: Book,
    made: RowsMade,
}

impl SheetRows {
    /// Reads about `slice` more bytes of XML: shared strings, or the rows in it made in `rows`
    /// (none if the slice ends inside the first row still to make); whether there is more.
    pub fn read(&mut self, slice: usize, rows: &mut RowBatch) -> Result<bool, String> {
        if let Some(strings) = &mut self.strings {
            let shared = &mut self.book.shared;
            if !strings.next(&self.workbook, slice, b"</si>", |xml| read_shared_strings(xml, shared))? {
                self.strings = None;
            }
            return Ok(true);
        }
        let (book, made) = (&self.book, &mut self.made);
        self.sheet.next(&self.workbook, slice, b"</row>", |xml| book.read_rows(xml, made, rows))
    }

    /// Back to the first row, for another pass.
    pub fn restart(&mut self) {
        self.sheet = Part::new(self.sheet.packed.clone());
        self.made = RowsMade::default();
    }

    /// The share of the work done, from 0 to 1: the strings and rows read, by their packed size.
    pub fn progress(&self) -> f64 {
        let strings = self.strings.as_ref().map_or(self.strings_size, |part| part.unpacking.used());
        let total = self.strings_size + self.sheet.packed.packed_size();
        (strings + self.sheet.unpacking.used()) as f64 / total.max(1) as f64
    }

    /// The share of the rows read so far, from 0 to 1.
    pub fn share_read(&self) -> f64 {
        self.sheet.unpacking.used() as f64 / self.sheet.packed.packed_size().max(1) as f64
    }
}

/// A part unpacked a slice at a time and used as text a whole element at a time.
struct Part {
    packed: zip::Packed,
    unpacking: zip::Unpacking,
    /// Unpacked and not yet used, `xml[..kept]` (it ends inside an element); the rest is room
    /// for the next slice, zeroed once rather than for each slice (the zeroing was 2–3 % of a
    /// workbook's instructions, counted by Valgrind).
    xml: Vec<u8>,
    kept: usize,
    more: bool,
}

impl Part {
    fn new(packed: zip::Packed) -> Part {
        Part { unpacking: zip::Unpacking::new(packed.clone()), packed, xml: Vec::new(), kept: 0, more: true }
    }

    /// Unpacks about `slice` more bytes of the part from `workbook`, and hands `use_text` the
    /// text up to the end of the last `end_tag` (all of it once the part has ended); the rest
    /// waits for the next slice. Whether more follows.
    fn next(
        &mut self,
        workbook: &[u8],
        slice: usize,
        end_tag: &[u8],
        use_text: impl FnOnce(&str) -> Result<(), String>,
    ) -> Result<bool, String> {
        if !self.more {
            return Ok(false);
        }
        // What was kept holds no end tag: only the new bytes (and an end tag cut across) are
        // searched, so an element that never ends costs a linear scan, not a quadratic one.
        let searched = self.kept.saturating_sub(end_tag.len() - 1);
        if self.xml.len() < self.kept + slice {
            self.xml.resize(self.kept + slice, 0);
        }
        let (written, more) = self.unpacking.next_into(workbook, &mut self.xml[self.kept..self.kept + slice])?;
        self.more = more;
        let filled = self.kept + written;
        // An end tag is ASCII, so the cut is between characters too.
        let end = match self.more {
            true => self.xml[searched..filled]
                .windows(end_tag.len())
                .rposition(|w| w == end_tag)
                .map_or(0, |at| searched + at + end_tag.len()),
            false => filled,
        };
        if end == 0 && filled > MAX_ELEMENT_BYTES {
            return Err(format!(
                "it has an element larger than {} MB (a row or string that never ends)",
                MAX_ELEMENT_BYTES >> 20
            ));
        }
        // `from_utf8` checks ASCII a word at a time, where `from_utf8_lossy` walks each byte (8 %
        // of the instructions of a workbook's whole check, counted by Valgrind): only damaged
        // text takes the slow way.
        match std::str::from_utf8(&self.xml[..end]) {
            Ok(text) => use_text(text)?,
            Err(_) => use_text(&String::from_utf8_lossy(&self.xml[..end]))?,
        }
        self.xml.copy_within(end..filled, 0);
        self.kept = filled - end;
        Ok(self.more)
    }
}

/// A part as text; `None` when the archive lacks it.
fn part(archive: &zip::Archive, path: &str) -> Result<Option<String>, String> {
    match archive.part(path) {
        None => Ok(None),
        Some(Err(e)) => Err(format!("not a readable XLSX workbook: {e}")),
        Some(Ok(bytes)) => {
            let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
        }
    }
}

/// A link from one part to another (`_rels/*.rels`), its type shortened to the last word.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn relationships(archive: &zip::Archive, path: &str) -> Result<Vec<Relationship>, String> {
    let Some(xml) = part(archive, path)? else { return Ok(Vec::new()) };
    Ok(xml::tags(&xml)
        .filter(|tag| tag.name == "Relationship" && !tag.closing)
        .filter_map(|tag| {
            Some(Relationship {
                id: tag.attribute("Id")?.into_owned(),
                kind: tag.attribute("Type")?.rsplit('/').next()?.to_owned(),
                target: tag.attribute("Target")?.into_owned(),
            })
        })
        .collect())
}

/// A relationship's target as a path in the archive: absolute, or relative to `folder`.
fn resolve(folder: &str, target: &str) -> String {
    let (mut path, target): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(absolute) => (Vec::new(), absolute),
        None => (folder.split('/').filter(|p| !p.is_empty()).collect(), target),
    };
    for step in target.split('/') {
        match step {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            name => path.push(name),
        }
    }
    path.join("/")
}

/// What `workbook.xml` says: the sheets in tab order with their relationship IDs, and the date
/// system.
struct Workbook {
    sheets: Vec<(String, String)>,
    date1904: bool,
}

impl Workbook {
    fn read(xml: &str) -> Workbook {
        let mut workbook = Workbook { sheets: Vec::new(), date1904: false };
        for tag in xml::tags(xml).filter(|tag| !tag.closing) {
            match tag.name {
                "sheet" => {
                    if let (Some(name), Some(id)) = (tag.attribute("name"), tag.attribute("id")) {
                        workbook.sheets.push((name.into_owned(), id.into_owned()));
                    }
                }
                "workbookPr" => {
                    workbook.date1904 = tag.attribute("date1904").is_some_and(|v| v == "1" || v == "true");
                }
                _ => {}
            }
        }
        workbook
    }
}

/// Adds the text of each shared string (`<si>`) in `xml`, whole ones, to `strings`: its runs
/// joined, its phonetic guides (`<rPh>`) left out.
fn read_shared_strings(xml: &str, strings: &mut SharedStrings) -> Result<(), String> {
    let mut current = String::new();
    let mut phonetic = false;
    let mut tags = xml::tags(xml);
    loop {
        // Between strings, one of a single run is read in one step, its `<si>` and all.
        if current.is_empty() && !phonetic {
            if let Some(after) = tags.rest().strip_prefix("<si>").and_then(|rest| push_lone_text(rest, strings)) {
                tags.resume(after);
                continue;
            }
        }
        let Some(tag) = tags.next() else { break };
        match tag.name {
            "si" if tag.closing || tag.empty => {
                strings.push(&current);
                current.clear();
            }
            "si" if current.is_empty() && !phonetic => {
                if let Some(after) = push_lone_text(tags.rest(), strings) {
                    tags.resume(after);
                }
            }
            // Room for as many as the workbook says it has (within reason: the count is the
            // file's word), so that the list of where they start is not copied as it grows.
            "sst" if !tag.closing => {
                let count = tag.attribute("uniqueCount").and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
                _ = strings.starts.try_reserve_exact(count.min(SharedStrings::MOST_RESERVED));
            }
            "rPh" => phonetic = !tag.closing && !tag.empty,
            "t" if !tag.closing && !tag.empty && !phonetic => current.push_str(&tag.text()),
            _ => {}
        }
    }
    Ok(())
}

/// For each cell format (`cellXfs`), whether its number format shows a date or time.
fn date_styles(xml: &str) -> Vec<bool> {
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut in_cell_formats = false;
    let mut dates = Vec::new();
    for tag in xml::tags(xml) {
        match (tag.name, tag.closing) {
            ("numFmt", false) => {
                let id = tag.attribute("numFmtId").and_then(|id| id.parse().ok());
                if let (Some(id), Some(code)) = (id, tag.attribute("formatCode")) {
                    custom.push((id, is_date_format(&code)));
                }
            }
            ("cellXfs", false) => in_cell_formats = !tag.empty,
            ("cellXfs", true) => in_cell_formats = false,
            ("xf", false) if in_cell_formats => {
                let id = tag.attribute("numFmtId").and_then(|id| id.parse().ok()).unwrap_or(0);
                dates.push(custom.iter().find(|(custom, _)| *custom == id).map_or(is_builtin_date(id), |c| c.1));
            }
            _ => {}
        }
    }
    dates
}

/// The built-in number formats that show dates or times (ECMA-376 Part 1, 18.8.30), with the
/// East Asian (50–58) and Thai (71–81) ones Excel adds in those locales.
fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58 | 71..=81)
}

/// Whether a custom format code shows a date or time: a day, month, year, hour or second
/// placeholder outside quoted text, escapes and `[…]` colours or conditions.
fn is_date_format(code: &str) -> bool {
    let (mut quoted, mut bracketed, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => bracketed = true,
            ']' => bracketed = false,
            _ if bracketed => {}
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            _ => {}
        }
    }
    false
}

/// Which day serial number 0 is.
#[derive(Clone, Copy)]
enum Epoch {
    /// Windows Excel: serial 1 is 1900-01-01, counting the 1900-02-29 that never was, so serials
    /// from March 1900 on are days since 1899-12-30.
    Y1900,
    /// Old Mac Excel: serial 0 is 1904-01-01.
    Y1904,
}

/// A workbook's shared strings, kept in blocks of text: a large sheet has millions, and a
/// `String` each took twice the memory (an allocation each, with its length and room), while one
/// text would be copied each time it outgrew its room. A string that does not fit in what is
/// left of the last block starts the next.
#[derive(Default)]
struct SharedStrings {
    blocks: Vec<String>,
    /// Where each string starts: its block times [`SharedStrings::BLOCK`], plus its place in
    /// the block. It ends where the next one in its block starts, else at the block's end.
    starts: Vec<usize>,
}

impl SharedStrings {
    const BLOCK: usize = 1 << 20;
    /// Strings room is made for ahead: far more than a million-row export's.
    const MOST_RESERVED: usize = 1 << 24;

    fn push(&mut self, text: &str) {
        let fits = self.blocks.last().is_some_and(|block| block.capacity() - block.len() >= text.len());
        if !fits {
            self.blocks.push(String::with_capacity(text.len().max(SharedStrings::BLOCK)));
        }
        let block = self.blocks.len() - 1;
        let last = &mut self.blocks[block];
        self.starts.push(block * SharedStrings::BLOCK + last.len());
        last.push_str(text);
    }

    fn get(&self, index: usize) -> Option<&str> {
        let start = *self.starts.get(index)?;
        let (block, at) = (start / SharedStrings::BLOCK, start % SharedStrings::BLOCK);
        let text = self.blocks.get(block)?;
        let end = match self.starts.get(index + 1) {
            Some(next) if next / SharedStrings::BLOCK == block => next % SharedStrings::BLOCK,
            _ => text.len(),
        };
        text.get(at..end)
    }
}

/// How far a sheet's rows have been made.
#[derive(Default)]
struct RowsMade {
    /// Rows of the sheet read (or passed over) so far: the next row is `rows + 1`.
    rows: u32,
    /// Rows with text made so far: the ones between, with none, are passed over, as a delimited
    /// file's empty lines are.
    with_text: u64,
    /// The header's width, once the first row with a cell is made.
    width: Option<usize>,
}

impl RowsMade {
    /// A row whose tag `tag` begins: the number of the row left open, `None` for an empty one
    /// (passed over at once).
    fn begin(&mut self, tag: &xml::Tag) -> Result<Option<u32>, String> {
        let number = tag.attribute("r").and_then(|r| r.parse::<u32>().ok()).unwrap_or(self.rows + 1);
        if number > MAX_ROWS {
            return Err(format!("row {number} is beyond Excel's last row"));
        }
        // Rows out of order are damage Excel never writes: they go on the next line.
        self.rows += number.saturating_sub(self.rows + 1);
        if tag.empty {
            self.rows += 1;
            return Ok(None);
        }
        Ok(Some(self.rows + 1))
    }

    /// Makes a finished row of the sheet in `rows`, unless no cell of it has text.
    fn add(&mut self, row: &[Cow<str>], rows: &mut RowBatch) {
        self.rows += 1;
        let Some(last) = row.iter().rposition(|cell| !cell.is_empty()) else { return };
        self.width.get_or_insert(last + 1);
        rows.add(u64::from(self.rows), self.with_text).fill(row[..=last].iter().map(|cell| cell.as_bytes()));
        self.with_text += 1;
    }
}

/// A sheet written out as CSV text, for files other than exports (the bulk upload template):
/// each row on its line, a row without text an empty one, cells quoted where they need it.
#[derive(Default)]
pub struct SheetCsv {
    rows: RowBatch,
    lines: u64,
}

impl SheetCsv {
    /// Reads about `slice` more bytes of the sheet's XML, its rows appended to `csv`; whether
    /// there is more.
    pub fn read(&mut self, sheet: &mut SheetRows, slice: usize, csv: &mut Vec<u8>) -> Result<bool, String> {
        self.rows.clear();
        let more = sheet.read(slice, &mut self.rows)?;
        while let Some(row) = self.rows.take() {
            if row.oversized {
                return Err(format!("row {} holds more than {} MB of text", row.line, MAX_ROW_BYTES >> 20));
            }
            csv.resize(csv.len() + (row.line - 1 - self.lines) as usize, b'\n');
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    csv.push(b',');
                }
                write_csv_cell(cell, csv);
            }
            csv.push(b'\n');
            self.lines = row.line;
        }
        Ok(more)
    }
}

/// A cell's text as CSV writes it: quoted, its quotes doubled, if it holds a delimiter, a quote
/// or a line break.
fn write_csv_cell(cell: &[u8], csv: &mut Vec<u8>) {
    if !cell.iter().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        csv.extend_from_slice(cell);
        return;
    }
    csv.push(b'"');
    for &b in cell {
        csv.extend_from_slice(if b == b'"' { b"\"\"" } else { std::slice::from_ref(&b) });
    }
    csv.push(b'"');
}

/// What the cells of one sheet need from the rest of the workbook.
struct Book {
    shared: SharedStrings,
    dates: Vec<bool>,
    epoch: Epoch,
}

/// A cell being read: where it goes, its type and style, and its value so far.
struct Cell<'a> {
    column: usize,
    kind: Option<Cow<'a, str>>,
    style: Option<usize>,
    /// Borrowed from the XML when it is one run of text without escapes, as most are.
    value: Cow<'a, str>,
}

impl Book {
    /// Makes the rows in `xml` (whole rows of a sheet) in `rows`, each on its row's line: a
    /// row with no text, and each row the sheet skips, is passed over. Cells right of the
    /// header's last are left out: no column names them, and a cell in column XFD would
    /// otherwise make 16,383 empty ones on every row.
    fn read_rows<'a>(&'a self, xml: &'a str, made: &mut RowsMade, rows: &mut RowBatch) -> Result<(), String> {
        // Cells' text is borrowed (from the shared strings or the XML) rather than copied.
        let mut row: Vec<Cow<'a, str>> = Vec::new();
        let mut open_row = None;
        let mut cell: Option<Cell> = None;
        let mut phonetic = false;
        let mut tags = xml::tags(xml);
        loop {
            if cell.is_none() && !phonetic {
                if let Some(after) = self.place_text(tags.rest(), made, &mut row) {
                    tags.resume(after);
                    continue;
                }
                if let Some((read, after)) = excel_cell(tags.rest()) {
                    self.place(read, made, &mut row)?;
                    tags.resume(after);
                    continue;
                }
            }
            let Some(tag) = tags.next() else { break };
            match tag.name {
                "row" if !tag.closing => {
                    row.clear();
                    open_row = made.begin(&tag)?;
                }
                "row" => {
                    made.add(&row, rows);
                    row.clear();
                    open_row = None;
                }
                "c" if !tag.closing => {
                    // A cell left open by damage before stays open: its `</c>` may yet come.
                    if let Some(open) = self.begin_cell(&tag, &mut tags, phonetic, made, &mut row)? {
                        cell = Some(open);
                    }
                }
                "c" => {
                    if let Some(read) = cell.take() {
                        self.place(read, made, &mut row)?;
                    }
                }
                "rPh" => phonetic = !tag.closing && !tag.empty,
                "v" | "t" if !tag.closing && !tag.empty && !phonetic => {
                    if let Some(read) = cell.as_mut() {
                        match read.value.is_empty() {
                            true => read.value = tag.text(),
                            false => read.value.to_mut().push_str(&tag.text()),
                        }
                    }
                }
                _ => {}
            }
        }
        match open_row {
            // Rows are handed over whole until the sheet's end: one still open there was cut.
            Some(number) => Err(format!("the sheet ends inside row {number}: the workbook is cut short or damaged")),
            None => Ok(()),
        }
    }

    /// A cell whose tag `tag` begins: put in its place at once when empty, or when its value
    /// follows alone (as Excel writes it); else left open for its parts to come.
    fn begin_cell<'a>(
        &'a self,
        tag: &xml::Tag<'a>,
        tags: &mut xml::Tags<'a>,
        phonetic: bool,
        made: &RowsMade,
        row: &mut Vec<Cow<'a, str>>,
    ) -> Result<Option<Cell<'a>>, String> {
        let CellTag { reference, kind, style } = CellTag::read(tag);
        let column = match reference {
            Some(reference) => column_of(&reference).ok_or_else(|| format!("cell {reference} is not a cell"))?,
            None => row.len(),
        };
        let mut read = Cell { column, kind, style, value: Cow::Borrowed("") };
        if tag.empty {
            self.place(read, made, row)?;
        } else if let Some((value, after)) = lone_value(tags.rest()).filter(|_| !phonetic) {
            read.value = xml::unescape(value);
            self.place(read, made, row)?;
            tags.resume(after);
        } else {
            return Ok(Some(read));
        }
        Ok(None)
    }

    /// Puts a finished cell's text in its column; a cell the row already passed overwrites.
    fn place<'a>(&'a self, cell: Cell<'a>, made: &RowsMade, row: &mut Vec<Cow<'a, str>>) -> Result<(), String> {
        let column = cell.column;
        if made.width.is_some_and(|width| column >= width) {
            return Ok(());
        }
        let text = self.cell_text(cell, made.rows + 1)?;
        put(row, column, text);
        Ok(())
    }

    /// Places the cell at the start of `xml` when it is text as Excel writes it (see
    /// [`text_cell`]), a shared string the workbook has or an inline one; the XML after it.
    /// `None` for anything else, left to the readers of any cell, which also say what is wrong
    /// with it.
    fn place_text<'a>(&'a self, xml: &'a str, made: &RowsMade, row: &mut Vec<Cow<'a, str>>) -> Option<&'a str> {
        let (column, text, after) = text_cell(xml)?;
        if made.width.is_some_and(|width| column >= width) {
            return Some(after);
        }
        let text = match text {
            CellText::Shared(index) => Cow::Borrowed(self.shared.get(index)?),
            CellText::Inline(text) => text,
        };
        put(row, column, text);
        Some(after)
    }

    /// What a cell says, as the CSV importer expects it. A value's own text may only have XML's
    /// spaces around it, which are ASCII: trimmed as such, not as characters to decode
    /// (`str::trim`, for each of millions of cells).
    fn cell_text<'a>(&'a self, cell: Cell<'a>, row: u32) -> Result<Cow<'a, str>, String> {
        Ok(match cell.kind.as_deref() {
            Some("s") => {
                let index = cell.value.trim_ascii();
                let text = index.parse::<usize>().ok().and_then(|i| self.shared.get(i));
                Cow::Borrowed(text.ok_or_else(|| {
                    let reference = format!("{}{row}", column_name(cell.column));
                    let index: String = index.chars().take(20).collect();
                    let count = self.shared.starts.len();
                    format!("cell {reference} names shared string {index:?}, and the workbook has {count}")
                })?)
            }
            Some("b") => Cow::Borrowed(if cell.value.trim_ascii() == "1" { "TRUE" } else { "FALSE" }),
            // Inline strings, formula strings, errors (#N/A) and ISO dates are their own text.
            Some("inlineStr" | "str" | "e" | "d") => cell.value,
            _ => match cell.value.trim_ascii().parse::<f64>() {
                Ok(number) if cell.style.and_then(|s| self.dates.get(s)) == Some(&true) => {
                    Cow::Owned(serial_date_text(number, self.epoch))
                }
                Ok(number) => Cow::Owned(float_text(number)),
                Err(_) => cell.value,
            },
        })
    }
}

/// Puts `text` in the row's `column`, with empty cells before it where the row has none yet.
/// Most cells come next after the last, and are pushed.
fn put<'a>(row: &mut Vec<Cow<'a, str>>, column: usize, text: Cow<'a, str>) {
    if row.len() == column {
        row.push(text);
        return;
    }
    if row.len() < column {
        row.resize(column, Cow::Borrowed(""));
        row.push(text);
        return;
    }
    row[column] = text;
}

/// Keeps the shared string of one run `rest` starts with (see [`lone_text`]); the XML after it.
fn push_lone_text<'a>(rest: &'a str, strings: &mut SharedStrings) -> Option<&'a str> {
    let (text, after) = lone_text(rest)?;
    strings.push(&xml::unescape(text));
    Some(after)
}

/// The text of a shared string of one run and the XML after it, when the string goes on as
/// most do, `<t>…</t></si>` (with `xml:space="preserve"` or not): three tags read in one step,
/// where a large sheet has hundreds of thousands of strings. `None` for any other shape (runs,
/// phonetic guides), which is read tag by tag.
fn lone_text(rest: &str) -> Option<(&str, &str)> {
    xml::text_closed_by(lone_run(rest)?, "</t></si>")
}

/// What a cell's tag says of it.
#[derive(Debug, PartialEq)]
struct CellTag<'a> {
    reference: Option<Cow<'a, str>>,
    kind: Option<Cow<'a, str>>,
    style: Option<usize>,
}

impl<'a> CellTag<'a> {
    fn read(tag: &xml::Tag<'a>) -> CellTag<'a> {
        CellTag::as_excel_writes(tag.attributes_text()).unwrap_or_else(|| CellTag::attribute_by_attribute(tag))
    }

    /// ` r="B2"`, then ` s="3"` and ` t="s"` if there are: a cell as Excel and Seller Center
    /// write it, nothing escaped, read in one step (a sheet has millions); `None` for any other
    /// shape.
    fn as_excel_writes(attributes: &'a str) -> Option<CellTag<'a>> {
        CellTag::excel_attributes(attributes).filter(|(_, rest)| rest.is_empty()).map(|(tag, _)| tag)
    }

    /// The attributes [`CellTag::as_excel_writes`] reads, at the start of `text`, and the text
    /// after them.
    fn excel_attributes(text: &'a str) -> Option<(CellTag<'a>, &'a str)> {
        // A value ends at its quote; one with an escape is left to the reading of each
        // attribute, and one with a `>` to the tag reader, which ends the tag there.
        let quoted = |text: &'a str| {
            let end = text.bytes().position(|b| matches!(b, b'"' | b'&' | b'_' | b'>'))?;
            (text.as_bytes()[end] == b'"').then(|| (&text[..end], &text[end + 1..]))
        };
        let (reference, mut rest) = quoted(text.strip_prefix(" r=\"")?)?;
        let mut style = None;
        if let Some(after) = rest.strip_prefix(" s=\"") {
            let (value, after) = quoted(after)?;
            (style, rest) = (Some(value), after);
        }
        let mut kind = None;
        if let Some(after) = rest.strip_prefix(" t=\"") {
            let (value, after) = quoted(after)?;
            (kind, rest) = (Some(value), after);
        }
        let tag = CellTag {
            reference: Some(Cow::Borrowed(reference)),
            kind: kind.map(Cow::Borrowed),
            style: style.and_then(|style| style.parse().ok()),
        };
        Some((tag, rest))
    }

    fn attribute_by_attribute(tag: &xml::Tag<'a>) -> CellTag<'a> {
        let (mut reference, mut kind, mut style) = (None, None, None);
        for (name, value) in tag.attributes() {
            // The first of a name counts, as `Tag::attribute` finds it.
            match name {
                "r" if reference.is_none() => reference = Some(value),
                "t" if kind.is_none() => kind = Some(value),
                "s" if style.is_none() => style = Some(value.parse().ok()),
                _ => {}
            }
        }
        CellTag { reference, kind, style: style.flatten() }
    }
}

/// A cell as Excel and Seller Center write it, from its `<c` to its `</c>`: a tag
/// [`CellTag::as_excel_writes`] reads, then one value [`lone_value`] reads, or nothing (`<c
/// r="A1"/>`); and the XML after it. A sheet has millions of cells, and this reads each in one
/// step, where the tag reader would look for the tag's end, its name and the text after it
/// first (a 100k-row workbook of shared strings took 5.73 G instructions that way, 5.22 G this
/// way, counted by Valgrind). `None` for any other shape, which is read tag by tag.
fn excel_cell(xml: &str) -> Option<(Cell<'_>, &str)> {
    // Whatever stands before the next tag is passed over, as the tag reader passes it over.
    let xml = &xml[xml::find(xml, b'<')?..];
    let (tag, rest) = CellTag::excel_attributes(xml.strip_prefix("<c")?)?;
    let column = column_of(tag.reference.as_deref()?)?;
    let (value, after) = match rest.strip_prefix("/>") {
        Some(after) => (Cow::Borrowed(""), after),
        None => {
            let (value, after) = lone_value(rest.strip_prefix('>')?)?;
            (xml::unescape(value), after)
        }
    };
    Some((Cell { column, kind: tag.kind, style: tag.style, value }, after))
}

/// A cell of text exactly as Excel and Seller Center write it: a shared string, `<c r="B2"
/// t="s"><v>7</v></c>`, or an inline one of one run, `<c r="B2" t="inlineStr"><is><t>…</t></is>
/// </c>` (its `<t>` with `xml:space="preserve"` or not); with a style (` s="3"`) or not, which
/// text does not need. Its column, what it holds and the XML after it. Nearly every cell of an
/// exported workbook is one; read a byte at a time, where [`excel_cell`] reads any cell. `None`
/// for any other shape, which that reader reads.
fn text_cell(xml: &str) -> Option<(usize, CellText<'_>, &str)> {
    let mut cell = Cursor::new(xml.as_bytes());
    cell.literal(b"<c r=\"")?;
    let column = column_letters(&mut cell)?;
    cell.number(1, 7)?;
    cell.literal(b"\"")?;
    if cell.literal(b" s=\"").is_some() {
        cell.number(1, 5)?;
        cell.literal(b"\"")?;
    }
    if cell.literal(b" t=\"s\"><v>").is_some() {
        let index = cell.number(1, 9)?;
        cell.literal(b"</v></c>")?;
        // Every byte read is ASCII: the rest starts between two characters.
        return Some((column, CellText::Shared(index as usize), &xml[cell.at..]));
    }
    cell.literal(b" t=\"inlineStr\">")?;
    let (text, after) = lone_value(&xml[cell.at..])?;
    Some((column, CellText::Inline(xml::unescape(text)), after))
}

/// What a cell of [`text_cell`]'s shape holds.
#[derive(Debug, PartialEq)]
enum CellText<'a> {
    /// The number of a shared string.
    Shared(usize),
    Inline(Cow<'a, str>),
}

/// A cell's column letters (capitals), as a zero-based number: `None` past Excel's last column.
fn column_letters(cell: &mut Cursor) -> Option<usize> {
    let mut column = 0;
    while let Some(letter) = cell.next_if(|b| b.is_ascii_uppercase()) {
        column = with_letter(column, letter)?;
    }
    column.checked_sub(1)
}

/// The text of a cell's one value and the XML after the cell, when the cell goes on as most
/// do: `<v>…</v></c>`, or an inline string of one run, `<is><t>…</t></is></c>`. Three or five
/// tags read in one step, where a sheet has millions. `None` for any other shape (formulas,
/// runs, phonetic guides, prefixed names), which is read tag by tag.
fn lone_value(rest: &str) -> Option<(&str, &str)> {
    match rest.strip_prefix("<v>") {
        Some(value) => xml::text_closed_by(value, "</v></c>"),
        None => xml::text_closed_by(lone_run(rest.strip_prefix("<is>")?)?, "</t></is></c>"),
    }
}

/// What follows a run's `<t>`, written with `xml:space="preserve"` or not.
fn lone_run(rest: &str) -> Option<&str> {
    rest.strip_prefix("<t>").or_else(|| rest.strip_prefix("<t xml:space=\"preserve\">"))
}

/// The zero-based column of a cell reference such as `AB12`; `None` beyond Excel's last column.
fn column_of(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let mut column = 0usize;
    let mut any = false;
    for letter in letters {
        column = with_letter(column, letter)?;
        any = true;
    }
    any.then(|| column - 1)
}

/// The one-based column whose letters are `column`'s (0: none yet) and then `letter`; `None`
/// past Excel's last column.
fn with_letter(column: usize, letter: u8) -> Option<usize> {
    let column = column * 26 + usize::from(letter.to_ascii_uppercase() - b'A' + 1);
    (column <= MAX_COLUMNS).then_some(column)
}

/// The letters of a zero-based column: 0 is A, 26 is AA.
fn column_name(column: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        letters.push(b'A' + ((rest - 1) % 26) as u8);
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Excel keeps 15 significant digits; a whole number beyond that has already lost digits.
fn float_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else if number.fract() == 0.0 {
        format!("{number:.5E}").replacen('E', "E+", 1)
    } else {
        number.to_string()
    }
}

/// An Excel serial date (days since the epoch, the fraction the time of day) as
/// `YYYY-MM-DD HH:MM:SS`, a wall-clock time like the CSV export's.
fn serial_date_text(serial: f64, epoch: Epoch) -> String {
    let (year, month, day) = match epoch {
        Epoch::Y1900 => (1899, 12, 30),
        Epoch::Y1904 => (1904, 1, 1),
    };
    let start = chrono::NaiveDate::from_ymd_opt(year, month, day).and_then(|d| d.and_hms_opt(0, 0, 0));
    let seconds = (serial * 86_400.0).round();
    let at = start
        .zip((seconds.abs() < 1e12).then_some(seconds as i64))
        .and_then(|(start, seconds)| start.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?));
    match at {
        Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => serial.to_string(),
    }
}

#[cfg(test)]
mod tests;
