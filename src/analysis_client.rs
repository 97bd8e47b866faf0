//! The page's side of the analysis worker (`analysis-worker/`): every analysis of the app runs
//! there, off the main thread, so a long article never freezes the page, and the app's own wasm
//! carries no analysis code. The protocol is described in `analysis-worker/src/main.rs`; the
//! answer's bytes are `annotator_core::formats::analysis`.
//!
//! One worker for the page's life. `static/early.js` starts it at page load (so its wasm
//! downloads and compiles beside the app's) and keeps what it says until the app takes it over
//! here; without that script the app starts it. Either way it fetches the models' data files
//! itself. Each request carries an id: the answer goes
//! to whoever asked, and one nobody waits for any more (the reader left the article) is dropped.
//!
//! When the worker cannot start or stops, every waiting and later request fails with a sentence
//! for the reader, and the callers show the text with its structure alone
//! ([`annotator_core::outline`]).

use std::cell::RefCell;
use std::collections::HashMap;

use annotator_core::formats::analysis;
use annotator_core::Analysis;
use futures::channel::oneshot;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::js_field::get;
use crate::timing::timed;

/// The worker's loader (static/analysis-worker_loader.js), relative to the page; the same name as
/// in static/early.js.
const WORKER_URL: &str = "./analysis-worker_loader.js";
/// How long the worker may take to say it listens: a worker that hangs while loading says
/// nothing at all (its loader reports a wasm that fails), and the reader must not wait on
/// "Analysing…" for ever. Far longer than a slow phone takes to compile it.
const START_TIMEOUT_MS: u32 = 60_000;

const COULD_NOT_START: &str = "The analysis could not start in this browser";
const WITHOUT: &str = "The text is shown without names, statements or suggestions.";

type Waiter<T> = oneshot::Sender<Result<T, String>>;

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    started: bool,
    ready: bool,
    /// Why the worker is not there (then every request fails with it).
    failed: Option<String>,
    /// Messages for the worker before it listens.
    queued: Vec<JsValue>,
    pending: HashMap<u32, Waiter<ArrayBuffer>>,
    next_id: u32,
    /// What the worker said of the models' data files, once it has.
    models: Option<Result<(), String>>,
    models_waiting: Vec<Waiter<()>>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::default();
}

/// The worker static/early.js started, and what it said before the app took it over.
fn early_worker() -> Option<(Result<Worker, String>, Array)> {
    let early = get(&gloo::utils::window(), "__annotatorEarly");
    if !early.is_object() {
        return None;
    }
    let inbox = get(&early, "inbox").dyn_into::<Array>().unwrap_or_default();
    match get(&early, "worker").dyn_into::<Worker>() {
        Ok(w) => Some((Ok(w), inbox)),
        Err(_) => get(&early, "workerError").as_string().map(|e| (Err(e), inbox)),
    }
}

fn start(c: &mut Client) {
    if c.started {
        return;
    }
    c.started = true;
    let (worker, inbox) = early_worker().unwrap_or_else(|| (Worker::new(WORKER_URL).map_err(|e| format!("{e:?}")), Array::new()));
    let worker = match worker {
        Ok(w) => w,
        Err(why) => {
            gloo::console::error!(format!("analysis worker: {why}"));
            let why = format!("{COULD_NOT_START} (it has no Web Workers, or they are turned off). {WITHOUT}");
            c.models = Some(Err(why.clone()));
            c.failed = Some(why);
            return;
        }
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| on_message(e.data()));
    let onerror = Closure::<dyn FnMut(JsValue)>::new(on_error);
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    // For the page's life, like the worker.
    onmessage.forget();
    onerror.forget();
    c.worker = Some(worker);
    // What it said before: handled after this borrow ends, in order.
    let inbox: Vec<JsValue> = inbox.iter().collect();
    wasm_bindgen_futures::spawn_local(async move {
        for m in inbox {
            if get(&m, "workerError").is_truthy() {
                on_error(m);
            } else {
                on_message(m);
            }
        }
    });
    gloo::timers::callback::Timeout::new(START_TIMEOUT_MS, || {
        if CLIENT.with(|c| !c.borrow().ready) {
            fail(format!("{COULD_NOT_START} (it did not answer). {WITHOUT}"));
        }
    })
    .forget();
}

fn on_error(e: JsValue) {
    let listening = CLIENT.with(|c| c.borrow().ready);
    let detail = get(&e, "message").as_string().unwrap_or_default();
    gloo::console::error!(format!("analysis worker failed: {detail}"));
    fail(if listening {
        format!("The analysis stopped with an error. {WITHOUT} Reload the page to try again.")
    } else {
        format!("{COULD_NOT_START} (its files did not load). {WITHOUT}")
    });
}

