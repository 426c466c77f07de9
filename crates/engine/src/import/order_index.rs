//! Order ID to position in the orders, asked for every row that does not continue the order
//! above it.
//!
//! Nearly every such row starts a new order, so what matters is how cheaply the index says "not
//! here". A hash table says it by reading a slot at a place chosen by the hash: a place in a
//! table of megabytes, a miss in the processor's caches for every new order. Compiled to
//! WebAssembly, those misses were most of the time spent adding rows to orders (the CLI run by
//! Node's WASI reading 100,000 rows, its compiled code profiled: 62 % of `Importer::add`'s
//! samples on the hash map's control bytes, read, and on its slot, written).
//!
//! So the index answers "not here" from a filter of a few bits an order, small enough to stay in
//! the cache, and writes new orders' entries into the table later, many at a time: a loop of
//! nothing else, whose misses the processor can wait for side by side. Only an ID the filter may
//! have seen (one that is there, or a false alarm, at most about one in ten) is looked up in the
//! table and among the entries not yet written.
//!
//! Keyed by the ID's hash, not the ID: the IDs are in the orders already, so the index holds no
//! second copy of a million strings, nor frees them one by one when the import ends. Hashed with
//! Fx rather than SipHash: the IDs come from the seller's own file, there is no one to mount a
//! collision attack. Hashes and positions are 32 bits: an entry of 8 bytes, not 16, makes a
//! million orders' table half the size.

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

use super::super::order::Order;

/// New orders' entries written into the table together, once this many are waiting.
const WAITING: usize = 64;

#[derive(Default)]
pub(super) struct OrderIndex {
    /// Open addressing, at most three quarters full (no more memory than a hash map's, and most
    /// IDs looked for are not here, which the filter answers): an ID's hash and its order's
    /// position, from the place its hash picks on to the first free slot.
    slots: Vec<Slot>,
    /// Entries in `slots`.
    settled: usize,
    /// Entries of orders added since the table was last written.
    waiting: Vec<Slot>,
    seen: Filter,
}

/// An entry; `at` is the position plus one, 0 for a free slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u32,
    at: u32,
}

/// Where an ID that is not in the index goes: its hash, so it is not computed twice.
pub(super) struct Vacant(u32);

impl OrderIndex {
    /// The position of the order with `id`, or where to add it.
    pub(super) fn find(&self, orders: &[Order], id: &str) -> Result<usize, Vacant> {
        self.find_hashed(orders, id, FxBuildHasher.hash_one(id) as u32)
    }

    fn find_hashed(&self, orders: &[Order], id: &str, hash: u32) -> Result<usize, Vacant> {
        if !self.seen.may_hold(hash) {
            return Err(Vacant(hash));
        }
        let is_it = |slot: &&Slot| slot.hash == hash && *orders[slot.at as usize - 1].id == *id;
        let found = self.probe(hash).take_while(|slot| slot.at != 0).find(is_it);
        match found.or_else(|| self.waiting.iter().find(is_it)) {
            Some(slot) => Ok(slot.at as usize - 1),
            None => Err(Vacant(hash)),
        }
    }

    /// Adds the order at `position` under the ID [`OrderIndex::find`] did not find.
    pub(super) fn insert(&mut self, Vacant(hash): Vacant, position: usize) {
        self.reserve(1);
        self.seen.mark(hash);
        // Positions fit in 32 bits: four billion orders would not fit in memory.
        self.waiting.push(Slot { hash, at: position as u32 + 1 });
        if self.waiting.len() == WAITING {
            self.settled += self.waiting.len();
            for slot in self.waiting.drain(..) {
                place(&mut self.slots, slot);
            }
        }
    }

    /// Room for `more` orders without the table being made again.
    pub(super) fn reserve(&mut self, more: usize) {
        let wanted = (self.settled + self.waiting.len() + more).saturating_mul(4).div_ceil(3);
        if wanted <= self.slots.len() {
            return;
        }
        let size = wanted.next_power_of_two().max(WAITING * 2);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        self.seen = Filter::for_slots(size);
        for slot in old.into_iter().filter(|slot| slot.at != 0) {
            self.seen.mark(slot.hash);
            place(&mut self.slots, slot);
        }
        for slot in &self.waiting {
            self.seen.mark(slot.hash);
        }
    }

    pub(super) fn clear(&mut self) {
        self.slots.fill(Slot::default());
        self.settled = 0;
        self.waiting.clear();
        self.seen.0.fill(0);
    }

    /// The slots from where `hash` starts on, round the table.
    fn probe(&self, hash: u32) -> impl Iterator<Item = &Slot> {
        let start = if self.slots.is_empty() { 0 } else { start(&self.slots, hash) };
        self.slots[start..].iter().chain(&self.slots[..start])
    }
}

/// Puts an entry in the first free slot from where its hash starts.
fn place(slots: &mut [Slot], slot: Slot) {
    let mask = slots.len() - 1;
    let mut i = start(slots, slot.hash);
    while slots[i].at != 0 {
        i = (i + 1) & mask;
    }
    slots[i] = slot;
}

/// The slot a hash starts from: its top bits once mixed, as Fx's low bits are its weakest.
fn start(slots: &[Slot], hash: u32) -> usize {
    (mixed(hash) >> (64 - slots.len().trailing_zeros())) as usize
}

