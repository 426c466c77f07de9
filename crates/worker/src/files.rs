//! Checking the files a seller picked: each goes to the engine's pipeline a slice of its bytes
//! at a time, straight from disk (no export is ever held whole), the next slice already being
//! read while the current one is imported; the orders are then checked a batch at a time. Every
//! 10 ms of reading, and between batches, the worker takes its messages, so a Cancel is heard at
//! once; every 50 ms of reading, and after each batch, it tells the page how far it has come.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use shipcheck_engine::import::Step;
use shipcheck_engine::pipeline::Pipeline;
use shipcheck_engine::protocol::{Failure, Progress, Response};
use shipcheck_engine::service::{Service, CHECK_BATCH};
use shipcheck_engine::upload_check::too_large;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::reader::Reader;

/// Bytes read from disk at a time: a sixteenth of the file, from 1 to 8 MiB, so that neither the
/// JavaScript heap nor WASM memory holds a whole large export (only the pipeline's orders do).
const SLICE_BYTES: std::ops::RangeInclusive<f64> = (1 << 20) as f64..=(8 << 20) as f64;

/// The least time the worker works between taking its messages. A workbook is read in steps of
/// 128 KiB of XML, and telling and pausing after every one of them took about a tenth of the
/// worker's time in a CPU profile of a 100k-row workbook's check (`postMessage` 6 %, the
/// JavaScript around it 4 %); every 10 ms a Cancel is still taken at once.
const WORK_BETWEEN_PAUSES_MS: f64 = 10.0;

/// The least time between two messages telling how far the reading has come: the page draws
/// its bar again for each. Told at every pause, 10 ms apart, a 100k-row workbook took about a
/// sixth longer from the file picked to its check than told 50 ms apart (ten loads of each,
/// alternating, on a two-core machine; the same rows as CSV showed no difference). 20 times a
/// second is still a smooth bar.
const PROGRESS_EVERY_MS: f64 = 50.0;

/// When the worker last paused, and last told its progress.
struct Pauses {
    last: f64,
    told: f64,
}

impl Pauses {
    fn new() -> Pauses {
        let now = js_sys::Date::now();
        Pauses { last: now, told: now }
    }

    /// Whether the pause just begun should tell the progress too; if so, that time starts over.
    fn tell_due(&mut self) -> bool {
        let due = self.last - self.told >= PROGRESS_EVERY_MS;
        if due {
            self.told = self.last;
        }
        due
    }

    /// Whether it is time to pause again; if so, the time starts over.
    fn due(&mut self) -> bool {
        let now = js_sys::Date::now();
        let due = now - self.last >= WORK_BETWEEN_PAUSES_MS;
        if due {
            self.last = now;
        }
        due
    }
}

/// A file's slices, read with the next one already on its way: by the worker's reader where one
/// could start and the file has more than one slice, else by this worker.
struct Slices {
    file: web_sys::File,
    size: f64,
    reader: Option<Rc<Reader>>,
    /// The read of the slice after the last one handed out, and where it starts.
    ahead: Option<(f64, JsFuture)>,
}

impl Slices {
    fn new(file: web_sys::File) -> Slices {
        let size = (file.size() / 16.0).clamp(*SLICE_BYTES.start(), *SLICE_BYTES.end());
        let reader = (file.size() > size).then(Reader::shared).flatten();
        Slices { file, size, reader, ahead: None }
    }

    /// Starts reading the slice from `at`; `None` past the end.
    fn request(&self, at: f64) -> Result<Option<JsFuture>, String> {
        let end = (at + self.size).min(self.file.size());
        if at >= end {
            return Ok(None);
        }
        let slice = self.file.slice_with_f64_and_f64(at, end).map_err(describe)?;
        Ok(Some(match &self.reader {
            Some(reader) => reader.read(&slice),
            None => JsFuture::from(slice.array_buffer()),
        }))
    }

    /// Puts the slice from `at` in `piece` (empty past the end), and asks for the next.
    async fn read(&mut self, at: f64, piece: &mut Vec<u8>) -> Result<(), String> {
        let reading = match self.ahead.take() {
            Some((ahead, reading)) if ahead == at => Some(reading),
            _ => self.request(at)?,
        };
        // Freed first, so the next slice takes its room instead of growing the memory by one.
        *piece = Vec::new();
        if let Some(reading) = reading {
            let buffer = match reading.await {
                Ok(buffer) => buffer,
                // The reader failed: this slice and the rest are read here, where a failure of
                // the file itself is met again and reported.
                Err(_) if self.reader.take().is_some() => match self.request(at)? {
                    Some(reading) => reading.await.map_err(describe)?,
                    None => return Ok(()),
                },
                Err(error) => return Err(describe(error)),
            };
            *piece = js_sys::Uint8Array::new(&buffer).to_vec();
        }
        let next = at + piece.len() as f64;
        self.ahead = self.request(next)?.map(|reading| (next, reading));
        Ok(())
    }
}

