//! The names the page gives the engine's codes, in the language in use: one place, so the
//! board, its filters and the detail view call the same thing by the same name.

use crate::engine::board::SortKey;
use crate::engine::evaluate::DeadlineKind;
use crate::engine::timeline::Step;
use crate::engine::{FindingCode, OrderState};

use super::i18n::Text;
use super::icon::Icon;

pub fn finding_label(t: &Text, code: FindingCode) -> &'static str {
    t.finding_labels[code as usize]
}

/// A state in words, with the icon that stands beside it (never colour alone).
pub fn state_label(t: &Text, state: OrderState) -> (Icon, &'static str) {
    let icon = match state {
        OrderState::Unpaid | OrderState::AwaitingDispatch | OrderState::FulfilledByTiktok => Icon::Clock,
        OrderState::Cancelled | OrderState::NoDeadline => Icon::Unknown,
        OrderState::DispatchOverdue | OrderState::ShippedLate => Icon::Warning,
        OrderState::ShippedOnTime | OrderState::Shipped | OrderState::Delivered => Icon::Ok,
    };
    (icon, t.state_labels[state as usize])
}

pub fn step_label(t: &Text, step: Step) -> &'static str {
    t.step_labels[step as usize]
}

pub fn deadline_label(t: &Text, kind: DeadlineKind) -> &'static str {
    t.deadline_labels[kind as usize]
}

/// The board's column headers, in order, with the key each sorts by.
pub fn columns(t: &Text) -> [(SortKey, &'static str); 7] {
    [
        (SortKey::OrderId, t.column_order_id),
        (SortKey::Destination, t.column_destination),
        (SortKey::Carrier, t.column_carrier),
        (SortKey::TrackingId, t.column_tracking),
        (SortKey::State, t.column_state),
        (SortKey::NextDeadline, t.column_next_deadline),
        (SortKey::Findings, t.column_findings),
    ]
}
