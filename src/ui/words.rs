//! The names the page gives the engine's codes, in the language in use: one place, so the
//! board, its filters and the detail view call the same thing by the same name. Each reads the
//! language where it is called (see [`t`]), so text built from these changes with it.

use crate::engine::board::SortKey;
use crate::engine::evaluate::DeadlineKind;
use crate::engine::import::Column;
use crate::engine::marks::MarkFilter;
use crate::engine::metrics::{MetricKind, UNKNOWN};
use crate::engine::timeline::Step;
use crate::engine::view::UrgencyGroup;
use crate::engine::{FindingCode, OrderState, RuleProfile};

use super::i18n::{t, Locale, Words};
use super::icon::Icon;

pub fn finding_label(code: FindingCode) -> &'static str {
    t().finding_labels[code as usize]
}

pub fn mark_filter_label(filter: MarkFilter) -> &'static str {
    t().mark_filter_labels[filter as usize]
}

/// A state in words, with the icon that stands beside it (never colour alone).
pub fn state_label(state: OrderState) -> (Icon, &'static str) {
    let icon = match state {
        OrderState::Unpaid | OrderState::AwaitingDispatch | OrderState::FulfilledByTiktok => Icon::Clock,
        OrderState::Cancelled | OrderState::NoDeadline => Icon::Unknown,
        OrderState::DispatchOverdue | OrderState::ShippedLate => Icon::Warning,
        OrderState::ShippedOnTime | OrderState::Shipped | OrderState::Delivered => Icon::Ok,
    };
    (icon, t().state_labels[state as usize])
}

pub fn step_label(step: Step) -> &'static str {
    t().step_labels[step as usize]
}

/// "Dispatch deadline".
pub fn deadline_label(kind: DeadlineKind) -> &'static str {
    t().deadline_labels[kind as usize]
}

/// "Dispatch", as a row's countdown names what it counts down to.
pub fn deadline_kind(kind: DeadlineKind) -> &'static str {
    t().deadline_kinds[kind as usize]
}

/// A board group's heading, as Seller Center's tabs name it.
pub fn group_label(group: UrgencyGroup) -> &'static str {
    t().group_labels[group as usize]
}

pub fn metric_name(kind: MetricKind) -> &'static str {
    let text = t();
    match kind {
        MetricKind::LateDispatch => text.late_dispatch_rate,
        MetricKind::ValidTracking => text.valid_tracking_rate,
        MetricKind::OnTimeDelivery => text.on_time_delivery_rate,
        MetricKind::SellerFaultCancellation => text.cancellation_rate,
    }
}

/// The profile's name in `locale`.
pub fn profile_name(locale: Locale, profile: &RuleProfile) -> &str {
    locale.pick_given(&profile.name, profile.name_zh.as_deref())
}

/// The board's column headers, in order, with the key each sorts by.
pub fn columns() -> [(SortKey, Words); 5] {
    [
        (SortKey::OrderId, || t().column_order),
        (SortKey::State, || t().column_state),
        (SortKey::NextDeadline, || t().column_next_deadline),
        (SortKey::Carrier, || t().column_shipping),
        (SortKey::Findings, || t().column_findings),
    ]
}

/// The printed table's columns, one value each.
pub fn print_columns() -> [Words; 7] {
    [
        || t().column_order_id,
        || t().column_destination,
        || t().column_carrier,
        || t().column_tracking,
        || t().column_state,
        || t().column_next_deadline,
        || t().column_findings,
    ]
}

/// The sorts a phone offers (it has no column headers): each key, and the reverse where a
/// seller would want it.
pub const SORTS: [(SortKey, bool); 9] = [
    (SortKey::Urgency, false),
    (SortKey::NextDeadline, false),
    (SortKey::State, false),
    (SortKey::Findings, false),
    (SortKey::OrderId, false),
    (SortKey::OrderId, true),
    (SortKey::Carrier, false),
    (SortKey::Destination, false),
    (SortKey::TrackingId, false),
];

