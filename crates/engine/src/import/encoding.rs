//! What text a file is in: the encodings a seller can insist on, the decoders for those the
//! engine does not read itself, and the looks at a file's bytes that tell UTF-16 without its
//! mark and how far text is UTF-8.
//!
//! The decoding itself is elsewhere (`utf16.rs`; GB18030 by the browser's `TextDecoder` or
//! `legacy.rs`); this is what the reading asks before it starts.

use serde::Serialize;

use super::utf16::Utf16;

/// An encoding the seller can insist on when detection guesses wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "gb18030")]
    Gb18030,
}

impl Encoding {
    /// As the import summary names it.
    pub(super) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// `utf-8`, `utf-16le`, `utf-16be` or `gb18030`: what [`Encoding::parse`] reads.
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }

    /// `utf-8`, `utf-16le`, `utf-16be`, `gb18030` (also `gbk`), any case.
    pub fn parse(label: &str) -> Option<Encoding> {
        Some(match label.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-16le" | "utf16le" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            "gb18030" | "gbk" => Encoding::Gb18030,
            _ => return None,
        })
    }
}

/// A decoder of text in a legacy encoding (a WHATWG label such as `gb18030`), or `None` when
/// there is none for it. The engine has no decoders of its own for them: the browser lends its
/// `TextDecoder`, the command-line tool `encoding_rs`, and the bundle stays small.
pub type LegacyDecoder = fn(&str) -> Option<Box<dyn TextDecode>>;

/// Text in a legacy encoding decoded a piece at a time: a character may be cut by the end of
/// a piece, and the decoder keeps its first bytes for the next.
pub trait TextDecode {
    /// Appends the UTF-8 text of `bytes`, the piece after the last one (`last`: the file ends
    /// with it), to `text`; `false` when the bytes are not text in this encoding.
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool;
}

/// The WHATWG label of what a Chinese Excel saves CSV in, and those of UTF-16.
pub(super) const GB18030: &str = "gb18030";
pub(super) const UTF_16LE: &str = "utf-16le";
pub(super) const UTF_16BE: &str = "utf-16be";

/// The engine's UTF-16 decoder, by label.
pub(super) fn utf16_decoder(label: &str) -> Option<Box<dyn TextDecode>> {
    match label {
        UTF_16LE => Some(Box::new(Utf16::new(false))),
        UTF_16BE => Some(Box::new(Utf16::new(true))),
        _ => None,
    }
}

/// Whether a header's bytes read as UTF-16 without a byte-order mark: about every other byte
/// zero, as ASCII names in UTF-16 have. `Some(big_endian)` if so: a big-endian file starts with
/// a zero.
pub(super) fn utf16_without_mark(text: &[u8]) -> Option<bool> {
    let zeros = text.iter().filter(|&&b| b == 0).count();
    let about_half = (text.len() * 2..=text.len() * 3).contains(&(zeros * 5));
    (text.len() >= 8 && about_half).then(|| text[0] == 0)
}

/// How far `bytes` is UTF-8, looking on from `checked`: a character cut short at the end may
/// yet be finished by the bytes that follow. `None` once it is not.
pub(super) fn utf8_so_far(bytes: &[u8], checked: Option<usize>) -> Option<usize> {
    let from = checked?;
    match std::str::from_utf8(&bytes[from..]) {
        Ok(_) => Some(bytes.len()),
        Err(e) if e.error_len().is_none() => Some(from + e.valid_up_to()),
        Err(_) => None,
    }
}
