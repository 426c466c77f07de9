//! Reminders without a server: the open dispatch deadlines as an iCalendar file (RFC 5545) that
//! Google, Apple and Outlook calendars import, each with alarms before it.
//!
//! A seller's calendar then warns them 24, 12 and 4 hours (or whatever they choose) before a
//! batch of orders is due, on every device it syncs to, with no server holding their orders.
//! Orders due at the same instant are one event ("7 orders due 23:59:59"), so a day of orders
//! is a few events, not hundreds. Times are written in UTC (`…Z`): exact in every calendar,
//! which shows them in the seller's own zone; the summary names the time in the rules' zone, as
//! the board does. Deadlines already past are on the board, not in the file: an alarm before
//! them could never ring.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::evaluate::{OrderCheck, OrderState};
use super::order::Order;
use super::zone::Zone;

/// The lead times sellers are warned at by default: what a US vendor's e-mails use.
pub const DEFAULT_LEADS_HOURS: [u32; 3] = [24, 12, 4];
/// The most lead times one event carries, and the longest: a week.
pub const MAX_LEADS: usize = 8;
pub const MAX_LEAD_HOURS: u32 = 7 * 24;
/// The most order IDs an event's description lists; the rest are counted.
const IDS_LISTED: usize = 200;

/// Lead times, in hours before a deadline, from text such as `24h,12h,4h` (or `24,12,4`).
pub fn parse_leads(text: &str) -> Result<Vec<u32>, String> {
    let mut leads = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let number = part.strip_suffix('h').unwrap_or(part);
        let hours: u32 = number.parse().map_err(|_| format!("{part:?} is not a number of hours (24h)"))?;
        if !(1..=MAX_LEAD_HOURS).contains(&hours) {
            return Err(format!("a lead time of {hours} h: from 1 to {MAX_LEAD_HOURS} hours"));
        }
        if !leads.contains(&hours) {
            leads.push(hours);
        }
    }
    if leads.is_empty() || leads.len() > MAX_LEADS {
        return Err(format!("{} lead times: from 1 to {MAX_LEADS}", leads.len()));
    }
    leads.sort_unstable_by(|a, b| b.cmp(a));
    Ok(leads)
}

/// Orders due at one instant: their IDs, with their shops when several are loaded.
struct Due<'a> {
    at: DateTime<Utc>,
    orders: Vec<(&'a str, Option<&'a str>)>,
}

/// The calendar of the dispatch deadlines still ahead at `now` among `checks` (already chosen:
/// the shown orders, or all), one event per deadline with an alarm at each of `leads_hours`
/// before it. `zone` is the rules' zone, in which the summary names the time.
pub fn dispatch_calendar<'a>(
    checks: impl IntoIterator<Item = (&'a OrderCheck, &'a Order)>,
    now: DateTime<Utc>,
    zone: &Zone,
    leads_hours: &[u32],
    chinese: bool,
) -> String {
    let mut by_deadline: BTreeMap<DateTime<Utc>, Vec<(&str, Option<&str>)>> = BTreeMap::new();
    for (check, order) in checks {
        if check.state_at(now) == OrderState::AwaitingDispatch {
            if let Some(at) = check.clock.deadline.filter(|at| *at > now) {
                by_deadline.entry(at).or_default().push((&order.id, order.shop.as_deref()));
            }
        }
    }
    let mut file = Lines::default();
    file.line("BEGIN:VCALENDAR");
    file.line("VERSION:2.0");
    file.line("PRODID:-//ShipCheck//Dispatch deadlines//EN");
    file.line("CALSCALE:GREGORIAN");
    file.line("METHOD:PUBLISH");
    file.line("X-WR-CALNAME:ShipCheck dispatch deadlines");
    for (at, orders) in by_deadline {
        event(&mut file, &Due { at, orders }, now, zone, leads_hours, chinese);
    }
    file.line("END:VCALENDAR");
    file.0
}

