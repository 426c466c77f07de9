//! What a check shows: the import summary, the shop metrics, and one row per order with its
//! live countdown.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::icon::{Icon, StatusIcon};
use super::mapping::{ColumnMappingDialog, Failure};
use super::{Checked, Clock};
use crate::engine::evaluate::{DeadlineSource, FindingCode, Stage};
use crate::engine::import::{DecidedBy, FileSummary};
use crate::engine::metrics::Bound;
use crate::engine::profile::{ClockStart, DispatchEvent};
use crate::engine::report::skipped_rows_csv;
use crate::engine::{span, DispatchClock, Metric, MetricStatus, OrderCheck, OrderState, RuleProfile, Rules, Severity};

#[component]
pub fn Results(
    outcome: RwSignal<Option<Result<Arc<Checked>, Failure>>>,
    clock: Clock,
    profile: RuleProfile,
    /// Runs once the seller has said which column is which.
    on_mapped: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        outcome.with(|outcome| match outcome {
            None => ().into_any(),
            Some(Err(failure)) => view! {
                <p class="sc-error" role="alert">"These orders could not be read: " {failure.message.clone()}</p>
                {failure.mapping.clone().map(|request| {
                    let on_mapped = on_mapped.clone();
                    view! { <ColumnMappingDialog request on_done=move || on_mapped() /> }
                })}
            }
            .into_any(),
            Some(Ok(checked)) => view! {
                <ImportSummary checked=checked.clone() profile=profile.clone() at=clock.now.get_untracked() />
                <section class="sc-metrics">
                    <MetricCard name="Late dispatch rate" test_id="metric-late-dispatch-rate"
                        metric=checked.metrics.late_dispatch_rate.clone() counted="dispatched orders shipped late" />
                    <MetricCard name="Valid tracking rate" test_id="metric-valid-tracking-rate"
                        metric=checked.metrics.valid_tracking_rate.clone() counted="shipped orders with a valid tracking number" />
                    <MetricCard name="On-time delivery rate" test_id="metric-on-time-delivery-rate"
                        metric=checked.metrics.on_time_delivery_rate.clone() counted="delivered orders on time" />
                    <MetricCard name="Seller-fault cancellation rate" test_id="metric-seller-fault-cancellation-rate"
                        metric=checked.metrics.seller_fault_cancellation_rate.clone() counted="paid orders cancelled by the seller or the system" />
                </section>
                <OrderTable checked=checked.clone() clock />
            }
            .into_any(),
        })
    }
}

#[component]
fn ImportSummary(checked: Arc<Checked>, profile: RuleProfile, at: DateTime<Utc>) -> impl IntoView {
    let import = &checked.import;
    let zone = profile.time_zone;
    let offset = zone.local(at).format("%:z").to_string();
    let missing = import.missing_columns.iter().map(|c| c.header()).collect::<Vec<_>>().join(", ");
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
                     Dispatch means the {}; the clock starts at {}.",
                    zone.name(),
                    profile.name,
                    profile.source,
                    profile.as_of,
                    match profile.dispatch_event {
                        DispatchEvent::ReadyToShip => "RTS Time (ready to ship)",
                        DispatchEvent::Shipped => "Shipped Time",
                        DispatchEvent::Collected => "collection by the carrier",
                    },
                    match profile.clock_start {
                        ClockStart::PaidElseCreated => "Paid Time, else Created Time",
                        ClockStart::Created => "Created Time",
                    },
                )}
            </p>
            {(!missing.is_empty()).then(|| view! {
                <p class="sc-note">{format!("Columns not found: {missing}. ")}
                    {import.missing_columns.iter().any(|c| c.header() == "Shipped Time").then_some(
                        "Without Shipped Time every order is treated as not yet shipped.",
                    )}
                </p>
            })}
            <ul class="sc-files-read" aria-label="Files read">
                {import.files.iter().map(|file| view! { <li data-testid="file-summary">{describe_file(file)}</li> }).collect_view()}
            </ul>
            {(!import.orders_in_several_files.is_empty()).then(|| view! {
                <p class="sc-note">
                    {format!(
                        "{} orders appear in more than one file and were merged (e.g. {}).",
                        import.orders_in_several_files.len(),
                        import.orders_in_several_files[0],
                    )}
                </p>
            })}
            <SkippedRows checked=checked.clone() />
        </section>
    }
}

