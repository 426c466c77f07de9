//! The page's words in English and Simplified Chinese.
//!
//! Every string the page shows comes from a [`Text`] table; a field missing from one language is
//! a compile error, so neither can fall behind. Texts with values in them are functions, because
//! the two languages put the values in different places. The language is chosen from the
//! browser's (`navigator.language`), can be switched, and is remembered in local storage.
//!
//! What the engine writes (finding messages, actions, buyer notices) it writes in both languages
//! itself; the page picks one with [`Locale::pick`].

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::remembered;
use crate::engine::Zone;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    En,
    Zh,
}

const STORAGE_KEY: &str = "shipcheck.locale";

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Zh];

    /// The language a BCP 47 tag asks for: any Chinese tag is Simplified Chinese, the rest English.
    pub fn from_tag(tag: &str) -> Locale {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Locale::Zh
        } else {
            Locale::En
        }
    }

    /// The `lang` attribute value.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Locale::En => &EN,
            Locale::Zh => &ZH,
        }
    }

    /// One of a pair the engine wrote in both languages.
    pub fn pick<'a>(self, english: &'a str, chinese: &'a str) -> &'a str {
        match self {
            Locale::En => english,
            Locale::Zh => chinese,
        }
    }

    /// The language remembered in this browser, else the browser's own.
    pub fn preferred() -> Locale {
        let stored = remembered::read(STORAGE_KEY);
        let tag = stored.or_else(|| web_sys::window().and_then(|w| w.navigator().language()));
        tag.as_deref().map(Locale::from_tag).unwrap_or_default()
    }

    pub fn remember(self) {
        remembered::write(STORAGE_KEY, self.tag());
    }

    /// A whole number with its thousands grouped, as both languages write them (`12,345`).
    pub fn count(self, n: impl Into<u64>) -> String {
        let digits = n.into().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        grouped
    }
}

/// The words of the page in use: the language the app was rendered in.
pub fn text() -> &'static Text {
    locale().text()
}

pub fn locale() -> Locale {
    use_context::<RwSignal<Locale>>().map(|l| l.get_untracked()).unwrap_or_default()
}

/// Every string of the page, in one language.
pub struct Text {
    pub language: &'static str,
    pub language_name: &'static str,
    pub tagline: &'static str,
    pub settings_unusable: fn(&str) -> String,

    // Input
    pub choose_files: &'static str,
    pub drop_hint: &'static str,
    pub paste_label: &'static str,
    pub check_orders: &'static str,
    pub try_sample: &'static str,
    pub cancel: &'static str,
    pub reading_options: &'static str,
    pub encoding: &'static str,
    pub detect: &'static str,
    pub gb18030: &'static str,
    pub slashed_dates: &'static str,
    pub checking: fn(usize, usize) -> String,
    pub file_of: fn(usize, usize) -> String,
    pub opening: fn(&str, &str) -> String,
    pub reading: fn(&str, &str, f64, f64, u64) -> String,
    /// The first pass over a file's rows, which decides how its slashed dates read.
    pub scanning_dates: fn(&str, &str, f64, f64) -> String,

    // Tracking box
    pub tracking_title: &'static str,
    pub tracking_number: &'static str,
    pub carrier_optional: &'static str,
    pub tracking_other_carrier: fn(&str) -> String,
    pub tracking_valid: fn(&str, &str) -> String,
    pub tracking_also_fits: fn(&str) -> String,
    pub tracking_invalid: fn(&str) -> String,
    pub tracking_unknown: &'static str,

    // Column mapping
    pub mapping_title: &'static str,
    pub mapping_help: &'static str,
    pub mapping_none: &'static str,
    pub mapping_apply: &'static str,
    pub column_order_id: &'static str,
    pub column_paid: &'static str,
    pub column_created: &'static str,

