//! The dashboard: the four shop metrics as cards that filter the board to the orders behind
//! them, charts drawn as SVG by the page itself (no charting library), each with the same
//! numbers as a table, and the what-if slider.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{text, Text};
use super::{Checked, Clock};
use crate::engine::board::BoardQuery;
use crate::engine::charts::Bucket;
use crate::engine::metrics::{what_if, Bound, Group, MetricKind};
use crate::engine::{Metric, MetricStatus};

/// Days of history the daily chart shows.
pub const DAILY_DAYS: u32 = 30;
/// Carriers and destinations shown as bars; the rest are in the report.
const GROUPS_SHOWN: usize = 10;

#[component]
pub fn Dashboard(checked: Arc<Checked>, clock: Clock, query: RwSignal<BoardQuery>) -> impl IntoView {
    let t = text();
    let metrics = &checked.metrics;
    let cards = [
        (MetricKind::LateDispatch, &metrics.late_dispatch_rate),
        (MetricKind::ValidTracking, &metrics.valid_tracking_rate),
        (MetricKind::OnTimeDelivery, &metrics.on_time_delivery_rate),
        (MetricKind::SellerFaultCancellation, &metrics.seller_fault_cancellation_rate),
    ];
    view! {
        <section class="sc-metrics" aria-label=t.shop_metrics>
            {cards.into_iter().map(|(kind, metric)| view! { <MetricCard kind metric=metric.clone() query /> }).collect_view()}
        </section>
        <WhatIf checked=checked.clone() clock />
        <Charts checked />
    }
}

pub fn metric_name(t: &Text, kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::LateDispatch => t.late_dispatch_rate,
        MetricKind::ValidTracking => t.valid_tracking_rate,
        MetricKind::OnTimeDelivery => t.on_time_delivery_rate,
        MetricKind::SellerFaultCancellation => t.cancellation_rate,
    }
}

#[component]
fn MetricCard(kind: MetricKind, metric: Metric, query: RwSignal<BoardQuery>) -> impl IntoView {
    let t = text();
    let (test_id, counted) = match kind {
        MetricKind::LateDispatch => ("metric-late-dispatch-rate", t.counted_late),
        MetricKind::ValidTracking => ("metric-valid-tracking-rate", t.counted_tracked),
        MetricKind::OnTimeDelivery => ("metric-on-time-delivery-rate", t.counted_on_time),
        MetricKind::SellerFaultCancellation => ("metric-seller-fault-cancellation-rate", t.counted_cancelled),
    };
    let value = metric.value.map_or_else(|| t.no_data.to_owned(), percent);
    let (status_class, status_text) = match metric.status {
        MetricStatus::Ok => ("sc-ok", t.within_limit),
        MetricStatus::Breach => ("sc-bad", t.outside_limit),
        MetricStatus::Enforced => ("sc-bad", t.past_enforced),
        MetricStatus::NoData => ("sc-muted", t.nothing_to_measure),
    };
    let (limit, against) = match metric.bound {
        Bound::AtMost => (t.at_most, metric.numerator),
        Bound::AtLeast => (t.at_least, metric.denominator - metric.numerator),
    };
    let selected = move || query.with(|q| q.metric == Some(kind));
    view! {
        <div class=format!("sc-metric {status_class}") data-testid=test_id>
            <h2>{metric_name(t, kind)}</h2>
            <p class="sc-metric-value">{value}</p>
            <p>
                {(t.metric_line)(metric.numerator, metric.denominator, counted, limit, &percent(metric.threshold), status_text)}
            </p>
            {(against > 0).then(|| view! {
                <button
                    class="sc-link"
                    data-testid=format!("{test_id}-orders")
                    aria-pressed=move || selected().to_string()
                    on:click=move |ev| {
                        query.update(|q| q.metric = if q.metric == Some(kind) { None } else { Some(kind) });
                        show_board(&event_target::<web_sys::Element>(&ev));
                    }
                >
                    {(t.show_against)(against)}
                </button>
            })}
        </div>
    }
}

/// Scrolls this app's board into view: the orders a card picked are there.
fn show_board(from: &web_sys::Element) {
    let board =
        from.closest(".shipcheck").ok().flatten().and_then(|root| root.query_selector(".sc-board").ok().flatten());
    if let Some(board) = board {
        board.scroll_into_view();
    }
}

pub fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

