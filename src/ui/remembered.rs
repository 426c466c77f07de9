//! What the app remembers in this browser (local storage): settings, the language, column
//! mappings, and whether reminders are wanted with the deadlines already reminded of; never order
//! data.
//!
//! Storage may be missing, full or refused (a sandboxed or third-party frame, a private window):
//! then nothing is remembered, and nothing else changes.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The text stored under `key`, if any can be read.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Stores `value` under `key`, if storage takes it.
pub fn write(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Whether the seller turned on the choice kept under `key`.
pub fn is_on(key: &str) -> bool {
    read(key).as_deref() == Some("1")
}

/// Keeps a choice turned on or off.
pub fn set_on(key: &str, on: bool) {
    write(key, if on { "1" } else { "0" });
}

/// Removes everything the app keeps here (its keys all begin `shipcheck.`), leaving what other
/// pages of the origin keep; how many entries went.
pub fn forget_all() -> u32 {
    let Some(storage) = storage() else { return 0 };
    let length = storage.length().unwrap_or(0);
    let ours: Vec<String> =
        (0..length).filter_map(|i| storage.key(i).ok().flatten()).filter(|key| key.starts_with("shipcheck.")).collect();
    ours.iter().filter(|key| storage.remove_item(key).is_ok()).count() as u32
}
