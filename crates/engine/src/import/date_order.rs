//! Deciding, per time column of one file, whether its slashed dates (`11/12/2024`) are month- or
//! day-first. The file's own values decide (a first number above 12 means day first; a second
//! above 12, month first), over every row, so that a file mixing both is caught wherever the
//! second kind appears. The rows are tallied a batch at a time, like the import they go with:
//! the first rows before it (their choices are what the import starts with), the rest along
//! with it (if the choices then differ, the file is imported again).

use super::rows::Row;
use super::{AmbiguousDate, Column, ColumnMap, DateOrderChoice, DateOrders, DecidedBy, ImportOptions};
use crate::timestamp::{both_readings, date_order_hint, DateOrder, DateOrderHint};

/// Cells that read either way kept per column, to show the seller.
const EXAMPLES: usize = 2;

/// Rows looked at before giving up on a file that has no slashed dates at all.
const ROWS_WITHOUT_SLASHES: u64 = 100;

/// What one column's values said so far.
#[derive(Clone, Default)]
struct Votes {
    slashed: bool,
    day_first: u64,
    month_first: u64,
    examples: Vec<AmbiguousDate>,
}

impl Votes {
    fn keep_example(&mut self, cell: &str, line: u64) {
        if self.examples.len() == EXAMPLES {
            return;
        }
        if let Some((month_first, day_first)) = both_readings(cell) {
            self.examples.push(AmbiguousDate { text: cell.trim().to_owned(), line, month_first, day_first });
        }
    }
}

/// The votes of every time column of a file.
pub(super) struct DateOrderTally {
    /// Each time column the file has, and where it sits in a row.
    columns: Vec<(Column, usize)>,
    votes: Vec<Votes>,
    rows: u64,
    /// No later row matters: a hundred rows held no slashed date.
    settled: bool,
    /// A time was written year first without a zone (`2026-11-20 10:00`), as Chinese exports
    /// write them.
    year_first: bool,
}

impl DateOrderTally {
    pub fn new(columns: &ColumnMap) -> DateOrderTally {
        let columns: Vec<(Column, usize)> =
            Column::TIMES.iter().filter_map(|&c| columns.get(c).map(|i| (c, i))).collect();
        DateOrderTally {
            votes: vec![Votes::default(); columns.len()],
            columns,
            rows: 0,
            settled: false,
            year_first: false,
        }
    }

    /// Counts one row's votes, unless the tally is settled.
    pub fn add(&mut self, record: &Row) {
        if self.settled {
            return;
        }
        self.rows += 1;
        for (&(_, index), votes) in self.columns.iter().zip(self.votes.iter_mut()) {
            // An empty cell says nothing (most rows have no delivery or cancel time yet).
            let Some(cell) = record.get(index).filter(|cell| !cell.is_empty()) else { continue };
            // Once a column is known to be slashed, only a number above 12 (or dots) where it
            // has no vote yet can change its choice; most cells have none, and are passed over
            // unread.
            if votes.slashed && votes.examples.len() == EXAMPLES && !may_add_a_vote(votes, cell) {
                continue;
            }
            let Ok(cell) = std::str::from_utf8(cell) else { continue };
            match date_order_hint(cell) {
                DateOrderHint::NotSlashed => {
                    self.year_first |= is_year_first_local(cell);
                    continue;
                }
                DateOrderHint::Impossible => continue,
                DateOrderHint::Either => votes.keep_example(cell, record.line),
                DateOrderHint::Only(DateOrder::DayFirst) => votes.day_first += 1,
                DateOrderHint::Only(DateOrder::MonthFirst) => votes.month_first += 1,
            }
            votes.slashed = true;
        }
        self.settled = self.rows >= ROWS_WITHOUT_SLASHES && !self.votes.iter().any(|v| v.slashed);
    }

    /// Whether later rows no longer matter (none do once a hundred rows have held no slashed
    /// date).
    pub fn settled(&self) -> bool {
        self.settled
    }

    /// Whether a time was written year first, without a zone.
    pub fn year_first(&self) -> bool {
        self.year_first
    }

    /// Rows tallied so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// For each time column holding slashed dates, the order to read them in and why: the
    /// seller's override, else the one its values show, else the profile's default.
    pub fn choices(&self, options: &ImportOptions) -> Vec<DateOrderChoice> {
        self.choices_by_default(options, options.ambiguous_date_order)
    }