/// The worker is gone: everyone waiting, and everyone who asks from now on, is told why.
fn fail(why: String) {
    let (pending, models) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.failed.is_some() {
            return (Vec::new(), Vec::new());
        }
        c.failed = Some(why.clone());
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        c.queued.clear();
        if c.models.is_none() {
            c.models = Some(Err(why.clone()));
        }
        (c.pending.drain().map(|(_, w)| w).collect::<Vec<_>>(), std::mem::take(&mut c.models_waiting))
    });
    for w in pending {
        let _ = w.send(Err(why.clone()));
    }
    for w in models {
        let _ = w.send(Err(why.clone()));
    }
}

fn on_message(data: JsValue) {
    if data.as_string().as_deref() == Some("ready") {
        let queued = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            c.ready = true;
            std::mem::take(&mut c.queued)
        });
        queued.into_iter().for_each(post);
        return;
    }
    // The loader could not start the worker's wasm.
    if let Some(why) = get(&data, "failed").as_string() {
        gloo::console::error!(format!("analysis worker failed: {why}"));
        fail(format!("{COULD_NOT_START} (its files did not load). {WITHOUT}"));
        return;
    }
    if get(&data, "models").is_truthy() {
        let result = get(&data, "notice").as_string().map_or(Ok(()), Err);
        let waiting = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            c.models = Some(result.clone());
            std::mem::take(&mut c.models_waiting)
        });
        for w in waiting {
            let _ = w.send(result.clone());
        }
        return;
    }
    let Some(id) = get(&data, "id").as_f64() else { return };
    // Nobody waits for it any more: dropped without reading it.
    let Some(waiter) = CLIENT.with(|c| c.borrow_mut().pending.remove(&(id as u32))) else { return };
    if waiter.is_canceled() {
        return;
    }
    // The worker's own time, apart from the page's (the round trip waits for the page's other
    // work too): what the benchmarks report as the analysis.
    if let Some(took) = get(&data, "took").as_f64() {
        crate::timing::record_spent("annotator:analysis-in-worker", took);
    }
    let answer = get(&data, "analysis").dyn_into::<ArrayBuffer>().map_err(|_| "The analysis sent no answer.".to_string());
    let _ = waiter.send(answer);
}

fn post(message: JsValue) {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        start(&mut c);
        if c.failed.is_some() {
            return;
        }
        match (&c.worker, c.ready) {
            (Some(w), true) => {
                let _ = w.post_message(&message);
            }
            _ => c.queued.push(message),
        }
    });
}

/// Analyse `text` in the worker. `Err` is the sentence for the reader when the worker is not
/// there.
pub async fn analyze(text: &str) -> Result<Analysis, String> {
    let answer = answer(text).await?;
    timed("annotator:analysis-received", || analysis::decode(&Uint8Array::new(&answer).to_vec()))
}

/// [`analyze`]'s answer as the worker sent it, `formats::analysis` bytes, for a caller that reads
/// it a slice at a time (`formats::analysis::Decoding`).
pub async fn answer(text: &str) -> Result<ArrayBuffer, String> {
    let (tx, rx) = oneshot::channel();
    let id = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        start(&mut c);
        if let Some(why) = &c.failed {
            return Err(why.clone());
        }
        c.next_id = c.next_id.wrapping_add(1);
        let id = c.next_id;
        c.pending.insert(id, tx);
        Ok(id)
    })?;
    let message = Object::new();
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    let _ = Reflect::set(&message, &"text".into(), &text.into());
    post(message.into());
    rx.await.unwrap_or_else(|_| Err("The analysis stopped without an answer.".into()))
}

/// [`analyze`], or — when the worker is not there — the text with its structure alone, so the
/// reader can still read it (the caller has told them why, or [`models`] has).
pub async fn analyze_or_outline(text: &str) -> Analysis {
    match analyze(text).await {
        Ok(a) => a,
        Err(_) => annotator_core::outline(text),
    }
}

/// Resolves once the worker has installed the models' data files: `Err` is the sentence for the
/// reader when one could not be, or when the worker is not there.
pub async fn models() -> Result<(), String> {
    let rx = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        start(&mut c);
        if let Some(r) = &c.models {
            return Err(r.clone());
        }
        let (tx, rx) = oneshot::channel();
        c.models_waiting.push(tx);
        Ok(rx)
    });
    match rx {
        Ok(rx) => rx.await.unwrap_or(Ok(())),
        Err(known) => known,
    }
}
