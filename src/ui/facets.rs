//! The board's filter counts, kept true as time passes. Findings and states move with the clock
//! (an order due soon becomes overdue), so the counts made at check time are made again once a
//! minute, a slice of orders per task.

use std::sync::Arc;

use leptos::prelude::*;

use super::slices::{Runs, SLICE};
use super::{Checked, Clock};
use crate::engine::board::{FacetTally, Facets};

/// The counts of `checked`, as of the last whole minute.
pub fn use_live_facets(checked: Arc<Checked>, clock: Clock) -> ReadSignal<Arc<Facets>> {
    let facets = RwSignal::new(Arc::new(checked.facets.clone()));
    let runs = Runs::new();
    Effect::new(move |counted_before: Option<()>| {
        clock.minute.track();
        // The check itself has just counted them.
        if counted_before.is_none() {
            return;
        }
        let (checked, run, now) = (checked.clone(), runs.start(), clock.now.get_untracked());
        leptos::task::spawn_local(async move {
            let mut tally = FacetTally::default();
            for slice in checked.checks.chunks(SLICE) {
                tally.add(slice, &checked.rules, now);
                if !run.pause().await {
                    return;
                }
            }
            facets.try_set(Arc::new(tally.finish()));
        });
    });
    facets.read_only()
}
