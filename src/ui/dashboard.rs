//! The shop's view: the four rates as cards that filter the board to the orders behind them, the
//! same rates week by week as Seller Center measures them with the level the platform acts at,
//! the what-if, and charts drawn as plain bars (each with its numbers as a table).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::i18n::{count, percent, t, Words};
use super::words::{country, metric_name};
use super::Controls;
use crate::engine::board::BoardQuery;
use crate::engine::charts::Bucket;
use crate::engine::metrics::{Bound, Group, MetricKind, WeekMetrics};
use crate::engine::protocol::{Request, Response};
use crate::engine::view::ShopView;
use crate::engine::{Metric, MetricStatus};

/// Carriers and destinations shown as bars; the rest are in the report.
const GROUPS_SHOWN: usize = 10;

/// What the dashboard counts: every order (asked for once each check lands), or those of the
/// shop chosen on the board (the worker counts a shop's when it is chosen).
#[derive(Clone, Copy)]
struct Figures(Memo<Option<ShopView>>);

fn use_figures(controls: Controls) -> Figures {
    let of_shop = RwSignal::new(None::<(String, ShopView)>);
    Effect::new(move |_| {
        controls.epoch.track();
        let Some(shop) = controls.query.with(|q| q.shop.clone()) else { return };
        leptos::task::spawn_local(async move {
            if let Response::Shop(view) = controls.ask(Request::Shop { shop: Some(shop.clone()) }).await {
                let _ = of_shop.try_set(Some((shop, *view)));
            }
        });
    });
    Figures(Memo::new(move |_| match controls.query.with(|q| q.shop.clone()) {
        None => controls.figures.with(|figures| figures.as_deref().cloned()),
        Some(shop) => of_shop.with(|asked| asked.as_ref().filter(|(of, _)| *of == shop).map(|(_, view)| view.clone())),
    }))
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let figures = use_figures(controls);
    provide_context(figures);
    let Figures(figures) = figures;
    let metric = move |kind: MetricKind| {
        move || {
            figures.with(|s| {
                let metrics = &s.as_ref()?.metrics;
                Some(match kind {
                    MetricKind::LateDispatch => metrics.late_dispatch_rate.clone(),
                    MetricKind::ValidTracking => metrics.valid_tracking_rate.clone(),
                    MetricKind::OnTimeDelivery => metrics.on_time_delivery_rate.clone(),
                    MetricKind::SellerFaultCancellation => metrics.seller_fault_cancellation_rate.clone(),
                })
            })
        }
    };
    view! {
        <section class="sc-dashboard" aria-label=move || t().shop_metrics>
            <super::filters::ShopSelect test_id="dashboard-shop" any=|| t().all_shops />
            <div class="sc-metrics">
                {MetricKind::ALL.map(|kind| {
                    let metric = metric(kind);
                    move || metric().map(|metric| view! { <MetricCard kind metric /> })
                })}
            </div>
            <Weekly />
            <WhatIf />
            <Charts />
        </section>
    }
}

/// A rate over the weeks, oldest first, as a row of bars scaled to the highest: which way it
/// goes at a glance, the figures beside it in the table (and in the label).
#[component]
fn Trend(rates: Vec<Option<f64>>) -> impl IntoView {
    let highest = rates.iter().flatten().copied().fold(0.0, f64::max);
    let label = rates.iter().map(|rate| rate.map_or_else(|| "—".to_owned(), percent)).collect::<Vec<_>>();
    let bars = rates
        .iter()
        .map(|rate| {
            let height = match (rate, highest > 0.0) {
                (Some(rate), true) => (rate / highest * 100.0).max(4.0),
                _ => 0.0,
            };
            view! { <span class="sc-spark-bar" class:sc-spark-none=rate.is_none() style:height=format!("{height:.0}%")></span> }
        })
        .collect_view();
    view! {
        <span class="sc-spark" role="img" data-testid="trend" aria-label=move || (t().trend_label)(&label.join(t().list_separator))>
            {bars}
        </span>
    }
}

/// A week's Monday as its column heading says it, "11-30": a heading may wrap between its words
/// on a narrow screen, never inside the date (word joiners hold the hyphen to both numbers).
fn week_start(monday: NaiveDate) -> String {
    monday.format("%m\u{2060}-\u{2060}%d").to_string()
}

