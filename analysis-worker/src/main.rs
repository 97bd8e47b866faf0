//! The analysis worker: `annotator_core::analyze` off the page's main thread. One worker for the
//! page's life, started by `static/early.js` at page load, so its wasm downloads and compiles
//! beside the app's; the page's side is `src/analysis_client.rs`. Its loader
//! (static/analysis-worker_loader.js) fetches the models' data files itself, as the worker
//! starts, and hands them to [`data_files`] once the wasm runs: a worker thread's fetches end on
//! time whatever the page's main thread is busy with, so the models are in place before the page
//! asks for its first article.
//!
//! Messages, worker → page:
//! - `"ready"` once it listens (a message posted to a worker before then is lost);
//! - `{failed}` from its loader when the wasm did not start;
//! - `{models: true, notice}` once the models' data files are installed, `notice` the sentence
//!   for the reader when one could not be (else null);
//! - `{id, analysis, took}`: the answer to request `id`, an `ArrayBuffer` (transferred) in
//!   `annotator_core::formats::analysis`' form, and the milliseconds the analysis and its
//!   encoding took in the worker (the page records them for the benchmarks).
//!
//! Page → worker: `{id, text}`, analyse `text`. Requests that come before the data files wait for
//! them, so no article is analysed without a model that is on its way.

use std::cell::RefCell;

use annotator_core::formats::analysis;
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

// Like the app: the core is optimised for speed inside a size-optimised LTO build, which needs
// the allocator behind opaque calls (`annotator_core::heap`).
#[global_allocator]
static ALLOCATOR: annotator_core::heap::OpaqueAlloc = annotator_core::heap::OpaqueAlloc;

/// A made-up news paragraph exercising the analysis (entities, attribution, hedges, criticism).
const WARM_UP: &str = "The Ministry of Transport said on Monday that it would suspend the new tariff, \
according to a statement seen by Reuters. Critics condemned the decision, warning that it could \
undermine investment in Northern Europe. \"We are disappointed,\" said Maria Okafor, a \
spokesperson for Acme Rail Inc. (ARI). Analysts expect the rule may take effect next year, but it \
remains to be seen whether the European Commission will approve it. Dutch and German officials \
declined to comment.\n\n";

/// How many copies of `WARM_UP` the warm-up analyses, in all. V8 only queues a function for
/// optimisation once it has used up a budget of executed code, and the passes called once per
/// analysis (one long loop each) exhaust it only on a sample this size (docs/performance.md).
const WARM_UP_COPIES: usize = 100;
/// The warm-up runs in steps of this many copies, each a task of its own, so that an article
/// asked for meanwhile waits for one step at most, not for the whole warm-up. The budget is
/// spent across calls alike.
const WARM_UP_STEP: usize = 10;

/// How long after the models are installed the warm-up starts. The page is then still starting
/// (the app's wasm, its first frames) on the same few cores: a warm-up at once made a first
/// visit's article ~40 ms later (docs/performance.md, `warm16`), and a remembered article is asked
/// for within that time anyway, so the warm-up serves a reader choosing from the list.
const WARM_UP_AFTER_MS: i32 = 1500;

/// A data file and what the analysis does without it (told to the reader). In the order the
/// loader hands them to [`data_files`].
struct DataFile {
    url: &'static str,
    what: &'static str,
    install: fn(&[u8]) -> Result<(), String>,
    without: &'static str,
}

const DATA_FILES: [DataFile; 2] = [
    DataFile {
        url: "entities.bin",
        what: "the entity model",
        install: annotator_core::ner::install,
        without: "Names are found by the rules alone.",
    },
    DataFile {
        url: "attribution.bin",
        what: "the attribution model",
        install: annotator_core::attribution::install,
        without: "Who says what is not found; suggestions come from cue words alone.",
    },
];

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Install one data file from the loader's answer for its fetch. The sentence for the reader
/// when it is not installed.
fn install(f: &DataFile, file: &JsValue) -> Result<(), String> {
    fetched(f, file)
        .and_then(|b| (f.install)(&Uint8Array::new(&b).to_vec()).map_err(|e| format!("Could not use {} ({}): {e}.", f.what, f.url)))
        .map_err(|e| format!("{e} {}", f.without))
}

