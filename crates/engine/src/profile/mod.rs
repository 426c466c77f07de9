//! Rule profiles: the shipping rules of one market over time, as data.
//!
//! Rules differ by market and change over time, so nothing about them is hard-coded in the
//! evaluator. A profile holds what belongs to the market (the zone and calendar its deadlines
//! are counted in, the carriers allowed, the peak seasons, how the platform computes the shop's
//! metrics) and a list of dated [`RuleVersion`]s: when the clock starts, which event counts as
//! dispatch, every deadline window, each with the public source it was written from and the
//! date that source describes. An order is judged by the version in effect at its clock start,
//! so an export that spans a rule change is judged on each side by the rule of its day, and
//! every result names the version that judged it. A seller's edited profile is one version,
//! pinned: it judges every order.
//!
//! Profiles are serde types so a seller can export one as JSON, edit any value and load it
//! back; [`RuleProfile::validate`] refuses a value the engine could not count with, naming it.

mod legacy;
mod presets;
mod window;

pub use legacy::profile_from_json;
pub use window::{Window, WindowStart};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, CalendarError, CalendarSpec};
use super::import::ImportOptions;
use super::timestamp::{DateOrder, FIRST_YEAR, LAST_YEAR};
use super::zone::Zone;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleProfile {
    /// Stable identifier, used by `--profile` and in stored settings.
    pub id: String,
    pub name: String,
    /// The name in Chinese, for the page in Chinese; a profile without one shows `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// What the profile assumes about the market where its sources are silent.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Zone in which timestamps without an offset are read, and business days are counted.
    pub time_zone: Zone,
    /// How this market's exports write an ambiguous slashed date (`11/12/2024`).
    #[serde(default)]
    pub date_order: DateOrder,
    /// The seller's calendar: dispatch, collection and cancellation windows count its days.
    pub calendar: CalendarSpec,
    /// An open deadline this close is flagged as due soon (the partner dashboard warns a day
    /// before the collection deadline).
    pub due_soon_hours: u32,
    /// Carriers the platform accepts for this market; empty: any carrier.
    #[serde(default)]
    pub approved_carriers: Vec<Carrier>,
    /// Periods when parcels are slower and buyers should be warned.
    #[serde(default)]
    pub peak_seasons: Vec<PeakSeason>,
    /// How the platform computes each shop metric, and the limits it holds the shop to.
    #[serde(default = "MetricRules::platform")]
    pub metrics: MetricRules,
    /// The rules over time, oldest first. Each judges the orders whose clock starts on or after
    /// its `effective_from` (the first also those before it).
    pub versions: Vec<RuleVersion>,
}

/// The rules of one period: what a source said, from the day it took effect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleVersion {
    /// The first day, in the profile's zone, of the orders this version judges.
    pub effective_from: NaiveDate,
    /// Where the rules come from: titles or URLs a seller can check.
    pub source: String,
    /// The same in Chinese, for the page in Chinese (a Chinese article by its own title); a
    /// version without one shows `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_zh: Option<String>,
    /// The date the source describes.
    pub as_of: NaiveDate,
    /// What this version assumes where its source is silent, and what no source confirms.
    #[serde(default)]
    pub notes: Vec<String>,
    pub clock_start: ClockStart,
    /// Which recorded event counts as dispatch.
    pub dispatch_event: DispatchEvent,
    pub windows: Windows,
    /// Deadlines of orders that are not ordinary in-stock orders.
    #[serde(default, skip_serializing_if = "OrderTypes::is_empty")]
    pub order_types: OrderTypes,
}

/// When the handling clock starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockStart {
    /// Payment, or order creation when there is no paid time.
    PaidElseCreated,
    Created,
    /// When the order entered Awaiting Shipment: the status time when the data has one, else
    /// payment plus the hold in which the buyer may cancel without approval (US: 1 hour).
    AwaitingShipment {
        hold_hours: u32,
    },
}

/// The event a profile treats as "dispatched"; markets differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchEvent {
    /// Label and tracking added, awaiting collection (`RTS Time`; UK/EU, older US rules).
    ReadyToShip,
    /// Handed to the carrier, in transit (`Shipped Time`; current US rules, the article).
    Shipped,
    /// Collected by the carrier (`collection_time`; SEA cross-border, Vietnam's hand-over).
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

/// Every deadline a version can set. `None`: the market sets no such deadline.
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

