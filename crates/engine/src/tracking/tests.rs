//! Three valid and two invalid numbers for every format. Valid numbers with a check digit were
//! produced by an implementation of the carriers' algorithms written separately from this one
//! (a Python script, not committed), plus the carriers' own published examples; invalid ones
//! change the check digit, drop a character or change the prefix. Formats without a check digit
//! are matched on prefix, length and alphabet; a number that misses a strict carrier's formats
//! is invalid for it, one that misses a loose carrier's is not judged.

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
    ("dpd_15", "DPD", ["552034093056529", "94130787161682A", "81264644604956F"], ["552034093056522", "9413078716168"]),
    ("dpd_28", "DPD", ["605366306261169572200826199H", "582254282116734207509619239O", "693729306826512330805169784W"], ["605366306261169572200826199A", "582254282116734207509619239"]),
    ("s10", "Hongkong Post", ["UG649366578HK", "UG200977370HK", "EE276112563HK"], ["UG649366571HK", "UG200977370H"]),
    ("dhl_express_piece", "DHL", ["JJD0001234567", "JVGL012345678", "JVGL0123456789"], ["JJD01234", "JJ0123456789"]),
    ("dhl_ecommerce", "DHL eCommerce", ["GM60511227008451035", "GM2951173225174494", "LX12345678901234567"], ["GM123", "GMA2345678901234567"]),
    ("dhl_ecommerce_14", "DHL eCommerce", ["42031234567890", "00000000000001", "98765432109876"], ["4203123456789", "42031234567890A"]),
    ("amazon_logistics", "Amazon Logistics", ["TBA123456789012", "TBC000000000001", "TBM987654321098"], ["TBA12345678901", "TBX123456789012"]),
    ("amazon_international", "Amazon Logistics", ["A1234567890", "F0000000001", "C9876543210"], ["A123456789", "B1234567890"]),
    ("gofo", "GOFO Express", ["GFUS01234567890123", "GFUS00000000000001", "GFUS99999999999999"], ["GFUS0123456789012", "GFUX01234567890123"]),
    ("speedee", "Spee-Dee Delivery", ["SP123456789012345678", "SP000000000000000001", "SP987654321098765432"], ["SP12345678901234567", "SQ123456789012345678"]),
    ("canpar", "Canpar", ["D123456789012345678901", "C000000000000000000001", "Z987654321098765432109"], ["D12345678901234567890", "A123456789012345678901"]),
    ("cainiao_lp", "Cainiao", ["LP00123456789012", "LP00000000000001", "LP99887766554433"], ["LP0012345678901", "LQ00123456789012"]),
    ("fourpx", "4PX", ["4PX3001234567", "4PX3000571928584", "4PX1234567890123456"], ["4PX300123", "4PY3001234567"]),
    ("fourpx_cn", "4PX", ["4PX3000123456789CN", "4PX3001234567CN", "4PX1234567890123456CN"], ["4PX3001234567CX", "4PX300CN"]),
    ("yanwen", "Yanwen", ["YA123456789CN", "YW000000001YP", "YZ987654321SE"], ["YA12345678CN", "XA123456789CN"]),
    ("sf_express", "SF Express", ["SF1234567890123", "SF000000000001", "SF123456789012345"], ["SF12345678901", "SG1234567890123"]),
    ("lasership_l", "LaserShip", ["LX11234567", "LA21234567", "LN30000001"], ["LX41234567", "LX1123456"]),
    ("lasership_1ls", "LaserShip", ["1LS711234567890", "1LSCXABCDE12345", "1LS7120101123456"], ["1LS71234", "1LT711234567890"]),
    ("purolator_alpha", "Purolator", ["ABC123456789", "XYZ000000001", "PUR987654321"], ["AB1234567890", "ABC12345678"]),
    ("yodel", "Yodel", ["JD0002251111111111", "JJD0002251111111111", "JD1234567890123456"], ["JD000225111111111", "JE0002251111111111"]),
    ("landmark_ltn", "Landmark Global", ["LTN12345678N1", "LTN00000001N1", "LTN98765432N1"], ["LTN1234567N1", "LTN12345678N2"]),
    ("yunexpress", "YunExpress", ["YT2432100012345678", "YT0000000000000001", "YT9999999999999999"], ["YT243210001234567", "YX2432100012345678"]),
];

