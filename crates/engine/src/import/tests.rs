use super::passes::PREVIEW_ROWS;
use super::*;
use crate::order::{Fulfillment, OrderKind, OrderStatus, Text};
use crate::zone::Zone;

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
fn every_time_column_is_read_when_it_is_the_only_one_of_its_kind_in_the_file() {
    let options = || ImportOptions::in_zone(Zone::SHANGHAI);
    let without = import_orders(b"Order ID,Paid Time\nA1,2026-12-01 09:00:00\n", options()).unwrap();
    for column in Column::TIMES.into_iter().filter(|&c| c != Column::PaidTime) {
        let csv = format!("Order ID,Paid Time,{}\nA1,2026-12-01 09:00:00,2026-12-02 10:00:00\n", column.names()[0]);
        let with = import_orders(csv.as_bytes(), options()).unwrap();
        assert!(with.skipped.is_empty(), "{column:?}");
        assert_ne!(with.orders, without.orders, "{column:?} was not read");
    }
}

#[test]
fn rows_of_a_file_with_crlf_line_ends_are_numbered_by_their_own_line() {
    let got = import("A1,2024-11-12 09:00:00,,,,\r\nB2,someday,,,,\r\nC3,2024-11-12 09:00:00,,,,\r\n");
    assert_eq!(got.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), [3]);
    assert_eq!(got.orders.iter().map(|o| o.line).collect::<Vec<_>>(), [2, 4]);
}

#[test]
fn a_file_read_whole_that_memory_cannot_hold_is_an_error_not_a_crash() {
    let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
    let mut reading = importer.open(Some("huge.xlsx"), u64::MAX);
    let start = b"PK\x03\x04 the rest of a workbook";
    assert_eq!(importer.read_piece(&mut reading, start, usize::MAX), Ok(Step::Next(start.len())));
    let got = importer.read_piece(&mut reading, &[], usize::MAX);
    assert_eq!(got, Err(ImportError::TooLarge { file: Some("huge.xlsx".into()), bytes: u64::MAX }));
}

#[test]
fn utf16_text_is_decoded_as_it_comes_and_utf16_json_whole() {
    let mut text = String::from("Order ID\tPaid Time\tProduct Name\r\n");
    text.extend((0..300).map(|i| format!("A{i}\t2024-11-12 09:00:00\t杯子 😀\r\n")));
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let whole = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
    assert_eq!(
        (&*whole.files[0].encoding, whole.files[0].delimiter, whole.orders.len()),
        ("UTF-16LE", Some('\t'), 300)
    );
    assert_eq!(&*whole.orders[299].lines[0].product, "杯子 😀");
    // Pieces of an odd size cut code units and surrogate pairs.
    let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
    read_in_pieces(&mut importer, None, &bytes, 333, 50).unwrap();
    assert_eq!(importer.finish(), whole);

    let json = "[{\"id\": \"订单\", \"paid_time\": 1795500060}]";
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(json.encode_utf16().flat_map(u16::to_be_bytes));
    let got = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
    assert_eq!((&*got.files[0].format, &*got.files[0].encoding, &*got.orders[0].id), ("json", "UTF-16BE", "订单"));
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
    let text = "Order ID,Order Status,Seller SKU,Product Name,Variation,Quantity,Paid Time,Cancel By,tts_sla_time\n\
                A1,Awaiting shipment,MUG,Mug,Blue,2,2024-11-12 09:00:00,,1731546000\n\
                A1,Awaiting shipment,CUP,Cup,,1,2024-11-12 09:00:00,,\n\
                B2,Cancelled,PEN,Pen,,x,2024-11-12 09:00:00,System,\n\
                C3,Teleported,PEN,Pen,,1,2024-11-12 09:00:00,,\n";
    let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
    let a1 = &got.orders[0];
    assert_eq!(a1.status, Some(OrderStatus::AwaitingShipment));
    assert_eq!(a1.lines.len(), 2);
    assert_eq!((a1.lines[0].sku.as_ref(), a1.lines[0].variation.as_ref(), a1.lines[0].quantity), ("MUG", "Blue", 2));
    assert_eq!(a1.platform.as_ref().and_then(|p| p.tts_sla).map(|t| t.timestamp()), Some(1_731_546_000));
    // An unreadable quantity costs its SKU line, said, not the order.
    assert_eq!(got.orders[1].id.as_ref(), "B2");
    assert!(got.orders[1].lines.is_empty());
    assert_eq!((got.notes.len(), got.notes[0].line, got.notes[0].order_id.as_str()), (1, 4, "B2"));
    assert!(got.notes[0].note.starts_with("Quantity \"x\" is not a whole number: this SKU line is left out"));
    assert_eq!(got.skipped.len(), 1);
    assert_eq!(got.skipped[0].reason, "Order Status: unknown status \"Teleported\"");
}

