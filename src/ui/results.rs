//! What a check shows: the import summary, then the workspace (dashboard, board, order detail).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::board::Board;
use super::dashboard::Dashboard;
use super::detail::OrderDetail;
use super::i18n::{locale, Text};
use super::later::Later;
use super::mapping::{ColumnMappingDialog, Failure};
use super::{Checked, Clock};
use crate::engine::board::BoardQuery;
use crate::engine::import::{DecidedBy, FileSummary};
use crate::engine::profile::{ClockStart, DispatchEvent};
use crate::engine::report::{skipped_rows_csv, ProfileSummary};

#[component]
pub fn Results(
    outcome: RwSignal<Option<Result<Arc<Checked>, Failure>>>,
    clock: Clock,
    query: RwSignal<BoardQuery>,
    /// Runs once the seller has said which column is which.
    on_mapped: impl Fn() + Clone + Send + Sync + 'static,
    /// Reads the workbook again from the sheet the seller picked.
    on_sheet: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let language = locale();
    let t = language.text();
    move || {
        outcome.with(|outcome| match outcome {
            None => ().into_any(),
            Some(Err(failure)) => view! {
                <p class="sc-error" role="alert" data-testid="import-error">
                    {t.could_not_read} {language.pick(&failure.message, &failure.message_zh).to_owned()}
                </p>
                {failure.mapping.clone().map(|request| {
                    let on_mapped = on_mapped.clone();
                    view! { <ColumnMappingDialog request on_done=move || on_mapped() /> }
                })}
            }
            .into_any(),
            Some(Ok(checked)) => view! {
                <ImportSummary checked=checked.clone() at=clock.now.get_untracked() on_sheet />
                <Workspace checked=checked.clone() clock query />
            }
            .into_any(),
        })
    }
}

#[component]
fn ImportSummary(
    checked: Arc<Checked>,
    at: DateTime<Utc>,
    on_sheet: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let language = locale();
    let t = language.text();
    let import = &checked.import;
    let profile = &checked.rules.profile;
    let version = profile.latest();
    let zone = profile.time_zone;
    let offset = zone.local(at).format("%:z").to_string();
    let missing = import.missing_columns.iter().map(|c| c.header()).collect::<Vec<_>>().join(", ");
    let dispatch = match version.dispatch_event {
        DispatchEvent::ReadyToShip => t.dispatch_rts,
        DispatchEvent::Shipped => t.dispatch_shipped,
        DispatchEvent::Collected => t.dispatch_collected,
    };
    let clock_start = match version.clock_start {
        ClockStart::PaidElseCreated => t.clock_paid.to_owned(),
        ClockStart::Created => t.clock_created.to_owned(),
        ClockStart::AwaitingShipment { hold_hours } => (t.clock_awaiting_shipment)(hold_hours),
    };
    let count = |n: usize| language.count(n as u64);
    let versions = ProfileSummary::new(&checked.rules, &checked.checks).versions;
    let judged = versions
        .iter()
        .map(|v| (t.version_judged)(&v.effective_from.to_string(), v.orders as u64))
        .collect::<Vec<_>>()
        .join(language.pick(", ", "、"));
    view! {
        <section class="sc-summary" data-testid="import-summary">
            <p>
                {(t.read_rows)(
                    &language.count(import.rows),
                    &language.count(import.rows_used),
                    &count(import.orders.len()),
                    &count(import.skipped.len()),
                )}
            </p>
            <p class="sc-assumptions">
                {(t.assumptions)(
                    zone.name(),
                    &offset,
                    &profile.name,
                    &version.source,
                    &version.as_of.to_string(),
                    dispatch,
                    &clock_start,
                )}
            </p>
            <p class="sc-assumptions" data-testid="rule-versions">{(t.judged_by)(&judged)}</p>
            {(!missing.is_empty()).then(|| view! {
                <p class="sc-note">{(t.columns_not_found)(&missing)}
                    {import.missing_columns.iter().any(|c| c.header() == "Shipped Time").then_some(t.without_shipped)}
                </p>
            })}
            <ul class="sc-files-read" aria-label=t.files_read>
                {import
                    .files
                    .iter()
                    .map(|file| {
                        let choice = (file.sheets.len() > 1)
                            .then(|| view! { <SheetChoice sheets=file.sheets.clone() read=file.sheet.clone() on_sheet /> });
                        view! { <li data-testid="file-summary">{describe_file(t, file)} {choice}</li> }
                    })
                    .collect_view()}
            </ul>
            {(!import.orders_in_several_files.is_empty()).then(|| view! {
                <p class="sc-note">
                    {(t.merged)(import.orders_in_several_files.len(), &import.orders_in_several_files[0])}
                </p>
            })}
            <SkippedRows checked=checked.clone() />
        </section>
    }
}

