//! Business-day calendars: which dates count when a rule says "2 business days".
//!
//! A date is a business day unless it is a weekend day, a public holiday or a day the seller
//! closed, except that a make-up working day (China's 调休 Saturdays and Sundays) is always one.
//! The holiday table (`data.rs`) is generated from python-holidays by `scripts/gen_calendars.sh`
//! and covers [`data::FIRST_YEAR`]..=[`data::LAST_YEAR`]; outside those years only weekends are
//! known, which [`Calendar::covers`] lets callers report.
//!
//! Window arithmetic follows the platform's wording: "within N business days of the order" means
//! by the end of the Nth business day *after* the order date; the order date never counts.

mod data;

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::day::Day;
use super::names::same_name;
use super::timestamp::{FIRST_YEAR, LAST_YEAR};

/// One country's row in the generated table. Dates are packed as `yyyymmdd`, sorted.
pub(crate) struct CountryDays {
    pub code: &'static str,
    pub name: &'static str,
    /// Bit `n` set: the weekday `n` days after Monday is a weekend day.
    pub weekend_mask: u8,
    pub holidays: &'static [u32],
    pub workdays: &'static [u32],
}

/// How a profile names its calendar: serialisable, editable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// ISO 3166 code of the country whose public holidays apply; `None`: weekends only.
    pub country: Option<String>,
    /// Weekend days, when they differ from the country's (e.g. `["Fri", "Sat"]` in some
    /// Malaysian states); `None`: the country's, else Saturday and Sunday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekend: Option<Vec<Weekday>>,
    /// Days the seller's warehouse is closed, on top of the public holidays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_days: Vec<NaiveDate>,
}

impl CalendarSpec {
    pub fn country(code: &str) -> CalendarSpec {
        CalendarSpec { country: Some(code.to_owned()), ..CalendarSpec::default() }
    }
}

/// A calendar spec that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarError {
    /// A country code with no table.
    UnknownCountry(String),
    /// Every day of the week is a weekend day: no deadline could ever fall.
    NoWorkingDays,
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::UnknownCountry(code) => {
                let codes: Vec<&str> = data::COUNTRIES.iter().map(|c| c.code).collect();
                write!(f, "no holiday calendar for {code:?}; calendars: {}", codes.join(", "))
            }
            CalendarError::NoWorkingDays => f.write_str("the weekend covers every day of the week"),
        }
    }
}

impl std::error::Error for CalendarError {}

/// Names exports use for the countries with a calendar, lower-case, spaces and punctuation
/// dropped (see [`country_code`]).
const COUNTRY_NAMES: &[(&str, &[&str])] = &[
    ("CN", &["china", "中国", "peoplesrepublicofchina"]),
    ("US", &["unitedstates", "unitedstatesofamerica", "usa", "美国"]),
    ("GB", &["unitedkingdom", "uk", "greatbritain", "england", "英国"]),
    ("IE", &["ireland", "爱尔兰"]),
    ("ES", &["spain", "españa", "espana", "西班牙"]),
    ("DE", &["germany", "deutschland", "德国"]),
    ("FR", &["france", "法国"]),
    ("IT", &["italy", "italia", "意大利"]),
    ("MX", &["mexico", "méxico", "墨西哥"]),
    ("BR", &["brazil", "brasil", "巴西"]),
    ("JP", &["japan", "日本"]),
    ("ID", &["indonesia", "印度尼西亚", "印尼"]),
    ("TH", &["thailand", "泰国"]),
    ("VN", &["vietnam", "vietnam", "việtnam", "越南"]),
    ("MY", &["malaysia", "马来西亚"]),
    ("PH", &["philippines", "菲律宾"]),
    ("SG", &["singapore", "新加坡"]),
];

/// The ISO code of a country with a calendar, from an export's country cell: the code itself
/// ("US") or its name ("United States", "美国").
pub fn country_code(name: &str) -> Option<&'static str> {
    COUNTRY_NAMES
        .iter()
        .find(|(code, names)| same_name(name, code) || names.iter().any(|n| same_name(name, n)))
        .map(|(code, _)| *code)
}