/// "below the 95.0 % target", "at or under the 4.0 % limit", …: where a rate stands, the right
/// way round for a ceiling and a floor.
fn standing(metric: &Metric) -> String {
    let text = t();
    let threshold = percent(metric.threshold);
    match (metric.status, metric.bound) {
        (MetricStatus::NoData, _) => text.nothing_to_measure.to_owned(),
        (MetricStatus::Enforced, _) => (text.past_enforced)(&percent(metric.enforced_at.unwrap_or(metric.threshold))),
        (MetricStatus::Ok, Bound::AtMost) => (text.within_ceiling)(&threshold),
        (MetricStatus::Ok, Bound::AtLeast) => (text.meets_floor)(&threshold),
        (MetricStatus::Breach, Bound::AtMost) => (text.above_ceiling)(&threshold),
        (MetricStatus::Breach, Bound::AtLeast) => (text.below_floor)(&threshold),
    }
}

fn tone(status: MetricStatus) -> &'static str {
    match status {
        MetricStatus::Ok => "sc-ok",
        MetricStatus::Breach | MetricStatus::Enforced => "sc-bad",
        MetricStatus::NoData => "sc-muted",
    }
}

#[component]
fn MetricCard(kind: MetricKind, metric: Metric) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let test_id = format!("metric-{}-rate", kind.code().replace('_', "-"));
    let against = match metric.bound {
        Bound::AtMost => metric.numerator,
        Bound::AtLeast => metric.denominator - metric.numerator,
    };
    let selected = move || controls.query.with(|q| q.metric == Some(kind));
    let value = metric.value;
    let line = {
        let metric = metric.clone();
        move || (t().metric_line)(kind, metric.numerator, metric.denominator, &standing(&metric))
    };
    view! {
        <div class=format!("sc-metric {}", tone(metric.status)) data-testid=test_id.clone()>
            <h3>{move || metric_name(kind)}</h3>
            <p class="sc-metric-value">{move || value.map_or_else(|| t().no_data.to_owned(), percent)}</p>
            <p>{line}</p>
            {(against > 0).then(|| view! {
                <button
                    class="sc-link"
                    data-testid=format!("{test_id}-orders")
                    aria-pressed=move || selected().to_string()
                    on:click=move |_| {
                        // The shop chosen stays chosen: these are its orders.
                        let shop = controls.query.with_untracked(|q| q.shop.clone());
                        controls.show_board(BoardQuery { metric: Some(kind), shop, ..BoardQuery::default() })
                    }
                >
                    {move || (t().show_against)(against)}
                </button>
            })}
        </div>
    }
}

