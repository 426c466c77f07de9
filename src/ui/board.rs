//! The deadline board: the orders the query picks, most urgent first under Seller Center's group
//! headings, with only the lines on screen in the page.
//!
//! The worker holds the selection; the page holds its size and the lines in view: the first
//! ones come with a new selection, the rest are asked for as the seller scrolls
//! ([`Request::Lines`]). The list scrolls inside a box of fixed-height lines,
//! so where a line sits is arithmetic ([`row_window`]). Each row reads the one clock for its
//! countdown and colour; a tick asks the worker nothing. What changes by the minute (which
//! group an order is in, its findings) is asked for again each minute.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::i18n::{count, t, Words};
use super::row::BoardLineView;
use super::words::{columns, finding_label, mark_filter_label, metric_name, print_columns, state_label, SORTS};
use super::{download, Controls};
use crate::engine::board::{
    row_window, BoardQuery, LineLayout, RowWindow, SortKey, HEADING_HEIGHT, MAX_SCROLL_HEIGHT, NARROW_ROW_HEIGHT,
    ROW_HEIGHT,
};
use crate::engine::marks::MarkFilter;
use crate::engine::protocol::{FileRequest, Request, Response};
use crate::engine::view::{BoardLine, RowView};
use crate::engine::FindingCode;

/// How long typing must pause before the board is searched, in milliseconds.
const SEARCH_PAUSE_MS: u32 = 150;
/// Lines asked for beyond each edge of what is shown, so a scroll usually finds them there.
const AHEAD: usize = 40;
/// Narrower than this, a row's cells stack (as the stylesheet's breakpoint says).
const NARROW_PX: i32 = 720;
/// Orders printed at most; past this, the CSV export is the way to have them on paper.
const PRINT_ROWS: u32 = 2_000;

/// The worker's answer to the board's query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Selected {
    generation: u32,
    lines: u32,
    /// Where the group headings are among the lines.
    headings: Vec<u32>,
    orders: u32,
}

/// Lines of a selection the page holds: those around the ones in view.
#[derive(Clone, Debug, Default, PartialEq)]
struct Held {
    generation: u32,
    start: usize,
    lines: Vec<BoardLine>,
    /// The minute they were asked at: findings and groups are asked for again the next.
    minute: i64,
}

impl Held {
    fn covers(&self, generation: u32, rows: &std::ops::Range<usize>, minute: i64) -> bool {
        self.generation == generation
            && self.minute == minute
            && self.start <= rows.start
            && rows.end <= self.start + self.lines.len()
    }
}

