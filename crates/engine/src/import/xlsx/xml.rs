//! A tag scanner for the XML parts of a workbook. Workbook XML is machine-written and flat:
//! elements, attributes and text, with no DTDs to expand. Reading it as a stream of tags, each
//! with the text that follows it, is all the workbook reader needs, and keeps a full XML
//! library (and its weight) out of the browser bundle.
//!
//! It looks for ASCII bytes (`<`, `>`, `=`, quotes) rather than `char`s: a sheet of a hundred
//! thousand rows has millions of tags, and setting up a `char` search for each took longer than
//! the search. A byte below 0x80 is never part of a longer UTF-8 character, so the text is cut
//! between characters all the same.

use std::borrow::Cow;

/// A start, end or empty-element tag.
pub struct Tag<'a> {
    /// The local name: a namespace prefix (`x:c`) is dropped.
    pub name: &'a str,
    attributes: &'a str,
    pub closing: bool,
    pub empty: bool,
    /// The character data up to the next tag, still escaped.
    text: &'a str,
}

impl<'a> Tag<'a> {
    /// An attribute's value, unescaped; a prefixed attribute (`r:id`) is found by its local name.
    pub fn attribute(&self, wanted: &str) -> Option<Cow<'a, str>> {
        self.attributes().find(|(name, _)| *name == wanted).map(|(_, value)| value)
    }

    /// Each attribute's local name and value, unescaped, in order, up to the first that is not
    /// well formed.
    pub fn attributes(&self) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> {
        let mut rest = self.attributes;
        std::iter::from_fn(move || {
            let equals = find(rest, b'=')?;
            let name = rest[..equals].trim_ascii();
            let after = rest[equals + 1..].trim_ascii_start();
            let quote = *after.as_bytes().first()?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let value_len = find(&after[1..], quote)?;
            let value = &after[1..1 + value_len];
            rest = &after[1 + value_len + 1..];
            Some((local(name), unescape(value)))
        })
    }

    /// The attributes as written, escapes and all, from the space after the name.
    pub fn attributes_text(&self) -> &'a str {
        self.attributes
    }

    /// The text that follows the tag, unescaped.
    pub fn text(&self) -> Cow<'a, str> {
        unescape(self.text)
    }
}

/// The tags of `xml`, in order.
pub fn tags(xml: &str) -> Tags<'_> {
    Tags { rest: xml }
}

/// The tags of a part's XML, read on from where the last one's text ends.
pub struct Tags<'a> {
    rest: &'a str,
}

impl<'a> Tags<'a> {
    /// The XML not read yet: it starts with the next tag.
    pub fn rest(&self) -> &'a str {
        self.rest
    }

    /// Goes on from `rest`, a tail of [`Tags::rest`] that a reader has read itself.
    pub fn resume(&mut self, rest: &'a str) {
        self.rest = rest;
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let rest = &mut self.rest;
        loop {
            let open = find(rest, b'<')?;
            *rest = &rest[open + 1..];
            // Declarations, comments and processing instructions carry nothing a sheet needs.
            if let Some(comment) = rest.strip_prefix("!--") {
                *rest = &comment[comment.find("-->").map_or(comment.len(), |end| end + 3)..];
                continue;
            }
            let close = find(rest, b'>')?;
            let inside = &rest[..close];
            *rest = &rest[close + 1..];
            if matches!(inside.as_bytes().first(), Some(b'?' | b'!')) {
                continue;
            }
            let text = &rest[..find(rest, b'<').unwrap_or(rest.len())];
            // The next tag starts where the text ends: no need to look for it again.
            *rest = &rest[text.len()..];
            let (inside, closing) = inside.strip_prefix('/').map_or((inside, false), |inside| (inside, true));
            let (inside, empty) = inside.strip_suffix('/').map_or((inside, false), |inside| (inside, true));
            let name_end = inside.bytes().position(|b| b.is_ascii_whitespace()).unwrap_or(inside.len());
            return Some(Tag {
                name: local(&inside[..name_end]),
                attributes: &inside[name_end..],
                closing,
                empty,
                text,
            });
        }
    }
}

