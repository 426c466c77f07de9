//! The seller's marks and notes on orders, kept in this browser by order ID ([`super::kept`]):
//! read when the app starts, told to the engine (which filters the board by them and writes the
//! notes into appeal packs), and written back at each change. They outlive reloads and imports,
//! since an order keeps its ID from one export to the next.
//!
//! The page holds them all: a seller marks hundreds of orders, not millions, and every row on
//! screen looks its mark up as it is drawn.

use std::collections::HashMap;

use leptos::prelude::*;

use super::i18n::t;
use super::kept::{self, Store};
use super::Controls;
use crate::engine::marks::Mark;
use crate::engine::protocol::Request;

/// Reads the kept marks into `controls.marks` and tells the engine.
pub fn use_kept_marks(controls: Controls) {
    leptos::task::spawn_local(async move {
        let kept: HashMap<String, Mark> = kept::entries(Store::Marks)
            .await
            .into_iter()
            .filter_map(|(order_id, json)| Some((order_id, serde_json::from_str(&json.as_string()?).ok()?)))
            .collect();
        if kept.is_empty() {
            return;
        }
        // On the page first, so that a check that starts now tells the engine them too; marks
        // made while they were read win over the kept ones.
        let added: Option<Vec<(String, Mark)>> = controls.marks.try_update(|marks| {
            let fresh: Vec<(String, Mark)> = kept.into_iter().filter(|(id, _)| !marks.contains_key(id)).collect();
            marks.extend(fresh.iter().cloned());
            fresh
        });
        if let Some(marks) = added {
            controls.ask(Request::SetMarks { marks }).await;
        }
    });
}

/// The marks as the engine takes them with each check.
pub fn all(controls: Controls) -> Vec<(String, Mark)> {
    controls.marks.with_untracked(|marks| marks.iter().map(|(id, mark)| (id.clone(), mark.clone())).collect())
}

/// Marks `order_id` as `mark` (an empty mark removes it): on the page, in the engine and in this
/// browser.
pub fn set(controls: Controls, order_id: String, mark: Mark) {
    let mark = Mark { changed: controls.now(), ..mark }.bounded();
    let request = Request::SetMarks { marks: vec![(order_id.clone(), mark.clone())] };
    let json = serde_json::to_string(&mark).unwrap_or_default();
    let empty = mark.is_empty();
    leptos::task::spawn_local({
        let order_id = order_id.clone();
        async move {
            // Asked first: a board filtered by marks asks for its selection once they change.
            controls.ask(request).await;
            if empty {
                kept::delete(Store::Marks, &order_id).await;
            } else {
                kept::put(Store::Marks, &order_id, &json.into()).await;
            }
        }
    });
    controls.marks.update(|marks| {
        if empty {
            marks.remove(&order_id);
        } else {
            marks.insert(order_id, mark);
        }
    });
}

/// Forgets every mark on the page and in the engine (this browser's copy goes with the database).
pub fn clear(controls: Controls) -> usize {
    let ids: Vec<String> = controls.marks.with_untracked(|marks| marks.keys().cloned().collect());
    let marks = ids.iter().map(|id| (id.clone(), Mark::default())).collect();
    leptos::task::spawn_local(async move {
        controls.ask(Request::SetMarks { marks }).await;
    });
    controls.marks.set(HashMap::new());
    ids.len()
}

/// The order's mark, as a row or the detail draws it.
fn mark_of(controls: Controls, order_id: &str) -> Mark {
    controls.marks.with(|marks| marks.get(order_id).cloned().unwrap_or_default())
}

/// A step the seller ticks.
#[derive(Clone, Copy)]
enum Step {
    Shipped,
    TrackingUploaded,
    BuyerNotified,
}

impl Step {
    const ALL: [Step; 3] = [Step::Shipped, Step::TrackingUploaded, Step::BuyerNotified];

    fn flag(self, mark: &mut Mark) -> &mut bool {
        match self {
            Step::Shipped => &mut mark.shipped,
            Step::TrackingUploaded => &mut mark.tracking_uploaded,
            Step::BuyerNotified => &mut mark.buyer_notified,
        }
    }

    fn label(self) -> &'static str {
        let text = t();
        match self {
            Step::Shipped => text.mark_shipped,
            Step::TrackingUploaded => text.mark_tracking_uploaded,
            Step::BuyerNotified => text.mark_buyer_notified,
        }
    }

    /// Its word on a board line: short, since a line has room for two short lines of marks.
    fn row_label(self) -> &'static str {
        t().mark_row_labels[self as usize]
    }

    fn code(self) -> &'static str {
        match self {
            Step::Shipped => "shipped",
            Step::TrackingUploaded => "tracking-uploaded",
            Step::BuyerNotified => "buyer-notified",
        }
    }
}

/// The marks on a row, as small labels: what the seller ticked, in short words (the whole ones
/// on hover and in the detail), and whether there is a note.
#[component]
pub fn MarkLabels(order_id: String) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let mark = Memo::new(move |_| mark_of(controls, &order_id));
    view! {
        <span class="sc-marks" data-testid="marks">
            {move || {
                let mark = mark.get();
                let mut ticked = mark.clone();
                Step::ALL
                    .into_iter()
                    .filter(|step| *step.flag(&mut ticked))
                    .map(|step| {
                        view! {
                            <span class="sc-mark" data-mark=step.code() title=move || step.label()>
                                "✓ "
                                {move || step.row_label()}
                            </span>
                        }
                    })
                    .collect_view()
            }}
            {move || {
                let note = mark.with(|m| m.note.clone());
                (!note.is_empty()).then(|| view! {
                    <span class="sc-mark" data-mark="noted" title=note>"✎ " {move || t().mark_noted}</span>
                })
            }}
        </span>
    }
}

/// Ticks and a note for one order, in its detail: each change is kept at once.
#[component]
pub fn MarkEditor(order_id: String) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let id = order_id.clone();
    let mark = Memo::new(move |_| mark_of(controls, &id));
    let ticks = Step::ALL
        .into_iter()
        .map(|step| {
            let order_id = order_id.clone();
            let checked = move || {
                let mut mark = mark.get();
                *step.flag(&mut mark)
            };
            view! {
                <label class="sc-tick">
                    <input
                        type="checkbox"
                        data-testid=format!("mark-{}", step.code())
                        prop:checked=checked
                        on:change=move |ev| {
                            let mut changed = mark.get_untracked();
                            *step.flag(&mut changed) = event_target_checked(&ev);
                            set(controls, order_id.clone(), changed);
                        }
                    />
                    {move || step.label()}
                </label>
            }
        })
        .collect_view();
    let note_id = super::unique_id("sc-note");
    view! {
        <section class="sc-mark-editor" data-testid="mark-editor">
            <h3>{move || t().your_marks}</h3>
            <div class="sc-ticks">{ticks}</div>
            <label class="sc-note-label" for=note_id.clone()>{move || t().your_note}</label>
            <textarea
                id=note_id
                data-testid="mark-note"
                rows="3"
                maxlength=crate::engine::marks::MAX_NOTE_CHARS.to_string()
                placeholder=move || t().note_placeholder
                prop:value=move || mark.with(|m| m.note.clone())
                on:change=move |ev| {
                    let note = event_target_value(&ev);
                    set(controls, order_id.clone(), Mark { note, ..mark.get_untracked() });
                }
            ></textarea>
            <p class="sc-note">{move || t().marks_kept_here}</p>
        </section>
    }
}
