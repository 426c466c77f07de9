//! The deadline board's questions: which checked orders a seller's filters, search and sort
//! pick, how many orders each filter would pick, and how many are overdue right now.
//!
//! This is plain Rust beside the rules rather than in the view because it runs over every
//! order of an import, up to a million: it must be tested and benchmarked natively, and the
//! view must be able to ask the one question it asks every second (how many are overdue, for
//! the tab title and the filter counts) without a pass over all orders. [`DueIndex`] answers
//! that with two binary searches.
//!
//! A selection is a list of positions into the checks (`u32`: a million orders fit, and the
//! list is a quarter of the size of one of `usize` on a 64-bit machine). The board renders only
//! the positions that are on screen.

use std::cmp::{Ordering, Reverse};
use std::convert::identity;
use std::hash::Hash;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{DateTime, TimeDelta, Utc};
use rustc_hash::FxHashMap;

use super::evaluate::{FindingCode, OrderCheck, OrderState, Rules, Stage};
use super::marks::{MarkFilter, Marks};
use super::metrics::MetricKind;
use super::order::Order;

mod search;
pub use search::SearchIndex;

/// How close a dispatch deadline is, as a filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueFilter {
    #[default]
    Any,
    /// Not dispatched, and the dispatch deadline has passed.
    Overdue,
    /// Not dispatched, and the dispatch deadline is no more than this many hours ahead.
    WithinHours(u32),
    /// Still to be dispatched by the seller, whatever its deadline (not orders TikTok fulfils).
    ToDispatch,
}

/// The column a board is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// Most urgent first: overdue, then the soonest dispatch deadline (see [`OrderCheck::urgency`]).
    #[default]
    Urgency,
    OrderId,
    Destination,
    Carrier,
    TrackingId,
    State,
    /// The next deadline of any kind (dispatch, collection, delivery); none last.
    NextDeadline,
    /// Worst severity first, then the number of findings.
    Findings,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::Urgency,
        SortKey::OrderId,
        SortKey::Destination,
        SortKey::Carrier,
        SortKey::TrackingId,
        SortKey::State,
        SortKey::NextDeadline,
        SortKey::Findings,
    ];

    /// Its name in links and test IDs.
    pub fn code(self) -> &'static str {
        match self {
            SortKey::Urgency => "urgency",
            SortKey::OrderId => "order-id",
            SortKey::Destination => "destination",
            SortKey::Carrier => "carrier",
            SortKey::TrackingId => "tracking-id",
            SortKey::State => "state",
            SortKey::NextDeadline => "next-deadline",
            SortKey::Findings => "findings",
        }
    }

    pub fn parse(code: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|key| key.code() == code)
    }
}

/// Everything a seller has set on the board. Filters combine: an order is shown when it passes
/// all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    pub due: DueFilter,
    pub finding: Option<FindingCode>,
    /// A carrier as [`Rules::carrier_name`] reports it.
    pub carrier: Option<String>,
    /// A destination as the export writes it.
    pub destination: Option<String>,
    pub state: Option<OrderState>,
    /// The orders that pull a shop metric towards its limit.
    pub metric: Option<MetricKind>,
    /// What the seller marked on the order.
    pub mark: Option<MarkFilter>,
    /// One shop's orders, when several are loaded.
    pub shop: Option<String>,
    /// Part of an order ID, tracking number or SKU, any case.
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
}

impl BoardQuery {
    /// Whether the answer changes as time passes: what is overdue, due soon or found changes
    /// with `now`, so such a selection is asked again as the clock moves on.
    pub fn depends_on_time(&self) -> bool {
        !matches!(self.due, DueFilter::Any | DueFilter::ToDispatch)
            || self.finding.is_some()
            || self.state.is_some()
            || matches!(self.sort, SortKey::State | SortKey::Findings)
    }

    /// Whether every order passes: no filter and no search, as a board first opens.
    fn picks_all(&self) -> bool {
        let BoardQuery { due, finding, carrier, destination, state, metric, mark, shop, search, .. } = self;
        *due == DueFilter::Any
            && finding.is_none()
            && carrier.is_none()
            && destination.is_none()
            && state.is_none()
            && metric.is_none()
            && mark.is_none()
            && shop.is_none()
            && search.trim().is_empty()
    }
}

