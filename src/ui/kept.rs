//! What this browser keeps of the seller's work in IndexedDB: marks and notes by order ID, and,
//! when the seller opts in, the last import's files to restore on reload and a history of their
//! exports. Local storage ([`super::remembered`]) holds only small settings; these can be many,
//! and files.
//!
//! Like local storage, IndexedDB may be missing or refused (a sandboxed frame, a private window):
//! then every read finds nothing and every write is dropped, and the page works as before,
//! remembering nothing. Nothing kept here is ever sent anywhere.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const NAME = "shipcheck", STORES = ["marks", "imports", "history"];
let opened = null;
function open() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, 2);
      request.onupgradeneeded = () => {
        const db = request.result;
        for (const store of STORES) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
      };
      request.onsuccess = () => {
        // Another tab forgetting everything: let it.
        request.result.onversionchange = () => { request.result.close(); opened = null; };
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    });
    opened.catch(() => { opened = null; });
  }
  return opened;
}
function settled(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
async function store(name, mode) {
  return (await open()).transaction(name, mode).objectStore(name);
}
export async function kept_entries(name) {
  const s = await store(name, "readonly");
  const [keys, values] = await Promise.all([settled(s.getAllKeys()), settled(s.getAll())]);
  return keys.map((key, i) => [key, values[i]]);
}
export async function kept_get(name, key) {
  return settled((await store(name, "readonly")).get(key));
}
export async function kept_put(name, key, value) {
  await settled((await store(name, "readwrite")).put(value, key));
}
export async function kept_delete(name, key) {
  await settled((await store(name, "readwrite")).delete(key));
}
export async function kept_count(name) {
  return settled((await store(name, "readonly")).count());
}
export async function kept_forget() {
  if (opened) (await opened.catch(() => null))?.close();
  opened = null;
  await settled(indexedDB.deleteDatabase(NAME));
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn kept_entries(store: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn kept_get(store: &str, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn kept_put(store: &str, key: &str, value: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    async fn kept_delete(store: &str, key: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    async fn kept_count(store: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn kept_forget() -> Result<(), JsValue>;
}

/// A store of this browser's database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// Marks and notes, as JSON, by order ID.
    Marks,
    /// The last import, under [`LAST_IMPORT`].
    Imports,
    /// Export files, each under a key that sorts them by when they were made.
    History,
}

/// The key of the last import in [`Store::Imports`].
pub const LAST_IMPORT: &str = "last";

impl Store {
    fn name(self) -> &'static str {
        match self {
            Store::Marks => "marks",
            Store::Imports => "imports",
            Store::History => "history",
        }
    }
}

/// Every entry of `store` as (key, value); none when storage is refused.
pub async fn entries(store: Store) -> Vec<(String, JsValue)> {
    let Ok(entries) = kept_entries(store.name()).await else { return Vec::new() };
    js_sys::Array::from(&entries)
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect()
}

/// The value under `key`, if any.
pub async fn get(store: Store, key: &str) -> Option<JsValue> {
    kept_get(store.name(), key).await.ok().filter(|value| !value.is_undefined() && !value.is_null())
}

/// Keeps `value` under `key`; whether storage took it.
pub async fn put(store: Store, key: &str, value: &JsValue) -> bool {
    kept_put(store.name(), key, value).await.is_ok()
}

pub async fn delete(store: Store, key: &str) {
    let _ = kept_delete(store.name(), key).await;
}

/// How many entries `store` holds.
pub async fn count(store: Store) -> u32 {
    kept_count(store.name()).await.ok().and_then(|n| n.as_f64()).map_or(0, |n| n as u32)
}

/// Deletes the database; whether it is gone.
pub async fn forget() -> bool {
    kept_forget().await.is_ok()
}
