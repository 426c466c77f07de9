//! The command-line contract (README, "Command-line tool"), exercised through the real binary.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const NOW: &str = "2024-11-13T10:00:00+08:00";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/three_orders.csv");

fn shipcheck(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A binary that rejects its arguments exits before reading its input; the pipe it closed is not a failure.
    match child.stdin.take().unwrap().write_all(stdin) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.unwrap(),
    }
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

fn order<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["orders"].as_array().unwrap().iter().find(|o| o["order_id"] == id).unwrap()
}

#[test]
fn check_reports_every_row_state_deadline_finding_and_the_late_dispatch_rate() {
    let report = json(&shipcheck(&["check", FIXTURE, "--now", NOW], b""));

    let import = &report["import"];
    assert_eq!(import["rows"], 7);
    assert_eq!(import["rows_used"], 5);
    assert_eq!(import["orders"], 4);
    assert_eq!(import["time_zone"], "Asia/Shanghai");
    assert_eq!(report["profile"]["id"], "cross-border-article");
    assert_eq!(report["profile"]["dispatch_event"], "shipped");
    assert_eq!(report["profile"]["clock_start"], "paid_else_created");
    assert_eq!(report["profile"]["calendar"], "China");
    assert_eq!(report["now"], NOW);
    let skipped = import["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0]["line"], 6);
    assert_eq!(skipped[0]["reason"], "no Order ID");
    assert_eq!(skipped[1]["line"], 7);
    assert!(skipped[1]["reason"].as_str().unwrap().starts_with("Shipped Time: \"2024-11-12 9am\""));

    let on_time = order(&report, "576461413038785101");
    assert_eq!(on_time["state"], "shipped_on_time");
    assert_eq!(on_time["deadlines"]["dispatch"], "2024-11-12T09:00:00+08:00");
    assert_eq!(on_time["findings"], Value::Array(vec![]));

    let overdue = order(&report, "576461413038785102");
    assert_eq!(overdue["state"], "dispatch_overdue");
    assert_eq!(overdue["findings"][0]["code"], "dispatch_overdue");
    assert_eq!(overdue["findings"][0]["severity"], "violation");
    assert!(overdue["findings"][0]["message"].as_str().unwrap().contains("22h 0m past"));

    let unpaid = order(&report, "576461413038785103");
    assert_eq!(unpaid["state"], "awaiting_dispatch");
    assert_eq!(unpaid["deadlines"]["dispatch"], "2024-11-14T20:00:00+08:00");
    assert_eq!(unpaid["findings"], Value::Array(vec![]));

    let late = order(&report, "576461413038785105");
    assert_eq!(late["state"], "shipped_late");
    assert_eq!(late["findings"][0]["code"], "late_dispatch");
    assert!(late["findings"][0]["message"].as_str().unwrap().contains("Dispatched 1s after"));

    let ldr = &report["metrics"]["late_dispatch_rate"];
    assert_eq!((ldr["numerator"].as_u64(), ldr["denominator"].as_u64()), (Some(1), Some(2)));
    assert_eq!(ldr["value"], 0.5);
    assert_eq!(ldr["status"], "breach");
}

#[test]
fn a_deadline_within_a_day_is_due_soon() {
    let report = json(&shipcheck(&["check", FIXTURE, "--now", "2024-11-13T21:00:00+08:00"], b""));
    let unpaid = order(&report, "576461413038785103");
    assert_eq!(unpaid["findings"][0]["code"], "dispatch_due_soon");
    assert_eq!(unpaid["findings"][0]["severity"], "warning");
}

#[test]
fn stdin_and_files_give_the_same_report() {
    let from_file = json(&shipcheck(&["check", FIXTURE, "--now", NOW], b""));
    let from_stdin = json(&shipcheck(&["check", "-", "--now", NOW], &std::fs::read(FIXTURE).unwrap()));
    assert_eq!(from_file["orders"], from_stdin["orders"]);
    assert_eq!(from_file["metrics"], from_stdin["metrics"]);
}

#[test]
fn csv_format_prints_one_line_per_order_most_urgent_first() {
    let output = shipcheck(&["check", FIXTURE, "--now", NOW, "--format", "csv"], b"");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][0], "576461413038785102");
    assert_eq!(&rows[0][2], "dispatch_overdue");
}

