//! The deadline board: the orders the query picks, most urgent first under Seller Center's group
//! headings, with only the lines on screen in the page.
//!
//! The worker holds the selection; the page holds its size and the lines in view: the first
//! ones come with a new selection, the rest are asked for as the seller scrolls
//! ([`Request::Lines`]). The list scrolls inside a box of fixed-height lines, so where a line
//! sits is arithmetic ([`crate::engine::board::row_window`]). Each row reads the one clock for
//! its countdown and colour; a tick asks the worker nothing. What changes by the minute (which
//! group an order is in, its findings) is asked for again each minute.

use leptos::prelude::*;

use super::box_size::use_box_height;
use super::exports::PrintView;
use super::filters::BoardControls;
use super::i18n::{t, Words};
use super::row::BoardLineView;
use super::words::columns;
use super::Controls;
use crate::engine::board::{
    keep_place, BoardQuery, Drawn, HeldLines, LineLayout, RowWindow, SortKey, HEADING_HEIGHT, MAX_SCROLL_HEIGHT,
    ROW_HEIGHT,
};
use crate::engine::protocol::{Request, Response};
use crate::engine::view::{BoardLine, RowView};

/// Lines asked for beyond each edge of what is shown, so a scroll usually finds them there.
const AHEAD: usize = 40;

/// The worker's answer to the board's query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Selected {
    generation: u32,
    lines: u32,
    /// Where the group headings are among the lines.
    headings: Vec<u32>,
    orders: u32,
}

/// Lines of the worker's selection the page holds: those around the ones in view.
type Held = HeldLines<BoardLine>;

