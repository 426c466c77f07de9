//! The page's words in English ([`en`]) and Simplified Chinese ([`zh`]).
//!
//! Every string the page shows comes from a [`Text`] table; a field missing from one language is
//! a compile error, so neither can fall behind. Texts with values in them are functions, because
//! the two languages put the values in different places, and only English has plurals. The
//! language is chosen from the browser's (`navigator.language`), can be switched, and is
//! remembered in local storage.
//!
//! Views read their words through [`t`], inside the closures that draw them: a change of
//! language then changes each text node in place, and nothing is drawn again, so no input loses
//! what is typed in it, its focus or its caret.
//!
//! What the engine writes (finding messages, actions, buyer notices) it writes in both languages
//! itself; the page picks one with [`Locale::pick`].

mod en;
mod zh;

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

use super::remembered;
use crate::engine::metrics::MetricKind;
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
            Locale::En => &en::EN,
            Locale::Zh => &zh::ZH,
        }
    }

    /// One of a pair the engine wrote in both languages.
    pub fn pick<'a>(self, english: &'a str, chinese: &'a str) -> &'a str {
        match self {
            Locale::En => english,
            Locale::Zh => chinese,
        }
    }

    /// A text of the rules, whose Chinese a seller's own rules may not have: English then.
    pub fn pick_given<'a>(self, english: &'a str, chinese: Option<&'a str>) -> &'a str {
        self.pick(english, chinese.unwrap_or(english))
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
}

/// A text of the page, read with [`t`] where it is shown.
pub type Words = fn() -> &'static str;

/// The words in the language in use, read so that the caller's view follows the language.
pub fn t() -> &'static Text {
    use_context::<RwSignal<Locale>>().map(|locale| locale.get()).unwrap_or_default().text()
}