/// How one file was read, in a sentence: format, encoding, separator, description row, and the
/// order its slashed dates were read in and why.
fn describe_file(file: &FileSummary) -> String {
    let mut parts = vec![file.format.to_uppercase(), file.encoding.to_owned()];
    match file.delimiter {
        Some('\t') => parts.push("tab-separated".into()),
        Some(';') => parts.push("semicolon-separated".into()),
        Some(',') => parts.push("comma-separated".into()),
        _ => {}
    }
    parts.push(format!("{} row{}", file.rows, if file.rows == 1 { "" } else { "s" }));
    if file.description_rows > 0 {
        parts.push("its row of column descriptions skipped".into());
    }
    for choice in &file.date_orders {
        let order = choice.order.pattern();
        let why = match choice.decided_by {
            DecidedBy::Values => "as its values show",
            DecidedBy::Default => "no value decides, so as this market writes them",
            DecidedBy::Conflict => "its values disagree; rows that do not fit are listed below",
            DecidedBy::Override => "as chosen",
        };
        parts.push(format!("{} read as {order} ({why})", choice.column.header()));
    }
    format!("{}: {}.", file.file.as_deref().unwrap_or("Pasted text"), parts.join(", "))
}

/// Rows shown on the page before the rest is left to the download.
const SKIPPED_SHOWN: usize = 100;

/// The rows that were not used, each with its line and reason, and all of them as CSV.
#[component]
fn SkippedRows(checked: Arc<Checked>) -> impl IntoView {
    let rows = &checked.import.skipped;
    if rows.is_empty() {
        return ().into_any();
    }
    let csv = skipped_rows_csv(rows);
    let hidden = rows.len().saturating_sub(SKIPPED_SHOWN);
    view! {
        <div class="sc-skipped">
            <ul aria-label="Rows not used">
                {rows.iter().take(SKIPPED_SHOWN).map(|row| {
                    let place = match &row.file {
                        Some(file) => format!("{file}, line {}", row.line),
                        None => format!("Line {}", row.line),
                    };
                    view! { <li data-testid="skipped-row">{format!("{place}: {}", row.reason)}</li> }
                }).collect_view()}
            </ul>
            {(hidden > 0).then(|| view! { <p>{format!("…and {hidden} more in the download.")}</p> })}
            <button data-testid="skipped-download" on:click=move |_| download("shipcheck-rows-not-used.csv", &csv)>
                "Download the rows not used (CSV)"
            </button>
        </div>
    }
    .into_any()
}