#[component]
pub fn Board() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let viewport = NodeRef::<leptos::html::Div>::new();
    // A line's height is whatever the stylesheet gives it (taller where its cells stack), read
    // from a line drawn out of sight, so the arithmetic and the drawing never disagree.
    let line_probe = NodeRef::<leptos::html::Div>::new();
    let (box_height, line_height) = (use_box_height(viewport), use_box_height(line_probe));
    let height = Memo::new(move |_| box_height.get().map_or(ROW_HEIGHT * 10.0, |height| height.max(1.0)));
    let row_height = Memo::new(move |_| line_height.get().filter(|height| *height > 0.0).unwrap_or(ROW_HEIGHT));
    let scroll_top = RwSignal::new(0.0);
    // What a board opening at the top shows, and the lines ahead of it (headings are shorter
    // than rows, so counting rows of a row's height is never short of a screen).
    let top_lines = move || untrack(|| (height.get() / row_height.get()).ceil() as usize + AHEAD);
    let held = RwSignal::new(Held::default());
    // A new selection's lines are drawn a step a frame (see `use_selection`).
    let drawn = RwSignal::new(Drawn::WithMargin);
    let selected = use_selection(controls, held, drawn, top_lines);
    let on_scroll = move |_| {
        if let Some(viewport) = viewport.get_untracked() {
            scroll_top.set(f64::from(viewport.scroll_top()));
        }
    };
    // Another question starts at the top of its answer; the same one asked again keeps the place.
    Effect::new(move |asked_before: Option<()>| {
        controls.query.track();
        controls.epoch.track();
        if asked_before.is_some() {
            if let Some(viewport) = viewport.get_untracked() {
                viewport.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
    });
    let layout = Memo::new(move |_| {
        selected.with(|s| LineLayout {
            lines: s.lines as usize,
            headings: s.headings.clone(),
            row: row_height.get(),
            heading: HEADING_HEIGHT,
        })
    });
    keep_place_when_lines_change_height(viewport, layout, scroll_top, height);
    let window = Memo::new(move |_| layout.with(|layout| drawn.get().window(layout, scroll_top.get(), height.get())));
    use_held_lines(controls, selected, window, held);
    let shown = move || {
        let rows = window.get().rows;
        held.with(|held| {
            rows.filter_map(|position| {
                let line = held.lines.get(position.checked_sub(held.start)?)?;
                Some((position, line.clone()))
            })
            .collect::<Vec<_>>()
        })
    };
    let spacer = move || format!("{}px", layout.with(LineLayout::height).min(MAX_SCROLL_HEIGHT));
    let print_rows = RwSignal::new(None::<(u32, Vec<RowView>)>);
    view! {
        <section class="sc-board" aria-label=move || t().orders>
            <BoardControls orders=Signal::derive(move || selected.with(|s| s.orders)) print_rows />
            <div
                class="sc-board-table"
                role="table"
                aria-label=move || t().orders_table
                aria-rowcount=move || selected.with(|s| s.lines) + 1
            >
                <div role="rowgroup" class="sc-board-head">
                    <div role="row" class="sc-line sc-header" aria-rowindex="1">
                        {columns().into_iter().map(|(key, name)| view! { <ColumnHeader key name /> }).collect_view()}
                    </div>
                </div>
                <div
                    role="rowgroup"
                    class="sc-board-viewport"
                    node_ref=viewport
                    tabindex="0"
                    aria-label=move || t().order_rows
                    on:scroll=on_scroll
                >
                    <div class="sc-board-spacer" style:height=spacer>
                        <div class="sc-board-rows" style:transform=move || format!("translateY({}px)", window.get().top)>
                            <For
                                each=shown
                                key=|line| line.clone()
                                children=move |(position, line)| view! { <BoardLineView line position /> }
                            />
                        </div>
                    </div>
                </div>
            </div>
            <div class="sc-line sc-line-probe" aria-hidden="true" node_ref=line_probe></div>
            <p class="sc-note" data-testid="board-empty" hidden=move || { selected.with(|s| s.lines > 0) }>
                {move || t().no_match}
            </p>
            {move || print_rows.get().map(|(total, rows)| view! { <PrintView total rows /> })}
        </section>
    }
}

/// Where the lines change height and nothing else (the app narrowed or widened past where a row's
/// cells stack), scrolls the box to the orders it showed, not to the pixels it had scrolled. The
/// box is scrolled once its content has taken the new height: before, the browser would cut a
/// place past the end of the old height short.
fn keep_place_when_lines_change_height(
    viewport: NodeRef<leptos::html::Div>,
    layout: Memo<LineLayout>,
    scroll_top: RwSignal<f64>,
    height: Memo<f64>,
) {
    Effect::new(move |before: Option<LineLayout>| {
        let after = layout.get();
        let only_height = |before: &LineLayout| {
            before.row != after.row && before.lines == after.lines && before.headings == after.headings
        };
        if let Some(before) = before.filter(only_height) {
            let place = keep_place(&before, &after, scroll_top.get_untracked(), height.get_untracked());
            scroll_top.set(place);
            request_animation_frame(move || {
                if let Some(viewport) = viewport.get_untracked() {
                    viewport.set_scroll_top(place.round() as i32);
                }
            });
        }
        after
    });
}

/// The worker's selection for the board's query: asked again when the query changes, after each
/// check, and each minute when what it picks or how it groups them depends on the time. A new
/// query or check opens the board at the top, so its first `top_lines()` lines come with it.
/// They are drawn in steps, each once the last is painted ([`Drawn`]): a board drawn whole in
/// one task kept the page from answering for longer than a seller notices.
fn use_selection(
    controls: Controls,
    held: RwSignal<Held>,
    drawn: RwSignal<Drawn>,
    top_lines: impl Fn() -> usize + 'static,
) -> ReadSignal<Selected> {
    let selected = RwSignal::new(Selected::default());
    Effect::new(move |asked: Option<(u32, BoardQuery)>| {
        let epoch = controls.epoch.get();
        let query = controls.query.get();
        if query.depends_on_time() || query.sort == SortKey::Urgency {
            controls.clock.minute.track();
        }
        if query.mark.is_some() {
            controls.marks.track();
        }
        // The same query asked again (a minute on, a mark changed) keeps the board's place,
        // whose lines the board asks for itself.
        let from_top = asked.as_ref() != Some(&(epoch, query.clone()));
        let (start, end) = (0, if from_top { top_lines() as u32 } else { 0 });
        let (now, minute) = (controls.now(), controls.clock.minute.get_untracked());
        let request = Request::Select { query: query.clone(), now, start, end };
        leptos::task::spawn_local(async move {
            if let Response::Selected { generation, lines, headings, orders, start, shown } =
                controls.ask(request).await
            {
                // Answers come in the order asked; a later one is never replaced by an earlier.
                if selected.with_untracked(|s| generation <= s.generation) {
                    return;
                }
                // The figures wait for the board's box of lines to be painted (or for a board
                // with none).
                let box_drawn = move || {
                    let _ = controls.board_drawn.try_set(epoch);
                };
                if shown.is_empty() {
                    box_drawn();
                } else {
                    let _ = drawn.try_set(Drawn::TopHalf);
                    let _ = held.try_set(Held { generation, start: start as usize, lines: shown, minute });
                    draw_next_after_paint(drawn, box_drawn);
                }
                let _ = selected.try_set(Selected { generation, lines, headings, orders });
            }
        });
        (epoch, query)
    });
    selected.read_only()
}

/// Draws the next step of a new selection's lines a task after the next frame is painted, and
/// so on to the last; `box_drawn` once the box is.
fn draw_next_after_paint(drawn: RwSignal<Drawn>, box_drawn: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        let draw = move || {
            let Some(step) = drawn.try_get_untracked().map(Drawn::next) else { return };
            let _ = drawn.try_set(step);
            if step == Drawn::Box {
                draw_next_after_paint(drawn, box_drawn);
            } else {
                box_drawn();
            }
        };
        set_timeout(draw, std::time::Duration::ZERO);
    });
}

