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

/// The clock as views read it: `now` ticks every second, for countdowns and states; `minute`
/// changes once a minute, for finding texts (their spans are written to the minute), so a row's
/// findings are rebuilt once a minute rather than every second.
#[derive(Clone, Copy)]
pub struct Clock {
    pub now: ReadSignal<DateTime<Utc>>,
    pub minute: Memo<i64>,
}

pub fn use_clock() -> Clock {
    let now = use_now();
    Clock { now, minute: Memo::new(move |_| now.get().timestamp().div_euclid(60)) }
}

fn read_clock() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
