//! Time zones in which an export's naive timestamps are read and deadlines are shown.
//!
//! Seller Center exports carry no offset, so every timestamp is read in the zone the rule profile
//! names. Only the zones the product offers are built in, instead of the whole tz database, to
//! keep the browser bundle small. Each has one standard offset and, where it observes daylight
//! saving, one of the two rules in force across the 2024–2027 span the product covers (IANA tz
//! database, `northamerica` and `europe` files):
//! - United States (since 2007): from the second Sunday of March, 02:00 local standard time, to
//!   the first Sunday of November, 02:00 local daylight time;
//! - European Union and United Kingdom (since 1996): from the last Sunday of March to the last
//!   Sunday of October, both at 01:00 UTC.
//!
//! Mexico (2022) and Brazil (2019) abolished daylight saving, so their zones are fixed.

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::day::{Day, SECONDS_A_DAY};

/// A named time zone from the built-in table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    name: &'static str,
    /// Standard (winter) offset from UTC.
    standard_seconds: i32,
    dst: Dst,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dst {
    None,
    UnitedStates,
    Europe,
}

const HOUR: i32 = 3600;

const fn zone(name: &'static str, standard_hours: i32, dst: Dst) -> Zone {
    Zone { name, standard_seconds: standard_hours * HOUR, dst }
}

const ZONES: &[Zone] = &[
    zone("UTC", 0, Dst::None),
    zone("Asia/Shanghai", 8, Dst::None),
    zone("Asia/Hong_Kong", 8, Dst::None),
    zone("Asia/Taipei", 8, Dst::None),
    zone("Asia/Singapore", 8, Dst::None),
    zone("Asia/Kuala_Lumpur", 8, Dst::None),
    zone("Asia/Manila", 8, Dst::None),
    zone("Asia/Bangkok", 7, Dst::None),
    zone("Asia/Ho_Chi_Minh", 7, Dst::None),
    zone("Asia/Jakarta", 7, Dst::None),
    zone("Asia/Tokyo", 9, Dst::None),
    zone("America/Los_Angeles", -8, Dst::UnitedStates),
    zone("America/Denver", -7, Dst::UnitedStates),
    zone("America/Chicago", -6, Dst::UnitedStates),
    zone("America/New_York", -5, Dst::UnitedStates),
    zone("America/Mexico_City", -6, Dst::None),
    zone("America/Sao_Paulo", -3, Dst::None),
    zone("Europe/London", 0, Dst::Europe),
    zone("Europe/Dublin", 0, Dst::Europe),
    zone("Europe/Madrid", 1, Dst::Europe),
    zone("Europe/Paris", 1, Dst::Europe),
    zone("Europe/Berlin", 1, Dst::Europe),
    zone("Europe/Rome", 1, Dst::Europe),
];

/// Years whose daylight-saving periods are worked out once and kept (a million timestamps fall
/// in a handful of years); others are worked out on each call.
const PERIOD_TABLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// The daylight-saving period `[start, end)` of `year` under `rule`, in seconds of the clock the
/// rule changes by (see [`Zone::offset_seconds_at`]).
fn daylight_period(rule: Dst, year: i32) -> (i64, i64) {
    static US: OnceLock<Vec<(i64, i64)>> = OnceLock::new();
    static EUROPE: OnceLock<Vec<(i64, i64)>> = OnceLock::new();
    let table = match rule {
        Dst::None => return (0, 0),
        Dst::UnitedStates => &US,
        Dst::Europe => &EUROPE,
    };
    if !PERIOD_TABLE_YEARS.contains(&year) {
        return compute_daylight_period(rule, year);
    }
    let table = table.get_or_init(|| PERIOD_TABLE_YEARS.map(|year| compute_daylight_period(rule, year)).collect());
    table[(year - PERIOD_TABLE_YEARS.start()) as usize]
}

