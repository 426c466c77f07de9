//! Import: export bytes in, orders out, with an account of every row.
//!
//! Seller Center exports one row per SKU line, so rows are grouped into orders by Order ID. A row
//! that cannot be used is never dropped quietly: it is kept as a [`SkippedRow`] with its 1-based
//! line number and the reason, so `rows == rows_used + skipped.len()` always holds and a seller
//! can find the line in the file. Only a file that cannot be read as an order table at all (no
//! header, no Order ID column) is an [`ImportError`].
//!
//! Input is bytes, not a string: the browser hands files over as bytes, and cells are decoded one
//! at a time so that one bad cell costs one row, not the file.

use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::order::Order;
use super::timestamp::parse_timestamp;
use super::zone::Zone;

/// What an import produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// In the order their first row appeared.
    pub orders: Vec<Order>,
    /// Data rows read, header excluded.
    pub rows: u64,
    /// Rows that became part of an order.
    pub rows_used: u64,
    pub skipped: Vec<SkippedRow>,
    /// Optional columns no file had; the seller is told what that means.
    pub missing_columns: Vec<Column>,
}

/// A row that did not become part of an order, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    /// The file the row came from, when several were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line number in the file (a quoted cell with line breaks spans several lines;
    /// this is the first).
    pub line: u64,
    pub reason: String,
}

/// A file that is not an order table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// No header row: the input is empty or blank.
    Empty { file: Option<String> },
    /// The header lacks a column every order needs.
    MissingColumns {
        file: Option<String>,
        missing: Vec<Column>,
        found: Vec<String>,
    },
    /// The bytes could not be read as delimited text.
    Malformed {
        file: Option<String>,
        message: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, what) = match self {
            ImportError::Empty { file } => (file, "no header row: the input is empty".to_owned()),
            ImportError::MissingColumns {
                file,
                missing,
                found,
            } => {
                let mut needs = Vec::new();
                if missing.contains(&Column::OrderId) {
                    needs.push("no Order ID column");
                }
                if missing.contains(&Column::CreatedTime) {
                    needs.push("no Created Time or Paid Time column");
                }
                (
                    file,
                    format!(
                        "the header has {} (found: {})",
                        needs.join(" and "),
                        found.join(", ")
                    ),
                )
            }
            ImportError::Malformed { file, message } => (file, message.clone()),
        };
        match file {
            Some(file) => write!(f, "{file}: {what}"),
            None => f.write_str(&what),
        }
    }
}

impl std::error::Error for ImportError {}

/// The export columns the rules read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    OrderId,
    CreatedTime,
    PaidTime,
    ShippedTime,
    TrackingId,
    ShippingProvider,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::OrderId,
        Column::CreatedTime,
        Column::PaidTime,
        Column::ShippedTime,
        Column::TrackingId,
        Column::ShippingProvider,
    ];

    /// The Seller Center export's English header.
    pub fn header(self) -> &'static str {
        match self {
            Column::OrderId => "Order ID",
            Column::CreatedTime => "Created Time",
            Column::PaidTime => "Paid Time",
            Column::ShippedTime => "Shipped Time",
            Column::TrackingId => "Tracking ID",
            Column::ShippingProvider => "Shipping Provider Name",
        }
    }

    fn matches(self, header: &str) -> bool {
        header.trim().eq_ignore_ascii_case(self.header())
    }
}

/// Where each column sits in one file's header.
struct ColumnMap([Option<usize>; Column::ALL.len()]);

impl ColumnMap {
    fn from_header(header: &[String]) -> ColumnMap {
        ColumnMap(Column::ALL.map(|column| header.iter().position(|h| column.matches(h))))
    }

    fn get(&self, column: Column) -> Option<usize> {
        self.0[column as usize]
    }
}

/// Reads one or more exports into one set of orders. Rows of the same Order ID are merged
/// across files, as they are within one file.
pub struct Importer {
    zone: Zone,
    import: Import,
    index: HashMap<String, usize>,
    columns_seen: Vec<Column>,
}

impl Importer {
    pub fn new(zone: Zone) -> Importer {
        Importer {
            zone,
            import: Import::default(),
            index: HashMap::new(),
            columns_seen: Vec::new(),
        }
    }

