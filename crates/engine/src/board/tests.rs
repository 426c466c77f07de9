//! The board's questions asked of the sample export, whose times are set relative to `now`.

use chrono::TimeZone;

use super::*;
use crate::evaluate::{urgency_order, Severity};
use crate::import::{import_orders, ImportOptions};
use crate::metrics::Bound;
use crate::sample::sample_orders_csv;
use crate::zone::Zone;
use crate::Import;

struct Board {
    import: Import,
    rules: Rules,
    checks: Vec<OrderCheck>,
    by_urgency: Vec<u32>,
    marks: Marks,
    search: OnceLock<SearchIndex>,
    now: DateTime<Utc>,
}

/// The sample, checked with the default profile (48 hours to dispatch) and sorted most urgent
/// first, as the page holds it.
fn board() -> Board {
    let now = Utc.with_ymd_and_hms(2026, 10, 14, 9, 30, 0).unwrap();
    let csv = sample_orders_csv(now, &Zone::SHANGHAI);
    let import = import_orders(csv.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
    let rules = Rules::new(Default::default()).unwrap();
    let checks = rules.check_all(&import.orders);
    let by_urgency = urgency_order(&checks);
    Board { import, rules, checks, by_urgency, marks: Marks::default(), search: OnceLock::new(), now }
}

impl Board {
    fn ids(&self, query: &BoardQuery, now: DateTime<Utc>) -> Vec<&str> {
        let checks = Checks { checks: &self.checks, by_urgency: &self.by_urgency, orders: &self.import.orders };
        select(checks, &self.rules, &self.marks, &self.search, query, now)
            .into_iter()
            .map(|i| self.order(&self.checks[i as usize]).id.as_ref())
            .collect()
    }

    fn order(&self, check: &OrderCheck) -> &Order {
        &self.import.orders[check.order_index]
    }

    fn facets(&self, now: DateTime<Utc>) -> Facets {
        let places = PlaceCounts::count(&self.checks, &self.import.orders, &self.rules);
        Facets::count(&self.checks, &self.import.orders, &places, &self.rules, now)
    }

    /// The check of the order with this ID.
    fn check(&self, id: &str) -> &OrderCheck {
        self.checks.iter().find(|c| &*self.order(c).id == id).unwrap()
    }
}

fn query(due: DueFilter) -> BoardQuery {
    BoardQuery { due, ..BoardQuery::default() }
}

#[test]
fn the_default_board_shows_every_order_most_urgent_first() {
    let board = board();
    let ids = board.ids(&BoardQuery::default(), board.now);
    assert_eq!(ids.len(), board.import.orders.len());
    // Paid 53 hours ago with 48 to dispatch: the only overdue order leads, then the one due
    // in 1.5 hours, then the one due in 8.
    assert_eq!(ids[..3], ["576461413038785005", "576461413038785006", "576461413038785003"]);
}

#[test]
fn due_filters_pick_what_the_index_counts_at_every_moment() {
    let board = board();
    let index = DueIndex::new(&board.checks);
    assert_eq!(board.ids(&query(DueFilter::Overdue), board.now), ["576461413038785005"]);
    assert_eq!(board.ids(&query(DueFilter::WithinHours(6)), board.now), ["576461413038785006"]);
    assert_eq!(board.ids(&query(DueFilter::WithinHours(24)), board.now), ["576461413038785006", "576461413038785003"]);
    // Every quarter hour for three days, across each deadline: the filter and the count agree.
    for quarter in 0..(3 * 24 * 4) {
        let now = board.now + TimeDelta::minutes(15 * quarter);
        let picked = |due| board.ids(&query(due), now).len();
        assert_eq!(picked(DueFilter::Overdue), index.overdue(now), "overdue at {now}");
        for hours in [6, 24] {
            assert_eq!(picked(DueFilter::WithinHours(hours)), index.due_within(now, hours), "{hours} h at {now}");
        }
    }
    // Once every open order is past its deadline.
    assert_eq!(index.overdue(board.now + TimeDelta::days(3)), 4);
}

#[test]
fn upcoming_deadlines_are_those_ahead_within_the_hours_grouped_by_instant() {
    let board = board();
    let index = DueIndex::new(&board.checks);
    let deadline = |id: &str| board.check(id).clock.deadline.unwrap();
    // The overdue order is behind; within 24 h come the orders due in 1.5 and in 8 hours.
    let due = index.upcoming(board.now, 24);
    assert_eq!(due, [(deadline("576461413038785006"), 1), (deadline("576461413038785003"), 1)]);
    assert_eq!(index.upcoming(board.now, 6), [(deadline("576461413038785006"), 1)]);
    // Two orders due at one instant are one deadline with two orders.
    let soon = board.check("576461413038785006");
    let twice = DueIndex::new(&[soon.clone(), soon.clone()]);
    let at = soon.clock.deadline.unwrap();
    assert_eq!(twice.upcoming(at - TimeDelta::hours(1), 24), [(at, 2)]);
}

#[test]
fn a_deadline_is_overdue_only_after_its_second() {
    let board = board();
    let index = DueIndex::new(&board.checks);
    let deadline = board.check("576461413038785006").clock.deadline.unwrap();
    assert_eq!(index.overdue(deadline), 1);
    assert_eq!(index.overdue(deadline + TimeDelta::seconds(1)), 2);
    assert_eq!(board.ids(&query(DueFilter::Overdue), deadline).len(), 1);
}

#[test]
fn every_facet_count_is_what_its_filter_picks() {
    let board = board();
    let facets = board.facets(board.now);
    let picked = |query: BoardQuery| board.ids(&query, board.now).len();
    assert!(!facets.findings.is_empty() && !facets.carriers.is_empty() && !facets.destinations.is_empty());
    for (code, n) in &facets.findings {
        assert_eq!(picked(BoardQuery { finding: Some(*code), ..BoardQuery::default() }), *n, "{code:?}");
    }
    for (carrier, n) in &facets.carriers {
        assert_eq!(picked(BoardQuery { carrier: Some(carrier.clone()), ..BoardQuery::default() }), *n, "{carrier}");
    }
    for (country, n) in &facets.destinations {
        assert_eq!(picked(BoardQuery { destination: Some(country.clone()), ..BoardQuery::default() }), *n);
    }
    let mut states = 0;
    for (state, n) in &facets.states {
        assert_eq!(picked(BoardQuery { state: Some(*state), ..BoardQuery::default() }), *n, "{state:?}");
        states += n;
    }
    assert_eq!(states, board.checks.len(), "every order has one state");
    // "Yun Express" and "YunExpress" are one approved carrier under one name.
    assert_eq!(facets.carriers.iter().find(|(name, _)| name == "YunExpress").map(|c| c.1), Some(3));
    assert_eq!(facets.destinations[0], ("United States".to_owned(), 5));
}

#[test]
fn facets_follow_the_clock() {
    let board = board();
    // Two days on, orders due soon are overdue: the counts a page shows must move with them.
    let overdue = |now| {
        let facets = board.facets(now);
        facets.states.iter().find(|(state, _)| *state == OrderState::DispatchOverdue).map_or(0, |s| s.1)
    };
    assert!(overdue(board.now + TimeDelta::days(2)) > overdue(board.now));
}

#[test]
fn marks_filter_the_board_by_order_id_and_combine_with_the_other_filters() {
    let mut board = board();
    let shipped = crate::marks::Mark { shipped: true, ..Default::default() };
    board.marks.set("576461413038785006", shipped);
    let noted = crate::marks::Mark { note: "buyer asked to hold".into(), ..Default::default() };
    board.marks.set("576461413038785012", noted);
    let marked = |filter| BoardQuery { mark: Some(filter), sort: SortKey::OrderId, ..BoardQuery::default() };
    assert_eq!(board.ids(&marked(MarkFilter::Shipped), board.now), ["576461413038785006"]);
    assert_eq!(board.ids(&marked(MarkFilter::Noted), board.now), ["576461413038785012"]);
    let left = board.ids(&marked(MarkFilter::NotHandled), board.now);
    assert_eq!(left.len(), board.checks.len() - 1);
    assert!(left.contains(&"576461413038785012") && !left.contains(&"576461413038785006"));
    let shipped_to_spain = BoardQuery { destination: Some("Spain".into()), ..marked(MarkFilter::Shipped) };
    assert!(board.ids(&shipped_to_spain, board.now).is_empty());
}

#[test]
fn filters_combine() {
    let board = board();
    let due_soon_to_malaysia =
        BoardQuery { due: DueFilter::WithinHours(24), destination: Some("Malaysia".into()), ..BoardQuery::default() };
    assert_eq!(board.ids(&due_soon_to_malaysia, board.now), ["576461413038785006"]);
    let none = BoardQuery { destination: Some("Spain".into()), ..query(DueFilter::Overdue) };
    assert!(board.ids(&none, board.now).is_empty());
}

#[test]
fn search_finds_an_order_by_id_tracking_number_or_sku_in_any_case() {
    let board = board();
    let search = |text: &str| board.ids(&BoardQuery { search: text.into(), ..BoardQuery::default() }, board.now);
    assert_eq!(search("785012"), ["576461413038785012"]);
    assert_eq!(search("yt2432100012345678"), ["576461413038785001"]);
    assert_eq!(search(" cable-c1 "), ["576461413038785003"]);
    // A SKU two orders share finds both.
    assert_eq!(search("LAMP-WHT").len(), 2);
    assert!(search("no such thing").is_empty());
    assert_eq!(search("").len(), board.checks.len());
}

#[test]
fn a_text_key_orders_texts_as_they_are_ordered_and_missing_ones_last() {
    let long = "5764614130387851010000000000"; // longer than the key's bytes
    let texts = [
        "",
        "a",
        "ab",
        "ab\0",
        "a\0b",
        "b",
        "B",
        "Ä",
        "576461413038785101",
        "576461413038785102",
        long,
        "5764614130387851010000000001",
        "57646141303878510100000000",
        "576461413038785101000000",
        "576461413038785101000000\0",
        "9400 1",
        // A character across the key's last byte.
        "aaaaaaaaaaaaaaaaaaaaaaaéx",
        "aaaaaaaaaaaaaaaaaaaaaaaéy",
        "aaaaaaaaaaaaaaaaaaaaaaaé",
    ];
    let mut keys: Vec<Option<&str>> = texts.iter().copied().map(Some).chain([None, None]).collect();
    keys.reverse();
    let mut by_key = keys.clone();
    by_key.sort_by_key(|text| TextKey::of(*text));
    let as_texts = |a: &Option<&str>, b: &Option<&str>| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => b.is_some().cmp(&a.is_some()),
    };
    keys.sort_by(as_texts);
    assert_eq!(by_key, keys);
    // Every pair, both ways: equal keys only for equal texts.
    for a in &keys {
        for b in &keys {
            assert_eq!(TextKey::of(*a).cmp(&TextKey::of(*b)), as_texts(a, b), "{a:?} against {b:?}");
        }
    }
}

