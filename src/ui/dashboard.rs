//! The dashboard: the four shop metrics as cards that filter the board to the orders behind
//! them, charts drawn as SVG by the page itself (no charting library), each with the same
//! numbers as a table, and the what-if slider.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::{Checked, Clock};
use crate::engine::board::BoardQuery;
use crate::engine::charts::{
    daily_late_dispatch, handling_hours, histogram, transit_days, Bucket, HANDLING_HOURS_EDGES, TRANSIT_DAYS_EDGES,
};
use crate::engine::metrics::{what_if, Bound, Group, MetricKind};
use crate::engine::{Metric, MetricStatus};

/// Days of history the daily chart shows.
const DAILY_DAYS: u32 = 30;
/// Carriers and destinations shown as bars; the rest are in the report.
const GROUPS_SHOWN: usize = 10;

#[component]
pub fn Dashboard(checked: Arc<Checked>, clock: Clock, query: RwSignal<BoardQuery>) -> impl IntoView {
    let metrics = &checked.metrics;
    let cards = [
        (MetricKind::LateDispatch, &metrics.late_dispatch_rate),
        (MetricKind::ValidTracking, &metrics.valid_tracking_rate),
        (MetricKind::OnTimeDelivery, &metrics.on_time_delivery_rate),
        (MetricKind::SellerFaultCancellation, &metrics.seller_fault_cancellation_rate),
    ];
    view! {
        <section class="sc-metrics" aria-label="Shop metrics">
            {cards.into_iter().map(|(kind, metric)| view! { <MetricCard kind metric=metric.clone() query /> }).collect_view()}
        </section>
        <WhatIf checked=checked.clone() clock />
        <Charts checked clock />
    }
}

pub fn metric_name(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::LateDispatch => "Late dispatch rate",
        MetricKind::ValidTracking => "Valid tracking rate",
        MetricKind::OnTimeDelivery => "On-time delivery rate",
        MetricKind::SellerFaultCancellation => "Seller-fault cancellation rate",
    }
}

