//! The one clock the UI reads.

use chrono::{DateTime, Utc};
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// The clock as views read it: `now` ticks every second, for countdowns and states; `minute`
/// changes once a minute, for finding texts (their spans are written to the minute), filter
/// counts and the what-if, so those are worked out again once a minute rather than every second.
/// Every countdown derives from the one `now`, so a tick costs one update per visible countdown
/// and nothing per order.
#[derive(Clone, Copy)]
pub struct Clock {
    pub now: ReadSignal<DateTime<Utc>>,
    pub minute: ReadSignal<i64>,
}

pub fn use_clock() -> Clock {
    let start = read_clock();
    let (now, set_now) = signal(start);
    // A signal of its own, set by the same tick, rather than a memo over `now`: views only track
    // it, and a memo nobody reads is never computed, so it would never change.
    let (minute, set_minute) = signal(minute_of(start));
    let ticker = Interval::new(1_000, move || {
        let at = read_clock();
        set_now.set(at);
        if minute_of(at) != minute.get_untracked() {
            set_minute.set(minute_of(at));
        }
    });
    // The interval lives as long as the component; cleanup needs `Send`, which a browser timer
    // is not, and the wrapper is only ever touched on the one browser thread.
    let ticker = SendWrapper::new(ticker);
    on_cleanup(move || drop(ticker));
    Clock { now, minute }
}

fn minute_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(60)
}

fn read_clock() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