/// The checks a board picks from, with their orders and their urgency order.
#[derive(Clone, Copy)]
pub struct Checks<'a> {
    /// In the orders' order: `checks[i].order_index` is `i`.
    pub checks: &'a [OrderCheck],
    /// Positions in `checks`, most urgent first.
    pub by_urgency: &'a [u32],
    pub orders: &'a [Order],
}

/// The positions in `checks` that `query` picks, in its order. `marks` are the seller's, by
/// order ID; `search` is the orders' [`SearchIndex`], made by the first search.
///
/// Orders are picked, and a sort's keys worked out, in the orders' own order, where each check
/// and order is read after the last one; only positions are then put in urgency order. Picking
/// in urgency order read a check and an order from anywhere in memory for each, and made a
/// state filter or sort three to four times slower at a million orders.
pub fn select(
    checks: Checks,
    rules: &Rules,
    marks: &Marks,
    search: &OnceLock<SearchIndex>,
    query: &BoardQuery,
    now: DateTime<Utc>,
) -> Vec<u32> {
    let Checks { checks: all, orders, .. } = checks;
    let picked: Vec<u32> = if query.picks_all() {
        // Asked of every order when a board first opens: nothing to look at.
        (0..all.len() as u32).collect()
    } else {
        let needle = query.search.trim();
        let mentioned =
            (!needle.is_empty()).then(|| search.get_or_init(|| SearchIndex::new(orders)).mentioned(orders, needle));
        let marked = |order: &Order| query.mark.is_none_or(|filter| filter.passes(marks.get(&order.id)));
        (0..all.len())
            .filter(|&i| {
                mentioned.as_ref().is_none_or(|mentioned| mentioned[i])
                    && passes(&all[i], &orders[i], rules, query, now)
                    && marked(&orders[i])
            })
            .map(|i| i as u32)
            .collect()
    };
    let mut picked = sort(picked, checks, rules, query, now);
    if query.descending {
        // The whole column upside down, ties included: least urgent first, for the urgency sort.
        picked.reverse();
    }
    picked
}

fn passes(check: &OrderCheck, order: &Order, rules: &Rules, query: &BoardQuery, now: DateTime<Utc>) -> bool {
    let due = match query.due {
        DueFilter::Any => true,
        DueFilter::Overdue => open_deadline(check).is_some_and(|deadline| now > deadline),
        DueFilter::WithinHours(hours) => open_deadline(check)
            .is_some_and(|deadline| deadline >= now && deadline - now <= TimeDelta::hours(hours.into())),
        DueFilter::ToDispatch => check.stage == Stage::Open && !check.fulfilled_by_tiktok(),
    };
    due && query.state.is_none_or(|state| check.state_at(now) == state)
        && query.carrier.as_deref().is_none_or(|carrier| rules.carrier_name(check, order) == Some(carrier))
        && query.destination.as_deref().is_none_or(|country| order.country.as_deref() == Some(country))
        && query.shop.as_deref().is_none_or(|shop| order.shop.as_deref() == Some(shop))
        && query.metric.is_none_or(|kind| kind.counts_against(check, rules, now))
        && query.finding.is_none_or(|code| check.finding_codes_at(order, now, rules).contains(code))
}

/// The dispatch deadline of an order still to be dispatched.
fn open_deadline(check: &OrderCheck) -> Option<DateTime<Utc>> {
    (check.stage == Stage::Open).then_some(check.clock.deadline).flatten()
}

