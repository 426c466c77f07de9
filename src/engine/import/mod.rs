//! Import: export bytes in, orders out, with an account of every row.
//!
//! Seller Center exports one row per SKU line, so rows are grouped into orders by Order ID. Its
//! headers are English whatever the seller's language, with a row of column descriptions under
//! them (as the WorldFirst guide on amz123.com, "如何下载TikTok US Shop的交易记录", shows). A row
//! that cannot be used is never dropped quietly: it is kept as a [`SkippedRow`] with its 1-based
//! line number and the reason, so `rows == rows_used + skipped.len()` always holds and a seller
//! can find the line in the file. Only a file that cannot be read as an order table at all (no
//! header, no Order ID column) is an [`ImportError`].
//!
//! Input is bytes, not a string: the browser hands files over as bytes, and cells are decoded one
//! at a time so that one bad cell costs one row, not the file. UTF-16 files (Excel's "Unicode
//! text") are recognised by their byte-order mark and decoded first.
//!
//! What the file cannot say comes from [`ImportOptions`] (the zone of naive times, the date
//! order of a column of ambiguous `11/12/2024` dates), and every such choice is reported in the
//! [`FileSummary`], so the seller can see and override it.

mod date_order;
mod json;
mod problem;
mod xlsx;

pub use problem::{ImportError, RowProblem};

use chrono::{DateTime, Utc};
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use super::excel::is_scientific_notation;
use super::order::{CancelledBy, Order, OrderStatus, PlatformDeadlines, SkuLine, Text, TextPool};
use super::timestamp::{date_order_hint, parse_timestamp, DateOrder, DateOrderHint};
use super::zone::Zone;
use date_order::DateOrderTally;

/// What an import produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// In the order their first row appeared.
    pub orders: Vec<Order>,
    /// Data rows read, header excluded.
    pub rows: u64,
    /// Rows that became part of an order.
    pub rows_used: u64,
    /// Includes the Seller Center description rows (also counted in `description_rows`).
    pub skipped: Vec<SkippedRow>,
    /// Optional columns no file had; the seller is told what that means.
    pub missing_columns: Vec<Column>,
    /// How each file was read.
    pub files: Vec<FileSummary>,
    /// Order IDs that appeared in more than one file (merged into one order).
    pub orders_in_several_files: Vec<String>,
}

/// How to read an export: what a file itself cannot say.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The zone of timestamps without an offset.
    pub time_zone: Zone,
    /// How to read a column whose slashed dates never decide (`11/12/2024` throughout).
    pub ambiguous_date_order: DateOrder,
    /// Read every slashed date in this order, whatever the values suggest.
    pub date_order: Option<DateOrder>,
    /// The sheet to read in XLSX workbooks; `None`: the first.
    pub sheet: Option<String>,
    /// How to decode files that are neither UTF-8 nor UTF-16; `None`: they are read as UTF-8,
    /// and the cells that are not valid UTF-8 cost their rows.
    pub legacy_decoder: Option<LegacyDecoder>,
    /// Columns the seller placed by hand, for files with a given header row.
    pub column_mappings: Vec<ColumnMapping>,
    /// Read files in this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
}

/// "In files with this header row, this header is that column": what a seller chose when a
/// file's headers were not recognised, remembered for the next file like it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ColumnMapping {
    /// The header row, trimmed, exactly as the file has it.
    pub header: Vec<String>,
    pub columns: Vec<(Column, String)>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions::in_zone(Zone::UTC)
    }
}

impl ImportOptions {
    /// Timestamps in `zone`, ambiguous slashed dates month first (as US exports write them).
    pub fn in_zone(time_zone: Zone) -> ImportOptions {
        ImportOptions {
            time_zone,
            ambiguous_date_order: DateOrder::MonthFirst,
            date_order: None,
            sheet: None,
            legacy_decoder: None,
            column_mappings: Vec::new(),
            encoding: None,
        }
    }
}

/// How one file was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// `csv` (comma, semicolon or tab separated), `xlsx` or `json`.
    pub format: &'static str,
    /// For XLSX: the sheet read, and every sheet the workbook has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<String>,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`, `GB18030`, or `not UTF-8 (undecoded)`.
    pub encoding: &'static str,
    /// For CSV: the separator found in the header.
    pub delimiter: Option<char>,
    pub rows: u64,
    /// Seller Center's row of column descriptions under the header, skipped.
    pub description_rows: u64,
    /// For each time column with slashed dates, the order they were read in and why.
    pub date_orders: Vec<DateOrderChoice>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateOrderChoice {
    pub column: Column,
    pub order: DateOrder,
    pub decided_by: DecidedBy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// A value in the column had a day above 12 in one position.
    Values,
    /// No value decided; the profile's market default was used.
    Default,
    /// Values pointed both ways; the default was used and the other rows reported.
    Conflict,
    /// The seller chose.
    Override,
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
    /// The reason in Chinese, for the page in Chinese.
    pub reason_zh: String,
}

impl SkippedRow {
    pub fn new(file: Option<String>, line: u64, problem: &RowProblem) -> SkippedRow {
        SkippedRow { file, line, reason: problem.english(), reason_zh: problem.chinese() }
    }
}

