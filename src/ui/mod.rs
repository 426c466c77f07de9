//! The browser app: Leptos components that render what the engine computes.
//!
//! The UI owns three things only: the text the seller gave it, the result of the last check,
//! and the clock. Every countdown reads one `now` signal (see [`clock`]); a row never
//! re-renders on a tick, only the text inside its countdown changes.

mod board;
mod clock;
mod dashboard;
mod detail;
mod download;
mod i18n;
mod icon;
mod input;
mod mapping;
mod results;
mod settings;
mod tracking;
mod words;

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::engine::board::BoardQuery;
use crate::engine::import::{ImportOptions, Importer, Progress};
use crate::engine::{Import, MetricWindow, OrderCheck, RuleProfile, Rules, ShopMetrics};
use i18n::Locale;
use mapping::Failure;

pub use clock::{use_clock, Clock};

/// What one press of "Check orders" produced.
#[derive(Clone, Debug)]
pub struct Checked {
    pub import: Import,
    pub rules: Arc<Rules>,
    /// Most urgent first.
    pub checks: Vec<OrderCheck>,
    pub metrics: ShopMetrics,
}

impl Checked {
    /// Checks pasted text at once: it is small enough not to need batches.
    fn pasted(text: &str, profile: &RuleProfile, now: DateTime<Utc>) -> Result<Checked, Failure> {
        let mut importer = Importer::new(import_options(profile));
        importer.read(None, text.as_bytes())?;
        Checked::new(importer.finish(), profile, now)
    }

    fn new(import: Import, profile: &RuleProfile, now: DateTime<Utc>) -> Result<Checked, Failure> {
        let rules = Rules::new(profile.clone()).map_err(|e| Failure::from(e.to_string()))?;
        let checks = rules.check_all(&import.orders);
        Ok(Checked::from_checks(import, rules, checks, now))
    }

    fn from_checks(import: Import, rules: Rules, mut checks: Vec<OrderCheck>, now: DateTime<Utc>) -> Checked {
        let metrics = ShopMetrics::compute(&import.orders, &checks, &rules, now, MetricWindow::All);
        checks.sort_by_key(OrderCheck::urgency);
        Checked { import, rules: Arc::new(rules), checks, metrics }
    }
}

/// The whole app, as mounted on a page.
#[component]
pub fn App() -> impl IntoView {
    let clock = use_clock();
    let now = clock.now;
    let locale = RwSignal::new(Locale::preferred());
    provide_context(locale);
    let (stored, settings_note) = settings::stored_profile();
    let profile = RwSignal::new(stored);
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<Arc<Checked>, Failure>>);
    // Kept here, above what a change of language renders again, so filters survive it.
    let query = RwSignal::new(BoardQuery::default());
    // What was checked last, to check it again once the seller has said which column is which
    // or changed the rules.
    let last_files = StoredValue::new_local(Vec::<web_sys::File>::new());

    let progress = RwSignal::new(None::<ImportProgress>);
    let cancelled = RwSignal::new(false);
    let check = move || {
        last_files.set_value(Vec::new());
        let checked =
            profile.with_untracked(|profile| Checked::pasted(&text.get_untracked(), profile, now.get_untracked()));
        outcome.set(Some(checked.map(Arc::new)))
    };
    let open_files = move |files: Vec<web_sys::File>| {
        cancelled.set(false);
        last_files.set_value(files.clone());
        leptos::task::spawn_local(import_files(files, profile.get_untracked(), now, progress, cancelled, outcome));
    };
    // The same files, or the same pasted text, again.
    let check_again = move || {
        let files = last_files.get_value();
        if files.is_empty() {
            check();
        } else {
            open_files(files);
        }
    };
    let sample = move || {
        let at: DateTime<Utc> = now.get_untracked();
        text.set(crate::engine::sample::sample_orders_csv(at, &profile.with_untracked(|p| p.time_zone)));
        check();
    };
    let change_rules = move |changed: RuleProfile| {
        settings::remember(&changed);
        profile.set(changed);
        if outcome.with_untracked(Option::is_some) {
            check_again();
        }
    };

    // A change of language renders the page again; everything it shows is held above.
    move || {
        let current = locale.get();
        let t = current.text();
        let settings_note = settings_note.clone();
        view! {
            <div class="shipcheck" lang=current.tag()>
                <header class="sc-header">
                    <div>
                        <h1>"ShipCheck"</h1>
                        <p class="sc-tagline">{t.tagline}</p>
                    </div>
                    <div class="sc-header-actions">
                        <select
                            data-testid="locale-switch"
                            aria-label=t.language
                            on:change=move |ev| {
                                let chosen = Locale::from_tag(&event_target_value(&ev));
                                chosen.remember();
                                locale.set(chosen);
                            }
                        >
                            {Locale::ALL.map(|option| view! {
                                <option value=option.tag() selected=option == current>{option.text().language_name}</option>
                            })}
                        </select>
                        <settings::Settings profile on_change=change_rules />
                    </div>
                </header>
                {settings_note.map(|reason| view! {
                    <p class="sc-error" role="alert" data-testid="settings-note">{(t.settings_unusable)(&reason)}</p>
                })}
                <input::OrderInput
                    text
                    on_check=check
                    on_sample=sample
                    on_files=open_files
                    progress
                    on_cancel=move || cancelled.set(true)
                />
                <tracking::TrackingCheckBox />
                <results::Results outcome clock query on_mapped=check_again />
            </div>
        }
    }
}

/// How this page reads the files it is given: the profile's options, with the browser's own
/// `TextDecoder` for legacy encodings (GB18030 from a Chinese Excel).
fn import_options(profile: &RuleProfile) -> ImportOptions {
    ImportOptions {
        legacy_decoder: Some(decode_legacy),
        column_mappings: mapping::remembered(),
        ..profile.import_options()
    }
}