/// "If everything due in the next N hours ships now…": the late dispatch rate it would give.
#[component]
fn WhatIf(checked: Arc<Checked>, clock: Clock) -> impl IntoView {
    let t = text();
    let hours = RwSignal::new(24u32);
    let answer = move || {
        // Asked again when the slider moves or a minute passes, not every second.
        clock.minute.track();
        let answer = what_if(checked.dispatched, &checked.due, clock.now.get_untracked(), hours.get());
        let rate = answer.late_dispatch_rate.map_or_else(|| t.no_data.to_owned(), percent);
        (t.what_if_result)(answer.due_within, answer.hours, &rate, answer.already_overdue)
    };
    view! {
        <section class="sc-what-if" aria-label=t.what_if>
            <label>
                {t.what_if_before}
                <strong>{move || hours.get()} {t.what_if_unit}</strong>
                {t.what_if_after}
                <input
                    type="range"
                    min="1"
                    max="72"
                    data-testid="what-if-hours"
                    value=hours.get_untracked().to_string()
                    on:input=move |ev| {
                        if let Ok(value) = event_target_value(&ev).parse() {
                            hours.set(value);
                        }
                    }
                />
            </label>
            <p data-testid="what-if-result" role="status">{answer}</p>
        </section>
    }
}

/// One bar: its label, its length as a fraction of the longest, the figure written beside it,
/// and the full text of its table row.
#[derive(Clone)]
struct Bar {
    label: String,
    fraction: f64,
    figure: String,
    text: String,
}

