//! One order opened from the board: its timeline, every finding with its evidence and what to
//! do, its SKU lines, and a delay notice for the buyer, ready to copy.
//!
//! The worker writes the detail ([`Request::Detail`]); the page asks again each minute while it
//! is open, since findings are written to the minute, and draws again only what the minute
//! changes: the seller's marks, a note being typed with its focus, stay as they are. A native
//! `<dialog>` shown modally: the browser keeps focus inside it, Escape closes it, and focus
//! returns to the row that opened it.

use leptos::prelude::*;

use super::i18n::{t, Locale, Words};
use super::words::{country, deadline_label, evidence_label, finding_label, profile_name, state_label, step_label};
use super::{zone_of, Controls};
use crate::engine::evaluate::DeadlineSource;
use crate::engine::protocol::{Request, Response};
use crate::engine::timeline::{StepDeadline, Verdict};
use crate::engine::view::DetailView;
use crate::engine::{Finding, Severity, Zone};

#[component]
pub fn OrderDetail() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let open = controls.open;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let detail = RwSignal::new(None::<DetailView>);
    Effect::new(move |_| {
        let Some(index) = open.get() else {
            detail.set(None);
            return;
        };
        controls.clock.minute.track();
        let now = controls.now();
        leptos::task::spawn_local(async move {
            if let Response::Detail(view) = controls.ask(Request::Detail { index, now }).await {
                // Still the order asked about: another may have been opened meanwhile.
                if open.get_untracked() == Some(index) {
                    let _ = detail.try_set(Some(*view));
                }
            }
        });
    });
    // Shown once its body is there, so the browser moves the focus into it (to Close).
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match (open.get(), detail.with(Option::is_some)) {
            (Some(_), true) if !dialog.open() => {
                let _ = dialog.show_modal();
            }
            (None, _) if dialog.open() => dialog.close(),
            _ => {}
        }
    });
    // The body is made once for each order opened, not for each answer.
    let shown = Memo::new(move |_| detail.with(|view| view.as_ref().map(|view| view.row.index)));
    view! {
        <dialog
            class="sc-dialog sc-detail"
            node_ref=dialog
            data-testid="order-detail"
            aria-label=move || t().order_detail
            on:close=move |_| open.set(None)
        >
            {move || shown.get().map(|_| view! { <DetailBody detail /> })}
        </dialog>
    }
}

/// An order's detail: what the minute changes (its state, timeline, findings and notice) drawn
/// again with each answer; its marks, the evidence to send and its items drawn once.
#[component]
fn DetailBody(detail: RwSignal<Option<DetailView>>) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let Some(DetailView { row, lines, .. }) = detail.get_untracked() else { return ().into_any() };
    view! {
        <header class="sc-dialog-head">
            <h2>{move || t().order} <span class="sc-mono">{row.order_id.clone()}</span></h2>
            <button data-testid="detail-close" autofocus on:click=move |_| controls.open.set(None)>
                {move || t().close}
            </button>
        </header>
        {move || detail.get().map(|view| view! { <Judgement view /> })}
        // What the seller did about it, and the evidence to send: after what there is to do.
        <super::marks::MarkEditor order_id=row.order_id.clone() />
        <div class="sc-actions">
            <super::appeal::AppealActions order=Some(row.index) />
        </div>
        <h3>{move || t().items}</h3>
        <SkuLines lines />
        {move || detail.get().map(|view| view! { <DelayNotice view /> })}
    }
    .into_any()
}

/// Where the order stands, the rules that judged it, its timeline and its findings.
#[component]
fn Judgement(view: DetailView) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let zone = zone_of(controls);
    let DetailView { row, line, state, rule_version, rule_source_zh, steps, findings, .. } = view;
    let facts = {
        let row = row.clone();
        move || {
            let text = t();
            let or_not_yet = |value: &Option<String>| value.clone().unwrap_or_else(|| text.not_yet_short.to_owned());
            vec![
                (text.column_state, state_label(state).1.to_owned()),
                (text.column_destination, row.country.as_deref().map_or_else(|| text.unknown.to_owned(), country)),
                (text.column_carrier, or_not_yet(&row.carrier)),
                (text.column_tracking, or_not_yet(&row.tracking_id)),
                (text.line_in_export, line.to_string()),
            ]
        }
    };
    let judged_by = move || {
        let name = controls.profile.with(|p| profile_name(controls.locale.get(), p).to_owned());
        (t().rule_version)(&name, &rule_version.effective_from.to_string())
    };
    let source = move || controls.locale.get().pick_given(&rule_version.source, rule_source_zh.as_deref()).to_owned();
    view! {
        <dl class="sc-facts">
            {move || facts().into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
        </dl>
        <p class="sc-note" data-testid="detail-rule-version">{judged_by} " " <cite>{source}</cite></p>
        <h3>{move || t().timeline}</h3>
        <ol class="sc-timeline">
            {steps.into_iter().map(|step| {
                let deadlines = step.deadlines;
                view! {
                    <li data-testid="timeline-step" class:sc-done=step.at.is_some()>
                        <strong>{move || step_label(step.step)}</strong>
                        {move || t().colon}
                        {move || step.at.map_or_else(|| t().not_yet.to_owned(), |at| (t().when)(&zone, at))}
                        <ul>
                            {deadlines.into_iter().map(|d| view! { <li>{move || deadline_text(&d, &zone)}</li> }).collect_view()}
                        </ul>
                    </li>
                }
            }).collect_view()}
        </ol>
        <h3>{move || t().findings}</h3>
        <div class="sc-detail-findings">
            {if findings.is_empty() {
                view! { <p>{move || t().nothing_to_fix}</p> }.into_any()
            } else {
                findings.into_iter().map(|finding| view! { <FindingView finding /> }).collect_view().into_any()
            }}
        </div>
    }
}

