//! The browser app: Leptos components that draw what the engine's worker answers.
//!
//! The page holds what is on screen and the summaries it shows, nothing more: the orders live
//! in the engine's worker ([`engine`]), which the page asks for the rows in view, the counts of
//! the urgency strip, an order's detail, an export. The page owns what the seller gave it and
//! chose ([`Controls`]), and the one clock ([`clock`]) that makes countdowns tick: a countdown
//! is a row's deadline minus `now`, worked out on the page, so a tick asks the worker nothing.
//!
//! Every word is read through the language signal where it is shown ([`i18n::t`]), so a change
//! of language changes text in place: nothing is drawn again, and no input loses its value,
//! its focus or its caret.

mod api;
mod appeal;
mod bar;
mod board;
mod box_size;
mod clock;
mod dashboard;
mod detail;
mod download;
mod engine;
mod exports;
mod filters;
mod hash;
mod history;
mod i18n;
mod icon;
mod import_view;
mod input;
mod kept;
mod mapping;
mod marks;
mod privacy;
mod remembered;
mod reminders;
mod row;
mod settings;
mod strip;
mod tab;
mod tracking;
mod upload;
mod words;

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::board::BoardQuery;
use crate::engine::marks::Mark;
use crate::engine::protocol::{Failure, FileRequest, Progress, Reading, Request, Response};
use crate::engine::view::{DueCounts, ShopView, Summary};
use crate::engine::{RuleProfile, Zone};
use api::MountOptions;
use i18n::{t, Locale};

pub use api::{mount, MountedApp};
pub use clock::{use_clock, Clock};
pub use engine::{run_engine_on_page, Engine};

/// The longest a check's figures wait for its board (a tab in the background paints nothing).
const BOARD_WAIT_MS: u32 = 2_000;
/// How often they look whether it is drawn: about once a frame.
const BOARD_LOOK_MS: u32 = 16;

/// Where the orders on the page came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Source {
    #[default]
    Nothing,
    Text,
    Sample,
    Files(Vec<String>),
}

/// What a check is doing.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    #[default]
    Idle,
    /// Under way; how far, once the worker has said.
    Checking(Option<Progress>),
    Failed(Failure),
}

/// The views of a check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Board,
    Dashboard,
    /// How the files were read, and the rows not used.
    Import,
}

/// Everything a mounted app holds and what can be done to it: the page's own controls and the
/// JavaScript API ([`api`]) both act through this. Every field is a reactive handle, so this is
/// `Copy`; they live as long as the app's reactive owner, until unmount.
#[derive(Clone, Copy)]
pub struct Controls {
    pub clock: Clock,
    pub locale: RwSignal<Locale>,
    pub profile: RwSignal<RuleProfile>,
    /// The profile in use before the last change, for Undo.
    pub previous_profile: RwSignal<Option<RuleProfile>>,
    pub reading: RwSignal<Reading>,
    /// The paste box.
    pub text: RwSignal<String>,
    pub status: RwSignal<Status>,
    /// The last check that gave orders; kept while another runs.
    pub summary: RwSignal<Option<Arc<Summary>>>,
    /// Every order's metrics, weeks and charts, asked for once the board has its first lines:
    /// counting them is a pass over every order, which the board does not wait for.
    pub figures: RwSignal<Option<Arc<ShopView>>>,
    /// Bumped at each check that gave orders: views that ask the worker ask again.
    pub epoch: RwSignal<u32>,
    /// The check (its epoch) whose board has painted the lines in its box: its figures are
    /// asked for then, not before (see [`Controls::count_figures`]).
    pub board_drawn: RwSignal<u32>,
    pub source: RwSignal<Source>,
    pub view: RwSignal<View>,
    pub query: RwSignal<BoardQuery>,
    /// Whether the input is open over checked orders ("Change").
    pub input_open: RwSignal<bool>,
    pub counts: RwSignal<DueCounts>,
    /// The order whose detail is open, by position in the checks.
    pub open: RwSignal<Option<u32>>,
    /// Nothing is remembered and no host chose the rules: the seller is asked where they ship.
    pub first_use: RwSignal<bool>,
    /// The seller's marks and notes, by order ID ([`marks`]).
    pub marks: RwSignal<HashMap<String, Mark>>,
    pub engine: StoredValue<Engine, LocalStorage>,
    /// Where `shipcheck:*` events go, if anywhere.
    host: StoredValue<Option<web_sys::Element>, LocalStorage>,
}

