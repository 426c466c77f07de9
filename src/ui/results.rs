//! What a check shows: the import summary, the late dispatch rate, and one row per order with
//! its live countdown.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::icon::{Icon, StatusIcon};
use super::Checked;
use crate::engine::evaluate::FindingCode;
use crate::engine::{
    span, DispatchClock, Metric, MetricStatus, OrderCheck, OrderState, RuleProfile, Severity, Zone,
};

#[component]
pub fn Results(
    outcome: RwSignal<Option<Result<Checked, String>>>,
    now: ReadSignal<DateTime<Utc>>,
    profile: RuleProfile,
) -> impl IntoView {
    move || {
        outcome.with(|outcome| match outcome {
            None => ().into_any(),
            Some(Err(reason)) => view! {
                <p class="sc-error" role="alert">"These orders could not be read: " {reason.clone()}</p>
            }
            .into_any(),
            Some(Ok(checked)) => view! {
                <ImportSummary checked=checked.clone() profile=profile.clone() at=now.get_untracked() />
                <LateDispatchRate metric=checked.metrics.late_dispatch_rate />
                <OrderTable checks=checked.checks.clone() zone=profile.time_zone now />
            }
            .into_any(),
        })
    }
}

#[component]
fn ImportSummary(checked: Checked, profile: RuleProfile, at: DateTime<Utc>) -> impl IntoView {
    let import = checked.import;
    let zone = profile.time_zone;
    let offset = zone.local(at).format("%:z").to_string();
    let missing = import
        .missing_columns
        .iter()
        .map(|c| c.header())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="sc-summary" data-testid="import-summary">
            <p>
                {format!(
                    "Read {} rows: {} used in {} orders, {} skipped.",
                    import.rows,
                    import.rows_used,
                    import.orders.len(),
                    import.skipped.len(),
                )}
            </p>
            <p class="sc-assumptions">
                {format!(
                    "Times without a zone were read as {} (UTC{offset}). Rules: {} ({}, as of {}). \
                     Dispatch means the Shipped Time; the clock starts at Paid Time, else Created Time.",
                    zone.name(),
                    profile.name,
                    profile.source,
                    profile.as_of,
                )}
            </p>
            {(!missing.is_empty()).then(|| view! {
                <p class="sc-note">{format!("Columns not found: {missing}. ")}
                    {import.missing_columns.iter().any(|c| c.header() == "Shipped Time").then_some(
                        "Without Shipped Time every order is treated as not yet shipped.",
                    )}
                </p>
            })}
            {(!import.skipped.is_empty()).then(|| view! {
                <ul class="sc-skipped" aria-label="Rows not used">
                    {import.skipped.into_iter().map(|row| view! {
                        <li data-testid="skipped-row">{format!("Line {}: {}", row.line, row.reason)}</li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn LateDispatchRate(metric: Metric) -> impl IntoView {
    let value = metric.value.map_or_else(|| "no data".to_owned(), percent);
    let (status_class, status_text) = match metric.status {
        MetricStatus::Ok => ("sc-ok", "within the limit"),
        MetricStatus::Breach => ("sc-bad", "above the limit"),
        MetricStatus::NoData => ("sc-muted", "no shipped orders yet"),
    };
    view! {
        <section class=format!("sc-metric {status_class}") data-testid="metric-late-dispatch-rate">
            <h2>"Late dispatch rate"</h2>
            <p class="sc-metric-value">{value}</p>
            <p>
                {format!(
                    "{} of {} dispatched orders shipped late; limit {}: {status_text}.",
                    metric.numerator,
                    metric.denominator,
                    percent(metric.threshold),
                )}
            </p>
        </section>
    }
}

fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

#[component]
fn OrderTable(
    checks: Vec<OrderCheck>,
    zone: Zone,
    now: ReadSignal<DateTime<Utc>>,
) -> impl IntoView {
    view! {
        <table class="sc-orders">
            <thead>
                <tr>
                    <th scope="col">"Order ID"</th>
                    <th scope="col">"Carrier"</th>
                    <th scope="col">"Tracking ID"</th>
                    <th scope="col">"Dispatch deadline"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Findings"</th>
                </tr>
            </thead>
            <tbody>
                {checks.into_iter().map(|check| view! { <OrderRow check zone now /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn OrderRow(check: OrderCheck, zone: Zone, now: ReadSignal<DateTime<Utc>>) -> impl IntoView {
    let clock = check.clock;
    let state_class = move || format!("sc-row sc-{}", clock.state_at(now.get()).code());
    let deadline = clock
        .deadline
        .map_or_else(|| "unknown".to_owned(), |d| zone.display(d));
    let findings = {
        let check = check.clone();
        move || {
            check
                .findings_at(now.get(), &zone)
                .into_iter()
                .map(|finding| {
                    let severity = match finding.severity {
                        Severity::Violation => "sc-violation",
                        Severity::Warning => "sc-warning",
                        Severity::Info => "sc-info",
                    };
                    view! {
                        <li data-testid="finding" data-code=finding.code.code() class=severity>
                            <span class="sc-badge">{finding_label(finding.code)}</span>
                            " "
                            <span class="sc-message">{finding.message}</span>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let order_id = check.order_id.clone();
    view! {
        <tr class=state_class data-testid="order-row" data-order-id=order_id>
            <th scope="row">{check.order_id}</th>
            <td data-label="Carrier">{check.carrier.unwrap_or_default()}</td>
            <td data-label="Tracking ID">{check.tracking_id.unwrap_or_default()}</td>
            <td data-label="Dispatch deadline">{deadline}</td>
            <td><Status clock now /></td>
            <td><ul class="sc-findings">{findings}</ul></td>
        </tr>
    }
}

/// The order's dispatch status in words, with an icon, and a ticking countdown while unshipped.
#[component]
fn Status(clock: DispatchClock, now: ReadSignal<DateTime<Utc>>) -> impl IntoView {
    if clock.shipped.is_some() || clock.deadline.is_none() {
        // Nothing here changes with time, so nothing here subscribes to the clock.
        let (icon, text) = match (clock.shipped, clock.deadline, clock.shipped_late_by()) {
            (Some(_), _, Some(by)) => (Icon::Warning, format!("Shipped {} late", span::phrase(by))),
            (Some(_), Some(_), None) => (Icon::Ok, "Shipped on time".to_owned()),
            (Some(_), None, _) => (Icon::Unknown, "Shipped (deadline unknown)".to_owned()),
            (None, _, _) => (
                Icon::Unknown,
                "No deadline: no paid or created time".to_owned(),
            ),
        };
        return view! { <span class="sc-status"><StatusIcon icon=Signal::stored(icon) />{text}</span> }.into_any();
    }
    let overdue = Signal::derive(move || clock.state_at(now.get()) == OrderState::DispatchOverdue);
    view! {
        <span class="sc-status">
            <StatusIcon icon=Signal::derive(move || if overdue.get() { Icon::Warning } else { Icon::Clock }) />
            <span class="sc-verdict">{move || if overdue.get() { "Overdue by " } else { "Due in " }}</span>
            <span class="sc-countdown" data-testid="countdown">
                {move || span::countdown(clock.remaining_at(now.get()).unwrap_or_default())}
            </span>
        </span>
    }
    .into_any()
}

fn finding_label(code: FindingCode) -> &'static str {
    match code {
        FindingCode::LateDispatch => "Late dispatch",
        FindingCode::DispatchOverdue => "Overdue",
        FindingCode::DispatchDueSoon => "Due soon",
        FindingCode::MissingTimestamp => "No start time",
    }
}
