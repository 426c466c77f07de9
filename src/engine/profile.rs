//! Rule profiles: the shipping rules of one market, as data.
//!
//! Rules differ by market and change over time, so nothing about them is hard-coded in the
//! evaluator: a profile names when the clock starts, which event counts as dispatch, every
//! deadline window, the zone and calendar they are counted in, the carriers allowed, the peak
//! seasons and the metric thresholds, and the public source it was written from with the date
//! that source describes. Profiles are serde types so a seller can export one as JSON, edit any
//! value and load it back.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, CalendarError, CalendarSpec};
use super::import::ImportOptions;
use super::timestamp::DateOrder;
use super::zone::Zone;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleProfile {
    /// Stable identifier, used by `--profile` and in stored settings.
    pub id: String,
    pub name: String,
    /// Where the rules come from: titles or URLs a seller can check.
    pub source: String,
    /// The date the source describes; rules change, so every profile is dated.
    pub as_of: NaiveDate,
    /// What the profile assumes where its source is silent.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Zone in which timestamps without an offset are read, and business days are counted.
    pub time_zone: Zone,
    /// How this market's exports write an ambiguous slashed date (`11/12/2024`).
    #[serde(default)]
    pub date_order: DateOrder,
    /// The seller's calendar: dispatch, collection and cancellation windows count its days.
    pub calendar: CalendarSpec,
    pub clock_start: ClockStart,
    /// Which recorded event counts as dispatch.
    pub dispatch_event: DispatchEvent,
    pub windows: Windows,
    /// An open deadline this close is flagged as due soon (the partner dashboard warns a day
    /// before the collection deadline).
    pub due_soon_hours: u32,
    /// Carriers the platform accepts for this market; empty: any carrier.
    #[serde(default)]
    pub approved_carriers: Vec<Carrier>,
    /// Periods when parcels are slower and buyers should be warned.
    #[serde(default)]
    pub peak_seasons: Vec<PeakSeason>,
    pub thresholds: Thresholds,
}

/// When the handling clock starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockStart {
    /// Payment, or order creation when there is no paid time.
    PaidElseCreated,
    Created,
}

/// The event a profile treats as "dispatched"; markets differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchEvent {
    /// Label and tracking added, awaiting collection (`RTS Time`; UK/EU, older US rules).
    ReadyToShip,
    /// Handed to the carrier, in transit (`Shipped Time`; current US rules, the article).
    Shipped,
    /// Collected by the carrier (`collection_time`; SEA cross-border).
    Collected,
}

impl DispatchEvent {
    pub fn code(self) -> &'static str {
        match self {
            DispatchEvent::ReadyToShip => "ready_to_ship",
            DispatchEvent::Shipped => "shipped",
            DispatchEvent::Collected => "collected",
        }
    }
}

/// Every deadline a profile can set. `None`: the market sets no such deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Windows {
    /// From the clock start to the dispatch event.
    pub dispatch: Window,
    /// From the clock start until the carrier must have the parcel (collected / in transit).
    pub collection: Option<Window>,
    /// From the clock start: an order with no progress by then is cancelled automatically.
    pub auto_cancel: Option<Window>,
    /// Delivered by then counts as on time.
    pub delivery: Option<DeliveryWindow>,
    /// From dispatch: a parcel still undelivered after this is slow; warn the buyer.
    pub transit_warning: Option<Window>,
    /// From dispatch: a parcel still undelivered after this has exceeded the transit limit.
    pub transit_limit: Option<Window>,
    /// From dispatch: a parcel still undelivered after this is probably lost.
    pub likely_lost: Option<Window>,
    /// From shipment: the tracking number must be on the platform by then.
    pub tracking_upload: Option<Window>,
    /// Count transit windows in the destination country's calendar when the product has one
    /// for it (else Monday–Friday), instead of the seller's.
    pub transit_in_destination_calendar: bool,
}

/// A deadline window measured from a start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Elapsed hours, weekends and holidays included.
    CalendarHours(u32),
    /// The cut-off time on the Nth business day after the start date (the start date itself
    /// never counts).
    BusinessDays {
        days: u32,
        #[serde(default = "end_of_day")]
        cutoff: NaiveTime,
    },
}

fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).expect("valid time")
}

impl Window {
    pub fn business_days(days: u32) -> Window {
        Window::BusinessDays { days, cutoff: end_of_day() }
    }

    /// The deadline for a window starting at `start`, counted in `zone` and `calendar`, with
    /// `extra_days` more business days (peak-season extensions; ignored for hour windows).
    pub fn deadline_after(
        &self,
        start: DateTime<Utc>,
        zone: &Zone,
        calendar: &Calendar,
        extra_days: u32,
    ) -> DateTime<Utc> {
        match *self {
            Window::CalendarHours(hours) => start + TimeDelta::hours(i64::from(hours)),
            Window::BusinessDays { days, cutoff } => {
                let start_date = zone.local(start).date_naive();
                let due = calendar.add_business_days(start_date, days + extra_days);
                zone.to_utc(due.and_time(cutoff))
            }
        }
    }

    /// In words, for evidence: "48 hours", "2 business days (cut-off 23:59:59)".
    pub fn describe(&self) -> String {
        match *self {
            Window::CalendarHours(hours) => format!("{hours} hours"),
            Window::BusinessDays { days, cutoff } => format!("{days} business days (cut-off {cutoff})"),
        }
    }
}

/// When on-time delivery is measured from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryWindow {
    pub from: DeliveryFrom,
    pub window: Window,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryFrom {
    /// The clock start (order / payment).
    Order,
    /// The dispatch event.
    Dispatch,
}

/// An approved carrier and the names exports use for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carrier {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Carrier {
    fn new(name: &str, aliases: &[&str]) -> Carrier {
        Carrier { name: name.to_owned(), aliases: aliases.iter().map(|a| (*a).to_owned()).collect() }
    }
}

/// A period when parcels run slow: orders dispatched in it get `extra_business_days` on their
/// transit and delivery windows, and undelivered ones a delay notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeakSeason {
    pub name: String,
    pub from: NaiveDate,
    /// Inclusive.
    pub to: NaiveDate,
    #[serde(default)]
    pub extra_business_days: u32,
}

impl PeakSeason {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// Limits the platform judges a shop by, as fractions (0.04 = 4 %).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Highest acceptable late dispatch rate.
    pub late_dispatch_rate_max: f64,
    /// Lowest acceptable valid tracking rate.
    pub valid_tracking_rate_min: f64,
    /// Lowest acceptable on-time delivery rate.
    pub on_time_delivery_rate_min: f64,
    /// Highest acceptable seller-fault cancellation rate.
    pub seller_fault_cancellation_rate_max: f64,
}

/// The thresholds Seller University US publishes (PRODUCT.md, "Shop metrics").
const PLATFORM_THRESHOLDS: Thresholds = Thresholds {
    late_dispatch_rate_max: 0.04,
    valid_tracking_rate_min: 0.95,
    on_time_delivery_rate_min: 0.80,
    seller_fault_cancellation_rate_max: 0.025,
};

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid preset date")
}

/// Black Friday to Christmas, which the article names as the season to warn buyers about.
fn holiday_peaks() -> Vec<PeakSeason> {
    (2024..=2027)
        .map(|year| PeakSeason {
            name: format!("Black Friday to Christmas {year}"),
            from: date(year, 11, 20),
            to: date(year, 12, 31),
            extra_business_days: 0,
        })
        .collect()
}

/// Carriers cross-border sellers in China commonly use for TikTok Shop; the platform's own list
/// differs by destination and changes, so sellers edit this.
fn cross_border_carriers() -> Vec<Carrier> {
    vec![
        Carrier::new("YunExpress", &["Yun Express", "云途", "云途物流"]),
        Carrier::new("4PX", &["4PX Express", "递四方"]),
        Carrier::new("Cainiao", &["Cainiao Global", "菜鸟"]),
        Carrier::new("Yanwen", &["燕文", "燕文物流"]),
        Carrier::new("China Post", &["China Post Small Packet", "中国邮政"]),
        Carrier::new("J&T Express", &["J&T", "JT Express", "极兔"]),
    ]
}