impl Windows {
    /// Every window with its field name, for validation.
    fn each(&self) -> impl Iterator<Item = (&'static str, Window)> {
        [
            ("dispatch", Some(self.dispatch)),
            ("collection", self.collection),
            ("auto_cancel", self.auto_cancel),
            ("delivery", self.delivery.map(|d| d.window)),
            ("transit_warning", self.transit_warning),
            ("transit_limit", self.transit_limit),
            ("likely_lost", self.likely_lost),
            ("tracking_upload", self.tracking_upload),
        ]
        .into_iter()
        .filter_map(|(name, window)| window.map(|w| (name, w)))
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
    /// The clock start (order, payment or awaiting shipment).
    Order,
    /// The dispatch event.
    Dispatch,
}

/// Deadlines for orders whose listing sets its own terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderTypes {
    /// Made-to-order and back-order listings: dispatch and delivery windows grow by the
    /// listing's handling time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_time: Option<HandlingTime>,
    /// Pre-orders: dispatch within this window of the pre-order's release (when it closes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_order: Option<Window>,
}

impl OrderTypes {
    fn is_empty(&self) -> bool {
        *self == OrderTypes::default()
    }
}

/// "Handling time + 1 business day" to dispatch, "handling time + 5" to deliver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandlingTime {
    /// Business days from the clock start to dispatch, beyond the listing's handling time.
    pub dispatch_extra_days: u32,
    /// Business days from the clock start to delivery, beyond the listing's handling time.
    pub delivery_extra_days: u32,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
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

/// How the platform computes the four rates it judges a shop by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricRules {
    /// Seller-fulfilled orders dispatched late ÷ orders dispatched.
    pub late_dispatch: MetricRule,
    /// Packages shipped with a valid tracking number ÷ packages shipped.
    pub valid_tracking: MetricRule,
    /// Delivered by the deliver-by date ÷ orders whose deliver-by date fell in the period.
    pub on_time_delivery: MetricRule,
    /// Seller-fault cancellations ÷ confirmed (paid) orders.
    pub seller_fault_cancellation: MetricRule,
}

impl MetricRules {
    pub fn each(&self) -> [(&'static str, &MetricRule); 4] {
        [
            ("late_dispatch", &self.late_dispatch),
            ("valid_tracking", &self.valid_tracking),
            ("on_time_delivery", &self.on_time_delivery),
            ("seller_fault_cancellation", &self.seller_fault_cancellation),
        ]
    }
}

/// One metric as the platform defines it: the limits, the orders it leaves out, the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricRule {
    /// The level the platform recommends (a fraction: 0.04 = 4 %): a ceiling for the late
    /// dispatch and cancellation rates, a floor for the other two.
    pub target: f64,
    /// The level past which the platform acts, and what it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforced: Option<Enforcement>,
    /// Orders the platform counts differently.
    #[serde(default)]
    pub exempt: Vec<Exemption>,
    /// The period the platform measures over.
    pub period: MetricPeriod,
    pub source: String,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// What happens to a shop past a metric's enforced level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enforcement {
    pub at: f64,
    /// Whether reaching `at` already counts ("from 10 %"), or only passing it ("above 10 %").
    #[serde(default)]
    pub inclusive: bool,
    pub consequence: String,
    pub consequence_zh: String,
}

/// A group of orders a metric treats apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    pub orders: OrderGroup,
    pub counted: Counted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderGroup {
    /// Fulfilled by TikTok (FBT): the platform's warehouse ships them.
    FulfilledByTiktok,
    /// Shipped with the platform's logistics (TikTok Shipping, Upgraded TikTok Shipping).
    PlatformShipping,
    /// Express delivery options.
    Express,
    /// Creator sample orders.
    Sample,
}

/// How a metric counts an exempt order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    /// Left out of the rate altogether.
    NotCounted,
    /// In the denominator, never against the shop (FBT orders in the late dispatch rate).
    AsMet,
}

/// The period a metric is measured over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricPeriod {
    /// Monday to Sunday in the profile's zone, updated on Mondays.
    Weekly,
    /// The last N days.
    Days(u32),
}

impl MetricRule {
    /// How the rule counts an order of `group`: `None` when it is not exempt.
    pub fn exemption(&self, group: OrderGroup) -> Option<Counted> {
        self.exempt.iter().find(|e| e.orders == group).map(|e| e.counted)
    }
}

/// The most hours a window, or the due-soon warning, may span: a leap year.
pub const MAX_WINDOW_HOURS: u32 = 366 * 24;
/// The most days a window may span: a year.
pub const MAX_WINDOW_DAYS: u32 = 366;
/// Carriers a profile may approve, and names (theirs and their aliases) in all: a market's list
/// is tens; lookups are by a table of names, but a profile is kept to what a page can edit.
pub const MAX_CARRIERS: usize = 500;
pub const MAX_CARRIER_NAMES: usize = 5_000;
/// Days a warehouse may list as closed: ten years of them.
pub const MAX_CLOSED_DAYS: usize = 3_660;
pub const MAX_PEAK_SEASONS: usize = 200;
pub const MAX_VERSIONS: usize = 100;

