//! Every input is read whole and in pieces (their sizes taken from the input's first byte): no
//! panic, the same result both ways, every row accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipcheck_engine::import::legacy::decode_legacy;
use shipcheck_engine::import::{Import, ImportOptions, Importer, Step};
use shipcheck_engine::Zone;

fn options() -> ImportOptions {
    ImportOptions { legacy_decoder: Some(decode_legacy), ..ImportOptions::in_zone(Zone::SHANGHAI) }
}

fn read(bytes: &[u8], piece: usize) -> Result<Import, String> {
    let mut importer = Importer::new(options());
    let mut reading = importer.open(Some("file"), bytes.len() as u64);
    let mut at = 0;
    loop {
        let end = (at + piece).min(bytes.len());
        match importer.read_piece(&mut reading, &bytes[at..end], usize::MAX).map_err(|e| e.to_string())? {
            Step::Next(used) => at += used,
            Step::FromStart => at = 0,
            Step::Done => return Ok(importer.finish()),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&size, bytes)) = data.split_first() else { return };
    let whole = read(bytes, bytes.len().max(1));
    assert_eq!(read(bytes, 1 + usize::from(size % 64)), whole);
    if let Ok(import) = &whole {
        assert_eq!(import.rows, import.rows_used + import.skipped.len() as u64);
    }
});
