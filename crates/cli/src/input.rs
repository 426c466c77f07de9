//! What the commands read: files, profiles, times, and how their failures are printed.

use std::io::{self, Read};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use shipcheck_engine::settings::{parse_profile, MAX_PROFILE_BYTES};
use shipcheck_engine::timestamp::{FIRST_YEAR, LAST_YEAR};
use shipcheck_engine::RuleProfile;

use super::Failure;

/// `text` with control characters written as escapes (`\u{1b}`), line breaks kept.
pub fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| if c.is_control() && c != '\n' { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect()
}

/// An RFC 3339 moment within the years ShipCheck counts.
pub fn moment(text: &str) -> Result<DateTime<Utc>, String> {
    let at = DateTime::parse_from_rfc3339(text).map_err(|e| format!("not an RFC 3339 time: {e}"))?.with_timezone(&Utc);
    if !(FIRST_YEAR..=LAST_YEAR).contains(&at.year()) {
        return Err(format!("outside the years {FIRST_YEAR} to {LAST_YEAR}"));
    }
    Ok(at)
}

/// A YYYY-MM-DD date.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    text.parse::<NaiveDate>().map_err(|_| "give a date as YYYY-MM-DD".to_owned())
}

/// A file's bytes, or standard input's for `-`.
pub fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(file).map_err(|e| Failure(format!("{file}: {e}")))?;
    }
    Ok(bytes)
}

/// A preset ID, or the path of a profile saved as JSON.
pub fn load_profile(id_or_path: &str) -> Result<RuleProfile, Failure> {
    if let Some(preset) = RuleProfile::preset(id_or_path) {
        return Ok(preset);
    }
    let Ok(metadata) = std::fs::metadata(id_or_path) else { return Err(unknown_profile(id_or_path)) };
    if metadata.len() > MAX_PROFILE_BYTES as u64 {
        return Err(Failure(format!("{id_or_path}: a profile is at most {MAX_PROFILE_BYTES} bytes")));
    }
    let bytes = std::fs::read(id_or_path).map_err(|e| Failure(format!("{id_or_path}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| Failure(format!("{id_or_path}: a profile is UTF-8 JSON text")))?;
    parse_profile(&text).map_err(|e| Failure(format!("{id_or_path}: not a rule profile ShipCheck can use: {e}")))
}

pub fn unknown_profile(id: &str) -> Failure {
    let ids: Vec<String> = RuleProfile::presets().into_iter().map(|p| p.id).collect();
    Failure(format!("no preset or profile file {id:?}; presets: {}", ids.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_as_escapes_and_line_breaks_kept() {
        assert_eq!(printable("a\u{1b}[31mred\u{7}\nnext"), "a\\u{1b}[31mred\\u{7}\nnext");
    }

    #[test]
    fn a_moment_is_rfc_3339_within_the_years_counted() {
        assert!(moment("2026-11-27T12:00:00Z").is_ok());
        assert!(moment("tomorrow").unwrap_err().contains("not an RFC 3339 time"));
        assert_eq!(moment("9999-01-01T00:00:00Z").unwrap_err(), "outside the years 1970 to 2100");
    }
}