/// What the browser said went wrong, as text.
pub fn describe(error: JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}

/// Waits for a task of its own, so the worker takes its messages in between: a message posted to
/// itself, not a zero timeout, which a browser stretches to 4 ms after a few.
pub async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else { return };
    let arrived = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    let _ = JsFuture::from(arrived).await;
    drop(channel);
}

/// A check under way: where it tells its progress, and the flag a Cancel sets.
pub struct Run {
    pub service: Rc<RefCell<Service>>,
    pub cancelled: Rc<Cell<bool>>,
    pub progress: js_sys::Function,
}

impl Run {
    fn tell(&self, progress: &Progress) {
        if let Ok(json) = serde_json::to_string(progress) {
            let _ = self.progress.call1(&JsValue::NULL, &JsValue::from_str(&json));
        }
    }

    /// Lets the worker take its messages; whether the check was cancelled meanwhile.
    async fn pause(&self) -> bool {
        next_task().await;
        self.cancelled.get()
    }

    /// The bulk tracking upload in `file`, checked against the orders: read whole, as it is small
    /// (its size is checked first).
    pub async fn upload_check(&self, file: &web_sys::File, now: i64) -> Response {
        if let Some(refused) = too_large(file.size() as u64) {
            return Response::Failed(Failure {
                message: refused.message,
                message_zh: refused.message_zh,
                mapping: None,
            });
        }
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => self.service.borrow().upload_check(&js_sys::Uint8Array::new(&buffer).to_vec(), now),
            Err(e) => Response::Failed(Failure::plain(format!("{} could not be read: {e:?}", file.name()))),
        }
    }

    /// Reads and checks `files`, and keeps the result in the service.
    pub async fn check_files(&self, files: Vec<web_sys::File>, now: chrono::DateTime<chrono::Utc>) -> Response {
        self.cancelled.set(false);
        if let Some(failure) = Failure::too_large_for_page(files.iter().map(|file| file.size() as u64).sum()) {
            return Response::Failed(failure);
        }
        let pipeline = self.service.borrow_mut().pipeline();
        let mut pipeline = match pipeline {
            Ok(pipeline) => pipeline,
            Err(failure) => return Response::Failed(failure),
        };
        let count = files.len() as u32;
        for (number, file) in (1..).zip(files) {
            match self.read_file(&mut pipeline, file, number, count).await {
                Ok(true) => {}
                Ok(false) => return Response::Cancelled,
                Err(response) => return response,
            }
        }
        let mut checking = pipeline.checking();
        while checking.step(CHECK_BATCH) {
            let (done, total) = checking.progress();
            self.tell(&Progress {
                file: String::new(),
                number: count,
                files: count,
                bytes_read: 0,
                total_bytes: 0,
                checked: Some((done as u32, total as u32)),
            });
            if self.pause().await {
                return Response::Cancelled;
            }
        }
        let checked = checking.finish(now);
        self.service.borrow_mut().accept(Ok(checked))
    }

    /// Reads one file into the pipeline; `Ok(false)` when cancelled.
    async fn read_file(
        &self,
        pipeline: &mut Pipeline,
        file: web_sys::File,
        number: u32,
        files: u32,
    ) -> Result<bool, Response> {
        let name = file.name();
        let unreadable = |e: String| {
            Response::Failed(Failure {
                message: format!("{name} could not be read: {e}"),
                message_zh: format!("{name} 无法读取：{e}"),
                mapping: None,
            })
        };
        let total_bytes = file.size() as u64;
        // The pipeline says which bytes it wants next: those after the ones it used, or the
        // file's start again for its next pass.
        let mut reading = pipeline.open(Some(&name), total_bytes);
        let mut slices = Slices::new(file);
        let mut pauses = Pauses::new();
        let (mut piece, mut at, mut used) = (Vec::new(), 0.0, 0);
        slices.read(at, &mut piece).await.map_err(unreadable)?;
        loop {
            let step = pipeline
                .read_piece(&mut reading, &piece[used..], usize::MAX)
                .map_err(|error| Response::Failed(error.into()))?;
            let next_slice = match step {
                Step::Next(n) => {
                    used += n;
                    (used == piece.len() && !piece.is_empty()).then_some(at + piece.len() as f64)
                }
                Step::FromStart => Some(0.0),
                Step::Done => return Ok(true),
            };
            if let Some(next) = next_slice {
                (at, used) = (next, 0);
                slices.read(at, &mut piece).await.map_err(unreadable)?;
            }
            if !pauses.due() {
                continue;
            }
            if pauses.tell_due() {
                let read = reading.progress();
                self.tell(&Progress {
                    file: name.clone(),
                    number,
                    files,
                    bytes_read: read.bytes_read,
                    total_bytes: read.total_bytes,
                    checked: None,
                });
            }
            if self.pause().await {
                return Ok(false);
            }
        }
    }
}