#[test]
fn a_date_column_pointing_both_ways_is_read_by_default_and_its_odd_rows_reported() {
    let text = "Order ID,Paid Time\nA,25/11/2024 10:00\nB,11/25/2024 10:00\nC,11/12/2024 10:00\n";
    let options = ImportOptions { ambiguous_date_order: DateOrder::DayFirst, ..ImportOptions::in_zone(Zone::UTC) };
    let got = import_orders(text.as_bytes(), options).unwrap();
    let choice = &got.files[0].date_orders[0];
    assert_eq!(
        (choice.column, choice.order, choice.decided_by),
        (Column::PaidTime, DateOrder::DayFirst, DecidedBy::Conflict)
    );
    assert_eq!(got.skipped.len(), 1);
    assert_eq!(got.skipped[0].line, 3);
    assert_eq!(got.orders[1].paid.unwrap().to_rfc3339(), "2024-12-11T10:00:00+00:00");
}

#[test]
fn a_date_no_order_reads_decides_nothing_and_the_others_show_both_readings() {
    // 31/02 would have made the column day-first, and 12/01 the 12th of January.
    let text = "Order ID,Paid Time\nA,31/02/2026 10:00\nB,12/01/2026 10:00\nC,03/04/2026 10:00\nD,05/06/2026 10:00\n";
    let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::UTC)).unwrap();
    let choice = &got.files[0].date_orders[0];
    assert_eq!((choice.order, choice.decided_by), (DateOrder::MonthFirst, DecidedBy::Default));
    assert_eq!((got.skipped.len(), got.skipped[0].line), (1, 2), "the impossible date is reported");
    assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2026-12-01T10:00:00+00:00");
    let examples: Vec<(&str, u64, String, String)> = choice
        .examples
        .iter()
        .map(|e| (e.text.as_str(), e.line, e.month_first.to_string(), e.day_first.to_string()))
        .collect();
    assert_eq!(
        examples,
        [
            ("12/01/2026 10:00", 3, "2026-12-01".into(), "2026-01-12".into()),
            ("03/04/2026 10:00", 4, "2026-03-04".into(), "2026-04-03".into())
        ]
    );
}

#[test]
fn dotted_dates_are_read_day_first() {
    let text = "Order ID;Paid Time\nA;02.12.2026 10:00\n";
    let got = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::UTC)).unwrap();
    assert_eq!(got.files[0].date_orders[0].decided_by, DecidedBy::Values);
    assert_eq!(got.orders[0].paid.unwrap().to_rfc3339(), "2026-12-02T10:00:00+00:00");
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
    assert_eq!(&*got.files[0].encoding, "UTF-16BE");
    assert_eq!(&*got.orders[0].id, "中文订单");
}