impl Controls {
    fn new(clock: Clock, options: &MountOptions) -> (Controls, Option<String>) {
        let stored = settings::stored_profile();
        let controls = Controls {
            clock,
            locale: RwSignal::new(options.locale.unwrap_or_else(Locale::preferred)),
            profile: RwSignal::new(options.profile.clone().unwrap_or(stored.profile)),
            previous_profile: RwSignal::new(None),
            reading: RwSignal::new(Reading::default()),
            text: RwSignal::new(String::new()),
            status: RwSignal::new(Status::Idle),
            summary: RwSignal::new(None),
            figures: RwSignal::new(None),
            epoch: RwSignal::new(0),
            board_drawn: RwSignal::new(0),
            source: RwSignal::new(Source::Nothing),
            view: RwSignal::new(View::Board),
            query: RwSignal::new(BoardQuery::default()),
            input_open: RwSignal::new(false),
            counts: RwSignal::new(DueCounts::default()),
            open: RwSignal::new(None),
            first_use: RwSignal::new(stored.first_use && options.profile.is_none()),
            marks: RwSignal::new(HashMap::new()),
            engine: StoredValue::new_local(Engine::new()),
            host: StoredValue::new_local(options.events.clone()),
        };
        controls.engine.get_value().when_stopped(move |failure| controls.engine_stopped(failure));
        // Told once as the page opens too, so the engine has read the rules (and compiled the
        // code that reads them, 40-50 ms the first time) before the seller picks a file.
        leptos::task::spawn_local(async move {
            if !controls.unmounted() {
                controls.ask(controls.configure()).await;
            }
        });
        (controls, stored.note.filter(|_| options.profile.is_none()))
    }

    pub fn now(self) -> i64 {
        self.clock.now.get_untracked().timestamp_millis()
    }

    /// Whether the host unmounted the app. Work it started may still be under way (a check,
    /// a question to the engine); when it ends, it must leave the app's state alone, which
    /// is gone with it.
    fn unmounted(self) -> bool {
        self.engine.is_disposed()
    }

    /// Asks the engine, from any view. Cancelled, without asking, once the app is unmounted,
    /// and an answer that comes after is cancelled too: nothing is left to show it.
    pub async fn ask(self, request: Request) -> Response {
        let Some(engine) = self.engine.try_get_value() else { return Response::Cancelled };
        self.unless_unmounted(engine.ask(&request).await)
    }

    /// Asks the engine for a file to save (see [`Engine::file`]).
    pub async fn file(self, file: FileRequest) -> Result<(Response, web_sys::Blob), Response> {
        let Some(engine) = self.engine.try_get_value() else { return Err(Response::Cancelled) };
        let answer = engine.file(file).await;
        if self.unmounted() {
            return Err(Response::Cancelled);
        }
        answer
    }

    /// Checks a bulk tracking upload against the orders shown.
    pub async fn upload_check(self, file: web_sys::File) -> Response {
        let Some(engine) = self.engine.try_get_value() else { return Response::Cancelled };
        self.unless_unmounted(engine.upload_check(&file, self.now()).await)
    }

    fn unless_unmounted(self, answer: Response) -> Response {
        if self.unmounted() {
            Response::Cancelled
        } else {
            answer
        }
    }

    /// What the engine is told before each check: the rules, the reading options, the seller's
    /// mappings and marks. Told each time, since a worker started anew knows none of it.
    fn configure(self) -> Request {
        Request::Configure {
            profile: Box::new(self.profile.get_untracked()),
            reading: Reading { later_files_win: history::wanted(), ..self.reading.get_untracked() },
            mappings: mapping::remembered(),
            marks: marks::all(self),
        }
    }

    /// Tells the engine the rules and reading options in use, then makes `check`; whether it
    /// gave orders.
    async fn run(self, check: Request) -> bool {
        if self.unmounted() {
            return false;
        }
        self.status.set(Status::Checking(None));
        let answer = match self.ask(self.configure()).await {
            Response::Done => self.ask(check).await,
            other => other,
        };
        self.finish(answer) && self.count_figures().await
    }

    pub fn check_text(self) {
        leptos::task::spawn_local(self.checked_text());
    }

    /// Checks the paste box; done when the result (or the failure) is on the page.
    pub async fn checked_text(self) {
        self.source.set(Source::Text);
        let text = self.text.get_untracked();
        let now = self.now();
        if self.run(Request::CheckText { text: text.clone(), now }).await {
            privacy::keep_last_import(privacy::LastImport::Text(text));
        }
    }

    pub fn check_sample(self) {
        self.source.set(Source::Sample);
        self.text.set(String::new());
        let check = self.run(Request::CheckSample { now: self.now() });
        leptos::task::spawn_local(async move {
            if check.await {
                privacy::keep_last_import(privacy::LastImport::Sample);
            }
        });
    }

