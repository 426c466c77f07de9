//! The JavaScript API: what a host page calls to put ShipCheck where it wants it and to drive it.
//!
//! ```js
//! import init, { mount } from "./shipcheck.js";
//! await init();
//! const app = mount(element, { locale: "zh-CN", profile: "us-local", theme: "auto", title: false });
//! await app.load(fileOrText);
//! const report = await app.results();
//! app.unmount();
//! ```
//!
//! Each mounted app is independent: its own reactive owner, clock, signals and language, so two
//! on one page do not share state (only what this browser remembers: settings and column
//! mappings). The registry, not the JS handle, owns each app: the generated bindings free a handle
//! the host no longer references, and an app must not vanish because a host dropped the return
//! value of `mount`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::Locale;
use super::{use_clock, App, Controls};
use crate::engine::protocol::{FileRequest, Response};
use crate::engine::settings::parse_profile;
use crate::engine::view::{ShopView, Summary};
use crate::engine::RuleProfile;

/// The colours a host asks for; `Auto` follows the visitor's preference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The root's `data-theme`; none for `Auto`.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// What a host may set when it mounts an app.
#[derive(Clone, Default)]
pub struct MountOptions {
    /// `None`: the language this browser remembers, else the browser's.
    pub locale: Option<Locale>,
    /// `None`: the profile this browser remembers, else the default.
    pub profile: Option<RuleProfile>,
    pub theme: Theme,
    /// Whether the app may put the overdue count in the tab title: a page of its own, yes; a
    /// widget in someone else's page, not unless asked.
    pub title: bool,
    /// Where the app announces `shipcheck:checked` and `shipcheck:error`.
    pub events: Option<web_sys::Element>,
}

impl MountOptions {
    fn read(options: Option<&js_sys::Object>) -> Result<MountOptions, JsValue> {
        let Some(options) = options else { return Ok(MountOptions::default()) };
        let get = |name: &str| {
            js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
        };
        let theme = match get("theme").and_then(|v| v.as_string()).as_deref() {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => return Err(error(&format!("theme must be light, dark or auto, not {other:?}"))),
        };
        Ok(MountOptions {
            locale: get("locale").and_then(|v| v.as_string()).map(|tag| Locale::from_tag(&tag)),
            profile: get("profile").map(|value| profile_from(&value)).transpose()?,
            theme,
            title: get("title").and_then(|v| v.as_bool()).unwrap_or(false),
            events: None,
        })
    }
}

/// A profile from what a host passed: a preset ID, the profile's JSON text, or the object itself.
fn profile_from(value: &JsValue) -> Result<RuleProfile, JsValue> {
    let json = match value.as_string() {
        Some(text) => match RuleProfile::preset(text.trim()) {
            Some(preset) => return Ok(preset),
            None => text,
        },
        None => js_sys::JSON::stringify(value).map(String::from).map_err(|_| error("the profile is not JSON"))?,
    };
    parse_profile(&json).map_err(|reason| error(&format!("the profile cannot be used: {reason}")))
}

/// The report of the last check as a typed `Blob` of JSON; `None` before any check.
async fn report_file(controls: Controls) -> Result<Option<web_sys::Blob>, JsValue> {
    match controls.file(FileRequest::Report { now: controls.now() }).await {
        Ok((_, report)) => Ok(Some(super::download::as_type(&report, "application/json")?)),
        Err(Response::Failed(failure)) => Err(error(&failure.message)),
        Err(_) => Ok(None),
    }
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(&format!("ShipCheck: {message}")).into()
}

struct Mounted {
    /// Dropping it removes the app from the page and disposes its reactive owner.
    _app: Box<dyn Any>,
    controls: Controls,
}