/// Hands `text` to the browser as a file download; nothing leaves the machine.
fn download(file_name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = wasm_bindgen::JsCast::unchecked_into(link);
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    // Revoked once the browser has taken the download, not before.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

#[component]
fn MetricCard(name: &'static str, test_id: &'static str, metric: Metric, counted: &'static str) -> impl IntoView {
    let value = metric.value.map_or_else(|| "no data".to_owned(), percent);
    let (status_class, status_text) = match metric.status {
        MetricStatus::Ok => ("sc-ok", "within the limit"),
        MetricStatus::Breach => ("sc-bad", "outside the limit"),
        MetricStatus::NoData => ("sc-muted", "nothing to measure yet"),
    };
    let limit = match metric.bound {
        Bound::AtMost => "at most",
        Bound::AtLeast => "at least",
    };
    view! {
        <div class=format!("sc-metric {status_class}") data-testid=test_id>
            <h2>{name}</h2>
            <p class="sc-metric-value">{value}</p>
            <p>
                {format!(
                    "{} of {} {counted}; target {limit} {}: {status_text}.",
                    metric.numerator,
                    metric.denominator,
                    percent(metric.threshold),
                )}
            </p>
        </div>
    }
}

fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

/// Rows the board puts on the page.
const BOARD_ROWS: usize = 500;

#[component]
fn OrderTable(checked: Arc<Checked>, clock: Clock) -> impl IntoView {
    let total = checked.checks.len();
    let rules = checked.rules.clone();
    // Every row on the page has live cells; until the board scrolls a window over the list,
    // the page shows the most urgent rows and says how many it left out.
    let shown: Vec<OrderCheck> = checked.checks.iter().take(BOARD_ROWS).cloned().collect();
    view! {
        {(total > BOARD_ROWS).then(|| view! {
            <p class="sc-note" data-testid="board-limit">
                {format!("Showing the {BOARD_ROWS} most urgent of {total} orders; the metrics above count them all.")}
            </p>
        })}
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
                {shown.into_iter().map(|check| view! { <OrderRow check rules=rules.clone() clock /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn OrderRow(check: OrderCheck, rules: Arc<Rules>, clock: Clock) -> impl IntoView {
    let Clock { now, minute } = clock;
    let (clock, stage) = (check.clock, check.stage);
    let zone = rules.profile.time_zone;
    let state_class = {
        let check = check.clone();
        move || format!("sc-row sc-{}", check.state_at(now.get()).code())
    };
    // The platform's own deadline wins over the profile's; the seller is told which this is.
    let deadline = check.deadlines.dispatch.map_or_else(
        || "unknown".to_owned(),
        |d| match d.source {
            DeadlineSource::Platform => format!("{} (set by the platform)", zone.display(d.at)),
            DeadlineSource::Profile => zone.display(d.at),
        },
    );
    let findings = {
        let check = check.clone();
        move || {
            // Rebuilt once a minute: a finding's text changes no faster than its spans.
            minute.track();
            check
                .findings_at(now.get_untracked(), &rules)
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
            <td><Status clock stage now /></td>
            <td><ul class="sc-findings">{findings}</ul></td>
        </tr>
    }
}

/// The order's status in words, with an icon, and a ticking countdown while undispatched.
#[component]
fn Status(clock: DispatchClock, stage: Stage, now: ReadSignal<DateTime<Utc>>) -> impl IntoView {
    if stage != Stage::Open || clock.deadline.is_none() {
        // Nothing here changes with time, so nothing here subscribes to the clock.
        let (icon, text) = match (stage, clock.dispatched, clock.deadline, clock.shipped_late_by()) {
            (Stage::Unpaid, ..) => (Icon::Clock, "Unpaid: no deadline yet".to_owned()),
            (Stage::Cancelled, ..) => (Icon::Unknown, "Cancelled".to_owned()),
            (Stage::Delivered, ..) => (Icon::Ok, "Delivered".to_owned()),
            (_, Some(_), _, Some(by)) => (Icon::Warning, format!("Shipped {} late", span::phrase(by))),
            (_, Some(_), Some(_), None) => (Icon::Ok, "Shipped on time".to_owned()),
            (_, Some(_), None, _) => (Icon::Unknown, "Shipped (deadline unknown)".to_owned()),
            (Stage::Dispatched, None, ..) => (Icon::Unknown, "Shipped (no shipped time)".to_owned()),
            (_, None, ..) => (Icon::Unknown, "No deadline: no paid or created time".to_owned()),
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
        FindingCode::AutoCancelRisk => "Auto-cancel risk",
        FindingCode::CollectionOverdue => "Not collected",
        FindingCode::MissingTracking => "No tracking",
        FindingCode::InvalidTracking => "Invalid tracking",
        FindingCode::TrackingCarrierMismatch => "Wrong carrier's number",
        FindingCode::DuplicateTracking => "Duplicate tracking",
        FindingCode::TrackingUploadedLate => "Tracking late",
        FindingCode::UnapprovedCarrier => "Carrier not approved",
        FindingCode::TransitWarning => "Slow transit",
        FindingCode::TransitExceeded => "Transit exceeded",
        FindingCode::LikelyLost => "Likely lost",
        FindingCode::DeliveredLate => "Delivered late",
        FindingCode::TimestampOrderInvalid => "Bad timestamps",
        FindingCode::MissingTimestamp => "Missing time",
        FindingCode::DelayNoticeRecommended => "Notify buyer",
        FindingCode::SellerFaultCancellation => "Seller-fault cancel",
    }
}
