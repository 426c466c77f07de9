//! Which orders a board's search mentions: those whose ID, tracking number or one of whose SKUs
//! contains the text typed, ignoring ASCII case (IDs and SKUs are ASCII; other text is compared
//! as written).
//!
//! Read order by order, those are three or more small texts each, every one somewhere else in
//! memory: at a million orders that was most of a search's time (280–360 ms of it natively, 80
//! for a text longer than any of them, which is never read). So the first search copies them,
//! lower-cased, into one buffer in the orders' order, and every search is one substring scan of
//! it. The buffer costs about 55 bytes an order (34 MB of WASM memory at a million orders), and
//! only once a seller searches.

use memchr::memmem;

use crate::order::Order;

/// Every order's searched texts, lower-cased (ASCII), one after another.
pub struct SearchIndex {
    /// Each text followed by a zero byte, so that no match runs from one text into the next.
    text: Vec<u8>,
    /// Where each order's texts start in `text`, and where the last ones end.
    starts: Vec<usize>,
}

/// Ends each text in the index: a searched text holding one is not looked up there.
const END: u8 = 0;

impl SearchIndex {
    pub fn new(orders: &[Order]) -> SearchIndex {
        // Sized first: grown as it is filled, it would take up to twice the room, and WASM
        // memory once taken is never given back.
        let size = orders.iter().flat_map(searched_texts).map(|text| text.len() + 1).sum();
        let mut text = Vec::with_capacity(size);
        let mut starts = Vec::with_capacity(orders.len() + 1);
        for order in orders {
            starts.push(text.len());
            for searched in searched_texts(order) {
                text.extend(searched.bytes().map(|b| b.to_ascii_lowercase()));
                text.push(END);
            }
        }
        starts.push(text.len());
        debug_assert_eq!(text.len(), size);
        SearchIndex { text, starts }
    }

    /// For each order of `orders` (those the index was made of), whether it mentions `needle`.
    pub fn mentioned(&self, orders: &[Order], needle: &str) -> Vec<bool> {
        if needle.is_empty() {
            return vec![true; orders.len()];
        }
        if needle.as_bytes().contains(&END) {
            return orders.iter().map(|order| mentions(order, needle)).collect();
        }
        let needle = needle.to_ascii_lowercase();
        let finder = memmem::Finder::new(needle.as_bytes());
        let mut mentioned = vec![false; orders.len()];
        let (mut from, mut order) = (0, 0);
        while let Some(at) = finder.find(&self.text[from..]).map(|at| from + at) {
            while self.starts[order + 1] <= at {
                order += 1;
            }
            mentioned[order] = true;
            // One match is enough: on from the next order's texts.
            from = self.starts[order + 1];
        }
        mentioned
    }
}

/// The texts of an order a search looks at.
fn searched_texts(order: &Order) -> impl Iterator<Item = &str> {
    let skus = order.lines.iter().map(|line| &*line.sku);
    std::iter::once(&*order.id).chain(order.tracking_id.as_deref()).chain(skus)
}

/// Whether one of the order's searched texts contains `needle`, read in place.
fn mentions(order: &Order, needle: &str) -> bool {
    searched_texts(order).any(|text| contains_ignoring_case(text, needle))
}

fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    needle.len() <= text.len() && text.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::SkuLine;

    fn order(id: &str, tracking: Option<&str>, skus: &[&str]) -> Order {
        let lines = skus.iter().map(|&sku| SkuLine { sku: sku.into(), ..SkuLine::default() }).collect();
        Order { id: id.into(), tracking_id: tracking.map(Into::into), lines, ..Order::default() }
    }

    fn orders() -> Vec<Order> {
        vec![
            order("576461413038785101", Some("YT2432100012345678"), &["MUG-350", "mug-500"]),
            order("576461413038785102", None, &[]),
            order("A-ÄÖ-1", Some("lx123456785cn"), &["Tasse"]),
            order("", Some("\u{0}odd"), &["x"]),
        ]
    }

    #[test]
    fn the_index_finds_what_reading_each_order_finds() {
        let orders = orders();
        let index = SearchIndex::new(&orders);
        let needles = [
            "5101",
            "576461413038785",
            "yt24",
            "MUG",
            "mug-5",
            "350mug",
            "LX1234",
            "CN",
            "ä",
            "Ä",
            "ÄÖ",
            "tasse",
            "x",
            "A-",
            "5102YT",
            "785101YT",
            "odd",
            "\u{0}odd",
            "\u{0}",
            "longer than any text of any order here",
            "1",
        ];
        for needle in needles {
            let expected: Vec<bool> = orders.iter().map(|order| mentions(order, needle)).collect();
            assert_eq!(index.mentioned(&orders, needle), expected, "{needle:?}");
        }
    }

    #[test]
    fn a_search_never_runs_from_one_text_or_order_into_the_next() {
        let orders = orders();
        let index = SearchIndex::new(&orders);
        // The first order's ID ends "5101", its tracking number starts "YT"; the second's ID
        // follows the first order's last SKU.
        assert_eq!(index.mentioned(&orders, "5101YT"), [false; 4]);
        assert_eq!(index.mentioned(&orders, "mug-500576"), [false; 4]);
        assert_eq!(index.mentioned(&orders, "500"), [true, false, false, false]);
    }

    #[test]
    fn case_is_ignored_for_ascii_letters_only() {
        let orders = orders();
        let index = SearchIndex::new(&orders);
        assert_eq!(index.mentioned(&orders, "TASSE"), [false, false, true, false]);
        assert_eq!(index.mentioned(&orders, "äö"), [false; 4], "other letters are compared as written");
    }

    #[test]
    fn no_orders_and_empty_orders_are_found_by_nothing() {
        let index = SearchIndex::new(&[]);
        assert!(index.mentioned(&[], "5101").is_empty());
        let empty = [Order::default()];
        assert_eq!(SearchIndex::new(&empty).mentioned(&empty, "a"), [false]);
    }
}
