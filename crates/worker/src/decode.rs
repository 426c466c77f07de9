//! GB18030 and other legacy encodings, decoded by the browser's own `TextDecoder`, so the bundle
//! carries no decoding tables.

use shipcheck_engine::import::TextDecode;

/// The decoder for a WHATWG encoding label, for [`shipcheck_engine::import::ImportOptions`].
pub fn decode_legacy(label: &str) -> Option<Box<dyn TextDecode>> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options).ok()?;
    Some(Box::new(BrowserDecoder(decoder)))
}

/// The browser's `TextDecoder`, streaming: a character cut by the end of a piece waits in it.
struct BrowserDecoder(web_sys::TextDecoder);

impl TextDecode for BrowserDecoder {
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
        let options = web_sys::TextDecodeOptions::new();
        options.set_stream(!last);
        match self.0.decode_with_u8_array_and_options(bytes, &options) {
            Ok(decoded) => {
                text.extend_from_slice(decoded.as_bytes());
                true
            }
            Err(_) => false,
        }
    }
}
