//! ShipCheck's engine in a Web Worker.
//!
//! The page's main thread only draws; every pass over the orders runs here. This crate is the
//! thin layer between the browser and [`shipcheck_engine::service::Service`]: it receives a
//! request as JSON, hands it to the service, and posts the answer back; for a check of files it
//! reads the browser's `File`s itself, a slice at a time (read from disk by a reader worker of
//! its own where one can start), into the engine's
//! [`Pipeline`](shipcheck_engine::pipeline::Pipeline), telling the page how far it has come and
//! listening for Cancel between slices.
//!
//! Built for speed (`opt-level = 3`) and loaded by the page as a module worker while the page
//! paints. Where a host page's Content-Security-Policy forbids workers, the page imports this
//! same module and calls [`Engine::answer`] itself: the same answers, on the page's own thread.
//!
//! Messages, page → worker: `{id, request, files?}` (`request`: a
//! [`Request`](shipcheck_engine::protocol::Request) as JSON; `files`: the `File`s of a check);
//! worker → page: `{ready: true}` once, then `{id, progress}` while a check runs and
//! `{id, answer: {json, file?}}` once per request (`json`: a
//! [`Response`](shipcheck_engine::protocol::Response) as JSON; `file`: the `Blob` of a file
//! asked for, written a piece at a time so the worker never holds it whole).

#[cfg(target_arch = "wasm32")]
mod blob_file;
#[cfg(target_arch = "wasm32")]
mod decode;
#[cfg(target_arch = "wasm32")]
mod files;
#[cfg(target_arch = "wasm32")]
mod reader;
#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
pub use worker::Engine;