#[test]
fn a_sort_keeps_ties_most_urgent_first() {
    // Positions in the orders' order; the urgency order is another.
    let by_urgency = [5, 4, 3, 2, 1, 0];
    assert_eq!(sort_by_key(&[0, 1, 2, 3, 4, 5], &by_urgency, |i| i % 2 == 0), [5, 3, 1, 4, 2, 0]);
    assert_eq!(sort_by_key(&[1, 2, 4], &by_urgency, |i| i % 2 == 0), [1, 4, 2]);
    assert_eq!(most_urgent_first(&[1, 2, 4], &by_urgency), [4, 2, 1]);
    assert_eq!(most_urgent_first(&[0, 1, 2, 3, 4, 5], &by_urgency), by_urgency);
    assert!(most_urgent_first(&[], &by_urgency).is_empty());
}

#[test]
fn a_column_of_few_texts_sorts_by_rank_as_by_key_ties_most_urgent_first() {
    let texts = [Some("USPS"), None, Some("UPS"), Some("FedEx"), Some("USPS"), None, Some(""), Some("UPS"), Some("Ä")];
    let text = |i: u32| texts[i as usize];
    // Ties are most urgent first, not in the positions' order: 4 before 0, 5 before 1.
    let by_urgency = [8, 4, 0, 5, 1, 2, 3, 6, 7];
    let all: Vec<u32> = (0..texts.len() as u32).collect();
    let by_key = sort_by_key(&all, &by_urgency, |i| TextKey::of(text(i)));
    assert_eq!(by_key, [6, 3, 2, 7, 4, 0, 8, 5, 1]);
    // Some picked: only they are placed.
    let some = [0, 1, 4, 5, 7];
    for most_ranks in [2, 6, MOST_RANKS] {
        assert_eq!(sort_by_rank(&all, &by_urgency, text, TextKey::of, most_ranks), by_key, "at most {most_ranks}");
        let by_rank = sort_by_rank(&some, &by_urgency, text, TextKey::of, most_ranks);
        assert_eq!(by_rank, [7, 4, 0, 5, 1], "some, at most {most_ranks}");
    }
}

