//! Check-digit algorithms, as the carriers define them.
//!
//! Every function takes the characters the check covers (the "serial") and returns the check
//! character the carrier would print, or `None` when a character is outside the algorithm's
//! alphabet. Callers compare that with the printed one, so a report can say "check digit 4,
//! expected 7".

/// How a format's check character is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checksum {
    /// Weighted sum; weights apply from the rightmost serial character leftwards, cycling.
    /// Letters count as `(ASCII − 3) mod 10` (UPS's rule: A = 2 … H = 9, I = 0 …).
    Weighted { weights_from_right: &'static [u32], finish: Finish },
    /// Luhn (ISO/IEC 7812): every second digit from the right doubled, digits summed.
    Luhn,
    /// The serial as a number, modulo 7 (DHL Express).
    Mod7,
    /// ISO 7064 MOD 37,36 hybrid system over 0-9A-Z (DPD).
    Mod37_36,
}

/// How a weighted sum becomes the check digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finish {
    /// `(10 − sum mod 10) mod 10`: the mod 10 family (UPS, USPS, GS1, Canada Post, OnTrac).
    TenMinus,
    /// `sum mod 11 mod 10` (FedEx Express).
    Mod11Mod10,
    /// UPU S10: `11 − sum mod 11`, where 10 becomes 0 and 11 becomes 5.
    S10,
}

impl Checksum {
    /// The check character for `serial`.
    pub fn expected(&self, serial: &[u8]) -> Option<u8> {
        match *self {
            Checksum::Weighted { weights_from_right, finish } => {
                let mut sum = 0u32;
                for (&c, weight) in serial.iter().rev().zip(weights_from_right.iter().cycle()) {
                    sum += weighted_value(c)? * weight;
                }
                let digit = match finish {
                    Finish::TenMinus => (10 - sum % 10) % 10,
                    Finish::Mod11Mod10 => sum % 11 % 10,
                    Finish::S10 => match 11 - sum % 11 {
                        10 => 0,
                        11 => 5,
                        d => d,
                    },
                };
                Some(b'0' + digit as u8)
            }
            Checksum::Luhn => {
                let mut sum = 0u32;
                for (i, &c) in serial.iter().rev().enumerate() {
                    let d = digit(c)?;
                    sum += if i % 2 == 0 { [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d as usize] } else { d };
                }
                Some(b'0' + ((10 - sum % 10) % 10) as u8)
            }
            Checksum::Mod7 => {
                let remainder = serial.iter().try_fold(0u64, |r, &c| Some((r * 10 + u64::from(digit(c)?)) % 7))?;
                Some(b'0' + remainder as u8)
            }
            Checksum::Mod37_36 => {
                const M: u32 = 36;
                let mut p = M;
                for &c in serial {
                    p = (p + alphanumeric_value(c)?) % M;
                    if p == 0 {
                        p = M;
                    }
                    p = p * 2 % (M + 1);
                }
                let check = (M + 1 - p) % M;
                Some(ALPHANUMERIC[check as usize])
            }
        }
    }
}

const ALPHANUMERIC: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn digit(c: u8) -> Option<u32> {
    c.is_ascii_digit().then(|| u32::from(c - b'0'))
}

fn weighted_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - 3) % 10),
        _ => None,
    }
}

fn alphanumeric_value(c: u8) -> Option<u32> {
    ALPHANUMERIC.iter().position(|&a| a == c).map(|p| p as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UPS: Checksum = Checksum::Weighted { weights_from_right: &[1, 2], finish: Finish::TenMinus };
    const GS1: Checksum = Checksum::Weighted { weights_from_right: &[3, 1], finish: Finish::TenMinus };
    const FEDEX: Checksum = Checksum::Weighted { weights_from_right: &[1, 3, 7], finish: Finish::Mod11Mod10 };
    const S10: Checksum = Checksum::Weighted { weights_from_right: &[7, 9, 5, 3, 2, 4, 6, 8], finish: Finish::S10 };

    #[test]
    fn published_examples() {
        // UPS's sample number 1Z999AA10123456784.
        assert_eq!(UPS.expected(b"999AA1012345678"), Some(b'4'));
        // The S10 serial 12345678 (weights 8 6 4 2 3 5 9 7: sum 204, 11 − 204 mod 11 = 5).
        assert_eq!(S10.expected(b"12345678"), Some(b'5'));
        // FedEx's test number 986578788855.
        assert_eq!(FEDEX.expected(b"98657878885"), Some(b'5'));
        // A GS1 example: GTIN 0 0 1234 56789 → check 5 (from the GS1 check digit calculator).
        assert_eq!(GS1.expected(b"0001234567890"), Some(b'5'));
        // Luhn's textbook example 7992739871 → 3.
        assert_eq!(Checksum::Luhn.expected(b"7992739871"), Some(b'3'));
    }

    #[test]
    fn s10_maps_ten_to_zero_and_eleven_to_five() {
        assert_eq!(S10.expected(b"00000000"), Some(b'5')); // sum 0: 11 → 5
        assert_eq!(S10.expected(b"00000008"), Some(b'0')); // sum 56 = 55 + 1: 10 → 0
        assert_eq!(S10.expected(b"00000001"), Some(b'4')); // sum 7: 4
    }

    #[test]
    fn mod7_and_mod37_36() {
        assert_eq!(Checksum::Mod7.expected(b"331881002"), Some(b'5'));
        assert_eq!(Checksum::Mod7.expected(b"0"), Some(b'0'));
        // ISO 7064 MOD 37,36 over "A12425GABC1234002": the standard's example check is "M".
        assert_eq!(Checksum::Mod37_36.expected(b"A12425GABC1234002"), Some(b'M'));
    }

    #[test]
    fn characters_outside_the_alphabet_give_no_check() {
        assert_eq!(Checksum::Luhn.expected(b"12A4"), None);
        assert_eq!(Checksum::Mod7.expected(b"12-4"), None);
        assert_eq!(UPS.expected(b"99a"), None);
        assert_eq!(Checksum::Mod37_36.expected(b"a"), None);
    }
}
