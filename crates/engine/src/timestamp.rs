//! Reading the timestamps found in order exports.
//!
//! Seller Center writes times without a zone (`YYYY-MM-DD HH:MM:SS`; US shops
//! `MM/DD/YYYY h:mm:ss AM/PM`; SEA shops `DD/MM/YYYY HH:MM:SS`), so a naive time is read in the
//! profile's zone; ISO 8601 text with `Z` or an offset is taken as written; 10 or 13 digits are
//! Unix seconds or milliseconds. An empty cell or `--` means the event has not happened yet.
//! Whether `11/12/2024` is November or December is decided per column by the importer
//! ([`date_order_hint`]); anything unreadable is an error reported against the row, never a
//! guess.
//!
//! The parser is written by hand, over bytes at fixed positions, because it runs once per cell
//! on exports of a million rows.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::cursor::Cursor;
use super::excerpt::quoted;
use super::zone::Zone;

/// Which number of a slashed date (`11/12/2024`) is the month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `MM/DD/YYYY`, as US exports write it.
    #[default]
    MonthFirst,
    /// `DD/MM/YYYY`, as SEA and European exports write it.
    DayFirst,
}

impl DateOrder {
    /// The order as a seller reads it: `MM/DD/YYYY` or `DD/MM/YYYY`.
    pub fn pattern(self) -> &'static str {
        match self {
            DateOrder::MonthFirst => "MM/DD/YYYY",
            DateOrder::DayFirst => "DD/MM/YYYY",
        }
    }
}

/// What one cell says about its column's date order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrderHint {
    /// Not a slashed date, so nothing.
    NotSlashed,
    /// A slashed date both orders read (neither of its first two numbers is above 12).
    Either,
    /// A slashed date only this order reads.
    Only(DateOrder),
    /// A slashed date no order reads (`31/02/2026`): it is reported when read, and decides
    /// nothing.
    Impossible,
}

/// What `cell` says about its column's date order. Only a date that is real in one order and
/// not the other decides (`25/12` is day-first, `12/25` month-first); one real in neither
/// decides nothing. A dotted date (`02.12.2026`) is day-first wherever it is written.
pub fn date_order_hint(cell: &str) -> DateOrderHint {
    let Some(slashed) = parse_slashed(cell.trim().as_bytes()) else { return DateOrderHint::NotSlashed };
    let real = |order| slashed.date(order).is_some();
    match (real(DateOrder::MonthFirst) && !slashed.dotted, real(DateOrder::DayFirst)) {
        (true, true) => DateOrderHint::Either,
        (true, false) => DateOrderHint::Only(DateOrder::MonthFirst),
        (false, true) => DateOrderHint::Only(DateOrder::DayFirst),
        (false, false) => DateOrderHint::Impossible,
    }
}

/// The two dates a slashed cell both orders read (`11/12/2024`): month-first, then day-first.
pub fn both_readings(cell: &str) -> Option<(NaiveDate, NaiveDate)> {
    let slashed = parse_slashed(cell.trim().as_bytes()).filter(|s| !s.dotted)?;
    Some((slashed.date(DateOrder::MonthFirst)?, slashed.date(DateOrder::DayFirst)?))
}

/// A cell that holds something other than a timestamp or "not yet".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError {
    pub text: String,
    /// A time, but outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    pub out_of_range: bool,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.out_of_range {
            return write!(f, "{} is outside the years {FIRST_YEAR} to {LAST_YEAR}", quoted(&self.text));
        }
        write!(
            f,
            "{} is not a date and time (expected YYYY-MM-DD HH:MM:SS, MM/DD/YYYY or DD/MM/YYYY with a \
             time, ISO 8601 with an offset, or Unix seconds)",
            quoted(&self.text)
        )
    }
}

/// The years a time may fall in: no order of an export is older, and no deadline counted from
/// one is later (the calendars count business days over these years; see [`crate::calendar`]).
pub const FIRST_YEAR: i32 = 1970;
pub const LAST_YEAR: i32 = 2100;

impl std::error::Error for TimestampError {}

/// Parses one cell, reading slashed dates in `order`. `Ok(None)` means the cell says "not yet".
/// A time outside [`FIRST_YEAR`]..=[`LAST_YEAR`] is an error of its own.
pub fn parse_timestamp(cell: &str, zone: &Zone, order: DateOrder) -> Result<Option<DateTime<Utc>>, TimestampError> {
    let at = read_timestamp(cell, zone, order)?;
    match at {
        Some(at) if !(FIRST_YEAR..=LAST_YEAR).contains(&at.year()) => {
            Err(TimestampError { text: cell.trim().to_owned(), out_of_range: true })
        }
        at => Ok(at),
    }
}

