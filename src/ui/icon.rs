//! Status icons, drawn inline so they look the same on every system font and need no request.
//! An icon always stands beside text that says the same thing; it is hidden from screen readers.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Ok,
    Warning,
    Clock,
    Unknown,
}

impl Icon {
    /// Stroke outlines on a 16 × 16 grid.
    pub fn path(self) -> &'static str {
        match self {
            Icon::Ok => "M3 8.5l3 3 7-7",
            Icon::Warning => "M8 1.8L15 14.2H1Z M8 6.2V9.8 M8 12V12.2",
            Icon::Clock => "M8 1.5a6.5 6.5 0 1 0 0.01 0Z M8 4.5V8l2.5 1.5",
            Icon::Unknown => "M5.8 6a2.2 2.2 0 1 1 3.2 2c-.7.4-1 .9-1 1.6 M8 12.3V12.5",
        }
    }
}

/// An icon whose shape may change with reactive state.
#[component]
pub fn StatusIcon(#[prop(into)] icon: Signal<Icon>) -> impl IntoView {
    view! {
        <svg class="sc-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d=move || icon.get().path() />
        </svg>
    }
}