/// Two bits for each order's hash, set when it is added; an ID with either of its bits clear is
/// not in the index. Four bits for each slot of the table: 64 KiB for the 100k-row export's
/// 66,812 orders, which stays in the cache better than a larger filter's fewer false alarms are
/// worth (under Node's WASI, a filter of 128 KiB against one of 32 KiB: `Importer::add` 54.8 ms
/// against 41.7, medians of eight runs each).
#[derive(Default)]
struct Filter(Vec<u64>);

impl Filter {
    fn for_slots(slots: usize) -> Filter {
        Filter(vec![0; slots / 16])
    }

    fn may_hold(&self, hash: u32) -> bool {
        let (word, bits) = self.bits_of(hash);
        self.0.get(word).is_some_and(|&w| w & bits == bits)
    }

    fn mark(&mut self, hash: u32) {
        let (word, bits) = self.bits_of(hash);
        self.0[word] |= bits;
    }

    /// The word for a hash, from the top bits of it mixed, and its two bits there, from the
    /// hash's lowest twelve: the low bits of a product depend on the low bits of the hash alone,
    /// so a word picked by them would fix its bits too.
    fn bits_of(&self, hash: u32) -> (usize, u64) {
        let word = match self.0.len() {
            0 => 0,
            words => mixed(hash).checked_shr(64 - words.trailing_zeros()).unwrap_or(0) as usize,
        };
        (word, 1 << (hash & 63) | 1 << ((hash >> 6) & 63))
    }
}

/// The hash spread over 64 bits (Fibonacci hashing), so both the table's place and the filter's
/// word depend on all of it.
fn mixed(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders(ids: &[&str]) -> Vec<Order> {
        ids.iter().map(|&id| Order { id: id.into(), ..Order::default() }).collect()
    }

    #[test]
    fn an_order_is_found_before_and_after_its_entry_is_written_into_the_table() {
        let ids: Vec<String> = (0..WAITING * 3 + 7).map(|i| format!("5769{i:014}")).collect();
        let orders = orders(&ids.iter().map(String::as_str).collect::<Vec<_>>());
        let mut index = OrderIndex::default();
        for (position, order) in orders.iter().enumerate() {
            let vacant = index.find(&orders[..position], &order.id).expect_err("not added yet");
            index.insert(vacant, position);
            assert_eq!(index.find(&orders, &order.id).ok(), Some(position));
        }
        for (position, order) in orders.iter().enumerate() {
            assert_eq!(index.find(&orders, &order.id).ok(), Some(position), "{}", order.id);
        }
        assert!(index.find(&orders, "576900000000000000x").is_err());
    }

    #[test]
    fn orders_whose_ids_share_a_hash_each_keep_their_own_place() {
        let mut ids = vec!["A".to_string(), "B".to_string()];
        ids.extend((2..WAITING).map(|i| format!("filler {i}")));
        let orders = orders(&ids.iter().map(String::as_str).collect::<Vec<_>>());
        let mut index = OrderIndex::default();
        let shared_hash = |index: &OrderIndex, id| index.find_hashed(&orders, id, 7);
        for (position, id) in ids.iter().enumerate().take(2) {
            let vacant = shared_hash(&index, id).expect_err("new");
            index.insert(vacant, position);
        }
        let found = |index: &OrderIndex| ["A", "B", "C"].map(|id| shared_hash(index, id).ok());
        assert_eq!(found(&index), [Some(0), Some(1), None], "waiting to be written");
        for (position, id) in ids.iter().enumerate().skip(2) {
            let vacant = index.find(&orders, id).expect_err("new");
            index.insert(vacant, position);
        }
        assert!(index.waiting.is_empty());
        assert_eq!(found(&index), [Some(0), Some(1), None], "in the table");
    }

    #[test]
    fn a_table_made_again_for_more_orders_keeps_every_order_it_had() {
        let ids: Vec<String> = (0..5_000).map(|i| format!("{i}")).collect();
        let orders = orders(&ids.iter().map(String::as_str).collect::<Vec<_>>());
        let mut index = OrderIndex::default();
        for (position, order) in orders.iter().enumerate() {
            let vacant = index.find(&orders[..position], &order.id).expect_err("new");
            index.insert(vacant, position);
            if position == 1_000 {
                index.reserve(100_000);
            }
        }
        let found = orders.iter().enumerate().filter(|(i, o)| index.find(&orders, &o.id).ok() == Some(*i)).count();
        assert_eq!(found, orders.len());
    }

    #[test]
    fn the_filter_lets_few_new_ids_through_to_the_table() {
        let ids: Vec<String> = (0..100_000).map(|i| format!("5769{:014}", i * 7919)).collect();
        let orders = orders(&ids.iter().map(String::as_str).collect::<Vec<_>>());
        let mut index = OrderIndex::default();
        index.reserve(orders.len());
        for (position, order) in orders.iter().enumerate() {
            let vacant = index.find(&orders[..position], &order.id).expect_err("new");
            index.insert(vacant, position);
        }
        let hash = |id: &str| FxBuildHasher.hash_one(id) as u32;
        let let_through = (0..100_000).filter(|i| index.seen.may_hold(hash(&format!("5770{i:014}")))).count();
        assert!(let_through < 15_000, "{let_through} of 100,000 new IDs looked up in the table");
    }

    #[test]
    fn a_cleared_index_holds_nothing() {
        let orders = orders(&["A"]);
        let mut index = OrderIndex::default();
        let vacant = index.find(&orders, "A").expect_err("new");
        index.insert(vacant, 0);
        index.clear();
        assert!(index.find(&orders, "A").is_err());
    }
}