/// `picked`, positions in the orders' order, in the query's order: ties most urgent first.
fn sort(picked: Vec<u32>, checks: Checks, rules: &Rules, query: &BoardQuery, now: DateTime<Utc>) -> Vec<u32> {
    let Checks { checks, by_urgency, orders } = checks;
    let check = |i: u32| &checks[i as usize];
    let order = |i: u32| &orders[i as usize];
    match query.sort {
        SortKey::Urgency => most_urgent_first(&picked, by_urgency),
        SortKey::OrderId => sort_by_key(&picked, by_urgency, |i| TextKey::of(Some(&order(i).id))),
        SortKey::Destination => {
            sort_by_rank(&picked, by_urgency, |i| order(i).country.as_deref(), TextKey::of, MOST_RANKS)
        }
        SortKey::Carrier => {
            let carrier = |i| rules.carrier_name(check(i), order(i));
            sort_by_rank(&picked, by_urgency, carrier, TextKey::of, MOST_RANKS)
        }
        SortKey::TrackingId => sort_by_key(&picked, by_urgency, |i| TextKey::of(order(i).tracking_id.as_deref())),
        SortKey::State => {
            sort_by_rank(&picked, by_urgency, |i| state_rank(check(i).state_at(now)), identity, MOST_RANKS)
        }
        SortKey::NextDeadline => sort_by_key(&picked, by_urgency, |i| {
            // None last. As a millisecond, a key compared in one instruction.
            check(i).next_deadline().map_or(i64::MAX, |(_, deadline)| deadline.at.timestamp_millis())
        }),
        SortKey::Findings => {
            let worst = |i| {
                let codes = check(i).finding_codes_at(order(i), now, rules);
                (codes.iter().map(|code| code.severity()).max(), codes.len())
            };
            sort_by_rank(&picked, by_urgency, worst, Reverse, MOST_RANKS)
        }
    }
}

/// `picked` (positions in the orders' order) as `by_urgency` orders them.
fn most_urgent_first(picked: &[u32], by_urgency: &[u32]) -> Vec<u32> {
    if picked.len() == by_urgency.len() {
        return by_urgency.to_vec();
    }
    let mut is_picked = vec![false; by_urgency.len()];
    for &i in picked {
        is_picked[i as usize] = true;
    }
    by_urgency.iter().copied().filter(|&i| is_picked[i as usize]).collect()
}

/// Where each position is in `by_urgency`.
fn urgency_ranks(by_urgency: &[u32]) -> Vec<u32> {
    let mut ranks = vec![0; by_urgency.len()];
    for (rank, &i) in (0..).zip(by_urgency) {
        ranks[i as usize] = rank;
    }
    ranks
}

/// `picked` (positions in the orders' order) by each one's key, ties most urgent first. Each key
/// is worked out once and kept beside its urgency rank: read at each comparison from a million
/// orders scattered over memory, the order ID sort took 1.5 s natively.
fn sort_by_key<K: Ord>(picked: &[u32], by_urgency: &[u32], key: impl Fn(u32) -> K) -> Vec<u32> {
    let ranks = urgency_ranks(by_urgency);
    let mut keyed: Vec<(K, u32)> = picked.iter().map(|&i| (key(i), ranks[i as usize])).collect();
    drop(ranks);
    // The rank last: unstable on the pair, stable on the key.
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, rank)| by_urgency[rank as usize]).collect()
}

/// Distinct values a column may have for [`sort_by_rank`] to sort it.
const MOST_RANKS: usize = 4096;

/// `picked` (positions in the orders' order) by a column that has few distinct values, as
/// [`sort_by_key`] with `sort_key` would: the distinct values are numbered as the orders are
/// read and sorted, and each position is placed by its value's rank in one pass in urgency
/// order, which keeps ties most urgent first (a counting sort). A million keys compared among a
/// handful of carriers took 340 ms natively. A column with more than `most_ranks` distinct
/// values is sorted by key after all.
fn sort_by_rank<V: Copy + Eq + Hash, K: Ord>(
    picked: &[u32],
    by_urgency: &[u32],
    value: impl Fn(u32) -> V,
    sort_key: impl Fn(V) -> K,
    most_ranks: usize,
) -> Vec<u32> {
    let mut distinct: FxHashMap<V, u32> = FxHashMap::default();
    // Each position's value by number; those not picked have none.
    let mut values: Vec<u32> = vec![NOT_PICKED; by_urgency.len()];
    for &i in picked {
        let next = distinct.len() as u32;
        values[i as usize] = *distinct.entry(value(i)).or_insert(next);
        if distinct.len() > most_ranks {
            return sort_by_key(picked, by_urgency, |i| sort_key(value(i)));
        }
    }
    let mut in_order: Vec<(V, u32)> = distinct.into_iter().collect();
    in_order.sort_unstable_by_key(|&(value, _)| sort_key(value));
    // Indexed by a value's number: how many positions have it, then where the next of them goes.
    let mut next = vec![0; in_order.len()];
    for &i in picked {
        next[values[i as usize] as usize] += 1;
    }
    let mut start = 0;
    for &(_, value) in &in_order {
        let count = std::mem::replace(&mut next[value as usize], start);
        start += count;
    }
    let mut sorted = vec![0; picked.len()];
    for &i in by_urgency {
        if let Some(next) = next.get_mut(values[i as usize] as usize) {
            sorted[*next] = i;
            *next += 1;
        }
    }
    sorted
}

