//! The view and the board's filters in the page's URL (`#board?due=overdue&q=YT24`), so a
//! reload, a bookmark or a link shared with a colleague opens the same orders the same way.
//! Only for the app on a page of its own: a widget leaves its host's URL alone.

use leptos::prelude::*;

use super::{Controls, View};
use crate::engine::board::{BoardQuery, DueFilter, SortKey, STATES};
use crate::engine::marks::MarkFilter;
use crate::engine::metrics::MetricKind;
use crate::engine::FindingCode;

/// Keeps the URL's hash and the app in step, both ways.
pub fn use_hash(controls: Controls) {
    let apply = move || {
        let hash = window().location().hash().unwrap_or_default();
        let (view, query) = parse(hash.trim_start_matches('#'));
        controls.view.set(view);
        if controls.query.with_untracked(|q| *q != query) {
            controls.query.set(query);
        }
    };
    apply();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| apply());
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        let hash = format!("#{}", write(controls.view.get(), &controls.query.get()));
        let location = window().location();
        if location.hash().unwrap_or_default() != hash
            && !(hash == "#board" && location.hash().unwrap_or_default().is_empty())
        {
            // Replaced, not pushed: a seller typing a search should not have to press Back once a letter.
            let _ = window()
                .history()
                .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash)));
        }
    });
}

fn view_code(view: View) -> &'static str {
    match view {
        View::Board => "board",
        View::Dashboard => "dashboard",
        View::Import => "import",
    }
}

fn due_code(due: DueFilter) -> Option<String> {
    match due {
        DueFilter::Any => None,
        DueFilter::Overdue => Some("overdue".into()),
        DueFilter::WithinHours(hours) => Some(format!("{hours}h")),
        DueFilter::ToDispatch => Some("to_dispatch".into()),
    }
}

fn parse_due(code: &str) -> DueFilter {
    match code {
        "overdue" => DueFilter::Overdue,
        "to_dispatch" => DueFilter::ToDispatch,
        _ => code.strip_suffix('h').and_then(|h| h.parse().ok()).map_or(DueFilter::Any, DueFilter::WithinHours),
    }
}

/// `board?due=overdue&q=YT24`: the view, then what differs from the default query.
pub fn write(view: View, query: &BoardQuery) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    pairs.extend(due_code(query.due).map(|due| ("due", due)));
    pairs.extend(query.finding.map(|f| ("finding", f.code().to_owned())));
    pairs.extend(query.state.map(|s| ("state", s.code().to_owned())));
    pairs.extend(query.carrier.clone().map(|c| ("carrier", c)));
    pairs.extend(query.destination.clone().map(|d| ("destination", d)));
    pairs.extend(query.metric.map(|m| ("metric", m.code().to_owned())));
    pairs.extend(query.mark.map(|m| ("mark", m.code().to_owned())));
    pairs.extend(query.shop.clone().map(|shop| ("shop", shop)));
    if !query.search.is_empty() {
        pairs.push(("q", query.search.clone()));
    }
    if query.sort != SortKey::Urgency {
        pairs.push(("sort", query.sort.code().to_owned()));
    }
    if query.descending {
        pairs.push(("desc", "1".into()));
    }
    let mut hash = view_code(view).to_owned();
    for (i, (key, value)) in pairs.iter().enumerate() {
        hash.push(if i == 0 { '?' } else { '&' });
        hash.push_str(key);
        hash.push('=');
        hash.push_str(&String::from(js_sys::encode_uri_component(value)));
    }
    hash
}

/// What [`write`] wrote; anything unknown or mistyped is left at its default.
pub fn parse(hash: &str) -> (View, BoardQuery) {
    let (view, pairs) = hash.split_once('?').unwrap_or((hash, ""));
    let view = match view {
        "dashboard" => View::Dashboard,
        "import" => View::Import,
        _ => View::Board,
    };
    let mut query = BoardQuery::default();
    for pair in pairs.split('&') {
        let Some((key, value)) = pair.split_once('=') else { continue };
        let Ok(value) = js_sys::decode_uri_component(value).map(String::from) else { continue };
        match key {
            "due" => query.due = parse_due(&value),
            "finding" => query.finding = FindingCode::parse(&value),
            "state" => query.state = STATES.into_iter().find(|s| s.code() == value),
            "carrier" => query.carrier = Some(value),
            "destination" => query.destination = Some(value),
            "metric" => query.metric = MetricKind::parse(&value),
            "mark" => query.mark = MarkFilter::parse(&value),
            "shop" => query.shop = Some(value),
            "q" => query.search = value,
            "sort" => query.sort = SortKey::parse(&value).unwrap_or_default(),
            "desc" => query.descending = value == "1",
            _ => {}
        }
    }
    (view, query)
}