/// A whole number with its thousands grouped, as both languages write them (`12,345`).
pub fn count(n: impl TryInto<u64>) -> String {
    let digits = n.try_into().unwrap_or(u64::MAX).to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A fraction as a percentage to one decimal (`4.0%`), as both languages write it.
pub fn percent(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

/// `one` or `many`, by `n`: English's plurals.
fn plural(n: impl TryInto<u64>, one: &str, many: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(u64::MAX);
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// Every string of the page, in one language.
pub struct Text {
    pub language: &'static str,
    pub language_name: &'static str,
    /// Whether this is the Chinese table (for the few tables of names kept apart, as countries').
    pub chinese: bool,
    pub tagline: &'static str,
    pub settings_unusable: fn(&str) -> String,
    /// ": " in English, "：" in Chinese.
    pub colon: &'static str,
    /// ", " in English, "、" in Chinese.
    pub list_separator: &'static str,
    pub unknown: &'static str,
    /// A value the export does not have yet: a carrier before shipping.
    pub not_yet_short: &'static str,
    pub workspace: &'static str,

    // Bar
    pub rules: &'static str,
    pub version_from: fn(&str) -> String,
    pub files_count: fn(&str) -> String,
    pub sample_orders: &'static str,
    pub pasted_text: &'static str,
    pub order_count: fn(usize) -> String,
    pub change_orders: &'static str,
    pub hide_input: &'static str,
    pub overdue_title: fn(u32, &str) -> String,

    // Banners, strip and tabs
    pub peak_season: fn(&str) -> String,
    pub header_only: &'static str,
    pub no_row_used: fn(u64, usize) -> String,
    pub dates_either_way: fn(&str, &str) -> String,
    pub dates_disagree: fn(&str, &str) -> String,
    /// A cell read both ways: its line, its text, the date read, the other order and its date.
    pub read_both_ways: fn(u64, &str, &str, &str, &str) -> String,
    /// A date alone: ISO in English, 年月日 in Chinese.
    pub date: fn(chrono::NaiveDate) -> String,
    pub read_dates_as: fn(&str) -> String,
    pub zone_written_us: fn(&str, i32) -> String,
    pub zone_written_china: fn(&str, i32) -> String,
    pub read_zone_as: fn(&str) -> String,
    pub keep_zone: fn(&str) -> String,
    pub urgency: &'static str,
    pub overdue: &'static str,
    pub due_within_6h: &'static str,
    pub due_within_24h: &'static str,
    pub to_dispatch: &'static str,
    pub all: &'static str,
    pub views: &'static str,
    pub view_board: &'static str,
    pub view_dashboard: &'static str,
    pub view_import: fn(usize) -> String,

    // Input
    pub orders_in: &'static str,
    pub choose_files: &'static str,
    pub drop_hint: &'static str,
    pub paste_label: &'static str,
    /// A header row as this language's exports write it.
    pub paste_placeholder: &'static str,
    pub check_orders: &'static str,
    pub try_sample: &'static str,
    pub stays_here: &'static str,
    pub cancel: &'static str,
    pub starting: &'static str,
    pub checking: fn(&str, &str) -> String,
    pub file_of: fn(u32, u32) -> String,
    pub reading: fn(&str, &str, f64, f64) -> String,

    // First use and settings
    pub where_ship: &'static str,
    pub from_china_to_us: &'static str,
    pub within_us: &'static str,
    pub from_china_elsewhere: &'static str,
    pub within_uk_eu: &'static str,
    pub from_china_to_sea: &'static str,
    pub within_vietnam: &'static str,
    pub within_sea: &'static str,
    pub not_now: &'static str,
    pub rules_and_settings: &'static str,
    pub in_use: fn(&str, &str) -> String,
    pub market_rules: &'static str,
    pub apply: &'static str,
    pub undo: &'static str,
    pub reset_to_preset: &'static str,
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
    pub not_a_number: &'static str,
    pub out_of_range: fn(&str, &str) -> String,
    pub whole_number: &'static str,
    pub warehouse_closed: &'static str,
    pub remove: &'static str,
    pub remove_day: fn(&str) -> String,
    pub add_closed_day: &'static str,
    pub add: &'static str,
    pub every_value_json: &'static str,
    pub not_used: fn(&str) -> String,
    pub use_json: &'static str,
    pub export_profile: &'static str,
    pub import_profile: &'static str,
    pub file_unreadable: fn(&str) -> String,

    // Tracking tool
    pub tracking_tool: &'static str,
    pub tracking_title: &'static str,
    pub tracking_number: &'static str,
    pub carrier_optional: &'static str,
    pub tracking_other_carrier: fn(&str) -> String,
    pub tracking_valid: fn(&str, &str) -> String,
    pub tracking_also_fits: fn(&str) -> String,
    pub tracking_invalid: fn(&str) -> String,
    pub tracking_unknown: &'static str,
    /// Text that cannot be a tracking number, with the engine's reason.
    pub tracking_junk: fn(&str) -> String,
    pub tracking_unsure: fn(&str) -> String,

    // Column mapping
    pub could_not_read: &'static str,
    pub mapping_title: &'static str,
    pub mapping_help: &'static str,
    pub mapping_none: &'static str,
    pub mapping_apply: &'static str,

    // How the orders were read
    pub view_import_title: &'static str,
    pub read_rows: fn(u64, u64, usize, usize, u64) -> String,
    pub times_read_in: &'static str,
    pub judged_by: fn(&str) -> String,
    pub version_judged: fn(&str, usize) -> String,
    pub columns_missing: &'static str,
    pub without_paid: &'static str,
    pub without_shipped: &'static str,
    pub without_tracking: &'static str,
    pub without_carrier: &'static str,
    pub without_status: &'static str,
    pub without_delivered: &'static str,
    pub without_other: &'static str,
    pub files_read: &'static str,
    pub file_read: fn(&str, &str) -> String,
    pub merged: fn(usize, &str) -> String,
    pub sheet: &'static str,
    pub sheet_read: fn(&str) -> String,
    pub tab_separated: &'static str,
    pub semicolon_separated: &'static str,
    pub comma_separated: &'static str,
    pub rows: fn(u64) -> String,
    pub description_row_recognised: &'static str,
    pub read_as: fn(&str, &str, &str) -> String,
    pub by_values: &'static str,
    pub by_default: &'static str,
    pub by_conflict: &'static str,
    pub by_override: &'static str,
    pub columns_not_read: fn(&str) -> String,
    pub reading_options: &'static str,
    pub encoding: &'static str,
    pub detect: &'static str,
    pub gb18030: &'static str,
    pub slashed_dates: &'static str,
    pub rows_not_used: fn(usize) -> String,
    pub rows_with_notes: fn(usize, usize) -> String,
    pub line_in_file: fn(&str, u64) -> String,
    pub line: fn(u64) -> String,
    pub previous: &'static str,
    pub next: &'static str,
    pub page_of: fn(usize, usize) -> String,
    pub download_unused: &'static str,
    pub every_row_used: fn(&str) -> String,

    // Dashboard
    pub shop_metrics: &'static str,
    pub late_dispatch_rate: &'static str,
    pub valid_tracking_rate: &'static str,
    pub on_time_delivery_rate: &'static str,
    pub cancellation_rate: &'static str,
    /// "1 of 6 dispatched orders shipped late; above the 4.0% limit."
    pub metric_line: fn(MetricKind, u64, u64, &str) -> String,
    pub no_data: &'static str,
    pub nothing_to_measure: &'static str,
    pub within_ceiling: fn(&str) -> String,
    pub above_ceiling: fn(&str) -> String,
    pub meets_floor: fn(&str) -> String,
    pub below_floor: fn(&str) -> String,
    pub past_enforced: fn(&str) -> String,
    pub show_against: fn(u64) -> String,
    pub week_by_week: &'static str,
    pub metric: &'static str,
    pub this_week: &'static str,
    pub trend: &'static str,
    /// The weeks' rates, oldest first.
    pub trend_label: fn(&str) -> String,
    pub week_of: fn(&str) -> String,
    pub platform_acts: fn(&str, &str, &str) -> String,
    pub what_if: &'static str,
    pub what_if_question: fn(u32) -> String,
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
    pub destination_figure: fn(u64, &str) -> String,
    pub hours_unit: &'static str,
    pub days_unit: &'static str,
    pub carriers_to_review: &'static str,

    // Board
    pub orders: &'static str,
    pub orders_table: &'static str,
    pub order_rows: &'static str,
    pub column_order: &'static str,
    pub column_order_id: &'static str,
    pub column_destination: &'static str,
    pub column_carrier: &'static str,
    pub column_tracking: &'static str,
    pub column_shipping: &'static str,
    pub column_state: &'static str,
    pub column_next_deadline: &'static str,
    pub column_findings: &'static str,
    pub column_paid: &'static str,
    pub column_created: &'static str,
    pub column_shipped: &'static str,
    pub column_status: &'static str,
    pub column_delivered: &'static str,
    pub finding: &'static str,
    /// The search box's label, saying what it searches: a placeholder would be cut on a phone
    /// and gone once the seller types.
    pub search: &'static str,
    pub any: &'static str,
    pub sort_by: &'static str,
    /// The button that shows the filters on a phone, with how many are set.
    pub filters: fn(usize) -> String,
    pub sort_urgency: &'static str,
    pub reversed: fn(&str) -> String,
    pub orders_match: fn(u32, u32) -> String,
    pub clear_filters: &'static str,
    pub only_against: fn(&str) -> String,
    pub export: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub export_calendar: &'static str,
    pub upload_check: &'static str,
    /// "Notify me 24, 12 and 4 h before deadlines", given the lead times.
    pub reminders_switch: fn(&str) -> String,
    pub reminders_refused: &'static str,
    pub reminder_title: fn(u32, &str, u32) -> String,
    /// Given the shops' shares ("East 2, West 1"), empty with one shop.
    pub reminder_body: fn(&str) -> String,
    pub upload_check_hint: &'static str,
    pub upload_summary: fn(usize, usize, usize, usize) -> String,
    pub upload_all_ready: &'static str,
    pub upload_download: &'static str,
    pub upload_first_shown: fn(usize) -> String,
    pub export_calendar_hint: fn(&str) -> String,
    /// Lead times in hours, longest first: "24, 12 and 4 h".
    pub hours_list: fn(&[u32]) -> String,
    /// The lead times' field and why what was typed is refused.
    pub remind_at: &'static str,
    pub leads_refused: &'static str,
    pub print: &'static str,
    pub print_title: fn(u32, &str) -> String,
    pub print_first: fn(u32, u32) -> String,
    pub copy_notices: &'static str,
    pub copied_notices: fn(usize) -> String,
    pub saved_notices: fn(usize) -> String,
    pub no_match: &'static str,

    // Shops
    pub shop: &'static str,
    pub all_shops: &'static str,
    pub shop_placeholder: &'static str,
    pub shop_of_each_file: &'static str,
    pub orders_updated: fn(u64) -> String,

    // Marks and notes
    pub your_marks: &'static str,
    pub your_note: &'static str,
    pub note_placeholder: &'static str,
    pub marks_kept_here: &'static str,
    pub mark_shipped: &'static str,
    pub mark_tracking_uploaded: &'static str,
    pub mark_buyer_notified: &'static str,
    pub mark_noted: &'static str,
    /// The ticks' words on a board line, where a column has room for few: in the order of
    /// `Step::ALL` (src/ui/marks.rs). The detail says them whole.
    pub mark_row_labels: [&'static str; 3],
    /// In [`crate::engine::marks::MarkFilter::ALL`] order.
    pub mark_filter_labels: [&'static str; 5],

    // Appeal pack
    pub appeal_csv: &'static str,
    pub appeal_print: &'static str,
    pub appeal_hint: &'static str,
    pub appeal_title: fn(u32, &str) -> String,
    pub appeal_intro: fn(&str) -> String,
    pub appeal_columns: [&'static str; 10],

    // What this browser keeps
    pub kept_title: &'static str,
    pub restore_last: &'static str,
    pub restore_hint: &'static str,
    pub keep_history: &'static str,
    pub exports_kept: fn(u32) -> String,
    pub forget_all: &'static str,
    /// What was removed: marks and notes, whether a last import, exports kept, settings.
    pub forgot: fn(u32, bool, u32, u32) -> String,
    /// "Dispatch due in", before a countdown.
    pub deadline_left: fn(&str) -> String,
    /// "Dispatch overdue", before a countdown past zero.
    pub deadline_passed: fn(&str) -> String,
    pub set_by_platform: &'static str,
    pub from_profile: &'static str,
    pub more_findings: fn(&str) -> String,
    /// A moment in a zone: ISO order in English (sellers who write 11/12 either way read it
    /// alike), 年月日 in Chinese.
    pub when: fn(&Zone, DateTime<Utc>) -> String,
    pub day_unit: &'static str,

    // Detail
    pub order_detail: &'static str,
    pub order: &'static str,
    pub close: &'static str,
    pub line_in_export: &'static str,
    pub rule_version: fn(&str, &str) -> String,
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
    pub span: fn(TimeDelta) -> String,
    /// A finding's evidence by the key the engine gives it.
    pub evidence_labels: &'static [(&'static str, &'static str)],

    // Codes, by their order in the engine's enums
    pub finding_labels: [&'static str; 19],
    pub state_labels: [&'static str; 10],
    pub group_labels: [&'static str; 11],
    pub step_labels: [&'static str; 5],
    pub deadline_labels: [&'static str; 4],
    pub deadline_kinds: [&'static str; 4],
}