impl RuleProfile {
    /// The seed article: ship within 48 hours; deliver within 10–15 business days.
    pub fn cross_border_article() -> RuleProfile {
        RuleProfile {
            id: "cross-border-article".into(),
            name: "Cross-border: ship within 48 hours".into(),
            source: "\"TikTok Shop cross-border shipping rules: what every order handler must know\" \
                     (Chinese article, 2024-11-12); metric thresholds from Seller University US"
                .into(),
            as_of: date(2024, 11, 12),
            notes: vec![
                "Transit days are counted in the destination country's calendar when ShipCheck has \
                 one, else Monday to Friday."
                    .into(),
                "A parcel undelivered 10 business days after the 15-day limit is treated as likely lost.".into(),
                "Approved carriers are a common cross-border list, not the platform's: edit it.".into(),
            ],
            time_zone: Zone::SHANGHAI,
            date_order: DateOrder::MonthFirst,
            calendar: CalendarSpec::country("CN"),
            clock_start: ClockStart::PaidElseCreated,
            dispatch_event: DispatchEvent::Shipped,
            windows: Windows {
                dispatch: Window::CalendarHours(48),
                collection: None,
                auto_cancel: None,
                delivery: Some(DeliveryWindow { from: DeliveryFrom::Dispatch, window: Window::business_days(15) }),
                transit_warning: Some(Window::business_days(10)),
                transit_limit: Some(Window::business_days(15)),
                likely_lost: Some(Window::business_days(25)),
                tracking_upload: Some(Window::CalendarHours(24)),
                transit_in_destination_calendar: true,
            },
            due_soon_hours: 24,
            approved_carriers: cross_border_carriers(),
            peak_seasons: holiday_peaks(),
            thresholds: PLATFORM_THRESHOLDS,
        }
    }

    /// Cross-border pickup mode: ready to ship within 48 h; drop-off in transit within 120 h.
    pub fn cross_border_pickup() -> RuleProfile {
        let article = RuleProfile::cross_border_article();
        RuleProfile {
            id: "cross-border-pickup".into(),
            name: "Cross-border pickup: ready in 48 h, shipped in 120 h".into(),
            source: "chwang.com/ask/198814453421 (secondary source on TikTok Shop cross-border \
                     fulfilment); transit limits from the seed article"
                .into(),
            as_of: date(2024, 11, 12),
            dispatch_event: DispatchEvent::ReadyToShip,
            windows: Windows { collection: Some(Window::CalendarHours(120)), ..article.windows.clone() },
            ..article
        }
    }

    /// US local sellers: in transit within 2 business days, cut-off 11:59 PM Pacific.
    pub fn us_local() -> RuleProfile {
        RuleProfile {
            id: "us-local".into(),
            name: "US local sellers: 2 business days".into(),
            source: "Seller University US, \"What is the fulfillment requirement (SLA)\" \
                     (knowledge_id 8064131472115499); \"Guide to Late Dispatch Rate\""
                .into(),
            as_of: date(2025, 5, 1),
            notes: vec![
                "Dispatch is the first carrier scan, read from the export's Shipped Time.".into(),
                "The late dispatch rate is enforced above 10 %; the 4 % target is shown.".into(),
            ],
            time_zone: Zone::LOS_ANGELES,
            date_order: DateOrder::MonthFirst,
            calendar: CalendarSpec::country("US"),
            clock_start: ClockStart::PaidElseCreated,
            dispatch_event: DispatchEvent::Shipped,
            windows: Windows {
                dispatch: Window::business_days(2),
                collection: None,
                auto_cancel: Some(Window::business_days(7)),
                delivery: Some(DeliveryWindow { from: DeliveryFrom::Order, window: Window::business_days(6) }),
                transit_warning: Some(Window::business_days(4)),
                transit_limit: Some(Window::business_days(6)),
                likely_lost: Some(Window::business_days(15)),
                tracking_upload: None,
                transit_in_destination_calendar: false,
            },
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: holiday_peaks(),
            thresholds: PLATFORM_THRESHOLDS,
        }
    }

