//! The page's side of the engine: requests posted to the engine's worker, answers awaited.
//!
//! The worker is the `shipcheck-worker` module beside this one, started as a module worker from
//! its own URL when the page shares its origin, or from a `Blob` that imports it (with CORS)
//! when the app's files come from another origin than the page's, since a worker's script
//! must be the page's. Where the page's Content-Security-Policy forbids workers, the same module
//! runs on the page itself and answers through the same [`Engine::ask`]: slower, never
//! different. If the worker stops (a panic in the engine), every request waiting for it is
//! answered with the failure, and the next one starts a new worker.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::engine::protocol::{Failure, FileRequest, Progress, Request, Response};

#[wasm_bindgen(inline_js = r#"
// The worker's files sit beside the app's; this snippet sits two folders below them.
export function engine_urls() {
  const base = new URL("../../", import.meta.url);
  return [new URL("shipcheck-worker.js", base).href, new URL("shipcheck-worker_loader.js", base).href];
}
// A module worker: from its own file on the page's origin; from a Blob that imports it elsewhere.
export function start_worker(module_url, loader_url) {
  if (new URL(loader_url).origin === location.origin) return new Worker(loader_url, { type: "module" });
  const code = `import init from ${JSON.stringify(module_url)}; await init();`;
  const blob = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  return new Worker(blob, { type: "module" });
}
// The same engine on the page, when workers are forbidden.
export async function start_on_page(module_url) {
  const engine = await import(module_url);
  await engine.default();
  return new engine.Engine();
}
"#)]
extern "C" {
    fn engine_urls() -> js_sys::Array;
    #[wasm_bindgen(catch)]
    fn start_worker(module_url: &str, loader_url: &str) -> Result<web_sys::Worker, JsValue>;
    #[wasm_bindgen(catch)]
    async fn start_on_page(module_url: &str) -> Result<JsValue, JsValue>;
}

/// What the worker calls with each of its events.
type Handler = Closure<dyn Fn(web_sys::MessageEvent)>;

/// A request waiting for its answer.
struct Pending {
    resolve: js_sys::Function,
    progress: Option<Rc<dyn Fn(Progress)>>,
}

enum Backend {
    /// Not started, or stopped: the next request starts it.
    Stopped,
    /// A worker started, not yet ready: messages wait.
    Starting {
        worker: web_sys::Worker,
        waiting: Vec<js_sys::Object>,
    },
    Worker(web_sys::Worker),
    /// Workers are forbidden; the engine is loading on the page: messages wait.
    LoadingOnPage {
        waiting: Vec<js_sys::Object>,
    },
    /// The engine on the page.
    OnPage(JsValue),
}

struct Inner {
    backend: RefCell<Backend>,
    pending: RefCell<HashMap<u32, Pending>>,
    next_id: Cell<u32>,
    /// The worker's handlers, kept as long as it runs.
    handlers: RefCell<Vec<Handler>>,
    /// Told why, when the worker stops with orders in it: they went with it.
    when_stopped: RefCell<Option<Told>>,
}

/// What is told when the worker stops.
type Told = Rc<dyn Fn(Failure)>;

/// The engine, wherever it runs. Cheap to clone: clones share the one worker.
#[derive(Clone)]
pub struct Engine(Rc<Inner>);

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

thread_local! {
    /// Set when the page has the engine's module linked in already: no worker is started.
    static ON_PAGE: Cell<Option<fn() -> JsValue>> = const { Cell::new(None) };
}

/// Runs every app's engine on this page, each made by `engine` (a `shipcheck-worker`
/// `Engine`), instead of in a worker: for a build that links the engine in, as the component
/// tests do.
pub fn run_engine_on_page(engine: fn() -> JsValue) {
    ON_PAGE.with(|on_page| on_page.set(Some(engine)));
}

impl Engine {
    pub fn new() -> Engine {
        let engine = Engine(Rc::new(Inner {
            backend: RefCell::new(Backend::Stopped),
            pending: RefCell::new(HashMap::new()),
            next_id: Cell::new(0),
            handlers: RefCell::new(Vec::new()),
            when_stopped: RefCell::new(None),
        }));
        // Loaded while the page paints: the first check needs no wait.
        engine.start();
        engine
    }

    /// Asks the engine; the answer, or the failure if the engine could not give one.
    pub async fn ask(&self, request: &Request) -> Response {
        self.ask_with(request, JsValue::UNDEFINED, None).await
    }

    /// Checks `files`, telling `progress` how far it has come.
    pub async fn check_files(&self, files: &[web_sys::File], now: i64, progress: Rc<dyn Fn(Progress)>) -> Response {
        let list: js_sys::Array = files.iter().collect();
        self.ask_with(&Request::CheckFiles { now }, list.into(), Some(progress)).await
    }

    /// Checks the bulk tracking upload `file` against the orders checked last.
    pub async fn upload_check(&self, file: &web_sys::File, now: i64) -> Response {
        let list: js_sys::Array = std::iter::once(file).collect();
        self.ask_with(&Request::UploadCheck { now }, list.into(), None).await
    }

