//! XLSX workbooks (Seller Center's default export), turned into CSV text so that one reader
//! serves every format. The seller picks the sheet; the first is the default. Cells become the
//! text Excel would show for them, with one exception made on purpose: a number too long for
//! Excel to keep exactly (an 18-digit order ID stored as a number) is written in scientific
//! notation, so the importer reports it as the loss it is instead of a wrong order ID.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::Sheet;

/// Reads the sheet called `wanted` (or the first) of the workbook in `bytes`.
pub fn sheet_as_csv(bytes: Vec<u8>, wanted: Option<&str>) -> Result<Sheet, String> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not a readable XLSX workbook: {e}"))?;
    let names = workbook.sheet_names();
    let name = match wanted {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| format!("no sheet {wanted:?}; the workbook has {}", names.join(", ")))?,
        None => names.first().cloned().ok_or("the workbook has no sheets")?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| format!("sheet {name:?} cannot be read: {e}"))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        writer.write_record(row.iter().map(cell_text)).map_err(|e| e.to_string())?;
    }
    let csv = writer.into_inner().map_err(|e| e.to_string())?;
    Ok(Sheet { csv, name, names })
}

/// What a cell says, as the CSV importer expects it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => float_text(*number),
        Data::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(date) => serial_date_text(date.as_f64()),
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// Excel keeps 15 significant digits; a whole number beyond that has already lost digits.
fn float_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else if number.fract() == 0.0 {
        format!("{number:.5E}").replacen('E', "E+", 1)
    } else {
        number.to_string()
    }
}

/// An Excel serial date (days since 1899-12-30, the fraction the time of day) as
/// `YYYY-MM-DD HH:MM:SS`, a wall-clock time like the CSV export's.
fn serial_date_text(serial: f64) -> String {
    let epoch =
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date").and_hms_opt(0, 0, 0).expect("valid time");
    let seconds = (serial * 86_400.0).round() as i64;
    match epoch.checked_add_signed(chrono::TimeDelta::seconds(seconds)) {
        Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_serial_dates_read_as_excel_shows_them() {
        assert_eq!(float_text(3.0), "3");
        assert_eq!(float_text(12.5), "12.5");
        assert_eq!(float_text(576461413038785001.0), "5.76461E+17");
        assert!(crate::engine::excel::is_scientific_notation(&float_text(576461413038785001.0)));
        // 45611.5 is 2024-11-15 12:00 in Excel's 1900 date system.
        assert_eq!(serial_date_text(45611.5), "2024-11-15 12:00:00");
        assert_eq!(serial_date_text(45611.0 + 9.0 / 24.0 + 5.0 / 1440.0), "2024-11-15 09:05:00");
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_an_error_not_a_panic() {
        assert!(sheet_as_csv(b"PK\x03\x04 not really".to_vec(), None).is_err());
    }
}
