//! What a check shows: the import summary, then the workspace (dashboard, board, order detail).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::board::Board;
use super::dashboard::Dashboard;
use super::detail::OrderDetail;
use super::mapping::{ColumnMappingDialog, Failure};
use super::{Checked, Clock};
use crate::engine::board::BoardQuery;
use crate::engine::import::{DecidedBy, FileSummary};
use crate::engine::profile::{ClockStart, DispatchEvent};
use crate::engine::report::skipped_rows_csv;

#[component]
pub fn Results(
    outcome: RwSignal<Option<Result<Arc<Checked>, Failure>>>,
    clock: Clock,
    /// Runs once the seller has said which column is which.
    on_mapped: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        outcome.with(|outcome| match outcome {
            None => ().into_any(),
            Some(Err(failure)) => view! {
                <p class="sc-error" role="alert" data-testid="import-error">"These orders could not be read: " {failure.message.clone()}</p>
                {failure.mapping.clone().map(|request| {
                    let on_mapped = on_mapped.clone();
                    view! { <ColumnMappingDialog request on_done=move || on_mapped() /> }
                })}
            }
            .into_any(),
            Some(Ok(checked)) => view! {
                <ImportSummary checked=checked.clone() at=clock.now.get_untracked() />
                <Workspace checked=checked.clone() clock />
            }
            .into_any(),
        })
    }
}

#[component]
fn ImportSummary(checked: Arc<Checked>, at: DateTime<Utc>) -> impl IntoView {
    let import = &checked.import;
    let profile = &checked.rules.profile;
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
            <button data-testid="skipped-download" on:click=move |_| super::download::save("shipcheck-rows-not-used.csv", "text/csv;charset=utf-8", &csv)>
                "Download the rows not used (CSV)"
            </button>
        </div>
    }
    .into_any()
}

/// The dashboard, the board and the detail of the order opened from it, sharing the board's
/// query (a metric card filters the board) and the open order.
#[component]
fn Workspace(checked: Arc<Checked>, clock: Clock) -> impl IntoView {
    let query = RwSignal::new(BoardQuery::default());
    let open = RwSignal::new(None::<u32>);
    view! {
        <Dashboard checked=checked.clone() clock query />
        <Board checked=checked.clone() clock query open />
        <OrderDetail checked clock open />
    }
}
