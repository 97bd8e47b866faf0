//! The page's side of article extraction: a saved page (its bytes) or pasted HTML goes to the
//! extraction worker (`extract-worker/`, annotator-extract compiled on its own), which decodes and
//! checks it; the browser's `DOMParser` parses it here (a worker has none; `extract_dom.js`), and
//! the worker extracts the article from that tree. Its answer comes back as an [`Extraction`] or
//! a message for the reader.
//!
//! A worker is started for each page and terminated after its answer, so the extraction's wasm is
//! fetched only when a reader adds a page (the browser caches it after the first), and a page that
//! takes too long is abandoned with a message.

use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo::timers::future::TimeoutFuture;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::js_field::get;

#[wasm_bindgen(module = "/src/extract_dom.js")]
extern "C" {
    /// The page's tree, parsed by the browser (inert: nothing runs or is fetched), in the
    /// extraction's compact form.
    #[wasm_bindgen(js_name = pageTree, catch)]
    fn page_tree(html: &str, keep: &str, skip: &str) -> Result<String, JsValue>;
}

/// Trunk's loader for the worker (index.html, `data-loader-shim`), relative to the page.
const WORKER_URL: &str = "./extract-worker_loader.js";
/// Longer than any real page takes, short enough that a reader is not left waiting.
const TIMEOUT_MS: u32 = 20_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    pub title: String,
    pub byline: Option<String>,
    pub date: Option<String>,
    /// The title line, then one block per line.
    pub text: String,
    pub words: u32,
    /// False when the page had no article: `text` is then the page's plain text.
    pub article: bool,
}

fn parse_answer(a: &JsValue) -> Result<Extraction, String> {
    if get(a, "ok").as_bool() != Some(true) {
        return Err(get(a, "error").as_string().unwrap_or_else(|| "The page could not be read.".into()));
    }
    Ok(Extraction {
        title: get(a, "title").as_string().unwrap_or_default(),
        byline: get(a, "byline").as_string(),
        date: get(a, "date").as_string(),
        text: get(a, "text").as_string().unwrap_or_default(),
        words: get(a, "words").as_f64().unwrap_or(0.0) as u32,
        article: get(a, "article").as_bool().unwrap_or(false),
    })
}

/// Extract the article from a page: `input` is a `Uint8Array` of the file's bytes (decoded in the
/// worker by the page's own encoding) or a string of pasted HTML.
pub async fn extract(input: JsValue) -> Result<Extraction, String> {
    let worker = Worker::new(WORKER_URL).map_err(|_| "This browser cannot start the page reader (Web Workers are off).".to_owned())?;
    let (tx, rx) = oneshot::channel::<Result<Extraction, String>>();
    let tx = std::rc::Rc::new(std::cell::RefCell::new(Some(tx)));
    let onmessage = {
        let (tx, worker) = (tx.clone(), worker.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            if data.as_string().as_deref() == Some("ready") {
                if worker.post_message(&input).is_err() {
                    if let Some(tx) = tx.borrow_mut().take() {
                        let _ = tx.send(Err("The page could not be handed to the page reader.".into()));
                    }
                }
                return;
            }
            // Step 1's answer: the page's text, to parse here and send back as a tree.
            if let Some(html) = get(&data, "html").as_string() {
                let keep = get(&data, "keep").as_string().unwrap_or_default();
                let skip = get(&data, "drop").as_string().unwrap_or_default();
                let sent = page_tree(&html, &keep, &skip).ok().and_then(|tree| {
                    let msg = js_sys::Object::new();
                    Reflect::set(&msg, &JsValue::from_str("tree"), &JsValue::from_str(&tree)).ok()?;
                    worker.post_message(&msg).ok()
                });
                if sent.is_some() {
                    return;
                }
                if let Some(tx) = tx.borrow_mut().take() {
                    let _ = tx.send(Err("This browser could not parse the page.".into()));
                }
                return;
            }
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(parse_answer(&data));
            }
        })
    };
    let onerror = {
        let tx = tx.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(Err("The page reader stopped with an error (the page may be too large or damaged).".into()));
            }
        })
    };
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    let result = match select(rx, TimeoutFuture::new(TIMEOUT_MS)).await {
        Either::Left((Ok(r), _)) => r,
        Either::Left((Err(_), _)) => Err("The page reader stopped without an answer.".into()),
        Either::Right(_) => Err(format!(
            "Reading this page took longer than {} seconds, so it was stopped. Copy the article's text and paste it instead.",
            TIMEOUT_MS / 1000
        )),
    };
    worker.terminate();
    result
}
