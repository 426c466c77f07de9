use super::*;
use crate::import::{import_orders, ImportOptions};
use crate::timestamp::DateOrder;
use crate::zone::Zone;

const CONTENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="166925"/><sheets><sheet name="订单 &amp; Orders" sheetId="1" r:id="rId1"/><sheet name="Returns" sheetId="2" r:id="rId2"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// Shared strings as Excel writes them: plain, with rich-text runs, with a phonetic guide, and
/// with a carriage return escaped the OOXML way.
const SHARED: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6"><si><t>Order ID</t></si><si><t>Paid Time</t></si><si><r><rPr><b/></rPr><t>Tracking</t></r><r><t xml:space="preserve"> ID</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>line one_x000D_
line two</t></si><si><t/></si><si><t>Quantity</t></si></sst>"#;

/// Style 1 is a built-in date (14), style 2 a custom date-time, style 3 a custom number
/// format whose quoted text has a "d" in it.
const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy/mm/dd\ hh:mm:ss"/><numFmt numFmtId="165" formatCode="0.00&quot; pcs, dozens&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/></cellXfs></styleSheet>"#;

/// Excel's shape: shared strings, styled dates, a skipped cell, a skipped row, an ID that
/// Excel kept as a number, a boolean and an error.
const SHEET: &str = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>6</v></c><c r="E1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="str"><f>"5764"&amp;"61"</f><v>576461</v></c><c r="B2" s="2"><v>45611.375</v></c><c r="D2" s="3"><v>2</v></c><c r="E2" t="s"><v>4</v></c></row><row r="4"><c r="A4"><v>5.7646141303878502E+17</v></c><c r="B4" s="1"><v>45612</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c><c r="E4" t="s"><v>5</v></c></row></sheetData></worksheet>"#;

const RETURNS: &str = r#"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>only</x:t></x:is></x:c><x:c><x:v>12.5</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;

fn workbook(workbook: &str, deflate: bool) -> Vec<u8> {
    zip::build(&parts(workbook).map(|(name, content)| (name, content, deflate)))
}

fn parts(workbook: &str) -> [(&str, &[u8]); 8] {
    [
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", CONTENT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/sharedStrings.xml", SHARED.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/worksheets/sheet1.xml", SHEET.as_bytes()),
        ("xl/worksheets/sheet2.xml", RETURNS.as_bytes()),
    ]
}

/// The sheet's CSV, read in slices of `slice` bytes of XML.
fn read_all(rows: &mut SheetRows, slice: usize) -> Result<String, String> {
    let (mut csv, mut sheet_csv) = (Vec::new(), SheetCsv::default());
    while sheet_csv.read(rows, slice, &mut csv)? {}
    Ok(String::from_utf8(csv).unwrap())
}

/// The sheet's CSV, read in slices of every size from 1 byte up, each the same; and again after
/// a restart.
fn csv_text(sheet: &mut Sheet) -> String {
    let whole = read_all(&mut sheet.rows, 1 << 20).unwrap();
    for slice in 1..64 {
        sheet.rows.restart();
        assert_eq!(read_all(&mut sheet.rows, slice).unwrap(), whole, "slices of {slice} bytes");
    }
    whole
}

/// What opening and reading the sheet comes to.
fn sheet_as_csv(bytes: Vec<u8>, wanted: Option<&str>) -> Result<String, String> {
    read_all(&mut sheet(bytes, wanted)?.rows, 5)
}

/// [`sheet_as_csv`] of the test workbook with `sheet_xml` as its first sheet.
fn first_sheet_as_csv(sheet_xml: &str) -> Result<String, String> {
    let mut parts = parts(WORKBOOK);
    parts[6].1 = sheet_xml.as_bytes();
    sheet_as_csv(zip::build(&parts.map(|(name, content)| (name, content, true))), None)
}

