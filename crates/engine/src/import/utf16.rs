//! UTF-16 text (Excel's "Unicode text" export) decoded a piece at a time. The engine's own:
//! UTF-16 needs no tables, unlike the legacy encodings the browser decodes for it.

use super::TextDecode;

/// A UTF-16 decoder that keeps, between pieces, an odd byte and a high surrogate still waiting
/// for the rest of their character. A byte-order mark at the start is dropped; a surrogate
/// without its pair becomes U+FFFD, and so does an odd byte left at the end of the text.
pub(super) struct Utf16 {
    big_endian: bool,
    started: bool,
    odd: Option<u8>,
    high: Option<u16>,
}

impl Utf16 {
    pub fn new(big_endian: bool) -> Utf16 {
        Utf16 { big_endian, started: false, odd: None, high: None }
    }

    fn push(&mut self, unit: u16, text: &mut Vec<u8>) {
        let first = !std::mem::replace(&mut self.started, true);
        if first && unit == 0xFEFF {
            return;
        }
        let mut put = |c: char| text.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        match (self.high.take(), unit) {
            (Some(high), 0xDC00..=0xDFFF) => {
                let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                put(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            (high, _) => {
                if high.is_some() {
                    put(char::REPLACEMENT_CHARACTER);
                }
                match unit {
                    0xD800..=0xDBFF => self.high = Some(unit),
                    _ => put(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
                }
            }
        }
    }
}

impl TextDecode for Utf16 {
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
        let mut bytes = bytes;
        if let (Some(odd), Some((&next, rest))) = (self.odd, bytes.split_first()) {
            self.odd = None;
            bytes = rest;
            let pair = [odd, next];
            self.push(if self.big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }, text);
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            let pair = [pair[0], pair[1]];
            self.push(if self.big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }, text);
        }
        self.odd = pairs.remainder().first().copied();
        if last && (self.high.take().is_some() || self.odd.take().is_some()) {
            text.extend_from_slice(char::REPLACEMENT_CHARACTER.encode_utf8(&mut [0; 4]).as_bytes());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(bytes: &[u8], size: usize, big_endian: bool) -> String {
        let mut decoder = Utf16::new(big_endian);
        let mut text = Vec::new();
        let pieces: Vec<&[u8]> = bytes.chunks(size).collect();
        for (i, piece) in pieces.iter().enumerate() {
            assert!(decoder.decode(piece, i + 1 == pieces.len(), &mut text));
        }
        String::from_utf8(text).unwrap()
    }

    #[test]
    fn text_cut_anywhere_decodes_the_same_in_either_byte_order() {
        let text = "\u{feff}Order ID\t订单\t😀 Zoë\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for size in 1..le.len() {
            assert_eq!(decode_in_pieces(&le, size, false), &text[3..], "pieces of {size}");
            assert_eq!(decode_in_pieces(&be, size, true), &text[3..], "pieces of {size}");
        }
    }

    #[test]
    fn lone_surrogates_and_a_last_odd_byte_become_replacement_characters() {
        let units = [0x0041, 0xD83D, 0x0042, 0xDE00, 0x0043, 0xD83D];
        let mut bytes: Vec<u8> = units.iter().flat_map(|u: &u16| u.to_le_bytes()).collect();
        bytes.push(0x44);
        assert_eq!(decode_in_pieces(&bytes, 3, false), "A\u{fffd}B\u{fffd}C\u{fffd}");
        let expected: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect();
        assert_eq!(decode_in_pieces(&bytes[..12], 5, false), expected);
    }
}
