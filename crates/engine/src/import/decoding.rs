//! Delimited text in another encoding than UTF-8 (GB18030 from a Chinese Excel, UTF-16 from
//! Excel's "Unicode text"), decoded a slice at a time as it arrives: the decoder for GB18030 is
//! the browser's, and a large piece decoded at once would be one long task.

use super::*;

impl Importer {
    /// Reads on in the text decoded so far; `used`: the bytes of the piece taken to decode it.
    pub(super) fn read_decoded(
        &mut self,
        summary: &mut FileSummary,
        decoding: &mut Decoding,
        used: usize,
        max_rows: usize,
    ) -> Result<Step, ImportError> {
        let Decoding { delimited, text, at, flushed, .. } = decoding;
        Ok(match self.read_delimited(summary, delimited, &text[*at..], *flushed, max_rows)? {
            Delimit::Used(read) => {
                *at += read;
                Step::Next(used)
            }
            Delimit::PassDone => {
                decoding.restart();
                Step::FromStart
            }
            // Decoded text is UTF-8.
            Delimit::NotUtf8 => unreachable!("decoded text is not checked for UTF-8"),
            Delimit::Done => Step::Done,
        })
    }

    /// Not text in the encoding it was decoded in either: the file is read as it is, the cells
    /// that are not UTF-8 costing their rows, from the start, the rows read so far forgotten
    /// (only a file whose rows are read before all of it was seen can have any: the first).
    pub(super) fn undecoded(&mut self, summary: &mut FileSummary, decoding: &Decoding, total_bytes: u64) -> Body {
        if let Pass::Rows { confirming: Some(confirming), .. } = &decoding.delimited.pass {
            let start = confirming.start;
            self.forget_rows(summary, start);
        }
        summary.encoding = "not UTF-8 (undecoded)".into();
        let (delimiter, mark_bytes) = (decoding.delimited.delimiter, decoding.mark_bytes);
        Body::Streamed(Box::new(Delimited { mark_bytes, ..Delimited::new(delimiter, false, total_bytes) }))
    }

    /// What decodes `encoding`, and its label: the engine's own for UTF-16, the legacy decoder
    /// lent by the browser or the CLI for GB18030.
    fn decoder(&self, encoding: Encoding) -> Option<(LegacyDecoder, &'static str)> {
        match encoding {
            Encoding::Utf8 => None,
            Encoding::Utf16Le => Some((utf16_decoder, UTF_16LE)),
            Encoding::Utf16Be => Some((utf16_decoder, UTF_16BE)),
            Encoding::Gb18030 => self.options.legacy_decoder.map(|make| (make, GB18030)),
        }
    }

    pub(super) fn new_decoder(&self, encoding: Encoding) -> Option<Box<dyn TextDecode>> {
        self.decoder(encoding).and_then(|(make, label)| make(label))
    }

    /// Delimited text in `encoding`, decoded as it arrives; without a decoder for it, read as it
    /// is, the cells that are not UTF-8 costing their rows.
    pub(super) fn decoding(
        &self,
        summary: &mut FileSummary,
        encoding: Encoding,
        delimiter: u8,
        total_bytes: u64,
    ) -> Body {
        summary.delimiter = Some(char::from(delimiter));
        let delimited = Delimited::new(delimiter, false, total_bytes);
        // A UTF-8 mark is the decoder's to pass over, or the undecoded text's if it fails.
        let mark_bytes = if summary.encoding == "UTF-8 with BOM" { 3 } else { 0 };
        match self.decoder(encoding).and_then(|(make, label)| Some((make, label, make(label)?))) {
            Some((make, label, decoder)) => {
                summary.encoding = encoding.name().into();
                // Its text is looked at as text that may not be UTF-8 is, though the decoder
                // writes UTF-8: so the first pass does not settle before every byte is known to
                // decode, and rows read before then can be forgotten if one does not.
                let delimited = Delimited { check_utf8: true, ..delimited };
                let (text, at, flushed, decoded) = (Vec::new(), 0, false, 0);
                let pending = Vec::new();
                Body::Decoding(Box::new(Decoding {
                    make,
                    label,
                    decoder,
                    mark_bytes,
                    pending,
                    text,
                    at,
                    flushed,
                    decoded,
                    delimited,
                }))
            }
            None => {
                summary.encoding = "not UTF-8 (undecoded)".into();
                Body::Streamed(Box::new(Delimited { mark_bytes, ..delimited }))
            }
        }
    }
}

/// Bytes of a legacy encoding decoded per step: a few milliseconds' worth.
const DECODE_SLICE: usize = 1 << 20;

/// Delimited text being decoded a slice at a time.
pub(super) struct Decoding {
    /// Makes a new decoder for each pass, for the encoding `label` names.
    make: LegacyDecoder,
    label: &'static str,
    decoder: Box<dyn TextDecode>,
    /// The bytes of a UTF-8 byte-order mark the file starts with.
    mark_bytes: u8,
    /// Bytes gathered for the next slice to decode.
    pending: Vec<u8>,
    /// Decoded text, read up to `at`.
    text: Vec<u8>,
    at: usize,
    /// Whether the decoder has been told the file ended.
    flushed: bool,
    /// Bytes of the file decoded in this pass.
    pub(super) decoded: u64,
    pub(super) delimited: Delimited,
}

impl Decoding {
    /// Ready for the text again from its start, for the next pass.
    fn restart(&mut self) {
        if let Some(decoder) = (self.make)(self.label) {
            self.decoder = decoder;
        }
        (self.at, self.flushed, self.decoded) = (0, false, 0);
        self.text.clear();
        self.pending.clear();
    }

    /// Takes from `piece` (empty: the file has ended) what the next slice to decode needs, once
    /// the text decoded before is read, and decodes the slice when it is whole. A slice at a
    /// time: the decoder is the browser's, and a large piece would be one long task. The slices
    /// are the same however the file comes in pieces, so whether the text decodes is found at
    /// the same row.
    pub(super) fn take(&mut self, piece: &[u8]) -> Slice {
        if self.at < self.text.len() || self.flushed {
            return Slice::Ready(0);
        }
        let used = piece.len().min(DECODE_SLICE - self.pending.len());
        self.pending.extend_from_slice(&piece[..used]);
        self.decoded += used as u64;
        if !piece.is_empty() && self.pending.len() < DECODE_SLICE {
            return Slice::Wanted(used);
        }
        self.text.clear();
        self.at = 0;
        self.flushed = piece.is_empty();
        let decoded = self.decoder.decode(&self.pending, self.flushed, &mut self.text);
        self.pending.clear();
        match decoded {
            true => Slice::Ready(used),
            false => Slice::Undecodable,
        }
    }
}

/// What a piece did for the next slice of text to decode.
pub(super) enum Slice {
    /// It took this many bytes, and the slice wants more.
    Wanted(usize),
    /// The text is there to read; it took this many bytes for it.
    Ready(usize),
    /// The slice is not text in the encoding.
    Undecodable,
}