#[test]
fn an_excel_written_sheet_reads_as_excel_shows_it() {
    for deflate in [true, false] {
        let mut sheet = sheet(workbook(WORKBOOK, deflate), None).unwrap();
        assert_eq!(sheet.name, "订单 & Orders");
        assert_eq!(sheet.names, ["订单 & Orders", "Returns"]);
        assert_eq!(
            csv_text(&mut sheet),
            "Order ID,Paid Time,Tracking ID,Quantity,東京\n\
             576461,2024-11-15 09:00:00,,2,\"line one\r\nline two\"\n\
             \n\
             5.76461E+17,2024-11-16 00:00:00,TRUE,#N/A\n"
        );
    }
}

#[test]
fn the_sheet_the_seller_names_is_read_and_a_missing_one_named_with_the_choices() {
    let mut sheet = sheet(workbook(WORKBOOK, true), Some("Returns")).unwrap();
    assert_eq!(csv_text(&mut sheet), "only,12.5\n");
    let error = sheet_as_csv(workbook(WORKBOOK, true), Some("Notes")).map(|_| ()).unwrap_err();
    assert_eq!(error, "no sheet \"Notes\"; the workbook has 订单 & Orders, Returns");
}

#[test]
fn a_byte_that_is_not_utf8_in_a_sheet_reads_as_a_replacement_character_and_the_rest_as_written() {
    // 0xFF is never part of UTF-8 text.
    let damaged = RETURNS.replace("only", "on\u{1}ly");
    let bytes: Vec<u8> = damaged.bytes().map(|b| if b == 1 { 0xff } else { b }).collect();
    let mut parts = parts(WORKBOOK);
    parts[7].1 = &bytes;
    let archive = zip::build(&parts.map(|(name, content)| (name, content, true)));
    let mut sheet = sheet(archive, Some("Returns")).unwrap();
    assert_eq!(csv_text(&mut sheet), "on\u{fffd}ly,12.5\n");
}

#[test]
fn a_1904_workbook_counts_its_dates_from_1904() {
    let mac = WORKBOOK.replace("<workbookPr defaultThemeVersion=\"166925\"/>", "<workbookPr date1904=\"1\"/>");
    let csv = sheet_as_csv(workbook(&mac, true), None).unwrap();
    // 45611.375 days after 1904-01-01 is 1462 days later than in the 1900 system.
    assert!(csv.contains(",2028-11-16 09:00:00,"), "{csv}");
}

#[test]
fn numbers_dates_and_formats_read_as_excel_shows_them() {
    assert_eq!(float_text(3.0), "3");
    assert_eq!(float_text(12.5), "12.5");
    assert_eq!(float_text(576461413038785001.0), "5.76461E+17");
    assert!(crate::excel::is_scientific_notation(&float_text(576461413038785001.0)));
    // 45611.5 is 2024-11-15 12:00 in Excel's 1900 date system.
    assert_eq!(serial_date_text(45611.5, Epoch::Y1900), "2024-11-15 12:00:00");
    assert_eq!(serial_date_text(45611.0 + 9.0 / 24.0 + 5.0 / 1440.0, Epoch::Y1900), "2024-11-15 09:05:00");
    assert_eq!(serial_date_text(1e13, Epoch::Y1900), "10000000000000");
    assert!(is_date_format("m/d/yyyy h:mm AM/PM"));
    assert!(is_date_format("[$-409]dd-mmm-yy;@"));
    assert!(!is_date_format("[Red]#,##0.00_);(#,##0.00)"));
    assert!(!is_date_format("0\" days\""));
    assert!(!is_date_format("General"));
    assert_eq!(
        (column_of("A1"), column_of("AB12"), column_of("XFD1"), column_of("XFE1")),
        (Some(0), Some(27), Some(16_383), None)
    );
    assert_eq!(resolve("xl", "../customXml/item.xml"), "customXml/item.xml");
}

