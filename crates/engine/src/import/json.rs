//! JSON exports: an array of order objects, or a TikTok Shop Open API response
//! (`{"data": {"orders": [...]}}`), as ERPs and the API hand them over.
//!
//! The orders array is split into its elements by a small scanner before anything is parsed, so
//! each order is parsed on its own: a broken element costs that order (reported with the line
//! it starts on), not the file. The same scanner reads a file as it arrives ([`JsonStream`]),
//! saying when the bytes so far stop too soon, so that only the element being read and the
//! newest piece are held, never the whole file. Keys are matched with the same header names as CSV columns
//! (the Open API's field names among them); nested objects such as `recipient_address` are
//! looked into one level, and each of `line_items` becomes an SKU line.

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use super::encoding::utf8_so_far;
use super::Column;

/// Which column each JSON key names, worked out once per key: a file repeats its keys in every
/// order, and matching a key against every column's known names took most of an order's time.
#[derive(Default)]
pub struct KeyColumns {
    columns: FxHashMap<String, Option<Column>>,
    /// A nested member's key with its parent's in front, built here rather than allocated.
    nested: String,
}

impl KeyColumns {
    /// Keys remembered at most: a file's own are a few dozen; more are not worth keeping.
    const MOST: usize = 10_000;

    fn get(&mut self, key: &str) -> Option<Column> {
        if let Some(&column) = self.columns.get(key) {
            return column;
        }
        let column = Column::named(key);
        if self.columns.len() < KeyColumns::MOST {
            self.columns.insert(key.to_owned(), column);
        }
        column
    }

    /// The column `parent_key` names, if any.
    fn get_nested(&mut self, parent: &str, key: &str) -> Option<Column> {
        let mut nested = std::mem::take(&mut self.nested);
        nested.clear();
        nested.extend([parent, "_", key]);
        let column = self.get(&nested);
        self.nested = nested;
        column
    }
}

/// Why the orders array's next element could not be found in the bytes so far.
#[derive(Debug, PartialEq)]
pub enum Unfound {
    /// The bytes stop before the answer: more of the file is needed.
    Short,
    /// The file is not what it should be.
    Malformed(String),
}

impl Unfound {
    /// What is wrong, when nothing more is to come.
    pub fn message(self) -> String {
        match self {
            Unfound::Short => "unexpected end of JSON".into(),
            Unfound::Malformed(message) => message,
        }
    }
}

/// The elements of the orders array, found one at a time as the orders are read (a large file's
/// array is not scanned in one go): the 1-based line each starts on, and where its bytes are.
/// The bytes may be the whole file or, as it arrives, the part of it come so far (`ended`:
/// nothing follows them), of which those before the next element can be let go ([`shift`]).
///
/// [`shift`]: OrderElements::shift
pub struct OrderElements {
    /// Where the next element, or what comes after the last one, is; `None` once all are found.
    at: Option<usize>,
    /// Nothing found yet: an array's first element follows no comma.
    first: bool,
    /// The file is one order object, not an array.
    single: bool,
    lines: LineCounter,
}

impl OrderElements {
    /// Finds the orders array in `bytes`: the file itself, `data.orders` or `orders`; else the
    /// file is one order.
    pub fn new(bytes: &[u8], ended: bool) -> Result<OrderElements, Unfound> {
        let start = skip_space(bytes, 0);
        let found = |at: usize, single: bool| OrderElements {
            at: Some(at),
            first: true,
            single,
            lines: LineCounter::default(),
        };
        match bytes.get(start) {
            Some(b'[') => Ok(found(skip_space(bytes, start + 1), false)),
            Some(b'{') => {
                let data = member(bytes, start, "data", ended)?;
                let orders = match data.filter(|&i| bytes.get(i) == Some(&b'{')) {
                    Some(data) => member(bytes, data, "orders", ended)?,
                    None => member(bytes, start, "orders", ended)?,
                };
                Ok(match orders {
                    Some(i) if bytes.get(i) == Some(&b'[') => found(skip_space(bytes, i + 1), false),
                    _ => found(start, true),
                })
            }
            None if !ended => Err(Unfound::Short),
            _ => Err(Unfound::Malformed("not JSON: expected an array of orders or an object".into())),
        }
    }

