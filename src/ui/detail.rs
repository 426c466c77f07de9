//! One order opened from the board: its timeline, every finding with its evidence and what to
//! do, its SKU lines, and a delay notice for the buyer, ready to copy.
//!
//! A native `<dialog>` shown modally: the browser keeps focus inside it, Escape closes it, and
//! focus returns to the row that opened it.

use std::sync::Arc;

use leptos::prelude::*;

use super::i18n::{locale, Locale, Text};
use super::words::{deadline_label, finding_label, state_label, step_label};
use super::{Checked, Clock};
use crate::engine::evaluate::DeadlineSource;
use crate::engine::timeline::{buyer_notice, timeline, StepDeadline, Verdict};
use crate::engine::{FindingCode, Severity};

#[component]
pub fn OrderDetail(checked: Arc<Checked>, clock: Clock, open: RwSignal<Option<u32>>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match open.get() {
            Some(_) if !dialog.open() => {
                let _ = dialog.show_modal();
            }
            None if dialog.open() => dialog.close(),
            _ => {}
        }
    });
    let body = move || {
        open.get()
            .map(|index| view! { <DetailBody checked=checked.clone() index clock close=move || open.set(None) /> })
    };
    view! {
        <dialog
            class="sc-detail"
            node_ref=dialog
            data-testid="order-detail"
            aria-label=locale().text().order_detail
            on:close=move |_| open.set(None)
        >
            {body}
        </dialog>
    }
}