#[test]
fn text_that_is_not_utf8_goes_to_the_legacy_decoder_when_there_is_one() {
    // "订单" in GB18030.
    let bytes = b"Order ID,Paid Time\n\xb6\xa9\xb5\xa5,2024-11-12 09:00:00\n".to_vec();
    let got = import_orders(&bytes, gb18030_options()).unwrap();
    assert_eq!((&*got.files[0].encoding, got.orders[0].id.as_ref()), ("GB18030", "订单"));
    let json = b"[{\"id\": \"\xb6\xa9\xb5\xa5\", \"paid_time\": 1795500060}]";
    let got = import_orders(json, gb18030_options()).unwrap();
    assert_eq!(
        (&*got.files[0].format, &*got.files[0].encoding, got.orders[0].id.as_ref()),
        ("json", "GB18030", "订单")
    );
    let forced = ImportOptions { encoding: Some(Encoding::Gb18030), ..gb18030_options() };
    let got = import_orders(&bytes, forced).unwrap();
    assert_eq!((&*got.files[0].encoding, got.orders[0].id.as_ref()), ("GB18030", "订单"));
    let undecodable = b"Order ID,Paid Time\nA\xff\xfe,2024-11-12 09:00:00\n";
    let got = import_orders(undecodable, gb18030_options()).unwrap();
    assert_eq!((&*got.files[0].encoding, got.rows, got.skipped.len()), ("not UTF-8 (undecoded)", 1, 1));

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
    let options = ImportOptions { column_mappings: vec![mapping.clone()], ..ImportOptions::in_zone(Zone::SHANGHAI) };
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
    assert_eq!((&*got.files[0].encoding, got.orders[0].id.as_ref()), ("UTF-16LE", "A1"));
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

/// The 63 columns of a 2026 US Seller Center export, as it writes them (a leading space in
/// ` Virtual Bundle Seller SKU` included).
const US_2026_HEADER: [&str; 63] = [
    "Order ID",
    "Order Status",
    "Order Substatus",
    "Cancelation/Return Type",
    "Normal or Pre-order",
    "SKU ID",
    "Seller SKU",
    "Product ID",
    "Product Name",
    "Variation",
    " Virtual Bundle Seller SKU",
    "Quantity",
    "Sku Quantity of return",
    "SKU Unit Original Price",
    "SKU Subtotal Before Discount",
    "SKU Platform Discount",
    "SKU Seller Discount",
    "SKU Subtotal After Discount",
    "Shipping Fee After Discount",
    "Original Shipping Fee",
    "Shipping Fee Seller Discount",
    "Co-Funded Shipping Fee Discount",
    "Shipping Fee Platform Discount",
    "Payment platform discount",
    "Retail Delivery Fee",
    "Taxes",
    "Order Amount",
    "Order Refund Amount",
    "Created Time",
    "Paid Time",
    "RTS Time",
    "Shipped Time",
    "Delivered Time",
    "Cancelled Time",
    "Cancel By",
    "Cancel Reason",
    "Fulfillment Type",
    "Warehouse Name",
    "Tracking ID",
    "Delivery Option Type",
    "Delivery Option",
    "Shipping Provider Name",
    "Buyer Message",
    "Buyer Nickname",
    "Buyer Username",
    "Recipient",
    "Phone #",
    "Country",
    "State",
    "City",
    "Zipcode",
    "Address Line 1",
    "Address Line 2",
    "Delivery Instruction",
    "Payment Method",
    "Weight(kg)",
    "Product Category",
    "Package ID",
    "Seller Note",
    "Shipping Information",
    "Combined Listing",
    "Order Channel",
    "Creator Handle",
];

/// One row of that export: `cells` by header, the rest empty.
fn us_row(cells: &[(&str, &str)]) -> String {
    let row: Vec<String> = US_2026_HEADER
        .iter()
        .map(|header| {
            let value = cells.iter().find(|(h, _)| h == &header.trim()).map_or("", |(_, v)| v);
            format!("\"{value}\t\"")
        })
        .collect();
    row.join(",")
}

#[test]
fn each_row_is_express_by_its_own_delivery_option_whatever_the_row_before_said() {
    let csv = "Order ID,Paid Time,Delivery Option,Delivery Option Type\n\
               A,2026-03-31 10:00:00,Express shipping,\n\
               B,2026-03-31 10:00:00,Express shipping,\n\
               C,2026-03-31 10:00:00,Standard shipping,\n\
               D,2026-03-31 10:00:00,Standard shipping,Express\n\
               E,2026-03-31 10:00:00,,Express\n\
               F,2026-03-31 10:00:00,,\n\
               G,2026-03-31 10:00:00,Express shipping,Standard\n";
    let got = import_orders(csv.as_bytes(), ImportOptions::in_zone(Zone::LOS_ANGELES)).unwrap();
    let express: Vec<bool> = got.orders.iter().map(|order| order.express).collect();
    assert_eq!(express, [true, true, false, true, true, false, true]);
}

#[test]
fn every_column_of_the_2026_us_export_is_recognised_and_the_fields_that_decide_the_rules_read() {
    let header = US_2026_HEADER.join(",");
    let base = [("Order ID", "576461413038785901"), ("Paid Time", "03/31/2026 11:52:23 PM")];
    let with = |more: &[(&'static str, &'static str)]| us_row(&[&base[..], more].concat());
    let rows = [
        with(&[
            ("Order Status", "To ship"),
            ("Order Substatus", "Awaiting collection"),
            ("Fulfillment Type", "Fulfillment by seller"),
            ("Delivery Option", "Express shipping"),
            ("Normal or Pre-order", "Pre-order"),
            ("Package ID", "1150001"),
            ("Tracking ID", "9497971147104974650754"),
            ("Seller SKU", "MUG"),
        ]),
        // The order's second SKU line ships in a package of its own.
        with(&[("Package ID", "1150002"), ("Tracking ID", "9391703423667127684262"), ("Seller SKU", "CUP")]),
        us_row(&[
            ("Order ID", "576461413038785902"),
            ("Paid Time", "03/31/2026 10:00:00 AM"),
            ("Order Status", "Cancelled"),
            ("Cancel By", "Seller"),
            ("Cancel Reason", "Out of stock"),
            ("Fulfillment Type", "Fulfillment by TikTok Shop"),
        ]),
    ];
    let file = format!("{header}\n{}\n", rows.join("\n"));
    let got = import_orders(file.as_bytes(), ImportOptions::in_zone(Zone::LOS_ANGELES)).unwrap();
    assert_eq!(got.files[0].unrecognised_columns, Vec::<String>::new());
    assert_eq!((got.rows_used, got.orders.len()), (3, 2));
    let split = &got.orders[0];
    assert_eq!(split.status, Some(OrderStatus::AwaitingCollection), "the substatus says more than the status");
    assert_eq!((split.fulfillment, split.kind, split.express), (Fulfillment::BySeller, OrderKind::PreOrder, true));
    assert_eq!(split.package_id.as_deref(), Some("1150001"));
    let more = &split.terms.as_ref().unwrap().more_packages;
    assert_eq!(more, &[(Some("1150002".into()), Some("9391703423667127684262".into()))]);
    let fbt = &got.orders[1];
    assert_eq!(fbt.fulfillment, Fulfillment::ByTiktok);
    assert_eq!(fbt.terms.as_ref().unwrap().cancel_reason.as_deref(), Some("Out of stock"));

    let odd = "Order ID,Paid Time,Gift Wrap\nA,2026-03-31 10:00:00,yes\n";
    let got = import_orders(odd.as_bytes(), ImportOptions::in_zone(Zone::LOS_ANGELES)).unwrap();
    assert_eq!(got.files[0].unrecognised_columns, ["Gift Wrap"]);
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
        let whole = import_orders(&bytes, ImportOptions::in_zone(Zone::SHANGHAI));
        if let Ok(got) = &whole {
            assert_eq!(got.rows, got.rows_used + got.skipped.len() as u64, "{:?}", String::from_utf8_lossy(&bytes));
        }
        // Handed over in pieces, a few rows per call, the same bytes give the same answer.
        let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
        let (size, rows) = (100 + (seed >> 20) as usize % 400, 1 + (seed >> 30) as usize % 3);
        let pieces = read_in_pieces(&mut importer, None, &bytes, size, rows).map(|_| importer.finish());
        assert_eq!(pieces, whole, "pieces of {size}: {:?}", String::from_utf8_lossy(&bytes));
    }
}