    /// The orders to import with while the rest of the file is still to be tallied. A column
    /// whose values have not decided yet (often one still empty in a file's first rows, such as
    /// the delivery time) most likely goes the way the file's other columns went, if they agree:
    /// guessing so spares reading the file again when its later values show the same.
    pub fn orders_so_far(&self, options: &ImportOptions) -> DateOrders {
        let decided: Vec<DateOrder> =
            self.choices(options).iter().filter(|c| c.decided_by == DecidedBy::Values).map(|c| c.order).collect();
        let lean = match (options.date_order, decided.split_first()) {
            (Some(order), _) => order,
            (None, Some((first, rest))) if rest.iter().all(|o| o == first) => *first,
            _ => options.ambiguous_date_order,
        };
        DateOrders::from_choices(&self.choices_by_default(options, lean), lean)
    }

    fn choices_by_default(&self, options: &ImportOptions, default: DateOrder) -> Vec<DateOrderChoice> {
        self.columns
            .iter()
            .zip(&self.votes)
            .filter(|(_, votes)| votes.slashed)
            .map(|(&(column, _), votes)| {
                let (order, decided_by) = match (options.date_order, votes.day_first > 0, votes.month_first > 0) {
                    (Some(order), ..) => (order, DecidedBy::Override),
                    (None, true, false) => (DateOrder::DayFirst, DecidedBy::Values),
                    (None, false, true) => (DateOrder::MonthFirst, DecidedBy::Values),
                    (None, true, true) => (default, DecidedBy::Conflict),
                    (None, false, false) => (default, DecidedBy::Default),
                };
                let examples = if decided_by == DecidedBy::Default { votes.examples.clone() } else { Vec::new() };
                DateOrderChoice { column, order, decided_by, examples }
            })
            .collect()
    }
}

/// `2026-11-20 10:00:00` or `2026/11/20 10:00`, with no offset after it: a local time written
/// year first.
fn is_year_first_local(cell: &str) -> bool {
    let b = cell.trim().as_bytes();
    b.len() >= 16
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/')
        && b[7] == b[4]
        && !b[16..].iter().any(|c| matches!(c, b'Z' | b'z' | b'+') || *c == b'-')
}

/// Whether `cell` could add a vote `votes` has none of: whether the first two numbers of what
/// may be a slashed date (one or two digits each, as [`date_order_hint`] reads them) have one
/// above 12 where that is news. Anything else is not a slashed date, or one that says nothing new.
fn may_add_a_vote(votes: &Votes, cell: &[u8]) -> bool {
    let cell = cell.trim_ascii_start();
    let number = |from: usize| {
        let digits = cell.iter().skip(from).take(2).take_while(|c| c.is_ascii_digit()).count();
        let value = cell[from..from + digits].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        (digits > 0).then_some((value, from + digits))
    };
    let Some((first, at)) = number(0) else { return false };
    if !matches!(cell.get(at), Some(b'/' | b'.' | b'-')) {
        return false;
    }
    // A dotted date is day-first whatever its numbers.
    let dotted = cell[at] == b'.';
    let Some((second, _)) = number(at + 1) else { return false };
    (first > 12 || dotted) && votes.day_first == 0 || second > 12 && votes.month_first == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_passed_over_would_have_added_no_vote() {
        let numbers = (0..100).flat_map(|n| [n.to_string(), format!("{n:02}"), format!("{n:03}")]);
        let numbers: Vec<String> = numbers.collect();
        for first in &numbers {
            for second in ["1", "12", "13", "31", "07", "123", ""] {
                for separator in ['/', '.', '-', ' '] {
                    for tail in ["/2024 09:00", "/2024 9:05:00 PM", ".2024 10:00", "/24", ""] {
                        let cell = format!(" {first}{separator}{second}{tail}");
                        let hint = date_order_hint(&cell);
                        for (day_first, month_first) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                            let votes = Votes { slashed: true, day_first, month_first, examples: Vec::new() };
                            let news = match hint {
                                DateOrderHint::Only(DateOrder::DayFirst) => day_first == 0,
                                DateOrderHint::Only(DateOrder::MonthFirst) => month_first == 0,
                                _ => false,
                            };
                            assert!(
                                !news || may_add_a_vote(&votes, cell.as_bytes()),
                                "{cell:?} {day_first} {month_first}"
                            );
                        }
                    }
                }
            }
        }
    }
}
