//! The browser app: Leptos components that render what the engine computes.
//!
//! The UI owns three things only: what the seller gave it and chose ([`Controls`]), the result
//! of the last check, and the clock. Every countdown reads one `now` signal (see [`clock`]); a row never
//! re-renders on a tick, only the text inside its countdown changes.

mod api;
mod board;
mod clock;
mod dashboard;
mod detail;
mod download;
mod facets;
mod files;
mod i18n;
mod icon;
mod input;
mod later;
mod mapping;
mod remembered;
mod results;
mod settings;
mod slices;
mod tracking;
mod words;

use std::cell::Cell;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::engine::board::{BoardQuery, DueIndex, Facets};
use crate::engine::charts::Charts;
use crate::engine::import::Importer;
use crate::engine::metrics::Dispatched;
use crate::engine::{Import, MetricWindow, OrderCheck, RuleProfile, Rules, ShopMetrics};
use api::MountOptions;
use files::{import_options, ImportProgress, Reading};
use i18n::Locale;
use mapping::Failure;

pub use api::{mount, MountedApp};
pub use clock::{use_clock, Clock};

/// What one press of "Check orders" produced.
#[derive(Clone, Debug)]
pub struct Checked {
    pub import: Import,
    pub rules: Arc<Rules>,
    /// Most urgent first.
    pub checks: Vec<OrderCheck>,
    pub metrics: ShopMetrics,
    /// The dashboard's charts, as of the check.
    pub charts: Charts,
    /// Open orders' dispatch deadlines, for overdue counts at every tick.
    pub due: DueIndex,
    /// Orders dispatched, and late: with `due`, the what-if at any moment.
    pub dispatched: Dispatched,
    /// How many orders each board filter picks, as of the check (not counted again when the
    /// board is drawn again, as on a change of language; the board recounts them each minute).
    pub facets: Facets,
}

impl Checked {
    /// Checks pasted text at once: it is small enough not to need batches.
    fn pasted(text: &str, profile: &RuleProfile, reading: Reading, now: DateTime<Utc>) -> Result<Checked, Failure> {
        // Pasted text is already text: only the date order applies to it.
        let mut importer = Importer::new(import_options(profile, Reading { encoding: None, ..reading }));
        importer.read(None, text.as_bytes())?;
        Checked::new(importer.finish(), profile, now)
    }

    fn new(import: Import, profile: &RuleProfile, now: DateTime<Utc>) -> Result<Checked, Failure> {
        let rules = Rules::new(profile.clone()).map_err(|e| Failure::from(e.to_string()))?;
        let checks = rules.check_all(&import.orders);
        Ok(Checked::from_checks(import, rules, checks, now))
    }

    fn from_checks(import: Import, rules: Rules, mut checks: Vec<OrderCheck>, now: DateTime<Utc>) -> Checked {
        let facets = Facets::count(&checks, &rules, now);
        let metrics = ShopMetrics::compute(&import.orders, &checks, &rules, now, MetricWindow::All);
        let charts = Charts::count(&checks, rules.profile.time_zone, now, dashboard::DAILY_DAYS);
        crate::engine::evaluate::sort_by_urgency(&mut checks);
        let (due, dispatched) = (DueIndex::new(&checks), Dispatched::count(&checks, &rules));
        Checked::ordered(import, rules, checks, Indexed { facets, metrics, charts, due, dispatched })
    }

    /// A check from its checks, in urgency order, and what was counted over them.
    fn ordered(import: Import, rules: Rules, checks: Vec<OrderCheck>, indexed: Indexed) -> Checked {
        let Indexed { facets, metrics, charts, due, dispatched } = indexed;
        Checked { import, rules: Arc::new(rules), checks, metrics, charts, due, dispatched, facets }
    }
}

/// What is counted over every check once they are made (a large import counts it a slice per
/// task): the rest of a [`Checked`].
pub struct Indexed {
    pub facets: Facets,
    pub metrics: ShopMetrics,
    pub charts: Charts,
    pub due: DueIndex,
    pub dispatched: Dispatched,
}

/// Everything a mounted app holds, and what can be done to it: the page's own controls and the
/// JavaScript API ([`api`]) both act through this. Every field is a reactive handle, so this is
/// `Copy`; they live as long as the app's reactive owner, until unmount.
#[derive(Clone, Copy)]
pub struct Controls {
    pub now: ReadSignal<DateTime<Utc>>,
    pub locale: RwSignal<Locale>,
    pub profile: RwSignal<RuleProfile>,
    /// The pasted text.
    pub text: RwSignal<String>,
    /// How the seller asked for text and files to be read.
    pub reading: RwSignal<Reading>,
    pub outcome: RwSignal<Option<Result<Arc<Checked>, Failure>>>,
    pub progress: RwSignal<Option<ImportProgress>>,
    pub cancelled: RwSignal<bool>,
    /// The board's filters; here, above what a change of language renders again, so they survive it.
    pub query: RwSignal<BoardQuery>,
    /// What was checked last, to check it again once the seller has said which column is which
    /// or changed the rules; empty when it was pasted text.
    last_files: StoredValue<Vec<web_sys::File>, LocalStorage>,
}