#[component]
fn DetailBody(checked: Arc<Checked>, index: u32, clock: Clock, close: impl Fn() + 'static) -> impl IntoView {
    let language = locale();
    let t = language.text();
    let Clock { now, minute } = clock;
    let check = &checked.checks[index as usize];
    let order = &checked.import.orders[check.order_index];
    let rules = &checked.rules;
    let zone = rules.profile.time_zone;
    let at = now.get_untracked();
    let state = state_label(t, check.state_at(at)).1;
    let version = rules.version(check);
    let judged_by = (t.rule_version)(&rules.profile.name, &version.effective_from.to_string(), &version.source);
    let steps = {
        let checked = checked.clone();
        move || {
            minute.track();
            let check = &checked.checks[index as usize];
            let order = &checked.import.orders[check.order_index];
            timeline(order, check, &checked.rules, now.get_untracked())
                .into_iter()
                .map(|step| {
                    let when = step.at.map_or_else(|| t.not_yet.to_owned(), |at| (t.when)(&zone, at));
                    view! {
                        <li data-testid="timeline-step" class:sc-done=step.at.is_some()>
                            <strong>{step_label(t, step.step)}</strong>
                            ": "
                            {when}
                            <ul>
                                {step.deadlines.into_iter().map(|d| view! { <li>{deadline_text(t, &d, &zone)}</li> }).collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let findings = {
        let checked = checked.clone();
        move || {
            minute.track();
            let check = &checked.checks[index as usize];
            let order = &checked.import.orders[check.order_index];
            let findings = check.findings_at(order, now.get_untracked(), &checked.rules);
            if findings.is_empty() {
                return view! { <p>{t.nothing_to_fix}</p> }.into_any();
            }
            findings
                .into_iter()
                .map(|finding| {
                    let severity = match finding.severity {
                        Severity::Violation => "sc-violation",
                        Severity::Warning => "sc-warning",
                        Severity::Info => "sc-info",
                    };
                    let message = language.pick(&finding.message, &finding.message_zh).to_owned();
                    let action = language.pick(finding.action.text(), finding.action.text_zh());
                    view! {
                        <article class=format!("sc-finding {severity}") data-testid="detail-finding" data-code=finding.code.code()>
                            <h4><span class="sc-badge">{finding_label(t, finding.code)}</span></h4>
                            <p>{message}</p>
                            <dl class="sc-evidence">
                                {finding.evidence.into_iter().map(|(name, value)| view! {
                                    <dt>{name.replace('_', " ")}</dt>
                                    <dd>{value}</dd>
                                }).collect_view()}
                            </dl>
                            <p class="sc-action"><strong>{t.what_to_do}</strong>{action}</p>
                        </article>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    let recommended = check.finding_codes_at(at, rules).contains(&FindingCode::DelayNoticeRecommended);
    let (english, chinese) = buyer_notice(check, rules, at);
    let lines = order
        .lines
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <td class="sc-mono">{line.sku.clone()}</td>
                    <td>{line.product.clone()}</td>
                    <td>{line.variation.clone()}</td>
                    <td class="sc-number">{line.quantity}</td>
                </tr>
            }
        })
        .collect_view();
    let facts = [
        (t.column_state, state.to_owned()),
        (t.column_destination, check.country.as_deref().unwrap_or_default().to_owned()),
        (t.column_carrier, check.carrier.as_deref().unwrap_or_default().to_owned()),
        (t.column_tracking, check.tracking_id.as_deref().unwrap_or_default().to_owned()),
        (t.line_in_export, check.line.to_string()),
    ];
    // The seller's own language first.
    let notices = match language {
        Locale::En => [(t.notice_english, "notice-en", english), (t.notice_chinese, "notice-zh", chinese)],
        Locale::Zh => [(t.notice_chinese, "notice-zh", chinese), (t.notice_english, "notice-en", english)],
    };
    view! {
        <header class="sc-detail-head">
            <h3>{t.order} <span class="sc-mono">{check.order_id.clone()}</span></h3>
            <button data-testid="detail-close" autofocus on:click=move |_| close()>{t.close}</button>
        </header>
        <dl class="sc-facts">
            {facts.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
        <p class="sc-note" data-testid="detail-rule-version">{judged_by}</p>
        <h4>{t.timeline}</h4>
        <ol class="sc-timeline">{steps}</ol>
        <h4>{t.findings}</h4>
        <div class="sc-detail-findings">{findings}</div>
        <h4>{t.items}</h4>
        {if order.lines.is_empty() {
            view! { <p>{t.no_sku_lines}</p> }.into_any()
        } else {
            view! {
                <table class="sc-lines">
                    <thead>
                        <tr>
                            <th scope="col">{t.sku}</th>
                            <th scope="col">{t.product}</th>
                            <th scope="col">{t.variation}</th>
                            <th scope="col">{t.quantity}</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            }.into_any()
        }}
        <h4>{t.delay_notice}</h4>
        <p class="sc-note">{if recommended { t.notice_recommended } else { t.notice_not_needed }}</p>
        {notices.into_iter().map(|(label, test_id, text)| view! { <Notice label test_id text /> }).collect_view()}
    }
}

/// "Dispatch deadline 2024-11-12 09:00 (set by the platform): met with 6h to spare".
fn deadline_text(t: &Text, deadline: &StepDeadline, zone: &crate::engine::Zone) -> String {
    let verdict = match deadline.verdict {
        Verdict::Met(spare) => (t.met_with_spare)(&(t.span)(spare)),
        Verdict::Missed(late) => (t.missed_by)(&(t.span)(late)),
        Verdict::Pending(left) => (t.left)(&(t.span)(left)),
        Verdict::Overdue(late) => (t.passed_ago)(&(t.span)(late)),
    };
    let source = match deadline.deadline.source {
        DeadlineSource::Platform => t.set_by_platform,
        DeadlineSource::Profile => t.from_profile,
    };
    format!("{} {}{source}: {verdict}", deadline_label(t, deadline.kind), (t.when)(zone, deadline.deadline.at))
}

/// A notice in one language, selectable, with a button that copies it.
#[component]
fn Notice(label: &'static str, test_id: &'static str, text: String) -> impl IntoView {
    let t = locale().text();
    let copied = RwSignal::new(false);
    let to_copy = text.clone();
    view! {
        <div class="sc-notice">
            <label>
                {label}
                <textarea readonly rows="4" data-testid=test_id>{text}</textarea>
            </label>
            <button
                data-testid=format!("copy-{test_id}")
                on:click=move |_| {
                    copy_text(&to_copy);
                    copied.set(true);
                }
            >
                {t.copy}
            </button>
            <span role="status" class="sc-note">{move || copied.get().then_some(t.copied)}</span>
        </div>
    }
}

/// Puts `text` on the clipboard.
pub fn copy_text(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}
