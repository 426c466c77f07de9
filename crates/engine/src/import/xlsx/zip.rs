//! The ZIP container of an XLSX workbook: just enough of it to take out one named part.
//!
//! A workbook is a handful of XML parts, each stored or deflated (APPNOTE.TXT, PKWARE's ZIP
//! specification, sections 4.3.12 to 4.3.16 and 4.4). The central directory at the end of the
//! file lists them; the parts are read on demand, so a sheet the seller did not ask for is never
//! inflated, and the one asked for is inflated a slice at a time as it is read. Sizes come from
//! the file and are checked before they are trusted: a damaged or hostile archive is an error,
//! never a panic or an unbounded allocation.

use flate2::{Decompress, FlushDecompress, Status};

/// The most a part whose text is kept unpacks to (the workbook's list of sheets, its styles, its
/// shared strings): far beyond any workbook's, well inside the browser's memory. A sheet,
/// unpacked a slice at a time and never held, is bound by its packing ([`MAX_INFLATE_RATIO`])
/// alone: a million-row export's sheet is about 300 MB with shared strings, 2 GB with its texts
/// inline, as Seller Center writes them. A part whose directory entry says more than its bound
/// is refused before it is unpacked, and one that holds more than its entry says is refused
/// where it does.
pub const MAX_PART_BYTES: usize = 1 << 30;
/// The most a part may grow when unpacked, times its packed size: sheets of order exports
/// deflate 5 to 20 times; a ZIP bomb's parts, thousands of times. Checked against the size the
/// part's directory entry gives, which unpacking then holds it to.
pub const MAX_INFLATE_RATIO: usize = 100;
/// Below this, a part may grow any amount: a tiny part's ratio says nothing.
const SMALL_PART_BYTES: usize = 1 << 20;

/// The most a part of `packed` bytes may unpack to: `kept`, if its text is kept.
fn most_unpacked(packed: usize, kept: bool) -> usize {
    let most = packed.saturating_mul(MAX_INFLATE_RATIO).max(SMALL_PART_BYTES);
    if kept {
        most.min(MAX_PART_BYTES)
    } else {
        most
    }
}

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;

/// One part as the central directory lists it.
struct Entry {
    name: String,
    method: u16,
    compressed: usize,
    size: usize,
    local_header: usize,
}

/// An archive held in memory, its directory read.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

impl<'a> Archive<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        // The end record is 22 bytes plus a comment of at most 65,535: search back that far.
        let search_from = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (search_from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&at| u32_at(bytes, at) == Some(END_OF_DIRECTORY))
            .ok_or("no ZIP directory (the file is cut short or is not a workbook)")?;
        let count = u16_at(bytes, end + 10).ok_or(DAMAGED)?;
        let directory = u32_at(bytes, end + 16).ok_or(DAMAGED)? as usize;
        if count == 0xFFFF || directory == 0xFFFF_FFFF {
            return Err("the workbook uses ZIP64, which is for files over 4 GB".to_owned());
        }
        let mut entries = Vec::with_capacity(usize::from(count));
        let mut at = directory;
        for _ in 0..count {
            if u32_at(bytes, at) != Some(DIRECTORY_ENTRY) {
                return Err(DAMAGED.to_owned());
            }
            let field = |offset: usize| u16_at(bytes, at + offset).map(usize::from).ok_or(DAMAGED);
            let long = |offset: usize| u32_at(bytes, at + offset).map(|n| n as usize).ok_or(DAMAGED);
            let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or(DAMAGED)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method: field(10)? as u16,
                compressed: long(20)?,
                size: long(24)?,
                local_header: long(42)?,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The part called `name`, unpacked whole; `None` when the archive has no such part.
    pub fn part(&self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let unpacked = self.locate(name, true)?.and_then(|packed| {
            // Its size is within the bound (`locate` saw to that). Room as it comes, not as the directory claims: the claim is the file's word.
            let mut bytes = Vec::new();
            let mut unpacking = Unpacking::new(packed);
            while unpacking.next(self.bytes, 64 << 10, &mut bytes).map_err(|e| format!("part {name} {e}"))? {}
            Ok(bytes)
        });
        Some(unpacked)
    }

    /// Where the part called `name` is, to be unpacked a slice at a time ([`Unpacking`]), its
    /// text `kept` or not (that bounds what it may unpack to); `None` when the archive has no
    /// such part.
    pub fn locate(&self, name: &str, kept: bool) -> Option<Result<Packed, String>> {
        let entry = self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name))?;
        Some(self.packed(entry, kept).map_err(|problem| format!("part {name} {problem}")))
    }

    fn packed(&self, entry: &Entry, kept: bool) -> Result<Packed, String> {
        let at = entry.local_header;
        if u32_at(self.bytes, at) != Some(LOCAL_HEADER) {
            return Err("is damaged".to_owned());
        }
        let name_len = usize::from(u16_at(self.bytes, at + 26).ok_or("is damaged")?);
        let extra_len = usize::from(u16_at(self.bytes, at + 28).ok_or("is damaged")?);
        let start = at + 30 + name_len + extra_len;
        let range = start..start.checked_add(entry.compressed).ok_or("is damaged")?;
        if range.end > self.bytes.len() {
            return Err("is cut short".to_owned());
        }
        let deflated = match entry.method {
            0 => false,
            8 => true,
            other => return Err(format!("is packed with ZIP method {other}, which Excel does not use")),
        };
        // A part that says it unpacks past the bound is refused before a byte is unpacked: a bomb
        // need not be inflated to be known.
        if entry.size > most_unpacked(entry.compressed, kept) {
            let (claimed, packed) = (entry.size >> 20, entry.compressed >> 10);
            return Err(format!("says it unpacks to {claimed} MB from {packed} KB: refused as a ZIP bomb"));
        }
        Ok(Packed { range, deflated, size: entry.size })
    }
}