    // Import summary
    pub could_not_read: &'static str,
    pub read_rows: fn(&str, &str, &str, &str) -> String,
    pub assumptions: fn(&str, &str, &str, &str, &str, &str, &str) -> String,
    /// The rule versions that judged the orders: "from 2026-01-26 (1,204 orders)".
    pub judged_by: fn(&str) -> String,
    pub version_judged: fn(&str, u64) -> String,
    /// In an order's detail: the version that judged it, from when, and its source.
    pub rule_version: fn(&str, &str, &str) -> String,
    pub dispatch_rts: &'static str,
    pub dispatch_shipped: &'static str,
    pub dispatch_collected: &'static str,
    pub clock_paid: &'static str,
    pub clock_created: &'static str,
    pub clock_awaiting_shipment: fn(u32) -> String,
    pub columns_not_found: fn(&str) -> String,
    pub without_shipped: &'static str,
    pub files_read: &'static str,
    pub merged: fn(usize, &str) -> String,
    pub pasted_text: &'static str,
    pub tab_separated: &'static str,
    /// A moment in a zone: ISO order in English (sellers who write 11/12 either way read it
    /// alike), 年月日 in Chinese.
    pub when: fn(&Zone, DateTime<Utc>) -> String,
    /// The label of the sheet picker, and the sheet a workbook was read from.
    pub sheet: &'static str,
    pub sheet_read: fn(&str) -> String,
    pub semicolon_separated: &'static str,
    pub comma_separated: &'static str,
    pub rows: fn(u64) -> String,
    pub description_row_skipped: &'static str,
    pub read_as: fn(&str, &str, &str) -> String,
    pub by_values: &'static str,
    pub by_default: &'static str,
    pub by_conflict: &'static str,
    pub by_override: &'static str,
    pub rows_not_used: &'static str,
    pub line_in_file: fn(&str, u64) -> String,
    pub line: fn(u64) -> String,
    pub more_in_download: fn(usize) -> String,
    pub download_unused: &'static str,

    // Dashboard
    pub shop_metrics: &'static str,
    pub late_dispatch_rate: &'static str,
    pub valid_tracking_rate: &'static str,
    pub on_time_delivery_rate: &'static str,
    pub cancellation_rate: &'static str,
    pub counted_late: &'static str,
    pub counted_tracked: &'static str,
    pub counted_on_time: &'static str,
    pub counted_cancelled: &'static str,
    pub metric_line: fn(u64, u64, &str, &str, &str, &str) -> String,
    pub no_data: &'static str,
    pub within_limit: &'static str,
    pub outside_limit: &'static str,
    pub nothing_to_measure: &'static str,
    pub past_enforced: &'static str,
    pub at_most: &'static str,
    pub at_least: &'static str,
    pub show_against: fn(u64) -> String,
    pub what_if: &'static str,
    pub what_if_before: &'static str,
    pub what_if_unit: &'static str,
    pub what_if_after: &'static str,
    pub what_if_result: fn(u64, u32, &str, u64) -> String,
    pub charts: &'static str,
    pub chart_daily: &'static str,
    pub chart_daily_caption: fn(u32) -> String,
    pub chart_handling: &'static str,
    pub chart_handling_caption: &'static str,
    pub chart_transit: &'static str,
    pub chart_transit_caption: &'static str,
    pub chart_carriers: &'static str,
    pub chart_carriers_caption: &'static str,
    pub chart_destinations: &'static str,
    pub chart_destinations_caption: &'static str,
    pub chart_empty: &'static str,
    pub table: &'static str,
    pub no_dispatches: &'static str,
    pub of: fn(&str, u64, u64) -> String,
    pub destination_orders: fn(&str) -> String,
    pub destination_late: fn(&str) -> String,
    pub hours_unit: &'static str,
    pub days_unit: &'static str,
    pub carriers_to_review: &'static str,

    // Board
    pub orders: &'static str,
    pub overdue_title: fn(usize, &str) -> String,
    pub orders_table: &'static str,
    pub order_rows: &'static str,
    pub column_destination: &'static str,
    pub column_carrier: &'static str,
    pub column_tracking: &'static str,
    pub column_state: &'static str,
    pub column_next_deadline: &'static str,
    pub column_findings: &'static str,
    pub dispatch_deadline: &'static str,
    pub all: &'static str,
    pub overdue: &'static str,
    pub due_within_6h: &'static str,
    pub due_within_24h: &'static str,
    pub finding: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub any: &'static str,
    pub order_count: fn(&str) -> String,
    pub orders_match: fn(&str, &str) -> String,
    pub clear_filters: &'static str,
    pub only_against: fn(&str) -> String,
    pub export: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub print: &'static str,
    pub print_title: fn(&str, &str) -> String,
    pub print_first: fn(&str, &str) -> String,
    pub copy_notices: &'static str,
    pub copied_notices: fn(usize) -> String,
    pub no_match: &'static str,
    pub deadline_dispatch: &'static str,
    pub deadline_collection: &'static str,
    pub deadline_delivery: &'static str,
    pub deadline_auto_cancel: &'static str,
    pub overdue_by: &'static str,
    pub due_in: &'static str,
    pub set_by_platform: &'static str,
    pub from_profile: &'static str,
    pub day_unit: &'static str,