    /// UK (from 2024-11-04), Ireland and Spain.
    pub fn uk_eu() -> RuleProfile {
        RuleProfile {
            id: "uk-eu".into(),
            name: "UK / IE / ES: ready in 2 working days".into(),
            source: "m2ecloud docs, \"approved shipping carriers in Ireland/Spain\"; TikTok Shop \
                     partner changelog on on-time delivery for UK/EU"
                .into(),
            as_of: date(2024, 11, 4),
            notes: vec![
                "On-time delivery is read as delivered within 5 business days of the order.".into(),
                "The calendar is England's; choose IE or ES for those markets.".into(),
            ],
            time_zone: Zone::LONDON,
            date_order: DateOrder::DayFirst,
            calendar: CalendarSpec::country("GB"),
            clock_start: ClockStart::PaidElseCreated,
            dispatch_event: DispatchEvent::ReadyToShip,
            windows: Windows {
                dispatch: Window::business_days(2),
                collection: Some(Window::business_days(3)),
                auto_cancel: Some(Window::business_days(7)),
                delivery: Some(DeliveryWindow { from: DeliveryFrom::Order, window: Window::business_days(5) }),
                transit_warning: Some(Window::business_days(3)),
                transit_limit: Some(Window::business_days(5)),
                likely_lost: Some(Window::business_days(15)),
                tracking_upload: None,
                transit_in_destination_calendar: false,
            },
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: holiday_peaks(),
            thresholds: PLATFORM_THRESHOLDS,
        }
    }

    /// South-East Asia local sellers: awaiting collection by the 2nd working day, collected by
    /// the 3rd, else cancelled.
    pub fn sea_local() -> RuleProfile {
        RuleProfile {
            id: "sea-local".into(),
            name: "SEA local sellers: awaiting collection in 2 working days".into(),
            source: "Seller University VN/TH, fulfilment requirements for local sellers".into(),
            as_of: date(2024, 11, 12),
            notes: vec!["The calendar and zone are Thailand's; choose VN, MY, ID, PH or SG for those markets.".into()],
            time_zone: Zone::from_name("Asia/Bangkok").expect("built-in zone"),
            date_order: DateOrder::DayFirst,
            calendar: CalendarSpec::country("TH"),
            clock_start: ClockStart::PaidElseCreated,
            dispatch_event: DispatchEvent::ReadyToShip,
            windows: Windows {
                dispatch: Window::business_days(2),
                collection: Some(Window::business_days(3)),
                auto_cancel: Some(Window::business_days(3)),
                delivery: None,
                transit_warning: Some(Window::business_days(3)),
                transit_limit: Some(Window::business_days(5)),
                likely_lost: Some(Window::business_days(15)),
                tracking_upload: None,
                transit_in_destination_calendar: false,
            },
            due_soon_hours: 24,
            approved_carriers: Vec::new(),
            peak_seasons: Vec::new(),
            thresholds: PLATFORM_THRESHOLDS,
        }
    }

    /// Every built-in profile, the default first.
    pub fn presets() -> Vec<RuleProfile> {
        vec![
            RuleProfile::cross_border_article(),
            RuleProfile::cross_border_pickup(),
            RuleProfile::us_local(),
            RuleProfile::uk_eu(),
            RuleProfile::sea_local(),
        ]
    }

    pub fn preset(id: &str) -> Option<RuleProfile> {
        RuleProfile::presets().into_iter().find(|p| p.id == id)
    }

    /// How to read this market's exports.
    pub fn import_options(&self) -> ImportOptions {
        ImportOptions { time_zone: self.time_zone, ambiguous_date_order: self.date_order, ..ImportOptions::default() }
    }

    /// The seller's calendar, ready for arithmetic.
    pub fn seller_calendar(&self) -> Result<Calendar, CalendarError> {
        Calendar::from_spec(&self.calendar)
    }