/// The export columns the rules read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
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

    /// Columns holding timestamps.
    const TIMES: [Column; 13] = [
        Column::CreatedTime,
        Column::PaidTime,
        Column::RtsTime,
        Column::ShippedTime,
        Column::CollectionTime,
        Column::DeliveredTime,
        Column::CancelledTime,
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

    /// Every header this column is recognised by, compared on letters and digits alone (so
    /// `Order ID`, `order_id` and `ORDER-ID` are one name): the Seller Center export's English
    /// header first, then the Open API's field name where it has one, then common names.
    ///
    /// Where the names come from: the English headers from the Seller Center export itself (see
    /// PRODUCT.md; the full header row is also quoted at amz123.com/guide/worldfirst/pcZeahOp);
    /// the Open API names from its order list/detail responses. The Chinese Seller Center's own
    /// words for three of them, 订单ID, 物流单号 and 物流承运商, from its order guide
    /// (keyouyun.com, "订单状态查看和发货操作"). No localised *export* header row (Chinese,
    /// Indonesian, Vietnamese, Thai, Portuguese, Spanish) could be found in a public source, so
    /// the other non-English names are the everyday words for each field in those languages, as
    /// order sheets and ERPs write them, not verified headers; a header none of them matches is
    /// mapped by hand once and remembered ([`ColumnMapping`]).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::OrderId => &[
                "Order ID",
                "order_id",
                "id",
                "Order Number",
                "Order No",
                "order_sn",
                "订单ID",
                "订单号",
                "订单编号",
                "ID Pesanan",
                "No. Pesanan",
                "Mã đơn hàng",
                "หมายเลขคำสั่งซื้อ",
                "ID do pedido",
                "Número do pedido",
                "ID del pedido",
                "Número de pedido",
            ],
            Column::OrderStatus => &[
                "Order Status",
                "status",
                "订单状态",
                "Status Pesanan",
                "Trạng thái đơn hàng",
                "สถานะคำสั่งซื้อ",
                "Status do pedido",
                "Estado del pedido",
            ],
            Column::CreatedTime => &[
                "Created Time",
                "create_time",
                "Order Date",
                "Created At",
                "创建时间",
                "下单时间",
                "Waktu Pesanan Dibuat",
                "Waktu Dibuat",
                "Thời gian tạo đơn",
                "Thời gian tạo",
                "เวลาที่สร้าง",
                "Data de criação",
                "Hora de criação",
                "Fecha de creación",
                "Hora de creación",
            ],
            Column::PaidTime => &[
                "Paid Time",
                "paid_time",
                "Payment Time",
                "Paid At",
                "付款时间",
                "支付时间",
                "Waktu Pembayaran",
                "Waktu Dibayar",
                "Thời gian thanh toán",
                "เวลาชำระเงิน",
                "Data de pagamento",
                "Hora do pagamento",
                "Fecha de pago",
                "Hora de pago",
            ],
            Column::RtsTime => &["RTS Time", "rts_time", "Ready to Ship Time"],
            Column::ShippedTime => &[
                "Shipped Time",
                "shipping_time",
                "Ship Date",
                "Shipped At",
                "发货时间",
                "Waktu Pengiriman",
                "Waktu Dikirim",
                "Thời gian giao hàng",
                "เวลาจัดส่ง",
                "Data de envio",
                "Hora de envio",
                "Fecha de envío",
                "Hora de envío",
            ],
            Column::CollectionTime => &["Collection Time", "collection_time", "Pickup Time", "揽收时间"],
            Column::DeliveredTime => &[
                "Delivered Time",
                "delivery_time",
                "Delivery Date",
                "Delivered At",
                "送达时间",
                "签收时间",
                "Waktu Diterima",
                "Thời gian nhận hàng",
                "เวลาที่ได้รับ",
                "Data de entrega",
                "Fecha de entrega",
            ],
            Column::CancelledTime => &["Cancelled Time", "cancel_time", "Canceled Time", "取消时间"],
            Column::CancelBy => &["Cancel By", "cancel_user", "cancellation_initiator", "取消方"],
            Column::TrackingId => &[
                "Tracking ID",
                "tracking_number",
                "Tracking No",
                "Tracking Code",
                "Waybill Number",
                "AWB",
                "物流单号",
                "运单号",
                "快递单号",
                "追踪号",
                "Nomor Resi",
                "No. Resi",
                "Mã vận đơn",
                "หมายเลขติดตามพัสดุ",
                "Código de rastreio",
                "Código de rastreamento",
                "Número de seguimiento",
            ],
            Column::ShippingProvider => &[
                "Shipping Provider Name",
                "shipping_provider",
                "shipping_provider_name",
                "Carrier",
                "Shipping Carrier",
                "Courier",
                "物流承运商",
                "物流商",
                "承运商",
                "物流公司",
                "快递公司",
                "Jasa Kirim",
                "Kurir",
                "Đơn vị vận chuyển",
                "ผู้ให้บริการขนส่ง",
                "Transportadora",
                "Transportista",
                "Empresa de transporte",
            ],
            Column::Country => &["Country", "region_code", "国家", "Negara", "Quốc gia", "ประเทศ", "País"],
            Column::Warehouse => &["Warehouse Name", "warehouse_name", "warehouse_id", "Warehouse", "仓库", "仓库名称"],
            Column::SellerSku => &[
                "Seller SKU",
                "seller_sku",
                "SKU",
                "卖家SKU",
                "商家SKU",
                "SKU Penjual",
                "SKU người bán",
                "SKU ผู้ขาย",
                "SKU do vendedor",
                "SKU del vendedor",
            ],
            Column::ProductName => &[
                "Product Name",
                "product_name",
                "商品名称",
                "Nama Produk",
                "Tên sản phẩm",
                "ชื่อสินค้า",
                "Nome do produto",
                "Nombre del producto",
            ],
            Column::Variation => &[
                "Variation",
                "sku_name",
                "规格",
                "商品规格",
                "Variasi",
                "Phân loại hàng",
                "ตัวเลือกสินค้า",
                "Variação",
                "Variación",
            ],
            Column::Quantity => {
                &["Quantity", "quantity", "Qty", "数量", "Jumlah", "Số lượng", "จำนวน", "Quantidade", "Cantidad"]
            }
            Column::RtsSlaTime => &["rts_sla_time"],
            Column::TtsSlaTime => &["tts_sla_time"],
            Column::ShippingDueTime => &["shipping_due_time"],
            Column::CollectionDueTime => &["collection_due_time"],
            Column::DeliveryDueTime => &["delivery_due_time"],
            Column::DeliverySlaTime => &["delivery_sla_time"],
        }
    }

    /// The columns a file must have: Order ID, and a time to start the clock from.
    pub const NEEDED: [Column; 3] = [Column::OrderId, Column::PaidTime, Column::CreatedTime];

    /// The column a header or JSON key names.
    fn named(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.matches(name))
    }

    fn matches(self, header: &str) -> bool {
        // NULs between the letters are UTF-16 read without its byte-order mark: matching the
        // letters would read garbage rows, so the seller is asked for the encoding instead.
        !header.contains('\0') && self.names().iter().any(|name| crate::engine::names::same_name(header, name))
    }
}

/// Where each column sits in one file's header.
#[derive(Clone)]
struct ColumnMap([Option<usize>; Column::ALL.len()]);

impl ColumnMap {
    /// Finds each column by its known names, after the seller's own choices for this header.
    fn from_header(header: &[String], mappings: &[ColumnMapping]) -> ColumnMap {
        let chosen = mappings.iter().find(|m| m.header == header);
        ColumnMap(Column::ALL.map(|column| {
            let mapped = chosen.and_then(|m| m.columns.iter().find(|(c, _)| *c == column));
            match mapped {
                Some((_, name)) => header.iter().position(|h| h == name),
                None => header.iter().position(|h| column.matches(h)),
            }
        }))
    }

    fn get(&self, column: Column) -> Option<usize> {
        self.0[column as usize]
    }
}

/// Reads one or more exports into one set of orders. Rows of the same Order ID are merged
/// across files, as they are within one file.
pub struct Importer {
    options: ImportOptions,
    import: Import,
    index: OrderIndex,
    /// For each order, the number of the file its first row came from, or [`IN_SEVERAL_FILES`]
    /// once it is listed in `orders_in_several_files`.
    order_files: Vec<usize>,
    columns_seen: Vec<Column>,
    texts: TextPool,
}