/// Whether to tell the buyer now, and the notice in both languages.
#[component]
fn DelayNotice(view: DetailView) -> impl IntoView {
    let DetailView { notice_recommended, notice: (english, chinese), .. } = view;
    view! {
        <h3>{move || t().delay_notice}</h3>
        <p class="sc-note">{move || if notice_recommended { t().notice_recommended } else { t().notice_not_needed }}</p>
        <Notices english chinese />
    }
}

#[component]
fn FindingView(finding: Finding) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let severity = match finding.severity {
        Severity::Violation => "sc-violation",
        Severity::Warning => "sc-warning",
        Severity::Info => "sc-info",
    };
    let Finding { code, message, message_zh, evidence, evidence_zh, action, .. } = finding;
    let pick = move |english: &str, chinese: &str| controls.locale.get().pick(english, chinese).to_owned();
    let evidence: Vec<(String, String, String)> = evidence
        .into_iter()
        .map(|(name, value)| {
            let chinese = evidence_zh.get(&name).cloned().unwrap_or_else(|| value.clone());
            (name, value, chinese)
        })
        .collect();
    view! {
        <article class=format!("sc-finding {severity}") data-testid="detail-finding" data-code=code.code()>
            <h4><span class="sc-badge">{move || finding_label(code)}</span></h4>
            <p>{move || pick(&message, &message_zh)}</p>
            <dl class="sc-evidence">
                {evidence.into_iter().map(|(name, value, chinese)| view! {
                    <dt>{move || evidence_label(&name)}</dt>
                    <dd>{move || pick(&value, &chinese)}</dd>
                }).collect_view()}
            </dl>
            <p class="sc-action"><strong>{move || t().what_to_do}</strong>{move || pick(action.text(), action.text_zh())}</p>
        </article>
    }
}

#[component]
fn SkuLines(lines: Vec<crate::engine::order::SkuLine>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p>{move || t().no_sku_lines}</p> }.into_any();
    }
    let rows = lines
        .into_iter()
        .map(|line| {
            view! {
                <tr>
                    <td class="sc-mono">{line.sku.to_string()}</td>
                    <td>{line.product.to_string()}</td>
                    <td>{line.variation.to_string()}</td>
                    <td class="sc-number">{line.quantity}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="sc-lines">
            <thead>
                <tr>
                    <th scope="col">{move || t().sku}</th>
                    <th scope="col">{move || t().product}</th>
                    <th scope="col">{move || t().variation}</th>
                    <th scope="col">{move || t().quantity}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// "Dispatch deadline 2024-11-12 09:00 (set by the platform): met with 6h to spare".
fn deadline_text(deadline: &StepDeadline, zone: &Zone) -> String {
    let text = t();
    let verdict = match deadline.verdict {
        Verdict::Met(spare) => (text.met_with_spare)(&(text.span)(spare)),
        Verdict::Missed(late) => (text.missed_by)(&(text.span)(late)),
        Verdict::Pending(left) => (text.left)(&(text.span)(left)),
        Verdict::Overdue(late) => (text.passed_ago)(&(text.span)(late)),
    };
    let source = match deadline.deadline.source {
        DeadlineSource::Platform => text.set_by_platform,
        DeadlineSource::Profile => text.from_profile,
    };
    let at = (text.when)(zone, deadline.deadline.at);
    format!("{} {at}{source}{}{verdict}", deadline_label(deadline.kind), text.colon)
}

/// The notice in both languages, the seller's own first.
#[component]
fn Notices(english: String, chinese: String) -> impl IntoView {
    let controls = expect_context::<Controls>();
    move || {
        let english = view! { <Notice label=|| t().notice_english test_id="notice-en" text=english.clone() /> };
        let chinese = view! { <Notice label=|| t().notice_chinese test_id="notice-zh" text=chinese.clone() /> };
        match controls.locale.get() {
            Locale::En => view! { {english} {chinese} }.into_any(),
            Locale::Zh => view! { {chinese} {english} }.into_any(),
        }
    }
}

/// A notice in one language, selectable, with a button that copies it.
#[component]
fn Notice(label: Words, test_id: &'static str, text: String) -> impl IntoView {
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
                {move || t().copy}
            </button>
            <span role="status" class="sc-note">{move || copied.get().then(|| t().copied)}</span>
        </div>
    }
}

/// Puts `text` on the clipboard.
fn copy_text(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}
