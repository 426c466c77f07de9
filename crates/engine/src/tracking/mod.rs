//! Tracking numbers: is this a real number, of which carrier, and does it fit the carrier the
//! order names? The platform counts a package as validly tracked only when its number is real
//! and matches the chosen carrier, and sellers find out too late; this tells them before they
//! upload.
//!
//! A number is normalised first (spaces, dashes, tabs and case do not matter), then matched
//! against every [`formats::FORMATS`] entry and its check digit. The verdict is
//! [`Validity::Valid`] when some format accepts it, [`Validity::Invalid`] with a reason when it
//! cannot be right (a check digit fails, it fits none of the named carrier's formats, Excel
//! turned it into scientific notation), and [`Validity::Unknown`] when no known format
//! describes it and nothing says it is wrong.

pub mod carriers;
pub mod checksum;
pub mod formats;
mod reason;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use carriers::{carrier_info, postal_operator, CarrierInfo};
use formats::{Format, Kind, FORMATS};
pub use reason::Reason;
use reason::{Fact, Problem};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    Invalid,
    /// No known format describes the number; it may still be real.
    Unknown,
}

/// A format a number is valid in, and whose it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatMatch {
    pub carrier: String,
    pub format: Cow<'static, str>,
    pub format_id: Cow<'static, str>,
}

/// What ShipCheck makes of one tracking number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingCheck {
    pub input: String,
    pub normalized: String,
    pub validity: Validity,
    /// Every format the number is valid in; the named carrier's first.
    pub matches: Vec<FormatMatch>,
    /// Why the number is invalid, or does not fit the named carrier.
    pub reason: Option<String>,
    /// [`TrackingCheck::reason`] in Chinese.
    pub reason_zh: Option<String>,
    /// With a named carrier that publishes a format: whether the number is one of its.
    pub fits_carrier: Option<bool>,
    /// For a number whose check digit fails: the format it otherwise fits; for one no format
    /// describes, the format it comes within a character or two of.
    pub closest: Option<FormatMatch>,
    /// The text cannot be a tracking number at all (too short, no digit, a character none has).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_a_number: bool,
}

impl TrackingCheck {
    /// The format the verdict is about: the first match, else the one whose check failed.
    pub fn format(&self) -> Option<&FormatMatch> {
        self.matches.first().or(self.closest.as_ref())
    }

    /// The carrier the verdict is about.
    pub fn carrier(&self) -> Option<&str> {
        self.format().map(|m| m.carrier.as_str())
    }
}

/// Who issued a number a format fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    Carrier(&'static str),
    /// An S10 number: the postal operator of this country.
    Post([u8; 2]),
}

impl Owner {
    fn is(self, carrier: &CarrierInfo) -> bool {
        match self {
            Owner::Carrier(name) => name == carrier.name,
            Owner::Post(country) => carrier.s10_countries.iter().any(|c| c.as_bytes() == country),
        }
    }

    fn name(self) -> String {
        match self {
            Owner::Carrier(name) => name.to_owned(),
            Owner::Post(country) => {
                let country = std::str::from_utf8(&country).unwrap_or("??");
                postal_operator(country).map_or_else(|| format!("Postal service ({country})"), |c| c.name.to_owned())
            }
        }
    }
}

/// A format the number fits the pattern of; `failed` when its check digit does not agree
/// (found, expected).
#[derive(Clone, Copy, Debug)]
struct Hit {
    format: &'static Format,
    owner: Owner,
    failed: Option<(u8, u8)>,
}

impl Hit {
    /// What fills the places of [`Hits`] no format has taken.
    const NONE: Hit = Hit { format: &FORMATS[0], owner: Owner::Carrier(""), failed: None };

    fn as_match(&self) -> FormatMatch {
        FormatMatch { carrier: self.owner.name(), format: self.format.name.into(), format_id: self.format.id.into() }
    }
}

/// Every format `number` (normalised) fits the pattern of.
fn analyse(number: &[u8]) -> Hits {
    let mut hits = Hits { found: [Hit::NONE; formats::MOST_OF_ONE_LENGTH], len: 0 };
    for &format in formats::formats_of_length(number.len()) {
        let Some(parts) = format.parse(number) else { continue };
        let owner = if format.id == "s10" { Owner::Post(parts.country) } else { Owner::Carrier(format.carrier) };
        let failed = match (format.checksum, parts.check) {
            (Some(checksum), Some(found)) => match checksum.expected(parts.serial()) {
                Some(expected) if expected == found => None,
                Some(expected) => Some((found, expected)),
                // A character outside the algorithm's alphabet: the pattern let it through, so
                // the format does not apply.
                None => continue,
            },
            _ => None,
        };
        hits.found[hits.len] = Hit { format, owner, failed };
        hits.len += 1;
    }
    hits
}

