//! The pipeline: bytes in, checked orders out, as one type driven in steps.
//!
//! Every front end runs the same sequence: files are imported a piece at a time
//! ([`Pipeline::open`], [`Pipeline::read_piece`]), the orders are checked a batch at a time
//! ([`Pipeline::check`], so a worker can report progress and hear a Cancel between batches), and
//! [`Pipeline::finish`] does what needs every check: tracking numbers shared between orders,
//! the urgency order and the index of open deadlines. The result, [`Checked`], answers every
//! question a page or a report asks; the shop metrics, the week-by-week rates and the charts
//! ([`Checked::figures`]) are counted the first time they are asked for, so that a page's board,
//! which needs none of them, is not kept waiting for them; a worker counts them a slice at a
//! time ([`Checked::count_figures`]), answering the board's questions in between; a report,
//! which shows them, has them counted with the check ([`Checking::finish_with_figures`]): where
//! there is a core to spare, the rates on it, and the rest after the urgency order and indexes.
//! The command-line tool drives it in one go; the browser's worker a batch at a time; tests
//! either way. Nothing outside the engine orders these steps.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex, OnceLock, PoisonError};

use chrono::{DateTime, Utc};

#[cfg(test)]
use super::board::DueFilter;
use super::board::{select, BoardQuery, Checks, DueIndex, Facets, PlaceCounts, SearchIndex};
use super::charts::{ChartTally, Charts};
use super::evaluate::{urgency_order, OrderCheck, Rules, Stage};
use super::import::{FileRead, Import, ImportError, ImportOptions, Importer, Step};
use super::marks::Marks;
use super::metrics::{Dispatched, MetricWindow, MetricsTally, ShopMetrics, WeeklyMetrics};
use super::order::Order;
use super::profile::{ProfileError, RuleProfile};
use super::report::{Report, ReportOptions};
use super::zone::Zone;

/// Days the daily late-dispatch chart covers.
pub const CHART_DAYS: u32 = 30;
/// Weeks before this one the week-by-week rates cover: Seller Center shows four; eight weeks in
/// all make the trend a local history of exports is kept for.
pub const EARLIER_WEEKS: u32 = 7;

/// Orders on their way from bytes to checks: files are read into it, then
/// [`Pipeline::checking`] turns it into the orders being checked.
pub struct Pipeline {
    rules: Rules,
    importer: Importer,
    read_in: Zone,
}

impl Pipeline {
    /// A pipeline for `profile`'s rules, reading files with `options`.
    pub fn new(profile: RuleProfile, options: ImportOptions) -> Result<Pipeline, ProfileError> {
        let read_in = options.time_zone;
        Ok(Pipeline { rules: Rules::new(profile)?, importer: Importer::new(options), read_in })
    }

    /// Starts reading a file of `total_bytes` given a piece at a time (see [`Importer::open`]).
    pub fn open(&mut self, file: Option<&str>, total_bytes: u64) -> FileRead {
        self.importer.open(file, total_bytes)
    }

    /// Reads on from `piece` (see [`Importer::read_piece`]).
    pub fn read_piece(&mut self, reading: &mut FileRead, piece: &[u8], max_rows: usize) -> Result<Step, ImportError> {
        self.importer.read_piece(reading, piece, max_rows)
    }

    /// Reads a whole file at once.
    pub fn read(&mut self, file: Option<&str>, bytes: &[u8]) -> Result<(), ImportError> {
        self.importer.read(file, bytes)
    }

    /// Reads a whole file on up to `threads` threads, with the same result (see
    /// [`Importer::read_split`]).
    pub fn read_split(&mut self, file: Option<&str>, bytes: &[u8], threads: usize) -> Result<(), ImportError> {
        self.importer.read_split(file, bytes, threads)
    }

    /// The files are read: the orders are to be checked.
    pub fn checking(self) -> Checking {
        let import = self.importer.finish();
        let checks = Vec::with_capacity(import.orders.len());
        Checking { rules: self.rules, import, checks, read_in: self.read_in }
    }