/// Reads `bytes` as a page does: handed over in pieces of `size` bytes, at most `max_rows`
/// rows per call, going back to the start when asked. Returns the progress after each call.
fn read_in_pieces(
    importer: &mut Importer,
    file: Option<&str>,
    bytes: &[u8],
    size: usize,
    max_rows: usize,
) -> Result<Vec<Progress>, ImportError> {
    let mut reading = importer.open(file, bytes.len() as u64);
    let mut seen = Vec::new();
    let (mut offset, mut used) = (0, 0);
    loop {
        let piece = &bytes[offset.min(bytes.len())..(offset + size).min(bytes.len())];
        match importer.read_piece(&mut reading, &piece[used..], max_rows)? {
            Step::Next(n) => used += n,
            Step::FromStart => (offset, used) = (0, 0),
            Step::Done => break,
        }
        if used == piece.len() && !piece.is_empty() {
            (offset, used) = (offset + size, 0);
        }
        seen.push(reading.progress());
    }
    assert_eq!(importer.read_piece(&mut reading, &[], max_rows)?, Step::Done, "a read file is done");
    Ok(seen)
}

/// How many times the rows of a file were begun, from the progress of reading it.
/// What came after the look at the file's first bytes, which gathers them and then reads
/// the file from its start.
fn after_sniff(seen: &[Progress]) -> &[Progress] {
    &seen[seen.iter().position(|p| p.bytes_read == 0).unwrap_or(0)..]
}