#[component]
pub fn Board() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let viewport = NodeRef::<leptos::html::Div>::new();
    let (scroll_top, height, narrow) = (RwSignal::new(0.0), RwSignal::new(ROW_HEIGHT * 10.0), RwSignal::new(false));
    let row_height = move || if narrow.get() { NARROW_ROW_HEIGHT } else { ROW_HEIGHT };
    // What a board opening at the top shows, and the lines ahead of it (headings are shorter
    // than rows, so counting rows of a row's height is never short of a screen).
    let top_lines = move || untrack(|| (height.get() / row_height()).ceil() as usize + AHEAD);
    let held = RwSignal::new(Held::default());
    let selected = use_selection(controls, held, top_lines);
    let measure = move || {
        if let Some(viewport) = viewport.get_untracked() {
            height.set(f64::from(viewport.client_height().max(1)));
            narrow.set(viewport.client_width() < NARROW_PX);
            scroll_top.set(f64::from(viewport.scroll_top()));
        }
    };
    // Measured once laid out, and again when the window changes size.
    Effect::new(move |_| {
        if viewport.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // Another question starts at the top of its answer; the same one asked again keeps the place.
    Effect::new(move |asked_before: Option<()>| {
        controls.query.track();
        controls.epoch.track();
        if asked_before.is_some() {
            if let Some(viewport) = viewport.get_untracked() {
                viewport.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
    });
    let layout = Memo::new(move |_| {
        selected.with(|s| LineLayout {
            lines: s.lines as usize,
            headings: s.headings.clone(),
            row: row_height(),
            heading: HEADING_HEIGHT,
        })
    });
    let window = Memo::new(move |_| layout.with(|layout| row_window(layout, scroll_top.get(), height.get())));
    use_held_lines(controls, selected, window, held);
    let shown = move || {
        let rows = window.get().rows;
        held.with(|held| {
            rows.filter_map(|position| {
                let line = held.lines.get(position.checked_sub(held.start)?)?;
                Some((position, line.clone()))
            })
            .collect::<Vec<_>>()
        })
    };
    let spacer = move || format!("{}px", layout.with(LineLayout::height).min(MAX_SCROLL_HEIGHT));
    let print_rows = RwSignal::new(None::<(u32, Vec<RowView>)>);
    view! {
        <section class="sc-board" aria-label=move || t().orders>
            <BoardControls selected print_rows />
            <div
                class="sc-board-table"
                role="table"
                aria-label=move || t().orders_table
                aria-rowcount=move || selected.with(|s| s.lines) + 1
            >
                <div role="rowgroup" class="sc-board-head">
                    <div role="row" class="sc-line sc-header" aria-rowindex="1">
                        {columns().into_iter().map(|(key, name)| view! { <ColumnHeader key name /> }).collect_view()}
                    </div>
                </div>
                <div
                    role="rowgroup"
                    class="sc-board-viewport"
                    node_ref=viewport
                    tabindex="0"
                    aria-label=move || t().order_rows
                    on:scroll=move |_| measure()
                >
                    <div class="sc-board-spacer" style:height=spacer>
                        <div class="sc-board-rows" style:transform=move || format!("translateY({}px)", window.get().top)>
                            <For
                                each=shown
                                key=|line| line.clone()
                                children=move |(position, line)| view! { <BoardLineView line position /> }
                            />
                        </div>
                    </div>
                </div>
            </div>
            <p class="sc-note" data-testid="board-empty" hidden=move || { selected.with(|s| s.lines > 0) }>
                {move || t().no_match}
            </p>
            {move || print_rows.get().map(|(total, rows)| view! { <PrintView total rows /> })}
        </section>
    }
}

/// The worker's selection for the board's query: asked again when the query changes, after each
/// check, and each minute when what it picks or how it groups them depends on the time. A new
/// query or check opens the board at the top, so its first `top_lines()` lines come with it.
fn use_selection(
    controls: Controls,
    held: RwSignal<Held>,
    top_lines: impl Fn() -> usize + 'static,
) -> ReadSignal<Selected> {
    let selected = RwSignal::new(Selected::default());
    Effect::new(move |asked: Option<(u32, BoardQuery)>| {
        let epoch = controls.epoch.get();
        let query = controls.query.get();
        if query.depends_on_time() || query.sort == SortKey::Urgency {
            controls.clock.minute.track();
        }
        if query.mark.is_some() {
            controls.marks.track();
        }
        // The same query asked again (a minute on, a mark changed) keeps the board's place,
        // whose lines the board asks for itself.
        let from_top = asked.as_ref() != Some(&(epoch, query.clone()));
        let (start, end) = (0, if from_top { top_lines() as u32 } else { 0 });
        let (now, minute) = (controls.now(), controls.clock.minute.get_untracked());
        let request = Request::Select { query: query.clone(), now, start, end };
        leptos::task::spawn_local(async move {
            if let Response::Selected { generation, lines, headings, orders, start, shown } =
                controls.ask(request).await
            {
                // Answers come in the order asked; a later one is never replaced by an earlier.
                if selected.with_untracked(|s| generation <= s.generation) {
                    return;
                }
                if !shown.is_empty() {
                    let _ = held.try_set(Held { generation, start: start as usize, lines: shown, minute });
                }
                let _ = selected.try_set(Selected { generation, lines, headings, orders });
            }
        });
        (epoch, query)
    });
    selected.read_only()
}

/// The lines around those in view, asked for when the view moves past them, when the selection
/// changes without bringing them, and each minute.
fn use_held_lines(controls: Controls, selected: ReadSignal<Selected>, window: Memo<RowWindow>, held: RwSignal<Held>) {
    Effect::new(move |_| {
        let (generation, lines) = selected.with(|s| (s.generation, s.lines));
        let rows = window.get().rows;
        let minute = controls.clock.minute.get();
        // Generation 0 is no selection yet: there is nothing to ask of it.
        if generation == 0 || held.with_untracked(|h| h.covers(generation, &rows, minute)) {
            return;
        }
        let start = rows.start.saturating_sub(AHEAD);
        let end = (rows.end + AHEAD).min(lines as usize);
        let now = controls.now();
        let request = Request::Lines { generation, start: start as u32, end: end as u32, now };
        leptos::task::spawn_local(async move {
            if let Response::Lines { generation, start, lines } = controls.ask(request).await {
                let _ = held.try_set(Held { generation, start: start as usize, lines, minute });
            }
        });
    });
}

#[component]
fn ColumnHeader(key: SortKey, name: Words) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let query = controls.query;
    let sorted = move || query.with(|q| (q.sort == key).then_some(q.descending));
    let on_click = move |_| {
        query.update(|q| {
            q.descending = q.sort == key && !q.descending;
            q.sort = key;
        })
    };
    view! {
        <div
            role="columnheader"
            class="sc-cell"
            aria-sort=move || match sorted() {
                Some(false) => "ascending",
                Some(true) => "descending",
                None => "none",
            }
        >
            <button class="sc-sort" data-testid=format!("sort-{}", key.code()) on:click=on_click>
                {name}
                <span class="sc-sort-mark" aria-hidden="true">
                    {move || match sorted() {
                        Some(false) => " ▲",
                        Some(true) => " ▼",
                        None => "",
                    }}
                </span>
            </button>
        </div>
    }
}

/// The search box, the filters with their counts, the sort (for phones, where there are no
/// column headers), and what can be exported of the selection.
#[component]
fn BoardControls(selected: ReadSignal<Selected>, print_rows: RwSignal<Option<(u32, Vec<RowView>)>>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let query = controls.query;
    let facets = use_live_facets(controls);
    let findings = move || {
        facets.with(|f| {
            f.findings
                .iter()
                .map(|(code, n)| (code.code().to_owned(), format!("{} ({})", finding_label(*code), count(*n))))
                .collect()
        })
    };
    let states = move || {
        facets.with(|f| {
            f.states
                .iter()
                .map(|(state, n)| (state.code().to_owned(), format!("{} ({})", state_label(*state).1, count(*n))))
                .collect()
        })
    };
    let named = |counts: &[(String, usize)], name: fn(&str) -> String| -> Vec<(String, String)> {
        counts.iter().map(|(value, n)| (value.clone(), format!("{} ({})", name(value), count(*n)))).collect()
    };
    let carriers = move || facets.with(|f| named(&f.carriers, str::to_owned));
    let destinations = move || facets.with(|f| named(&f.destinations, super::words::country));
    let mark_filters = || {
        MarkFilter::ALL
            .into_iter()
            .map(|filter| (filter.code().to_owned(), mark_filter_label(filter).to_owned()))
            .collect()
    };
    // On a phone the filters and exports fold away behind one button, so the orders come first.
    let open = RwSignal::new(false);
    let active = move || {
        query.with(|q| {
            [
                q.finding.is_some(),
                q.state.is_some(),
                q.carrier.is_some(),
                q.destination.is_some(),
                q.mark.is_some(),
                q.shop.is_some(),
                q.sort != SortKey::Urgency,
            ]
            .into_iter()
            .filter(|on| *on)
            .count()
        })
    };
    view! {
        <div class="sc-board-controls">
            <div class="sc-search-row">
                <SearchBox />
                <button
                    class="sc-filters-toggle"
                    data-testid="filters-toggle"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || (t().filters)(active())}
                </button>
            </div>
            <div class="sc-filters" class:sc-open=move || open.get()>
                <FilterSelect
                    label=|| t().finding
                    test_id="filter-finding"
                    options=findings
                    get=move || query.with(|q| q.finding.map(|c| c.code().to_owned()))
                    set=move |value| query.update(|q| q.finding = value.and_then(|v| FindingCode::parse(&v)))
                />
                <FilterSelect
                    label=|| t().column_state
                    test_id="filter-state"
                    options=states
                    get=move || query.with(|q| q.state.map(|s| s.code().to_owned()))
                    set=move |value| {
                        query.update(|q| {
                            q.state = value.and_then(|v| crate::engine::board::STATES.into_iter().find(|s| s.code() == v))
                        })
                    }
                />
                <FilterSelect
                    label=|| t().column_carrier
                    test_id="filter-carrier"
                    options=carriers
                    get=move || query.with(|q| q.carrier.clone())
                    set=move |value| query.update(|q| q.carrier = value)
                />
                <FilterSelect
                    label=|| t().column_destination
                    test_id="filter-destination"
                    options=destinations
                    get=move || query.with(|q| q.destination.clone())
                    set=move |value| query.update(|q| q.destination = value)
                />
                <ShopSelect test_id="filter-shop" any=|| t().any />
                <FilterSelect
                    label=|| t().your_marks
                    test_id="filter-mark"
                    options=mark_filters
                    get=move || query.with(|q| q.mark.map(|m| m.code().to_owned()))
                    set=move |value| query.update(|q| q.mark = value.and_then(|v| MarkFilter::parse(&v)))
                />
                <SortSelect />
                <ExportButtons print_rows />
            </div>
            {move || query.with(|q| q.metric).map(|kind| view! {
                <p class="sc-chips">
                    <button class="sc-chip" aria-pressed="true" data-testid="filter-metric"
                        on:click=move |_| query.update(|q| q.metric = None)>
                        {move || (t().only_against)(metric_name(kind))} " ×"
                    </button>
                </p>
            })}
            <div class="sc-board-status">
                <p data-testid="board-count" role="status">
                    {move || {
                        let shown = selected.with(|s| s.orders);
                        let all = controls.counts.with(|c| c.all);
                        if shown == all { (t().order_count)(all as usize) } else { (t().orders_match)(shown, all) }
                    }}
                </p>
                <button
                    class="sc-link"
                    data-testid="filter-clear"
                    hidden=move || query.with(|q| *q == BoardQuery::default())
                    on:click=move |_| query.set(BoardQuery::default())
                >
                    {move || t().clear_filters}
                </button>
            </div>
        </div>
    }
}

/// How many orders each filter picks: the check's own, for the rest of the minute it was made
/// in, then asked again each minute. Counting them is a pass over every order, which a new
/// check has just made.
fn use_live_facets(controls: Controls) -> Signal<crate::engine::board::Facets> {
    // Asked for, with the check (by its epoch) they are of.
    let asked = RwSignal::new(None);
    Effect::new(move |_| {
        let (minute, epoch) = (controls.clock.minute.get(), controls.epoch.get());
        if controls.summary.with_untracked(|s| s.as_ref().is_none_or(|s| s.facets_hold_in(minute))) {
            return;
        }
        let now = controls.now();
        leptos::task::spawn_local(async move {
            if let Response::Facets(facets) = controls.ask(Request::Facets { now }).await {
                let _ = asked.try_set(Some((epoch, facets)));
            }
        });
    });
    Signal::derive(move || {
        let epoch = controls.epoch.get();
        let live = asked.with(|asked| asked.as_ref().filter(|(of, _)| *of == epoch).map(|(_, facets)| facets.clone()));
        live.or_else(|| controls.summary.with(|s| s.as_ref().map(|s| s.facets.clone()))).unwrap_or_default()
    })
}

/// The search box. What the seller types is theirs: the query follows it once typing pauses, and
/// the box follows the query only when something else changed it (Clear, a link, the back button).
#[component]
fn SearchBox() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let query = controls.query;
    let input = NodeRef::<leptos::html::Input>::new();
    let typed = StoredValue::new(query.with_untracked(|q| q.search.clone()));
    // Dropping a pending search cancels it.
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |before: Option<String>| {
        let search = query.with(|q| q.search.clone());
        // Changed by something else (a filter's change leaves it alone, and what is being typed
        // stays pending).
        let changed_elsewhere = before.is_some_and(|before| before != search) && search != typed.get_value();
        if changed_elsewhere {
            pending.set_value(None);
            typed.set_value(search.clone());
            if let Some(input) = input.get_untracked() {
                input.set_value(&search);
            }
        }
        search
    });
    view! {
        <label class="sc-search">
            <span>{move || t().search}</span>
            <input
                type="search"
                node_ref=input
                data-testid="search-input"
                placeholder=move || t().search_placeholder
                value=typed.get_value()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    typed.set_value(text.clone());
                    pending.set_value(Some(Timeout::new(SEARCH_PAUSE_MS, move || {
                        query.update(|q| q.search = text)
                    })));
                }
            />
        </label>
    }
}