    /// Asks the engine for a file: the answer and the file, or the answer that came instead of
    /// one (the failure, or [`Response::Stale`] before any check).
    pub async fn file(&self, file: FileRequest) -> Result<(Response, web_sys::Blob), Response> {
        let answer = self.answer(&Request::File(file), JsValue::UNDEFINED, None).await;
        let response = response_of(&answer);
        if !response.carries_file() {
            return Err(response);
        }
        match field(&answer, "file").dyn_into::<web_sys::Blob>() {
            Ok(blob) => Ok((response, blob)),
            Err(_) => Err(failed("the engine wrote the file but it did not arrive")),
        }
    }

    async fn ask_with(&self, request: &Request, files: JsValue, progress: Option<Rc<dyn Fn(Progress)>>) -> Response {
        response_of(&self.answer(request, files, progress).await)
    }

    /// The engine's answer to `request`: `{json, file?}`, as the worker sends it.
    async fn answer(&self, request: &Request, files: JsValue, progress: Option<Rc<dyn Fn(Progress)>>) -> JsValue {
        let Ok(json) = serde_json::to_string(request) else {
            return answer_of(&failed("the request could not be written"));
        };
        let id = self.0.next_id.get().wrapping_add(1);
        self.0.next_id.set(id);
        let answered = js_sys::Promise::new(&mut |resolve, _| {
            self.0.pending.borrow_mut().insert(id, Pending { resolve, progress: progress.clone() });
        });
        let message = js_sys::Object::new();
        let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
        let _ = (set("id", &id.into()), set("request", &json.as_str().into()), set("files", &files));
        self.post(message);
        JsFuture::from(answered).await.unwrap_or_default()
    }

    /// Hands `message` to the engine, starting it first if need be.
    fn post(&self, message: js_sys::Object) {
        if matches!(*self.0.backend.borrow(), Backend::Stopped) {
            self.start();
        }
        let on_page = match &mut *self.0.backend.borrow_mut() {
            Backend::Starting { waiting, .. } | Backend::LoadingOnPage { waiting } => {
                waiting.push(message);
                return;
            }
            Backend::Worker(worker) => {
                let _ = worker.post_message(&message);
                return;
            }
            Backend::OnPage(engine) => engine.clone(),
            Backend::Stopped => {
                drop(message);
                return self.fail_all("the engine could not be started");
            }
        };
        self.answer_on_page(on_page, message);
    }

    fn start(&self) {
        if let Some(make) = ON_PAGE.with(Cell::get) {
            *self.0.backend.borrow_mut() = Backend::OnPage(make());
            return;
        }
        let urls = engine_urls();
        let (module, loader) =
            (urls.get(0).as_string().unwrap_or_default(), urls.get(1).as_string().unwrap_or_default());
        match start_worker(&module, &loader) {
            Ok(worker) => {
                self.listen(&worker);
                *self.0.backend.borrow_mut() = Backend::Starting { worker, waiting: Vec::new() };
            }
            Err(_) => self.load_on_page(Vec::new()),
        }
    }

