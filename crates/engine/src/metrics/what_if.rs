//! The what-if: the late dispatch rate if every order due within a horizon shipped now.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MetricKind;
use crate::board::DueIndex;
use crate::evaluate::{OrderCheck, Rules};

/// "If every order due in the next `hours` ships now, the late dispatch rate becomes X."
/// Orders already overdue ship late whatever happens, so they join numerator and denominator;
/// orders due within the horizon join the denominator as on time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    pub hours: u32,
    pub due_within: u64,
    pub already_overdue: u64,
    pub late_dispatch_rate: Option<f64>,
}

///
/// The part that time does not change is counted once ([`Dispatched`]); the open orders come from
/// the [`DueIndex`], so asking again as time passes, or for another horizon, walks no orders.
pub fn what_if(dispatched: Dispatched, due: &DueIndex, now: DateTime<Utc>, hours: u32) -> WhatIf {
    let (overdue, due_within) = (due.overdue(now) as u64, due.due_within(now, hours) as u64);
    let denominator = dispatched.all + overdue + due_within;
    WhatIf {
        hours,
        due_within,
        already_overdue: overdue,
        late_dispatch_rate: (denominator > 0).then(|| (dispatched.late + overdue) as f64 / denominator as f64),
    }
}

/// Orders already dispatched, and how many of them late: the what-if's fixed part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dispatched {
    pub all: u64,
    pub late: u64,
}

impl Dispatched {
    pub fn count(checks: &[OrderCheck], rules: &Rules) -> Dispatched {
        let mut dispatched = Dispatched::default();
        dispatched.add(checks, rules);
        dispatched
    }

    /// Counts `checks` too, the next slice of the checks a page counts a slice per task, as
    /// the late dispatch rate counts them (the time does not change that count).
    pub fn add(&mut self, checks: &[OrderCheck], rules: &Rules) {
        let rule = &rules.profile.metrics.late_dispatch;
        let far_future = DateTime::<Utc>::MAX_UTC;
        for was_late in checks.iter().filter_map(|check| MetricKind::LateDispatch.count(check, rule, far_future)) {
            self.all += 1;
            self.late += u64::from(was_late);
        }
    }
}
