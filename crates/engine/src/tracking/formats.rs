//! The tracking number formats ShipCheck knows, written for this project from the carriers'
//! public specifications (UPS, USPS Publication 199 for IMpb, FedEx, DHL, DPD, the UPU S10
//! standard) and the MIT-licensed descriptions in `tracking_number_data`, read to learn the
//! formats, not copied (GOFO Express, Spee-Dee, Canpar, LaserShip's `1LS` labels, Amazon's
//! international numbers and DHL eCommerce's 14 digits among them). The shapes of Cainiao
//! (`LP` + 14 digits), 4PX (`4PX` + digits, often ending in `CN`), Yanwen (`Y` + a letter, 9
//! digits, 2 letters) and SF Express (`SF` + 12 to 15 digits) come from public pattern lists,
//! not from the carriers, so those carriers are loose ([`super::carriers`]): their shapes
//! accept a number, never reject one. Each format is a sequence of segments matched by plain
//! code (no regular expression engine in the bundle), and names the checksum its carrier
//! defines, if any; where none is published, the prefix, length and alphabet are what is
//! checked.

use super::checksum::{Checksum, Finish};

/// What a run of characters is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Covered by the check digit.
    Serial,
    /// The check character.
    Check,
    /// The issuing country (UPU S10).
    Country,
    /// Matched, but not part of the check (prefixes, routing codes, service codes).
    Skip,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Digit,
    Letter,
    Alphanumeric,
}

impl Class {
    pub fn admits(self, c: u8) -> bool {
        match self {
            Class::Digit => c.is_ascii_digit(),
            Class::Letter => c.is_ascii_uppercase(),
            Class::Alphanumeric => c.is_ascii_digit() || c.is_ascii_uppercase(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Class::Digit => "digits",
            Class::Letter => "letters",
            Class::Alphanumeric => "letters or digits",
        }
    }

    fn describe_zh(self) -> &'static str {
        match self {
            Class::Digit => "数字",
            Class::Letter => "字母",
            Class::Alphanumeric => "字母或数字",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One of these exact texts.
    Literal(&'static [&'static str]),
    /// One character from the set.
    OneOf(&'static str),
    /// `min..=max` characters of a class.
    Run(Class, u8, u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub kind: Kind,
    pub role: Role,
}

/// One tracking number format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    /// Stable identifier, e.g. `ups_1z`.
    pub id: &'static str,
    /// The carrier's name as in [`super::carriers`]; S10 numbers take the issuing country's
    /// postal operator instead.
    pub carrier: &'static str,
    /// The format's name, e.g. "UPS 1Z".
    pub name: &'static str,
    pub segments: &'static [Segment],
    pub checksum: Option<Checksum>,
    /// Characters the carrier puts in front of the serial before computing the check (OnTrac).
    pub checksum_prefix: &'static str,
}

impl Format {
    /// The shortest and longest numbers the format admits.
    pub fn lengths(&self) -> (usize, usize) {
        self.segments.iter().fold((0, 0), |(min, max), segment| {
            let (a, b) = match segment.kind {
                Kind::Literal(texts) => {
                    (texts.iter().map(|t| t.len()).min().unwrap_or(0), texts.iter().map(|t| t.len()).max().unwrap_or(0))
                }
                Kind::OneOf(_) => (1, 1),
                Kind::Run(_, min, max) => (usize::from(min), usize::from(max)),
            };
            (min + a, max + b)
        })
    }

    /// The format in words, for a seller reading why a number was rejected:
    /// "1Z, then 15 letters or digits, then 1 check digit (18 characters)".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .segments
            .iter()
            .map(|segment| {
                let what = match segment.kind {
                    Kind::Literal(texts) => texts.join(" or "),
                    Kind::OneOf(chars) => {
                        format!("one of {}", chars.chars().map(String::from).collect::<Vec<_>>().join("/"))
                    }
                    Kind::Run(class, min, max) if min == max => format!("{min} {}", class.describe()),
                    Kind::Run(class, min, max) => format!("{min} to {max} {}", class.describe()),
                };
                match segment.role {
                    Role::Check => "a check character".to_owned(),
                    Role::Country => "a 2-letter country code".to_owned(),
                    _ => what,
                }
            })
            .collect();
        let (min, max) = self.lengths();
        let length = if min == max { format!("{min} characters") } else { format!("{min} to {max} characters") };
        format!("{} ({length})", parts.join(", then "))
    }

    /// [`Format::describe`] in Chinese: "1Z，然后 6 位字母或数字，然后 … （共 18 位）".
    pub fn describe_zh(&self) -> String {
        let parts: Vec<String> = self
            .segments
            .iter()
            .map(|segment| match (segment.role, segment.kind) {
                (Role::Check, _) => "1 位校验码".to_owned(),
                (Role::Country, _) => "2 个字母的国家代码".to_owned(),
                (_, Kind::Literal(texts)) => texts.join(" 或 "),
                (_, Kind::OneOf(chars)) => {
                    format!("{} 之一", chars.chars().map(String::from).collect::<Vec<_>>().join("/"))
                }
                (_, Kind::Run(class, min, max)) if min == max => format!("{min} 位{}", class.describe_zh()),
                (_, Kind::Run(class, min, max)) => format!("{min} 到 {max} 位{}", class.describe_zh()),
            })
            .collect();
        let (min, max) = self.lengths();
        let length = if min == max { format!("共 {min} 位") } else { format!("共 {min} 到 {max} 位") };
        format!("{}（{length}）", parts.join("，然后 "))
    }
}

const fn seg(kind: Kind, role: Role) -> Segment {
    Segment { kind, role }
}
const fn lit(texts: &'static [&'static str]) -> Segment {
    seg(Kind::Literal(texts), Role::Skip)
}
const fn digits(n: u8, role: Role) -> Segment {
    seg(Kind::Run(Class::Digit, n, n), role)
}
const fn check() -> Segment {
    digits(1, Role::Check)
}