/// The formats a number fits, kept on the stack: a verdict is asked for every order. There
/// are never more than the formats of the number's length.
struct Hits {
    found: [Hit; formats::MOST_OF_ONE_LENGTH],
    len: usize,
}

impl std::ops::Deref for Hits {
    type Target = [Hit];

    fn deref(&self) -> &[Hit] {
        &self.found[..self.len]
    }
}

impl std::ops::DerefMut for Hits {
    fn deref_mut(&mut self) -> &mut [Hit] {
        &mut self.found[..self.len]
    }
}

/// Why the verdict is what it is.
enum Why {
    Nothing,
    /// The hit at this index failed its check digit.
    CheckDigit(usize),
    /// The hit at this index failed its check digit, but no carrier was named and carriers
    /// whose numbers cannot be checked issue numbers of this shape.
    MaybeUnchecked(usize),
    /// The number is valid, for another carrier than the one named (the first valid hit).
    OtherCarrier,
    /// The number fits none of the named carrier's formats.
    NotTheirs,
    /// The number fits none of the shapes a loose carrier's numbers usually take.
    NotUsual,
    /// No format describes the number, and it comes within a character or two of this one.
    Near(&'static Format),
}

struct Decision {
    validity: Validity,
    fits_carrier: Option<bool>,
    why: Why,
}

impl Decision {
    fn new(validity: Validity, fits_carrier: Option<bool>, why: Why) -> Decision {
        Decision { validity, fits_carrier, why }
    }
}

impl Why {
    /// The facts behind the verdict on a number of `length` characters, analysed into `hits`,
    /// against the `named` carrier.
    fn reason(self, hits: &[Hit], length: usize, named: Option<&'static CarrierInfo>) -> Option<Reason> {
        let fact = match self {
            Why::Nothing => return None,
            Why::CheckDigit(i) => {
                let (format, (found, expected)) = (hits[i].format, hits[i].failed?);
                Fact::CheckDigit { format, found, expected }
            }
            Why::MaybeUnchecked(i) => Fact::MaybeUnchecked { format: hits[i].format, length },
            Why::OtherCarrier => {
                let (owner, format) = (hits[0].owner, hits[0].format);
                Fact::OtherCarrier { owner, format, named: named.map_or("", |info| info.name) }
            }
            Why::NotTheirs => Fact::NotTheirs { carrier: named?, length },
            Why::NotUsual => Fact::NotUsual { carrier: named?, length },
            Why::Near(format) => Fact::Near { format, length },
        };
        Some(Reason(fact))
    }
}

/// Plain digit numbers of these lengths are issued by carriers whose numbers have no check
/// digit ShipCheck knows (GLS 11 and 12 digits, J&T Express 12 to 15, SF Express 12, DHL
/// eCommerce 14, Aramex 10, in public pattern lists): one that fails another carrier's check
/// digit may be theirs, and without a carrier named it is not called wrong.
const UNCHECKED_DIGIT_LENGTHS: std::ops::RangeInclusive<usize> = 10..=15;

/// The verdict from the hits, against the named carrier: a strict one's formats decide, a
/// loose one's only accept, and a carrier with no known format is not judged. Valid hits of the
/// named carrier come first in `hits` afterwards.
fn decide(number: &[u8], hits: &mut [Hit], named: Option<&CarrierInfo>) -> Decision {
    // Valid hits first, the named carrier's first among them.
    hits.sort_by_key(|hit| (hit.failed.is_some(), !named.is_some_and(|info| hit.owner.is(info))));
    let valid = |hit: &Hit| hit.failed.is_none();
    match named {
        None => unnamed(number, hits),
        Some(info) if !info.published => match hits.first() {
            Some(hit) if valid(hit) => Decision::new(Validity::Valid, None, Why::Nothing),
            _ => Decision::new(Validity::Unknown, None, Why::Nothing),
        },
        Some(info) if !info.strict => match hits.first() {
            Some(hit) if valid(hit) => Decision::new(Validity::Valid, hit.owner.is(info).then_some(true), Why::Nothing),
            // Its own check digit failing is a typo, whoever the carrier.
            _ => match hits.iter().position(|h| h.owner.is(info)) {
                Some(i) => Decision::new(Validity::Invalid, Some(false), Why::CheckDigit(i)),
                None => Decision::new(Validity::Unknown, None, Why::NotUsual),
            },
        },
        Some(info) => strict(hits, info),
    }
}

fn unnamed(number: &[u8], hits: &[Hit]) -> Decision {
    match hits.first() {
        Some(hit) if hit.failed.is_none() => Decision::new(Validity::Valid, None, Why::Nothing),
        Some(_) if number.iter().all(u8::is_ascii_digit) && UNCHECKED_DIGIT_LENGTHS.contains(&number.len()) => {
            Decision::new(Validity::Unknown, None, Why::MaybeUnchecked(0))
        }
        Some(_) => Decision::new(Validity::Invalid, None, Why::CheckDigit(0)),
        None => match nearest_format(number) {
            Some(format) => Decision::new(Validity::Unknown, None, Why::Near(format)),
            None => Decision::new(Validity::Unknown, None, Why::Nothing),
        },
    }
}

/// Characters a number may be off a format by and still be taken for a mistyped one of it.
const NEAR: usize = 2;

/// The format whose fixed start `number` has and whose length it misses by at most [`NEAR`]
/// characters, the nearest first: `YT` and 15 digits is a YunExpress number missing one.
fn nearest_format(number: &[u8]) -> Option<&'static Format> {
    let off_by = |format: &Format| {
        let (min, max) = format.lengths();
        min.saturating_sub(number.len()).max(number.len().saturating_sub(max))
    };
    let starts_as = |format: &Format| match format.segments.first().map(|s| s.kind) {
        Some(Kind::Literal(texts)) => texts.iter().any(|t| number.starts_with(t.as_bytes())),
        _ => false,
    };
    FORMATS
        .iter()
        .filter(|f| starts_as(f))
        .map(|f| (off_by(f), f))
        .filter(|(off, _)| (1..=NEAR).contains(off))
        .min_by_key(|(off, _)| *off)
        .map(|(_, f)| f)
}