#[component]
fn Charts(checked: Arc<Checked>) -> impl IntoView {
    let t = text();
    let daily_bars: Vec<Bar> = checked
        .charts
        .daily
        .iter()
        .map(|day| Bar {
            label: day.day.format("%m-%d").to_string(),
            fraction: day.rate().unwrap_or(0.0),
            figure: day.rate().map(percent).unwrap_or_default(),
            text: day
                .rate()
                .map_or_else(|| t.no_dispatches.to_owned(), |rate| (t.of)(&percent(rate), day.late, day.dispatched)),
        })
        .collect();
    let buckets = |buckets: &[Bucket], unit: &str| -> Vec<Bar> {
        let most = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
        buckets
            .iter()
            .map(|b| Bar {
                label: match b.upper {
                    Some(upper) => format!("{}–{upper} {unit}", b.lower),
                    None => format!("{}+ {unit}", b.lower),
                },
                fraction: b.count as f64 / most,
                figure: b.count.to_string(),
                text: b.count.to_string(),
            })
            .collect()
    };
    let handling = buckets(&checked.charts.handling_hours, t.hours_unit);
    let transit = buckets(&checked.charts.transit_days, t.days_unit);
    let rate_bars = |groups: &[Group], rate: fn(&Group) -> Option<f64>, counts: fn(&Group) -> (u64, u64)| {
        groups
            .iter()
            .take(GROUPS_SHOWN)
            .map(|group| {
                let (n, d) = counts(group);
                Bar {
                    label: group.key.clone(),
                    fraction: rate(group).unwrap_or(0.0),
                    figure: rate(group).map(percent).unwrap_or_default(),
                    text: rate(group).map_or_else(|| t.no_data.to_owned(), |r| (t.of)(&percent(r), n, d)),
                }
            })
            .collect::<Vec<Bar>>()
    };
    let metrics = &checked.metrics;
    let carriers = rate_bars(&metrics.by_carrier, |g| g.on_time_delivery_rate, |g| (g.delivered_on_time, g.delivered));
    let most_orders = metrics.by_destination.first().map_or(1, |g| g.orders.max(1)) as f64;
    let destinations: Vec<Bar> = metrics
        .by_destination
        .iter()
        .take(GROUPS_SHOWN)
        .map(|group| {
            let orders = (t.destination_orders)(&group.orders.to_string());
            let late = group.late_dispatch_rate.map_or_else(|| t.no_data.to_owned(), percent);
            Bar {
                label: group.key.clone(),
                fraction: group.orders as f64 / most_orders,
                text: format!("{orders}, {}", (t.destination_late)(&late)),
                figure: orders,
            }
        })
        .collect();
    let flags = metrics.carrier_flags.clone();
    view! {
        <section class="sc-charts" aria-label=t.charts>
            <Chart title=t.chart_daily test_id="chart-daily-late-dispatch" columns=true bars=daily_bars
                caption=(t.chart_daily_caption)(DAILY_DAYS) />
            <Chart title=t.chart_handling test_id="chart-handling-hours" columns=true bars=handling
                caption=t.chart_handling_caption.to_owned() />
            <Chart title=t.chart_transit test_id="chart-transit-days" columns=true bars=transit
                caption=t.chart_transit_caption.to_owned() />
            <Chart title=t.chart_carriers test_id="chart-carriers" columns=false bars=carriers
                caption=t.chart_carriers_caption.to_owned() />
            <Chart title=t.chart_destinations test_id="chart-destinations" columns=false bars=destinations
                caption=t.chart_destinations_caption.to_owned() />
            {(!flags.is_empty()).then(|| view! {
                <div class="sc-flags" data-testid="carrier-flags">
                    <h3>{t.carriers_to_review}</h3>
                    <ul>
                        {flags.into_iter().map(|flag| view! {
                            <li><strong>{flag.carrier}</strong>": "{flag.reasons.join("; ")}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </section>
    }
}

/// Width and height of a chart's drawing, in its own units; CSS scales it to the page.
const CHART_WIDTH: f64 = 320.0;
const CHART_HEIGHT: f64 = 120.0;
const ROW: f64 = 20.0;

/// A bar chart as SVG (columns for series in order, rows for named groups), with its numbers
/// as a table below for screen readers and for anyone who wants the figures.
#[component]
fn Chart(title: &'static str, test_id: &'static str, caption: String, bars: Vec<Bar>, columns: bool) -> impl IntoView {
    let t = text();
    let summary = bars.iter().map(|bar| format!("{}: {}", bar.label, bar.text)).collect::<Vec<_>>().join("; ");
    let drawing = if bars.is_empty() {
        view! { <p class="sc-note">{t.chart_empty}</p> }.into_any()
    } else if columns {
        let width = CHART_WIDTH / bars.len() as f64;
        let label_every = (bars.len() / 6).max(1);
        view! {
            <svg class="sc-chart" viewBox=format!("0 0 {CHART_WIDTH} {}", CHART_HEIGHT + 14.0) role="img"
                aria-label=format!("{title}. {summary}")>
                <line class="sc-axis" x1="0" x2=CHART_WIDTH y1=CHART_HEIGHT y2=CHART_HEIGHT />
                {bars.iter().enumerate().map(|(i, bar)| {
                    let height = (bar.fraction.clamp(0.0, 1.0) * (CHART_HEIGHT - 4.0)).max(if bar.fraction > 0.0 { 1.0 } else { 0.0 });
                    let x = i as f64 * width;
                    view! {
                        <g>
                            <rect class="sc-bar" x=x + width * 0.1 width=width * 0.8 y=CHART_HEIGHT - height height=height>
                                <title>{format!("{}: {}", bar.label, bar.text)}</title>
                            </rect>
                            {(i % label_every == 0).then(|| view! {
                                <text class="sc-chart-label" x=x + width / 2.0 y=CHART_HEIGHT + 11.0 text-anchor="middle">{bar.label.clone()}</text>
                            })}
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
        .into_any()
    } else {
        let height = ROW * bars.len() as f64;
        view! {
            <svg class="sc-chart" viewBox=format!("0 0 {CHART_WIDTH} {height}") role="img" aria-label=format!("{title}. {summary}")>
                {bars.iter().enumerate().map(|(i, bar)| {
                    let y = i as f64 * ROW;
                    // Label, bar, and the figure after it; the longest bar leaves room for its figure.
                    let length = bar.fraction.clamp(0.0, 1.0) * (CHART_WIDTH - 200.0);
                    view! {
                        <g>
                            <text class="sc-chart-label sc-row-label" x="0" y=y + 14.0>{truncate(&bar.label, 14)}</text>
                            <rect class="sc-bar" x="100" y=y + 4.0 width=length height=ROW - 8.0>
                                <title>{format!("{}: {}", bar.label, bar.text)}</title>
                            </rect>
                            <text class="sc-chart-label sc-row-label" x=104.0 + length y=y + 14.0>{bar.figure.clone()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
        .into_any()
    };
    view! {
        <figure class="sc-figure" data-testid=test_id>
            <figcaption><strong>{title}</strong>" "<span class="sc-note">{caption}</span></figcaption>
            {drawing}
            <details>
                <summary>{t.table}</summary>
                <table class="sc-chart-table">
                    <tbody>
                        {bars.into_iter().map(|bar| view! { <tr><th scope="row">{bar.label}</th><td>{bar.text}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

fn truncate(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
