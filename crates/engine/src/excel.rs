//! What Excel does to exports on the way through, recognised so it can be explained.

/// `1.23457E+17`, `9.4001E+21`: what Excel shows for a long number it took for a quantity. The
/// digits after the sixth are gone, so the value cannot be recovered.
pub fn is_scientific_notation(text: &str) -> bool {
    // Found from its `+`, which order IDs and tracking numbers do not have: every one is
    // checked, and memchr passes over one many bytes at a time, where a search for `E` or `e`
    // went a byte at a time.
    let Some(plus) = memchr::memchr(b'+', text.as_bytes()) else { return false };
    let Some(mantissa) = text[..plus].strip_suffix(['E', 'e']) else { return false };
    let exponent = &text[plus + 1..];
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction) && digits(exponent)
}

/// How to get the digits back: the same advice wherever Excel mangled a number.
pub const SCIENTIFIC_NOTATION_ADVICE: &str = "Excel rounded this long number into scientific notation and the \
     digits are lost. Export again from Seller Center and open the file in a text editor or import it here \
     directly, or format the column as Text in Excel before saving";

/// [`SCIENTIFIC_NOTATION_ADVICE`] in Chinese.
pub const SCIENTIFIC_NOTATION_ADVICE_ZH: &str =
    "Excel 把这个长数字转成了科学计数法，后面的数字已经丢失。请从卖家中心重新导出，\
     用文本编辑器打开或直接导入本页；或在 Excel 中先把该列设为“文本”格式再保存";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_exponents_are_recognised_and_ordinary_values_are_not() {
        for text in ["1.23457E+17", "9.40011e+21", "5E+17"] {
            assert!(is_scientific_notation(text), "{text}");
        }
        let ordinary = ["576461413038785001", "1E7", "1.2E-3", "EE123456785CN", "1ZE99", "E+17", "1.E+17"];
        let almost = ["1E+17+3", "+17", "1e+", "1.5E+1.7", "1E+-7"];
        for text in ordinary.into_iter().chain(almost) {
            assert!(!is_scientific_notation(text), "{text}");
        }
    }
}
