//! Tracking numbers used on several orders: the platform accepts a number once, so every order
//! that shares one is marked, with the others named, unless they are orders combined in one
//! package, which share its label. Found as the orders are checked, a range
//! at a time, then marked in steps, so a page checking a large import never blocks on it.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::{OrderCheck, Rules};
use crate::engine::order::{Order, Text};
use crate::engine::tracking::normalize as normalize_tracking;

/// Other orders with an order's tracking number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedNumber {
    /// The first five.
    pub with: Vec<Text>,
    /// How many there are.
    pub count: usize,
}

/// Orders sharing one tracking number (the platform accepts a number once), found as the orders
/// are checked: fed a range of orders at a time, so a page checking a large import a range per
/// task finds them along the way, then [`SharedTracking::mark`] marks every check involved.
pub struct SharedTracking<'a> {
    /// Keyed by the number as written when it is already in normal form (the usual case), so a
    /// million distinct numbers cost no allocation each.
    first_with: FxHashMap<Cow<'a, str>, usize>,
    /// The orders of each shared number, keyed by the first of them.
    groups: FxHashMap<usize, Vec<usize>>,
    /// Groups whose checks are still to be marked.
    unmarked: Vec<Vec<usize>>,
}

impl<'a> SharedTracking<'a> {
    pub fn new(orders: usize) -> SharedTracking<'a> {
        SharedTracking {
            first_with: FxHashMap::with_capacity_and_hasher(orders, Default::default()),
            groups: FxHashMap::default(),
            unmarked: Vec::new(),
        }
    }

    pub fn add(&mut self, orders: &'a [Order], range: std::ops::Range<usize>) {
        for (i, order) in range.clone().zip(&orders[range]) {
            let Some(written) = order.tracking_id.as_deref() else { continue };
            let number = if written.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
                Cow::Borrowed(written)
            } else {
                match normalize_tracking(written) {
                    Some(number) => Cow::Owned(number),
                    None => continue,
                }
            };
            match self.first_with.entry(number) {
                Entry::Vacant(entry) => {
                    entry.insert(i);
                }
                Entry::Occupied(entry) => self.groups.entry(*entry.get()).or_insert_with(|| vec![*entry.get()]).push(i),
            }
        }
    }

    /// Marks the checks of orders that share a number, about `work` orders per call so a page
    /// can mark them a slice per task; whether any are left. `checks` are those of every order,
    /// in order.
    pub fn mark(&mut self, rules: &Rules, orders: &[Order], checks: &mut [OrderCheck], work: usize) -> bool {
        if !self.groups.is_empty() {
            self.unmarked.extend(std::mem::take(&mut self.groups).into_values());
        }
        let mut marked = 0;
        while marked < work {
            let Some(indices) = self.unmarked.pop() else { return false };
            if combined_in_one_package(&indices, orders) {
                continue;
            }
            for (position, &i) in indices.iter().enumerate() {
                let check = &mut checks[i];
                let with = indices.iter().filter(|&&j| j != i).map(|&j| orders[j].id.clone()).take(5).collect();
                check.tracking_shared = Some(Box::new(SharedNumber { with, count: indices.len() - 1 }));
                check.first_with_tracking = position == 0;
                check.settle(&orders[i], rules);
            }
            marked += indices.len();
        }
        !self.unmarked.is_empty()
    }
}

/// Whether the orders are combined into one package (the same `Package ID`), whose one label
/// they rightly share.
fn combined_in_one_package(indices: &[usize], orders: &[Order]) -> bool {
    let mut packages = indices.iter().map(|&i| orders[i].package_id.as_deref());
    let first = packages.next().flatten();
    first.is_some() && packages.all(|package| package == first)
}