/// In `Importer::order_files`: already reported as in several files.
const IN_SEVERAL_FILES: usize = usize::MAX;

impl Importer {
    pub fn new(options: ImportOptions) -> Importer {
        Importer {
            options,
            import: Import::default(),
            index: OrderIndex::default(),
            order_files: Vec::new(),
            columns_seen: Vec::new(),
            texts: TextPool::default(),
        }
    }

    /// Reads one file. `file` names it in skipped rows and errors; `None` for pasted text.
    pub fn read(&mut self, file: Option<&str>, bytes: &[u8]) -> Result<(), ImportError> {
        let mut reading = self.open(file, bytes.to_vec())?;
        while self.read_batch(&mut reading, usize::MAX)? {}
        Ok(())
    }

    /// Starts reading a file. Everything that walks the whole file happens in batches
    /// ([`Importer::read_batch`]), so a page can show progress and stay responsive between them:
    /// finding out whether a file without a byte-order mark is UTF-8 (its header is read after
    /// that, so a file without the needed columns may fail in a batch, not here), deciding how
    /// to read its dates, then the rows.
    pub fn open(&mut self, file: Option<&str>, bytes: Vec<u8>) -> Result<FileRead, ImportError> {
        let mut summary = FileSummary {
            file: file.map(str::to_owned),
            format: "csv",
            sheet: None,
            sheets: Vec::new(),
            encoding: "UTF-8",
            delimiter: None,
            rows: 0,
            description_rows: 0,
            date_orders: Vec::new(),
        };
        if is_xlsx(&bytes) {
            let sheet = xlsx::sheet_as_csv(bytes, self.options.sheet.as_deref())
                .map_err(|message| ImportError::Malformed { file: summary.file.clone(), message })?;
            summary.format = "xlsx";
            summary.sheet = Some(sheet.name);
            summary.sheets = sheet.names;
            return self.start(summary, sheet.csv);
        }
        if self.options.encoding.is_none() && !has_byte_order_mark(&bytes) {
            // Whether it is UTF-8 is found out a slice at a time: a large file takes a while.
            let total_bytes = bytes.len() as u64;
            return Ok(FileRead { summary, total_bytes, body: Body::CheckingUtf8 { bytes, valid_up_to: 0 } });
        }
        let (encoding, bytes) = decode(bytes, self.options.legacy_decoder, self.options.encoding);
        summary.encoding = encoding;
        self.start(summary, bytes)
    }

    /// Opens a file whose text is UTF-8 now: reads its header and decides how to read its rows.
    fn start(&mut self, mut summary: FileSummary, bytes: Vec<u8>) -> Result<FileRead, ImportError> {
        let file = summary.file.clone();
        let file_name = || file.clone();
        // Progress counts the decoded text, which is what the reader walks through.
        let total_bytes = bytes.len() as u64;
        if matches!(bytes.trim_ascii_start().first(), Some(b'[' | b'{')) {
            summary.format = "json";
            let elements = json::order_elements(&bytes)
                .map_err(|message| ImportError::Malformed { file: file_name(), message })?
                .into_iter()
                .map(|(line, element)| {
                    let start = element.as_ptr() as usize - bytes.as_ptr() as usize;
                    (line, start..start + element.len())
                })
                .collect();
            return Ok(FileRead { summary, total_bytes, body: Body::Json { bytes, elements, next: 0 } });
        }

        // A workbook's sheet was written as CSV here: commas, whatever its cells hold.
        let delimiter = if summary.sheet.is_some() {
            b','
        } else {
            let delimiter = detect_delimiter(&bytes);
            summary.delimiter = Some(char::from(delimiter));
            delimiter
        };
        let mut reader = csv_reader(delimiter, bytes);
        let mut record = csv::ByteRecord::new();
        let mut header_records = 0;
        let header = loop {
            header_records += 1;
            match reader.read_byte_record(&mut record) {
                Ok(false) => return Err(ImportError::Empty { file: file_name() }),
                Err(e) => return Err(ImportError::Malformed { file: file_name(), message: e.to_string() }),
                Ok(true) if record.iter().all(|cell| cell.trim_ascii().is_empty()) => {}
                Ok(true) => {
                    break record.iter().map(|c| String::from_utf8_lossy(c).trim().to_owned()).collect::<Vec<_>>()
                }
            }
        };
        let columns = ColumnMap::from_header(&header, &self.options.column_mappings);
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
        let tally = DateOrderTally::new(&columns);
        let sniff = Sniff { reader, record, columns, tally, delimiter, header_records };
        Ok(FileRead { summary, total_bytes, body: Body::Sniffing(Box::new(sniff)) })
    }

    /// Tallies up to `max_rows` more rows' date orders. Once every row that matters has been
    /// seen, decides each column's order and returns the file turned back to its first row, to
    /// be imported.
    fn sniff_batch(
        &mut self,
        sniff: &mut Sniff,
        summary: &mut FileSummary,
        max_rows: usize,
    ) -> Result<Option<CsvState>, ImportError> {
        for _ in 0..max_rows {
            // A record that cannot be read is left to the import, which reports it.
            if sniff.reader.read_byte_record(&mut sniff.record).unwrap_or(false) && sniff.tally.add(&sniff.record) {
                continue;
            }
            summary.date_orders = sniff.tally.choices(&self.options);
            let orders = DateOrders::from_choices(&summary.date_orders, self.options.ambiguous_date_order);
            let seen = sniff.reader.position().clone();
            let bytes = std::mem::replace(&mut sniff.reader, csv_reader(sniff.delimiter, Vec::new()));
            let bytes = bytes.into_inner().into_inner();
            // Room for the rows the first pass saw (or, if it stopped early, for as many as the
            // rows it saw suggest): a million orders would otherwise be copied each time their
            // list outgrew its room, each copy a long pause.
            let rows = (seen.record() as f64 * bytes.len() as f64 / seen.byte().max(1) as f64) as usize;
            self.import.orders.reserve(rows);
            self.order_files.reserve(rows);
            self.index.0.reserve(rows);
            let mut reader = csv_reader(sniff.delimiter, bytes);
            let mut record = std::mem::take(&mut sniff.record);
            for _ in 0..sniff.header_records {
                reader
                    .read_byte_record(&mut record)
                    .map_err(|e| ImportError::Malformed { file: summary.file.clone(), message: e.to_string() })?;
            }
            // A sheet's rows are numbered by row, even where a cell holds line breaks.
            let lines_are_records = summary.format == "xlsx";
            return Ok(Some(CsvState { reader, columns: sniff.columns.clone(), orders, record, lines_are_records }));
        }
        Ok(None)
    }