/// A select of named values with "Any" (or what `any` says) first; `None` is any.
#[component]
pub fn FilterSelect(
    label: Words,
    test_id: &'static str,
    #[prop(optional)] any: Option<Words>,
    /// Each option's value and text; the counts in the text change as time passes.
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    get: impl Fn() -> Option<String> + Send + Sync + 'static,
    set: impl Fn(Option<String>) + 'static,
) -> impl IntoView {
    // Options drawn again lose the select's choice, so each says whether it is the chosen one.
    let all_options = move || {
        let chosen = get().unwrap_or_default();
        std::iter::once((String::new(), any.map_or(t().any, |any| any()).to_owned()))
            .chain(options())
            .map(|(value, text)| {
                let selected = value == chosen;
                view! { <option value=value prop:selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="sc-filter">
            <span>{label}</span>
            <select
                data-testid=test_id
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    set((!value.is_empty()).then_some(value));
                }
            >
                {all_options}
            </select>
        </label>
    }
}

/// The shop whose orders the board shows and the dashboard counts, when there are several: one
/// choice, the board's query's, wherever it is made.
#[component]
pub fn ShopSelect(test_id: &'static str, any: Words) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let query = controls.query;
    let shops = move || {
        controls.summary.with(|s| {
            let shops = s.as_ref().map(|s| s.shops.as_slice()).unwrap_or_default();
            let named = |shop: &str| crate::engine::excerpt::name(shop).into_owned();
            shops.iter().map(|(shop, n)| (shop.clone(), format!("{} ({})", named(shop), count(*n)))).collect()
        })
    };
    view! {
        <Show when=move || controls.several_shops()>
            <FilterSelect
                label=|| t().shop
                test_id
                any
                options=shops
                get=move || query.with(|q| q.shop.clone())
                set=move |value| query.update(|q| q.shop = value)
            />
        </Show>
    }
}

/// The sort, for screens too narrow for column headers.
#[component]
fn SortSelect() -> impl IntoView {
    let query = expect_context::<Controls>().query;
    let value = move || query.with(|q| format!("{}{}", q.sort.code(), if q.descending { "-desc" } else { "" }));
    let options = move || {
        let chosen = value();
        SORTS
            .iter()
            .map(|&(key, descending)| {
                let value = format!("{}{}", key.code(), if descending { "-desc" } else { "" });
                let selected = value == chosen;
                view! { <option value=value prop:selected=selected>{super::words::sort_label(key, descending)}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="sc-filter sc-sort-select">
            <span>{move || t().sort_by}</span>
            <select
                data-testid="sort-select"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let (code, descending) = match value.strip_suffix("-desc") {
                        Some(code) => (code.to_owned(), true),
                        None => (value, false),
                    };
                    if let Some(sort) = SortKey::parse(&code) {
                        query.update(|q| {
                            q.sort = sort;
                            q.descending = descending;
                        });
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}

/// Where the buyer notices of the shown orders went, and how many there were: on the clipboard,
/// or, too many to paste at once, into a file.
#[derive(Clone, Copy)]
enum NoticesGiven {
    Copied(usize),
    Saved(usize),
}

const NOTICES_FILE: &str = "shipcheck-buyer-notices.txt";

/// The selection as CSV, every order as a JSON report, buyer notices, and the page as printed:
/// each built by the worker, so none of it is work for the page however many orders there are.
#[component]
fn ExportButtons(print_rows: RwSignal<Option<(u32, Vec<RowView>)>>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let notices_given = RwSignal::new(None::<NoticesGiven>);
    let save = move |request: fn(i64) -> FileRequest, file: &'static str, mime: &'static str| {
        move |_| {
            let request = request(controls.now());
            leptos::task::spawn_local(async move {
                if let Ok((_, blob)) = controls.file(request).await {
                    download::save_file(file, mime, &blob);
                }
            });
        }
    };
    let reminders = expect_context::<super::reminders::Reminders>();
    let calendar = move |_| {
        let chinese = controls.locale.get_untracked() == super::i18n::Locale::Zh;
        let leads_hours = reminders.leads.get_untracked();
        let request = FileRequest::Calendar { now: controls.now(), leads_hours, chinese };
        leptos::task::spawn_local(async move {
            if let Ok((_, blob)) = controls.file(request).await {
                download::save_file("shipcheck-deadlines.ics", "text/calendar;charset=utf-8", &blob);
            }
        });
    };
    let notices = move |_| {
        let chinese = controls.locale.get_untracked() == super::i18n::Locale::Zh;
        let request = FileRequest::Notices { now: controls.now(), chinese };
        leptos::task::spawn_local(async move {
            if let Ok((Response::Notices { count }, notices)) = controls.file(request).await {
                let count = count as usize;
                let given = if notices.size() > download::CLIPBOARD_MOST_BYTES {
                    download::save_file(NOTICES_FILE, "text/plain;charset=utf-8", &notices);
                    NoticesGiven::Saved(count)
                } else {
                    if count > 0 {
                        download::copy_file(&notices);
                    }
                    NoticesGiven::Copied(count)
                };
                let _ = notices_given.try_set(Some(given));
            }
        });
    };
    let print = move |_| {
        let request = Request::Print { now: controls.now(), most: PRINT_ROWS };
        leptos::task::spawn_local(async move {
            if let Response::Print { total, rows } = controls.ask(request).await {
                print_rows.set(Some((total, rows)));
                // Printed once the print view is on the page; the browser's dialog blocks until done.
                Timeout::new(0, move || {
                    let _ = window().print();
                    print_rows.set(None);
                })
                .forget();
            }
        });
    };
    view! {
        <div class="sc-actions" role="group" aria-label=move || t().export>
            <button
                data-testid="export-csv"
                on:click=save(|now| FileRequest::OrdersCsv { now }, "shipcheck-orders.csv", "text/csv;charset=utf-8")
            >
                {move || t().export_csv}
            </button>
            <button
                data-testid="export-json"
                on:click=save(|now| FileRequest::Report { now }, "shipcheck-report.json", "application/json")
            >
                {move || t().export_json}
            </button>
            <button
                data-testid="export-calendar"
                title=move || (t().export_calendar_hint)(&reminders.leads.with(|leads| (t().hours_list)(leads)))
                on:click=calendar
            >
                {move || t().export_calendar}
            </button>
            <super::reminders::LeadTimes />
            <super::reminders::ReminderSwitch />
            <button data-testid="copy-notices" on:click=notices>{move || t().copy_notices}</button>
            <button data-testid="print" on:click=print>{move || t().print}</button>
            <super::appeal::AppealActions order=None />
            <span role="status" class="sc-note" data-testid="notices-copied">
                {move || {
                    notices_given.get().map(|given| match given {
                        NoticesGiven::Copied(count) => (t().copied_notices)(count),
                        NoticesGiven::Saved(count) => (t().saved_notices)(count),
                    })
                }}
            </span>
        </div>
        <super::upload::UploadCheck />
    }
}

/// The shown orders as a plain table, on the page only while the browser prints it: the board
/// holds only the rows on screen, which is not what a seller wants on paper.
#[component]
fn PrintView(total: u32, rows: Vec<RowView>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let now = controls.clock.now.get_untracked();
    let zone = super::zone_of(controls);
    let text = t();
    let printed = rows.len() as u32;
    let rows = rows
        .into_iter()
        .map(|row| {
            let next = row.next.and_then(|next| chrono::DateTime::from_timestamp_millis(next.at));
            let findings: Vec<&str> = row.findings.iter().map(|code| finding_label(*code)).collect();
            view! {
                <tr>
                    <td>{row.order_id.clone()}</td>
                    <td>{row.country.as_deref().map(super::words::country)}</td>
                    <td>{row.carrier.clone()}</td>
                    <td>{row.tracking_id.clone()}</td>
                    <td>{state_label(row.state_at(now)).1}</td>
                    <td>{next.map(|at| (text.when)(&zone, at))}</td>
                    <td>{findings.join(text.list_separator)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="sc-print" data-testid="print-view">
            <h2>{(text.print_title)(total, &(text.when)(&zone, now))}</h2>
            {(total > printed).then(|| view! { <p>{(text.print_first)(printed, total)}</p> })}
            <table>
                <thead>
                    <tr>{print_columns().into_iter().map(|name| view! { <th scope="col">{name()}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
