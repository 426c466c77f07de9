//! Drawing a large view over more than one task. The results' first drawing (summary, dashboard,
//! board) builds thousands of elements; in one task that was the longest pause of an import on
//! a slow spell of a slow machine. Parts drawn [`Later`] go in tasks of their own.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::slices::next_task;

/// Its children, drawn in the task after the one that draws the view around them.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    spawn_local(async move {
        next_task().await;
        // The view may be gone by then: a new check replaced it.
        _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}