    /// The next element of `bytes` (the same bytes as `new` was given, less those let go),
    /// `None` after the last.
    pub fn next(&mut self, bytes: &[u8], ended: bool) -> Result<Option<(u64, std::ops::Range<usize>)>, Unfound> {
        let Some(at) = self.at else { return Ok(None) };
        // Space after the last element may have come since it was found.
        let mut i = skip_space(bytes, at);
        if self.single {
            let end = element_end(bytes, i, ended)?;
            self.at = None;
            return Ok(Some((1, i..end)));
        }
        match (self.first, bytes.get(i)) {
            (_, None) if !ended => return Err(Unfound::Short),
            (_, Some(b']')) => {
                self.at = None;
                return Ok(None);
            }
            (true, _) => {}
            (false, Some(b',')) => i = skip_space(bytes, i + 1),
            (false, _) => {
                // Counted without moving the counter on: read as it arrives, the bytes before
                // this point may yet be let go, the counter's place among them.
                let line = self.lines.line_after(bytes, i.min(bytes.len()));
                return Err(Unfound::Malformed(format!("line {line}: expected , or ] in the orders array")));
            }
        }
        let end = element_end(bytes, i, ended)?;
        let line = self.lines.line_at(bytes, i);
        (self.first, self.at) = (false, Some(skip_space(bytes, end)));
        Ok(Some((line, i..end)))
    }

    /// How far into the bytes the elements have been found.
    pub fn position(&self, len: usize) -> usize {
        self.at.map_or(len, |at| at.min(len))
    }

    /// The first `n` of `bytes`, all before the next element, are let go: counts their lines and
    /// places the next element `n` bytes earlier.
    pub fn shift(&mut self, bytes: &[u8], n: usize) {
        self.lines.line_at(bytes, n);
        self.lines.position -= n;
        self.at = self.at.map(|at| at - n);
    }
}

/// Which pass over a JSON file read as it arrives is being made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonPass {
    /// Looking only at whether the text is UTF-8, before its orders are read: a file after one
    /// that gave orders could change them, and there would be no going back.
    Checking,
    /// Reading the orders while the text is looked at: should it prove not to be UTF-8, they
    /// are forgotten and the file is read again in another encoding.
    Reading,
    /// Reading the orders of text known to be UTF-8.
    ReadingChecked,
}

/// A JSON file read as it arrives: the bytes come so far and not yet read, the orders array's
/// elements found among them, and whether the file is UTF-8 so far. A large file is never held
/// whole: the bytes before the next element are let go as each piece comes.
pub struct JsonStream {
    pass: JsonPass,
    bytes: Vec<u8>,
    /// The file's bytes before `bytes` (a byte-order mark among them).
    before: u64,
    /// `None` until the start of the orders array has come.
    elements: Option<OrderElements>,
    /// The unread bytes needed before looking for the next element again: twice those it was
    /// not found in, so that a huge element (or a huge start before the orders) is looked
    /// through a number of times that grows with the log of its size, not with its pieces.
    wanted: usize,
    /// How far `bytes` are known to be UTF-8; `None` once they are known not to be.
    utf8: Option<usize>,
    /// Whether the file starts with a UTF-8 byte-order mark, and how much of it is still to
    /// pass over.
    marked: bool,
    mark_left: usize,
}

impl JsonStream {
    /// A file read from its start in `pass`; `marked`: it starts with a UTF-8 byte-order mark.
    pub fn new(marked: bool, pass: JsonPass) -> JsonStream {
        let mark_left = if marked { 3 } else { 0 };
        JsonStream { pass, bytes: Vec::new(), before: 0, elements: None, wanted: 0, utf8: Some(0), marked, mark_left }
    }

    /// The same file, read again from its start, in `pass`.
    pub fn again(&self, pass: JsonPass) -> JsonStream {
        JsonStream::new(self.marked, pass)
    }

    pub fn pass(&self) -> JsonPass {
        self.pass
    }

