//! ShipCheck: TikTok Shop shipping-compliance checks that run entirely in the browser.
//!
//! This crate is the page: the Leptos app ([`ui`]), compiled only for the browser. It renders
//! what the engine ([`engine`], the `shipcheck-engine` crate) computes and owns nothing but
//! presentation and the clock. See ARCHITECTURE.md for the map and the invariants.

pub use shipcheck_engine as engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
