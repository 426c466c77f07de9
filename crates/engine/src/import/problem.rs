//! What can go wrong reading orders, as precise values: a [`RowProblem`] costs one row, an
//! [`ImportError`] the whole file. Each says what happened and what to do in the two languages
//! the page speaks, so the import summary, the rows-not-used download and a failed check read
//! in the seller's language; the English text is also what the CLI's JSON reports.

use std::fmt;

use super::rows::{MAX_ROW_BYTES, MAX_ROW_CELLS};
use super::{Column, MAX_CELL_BYTES};
use crate::excel::{SCIENTIFIC_NOTATION_ADVICE, SCIENTIFIC_NOTATION_ADVICE_ZH};
use crate::excerpt::{self, quoted};
use crate::timestamp::{DateOrder, TimestampError, FIRST_YEAR, LAST_YEAR};

/// Why one row did not become part of an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// Seller Center's row of column descriptions under the header.
    DescriptionRow,
    NoOrderId,
    /// An Order ID with control characters (a NUL, an escape): no ID Seller Center writes.
    OrderIdNotPrintable(String),
    /// An Order ID Excel turned into scientific notation: its digits are gone.
    RoundedOrderId(String),
    /// A cell whose bytes are not UTF-8 (after the file's own decoding).
    NotText(Column),
    /// A time that is no date and time; `read_as` is set when it is slashed, since the column's
    /// date order may be why.
    NotATime {
        column: Column,
        error: TimestampError,
        read_as: Option<DateOrder>,
    },
    UnknownStatus(String),
    /// A count (Quantity, a handling time in days) that is no whole number.
    NotANumber {
        column: Column,
        text: String,
    },
    /// A JSON element that is not an object.
    NotAnOrderObject,
    /// A JSON element that does not parse; the parser's own message.
    NotJson(String),
    /// Longer than [`MAX_ROW_BYTES`] or wider than [`MAX_ROW_CELLS`]: passed over unread.
    Oversized,
    /// A cell longer than [`MAX_CELL_BYTES`].
    CellTooLong,
    /// A quote opened on the row's line is never closed: the rest of the file, to `last_line`,
    /// was read into the row.
    UnclosedQuote {
        last_line: u64,
    },
}

impl RowProblem {
    pub fn english(&self) -> String {
        match self {
            RowProblem::DescriptionRow => "Seller Center's row of column descriptions, not an order".to_owned(),
            RowProblem::NoOrderId => "no Order ID".to_owned(),
            RowProblem::OrderIdNotPrintable(id) => {
                format!("Order ID {} holds control characters: no order ID does", quoted(id))
            }
            RowProblem::RoundedOrderId(id) => format!("Order ID {id}: {SCIENTIFIC_NOTATION_ADVICE}"),
            RowProblem::NotText(column) => format!("{} is not UTF-8 text", column.header()),
            RowProblem::NotATime { column, error, read_as } => {
                let note = read_as.map(|o| format!(" (this column's dates are read as {})", o.pattern()));
                format!("{}: {error}{}", column.header(), note.unwrap_or_default())
            }
            RowProblem::UnknownStatus(text) => format!("Order Status: unknown status {}", quoted(text)),
            RowProblem::NotANumber { column, text } => {
                format!("{}: {} is not a whole number", column.header(), quoted(text))
            }
            RowProblem::NotAnOrderObject => "not an order object".to_owned(),
            RowProblem::NotJson(message) => format!("not valid JSON: {message}"),
            RowProblem::Oversized => format!(
                "longer than {} MiB or wider than {MAX_ROW_CELLS} cells: passed over unread",
                MAX_ROW_BYTES >> 20
            ),
            RowProblem::CellTooLong => format!("a cell holds more than {} MiB of text", MAX_CELL_BYTES >> 20),
            RowProblem::UnclosedQuote { last_line } => format!(
                "a quote opened on this line is never closed, so every line to the end of the file (line \
                 {last_line}) was read as this row: close the quote and import again"
            ),
        }
    }

