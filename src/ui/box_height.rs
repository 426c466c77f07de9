//! The height of a box on the page, as the browser lays it out.
//!
//! Read from a `ResizeObserver` rather than asked for: the observer reports once the browser has
//! laid the page out, so reading the height then costs nothing, where asking for it in a script
//! that runs before layout (an animation frame, a resize event) makes the browser lay out the
//! whole page there and then. It also sees every change of the height, whatever caused it: the
//! window, a stylesheet rule that applies on narrow screens, or the box shown after being hidden.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The inner height of `node` in CSS pixels (its padding, not its border or scroll bar) once laid
/// out, and after each change; `None` until the browser first reports it, or if it cannot watch.
pub fn use_box_height(node: NodeRef<Div>) -> ReadSignal<Option<f64>> {
    let (height, set_height) = signal(None);
    let report = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            let _ = set_height.try_set(Some(f64::from(entry.target().client_height())));
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()) else { return height };
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
    height
}