#[test]
fn every_format_accepts_its_valid_numbers_and_rejects_its_invalid_ones() {
    for (format_id, carrier, valid, invalid) in CASES {
        assert!(FORMATS.iter().any(|f| f.id == *format_id), "no format {format_id}");
        let strict = carriers::carrier_info(carrier).unwrap_or_else(|| panic!("carrier {carrier}")).strict;
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
        let format = FORMATS.iter().find(|f| f.id == *format_id).unwrap();
        for number in invalid {
            let result = check_tracking(number, Some(carrier));
            // A strict carrier's formats reject, and so does any carrier's own check digit; a
            // loose carrier's shapes otherwise only decline to accept, and say so.
            let (min, max) = format.lengths();
            let check_digit_fails = format.checksum.is_some() && (min..=max).contains(&number.len());
            // And text too short to be any carrier's number is no number at all.
            let junk = normalize(number).is_none();
            let expected = if strict || check_digit_fails || junk { Validity::Invalid } else { Validity::Unknown };
            assert_eq!(result.validity, expected, "{format_id} {number}: {:?}", result.matches);
            assert!(result.reason.is_some() && result.reason_zh.is_some(), "{format_id} {number}");
        }
    }
    let covered: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    for format in FORMATS {
        assert!(covered.contains(&format.id), "no test numbers for {}", format.id);
    }
}

#[test]
fn the_carriers_tiktok_shop_sellers_use_are_recognised_without_a_carrier_named() {
    for (number, carrier) in [
        ("GFUS01234567890123", "GOFO Express"),
        ("LP00123456789012", "Cainiao"),
        ("4PX3000123456789CN", "4PX"),
        ("YW000000001YP", "Yanwen"),
        ("SF1234567890123", "SF Express"),
        ("A1234567890", "Amazon Logistics"),
        ("42031234567890", "DHL eCommerce"),
        ("1LS7120101123456", "LaserShip"),
        ("SP123456789012345678", "Spee-Dee Delivery"),
        ("D123456789012345678901", "Canpar"),
    ] {
        let result = check_tracking(number, None);
        assert_eq!((result.validity, result.carrier()), (Validity::Valid, Some(carrier)), "{number}");
    }
    // The platform's spellings of its US provider list name the carriers.
    for (spelling, carrier) in [("Spee-Dee Delivery", "Spee-Dee Delivery"), ("GLS US", "GLS"), ("GOFO", "GOFO Express")]
    {
        assert_eq!(carriers::carrier_info(spelling).map(|c| c.name), Some(carrier), "{spelling}");
    }
}