fn event(file: &mut Lines, due: &Due, now: DateTime<Utc>, zone: &Zone, leads_hours: &[u32], chinese: bool) {
    let count = due.orders.len();
    let local = zone.local(due.at);
    let (time, when) = (local.format("%H:%M:%S"), local.format("%Y-%m-%d %H:%M:%S"));
    let summary = match (chinese, count) {
        (true, _) => format!("{count} 个订单 {time} 截止发货（{}）", local.format("%m月%d日")),
        (false, 1) => format!("1 order due {time} ({})", local.format("%a %d %b")),
        (false, _) => format!("{count} orders due {time} ({})", local.format("%a %d %b")),
    };
    let mut orders = due.orders.clone();
    orders.sort_unstable();
    let named = |(id, shop): &(&str, Option<&str>)| match shop {
        Some(shop) => format!("{id} ({})", crate::excerpt::name(shop)),
        None => (*id).to_owned(),
    };
    let listed = orders[..count.min(IDS_LISTED)].iter().map(named).collect::<Vec<_>>().join("\n");
    let mut description = match chinese {
        true => format!("请在 {when}（{}）前发货：\n{listed}", zone.name()),
        false => format!("To dispatch by {when} {}:\n{listed}", zone.name()),
    };
    if count > IDS_LISTED {
        let more = count - IDS_LISTED;
        let _ = if chinese {
            write!(description, "\n…… 另有 {more} 个")
        } else {
            write!(description, "\n… and {more} more")
        };
    }
    file.line("BEGIN:VEVENT");
    file.line(&format!("UID:{}", uid(due)));
    file.line(&format!("DTSTAMP:{}", utc(now)));
    // An event with a start and no end ends when it starts (RFC 5545, 3.6.1): the deadline.
    file.line(&format!("DTSTART:{}", utc(due.at)));
    file.text("SUMMARY", &summary);
    file.text("DESCRIPTION", &description);
    file.line("TRANSP:TRANSPARENT");
    // Lead times come checked from the CLI; from elsewhere, any outside the bounds are left out.
    for hours in leads_hours.iter().filter(|h| (1..=MAX_LEAD_HOURS).contains(h)).take(MAX_LEADS) {
        file.line("BEGIN:VALARM");
        file.line("ACTION:DISPLAY");
        file.line(&format!("TRIGGER:-PT{hours}H"));
        let left =
            if chinese { format!("{summary}：还剩 {hours} 小时") } else { format!("{summary}: {hours} h left") };
        file.text("DESCRIPTION", &left);
        file.line("END:VALARM");
    }
    file.line("END:VEVENT");
}

/// The same deadline with the same orders is the same event in every file made, so importing a
/// newer file updates it instead of adding a copy.
fn uid(due: &Due) -> String {
    // FNV-1a over the order IDs: small, stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut ids: Vec<&str> = due.orders.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    for byte in ids.iter().flat_map(|id| id.bytes().chain([0])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("dispatch-{}-{hash:016x}@shipcheck", due.at.timestamp())
}

/// A UTC date-time as RFC 5545 writes one (3.3.5, form #2).
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Content lines (RFC 5545, 3.1): CRLF-terminated, folded at 75 octets without splitting a
/// character.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }

    /// A TEXT property, its value escaped (3.3.11).
    fn text(&mut self, name: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '\\' | ';' | ',' => {
                    escaped.push('\\');
                    escaped.push(c);
                }
                '\n' => escaped.push_str("\\n"),
                c if c.is_control() => {}
                c => escaped.push(c),
            }
        }
        self.line(&format!("{name}:{escaped}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_times_are_read_in_hours_largest_first_and_bounded() {
        assert_eq!(parse_leads("24h,12h,4h"), Ok(vec![24, 12, 4]));
        assert_eq!(parse_leads("4, 24,4"), Ok(vec![24, 4]));
        assert_eq!(parse_leads("168h"), Ok(vec![168]));
        assert_eq!(parse_leads("169h"), Err("a lead time of 169 h: from 1 to 168 hours".into()));
        assert_eq!(parse_leads("0h"), Err("a lead time of 0 h: from 1 to 168 hours".into()));
        assert!(parse_leads("soon").unwrap_err().contains("not a number of hours"));
        assert!(parse_leads("").is_err());
        assert!(parse_leads("1,2,3,4,5,6,7,8,9").unwrap_err().starts_with("9 lead times"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut lines = Lines::default();
        lines.text("DESCRIPTION", &"订单".repeat(40));
        for line in lines.0.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = lines.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "订单".repeat(40)));
    }

    #[test]
    fn text_values_escape_what_the_format_gives_meaning_to() {
        let mut lines = Lines::default();
        lines.text("SUMMARY", "a,b;c\\d\ne\u{7}");
        assert_eq!(lines.0, "SUMMARY:a\\,b\\;c\\\\d\\ne\r\n");
    }
}