#[test]
fn every_column_sorts_both_ways() {
    let board = board();
    let sorted = |sort, descending| board.ids(&BoardQuery { sort, descending, ..BoardQuery::default() }, board.now);

    let by_id = sorted(SortKey::OrderId, false);
    let mut expected = by_id.clone();
    expected.sort();
    assert_eq!(by_id, expected);
    let mut reversed = sorted(SortKey::OrderId, true);
    reversed.reverse();
    assert_eq!(reversed, by_id);

    let check = |id: &str| board.check(id);
    let next = |id: &str| check(id).next_deadline().map(|(_, d)| d.at);
    let deadlines: Vec<_> = sorted(SortKey::NextDeadline, false).into_iter().map(next).collect();
    let known = deadlines.iter().take_while(|d| d.is_some()).count();
    assert!(known > 0 && deadlines[known..].iter().all(Option::is_none), "orders without a deadline go last");
    assert!(deadlines[..known].windows(2).all(|w| w[0] <= w[1]));

    let countries: Vec<_> =
        sorted(SortKey::Destination, false).into_iter().map(|id| board.order(check(id)).country.clone()).collect();
    assert!(countries.windows(2).all(|w| w[0].is_some() && w[0] <= w[1] || w[1].is_none()));

    let states: Vec<_> =
        sorted(SortKey::State, false).into_iter().map(|id| state_rank(check(id).state_at(board.now))).collect();
    assert!(states.windows(2).all(|w| w[0] <= w[1]));

    let worst = |id: &str| {
        let codes = check(id).finding_codes_at(board.order(check(id)), board.now, &board.rules);
        codes.iter().map(|c| c.severity()).max()
    };
    let findings: Vec<_> = sorted(SortKey::Findings, false).into_iter().map(worst).collect();
    assert_eq!(findings[0], Some(Severity::Violation));
    assert!(findings.windows(2).all(|w| w[0] >= w[1]));

    let tracking: Vec<_> =
        sorted(SortKey::TrackingId, false).into_iter().map(|id| board.order(check(id)).tracking_id.clone()).collect();
    let known = tracking.iter().take_while(|t| t.is_some()).count();
    assert!(known > 0 && known < tracking.len() && tracking[known..].iter().all(Option::is_none));
    assert!(tracking[..known].windows(2).all(|w| w[0] <= w[1]));

    let carrier = |id: &str| board.rules.carrier_name(check(id), board.order(check(id))).map(str::to_owned);
    let carriers: Vec<_> = sorted(SortKey::Carrier, false).into_iter().map(carrier).collect();
    assert!(carriers.windows(2).all(|w| w[0].is_some() && w[0] <= w[1] || w[1].is_none()));
    assert_eq!(sorted(SortKey::Urgency, false).len(), board.checks.len());
}

