//! What Excel does to exports on the way through, recognised so it can be explained.

/// `1.23457E+17`, `9.4001E+21`: what Excel shows for a long number it took for a quantity. The
/// digits after the sixth are gone, so the value cannot be recovered.
pub fn is_scientific_notation(text: &str) -> bool {
    // Looked for as a byte: every order ID is checked, and a search for either of two `char`s
    // took longer than the rest of reading it.
    let Some(e) = text.bytes().position(|b| b == b'E' || b == b'e') else { return false };
    let (mantissa, exponent) = (&text[..e], &text[e + 1..]);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let Some(exponent) = exponent.strip_prefix('+') else { return false };
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
        for text in ["576461413038785001", "1E7", "1.2E-3", "EE123456785CN", "1ZE99", "E+17", "1.E+17"] {
            assert!(!is_scientific_notation(text), "{text}");
        }
    }
}