    // Detail
    pub order_detail: &'static str,
    pub order: &'static str,
    pub close: &'static str,
    pub line_in_export: &'static str,
    pub timeline: &'static str,
    pub findings: &'static str,
    pub items: &'static str,
    pub not_yet: &'static str,
    pub nothing_to_fix: &'static str,
    pub what_to_do: &'static str,
    pub no_sku_lines: &'static str,
    pub sku: &'static str,
    pub product: &'static str,
    pub variation: &'static str,
    pub quantity: &'static str,
    pub delay_notice: &'static str,
    pub notice_recommended: &'static str,
    pub notice_not_needed: &'static str,
    pub notice_english: &'static str,
    pub notice_chinese: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub met_with_spare: fn(&str) -> String,
    pub missed_by: fn(&str) -> String,
    pub left: fn(&str) -> String,
    pub passed_ago: fn(&str) -> String,
    pub span: fn(chrono::TimeDelta) -> String,

    // Settings
    pub rules_and_settings: &'static str,
    pub settings_help: &'static str,
    pub in_use: fn(&str, &str, &str) -> String,
    pub market_rules: &'static str,
    pub deadlines: &'static str,
    pub time_zone: &'static str,
    pub dispatch_within_hours: &'static str,
    pub dispatch_within_days: &'static str,
    pub due_soon_hours: &'static str,
    pub metric_limits: &'static str,
    pub late_dispatch_max: &'static str,
    pub valid_tracking_min: &'static str,
    pub on_time_min: &'static str,
    pub cancellation_max: &'static str,
    pub warehouse_closed: &'static str,
    pub remove: &'static str,
    pub remove_day: fn(&str) -> String,
    pub add_closed_day: &'static str,
    pub add: &'static str,
    pub every_value_json: &'static str,
    pub not_applied: fn(&str) -> String,
    pub apply_json: &'static str,
    pub export_profile: &'static str,
    pub import_profile: &'static str,
    pub file_unreadable: fn(&str) -> String,
    pub reset_to_preset: &'static str,