    /// Checks everything in one go.
    pub fn run(self, now: DateTime<Utc>) -> Checked {
        self.checking().finish(now)
    }

    /// Checks everything in one go, on up to `threads` threads.
    pub fn run_on(self, now: DateTime<Utc>, threads: usize) -> Checked {
        self.checking().finish_on(now, threads)
    }
}

/// The orders of a [`Pipeline`], being checked.
pub struct Checking {
    rules: Rules,
    import: Import,
    checks: Vec<OrderCheck>,
    read_in: Zone,
}

impl Checking {
    /// Checks up to `orders` more; whether any are left.
    pub fn step(&mut self, orders: usize) -> bool {
        let total = self.import.orders.len();
        let range = self.checks.len()..self.checks.len().saturating_add(orders).min(total);
        self.checks.extend(self.rules.check_range(&self.import.orders, range));
        self.checks.len() < total
    }

    /// Orders checked so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.checks.len(), self.import.orders.len())
    }

    /// Checks what is left and works out everything that needs all the checks, as of `now`.
    pub fn finish(self, now: DateTime<Utc>) -> Checked {
        self.finish_on(now, 1)
    }

    /// [`Checking::finish`] on up to `threads` threads: they check what is left a chunk at a
    /// time. The result is the same on any number.
    pub fn finish_on(self, now: DateTime<Utc>, threads: usize) -> Checked {
        self.finish_counting(now, threads, false)
    }

    /// [`Checking::finish_on`], every order's figures counted as well, for whoever asks for them
    /// next (a report): with a thread to spare, the rates on it, and the rest of the figures
    /// after the urgency order and the indexes, which need the checks no more than they do; on
    /// one thread, all after them.
    pub fn finish_with_figures(self, now: DateTime<Utc>, threads: usize) -> Checked {
        self.finish_counting(now, threads, true)
    }

    fn finish_counting(mut self, now: DateTime<Utc>, threads: usize, with_figures: bool) -> Checked {
        self.check_rest(threads);
        let Checking { rules, import, mut checks, read_in } = self;
        rules.finish_checks(&import.orders, &mut checks);
        let (summaries, figures) = if with_figures && threads > 1 {
            let mut count = FiguresCount::new(&rules, now);
            let summaries = count
                .add_all_beside(&import.orders, &checks, &rules, || Summaries::count(&import.orders, &checks, &rules));
            (summaries, Some(count.finish(&rules)))
        } else {
            let summaries = Summaries::count(&import.orders, &checks, &rules);
            (summaries, with_figures.then(|| all_figures(&import.orders, &checks, &rules, now)))
        };
        let Summaries { shops, places, by_urgency, due, dispatched, to_dispatch } = summaries;
        Checked {
            import,
            rules,
            checks,
            by_urgency,
            figures: figures.map_or_else(OnceLock::new, OnceLock::from),
            counting: Mutex::new(None),
            search: OnceLock::new(),
            due,
            dispatched,
            to_dispatch,
            shops,
            places,
            read_in,
            zone_chosen: false,
            checked_at: now,
        }
    }

    /// Checks the orders not checked yet, on `threads` threads side by side.
    fn check_rest(&mut self, threads: usize) {
        self.check_rest_in(threads, CHECK_CHUNK);
    }

    /// [`Checking::check_rest`] with the threads taking `chunk` orders at a time: each chunk's
    /// checks join the list as soon as those before them have, so only the few chunks under way
    /// wait beside it (ranges of half the orders each were a copy of every check at the end).
    fn check_rest_in(&mut self, threads: usize, chunk: usize) {
        let (from, total) = (self.checks.len(), self.import.orders.len());
        if threads <= 1 || total - from < 2 * threads {
            self.step(usize::MAX);
            return;
        }
        let (rules, orders, checks) = (&self.rules, &self.import.orders, &mut self.checks);
        let next = AtomicUsize::new(from);
        let (send, checked) = mpsc::channel::<(usize, Vec<OrderCheck>)>();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let (send, next) = (send.clone(), &next);
                scope.spawn(move || loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= total {
                        break;
                    }
                    let range = start..(start + chunk).min(total);
                    if send.send((start, rules.check_range(orders, range).collect())).is_err() {
                        break;
                    }
                });
            }
            drop(send);
            let mut early = BTreeMap::new();
            for (start, chunk) in checked {
                early.insert(start, chunk);
                while let Some(chunk) = early.remove(&checks.len()) {
                    checks.extend(chunk);
                }
            }
        });
    }
}

