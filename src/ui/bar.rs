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

/// "(3 overdue) ShipCheck" in the browser tab while orders are overdue, and the count on the
/// tab's icon; the page's own title and icon again when none are, and when the app goes.
pub fn use_overdue_title(controls: Controls) {
    let document = document();
    let original = document.title();
    let restore = original.clone();
    // The page's icon and what it shows, for the count to go on and come off.
    let icon = document.query_selector("link[rel~='icon']").ok().flatten();
    let icon = icon.and_then(|link| Some((link.get_attribute("href")?, link)));
    let restore_icon = send_wrapper::SendWrapper::new(icon.clone());
    Effect::new(move |_| {
        let overdue = controls.counts.with(|c| c.overdue);
        let text = match overdue {
            0 => original.clone(),
            n => (t().overdue_title)(n, &original),
        };
        document.set_title(&text);
        if let Some((href, link)) = &icon {
            let href = if overdue == 0 { href.clone() } else { overdue_icon(overdue) };
            let _ = link.set_attribute("href", &href);
        }
    });
    on_cleanup(move || {
        leptos::prelude::document().set_title(&restore);
        if let Some((href, link)) = restore_icon.take() {
            let _ = link.set_attribute("href", &href);
        }
    });
}

/// The app's icon with the overdue count on a red badge, as an SVG data URL.
fn overdue_icon(overdue: u32) -> String {
    let count = if overdue > 99 { "99+".to_owned() } else { overdue.to_string() };
    let size = if count.len() > 2 { 11 } else { 16 };
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='6' \
         fill='#0b5fff'/><circle cx='19' cy='13' r='13' fill='#d1242f'/><text x='19' y='{}' font-size='{size}' \
         font-family='sans-serif' font-weight='700' text-anchor='middle' fill='#fff'>{count}</text></svg>",
        13 + size * 3 / 8
    );
    format!("data:image/svg+xml,{}", svg.replace('#', "%23").replace('<', "%3C").replace('>', "%3E"))
}
