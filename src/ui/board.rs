//! The deadline board: every order, most urgent first, filtered, searched and sorted by the
//! engine ([`crate::engine::board`]), with only the rows on screen in the page.
//!
//! The rows are a window over the selection: the list scrolls inside a box of fixed-height rows,
//! and only the rows the box shows, plus a few either side, exist as elements. Each of those
//! reads the one clock for its countdown and, while it is undispatched, its state; nothing else
//! in a row changes on a tick, and a tick never looks at the orders off screen. The overdue
//! counts on the filters and in the tab title are binary searches ([`DueIndex`]).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::dashboard::metric_name;
use super::facets::use_live_facets;
use super::i18n::locale;
use super::icon::{Icon, StatusIcon};
use super::slices::{Runs, SLICE};
use super::words::{columns, finding_label, state_label};
use super::{Checked, Clock, Controls};
use crate::engine::board::{
    row_window, select, BoardQuery, DueFilter, RowWindow, Selecting, SortKey, MAX_SCROLL_HEIGHT, ROW_HEIGHT,
};
use crate::engine::evaluate::{DeadlineKind, DeadlineSource, Stage};
use crate::engine::report::{write_orders_csv, OrderReport};
use crate::engine::timeline::buyer_notice;
use crate::engine::{span, FindingCode, OrderState, Report, ReportOptions, Severity};

/// How long typing must pause before the board is searched, in milliseconds.
const SEARCH_PAUSE_MS: u32 = 150;