    /// Reads up to `max_rows` more rows of `reading`. Returns whether rows remain; once none
    /// do, the file's summary joins the import.
    pub fn read_batch(&mut self, reading: &mut FileRead, max_rows: usize) -> Result<bool, ImportError> {
        let file = reading.summary.file.clone();
        let summary = &mut reading.summary;
        let mut done = 0;
        let mut turned_back = None;
        // The file's bytes and whether they are UTF-8, once the first slices have told.
        let mut checked = None;
        let more = match &mut reading.body {
            Body::Finished => return Ok(false),
            Body::CheckingUtf8 { bytes, valid_up_to } => {
                let end = (*valid_up_to + UTF8_SLICE).min(bytes.len());
                match std::str::from_utf8(&bytes[*valid_up_to..end]) {
                    Ok(_) => *valid_up_to = end,
                    // A character cut by the end of the slice: the next slice checks it whole.
                    Err(e) if e.error_len().is_none() && end < bytes.len() => *valid_up_to += e.valid_up_to(),
                    Err(_) => checked = Some((std::mem::take(bytes), false)),
                }
                if checked.is_none() && *valid_up_to == bytes.len() {
                    checked = Some((std::mem::take(bytes), true));
                }
                true
            }
            Body::Sniffing(sniff) => {
                turned_back = self.sniff_batch(sniff, summary, max_rows)?;
                true
            }
            Body::Csv(state) => loop {
                let CsvState { reader, columns, orders, record, lines_are_records } = &mut **state;
                if done == max_rows {
                    break true;
                }
                match reader.read_byte_record(record) {
                    Ok(false) => break false,
                    Ok(true) => {}
                    Err(e) => return Err(ImportError::Malformed { file, message: e.to_string() }),
                }
                done += 1;
                let line = record.position().map_or(0, |p| if *lines_are_records { p.record() + 1 } else { p.line() });
                self.import.rows += 1;
                summary.rows += 1;
                if summary.rows == 1 && is_description_row(columns, record) {
                    summary.description_rows += 1;
                    self.import.skipped.push(SkippedRow::new(file.clone(), line, &RowProblem::DescriptionRow));
                    continue;
                }
                match Importer::read_row(&self.options, &mut self.texts, columns, orders, record) {
                    Ok(row) => {
                        self.import.rows_used += 1;
                        self.add(row, line);
                    }
                    Err(problem) => self.import.skipped.push(SkippedRow::new(file.clone(), line, &problem)),
                }
            },
            Body::Json { bytes, elements, next } => {
                // Every column in a fixed place, so each order can go through the CSV row reader.
                let columns = ColumnMap(Column::ALL.map(|c| Some(c as usize)));
                let orders =
                    DateOrders::from_choices(&[], self.options.date_order.unwrap_or(self.options.ambiguous_date_order));
                while *next < elements.len() && done < max_rows {
                    let (line, range) = elements[*next].clone();
                    *next += 1;
                    done += 1;
                    self.import.rows += 1;
                    summary.rows += 1;
                    match self.read_json_order(&columns, &orders, &bytes[range]) {
                        Ok(rows) => {
                            self.import.rows_used += 1;
                            for row in rows {
                                self.add(row, line);
                            }
                        }
                        Err(problem) => self.import.skipped.push(SkippedRow::new(file.clone(), line, &problem)),
                    }
                }
                *next < elements.len()
            }
        };
        if let Some((bytes, utf8)) = checked {
            let found = if utf8 { Encoding::Utf8 } else { Encoding::Gb18030 };
            let (encoding, bytes) = decode(bytes, self.options.legacy_decoder, Some(found));
            let summary = FileSummary { encoding, ..reading.summary.clone() };
            *reading = self.start(summary, bytes)?;
            return Ok(true);
        }
        if let Some(state) = turned_back {
            reading.body = Body::Csv(Box::new(state));
        }
        if !more {
            reading.body = Body::Finished;
            self.import.files.push(reading.summary.clone());
        }
        Ok(more)
    }

    /// One JSON order object, as the orders of its line items.
    fn read_json_order(
        &mut self,
        columns: &ColumnMap,
        orders: &DateOrders,
        element: &[u8],
    ) -> Result<Vec<Order>, RowProblem> {
        let rows = match serde_json::from_slice::<serde_json::Value>(element) {
            Ok(serde_json::Value::Object(order)) => json::order_rows(&order),
            Ok(_) => return Err(RowProblem::NotAnOrderObject),
            Err(e) => return Err(RowProblem::NotJson(e.to_string())),
        };
        for (column, _) in rows.iter().flatten() {
            if !self.columns_seen.contains(column) {
                self.columns_seen.push(*column);
            }
        }
        rows.iter()
            .map(|cells| {
                let mut record = csv::ByteRecord::new();
                for column in Column::ALL {
                    let text = cells.iter().find(|(c, _)| *c == column).map_or("", |(_, t)| t.as_str());
                    record.push_field(text.as_bytes());
                }
                Importer::read_row(&self.options, &mut self.texts, columns, orders, &record)
            })
            .collect()
    }

    pub fn finish(mut self) -> Import {
        self.import.missing_columns =
            Column::REPORTED_WHEN_MISSING.into_iter().filter(|c| !self.columns_seen.contains(c)).collect();
        self.import
    }

