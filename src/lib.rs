//! ShipCheck: TikTok Shop shipping-compliance checks that run entirely in the browser.
//!
//! [`engine`] is plain Rust shared by every front end. [`ui`] is the Leptos app, compiled only
//! for the browser; it renders what the engine computes and owns nothing but presentation and
//! the clock. See ARCHITECTURE.md for the map and the invariants.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
