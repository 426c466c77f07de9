//! Profiles saved before rules had dated versions: one set of windows at the top, thresholds
//! as four numbers. Sellers and host sites keep such files, so they still load, as a profile
//! of one pinned version taking effect on the date its source describes, with the platform's
//! metric definitions and the four thresholds as their targets.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{
    Carrier, ClockStart, DispatchEvent, MetricRules, OrderTypes, PeakSeason, RuleProfile, RuleVersion, Windows,
};
use crate::calendar::CalendarSpec;
use crate::timestamp::DateOrder;
use crate::zone::Zone;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LegacyProfile {
    id: String,
    name: String,
    source: String,
    as_of: NaiveDate,
    #[serde(default)]
    notes: Vec<String>,
    time_zone: Zone,
    #[serde(default)]
    date_order: DateOrder,
    calendar: CalendarSpec,
    clock_start: ClockStart,
    dispatch_event: DispatchEvent,
    windows: Windows,
    due_soon_hours: u32,
    #[serde(default)]
    approved_carriers: Vec<Carrier>,
    #[serde(default)]
    peak_seasons: Vec<PeakSeason>,
    thresholds: Thresholds,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Thresholds {
    late_dispatch_rate_max: f64,
    valid_tracking_rate_min: f64,
    on_time_delivery_rate_min: f64,
    seller_fault_cancellation_rate_max: f64,
}

impl From<LegacyProfile> for RuleProfile {
    fn from(old: LegacyProfile) -> RuleProfile {
        let mut metrics = MetricRules::platform();
        metrics.late_dispatch.target = old.thresholds.late_dispatch_rate_max;
        metrics.valid_tracking.target = old.thresholds.valid_tracking_rate_min;
        metrics.on_time_delivery.target = old.thresholds.on_time_delivery_rate_min;
        metrics.seller_fault_cancellation.target = old.thresholds.seller_fault_cancellation_rate_max;
        RuleProfile {
            id: old.id,
            name: old.name,
            name_zh: None,
            notes: Vec::new(),
            time_zone: old.time_zone,
            date_order: old.date_order,
            calendar: old.calendar,
            due_soon_hours: old.due_soon_hours,
            approved_carriers: old.approved_carriers,
            peak_seasons: old.peak_seasons,
            metrics,
            versions: vec![RuleVersion {
                effective_from: old.as_of,
                source: old.source,
                source_zh: None,
                as_of: old.as_of,
                notes: old.notes,
                clock_start: old.clock_start,
                dispatch_event: old.dispatch_event,
                windows: old.windows,
                order_types: OrderTypes::default(),
            }],
        }
    }
}

/// A profile from JSON in either shape: with `versions`, or the older one with `windows`.
pub fn profile_from_json(value: serde_json::Value) -> Result<RuleProfile, serde_json::Error> {
    if value.get("windows").is_some() && value.get("versions").is_none() {
        return serde_json::from_value::<LegacyProfile>(value).map(RuleProfile::from);
    }
    serde_json::from_value(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_saved_before_versions_loads_as_one_pinned_version() {
        let old = serde_json::json!({
            "id": "my-uk", "name": "My UK rules", "source": "our operations team", "as_of": "2026-11-01",
            "time_zone": "Europe/London", "calendar": { "country": "GB" },
            "clock_start": "paid_else_created", "dispatch_event": "ready_to_ship",
            "windows": {
                "dispatch": { "business_days": { "days": 2 } }, "collection": null, "auto_cancel": null,
                "delivery": null, "transit_warning": null, "transit_limit": null, "likely_lost": null,
                "tracking_upload": null, "transit_in_destination_calendar": false
            },
            "due_soon_hours": 24,
            "thresholds": { "late_dispatch_rate_max": 0.05, "valid_tracking_rate_min": 0.95,
                            "on_time_delivery_rate_min": 0.8, "seller_fault_cancellation_rate_max": 0.025 }
        });
        let profile = profile_from_json(old.clone()).unwrap();
        assert!(profile.is_pinned());
        assert_eq!(profile.latest().source, "our operations team");
        assert_eq!(profile.latest().effective_from, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(profile.metrics.late_dispatch.target, 0.05);
        profile.validate().unwrap();
        let mut misspelt = old;
        misspelt["colour"] = 1.into();
        assert!(profile_from_json(misspelt).unwrap_err().to_string().contains("unknown field `colour`"));
    }
}
