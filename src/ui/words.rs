//! The names the page gives the engine's codes: one place, so the board, its filters and the
//! detail view call the same thing by the same name.

use crate::engine::board::SortKey;
use crate::engine::evaluate::DeadlineKind;
use crate::engine::timeline::Step;
use crate::engine::{FindingCode, OrderState};

use super::icon::Icon;

pub fn finding_label(code: FindingCode) -> &'static str {
    match code {
        FindingCode::LateDispatch => "Late dispatch",
        FindingCode::DispatchOverdue => "Overdue",
        FindingCode::DispatchDueSoon => "Due soon",
        FindingCode::AutoCancelRisk => "Auto-cancel risk",
        FindingCode::CollectionOverdue => "Not collected",
        FindingCode::MissingTracking => "No tracking",
        FindingCode::InvalidTracking => "Invalid tracking",
        FindingCode::TrackingCarrierMismatch => "Wrong carrier's number",
        FindingCode::DuplicateTracking => "Duplicate tracking",
        FindingCode::TrackingUploadedLate => "Tracking late",
        FindingCode::UnapprovedCarrier => "Carrier not approved",
        FindingCode::TransitWarning => "Slow transit",
        FindingCode::TransitExceeded => "Transit exceeded",
        FindingCode::LikelyLost => "Likely lost",
        FindingCode::DeliveredLate => "Delivered late",
        FindingCode::TimestampOrderInvalid => "Bad timestamps",
        FindingCode::MissingTimestamp => "Missing time",
        FindingCode::DelayNoticeRecommended => "Notify buyer",
        FindingCode::SellerFaultCancellation => "Seller-fault cancel",
    }
}

/// A state in words, with the icon that stands beside it (never colour alone).
pub fn state_label(state: OrderState) -> (Icon, &'static str) {
    match state {
        OrderState::Unpaid => (Icon::Clock, "Unpaid"),
        OrderState::Cancelled => (Icon::Unknown, "Cancelled"),
        OrderState::AwaitingDispatch => (Icon::Clock, "To dispatch"),
        OrderState::DispatchOverdue => (Icon::Warning, "Dispatch overdue"),
        OrderState::NoDeadline => (Icon::Unknown, "No deadline"),
        OrderState::ShippedOnTime => (Icon::Ok, "Shipped on time"),
        OrderState::ShippedLate => (Icon::Warning, "Shipped late"),
        OrderState::Shipped => (Icon::Ok, "Shipped"),
        OrderState::Delivered => (Icon::Ok, "Delivered"),
    }
}

pub fn step_label(step: Step) -> &'static str {
    match step {
        Step::Paid => "Paid",
        Step::ReadyToShip => "Ready to ship",
        Step::Shipped => "Shipped",
        Step::Collected => "Collected by the carrier",
        Step::Delivered => "Delivered",
    }
}

pub fn deadline_label(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Dispatch => "Dispatch deadline",
        DeadlineKind::AutoCancel => "Auto-cancel deadline",
        DeadlineKind::Collection => "Collection deadline",
        DeadlineKind::Delivery => "Delivery deadline",
    }
}

/// The board's column headers, in order, with the key each sorts by.
pub const COLUMNS: [(SortKey, &str); 7] = [
    (SortKey::OrderId, "Order ID"),
    (SortKey::Destination, "Destination"),
    (SortKey::Carrier, "Carrier"),
    (SortKey::TrackingId, "Tracking ID"),
    (SortKey::State, "State"),
    (SortKey::NextDeadline, "Next deadline"),
    (SortKey::Findings, "Findings"),
];
