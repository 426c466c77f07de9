//! How the orders were read, as a view of its own: the counts, the zone the times were read in
//! (with a selector), each file's format and the order its dates were read in, what a missing
//! column costs, the rules that judged the orders, and the rows not used, a page at a time, all
//! of them downloadable.

use leptos::prelude::*;

use super::i18n::{count, t, Words};
use super::words::{column_label, missing_column_effect, profile_name};
use super::{download, Controls, Source};
use crate::engine::import::{DecidedBy, Encoding, FileSummary, SkippedRow};
use crate::engine::protocol::{FileRequest, Reading, Request, Response};
use crate::engine::timestamp::DateOrder;
use crate::engine::view::SKIPPED_SHOWN;
use crate::engine::Zone;

#[component]
pub fn ImportView() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let summary = controls.summary;
    let read_line = move || {
        summary
            .with(|s| s.as_ref().map(|s| (t().read_rows)(s.rows, s.rows_used, s.orders, s.skipped, s.description_rows)))
    };
    let missing = move || summary.with(|s| s.as_ref().map(|s| s.missing_columns.clone()).unwrap_or_default());
    let files = move || summary.with(|s| s.as_ref().map(|s| s.files.clone()).unwrap_or_default());
    let merged = move || {
        summary.with(|s| {
            let s = s.as_ref()?;
            Some((s.orders_in_several_files, s.merged_example.clone()?))
        })
    };
    let updated = move || summary.with(|s| s.as_ref().map(|s| s.orders_updated).filter(|n| *n > 0));
    view! {
        <section class="sc-import" data-testid="import-summary" aria-label=move || t().view_import_title>
            <p data-testid="read-line">{read_line}</p>
            <ZoneChoice />
            <RulesUsed />
            {move || {
                let missing = missing();
                (!missing.is_empty()).then(|| view! {
                    <div class="sc-missing" data-testid="missing-columns">
                        <h3>{move || t().columns_missing}</h3>
                        <ul>
                            {missing.into_iter().map(|column| view! {
                                <li><strong>{move || column_label(column)}</strong>{move || t().colon}{move || missing_column_effect(column)}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            <h3>{move || t().files_read}</h3>
            <ul class="sc-files-read">
                {move || files().into_iter().map(|file| view! { <FileLine file /> }).collect_view()}
            </ul>
            <FileShops />
            {move || merged().map(|(n, example)| view! { <p class="sc-note">{move || (t().merged)(n, &example)}</p> })}
            {move || updated().map(|n| view! { <p class="sc-note" data-testid="orders-updated">{move || (t().orders_updated)(n)}</p> })}
            <ReadingOptions />
            <RowNotes />
            <SkippedRows />
        </section>
    }
}

/// The zone times without an offset were read in, and a selector to read them in another.
#[component]
fn ZoneChoice() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let zone = move || controls.summary.with(|s| s.as_ref().map(|s| s.time_zone.clone()).unwrap_or_default());
    view! {
        <label class="sc-field sc-zone">
            <span>{move || t().times_read_in}</span>
            <select
                data-testid="zone-select"
                on:change=move |ev| {
                    if let Ok(zone) = Zone::from_name(&event_target_value(&ev)) {
                        controls.change_reading(Reading { time_zone: Some(zone), ..controls.reading.get_untracked() });
                    }
                }
            >
                {move || {
                    let chosen = zone();
                    Zone::all().iter().map(|z| {
                        let selected = z.name() == chosen;
                        view! { <option value=z.name() prop:selected=selected>{z.name()}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// The rule versions that judged the orders, with how many each, and their sources.
#[component]
fn RulesUsed() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let versions =
        move || controls.summary.with(|s| s.as_ref().map(|s| s.profile.versions.clone()).unwrap_or_default());
    let name = move || controls.profile.with(|p| profile_name(controls.locale.get(), p).to_owned());
    view! {
        <div class="sc-rules-used" data-testid="rule-versions">
            <p>{move || (t().judged_by)(&name())}</p>
            <ul>
                {move || versions().into_iter().map(|v| {
                    let from = v.effective_from.to_string();
                    let orders = v.orders;
                    let source = move || controls.locale.get().pick_given(&v.source, v.source_zh.as_deref()).to_owned();
                    view! { <li>{move || (t().version_judged)(&from, orders)} " " <cite>{source}</cite></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// How one file was read, in a sentence, with the sheet picker for a workbook of several.
#[component]
fn FileLine(file: FileSummary) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let sheets = file.sheets.clone();
    let read = file.sheet.clone();
    let choice = (sheets.len() > 1).then(|| {
        view! {
            <label class="sc-sheet">
                {move || t().sheet}
                " "
                <select
                    data-testid="sheet-select"
                    on:change=move |ev| {
                        let sheet = Some(event_target_value(&ev));
                        controls.change_reading(Reading { sheet, ..controls.reading.get_untracked() })
                    }
                >
                    {sheets.into_iter().map(|name| {
                        let selected = read.as_ref() == Some(&name);
                        view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    });
    let sample = controls.source.with_untracked(|s| *s == Source::Sample);
    view! {
        <li data-testid="file-summary">
            <span data-testid="file-read">{move || describe_file(&file, sample)}</span>
            " "
            {choice}
        </li>
    }
}

/// The shop each file's orders are of, named by the seller when several shops' exports are read
/// together and the files have no shop column: the orders are read again with the names. Drawn
/// from the files picked, which a new reading leaves alone, so what is being typed stays.
#[component]
fn FileShops() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let names = move || match controls.source.get() {
        Source::Files(names) if names.len() > 1 => names,
        _ => Vec::new(),
    };
    view! {
        <Show when=move || !names().is_empty()>
            <fieldset class="sc-file-shops" data-testid="file-shops">
                <legend>{move || t().shop_of_each_file}</legend>
                {move || names().into_iter().map(|name| view! { <FileShop name /> }).collect_view()}
            </fieldset>
        </Show>
    }
}

#[component]
fn FileShop(name: String) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let named = {
        let name = name.clone();
        move || {
            controls.reading.with(|r| r.file_shops.iter().find(|(file, _)| *file == name).map(|(_, shop)| shop.clone()))
        }
    };
    view! {
        <label class="sc-file-shop">
            <span class="sc-mono">{name.clone()}</span>
            <input
                type="text"
                data-testid="file-shop"
                size="14"
                placeholder=move || t().shop_placeholder
                prop:value=move || named().unwrap_or_default()
                on:change=move |ev| {
                    let shop = event_target_value(&ev).trim().to_owned();
                    let mut reading = controls.reading.get_untracked();
                    reading.file_shops.retain(|(file, _)| *file != name);
                    if !shop.is_empty() {
                        reading.file_shops.push((name.clone(), shop));
                    }
                    controls.change_reading(reading);
                }
            />
        </label>
    }
}

/// "orders.csv: CSV, UTF-8, comma-separated, 12 rows, Paid Time read as DD/MM/YYYY (as its
/// values show)." Text without a file name is the sample or what was pasted.
fn describe_file(file: &FileSummary, sample: bool) -> String {
    let text = t();
    let mut parts = vec![file.format.to_uppercase()];
    match &file.sheet {
        // A workbook has no encoding or separator of its own to report.
        Some(sheet) => parts.push((text.sheet_read)(sheet)),
        None => parts.push(file.encoding.to_string()),
    }
    match file.delimiter {
        Some('\t') => parts.push(text.tab_separated.into()),
        Some(';') => parts.push(text.semicolon_separated.into()),
        Some(',') => parts.push(text.comma_separated.into()),
        _ => {}
    }
    parts.push((text.rows)(file.rows));
    if file.description_rows > 0 {
        parts.push(text.description_row_recognised.into());
    }
    for choice in &file.date_orders {
        let why = match choice.decided_by {
            DecidedBy::Values => text.by_values,
            DecidedBy::Default => text.by_default,
            DecidedBy::Conflict => text.by_conflict,
            DecidedBy::Override => text.by_override,
        };
        parts.push((text.read_as)(column_label(choice.column), choice.order.pattern(), why));
    }
    if !file.unrecognised_columns.is_empty() {
        parts.push((text.columns_not_read)(&file.unrecognised_columns.join(text.list_separator)));
    }
    let unnamed = if sample { text.sample_orders } else { text.pasted_text };
    let name = file.file.clone().unwrap_or_else(|| unnamed.to_owned());
    (text.file_read)(&name, &parts.join(text.list_separator))
}

/// The encoding and the order of slashed dates, for the files detection gets wrong: here, and
/// under a check that failed (a file in an encoding nothing announced may not read at all).
#[component]
pub fn ReadingOptions() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let reading = controls.reading;
    let encodings: [(&str, Words); 5] = [
        ("", || t().detect),
        ("utf-8", || "UTF-8"),
        ("utf-16le", || "UTF-16 LE"),
        ("utf-16be", || "UTF-16 BE"),
        ("gb18030", || t().gb18030),
    ];
    let orders: [(&str, Words); 3] =
        [("", || t().detect), ("month-first", || "MM/DD/YYYY"), ("day-first", || "DD/MM/YYYY")];
    let encoding_value = move || reading.with(|r| r.encoding.map_or("", Encoding::code));
    let order_value = move || {
        reading.with(|r| match r.date_order {
            None => "",
            Some(DateOrder::MonthFirst) => "month-first",
            Some(DateOrder::DayFirst) => "day-first",
        })
    };
    view! {
        <details class="sc-reading">
            <summary>{move || t().reading_options}</summary>
            <div class="sc-fields">
                <label class="sc-field">
                    <span>{move || t().encoding}</span>
                    <select
                        data-testid="encoding-select"
                        prop:value=encoding_value
                        on:change=move |ev| {
                            let encoding = Encoding::parse(&event_target_value(&ev));
                            controls.change_reading(Reading { encoding, ..reading.get_untracked() });
                        }
                    >
                        {encodings.map(|(value, name)| view! { <option value=value>{name}</option> })}
                    </select>
                </label>
                <label class="sc-field">
                    <span>{move || t().slashed_dates}</span>
                    <select
                        data-testid="date-order-select"
                        prop:value=order_value
                        on:change=move |ev| {
                            let date_order = match event_target_value(&ev).as_str() {
                                "month-first" => Some(DateOrder::MonthFirst),
                                "day-first" => Some(DateOrder::DayFirst),
                                _ => None,
                            };
                            controls.change_reading(Reading { date_order, ..reading.get_untracked() });
                        }
                    >
                        {orders.map(|(value, name)| view! { <option value=value>{name}</option> })}
                    </select>
                </label>
            </div>
        </details>
    }
}

/// The rows not used, each with its line and reason, a page at a time; and all of them as CSV.
/// Rows used with something said of them: another row of the order says otherwise, or a
/// quantity could not be read.
#[component]
fn RowNotes() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let notes = move || controls.summary.with(|s| s.as_ref().map(|s| (s.notes, s.notes_first.clone())));
    move || {
        let (total, notes) = notes().filter(|(total, _)| *total > 0)?;
        let shown = notes.len();
        Some(view! {
            <div class="sc-skipped" data-testid="row-notes">
                <h3>{move || (t().rows_with_notes)(total, shown)}</h3>
                <ul>
                    {notes.into_iter().map(|note| {
                        let place = move || match &note.file {
                            Some(file) => (t().line_in_file)(file, note.line),
                            None => (t().line)(note.line),
                        };
                        let text = move || controls.locale.get().pick(&note.note, &note.note_zh).to_owned();
                        view! { <li data-testid="row-note">{place.clone()}{move || t().colon}{text}</li> }
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}

#[component]
fn SkippedRows() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let total = move || controls.summary.with(|s| s.as_ref().map_or(0, |s| s.skipped));
    let page = RwSignal::new(0usize);
    let rows = RwSignal::new(Vec::<SkippedRow>::new());
    // The first page came with the check; the others are asked for.
    Effect::new(move |_| {
        controls.epoch.track();
        page.set(0);
    });
    Effect::new(move |_| {
        let first = page.get() * SKIPPED_SHOWN;
        if first == 0 {
            rows.set(controls.summary.with(|s| s.as_ref().map(|s| s.skipped_first.clone()).unwrap_or_default()));
            return;
        }
        let request = Request::Skipped { start: first as u32, end: (first + SKIPPED_SHOWN) as u32 };
        leptos::task::spawn_local(async move {
            if let Response::Skipped { rows: page_rows, .. } = controls.ask(request).await {
                let _ = rows.try_set(page_rows);
            }
        });
    });
    let pages = move || total().div_ceil(SKIPPED_SHOWN).max(1);
    let download = move |_| {
        leptos::task::spawn_local(async move {
            if let Ok((_, blob)) = controls.file(FileRequest::SkippedCsv).await {
                download::save_file("shipcheck-rows-not-used.csv", "text/csv;charset=utf-8", &blob);
            }
        });
    };
    view! {
        <div class="sc-skipped" hidden=move || total() == 0>
            <h3>{move || (t().rows_not_used)(total())}</h3>
            <ul>
                {move || rows.get().into_iter().map(|row| {
                    let place = move || match &row.file {
                        Some(file) => (t().line_in_file)(file, row.line),
                        None => (t().line)(row.line),
                    };
                    let reason = move || controls.locale.get().pick(&row.reason, &row.reason_zh).to_owned();
                    view! { <li data-testid="skipped-row">{place.clone()}{move || t().colon}{reason}</li> }
                }).collect_view()}
            </ul>
            <div class="sc-actions" hidden=move || pages() == 1>
                <button data-testid="skipped-previous" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p -= 1)>
                    {move || t().previous}
                </button>
                <span>{move || (t().page_of)(page.get() + 1, pages())}</span>
                <button data-testid="skipped-next" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>
                    {move || t().next}
                </button>
            </div>
            <button data-testid="skipped-download" on:click=download>{move || t().download_unused}</button>
        </div>
        <p class="sc-note" hidden=move || { total() > 0 }>{move || (t().every_row_used)(&count(controls.summary.with(|s| s.as_ref().map_or(0, |s| s.rows_used))))}</p>
    }
}