    /// Reads one file. `file` names it in skipped rows and errors; `None` for pasted text.
    pub fn read(&mut self, file: Option<&str>, bytes: &[u8]) -> Result<(), ImportError> {
        let file_name = || file.map(str::to_owned);
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(detect_delimiter(bytes))
            .from_reader(bytes);
        let mut records = reader.byte_records();

        let header = loop {
            match records.next() {
                None => return Err(ImportError::Empty { file: file_name() }),
                Some(Err(e)) => {
                    return Err(ImportError::Malformed {
                        file: file_name(),
                        message: e.to_string(),
                    })
                }
                Some(Ok(record)) if record.iter().all(|cell| cell.trim_ascii().is_empty()) => {}
                Some(Ok(record)) => {
                    break record
                        .iter()
                        .map(|c| String::from_utf8_lossy(c).trim().to_owned())
                        .collect::<Vec<_>>()
                }
            }
        };
        let columns = ColumnMap::from_header(&header);
        let mut missing = Vec::new();
        if columns.get(Column::OrderId).is_none() {
            missing.push(Column::OrderId);
        }
        if columns.get(Column::CreatedTime).is_none() && columns.get(Column::PaidTime).is_none() {
            missing.extend([Column::CreatedTime, Column::PaidTime]);
        }
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns {
                file: file_name(),
                missing,
                found: header,
            });
        }
        self.columns_seen.extend(
            Column::ALL
                .into_iter()
                .filter(|c| columns.get(*c).is_some()),
        );

        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    return Err(ImportError::Malformed {
                        file: file_name(),
                        message: e.to_string(),
                    })
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            self.import.rows += 1;
            match self.read_row(&columns, &record) {
                Ok(row) => {
                    self.import.rows_used += 1;
                    self.add(row, line);
                }
                Err(reason) => self.import.skipped.push(SkippedRow {
                    file: file_name(),
                    line,
                    reason,
                }),
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Import {
        self.import.missing_columns = Column::ALL
            .into_iter()
            .filter(|c| !self.columns_seen.contains(c))
            .collect();
        self.import
    }

    fn read_row(&self, columns: &ColumnMap, record: &csv::ByteRecord) -> Result<Row, String> {
        let cell = |column: Column| -> Result<Option<&str>, String> {
            let Some(bytes) = columns.get(column).and_then(|i| record.get(i)) else {
                return Ok(None);
            };
            let text = std::str::from_utf8(bytes)
                .map_err(|_| format!("{} is not UTF-8 text", column.header()))?
                .trim();
            Ok((!text.is_empty()).then_some(text))
        };
        let time = |column: Column| -> Result<Option<DateTime<Utc>>, String> {
            match cell(column)? {
                None => Ok(None),
                Some(text) => parse_timestamp(text, &self.zone)
                    .map_err(|e| format!("{}: {e}", column.header())),
            }
        };
        let order_id = cell(Column::OrderId)?.ok_or_else(|| "no Order ID".to_owned())?;
        Ok(Row {
            order_id: order_id.to_owned(),
            created: time(Column::CreatedTime)?,
            paid: time(Column::PaidTime)?,
            shipped: time(Column::ShippedTime)?,
            tracking_id: cell(Column::TrackingId)?.map(str::to_owned),
            carrier: cell(Column::ShippingProvider)?.map(str::to_owned),
        })
    }

    /// Adds a row to its order; a later SKU line fills what earlier lines left empty.
    fn add(&mut self, row: Row, line: u64) {
        if let Some(&i) = self.index.get(&row.order_id) {
            let order = &mut self.import.orders[i];
            order.created = order.created.or(row.created);
            order.paid = order.paid.or(row.paid);
            order.shipped = order.shipped.or(row.shipped);
            order.tracking_id = order.tracking_id.take().or(row.tracking_id);
            order.carrier = order.carrier.take().or(row.carrier);
            return;
        }
        self.index
            .insert(row.order_id.clone(), self.import.orders.len());
        self.import.orders.push(Order {
            id: row.order_id,
            line,
            created: row.created,
            paid: row.paid,
            shipped: row.shipped,
            tracking_id: row.tracking_id,
            carrier: row.carrier,
        });
    }
}

/// One usable row, before it is merged into its order.
struct Row {
    order_id: String,
    created: Option<DateTime<Utc>>,
    paid: Option<DateTime<Utc>>,
    shipped: Option<DateTime<Utc>>,
    tracking_id: Option<String>,
    carrier: Option<String>,
}

/// Reads a single export, e.g. pasted text.
pub fn import_orders(bytes: &[u8], zone: Zone) -> Result<Import, ImportError> {
    let mut importer = Importer::new(zone);
    importer.read(None, bytes)?;
    Ok(importer.finish())
}