#[test]
fn a_selection_depends_on_time_only_when_a_filter_or_sort_does() {
    assert!(!BoardQuery { search: "A1".into(), sort: SortKey::Carrier, ..BoardQuery::default() }.depends_on_time());
    assert!(query(DueFilter::Overdue).depends_on_time());
    assert!(BoardQuery { sort: SortKey::Findings, ..BoardQuery::default() }.depends_on_time());
}

#[test]
fn the_window_covers_the_box_and_a_margin_and_never_runs_past_the_end() {
    let rows = |lines| LineLayout { lines, headings: Vec::new(), row: 56.0, heading: 30.0 };
    let window = row_window(&rows(1_000), 0.0, 560.0, OVERSCAN);
    assert_eq!(window.rows, 0..16);
    assert_eq!(window.top, 0.0);
    let window = row_window(&rows(1_000), 56.0 * 100.0, 560.0, OVERSCAN);
    assert_eq!(window.rows, 95..116);
    assert_eq!(window.top, 56.0 * 95.0);
    assert_eq!(row_window(&rows(12), 0.0, 560.0, OVERSCAN).rows, 0..12);
    assert_eq!(row_window(&rows(0), 0.0, 560.0, OVERSCAN).rows, 0..0);
}

#[test]
fn a_new_selection_is_drawn_the_top_half_of_the_box_first_then_the_rest_then_the_margin() {
    let rows = LineLayout { lines: 1_000, headings: Vec::new(), row: 56.0, heading: 30.0 };
    let steps: Vec<_> = std::iter::successors(Some(Drawn::TopHalf), |step| Some(step.next())).take(4).collect();
    assert_eq!(steps, [Drawn::TopHalf, Drawn::Box, Drawn::WithMargin, Drawn::WithMargin]);
    let windows: Vec<_> = steps[..3].iter().map(|step| step.window(&rows, 0.0, 560.0).rows).collect();
    assert_eq!(windows, [0..6, 0..11, 0..16]);
    // Scrolled, the half is the top of what is in view.
    assert_eq!(Drawn::TopHalf.window(&rows, 56.0 * 100.0, 560.0).rows, 100..106);
}

