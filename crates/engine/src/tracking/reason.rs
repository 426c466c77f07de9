//! Why a tracking number is wrong: the facts first, the words only when asked for, in the
//! language asked for. A number's report ([`super::TrackingCheck`]) gives the reason in English
//! and Chinese; an order's finding in the orders CSV gives it in English alone, and an export
//! can hold tens of thousands of such orders. Keeping the facts apart from the words also keeps
//! the sentences apart from the rules that decide a number is wrong.

use super::carriers::CarrierInfo;
use super::formats::{Format, FORMATS};
use super::{Owner, MAX_LENGTH, SHORTEST};

/// Why a number is invalid, or is not the named carrier's.
#[derive(Clone, Copy)]
pub struct Reason(pub(super) Fact);

#[derive(Clone, Copy)]
pub(super) enum Fact {
    /// The text cannot be a tracking number at all.
    NotANumber(Problem),
    /// The number fits `format`, but its check digit is `found` where `expected` belongs.
    CheckDigit { format: &'static Format, found: u8, expected: u8 },
    /// Its check digit fails for `format`, but no carrier was named and carriers whose numbers
    /// cannot be checked issue numbers of its length.
    MaybeUnchecked { format: &'static Format, length: usize },
    /// A valid number in `format`, issued by `owner`: not `named`'s.
    OtherCarrier { owner: Owner, format: &'static Format, named: &'static str },
    /// The number fits none of a strict carrier's formats.
    NotTheirs { carrier: &'static CarrierInfo, length: usize },
    /// The number fits none of the shapes a loose carrier's numbers usually take.
    NotUsual { carrier: &'static CarrierInfo, length: usize },
    /// No format describes the number, and it misses `format` by a character or two.
    Near { format: &'static Format, length: usize },
}

/// Why a text cannot be a tracking number at all.
#[derive(Clone, Copy)]
pub(super) enum Problem {
    Empty,
    Scientific,
    Character(char),
    TooLong,
    /// Fewer characters than any carrier's numbers have.
    TooShort(usize),
    /// Letters only.
    NoDigit,
}

impl Reason {
    pub fn english(self) -> String {
        match self.0 {
            Fact::NotANumber(problem) => problem.english(),
            Fact::CheckDigit { format, found, expected } => {
                let (name, found, expected) = (format.name, found as char, expected as char);
                format!("{name} check digit is {found}, expected {expected}: a digit is mistyped")
            }
            Fact::MaybeUnchecked { format, length } => format!(
                "not a valid {} number (its check digit fails), but other carriers issue {length}-digit numbers \
                 ShipCheck cannot check: name the carrier to judge it",
                format.name
            ),
            Fact::OtherCarrier { owner, format, named } => {
                format!("a {} number ({}), not {named}", owner.name(), format.name)
            }
            Fact::NotTheirs { carrier, length } => match closest_format(carrier, length) {
                Some(format) => {
                    let what = if fits_length(format, length) { "wrong pattern" } else { "wrong length" };
                    let (name, format_name, shape) = (carrier.name, format.name, format.describe());
                    format!("{what} for {name}: {format_name} is {shape}; this has {length} characters")
                }
                None => format!(
                    "not a {} number: its numbers are UPU S10 numbers ending in {} (2 letters, 8 digits, a check \
                     digit, the country)",
                    carrier.name,
                    carrier.s10_countries.join("/")
                ),
            },
            Fact::NotUsual { carrier, length } => {
                let shapes: Vec<String> = formats_of(carrier).map(Format::describe).collect();
                let name = carrier.name;
                format!(
                    "not the usual {name} pattern ({}); this has {length} characters. {name} publishes no format, so \
                     it is not counted as wrong: check it against the carrier's label",
                    shapes.join("; or ")
                )
            }
            Fact::Near { format, length } => format!(
                "no known format, but it starts like a {} number ({}: {}); this has {length} characters: a \
                 character may be missing or extra",
                format.carrier,
                format.name,
                format.describe()
            ),
        }
    }

    pub fn chinese(self) -> String {
        match self.0 {
            Fact::NotANumber(problem) => problem.chinese(),
            Fact::CheckDigit { format, found, expected } => {
                let (name, found, expected) = (format.name, found as char, expected as char);
                format!("{name} 校验位是 {found}，应为 {expected}：有数字输错了")
            }
            Fact::MaybeUnchecked { format, length } => format!(
                "不是有效的 {} 单号（校验位不符），但其他物流商也使用 {length} 位数字单号且无法校验：请指定物流商后再判断",
                format.name
            ),
            Fact::OtherCarrier { owner, format, named } => {
                format!("这是 {} 的单号（{}），不是 {named} 的", owner.name(), format.name)
            }
            Fact::NotTheirs { carrier, length } => match closest_format(carrier, length) {
                Some(format) => {
                    let what = if fits_length(format, length) { "格式不对" } else { "长度不对" };
                    let (name, format_name, shape) = (carrier.name, format.name, format.describe_zh());
                    format!("{what}，不是 {name} 的单号：{format_name} 为 {shape}；此单号有 {length} 位")
                }
                None => format!(
                    "不是 {} 的单号：其单号为以 {} 结尾的 UPU S10 单号（2 个字母、8 位数字、1 位校验码和国家代码）",
                    carrier.name,
                    carrier.s10_countries.join("/")
                ),
            },
            Fact::NotUsual { carrier, length } => {
                let shapes: Vec<String> = formats_of(carrier).map(Format::describe_zh).collect();
                let name = carrier.name;
                format!(
                    "不是 {name} 常见的单号格式（{}）；此单号有 {length} 位。{name} 未公布单号格式，因此不判为无效：请对照物流面单核对",
                    shapes.join("；或 ")
                )
            }
            Fact::Near { format, length } => format!(
                "不符合任何已知格式，但开头像 {} 的单号（{}：{}）；此单号有 {length} 位：可能少了或多了一位",
                format.carrier,
                format.name,
                format.describe_zh()
            ),
        }
    }
}

impl Problem {
    fn english(self) -> String {
        match self {
            Problem::Empty => "empty".to_owned(),
            Problem::Scientific => crate::excel::SCIENTIFIC_NOTATION_ADVICE.to_owned(),
            Problem::Character(c) => format!("contains {c:?}, which no tracking number has"),
            Problem::TooLong => format!("longer than {MAX_LENGTH} characters"),
            Problem::TooShort(n) => format!("not a tracking number: {n} characters, and they have {SHORTEST} or more"),
            Problem::NoDigit => "not a tracking number: it has no digit".to_owned(),
        }
    }

    fn chinese(self) -> String {
        match self {
            Problem::Empty => "为空".to_owned(),
            Problem::Scientific => crate::excel::SCIENTIFIC_NOTATION_ADVICE_ZH.to_owned(),
            Problem::Character(c) => format!("含有字符 {c:?}，物流单号中不会有"),
            Problem::TooLong => format!("超过 {MAX_LENGTH} 个字符"),
            Problem::TooShort(n) => format!("不是物流单号：只有 {n} 个字符，物流单号至少 {SHORTEST} 位"),
            Problem::NoDigit => "不是物流单号：没有数字".to_owned(),
        }
    }
}

fn formats_of(carrier: &CarrierInfo) -> impl Iterator<Item = &'static Format> + '_ {
    FORMATS.iter().filter(move |f| f.carrier == carrier.name)
}

fn fits_length(format: &Format, length: usize) -> bool {
    let (min, max) = format.lengths();
    (min..=max).contains(&length)
}

/// The carrier's format nearest the number's length: the one the seller most likely meant.
fn closest_format(carrier: &CarrierInfo, length: usize) -> Option<&'static Format> {
    formats_of(carrier).min_by_key(|f| {
        let (min, max) = f.lengths();
        if length < min {
            min - length
        } else {
            length.saturating_sub(max)
        }
    })
}