fn row_passes(seen: &[Progress]) -> usize {
    seen.iter().filter(|p| !p.scanning_dates && p.bytes_read == 0 && p.rows == 0).count()
}

fn month_first_in_utc() -> ImportOptions {
    ImportOptions { ambiguous_date_order: DateOrder::MonthFirst, ..ImportOptions::in_zone(Zone::UTC) }
}

#[test]
fn rows_read_before_a_later_date_decides_otherwise_are_read_again() {
    // Day-first values only after the first rows: those were read month first, as the market.
    let mut text = String::from("Order ID,Paid Time\n");
    text.extend((0..1500).map(|i| format!("A{i},11/12/2024 09:00\n")));
    text.push_str("B,25/12/2024 09:00\n");
    let mut importer = Importer::new(month_first_in_utc());
    let seen = read_in_pieces(&mut importer, Some("dates.csv"), text.as_bytes(), text.len(), 300).unwrap();
    // The first pass takes batches too, and stops at the first rows.
    let first: Vec<u64> = after_sniff(&seen).iter().take_while(|p| p.scanning_dates).map(|p| p.bytes_read).collect();
    assert_eq!(first.len(), 4, "the header, then 300, 600 and 900 rows of {PREVIEW_ROWS}: {first:?}");
    assert!(*first.last().unwrap() < text.len() as u64 * 3 / 4);
    assert_eq!(row_passes(&seen), 2);
    let import = importer.finish();
    let choice = &import.files[0].date_orders[0];
    assert_eq!((choice.order, choice.decided_by), (DateOrder::DayFirst, DecidedBy::Values));
    assert_eq!((import.rows, import.rows_used, import.orders.len()), (1501, 1501, 1501));
    assert_eq!(import.orders[0].paid.unwrap().to_rfc3339(), "2024-12-11T09:00:00+00:00");
}

#[test]
fn a_column_empty_in_the_first_rows_goes_the_way_of_the_others_and_the_rows_are_read_once() {
    let mut text = String::from("Order ID,Paid Time,Delivered Time\n");
    text.extend((0..1200).map(|i| format!("A{i},25/11/2024 09:00,\n")));
    text.extend((1200..1500).map(|i| format!("A{i},25/11/2024 09:00,03/12/2024 10:00\n")));
    text.push_str("B,25/11/2024 09:00,28/12/2024 10:00\n");
    let mut importer = Importer::new(month_first_in_utc());
    let seen = read_in_pieces(&mut importer, None, text.as_bytes(), 4096, 300).unwrap();
    assert_eq!(row_passes(&seen), 1);
    let import = importer.finish();
    let decided: Vec<_> = import.files[0].date_orders.iter().map(|c| (c.column, c.order, c.decided_by)).collect();
    assert_eq!(
        decided,
        [
            (Column::PaidTime, DateOrder::DayFirst, DecidedBy::Values),
            (Column::DeliveredTime, DateOrder::DayFirst, DecidedBy::Values)
        ]
    );
    assert_eq!(import.orders[1300].delivered.unwrap().to_rfc3339(), "2024-12-03T10:00:00+00:00");
    assert_eq!(import.rows_used, 1501);
}