/// A position [`sort_by_rank`] was not given.
const NOT_PICKED: u32 = u32::MAX;

/// A text as a column sorts it: as written, a missing one after every present one. Its first 24
/// bytes are kept in the key, so that two IDs or tracking numbers (no longer than that) are told
/// apart without reading the texts themselves: only texts that begin alike are read, and only
/// past those bytes.
#[derive(PartialEq, Eq)]
struct TextKey<'a> {
    missing: bool,
    /// The first bytes, zero after the text's end, read as big-endian numbers: ordered as the
    /// texts are, up to a tie, which the rest of the texts decide. Numbers, not bytes, because
    /// three integer comparisons cost less than comparing 24 bytes as a slice.
    start: [u64; 3],
    text: &'a [u8],
}

impl Ord for TextKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.missing, self.start).cmp(&(other.missing, other.start)).then_with(|| {
            let kept = TextKey::KEPT;
            match (self.text.get(kept..), other.text.get(kept..)) {
                // Each text is its kept bytes: they differ only if one ends in zeros the other lacks.
                (None | Some([]), None | Some([])) => self.text.len().cmp(&other.text.len()),
                (tail, other_tail) => tail.unwrap_or_default().cmp(other_tail.unwrap_or_default()),
            }
        })
    }
}

impl PartialOrd for TextKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<'a> TextKey<'a> {
    /// Bytes of the text kept in the key.
    const KEPT: usize = 24;

    fn of(text: Option<&'a str>) -> TextKey<'a> {
        let bytes = text.unwrap_or_default().as_bytes();
        let mut padded = [0; TextKey::KEPT];
        let kept = bytes.len().min(TextKey::KEPT);
        padded[..kept].copy_from_slice(&bytes[..kept]);
        let start = std::array::from_fn(|n| u64::from_be_bytes(padded[8 * n..8 * n + 8].try_into().expect("8 bytes")));
        TextKey { missing: text.is_none(), start, text: bytes }
    }
}

/// States in the order a seller acts on them: what needs work first.
fn state_rank(state: OrderState) -> u8 {
    match state {
        OrderState::DispatchOverdue => 0,
        OrderState::AwaitingDispatch => 1,
        OrderState::NoDeadline => 2,
        OrderState::ShippedLate => 3,
        OrderState::ShippedOnTime => 4,
        OrderState::Shipped => 5,
        OrderState::FulfilledByTiktok => 6,
        OrderState::Delivered => 7,
        OrderState::Unpaid => 8,
        OrderState::Cancelled => 9,
    }
}

/// The states a board offers as filters, in [`state_rank`] order.
pub const STATES: [OrderState; 10] = [
    OrderState::DispatchOverdue,
    OrderState::AwaitingDispatch,
    OrderState::NoDeadline,
    OrderState::ShippedLate,
    OrderState::ShippedOnTime,
    OrderState::Shipped,
    OrderState::FulfilledByTiktok,
    OrderState::Delivered,
    OrderState::Unpaid,
    OrderState::Cancelled,
];

/// How many orders each filter would pick on its own, at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facets {
    /// Per finding code, in [`FindingCode::ALL`] order; codes no order has are left out.
    pub findings: Vec<(FindingCode, usize)>,
    /// Per carrier, most orders first; orders without a carrier are not counted.
    pub carriers: Vec<(String, usize)>,
    pub destinations: Vec<(String, usize)>,
    /// Per state, in [`STATES`] order, those with orders only.
    pub states: Vec<(OrderState, usize)>,
}

