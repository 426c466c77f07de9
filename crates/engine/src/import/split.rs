//! One large export read on several threads, with the same result as reading it whole.
//!
//! The file is cut into byte ranges, one per thread, each cut just after a line break that is
//! not inside a quoted cell. Where the cuts go is found from the quotes: a quote toggles whether
//! the text is quoted (an escaped quote is two, and changes nothing), so the quotes before a
//! point say whether it is inside a cell; the threads count the quotes and line breaks of their
//! range at once, and only the stretch after each cut's first guess is walked to find its line
//! break. Each range is then imported as a file of its own, the header row before it, by an
//! [`Importer`] of its own, and the ranges' imports are merged in file order: an order whose SKU
//! lines straddle a cut is one order again, lines are renumbered as the whole file counts them.
//!
//! Reading whole decides each time column's date order over the whole file; each range decides
//! over its own rows, so the ranges' decisions are merged the same way (a day above 12 anywhere
//! decides, both ways anywhere is a conflict), and a range that read its dates otherwise is read
//! again in the merged order. Anything this cannot reproduce exactly (a file that is not plain
//! UTF-8 text, a range that would need a different order per column, a quote that is not where
//! a cell begins) is left to reading the file whole.

use super::orders::add_package;
use super::{
    detect_delimiter, is_json, is_xlsx, DateOrderChoice, DecidedBy, FileSummary, ImportError, ImportOptions, Importer,
    Read, RowReader, Step,
};
use crate::order::Order;
use crate::timestamp::DateOrder;

/// Files smaller than this are read whole: a thread costs more than it saves.
pub const SPLIT_BYTES: usize = 8 << 20;

/// Bytes counted by one thread: quotes and line breaks.
#[derive(Clone, Copy, Default)]
struct Counts {
    quotes: u64,
    line_breaks: u64,
}

/// Two passes of memchr's vectorised count: a byte at a time took a tenth of a split import.
fn count(bytes: &[u8]) -> Counts {
    let quotes = memchr::memchr_iter(b'"', bytes).count() as u64;
    Counts { quotes, line_breaks: memchr::memchr_iter(b'\n', bytes).count() as u64 }
}

/// Where each range starts and ends, and the line breaks before each start.
struct Cuts {
    /// `threads + 1` positions: `header_end`, the cuts, the file's end.
    bounds: Vec<usize>,
    /// For each range, the line breaks between `header_end` and its start.
    lines_before: Vec<u64>,
}

/// The end of the header row (past blank rows before it), as the importer will find it.
fn header_end(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let mut reader = RowReader::new(delimiter);
    let mut at = 0;
    loop {
        let (used, read) = reader.read(&bytes[at..], at == bytes.len());
        at += used;
        match read {
            Read::Row if reader.row().iter().all(|cell| cell.trim_ascii().is_empty()) => {}
            Read::Row => return Some(at),
            Read::NeedMore | Read::End => return None,
        }
    }
}

