//! Sorting by a 64-bit key in passes over its bytes, lowest first (a radix sort).
//!
//! The pipeline sorts every order by a number twice: by its urgency, and by the hash of its
//! tracking number. Compared two at a time, a million such pairs take some twenty comparisons
//! each, branching on each one; counted into 256 places per byte of the key, they take one
//! pass per byte, and a byte every key shares (the high bytes of deadlines a few weeks of
//! milliseconds apart) takes none.

/// Below this many items, a comparison sort is quicker than counting 8 × 256 places.
const FEW: usize = 512;

/// Sorts `items` by `key`, keeping items with equal keys in the order they came in (a stable
/// sort), as [`slice::sort_by_key`] does.
pub fn sort_by_key<T: Copy>(items: &mut [T], key: impl Fn(&T) -> u64) {
    if items.len() < FEW {
        items.sort_by_key(|item| key(item));
        return;
    }
    let counts = count_bytes(items, &key);
    let mut spare = items.to_vec();
    let (mut from, mut to): (&mut [T], &mut [T]) = (items, &mut spare);
    let mut in_spare = false;
    for (byte, count) in counts.iter().enumerate() {
        // Every key has the same value in this byte: the pass would move nothing.
        if count.contains(&from.len()) {
            continue;
        }
        let mut next = starts(count);
        for item in from.iter() {
            let place = &mut next[usize::from((key(item) >> (8 * byte)) as u8)];
            to[*place] = *item;
            *place += 1;
        }
        (from, to) = (to, from);
        in_spare = !in_spare;
    }
    if in_spare {
        to.copy_from_slice(from);
    }
}

/// For each byte of the keys, lowest first, how many keys have each value in it.
fn count_bytes<T>(items: &[T], key: impl Fn(&T) -> u64) -> Box<[[usize; 256]; 8]> {
    let mut counts = Box::new([[0; 256]; 8]);
    for item in items {
        let key = key(item);
        for (byte, count) in counts.iter_mut().enumerate() {
            count[usize::from((key >> (8 * byte)) as u8)] += 1;
        }
    }
    counts
}

/// Where the items of each value of a byte begin, from how many there are of each.
fn starts(count: &[usize; 256]) -> [usize; 256] {
    let mut at = 0;
    count.map(|n| {
        let start = at;
        at += n;
        start
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys from a fixed generator (xorshift): every byte varies, and the same keys every run.
    fn keys(n: usize, mut state: u64) -> Vec<u64> {
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            })
            .collect()
    }

    /// Sorts `items` by radix and by comparison, asserts both agree, and gives the radix's.
    fn sorted_as_a_stable_sort_sorts(items: &[(u64, u32)]) -> Vec<(u64, u32)> {
        let mut by_radix = items.to_vec();
        sort_by_key(&mut by_radix, |&(key, _)| key);
        let mut by_comparison = items.to_vec();
        by_comparison.sort_by_key(|&(key, _)| key);
        assert_eq!(by_radix, by_comparison, "{} items", items.len());
        by_radix
    }

    #[test]
    fn keys_come_out_in_order_and_equal_keys_in_the_order_they_came() {
        for n in [0, 1, 2, FEW - 1, FEW, 10_000] {
            // Few distinct keys, so that many are equal; the position says which came first.
            let items: Vec<(u64, u32)> = keys(n, 7).into_iter().zip(0..).map(|(key, i)| (key % 97, i)).collect();
            sorted_as_a_stable_sort_sorts(&items);
        }
    }

    #[test]
    fn keys_that_differ_in_every_byte_are_sorted_by_all_of_them() {
        let items: Vec<(u64, u32)> = keys(20_000, 11).into_iter().zip(0..).collect();
        let by_radix = sorted_as_a_stable_sort_sorts(&items);
        assert!(by_radix.windows(2).all(|pair| pair[0].0 <= pair[1].0));
    }

    #[test]
    fn keys_alike_but_in_a_few_bytes_skip_the_others_and_still_sort() {
        // Millisecond deadlines a few weeks apart, beside the rank in the top bits: only the
        // low bytes and the top one differ.
        let base = 1_790_000_000_000u64;
        let items: Vec<(u64, u32)> =
            keys(5_000, 3).into_iter().zip(0..).map(|(k, i)| ((k % 4) << 60 | (base + k % 2_000_000_000), i)).collect();
        sorted_as_a_stable_sort_sorts(&items);
        // And an odd number of passes ends in the items given, not the spare.
        let odd: Vec<(u64, u32)> = keys(5_000, 5).into_iter().zip(0..).map(|(k, i)| (k & 0xFF, i)).collect();
        sorted_as_a_stable_sort_sorts(&odd);
    }
}
