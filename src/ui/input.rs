//! Where orders come in: files picked or dropped, a paste box, a check button and the sample;
//! and how far a check under way has come, with Cancel.

use leptos::prelude::*;

use super::i18n::{count, t};
use super::{settings, Controls, Status};
use crate::engine::protocol::Progress;

/// "Reading orders.csv (1 of 2): 12.3 of 50.0 MB", or "Checking orders: 120,000 of 400,000".
fn describe(progress: &Progress) -> String {
    let text = t();
    if let Some((done, total)) = progress.checked {
        return (text.checking)(&count(done), &count(total));
    }
    let which = if progress.files > 1 { (text.file_of)(progress.number, progress.files) } else { String::new() };
    let (read, total) = (progress.bytes_read as f64 / 1e6, progress.total_bytes as f64 / 1e6);
    (text.reading)(&progress.file, &which, read, total)
}

/// The files of a file list, in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default()
}

/// A progress bar and Cancel while a check runs.
#[component]
pub fn CheckProgress() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let progress = move || match controls.status.get() {
        Status::Checking(progress) => Some(progress),
        _ => None,
    };
    view! {
        <div class="sc-progress" role="status" data-testid="import-progress" hidden=move || progress().is_none()>
            <progress
                max=move || progress().flatten().map_or(1, |p| p.total())
                value=move || progress().flatten().map(|p| p.done())
            ></progress>
            <span>{move || progress().map(|p| p.as_ref().map_or_else(|| t().starting.to_owned(), describe))}</span>
            <button data-testid="import-cancel" on:click=move |_| controls.cancel()>{move || t().cancel}</button>
        </div>
    }
}

#[component]
pub fn OrderInput() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let dragging = RwSignal::new(false);
    let check_files = move |files: Vec<web_sys::File>| {
        if !files.is_empty() {
            leptos::task::spawn_local(controls.check_files(files));
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        // Picking the same file again must fire `change` again.
        input.set_value("");
        check_files(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        check_files(files_of(ev.data_transfer().and_then(|transfer| transfer.files())));
    };
    view! {
        <section
            class="sc-input"
            class:sc-dragging=move || dragging.get()
            aria-label=move || t().orders_in
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <settings::FirstUse />
            <div class="sc-files">
                <label class="sc-file-button">
                    {move || t().choose_files}
                    <input
                        type="file"
                        multiple
                        accept=".csv,.tsv,.txt,.json,.xlsx,text/csv,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        data-testid="file-input"
                        on:change=on_pick
                    />
                </label>
                <span class="sc-hint">{move || t().drop_hint}</span>
            </div>
            <label class="sc-paste">
                <span>{move || t().paste_label}</span>
                <textarea
                    data-testid="paste-input"
                    rows="6"
                    spellcheck="false"
                    placeholder=move || t().paste_placeholder
                    prop:value=move || controls.text.get()
                    on:input=move |ev| controls.text.set(event_target_value(&ev))
                ></textarea>
            </label>
            <div class="sc-actions">
                <button class="sc-primary" data-testid="check-button" on:click=move |_| controls.check_text()>
                    {move || t().check_orders}
                </button>
                <button data-testid="sample-button" on:click=move |_| controls.check_sample()>
                    {move || t().try_sample}
                </button>
            </div>
            <p class="sc-note">{move || t().stays_here}</p>
        </section>
    }
}