/// A calendar ready for arithmetic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    name: &'static str,
    weekend_mask: u8,
    holidays: &'static [u32],
    workdays: &'static [u32],
    closed: Vec<u32>,
    index: DayIndex,
}

/// Business days counted ahead of time over every year a time may fall in
/// ([`crate::timestamp::FIRST_YEAR`] to [`crate::timestamp::LAST_YEAR`], and the two after for
/// deadlines counted from the last), so that "the Nth business day after" and "business days
/// between" are array reads, whatever the dates: no walk over the days. Outside them there is
/// no answer (a time outside them is refused when read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct DayIndex {
    first: Option<Day>,
    /// `through[i]`: business days from `first` to `first + i` days, both included. Sixteen
    /// bits hold it: the span is under 50,000 days.
    through: Vec<u16>,
    /// Day offsets from `first` of the business days, in order.
    business: Vec<u16>,
}

impl DayIndex {
    fn build(calendar: &Calendar) -> DayIndex {
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("valid date");
        let last = NaiveDate::from_ymd_opt(LAST_YEAR + 2, 12, 31).expect("valid date");
        let days = usize::try_from((last - first).num_days() + 1).expect("last is after first");
        // Each day by its weekday, then the listed days set over it: a few integer steps a day,
        // not a date's year, month and day worked out for every one of fifty thousand days (a
        // check builds a calendar per destination country).
        let monday = first.weekday().num_days_from_monday() as usize;
        let mut business: Vec<bool> =
            (0..days).map(|offset| calendar.weekend_mask & (1 << ((monday + offset) % 7)) == 0).collect();
        let offset_of = |packed: &u32| {
            let date = NaiveDate::from_ymd_opt((packed / 10_000) as i32, packed / 100 % 100, packed % 100)?;
            usize::try_from((date - first).num_days()).ok().filter(|&offset| offset < days)
        };
        for (list, is_business) in [(calendar.holidays, false), (&calendar.closed, false), (calendar.workdays, true)] {
            list.iter().filter_map(offset_of).for_each(|offset| business[offset] = is_business);
        }
        let mut index =
            DayIndex { first: Some(Day::of(first)), through: Vec::with_capacity(days), business: Vec::new() };
        let mut count = 0;
        for (offset, is_business) in business.into_iter().enumerate() {
            if is_business {
                count += 1;
                index.business.push(offset as u16);
            }
            index.through.push(count);
        }
        index
    }

    fn offset(&self, day: Day) -> Option<usize> {
        let offset = usize::try_from(i64::from(day.number()) - i64::from(self.first?.number())).ok()?;
        (offset < self.through.len()).then_some(offset)
    }
}

const SATURDAY_SUNDAY: u8 = 0b110_0000;

fn pack(date: NaiveDate) -> u32 {
    date.year() as u32 * 10_000 + date.month() * 100 + date.day()
}

impl Calendar {
    /// Monday to Friday, no holidays.
    pub fn weekdays() -> Calendar {
        Calendar {
            name: "Monday–Friday",
            weekend_mask: SATURDAY_SUNDAY,
            holidays: &[],
            workdays: &[],
            closed: Vec::new(),
            index: DayIndex::default(),
        }
        .indexed()
    }

    fn indexed(mut self) -> Calendar {
        self.index = DayIndex::build(&self);
        self
    }

    /// The built-in calendar of a country (ISO 3166 alpha-2, any case).
    pub fn country(code: &str) -> Result<Calendar, CalendarError> {
        let days = data::COUNTRIES
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
            .ok_or_else(|| CalendarError::UnknownCountry(code.to_owned()))?;
        Ok(Calendar {
            name: days.name,
            weekend_mask: days.weekend_mask,
            holidays: days.holidays,
            workdays: days.workdays,
            closed: Vec::new(),
            index: DayIndex::default(),
        }
        .indexed())
    }

