//! What the seller marked on orders: the steps they have handled and a note, by order ID.
//!
//! Marks are the seller's own record, not something an export says, so they outlive any one
//! import: the page keeps them in the browser (IndexedDB) and hands them to the engine, which
//! filters the board by them and writes the notes into an appeal pack. They are keyed by order
//! ID alone, so an order marked in Monday's export is still marked in Tuesday's.
//!
//! Bounded like every other input: a note is cut at [`MAX_NOTE_CHARS`] and at most
//! [`MAX_MARKED_ORDERS`] orders are kept, the oldest changes dropped first.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The longest note kept, in characters: a paragraph of evidence, not a document.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// The most orders kept with a mark: the board's million, with room to spare for orders marked
/// in earlier exports.
pub const MAX_MARKED_ORDERS: usize = 2_000_000;

/// What the seller marked on one order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Mark {
    /// Handed to the carrier.
    pub shipped: bool,
    /// The tracking number is in Seller Center.
    pub tracking_uploaded: bool,
    /// The buyer was told of a delay.
    pub buyer_notified: bool,
    pub note: String,
    /// When it was last changed, in milliseconds: which mark is dropped first when too many are
    /// kept.
    pub changed: i64,
}

impl Mark {
    /// Whether nothing is marked: such a mark is removed rather than kept.
    pub fn is_empty(&self) -> bool {
        !self.handled() && self.note.trim().is_empty()
    }

    /// Whether any step is ticked.
    pub fn handled(&self) -> bool {
        self.shipped || self.tracking_uploaded || self.buyer_notified
    }

    /// The mark with its note cut to [`MAX_NOTE_CHARS`] and trailing space trimmed.
    pub fn bounded(mut self) -> Mark {
        if let Some((cut, _)) = self.note.char_indices().nth(MAX_NOTE_CHARS) {
            self.note.truncate(cut);
        }
        self.note.truncate(self.note.trim_end().len());
        self
    }
}

/// A board filter on marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkFilter {
    /// No step ticked: what is left to handle.
    NotHandled,
    Shipped,
    TrackingUploaded,
    BuyerNotified,
    /// With a note.
    Noted,
}

impl MarkFilter {
    pub const ALL: [MarkFilter; 5] = [
        MarkFilter::NotHandled,
        MarkFilter::Shipped,
        MarkFilter::TrackingUploaded,
        MarkFilter::BuyerNotified,
        MarkFilter::Noted,
    ];

    /// Whether an order with `mark` (or none) passes.
    pub fn passes(self, mark: Option<&Mark>) -> bool {
        match self {
            MarkFilter::NotHandled => !mark.is_some_and(Mark::handled),
            MarkFilter::Shipped => mark.is_some_and(|mark| mark.shipped),
            MarkFilter::TrackingUploaded => mark.is_some_and(|mark| mark.tracking_uploaded),
            MarkFilter::BuyerNotified => mark.is_some_and(|mark| mark.buyer_notified),
            MarkFilter::Noted => mark.is_some_and(|mark| !mark.note.is_empty()),
        }
    }

    /// Its name in links and test IDs.
    pub fn code(self) -> &'static str {
        match self {
            MarkFilter::NotHandled => "not-handled",
            MarkFilter::Shipped => "shipped",
            MarkFilter::TrackingUploaded => "tracking-uploaded",
            MarkFilter::BuyerNotified => "buyer-notified",
            MarkFilter::Noted => "noted",
        }
    }

    pub fn parse(code: &str) -> Option<MarkFilter> {
        MarkFilter::ALL.into_iter().find(|filter| filter.code() == code)
    }
}

/// Every order's mark, by order ID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks(HashMap<Box<str>, Mark>);

impl Marks {
    /// The marks the page kept, bounded.
    pub fn new(mut kept: Vec<(String, Mark)>) -> Marks {
        if kept.len() > MAX_MARKED_ORDERS {
            kept.sort_unstable_by_key(|(_, mark)| std::cmp::Reverse(mark.changed));
            kept.truncate(MAX_MARKED_ORDERS);
        }
        let mut marks = Marks::default();
        for (order_id, mark) in kept {
            marks.set(&order_id, mark);
        }
        marks
    }

    pub fn get(&self, order_id: &str) -> Option<&Mark> {
        self.0.get(order_id)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Marks `order_id`; an empty mark removes it. Past [`MAX_MARKED_ORDERS`], the mark changed
    /// longest ago goes.
    pub fn set(&mut self, order_id: &str, mark: Mark) {
        let mark = mark.bounded();
        if mark.is_empty() {
            self.0.remove(order_id);
            return;
        }
        self.0.insert(order_id.into(), mark);
        if self.0.len() > MAX_MARKED_ORDERS {
            let oldest = self.0.iter().min_by_key(|&(id, mark)| (mark.changed, id)).map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                self.0.remove(&oldest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noted(note: &str) -> Mark {
        Mark { note: note.into(), ..Mark::default() }
    }

    #[test]
    fn an_empty_mark_removes_the_order_and_a_blank_note_is_no_note() {
        let mut marks = Marks::default();
        marks.set("5761", Mark { shipped: true, ..Mark::default() });
        assert!(marks.get("5761").is_some());
        marks.set("5761", noted("   "));
        assert!(marks.get("5761").is_none());
        assert!(marks.is_empty());
    }

    #[test]
    fn a_long_note_is_cut_at_the_limit_on_a_character_boundary() {
        let mut marks = Marks::default();
        marks.set("5761", noted(&"已".repeat(MAX_NOTE_CHARS + 50)));
        assert_eq!(marks.get("5761").map(|mark| mark.note.chars().count()), Some(MAX_NOTE_CHARS));
    }

    #[test]
    fn not_handled_passes_unmarked_orders_and_orders_with_only_a_note() {
        let shipped = Mark { shipped: true, ..Mark::default() };
        assert!(MarkFilter::NotHandled.passes(None));
        assert!(MarkFilter::NotHandled.passes(Some(&noted("called the buyer"))));
        assert!(!MarkFilter::NotHandled.passes(Some(&shipped)));
        assert!(MarkFilter::Shipped.passes(Some(&shipped)));
        assert!(!MarkFilter::Noted.passes(Some(&shipped)));
        assert!(MarkFilter::Noted.passes(Some(&noted("called the buyer"))));
        assert!(!MarkFilter::BuyerNotified.passes(None));
    }

    #[test]
    fn every_filter_is_found_again_by_its_code() {
        for filter in MarkFilter::ALL {
            assert_eq!(MarkFilter::parse(filter.code()), Some(filter));
        }
    }
}