fn compute_daylight_period(rule: Dst, year: i32) -> (i64, i64) {
    let at = |date: NaiveDate, hour: u32| date.and_hms_opt(hour, 0, 0).expect("valid hour").and_utc().timestamp();
    match rule {
        Dst::None => (0, 0),
        // 02:00 standard time to 02:00 daylight time, which is 01:00 standard time.
        Dst::UnitedStates => {
            (at(weekday_of_month(year, 3, Weekday::Sun, 2), 2), at(weekday_of_month(year, 11, Weekday::Sun, 1), 1))
        }
        Dst::Europe => {
            (at(weekday_of_month(year, 3, Weekday::Sun, 0), 1), at(weekday_of_month(year, 10, Weekday::Sun, 0), 1))
        }
    }
}

/// The `nth` (1-based) `weekday` of a month, or with `nth = 0` the last one.
fn weekday_of_month(year: i32, month: u32, weekday: Weekday, nth: u8) -> NaiveDate {
    if nth == 0 {
        let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        let last = NaiveDate::from_ymd_opt(next_year, next_month, 1).expect("valid month") - TimeDelta::days(1);
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        return last - TimeDelta::days(i64::from(back));
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth)
        .expect("every month has a 1st and 2nd of each weekday")
}

/// A zone name that is not in the built-in table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = ZONES.iter().map(|z| z.name).collect();
        write!(f, "unknown time zone {:?}; known zones: {}", self.0, known.join(", "))
    }
}

impl std::error::Error for UnknownZone {}

impl Zone {
    pub const UTC: Zone = ZONES[0];
    pub const SHANGHAI: Zone = ZONES[1];
    pub const LOS_ANGELES: Zone = ZONES[11];
    pub const LONDON: Zone = ZONES[17];

    pub fn from_name(name: &str) -> Result<Zone, UnknownZone> {
        ZONES.iter().find(|z| z.name.eq_ignore_ascii_case(name)).copied().ok_or_else(|| UnknownZone(name.to_owned()))
    }

    pub fn all() -> &'static [Zone] {
        ZONES
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    fn offset_seconds_at(&self, at: DateTime<Utc>) -> i32 {
        match self.is_daylight(at.timestamp(), at.year()) {
            true => self.standard_seconds + HOUR,
            false => self.standard_seconds,
        }
    }

    /// Whether daylight time is in force at the Unix time `timestamp`, which falls in `year`.
    fn is_daylight(&self, timestamp: i64, year: i32) -> bool {
        // Each rule's changes are at fixed times of a clock: US zones change at 02:00 local
        // standard time, European ones at 01:00 UTC.
        let clock = match self.dst {
            Dst::None => return false,
            Dst::UnitedStates => timestamp + i64::from(self.standard_seconds),
            Dst::Europe => timestamp,
        };
        let (start, end) = daylight_period(self.dst, year);
        start <= clock && clock < end
    }

    /// The UTC offset in force at `at`.
    pub fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset {
        FixedOffset::east_opt(self.offset_seconds_at(at)).expect("table offsets are within ±24 h")
    }

