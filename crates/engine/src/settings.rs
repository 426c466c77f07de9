//! The seller's settings as stored between visits: the rule profile in use, inside a versioned
//! envelope.
//!
//! Stored text outlives the code that wrote it. A value that is not JSON, not an envelope, from
//! another version of the schema, or a profile whose calendar cannot be built, loads the
//! defaults and says why, so the page always starts and the seller knows their edits were not
//! applied. The browser keeps the text (local storage); this module only reads and writes it.

use serde::{Deserialize, Serialize};

use super::profile::{profile_from_json, RuleProfile};

/// The version of the stored shape. Bump it when a change to [`RuleProfile`] would make older
/// stored profiles mean something else; those then load as defaults, with a note.
pub const SETTINGS_VERSION: u32 = 2;

#[derive(Serialize)]
struct Envelope<'a> {
    version: u32,
    profile: &'a RuleProfile,
}

#[derive(Deserialize)]
struct StoredEnvelope {
    version: u32,
    profile: serde_json::Value,
}

/// What loading stored settings gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Nothing was stored: the defaults, silently.
    Nothing,
    Profile(Box<RuleProfile>),
    /// Something was stored but could not be used; the defaults apply, and this says why.
    Unusable(String),
}

/// Reads what [`store`] wrote.
pub fn load(stored: Option<&str>) -> Loaded {
    let Some(text) = stored else { return Loaded::Nothing };
    let envelope: StoredEnvelope = match serde_json::from_str(text) {
        Ok(envelope) => envelope,
        Err(error) => return Loaded::Unusable(format!("the saved settings are damaged ({error})")),
    };
    if envelope.version != SETTINGS_VERSION {
        return Loaded::Unusable(format!(
            "the saved settings are from another version of ShipCheck (version {}, this one reads {SETTINGS_VERSION})",
            envelope.version
        ));
    }
    match profile_from_value(envelope.profile) {
        Ok(profile) => Loaded::Profile(Box::new(profile)),
        Err(error) => Loaded::Unusable(format!("the saved rule profile cannot be used: {error}")),
    }
}

/// The text to store for `profile`.
pub fn store(profile: &RuleProfile) -> String {
    serde_json::to_string(&Envelope { version: SETTINGS_VERSION, profile }).expect("a profile serialises")
}

/// The largest profile read: a market's every value fits in a few dozen KiB.
pub const MAX_PROFILE_BYTES: usize = 1 << 20;

/// A profile from JSON a seller edited or imported, checked the way the engine will use it:
/// every field known, every value one the engine can count with (see
/// [`RuleProfile::validate`]).
pub fn parse_profile(json: &str) -> Result<RuleProfile, String> {
    if json.len() > MAX_PROFILE_BYTES {
        return Err(format!("the profile is {} bytes: at most {MAX_PROFILE_BYTES}", json.len()));
    }
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    profile_from_value(value)
}

fn profile_from_value(value: serde_json::Value) -> Result<RuleProfile, String> {
    let profile = profile_from_json(value).map_err(|e| e.to_string())?;
    profile.validate().map_err(|e| e.to_string())?;
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_profile_loads_back_as_it_was() {
        let mut profile = RuleProfile::us_local();
        profile.due_soon_hours = 6;
        profile.calendar.closed_days.push(chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap());
        assert_eq!(load(Some(&store(&profile))), Loaded::Profile(Box::new(profile)));
        assert_eq!(load(None), Loaded::Nothing);
    }

    #[test]
    fn unusable_stored_settings_say_why() {
        let reason = |text: &str| match load(Some(text)) {
            Loaded::Unusable(reason) => reason,
            other => panic!("{text} loaded as {other:?}"),
        };
        assert!(reason("{\"version\":2,").starts_with("the saved settings are damaged"));
        assert!(reason("[]").starts_with("the saved settings are damaged"));
        let old = store(&RuleProfile::default()).replace("\"version\":2", "\"version\":1");
        assert!(reason(&old).contains("another version of ShipCheck (version 1, this one reads 2)"));
        let unknown = store(&RuleProfile::default()).replacen("\"id\"", "\"colour\":1,\"id\"", 1);
        assert!(reason(&unknown).contains("unknown field `colour`"), "{}", reason(&unknown));
        let bad_country = store(&RuleProfile::default()).replace("\"country\":\"CN\"", "\"country\":\"XX\"");
        assert!(reason(&bad_country).starts_with("the saved rule profile cannot be used"), "{}", reason(&bad_country));
    }

    #[test]
    fn an_edited_profile_is_checked_before_it_is_used() {
        let json = serde_json::to_string(&RuleProfile::uk_eu()).unwrap();
        assert_eq!(parse_profile(&json), Ok(RuleProfile::uk_eu()));
        let percent = json.replacen("\"target\":0.04", "\"target\":4.0", 1);
        assert_eq!(
            parse_profile(&percent),
            Err("metrics.late_dispatch.target is 4: a rate is a fraction from 0 to 1 (0.04 = 4 %)".into())
        );
        let huge = json.replacen("\"days\":2", "\"days\":99999999", 1);
        assert_eq!(parse_profile(&huge), Err("versions[0].windows.dispatch is 99999999 days: at most 366 days".into()));
        assert!(parse_profile("{").unwrap_err().starts_with("not JSON"));
    }
}