/// Picks the delimiter from the header line: pasted spreadsheet cells arrive tab-separated,
/// European CSV uses semicolons, everything else commas.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes
        .split(|&b| b == b'\n')
        .find(|line| !line.trim_ascii().is_empty());
    let header = header.unwrap_or_default();
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&d| count(d))
        .filter(|&d| count(d) > 0)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name\n";

    fn import(body: &str) -> Import {
        import_orders(format!("{HEADER}{body}").as_bytes(), Zone::SHANGHAI).unwrap()
    }

    #[test]
    fn sku_lines_are_grouped_into_one_order_and_each_row_counted() {
        let got = import(
            "A1,2024-11-12 09:00:00,2024-11-12 09:05:00,,,\n\
             A1,2024-11-12 09:00:00,2024-11-12 09:05:00,2024-11-13 10:00:00,YT123,YunExpress\n\
             B2,2024-11-12 10:00:00,,,,\n",
        );
        assert_eq!((got.rows, got.rows_used, got.orders.len()), (3, 3, 2));
        let a1 = &got.orders[0];
        assert_eq!((a1.id.as_str(), a1.line), ("A1", 2));
        assert!(a1.shipped.is_some());
        assert_eq!(a1.tracking_id.as_deref(), Some("YT123"));
        assert_eq!(got.orders[1].paid, None);
        assert!(got.skipped.is_empty());
        assert!(got.missing_columns.is_empty());
    }

    #[test]
    fn unusable_rows_are_reported_with_their_line_and_reason() {
        let got = import(
            ",2024-11-12 09:00:00,,,,\n\
             C3,yesterday,,,,\n\
             D4,2024-11-12 09:00:00,,,,\n",
        );
        assert_eq!((got.rows, got.rows_used), (3, 1));
        assert_eq!(
            got.skipped[0],
            SkippedRow {
                file: None,
                line: 2,
                reason: "no Order ID".into()
            }
        );
        assert_eq!(got.skipped[1].line, 3);
        assert!(got.skipped[1]
            .reason
            .starts_with("Created Time: \"yesterday\" is not a date"));
    }

    #[test]
    fn line_numbers_count_lines_inside_quoted_cells() {
        let got = import("E5,\"2024-11-12\n09:00:00\",,,,\nF6,bad,,,,\n");
        assert_eq!(
            got.skipped.iter().map(|s| s.line).collect::<Vec<_>>(),
            vec![2, 4]
        );
    }

    #[test]
    fn tabs_bom_and_padding_are_tolerated() {
        let text = "\u{feff}Order ID\tCreated Time\t\n 576461413\t\t2024-11-12 09:00:00\t\t\n";
        let got = import_orders(text.as_bytes(), Zone::SHANGHAI).unwrap();
        assert_eq!(got.orders.len(), 1);
        assert_eq!(got.orders[0].id, "576461413");
        assert_eq!(
            got.missing_columns,
            vec![
                Column::PaidTime,
                Column::ShippedTime,
                Column::TrackingId,
                Column::ShippingProvider
            ]
        );
    }

    #[test]
    fn a_file_without_the_needed_columns_is_an_error_naming_them() {
        let err = import_orders(b"Order,When\n1,2\n", Zone::SHANGHAI).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumns { .. }));
        assert!(err.to_string().contains("Order ID"), "{err}");
        assert_eq!(
            import_orders(b"\n \n", Zone::SHANGHAI).unwrap_err(),
            ImportError::Empty { file: None }
        );
    }

    #[test]
    fn non_utf8_cells_cost_one_row() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes
            .extend_from_slice(b"G7,2024-11-12 09:00:00,,,\xff\xfe,\nH8,2024-11-12 09:00:00,,,,\n");
        let got = import_orders(&bytes, Zone::SHANGHAI).unwrap();
        assert_eq!((got.rows, got.rows_used), (2, 1));
        assert_eq!(got.skipped[0].reason, "Tracking ID is not UTF-8 text");
    }

    #[test]
    fn files_are_merged_and_skipped_rows_name_their_file() {
        let mut importer = Importer::new(Zone::SHANGHAI);
        importer
            .read(
                Some("a.csv"),
                format!("{HEADER}A1,2024-11-12 09:00:00,,,,\n").as_bytes(),
            )
            .unwrap();
        importer
            .read(
                Some("b.csv"),
                format!("{HEADER}A1,,,2024-11-13 09:00:00,,\nB2,,,,,\n").as_bytes(),
            )
            .unwrap();
        let got = importer.finish();
        assert_eq!(got.orders.len(), 2);
        assert!(got.orders[0].shipped.is_some());
        assert_eq!(got.skipped, vec![]);
        assert_eq!(got.rows, 3);
    }
}