    /// Reads a wall-clock time in this zone. A time that occurs twice (the hour repeated when
    /// clocks go back) is the first occurrence; a time that never occurs (skipped when clocks go
    /// forward) is read with the offset before the change, landing that far past it, as
    /// `02:30` becomes `03:30` on the US spring-forward night. `None` past the times chrono can
    /// write down.
    pub fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.utc_seconds_in(local.and_utc().timestamp(), local.year()), local.nanosecond())
    }

    /// [`Zone::to_utc`] of a wall-clock time in seconds since 1970-01-01 00:00 of this zone's
    /// clock: Unix seconds.
    pub fn utc_seconds(&self, wall: i64) -> Option<i64> {
        Some(self.utc_seconds_in(wall, Day::containing(wall)?.year()))
    }

    /// [`Zone::utc_seconds`] of a time in `year`. In seconds rather than with chrono's date
    /// arithmetic: every time cell of an export and every deadline comes through here. The wall
    /// clock's year is the instant's wherever daylight time could be in force (no rule has it
    /// near a new year).
    fn utc_seconds_in(&self, wall: i64, year: i32) -> i64 {
        let standard = wall - i64::from(self.standard_seconds);
        let daylight = standard - i64::from(HOUR);
        if self.is_daylight(daylight, year) {
            daylight
        } else {
            standard
        }
    }

    /// The wall-clock time in this zone at `at`, in seconds since 1970-01-01 00:00 of that
    /// clock: what [`Zone::utc_seconds`] reads back.
    pub fn wall_seconds(&self, at: DateTime<Utc>) -> i64 {
        at.timestamp() + i64::from(self.offset_seconds_at(at))
    }

    /// `at` as wall-clock time in this zone, with its offset.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&self.offset_at(at))
    }

    /// `at` for people: `2024-11-14 09:05:00 UTC+08:00`. The offset is always written, because a
    /// seller in one zone often reads orders exported in another.
    pub fn display(&self, at: DateTime<Utc>) -> String {
        let Some(clock) = WallClock::at(self, at) else {
            return self.local(at).format("%Y-%m-%d %H:%M:%S UTC%:z").to_string();
        };
        let mut text = String::with_capacity(32);
        clock.date(&mut text);
        text.push(' ');
        clock.time(&mut text);
        text.push_str(" UTC");
        clock.offset(&mut text);
        text
    }

    /// `at` for Chinese readers: `2024年11月14日 09:05:00（UTC+08:00）`.
    pub fn display_zh(&self, at: DateTime<Utc>) -> String {
        let Some(clock) = WallClock::at(self, at) else {
            return self.local(at).format("%Y年%-m月%-d日 %H:%M:%S（UTC%:z）").to_string();
        };
        let mut text = String::with_capacity(48);
        clock.date_zh(&mut text);
        text.push(' ');
        clock.time(&mut text);
        text.push_str("（UTC");
        clock.offset(&mut text);
        text.push('）');
        text
    }

    /// `at` for machines: RFC 3339 with this zone's offset, to the second.
    pub fn rfc3339(&self, at: DateTime<Utc>) -> String {
        let Some(clock) = WallClock::at(self, at) else {
            return self.local(at).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        };
        let mut text = String::with_capacity(25);
        clock.date(&mut text);
        text.push('T');
        clock.time(&mut text);
        clock.offset(&mut text);
        text
    }
}

/// A moment as a zone's clock shows it, written out digit by digit. chrono's `format` reads its
/// pattern again on every call, and a million orders' exported deadlines and findings' words
/// write several times each: chrono's formatting was a seventh of a CSV export's time. Only
/// what chrono would write the same way is written here (years 0 to 9999, no leap second);
/// anything else is left to chrono.
struct WallClock {
    date: NaiveDate,
    seconds_of_day: u32,
    offset_seconds: i32,
}

impl WallClock {
    fn at(zone: &Zone, at: DateTime<Utc>) -> Option<WallClock> {
        let offset_seconds = zone.offset_seconds_at(at);
        let wall = at.timestamp().checked_add(i64::from(offset_seconds))?;
        let date = Day::containing(wall)?.date()?;
        let seconds_of_day = wall.rem_euclid(SECONDS_A_DAY) as u32;
        let as_chrono_writes = (0..=9999).contains(&date.year()) && at.nanosecond() < 1_000_000_000;
        as_chrono_writes.then_some(WallClock { date, seconds_of_day, offset_seconds })
    }

    /// `2024-11-04`.
    fn date(&self, text: &mut String) {
        digits(text, self.date.year() as u32, 4);
        text.push('-');
        digits(text, self.date.month(), 2);
        text.push('-');
        digits(text, self.date.day(), 2);
    }

    /// `2024年11月4日`.
    fn date_zh(&self, text: &mut String) {
        digits(text, self.date.year() as u32, 4);
        text.push('年');
        digits(text, self.date.month(), 1);
        text.push('月');
        digits(text, self.date.day(), 1);
        text.push('日');
    }

    /// `09:05:00`.
    fn time(&self, text: &mut String) {
        let s = self.seconds_of_day;
        digits(text, s / 3600, 2);
        text.push(':');
        digits(text, s / 60 % 60, 2);
        text.push(':');
        digits(text, s % 60, 2);
    }

    /// `+08:00`, `-05:00`; a zone on UTC is `+00:00`.
    fn offset(&self, text: &mut String) {
        text.push(if self.offset_seconds < 0 { '-' } else { '+' });
        let minutes = self.offset_seconds.unsigned_abs() / 60;
        digits(text, minutes / 60, 2);
        text.push(':');
        digits(text, minutes % 60, 2);
    }
}