/// The lines around those in view, asked for when the view moves past them, when the selection
/// changes without bringing them, and each minute.
fn use_held_lines(controls: Controls, selected: ReadSignal<Selected>, window: Memo<RowWindow>, held: RwSignal<Held>) {
    Effect::new(move |_| {
        let (generation, lines) = selected.with(|s| (s.generation, s.lines));
        let rows = window.get().rows;
        let minute = controls.clock.minute.get();
        // Generation 0 is no selection yet: there is nothing to ask of it.
        if generation == 0 || held.with_untracked(|h| h.covers(generation, &rows, minute)) {
            return;
        }
        let start = rows.start.saturating_sub(AHEAD);
        let end = (rows.end + AHEAD).min(lines as usize);
        let now = controls.now();
        let request = Request::Lines { generation, start: start as u32, end: end as u32, now };
        leptos::task::spawn_local(async move {
            if let Response::Lines { generation, start, lines } = controls.ask(request).await {
                let answer = Held { generation, start: start as usize, lines, minute };
                let shown = (
                    selected.try_with_untracked(|s| s.generation),
                    window.try_with_untracked(|w| w.rows.clone()),
                    controls.clock.minute.try_get_untracked(),
                );
                if let (Some(generation), Some(rows), Some(minute)) = shown {
                    held.try_maybe_update(|held| (held.take(answer, generation, &rows, minute), ()));
                }
            }
        });
    });
}

#[component]
fn ColumnHeader(key: SortKey, name: Words) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let query = controls.query;
    let sorted = move || query.with(|q| (q.sort == key).then_some(q.descending));
    let on_click = move |_| {
        query.update(|q| {
            q.descending = q.sort == key && !q.descending;
            q.sort = key;
        })
    };
    view! {
        <div
            role="columnheader"
            class="sc-cell"
            aria-sort=move || match sorted() {
                Some(false) => "ascending",
                Some(true) => "descending",
                None => "none",
            }
        >
            <button class="sc-sort" data-testid=format!("sort-{}", key.code()) on:click=on_click>
                {name}
                <span class="sc-sort-mark" aria-hidden="true">
                    {move || match sorted() {
                        Some(false) => " ▲",
                        Some(true) => " ▼",
                        None => "",
                    }}
                </span>
            </button>
        </div>
    }
}