    // Codes
    pub finding_labels: [&'static str; 19],
    pub state_labels: [&'static str; 10],
    pub step_labels: [&'static str; 5],
    pub deadline_labels: [&'static str; 4],
}

pub const EN: Text = Text {
    language: "Language",
    language_name: "English",
    tagline:
        "Deadlines, tracking checks and shop metrics for TikTok Shop orders. Your order data stays in this browser.",
    settings_unusable: |reason| {
        format!("Your saved settings could not be used: {reason}. The default rules are in use until you change them.")
    },

    choose_files: "Choose export files",
    drop_hint: "or drop them here: XLSX, CSV, TSV, Unicode text or JSON; several at once are merged.",
    paste_label: "Or paste orders (CSV or cells copied from the Seller Center export, with its header row)",
    check_orders: "Check orders",
    try_sample: "Try sample orders",
    cancel: "Cancel",
    reading_options: "Reading options",
    encoding: "Encoding",
    detect: "Detect",
    gb18030: "GB18030 (Chinese Excel)",
    slashed_dates: "Slashed dates",
    checking: |done, total| format!("Checking orders: {done} of {total}"),
    file_of: |number, files| format!(" ({number} of {files})"),
    opening: |file, which| format!("Opening {file}{which}…"),
    reading: |file, which, read, total, rows| format!("Reading {file}{which}: {read:.1} of {total:.1} MB, {rows} rows"),
    scanning_dates: |file, which, read, total| {
        format!("Looking through {file}{which} for how its dates are written: {read:.1} of {total:.1} MB")
    },

    tracking_title: "Check one tracking number",
    tracking_number: "Tracking number",
    carrier_optional: "Carrier (optional)",
    tracking_other_carrier: |reason| format!("✗ Not the named carrier's number: {reason}."),
    tracking_valid: |carrier, format| format!("✓ Valid {carrier} number ({format})."),
    tracking_also_fits: |others| format!(" Also fits: {others}."),
    tracking_invalid: |reason| format!("✗ Invalid: {reason}."),
    tracking_unknown: "? No known format matches this number; the platform may still accept it.",

    mapping_title: "Which columns are these?",
    mapping_help: "ShipCheck did not recognise the columns it needs in this file. Choose them below; \
                   files with the same header row will be read the same way in this browser.",
    mapping_none: "(none)",
    mapping_apply: "Use these columns",
    column_order_id: "Order ID",
    column_paid: "Paid time (the clock starts here)",
    column_created: "Created time (if there is no paid time)",

    could_not_read: "These orders could not be read: ",
    read_rows: |rows, used, orders, skipped| {
        format!("Read {rows} rows: {used} used in {orders} orders, {skipped} skipped.")
    },
    judged_by: |versions| format!("Judged by the rules in effect when each order's clock started: {versions}."),
    version_judged: |from, n| format!("from {from} ({} order{})", Locale::En.count(n), if n == 1 { "" } else { "s" }),
    rule_version: |name, from, source| format!("Judged by {name}, the rules in effect from {from} ({source})."),
    assumptions: |zone, offset, name, source, as_of, dispatch, clock| {
        format!(
            "Times without a zone were read as {zone} (UTC{offset}). Rules: {name} ({source}, as of {as_of}). \
             Dispatch means the {dispatch}; the clock starts at {clock}."
        )
    },
    dispatch_rts: "RTS Time (ready to ship)",
    dispatch_shipped: "Shipped Time",
    dispatch_collected: "collection by the carrier",
    clock_paid: "Paid Time, else Created Time",
    clock_created: "Created Time",
    clock_awaiting_shipment: |hours| {
        format!("Awaiting Shipment ({hours} h after payment, the buyer's cancellation hold, unless the data gives it)")
    },
    columns_not_found: |missing| format!("Columns not found: {missing}. "),
    without_shipped: "Without Shipped Time every order is treated as not yet shipped.",
    files_read: "Files read",
    merged: |n, example| format!("{n} orders appear in more than one file and were merged (e.g. {example})."),
    pasted_text: "Pasted text",
    tab_separated: "tab-separated",
    when: |zone, at| zone.display(at),
    sheet: "Sheet",
    sheet_read: |name| format!("sheet \u{201c}{name}\u{201d}"),
    semicolon_separated: "semicolon-separated",
    comma_separated: "comma-separated",
    rows: |n| format!("{n} row{}", if n == 1 { "" } else { "s" }),
    description_row_skipped: "its row of column descriptions skipped",
    read_as: |column, order, why| format!("{column} read as {order} ({why})"),
    by_values: "as its values show",
    by_default: "no value decides, so as this market writes them",
    by_conflict: "its values disagree; rows that do not fit are listed below",
    by_override: "as chosen",
    rows_not_used: "Rows not used",
    line_in_file: |file, line| format!("{file}, line {line}"),
    line: |line| format!("Line {line}"),
    more_in_download: |n| format!("…and {n} more in the download."),
    download_unused: "Download the rows not used (CSV)",

    shop_metrics: "Shop metrics",
    late_dispatch_rate: "Late dispatch rate",
    valid_tracking_rate: "Valid tracking rate",
    on_time_delivery_rate: "On-time delivery rate",
    cancellation_rate: "Seller-fault cancellation rate",
    counted_late: "dispatched orders shipped late",
    counted_tracked: "shipped orders with a valid tracking number",
    counted_on_time: "delivered orders on time",
    counted_cancelled: "paid orders cancelled by the seller or the system",
    metric_line: |n, d, counted, limit, threshold, status| {
        format!("{n} of {d} {counted}; target {limit} {threshold}: {status}.")
    },
    no_data: "no data",
    within_limit: "within the limit",
    outside_limit: "outside the limit",
    nothing_to_measure: "nothing to measure yet",
    past_enforced: "past the level the platform acts on",
    at_most: "at most",
    at_least: "at least",
    show_against: |n| format!("Show the {n} order{} against it", if n == 1 { "" } else { "s" }),
    what_if: "What if",
    what_if_before: "What if everything due in the next ",
    what_if_unit: " hours",
    what_if_after: " ships now?",
    what_if_result: |due, hours, rate, overdue| {
        format!(
            "If the {due} orders due in the next {hours} hours ship now, the late dispatch rate will be {rate} \
             ({overdue} already overdue will count as late)."
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
    of: |rate, n, d| format!("{rate} ({n} of {d})"),
    destination_orders: |orders| format!("{orders} orders"),
    destination_late: |rate| format!("late dispatch {rate}"),
    hours_unit: "h",
    days_unit: "d",
    carriers_to_review: "Carriers to review",

    orders: "Orders",
    overdue_title: |n, title| format!("({n} overdue) {title}"),
    orders_table: "Orders, most urgent first",
    order_rows: "Order rows; scroll for more",
    column_destination: "Destination",
    column_carrier: "Carrier",
    column_tracking: "Tracking ID",
    column_state: "State",
    column_next_deadline: "Next deadline",
    column_findings: "Findings",
    dispatch_deadline: "Dispatch deadline",
    all: "All",
    overdue: "Overdue",
    due_within_6h: "Due within 6 h",
    due_within_24h: "Due within 24 h",
    finding: "Finding",
    search: "Search",
    search_placeholder: "Order ID, tracking number or SKU",
    any: "Any",
    order_count: |total| format!("{total} orders"),
    orders_match: |shown, total| format!("{shown} of {total} orders match"),
    clear_filters: "Clear filters",
    only_against: |metric| format!("Only orders against the {}", metric.to_lowercase()),
    export: "Export",
    export_csv: "Export shown orders (CSV)",
    export_json: "Full report (JSON)",
    print: "Print",
    print_title: |orders, at| format!("ShipCheck: {orders} orders as of {at}"),
    print_first: |printed, all| format!("The first {printed} of {all} are printed; the CSV export has them all."),
    copy_notices: "Copy buyer notices",
    copied_notices: |n| match n {
        0 => "No shown order needs a buyer notice now.".to_owned(),
        1 => "Copied 1 buyer notice.".to_owned(),
        n => format!("Copied {n} buyer notices."),
    },
    no_match: "No order matches these filters.",
    deadline_dispatch: "Dispatch",
    deadline_collection: "Collection",
    deadline_delivery: "Delivery",
    deadline_auto_cancel: "Auto-cancel",
    overdue_by: " overdue by ",
    due_in: " due in ",
    set_by_platform: " (set by the platform)",
    from_profile: " (from the rule profile)",
    day_unit: "d",

    order_detail: "Order detail",
    order: "Order ",
    close: "Close",
    line_in_export: "Line in the export",
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
    notice_recommended: "Recommended now: this order is late or slow.",
    notice_not_needed: "Not needed yet; here if the buyer asks.",
    notice_english: "English",
    notice_chinese: "Chinese",
    copy: "Copy",
    copied: "Copied.",
    met_with_spare: |span| format!("met with {span} to spare"),
    missed_by: |span| format!("missed by {span}"),
    left: |span| format!("{span} left"),
    passed_ago: |span| format!("passed {span} ago"),
    span: crate::engine::span::phrase,

    rules_and_settings: "Rules & settings",
    settings_help: "Changes apply at once and are kept in this browser. ",
    in_use: |name, source, as_of| format!("In use: {name} ({source}, as of {as_of})."),
    market_rules: "Market rules",
    deadlines: "Deadlines",
    time_zone: "Time zone",
    dispatch_within_hours: "Dispatch within (hours)",
    dispatch_within_days: "Dispatch within (business days)",
    due_soon_hours: "Warn when a deadline is this close (hours)",
    metric_limits: "Metric limits (%)",
    late_dispatch_max: "Late dispatch rate, at most",
    valid_tracking_min: "Valid tracking rate, at least",
    on_time_min: "On-time delivery rate, at least",
    cancellation_max: "Seller-fault cancellation rate, at most",
    warehouse_closed: "Warehouse closed",
    remove: "Remove",
    remove_day: |day| format!("Remove {day}"),
    add_closed_day: "Add a closed day",
    add: "Add",
    every_value_json: "Every value, as JSON",
    not_applied: |reason| format!("Not applied: {reason}"),
    apply_json: "Apply JSON",
    export_profile: "Export profile",
    import_profile: "Import profile",
    file_unreadable: |error| format!("the file could not be read: {error}"),
    reset_to_preset: "Reset to the preset",

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
    step_labels: ["Paid", "Ready to ship", "Shipped", "Collected by the carrier", "Delivered"],
    deadline_labels: ["Dispatch deadline", "Auto-cancel deadline", "Collection deadline", "Delivery deadline"],
};

pub const ZH: Text = Text {
    language: "语言",
    language_name: "中文",
    tagline: "TikTok Shop 订单的发货截止时间、物流单号校验与店铺指标。订单数据只保存在本浏览器中。",
    settings_unusable: |reason| format!("无法使用已保存的设置：{reason}。在您修改之前，将使用默认规则。"),

    choose_files: "选择导出文件",
    drop_hint: "或拖放到此处：支持 XLSX、CSV、TSV、Unicode 文本或 JSON；可同时选择多个文件并合并。",
    paste_label: "或粘贴订单（CSV，或从卖家中心导出文件中复制的单元格，需包含表头行）",
    check_orders: "检查订单",
    try_sample: "试用示例订单",
    cancel: "取消",
    reading_options: "读取选项",
    encoding: "编码",
    detect: "自动识别",
    gb18030: "GB18030（中文 Excel）",
    slashed_dates: "斜杠日期",
    checking: |done, total| format!("正在检查订单：{done} / {total}"),
    file_of: |number, files| format!("（第 {number} 个，共 {files} 个）"),
    opening: |file, which| format!("正在打开 {file}{which}…"),
    reading: |file, which, read, total, rows| format!("正在读取 {file}{which}：{read:.1} / {total:.1} MB，{rows} 行"),
    scanning_dates: |file, which, read, total| format!("正在查看 {file}{which} 的日期写法：{read:.1} / {total:.1} MB"),

    tracking_title: "校验单个物流单号",
    tracking_number: "物流单号",
    carrier_optional: "物流商（可选）",
    tracking_other_carrier: |reason| format!("✗ 不是所填物流商的单号：{reason}。"),
    tracking_valid: |carrier, format| format!("✓ 有效的 {carrier} 单号（{format}）。"),
    tracking_also_fits: |others| format!(" 也符合：{others}。"),
    tracking_invalid: |reason| format!("✗ 无效：{reason}。"),
    tracking_unknown: "? 没有已知格式与该单号匹配；平台仍可能接受。",

    mapping_title: "这些是哪些列？",
    mapping_help: "ShipCheck 未能识别此文件中所需的列。请在下方选择；在本浏览器中，表头相同的文件将按同样方式读取。",
    mapping_none: "（无）",
    mapping_apply: "使用这些列",
    column_order_id: "订单号",
    column_paid: "付款时间（从此开始计时）",
    column_created: "创建时间（无付款时间时使用）",

    could_not_read: "无法读取这些订单：",
    read_rows: |rows, used, orders, skipped| {
        format!("共读取 {rows} 行：{used} 行用于 {orders} 个订单，{skipped} 行未使用。")
    },
    judged_by: |versions| format!("按各订单开始计时之日生效的规则判定：{versions}。"),
    version_judged: |from, n| format!("{from} 起生效的版本（{} 个订单）", Locale::Zh.count(n)),
    rule_version: |name, from, source| format!("按 {name} 判定，即 {from} 起生效的规则（{source}）。"),
    assumptions: |zone, offset, name, source, as_of, dispatch, clock| {
        format!(
            "未带时区的时间按 {zone}（UTC{offset}）读取。规则：{name}（{source}，截至 {as_of}）。\
             发货以{dispatch}为准；从{clock}开始计时。"
        )
    },
    dispatch_rts: "RTS 时间（备货完成）",
    dispatch_shipped: "发货时间（Shipped Time）",
    dispatch_collected: "物流商揽收",
    clock_paid: "付款时间（无则用创建时间）",
    clock_created: "创建时间",
    clock_awaiting_shipment: |hours| {
        format!("进入待发货时（付款后 {hours} 小时，即买家可直接取消的时段结束；数据中有该时间则以其为准）")
    },
    columns_not_found: |missing| format!("未找到的列：{missing}。"),
    without_shipped: "没有发货时间列时，所有订单都视为尚未发货。",
    files_read: "已读取的文件",
    merged: |n, example| format!("{n} 个订单出现在多个文件中，已合并（例如 {example}）。"),
    pasted_text: "粘贴的文本",
    tab_separated: "制表符分隔",
    when: |zone, at| zone.display_zh(at),
    sheet: "工作表",
    sheet_read: |name| format!("工作表\u{201c}{name}\u{201d}"),
    semicolon_separated: "分号分隔",
    comma_separated: "逗号分隔",
    rows: |n| format!("{n} 行"),
    description_row_skipped: "已跳过列说明行",
    read_as: |column, order, why| format!("{column} 按 {order} 读取（{why}）"),
    by_values: "由数据本身判断",
    by_default: "数据无法判断，按该市场的写法",
    by_conflict: "数据相互矛盾；不符合的行列在下方",
    by_override: "按您的选择",
    rows_not_used: "未使用的行",
    line_in_file: |file, line| format!("{file} 第 {line} 行"),
    line: |line| format!("第 {line} 行"),
    more_in_download: |n| format!("……另有 {n} 行，见下载文件。"),
    download_unused: "下载未使用的行（CSV）",

    shop_metrics: "店铺指标",
    late_dispatch_rate: "延迟发货率",
    valid_tracking_rate: "有效物流单号率",
    on_time_delivery_rate: "准时送达率",
    cancellation_rate: "卖家责任取消率",
    counted_late: "个已发货订单延迟发货",
    counted_tracked: "个已发货订单带有有效物流单号",
    counted_on_time: "个已送达订单准时送达",
    counted_cancelled: "个已付款订单被卖家或系统取消",
    metric_line: |n, d, counted, limit, threshold, status| {
        format!("{d} 个中有 {n} {counted}；目标{limit} {threshold}：{status}。")
    },
    no_data: "无数据",
    within_limit: "在限值内",
    outside_limit: "超出限值",
    nothing_to_measure: "暂无可统计的订单",
    past_enforced: "已达平台处罚线",
    at_most: "不高于",
    at_least: "不低于",
    show_against: |n| format!("查看拉低该指标的 {n} 个订单"),
    what_if: "假设",
    what_if_before: "如果未来 ",
    what_if_unit: " 小时",
    what_if_after: "内到期的订单现在全部发货？",
    what_if_result: |due, hours, rate, overdue| {
        format!(
            "如果未来 {hours} 小时内到期的 {due} 个订单现在发货，延迟发货率将为 {rate}（已逾期的 {overdue} 个订单仍计为延迟）。"
        )
    },
    charts: "图表",
    chart_daily: "每日延迟发货率",
    chart_daily_caption: |days| format!("最近 {days} 天，按各订单发货当天（当地日期）统计。"),
    chart_handling: "备货时长",
    chart_handling_caption: "按付款到发货的小时数统计订单。",
    chart_transit: "运输时长",
    chart_transit_caption: "按运输工作日数统计已送达订单。",
    chart_carriers: "物流商表现",
    chart_carriers_caption: "各物流商的准时送达率。",
    chart_destinations: "目的地",
    chart_destinations_caption: "各目的地的订单数。",
    chart_empty: "暂无订单可绘图。",
    table: "数据表",
    no_dispatches: "无发货",
    of: |rate, n, d| format!("{rate}（{d} 个中 {n} 个）"),
    destination_orders: |orders| format!("{orders} 个订单"),
    destination_late: |rate| format!("延迟发货率 {rate}"),
    hours_unit: "小时",
    days_unit: "天",
    carriers_to_review: "需要评估的物流商",

    orders: "订单",
    overdue_title: |n, title| format!("（{n} 个已逾期）{title}"),
    orders_table: "订单（最紧急的在前）",
    order_rows: "订单行；滚动查看更多",
    column_destination: "目的地",
    column_carrier: "物流商",
    column_tracking: "物流单号",
    column_state: "状态",
    column_next_deadline: "下一截止时间",
    column_findings: "问题",
    dispatch_deadline: "发货截止时间",
    all: "全部",
    overdue: "已逾期",
    due_within_6h: "6 小时内到期",
    due_within_24h: "24 小时内到期",
    finding: "问题类型",
    search: "搜索",
    search_placeholder: "订单号、物流单号或 SKU",
    any: "全部",
    order_count: |total| format!("{total} 个订单"),
    orders_match: |shown, total| format!("{total} 个订单中有 {shown} 个符合"),
    clear_filters: "清除筛选",
    only_against: |metric| format!("仅显示拉低{metric}的订单"),
    export: "导出",
    export_csv: "导出当前订单（CSV）",
    export_json: "完整报告（JSON）",
    print: "打印",
    print_title: |orders, at| format!("ShipCheck：截至 {at} 的 {orders} 个订单"),
    print_first: |printed, all| format!("仅打印 {all} 个订单中的前 {printed} 个；CSV 导出包含全部订单。"),
    copy_notices: "复制买家通知",
    copied_notices: |n| match n {
        0 => "当前显示的订单都不需要通知买家。".to_owned(),
        n => format!("已复制 {n} 条买家通知。"),
    },
    no_match: "没有符合这些筛选条件的订单。",
    deadline_dispatch: "发货",
    deadline_collection: "揽收",
    deadline_delivery: "送达",
    deadline_auto_cancel: "自动取消",
    overdue_by: "已逾期 ",
    due_in: "剩余 ",
    set_by_platform: "（平台设定）",
    from_profile: "（按规则配置）",
    day_unit: "天",

    order_detail: "订单详情",
    order: "订单 ",
    close: "关闭",
    line_in_export: "导出文件中的行号",
    timeline: "时间线",
    findings: "问题",
    items: "商品",
    not_yet: "尚未发生，或导出文件中没有",
    nothing_to_fix: "该订单没有需要处理的问题。",
    what_to_do: "处理建议：",
    no_sku_lines: "导出文件中没有该订单的 SKU 行。",
    sku: "SKU",
    product: "商品",
    variation: "规格",
    quantity: "数量",
    delay_notice: "给买家的延迟通知",
    notice_recommended: "建议立即发送：该订单已延迟或运输缓慢。",
    notice_not_needed: "暂不需要；买家询问时可使用。",
    notice_english: "英文",
    notice_chinese: "中文",
    copy: "复制",
    copied: "已复制。",
    met_with_spare: |span| format!("已按时完成，提前 {span}"),
    missed_by: |span| format!("超时 {span}"),
    left: |span| format!("剩余 {span}"),
    passed_ago: |span| format!("已过 {span}"),
    span: crate::engine::span::phrase_zh,

    rules_and_settings: "规则与设置",
    settings_help: "修改立即生效，并保存在本浏览器中。",
    in_use: |name, source, as_of| format!("当前使用：{name}（{source}，截至 {as_of}）。"),
    market_rules: "市场规则",
    deadlines: "截止时间",
    time_zone: "时区",
    dispatch_within_hours: "发货时限（小时）",
    dispatch_within_days: "发货时限（工作日）",
    due_soon_hours: "距截止时间多近时提醒（小时）",
    metric_limits: "指标限值（%）",
    late_dispatch_max: "延迟发货率上限",
    valid_tracking_min: "有效物流单号率下限",
    on_time_min: "准时送达率下限",
    cancellation_max: "卖家责任取消率上限",
    warehouse_closed: "仓库休息日",
    remove: "删除",
    remove_day: |day| format!("删除 {day}"),
    add_closed_day: "添加休息日",
    add: "添加",
    every_value_json: "全部配置（JSON）",
    not_applied: |reason| format!("未应用：{reason}"),
    apply_json: "应用 JSON",
    export_profile: "导出配置",
    import_profile: "导入配置",
    file_unreadable: |error| format!("无法读取该文件：{error}"),
    reset_to_preset: "恢复预设",

    finding_labels: [
        "延迟发货",
        "已逾期",
        "即将到期",
        "自动取消风险",
        "未揽收",
        "无物流单号",
        "物流单号无效",
        "非该物流商单号",
        "物流单号重复",
        "单号上传延迟",
        "物流商未获认可",
        "运输缓慢",
        "超出运输时限",
        "疑似丢失",
        "延迟送达",
        "时间顺序错误",
        "缺少时间",
        "通知买家",
        "卖家责任取消",
    ],
    state_labels: [
        "未付款",
        "已取消",
        "待发货",
        "发货已逾期",
        "无截止时间",
        "按时发货",
        "延迟发货",
        "已发货",
        "已送达",
        "TikTok 仓发货",
    ],
    step_labels: ["付款", "备货完成", "发货", "物流商揽收", "送达"],
    deadline_labels: ["发货截止时间", "自动取消截止时间", "揽收截止时间", "送达截止时间"],
};
