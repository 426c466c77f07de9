//! "Check one tracking number": the verdict on a number as the seller types it, before they
//! upload it to the platform.

use leptos::prelude::*;

use super::i18n::{locale, Locale};
use super::unique_id;

use crate::engine::tracking::carriers::CARRIERS;
use crate::engine::tracking::{check_tracking, TrackingCheck, Validity};

#[component]
pub fn TrackingCheckBox() -> impl IntoView {
    let language = locale();
    let t = language.text();
    let number = RwSignal::new(String::new());
    let carrier = RwSignal::new(String::new());
    // The datalist needs an id; each mounted app has its own.
    let carriers_id = unique_id("sc-carriers");
    let result = Memo::new(move |_| {
        number.with(|number| {
            let carrier = carrier.get();
            let carrier = Some(carrier.trim()).filter(|c| !c.is_empty());
            (!number.trim().is_empty()).then(|| check_tracking(number, carrier))
        })
    });
    view! {
        <section class="sc-tracking" aria-label=t.tracking_title>
            <h2>{t.tracking_title}</h2>
            <div class="sc-tracking-fields">
                <label>
                    {t.tracking_number}
                    <input
                        type="text"
                        data-testid="tracking-input"
                        autocomplete="off"
                        spellcheck="false"
                        on:input=move |ev| number.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    {t.carrier_optional}
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
            <p class="sc-tracking-result" data-testid="tracking-result" aria-live="polite">
                {move || result.with(|result| result.as_ref().map(|r| verdict_text(language, r)))}
            </p>
        </section>
    }
}

/// The verdict in words, with the carrier and format, or the reason.
fn verdict_text(language: Locale, result: &TrackingCheck) -> String {
    let t = language.text();
    let reason =
        language.pick(result.reason.as_deref().unwrap_or_default(), result.reason_zh.as_deref().unwrap_or_default());
    match (result.validity, result.fits_carrier, result.format()) {
        (Validity::Valid, Some(false), _) => (t.tracking_other_carrier)(reason),
        (Validity::Valid, _, Some(found)) => {
            let others: Vec<&str> = result.matches.iter().skip(1).map(|m| m.carrier.as_str()).collect();
            let also = if others.is_empty() { String::new() } else { (t.tracking_also_fits)(&others.join(", ")) };
            format!("{}{also}", (t.tracking_valid)(&found.carrier, found.format))
        }
        (Validity::Invalid, ..) => (t.tracking_invalid)(reason),
        _ => t.tracking_unknown.to_owned(),
    }
}