    /// Reads and checks `files`; done when the result (or the failure) is on the page.
    pub async fn check_files(self, files: Vec<web_sys::File>) {
        if self.unmounted() {
            return;
        }
        let files = if history::wanted() { history::with_history(files, self.now()).await } else { files };
        if self.unmounted() {
            return;
        }
        // A sheet picked in one workbook means nothing in the next.
        if self.reading.with_untracked(|r| r.sheet.is_some()) {
            self.reading.update(|r| r.sheet = None);
        }
        self.source.set(Source::Files(files.iter().map(|f| f.name()).collect()));
        // What was pasted before is not what is on the page now.
        self.text.set(String::new());
        self.status.set(Status::Checking(None));
        let answer = match self.ask(self.configure()).await {
            Response::Done => {
                let status = self.status;
                let progress = std::rc::Rc::new(move |p: Progress| status.set(Status::Checking(Some(p))));
                let engine = self.engine.get_value();
                self.unless_unmounted(engine.check_files(&files, self.now(), progress).await)
            }
            other => other,
        };
        if self.finish(answer) && self.count_figures().await {
            privacy::keep_last_import(privacy::LastImport::Files(files));
        }
    }

    /// What was checked, again: after the rules or the reading options changed.
    pub fn check_again(self) {
        if self.source.with_untracked(|s| *s == Source::Nothing) {
            return;
        }
        let check = self.run(Request::CheckAgain { now: self.now() });
        leptos::task::spawn_local(async move {
            check.await;
        });
    }

    pub fn cancel(self) {
        leptos::task::spawn_local(async move {
            self.ask(Request::Cancel).await;
        });
    }

    /// Puts a check's answer on the page.
    /// The worker stopped (a panic in the engine): the orders on the page went with it, so they
    /// are taken off it, and the seller is told and shown the input to load them again. The
    /// page and its host go on.
    fn engine_stopped(self, failure: Failure) {
        if self.unmounted() {
            return;
        }
        if self.summary.with_untracked(Option::is_none) && !matches!(self.status.get_untracked(), Status::Checking(_)) {
            return;
        }
        self.summary.set(None);
        self.figures.set(None);
        self.input_open.set(true);
        self.finish(Response::Failed(failure));
    }

    /// Puts a check's answer on the page; whether it gave orders.
    fn finish(self, answer: Response) -> bool {
        if self.unmounted() {
            return false;
        }
        let checked = matches!(answer, Response::Checked(_));
        match answer {
            Response::Checked(summary) => {
                self.summary.set(Some(Arc::from(summary)));
                self.figures.set(None);
                self.status.set(Status::Idle);
                self.input_open.set(false);
                self.open.set(None);
                self.epoch.update(|epoch| *epoch += 1);
            }
            Response::Failed(failure) => {
                self.announce("shipcheck:error", &api::error_detail(&failure.message));
                self.status.set(Status::Failed(failure));
            }
            // Cancelled: the page stays as it was.
            _ => self.status.set(Status::Idle),
        }
        checked
    }

    /// Asks the worker for every order's figures once the board shows the check's lines in its
    /// box (or at once when the seller is looking at another view); puts them on the page and, a
    /// task later (the host's event is the check's summary written out whole), tells the host the
    /// check is done. Whether the check is still the one on the page.
    async fn count_figures(self) -> bool {
        let epoch = self.epoch.get_untracked();
        let still_checked = move || !self.unmounted() && self.epoch.get_untracked() == epoch;
        self.board_drawn_or_not_shown(epoch).await;
        if !still_checked() {
            return false;
        }
        let Response::Shop(figures) = self.ask(Request::Shop { shop: None }).await else { return false };
        if !still_checked() {
            return false;
        }
        self.figures.set(Some(Arc::from(figures)));
        gloo_timers::future::TimeoutFuture::new(0).await;
        if !still_checked() {
            return false;
        }
        self.announce_checked();
        true
    }

    /// Waits until the board has painted the lines in its box of check `epoch`, while the board
    /// is the view, for at most [`BOARD_WAIT_MS`]. Counting the figures is a pass over every
    /// order: on a machine of two cores, the worker counting them while the page drew the board
    /// made the board's tasks longer (at 1M rows, one to three over 50 ms in each load).
    async fn board_drawn_or_not_shown(self, epoch: u32) {
        let mut waited = 0;
        while waited < BOARD_WAIT_MS
            && self.view.try_get_untracked() == Some(View::Board)
            && self.board_drawn.try_get_untracked().is_some_and(|drawn| drawn != epoch)
            && self.epoch.try_get_untracked() == Some(epoch)
        {
            gloo_timers::future::TimeoutFuture::new(BOARD_LOOK_MS).await;
            waited += BOARD_LOOK_MS;
        }
    }