    pub fn chinese(&self) -> String {
        match self {
            RowProblem::DescriptionRow => "卖家中心的列说明行，不是订单".to_owned(),
            RowProblem::NoOrderId => "没有订单ID".to_owned(),
            RowProblem::OrderIdNotPrintable(id) => format!("订单 ID {} 含有控制字符：订单 ID 不会含有", quoted(id)),
            RowProblem::RoundedOrderId(id) => format!("订单 ID {id}：{SCIENTIFIC_NOTATION_ADVICE_ZH}"),
            RowProblem::NotText(column) => format!("{} 不是 UTF-8 文本", column.header_zh()),
            RowProblem::NotATime { column, error, read_as } => {
                let note = read_as.map(|o| format!("（此列日期按 {} 读取）", o.pattern()));
                let text = quoted(&error.text);
                let what = if error.out_of_range {
                    format!("{text} 不在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间")
                } else {
                    format!(
                        "{text} 不是日期时间（应为 YYYY-MM-DD HH:MM:SS、带时间的 MM/DD/YYYY 或 DD/MM/YYYY、\
                         带时区偏移的 ISO 8601，或 Unix 秒）"
                    )
                };
                format!("{}：{what}{}", column.header_zh(), note.unwrap_or_default())
            }
            RowProblem::UnknownStatus(text) => format!("订单状态：无法识别的状态 {}", quoted(text)),
            RowProblem::NotANumber { column, text } => format!("{}：{} 不是整数", column.header_zh(), quoted(text)),
            RowProblem::NotAnOrderObject => "不是订单对象".to_owned(),
            RowProblem::NotJson(message) => format!("不是有效的 JSON：{message}"),
            RowProblem::Oversized => {
                format!("超过 {} MiB 或超过 {MAX_ROW_CELLS} 个单元格：未读取，已跳过", MAX_ROW_BYTES >> 20)
            }
            RowProblem::CellTooLong => format!("有单元格超过 {} MiB", MAX_CELL_BYTES >> 20),
            RowProblem::UnclosedQuote { last_line } => {
                format!("此行的引号没有闭合，文件余下各行（至第 {last_line} 行）都被读进了这一行：请补上引号后重新导入")
            }
        }
    }
}

/// Something said of a row that became part of an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Remark {
    /// A Quantity that is no whole number: the row's SKU line is left out, the order kept.
    QuantityNotRead(String),
    /// The row says otherwise of its order than the order's earlier rows; theirs stands.
    Contradicts { column: Column, kept: String, new: String },
}

impl Remark {
    pub fn english(&self) -> String {
        match self {
            Remark::QuantityNotRead(text) => format!(
                "Quantity {} is not a whole number: this SKU line is left out of the order's items; the \
                 order is kept",
                quoted(text)
            ),
            Remark::Contradicts { column, kept, new } => format!(
                "{} {} differs from the order's earlier rows ({}): theirs is used",
                column.header(),
                quoted(new),
                quoted(kept)
            ),
        }
    }

    pub fn chinese(&self) -> String {
        match self {
            Remark::QuantityNotRead(text) => {
                format!("数量 {} 不是整数：此 SKU 行未计入订单商品，订单保留", quoted(text))
            }
            Remark::Contradicts { column, kept, new } => format!(
                "{} {} 与该订单前面的行（{}）不一致：采用前面的行",
                column.header_zh(),
                quoted(new),
                quoted(kept)
            ),
        }
    }
}

/// A file that is not an order table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No header row: the input is empty or blank.
    Empty { file: Option<String> },
    /// The header lacks a column every order needs.
    MissingColumns { file: Option<String>, missing: Vec<Column>, found: Vec<String> },
    /// The bytes could not be read as delimited text, a workbook or JSON; the reader's message.
    Malformed { file: Option<String>, message: String },
    /// A file that is read whole (a workbook, JSON, UTF-16 or GB18030 text) is larger than the
    /// memory there is to hold it.
    TooLarge { file: Option<String>, bytes: u64 },
    /// Text whose header reads as UTF-16 without the byte-order mark that would say so: the
    /// encoding is the seller's to choose, not guessed.
    Utf16WithoutMark { file: Option<String>, big_endian: bool },
    /// JSON that is one number, string, boolean or null.
    JsonWithoutOrders { file: Option<String>, kind: JsonScalar },
}

/// What a JSON file of one value holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonScalar {
    Number,
    Text,
    Boolean,
    Null,
}

impl JsonScalar {
    fn english(self) -> &'static str {
        match self {
            JsonScalar::Number => "number",
            JsonScalar::Text => "string",
            JsonScalar::Boolean => "true or false",
            JsonScalar::Null => "null",
        }
    }

    fn chinese(self) -> &'static str {
        match self {
            JsonScalar::Number => "数字",
            JsonScalar::Text => "字符串",
            JsonScalar::Boolean => "布尔值",
            JsonScalar::Null => "null 值",
        }
    }
}

/// The most characters of a reader's own message an error repeats.
const MESSAGE_CHARS: usize = 300;

/// `text` cut to `most` characters, its control characters escaped.
fn cut(text: &str, most: usize) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| if c.is_control() { c.escape_debug().collect::<Vec<_>>() } else { vec![c] })
        .collect();
    match escaped.char_indices().nth(most) {
        Some((at, _)) => format!("{}…", &escaped[..at]),
        None => escaped,
    }
}

impl ImportError {
    /// The error in Chinese. A reader's own message (a damaged workbook, broken quoting) stays
    /// in English inside it: it names the exact fault for whoever repairs the file.
    pub fn chinese(&self) -> String {
        self.describe(true)
    }

