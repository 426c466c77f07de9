//! Spans of time as a seller reads them: a ticking `2d 03:14:07` countdown, and a short
//! "5h 12m" phrase for messages. Both take whole seconds; a sign is the caller's business
//! ("due in" / "overdue by"), so both format the magnitude.

use chrono::TimeDelta;

/// `HH:MM:SS` under a day, `2d 03:14:07` from a day on (with `day` the unit, `d` or `天`): the
/// seconds a seller watches tick in the same place whatever the span.
pub fn countdown(span: TimeDelta, day: &str) -> String {
    let total = span.num_seconds().unsigned_abs();
    let clock = format!("{:02}:{:02}:{:02}", total / 3600 % 24, total / 60 % 60, total % 60);
    match total / 86_400 {
        0 => clock,
        days => format!("{days}{day} {clock}"),
    }
}

/// The two largest units down to minutes, e.g. `2d 3h`, `5h 12m`, `12m`; seconds only under a
/// minute (`45s`). Findings are re-rendered once a minute, so their spans are written to the
/// minute.
pub fn phrase(span: TimeDelta) -> String {
    phrase_in(span, ["d", "h", "m", "s"], " ")
}

/// [`phrase`] in Chinese: `2天3小时`, `5小时12分钟`, `12分钟`, `45秒`.
pub fn phrase_zh(span: TimeDelta) -> String {
    phrase_in(span, ["天", "小时", "分钟", "秒"], "")
}

/// [`phrase`] with the unit names (days, hours, minutes, seconds) of one language.
fn phrase_in(span: TimeDelta, [day, hour, minute, second]: [&str; 4], gap: &str) -> String {
    let total = span.num_seconds().unsigned_abs();
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
    if days > 0 {
        format!("{days}{day}{gap}{hours}{hour}")
    } else if hours > 0 {
        format!("{hours}{hour}{gap}{minutes}{minute}")
    } else if minutes > 0 {
        format!("{minutes}{minute}")
    } else {
        format!("{seconds}{second}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_pads_and_counts_whole_days_apart() {
        assert_eq!(countdown(TimeDelta::seconds(0), "d"), "00:00:00");
        assert_eq!(countdown(TimeDelta::seconds(3 * 3600 + 14 * 60 + 7), "d"), "03:14:07");
        assert_eq!(countdown(TimeDelta::seconds(86_399), "d"), "23:59:59");
        assert_eq!(countdown(TimeDelta::seconds(2 * 86_400 + 3 * 3600 + 14 * 60 + 7), "d"), "2d 03:14:07");
        assert_eq!(countdown(TimeDelta::hours(120), "d"), "5d 00:00:00");
        assert_eq!(countdown(TimeDelta::hours(49), "天"), "2天 01:00:00");
        assert_eq!(countdown(TimeDelta::seconds(-61), "d"), "00:01:01");
    }

    #[test]
    fn phrase_keeps_the_two_largest_units() {
        assert_eq!(phrase(TimeDelta::seconds(45)), "45s");
        assert_eq!(phrase(TimeDelta::seconds(12 * 60 + 5)), "12m");
        assert_eq!(phrase(TimeDelta::minutes(5 * 60 + 12)), "5h 12m");
        assert_eq!(phrase(TimeDelta::hours(51)), "2d 3h");
        assert_eq!(phrase(TimeDelta::hours(-51)), "2d 3h");
        assert_eq!(phrase_zh(TimeDelta::hours(51)), "2天3小时");
        assert_eq!(phrase_zh(TimeDelta::minutes(5 * 60 + 12)), "5小时12分钟");
    }
}