/// This week and the four before it, as the platform measures each rate, with the levels it
/// holds the shop to and what it does past them.
#[component]
fn Weekly() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let Figures(figures) = expect_context::<Figures>();
    let weeks = move || figures.with(|s| s.as_ref().map(|s| s.weekly.weeks.clone()).unwrap_or_default());
    let cell = |week: &WeekMetrics, kind: MetricKind| -> Metric {
        match kind {
            MetricKind::LateDispatch => week.late_dispatch_rate.clone(),
            MetricKind::ValidTracking => week.valid_tracking_rate.clone(),
            MetricKind::OnTimeDelivery => week.on_time_delivery_rate.clone(),
            MetricKind::SellerFaultCancellation => week.seller_fault_cancellation_rate.clone(),
        }
    };
    let consequences = move || {
        let locale = controls.locale.get();
        controls.profile.with(|p| {
            MetricKind::ALL
                .into_iter()
                .filter_map(|kind| {
                    let enforced = kind.rule(&p.metrics).enforced.as_ref()?;
                    let what = locale.pick(&enforced.consequence, &enforced.consequence_zh).to_owned();
                    Some((kind, percent(enforced.at), what))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="sc-weekly" data-testid="weekly">
            <h3>{move || t().week_by_week}</h3>
            <div class="sc-table-scroll" tabindex="0" role="region" aria-label=move || t().week_by_week>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().metric}</th>
                            <th scope="col">{move || t().trend}</th>
                            {move || weeks().into_iter().enumerate().map(|(i, week)| view! {
                                <th scope="col">{move || if i == 0 { t().this_week.to_owned() } else { (t().week_of)(&week_start(week.monday)) }}</th>
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {MetricKind::ALL.map(|kind| view! {
                            <tr>
                                <th scope="row">{move || metric_name(kind)}</th>
                                <td>{move || view! { <Trend rates=weeks().iter().rev().map(|week| cell(week, kind).value).collect() /> }}</td>
                                {move || weeks().iter().map(|week| {
                                    let metric = cell(week, kind);
                                    let title = standing(&metric);
                                    view! {
                                        <td class=tone(metric.status) title=title>
                                            {metric.value.map_or_else(|| "—".to_owned(), percent)}
                                            <span class="sc-sub">{format!("{}/{}", count(metric.numerator), count(metric.denominator))}</span>
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        })}
                    </tbody>
                </table>
            </div>
            <ul class="sc-consequences">
                {move || consequences().into_iter().map(|(kind, at, what)| view! {
                    <li>{move || (t().platform_acts)(metric_name(kind), &at, &what)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// "If everything due in the next N hours ships now…": the late dispatch rate it would give, as
/// the worker works it out (no order is walked: it is two binary searches).
#[component]
fn WhatIf() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let hours = RwSignal::new(24u32);
    let answer = RwSignal::new(None);
    Effect::new(move |_| {
        controls.clock.minute.track();
        controls.epoch.track();
        let (hours, now) = (hours.get(), controls.now());
        leptos::task::spawn_local(async move {
            if let Response::WhatIf(what_if) = controls.ask(Request::WhatIf { hours, now }).await {
                let _ = answer.try_set(Some(what_if));
            }
        });
    });
    let result = move || {
        answer.get().map(|a| {
            let rate = a.late_dispatch_rate.map_or_else(|| t().no_data.to_owned(), percent);
            (t().what_if_result)(a.due_within, a.hours, &rate, a.already_overdue)
        })
    };
    view! {
        <section class="sc-what-if" aria-label=move || t().what_if>
            <label>
                {move || (t().what_if_question)(hours.get())}
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
            <p data-testid="what-if-result" role="status">{result}</p>
        </section>
    }
}

/// One bar: its label, its length as a fraction of the longest, and its figure.
#[derive(Clone)]
struct Bar {
    label: String,
    fraction: f64,
    figure: String,
}

#[component]
fn Charts() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let Figures(summary) = expect_context::<Figures>();
    let daily = move || {
        summary.with(|s| {
            let Some(s) = s else { return Vec::new() };
            s.charts
                .daily
                .iter()
                .map(|day| Bar {
                    label: day.day.format("%m-%d").to_string(),
                    fraction: day.rate().unwrap_or(0.0),
                    figure: day.rate().map_or_else(
                        || t().no_dispatches.to_owned(),
                        |rate| (t().of)(&percent(rate), day.late, day.dispatched),
                    ),
                })
                .collect()
        })
    };
    let handling = move || {
        summary.with(|s| s.as_ref().map(|s| buckets(&s.charts.handling_hours, t().hours_unit)).unwrap_or_default())
    };
    let transit = move || {
        summary.with(|s| s.as_ref().map(|s| buckets(&s.charts.transit_days, t().days_unit)).unwrap_or_default())
    };
    let carriers =
        move || summary.with(|s| s.as_ref().map(|s| carrier_bars(&s.metrics.by_carrier)).unwrap_or_default());
    let destinations =
        move || summary.with(|s| s.as_ref().map(|s| destination_bars(&s.metrics.by_destination)).unwrap_or_default());
    let flags = move || summary.with(|s| s.as_ref().map(|s| s.metrics.carrier_flags.clone()).unwrap_or_default());
    view! {
        <section class="sc-charts" aria-label=move || t().charts>
            <Chart title=|| t().chart_daily test_id="chart-daily-late-dispatch" columns=true bars=Signal::derive(daily)
                caption=|| (t().chart_daily_caption)(crate::engine::pipeline::CHART_DAYS) />
            <Chart title=|| t().chart_handling test_id="chart-handling-hours" columns=true bars=Signal::derive(handling)
                caption=|| t().chart_handling_caption.to_owned() />
            <Chart title=|| t().chart_transit test_id="chart-transit-days" columns=true bars=Signal::derive(transit)
                caption=|| t().chart_transit_caption.to_owned() />
            <Chart title=|| t().chart_carriers test_id="chart-carriers" columns=false bars=Signal::derive(carriers)
                caption=|| t().chart_carriers_caption.to_owned() />
            <Chart title=|| t().chart_destinations test_id="chart-destinations" columns=false bars=Signal::derive(destinations)
                caption=|| t().chart_destinations_caption.to_owned() />
            {move || {
                let flags = flags();
                (!flags.is_empty()).then(|| view! {
                    <div class="sc-flags" data-testid="carrier-flags">
                        <h3>{move || t().carriers_to_review}</h3>
                        <ul>
                            {flags.into_iter().map(|flag| {
                                let (reasons, reasons_zh) = (flag.reasons.join("; "), flag.reasons_zh.join("；"));
                                view! {
                                    <li>
                                        <strong>{flag.carrier}</strong>
                                        {move || t().colon}
                                        {move || controls.locale.get().pick(&reasons, &reasons_zh).to_owned()}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
        </section>
    }
}

fn buckets(buckets: &[Bucket], unit: &str) -> Vec<Bar> {
    let most = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    buckets
        .iter()
        .map(|b| Bar {
            label: match b.upper {
                Some(upper) => format!("{}–{upper} {unit}", b.lower),
                None => format!("{}+ {unit}", b.lower),
            },
            fraction: b.count as f64 / most,
            figure: count(b.count),
        })
        .collect()
}

fn carrier_bars(groups: &[Group]) -> Vec<Bar> {
    groups
        .iter()
        .take(GROUPS_SHOWN)
        .map(|group| Bar {
            label: super::words::group_key(&group.key),
            fraction: group.on_time_delivery_rate.unwrap_or(0.0),
            figure: group.on_time_delivery_rate.map_or_else(
                || t().no_data.to_owned(),
                |rate| (t().of)(&percent(rate), group.delivered_on_time, group.delivered),
            ),
        })
        .collect()
}

fn destination_bars(groups: &[Group]) -> Vec<Bar> {
    let most = groups.first().map_or(1, |g| g.orders.max(1)) as f64;
    groups
        .iter()
        .take(GROUPS_SHOWN)
        .map(|group| {
            let late = group.late_dispatch_rate.map_or_else(|| t().no_data.to_owned(), percent);
            Bar {
                label: country(&group.key),
                fraction: group.orders as f64 / most,
                figure: (t().destination_figure)(group.orders, &late),
            }
        })
        .collect()
}

/// A bar chart of HTML bars (columns for a series in order, rows for named groups), at the page's
/// own text size, with its numbers as a table below.
#[component]
fn Chart(
    title: Words,
    test_id: &'static str,
    caption: fn() -> String,
    bars: Signal<Vec<Bar>>,
    columns: bool,
) -> impl IntoView {
    // At most five labels under a row of columns (every sixth day of a month, every other
    // bucket of a histogram): more would overlap.
    let label_every = move || if columns { bars.with(Vec::len).div_ceil(5).max(1) } else { 1 };
    let drawing = move || {
        let bars = bars.get();
        if bars.is_empty() {
            return view! { <p class="sc-note">{move || t().chart_empty}</p> }.into_any();
        }
        let every = label_every();
        let summary = bars.iter().map(|bar| format!("{}: {}", bar.label, bar.figure)).collect::<Vec<_>>().join("; ");
        view! {
            <div class=if columns { "sc-chart sc-columns" } else { "sc-chart sc-rows" } role="img"
                aria-label=format!("{}. {summary}", title())>
                {bars.into_iter().enumerate().map(|(i, bar)| {
                    let size = format!("{:.1}%", bar.fraction.clamp(0.0, 1.0) * 100.0);
                    let label = (!columns || i % every == 0).then(|| bar.label.clone());
                    view! {
                        <div class="sc-bar-slot" title=format!("{}: {}", bar.label, bar.figure)>
                            <span class="sc-bar-label">{label}</span>
                            <span class="sc-bar-track">
                                <span class="sc-chart-bar" style:height=columns.then(|| size.clone()) style:width=(!columns).then(|| size.clone())></span>
                            </span>
                            {(!columns).then(|| view! { <span class="sc-bar-figure">{bar.figure.clone()}</span> })}
                        </div>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <figure class="sc-figure" data-testid=test_id>
            <figcaption><strong>{title}</strong>" "<span class="sc-note">{caption}</span></figcaption>
            {drawing}
            <details>
                <summary>{move || t().table}</summary>
                <table class="sc-chart-table">
                    <tbody>
                        {move || bars.get().into_iter().map(|bar| view! { <tr><th scope="row">{bar.label}</th><td>{bar.figure}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
