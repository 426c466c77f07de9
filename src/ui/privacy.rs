//! What this browser keeps, in the seller's hands: the opt-ins to open the last import again on
//! the next visit and to keep a history of exports ([`super::history`]), and one button that
//! forgets everything ShipCheck keeps here (marks and notes, the last import, the history,
//! settings) and says what it removed.
//!
//! The last import is kept as the browser's own `File` objects (IndexedDB stores them as they
//! are), or the pasted text, or "the sample": reopened, it is checked again at that moment, so
//! countdowns and findings are today's.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::i18n::{t, Words};
use super::kept::{self, Store, LAST_IMPORT};
use super::{history, remembered, Controls, Source};

const RESTORE: &str = "shipcheck.restore";

/// What was checked, as kept for the next visit.
pub enum LastImport {
    Files(Vec<web_sys::File>),
    Text(String),
    Sample,
}

fn wanted() -> bool {
    remembered::is_on(RESTORE)
}

impl LastImport {
    fn to_js(&self) -> JsValue {
        let kept = js_sys::Object::new();
        let (key, value): (&str, JsValue) = match self {
            LastImport::Files(files) => ("files", files.iter().collect::<js_sys::Array>().into()),
            LastImport::Text(text) => ("text", text.into()),
            LastImport::Sample => ("sample", true.into()),
        };
        let _ = js_sys::Reflect::set(&kept, &key.into(), &value);
        kept.into()
    }

    fn from_js(kept: &JsValue) -> Option<LastImport> {
        let field = |name: &str| js_sys::Reflect::get(kept, &name.into()).ok().filter(|v| !v.is_undefined());
        if let Some(files) = field("files") {
            let files = js_sys::Array::from(&files).iter().filter_map(|f| f.dyn_into().ok()).collect();
            return Some(LastImport::Files(files));
        }
        if let Some(text) = field("text").and_then(|text| text.as_string()) {
            return Some(LastImport::Text(text));
        }
        field("sample").map(|_| LastImport::Sample)
    }
}

thread_local! {
    /// What was checked last, as it would be kept: kept at once when the seller opts in.
    static LAST: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) };
}

/// Keeps what was just checked for the next visit, if the seller asked for that.
pub fn keep_last_import(last: LastImport) {
    let value = last.to_js();
    LAST.with(|kept| *kept.borrow_mut() = Some(value.clone()));
    if wanted() {
        leptos::task::spawn_local(async move {
            kept::put(Store::Imports, LAST_IMPORT, &value).await;
        });
    }
}

/// Opens the last import again, if the seller asked for that and nothing else was loaded first
/// (a host's own orders, a link).
pub fn use_restore(controls: Controls) {
    if !wanted() {
        return;
    }
    leptos::task::spawn_local(async move {
        let Some(kept) = kept::get(Store::Imports, LAST_IMPORT).await else { return };
        if controls.source.with_untracked(|source| *source != Source::Nothing) {
            return;
        }
        match LastImport::from_js(&kept) {
            Some(LastImport::Files(files)) if !files.is_empty() => controls.check_files(files).await,
            Some(LastImport::Text(text)) => {
                controls.text.set(text);
                controls.checked_text().await;
            }
            Some(LastImport::Sample) => controls.check_sample(),
            _ => {}
        }
    });
}

/// Keeps the last import as the seller now wants: the one on the page kept at once, or the
/// copy deleted.
fn keep_or_drop_last(on: bool) {
    remembered::set_on(RESTORE, on);
    let last = LAST.with(|last| last.borrow().clone());
    leptos::task::spawn_local(async move {
        match last {
            Some(last) if on => {
                kept::put(Store::Imports, LAST_IMPORT, &last).await;
            }
            _ => kept::delete(Store::Imports, LAST_IMPORT).await,
        }
    });
}

/// One of the opt-ins: a box ticked as `on` is, telling `changed` when the seller ticks it.
#[component]
fn Choice(test_id: &'static str, label: Words, on: RwSignal<bool>, changed: fn(bool)) -> impl IntoView {
    view! {
        <label class="sc-check">
            <input
                type="checkbox"
                data-testid=test_id
                prop:checked=move || on.get()
                on:change=move |ev| {
                    let ticked = event_target_checked(&ev);
                    on.set(ticked);
                    changed(ticked);
                }
            />
            {label}
        </label>
    }
}

/// The settings' section on what this browser keeps.
#[component]
pub fn KeptInBrowser() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let reminders = expect_context::<super::reminders::Reminders>();
    let restore = RwSignal::new(wanted());
    let history = RwSignal::new(history::wanted());
    let exports = RwSignal::new(0u32);
    // Counted again after each check, which may have kept another.
    Effect::new(move |_| {
        controls.epoch.track();
        leptos::task::spawn_local(async move {
            let _ = exports.try_set(history::count().await);
        });
    });
    let removed = RwSignal::new(None::<String>);
    let forget = move |_| {
        leptos::task::spawn_local(async move {
            let marks = kept::count(Store::Marks).await;
            let import = kept::get(Store::Imports, LAST_IMPORT).await.is_some();
            let files = history::count().await;
            kept::forget().await;
            let settings = remembered::forget_all();
            super::marks::clear(controls);
            reminders.switch_off();
            let _ = restore.try_set(false);
            let _ = history.try_set(false);
            let _ = exports.try_set(0);
            let _ = removed.try_set(Some((t().forgot)(marks, import, files, settings)));
        });
    };
    view! {
        <section class="sc-kept" data-testid="kept-in-browser">
            <h3>{move || t().kept_title}</h3>
            <Choice test_id="restore-last" label=|| t().restore_last on=restore changed=keep_or_drop_last />
            <Choice test_id="keep-history" label=|| t().keep_history on=history changed=history::set_wanted />
            <p class="sc-note" data-testid="history-count">{move || (t().exports_kept)(exports.get())}</p>
            <p class="sc-note">{move || t().restore_hint}</p>
            <button data-testid="forget-all" on:click=forget>{move || t().forget_all}</button>
            <p role="status" data-testid="forgot">{move || removed.get()}</p>
        </section>
    }
}