fn at_most_entries(field: &str, count: usize, most: usize) -> Result<(), ProfileError> {
    if count > most {
        return Err(ProfileError::TooMany { field: field.to_owned(), count, most });
    }
    Ok(())
}

/// A profile value the engine cannot count with, named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileError {
    Calendar(CalendarError),
    NoVersions,
    /// Versions must take effect one after another, oldest first.
    VersionsOutOfOrder {
        earlier: NaiveDate,
        later: NaiveDate,
    },
    /// A window, day count or hour count past its limit.
    TooLong {
        field: String,
        value: u32,
        most: u32,
        unit: &'static str,
    },
    /// A rate outside 0..=1.
    NotAFraction {
        field: String,
        value: String,
    },
    /// A peak season that ends before it starts.
    SeasonBackwards {
        name: String,
    },
    /// A list longer than any market needs (carriers, aliases, closed days, seasons, versions).
    TooMany {
        field: String,
        count: usize,
        most: usize,
    },
    /// A date outside the years ShipCheck counts.
    OutOfYears {
        field: String,
        date: NaiveDate,
    },
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProfileError::Calendar(error) => error.fmt(f),
            ProfileError::NoVersions => f.write_str("versions is empty: a profile needs at least one rule version"),
            ProfileError::VersionsOutOfOrder { earlier, later } => {
                write!(f, "versions must take effect oldest first: {later} comes after {earlier}")
            }
            ProfileError::TooLong { field, value, most, unit } => {
                write!(f, "{field} is {value} {unit}: at most {most} {unit}")
            }
            ProfileError::NotAFraction { field, value } => {
                write!(f, "{field} is {value}: a rate is a fraction from 0 to 1 (0.04 = 4 %)")
            }
            ProfileError::SeasonBackwards { name } => write!(f, "peak season {name:?} ends before it starts"),
            ProfileError::TooMany { field, count, most } => write!(f, "{field} has {count} entries: at most {most}"),
            ProfileError::OutOfYears { field, date } => {
                write!(f, "{field} is {date}: dates go from {FIRST_YEAR} to {LAST_YEAR}")
            }
        }
    }
}

impl std::error::Error for ProfileError {}

impl From<CalendarError> for ProfileError {
    fn from(error: CalendarError) -> ProfileError {
        ProfileError::Calendar(error)
    }
}

impl RuleProfile {
    /// Refuses what the engine could not count with: no versions, versions out of order, a
    /// window or count past its limit, a rate that is not a fraction, a calendar that cannot
    /// be built.
    pub fn validate(&self) -> Result<(), ProfileError> {
        self.validate_sizes()?;
        Calendar::from_spec(&self.calendar)?;
        let first = self.versions.first().ok_or(ProfileError::NoVersions)?;
        let mut earlier = first.effective_from;
        for version in &self.versions[1..] {
            if version.effective_from <= earlier {
                return Err(ProfileError::VersionsOutOfOrder { earlier, later: version.effective_from });
            }
            earlier = version.effective_from;
        }
        for (i, version) in self.versions.iter().enumerate() {
            version.validate(i)?;
        }
        at_most("due_soon_hours", self.due_soon_hours, MAX_WINDOW_HOURS, "hours")?;
        for season in &self.peak_seasons {
            if season.to < season.from {
                return Err(ProfileError::SeasonBackwards { name: season.name.clone() });
            }
            at_most("peak_seasons.extra_business_days", season.extra_business_days, MAX_WINDOW_DAYS, "days")?;
        }
        for (name, rule) in self.metrics.each() {
            fraction(&format!("metrics.{name}.target"), rule.target)?;
            if let Some(enforced) = &rule.enforced {
                fraction(&format!("metrics.{name}.enforced.at"), enforced.at)?;
            }
            if let MetricPeriod::Days(days) = rule.period {
                at_most(&format!("metrics.{name}.period.days"), days, MAX_WINDOW_DAYS, "days")?;
            }
        }
        Ok(())
    }

