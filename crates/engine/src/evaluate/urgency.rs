//! The board's default order: most urgent first.

use super::OrderCheck;

/// The positions of `checks`, most urgent first, ties in the checks' order. The checks are not
/// moved: they stay in the orders' order, where a pass over every order reads both one after the
/// other. Positions are sorted by each check's urgency packed into a number (reading it again
/// from the checks, scattered over a hundred megabytes, took most of the time), in place: a
/// radix sort was a little quicker, but its second buffer of every pair came at the worker's
/// peak and took its memory past the size of a million-row file.
pub fn urgency_order(checks: &[OrderCheck]) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = checks.iter().zip(0..).map(|(check, i)| (urgency_key(check), i)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// [`OrderCheck::urgency`] as one number that sorts the same way: the rank in the top four bits,
/// then no deadline before any deadline, deadlines by their millisecond (as `Deadlines` keeps them).
pub(super) fn urgency_key(check: &OrderCheck) -> u64 {
    let (rank, deadline) = check.urgency();
    const OFFSET: i64 = 1 << 58;
    let at = deadline.map_or(0, |at| 1 + at.timestamp_millis().saturating_add(OFFSET).clamp(0, 2 * OFFSET) as u64);
    u64::from(rank) << 60 | at
}