#[test]
fn without_a_margin_the_window_is_the_lines_in_the_box() {
    let rows = LineLayout { lines: 1_000, headings: Vec::new(), row: 56.0, heading: 30.0 };
    assert_eq!(row_window(&rows, 0.0, 560.0, 0).rows, 0..11);
    let window = row_window(&rows, 56.0 * 100.0 + 28.0, 560.0, 0);
    assert_eq!(window.rows, 100..111);
    assert_eq!(window.top, 56.0 * 100.0);
}

#[test]
fn headings_are_shorter_than_rows_and_every_line_sits_below_the_last() {
    // A heading, two rows, a heading, then rows.
    let layout = LineLayout { lines: 100, headings: vec![0, 3], row: 60.0, heading: 30.0 };
    assert_eq!(layout.top(0), 0.0);
    assert_eq!(layout.top(1), 30.0);
    assert_eq!(layout.top(3), 150.0);
    assert_eq!(layout.top(4), 180.0);
    assert_eq!(layout.height(), 98.0 * 60.0 + 60.0);
    // Scrolled into the second row, the window starts a few lines before it, where that line is.
    let window = row_window(&layout, 100.0, 300.0, OVERSCAN);
    assert_eq!(window.rows.start, 0);
    let window = row_window(&layout, 180.0 + 60.0 * 20.0, 300.0, OVERSCAN);
    assert_eq!(window.rows.start, 24 - 5);
    assert_eq!(window.top, layout.top(19));
    assert!(window.rows.end >= 24 + 5, "the box and the margin below it are covered");
}

#[test]
fn a_million_rows_scroll_to_the_last_within_the_capped_height() {
    let len = 1_000_000;
    let height = 560.0;
    let bottom = MAX_SCROLL_HEIGHT - height;
    let layout = LineLayout { lines: len, headings: vec![0, 10], row: ROW_HEIGHT, heading: HEADING_HEIGHT };
    let window = row_window(&layout, bottom, height, OVERSCAN);
    assert_eq!(window.rows.end, len, "the last row is reachable");
    // The rows sit where the box shows them: the last row ends at the bottom of the box.
    let last_bottom = window.top + layout.top(window.rows.end) - layout.top(window.rows.start);
    assert!((last_bottom - (bottom + height)).abs() < 1.0, "{last_bottom} vs {}", bottom + height);
    let middle = row_window(&layout, bottom / 2.0, height, OVERSCAN);
    assert!(middle.rows.contains(&(len / 2)));
}