#[test]
fn a_late_conflict_reads_the_rows_again_by_the_market_and_reports_each_odd_row_once() {
    let mut text = String::from("Order ID,Paid Time\n");
    text.extend((0..1500).map(|i| format!("A{i},25/11/2024 09:00\n")));
    text.push_str("B,11/25/2024 09:00\n");
    let mut importer = Importer::new(month_first_in_utc());
    let seen = read_in_pieces(&mut importer, None, text.as_bytes(), 4096, 300).unwrap();
    assert_eq!(row_passes(&seen), 2);
    let import = importer.finish();
    assert_eq!(import.files[0].date_orders[0].decided_by, DecidedBy::Conflict);
    assert_eq!((import.rows, import.rows_used, import.skipped.len()), (1501, 1, 1500));
    assert_eq!(import.files[0].rows, 1501);
}

#[test]
fn successive_exports_read_oldest_first_leave_each_order_as_the_newest_says() {
    let options = ImportOptions { later_files_win: true, ..month_first_in_utc() };
    let mut importer = Importer::new(options);
    let monday = "Order ID,Order Status,Seller SKU,Paid Time,Shipped Time\n\
                  A,Awaiting shipment,MUG,11/30/2026 09:00,\n\
                  A,Awaiting shipment,LAMP,11/30/2026 09:00,\n\
                  B,Awaiting shipment,MUG,11/30/2026 10:00,\n";
    let tuesday = "Order ID,Order Status,Seller SKU,Paid Time,Shipped Time\n\
                   A,In transit,MUG,11/30/2026 09:00,12/01/2026 08:00\n\
                   C,Awaiting shipment,SOCK,12/01/2026 07:00,\n";
    importer.read(Some("monday.csv"), monday.as_bytes()).unwrap();
    importer.read(Some("tuesday.csv"), tuesday.as_bytes()).unwrap();
    let import = importer.finish();
    let ids: Vec<&str> = import.orders.iter().map(|o| o.id.as_ref()).collect();
    assert_eq!(ids, ["A", "B", "C"]);
    let a = &import.orders[0];
    assert_eq!(a.status, Some(OrderStatus::InTransit));
    assert_eq!(a.shipped.unwrap().to_rfc3339(), "2026-12-01T08:00:00+00:00");
    assert_eq!(a.lines.len(), 1, "Tuesday's rows, not Monday's added to them");
    assert_eq!((a.line, import.orders_updated), (2, 1));
    assert!(import.orders_in_several_files.is_empty());
    assert_eq!((import.rows, import.rows_used), (5, 5));
}

#[test]
fn each_file_takes_the_shop_the_seller_named_it_as_and_a_shop_column_wins() {
    let file_shops = vec![("east.csv".into(), "East Shop".into()), ("west.csv".into(), "West Shop".into())];
    let mut importer = Importer::new(ImportOptions { file_shops, ..month_first_in_utc() });
    importer.read(Some("east.csv"), b"Order ID,Paid Time\nA,11/30/2026 09:00\n").unwrap();
    importer
        .read(Some("west.csv"), b"Order ID,Shop Name,Paid Time\nB,,11/30/2026 09:00\nC,North Shop,11/30/2026 09:00\n")
        .unwrap();
    importer.read(Some("other.csv"), b"Order ID,Paid Time\nD,11/30/2026 09:00\n").unwrap();
    let import = importer.finish();
    let shops: Vec<Option<&str>> = import.orders.iter().map(|o| o.shop.as_deref()).collect();
    assert_eq!(shops, [Some("East Shop"), Some("West Shop"), Some("North Shop"), None]);
}

