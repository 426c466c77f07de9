//! The page in English.

use super::{count, plural, Text};
use crate::engine::metrics::MetricKind;

pub const EN: Text = Text {
    language: "Language",
    language_name: "English",
    chinese: false,
    tagline:
        "Deadlines, tracking checks and shop metrics for TikTok Shop orders. Your order data stays in this browser.",
    settings_unusable: |reason| {
        format!("Your saved settings could not be used: {reason}. The default rules are in use until you change them.")
    },
    colon: ": ",
    list_separator: ", ",
    unknown: "unknown",
    not_yet_short: "not yet",
    workspace: "Checked orders",

    rules: "Rules",
    version_from: |date| format!("from {date}"),
    files_count: |n| format!("{n} files"),
    sample_orders: "Sample orders",
    pasted_text: "Pasted text",
    order_count: |n| plural(n, "order", "orders"),
    change_orders: "Change",
    hide_input: "Hide",
    overdue_title: |n, title| format!("({} overdue) {title}", count(n)),

    peak_season: |season| {
        format!("Peak season ({season}): parcels run slower; tell buyers early when an order will be late.")
    },
    header_only: "The text has a header row but no orders under it: there is nothing to check.",
    no_row_used: |rows, skipped| {
        format!(
            "None of the {} could be used ({} not used): see how the orders were read.",
            plural(rows, "row", "rows"),
            count(skipped)
        )
    },
    dates_either_way: |columns, order| {
        format!("No date in {columns} says which comes first, the day or the month, so they were read as {order}, as this market writes them.")
    },
    dates_disagree: |columns, order| {
        format!("Dates in {columns} point both ways: they were read as {order}, as this market writes them; the rows that do not fit are under How they were read.")
    },
    read_both_ways: |line, cell, read, other, other_date| {
        format!("Line {line}, \u{201c}{cell}\u{201d}: read as {read}; as {other} it would be {other_date}.")
    },
    date: |date| date.format("%Y-%m-%d").to_string(),
    read_dates_as: |order| format!("Read them as {order}"),
    zone_written_us: |zone, hours| {
        format!("These times are written month first, as US exports write them, but were read in {zone} time. If the export is in US time, every deadline is {hours} hours off.")
    },
    zone_written_china: |zone, hours| {
        format!("These times are written year first, as Chinese exports write them, but were read in {zone} time. If the export is in China time, every deadline is {hours} hours off.")
    },
    read_zone_as: |zone| format!("Read them in {zone}"),
    keep_zone: |zone| format!("They are in {zone}"),
    urgency: "Orders by urgency",
    overdue: "Overdue",
    due_within_6h: "Due within 6\u{a0}h",
    due_within_24h: "Due within 24\u{a0}h",
    to_dispatch: "To dispatch",
    all: "All",
    views: "Views",
    view_board: "Orders",
    view_dashboard: "Shop metrics",
    view_import: |unused| match unused {
        0 => "How they were read".to_owned(),
        n => format!("How they were read ({} not used)", count(n)),
    },

    orders_in: "Orders to check",
    choose_files: "Choose export files",
    drop_hint: "or drop them here: XLSX, CSV, TSV, Unicode text or JSON; several at once are merged.",
    paste_label: "Or paste orders (CSV, or cells copied from the Seller Center export, with its header row)",
    paste_placeholder: "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name",
    check_orders: "Check orders",
    try_sample: "Try sample orders",
    stays_here: "Your orders are read in this browser and never sent anywhere.",
    cancel: "Cancel",
    starting: "Starting…",
    checking: |done, total| format!("Checking orders: {done} of {total}"),
    file_of: |number, files| format!(" ({number} of {files})"),
    reading: |file, which, read, total| format!("Reading {file}{which}: {read:.1} of {total:.1} MB"),

    where_ship: "Where do you ship from, and to which market?",
    from_china_to_us: "From China to US buyers",
    within_us: "Within the US",
    from_china_elsewhere: "From China to other markets",
    within_uk_eu: "Within the UK, Ireland or Spain",
    from_china_to_sea: "From China to Southeast Asia",
    within_vietnam: "Within Vietnam",
    within_sea: "Within another Southeast Asian market",
    not_now: "Not now",
    rules_and_settings: "Rules & settings",
    in_use: |name, as_of| {
        format!(
            "In use: {name} (sources as of {as_of}). Changes apply when you press Apply and are kept in this browser."
        )
    },
    market_rules: "Market rules",
    apply: "Apply",
    undo: "Undo the last change",
    reset_to_preset: "Reset to the preset",
    deadlines: "Deadlines",
    time_zone: "Time zone",
    dispatch_within_hours: "Dispatch within (hours)",
    dispatch_within_days: "Dispatch within (business days)",
    due_soon_hours: "Warn when a deadline is this close (hours)",
    metric_limits: "Metric targets (%)",
    late_dispatch_max: "Late dispatch rate, at most",
    valid_tracking_min: "Valid tracking rate, at least",
    on_time_min: "On-time delivery rate, at least",
    cancellation_max: "Seller-fault cancellation rate, at most",
    not_a_number: "Not a number.",
    out_of_range: |low, high| format!("Must be from {low} to {high}."),
    whole_number: "Must be a whole number.",
    warehouse_closed: "Warehouse closed",
    remove: "Remove",
    remove_day: |day| format!("Remove {day}"),
    add_closed_day: "Add a closed day",
    add: "Add",
    every_value_json: "Every value, as JSON",
    not_used: |reason| format!("Not used: {reason}"),
    use_json: "Use this JSON",
    export_profile: "Export profile",
    import_profile: "Import profile",
    file_unreadable: |error| format!("the file could not be read: {error}"),

    tracking_tool: "Check a tracking number",
    tracking_title: "Check one tracking number",
    tracking_number: "Tracking number",
    carrier_optional: "Carrier (optional)",
    tracking_other_carrier: |reason| format!("Not the named carrier's number: {reason}."),
    tracking_valid: |carrier, format| format!("Valid {carrier} number ({format})."),
    tracking_also_fits: |others| format!(" Also fits: {others}."),
    tracking_invalid: |reason| format!("Invalid: {reason}."),
    tracking_unknown: "No known format matches this number; the platform may still accept it.",
    tracking_junk: |reason| {
        let mut sentence = reason.to_owned();
        if let Some(first) = sentence.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        format!("{sentence}.")
    },
    tracking_unsure: |reason| format!("Cannot tell: {reason}."),

    could_not_read: "These orders could not be read: ",
    mapping_title: "Which columns are these?",
    mapping_help: "ShipCheck did not recognise the columns it needs in this file. Choose them below; \
                   files with the same header row will be read the same way in this browser.",
    mapping_none: "(none)",
    mapping_apply: "Use these columns",

    view_import_title: "How the orders were read",
    read_rows: |rows, used, orders, skipped, description| {
        let description = match description {
            0 => String::new(),
            n => format!(
                " Seller Center's row of column descriptions recognised{}.",
                if n == 1 { String::new() } else { format!(" ({} files)", count(n)) }
            ),
        };
        format!(
            "Read {}: {} used in {}, {} not used.{description}",
            plural(rows, "row", "rows"),
            count(used),
            plural(orders, "order", "orders"),
            count(skipped)
        )
    },
    times_read_in: "Times without a zone were read in",
    judged_by: |name| {
        format!("Judged by \u{201c}{name}\u{201d}, each order by the version in effect when its clock started:")
    },
    version_judged: |from, n| format!("from {from}: {}", plural(n, "order", "orders")),
    columns_missing: "Columns not found",
    without_paid: "deadlines start from the order's creation time instead.",
    without_shipped: "every order is treated as not yet shipped, so late dispatch cannot be measured.",
    without_tracking: "tracking numbers cannot be checked, and the valid tracking rate is not measured.",
    without_carrier: "numbers cannot be matched to their carrier, nor carriers to the approved list.",
    without_status: "cancelled and unpaid orders cannot be told apart from open ones.",
    without_delivered: "on-time delivery and transit times cannot be measured.",
    without_other: "nothing ShipCheck checks depends on it alone.",
    files_read: "Files read",
    file_read: |name, parts| format!("{name}: {parts}."),
    merged: |n, example| {
        format!("{} appear in more than one file and were merged (e.g. {example}).", plural(n, "order", "orders"))
    },
    sheet: "Sheet",
    sheet_read: |name| format!("sheet \u{201c}{name}\u{201d}"),
    tab_separated: "tab-separated",
    semicolon_separated: "semicolon-separated",
    comma_separated: "comma-separated",
    rows: |n| plural(n, "row", "rows"),
    description_row_recognised: "Seller Center's row of column descriptions recognised",
    read_as: |column, order, why| format!("{column} read as {order} ({why})"),
    by_values: "as its values show",
    by_default: "no value decides, so as this market writes them",
    by_conflict: "its values disagree; rows that do not fit are listed below",
    by_override: "as chosen",
    columns_not_read: |columns| format!("columns not read: {columns}"),
    reading_options: "Reading options",
    encoding: "Encoding",
    detect: "Detect",
    gb18030: "GB18030 (Chinese Excel)",
    slashed_dates: "Slashed dates",
    rows_not_used: |n| format!("Rows not used ({})", count(n)),
    rows_with_notes: |n, shown| match n > shown {
        true => format!("Rows used, with a note ({}; the first {} shown, all in the report)", count(n), count(shown)),
        false => format!("Rows used, with a note ({})", count(n)),
    },
    line_in_file: |file, line| format!("{file}, line {line}"),
    line: |line| format!("Line {line}"),
    previous: "Previous",
    next: "Next",
    page_of: |page, pages| format!("Page {page} of {pages}"),
    download_unused: "Download the rows not used (CSV)",
    every_row_used: |rows| format!("Every row was used ({rows})."),

    shop_metrics: "Shop metrics",
    late_dispatch_rate: "Late dispatch rate",
    valid_tracking_rate: "Valid tracking rate",
    on_time_delivery_rate: "On-time delivery rate",
    cancellation_rate: "Seller-fault cancellation rate",
    metric_line: |kind, n, d, standing| {
        let counted = match kind {
            MetricKind::LateDispatch => {
                format!("{} of {} shipped late", count(n), plural(d, "dispatched order", "dispatched orders"))
            }
            MetricKind::ValidTracking => {
                format!("{} of {} with a valid tracking number", count(n), plural(d, "package", "packages"))
            }
            MetricKind::OnTimeDelivery => format!("{} of {} on time", count(n), plural(d, "order due", "orders due")),
            MetricKind::SellerFaultCancellation => {
                format!(
                    "{} of {} cancelled by the seller or the system",
                    count(n),
                    plural(d, "paid order", "paid orders")
                )
            }
        };
        format!("{counted}; {standing}.")
    },
    no_data: "no data",
    nothing_to_measure: "nothing to measure yet",
    within_ceiling: |limit| format!("within the {limit} limit"),
    above_ceiling: |limit| format!("above the {limit} limit"),
    meets_floor: |target| format!("meets the {target} target"),
    below_floor: |target| format!("below the {target} target"),
    past_enforced: |level| format!("past {level}, where the platform acts"),
    show_against: |n| format!("Show the {} against it", plural(n, "order", "orders")),
    week_by_week: "Week by week, as the platform measures",
    metric: "Rate",
    this_week: "This week",
    trend: "Trend",
    trend_label: |rates| format!("The weeks oldest first: {rates}"),
    week_of: |monday| format!("From {monday}"),
    platform_acts: |metric, level, what| format!("{metric} at {level}: {what}"),
    what_if: "What if",
    what_if_question: |hours| {
        format!("What if everything due in the next {} ships now?", plural(hours, "hour", "hours"))
    },
    what_if_result: |due, hours, rate, overdue| {
        format!(
            "If the {} due in the next {} ship now, the late dispatch rate will be {rate} ({} already overdue will count as late).",
            plural(due, "order", "orders"),
            plural(hours, "hour", "hours"),
            count(overdue)
        )
    },
    charts: "Charts",
    chart_daily: "Late dispatch rate by day",
    chart_daily_caption: |days| format!("The last {days} days, by the local day each order was dispatched."),
    chart_handling: "Handling time",
    chart_handling_caption: "Orders by hours from payment to dispatch.",
    chart_transit: "Transit time",
    chart_transit_caption: "Delivered orders by business days in transit.",
    chart_carriers: "Carrier scorecard",
    chart_carriers_caption: "On-time delivery rate by carrier.",
    chart_destinations: "Destinations",
    chart_destinations_caption: "Orders by destination.",
    chart_empty: "No orders to chart yet.",
    table: "Table",
    no_dispatches: "no dispatches",
    of: |rate, n, d| format!("{rate} ({} of {})", count(n), count(d)),
    destination_figure: |orders, late| format!("{}, late dispatch {late}", plural(orders, "order", "orders")),
    hours_unit: "h",
    days_unit: "d",
    carriers_to_review: "Carriers to review",

    orders: "Orders",
    orders_table: "Orders, most urgent first",
    order_rows: "Order rows; scroll for more",
    column_order: "Order",
    column_order_id: "Order ID",
    column_destination: "Destination",
    column_carrier: "Carrier",
    column_tracking: "Tracking ID",
    column_shipping: "Carrier · tracking",
    column_state: "State",
    column_next_deadline: "Next deadline",
    column_findings: "Findings",
    column_paid: "Paid time (the clock starts here)",
    column_created: "Created time (if there is no paid time)",
    column_shipped: "Shipped time",
    column_status: "Order status",
    column_delivered: "Delivered time",
    finding: "Finding",
    search: "Search by order ID, tracking number or SKU",
    any: "Any",
    sort_by: "Sort",
    filters: |active| match active {
        0 => "Filters and export".to_owned(),
        n => format!("Filters ({n} set) and export"),
    },
    sort_urgency: "Most urgent first",
    reversed: |name| format!("{name}, reversed"),
    orders_match: |shown, total| format!("{} of {} match", count(shown), plural(total, "order", "orders")),
    clear_filters: "Clear filters",
    only_against: |metric| format!("Only orders against the {}", metric.to_lowercase()),
    export: "Export",
    export_csv: "Export shown orders (CSV)",
    export_json: "Full report (JSON)",
    export_calendar: "Calendar reminders (.ics)",
    upload_check: "Check a bulk upload file…",
    reminders_switch: |leads| format!("Notify me {leads} before deadlines"),
    reminders_refused: "The browser does not allow notifications for this page.",
    reminder_title: |count, time, lead| match count {
        1 => format!("1 order due at {time}: under {lead} h left"),
        n => format!("{n} orders due at {time}: under {lead} h left"),
    },
    reminder_body: |shops| match shops {
        "" => "Not dispatched yet. Open ShipCheck to see them.".to_owned(),
        shops => format!("Not dispatched yet ({shops}). Open ShipCheck to see them."),
    },
    upload_check_hint: "Pick the tracking file you are about to upload to Seller Center: each row is checked against these orders before you send it.",
    upload_summary: |rows, ready, urgent, to_fix| {
        let urgent = if urgent > 0 { format!(" ({} due soon or late: upload them first)", count(urgent)) } else { String::new() };
        format!("{} rows: {} ready to upload{urgent}, {} to fix.", count(rows), count(ready), count(to_fix))
    },
    upload_all_ready: "Every row is ready to upload.",
    upload_download: "Download the corrected file",
    upload_first_shown: |n| format!("The first {} rows to fix are shown; the file has them all.", count(n)),
    export_calendar_hint: |leads| format!("The shown orders' dispatch deadlines still ahead, one event per deadline, reminding you {leads} before. Import the file into Google, Apple or Outlook Calendar."),
    hours_list: |hours| {
        let written: Vec<String> = hours.iter().map(u32::to_string).collect();
        match written.split_last() {
            Some((last, [])) => format!("{last} h"),
            Some((last, rest)) => format!("{} and {last} h", rest.join(", ")),
            None => String::new(),
        }
    },
    remind_at: "Remind me (hours before)",
    leads_refused: "Write hours from 1 to 168, up to 8, separated by commas: 24, 12, 4.",
    print: "Print",
    print_title: |orders, at| format!("ShipCheck: {} as of {at}", plural(orders, "order", "orders")),
    print_first: |printed, all| {
        format!("The first {} of {} are printed; the CSV export has them all.", count(printed), count(all))
    },
    copy_notices: "Copy buyer notices",
    copied_notices: |n| match n {
        0 => "No shown order needs a buyer notice now.".to_owned(),
        n => format!("Copied {}.", plural(n, "buyer notice", "buyer notices")),
    },
    saved_notices: |n| {
        format!("Saved {} as a file: too many to paste at once.", plural(n, "buyer notice", "buyer notices"))
    },
    no_match: "No order matches these filters.",
    shop: "Shop",
    all_shops: "All shops",
    shop_placeholder: "Shop name",
    shop_of_each_file: "Several shops? Name the shop of each file",
    orders_updated: |n| format!("{} also in an earlier export: the newest export's word stands.", plural(n, "order was", "orders were")),
    your_marks: "Your marks",
    your_note: "Your note",
    note_placeholder: "What happened: hand-over receipt, call with the buyer, carrier ticket…",
    marks_kept_here: "Kept in this browser only, by order ID: they stay through reloads and later imports.",
    mark_shipped: "Shipped",
    mark_tracking_uploaded: "Tracking uploaded",
    mark_buyer_notified: "Buyer notified",
    mark_noted: "Note",
    mark_row_labels: ["Shipped", "Tracking", "Notified"],
    mark_filter_labels: ["Not handled yet", "Shipped", "Tracking uploaded", "Buyer notified", "With a note"],
    appeal_csv: "Appeal pack (CSV)",
    appeal_print: "Print appeal pack",
    appeal_hint: "Order IDs with paid, deadline, hand-over, first-scan and delivery times, the rule version, the finding and your note: the evidence an appeal asks for.",
    appeal_title: |orders, at| format!("Dispatch evidence: {} as of {at}", plural(orders, "order", "orders")),
    appeal_intro: |zone| format!("Times are the shop's order records, each written with its UTC offset (time zone {zone}). The rule version is the one that judged the order."),
    appeal_columns: ["Order ID and rule version", "Paid", "Awaiting shipment since", "Dispatch deadline", "Shipped (handed over)", "First carrier scan", "Delivered", "Carrier and tracking ID", "Finding", "Seller's note"],
    kept_title: "Kept in this browser",
    restore_last: "Open the last import again when this page opens",
    restore_hint: "The files stay in this browser. Nothing is uploaded, ever.",
    keep_history: "Keep my exports here for 9 weeks and read them together: each order as its newest export says, the weekly rates over all of them",
    exports_kept: |n| format!("{} kept.", plural(n, "export", "exports")),
    forget_all: "Forget everything",
    forgot: |marks, import, exports, settings| {
        let mut parts = Vec::new();
        if marks > 0 {
            parts.push(plural(marks, "mark or note", "marks and notes"));
        }
        if import {
            parts.push("the last import".to_owned());
        }
        if exports > 0 {
            parts.push(plural(exports, "kept export", "kept exports"));
        }
        if settings > 0 {
            parts.push(plural(settings, "setting", "settings"));
        }
        match parts.len() {
            0 => "This browser kept nothing of ShipCheck's.".to_owned(),
            _ => format!("Removed from this browser: {}.", parts.join(", ")),
        }
    },
    deadline_left: |kind| format!("{kind} due in"),
    deadline_passed: |kind| format!("{kind} overdue"),
    set_by_platform: " (set by the platform)",
    from_profile: " (from the rule profile)",
    more_findings: |n| format!("+{n} more"),
    when: |zone, at| zone.display(at),
    day_unit: "d",

    order_detail: "Order detail",
    order: "Order ",
    close: "Close",
    line_in_export: "Line in the export",
    rule_version: |name, from| format!("Judged by {name}, the rules in effect from {from}:"),
    timeline: "Timeline",
    findings: "Findings",
    items: "Items",
    not_yet: "not yet, or not in the export",
    nothing_to_fix: "Nothing to fix on this order.",
    what_to_do: "What to do: ",
    no_sku_lines: "The export lists no SKU lines for this order.",
    sku: "SKU",
    product: "Product",
    variation: "Variation",
    quantity: "Quantity",
    delay_notice: "Delay notice for the buyer",
    notice_recommended: "Recommended now: this order will arrive after the date the buyer was promised.",
    notice_not_needed: "Not needed; here if the buyer asks.",
    notice_english: "English",
    notice_chinese: "Chinese",
    copy: "Copy",
    copied: "Copied.",
    met_with_spare: |span| format!("met with {span} to spare"),
    missed_by: |span| format!("missed by {span}"),
    left: |span| format!("{span} left"),
    passed_ago: |span| format!("passed {span} ago"),
    span: crate::engine::span::phrase,
    evidence_labels: &[
        ("approved", "approved carriers"),
        ("auto_cancel_deadline", "auto-cancel deadline"),
        ("cancel_reason", "cancellation reason"),
        ("cancelled_by", "cancelled"),
        ("carrier", "carrier"),
        ("collection_deadline", "collection deadline"),
        ("deadline_source", "deadline set by"),
        ("delivered", "delivered"),
        ("delivery_deadline", "delivery deadline"),
        ("dispatch_deadline", "dispatch deadline"),
        ("dispatched", "dispatched"),
        ("dispatched_from", "dispatch time from"),
        ("estimated_arrival", "estimated arrival"),
        ("likely_lost_after", "likely lost after"),
        ("missing", "missing"),
        ("other_orders", "other orders"),
        ("problems", "problems"),
        ("reason", "reason"),
        ("tracking_added", "tracking number added"),
        ("tracking_id", "tracking number"),
        ("transit_limit", "transit limit"),
        ("transit_warning_after", "slow after"),
        ("upload_deadline", "upload deadline"),
    ],

    finding_labels: [
        "Late dispatch",
        "Overdue",
        "Due soon",
        "Auto-cancel risk",
        "Not collected",
        "No tracking",
        "Invalid tracking",
        "Wrong carrier's number",
        "Duplicate tracking",
        "Tracking late",
        "Carrier not approved",
        "Slow transit",
        "Transit exceeded",
        "Likely lost",
        "Delivered late",
        "Bad timestamps",
        "Missing time",
        "Notify buyer",
        "Seller-fault cancel",
    ],
    state_labels: [
        "Unpaid",
        "Cancelled",
        "To dispatch",
        "Dispatch overdue",
        "No deadline",
        "Shipped on time",
        "Shipped late",
        "Shipped",
        "Delivered",
        "Fulfilled by TikTok",
    ],
    group_labels: [
        "Overdue",
        "Ship within 6 h",
        "Ship within 24 h",
        "To ship later",
        "To ship, no deadline",
        "Shipped late",
        "Shipped",
        "Fulfilled by TikTok",
        "Delivered",
        "Unpaid",
        "Cancelled",
    ],
    step_labels: ["Paid", "Ready to ship", "Shipped", "Collected by the carrier", "Delivered"],
    deadline_labels: ["Dispatch deadline", "Auto-cancel deadline", "Collection deadline", "Delivery deadline"],
    deadline_kinds: ["Dispatch", "Auto-cancel", "Collection", "Delivery"],
};
