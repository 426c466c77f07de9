//! Three valid and two invalid numbers for every format. Valid numbers with a check digit were
//! produced by an implementation of the carriers' algorithms written separately from this one
//! (a Python script, not committed), plus the carriers' own published examples; invalid ones
//! change the check digit or drop a character.

use super::*;

/// (format id, carrier to name, valid numbers, invalid numbers)
#[rustfmt::skip]
const CASES: &[(&str, &str, [&str; 3], [&str; 2])] = &[
    ("ups_1z", "UPS", ["1ZL9S346P3ZD25UT47", "1ZF5U37E3S3E28JT98", "1Z7KB6CP643DYULWW4"], ["1ZL9S346P3ZD25UT40", "1ZF5U37E3S3E28JT9"]),
    ("ups_waybill", "UPS", ["K5432319480", "J5749118624", "V2760189557"], ["K5432319483", "J574911862"]),
    ("usps_impb_22", "USPS", ["9497971147104974650754", "9391703423667127684262", "9465632122330792440266"], ["9497971147104974650757", "939170342366712768426"]),
    ("usps_impb_26", "USPS", ["94995289078666617603137211", "94901092815901396245957118", "95777412154728038528084140"], ["94995289078666617603137214", "9490109281590139624595711"]),
    ("usps_impb_30", "USPS", ["420474399425388853933633875008", "420637269475513137353799075119", "420820019416761222029729975284"], ["420474399425388853933633875001", "42063726947551313735379907511"]),
    ("usps_impb_34", "USPS", ["4208682828809363304348395486205793", "4203340187809529022279180588871803", "4202616751369275989834788783848379"], ["4208682828809363304348395486205796", "420334018780952902227918058887180"]),
    ("usps_20", "USPS", ["03412524273167232680", "85635515058770658947", "01311440242646288972"], ["03412524273167232683", "8563551505877065894"]),
    ("fedex_12", "FedEx", ["514026140143", "193141705861", "492083124020"], ["514026140146", "19314170586"]),
    ("fedex_ground_15", "FedEx", ["344834782450408", "008838737167862", "843353265020144"], ["344834782450401", "00883873716786"]),
    ("fedex_ground_96", "FedEx", ["9647045620168493407220", "9648338585304352056170", "9698296014126906044313"], ["9647045620168493407223", "964833858530435205617"]),
    ("fedex_sscc_18", "FedEx", ["005724920868288908", "009310025167800833", "007407188181741436"], ["005724920868288901", "00931002516780083"]),
    ("fedex_34", "FedEx", ["2544992070741374847733776174093199", "4633191284529841537771834170471874", "1505561304451669156460207764265650"], ["2544992070741374847733776174093192", "463319128452984153777183417047187"]),
    ("fedex_gsn_34", "FedEx", ["9660688310679247082204104234685356", "9612213878375762833176544446347864", "9668364507495288314325815354930666"], ["9660688310679247082204104234685359", "961221387837576283317654444634786"]),
    ("fedex_astra_32", "FedEx", ["37016877313228176676402067981800", "31489364390084742390424861125378", "31436537056563043830640037608137"], ["37016877313228176676402067911800", "3148936439008474239042486112537"]),
    ("dhl_express_10", "DHL", ["3433734415", "9792376090", "2603092601"], ["3433734418", "979237609"]),
    ("dhl_express_11", "DHL", ["02675112532", "28704655722", "10141561835"], ["02675112535", "2870465572"]),
    ("ontrac_c", "OnTrac", ["C65461073587351", "C57063606071048", "C31955459045447"], ["C65461073587354", "C5706360607104"]),
    ("ontrac_d", "OnTrac", ["D09103177646727", "D72042935575913", "D83623610788521"], ["D09103177646720", "D7204293557591"]),
    ("canada_post_16", "Canada Post", ["6114913167723269", "7938144494544374", "3233249351643888"], ["6114913167723262", "793814449454437"]),
    ("purolator_12", "Purolator", ["117010737502", "231039931580", "179401995305"], ["117010737505", "23103993158"]),
    ("dpd_15", "DPD", ["552034093056529", "94130787161682A", "81264644604956F"], ["552034093056522", "94130787161682"]),
    ("dpd_28", "DPD", ["605366306261169572200826199H", "582254282116734207509619239O", "693729306826512330805169784W"], ["605366306261169572200826199A", "582254282116734207509619239"]),
    ("s10", "Hongkong Post", ["UG649366578HK", "UG200977370HK", "EE276112563HK"], ["UG649366571HK", "UG200977370H"]),
    ("dhl_express_piece", "DHL", ["JJD0001234567", "JVGL012345678", "JVGL0123456789"], ["JJD01234", "JJ0123456789"]),
    ("dhl_ecommerce", "DHL", ["GM60511227008451035", "GM2951173225174494", "LX12345678901234567"], ["GM123", "GMA2345678901234567"]),
    ("amazon_logistics", "Amazon Logistics", ["TBA123456789012", "TBC000000000001", "TBM987654321098"], ["TBA12345678901", "TBX123456789012"]),
    ("lasership_l", "LaserShip", ["LX11234567", "LA21234567", "LN30000001"], ["LX41234567", "LX1123456"]),
    ("lasership_1ls7", "LaserShip", ["1LS711234567890", "1LS720000000001", "1LS719876543210"], ["1LS731234567890", "1LS71123456789"]),
    ("lasership_1lscx", "LaserShip", ["1LSCXABCDE12345", "1LSCX0123456789", "1LSCXZZZZZZZZZZ"], ["1LSCXABCDE1234", "1LSCYABCDE12345"]),
    ("purolator_alpha", "Purolator", ["ABC123456789", "XYZ000000001", "PUR987654321"], ["AB1234567890", "ABC12345678"]),
    ("yodel", "Yodel", ["JD0002251111111111", "JJD0002251111111111", "JD1234567890123456"], ["JD000225111111111", "JE0002251111111111"]),
    ("landmark_ltn", "Landmark Global", ["LTN12345678N1", "LTN00000001N1", "LTN98765432N1"], ["LTN1234567N1", "LTN12345678N2"]),
    ("yunexpress", "YunExpress", ["YT2432100012345678", "YT0000000000000001", "YT9999999999999999"], ["YT243210001234567", "YX2432100012345678"]),
];