thread_local! {
    static MOUNTED: RefCell<HashMap<u32, Mounted>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A mounted ShipCheck, returned to JavaScript by [`mount`].
#[wasm_bindgen]
pub struct MountedApp {
    id: u32,
}

#[wasm_bindgen]
impl MountedApp {
    /// Checks orders: pasted text (a string), a `File`, or several (`FileList` or an array). The
    /// promise settles once the result is on the page (`results()` then has it).
    pub fn load(&self, input: JsValue) -> Result<js_sys::Promise, JsValue> {
        let controls = self.controls()?;
        if let Some(text) = input.as_string() {
            controls.text.set(text);
            return Ok(wasm_bindgen_futures::future_to_promise(async move {
                controls.checked_text().await;
                Ok(JsValue::UNDEFINED)
            }));
        }
        let files =
            files_of(&input).ok_or_else(|| error("load takes text, a File, a FileList or an array of Files"))?;
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            controls.check_files(files).await;
            Ok(JsValue::UNDEFINED)
        }))
    }

    /// Puts a profile in use (a preset ID, JSON text or an object) and checks again what was
    /// checked. Throws, changing nothing, when the profile cannot be used.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(&self, profile: JsValue) -> Result<(), JsValue> {
        let controls = self.controls()?;
        controls.change_rules(profile_from(&profile)?);
        Ok(())
    }

    /// Switches the language (`"en"`, `"zh-CN"`).
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, tag: &str) -> Result<(), JsValue> {
        self.controls()?.change_locale(Locale::from_tag(tag));
        Ok(())
    }

    /// A promise of the full report of the last check, as the CLI prints it; `null` before any
    /// check. The worker writes it, so a large check's report is no pause for the page, and the
    /// browser reads it as JSON without passing it through the app's memory. A report too large
    /// for the browser to read as one object (about a million rows) is refused with its size:
    /// [`MountedApp::results_file`] has it.
    pub fn results(&self) -> Result<js_sys::Promise, JsValue> {
        let controls = self.controls()?;
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            let Some(report) = report_file(controls).await? else { return Ok(JsValue::NULL) };
            let read = web_sys::Response::new_with_opt_blob(Some(&report))?.json()?;
            wasm_bindgen_futures::JsFuture::from(read).await.map_err(|reason| {
                let (megabytes, reason) = (report.size() / 1e6, js_sys::Error::from(reason).message());
                error(&format!(
                    "the browser could not read the report, {megabytes:.0} MB of JSON, as one object ({reason}); \
                     resultsFile() gives it as a file"
                ))
            })
        }))
    }

    /// A promise of the same report as a `Blob` of JSON, however large; `null` before any check.
    #[wasm_bindgen(js_name = resultsFile)]
    pub fn results_file(&self) -> Result<js_sys::Promise, JsValue> {
        let controls = self.controls()?;
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            Ok(report_file(controls).await?.map_or(JsValue::NULL, JsValue::from))
        }))
    }

    /// Removes the app from the page and frees what it holds. Calling it again does nothing.
    pub fn unmount(&self) {
        // Taken out first, dropped after: dropping runs the app's cleanups, which must not find
        // the registry borrowed.
        let app = MOUNTED.with(|apps| apps.borrow_mut().remove(&self.id));
        drop(app);
    }

    fn controls(&self) -> Result<Controls, JsValue> {
        MOUNTED
            .with(|apps| apps.borrow().get(&self.id).map(|app| app.controls))
            .ok_or_else(|| error("this app was unmounted"))
    }
}

/// The files a host passed to `load`.
fn files_of(input: &JsValue) -> Option<Vec<web_sys::File>> {
    if let Some(file) = input.dyn_ref::<web_sys::File>() {
        return Some(vec![file.clone()]);
    }
    if let Some(list) = input.dyn_ref::<web_sys::FileList>() {
        return Some((0..list.length()).filter_map(|i| list.get(i)).collect());
    }
    let array = input.dyn_ref::<js_sys::Array>()?;
    array.iter().map(|item| item.dyn_into::<web_sys::File>().ok()).collect()
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| error(&e.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// Mounts ShipCheck inside `element`, so a host page decides where it goes. `options` (all
/// optional): `locale`, `profile`, `theme`, `title` (see the README, "Embedding"). The app stays
/// until `unmount()` is called on the returned handle. `element` receives `shipcheck:ready` once
/// mounted, then `shipcheck:checked` or `shipcheck:error` after each check; they bubble and
/// cross shadow roots.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: Option<js_sys::Object>) -> Result<MountedApp, JsValue> {
    console_error_panic_hook::set_once();
    let options = MountOptions { events: Some(element.clone().into()), ..MountOptions::read(options.as_ref())? };
    let slot = std::rc::Rc::new(Cell::new(None::<Controls>));
    let app = {
        let slot = slot.clone();
        leptos::mount::mount_to(element.clone(), move || {
            let clock = use_clock();
            provide_context(clock);
            let (controls, settings_note) = Controls::new(clock, &options);
            slot.set(Some(controls));
            view! { <App controls settings_note options /> }
        })
    };
    let controls = slot.take().expect("mount_to renders the app at once");
    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    MOUNTED.with(|apps| apps.borrow_mut().insert(id, Mounted { _app: Box::new(app), controls }));
    announce(&element, "shipcheck:ready", &JsValue::NULL);
    Ok(MountedApp { id })
}

/// What `shipcheck:checked` carries: the import summary, the rules and the metrics, not every
/// order (nor the orders behind each rate: `results()` has them).
pub fn checked_detail(summary: &Summary, figures: &ShopView) -> JsValue {
    let detail = serde_json::json!({
        "import": {
            "rows": summary.rows,
            "rows_used": summary.rows_used,
            "orders": summary.orders,
            "description_rows": summary.description_rows,
            "skipped": summary.skipped,
            "missing_columns": summary.missing_columns,
            "time_zone": summary.time_zone,
            "files": summary.files,
            "orders_in_several_files": summary.orders_in_several_files,
        },
        "profile": summary.profile,
        "metrics": figures.metrics,
    });
    to_js(&detail).unwrap_or(JsValue::NULL)
}

/// What `shipcheck:error` carries.
pub fn error_detail(message: &str) -> JsValue {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    detail.into()
}

/// Dispatches `name` with `detail` on `host`; it bubbles, and crosses shadow roots.
pub fn announce(host: &web_sys::Element, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
