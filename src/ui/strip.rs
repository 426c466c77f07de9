//! What sits between the bar and the orders: the banners a check calls for (a peak season, dates
//! that could be read two ways, nothing to check), the urgency strip with its live counts, and
//! the tabs of the workspace's views.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::i18n::{count, t};
use super::{words, Controls, View};
use crate::engine::board::{BoardQuery, DueFilter};
use crate::engine::import::{AmbiguousDate, DecidedBy};
use crate::engine::protocol::{Reading, Request, Response};
use crate::engine::timestamp::DateOrder;
use crate::engine::view::WrittenLike;
use crate::engine::Zone;

/// Keeps [`Controls::counts`] current: asked of the worker after each check, each minute, and at
/// the moment the worker said they next change (an order falling overdue between two minutes).
pub fn use_live_counts(controls: Controls) {
    let pending = StoredValue::new_local(None::<Timeout>);
    let refresh = RwSignal::new(0u32);
    Effect::new(move |_| {
        controls.epoch.track();
        controls.clock.minute.track();
        refresh.track();
        if controls.summary.with_untracked(Option::is_none) {
            return;
        }
        let now = controls.now();
        leptos::task::spawn_local(async move {
            let Response::Counts(counts) = controls.ask(Request::Counts { now }).await else { return };
            let _ = controls.counts.try_set(counts);
            let wait = counts.next_change.map(|at| at - now).filter(|ms| (0..60_000).contains(ms));
            let timer = wait.map(|ms| Timeout::new(ms as u32 + 1, move || refresh.update(|n| *n += 1)));
            let _ = pending.try_set_value(timer);
        });
    });
}

/// Peak season, a reading of dates that could go either way, and a check that found nothing.
#[component]
pub fn Banners() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let summary = controls.summary;
    let peak = move || {
        let locale = controls.locale.get();
        summary.with(|s| {
            let season = s.as_ref()?.peak_season.as_ref()?;
            Some(locale.pick_given(&season.name, season.name_zh.as_deref()).to_owned())
        })
    };
    let empty = move || summary.with(|s| s.as_ref().filter(|s| s.orders == 0).map(|s| (s.rows, s.skipped)));
    view! {
        {move || peak().map(|season| view! {
            <p class="sc-banner sc-banner-info" data-testid="peak-banner">{(t().peak_season)(&season)}</p>
        })}
        {move || empty().map(|(rows, skipped)| view! {
            <p class="sc-banner sc-banner-warn" role="status" data-testid="nothing-checked">
                {if rows == 0 { t().header_only.to_owned() } else { (t().no_row_used)(rows, skipped) }}
            </p>
        })}
        <DateOrderBanner />
        <ZoneBanner />
    }
}

/// When times written the US way were read in an Asian zone, or the Chinese way in an American
/// one: how far off every deadline would be, and one click either way.
#[component]
fn ZoneBanner() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let warning = move || controls.summary.with(|s| s.as_ref().and_then(|s| Some((s.zone_warning?, s.checked_at))));
    move || {
        warning().map(|(warning, at)| {
            let at = chrono::DateTime::from_timestamp_millis(at).unwrap_or_default();
            let hours = (warning.read_in.offset_at(at).local_minus_utc()
                - warning.suggested.offset_at(at).local_minus_utc())
            .abs()
                / 3600;
            let read_in = |zone: Zone| {
                move |_| controls.change_reading(Reading { time_zone: Some(zone), ..controls.reading.get_untracked() })
            };
            view! {
                <div class="sc-banner sc-banner-warn" role="status" data-testid="zone-banner">
                    <p>
                        {move || {
                            let says = match warning.written {
                                WrittenLike::UnitedStates => t().zone_written_us,
                                WrittenLike::China => t().zone_written_china,
                            };
                            says(warning.read_in.name(), hours)
                        }}
                    </p>
                    <button data-testid="zone-switch" on:click=read_in(warning.suggested)>
                        {move || (t().read_zone_as)(warning.suggested.name())}
                    </button>
                    <button data-testid="zone-keep" on:click=read_in(warning.read_in)>
                        {move || (t().keep_zone)(warning.read_in.name())}
                    </button>
                </div>
            }
        })
    }
}