impl Facets {
    /// The facets at `now`: findings and states from the checks, which are all their codes and
    /// states read (an order is read only for a finding's words; in urgency order each read
    /// would be from anywhere in a hundred megabytes); carriers and destinations as `places`
    /// counted them.
    pub fn count(
        checks: &[OrderCheck],
        orders: &[Order],
        places: &PlaceCounts,
        rules: &Rules,
        now: DateTime<Utc>,
    ) -> Facets {
        let mut findings = [0; FindingCode::ALL.len()];
        let mut states = [0; STATES.len()];
        for check in checks {
            for code in check.finding_codes_at(&orders[check.order_index], now, rules).iter() {
                findings[code as usize] += 1;
            }
            states[state_rank(check.state_at(now)) as usize] += 1;
        }
        Facets {
            findings: FindingCode::ALL.into_iter().zip(findings).filter(|(_, n)| *n > 0).collect(),
            carriers: places.carriers.clone(),
            destinations: places.destinations.clone(),
            states: STATES.into_iter().zip(states).filter(|(_, n)| *n > 0).collect(),
        }
    }
}

/// How many orders each carrier and each destination has. Unlike findings and states, these do
/// not change as time passes: they are counted once, when the orders are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceCounts {
    /// Per carrier, most orders first; orders without a carrier are not counted.
    carriers: Vec<(String, usize)>,
    destinations: Vec<(String, usize)>,
}

impl PlaceCounts {
    /// Counts `checks`, each of the order it points to in `orders`.
    pub fn count(checks: &[OrderCheck], orders: &[Order], rules: &Rules) -> PlaceCounts {
        let mut carriers: FxHashMap<&str, usize> = FxHashMap::default();
        let mut destinations: FxHashMap<&str, usize> = FxHashMap::default();
        for check in checks {
            let order = &orders[check.order_index];
            if let Some(carrier) = rules.carrier_name(check, order) {
                *carriers.entry(carrier).or_default() += 1;
            }
            if let Some(country) = order.country.as_deref() {
                *destinations.entry(country).or_default() += 1;
            }
        }
        let ranked = |counts: FxHashMap<&str, usize>| {
            let mut counts: Vec<(String, usize)> = counts.into_iter().map(|(name, n)| (name.to_owned(), n)).collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
        };
        PlaceCounts { carriers: ranked(carriers), destinations: ranked(destinations) }
    }
}

/// The dispatch deadlines of every order still to be dispatched, sorted, so that how many are
/// overdue or due soon at any `now` is two binary searches, not a pass over the orders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DueIndex {
    deadlines: Vec<DateTime<Utc>>,
}

impl DueIndex {
    pub fn new(checks: &[OrderCheck]) -> DueIndex {
        let mut index = DueIndex::default();
        index.add(checks);
        index.finish()
    }

    /// Adds the deadlines of `checks`, the next slice of the checks a page indexes a slice per
    /// task.
    pub fn add(&mut self, checks: &[OrderCheck]) {
        self.deadlines.extend(checks.iter().filter_map(open_deadline));
    }

    /// The index of the checks added.
    pub fn finish(mut self) -> DueIndex {
        self.deadlines.sort_unstable();
        self
    }

    /// Orders past their dispatch deadline at `now`: the same orders [`DueFilter::Overdue`] picks.
    pub fn overdue(&self, now: DateTime<Utc>) -> usize {
        self.deadlines.partition_point(|deadline| *deadline < now)
    }

    /// The first deadline after `at`, if any.
    pub fn next_after(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.deadlines.get(self.deadlines.partition_point(|deadline| *deadline <= at)).copied()
    }

