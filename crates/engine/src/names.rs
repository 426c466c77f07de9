//! Names as exports write them. Sellers, ERPs and Excel disagree on case, spacing and
//! punctuation ("Yun Express", "YUNEXPRESS", "yun-express"; "United States", "united_states"),
//! so names are compared on their letters and digits alone, lower-cased.

/// The characters of `text` that identify a name.
pub fn name_key(text: &str) -> impl Iterator<Item = char> + Clone + '_ {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
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
}