fn decode_legacy(bytes: &[u8], label: &str) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// Where a file import stands, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportProgress {
    pub file: String,
    /// 1-based position of the file among those given, and how many there are.
    pub number: usize,
    pub files: usize,
    /// `None` while the file's bytes are still being read from disk.
    pub read: Option<Progress>,
    /// Once every file is read: orders checked so far, of how many.
    pub checked: Option<(usize, usize)>,
}

impl ImportProgress {
    /// Units done for the bar: bytes while reading, orders while checking.
    pub fn done(&self) -> u64 {
        match (self.checked, self.read) {
            (Some((done, _)), _) => done as u64,
            (None, Some(read)) => read.bytes_read,
            (None, None) => 0,
        }
    }

    /// Units in all, matching [`ImportProgress::done`].
    pub fn total(&self) -> u64 {
        match (self.checked, self.read) {
            (Some((_, total)), _) => total as u64,
            (None, Some(read)) => read.total_bytes,
            (None, None) => 1,
        }
    }
}

/// Rows per batch: small enough that a batch stays well under the 50 ms a page can block
/// without feeling stuck, large enough that yielding costs little.
const BATCH_ROWS: usize = 20_000;

/// Reads the files into one import a batch at a time, yielding to the browser between batches
/// so the page repaints, the progress bar moves and Cancel can be pressed.
async fn import_files(
    files: Vec<web_sys::File>,
    profile: RuleProfile,
    now: ReadSignal<DateTime<Utc>>,
    progress: RwSignal<Option<ImportProgress>>,
    cancelled: RwSignal<bool>,
    outcome: RwSignal<Option<Result<Arc<Checked>, Failure>>>,
) {
    match read_and_check(files, profile, now, progress, cancelled).await {
        Ok(Some(checked)) => outcome.set(Some(Ok(Arc::new(checked)))),
        // Cancelled: the page stays as it was.
        Ok(None) => {}
        Err(failure) => outcome.set(Some(Err(failure))),
    }
    progress.set(None);
}

/// The work of [`import_files`]; `Ok(None)` when the seller cancelled.
async fn read_and_check(
    files: Vec<web_sys::File>,
    profile: RuleProfile,
    now: ReadSignal<DateTime<Utc>>,
    progress: RwSignal<Option<ImportProgress>>,
    cancelled: RwSignal<bool>,
) -> Result<Option<Checked>, Failure> {
    // Lets the browser paint and take input; says whether Cancel was pressed meanwhile.
    let yield_to_page = || async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        cancelled.get_untracked()
    };
    let count = files.len();
    let mut importer = Importer::new(import_options(&profile));
    for (i, file) in files.into_iter().enumerate() {
        let name = file.name();
        let report = |read, checked| ImportProgress { file: name.clone(), number: i + 1, files: count, read, checked };
        progress.set(Some(report(None, None)));
        let bytes = gloo_file::futures::read_as_bytes(&gloo_file::File::from(file))
            .await
            .map_err(|e| Failure::from(format!("{name} could not be read: {e}")))?;
        let mut reading = importer.open(Some(&name), bytes)?;
        while importer.read_batch(&mut reading, BATCH_ROWS)? {
            progress.set(Some(report(Some(reading.progress()), None)));
            if yield_to_page().await {
                return Ok(None);
            }
        }
    }
    let import = importer.finish();
    let rules = Rules::new(profile).map_err(|e| Failure::from(e.to_string()))?;
    // Checked a batch at a time too, for the same reason.
    let total = import.orders.len();
    let mut checks = Vec::with_capacity(total);
    while checks.len() < total {
        let range = checks.len()..(checks.len() + BATCH_ROWS).min(total);
        checks.extend(rules.check_range(&import.orders, range));
        let checked = Some((checks.len(), total));
        progress.set(Some(ImportProgress { file: "orders".into(), number: 1, files: 1, read: None, checked }));
        if yield_to_page().await {
            return Ok(None);
        }
    }
    rules.finish_checks(&import.orders, &mut checks);
    Ok(Some(Checked::from_checks(import, rules, checks, now.get_untracked())))
}

/// An element id no other element of any app mounted on the page has, for the few attributes
/// that can only point at an id.
pub fn unique_id(prefix: &str) -> String {
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    let n = NEXT.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    format!("{prefix}-{n}")
}

thread_local! {
    // Mounted apps by handle ID. The registry, not the JS handle object, owns each app: the
    // generated bindings free a handle the host no longer references, and an app must not
    // vanish from the page because a host discarded the return value of `mount`.
    static MOUNTED: RefCell<HashMap<u32, Box<dyn Any>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A mounted ShipCheck, returned to JavaScript by [`mount`].
#[wasm_bindgen]
pub struct MountedApp {
    id: u32,
}

#[wasm_bindgen]
impl MountedApp {
    /// Removes the app from the page and frees what it holds. Calling it again does nothing.
    pub fn unmount(&self) {
        // Taken out first, dropped after: dropping runs the app's cleanups, which must not find
        // the registry borrowed.
        let app = MOUNTED.with(|apps| apps.borrow_mut().remove(&self.id));
        drop(app);
    }
}

/// Mounts ShipCheck inside `element`, so a host page decides where it goes. The app stays until
/// `unmount()` is called on the returned handle.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement) -> MountedApp {
    console_error_panic_hook::set_once();
    let unmount_handle = leptos::mount::mount_to(element, App);
    let id = NEXT_ID.with(|next| next.replace(next.get().wrapping_add(1)));
    MOUNTED.with(|apps| apps.borrow_mut().insert(id, Box::new(unmount_handle)));
    MountedApp { id }
}