    pub fn from_spec(spec: &CalendarSpec) -> Result<Calendar, CalendarError> {
        let mut calendar = match &spec.country {
            Some(code) => Calendar::country(code)?,
            None => Calendar::weekdays(),
        };
        if let Some(weekend) = &spec.weekend {
            calendar.weekend_mask = weekend.iter().fold(0, |mask, day| mask | 1 << day.num_days_from_monday());
            if calendar.weekend_mask == 0b111_1111 {
                return Err(CalendarError::NoWorkingDays);
            }
        }
        calendar.closed = spec.closed_days.iter().copied().map(pack).collect();
        calendar.closed.sort_unstable();
        Ok(calendar.indexed())
    }

    /// ISO codes of the countries with a built-in calendar.
    pub fn countries() -> impl Iterator<Item = (&'static str, &'static str)> {
        data::COUNTRIES.iter().map(|c| (c.code, c.name))
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Where the holiday table comes from, for the docs and the UI.
    pub fn source() -> &'static str {
        data::SOURCE
    }

    /// Whether the holiday table knows `year`; outside it only weekends are known.
    pub fn covers(year: i32) -> bool {
        (data::FIRST_YEAR..=data::LAST_YEAR).contains(&year)
    }

    pub fn is_business(&self, day: Day) -> bool {
        if let Some(offset) = self.index.offset(day) {
            let before = offset.checked_sub(1).map_or(0, |earlier| self.index.through[earlier]);
            return self.index.through[offset] > before;
        }
        day.date().is_some_and(|date| self.is_listed_business_day(date))
    }

    /// [`Calendar::is_business`] from the day lists alone, for dates outside the index.
    fn is_listed_business_day(&self, date: NaiveDate) -> bool {
        let day = pack(date);
        if self.workdays.binary_search(&day).is_ok() {
            return true;
        }
        let weekend = self.weekend_mask & (1 << date.weekday().num_days_from_monday()) != 0;
        !weekend && self.holidays.binary_search(&day).is_err() && self.closed.binary_search(&day).is_err()
    }

    /// The `n`th business day after `start` (`start` itself never counts; `n = 0` is `start`);
    /// `None` past the years the calendar counts.
    pub fn business_day_after(&self, start: Day, n: u32) -> Option<Day> {
        if n == 0 {
            return Some(start);
        }
        let (offset, first) = (self.index.offset(start)?, self.index.first?);
        let ordinal = usize::from(self.index.through[offset]) + n as usize;
        first.later_by(u32::from(*self.index.business.get(ordinal - 1)?))
    }

