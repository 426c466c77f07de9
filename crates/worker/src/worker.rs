//! The engine behind a message interface: [`Engine::answer`] takes a request and gives its
//! answer, in a worker (wired to its messages by [`start`]) or, where workers are forbidden, on
//! the page itself.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::DateTime;
use shipcheck_engine::protocol::{Failure, FileRequest, Request, Response};
use shipcheck_engine::service::Service;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::blob_file::BlobFile;
use super::decode::decode_legacy;
use super::files::{next_task, Run};

/// The engine and the state between requests.
#[wasm_bindgen]
pub struct Engine {
    service: Rc<RefCell<Service>>,
    cancelled: Rc<Cell<bool>>,
    /// The files checked last: checked again when the rules or reading options change.
    last_files: Rc<RefCell<Vec<web_sys::File>>>,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        console_error_panic_hook::set_once();
        Engine {
            service: Rc::new(RefCell::new(Service::new(Some(decode_legacy)))),
            cancelled: Rc::new(Cell::new(false)),
            last_files: Rc::new(RefCell::new(Vec::new())),
        }
    }

    /// Answers `request` (a [`Request`] as JSON) with `{json, file?}`: a [`Response`] as JSON
    /// and, for a [`Request::File`], the file as a `Blob`. `files`: the
    /// `File`s of a `check_files` request; `progress`: called with each
    /// [`shipcheck_engine::protocol::Progress`] (as JSON) while a check runs.
    pub fn answer(&self, request: String, files: JsValue, progress: js_sys::Function) -> js_sys::Promise {
        let (service, cancelled, last_files) = (self.service.clone(), self.cancelled.clone(), self.last_files.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let answer = match serde_json::from_str::<Request>(&request) {
                Err(error) => Answer::of(Response::Failed(Failure::plain(format!(
                    "the page sent a request the engine cannot read: {error}"
                )))),
                Ok(Request::File(file)) => write_file(&service, file).await,
                Ok(request) => {
                    let run = Run { service, cancelled, progress };
                    Answer::of(handle(&run, &last_files, request, files).await)
                }
            };
            Ok(answer.into())
        })
    }
}

/// An answer as it crosses to the page: `{json}`, the [`Response`] as JSON, with `file`, the
/// `Blob` of a file asked for, beside it.
struct Answer {
    response: Response,
    file: Option<web_sys::Blob>,
}

impl Answer {
    fn of(response: Response) -> Answer {
        Answer { response, file: None }
    }
}

impl From<Answer> for JsValue {
    fn from(Answer { response, file }: Answer) -> JsValue {
        let answer = js_sys::Object::new();
        let json = JsValue::from_str(&serde_json::to_string(&response).unwrap_or_default());
        let _ = js_sys::Reflect::set(&answer, &JsValue::from_str("json"), &json);
        if let Some(file) = file {
            let _ = js_sys::Reflect::set(&answer, &JsValue::from_str("file"), &file);
        }
        answer.into()
    }
}

/// The file asked for, written a piece at a time into a `Blob`, a slice of its orders per task:
/// the board's questions asked meanwhile are answered between slices.
async fn write_file(service: &RefCell<Service>, file: FileRequest) -> Answer {
    let begun = service.borrow().begin_file(file);
    let Some(mut writing) = begun else { return Answer::of(Response::Stale) };
    let mut blob = BlobFile::new();
    let response = loop {
        let written = service.borrow().write_file_part(&mut writing, &mut blob, FILE_SLICE);
        match written {
            Some(answer) => break answer,
            None => next_task().await,
        }
    };
    if !response.carries_file() {
        return Answer::of(response);
    }
    match blob.finish() {
        Ok(blob) => Answer { response, file: Some(blob) },
        Err(_) => Answer::of(Response::Failed(Failure::plain("the browser could not hold the file".into()))),
    }
}

