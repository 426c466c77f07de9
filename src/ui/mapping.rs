//! When a file's headers are not recognised: the seller says which column is which, and the
//! choice is remembered for files with the same header row (in this browser's local storage;
//! only header names are stored, never order data).

use leptos::prelude::*;

use super::i18n::{text, Text};
use super::remembered;
use crate::engine::import::{Column, ColumnMapping, ImportError};

/// Where remembered mappings live; the version changes if their shape does.
const STORAGE_KEY: &str = "shipcheck.column-mappings.v1";

/// Why a check failed, and, when it was unrecognised headers, what to ask the seller.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: String,
    pub message_zh: String,
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
        Failure { message: error.to_string(), message_zh: error.chinese(), mapping }
    }
}

/// A failure the browser or the rules reported, in the one language they speak.
impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure { message_zh: message.clone(), message, mapping: None }
    }
}

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

/// Asks which header holds each missing column; `on_done` runs after the choice is stored.
#[component]
pub fn ColumnMappingDialog(request: MappingRequest, on_done: impl Fn() + 'static) -> impl IntoView {
    // The columns to ask for: Order ID if missing; for the clock, Paid Time and Created Time.
    let t = text();
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
        <section class="sc-mapping" data-testid="column-mapping" role="dialog" aria-label=t.mapping_title>
            <h2>{t.mapping_title}</h2>
            <p>{t.mapping_help}</p>
            {asked.iter().zip(choices.iter().copied()).map(|(column, choice)| {
                let options = request.header.clone();
                view! {
                    <label class="sc-mapping-row">
                        {label(t, *column)}
                        <select
                            data-testid=format!("map-{}", column_id(*column))
                            on:change=move |ev| choice.set(event_target_value(&ev))
                        >
                            <option value="">{t.mapping_none}</option>
                            {options.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                }
            }).collect_view()}
            <button class="sc-primary" data-testid="map-apply" on:click=apply>{t.mapping_apply}</button>
        </section>
    }
}

fn label(t: &Text, column: Column) -> &'static str {
    match column {
        Column::OrderId => t.column_order_id,
        Column::PaidTime => t.column_paid,
        Column::CreatedTime => t.column_created,
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