/// Orders a thread checks at a time when several check side by side.
const CHECK_CHUNK: usize = 20_000;

/// What a check's board and summary need of every check, counted once they are all made.
struct Summaries {
    shops: Vec<(String, u32)>,
    places: PlaceCounts,
    by_urgency: Vec<u32>,
    due: DueIndex,
    dispatched: Dispatched,
    to_dispatch: usize,
}

impl Summaries {
    fn count(orders: &[Order], checks: &[OrderCheck], rules: &Rules) -> Summaries {
        Summaries {
            shops: count_shops(checks, orders, MAX_SHOPS_LISTED),
            places: PlaceCounts::count(checks, orders, rules),
            by_urgency: urgency_order(checks),
            due: DueIndex::new(checks),
            dispatched: Dispatched::count(checks, rules),
            to_dispatch: checks.iter().filter(|c| c.stage == Stage::Open && !c.fulfilled_by_tiktok()).count(),
        }
    }
}

/// Checked orders, and every question a page or a report asks of them.
pub struct Checked {
    pub import: Import,
    pub rules: Rules,
    /// In the orders' order: `checks[i]` is of `import.orders[i]`, so that a pass over every
    /// order (figures, filters) reads both one after the other. A position in it is how a board,
    /// a page and a report name an order.
    pub checks: Vec<OrderCheck>,
    /// The positions in `checks`, most urgent first: the board's default order.
    by_urgency: Vec<u32>,
    /// Over all orders, counted when first asked for ([`Checked::figures`]).
    figures: OnceLock<Figures>,
    /// Those figures while they are counted a slice at a time ([`Checked::count_figures`]).
    counting: Mutex<Option<FiguresCount>>,
    /// The orders' texts a board's search looks at, made by the first search.
    search: OnceLock<SearchIndex>,
    /// Open orders' dispatch deadlines, sorted: overdue and due-soon counts at any moment.
    pub due: DueIndex,
    /// Orders dispatched, and late: with `due`, the what-if at any moment.
    pub dispatched: Dispatched,
    /// Orders the seller still has to dispatch (open, not fulfilled by TikTok).
    to_dispatch: usize,
    /// The shops the orders are of, by name, with how many orders each has (at most
    /// [`MAX_SHOPS_LISTED`], those with the most orders); empty when no order names one.
    pub shops: Vec<(String, u32)>,
    /// The orders per carrier and per destination, for the board's filters.
    places: PlaceCounts,
    /// The zone times without an offset were read in, and whether the seller chose it.
    pub read_in: Zone,
    pub zone_chosen: bool,
    pub checked_at: DateTime<Utc>,
}

impl Checked {
    /// The order a check is of.
    pub fn order_of(&self, check: &OrderCheck) -> &Order {
        &self.import.orders[check.order_index]
    }

    /// The positions in [`Checked::checks`], most urgent first.
    pub fn by_urgency(&self) -> &[u32] {
        &self.by_urgency
    }

    /// The checks, most urgent first.
    pub fn most_urgent_first(&self) -> impl Iterator<Item = &OrderCheck> + Clone {
        self.by_urgency.iter().map(|&i| &self.checks[i as usize])
    }

