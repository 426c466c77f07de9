//! The settings panel: the rule profile in use, chosen from the presets and edited value by
//! value (the common ones as fields, every one as JSON), imported and exported as a file, and
//! remembered in this browser's local storage (see [`crate::engine::settings`] for the stored
//! shape and what happens to stored text this version cannot use).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::i18n::text;
use super::remembered;
use crate::engine::profile::Window;
use crate::engine::settings::{load, parse_profile, store, Loaded};
use crate::engine::{RuleProfile, Zone};

const STORAGE_KEY: &str = "shipcheck.settings";

/// The profile this browser remembered, or the default one; with the reason when something was
/// stored but cannot be used.
pub fn stored_profile() -> (RuleProfile, Option<String>) {
    let text = remembered::read(STORAGE_KEY);
    match load(text.as_deref()) {
        Loaded::Nothing => (RuleProfile::default(), None),
        Loaded::Profile(profile) => (*profile, None),
        Loaded::Unusable(reason) => (RuleProfile::default(), Some(reason)),
    }
}

/// Keeps `profile` for the next visit. A full or disabled storage only means it is not kept.
pub fn remember(profile: &RuleProfile) {
    remembered::write(STORAGE_KEY, &store(profile));
}

/// Marks a profile as changed from what its source says, once; an edited profile is the
/// version it was edited from, pinned: it judges every order.
fn edited(mut profile: RuleProfile) -> RuleProfile {
    if !profile.is_pinned() {
        profile.versions.drain(..profile.versions.len() - 1);
    }
    if !profile.name.ends_with(" (edited)") {
        profile.name.push_str(" (edited)");
    }
    profile
}

#[component]
pub fn Settings(
    profile: RwSignal<RuleProfile>,
    on_change: impl Fn(RuleProfile) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // Every field edits the profile in use and hands the result on.
    let edit = move |change: &dyn Fn(&mut RuleProfile)| {
        let mut changed = profile.get_untracked();
        change(&mut changed);
        on_change(edited(changed));
    };
    let t = text();
    let presets = RuleProfile::presets();
    let dispatch_label = Memo::new(move |_| {
        profile.with(|p| match p.latest().windows.dispatch {
            Window::CalendarHours(_) => t.dispatch_within_hours,
            Window::BusinessDays { .. } | Window::CalendarDays { .. } => t.dispatch_within_days,
        })
    });
    view! {
        <button
            class="sc-settings-open"
            data-testid="settings-open"
            aria-haspopup="dialog"
            on:click=move |_| {
                if let Some(dialog) = dialog.get_untracked() {
                    let _ = dialog.show_modal();
                }
            }
        >
            {t.rules_and_settings}
        </button>
        <dialog class="sc-detail sc-settings" node_ref=dialog aria-label=t.rules_and_settings data-testid="settings">
            <header class="sc-detail-head">
                <h3>{t.rules_and_settings}</h3>
                <button data-testid="settings-close" on:click=move |_| {
                    if let Some(dialog) = dialog.get_untracked() {
                        dialog.close();
                    }
                }>{t.close}</button>
            </header>
            <p class="sc-note">
                {t.settings_help}
                {move || profile.with(|p| (t.in_use)(&p.name, &p.latest().source, &p.latest().as_of.to_string()))}
            </p>
            <label class="sc-field">
                {t.market_rules}
                <select
                    data-testid="profile-select"
                    prop:value=move || profile.with(|p| p.id.clone())
                    on:change=move |ev| {
                        if let Some(preset) = RuleProfile::preset(&event_target_value(&ev)) {
                            on_change(preset);
                        }
                    }
                >
                    {presets.into_iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view()}
                </select>
            </label>
            <fieldset class="sc-fields">
                <legend>{t.deadlines}</legend>
                <label class="sc-field">
                    {t.time_zone}
                    <select
                        data-testid="setting-time-zone"
                        prop:value=move || profile.with(|p| p.time_zone.name().to_owned())
                        on:change=move |ev| {
                            if let Ok(zone) = Zone::from_name(&event_target_value(&ev)) {
                                edit(&|p| p.time_zone = zone);
                            }
                        }
                    >
                        {Zone::all().iter().map(|zone| view! { <option value=zone.name()>{zone.name()}</option> }).collect_view()}
                    </select>
                </label>
                // Drawn again only when the window's unit changes (another preset).
                {move || view! {
                <NumberField
                    label=dispatch_label.get()
                    test_id="setting-dispatch"
                    value=move || profile.with(|p| p.latest().windows.dispatch.length() as f64)
                    step=1.0
                    set=move |value| edit(&|p| {
                        let dispatch = &mut p.latest_mut().windows.dispatch;
                        let value = value.max(0.0) as u32;
                        *dispatch = match *dispatch {
                            Window::CalendarHours(_) => Window::CalendarHours(value),
                            Window::BusinessDays { cutoff, order_cutoff, .. } => {
                                Window::BusinessDays { days: value, cutoff, order_cutoff }
                            }
                            Window::CalendarDays { cutoff, .. } => Window::CalendarDays { days: value, cutoff },
                        }
                    })
                />
                }}
                <NumberField
                    label=t.due_soon_hours
                    test_id="setting-due-soon"
                    value=move || profile.with(|p| p.due_soon_hours as f64)
                    step=1.0
                    set=move |value| edit(&|p| p.due_soon_hours = value.max(0.0) as u32)
                />
            </fieldset>
            <fieldset class="sc-fields">
                <legend>{t.metric_limits}</legend>
                <NumberField label=t.late_dispatch_max test_id="setting-late-dispatch-max"
                    value=move || profile.with(|p| p.metrics.late_dispatch.target * 100.0) step=0.1
                    set=move |v| edit(&|p| p.metrics.late_dispatch.target = (v / 100.0).clamp(0.0, 1.0)) />
                <NumberField label=t.valid_tracking_min test_id="setting-valid-tracking-min"
                    value=move || profile.with(|p| p.metrics.valid_tracking.target * 100.0) step=0.1
                    set=move |v| edit(&|p| p.metrics.valid_tracking.target = (v / 100.0).clamp(0.0, 1.0)) />
                <NumberField label=t.on_time_min test_id="setting-on-time-min"
                    value=move || profile.with(|p| p.metrics.on_time_delivery.target * 100.0) step=0.1
                    set=move |v| edit(&|p| p.metrics.on_time_delivery.target = (v / 100.0).clamp(0.0, 1.0)) />
                <NumberField label=t.cancellation_max test_id="setting-cancellation-max"
                    value=move || profile.with(|p| p.metrics.seller_fault_cancellation.target * 100.0) step=0.1
                    set=move |v| edit(&|p| p.metrics.seller_fault_cancellation.target = (v / 100.0).clamp(0.0, 1.0)) />
            </fieldset>
            <ClosedDays profile edit />
            <ProfileJson profile on_change />
            <div class="sc-actions">
                <button
                    data-testid="profile-reset"
                    on:click=move |_| {
                        let id = profile.with_untracked(|p| p.id.clone());
                        on_change(RuleProfile::preset(&id).unwrap_or_default());
                    }
                >
                    {t.reset_to_preset}
                </button>
            </div>
        </dialog>
    }
}