    /// The peak season covering `date`, if any.
    pub fn peak_season(&self, date: NaiveDate) -> Option<&PeakSeason> {
        self.peak_seasons.iter().find(|season| season.contains(date))
    }
}

impl Default for RuleProfile {
    fn default() -> Self {
        RuleProfile::cross_border_article()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_round_trip_through_json_and_have_sources() {
        for preset in RuleProfile::presets() {
            let json = serde_json::to_string_pretty(&preset).unwrap();
            let back: RuleProfile = serde_json::from_str(&json).unwrap();
            assert_eq!(back, preset);
            assert!(!preset.source.is_empty());
            preset.seller_calendar().unwrap();
        }
    }

    #[test]
    fn the_default_profile_is_the_articles_48_hours() {
        let json = serde_json::to_value(RuleProfile::default()).unwrap();
        assert_eq!(json["id"], "cross-border-article");
        assert_eq!(json["windows"]["dispatch"]["calendar_hours"], 48);
        assert_eq!(json["windows"]["transit_limit"]["business_days"]["days"], 15);
        assert_eq!(json["time_zone"], "Asia/Shanghai");
    }

    #[test]
    fn a_misspelt_field_is_rejected_rather_than_ignored() {
        let mut json = serde_json::to_value(RuleProfile::default()).unwrap();
        json["due_son_hours"] = 12.into();
        assert!(serde_json::from_value::<RuleProfile>(json).is_err());
    }

    #[test]
    fn a_business_day_cutoff_defaults_to_the_end_of_the_day() {
        let window: Window = serde_json::from_str(r#"{"business_days": {"days": 2}}"#).unwrap();
        assert_eq!(window, Window::business_days(2));
        assert_eq!(window.describe(), "2 business days (cut-off 23:59:59)");
    }

    #[test]
    fn us_friday_order_is_due_tuesday_2359_pacific() {
        let profile = RuleProfile::us_local();
        let calendar = profile.seller_calendar().unwrap();
        let friday = profile.time_zone.to_utc(date(2026, 11, 20).and_hms_opt(15, 0, 0).unwrap());
        let due = profile.windows.dispatch.deadline_after(friday, &profile.time_zone, &calendar, 0);
        assert_eq!(profile.time_zone.rfc3339(due), "2026-11-24T23:59:59-08:00");
        // The Wednesday before Thanksgiving → Monday
        let wednesday = profile.time_zone.to_utc(date(2026, 11, 25).and_hms_opt(9, 0, 0).unwrap());
        let due = profile.windows.dispatch.deadline_after(wednesday, &profile.time_zone, &calendar, 0);
        assert_eq!(profile.time_zone.rfc3339(due), "2026-11-30T23:59:59-08:00");
    }

    #[test]
    fn a_business_day_deadline_across_the_dst_change_keeps_its_wall_clock_cutoff() {
        let profile = RuleProfile::us_local();
        let calendar = profile.seller_calendar().unwrap();
        // Friday 6 March 2026, before the clocks go forward on Sunday 8 March.
        let friday = profile.time_zone.to_utc(date(2026, 3, 6).and_hms_opt(10, 0, 0).unwrap());
        let due = profile.windows.dispatch.deadline_after(friday, &profile.time_zone, &calendar, 0);
        assert_eq!(profile.time_zone.rfc3339(due), "2026-03-10T23:59:59-07:00");
    }

    #[test]
    fn an_order_at_2359_pacific_counts_from_that_day_and_one_a_minute_later_from_the_next() {
        let profile = RuleProfile::us_local();
        let calendar = profile.seller_calendar().unwrap();
        let zone = profile.time_zone;
        let due = |local: NaiveDate, h, m| {
            let start = zone.to_utc(local.and_hms_opt(h, m, 0).unwrap());
            zone.rfc3339(profile.windows.dispatch.deadline_after(start, &zone, &calendar, 0))
        };
        assert_eq!(due(date(2026, 12, 1), 23, 59), "2026-12-03T23:59:59-08:00");
        assert_eq!(due(date(2026, 12, 2), 0, 0), "2026-12-04T23:59:59-08:00");
    }
}
