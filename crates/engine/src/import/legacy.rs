//! GB18030 and the other legacy encodings natively, through encoding_rs, for the command-line
//! tool and the tests (the browser decodes with its own TextDecoder, so the worker leaves this
//! out).

use super::TextDecode;

/// A decoder for the encoding a WHATWG label names: a [`super::LegacyDecoder`].
pub fn decode_legacy(label: &str) -> Option<Box<dyn TextDecode>> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    Some(Box::new(LegacyText(encoding.new_decoder_without_bom_handling())))
}

/// encoding_rs, a piece at a time: a character cut by the end of a piece waits in the decoder.
struct LegacyText(encoding_rs::Decoder);

impl TextDecode for LegacyText {
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
        let Some(room) = self.0.max_utf8_buffer_length_without_replacement(bytes.len()) else { return false };
        let start = text.len();
        text.resize(start + room, 0);
        let (result, _, written) = self.0.decode_to_utf8_without_replacement(bytes, &mut text[start..], last);
        text.truncate(start + written);
        result == encoding_rs::DecoderResult::InputEmpty
    }
}
