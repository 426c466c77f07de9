//! The appeal pack on the page: a CSV to attach and a printable dispatch manifest, for the shown
//! orders or one order. The worker writes the lines ([`Request::Appeal`], [`FileRequest::AppealCsv`]);
//! the printed page exists only while the browser prints it, as the board's print view does.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::i18n::{t, Locale};
use super::{download, Controls};
use crate::engine::appeal::AppealLine;
use crate::engine::protocol::{FileRequest, Request, Response};

/// The most lines printed at once: a manifest of a few thousand orders is already a long
/// document; the CSV has them all.
const PRINTED_LINES: u32 = 2_000;

/// The pack being printed, if one is.
#[derive(Clone, Copy)]
pub struct AppealPrint(RwSignal<Option<(u32, Vec<AppealLine>)>>);

pub fn provide_appeal_print() {
    provide_context(AppealPrint(RwSignal::new(None)));
}

fn chinese(controls: Controls) -> bool {
    controls.locale.get_untracked() == Locale::Zh
}

/// Downloads the pack of `order` (its position in the checks) or of the shown orders as CSV.
fn save_csv(controls: Controls, order: Option<u32>) {
    let request = FileRequest::AppealCsv { order, now: controls.now(), chinese: chinese(controls) };
    leptos::task::spawn_local(async move {
        if let Ok((_, blob)) = controls.file(request).await {
            download::save_file("shipcheck-appeal-pack.csv", "text/csv;charset=utf-8", &blob);
        }
    });
}

/// Prints the pack of `order` or of the shown orders.
fn print(controls: Controls, AppealPrint(printing): AppealPrint, order: Option<u32>) {
    let request = Request::Appeal { order, most: PRINTED_LINES, now: controls.now(), chinese: chinese(controls) };
    leptos::task::spawn_local(async move {
        if let Response::Appeal { total, lines } = controls.ask(request).await {
            // A modal detail would print over the manifest.
            controls.open.set(None);
            printing.set(Some((total, lines)));
            // Printed once the manifest is on the page; the browser's dialog blocks until done.
            Timeout::new(0, move || {
                let _ = window().print();
                printing.set(None);
            })
            .forget();
        }
    });
}

/// "Appeal pack (CSV)" and "Print appeal pack", for `order` or, when none, the shown orders.
#[component]
pub fn AppealActions(order: Option<u32>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let printing = expect_context::<AppealPrint>();
    let print = move |_| print(controls, printing, order);
    view! {
        <button data-testid="appeal-csv" title=move || t().appeal_hint on:click=move |_| save_csv(controls, order)>
            {move || t().appeal_csv}
        </button>
        <button data-testid="appeal-print" title=move || t().appeal_hint on:click=print>
            {move || t().appeal_print}
        </button>
    }
}

/// The manifest as printed: one row per order, its times with their offsets.
#[component]
pub fn AppealPrintView() -> impl IntoView {
    let AppealPrint(printing) = expect_context::<AppealPrint>();
    move || printing.get().map(|(total, lines)| view! { <Manifest total lines /> })
}

#[component]
fn Manifest(total: u32, lines: Vec<AppealLine>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let now = controls.clock.now.get_untracked();
    let zone = super::zone_of(controls);
    let text = t();
    let printed = lines.len() as u32;
    let cell = |time: Option<String>| time.unwrap_or_default();
    let rows = lines
        .into_iter()
        .map(|line| {
            let shipping = [line.carrier, line.tracking_id].into_iter().flatten().collect::<Vec<_>>().join(" ");
            view! {
                <tr data-testid="appeal-line">
                    <td><strong>{line.order_id}</strong><br /><small>{line.rule_version}</small></td>
                    <td>{cell(line.paid)}</td>
                    <td>{cell(line.awaiting_shipment)}</td>
                    <td>{cell(line.dispatch_deadline)}</td>
                    <td>{cell(line.shipped)}</td>
                    <td>{cell(line.first_scan)}</td>
                    <td>{cell(line.delivered)}</td>
                    <td>{shipping}</td>
                    <td class="sc-lines">{line.findings.join("\n")}</td>
                    <td>{line.note}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="sc-print sc-appeal" data-testid="appeal-view">
            <h2>{(text.appeal_title)(total, &(text.when)(&zone, now))}</h2>
            <p>{(text.appeal_intro)(zone.name())}</p>
            {(total > printed).then(|| view! { <p>{(text.print_first)(printed, total)}</p> })}
            <table>
                <thead>
                    <tr>{text.appeal_columns.map(|name| view! { <th scope="col">{name}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
