//! The sizes of boxes on the page, as the browser lays them out.
//!
//! Read from a `ResizeObserver` rather than asked for: the observer reports once the browser has
//! laid the page out, so reading a size then costs nothing, where asking for it in a script that
//! runs before layout (an animation frame, a resize event) makes the browser lay out the whole
//! page there and then. It also sees every change of a box's size, whatever caused it: the window,
//! the portal page around the app, a rule of the stylesheet, or the box shown after being hidden.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserverEntry;

/// The app's width (inside its padding) below which it takes its narrow layout: a board line's
/// five columns (69em of 14 px, and its border: `.sc-line` in the stylesheet) no longer fit.
const NARROW_WIDTH: f64 = 968.0;
/// Below it, a board line's three columns (52.5em of 14 px, and its border: the medium layout in
/// the stylesheet) no longer fit either, and its cells stack.
const STACKED_WIDTH: f64 = 737.0;
/// Below it, an order's state no longer fits beside its ID (the ID's column, 12.7em of 14 px,
/// and the state's longest word, "Auto-cancel", with its icon and padding, 8.6em), and takes a
/// line of its own.
const STATE_BESIDE_WIDTH: f64 = 300.0;

/// How the app lays itself out for its width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppWidth {
    /// The board's lines in five columns under their headers.
    Wide,
    /// Too narrow for five columns: the filters fold away as on a phone, and the lines take three
    /// columns (a tablet held upright).
    Medium,
    /// Narrower still: the lines' cells stack, the state beside the order's ID (a phone).
    Narrow,
    /// Too narrow for the state beside the ID: it goes under it (a folded phone, 280 px).
    Narrowest,
}

impl AppWidth {
    fn of(width: f64) -> AppWidth {
        if width >= NARROW_WIDTH {
            AppWidth::Wide
        } else if width >= STACKED_WIDTH {
            AppWidth::Medium
        } else if width >= STATE_BESIDE_WIDTH {
            AppWidth::Narrow
        } else {
            AppWidth::Narrowest
        }
    }
}

/// The inner height of `node` in CSS pixels (its padding, not its border or scroll bar) once laid
/// out, and after each change; `None` until the browser first reports it, or if it cannot watch.
pub fn use_box_height(node: NodeRef<Div>) -> ReadSignal<Option<f64>> {
    let (height, set_height) = signal(None);
    watch_size(node, move |entry| {
        let _ = set_height.try_set(Some(f64::from(entry.target().client_height())));
    });
    height
}

/// How the app lays itself out for the width of `node`, a box of no height as wide as the app:
/// the app's width, not the window's, as a portal may give it a column of a wide page. (A
/// stylesheet's container query could say it too, but makes the app's width depend on nothing
/// inside it, and in a portal that sizes its columns by their content the app would shrink to
/// nothing.) The box, not the app itself, is watched: the narrow layout changes the app's height,
/// and a box that changes size while its own change is being reported makes the browser report an
/// error to the page (a portal's error monitoring would see it).
pub fn use_app_width(node: NodeRef<Div>) -> ReadSignal<AppWidth> {
    let (width, set_width) = signal(AppWidth::Wide);
    watch_size(node, move |entry| {
        let _ = set_width.try_set(AppWidth::of(entry.content_rect().width()));
    });
    width
}

/// Calls `report` each time the browser lays `node` out at a new size, and after its first layout.
fn watch_size(node: NodeRef<Div>, report: impl Fn(&ResizeObserverEntry) + 'static) {
    let report = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() {
            report(&entry);
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()) else { return };
    Effect::new({
        let observer = SendWrapper::new(observer.clone());
        move |_| {
            if let Some(node) = node.get() {
                observer.observe(&node);
            }
        }
    });
    // The observer and its callback live as long as the component; cleanup needs `Send`, which
    // they are not, and they are only ever touched on the one browser thread.
    let watching = SendWrapper::new((observer, report));
    on_cleanup(move || watching.0.disconnect());
}