/// `number` in decimal, with zeros in front up to `width` digits.
fn digits(text: &mut String, number: u32, width: usize) {
    let mut written = [b'0'; 10];
    let (mut rest, mut at) = (number, written.len());
    while rest > 0 || written.len() - at < width {
        at -= 1;
        written[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    text.extend(written[at..].iter().map(|&digit| char::from(digit)));
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Zone::from_name(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn shanghai_wall_clock_is_eight_hours_ahead_of_utc() {
        let local = NaiveDate::from_ymd_opt(2024, 11, 12).unwrap().and_hms_opt(9, 30, 0).unwrap();
        let utc = Zone::SHANGHAI.to_utc(local).unwrap();
        assert_eq!(utc.to_rfc3339(), "2024-11-12T01:30:00+00:00");
        assert_eq!(Zone::SHANGHAI.rfc3339(utc), "2024-11-12T09:30:00+08:00");
        assert_eq!(Zone::SHANGHAI.display(utc), "2024-11-12 09:30:00 UTC+08:00");
        assert_eq!(Zone::SHANGHAI.display_zh(utc), "2024年11月12日 09:30:00（UTC+08:00）");
    }

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn los_angeles_springs_forward_on_the_second_sunday_of_march() {
        let la = Zone::LOS_ANGELES;
        assert_eq!(la.rfc3339(la.to_utc(local("2026-03-08 01:59:59")).unwrap()), "2026-03-08T01:59:59-08:00");
        // 02:30 does not exist that night; it is read as 03:30 daylight time.
        assert_eq!(la.rfc3339(la.to_utc(local("2026-03-08 02:30:00")).unwrap()), "2026-03-08T03:30:00-07:00");
        assert_eq!(la.rfc3339(la.to_utc(local("2026-03-08 03:00:00")).unwrap()), "2026-03-08T03:00:00-07:00");
    }

    #[test]
    fn los_angeles_falls_back_on_the_first_sunday_of_november_taking_the_first_01_30() {
        let la = Zone::LOS_ANGELES;
        let first = la.to_utc(local("2026-11-01 01:30:00")).unwrap();
        assert_eq!(la.rfc3339(first), "2026-11-01T01:30:00-07:00");
        assert_eq!(la.rfc3339(first + TimeDelta::hours(1)), "2026-11-01T01:30:00-08:00");
        assert_eq!(la.rfc3339(la.to_utc(local("2026-11-01 02:00:00")).unwrap()), "2026-11-01T02:00:00-08:00");
    }

    #[test]
    fn london_changes_at_one_in_the_morning_utc_on_the_last_sundays() {
        let london = Zone::LONDON;
        assert_eq!(london.rfc3339(london.to_utc(local("2026-03-29 00:59:59")).unwrap()), "2026-03-29T00:59:59+00:00");
        assert_eq!(london.rfc3339(london.to_utc(local("2026-03-29 02:00:00")).unwrap()), "2026-03-29T02:00:00+01:00");
        assert_eq!(london.rfc3339(london.to_utc(local("2026-10-25 01:30:00")).unwrap()), "2026-10-25T01:30:00+01:00");
        assert_eq!(london.rfc3339(london.to_utc(local("2026-10-25 02:00:00")).unwrap()), "2026-10-25T02:00:00+00:00");
        let berlin = Zone::from_name("Europe/Berlin").unwrap();
        assert_eq!(berlin.rfc3339(berlin.to_utc(local("2024-10-27 02:30:00")).unwrap()), "2024-10-27T02:30:00+02:00");
    }

    #[test]
    fn reading_back_what_was_written_gives_the_same_instant_outside_the_repeated_hour() {
        for zone in Zone::all() {
            let mut at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 17, 0).unwrap();
            while at.year() < 2028 {
                let wall = zone.local(at).naive_local();
                let back = zone.to_utc(wall).unwrap();
                // Only the second pass through a repeated hour reads back as the first.
                assert!(back == at || back == at - TimeDelta::hours(1), "{zone} {at}");
                // The same in plain seconds, as deadlines are counted.
                assert_eq!(zone.wall_seconds(at), wall.and_utc().timestamp(), "{zone} {at}");
                assert_eq!(zone.utc_seconds(zone.wall_seconds(at)), Some(back.timestamp()), "{zone} {at}");
                at += TimeDelta::minutes(7 * 60 + 13);
            }
        }
    }

    #[test]
    fn every_wall_clock_time_is_read_as_its_first_instant_and_a_skipped_one_an_hour_on() {
        for zone in Zone::all() {
            let mut wall = local("2024-01-01 00:17:00");
            while wall.year() < 2028 {
                let at = zone.to_utc(wall).unwrap();
                let shown = zone.local(at).naive_local();
                // Shown as written, or, in the hour clocks skip, an hour later.
                assert!(shown == wall || shown == wall + TimeDelta::hours(1), "{zone} {wall} shown as {shown}");
                // Of a repeated hour's two instants, the first.
                assert_ne!(zone.local(at - TimeDelta::hours(1)).naive_local(), wall, "{zone} {wall}");
                wall += TimeDelta::minutes(3 * 60 + 11);
            }
        }
        assert_eq!(Zone::UTC.to_utc(NaiveDateTime::MAX), Some(NaiveDateTime::MAX.and_utc()));
        assert_eq!(Zone::LOS_ANGELES.to_utc(NaiveDateTime::MAX), None);
    }

    #[test]
    fn names_round_trip_through_serde_and_unknown_names_are_rejected() {
        let json = serde_json::to_string(&Zone::SHANGHAI).unwrap();
        assert_eq!(json, "\"Asia/Shanghai\"");
        assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), Zone::SHANGHAI);
        let err = serde_json::from_str::<Zone>("\"Mars/Olympus\"").unwrap_err();
        assert!(err.to_string().contains("unknown time zone"), "{err}");
    }

    /// The three forms the zone writes a moment in.
    fn written(zone: Zone, at: DateTime<Utc>) -> [String; 3] {
        [zone.display(at), zone.display_zh(at), zone.rfc3339(at)]
    }

    /// What chrono writes for each of them.
    fn as_chrono_writes(zone: Zone, at: DateTime<Utc>) -> [String; 3] {
        let local = zone.local(at);
        [
            local.format("%Y-%m-%d %H:%M:%S UTC%:z").to_string(),
            local.format("%Y年%-m月%-d日 %H:%M:%S（UTC%:z）").to_string(),
            local.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        ]
    }

    #[test]
    fn every_zone_writes_a_moment_as_chrono_would_across_the_clock_changes() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        // Through 2026 in steps that land on every hour of the day, every month and day with one
        // digit and with two, and the last second before it.
        let year = (0..8 * 365 / 3 + 1).map(|step| start + TimeDelta::minutes(135 * step));
        // Every quarter of an hour from the day before each US and European change to the day after.
        let changes = [(3, 7), (3, 28), (10, 24), (10, 31)].into_iter().flat_map(|(month, day)| {
            let from = Utc.with_ymd_and_hms(2026, month, day, 0, 0, 0).unwrap();
            (0..3 * 24 * 4).map(move |quarter| from + TimeDelta::minutes(15 * quarter))
        });
        for zone in Zone::all() {
            for at in year.clone().chain(changes.clone()).chain([start - TimeDelta::seconds(1)]) {
                assert_eq!(written(*zone, at), as_chrono_writes(*zone, at), "{zone} {at}");
            }
        }
    }

    #[test]
    fn moments_far_off_or_on_a_leap_second_are_written_as_chrono_would() {
        let leap_second = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap().and_hms_nano_opt(23, 59, 59, 1_500_000_000);
        let moments = [
            Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(-1, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap(),
            leap_second.unwrap().and_utc(),
        ];
        for zone in [Zone::UTC, Zone::SHANGHAI, Zone::LOS_ANGELES, Zone::LONDON] {
            for at in moments {
                assert_eq!(written(zone, at), as_chrono_writes(zone, at), "{zone} {at}");
            }
        }
    }
}
