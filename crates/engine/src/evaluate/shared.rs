//! Tracking numbers used on several orders: the platform accepts a number once, so every order
//! that shares one is marked, with the others named, unless they are orders combined in one
//! package, which share its label.

use std::borrow::Cow;
use std::hash::BuildHasher;

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
/// the first counts as validly tracked. `checks` are those of every order, in order.
pub(super) fn mark_shared(rules: &Rules, orders: &[Order], checks: &mut [OrderCheck]) {
    let by_fx = |number: &str| rustc_hash::FxBuildHasher.hash_one(number);
    for indices in shared_numbers(orders, by_fx).into_iter().filter(|indices| !combined_in_one_package(indices, orders))
    {
        for (position, &i) in indices.iter().enumerate() {
            let check = &mut checks[i];
            let with = indices.iter().filter(|&&j| j != i).map(|&j| orders[j].id.clone()).take(5).collect();
            check.tracking_shared = Some(Box::new(SharedNumber { with, count: indices.len() - 1 }));
            check.first_with_tracking = position == 0;
            check.settle(&orders[i], rules);
        }
    }
}

/// The orders of each tracking number written on more than one order, each group in file
/// order. The numbers' hashes are sorted (in place: this runs at the worker's peak of memory),
/// not the numbers looked up in a table: each order is read once, in order, where a table of a
/// million numbers was a cache miss an order (115 ms of a million-row export's 280 ms after the
/// check). Only orders whose hashes are equal have their numbers compared, so two numbers that
/// hash alike are never taken for one.
fn shared_numbers(orders: &[Order], hash: impl Fn(&str) -> u64) -> Vec<Vec<usize>> {
    let mut hashed: Vec<(u64, u32)> =
        orders.iter().zip(0u32..).filter_map(|(order, i)| Some((hash(&normal_number(order)?), i))).collect();
    hashed.sort_unstable();
    let mut groups = Vec::new();
    for alike in hashed.chunk_by(|a, b| a.0 == b.0).filter(|alike| alike.len() > 1) {
        let mut numbers: Vec<(Cow<str>, usize)> =
            alike.iter().filter_map(|&(_, i)| Some((normal_number(&orders[i as usize])?, i as usize))).collect();
        // By number, then by position: each group comes out in file order.
        numbers.sort_unstable();
        let shared = numbers.chunk_by(|a, b| a.0 == b.0).filter(|same| same.len() > 1);
        groups.extend(shared.map(|same| same.iter().map(|&(_, i)| i).collect::<Vec<_>>()));
    }
    groups
}

/// An order's tracking number in normal form, the form numbers are compared in. The usual one,
/// written in normal form already, is borrowed rather than copied, so a million distinct
/// numbers cost no allocation each.
fn normal_number(order: &Order) -> Option<Cow<'_, str>> {
    let written = order.tracking_id.as_deref()?;
    // Every byte looked at, without stopping at the first that is not: a loop with no branch.
    if written.bytes().fold(true, |normal, b| normal & (b.is_ascii_digit() | b.is_ascii_uppercase())) {
        Some(Cow::Borrowed(written))
    } else {
        normalize_tracking(written).map(Cow::Owned)
    }
}

/// Whether the orders are combined into one package (the same `Package ID`), whose one label
/// they rightly share.
fn combined_in_one_package(indices: &[usize], orders: &[Order]) -> bool {
    let mut packages = indices.iter().map(|&i| orders[i].package_id.as_deref());
    let first = packages.next().flatten();
    first.is_some() && packages.all(|package| package == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders_numbered(numbers: &[Option<&str>]) -> Vec<Order> {
        let order = |(i, number): (usize, &Option<&str>)| Order {
            id: format!("O{i}").into(),
            tracking_id: number.map(Text::from),
            ..Order::default()
        };
        numbers.iter().enumerate().map(order).collect()
    }

    /// The groups as a table of numbers finds them: every number with its orders, in file order.
    fn grouped_by_table(orders: &[Order]) -> Vec<Vec<usize>> {
        let mut by_number: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, order) in orders.iter().enumerate() {
            if let Some(number) = normal_number(order) {
                by_number.entry(number.into_owned()).or_default().push(i);
            }
        }
        by_number.into_values().filter(|orders| orders.len() > 1).collect()
    }

    fn sorted(mut groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        groups.sort();
        groups
    }

    const NUMBERS: [Option<&str>; 11] = [
        Some("9400111899223344556677"),
        None,
        Some("YT2432100012345678"),
        Some("9400 1118 9922 3344 5566 77"),
        Some("yt 2432 1000 1234 5678"),
        Some("LONE1"),
        Some("9400111899223344556677"),
        Some("-"),
        Some("-"),
        Some("LONE2"),
        Some("YT2432100012345678"),
    ];

    #[test]
    fn orders_sharing_a_number_in_any_writing_are_grouped_in_file_order() {
        let orders = orders_numbered(&NUMBERS);
        let by_fx = |number: &str| rustc_hash::FxBuildHasher.hash_one(number);
        let groups = sorted(shared_numbers(&orders, by_fx));
        assert_eq!(groups, vec![vec![0, 3, 6], vec![2, 4, 10]]);
        assert_eq!(groups, sorted(grouped_by_table(&orders)));
    }

    #[test]
    fn numbers_whose_hashes_are_equal_are_still_told_apart() {
        let orders = orders_numbered(&NUMBERS);
        let all_alike = |_: &str| 7;
        assert_eq!(sorted(shared_numbers(&orders, all_alike)), sorted(grouped_by_table(&orders)));
        let first_digit = |number: &str| u64::from(number.as_bytes()[0]);
        assert_eq!(sorted(shared_numbers(&orders, first_digit)), sorted(grouped_by_table(&orders)));
    }

    #[test]
    fn no_number_is_shared_when_each_is_written_once() {
        let orders = orders_numbered(&[Some("A1"), Some("A2"), None, None]);
        assert!(shared_numbers(&orders, |_| 0).is_empty());
    }
}
