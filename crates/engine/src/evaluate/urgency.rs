//! The board's default order: most urgent first.

use super::OrderCheck;

/// Most urgent first, ties in import order. Positions are sorted, not the checks, which are
/// large, by each check's urgency packed into a number (reading it again from the checks,
/// scattered over a hundred megabytes, took most of the time); then the checks are put in place
/// by swaps along the cycles of the permutation, each at most once, without a second copy.
pub fn sort_by_urgency(checks: &mut [OrderCheck]) {
    let mut order: Vec<(u64, u32)> = checks.iter().zip(0..).map(|(check, i)| (urgency_key(check), i)).collect();
    order.sort_unstable();
    // `place[i]`: where the check now at `i` goes.
    let mut place = vec![0u32; checks.len()];
    for (to, &(_, from)) in (0..).zip(&order) {
        place[from as usize] = to;
    }
    drop(order);
    for i in 0..checks.len() {
        while place[i] as usize != i {
            let to = place[i] as usize;
            checks.swap(i, to);
            place.swap(i, to);
        }
    }
}

/// [`OrderCheck::urgency`] as one number that sorts the same way: the rank in the top four bits,
/// then no deadline before any deadline, deadlines by their millisecond (as `Deadlines` keeps them).
pub(super) fn urgency_key(check: &OrderCheck) -> u64 {
    let (rank, deadline) = check.urgency();
    const OFFSET: i64 = 1 << 58;
    let at = deadline.map_or(0, |at| 1 + at.timestamp_millis().saturating_add(OFFSET).clamp(0, 2 * OFFSET) as u64);
    u64::from(rank) << 60 | at
}