#[test]
fn a_shared_strings_number_may_have_xmls_spaces_around_it_and_nothing_else() {
    let read_with_cell_d1 = |value: &str| first_sheet_as_csv(&SHEET.replace("<v>6</v>", &format!("<v>{value}</v>")));
    assert!(read_with_cell_d1("\n 6\t").unwrap().starts_with("Order ID,Paid Time,Tracking ID,Quantity,"));
    assert_eq!(
        read_with_cell_d1("\u{a0}6").unwrap_err(),
        "cell D1 names shared string \"\\u{a0}6\", and the workbook has 7"
    );
    assert_eq!(read_with_cell_d1("7").unwrap_err(), "cell D1 names shared string \"7\", and the workbook has 7");
}

#[test]
fn a_cell_of_text_as_excel_writes_it_is_read_byte_by_byte_as_any_cell_would_read_it() {
    for (xml, text) in [
        (r#"<c r="B2" t="s"><v>7</v></c><c r="C2">"#, CellText::Shared(7)),
        (r#"<c r="AB12" s="3" t="s"><v>0042</v></c>"#, CellText::Shared(42)),
        (r#"<c r="XFD1048576" t="s"><v>999999999</v></c></row>"#, CellText::Shared(999_999_999)),
        (r#"<c r="C3" t="inlineStr"><is><t>a &amp; b</t></is></c>"#, CellText::Inline("a & b".into())),
        (
            r#"<c r="D3" s="1" t="inlineStr"><is><t xml:space="preserve"> 东京 </t></is></c><c"#,
            CellText::Inline(" 东京 ".into()),
        ),
        (r#"<c r="E3" t="inlineStr"><is><t></t></is></c>"#, CellText::Inline("".into())),
    ] {
        let (column, read, after) = text_cell(xml).unwrap();
        assert_eq!(read, text, "{xml}");
        let (cell, rest) = excel_cell(xml).unwrap();
        let value = match cell.kind.as_deref() {
            Some("s") => CellText::Shared(cell.value.parse().unwrap()),
            _ => CellText::Inline(cell.value),
        };
        assert_eq!((column, read, after), (cell.column, value, rest), "{xml}");
    }
    for other in [
        r#"<c r="A1" t="str"><v>1</v></c>"#,
        r#"<c r="A1"><v>1</v></c>"#,
        r#"<c r="A1" t="s"/>"#,
        r#"<c r="A1" t="s"><v>1</v>"#,
        r#"<c t="s" r="A1"><v>1</v></c>"#,
        r#"<c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c>"#,
        r#"<c r="A1" t="inlineStr"><is><t>a</t><rPh><t>b</t></rPh></is></c>"#,
        // Whatever any cell's reader reads otherwise: spaces, lower case, a reference without
        // its row or its column, a style that is not a number, escapes, a string's number too
        // long to be one, a column past Excel's last.
        r#" <c r="A1" t="s"><v>1</v></c>"#,
        r#"<c r="A1" t="s"><v> 1 </v></c>"#,
        r#"<c r="a1" t="s"><v>1</v></c>"#,
        r#"<c r="A" t="s"><v>1</v></c>"#,
        r#"<c r="1" t="s"><v>1</v></c>"#,
        r#"<c r="A1" s="x" t="s"><v>1</v></c>"#,
        r#"<c r="A1" t="s"><v>&#49;</v></c>"#,
        r#"<c r="A1" t="s"><v>1234567890</v></c>"#,
        r#"<c r="XFE1" t="s"><v>1</v></c>"#,
        "",
    ] {
        assert_eq!(text_cell(other), None, "{other}");
    }
}

#[test]
fn a_cell_written_as_excel_writes_it_is_read_in_one_step_as_attribute_by_attribute() {
    fn read_both(xml: &str) -> (Option<CellTag<'_>>, CellTag<'_>) {
        let tag = xml::tags(xml).next().unwrap();
        (CellTag::as_excel_writes(tag.attributes_text()), CellTag::attribute_by_attribute(&tag))
    }
    for excel in [r#"<c r="A1">"#, r#"<c r="B2" t="s">"#, r#"<c r="AB12" s="3">"#, r#"<c r="C3" s="14" t="str">"#] {
        let (one_step, each) = read_both(excel);
        assert_eq!(one_step, Some(each), "{excel}");
    }
    let (one_step, each) = read_both(r#"<c r="D4" s="2" t="s">"#);
    assert_eq!(each, CellTag { reference: Some("D4".into()), kind: Some("s".into()), style: Some(2) });
    assert_eq!(one_step, Some(each));
    // Any other shape is left to the reading of each attribute, which knows them all.
    for other in [
        r#"<c>"#,
        r#"<c t="s" r="A1">"#,
        r#"<c r='A1'>"#,
        r#"<c r="A1" >"#,
        "<c\tr=\"A1\">",
        r#"<c r = "A1">"#,
        r#"<c r="A1" t="s" cm="1">"#,
        r#"<c r="&#65;1">"#,
        r#"<c r="A1" t="_x0073_">"#,
        r#"<c r="A1" s="1" s="2">"#,
        r#"<x:c x:r="A1">"#,
    ] {
        assert_eq!(read_both(other).0, None, "{other}");
    }
    assert_eq!(read_both(r#"<c r="&#65;1">"#).1.reference.as_deref(), Some("A1"));
}

#[test]
fn a_cells_lone_value_is_read_in_one_step_and_any_other_shape_tag_by_tag() {
    assert_eq!(lone_value("<v>36</v></c><c r=\"B2\">"), Some(("36", "<c r=\"B2\">")));
    assert_eq!(lone_value("<v></v></c>"), Some(("", "")));
    assert_eq!(lone_value("<v>a &amp; b</v></c>"), Some(("a &amp; b", "")));
    assert_eq!(lone_value("<is><t>Order ID</t></is></c><c>"), Some(("Order ID", "<c>")));
    assert_eq!(lone_value("<is><t xml:space=\"preserve\"> ID</t></is></c>"), Some((" ID", "")));
    for other in [
        "<f>1+1</f><v>2</v></c>",
        "<v>1</v><v>2</v></c>",
        "<x:v>1</x:v></x:c>",
        "<is><r><t>a</t></r></is></c>",
        "<is><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></is></c>",
        "<is><t>a</t></is>",
        "<v>1",
        "",
    ] {
        assert_eq!(lone_value(other), None, "{other}");
    }
}

#[test]
fn a_whole_cell_as_excel_writes_it_is_read_in_one_step_and_any_other_shape_tag_by_tag() {
    let read = |xml| {
        excel_cell(xml).map(|(cell, after)| {
            (cell.column, cell.kind.map(Cow::into_owned), cell.style, cell.value.into_owned(), after)
        })
    };
    let s = Some("s".to_owned());
    assert_eq!(read(r#"<c r="B2" t="s"><v>7</v></c><c r="C2">"#), Some((1, s, None, "7".into(), r#"<c r="C2">"#)));
    assert_eq!(read(r#"<c r="AB12" s="3"><v>4.5</v></c>"#), Some((27, None, Some(3), "4.5".into(), "")));
    let inline = Some("inlineStr".to_owned());
    assert_eq!(
        read(r#"<c r="C3" t="inlineStr"><is><t>a &amp; b</t></is></c>"#),
        Some((2, inline, None, "a & b".into(), ""))
    );
    // What stands between two tags is passed over, as the tag reader passes it over.
    assert_eq!(read("\n  <c r=\"D4\" s=\"1\"/><c"), Some((3, None, Some(1), String::new(), "<c")));
    for other in [
        r#"<c r="A1" />"#,
        // The tag reader ends a tag at its first `>`, wherever it is.
        r#"<c r="A>1"><v>1</v></c>"#,
        r#"<c r="A1">  <v>1</v></c>"#,
        r#"<c r="A1"><f>1+1</f><v>2</v></c>"#,
        r#"<c t="s" r="A1"><v>1</v></c>"#,
        r#"<c r="A&#49;"><v>1</v></c>"#,
        // A reference that names no column, or one past Excel's last, is the tag reader's to report.
        r#"<c r="1"><v>1</v></c>"#,
        r#"<c r="XFE1"><v>1</v></c>"#,
        r#"<x:c r="A1"><x:v>1</x:v></x:c>"#,
        r#"<col min="1" max="2"/>"#,
        r#"<row r="2">"#,
        r#"<!-- <c r="A1"/> -->"#,
        r#"<c r="A1"><v>1</v>"#,
        "",
    ] {
        assert_eq!(read(other), None, "{other}");
    }
}

#[test]
fn a_sheet_reads_the_same_whether_its_cells_are_read_in_one_step_or_tag_by_tag() {
    // Two spaces after the name: no cell is in Excel's own shape, each is read tag by tag.
    let tag_by_tag = SHEET.replace("<c r=", "<c  r=");
    assert_eq!(tag_by_tag.matches("<c  r=").count(), 14);
    assert_eq!(first_sheet_as_csv(&tag_by_tag).unwrap(), first_sheet_as_csv(SHEET).unwrap());
}

#[test]
fn shared_strings_read_the_same_whether_read_in_one_step_or_tag_by_tag() {
    // A space in each `<si >`: no string is in Excel's own shape, each is read tag by tag.
    let tag_by_tag = SHARED.replace("<si>", "<si >");
    assert_eq!(tag_by_tag.matches("<si >").count(), 7);
    let mut parts = parts(WORKBOOK);
    parts[4].1 = tag_by_tag.as_bytes();
    let read = sheet_as_csv(zip::build(&parts.map(|(name, content)| (name, content, true))), None);
    assert_eq!(read.unwrap(), first_sheet_as_csv(SHEET).unwrap());
}

#[test]
fn a_shared_strings_lone_run_is_read_in_one_step_and_any_other_shape_tag_by_tag() {
    assert_eq!(lone_text("<t>Order ID</t></si><si>"), Some(("Order ID", "<si>")));
    assert_eq!(lone_text("<t xml:space=\"preserve\"> ID</t></si>"), Some((" ID", "")));
    assert_eq!(lone_text("<t></t></si>"), Some(("", "")));
    for other in [
        "<r><t>a</t></r></si>",
        "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>",
        "<t/></si>",
        "<x:t>a</x:t></x:si>",
        "<t>a",
    ] {
        assert_eq!(lone_text(other), None, "{other}");
    }
}

#[test]
fn bytes_that_are_not_a_workbook_are_an_error_not_a_panic() {
    assert!(sheet_as_csv(b"PK\x03\x04 not really".to_vec(), None).is_err());
    let no_workbook = zip::build(&[("_rels/.rels", CONTENT_RELS.as_bytes(), true)]);
    assert!(sheet_as_csv(no_workbook, None).map(|_| ()).unwrap_err().contains("no workbook part"));
    let far_row = SHEET.replace("<row r=\"4\">", "<row r=\"99999999\">");
    let damaged = zip::build(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes(), true),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes(), true),
        ("xl/sharedStrings.xml", SHARED.as_bytes(), true),
        ("xl/worksheets/sheet1.xml", far_row.as_bytes(), true),
    ]);
    assert!(sheet_as_csv(damaged, None).map(|_| ()).unwrap_err().contains("beyond Excel's last row"));
}

#[test]
fn every_cut_of_a_workbook_is_read_or_refused_never_a_panic() {
    let bytes = workbook(WORKBOOK, true);
    for cut in (0..bytes.len()).step_by(7) {
        let _ = sheet_as_csv(bytes[..cut].to_vec(), None);
    }
    // Any one byte changed, in the directory, the headers or the deflated data.
    for at in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5a;
        let _ = sheet_as_csv(damaged, None);
    }
    // The sheet's XML cut anywhere still gives rows or an error.
    for cut in 0..SHEET.len() {
        if SHEET.is_char_boundary(cut) {
            let mut shared = SharedStrings::default();
            read_shared_strings(SHARED, &mut shared).unwrap();
            let book = Book { shared, dates: date_styles(STYLES), epoch: Epoch::Y1900 };
            let _ = book.read_rows(&SHEET[..cut], &mut RowsMade::default(), &mut RowBatch::default());
        }
    }
    // The sheet's packed bytes cut short, or changed, in a workbook whose directory is whole.
    let packed = miniz_oxide::deflate::compress_to_vec(SHEET.as_bytes(), 6);
    for cut in 0..packed.len() {
        let cut_short = workbook_with_sheet(&packed[..cut]);
        assert!(sheet_as_csv(cut_short, None).is_err(), "cut at {cut}");
    }
    for at in 0..packed.len() {
        let mut changed = packed.clone();
        changed[at] ^= 0x5a;
        let _ = sheet_as_csv(workbook_with_sheet(&changed), None);
    }
}

/// The test workbook with its first sheet's part replaced by `deflated`, packed bytes the
/// directory says unpack to the sheet's size.
fn workbook_with_sheet(deflated: &[u8]) -> Vec<u8> {
    let parts = parts(WORKBOOK).map(|(name, content)| match name {
        "xl/worksheets/sheet1.xml" => (name, true, deflated.to_vec(), SHEET.len()),
        _ => (name, false, content.to_vec(), content.len()),
    });
    zip::build_packed(&parts)
}

#[test]
fn a_large_sheet_is_imported_a_slice_at_a_time_as_its_csv_would_be() {
    // More rows than the importer looks at first, more XML than a slice, and a day-first date
    // only in the last row, so that the rows are read again from the first.
    let cell = |text: &str| format!(r#"<c t="inlineStr"><is><t>{text}</t></is></c>"#);
    let mut csv = String::from("Order ID,Paid Time\n");
    let mut xml = format!(r#"<worksheet><sheetData><row r="1">{}{}</row>"#, cell("Order ID"), cell("Paid Time"));
    for i in 0..15_000 {
        let paid = if i == 14_999 { "25/12/2024 09:00" } else { "11/12/2024 09:00" };
        csv.push_str(&format!("A{i},{paid}\n"));
        xml.push_str(&format!(r#"<row r="{}">{}{}</row>"#, i + 2, cell(&format!("A{i}")), cell(paid)));
    }
    xml.push_str("</sheetData></worksheet>");
    assert!(xml.len() > 1 << 20, "more than one slice: {}", xml.len());
    let bytes = zip::build(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes(), true),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes(), true),
        ("xl/worksheets/sheet1.xml", xml.as_bytes(), true),
    ]);
    let options = ImportOptions { ambiguous_date_order: DateOrder::MonthFirst, ..ImportOptions::in_zone(Zone::UTC) };
    let from_sheet = import_orders(&bytes, options.clone()).unwrap();
    let from_csv = import_orders(csv.as_bytes(), options).unwrap();
    assert_eq!((from_sheet.rows, from_sheet.rows_used), (15_000, 15_000));
    assert_eq!(from_sheet.files[0].date_orders, from_csv.files[0].date_orders);
    assert_eq!(from_sheet.files[0].date_orders[0].order, DateOrder::DayFirst);
    assert_eq!(from_sheet.orders[0].paid.unwrap().to_rfc3339(), "2024-12-11T09:00:00+00:00");
    assert!(from_sheet.orders == from_csv.orders, "the sheet's orders differ from the CSV's");
}

#[test]
fn a_workbooks_rows_are_reported_by_their_row_numbers_whatever_their_cells_hold() {
    let cell = |text: &str| format!(r#"<c t="inlineStr"><is><t>{text}</t></is></c>"#);
    let row = |number: u32, cells: &[&str]| {
        format!(r#"<row r="{number}">{}</row>"#, cells.iter().map(|text| cell(text)).collect::<String>())
    };
    // Row 2 is skipped, row 4 has no cells, and a cell of row 3 holds two line breaks.
    let xml = [
        r#"<worksheet><sheetData>"#.to_owned(),
        row(1, &["Order ID", "Paid Time", "Product Name"]),
        row(3, &["A1", "2024-12-11 09:00", "Mug\nblue\nlarge"]),
        r#"<row r="4"/>"#.to_owned(),
        row(5, &["A2", "not a time", "Mug"]),
        row(6, &["", "2024-12-11 10:00", "Mug"]),
        row(7, &["A3", "2024-12-11 11:00", "Mug"]),
        "</sheetData></worksheet>".to_owned(),
    ]
    .concat();
    let bytes = zip::build(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes(), true),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes(), true),
        ("xl/worksheets/sheet1.xml", xml.as_bytes(), true),
    ]);
    let import = import_orders(&bytes, ImportOptions::in_zone(Zone::UTC)).unwrap();
    let lines = |skipped: &[crate::import::SkippedRow]| skipped.iter().map(|row| row.line).collect::<Vec<_>>();
    assert_eq!(lines(&import.skipped), [5, 6]);
    assert_eq!((import.rows, import.rows_used), (4, 2));
    let ids: Vec<&str> = import.orders.iter().map(|order| &*order.id).collect();
    assert_eq!(ids, ["A1", "A3"]);
    assert_eq!(&*import.orders[0].lines[0].product, "Mug\nblue\nlarge");
    assert_eq!((import.orders[0].line, import.orders[1].line), (3, 7));
}

#[test]
fn shared_strings_are_found_by_number_across_their_blocks() {
    let mut strings = SharedStrings::default();
    let big = "x".repeat(SharedStrings::BLOCK + 5);
    let texts: Vec<String> =
        (0..300_000).map(|i| format!("text {i}")).chain([String::new(), big, "after".into()]).collect();
    for text in &texts {
        strings.push(text);
    }
    assert!(strings.blocks.len() > 3, "{} blocks", strings.blocks.len());
    for (i, text) in texts.iter().enumerate() {
        assert_eq!(strings.get(i), Some(text.as_str()), "string {i}");
    }
    assert_eq!(strings.get(texts.len()), None);
}

#[test]
fn a_row_of_64_mib_of_xml_is_read_as_one_too_long_to_hold_and_a_row_that_never_ends_is_refused_past_it() {
    // Each row made: its number, whether it was too long to hold, and its text's length.
    let rows_of = |xml: &str| {
        let parts = parts(WORKBOOK).map(|(name, content)| match name {
            "xl/worksheets/sheet1.xml" => (name, false, xml.as_bytes().to_vec(), xml.len()),
            _ => (name, false, content.to_vec(), content.len()),
        });
        let mut sheet = sheet(zip::build_packed(&parts), None)?.rows;
        let (mut made, mut batch) = (Vec::new(), RowBatch::default());
        loop {
            batch.clear();
            let more = sheet.read(SLICE, &mut batch)?;
            while let Some(row) = batch.take() {
                made.push((row.line, row.oversized, row.text().len()));
            }
            if !more {
                return Ok::<_, String>(made);
            }
        }
    };
    const SLICE: usize = 1 << 20;
    let open = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
    let close = "</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>7</v></c></row></sheetData></worksheet>";
    // A row whose XML, end tag included, is exactly the limit: read, and too long for a row
    // (as a delimited file's is), so its text is not held; the row after it is read as ever.
    let row_start = open.find("<row").unwrap();
    let text = |row_bytes: usize| "x".repeat(row_bytes - (open.len() - row_start) - "</t></is></c></row>".len());
    let at_limit = format!("{open}{}{close}", text(MAX_ELEMENT_BYTES));
    assert_eq!(rows_of(&at_limit).unwrap(), [(1, true, 0), (2, false, 1)]);
    // Without its end, the row grows past the limit and is refused there, not held to the end.
    let unending = format!("{open}{}", "x".repeat(MAX_ELEMENT_BYTES + 2 * SLICE));
    let refused = rows_of(&unending).unwrap_err();
    assert!(refused.contains("an element larger than 64 MB"), "{refused}");
}