    /// Workers are refused (a Content-Security-Policy without them, said at once by some browsers
    /// and by an error event before the worker is ready by others): the engine runs on the page,
    /// and what waited for the worker waits for it.
    fn load_on_page(&self, waiting: Vec<js_sys::Object>) {
        *self.0.backend.borrow_mut() = Backend::LoadingOnPage { waiting };
        let module = engine_urls().get(0).as_string().unwrap_or_default();
        let engine = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match start_on_page(&module).await {
                Ok(on_page) => engine.loaded_on_page(on_page),
                Err(error) => {
                    *engine.0.backend.borrow_mut() = Backend::Stopped;
                    engine.fail_all(&format!("the engine could not be loaded: {}", describe(&error)));
                }
            }
        });
    }

    fn loaded_on_page(&self, on_page: JsValue) {
        let backend = std::mem::replace(&mut *self.0.backend.borrow_mut(), Backend::OnPage(on_page.clone()));
        if let Backend::LoadingOnPage { waiting } = backend {
            for message in waiting {
                self.answer_on_page(on_page.clone(), message);
            }
        }
    }

    /// Answers a message with the engine on the page, as the worker would.
    fn answer_on_page(&self, on_page: JsValue, message: js_sys::Object) {
        let id = field(&message, "id").as_f64().unwrap_or_default() as u32;
        let (request, files) = (field(&message, "request"), field(&message, "files"));
        let engine = self.clone();
        let progress = Closure::<dyn Fn(JsValue)>::new({
            let engine = self.clone();
            move |progress: JsValue| engine.progressed(id, &progress)
        });
        let answer = js_sys::Reflect::get(&on_page, &JsValue::from_str("answer"))
            .ok()
            .and_then(|answer| answer.dyn_into::<js_sys::Function>().ok())
            .and_then(|answer| answer.call3(&on_page, &request, &files, progress.as_ref()).ok())
            .and_then(|promise| promise.dyn_into::<js_sys::Promise>().ok());
        wasm_bindgen_futures::spawn_local(async move {
            let response = match answer {
                Some(promise) => JsFuture::from(promise).await.unwrap_or_default(),
                None => answer_of(&failed("the engine could not answer")),
            };
            engine.answered(id, &response);
            drop(progress);
        });
    }

    fn listen(&self, worker: &web_sys::Worker) {
        let engine = self.clone();
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            engine.received(event.data());
        });
        let engine = self.clone();
        let on_error = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            event.prevent_default();
            let backend = std::mem::replace(&mut *engine.0.backend.borrow_mut(), Backend::Stopped);
            match backend {
                // It never started: refused, or its files would not load; the page tries.
                Backend::Starting { worker, waiting } => {
                    worker.terminate();
                    engine.load_on_page(waiting);
                }
                running => {
                    *engine.0.backend.borrow_mut() = running;
                    let message =
                        js_sys::Reflect::get(&event, &JsValue::from_str("message")).ok().and_then(|m| m.as_string());
                    engine.stopped(&message.unwrap_or_else(|| "it stopped".into()));
                }
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.0.handlers.borrow_mut() = vec![on_message, on_error];
    }

    fn received(&self, data: JsValue) {
        if field(&data, "ready").is_truthy() {
            let backend = std::mem::replace(&mut *self.0.backend.borrow_mut(), Backend::Stopped);
            if let Backend::Starting { worker, waiting } = backend {
                for message in waiting {
                    let _ = worker.post_message(&message);
                }
                *self.0.backend.borrow_mut() = Backend::Worker(worker);
            }
            return;
        }
        let id = field(&data, "id").as_f64().unwrap_or_default() as u32;
        let progress = field(&data, "progress");
        if progress.is_undefined() {
            self.answered(id, &field(&data, "answer"));
        } else {
            self.progressed(id, &progress);
        }
    }

    fn progressed(&self, id: u32, progress: &JsValue) {
        let callback = self.0.pending.borrow().get(&id).and_then(|p| p.progress.clone());
        let parsed = progress.as_string().and_then(|text| serde_json::from_str(&text).ok());
        if let (Some(callback), Some(progress)) = (callback, parsed) {
            callback(progress);
        }
    }

    fn answered(&self, id: u32, response: &JsValue) {
        let pending = self.0.pending.borrow_mut().remove(&id);
        if let Some(pending) = pending {
            let _ = pending.resolve.call1(&JsValue::NULL, response);
        }
    }

    /// The worker stopped: what waited for it fails, and the next request starts another.
    fn stopped(&self, why: &str) {
        self.stop_worker();
        self.fail_all(&format!("the engine stopped ({why}); load the orders again"));
        let told = self.0.when_stopped.borrow().clone();
        if let Some(tell) = told {
            tell(Failure {
                message: format!("the engine stopped ({why}); load the orders again"),
                message_zh: format!("检查引擎已停止（{why}）；请重新载入订单"),
                mapping: None,
            });
        }
    }

    /// Calls `tell` with the reason whenever the worker stops after it started.
    pub fn when_stopped(&self, tell: impl Fn(Failure) + 'static) {
        *self.0.when_stopped.borrow_mut() = Some(Rc::new(tell));
    }

    fn fail_all(&self, why: &str) {
        let answer = answer_of(&failed(why));
        let pending: Vec<Pending> = self.0.pending.borrow_mut().drain().map(|(_, p)| p).collect();
        for waiting in pending {
            let _ = waiting.resolve.call1(&JsValue::NULL, &answer);
        }
    }

    fn stop_worker(&self) {
        let backend = std::mem::replace(&mut *self.0.backend.borrow_mut(), Backend::Stopped);
        if let Backend::Worker(worker) | Backend::Starting { worker, .. } = backend {
            worker.terminate();
        }
    }

    /// Stops the engine: what the app held goes with it.
    pub fn stop(&self) {
        self.stop_worker();
        self.0.handlers.borrow_mut().clear();
        self.0.pending.borrow_mut().clear();
    }
}

/// An answer made on this side, shaped as the worker's: `{json}`.
fn answer_of(response: &Response) -> JsValue {
    let answer = js_sys::Object::new();
    let json = JsValue::from_str(&serde_json::to_string(response).unwrap_or_default());
    let _ = js_sys::Reflect::set(&answer, &JsValue::from_str("json"), &json);
    answer.into()
}

/// What an answer says; a failure if it says nothing the page can read.
fn response_of(answer: &JsValue) -> Response {
    let json = field(answer, "json").as_string();
    json.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_else(|| failed("the engine gave no answer"))
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or_default()
}

fn failed(why: &str) -> Response {
    Response::Failed(Failure::plain(format!("ShipCheck: {why}")))
}

fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}
