//! Reminders while the page is open: a browser notification at each lead time (24, 12 and 4
//! hours unless the seller sets others) before each open dispatch deadline, for the orders still
//! not dispatched. Opt-in; one notification per deadline and lead time, never repeated, a reload
//! included (what was shown is remembered, by deadline, never by order). The worker says which
//! deadlines are near; the page only asks once a minute, which a background tab still does. The
//! calendar file's alarms use the same lead times.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::i18n::{count, t};
use super::{remembered, zone_of, Controls};
use crate::engine::protocol::{Request, Response, Upcoming};
use crate::engine::reminders::{parse_leads, DEFAULT_LEADS_HOURS};

const OPTED_IN: &str = "shipcheck.reminders";
const SHOWN: &str = "shipcheck.reminders.shown";
const LEADS: &str = "shipcheck.reminders.leads";
const HOUR_MS: i64 = 3_600_000;

/// Whether the seller asked for reminders, and how long before a deadline: shared by the
/// switch, the lead times' field, the loop and the calendar file.
#[derive(Clone, Copy)]
pub struct Reminders {
    on: RwSignal<bool>,
    /// Longest first.
    pub leads: RwSignal<Vec<u32>>,
}

impl Reminders {
    /// Turned off, as when the browser forgets everything.
    pub fn switch_off(self) {
        self.on.set(false);
        self.leads.set(DEFAULT_LEADS_HOURS.to_vec());
    }
}

fn remembered_leads() -> Vec<u32> {
    remembered::read(LEADS).and_then(|text| parse_leads(&text).ok()).unwrap_or_else(|| DEFAULT_LEADS_HOURS.to_vec())
}

fn permitted() -> bool {
    web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

/// Starts the minute's look at what is due, for as long as the app is mounted.
pub fn use_reminders(controls: Controls) {
    let on = RwSignal::new(remembered::is_on(OPTED_IN));
    let leads = RwSignal::new(remembered_leads());
    provide_context(Reminders { on, leads });
    Effect::new(move |_| {
        // Once a minute, and when the orders or the choice change.
        controls.clock.minute.track();
        if !on.get() || !controls.summary.with(Option::is_some) || !permitted() {
            return;
        }
        let leads = leads.get();
        let (now, hours) = (controls.now(), leads[0]);
        leptos::task::spawn_local(async move {
            if let Response::Upcoming(due) = controls.ask(Request::Upcoming { now, hours }).await {
                remind(controls, &due, &leads, now);
            }
        });
    });
}

/// Shows what is due, at the shortest lead time already reached, unless shown before.
fn remind(controls: Controls, due: &[Upcoming], leads: &[u32], now: i64) {
    let mut shown: BTreeSet<String> =
        remembered::read(SHOWN).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    // Deadlines a day past are forgotten: the list stays small.
    shown.retain(|key| {
        key.split('/').next().and_then(|at| at.parse::<i64>().ok()).is_some_and(|at| at > now - 24 * HOUR_MS)
    });
    for upcoming in due {
        let deadline = upcoming.at;
        let reached = leads.iter().copied().filter(|lead| deadline - i64::from(*lead) * HOUR_MS <= now).min();
        let Some(lead) = reached else { continue };
        if shown.insert(format!("{deadline}/{lead}")) {
            notify(controls, upcoming, lead);
        }
        // A longer lead time passed unshown (the page was closed) is not shown late.
        for longer in leads.iter().filter(|l| **l > lead) {
            shown.insert(format!("{deadline}/{longer}"));
        }
    }
    if let Ok(text) = serde_json::to_string(&shown) {
        remembered::write(SHOWN, &text);
    }
}

/// One notification: how many orders, when, how long is left; and, with several shops, whose.
fn notify(controls: Controls, upcoming: &Upcoming, lead: u32) {
    let Upcoming { at: deadline, orders, shops } = upcoming;
    let Some(at) = chrono::DateTime::from_timestamp_millis(*deadline) else { return };
    let local = zone_of(controls).local(at).format("%H:%M:%S").to_string();
    let text = t();
    let shops: Vec<String> =
        shops.iter().map(|(shop, n)| format!("{} {}", crate::engine::excerpt::name(shop), count(*n))).collect();
    let options = web_sys::NotificationOptions::new();
    options.set_body(&(text.reminder_body)(&shops.join(text.list_separator)));
    options.set_tag(&format!("shipcheck-{deadline}-{lead}"));
    let _ = web_sys::Notification::new_with_options(&(text.reminder_title)(*orders, &local, lead), &options);
}

/// The switch: asks the browser for permission when turned on.
#[component]
pub fn ReminderSwitch() -> impl IntoView {
    let Reminders { on, leads } = expect_context::<Reminders>();
    let refused = RwSignal::new(false);
    let change = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        if !wanted {
            on.set(false);
            remembered::set_on(OPTED_IN, false);
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
            remembered::set_on(OPTED_IN, granted);
        });
    };
    view! {
        <label class="sc-check" data-testid="reminders">
            <input type="checkbox" data-testid="reminders-switch" prop:checked=move || on.get() on:change=change />
            {move || (t().reminders_switch)(&leads.with(|leads| (t().hours_list)(leads)))}
        </label>
        <span class="sc-note" role="status" hidden=move || !refused.get()>{move || t().reminders_refused}</span>
    }
}

/// The lead times, as the seller writes them ("24, 12, 4"): kept once they read well.
#[component]
pub fn LeadTimes() -> impl IntoView {
    let Reminders { leads, .. } = expect_context::<Reminders>();
    let refused = RwSignal::new(false);
    let written = move || leads.with(|leads| leads.iter().map(u32::to_string).collect::<Vec<_>>().join(", "));
    view! {
        <label class="sc-filter sc-leads">
            <span>{move || t().remind_at}</span>
            <input
                type="text"
                inputmode="numeric"
                data-testid="reminder-leads"
                size="10"
                prop:value=written
                aria-invalid=move || refused.get().to_string()
                on:change=move |ev| match parse_leads(&event_target_value(&ev)) {
                    Ok(parsed) => {
                        refused.set(false);
                        remembered::write(LEADS, &parsed.iter().map(u32::to_string).collect::<Vec<_>>().join(","));
                        leads.set(parsed);
                    }
                    Err(_) => refused.set(true),
                }
            />
        </label>
        <span class="sc-error" role="alert" data-testid="reminder-leads-refused" hidden=move || !refused.get()>
            {move || t().leads_refused}
        </span>
    }
}
