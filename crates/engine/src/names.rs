//! Names as exports write them. Sellers, ERPs and Excel disagree on case, spacing and
//! punctuation ("Yun Express", "YUNEXPRESS", "yun-express"; "United States", "united_states"),
//! so names are compared on their letters and digits alone, lower-cased.

/// The characters of `text` that identify a name.
pub fn name_key(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// Calls `f` with `text`'s key (as [`name_key`] gives it) written out, on the stack: this runs
/// for several cells of every row, and a key is short. A longer one is written to the heap.
pub fn with_key<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 96];
    let mut len = 0;
    // Exports write these cells in ASCII nearly always: byte by byte, without decoding characters.
    if text.len() <= buffer.len() && text.is_ascii() {
        for &b in text.as_bytes().iter().filter(|b| b.is_ascii_alphanumeric()) {
            buffer[len] = b.to_ascii_lowercase();
            len += 1;
        }
        return f(std::str::from_utf8(&buffer[..len]).expect("ASCII was written"));
    }
    for c in name_key(text) {
        let Some(room) = buffer.get_mut(len..len + c.len_utf8()) else {
            return f(&name_key(text).collect::<String>());
        };
        c.encode_utf8(room);
        len += c.len_utf8();
    }
    f(std::str::from_utf8(&buffer[..len]).expect("whole characters were written"))
}

/// Whether two names are the same name, without allocating (this runs once per order).
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a).eq(name_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spaces_and_punctuation_do_not_matter_but_letters_do() {
        assert!(same_name("Yun Express", "YUNEXPRESS"));
        assert!(same_name("yun-express", "YunExpress"));
        assert!(same_name("云途", "云途"));
        assert!(!same_name("4PX", "4PX Express"));
        assert_eq!(name_key("Awaiting_Shipment").collect::<String>(), "awaitingshipment");
    }

    #[test]
    fn a_key_written_on_the_stack_is_the_key_however_long_the_name() {
        assert_eq!(with_key("Fulfillment by TikTok Shop", str::to_owned), "fulfillmentbytiktokshop");
        assert_eq!(with_key("待发货", str::to_owned), "待发货");
        let long = "Ab-".repeat(100);
        assert_eq!(with_key(&long, str::to_owned), "ab".repeat(100));
    }
}