    fn describe(&self, chinese: bool) -> String {
        let say = |english: &'static str, chinese_words: &'static str| if chinese { chinese_words } else { english };
        let (file, what) = match self {
            ImportError::Empty { file } => {
                (file, say("no header row: the input is empty", "没有表头行：内容为空").to_owned())
            }
            ImportError::MissingColumns { file, missing, found } => {
                let mut needs = Vec::new();
                if missing.contains(&Column::OrderId) {
                    needs.push(say("no Order ID column", "没有订单ID列"));
                }
                if missing.contains(&Column::CreatedTime) {
                    needs.push(say("no Created Time or Paid Time column", "没有创建时间或付款时间列"));
                }
                let more =
                    |n: usize| if chinese { format!("等（另有 {n} 列）") } else { format!(" and {n} more") };
                let found = excerpt::names(found, say(", ", "、"), more);
                let what = if chinese {
                    format!("表头{}（找到的列：{found}）", needs.join("，也"))
                } else {
                    format!("the header has {} (found: {found})", needs.join(" and "))
                };
                (file, what)
            }
            ImportError::Malformed { file, message } => {
                let message = cut(message, MESSAGE_CHARS);
                (file, if chinese { format!("无法按表格读取：{message}") } else { message })
            }
            ImportError::Utf16WithoutMark { file, big_endian } => {
                let encoding = if *big_endian { "UTF-16BE" } else { "UTF-16LE" };
                let what = if chinese {
                    format!("文件看起来是没有字节顺序标记的 {encoding} 文本：请把编码选为 {encoding} 后重新读取")
                } else {
                    format!(
                        "the file looks like {encoding} text without a byte-order mark: choose {encoding} as its \
                         encoding and read it again"
                    )
                };
                (file, what)
            }
            ImportError::JsonWithoutOrders { file, kind } => {
                let what = if chinese {
                    format!("这个 JSON 文件只是一个{}，里面没有订单", kind.chinese())
                } else {
                    format!("this JSON is a single {}, with no orders in it", kind.english())
                };
                (file, what)
            }
            ImportError::TooLarge { file, bytes } => {
                let megabytes = bytes / 1_000_000;
                let what = if chinese {
                    format!("文件太大（{megabytes} MB），无法整体读取：请另存为 UTF-8 编码的 CSV，CSV 会分段读取")
                } else {
                    format!(
                        "too large to read whole ({megabytes} MB): save it as CSV in UTF-8, which is read a \
                         slice at a time"
                    )
                };
                (file, what)
            }
        };
        match file {
            Some(file) => format!("{file}{}{what}", say(": ", "：")),
            None => what,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(false))
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_in_both_languages() {
        let problems = [
            RowProblem::DescriptionRow,
            RowProblem::NoOrderId,
            RowProblem::RoundedOrderId("5.76461E+17".into()),
            RowProblem::NotText(Column::TrackingId),
            RowProblem::NotATime {
                column: Column::PaidTime,
                error: TimestampError { text: "13/13/2024".into(), out_of_range: false },
                read_as: Some(DateOrder::DayFirst),
            },
            RowProblem::NotATime {
                column: Column::PaidTime,
                error: TimestampError { text: "0001-01-01 10:00".into(), out_of_range: true },
                read_as: None,
            },
            RowProblem::UnknownStatus("Teleported".into()),
            RowProblem::NotANumber { column: Column::Quantity, text: "x".into() },
            RowProblem::NotAnOrderObject,
            RowProblem::NotJson("EOF".into()),
        ];
        for problem in &problems {
            let (english, chinese) = (problem.english(), problem.chinese());
            assert!(english.is_ascii() && !chinese.is_ascii() && english != chinese, "{english} / {chinese}");
        }
        assert_eq!(
            problems[4].chinese(),
            "付款时间：\"13/13/2024\" 不是日期时间（应为 YYYY-MM-DD HH:MM:SS、带时间的 MM/DD/YYYY 或 DD/MM/YYYY、\
             带时区偏移的 ISO 8601，或 Unix 秒）（此列日期按 DD/MM/YYYY 读取）"
        );
        let missing = ImportError::MissingColumns {
            file: Some("a.csv".into()),
            missing: vec![Column::OrderId, Column::CreatedTime, Column::PaidTime],
            found: vec!["Bestellnummer".into(), "Versand".into()],
        };
        assert_eq!(
            missing.chinese(),
            "a.csv：表头没有订单ID列，也没有创建时间或付款时间列\
             （找到的列：Bestellnummer、Versand）"
        );
        assert_eq!(ImportError::Empty { file: None }.chinese(), "没有表头行：内容为空");
        let large = ImportError::TooLarge { file: Some("big.xlsx".into()), bytes: 3_000_000_000 };
        assert!(large.to_string().starts_with("big.xlsx: too large to read whole (3000 MB)"));
        assert!(large.chinese().contains("3000 MB"));
    }
}
