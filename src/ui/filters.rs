//! The board's controls: the search box, the filters with how many orders each picks now, the
//! sort for screens too narrow for column headers, and how many orders the query leaves. On a
//! phone they fold away behind one button, so the orders come first.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::exports::ExportButtons;
use super::i18n::{count, t, Words};
use super::words::{finding_label, mark_filter_label, metric_name, state_label, SORTS};
use super::Controls;
use crate::engine::board::{BoardQuery, SortKey};
use crate::engine::marks::MarkFilter;
use crate::engine::protocol::{Request, Response};
use crate::engine::view::RowView;
use crate::engine::FindingCode;

/// How long typing must pause before the board is searched, in milliseconds.
const SEARCH_PAUSE_MS: u32 = 150;

/// The search box, the filters with their counts, the sort (for phones, where there are no
/// column headers), and what can be exported of the selection; `orders`: how many the query
/// picks.
#[component]
pub fn BoardControls(orders: Signal<u32>, print_rows: RwSignal<Option<(u32, Vec<RowView>)>>) -> impl IntoView {
    let query = expect_context::<Controls>().query;
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
                <Filters />
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
            <BoardStatus orders />
        </div>
    }
}

/// A select for each thing an order can be picked by, each option with how many orders it
/// picks now.
#[component]
fn Filters() -> impl IntoView {
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
    view! {
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
    }
}

/// How many orders the query picks (`orders`) of all, and the way back to all of them.
#[component]
fn BoardStatus(orders: Signal<u32>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let query = controls.query;
    view! {
        <div class="sc-board-status">
            <p data-testid="board-count" role="status">
                {move || {
                    let shown = orders.get();
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