/// Against a carrier whose formats are its specification.
fn strict(hits: &[Hit], info: &CarrierInfo) -> Decision {
    let valid = |hit: &Hit| hit.failed.is_none();
    let theirs = |hit: &Hit| hit.owner.is(info);
    if hits.first().is_some_and(|h| valid(h) && theirs(h)) {
        return Decision::new(Validity::Valid, Some(true), Why::Nothing);
    }
    if let Some(i) = hits.iter().position(|h| !valid(h) && theirs(h)) {
        return Decision::new(Validity::Invalid, Some(false), Why::CheckDigit(i));
    }
    if hits.first().is_some_and(|h| valid(h) && h.format.is_distinctive()) {
        return Decision::new(Validity::Valid, Some(false), Why::OtherCarrier);
    }
    Decision::new(Validity::Invalid, Some(false), Why::NotTheirs)
}

/// The verdict alone, without the report's text: what an order check needs, a million times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub validity: Validity,
    pub fits_carrier: Option<bool>,
}

/// [`check_tracking_for`]'s verdict, without the report's text and with nothing allocated.
pub fn verdict(input: &str, carrier: Option<&'static CarrierInfo>) -> Verdict {
    let mut buffer = [0; MAX_LENGTH];
    match normalize_into(input, &mut buffer) {
        Err(_) => Verdict { validity: Validity::Invalid, fits_carrier: None },
        Ok(number) => {
            let decision = decide(number, &mut analyse(number), carrier);
            Verdict { validity: decision.validity, fits_carrier: decision.fits_carrier }
        }
    }
}

/// Checks a number, against `carrier` (a provider name as exports write it) when given.
pub fn check_tracking(input: &str, carrier: Option<&str>) -> TrackingCheck {
    check_tracking_for(input, carrier.map(|name| (name, carrier_info(name))))
}

