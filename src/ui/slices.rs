//! Work over every order done a slice per task. A million orders take a few hundred milliseconds
//! to filter or count; done in one go that freezes the page, so such work pauses between slices
//! to let the browser draw and take input. When the same work is asked for again (the seller
//! typed on, a minute passed) before it is done, or its view goes, the older run stops.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::on_cleanup;
use wasm_bindgen::JsValue;

/// Orders per slice: about 10 ms of filtering or counting in a release build.
pub const SLICE: usize = 20_000;

/// The runs of one piece of work; only the newest may finish.
#[derive(Clone)]
pub struct Runs(Arc<AtomicU64>);

impl Runs {
    /// Runs that all stop when the current reactive owner (the view) is cleaned up.
    pub fn new() -> Runs {
        let runs = Runs(Arc::new(AtomicU64::new(0)));
        let on_end = runs.clone();
        on_cleanup(move || {
            on_end.0.fetch_add(1, Ordering::Relaxed);
        });
        runs
    }

    /// A new run, which makes every earlier one stale.
    pub fn start(&self) -> Run {
        Run { runs: self.0.clone(), id: self.0.fetch_add(1, Ordering::Relaxed) + 1 }
    }
}

pub struct Run {
    runs: Arc<AtomicU64>,
    id: u64,
}

impl Run {
    /// Lets the browser draw and take input; whether this run is still the newest.
    pub async fn pause(&self) -> bool {
        next_task().await;
        self.runs.load(Ordering::Relaxed) == self.id
    }
}

/// Waits for a task of its own, so the browser draws and takes input in between. A message the
/// page posts to itself, not a zero timeout: after a few nested timeouts a browser makes each
/// wait at least 4 ms, which over the hundreds of slices of a large import adds up to seconds.
pub async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return TimeoutFuture::new(0).await;
    };
    let arrived = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        // A port that cannot post leaves the promise to a timeout instead.
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = web_sys::window().map(|w| w.set_timeout_with_callback(&resolve));
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
    // Kept to here: the channel must outlive its message.
    drop(channel);
}