    /// Orders due within `hours` of `now` and not yet overdue: those [`DueFilter::WithinHours`] picks.
    pub fn due_within(&self, now: DateTime<Utc>, hours: u32) -> usize {
        let end = now + TimeDelta::hours(hours.into());
        self.deadlines.partition_point(|deadline| *deadline <= end) - self.overdue(now)
    }

    /// The deadlines within `hours` of `now` and not yet passed, each with how many orders it
    /// has, soonest first: what a reminder is about. At most [`MAX_UPCOMING`] of them.
    pub fn upcoming(&self, now: DateTime<Utc>, hours: u32) -> Vec<(DateTime<Utc>, u32)> {
        let end = now + TimeDelta::hours(hours.into());
        let (from, to) = (self.overdue(now), self.deadlines.partition_point(|deadline| *deadline <= end));
        let mut groups: Vec<(DateTime<Utc>, u32)> = Vec::new();
        for deadline in &self.deadlines[from..to] {
            if let Some((_, count)) = groups.last_mut().filter(|(at, _)| at == deadline) {
                *count += 1;
            } else if groups.len() == MAX_UPCOMING {
                break;
            } else {
                groups.push((*deadline, 1));
            }
        }
        groups
    }
}

/// The most deadlines [`DueIndex::upcoming`] gives: a day of deadlines is a few dozen.
pub const MAX_UPCOMING: usize = 500;

// Which rows of a selection a scrolled box shows. Pixels are the view's business, but this is
// arithmetic a million rows depend on, so it lives here where it is tested natively.

/// Height of an order's row in CSS pixels on a wide screen, and of a group's heading; `.sc-line`
/// and `.sc-group` in the page's stylesheet have the same. (Where a row's cells stack, in a narrow
/// app, it is taller: the page reads that height from the stylesheet.)
pub const ROW_HEIGHT: f64 = 64.0;
pub const HEADING_HEIGHT: f64 = 36.0;
/// Rows rendered beyond each edge of the box, so a fast scroll does not show blank space.
pub const OVERSCAN: usize = 5;
/// The tallest the scrolled content is made. Browsers stop laying out elements at some tens of
/// millions of pixels, and a million rows would be 64 million; past this height a pixel of
/// scrolling moves more than a pixel of rows.
pub const MAX_SCROLL_HEIGHT: f64 = 8_000_000.0;

/// Where a board's lines sit: order rows of one height, the few group headings of another.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineLayout {
    pub lines: usize,
    /// The lines that are headings, ascending.
    pub headings: Vec<u32>,
    pub row: f64,
    pub heading: f64,
}

impl LineLayout {
    /// Where line `line` starts.
    pub fn top(&self, line: usize) -> f64 {
        let headings = self.headings.partition_point(|&h| (h as usize) < line);
        (line - headings) as f64 * self.row + headings as f64 * self.heading
    }

    pub fn height(&self) -> f64 {
        self.top(self.lines)
    }

    fn line_height(&self, line: usize) -> f64 {
        self.top(line + 1) - self.top(line)
    }

    /// The line under `offset`; the last one past the end.
    fn line_at(&self, offset: f64) -> usize {
        let (mut low, mut high) = (0, self.lines);
        while low < high {
            let middle = (low + high) / 2;
            if self.top(middle + 1) <= offset {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low.min(self.lines.saturating_sub(1))
    }
}

/// Which lines are on the page, and where they sit in the scrolled content.
#[derive(Clone, Debug, PartialEq)]
pub struct RowWindow {
    pub rows: Range<usize>,
    /// Offset of the first line from the top of the scrolled content, in CSS pixels.
    pub top: f64,
}

/// The lines a box `height` pixels tall shows when scrolled to `scroll_top`, and `overscan` more
/// beyond each edge ([`OVERSCAN`] once the box is drawn; none while its first lines are).
pub fn row_window(layout: &LineLayout, scroll_top: f64, height: f64, overscan: usize) -> RowWindow {
    let offset = scroll_top * scroll_scale(layout, height);
    let first = layout.line_at(offset).saturating_sub(overscan);
    let end = (layout.line_at(offset + height) + 1 + overscan).min(layout.lines);
    RowWindow { rows: first..end.max(first), top: scroll_top + layout.top(first) - offset }
}

/// How much of a new selection's lines the board has drawn. They come in three steps, each a
/// task after the last was painted: the top half of the box, the rest of it, then the margin
/// beyond its edges. A box of lines drawn at once, and laid out in the next frame, each took
/// longer than the 50 ms in which a seller notices that a page does not answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawn {
    TopHalf,
    Box,
    WithMargin,
}

impl Drawn {
    /// The step after this one; the last is kept.
    pub fn next(self) -> Drawn {
        match self {
            Drawn::TopHalf => Drawn::Box,
            Drawn::Box | Drawn::WithMargin => Drawn::WithMargin,
        }
    }