#[test]
fn a_number_failing_one_carriers_check_digit_is_unknown_when_others_issue_that_shape() {
    // 11 digits fail DHL Express's check digit, but GLS and others issue 11-digit numbers.
    let unnamed = check_tracking("12345678901", None);
    assert_eq!(unnamed.validity, Validity::Unknown);
    let reason = unnamed.reason.unwrap();
    assert!(reason.starts_with("not a valid DHL Express (11 digits) number"), "{reason}");
    assert!(reason.contains("other carriers issue 11-digit numbers"), "{reason}");
    // Named, the number is judged against that carrier alone.
    assert_eq!(check_tracking("12345678901", Some("DHL")).validity, Validity::Invalid);
    let gls = check_tracking("12345678901", Some("GLS US"));
    assert_eq!((gls.validity, gls.reason), (Validity::Unknown, None));
    // A shape only one carrier issues keeps its verdict: a mistyped UPS number is wrong.
    assert_eq!(check_tracking("1Z999AA10123456780", None).validity, Validity::Invalid);
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
    let inputs = [
        "1z 999 aa1 0123 4567 84",
        "1Z-999-AA1-01234567-84\t",
        " 1Z999AA10123456784 ",
        "1Z999\u{a0}AA10123456784",
        "1z999aa10123456784",
    ];
    for input in inputs {
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
    // Letters and digits beyond ASCII are no carrier's, however they look.
    let result = check_tracking("1Z999AA1０123456784", None);
    assert_eq!(result.reason.as_deref(), Some("contains '０', which no tracking number has"));
    let result = check_tracking("1Z999AAÉ0123456784", None);
    assert_eq!(result.reason.as_deref(), Some("contains 'É', which no tracking number has"));
    // A no-break space is passed over, and the character after it is the one named.
    let result = check_tracking("1Z999\u{a0}AA\u{a0}É0123456784", None);
    assert_eq!(result.reason.as_deref(), Some("contains 'É', which no tracking number has"));
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
    let result = check_tracking("ABCD1234567", Some("China Post"));
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
    let result = check_tracking("JT0001234567890", Some("J&T Express"));
    assert_eq!((result.validity, result.fits_carrier, result.reason), (Validity::Unknown, None, None));
    let result = check_tracking("VH1234567", Some("Veho"));
    assert_eq!((result.validity, result.fits_carrier), (Validity::Unknown, None));
    let unknown = check_tracking("ZZ9912345", None);
    assert_eq!((unknown.validity, unknown.reason), (Validity::Unknown, None));
}

#[test]
fn a_loose_carriers_order_may_carry_a_last_mile_number_and_an_unusual_one_is_not_called_wrong() {
    // Consolidators hand over postal and last-mile numbers: valid, not judged a mismatch.
    let result = check_tracking("LX123456785CN", Some("Yanwen"));
    assert_eq!((result.validity, result.fits_carrier), (Validity::Valid, None));
    let result = check_tracking("4PX-ORDER-77", Some("4PX"));
    assert_eq!((result.validity, result.fits_carrier), (Validity::Unknown, None));
    assert!(result.reason.unwrap().starts_with("not the usual 4PX pattern (4PX, then 10 to 16 digits"));
    assert!(result.reason_zh.unwrap().starts_with("不是 4PX 常见的单号格式"));
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

#[test]
fn text_that_cannot_be_a_tracking_number_is_said_to_be_none() {
    for junk in ["abc", "ABCDEFGHIJKL", "1234", "https://t.co/x1"] {
        let result = check_tracking(junk, None);
        assert!(result.not_a_number && result.validity == Validity::Invalid, "{junk}: {result:?}");
        assert!(result.reason.is_some() && result.reason_zh.is_some());
    }
    assert_eq!(
        check_tracking("abc", None).reason.as_deref(),
        Some("not a tracking number: 3 characters, and they have 8 or more")
    );
    // Excel's damage is a real number mangled, not junk.
    assert!(!check_tracking("5.76461E+17", None).not_a_number);
}

#[test]
fn no_carrier_issues_numbers_shorter_than_the_shortest_accepted() {
    for format in FORMATS {
        assert!(format.lengths().0 >= SHORTEST, "{} admits {} characters", format.id, format.lengths().0);
    }
}

#[test]
fn a_number_a_character_off_a_format_names_the_format_it_nearly_is() {
    // A YunExpress number (YT and 16 digits) with a digit missing.
    let result = check_tracking("YT243210001234567", None);
    assert_eq!(result.validity, Validity::Unknown);
    assert_eq!(result.closest.as_ref().map(|c| c.carrier.as_str()), Some("YunExpress"));
    let reason = result.reason.unwrap();
    assert!(reason.starts_with("no known format, but it starts like a YunExpress number"), "{reason}");
    assert!(result.reason_zh.unwrap().contains("可能少了或多了一位"));
    // Far from every format: nothing is guessed.
    assert_eq!(check_tracking("YT24", None).closest, None);
}

#[test]
fn a_reason_alone_is_the_reason_the_whole_check_gives() {
    let carriers: Vec<Option<&str>> =
        std::iter::once(None).chain(carriers::CARRIERS.iter().map(|c| Some(c.name))).chain([Some("Nobody")]).collect();
    let junk = ["", "abc", "5.76461E+17", "1Z/123", &"1".repeat(65), "YT243210001234567"];
    let numbers = CASES.iter().flat_map(|(_, _, valid, invalid)| valid.iter().chain(invalid)).chain(&junk);
    let mut kinds = std::collections::HashSet::new();
    for number in numbers {
        for &carrier in &carriers {
            let whole = check_tracking(number, carrier);
            let alone = reason(number, carrier);
            let words = alone.map(|reason| (reason.english(), reason.chinese()));
            assert_eq!(words, whole.reason.clone().zip(whole.reason_zh.clone()), "{number} for {carrier:?}");
            kinds.extend(alone.map(|reason| std::mem::discriminant(&reason.0)));
        }
    }
    // Every kind of reason was compared: a wrong character, a check digit, maybe unchecked,
    // another carrier's, none of theirs, not the usual, nearly a format.
    assert_eq!(kinds.len(), 7);
}