    /// One row as an order of its own, its repeated texts taken from `texts`.
    fn read_row(
        options: &ImportOptions,
        texts: &mut TextPool,
        columns: &ColumnMap,
        orders: &DateOrders,
        record: &csv::ByteRecord,
    ) -> Result<Order, RowProblem> {
        let cell = |column: Column| -> Result<Option<&str>, RowProblem> {
            let Some(bytes) = columns.get(column).and_then(|i| record.get(i)) else {
                return Ok(None);
            };
            let text = std::str::from_utf8(bytes).map_err(|_| RowProblem::NotText(column))?.trim();
            Ok((!text.is_empty()).then_some(text))
        };
        let mut text = |column: Column| -> Result<Option<Text>, RowProblem> { Ok(cell(column)?.map(|t| texts.get(t))) };
        let time = |column: Column| -> Result<Option<DateTime<Utc>>, RowProblem> {
            match cell(column)? {
                None => Ok(None),
                Some(text) => {
                    parse_timestamp(text, &options.time_zone, orders.get(column)).map_err(|e| RowProblem::NotATime {
                        column,
                        text: e.text,
                        read_as: (date_order_hint(text) != DateOrderHint::NotSlashed).then(|| orders.get(column)),
                    })
                }
            }
        };
        let order_id = cell(Column::OrderId)?.ok_or(RowProblem::NoOrderId)?;
        if is_scientific_notation(order_id) {
            return Err(RowProblem::RoundedOrderId(order_id.to_owned()));
        }
        let status = match cell(Column::OrderStatus)? {
            None => None,
            Some(text) => Some(OrderStatus::parse(text).ok_or_else(|| RowProblem::UnknownStatus(text.to_owned()))?),
        };
        let quantity = match cell(Column::Quantity)? {
            None => 1,
            Some(text) => text.parse().map_err(|_| RowProblem::NotAQuantity(text.to_owned()))?,
        };
        let sku = text(Column::SellerSku)?;
        let product = text(Column::ProductName)?;
        let variation = text(Column::Variation).ok().flatten();
        let line = (sku.is_some() || product.is_some()).then(|| SkuLine {
            sku: sku.unwrap_or_default(),
            product: product.unwrap_or_default(),
            variation: variation.unwrap_or_default(),
            quantity,
        });
        let (tracking_id, carrier, country, warehouse) = (
            cell(Column::TrackingId)?.map(Text::from),
            text(Column::ShippingProvider)?,
            text(Column::Country)?,
            text(Column::Warehouse)?,
        );
        Ok(Order {
            id: order_id.into(),
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
            tracking_id,
            carrier,
            country,
            warehouse,
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
        let i = match self.index.find(&self.import.orders, &row.id) {
            Ok(i) => i,
            Err(free) => {
                self.index.0.insert(free, self.import.orders.len());
                row.line = line;
                self.import.orders.push(row);
                self.order_files.push(self.import.files.len());
                return;
            }
        };
        // The same order in an earlier file: the same export given twice, or overlapping ones.
        if ![self.import.files.len(), IN_SEVERAL_FILES].contains(&self.order_files[i]) {
            self.import.orders_in_several_files.push(row.id.to_string());
            self.order_files[i] = IN_SEVERAL_FILES;
        }
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

/// Order ID to position in the orders, looked up for every row. Keyed by the ID's hash, not the
/// ID: the IDs are in the orders already, so the index holds no second copy of a million
/// strings, nor frees them one by one when the import ends. An ID whose hash a different ID
/// already holds takes the next free key. Hashed with Fx rather than SipHash: the IDs come from
/// the seller's own file, there is no one to mount a collision attack.
#[derive(Default)]
struct OrderIndex(FxHashMap<u64, usize>);

impl OrderIndex {
    fn find(&self, orders: &[Order], id: &str) -> Result<usize, u64> {
        self.find_from(orders, id, FxBuildHasher.hash_one(id))
    }

    /// The position of the order with `id`, looking from `key` on; else the free key to put it
    /// under.
    fn find_from(&self, orders: &[Order], id: &str, mut key: u64) -> Result<usize, u64> {
        loop {
            match self.0.get(&key) {
                None => return Err(key),
                Some(&i) if *orders[i].id == *id => return Ok(i),
                Some(_) => key = key.wrapping_add(1),
            }
        }
    }
}

/// The date order of each time column of one file.
struct DateOrders([DateOrder; Column::ALL.len()]);

impl DateOrders {
    fn from_choices(choices: &[DateOrderChoice], default: DateOrder) -> DateOrders {
        let mut orders = [default; Column::ALL.len()];
        for choice in choices {
            orders[choice.column as usize] = choice.order;
        }
        DateOrders(orders)
    }

    fn get(&self, column: Column) -> DateOrder {
        self.0[column as usize]
    }
}

/// Seller Center puts a row of column descriptions under the header ("Platform unique order
/// ID.", "Order created time.", …): prose where the Order ID belongs.
fn is_description_row(columns: &ColumnMap, record: &csv::ByteRecord) -> bool {
    let Some(id) = columns.get(Column::OrderId).and_then(|i| record.get(i)) else { return false };
    let id = id.trim_ascii();
    id.contains(&b' ') && id.ends_with(b".")
}

/// Bytes of a file checked for UTF-8 per batch: a few milliseconds' worth.
const UTF8_SLICE: usize = 8 << 20;

/// Whether `bytes` start with a UTF-8 or UTF-16 byte-order mark.
fn has_byte_order_mark(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// Whether `bytes` are a ZIP container, as every XLSX file is.
fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A workbook's sheet as CSV, with every sheet's name so the seller can choose another.
struct Sheet {
    csv: Vec<u8>,
    name: String,
    names: Vec<String>,
}

/// The file's text as UTF-8 bytes, and the encoding it came in: the one forced, else UTF-16 or
/// UTF-8 by its byte-order mark (a UTF-8 one is dropped). A file with neither was checked for
/// UTF-8 a slice at a time (`Body::CheckingUtf8`) and comes here forced to UTF-8 or, when it is
/// not, GB18030: a Chinese Excel saves CSV as GB18030 (GBK).
fn decode(mut bytes: Vec<u8>, legacy: Option<LegacyDecoder>, forced: Option<Encoding>) -> (&'static str, Vec<u8>) {
    let utf16 = |units: &mut dyn Iterator<Item = u16>| {
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>().into_bytes()
    };
    let le = |rest: &[u8]| utf16(&mut rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])));
    let be = |rest: &[u8]| utf16(&mut rest.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])));
    let gb18030 = |bytes: Vec<u8>| match legacy.and_then(|decode| decode(&bytes, "gb18030")) {
        Some(text) => ("GB18030", text.into_bytes()),
        None => ("not UTF-8 (undecoded)", bytes),
    };
    match (forced, bytes.as_slice()) {
        (Some(Encoding::Utf16Le), [0xFF, 0xFE, rest @ ..]) | (None, [0xFF, 0xFE, rest @ ..]) => ("UTF-16LE", le(rest)),
        (Some(Encoding::Utf16Be), [0xFE, 0xFF, rest @ ..]) | (None, [0xFE, 0xFF, rest @ ..]) => ("UTF-16BE", be(rest)),
        (Some(Encoding::Utf16Le), all) => ("UTF-16LE", le(all)),
        (Some(Encoding::Utf16Be), all) => ("UTF-16BE", be(all)),
        (Some(Encoding::Gb18030), _) => gb18030(bytes),
        (Some(Encoding::Utf8) | None, [0xEF, 0xBB, 0xBF, ..]) => {
            bytes.drain(..3);
            ("UTF-8 with BOM", bytes)
        }
        (Some(Encoding::Utf8) | None, _) => ("UTF-8", bytes),
    }
}

/// An encoding the seller can insist on when detection guesses wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "gb18030")]
    Gb18030,
}

impl Encoding {
    /// `utf-8`, `utf-16le`, `utf-16be`, `gb18030` (also `gbk`), any case.
    pub fn parse(label: &str) -> Option<Encoding> {
        Some(match label.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-16le" | "utf16le" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            "gb18030" | "gbk" => Encoding::Gb18030,
            _ => return None,
        })
    }
}

/// Decodes text in a legacy encoding (a WHATWG label such as `gb18030`), or `None` when it
/// cannot. The engine has no decoders of its own for them: the browser lends its
/// `TextDecoder`, the command-line tool `encoding_rs`, and the bundle stays small.
pub type LegacyDecoder = fn(&[u8], &str) -> Option<String>;