fn read_timestamp(cell: &str, zone: &Zone, order: DateOrder) -> Result<Option<DateTime<Utc>>, TimestampError> {
    let text = cell.trim();
    if text.is_empty() || text == "--" {
        return Ok(None);
    }
    let error = || TimestampError { text: text.to_owned(), out_of_range: false };
    if text.bytes().all(|b| b.is_ascii_digit()) {
        // Unix time, as the Open API and many ERPs write it: 10 digits of seconds or 13 of
        // milliseconds (both good from 2001 to 2286).
        let ms = match text.len() {
            10 => text.parse::<i64>().ok().map(|s| s * 1000),
            13 => text.parse::<i64>().ok(),
            _ => None,
        };
        return ms.and_then(DateTime::from_timestamp_millis).map(Some).ok_or_else(error);
    }
    if let Some(slashed) = parse_slashed(text.as_bytes()) {
        let order = if slashed.dotted { DateOrder::DayFirst } else { order };
        let local = slashed.date(order).ok_or_else(error)?.and_time(slashed.time);
        return zone.to_utc(local).map(Some).ok_or_else(error);
    }
    let (local, rest) = parse_local(text.as_bytes()).ok_or_else(error)?;
    match rest {
        [] => zone.to_utc(local).map(Some).ok_or_else(error),
        _ => {
            let offset = parse_offset(rest).ok_or_else(error)?;
            let at = local.and_local_timezone(offset).single().ok_or_else(error)?;
            Ok(Some(at.with_timezone(&Utc)))
        }
    }
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, then a space or `T`, then `HH:MM` with optional `:SS` and
/// optional fraction (dropped: deadlines are to the second). Returns what follows.
fn parse_local(b: &[u8]) -> Option<(NaiveDateTime, &[u8])> {
    if b.len() < 16 {
        return None;
    }
    let sep = b[4];
    if !(sep == b'-' || sep == b'/') || b[7] != sep || !(b[10] == b' ' || b[10] == b'T') {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)?;
    if b[13] != b':' {
        return None;
    }
    let (hour, minute) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let mut rest = &b[16..];
    let mut second = 0;
    if let [b':', s1, s2, tail @ ..] = rest {
        second = digits(&[*s1, *s2])?;
        rest = tail;
    }
    if let [b'.', tail @ ..] = rest {
        let fraction = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if fraction == 0 {
            return None;
        }
        rest = &tail[fraction..];
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    Some((date.and_time(time), rest))
}

/// A date written number, separator, number, separator, four-digit year, then a time.
struct Slashed {
    first: u32,
    second: u32,
    year: i32,
    time: NaiveTime,
    /// Written with dots: European, so day-first.
    dotted: bool,
}

impl Slashed {
    /// The date it is in `order`, if that date exists.
    fn date(&self, order: DateOrder) -> Option<NaiveDate> {
        let (month, day) = match order {
            DateOrder::MonthFirst => (self.first, self.second),
            DateOrder::DayFirst => (self.second, self.first),
        };
        NaiveDate::from_ymd_opt(self.year, month, day)
    }
}

/// `11/12/2024 9:05:00 PM`, `25/12/2024 21:05:00`, `25.12.2024 21:05`: one or two digits, `/`,
/// `.` or `-` (the same twice), four digits, a space or `T`, `H:MM` with optional `:SS` and
/// fraction, then an optional `AM`/`PM`.
fn parse_slashed(b: &[u8]) -> Option<Slashed> {
    let mut cell = Cursor::new(b);
    let first = cell.number(1, 2)?;
    let separator = cell.next().filter(|c| matches!(c, b'/' | b'.' | b'-'))?;
    let second = cell.number(1, 2)?;
    cell.take(separator)?;
    let year = cell.number(4, 4)? as i32;
    let gap = cell.at;
    while cell.take(b' ').or_else(|| cell.take(b'T')).is_some() {}
    if cell.at == gap {
        return None;
    }
    let mut hour = cell.number(1, 2)?;
    cell.take(b':')?;
    let minute = cell.number(2, 2)?;
    let mut second_of_minute = 0;
    if cell.take(b':').is_some() {
        second_of_minute = cell.number(2, 2)?;
        if cell.take(b'.').is_some() {
            cell.number(1, 9)?;
        }
    }
    // Compared in place: this runs for every slashed cell of a million-row export.
    let rest = b[cell.at..].trim_ascii();
    let (am, pm) = (rest.eq_ignore_ascii_case(b"AM"), rest.eq_ignore_ascii_case(b"PM"));
    if am || pm {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    } else if !rest.is_empty() {
        return None;
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second_of_minute)?;
    Some(Slashed { first, second, year, time, dotted: separator == b'.' })
}

/// `Z`, `+HH:MM`, `-HH:MM` or `+HHMM`.
fn parse_offset(b: &[u8]) -> Option<FixedOffset> {
    let (sign, hours, minutes) = match b {
        [b'Z'] | [b'z'] => return FixedOffset::east_opt(0),
        [s, h1, h2, b':', m1, m2] | [s, h1, h2, m1, m2] => (*s, [*h1, *h2], [*m1, *m2]),
        _ => return None,
    };
    let seconds = (digits(&hours)? * 3600 + digits(&minutes)? * 60) as i32;
    match sign {
        b'+' => FixedOffset::east_opt(seconds),
        b'-' => FixedOffset::west_opt(seconds),
        _ => None,
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Option<String> {
        parse_timestamp(text, &Zone::SHANGHAI, DateOrder::MonthFirst).unwrap().map(|t| t.to_rfc3339())
    }

    #[test]
    fn naive_times_are_read_in_the_profile_zone() {
        assert_eq!(utc("2024-11-12 09:30:15").as_deref(), Some("2024-11-12T01:30:15+00:00"));
        assert_eq!(utc("2024/11/12 09:30").as_deref(), Some("2024-11-12T01:30:00+00:00"));
        assert_eq!(utc("2024-11-12T09:30:15.250").as_deref(), Some("2024-11-12T01:30:15+00:00"));
    }

    #[test]
    fn explicit_offsets_win_over_the_profile_zone() {
        assert_eq!(utc("2024-11-12T09:30:00Z").as_deref(), Some("2024-11-12T09:30:00+00:00"));
        assert_eq!(utc("2024-11-12T09:30:00-05:00").as_deref(), Some("2024-11-12T14:30:00+00:00"));
        assert_eq!(utc("2024-11-12 09:30:00+0530").as_deref(), Some("2024-11-12T04:00:00+00:00"));
    }

    #[test]
    fn empty_and_dashes_mean_not_yet_and_trailing_tabs_are_ignored() {
        assert_eq!(utc(""), None);
        assert_eq!(utc("  --\t"), None);
        assert_eq!(utc("2024-11-12 09:30:15\t").as_deref(), Some("2024-11-12T01:30:15+00:00"));
    }

    #[test]
    fn unix_seconds_and_milliseconds_are_instants() {
        assert_eq!(utc("1731546000").as_deref(), Some("2024-11-14T01:00:00+00:00"));
        assert_eq!(utc("1731546000250").as_deref(), Some("2024-11-14T01:00:00.250+00:00"));
        assert!(parse_timestamp("12345", &Zone::SHANGHAI, DateOrder::MonthFirst).is_err());
    }

    #[test]
    fn us_and_sea_slashed_dates_read_in_the_order_given() {
        let read = |text: &str, order| {
            parse_timestamp(text, &Zone::UTC, order).unwrap().map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        };
        let us = DateOrder::MonthFirst;
        let sea = DateOrder::DayFirst;
        assert_eq!(read("11/12/2024 9:05:07 PM", us).as_deref(), Some("2024-11-12 21:05:07"));
        assert_eq!(read("11/12/2024 12:00:00 AM", us).as_deref(), Some("2024-11-12 00:00:00"));
        assert_eq!(read("11/12/2024 12:30:00 pm", us).as_deref(), Some("2024-11-12 12:30:00"));
        assert_eq!(read("11/12/2024 21:05:07", sea).as_deref(), Some("2024-12-11 21:05:07"));
        assert_eq!(read("25.12.2024 21:05", sea).as_deref(), Some("2024-12-25 21:05:00"));
        assert_eq!(read("2/29/2024 1:00:00 AM", us).as_deref(), Some("2024-02-29 01:00:00"));
        for bad in [
            "25/12/2024 21:05:07",
            "11/12/2024 13:00:00 PM",
            "11/12/2024 0:00:00 AM",
            "11/12-2024 10:00",
            "11/12/24 10:00",
        ] {
            assert!(parse_timestamp(bad, &Zone::UTC, us).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_slashed_time_has_one_or_two_digit_days_a_four_digit_year_and_two_digit_minutes() {
        let read = |text: &str| {
            parse_timestamp(text, &Zone::UTC, DateOrder::MonthFirst)
                .ok()
                .flatten()
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        };
        assert_eq!(read("1/2/2024 9:05").as_deref(), Some("2024-01-02 09:05:00"));
        assert_eq!(read("01-02-2024T09:05:07.123456789").as_deref(), Some("2024-01-02 09:05:07"));
        assert_eq!(read("1/2/2024  9:05:07PM").as_deref(), Some("2024-01-02 21:05:07"));
        for bad in [
            "111/2/2024 9:05",
            "1/2/20245 9:05",
            "1/2/2024 9:5",
            "1/2/2024 123:05",
            "1/2/2024 9:05:7",
            "1/2/2024 9:05:07.",
            "1/2/2024 9:05:07.1234567890",
            "1/2/20249:05",
            "1/2/2024 9:05 AM PM",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_a_number_above_12_decides_the_date_order() {
        assert_eq!(date_order_hint("25/12/2024 21:05:07"), DateOrderHint::Only(DateOrder::DayFirst));
        assert_eq!(date_order_hint("12/25/2024 9:05:07 pm"), DateOrderHint::Only(DateOrder::MonthFirst));
        assert_eq!(date_order_hint("11/12/2024 21:05"), DateOrderHint::Either);
        assert_eq!(date_order_hint("2024-12-25 21:05:07"), DateOrderHint::NotSlashed);
        assert_eq!(date_order_hint("11/12/2024 21:05 XM"), DateOrderHint::NotSlashed);
    }

    #[test]
    fn a_date_that_exists_in_neither_order_decides_nothing() {
        // 31 February is no date either way: it must not make its column day-first.
        assert_eq!(date_order_hint("31/02/2026 10:00"), DateOrderHint::Impossible);
        assert_eq!(date_order_hint("02/31/2026 10:00"), DateOrderHint::Impossible);
        // 30/04 is a date only day-first; 04/31 only... neither (April has 30 days).
        assert_eq!(date_order_hint("30/04/2026 10:00"), DateOrderHint::Only(DateOrder::DayFirst));
        assert_eq!(date_order_hint("04/31/2026 10:00"), DateOrderHint::Impossible);
        assert!(parse_timestamp("31/02/2026 10:00", &Zone::UTC, DateOrder::DayFirst).is_err());
    }

    #[test]
    fn a_time_outside_1970_to_2100_is_refused_as_such() {
        let utc = |text| parse_timestamp(text, &Zone::UTC, DateOrder::MonthFirst);
        assert!(utc("1970-01-01 00:00:00").is_ok() && utc("2100-12-31 23:59:59").is_ok());
        for text in
            ["1969-12-31 23:59:59", "2101-01-01 00:00:00", "0001-01-01 00:00", "9999-12-31 10:00", "9999999999999"]
        {
            let error = utc(text).unwrap_err();
            assert!(error.out_of_range, "{text}");
            assert_eq!(error.to_string(), format!("{text:?} is outside the years 1970 to 2100"));
        }
    }

    #[test]
    fn a_dotted_date_is_day_first_whatever_the_column_says() {
        assert_eq!(date_order_hint("02.12.2026 10:00"), DateOrderHint::Only(DateOrder::DayFirst));
        assert_eq!(date_order_hint("25.12.2026 10:00"), DateOrderHint::Only(DateOrder::DayFirst));
        assert_eq!(date_order_hint("12.25.2026 10:00"), DateOrderHint::Impossible);
        let read = parse_timestamp("02.12.2026 10:00", &Zone::UTC, DateOrder::MonthFirst).unwrap().unwrap();
        assert_eq!(read.date_naive(), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    }

    #[test]
    fn leap_day_is_accepted_only_in_leap_years() {
        assert!(utc("2024-02-29 12:00:00").is_some());
        assert!(parse_timestamp("2023-02-29 12:00:00", &Zone::SHANGHAI, DateOrder::MonthFirst).is_err());
    }

    #[test]
    fn garbage_is_an_error_that_quotes_the_cell() {
        for text in [
            "tomorrow",
            "2024-13-01 00:00:00",
            "2024-11-12 24:00:00",
            "2024-11-12",
            "2024-11-12 09:30:00+25:00",
            "2024-11-12 09:30:00 PST",
            "2024-11-12 09:3x:00",
            "Order created time.",
        ] {
            let err = parse_timestamp(text, &Zone::SHANGHAI, DateOrder::DayFirst).unwrap_err();
            assert!(err.to_string().contains(text), "{err}");
        }
    }
}