#[test]
fn a_file_after_one_with_orders_is_looked_at_whole_before_its_rows_are_read() {
    // Its rows could change orders already read, so they are read once, after all its dates.
    let mut importer = Importer::new(month_first_in_utc());
    importer.read(Some("a.csv"), b"Order ID,Paid Time\nA0,11/12/2024 09:00\n").unwrap();
    let mut text = String::from("Order ID,Paid Time\n");
    text.extend((0..1500).map(|i| format!("A{i},11/12/2024 09:00\n")));
    text.push_str("B,25/12/2024 09:00\n");
    let seen = read_in_pieces(&mut importer, Some("b.csv"), text.as_bytes(), 4096, 300).unwrap();
    let first = seen.iter().take_while(|p| p.scanning_dates).count();
    assert_eq!(seen[first - 1].bytes_read, text.len() as u64);
    assert_eq!(row_passes(&seen), 1);
    let import = importer.finish();
    assert_eq!(import.files[1].date_orders[0].order, DateOrder::DayFirst);
    assert_eq!(import.orders[0].paid.unwrap().to_rfc3339(), "2024-11-12T09:00:00+00:00", "as a.csv read it");
    assert_eq!(import.orders[1].paid.unwrap().to_rfc3339(), "2024-12-11T09:00:00+00:00");
    assert_eq!(import.orders_in_several_files, ["A0"]);
}

#[test]
fn a_file_read_in_pieces_gives_the_same_import_and_progress_along_the_way() {
    let body: String = (0..1000).map(|i| format!("A{i},2024-11-12 09:00:00,,,,Zoë Brontë\n")).collect();
    let text = format!("{HEADER}{body}B,yesterday,,,,\n");
    let whole = import_orders(text.as_bytes(), ImportOptions::in_zone(Zone::SHANGHAI)).unwrap();
    // Pieces of 1,000 bytes cut rows and, somewhere, the two bytes of an "ë".
    let cut = (1..text.len() / 1000).any(|k| !text.is_char_boundary(k * 1000));
    assert!(cut);
    let mut importer = Importer::new(ImportOptions::in_zone(Zone::SHANGHAI));
    let seen = read_in_pieces(&mut importer, Some("big.csv"), text.as_bytes(), 1000, 300).unwrap();
    let pieces = importer.finish();
    let differ = pieces.orders.iter().zip(&whole.orders).position(|(a, b)| a != b);
    assert_eq!(differ.map(|i| (&pieces.orders[i], &whole.orders[i])), None);
    assert_eq!(pieces.orders.len(), whole.orders.len());
    assert_eq!((pieces.rows, pieces.rows_used, &*pieces.files[0].encoding), (1001, 1000, "UTF-8"));
    assert_eq!(pieces.skipped[0].file.as_deref(), Some("big.csv"));
    assert_eq!(pieces.files.len(), 1);
    // The first pass looks at the first rows (is the text UTF-8? how are its dates written?),
    // then the rows are read, once.
    let seen = after_sniff(&seen);
    let first = seen.iter().take_while(|p| p.scanning_dates).count();
    let first_pass: Vec<u64> = seen[..first].iter().map(|p| p.bytes_read).collect();
    assert!(first_pass.windows(2).all(|w| w[0] <= w[1]), "{first_pass:?}");
    assert_eq!(row_passes(seen), 1);
    let rows: Vec<u64> = seen[first..].iter().map(|p| p.rows).collect();
    // The rows are read a piece, or 300 rows, at a time.
    assert!(rows.windows(2).all(|w| w[0] <= w[1] && w[1] - w[0] <= 300), "{rows:?}");
    assert!(rows.len() > 40);
    assert_eq!(seen.last().unwrap().bytes_read, text.len() as u64);
}

