//! Where orders come in: files picked or dropped, a paste box, a check button and the sample.

use leptos::prelude::*;

use super::files::Reading;
use super::i18n::{locale, Text};
use super::ImportProgress;
use crate::engine::import::Encoding;
use crate::engine::timestamp::DateOrder;

/// "Reading orders.csv (1 of 2): 12.3 of 50.0 MB, 120000 rows".
fn describe_progress(t: &Text, progress: &ImportProgress) -> String {
    if let Some((done, total)) = progress.checked {
        return (t.checking)(done, total);
    }
    let which = if progress.files > 1 { (t.file_of)(progress.number, progress.files) } else { String::new() };
    match progress.read {
        None => (t.opening)(&progress.file, &which),
        Some(read) => {
            let (done, total) = (read.bytes_read as f64 / 1e6, read.total_bytes as f64 / 1e6);
            if read.scanning_dates {
                (t.scanning_dates)(&progress.file, &which, done, total)
            } else {
                (t.reading)(&progress.file, &which, done, total, read.rows)
            }
        }
    }
}

/// The files of a file list, in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default()
}

#[component]
pub fn OrderInput(
    text: RwSignal<String>,
    /// The seller's overrides of how text and files are read.
    reading: RwSignal<Reading>,
    on_reading: impl Fn(Reading) + Copy + Send + Sync + 'static,
    on_check: impl Fn() + 'static,
    on_sample: impl Fn() + 'static,
    /// Called with the files the seller picked or dropped.
    on_files: impl Fn(Vec<web_sys::File>) + Clone + 'static,
    /// Where a file import stands; `None` when none is running.
    progress: RwSignal<Option<ImportProgress>>,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let t = locale().text();
    let dragging = RwSignal::new(false);
    let on_pick = {
        let on_files = on_files.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            let files = files_of(input.files());
            // Picking the same file again must fire `change` again.
            input.set_value("");
            if !files.is_empty() {
                on_files(files);
            }
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = files_of(ev.data_transfer().and_then(|transfer| transfer.files()));
        if !files.is_empty() {
            on_files(files);
        }
    };
    view! {
        <section
            class="sc-input"
            class:sc-dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <div class="sc-files">
                <label class="sc-file-button">
                    {t.choose_files}
                    <input
                        type="file"
                        multiple
                        accept=".csv,.tsv,.txt,.json,.xlsx,text/csv,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        data-testid="file-input"
                        on:change=on_pick
                    />
                </label>
                <span class="sc-hint">{t.drop_hint}</span>
            </div>
            <div class="sc-progress" role="status" data-testid="import-progress" hidden=move || progress.with(Option::is_none)>
                <progress
                    max=move || progress.with(|p| p.as_ref().map_or(1, ImportProgress::total).max(1))
                    value=move || progress.with(|p| p.as_ref().map_or(0, ImportProgress::done))
                ></progress>
                <span>{move || progress.with(|p| p.as_ref().map(|p| describe_progress(t, p)))}</span>
                <button data-testid="import-cancel" on:click=move |_| on_cancel()>{t.cancel}</button>
            </div>
            <label class="sc-paste">
                {t.paste_label}
                <textarea
                data-testid="paste-input"
                rows="8"
                spellcheck="false"
                placeholder="Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </label>
            <ReadingOptions reading on_reading />
            <div class="sc-actions">
                <button class="sc-primary" data-testid="check-button" on:click=move |_| on_check()>
                    {t.check_orders}
                </button>
                <button data-testid="sample-button" on:click=move |_| on_sample()>
                    {t.try_sample}
                </button>
            </div>
        </section>
    }
}

/// The encoding and the order of slashed dates, for the files detection gets wrong.
#[component]
fn ReadingOptions(
    reading: RwSignal<Reading>,
    on_reading: impl Fn(Reading) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = locale().text();
    let encodings = [
        ("", t.detect),
        ("utf-8", "UTF-8"),
        ("utf-16le", "UTF-16 LE"),
        ("utf-16be", "UTF-16 BE"),
        ("gb18030", t.gb18030),
    ];
    let orders = [("", t.detect), ("month-first", "MM/DD/YYYY"), ("day-first", "DD/MM/YYYY")];
    let encoding_value = move || {
        reading.with(|r| match r.encoding {
            None => "",
            Some(Encoding::Utf8) => "utf-8",
            Some(Encoding::Utf16Le) => "utf-16le",
            Some(Encoding::Utf16Be) => "utf-16be",
            Some(Encoding::Gb18030) => "gb18030",
        })
    };
    let order_value = move || {
        reading.with(|r| match r.date_order {
            None => "",
            Some(DateOrder::MonthFirst) => "month-first",
            Some(DateOrder::DayFirst) => "day-first",
        })
    };
    view! {
        <details class="sc-reading">
            <summary>{t.reading_options}</summary>
            <div class="sc-fields">
                <label class="sc-field">
                    {t.encoding}
                    <select
                        data-testid="encoding-select"
                        prop:value=encoding_value
                        on:change=move |ev| {
                            let encoding = Encoding::parse(&event_target_value(&ev));
                            on_reading(Reading { encoding, ..reading.get_untracked() });
                        }
                    >
                        {encodings.map(|(value, name)| view! { <option value=value>{name}</option> })}
                    </select>
                </label>
                <label class="sc-field">
                    {t.slashed_dates}
                    <select
                        data-testid="date-order-select"
                        prop:value=order_value
                        on:change=move |ev| {
                            let date_order = match event_target_value(&ev).as_str() {
                                "month-first" => Some(DateOrder::MonthFirst),
                                "day-first" => Some(DateOrder::DayFirst),
                                _ => None,
                            };
                            on_reading(Reading { date_order, ..reading.get_untracked() });
                        }
                    >
                        {orders.map(|(value, name)| view! { <option value=value>{name}</option> })}
                    </select>
                </label>
            </div>
        </details>
    }
}
