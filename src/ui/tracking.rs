//! "Check one tracking number": the verdict on a number as the seller types it, before they
//! upload it to the platform.

use leptos::prelude::*;

use crate::engine::tracking::carriers::CARRIERS;
use crate::engine::tracking::{check_tracking, TrackingCheck, Validity};

#[component]
pub fn TrackingCheckBox() -> impl IntoView {
    let number = RwSignal::new(String::new());
    let carrier = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        number.with(|number| {
            let carrier = carrier.get();
            let carrier = Some(carrier.trim()).filter(|c| !c.is_empty());
            (!number.trim().is_empty()).then(|| check_tracking(number, carrier))
        })
    });
    view! {
        <section class="sc-tracking" aria-labelledby="sc-tracking-title">
            <h2 id="sc-tracking-title">"Check one tracking number"</h2>
            <div class="sc-tracking-fields">
                <label>
                    "Tracking number"
                    <input
                        type="text"
                        data-testid="tracking-input"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || number.get()
                        on:input=move |ev| number.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "Carrier (optional)"
                    <input
                        type="text"
                        data-testid="tracking-carrier"
                        list="sc-carrier-names"
                        autocomplete="off"
                        prop:value=move || carrier.get()
                        on:input=move |ev| carrier.set(event_target_value(&ev))
                    />
                </label>
                <datalist id="sc-carrier-names">
                    {CARRIERS.iter().map(|c| view! { <option value=c.name></option> }).collect_view()}
                </datalist>
            </div>
            <p class="sc-tracking-result" data-testid="tracking-result" aria-live="polite">
                {move || result.with(|result| result.as_ref().map(verdict_text))}
            </p>
        </section>
    }
}

/// The verdict in words, with the carrier and format, or the reason.
fn verdict_text(result: &TrackingCheck) -> String {
    let reason = result.reason.as_deref().unwrap_or_default();
    match (result.validity, result.fits_carrier, result.format()) {
        (Validity::Valid, Some(false), _) => format!("✗ Not the named carrier's number: {reason}."),
        (Validity::Valid, _, Some(found)) => {
            let others: Vec<&str> = result.matches.iter().skip(1).map(|m| m.carrier.as_str()).collect();
            let also = if others.is_empty() { String::new() } else { format!(" Also fits: {}.", others.join(", ")) };
            format!("✓ Valid {} number ({}).{also}", found.carrier, found.format)
        }
        (Validity::Invalid, ..) => format!("✗ Invalid: {reason}."),
        _ => "? No known format matches this number; the platform may still accept it.".to_owned(),
    }
}