#[component]
fn MetricCard(kind: MetricKind, metric: Metric, query: RwSignal<BoardQuery>) -> impl IntoView {
    let (test_id, counted) = match kind {
        MetricKind::LateDispatch => ("metric-late-dispatch-rate", "dispatched orders shipped late"),
        MetricKind::ValidTracking => ("metric-valid-tracking-rate", "shipped orders with a valid tracking number"),
        MetricKind::OnTimeDelivery => ("metric-on-time-delivery-rate", "delivered orders on time"),
        MetricKind::SellerFaultCancellation => {
            ("metric-seller-fault-cancellation-rate", "paid orders cancelled by the seller or the system")
        }
    };
    let value = metric.value.map_or_else(|| "no data".to_owned(), percent);
    let (status_class, status_text) = match metric.status {
        MetricStatus::Ok => ("sc-ok", "within the limit"),
        MetricStatus::Breach => ("sc-bad", "outside the limit"),
        MetricStatus::NoData => ("sc-muted", "nothing to measure yet"),
    };
    let (limit, against) = match metric.bound {
        Bound::AtMost => ("at most", metric.numerator),
        Bound::AtLeast => ("at least", metric.denominator - metric.numerator),
    };
    let selected = move || query.with(|q| q.metric == Some(kind));
    view! {
        <div class=format!("sc-metric {status_class}") data-testid=test_id>
            <h2>{metric_name(kind)}</h2>
            <p class="sc-metric-value">{value}</p>
            <p>
                {format!(
                    "{} of {} {counted}; target {limit} {}: {status_text}.",
                    metric.numerator,
                    metric.denominator,
                    percent(metric.threshold),
                )}
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
                    {format!("Show the {against} order{} against it", if against == 1 { "" } else { "s" })}
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
    let hours = RwSignal::new(24u32);
    let answer = move || {
        // Asked again when the slider moves or a minute passes, not every second.
        clock.minute.track();
        let answer = what_if(&checked.checks, clock.now.get_untracked(), hours.get());
        let rate = answer.late_dispatch_rate.map_or_else(|| "no data".to_owned(), percent);
        format!(
            "If the {} orders due in the next {} hours ship now, the late dispatch rate will be {rate} \
             ({} already overdue will count as late).",
            answer.due_within, answer.hours, answer.already_overdue
        )
    };
    view! {
        <section class="sc-what-if" aria-label="What if">
            <label>
                "What if everything due in the next "
                <strong>{move || hours.get()} " hours"</strong>
                " ships now?"
                <input
                    type="range"
                    min="1"
                    max="72"
                    data-testid="what-if-hours"
                    prop:value=move || hours.get().to_string()
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

/// One bar: its label, its length as a fraction of the longest, and the number written on it.
#[derive(Clone)]
struct Bar {
    label: String,
    fraction: f64,
    text: String,
}

#[component]
fn Charts(checked: Arc<Checked>, clock: Clock) -> impl IntoView {
    let now: DateTime<Utc> = clock.now.get_untracked();
    let zone = checked.rules.profile.time_zone;
    let daily = daily_late_dispatch(&checked.checks, &zone, now, DAILY_DAYS);
    let daily_bars: Vec<Bar> = daily
        .iter()
        .map(|day| Bar {
            label: day.day.format("%m-%d").to_string(),
            fraction: day.rate().unwrap_or(0.0),
            text: day.rate().map_or_else(
                || "no dispatches".to_owned(),
                |rate| format!("{} ({} of {})", percent(rate), day.late, day.dispatched),
            ),
        })
        .collect();
    let buckets = |buckets: Vec<Bucket>, unit: &str| -> Vec<Bar> {
        let most = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
        buckets
            .into_iter()
            .map(|b| Bar {
                label: match b.upper {
                    Some(upper) => format!("{}–{upper} {unit}", b.lower),
                    None => format!("{}+ {unit}", b.lower),
                },
                fraction: b.count as f64 / most,
                text: b.count.to_string(),
            })
            .collect()
    };
    let handling = buckets(histogram(handling_hours(&checked.checks), &HANDLING_HOURS_EDGES), "h");
    let transit = buckets(histogram(transit_days(&checked.checks), &TRANSIT_DAYS_EDGES), "d");
    let rate_bars = |groups: &[Group], rate: fn(&Group) -> Option<f64>, counts: fn(&Group) -> (u64, u64)| {
        groups
            .iter()
            .take(GROUPS_SHOWN)
            .map(|group| {
                let (n, d) = counts(group);
                Bar {
                    label: group.key.clone(),
                    fraction: rate(group).unwrap_or(0.0),
                    text: rate(group).map_or_else(|| "no data".to_owned(), |r| format!("{} ({n} of {d})", percent(r))),
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
        .map(|group| Bar {
            label: group.key.clone(),
            fraction: group.orders as f64 / most_orders,
            text: format!(
                "{} orders (late dispatch {})",
                group.orders,
                group.late_dispatch_rate.map_or_else(|| "no data".to_owned(), percent)
            ),
        })
        .collect();
    let flags = metrics.carrier_flags.clone();
    view! {
        <section class="sc-charts" aria-label="Charts">
            <Chart title="Late dispatch rate by day" test_id="chart-daily-late-dispatch" columns=true bars=daily_bars
                caption=format!("The last {DAILY_DAYS} days, by the local day each order was dispatched.") />
            <Chart title="Handling time" test_id="chart-handling-hours" columns=true bars=handling
                caption="Orders by hours from payment to dispatch.".to_owned() />
            <Chart title="Transit time" test_id="chart-transit-days" columns=true bars=transit
                caption="Delivered orders by business days in transit.".to_owned() />
            <Chart title="Carrier scorecard" test_id="chart-carriers" columns=false bars=carriers
                caption="On-time delivery rate by carrier.".to_owned() />
            <Chart title="Destinations" test_id="chart-destinations" columns=false bars=destinations
                caption="Orders by destination.".to_owned() />
            {(!flags.is_empty()).then(|| view! {
                <div class="sc-flags" data-testid="carrier-flags">
                    <h3>"Carriers to review"</h3>
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
    let summary = bars.iter().map(|bar| format!("{}: {}", bar.label, bar.text)).collect::<Vec<_>>().join("; ");
    let drawing = if bars.is_empty() {
        view! { <p class="sc-note">"No orders to chart yet."</p> }.into_any()
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
                    let figure = bar.text.split(" (").next().unwrap_or_default().to_owned();
                    view! {
                        <g>
                            <text class="sc-chart-label sc-row-label" x="0" y=y + 14.0>{truncate(&bar.label, 14)}</text>
                            <rect class="sc-bar" x="100" y=y + 4.0 width=length height=ROW - 8.0>
                                <title>{format!("{}: {}", bar.label, bar.text)}</title>
                            </rect>
                            <text class="sc-chart-label sc-row-label" x=104.0 + length y=y + 14.0>{figure}</text>
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
                <summary>"Table"</summary>
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