#[test]
fn an_exported_profile_loads_back_from_its_file() {
    let output = shipcheck(&["profile", "cross-border-article"], b"");
    assert!(output.status.success());
    let mut profile: Value = serde_json::from_slice(&output.stdout).unwrap();
    profile["versions"][0]["windows"]["dispatch"]["calendar_hours"] = 72.into();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("profile.json");
    std::fs::write(&path, profile.to_string()).unwrap();

    let report = json(&shipcheck(&["check", FIXTURE, "--now", NOW, "--profile", path.to_str().unwrap()], b""));
    assert_eq!(order(&report, "576461413038785102")["state"], "awaiting_dispatch");

    let listed = shipcheck(&["profiles"], b"");
    assert!(String::from_utf8(listed.stdout).unwrap().starts_with("cross-border-article\t"));
}

#[test]
fn unusable_arguments_and_input_exit_2_with_a_reason() {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&[], b"", "Usage: shipcheck <COMMAND>"),
        (&["check"], b"", "<FILE>"),
        (&["check", FIXTURE, "--now", "tomorrow"], b"", "not an RFC 3339 time"),
        (&["check", FIXTURE, "--now", "9999-01-01T00:00:00Z"], b"", "outside the years 1970 to 2100"),
        (&["check", FIXTURE, "--format", "xml"], b"", "[possible values: json, csv]"),
        (&["check", FIXTURE, "--what-if", "4294967295"], b"", "4294967295 is not in 1..=8784"),
        (&["check", FIXTURE, "--what-if", "8785"], b"", "8785 is not in 1..=8784"),
        (&["check", FIXTURE, "--window", "999999999d"], b"", "a number of days from 1 to 366"),
        (&["check", FIXTURE, "--profile", "mars"], b"", "no preset or profile file"),
        (&["check", "/no/such/file.csv"], b"", "/no/such/file.csv"),
        (&["check", "/no/such/\u{1b}[31mred.csv"], b"", "/no/such/\\u{1b}[31mred.csv"),
        (&["check", "-"], b"", "empty"),
        (&["check", "-"], b"order,when\n1,2\n", "no Order ID column"),
    ];
    for (args, stdin, expected) in cases {
        let output = shipcheck(args, stdin);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains('\u{1b}'), "{args:?}: a control character reached the terminal");
    }
    // The edges are fine: --what-if 8784 hours is a year ahead.
    assert!(shipcheck(&["check", FIXTURE, "--now", NOW, "--what-if", "8784"], b"").status.success());
}

