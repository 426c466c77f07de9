//! When a check fails: why, in the seller's language; and when it was a file whose headers were
//! not recognised, the seller says which column is which. The choice is remembered for files
//! with the same header row (in this browser's local storage; only header names are stored,
//! never order data).

use leptos::prelude::*;

use super::i18n::t;
use super::words::column_name;
use super::{remembered, Controls};
use crate::engine::import::{Column, ColumnMapping};
use crate::engine::protocol::{Failure, MappingRequest};

/// Where remembered mappings live; the version changes if their shape does.
const STORAGE_KEY: &str = "shipcheck.column-mappings.v1";

/// The mappings this browser remembers; none if nothing (or something unreadable) is stored.
pub fn remembered() -> Vec<ColumnMapping> {
    remembered::read(STORAGE_KEY).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

fn remember(mapping: ColumnMapping) {
    let mut mappings = remembered();
    mappings.retain(|m| m.header != mapping.header);
    mappings.push(mapping);
    // A full or disabled storage only means the choice is not remembered next time.
    if let Ok(text) = serde_json::to_string(&mappings) {
        remembered::write(STORAGE_KEY, &text);
    }
}

/// Why the check failed; and the columns to map, when that is why.
#[component]
pub fn CheckFailed(failure: Failure) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let Failure { message, message_zh, mapping } = failure;
    view! {
        <p class="sc-error" role="alert" data-testid="import-error">
            {move || t().could_not_read}
            {move || controls.locale.get().pick(&message, &message_zh).to_owned()}
        </p>
        {mapping.map(|request| view! { <ColumnMappingDialog request /> })}
        <super::import_view::ReadingOptions />
    }
}

/// Asks which header holds each missing column; the orders are checked again once it is stored.
#[component]
fn ColumnMappingDialog(request: MappingRequest) -> impl IntoView {
    let controls = expect_context::<Controls>();
    // The columns to ask for: Order ID if missing; for the clock, Paid Time and Created Time.
    let asked: Vec<Column> = Column::NEEDED.into_iter().filter(|c| request.missing.contains(c)).collect();
    let choices: Vec<RwSignal<String>> = asked.iter().map(|_| RwSignal::new(String::new())).collect();
    let header = request.header.clone();
    let apply = {
        let (asked, choices) = (asked.clone(), choices.clone());
        move |_| {
            let columns: Vec<(Column, String)> = asked
                .iter()
                .zip(&choices)
                .filter_map(|(column, choice)| {
                    Some((*column, choice.get_untracked())).filter(|(_, name)| !name.is_empty())
                })
                .collect();
            remember(ColumnMapping { header: header.clone(), columns });
            controls.check_again();
        }
    };
    view! {
        <section class="sc-mapping" data-testid="column-mapping" aria-label=move || t().mapping_title>
            <h2>{move || t().mapping_title}</h2>
            <p>{move || t().mapping_help}</p>
            {asked.iter().zip(choices.iter().copied()).map(|(&column, choice)| {
                let options = request.header.clone();
                view! {
                    <label class="sc-field">
                        <span>{move || column_name(column)}</span>
                        <select
                            data-testid=format!("map-{}", column_id(column))
                            on:change=move |ev| choice.set(event_target_value(&ev))
                        >
                            <option value="">{move || t().mapping_none}</option>
                            {options.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                }
            }).collect_view()}
            <button class="sc-primary" data-testid="map-apply" on:click=apply>{move || t().mapping_apply}</button>
        </section>
    }
}

fn column_id(column: Column) -> &'static str {
    match column {
        Column::OrderId => "order_id",
        Column::PaidTime => "paid_time",
        Column::CreatedTime => "created_time",
        _ => "other",
    }
}