/// A file being read a batch of rows at a time ([`Importer::open`], [`Importer::read_batch`]).
pub struct FileRead {
    summary: FileSummary,
    total_bytes: u64,
    body: Body,
}

enum Body {
    /// Finding out whether a file without a byte-order mark is UTF-8: valid up to here so far.
    CheckingUtf8 {
        bytes: Vec<u8>,
        valid_up_to: usize,
    },
    // Boxed: a CSV reader's state dwarfs the other variants, and there is one per file.
    /// A first pass over the rows, deciding each time column's date order.
    Sniffing(Box<Sniff>),
    Csv(Box<CsvState>),
    Json {
        bytes: Vec<u8>,
        elements: Vec<(u64, std::ops::Range<usize>)>,
        next: usize,
    },
    Finished,
}

struct Sniff {
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    record: csv::ByteRecord,
    columns: ColumnMap,
    tally: DateOrderTally,
    delimiter: u8,
    /// Records up to and including the header, skipped again when the import pass starts.
    header_records: usize,
}

/// A reader of delimited records, each as the file has it: ragged rows are read, not refused.
fn csv_reader(delimiter: u8, bytes: Vec<u8>) -> csv::Reader<std::io::Cursor<Vec<u8>>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(std::io::Cursor::new(bytes))
}

struct CsvState {
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    columns: ColumnMap,
    orders: DateOrders,
    record: csv::ByteRecord,
    lines_are_records: bool,
}

/// How far a file has been read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub bytes_read: u64,
    pub total_bytes: u64,
    pub rows: u64,
    /// Whether this is a first pass over the file, which finds out whether its text is UTF-8
    /// and then each time column's date order; the last pass imports the rows.
    pub scanning_dates: bool,
}

impl FileRead {
    pub fn progress(&self) -> Progress {
        let bytes_read = match &self.body {
            Body::CheckingUtf8 { valid_up_to, .. } => *valid_up_to as u64,
            Body::Sniffing(sniff) => sniff.reader.position().byte(),
            Body::Csv(state) => state.reader.position().byte(),
            Body::Json { elements, next, .. } => elements.get(next.wrapping_sub(1)).map_or(0, |(_, r)| r.end as u64),
            Body::Finished => self.total_bytes,
        };
        Progress {
            bytes_read: bytes_read.min(self.total_bytes),
            total_bytes: self.total_bytes,
            rows: self.summary.rows,
            scanning_dates: matches!(self.body, Body::CheckingUtf8 { .. } | Body::Sniffing(_)),
        }
    }
}

