//! Days and wall-clock times as plain counts, for counting deadlines.
//!
//! Every window of every order is counted in days of a calendar and ends at a time of day on a
//! wall clock. chrono's dates are right for reading and showing, but making one from a count of
//! days divides the count into years, months and days, and a million orders made several
//! apiece. Here a day is a count of days since 1970-01-01 and a wall-clock time a count of
//! seconds since 1970-01-01 00:00 of that clock, so a deadline is a few additions; a date is
//! made only where one is looked up or shown.

use chrono::{NaiveDate, NaiveTime, Timelike};

/// Seconds in a day of a wall clock (which never has a leap second).
pub const SECONDS_A_DAY: i64 = 86_400;

/// A calendar day: days since 1970-01-01 (negative before).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

impl Day {
    pub fn of(date: NaiveDate) -> Day {
        Day(date.to_epoch_days())
    }

    /// The day a wall-clock time falls on, in seconds since 1970-01-01 00:00 of that clock;
    /// `None` past the days a count of 32 bits holds.
    pub fn containing(wall: i64) -> Option<Day> {
        i32::try_from(wall.div_euclid(SECONDS_A_DAY)).ok().map(Day)
    }

    /// The date, when chrono can write it down.
    pub fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_epoch_days(self.0)
    }

    /// Days since 1970-01-01.
    pub fn number(self) -> i32 {
        self.0
    }

    /// `days` later; `None` past the days a count of 32 bits holds.
    pub fn later_by(self, days: u32) -> Option<Day> {
        i32::try_from(i64::from(self.0) + i64::from(days)).ok().map(Day)
    }

    /// The wall-clock time of `time` on this day, in seconds since 1970-01-01 00:00 of that
    /// clock (the fraction of a second is the caller's).
    pub fn at(self, time: NaiveTime) -> i64 {
        i64::from(self.0) * SECONDS_A_DAY + i64::from(time.num_seconds_from_midnight())
    }

    /// The proleptic Gregorian year the day falls in. The days are counted from 1 March of
    /// year 0 in eras of 400 years, in which the leap days fall at the same places (the method
    /// of Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms"); no date is made.
    pub fn year(self) -> i32 {
        const DAYS_AN_ERA: i64 = 146_097;
        let from_march_of_year_0 = i64::from(self.0) + 719_468;
        let era = from_march_of_year_0.div_euclid(DAYS_AN_ERA);
        // From 0 to 146,096, so unsigned from here on, which divides by a constant in fewer steps.
        let day_of_era = (from_march_of_year_0 - era * DAYS_AN_ERA) as u32;
        let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        // The year counted from March: January and February belong to the next one.
        let january_or_february = day_of_year >= 306;
        (era * 400) as i32 + (year_of_era + u32::from(january_or_february)) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn the_first_of_january_1970_is_day_zero_and_days_before_it_are_negative() {
        assert_eq!(Day::of(date(1970, 1, 1)).number(), 0);
        assert_eq!(Day::of(date(1969, 12, 31)).number(), -1);
        assert_eq!(Day::of(date(2026, 12, 6)).date(), Some(date(2026, 12, 6)));
    }

    #[test]
    fn a_day_knows_its_year_as_chrono_does_on_every_day_of_eight_centuries() {
        let (mut day, last) = (Day::of(date(1600, 1, 1)), Day::of(date(2400, 12, 31)));
        while day <= last {
            use chrono::Datelike;
            assert_eq!(day.year(), day.date().unwrap().year(), "{:?}", day.date());
            day = day.later_by(1).unwrap();
        }
    }

    #[test]
    fn a_day_knows_its_year_at_both_ends_of_what_chrono_writes_down() {
        use chrono::Datelike;
        for date in [NaiveDate::MIN, NaiveDate::MAX, date(-1, 12, 31), date(0, 1, 1), date(0, 2, 29)] {
            assert_eq!(Day::of(date).year(), date.year(), "{date}");
        }
    }

    #[test]
    fn a_wall_clock_time_falls_on_its_day_and_reads_back_from_its_time_of_day() {
        let day = Day::of(date(2026, 3, 8));
        let half_past_two = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(Day::containing(day.at(half_past_two)), Some(day));
        assert_eq!(day.at(half_past_two), date(2026, 3, 8).and_time(half_past_two).and_utc().timestamp());
        assert_eq!(Day::containing(-1), Some(Day::of(date(1969, 12, 31))));
        assert_eq!(Day::containing(i64::MAX), None);
    }

    #[test]
    fn days_later_stop_where_a_count_of_32_bits_ends() {
        assert_eq!(Day::of(date(2026, 2, 27)).later_by(2).unwrap().date(), Some(date(2026, 3, 1)));
        assert_eq!(Day(i32::MAX).later_by(1), None);
        assert_eq!(Day(i32::MAX).date(), None);
    }
}
