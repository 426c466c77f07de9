//! Time zones in which an export's naive timestamps are read.
//!
//! Seller Center exports carry no offset, so every timestamp is read in the zone the rule profile
//! names. Only the zones the product offers are built in, instead of the whole tz database, to
//! keep the browser bundle small. The zones listed here have kept one UTC offset, without daylight
//! saving, for years before and after the 2024–2027 span the product covers (IANA tz database,
//! `asia` file), so a fixed offset is exact for them.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A named time zone from the built-in table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    name: &'static str,
    offset_seconds: i32,
}

const HOUR: i32 = 3600;

const ZONES: &[Zone] = &[
    Zone {
        name: "UTC",
        offset_seconds: 0,
    },
    Zone {
        name: "Asia/Shanghai",
        offset_seconds: 8 * HOUR,
    },
    Zone {
        name: "Asia/Hong_Kong",
        offset_seconds: 8 * HOUR,
    },
    Zone {
        name: "Asia/Taipei",
        offset_seconds: 8 * HOUR,
    },
    Zone {
        name: "Asia/Singapore",
        offset_seconds: 8 * HOUR,
    },
    Zone {
        name: "Asia/Kuala_Lumpur",
        offset_seconds: 8 * HOUR,
    },
    Zone {
        name: "Asia/Manila",
        offset_seconds: 8 * HOUR,
    },
    Zone {
        name: "Asia/Bangkok",
        offset_seconds: 7 * HOUR,
    },
    Zone {
        name: "Asia/Ho_Chi_Minh",
        offset_seconds: 7 * HOUR,
    },
    Zone {
        name: "Asia/Jakarta",
        offset_seconds: 7 * HOUR,
    },
    Zone {
        name: "Asia/Tokyo",
        offset_seconds: 9 * HOUR,
    },
];

/// A zone name that is not in the built-in table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownZone(pub String);

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = ZONES.iter().map(|z| z.name).collect();
        write!(
            f,
            "unknown time zone {:?}; known zones: {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownZone {}

impl Zone {
    pub const UTC: Zone = ZONES[0];
    pub const SHANGHAI: Zone = ZONES[1];

    pub fn from_name(name: &str) -> Result<Zone, UnknownZone> {
        ZONES
            .iter()
            .find(|z| z.name.eq_ignore_ascii_case(name))
            .copied()
            .ok_or_else(|| UnknownZone(name.to_owned()))
    }

    pub fn all() -> &'static [Zone] {
        ZONES
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The UTC offset in force at `at`.
    pub fn offset_at(&self, _at: DateTime<Utc>) -> FixedOffset {
        FixedOffset::east_opt(self.offset_seconds).expect("table offsets are within ±24 h")
    }

    /// Reads a wall-clock time in this zone.
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        (local - chrono::Duration::seconds(i64::from(self.offset_seconds))).and_utc()
    }

    /// `at` as wall-clock time in this zone, with its offset.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        at.with_timezone(&self.offset_at(at))
    }

    /// `at` for people: `2024-11-14 09:05:00 UTC+08:00`. The offset is always written, because a
    /// seller in one zone often reads orders exported in another.
    pub fn display(&self, at: DateTime<Utc>) -> String {
        self.local(at)
            .format("%Y-%m-%d %H:%M:%S UTC%:z")
            .to_string()
    }

    /// `at` for machines: RFC 3339 with this zone's offset, to the second.
    pub fn rfc3339(&self, at: DateTime<Utc>) -> String {
        self.local(at)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }
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
    use chrono::NaiveDate;

    #[test]
    fn shanghai_wall_clock_is_eight_hours_ahead_of_utc() {
        let local = NaiveDate::from_ymd_opt(2024, 11, 12)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let utc = Zone::SHANGHAI.to_utc(local);
        assert_eq!(utc.to_rfc3339(), "2024-11-12T01:30:00+00:00");
        assert_eq!(Zone::SHANGHAI.rfc3339(utc), "2024-11-12T09:30:00+08:00");
        assert_eq!(Zone::SHANGHAI.display(utc), "2024-11-12 09:30:00 UTC+08:00");
    }

    #[test]
    fn names_round_trip_through_serde_and_unknown_names_are_rejected() {
        let json = serde_json::to_string(&Zone::SHANGHAI).unwrap();
        assert_eq!(json, "\"Asia/Shanghai\"");
        assert_eq!(serde_json::from_str::<Zone>(&json).unwrap(), Zone::SHANGHAI);
        let err = serde_json::from_str::<Zone>("\"Mars/Olympus\"").unwrap_err();
        assert!(err.to_string().contains("unknown time zone"), "{err}");
    }
}
