//! The one clock the UI reads.

use chrono::{DateTime, Utc};
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// The current time, ticking once a second. Every countdown derives from this one signal, so a
/// tick costs one update per visible countdown and nothing per order.
pub fn use_now() -> ReadSignal<DateTime<Utc>> {
    let (now, set_now) = signal(read_clock());
    let ticker = Interval::new(1_000, move || set_now.set(read_clock()));
    // The interval lives as long as the component; cleanup needs `Send`, which a browser timer
    // is not, and the wrapper is only ever touched on the one browser thread.
    let ticker = SendWrapper::new(ticker);
    on_cleanup(move || drop(ticker));
    now
}

fn read_clock() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