#[test]
fn every_format_accepts_its_valid_numbers_and_rejects_its_invalid_ones() {
    for (format_id, carrier, valid, invalid) in CASES {
        assert!(FORMATS.iter().any(|f| f.id == *format_id), "no format {format_id}");
        for number in valid {
            let result = check_tracking(number, Some(carrier));
            assert_eq!(result.validity, Validity::Valid, "{format_id} {number}: {:?}", result.reason);
            assert_eq!(result.fits_carrier, Some(true), "{format_id} {number}");
            assert!(
                result.matches.iter().any(|m| m.format_id == *format_id),
                "{format_id} {number}: {:?}",
                result.matches
            );
            assert_eq!(result.carrier(), Some(*carrier), "{format_id} {number}");
        }
        for number in invalid {
            let result = check_tracking(number, Some(carrier));
            assert_eq!(
                result.validity,
                Validity::Invalid,
                "{format_id} {number} should be invalid: {:?}",
                result.matches
            );
            assert!(result.reason.is_some() && result.reason_zh.is_some(), "{format_id} {number}");
        }
    }
    let covered: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    for format in FORMATS {
        assert!(covered.contains(&format.id), "no test numbers for {}", format.id);
    }
}

#[test]
fn published_examples_are_valid() {
    for (number, carrier) in [("1Z999AA10123456784", "UPS"), ("986578788855", "FedEx"), ("3318810025", "DHL")] {
        let result = check_tracking(number, Some(carrier));
        assert_eq!(result.validity, Validity::Valid, "{number}");
        assert_eq!(result.carrier(), Some(carrier));
    }
}

#[test]
fn a_wrong_check_digit_says_which_digit_was_expected() {
    let result = check_tracking("1Z999AA10123456780", None);
    assert_eq!(result.validity, Validity::Invalid);
    assert_eq!(result.reason.as_deref(), Some("UPS 1Z check digit is 0, expected 4: a digit is mistyped"));
    assert_eq!(result.reason_zh.as_deref(), Some("UPS 1Z 校验位是 0，应为 4：有数字输错了"));
}

#[test]
fn spaces_dashes_tabs_and_case_do_not_matter() {
    for input in ["1z 999 aa1 0123 4567 84", "1Z-999-AA1-01234567-84\t", " 1Z999AA10123456784 "] {
        let result = check_tracking(input, Some("ups"));
        assert_eq!(result.validity, Validity::Valid, "{input:?}");
        assert_eq!(result.normalized, "1Z999AA10123456784");
    }
}