#[test]
fn a_profile_that_is_not_one_is_refused_with_the_reason() {
    let folder = tempfile::tempdir().unwrap();
    let latin1 = folder.path().join("latin1.json");
    std::fs::write(&latin1, b"{\"id\": \"caf\xe9\"}").unwrap();
    let huge = folder.path().join("huge.json");
    let mut profile: Value = serde_json::from_slice(&shipcheck(&["profile", "us-local"], b"").stdout).unwrap();
    profile["versions"][2]["windows"]["dispatch"]["business_days"]["days"] = 1_000_000_000.into();
    std::fs::write(&huge, profile.to_string()).unwrap();
    for (file, expected) in [
        (&latin1, "a profile is UTF-8 JSON text"),
        (&huge, "versions[2].windows.dispatch is 1000000000 days: at most 366 days"),
    ] {
        let output = shipcheck(&["check", FIXTURE, "--profile", file.to_str().unwrap()], b"");
        assert_eq!(output.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(expected),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn every_preset_is_listed_with_its_versions_and_prints_as_json() {
    let listed = String::from_utf8(shipcheck(&["profiles"], b"").stdout).unwrap();
    let ids: Vec<&str> =
        listed.lines().filter(|l| !l.starts_with('\t')).map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "cross-border-article",
            "cross-border-pickup",
            "us-local",
            "us-cross-border",
            "uk-eu",
            "vn-local",
            "sea-local",
            "sea-cross-border"
        ]
    );
    assert!(listed.contains("\tfrom 2026-01-26\tSeller University US, Best Practices (knowledge_id 6179821974439723"));
    for id in ids {
        let profile: Value = serde_json::from_slice(&shipcheck(&["profile", id], b"").stdout).unwrap();
        assert_eq!(profile["id"], id);
        for version in profile["versions"].as_array().unwrap() {
            assert!(!version["source"].as_str().unwrap().is_empty(), "{id}");
        }
    }
}

#[test]
fn profile_as_of_a_date_prints_the_version_then_in_effect_pinned() {
    let transition = json(&shipcheck(&["profile", "us-local", "--as-of", "2026-01-20"], b""));
    let versions = transition["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0]["effective_from"], "2026-01-12");
    assert_eq!(versions[0]["windows"]["dispatch"]["business_days"]["days"], 4);
    let current = json(&shipcheck(&["profile", "us-local", "--as-of", "2026-12-03"], b""));
    assert_eq!(current["versions"][0]["clock_start"]["awaiting_shipment"]["hold_hours"], 1);
    let bad = shipcheck(&["profile", "us-local", "--as-of", "yesterday"], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("give a date as YYYY-MM-DD"));
}

#[test]
fn every_order_names_the_rule_version_that_judged_it() {
    let csv = "Order ID,Paid Time\nOLD,2026-01-20 09:00:00\nNEW,2026-01-27 09:00:00\n";
    let report = json(&shipcheck(
        &["check", "-", "--profile", "us-local", "--now", "2026-02-01T12:00:00-08:00"],
        csv.as_bytes(),
    ));
    let old = &order(&report, "OLD")["rule_version"];
    assert_eq!((old["preset"].as_str(), old["effective_from"].as_str()), (Some("us-local"), Some("2026-01-12")));
    assert!(old["source"].as_str().unwrap().contains("ebrun.com"));
    assert_eq!(order(&report, "NEW")["rule_version"]["effective_from"], "2026-01-26");
    let versions = report["profile"]["versions"].as_array().unwrap();
    let judged: Vec<(&str, u64)> =
        versions.iter().map(|v| (v["effective_from"].as_str().unwrap(), v["orders"].as_u64().unwrap())).collect();
    assert_eq!(judged, [("2026-01-12", 1), ("2026-01-26", 1)]);
}

#[test]
fn a_us_profile_counts_business_days_in_pacific_time() {
    let csv =
        "Order ID,Paid Time,Shipped Time\nUS1,2026-11-20 15:00:00,\nUS2,2026-11-25 09:00:00,2026-11-30 08:00:00\n";
    let report = json(&shipcheck(
        &["check", "-", "--profile", "us-local", "--now", "2026-11-27T12:00:00-08:00"],
        csv.as_bytes(),
    ));
    assert_eq!(report["import"]["time_zone"], "America/Los_Angeles");
    let friday = order(&report, "US1");
    assert_eq!(friday["deadlines"]["dispatch"], "2026-11-24T23:59:59-08:00");
    assert_eq!(friday["deadlines"]["auto_cancel"], "2026-12-02T23:59:59-08:00");
    assert_eq!(friday["deadline_sources"]["dispatch"], "profile");
    assert_eq!(friday["state"], "dispatch_overdue");
    let thanksgiving = order(&report, "US2");
    assert_eq!(thanksgiving["deadlines"]["dispatch"], "2026-11-30T23:59:59-08:00");
    assert_eq!(thanksgiving["state"], "shipped_on_time");
    assert_eq!(thanksgiving["findings"][0]["code"], "missing_tracking");
}

#[test]
fn platform_deadlines_win_and_are_labelled() {
    let csv = "Order ID,Paid Time,tts_sla_time\nP1,2026-11-20 15:00:00,1795536000\n";
    let report = json(&shipcheck(&["check", "-", "--now", "2026-11-21T00:00:00Z"], csv.as_bytes()));
    let p1 = order(&report, "P1");
    assert_eq!(p1["deadlines"]["dispatch"], "2026-11-25T00:00:00+08:00");
    assert_eq!(p1["deadline_sources"]["dispatch"], "platform");
}

#[test]
fn window_limits_each_rate_to_the_orders_its_event_places_in_it() {
    // The late dispatch rate places an order by its dispatch: 101 shipped on 11 November at
    // 15:30, 105 at 07:00:01.
    let now = "2024-11-20T10:00:00+08:00";
    let all = json(&shipcheck(&["check", FIXTURE, "--now", now], b""));
    let week = json(&shipcheck(&["check", FIXTURE, "--now", now, "--window", "7d"], b""));
    let recent = json(&shipcheck(&["check", FIXTURE, "--now", now, "--window", "9d"], b""));
    assert_eq!(all["metrics"]["late_dispatch_rate"]["denominator"], 2);
    assert_eq!(week["metrics"]["late_dispatch_rate"]["denominator"], 0);
    assert_eq!(week["metrics"]["late_dispatch_rate"]["status"], "no_data");
    assert_eq!(recent["metrics"]["late_dispatch_rate"]["denominator"], 1);
    assert_eq!(recent["metrics"]["window"]["last_days"], 9);
    // Monday-to-Sunday weeks: 20 November 2024 is a Wednesday; both dispatches were the week
    // before, which the weekly figures list second.
    let this_week = json(&shipcheck(&["check", FIXTURE, "--now", now, "--window", "week"], b""));
    assert_eq!(this_week["metrics"]["window"]["week"], "2024-11-18");
    assert_eq!(this_week["metrics"]["late_dispatch_rate"]["denominator"], 0);
    let last_week = json(&shipcheck(&["check", FIXTURE, "--now", now, "--window", "week-1"], b""));
    assert_eq!(last_week["metrics"]["late_dispatch_rate"]["denominator"], 2);
    assert_eq!(all["weekly"]["weeks"][1]["monday"], "2024-11-11");
    assert_eq!(all["weekly"]["weeks"][1]["late_dispatch_rate"]["denominator"], 2);
    for bad in ["fortnight", "0d", "999999999d", "week-99"] {
        assert_eq!(shipcheck(&["check", FIXTURE, "--window", bad], b"").status.code(), Some(2), "{bad}");
    }
}

#[test]
fn what_if_projects_the_late_dispatch_rate_over_the_hours_asked() {
    // At 2024-11-13 10:00 (+08:00): 102 is overdue, 103 is due in 34 h; 101 on time, 105 late.
    let day = json(&shipcheck(&["check", FIXTURE, "--now", NOW], b""));
    assert_eq!(day["what_if"]["hours"], 24);
    assert_eq!((day["what_if"]["due_within"].as_u64(), day["what_if"]["already_overdue"].as_u64()), (Some(0), Some(1)));
    assert_eq!(day["what_if"]["late_dispatch_rate"].as_f64(), Some(2.0 / 3.0));
    let two_days = json(&shipcheck(&["check", FIXTURE, "--now", NOW, "--what-if", "48"], b""));
    assert_eq!(two_days["what_if"]["due_within"], 1);
    assert_eq!(two_days["what_if"]["late_dispatch_rate"].as_f64(), Some(0.5));
    assert_eq!(shipcheck(&["check", FIXTURE, "--what-if", "soon"], b"").status.code(), Some(2));
}

fn lines(output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn tracking_prints_one_verdict_per_number() {
    let numbers = ["tracking", "1Z999AA10123456784", "1Z999AA10123456780", "ZZ9912345", "9.40011E+21", "abc"];
    let out = lines(&shipcheck(&numbers, b""));
    assert_eq!(out.len(), 5);
    assert_eq!(out[0]["valid"], true);
    assert_eq!(out[0]["carrier"], "UPS");
    assert_eq!(out[0]["format"], "UPS 1Z");
    assert_eq!(out[0]["reason"], Value::Null);
    assert_eq!(out[1]["valid"], false);
    assert_eq!(out[1]["carrier"], "UPS");
    assert_eq!(out[1]["reason"], "UPS 1Z check digit is 0, expected 4: a digit is mistyped");
    assert_eq!(out[1]["reason_zh"], "UPS 1Z 校验位是 0，应为 4：有数字输错了");
    assert_eq!((&out[2]["valid"], &out[2]["carrier"], &out[2]["format"]), (&Value::Null, &Value::Null, &Value::Null));
    assert!(out[3]["reason"].as_str().unwrap().contains("scientific notation"));
    assert_eq!(out[4]["valid"], false);
    assert_eq!(out[4]["reason"], "not a tracking number: 3 characters, and they have 8 or more");
}

#[test]
fn tracking_with_a_carrier_reports_a_mismatch_as_invalid_for_that_carrier() {
    let out = lines(&shipcheck(&["tracking", "--carrier", "USPS", "1Z999AA10123456784", "LZ123456785US"], b""));
    assert_eq!(out[0]["valid"], false);
    assert_eq!(out[0]["reason"], "a UPS number (UPS 1Z), not USPS");
    assert_eq!(out[1]["valid"], true);
    assert_eq!(out[1]["carrier"], "USPS");
    assert_eq!(shipcheck(&["tracking"], b"").status.code(), Some(2));
}

const US_EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/us_export.tsv");
const UNICODE_TEXT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/excel_unicode_text.txt");

#[test]
fn a_us_export_with_its_description_row_and_an_excel_mangled_id() {
    let report =
        json(&shipcheck(&["check", US_EXPORT, "--profile", "us-local", "--now", "2024-11-26T12:00:00-08:00"], b""));
    let import = &report["import"];
    assert_eq!(
        (import["rows"].as_u64(), import["rows_used"].as_u64(), import["orders"].as_u64()),
        (Some(4), Some(2), Some(2))
    );
    let file = &import["files"][0];
    assert_eq!(file["encoding"], "UTF-8");
    assert_eq!(file["delimiter"], "\t");
    assert_eq!(file["description_rows"], 1);
    assert_eq!(import["skipped"][0]["line"], 2);
    assert_eq!(import["skipped"][1]["line"], 5);
    assert!(import["skipped"][1]["reason"].as_str().unwrap().starts_with("Order ID 5.76461E+17: Excel rounded"));
    // 11/25 can only be month first: the whole column is read so.
    let paid = file["date_orders"].as_array().unwrap().iter().find(|c| c["column"] == "paid_time").unwrap();
    assert_eq!((&paid["order"], &paid["decided_by"]), (&Value::from("month_first"), &Value::from("values")));
    let first = order(&report, "576461413038785601");
    assert_eq!(first["state"], "shipped_on_time");
    assert_eq!(first["deadlines"]["dispatch"], "2024-11-22T23:59:59-08:00");
}

#[test]
fn excel_unicode_text_is_decoded_and_day_first_dates_recognised() {
    let report =
        json(&shipcheck(&["check", UNICODE_TEXT, "--profile", "sea-local", "--now", "2024-12-04T12:00:00+07:00"], b""));
    let file = &report["import"]["files"][0];
    assert_eq!(file["encoding"], "UTF-16LE");
    assert_eq!(report["import"]["rows_used"], 2);
    let paid = file["date_orders"].as_array().unwrap().iter().find(|c| c["column"] == "paid_time").unwrap();
    assert_eq!((&paid["order"], &paid["decided_by"]), (&Value::from("day_first"), &Value::from("values")));
    // 03/12 read day first: 3 December, so the deadline is the 2nd Thai working day after it.
    assert_eq!(order(&report, "576461413038785702")["deadlines"]["dispatch"], "2024-12-06T23:59:59+07:00");

    let forced = json(&shipcheck(
        &[
            "check",
            UNICODE_TEXT,
            "--date-order",
            "mdy",
            "--time-zone",
            "Asia/Bangkok",
            "--now",
            "2024-12-04T12:00:00+07:00",
        ],
        b"",
    ));
    assert_eq!(forced["import"]["rows_used"], 1, "25/11 is no date month first");
    assert!(forced["import"]["skipped"][0]["reason"].as_str().unwrap().contains("read as MM/DD/YYYY"));
}

#[test]
fn the_same_order_in_two_files_is_merged_and_reported() {
    let report = json(&shipcheck(&["check", FIXTURE, FIXTURE, "--now", NOW], b""));
    assert_eq!(report["import"]["orders"], 4);
    assert_eq!(report["import"]["orders_in_several_files"].as_array().unwrap().len(), 4);
    assert_eq!(report["import"]["skipped"][0]["file"], FIXTURE);
}

const OPEN_API: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/open_api_orders.json");

#[test]
fn an_open_api_order_list_keeps_the_platforms_deadlines() {
    let report = json(&shipcheck(&["check", OPEN_API, "--profile", "us-local", "--now", "2026-11-25T00:00:00Z"], b""));
    let import = &report["import"];
    assert_eq!(import["files"][0]["format"], "json");
    assert_eq!((import["rows"].as_u64(), import["rows_used"].as_u64()), (Some(3), Some(2)));
    assert_eq!(import["skipped"][0]["line"], 23);
    assert!(import["skipped"][0]["reason"].as_str().unwrap().contains("SOMETHING_NEW"));
    let first = order(&report, "576461413038785901");
    assert_eq!(first["deadline_sources"]["dispatch"], "platform");
    assert_eq!(first["deadline_sources"]["delivery"], "platform");
    // us-local counts dispatch as shipped: the platform's collection deadline (tts_sla_time).
    assert_eq!(first["deadlines"]["dispatch"], "2026-11-26T05:33:20-08:00");
    let in_transit = order(&report, "576461413038785903");
    assert_eq!(in_transit["state"], "shipped_on_time");
}

const XLSX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seller_center_export.xlsx");

#[test]
fn an_xlsx_workbook_is_read_from_its_first_sheet_or_the_one_named() {
    let report = json(&shipcheck(&["check", XLSX, "--profile", "us-local", "--now", "2024-11-26T12:00:00-08:00"], b""));
    let import = &report["import"];
    let file = &import["files"][0];
    assert_eq!((&file["format"], &file["sheet"]), (&Value::from("xlsx"), &Value::from("Orders")));
    assert_eq!(file["sheets"], serde_json::json!(["Orders", "Notes"]));
    assert_eq!(file["description_rows"], 1);
    assert_eq!((import["rows"].as_u64(), import["rows_used"].as_u64()), (Some(4), Some(2)));
    // Rows are numbered as the sheet numbers them; the ID stored as a number lost its digits.
    assert_eq!(import["skipped"][1]["line"], 5);
    assert!(import["skipped"][1]["reason"].as_str().unwrap().starts_with("Order ID 5.76461E+17: Excel rounded"));
    let first = order(&report, "576461413038786001");
    assert_eq!(first["deadlines"]["dispatch"], "2024-11-22T23:59:59-08:00");
    assert_eq!(first["state"], "shipped_on_time");

    let notes = json(&shipcheck(&["check", XLSX, "--sheet", "Notes", "--now", "2024-11-26T12:00:00Z"], b""));
    assert_eq!(notes["import"]["orders"], 1);
    let missing = shipcheck(&["check", XLSX, "--sheet", "Returns"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no sheet \"Returns\"; the workbook has Orders, Notes"));
}

const GB18030: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/chinese_excel_gb18030.csv");

#[test]
fn a_chinese_excel_csv_in_gb18030_is_decoded() {
    let report = json(&shipcheck(&["check", GB18030, "--now", "2024-11-13T12:00:00+08:00"], b""));
    assert_eq!(report["import"]["files"][0]["encoding"], "GB18030");
    assert_eq!(report["import"]["rows_used"], 2);
    // The provider name 中国邮政 is an alias of China Post: the S10 number fits it.
    assert_eq!(order(&report, "576461413038787001")["findings"], Value::Array(vec![]));
}

#[test]
fn encoding_can_be_forced_when_detection_cannot_tell() {
    let text = "Order ID\tPaid Time\nA1\t2024-11-12 09:00:00\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let report = json(&shipcheck(&["check", "-", "--encoding", "utf-16le", "--now", NOW], &bytes));
    assert_eq!(report["import"]["files"][0]["encoding"], "UTF-16LE");
    assert_eq!(report["import"]["orders"], 1);
    let bad = shipcheck(&["check", "-", "--encoding", "latin-1"], &bytes);
    assert_eq!(bad.status.code(), Some(2));
}

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/hostile/corpus/");

#[test]
fn every_hostile_file_ends_with_a_report_or_one_short_printable_error() {
    let mut files: Vec<_> = std::fs::read_dir(HOSTILE).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        let output = shipcheck(&["check", file.to_str().unwrap(), "--now", NOW], b"");
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => {
                let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
                let import = &report["import"];
                let skipped = import["skipped"].as_array().unwrap().len() as u64;
                assert_eq!(import["rows"].as_u64(), Some(import["rows_used"].as_u64().unwrap() + skipped), "{file:?}");
            }
            Some(2) => {
                assert!(stderr.lines().count() == 1 && stderr.len() < 800, "{file:?}: {stderr}");
                assert!(!stderr.trim_end().chars().any(char::is_control), "{file:?}: {stderr:?}");
            }
            other => panic!("{file:?}: exit {other:?}: {stderr}"),
        }
    }
}

#[test]
fn rows_of_one_order_that_disagree_are_noted_in_the_report() {
    let file = format!("{HOSTILE}contradicting-rows-of-one-order.csv");
    let output = shipcheck(&["check", &file, "--now", NOW], b"");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let notes = report["import"]["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 3);
    assert_eq!((notes[0]["line"].as_u64(), notes[0]["order_id"].as_str()), (Some(3), Some("1")));
}

/// Open orders due at three instants, two of them at one: the calendar's events.
fn awaiting_orders() -> String {
    // Paid times in Shanghai; the cross-border rule gives each a dispatch deadline after it.
    "Order ID,Order Status,Paid Time\n\
     A1,Awaiting shipment,2024-11-12 09:00:00\n\
     A2,Awaiting shipment,2024-11-12 09:00:00\n\
     B3,Awaiting shipment,2024-11-12 15:30:00\n\
     C4,Awaiting shipment,2024-11-10 08:00:00\n\
     D5,Shipped,2024-11-12 09:00:00\n"
        .to_owned()
}

#[test]
fn the_calendar_has_one_event_per_open_deadline_with_its_alarms_and_a_real_parser_reads_it() {
    let output = shipcheck(&["calendar", "-", "--now", NOW, "--lead", "24h,4h,12h"], awaiting_orders().as_bytes());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.split_inclusive('\n').all(|line| line.ends_with("\r\n") && line.len() <= 77),
        "CRLF lines of at most 75 octets"
    );
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("an RFC 5545 calendar");
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    let value = |c: &icalendar::parser::Component, name: &str| {
        c.properties.iter().find(|p| p.name.as_str() == name).map(|p| p.val.as_str().to_owned())
    };
    // C4 is overdue at NOW (on the board, not in the calendar); D5 is shipped.
    assert_eq!(events.len(), 2);
    assert_eq!(value(events[0], "DTSTART").as_deref(), Some("20241114T010000Z"));
    assert_eq!(value(events[0], "SUMMARY").as_deref(), Some("2 orders due 09:00:00 (Thu 14 Nov)"));
    let description = value(events[0], "DESCRIPTION").unwrap();
    assert!(description.ends_with("Asia/Shanghai:\nA1\nA2"), "{description:?}");
    assert_eq!(value(events[1], "SUMMARY").as_deref(), Some("1 order due 15:30:00 (Thu 14 Nov)"));
    let triggers: Vec<String> = events[0]
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VALARM")
        .map(|alarm| value(alarm, "TRIGGER").unwrap())
        .collect();
    assert_eq!(triggers, ["-PT24H", "-PT12H", "-PT4H"]);
    assert!(events.iter().all(|e| value(e, "UID").unwrap().ends_with("@shipcheck") && value(e, "DTSTAMP").is_some()));
}

#[test]
fn a_lead_time_past_a_week_is_refused_by_name() {
    let output = shipcheck(&["calendar", "-", "--lead", "200h"], awaiting_orders().as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("a lead time of 200 h: from 1 to 168 hours"));
}

const UPLOAD_EXPORT: &str = "Order ID,Order Status,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name,Fulfillment Type,Package ID,Seller SKU
O2,Awaiting shipment,2024-11-13 09:00:00,,,,Fulfillment by seller,,A
O1,Awaiting shipment,2024-11-12 09:00:00,,,,,,A
O3,Awaiting shipment,2024-11-10 08:00:00,,,,,,A
O4,Shipped,2024-11-11 08:00:00,2024-11-12 08:00:00,1Z999AA10123456784,UPS,,,A
O5,Cancelled,2024-11-11 08:00:00,,,,,,A
O6,Unpaid,,,,,,,A
O7,Awaiting shipment,2024-11-13 09:00:00,,,,FBT,,A
O8,Awaiting shipment,2024-11-13 09:00:00,,,,,P1,A
O8,Awaiting shipment,2024-11-13 09:00:00,,,,,P2,B
O9,Awaiting shipment,2024-11-13 09:00:00,,,,,,A
O10,Awaiting shipment,2024-11-13 09:00:00,,,,,,A
";

/// A bulk upload with every problem the check knows, one or more per row.
const UPLOAD: &str = "Order ID,Tracking ID,Shipping Provider
O2,LX123456785CN,China Post
O1,YT2432100012345678,YunExpress
O3,420221539101026837331000039521,USPS
O4,1Z999AA10123456784,UPS
O5,,UPS
O6,1Z999AA10123456785,UPS
O7,1Z999AA10123456784,ups
O8,,China Post
O9,YT2432100012345678,UPS
O10,LX123456785CN,Chna Post
O99,,UPS
,,UPS
";

fn upload_check(format: &str) -> Output {
    let (_folder, paths) = files_in_temp(&[("upload.csv", UPLOAD), ("export.csv", UPLOAD_EXPORT)]);
    let args = ["upload-check", paths[0].as_str(), "--orders", paths[1].as_str(), "--now", NOW, "--format", format];
    shipcheck(&args, b"")
}

#[test]
fn each_row_of_a_bulk_upload_is_checked_against_the_orders_and_the_rules() {
    let output = upload_check("json");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let codes = |row: &Value| -> Vec<String> {
        row["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap().to_owned()).collect()
    };
    let expected: [(u64, &str, bool, &[&str]); 12] = [
        (2, "O2", true, &[]),
        (3, "O1", true, &["due_soon"]),
        (4, "O3", false, &["already_late", "provider_not_approved"]),
        (5, "O4", false, &["already_shipped", "provider_not_approved"]),
        (6, "O5", false, &["cancelled", "provider_not_approved", "no_tracking_number"]),
        (7, "O6", false, &["not_paid", "provider_not_approved", "invalid_number"]),
        (
            8,
            "O7",
            false,
            &[
                "fulfilled_by_tiktok",
                "provider_spelling",
                "provider_not_approved",
                "repeated_in_file",
                "on_another_order",
            ],
        ),
        (9, "O8", false, &["split_order", "no_tracking_number"]),
        (10, "O9", false, &["provider_not_approved", "not_the_carriers_number", "repeated_in_file"]),
        (11, "O10", false, &["unknown_provider", "provider_not_approved", "repeated_in_file"]),
        (12, "O99", false, &["no_such_order", "provider_not_approved", "no_tracking_number"]),
        (13, "", false, &["no_order_id", "provider_not_approved", "no_tracking_number"]),
    ];
    assert_eq!(rows.len(), expected.len());
    for (row, (line, order, ok, problems)) in rows.iter().zip(expected) {
        assert_eq!(
            (row["line"].as_u64(), row["order_id"].as_str(), row["ok"].as_bool()),
            (Some(line), Some(order), Some(ok))
        );
        assert_eq!(codes(row), problems, "line {line}");
    }
    assert_eq!(rows[6]["provider_as_listed"], "UPS");
    let message = |i: usize, j: usize| rows[i]["problems"][j]["message"].as_str().unwrap().to_owned();
    assert_eq!(
        message(9, 0),
        "Shipping Provider \"Chna Post\" is not on the provider list: did you mean \"China Post\"?"
    );
    assert_eq!(message(6, 4), "Tracking ID \"1Z999AA10123456784\" is already on order \"O4\"");
    assert!(message(7, 0).starts_with("a split order (2 packages)"));
    assert_eq!(message(2, 0), "the dispatch deadline passed 26.0 h ago: this upload is a late dispatch");
}

#[test]
fn the_corrected_upload_keeps_the_template_and_sets_the_problem_rows_apart() {
    let output = upload_check("csv");
    let text = String::from_utf8(output.stdout).unwrap();
    let (ready, to_fix) = text.split_once("\nRows to fix before uploading\n").unwrap();
    assert_eq!(
        ready,
        "Order ID,Tracking ID,Shipping Provider\nO2,LX123456785CN,China Post\nO1,YT2432100012345678,YunExpress\n"
    );
    let lines: Vec<&str> = to_fix.lines().collect();
    assert_eq!(lines[0], "Line,Problems,Order ID,Tracking ID,Shipping Provider");
    assert_eq!(lines.len(), 11);
    assert!(lines[1].starts_with("4,\"the dispatch deadline passed"));
}

/// Writes `files` (name, text) into a folder of their own, removed when the folder is dropped
/// (so tests side by side never share a file); the folder and the files' paths.
fn files_in_temp(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<String>) {
    let folder = tempfile::tempdir().unwrap();
    let paths = files
        .iter()
        .map(|(name, text)| {
            let path = folder.path().join(name);
            std::fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    (folder, paths)
}

#[test]
fn two_shops_exports_name_their_shop_per_file_and_newer_exports_win_when_asked() {
    let (_folder, paths) = files_in_temp(&[
        ("east.csv", "Order ID,Paid Time,Shipped Time\nE1,2024-11-12 09:00:00,\n"),
        ("west.csv", "Order ID,Paid Time,Shipped Time\nW1,2024-11-12 09:00:00,\n"),
        ("west-later.csv", "Order ID,Paid Time,Shipped Time\nW1,2024-11-12 09:00:00,2024-11-13 08:00:00\n"),
    ]);
    let (east, west, later) = (&paths[0], &paths[1], &paths[2]);
    let (east_shop, west_shop) = (format!("{east}=East"), format!("{west}=West"));
    let report =
        json(&shipcheck(&["check", east, west, "--shop", &east_shop, "--shop", &west_shop, "--now", NOW], b""));
    assert_eq!(order(&report, "E1")["shop"], "East");
    assert_eq!(order(&report, "W1")["shop"], "West");
    assert_eq!(order(&report, "W1")["state"], "awaiting_dispatch");

    let newest = json(&shipcheck(&["check", west, later, "--newest-wins", "--now", NOW], b""));
    assert_eq!(order(&newest, "W1")["state"], "shipped_on_time");
    assert!(order(&newest, "W1").get("shop").is_none(), "no shop named: none reported");
    let refused = shipcheck(&["check", east, "--shop", "East", "--now", NOW], b"");
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn appeal_writes_the_orders_asked_for_with_their_times_and_the_notes_given() {
    let output = shipcheck(
        &[
            "appeal",
            FIXTURE,
            "--order",
            "576461413038785101",
            "--note",
            "576461413038785101=Handed to YunExpress, receipt kept",
            "--now",
            NOW,
        ],
        b"",
    );
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let csv = String::from_utf8(output.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Order ID,Rule version,Time zone,Paid,Awaiting shipment since,Dispatch deadline,Shipped (handed over),\
             First carrier scan,Delivered,Carrier,Tracking ID,Finding,Seller's note"
        )
    );
    // Paid 2024-11-10 09:00, shipped 11-11 15:30 (30.5 h later, within the 48 h): no finding.
    let row = lines.next().unwrap();
    assert!(row.starts_with("576461413038785101,\"cross-border-article from 2024-11-12 ("), "{row}");
    assert!(
        row.ends_with(
            ",Asia/Shanghai,2024-11-10T09:00:00+08:00,2024-11-10T09:00:00+08:00,2024-11-12T09:00:00+08:00,\
             2024-11-11T15:30:00+08:00,,,YunExpress,YT2432100012345678,,\"Handed to YunExpress, receipt kept\""
        ),
        "{row}"
    );
    assert_eq!(lines.next(), None, "only the order asked for");
    let unknown = shipcheck(&["appeal", FIXTURE, "--order", "999", "--now", NOW], b"");
    assert_eq!(unknown.status.code(), Some(2));
}
