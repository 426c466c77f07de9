//! The rules in use: chosen from the presets (by answering where the seller ships from and to,
//! the first time), edited value by value or as JSON, imported and exported as a file, and
//! remembered in this browser (see [`crate::engine::settings`] for the stored shape).
//!
//! Edits go to a draft. Every field is checked where it is typed, and an impossible value is
//! refused beside it with the reason; nothing changes the orders until Apply, and Undo puts the
//! rules before the last Apply back.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::i18n::{t, Words};
use super::words::profile_name;
use super::{remembered, Controls};
use crate::engine::profile::{Window, MAX_WINDOW_DAYS, MAX_WINDOW_HOURS};
use crate::engine::settings::{load, parse_profile, store, Loaded};
use crate::engine::{RuleProfile, Zone};

const STORAGE_KEY: &str = "shipcheck.settings";

/// What this browser remembered.
pub struct Stored {
    pub profile: RuleProfile,
    /// Why what was stored cannot be used, if it cannot.
    pub note: Option<String>,
    /// Nothing was stored: the seller has not chosen rules yet.
    pub first_use: bool,
}

pub fn stored_profile() -> Stored {
    let text = remembered::read(STORAGE_KEY);
    match load(text.as_deref()) {
        Loaded::Nothing => Stored { profile: RuleProfile::default(), note: None, first_use: true },
        Loaded::Profile(profile) => Stored { profile: *profile, note: None, first_use: false },
        Loaded::Unusable(reason) => Stored { profile: RuleProfile::default(), note: Some(reason), first_use: false },
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
        if let Some(name) = &mut profile.name_zh {
            name.push_str("（已修改）");
        }
    }
    profile
}

/// Puts `profile` in use and remembers it.
fn apply(controls: Controls, profile: RuleProfile) {
    remember(&profile);
    controls.change_rules(profile);
}

/// "Where do you ship from, and to which market?": the first time, the answer picks the preset.
#[component]
pub fn FirstUse() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let answers: [(&str, Words); 7] = [
        ("us-cross-border", || t().from_china_to_us),
        ("us-local", || t().within_us),
        ("cross-border-article", || t().from_china_elsewhere),
        ("uk-eu", || t().within_uk_eu),
        ("sea-cross-border", || t().from_china_to_sea),
        ("vn-local", || t().within_vietnam),
        ("sea-local", || t().within_sea),
    ];
    view! {
        <fieldset class="sc-first-use" data-testid="first-use" hidden=move || !controls.first_use.get()>
            <legend>{move || t().where_ship}</legend>
            <div class="sc-chips">
                {answers.map(|(id, label)| view! {
                    <button
                        class="sc-chip"
                        data-testid=format!("first-use-{id}")
                        on:click=move |_| {
                            if let Some(preset) = RuleProfile::preset(id) {
                                apply(controls, preset);
                            }
                            controls.first_use.set(false);
                        }
                    >
                        {label}
                    </button>
                })}
                <button class="sc-link" data-testid="first-use-later" on:click=move |_| controls.first_use.set(false)>
                    {move || t().not_now}
                </button>
            </div>
        </fieldset>
    }
}

/// The settings dialog, open while `open` is.
#[component]
pub fn Settings(open: RwSignal<bool>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let draft = RwSignal::new(controls.profile.get_untracked());
    // Fields whose text is refused: Apply waits until none is.
    let refused = RwSignal::new(0u32);
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            draft.set(controls.profile.get_untracked());
            refused.set(0);
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let edit = move |change: &dyn Fn(&mut RuleProfile)| {
        let mut changed = draft.get_untracked();
        change(&mut changed);
        draft.set(edited(changed));
    };
    let problem = move || draft.with(|p| p.validate().err().map(|e| e.to_string()));
    let unchanged = move || controls.profile.with(|p| draft.with(|d| d == p));
    view! {
        <dialog class="sc-dialog sc-settings" node_ref=dialog aria-label=move || t().rules_and_settings data-testid="settings"
            on:close=move |_| open.set(false)>
            <header class="sc-dialog-head">
                <h2>{move || t().rules_and_settings}</h2>
                <button data-testid="settings-close" on:click=move |_| open.set(false)>{move || t().close}</button>
            </header>
            <p class="sc-note" data-testid="rules-in-use">
                {move || {
                    let locale = controls.locale.get();
                    controls.profile.with(|p| (t().in_use)(profile_name(locale, p), &p.latest().as_of.to_string()))
                }}
            </p>
            <PresetSelect draft />
            <Fields draft edit refused />
            <ClosedDays draft edit />
            <ProfileJson draft />
            {move || problem().map(|reason| view! { <p class="sc-error" role="alert" data-testid="settings-problem">{reason}</p> })}
            <ApplyActions draft blocked=Signal::derive(move || unchanged() || refused.get() != 0 || problem().is_some()) />
            <super::privacy::KeptInBrowser />
        </dialog>
    }
}