    /// Business days `d` with `from < d <= to`: the business days elapsed from one date to
    /// another (0 when `to` is not after `from`); dates past the years the calendar counts
    /// count as its first or last day.
    pub fn business_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let through = |date: NaiveDate| -> u32 {
            let day = Day::of(date);
            match (self.index.offset(day), self.index.first) {
                (Some(offset), _) => u32::from(self.index.through[offset]),
                (None, Some(first)) if day < first => 0,
                _ => self.index.through.last().copied().map_or(0, u32::from),
            }
        };
        through(to) - through(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// [`Calendar::business_day_after`] of a date, as a date.
    fn business_day_after(calendar: &Calendar, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        calendar.business_day_after(Day::of(start), n)?.date()
    }

    fn is_business_day(calendar: &Calendar, date: NaiveDate) -> bool {
        calendar.is_business(Day::of(date))
    }

    #[test]
    fn the_index_counts_each_day_as_the_holiday_lists_say() {
        let mut spec = CalendarSpec::country("CN");
        spec.weekend = Some(vec![Weekday::Fri, Weekday::Sat]);
        spec.closed_days = vec![date(2026, 12, 24), date(2026, 1, 1), date(2027, 2, 3)];
        let calendars = Calendar::countries().map(|(code, _)| Calendar::country(code).unwrap());
        for calendar in calendars.chain([Calendar::from_spec(&spec).unwrap(), Calendar::weekdays()]) {
            let first = calendar.index.first.unwrap();
            for date in first.date().unwrap().iter_days().take(calendar.index.through.len()) {
                assert_eq!(is_business_day(&calendar, date), calendar.is_listed_business_day(date), "{date}");
            }
        }
    }

    #[test]
    fn us_two_business_days_skip_the_weekend_and_thanksgiving() {
        let us = Calendar::country("US").unwrap();
        // Friday → Tuesday
        assert_eq!(business_day_after(&us, date(2026, 11, 20), 2), Some(date(2026, 11, 24)));
        // The Wednesday before Thanksgiving (Thu 26th) → the following Monday
        assert_eq!(business_day_after(&us, date(2026, 11, 25), 2), Some(date(2026, 11, 30)));
        // An order placed on a Saturday counts from Monday
        assert_eq!(business_day_after(&us, date(2026, 11, 21), 1), Some(date(2026, 11, 23)));
        // Independence Day 2026 is a Saturday, observed on Friday 3 July
        assert!(!is_business_day(&us, date(2026, 7, 3)));
    }

    #[test]
    fn china_make_up_working_days_count_and_the_holiday_week_does_not() {
        let cn = Calendar::country("cn").unwrap();
        // Sunday 26 January 2025 was a make-up working day before Spring Festival.
        assert!(is_business_day(&cn, date(2025, 1, 26)));
        assert!(!is_business_day(&cn, date(2025, 1, 29)));
        // Saturday 25 January: make-up Sunday 26th, then the festival closes 28 Jan – 4 Feb.
        assert_eq!(business_day_after(&cn, date(2025, 1, 25), 1), Some(date(2025, 1, 26)));
        assert_eq!(business_day_after(&cn, date(2025, 1, 26), 2), Some(date(2025, 2, 5)));
    }

    #[test]
    fn a_sunday_to_thursday_week_is_configurable() {
        let spec = CalendarSpec { country: None, weekend: Some(vec![Weekday::Fri, Weekday::Sat]), closed_days: vec![] };
        let calendar = Calendar::from_spec(&spec).unwrap();
        // Thursday → Sunday
        assert_eq!(business_day_after(&calendar, date(2026, 11, 26), 1), Some(date(2026, 11, 29)));
    }

    #[test]
    fn closed_days_are_skipped() {
        let spec = CalendarSpec { country: Some("GB".into()), weekend: None, closed_days: vec![date(2026, 11, 30)] };
        let gb = Calendar::from_spec(&spec).unwrap();
        assert_eq!(business_day_after(&gb, date(2026, 11, 27), 1), Some(date(2026, 12, 1)));
    }

    #[test]
    fn year_boundaries_and_leap_days_are_ordinary_dates() {
        let weekdays = Calendar::weekdays();
        assert_eq!(business_day_after(&weekdays, date(2027, 12, 31), 1), Some(date(2028, 1, 3)));
        assert_eq!(business_day_after(&weekdays, date(2028, 2, 28), 1), Some(date(2028, 2, 29)));
        let gb = Calendar::country("GB").unwrap();
        // 24 Dec 2026 (Thu) + 2: Christmas, Boxing Day (Sat, observed Mon 28th) → Tue 29th, Wed 30th
        assert_eq!(business_day_after(&gb, date(2026, 12, 24), 2), Some(date(2026, 12, 30)));
    }

    /// The `n`th business day after `start`, a day at a time.
    fn walked(calendar: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        for _ in 0..n {
            date = date.succ_opt().unwrap();
            while !is_business_day(calendar, date) {
                date = date.succ_opt().unwrap();
            }
        }
        date
    }

    #[test]
    fn the_table_agrees_with_walking_the_days() {
        for (code, _) in Calendar::countries() {
            let calendar = Calendar::country(code).unwrap();
            let mut start = date(2022, 12, 1);
            while start <= date(2030, 2, 1) {
                for n in [1, 2, 7, 15, 25] {
                    assert_eq!(
                        business_day_after(&calendar, start, n),
                        Some(walked(&calendar, start, n)),
                        "{code} {start} +{n}"
                    );
                }
                start = start.succ_opt().unwrap();
            }
        }
        let weekdays = Calendar::weekdays();
        assert_eq!(business_day_after(&weekdays, date(2040, 1, 6), 1), Some(date(2040, 1, 9)));
        assert_eq!(weekdays.business_days_between(date(2040, 1, 6), date(2040, 1, 9)), 1);
    }

    #[test]
    fn any_dates_and_any_count_take_no_longer_than_two_reads() {
        let us = Calendar::country("US").unwrap();
        // From the first day counted to the last and past it: answers or none, at once.
        assert_eq!(business_day_after(&us, date(1970, 1, 1), 1), Some(date(1970, 1, 2)));
        assert_eq!(business_day_after(&us, date(2100, 12, 31), 1_000_000_000), None);
        assert_eq!(business_day_after(&us, date(1, 1, 1), 2), None);
        assert_eq!(business_day_after(&us, date(9999, 12, 31), 2), None);
        // A year 1 shipment delivered in 9999: every business day counted, no walk.
        let all = us.business_days_between(date(1, 1, 1), date(9999, 12, 31));
        assert_eq!(all, us.business_days_between(date(1969, 12, 31), date(2102, 12, 31)));
        assert!(all > 30_000);
    }

    #[test]
    fn business_days_between_counts_the_end_not_the_start() {
        let weekdays = Calendar::weekdays();
        assert_eq!(weekdays.business_days_between(date(2026, 11, 20), date(2026, 11, 24)), 2);
        assert_eq!(weekdays.business_days_between(date(2026, 11, 24), date(2026, 11, 20)), 0);
        assert_eq!(weekdays.business_days_between(date(2026, 11, 20), date(2026, 11, 20)), 0);
    }

    #[test]
    fn adding_business_days_is_monotonic_and_consistent_with_counting() {
        // A deterministic sweep instead of a random one: every start date in the covered years,
        // every window length a profile uses, every built-in calendar.
        for (code, _) in Calendar::countries() {
            let calendar = Calendar::country(code).unwrap();
            let mut start = date(2024, 1, 1);
            while start <= date(2027, 12, 31) {
                let mut previous = start;
                for n in 1..=15 {
                    let due = business_day_after(&calendar, start, n).unwrap();
                    assert!(due > previous, "{code} {start} +{n}");
                    assert!(is_business_day(&calendar, due), "{code} {start} +{n} = {due}");
                    assert_eq!(calendar.business_days_between(start, due), n, "{code} {start} +{n}");
                    previous = due;
                }
                start = start.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn export_country_names_map_to_calendar_codes() {
        assert_eq!(country_code("United States"), Some("US"));
        assert_eq!(country_code("united kingdom"), Some("GB"));
        assert_eq!(country_code("gb"), Some("GB"));
        assert_eq!(country_code("美国"), Some("US"));
        assert_eq!(country_code("Atlantis"), None);
        for (code, _) in Calendar::countries() {
            assert_eq!(country_code(code), Some(code), "every calendar has a name entry");
        }
    }

    #[test]
    fn unknown_countries_and_weeks_without_working_days_are_errors() {
        let err = Calendar::country("XX").unwrap_err();
        assert!(err.to_string().contains("\"XX\""), "{err}");
        let every_day = CalendarSpec {
            country: None,
            weekend: Some(vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ]),
            closed_days: vec![],
        };
        assert_eq!(Calendar::from_spec(&every_day), Err(CalendarError::NoWorkingDays));
        assert!(Calendar::covers(2027) && !Calendar::covers(2028));
    }
}
