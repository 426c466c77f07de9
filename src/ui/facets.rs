//! The board's filter counts, kept true as time passes. Findings and states move with the clock
//! (an order due soon becomes overdue), so the counts made at check time are made again once a
//! minute, a slice of orders per task; so are the first counts of a large import.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::slices::{Runs, SLICE};
use super::{Checked, Clock};
use crate::engine::board::{FacetTally, Facets};
use crate::engine::{OrderCheck, Rules};

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
            if let Some(counted) = count_in_slices(&checked.checks, &checked.rules, now, || run.pause()).await {
                facets.try_set(Arc::new(counted));
            }
        });
    });
    facets.read_only()
}

/// The counts of `checks` at `now`, a slice per task; `None` when `go_on`, asked between
/// slices, says to stop.
pub async fn count_in_slices<F: Future<Output = bool>>(
    checks: &[OrderCheck],
    rules: &Rules,
    now: DateTime<Utc>,
    go_on: impl Fn() -> F,
) -> Option<Facets> {
    let mut tally = FacetTally::default();
    for slice in checks.chunks(SLICE) {
        tally.add(slice, rules, now);
        if !go_on().await {
            return None;
        }
    }
    Some(tally.finish())
}
