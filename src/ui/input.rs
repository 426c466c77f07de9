//! Where orders come in: a paste box, a check button and the sample.

use leptos::prelude::*;

#[component]
pub fn OrderInput(
    text: RwSignal<String>,
    on_check: impl Fn() + 'static,
    on_sample: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <section class="sc-input">
            <label for="sc-paste">
                "Paste orders (CSV or cells copied from the Seller Center export, with its header row)"
            </label>
            <textarea
                id="sc-paste"
                data-testid="paste-input"
                rows="8"
                spellcheck="false"
                placeholder="Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="sc-actions">
                <button class="sc-primary" data-testid="check-button" on:click=move |_| on_check()>
                    "Check orders"
                </button>
                <button data-testid="sample-button" on:click=move |_| on_sample()>
                    "Try sample orders"
                </button>
            </div>
        </section>
    }
}
