//! What a seller takes away from the board: the selection as CSV, every order as a JSON report,
//! the open deadlines as a calendar, buyer notices, and the page as printed. The worker builds
//! each file, so none of it is work for the page however many orders there are.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::i18n::t;
use super::words::{finding_label, print_columns, state_label};
use super::{download, Controls};
use crate::engine::protocol::{FileRequest, Request, Response};
use crate::engine::view::RowView;

/// Orders printed at most; past this, the CSV export is the way to have them on paper.
const PRINT_ROWS: u32 = 2_000;

/// Where the buyer notices of the shown orders went, and how many there were: on the clipboard,
/// or, too many to paste at once, into a file.
#[derive(Clone, Copy)]
enum NoticesGiven {
    Copied(usize),
    Saved(usize),
}

const NOTICES_FILE: &str = "shipcheck-buyer-notices.txt";

/// The selection as CSV, every order as a JSON report, buyer notices, and the page as printed:
/// each built by the worker, so none of it is work for the page however many orders there are.
#[component]
pub fn ExportButtons(print_rows: RwSignal<Option<(u32, Vec<RowView>)>>) -> impl IntoView {
    let notices_given = RwSignal::new(None::<NoticesGiven>);
    view! {
        <div class="sc-actions" role="group" aria-label=move || t().export>
            <SaveButton
                test_id="export-csv"
                label=|| t().export_csv
                request=|now| FileRequest::OrdersCsv { now }
                file="shipcheck-orders.csv"
                mime="text/csv;charset=utf-8"
            />
            <SaveButton
                test_id="export-json"
                label=|| t().export_json
                request=|now| FileRequest::Report { now }
                file="shipcheck-report.json"
                mime="application/json"
            />
            <CalendarButton />
            <super::reminders::LeadTimes />
            <super::reminders::ReminderSwitch />
            <NoticesButton given=notices_given />
            <PrintButton print_rows />
            <super::appeal::AppealActions order=None />
            <span role="status" class="sc-note" data-testid="notices-copied">
                {move || {
                    notices_given.get().map(|given| match given {
                        NoticesGiven::Copied(count) => (t().copied_notices)(count),
                        NoticesGiven::Saved(count) => (t().saved_notices)(count),
                    })
                }}
            </span>
        </div>
        <super::upload::UploadCheck />
    }
}

/// Has the worker write `request` and saves what it wrote as `file`.
fn save_written(controls: Controls, request: FileRequest, file: &'static str, mime: &'static str) {
    leptos::task::spawn_local(async move {
        if let Ok((_, blob)) = controls.file(request).await {
            download::save_file(file, mime, &blob);
        }
    });
}

/// A file of the orders at this moment, saved as `file`.
#[component]
fn SaveButton(
    test_id: &'static str,
    label: fn() -> &'static str,
    request: fn(i64) -> FileRequest,
    file: &'static str,
    mime: &'static str,
) -> impl IntoView {
    let controls = expect_context::<Controls>();
    view! {
        <button data-testid=test_id on:click=move |_| save_written(controls, request(controls.now()), file, mime)>
            {label}
        </button>
    }
}

/// The open deadlines as a calendar, each with a reminder at the lead times the seller chose.
#[component]
fn CalendarButton() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let reminders = expect_context::<super::reminders::Reminders>();
    let calendar = move |_| {
        let chinese = controls.locale.get_untracked() == super::i18n::Locale::Zh;
        let leads_hours = reminders.leads.get_untracked();
        let request = FileRequest::Calendar { now: controls.now(), leads_hours, chinese };
        save_written(controls, request, "shipcheck-deadlines.ics", "text/calendar;charset=utf-8");
    };
    view! {
        <button
            data-testid="export-calendar"
            title=move || (t().export_calendar_hint)(&reminders.leads.with(|leads| (t().hours_list)(leads)))
            on:click=calendar
        >
            {move || t().export_calendar}
        </button>
    }
}

/// The shown orders' buyer notices, on the clipboard, or saved as a file when too many to paste;
/// `given` says which.
#[component]
fn NoticesButton(given: RwSignal<Option<NoticesGiven>>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let notices = move |_| {
        let chinese = controls.locale.get_untracked() == super::i18n::Locale::Zh;
        let request = FileRequest::Notices { now: controls.now(), chinese };
        leptos::task::spawn_local(async move {
            if let Ok((Response::Notices { count }, notices)) = controls.file(request).await {
                let count = count as usize;
                let way = if notices.size() > download::CLIPBOARD_MOST_BYTES {
                    download::save_file(NOTICES_FILE, "text/plain;charset=utf-8", &notices);
                    NoticesGiven::Saved(count)
                } else {
                    if count > 0 {
                        download::copy_file(&notices);
                    }
                    NoticesGiven::Copied(count)
                };
                let _ = given.try_set(Some(way));
            }
        });
    };
    view! { <button data-testid="copy-notices" on:click=notices>{move || t().copy_notices}</button> }
}

/// The shown orders printed: the worker gives them, the print view holds them while the browser
/// prints.
#[component]
fn PrintButton(print_rows: RwSignal<Option<(u32, Vec<RowView>)>>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let print = move |_| {
        let request = Request::Print { now: controls.now(), most: PRINT_ROWS };
        leptos::task::spawn_local(async move {
            if let Response::Print { total, rows } = controls.ask(request).await {
                print_rows.set(Some((total, rows)));
                // Printed once the print view is on the page; the browser's dialog blocks until done.
                Timeout::new(0, move || {
                    let _ = window().print();
                    print_rows.set(None);
                })
                .forget();
            }
        });
    };
    view! { <button data-testid="print" on:click=print>{move || t().print}</button> }
}

/// The shown orders as a plain table, on the page only while the browser prints it: the board
/// holds only the rows on screen, which is not what a seller wants on paper.
#[component]
pub fn PrintView(total: u32, rows: Vec<RowView>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let now = controls.clock.now.get_untracked();
    let zone = super::zone_of(controls);
    let text = t();
    let printed = rows.len() as u32;
    let rows = rows
        .into_iter()
        .map(|row| {
            let next = row.next.and_then(|next| chrono::DateTime::from_timestamp_millis(next.at));
            let findings: Vec<&str> = row.findings.iter().map(|code| finding_label(*code)).collect();
            view! {
                <tr>
                    <td>{row.order_id.clone()}</td>
                    <td>{row.country.as_deref().map(super::words::country)}</td>
                    <td>{row.carrier.clone()}</td>
                    <td>{row.tracking_id.clone()}</td>
                    <td>{state_label(row.state_at(now)).1}</td>
                    <td>{next.map(|at| (text.when)(&zone, at))}</td>
                    <td>{findings.join(text.list_separator)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="sc-print" data-testid="print-view">
            <h2>{(text.print_title)(total, &(text.when)(&zone, now))}</h2>
            {(total > printed).then(|| view! { <p>{(text.print_first)(printed, total)}</p> })}
            <table>
                <thead>
                    <tr>{print_columns().into_iter().map(|name| view! { <th scope="col">{name()}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
