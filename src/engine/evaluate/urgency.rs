//! The board's default order: most urgent first. A million checks are put in that order a step
//! at a time, so a page can order them without blocking.

use super::OrderCheck;

/// Most urgent first, ties in import order.
pub fn sort_by_urgency(checks: &mut [OrderCheck]) {
    let mut order = UrgencyOrder::new(checks);
    while order.step(checks, usize::MAX) {}
}

/// Puts checks in urgency order (most urgent first, ties in import order) a step at a time, so a
/// page can order a million checks without blocking. Positions are sorted, not the checks, which
/// are large, by each check's urgency packed into a number (reading it again from the checks,
/// scattered over a hundred megabytes, took most of the time): a run of positions at a time,
/// then runs merged pairwise, a budget of positions per step; then the checks are put in place by
/// swaps, each at most once, without a second copy of them.
pub struct UrgencyOrder(Phase);

enum Phase {
    /// The urgency of the checks so far, and their positions sorted by it in runs of `run`;
    /// those of the rest are added a run per step.
    Sorting { keys: Vec<u64>, positions: Vec<u32>, run: usize },
    /// `from`, sorted in runs of `run`, being merged pairwise into `into`; `left` and `right`: the
    /// next position of each run of the pair being merged.
    Merging { keys: Vec<u64>, from: Vec<u32>, into: Vec<u32>, run: usize, left: usize, right: usize },
    /// Where each check goes, and the first position not yet known to hold its check.
    Placing { place: Vec<u32>, next: usize },
}

/// [`OrderCheck::urgency`] as one number that sorts the same way: the rank in the top four bits,
/// then no deadline before any deadline, deadlines by their millisecond (as `Deadlines` keeps them).
pub(super) fn urgency_key(check: &OrderCheck) -> u64 {
    let (rank, deadline) = check.urgency();
    const OFFSET: i64 = 1 << 58;
    let at = deadline.map_or(0, |at| 1 + at.timestamp_millis().saturating_add(OFFSET).clamp(0, 2 * OFFSET) as u64);
    u64::from(rank) << 60 | at
}

impl UrgencyOrder {
    pub fn new(checks: &[OrderCheck]) -> UrgencyOrder {
        let (keys, positions) = (Vec::with_capacity(checks.len()), Vec::with_capacity(checks.len()));
        UrgencyOrder(Phase::Sorting { keys, positions, run: 0 })
    }

    /// Does about `work` checks' worth of the ordering; whether any is left.
    pub fn step(&mut self, checks: &mut [OrderCheck], work: usize) -> bool {
        let work = work.max(1);
        match &mut self.0 {
            Phase::Sorting { keys, positions, run } if positions.len() < checks.len() => {
                if *run == 0 {
                    *run = work;
                }
                let (from, to) = (positions.len(), (positions.len() + *run).min(checks.len()));
                keys.extend(checks[from..to].iter().map(urgency_key));
                positions.extend(from as u32..to as u32);
                positions[from..].sort_unstable_by_key(|&i| (keys[i as usize], i));
            }
            Phase::Sorting { keys, positions, run } => {
                let (keys, from) = (std::mem::take(keys), std::mem::take(positions));
                let into = Vec::with_capacity(from.len());
                self.0 = Phase::Merging { keys, from, into, run: *run, left: 0, right: 0 };
            }
            Phase::Merging { from, run, .. } if *run >= from.len() => {
                let mut place = vec![0; from.len()];
                for (to, at) in (0..).zip(from.iter()) {
                    place[*at as usize] = to;
                }
                self.0 = Phase::Placing { place, next: 0 };
            }
            Phase::Merging { keys, from, into, run, left, right } => {
                let key = |i: u32| (keys[i as usize], i);
                let n = from.len();
                let mut budget = work;
                while budget > 0 && into.len() < n {
                    // Each pair of runs fills its own stretch of `into`.
                    let start = into.len() / (2 * *run) * (2 * *run);
                    let (middle, end) = ((start + *run).min(n), (start + 2 * *run).min(n));
                    if into.len() == start {
                        (*left, *right) = (start, middle);
                    }
                    while budget > 0 && (*left < middle || *right < end) {
                        let from_right = *right < end && (*left == middle || key(from[*right]) < key(from[*left]));
                        let next = if from_right { &mut *right } else { &mut *left };
                        into.push(from[*next]);
                        *next += 1;
                        budget -= 1;
                    }
                }
                if into.len() == n {
                    std::mem::swap(from, into);
                    into.clear();
                    *run = run.saturating_mul(2);
                }
            }
            Phase::Placing { place, next } => {
                // A cycle of the permutation can hold half the checks, so a step may stop inside
                // one: `place` says where the check now at `next` goes, whatever was done before.
                let mut swaps = 0;
                while *next < place.len() && swaps < work {
                    let (i, to) = (*next, place[*next] as usize);
                    if to == i {
                        *next += 1;
                    } else {
                        checks.swap(i, to);
                        place.swap(i, to);
                        swaps += 1;
                    }
                }
                return *next < place.len();
            }
        }
        true
    }
}
