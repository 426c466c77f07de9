//! The board's filter counts, kept true as time passes. Findings and states move with the clock
//! (an order due soon becomes overdue), so the counts made at check time are made again once a
//! minute. A million orders take a few hundred milliseconds to count, too long for one task, so
//! they are counted a slice at a time with the page free to draw between slices.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::{Checked, Clock};
use crate::engine::board::{FacetTally, Facets};

/// Orders counted per task: about 10 ms of work in a release build.
const SLICE: usize = 20_000;

/// The counts of `checked`, as of the last whole minute.
pub fn use_live_facets(checked: Arc<Checked>, clock: Clock) -> ReadSignal<Arc<Facets>> {
    let facets = RwSignal::new(Arc::new(checked.facets.clone()));
    // Each count started bumps this; a count that sees it changed (a newer minute, or the board
    // gone) stops.
    let generation = Arc::new(AtomicU64::new(0));
    on_cleanup({
        let generation = generation.clone();
        move || {
            generation.fetch_add(1, Ordering::Relaxed);
        }
    });
    Effect::new(move |counted_before: Option<()>| {
        clock.minute.track();
        // The check itself has just counted them.
        if counted_before.is_none() {
            return;
        }
        let run = generation.fetch_add(1, Ordering::Relaxed) + 1;
        let (checked, generation, now) = (checked.clone(), generation.clone(), clock.now.get_untracked());
        leptos::task::spawn_local(async move {
            let mut tally = FacetTally::default();
            for slice in checked.checks.chunks(SLICE) {
                tally.add(slice, &checked.rules, now);
                TimeoutFuture::new(0).await;
                if generation.load(Ordering::Relaxed) != run {
                    return;
                }
            }
            facets.try_set(Arc::new(tally.finish()));
        });
    });
    facets.read_only()
}