    /// The next element among the bytes come so far (its line and its bytes); `Ok(None)` after
    /// the last, `Err(Unfound::Short)` until more of the file comes.
    pub fn next(&mut self, ended: bool) -> Result<Option<(u64, &[u8])>, Unfound> {
        let unread = self.bytes.len() - self.read();
        if !ended && unread < self.wanted {
            return Err(Unfound::Short);
        }
        let found = match &mut self.elements {
            Some(elements) => elements.next(&self.bytes, ended),
            None => OrderElements::new(&self.bytes, ended)
                .and_then(|elements| self.elements.insert(elements).next(&self.bytes, ended)),
        };
        self.wanted = if found == Err(Unfound::Short) { unread.max(1) * 2 } else { 0 };
        Ok(found?.map(|(line, range)| (line, &self.bytes[range])))
    }

    /// Takes the next piece of the file, first letting go of the bytes read (all of them, when
    /// only checking). Whether the file is UTF-8 so far.
    pub fn take(&mut self, piece: &[u8]) -> bool {
        // A character cut by the last piece's end is kept until its next bytes come.
        let read = self.read().min(self.utf8.unwrap_or(usize::MAX));
        if let Some(elements) = &mut self.elements {
            elements.shift(&self.bytes, read);
        }
        self.bytes.drain(..read);
        self.utf8 = self.utf8.map(|utf8| utf8 - read);
        let mark = self.mark_left.min(piece.len());
        self.mark_left -= mark;
        self.before += (read + mark) as u64;
        self.bytes.extend_from_slice(&piece[mark..]);
        if self.pass == JsonPass::ReadingChecked {
            self.utf8 = Some(self.bytes.len());
        }
        self.utf8 = utf8_so_far(&self.bytes, self.utf8);
        self.utf8.is_some()
    }

    /// Whether the whole file, now ended, is UTF-8.
    pub fn is_utf8(&self) -> bool {
        self.utf8 == Some(self.bytes.len())
    }

    /// The file's bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.before + self.read() as u64
    }

    /// How many of `bytes` are read: those before the next element, or all when only checking.
    fn read(&self) -> usize {
        match (&self.elements, self.pass) {
            (_, JsonPass::Checking) => self.bytes.len(),
            (Some(elements), _) => elements.position(self.bytes.len()),
            (None, _) => 0,
        }
    }
}

/// The end of the element at `i`, if the bytes so far hold all of it (a number at their end
/// may go on in the next piece).
fn element_end(bytes: &[u8], i: usize, ended: bool) -> Result<usize, Unfound> {
    match value_end(bytes, i) {
        Ok(end) if end < bytes.len() || ended => Ok(end),
        Err(message) if ended => Err(Unfound::Malformed(message)),
        _ => Err(Unfound::Short),
    }
}

/// The cells of one order object: one row per line item (at least one), each a list of
/// (column, text) the CSV reader understands.
pub fn order_rows(order: &Map<String, Value>, keys: &mut KeyColumns) -> Vec<Vec<(Column, String)>> {
    let mut base = Vec::new();
    cells(order, None, &mut base, keys);
    for (key, value) in order {
        if let Value::Object(nested) = value {
            cells(nested, Some(key), &mut base, keys);
        }
    }
    let items = ["line_items", "items", "skus"].iter().find_map(|key| order.get(*key)).and_then(Value::as_array);
    let rows: Vec<Vec<(Column, String)>> = items
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|item| {
            let mut row = base.clone();
            cells(item, None, &mut row, keys);
            row
        })
        .collect();
    if rows.is_empty() {
        vec![base]
    } else {
        rows
    }
}