/// Where a part's bytes are in its archive, and how they are packed.
#[derive(Clone)]
pub struct Packed {
    range: std::ops::Range<usize>,
    deflated: bool,
    /// Its size unpacked, as the directory says.
    size: usize,
}

impl Packed {
    /// Its size packed.
    pub fn packed_size(&self) -> usize {
        self.range.len()
    }
}

/// A part unpacked a slice at a time, from the archive's bytes the caller holds: a large sheet
/// is never held unpacked whole.
pub struct Unpacking {
    packed: Packed,
    /// `None` for a stored part.
    inflater: Option<Decompress>,
    /// Packed bytes used, and unpacked bytes given, so far.
    used: usize,
    given: usize,
}

impl Unpacking {
    pub fn new(packed: Packed) -> Unpacking {
        let inflater = packed.deflated.then(|| Decompress::new(false));
        Unpacking { packed, inflater, used: 0, given: 0 }
    }

    /// Appends at most `most` more bytes of the part to `out`, from `archive`, the bytes the
    /// part was located in; whether more follow.
    pub fn next(&mut self, archive: &[u8], most: usize, out: &mut Vec<u8>) -> Result<bool, String> {
        let start = out.len();
        out.resize(start + most, 0);
        let (written, more) = self.next_into(archive, &mut out[start..])?;
        out.truncate(start + written);
        Ok(more)
    }

    /// Unpacks more of the part into `out`, as much as it holds: how many bytes, and whether
    /// more follow. The caller keeps the room from one call to the next, so it is not zeroed
    /// again for each.
    pub fn next_into(&mut self, archive: &[u8], out: &mut [u8]) -> Result<(usize, bool), String> {
        let input = &archive[self.packed.range.start + self.used..self.packed.range.end];
        let Some(inflater) = &mut self.inflater else {
            let take = input.len().min(out.len());
            out[..take].copy_from_slice(&input[..take]);
            self.used += take;
            return Ok((take, take < input.len()));
        };
        let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
        let status = inflater.decompress(input, out, FlushDecompress::None);
        let consumed = (inflater.total_in() - before_in) as usize;
        let written = (inflater.total_out() - before_out) as usize;
        self.used += consumed;
        self.given += written;
        if self.given > self.packed.size {
            return Err("cannot be unpacked (it holds more than the workbook says)".to_owned());
        }
        let more = match status {
            Ok(Status::StreamEnd) => false,
            // Room and bytes to unpack, yet nothing came out: the packed data ends too soon.
            _ if consumed == 0 && written == 0 => return Err("is cut short".to_owned()),
            Ok(_) => true,
            Err(e) => return Err(format!("cannot be unpacked ({e})")),
        };
        Ok((written, more))
    }

    /// The part's packed bytes used so far.
    pub fn used(&self) -> usize {
        self.used
    }
}

const DAMAGED: &str = "the workbook's ZIP directory is damaged";

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// Builds archives for the tests: each part stored or deflated as asked.
#[cfg(test)]
pub fn build(parts: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let packed: Vec<(&str, bool, Vec<u8>, usize)> = parts
        .iter()
        .map(|(name, content, deflate)| {
            let data = if *deflate { miniz_oxide::deflate::compress_to_vec(content, 6) } else { content.to_vec() };
            (*name, *deflate, data, content.len())
        })
        .collect();
    build_packed(&packed)
}

