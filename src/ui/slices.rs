//! Work over every order done a slice per task. A million orders take a few hundred milliseconds
//! to filter or count; done in one go that freezes the page, so such work pauses between slices
//! to let the browser draw and take input. When the same work is asked for again (the seller
//! typed on, a minute passed) before it is done, or its view goes, the older run stops.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::on_cleanup;

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
        TimeoutFuture::new(0).await;
        self.runs.load(Ordering::Relaxed) == self.id
    }
}
