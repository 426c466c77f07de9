//! When a file's headers are not recognised: the seller says which column is which, and the
//! choice is remembered for files with the same header row (in this browser's local storage;
//! only header names are stored, never order data).

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::engine::import::{Column, ColumnMapping, ImportError};

/// Where remembered mappings live; the version changes if their shape does.
const STORAGE_KEY: &str = "shipcheck.column-mappings.v1";

/// Why a check failed, and, when it was unrecognised headers, what to ask the seller.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: String,
    pub mapping: Option<MappingRequest>,
}

/// A file whose needed columns were not found: its header row and what is missing.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingRequest {
    pub header: Vec<String>,
    pub missing: Vec<Column>,
}

impl From<ImportError> for Failure {
    fn from(error: ImportError) -> Failure {
        let mapping = match &error {
            ImportError::MissingColumns { found, missing, .. } => {
                Some(MappingRequest { header: found.clone(), missing: missing.clone() })
            }
            _ => None,
        };
        Failure { message: error.to_string(), mapping }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure { message, mapping: None }
    }
}

/// The mappings this browser remembers; none if nothing (or something unreadable) is stored.
pub fn remembered() -> Vec<ColumnMapping> {
    LocalStorage::get(STORAGE_KEY).unwrap_or_default()
}

fn remember(mapping: ColumnMapping) {
    let mut mappings = remembered();
    mappings.retain(|m| m.header != mapping.header);
    mappings.push(mapping);
    // A full or disabled storage only means the choice is not remembered next time.
    let _ = LocalStorage::set(STORAGE_KEY, mappings);
}

/// Asks which header holds each missing column; `on_done` runs after the choice is stored.
#[component]
pub fn ColumnMappingDialog(request: MappingRequest, on_done: impl Fn() + 'static) -> impl IntoView {
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
            on_done();
        }
    };
    view! {
        <section class="sc-mapping" data-testid="column-mapping" role="dialog" aria-labelledby="sc-mapping-title">
            <h2 id="sc-mapping-title">"Which columns are these?"</h2>
            <p>
                "ShipCheck did not recognise the columns it needs in this file. Choose them below; "
                "files with the same header row will be read the same way in this browser."
            </p>
            {asked.iter().zip(choices.iter().copied()).map(|(column, choice)| {
                let options = request.header.clone();
                view! {
                    <label class="sc-mapping-row">
                        {label(*column)}
                        <select
                            data-testid=format!("map-{}", column_id(*column))
                            on:change=move |ev| choice.set(event_target_value(&ev))
                        >
                            <option value="">"(none)"</option>
                            {options.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                }
            }).collect_view()}
            <button class="sc-primary" data-testid="map-apply" on:click=apply>"Use these columns"</button>
        </section>
    }
}

fn label(column: Column) -> &'static str {
    match column {
        Column::OrderId => "Order ID",
        Column::PaidTime => "Paid time (the clock starts here)",
        Column::CreatedTime => "Created time (if there is no paid time)",
        _ => column.header(),
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