/// The market's rules to start from: choosing one puts its preset in the draft.
#[component]
fn PresetSelect(draft: RwSignal<RuleProfile>) -> impl IntoView {
    let locale = expect_context::<Controls>().locale;
    view! {
        <label class="sc-field">
            <span>{move || t().market_rules}</span>
            <select
                data-testid="profile-select"
                on:change=move |ev| {
                    if let Some(preset) = RuleProfile::preset(&event_target_value(&ev)) {
                        draft.set(preset);
                    }
                }
            >
                {move || {
                    let (locale, chosen) = (locale.get(), draft.with(|p| p.id.clone()));
                    RuleProfile::presets().into_iter().map(|p| {
                        let selected = p.id == chosen;
                        view! { <option value=p.id.clone() prop:selected=selected>{profile_name(locale, &p).to_owned()}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// Apply (while `blocked` is not), undo the last change applied, and back to the preset.
#[component]
fn ApplyActions(draft: RwSignal<RuleProfile>, blocked: Signal<bool>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    view! {
        <div class="sc-actions sc-apply">
            <button
                class="sc-primary"
                data-testid="settings-apply"
                disabled=blocked
                on:click=move |_| apply(controls, draft.get_untracked())
            >
                {move || t().apply}
            </button>
            <button
                data-testid="settings-undo"
                hidden=move || controls.previous_profile.with(Option::is_none)
                on:click=move |_| {
                    if let Some(previous) = controls.previous_profile.get_untracked() {
                        apply(controls, previous.clone());
                        draft.set(previous);
                    }
                }
            >
                {move || t().undo}
            </button>
            <button
                data-testid="profile-reset"
                on:click=move |_| {
                    let id = draft.with_untracked(|p| p.id.clone());
                    draft.set(RuleProfile::preset(&id).unwrap_or_default());
                }
            >
                {move || t().reset_to_preset}
            </button>
        </div>
    }
}

/// The values sellers change most: the zone, the dispatch window, the warning, the targets.
#[component]
fn Fields(
    draft: RwSignal<RuleProfile>,
    edit: impl Fn(&dyn Fn(&mut RuleProfile)) + Copy + Send + Sync + 'static,
    refused: RwSignal<u32>,
) -> impl IntoView {
    let in_hours = move || draft.with(|p| matches!(p.latest().windows.dispatch, Window::CalendarHours(_)));
    let dispatch_limit = move || if in_hours() { MAX_WINDOW_HOURS } else { MAX_WINDOW_DAYS };
    let set_dispatch = move |value: f64| {
        edit(&|p| {
            let dispatch = &mut p.latest_mut().windows.dispatch;
            let value = value as u32;
            *dispatch = match *dispatch {
                Window::CalendarHours(_) => Window::CalendarHours(value),
                Window::BusinessDays { cutoff, order_cutoff, .. } => {
                    Window::BusinessDays { days: value, cutoff, order_cutoff }
                }
                Window::CalendarDays { cutoff, .. } => Window::CalendarDays { days: value, cutoff },
            }
        })
    };
    view! {
        <fieldset class="sc-fields">
            <legend>{move || t().deadlines}</legend>
            <ZoneSelect draft edit />
            <NumberField
                label=Signal::derive(move || if in_hours() { t().dispatch_within_hours } else { t().dispatch_within_days })
                test_id="setting-dispatch"
                value=move || draft.with(|p| f64::from(p.latest().windows.dispatch.length()))
                range=Signal::derive(move || (1.0, f64::from(dispatch_limit())))
                whole=true
                refused
                set=set_dispatch
            />
            <NumberField
                label=Signal::derive(|| t().due_soon_hours)
                test_id="setting-due-soon"
                value=move || draft.with(|p| f64::from(p.due_soon_hours))
                range=Signal::derive(|| (0.0, f64::from(MAX_WINDOW_HOURS)))
                whole=true
                refused
                set=move |v| edit(&|p| p.due_soon_hours = v as u32)
            />
        </fieldset>
        <MetricLimits draft edit refused />
    }
}

/// The zone the rules count days in.
#[component]
fn ZoneSelect(
    draft: RwSignal<RuleProfile>,
    edit: impl Fn(&dyn Fn(&mut RuleProfile)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label class="sc-field">
            <span>{move || t().time_zone}</span>
            <select
                data-testid="setting-time-zone"
                on:change=move |ev| {
                    if let Ok(zone) = Zone::from_name(&event_target_value(&ev)) {
                        edit(&|p| p.time_zone = zone);
                    }
                }
            >
                {move || {
                    let chosen = draft.with(|p| p.time_zone.name());
                    Zone::all().iter().map(|zone| {
                        let selected = zone.name() == chosen;
                        view! { <option value=zone.name() prop:selected=selected>{zone.name()}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// The limits each metric is judged against, in percent.
#[component]
fn MetricLimits(
    draft: RwSignal<RuleProfile>,
    edit: impl Fn(&dyn Fn(&mut RuleProfile)) + Copy + Send + Sync + 'static,
    refused: RwSignal<u32>,
) -> impl IntoView {
    let target = move |get: fn(&RuleProfile) -> f64, set: fn(&mut RuleProfile, f64)| {
        (move || draft.with(|p| get(p) * 100.0), move |v: f64| edit(&|p| set(p, v / 100.0)))
    };
    let (late_get, late_set) = target(|p| p.metrics.late_dispatch.target, |p, v| p.metrics.late_dispatch.target = v);
    let (valid_get, valid_set) =
        target(|p| p.metrics.valid_tracking.target, |p, v| p.metrics.valid_tracking.target = v);
    let (on_time_get, on_time_set) =
        target(|p| p.metrics.on_time_delivery.target, |p, v| p.metrics.on_time_delivery.target = v);
    let (cancel_get, cancel_set) =
        target(|p| p.metrics.seller_fault_cancellation.target, |p, v| p.metrics.seller_fault_cancellation.target = v);
    view! {
        <fieldset class="sc-fields">
            <legend>{move || t().metric_limits}</legend>
            <NumberField label=Signal::derive(|| t().late_dispatch_max) test_id="setting-late-dispatch-max"
                value=late_get range=Signal::derive(|| (0.0, 100.0)) whole=false refused set=late_set />
            <NumberField label=Signal::derive(|| t().valid_tracking_min) test_id="setting-valid-tracking-min"
                value=valid_get range=Signal::derive(|| (0.0, 100.0)) whole=false refused set=valid_set />
            <NumberField label=Signal::derive(|| t().on_time_min) test_id="setting-on-time-min"
                value=on_time_get range=Signal::derive(|| (0.0, 100.0)) whole=false refused set=on_time_set />
            <NumberField label=Signal::derive(|| t().cancellation_max) test_id="setting-cancellation-max"
                value=cancel_get range=Signal::derive(|| (0.0, 100.0)) whole=false refused set=cancel_set />
        </fieldset>
    }
}

/// Why `text` is not a value from `low` to `high` (a whole one, if `whole`), if it is not.
fn refusal(text: &str, (low, high): (f64, f64), whole: bool) -> Option<String> {
    let text_of = t();
    let Ok(value) = text.trim().parse::<f64>() else { return Some(text_of.not_a_number.to_owned()) };
    if !value.is_finite() || value < low || value > high {
        return Some((text_of.out_of_range)(&format!("{low}"), &format!("{high}")));
    }
    (whole && value.fract() != 0.0).then(|| text_of.whole_number.to_owned())
}

/// A number typed by the seller: refused beside the field, with the reason, when it is not one
/// the rules can use; the draft changes only with a usable one.
#[component]
fn NumberField(
    label: Signal<&'static str>,
    test_id: &'static str,
    value: impl Fn() -> f64 + Send + Sync + 'static,
    range: Signal<(f64, f64)>,
    whole: bool,
    refused: RwSignal<u32>,
    set: impl Fn(f64) + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let error_id = super::unique_id("sc-field-error");
    let input = NodeRef::<leptos::html::Input>::new();
    let set_error = move |next: Option<String>| {
        let (was, is) = (error.with_untracked(Option::is_some), next.is_some());
        if was != is {
            refused.update(|n| if is { *n += 1 } else { *n -= 1 });
        }
        error.set(next);
    };
    // The field shows the draft's value when the draft changes under it (another preset, JSON),
    // but never rewrites what the seller is typing ("1." on the way to "1.5").
    Effect::new(move |_| {
        let shown = (value() * 1000.0).round() / 1000.0;
        let Some(input) = input.get() else { return };
        if input.value().trim().parse::<f64>().ok() != Some(shown) {
            input.set_value(&format!("{shown}"));
            set_error(None);
        }
    });
    on_cleanup(move || set_error(None));
    view! {
        <label class="sc-field">
            <span>{move || label.get()}</span>
            <input
                type="number"
                node_ref=input
                step=if whole { "1" } else { "0.1" }
                min=move || range.get().0
                max=move || range.get().1
                data-testid=test_id
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    match refusal(&text, range.get_untracked(), whole) {
                        Some(reason) => set_error(Some(reason)),
                        None => {
                            set_error(None);
                            set(text.trim().parse().unwrap_or_default());
                        }
                    }
                }
            />
            <span class="sc-field-error" id=error_id role="alert" data-testid=format!("{test_id}-error")>{move || error.get()}</span>
        </label>
    }
}

/// Days the warehouse is closed, on top of the public holidays: deadlines skip them.
#[component]
fn ClosedDays(
    draft: RwSignal<RuleProfile>,
    edit: impl Fn(&dyn Fn(&mut RuleProfile)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
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
            <legend>{move || t().warehouse_closed}</legend>
            <ul class="sc-closed-days" data-testid="closed-days">
                {move || draft.with(|p| p.calendar.closed_days.clone()).into_iter().map(|date| view! {
                    <li>
                        {date.to_string()}
                        " "
                        <button
                            aria-label=move || (t().remove_day)(&date.to_string())
                            on:click=move |_| edit(&|p| p.calendar.closed_days.retain(|d| *d != date))
                        >{move || t().remove}</button>
                    </li>
                }).collect_view()}
            </ul>
            <label class="sc-field">
                <span>{move || t().add_closed_day}</span>
                <input type="date" node_ref=day data-testid="closed-day-input" />
            </label>
            <button data-testid="closed-day-add" on:click=add>{move || t().add}</button>
        </fieldset>
    }
}

/// The whole draft as JSON: every value, editable; and the same as a file to keep or share.
#[component]
fn ProfileJson(draft: RwSignal<RuleProfile>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let json = NodeRef::<leptos::html::Textarea>::new();
    let take = move |text: &str| match parse_profile(text) {
        Ok(parsed) => {
            error.set(None);
            draft.set(parsed);
        }
        Err(reason) => error.set(Some(reason)),
    };
    let pretty = move || draft.with(|p| serde_json::to_string_pretty(p).unwrap_or_default());
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                Ok(text) => take(&text),
                Err(e) => error.set(Some((t().file_unreadable)(&e.to_string()))),
            }
        });
    };
    // The reason a profile was refused shows whether the JSON is open or not: an imported file is
    // refused with the section closed.
    view! {
        {move || error.get().map(|reason| view! {
            <p class="sc-error" role="alert" data-testid="profile-json-error">{(t().not_used)(&reason)}</p>
        })}
        <details class="sc-profile-json">
            <summary>{move || t().every_value_json}</summary>
            <textarea data-testid="profile-json" rows="16" spellcheck="false" node_ref=json prop:value=pretty></textarea>
            <div class="sc-actions">
                <button data-testid="profile-json-apply" on:click=move |_| {
                    if let Some(json) = json.get_untracked() {
                        take(&json.value());
                    }
                }>{move || t().use_json}</button>
                <button data-testid="profile-export" on:click=move |_| {
                    let id = draft.with_untracked(|p| p.id.clone());
                    super::download::save(&format!("shipcheck-profile-{id}.json"), "application/json", &pretty());
                }>{move || t().export_profile}</button>
                <label class="sc-file-button">
                    {move || t().import_profile}
                    <input type="file" accept=".json,application/json" data-testid="profile-import" on:change=import />
                </label>
            </div>
        </details>
    }
}