/// The cuts for `threads` ranges of the rows after the header, each just after a line break
/// outside quotes; fewer where the file has no such line break near a guess.
fn cut(bytes: &[u8], header_end: usize, threads: usize) -> Cuts {
    let body = bytes.len() - header_end;
    let guesses: Vec<usize> = (0..=threads).map(|k| header_end + body * k / threads).collect();
    // Each thread counts its stretch between two guesses.
    let counts: Vec<Counts> = std::thread::scope(|scope| {
        let handles: Vec<_> = guesses.windows(2).map(|w| scope.spawn(move || count(&bytes[w[0]..w[1]]))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let header_quotes = count(&bytes[..header_end]).quotes;
    let (mut bounds, mut lines_before) = (vec![header_end], vec![0]);
    let (mut quotes, mut line_breaks) = (header_quotes, 0);
    for (k, stretch) in counts.iter().enumerate().take(threads - 1) {
        quotes += stretch.quotes;
        line_breaks += stretch.line_breaks;
        // From the guess on, to the first line break outside quotes.
        let guess = guesses[k + 1];
        let mut quoted = quotes % 2 == 1;
        let mut breaks_after = 0;
        let found = bytes[guess..].iter().position(|&b| {
            quoted ^= b == b'"';
            breaks_after += u64::from(b == b'\n');
            b == b'\n' && !quoted
        });
        let Some(offset) = found else { break };
        let at = guess + offset + 1;
        if at >= bytes.len() || at <= *bounds.last().unwrap_or(&0) {
            break;
        }
        bounds.push(at);
        lines_before.push(line_breaks + breaks_after);
    }
    bounds.push(bytes.len());
    Cuts { bounds, lines_before }
}

/// Reads `parts` as one file, end to end, however the importer asks for them.
fn read_joined(importer: &mut Importer, file: Option<&str>, parts: [&[u8]; 2]) -> Result<FileSummary, ImportError> {
    let total = parts[0].len() + parts[1].len();
    let mut reading = importer.open(file, total as u64);
    let mut at = 0;
    loop {
        let piece = if at < parts[0].len() { &parts[0][at..] } else { &parts[1][at - parts[0].len()..] };
        match importer.read_piece(&mut reading, piece, usize::MAX)? {
            Step::Next(used) => at += used,
            Step::FromStart => at = 0,
            Step::Done => return Ok(reading.summary),
        }
    }
}

/// One range read on its own: its importer, and how the file's summary of it came out.
struct Range {
    importer: Importer,
    summary: FileSummary,
}

fn read_range(importer: Importer, file: Option<&str>, parts: [&[u8]; 2]) -> Result<Range, ImportError> {
    let mut importer = importer;
    let summary = read_joined(&mut importer, file, parts)?;
    Ok(Range { importer, summary })
}

/// Each time column's date order over every range, decided as reading the file whole would.
fn merge_date_orders(ranges: &[Range], default: DateOrder) -> Vec<DateOrderChoice> {
    let mut merged: Vec<DateOrderChoice> = Vec::new();
    for choice in ranges.iter().flat_map(|r| &r.summary.date_orders) {
        let Some(kept) = merged.iter_mut().find(|c| c.column == choice.column) else {
            merged.push(choice.clone());
            continue;
        };
        let decided = match (kept.decided_by, choice.decided_by) {
            (DecidedBy::Override, _) => continue,
            (DecidedBy::Conflict, _) | (_, DecidedBy::Conflict) => (default, DecidedBy::Conflict),
            (DecidedBy::Values, DecidedBy::Values) if kept.order != choice.order => (default, DecidedBy::Conflict),
            (DecidedBy::Values, _) => (kept.order, DecidedBy::Values),
            (_, DecidedBy::Values) => (choice.order, DecidedBy::Values),
            _ => (default, DecidedBy::Default),
        };
        (kept.order, kept.decided_by) = decided;
        if kept.decided_by == DecidedBy::Default && kept.examples.len() < 2 {
            kept.examples.extend(choice.examples.iter().cloned());
            kept.examples.truncate(2);
        } else if kept.decided_by != DecidedBy::Default {
            kept.examples.clear();
        }
    }
    merged
}

/// Whether a range read every one of its slashed time columns in the order `merged` says.
fn read_as_merged(range: &Range, merged: &[DateOrderChoice]) -> bool {
    range.summary.date_orders.iter().all(|c| merged.iter().any(|m| m.column == c.column && m.order == c.order))
}

impl Importer {
    /// Reads one file on up to `threads` threads, as [`Importer::read`] reads it whole; a file
    /// this cannot split (see the module's notes) is read whole.
    pub fn read_split(&mut self, file: Option<&str>, bytes: &[u8], threads: usize) -> Result<(), ImportError> {
        self.read_split_from(file, bytes, threads, SPLIT_BYTES)
    }

    /// [`Importer::read_split`] for files of at least `min_bytes`.
    pub fn read_split_from(
        &mut self,
        file: Option<&str>,
        bytes: &[u8],
        threads: usize,
        min_bytes: usize,
    ) -> Result<(), ImportError> {
        let plain =
            !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF");
        let splittable = self.import.files.is_empty()
            && self.options.encoding.is_none()
            && threads > 1
            && bytes.len() >= min_bytes
            && plain
            && !is_xlsx(bytes)
            && !is_json(bytes);
        match splittable.then(|| self.split(file, bytes, threads)).flatten() {
            Some(split) => {
                *self = split;
                Ok(())
            }
            None => self.read(file, bytes),
        }
    }

    /// The file read in ranges and merged; `None` where that would not be what reading it
    /// whole gives (the caller then does that).
    fn split(&self, file: Option<&str>, bytes: &[u8], threads: usize) -> Option<Importer> {
        let header_end = header_end(bytes, detect_delimiter(bytes))?;
        let cuts = cut(bytes, header_end, threads);
        let header = &bytes[..header_end];
        let parts: Vec<[&[u8]; 2]> = cuts
            .bounds
            .windows(2)
            .enumerate()
            .map(|(k, w)| if k == 0 { [&bytes[..w[1]], &[][..]] } else { [header, &bytes[w[0]..w[1]]] })
            .collect();
        let mut ranges: Vec<Range> =
            self.read_ranges(file, &parts, &vec![Some(None); parts.len()])?.into_iter().flatten().collect();
        let default = self.options.date_order.unwrap_or(self.options.ambiguous_date_order);
        let merged = merge_date_orders(&ranges, default);
        let order = merged.first().map_or(default, |c| c.order);
        let again: Vec<Option<Option<DateOrder>>> =
            ranges.iter().map(|range| (!read_as_merged(range, &merged)).then_some(Some(order))).collect();
        if again.iter().any(Option::is_some) {
            // One order for every column, or the ranges cannot be read as the whole would be.
            if merged.iter().any(|c| c.order != order) {
                return None;
            }
            let redone = self.read_ranges(file, &parts, &again)?;
            for (range, new) in ranges.iter_mut().zip(redone) {
                if let Some(new) = new {
                    *range = new;
                }
            }
        }
        // A range found not to be UTF-8 was read as another encoding: the whole must be too.
        if ranges.iter().any(|r| r.summary.encoding != "UTF-8") {
            return None;
        }
        merge(ranges, &cuts, merged)
    }

    /// Reads the ranges `which` names on threads of their own (`Some(force)`: read it, in the
    /// date order `force` if any); `None` if one could not be read (the whole file then says
    /// why).
    fn read_ranges(
        &self,
        file: Option<&str>,
        parts: &[[&[u8]; 2]],
        which: &[Option<Option<DateOrder>>],
    ) -> Option<Vec<Option<Range>>> {
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .zip(which)
                .map(|(&parts, which)| {
                    which.map(|force| {
                        let date_order = force.or(self.options.date_order);
                        let importer = Importer::new(ImportOptions { date_order, ..self.options.clone() });
                        scope.spawn(move || read_range(importer, file, parts).ok())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| match handle {
                    None => Some(None),
                    Some(handle) => handle.join().ok().flatten().map(Some),
                })
                .collect()
        })
    }

    /// Adds an order read from a later range: as a row of it, with the other packages it holds.
    fn absorb(&mut self, mut order: Order, line: u64, file: &Option<String>) {
        let more = order.terms.as_mut().map(|terms| std::mem::take(&mut terms.more_packages)).unwrap_or_default();
        let id = order.id.clone();
        self.add(order, line, file);
        if more.is_empty() {
            return;
        }
        let orders = &self.import.orders;
        let last = orders.len().checked_sub(1).filter(|&i| orders[i].id == id);
        if let Some(i) = last.or_else(|| self.index.find(orders, &id).ok()) {
            for (package, tracking) in more {
                add_package(&mut self.import.orders[i], package, tracking);
            }
        }
    }
}

/// The ranges' imports as one, in file order: the first range's importer takes the others'
/// orders, rows not used and counts, their lines renumbered as the whole file counts them.
/// `None` when an order with rows in an earlier range has rows that contradict each other in a
/// later one: which of them contradict the order's first row only reading it whole tells.
fn merge(ranges: Vec<Range>, cuts: &Cuts, date_orders: Vec<DateOrderChoice>) -> Option<Importer> {
    let mut ranges = ranges.into_iter();
    let Range { importer: mut whole, .. } = ranges.next().expect("a first range");
    // Taken out while orders are added, so they count as this file's.
    let mut summary = whole.import.files.pop().expect("the first range's summary");
    for (k, Range { importer, summary: part }) in ranges.enumerate() {
        let offset = cuts.lines_before[k + 1];
        let import = importer.finish();
        summary.rows += part.rows;
        summary.year_first_times |= part.year_first_times;
        whole.import.rows += import.rows;
        whole.import.rows_used += import.rows_used;
        whole.import.skipped.extend(import.skipped.into_iter().map(|mut row| {
            row.line += offset;
            row
        }));
        let contradicted: Vec<&str> =
            import.notes.iter().filter(|note| note.contradiction).map(|note| note.order_id.as_str()).collect();
        if contradicted.iter().any(|id| whole.index.find(&whole.import.orders, id).is_ok()) {
            return None;
        }
        whole.import.notes.extend(import.notes.into_iter().map(|mut note| {
            note.line += offset;
            note
        }));
        for order in import.orders {
            let line = order.line + offset;
            whole.absorb(order, line, &summary.file);
        }
    }
    // Notes of orders that straddle ranges came as the ranges were joined: in line order, as
    // the file read whole gives them.
    let this_file = whole.import.notes.iter().rposition(|note| note.file != summary.file).map_or(0, |i| i + 1);
    whole.import.notes[this_file..].sort_by_key(|note| note.line);
    summary.date_orders = date_orders;
    whole.import.files.push(summary);
    Some(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::Zone;

    /// An export whose rows have quoted cells with line breaks and quotes, orders of several
    /// SKU lines and packages, a row not to use now and then, and ambiguous slashed dates
    /// with, if `day_first_at` is given, one day above 12 at that row.
    fn export(rows: usize, day_first_at: Option<usize>) -> String {
        let mut text = String::from(
            "\n\"Order ID\",Paid Time,Shipped Time,Seller SKU,Product Name,Package ID,Tracking ID,Detail Address\n\
             Platform unique order ID.,Paid.,Shipped.,SKU.,Name.,Package.,Tracking.,Address.\n",
        );
        for row in 0..rows {
            let order = row / 3 + row % 2;
            // The rows of one order agree on when it was paid, as an export's do.
            let day = if Some(row) == day_first_at { 25 } else { 1 + order % 12 };
            let paid = if row % 97 == 13 {
                "not a date".to_owned()
            } else {
                format!("{:02}/{day:02}/2026 10:00", 1 + order % 12)
            };
            let address = format!("\"{row} Main St, \"\"Apt\"\" {}\nSpringfield\"", row % 7);
            let package = if row % 5 == 0 { format!("P{order}-{row}") } else { String::new() };
            text.push_str(&format!(
                "A{order:06},{paid},,SKU-{row},\"Mug, \"\"blue\"\"\",{package},YT{row:016},{address}\n"
            ));
        }
        text
    }

    fn options() -> ImportOptions {
        ImportOptions::in_zone(Zone::UTC)
    }

    fn whole(text: &str) -> super::super::Import {
        let mut importer = Importer::new(options());
        importer.read(Some("export.csv"), text.as_bytes()).unwrap();
        importer.finish()
    }

    fn split(text: &str, threads: usize) -> super::super::Import {
        let mut importer = Importer::new(options());
        importer.read_split_from(Some("export.csv"), text.as_bytes(), threads, 0).unwrap();
        importer.finish()
    }

    #[test]
    fn read_on_any_number_of_threads_an_export_is_what_it_is_read_whole() {
        let text = export(700, None);
        let expected = whole(&text);
        assert!(expected.skipped.len() > 3, "rows not used are in the comparison");
        assert!(expected.orders.iter().any(|o| o.terms.as_ref().is_some_and(|t| !t.more_packages.is_empty())));
        for threads in 2..=9 {
            assert!(Importer::new(options()).split(Some("export.csv"), text.as_bytes(), threads).is_some());
            assert_eq!(split(&text, threads), expected, "{threads} threads");
        }
    }

    #[test]
    fn cuts_fall_between_rows_even_where_a_guess_lands_in_a_quoted_cell() {
        let text = export(300, None);
        let header_end = header_end(text.as_bytes(), b',').unwrap();
        for threads in 2..=16 {
            let cuts = cut(text.as_bytes(), header_end, threads);
            for &at in &cuts.bounds[1..cuts.bounds.len() - 1] {
                let before = &text.as_bytes()[..at];
                assert_eq!(before.last(), Some(&b'\n'));
                assert_eq!(before.iter().filter(|&&b| b == b'"').count() % 2, 0, "a cut inside quotes at {at}");
            }
        }
    }

    #[test]
    fn a_day_above_12_in_the_last_range_decides_for_every_range_as_it_does_for_the_whole() {
        let text = export(600, Some(590));
        let expected = whole(&text);
        assert_eq!(expected.files[0].date_orders[0].decided_by, DecidedBy::Values);
        for threads in [2, 3, 5] {
            assert!(Importer::new(options()).split(Some("export.csv"), text.as_bytes(), threads).is_some());
            assert_eq!(split(&text, threads), expected, "{threads} threads");
        }
    }

    #[test]
    fn a_file_that_is_not_plain_utf8_text_is_read_whole() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(export(50, None).as_bytes());
        let mut importer = Importer::new(options());
        importer.read_split_from(Some("bom.csv"), &bytes, 4, 0).unwrap();
        let mut whole = Importer::new(options());
        whole.read(Some("bom.csv"), &bytes).unwrap();
        assert_eq!(importer.finish(), whole.finish());
    }
}
