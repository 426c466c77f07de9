//! "Check a tracking number": a tool in the bar, for a number the seller is about to upload. The
//! worker judges it ([`Request::Tracking`]); the page shows the verdict with its colour, icon
//! and words.

use leptos::prelude::*;

use super::i18n::t;
use super::icon::{Icon, StatusIcon};
use super::{unique_id, Controls};
use crate::engine::protocol::{Request, Response};
use crate::engine::tracking::carriers::CARRIERS;
use crate::engine::tracking::{TrackingCheck, Validity};

/// The button in the bar, and the dialog it opens.
#[component]
pub fn TrackingTool() -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    view! {
        <button
            class="sc-chip"
            data-testid="tracking-open"
            aria-haspopup="dialog"
            on:click=move |_| {
                if let Some(dialog) = dialog.get_untracked() {
                    let _ = dialog.show_modal();
                }
            }
        >
            {move || t().tracking_tool}
        </button>
        <dialog class="sc-dialog sc-tracking" node_ref=dialog data-testid="tracking" aria-label=move || t().tracking_title>
            <header class="sc-dialog-head">
                <h2>{move || t().tracking_title}</h2>
                <button data-testid="tracking-close" on:click=move |_| {
                    if let Some(dialog) = dialog.get_untracked() {
                        dialog.close();
                    }
                }>{move || t().close}</button>
            </header>
            <TrackingCheckBox />
        </dialog>
    }
}

#[component]
fn TrackingCheckBox() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let (number, carrier) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let result = RwSignal::new(None::<TrackingCheck>);
    // The datalist needs an id; each mounted app has its own.
    let carriers_id = unique_id("sc-carriers");
    Effect::new(move |_| {
        let (number, carrier) = (number.get(), carrier.get());
        if number.trim().is_empty() {
            result.set(None);
            return;
        }
        let carrier = Some(carrier.trim().to_owned()).filter(|c| !c.is_empty());
        let asked = number.clone();
        leptos::task::spawn_local(async move {
            if let Response::Tracking(check) = controls.ask(Request::Tracking { number, carrier }).await {
                // The answer to what is in the box now, not to an earlier keystroke.
                if check.input == asked {
                    let _ = result.try_set(Some(check));
                }
            }
        });
    });
    let verdict = move || {
        result.with(|result| {
            let result = result.as_ref()?;
            let (class, icon, words) = verdict(controls, result);
            Some(view! {
                <p class=format!("sc-tracking-result {class}") data-testid="tracking-result" data-verdict=class>
                    <StatusIcon icon />
                    <span>{words}</span>
                </p>
            })
        })
    };
    view! {
        <div class="sc-fields">
            <label class="sc-field">
                <span>{move || t().tracking_number}</span>
                <input
                    type="text"
                    data-testid="tracking-input"
                    autocomplete="off"
                    spellcheck="false"
                    on:input=move |ev| number.set(event_target_value(&ev))
                />
            </label>
            <label class="sc-field">
                <span>{move || t().carrier_optional}</span>
                <input
                    type="text"
                    data-testid="tracking-carrier"
                    list=carriers_id.clone()
                    autocomplete="off"
                    on:input=move |ev| carrier.set(event_target_value(&ev))
                />
            </label>
            <datalist id=carriers_id>
                {CARRIERS.iter().map(|c| view! { <option value=c.name></option> }).collect_view()}
            </datalist>
        </div>
        <div aria-live="polite">{verdict}</div>
    }
}

/// The verdict's tone, icon and words: the carrier and format, or the reason.
fn verdict(controls: Controls, result: &TrackingCheck) -> (&'static str, Icon, String) {
    let text = t();
    let locale = controls.locale.get();
    let reason =
        locale.pick(result.reason.as_deref().unwrap_or_default(), result.reason_zh.as_deref().unwrap_or_default());
    match (result.validity, result.fits_carrier, result.format()) {
        _ if result.not_a_number => ("sc-bad", Icon::Warning, (text.tracking_junk)(reason)),
        (Validity::Valid, Some(false), _) => ("sc-bad", Icon::Warning, (text.tracking_other_carrier)(reason)),
        (Validity::Valid, _, Some(found)) => {
            let others: Vec<&str> = result.matches.iter().skip(1).map(|m| m.carrier.as_str()).collect();
            let also = if others.is_empty() {
                String::new()
            } else {
                (text.tracking_also_fits)(&others.join(text.list_separator))
            };
            ("sc-ok", Icon::Ok, format!("{}{also}", (text.tracking_valid)(&found.carrier, &found.format)))
        }
        (Validity::Invalid, ..) => ("sc-bad", Icon::Warning, (text.tracking_invalid)(reason)),
        // Unknown, but near a format or not the usual shape of the carrier named: why.
        _ if !reason.is_empty() => ("sc-unknown", Icon::Unknown, (text.tracking_unsure)(reason)),
        _ => ("sc-unknown", Icon::Unknown, text.tracking_unknown.to_owned()),
    }
}