#[component]
pub fn Board(
    checked: Arc<Checked>,
    clock: Clock,
    query: RwSignal<BoardQuery>,
    /// The order whose detail is open, by position in `checked.checks`.
    open: RwSignal<Option<u32>>,
) -> impl IntoView {
    let now = clock.now;
    let selection = use_selection(checked.clone(), query, clock);

    let viewport = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let printing = RwSignal::new(false);
    let height = RwSignal::new(ROW_HEIGHT * 10.0);
    // Another question starts at the top of its answer; the same one asked again as the minutes
    // pass keeps the seller's place. A new board is at the top already, and setting it there
    // would make the browser lay the whole new page out at once.
    Effect::new(move |asked_before: Option<()>| {
        query.track();
        if asked_before.is_none() {
            return;
        }
        if let Some(viewport) = viewport.get_untracked() {
            viewport.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    let window = Memo::new(move |_| row_window(selection.with(|s| s.len()), scroll_top.get(), height.get()));
    let on_scroll = move |_| {
        if let Some(viewport) = viewport.get_untracked() {
            height.set(viewport.client_height().max(1) as f64);
            scroll_top.set(viewport.scroll_top() as f64);
        }
    };
    // Measured at the next frame, when the browser lays the new board out anyway: measured now,
    // it would have to lay it out at once, inside the task that built it.
    Effect::new(move |_| {
        if let Some(viewport) = viewport.get() {
            request_animation_frame(move || _ = height.try_set(viewport.client_height().max(1) as f64));
        }
    });

    let total = checked.checks.len();
    let rows = move || {
        let RowWindow { rows, .. } = window.get();
        selection.with(|s| rows.map(|position| (position, s[position])).collect::<Vec<(usize, u32)>>())
    };
    let t = locale().text();
    view! {
        <section class="sc-board" aria-label=t.orders>
            <BoardControls query clock selection total checked=checked.clone() printing />
            <div
                class="sc-board-table"
                role="table"
                aria-label=t.orders_table
                aria-rowcount=move || selection.with(|s| s.len()) + 1
            >
                <div role="rowgroup" class="sc-board-head">
                    <div role="row" class="sc-board-row sc-board-header" aria-rowindex="1">
                        {columns(t).into_iter().map(|(key, name)| view! { <ColumnHeader key name query /> }).collect_view()}
                    </div>
                </div>
                <div
                    role="rowgroup"
                    class="sc-board-viewport"
                    node_ref=viewport
                    tabindex="0"
                    aria-label=t.order_rows
                    on:scroll=on_scroll
                >
                    <div
                        class="sc-board-spacer"
                        style:height=move || {
                            format!("{}px", (selection.with(|s| s.len()) as f64 * ROW_HEIGHT).min(MAX_SCROLL_HEIGHT))
                        }
                    >
                        <div class="sc-board-rows" style:transform=move || format!("translateY({}px)", window.get().top)>
                            <For
                                each=rows
                                key=|row| *row
                                children={
                                    let checked = checked.clone();
                                    move |(position, index)| {
                                        view! { <BoardRow checked=checked.clone() index position clock open /> }
                                    }
                                }
                            />
                        </div>
                    </div>
                </div>
            </div>
            <p class="sc-note" data-testid="board-empty" hidden=move || selection.with(|s| !s.is_empty())>
                {t.no_match}
            </p>
            {
                let checked = checked.clone();
                move || {
                    printing
                        .get()
                        .then(|| view! { <PrintView checked=checked.clone() selection now=now.get_untracked() /> })
                }
            }
        </section>
    }
}

/// "(3 overdue) ShipCheck" in the browser tab while orders are overdue; the page's own title
/// again when none are, and when the app goes.
pub fn use_overdue_title(controls: Controls) {
    let overdue = Memo::new(move |_| {
        let now = controls.now.get();
        controls.outcome.with(|outcome| match outcome {
            Some(Ok(checked)) => checked.due.overdue(now),
            _ => 0,
        })
    });
    let document = document();
    let title = document.title();
    let original = title.clone();
    Effect::new(move |_| {
        let t = controls.locale.get().text();
        let text = match overdue.get() {
            0 => original.clone(),
            n => (t.overdue_title)(n, &original),
        };
        document.set_title(&text);
    });
    on_cleanup(move || leptos::prelude::document().set_title(&title));
}

#[component]
fn ColumnHeader(key: SortKey, name: &'static str, query: RwSignal<BoardQuery>) -> impl IntoView {
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
            <button class="sc-sort" data-testid=format!("sort-{}", sort_id(key)) on:click=on_click>
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

fn sort_id(key: SortKey) -> &'static str {
    match key {
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

/// The positions of the orders the query picks, in its order: asked again when the query changes,
/// and as the minutes pass when its answer depends on time. A large board is filtered a slice
/// per task, the rows shown meanwhile being the previous answer's.
fn use_selection(checked: Arc<Checked>, query: RwSignal<BoardQuery>, clock: Clock) -> ReadSignal<Arc<Vec<u32>>> {
    let first = query.with_untracked(|q| {
        select(&checked.checks, &checked.import.orders, &checked.rules, q, clock.now.get_untracked())
    });
    let selection = RwSignal::new(Arc::new(first));
    let runs = Runs::new();
    Effect::new(move |asked_before: Option<()>| {
        let query = query.get();
        // What is overdue or found changes as time passes; a search or a carrier does not.
        if query.depends_on_time() {
            clock.minute.track();
        }
        if asked_before.is_none() {
            return;
        }
        let (checked, run, now) = (checked.clone(), runs.start(), clock.now.get_untracked());
        let mut selecting = Selecting::new(query, now);
        let (checks, orders, rules) = (&checked.checks, &checked.import.orders, &checked.rules);
        if !selecting.step(checks, orders, rules, SLICE) {
            selection.set(Arc::new(selecting.finish(checks, rules)));
            return;
        }
        leptos::task::spawn_local(async move {
            let (checks, orders, rules) = (&checked.checks, &checked.import.orders, &checked.rules);
            while run.pause().await {
                if !selecting.step(checks, orders, rules, SLICE) {
                    selection.try_set(Arc::new(selecting.finish(checks, rules)));
                    return;
                }
            }
        });
    });
    selection.read_only()
}

/// Filters with their counts, the search box, and what can be exported of the selection.
#[component]
fn BoardControls(
    query: RwSignal<BoardQuery>,
    clock: Clock,
    selection: ReadSignal<Arc<Vec<u32>>>,
    total: usize,
    checked: Arc<Checked>,
    printing: RwSignal<bool>,
) -> impl IntoView {
    let language = locale();
    let t = language.text();
    let now = clock.now;
    let search = NodeRef::<leptos::html::Input>::new();
    // Dropping a pending search cancels it.
    let pending_search = StoredValue::new_local(None::<Timeout>);
    let due_button = {
        let checked = checked.clone();
        move |filter: DueFilter, test_id: &'static str, label: &'static str| {
            let checked = checked.clone();
            let count = move || {
                language.count(match filter {
                    DueFilter::Any => total,
                    DueFilter::Overdue => checked.due.overdue(now.get()),
                    DueFilter::WithinHours(hours) => checked.due.due_within(now.get(), hours),
                } as u64)
            };
            view! {
                <button
                    class="sc-chip"
                    data-testid=test_id
                    aria-pressed=move || (query.with(|q| q.due) == filter).to_string()
                    on:click=move |_| query.update(|q| q.due = filter)
                >
                    {label} " " <span class="sc-count">{count}</span>
                </button>
            }
        }
    };
    let facets = use_live_facets(checked.clone(), clock);
    let findings = move || {
        facets.with(|f| {
            f.findings
                .iter()
                .map(|(code, n)| (code.code().to_owned(), format!("{} ({n})", finding_label(t, *code))))
                .collect()
        })
    };
    let states = move || {
        facets.with(|f| {
            f.states
                .iter()
                .map(|(state, n)| (state.code().to_owned(), format!("{} ({n})", state_label(t, *state).1)))
                .collect()
        })
    };
    let named = |counts: &[(String, usize)]| -> Vec<(String, String)> {
        counts.iter().map(|(name, n)| (name.clone(), format!("{name} ({n})"))).collect()
    };
    let carriers = move || facets.with(|f| named(&f.carriers));
    let destinations = move || facets.with(|f| named(&f.destinations));
    view! {
        <div class="sc-board-controls">
            <div class="sc-chips" role="group" aria-label=t.dispatch_deadline>
                {due_button(DueFilter::Any, "filter-all", t.all)}
                {due_button(DueFilter::Overdue, "filter-overdue", t.overdue)}
                {due_button(DueFilter::WithinHours(6), "filter-due-6h", t.due_within_6h)}
                {due_button(DueFilter::WithinHours(24), "filter-due-24h", t.due_within_24h)}
            </div>
            <div class="sc-filters">
                <FilterSelect
                    label=t.finding
                    test_id="filter-finding"
                    options=findings
                    get=move || query.with(|q| q.finding.map(|c| c.code().to_owned()))
                    set=move |value| {
                        query.update(|q| q.finding = value.and_then(|v| FindingCode::ALL.into_iter().find(|c| c.code() == v)))
                    }
                />
                <FilterSelect
                    label=t.column_state
                    test_id="filter-state"
                    options=states
                    get=move || query.with(|q| q.state.map(|s| s.code().to_owned()))
                    set=move |value| {
                        query.update(|q| {
                            q.state = value.and_then(|v| {
                                crate::engine::board::STATES.into_iter().find(|s: &OrderState| s.code() == v)
                            })
                        })
                    }
                />
                <FilterSelect
                    label=t.column_carrier
                    test_id="filter-carrier"
                    options=carriers
                    get=move || query.with(|q| q.carrier.clone())
                    set=move |value| query.update(|q| q.carrier = value)
                />
                <FilterSelect
                    label=t.column_destination
                    test_id="filter-destination"
                    options=destinations
                    get=move || query.with(|q| q.destination.clone())
                    set=move |value| query.update(|q| q.destination = value)
                />
                <label class="sc-search">
                    {t.search}
                    <input
                        type="search"
                        node_ref=search
                        data-testid="search-input"
                        placeholder=t.search_placeholder
                        value=query.with_untracked(|q| q.search.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            // A million orders take a while to search: search once typing pauses,
                            // not at every key.
                            pending_search.set_value(Some(Timeout::new(SEARCH_PAUSE_MS, move || {
                                query.update(|q| q.search = text)
                            })));
                        }
                    />
                </label>
            </div>
            {move || query.with(|q| q.metric).map(|kind| view! {
                <p class="sc-chips">
                    <button class="sc-chip" aria-pressed="true" data-testid="filter-metric"
                        on:click=move |_| query.update(|q| q.metric = None)>
                        {(t.only_against)(metric_name(t, kind))} " ×"
                    </button>
                </p>
            })}
            <div class="sc-board-status">
                <p data-testid="board-count" role="status">
                    {move || {
                        let shown = selection.with(|s| s.len());
                        let all = language.count(total as u64);
                        if shown == total {
                            (t.order_count)(&all)
                        } else {
                            (t.orders_match)(&language.count(shown as u64), &all)
                        }
                    }}
                </p>
                <button
                    data-testid="filter-clear"
                    hidden=move || query.with(|q| *q == BoardQuery::default())
                    on:click=move |_| {
                        pending_search.set_value(None);
                        if let Some(input) = search.get_untracked() {
                            input.set_value("");
                        }
                        query.set(BoardQuery::default());
                    }
                >
                    {t.clear_filters}
                </button>
                <ExportButtons checked selection now printing />
            </div>
        </div>
    }
}

/// A select of named values with "Any" first; `None` is any.
#[component]
fn FilterSelect(
    label: &'static str,
    test_id: &'static str,
    /// Each option's value and text; the counts in the text change as time passes.
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    get: impl Fn() -> Option<String> + Send + Sync + 'static,
    set: impl Fn(Option<String>) + 'static,
) -> impl IntoView {
    let any = locale().text().any;
    // Options drawn again lose the select's choice, so each says whether it is the chosen one.
    let all_options = move || {
        let chosen = get().unwrap_or_default();
        std::iter::once((String::new(), any.to_owned()))
            .chain(options())
            .map(|(value, text)| {
                let selected = value == chosen;
                view! { <option value=value prop:selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="sc-filter">
            {label}
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

/// The selection as CSV, every order as a JSON report, and the page as printed.
#[component]
fn ExportButtons(
    checked: Arc<Checked>,
    selection: ReadSignal<Arc<Vec<u32>>>,
    now: ReadSignal<DateTime<Utc>>,
    printing: RwSignal<bool>,
) -> impl IntoView {
    let csv = {
        let checked = checked.clone();
        move |_| {
            let now = now.get_untracked();
            let orders: Vec<OrderReport> = selection
                .get_untracked()
                .iter()
                .map(|&i| {
                    let check = &checked.checks[i as usize];
                    OrderReport::new(check, &checked.import.orders[check.order_index], &checked.rules, now)
                })
                .collect();
            let mut bytes = Vec::new();
            if write_orders_csv(&orders, &mut bytes).is_ok() {
                super::download::save(
                    "shipcheck-orders.csv",
                    "text/csv;charset=utf-8",
                    &String::from_utf8_lossy(&bytes),
                );
            }
        }
    };
    let json = {
        let checked = checked.clone();
        move |_| {
            let report = Report::from_checks(
                &checked.import,
                &checked.rules,
                &checked.checks,
                now.get_untracked(),
                ReportOptions::default(),
            );
            if let Ok(text) = serde_json::to_string_pretty(&report) {
                super::download::save("shipcheck-report.json", "application/json", &text);
            }
        }
    };
    let language = locale();
    let t = language.text();
    let copied = RwSignal::new(None::<usize>);
    let notices = {
        let checked = checked.clone();
        move |_| {
            let now = now.get_untracked();
            let texts: Vec<String> = selection
                .get_untracked()
                .iter()
                .map(|&i| &checked.checks[i as usize])
                .filter(|check| {
                    check.finding_codes_at(now, &checked.rules).contains(&FindingCode::DelayNoticeRecommended)
                })
                .map(|check| {
                    let (english, chinese) = buyer_notice(check, &checked.rules, now);
                    language.pick(&english, &chinese).to_owned()
                })
                .collect();
            if !texts.is_empty() {
                super::detail::copy_text(&texts.join("\n\n"));
            }
            copied.set(Some(texts.len()));
        }
    };
    let print = move |_| {
        printing.set(true);
        // Printed once the print view is on the page; the browser's print dialog blocks until done.
        Timeout::new(0, move || {
            let _ = window().print();
            printing.set(false);
        })
        .forget();
    };
    view! {
        <div class="sc-actions" role="group" aria-label=t.export>
            <button data-testid="export-csv" on:click=csv>{t.export_csv}</button>
            <button data-testid="export-json" on:click=json>{t.export_json}</button>
            <button data-testid="copy-notices" on:click=notices>{t.copy_notices}</button>
            <button data-testid="print" on:click=print>{t.print}</button>
            <span role="status" class="sc-note" data-testid="notices-copied">{move || copied.get().map(t.copied_notices)}</span>
        </div>
    }
}

/// Orders printed at most; past this, the CSV export is the way to have them on paper.
const PRINT_ROWS: usize = 2_000;

/// The shown orders as a plain table, on the page only while the browser prints it: the board
/// holds only the rows on screen, which is not what a seller wants on paper.
#[component]
fn PrintView(checked: Arc<Checked>, selection: ReadSignal<Arc<Vec<u32>>>, now: DateTime<Utc>) -> impl IntoView {
    let language = locale();
    let t = language.text();
    let zone = checked.rules.profile.time_zone;
    let picked = selection.get_untracked();
    let rows = picked
        .iter()
        .take(PRINT_ROWS)
        .map(|&i| {
            let check = &checked.checks[i as usize];
            let next = check.next_deadline().map(|(_, deadline)| (t.when)(&zone, deadline.at)).unwrap_or_default();
            let findings: Vec<&str> =
                check.finding_codes_at(now, &checked.rules).into_iter().map(|code| finding_label(t, code)).collect();
            view! {
                <tr>
                    <td>{check.order_id.clone()}</td>
                    <td>{check.country.clone()}</td>
                    <td>{check.carrier.clone()}</td>
                    <td>{check.tracking_id.clone()}</td>
                    <td>{state_label(t, check.state_at(now)).1}</td>
                    <td>{next}</td>
                    <td>{findings.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    let all = language.count(picked.len() as u64);
    view! {
        <div class="sc-print" data-testid="print-view">
            <h2>{(t.print_title)(&all, &(t.when)(&zone, now))}</h2>
            {(picked.len() > PRINT_ROWS).then(|| view! { <p>{(t.print_first)(&language.count(PRINT_ROWS as u64), &all)}</p> })}
            <table>
                <thead>
                    <tr>{columns(t).into_iter().map(|(_, name)| view! { <th scope="col">{name}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn BoardRow(
    checked: Arc<Checked>,
    index: u32,
    position: usize,
    clock: Clock,
    open: RwSignal<Option<u32>>,
) -> impl IntoView {
    let t = locale().text();
    let Clock { now, minute } = clock;
    let check = &checked.checks[index as usize];
    let (stage, dispatch_clock) = (check.stage, check.clock);
    // Only an undispatched order's state changes with time; the others are read once.
    let settled = check.state_at(now.get_untracked());
    let state = move || match stage {
        Stage::Open => dispatch_clock.state_at(now.get()),
        _ => settled,
    };
    let (id, country, carrier, tracking) =
        (check.order_id.clone(), check.country.clone(), check.carrier.clone(), check.tracking_id.clone());
    let findings = {
        let checked = checked.clone();
        move || {
            minute.track();
            let check = &checked.checks[index as usize];
            let mut codes = check.finding_codes_at(now.get_untracked(), &checked.rules);
            codes.dedup();
            codes
                .into_iter()
                .map(|code| {
                    let severity = match code.severity() {
                        Severity::Violation => "sc-violation",
                        Severity::Warning => "sc-warning",
                        Severity::Info => "sc-info",
                    };
                    view! {
                        <li data-testid="finding" data-code=code.code() class=severity>
                            <span class="sc-badge">{finding_label(t, code)}</span>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let id_attr = id.clone();
    view! {
        <div
            role="row"
            class=move || format!("sc-board-row sc-row sc-{}", state().code())
            data-testid="order-row"
            data-order-id=id_attr
            aria-rowindex=position + 2
            on:click=move |_| open.set(Some(index))
        >
            <div role="rowheader" class="sc-cell sc-order-id">
                <button class="sc-link" data-testid="order-open" aria-haspopup="dialog">{id}</button>
            </div>
            <div role="cell" class="sc-cell" data-label=t.column_destination>{country}</div>
            <div role="cell" class="sc-cell" data-label=t.column_carrier>{carrier}</div>
            <div role="cell" class="sc-cell sc-mono" data-label=t.column_tracking>{tracking}</div>
            <div role="cell" class="sc-cell sc-status">
                <StatusIcon icon=Signal::derive(move || state_label(t, state()).0) />
                {move || state_label(t, state()).1}
            </div>
            <div role="cell" class="sc-cell"><NextDeadline checked=checked.clone() index now /></div>
            <div role="cell" class="sc-cell"><ul class="sc-findings">{findings}</ul></div>
        </div>
    }
}

/// The next deadline's kind and a live countdown to it, with the moment itself below.
#[component]
fn NextDeadline(checked: Arc<Checked>, index: u32, now: ReadSignal<DateTime<Utc>>) -> impl IntoView {
    let check = &checked.checks[index as usize];
    let Some((kind, deadline)) = check.next_deadline() else {
        return view! { <span class="sc-muted">"—"</span> }.into_any();
    };
    let t = locale().text();
    let zone = checked.rules.profile.time_zone;
    let what = match kind {
        DeadlineKind::Dispatch => t.deadline_dispatch,
        DeadlineKind::AutoCancel => t.deadline_auto_cancel,
        DeadlineKind::Collection => t.deadline_collection,
        DeadlineKind::Delivery => t.deadline_delivery,
    };
    let late = Signal::derive(move || now.get() > deadline.at);
    let at = match deadline.source {
        DeadlineSource::Platform => format!("{}{}", (t.when)(&zone, deadline.at), t.set_by_platform),
        DeadlineSource::Profile => (t.when)(&zone, deadline.at),
    };
    view! {
        <span class="sc-deadline">
            <span class="sc-verdict">
                <StatusIcon icon=Signal::derive(move || if late.get() { Icon::Warning } else { Icon::Clock }) />
                <span class="sc-kind">{what}</span>
                <span class="sc-verdict-words">{move || if late.get() { t.overdue_by } else { t.due_in }}</span>
            </span>
            <span class="sc-countdown" data-testid="countdown">
                {move || span::countdown(deadline.at - now.get(), t.day_unit)}
            </span>
            <span class="sc-deadline-at">{at}</span>
        </span>
    }
    .into_any()
}
