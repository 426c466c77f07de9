//! Files the page hands the seller: built in memory and given to the browser as a download, so
//! nothing leaves the machine.

/// Offers `text` as a file named `file_name` of the given MIME type.
pub fn save(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &typed(mime)) {
        offer(file_name, &blob);
    }
}

/// Offers a file the engine wrote, as it came: its bytes are never read into the page's memory.
pub fn save_file(file_name: &str, mime: &str, file: &web_sys::Blob) {
    if let Ok(blob) = as_type(file, mime) {
        offer(file_name, &blob);
    }
}

/// The most text put on the clipboard. The browser copies it on the page's own thread, for a time
/// that grows with the text: in headless Chromium here, up to 3.6 MB never held the page for 50 ms,
/// 6.3 MB once for 89 ms, 130 MB for 1,552 ms. More than this is saved as a file instead, which
/// is also what a seller can use: nobody pastes that much at once.
pub const CLIPBOARD_MOST_BYTES: f64 = 4_000_000.0;

/// Puts a text the engine wrote on the clipboard, as it came: never read into the page's memory.
pub fn copy_file(file: &web_sys::Blob) {
    // The clipboard takes a Blob only of the type it is offered as.
    let Ok(text) = as_type(file, PLAIN) else { return };
    let offered = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&offered, &PLAIN.into(), &text);
    if let Ok(item) = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&offered) {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write(&js_sys::Array::of1(&item));
        }
    }
}

const PLAIN: &str = "text/plain";

/// The engine's `file` as a `Blob` of the MIME type `mime`: the same bytes, not copied.
pub fn as_type(file: &web_sys::Blob, mime: &str) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    web_sys::Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(file), &typed(mime))
}

fn typed(mime: &str) -> web_sys::BlobPropertyBag {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    options
}

fn offer(file_name: &str, blob: &web_sys::Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = wasm_bindgen::JsCast::unchecked_into(link);
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    // Revoked once the browser has taken the download, not before.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}