/// Adds the cells of `object`'s scalar members whose key names a column not yet filled. A
/// nested object's members are looked up with its key in front first (`handling_duration:
/// {days}` is `handling_duration_days`), then alone.
fn cells(object: &Map<String, Value>, parent: Option<&str>, row: &mut Vec<(Column, String)>, keys: &mut KeyColumns) {
    for (key, value) in object {
        let prefixed = parent.and_then(|parent| keys.get_nested(parent, key));
        let Some(column) = prefixed.or_else(|| keys.get(key)) else { continue };
        if row.iter().any(|(c, _)| *c == column) {
            continue;
        }
        let text = match value {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            Value::Bool(yes) => yes.to_string(),
            _ => continue,
        };
        row.push((column, text));
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The index just past the JSON value starting at `i` (which must not be whitespace).
fn value_end(b: &[u8], i: usize) -> Result<usize, String> {
    match b.get(i) {
        None => Err("unexpected end of JSON".into()),
        Some(b'"') => string_end(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            Err("unexpected end of JSON inside an object or array".into())
        }
        Some(_) => {
            Ok(i + b[i..].iter().take_while(|c| !matches!(c, b',' | b']' | b'}') && !c.is_ascii_whitespace()).count())
        }
    }
}

/// The index just past the string starting at `i` (a `"`).
fn string_end(b: &[u8], i: usize) -> Result<usize, String> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err("unexpected end of JSON inside a string".into())
}

/// The start of the value of `key` in the object starting at `object`, if it has one.
fn member(b: &[u8], object: usize, key: &str, ended: bool) -> Result<Option<usize>, Unfound> {
    let mut i = skip_space(b, object + 1);
    loop {
        match b.get(i) {
            Some(b'"') => {}
            None if !ended => return Err(Unfound::Short),
            _ => return Ok(None),
        }
        let key_end = element_end(b, i, ended)?;
        let name: String = serde_json::from_slice(&b[i..key_end]).map_err(|e| Unfound::Malformed(e.to_string()))?;
        i = skip_space(b, key_end);
        match b.get(i) {
            Some(b':') => {}
            None if !ended => return Err(Unfound::Short),
            _ => return Err(Unfound::Malformed("expected : after a key".into())),
        }
        let value = skip_space(b, i + 1);
        if value == b.len() && !ended {
            return Err(Unfound::Short);
        }
        if name == key {
            return Ok(Some(value));
        }
        i = skip_space(b, element_end(b, value, ended)?);
        if b.get(i) == Some(&b',') {
            i = skip_space(b, i + 1);
        }
    }
}

/// Line numbers of positions visited in increasing order, counting newlines once.
#[derive(Default)]
struct LineCounter {
    position: usize,
    line: u64,
}

impl LineCounter {
    fn line_at(&mut self, b: &[u8], position: usize) -> u64 {
        self.line = self.line_after(b, position) - 1;
        self.position = position;
        self.line + 1
    }

    /// The line of `position`, at or after the last one visited, leaving the counter where it
    /// was.
    fn line_after(&self, b: &[u8], position: usize) -> u64 {
        self.line + b[self.position..position].iter().filter(|&&c| c == b'\n').count() as u64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every element of `bytes`, with its line.
    fn order_elements(bytes: &[u8]) -> Result<Vec<(u64, &[u8])>, Unfound> {
        let mut elements = OrderElements::new(bytes, true)?;
        let mut found = Vec::new();
        while let Some((line, range)) = elements.next(bytes, true)? {
            found.push((line, &bytes[range]));
        }
        Ok(found)
    }

    #[test]
    fn elements_are_found_with_their_lines_in_each_shape() {
        let array = b"[\n {\"id\": \"1\"},\n {\"id\": \"2\", \"note\": \"a ] in a string, and \\\" a quote\"}\n]";
        let got = order_elements(array).unwrap();
        assert_eq!(got.iter().map(|(line, _)| *line).collect::<Vec<_>>(), vec![2, 3]);
        assert!(got[1].1.ends_with(b"quote\"}"));

        let api = b"{\"code\": 0, \"data\": {\"next_page_token\": \"x\",\n \"orders\": [{\"id\": \"9\"}]}}";
        assert_eq!(order_elements(api).unwrap(), vec![(2, &b"{\"id\": \"9\"}"[..])]);
        assert_eq!(order_elements(b"{\"id\": \"7\"}").unwrap().len(), 1);
        assert!(order_elements(b"[]").unwrap().is_empty());
        assert!(order_elements(b"[{\"id\": 1} {\"id\": 2}]").is_err());
        assert!(order_elements(b"nope").is_err());
        assert!(order_elements(b"[{\"id\": \"1").is_err());
        assert!(order_elements(b"[{\"id\": \"1\"}").is_err(), "an array that does not end");
    }

    #[test]
    fn a_file_read_as_it_arrives_is_held_an_element_and_a_piece_at_a_time() {
        let element =
            r#"{"id": "576461413038785901", "line_items": [{"seller_sku": "MUG", "name": "马克杯"}]}"#.as_bytes();
        let mut file = b"{\"data\": {\"orders\": [".to_vec();
        for i in 0..20_000 {
            file.extend_from_slice(if i > 0 { b",\n" } else { b"" });
            file.extend_from_slice(element);
        }
        file.extend_from_slice(b"]}}");
        for pass in [JsonPass::Reading, JsonPass::Checking] {
            let (mut stream, mut found, mut held) = (JsonStream::new(false, pass), 0, 0);
            for piece in file.chunks(4096) {
                while pass != JsonPass::Checking && stream.next(false).is_ok_and(|element| element.is_some()) {
                    found += 1;
                }
                assert!(stream.take(piece));
                held = held.max(stream.bytes.len());
            }
            while pass != JsonPass::Checking && stream.next(true).unwrap().is_some() {
                found += 1;
            }
            assert!(stream.is_utf8());
            assert_eq!(stream.bytes_read(), file.len() as u64, "{pass:?}");
            match pass {
                // A piece, and a character its end cut.
                JsonPass::Checking => assert!(held <= 4096 + 3, "{pass:?} held {held} bytes"),
                _ => {
                    assert_eq!(found, 20_000);
                    assert!(held <= 4096 + element.len() + 2, "{pass:?} held {held} bytes");
                }
            }
        }
    }

    #[test]
    fn an_api_order_becomes_one_row_per_line_item() {
        let order: Map<String, Value> = serde_json::from_str(
            r#"{"id": "576461413038785801", "status": "AWAITING_SHIPMENT", "paid_time": 1731546000,
                "tts_sla_time": 1731718800, "recipient_address": {"region_code": "US"},
                "line_items": [{"seller_sku": "MUG", "product_name": "Mug"}, {"seller_sku": "CUP"}]}"#,
        )
        .unwrap();
        let rows = order_rows(&order, &mut KeyColumns::default());
        assert_eq!(rows.len(), 2);
        let get = |row: &Vec<(Column, String)>, column| row.iter().find(|(c, _)| *c == column).map(|(_, t)| t.clone());
        assert_eq!(get(&rows[0], Column::OrderId).as_deref(), Some("576461413038785801"));
        assert_eq!(get(&rows[0], Column::TtsSlaTime).as_deref(), Some("1731718800"));
        assert_eq!(get(&rows[0], Column::Country).as_deref(), Some("US"));
        assert_eq!(get(&rows[1], Column::SellerSku).as_deref(), Some("CUP"));
    }

    #[test]
    fn the_fields_that_decide_the_2026_rules_are_read_from_an_api_order() {
        let order: Map<String, Value> = serde_json::from_str(
            r#"{"id": "5", "order_type": "MADE_TO_ORDER", "handling_duration": {"days": "3", "type": "BUSINESS_DAY"},
                "is_sample_order": true, "fulfillment_type": "FULFILLMENT_BY_SELLER", "shipping_type": "TIKTOK",
                "pick_up_cut_off_time": 1767225600, "cancel_order_sla_time": 1767312000,
                "line_items": [{"seller_sku": "MUG", "package_id": "1150"}]}"#,
        )
        .unwrap();
        let rows = order_rows(&order, &mut KeyColumns::default());
        let get = |column| rows[0].iter().find(|(c, _)| *c == column).map(|(_, t)| t.as_str());
        assert_eq!(get(Column::OrderType), Some("MADE_TO_ORDER"));
        assert_eq!(get(Column::HandlingDays), Some("3"));
        assert_eq!(get(Column::SampleOrder), Some("true"));
        assert_eq!(get(Column::FulfillmentType), Some("FULFILLMENT_BY_SELLER"));
        assert_eq!(get(Column::ShippingType), Some("TIKTOK"));
        assert_eq!(get(Column::PickUpCutOffTime), Some("1767225600"));
        assert_eq!(get(Column::CancelSlaTime), Some("1767312000"));
        assert_eq!(get(Column::PackageId), Some("1150"));
    }
}