/// Where the ASCII `byte` first is in `text`.
pub fn find(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// The text up to the next tag, and the XML from after `close`, when `close` is what comes
/// next (`text</t></si>`, read in one step); `None` when anything else does. Inlined, so that
/// each caller's `close` is known where it is compared: a few loads, not a call to `memcmp`
/// for every cell (5.22 G → 5.11 G instructions for a 100k-row workbook, counted by Valgrind).
#[inline]
pub fn text_closed_by<'a>(xml: &'a str, close: &str) -> Option<(&'a str, &'a str)> {
    let end = find(xml, b'<')?;
    Some((&xml[..end], xml[end..].strip_prefix(close)?))
}

fn local(name: &str) -> &str {
    name.bytes().rposition(|b| b == b':').map_or(name, |colon| &name[colon + 1..])
}

/// Resolves XML's entity and character references, and OOXML's `_xHHHH_` escapes (ECMA-376
/// Part 1, 22.9.2.19 ST_Xstring), which Excel uses for characters XML cannot hold, such as a
/// carriage return inside a cell.
///
/// Most text has nothing to resolve: that check is inlined where text is read, and only the
/// rest is a call.
#[inline]
pub fn unescape(text: &str) -> Cow<'_, str> {
    match is_escaped(text) {
        true => Cow::Owned(resolve_escapes(text)),
        false => Cow::Borrowed(text),
    }
}

/// Whether `text` holds anything [`unescape`] would resolve.
#[inline]
fn is_escaped(text: &str) -> bool {
    text.bytes().any(escape)
}

fn escape(b: u8) -> bool {
    b == b'&' || b == b'_'
}

fn resolve_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.bytes().position(escape) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, used) = if rest.starts_with('&') { entity(rest) } else { ooxml_escape(rest) };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..used]),
        }
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// The character `&…;` at the start of `text` stands for, and the bytes it spans.
fn entity(text: &str) -> (Option<char>, usize) {
    let Some(end) = text.bytes().take(12).position(|b| b == b';') else { return (None, 1) };
    let name = &text[1..end];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => {
                u32::from_str_radix(&hex[1..], 16).ok().and_then(char::from_u32)
            }
            Some(decimal) => decimal.parse().ok().and_then(char::from_u32),
            None => None,
        },
    };
    (c, if c.is_some() { end + 1 } else { 1 })
}

/// The character `_xHHHH_` at the start of `text` stands for, and the bytes it spans.
fn ooxml_escape(text: &str) -> (Option<char>, usize) {
    let code = text.get(..7).filter(|t| t.starts_with("_x") && t.ends_with('_')).map(|t| &t[2..6]);
    match code.and_then(|hex| u32::from_str_radix(hex, 16).ok()).and_then(char::from_u32) {
        Some(c) => (Some(c), 7),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_give_names_attributes_and_the_text_after_them() {
        let xml =
            r#"<?xml version="1.0"?><!-- made by hand --><x:row r="2"><x:c r='B2' t="s"><v>7</v></x:c><c/></x:row>"#;
        let tags: Vec<_> = tags(xml).collect();
        let names: Vec<_> = tags.iter().map(|t| (t.name, t.closing, t.empty)).collect();
        assert_eq!(
            names,
            [
                ("row", false, false),
                ("c", false, false),
                ("v", false, false),
                ("v", true, false),
                ("c", true, false),
                ("c", false, true),
                ("row", true, false)
            ]
        );
        assert_eq!(tags[0].attribute("r").as_deref(), Some("2"));
        assert_eq!(tags[1].attribute("r").as_deref(), Some("B2"));
        assert_eq!(tags[1].attribute("t").as_deref(), Some("s"));
        assert_eq!(tags[1].attribute("s"), None);
        assert_eq!(tags[2].text(), "7");
    }

    #[test]
    fn references_and_excel_escapes_are_resolved_and_strays_kept() {
        assert_eq!(unescape("a &amp; b &lt;c&gt; &#20013;&#x56FD; &quot;&apos;"), "a & b <c> 中国 \"'");
        assert_eq!(unescape("line_x000D_ break_x000A_"), "line\r break\n");
        assert_eq!(unescape("order_id & _x12_ &bogus;"), "order_id & _x12_ &bogus;");
        assert_eq!(unescape("ends with &"), "ends with &");
    }

    #[test]
    fn broken_xml_ends_the_tags_instead_of_panicking() {
        for xml in ["<", "<c r=\"", "<c r=\"A1\"", "<!--", "<c r=A1>", "<c r=\"A1>x", "a<b>c<"] {
            for tag in tags(xml) {
                let _ = (tag.attribute("r"), tag.text());
            }
        }
    }
}