#[test]
fn excel_scientific_notation_is_named_and_odd_characters_rejected() {
    let result = check_tracking("9.40011E+21", None);
    assert_eq!(result.validity, Validity::Invalid);
    assert!(result.reason.unwrap().starts_with("Excel rounded this long number into scientific notation"));
    assert_eq!(check_tracking(&"1".repeat(65), None).reason.as_deref(), Some("longer than 64 characters"));
    let result = check_tracking("1Z999AA1/0123456784", None);
    assert_eq!(result.reason.as_deref(), Some("contains '/', which no tracking number has"));
    assert_eq!(check_tracking("  ", None).reason.as_deref(), Some("empty"));
    assert_eq!(check_tracking("  ", None).reason_zh.as_deref(), Some("为空"));
    assert!(check_tracking("9.40011E+21", None).reason_zh.unwrap().starts_with("Excel 把这个长数字转成了科学计数法"));
}

#[test]
fn another_carriers_number_is_a_mismatch_not_an_invalid_number() {
    let result = check_tracking("1Z999AA10123456784", Some("USPS"));
    assert_eq!(result.validity, Validity::Valid);
    assert_eq!(result.fits_carrier, Some(false));
    assert_eq!(result.reason.as_deref(), Some("a UPS number (UPS 1Z), not USPS"));
    assert_eq!(result.reason_zh.as_deref(), Some("这是 UPS 的单号（UPS 1Z），不是 USPS 的"));
}

#[test]
fn a_number_fitting_none_of_the_named_carriers_formats_says_what_they_look_like() {
    let result = check_tracking("1Z999AA1012345678", Some("United Parcel Service"));
    assert_eq!(result.validity, Validity::Invalid);
    let reason = result.reason.unwrap();
    assert!(reason.starts_with("wrong length for UPS: UPS 1Z is 1Z, then 15 letters or digits"), "{reason}");
    let reason = result.reason_zh.unwrap();
    assert!(reason.starts_with("长度不对，不是 UPS 的单号：UPS 1Z 为 1Z，然后 15 位字母或数字"), "{reason}");
    let result = check_tracking("ABCDEFGHIJ", Some("China Post"));
    assert!(result.reason.unwrap().contains("UPU S10 numbers ending in CN"));
}

#[test]
fn s10_numbers_belong_to_the_issuing_countrys_post() {
    let result = check_tracking("LX123456785CN", None);
    assert_eq!(result.carrier(), Some("China Post"));
    assert_eq!(check_tracking("LX123456785CN", Some("中国邮政")).fits_carrier, Some(true));
    assert_eq!(check_tracking("RR123456785ZZ", None).carrier(), Some("Postal service (ZZ)"));
}

#[test]
fn carriers_without_a_published_format_are_not_judged_on_format() {
    let result = check_tracking("4PX3000123456789CN", Some("4PX"));
    assert_eq!(result.validity, Validity::Unknown);
    assert_eq!(result.fits_carrier, None);
    let result = check_tracking("LX123456785CN", Some("Yanwen"));
    assert_eq!(result.validity, Validity::Valid);
    assert_eq!(result.fits_carrier, None);
    let unknown = check_tracking("ZZ99", None);
    assert_eq!((unknown.validity, unknown.reason), (Validity::Unknown, None));
}

#[test]
fn any_input_gives_a_verdict_without_panicking() {
    // A deterministic stream of awkward strings: every byte value, lengths up to 64, digits,
    // letters, separators and multi-byte characters.
    let alphabet: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz -\t.+E/é云\u{0}\u{feff}".chars().collect();
    let mut seed: u64 = 1;
    for _ in 0..50_000 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let len = (seed >> 58) as usize;
        let text: String = (0..len).map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()]).collect();
        let result = check_tracking(&text, Some("UPS"));
        let quick = verdict(&text, carriers::carrier_info("UPS"));
        assert_eq!((quick.validity, quick.fits_carrier), (result.validity, result.fits_carrier), "{text:?}");
        // A reason is given exactly when the number is invalid or not the named carrier's.
        let explained = result.validity == Validity::Invalid || result.fits_carrier == Some(false);
        assert_eq!(result.reason.is_some(), explained, "{text:?}: {result:?}");
    }
    for byte in 0..=255u8 {
        let text = String::from_utf8_lossy(&[b'1', b'Z', byte]).into_owned();
        check_tracking(&text, None);
    }
}
