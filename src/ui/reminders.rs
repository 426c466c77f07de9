//! Reminders while the page is open: a browser notification at 24, 12 and 4 hours before each
//! open dispatch deadline, for the orders still not dispatched. Opt-in; one notification per
//! deadline and lead time, never repeated, a reload included (what was shown is remembered, by
//! deadline, never by order). The worker says which deadlines are near; the page only asks once a
//! minute, which a background tab still does.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::i18n::t;
use super::{remembered, zone_of, Controls};
use crate::engine::protocol::{Request, Response};
use crate::engine::reminders::DEFAULT_LEADS_HOURS;

const OPTED_IN: &str = "shipcheck.reminders";
const SHOWN: &str = "shipcheck.reminders.shown";
const HOUR_MS: i64 = 3_600_000;

/// Whether the seller asked for reminders, shared by the switch and the loop.
#[derive(Clone, Copy)]
struct RemindersOn(RwSignal<bool>);

fn permitted() -> bool {
    web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

/// Starts the minute's look at what is due, for as long as the app is mounted.
pub fn use_reminders(controls: Controls) {
    let on = RwSignal::new(remembered::read(OPTED_IN).as_deref() == Some("1"));
    provide_context(RemindersOn(on));
    Effect::new(move |_| {
        // Once a minute, and when the orders or the choice change.
        controls.clock.minute.track();
        if !on.get() || !controls.summary.with(Option::is_some) || !permitted() {
            return;
        }
        let (now, hours) = (controls.now(), DEFAULT_LEADS_HOURS[0]);
        leptos::task::spawn_local(async move {
            if let Response::Upcoming(due) = controls.ask(Request::Upcoming { now, hours }).await {
                remind(controls, &due, now);
            }
        });
    });
}

/// Shows what is due, at the shortest lead time already reached, unless shown before.
fn remind(controls: Controls, due: &[(i64, u32)], now: i64) {
    let mut shown: BTreeSet<String> =
        remembered::read(SHOWN).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    // Deadlines a day past are forgotten: the list stays small.
    shown.retain(|key| {
        key.split('/').next().and_then(|at| at.parse::<i64>().ok()).is_some_and(|at| at > now - 24 * HOUR_MS)
    });
    for &(deadline, count) in due {
        let reached =
            DEFAULT_LEADS_HOURS.iter().copied().filter(|lead| deadline - i64::from(*lead) * HOUR_MS <= now).min();
        let Some(lead) = reached else { continue };
        if shown.insert(format!("{deadline}/{lead}")) {
            notify(controls, deadline, count, lead);
        }
        // A longer lead time passed unshown (the page was closed) is not shown late.
        for longer in DEFAULT_LEADS_HOURS.iter().filter(|l| **l > lead) {
            shown.insert(format!("{deadline}/{longer}"));
        }
    }
    if let Ok(text) = serde_json::to_string(&shown) {
        remembered::write(SHOWN, &text);
    }
}

fn notify(controls: Controls, deadline: i64, count: u32, lead: u32) {
    let Some(at) = chrono::DateTime::from_timestamp_millis(deadline) else { return };
    let local = zone_of(controls).local(at).format("%H:%M:%S").to_string();
    let options = web_sys::NotificationOptions::new();
    options.set_body(&(t().reminder_body)());
    options.set_tag(&format!("shipcheck-{deadline}-{lead}"));
    let _ = web_sys::Notification::new_with_options(&(t().reminder_title)(count, &local, lead), &options);
}

/// The switch: asks the browser for permission when turned on.
#[component]
pub fn ReminderSwitch() -> impl IntoView {
    let RemindersOn(on) = expect_context::<RemindersOn>();
    let refused = RwSignal::new(false);
    let change = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        if !wanted {
            on.set(false);
            remembered::write(OPTED_IN, "0");
            return;
        }
        leptos::task::spawn_local(async move {
            let asked = web_sys::Notification::request_permission().map(wasm_bindgen_futures::JsFuture::from);
            let answer = match asked {
                Ok(asked) => asked.await.ok().and_then(|answer| answer.as_string()),
                Err(_) => None,
            };
            let granted = answer.as_deref() == Some("granted") || permitted();
            let _ = refused.try_set(!granted);
            let _ = on.try_set(granted);
            remembered::write(OPTED_IN, if granted { "1" } else { "0" });
        });
    };
    view! {
        <label class="sc-check" data-testid="reminders">
            <input type="checkbox" data-testid="reminders-switch" prop:checked=move || on.get() on:change=change />
            {move || t().reminders_switch}
        </label>
        <span class="sc-note" role="status" hidden=move || !refused.get()>{move || t().reminders_refused}</span>
    }
}