async fn handle(run: &Run, last_files: &RefCell<Vec<web_sys::File>>, request: Request, files: JsValue) -> Response {
    let at = |millis| DateTime::from_timestamp_millis(millis).unwrap_or_default();
    match request {
        Request::Cancel => {
            run.cancelled.set(true);
            Response::Done
        }
        Request::CheckFiles { now } => {
            let files: Vec<web_sys::File> = files_of(&files);
            *last_files.borrow_mut() = files.clone();
            run.check_files(files, at(now)).await
        }
        Request::UploadCheck { now } => match files_of(&files).first() {
            Some(file) => run.upload_check(file, now).await,
            None => Response::Stale,
        },
        Request::CheckAgain { now } if !run.service.borrow().last_was_text() => {
            let files = last_files.borrow().clone();
            if files.is_empty() {
                return Response::Stale;
            }
            run.check_files(files, at(now)).await
        }
        Request::Shop { shop: None } => {
            // A slice at a time: the board's windows and searches asked for meanwhile are
            // answered between slices, not after a pass over a million orders.
            let counting = run.service.borrow().check_number();
            while !run.service.borrow().count_figures(FIGURES_SLICE) {
                next_task().await;
                // Another check landed meanwhile: the page asks for its figures, and waits on
                // these no more.
                if run.service.borrow().check_number() != counting {
                    return Response::Cancelled;
                }
            }
            run.service.borrow_mut().handle(Request::Shop { shop: None })
        }
        request => {
            if matches!(request, Request::CheckText { .. } | Request::CheckSample { .. }) {
                last_files.borrow_mut().clear();
            }
            run.service.borrow_mut().handle(request)
        }
    }
}

/// Orders counted towards every order's figures between two of the worker's messages.
const FIGURES_SLICE: usize = 20_000;

/// Orders written into a file between two of the worker's messages: about 20 ms of work, at
/// the 10 µs an order the orders CSV took in the browser (666,145 orders in 6.4 s).
const FILE_SLICE: usize = 2_000;

fn files_of(files: &JsValue) -> Vec<web_sys::File> {
    match files.dyn_ref::<js_sys::Array>() {
        Some(array) => array.iter().filter_map(|file| file.dyn_into::<web_sys::File>().ok()).collect(),
        None => Vec::new(),
    }
}

/// In a worker: answers every message, and says when it is ready for them.
#[wasm_bindgen(start)]
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        // On the page itself: the page calls [`Engine::answer`].
        return;
    };
    let engine = Engine::new();
    // The worker's memory, for the benchmarks that add it to the page's.
    let _ = js_sys::Reflect::set(&scope, &JsValue::from_str("shipcheckMemory"), &wasm_bindgen::memory());
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let (id, request, files) = (field("id"), field("request").as_string().unwrap_or_default(), field("files"));
        let progress = {
            let (scope, id) = (reply_to.clone(), id.clone());
            Closure::<dyn Fn(JsValue)>::new(move |progress: JsValue| post(&scope, &id, "progress", &progress))
        };
        let answered = engine.answer(request, files, progress.as_ref().unchecked_ref::<js_sys::Function>().clone());
        let (scope, id) = (reply_to.clone(), id.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let answer = wasm_bindgen_futures::JsFuture::from(answered).await.unwrap_or(JsValue::NULL);
            post(&scope, &id, "answer", &answer);
            drop(progress);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &JsValue::from_str("ready"), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
    // Ready to read the seller's file before it is picked.
    let _ = crate::reader::Reader::shared();
    // In a task of its own, after the messages already waiting: the page's first questions are
    // answered first.
    let warm_up = Closure::once_into_js(|| {
        let now = DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
        shipcheck_engine::warm_up::run(shipcheck_engine::warm_up::ROWS, now);
    });
    let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(warm_up.unchecked_ref(), 0);
}

/// Posts `{id, [key]: value}` to the page.
fn post(scope: &web_sys::DedicatedWorkerGlobalScope, id: &JsValue, key: &str, value: &JsValue) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("id"), id);
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
    let _ = scope.post_message(&message);
}