#[test]
fn a_file_found_not_to_be_utf8_midway_is_read_again_and_decoded_as_it_comes() {
    // Found in the first rows, and after them, once rows have become orders.
    for count in [500, 1500] {
        let mut bytes = b"Order ID,Paid Time,Product Name\n".to_vec();
        for i in 0..count {
            bytes.extend(format!("A{i},2024-11-12 09:00:00,mug\n").bytes());
        }
        // "单" in GB18030, far past the first piece, its two bytes cut by the end of a piece.
        bytes.extend(b"B,2024-11-12 09:00:00,");
        bytes.resize((bytes.len() / 4096 + 1) * 4096 - 1, b'x');
        bytes.extend(b"\xb5\xa5\n");
        let mut importer = Importer::new(gb18030_options());
        // An earlier file that gave no order: its row stays reported.
        importer.read(Some("none.csv"), b"Order ID,Paid Time\n,2024-11-12 09:00:00\n").unwrap();
        let seen = read_in_pieces(&mut importer, Some("gbk.csv"), &bytes, 4096, 100).unwrap();
        let import = importer.finish();
        assert_eq!(
            (&*import.files[1].encoding, import.orders.len(), import.rows),
            ("GB18030", count + 1, count as u64 + 2)
        );
        assert_eq!((import.files[1].rows, import.skipped.len()), (count as u64 + 1, 1));
        assert!(import.orders[count].lines[0].product.ends_with("xx单"));
        // Progress counts the file's own bytes, up to all of them.
        assert!(seen.iter().all(|p| p.bytes_read <= bytes.len() as u64));
        assert_eq!(seen.last().unwrap().bytes_read, bytes.len() as u64);
    }
}

#[test]
fn json_gathered_in_pieces_is_told_utf8_or_not_across_their_edges() {
    let json = |product: &[u8]| {
        let mut bytes = br#"[{"Order ID": "A1", "Paid Time": "2024-11-12 09:00:00", "Product Name": ""#.to_vec();
        bytes.extend(product);
        bytes.extend(br#""}, {"Order ID": "A2", "Paid Time": "2024-11-12 09:00:00"}]"#);
        bytes
    };
    let utf8 = json("Zoë".as_bytes());
    // Pieces whose edge cuts the "ë" in two.
    let size = utf8.windows(2).position(|w| w == "ë".as_bytes()).unwrap() + 1;
    for (bytes, encoding, product) in [(utf8, "UTF-8", "Zoë"), (json(b"\xb5\xa5"), "GB18030", "单")] {
        let mut importer = Importer::new(gb18030_options());
        let seen = read_in_pieces(&mut importer, None, &bytes, size, 1).unwrap();
        let import = importer.finish();
        assert_eq!((&*import.files[0].encoding, &*import.orders[0].lines[0].product), (encoding, product));
        assert_eq!((import.rows, import.orders.len()), (2, 2));
        // Gathered, then read an order per call, up to the array's last `]`.
        assert_eq!(seen.last().unwrap().bytes_read, seen.last().unwrap().total_bytes - 1);
    }
}

/// A stand-in for the browser's GB18030 decoder that knows two characters, 订 and 单, and
/// decodes a piece at a time: a character's first byte at the end of a piece waits.
struct StandIn(Option<u8>);

impl TextDecode for StandIn {
    fn decode(&mut self, bytes: &[u8], last: bool, text: &mut Vec<u8>) -> bool {
        for &byte in bytes {
            match self.0.take() {
                None if byte < 0x80 => text.push(byte),
                None => self.0 = Some(byte),
                Some(lead) => match [lead, byte] {
                    [0xb6, 0xa9] => text.extend("订".as_bytes()),
                    [0xb5, 0xa5] => text.extend("单".as_bytes()),
                    _ => return false,
                },
            }
        }
        !(last && self.0.is_some())
    }
}

fn gb18030_options() -> ImportOptions {
    fn stand_in(label: &str) -> Option<Box<dyn TextDecode>> {
        (label == GB18030).then(|| Box::new(StandIn(None)) as Box<dyn TextDecode>)
    }
    ImportOptions { legacy_decoder: Some(stand_in), ..ImportOptions::in_zone(Zone::SHANGHAI) }
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
