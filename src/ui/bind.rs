//! A form control's value kept in step with the app's state.
//!
//! Not `prop:value=move || …`: in tachys 0.2.19 such a binding's render effect outlives the
//! element, and each mounted-then-unmounted app leaked a few hundred bytes per control (measured
//! by `mounting_and_unmounting_a_hundred_times_leaves_memory_as_it_was` in tests/component.rs).
//! An effect owned by the component is disposed with it.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Sets the `value` property of the control behind `node` to `value()`, now and whenever what
/// `value` reads changes.
pub fn bind_value<E>(node: NodeRef<E>, value: impl Fn() -> String + 'static)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        let value = value();
        if let Some(control) = node.get() {
            let _ =
                js_sys::Reflect::set(control.unchecked_ref::<JsValue>(), &JsValue::from_str("value"), &value.into());
        }
    });
}