/// Reads a single export, e.g. pasted text.
pub fn import_orders(bytes: &[u8], options: ImportOptions) -> Result<Import, ImportError> {
    let mut importer = Importer::new(options);
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
        import_orders(format!("{HEADER}{body}").as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap()
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
        assert_eq!((a1.id.as_ref(), a1.line), ("A1", 2));
        assert!(a1.shipped.is_some());
        assert_eq!(a1.tracking_id.as_deref(), Some("YT123"));
        assert_eq!(got.orders[1].paid, None);
        assert!(got.skipped.is_empty());
        assert_eq!(got.missing_columns, vec![Column::OrderStatus, Column::DeliveredTime]);
    }

    #[test]
    fn a_carrier_named_by_many_orders_is_kept_once() {
        let got = import(
            "A1,2024-11-12 09:00:00,,,YT1,YunExpress\n\
             B2,2024-11-12 10:00:00,,,YT2,YunExpress\n\
             C3,2024-11-12 11:00:00,,,YT3,USPS\n",
        );
        let carrier = |i: usize| got.orders[i].carrier.clone().unwrap();
        assert!(Text::ptr_eq(&carrier(0), &carrier(1)));
        assert_eq!((&*carrier(1), &*carrier(2)), ("YunExpress", "USPS"));
    }

    #[test]
    fn unusable_rows_are_reported_with_their_line_and_reason() {
        let got = import(
            ",2024-11-12 09:00:00,,,,\n\
             C3,yesterday,,,,\n\
             D4,2024-11-12 09:00:00,,,,\n",
        );
        assert_eq!((got.rows, got.rows_used), (3, 1));
        assert_eq!(got.skipped[0], SkippedRow::new(None, 2, &RowProblem::NoOrderId));
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
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(got.orders.len(), 1);
        assert_eq!(&*got.orders[0].id, "576461413");
        assert_eq!(got.missing_columns, Column::REPORTED_WHEN_MISSING.to_vec());
    }

    #[test]
    fn a_file_without_the_needed_columns_is_an_error_naming_them() {
        let err = import_orders(b"Order,When\n1,2\n", ImportOptions::in_zone(Zone::SHANGHAI)).unwrap_err();
        assert!(matches!(err, ImportError::MissingColumns { .. }));
        assert!(err.to_string().contains("Order ID"), "{err}");
        assert_eq!(
            import_orders(b"\n \n", ImportOptions::in_zone(Zone::SHANGHAI)).unwrap_err(),
            ImportError::Empty { file: None }
        );
    }

    #[test]
    fn non_utf8_cells_cost_one_row() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"G7,2024-11-12 09:00:00,,,\xff\xfe,\nH8,2024-11-12 09:00:00,,,,\n");
        let got = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
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
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        let a1 = &got.orders[0];
        assert_eq!(a1.status, Some(OrderStatus::AwaitingShipment));
        assert_eq!(a1.lines.len(), 2);
        assert_eq!(
            (a1.lines[0].sku.as_ref(), a1.lines[0].variation.as_ref(), a1.lines[0].quantity),
            ("MUG", "Blue", 2)
        );
        assert_eq!(a1.platform.tts_sla.map(|t| t.timestamp()), Some(1_731_546_000));
        assert_eq!(got.skipped.len(), 2);
        assert_eq!(got.skipped[0].reason, "Quantity: \"x\" is not a whole number");
        assert_eq!(got.skipped[1].reason, "Order Status: unknown status \"Teleported\"");
    }

    #[test]
    fn a_date_column_pointing_both_ways_is_read_by_default_and_its_odd_rows_reported() {
        let text = "Order ID,Paid Time\nA,25/11/2024 10:00\nB,11/25/2024 10:00\nC,11/12/2024 10:00\n";
        let options = ImportOptions { ambiguous_date_order: DateOrder::DayFirst, ..ImportOptions::in_zone(Zone::UTC) };
        let got = import_orders(text.as_bytes(), options).unwrap();
        let choice = got.files[0].date_orders[0];
        assert_eq!(
            (choice.column, choice.order, choice.decided_by),
            (Column::PaidTime, DateOrder::DayFirst, DecidedBy::Conflict)
        );
        assert_eq!(got.skipped.len(), 1);
        assert_eq!(got.skipped[0].line, 3);
        assert_eq!(got.orders[1].paid.unwrap().to_rfc3339(), "2024-12-11T10:00:00+00:00");
    }

    #[test]
    fn an_all_ambiguous_column_follows_the_market_and_says_so() {
        let text = "Order ID,Paid Time\nA,11/12/2024 10:00\n";
        let options = ImportOptions { ambiguous_date_order: DateOrder::DayFirst, ..ImportOptions::in_zone(Zone::UTC) };
        let got = import_orders(text.as_bytes(), options.clone()).unwrap();
        assert_eq!(got.files[0].date_orders[0].decided_by, DecidedBy::Default);
        assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2024-12-11T10:00:00+00:00");
        let overridden = ImportOptions { date_order: Some(DateOrder::MonthFirst), ..options };
        let got = import_orders(text.as_bytes(), overridden).unwrap();
        assert_eq!(got.files[0].date_orders[0].decided_by, DecidedBy::Override);
        assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2024-11-12T10:00:00+00:00");
    }

    #[test]
    fn utf16_big_endian_with_bom_is_decoded() {
        let text = "Order ID\tPaid Time\n中文订单\t2024-11-12 09:00:00\n";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let got = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(got.files[0].encoding, "UTF-16BE");
        assert_eq!(&*got.orders[0].id, "中文订单");
    }

    #[test]
    fn text_that_is_not_utf8_goes_to_the_legacy_decoder_when_there_is_one() {
        // "订单" in GB18030, and a stand-in decoder that knows just that.
        let bytes = b"Order ID,Paid Time\n\xb6\xa9\xb5\xa5,2024-11-12 09:00:00\n".to_vec();
        fn decoder(bytes: &[u8], label: &str) -> Option<String> {
            (label == "gb18030")
                .then(|| String::from_utf8_lossy(bytes).replace("\u{fffd}\u{fffd}\u{fffd}\u{fffd}", "订单"))
        }
        let with = ImportOptions { legacy_decoder: Some(decoder), ..ImportOptions::in_zone(Zone::SHANGHAI) };
        let got = import_orders(&bytes, with).unwrap();
        assert_eq!((got.files[0].encoding, got.orders[0].id.as_ref()), ("GB18030", "订单"));

        let without = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(without.files[0].encoding, "not UTF-8 (undecoded)");
        assert_eq!(without.skipped[0].reason, "Order ID is not UTF-8 text");
    }

    #[test]
    fn a_sellers_column_mapping_applies_to_files_with_that_header_row() {
        let text = "Bestellnummer,Bezahlt am\nA1,2024-11-12 09:00:00\n";
        let header = vec!["Bestellnummer".to_owned(), "Bezahlt am".to_owned()];
        let err = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap_err();
        assert_eq!(
            err,
            ImportError::MissingColumns {
                file: None,
                missing: vec![Column::OrderId, Column::CreatedTime, Column::PaidTime],
                found: header.clone(),
            }
        );
        let mapping = ColumnMapping {
            header: header.clone(),
            columns: vec![(Column::OrderId, "Bestellnummer".into()), (Column::PaidTime, "Bezahlt am".into())],
        };
        let options =
            ImportOptions { column_mappings: vec![mapping.clone()], ..ImportOptions::in_zone(Zone::SHANGHAI) };
        let got = import_orders(text.as_bytes(), options).unwrap();
        assert_eq!((got.orders[0].id.as_ref(), got.orders[0].paid.is_some()), ("A1", true));
        // Another header row does not take the mapping.
        let other = "Bestellnummer,Bezahlt\nA1,2024-11-12 09:00:00\n";
        let options = ImportOptions { column_mappings: vec![mapping], ..ImportOptions::in_zone(Zone::SHANGHAI) };
        assert!(import_orders(other.as_bytes(), options).is_err());
    }

    #[test]
    fn a_forced_encoding_wins_over_detection() {
        let text = "Order ID\tPaid Time\nA1\t2024-11-12 09:00:00\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect(); // no BOM
        let detected = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI));
        assert!(detected.is_err(), "without a BOM, UTF-16 is not recognised");
        let forced = ImportOptions { encoding: Encoding::parse("UTF-16LE"), ..ImportOptions::in_zone(Zone::SHANGHAI) };
        let got = import_orders(&bytes, forced).unwrap();
        assert_eq!((got.files[0].encoding, got.orders[0].id.as_ref()), ("UTF-16LE", "A1"));
        assert_eq!(Encoding::parse("GBK"), Some(Encoding::Gb18030));
        assert_eq!(Encoding::parse("latin-1"), None);
    }

    #[test]
    fn localised_and_generic_headers_find_their_columns() {
        let files = [
            "订单号,付款时间,物流单号,物流承运商,订单状态\nA,2024-11-12 09:00:00,YT2412345678901234,云途,已发货\n",
            "ID Pesanan,Waktu Pembayaran,Nomor Resi,Kurir,Status Pesanan\nA,2024-11-12 09:00:00,YT2412345678901234,YunExpress,Dikirim\n",
            "Mã đơn hàng,Thời gian thanh toán,Mã vận đơn,Đơn vị vận chuyển,Trạng thái đơn hàng\nA,2024-11-12 09:00:00,YT2412345678901234,YunExpress,Đang giao\n",
            "order_number,PAYMENT-TIME,Tracking No,Carrier,status\nA,2024-11-12 09:00:00,YT2412345678901234,YunExpress,shipped\n",
        ];
        for file in files {
            let got = import_orders(file.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
            let order = &got.orders[0];
            assert_eq!((got.rows_used, order.id.as_ref()), (1, "A"), "{file}");
            assert_eq!(order.tracking_id.as_deref(), Some("YT2412345678901234"), "{file}");
            assert_eq!(order.status, Some(OrderStatus::InTransit), "{file}");
            assert!(order.paid.is_some() && order.carrier.is_some(), "{file}");
        }
    }

    #[test]
    fn the_description_row_is_recognised_only_under_the_header() {
        let text = "Order ID,Paid Time\nPlatform unique order ID.,Order paid time.\nA,2024-11-12 09:00:00\nNot an ID.,2024-11-12 09:00:00\n";
        let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(got.files[0].description_rows, 1);
        assert_eq!((got.rows, got.rows_used, got.skipped.len()), (3, 2, 1));
        assert_eq!(got.skipped[0].reason, "Seller Center's row of column descriptions, not an order");
    }

    #[test]
    fn any_bytes_give_an_account_of_every_row_without_panicking() {
        // A deterministic stream of inputs: a real export with bytes overwritten, cut short and
        // spliced with separators, quotes, BOMs, invalid UTF-8 and odd dates.
        let base = format!(
            "{HEADER}576461413038785001,2024-11-12 09:00:00,2024-11-12 09:05:00,,YT2432100012345678,YunExpress\n\
             576461413038785002,11/25/2024 9:00:00 PM,\"25/11/2024 21:00\",,\"x\"\"y\",\n"
        );
        let json = r#"{"data": {"orders": [{"id": "1", "paid_time": 1795500060, "line_items": [{"seller_sku": "A"}]},
            {"id": "2", "status": "IN_TRANSIT", "paid_time": "11/12/2024 9:00 AM", "x": [1, {"y": "]"}]}]}}"#;
        let noise: &[&[u8]] = &[
            b",",
            b"\t",
            b";",
            b"\"",
            b"\n",
            b"\r\n",
            b"\xff\xfe",
            b"\xef\xbb\xbf",
            b"\xc3",
            b"/",
            b"1.2E+17",
            b"--",
            b"13/13/2024 1:00 PM",
            b"{",
            b"}",
            b"[",
            b"]",
            b"\\",
            b":",
        ];
        let mut seed: u64 = 42;
        for round in 0..10_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mut bytes = if round % 2 == 0 { base.as_bytes() } else { json.as_bytes() }.to_vec();
            for k in 0..(seed >> 60) as usize + 1 {
                let at = (seed >> (k * 7 % 40)) as usize % bytes.len();
                let insert = noise[(seed >> (k * 5 % 50)) as usize % noise.len()];
                bytes.splice(at..at, insert.iter().copied());
            }
            bytes.truncate(bytes.len() - (seed >> 56) as usize % 20);
            if let Ok(got) = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)) {
                assert_eq!(got.rows, got.rows_used + got.skipped.len() as u64, "{:?}", String::from_utf8_lossy(&bytes));
            }
        }
    }

    #[test]
    fn slashed_dates_are_decided_over_every_row_a_batch_at_a_time() {
        // Day-first values only near the end: the whole file is looked at before rows are read.
        let mut text = String::from("Order ID,Paid Time\n");
        text.extend((0..1000).map(|i| format!("A{i},11/12/2024 09:00\n")));
        text.push_str("B,25/12/2024 09:00\n");
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        let mut reading = importer.open(None, text.into_bytes()).unwrap();
        let mut scanning = Vec::new();
        while importer.read_batch(&mut reading, 300).unwrap() {
            let progress = reading.progress();
            if progress.scanning_dates {
                scanning.push(progress.bytes_read);
            }
        }
        // One batch finds the text is UTF-8, three more look at the dates, then the rows are read.
        assert_eq!(scanning.len(), 4, "the first pass takes batches too: {scanning:?}");
        let import = importer.finish();
        assert_eq!(import.files[0].date_orders[0].decided_by, DecidedBy::Values);
        assert_eq!(import.files[0].date_orders[0].order, DateOrder::DayFirst);
        assert_eq!((import.rows, import.rows_used), (1001, 1001));
    }

    #[test]
    fn a_file_read_in_batches_gives_the_same_import_and_progress_along_the_way() {
        let body: String = (0..1000).map(|i| format!("A{i},2024-11-12 09:00:00,,,,\n")).collect();
        let text = format!("{HEADER}{body}B,yesterday,,,,\n");
        let whole = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();

        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        let mut reading = importer.open(Some("big.csv"), text.clone().into_bytes()).unwrap();
        let mut seen = Vec::new();
        while importer.read_batch(&mut reading, 300).unwrap() {
            seen.push(reading.progress());
        }
        assert!(!importer.read_batch(&mut reading, 300).unwrap(), "a finished file has nothing more");
        let batched = importer.finish();
        // The first batch finds the text is UTF-8; the second is the date-order pass, which stops
        // after 100 rows without a slashed date.
        assert_eq!(
            seen.iter().map(|p| (p.rows, p.scanning_dates)).collect::<Vec<_>>(),
            [(0, true), (0, false), (300, false), (600, false), (900, false)]
        );
        assert!(seen.windows(2).all(|w| w[0].bytes_read <= w[1].bytes_read && w[1].bytes_read < w[1].total_bytes));
        assert_eq!(reading.progress().bytes_read, text.len() as u64);
        assert_eq!(
            (batched.rows, batched.rows_used, batched.orders.len()),
            (whole.rows, whole.rows_used, whole.orders.len())
        );
        assert_eq!(batched.skipped[0].file.as_deref(), Some("big.csv"));
        assert_eq!(batched.files.len(), 1);
    }

    #[test]
    fn files_are_merged_and_skipped_rows_name_their_file() {
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        importer.read(Some("a.csv"), format!("{HEADER}A1,2024-11-12 09:00:00,,,,\n").as_bytes()).unwrap();
        importer.read(Some("b.csv"), format!("{HEADER}A1,,,2024-11-13 09:00:00,,\nB2,,,,,\n").as_bytes()).unwrap();
        let got = importer.finish();
        assert_eq!(got.orders.len(), 2);
        assert!(got.orders[0].shipped.is_some());
        assert_eq!(got.skipped, vec![]);
        assert_eq!(got.rows, 3);
    }

    #[test]
    fn orders_whose_ids_share_a_hash_each_keep_their_own_place() {
        let orders: Vec<Order> = ["A", "B"].map(|id| Order { id: id.into(), ..Order::default() }).into();
        let mut index = OrderIndex::default();
        // As if "A" and "B" had the same hash, 7.
        index.0.insert(7, 0);
        assert_eq!(index.find_from(&orders, "B", 7), Err(8));
        index.0.insert(8, 1);
        assert_eq!(index.find_from(&orders, "A", 7), Ok(0));
        assert_eq!(index.find_from(&orders, "B", 7), Ok(1));
        assert_eq!(index.find_from(&orders, "C", 7), Err(9));
        assert_eq!(OrderIndex::default().find(&orders, "A").map_err(|_| ()), Err(()));
    }

    #[test]
    fn a_character_cut_by_the_end_of_a_utf8_slice_is_checked_whole() {
        let mut text = String::from("Order ID,Paid Time,Product Name\n");
        let mut i = 0;
        while text.len() < UTF8_SLICE - 100 {
            text.push_str(&format!("A{i},2024-11-12 09:00:00,mug\n"));
            i += 1;
        }
        // "ë" is two bytes: the first is the last byte of the first slice.
        text.push_str("B,2024-11-12 09:00:00,Zo");
        text.push_str(&"o".repeat(UTF8_SLICE - 1 - text.len()));
        text.push_str("ë\n");
        assert_eq!(text.as_bytes()[UTF8_SLICE - 1], 0xC3);
        let import = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
        assert_eq!(import.files[0].encoding, "UTF-8");
        assert!(import.orders.last().unwrap().lines[0].product.ends_with("ooë"));
        assert_eq!((import.orders.len(), import.skipped.len()), (i + 1, 0));
    }
}