    /// The report the command-line tool prints.
    pub fn report(&self, now: DateTime<Utc>, options: ReportOptions) -> Report<'_> {
        Report::of(self, now, options)
    }

    /// The positions in [`Checked::checks`] a board's query picks at `now`, in its order.
    pub fn select(&self, query: &BoardQuery, marks: &Marks, now: DateTime<Utc>) -> Vec<u32> {
        let checks = Checks { checks: &self.checks, by_urgency: &self.by_urgency, orders: &self.import.orders };
        select(checks, &self.rules, marks, &self.search, query, now)
    }

    /// Orders the seller still has to dispatch, whatever their deadline.
    pub fn to_dispatch(&self) -> usize {
        self.to_dispatch
    }

    /// How many orders each board filter picks at `now`.
    pub fn facets(&self, now: DateTime<Utc>) -> Facets {
        Facets::count(&self.checks, &self.import.orders, &self.places, &self.rules, now)
    }

    /// Every order's metrics, weeks and charts, as of the check's moment: counted the first
    /// time they are asked for (a pass over every order, or what is left of one a worker began
    /// with [`Checked::count_figures`]), then kept.
    pub fn figures(&self) -> &Figures {
        self.count_figures(usize::MAX);
        self.figures.get().expect("every order's figures are counted")
    }

    /// Counts up to `orders` more orders' share of [`Checked::figures`], so that whoever counts
    /// can answer other questions between slices; whether they are all counted.
    pub fn count_figures(&self, orders: usize) -> bool {
        if self.figures.get().is_some() {
            return true;
        }
        let mut counting = self.counting.lock().unwrap_or_else(PoisonError::into_inner);
        // Counted meanwhile by whoever held the lock.
        if self.figures.get().is_some() {
            return true;
        }
        let count = counting.get_or_insert_with(|| FiguresCount::new(&self.rules, self.checked_at));
        if !count.add(&self.import.orders, &self.checks, &self.rules, orders) {
            return false;
        }
        if let Some(count) = counting.take() {
            let _ = self.figures.set(count.finish(&self.rules));
        }
        true
    }

    /// One shop's metrics, weeks and charts, as of the check's moment (as every order's are).
    pub fn shop(&self, shop: &str) -> Figures {
        let orders = &self.import.orders;
        let of_shop = move |check: &&OrderCheck| orders[check.order_index].shop.as_deref() == Some(shop);
        self.figures_of(self.checks.iter().filter(of_shop))
    }

    fn figures_of<'a>(&'a self, checks: impl IntoIterator<Item = &'a OrderCheck> + Clone) -> Figures {
        let (orders, rules, now) = (&self.import.orders, &self.rules, self.checked_at);
        let (metrics, weekly) =
            ShopMetrics::with_weeks(orders, checks.clone(), rules, now, MetricWindow::All, EARLIER_WEEKS);
        Figures { metrics, weekly, charts: Charts::count(checks, rules.profile.time_zone, now, CHART_DAYS) }
    }
}

/// Every order's figures being counted, a slice of orders at a time, in the orders' order: each
/// order and its check are read where the last ones were.
struct FiguresCount {
    /// Orders counted so far.
    counted: usize,
    metrics: MetricsTally,
    charts: ChartTally,
}

impl FiguresCount {
    fn new(rules: &Rules, now: DateTime<Utc>) -> FiguresCount {
        FiguresCount {
            counted: 0,
            metrics: MetricsTally::with_weeks(rules, now, MetricWindow::All, EARLIER_WEEKS),
            charts: ChartTally::new(rules.profile.time_zone, now, CHART_DAYS),
        }
    }

    /// Counts up to `more` orders more; whether every order is counted.
    fn add(&mut self, orders: &[Order], checks: &[OrderCheck], rules: &Rules, more: usize) -> bool {
        let end = self.counted.saturating_add(more).min(checks.len());
        let slice = &checks[self.counted..end];
        self.metrics.add(orders, rules, slice);
        self.charts.add(slice);
        self.counted = end;
        end == checks.len()
    }

    /// Counts every order on two threads, the rates on one and the rest on another, which
    /// first runs `beside`: the rates took about two thirds of the figures' time (100k rows,
    /// natively), about what the rest and the summaries a check's answer needs take together.
    fn add_all_beside<T>(
        &mut self,
        orders: &[Order],
        checks: &[OrderCheck],
        rules: &Rules,
        beside: impl FnOnce() -> T,
    ) -> T {
        let (rates, breakdowns) = self.metrics.parts();
        let charts = &mut self.charts;
        let done = std::thread::scope(|scope| {
            let rates = scope.spawn(move || rates.add(orders, rules, checks));
            let done = beside();
            breakdowns.add(orders, rules, checks);
            charts.add(checks);
            rates.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            done
        });
        self.counted = checks.len();
        done
    }