impl Controls {
    fn new(clock: Clock, options: &MountOptions) -> (Controls, Option<String>) {
        let (stored, settings_note) = settings::stored_profile();
        let controls = Controls {
            now: clock.now,
            locale: RwSignal::new(options.locale.unwrap_or_else(Locale::preferred)),
            profile: RwSignal::new(options.profile.clone().unwrap_or(stored)),
            text: RwSignal::new(String::new()),
            reading: RwSignal::new(Reading::default()),
            outcome: RwSignal::new(None),
            progress: RwSignal::new(None),
            cancelled: RwSignal::new(false),
            query: RwSignal::new(BoardQuery::default()),
            last_files: StoredValue::new_local(Vec::new()),
        };
        (controls, settings_note.filter(|_| options.profile.is_none()))
    }

    /// Checks the pasted text.
    pub fn check_text(self) {
        self.last_files.set_value(Vec::new());
        let now = self.now.get_untracked();
        let reading = self.reading.get_untracked();
        let checked = self
            .profile
            .with_untracked(|profile| self.text.with_untracked(|text| Checked::pasted(text, profile, reading, now)));
        self.outcome.set(Some(checked.map(Arc::new)))
    }

    /// Reads and checks `files`; done when the result (or the failure) is on the page, or the
    /// seller cancelled.
    pub async fn check_files(self, files: Vec<web_sys::File>) {
        // A sheet picked in one workbook means nothing in the next.
        if self.reading.with_untracked(|r| r.sheet.is_some()) {
            self.reading.update(|r| r.sheet = None);
        }
        self.read_files(files).await
    }

    async fn read_files(self, files: Vec<web_sys::File>) {
        self.cancelled.set(false);
        self.last_files.set_value(files.clone());
        files::import_files(self, files).await
    }

    /// The same files, or the same pasted text, again.
    pub fn check_again(self) {
        let files = self.last_files.get_value();
        if files.is_empty() {
            self.check_text();
        } else {
            leptos::task::spawn_local(self.read_files(files));
        }
    }

    fn check_sample(self) {
        let at = self.now.get_untracked();
        self.text.set(crate::engine::sample::sample_orders_csv(at, &self.profile.with_untracked(|p| p.time_zone)));
        self.check_text();
    }

    /// Puts `changed` in use and checks again what was checked. Only what the seller chooses on
    /// the page is remembered for the next visit (see [`settings::remember`]), not what a host sets.
    pub fn change_rules(self, changed: RuleProfile) {
        self.profile.set(changed);
        if self.outcome.with_untracked(Option::is_some) {
            self.check_again();
        }
    }

    /// Reads what was checked again, the way the seller now asks.
    pub fn change_reading(self, reading: Reading) {
        self.reading.set(reading);
        if self.outcome.with_untracked(Option::is_some) {
            self.check_again();
        }
    }

    pub fn change_locale(self, locale: Locale) {
        self.locale.set(locale);
    }
}

/// The whole app, as mounted on a page.
#[component]
pub fn App(controls: Controls, settings_note: Option<String>, options: MountOptions) -> impl IntoView {
    let Controls { locale, profile, text, outcome, progress, cancelled, query, .. } = controls;
    provide_context(locale);
    let clock = use_context::<Clock>().expect("mount provides the clock");
    if options.title {
        board::use_overdue_title(controls);
    }
    if let Some(host) = options.events.clone() {
        api::announce_results(controls, host);
    }
    let theme = options.theme;

    // A change of language renders the page again; everything it shows is held above.
    move || {
        let current = locale.get();
        let t = current.text();
        let settings_note = settings_note.clone();
        view! {
            <div class="shipcheck" lang=current.tag() data-theme=theme.attribute()>
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
                                controls.change_locale(chosen);
                            }
                        >
                            {Locale::ALL.map(|option| view! {
                                <option value=option.tag() selected=option == current>{option.text().language_name}</option>
                            })}
                        </select>
                        <settings::Settings
                            profile
                            on_change=move |changed| {
                                settings::remember(&changed);
                                controls.change_rules(changed);
                            }
                        />
                    </div>
                </header>
                {settings_note.map(|reason| view! {
                    <p class="sc-error" role="alert" data-testid="settings-note">{(t.settings_unusable)(&reason)}</p>
                })}
                <input::OrderInput
                    text
                    reading=controls.reading
                    on_reading=move |reading| controls.change_reading(reading)
                    on_check=move || controls.check_text()
                    on_sample=move || controls.check_sample()
                    on_files=move |files| leptos::task::spawn_local(controls.check_files(files))
                    progress
                    on_cancel=move || cancelled.set(true)
                />
                <tracking::TrackingCheckBox />
                <results::Results
                    outcome
                    clock
                    query
                    on_mapped=move || controls.check_again()
                    on_sheet=move |sheet| controls.change_reading(Reading { sheet: Some(sheet), ..controls.reading.get_untracked() })
                />
            </div>
        }
    }
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
