//! The hostile corpus (`tests/hostile/corpus`, made by `tests/hostile/generate.mjs`) and inputs
//! too large to keep in the repository, built here: each ends cleanly, read whole and in pieces
//! alike, with every row accounted for and any error short and printable. Each bound is tried at
//! its limit and one past it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use super::pieced::{pieced, whole};
use super::rows::{MAX_ROW_BYTES, MAX_ROW_CELLS};
use super::*;
use crate::order::OrderStatus;

fn corpus() -> Vec<(String, Vec<u8>)> {
    files_in("corpus")
}

/// The files of `tests/hostile/<folder>`, by name.
fn files_in(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile").join(folder);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.expect("a corpus file").path())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    files.sort();
    files
}

/// Reads `bytes` whole and in pieces: no panic, the same result, every row accounted for, an
/// error short and printable.
fn ends_cleanly(name: &str, bytes: &[u8], piece_sizes: &[usize]) -> Result<Import, String> {
    let expected = catch_unwind(AssertUnwindSafe(|| whole(bytes))).unwrap_or_else(|_| panic!("{name}: a panic"));
    for &most in piece_sizes {
        let got =
            catch_unwind(AssertUnwindSafe(|| pieced(bytes, most, 11))).unwrap_or_else(|_| panic!("{name}: a panic"));
        assert_eq!(got, expected, "{name}: in pieces of up to {most} bytes");
    }
    match &expected {
        Ok(import) => assert_eq!(import.rows, import.rows_used + import.skipped.len() as u64, "{name}: every row"),
        Err(message) => {
            assert!(message.chars().count() <= 500, "{name}: a message of {} characters", message.chars().count());
            assert!(!message.chars().any(|c| c.is_control() && c != '\n'), "{name}: {message:?}");
        }
    }
    expected
}

#[test]
fn every_file_of_the_hostile_corpus_ends_cleanly_whole_and_in_pieces() {
    let files = corpus();
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
    for (name, bytes) in files {
        let sizes: &[usize] = if bytes.len() > 50_000 { &[4_096, 65_536] } else { &[1, 7, 64, 4_096] };
        ends_cleanly(&name, &bytes, sizes).ok();
    }
}

#[test]
fn every_failure_the_fuzzer_found_ends_cleanly_now() {
    for (name, bytes) in files_in("found") {
        ends_cleanly(&name, &bytes, &[1, 7, 64, 4_096]).ok();
    }
}

fn corpus_file(name: &str) -> Vec<u8> {
    corpus().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

#[test]
fn a_quote_left_open_is_reported_with_the_line_it_opened_on() {
    let got = ends_cleanly("open quote", &corpus_file("unterminated-quote-at-start.csv"), &[1, 64]).unwrap();
    assert_eq!((got.rows, got.rows_used, got.orders.len()), (1, 0, 0));
    assert_eq!(got.skipped[0].line, 2);
    assert!(got.skipped[0].reason.starts_with("a quote opened on this line is never closed"), "{:?}", got.skipped);
    assert!(got.skipped[0].reason.contains("(line 5)"), "{}", got.skipped[0].reason);

    // Closed later in the file, it swallows rows, but not silently: they end in one cell with
    // line breaks, an Order ID no order has.
    let got = ends_cleanly("quote in the middle", &corpus_file("unterminated-quote-in-the-middle.csv"), &[1]).unwrap();
    assert_eq!(got.orders.len(), 1);
    assert!(got.skipped[0].reason.starts_with("a quote opened on this line"), "{:?}", got.skipped);
}

#[test]
fn rows_of_one_order_that_disagree_are_reported_and_the_first_word_stands() {
    let got = ends_cleanly("contradicting", &corpus_file("contradicting-rows-of-one-order.csv"), &[1]).unwrap();
    assert_eq!(got.orders[0].status, Some(OrderStatus::InTransit));
    let notes: Vec<&str> = got.notes.iter().map(|n| n.note.as_str()).collect();
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].starts_with("Order Status \"Cancelled\" differs from the order's earlier rows (\"InTransit\")"));
    assert!(notes[2].starts_with("Paid Time \"2026-11-22 09:00:00\" differs"), "{notes:?}");
    assert!(got.notes.iter().all(|n| n.line == 3 && n.order_id == "1"));
}

#[test]
fn control_characters_in_an_order_id_cost_its_row() {
    let got = ends_cleanly("nul", &corpus_file("nul-bytes-in-order-ids.csv"), &[1]).unwrap();
    assert_eq!((got.rows, got.rows_used), (2, 0));
    assert!(got.skipped[0].reason.starts_with("Order ID \"5764614130\\03878510\" holds control characters"));
}