/// How one file was read, in a sentence: format, encoding, separator, description row, and the
/// order its slashed dates were read in and why.
fn describe_file(t: &Text, file: &FileSummary) -> String {
    let mut parts = vec![file.format.to_uppercase()];
    match &file.sheet {
        // A workbook has no encoding or separator of its own to report.
        Some(sheet) => parts.push((t.sheet_read)(sheet)),
        None => parts.push(file.encoding.to_owned()),
    }
    match file.delimiter {
        Some('\t') => parts.push(t.tab_separated.into()),
        Some(';') => parts.push(t.semicolon_separated.into()),
        Some(',') => parts.push(t.comma_separated.into()),
        _ => {}
    }
    parts.push((t.rows)(file.rows));
    if file.description_rows > 0 {
        parts.push(t.description_row_skipped.into());
    }
    for choice in &file.date_orders {
        let why = match choice.decided_by {
            DecidedBy::Values => t.by_values,
            DecidedBy::Default => t.by_default,
            DecidedBy::Conflict => t.by_conflict,
            DecidedBy::Override => t.by_override,
        };
        parts.push((t.read_as)(choice.column.header(), choice.order.pattern(), why));
    }
    format!("{}: {}.", file.file.as_deref().unwrap_or(t.pasted_text), parts.join(", "))
}

/// The workbook's sheets, the one read selected; picking another reads that one.
#[component]
fn SheetChoice(
    sheets: Vec<String>,
    read: Option<String>,
    on_sheet: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = locale().text();
    view! {
        <label class="sc-sheet">
            {t.sheet}
            " "
            <select data-testid="sheet-select" on:change=move |ev| on_sheet(event_target_value(&ev))>
                {sheets
                    .into_iter()
                    .map(|name| {
                        let selected = read.as_ref() == Some(&name);
                        let value = name.clone();
                        view! { <option value=value selected=selected>{name}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Rows shown on the page before the rest is left to the download.
const SKIPPED_SHOWN: usize = 100;

/// The rows that were not used, each with its line and reason, and all of them as CSV.
#[component]
fn SkippedRows(checked: Arc<Checked>) -> impl IntoView {
    let language = locale();
    let t = language.text();
    let rows = &checked.import.skipped;
    if rows.is_empty() {
        return ().into_any();
    }
    let hidden = rows.len().saturating_sub(SKIPPED_SHOWN);
    view! {
        <div class="sc-skipped">
            <ul aria-label=t.rows_not_used>
                {rows.iter().take(SKIPPED_SHOWN).map(|row| {
                    let place = match &row.file {
                        Some(file) => (t.line_in_file)(file, row.line),
                        None => (t.line)(row.line),
                    };
                    view! { <li data-testid="skipped-row">{format!("{place}: {}", language.pick(&row.reason, &row.reason_zh))}</li> }
                }).collect_view()}
            </ul>
            {(hidden > 0).then(|| view! { <p>{(t.more_in_download)(hidden)}</p> })}
            <button
                data-testid="skipped-download"
                on:click=move |_| {
                    let csv = skipped_rows_csv(&checked.import.skipped);
                    super::download::save("shipcheck-rows-not-used.csv", "text/csv;charset=utf-8", &csv)
                }
            >
                {t.download_unused}
            </button>
        </div>
    }
    .into_any()
}

/// The dashboard, the board and the detail of the order opened from it, sharing the board's
/// query (a metric card filters the board) and the open order. The board is drawn a task after
/// the dashboard, so that neither drawing is one long pause.
#[component]
fn Workspace(checked: Arc<Checked>, clock: Clock, query: RwSignal<BoardQuery>) -> impl IntoView {
    let open = RwSignal::new(None::<u32>);
    let later = checked.clone();
    view! {
        <Dashboard checked=checked.clone() clock query />
        <Later>
            <Board checked=later.clone() clock query open />
            <OrderDetail checked=later.clone() clock open />
        </Later>
    }
}
