//! Read in pieces, a file gives exactly what it gives read whole: for every fixture and export
//! below, every piece size from 1 to 64 bytes with the cuts at random (inside a UTF-8 or UTF-16
//! character, a quoted cell, a CRLF, a ZIP header, an XML tag), the same orders, the same rows
//! not used with the same lines and reasons, the same summaries, or the same error.

use std::path::PathBuf;

use super::legacy::decode_legacy;
use super::*;
use crate::zone::Zone;

fn options() -> ImportOptions {
    ImportOptions { legacy_decoder: Some(decode_legacy), ..ImportOptions::in_zone(Zone::SHANGHAI) }
}

pub(super) fn whole(bytes: &[u8]) -> Result<Import, String> {
    let mut importer = Importer::new(options());
    importer.read(Some("file"), bytes).map_err(|e| e.to_string())?;
    Ok(importer.finish())
}

/// A small deterministic generator (xorshift): the same cuts on every run.
struct Cuts(u64);

impl Cuts {
    fn next(&mut self, most: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        1 + (self.0 % most as u64) as usize
    }
}

/// The file handed over in pieces of 1 to `most` bytes, cut at random.
pub(super) fn pieced(bytes: &[u8], most: usize, seed: u64) -> Result<Import, String> {
    let mut importer = Importer::new(options());
    let mut reading = importer.open(Some("file"), bytes.len() as u64);
    let mut cuts = Cuts(seed | 1);
    let mut at = 0;
    loop {
        let end = (at + cuts.next(most)).min(bytes.len());
        match importer.read_piece(&mut reading, &bytes[at..end], usize::MAX).map_err(|e| e.to_string())? {
            Step::Next(used) => at += used,
            Step::FromStart => at = 0,
            Step::Done => return Ok(importer.finish()),
        }
    }
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the fixtures")
        .map(|entry| entry.expect("a fixture").path())
        .filter(|path| path.is_file())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_read_in_pieces_of_1_to_64_bytes_is_what_it_is_whole() {
    for (name, bytes) in fixtures() {
        let expected = whole(&bytes);
        for most in 1..=64 {
            assert_eq!(pieced(&bytes, most, most as u64 * 7919), expected, "{name}, pieces of up to {most} bytes");
        }
    }
}

/// An export of about `bytes` bytes: quoted cells with line breaks, CRLF line ends, Chinese
/// names, SKU lines of one order in a row.
fn export(bytes: usize) -> String {
    let mut text = String::from("Order ID,Paid Time,Shipped Time,Product Name,Detail Address\r\n");
    let mut row = 0;
    while text.len() < bytes {
        text.push_str(&format!(
            "A{:06},2024-11-{:02} 09:00:00,,订单商品 {row},\"{row} Main St\r\nSpringfield\"\r\n",
            row / 2,
            1 + row % 28
        ));
        row += 1;
    }
    text
}

#[test]
fn a_file_that_proves_not_to_be_utf8_late_is_read_again_from_its_start_once() {
    // 2 MB of UTF-8, then one Latin-1 byte near the end: read as GB18030 from the start, every
    // row once, whatever the pieces.
    let mut bytes = export(2 << 20).into_bytes();
    let at = bytes.len() - 100;
    let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(line_start + 1, 0xE9);
    let expected = whole(&bytes).unwrap();
    let rows = bytes.windows(2).filter(|w| w == b"\r\n").count() as u64 / 2;
    assert_eq!(expected.rows, rows, "every row counted once");
    for most in [997, 65_536, 1 << 20] {
        assert_eq!(pieced(&bytes, most, 3), Ok(expected.clone()), "pieces of up to {most} bytes");
    }
}

#[test]
fn a_gb18030_file_with_bytes_no_encoding_reads_counts_each_row_once() {
    let text = export(2 << 20);
    let (encoded, _, _) = encoding_rs::GB18030.encode(&text);
    let mut bytes = encoded.into_owned();
    // Two bytes GB18030 does not have, at 1.6 MB.
    let at = bytes.len() * 8 / 10;
    let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(line_start + 1..line_start + 1, [0x80, 0xFF]);
    let expected = whole(&bytes);
    if let Ok(import) = &expected {
        let rows = bytes.windows(2).filter(|w| w == b"\r\n").count() as u64 / 2;
        assert_eq!(import.rows, rows, "every row counted once");
    }
    for most in [997, 65_536, 1 << 20] {
        assert_eq!(pieced(&bytes, most, 5), expected, "pieces of up to {most} bytes");
    }
}