    fn finish(self, rules: &Rules) -> Figures {
        let (metrics, weekly) = self.metrics.finish_with_weeks(rules);
        Figures { metrics, weekly, charts: self.charts.finish() }
    }
}

/// Every order's figures in one pass.
fn all_figures(orders: &[Order], checks: &[OrderCheck], rules: &Rules, now: DateTime<Utc>) -> Figures {
    let mut count = FiguresCount::new(rules, now);
    count.add(orders, checks, rules, usize::MAX);
    count.finish(rules)
}

/// A shop's figures over a set of orders: the four rates, week by week, and the charts.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// As of the check's moment.
    pub metrics: ShopMetrics,
    /// This week and the seven before it.
    pub weekly: WeeklyMetrics,
    pub charts: Charts,
}

/// The shops named among `checks`, by name, with their order counts: at most `most`, those
/// with the most orders. A file may name a shop on every row, and a page lists what this gives.
pub fn count_shops<'a, 'c>(
    checks: impl IntoIterator<Item = &'c OrderCheck>,
    orders: &'a [Order],
    most: usize,
) -> Vec<(String, u32)> {
    let mut shops: rustc_hash::FxHashMap<&'a str, u32> = rustc_hash::FxHashMap::default();
    for shop in checks.into_iter().filter_map(|check| orders[check.order_index].shop.as_deref()) {
        *shops.entry(shop).or_default() += 1;
    }
    let mut shops: Vec<(&str, u32)> = shops.into_iter().collect();
    shops.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    shops.truncate(most);
    shops.sort_unstable();
    shops.into_iter().map(|(shop, orders)| (shop.to_owned(), orders)).collect()
}

