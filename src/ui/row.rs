//! One line of the board: a group's heading as Seller Center names it, or an order.
//!
//! An order's row says how urgent it is three ways at once, so colour is never the only cue: a
//! red (overdue) or amber (due within 24 hours) edge and tint, an icon, and words. Its countdown
//! is the deadline minus the one clock's `now`; the row's element stays as the seconds tick.

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

use super::i18n::{count, t};
use super::icon::{Icon, StatusIcon};
use super::words::{country, deadline_kind, finding_label, group_label, state_label};
use super::Controls;
use crate::engine::evaluate::{DeadlineSource, Stage};
use crate::engine::view::{BoardLine, NextView, RowView, UrgencyGroup};
use crate::engine::{span, Severity};

/// Findings shown as badges on a row; the rest are counted, and all are in the detail.
const BADGES: usize = 3;

#[component]
pub fn BoardLineView(line: BoardLine, position: usize) -> impl IntoView {
    match line {
        BoardLine::Group { group, orders } => view! { <GroupHeading group orders position /> }.into_any(),
        BoardLine::Order(row) => view! { <OrderRow row=*row position /> }.into_any(),
    }
}

#[component]
fn GroupHeading(group: UrgencyGroup, orders: u32, position: usize) -> impl IntoView {
    view! {
        <div
            role="row"
            class=format!("sc-line sc-group sc-group-{}", group.code())
            data-testid="group-heading"
            data-group=group.code()
            aria-rowindex=position + 2
        >
            <div role="cell" class="sc-group-cell">
                <span class="sc-group-name">{move || group_label(group)}</span>
                " "
                <span class="sc-group-count">{move || (t().order_count)(orders as usize)}</span>
            </div>
        </div>
    }
}

/// "overdue", "soon" or nothing: the tone of a row at `now`.
fn tone(row: &RowView, now: DateTime<Utc>) -> &'static str {
    match row.urgency_at(now) {
        UrgencyGroup::Overdue => "sc-row-overdue",
        UrgencyGroup::Within6h | UrgencyGroup::Within24h => "sc-row-soon",
        _ => "",
    }
}

#[component]
fn OrderRow(row: RowView, position: usize) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let now = controls.clock.now;
    let index = row.index;
    // Only an undispatched order's state and tone change with time; the others are read once.
    let open = row.stage == Stage::Open;
    let settled = (row.state_at(now.get_untracked()), tone(&row, now.get_untracked()));
    let state = {
        let row = row.clone();
        move || if open { row.state_at(now.get()) } else { settled.0 }
    };
    let class = {
        let row = row.clone();
        move || {
            let tone = if open { tone(&row, now.get()) } else { settled.1 };
            format!("sc-line sc-row {tone}")
        }
    };
    let destination = row.country.clone();
    // Named only when the orders of several shops are on the board.
    let several_shops = untrack(|| controls.several_shops());
    let shop =
        row.shop.as_deref().filter(|_| several_shops).map(|shop| crate::engine::excerpt::name(shop).into_owned());
    let carrier = row.carrier.clone();
    let tracking = row.tracking_id.clone();
    let findings = row.findings.clone();
    view! {
        <div
            role="row"
            class=class
            data-testid="order-row"
            data-order-id=row.order_id.clone()
            aria-rowindex=position + 2
            on:click=move |_| controls.open.set(Some(index))
        >
            <div role="rowheader" class="sc-cell sc-order">
                <button class="sc-link sc-mono" data-testid="order-open" aria-haspopup="dialog">{row.order_id.clone()}</button>
                <span class="sc-sub" data-testid="destination">
                    {move || destination.as_deref().map_or_else(|| t().unknown.to_owned(), country)}
                    {shop.map(|shop| view! { " · " <span data-testid="shop">{shop}</span> })}
                </span>
                <super::marks::MarkLabels order_id=row.order_id.clone() />
            </div>
            <div role="cell" class="sc-cell sc-state" data-testid="state">
                <StatusIcon icon=Signal::derive({ let state = state.clone(); move || state_label(state()).0 }) />
                <span>{move || state_label(state()).1}</span>
            </div>
            <div role="cell" class="sc-cell sc-next">
                {row.next.map(|next| view! { <NextDeadline next /> })}
            </div>
            <div role="cell" class="sc-cell sc-shipping">
                <span data-testid="carrier">{move || carrier.clone().unwrap_or_else(|| t().not_yet_short.to_owned())}</span>
                <span class="sc-sub sc-mono" data-testid="tracking-id">{tracking}</span>
            </div>
            <div role="cell" class="sc-cell">
                <Badges findings />
            </div>
        </div>
    }
}

#[component]
fn Badges(findings: Vec<crate::engine::FindingCode>) -> impl IntoView {
    let more = findings.len().saturating_sub(BADGES);
    view! {
        <ul class="sc-findings">
            {findings.into_iter().take(BADGES).map(|code| {
                let severity = match code.severity() {
                    Severity::Violation => "sc-violation",
                    Severity::Warning => "sc-warning",
                    Severity::Info => "sc-info",
                };
                view! {
                    <li data-testid="finding" data-code=code.code() class=severity>
                        <span class="sc-badge">{move || finding_label(code)}</span>
                    </li>
                }
            }).collect_view()}
            {(more > 0).then(|| view! { <li class="sc-more">{move || (t().more_findings)(&count(more))}</li> })}
        </ul>
    }
}

/// The next deadline: what it is and a live countdown, `−05:00:01` in red once passed, with the
/// moment itself on its own line.
#[component]
fn NextDeadline(next: NextView) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let now = controls.clock.now;
    let at = DateTime::from_timestamp_millis(next.at).unwrap_or_default();
    let late = move || now.get() > at;
    let zone = super::zone_of(controls);
    let when = move || {
        let text = t();
        let source = match next.source {
            DeadlineSource::Platform => text.set_by_platform,
            DeadlineSource::Profile => "",
        };
        format!("{}{source}", (text.when)(&zone, at))
    };
    view! {
        <span class="sc-deadline" class:sc-late=late>
            <span class="sc-verdict">
                <StatusIcon icon=Signal::derive(move || if late() { Icon::Warning } else { Icon::Clock }) />
                <span class="sc-kind">
                    {move || {
                        let text = t();
                        (if late() { text.deadline_passed } else { text.deadline_left })(deadline_kind(next.kind))
                    }}
                </span>
                <span class="sc-countdown" data-testid="countdown">{move || countdown(at - now.get())}</span>
            </span>
            <span class="sc-sub">{when}</span>
        </span>
    }
}

/// `1d 18:59:57` left, or `−05:00:01` past.
fn countdown(left: TimeDelta) -> String {
    let sign = if left < TimeDelta::zero() { "−" } else { "" };
    format!("{sign}{}", span::countdown(left, t().day_unit))
}