    /// Lists within their limits, dates within the years counted.
    fn validate_sizes(&self) -> Result<(), ProfileError> {
        let aliases = self.approved_carriers.iter().map(|c| c.aliases.len() + 1).sum();
        at_most_entries("approved_carriers", self.approved_carriers.len(), MAX_CARRIERS)?;
        at_most_entries("approved_carriers.aliases", aliases, MAX_CARRIER_NAMES)?;
        at_most_entries("calendar.closed_days", self.calendar.closed_days.len(), MAX_CLOSED_DAYS)?;
        at_most_entries("peak_seasons", self.peak_seasons.len(), MAX_PEAK_SEASONS)?;
        at_most_entries("versions", self.versions.len(), MAX_VERSIONS)?;
        let dates = self.calendar.closed_days.iter().map(|d| ("calendar.closed_days", *d));
        let dates = dates.chain(self.versions.iter().map(|v| ("versions.effective_from", v.effective_from)));
        let dates = dates
            .chain(self.peak_seasons.iter().flat_map(|s| [("peak_seasons.from", s.from), ("peak_seasons.to", s.to)]));
        for (field, date) in dates {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
                return Err(ProfileError::OutOfYears { field: field.to_owned(), date });
            }
        }
        Ok(())
    }

    /// The index of the version in effect on `date` (in the profile's zone): the latest that
    /// took effect by then, else the first.
    pub fn version_on(&self, date: NaiveDate) -> usize {
        self.versions.iter().rposition(|v| v.effective_from <= date).unwrap_or(0)
    }

    /// The version a seller sees and edits: the newest.
    pub fn latest(&self) -> &RuleVersion {
        self.versions.last().expect("a validated profile has a version")
    }

    pub fn latest_mut(&mut self) -> &mut RuleVersion {
        self.versions.last_mut().expect("a validated profile has a version")
    }

    /// This profile with only the version in effect on `date`: what `shipcheck profile ID
    /// --as-of DATE` prints, and what a seller's edit starts from.
    pub fn pinned_on(mut self, date: NaiveDate) -> RuleProfile {
        let keep = self.version_on(date);
        let version = self.versions.swap_remove(keep);
        self.versions = vec![version];
        self
    }

    /// Whether it judges every order by one rule.
    pub fn is_pinned(&self) -> bool {
        self.versions.len() == 1
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

impl RuleVersion {
    fn validate(&self, index: usize) -> Result<(), ProfileError> {
        for (name, window) in self.windows.each() {
            window_length(&format!("versions[{index}].windows.{name}"), window)?;
        }
        if let Some(window) = self.order_types.pre_order {
            window_length(&format!("versions[{index}].order_types.pre_order"), window)?;
        }
        if let Some(handling) = self.order_types.handling_time {
            let field = format!("versions[{index}].order_types.handling_time");
            at_most(&format!("{field}.dispatch_extra_days"), handling.dispatch_extra_days, MAX_WINDOW_DAYS, "days")?;
            at_most(&format!("{field}.delivery_extra_days"), handling.delivery_extra_days, MAX_WINDOW_DAYS, "days")?;
        }
        if let ClockStart::AwaitingShipment { hold_hours } = self.clock_start {
            at_most(&format!("versions[{index}].clock_start.hold_hours"), hold_hours, MAX_WINDOW_HOURS, "hours")?;
        }
        Ok(())
    }
}

fn window_length(field: &str, window: Window) -> Result<(), ProfileError> {
    match window {
        Window::CalendarHours(hours) => at_most(field, hours, MAX_WINDOW_HOURS, "hours"),
        Window::BusinessDays { days, .. } | Window::CalendarDays { days, .. } => {
            at_most(field, days, MAX_WINDOW_DAYS, "days")
        }
    }
}

fn at_most(field: &str, value: u32, most: u32, unit: &'static str) -> Result<(), ProfileError> {
    if value > most {
        return Err(ProfileError::TooLong { field: field.to_owned(), value, most, unit });
    }
    Ok(())
}

fn fraction(field: &str, value: f64) -> Result<(), ProfileError> {
    if !(0.0..=1.0).contains(&value) {
        return Err(ProfileError::NotAFraction { field: field.to_owned(), value: value.to_string() });
    }
    Ok(())
}

impl Default for RuleProfile {
    fn default() -> Self {
        RuleProfile::cross_border_article()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn presets_round_trip_through_json_validate_and_cite_a_source_per_version() {
        for preset in RuleProfile::presets() {
            let json = serde_json::to_string_pretty(&preset).unwrap();
            let back: RuleProfile = serde_json::from_str(&json).unwrap();
            assert_eq!(back, preset);
            preset.validate().unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            assert!(preset.versions.iter().all(|v| !v.source.is_empty()), "{}", preset.id);
            // The page in Chinese cites every preset's sources in Chinese.
            for version in &preset.versions {
                let zh = version.source_zh.as_deref().unwrap_or_default();
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} {}", preset.id, version.source);
            }
            for (name, rule) in preset.metrics.each() {
                assert!(!rule.source.is_empty(), "{} {name}", preset.id);
            }
        }
    }

    #[test]
    fn the_default_profile_is_the_articles_48_hours() {
        let json = serde_json::to_value(RuleProfile::default()).unwrap();
        assert_eq!(json["id"], "cross-border-article");
        assert_eq!(json["versions"][0]["windows"]["dispatch"]["calendar_hours"], 48);
        assert_eq!(json["versions"][0]["windows"]["transit_limit"]["business_days"]["days"], 15);
        assert_eq!(json["time_zone"], "Asia/Shanghai");
    }

    #[test]
    fn a_misspelt_field_is_rejected_rather_than_ignored() {
        let mut json = serde_json::to_value(RuleProfile::default()).unwrap();
        json["due_son_hours"] = 12.into();
        assert!(serde_json::from_value::<RuleProfile>(json).is_err());
    }

    #[test]
    fn the_version_in_effect_is_the_latest_that_took_effect_by_then() {
        let us = RuleProfile::us_local();
        let from: Vec<NaiveDate> = us.versions.iter().map(|v| v.effective_from).collect();
        assert_eq!(from, vec![date(2025, 10, 23), date(2026, 1, 12), date(2026, 1, 26)]);
        assert_eq!(us.version_on(date(2025, 1, 1)), 0, "before the first: the first");
        assert_eq!(us.version_on(date(2026, 1, 11)), 0);
        assert_eq!(us.version_on(date(2026, 1, 12)), 1);
        assert_eq!(us.version_on(date(2026, 1, 25)), 1);
        assert_eq!(us.version_on(date(2026, 1, 26)), 2);
        let pinned = us.pinned_on(date(2026, 1, 20));
        assert!(pinned.is_pinned());
        assert_eq!(pinned.latest().effective_from, date(2026, 1, 12));
    }

    #[test]
    fn lists_at_their_limit_are_kept_and_one_past_it_refused_by_name() {
        let carrier = |i: usize| Carrier::new(&format!("Carrier {i}"), &[]);
        let mut profile =
            RuleProfile { approved_carriers: (0..MAX_CARRIERS).map(carrier).collect(), ..Default::default() };
        assert_eq!(profile.validate(), Ok(()));
        profile.approved_carriers.push(carrier(MAX_CARRIERS));
        assert_eq!(profile.validate().unwrap_err().to_string(), "approved_carriers has 501 entries: at most 500");

        let mut profile = RuleProfile::default();
        let days = date(2030, 1, 1).iter_days().take(MAX_CLOSED_DAYS + 1).collect::<Vec<_>>();
        profile.calendar.closed_days = days[..MAX_CLOSED_DAYS].to_vec();
        assert_eq!(profile.validate(), Ok(()));
        profile.calendar.closed_days = days;
        assert_eq!(profile.validate().unwrap_err().to_string(), "calendar.closed_days has 3661 entries: at most 3660");

        let mut profile = RuleProfile::default();
        profile.calendar.closed_days = vec![date(1, 1, 1)];
        assert_eq!(
            profile.validate().unwrap_err().to_string(),
            "calendar.closed_days is 0001-01-01: dates go from 1970 to 2100"
        );
    }

    #[test]
    fn values_the_engine_cannot_count_with_are_refused_by_name() {
        let mut profile = RuleProfile::us_local();
        profile.latest_mut().windows.dispatch = Window::business_days(1_000_000_000);
        assert_eq!(
            profile.validate().unwrap_err().to_string(),
            "versions[2].windows.dispatch is 1000000000 days: at most 366 days"
        );
        let mut profile = RuleProfile::default();
        profile.latest_mut().windows.dispatch = Window::CalendarHours(u32::MAX);
        assert!(profile.validate().unwrap_err().to_string().contains("at most 8784 hours"));
        let mut profile = RuleProfile { due_soon_hours: MAX_WINDOW_HOURS + 1, ..RuleProfile::default() };
        assert!(profile.validate().is_err());
        profile.due_soon_hours = MAX_WINDOW_HOURS;
        profile.validate().unwrap();
        let mut profile = RuleProfile::default();
        profile.metrics.late_dispatch.target = 4.0;
        assert_eq!(
            profile.validate().unwrap_err().to_string(),
            "metrics.late_dispatch.target is 4: a rate is a fraction from 0 to 1 (0.04 = 4 %)"
        );
        let mut profile = RuleProfile::us_local();
        profile.versions.swap(0, 1);
        assert!(matches!(profile.validate(), Err(ProfileError::VersionsOutOfOrder { .. })));
        profile.versions.clear();
        assert_eq!(profile.validate(), Err(ProfileError::NoVersions));
    }
}