#[component]
fn NumberField(
    label: &'static str,
    test_id: &'static str,
    value: impl Fn() -> f64 + Send + Sync + 'static,
    step: f64,
    set: impl Fn(f64) + 'static,
) -> impl IntoView {
    view! {
        <label class="sc-field">
            {label}
            <input
                type="number"
                min="0"
                step=step
                data-testid=test_id
                prop:value=move || format!("{}", (value() * 1000.0).round() / 1000.0)
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).trim().parse::<f64>() {
                        if value.is_finite() {
                            set(value);
                        }
                    }
                }
            />
        </label>
    }
}

/// Days the warehouse is closed, on top of the public holidays: deadlines skip them.
#[component]
fn ClosedDays(
    profile: RwSignal<RuleProfile>,
    edit: impl Fn(&dyn Fn(&mut RuleProfile)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = text();
    let day = NodeRef::<leptos::html::Input>::new();
    let add = move |_| {
        let Some(input) = day.get_untracked() else { return };
        if let Ok(date) = NaiveDate::parse_from_str(&input.value(), "%Y-%m-%d") {
            edit(&|p| {
                let days = &mut p.calendar.closed_days;
                if !days.contains(&date) {
                    days.push(date);
                    days.sort_unstable();
                }
            });
            input.set_value("");
        }
    };
    view! {
        <fieldset class="sc-fields">
            <legend>{t.warehouse_closed}</legend>
            <ul class="sc-closed-days" data-testid="closed-days">
                {move || profile.with(|p| p.calendar.closed_days.clone()).into_iter().map(|date| view! {
                    <li>
                        {date.to_string()}
                        " "
                        <button
                            aria-label=(t.remove_day)(&date.to_string())
                            on:click=move |_| edit(&|p| p.calendar.closed_days.retain(|d| *d != date))
                        >{t.remove}</button>
                    </li>
                }).collect_view()}
            </ul>
            <label class="sc-field">
                {t.add_closed_day}
                <input type="date" node_ref=day data-testid="closed-day-input" />
            </label>
            <button data-testid="closed-day-add" on:click=add>{t.add}</button>
        </fieldset>
    }
}

/// The whole profile as JSON: every value, editable; and the same as a file to keep or share.
#[component]
fn ProfileJson(
    profile: RwSignal<RuleProfile>,
    on_change: impl Fn(RuleProfile) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = text();
    let error = RwSignal::new(None::<String>);
    let json = NodeRef::<leptos::html::Textarea>::new();
    let apply = move |text: &str| match parse_profile(text) {
        Ok(parsed) => {
            error.set(None);
            on_change(parsed);
        }
        Err(reason) => error.set(Some(reason)),
    };
    let pretty = move || profile.with(|p| serde_json::to_string_pretty(p).unwrap_or_default());
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                Ok(text) => apply(&text),
                Err(e) => error.set(Some((t.file_unreadable)(&e.to_string()))),
            }
        });
    };
    view! {
        <details class="sc-profile-json">
            <summary>{t.every_value_json}</summary>
            <textarea data-testid="profile-json" rows="16" spellcheck="false" node_ref=json prop:value=pretty></textarea>
            {move || error.get().map(|reason| view! {
                <p class="sc-error" role="alert" data-testid="profile-json-error">{(t.not_applied)(&reason)}</p>
            })}
            <div class="sc-actions">
                <button data-testid="profile-json-apply" on:click=move |_| {
                    if let Some(json) = json.get_untracked() {
                        apply(&json.value());
                    }
                }>{t.apply_json}</button>
                <button data-testid="profile-export" on:click=move |_| {
                    let id = profile.with_untracked(|p| p.id.clone());
                    super::download::save(&format!("shipcheck-profile-{id}.json"), "application/json", &pretty());
                }>{t.export_profile}</button>
                <label class="sc-file-button">
                    {t.import_profile}
                    <input type="file" accept=".json,application/json" data-testid="profile-import" on:change=import />
                </label>
            </div>
        </details>
    }
}