/// When a time column's slashed dates could be read either way and were read as this market
/// writes them, or pointed both ways: says so, shows cells read both ways, and reads them the
/// other way with one click.
#[component]
fn DateOrderBanner() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let unsure = move || {
        controls.summary.with(|s| {
            let choices = s.as_ref()?.files.iter().flat_map(|f| &f.date_orders);
            let unsure: Vec<_> =
                choices.filter(|c| matches!(c.decided_by, DecidedBy::Default | DecidedBy::Conflict)).cloned().collect();
            (!unsure.is_empty()).then_some(unsure)
        })
    };
    move || {
        unsure().map(|unsure| {
            let order = unsure[0].order;
            let other = match order {
                DateOrder::MonthFirst => DateOrder::DayFirst,
                DateOrder::DayFirst => DateOrder::MonthFirst,
            };
            let conflict = unsure.iter().any(|c| c.decided_by == DecidedBy::Conflict);
            let columns = {
                let unsure = unsure.clone();
                move || {
                    let mut names: Vec<&str> = unsure.iter().map(|c| words::column_label(c.column)).collect();
                    names.dedup();
                    names.join(t().list_separator)
                }
            };
            let examples: Vec<AmbiguousDate> = unsure.into_iter().flat_map(|c| c.examples).take(2).collect();
            let switch = move |_| {
                controls.change_reading(Reading { date_order: Some(other), ..controls.reading.get_untracked() })
            };
            view! {
                <div class="sc-banner sc-banner-warn" role="status" data-testid="date-order-banner">
                    <p>
                        {move || {
                            let says = if conflict { t().dates_disagree } else { t().dates_either_way };
                            says(&columns(), order.pattern())
                        }}
                    </p>
                    <ul class="sc-examples">
                        {examples.into_iter().map(|example| view! {
                            <li data-testid="date-example">{move || read_both_ways(&example, order, other)}</li>
                        }).collect_view()}
                    </ul>
                    <button data-testid="date-order-switch" on:click=switch>
                        {move || (t().read_dates_as)(other.pattern())}
                    </button>
                </div>
            }
        })
    }
}

/// "Line 3, “12/01/2026 10:00”: read as 2026-12-01; as DD/MM/YYYY, 2026-01-12."
fn read_both_ways(example: &AmbiguousDate, order: DateOrder, other: DateOrder) -> String {
    let date = |order| match order {
        DateOrder::MonthFirst => example.month_first,
        DateOrder::DayFirst => example.day_first,
    };
    let text = t();
    (text.read_both_ways)(
        example.line,
        &example.text,
        &(text.date)(date(order)),
        other.pattern(),
        &(text.date)(date(other)),
    )
}

/// Overdue · Due within 6 h · Due within 24 h · To dispatch · All, each a filter of the board
/// with its live count.
#[component]
pub fn UrgencyStrip() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let counts = controls.counts;
    let chip = move |filter: DueFilter, test_id: &'static str, tone: &'static str| {
        let n = move || {
            counts.with(|c| match filter {
                DueFilter::Overdue => c.overdue,
                DueFilter::WithinHours(6) => c.within_6h,
                DueFilter::WithinHours(_) => c.within_24h,
                DueFilter::ToDispatch => c.to_dispatch,
                DueFilter::Any => c.all,
            })
        };
        let label = move || {
            let text = t();
            match filter {
                DueFilter::Overdue => text.overdue,
                DueFilter::WithinHours(6) => text.due_within_6h,
                DueFilter::WithinHours(_) => text.due_within_24h,
                DueFilter::ToDispatch => text.to_dispatch,
                DueFilter::Any => text.all,
            }
        };
        let pressed = move || controls.view.get() == View::Board && controls.query.with(|q| q.due == filter);
        view! {
            <button
                class=format!("sc-urgency sc-{tone}")
                class:sc-zero=move || n() == 0
                data-testid=test_id
                aria-pressed=move || pressed().to_string()
                on:click=move |_| controls.show_board(BoardQuery { due: filter, ..controls.query.get_untracked() })
            >
                <span class="sc-urgency-count">{move || count(n())}</span>
                <span class="sc-urgency-label">{label}</span>
            </button>
        }
    };
    view! {
        <nav class="sc-strip" aria-label=move || t().urgency>
            {chip(DueFilter::Overdue, "filter-overdue", "overdue")}
            {chip(DueFilter::WithinHours(6), "filter-due-6h", "soon")}
            {chip(DueFilter::WithinHours(24), "filter-due-24h", "soon")}
            {chip(DueFilter::ToDispatch, "filter-to-dispatch", "plain")}
            {chip(DueFilter::Any, "filter-all", "plain")}
        </nav>
        <ViewTabs />
    }
}

/// The workspace's views: the board, the shop's metrics, and how the files were read.
#[component]
fn ViewTabs() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let tab = move |view: View, test_id: &'static str| {
        let label = move || {
            let text = t();
            match view {
                View::Board => text.view_board.to_owned(),
                View::Dashboard => text.view_dashboard.to_owned(),
                View::Import => {
                    let unused = controls.summary.with(|s| s.as_ref().map_or(0, |s| s.skipped));
                    (text.view_import)(unused)
                }
            }
        };
        view! {
            <button
                role="tab"
                class="sc-tab"
                data-testid=test_id
                aria-selected=move || (controls.view.get() == view).to_string()
                on:click=move |_| controls.view.set(view)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="sc-tabs" role="tablist" aria-label=move || t().views>
            {tab(View::Board, "view-board")}
            {tab(View::Dashboard, "view-dashboard")}
            {tab(View::Import, "view-import")}
        </div>
    }
}
