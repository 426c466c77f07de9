//! Tracking numbers used on several orders: the platform accepts a number once, so every order
//! that shares one is marked, with the others named, unless they are orders combined in one
//! package, which share its label.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::{OrderCheck, Rules};
use crate::order::{Order, Text};
use crate::tracking::normalize as normalize_tracking;

/// Other orders with an order's tracking number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedNumber {
    /// The first five.
    pub with: Vec<Text>,
    /// How many there are.
    pub count: usize,
}

/// Marks the checks of orders that share a tracking number: each learns the others, and only
/// the first counts as validly tracked. Numbers are compared in normal form; the usual one,
/// written in normal form already, is borrowed rather than copied, so a million distinct
/// numbers cost no allocation each. `checks` are those of every order, in order.
pub(super) fn mark_shared(rules: &Rules, orders: &[Order], checks: &mut [OrderCheck]) {
    let mut first_with: FxHashMap<Cow<str>, usize> =
        FxHashMap::with_capacity_and_hasher(orders.len(), Default::default());
    // The orders of each shared number, keyed by the first of them.
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, order) in orders.iter().enumerate() {
        let Some(written) = order.tracking_id.as_deref() else { continue };
        let number = if written.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
            Cow::Borrowed(written)
        } else {
            match normalize_tracking(written) {
                Some(number) => Cow::Owned(number),
                None => continue,
            }
        };
        match first_with.entry(number) {
            Entry::Vacant(entry) => {
                entry.insert(i);
            }
            Entry::Occupied(entry) => groups.entry(*entry.get()).or_insert_with(|| vec![*entry.get()]).push(i),
        }
    }
    drop(first_with);
    for indices in groups.into_values().filter(|indices| !combined_in_one_package(indices, orders)) {
        for (position, &i) in indices.iter().enumerate() {
            let check = &mut checks[i];
            let with = indices.iter().filter(|&&j| j != i).map(|&j| orders[j].id.clone()).take(5).collect();
            check.tracking_shared = Some(Box::new(SharedNumber { with, count: indices.len() - 1 }));
            check.first_with_tracking = position == 0;
            check.settle(&orders[i], rules);
        }
    }
}

/// Whether the orders are combined into one package (the same `Package ID`), whose one label
/// they rightly share.
fn combined_in_one_package(indices: &[usize], orders: &[Order]) -> bool {
    let mut packages = indices.iter().map(|&i| orders[i].package_id.as_deref());
    let first = packages.next().flatten();
    first.is_some() && packages.all(|package| package == first)
}
