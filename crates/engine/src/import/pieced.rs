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
    read_in_pieces(&mut importer, bytes, most, seed)?;
    Ok(importer.finish())
}

/// `bytes`, as the file "file", handed to `importer` in pieces of 1 to `most` bytes, cut at
/// random.
fn read_in_pieces(importer: &mut Importer, bytes: &[u8], most: usize, seed: u64) -> Result<(), String> {
    let mut reading = importer.open(Some("file"), bytes.len() as u64);
    let mut cuts = Cuts(seed | 1);
    let mut at = 0;
    loop {
        let end = (at + cuts.next(most)).min(bytes.len());
        match importer.read_piece(&mut reading, &bytes[at..end], usize::MAX).map_err(|e| e.to_string())? {
            Step::Next(used) => at += used,
            Step::FromStart => at = 0,
            Step::Done => return Ok(()),
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

/// A JSON array of about `bytes` bytes: orders of two line items, a key and names in Chinese,
/// a `]` and an escaped quote inside strings, after an Open API response's other members.
fn json_export(bytes: usize) -> String {
    let mut text =
        String::from("{\"code\": 0, \"message\": \"ok ] {\", \"data\": {\"more\": [1, {\"a\": \"]\"}],\n\"orders\": [");
    let mut order = 0;
    while text.len() < bytes {
        if order > 0 {
            text.push_str(",\n ");
        }
        text.push_str(&format!(
            "{{\"id\": \"5764614130{order:08}\", \"paid_time\": {}, \"物流单号\": \"YT{order:016}\",\n  \
             \"recipient_address\": {{\"name\": \"张三 \\\" ]\"}},\n  \
             \"line_items\": [{{\"seller_sku\": \"SKU-{order}\", \"product_name\": \"订单商品\"}}, {{\"seller_sku\": \"B\"}}]}}",
            1_795_500_000 + order * 60
        ));
        order += 1;
    }
    text.push_str("\n]}, \"request_id\": \"x\"}\n");
    text
}

/// `first` read whole, then `then` handed over in pieces of 1 to `most` bytes.
fn pieced_after(first: &[u8], then: &[u8], most: usize) -> Result<Import, String> {
    let mut importer = Importer::new(options());
    importer.read(Some("first"), first).map_err(|e| e.to_string())?;
    read_in_pieces(&mut importer, then, most, most as u64)?;
    Ok(importer.finish())
}

fn both_whole(first: &[u8], then: &[u8]) -> Result<Import, String> {
    let mut importer = Importer::new(options());
    importer.read(Some("first"), first).map_err(|e| e.to_string())?;
    importer.read(Some("file"), then).map_err(|e| e.to_string())?;
    Ok(importer.finish())
}

#[test]
fn a_json_file_read_as_it_arrives_is_what_it_is_whole_whatever_its_encoding_and_place() {
    let utf8 = json_export(300_000).into_bytes();
    let with_mark = [&[0xEF, 0xBB, 0xBF][..], &utf8].concat();
    let (gb18030, _, _) = encoding_rs::GB18030.encode(std::str::from_utf8(&utf8).unwrap());
    // UTF-8 until a name in GB18030 near the end: the orders read so far are read again.
    let name = "订单商品".as_bytes();
    let at = utf8.windows(name.len()).rposition(|w| w == name).unwrap();
    let late = [&utf8[..at], &encoding_rs::GB18030.encode("订单商品").0, &utf8[at + name.len()..]].concat();
    // Broken early, and not UTF-8 late: the file is what GB18030 makes of it.
    let broken_then_late = [&b"[{\"id\": \"1\"} {"[..], &late[20..]].concat();
    // Not UTF-8 only after the orders array has ended.
    let after_the_end = [&utf8[..], b"\"\xE9\""].concat();
    // Malformed read as UTF-8, where `\"` escapes a quote and the array goes on past its `]`;
    // not as GB18030, where the bytes A0 5C are one character, as the last one, two kilobytes
    // on, has the file read.
    let read_otherwise =
        [&b"[{\"n\": \"\xE5\xBC\xA0\\\"}, {\"id\": \"576461413038700003\"}] \"}} "[..], &[b' '; 2000], b"\x81\x40"]
            .concat();
    let orders_csv = b"Order ID,Paid Time\n576461413038700001,2026-11-24 09:00:00\n";
    // Each file with the orders it gives whole (none: it is malformed).
    let files = [
        ("UTF-8", &utf8[..], 1000),
        ("UTF-8 with its mark", &with_mark, 1000),
        ("GB18030", &gb18030, 1000),
        ("not UTF-8 late", &late, 1000),
        ("broken, then not UTF-8", &broken_then_late, 0),
        ("not UTF-8 after the orders", &after_the_end, 1000),
        ("read otherwise as GB18030", &read_otherwise, 1),
    ];
    for (name, bytes, orders) in files {
        let expected = whole(bytes);
        assert_eq!(expected.as_ref().map_or(0, |i| i.orders.len().min(orders)), orders, "{name}");
        let expected_after = both_whole(orders_csv, bytes);
        for most in [7, 64, 997, 65_536] {
            assert_eq!(pieced(bytes, most, 13), expected, "{name}, pieces of up to {most} bytes");
            assert_eq!(
                pieced_after(orders_csv, bytes, most),
                expected_after,
                "{name} after a CSV, pieces of up to {most}"
            );
        }
    }
}