#[test]
fn when_lines_change_height_the_box_keeps_the_same_orders_in_view() {
    let (height, headings) = (900.0, vec![0, 3, 4_000]);
    let wide = LineLayout { lines: 10_000, headings: headings.clone(), row: 64.0, heading: 36.0 };
    let stacked = LineLayout { row: 140.0, ..wide.clone() };
    // A quarter of the way into line 5,000, the box is a quarter of the way into it after.
    let scrolled = wide.top(5_000) + 16.0;
    let kept = keep_place(&wide, &stacked, scrolled, height);
    assert_eq!(kept, stacked.top(5_000) + 35.0);
    assert_eq!(row_window(&stacked, kept, height, OVERSCAN).rows.start, 5_000 - 5, "the same lines are drawn");
    // And back again, to the pixel.
    assert_eq!(keep_place(&stacked, &wide, kept, height), scrolled);
    // At the top it stays at the top; near the end of the shorter lines it goes no further than the end.
    assert_eq!(keep_place(&wide, &stacked, 0.0, height), 0.0);
    let end = stacked.height() - height;
    assert_eq!(keep_place(&stacked, &wide, end, height), wide.height() - height);
    // Nothing to show is nowhere to scroll.
    let empty = LineLayout { lines: 0, headings: Vec::new(), row: 64.0, heading: 36.0 };
    assert_eq!(keep_place(&empty, &LineLayout { row: 140.0, ..empty.clone() }, 0.0, height), 0.0);
}

#[test]
fn a_million_rows_keep_their_place_within_the_capped_height() {
    let (height, lines) = (900.0, 1_000_000);
    let wide = LineLayout { lines, headings: vec![0, 10], row: ROW_HEIGHT, heading: HEADING_HEIGHT };
    let stacked = LineLayout { row: 140.0, ..wide.clone() };
    let scrolled = (MAX_SCROLL_HEIGHT - height) / 3.0;
    let first = |layout: &LineLayout, scroll_top| row_window(layout, scroll_top, height, OVERSCAN).rows.start;
    let kept = keep_place(&wide, &stacked, scrolled, height);
    assert!(kept < MAX_SCROLL_HEIGHT - height);
    assert_eq!(first(&stacked, kept), first(&wide, scrolled));
}

#[test]
fn held_lines_cover_a_place_only_in_their_selection_and_minute() {
    let held = HeldLines { generation: 2, start: 100, lines: vec!['x'; 50], minute: 7 };
    assert!(held.covers(2, &(100..150), 7));
    assert!(held.covers(2, &(120..130), 7));
    assert!(!held.covers(2, &(90..130), 7), "lines before them");
    assert!(!held.covers(2, &(120..151), 7), "lines after them");
    assert!(!held.covers(3, &(120..130), 7), "another selection");
    assert!(!held.covers(2, &(120..130), 8), "a minute on");
}

#[test]
fn an_answer_for_a_place_the_box_has_left_never_replaces_the_lines_it_shows() {
    let around = |start| HeldLines { generation: 1, start, lines: vec![start; 100], minute: 0 };
    // The box scrolled from line 1,000 to 5,000 and back, asking at each; the answer about line
    // 1,000 came first, then the one about 5,000.
    let mut held = around(950);
    let shown = 1_000..1_010;
    assert!(!held.take(around(4_950), 1, &shown, 0));
    assert_eq!(held, around(950));
    // An answer about where the box is replaces what is held, and where nothing held covers it,
    // any answer does (the one the box asked for last is still to come).
    assert!(held.take(around(960), 1, &shown, 0));
    assert_eq!(held.start, 960);
    assert!(held.take(around(4_950), 1, &(3_000..3_010), 0));
    assert_eq!(held.start, 4_950);
}

#[test]
fn a_metric_filter_picks_the_orders_that_pull_it_towards_its_limit() {
    let board = board();
    let metrics = crate::ShopMetrics::compute(
        &board.import.orders,
        &board.checks,
        &board.rules,
        board.now,
        crate::MetricWindow::All,
    );
    let rates = [
        &metrics.late_dispatch_rate,
        &metrics.valid_tracking_rate,
        &metrics.on_time_delivery_rate,
        &metrics.seller_fault_cancellation_rate,
    ];
    for (kind, metric) in MetricKind::ALL.into_iter().zip(rates) {
        let against = match kind.bound() {
            Bound::AtMost => metric.numerator,
            Bound::AtLeast => metric.denominator - metric.numerator,
        };
        let picked = board.ids(&BoardQuery { metric: Some(kind), ..BoardQuery::default() }, board.now);
        assert_eq!(picked.len() as u64, against, "{kind:?}");
        assert!(against > 0, "the sample has an order against {kind:?}");
    }
    // The late one is the order shipped after its deadline.
    let late = BoardQuery { metric: Some(MetricKind::LateDispatch), ..BoardQuery::default() };
    assert_eq!(board.ids(&late, board.now), ["576461413038785002"]);
}
