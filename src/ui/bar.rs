//! The bar over everything, one line once orders are checked: where they came from with a way
//! to change them, the rules judging them (a chip that opens the settings), the tracking tool,
//! and the language.

use leptos::prelude::*;

use super::i18n::{count, t, Locale};
use super::{settings, tracking, Controls, Source};

#[component]
pub fn Bar() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let checked = move || controls.summary.with(Option::is_some);
    let settings_open = RwSignal::new(false);
    view! {
        <header class="sc-bar">
            <div class="sc-brand">
                <h1>"ShipCheck"</h1>
                <p class="sc-tagline" hidden=checked>{move || t().tagline}</p>
            </div>
            <Show when=checked>
                <SourceChip />
            </Show>
            <div class="sc-bar-end">
                <button
                    class="sc-chip sc-rules-chip"
                    data-testid="settings-open"
                    aria-haspopup="dialog"
                    on:click=move |_| settings_open.set(true)
                >
                    <span class="sc-chip-label">{move || t().rules}</span>
                    <span data-testid="rules-chip">{move || rules_in_use(controls)}</span>
                </button>
                <tracking::TrackingTool />
                <LocaleSwitch />
            </div>
            <settings::Settings open=settings_open />
        </header>
    }
}

/// "US local sellers · from 2026-01-26": the profile, and the newest version that judged the
/// orders on the page (or that is in effect, before any check).
fn rules_in_use(controls: Controls) -> String {
    let locale = controls.locale.get();
    let name = controls.profile.with(|p| super::words::profile_name(locale, p).to_owned());
    let judged =
        controls.summary.with(|s| s.as_ref().and_then(|s| s.profile.versions.last().map(|v| v.effective_from)));
    let from = judged.unwrap_or_else(|| controls.profile.with(|p| p.latest().effective_from));
    format!("{name} · {}", (t().version_from)(&from.to_string()))
}

/// "orders.csv · 12 orders", and "Change", which opens the input over the board.
#[component]
fn SourceChip() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let source = move || {
        let text = t();
        controls.source.with(|source| match source {
            Source::Files(names) if names.len() == 1 => names[0].clone(),
            Source::Files(names) => (text.files_count)(&count(names.len())),
            Source::Sample => text.sample_orders.to_owned(),
            Source::Text | Source::Nothing => text.pasted_text.to_owned(),
        })
    };
    let orders = move || {
        let orders = controls.summary.with(|s| s.as_ref().map_or(0, |s| s.orders));
        (t().order_count)(orders)
    };
    view! {
        <div class="sc-source">
            <span data-testid="source-chip">
                <span class="sc-source-name">{source}</span>
                " · "
                <span data-testid="source-orders">{orders}</span>
            </span>
            <button
                class="sc-link"
                data-testid="input-change"
                aria-expanded=move || controls.input_open.get().to_string()
                on:click=move |_| controls.input_open.update(|open| *open = !*open)
            >
                {move || if controls.input_open.get() { t().hide_input } else { t().change_orders }}
            </button>
        </div>
    }
}

/// The language, switched in place and remembered.
#[component]
fn LocaleSwitch() -> impl IntoView {
    let controls = expect_context::<Controls>();
    view! {
        <select
            class="sc-locale"
            data-testid="locale-switch"
            aria-label=move || t().language
            prop:value=move || controls.locale.get().tag()
            on:change=move |ev| {
                let chosen = Locale::from_tag(&event_target_value(&ev));
                chosen.remember();
                controls.change_locale(chosen);
            }
        >
            {Locale::ALL.map(|option| view! { <option value=option.tag()>{option.text().language_name}</option> })}
        </select>
    }
}