/// Builds archives for the tests from parts already packed: each with its name, whether it is
/// deflated, its packed bytes, and the size the directory is to give it unpacked.
#[cfg(test)]
pub fn build_packed(parts: &[(&str, bool, Vec<u8>, usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, deflated, data, size) in parts {
        let method = if *deflated { 8u16 } else { 0 };
        let offset = out.len() as u32;
        let sizes = [data.len() as u32, *size as u32];
        out.extend(LOCAL_HEADER.to_le_bytes());
        out.extend([20, 0, 0, 0]);
        out.extend(method.to_le_bytes());
        out.extend([0; 8]); // time, date, CRC: not checked by the reader
        sizes.iter().for_each(|s| out.extend(s.to_le_bytes()));
        out.extend((name.len() as u16).to_le_bytes());
        out.extend([0, 0]);
        out.extend(name.as_bytes());
        out.extend(data);
        directory.extend(DIRECTORY_ENTRY.to_le_bytes());
        directory.extend([20, 0, 20, 0, 0, 0]);
        directory.extend(method.to_le_bytes());
        directory.extend([0; 8]);
        sizes.iter().for_each(|s| directory.extend(s.to_le_bytes()));
        directory.extend((name.len() as u16).to_le_bytes());
        directory.extend([0; 12]);
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let directory_at = out.len() as u32;
    let count = parts.len() as u16;
    out.extend(&directory);
    out.extend(END_OF_DIRECTORY.to_le_bytes());
    out.extend([0; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(directory_at.to_le_bytes());
    out.extend([0, 0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_may_grow_a_hundredfold_and_one_whose_text_is_kept_up_to_a_gibibyte_and_no_further() {
        for kept in [true, false] {
            assert_eq!(most_unpacked(10, kept), SMALL_PART_BYTES, "a small part may grow to 1 MiB");
            assert_eq!(most_unpacked(1 << 20, kept), 100 << 20);
        }
        assert_eq!(most_unpacked(20 << 20, true), MAX_PART_BYTES);
        // A million-row sheet of inline strings: 2 GB from 144 MB, read a slice at a time.
        assert_eq!(most_unpacked(144 << 20, false), 14_400 << 20);
        let sheet = build_packed(&[("sheet", true, vec![0; 20 << 20], 2000 << 20)]);
        let archive = Archive::new(&sheet).unwrap();
        assert!(archive.locate("sheet", false).unwrap().is_ok());
        let refused = archive.locate("sheet", true).unwrap().err().unwrap();
        assert!(refused.ends_with("says it unpacks to 2000 MB from 20480 KB: refused as a ZIP bomb"), "{refused}");
        // A mebibyte of one letter packs to about a kilobyte: it is read, a byte more is not.
        let part = |size: usize| {
            let packed = miniz_oxide::deflate::compress_to_vec(&vec![b'a'; size], 10);
            assert!(packed.len() * MAX_INFLATE_RATIO < SMALL_PART_BYTES);
            build_packed(&[("p", true, packed, size)])
        };
        let at_limit = part(SMALL_PART_BYTES);
        assert_eq!(Archive::new(&at_limit).unwrap().part("p").unwrap().map(|p| p.len()), Ok(SMALL_PART_BYTES));
        // One byte more is refused before a byte is unpacked: the directory says the size.
        let past = part(SMALL_PART_BYTES + 1);
        let refused = Archive::new(&past).unwrap().part("p").unwrap().unwrap_err();
        assert!(refused.ends_with("says it unpacks to 1 MB from 1 KB: refused as a ZIP bomb"), "{refused}");
        // A part that holds more than it says is refused where it does.
        let packed = miniz_oxide::deflate::compress_to_vec(&[b'a'; 5000], 10);
        let lying = build_packed(&[("p", true, packed, 4000)]);
        let refused = Archive::new(&lying).unwrap().part("p").unwrap().unwrap_err();
        assert!(refused.contains("holds more than the workbook says"), "{refused}");
    }

    #[test]
    fn stored_and_deflated_parts_come_out_as_they_went_in() {
        let text = "<sheetData>".repeat(100);
        let bytes = build(&[("a.xml", b"stored", false), ("xl/b.xml", text.as_bytes(), true)]);
        let archive = Archive::new(&bytes).unwrap();
        assert_eq!(archive.part("a.xml").unwrap().unwrap(), b"stored");
        assert_eq!(archive.part("xl/b.xml").unwrap().unwrap(), text.as_bytes());
        assert!(archive.part("missing.xml").is_none());
    }

    #[test]
    fn every_cut_of_an_archive_is_an_error_or_a_part_never_a_panic() {
        let bytes = build(&[("a.xml", b"stored", false), ("b.xml", &[b'x'; 300], true)]);
        for cut in 0..bytes.len() {
            if let Ok(archive) = Archive::new(&bytes[..cut]) {
                let _ = archive.part("b.xml");
            }
        }
        let mut lying = bytes.clone();
        // Claim a smaller unpacked size for b.xml than its data inflates to.
        let directory_at = u32_at(&bytes, bytes.len() - 6).unwrap() as usize;
        let second = directory_at + 46 + "a.xml".len();
        lying[second + 24..second + 28].copy_from_slice(&10u32.to_le_bytes());
        let archive = Archive::new(&lying).unwrap();
        assert!(archive.part("b.xml").unwrap().unwrap_err().contains("cannot be unpacked"));
    }
}
