//! A file the engine writes for the seller, gathered into a `Blob` a piece at a time.
//!
//! An export of a million orders is hundreds of megabytes. Written into a `String` and sent as
//! text, it grew the worker's WASM memory by its size and the page's by twice that (the answer
//! read, then the text inside it), and WASM memory never shrinks. Here each full piece is copied
//! out to JavaScript as it is written, so the worker holds one piece; the `Blob` made of the
//! pieces crosses to the page by reference, and the page hands it to the browser to save without
//! reading it.

use std::io;

/// How much is written before it goes out to JavaScript: large enough that the pieces are few,
/// small enough to be nothing beside the orders held.
const PIECE: usize = 1 << 20;

pub struct BlobFile {
    piece: Vec<u8>,
    pieces: js_sys::Array,
}

impl BlobFile {
    pub fn new() -> BlobFile {
        BlobFile { piece: Vec::with_capacity(PIECE), pieces: js_sys::Array::new() }
    }

    /// Everything written, as one `Blob`.
    pub fn finish(mut self) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
        self.send_piece();
        web_sys::Blob::new_with_u8_array_sequence(&self.pieces)
    }

    fn send_piece(&mut self) {
        if !self.piece.is_empty() {
            self.pieces.push(&js_sys::Uint8Array::from(self.piece.as_slice()));
            self.piece.clear();
        }
    }
}

impl io::Write for BlobFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.piece.len() + bytes.len() > PIECE {
            self.send_piece();
        }
        if bytes.len() >= PIECE {
            self.pieces.push(&js_sys::Uint8Array::from(bytes));
        } else {
            self.piece.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    /// Pieces go out when full and at [`BlobFile::finish`]: nothing waits on a flush.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