    fn announce_checked(self) {
        let detail = self.summary.with_untracked(|summary| {
            self.figures.with_untracked(|figures| Some(api::checked_detail(summary.as_deref()?, figures.as_deref()?)))
        });
        if let Some(detail) = detail {
            self.announce("shipcheck:checked", &detail);
        }
    }

    fn announce(self, name: &str, detail: &wasm_bindgen::JsValue) {
        if let Some(host) = self.host.get_value() {
            api::announce(&host, name, detail);
        }
    }

    /// Puts `changed` in use and checks again what was checked. Only what the seller chooses on
    /// the page is remembered for the next visit (see [`settings::remember`]), not what a host sets.
    pub fn change_rules(self, changed: RuleProfile) {
        let before = self.profile.get_untracked();
        if before == changed {
            return;
        }
        self.previous_profile.set(Some(before));
        self.profile.set(changed);
        self.check_again();
    }

    /// Reads what was checked again, the way the seller now asks.
    pub fn change_reading(self, reading: Reading) {
        self.reading.set(reading);
        self.check_again();
    }

    pub fn change_locale(self, locale: Locale) {
        self.locale.set(locale);
    }

    /// Whether the orders are of several shops: then shops are named and chosen.
    pub fn several_shops(self) -> bool {
        self.summary.with(|s| s.as_ref().is_some_and(|s| s.shops.len() > 1))
    }

    /// Shows the board with `query`.
    pub fn show_board(self, query: BoardQuery) {
        self.query.set(query);
        self.view.set(View::Board);
    }
}

/// The whole app, as mounted on a page.
#[component]
pub fn App(controls: Controls, settings_note: Option<String>, options: MountOptions) -> impl IntoView {
    provide_context(controls.locale);
    provide_context(controls);
    if options.title {
        tab::use_overdue_title(controls);
        hash::use_hash(controls);
    }
    strip::use_live_counts(controls);
    reminders::use_reminders(controls);
    marks::use_kept_marks(controls);
    appeal::provide_appeal_print();
    privacy::use_restore(controls);
    // The worker goes with the app.
    let engine = send_wrapper::SendWrapper::new(controls.engine.get_value());
    on_cleanup(move || engine.stop());
    let Controls { locale, summary, input_open, status, .. } = controls;
    let checked = move || summary.with(Option::is_some);
    let width_probe = NodeRef::<leptos::html::Div>::new();
    let width = box_size::use_app_width(width_probe);
    view! {
        <div
            class="shipcheck"
            lang=move || locale.get().tag()
            data-theme=options.theme.attribute()
            data-narrow=move || (width.get() != box_size::AppWidth::Wide).then_some("")
            data-medium=move || (width.get() == box_size::AppWidth::Medium).then_some("")
            data-narrowest=move || (width.get() == box_size::AppWidth::Narrowest).then_some("")
        >
            <div class="sc-width-probe" aria-hidden="true" node_ref=width_probe></div>
            <bar::Bar />
            {settings_note.map(|reason| view! {
                <p class="sc-error" role="alert" data-testid="settings-note">{move || (t().settings_unusable)(&reason)}</p>
            })}
            <input::CheckProgress />
            {move || match status.get() {
                Status::Failed(failure) => Some(view! { <mapping::CheckFailed failure /> }),
                _ => None,
            }}
            <div hidden=move || checked() && !input_open.get()>
                <input::OrderInput />
            </div>
            <Show when=checked>
                <Workspace />
            </Show>
            <detail::OrderDetail />
            <appeal::AppealPrintView />
        </div>
    }
}

/// What a check shows: the banners, the urgency strip, and the view chosen.
#[component]
fn Workspace() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let view_is = move |view: View| move || controls.view.get() == view;
    view! {
        <section class="sc-workspace" aria-label=move || t().workspace>
            <strip::Banners />
            <strip::UrgencyStrip />
            <div hidden=move || !view_is(View::Board)()>
                <board::Board />
            </div>
            <Show when=view_is(View::Dashboard)>
                <dashboard::Dashboard />
            </Show>
            <Show when=view_is(View::Import)>
                <import_view::ImportView />
            </Show>
        </section>
    }
}

/// The zone moments are written in: the rules', as the engine's own messages write them.
pub fn zone_of(controls: Controls) -> Zone {
    controls.profile.with_untracked(|p| p.time_zone)
}

/// An element id no other element of any app mounted on the page has, for the few attributes
/// that can only point at an id.
pub fn unique_id(prefix: &str) -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = NEXT.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    format!("{prefix}-{n}")
}
