//! A cell's text as a message quotes it: a message names the value it is about, but a cell may
//! hold a megabyte, or bytes a terminal would obey. So a value is quoted with its control
//! characters escaped and cut to [`EXCERPT_CHARS`], saying how long it was; a list of names is
//! cut to [`EXCERPT_NAMES`]. Every message the importer writes stays a few hundred characters.

/// The most characters of a value a message quotes.
pub const EXCERPT_CHARS: usize = 60;
/// The most names (a header's) a message lists.
pub const EXCERPT_NAMES: usize = 20;

/// `text` quoted, its control characters escaped, cut to [`EXCERPT_CHARS`] characters.
pub fn quoted(text: &str) -> String {
    let total = text.chars().count();
    if total <= EXCERPT_CHARS {
        return format!("{text:?}");
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{cut:?}… ({total} characters)")
}

/// `name` as it is, or quoted (escaped and cut) if it needs escaping or cutting: a name a file
/// gave, such as a header or a shop, written where people read it.
pub fn name(name: &str) -> std::borrow::Cow<'_, str> {
    let plain = name.chars().count() <= EXCERPT_CHARS && !name.chars().any(char::is_control);
    if plain {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(quoted(name))
    }
}

/// `names`, each as [`name`] writes it, joined by `separator`; at most [`EXCERPT_NAMES`], then
/// how many more there are.
pub fn names(names: &[String], separator: &str, more: impl Fn(usize) -> String) -> String {
    let shown = names.iter().take(EXCERPT_NAMES).map(|one| name(one).into_owned());
    let mut list = shown.collect::<Vec<_>>().join(separator);
    if names.len() > EXCERPT_NAMES {
        list.push_str(&more(names.len() - EXCERPT_NAMES));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_value_is_quoted_whole_and_its_control_characters_escaped() {
        assert_eq!(quoted("Shipped"), "\"Shipped\"");
        assert_eq!(quoted("\u{1b}[31mred\u{0}"), "\"\\u{1b}[31mred\\0\"");
    }

    #[test]
    fn a_long_value_is_cut_and_says_how_long_it_was() {
        let long = "9".repeat(10_000);
        let shown = quoted(&long);
        assert_eq!(shown, format!("\"{}\"… (10000 characters)", "9".repeat(EXCERPT_CHARS)));
        assert_eq!(quoted(&"订".repeat(EXCERPT_CHARS)).chars().count(), EXCERPT_CHARS + 2);
    }

    #[test]
    fn a_list_of_names_stops_at_its_limit_and_counts_the_rest() {
        let header: Vec<String> = (0..EXCERPT_NAMES + 5).map(|i| format!("C{i}")).collect();
        let more = |n: usize| format!(" and {n} more");
        assert!(names(&header, ", ", more)
            .ends_with(&format!("C{}, and 5 more", EXCERPT_NAMES - 1).replace(", and", " and")));
        assert_eq!(names(&["Order\u{0}ID".to_owned()], ", ", more), "\"Order\\0ID\"");
        assert_eq!(names(&["A".to_owned(), "B".to_owned()], "、", more), "A、B");
    }
}