#[test]
fn utf16_without_its_mark_and_a_json_scalar_are_named_for_what_they_are() {
    let message = ends_cleanly("utf16le", &corpus_file("utf16le-without-bom.csv"), &[1]).unwrap_err();
    assert!(message.ends_with(
        "looks like UTF-16LE text without a byte-order mark: choose UTF-16LE as its encoding and read it again"
    ));
    let message = ends_cleanly("utf16be", &corpus_file("utf16be-without-bom.csv"), &[1]).unwrap_err();
    assert!(message.contains("UTF-16BE"), "{message}");
    let message = ends_cleanly("json", &corpus_file("json-number.json"), &[1]).unwrap_err();
    assert!(message.ends_with("this JSON is a single number, with no orders in it"), "{message}");
    let message = ends_cleanly("json", &corpus_file("json-string.json"), &[1]).unwrap_err();
    assert!(message.ends_with("a single string, with no orders in it"), "{message}");
}

#[test]
fn a_workbook_is_read_in_constant_memory_whatever_rows_and_columns_it_names() {
    let got = ends_cleanly("last row", &corpus_file("workbook-last-row-1048576.xlsx"), &[4_096]).unwrap();
    assert_eq!((got.rows, got.rows_used, got.skipped.len()), (1, 1, 0), "blank rows are passed over as blank");
    let got = ends_cleanly("xfd", &corpus_file("workbook-cell-in-xfd.xlsx"), &[4_096]).unwrap();
    assert_eq!(got.rows, 0, "cells right of the header are no column's, and their rows blank");
    let message = ends_cleanly("unclosed", &corpus_file("workbook-unclosed-row.xlsx"), &[4_096]).unwrap_err();
    assert!(message.contains("the sheet ends inside row 2"), "{message}");
    let message = ends_cleanly("strings", &corpus_file("workbook-string-index-past-end.xlsx"), &[64]).unwrap_err();
    assert!(message.contains("cell B1 names shared string \"99999\", and the workbook has 1"), "{message}");
}

const HEADER: &str = "Order ID,Paid Time,Product Name\n";

#[test]
fn a_header_of_one_mib_is_read_and_one_byte_more_refused() {
    // The header's text, its names end to end, is what the limit counts.
    let names = "Order IDPaid TimeProduct Name".len();
    let header =
        |text: usize| format!("{},{}\nA1,2026-11-20 09:00:00,mug\n", HEADER.trim_end(), "x".repeat(text - names));
    let got = ends_cleanly("header at limit", header(MAX_HEADER_BYTES).as_bytes(), &[65_536]).unwrap();
    assert_eq!(got.orders.len(), 1);
    let message = ends_cleanly("header past limit", header(MAX_HEADER_BYTES + 1).as_bytes(), &[65_536]).unwrap_err();
    assert!(message.contains("the first row is longer than 1 MiB"), "{message}");
    // A whole file of one line: passed over as it is read, never held.
    let one_line = "Order ID,".repeat(3 << 20);
    let message = ends_cleanly("one line", one_line.as_bytes(), &[1 << 20]).unwrap_err();
    assert!(message.contains("the first row is longer than 1 MiB"), "{message}");
}

#[test]
fn a_cell_of_one_mib_is_read_and_one_byte_more_costs_its_row() {
    let row = |cell: usize| format!("{HEADER}A1,2026-11-20 09:00:00,{}\n", "m".repeat(cell));
    let got = ends_cleanly("cell at limit", row(MAX_CELL_BYTES).as_bytes(), &[65_536]).unwrap();
    assert_eq!(got.rows_used, 1);
    let got = ends_cleanly("cell past limit", row(MAX_CELL_BYTES + 1).as_bytes(), &[65_536]).unwrap();
    assert_eq!((got.rows_used, got.skipped[0].reason.as_str()), (0, "a cell holds more than 1 MiB of text"));
}

#[test]
fn a_row_of_16_mib_and_16384_cells_is_read_and_one_more_costs_the_row_alone() {
    // Sixteen cells of 1 MiB less a little make a row just inside its limit.
    let cells = |size: usize| vec!["m".repeat(size); 16].join(",");
    let inside =
        format!("{HEADER}A1,2026-11-20 09:00:00,{}\nB2,2026-11-20 09:00:00,mug\n", cells((MAX_ROW_BYTES >> 4) - 64));
    let got = ends_cleanly("row at limit", inside.as_bytes(), &[1 << 20]).unwrap();
    assert_eq!(got.rows_used, 2);
    let past = format!("{HEADER}A1,2026-11-20 09:00:00,{}\nB2,2026-11-20 09:00:00,mug\n", cells(MAX_ROW_BYTES >> 4));
    let got = ends_cleanly("row past limit", past.as_bytes(), &[1 << 20]).unwrap();
    assert_eq!((got.rows, got.rows_used, got.skipped[0].line), (2, 1, 2));
    assert!(got.skipped[0].reason.starts_with("longer than 16 MiB"));

    let wide =
        |cells: usize| format!("{HEADER}A1,2026-11-20 09:00:00{}\nB2,2026-11-20 09:00:00,mug\n", ",".repeat(cells - 2));
    let got = ends_cleanly("cells at limit", wide(MAX_ROW_CELLS).as_bytes(), &[65_536]).unwrap();
    assert_eq!(got.rows_used, 2);
    let got = ends_cleanly("cells past limit", wide(MAX_ROW_CELLS + 1).as_bytes(), &[65_536]).unwrap();
    assert_eq!((got.rows_used, got.skipped[0].line), (1, 2));
}
