//! A local history of exports, when the seller opts in: every export file checked is kept in
//! this browser, and each check reads them all, oldest first, so an order is as the newest export
//! says and the week-by-week rates cover more than one export. No server holds it; the seller's
//! own browser does, and "Forget everything" empties it.
//!
//! Files are ordered by when they were made (the browser's `lastModified`, which for a download
//! is when it was saved), not by when they were picked: Monday's and Tuesday's exports picked
//! together are still read Monday first. The same file picked twice is kept once.

use wasm_bindgen::JsCast;

use super::kept::{self, Store};
use super::remembered;

const WANTED: &str = "shipcheck.history";

/// Exports made longer ago than this are let go: the eight weeks the rates show, and one more.
const KEPT_DAYS: i64 = 63;
const DAY_MS: i64 = 24 * 3_600_000;

pub fn wanted() -> bool {
    remembered::is_on(WANTED)
}

pub fn set_wanted(on: bool) {
    remembered::set_on(WANTED, on);
}

/// Sorts by when the file was made, then tells apart files made the same millisecond.
fn key(file: &web_sys::File) -> String {
    format!("{:015}-{:012}-{}", file.last_modified().max(0.0) as i64, file.size() as u64, file.name())
}

/// `picked` kept in the history, and every export it holds, oldest first: what a check reads
/// while the history is on. Where the browser keeps nothing, just `picked`.
pub async fn with_history(picked: Vec<web_sys::File>, now: i64) -> Vec<web_sys::File> {
    for file in &picked {
        if !kept::put(Store::History, &key(file), file).await {
            return picked;
        }
    }
    let picked: Vec<String> = picked.iter().map(key).collect();
    let mut files = Vec::new();
    for (key, value) in kept::entries(Store::History).await {
        let Ok(file) = value.dyn_into::<web_sys::File>() else { continue };
        // What the seller picked is read, however old; older exports kept before are let go.
        if (file.last_modified() as i64) < now - KEPT_DAYS * DAY_MS && !picked.contains(&key) {
            kept::delete(Store::History, &key).await;
        } else {
            files.push(file);
        }
    }
    files
}

/// How many exports the history holds.
pub async fn count() -> u32 {
    kept::count(Store::History).await
}