/// The loader's answer for a fetch, `{ok, status, statusText, bytes}` or `{error}`: the bytes, or
/// the sentence for the reader, worded as the app words its own failed fetches
/// (src/effects/fetch.rs, `could_not_load`).
fn fetched(f: &DataFile, answer: &JsValue) -> Result<ArrayBuffer, String> {
    let why = match get(answer, "error").as_string() {
        Some(error) => error,
        None if get(answer, "ok").as_bool() == Some(true) => match get(answer, "bytes").dyn_into::<ArrayBuffer>() {
            Ok(b) => return Ok(b),
            Err(_) => "it sent nothing".into(),
        },
        None => {
            let status = get(answer, "status").as_f64().unwrap_or(0.0);
            format!("the server answered {status} {}", get(answer, "statusText").as_string().unwrap_or_default())
        }
    };
    Err(format!("Could not load {} ({}): {why}.", f.what, f.url))
}

#[derive(Default)]
struct Worker {
    /// The data files were fetched (installed or not).
    models: bool,
    /// Requests that came before them.
    waiting: Vec<JsValue>,
    /// An article was analysed: it warmed the code up, the warm-up stops.
    answered: bool,
}

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::default();
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// One step of the warm-up, then the next in a task of its own, until the copies are done or an
/// article came.
fn warm_up(copies_left: usize) {
    if copies_left == 0 || WORKER.with(|w| w.borrow().answered) {
        return;
    }
    let _ = annotator_core::analyze(&WARM_UP.repeat(WARM_UP_STEP));
    let next = Closure::once_into_js(move || warm_up(copies_left.saturating_sub(WARM_UP_STEP)));
    let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
}

fn answer(request: &JsValue) {
    WORKER.with(|w| w.borrow_mut().answered = true);
    let id = get(request, "id");
    let text = get(request, "text").as_string().unwrap_or_default();
    let clock = scope().performance();
    let start = clock.as_ref().map_or(0.0, |p| p.now());
    let bytes = analysis::encode(&annotator_core::analyze(&text));
    let took = clock.as_ref().map_or(0.0, |p| p.now()) - start;
    let buffer = Uint8Array::from(&bytes[..]).buffer();
    let out = Object::new();
    let _ = Reflect::set(&out, &"id".into(), &id);
    let _ = Reflect::set(&out, &"analysis".into(), &buffer);
    let _ = Reflect::set(&out, &"took".into(), &took.into());
    // Transferred, not copied.
    let _ = scope().post_message_with_transfer(&out, &Array::of1(&buffer));
}

/// The models' data files, from the loader's fetches (static/analysis-worker_loader.js): for each,
/// `{ok, status, statusText, bytes}` or `{error}`. Installed, the page told, and then the
/// requests that waited for them answered, or the warm-up started when none did.
#[wasm_bindgen]
pub fn data_files(entities: JsValue, attribution: JsValue) {
    let notices: Vec<String> = DATA_FILES
        .iter()
        .zip([&entities, &attribution])
        .filter_map(|(f, file)| install(f, file).err())
        .collect();
    let out = Object::new();
    let _ = Reflect::set(&out, &"models".into(), &JsValue::TRUE);
    let notice = if notices.is_empty() { JsValue::NULL } else { notices.join(" ").into() };
    let _ = Reflect::set(&out, &"notice".into(), &notice);
    let _ = scope().post_message(&out);
    let waiting = WORKER.with(|w| {
        let mut w = w.borrow_mut();
        w.models = true;
        std::mem::take(&mut w.waiting)
    });
    if waiting.is_empty() {
        // Nothing asked yet (the app is still starting, or the reader is choosing): the
        // browser compiles wasm lazily and optimises what has run, in the background, so a
        // warm-up lets a later article meet optimised code; it waits for the page's own start
        // (`WARM_UP_AFTER_MS`) and stops once an article is asked for. An article already
        // waiting is analysed at once instead: warming up first would only delay it.
        let later = Closure::once_into_js(|| warm_up(WARM_UP_COPIES));
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), WARM_UP_AFTER_MS);
    }
    waiting.iter().for_each(answer);
}

fn on_message(data: JsValue) {
    if WORKER.with(|w| w.borrow().models) {
        answer(&data);
    } else {
        WORKER.with(|w| w.borrow_mut().waiting.push(data));
    }
}

fn main() {
    let scope = scope();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| on_message(e.data()));
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