const MOD10_1_2: Checksum = Checksum::Weighted { weights_from_right: &[1, 2], finish: Finish::TenMinus };
const MOD10_2_1: Checksum = Checksum::Weighted { weights_from_right: &[2, 1], finish: Finish::TenMinus };
const MOD10_3_1: Checksum = Checksum::Weighted { weights_from_right: &[3, 1], finish: Finish::TenMinus };
const FEDEX_1_3_7: Checksum = Checksum::Weighted { weights_from_right: &[1, 3, 7], finish: Finish::Mod11Mod10 };
/// UPU S10 weights 8 6 4 2 3 5 9 7, left to right, written from the right.
const S10: Checksum = Checksum::Weighted { weights_from_right: &[7, 9, 5, 3, 2, 4, 6, 8], finish: Finish::S10 };

use Role::{Check, Country, Serial, Skip};

#[rustfmt::skip]
pub const FORMATS: &[Format] = &[
    Format { id: "ups_1z", carrier: "UPS", name: "UPS 1Z", checksum: Some(MOD10_1_2), checksum_prefix: "",
        segments: &[lit(&["1Z"]), seg(Kind::Run(Class::Alphanumeric, 15, 15), Serial), check()] },
    Format { id: "ups_waybill", carrier: "UPS", name: "UPS waybill", checksum: Some(MOD10_1_2), checksum_prefix: "",
        segments: &[seg(Kind::OneOf("AHJKTV"), Skip), digits(9, Serial), check()] },
    Format { id: "usps_impb_22", carrier: "USPS", name: "USPS IMpb (22 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[seg(Kind::Literal(&["9"]), Serial), seg(Kind::OneOf("12345"), Serial), digits(19, Serial), check()] },
    Format { id: "usps_impb_26", carrier: "USPS", name: "USPS IMpb (26 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[seg(Kind::Literal(&["9"]), Serial), seg(Kind::OneOf("12345"), Serial), digits(23, Serial), check()] },
    Format { id: "usps_impb_30", carrier: "USPS", name: "USPS IMpb with ZIP routing (30 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[lit(&["420"]), digits(5, Skip), seg(Kind::Literal(&["9"]), Serial), seg(Kind::OneOf("12345"), Serial), digits(19, Serial), check()] },
    Format { id: "usps_impb_34", carrier: "USPS", name: "USPS IMpb with ZIP+4 routing (34 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[lit(&["420"]), digits(9, Skip), seg(Kind::Literal(&["9"]), Serial), seg(Kind::OneOf("12345"), Serial), digits(19, Serial), check()] },
    Format { id: "usps_20", carrier: "USPS", name: "USPS (20 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[digits(19, Serial), check()] },
    Format { id: "fedex_12", carrier: "FedEx", name: "FedEx Express (12 digits)", checksum: Some(FEDEX_1_3_7), checksum_prefix: "",
        segments: &[digits(11, Serial), check()] },
    Format { id: "fedex_ground_15", carrier: "FedEx", name: "FedEx Ground (15 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[digits(14, Serial), check()] },
    Format { id: "fedex_ground_96", carrier: "FedEx", name: "FedEx Ground 96 (22 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[lit(&["96"]), digits(5, Skip), digits(14, Serial), check()] },
    Format { id: "fedex_sscc_18", carrier: "FedEx", name: "FedEx Ground SSCC-18", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[digits(17, Serial), check()] },
    Format { id: "fedex_34", carrier: "FedEx", name: "FedEx Express (34 digits)", checksum: Some(FEDEX_1_3_7), checksum_prefix: "",
        segments: &[seg(Kind::OneOf("012345678"), Skip), digits(19, Skip), digits(13, Serial), check()] },
    Format { id: "fedex_gsn_34", carrier: "FedEx", name: "FedEx Ground GSN (34 digits)", checksum: Some(FEDEX_1_3_7), checksum_prefix: "",
        segments: &[lit(&["96"]), digits(18, Skip), digits(13, Serial), check()] },
    Format { id: "fedex_astra_32", carrier: "FedEx", name: "FedEx ASTRA (32 digits)", checksum: Some(FEDEX_1_3_7), checksum_prefix: "",
        segments: &[lit(&["3"]), digits(15, Skip), digits(11, Serial), check(), digits(4, Skip)] },
    Format { id: "dhl_express_10", carrier: "DHL", name: "DHL Express (10 digits)", checksum: Some(Checksum::Mod7), checksum_prefix: "",
        segments: &[digits(9, Serial), check()] },
    Format { id: "dhl_express_11", carrier: "DHL", name: "DHL Express (11 digits)", checksum: Some(Checksum::Mod7), checksum_prefix: "",
        segments: &[digits(10, Serial), check()] },
    Format { id: "dhl_express_piece", carrier: "DHL", name: "DHL Express piece ID", checksum: None, checksum_prefix: "",
        segments: &[lit(&["J"]), seg(Kind::Run(Class::Letter, 2, 3), Skip), seg(Kind::Run(Class::Digit, 9, 10), Skip)] },
    Format { id: "dhl_ecommerce", carrier: "DHL eCommerce", name: "DHL eCommerce", checksum: None, checksum_prefix: "",
        segments: &[lit(&["GM", "LX", "RX", "UV", "CN", "SG", "TH", "IN", "HK", "MY"]), seg(Kind::Run(Class::Digit, 14, 37), Skip)] },
    Format { id: "dhl_ecommerce_14", carrier: "DHL eCommerce", name: "DHL eCommerce (14 digits)", checksum: None, checksum_prefix: "",
        segments: &[digits(14, Skip)] },
    Format { id: "amazon_logistics", carrier: "Amazon Logistics", name: "Amazon Logistics TBA", checksum: None, checksum_prefix: "",
        segments: &[lit(&["TB"]), seg(Kind::OneOf("ACM"), Skip), digits(12, Skip)] },
    Format { id: "amazon_international", carrier: "Amazon Logistics", name: "Amazon Shipping international", checksum: None, checksum_prefix: "",
        segments: &[seg(Kind::OneOf("AFC"), Skip), digits(10, Skip)] },
    Format { id: "gofo", carrier: "GOFO Express", name: "GOFO Express (US)", checksum: None, checksum_prefix: "",
        segments: &[lit(&["GFUS"]), digits(14, Skip)] },
    Format { id: "speedee", carrier: "Spee-Dee Delivery", name: "Spee-Dee", checksum: None, checksum_prefix: "",
        segments: &[lit(&["SP"]), digits(18, Skip)] },
    Format { id: "canpar", carrier: "Canpar", name: "Canpar (22 characters)", checksum: None, checksum_prefix: "",
        segments: &[seg(Kind::OneOf("CDKLSUXZ"), Skip), digits(21, Skip)] },
    Format { id: "cainiao_lp", carrier: "Cainiao", name: "Cainiao LP", checksum: None, checksum_prefix: "",
        segments: &[lit(&["LP"]), digits(14, Skip)] },
    Format { id: "fourpx", carrier: "4PX", name: "4PX", checksum: None, checksum_prefix: "",
        segments: &[lit(&["4PX"]), seg(Kind::Run(Class::Digit, 10, 16), Skip)] },
    Format { id: "fourpx_cn", carrier: "4PX", name: "4PX (ending CN)", checksum: None, checksum_prefix: "",
        segments: &[lit(&["4PX"]), seg(Kind::Run(Class::Digit, 10, 16), Skip), lit(&["CN"])] },
    Format { id: "yanwen", carrier: "Yanwen", name: "Yanwen", checksum: None, checksum_prefix: "",
        segments: &[lit(&["Y"]), seg(Kind::Run(Class::Letter, 1, 1), Skip), digits(9, Skip), seg(Kind::Run(Class::Letter, 2, 2), Skip)] },
    Format { id: "sf_express", carrier: "SF Express", name: "SF Express", checksum: None, checksum_prefix: "",
        segments: &[lit(&["SF"]), seg(Kind::Run(Class::Digit, 12, 15), Skip)] },
    Format { id: "ontrac_c", carrier: "OnTrac", name: "OnTrac C", checksum: Some(MOD10_2_1), checksum_prefix: "4",
        segments: &[lit(&["C"]), digits(13, Serial), check()] },
    Format { id: "ontrac_d", carrier: "OnTrac", name: "OnTrac D", checksum: Some(MOD10_2_1), checksum_prefix: "5",
        segments: &[lit(&["D"]), digits(13, Serial), check()] },
    Format { id: "lasership_l", carrier: "LaserShip", name: "LaserShip L", checksum: None, checksum_prefix: "",
        segments: &[lit(&["L"]), seg(Kind::OneOf("AIEHNX"), Skip), seg(Kind::OneOf("123"), Skip), digits(7, Skip)] },
    Format { id: "lasership_1ls", carrier: "LaserShip", name: "LaserShip 1LS", checksum: None, checksum_prefix: "",
        segments: &[lit(&["1LS"]), seg(Kind::Run(Class::Alphanumeric, 10, 16), Skip)] },
    Format { id: "canada_post_16", carrier: "Canada Post", name: "Canada Post (16 digits)", checksum: Some(MOD10_3_1), checksum_prefix: "",
        segments: &[digits(15, Serial), check()] },
    Format { id: "purolator_12", carrier: "Purolator", name: "Purolator (12 digits)", checksum: Some(Checksum::Luhn), checksum_prefix: "",
        segments: &[seg(Kind::OneOf("012345"), Serial), digits(10, Serial), check()] },
    Format { id: "purolator_alpha", carrier: "Purolator", name: "Purolator (3 letters, 9 digits)", checksum: None, checksum_prefix: "",
        segments: &[seg(Kind::Run(Class::Letter, 3, 3), Skip), digits(9, Skip)] },
    Format { id: "dpd_15", carrier: "DPD", name: "DPD parcel number (14 digits + check)", checksum: Some(Checksum::Mod37_36), checksum_prefix: "",
        segments: &[digits(14, Serial), seg(Kind::Run(Class::Alphanumeric, 1, 1), Check)] },
    Format { id: "dpd_28", carrier: "DPD", name: "DPD barcode (28 characters)", checksum: Some(Checksum::Mod37_36), checksum_prefix: "",
        segments: &[digits(27, Serial), seg(Kind::Run(Class::Alphanumeric, 1, 1), Check)] },
    Format { id: "yodel", carrier: "Yodel", name: "Yodel", checksum: None, checksum_prefix: "",
        segments: &[lit(&["JJD", "JD"]), digits(16, Skip)] },
    Format { id: "landmark_ltn", carrier: "Landmark Global", name: "Landmark Global LTN", checksum: None, checksum_prefix: "",
        segments: &[lit(&["LTN"]), digits(8, Skip), lit(&["N1"])] },
    Format { id: "s10", carrier: "", name: "UPU S10 (postal)", checksum: Some(S10), checksum_prefix: "",
        segments: &[seg(Kind::Run(Class::Letter, 2, 2), Skip), digits(8, Serial), check(), seg(Kind::Run(Class::Letter, 2, 2), Country)] },
    Format { id: "yunexpress", carrier: "YunExpress", name: "YunExpress YT", checksum: None, checksum_prefix: "",
        segments: &[lit(&["YT"]), digits(16, Skip)] },
];

/// The longest serial any format checks (DPD's 27 digits, with room to spare).
const MAX_SERIAL: usize = 40;

/// The parts of a number that matched a format, kept on the stack: this runs for every format
/// of the right length, for every number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    serial: [u8; MAX_SERIAL],
    serial_len: usize,
    pub check: Option<u8>,
    pub country: [u8; 2],
}

impl Parts {
    pub fn serial(&self) -> &[u8] {
        &self.serial[..self.serial_len]
    }

    /// Keeps what `head`, matched by a segment of this role, says; false when a serial is
    /// longer than any format checks.
    fn record(&mut self, role: Role, head: &[u8]) -> bool {
        match role {
            Role::Serial => return self.push_serial(head),
            Role::Check => self.check = head.first().copied(),
            Role::Country => {
                let n = head.len().min(2);
                self.country[..n].copy_from_slice(&head[..n]);
            }
            Role::Skip => {}
        }
        true
    }

    fn push_serial(&mut self, bytes: &[u8]) -> bool {
        let end = self.serial_len + bytes.len();
        if end > MAX_SERIAL {
            return false;
        }
        self.serial[self.serial_len..end].copy_from_slice(bytes);
        self.serial_len = end;
        true
    }
}

/// The most formats any one length of number could fit ([`formats_of_length`]): a number is
/// matched against no more, so no more can match it.
pub const MOST_OF_ONE_LENGTH: usize = 9;

/// The formats a number of `length` characters could fit, in [`FORMATS`]' order: most are
/// ruled out by length alone, so each length's few are listed once rather than every format's
/// lengths compared for every number.
pub fn formats_of_length(length: usize) -> &'static [&'static Format] {
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<&'static Format>>> = std::sync::OnceLock::new();
    let by_length = BY_LENGTH.get_or_init(|| {
        let longest = FORMATS.iter().map(|format| format.lengths().1).max().unwrap_or(0);
        (0..=longest)
            .map(|length| {
                let fits = |format: &&Format| {
                    let (shortest, longest) = format.lengths();
                    (shortest..=longest).contains(&length)
                };
                FORMATS.iter().filter(fits).collect()
            })
            .collect()
    });
    by_length.get(length).map_or(&[], Vec::as_slice)
}

impl Format {
    /// Whether a number fitting it says whose it is: it has a check digit, or starts with a
    /// fixed prefix. A bare run of digits does not (many carriers issue 14-digit numbers).
    pub fn is_distinctive(&self) -> bool {
        self.checksum.is_some()
            || matches!(self.segments.first().map(|s| s.kind), Some(Kind::Literal(_) | Kind::OneOf(_)))
    }

    /// Matches the whole of `number` (normalised: A-Z and 0-9 only) against the format; the
    /// caller has checked its length.
    pub fn parse(&self, number: &[u8]) -> Option<Parts> {
        let mut parts = Parts { serial: [0; MAX_SERIAL], serial_len: 0, check: None, country: [0; 2] };
        parts.push_serial(self.checksum_prefix.as_bytes());
        match_segments(self.segments, number, &mut parts).then_some(parts)
    }
}

/// Matches `segments` against all of `text`. Segments of one width (a single literal, one
/// character, a run of a fixed length) are matched in turn; only a variable one tries each
/// length it admits, backtracking. Most formats have no variable segment, and this runs for
/// every format of the right length, for every order's number.
fn match_segments(segments: &[Segment], text: &[u8], parts: &mut Parts) -> bool {
    let mut text = text;
    for (i, segment) in segments.iter().enumerate() {
        let Some(width) = segment.width() else { return match_variable(segment, &segments[i + 1..], text, parts) };
        if text.len() < width || !segment.admits(&text[..width]) {
            return false;
        }
        let (head, tail) = text.split_at(width);
        if !parts.record(segment.role, head) {
            return false;
        }
        text = tail;
    }
    text.is_empty()
}

/// Matches a segment of several widths, then `rest`, trying each width it admits, longest
/// first.
fn match_variable(segment: &Segment, rest: &[Segment], text: &[u8], parts: &mut Parts) -> bool {
    let take = |len: usize, parts: &mut Parts| -> bool {
        let (head, tail) = text.split_at(len);
        // What a failed attempt may have changed: the serial past its length is never read.
        let saved = (parts.serial_len, parts.check, parts.country);
        if parts.record(segment.role, head) && match_segments(rest, tail, parts) {
            return true;
        }
        (parts.serial_len, parts.check, parts.country) = saved;
        false
    };
    match segment.kind {
        // Compared a byte at a time: the texts are a few characters, shorter than a call costs.
        Kind::Literal(texts) => texts.iter().any(|t| starts_with(text, t.as_bytes()) && take(t.len(), parts)),
        Kind::OneOf(chars) => text.first().is_some_and(|c| chars.as_bytes().contains(c)) && take(1, parts),
        Kind::Run(class, min, max) => {
            let available = text.iter().take(usize::from(max)).take_while(|&&c| class.admits(c)).count();
            (usize::from(min)..=available).rev().any(|len| take(len, parts))
        }
    }
}

impl Segment {
    /// How many characters the segment always spans, if one number.
    fn width(&self) -> Option<usize> {
        match self.kind {
            Kind::Literal([text]) => Some(text.len()),
            Kind::Literal(_) => None,
            Kind::OneOf(_) => Some(1),
            Kind::Run(_, min, max) => (min == max).then_some(usize::from(min)),
        }
    }

    /// Whether `head`, as many characters as [`Segment::width`], is the segment.
    fn admits(&self, head: &[u8]) -> bool {
        match self.kind {
            Kind::Literal(texts) => texts.iter().any(|t| t.as_bytes() == head),
            Kind::OneOf(chars) => head.iter().all(|c| chars.as_bytes().contains(c)),
            // Every byte looked at, without stopping at the first that is not: a loop with no branch.
            Kind::Run(class, _, _) => head.iter().fold(true, |all, &c| all & class.admits(c)),
        }
    }
}

fn starts_with(text: &[u8], start: &[u8]) -> bool {
    text.len() >= start.len() && text.iter().zip(start).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_describes_itself_with_its_length() {
        let ups = FORMATS.iter().find(|f| f.id == "ups_1z").unwrap();
        assert_eq!(ups.describe(), "1Z, then 15 letters or digits, then a check character (18 characters)");
        assert_eq!(ups.lengths(), (18, 18));
        for format in FORMATS {
            let (min, max) = format.lengths();
            assert!(min > 0 && min <= max, "{}", format.id);
            assert!(format.describe().contains("characters"), "{}", format.id);
        }
    }

    #[test]
    fn variable_runs_backtrack_to_fit_what_follows() {
        let piece = FORMATS.iter().find(|f| f.id == "dhl_express_piece").unwrap();
        assert!(piece.parse(b"JJD0123456789").is_some());
        assert!(piece.parse(b"JVGL012345678").is_some());
        assert!(piece.parse(b"JJD01234567").is_none());
        let s10 = FORMATS.iter().find(|f| f.id == "s10").unwrap();
        let parts = s10.parse(b"LX123456785CN").unwrap();
        assert_eq!((parts.serial(), parts.check, &parts.country), (&b"12345678"[..], Some(b'5'), b"CN"));
    }

    #[test]
    fn a_number_is_tried_against_every_format_of_its_length_and_no_other() {
        for length in 0..=100 {
            let fitting: Vec<&str> = FORMATS
                .iter()
                .filter(|format| format.lengths().0 <= length && length <= format.lengths().1)
                .map(|format| format.id)
                .collect();
            let listed: Vec<&str> = formats_of_length(length).iter().map(|format| format.id).collect();
            assert_eq!(listed, fitting, "{length} characters");
        }
        assert!(formats_of_length(22).iter().any(|format| format.id == "usps_impb_22"));
    }

    #[test]
    fn no_length_has_more_formats_than_a_verdict_keeps_room_for() {
        let most = (0..=100).map(|length| formats_of_length(length).len()).max();
        assert_eq!(most, Some(MOST_OF_ONE_LENGTH));
    }

    #[test]
    fn segments_of_one_width_are_matched_in_turn() {
        let usps = FORMATS.iter().find(|f| f.id == "usps_impb_22").unwrap();
        let parts = usps.parse(b"9400100000000000000000").unwrap();
        assert_eq!((parts.serial(), parts.check), (&b"940010000000000000000"[..], Some(b'0')));
        assert!(usps.parse(b"9600100000000000000000").is_none(), "a 6 is not one of 1 to 5");
        assert!(usps.parse(b"8400100000000000000000").is_none(), "the literal 9");
        assert!(usps.parse(b"94001000000000000000A0").is_none(), "a letter among the digits");
        assert!(usps.parse(b"940010000000000000000").is_none(), "a digit short");
        assert!(usps.parse(b"94001000000000000000000").is_none(), "a digit over");
        let yodel = FORMATS.iter().find(|f| f.id == "yodel").unwrap();
        assert!(yodel.parse(b"JJD0000000000000000").is_some() && yodel.parse(b"JD0000000000000000").is_some());
        assert!(yodel.parse(b"JJ0000000000000000").is_none());
    }

    #[test]
    fn literal_starts_are_compared_whole() {
        assert!(starts_with(b"YT123", b"YT") && starts_with(b"YT", b"YT") && starts_with(b"YT", b""));
        assert!(!starts_with(b"Y", b"YT") && !starts_with(b"YX123", b"YT") && !starts_with(b"", b"Y"));
    }

    #[test]
    fn identifiers_are_unique() {
        let mut ids: Vec<&str> = FORMATS.iter().map(|f| f.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FORMATS.len());
    }
}
