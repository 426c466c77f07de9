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

/// The inner height of `node` in CSS pixels (its padding, not its border or scroll bar) once laid
/// out, and after each change; `None` until the browser first reports it, or if it cannot watch.
pub fn use_box_height(node: NodeRef<Div>) -> ReadSignal<Option<f64>> {
    let (height, set_height) = signal(None);
    watch_size(node, move |entry| {
        let _ = set_height.try_set(Some(f64::from(entry.target().client_height())));
    });
    height
}

/// Whether `node`, a box of no height as wide as the app, is too narrow for the board's columns:
/// the app's width, not the window's, as a portal may give it a column of a wide page. (A
/// stylesheet's container query could say it too, but makes the app's width depend on nothing
/// inside it, and in a portal that sizes its columns by their content the app would shrink to
/// nothing.) The box, not the app itself, is watched: the narrow layout changes the app's height,
/// and a box that changes size while its own change is being reported makes the browser report an
/// error to the page (a portal's error monitoring would see it).
pub fn use_narrow(node: NodeRef<Div>) -> ReadSignal<bool> {
    let (narrow, set_narrow) = signal(false);
    watch_size(node, move |entry| {
        let _ = set_narrow.try_set(entry.content_rect().width() < NARROW_WIDTH);
    });
    narrow
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