/// [`check_tracking`] with the carrier already looked up (`None` inside: a name ShipCheck does
/// not know).
pub fn check_tracking_for(input: &str, carrier: Option<(&str, Option<&'static CarrierInfo>)>) -> TrackingCheck {
    let mut result = TrackingCheck {
        input: input.to_owned(),
        normalized: String::new(),
        validity: Validity::Invalid,
        matches: Vec::new(),
        reason: None,
        reason_zh: None,
        fits_carrier: None,
        closest: None,
        not_a_number: false,
    };
    let mut buffer = [0; MAX_LENGTH];
    let number = match normalize_into(input, &mut buffer) {
        Ok(number) => number,
        Err(problem) => {
            let reason = Reason(Fact::NotANumber(problem));
            (result.reason, result.reason_zh) = (Some(reason.english()), Some(reason.chinese()));
            result.not_a_number = !matches!(problem, Problem::Empty | Problem::Scientific);
            return result;
        }
    };
    result.normalized = String::from_utf8_lossy(number).into_owned();
    let info = carrier.and_then(|(_, info)| info);
    let mut hits = analyse(number);
    let decision = decide(number, &mut hits, info);
    result.validity = decision.validity;
    result.fits_carrier = decision.fits_carrier;
    result.matches = hits.iter().filter(|hit| hit.failed.is_none()).map(Hit::as_match).collect();
    result.closest = match decision.why {
        Why::CheckDigit(i) | Why::MaybeUnchecked(i) => Some(hits[i].as_match()),
        Why::Near(format) => Some(FormatMatch {
            carrier: format.carrier.into(),
            format: format.name.into(),
            format_id: format.id.into(),
        }),
        _ => None,
    };
    let reason = decision.why.reason(&hits, number.len(), info);
    (result.reason, result.reason_zh) = reason.map(|reason| (reason.english(), reason.chinese())).unzip();
    result
}

/// Why a number is invalid or not `carrier`'s (a provider name as exports write it), for
/// words in one language: [`check_tracking`]'s reason without the rest of its report.
pub fn reason(input: &str, carrier: Option<&str>) -> Option<Reason> {
    let mut buffer = [0; MAX_LENGTH];
    match normalize_into(input, &mut buffer) {
        Err(problem) => Some(Reason(Fact::NotANumber(problem))),
        Ok(number) => {
            let info = carrier.and_then(carrier_info);
            let mut hits = analyse(number);
            decide(number, &mut hits, info).why.reason(&hits, number.len(), info)
        }
    }
}

/// The longest number ShipCheck reads; no carrier's is half as long.
const MAX_LENGTH: usize = 64;

/// No carrier's numbers are shorter (the formats test holds every format to it).
const SHORTEST: usize = 8;

/// Upper-cases and drops spaces, dashes and tabs, into `buffer`; anything else that is not a
/// letter or digit makes the number invalid, and scientific notation is named for what it is.
fn normalize_into<'b>(input: &str, buffer: &'b mut [u8; MAX_LENGTH]) -> Result<&'b [u8], Problem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Problem::Empty);
    }
    // Nearly every number is letters and digits alone (so not scientific notation either),
    // copied in one go; a million orders have one each.
    let len = if trimmed.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let number = buffer.get_mut(..trimmed.len()).ok_or(Problem::TooLong)?;
        number.copy_from_slice(trimmed.as_bytes());
        number.make_ascii_uppercase();
        number.len()
    } else {
        copy_without_separators(trimmed, buffer)?
    };
    let number = &buffer[..len];
    if len < SHORTEST {
        return Err(Problem::TooShort(len));
    }
    if !number.iter().any(u8::is_ascii_digit) {
        return Err(Problem::NoDigit);
    }
    Ok(number)
}

/// [`normalize_into`] for a number written with separators or other characters: its letters
/// and digits, upper-cased, into `buffer`; how many.
fn copy_without_separators(trimmed: &str, buffer: &mut [u8; MAX_LENGTH]) -> Result<usize, Problem> {
    if crate::excel::is_scientific_notation(trimmed) {
        return Err(Problem::Scientific);
    }
    // Read a byte at a time, without decoding characters: only a no-break space is more than
    // one byte and still allowed.
    const NO_BREAK_SPACE: &[u8] = "\u{a0}".as_bytes();
    let (bytes, mut at, mut len) = (trimmed.as_bytes(), 0, 0);
    while let Some(&c) = bytes.get(at) {
        match c {
            b' ' | b'-' | b'\t' => {}
            c if c.is_ascii_alphanumeric() => {
                *buffer.get_mut(len).ok_or(Problem::TooLong)? = c.to_ascii_uppercase();
                len += 1;
            }
            _ if bytes[at..].starts_with(NO_BREAK_SPACE) => at += NO_BREAK_SPACE.len() - 1,
            // `at` is where a character starts: every byte passed over was a whole one.
            _ => return Err(Problem::Character(trimmed[at..].chars().next().unwrap_or('\u{fffd}'))),
        }
        at += 1;
    }
    Ok(len)
}

/// The number as the platform compares it; `None` when it cannot be a tracking number.
pub fn normalize(input: &str) -> Option<String> {
    let mut buffer = [0; MAX_LENGTH];
    normalize_into(input, &mut buffer).ok().map(|number| String::from_utf8_lossy(number).into_owned())
}

#[cfg(test)]
mod tests;
