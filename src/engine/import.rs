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

use super::order::{CancelledBy, Order, OrderStatus, PlatformDeadlines, SkuLine};
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
    MissingColumns { file: Option<String>, missing: Vec<Column>, found: Vec<String> },
    /// The bytes could not be read as delimited text.
    Malformed { file: Option<String>, message: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, what) = match self {
            ImportError::Empty { file } => (file, "no header row: the input is empty".to_owned()),
            ImportError::MissingColumns { file, missing, found } => {
                let mut needs = Vec::new();
                if missing.contains(&Column::OrderId) {
                    needs.push("no Order ID column");
                }
                if missing.contains(&Column::CreatedTime) {
                    needs.push("no Created Time or Paid Time column");
                }
                (file, format!("the header has {} (found: {})", needs.join(" and "), found.join(", ")))
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
    OrderStatus,
    CreatedTime,
    PaidTime,
    RtsTime,
    ShippedTime,
    CollectionTime,
    DeliveredTime,
    CancelledTime,
    CancelBy,
    TrackingId,
    ShippingProvider,
    Country,
    Warehouse,
    SellerSku,
    ProductName,
    Variation,
    Quantity,
    RtsSlaTime,
    TtsSlaTime,
    ShippingDueTime,
    CollectionDueTime,
    DeliveryDueTime,
    DeliverySlaTime,
}

impl Column {
    const ALL: [Column; 24] = [
        Column::OrderId,
        Column::OrderStatus,
        Column::CreatedTime,
        Column::PaidTime,
        Column::RtsTime,
        Column::ShippedTime,
        Column::CollectionTime,
        Column::DeliveredTime,
        Column::CancelledTime,
        Column::CancelBy,
        Column::TrackingId,
        Column::ShippingProvider,
        Column::Country,
        Column::Warehouse,
        Column::SellerSku,
        Column::ProductName,
        Column::Variation,
        Column::Quantity,
        Column::RtsSlaTime,
        Column::TtsSlaTime,
        Column::ShippingDueTime,
        Column::CollectionDueTime,
        Column::DeliveryDueTime,
        Column::DeliverySlaTime,
    ];

    /// Columns whose absence the import summary reports: the ones the rules lean on.
    const REPORTED_WHEN_MISSING: [Column; 6] = [
        Column::PaidTime,
        Column::ShippedTime,
        Column::TrackingId,
        Column::ShippingProvider,
        Column::OrderStatus,
        Column::DeliveredTime,
    ];

    /// The Seller Center export's English header (or, for the platform's deadlines, the Open
    /// API's field name).
    pub fn header(self) -> &'static str {
        self.names()[0]
    }

    /// Every header this column is recognised by: the Seller Center export's English header
    /// first, then the Open API's field name where it has one.
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::OrderId => &["Order ID", "order_id"],
            Column::OrderStatus => &["Order Status", "status"],
            Column::CreatedTime => &["Created Time", "create_time"],
            Column::PaidTime => &["Paid Time", "paid_time"],
            Column::RtsTime => &["RTS Time", "rts_time"],
            Column::ShippedTime => &["Shipped Time", "shipping_time"],
            Column::CollectionTime => &["Collection Time", "collection_time"],
            Column::DeliveredTime => &["Delivered Time", "delivery_time"],
            Column::CancelledTime => &["Cancelled Time", "cancel_time"],
            Column::CancelBy => &["Cancel By", "cancel_user"],
            Column::TrackingId => &["Tracking ID", "tracking_number"],
            Column::ShippingProvider => &["Shipping Provider Name", "shipping_provider"],
            Column::Country => &["Country", "region_code"],
            Column::Warehouse => &["Warehouse Name", "warehouse_name"],
            Column::SellerSku => &["Seller SKU", "seller_sku"],
            Column::ProductName => &["Product Name", "product_name"],
            Column::Variation => &["Variation", "sku_name"],
            Column::Quantity => &["Quantity", "quantity"],
            Column::RtsSlaTime => &["rts_sla_time"],
            Column::TtsSlaTime => &["tts_sla_time"],
            Column::ShippingDueTime => &["shipping_due_time"],
            Column::CollectionDueTime => &["collection_due_time"],
            Column::DeliveryDueTime => &["delivery_due_time"],
            Column::DeliverySlaTime => &["delivery_sla_time"],
        }
    }

    fn matches(self, header: &str) -> bool {
        let header = header.trim();
        self.names().iter().any(|name| header.eq_ignore_ascii_case(name))
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
        Importer { zone, import: Import::default(), index: HashMap::new(), columns_seen: Vec::new() }
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
                Some(Err(e)) => return Err(ImportError::Malformed { file: file_name(), message: e.to_string() }),
                Some(Ok(record)) if record.iter().all(|cell| cell.trim_ascii().is_empty()) => {}
                Some(Ok(record)) => {
                    break record.iter().map(|c| String::from_utf8_lossy(c).trim().to_owned()).collect::<Vec<_>>()
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
            return Err(ImportError::MissingColumns { file: file_name(), missing, found: header });
        }
        self.columns_seen.extend(Column::ALL.into_iter().filter(|c| columns.get(*c).is_some()));

        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => return Err(ImportError::Malformed { file: file_name(), message: e.to_string() }),
            };
            let line = record.position().map_or(0, |p| p.line());
            self.import.rows += 1;
            match self.read_row(&columns, &record) {
                Ok(row) => {
                    self.import.rows_used += 1;
                    self.add(row, line);
                }
                Err(reason) => self.import.skipped.push(SkippedRow { file: file_name(), line, reason }),
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Import {
        self.import.missing_columns =
            Column::REPORTED_WHEN_MISSING.into_iter().filter(|c| !self.columns_seen.contains(c)).collect();
        self.import
    }

    fn read_row(&self, columns: &ColumnMap, record: &csv::ByteRecord) -> Result<Order, String> {
        let cell = |column: Column| -> Result<Option<&str>, String> {
            let Some(bytes) = columns.get(column).and_then(|i| record.get(i)) else {
                return Ok(None);
            };
            let text = std::str::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", column.header()))?.trim();
            Ok((!text.is_empty()).then_some(text))
        };
        let text = |column: Column| -> Result<Option<String>, String> { Ok(cell(column)?.map(str::to_owned)) };
        let time = |column: Column| -> Result<Option<DateTime<Utc>>, String> {
            match cell(column)? {
                None => Ok(None),
                Some(text) => parse_timestamp(text, &self.zone).map_err(|e| format!("{}: {e}", column.header())),
            }
        };
        let order_id = cell(Column::OrderId)?.ok_or_else(|| "no Order ID".to_owned())?;
        let status = match cell(Column::OrderStatus)? {
            None => None,
            Some(text) => {
                Some(OrderStatus::parse(text).ok_or_else(|| format!("Order Status: unknown status {text:?}"))?)
            }
        };
        let quantity = match cell(Column::Quantity)? {
            None => 1,
            Some(text) => text.parse().map_err(|_| format!("Quantity: {text:?} is not a whole number"))?,
        };
        let sku = text(Column::SellerSku)?;
        let product = text(Column::ProductName)?;
        let line = (sku.is_some() || product.is_some()).then(|| SkuLine {
            sku: sku.unwrap_or_default(),
            product: product.unwrap_or_default(),
            variation: cell(Column::Variation).ok().flatten().unwrap_or_default().to_owned(),
            quantity,
        });
        Ok(Order {
            id: order_id.to_owned(),
            line: 0,
            status,
            created: time(Column::CreatedTime)?,
            paid: time(Column::PaidTime)?,
            rts: time(Column::RtsTime)?,
            shipped: time(Column::ShippedTime)?,
            collected: time(Column::CollectionTime)?,
            delivered: time(Column::DeliveredTime)?,
            cancelled: time(Column::CancelledTime)?,
            // A value outside the known parties is kept as unknown: it decides only whether a
            // cancellation is the seller's fault, and unknown is not counted as such.
            cancelled_by: cell(Column::CancelBy)?.and_then(CancelledBy::parse),
            tracking_id: text(Column::TrackingId)?,
            carrier: text(Column::ShippingProvider)?,
            country: text(Column::Country)?,
            warehouse: text(Column::Warehouse)?,
            lines: line.into_iter().collect(),
            platform: PlatformDeadlines {
                rts_sla: time(Column::RtsSlaTime)?,
                tts_sla: time(Column::TtsSlaTime)?,
                shipping_due: time(Column::ShippingDueTime)?,
                collection_due: time(Column::CollectionDueTime)?,
                delivery_due: time(Column::DeliveryDueTime)?,
                delivery_sla: time(Column::DeliverySlaTime)?,
            },
        })
    }

    /// Adds a row to its order; a later SKU line adds its line and fills what earlier lines
    /// left empty.
    fn add(&mut self, mut row: Order, line: u64) {
        let Some(&i) = self.index.get(&row.id) else {
            row.line = line;
            self.index.insert(row.id.clone(), self.import.orders.len());
            self.import.orders.push(row);
            return;
        };
        let order = &mut self.import.orders[i];
        fn fill<T>(kept: &mut Option<T>, new: Option<T>) {
            if kept.is_none() {
                *kept = new;
            }
        }
        fill(&mut order.status, row.status);
        fill(&mut order.created, row.created);
        fill(&mut order.paid, row.paid);
        fill(&mut order.rts, row.rts);
        fill(&mut order.shipped, row.shipped);
        fill(&mut order.collected, row.collected);
        fill(&mut order.delivered, row.delivered);
        fill(&mut order.cancelled, row.cancelled);
        fill(&mut order.cancelled_by, row.cancelled_by);
        fill(&mut order.tracking_id, row.tracking_id);
        fill(&mut order.carrier, row.carrier);
        fill(&mut order.country, row.country);
        fill(&mut order.warehouse, row.warehouse);
        let (kept, new) = (&mut order.platform, row.platform);
        fill(&mut kept.rts_sla, new.rts_sla);
        fill(&mut kept.tts_sla, new.tts_sla);
        fill(&mut kept.shipping_due, new.shipping_due);
        fill(&mut kept.collection_due, new.collection_due);
        fill(&mut kept.delivery_due, new.delivery_due);
        fill(&mut kept.delivery_sla, new.delivery_sla);
        order.lines.append(&mut row.lines);
    }
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
    let header = bytes.split(|&b| b == b'\n').find(|line| !line.trim_ascii().is_empty());
    let header = header.unwrap_or_default();
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    [b',', b'\t', b';'].into_iter().max_by_key(|&d| count(d)).filter(|&d| count(d) > 0).unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name\n";

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
        assert_eq!(got.missing_columns, vec![Column::OrderStatus, Column::DeliveredTime]);
    }

    #[test]
    fn unusable_rows_are_reported_with_their_line_and_reason() {
        let got = import(
            ",2024-11-12 09:00:00,,,,\n\
             C3,yesterday,,,,\n\
             D4,2024-11-12 09:00:00,,,,\n",
        );
        assert_eq!((got.rows, got.rows_used), (3, 1));
        assert_eq!(got.skipped[0], SkippedRow { file: None, line: 2, reason: "no Order ID".into() });
        assert_eq!(got.skipped[1].line, 3);
        assert!(got.skipped[1].reason.starts_with("Created Time: \"yesterday\" is not a date"));
    }

    #[test]
    fn line_numbers_count_lines_inside_quoted_cells() {
        let got = import("E5,\"2024-11-12\n09:00:00\",,,,\nF6,bad,,,,\n");
        assert_eq!(got.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn tabs_bom_and_padding_are_tolerated() {
        let text = "\u{feff}Order ID\tCreated Time\t\n 576461413\t\t2024-11-12 09:00:00\t\t\n";
        let got = import_orders(text.as_bytes(), Zone::SHANGHAI).unwrap();
        assert_eq!(got.orders.len(), 1);
        assert_eq!(got.orders[0].id, "576461413");
        assert_eq!(got.missing_columns, Column::REPORTED_WHEN_MISSING.to_vec());
    }

    #[test]
    fn a_file_without_the_needed_columns_is_an_error_naming_them() {
        let err = import_orders(b"Order,When\n1,2\n", Zone::SHANGHAI).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumns { .. }));
        assert!(err.to_string().contains("Order ID"), "{err}");
        assert_eq!(import_orders(b"\n \n", Zone::SHANGHAI).unwrap_err(), ImportError::Empty { file: None });
    }

    #[test]
    fn non_utf8_cells_cost_one_row() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"G7,2024-11-12 09:00:00,,,\xff\xfe,\nH8,2024-11-12 09:00:00,,,,\n");
        let got = import_orders(&bytes, Zone::SHANGHAI).unwrap();
        assert_eq!((got.rows, got.rows_used), (2, 1));
        assert_eq!(got.skipped[0].reason, "Tracking ID is not UTF-8 text");
    }

    #[test]
    fn sku_lines_statuses_and_platform_deadlines_are_kept() {
        let text =
            "Order ID,Order Status,Seller SKU,Product Name,Variation,Quantity,Paid Time,Cancel By,tts_sla_time\n\
                    A1,Awaiting shipment,MUG,Mug,Blue,2,2024-11-12 09:00:00,,1731546000\n\
                    A1,Awaiting shipment,CUP,Cup,,1,2024-11-12 09:00:00,,\n\
                    B2,Cancelled,PEN,Pen,,x,2024-11-12 09:00:00,System,\n\
                    C3,Teleported,PEN,Pen,,1,2024-11-12 09:00:00,,\n";
        let got = import_orders(text.as_bytes(), Zone::SHANGHAI).unwrap();
        let a1 = &got.orders[0];
        assert_eq!(a1.status, Some(OrderStatus::AwaitingShipment));
        assert_eq!(a1.lines.len(), 2);
        assert_eq!(
            (a1.lines[0].sku.as_str(), a1.lines[0].variation.as_str(), a1.lines[0].quantity),
            ("MUG", "Blue", 2)
        );
        assert_eq!(a1.platform.tts_sla.map(|t| t.timestamp()), Some(1_731_546_000));
        assert_eq!(got.skipped.len(), 2);
        assert_eq!(got.skipped[0].reason, "Quantity: \"x\" is not a whole number");
        assert_eq!(got.skipped[1].reason, "Order Status: unknown status \"Teleported\"");
    }

    #[test]
    fn files_are_merged_and_skipped_rows_name_their_file() {
        let mut importer = Importer::new(Zone::SHANGHAI);
        importer.read(Some("a.csv"), format!("{HEADER}A1,2024-11-12 09:00:00,,,,\n").as_bytes()).unwrap();
        importer.read(Some("b.csv"), format!("{HEADER}A1,,,2024-11-13 09:00:00,,\nB2,,,,,\n").as_bytes()).unwrap();
        let got = importer.finish();
        assert_eq!(got.orders.len(), 2);
        assert!(got.orders[0].shipped.is_some());
        assert_eq!(got.skipped, vec![]);
        assert_eq!(got.rows, 3);
    }
}