    /// The lines on the page at this step, for a box `height` pixels tall scrolled to `scroll_top`.
    pub fn window(self, layout: &LineLayout, scroll_top: f64, height: f64) -> RowWindow {
        match self {
            Drawn::TopHalf => row_window(layout, scroll_top, height / 2.0, 0),
            Drawn::Box => row_window(layout, scroll_top, height, 0),
            Drawn::WithMargin => row_window(layout, scroll_top, height, OVERSCAN),
        }
    }
}

/// Lines of a selection the page holds, those around the ones in view, as they were at a minute
/// (what changes by the minute, an order's group and findings, is asked for again the next).
#[derive(Clone, Debug, PartialEq)]
pub struct HeldLines<Line> {
    pub generation: u32,
    pub start: usize,
    pub lines: Vec<Line>,
    pub minute: i64,
}

impl<Line> Default for HeldLines<Line> {
    fn default() -> Self {
        HeldLines { generation: 0, start: 0, lines: Vec::new(), minute: 0 }
    }
}

impl<Line> HeldLines<Line> {
    /// Whether they include lines `rows` of selection `generation` as they are at `minute`.
    pub fn covers(&self, generation: u32, rows: &Range<usize>, minute: i64) -> bool {
        self.generation == generation
            && self.minute == minute
            && self.start <= rows.start
            && rows.end <= self.start + self.lines.len()
    }

    /// Takes the worker's answer for the lines around a place the box showed, if the box shows
    /// `rows` of selection `generation` at `minute`; whether it took it. Answers come in the order
    /// asked, but a box scrolled on, and back to lines already held, has asked nothing more: an
    /// answer for a place it has left replaces nothing that covers the place it shows, or the box
    /// would stay blank.
    pub fn take(&mut self, answer: HeldLines<Line>, generation: u32, rows: &Range<usize>, minute: i64) -> bool {
        let taken = answer.covers(generation, rows, minute) || !self.covers(generation, rows, minute);
        if taken {
            *self = answer;
        }
        taken
    }
}

/// Where to scroll a box `height` pixels tall, scrolled to `scroll_top` over the lines `before`,
/// so that it shows the same orders over `after`: the same lines, of another height. Their height
/// changes when the app narrows or widens past where a row's cells stack (a tablet turned, a
/// window resized); left to itself, the browser keeps the pixels scrolled, and the seller would
/// find other orders in view. The line at the top of the box stays there, as far into it as before.
pub fn keep_place(before: &LineLayout, after: &LineLayout, scroll_top: f64, height: f64) -> f64 {
    let offset = scroll_top * scroll_scale(before, height);
    let line = before.line_at(offset);
    let height_before = before.line_height(line);
    let into = if height_before > 0.0 { ((offset - before.top(line)) / height_before).clamp(0.0, 1.0) } else { 0.0 };
    let offset = after.top(line) + into * after.line_height(line);
    let bottom = (after.height().min(MAX_SCROLL_HEIGHT) - height).max(0.0);
    (offset / scroll_scale(after, height)).clamp(0.0, bottom)
}

/// Line pixels to a scrolled pixel: 1 until the content is capped at [`MAX_SCROLL_HEIGHT`].
fn scroll_scale(layout: &LineLayout, height: f64) -> f64 {
    let full = layout.height();
    let shown = full.min(MAX_SCROLL_HEIGHT);
    if shown > height {
        (full - height).max(0.0) / (shown - height)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests;
