//! A worker of its own that reads a file's slices from disk, so that the engine's worker never
//! waits for them. A `Blob`'s bytes reach the thread that asked for them in steps that thread
//! must take between its own tasks; the engine's worker, busy importing a slice, took none, and
//! the next slice only came in once it stopped to wait: 107–116 ms of a 100k-row CSV's 441 ms of
//! reading, measured inside the worker. Here another thread takes those steps and hands each
//! slice over whole, its buffer moved, not copied.
//!
//! The reader is a few lines of JavaScript started from a `blob:` URL, once, when the engine's
//! worker starts, and kept for every file after: started for each file, it kept the file's
//! first slice waiting while it started. It answers in the order it is asked, so each answer
//! goes to its own question, even one of a check cancelled since. Where it cannot start (a
//! policy that forbids it, a browser without workers in workers) or fails, the engine's worker
//! reads the slices itself, as before.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Reads each `Blob` it is sent, in the order sent, and sends back its bytes (the buffer
/// moved), or what went wrong as text.
const READER: &str = "let reads = Promise.resolve();\n\
onmessage = ({ data }) => {\n\
  reads = reads.then(() => data.arrayBuffer()).then((bytes) => postMessage(bytes, [bytes]), (e) => postMessage(String(e)));\n\
};\n";

const STOPPED: &str = "the file's reader stopped";

/// The promises of the slices asked for and not yet come, in the order asked: their resolve
/// and reject functions.
type Waiting = Rc<RefCell<VecDeque<(js_sys::Function, js_sys::Function)>>>;

pub struct Reader {
    worker: web_sys::Worker,
    waiting: Waiting,
    /// The reader could not run: every read is refused at once.
    stopped: Rc<Cell<bool>>,
    _arrived: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _failed: Closure<dyn FnMut(JsValue)>,
}

thread_local! {
    static SHARED: OnceCell<Option<Rc<Reader>>> = const { OnceCell::new() };
}

impl Reader {
    /// The reader every file is read by, started at the first call; `None` if a worker cannot
    /// be started here.
    pub fn shared() -> Option<Rc<Reader>> {
        SHARED.with(|shared| shared.get_or_init(|| Reader::start().map(Rc::new)).clone())
    }

    fn start() -> Option<Reader> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/javascript");
        let source = js_sys::Array::of1(&JsValue::from_str(READER));
        let script = web_sys::Blob::new_with_str_sequence_and_options(&source, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&script).ok()?;
        let worker = web_sys::Worker::new(&url);
        let _ = web_sys::Url::revoke_object_url(&url);
        let worker = worker.ok()?;
        let waiting: Waiting = Rc::default();
        let queue = Rc::clone(&waiting);
        let arrived = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some((resolve, reject)) = queue.borrow_mut().pop_front() else { return };
            let data = event.data();
            let settle = if data.is_instance_of::<js_sys::ArrayBuffer>() { resolve } else { reject };
            let _ = settle.call1(&JsValue::NULL, &data);
        });
        // A reader that cannot run (its script refused, say) fails every read, waiting or to come.
        let (queue, stopped) = (Rc::clone(&waiting), Rc::new(Cell::new(false)));
        let stop = Rc::clone(&stopped);
        let failed = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            stop.set(true);
            for (_, reject) in queue.borrow_mut().drain(..) {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(STOPPED));
            }
        });
        worker.set_onmessage(Some(arrived.as_ref().unchecked_ref()));
        worker.set_onerror(Some(failed.as_ref().unchecked_ref()));
        Some(Reader { worker, waiting, stopped, _arrived: arrived, _failed: failed })
    }

    /// The bytes of `slice`, once the reader has read them.
    pub fn read(&self, slice: &web_sys::Blob) -> JsFuture {
        if self.stopped.get() {
            return JsFuture::from(js_sys::Promise::reject(&JsValue::from_str(STOPPED)));
        }
        let waiting = Rc::clone(&self.waiting);
        let promise = js_sys::Promise::new(&mut |resolve, reject| waiting.borrow_mut().push_back((resolve, reject)));
        if let Err(error) = self.worker.post_message(slice) {
            if let Some((_, reject)) = self.waiting.borrow_mut().pop_back() {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        }
        JsFuture::from(promise)
    }
}