/// The most shops a check lists (the board's filter, the dashboard's choice); a sheet with more
/// names than that in its shop column has not been filled in as shops.
pub const MAX_SHOPS_LISTED: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::import_orders;
    use crate::sample::sample_orders_csv;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 4, 0, 0).unwrap()
    }

    /// The sample's orders, checked in one go with the default profile.
    fn sample_checked() -> Checked {
        let profile = RuleProfile::default();
        let csv = sample_orders_csv(now(), &profile.time_zone);
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read(None, csv.as_bytes()).unwrap();
        pipeline.run(now())
    }

    #[test]
    fn checked_on_several_threads_the_orders_metrics_and_order_are_the_same() {
        let profile = RuleProfile::default();
        let csv = sample_orders_csv(now(), &profile.time_zone);
        let run = |threads| {
            let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
            pipeline.read(None, csv.as_bytes()).unwrap();
            pipeline.run_on(now(), threads)
        };
        let one = run(1);
        for threads in [2, 3, 5] {
            let many = run(threads);
            assert_eq!(many.checks, one.checks);
            // In chunks of a few orders, which the threads finish in any order.
            let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
            pipeline.read(None, csv.as_bytes()).unwrap();
            let mut checking = pipeline.checking();
            checking.check_rest_in(threads, 3);
            assert_eq!(checking.finish(now()).checks, one.checks, "{threads} threads, chunks of 3");
            assert_eq!(many.figures(), one.figures());
        }
    }

    #[test]
    fn figures_counted_with_the_check_are_those_counted_when_asked() {
        let profile = RuleProfile::default();
        let csv = sample_orders_csv(now(), &profile.time_zone);
        let checking = || {
            let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
            pipeline.read(None, csv.as_bytes()).unwrap();
            pipeline.checking()
        };
        let asked = checking().finish(now());
        assert!(asked.figures.get().is_none(), "a check leaves its figures to the first question");
        for threads in [1, 2, 3] {
            let counted = checking().finish_with_figures(now(), threads);
            let figures = counted.figures.get().expect("counted with the check");
            assert_eq!(figures, asked.figures(), "{threads} threads");
            assert_eq!(counted.by_urgency, asked.by_urgency);
            assert_eq!((counted.shops.clone(), counted.to_dispatch), (asked.shops.clone(), asked.to_dispatch));
        }
    }

    #[test]
    fn checked_in_batches_or_in_one_go_the_orders_are_the_same() {
        let profile = RuleProfile::default();
        let csv = sample_orders_csv(now(), &profile.time_zone);
        let mut reading = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        reading.read(None, csv.as_bytes()).unwrap();
        let mut batches = reading.checking();
        let mut progress = Vec::new();
        while batches.step(3) {
            progress.push(batches.progress());
        }
        assert_eq!(progress, [(3, 12), (6, 12), (9, 12)]);
        let mut whole = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        whole.read(None, csv.as_bytes()).unwrap();
        let (batches, whole) = (batches.finish(now()), whole.run(now()));
        assert_eq!(batches.checks, whole.checks);
        assert_eq!(batches.figures(), whole.figures());
        // The same as checking the import on its own, in the orders' order; the board's order
        // is most urgent first.
        let import = import_orders(csv.as_bytes(), profile.import_options()).unwrap();
        let rules = Rules::new(profile).unwrap();
        let checks = rules.check_all(&import.orders);
        assert_eq!(whole.checks, checks);
        assert_eq!(whole.by_urgency(), urgency_order(&checks));
        assert_eq!(whole.select(&BoardQuery::default(), &Marks::default(), now()), whole.by_urgency());
        let overdue = BoardQuery { due: DueFilter::Overdue, ..BoardQuery::default() };
        assert_eq!(whole.due.overdue(now()), whole.select(&overdue, &Marks::default(), now()).len());
    }

    #[test]
    fn checks_stay_in_the_orders_order_and_figures_count_each_once() {
        let checked = sample_checked();
        assert!(checked.checks.iter().enumerate().all(|(i, check)| check.order_index == i));
        let mut positions = checked.by_urgency().to_vec();
        assert!(!positions.is_sorted(), "the urgency order is another");
        positions.sort_unstable();
        assert!(positions.into_iter().eq(0..checked.checks.len() as u32), "every check once");
        assert_eq!(checked.figures(), &checked.figures_of(&checked.checks));
    }

    #[test]
    fn every_orders_figures_counted_a_slice_at_a_time_are_those_counted_in_one_go() {
        let whole = sample_checked();
        let orders = whole.import.orders.len();
        for slice in [1, 3, 5] {
            let sliced = sample_checked();
            let slices = std::iter::from_fn(|| Some(sliced.count_figures(slice))).position(|done| done).unwrap() + 1;
            assert_eq!(slices, orders.div_ceil(slice), "slices of {slice}");
            assert_eq!(sliced.figures(), whole.figures(), "slices of {slice}");
            assert!(sliced.count_figures(slice), "counted once, kept");
        }
        // Begun in slices, finished when asked for.
        let begun = sample_checked();
        assert!(!begun.count_figures(4));
        assert_eq!(begun.figures(), whole.figures());
    }

    #[test]
    fn a_check_lists_the_shops_with_the_most_orders_and_no_more() {
        let mut csv = String::from("Order ID,Shop Name,Paid Time\n");
        for i in 0..MAX_SHOPS_LISTED + 50 {
            csv.push_str(&format!("A{i},Shop {i:03},2026-12-01 09:00:00\n"));
        }
        csv.push_str("B1,Shop 149,2026-12-01 09:00:00\nB2,Shop 149,2026-12-01 09:00:00\n");
        let profile = RuleProfile::default();
        let mut pipeline = Pipeline::new(profile.clone(), profile.import_options()).unwrap();
        pipeline.read(None, csv.as_bytes()).unwrap();
        let checked = pipeline.run(now());
        assert_eq!(checked.shops.len(), MAX_SHOPS_LISTED);
        assert!(checked.shops.contains(&("Shop 149".to_owned(), 3)), "the shop with the most orders is listed");
        assert_eq!(checked.shops[0].0, "Shop 000", "by name");
    }
}