pub fn sort_label(key: SortKey, descending: bool) -> String {
    let text = t();
    let name = match key {
        SortKey::Urgency => text.sort_urgency,
        SortKey::OrderId => text.column_order_id,
        SortKey::Destination => text.column_destination,
        SortKey::Carrier => text.column_carrier,
        SortKey::TrackingId => text.column_tracking,
        SortKey::State => text.column_state,
        SortKey::NextDeadline => text.column_next_deadline,
        SortKey::Findings => text.column_findings,
    };
    if descending {
        (text.reversed)(name)
    } else {
        name.to_owned()
    }
}

/// A column the seller is asked to find in a file, described.
pub fn column_name(column: Column) -> &'static str {
    let text = t();
    match column {
        Column::OrderId => text.column_order_id,
        Column::PaidTime => text.column_paid,
        Column::CreatedTime => text.column_created,
        Column::ShippedTime => text.column_shipped,
        Column::TrackingId => text.column_tracking,
        Column::ShippingProvider => text.column_carrier,
        Column::OrderStatus => text.column_status,
        Column::DeliveredTime => text.column_delivered,
        _ => column.header(),
    }
}

/// A column as exports name it, in the language in use (`Paid Time`, `付款时间`).
pub fn column_label(column: Column) -> &'static str {
    if t().chinese {
        column.header_zh()
    } else {
        column.header()
    }
}

/// What cannot be checked without `column`.
pub fn missing_column_effect(column: Column) -> &'static str {
    let text = t();
    match column {
        Column::PaidTime => text.without_paid,
        Column::ShippedTime => text.without_shipped,
        Column::TrackingId => text.without_tracking,
        Column::ShippingProvider => text.without_carrier,
        Column::OrderStatus => text.without_status,
        Column::DeliveredTime => text.without_delivered,
        _ => text.without_other,
    }
}

/// A finding's evidence, named: the engine keys it (`dispatch_deadline`).
pub fn evidence_label(key: &str) -> String {
    let text = t();
    text.evidence_labels
        .iter()
        .find(|(k, _)| *k == key)
        .map_or_else(|| key.replace('_', " "), |(_, name)| (*name).to_owned())
}

/// A destination as the export writes it (`United States`, `US`), in the language in use; one
/// ShipCheck does not know stays as written.
pub fn country(name: &str) -> String {
    let text = t();
    if name == UNKNOWN {
        return text.unknown.to_owned();
    }
    let found = COUNTRIES
        .iter()
        .find(|(code, english, _)| name.eq_ignore_ascii_case(english) || name.eq_ignore_ascii_case(code));
    match found {
        Some((_, english, chinese)) => (if text.chinese { chinese } else { english }).to_string(),
        None => name.to_owned(),
    }
}

/// A breakdown's key: a carrier's name, or "unknown" in the language in use.
pub fn group_key(key: &str) -> String {
    if key == UNKNOWN {
        t().unknown.to_owned()
    } else {
        key.to_owned()
    }
}

/// Markets TikTok Shop sells in and the destinations cross-border sellers ship to most: ISO
/// code, English name, Chinese name.
const COUNTRIES: [(&str, &str, &str); 24] = [
    ("US", "United States", "美国"),
    ("GB", "United Kingdom", "英国"),
    ("IE", "Ireland", "爱尔兰"),
    ("ES", "Spain", "西班牙"),
    ("DE", "Germany", "德国"),
    ("FR", "France", "法国"),
    ("IT", "Italy", "意大利"),
    ("NL", "Netherlands", "荷兰"),
    ("MX", "Mexico", "墨西哥"),
    ("BR", "Brazil", "巴西"),
    ("CA", "Canada", "加拿大"),
    ("JP", "Japan", "日本"),
    ("KR", "South Korea", "韩国"),
    ("CN", "China", "中国"),
    ("HK", "Hong Kong", "中国香港"),
    ("ID", "Indonesia", "印度尼西亚"),
    ("MY", "Malaysia", "马来西亚"),
    ("PH", "Philippines", "菲律宾"),
    ("SG", "Singapore", "新加坡"),
    ("TH", "Thailand", "泰国"),
    ("VN", "Vietnam", "越南"),
    ("AU", "Australia", "澳大利亚"),
    ("SA", "Saudi Arabia", "沙特阿拉伯"),
    ("AE", "United Arab Emirates", "阿联酋"),
];
